"""The Telegram peer (tests/peers/telegram) against real python-telegram-bot 22.8.

No Linli code here: these tests prove the peer is a Bot API that PTB accepts, so adapter tests
can trust it.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import struct
import zlib
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from telegram import (  # noqa: TID251 - the peer is tested with the real library
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.error import (  # noqa: TID251
    ChatMigrated,
    NetworkError,
    RetryAfter,
)
from telegram.ext import (  # noqa: TID251
    Application,
    CallbackContext,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    PollAnswerHandler,
    filters,
)

from tests.support.peer_process import free_port
from tests.support.telegram_peer import (
    TelegramPeer,
    group,
    person,
    private,
)

ZHANG = person(1001, "张三", username="zhangsan")
LI = person(1002, "李四")
GRID3 = group(-3003, "网格3群")
WAIT = 5.0

Context = CallbackContext[Any, Any, Any, Any]


@pytest.fixture
def telegram_peer() -> Iterator[TelegramPeer]:
    with TelegramPeer.start() as peer:
        yield peer


def application(peer: TelegramPeer) -> Application[Any, Any, Any, Any, Any, Any]:
    return (
        Application.builder()
        .token(peer.token)
        .base_url(peer.base_url)
        .base_file_url(peer.base_file_url)
        .build()
    )


@asynccontextmanager
async def polling(
    app: Application[Any, Any, Any, Any, Any, Any],
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    assert app.updater is not None
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0.2)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


@asynccontextmanager
async def bot(peer: TelegramPeer) -> AsyncIterator[Bot]:
    async with Bot(peer.token, base_url=peer.base_url, base_file_url=peer.base_file_url) as b:
        yield b


def png(width: int, height: int) -> bytes:
    """A valid grey PNG of the given size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


async def test_group_message_is_received_and_answered(telegram_peer: TelegramPeer) -> None:
    app = application(telegram_peer)
    seen: list[Update] = []

    async def echo(update: Update, context: Context) -> None:
        seen.append(update)
        assert update.message is not None
        await update.message.reply_text(f"收到：{update.message.text}")

    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    async with polling(app):
        said = await telegram_peer.say(ZHANG, GRID3, "3号楼漏水了")
        reply = await telegram_peer.wait_for(GRID3["id"], lambda m: "收到" in m.get("text", ""))
        await telegram_peer.say(LI, GRID3, "我家也漏", reply_to=reply)
        await telegram_peer.wait_for(GRID3["id"], lambda m: m.get("text") == "收到：我家也漏")

    assert reply["text"] == "收到：3号楼漏水了"
    assert reply["chat"] == GRID3
    assert reply["from"]["is_bot"] is True
    assert reply["from"]["username"] == "linli_test_bot"
    assert reply["reply_to_message"]["message_id"] == said
    assert isinstance(reply["date"], int)
    assert abs(reply["date"] - dtm.datetime.now(dtm.UTC).timestamp()) < 60
    message = seen[0].message
    assert message is not None
    assert message.message_id == said
    assert message.chat.type == "group"
    assert message.chat.title == "网格3群"
    assert message.from_user is not None
    assert message.from_user.username == "zhangsan"
    follow_up = seen[1].message
    assert follow_up is not None
    assert follow_up.reply_to_message is not None
    assert follow_up.reply_to_message.message_id == reply["message_id"]
    assert follow_up.reply_to_message.from_user is not None
    assert follow_up.reply_to_message.from_user.is_bot


async def test_commands_reach_command_handlers(telegram_peer: TelegramPeer) -> None:
    app = application(telegram_peer)
    args: list[list[str]] = []

    async def help_command(update: Update, context: Context) -> None:
        args.append(list(context.args or []))
        assert update.effective_chat is not None
        await context.bot.send_message(update.effective_chat.id, "帮助")

    app.add_handler(CommandHandler("help", help_command))
    async with polling(app):
        await telegram_peer.say(LI, GRID3, "/help@linli_test_bot 报事")
        await telegram_peer.say(LI, private(LI), "/help")
        await telegram_peer.wait_for(LI["id"], lambda m: m.get("text") == "帮助")

    assert args == [["报事"], []]
    assert [m["text"] for m in await telegram_peer.bot_messages(GRID3["id"])] == ["帮助"]
    assert (await telegram_peer.bot_messages(LI["id"]))[0]["chat"]["type"] == "private"


