"""Linli on WeChat, end to end: the real bot (python-wechaty, the outbox, a SQLite file) against
a real wechaty puppet-service gateway on loopback (tests/peers/wechat).

Each test is a transcript: people in 幸福里社区's WeChat rooms say things through the gateway,
and the test reads what the bot said in each room, as a member of that room would see it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from bot.adapters.wechat import WechatAdapter
from bot.clock import Clock, ScaledClock
from bot.config import load_settings
from storage.uow import UnitOfWork
from tests.support.conversation import EXAMPLE_CONFIG
from tests.support.peer_process import free_port
from tests.support.running import serving
from tests.support.running import stored as stored_at
from tests.support.wechat_peer import BOT_ID, CONTACTS, ROOMS, WechatPeer

# Third-party warnings from wechaty 0.10.7 (pyee's old alias, FileBox's logger.warn).
pytestmark = [
    pytest.mark.filterwarnings("ignore:pyee.AsyncIOEventEmitter has been moved:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:The 'warn' method is deprecated:DeprecationWarning"),
]

LINLI = Path(sys.executable).with_name("linli")
SH = ZoneInfo("Asia/Shanghai")
# Monday 23 November 2026, 09:00: an ordinary working morning, outside quiet hours.
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=SH)
LOGIN_WAIT = 10.0
GRID3, GRID5 = ROOMS["网格3群"], ROOMS["网格5群"]
Json = dict[str, Any]


@pytest.fixture
def wechat_peer() -> Iterator[WechatPeer]:
    with WechatPeer.start() as peer:
        yield peer


def config_for(tmp_path: Path, chats: list[Json] | None = None) -> Path:
    """The example community with its rooms and roles on WeChat."""
    config: Json = yaml.safe_load(EXAMPLE_CONFIG.read_text(encoding="utf-8"))
    config["database"] = {"url": f"sqlite:///{tmp_path / 'linli.db'}"}
    config["platform"] = "wechat"
    # Paced and merged as in production, with a faster per-room budget so transcripts run quickly.
    config["rate_limits"]["wechat"] = {
        "overall": 60,
        "overall_window": 60,
        "per_chat": 30,
        "chat_window": 60,
        "merge": True,
    }
    community = config["communities"][0]
    community["chats"] = chats or [
        {"platform": "wechat", "ref": GRID3, "kind": "grid", "grid": "网格3"},
        {"platform": "wechat", "ref": GRID5, "kind": "grid", "grid": "网格5"},
    ]
    community["people"] = [
        {"platform": "wechat", "ref": CONTACTS["李书记"], "role": "secretary"},
        {"platform": "wechat", "ref": CONTACTS["张网格"], "role": "worker", "grids": ["网格3"]},
    ]
    community["events"] = []
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def linli_on_wechat(
    peer: WechatPeer, config: Path, clock: Clock | None = None
) -> AbstractAsyncContextManager[WechatAdapter]:
    """The whole bot, as `linli run --platform wechat` builds it, until the block ends."""
    settings = load_settings(config)
    clock = clock or ScaledClock(MONDAY)
    adapter = WechatAdapter(settings, endpoint=peer.endpoint, token=peer.token, clock=clock)
    return serving(adapter, settings, clock, wait=LOGIN_WAIT, trouble=peer.stderr)


def stored(config: Path) -> AbstractContextManager[UnitOfWork]:
    return stored_at(config, MONDAY)


def said(fragment: str, room: str | None = None) -> Callable[[Json], bool]:
    """A bot message containing `fragment` (in `room`, when given)."""
    return lambda m: fragment in (m["text"] or "") and (room is None or m["roomId"] == room)


async def from_bot_in(peer: WechatPeer, room: str) -> list[str]:
    return [
        m["text"] for m in await peer.messages() if m["talkerId"] == BOT_ID and m["roomId"] == room
    ]


async def test_a_report_is_acknowledged_with_a_mention_assigned_and_rated(
    wechat_peer: WechatPeer, tmp_path: Path
) -> None:
    peer = wechat_peer
    async with linli_on_wechat(peer, config_for(tmp_path)):
        await peer.say("王芳", "#报事 3号楼2单元下水道堵了，污水都冒出来了", room="网格3群")
        ack = await peer.from_bot(said("已登记 #1", GRID3))
        # WeChat cannot quote: the acknowledgement @-mentions the reporter instead.
        assert ack["text"] == (
            "@王芳 已登记 #1【排水管道】3号楼2单元 · 网格3 · 3个工作日内答复。回复「查看 1」看进度。"
        )

        # A resident cannot assign; the refusal is one line and changes nothing.
        await peer.say("孙大爷", "派单 1 @张网格 3天", room="网格3群", mentions=["张网格"])
        await peer.from_bot(said("只有网格员及以上可以派单。", GRID3))

        # The secretary assigns in Chinese, naming the worker by @-mention.
        await peer.say("李书记", "派单 1 @张网格\u20053天", room="网格3群", mentions=["张网格"])
        await peer.from_bot(said("#1 已派单给", GRID3))
        order = await peer.from_bot(lambda m: m["listenerId"] == CONTACTS["张网格"])
        assert "#1" in order["text"] and "办结" in order["text"]

        # The worker resolves it privately; the reporter's room hears and is asked to rate.
        await peer.say("张网格", "办结 1 已疏通主管道")
        asked = await peer.from_bot(said("#1 已办结：已疏通主管道", GRID3))
        assert asked["text"].startswith("@王芳 ")  # the reporter is @-mentioned in the group
        assert "评价 1" in asked["text"]  # no buttons on WeChat: the text says what to reply

        # A neighbour's 满意 is refused; the reporter's closes the issue.
        await peer.say("孙大爷", "满意", room="网格3群")
        await peer.say("王芳", "满意", room="网格3群")
        await peer.from_bot(said("#1 已销号，感谢您的评价（5分）。", GRID3))
    with stored(tmp_path / "config.yaml") as uow:
        issue = uow.issues.by_number(1, 1)
        assert issue is not None and issue.status.value == "closed" and issue.rating == 5


async def test_a_text_poll_in_two_rooms_is_answered_by_three_and_closed(
    wechat_peer: WechatPeer, tmp_path: Path
) -> None:
    peer = wechat_peer
    # A minute a second, so the poll's deadline ten minutes out comes in ten seconds.
    clock = ScaledClock(MONDAY, speed=60)
    async with linli_on_wechat(peer, config_for(tmp_path), clock):
        await peer.say("王芳", "#报事 小区车位太少了，晚上回来根本没地方停", room="网格3群")
        await peer.from_bot(said("已登记 #1", GRID3))
        await peer.say(
            "李书记",
            "议事 停车议事会 议题 #1 时间 11-26 19:00|11-28 10:00 截止 11-23 09:10 "
            "地点 罐罐茶 群 网格3,网格5",
            room="网格3群",
        )
        # No native polls on WeChat: the poll is text, and one line says how to answer.
        for room in (GRID3, GRID5):
            poll = await peer.from_bot(said("📅 M1 停车议事会 · 时间投票", room))
            lines = poll["text"].split("\n")
            assert "1. 11月26日 19:00" in lines and "2. 11月28日 10:00" in lines
            assert [line for line in lines if line.startswith("回复「M1 1」")]

        await peer.say("王芳", "M1 1", room="网格3群")
        await peer.say("孙大爷", "Ｍ１ １，２", room="网格3群")  # full-width, as phones type it
        await peer.say("钱阿姨", "M1 2", room="网格5群")
        await peer.say("钱阿姨", "M1 1", room="网格5群")  # she changes her mind: the last counts

        result = await peer.from_bot(said("M1 停车议事会 定于", GRID3), timeout=30)
        assert result["text"] == (
            "📅 M1 停车议事会 定于 11月26日 19:00（3人选择），地点：罐罐茶。议题：#1。"
        )
        await peer.from_bot(said("M1 停车议事会 定于", GRID5))
        # Closed: a late answer is refused.
        await peer.say("王芳", "M1 2", room="网格3群")
        await peer.from_bot(said("已截止", GRID3))
    with stored(tmp_path / "config.yaml") as uow:
        meeting = uow.meetings.by_number(1, 1)
        assert meeting is not None
        assert sorted(b.choices for b in uow.meetings.ballots(meeting.id)) == ["1", "1", "1,2"]


async def test_export_arrives_in_the_room_as_a_file(
    wechat_peer: WechatPeer, tmp_path: Path
) -> None:
    peer = wechat_peer
    async with linli_on_wechat(peer, config_for(tmp_path)):
        await peer.say("王芳", "#报事 3号楼楼道灯坏了", room="网格3群")
        await peer.from_bot(said("已登记 #1", GRID3))
        await peer.say("张网格", "/export", room="网格3群")
        await peer.from_bot(said("只有书记可以导出台账。", GRID3))
        await peer.say("李书记", "导出", room="网格3群")
        sent = await peer.from_bot(lambda m: (m["fileName"] or "").endswith(".xlsx"))
        assert sent["roomId"] == GRID3


def test_linli_run_on_wechat_answers_and_never_logs_its_token(tmp_path: Path) -> None:
    """The real `linli run --platform wechat` process, configured by environment only."""
    token = "puppet_linli_the-secret-part-of-the-token"
    with WechatPeer.start(token=token) as peer:
        config = config_for(tmp_path)
        env = {
            **os.environ,
            "LINLI_WECHAT_TOKEN": token,
            "LINLI_WECHAT_ENDPOINT": peer.endpoint,
            "WECHATY_LOG": "info",  # python-wechaty at its chattiest: still nothing secret
        }
        process = subprocess.Popen(
            [str(LINLI), "--config", str(config), "run", "--platform", "wechat"],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:

            async def converse() -> None:
                # What is said before the bot has logged in reaches nobody: knock until it answers.
                for _ in range(40):
                    await peer.say("王芳", "/help")
                    if [m for m in await peer.messages() if m["talkerId"] == BOT_ID]:
                        break
                    await asyncio.sleep(0.5)
                await peer.say("王芳", "#报事 3号楼井盖坏了", room="网格3群")
                await peer.from_bot(said("已登记 #1", GRID3), timeout=20)

            asyncio.run(converse())
        finally:
            process.send_signal(signal.SIGTERM)
            _, stderr = process.communicate(timeout=20)
        assert process.returncode == 0, stderr
        assert "logged in as 邻里" in stderr
        assert token not in stderr and "the-secret-part" not in stderr
        assert "3号楼井盖坏了" not in stderr  # residents' messages stay out of the log


def test_linli_run_on_wechat_without_a_gateway_says_so_in_one_line(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "LINLI_WECHAT_TOKEN": "puppet_linli_nobody-listens",
        "LINLI_WECHAT_ENDPOINT": f"127.0.0.1:{free_port()}",
    }
    done = subprocess.run(
        [str(LINLI), "--config", str(config_for(tmp_path)), "run", "--platform", "wechat"],
        check=False,
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith("连不上微信网关")
    assert "Traceback" not in done.stderr
