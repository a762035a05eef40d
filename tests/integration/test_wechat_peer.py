"""The WeChat peer (tests/peers/wechat) against real python-wechaty 0.10.7.

No Linli code here: these tests prove the peer is a puppet service that python-wechaty accepts,
so adapter tests can trust it. Importing wechaty creates `.wechaty/` in the working directory.

The restart tests use the pattern the WeChat adapter's reconnect loop uses: a new Wechaty per
attempt, `init_puppet()`, `init_puppet_event_bridge(puppet)` and `puppet.start()` (which reads the
event stream until it ends) instead of `Wechaty.start()` (whose own restart sleeps 60 s).
"""

from __future__ import annotations

import asyncio
import base64
import io
import time
import warnings
from collections.abc import AsyncIterator, Iterator
from typing import Any

import openpyxl
import pytest
import wechaty_puppet
from grpclib.exceptions import StreamTerminatedError
from wechaty_puppet import MessageType
from wechaty_puppet.exceptions import WechatyPuppetConfigurationError

# Python 3.11: dataclasses reject PuppetOptions (unhashable) as a field default in
# WechatyOptions; giving it object's hash lets `import wechaty` work.
wechaty_puppet.PuppetOptions.__hash__ = object.__hash__

with warnings.catch_warnings():  # wechaty imports telnetlib (deprecated in 3.11)
    warnings.simplefilter("ignore", DeprecationWarning)
    from wechaty import (  # noqa: TID251 - the peer is tested with the real library
        Contact,
        FileBox,
        Message,
        Room,
        Tag,
        Wechaty,
        WechatyOptions,
    )

from tests.support.peer_process import free_port  # noqa: E402
from tests.support.wechat_peer import (  # noqa: E402
    BOT_ID,
    BOT_NAME,
    CONTACTS,
    ROOMS,
    PeerError,
    WechatPeer,
)

# Third-party warnings from wechaty 0.10.7: it subclasses pyee's old AsyncIOEventEmitter alias,
# and its FileBox calls the deprecated `logger.warn`.
pytestmark = [
    pytest.mark.filterwarnings("ignore:pyee.AsyncIOEventEmitter has been moved:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:The 'warn' method is deprecated:DeprecationWarning"),
]

WAIT = 5.0
LOGIN_WAIT = 10.0
GRID3 = ROOMS["网格3群"]
LI = CONTACTS["李书记"]
WANG = CONTACTS["王芳"]
ZHANG = CONTACTS["张网格"]

# 1x1 PNG
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


class Bot(Wechaty):
    """Records what python-wechaty hands to its handlers."""

    def __init__(self, options: WechatyOptions) -> None:
        super().__init__(options)
        self.logged_in: asyncio.Event = asyncio.Event()
        self.user: Contact | None = None
        self.received: asyncio.Queue[tuple[str | None, str, str, str | None]] = asyncio.Queue()
        self.raw: asyncio.Queue[Message] = asyncio.Queue()
        # (room id, new topic, old topic, changer id, what room.topic() said in the handler)
        self.topics: asyncio.Queue[tuple[str, str, str, str, str | None]] = asyncio.Queue()

    async def on_room_topic(
        self, room: Room, new_topic: str, old_topic: str, changer: Contact, date: Any
    ) -> None:
        await self.topics.put(
            (room.room_id, new_topic, old_topic, changer.contact_id, await room.topic())
        )

    async def on_login(self, contact: Contact) -> None:
        self.user = contact
        self.logged_in.set()

    async def on_message(self, msg: Message) -> None:
        talker = msg.talker()
        if talker.contact_id == BOT_ID:
            return  # the mock echoes the bot's own messages too
        await self.raw.put(msg)
        room = msg.room()
        topic = await room.topic() if room is not None else None
        await self.received.put((topic, talker.name, msg.text(), room.room_id if room else None))


def _forget_cached_users() -> None:
    """python-wechaty caches Contact, Room and Tag objects in class-level pools shared by every
    bot in the process; with the peer's stable ids a later bot would get objects bound to an
    earlier bot's stopped puppet."""
    for cls in (Contact, Room, Tag):
        cls._pool.clear()


@pytest.fixture
def wechat_peer() -> Iterator[WechatPeer]:
    with WechatPeer.start() as peer:
        yield peer


