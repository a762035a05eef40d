"""The web ledger in a real headless Chromium, beside a real `linli run` console bot.

The secretary asks the bot for a sign-in link in a private chat, opens it, filters the ledger
to 🔴, opens an issue, assigns it, and the reporter's group hears of it on the bot's console;
then downloads the xlsx and looks at the grid map. Screenshots of the ledger and the map are
written to `screenshots/` (or $LINLI_SCREENSHOTS), as the README says.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from tests.support.browser import browser, chromium_paths
from tests.support.console_process import bot
from tests.support.conversation import EXAMPLE_CONFIG, ROOT

pytestmark = pytest.mark.skipif(
    chromium_paths() is None,
    reason="Chromium and chromedriver are not installed (make test installs them)",
)

SCREENSHOTS = Path(os.environ.get("LINLI_SCREENSHOTS", ROOT / "screenshots"))
MONDAY_EVENING = "2026-11-23T17:00:00+08:00"
WEDNESDAY_MORNING = "2026-11-25T09:00:00+08:00"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def web_config(tmp_path: Path, port: int) -> Path:
    settings = yaml.safe_load(EXAMPLE_CONFIG.read_text(encoding="utf-8"))
    settings["web"] = {"enabled": True, "listen": "127.0.0.1", "port": port}
    settings["console"]["files"] = str(tmp_path / "exports")
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return config


def monday(config: Path) -> None:
    """Monday: residents report; the secretary accepts three as 简单 (due Tuesday), two wait."""
    with bot(config, MONDAY_EVENING, speed=60) as monday:
        monday.type(
            "@王芳/网格3群: #报事 3号楼2单元楼道灯坏了，晚上黑漆漆的",
            "@刘阿姨/网格3群: #报事 1号楼门口井盖松了，踩上去晃",
            "@陈大爷/网格5群: #报事 5号楼下水道堵了，一楼返水",
            "@孙先生/网格5群: #报事 6号楼充电桩一直充不上电",
            "@周女士/网格3群: #报事 2号楼门口有辆僵尸车停了半年，占着消防通道",
        )
        monday.wait_for("已登记 #5")
        monday.type("@李书记/工作群: 受理 1 简单", "@李书记/工作群: 受理 2 简单")
        monday.type("@李书记/工作群: 受理 3 简单")
        monday.wait_for("#3 已受理")
        assert monday.process.stdin is not None
        monday.process.stdin.close()
        assert monday.process.wait(timeout=30) == 0


def test_secretary_works_the_ledger_in_a_browser(tmp_path: Path) -> None:
    port = free_port()
    config = web_config(tmp_path, port)
    monday(config)

    # Wednesday, real time: #1–#3 are past their deadline (🔴); #4 and #5 are 复杂 (3 days).
    with bot(config, WEDNESDAY_MORNING, speed=1) as wednesday:
        wednesday.type("@李书记/私聊: 网页台账")
        wednesday.wait_for("/login/")
        link = re.search(r"http://\S+/login/\S+", "\n".join(wednesday.lines))
        assert link is not None and link[0].startswith(f"http://127.0.0.1:{port}/login/")

        with browser(tmp_path / "downloads") as page:
            page.open(link[0])
            page.click_text("登录")
            page.wait_for_text("李书记（书记）")
            assert "🔴 超期 3" in page.text()

            page.click_text("🔴 超期")
            page.wait_for_text("共 3 件")
            shown = page.text()
            for number in ("#1", "#2", "#3"):
                assert number in shown
            assert "#4" not in shown and "#5" not in shown
            page.screenshot(SCREENSHOTS / "ledger.png")

            page.click("a[href='/issues/1']")
            page.wait_for_text("3号楼2单元楼道灯坏了")
            page.fill("form[action$='/assign'] input[name=to]", "物业")
            page.fill("form[action$='/assign'] input[name=deadline]", "2个工作日")
            page.click("form[action$='/assign'] button")
            page.wait_for_text("#1 已派单给 物业")
            # The reporter's group hears it from the bot, as if typed in chat.
            wednesday.wait_for("[网格3群] 邻里：#1 已派单给 物业")
            assert "办理中" in page.text()

            page.open(f"http://127.0.0.1:{port}/")
            page.click_text("导出xlsx")
            sheet = page.wait_for_download(".xlsx")
            ledger = load_workbook(sheet).worksheets[0]
            cells = [str(c.value) for row in ledger.iter_rows() for c in row if c.value]
            assert any("楼道灯坏了" in cell for cell in cells)
            assert any("物业" in cell for cell in cells)

            page.open(f"http://127.0.0.1:{port}/map")
            page.wait_for_text("网格3")
            page.screenshot(SCREENSHOTS / "map.png")
            page.click("a[href*='building=1']")
            page.wait_for_text("井盖松了")
            assert "楼道灯坏了" not in page.text()

            page.open(f"http://127.0.0.1:{port}/")
            page.click_text("退出")
            page.wait_for_text("您已退出")
            page.open(f"http://127.0.0.1:{port}/")
            page.wait_for_text("请先登录")

    for name in ("ledger.png", "map.png"):
        assert (SCREENSHOTS / name).read_bytes().startswith(b"\x89PNG")
    shutil.rmtree(tmp_path / "downloads", ignore_errors=True)
