"""The outbox: every message the bot decides to send is a row first, sent after.

Handlers and reminders add rows in the same transaction as the change they announce, so a crash
after the commit loses nothing: the next `flush` (at the latest, at start) sends it. A send that
fails stays queued and is tried again. Each row is claimed (committed) before the platform is
asked to send it, so a crash in the middle of a send cannot make it go out twice: such a row is
reported at start (`report_cut_off`) instead of repeated.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from bot.adapters.base import Adapter
from bot.clock import Clock
from bot.messages import ChatRef, Direct, Outgoing, PersonRef, Reply
from bot.pacing import Pacer
from storage.models import OutboundMessage
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)
FLUSH_BATCH = 100


def outbound(message: Outgoing, now: datetime) -> OutboundMessage:
    """The outbox row for a message."""
    if isinstance(message, Direct):
        return OutboundMessage(
            platform=message.person.platform,
            person_ref=message.person.ref,
            person_name=message.person.name,
            text=message.text,
            created_at=now,
            attempts=0,
        )
    return OutboundMessage(
        platform=message.chat.platform,
        chat_ref=message.chat.ref,
        chat_title=message.chat.title,
        chat_private=message.chat.is_private,
        text=message.text + "".join(f" @{m.name}" for m in message.mentions),
        reply_to_message_id=message.reply_to_message_id,
        created_at=now,
        attempts=0,
    )


def outgoing(row: OutboundMessage) -> Outgoing:
    """The message an outbox row stands for."""
    if row.person_ref is not None:
        return Direct(PersonRef(row.platform, row.person_ref, row.person_name), row.text)
    assert row.chat_ref is not None
    chat = ChatRef(row.platform, row.chat_ref, row.chat_title, is_private=row.chat_private)
    return Reply(chat, row.text, reply_to_message_id=row.reply_to_message_id)


class Outbox:
    """Sends queued rows, oldest first, through the adapter of their platform."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        adapters: Mapping[str, Adapter],
        clock: Clock,
        pacers: Mapping[str, Pacer] | None = None,
    ) -> None:
        self._sessions = sessions
        self._adapters = adapters
        self._clock = clock
        self._pacers = pacers or {}
        self._lock = asyncio.Lock()

    async def flush(self) -> int:
        """Send everything queued for our platforms; returns how many went out."""
        sent = 0
        async with self._lock:  # one sender at a time, or a row could go out twice
            while True:
                with UnitOfWork(self._sessions) as uow:
                    rows = uow.outbox.pending(FLUSH_BATCH, platforms=tuple(self._adapters))
                if not rows:
                    return sent
                for row in rows:
                    pacer = self._pacers.get(row.platform)
                    if pacer is not None:
                        await pacer.wait_for(row.chat_ref or f"person:{row.person_ref}")
                    self._settle(row.id, claimed=True)
                    try:
                        await self._adapters[row.platform].send(outgoing(row))
                    except Exception:
                        log.exception("sending outbox message %s failed; will retry", row.id)
                        self._settle(row.id, claimed=False)
                        return sent
                    self._settle(row.id, sent=True)
                    sent += 1

    def report_cut_off(self) -> int:
        """At start: log messages a crash interrupted mid-send (they may or may not have gone)."""
        with UnitOfWork(self._sessions) as uow:
            rows = uow.outbox.cut_off(tuple(self._adapters))
            for row in rows:
                log.warning(
                    "message %s to %s may not have been delivered (cut off by a restart): %s",
                    row.id,
                    row.chat_title or row.chat_ref or row.person_name,
                    row.text,
                )
                row.sent_at = row.claimed_at  # reported once, not again at the next start
            uow.commit()
            return len(rows)

    def _settle(self, row_id: int, *, claimed: bool = False, sent: bool = False) -> None:
        with UnitOfWork(self._sessions) as uow:
            row = uow.outbox.get(row_id)
            now = self._clock.now()
            if sent:
                row.sent_at = now
            elif claimed:
                row.attempts += 1
                row.claimed_at = now
            else:
                row.claimed_at = None  # a definite failure: free to try again
            uow.commit()
