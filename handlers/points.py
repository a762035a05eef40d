"""Points (积分, chat-protocol §8): earning, /points, 积分榜, /redeem and the Monday leaderboard.

Earning is called from where the deed happens, in the same transaction:
- `report_accepted` (ledger.move, when a report is first taken up: 受理, or 派单, 办结 or 上报
  straight away): the reporter gets +5, once per issue; meeting action items (filed by a
  meeting, not reported) earn nothing.
- `report_rejected` (ledger.reject): what the report earned is taken back (reason `rejected`),
  and so is what duplicates confirming it earned; a report rejected before it was accepted
  never earned anything.
- `duplicate_confirmed` (intake, a report matched to an open issue): +2 to a person other than
  the issue's reporter, once per person per issue; `duplicate_withdrawn` (「新建」) takes it
  back, and the same person matching that issue again earns nothing (farm-proof).
- `verification_photo` (intake, an untagged photo that is not a report's): a photo sent by the
  reporter or a follower of a resolved issue (办结, awaiting follow-up), in the chat they
  reported or follow it from or privately, is attached to it as a verification photo, +3 once
  per person per issue. With several such issues, the most recently resolved one is meant.

The amounts come from config (`points:`, see `rules`).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from bot.domain.issues import IssueStatus
from bot.domain.lifecycle import OPEN
from bot.domain.periods import joined
from bot.domain.permissions import AT_WORK, refusal
from bot.domain.points import (
    DUPLICATE,
    EARNING,
    PHOTO,
    RECENT_CHANGES,
    REDEEM,
    REJECTED,
    REPORT,
    WITHDRAWN,
    parse_amount,
    previous_week,
    ranking,
    week_start,
)
from bot.domain.privacy import mask_name
from bot.messages import Outgoing, Reply
from bot.text import clause, month_day, normalize
from handlers import texts
from handlers.base import (
    Answer,
    Context,
    Outcome,
    Services,
    answer,
    attach,
    mentioned_person,
    record,
    record_community,
    reply_to,
)
from handlers.notify import chat_ref
from storage.models import Issue, Person, PointEntry, Reminder
from storage.uow import UnitOfWork

if TYPE_CHECKING:  # handlers.stats needs handlers.ledger, which calls into this module
    from handlers.stats import Period

BOARD_WORDS = frozenset({"榜", "排行", "排行榜", "board", "top"})
_BOARD_TYPED = re.compile(r"(?:^|[/\s])积分榜")
_WORDS = re.compile(r"\s+")


# -- earning --------------------------------------------------------------------------------------


def _award(ctx: Context, person_id: int, issue: Issue, reason: str, delta: int) -> int:
    """Add `delta` for (person, issue, reason) unless that was done before; returns what changed."""
    if delta == 0 or ctx.uow.points.find(person_id, issue.id, reason) is not None:
        return 0
    ctx.uow.points.add(
        PointEntry(
            community_id=issue.community_id,
            person_id=person_id,
            delta=delta,
            reason=reason,
            issue_id=issue.id,
            note="",
            actor_id=ctx.sender.id,
            at=ctx.now,
        )
    )
    return delta


def _take_back(ctx: Context, person_id: int, issue: Issue, earned: str, reason: str) -> int:
    """Give back what (person, issue, `earned`) brought, once, as a `reason` row."""
    entry = ctx.uow.points.find(person_id, issue.id, earned)
    if entry is None or entry.delta <= 0:
        return 0
    return _award(ctx, person_id, issue, reason, -entry.delta)


def report_accepted(ctx: Context, issue: Issue) -> int:
    if issue.meeting_id is not None:
        return 0
    return _award(ctx, issue.reporter_id, issue, REPORT, ctx.services.settings.points.report)


def report_rejected(ctx: Context, issue: Issue) -> int:
    """A rejected issue was no community matter: what its report and the reports that
    confirmed it (duplicates not already withdrawn) earned is taken back."""
    entries = ctx.uow.points.on_issue(issue.id)
    withdrawn = {e.person_id for e in entries if e.reason == WITHDRAWN}
    confirmed = {e.person_id for e in entries if e.reason == DUPLICATE} - withdrawn
    taken = _take_back(ctx, issue.reporter_id, issue, REPORT, REJECTED)
    for person_id in sorted(confirmed):
        taken += _take_back(ctx, person_id, issue, DUPLICATE, REJECTED)
    return taken


def duplicate_confirmed(ctx: Context, issue: Issue) -> int:
    if issue.reporter_id == ctx.sender.id:
        return 0  # repeating one's own report earns nothing
    return _award(ctx, ctx.sender.id, issue, DUPLICATE, ctx.services.settings.points.duplicate)


def duplicate_withdrawn(ctx: Context, issue: Issue) -> int:
    return _take_back(ctx, ctx.sender.id, issue, DUPLICATE, WITHDRAWN)


def verification_photo(ctx: Context) -> Outcome | None:
    """A photo of a resolved issue from its reporter or a follower; None when it is not one."""
    if ctx.community is None or not ctx.message.attachments:
        return None
    private = ctx.chat.kind == "private"
    for issue in ctx.uow.points.resolved_watched(ctx.sender.id, ctx.community.id):
        follower = ctx.uow.issues.follower(issue.id, ctx.sender.id)
        chats = {issue.chat_id} if issue.reporter_id == ctx.sender.id else set()
        if follower is not None:
            chats.add(follower.chat_id)
        if private or ctx.chat.id in chats:
            return _verified(ctx, issue)
    return None


def verification_photo_points(ctx: Context, issue: Issue) -> int:
    """+3 to the sender for a photo verifying `issue`'s resolution, once per person and issue."""
    return _award(ctx, ctx.sender.id, issue, PHOTO, ctx.services.settings.points.photo)


