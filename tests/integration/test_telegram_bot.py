"""Linli on Telegram, end to end: the real bot (python-telegram-bot, the outbox, a SQLite file)
against the Bot API peer on loopback, in polling and in webhook mode.

Each test is a transcript: people in 幸福里社区's Telegram groups say things through the peer,
and the test reads what the bot sent to each chat, as a member of that chat would see it.
"""

from __future__ import annotations

import asyncio
import io
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from bot.adapters.telegram import TelegramAdapter
from bot.clock import Clock, ScaledClock
from bot.config import load_settings
from bot.messages import ChatRef, Document, PersonRef, Reply
from handlers.commands import COMMANDS, menu
from storage.uow import UnitOfWork
from tests.support.conversation import EXAMPLE_CONFIG
from tests.support.peer_process import free_port
from tests.support.running import kept_photos, serving
from tests.support.running import stored as stored_at
from tests.support.telegram_peer import TelegramPeer, group, person, private

LINLI = Path(sys.executable).with_name("linli")
SH = ZoneInfo("Asia/Shanghai")
# Monday 23 November 2026, 09:00: an ordinary working morning, outside quiet hours.
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=SH)

SECRETARY = person(1001, "李", "书记", last_name=None)
WORKER = person(1002, "张网格", username="zhang_grid")
HANDLER = person(1003, "刘物业", username="liu_wy")
WANG = person(2001, "王芳")
SUN = person(2002, "孙大爷")
QIAN = person(2003, "钱阿姨")
GRID3 = group(-3003, "网格3群")
WORK = group(-4004, "工作群")


@pytest.fixture
def telegram_peer() -> Iterator[TelegramPeer]:
    with TelegramPeer.start() as peer:
        yield peer


def config_for(tmp_path: Path, peer: TelegramPeer, *, webhook: bool = False) -> Path:
    """The example community, with its chats and roles on Telegram and the peer as Bot API."""
    config: dict[str, Any] = yaml.safe_load(EXAMPLE_CONFIG.read_text(encoding="utf-8"))
    config["database"] = {"url": f"sqlite:///{tmp_path / 'linli.db'}"}
    config["platform"] = "telegram"
    config["telegram"] = {"base_url": peer.base_url, "poll_interval": 0.1, "poll_timeout": 0}
    if webhook:
        port = free_port()
        config["telegram"]["mode"] = "webhook"
        config["telegram"]["webhook"] = {
            "url": f"http://127.0.0.1:{port}/tg",
            "listen": "127.0.0.1",
            "port": port,
            "path": "tg",
        }
    community = config["communities"][0]
    community["chats"] = [
        {"platform": "telegram", "ref": str(GRID3["id"]), "kind": "grid", "grid": "网格3"},
        {"platform": "telegram", "ref": str(WORK["id"]), "kind": "work"},
    ]
    community["people"] = [
        {"platform": "telegram", "ref": str(SECRETARY["id"]), "role": "secretary"},
        {"platform": "telegram", "ref": str(WORKER["id"]), "role": "worker", "grids": ["网格3"]},
        {"platform": "telegram", "ref": str(HANDLER["id"]), "role": "handler", "unit": "物业"},
    ]
    community["events"] = []
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def linli_on_telegram(
    peer: TelegramPeer, config: Path, clock: Clock | None = None
) -> AbstractAsyncContextManager[TelegramAdapter]:
    """The whole bot, as `linli run --platform telegram` builds it, until the block ends."""
    settings = load_settings(config)
    clock = clock or ScaledClock(MONDAY)
    adapter = TelegramAdapter(settings, token=peer.token, clock=clock, commands=menu())
    return serving(adapter, settings, clock, wait=10, trouble=peer.stderr)


def stored(config: Path) -> AbstractContextManager[UnitOfWork]:
    return stored_at(config, MONDAY)


def text_of(message: dict[str, Any]) -> str:
    return str(message.get("text") or message.get("caption") or "")


def has(fragment: str) -> Any:
    return lambda message: fragment in text_of(message)


def buttons_of(message: dict[str, Any]) -> list[tuple[str, str]]:
    keyboard = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [(key["text"], key["callback_data"]) for row in keyboard for key in row]


