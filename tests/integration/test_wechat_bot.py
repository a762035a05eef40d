"""Linli on WeChat, end to end: the real bot (python-wechaty, the outbox, a SQLite file) against
a real wechaty puppet-service gateway on loopback (tests/peers/wechat).

Each test is a transcript: people in 幸福里社区's WeChat rooms say things through the gateway,
and the test reads what the bot said in each room, as a member of that room would see it.
"""

from __future__ import annotations

import asyncio
import base64
import io
import logging
import os
import re
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
from sqlalchemy import select

from bot import messages as core
from bot.adapters.base import TryLater
from bot.adapters.wechat import WechatAdapter
from bot.clock import Clock, ScaledClock
from bot.config import load_settings
from storage.models import Attachment
from storage.uow import UnitOfWork
from tests.support.conversation import EXAMPLE_CONFIG
from tests.support.peer_process import free_port
from tests.support.running import kept_photos, serving
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
GRID3, GRID5, WORK = ROOMS["网格3群"], ROOMS["网格5群"], ROOMS["工作群"]
# 1x1 PNG: a contact's photo (the gateway passes pictures under 20 KB inline).
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
Json = dict[str, Any]


@pytest.fixture
def wechat_peer() -> Iterator[WechatPeer]:
    with WechatPeer.start() as peer:
        yield peer


def config_for(tmp_path: Path, chats: list[Json] | None = None, wechat: Json | None = None) -> Path:
    """The example community with its rooms and roles on WeChat; `wechat` overrides some of the
    example's `wechat` settings."""
    config: Json = yaml.safe_load(EXAMPLE_CONFIG.read_text(encoding="utf-8"))
    config["database"] = {"url": f"sqlite:///{tmp_path / 'linli.db'}"}
    config["platform"] = "wechat"
    config["wechat"] = {**config["wechat"], **(wechat or {})}
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
        {"platform": "wechat", "ref": WORK, "kind": "work"},
    ]
    community["people"] = [
        {"platform": "wechat", "ref": CONTACTS["李书记"], "role": "secretary"},
        {"platform": "wechat", "ref": CONTACTS["张网格"], "role": "worker", "grids": ["网格3"]},
        {"platform": "wechat", "ref": CONTACTS["刘物业"], "role": "handler", "unit": "物业"},
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
        await peer.from_bot(said("#1 已销号，评价5分，感谢反馈。", GRID3))
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
            "📅 M1 停车议事会 定于 11月26日 19:00（3人选择），地点：罐罐茶。议题：#1。要参加请回复「我参加」。"
        )
        await peer.from_bot(said("M1 停车议事会 定于", GRID5))
        # Closed: a late answer is refused.
        await peer.say("王芳", "M1 2", room="网格3群")
        await peer.from_bot(said("已截止", GRID3))
    with stored(tmp_path / "config.yaml") as uow:
        meeting = uow.meetings.by_number(1, 1)
        assert meeting is not None
        assert sorted(b.choices for b in uow.meetings.ballots(meeting.id)) == ["1", "1", "1,2"]


