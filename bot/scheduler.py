"""Firing reminders: due rows become messages in the outbox, exactly once.

The database is the source of truth. `Scheduler.run_due` claims what is due, renders it, marks it
sent and queues the messages in one transaction, so a restart neither loses nor repeats one.
Messages missed while the bot was down go out once, marked （补发）, one message per chat.
Non-urgent ones due in quiet hours wait for the morning.

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
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from sqlalchemy.orm import Session, sessionmaker

from bot.clock import Clock, wall_time_in
from bot.config import QuietHours
from bot.messages import Direct, Outgoing, Reply
from bot.outbox import outbound
from handlers import texts
from handlers.base import Services
from handlers.reminders import render
from handlers.schedule import DAILY, EVENT, POINTS_WEEKLY, SERIES_KINDS, WEEKLY
from handlers.schedule import MONTHLY as MONTHLY_REPORT
from handlers.stats import MONTHLY_REPORT_AT, MONTHLY_REPORT_DAY
from storage.models import Reminder
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

BATCH = 500
LATE_AFTER = timedelta(minutes=5)  # later than this, a message says （补发）
MAX_SLEEP = 60.0  # seconds: wake at least this often to see rows other processes added


@dataclass(frozen=True)
class Series:
    """A recurring reminder (event or digest): one pending occurrence at a time."""

    prefix: str
    kind: str
    trigger: CronTrigger
    community_id: int
    chat_id: int
    text: str = ""

    def key(self, due: datetime) -> str:
        return f"{self.prefix}@{due.isoformat()}"


def build_series(uow: UnitOfWork, services: Services) -> list[Series]:
    """Every work group's digests and every configured event, from config and the chats table."""
    settings = services.settings
    tz = settings.tz
    found: list[Series] = []
    for spec in settings.communities:
        community = uow.communities.by_code(spec.code)
        if community is None:
            continue
        daily_h, daily_m = settings.reminders.daily_digest.split(":")
        weekly_h, weekly_m = settings.reminders.weekly_digest.split(":")
        # Weekly series fire every weekday and speak only on the week's first working day.
        weekdays = CronTrigger(
            day_of_week="mon-fri", hour=int(weekly_h), minute=int(weekly_m), timezone=tz
        )
        for chat in uow.chats.of_kind(community.id, "work"):
            found.append(
                Series(
                    f"digest-daily:{chat.id}",
                    DAILY,
                    CronTrigger(hour=int(daily_h), minute=int(daily_m), timezone=tz),
                    community.id,
                    chat.id,
                )
            )
            found.append(
                Series(
                    f"digest-weekly:{chat.id}",
                    WEEKLY,
                    weekdays,
                    community.id,
                    chat.id,
                )
            )
            found.append(
                Series(
                    f"report-monthly:{chat.id}",
                    MONTHLY_REPORT,
                    CronTrigger(
                        day=MONTHLY_REPORT_DAY,
                        hour=MONTHLY_REPORT_AT.hour,
                        minute=MONTHLY_REPORT_AT.minute,
                        timezone=tz,
                    ),
                    community.id,
                    chat.id,
                )
            )
        for chat in uow.chats.of_kind(community.id, "grid"):
            # 「本周积分榜」, weekly like the digest.
            found.append(
                Series(
                    f"points-weekly:{chat.id}",
                    POINTS_WEEKLY,
                    weekdays,
                    community.id,
                    chat.id,
                )
            )
        for index, event in enumerate(spec.events):
            for ref in event.chats:
                binding = next(c for c in spec.chats if c.ref == ref)
                # Named by its config ref: the row may since have been confirmed to a room id.
                chat_row = uow.chats.configured(binding.platform, ref)
                if chat_row is None:
                    continue
                found.append(
                    Series(
                        f"event:{spec.code}:{index}:{chat_row.id}",
                        EVENT,
                        CronTrigger.from_crontab(event.cron, timezone=tz),
                        community.id,
                        chat_row.id,
                        event.text,
                    )
                )
    return found


