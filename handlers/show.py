"""查看 N: one issue's details and its history (chat-protocol §3, §9)."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.clock import local
from bot.domain.issues import IssueStatus, location_label
from bot.domain.lifecycle import OPEN
from bot.domain.permissions import calls_back, knows_private_reporter, reads_report
from bot.domain.privacy import mask_name, mask_text, reporter_label
from bot.domain.sources import Source
from bot.domain.voting import MEETING_WORDS
from bot.media import MediaFolder
from bot.messages import Document, Outgoing
from bot.text import argument_words, month_day, normalize, printable
from handlers import texts
from handlers.base import Context, Outcome, answer
from handlers.ledger import (
    assignee_label,
    colour_of,
    each_issue,
    find_issue,
    issue_facts,
    several_issues,
    shown_deadline,
)
from handlers.listing import mine, suspended_shown
from handlers.meetings import minutes
from handlers.remarks import shown_to
from storage.models import AuditEntry, Issue
from storage.uow import UnitOfWork

_MEETING = re.compile(r"^[Mm]\d{1,9}$")


def _not_one_issue(ctx: Context, args: str) -> Outcome | None:
    """查看 M3 (a meeting's record), 查看 M1 M2, 查看 1 2 (each in turn), and 「查看」 alone said
    privately (one's own list: which are mine, then?); None for one issue."""
    if (kind := normalize(args).strip()) in MEETING_WORDS:  # 「议事会有几个人报名」
        return minutes(ctx, kind)
    if re.match(r"^[Mm]\s*\d", normalize(args)):
        meetings = argument_words(args)
        if len(meetings) > 1 and all(_MEETING.match(word) for word in meetings):
            return each_issue(ctx, meetings, minutes)
        return minutes(ctx, normalize(args).split(" ")[0])
    if (numbers := several_issues(args)) is not None:
        return each_issue(ctx, numbers, show)
    if not args.strip() and ctx.chat.kind == "private":
        return mine(ctx, "")
    return None


def source_shown(issue: Issue) -> str:
    """Where it came from, with its work order's number: 「12345热线（工单号2026112200123）」."""
    source = Source(issue.source).label
    return (
        source + texts.SHOW_WORK_ORDER.format(order=issue.work_order)
        if issue.work_order
        else source
    )


def _limit_shown(ctx: Context, issue: Issue) -> str:
    """「 · 工单时限：11月27日」 when a work order's time limit is not the deadline itself."""
    if issue.due_by is None or issue.due_by == issue.deadline:
        return ""
    return texts.SHOW_TIME_LIMIT.format(due=shown_deadline(ctx.services, issue.due_by))


def show(ctx: Context, args: str) -> Outcome:
    """查看 N — details, status and history of issue N (查看 M3: the meeting record)."""
    if (other := _not_one_issue(ctx, args)) is not None:
        return other
    issue, _ = find_issue(ctx, args, "show")
    tz = ctx.services.settings.tz
    category = ctx.services.category(issue.category)
    head = [f"#{issue.number}【{category.name}】{issue.status.label}"]
    facts = issue_facts(ctx.uow, issue, followers=False)  # `find_issue` checked who may see
    readable = reads_report(ctx.actor, facts, ctx.chat.kind)
    where = where_shown(issue, readable=readable)
    if where:
        head.append(where)
    if issue.grid_id is not None:
        head.append(ctx.uow.communities.grid(issue.grid_id).name)
    if issue.urgent:
        head.append("紧急")
    named = (  # only a private report's reporter is ever hidden
        issue.private and ctx.chat.kind == "private" and knows_private_reporter(ctx.actor, facts)
    )

    def who(person_id: int | None) -> str:
        return person_label(ctx.uow, issue, person_id, named=named)

    # The number to call back whole only for whoever `calls_back`.
    whole = calls_back(ctx.actor, facts, ctx.chat.kind)
    lines = [" · ".join(head), shortened(words_shown(issue, readable=readable, whole=whole))]
    reported = when(issue.created_at, tz)
    source = source_shown(issue)
    lines.append(texts.SHOW_REPORTER.format(who=who(issue.reporter_id), at=reported, source=source))
    if issue.report_count > 1:
        lines.append(f"反映次数：{issue.report_count}")
    if issue.status in OPEN:
        lines.append(_clock_line(ctx, issue))
    if issue.resolution:  # reopened: what was done before, not the result it has
        said = "上次办理结果" if issue.status in OPEN else "办理结果"
        lines.append(f"{said}：{issue.resolution}")
    if issue.rating is not None:
        lines.append(f"评价：{issue.rating}分")
    if issue.status is IssueStatus.MERGED and issue.merged_into_id is not None:
        lines.append(f"已并入 #{ctx.uow.issues.get(issue.merged_into_id).number}")
    if issue.attachments:
        lines.append(f"照片：{len(issue.attachments)}张")
    lines.append("记录：")
    for entry in ctx.uow.audit.of_issue(issue.id):
        if not shown_to(entry, ctx.role, ctx.chat.kind):  # a 备注, where residents read
            continue
        action = texts.AUDIT_ACTIONS.get(entry.action, entry.action)
        note = trail_note(entry, issue, readable=readable, whole=whole)
        # A repeated report's note says who and where (私信居民 for one made privately).
        actor = "" if entry.action == "duplicate" else f"{who(entry.actor_id)} "
        fields = {"when": when(entry.at, tz), "actor": actor, "action": action}
        fields["note"] = f"：{note}" if note else ""
        if entry.from_status and entry.to_status and entry.from_status != entry.to_status:
            before, after = IssueStatus(entry.from_status), IssueStatus(entry.to_status)
            lines.append(
                texts.HISTORY_MOVE.format(before=before.label, after=after.label, **fields)
            )
        else:
            lines.append(texts.HISTORY_NOTE.format(**fields))
    details = answer(ctx, "\n".join(lines))
    # A private report's photos, which can show whose door it is, into a private chat only.
    shown = readable and (ctx.chat.kind == "private" or not issue.private)
    return Outcome([*details.replies, *(photos(ctx, issue) if shown else [])], details.status)


def _clock_line(ctx: Context, issue: Issue) -> str:
    """An open issue's 「🟡 期限：11月24日 · 承办：物业」, or 「⏸ 挂起（11月24日起）」 while its
    clock is stopped."""
    mark = colour_of(ctx.services, issue.deadline).emoji
    holder = assignee_label(ctx.uow, issue)
    stopped = suspended_shown(ctx.services, issue)
    return (
        (
            (f"{texts.SUSPENDED_MARK} {stopped}" if stopped else "")
            or f"{mark} 期限：{shown_deadline(ctx.services, issue.deadline)}"
        )
        + _limit_shown(ctx, issue)
        + (f" · 承办：{holder}" if holder else "")
        + (f" · 已上报{issue.escalated_to or ''}" if issue.escalated else "")
    )


def where_shown(issue: Issue, *, readable: bool) -> str:
    """Where the issue is; its flat only where what it says is `readable` (`reads_report`):
    a flat number says who complained."""
    room = issue.room if readable else None
    return location_label(issue.building, issue.unit, room, issue.place)


def words_shown(issue: Issue, *, readable: bool, whole: bool) -> str:
    """What the issue says, where `readable` (`reads_report`); a phone number to call back
    whole only where the reader `calls_back` (`whole`), masked elsewhere (chat-protocol §9)."""
    if not readable:
        return texts.STAFF_COMPLAINT_TEXT if issue.staff_complaint else texts.PRIVATE_TEXT
    typed = printable(issue.description)
    return typed if whole else mask_text(typed)


def trail_note(entry: AuditEntry, issue: Issue, *, readable: bool, whole: bool) -> str:
    """A history entry's note as shown (masked). What the reporter wrote there (补充, 重开, a
    rating's reason) is a private report's words too: shown only where `readable`, and whole
    where the reader `calls_back` (`whole`: the number they left to be called on)."""
    by_reporter = entry.actor_id == issue.reporter_id
    if not readable and by_reporter:
        return ""
    typed = printable(entry.note)
    return typed if whole and by_reporter else mask_text(typed)


def person_label(uow: UnitOfWork, issue: Issue, person_id: int | None, *, named: bool) -> str:
    """Someone in an issue's details or history: masked; the reporter of a private report as
    私信居民 unless `named` (chat-protocol §9), but not staff who took it (a call, an order);
    系统 for the bot's own steps."""
    if person_id is None:
        return "系统"
    name = uow.people.get(person_id).name
    if person_id != issue.reporter_id:
        return mask_name(name)
    hidden = issue.private and not Source(issue.source).taken
    return reporter_label(name, private=hidden, named=named)


PHOTOS_SHOWN = 4  # photos sent again after the details; the count line says how many in all


def photos(ctx: Context, issue: Issue) -> list[Outgoing]:
    """The issue's first photos: the bot's own copy (`bot.media`) into any chat, else sent
    again by the id the platform gave it where that platform and bot hold it."""
    here = ctx.message.chat
    folder = MediaFolder(ctx.services.settings.media.dir)
    pictures = [a for a in issue.attachments if a.kind == "photo"]
    shown: list[Outgoing] = []
    for index, photo in enumerate(pictures[:PHOTOS_SHOWN], 1):
        caption = texts.SHOW_PHOTO.format(number=issue.number, index=index, count=len(pictures))
        kept = folder.path(photo.file) if photo.file else None
        held = _holds(ctx, photo.chat_id)
        if kept is None and not held:
            continue
        name = photo.file or photo.caption or f"{issue.number}-{index}.jpg"
        shown.append(
            Document(
                here,
                name,
                b"",
                caption=caption,
                photo=True,
                ref=photo.ref if held else None,  # if the copy is gone by the time it is sent
                kept=str(kept) if kept is not None else None,
            )
        )
    return shown


def _holds(ctx: Context, chat_id: int | None) -> bool:
    """Whether the bot answering here can send a photo that came in chat `chat_id` by its
    platform id: the same platform, and the same bot account when several share one database."""
    if chat_id is None:
        return False
    came = ctx.uow.chats.by_id(chat_id)
    return came.platform == ctx.chat.platform and came.account in (None, ctx.chat.account)


SHOW_LIMIT = 1000  # characters of a description shown in chat (a 100 KB one would be 25 messages)


def shortened(text: str) -> str:
    """The text, or its first SHOW_LIMIT characters and how long it is."""
    if len(text) <= SHOW_LIMIT:
        return text
    return text[:SHOW_LIMIT] + texts.SHOW_CUT.format(count=len(text))


def when(instant: datetime, tz: ZoneInfo) -> str:
    moment = local(instant, tz)
    return f"{month_day(moment)} {moment:%H:%M}"
