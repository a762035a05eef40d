"""A headless Chromium for the browser tests of the web pages, driven by its chromedriver.

The browser is Debian's `chromium` with its `chromium-driver` (`make test` installs both, and a
Chinese font, when missing). The driver is spoken to in the W3C WebDriver protocol over httpx:
plain JSON requests, so no client library is needed (Selenium would need urllib3 2, which the
pinned wechaty cannot take). The suite runs as root, hence `--no-sandbox`. Downloads go to a
folder the test chooses, with no prompt.

    with browser(tmp_path / "downloads") as page:
        page.open(url)
        page.click_text("下载")
        sheet = page.wait_for_download(".xlsx")
"""

from __future__ import annotations

import base64
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
BROWSER_FALLBACK = "/usr/bin/chromium"
DRIVERS = ("chromedriver",)
DRIVER_FALLBACK = "/usr/lib/chromium/chromedriver"
WIDTH, HEIGHT = 1280, 900
UNFINISHED = (".crdownload", ".tmp", ".part")
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C key of an element reference

_FIND_BY_TEXT = """
const wanted = arguments[0];
for (const el of document.querySelectorAll('a, button, input[type=submit], input[type=button]')) {
  const label = el.innerText || el.value || '';
  const shown = el.offsetParent !== null || el.getClientRects().length > 0;
  if (label.includes(wanted) && shown && !el.disabled) return el;
}
return null;
"""
_SELECT = """
const select = document.querySelector(arguments[0]);
for (const option of select.options) {
  if (option.text.trim() === arguments[1]) {
    select.value = option.value;
    select.dispatchEvent(new Event('change', {bubbles: true}));
    return true;
  }
}
return false;
"""


def chromium_paths() -> tuple[str, str] | None:
    """(browser, driver) paths of an installed Chromium and its driver, or None."""
    chromium = next(
        (found for name in (*BROWSERS, BROWSER_FALLBACK) if (found := shutil.which(name))), None
    )
    driver = next(
        (found for name in (*DRIVERS, DRIVER_FALLBACK) if (found := shutil.which(name))), None
    )
    return (chromium, driver) if chromium and driver else None


class WebDriverError(AssertionError):
    """The driver refused a command (no such element, a script error …)."""


class Browser:
    """One browser session with the few gestures a test needs; `command` for the rest."""

    def __init__(self, client: httpx.Client, session: str, downloads: Path) -> None:
        self._client = client
        self._session = session
        self.downloads = downloads

    def command(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        """One WebDriver command on this session; its `value`."""
        response = self._client.request(
            method,
            f"/session/{self._session}{path}",
            json=body if body is not None else ({} if method == "POST" else None),
        )
        value = response.json().get("value")
        if response.status_code >= 400:
            raise WebDriverError(f"{method} {path}: {value}")
        return value

    def script(self, source: str, *args: object) -> Any:
        return self.command("POST", "/execute/sync", {"script": source, "args": list(args)})

    def open(self, url: str) -> None:
        self.command("POST", "/url", {"url": url})

    @property
    def url(self) -> str:
        return str(self.command("GET", "/url"))

    def find(self, css: str, seconds: float = 10) -> str:
        """The element matching the CSS selector, once there is one: its reference."""
        deadline = time.monotonic() + seconds
        while True:
            found = self.command("POST", "/elements", {"using": "css selector", "value": css})
            if found:
                return str(found[0][ELEMENT])
            if time.monotonic() > deadline:
                raise AssertionError(f"no element {css!r} on the page:\n{self.text()}")
            time.sleep(0.1)

    def click(self, css: str) -> None:
        self.command("POST", f"/element/{self.find(css)}/click")

    def click_text(self, text: str, seconds: float = 10) -> None:
        """Click the first visible link or button whose text contains `text`."""
        deadline = time.monotonic() + seconds
        while (found := self.script(_FIND_BY_TEXT, text)) is None:
            if time.monotonic() > deadline:
                raise AssertionError(f"nothing to click reading {text!r}:\n{self.text()}")
            time.sleep(0.1)
        self.command("POST", f"/element/{found[ELEMENT]}/click")

    def fill(self, css: str, value: str) -> None:
        element = self.find(css)
        self.command("POST", f"/element/{element}/clear")
        self.command("POST", f"/element/{element}/value", {"text": value})

    def select(self, css: str, visible_text: str) -> None:
        self.find(css)
        if not self.script(_SELECT, css, visible_text):
            raise AssertionError(f"{css!r} has no option {visible_text!r}")

    def text(self) -> str:
        """The page's visible text."""
        return str(self.script("return document.body ? document.body.innerText : '';"))

    def wait_for_text(self, text: str, seconds: float = 10) -> None:
        deadline = time.monotonic() + seconds
        while text not in self.text():
            if time.monotonic() > deadline:
                raise AssertionError(f"the page never showed {text!r}:\n{self.text()}")
            time.sleep(0.1)

    def screenshot(self, path: Path) -> Path:
        """The whole page as a PNG (past the window's height)."""
        shot = self.command(
            "POST",
            "/goog/cdp/execute",
            {
                "cmd": "Page.captureScreenshot",
                "params": {"format": "png", "captureBeyondViewport": True},
            },
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    def wait_for_download(self, suffix: str, seconds: float = 15) -> Path:
        """The downloaded file ending in `suffix`, once the browser has finished writing it."""
        deadline = time.monotonic() + seconds
        while True:
            names = list(self.downloads.iterdir())
            done = [p for p in names if p.name.endswith(suffix)]
            if done and not any(p.name.endswith(UNFINISHED) for p in names):
                return max(done, key=lambda p: p.stat().st_mtime)
            if time.monotonic() > deadline:
                raise AssertionError(f"no {suffix} downloaded; the folder has {names}")
            time.sleep(0.1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def browser(downloads: Path) -> Iterator[Browser]:
    """A headless Chromium through its chromedriver, quit at the end."""
    paths = chromium_paths()
    if paths is None:
        raise RuntimeError("Chromium or chromedriver not found (make test installs them)")
    chromium, driver = paths
    downloads = downloads.resolve()
    downloads.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    process = subprocess.Popen(
        [driver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    profile = tempfile.TemporaryDirectory(prefix="linli-chromium-")
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
    try:
        for _ in range(100):  # the driver takes a moment to listen
            try:
                client.get("/status")
                break
            except httpx.TransportError:
                time.sleep(0.05)
        options = {
            "binary": chromium,
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                f"--window-size={WIDTH},{HEIGHT}",
                "--lang=zh-CN",
                f"--user-data-dir={profile.name}",
            ],
            "prefs": {
                "download.default_directory": str(downloads),
                "download.prompt_for_download": False,
                "download.directory_upgrade": True,
                "intl.accept_languages": "zh-CN,zh",
            },
        }
        capabilities = {"browserName": "chrome", "goog:chromeOptions": options}
        started = client.post("/session", json={"capabilities": {"alwaysMatch": capabilities}})
        value = started.json()["value"]
        if started.status_code >= 400:
            raise RuntimeError(f"Chromium did not start: {value}")
        page = Browser(client, value["sessionId"], downloads)
        page.command(
            "POST",
            "/goog/cdp/execute",
            {
                "cmd": "Browser.setDownloadBehavior",
                "params": {"behavior": "allow", "downloadPath": str(downloads)},
            },
        )
        try:
            yield page
        finally:
            page.command("DELETE", "")
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=10)
        profile.cleanup()
