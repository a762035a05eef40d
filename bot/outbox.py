"""The outbox: every message the bot decides to send is a row first, sent after.

Handlers and reminders add rows in the same transaction as the change they announce, so a crash
after the commit loses nothing: the next `flush` (at the latest, at start) sends it. A send that
fails stays queued and is tried again. Each row is claimed (committed) before the platform is
asked to send it, so a crash in the middle of a send cannot make it go out twice: such a row is
reported at start (`report_cut_off`) instead of repeated. On platforms that punish bursts
(WeChat: `rate_limits.<platform>.merge`), the texts queued for one chat or person go out together
as one message, a digest (`sends`, `combined`), instead of one after another.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from bot.adapters.base import Adapter, TryLater, Undeliverable
from bot.clock import Clock
from bot.domain.chats import is_platform_id
from bot.messages import (
    Button,
    ChatRef,
    ClosePoll,
    Direct,
    Document,
    Outgoing,
    PersonRef,
    Poll,
    Reply,
    Sent,
)
from bot.pacing import Pacer
from storage.models import OutboundMessage
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)
UNCONFIRMED = "群「{title}」还没有确认绑定：请书记在该群发送 /bind"
FLUSH_BATCH = 100
RETRY_FIRST, RETRY_MAX = 1.0, 60.0  # seconds: after a failed send, doubling up to a minute
# A digest (texts to one target merged into one message) takes at most this many queued texts
# and this many characters; a longer backlog goes out as several digests.
MERGE_MAX_ROWS = 10
MERGE_MAX_CHARS = 1500
MERGE_SEPARATOR = "\n\n"  # between the texts of a digest: a blank line

T = TypeVar("T")


def outbound(message: Outgoing, now: datetime) -> OutboundMessage:
    """The outbox row for a message."""
    row = OutboundMessage(created_at=now, attempts=0, kind="text", platform="", text="")
    payload: dict[str, Any] = {}
    if isinstance(message, Direct):
        row.platform = message.person.platform
        row.person_ref, row.person_name = message.person.ref, message.person.name
    else:
        row.platform = message.chat.platform
        row.chat_ref, row.chat_title = message.chat.ref, message.chat.title
        row.chat_private = message.chat.is_private
    match message:
        case Reply() | Direct():
            row.text = message.text
            if isinstance(message, Reply):
                row.reply_to_message_id = message.reply_to_message_id
                if message.mentions:
                    payload["mentions"] = [[m.ref, m.name, m.handle] for m in message.mentions]
            if message.buttons:
                payload["buttons"] = [[b.label, b.command] for b in message.buttons]
        case Poll():
            row.kind, row.text, row.ballot = "poll", message.text, message.ballot
            row.reply_to_message_id = message.reply_to_message_id
            payload.update(
                question=message.question, options=list(message.options), multiple=message.multiple
            )
        case ClosePoll():
            row.kind, row.text = "close_poll", ""
            payload["message_id"] = message.message_id
        case Document():
            row.kind, row.text = ("photo" if message.photo else "document"), message.caption
            row.reply_to_message_id = message.reply_to_message_id
            row.content = message.content or None  # none for a file sent by `ref` or `kept`
            payload["filename"] = message.filename
            if message.ref is not None:
                payload["ref"] = message.ref
            if message.kept is not None:
                payload["kept"] = message.kept
    row.payload = json.dumps(payload, ensure_ascii=False) if payload else None
    return row


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        log.warning("a kept photo is gone: %s", path)
        return b""


def outgoing(row: OutboundMessage) -> Outgoing:
    """The message an outbox row stands for."""
    payload: dict[str, Any] = json.loads(row.payload) if row.payload else {}
    buttons = tuple(Button(label, command) for label, command in payload.get("buttons", ()))
    if row.person_ref is not None:
        person = PersonRef(row.platform, row.person_ref, row.person_name)
        return Direct(person, row.text, buttons=buttons)
    assert row.chat_ref is not None
    chat = ChatRef(row.platform, row.chat_ref, row.chat_title, is_private=row.chat_private)
    match row.kind:
        case "poll":
            return Poll(
                chat,
                row.text,
                payload["question"],
                tuple(payload["options"]),
                row.ballot or "",
                multiple=payload["multiple"],
                reply_to_message_id=row.reply_to_message_id,
            )
        case "close_poll":
            return ClosePoll(chat, payload["message_id"])
        case "document" | "photo":
            content, ref = row.content or b"", payload.get("ref")
            if payload.get("kept"):  # the bot's copy, read now; gone: the platform's id, if any
                content = _read(payload["kept"])
                ref = None if content else ref
            return Document(
                chat,
                payload["filename"],
                content,
                caption=row.text,
                photo=row.kind == "photo",
                reply_to_message_id=row.reply_to_message_id,
                ref=ref,
            )
    mentions = tuple(
        PersonRef(row.platform, ref, name, handle)
        for ref, name, handle in payload.get("mentions", ())
    )
    return Reply(
        chat,
        row.text,
        reply_to_message_id=row.reply_to_message_id,
        mentions=mentions,
        buttons=buttons,
    )


def sends(
    rows: Sequence[OutboundMessage], merge: Collection[str] = ()
) -> list[list[OutboundMessage]]:
    """A batch of queued rows as the sends it makes (each a list of rows), by their first row.

    On a platform in `merge`, a text row takes the later texts to the same target (chat or
    person) into its send, up to the first row of another kind to that target (a poll, a
    document: the target sees everything in queue order) and within `MERGE_MAX_ROWS` and
    `MERGE_MAX_CHARS`. Rows to other targets in between keep their own sends and order.
    """
    groups: list[list[OutboundMessage]] = []
    open_groups: dict[Hashable, list[OutboundMessage]] = {}  # per target: the digest still open
    for row in rows:
        target = _target(row)
        group = open_groups.get(target)
        if group is not None and row.kind == "text" and _fits(group, row):
            group.append(row)
            continue
        group = [row]
        groups.append(group)
        if row.kind == "text" and row.platform in merge:
            open_groups[target] = group
        else:
            open_groups.pop(target, None)
    return groups


def _target(row: OutboundMessage) -> Hashable:
    if row.person_ref is not None:
        return (row.platform, "person", row.person_ref)
    return (row.platform, "chat", row.chat_ref)


def _fits(group: Sequence[OutboundMessage], row: OutboundMessage) -> bool:
    """Whether `row` may join the digest `group` without making it too long."""
    if len(group) >= MERGE_MAX_ROWS:
        return False
    length = sum(len(r.text) for r in (*group, row)) + len(MERGE_SEPARATOR) * len(group)
    return length <= MERGE_MAX_CHARS


def combined(messages: Sequence[Outgoing]) -> Outgoing:
    """One message saying what several texts (Replies to one chat, or Directs to one person)
    say: the texts in order with a blank line between, every mention and button once, as a
    reply to what the first one answers. A single message is returned as it is."""
    if len(messages) == 1:
        return messages[0]
    texts = [_text(message) for message in messages]
    text = MERGE_SEPARATOR.join(message.text for message in texts)
    buttons = _unique((b for m in texts for b in m.buttons), key=lambda b: b.command)
    first = texts[0]
    if isinstance(first, Direct):
        return replace(first, text=text, buttons=buttons)
    mentions = _unique(
        (p for m in texts if isinstance(m, Reply) for p in m.mentions),
        key=lambda p: (p.ref, "") if p.ref else ("", p.handle),  # by handle only without a ref
    )
    return replace(first, text=text, mentions=mentions, buttons=buttons)


def _text(message: Outgoing) -> Reply | Direct:
    if not isinstance(message, Reply | Direct):
        raise TypeError(f"only texts can be merged, not {type(message).__name__}")
    return message


def _unique(items: Iterable[T], key: Callable[[T], Hashable]) -> tuple[T, ...]:
    """`items` without repeats (same key), in order of first occurrence."""
    seen: set[Hashable] = set()
    kept: list[T] = []
    for item in items:
        if (k := key(item)) not in seen:
            seen.add(k)
            kept.append(item)
    return tuple(kept)


def _pace_key(row: OutboundMessage) -> str:
    """What a row's send is paced by: its chat, or the person it goes to."""
    return row.chat_ref or f"person:{row.person_ref}"


