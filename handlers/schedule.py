"""What an issue's state and a community's chats call for, in reminders (chat-protocol §5).

`sync_issue` runs on every change to an issue (`handlers.base.record`, intake): it schedules the
deadline reminders, the follow-up (回访) and the 回头看 the issue now needs, and cancels the ones
it no longer does.

`sync_series` does the same for the recurring series (digests, the monthly report, the points
board, configured events, the morning nudges about overdue issues): it runs at start and
whenever a chat is bound, so a group bound in chat gets its digests from the next occurrence,
and a group bound as something else stops getting them. Reminders are rows; `bot.scheduler`
fires them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot.domain.issues import IssueStatus
from bot.domain.lifecycle import OPEN
from bot.domain.repeats import Repeat, parse_repeat
from storage.models import Community, Issue, Reminder
from storage.uow import UnitOfWork

if TYPE_CHECKING:
    from handlers.base import Services


def stamp(moment: datetime) -> str:
    """A moment as it is written in a reminder's key: always in UTC, so that a key made from a
    time just set (in Asia/Shanghai) and one made from the same time read back from the
    database (in UTC) are the same key, and a reminder already sent is not sent again."""
    return moment.astimezone(UTC).isoformat()


YELLOW, RED = "deadline_yellow", "deadline_red"
FOLLOW_UP, AUTO_CLOSE, LOOKBACK = "followup_remind", "followup_close", "lookback"
RESUME_DUE = "suspend_end"  # the morning a suspended issue resumes by itself (handlers.suspend)
ADHOC, EVENT, DAILY, WEEKLY = "adhoc", "event", "digest_daily", "digest_weekly"
REPEAT = "adhoc_repeat"  # 「提醒 每周四18:00 …」: set in chat, carries its rule (Reminder.repeat)
# 「定时群发 明天8:00 全部 …」: one to each group, the sender's words (handlers.notice).
NOTICE = "notice"
NOTICE_MAX = 1000  # characters in a notice: a chat message people still read to the end
MONTHLY = "report_monthly"  # the monthly statistics report (handlers.stats)
POINTS_WEEKLY = "points_weekly"  # 「本周积分榜」 (handlers.points)
# Each working morning, whoever works on an issue past its deadline's day hears it again
# (「已超期2个工作日」, handlers.reminders): one series a community.
OVERDUE = "overdue_daily"
EVENT_FRESH = timedelta(hours=3)  # how late a configured event may still be sent
SERIES_KINDS = frozenset({EVENT, DAILY, WEEKLY, MONTHLY, POINTS_WEEKLY, OVERDUE})
MONTHLY_REPORT_DAYS, MONTHLY_REPORT_AT = "1-12", time(9, 0)
"""The monthly report: 09:00 on the first working day of each month (the 1st, or the first
after 元旦 or 国庆), to every work group. The series fires each of the first days and speaks
on the first working one."""


def sync_issue(uow: UnitOfWork, services: Services, issue: Issue) -> None:
    """Schedule what this issue's state calls for, and cancel what it no longer does."""
    now = services.clock.now()
    # key → (kind, due, expires): a 🟡 is stale once the deadline (its 🔴) has come, the
    # reminder to rate once the issue closes by itself.
    wanted: dict[str, tuple[str, datetime, datetime | None]] = {}
    settings = services.settings.reminders
    known = uow.reminders.of_issue(issue.id)  # one query, whatever the issue's history
    if issue.status in OPEN and issue.deadline is not None:
        deadline = issue.deadline
        yellow = _yellow_time(services, deadline, now)
        if yellow is not None:
            wanted[f"issue:{issue.id}:yellow:{stamp(deadline)}"] = (YELLOW, yellow, deadline)
        red = f"issue:{issue.id}:red:{stamp(deadline)}"
        # A deadline gone by when it is set (a work order's time limit, forwarded late) is
        # overdue now, not a reminder the bot missed (（补发）).
        wanted[red] = (RED, deadline if red in known else max(deadline, now), None)
    elif issue.status in OPEN and issue.suspended_until is not None:  # 「挂起 1 到3月1日」
        until = issue.suspended_until
        wanted[f"issue:{issue.id}:resume:{stamp(until)}"] = (RESUME_DUE, until, None)
    elif issue.status is IssueStatus.RESOLVED and issue.resolved_at is not None:
        start = issue.resolved_at
        remind = start + timedelta(days=settings.follow_up_reminder_days)
        close = start + timedelta(days=settings.follow_up_close_days)
        wanted[f"issue:{issue.id}:followup:{stamp(start)}"] = (FOLLOW_UP, remind, close)
        wanted[f"issue:{issue.id}:autoclose:{stamp(start)}"] = (AUTO_CLOSE, close, None)
    elif (
        issue.status is IssueStatus.CLOSED
        and issue.category == "dispute"
        and issue.closed_at is not None
    ):
        look = issue.closed_at + timedelta(days=settings.lookback_days)
        wanted[f"issue:{issue.id}:lookback:{stamp(issue.closed_at)}"] = (LOOKBACK, look, None)
    for key, reminder in known.items():
        if reminder.status == "pending" and key not in wanted:
            reminder.status = "cancelled"
    for key, (kind, due, expires) in wanted.items():
        uow.reminders.schedule_among(
            known,
            key,
            community_id=issue.community_id,
            kind=kind,
            due_at=due,
            expires_at=expires,
            issue_id=issue.id,
            # Only the deadline of an urgent issue is urgent: asking for a rating, closing it
            # by default and 回头看 wait for the morning like everything else.
            urgent=issue.urgent and kind in (YELLOW, RED),
        )