def _verified(ctx: Context, issue: Issue) -> Outcome:
    count = len(ctx.message.attachments)
    attach(ctx, issue, ctx.message.attachments)
    record(ctx, issue, "photo", f"{count}张（办结核实）")
    earned = verification_photo_points(ctx, issue)
    if earned:
        text = texts.POINTS_PHOTO.format(number=issue.number, count=count, points=earned)
    else:
        text = texts.PHOTO_ADDED.format(number=issue.number, count=count)
    return Outcome([reply_to(ctx, text)], "photo", issue.id)


# -- the commands ---------------------------------------------------------------------------------


_ADDED = "加分"  # 「积分 加分」, as routing reads 「给王芳加10分」


def points(ctx: Context, args: str) -> Outcome:
    """积分 — one's balance and last changes; 积分 榜 / 积分榜 — this week's board; 积分 榜 今年
    (本月, 上月, 11月, 11月1日到15日 … as 统计 names a period) — that period's."""
    if ctx.community is None:
        raise Answer(texts.NEEDS_COMMUNITY)
    words = normalize(args).lower()
    first, _, rest = words.partition(" ")
    if first in BOARD_WORDS:  # 「积分 榜 今年」
        period = rest
    elif _BOARD_TYPED.search(normalize(ctx.message.text)):  # 「积分榜」「积分榜 今年」
        period = words
    elif first == _ADDED:  # 「给王芳加10分」: points are earned, not given
        raise Answer(texts.POINTS_NOT_GIVEN.format(**_rule_fields(ctx.services)))
    elif words:
        raise Answer(ctx.services.command("points").usage_line())
    else:
        return answer(ctx, _mine(ctx))
    return answer(ctx, _board_of(ctx, period) if period else _this_week(ctx))


def my_figures(ctx: Context, args: str) -> Outcome:
    """我的统计 [今年/本月/上月 …] — what one reported in the period (this year's by default) and
    what became of it, with the points it earned: a resident's 年度报告. Someone at work who
    reported nothing is given what they did (统计 … 我), this month's by default."""
    if ctx.community is None:
        raise Answer(texts.NEEDS_COMMUNITY)
    period = _period(ctx, normalize(args) or "今年", "my_figures")
    community_id, me = ctx.community.id, ctx.sender.id
    since, until = period.since, period.until
    counts = ctx.uow.issues.reported_counts(community_id, me, since, until)
    # A report found to be a neighbour's (「已记下：#1 共2人反映」) is theirs as well.
    touched = ctx.uow.audit.work_done(community_id, since, until, {_JOINED}, [me])
    joined_in = next((n for _, action, n in touched if action is None), 0)
    if not counts and not joined_in:
        if ctx.role in AT_WORK:  # staff and handlers report little: what they did, then
            from handlers.stats import stats  # which reads the ledger, which reads points

            return stats(ctx, f"{normalize(args) or '本月'} 我")
        return answer(ctx, texts.MY_FIGURES_NONE.format(period=period.label))
    parts = []
    if counts:
        done = counts.get(IssueStatus.RESOLVED, 0) + counts.get(IssueStatus.CLOSED, 0)
        parts.append(texts.MY_FIGURES_DONE.format(n=done))
        parts.append(texts.MY_FIGURES_OPEN.format(n=sum(counts.get(s, 0) for s in OPEN)))
    for status, said in (
        (IssueStatus.REJECTED, texts.MY_FIGURES_REJECTED),
        (IssueStatus.MERGED, texts.MY_FIGURES_MERGED),
    ):
        if counts.get(status):
            parts.append(said.format(n=counts[status]))
    if joined_in:
        parts.append(texts.MY_FIGURES_JOINED.format(n=joined_in))
    earned = dict(
        ctx.uow.points.totals(community_id, since or _EVER, period.so_far(ctx.now), EARNING)
    ).get(me, 0)
    text = texts.MY_FIGURES.format(
        period=period.label,
        count=sum(counts.values()) + joined_in,
        parts="、".join(parts),
        points=texts.MY_FIGURES_POINTS.format(n=earned) if earned > 0 else "",
    )
    return answer(ctx, text)


