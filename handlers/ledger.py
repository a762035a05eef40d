"""The ledger commands (chat-protocol §3, §4): the life of an issue, typed in chat.

Each command: find the issue, check the sender may (`bot.domain.permissions`), move it
(`bot.domain.lifecycle`), write the audit entry, and tell the people it concerns (`notify`).
Anything wrong stops with `Answer`, and the dispatcher rolls the change back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.config import TRIAGE_LEVELS
from bot.domain.deadlines import Colour, DeadlineError, colour, format_deadline, soon_said
from bot.domain.issues import IssueStatus, Role
from bot.domain.lifecycle import (
    DONE,
    MOVES,
    OPEN,
    Action,
    IllegalMove,
    allowed_actions,
    illegal_line,
    next_status,
)
from bot.domain.lookback import came_back
from bot.domain.permissions import (
    STAFF,
    IssueFacts,
    building_refusal,
    complains_of,
    in_grid,
    may_see,
    own_buildings,
    refusal,
)
from bot.domain.privacy import mask_name, mask_text, reporter_label
from bot.domain.ratings import AGENDA_DONE, spoken_rating, spoken_score
from bot.domain.sources import ORDER_DIGITS, Source, order_shaped, work_order_of
from bot.messages import Outgoing, Reply
from bot.text import (
    NUMBER_GOES_ON,
    arabic_lead,
    argument_words,
    clause,
    echoed,
    issue_first,
    month_day,
    normalize,
    parse_issue_number,
    printable,
    shorten,
)
from handlers import points, texts
from handlers.base import (
    WORK_SHOWN,
    Answer,
    Context,
    Handler,
    Outcome,
    Services,
    actor_of,
    answer,
    attach,
    earlier_photos,
    in_this_chat,
    joined_here,
    keep_photos,
    mention_first,
    mentioned_person,
    numbers_of,
    record,
    refuse,
    reply_to,
)
from handlers.notify import (
    SUMMARY_LIMIT,
    assignee_buttons,
    caller_of,
    caller_said,
    chat_ref,
    declined_label,
    for_the_taker,
    grid_workers,
    holders,
    quoted,
    rating_buttons,
    reporter_mention,
    summary,
    tell_privately,
    tell_watchers,
    tell_work_groups,
    whistled,
    with_buttons,
    working_on,
)
from storage.models import AuditEntry, Follower, Issue, Person
from storage.repositories import LedgerQuery
from storage.uow import UnitOfWork

_WORDS = re.compile(r"\s+")
_FIRST_WORD_END = re.compile(r"\s*[,，、]\s*|\s+")
# Another issue number where the words should start (「受理 1 2」): one issue at a time,
# except where a second number has its own meaning (合并 1 2, 评价 1 5).
_ANOTHER_NUMBER = re.compile(
    r"^(?:[#＃]\s*[0-9０-９]{1,9}|[0-9０-９]{1,9}(?:\s*$|\s+(?!" + NUMBER_GOES_ON + r")))"
)
_SECOND_NUMBER_MEANS = frozenset({"merge", "rate"})
AT_ONCE_AT_MOST = 20  # issues one command may name (「受理 1 2 3」)


def several_issues(args: str) -> list[str] | None:
    """「关注 1 2」「查看 #1 #2」: the issue numbers when the arguments are nothing else and
    there are several; else None."""
    words = argument_words(args)
    if len(words) > 1 and all(parse_issue_number(word) is not None for word in words):
        return _not_too_many(words)
    return None


def _not_too_many(numbers: list[str]) -> list[str]:
    """`numbers` each once (「催办 1 1」 presses #1 once), at most `AT_ONCE_AT_MOST`."""
    seen: set[int | None] = set()
    once = []
    for number in numbers:
        if (value := parse_issue_number(number)) not in seen:
            seen.add(value)
            once.append(number)
    if len(once) > AT_ONCE_AT_MOST:  # each is a message of its own: a chat is no batch job
        raise Answer(texts.TOO_MANY_AT_ONCE.format(most=AT_ONCE_AT_MOST))
    return once


# 「派单 1,2 物业」「受理 1 3 5 简单」: two or more issue numbers first, then what is said of each.
_LEADING_ISSUES = re.compile(
    r"^\s*((?:[#＃]?\s*[0-9０-９]{1,9}\s*[,，、\s]\s*)+[#＃]?\s*[0-9０-９]{1,9})(?:[,，、\s]+|$)"
)


def issues_then(args: str) -> tuple[list[str], str] | None:
    """The issue numbers a command starts with, when there are several, and the words after
    them (「派单 1,2 物业 3天」 → ["1", "2"], "物业 3天"); else None (「派单 1 2个工作日」)."""
    match = _LEADING_ISSUES.match(args)
    if match is None:
        return None
    return _not_too_many(argument_words(match[1])), args[match.end() :].strip()


def for_each_issue(ctx: Context, args: str, handler: Handler) -> Outcome | None:
    """A command said of several issues with the same words after them, done for each
    (`each_issue`); None when `args` name one issue."""
    several = issues_then(args)
    if several is None:
        return None
    numbers, rest = several
    return each_issue(ctx, [f"{number} {rest}".rstrip() for number in numbers], handler)


# -- shared steps ---------------------------------------------------------------------------------


def find_issue(ctx: Context, args: str, command: str) -> tuple[Issue, str]:
    """The issue named by the first argument, if the sender may run `command` on it, and the
    rest of the arguments as typed."""
    number, rest = issue_first(args)
    if number is None or number >= _ORDER_FROM:
        number, rest = _ordered_issue(ctx, args) or (number, rest)
    if number is None:
        raise Answer(ctx.services.command(command).usage_line())
    if command not in _SECOND_NUMBER_MEANS and _ANOTHER_NUMBER.match(rest):
        # 「办结 1 2 已疏通」: not #1 resolved as 「2 已疏通」.
        word = ctx.services.command(command).keywords[0]
        raise Answer(texts.ONE_AT_A_TIME.format(word=word, number=number))
    if ctx.community is None:
        raise Answer(texts.NEEDS_COMMUNITY)
    issue = ctx.uow.issues.by_number(ctx.community.id, number)
    if issue is None:
        raise Answer(texts.NOT_FOUND.format(number=number))
    check(ctx, command, issue)
    if len(rest) > WORDS_MAX:  # a reason, a result, a note: a line people still read
        raise Answer(texts.WORDS_TOO_LONG.format(limit=WORDS_MAX))
    return issue, rest.strip()


_ORDER_FROM = 10 ** (ORDER_DIGITS - 1)  # an "issue number" this long is a work order's
_ORDER_LABEL = re.compile(r"^(?:工单号?|编号)[:\s]*")


def _ordered_issue(ctx: Context, args: str) -> tuple[int, str] | None:
    """「查看 2026112200123」「派单 工单BJ-2026-0456 物业」: the number of the issue of the work
    order the arguments start with, and the rest; None when they start with no order's number.
    An order no issue was filed from is answered so."""
    first, rest = split_first(args)
    order = _ORDER_LABEL.sub("", normalize(first)).upper()
    if not order_shaped(order):
        return None
    if ctx.community is None:
        raise Answer(texts.NEEDS_COMMUNITY)
    issue = ctx.uow.issues.by_work_order(ctx.community.id, order)
    if issue is None:
        raise Answer(texts.ORDER_NOT_FOUND.format(order=echoed(order)))
    return issue.number, rest


def each_issue(ctx: Context, numbers: list[str], handler: Handler) -> Outcome:
    """A command said for several issues, done for each in turn: what it says about each
    (done, or refused, or not found) is a line of one message to the sender."""
    replies: list[Outgoing] = []
    for number in numbers:
        try:
            replies += handler(ctx, number).replies
        except Answer as stop:  # raised before anything changed: the others go on
            # Which issue it is about, unless the line says so: 「#2 这件事不在您负责的网格…」.
            said, token = stop.text, argument_words(number)[0]
            found = parse_issue_number(token)
            label = f"#{found}" if found is not None else token.upper()  # an issue or M3
            line = said if re.search(rf"{label}(?![0-9])", said) else f"{label} {said}"
            refused = refuse(ctx, stop.command, line) if stop.status == "refused" else None
            replies += refused.replies if refused else [reply_to(ctx, line)]
    return Outcome(joined_here(ctx, replies, lines_only=True), "command")


_SEPARATORS_BEFORE = re.compile(r"^[\s,，、]+")


def split_first(text: str) -> tuple[str, str]:
    """The first word and the rest; any space separates, full-width included, and so does a
    comma or 、 (「派单 1 @刘物业，3天」「受理 1 复杂，需协调」)."""
    body = _SEPARATORS_BEFORE.sub("", text).rstrip()  # 「,\r,0」: all of them, however mixed
    first, rest = [*_FIRST_WORD_END.split(body, maxsplit=1), ""][:2]
    return first, rest.strip()


def facts(ctx: Context, issue: Issue) -> IssueFacts:
    return issue_facts(ctx.uow, issue, asker=ctx.sender)


def issue_facts(
    uow: UnitOfWork, issue: Issue, *, followers: bool = True, asker: Person | None = None
) -> IssueFacts:
    """What permissions need to know about `issue`, and whether it complains of `asker`, the
    one who would act on it; without its followers (one query fewer) where the rule asked
    does not read them."""
    complains = asker is not None and complains_of(issue.description, asker.name)
    return IssueFacts(
        reporter_id=issue.reporter_id,
        grid_id=issue.grid_id,
        assignee_id=issue.assignee_id,
        assignee_unit=issue.assignee_unit,
        escalated_to=issue.escalated_to,
        private=issue.private,
        staff_complaint=issue.staff_complaint,
        follower_ids=frozenset(f.person_id for f in uow.issues.followers(issue.id))
        if followers
        else frozenset(),
        named_ids=frozenset({asker.id}) if asker is not None and complains else frozenset(),
    )


def check(ctx: Context, command: str, issue: Issue | None = None) -> None:
    reason = refusal(command, ctx.actor, facts(ctx, issue) if issue is not None else None)
    if reason is not None:
        raise Answer(reason, "refused", command)


def move(
    ctx: Context,
    issue: Issue,
    action: Action,
    note: str = "",
    *,
    to: IssueStatus | None = None,
    recorded_as: str = "",
) -> IssueStatus:
    """Apply `action`'s status change (or `to`, where the handler knows better) and record it
    (as `recorded_as` when it is not the action itself), after the handler has set the fields
    the change brings; returns the status it came from."""
    after = allowed(ctx, issue, action)
    before = issue.status
    issue.status = to or after
    record(ctx, issue, recorded_as or action.value, note, before=before)
    if before is IssueStatus.NEW and issue.status in TAKEN_UP:
        # Taken up without 受理 (派单 or 办结 straight away): the report counts all the same.
        points.report_accepted(ctx, issue)
    return before


TAKEN_UP = frozenset({IssueStatus.ACCEPTED, IssueStatus.ASSIGNED, IssueStatus.RESOLVED})
"""Statuses a report reaches when the community takes it up (+5 points to its reporter)."""


def allowed(ctx: Context, issue: Issue, action: Action) -> IssueStatus:
    """The status `action` leads to, or an answer saying what the sender could do instead
    (a resident is not offered 派单)."""
    try:
        return next_status(issue.number, issue.status, action)
    except IllegalMove as illegal:
        known = facts(ctx, issue)
        every = allowed_actions(issue.status)
        possible = [a for a in every if refusal(a.value, ctx.actor, known) is None]
        # Others may still act on it when this sender may not: then no 「已无后续操作」.
        line = illegal_line(
            illegal.number, illegal.status, illegal.action, possible, others=bool(every)
        )
        raise Answer(line) from None


def required(text: str, what: str, example: str) -> str:
    if not text.strip():
        raise Answer(texts.NEEDS_TEXT.format(what=what, example=example))
    return text.strip()


def deadline_in(ctx: Context, level: str, start: datetime | None = None) -> datetime:
    days = ctx.services.settings.days_for(level)
    return ctx.services.weekday_calendar.deadline_after(start or ctx.now, days)


def within_limit(issue: Issue, deadline: datetime) -> datetime:
    """`deadline`, or the time limit of the work order the issue came as when that is sooner."""
    return deadline if issue.due_by is None else min(deadline, issue.due_by)


def past_limit(ctx: Context, issue: Issue, deadline: datetime) -> list[Outgoing]:
    """To whoever set it: a deadline later than the work order's time limit (the platform
    that sent it still counts by its own)."""
    if issue.due_by is None or deadline <= issue.due_by:
        return []
    due = shown_deadline(ctx.services, issue.due_by)
    note = texts.PAST_TIME_LIMIT.format(number=issue.number, due=due, platform=_platform(issue))
    return [reply_to(ctx, note)]


def colour_of(services: Services, deadline: datetime | None) -> Colour:
    """The issue's colour; past the holiday calendar's years, Monday–Friday stands in for it
    (a list must still show on 31 December) and `calendar_note` says so."""
    now = services.clock.now()
    return colour(deadline, now, services.weekday_calendar)


def yellow_until(services: Services) -> datetime:
    """The end of the next working day: deadlines up to here are 🟡."""
    now = services.clock.now()
    return services.weekday_calendar.deadline_after(now, 1)


def ledger_issues(ctx: Context, query: LedgerQuery, limit: int) -> Sequence[Issue]:
    """The first `limit` issues of the 台账 `query` asks, in its order (the most pressing
    first), every colour."""
    return ctx.uow.issues.ledger(
        query,
        now=ctx.now,
        yellow_until=yellow_until(ctx.services),
        colour=None,
        offset=0,
        limit=limit,
    ).issues


def calendar_note(services: Services, deadlines: list[datetime | None]) -> str | None:
    """One line when some colour had to be guessed for want of a holiday calendar."""
    calendar = services.calendar
    for deadline in [services.clock.now(), *deadlines]:
        if deadline is not None and not calendar.covers(calendar.local_date(deadline)):
            return texts.CALENDAR_GUESS.format(year=calendar.local_date(deadline).year)
    return None


def shown_deadline(services: Services, deadline: datetime | None) -> str:
    """「11月26日」; one counted past the holiday calendar says its year's holidays are not in."""
    if deadline is None:
        return "未定"
    shown = format_deadline(deadline, services.settings.tz, services.clock.now())
    day = services.calendar.local_date(deadline)
    guessing = not services.settings.calendar.weekends_for_unknown_years  # else taken as settled
    if guessing and not services.calendar.covers(day):
        shown += texts.DEADLINE_GUESS.format(year=day.year)
    return shown


Held = tuple[frozenset[int], str | None]
"""Whose issues a ledger lists, as (the people holding them, the unit holding them)."""


def held_by_unit(uow: UnitOfWork, community_id: int, unit: str) -> Held:
    """What a company or department holds: what was assigned to it or to one of its contacts."""
    return frozenset(person.id for person in uow.people.of_unit(community_id, unit)), unit


def held_by_person(uow: UnitOfWork, community_id: int, person_id: int) -> Held:
    """What someone holds: what was assigned to them or, a unit's contact, to their unit (as
    their own 台账 lists it)."""
    return frozenset({person_id}), actor_of(uow, person_id, community_id).unit


def assignee_label(uow: UnitOfWork, issue: Issue) -> str:
    if issue.assignee_id is not None:
        person = mask_name(uow.people.get(issue.assignee_id).name)
        return f"{issue.assignee_unit}·{person}" if issue.assignee_unit else person
    return issue.assignee_unit or ""


def escalate_to(ctx: Context, issue: Issue, unit: str, note: str) -> list[Outgoing]:
    """吹哨: mark the issue escalated and tell the work group and the unit's contacts."""
    issue.escalated = True
    issue.escalated_to = unit
    said = unit if not note else f"{unit}：{note}"
    if issue.status is IssueStatus.NEW:
        # 吹哨 straight away takes the report up (已受理, +5 points), so the unit told to send
        # 「进展 N …」 may do so.
        move(ctx, issue, Action.ESCALATE, said)
    else:
        record(ctx, issue, Action.ESCALATE.value, said)
    line = texts.WHISTLE.format(
        number=issue.number, unit=unit, **summary(ctx.uow, ctx.services, issue)
    )
    if note:  # 「上报 1 街道城管办 占道经营需执法」: why, for the unit to read
        line += texts.WHISTLE_WHY.format(note=note)
    watchers = tell_watchers(ctx, issue, texts.ESCALATED.format(number=issue.number, unit=unit))
    contacts, declined = whistled(ctx.uow, issue)
    asked = line + texts.WHISTLE_HOW.format(number=issue.number)  # they may act on it
    replies = [
        *watchers,
        *tell_work_groups(ctx, line, already=watchers),
        *tell_privately(contacts, asked, skip=ctx.sender.id),
    ]
    if declined:
        replies.append(reply_to(ctx, _declined_line(issue, declined)))
    return replies


def _declined_line(issue: Issue, declined: list[Person]) -> str:
    who = declined_label(issue, declined)
    return texts.DECLINED_NOT_TOLD.format(number=issue.number, who=who)


# -- the commands ---------------------------------------------------------------------------


def accept(ctx: Context, args: str) -> Outcome:
    """受理 N [简单/复杂/疑难] — triage; the level sets the deadline, 疑难 also escalates
    (受理 1 2 简单: each)."""
    if (each := for_each_issue(ctx, args, accept)) is not None:
        return each
    if normalize(args).strip() in ALL_WAITING_WORDS:  # 「受理 全部」
        return _accept_waiting(ctx)
    issue, rest = find_issue(ctx, args, "accept")
    typed, note = split_first(rest) if rest else ("", "")
    level = normalize(typed) if typed else issue.level
    if level not in TRIAGE_LEVELS:
        raise Answer(texts.BAD_LEVEL.format(number=issue.number))
    allowed(ctx, issue, Action.ACCEPT)
    if issue.status is IssueStatus.ACCEPTED and level == issue.level and not note.strip():
        # Said again (a second worker, a double send): nothing changes, nobody is told twice.
        deadline = shown_deadline(ctx.services, issue.deadline)
        line = texts.ACCEPTED.format(number=issue.number, level=level, deadline=deadline)
        return _one_line(ctx, line.removesuffix("。") + texts.ALREADY_SO, issue)
    line, escalated = _taken_up(ctx, issue, level, note)
    return Outcome([*tell_watchers(ctx, issue, line), *escalated], "command", issue.id)


ALL_WAITING_WORDS = frozenset({"全部", "所有", "都", "待受理", "全部待受理", "所有待受理"})
ACCEPT_AT_MOST = 20  # 「受理 全部」: the oldest first, this many at once


def _accept_waiting(ctx: Context) -> Outcome:
    """受理 全部 — each issue 待受理 in the sender's grids, oldest first, accepted as `受理 N`
    accepts it (at its own level); one line here for them all, each group told of its own."""
    check(ctx, "accept")
    assert ctx.community is not None
    query = LedgerQuery(ctx.community.id, frozenset({IssueStatus.NEW}))
    new = ledger_issues(ctx, query, ACCEPT_AT_MOST * 2)
    waiting = sorted(
        (i for i in new if in_grid(ctx.actor, issue_facts(ctx.uow, i, followers=False))),
        key=lambda issue: issue.number,
    )[:ACCEPT_AT_MOST]
    accepted: list[str] = []
    told: list[Outgoing] = []
    for issue in waiting:
        try:
            done = accept(ctx, str(issue.number))
        except Answer:  # not theirs to accept after all
            continue
        deadline = shown_deadline(ctx.services, issue.deadline)
        accepted.append(f"#{issue.number}（{issue.level}，{deadline}）")
        told += [
            m for m in done.replies if not (isinstance(m, Reply) and m.chat == ctx.message.chat)
        ]
    if not accepted:
        return answer(ctx, texts.ACCEPT_WAITING_NONE, "invalid")
    said = texts.ACCEPT_WAITING_DONE.format(count=len(accepted), issues="、".join(accepted))
    return Outcome([reply_to(ctx, said), *told], "command")


def _taken_up(ctx: Context, issue: Issue, level: str, note: str) -> tuple[str, list[Outgoing]]:
    """`issue` accepted at `level`, its deadline by it: the line its watchers are told, and
    the escalation a 疑难 one gets (吹哨)."""
    issue.level = level
    issue.deadline = within_limit(issue, deadline_in(ctx, level, issue.created_at))
    move(ctx, issue, Action.ACCEPT, f"{level} {note.strip()}".strip())  # 「受理 1 复杂 需协调」
    deadline = shown_deadline(ctx.services, issue.deadline)
    line = texts.ACCEPTED.format(number=issue.number, level=level, deadline=deadline)
    escalated: list[Outgoing] = []
    if level == "疑难" and not issue.escalated:
        unit = ctx.community_settings().escalation_unit()
        if unit is not None:
            escalated = escalate_to(ctx, issue, unit.name, "疑难诉求")
    return line, escalated


def _deadline_said(ctx: Context, when: str) -> datetime | None:
    """The deadline a 派单 says; None for none said, or 「尽快处理」 (the level's then)."""
    if not when.strip() or soon_said(when):
        return None
    try:
        return ctx.services.deadline(when, ctx.now)
    except DeadlineError as bad:
        raise Answer(str(bad)) from None


def assign(ctx: Context, args: str) -> Outcome:
    """派单 N @人或单位 [期限] — hand the issue to a person or a unit, with a deadline
    (派单 1,2 物业: each)."""
    if (each := for_each_issue(ctx, args, assign)) is not None:
        return each
    issue, rest = find_issue(ctx, args, "assign")
    target, when = split_first(rest)
    if not target:  # 「派单 1」: to whom, and the units there are
        units = ctx.community_settings().unit_names()
        raise Answer(texts.ASSIGN_WHOM.format(number=issue.number, units=units))
    target, joined = mention_first(ctx, target)  # 「@刘物业3天」: the deadline run into it
    if not joined:
        target, joined = _then_deadline(ctx, target)  # 「刘物业明天」「物业3天」
    when = f"{joined} {when}".strip()
    person, unit = target_of(ctx, target)
    same_holder = (
        issue.status is IssueStatus.ASSIGNED
        and issue.assignee_id == (person.id if person else None)
        and issue.assignee_unit == unit
    )
    typed = _deadline_said(ctx, when)
    if same_holder and issue.deadline is not None and typed in (None, issue.deadline):
        # Said again (a double send): already theirs, nobody is told twice.
        shown = shown_deadline(ctx.services, issue.deadline)
        line = texts.ASSIGNED.format(
            number=issue.number, who=assignee_label(ctx.uow, issue), deadline=shown
        )
        return _one_line(ctx, line.removesuffix("。") + texts.ALREADY_SO, issue)
    deadline = typed or deadline_in(ctx, issue.level)
    if typed is None and issue.status is IssueStatus.ASSIGNED and issue.deadline is not None:
        # Handed on without a deadline: the one promised stands, unless the new holder's
        # ordinary time runs later (「派单 1 物业 周五」, then 「派单 1 住建局」: still Friday).
        deadline = max(deadline, issue.deadline)
    deadline = deadline if typed else within_limit(issue, deadline)  # a work order's time limit
    before = holders(ctx.uow, issue) if issue.status is IssueStatus.ASSIGNED else []
    issue.assignee_id = person.id if person else None
    issue.assignee_unit = unit
    issue.deadline = deadline
    shown = shown_deadline(ctx.services, deadline)
    who = assignee_label(ctx.uow, issue)
    move(ctx, issue, Action.ASSIGN, f"{who}，期限 {shown}")
    replies = tell_watchers(
        ctx, issue, texts.ASSIGNED.format(number=issue.number, who=who, deadline=shown)
    )
    contacts = holders(ctx.uow, issue)
    if same_holder:  # already theirs: what changed is the deadline, not a new job
        direct = texts.DEADLINE_MOVED.format(number=issue.number, deadline=shown)
    else:
        direct = texts.ASSIGNED_DIRECT.format(
            number=issue.number, deadline=shown, **summary(ctx.uow, ctx.services, issue)
        )
    private = with_buttons(
        tell_privately(contacts, direct, skip=ctx.sender.id), assignee_buttons(issue.number)
    )
    if not contacts:  # nobody the bot can tell: the one assigning should know
        private.append(reply_to(ctx, texts.ASSIGNED_NOBODY.format(unit=who)))
    calendar = ctx.services.weekday_calendar
    day = calendar.local_date(deadline)
    if when.strip() and not calendar.is_workday(day):  # 「周日」 typed: perhaps meant, perhaps not
        private.append(
            reply_to(ctx, texts.DEADLINE_DAY_OFF.format(day=month_day(day), word="派单"))
        )
    if not same_holder:  # whoever held it before hears it is no longer theirs
        keeping = {p.id for p in contacts}
        away = texts.ASSIGNED_AWAY.format(number=issue.number, who=who)
        private += tell_privately(
            [p for p in before if p.id not in keeping], away, skip=ctx.sender.id
        )
    return Outcome(replies + private + past_limit(ctx, issue, deadline), "command", issue.id)


def handover(ctx: Context, args: str) -> Outcome:
    """交接 @张网格 @赵网格 — every open issue one person holds goes to another person or a
    unit, deadlines kept (leave, a change of post); each of the two is told once, with the
    numbers, and the reporters are not told (who works on it inside is the community's
    business; `查看` shows it). 「交接 我 赵网格」 from someone who may not (a grid worker's
    「我明天休假，…麻烦赵网格帮忙盯一下」) is passed to the work group, with the command."""
    words = argument_words(args)
    if len(words) == 2 and words[0] == _ME and refusal("handover", ctx.actor) is not None:
        if ctx.role is Role.WORKER:
            return _handover_asked(ctx, words[1])
        if ctx.chat.kind == "private":  # a resident's 「我明天出差，麻烦…」: as they said it
            # Imported here: handlers.intake needs this module.
            from handlers.intake import private_message

            return private_message(ctx, ctx.message.text)
    check(ctx, "handover")
    if len(words) != 2:  # who gives, who takes
        raise Answer(ctx.services.command("handover").usage_line())
    giver = _giver(ctx, words[0])
    if giver is None:
        raise Answer(texts.HANDOVER_PERSON.format(name=normalize(words[0]).lstrip("@")))
    person, unit = target_of(ctx, words[1])
    if person is not None and person.id == giver.id:
        raise Answer(texts.HANDOVER_SAME)
    assert ctx.community is not None
    held = ctx.uow.issues.held_by(ctx.community.id, giver.id, OPEN)
    giving = mask_name(giver.name)
    if not held:
        return answer(ctx, texts.HANDOVER_NOTHING.format(giver=giving), "invalid")
    for issue in held:
        issue.assignee_id = person.id if person else None
        issue.assignee_unit = unit
        taking = assignee_label(ctx.uow, issue)
        move(ctx, issue, Action.ASSIGN, texts.HANDOVER_NOTE.format(taker=taking, giver=giving))
    numbers = numbers_of(held)
    said = {"giver": giving, "taker": taking, "count": len(held), "numbers": numbers}
    takers = holders(ctx.uow, held[0])
    replies = [
        reply_to(ctx, texts.HANDOVER_DONE.format(**said)),
        *tell_privately(takers, texts.HANDOVER_TO.format(**said), skip=ctx.sender.id),
        *tell_privately([giver], texts.HANDOVER_FROM.format(**said), skip=ctx.sender.id),
    ]
    return Outcome(replies, "command")


_ME = "我"  # 「交接 我 赵网格」, as routing reads a worker's own leave


def _handover_asked(ctx: Context, taker: str) -> Outcome:
    """A worker's own leave with whom to cover: the work group told their words and the 交接
    that does it (the secretary's), the worker told so. Nothing changes hands on their word."""
    me = printable(ctx.sender.name)
    line = texts.HANDOVER_WANTED.format(
        name=me, said=shorten(ctx.message.text.strip(), 60), taker=taker.lstrip("@")
    )
    if ctx.chat.kind == "work":  # said where the secretary reads: the command, there
        hint = texts.HANDOVER_HINT.format(name=me, taker=taker.lstrip("@"))
        return answer(ctx, hint, "invalid")
    told = tell_work_groups(ctx, line)
    if not told:
        raise Answer(texts.HANDOVER_ASK_SECRETARY.format(name=me, taker=taker.lstrip("@")))
    sent = texts.HANDOVER_PASSED.format(name=me, taker=taker.lstrip("@"))
    return Outcome([reply_to(ctx, sent), *told], "invalid")


def _giver(ctx: Context, token: str) -> Person | None:
    """Whose issues 交接 gives: as `target_of` reads a person, or someone who no longer holds
    a role here (离职, 调走) known by their work in the community."""
    assert ctx.community is not None
    try:
        return target_of(ctx, token)[0]
    except Answer:
        name = normalize(token).lstrip("@")
        former = ctx.uow.people.heard_named(ctx.community.id, name)
        if len(former) != 1:
            raise
        return former[0]


def target_of(ctx: Context, token: str) -> tuple[Person | None, str | None]:
    """`@刘物业` or `刘物业` → that person (and their unit); `物业` → the unit."""
    assert ctx.community is not None
    name = normalize(token).lstrip("@")
    if name in SELF:  # 「派单 1 我」: the sender takes it on
        return ctx.sender, _unit_of(ctx, ctx.sender)
    community = ctx.community_settings()
    unit = community.find_unit(name)
    if unit is not None:  # 「@物业」 names the unit, not a person called 物业; 「街道」 街道城管办
        return None, unit.name
    mentioned = mentioned_person(ctx, name)
    if mentioned is not None:
        return mentioned, _unit_of(ctx, mentioned)
    people = ctx.uow.people.called(ctx.community.id, name)
    if len(people) > 1:
        raise Answer(texts.AMBIGUOUS_PERSON.format(name=name))
    if people:
        return people[0], _unit_of(ctx, people[0])
    raise Answer(texts.NO_SUCH_TARGET.format(name=name, units=community.unit_names()))


SELF = frozenset({"我", "自己", "我自己", "本人"})  # whom 「派单 1 我」 names: the sender
# A name with a deadline run into it is short (「街道城管办下周五下午」); a longer word is not
# cut at each of its characters (a 20,000-character word took half a minute).
_NAME_AND_DEADLINE_AT_MOST = 40
WORDS_MAX = 500  # characters after an issue's number: a reason, a result, a progress note


def _then_deadline(ctx: Context, word: str) -> tuple[str, str]:
    """A unit or a person's name with the deadline run into it (「物业3天」「刘物业明天」) as
    the two; the word whole when it is a name itself, or no name starts it and ends in a
    deadline. Tried only for a word that names nobody whole."""
    assert ctx.community is not None
    name = normalize(word).lstrip("@")
    community = ctx.community_settings()
    if community.find_unit(name) is not None or len(name) > _NAME_AND_DEADLINE_AT_MOST:
        return word, ""
    for me in sorted(SELF, key=len, reverse=True):  # 「我明天」
        if name.startswith(me) and name != me and is_deadline(ctx, name[len(me) :]):
            return me, name[len(me) :]
    for cut in range(len(name) - 1, 1, -1):
        head, rest = name[:cut], name[cut:]
        if not is_deadline(ctx, rest):
            continue
        if community.unit(head) is not None or ctx.uow.people.called(ctx.community.id, head):
            return head, rest
    return word, ""


def is_deadline(ctx: Context, words: str) -> bool:
    """Whether `words` read as a deadline (「明天」「3天」「下周五」, not 「下周吗」)."""
    try:
        ctx.services.deadline(words, ctx.now)
    except DeadlineError:
        return False
    return True


def _unit_of(ctx: Context, person: Person) -> str | None:
    assert ctx.community is not None
    grants = ctx.uow.people.grants_of(person.id, ctx.community.id)
    return next((g.work_unit for g in grants if g.work_unit), None)


def progress(ctx: Context, args: str) -> Outcome:
    """进展 N 说明 — a progress note; the reporter hears it (进展 1 2 说明: each)."""
    if (each := for_each_issue(ctx, args, progress)) is not None:
        return each
    issue, rest = find_issue(ctx, args, "progress")
    note = required(rest, "进展", f"进展 {issue.number} 已联系施工队，明天上午疏通")
    line = texts.PROGRESS.format(number=issue.number, note=note)
    escalated: list[Outgoing] = []
    if issue.status is IssueStatus.NEW and refusal("accept", ctx.actor, facts(ctx, issue)) is None:
        # 「进展 1 明天上门调解」 before 受理, from whoever may take it up: taken up at its
        # level, said in the same line (「#1 已受理（简单），期限 …。进展：…」)
        allowed(ctx, issue, Action.ACCEPT)
        taken, escalated = _taken_up(ctx, issue, issue.level, "")
        line = taken + texts.PROGRESS_AFTER.format(note=note)
    move(ctx, issue, Action.PROGRESS, note)
    keep_photos(ctx, issue)  # the work done
    return Outcome([*tell_watchers(ctx, issue, line), *escalated], WORK_SHOWN, issue.id)


def tell(ctx: Context, args: str) -> Outcome:
    """转告 N 说明 — the reporter hears it, as a 进展 where one may be told; 转告 N — the
    reporter hears where the issue stands now (its status, who holds it, its deadline, the latest
    进展)."""
    issue, rest = find_issue(ctx, args, "tell")
    if rest and issue.status in MOVES[Action.PROGRESS]:
        return progress(ctx, args)
    # Before it is taken up, or after it is done, the words go as they are: no 进展 then.
    line = (
        texts.TOLD_WORDS.format(number=issue.number, words=rest) if rest else _standing(ctx, issue)
    )
    record(ctx, issue, "told", line)
    line = mask_text(line)  # phone numbers typed into the words: it may go to a group (§9)
    reporter_chat = ctx.uow.chats.by_id(issue.chat_id)
    said = reply_to(ctx, texts.TOLD_REPORTER.format(number=issue.number, line=line))
    if reporter_chat is None or reporter_chat.id == ctx.chat.id:
        return Outcome([said], "command", issue.id)
    told = Reply(chat_ref(reporter_chat), line, mentions=reporter_mention(ctx.uow, issue))
    return Outcome([said, told], "command", issue.id)


def _standing(ctx: Context, issue: Issue) -> str:
    """「#2【道路井盖】目前办理中，由物业办理，期限11月26日。最新进展：已联系施工队。」"""
    status = issue.status.label
    if issue.status is IssueStatus.RESOLVED:
        status += texts.TOLD_RESOLVED.format(
            result=clause(issue.resolution or ""), number=issue.number
        )
    holder = deadline = latest = ""
    if issue.status in OPEN:  # who holds it, by when, and the latest 进展: while it is worked on
        held_by = assignee_label(ctx.uow, issue)
        holder = texts.TOLD_HOLDER.format(holder=held_by) if held_by else ""
        deadline = texts.TOLD_DEADLINE.format(deadline=shown_deadline(ctx.services, issue.deadline))
        last = ctx.uow.audit.last_of(issue.id, (Action.PROGRESS.value,))
        latest = texts.TOLD_LATEST.format(note=clause(last.note)) if last is not None else ""
    category = ctx.services.category(issue.category).name
    return texts.TOLD_STATUS.format(
        number=issue.number,
        category=category,
        status=status,
        holder=holder,
        deadline=deadline,
        latest=latest,
    )


def resolve(ctx: Context, args: str) -> Outcome:
    """办结 N 结果 — mark resolved and ask the reporter to rate it (办结 1 2 结果: each)."""
    if (each := for_each_issue(ctx, args, resolve)) is not None:
        return each
    issue, rest = find_issue(ctx, args, "resolve")
    if issue.status is IssueStatus.RESOLVED:  # said twice, or by two people: it is done
        said = clause(issue.resolution or "")
        return _one_line(
            ctx, texts.RESOLVED_ALREADY.format(number=issue.number, result=said), issue
        )
    result = required(rest, "办理结果", f"办结 {issue.number} 已疏通下水道")
    replies = _resolved(ctx, issue, result)
    return Outcome(
        replies + order_step(ctx, issue, texts.ORDER_ANSWER) + agenda_done(ctx, issue),
        WORK_SHOWN,
        issue.id,
    )


def _resolved(ctx: Context, issue: Issue, result: str, recorded_as: str = "") -> list[Outgoing]:
    """`issue` done with `result`: its watchers told, and asked to rate it (a 12345 caller: staff
    to call them back)."""
    issue.resolution = result
    issue.resolved_at = ctx.now
    move(ctx, issue, Action.RESOLVE, result, recorded_as=recorded_as)
    keep_photos(ctx, issue)  # the work done
    if (caller := caller_of(issue)) is not None:  # a 12345 caller: staff call them back
        number, said = issue.number, clause(result)
        line = texts.RESOLVED_CALL_BACK.format(number=number, result=said, caller=caller)
        told = texts.RESOLVED_CALL_BACK.format(
            number=number, result=said, caller=caller_said(ctx.uow, issue, caller)
        )
        replies = for_the_taker(ctx.uow, issue, tell_watchers(ctx, issue, line), line, told)
    else:
        line = texts.RESOLVED.format(number=issue.number, result=clause(result))
        reporter_chat = ctx.uow.chats.by_id(issue.chat_id)
        replies = with_buttons(
            tell_watchers(ctx, issue, line), rating_buttons(issue.number), chat=reporter_chat
        )
    return replies


def agenda_done(ctx: Context, action: Issue) -> list[Outgoing]:
    """`action`, an action item of a meeting's outcome, done: when it was the last still open,
    the issues on that meeting's agenda still open are done with it (「M1 停车难议事会议定事项
    已落实（…）」), their reporters asked to rate them. Action items all called off close
    nothing."""
    if action.meeting_id is None:
        return []
    items = ctx.uow.meetings.actions(action.meeting_id, settling=True)
    if any(item.status in OPEN for item in items) or not any(i.status in DONE for i in items):
        return []
    meeting = ctx.uow.meetings.get(action.meeting_id)
    label = f"M{meeting.number} {meeting.title}"
    result = texts.AGENDA_DONE_RESULT.format(label=label, outcome=clause(meeting.outcome))
    done: list[Outgoing] = []
    for issue in ctx.uow.meetings.agenda(meeting.id, afresh=True):
        if issue.status in OPEN:  # not the sender's 办结: theirs was the action item's
            done += _resolved(ctx, issue, result, recorded_as=AGENDA_DONE)
    return done


def order_step(ctx: Context, issue: Issue, step: str) -> list[Outgoing]:
    """A work order done, or not the community's, is answered on the platform that sent it
    (the 12345 hotline's, the street's), which the bot cannot reach: the work groups, and
    staff who did it, are told to `step` there (回复办理结果, 申请退单)."""
    if not issue.work_order:
        return []
    note = texts.ORDER_STEP.format(
        number=issue.number, order=issue.work_order, platform=_platform(issue), step=step
    )
    told = tell_work_groups(ctx, note)
    return [reply_to(ctx, note), *told] if ctx.actor.role in STAFF else told


def _platform(issue: Issue) -> str:
    """Where the work order an issue came as is answered."""
    return texts.HOTLINE_PLATFORM if issue.source == Source.HOTLINE else texts.ORDER_PLATFORM


def decline(ctx: Context, args: str) -> Outcome:
    """不归我管 N 原因 — a handler hands it back to the secretary; the clock keeps running."""
    issue, rest = find_issue(ctx, args, "decline")
    reason = required(rest, "原因", f"不归我管 {issue.number} 属于市政管网，不是小区内管道")
    move(ctx, issue, Action.DECLINE, reason)
    who = assignee_label(ctx.uow, issue)
    issue.assignee_id = None
    issue.assignee_unit = None
    line = texts.DECLINED.format(number=issue.number, who=who, reason=reason)
    replies = tell_watchers(ctx, issue, line)
    return Outcome(replies + tell_work_groups(ctx, line, already=replies), "command", issue.id)


def reject(ctx: Context, args: str) -> Outcome:
    """退回 N 原因 — not a community matter; the reporter is told why."""
    issue, rest = find_issue(ctx, args, "reject")
    reason = required(rest, "原因", f"退回 {issue.number} 属于市政道路，请拨打12345")
    move(ctx, issue, Action.REJECT, reason)
    points.report_rejected(ctx, issue)
    line = texts.REJECTED.format(number=issue.number, reason=reason)
    replies = tell_watchers(ctx, issue, line) + order_step(ctx, issue, texts.ORDER_RETURN)
    return Outcome(replies, "command", issue.id)


def escalate(ctx: Context, args: str) -> Outcome:
    """上报 N [单位] [说明] — 吹哨: the work group and the unit's contacts are told. Without a
    unit (「上报 1 需要街道协调」), the community's escalation unit."""
    issue, rest = find_issue(ctx, args, "escalate")
    allowed(ctx, issue, Action.ESCALATE)
    community = ctx.community_settings()
    name = split_first(normalize(rest))[0] if rest else ""
    # 「上报 1 街道」 for 街道城管办; 「上报 1 @周主任」 for his unit.
    found = community.find_unit(name.lstrip("@")) if name else None
    if found is None and name.startswith("@"):
        person, of_unit = target_of(ctx, name)
        found = community.unit(of_unit or "") if person else None
    # An @someone of no unit, or a part of a unit's name that fits none or several, is not
    # guessed; any other word begins the note.
    unit_like = (
        name.startswith("@")
        or any(name in u.name for u in community.units)
        or _UNIT_SHAPED.fullmatch(name) is not None  # 「供电局」: a unit, one not configured
    )
    configured = community.escalation_unit()
    if found is None and name and (unit_like or configured is None):
        raise Answer(texts.UNKNOWN_UNIT.format(name=name, units=community.unit_names()))
    if found is not None:
        unit, note = found.name, split_first(rest)[1]
    elif configured is None:
        raise Answer(texts.NO_ESCALATION_UNIT.format(number=issue.number))
    else:
        unit, note = configured.name, rest.strip()
    if issue.escalated and not note and issue.escalated_to == unit:
        # Said again (a second worker, a double send): the whistle has been blown.
        line = texts.ESCALATED.format(number=issue.number, unit=unit)
        return _one_line(ctx, line.removesuffix("。") + texts.ALREADY_SO, issue)
    replies = escalate_to(ctx, issue, unit, note)
    assert ctx.community is not None
    if not ctx.uow.people.of_unit(ctx.community.id, unit):  # nobody the bot could tell
        replies.append(reply_to(ctx, texts.ASSIGNED_NOBODY.format(unit=unit)))
    return Outcome(replies, "command", issue.id)


# A department's or a company's name by its ending (供电局, 城管办, 派出所, 自来水公司 …).
_UNIT_SHAPED = re.compile(r"[\u4e00-\u9fff]{1,10}(?:局|办|所|公司|中心|站|委|大队|中队)")
_MERGE_INTO = re.compile(r"^\s*(?:到|进|入|并入|合并到|至|->|→)\s*")


def merge(ctx: Context, args: str) -> Outcome:
    """合并 N M — N is the same problem as M: N's reporter and followers follow M."""
    issue, rest = find_issue(ctx, args, "merge")
    target = arabic_lead(_MERGE_INTO.sub("", rest, count=1))  # 「合并 2 到 1号」
    into, _ = find_issue(ctx, target, "merge")
    if into.id == issue.id:
        raise Answer(texts.MERGE_SELF.format(number=issue.number))
    if into.status not in OPEN:
        raise Answer(texts.MERGE_TARGET_CLOSED.format(into=into.number, status=into.status.label))
    # Tell N's watchers before they move over, so each hears once where they are.
    line = texts.MERGED.format(number=issue.number, into=into.number)
    replies = tell_watchers(ctx, issue, line)
    move(ctx, issue, Action.MERGE, f"#{into.number}")
    issue.merged_into_id = into.id
    into.report_count += issue.report_count
    watchers = [(issue.reporter_id, issue.chat_id)] + [
        (f.person_id, f.chat_id) for f in ctx.uow.issues.followers(issue.id)
    ]
    for person_id, chat_id in watchers:
        if person_id != into.reporter_id and ctx.uow.issues.follower(into.id, person_id) is None:
            ctx.uow.issues.add_follower(
                Follower(issue_id=into.id, person_id=person_id, chat_id=chat_id, since=ctx.now)
            )
    record(ctx, into, "merged_in", f"#{issue.number}")
    return Outcome(replies, "command", issue.id)


def reopen(ctx: Context, args: str) -> Outcome:
    """重开 N 原因 — back to whoever had it, with a new deadline; the work group hears."""
    issue, rest = find_issue(ctx, args, "reopen")
    if issue.status is IssueStatus.REJECTED and ctx.actor.role not in STAFF:
        # 退回 was the community's decision: a reporter who disagrees asks, not undoes it;
        # their reason goes to the work group, who may reopen it.
        if not rest.strip():
            raise Answer(texts.REOPEN_REJECTED.format(number=issue.number), "refused", "reopen")
        return _object_to_rejection(ctx, issue, rest.strip())
    reason = required(rest, "原因", f"重开 {issue.number} 下水道又堵了")
    _reopen(ctx, issue, reason)
    line = texts.REOPENED.format(
        number=issue.number,
        reason=clause(reason),
        deadline=shown_deadline(ctx.services, issue.deadline),
    )
    replies = tell_watchers(ctx, issue, line)
    replies += tell_work_groups(ctx, line, already=replies)
    return Outcome(replies + _tell_holders(ctx, issue, line), "command", issue.id)


REJECTION_OBJECTED = "reject_objection"
"""The audit action of a reporter's objection to 退回; its note is their reason."""


def _object_to_rejection(ctx: Context, issue: Issue, reason: str) -> Outcome:
    """The reporter's 「重开 N 原因」 on a rejected issue: recorded and passed to the work group
    (「街道说让找社区」: sent back and forth), the issue staying 已退回 until staff reopen it."""
    record(ctx, issue, REJECTION_OBJECTED, reason)
    who = reporter_label(ctx.sender.name, private=issue.private, named=False)
    quoted = clause(reason)
    alert = texts.REJECTION_OBJECTED.format(number=issue.number, who=who, reason=quoted)
    said = reply_to(ctx, texts.REJECTION_OBJECTION_SENT.format(number=issue.number, reason=quoted))
    return Outcome([said, *tell_work_groups(ctx, alert, already=[said])], "command", issue.id)


WITHDRAW = "withdraw"
"""The audit action of a reporter's 撤回; its note is their reason."""


def withdrawal_asked(uow: UnitOfWork, issue: Issue) -> AuditEntry | None:
    """The reporter's 撤回 of `issue`, when it was not reopened since (the staff have yet to
    close it)."""
    entry = uow.audit.last_of(issue.id, (WITHDRAW, Action.REOPEN.value))
    return entry if entry is not None and entry.action == WITHDRAW else None


def withdraw(ctx: Context, args: str) -> Outcome:
    """撤回 N [原因] — the reporter says it needs no more doing (「已经自己修好了」). Whoever
    works on it and the work group are told; they close it (办结 or 退回) once they have
    checked, so the ledger and its statistics stay theirs. 「撤回」 alone: the sender's one open
    report here; with several they are asked which."""
    if not args.strip() and ctx.community is not None:
        mine = own_open_here(ctx)
        if len(mine) > 1:
            line = texts.WITHDRAW_WHICH.format(numbers=numbers_of(mine), number=mine[0].number)
            raise Answer(line)
        args = str(mine[0].number) if mine else args
    issue, rest = find_issue(ctx, args, "withdraw")
    if issue.status not in OPEN:
        line = texts.WITHDRAW_NOT_OPEN.format(number=issue.number, status=issue.status.label)
        raise Answer(line)
    reason = rest.strip() or texts.WITHDRAW_DEFAULT
    last = withdrawal_asked(ctx.uow, issue)
    # Said again since (reopened, it is news), the same or with nothing more to say: nobody
    # is asked twice; what was said the first time stands.
    if last is not None and (last.note == reason or not rest.strip()):
        line = texts.WITHDRAW_ASKED.format(number=issue.number, reason=clause(last.note or reason))
        return _one_line(ctx, line.removesuffix("。") + texts.ALREADY_SO, issue)
    record(ctx, issue, WITHDRAW, reason)
    said_why = texts.WITHDRAW_WHY.format(reason=clause(reason)) if rest.strip() else ""
    alert = texts.WITHDRAW_ALERT.format(number=issue.number, why=said_why)
    said = reply_to(ctx, texts.WITHDRAW_ASKED.format(number=issue.number, reason=clause(reason)))
    told = tell_work_groups(ctx, alert, already=[said])
    told += tell_privately(working_on(ctx.uow, issue), alert, skip=ctx.sender.id)
    return Outcome([said, *told], "command", issue.id)


def own_open_here(ctx: Context) -> list[Issue]:
    """The sender's open reports in this community that are theirs to speak of here
    (`in_this_chat`: privately any, in a group those reported there)."""
    assert ctx.community is not None
    mine = ctx.uow.issues.reported_by(ctx.sender.id, ctx.community.id, OPEN)
    return [issue for issue in mine if in_this_chat(ctx, issue)]


def _tell_holders(ctx: Context, issue: Issue, line: str) -> list[Outgoing]:
    """The one who holds a reopened issue hears it privately, as when it was assigned, and so
    do the contacts of the unit it was escalated to (they work on it too, also when nobody
    holds it)."""
    if issue.status is not IssueStatus.ASSIGNED and not issue.escalated_to:
        return []
    return tell_privately(working_on(ctx.uow, issue), line, skip=ctx.sender.id)


def _reopen(ctx: Context, issue: Issue, reason: str) -> None:
    after = allowed(ctx, issue, Action.REOPEN)
    if after is IssueStatus.ASSIGNED and not (issue.assignee_id or issue.assignee_unit):
        after = IssueStatus.ACCEPTED  # nobody held it: back to the secretary
    fresh = deadline_in(ctx, issue.level)
    live = issue.due_by is not None and issue.due_by > ctx.now  # a limit the order came back with
    issue.deadline = within_limit(issue, fresh) if live else fresh
    issue.rating = None
    issue.lookback_asked_at = None  # a 回头看 question still waiting was answered by this
    move(ctx, issue, Action.REOPEN, reason, to=after)


def follow(ctx: Context, args: str) -> Outcome:
    """关注 N — hear about every change to an issue, in this chat (关注 1 2: to each)."""
    if (numbers := several_issues(args)) is not None:
        return each_issue(ctx, numbers, follow)
    issue, _ = find_issue(ctx, args, "follow")
    if issue.reporter_id == ctx.sender.id:
        return _one_line(ctx, texts.OWN_ISSUE.format(number=issue.number), issue)
    if ctx.uow.issues.follower(issue.id, ctx.sender.id) is not None:
        return _one_line(ctx, texts.ALREADY_FOLLOWING.format(number=issue.number), issue)
    ctx.uow.issues.add_follower(
        Follower(issue_id=issue.id, person_id=ctx.sender.id, chat_id=ctx.chat.id, since=ctx.now)
    )
    record(ctx, issue, "follow")
    return _one_line(ctx, texts.FOLLOWING.format(number=issue.number), issue)


def unfollow(ctx: Context, args: str) -> Outcome:
    """取消关注 N — stop hearing about an issue one follows."""
    if (numbers := several_issues(args)) is not None:
        return each_issue(ctx, numbers, unfollow)
    issue, _ = find_issue(ctx, args, "unfollow")
    if issue.reporter_id == ctx.sender.id:  # the reporter is told of every change (§3)
        return _one_line(ctx, texts.OWN_ISSUE.format(number=issue.number), issue)
    follower = ctx.uow.issues.follower(issue.id, ctx.sender.id)
    if follower is None:
        return _one_line(ctx, texts.NOT_FOLLOWING.format(number=issue.number), issue)
    ctx.uow.issues.remove_follower(follower)
    record(ctx, issue, "unfollow")
    return _one_line(ctx, texts.UNFOLLOWED.format(number=issue.number), issue)


URGE_AGAIN_AFTER = timedelta(hours=1)
"""How long after one 催办 the holder may be urged again."""


def urge(ctx: Context, args: str) -> Outcome:
    """催办 N — the one holding an open issue is reminded of it now, privately (催办 1 2:
    each)."""
    if (each := for_each_issue(ctx, args, urge)) is not None:
        return each
    if ctx.actor.role in (Role.RESIDENT, Role.HEAD):
        # 「催一下物业」: whom to press is no reason for it
        return pressed(ctx, "" if _holder_named(ctx, args) else args)
    if normalize(args).strip() in OVERDUE_WORDS:  # 「催办 超期」
        return _urge_overdue(ctx)
    if (whose := _holder_named(ctx, args)) is not None:  # 「催办 物业」「催一下刘物业」
        return _urge_held(ctx, *whose)
    issue, _ = find_issue(ctx, args, "urge")
    if issue.status not in OPEN:
        raise Answer(texts.URGE_NOT_OPEN.format(number=issue.number, status=issue.status.label))
    if issue.suspended_at is not None:  # its clock stopped: nothing to chase
        why = suspended_why(ctx.services, issue)
        raise Answer(texts.URGE_SUSPENDED.format(number=issue.number, why=why))
    if issue.status is not IssueStatus.ASSIGNED and not issue.escalated_to:
        # Nobody holds it; an issue escalated without a holder is the unit's to chase.
        raise Answer(texts.URGE_UNASSIGNED.format(number=issue.number))
    people = working_on(ctx.uow, issue)
    who = _urged_whom(ctx, issue)
    if not people:
        declined = whistled(ctx.uow, issue)[1]
        if declined:  # they said 不归我管: 派单 to them brings them back
            raise Answer(_declined_line(issue, declined))
        raise Answer(texts.ASSIGNED_NOBODY.format(unit=who))
    if all(person.id == ctx.sender.id for person in people):
        raise Answer(texts.URGE_YOURSELF.format(number=issue.number))
    last = ctx.uow.audit.last_of(issue.id, ("urge",))
    if last is not None and ctx.now - last.at < URGE_AGAIN_AFTER:
        # Urged a moment ago (by anyone): a second message an hour apart is a nag, not news.
        ago = max(1, int((ctx.now - last.at).total_seconds() // 60))
        raise Answer(texts.URGED_ALREADY.format(number=issue.number, minutes=ago, who=who))
    record(ctx, issue, "urge", who)
    deadline = shown_deadline(ctx.services, issue.deadline)
    mark = colour_of(ctx.services, issue.deadline).emoji
    line = texts.URGED.format(
        mark=mark, number=issue.number, deadline=deadline, **summary(ctx.uow, ctx.services, issue)
    )
    told = tell_privately(people, line, skip=ctx.sender.id)
    said = reply_to(ctx, texts.URGE_SENT.format(number=issue.number, who=who))
    return Outcome([said, *with_buttons(told, assignee_buttons(issue.number))], "command", issue.id)


OVERDUE_WORDS = frozenset({"超期", "超期的", "红", "🔴", "全部超期", "所有超期"})
URGE_AT_MOST = 20  # 「催办 超期」: the longest overdue first, this many at once


def _urge_overdue(ctx: Context) -> Outcome:
    """催办 超期 — each overdue issue (🔴) in the sender's grids that someone holds is urged as
    `催办 N` urges it, the sender told once which; those nobody holds, or urged within the
    hour, are left (the 台账 shows them)."""
    check(ctx, "urge")
    assert ctx.community is not None
    overdue = ctx.uow.issues.overdue(ctx.community.id, ctx.now)
    urged, told = _urge_each(ctx, overdue)
    if not urged:
        return answer(ctx, texts.URGE_OVERDUE_NONE, "invalid")
    said = texts.URGE_OVERDUE_SENT.format(count=len(urged), issues="、".join(urged))
    return Outcome([reply_to(ctx, said), *told], "command")


def _holder_named(ctx: Context, args: str) -> tuple[Person | None, str | None] | None:
    """The person or unit 「催办 物业」 names, when the words are a holder's name alone; None
    for a number or other words (they get the usage line)."""
    words = normalize(args).strip()
    if not words or issue_first(words)[0] is not None or ctx.community is None:
        return None
    if len(words) > _NAME_AND_DEADLINE_AT_MOST:
        return None
    try:
        return target_of(ctx, words)
    except Answer:  # 「催办 进度」: no one of that name
        return None


def _urge_held(ctx: Context, person: Person | None, unit: str | None) -> Outcome:
    """催办 物业 — each open issue that unit (or person) holds in the sender's grids is urged
    as `催办 N` urges it, the most pressing first; the sender is told once which."""
    check(ctx, "urge")
    assert ctx.community is not None
    if person is not None:
        held = held_by_person(ctx.uow, ctx.community.id, person.id)
    else:
        assert unit is not None
        held = held_by_unit(ctx.uow, ctx.community.id, unit)
    query = LedgerQuery(
        ctx.community.id, frozenset(OPEN), assignee_ids=held[0], assignee_unit=held[1]
    )
    who = person.name if person is not None else unit
    urged, told = _urge_each(ctx, ledger_issues(ctx, query, URGE_AT_MOST * 2))
    if not urged:
        return answer(ctx, texts.URGE_HELD_NONE.format(who=who), "invalid")
    said = texts.URGE_HELD_SENT.format(who=who, count=len(urged), issues="、".join(urged))
    return Outcome([reply_to(ctx, said), *told], "command")


def _urge_each(ctx: Context, issues: Sequence[Issue]) -> tuple[list[str], list[Outgoing]]:
    """Each of `issues` in the sender's grids urged as `催办 N` urges it (at most
    URGE_AT_MOST): which were (「#1（物业）」), and the holders' messages. Those nobody holds,
    urged within the hour, or not the sender's to urge are left."""
    mine = [i for i in issues if in_grid(ctx.actor, issue_facts(ctx.uow, i, followers=False))]
    urged: list[str] = []
    told: list[Outgoing] = []
    for issue in mine[:URGE_AT_MOST]:
        try:
            done = urge(ctx, str(issue.number))
        except Answer:  # nobody holds it, urged a moment ago, or not theirs to urge
            continue
        urged.append(f"#{issue.number}（{_urged_whom(ctx, issue)}）")
        told += [m for m in done.replies if not isinstance(m, Reply)]  # the holders' own
    return urged, told


def _urged_whom(ctx: Context, issue: Issue) -> str:
    return "、".join(filter(None, [assignee_label(ctx.uow, issue), issue.escalated_to]))


def pressed(ctx: Context, args: str, *, hurry: bool = False) -> Outcome:
    """催办 N from its reporter, a follower or its building's 楼栋长: they cannot chase the
    holder themselves, so its grid workers hear they asked (and why, when they say), once an
    hour at most. 加急 N [原因] from them (`hurry`) is the same, and the workers are shown
    「加急 N」. Without a number, their one open report here."""
    number, rest = issue_first(args)
    if number is None and normalize(args).strip() in OVERDUE_WORDS:
        raise Answer(ctx.services.command("urge").usage_line())  # 「催办 超期」 is staff's
    if number is None:  # 「帮我催一下」「能不能快一点，老人天天爬楼」: the one they reported, why
        rest = args
        if ctx.community is not None:
            number = _one_of_own(ctx)
    reason = rest.strip()
    if len(reason) > WORDS_MAX:
        raise Answer(texts.WORDS_TOO_LONG.format(limit=WORDS_MAX))
    issue = ctx.uow.issues.by_number(ctx.community.id, number) if ctx.community and number else None
    if number is None:
        raise Answer(ctx.services.command("urge").usage_line())
    if issue is None:
        raise Answer(texts.NOT_FOUND.format(number=number))
    if not _presses(ctx, issue):
        raise Answer(texts.URGE_WHOSE, "refused", "urge")
    if issue.status not in OPEN:
        raise Answer(texts.URGE_NOT_OPEN.format(number=issue.number, status=issue.status.label))
    last = ctx.uow.audit.last_of(issue.id, ("pressed",))
    if last is not None and ctx.now - last.at < URGE_AGAIN_AFTER:
        return _one_line(ctx, texts.PRESSED_ALREADY.format(number=issue.number), issue)
    workers = grid_workers(ctx.uow, issue)
    who = ("楼栋长" if ctx.actor.role is Role.HEAD else "") + mask_name(ctx.sender.name)
    record(ctx, issue, "pressed", who)
    held = issue.status is IssueStatus.ASSIGNED or bool(issue.escalated_to)
    then = texts.PRESSED_URGE if held else texts.PRESSED_ASSIGN
    because = texts.PRESSED_BECAUSE.format(reason=quoted(reason, SUMMARY_LIMIT)) if reason else ""
    asked = texts.PRESSED_ASKED + because
    if hurry:
        asked = texts.PRESSED_HURRY.format(because=because)
        then = then if issue.urgent else texts.PRESSED_HURRY_THEN
    status, told_first = issue.status.label, ""
    if issue.suspended_at is not None:  # 挂起: the reporter hears why, the workers how to resume
        why = suspended_why(ctx.services, issue)
        state = texts.PRESSED_STATE_SUSPENDED.format(status=status, why=why)
        then, told_first = texts.PRESSED_SUSPENDED_THEN, texts.PRESSED_SUSPENDED_TOLD
        told_first = told_first.format(number=issue.number, why=why)
    else:
        deadline = shown_deadline(ctx.services, issue.deadline)
        state = texts.PRESSED_STATE.format(status=status, deadline=deadline)
    line = texts.PRESSED.format(
        number=issue.number,
        who=who,
        asked=asked,
        state=state,
        then=then.format(number=issue.number),
    )
    if not workers:  # a grid with no worker named: the work group hears instead
        sent = told_first + texts.PRESSED_SENT_OFFICE.format(number=issue.number)
        return Outcome([reply_to(ctx, sent), *tell_work_groups(ctx, line)], "command", issue.id)
    told = tell_privately(workers, line, skip=ctx.sender.id)
    names = "、".join(person.name for person in workers)
    sent_to = texts.PRESSED_SENT_SUSPENDED if told_first else texts.PRESSED_SENT
    sent = told_first + sent_to.format(number=issue.number, workers=names)
    return Outcome([reply_to(ctx, sent), *told], "command", issue.id)


def suspended_why(services: Services, issue: Issue) -> str:
    """Why a suspended issue (挂起) waits, and the day it resumes by itself when one was said:
    「等开春施工，3月1日恢复」."""
    reason = issue.suspended_reason or texts.SUSPENDED_NO_REASON
    if issue.suspended_until is None:
        return reason
    day = services.weekday_calendar.local_date(issue.suspended_until)
    return texts.SUSPENDED_WHY_UNTIL.format(reason=reason, day=month_day(day))


def _one_of_own(ctx: Context) -> int | None:
    """The number of the sender's one open report here, for 「帮我催一下」 without a number;
    with several they are asked which, with none it is told them."""
    own = own_open_here(ctx)
    if not own:
        raise Answer(texts.NONE_OF_YOURS)
    if len(own) > 1:
        raise Answer(texts.PRESS_WHICH.format(numbers=numbers_of(own), number=own[0].number))
    return own[0].number


def _presses(ctx: Context, issue: Issue) -> bool:
    """Whether the sender may press `issue`: a resident theirs or one they follow, a 楼栋长 one
    of their building."""
    if ctx.actor.role is Role.HEAD:
        return building_refusal(ctx.actor, issue.building) is None
    return may_see(ctx.actor, facts(ctx, issue))


def hurry(ctx: Context, args: str) -> Outcome:
    """加急 N [原因] — an open issue made urgent by staff: its 🟡/🔴 reminders and notices no
    longer wait out the quiet hours, it shows 紧急, and whoever works on it (else its grid's
    workers) is told now, privately."""
    if (each := for_each_issue(ctx, args, hurry)) is not None:
        return each
    if ctx.actor.role in (Role.RESIDENT, Role.HEAD):
        return pressed(ctx, args, hurry=True)  # 「1号加急」 from its reporter: asked of staff
    issue, rest = find_issue(ctx, args, "hurry")
    if issue.status not in OPEN:
        raise Answer(texts.HURRY_NOT_OPEN.format(number=issue.number, status=issue.status.label))
    if issue.urgent:
        raise Answer(texts.HURRIED_ALREADY.format(number=issue.number))
    reason = rest.strip()
    issue.urgent = True
    record(ctx, issue, "urgent", reason)
    people = working_on(ctx.uow, issue) or grid_workers(ctx.uow, issue)
    because = texts.HURRY_REASON.format(reason=quoted(reason, SUMMARY_LIMIT)) if reason else ""
    line = texts.HURRIED_TOLD.format(
        number=issue.number,
        because=because,
        deadline=shown_deadline(ctx.services, issue.deadline),
        **summary(ctx.uow, ctx.services, issue),
    )
    told = tell_privately(people, line, skip=ctx.sender.id)
    who = "、".join(mask_name(person.name) for person in people if person.id != ctx.sender.id)
    said = texts.HURRIED.format(number=issue.number, because=because)
    said += texts.HURRIED_WHO.format(who=who) if who else "。"
    return Outcome([reply_to(ctx, said), *told], "command", issue.id)


def unhurry(ctx: Context, args: str) -> Outcome:
    """取消加急 N — an urgent issue (加急, or danger read in its report) made ordinary again:
    its reminders and notices wait out the quiet hours as others do. Nobody else is told."""
    if (each := for_each_issue(ctx, args, unhurry)) is not None:
        return each
    issue, _ = find_issue(ctx, args, "unhurry")
    if not issue.urgent:
        raise Answer(texts.NOT_HURRIED.format(number=issue.number))
    issue.urgent = False
    record(ctx, issue, "unhurry")
    return Outcome(
        [reply_to(ctx, texts.UNHURRIED.format(number=issue.number))], "command", issue.id
    )


def verify(ctx: Context, args: str) -> Outcome:
    """核实 N [说明] — a 楼栋长 (their building), grid worker or the secretary confirms on the
    spot that a resolved issue is fixed (chat-protocol §1); a photo sent with it is kept and
    earns the verification points. The reporter's rating still closes it. 「1号确认修好了」
    from its reporter, a resident, asks for that rating instead."""
    if ctx.actor.role is Role.RESIDENT and ctx.community is not None:
        number, _ = issue_first(normalize(args))
        own = ctx.uow.issues.by_number(ctx.community.id, number) if number else None
        resolved = own is not None and own.status is IssueStatus.RESOLVED
        if own is not None and resolved and own.reporter_id == ctx.sender.id:
            return answer(ctx, texts.FOLLOW_UP.format(number=own.number))
    issue, rest = find_issue(ctx, args, "verify")
    actor = ctx.actor
    if actor.role is Role.HEAD and actor.buildings and issue.building not in actor.buildings:
        mine = own_buildings(actor)
        raise Answer(texts.VERIFY_OTHER_BUILDING.format(mine=mine), "refused", "verify")
    if issue.status is not IssueStatus.RESOLVED:
        raise Answer(
            texts.VERIFY_NOT_RESOLVED.format(number=issue.number, status=issue.status.label)
        )
    note = rest.strip()
    sent = (*earlier_photos(ctx), *ctx.message.attachments)  # with the words or just before
    photos = len(sent)
    attach(ctx, issue, sent)
    record(
        ctx, issue, "verify", " ".join(filter(None, [note, f"照片{photos}张" if photos else ""]))
    )
    if photos:
        points.verification_photo_points(ctx, issue)
    line = texts.VERIFIED.format(
        number=issue.number,
        role=ctx.role.label,
        who=mask_name(ctx.sender.name),
        note=f"：{clause(note)}" if note else "",
    )
    return Outcome(tell_watchers(ctx, issue, line), "command", issue.id)


def rate(ctx: Context, args: str) -> Outcome:
    """评价 N 1-5 [意见] — ≥ 3 closes the issue (销号), ≤ 2 reopens it."""
    issue, rest = find_issue(ctx, args, "rate")
    if issue.status is IssueStatus.CLOSED and issue.rating is not None:  # 「回访 1 满意」 again
        raise Answer(texts.RATED_ALREADY.format(number=issue.number, score=issue.rating))
    if issue.status in OPEN and ctx.role in STAFF:  # 「销号 1」 before it is done
        raise Answer(texts.RATED_OPEN.format(number=issue.number, status=issue.status.label))
    allowed(ctx, issue, Action.RATE)
    if ctx.role in STAFF and CALL_MISSED.search(rest):  # 「回访 1 电话没人接」
        return call_missed(ctx, issue)
    word, note = split_first(rest)
    score = spoken_score(normalize(word), vague=True)  # 评价 1 5 / 5分 / 五分 / 满意 / 一般
    if score is None:
        raise Answer(texts.BAD_SCORE.format(number=issue.number))
    return _rated(ctx, issue, score, note.strip())


# 「没人接」「打不通」「关机了」: a follow-up call (回访) that reached nobody.
CALL_MISSED = re.compile(
    r"没人接|无人接听|没接(?:电话)?|打不通|没打通|未接通|没接通|关机|占线|不在服务区"
)


def call_missed(ctx: Context, issue: Issue) -> Outcome:
    """回访 N 没人接 — a follow-up call to the reporter of a resolved issue reached nobody: kept
    in its record (回访未接通, counted), and the caller told how to record the verdict later."""
    tries = sum(
        1 for entry in ctx.uow.audit.of_issue(issue.id) if entry.action == CALL_MISSED_ACTION
    )
    record(ctx, issue, CALL_MISSED_ACTION, texts.CALL_MISSED_NOTE.format(n=tries + 1))
    line = texts.CALL_MISSED.format(number=issue.number, n=tries + 1)
    return Outcome([reply_to(ctx, line)], "command", issue.id)


CALL_MISSED_ACTION = "call_missed"


def rating_reply(
    ctx: Context, text: str, *, to_the_bot: bool = False, just_asked: bool = False
) -> Outcome:
    """满意 / 基本满意 / 不满意 / 5分, said without a number: the sender's one issue awaiting it.
    Everyday words (「还行吧」) count privately, or in a group `to_the_bot` (quoting its ask),
    or `just_asked` (just after the 办结 there)."""
    private = ctx.chat.kind == "private"
    vague = private or to_the_bot
    # The reason as typed (「不满意，还是堵」), the score also from half-width digits (「５分」).
    said = spoken_rating(text.strip(), private=vague, vague=just_asked) or spoken_rating(
        normalize(text), private=vague, vague=just_asked
    )
    if ctx.community is None or said is None:
        return Outcome([], "ignored")
    score, reason = said
    waiting = awaiting_rating(ctx)
    # 「12345工单2026…：市民反映又堵了，不满意」: a work order sent back, no rating of one's own.
    order = private and work_order_of(normalize(text)) is not None
    if not waiting or order:  # in a group it was chat; privately it was said to the bot
        # 「挺好的」「不错」 with nothing to rate: everyday words, answered as such
        everyday = spoken_rating(normalize(text), private=False) is None
        if ctx.chat.kind == "private" and (reason or order or everyday):
            # 「7号楼楼道堆满了杂物，物业也不管，很不满意」: a complaint, not a rating.
            from handlers.intake import private_message  # here: intake imports ledger

            return private_message(ctx, text)
        if ctx.chat.kind != "private":
            return Outcome([], "ignored")
        # 「不满意」 just after 「还是堵的」 reopened it: what is still being done comes first
        going = ctx.uow.issues.reported_by(ctx.sender.id, ctx.community.id, OPEN)
        if going:
            line = texts.RATE_WHEN_DONE.format(numbers=numbers_of(going[-_OPEN_NAMED:]))
            return answer(ctx, line, "invalid")
        return answer(ctx, texts.NOTHING_TO_RATE, "invalid")
    if len(waiting) > 1:
        numbers = numbers_of(waiting)
        raise Answer(texts.WHICH_TO_RATE.format(numbers=numbers, number=waiting[0].number))
    return _rated(ctx, waiting[0], score, reason)


_OPEN_NAMED = 3  # a reporter's latest open issues named when they rate with none done


def awaiting_rating(ctx: Context) -> list[Issue]:
    """The sender's issues 已办结 and waiting for their verdict, reported here (privately: any)."""
    done = ctx.uow.issues.reported_by(ctx.sender.id, statuses=(IssueStatus.RESOLVED,))
    return [issue for issue in done if in_this_chat(ctx, issue)]


def thanked(ctx: Context, text: str) -> Outcome | None:
    """「谢谢」「辛苦了」 from the reporter of an issue 已办结 here (privately: any) and waiting
    for their verdict: the thanks go in its record, and they are asked, once, for the rating
    its 销号 waits for. None when nothing of theirs waits, or they were asked so before."""
    waiting = [
        issue
        for issue in awaiting_rating(ctx)
        if ctx.uow.audit.last_of(issue.id, ("thanked",)) is None
    ]
    if not waiting:
        return None
    for issue in waiting:
        record(ctx, issue, "thanked", shorten(text.strip(), SUMMARY_LIMIT))
    if len(waiting) == 1:
        return answer(ctx, texts.THANKS_RATE_ONE.format(number=waiting[0].number))
    numbers = numbers_of(waiting)
    return answer(ctx, texts.THANKS_RATE_MANY.format(numbers=numbers, number=waiting[0].number))


def not_fixed_reply(ctx: Context, text: str) -> Outcome | None:
    """「灯还是不亮」「还没修好啊」 from the reporter of an issue 已办结 here (privately: any):
    it reopens, as 重开 with their words; with several such issues they are asked which. None
    when none of theirs is 已办结 here."""
    waiting = awaiting_rating(ctx)
    if not waiting:
        return None
    said = shorten(text.strip(), 30)
    if len(waiting) > 1:
        numbers = numbers_of(waiting)
        line = texts.WHICH_NOT_FIXED.format(numbers=numbers, number=waiting[0].number, said=said)
        raise Answer(line)
    return reopen(ctx, f"{waiting[0].number} {said}")


LOOKBACK_ANSWER_DAYS = 7
"""How long a 回头看 question waits for its answer."""


def lookback_reply(ctx: Context, text: str) -> Outcome | None:
    """「没有」 or 「又出现了」: the answer to the sender's waiting 回头看 question, asked in this
    chat (privately: any). None when nothing of theirs waits for one: then it was not an answer.
    It came back: the issue reopens, as with 重开. It did not: that is recorded."""
    private = ctx.chat.kind == "private"
    back = came_back(normalize(text), private=private)
    if ctx.community is None or back is None:
        return None
    since = ctx.now - timedelta(days=LOOKBACK_ANSWER_DAYS)
    waiting = [
        issue
        for issue in ctx.uow.issues.awaiting_lookback(ctx.sender.id, since)
        if in_this_chat(ctx, issue)
    ]
    if not waiting:
        return None
    if back and len(waiting) > 1:
        numbers = numbers_of(waiting)
        raise Answer(texts.LOOKBACK_WHICH.format(numbers=numbers, number=waiting[0].number))
    for issue in waiting:
        issue.lookback_asked_at = None
    if back:
        return reopen(ctx, f"{waiting[0].number} {texts.LOOKBACK_BACK_NOTE.format(said=text)}")
    for issue in waiting:
        record(ctx, issue, "lookback", texts.LOOKBACK_FINE_NOTE)
    numbers = numbers_of(waiting)
    line = texts.LOOKBACK_FINE.format(numbers=numbers)
    return Outcome([reply_to(ctx, line)], "command", waiting[0].id)


def _rated(ctx: Context, issue: Issue, score: int, note: str) -> Outcome:
    """The verdict on an issue done: ≥ 3 closes it, ≤ 2 reopens it. Recorded by a worker after
    the follow-up call (回访) to its reporter, or to the caller whose report (a 12345 order)
    they took, it says so (电话回访)."""
    caller = caller_of(issue)
    if issue.reporter_id != ctx.sender.id or caller is not None:
        note = f"{texts.FOLLOW_UP_CALL}{note}".strip()
    if score >= 3:
        issue.rating = score
        issue.closed_at = ctx.now
        move(ctx, issue, Action.RATE, f"{score}分 {note}".strip())
        line = texts.CLOSED.format(number=issue.number, score=score)
        return Outcome(tell_watchers(ctx, issue, line), "command", issue.id)
    _reopen(ctx, issue, f"评价{score}分 {note}".strip())
    line = texts.LOW_RATING.format(
        number=issue.number, score=score, deadline=shown_deadline(ctx.services, issue.deadline)
    )
    replies = tell_watchers(ctx, issue, line)
    alert = texts.LOW_RATING_ALERT.format(
        number=issue.number,
        # Whoever typed it, the verdict is the reporter's (a worker records a 回访 call), or
        # the caller's who brought it (来电市民).
        who=caller
        or reporter_label(
            ctx.uow.people.get(issue.reporter_id).name, private=issue.private, named=False
        ),
        score=score,
        note=f"（{note}）" if note else "",
    )
    replies += tell_work_groups(ctx, alert, already=replies)
    return Outcome(replies + _tell_holders(ctx, issue, line), "command", issue.id)


def _one_line(ctx: Context, text: str, issue: Issue) -> Outcome:
    return Outcome([reply_to(ctx, text)], "command", issue.id)
