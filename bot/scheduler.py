"""Firing reminders: due rows become messages in the outbox, exactly once.

The database is the source of truth. `Scheduler.run_due` claims what is due, renders it, marks it
sent and queues the messages in one transaction, so a restart neither loses nor repeats one.
Messages missed while the bot was down go out once, marked （补发）, one message per chat;
of a recurring series only the newest missed occurrence, and nothing that would be stale by
now (`Reminder.expires_at`). Non-urgent ones due in quiet hours wait for the morning, unless
they would be stale by then.

`Ticker` is the live half: an APScheduler job in the bot's event loop that wakes at the next due
time (or at least every `max_sleep` seconds, for rows other processes add) and runs the
scheduler. Several processes may share one database: on PostgreSQL each due reminder is locked
by the transaction that fires it (`FOR UPDATE SKIP LOCKED`), so exactly one process sends it,
and a process that dies mid-transaction leaves it to the next.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TypeVar

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from sqlalchemy.orm import Session, sessionmaker

from bot.clock import Clock, wall_time_in
from bot.messages import Direct, Outgoing, Reply
from bot.outbox import outbound
from bot.text import fit_for_chat
from handlers import texts
from handlers.base import Services, quiet_until
from handlers.digests import series_speaks
from handlers.reminders import render
from handlers.schedule import (
    EVENT,
    NOTICE,
    SERIES_KINDS,
    Series,
    latest_missed,
    repeat_series,
    schedule_next,
    schedule_occurrence,
    series_of,
    series_prefix,
    sync_series,
)
from storage.models import Reminder
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)
T = TypeVar("T")

BATCH = 500
LATE_AFTER = timedelta(minutes=5)  # later than this, a message says （补发）
MAX_SLEEP = 60.0  # seconds: wake at least this often to see rows other processes added


class Scheduler:
    """Turns due reminders into queued messages; the clock decides what is due."""

    def __init__(self, services: Services, sessions: sessionmaker[Session]) -> None:
        self._services = services
        self._sessions = sessions

    def restore(self) -> None:
        """At start: every series gets its next occurrence, unless one is still pending, and
        series that config or the chats no longer call for stop."""
        with UnitOfWork(self._sessions) as uow:
            for spec in self._services.settings.communities:
                community = uow.communities.by_code(spec.code)
                if community is not None:
                    sync_series(uow, self._services, community)
            uow.commit()

    def next_due(self) -> datetime | None:
        with UnitOfWork(self._sessions) as uow:
            return uow.reminders.next_due()

    def run_due(self) -> list[Outgoing]:
        """Send (queue) everything due now; returns the messages queued."""
        queued: list[Outgoing] = []
        while True:
            now = self._services.clock.now()
            with UnitOfWork(self._sessions) as uow:
                due = uow.reminders.due(now, BATCH)
                series_by_community: dict[int, dict[str, Series]] = {}
                bundles: dict[tuple[str, str, str], list[tuple[bool, Reply | Direct]]] = {}
                apart: list[
                    Outgoing
                ] = []  # polls, files, buttons, notices: never merged into a digest
                for row in due:
                    series = self._series(uow, row, series_by_community)
                    reminder = self._caught_up(uow, series, row, now)
                    late = reminder.missed or now - reminder.due_at > LATE_AFTER
                    # An urgent issue's deadline does not wait, nor a configured event: its
                    # time is the secretary's own choice (a 22:30 event comes at 22:30).
                    held = not (reminder.urgent or reminder.kind == EVENT)
                    wait = self._quiet_until(uow, reminder, now) if held else None
                    expires = reminder.expires_at
                    if expires is not None and (now >= expires or (wait and wait >= expires)):
                        # It would tell stale news now, or by the end of the quiet hours.
                        reminder.status = "expired"
                        if series is not None:
                            schedule_next(uow, series, now)
                        continue
                    if wait is not None:
                        reminder.missed, reminder.due_at = late, wait
                        continue
                    # An event's text and a notice are the sender's own words, to be read out.
                    masked = reminder.kind not in (EVENT, NOTICE)
                    for rendered in render(uow, self._services, reminder):
                        keep = self._services.public_phones
                        message = fit_for_chat(rendered, mask=masked, keep=keep)
                        if (
                            isinstance(message, Reply | Direct)
                            and not message.buttons
                            and reminder.kind != NOTICE
                        ):
                            bundles.setdefault(_target(message), []).append((late, message))
                        elif isinstance(message, Reply | Direct) and late:
                            apart.append(replace(message, text=texts.LATE + message.text))
                        else:
                            apart.append(message)
                    reminder.status = "sent"
                    reminder.sent_at = now
                    if series is not None:
                        schedule_next(uow, series, now)
                messages = [_bundle(items) for items in bundles.values()] + apart
                for message in messages:
                    uow.outbox.add(outbound(message, now))
                uow.commit()
            queued += messages
            if len(due) < BATCH:
                return queued

    def _caught_up(
        self, uow: UnitOfWork, series: Series | None, due: Reminder, now: datetime
    ) -> Reminder:
        """After an outage only the newest missed occurrence of a series that has something
        to say is sent: Monday's weekly summary rather than Friday's (which says nothing),
        today's digest rather than Friday's. A one-off reminder (`series` None) is itself."""
        if series is None:
            return due
        kind = series.kind
        latest = latest_missed(
            series, due.due_at, now, lambda moment: series_speaks(self._services, kind, moment)
        )
        if latest == due.due_at:
            return due
        due.status = "expired"
        return schedule_occurrence(uow, series, latest)

    def _series(
        self, uow: UnitOfWork, reminder: Reminder, known: dict[int, dict[str, Series]]
    ) -> Series | None:
        """The recurring series `reminder` is an occurrence of, as the chats are bound now (a
        group may have been bound since start, here or in another process); None for a
        one-off reminder or a series no longer called for. `known` caches them per community.
        A reminder set in chat to repeat carries its own rule."""
        if reminder.repeat is not None:
            return repeat_series(reminder, self._services.settings.tz)
        if reminder.kind not in SERIES_KINDS or reminder.community_id is None:
            return None
        found = known.get(reminder.community_id)
        if found is None:
            community = uow.communities.get(reminder.community_id)
            found = known[community.id] = {
                series.prefix: series for series in series_of(uow, self._services, community)
            }
        return found.get(series_prefix(reminder.key))

    def _quiet_until(self, uow: UnitOfWork, reminder: Reminder, now: datetime) -> datetime | None:
        """The end of the quiet hours `now` falls in, for this reminder's community; else None."""
        code = None
        if reminder.community_id is not None:
            code = uow.communities.get(reminder.community_id).code
        return quiet_until(self._services, code, now)


