"""台账 / list: open issues, most urgent colour first, ten to a page (chat-protocol §3, §4)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta

from bot.analysis import Analysis
from bot.analysis.location import building_number
from bot.analysis.taxonomy import OTHER_CODE
from bot.domain.deadlines import Colour, DueWindow, due_window
from bot.domain.issues import IssueStatus, Role, location_label
from bot.domain.lifecycle import DONE, OPEN
from bot.domain.periods import joined
from bot.domain.permissions import OWN_ONLY, STAFF, calls_back, ledger_scope
from bot.domain.privacy import mask_name
from bot.domain.sources import order_shaped, sources_named
from bot.text import argument_words, echoed, month_day, normalize, whole_number
from handlers import texts
from handlers.base import (
    Answer,
    Command,
    Context,
    Outcome,
    Services,
    answer,
    check_grid,
    numbers_of,
)
from handlers.ledger import (
    Held,
    assignee_label,
    calendar_note,
    check,
    colour_of,
    held_by_person,
    held_by_unit,
    issue_facts,
    ledger_issues,
    shown_deadline,
    yellow_until,
)
from handlers.notify import phones_left
from handlers.stats import Period, category_code, parse_period
from storage.models import Issue
from storage.repositories import LedgerPage, LedgerQuery
from storage.uow import UnitOfWork

PAGE_SIZE = 10
ASKED_SHOWN = 5  # issues shown to 「3号楼灯修好了吗」
ASKED_CLOSED_DAYS = 30  # … of those no longer open, those closed within these days
_RANK = {Colour.RED: 0, Colour.YELLOW: 1, Colour.GREEN: 2}
_MINE = {"mine", "我的", "我"}
_EVERYTHING = {"全部", "all"}
_URGENT = {"紧急", "急", "加急", "急事"}
# 「台账 单位」: how many each holder has, not the issues themselves.
_BY_HOLDER = {"单位", "各单位", "按单位", "承办", "按承办", "各承办", "按人"}
# 「台账 待受理」: the open statuses by the words people use for them.
_STATUS_WORDS: dict[str, frozenset[IssueStatus]] = {
    **dict.fromkeys(["待受理", "未受理", "新报"], frozenset({IssueStatus.NEW})),
    **dict.fromkeys(["已受理", "待派单"], frozenset({IssueStatus.ACCEPTED})),
    # Nobody holds them yet, triaged or not (as 「台账 单位」 counts 未派单).
    "未派单": frozenset({IssueStatus.NEW, IssueStatus.ACCEPTED}),
    **dict.fromkeys(["办理中", "已派单", "在办"], frozenset({IssueStatus.ASSIGNED})),
    # Done and waiting for the reporter's rating: whom to call back (回访).
    **dict.fromkeys(["待回访", "待评价", "未评价", "已办结"], frozenset({IssueStatus.RESOLVED})),
}
# 「台账 办结 昨天」「台账 办完 本周」: what was done in a period (「已办结」 alone is 待回访).
_DONE_WORDS = {"办结", "办完", "完成", "已完成", "已办完", "做完"}
_SUSPENDED_WORDS = {"挂起", "已挂起", "暂缓"}  # 「台账 挂起」
# Statuses the ledger does not list: said as a filter, the answer says where they are.
_NOT_LISTED = {status.label for status in IssueStatus if status not in OPEN}


@dataclass
class _Asked:
    """What a 台账 command's words ask for."""

    page: int = 1
    colour: Colour | None = None
    mine: bool = False
    everything: bool = False
    grid_ids: set[int] = field(default_factory=set)
    category: str | None = None
    held_by: Held | None = None  # 「台账 物业」「台账 @刘物业」
    statuses: set[IssueStatus] = field(default_factory=set)  # 「台账 待受理」
    building: str | None = None  # 「台账 5号楼」
    urgent: bool = False  # 「台账 紧急」
    by_holder: bool = False  # 「台账 单位」: counts per holder
    sources: set[str] = field(default_factory=set)  # 「台账 12345」
    worker: int | None = None  # 「台账 张网格」: a grid worker's grids, and what they hold
    order: str = ""  # 「台账 2026112200123」: a work order's number (工单号, or in the words)
    due: DueWindow | None = None  # 「台账 今天到期」「本周到期」
    filed: Period | None = None  # 「台账 上月」: filed in that period
    done: bool = False  # 「台账 办结 本周」: done (办结, 销号) in the period (today by default)
    suspended: bool = False  # 「台账 挂起」: those whose clock is stopped


