"""The WeChat peer (tests/peers/wechat) against real python-wechaty 0.10.7.

No Linli code here: these tests prove the peer is a puppet service that python-wechaty accepts,
so adapter tests can trust it. Importing wechaty creates `.wechaty/` in the working directory.
"""

from __future__ import annotations

import asyncio
import base64
import warnings
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import wechaty_puppet

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
from tests.support.wechat_peer import BOT_ID, BOT_NAME, CONTACTS, ROOMS, WechatPeer  # noqa: E402

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

    async def on_login(self, contact: Contact) -> None:
        self.user = contact
        self.logged_in.set()

    async def on_message(self, msg: Message) -> None:
        talker = msg.talker()
        if talker.contact_id == BOT_ID:
            return  # the mock echoes the bot's own messages too
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


@pytest.fixture
async def bot(wechat_peer: WechatPeer, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Bot]:
    for key, value in wechat_peer.env().items():
        monkeypatch.setenv(key, value)
    # A fresh PuppetOptions each time: WechatyOptions' default is one shared instance, and
    # the first bot's endpoint and token stick to it for every later bot in the process.
    options = WechatyOptions(
        puppet_options=wechaty_puppet.PuppetOptions(), host="127.0.0.1", port=free_port()
    )
    _forget_cached_users()
    bot = Bot(options)
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
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        _forget_cached_users()


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