def _board_of(ctx: Context, typed: str) -> str:
    """「🏆 今年积分榜：」 and its lines, for a period as 统计 reads it; the usage for words that
    name none."""
    assert ctx.community is not None
    period = _period(ctx, typed, "points")
    board = _board(ctx.uow, ctx.community.id, period.since or _EVER, period.so_far(ctx.now))
    if not board:
        return texts.POINTS_BOARD_PERIOD_EMPTY.format(period=period.label)
    return "\n".join([texts.POINTS_BOARD_PERIOD_HEAD.format(period=period.label), *board])


def _period(ctx: Context, typed: str, command: str) -> Period:
    """The period words name as 统计 reads them (年度: this year); the command's usage for
    words that name none."""
    # Imported here: handlers.stats needs handlers.ledger, which calls into this module.
    from handlers.stats import parse_period

    word = joined(typed).replace(" ", "")
    try:
        return parse_period(_YEAR_SAID.get(word, word), ctx.now, ctx.services.settings.tz)
    except ValueError:
        raise Answer(ctx.services.command(command).usage_line()) from None


_YEAR_SAID = {"年度": "今年", "本年度": "今年"}
_JOINED = "duplicate"  # the audit's word for a report found to be an open issue's
_EVER = datetime(2000, 1, 1, tzinfo=UTC)  # 累计: since points began


def _mine(ctx: Context) -> str:
    assert ctx.community is not None
    community = ctx.community
    balance = ctx.uow.points.balance(community.id, ctx.sender.id)
    changes = ctx.uow.points.recent(community.id, ctx.sender.id, RECENT_CHANGES)
    if not changes:
        return texts.POINTS_NONE.format(community=community.name, **_rule_fields(ctx.services))
    since = week_start(ctx.now, ctx.services.settings.tz)  # 「我排第几」: this week's board
    ranked = ranking(ctx.uow.points.totals(community.id, since, ctx.now, EARNING))
    earned = next((n for person_id, n in ranked if person_id == ctx.sender.id), None)
    if earned is None:
        place = texts.POINTS_WEEK_NONE
    else:
        place = texts.POINTS_WEEK_PLACE.format(earned=earned, place=_place(ranked, earned))
    lines = [texts.POINTS_BALANCE.format(community=community.name, points=balance) + place]
    lines.append(texts.POINTS_RECENT)
    for entry in changes:
        lines.append(
            texts.POINTS_LINE.format(
                date=_date(ctx.services, entry.at),
                delta=f"{entry.delta:+d}",
                what=_what(ctx, entry),
            )
        )
    return "\n".join(lines)


def _what(ctx: Context, entry: PointEntry) -> str:
    label = texts.POINTS_REASONS.get(entry.reason, entry.reason)
    if entry.issue_id is not None:
        return f"#{ctx.uow.issues.get(entry.issue_id).number} {label}"
    return f"{label}：{entry.note}" if entry.note else label


def how_to_use(ctx: Context) -> Outcome:
    """「积分怎么用」「积分能换什么」: where they are exchanged (config `points.exchange`) and how
    they are earned."""
    exchange = clause(ctx.services.settings.points.exchange) or texts.POINTS_USE_ASK
    return answer(ctx, texts.POINTS_USE.format(exchange=exchange, **_rule_fields(ctx.services)))


def _rule_fields(services: Services) -> dict[str, int]:
    rules = services.settings.points
    return {"report": rules.report, "duplicate": rules.duplicate, "photo": rules.photo}


def _this_week(ctx: Context) -> str:
    assert ctx.community is not None
    settings = ctx.services.settings
    since = week_start(ctx.now, settings.tz)
    board = _board(ctx.uow, ctx.community.id, since, ctx.now)
    if not board:
        return texts.POINTS_BOARD_EMPTY
    head = texts.POINTS_BOARD_HEAD.format(since=_date(ctx.services, since))
    return "\n".join([head, *board])