class Scheduler:
    """Turns due reminders into queued messages; the clock decides what is due."""

    def __init__(self, services: Services, sessions: sessionmaker[Session]) -> None:
        self._services = services
        self._sessions = sessions
        with UnitOfWork(sessions) as uow:
            self._series = {s.prefix: s for s in build_series(uow, services)}

    def restore(self) -> None:
        """At start: every series gets its next occurrence, unless one is still pending."""
        now = self._services.clock.now()
        with UnitOfWork(self._sessions) as uow:
            for series in self._series.values():
                latest = uow.reminders.latest_of(f"{series.prefix}@")
                if latest is None or latest.status != "pending":
                    self._schedule_next(uow, series, now)
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
                bundles: dict[tuple[str, str, str], list[tuple[bool, Reply | Direct]]] = {}
                apart: list[Outgoing] = []  # polls, files, buttons: never merged into a digest
                for reminder in due:
                    wait = None if reminder.urgent else self._quiet_until(uow, reminder, now)
                    if wait is not None:
                        reminder.due_at = wait
                        continue
                    late = now - reminder.due_at > LATE_AFTER
                    for message in render(uow, self._services, reminder):
                        if isinstance(message, Reply | Direct) and not message.buttons:
                            bundles.setdefault(_target(message), []).append((late, message))
                        else:
                            apart.append(message)
                    reminder.status = "sent"
                    reminder.sent_at = now
                    series = self._series.get(reminder.key.partition("@")[0])
                    if reminder.kind in SERIES_KINDS and series is not None:
                        self._schedule_next(uow, series, now)
                messages = [_bundle(items) for items in bundles.values()] + apart
                for message in messages:
                    uow.outbox.add(outbound(message, now))
                uow.commit()
            queued += messages
            if len(due) < BATCH:
                return queued

    def _schedule_next(self, uow: UnitOfWork, series: Series, now: datetime) -> None:
        # Strictly after now: the occurrence firing at this very second is the one just sent.
        due = series.trigger.get_next_fire_time(None, now + timedelta(seconds=1))
        if due is None:
            return
        uow.reminders.schedule(
            series.key(due),
            community_id=series.community_id,
            kind=series.kind,
            due_at=due,
            chat_id=series.chat_id,
            text=series.text,
        )

    def _quiet_until(self, uow: UnitOfWork, reminder: Reminder, now: datetime) -> datetime | None:
        """The end of the quiet hours `now` falls in, for this reminder's community; else None."""
        settings = self._services.settings
        quiet = settings.quiet_hours
        if reminder.community_id is not None:
            code = uow.communities.get(reminder.community_id).code
            spec = next((c for c in settings.communities if c.code == code), None)
            if spec is not None:
                quiet = settings.quiet_hours_of(spec)
        return quiet_end(quiet, now, settings.tz)


def quiet_end(quiet: QuietHours, now: datetime, tz: ZoneInfo) -> datetime | None:
    """When the quiet period containing `now` ends, or None if `now` is not quiet."""
    local = now.astimezone(tz)
    start, end = _clock(quiet.start), _clock(quiet.end)
    moment = local.time()
    if start == end:
        return None
    overnight = start > end
    inside = (moment >= start or moment < end) if overnight else (start <= moment < end)
    if not inside:
        return None
    day = local.date() if moment < end else local.date() + timedelta(days=1)
    return datetime.combine(day, end, tzinfo=tz)


def _clock(text: str) -> time:
    hour, minute = (int(part) for part in text.split(":"))
    return time(hour, minute)


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

    def poke(self) -> None:
        """Something was scheduled: wake in time for it."""
        self._plan(self._delay())

    async def _tick(self) -> None:
        async with self._lock:
            if self._stopped:
                return
            try:
                if self._worker is None:
                    self._scheduler.run_due()
                else:
                    loop = asyncio.get_running_loop()
                    await loop.run_in_executor(self._worker, self._scheduler.run_due)
                await self._after_run()
            except Exception:
                log.exception("running due reminders failed; will retry")
        self._plan(self._delay())

    def _delay(self) -> float:
        due = self._scheduler.next_due()
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
