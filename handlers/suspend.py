"""挂起 / 恢复 — an open issue's clock stopped while it waits on what no one here can hurry (the
heating season, a repair fund the owners must vote, a court), and started again.

「挂起 1 等开春施工」 from the secretary or a worker of the issue's grid keeps the deadline it had
aside and leaves it none: no 🟡/🔴, no reminders, never 超期 in the 台账 or the statistics, while
the 台账 shows it ⏸ 挂起. Its chats, the work group and whoever works on it are told why.
「恢复 1」 gives it back its deadline moved on by the working days it stood still, at the same
hour (due Thursday 26 November, suspended on Monday 23rd, resumed on Friday 4 December nine
working days later: due Wednesday 9 December). Finished, or given a new deadline (延期, 受理,
派单) in the meantime, it runs again: nothing stays suspended that has a clock.

A day said with it (「挂起 1 到3月1日 等开春施工」「挂起 1 等开春，明年3月恢复」) is when it resumes
by itself: that morning (the next working day's, if a day off) a reminder (`RESUME_DUE`,
`resume_due`) does what 「恢复 1」 would and tells the same people.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from bot.domain import permissions
from bot.domain.deadlines import (
    DeadlineError,
    FarDeadline,
    PastDeadline,
    month_named,
    months_after,
    read_clock,
)
from bot.domain.lifecycle import OPEN
from bot.messages import Outgoing
from bot.text import clause, month_day, shorten
from handlers import texts
from handlers.base import Answer, Context, Outcome, Services, end_suspension, record, record_by_bot
from handlers.ledger import find_issue, shown_deadline
from handlers.notify import tell_all_of_it, tell_everyone
from storage.models import Issue, Reminder
from storage.uow import UnitOfWork

SUSPEND, RESUME = "suspend", "resume"  # their audit entries

_GOES_ON_A_DAY = frozenset("0123456789〇零一二两三四五六七八九十年月日号明下初份")
_STOPS = r"\s，,。；;、！!"
# 「到3月1日」「直到明年3月再说」「至下个月」「到3月1日等开春」: the words after the word for 'till'
_UNTIL = re.compile(rf"(?:一直)?(?:直到|等到|到|至)\s*(?P<day>[^{_STOPS}]{{1,16}})")
_RESUME_WORD = re.compile(r"\s*(?:再恢复|恢复办理|恢复|再办理?|再说|为止)?")
# 「3月1日恢复」「明年3月以后再办」: the day, before the word for resuming
_THEN = re.compile(
    rf"(?P<day>[^{_STOPS}]{{1,16}}?)\s*(?:以后|之后|后)?(?:再恢复|恢复办理|恢复|再办理?|再说)"
    rf"(?=$|[{_STOPS}])"
)


def suspend(ctx: Context, args: str) -> Outcome:
    """挂起 N [到 日子] 原因 — its clock stopped: no deadline until 恢复 (or that day)."""
    issue, said = _issue_of(ctx, args, "suspend")
    said = said.strip(" ，,：:")
    until, reason = _until(ctx, said)
    if issue.suspended_at is not None:
        if until is None or until == issue.suspended_until:
            raise Answer(texts.SUSPENDED_ALREADY.format(number=issue.number))
        issue.suspended_until = until  # 「挂起 1 到3月1日」 again: the day it resumes
        record(ctx, issue, SUSPEND, texts.SUSPEND_UNTIL_NOTE.format(day=_day(ctx.services, until)))
        line = texts.SUSPENDED_UNTIL_MOVED.format(
            number=issue.number, day=_day(ctx.services, until)
        )
        return _told(ctx, issue, line)
    if not reason:
        till = "" if until is None else f" 到{_day(ctx.services, until)}"
        example = f"挂起 {issue.number}{till} 等开春施工"
        raise Answer(texts.NEEDS_TEXT.format(what="挂起原因", example=example))
    had = shown_deadline(ctx.services, issue.deadline)
    issue.suspended_at, issue.suspended_deadline = ctx.now, issue.deadline
    issue.suspended_until, issue.deadline = until, None
    issue.suspended_reason = shorten(clause(reason), 200)
    resumes = (
        "" if until is None else texts.SUSPENDED_UNTIL_KEPT.format(day=_day(ctx.services, until))
    )
    record(ctx, issue, SUSPEND, f"{clause(reason)}（原期限 {had}{resumes}）")
    reason = shorten(clause(reason), 60)
    if until is None:
        line = texts.SUSPENDED.format(number=issue.number, reason=reason)
    else:
        day = _day(ctx.services, until)
        line = texts.SUSPENDED_UNTIL.format(number=issue.number, reason=reason, day=day)
    return _told(ctx, issue, line)


def resume(ctx: Context, args: str) -> Outcome:
    """恢复 N — its clock started again, its deadline moved on by the time it stood still."""
    issue, _ = _issue_of(ctx, args, "resume")
    if issue.suspended_at is None:
        raise Answer(texts.NOT_SUSPENDED.format(number=issue.number))
    note, shown = _resumed(ctx.services, issue, ctx.now)
    record(ctx, issue, RESUME, note)
    return _told(ctx, issue, texts.RESUMED.format(number=issue.number, deadline=shown))


def resume_due(uow: UnitOfWork, services: Services, reminder: Reminder) -> list[Outgoing]:
    """The morning a suspended issue was to resume (「挂起 1 到3月1日」): 「恢复 1」 done by the
    bot, told to the same people; nothing when it was resumed, or ended, before."""
    assert reminder.issue_id is not None
    issue = uow.issues.get(reminder.issue_id)
    if issue.suspended_at is None or issue.suspended_until != reminder.due_at:
        return []
    day = _day(services, reminder.due_at)
    note, shown = _resumed(services, issue, services.clock.now())
    record_by_bot(uow, services, issue, RESUME, texts.RESUMED_BY_ITSELF_NOTE.format(day=day) + note)
    line = texts.RESUMED_BY_ITSELF.format(number=issue.number, day=day, deadline=shown)
    return tell_everyone(uow, issue, line)


def _resumed(services: Services, issue: Issue, now: datetime) -> tuple[str, str]:
    """Give a suspended issue back its deadline, moved on by the working days it stood still
    (the same time of day); the note its audit entry keeps, and the deadline as shown."""
    assert issue.suspended_at is not None
    calendar = services.weekday_calendar
    stood = max(0, calendar.working_days_between(issue.suspended_at, now))
    had = issue.suspended_deadline
    if had is not None:  # the same time of day, as many working days on as it stood still
        local = had.astimezone(calendar.tz)
        day = calendar.add_working_days(local.date(), stood) if stood else local.date()
        issue.deadline = datetime.combine(day, local.time(), tzinfo=calendar.tz)
    end_suspension(issue)
    shown = shown_deadline(services, issue.deadline)
    note = texts.RESUME_NOTE if stood else texts.RESUME_NOTE_SAME_DAYS
    return note.format(days=stood, deadline=shown), shown


def _until(ctx: Context, said: str) -> tuple[datetime | None, str]:
    """The morning a suspension is to end, when the words name a day for it (「到3月1日」
    「直到明年3月再说」「到3月1日等开春」「3月1日恢复」), and the words without it; else None and
    the words."""
    for match in _UNTIL.finditer(said):
        run = match["day"]
        for end in range(len(run), 0, -1):  # the longest day first: 「3月1日」, not 「3月」
            if end < len(run) and run[end] in _GOES_ON_A_DAY:  # not 「11月2」 of 「11月20日」
                continue
            if (at := _resume_at(ctx, run[:end])) is not None:
                after = _RESUME_WORD.match(said, match.start("day") + end)
                assert after is not None  # it may match nothing
                return at, _without(said, match.start(), after.end())
    for match in _THEN.finditer(said):
        phrase = match["day"]
        for start in range(len(phrase)):  # 「等开春施工3月1日恢复」: the day at its end
            if start and phrase[start - 1] in _GOES_ON_A_DAY:  # not 「1月20日」 of 「11月20日」
                continue
            if (at := _resume_at(ctx, phrase[start:])) is not None:
                return at, _without(said, match.start("day") + start, match.end())
    return None, said


def _resume_at(ctx: Context, said: str) -> datetime | None:
    """The morning of the day `said` names to resume on (at the daily digest's time, the next
    working day's if a day off); None when it names none. A day come already is refused."""
    day = _resume_day(ctx, said)
    if day is None:
        return None
    calendar = ctx.services.weekday_calendar
    if day <= calendar.local_date(ctx.now):
        raise Answer(texts.SUSPEND_UNTIL_PAST.format(day=month_day(day)))
    morning = read_clock(ctx.services.settings.reminders.daily_digest)
    assert morning is not None  # a ClockTime
    return datetime.combine(calendar.next_workday(day), morning, calendar.tz)


def _without(said: str, start: int, end: int) -> str:
    return (said[:start] + said[end:]).strip(" ，,：:。；;")


def _resume_day(ctx: Context, said: str) -> date | None:
    """The day `said` names to resume on (a month alone: its first day), else None."""
    calendar = ctx.services.weekday_calendar
    today = calendar.local_date(ctx.now)
    if (first := month_named(said, today)) is not None:
        return first
    try:
        day = calendar.local_date(ctx.services.deadline(said.removeprefix("明年"), ctx.now))
    except PastDeadline as past:  # 「到11月20日」 on the 23rd: told so
        return calendar.local_date(past.deadline)
    except FarDeadline:  # 「到2028年3月1日」: told so, nothing kept
        raise Answer(texts.SUSPEND_UNTIL_FAR.format(said=shorten(said, 20))) from None
    except DeadlineError:
        return None
    if said.startswith("明年") and day.year == today.year:  # 「明年6月1日」
        return months_after(day, 12)
    return day


def _day(services: Services, at: datetime) -> str:
    day = services.weekday_calendar.local_date(at)
    return month_day(day)


def _issue_of(ctx: Context, args: str, command: str) -> tuple[Issue, str]:
    """The open issue `args` name, if the sender may stop its clock (staff of its grid), and the
    words after its number."""
    issue, rest = find_issue(ctx, args, command)
    if issue.status not in OPEN:  # a finished issue has no clock to stop
        word = permissions.verb(command)
        raise Answer(
            texts.SUSPEND_NOT_OPEN.format(number=issue.number, status=issue.status.label, word=word)
        )
    return issue, rest


def _told(ctx: Context, issue: Issue, line: str) -> Outcome:
    return Outcome(tell_all_of_it(ctx, issue, line), "command", issue.id)
