"""What every handler receives and returns, and how a command is described."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from typing import TypeGuard

from bot.analysis import Analyzer, Category
from bot.analysis.location import building_number
from bot.clock import Clock
from bot.config import Community as CommunitySettings
from bot.config import Settings
from bot.domain.calendar import WorkCalendar
from bot.domain.deadlines import parse_deadline
from bot.domain.issues import IssueStatus, Role, strongest
from bot.domain.lifecycle import OPEN
from bot.domain.permissions import Actor
from bot.domain.quiet import quiet_end
from bot.domain.ratings import RATING_ACTIONS, counted_rating, rating_after
from bot.messages import IMPORTED, AttachmentRef, IncomingMessage, Outgoing, Reply
from bot.text import echoed, longest_prefix, normalize, shorten
from handlers import texts
from handlers.schedule import sync_issue
from storage.models import (
    Attachment,
    AuditEntry,
    Chat,
    Community,
    Issue,
    Person,
    RoleGrant,
    WaitingPhoto,
)
from storage.uow import UnitOfWork


@dataclass(frozen=True)
class Services:
    """Long-lived collaborators, built once by `bot.app.bootstrap`."""

    settings: Settings
    clock: Clock
    # The holidays as known: which years are known (`covers`), statutory holidays, December's
    # warning. Raises UnknownYear past them.
    calendar: WorkCalendar
    # What deadlines, colours and digests count with: the same holidays, and past the years
    # known (next year's not yet published) Monday to Friday; `shown_deadline` says so.
    weekday_calendar: WorkCalendar
    analyzer: Analyzer
    commands: Sequence[Command]
    # Extra help lines per platform, e.g. the console's prefix syntax.
    platform_help: Mapping[str, str] = field(default_factory=dict)

    def deadline(self, typed: str, now: datetime, *, calendar_days: bool = False) -> datetime:
        """The deadline `typed` means (「3天」「3个工作日」「周五」「12月1日」), counted on
        `weekday_calendar`; 「3天」 in working days unless `calendar_days`. Raises DeadlineError
        with the one line to answer."""
        return parse_deadline(typed, now, self.weekday_calendar, calendar_days=calendar_days)

    @cached_property
    def public_phones(self) -> frozenset[str]:
        """The numbers config.yaml publishes (`Settings.public_phones`): shown in groups."""
        return self.settings.public_phones()

    def community_settings(self, code: str) -> CommunitySettings:
        return next(c for c in self.settings.communities if c.code == code)

    def command(self, name: str) -> Command:
        return next(c for c in self.commands if c.name == name)

    def category(self, code: str) -> Category:
        for category in self.analyzer.categories:
            if category.code == code:
                return category
        return next(c for c in self.analyzer.categories if c.code == "other")


@dataclass
class Context:
    """One message being handled, inside its own unit of work."""

    message: IncomingMessage
    uow: UnitOfWork
    services: Services
    chat: Chat
    sender: Person
    community: Community | None
    actor: Actor

    @property
    def role(self) -> Role:
        return self.actor.role

    @property
    def now(self) -> datetime:
        return self.services.clock.now()

    def community_settings(self) -> CommunitySettings:
        assert self.community is not None
        return self.services.community_settings(self.community.code)


def quiet_until(services: Services, community_code: str | None, now: datetime) -> datetime | None:
    """When the quiet hours `now` falls in end, for this community (else the default hours);
    None when `now` is not quiet."""
    settings = services.settings
    quiet = settings.quiet_hours
    spec = next((c for c in settings.communities if c.code == community_code), None)
    if spec is not None:
        quiet = settings.quiet_hours_of(spec)
    return quiet_end(quiet, now, settings.tz)


def actor_of(uow: UnitOfWork, person_id: int, community_id: int | None) -> Actor:
    """The person as permissions see them in a community: their strongest role now."""
    grants = uow.people.grants_of(person_id, community_id) if community_id is not None else []
    return actor_with(person_id, grants)


def actor_with(person_id: int, grants: Sequence[RoleGrant]) -> Actor:
    """`actor_of`, from the person's grants in that community, read already."""
    return Actor(
        person_id=person_id,
        role=strongest([g.role for g in grants]),
        grid_ids=frozenset(
            g.grid_id for g in grants if g.role is Role.WORKER and g.grid_id is not None
        ),
        unit=next((g.work_unit for g in grants if g.work_unit), None),
        buildings=frozenset(
            number
            for g in grants
            if g.role is Role.HEAD and g.building and (number := building_number(g.building))
        ),
    )


