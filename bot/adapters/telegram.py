"""Telegram, through python-telegram-bot: updates in as `IncomingMessage`s, the outbox out.

The only module that imports `telegram`. It translates, nothing more: every rule lives in the
core, so a pressed button is delivered as the command it stands for (with the presser's roles
checked like a typed one), and a native poll answer as the typed ballot `M3 1,2`.

Long polling is the default; webhook mode (behind a reverse proxy that terminates TLS) checks
Telegram's secret token header. Sending is paced by the core's outbox; a 429 from Telegram
becomes `TryLater`, so the outbox waits as told and tries again.
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from telegram import (
    BotCommand,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Message,
    MessageEntity,
    PollAnswer,
    ReplyParameters,
    Update,
    User,
)
from telegram.constants import ParseMode, PollLimit
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    RetryAfter,
    TelegramError,
)
from telegram.ext import Application, ContextTypes, TypeHandler

from bot import messages as core
from bot.adapters.base import Deliver, TryLater, Undeliverable, stopped_by_signals
from bot.clock import Clock
from bot.config import Settings, TelegramSettings

# Opt in to timedelta durations (RetryAfter.retry_after), as PTB will require; it warns otherwise.
os.environ.setdefault("PTB_TIMEDELTA", "true")
log = logging.getLogger(__name__)

PLATFORM = "telegram"
ENV_TOKEN = "LINLI_TELEGRAM_TOKEN"
ENV_BASE_URL = "LINLI_TELEGRAM_BASE_URL"
ENV_WEBHOOK_SECRET = "LINLI_TELEGRAM_WEBHOOK_SECRET"
HELP_NOTE = "Telegram：命令可点菜单选择；评价、受理可直接点消息下的按钮；议事时间在投票里选。"
TEXT_LIMIT = 4096  # characters per Telegram message
CALLBACK_LIMIT = core.BUTTON_COMMAND_MAX  # bytes of callback data
BUTTONS_PER_ROW = 3
UPDATES = ["message", "edited_message", "callback_query", "poll_answer"]
_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)@([A-Za-z0-9_]+)")


class TelegramUnavailable(ConnectionError):
    """Telegram could not be reached or refused the bot at start (bad token, wrong address)."""


class TelegramAdapter:
    """One Telegram bot account: receives its updates and sends the core's messages."""

    platform = PLATFORM
    help_note = HELP_NOTE

    def __init__(
        self,
        settings: Settings,
        *,
        token: str,
        clock: Clock,
        commands: Sequence[tuple[str, str]] = (),
        base_url: str | None = None,
    ) -> None:
        self._config: TelegramSettings = settings.telegram
        self._clock = clock
        self._commands = list(commands)
        base = (base_url or os.environ.get(ENV_BASE_URL) or self._config.base_url).rstrip("/")
        self._app = (
            Application.builder()
            .token(token)
            .base_url(base)
            .base_file_url(_file_url(base))
            .job_queue(None)  # reminders are the core's: no second scheduler
            .build()
        )
        self._stopped = asyncio.Event()
        self.ready = asyncio.Event()  # set once updates are being received
        self._deliver: Deliver | None = None
        self._me: User | None = None
        self._pending: set[asyncio.Task[None]] = set()

    # -- running ------------------------------------------------------------------------------

    async def run(self, deliver: Deliver) -> None:
        """Receive updates (long polling or webhook) until `stop()` or a signal."""
        self._deliver = deliver
        self._app.add_handler(TypeHandler(Update, self._on_update))
        self._app.add_error_handler(self._on_error)
        try:
            await self._app.initialize()
        except InvalidToken:
            raise TelegramUnavailable(
                "Telegram 拒绝了这个令牌，请检查 LINLI_TELEGRAM_TOKEN。"
            ) from None
        except TelegramError as trouble:
            raise TelegramUnavailable(f"连不上 Telegram Bot API：{trouble}") from None
        self._me = self._app.bot.bot
        await self._register_commands()
        updater = self._app.updater
        assert updater is not None
        try:
            await self._app.start()
            if self._config.mode == "webhook":
                hook = self._config.webhook
                assert hook is not None
                await updater.start_webhook(
                    listen=hook.listen,
                    port=hook.port,
                    url_path=hook.path,
                    webhook_url=hook.url,
                    secret_token=os.environ.get(ENV_WEBHOOK_SECRET) or None,
                    allowed_updates=UPDATES,
                )
                log.info("telegram: webhook on %s:%s/%s", hook.listen, hook.port, hook.path)
            else:
                await updater.start_polling(
                    poll_interval=self._config.poll_interval,
                    timeout=timedelta(seconds=self._config.poll_timeout),
                    allowed_updates=UPDATES,
                )
                log.info("telegram: polling as @%s", self._me.username)
            self.ready.set()
            with stopped_by_signals(self.stop):
                await self._stopped.wait()
        finally:
            if updater.running:
                await updater.stop()
            if self._app.running:
                await self._app.stop()
            await self._app.shutdown()

    def stop(self) -> None:
        self._stopped.set()

    async def _register_commands(self) -> None:
        """The command menu: ASCII names with their Chinese summaries."""
        if not self._commands:
            return
        try:
            await self._app.bot.set_my_commands(
                [BotCommand(name, summary[:256]) for name, summary in self._commands]
            )
        except TelegramError:
            log.warning("telegram: the command menu could not be set", exc_info=True)

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error(
            "telegram: update %s could not be handled", _update_id(update), exc_info=context.error
        )

    # -- updates in ---------------------------------------------------------------------------

    async def _on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Every update goes through here, one at a time."""
        if update.callback_query is not None:
            await _answer_press(update.callback_query)
        incoming = self.incoming(update)
        if incoming is not None and self._deliver is not None:
            await self._deliver(incoming)

    def incoming(self, update: Update) -> core.IncomingMessage | None:
        """The core's view of one update; None for what the bot does not act on.

        A malformed update (a field missing or of the wrong type) is skipped and logged by its
        id and kind; never by its text, which is a resident's.
        """
        try:
            if update.message is not None:
                return self._message(update.message)
            if update.edited_message is not None:
                return self._edit(update.edited_message)
            if update.callback_query is not None:
                return self._press(update.callback_query)
            if update.poll_answer is not None:
                return self._poll_answer(update.poll_answer, update.update_id)
        except Exception as trouble:
            log.warning(
                "telegram: malformed %s update %s skipped (%s)",
                _kind(update),
                update.update_id,
                type(trouble).__name__,
            )
            log.debug("telegram: update %s in detail", update.update_id, exc_info=True)
        return None

    def _message(self, message: Message) -> core.IncomingMessage | None:
        chat = _chat(message)
        if message.migrate_to_chat_id is not None:  # said in the old group
            return self._moved(message, _id(message.migrate_to_chat_id, "chat"), chat.ref)
        if message.migrate_from_chat_id is not None:  # said in the new supergroup
            return self._moved(message, chat.ref, _id(message.migrate_from_chat_id, "chat"))
        text = _optional_str(message.text) or _optional_str(message.caption) or ""
        entities = message.entities if message.text else message.caption_entities
        if not isinstance(message.date, datetime):
            raise TypeError(f"date is {type(message.date).__name__}")
        attachments = _attachments(message)
        # A voice message or a round video note: spoken, which the bot cannot read.
        voice = message.voice is not None or message.video_note is not None
        if not text.strip() and not attachments and not voice:
            return None  # joins, leaves, title changes, stickers: nothing to act on
        # Entity offsets count in the text as sent, so mentions are read before any rewriting.
        mentions_bot, mentions = self._mentions(text, entities)
        command = _COMMAND.match(text)
        if command is not None:
            if self._me is not None and command[2].lower() != (self._me.username or "").lower():
                return None  # /cmd@another_bot is for another bot
            text = f"/{command[1]}" + text[command.end() :]
        elif mentions_bot and self._me is not None and self._me.username:
            text = re.sub(rf"@{re.escape(self._me.username)}\b", "", text, flags=re.I).strip()
        quoted = message.reply_to_message
        return core.IncomingMessage(
            chat=chat,
            sender=_sender(message),
            text=text,
            message_id=_id(message.message_id, "message"),
            sent_at=message.date,
            reply_to=(
                core.QuotedMessage(
                    str(quoted.message_id),
                    _sender(quoted),
                    quoted.text or quoted.caption or "",
                    _attachments(quoted),
                )
                if quoted is not None
                else None
            ),
            mentions_bot=mentions_bot,
            mentions=mentions,
            attachments=attachments,
            voice=voice,
        )

    def _edit(self, message: Message) -> core.IncomingMessage | None:
        """A message edited by its sender: its new wording, named by the edit's time so each
        edit is kept once; the part before ":" is the message a reply should quote."""
        seen = self._message(message)
        if seen is None or seen.migrated_from is not None:
            return None
        edited_at = message.edit_date if isinstance(message.edit_date, datetime) else seen.sent_at
        return replace(
            seen,
            message_id=f"{seen.message_id}:edit{int(edited_at.timestamp())}",
            sent_at=edited_at,
            edited=seen.message_id,
        )

    def _mentions(
        self, text: str, entities: Sequence[MessageEntity]
    ) -> tuple[bool, tuple[core.PersonRef, ...]]:
        """Whether the text @-mentions the bot, and who else it mentions."""
        me = self._me
        mentions: list[core.PersonRef] = []
        mentions_bot = False
        for entity in entities:
            if entity.type == MessageEntity.MENTION:
                handle = _entity_text(text, entity).lstrip("@")
                if not handle:
                    continue  # offsets outside the text: nobody to mention
                if me is not None and handle.lower() == (me.username or "").lower():
                    mentions_bot = True
                else:
                    mentions.append(core.PersonRef(PLATFORM, "", handle, handle))
            elif entity.type == MessageEntity.TEXT_MENTION and entity.user is not None:
                if me is not None and entity.user.id == me.id:
                    mentions_bot = True
                else:
                    mentions.append(_person(entity.user))
        return mentions_bot, tuple(mentions)

    def _moved(self, message: Message, new_ref: str, old_ref: str) -> core.IncomingMessage:
        chat = core.ChatRef(PLATFORM, new_ref, message.chat.title or "")
        return core.IncomingMessage(
            chat=chat,
            sender=_sender(message),
            text="",
            message_id=f"migrate:{old_ref}",
            sent_at=message.date,
            migrated_from=old_ref,
        )

    def _press(self, press: CallbackQuery) -> core.IncomingMessage | None:
        """A pressed button says the command it carries, in the chat of its message."""
        message = press.message
        if not isinstance(message, Message) or not press.data:
            return None  # a press on a message too old to read, or without data
        if not isinstance(message.date, datetime):
            raise TypeError(f"date is {type(message.date).__name__}")
        return core.IncomingMessage(
            chat=_chat(message),
            sender=_person(press.from_user),
            text=_optional_str(press.data) or "",
            # Unique per press; the part before ":" is the message a reply should quote.
            message_id=f"{_id(message.message_id, 'message')}:press{_optional_str(press.id)}",
            sent_at=message.date,
            via="button",
        )

    def _poll_answer(self, answer: PollAnswer, update_id: int) -> core.IncomingMessage | None:
        if answer.user is None:
            return None  # an anonymous admin answering as the group: nobody to count
        return core.IncomingMessage(
            chat=core.ChatRef(PLATFORM, ""),  # the core finds the poll's chat
            sender=_person(answer.user),
            text="",
            message_id=f"poll{_optional_str(answer.poll_id)}:{answer.user.id}:{update_id}",
            sent_at=self._clock.now(),
            via="poll",
            poll_answer=core.PollAnswer(
                _optional_str(answer.poll_id) or "",
                tuple(int(_id(index, "option")) + 1 for index in answer.option_ids),
            ),
        )

    # -- messages out -------------------------------------------------------------------------

    async def send(self, message: core.Outgoing) -> core.Sent | None:
        try:
            return await self._send(message)
        except ChatMigrated as moved:
            # The group became a supergroup: tell the core (the binding moves) and resend there.
            old = _target_of(message)
            self._learn_move(old, str(moved.new_chat_id))
            return await self.send(_readdressed(message, str(moved.new_chat_id)))
        except RetryAfter as busy:
            wait = busy.retry_after
            raise TryLater(
                wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            ) from None
        except Forbidden as refused:
            raise Undeliverable(
                f"Telegram 拒绝发送（机器人被移出或被屏蔽）：{refused.message}"
            ) from None
        except BadRequest as bad:
            if "poll has already been closed" in bad.message.lower():
                return None
            raise Undeliverable(f"Telegram 不接受这条消息：{bad.message}") from None

    async def fetch(self, ref: str, into: Path) -> bool:
        """Download a photo by its file_id (getFile, then the file URL)."""
        found = await self._app.bot.get_file(ref)
        await found.download_to_drive(into)
        return True

    async def _send(self, message: core.Outgoing) -> core.Sent | None:
        bot = self._app.bot
        match message:
            case core.Direct():
                sent = await self._text(
                    int(message.person.ref), message.text, (), None, message.buttons
                )
                return core.Sent(str(sent.message_id))
            case core.Reply():
                sent = await self._text(
                    int(message.chat.ref),
                    message.text,
                    message.mentions,
                    message.reply_to_message_id,
                    message.buttons,
                )
                return core.Sent(str(sent.message_id))
            case core.Poll():
                return await self._poll(message)
            case core.ClosePoll():
                await bot.stop_poll(int(message.chat.ref), int(message.message_id))
                return None
            case core.Document():
                # A file Telegram holds goes again by its file_id, without an upload.
                upload = message.ref or InputFile(message.content, filename=message.filename)
                caption = message.caption[:1024] or None
                replying = _reply_parameters(message.reply_to_message_id)
                if message.photo:
                    sent = await bot.send_photo(
                        int(message.chat.ref), upload, caption=caption, reply_parameters=replying
                    )
                else:
                    sent = await bot.send_document(
                        int(message.chat.ref), upload, caption=caption, reply_parameters=replying
                    )
                return core.Sent(str(sent.message_id))

    async def _text(
        self,
        chat_id: int,
        text: str,
        mentions: Sequence[core.PersonRef],
        reply_to: str | None,
        buttons: Sequence[core.Button],
    ) -> Message:
        """Text as HTML (mentions become links to the person); long text in several parts."""
        body = html.escape(text) + "".join(f" {_mention_html(p)}" for p in mentions)
        parts = _split(body, TEXT_LIMIT)
        sent: Message | None = None
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            sent = await self._app.bot.send_message(
                chat_id,
                part,
                parse_mode=ParseMode.HTML,
                reply_parameters=_reply_parameters(reply_to) if index == 0 else None,
                reply_markup=_keyboard(buttons) if last else None,
            )
        assert sent is not None
        return sent

    async def _poll(self, poll: core.Poll) -> core.Sent | None:
        """The text (agenda, place, how to answer by typing), then the native poll if it fits."""
        chat_id = int(poll.chat.ref)
        await self._text(chat_id, poll.text, (), poll.reply_to_message_id, ())
        fits = PollLimit.MIN_OPTION_NUMBER <= len(poll.options) <= PollLimit.MAX_OPTION_NUMBER
        if not fits:
            return None  # answered by typing, as the text says
        sent = await self._app.bot.send_poll(
            chat_id,
            poll.question[: PollLimit.MAX_QUESTION_LENGTH],
            [option[: PollLimit.MAX_OPTION_LENGTH] for option in poll.options],
            is_anonymous=False,  # the bot sees who answered only in a non-anonymous poll
            allows_multiple_answers=poll.multiple,
        )
        assert sent.poll is not None
        return core.Sent(str(sent.message_id), sent.poll.id)

    def _learn_move(self, old_ref: str, new_ref: str) -> None:
        """Tell the core a chat moved, after the current send (the outbox is busy now)."""
        if self._deliver is None or not old_ref:
            return
        notice = core.IncomingMessage(
            chat=core.ChatRef(PLATFORM, new_ref),
            sender=core.PersonRef(PLATFORM, "telegram", "Telegram"),
            text="",
            message_id=f"migrate:{old_ref}",
            sent_at=self._clock.now(),
            migrated_from=old_ref,
        )
        deliver = self._deliver

        async def tell() -> None:
            await deliver(notice)

        task = asyncio.get_running_loop().create_task(tell())
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)


# -- translation helpers ----------------------------------------------------------------------


def _file_url(base: str) -> str:
    """https://api.telegram.org/bot → https://api.telegram.org/file/bot (likewise for others)."""
    return base[: -len("/bot")] + "/file/bot" if base.endswith("/bot") else base + "/file/bot"