async def test_export_arrives_in_the_work_room_as_a_file(
    wechat_peer: WechatPeer, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    peer = wechat_peer
    async with linli_on_wechat(peer, config_for(tmp_path)):
        await peer.say("王芳", "#报事 3号楼楼道灯坏了", room="网格3群")
        await peer.from_bot(said("已登记 #1", GRID3))
        await peer.say("张网格", "/export", room="网格3群")
        await peer.from_bot(said("只有书记可以导出台账。", GRID3))
        await peer.say("李书记", "导出", room="网格3群")  # residents would get everyone's words
        await peer.from_bot(said("台账文件含居民信息，请在工作群或私聊中导出。", GRID3))
        await peer.say("李书记", "导出", room="工作群")
        sent = await peer.from_bot(lambda m: (m["fileName"] or "").endswith(".xlsx"))
        assert sent["roomId"] == WORK
        book = openpyxl.load_workbook(io.BytesIO(await peer.file(sent["id"])))
        assert book.sheetnames == ["台账", "统计", "单位", "人员", "议事", "走访"]
        assert "楼道灯" in str([cell.value for cell in book["台账"][2]])


async def test_a_private_report_reaches_the_work_room_under_a_pseudonym(
    wechat_peer: WechatPeer, tmp_path: Path
) -> None:
    peer = wechat_peer
    async with linli_on_wechat(peer, config_for(tmp_path)):
        await peer.say("王芳", "5号楼有人在楼道里吸烟，烟味很大，孩子一直咳嗽")
        ack = await peer.from_bot(
            lambda m: m["listenerId"] == CONTACTS["王芳"] and "已登记 #1" in m["text"]
        )
        assert not ack["text"].startswith("@")  # nobody to @ in a private chat
        relayed = await peer.from_bot(said("#1", WORK))
        assert "吸烟" in relayed["text"]
        assert "王芳" not in relayed["text"] and "王" not in relayed["text"]

        # The property company takes it from the work room; the reporter hears privately.
        await peer.say("李书记", "派单 1 物业 2天", room="工作群")
        await peer.from_bot(said("#1 已派单给 物业", WORK))
        order = await peer.from_bot(lambda m: m["listenerId"] == CONTACTS["刘物业"])
        assert "#1" in order["text"]
        await peer.from_bot(lambda m: m["listenerId"] == CONTACTS["王芳"] and "已派单" in m["text"])

        # 语音: privately she is asked for words; in a room it is the neighbours'.
        await peer.say("孙大爷", room="网格3群", voice=b"#!SILK_V3" + b"\x00" * 40)
        await peer.say("王芳", voice=b"#!SILK_V3" + b"\x00" * 40)
        await peer.from_bot(
            lambda m: m["listenerId"] == CONTACTS["王芳"] and "语音我还听不了" in m["text"]
        )
        sent = await peer.messages()
        assert not [m for m in sent if m["roomId"] == ROOMS["网格3群"] and m["talkerId"] == BOT_ID]

        # 撤回 of a report in a room: the grid worker is asked to close it; of chatter, nothing.
        chatter = await peer.say("孙大爷", "今天天气不错", room="网格3群")
        report = await peer.say("孙大爷", "#报事 3号楼门口井盖松了", room="网格3群")
        await peer.from_bot(said("已登记 #2", GRID3))
        await peer.recall("孙大爷", chatter["id"])
        await peer.recall("孙大爷", report["id"])
        await peer.from_bot(said("#2 已转告网格员：报事人撤回了原消息", GRID3))
        await peer.from_bot(said("#2 报事人表示不用处理了：报事人撤回了原消息", WORK))
        sent = await peer.messages()
        from_bot_in_room = [
            m["text"] for m in sent if m["roomId"] == GRID3 and m["talkerId"] == BOT_ID
        ]
        assert len(from_bot_in_room) == 2  # the acknowledgement and the 撤回; nothing for chatter


async def test_a_photo_after_a_report_is_attached_and_a_renamed_room_keeps_its_binding(
    wechat_peer: WechatPeer, tmp_path: Path
) -> None:
    peer = wechat_peer
    config = config_for(tmp_path)
    async with linli_on_wechat(peer, config):
        await peer.say("孙大爷", "#报事 3号楼门口井盖松了，晚上很危险", room="网格3群")
        await peer.from_bot(said("已登记 #1", GRID3))
        await peer.send_image("孙大爷", PNG, room="网格3群", file_name="井盖.png")
        await peer.from_bot(said("照片", GRID3))
        # The bot keeps its own copy (WeChat lets the original expire); 查看 sends the details,
        # then that copy.
        assert await kept_photos(config, 1) == [PNG]
        await peer.say("张网格", "查看 1", room="网格3群")
        await peer.from_bot(said("照片：1张", GRID3))
        photo = await peer.from_bot(lambda m: m["roomId"] == GRID3 and bool(m["fileName"]))
        assert await peer.file(photo["id"]) == PNG
        await peer.from_bot(said("#1 照片1/1", GRID3))

        await peer.rename("网格3群", "幸福里3网格")
        await peer.say("王芳", "#报事 3号楼楼道灯坏了", room="网格3群")
        ack = await peer.from_bot(said("已登记 #2", GRID3))
        assert "网格3" in ack["text"]  # still bound to 网格3 under its new name
    with stored(config) as uow:
        chat = uow.chats.find("wechat", GRID3)
        assert chat is not None and chat.title == "幸福里3网格" and chat.kind == "grid"
        issue = uow.issues.by_number(1, 1)
        assert issue is not None
        photos = uow.session.scalars(select(Attachment).where(Attachment.issue_id == issue.id))
        assert [a.kind for a in photos] == ["photo"]


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


async def test_a_room_configured_by_name_is_bound_when_the_secretary_confirms(
    wechat_peer: WechatPeer, tmp_path: Path
) -> None:
    peer = wechat_peer
    config = config_for(
        tmp_path,
        chats=[
            {"platform": "wechat", "ref": "网格3群", "kind": "grid", "grid": "网格3"},
            {"platform": "wechat", "ref": GRID5, "kind": "grid", "grid": "网格5"},
        ],
    )
    async with linli_on_wechat(peer, config):
        await peer.say("王芳", "#报事 3号楼楼道灯坏了", room="网格3群")
        proposal = await peer.from_bot(said("同名", GRID3))
        assert "发送「/bind」确认" in proposal["text"]
        await peer.from_bot(said("本群还没有绑定社区", GRID3))  # not filed yet, nothing lost
        await peer.say("孙大爷", "绑定", room="网格3群")
        await peer.from_bot(said("只有书记", GRID3))
        await peer.say("李书记", "绑定", room="网格3群")
        await peer.from_bot(said("已确认本群就是配置中的「网格3群」", GRID3))
        await peer.say("王芳", "#报事 3号楼楼道灯坏了", room="网格3群")
        ack = await peer.from_bot(said("已登记 #1", GRID3))
        assert "网格3" in ack["text"]
        # The room configured by its id needed no confirmation.
        await peer.say("钱阿姨", "#报事 5号楼门口井盖松了", room="网格5群")
        await peer.from_bot(said("已登记 #2", GRID5))
        assert not [
            m for m in await peer.messages() if m["roomId"] == GRID5 and "同名" in m["text"]
        ]
    with stored(config) as uow:  # kept by id after a restart
        chat = uow.chats.find("wechat", GRID3)
        assert chat is not None and chat.kind == "grid" and chat.config_ref == "网格3群"


async def test_a_quoted_message_is_filed_for_its_author(
    wechat_peer: WechatPeer, tmp_path: Path
) -> None:
    peer = wechat_peer
    config = config_for(tmp_path)
    async with linli_on_wechat(peer, config):
        await peer.say("孙大爷", "4号楼后面的垃圾好几天没人清了，味道很大", room="网格3群")
        # WeChat shows a quoted reply inside the text: 「author：quoted」, a dashed line, the reply.
        quote = "「孙大爷：4号楼后面的垃圾好几天没人清了，味道很大」\n- - - - - - - - - - - - - - -\n#立案"
        await peer.say("张网格", quote, room="网格3群")
        ack = await peer.from_bot(said("已登记 #1", GRID3))
        assert "4号楼" in ack["text"]
    with stored(config) as uow:
        issue = uow.issues.by_number(1, 1)
        assert issue is not None
        assert uow.people.get(issue.reporter_id).ref == CONTACTS["孙大爷"]
        assert issue.description == "4号楼后面的垃圾好几天没人清了，味道很大"


async def test_the_bot_reconnects_after_the_gateway_drops_and_sends_the_backlog_as_one_digest(
    wechat_peer: WechatPeer, tmp_path: Path
) -> None:
    peer = wechat_peer
    clock = ScaledClock(MONDAY, speed=60)  # a minute a second
    async with linli_on_wechat(peer, config_for(tmp_path), clock) as adapter:
        await peer.say("王芳", "#报事 3号楼楼道灯坏了", room="网格3群")
        await peer.from_bot(said("已登记 #1", GRID3))
        for chore in ("检查消防通道", "清理楼道杂物", "通知停水"):
            await peer.say("张网格", f"提醒 09:08 {chore}", room="网格3群")
            await peer.from_bot(said(chore, GRID3))
        assert clock.now() < MONDAY.replace(minute=6), "the test ran too slowly to drop in time"

        # The gateway goes away for ten seconds (ten minutes on this clock): the reminders come
        # due meanwhile and wait in the outbox.
        await peer.drop(restart_after_ms=10_000)
        await asyncio.wait_for(_until(lambda: not adapter.ready.is_set()), 5)
        await asyncio.wait_for(adapter.ready.wait(), 30)  # reconnected by itself
        assert adapter.reconnects == 1

        digest = await peer.from_bot(said("⏰", GRID3), timeout=20)
        for chore in ("检查消防通道", "清理楼道杂物", "通知停水"):
            assert chore in digest["text"]
        # One message, not a burst of three.
        assert len([t for t in await from_bot_in(peer, GRID3) if "⏰" in t]) == 1

        # And it hears again.
        await peer.say("孙大爷", "#报事 4号楼门禁坏了", room="网格3群")
        await peer.from_bot(said("已登记 #2", GRID3))


async def test_a_frozen_gateway_is_noticed_by_the_heartbeat_and_reconnected_once_it_thaws(
    wechat_peer: WechatPeer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A half-open connection: the gateway process stops answering (SIGSTOP) but its socket stays
    open, so the event stream never ends. Only the heartbeat can tell."""
    peer = wechat_peer
    heartbeat, timeout = 1.0, 2.0
    config = config_for(tmp_path, wechat={"heartbeat": heartbeat, "heartbeat_timeout": timeout})
    probe = core.Reply(core.ChatRef("wechat", GRID3), "心跳测试")
    caplog.set_level(logging.WARNING, logger="bot.adapters.wechat")
    async with linli_on_wechat(peer, config) as adapter:
        await peer.say("王芳", "#报事 3号楼楼道灯坏了", room="网格3群")
        await peer.from_bot(said("已登记 #1", GRID3))
        # A live gateway answers every heartbeat: the connection stays as it is.
        await asyncio.sleep(3 * heartbeat)
        assert adapter.ready.is_set() and adapter.reconnects == 0

        os.kill(peer.process.pid, signal.SIGSTOP)
        try:
            # A send caught in the silence hangs until the heartbeat notices (within heartbeat +
            # timeout, plus slack for a busy machine) and drops the connection; then it gives up
            # and the outbox tries again. (The gateway may still deliver it when it wakes: at
            # least once, not exactly once.)
            with pytest.raises(TryLater):
                await asyncio.wait_for(adapter.send(probe), heartbeat + timeout + 3)
            assert not adapter.ready.is_set()
            # While it reconnects, a send is turned away at once.
            with pytest.raises(TryLater):
                await asyncio.wait_for(adapter.send(probe), 1)
        finally:
            os.kill(peer.process.pid, signal.SIGCONT)
        silent = [r.getMessage() for r in caplog.records if "silent" in r.getMessage()]
        assert len(silent) == 1, silent
        assert re.fullmatch(r"wechat: gateway silent for \d+ s; reconnecting", silent[0])

        await asyncio.wait_for(adapter.ready.wait(), 30)  # thawed: reconnected by itself
        assert adapter.reconnects == 1
        await peer.say("孙大爷", "#报事 4号楼门禁坏了", room="网格3群")
        await peer.from_bot(said("已登记 #2", GRID3))


async def _until(condition: Callable[[], bool]) -> None:
    while not condition():
        await asyncio.sleep(0.05)
