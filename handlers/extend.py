"""延期: moving an open issue's deadline, or, for whoever holds it, asking staff to.

「延期 1 下周一 等配件到货」 from the secretary or a worker of the issue's grid sets the new
deadline at once: the issue's chats, the work group and whoever works on it are told, with the
old deadline and the reason, and its 🟡/🔴 reminders move with it. A length of time
(「延期 1 3天」) is added to the deadline the issue had (or to now, once that has passed); a day
(「周五」「11月30日」) is the new deadline itself. The property contact holding the issue
cannot move its deadline: their 「延期 1 下周三 等配件」 goes to the work group as a request,
with the command that grants it, and nothing changes until staff send it, or answer the
request 「同意」 (「不同意，…」 tells the holder the deadline stays) in reply to it.
"""

from __future__ import annotations

import re
from datetime import datetime

from bot.domain.asking import extension_answer
from bot.domain.deadlines import DeadlineError, format_deadline, is_span
from bot.domain.lifecycle import OPEN, Action
from bot.domain.permissions import sets_deadline
from bot.text import clause, month_day, shorten
from handlers import texts
from handlers.base import Answer, Context, Outcome, record, reply_to
from handlers.ledger import (
    allowed,
    assignee_label,
    facts,
    find_issue,
    past_limit,
    shown_deadline,
)
from handlers.notify import tell_all_of_it, tell_privately, tell_work_groups, working_on
from storage.models import Issue

# Where the deadline's words may end: a space or a comma. 「11月30日 18:00」 is two words.
_WORD_END = re.compile(r"[\s,，、;；]+")
_LEADING_ENDS = re.compile(r"^[\s,，、;；:：]*(?:(?:原因|理由|因为)[\s:：]*)?")
_TRAILING_ENDS = re.compile(r"[\s,，、;；:：]*(?:延期|延到|延期到|推迟到|改到|到)?[\s:：]*$")
_MOST_WORDS = 3
ASKED = "extend_asked"  # the audit entry of a holder's request
DECLINED = "extend_declined"  # staff said no to it
_GUESS = re.compile(r"（[^）]*）$")  # 「（未计2027年节假日）」 after a deadline shown
_WHY_AT_MOST = 60  # characters of a reason for saying no, kept and passed on


def extend(ctx: Context, args: str) -> Outcome:
    """延期 N 期限 [原因] — a new deadline for an open issue (a holder's is a request)."""
    issue, rest = find_issue(ctx, args, "extend")
    allowed(ctx, issue, Action.EXTEND)
    if not rest:
        raise Answer(ctx.services.command("extend").usage_line())
    deadline, said, reason = _deadline_then_reason(ctx, issue, rest)
    if not sets_deadline(ctx.actor, facts(ctx, issue)):
        return _ask(ctx, issue, deadline, reason)
    shown = shown_deadline(ctx.services, deadline)
    if deadline == issue.deadline:
        line = texts.DEADLINE_MOVED.format(number=issue.number, deadline=shown)
        said_again = line.removesuffix("。") + texts.ALREADY_SO
        return Outcome([reply_to(ctx, said_again)], "command", issue.id)
    line = move_deadline(ctx, issue, deadline, reason)
    replies = tell_all_of_it(ctx, issue, line)
    calendar = ctx.services.weekday_calendar
    day = calendar.local_date(deadline)
    if not is_span(said) and not calendar.is_workday(day):  # 「周日」: perhaps meant
        replies.append(
            reply_to(ctx, texts.DEADLINE_DAY_OFF.format(day=month_day(day), word="延期"))
        )
    return Outcome(replies + past_limit(ctx, issue, deadline), "command", issue.id)


def move_deadline(ctx: Context, issue: Issue, deadline: datetime, reason: str) -> str:
    """Give an open issue a new deadline, recorded as 延期 with `reason`; the line that tells
    of it (「#1 的期限由 11月26日 改为 11月24日，原因：工单时限。」)."""
    before = shown_deadline(ctx.services, issue.deadline)
    shown = shown_deadline(ctx.services, deadline)
    issue.deadline = deadline
    because = texts.EXTEND_BECAUSE.format(reason=clause(reason)) if reason else ""
    record(ctx, issue, Action.EXTEND.value, f"{before} → {shown}{because}")
    return (
        texts.EXTENDED.format(number=issue.number, before=before, deadline=shown) + f"{because}。"
    )