async def test_callback_query_reaches_its_handler(telegram_peer: TelegramPeer) -> None:
    app = application(telegram_peer)
    pressed: list[tuple[str, str]] = []

    async def on_press(update: Update, context: Context) -> None:
        query = update.callback_query
        assert query is not None
        pressed.append((str(query.data), query.chat_instance))
        await query.answer("已认领")
        await query.edit_message_text("已由李四认领")

    app.add_handler(CallbackQueryHandler(on_press))
    async with polling(app):
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("认领", callback_data="claim:7")]])
        sent = await app.bot.send_message(GRID3["id"], "工单7", reply_markup=keyboard)
        message = await telegram_peer.wait_for(GRID3["id"], lambda m: m.get("text") == "工单7")
        assert message["message_id"] == sent.message_id
        assert message["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "claim:7"
        query_id = await telegram_peer.press(LI, message, "claim:7")
        await telegram_peer.wait_for(GRID3["id"], lambda m: "edit_date" in m)

    assert pressed == [("claim:7", str(GRID3["id"]))]
    assert (await telegram_peer.callback_answer(query_id) or {})["text"] == "已认领"
    [edited] = await telegram_peer.bot_messages(GRID3["id"])
    assert edited["text"] == "已由李四认领"
    assert "reply_markup" not in edited


async def test_poll_answers_and_stop_poll(telegram_peer: TelegramPeer) -> None:
    app = application(telegram_peer)
    answers: asyncio.Queue[tuple[str, int, tuple[int, ...]]] = asyncio.Queue()

    async def on_answer(update: Update, context: Context) -> None:
        answer = update.poll_answer
        assert answer is not None
        assert answer.user is not None
        await answers.put((answer.poll_id, answer.user.id, answer.option_ids))

    app.add_handler(PollAnswerHandler(on_answer))
    async with polling(app):
        sent = await app.bot.send_poll(
            GRID3["id"],
            "议事会时间？",
            ["周二晚", "周四晚", "周六上午"],
            is_anonymous=False,
            allows_multiple_answers=True,
        )
        assert sent.poll is not None
        poll_id = sent.poll.id
        [stored] = await telegram_peer.bot_messages(GRID3["id"])
        assert stored["poll"]["id"] == poll_id
        assert [o["text"] for o in stored["poll"]["options"]] == ["周二晚", "周四晚", "周六上午"]

        await telegram_peer.answer_poll(ZHANG, poll_id, [0, 2])
        assert await asyncio.wait_for(answers.get(), WAIT) == (poll_id, ZHANG["id"], (0, 2))

        stopped = await app.bot.stop_poll(GRID3["id"], sent.message_id)

    assert stopped.is_closed
    assert stopped.is_anonymous is False
    assert stopped.allows_multiple_answers
    assert [o.voter_count for o in stopped.options] == [1, 0, 1]
    assert stopped.total_voter_count == 1
    [stored] = await telegram_peer.bot_messages(GRID3["id"])
    assert stored["poll"]["is_closed"] is True


async def test_documents_and_photos(telegram_peer: TelegramPeer) -> None:
    app = application(telegram_peer)
    photos: asyncio.Queue[tuple[str | None, bytes]] = asyncio.Queue()

    async def on_photo(update: Update, context: Context) -> None:
        assert update.message is not None
        file = await update.message.photo[-1].get_file()
        await photos.put((update.message.caption, bytes(await file.download_as_bytearray())))

    app.add_handler(MessageHandler(filters.PHOTO, on_photo))
    content = "台账\n3号楼,漏水\n".encode() + bytes(range(256))
    image = png(3, 2)
    async with polling(app):
        document = await app.bot.send_document(
            GRID3["id"], content, filename="台账.csv", caption="本周台账"
        )
        photo = await app.bot.send_photo(GRID3["id"], image, caption="现场")
        user_photo = png(4, 5)
        await telegram_peer.say(ZHANG, GRID3, photo=user_photo, caption="楼道堆物")
        caption, downloaded = await asyncio.wait_for(photos.get(), WAIT)

    assert (caption, downloaded) == ("楼道堆物", user_photo)

    assert document.document is not None
    assert document.document.file_name == "台账.csv"
    assert document.document.file_size == len(content)
    assert document.caption == "本周台账"
    assert photo.photo[-1].width == 3
    assert photo.photo[-1].height == 2
    assert photo.caption == "现场"

    sent_document, sent_photo = await telegram_peer.bot_messages(GRID3["id"])
    assert sent_document["document"]["file_name"] == "台账.csv"
    assert sent_document["caption"] == "本周台账"
    assert await telegram_peer.file_bytes(sent_document["document"]["file_id"]) == content
    assert sent_photo["photo"][-1]["width"] == 3
    assert await telegram_peer.file_bytes(sent_photo["photo"][-1]["file_id"]) == image

    async with bot(telegram_peer) as b:
        file = await b.get_file(document.document.file_id)
        assert bytes(await file.download_as_bytearray()) == content


async def test_commands_list_and_chat_lookup(telegram_peer: TelegramPeer) -> None:
    await telegram_peer.say(ZHANG, GRID3, "你好")
    async with bot(telegram_peer) as b:
        assert b.username == "linli_test_bot"
        assert await b.set_my_commands([("help", "帮助"), BotCommand("list", "工单列表")])
        assert await telegram_peer.commands() == [
            {"command": "help", "description": "帮助"},
            {"command": "list", "description": "工单列表"},
        ]
        assert [c.command for c in await b.get_my_commands()] == ["help", "list"]
        assert await b.delete_my_commands()
        assert await telegram_peer.commands() == []
        chat = await b.get_chat(GRID3["id"])
        assert (chat.id, chat.type, chat.title) == (GRID3["id"], "group", "网格3群")


async def test_injected_failures(
    telegram_peer: TelegramPeer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without PTB_TIMEDELTA, reading RetryAfter.retry_after emits a PTBDeprecationWarning.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    async with bot(telegram_peer) as b:
        await telegram_peer.fail_next(GRID3["id"], times=1, retry_after=3)
        with pytest.raises(RetryAfter) as flood:
            await b.send_message(GRID3["id"], "第一次")
        assert flood.value.retry_after == dtm.timedelta(seconds=3)

        await telegram_peer.fail_next(GRID3["id"], times=2)
        for _ in range(2):
            with pytest.raises(NetworkError, match="Bad Gateway"):
                await b.send_message(GRID3["id"], "第二次")
        await b.send_message(GRID3["id"], "第三次")

    assert [m["text"] for m in await telegram_peer.bot_messages(GRID3["id"])] == ["第三次"]


async def test_migrated_group_raises_chat_migrated(telegram_peer: TelegramPeer) -> None:
    app = application(telegram_peer)
    migrations: asyncio.Queue[tuple[int, int]] = asyncio.Queue()

    async def on_migrate(update: Update, context: Context) -> None:
        message = update.message
        assert message is not None
        if message.migrate_to_chat_id:
            await migrations.put((message.chat.id, message.migrate_to_chat_id))

    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, on_migrate))
    async with polling(app):
        await telegram_peer.say(ZHANG, GRID3, "我们升级成超级群了")
        new_chat = await telegram_peer.migrate(ZHANG, GRID3, -1009003)
        assert await asyncio.wait_for(migrations.get(), WAIT) == (GRID3["id"], -1009003)
        with pytest.raises(ChatMigrated) as migrated:
            await app.bot.send_message(GRID3["id"], "旧群")
        assert migrated.value.new_chat_id == -1009003
        await app.bot.send_message(new_chat["id"], "新群")

    [message] = await telegram_peer.bot_messages(-1009003)
    assert message["chat"]["type"] == "supergroup"
    assert message["chat"]["title"] == "网格3群"