class Answer(Exception):
    """Stop handling and answer in one line; nothing the handler changed is kept.

    `status` "refused" also writes an audit entry for the attempt (chat-protocol §4).
    """

    def __init__(self, text: str, status: str = "invalid", command: str = "") -> None:
        super().__init__(text)
        self.text = text
        self.status = status
        self.command = command


HINT_WORDS_AT_MOST = 100
"""Characters of someone's own words a hint shows them in the command to send (「办结 1 …」)."""


def hinted(words: str) -> str:
    """Someone's words as a hint shows them in a command to send: one line, and a 20,000-
    character message not sent back whole."""
    return shorten(_OF_FIRST.sub("", words), HINT_WORDS_AT_MOST)


# 「1号的业主不让进」: the words after an issue's number, without its 的 (not 「的确」).
_OF_FIRST = re.compile(r"^的(?!确|话)")


# 「网格9」: a grid named as grids are, whether or not there is one.
_GRID_NAMED = re.compile(r"网格[0-9一二三四五六七八九十]{1,3}")


def check_grid(word: str, grids: Iterable[str]) -> None:
    """Answer 「没有「网格9」这个网格，可以写：网格3、网格5。」 for a word named as a grid is
    (`word` normalised) that none of `grids` is called; any other word passes."""
    names = list(grids)
    if _GRID_NAMED.fullmatch(word) is not None and word not in names:
        raise Answer(texts.GRID_UNKNOWN.format(word=echoed(word), grids="、".join(names)))


@dataclass(frozen=True)
class Outcome:
    """What a handler did: the messages to send, and a one-word record for the inbox."""

    replies: list[Outgoing]
    status: str  # "issue", "command", "refused", "invalid"
    issue_id: int | None = None
    # The replies say only what staff publish for groups to read (config's work numbers for
    # 「网格员电话」, a 群发 notice): a group sees the numbers in them unmasked.
    published: bool = False
    # Its notices to other chats go even in quiet hours (an urgent 群发).
    at_once: bool = False


Handler = Callable[[Context, str], Outcome]


@dataclass(frozen=True)
class Command:
    """One chat command: ASCII name, Chinese keywords, and the help text read by /help."""

    name: str
    keywords: tuple[str, ...]
    usage: str  # arguments after the command word, e.g. "编号"
    summary: str
    example: str
    handler: Handler
    # Who sees it in /help; what each may actually do is `bot.domain.permissions`.
    audience: frozenset[Role] = frozenset(Role)
    # What the first argument must be for the Chinese keyword to count as this command
    # ("issue": 23 / #23, "meeting": M3), so 「查看 群公告」 or 「结果 呢」 stay chatter.
    expects: str = ""
    # Its arguments end in the sender's own words (a note, a result, a reason), which keep
    # their closing question mark: 「进展 1 需要业主在家吗？」.
    own_words: bool = False
    # Everyday words that count as this command only before an issue number standing alone
    # (「派 1 物业」「跟进 1 明天去看」; 「派出所」「跟进3号楼的事」 are words).
    loose_keywords: tuple[str, ...] = ()
    # Words people say meaning this command that are not it (「关闭 1」「删除 2」): answered with
    # how to say it, never run. A word may be near several: the first its sender uses is meant.
    near_words: tuple[str, ...] = ()

    @property
    def every_keyword(self) -> tuple[str, ...]:
        """Its keywords, the loose ones last."""
        return self.keywords + self.loose_keywords

    def usage_line(self) -> str:
        args = f" {self.usage}" if self.usage else ""
        return f"用法：/{self.name}{args}（或「{self.keywords[0]}{args}」），例如：{self.example}"


def numbers_of(issues: Iterable[Issue]) -> str:
    """Issues as a line names them: 「#1、#3」."""
    return "、".join(f"#{issue.number}" for issue in issues)


def in_this_chat(ctx: Context, issue: Issue) -> bool:
    """Whether the sender's `issue` is one to answer about here: privately any of theirs, in a
    group only one reported there."""
    return ctx.chat.kind == "private" or issue.chat_id == ctx.chat.id


def reply_to(ctx: Context, text: str) -> Reply:
    """A reply in the chat the message came from, quoting it."""
    return Reply(ctx.message.chat, text, reply_to_message_id=ctx.message.message_id)


