"""The work group's daily and weekly digests (chat-protocol §5)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.domain.deadlines import due_window
from bot.domain.issues import IssueStatus
from bot.domain.lifecycle import OPEN
from bot.domain.points import previous_week
from bot.text import month_day
from handlers import questions, texts
from handlers.base import Services
from handlers.ledger import yellow_until
from handlers.listing import ledger_line
from handlers.patrol_stats import households_said, patrol_figures
from handlers.schedule import MONTHLY, POINTS_WEEKLY, WEEKLY
from storage.repositories import LedgerPage, LedgerQuery
from storage.uow import UnitOfWork

RED_LINES = 10
ROUNDS_KEPT = timedelta(weeks=4)  # a community that kept rounds in these hears of them weekly


def working_day(services: Services, due: datetime) -> bool:
    """Whether the day a digest was due is a working day. Past the holiday calendar (next
    year's not yet published) Monday to Friday are taken for working days."""
    calendar = services.weekday_calendar
    return calendar.is_workday(calendar.local_date(due))


def first_working_day_of_week(services: Services, due: datetime) -> bool:
    """Whether the day a weekly digest was due is the week's first working day: Monday, or the
    first after a Monday holiday. The due day, not today: one sent late after an outage
    still goes out."""
    day = services.weekday_calendar.local_date(due)
    return _first_working_day(services, day, since=day.weekday())


def first_working_day_of_month(services: Services, due: datetime) -> bool:
    """Whether the day a monthly report was due is its month's first working day: the 1st, or
    the first after 元旦 or 国庆. The due day, not today, as for the weekly digest."""
    day = services.weekday_calendar.local_date(due)
    return _first_working_day(services, day, since=day.day - 1)


def series_speaks(services: Services, kind: str, due: datetime) -> bool:
    """Whether an occurrence of a recurring series due at `due` has something to say: a weekly
    one on the week's first working day, the monthly report on the month's; the others on
    every occurrence (they judge the rest themselves when rendered)."""
    if kind in (WEEKLY, POINTS_WEEKLY):
        return first_working_day_of_week(services, due)
    if kind == MONTHLY:
        return first_working_day_of_month(services, due)
    return True


def _first_working_day(services: Services, day: date, *, since: int) -> bool:
    """Whether `day` is a working day and none of the `since` days before it was."""
    calendar = services.weekday_calendar
    earlier = (day - timedelta(days=n) for n in range(1, since + 1))
    return calendar.is_workday(day) and not any(calendar.is_workday(d) for d in earlier)


def daily(uow: UnitOfWork, services: Services, community_id: int, due: datetime) -> str:
    """Counts by colour, the 🔴 list, how many fall due today and wait for a call back;
    nothing on a day off."""
    now = services.clock.now()
    if not working_day(services, due):
        return ""
    page = uow.issues.ledger(
        # The work group's list: complaints of its own staff are the secretary's, privately.
        LedgerQuery(community_id=community_id, statuses=OPEN, complaints=False),
        now=now,
        yellow_until=yellow_until(services),
        colour=0,
        offset=0,
        limit=RED_LINES,
    )
    local = now.astimezone(services.settings.tz)
    lines = [
        texts.DAILY_DIGEST.format(
            date=month_day(local),
            total=page.total,
            red=page.red,
            yellow=page.yellow,
            green=page.green,
            suspended=texts.SUSPENDED_COUNT.format(count=page.suspended) if page.suspended else "",
        )
    ]
    lines += [ledger_line(uow, services, issue) for issue in page.issues]
    if page.red > RED_LINES:
        lines.append(texts.DIGEST_MORE.format(more=page.red - RED_LINES))
    if page.red:  # each holder pressed in one go (ledger._urge_overdue)
        lines.append(texts.DIGEST_URGE)
    # What falls due today (a work order's time limit too), as 「台账 今天到期」 lists it.
    today = due_window(texts.DUE_TODAY, now, services.settings.tz)
    due_today = uow.issues.count(LedgerQuery(community_id, OPEN, due=today, complaints=False))
    if due_today:
        lines.append(texts.DIGEST_DUE_TODAY.format(count=due_today))
    done = frozenset({IssueStatus.RESOLVED})  # done, not yet rated: whom to call back (回访)
    to_call = uow.issues.count(LedgerQuery(community_id, done, complaints=False))
    if to_call:
        lines.append(texts.DIGEST_TO_CALL.format(count=to_call))
    asked = questions.waiting(uow, community_id, now)  # 问N passed on, still unanswered
    if asked:
        numbers = "、".join(f"问{question.number}" for question in asked)
        lines.append(texts.DIGEST_QUESTIONS.format(count=len(asked), numbers=numbers))
    year = services.calendar.year_ahead_unknown(local.date())
    # Weekly, not every morning of December: the month's first working day, then each week's.
    weekly = first_working_day_of_week(services, due) or first_working_day_of_month(services, due)
    if year is not None and weekly:
        lines.append(texts.CALENDAR_AHEAD.format(year=year))
    return "\n".join(lines)


def _counts(uow: UnitOfWork, services: Services, query: LedgerQuery, now: datetime) -> LedgerPage:
    """How many issues `query` finds, by colour at `now`, with none of them loaded."""
    return uow.issues.ledger(
        query, now=now, yellow_until=yellow_until(services), colour=None, offset=0, limit=0
    )


def weekly(uow: UnitOfWork, services: Services, community_id: int, due: datetime) -> str:
    """Last week, Monday to Sunday before the day it was due, in the seeds' own sentence:
    collected, resolved, overdue. The open counts are as of now."""
    if not first_working_day_of_week(services, due):
        return ""
    now = services.clock.now()
    tz = services.settings.tz
    since, until = previous_week(due, tz)
    counts = uow.issues.week_counts(community_id, since, until)
    open_page = _counts(uow, services, LedgerQuery(community_id, OPEN, complaints=False), now)
    last_day = (until - timedelta(days=1)).astimezone(tz)
    digest = texts.WEEKLY_DIGEST.format(
        since=month_day(since),
        until=month_day(last_day),
        collected=counts.get("filed", 0),
        resolved=counts.get(IssueStatus.RESOLVED.value, 0),
        closed=counts.get(IssueStatus.CLOSED.value, 0),
        open=open_page.total,
        red=open_page.red,
    )
    if open_page.suspended:  # 挂起: not forgotten, looked at again each week
        digest += "\n" + texts.WEEKLY_SUSPENDED.format(count=open_page.suspended)
        resuming = uow.issues.resuming_between(community_id, until, until + timedelta(days=7))
        if resuming:  # 「挂起 1 到12月10日」: this week's, so nobody is taken by surprise
            said = "、".join(f"#{n}（{month_day(when.astimezone(tz))}）" for n, when in resuming)
            digest += texts.WEEKLY_RESUMING.format(issues=said)
    rounds = _rounds(uow, community_id, since, until)
    return f"{digest}\n{rounds}" if rounds else digest


def _rounds(uow: UnitOfWork, community_id: int, since: datetime, until: datetime) -> str:
    """「上周走访巡查5次，入户36户；网格5无走访记录。」 where rounds are kept (any in the four
    weeks before); nothing where they are not."""
    week = patrol_figures(uow, community_id, since, until)
    if not week.count and not uow.patrols.any_between(community_id, since - ROUNDS_KEPT, since):
        return ""
    if not week.count:
        return texts.WEEKLY_PATROLS_NONE
    missing = [g.name for g in uow.communities.grids_of(community_id) if g.id not in week.grids]
    return texts.WEEKLY_PATROLS.format(
        count=week.count,
        households=households_said(week.households),
        missing=texts.WEEKLY_PATROLS_MISSING.format(grids="、".join(missing)) if missing else "",
    )