def _asked(ctx: Context, words: list[str]) -> _Asked:
    """Each word of 台账's arguments read as the filter it names, or the one line saying what
    can be written."""
    assert ctx.community is not None
    grids = {g.name: g for g in ctx.uow.communities.grids_of(ctx.community.id)}
    choices = [(c.code, c.name) for c in ctx.services.analyzer.categories]
    community = ctx.community_settings()
    asked = _Asked()
    for word in words:
        if named := sources_named(word):  # before the page: 「台账 12345」
            asked.sources.update(source.value for source in named)
        elif order_shaped(word):  # no page: a 12345 order's number (BJ-2026… too)
            asked.order = word
        elif (number := whole_number(word)) is not None:
            asked.page = max(1, number)
        elif (found := Colour.from_word(word)) is not None:
            asked.colour = found
        elif (due := due_window(word, ctx.now, ctx.services.settings.tz)) is not None:
            asked.due = due
        elif word.lower() in _MINE:
            asked.mine = True
        elif word in _DONE_WORDS:
            asked.done = True
        elif word in _SUSPENDED_WORDS:
            asked.suspended = True
        elif word in _STATUS_WORDS:
            asked.statuses |= _STATUS_WORDS[word]
        elif word in _NOT_LISTED:
            raise Answer(texts.LIST_NOT_OPEN.format(word=echoed(word)))
        elif word.lower() in _EVERYTHING:
            asked.everything = True
        elif word in _URGENT:
            asked.urgent = True
        elif word in _BY_HOLDER:
            asked.by_holder = True
        elif word in grids:
            asked.grid_ids.add(grids[word].id)
        elif (unit := community.unit(word)) is not None:  # 「物业」 the unit, not 物业服务
            asked.held_by = held_by_unit(ctx.uow, ctx.community.id, unit.name)
        elif (code := category_code(word, choices)) is not None:
            asked.category = code
        elif (worker := _grid_worker(ctx, word)) is not None:
            asked.worker, grid_ids = worker
            asked.grid_ids.update(grid_ids)
        elif (holder := _holder(ctx, word)) is not None:
            asked.held_by = holder
        elif (building := building_number(word)) is not None:
            asked.building = building
        elif (filed := _filed_in(ctx, word)) is not None:
            asked.filed = filed
        else:
            check_grid(word, grids)  # 「台账 网格9」: the grids there are
            raise Answer(texts.LIST_UNKNOWN_FILTER.format(word=echoed(word)))
    return asked


def _done_in(ctx: Context, asked: _Asked) -> Period | None:
    """The period 「台账 办结 …」 asks what was done in: the one named (「本周」), else today;
    None when no 办结 was asked."""
    if not asked.done:
        return None
    return asked.filed or parse_period("今天", ctx.now, ctx.services.settings.tz)


def _filed_in(ctx: Context, word: str) -> Period | None:
    """The period a word of 台账 names as 统计 reads it (「上月」「10月」「11月1日到15日」):
    the open issues filed in it; None for other words."""
    try:
        period = parse_period(word, ctx.now, ctx.services.settings.tz)
    except ValueError:
        return None
    return None if period.since is None else period


def mine(ctx: Context, args: str) -> Outcome:
    """我的待办 [红/黄/绿] [页码] — 台账 我的, as people ask for it."""
    return list_issues(ctx, f"我的 {args}")