def joined_here(
    ctx: Context, replies: Sequence[Outgoing], *, lines_only: bool = False
) -> list[Outgoing]:
    """`replies` with those in the sender's chat that are text alone (no buttons, no one
    mentioned; with `lines_only`, one line each: an issue's record stays a message of its
    own) said as one message, line by line, a line said twice once, where the first was:
    what several commands, or one command of several issues, answer there."""
    chat = ctx.message.chat

    def plain(out: Outgoing) -> TypeGuard[Reply]:
        if not isinstance(out, Reply) or out.chat != chat or out.buttons or out.mentions:
            return False
        return not (lines_only and "\n" in out.text)

    here = [out for out in replies if plain(out)]
    if not here:
        return list(replies)
    lines = dict.fromkeys(out.text for out in here)  # 「没有找到 #3。」 once
    joined = reply_to(ctx, "\n".join(lines))
    first = next(at for at, out in enumerate(replies) if plain(out))
    rest = [out for out in replies if not plain(out)]
    return [*rest[:first], joined, *rest[first:]]


WORK_SHOWN = "work_shown"
"""The outcome of 办结 and 进展: a photo the same person sends just after it (WeChat sends a
photo as a message of its own) shows the work done (`intake.late_photo`)."""


def answer(ctx: Context, text: str, status: str = "command") -> Outcome:
    return Outcome([reply_to(ctx, text)], status)


def refuse(ctx: Context, command: str, reason: str) -> Outcome:
    """Refuse in one line, and keep a record of who tried what (chat-protocol §4)."""
    ctx.uow.audit.record(
        AuditEntry(
            community_id=ctx.community.id if ctx.community else None,
            issue_id=None,
            actor_id=ctx.sender.id,
            action=f"refused:{command}",
            from_status=None,
            to_status=None,
            note=reason,
            at=ctx.services.clock.now(),
        )
    )
    return answer(ctx, reason, "refused")


# What leaves an issue's reminders as they are: no status, deadline or urgency changes with it
# (a neighbour's duplicate report, a 补充, a photo, following it, 催办, a 回头看 answer, the
# reporter's 撤回, which only asks, their objection to a 退回, and a holder asking for 延期).
_UNSCHEDULED = frozenset(
    {
        "note",
        "duplicate",
        "supplement",
        "photo",
        "follow",
        "unfollow",
        "urge",
        "lookback",
        "withdraw",
        "reject_objection",
        "extend_asked",
        "thanked",
        "call_missed",
        "recategorize",
    }
)


def end_suspension(issue: Issue) -> None:
    """Forget a suspension (挂起): since when, why, the deadline kept aside, the day to resume."""
    issue.suspended_at = issue.suspended_deadline = issue.suspended_until = None
    issue.suspended_reason = None


def record(
    ctx: Context, issue: Issue, action: str, note: str = "", *, before: IssueStatus | None = None
) -> None:
    """Write the audit entry for a change to `issue` (who, when, from → to, note), and bring
    its reminders and the rating its statistics count in step with the change."""
    issue.updated_at = ctx.now
    if issue.suspended_at is not None and (issue.deadline is not None or issue.status not in OPEN):
        # 挂起 ends with a clock again (延期, 受理) or with the issue finished
        end_suspension(issue)
    if action in RATING_ACTIONS:
        issue.counted_rating = counted_rating(
            rating_after(issue.counted_rating, action, note), issue.rating
        )
    ctx.uow.audit.record(
        AuditEntry(
            community_id=issue.community_id,
            issue_id=issue.id,
            actor_id=ctx.sender.id,
            action=action,
            from_status=before.value if before is not None else None,
            to_status=issue.status.value if before is not None else None,
            note=note,
            at=ctx.now,
        )
    )
    if before is not None or action not in _UNSCHEDULED:
        sync_issue(ctx.uow, ctx.services, issue)


def record_by_bot(
    uow: UnitOfWork,
    services: Services,
    issue: Issue,
    action: str,
    note: str,
    *,
    before: IssueStatus | None = None,
) -> None:
    """`record` for a change the bot makes by itself when a reminder fires (系统 in the
    record): no sender, no chat."""
    now = services.clock.now()
    issue.updated_at = now
    uow.audit.record(
        AuditEntry(
            community_id=issue.community_id,
            issue_id=issue.id,
            actor_id=None,
            action=action,
            from_status=before.value if before is not None else None,
            to_status=issue.status.value if before is not None else None,
            note=note,
            at=now,
        )
    )
    sync_issue(uow, services, issue)


def record_community(ctx: Context, community_id: int, action: str, note: str) -> None:
    """Write the audit entry for a change that concerns no one issue (a binding, a role,
    points redeemed)."""
    ctx.uow.audit.record(
        AuditEntry(
            community_id=community_id,
            issue_id=None,
            actor_id=ctx.sender.id,
            action=action,
            from_status=None,
            to_status=None,
            note=note,
            at=ctx.now,
        )
    )


