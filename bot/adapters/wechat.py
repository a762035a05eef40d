"""WeChat, through python-wechaty and a wechaty puppet-service gateway.

The only module that imports `wechaty`. It translates, nothing more: room and private messages
in as `IncomingMessage`s, the outbox's messages out through `room.say` / `contact.say`.
WeChat has no buttons and no polls, so replies go as text (which always says what to type)
and a poll as its text (`M3 1`); closing a poll needs nothing here.

The gateway connection is ours to keep: python-wechaty's own `Wechaty.start()` sleeps a fixed
minute after a network error and stops the event loop on others, so `run()` connects with a new
`Wechaty` per attempt and reconnects with backoff when the stream ends. A connection can also go
silent without ending (the gateway hangs, a NAT forgets the flow): while logged in, a heartbeat
calls the gateway's `ding` every `wechat.heartbeat` seconds, and no answer within
`wechat.heartbeat_timeout` ends the connection the same way. Pacing (and merging a backlog into
one message per room) is the outbox's, configured under `rate_limits.wechat`.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
import re
import socket
import warnings
from collections import OrderedDict
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import wechaty_puppet

# Python 3.11: dataclasses refuse PuppetOptions (unhashable) as a field default of
# WechatyOptions; object's hash lets `import wechaty` work.
wechaty_puppet.PuppetOptions.__hash__ = object.__hash__

with warnings.catch_warnings():  # wechaty imports telnetlib, deprecated in 3.11
    warnings.simplefilter("ignore", DeprecationWarning)
    import wechaty_puppet_service  # noqa: F401 - loaded lazily by wechaty; its logger too
    from wechaty import Contact, FileBox, Message, MessageType, Room, Tag, Wechaty, WechatyOptions

from grpclib.exceptions import GRPCError  # noqa: E402 - after the import fix above

from bot import messages as core  # noqa: E402
from bot.adapters.base import Deliver, TryLater, Undeliverable, stopped_by_signals  # noqa: E402
from bot.clock import Clock  # noqa: E402
from bot.config import Settings, WechatSettings  # noqa: E402

log = logging.getLogger(__name__)

PLATFORM = "wechat"
ENV_TOKEN = "LINLI_WECHAT_TOKEN"
ENV_ENDPOINT = "LINLI_WECHAT_ENDPOINT"
HELP_NOTE = "微信：没有按钮和投票框，按消息里的提示直接回复文字即可，如「满意」「M3 1」。"
AUTHORS_KEPT = 2000  # recent room messages whose authors replies @-mention
OFFLINE_WAIT = 5.0  # seconds the outbox waits while the gateway is away
RECONNECT_FIRST = 1.0  # seconds before the first reconnect; doubles up to wechat.reconnect_max
STOP_WAIT = 5.0  # seconds to close a connection before giving up on it
HEARTBEAT_DATA = "linli-heartbeat"  # what the heartbeat's ding carries (its dong echoes it)
WECHAT_SPACE = "\u2005"  # WeChat puts this after an @name
# A quoted reply as WeChat clients render it in the text: 「名字：原文」, a dashed line, the reply.
_QUOTE = re.compile(
    r"^「(?P<name>[^：:」]{1,64})[：:](?P<quoted>.*)」\s*\n- (?:- )+-?\s*\n(?P<text>.*)$", re.S
)
_WECHATY_LOG_FORMAT = "%(asctime)s - %(name)s - %(levelname)s - %(message)s"
_FILE_TYPES = {
    MessageType.MESSAGE_TYPE_IMAGE: "photo",
    MessageType.MESSAGE_TYPE_ATTACHMENT: "file",
    MessageType.MESSAGE_TYPE_VIDEO: "file",
}


def _quiet_wechaty_logs() -> None:
    """python-wechaty's loggers print to stderr themselves, at INFO, past our secret filter,
    with residents' messages in them. They go through the root logger instead, warnings only."""
    for logger in list(logging.root.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger) and not logger.propagate and _own_format(logger):
            logger.handlers = []
            logger.propagate = True
            logger.setLevel(logging.WARNING)
    # "no blueprint in the plugins, so bot will not start the web service": we use none;
    # "there are endpoint<…> and token<…>": said at every connection, with the token in it.
    logging.getLogger("wechaty.plugin").setLevel(logging.ERROR)
    logging.getLogger("PuppetService").setLevel(logging.ERROR)