def _awaits_confirmation(row: OutboundMessage) -> bool:
    return (
        row.chat_ref is not None
        and not row.chat_private
        and not is_platform_id(row.platform, row.chat_ref)
    )


class Outbox:
    """Sends queued rows, oldest first, through the adapter of their platform.

    On the platforms in `merge`, texts queued for one target go out as one message (`sends`).
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        adapters: Mapping[str, Adapter],
        clock: Clock,
        pacers: Mapping[str, Pacer] | None = None,
        *,
        merge: Collection[str] = (),
        account: str = "",
    ) -> None:
        self._sessions = sessions
        self._account = account  # with several processes on one database: which one this is
        self._adapters = adapters
        self._clock = clock
        self._pacers = pacers or {}
        self._merge = frozenset(merge)
        self._lock = asyncio.Lock()
        self._failures = 0  # consecutive failed sends: the retry waits longer each time
        self._retry: asyncio.TimerHandle | None = None
        self._retrying: set[asyncio.Task[int]] = set()

    async def flush(self) -> int:
        """Send everything queued for our platforms; returns how many queued messages went out
        (each row of a digest counts)."""
        sent = 0
        async with self._lock:  # one sender at a time, or a row could go out twice
            while True:
                with UnitOfWork(self._sessions) as uow:
                    rows = uow.outbox.pending(
                        FLUSH_BATCH, tuple(self._adapters), self._clock.now(), self._account
                    )
                    groups = sends(rows, self._merge)
                    # The first send, if it may go at once, is claimed in this transaction:
                    # one transaction fewer, and the claim still committed before the send.
                    claimed = bool(groups) and self._ready(groups[0])
                    if claimed:
                        ids = [row.id for row in groups[0]]
                        claimed = uow.outbox.claim(ids, self._clock.now(), self._account)
                        if claimed:
                            uow.commit()
                if not rows:
                    return sent
                for index, group in enumerate(groups):
                    first, ids = group[0], [row.id for row in group]
                    label = ", ".join(str(row_id) for row_id in ids)
                    if _awaits_confirmation(first):
                        # A chat config.yaml names by title, not yet confirmed with /bind: no
                        # platform can address it. Kept with the reason, like any refusal.
                        reason = UNCONFIRMED.format(title=first.chat_ref)
                        log.error("outbox message %s cannot be delivered: %s", label, reason)
                        self._settle(ids, failed=reason)
                        continue
                    pacer = self._pacers.get(first.platform)
                    if pacer is not None:  # a digest is one message: one wait
                        await pacer.wait_for(_pace_key(first))
                    if not (index == 0 and claimed) and not self._claim(ids):
                        continue  # another process sharing the database took it first
                    try:
                        message = combined([outgoing(row) for row in group])
                        receipt = await self._adapters[first.platform].send(message)
                    except Undeliverable as refused:
                        # Retrying cannot help (the bot was removed from the chat…): keep the
                        # rows with the reason, say so loudly, and let the rest of the queue go.
                        log.error("outbox message %s cannot be delivered: %s", label, refused)
                        self._settle(ids, failed=str(refused) or type(refused).__name__)
                        continue
                    except TryLater as busy:
                        log.warning(
                            "platform asked to wait %.0f s before message %s", busy.seconds, label
                        )
                        self._settle(ids)
                        self._retry_in(busy.seconds)
                        return sent
                    except Exception:
                        self._failures += 1
                        delay = min(RETRY_MAX, RETRY_FIRST * 2 ** (self._failures - 1))
                        log.exception(
                            "sending outbox message %s failed; retrying in %.0f s", label, delay
                        )
                        self._settle(ids)
                        self._retry_in(delay)
                        return sent
                    self._failures = 0
                    self._settle(ids, sent=True, receipt=receipt)
                    sent += len(group)
                if len(rows) < FLUSH_BATCH:
                    return sent  # that was all there was

    def _ready(self, group: Sequence[OutboundMessage]) -> bool:
        """Whether a send can be made without waiting: deliverable, and its pacer has room."""
        first = group[0]
        if _awaits_confirmation(first):
            return False
        pacer = self._pacers.get(first.platform)
        return pacer is None or pacer.delay(_pace_key(first)) <= 0

    def _retry_in(self, seconds: float) -> None:
        """Try the queue again after `seconds` (real time), even if nothing else happens."""
        if self._retry is not None:
            self._retry.cancel()
        loop = asyncio.get_running_loop()
        self._retry = loop.call_later(seconds, self._start_retry)

    def _start_retry(self) -> None:
        self._retry = None
        task = asyncio.get_running_loop().create_task(self.flush())
        self._retrying.add(task)  # held until done: the loop keeps only weak references
        task.add_done_callback(self._retrying.discard)

    def close(self) -> None:
        """Forget a planned retry (the bot is stopping; the rows stay queued for next time)."""
        if self._retry is not None:
            self._retry.cancel()
            self._retry = None

    def report_cut_off(self) -> int:
        """At start: log messages a crash interrupted mid-send (they may or may not have gone)."""
        with UnitOfWork(self._sessions) as uow:
            rows = uow.outbox.cut_off(tuple(self._adapters), self._account)
            for row in rows:
                log.warning(
                    "message %s to %s may not have been delivered (cut off by a restart)",
                    row.id,
                    f"chat {row.chat_ref}" if row.chat_ref else f"person {row.person_ref}",
                )
                row.sent_at = row.claimed_at  # reported once, not again at the next start
            uow.commit()
            return len(rows)

    def _claim(self, row_ids: Sequence[int]) -> bool:
        """Claim the rows of one send (committed before the platform is asked): all or none."""
        with UnitOfWork(self._sessions) as uow:
            if not uow.outbox.claim(row_ids, self._clock.now(), self._account):
                return False
            uow.commit()
            return True

    def _settle(
        self,
        row_ids: Sequence[int],
        *,
        sent: bool = False,
        receipt: Sent | None = None,
        failed: str | None = None,
    ) -> None:
        """Record what happened to the rows of one send, all in one transaction."""
        with UnitOfWork(self._sessions) as uow:
            if sent:
                done: dict[str, object] = {"sent_at": self._clock.now()}
                if receipt is not None:
                    done.update(platform_message_id=receipt.message_id, poll_ref=receipt.poll_ref)
                uow.outbox.settle(row_ids, **done)
            elif failed is not None:
                uow.outbox.settle(row_ids, failed=failed)
            else:
                uow.outbox.settle(row_ids, claimed_at=None)  # a definite failure: try again
            uow.commit()