async def test_webhook_mode(telegram_peer: TelegramPeer) -> None:
    app = application(telegram_peer)
    answers: asyncio.Queue[tuple[int, ...]] = asyncio.Queue()

    async def echo(update: Update, context: Context) -> None:
        assert update.message is not None
        await update.message.reply_text(f"webhook：{update.message.text}")

    async def on_answer(update: Update, context: Context) -> None:
        assert update.poll_answer is not None
        await answers.put(update.poll_answer.option_ids)

    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.add_handler(PollAnswerHandler(on_answer))
    port = free_port()
    assert app.updater is not None
    async with app:
        await app.start()
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="tg",
            secret_token="s3cret",
            webhook_url=f"http://127.0.0.1:{port}/tg",
        )
        try:
            info = await app.bot.get_webhook_info()
            assert info.url == f"http://127.0.0.1:{port}/tg"
            await telegram_peer.say(LI, GRID3, "有人吗")
            await telegram_peer.wait_for(GRID3["id"], lambda m: m.get("text") == "webhook：有人吗")
            sent = await app.bot.send_poll(
                GRID3["id"], "去不去？", ["去", "不去"], is_anonymous=False
            )
            assert sent.poll is not None
            await telegram_peer.answer_poll(LI, sent.poll.id, [1])
            assert await asyncio.wait_for(answers.get(), WAIT) == (1,)
        finally:
            await app.updater.stop()
            await app.stop()