def _yellow_time(services: Services, deadline: datetime, now: datetime) -> datetime | None:
    """When the 🟡 for `deadline` is due, seen at `now`: `yellow_at` on the last working day
    before the deadline's day (past the holiday calendar: the last weekday, as the colours take
    it). Set after that moment (work assigned at 15:00 the day before), `yellow_at` on the
    deadline's own day, if that is still to come before it; else None."""
    calendar = services.weekday_calendar
    yellow_at = services.settings.reminders.yellow_at
    due = calendar.local_date(deadline)
    day = due - timedelta(days=1)
    for _ in range(30):
        if calendar.is_workday(day):
            before = _at(services, day, yellow_at)
            if before > now:
                return before
            break
        day -= timedelta(days=1)
    same_day = _at(services, due, yellow_at)
    return same_day if now < same_day < deadline else None


def _at(services: Services, day: date, clock_time: str) -> datetime:
    hour, minute = (int(part) for part in clock_time.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=services.settings.tz)


@dataclass(frozen=True)
class Series:
    """A recurring reminder (event or digest): one pending occurrence at a time."""

    prefix: str
    kind: str
    trigger: CronTrigger
    community_id: int | None
    chat_id: int | None
    text: str = ""
    # A reminder set in chat to repeat: to one person privately, or to a chat; its rule.
    person_id: int | None = None
    created_by_id: int | None = None
    repeat: str | None = None

    def key(self, due: datetime) -> str:
        return f"{self.prefix}@{stamp(due)}"


def repeat_series(reminder: Reminder, tz: ZoneInfo) -> Series | None:
    """The series a reminder set in chat to repeat belongs to, from the rule it carries; None
    for one that does not repeat."""
    rule = parse_repeat(reminder.repeat) if reminder.repeat else None
    if rule is None:
        return None
    return series_of_repeat(
        series_prefix(reminder.key),
        rule,
        tz,
        community_id=reminder.community_id,
        chat_id=reminder.chat_id,
        person_id=reminder.person_id,
        created_by_id=reminder.created_by_id,
        text=reminder.text,
        kind=reminder.kind,
    )


def series_of_repeat(
    prefix: str,
    rule: Repeat,
    tz: ZoneInfo,
    *,
    community_id: int | None,
    chat_id: int | None,
    person_id: int | None,
    created_by_id: int | None,
    text: str,
    kind: str = REPEAT,
) -> Series:
    """A reminder that repeats by `rule`: to a chat, or to one person privately; of `kind`
    (a 定时群发 that repeats is a NOTICE)."""
    return Series(
        prefix,
        kind,
        CronTrigger(**rule.cron_fields(), timezone=tz),
        community_id,
        chat_id,
        text,
        person_id=person_id,
        created_by_id=created_by_id,
        repeat=rule.describe(),
    )


