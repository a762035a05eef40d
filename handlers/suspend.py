"""挂起 / 恢复 — an open issue's clock stopped while it waits on what no one here can hurry (the
heating season, a repair fund the owners must vote, a court), and started again.

「挂起 1 等开春施工」 from the secretary or a worker of the issue's grid keeps the deadline it had
aside and leaves it none: no 🟡/🔴, no reminders, never 超期 in the 台账 or the statistics, while
the 台账 shows it ⏸ 挂起. Its chats, the work group and whoever works on it are told why.
「恢复 1」 gives it back its deadline moved on by the working days it stood still, at the same
hour (due Thursday 26 November, suspended on Monday 23rd, resumed on Friday 4 December nine
working days later: due Wednesday 9 December). Finished, or given a new deadline (延期, 受理,
派单) in the meantime, it runs again: nothing stays suspended that has a clock.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain import permissions
from bot.domain.lifecycle import OPEN
from bot.text import clause, shorten
from handlers import texts
from handlers.base import Answer, Context, Outcome, record
from handlers.ledger import find_issue, shown_deadline
from handlers.notify import tell_all_of_it
from storage.models import Issue

SUSPEND, RESUME = "suspend", "resume"  # their audit entries


def suspend(ctx: Context, args: str) -> Outcome:
    """挂起 N 原因 — its clock stopped: no deadline until 恢复."""
    issue, reason = _issue_of(ctx, args, "suspend")
    reason = reason.strip(" ，,：:")
    if not reason:
        example = f"挂起 {issue.number} 等开春施工"
        raise Answer(texts.NEEDS_TEXT.format(what="挂起原因", example=example))
    if issue.suspended_at is not None:
        raise Answer(texts.SUSPENDED_ALREADY.format(number=issue.number))
    had = shown_deadline(ctx.services, issue.deadline)
    issue.suspended_at, issue.suspended_deadline = ctx.now, issue.deadline
    issue.deadline = None
    record(ctx, issue, SUSPEND, f"{clause(reason)}（原期限 {had}）")
    line = texts.SUSPENDED.format(number=issue.number, reason=shorten(clause(reason), 60))
    return _told(ctx, issue, line)


def resume(ctx: Context, args: str) -> Outcome:
    """恢复 N — its clock started again, its deadline moved on by the time it stood still."""
    issue, _ = _issue_of(ctx, args, "resume")
    if issue.suspended_at is None:
        raise Answer(texts.NOT_SUSPENDED.format(number=issue.number))
    calendar = ctx.services.weekday_calendar
    stood = max(0, calendar.working_days_between(issue.suspended_at, ctx.now))
    had = issue.suspended_deadline
    if had is not None:  # the same time of day, as many working days on as it stood still
        local = had.astimezone(calendar.tz)
        day = calendar.add_working_days(local.date(), stood) if stood else local.date()
        issue.deadline = datetime.combine(day, local.time(), tzinfo=calendar.tz)
    issue.suspended_at = issue.suspended_deadline = None
    shown = shown_deadline(ctx.services, issue.deadline)
    note = texts.RESUME_NOTE if stood else texts.RESUME_NOTE_SAME_DAYS
    record(ctx, issue, RESUME, note.format(days=stood, deadline=shown))
    return _told(ctx, issue, texts.RESUMED.format(number=issue.number, deadline=shown))


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