def answer(ctx: Context, number: str, said: str) -> Outcome:
    """「同意」 / 「不同意，…」 in reply to a holder's 延期 request (or 「同意2号延期」): granted
    as 「延期 N 期限 原因」 from staff would be; declined, the holder hears the deadline stays."""
    answered = extension_answer(said, f"申请 #{number} 延期到")
    assert answered is not None
    _, granted, said_why = answered
    why = shorten(said_why, _WHY_AT_MOST)
    issue, _ = find_issue(ctx, number, "extend")
    last = ctx.uow.audit.last_of(issue.id, (ASKED, DECLINED, Action.EXTEND.value))
    if last is None or last.action != ASKED or issue.status not in OPEN:
        raise Answer(texts.EXTEND_NOTHING_ASKED.format(number=issue.number))
    if not sets_deadline(ctx.actor, facts(ctx, issue)):
        raise Answer(texts.EXTEND_ANSWER_STAFF, "refused", "extend")
    asked, _, reason = last.note.partition("，")
    asked = _GUESS.sub("", asked)
    if granted:
        return extend(ctx, f"{issue.number} {asked} {reason}".rstrip())
    record(ctx, issue, DECLINED, f"{asked}，{why}" if why else asked)
    before = shown_deadline(ctx.services, issue.deadline)
    because = texts.EXTEND_BECAUSE.format(reason=clause(why)) if why else ""
    line = texts.EXTEND_DECLINED.format(number=issue.number, asked=asked, before=before) + because
    told = tell_privately(working_on(ctx.uow, issue), line + "。", skip=ctx.sender.id)
    reply = texts.EXTEND_DECLINED_SENT.format(number=issue.number, before=before)
    return Outcome([reply_to(ctx, reply), *told], "command", issue.id)


def _ask(ctx: Context, issue: Issue, deadline: datetime, reason: str) -> Outcome:
    """A holder's 延期: the work group is asked, with the command that grants it."""
    if not reason:
        example = f"延期 {issue.number} {shown_deadline(ctx.services, deadline)} 等配件到货"
        raise Answer(texts.NEEDS_TEXT.format(what="延期原因", example=example))
    asked = shown_deadline(ctx.services, deadline)
    before = shown_deadline(ctx.services, issue.deadline)
    last = ctx.uow.audit.last_of(issue.id, (ASKED, DECLINED, Action.EXTEND.value))
    if last is not None and last.action == ASKED and last.note.startswith(f"{asked}，"):
        # Asked again (a double send, or impatience): the work group is not asked twice.
        line = texts.EXTEND_ASKED_BEFORE.format(number=issue.number, deadline=asked, before=before)
        return Outcome([reply_to(ctx, line)], "command", issue.id)
    tz = ctx.services.settings.tz
    record(ctx, issue, ASKED, f"{asked}，{reason}")
    line = texts.EXTEND_ASKED.format(
        who=assignee_label(ctx.uow, issue) or ctx.sender.name,
        number=issue.number,
        deadline=asked,
        before=before,
        reason=clause(reason),
        grant=f"延期 {issue.number} {format_deadline(deadline, tz, ctx.now)}",
    )
    told = tell_work_groups(ctx, line)
    sent = texts.EXTEND_ASK_SENT if told else texts.EXTEND_ASK_NOWHERE
    return Outcome(
        [reply_to(ctx, sent.format(number=issue.number, before=before)), *told], "command", issue.id
    )


def _deadline_then_reason(ctx: Context, issue: Issue, text: str) -> tuple[datetime, str, str]:
    """The new deadline said first, in one to three words, and the reason after it (or, when
    the words first are no deadline, the reason first and the deadline last: 「需要采购灯杆
    7天」); the deadline's own words too. A length of time counts from the issue's deadline
    while that is still ahead."""
    ends = [*(m.start() for m in _WORD_END.finditer(text)), len(text)][:_MOST_WORDS]
    first_error: DeadlineError | None = None
    for end in reversed(ends):  # the longest reading first: 「11月30日 18:00」 before 「11月30日」
        said = text[:end].strip()
        try:
            deadline = _deadline(ctx, issue, said)
        except DeadlineError as bad:
            if end == ends[0]:
                first_error = bad
            continue
        return deadline, said, _LEADING_ENDS.sub("", text[end:]).strip()
    starts = [m.end() for m in _WORD_END.finditer(text) if m.end() < len(text)][-_MOST_WORDS:]
    for start in starts:  # the longest reading first, as above
        said = text[start:].strip()
        try:
            deadline = _deadline(ctx, issue, said)
        except DeadlineError:
            continue
        return deadline, said, _TRAILING_ENDS.sub("", text[:start]).strip()
    assert first_error is not None
    raise Answer(str(first_error))


def _deadline(ctx: Context, issue: Issue, said: str) -> datetime:
    """The deadline `said` means; a length of time from the issue's deadline while that is
    still ahead."""
    base = ctx.now
    if is_span(said) and issue.deadline is not None and issue.deadline > ctx.now:
        base = issue.deadline
    return ctx.services.deadline(said, base)