def series_of(uow: UnitOfWork, services: Services, community: Community) -> list[Series]:
    """The community's series, from its chats as bound now and its events in config: each work
    group's digests and monthly report, each grid group's points board."""
    settings = services.settings
    tz = settings.tz
    found: list[Series] = []
    spec = next((c for c in settings.communities if c.code == community.code), None)
    if spec is None:
        return found
    daily_h, daily_m = settings.reminders.daily_digest.split(":")
    weekly_h, weekly_m = settings.reminders.weekly_digest.split(":")
    # Weekly series fire every weekday and speak only on the week's first working day.
    weekdays = CronTrigger(
        day_of_week="mon-fri", hour=int(weekly_h), minute=int(weekly_m), timezone=tz
    )
    yellow_h, yellow_m = settings.reminders.yellow_at.split(":")
    found.append(
        Series(
            f"overdue-daily:{community.id}",
            OVERDUE,
            CronTrigger(hour=int(yellow_h), minute=int(yellow_m), timezone=tz),
            community.id,
            None,
        )
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
                MONTHLY,
                CronTrigger(
                    day=MONTHLY_REPORT_DAYS,
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


def sync_series(uow: UnitOfWork, services: Services, community: Community) -> None:
    """Each of the community's series gets its next occurrence unless one is pending; pending
    occurrences of series its chats no longer call for (a work group bound as a grid) are
    cancelled."""
    wanted = {series.prefix: series for series in series_of(uow, services, community)}
    for reminder in uow.reminders.pending_of_kinds(community.id, SERIES_KINDS):
        if series_prefix(reminder.key) not in wanted:
            reminder.status = "cancelled"
    now = services.clock.now()
    for series in wanted.values():
        latest = uow.reminders.latest_of(f"{series.prefix}@")
        if latest is None or latest.status != "pending":
            schedule_next(uow, series, now)


def schedule_next(uow: UnitOfWork, series: Series, now: datetime) -> None:
    """The series' first occurrence strictly after `now` (the one firing at this very second
    is the one just sent)."""
    due = series.trigger.get_next_fire_time(None, now + timedelta(seconds=1))
    if due is not None:
        schedule_occurrence(uow, series, due)


def schedule_occurrence(uow: UnitOfWork, series: Series, due: datetime) -> Reminder:
    """The series' occurrence at `due`. A configured event, the daily digest and the
    overdue nudges speak of their own day (「今晚七点…」, 「今日台账」, 「已超期2个工作日」): on
    any other day they are stale. An event also announces something about to happen
    (「流动办公桌今天上午在3号楼门口」): more than `EVENT_FRESH` late, it is stale too."""
    expires = None
    repeated = series.repeat is not None  # set in chat: 提醒, 定时群发
    if series.kind in (EVENT, DAILY, OVERDUE) or repeated:
        tz = series.trigger.timezone
        day = due.astimezone(tz).date() + timedelta(days=1)
        expires = datetime.combine(day, time(0, 0), tzinfo=tz)
        if series.kind == EVENT or repeated:
            expires = min(expires, due + EVENT_FRESH)
    return uow.reminders.schedule(
        series.key(due),
        community_id=series.community_id,
        kind=series.kind,
        due_at=due,
        expires_at=expires,
        chat_id=series.chat_id,
        person_id=series.person_id,
        created_by_id=series.created_by_id,
        repeat=series.repeat,
        text=series.text,
    )


def latest_missed(
    series: Series, due: datetime, now: datetime, speaks: Callable[[datetime], bool]
) -> datetime:
    """Of the series' occurrences from `due` to `now`, the last one that `speaks` (a weekly
    series speaks only on the week's first working day), else `due`: after an outage only the
    newest missed occurrence counts — Monday's weekly summary, not Friday's silent check, and
    not Tuesday's either."""
    latest = due
    moment = series.trigger.get_next_fire_time(None, due + timedelta(seconds=1))
    while moment is not None and moment <= now:
        if speaks(moment):
            latest = moment
        moment = series.trigger.get_next_fire_time(None, moment + timedelta(seconds=1))
    return latest


def notice_key(sender_id: int, platform: str, message_id: str) -> str:
    """What the keys of one 定时群发's reminders start with (each ends in its chat's id)."""
    return f"{NOTICE}:{sender_id}:{platform}:{message_id}:"


def notice_prefix(key: str) -> str:
    """`notice:3:console:m7:12` → `notice:3:console:m7:`, shared by that notice's groups (of
    one that repeats, `notice:3:console:m7:12@2026-11-27T17:00:00+08:00` too)."""
    return series_prefix(key).rpartition(":")[0] + ":"


def series_prefix(key: str) -> str:
    """`digest-daily:7@2026-11-23T09:00:00+08:00` → `digest-daily:7`."""
    return key.partition("@")[0]