def _new_bot() -> Bot:
    # A fresh PuppetOptions each time: WechatyOptions' default is one shared instance, and
    # the first bot's endpoint and token stick to it for every later bot in the process.
    options = WechatyOptions(
        puppet_options=wechaty_puppet.PuppetOptions(), host="127.0.0.1", port=free_port()
    )
    _forget_cached_users()
    return Bot(options)


@pytest.fixture
async def bot(wechat_peer: WechatPeer, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Bot]:
    for key, value in wechat_peer.env().items():
        monkeypatch.setenv(key, value)
    bot = _new_bot()
    task = asyncio.create_task(bot.start())
    try:
        try:
            await asyncio.wait_for(bot.logged_in.wait(), LOGIN_WAIT)
        except TimeoutError:
            failed = f"; bot.start() ended: {task!r}" if task.done() else ""
            raise AssertionError(
                f"python-wechaty never logged in to the peer within {LOGIN_WAIT} s{failed}; "
                f"peer stderr:\n{wechat_peer.stderr()}"
            ) from None
        yield bot
    finally:
        if bot.logged_in.is_set():
            await bot.stop()
        await _cancel(task)
        _forget_cached_users()


async def _cancel(task: asyncio.Task[None]) -> None:
    """Cancel `task` until it ends. One cancel is not enough for bot.start(): when it lands while
    grpclib is cancelling the stream read for the channel bot.stop() closed, grpclib turns it
    into StreamTerminatedError('Connection closed'), and Wechaty.start() catches that and sleeps
    60 s before restarting."""
    while not task.done():
        task.cancel()
        await asyncio.wait({task}, timeout=0.1)
    await asyncio.gather(task, return_exceptions=True)


async def _received(bot: Bot) -> Any:
    return await asyncio.wait_for(bot.received.get(), WAIT)


async def test_login_as_linli(bot: Bot) -> None:
    assert bot.user is not None
    assert bot.user.contact_id == BOT_ID
    assert bot.user.name == BOT_NAME


async def test_room_message_reaches_the_bot(bot: Bot, wechat_peer: WechatPeer) -> None:
    await wechat_peer.say("李书记", "大家好，周六打扫楼道", room="网格3群")
    assert await _received(bot) == ("网格3群", "李书记", "大家好，周六打扫楼道", GRID3)


async def test_bot_says_in_room(bot: Bot, wechat_peer: WechatPeer) -> None:
    room = await bot.Room.find("网格3群")
    assert room is not None
    await room.say("收到")
    said = await wechat_peer.from_bot(lambda m: m["text"] == "收到", WAIT)
    assert said["roomId"] == GRID3
    assert said["type"] == "Text"
    members = {member.contact_id for member in await room.member_list()}
    assert {BOT_ID, LI, WANG} <= members


async def test_private_messages_both_ways(bot: Bot, wechat_peer: WechatPeer) -> None:
    await wechat_peer.say("王芳", "楼下路灯坏了")
    assert await _received(bot) == (None, "王芳", "楼下路灯坏了", None)
    contact = bot.Contact.load(WANG)
    await contact.ready()
    assert contact.name == "王芳"
    await contact.say("已记录")
    said = await wechat_peer.from_bot(lambda m: m["text"] == "已记录", WAIT)
    assert said["roomId"] is None
    assert said["listenerId"] == WANG


async def test_bot_sends_a_file(bot: Bot, wechat_peer: WechatPeer) -> None:
    room: Room = bot.Room.load(GRID3)
    await room.ready()
    await room.say(FileBox.from_base64(base64.b64encode(PNG), name="notice.png"))
    said = await wechat_peer.from_bot(lambda m: m["fileName"] is not None, WAIT)
    assert said["fileName"] == "notice.png"
    assert said["roomId"] == GRID3
    assert said["type"] == "Image"


async def test_mentions_and_order(bot: Bot, wechat_peer: WechatPeer) -> None:
    said = await wechat_peer.say("张网格", "@邻里 查一下", room="网格5群", mentions=["邻里"])
    assert said["mentionIds"] == [BOT_ID]
    assert (await _received(bot))[:3] == ("网格5群", "张网格", "@邻里 查一下")
    await wechat_peer.say("钱阿姨", "谢谢", room="网格5群")
    await _received(bot)
    texts = [m["text"] for m in await wechat_peer.messages()]
    assert texts == ["@邻里 查一下", "谢谢"]


# -- room rename