def _own_format(logger: logging.Logger) -> bool:
    """Whether the logger was set up by wechaty_puppet.logger.get_logger (by its format)."""
    return any(
        handler.formatter is not None and handler.formatter._fmt == _WECHATY_LOG_FORMAT
        for handler in logger.handlers
    )


_quiet_wechaty_logs()


class WechatUnavailable(ConnectionError):
    """The gateway could not be reached, or the account did not log in, at start."""


class _Bot(Wechaty):  # type: ignore[misc]  # Wechaty is untyped (Any)
    """One connection to the gateway; events go to the adapter."""

    def __init__(self, adapter: WechatAdapter, options: Any) -> None:
        super().__init__(options)
        self._adapter = adapter

    async def on_login(self, contact: Any) -> None:
        self._adapter._logged_in(self, contact)

    async def on_logout(self, contact: Any) -> None:
        log.error("wechat: the account %s was logged out", contact)
        self._adapter._dropped("logged out")

    async def on_scan(self, qr_code: str, status: Any, data: Any = None) -> None:
        self._adapter._scan(qr_code, status)

    async def on_message(self, msg: Any) -> None:
        await self._adapter._received(msg)

    async def on_room_topic(
        self, room: Any, new_topic: str, old_topic: str, changer: Any, date: Any
    ) -> None:
        # python-wechaty keeps the room's first payload for good; read it again, so messages
        # from now on carry the new name (the binding is by id and does not change).
        log.info("wechat: room %s renamed to %s", room.room_id, new_topic)
        try:
            room.payload = await room.puppet.room_payload(room.room_id)
        except Exception:
            log.warning("wechat: room %s could not be read again", room.room_id, exc_info=True)


