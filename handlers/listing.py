"""台账 / list: open issues, most urgent colour first, ten to a page (chat-protocol §3, §4)."""

from __future__ import annotations

from bot.domain.deadlines import Colour
from bot.domain.issues import Role, location_label
from bot.domain.lifecycle import OPEN
from bot.domain.permissions import STAFF, ledger_scope
from bot.text import argument_words, whole_number
from handlers import texts
from handlers.base import Answer, Context, Outcome, Services, answer
from handlers.ledger import (
    assignee_label,
    calendar_note,
    colour_of,
    shown_deadline,
    yellow_until,
)
from handlers.stats import category_code
from storage.models import Issue
from storage.repositories import LedgerQuery
from storage.uow import UnitOfWork

PAGE_SIZE = 10
_RANK = {Colour.RED: 0, Colour.YELLOW: 1, Colour.GREEN: 2}
_MINE = {"mine", "我的", "我"}
_EVERYTHING = {"全部", "all"}


def list_issues(ctx: Context, args: str) -> Outcome:
    """台账 [红/黄/绿] [mine/我的] [网格3] [分类] [页码] — the open issues this person may see."""
    if ctx.community is None:
        raise Answer(texts.NEEDS_COMMUNITY)
    community = ctx.community_settings()
    grids = {g.name: g for g in ctx.uow.communities.grids_of(ctx.community.id)}
    choices = [(c.code, c.name) for c in ctx.services.analyzer.categories]
    wanted: Colour | None = None
    page, mine, everything = 1, False, False
    grid_ids: set[int] = set()
    category: str | None = None
    words = [_page_word(w) for w in argument_words(args)]
    filters = [word for word in words if whole_number(word) is None]
    for word in words:
        if (number := whole_number(word)) is not None:
            page = max(1, number)
        elif (found := Colour.from_word(word)) is not None:
            wanted = found
        elif word.lower() in _MINE:
            mine = True
        elif word.lower() in _EVERYTHING:
            everything = True
        elif word in grids:
            grid_ids.add(grids[word].id)
        elif (code := category_code(word, choices)) is not None:
            category = code
        else:
            raise Answer(texts.LIST_UNKNOWN_FILTER.format(word=word))
    actor = ctx.actor
    holder_view = actor.role is Role.HANDLER or (mine and actor.role in STAFF)
    watcher, building = ledger_scope(actor)
    if mine and building:  # 「台账 我的」: a 楼栋长's own reports and follows
        watcher, building = actor.person_id, None
    query = LedgerQuery(
        community_id=ctx.community.id,
        statuses=OPEN,
        grid_ids=frozenset(grid_ids or (() if everything else actor.grid_ids)),
        category=category,
        # Residents see what they reported or follow, a 楼栋长 their building; handlers (and
        # staff asking for "mine") what they hold.
        watcher_id=watcher,
        building=building,
        assignee_id=actor.person_id if holder_view else None,
        assignee_unit=actor.unit if actor.role is Role.HANDLER else None,
    )
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
    if shown_total == 0:
        return answer(ctx, _nothing_listed(actor.role, holder_view, building, bool(filters)))
    pages = -(-shown_total // PAGE_SIZE)
    if page > pages:
        raise Answer(texts.LIST_NO_PAGE.format(page=page, pages=pages))
    head = texts.LIST_HEAD.format(
        community=community.name,
        total=result.total,
        red=result.red,
        yellow=result.yellow,
        green=result.green,
    )
    if pages > 1:
        head += texts.LIST_PAGE.format(page=page, pages=pages)
    lines = [head, *(ledger_line(ctx.uow, ctx.services, issue) for issue in result.issues)]
    note = calendar_note(ctx.services, [issue.deadline for issue in result.issues])
    if note:
        lines.append(note)
    if page < pages:
        lines.append(texts.LIST_NEXT.format(next=page + 1, args="".join(f"{w} " for w in filters)))
    return answer(ctx, "\n".join(lines))


def ledger_line(uow: UnitOfWork, services: Services, issue: Issue) -> str:
    """`🔴 #3【照明路灯】3号楼3单元 · 办理中 · 物业·刘*业 · 期限11月23日`."""
    mark = colour_of(services, issue.deadline).emoji
    head = f"{mark} #{issue.number}【{services.category(issue.category).name}】"
    room = None if issue.private else issue.room  # a private report's flat says who wrote it
    where = location_label(issue.building, issue.unit, room, issue.place)
    details = [where] if where else []
    details.append(issue.status.label)
    holder = assignee_label(uow, issue)
    if holder:
        details.append(holder)
    details.append(f"期限{shown_deadline(services, issue.deadline)}")
    return head + " · ".join(details)


def _page_word(word: str) -> str:
    """「第2页」 → 「2」; any other word as it is."""
    inner = word.removeprefix("第").removesuffix("页")
    return inner if inner != word and whole_number(inner) is not None else word


def _nothing_listed(role: Role, holder_view: bool, building: str | None, filtered: bool) -> str:
    """An empty ledger in the words of whose ledger it is."""
    if filtered:
        return texts.LIST_EMPTY
    if building:  # a 楼栋长's
        return texts.LIST_EMPTY_BUILDING.format(building=f"{building}号楼")
    if holder_view:
        return texts.LIST_EMPTY_HELD
    if role in (Role.RESIDENT, Role.HEAD):
        return texts.LIST_EMPTY_WATCHED
    return texts.LIST_EMPTY_ALL