async def test_a_report_is_filed_assigned_resolved_and_rated_by_button(
    telegram_peer: TelegramPeer, tmp_path: Path
) -> None:
    peer = telegram_peer
    async with linli_on_telegram(peer, config_for(tmp_path, peer)):
        report = await peer.say(WANG, GRID3, "#报事 3号楼2单元下水道堵了，污水都冒出来了")
        ack = await peer.wait_for(GRID3["id"], has("已登记 #1"))
        assert text_of(ack) == (
            "已登记 #1【排水管道】3号楼2单元 · 网格3 · 3个工作日内答复。回复「查看 1」看进度。"
        )
        assert ack["reply_to_message"]["message_id"] == report
        assert buttons_of(ack) == [("受理", "/accept 1")]

        # A resident cannot assign; the refusal is one line and changes nothing.
        await peer.say(SUN, GRID3, "/assign 1 @liu_wy 3天")
        await peer.wait_for(GRID3["id"], has("只有网格员及以上可以派单。"))

        # The grid worker triages by button and assigns by command, naming the handler by @username.
        await peer.press(WORKER, ack, "/accept 1")
        await peer.wait_for(GRID3["id"], has("#1 已受理"))
        await peer.say(HANDLER, private(HANDLER), "/start")  # the handler has opened the bot
        await peer.say(
            WORKER,
            GRID3,
            "/assign@linli_test_bot 1 @liu_wy 3天",
            entities=[{"type": "mention", "offset": 25, "length": 7}],
        )
        await peer.wait_for(GRID3["id"], has("#1 已派单给 物业·刘*业"))
        order = await peer.wait_for(HANDLER["id"], has("#1"))
        assert [label for label, _ in buttons_of(order)] == ["接单", "办结"]

        # The handler resolves it from the private chat; the reporter's group hears and is asked.
        await peer.say(HANDLER, private(HANDLER), "/resolve 1 已疏通主管道")
        asked = await peer.wait_for(GRID3["id"], has("#1 已办结：已疏通主管道"))
        assert buttons_of(asked) == [
            ("满意", "/rate 1 满意"),
            ("基本满意", "/rate 1 基本满意"),
            ("不满意", "/rate 1 不满意"),
        ]

        # A neighbour's press is refused; the reporter's press closes the issue.
        await peer.press(SUN, asked, "/rate 1 满意")
        await peer.wait_for(GRID3["id"], has("只有报事人可以评价"))
        pressed = await peer.press(WANG, asked, "/rate 1 满意")
        await peer.wait_for(GRID3["id"], has("#1 已销号，评价5分，感谢反馈。"))
        assert await peer.callback_answer(pressed) is not None  # the spinner was stopped


async def test_a_meeting_poll_is_native_three_people_answer_and_it_closes(
    telegram_peer: TelegramPeer, tmp_path: Path
) -> None:
    peer = telegram_peer
    # A minute a second, so the poll's deadline ten minutes out comes in ten seconds.
    clock = ScaledClock(MONDAY, speed=60)
    async with linli_on_telegram(peer, config_for(tmp_path, peer), clock):
        await peer.say(WANG, GRID3, "#报事 小区车位太少了，晚上回来根本没地方停")
        await peer.wait_for(GRID3["id"], has("已登记 #1"))
        await peer.say(
            SECRETARY,
            GRID3,
            "/meeting 停车议事会 议题 #1 时间 11-26 19:00|11-28 10:00 截止 11-23 09:10 地点 罐罐茶",
        )
        poll_message = await peer.wait_for(GRID3["id"], lambda m: "poll" in m)
        poll = poll_message["poll"]
        assert poll["question"] == "M1 停车议事会：请选择时间（可多选）"
        assert [o["text"] for o in poll["options"]] == ["11月26日 19:00", "11月28日 10:00"]
        assert poll["is_anonymous"] is False and poll["allows_multiple_answers"] is True
        intro = await peer.wait_for(GRID3["id"], has("📅 M1 停车议事会 · 时间投票"))
        assert "回复「M1 1」" in text_of(intro)  # typing still works beside the poll

        await peer.answer_poll(WANG, poll["id"], [0])
        await peer.answer_poll(SUN, poll["id"], [0, 1])
        await peer.answer_poll(QIAN, poll["id"], [1])
        await peer.answer_poll(QIAN, poll["id"], [0])  # she changes her mind: the last counts

        result = await peer.wait_for(GRID3["id"], has("M1 停车议事会 定于"), timeout=30)
        assert text_of(result) == (
            "📅 M1 停车议事会 定于 11月26日 19:00（3人选择），地点：罐罐茶。议题：#1。要参加请回复「我参加」。"
        )
        # The bot stopped its poll: nobody can answer it any more.
        polls = [m["poll"] for m in await peer.bot_messages(GRID3["id"]) if "poll" in m]
        assert [(p["id"], p["is_closed"]) for p in polls] == [(poll["id"], True)]
        # The poll answers were counted silently: no "已记录" lines for them in the group.
        assert not [m for m in await peer.bot_messages(GRID3["id"]) if "已记录" in text_of(m)]