class WechatAdapter:
    """One WeChat account behind a puppet-service gateway."""

    platform = PLATFORM
    help_note = HELP_NOTE

    def __init__(
        self,
        settings: Settings,
        *,
        endpoint: str,
        token: str,
        clock: Clock,
    ) -> None:
        self._config: WechatSettings = settings.wechat
        self._endpoint = endpoint
        self._token = token
        self._clock = clock
        self._stopped = asyncio.Event()
        self.ready = asyncio.Event()  # set while logged in
        self._login = asyncio.Event()
        self._drop = asyncio.Event()
        self._silent = False  # the heartbeat found the gateway silent and ended the connection
        self._scan_asked = False  # the gateway asked for a QR-code scan since the last check
        self._bot: _Bot | None = None
        self._self_id = ""
        self._self_name = ""
        self._deliver: Deliver | None = None
        self._arrivals: asyncio.Queue[asyncio.Future[core.IncomingMessage | None]] = asyncio.Queue()
        self.reconnects = 0  # how many times the connection was made again
        # WeChat cannot quote a message: a reply @-mentions the one who wrote it instead.
        self._authors: OrderedDict[str, core.PersonRef] = OrderedDict()

    # -- running ------------------------------------------------------------------------------

    async def run(self, deliver: Deliver) -> None:
        """Stay connected to the gateway until `stop()` or a signal, handing messages on."""
        self._deliver = deliver
        consumer = asyncio.get_running_loop().create_task(self._consume())
        failures = 0
        first = True
        try:
            with stopped_by_signals(self.stop):
                while not self._stopped.is_set():
                    connected = await self._session(first=first)
                    first = False
                    if self._stopped.is_set():
                        break
                    failures = 0 if connected else failures + 1
                    delay = min(
                        self._config.reconnect_max, RECONNECT_FIRST * 2 ** max(0, failures - 1)
                    )
                    log.warning("wechat: gateway connection lost; reconnecting in %.0f s", delay)
                    await self._pause(delay)
        finally:
            consumer.cancel()
            await asyncio.gather(consumer, return_exceptions=True)

    def stop(self) -> None:
        self._stopped.set()

    async def _session(self, *, first: bool) -> bool:
        """One connection until it drops; True if it logged in. At start, failing to log in
        within `wechat.login_timeout` raises `WechatUnavailable`."""
        self._login.clear()
        self._drop.clear()
        self._silent = False
        self._scan_asked = False
        bot = self._new_bot()
        self._bot = bot
        listening = asyncio.get_running_loop().create_task(self._listen(bot))
        heartbeat: asyncio.Task[None] | None = None
        try:
            timeout = self._config.login_timeout
            logged_in = await self._first(self._login.wait(), listening, timeout)
            while not logged_in and self._scan_asked and not listening.done():
                # Someone has to scan the QR code on a phone: wait for them, as long as it takes.
                self._scan_asked = False
                logged_in = await self._first(self._login.wait(), listening, timeout)
            if not logged_in:
                if first:
                    raise WechatUnavailable(self._why_not(listening))
                log.warning(
                    "wechat: no login from %s: %s", self._endpoint, self._why_not(listening)
                )
                return False
            if not first:
                self.reconnects += 1
                log.warning("wechat: reconnected as %s", self._self_name)
            else:
                log.info("wechat: logged in as %s via %s", self._self_name, self._endpoint)
            self.ready.set()
            if self._config.heartbeat > 0:
                heartbeat = asyncio.get_running_loop().create_task(self._heartbeat(bot))
            await self._first(self._drop.wait(), listening, None)
            return True
        finally:
            self.ready.clear()
            self._bot = None  # sends and fetches caught on this connection now give up
            if heartbeat is not None:
                heartbeat.cancel()
                await asyncio.gather(heartbeat, return_exceptions=True)
            await self._close(bot, listening)

    async def _heartbeat(self, bot: _Bot) -> None:
        """Ask the gateway for a sign of life every `wechat.heartbeat` seconds; end the
        connection when none comes within `wechat.heartbeat_timeout`.

        The sign is the gateway's answer to `ding`: a unary call on the HTTP/2 connection that
        carries the event stream, answered by the gateway process itself. (Its `dong` event
        follows on the stream, but when is up to the puppet behind the gateway: the mock waits a
        second, others may never send one.) A refusal (a gRPC status) is an answer too."""
        loop = asyncio.get_running_loop()
        heard = loop.time()
        while True:
            await asyncio.sleep(self._config.heartbeat)
            try:
                await asyncio.wait_for(
                    bot.puppet.ding(HEARTBEAT_DATA), self._config.heartbeat_timeout
                )
            except GRPCError:
                pass  # the gateway answered, if only to refuse
            except TimeoutError:
                self._silent = True
                self._dropped(f"gateway silent for {loop.time() - heard:.0f} s; reconnecting")
                return
            except Exception as trouble:  # the connection failed under the call
                self._silent = True
                self._dropped(f"gateway heartbeat failed ({type(trouble).__name__}); reconnecting")
                return
            heard = loop.time()

    async def _listen(self, bot: _Bot) -> None:
        """Connect and stream events until the gateway ends the stream."""
        await bot.init_puppet()
        await bot.init_puppet_event_bridge(bot.puppet)
        await bot.puppet.start()

    async def _first(
        self, event: Any, listening: asyncio.Task[None], timeout: float | None
    ) -> bool:
        """Wait for `event` (True), the stream ending or the bot stopping (False)."""
        waiting = asyncio.ensure_future(event)
        stopping = asyncio.ensure_future(self._stopped.wait())
        try:
            done, _ = await asyncio.wait(
                {waiting, stopping, listening}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            waiting.cancel()
            stopping.cancel()
        return waiting in done

    @staticmethod
    def _why_not(listening: asyncio.Task[None]) -> str:
        if listening.done() and not listening.cancelled() and listening.exception() is not None:
            return f"连不上微信网关：{listening.exception()}"
        return "微信网关没有完成登录（令牌不对，或账号需要扫码）。"

    async def _close(self, bot: _Bot, listening: asyncio.Task[None]) -> None:
        puppet = bot._puppet
        if puppet is not None and not self._silent:  # a silent gateway would not answer `stop`
            try:
                await asyncio.wait_for(bot.stop(), STOP_WAIT)
            except Exception:
                log.debug("wechat: stopping the old connection failed", exc_info=True)
        # On a gateway that is gone, stop() fails before closing its channel: close it here.
        # That ends the event stream and any call still waiting on the connection.
        channel = getattr(puppet, "channel", None)
        if channel is not None:
            channel.close()
        listening.cancel()
        await asyncio.gather(listening, return_exceptions=True)
        failed = not listening.cancelled() and listening.exception() is not None
        if failed and not self._stopped.is_set() and not self._silent:
            log.warning("wechat: the event stream ended: %r", listening.exception())
        scheduler = getattr(getattr(bot, "_plugin_manager", None), "scheduler", None)
        if scheduler is not None and getattr(scheduler, "running", False):
            scheduler.shutdown(wait=False)

    def _new_bot(self) -> _Bot:
        # A fresh PuppetOptions each time: WechatyOptions' default is one shared instance.
        puppet_options = wechaty_puppet.PuppetOptions(end_point=self._endpoint, token=self._token)
        options = WechatyOptions(puppet_options=puppet_options, host="127.0.0.1", port=_free_port())
        # python-wechaty caches contacts and rooms in class-level pools shared by every
        # connection; objects from a dropped one would talk to its closed puppet.
        for cls in (Contact, Room, Tag, Message):
            pool = getattr(cls, "_pool", None)
            if isinstance(pool, dict):
                pool.clear()
        return _Bot(self, options)

    async def _pause(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopped.wait(), seconds)

    # -- events from the connection -----------------------------------------------------------

    def _logged_in(self, bot: _Bot, contact: Any) -> None:
        if bot is not self._bot:
            return
        self._self_id = str(contact.contact_id)
        self._self_name = str(contact.name or "")
        self._login.set()

    def _dropped(self, why: str) -> None:
        log.warning("wechat: %s", why)
        self._drop.set()

    def _scan(self, qr_code: str, status: Any) -> None:
        self._scan_asked = True
        log.warning(
            "wechat: the account must scan a QR code to log in (%s): "
            "https://wechaty.js.org/qrcode/%s",
            getattr(status, "name", status),
            qr_code,
        )

    async def _received(self, msg: Any) -> None:
        """Keep arrival order: a slot is queued at once, filled when the message is read."""
        slot: asyncio.Future[core.IncomingMessage | None] = (
            asyncio.get_running_loop().create_future()
        )
        self._arrivals.put_nowait(slot)
        try:
            slot.set_result(await self.incoming(msg))
        except Exception as trouble:
            # By id and kind only: the text is a resident's (the detail is for debugging).
            message_id = getattr(msg, "message_id", "?")
            log.warning(
                "wechat: malformed message %s skipped (%s)", message_id, type(trouble).__name__
            )
            log.debug("wechat: message %s in detail", message_id, exc_info=True)
            slot.set_result(None)

    async def _consume(self) -> None:
        while True:
            slot = await self._arrivals.get()
            incoming = await slot
            if incoming is None or self._deliver is None:
                continue
            try:
                await self._deliver(incoming)
            except Exception:
                log.exception("wechat: message %s could not be handled", incoming.message_id)

    # -- messages in --------------------------------------------------------------------------

    async def incoming(self, msg: Any) -> core.IncomingMessage | None:
        """The core's view of one message; None for the bot's own and for what it ignores."""
        talker = msg.talker()
        if talker is None or talker.contact_id == self._self_id:
            return None  # the gateway echoes the bot's own messages
        message_id = _ref(msg.message_id, "message")
        kind = msg.type()
        attachments: tuple[core.AttachmentRef, ...] = ()
        voice = kind == MessageType.MESSAGE_TYPE_AUDIO  # 语音: privately, asked to type it
        recalled = None
        if kind == MessageType.MESSAGE_TYPE_RECALLED:  # 撤回: its text is the message's id
            recalled = _ref(_text(msg.text()), "message")
            text = ""
        elif kind in _FILE_TYPES:
            attachments = (core.AttachmentRef(_FILE_TYPES[kind], message_id),)
            text = ""
        elif voice:
            text = ""
        elif kind == MessageType.MESSAGE_TYPE_TEXT:
            text = _text(msg.text())
        else:
            return None  # stickers, cards, links, system notices
        talker_id = _ref(talker.contact_id, "contact")
        sender = core.PersonRef(PLATFORM, talker_id, _text(talker.name) or talker_id)
        room = msg.room()
        mentions_bot = False
        mentions: tuple[core.PersonRef, ...] = ()
        reply_to = None
        if room is not None:
            room_id = _ref(room.room_id, "room")
            chat = core.ChatRef(PLATFORM, room_id, _text(await room.topic()) or room_id)
            mentioned = [_ref(i, "contact") for i in (msg.payload.mention_ids or [])]
            mentions_bot = self._self_id in mentioned or self._names_me(text)
            mentions = tuple(await self._people(msg, mentioned))
            text = self._without_my_name(text)
            text, reply_to = await self._quote(room, text)
            self._remember_author(message_id, sender)
        else:
            chat = core.ChatRef(PLATFORM, talker_id, sender.name, is_private=True)
            text, reply_to = await self._quote(None, text)
        return core.IncomingMessage(
            chat=chat,
            sender=sender,
            text=text.replace(WECHAT_SPACE, " ").strip(),
            message_id=message_id,
            sent_at=_sent_at(msg, self._clock),
            reply_to=reply_to,
            mentions_bot=mentions_bot,
            mentions=mentions,
            attachments=attachments,
            voice=voice,
            recalled=recalled,
        )

    def _remember_author(self, message_id: str, sender: core.PersonRef) -> None:
        self._authors[message_id] = sender
        while len(self._authors) > AUTHORS_KEPT:
            self._authors.popitem(last=False)

    def _mention_ids(self, reply: core.Reply) -> list[str]:
        """Whom a room reply @-mentions: those it names, else the author of what it answers."""
        people = list(reply.mentions)
        if not people and reply.reply_to_message_id:
            author = self._authors.get(reply.reply_to_message_id)
            people = [author] if author is not None else []
        return [p.ref for p in people if p.ref and p.ref != self._self_id]

    def _names_me(self, text: str) -> bool:
        return bool(self._self_name) and f"@{self._self_name}" in text

    def _without_my_name(self, text: str) -> str:
        if not self._self_name:
            return text
        return re.sub(rf"@{re.escape(self._self_name)}[{WECHAT_SPACE} ]?", "", text).strip()

    async def _people(self, msg: Any, ids: Sequence[str]) -> list[core.PersonRef]:
        found = []
        for contact_id in ids:
            if contact_id == self._self_id:
                continue
            contact = msg.wechaty.Contact.load(contact_id)
            await contact.ready()
            found.append(core.PersonRef(PLATFORM, contact_id, _text(contact.name) or contact_id))
        return found

    async def _quote(self, room: Any, text: str) -> tuple[str, core.QuotedMessage | None]:
        """WeChat shows a quoted reply inside the text; its author is found by name."""
        quoted = _QUOTE.match(text)
        if quoted is None:
            return text, None
        name = quoted["name"].strip()
        author = None
        if room is not None:
            for member in await room.member_list():
                if name in (member.name, await room.alias(member)):
                    ref = _ref(member.contact_id, "contact")
                    author = core.PersonRef(PLATFORM, ref, _text(member.name) or name)
                    break
        return quoted["text"], core.QuotedMessage("", author, quoted["quoted"].strip())

    # -- messages out -------------------------------------------------------------------------

    async def send(self, message: core.Outgoing) -> core.Sent | None:
        bot = self._bot
        if bot is None or not self.ready.is_set():
            raise TryLater(OFFLINE_WAIT)  # reconnecting: the outbox waits and tries again
        try:
            return await self._send(bot, message)
        except GRPCError as refused:
            # The gateway answered and refused (unknown room or contact, not a friend).
            raise Undeliverable(f"微信网关拒绝发送：{refused.message or refused.status}") from None
        except Exception:
            if bot is not self._bot:
                # The connection ended under the send (the gateway dropped, or fell silent and
                # the heartbeat closed it): the outbox tries again once reconnected.
                raise TryLater(OFFLINE_WAIT) from None
            raise

    async def fetch(self, ref: str, into: Path) -> bool:
        """Save the picture of an image message (by its message id) through the gateway."""
        bot = self._bot
        if bot is None or not self.ready.is_set():
            raise TryLater(OFFLINE_WAIT)  # not logged in yet: the next photo or start tries
        try:
            received = bot.Message.load(ref)
            await received.ready()
            box = await received.to_file_box()
        except Exception:
            if bot is not self._bot:
                raise TryLater(OFFLINE_WAIT) from None  # the connection ended under it
            raise
        # A box the gateway gives as a URL is downloaded with blocking `requests`: in a thread.
        await asyncio.to_thread(lambda: asyncio.run(box.to_file(str(into), overwrite=True)))
        return True

    async def _send(self, bot: _Bot, message: core.Outgoing) -> core.Sent | None:
        match message:
            case core.ClosePoll():
                return None  # text polls close by the core's own announcement
            case core.Direct():
                target = await self._contact(bot, message.person.ref)
                return _sent(await target.say(message.text))
            case core.Reply():
                target = await self._chat(bot, message.chat)
                if message.chat.is_private:
                    return _sent(await target.say(message.text))
                ids = self._mention_ids(message)
                return _sent(await target.say(message.text, mention_ids=ids or None))
            case core.Poll():
                target = await self._chat(bot, message.chat)
                return _sent(await target.say(message.text))
            case core.Document():
                target = await self._chat(bot, message.chat)
                if message.ref is not None:  # a file received earlier, by its message id
                    received = bot.Message.load(message.ref)
                    await received.ready()
                    upload = await received.to_file_box()
                else:
                    upload = FileBox.from_base64(
                        base64.b64encode(message.content), name=message.filename
                    )
                sent = _sent(await target.say(upload))
                if message.caption:
                    await target.say(message.caption)
                return sent

    async def _chat(self, bot: _Bot, chat: core.ChatRef) -> Any:
        if chat.is_private:
            return await self._contact(bot, chat.ref)
        room = bot.Room.load(chat.ref)
        await room.ready()
        return room

    @staticmethod
    async def _contact(bot: _Bot, ref: str) -> Any:
        contact = bot.Contact.load(ref)
        await contact.ready()
        return contact


def _sent(message: Any) -> core.Sent:
    return core.Sent(str(message.message_id) if message is not None else None)


def _sent_at(msg: Any, clock: Clock) -> datetime:
    stamp = getattr(msg.payload, "timestamp", 0) or 0
    if not isinstance(stamp, int | float) or not stamp:
        return clock.now()
    seconds = stamp / 1000 if stamp > 10_000_000_000 else stamp  # gateways send s or ms
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return clock.now()  # a nonsense time: the message still counts, as of now


def _ref(value: Any, what: str) -> str:
    """A WeChat id (text; some gateways send numbers); TypeError for anything else or none."""
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise TypeError(f"{what} id is {type(value).__name__}")
    return str(value)


def _text(value: Any) -> str:
    """Text the gateway may leave out; TypeError when it sends something else instead."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"text is {type(value).__name__}")
    return value


def _free_port() -> int:
    """python-wechaty's plugin server insists on a free port, even with no plugins."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