def list_issues(ctx: Context, args: str) -> Outcome:
    """台账 [红/黄/绿] [mine/我的] [网格3] [分类] [承办单位/@承办人] [5号楼] [页码] — the open
    issues this person may see."""
    if ctx.community is None:
        raise Answer(texts.NEEDS_COMMUNITY)
    community = ctx.community_settings()
    words = [_page_word(w) for w in argument_words(joined(normalize(args)))]
    filters = [word for word in words if whole_number(word) is None or not _page_number(word)]
    asked = _asked(ctx, words)
    page, wanted, mine, held_by = asked.page, asked.colour, asked.mine, asked.held_by
    actor = ctx.actor
    if held_by is not None and actor.role is Role.HANDLER:
        raise Answer(texts.LIST_HOLDER_OWN)
    # A grid worker's own work is their grids' issues, and whatever they hold elsewhere;
    # the secretary's (whose grid is every grid) is what they hold.
    grid_work = mine and actor.role is Role.WORKER
    holder_view = actor.role is Role.HANDLER or (mine and actor.role in STAFF and not grid_work)
    watcher, building = ledger_scope(actor)
    own_grids = _own_grids(ctx, asked, grid_work)
    if mine and building:  # 「台账 我的」: a 楼栋长's own reports and follows
        watcher, building = actor.person_id, None
    if asked.building is not None:
        if building not in (None, asked.building):  # a 楼栋长 asking for another building
            return answer(ctx, texts.LIST_EMPTY)
        building = asked.building
    query = LedgerQuery(
        community_id=ctx.community.id,
        statuses=DONE if (done_in := _done_in(ctx, asked)) else frozenset(asked.statuses) or OPEN,
        grid_ids=frozenset(asked.grid_ids or (() if asked.everything else actor.grid_ids)),
        or_held_by=actor.person_id if grid_work else asked.worker,
        category=asked.category,
        urgent=asked.urgent,
        sources=frozenset(asked.sources),
        text=asked.order,
        due=asked.due,
        filed_since=asked.filed.since if asked.filed and not done_in else None,
        filed_until=asked.filed.until if asked.filed and not done_in else None,
        suspended=asked.suspended,
        done_since=done_in.since if done_in else None,
        done_until=done_in.until if done_in else None,
        # Residents see what they reported or follow, a 楼栋长 their building; handlers (and
        # staff asking for "mine") what they hold.
        watcher_id=watcher,
        building=building,
        assignee_ids=frozenset({actor.person_id}) if holder_view else frozenset(),
        assignee_unit=actor.unit if actor.role is Role.HANDLER else None,
        # Complaints of staff conduct are the secretary's, privately (not the work group's).
        complaints=actor.role is Role.SECRETARY and ctx.chat.kind == "private",
    )
    if held_by is not None and not holder_view:
        query = replace(query, assignee_ids=held_by[0], assignee_unit=held_by[1])
    if asked.by_holder:
        if actor.role not in STAFF:  # a handler's or resident's 台账 is theirs alone
            raise Answer(texts.LIST_HOLDERS_STAFF)
        return _by_holder(ctx, query, wanted)
    result = ctx.uow.issues.ledger(
        query,
        now=ctx.now,
        yellow_until=yellow_until(ctx.services),
        colour=_RANK[wanted] if wanted else None,
        offset=(page - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )
    per_colour = {Colour.RED: result.red, Colour.YELLOW: result.yellow, Colour.GREEN: result.green}
    shown_total = per_colour[wanted] if wanted else result.total
    follow_up = query.statuses == {IssueStatus.RESOLVED}  # 「台账 待回访」: whom to call back
    if shown_total == 0:
        if follow_up or done_in:
            none = texts.LIST_DONE_NONE.format(period=done_in.label) if done_in else None
            return answer(ctx, none or texts.LIST_FOLLOW_UP_NONE)
        if asked.order and actor.role in STAFF and (done := _order_done(ctx, asked.order)):
            return answer(ctx, done)
        said = [_said_filter(word) for word in filters if word not in _MINE]  # 「我的」: whose
        return answer(
            ctx,
            _nothing_listed(
                actor.role,
                said,
                grid_work=grid_work,
                holder_view=holder_view,
                building=building,
                own_grids=own_grids,
            ),
        )
    pages = -(-shown_total // PAGE_SIZE)
    if page > pages:
        raise Answer(texts.LIST_NO_PAGE.format(page=page, pages=pages))
    scope = own_grids or (f"{building}号楼" if building else "")  # whose part of the ledger
    head = _head(community.name + scope, asked, result, follow_up=follow_up, done=done_in)
    if pages > 1:
        head += texts.LIST_PAGE.format(page=page, pages=pages)
    lines = [head, *(ledger_line(ctx.uow, ctx.services, issue) for issue in result.issues)]
    if follow_up:  # staff record the call; a reporter rates
        lines.append(texts.LIST_FOLLOW_UP_HOW if actor.role in STAFF else texts.LIST_RATE_HOW)
    note = calendar_note(ctx.services, [issue.deadline for issue in result.issues])
    if note:
        lines.append(note)
    if page < pages:
        lines.append(texts.LIST_NEXT.format(next=page + 1, args="".join(f"{w} " for w in filters)))
    return answer(ctx, "\n".join(lines))


def _head(
    scope: str, asked: _Asked, result: LedgerPage, *, follow_up: bool, done: Period | None
) -> str:
    """「幸福里社区网格3台账：未办结2条（🔴0 🟡1 🟢1）」 (`scope` the community and the part of
    it listed); of 台账 待回访, how many wait; of 台账 办结, how many were done in `done`."""
    if done is not None:
        return texts.LIST_DONE_HEAD.format(community=scope, period=done.label, total=result.total)
    if follow_up:
        return texts.LIST_FOLLOW_UP_HEAD.format(community=scope, total=result.total)
    return texts.LIST_HEAD.format(
        community=scope,
        filed=texts.LIST_FILED.format(period=asked.filed.label) if asked.filed else "",
        total=result.total,
        red=result.red,
        yellow=result.yellow,
        green=result.green,
        suspended=texts.SUSPENDED_COUNT.format(count=result.suspended) if result.suspended else "",
    )


def _own_grids(ctx: Context, asked: _Asked, grid_work: bool) -> str:
    """The grids a grid worker's 台账 is kept to, as a line names them (「网格3、网格5」), when
    they asked for no other; "" for anyone else's. Said, in a work group where the
    secretary's shows every grid."""
    actor = ctx.actor
    if actor.role is not Role.WORKER or asked.grid_ids or asked.everything or grid_work:
        return ""
    assert ctx.community is not None
    grids = ctx.uow.communities.grids_of(ctx.community.id)
    return "、".join(grid.name for grid in grids if grid.id in actor.grid_ids)


def _order_done(ctx: Context, order: str) -> str | None:
    """「台账 2026112200123」 of a work order no longer open: which issue it is, and its status."""
    assert ctx.community is not None
    issue = ctx.uow.issues.by_work_order(ctx.community.id, order.upper())
    if issue is None:
        return None
    return texts.LIST_ORDER_DONE.format(
        order=issue.work_order, number=issue.number, status=issue.status.label
    )


def _by_holder(ctx: Context, query: LedgerQuery, wanted: Colour | None) -> Outcome:
    """「台账 单位」: each holder (a unit, else a person) with how many open issues of each
    colour, the most overdue first; those nobody holds yet last. With a colour, those who
    have some of it."""
    counts = ctx.uow.issues.holders(query, now=ctx.now, yellow_until=yellow_until(ctx.services))
    if wanted is not None:
        counts = [c for c in counts if c.by_colour[_RANK[wanted]]]
    if not counts:
        return answer(ctx, texts.LIST_EMPTY)
    counts.sort(key=lambda c: (c.unit is None and c.person_id is None, -c.red, -c.total))
    lines = [
        texts.LIST_HOLDERS_HEAD.format(
            community=ctx.community_settings().name, total=sum(c.total for c in counts)
        )
    ]
    for held_count in counts:
        if held_count.unit is not None:
            who = held_count.unit
        elif held_count.person_id is not None:
            who = mask_name(ctx.uow.people.get(held_count.person_id).name)
        else:
            who = texts.LIST_HOLDERS_NOBODY
        colours = " ".join(
            f"{colour.emoji}{n}" for colour, n in zip(_RANK, held_count.by_colour, strict=True) if n
        )
        if held_count.suspended:  # 挂起: no colour
            colours = f"{colours} {texts.SUSPENDED_MARK}{held_count.suspended}".strip()
        lines.append(
            texts.LIST_HOLDERS_LINE.format(who=who, total=held_count.total, colours=colours)
        )
    lines.append(texts.LIST_HOLDERS_HOW)
    return answer(ctx, "\n".join(lines))


def held(ctx: Context, limit: int) -> Sequence[Issue]:
    """The open issues the sender holds (a handler: also their unit's), most urgent first."""
    assert ctx.community is not None
    actor = ctx.actor
    query = LedgerQuery(
        community_id=ctx.community.id,
        statuses=OPEN,
        assignee_ids=frozenset({actor.person_id}),
        assignee_unit=actor.unit if actor.role is Role.HANDLER else None,
    )
    return ledger_issues(ctx, query, limit)


SEARCH_WORD_AT_MOST = 50


def search(ctx: Context, args: str) -> Outcome:
    """搜索 关键词 [页码] — the issues whose words hold every keyword, open or not, still open
    first, newest first; whichever a 台账 would show this person (a resident: their own)."""
    if ctx.community is None:
        raise Answer(texts.NEEDS_COMMUNITY)
    check(ctx, "search")
    words = argument_words(args)
    page = 1
    if len(words) > 1 and (number := whole_number(words[-1])) is not None:
        page, words = max(1, number), words[:-1]
    if not words:
        raise Answer(ctx.services.command("search").usage_line())
    return _search(ctx, words, page, _reporters_named(ctx, words))


def _search(ctx: Context, words: list[str], page: int, reporters: frozenset[int] | None) -> Outcome:
    """The page of 搜索 `words`; with `reporters` (「搜索 王芳」), what they reported."""
    assert ctx.community is not None
    if any(len(word) > SEARCH_WORD_AT_MOST for word in words):  # SQLite's LIKE refuses a long one
        raise Answer(texts.SEARCH_WORD_TOO_LONG.format(most=SEARCH_WORD_AT_MOST))
    query = replace(_searched(ctx, frozenset(IssueStatus)), words=tuple(words))
    said = " ".join(echoed(word) for word in words)
    head_text = texts.SEARCH_HEAD
    if reporters is not None:  # 「搜索 王芳」: what she reported
        query = _reported_by(ctx, query, reporters)
        head_text = texts.SEARCH_REPORTED_HEAD
        if ctx.chat.kind != "private":  # a reporter is masked in a group (chat-protocol §9)
            said = mask_name(words[0].lstrip("@"))
    found, total, still_open = ctx.uow.issues.search(
        query, open_statuses=OPEN, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
    )
    if total == 0:
        return answer(ctx, texts.SEARCH_NONE.format(words=said))
    pages = -(-total // PAGE_SIZE)
    if page > pages:
        raise Answer(texts.LIST_NO_PAGE.format(page=page, pages=pages))
    head = head_text.format(words=said, total=total, open=still_open)
    if pages > 1:
        head += texts.LIST_PAGE.format(page=page, pages=pages)
    lines = [head, *(ledger_line(ctx.uow, ctx.services, issue) for issue in found)]
    if page < pages:
        lines.append(texts.SEARCH_NEXT.format(words=said, next=page + 1))
    return answer(ctx, "\n".join(lines))


def reported_by(ctx: Context, name: str) -> Outcome | None:
    """「王芳反映过哪些问题」 from a grid worker or the secretary: 搜索 王芳, when someone is
    called so; from 王芳 herself, her 台账; None otherwise (the words are read as they
    otherwise would be)."""
    if ctx.community is None:
        return None
    if ctx.actor.role not in STAFF:  # their own name: their own reports, as 「台账」 lists them
        if name == ctx.sender.name:
            return list_issues(ctx, "")
        # A neighbour's: not theirs to see (not a report either).
        return answer(ctx, OWN_ONLY, "invalid") if _known_as(ctx, name) else None
    reporters = _reporters_named(ctx, [name])
    return _search(ctx, [name], 1, reporters) if reporters is not None else None


def _searched(ctx: Context, statuses: frozenset[IssueStatus]) -> LedgerQuery:
    """What a search by `ctx`'s sender reaches: its scope, as their 台账's."""
    assert ctx.community is not None
    actor = ctx.actor
    watcher, building = ledger_scope(actor)
    handler = actor.role is Role.HANDLER
    return LedgerQuery(
        community_id=ctx.community.id,
        statuses=statuses,
        watcher_id=watcher,
        building=building,
        assignee_ids=frozenset({actor.person_id}) if handler else frozenset(),
        assignee_unit=actor.unit if handler else None,
        complaints_searched=actor.role is Role.SECRETARY and ctx.chat.kind == "private",
    )


def _reported_by(ctx: Context, query: LedgerQuery, reporters: frozenset[int]) -> LedgerQuery:
    """`query` narrowed to what `reporters` reported (no words: the name was one); who made
    a private report is for the secretary's eyes alone, and not in a group."""
    secretary = ctx.actor.role is Role.SECRETARY and ctx.chat.kind == "private"
    return replace(query, words=(), reporter_ids=reporters, public_only=not secretary)


def of_reporter(ctx: Context, command: Command | None, args: str) -> Outcome | None:
    """「把王芳的事情标为紧急」「王芳那件催一下」「把孙大爷的问题派给刘物业」 from staff: the
    command (`args`: the name, then what else it takes) on that person's one open report;
    with several, they are listed and which one asked; none open, said so. None where the
    name is nobody's, or from anyone but staff (the words read as they otherwise would)."""
    assert command is not None
    if ctx.community is None:
        return None
    who, _, rest = args.partition(" ")  # 「 刘物业」: no one named, then what the command takes
    if ctx.actor.role not in STAFF:  # a neighbour's: not theirs to act on
        return answer(ctx, OWN_ONLY, "invalid") if who and _known_as(ctx, who) else None
    if not who:  # 「这个事情标为紧急」: which, it does not say
        return command.handler(ctx, rest)
    reporters = _reporters_named(ctx, [who])
    if reporters is None:  # nobody called so: the command by number, then
        line = texts.NOBODY_OF.format(who=echoed(who), word=command.keywords[0])
        return answer(ctx, line, "invalid")
    query = _reported_by(ctx, _searched(ctx, OPEN), reporters)
    found, total, _ = ctx.uow.issues.search(query, open_statuses=OPEN, offset=0, limit=PAGE_SIZE)
    named = who if ctx.chat.kind == "private" else mask_name(who)
    if total == 0:
        return answer(ctx, texts.NONE_OPEN_OF.format(who=named), "invalid")
    if total == 1:
        return command.handler(ctx, f"{found[0].number} {rest}".strip())
    lines = [texts.WHICH_OF_THEIRS.format(who=named, total=total, word=command.keywords[0])]
    lines += [ledger_line(ctx.uow, ctx.services, issue) for issue in found]
    return answer(ctx, "\n".join(lines), "invalid")


def _reporters_named(ctx: Context, words: list[str]) -> frozenset[int] | None:
    """The people one word names, for staff searching what someone reported (「搜索 王芳」):
    someone with a role, or heard in the community's chats; None for other words, or for
    anyone but a grid worker or the secretary."""
    assert ctx.community is not None
    if len(words) != 1 or ctx.actor.role not in STAFF or not 2 <= len(words[0]) <= _NAME_AT_MOST:
        return None
    return _known_as(ctx, words[0].lstrip("@")) or None


_PHONES_OF_SHOWN = 5  # a resident's reports whose numbers 「王芳的电话」 looks through
_NAME_AT_MOST = 8  # characters of a name said (as 搜索 takes one)


def reporter_phones(ctx: Context, name: str) -> str | None:
    """「王芳的电话」 from the secretary or a grid worker: privately, the numbers the resident so
    called left on their reports that the asker works on (as 查看 shows them), or that they
    left none; elsewhere, to ask privately. None when nobody so called reported anything the
    asker works on."""
    if ctx.actor.role not in (Role.SECRETARY, Role.WORKER):
        return None
    if ctx.community is None or not 2 <= len(name) <= _NAME_AT_MOST:
        return None
    reporters = _known_as(ctx, name)
    reported = [
        issue
        for person_id in reporters
        for issue in ctx.uow.issues.reported_by(person_id, ctx.community.id)
        if calls_back(ctx.actor, issue_facts(ctx.uow, issue, followers=False), "private")
    ][-_PHONES_OF_SHOWN:]
    if not reported:
        return None
    if ctx.chat.kind != "private":  # a resident's number is read privately alone
        return texts.REPORTER_NAMED_PRIVATELY.format(who=name)
    left = {phone: issue.number for issue in reported for phone in phones_left(ctx.uow, issue)}
    if not left:  # a grid worker is whom the secretary would send
        none = texts.REPORTER_NAMED_NO_PHONE.format(who=name, numbers=numbers_of(reported))
        return none if ctx.actor.role is Role.WORKER else f"{none}{texts.VISIT_INSTEAD}"
    phones = "、".join(f"{phone}（#{number}）" for phone, number in left.items())
    return texts.REPORTER_NAMED_PHONE.format(who=name, phones=phones)


def _known_as(ctx: Context, name: str) -> frozenset[int]:
    """The people called `name` in the community: someone with a role, or heard in its chats."""
    assert ctx.community is not None
    people = ctx.uow.people.named(ctx.community.id, name) or ctx.uow.people.heard_named(
        ctx.community.id, name
    )
    return frozenset(person.id for person in people)


def asked_after(ctx: Context, subject: str) -> Outcome | None:
    """「3号楼2单元灯修好了吗」 from anyone but a resident: the issues of that problem there
    (its category, building and unit, or place), those still open first, then those closed in
    the last ASKED_CLOSED_DAYS; whichever a 台账 would show them. None for a resident (their
    own reports answer them) or words that name no problem and no place."""
    if ctx.community is None or ctx.actor.role is Role.RESIDENT:
        return None
    if ctx.chat.kind not in ("private", "work") and not ctx.message.mentions_bot:
        return None  # in a residents' group staff ask the residents, unless they ask the bot
    found = described(ctx, subject)
    if found is None:
        return None
    named, issues = found
    since = ctx.now - timedelta(days=ASKED_CLOSED_DAYS)
    shown = [i for i in issues if i.status in OPEN or i.updated_at >= since][:ASKED_SHOWN]
    if not shown:
        return answer(ctx, texts.ASKED_AFTER_NONE.format(named=named))
    lines = [ledger_line(ctx.uow, ctx.services, issue) for issue in shown]
    return answer(ctx, "\n".join([texts.ASKED_AFTER_HEAD.format(named=named), *lines]))


def described(
    ctx: Context, words: str, analysis: Analysis | None = None
) -> tuple[str, list[Issue]] | None:
    """The issues of the problem `words` name (「3号楼2单元灯」: its category, building and
    unit, or place) that the sender's 台账 would show, open ones first, with how the problem
    is named (「3号楼2单元【照明路灯】」); None when the words name no problem and no place.
    `analysis`: the words' own, when the caller has it."""
    assert ctx.community is not None
    analysis = analysis or ctx.services.analyzer.analyze(words)
    where = analysis.location
    category = None if analysis.category == OTHER_CODE else analysis.category
    if category is None and not (where.building or where.place):
        return None
    named = location_label(where.building, where.unit, None, where.place)
    if category is not None:
        named += f"【{ctx.services.category(category).name}】"
    actor = ctx.actor
    watcher, building = ledger_scope(actor)
    if building is not None and where.building not in (None, building):
        return named, []  # not theirs to see
    handler = actor.role is Role.HANDLER
    query = LedgerQuery(
        community_id=ctx.community.id,
        statuses=frozenset(IssueStatus),
        category=category,
        building=building or where.building,
        words=(where.place,) if where.place and not where.building else (),
        watcher_id=watcher,
        assignee_ids=frozenset({actor.person_id}) if handler else frozenset(),
        assignee_unit=actor.unit if handler else None,
    )
    found, _, _ = ctx.uow.issues.search(query, open_statuses=OPEN, offset=0, limit=PAGE_SIZE)
    return named, [i for i in found if not where.unit or i.unit in (None, where.unit)]


def ledger_line(uow: UnitOfWork, services: Services, issue: Issue) -> str:
    """`🔴 #3【照明路灯】3号楼3单元 · 办理中 · 物业·刘*业 · 期限11月23日`; 紧急 first when it
    is; one no longer open (搜索) marked by how it ended (✅ 已销号), with the day it was done."""
    ended = issue.status not in OPEN and issue.status is not IssueStatus.RESOLVED
    resolved = issue.status is IssueStatus.RESOLVED and issue.resolved_at is not None
    suspended = issue.suspended_at is not None and issue.status in OPEN  # 挂起: no clock
    if ended:
        mark = texts.ENDED_MARKS[issue.status.value]
    elif suspended:
        mark = texts.SUSPENDED_MARK
    else:
        mark = texts.FOLLOW_UP_MARK if resolved else colour_of(services, issue.deadline).emoji
    head = f"{mark} #{issue.number}【{services.category(issue.category).name}】"
    room = None if issue.private else issue.room  # a private report's flat says who wrote it
    where = location_label(issue.building, issue.unit, room, issue.place)
    details = [texts.URGENT_MARK] if issue.urgent and not ended else []
    details += [where] if where else []
    details.append(issue.status.label)
    holder = assignee_label(uow, issue)
    if holder:
        details.append(holder)
    if issue.resolved_at is not None and (resolved or ended):  # done: since when
        day = issue.resolved_at.astimezone(services.settings.tz)
        details.append(texts.RESOLVED_ON.format(day=month_day(day)))
    elif not ended:
        details.append(
            suspended_shown(services, issue) or f"期限{shown_deadline(services, issue.deadline)}"
        )
    return head + " · ".join(details)


def suspended_shown(services: Services, issue: Issue) -> str:
    """「挂起（11月24日起）」 for an open issue whose clock is stopped (「挂起（11月24日起，
    3月1日恢复）」 when it resumes by itself); "" for any other."""
    if issue.suspended_at is None or issue.status not in OPEN:
        return ""
    day = issue.suspended_at.astimezone(services.settings.tz)
    if issue.suspended_until is None:
        return texts.SUSPENDED_SHOWN.format(day=month_day(day))
    until = issue.suspended_until.astimezone(services.settings.tz)
    return texts.SUSPENDED_SHOWN_UNTIL.format(day=month_day(day), until=month_day(until))


def _holder(ctx: Context, word: str) -> Held | None:
    """Whom a 台账 filter names as holding the issues: a company or department (「物业」
    「城管」), or someone with a role, with or without the @ (「@刘物业」)."""
    assert ctx.community is not None
    community_id = ctx.community.id
    unit = ctx.community_settings().find_unit(word)
    if unit is not None:
        return held_by_unit(ctx.uow, community_id, unit.name)
    name = word.removeprefix("@")
    named = ctx.uow.people.called(community_id, name)
    person = named[0] if len(named) == 1 else None
    for mention in ctx.message.mentions if person is None else ():
        # 「@liu_wuye」: a Telegram handle, not a name.
        if mention.ref and name in (mention.handle, mention.ref):
            person = ctx.uow.people.find(mention.platform, mention.ref)
        elif mention.handle and name == mention.handle:
            person = ctx.uow.people.by_handle(mention.platform, mention.handle)
    return held_by_person(ctx.uow, community_id, person.id) if person is not None else None


def _grid_worker(ctx: Context, word: str) -> tuple[int, set[int]] | None:
    """A grid worker named (「张网格」「@张网格」) and their grids: what is in their hands is their
    grids' issues, and whatever they hold elsewhere. None for anyone else, or a worker of every
    grid (whom 台账 reads as a holder)."""
    assert ctx.community is not None
    named = ctx.uow.people.called(ctx.community.id, word.removeprefix("@"))
    if len(named) != 1:
        return None
    person = named[0]
    grants = [
        g for g in ctx.uow.people.grants_of(person.id, ctx.community.id) if g.role is Role.WORKER
    ]
    grid_ids = {g.grid_id for g in grants if g.grid_id is not None}
    return (person.id, grid_ids) if grants and len(grid_ids) == len(grants) else None


def _page_number(word: str) -> bool:
    """Whether a number among 台账's words is the page: not 12345 (the hotline), nor an order's."""
    return not sources_named(word) and not order_shaped(word)


def _page_word(word: str) -> str:
    """「第2页」 → 「2」; any other word as it is."""
    inner = word.removeprefix("第").removesuffix("页")
    return inner if inner != word and whole_number(inner) is not None else word


_COLOUR_SAID = {Colour.RED: "🔴超期", Colour.YELLOW: "🟡快到期", Colour.GREEN: "🟢未到期"}


def _said_filter(word: str) -> str:
    """A 台账 filter as an empty answer names it: 「红」 as 「🔴超期」, others as typed."""
    colour = Colour.from_word(word)
    return _COLOUR_SAID[colour] if colour is not None else echoed(word)


def _nothing_listed(
    role: Role,
    filters: list[str],
    *,
    grid_work: bool,
    holder_view: bool,
    building: str | None,
    own_grids: str,
) -> str:
    """An empty ledger: what was asked for said back (「台账 红 网格3」), else in the words of
    whose ledger it is (a grid worker's grids, with how to see the rest)."""
    if filters:
        return texts.LIST_EMPTY_FOR.format(what="、".join(filters))
    if own_grids:
        return texts.LIST_EMPTY_OWN_GRIDS.format(grids=own_grids)
    if grid_work:
        return texts.LIST_EMPTY_GRIDS
    if building:  # a 楼栋长's
        return texts.LIST_EMPTY_BUILDING.format(building=f"{building}号楼")
    if holder_view:
        return texts.LIST_EMPTY_HELD
    if role in (Role.RESIDENT, Role.HEAD):
        return texts.LIST_EMPTY_WATCHED
    return texts.LIST_EMPTY_ALL