def _board(uow: UnitOfWork, community_id: int, since: datetime, until: datetime) -> list[str]:
    """The leaderboard's lines: rank (ties share one), masked name, points earned."""
    ranked = ranking(uow.points.totals(community_id, since, until, EARNING))
    lines = []
    for person_id, earned in ranked:
        place = _place(ranked, earned)
        name = mask_name(uow.people.get(person_id).name)
        lines.append(texts.POINTS_BOARD_LINE.format(place=place, name=name, points=earned))
    return lines


def _place(ranked: list[tuple[int, int]], earned: int) -> int:
    """The place on a board of `earned` points: ties share one."""
    return 1 + sum(1 for _, other in ranked if other > earned)


def redeem(ctx: Context, args: str) -> Outcome:
    """兑换 @人 分数 说明 — the secretary exchanges someone's points; audited."""
    if ctx.community is None:
        raise Answer(texts.NEEDS_COMMUNITY)
    reason = refusal("redeem", ctx.actor)
    if reason is not None:
        raise Answer(reason, "refused", "redeem")
    words = [*_WORDS.split(args.strip(), maxsplit=2), "", ""][:3]
    target, amount_word, note = words[0], words[1], words[2].strip()
    amount = parse_amount(normalize(amount_word)) if amount_word else None
    if not target or amount is None or not note:
        raise Answer(ctx.services.command("redeem").usage_line())
    person = _person(ctx, normalize(target).lstrip("@"))
    community = ctx.community
    balance = ctx.uow.points.balance(community.id, person.id)
    who = mask_name(person.name)
    if amount > balance:
        raise Answer(texts.REDEEM_TOO_MUCH.format(who=who, balance=balance, amount=amount))
    ctx.uow.points.add(
        PointEntry(
            community_id=community.id,
            person_id=person.id,
            delta=-amount,
            reason=REDEEM,
            issue_id=None,
            note=note,
            actor_id=ctx.sender.id,
            at=ctx.now,
        )
    )
    record_community(ctx, community.id, REDEEM, f"{person.name} -{amount}分：{note}")
    left = balance - amount
    text = texts.REDEEMED.format(who=who, amount=amount, note=note, left=left)
    return answer(ctx, text)


def _person(ctx: Context, name: str) -> Person:
    assert ctx.community is not None
    mentioned = mentioned_person(ctx, name)
    if mentioned is not None:
        return mentioned
    people = list(ctx.uow.points.people_named(ctx.community.id, name))
    if not people:
        people = list(ctx.uow.people.named(ctx.community.id, name))
    if len(people) > 1:
        raise Answer(texts.AMBIGUOUS_PERSON.format(name=name))
    if not people:
        raise Answer(texts.POINTS_WHO.format(name=name))
    return people[0]


# -- the Monday leaderboard -----------------------------------------------------------------------


def weekly_board(uow: UnitOfWork, services: Services, reminder: Reminder) -> list[Outgoing]:
    """「本周积分榜」 in a grid group: the week before this one; nothing if nobody earned. The
    year's first also brings the year gone's board (「🏆 2026年积分榜」), its 积分之星."""
    # Imported here: handlers.digests needs handlers.ledger, which calls into this module.
    from handlers.digests import first_working_day_of_week

    assert reminder.chat_id is not None and reminder.community_id is not None
    if not first_working_day_of_week(services, reminder.due_at):
        return []
    tz = services.settings.tz
    since, until = previous_week(reminder.due_at, tz)
    chat = chat_ref(uow.chats.by_id(reminder.chat_id))
    replies: list[Outgoing] = []
    if board := _board(uow, reminder.community_id, since, until):
        head = texts.POINTS_WEEKLY_HEAD.format(
            since=_date(services, since), until=_date(services, until - timedelta(days=1))
        )
        replies.append(Reply(chat, "\n".join([head, *board, texts.POINTS_WEEKLY_FOOT])))
    due = reminder.due_at.astimezone(tz)
    if due.month == 1 and due.day <= 7:  # the year's first: the year gone's 积分之星 too
        year = due.year - 1
        start, end = datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)
        if board := _board(uow, reminder.community_id, start, end):
            head = texts.POINTS_YEAR_HEAD.format(year=year)
            replies.append(Reply(chat, "\n".join([head, *board, texts.POINTS_YEAR_FOOT])))
    return replies


def _date(services: Services, moment: datetime) -> str:
    local = moment.astimezone(services.settings.tz)
    return month_day(local)