def _target(message: Reply | Direct) -> tuple[str, str, str]:
    if isinstance(message, Direct):
        return ("person", message.person.platform, message.person.ref)
    return ("chat", message.chat.platform, message.chat.ref)


def _bundle(items: list[tuple[bool, Reply | Direct]]) -> Outgoing:
    """Several reminders for one chat become one message (a burst is a digest, not a flood)."""
    late = any(flag for flag, _ in items)
    first = items[0][1]
    if len(items) == 1:
        text = (texts.LATE if late else "") + first.text
    else:
        head = (texts.LATE if late else "") + texts.BUNDLE.format(count=len(items))
        text = "\n".join([head, *(message.text for _, message in items)])
    if isinstance(first, Direct):
        return Direct(first.person, text)
    mentions = tuple(
        dict.fromkeys(m for _, msg in items if isinstance(msg, Reply) for m in msg.mentions)
    )
    return Reply(first.chat, text, mentions=mentions)


class Ticker:
    """Runs the scheduler in the bot's event loop, waking when the next reminder is due."""

    def __init__(
        self,
        scheduler: Scheduler,
        clock: Clock,
        after_run: Callable[[], Awaitable[object]],
        *,
        max_sleep: float = MAX_SLEEP,
        worker: Executor | None = None,
    ) -> None:
        self._scheduler = scheduler
        self._clock = clock
        self._after_run = after_run
        self._max_sleep = max_sleep
        self._worker = worker  # where database work runs, off the event loop (None: inline)
        self._aps = AsyncIOScheduler()
        self._lock = asyncio.Lock()
        self._stopped = False

    def start(self) -> None:
        self._aps.start()
        self._plan(0.0)

    def stop(self) -> None:
        self._stopped = True
        if self._aps.running:
            self._aps.shutdown(wait=False)

    async def close(self) -> None:
        """Stop waking, after a run in progress has finished (it may be mid-transaction, and
        APScheduler's shutdown would cancel it)."""
        self._stopped = True
        async with self._lock:
            pass
        self.stop()

    async def poke(self) -> None:
        """Something may have been scheduled: wake in time for it (else within max_sleep)."""
        self._plan(await self._off_loop(self._delay))

    async def _tick(self) -> None:
        async with self._lock:  # close() waits for all of this, the next wake-up included
            if self._stopped:
                return
            try:
                await self._off_loop(self._scheduler.run_due)
                await self._after_run()
            except Exception:
                log.exception("running due reminders failed; will retry")
            delay = await self._off_loop(self._delay)
        self._plan(delay)

    async def _off_loop(self, work: Callable[[], T]) -> T:
        """Database work, run on the worker thread so the event loop stays free."""
        if self._worker is None:
            return work()
        return await asyncio.get_running_loop().run_in_executor(self._worker, work)

    def _delay(self) -> float:
        try:
            due = self._scheduler.next_due()
        except Exception:
            log.exception("reading the next due reminder failed; will look again")
            return self._max_sleep
        if due is None:
            return self._max_sleep
        return min(self._max_sleep, max(0.0, self._clock.seconds_until(due)))

    def _plan(self, delay: float) -> None:
        if self._stopped:
            return
        self._aps.add_job(
            self._tick,
            DateTrigger(run_date=wall_time_in(delay)),
            id="tick",
            replace_existing=True,
            misfire_grace_time=None,
            # A wake-up planned while a tick is still running must not be skipped; the lock
            # makes the two take turns.
            max_instances=3,
        )