async def test_room_rename_reaches_the_bot(bot: Bot, wechat_peer: WechatPeer) -> None:
    room: Room = bot.Room.load(GRID3)
    await room.ready()
    assert await room.topic() == "网格3群"
    renamed = await wechat_peer.rename("网格3群", "网格3群·新", by="张网格")
    assert renamed == {
        "roomId": GRID3,
        "topic": "网格3群·新",
        "oldTopic": "网格3群",
        "changerId": ZHANG,
    }
    # The room-topic event carries the new topic, but python-wechaty keeps the Room object's
    # payload: room.topic() is stale, in the handler and after (ready(force_sync=True) does not
    # help either: it returns early once a payload is loaded).
    event = await asyncio.wait_for(bot.topics.get(), WAIT)
    assert event == (GRID3, "网格3群·新", "网格3群", ZHANG, "网格3群")
    await room.ready(force_sync=True)
    assert await room.topic() == "网格3群"
    # The gateway serves the new topic: reloading the payload (or a Room not cached yet) sees it.
    room.payload = await room.puppet.room_payload(GRID3)
    assert await room.topic() == "网格3群·新"
    _forget_cached_users()
    fresh: Room = bot.Room.load(GRID3)
    await fresh.ready()
    assert await fresh.topic() == "网格3群·新"


# -- images and files


async def test_image_from_contact_reaches_the_bot(bot: Bot, wechat_peer: WechatPeer) -> None:
    said = await wechat_peer.send_image("王芳", PNG, room="网格3群", file_name="photo.png")
    assert said["type"] == "Image"
    assert (said["fileName"], said["fileSize"], said["roomId"]) == ("photo.png", len(PNG), GRID3)
    msg = await asyncio.wait_for(bot.raw.get(), WAIT)
    assert msg.type() == MessageType.MESSAGE_TYPE_IMAGE
    assert msg.room() is not None and msg.talker().contact_id == WANG
    box = await msg.to_file_box()
    assert box.name == "photo.png"
    assert base64.b64decode(box.base64) == PNG
    assert await wechat_peer.file(said["id"]) == PNG


async def test_private_text_then_image(bot: Bot, wechat_peer: WechatPeer) -> None:
    said = await wechat_peer.say("孙大爷", "你看这个", image=PNG, file_name="leak.jpg")
    assert (said["type"], said["fileName"], said["listenerId"]) == ("Image", "leak.jpg", BOT_ID)
    text, image = [await asyncio.wait_for(bot.raw.get(), WAIT) for _ in range(2)]
    assert (text.type(), text.text(), text.room()) == (
        MessageType.MESSAGE_TYPE_TEXT,
        "你看这个",
        None,
    )
    assert image.type() == MessageType.MESSAGE_TYPE_IMAGE
    assert base64.b64decode((await image.to_file_box()).base64) == PNG


async def test_large_image_from_contact_is_a_uuid_file_box(
    bot: Bot, wechat_peer: WechatPeer
) -> None:
    # The gateway (wechaty-puppet-service's server) turns file boxes over 20 KB into UUID file
    # boxes, streamed by another call; python-wechaty 0.10.7 cannot parse those.
    big = PNG + bytes(30 * 1024)
    said = await wechat_peer.send_image("王芳", big, room="网格3群", file_name="big.png")
    assert said["fileSize"] == len(big)
    msg = await asyncio.wait_for(bot.raw.get(), WAIT)
    assert msg.type() == MessageType.MESSAGE_TYPE_IMAGE
    with pytest.raises(ValueError, match="unknown file_box json object"):
        await msg.to_file_box()
    assert await wechat_peer.file(said["id"]) == big


async def test_bot_file_is_kept(bot: Bot, wechat_peer: WechatPeer) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "楼栋"
    sheet["B2"] = 3
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    room: Room = bot.Room.load(GRID3)
    await room.ready()
    await room.say(FileBox.from_base64(base64.b64encode(data), name="周报.xlsx"))
    said = await wechat_peer.from_bot(lambda m: m["fileName"] == "周报.xlsx", WAIT)
    assert said["fileSize"] == len(data)
    assert said["type"] == "Unknown"  # the mock knows no spreadsheet type
    kept = await wechat_peer.file(said["id"])
    assert kept == data
    opened = openpyxl.load_workbook(io.BytesIO(kept)).active
    assert opened is not None
    assert (opened["A1"].value, opened["B2"].value) == ("楼栋", 3)


async def test_file_of_a_text_message_is_404(wechat_peer: WechatPeer) -> None:
    said = await wechat_peer.say("李书记", "没有附件", room="网格3群")
    with pytest.raises(PeerError, match="HTTP 404"):
        await wechat_peer.file(said["id"])


