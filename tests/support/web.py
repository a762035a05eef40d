"""The web ledger as a test sees it: sign someone in from a chat conversation, read pages as text.

client = sign_in(chat, "李书记")          # 网页台账 in their private chat, open the link, 登录
page = client.get("/issues/1")
assert "待受理" in visible(page.text)
page = act(client, 1, "assign", to="物业", deadline="3个工作日")
assert flash(page.text) == "#1 已派单给 物业，期限 11月26日。"
"""

from __future__ import annotations

import re
import warnings
from html.parser import HTMLParser

import httpx
from starlette.exceptions import StarletteDeprecationWarning

from bot.config import Settings, WebSettings
from bot.web.app import create_app
from tests.support.conversation import Conversation

with warnings.catch_warnings():
    # Starlette warns that its test client's httpx is deprecated; that is not ours to fix.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    from starlette.testclient import TestClient

BASE_URL = "http://127.0.0.1:8600"
LINK = re.compile(r"https?://\S+/login/\S+")


def web_settings(settings: Settings, **changes: object) -> Settings:
    """`settings` with the web ledger enabled (and any other web settings changed)."""
    return settings.model_copy(update={"web": WebSettings(enabled=True, **changes)})  # type: ignore[arg-type]


def browser(conversation: Conversation) -> TestClient:
    """A fresh browser (its own cookies) on the conversation's web ledger."""
    return TestClient(create_app(conversation.linli), base_url=BASE_URL)


def link_for(conversation: Conversation, name: str) -> str:
    """The sign-in link `name` gets by asking for 网页台账 in their private chat."""
    replies = conversation.say(f"@{name}/私聊: 网页台账")
    assert len(replies) == 1, replies
    found = LINK.search(replies[0][1])
    assert found is not None, replies
    return found.group(0)


def open_link(client: TestClient, link: str) -> dict[str, str]:
    """Open the link page in `client`: the hidden fields of its 登录 form."""
    page = client.get(link)
    assert page.status_code == 200, page.text
    return {"token": hidden(page.text, "token"), "login": hidden(page.text, "login")}


def sign_in(conversation: Conversation, name: str, client: TestClient | None = None) -> TestClient:
    """`name` signs in: 网页台账 in chat, open the link, press 登录. The signed-in browser."""
    client = client or browser(conversation)
    fields = open_link(client, link_for(conversation, name))
    page = client.post("/login", data=fields)
    assert page.status_code == 200 and "退出" in page.text, page.text
    return client


def hidden(html: str, name: str) -> str:
    """The value of the first hidden field called `name`."""
    found = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', html)
    assert found is not None, f"no hidden field {name!r}"
    return found.group(1)


def act(
    client: TestClient, number: int, verb: str, csrf: str | None = None, **fields: str
) -> httpx.Response:
    """Send the `verb` form of issue `number` as its page offers it (the page's csrf and nonce;
    a made-up nonce when the page does not offer the form). The page it leads to."""
    page = client.get(f"/issues/{number}")
    if csrf is None:
        csrf = csrf_of(page.text) if page.status_code == 200 else csrf_of(client.get("/").text)
    form = re.search(rf'action="/issues/{number}/{verb}">\s*(.*?)</form>', page.text, re.S)
    nonce = hidden(form.group(1), "nonce") if form else f"test-{verb}-{number}"
    sent: httpx.Response = client.post(
        f"/issues/{number}/{verb}", data={"csrf": csrf, "nonce": nonce, **fields}
    )
    return sent


def csrf_of(html: str) -> str:
    return hidden(html, "csrf")


def offered(html: str) -> list[str]:
    """The action buttons an issue page offers."""
    return re.findall(r'<form method="post" action="/issues/\d+/(\w+)">', html)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.rows: list[list[str]] = []
        self.flash: list[str] = []
        self._skip = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._flash_depth = 0
        self._flash_line: list[str] | None = None
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("script", "style", "select", "datalist"):
            self._skip += 1
        if tag in ("p", "div", "li", "tr", "h1", "h2", "dt", "dd", "br", "section", "td", "th"):
            self.parts.append("\n")
        if tag == "tr" and self._in_body:
            self._row = []
        if tag == "td" and self._row is not None:
            self._cell = []
        if tag == "div" and "flash" in classes:
            self._flash_depth = 1
        elif tag == "p" and self._flash_depth:
            self._flash_line = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "select", "datalist"):
            self._skip -= 1
        if tag == "thead":
            self._in_body = True
        if tag == "td" and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        if tag == "p" and self._flash_line is not None:
            self.flash.append("".join(self._flash_line))
            self._flash_line = None
        elif tag == "div" and self._flash_depth:
            self._flash_depth = 0

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.parts.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._flash_line is not None:
            self._flash_line.append(data)


def _parsed(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser


def visible(html: str) -> str:
    """The page's text as a person reads it: one line per block, spaces collapsed (the choices
    of drop-down lists left out)."""
    lines = (" ".join(line.split()) for line in "".join(_parsed(html).parts).splitlines())
    return "\n".join(line for line in lines if line)


def flash(html: str) -> str:
    """The answer shown at the top of the page after an action ('' when none)."""
    return "\n".join(_parsed(html).flash)


COLUMNS = ("mark", "number", "category", "where", "summary", "status", "holder", "deadline")


def rows(html: str) -> list[dict[str, str]]:
    """The ledger table's rows, by column."""
    return [dict(zip(COLUMNS, cells, strict=False)) for cells in _parsed(html).rows]


def numbers(html: str) -> list[int]:
    """The issue numbers the ledger lists, in order."""
    return [int(row["number"].lstrip("#")) for row in rows(html)]


def links(html: str, label: str) -> list[str]:
    """The addresses of the links labelled `label`."""
    return [
        href.replace("&amp;", "&")
        for href, text in re.findall(r'<a[^>]*href="([^"]*)"[^>]*>([^<]*)</a>', html)
        if text.strip() == label
    ]
