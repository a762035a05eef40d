"""What the bot says by itself when a reminder comes due (chat-protocol §5): deadline
reminders, follow-up (回访), 回头看, digests, recurring events and ad-hoc reminders.

`render` turns one due reminder into messages from the state of things when it fires, so a
reminder never tells stale news. What is scheduled, and when, is `handlers.schedule`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from bot.domain.deadlines import Colour, format_deadline
from bot.domain.issues import IssueStatus
from bot.domain.lifecycle import OPEN
from bot.domain.repeats import parse_repeat
from bot.messages import Direct, Outgoing, Reply
from handlers import meetings, suspend, texts
from handlers.base import Services, record_by_bot
from handlers.digests import daily, weekly, working_day
from handlers.ledger import assignee_label, withdrawal_asked
from handlers.notice import signed
from handlers.notify import (
    caller_of,
    caller_said,
    chat_ref,
    grid_workers,
    person_ref,
    quoted,
    rating_buttons,
    secretaries_of,
    summary,
    watcher_chats,
    work_groups,
    working_on,
)
from handlers.points import weekly_board
from handlers.schedule import (
    ADHOC,
    AUTO_CLOSE,
    DAILY,
    EVENT,
    FOLLOW_UP,
    LOOKBACK,
    MONTHLY,
    NOTICE,
    OVERDUE,
    POINTS_WEEKLY,
    RED,
    REPEAT,
    RESUME_DUE,
    WEEKLY,
    YELLOW,
)
from handlers.stats import monthly_report
from storage.models import Issue, Reminder
from storage.uow import UnitOfWork

# -- firing -----------------------------------------------------------------------------------


def render(uow: UnitOfWork, services: Services, reminder: Reminder) -> list[Outgoing]:
    """The messages a due reminder turns into now (possibly none: the news went stale)."""
    renderer = _RENDERERS.get(reminder.kind)
    return renderer(uow, services, reminder) if renderer else []


def _issue(uow: UnitOfWork, reminder: Reminder) -> Issue:
    assert reminder.issue_id is not None
    return uow.issues.get(reminder.issue_id)


# To whoever works on an issue, and to its grid's workers while nobody does (to assign it).
Templates = tuple[str, str]
_DEADLINE: dict[Colour, Templates] = {
    Colour.YELLOW: (texts.REMIND_YELLOW, texts.REMIND_YELLOW_UNASSIGNED),
    Colour.RED: (texts.REMIND_RED, texts.REMIND_RED_UNASSIGNED),
}
_OVERDUE: Templates = (texts.REMIND_OVERDUE, texts.REMIND_OVERDUE_UNASSIGNED)


def _deadline(
    uow: UnitOfWork, services: Services, reminder: Reminder, colour: Colour
) -> list[Outgoing]:
    issue = _issue(uow, reminder)
    if issue.status not in OPEN or issue.deadline is None:
        return []
    fields = _fields(uow, services, issue)
    withdrawn = _withdrawn(uow, issue)
    messages, held = _privately(uow, issue, _DEADLINE[colour], fields, withdrawn)
    if colour is Colour.RED or not held:
        who = assignee_label(uow, issue) or "未派单"
        # Escalated (吹哨): the unit it went up to is named too, for the secretary to chase.
        unit = issue.escalated_to
        escalated = texts.ALERT_ESCALATED.format(unit=unit) if unit else ""
        alert = texts.OVERDUE_ALERT if colour is Colour.RED else texts.DUE_SOON_ALERT
        told = alert.format(who=who, escalated=escalated, **fields)
        if not issue.staff_complaint:
            messages += work_groups(uow, issue.community_id, told + withdrawn)
        elif held:  # a complaint of staff is the secretaries' to chase, not the work group's
            chasing = secretaries_of(uow, issue.community_id)
            messages += [Direct(person_ref(p), told + withdrawn) for p in chasing]
    return messages


def _overdue(uow: UnitOfWork, services: Services, reminder: Reminder) -> list[Outgoing]:
    """The morning of each working day (`yellow_at`): whoever works on an open issue whose
    deadline's day has gone by hears it again, privately, with how many working days it is
    overdue (its grid's workers while nobody holds it), until it is resolved, rejected or
    merged. The work group has it in the daily digest."""
    assert reminder.community_id is not None
    if not working_day(services, reminder.due_at):
        return []
    calendar = services.weekday_calendar
    today = datetime.combine(calendar.local_date(reminder.due_at), time(0), tzinfo=calendar.tz)
    messages: list[Outgoing] = []
    for issue in uow.issues.overdue(reminder.community_id, today):
        assert issue.deadline is not None
        days = calendar.working_days_between(issue.deadline, reminder.due_at)
        fields = {**_fields(uow, services, issue), "days": str(days)}
        messages += _privately(uow, issue, _OVERDUE, fields, _withdrawn(uow, issue))[0]
    return messages


def _fields(uow: UnitOfWork, services: Services, issue: Issue) -> dict[str, str]:
    """What a deadline reminder says of an issue: its number and deadline, and `summary`."""
    assert issue.deadline is not None
    deadline = format_deadline(issue.deadline, services.settings.tz, services.clock.now())
    return {"number": str(issue.number), "deadline": deadline, **summary(uow, services, issue)}


def _privately(
    uow: UnitOfWork, issue: Issue, templates: Templates, fields: dict[str, str], withdrawn: str
) -> tuple[list[Outgoing], bool]:
    """A reminder to whoever works on the issue or, while nobody does, to its grid's workers,
    each privately; and whether anybody works on it."""
    holders = working_on(uow, issue)
    template = templates[0] if holders else templates[1]
    line = template.format(**fields) + withdrawn
    return [Direct(person_ref(p), line) for p in holders or grid_workers(uow, issue)], bool(holders)


WITHDRAWN_REASON_LIMIT = 20


def _withdrawn(uow: UnitOfWork, issue: Issue) -> str:
    """「报事人已撤回（原因），核实后请办结或退回。」 when its reporter withdrew the issue (撤回)
    and it was not reopened since, else "": a deadline reminder then says what to do."""
    entry = withdrawal_asked(uow, issue)
    if entry is None:
        return ""
    said = quoted(entry.note, WITHDRAWN_REASON_LIMIT)
    given = said and entry.note != texts.WITHDRAW_DEFAULT  # 「撤回 1」 gave no reason
    reason = texts.REMIND_WITHDRAWN_REASON.format(reason=said) if given else ""
    return texts.REMIND_WITHDRAWN.format(reason=reason)


def _ask_reporter(
    uow: UnitOfWork,
    reminder: Reminder,
    status: IssueStatus,
    template: str,
    caller: str | None = None,
) -> list[Outgoing]:
    """A question to the reporter, in the chat they reported from, while the issue is `status`:
    their rating (with the buttons to give it) or, asked of whoever took it from a `caller`
    outside the chat, to call them back."""
    issue = _issue(uow, reminder)
    if issue.status is not status:
        return []
    chat = uow.chats.by_id(issue.chat_id)
    rating = status is IssueStatus.RESOLVED and caller is None
    buttons = rating_buttons(issue.number) if rating else ()
    line = template.format(number=issue.number, caller=caller)
    return [Reply(chat_ref(chat), line, buttons=buttons)]


def _follow_up(uow: UnitOfWork, services: Services, reminder: Reminder) -> list[Outgoing]:
    """The reporter asked for their rating; for a caller outside the chat (a 12345 order),
    whoever took it is asked to call them back (回访)."""
    issue = _issue(uow, reminder)
    caller = caller_of(issue)
    if caller is None:
        return _ask_reporter(uow, reminder, IssueStatus.RESOLVED, texts.FOLLOW_UP)
    said = caller_said(uow, issue, caller)  # with the phone, privately
    return _ask_reporter(uow, reminder, IssueStatus.RESOLVED, texts.FOLLOW_UP_CALL_BACK, said)


def _auto_close(uow: UnitOfWork, services: Services, reminder: Reminder) -> list[Outgoing]:
    issue = _issue(uow, reminder)
    if issue.status is not IssueStatus.RESOLVED:
        return []
    issue.status = IssueStatus.CLOSED
    issue.closed_at = services.clock.now()
    before = IssueStatus.RESOLVED
    record_by_bot(uow, services, issue, "auto_close", texts.AUTO_CLOSE_NOTE, before=before)
    line = texts.AUTO_CLOSED.format(
        number=issue.number, days=services.settings.reminders.follow_up_close_days
    )
    return [Reply(chat_ref(chat), line) for chat in watcher_chats(uow, issue)]


def _lookback(uow: UnitOfWork, services: Services, reminder: Reminder) -> list[Outgoing]:
    asked = _ask_reporter(uow, reminder, IssueStatus.CLOSED, texts.LOOKBACK)
    if asked:  # the answer (「没有」「又出现了」) is read while this waits: handlers.ledger
        _issue(uow, reminder).lookback_asked_at = services.clock.now()
    return asked


def _adhoc(uow: UnitOfWork, services: Services, reminder: Reminder) -> list[Outgoing]:
    line = texts.REMINDER.format(text=reminder.text)
    if reminder.chat_id is not None:
        chat = uow.chats.by_id(reminder.chat_id)
        creator = uow.people.get(reminder.created_by_id) if reminder.created_by_id else None
        # 「提醒 明天9:00 …」 said in a group is its sender's, who is named; one that repeats
        # there is for the group.
        named = chat.kind != "private" and reminder.repeat is None
        mentions = (person_ref(creator),) if creator and named else ()
        return [Reply(chat_ref(chat), line, mentions=mentions)]
    if reminder.person_id is not None:
        if reminder.created_by_id not in (None, reminder.person_id):  # a colleague's, for them
            line = texts.REMINDER_FROM.format(
                who=uow.people.get(reminder.created_by_id).name, text=reminder.text
            )
        return [Direct(person_ref(uow.people.get(reminder.person_id)), line)]
    return []


def _notice(uow: UnitOfWork, services: Services, reminder: Reminder) -> list[Outgoing]:
    """A 定时群发 notice, to its group, signed as the sender set it; one that repeats, on
    the days its rule speaks."""
    assert reminder.chat_id is not None and reminder.community_id is not None
    if reminder.repeat is not None and not _speaks(services, reminder):
        return []
    code = uow.communities.get(reminder.community_id).code
    sender = uow.people.get(reminder.created_by_id) if reminder.created_by_id else None
    text = signed(
        services.community_settings(code).name, sender.name if sender else "", reminder.text
    )
    return [Reply(chat_ref(uow.chats.by_id(reminder.chat_id)), text)]


def _repeat(uow: UnitOfWork, services: Services, reminder: Reminder) -> list[Outgoing]:
    """A reminder set in chat to repeat: on the days its rule speaks (工作日 on working days,
    a weekly or monthly one not on statutory holidays)."""
    return _adhoc(uow, services, reminder) if _speaks(services, reminder) else []


def _speaks(services: Services, reminder: Reminder) -> bool:
    """Whether a reminder set to repeat speaks on its day (工作日 on working days, a weekly or
    monthly one not on statutory holidays)."""
    rule = parse_repeat(reminder.repeat) if reminder.repeat else None
    day = services.calendar.local_date(reminder.due_at)
    return rule is not None and rule.speaks(day, services.calendar, services.weekday_calendar)


def _event(uow: UnitOfWork, services: Services, reminder: Reminder) -> list[Outgoing]:
    """A configured event; on a statutory holiday only if the event says `on_holidays`."""
    assert reminder.chat_id is not None
    _, code, index, *_ = reminder.key.split(":")  # event:{community}:{index}:{chat}@…
    spec = next((c for c in services.settings.communities if c.code == code), None)
    events = spec.events if spec is not None else []
    event = events[int(index)] if index.isdigit() and int(index) < len(events) else None
    calendar = services.calendar
    if (event is None or not event.on_holidays) and calendar.is_holiday(
        calendar.local_date(reminder.due_at)
    ):
        return []
    return [Reply(chat_ref(uow.chats.by_id(reminder.chat_id)), reminder.text)]


def _digest(uow: UnitOfWork, services: Services, reminder: Reminder) -> list[Outgoing]:
    assert reminder.chat_id is not None and reminder.community_id is not None
    chat = uow.chats.by_id(reminder.chat_id)
    make = daily if reminder.kind == DAILY else weekly
    text = make(uow, services, reminder.community_id, reminder.due_at)
    return [Reply(chat_ref(chat), text)] if text else []


Renderer = Callable[[UnitOfWork, Services, Reminder], list[Outgoing]]
_RENDERERS: dict[str, Renderer] = {
    YELLOW: lambda uow, services, r: _deadline(uow, services, r, Colour.YELLOW),
    RED: lambda uow, services, r: _deadline(uow, services, r, Colour.RED),
    OVERDUE: _overdue,
    FOLLOW_UP: _follow_up,
    AUTO_CLOSE: _auto_close,
    LOOKBACK: _lookback,
    RESUME_DUE: suspend.resume_due,
    ADHOC: _adhoc,
    REPEAT: _repeat,
    NOTICE: _notice,
    EVENT: _event,
    DAILY: _digest,
    WEEKLY: _digest,
    MONTHLY: monthly_report,
    meetings.MEETING_CLOSE: meetings.close_poll,
    meetings.MEETING_NUDGE: meetings.nudge,
    meetings.MEETING_DAY: meetings.remind_attendees,
    meetings.MEETING_HOUR: meetings.remind_attendees,
    meetings.MEETING_OUTCOME: meetings.ask_outcome,
    meetings.PUBLICITY_END: meetings.publicity_end,
    POINTS_WEEKLY: weekly_board,
}