def _chat(message: Message) -> core.ChatRef:
    chat = message.chat
    private = chat.type == chat.PRIVATE
    ref = _id(chat.id, "chat")
    title = _optional_str(chat.title) or _optional_str(chat.full_name) or ref
    return core.ChatRef(PLATFORM, ref, title, is_private=private)


def _person(user: User) -> core.PersonRef:
    ref = _id(user.id, "user")
    name = _optional_str(user.full_name) or ref
    return core.PersonRef(PLATFORM, ref, name, _optional_str(user.username) or "")


def _id(value: object, what: str) -> str:
    """A Telegram id (an integer) as the core's ref; TypeError for anything else."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{what} id is {type(value).__name__}")
    return str(value)


def _optional_str(value: object) -> str | None:
    """Text Telegram may leave out; TypeError when it sends something else instead."""
    if value is not None and not isinstance(value, str):
        raise TypeError(f"text is {type(value).__name__}")
    return value


def _sender(message: Message) -> core.PersonRef:
    if message.from_user is not None:
        return _person(message.from_user)
    # Sent on behalf of a chat (an anonymous admin, a linked channel): the chat speaks.
    chat = message.sender_chat or message.chat
    ref = _id(chat.id, "chat")
    return core.PersonRef(PLATFORM, ref, _optional_str(chat.title) or ref)


def _attachments(message: Message) -> tuple[core.AttachmentRef, ...]:
    caption = message.caption or ""
    if message.photo:
        return (core.AttachmentRef("photo", message.photo[-1].file_id, caption),)  # largest size
    if message.document is not None:
        return (core.AttachmentRef("file", message.document.file_id, caption),)
    return ()


def _entity_text(text: str, entity: MessageEntity) -> str:
    # Telegram counts offsets in UTF-16 code units; Chinese text has surrogate-free BMP
    # characters, but emoji do not, so convert properly.
    # An entity outside the text, or cutting an emoji in half, marks nothing: "".
    encoded = text.encode("utf-16-le")
    offset, length = _id(entity.offset, "offset"), _id(entity.length, "length")
    start, end = int(offset) * 2, (int(offset) + int(length)) * 2
    if not 0 <= start < end <= len(encoded):
        return ""
    try:
        return encoded[start:end].decode("utf-16-le")
    except UnicodeDecodeError:
        return ""


def _mention_html(person: core.PersonRef) -> str:
    if person.handle:
        return f"@{html.escape(person.handle)}"
    if person.ref.lstrip("-").isdigit():
        return f'<a href="tg://user?id={person.ref}">@{html.escape(person.name)}</a>'
    return f"@{html.escape(person.name)}"


def _reply_parameters(message_id: str | None) -> ReplyParameters | None:
    """Quote the message answered; a press answers the message its button sits under."""
    if not message_id:
        return None
    head = message_id.split(":", 1)[0]
    if not head.isdigit():
        return None
    return ReplyParameters(int(head), allow_sending_without_reply=True)


def _keyboard(buttons: Sequence[core.Button]) -> InlineKeyboardMarkup | None:
    fitting = [b for b in buttons if len(b.command.encode()) <= CALLBACK_LIMIT]
    if len(fitting) < len(buttons):
        log.warning("telegram: buttons with over %d bytes of command left out", CALLBACK_LIMIT)
    if not fitting:
        return None
    keys = [InlineKeyboardButton(b.label, callback_data=b.command) for b in fitting]
    return InlineKeyboardMarkup(
        [keys[i : i + BUTTONS_PER_ROW] for i in range(0, len(keys), BUTTONS_PER_ROW)]
    )


def _split(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut at line ends where possible."""
    parts: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        cut = cut if cut > 0 else limit
        parts.append(text[:cut])
        text = text[cut:].lstrip("\n")
    return [*parts, text]


def _target_of(message: core.Outgoing) -> str:
    return message.person.ref if isinstance(message, core.Direct) else message.chat.ref


def _readdressed(message: core.Outgoing, chat_ref: str) -> core.Outgoing:
    if isinstance(message, core.Direct):
        return message
    return replace(message, chat=replace(message.chat, ref=chat_ref))


async def _answer_press(press: CallbackQuery) -> None:
    """Stop the button's spinner at once; the answer itself comes as a message."""
    try:
        await press.answer()
    except TelegramError:
        log.debug("telegram: could not answer callback %s", press.id, exc_info=True)


def _kind(update: Update) -> str:
    """What an update carries, for the log: message, callback_query, poll_answer…"""
    for kind in UPDATES:
        if getattr(update, kind, None) is not None:
            return kind
    return "other"


def _update_id(update: object) -> str:
    return str(update.update_id) if isinstance(update, Update) else "?"