async def test_export_sends_the_ledger_as_a_document(
    telegram_peer: TelegramPeer, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    peer = telegram_peer
    async with linli_on_telegram(peer, config_for(tmp_path, peer)):
        await peer.say(WANG, GRID3, "#报事 3号楼楼道灯坏了")
        await peer.wait_for(GRID3["id"], has("已登记 #1"))
        await peer.say(WORKER, WORK, "/export")
        await peer.wait_for(WORK["id"], has("只有书记可以导出台账。"))
        await peer.say(SECRETARY, WORK, "/export")
        sent = await peer.wait_for(WORK["id"], lambda m: "document" in m)
        assert sent["document"]["file_name"].endswith(".xlsx")
        content = await peer.file_bytes(sent["document"]["file_id"])
        book = openpyxl.load_workbook(io.BytesIO(content))
        ledger = book["台账"]
        assert ledger["A2"].value == 1 and ledger["A2"].number_format.startswith('"#"')
        assert "楼道灯" in str([cell.value for cell in ledger[2]])


async def test_commands_are_in_the_menu_with_chinese_descriptions(
    telegram_peer: TelegramPeer, tmp_path: Path
) -> None:
    peer = telegram_peer
    async with linli_on_telegram(peer, config_for(tmp_path, peer)):
        shown = {c["command"]: c["description"] for c in await peer.commands()}
        assert shown["assign"] == "派单 · 派给人或单位，可写期限"
        assert shown["meeting"].startswith("议事 · ")
        assert len(shown) == len(COMMANDS)
        assert all(name.isascii() and name.islower() for name in shown)


async def test_rate_limits_and_failures_delay_messages_but_never_drop_them(
    telegram_peer: TelegramPeer, tmp_path: Path
) -> None:
    peer = telegram_peer
    async with linli_on_telegram(peer, config_for(tmp_path, peer)):
        # Telegram says "retry after 2 s" once, then the Bot API fails once: the answer still comes.
        await peer.fail_next(GRID3["id"], times=1, retry_after=2)
        started = asyncio.get_running_loop().time()
        await peer.say(WANG, GRID3, "#报事 6号楼电梯坏了")
        await peer.wait_for(GRID3["id"], has("已登记 #1"), timeout=15)
        assert asyncio.get_running_loop().time() - started >= 2
        await peer.fail_next(GRID3["id"], times=1)
        await peer.say(WANG, GRID3, "#报事 7号楼门禁坏了")
        await peer.wait_for(GRID3["id"], has("已登记 #2"), timeout=15)
        assert len([m for m in await peer.bot_messages(GRID3["id"]) if "已登记" in text_of(m)]) == 2


async def test_a_group_upgraded_to_a_supergroup_keeps_its_binding(
    telegram_peer: TelegramPeer, tmp_path: Path
) -> None:
    peer = telegram_peer
    config = config_for(tmp_path, peer)
    async with linli_on_telegram(peer, config):
        await peer.say(WANG, GRID3, "#报事 楼道里堆满了杂物")
        await peer.wait_for(GRID3["id"], has("已登记 #1"))
        upgraded = await peer.migrate(SECRETARY, GRID3, -1003003)
        await peer.say(SUN, upgraded, "#报事 楼道灯不亮了")
        ack = await peer.wait_for(upgraded["id"], has("已登记 #2"))
        assert "网格3" in text_of(ack)  # still bound to 网格3
        # The reporter of #1, filed before the upgrade, hears of it in the new supergroup.
        await peer.say(WORKER, WORK, "/accept 1")
        await peer.wait_for(WORK["id"], has("#1 已受理"))
        await peer.wait_for(upgraded["id"], has("#1 已受理"))
    with stored(config) as uow:  # after a restart, too: the binding is in the database
        chat = uow.chats.find("telegram", str(upgraded["id"]))
        assert chat is not None and chat.kind == "grid"


async def test_an_edited_report_is_its_supplement_and_an_edited_typo_runs(
    telegram_peer: TelegramPeer, tmp_path: Path
) -> None:
    peer = telegram_peer
    config = config_for(tmp_path, peer)
    async with linli_on_telegram(peer, config):
        report = await peer.say(WANG, GRID3, "#报事 3号楼楼道灯坏了")
        await peer.wait_for(GRID3["id"], has("已登记 #1"))
        await peer.edit(GRID3, report, "#报事 4号楼楼道灯坏了，晚上看不见台阶")
        added = await peer.wait_for(GRID3["id"], has("已把修改补充到 #1"))
        assert "位置改为：4号楼" in text_of(added)
        assert added["reply_to_message"]["message_id"] == report  # quoting the edited message
        await peer.wait_for(WORK["id"], has("#1 报事人修改了原消息：4号楼楼道灯坏了"))
        # Chatter put right as a report is filed; a command put right runs.
        chatter = await peer.say(SUN, GRID3, "楼道里堆满了杂物")
        await peer.edit(GRID3, chatter, "#报事 楼道里堆满了杂物")
        await peer.wait_for(GRID3["id"], has("已登记 #2"))
        typo = await peer.say(WORKER, WORK, "/accept x")
        await peer.edit(WORK, typo, "/accept 2")
        await peer.wait_for(WORK["id"], has("#2 已受理"))
    with stored(config) as uow:
        first = uow.issues.by_number(1, 1)
        assert first is not None and first.building == "4"
        assert first.description == "3号楼楼道灯坏了"


async def test_webhook_mode_receives_reports_and_poll_answers(
    telegram_peer: TelegramPeer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    peer = telegram_peer
    monkeypatch.setenv("LINLI_TELEGRAM_WEBHOOK_SECRET", "s3cret-token-for-tests")
    async with linli_on_telegram(peer, config_for(tmp_path, peer, webhook=True)):
        await peer.say(WANG, GRID3, "#报事 2号楼门口井盖松了")
        await peer.wait_for(GRID3["id"], has("已登记 #1"))
        await peer.say(
            SECRETARY, GRID3, "/vote 是否增设充电桩 选项 同意|不同意 截止 明天20:00 公开"
        )
        poll = (await peer.wait_for(GRID3["id"], lambda m: "poll" in m))["poll"]
        assert poll["allows_multiple_answers"] is False
        await peer.answer_poll(WANG, poll["id"], [0])
        await asyncio.sleep(0.5)
    with stored(tmp_path / "config.yaml") as uow:
        meeting = uow.meetings.by_number(1, 1)
        assert meeting is not None
        assert [b.choices for b in uow.meetings.ballots(meeting.id)] == ["1"]


async def test_private_reports_and_photos(telegram_peer: TelegramPeer, tmp_path: Path) -> None:
    peer = telegram_peer
    config = config_for(tmp_path, peer)
    async with linli_on_telegram(peer, config):
        await peer.say(WANG, private(WANG), "5号楼有人在楼道里吸烟，烟味很大")
        await peer.wait_for(WANG["id"], has("已登记 #1"))
        relayed = await peer.wait_for(WORK["id"], has("#1"))
        assert "王" not in text_of(relayed)  # the reporter stays pseudonymous to the work group
        picture = b"\x89PNG\r\n\x1a\n" + b"manhole" * 20
        await peer.say(SUN, GRID3, photo=picture, caption="#报事 3号楼门口井盖坏了，见图")
        await peer.wait_for(GRID3["id"], has("已登记 #2"))
        assert await kept_photos(config, 1) == [picture]  # downloaded by file_id, kept
        await peer.say(SECRETARY, WORK, "/show 2")
        shown = await peer.wait_for(WORK["id"], has("照片：1张"), after=relayed["message_id"])
        # Then the photo itself, from the bot's copy: the resident's own picture.
        photo = await peer.wait_for(WORK["id"], has("#2 照片1/1"), after=shown["message_id"])
        assert await peer.file_bytes(photo["photo"][-1]["file_id"]) == picture
        # A voice message: privately asked for words, in a group left to the neighbours.
        voice = {"file_id": "voice-1", "file_unique_id": "voice-1", "duration": 4}
        await peer.say(SUN, GRID3, voice=voice)
        await peer.say(WANG, private(WANG), voice=voice)
        await peer.wait_for(WANG["id"], has("语音我还听不了，请打字告诉我"))
        await peer.say(SUN, GRID3, "#报事 3号楼楼道灯坏了")
        filed = await peer.wait_for(GRID3["id"], has("已登记 #3"))
        before = [
            m for m in await peer.bot_messages(GRID3["id"]) if m["message_id"] < filed["message_id"]
        ]
        assert not any("语音" in text_of(m) for m in before)


def test_linli_run_on_telegram_answers_and_never_logs_its_token(tmp_path: Path) -> None:
    """The real `linli run --platform telegram` process, configured by environment only."""
    token = "987654321:AAH-the-secret-part-of-the-token"
    with TelegramPeer.start(token=token) as peer:
        config = config_for(tmp_path, peer)
        settings = yaml.safe_load(config.read_text(encoding="utf-8"))
        settings["telegram"] = {"poll_interval": 0.1, "poll_timeout": 0}  # address from env
        config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
        env = {
            **os.environ,
            "LINLI_TELEGRAM_TOKEN": token,
            "LINLI_TELEGRAM_BASE_URL": peer.base_url,
        }
        process = subprocess.Popen(
            [str(LINLI), "--config", str(config), "run", "--platform", "telegram"],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:

            async def converse() -> None:
                await asyncio.sleep(0)
                deadline = asyncio.get_running_loop().time() + 20
                # Until the bot is polling, messages wait in the peer; say it once.
                await peer.say(WANG, GRID3, "#报事 3号楼井盖坏了")
                remaining = deadline - asyncio.get_running_loop().time()
                await peer.wait_for(GRID3["id"], has("已登记 #1"), timeout=remaining)

            asyncio.run(converse())
        finally:
            process.send_signal(signal.SIGTERM)
            _, stderr = process.communicate(timeout=20)
        assert process.returncode == 0, stderr
        assert "HTTP Request" in stderr  # the HTTP client logs its requests …
        assert token not in stderr and "the-secret-part" not in stderr  # … with the token masked
        assert "polling as @linli_test_bot" in stderr


async def test_pictures_and_mentions_go_out_the_telegram_way(
    telegram_peer: TelegramPeer, tmp_path: Path
) -> None:
    """A chart is a photo; a person without a @username is mentioned by a link to their id."""
    peer = telegram_peer
    async with linli_on_telegram(peer, config_for(tmp_path, peer)) as adapter:
        chat = ChatRef("telegram", str(GRID3["id"]), "网格3群")
        picture = b"\x89PNG\r\n\x1a\n" + b"chart" * 20
        await adapter.send(Document(chat, "趋势.png", picture, caption="本月统计", photo=True))
        sent = await peer.wait_for(GRID3["id"], lambda m: "photo" in m)
        assert text_of(sent) == "本月统计"
        assert await peer.file_bytes(sent["photo"][-1]["file_id"]) == picture

        wang = PersonRef("telegram", str(WANG["id"]), "王芳")
        zhang = PersonRef("telegram", str(WORKER["id"]), "张网格", "zhang_grid")
        await adapter.send(Reply(chat, "请 <尽快> 投票：M1", mentions=(wang, zhang)))
        request = (await peer.bot_requests(GRID3["id"]))[-1]["request"]
        assert request["parse_mode"] == "HTML"
        assert request["text"] == (
            '请 &lt;尽快&gt; 投票：M1 <a href="tg://user?id=2001">@王芳</a> @zhang_grid'
        )