# -- the gateway drops: the adapter's reconnect loop


async def _attempt() -> tuple[Bot, asyncio.Task[None]]:
    """One attempt of the reconnect loop: a new Wechaty, its puppet and event bridge, and
    `puppet.start()` running (it returns or raises when the event stream ends)."""
    bot = _new_bot()
    await bot.init_puppet()
    await bot.init_puppet_event_bridge(bot.puppet)
    return bot, asyncio.create_task(bot.puppet.start())


def _abandon(bot: Bot) -> None:
    """Drop a bot whose gateway went away without calling it (`bot.stop()` would call the
    gateway's stop: ConnectionRefusedError while it is down)."""
    channel = getattr(bot.puppet, "channel", None)
    if channel is not None:
        channel.close()


async def _connect(timeout: float = LOGIN_WAIT) -> tuple[Bot, asyncio.Task[None], list[str]]:
    """Attempts until one logs in; also answers why the failed ones failed."""
    deadline = time.monotonic() + timeout
    failures: list[str] = []
    while True:
        bot, stream = await _attempt()
        login = asyncio.create_task(bot.logged_in.wait())
        await asyncio.wait({stream, login}, timeout=LOGIN_WAIT, return_when="FIRST_COMPLETED")
        if bot.logged_in.is_set():
            return bot, stream, failures
        login.cancel()
        await _cancel(stream)
        outcome = await asyncio.gather(stream, return_exceptions=True)
        failures.append(repr(outcome[0]))
        _abandon(bot)
        if time.monotonic() >= deadline:
            raise AssertionError(f"no attempt logged in within {timeout} s: {failures}")
        await asyncio.sleep(0.1)


async def _stop(bot: Bot, stream: asyncio.Task[None]) -> None:
    await bot.stop()
    # puppet.start() returns, or raises StreamTerminatedError('Connection closed'): a race
    # between the gateway ending the stream and the client closing the channel.
    await asyncio.gather(stream, return_exceptions=True)
    _forget_cached_users()


async def _hears(bot: Bot, peer: WechatPeer, text: str) -> None:
    await peer.say("李书记", text, room="网格3群")
    assert await _received(bot) == ("网格3群", "李书记", text, GRID3)


async def test_gateway_restart_new_wechaty_reconnects(
    wechat_peer: WechatPeer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in wechat_peer.env().items():
        monkeypatch.setenv(key, value)
    first, stream, _ = await _connect()
    peer = wechat_peer
    try:
        await _hears(first, peer, "重启前")
        started = time.monotonic()
        peer = wechat_peer.restart()  # the same gRPC port and token, a new process
        assert time.monotonic() - started < 5
        assert (peer.port, peer.token) == (wechat_peer.port, wechat_peer.token)
        # The old event stream ends with an exception; puppet.start() raises it.
        with pytest.raises(StreamTerminatedError, match="Connection lost"):
            await asyncio.wait_for(stream, WAIT)
        _abandon(first)
        second, stream, failures = await _connect()
        assert failures == []  # the new peer was listening already
        try:
            await _hears(second, peer, "重启后")
            room: Room = second.Room.load(GRID3)
            await room.ready()
            await room.say("我回来了")
            said = await peer.from_bot(lambda m: m["text"] == "我回来了", WAIT)
            assert said["roomId"] == GRID3
        finally:
            await _stop(second, stream)
    finally:
        peer.stop()


async def test_gateway_drop_in_process(
    wechat_peer: WechatPeer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in wechat_peer.env().items():
        monkeypatch.setenv(key, value)
    first, stream, _ = await _connect()
    await _hears(first, wechat_peer, "断线前")
    await wechat_peer.drop(restart_after_ms=800)
    with pytest.raises(StreamTerminatedError, match="Connection lost"):
        await asyncio.wait_for(stream, WAIT)
    # Calls on the old connection fail while the gateway is away; bot.stop() raises too.
    with pytest.raises(ConnectionRefusedError):
        await first.stop()
    _abandon(first)
    # New attempts fail fast (python-wechaty pings the endpoint first) until it is back.
    second, stream, failures = await _connect()
    try:
        assert failures
        assert all(WechatyPuppetConfigurationError.__name__ in f for f in failures), failures
        await _hears(second, wechat_peer, "断线后")
        # In-process: the messages from before the drop are still there.
        texts = [m["text"] for m in await wechat_peer.messages()]
        assert texts == ["断线前", "断线后"]
    finally:
        await _stop(second, stream)
