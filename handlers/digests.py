"""The work group's daily and weekly digests (chat-protocol §5)."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.calendar import UnknownYear
from bot.domain.issues import IssueStatus
from bot.domain.lifecycle import OPEN
from handlers import texts
from handlers.base import Services
from handlers.ledger import yellow_until
from handlers.listing import ledger_line
from storage.repositories import LedgerQuery
from storage.uow import UnitOfWork

RED_LINES = 10


def working_today(services: Services) -> bool:
    calendar = services.calendar
    try:
        return calendar.is_workday(calendar.local_date(services.clock.now()))
    except UnknownYear:
        return True  # better a digest on a possible holiday than none on a working day


def first_working_day_of_week(services: Services) -> bool:
    """Monday, or the first working day after a Monday holiday (weekly digests wait for it)."""
    calendar = services.calendar
    today = calendar.local_date(services.clock.now())
    earlier = [today - timedelta(days=n) for n in range(1, today.weekday() + 1)]
    try:
        return calendar.is_workday(today) and not any(calendar.is_workday(d) for d in earlier)
    except UnknownYear:
        return today.weekday() == 0


def daily(uow: UnitOfWork, services: Services, community_id: int) -> str:
    """Counts by colour and the 🔴 list; nothing on a day off."""
    now = services.clock.now()
    if not working_today(services):
        return ""
    page = uow.issues.ledger(
        LedgerQuery(community_id=community_id, statuses=OPEN),
        now=now,
        yellow_until=yellow_until(services),
        colour=0,
        offset=0,
        limit=RED_LINES,
    )
    local = now.astimezone(services.settings.tz)
    lines = [
        texts.DAILY_DIGEST.format(
            date=f"{local.month}月{local.day}日",
            total=page.total,
            red=page.red,
            yellow=page.yellow,
            green=page.green,
        )
    ]
    lines += [ledger_line(uow, services, issue) for issue in page.issues]
    if page.red > RED_LINES:
        lines.append(texts.DIGEST_MORE.format(more=page.red - RED_LINES))
    year = services.calendar.year_ahead_unknown(local.date())
    if year is not None:
        lines.append(texts.CALENDAR_AHEAD.format(year=year))
    return "\n".join(lines)


def weekly(uow: UnitOfWork, services: Services, community_id: int) -> str:
    """Last week in the seeds' own sentence: collected, resolved, overdue."""
    if not first_working_day_of_week(services):
        return ""
    now = services.clock.now()
    since = now - timedelta(days=7)
    counts = uow.issues.week_counts(community_id, since, now)
    open_page = uow.issues.ledger(
        LedgerQuery(community_id=community_id, statuses=OPEN),
        now=now,
        yellow_until=yellow_until(services),
        colour=None,
        offset=0,
        limit=0,
    )
    return texts.WEEKLY_DIGEST.format(
        collected=counts.get("filed", 0),
        resolved=counts.get(IssueStatus.RESOLVED.value, 0),
        closed=counts.get(IssueStatus.CLOSED.value, 0),
        open=open_page.total,
        red=open_page.red,
    )
