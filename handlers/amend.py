"""改分类 / 改位置 — staff put right what was read of a report: its category (the statistics
and the 台账's filters count by it) or its place (and with a building, its grid: whose ledger
and reminders it is in). Each change is kept in the issue's record (查看)."""

from __future__ import annotations

import re

from bot.analysis.location import Location
from bot.domain.lifecycle import OPEN
from bot.domain.permissions import STAFF
from bot.messages import Outgoing
from bot.text import echoed, normalize
from handlers import texts
from handlers.base import Answer, Context, Outcome, record, reply_to
from handlers.intake import move_to, own_numbered, where_label
from handlers.ledger import find_issue
from handlers.notify import grid_workers, summary, tell_privately, tell_staff_of
from handlers.stats import category_code
from storage.models import Issue

# The words between the number and the new value: 「改分类 2 改为安全隐患类」「改位置 2：5号楼」.
_LEAD = re.compile(
    r"^(?:的)?(?:分类|类别|类型|位置|地点|地址)?\s*(?:改成|改为|改到|更正为|应该是|应为|是|为)?"
    r"[\s:：,，]*"
)
_CATEGORY_END = re.compile(r"(?:的)?(?:类|问题|方面)?(?:吧|了)?[。.!！]*$")


def recategorize(ctx: Context, args: str) -> Outcome:
    """改分类 N 分类 — the category named (its name, a part only it has, or words of its
    problem: 「井盖」 is 道路井盖) instead of the one the report was filed under."""
    issue, rest = find_issue(ctx, args, "recategorize")
    word = _CATEGORY_END.sub("", _LEAD.sub("", normalize(rest))).strip()
    if not word:
        raise Answer(ctx.services.command("recategorize").usage_line())
    categories = ctx.services.analyzer.categories
    code = category_code(word, [(c.code, c.name) for c in categories])
    keyword_of = [c.code for c in categories if word in c.keywords]
    if code is None and len(keyword_of) == 1:
        code = keyword_of[0]  # 「改分类 2 井盖」: the category of that keyword
    if code is None:
        names = "、".join(c.name for c in categories)
        raise Answer(texts.CATEGORY_UNKNOWN.format(word=echoed(word), names=names))
    before = ctx.services.category(issue.category).name
    after = ctx.services.category(code).name
    if code == issue.category:
        raise Answer(texts.CATEGORY_SAME.format(number=issue.number, name=after))
    issue.category = code
    record(ctx, issue, "recategorize", f"{before}→{after}")
    line = texts.RECATEGORIZED.format(number=issue.number, before=before, after=after)
    return Outcome([reply_to(ctx, line)], "command", issue.id)


def relocate(ctx: Context, args: str) -> Outcome:
    """改位置 N 地点 — where the problem is (a building, its unit and flat, or a named place)
    instead of where the report said; a building of another grid moves it there, and that
    grid's workers are told."""
    if ctx.actor.role not in STAFF and (own := own_numbered(ctx, normalize(args))) is not None:
        return _reporter_moved(ctx, *own)
    issue, rest = find_issue(ctx, args, "relocate")
    grid_before = issue.grid_id
    before, after = _moved(ctx, issue, rest)
    line = texts.RELOCATED.format(number=issue.number, before=before, after=after)
    replies: list[Outgoing] = [reply_to(ctx, line)]
    if issue.grid_id != grid_before and issue.status in OPEN:  # the new grid's workers hold it
        told = texts.RELOCATED_TOLD.format(
            number=issue.number, status=issue.status.label, **summary(ctx.uow, ctx.services, issue)
        )
        replies += tell_privately(grid_workers(ctx.uow, issue), told, skip=ctx.sender.id)
    return Outcome(replies, "command", issue.id)


def _moved(ctx: Context, issue: Issue, words: str) -> tuple[str, str]:
    """`issue` moved where `words` say, and recorded: where it was and where it is now."""
    where = _place_said(ctx, issue, words)
    before = where_label(ctx, issue).removesuffix(" · ") or texts.NO_PLACE
    if not move_to(ctx, issue, where):
        raise Answer(texts.PLACE_SAME.format(number=issue.number, where=before))
    after = where_label(ctx, issue).removesuffix(" · ")
    record(ctx, issue, "relocate", f"{before}→{after}")
    return before, after


def _place_said(ctx: Context, issue: Issue, words: str) -> Location:
    """Where `words` (after the number) say `issue` is: a building of the community's grids,
    or a named place; else the answer that asks for one."""
    said = _LEAD.sub("", normalize(words)).strip()
    where = ctx.services.analyzer.analyze(said).location if said else None
    if where is None or not (where.building or where.place):
        raise Answer(texts.RELOCATE_WHERE.format(number=issue.number))
    assert ctx.community is not None  # the issue was found in it
    known = ctx.uow.communities.building_numbers(ctx.community.id)
    if where.building and known and where.building not in known:
        raise Answer(texts.RELOCATE_NO_BUILDING.format(building=where.building))
    return where


def _reporter_moved(ctx: Context, issue: Issue, words: str) -> Outcome:
    """「1号的位置是3号楼2单元」 from its reporter: their correction, as said just after the
    report; the work group is told."""
    _, after = _moved(ctx, issue, words)
    alert = texts.PLACE_CORRECTED_ALERT.format(number=issue.number, where=after)
    line = texts.PLACE_CORRECTED.format(number=issue.number, where=after)
    return Outcome([reply_to(ctx, line), *tell_staff_of(ctx, issue, alert)], "command", issue.id)
