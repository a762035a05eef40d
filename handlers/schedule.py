"""What an issue's state calls for, in reminders (chat-protocol §5).

`sync_issue` runs on every change to an issue (`handlers.base.record`, intake): it schedules the
deadline reminders, the follow-up (回访) and the 回头看 the issue now needs, and cancels the ones
it no longer does. Reminders are rows; `bot.scheduler` fires them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from bot.domain.calendar import UnknownYear
from bot.domain.issues import IssueStatus
from bot.domain.lifecycle import OPEN
from storage.models import Issue
from storage.uow import UnitOfWork

if TYPE_CHECKING:
    from handlers.base import Services

YELLOW, RED = "deadline_yellow", "deadline_red"
FOLLOW_UP, AUTO_CLOSE, LOOKBACK = "followup_remind", "followup_close", "lookback"
ADHOC, EVENT, DAILY, WEEKLY = "adhoc", "event", "digest_daily", "digest_weekly"
MONTHLY = "report_monthly"  # the monthly statistics report (handlers.stats)
POINTS_WEEKLY = "points_weekly"  # 「本周积分榜」 (handlers.points)
SERIES_KINDS = frozenset({EVENT, DAILY, WEEKLY, MONTHLY, POINTS_WEEKLY})


def sync_issue(uow: UnitOfWork, services: Services, issue: Issue) -> None:
    """Schedule what this issue's state calls for, and cancel what it no longer does."""
    now = services.clock.now()
    wanted: dict[str, tuple[str, datetime]] = {}
    settings = services.settings.reminders
    if issue.status in OPEN and issue.deadline is not None:
        yellow = _yellow_time(services, issue.deadline)
        if yellow is not None and yellow > now:
            wanted[f"issue:{issue.id}:yellow:{issue.deadline.isoformat()}"] = (YELLOW, yellow)
        wanted[f"issue:{issue.id}:red:{issue.deadline.isoformat()}"] = (RED, issue.deadline)
    elif issue.status is IssueStatus.RESOLVED and issue.resolved_at is not None:
        start = issue.resolved_at
        remind = start + timedelta(days=settings.follow_up_reminder_days)
        close = start + timedelta(days=settings.follow_up_close_days)
        wanted[f"issue:{issue.id}:followup:{start.isoformat()}"] = (FOLLOW_UP, remind)
        wanted[f"issue:{issue.id}:autoclose:{start.isoformat()}"] = (AUTO_CLOSE, close)
    elif (
        issue.status is IssueStatus.CLOSED
        and issue.category == "dispute"
        and issue.closed_at is not None
    ):
        look = issue.closed_at + timedelta(days=settings.lookback_days)
        wanted[f"issue:{issue.id}:lookback:{issue.closed_at.isoformat()}"] = (LOOKBACK, look)
    for reminder in uow.reminders.pending_for_issue(issue.id):
        if reminder.key not in wanted:
            reminder.status = "cancelled"
    for key, (kind, due) in wanted.items():
        uow.reminders.schedule(
            key,
            community_id=issue.community_id,
            kind=kind,
            due_at=due,
            issue_id=issue.id,
            urgent=issue.urgent,
        )


def _yellow_time(services: Services, deadline: datetime) -> datetime | None:
    """`yellow_at` on the last working day before the deadline's day (None past the calendar)."""
    calendar = services.calendar
    day = calendar.local_date(deadline) - timedelta(days=1)
    try:
        for _ in range(30):
            if calendar.is_workday(day):
                return _at(services, day, services.settings.reminders.yellow_at)
            day -= timedelta(days=1)
    except UnknownYear:
        return None
    return None


def _at(services: Services, day: date, clock_time: str) -> datetime:
    hour, minute = (int(part) for part in clock_time.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=services.settings.tz)