def attach(ctx: Context, issue: Issue, attachments: Iterable[AttachmentRef]) -> None:
    """Keep the sender's photos and files with `issue`; the bot fetches a copy of each photo
    through the chat it came in (not for an imported history, whose refs are file names)."""
    keep_attachments(ctx, attachments, issue_id=issue.id)


def keep_attachments(
    ctx: Context,
    attachments: Iterable[AttachmentRef],
    *,
    issue_id: int | None = None,
    patrol_id: int | None = None,
) -> None:
    """Keep the sender's photos and files with an issue or a round of 走访 (`attach`)."""
    chat_id = None if ctx.message.via == IMPORTED else ctx.chat.id
    for attachment in attachments:
        ctx.uow.issues.add_attachment(
            Attachment(
                issue_id=issue_id,
                patrol_id=patrol_id,
                kind=attachment.kind,
                ref=attachment.ref,
                caption=attachment.caption,
                added_by_id=ctx.sender.id,
                added_at=ctx.now,
                chat_id=chat_id,
            )
        )


PHOTO_WINDOW = timedelta(minutes=2)
"""A photo sent this soon after its sender's words goes with them (chat-protocol §2): WeChat
sends each photo as a message of its own."""
WORDS_WINDOW = timedelta(minutes=5)
"""A photo sent on its own waits this long for its sender's words: typing them on a phone
takes longer than sending a photo after them."""


def earlier_photos(ctx: Context) -> tuple[AttachmentRef, ...]:
    """The photos the sender sent on their own in this chat just before this message, which
    it is about (`hold_photo`)."""
    until = ctx.chat.photos_wait_until
    if until is None or until <= ctx.now:  # nothing is waiting here: no query
        return ()
    waiting = ctx.uow.issues.take_waiting_photos(ctx.chat.id, ctx.sender.id, ctx.now - WORDS_WINDOW)
    if ctx.chat.kind == "private":  # the sender's own chat: none waits any more
        ctx.chat.photos_wait_until = None
    return tuple(AttachmentRef(photo.kind, photo.ref, photo.caption) for photo in waiting)


def hold_photo(ctx: Context) -> Outcome:
    """Photos sent with nothing to go with: kept for the sender's next words (WORDS_WINDOW).
    Privately, a resident's first is answered with what to say (staff know; a group's are
    neighbours')."""
    waited = ctx.chat.photos_wait_until
    first = waited is None or waited <= ctx.now
    ctx.chat.photos_wait_until = ctx.now + WORDS_WINDOW
    waiting = [
        WaitingPhoto(
            chat_id=ctx.chat.id,
            person_id=ctx.sender.id,
            kind=attachment.kind,
            ref=attachment.ref,
            caption=attachment.caption,
            at=ctx.now,
        )
        for attachment in ctx.message.attachments
    ]
    ctx.uow.issues.hold_photos(waiting, drop_before=ctx.now - WORDS_WINDOW)
    if ctx.chat.kind != "private" or not first or ctx.role not in (Role.RESIDENT, Role.HEAD):
        return Outcome([], "photo_waiting")
    minutes = int(WORDS_WINDOW.total_seconds()) // 60
    return Outcome([reply_to(ctx, texts.PHOTO_WAITS.format(minutes=minutes))], "photo_waiting")


def keep_photos(ctx: Context, issue: Issue) -> None:
    """The photos sent with this message, or on their own just before it, belong with
    `issue`, recorded in its trail."""
    photos = (*earlier_photos(ctx), *ctx.message.attachments)
    if photos:
        attach(ctx, issue, photos)
        record(ctx, issue, "photo", f"{len(photos)}张")


def mention_first(ctx: Context, word: str) -> tuple[str, str]:
    """A word that starts with an @mention the platform marked, and what was typed right after
    it (「@刘物业3天」 → 「@刘物业」, 「3天」); the word whole when no mention starts it."""
    said = normalize(word)
    names = (
        m for mention in ctx.message.mentions for m in (mention.name, mention.handle, mention.ref)
    )
    longest = longest_prefix(said, (f"@{name}" for name in names if name))
    if not longest:
        return word, ""
    return longest, said[len(longest) :]


def mentioned_person(ctx: Context, name: str) -> Person | None:
    """The person the message @-mentions as `name`, known from now on if new."""
    for mention in ctx.message.mentions:
        if name not in (mention.name, mention.ref, mention.handle):
            continue
        if not mention.ref:  # @handle alone: someone the bot has seen with that handle
            return ctx.uow.people.by_handle(mention.platform, mention.handle)
        return ctx.uow.people.ensure(
            mention.platform, mention.ref, mention.name, ctx.now, mention.handle
        )
    return None
