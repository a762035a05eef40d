"""走访 — a round of 走访 or 巡查 kept as a record of the work: 「走访 3号楼2单元 入户12户 无异常」,
or said 「今天走访了3号楼，没发现问题」 (privately or in a work group); 「走访 列表 [本月]」 lists
them, 「走访 撤回」 takes back one's last of the day. 统计 … 走访 counts them
(`handlers.patrol_stats`).

A round belongs to the grid of the building it names (a 楼栋长's own, when they name none),
else to the sender's one grid, else to the chat's. A problem found (「发现楼道堆物」, or said
plainly: 「3号楼楼道灯不亮」) is kept with it and the sender told how to file it: a round is a
record, not a report anyone follows up.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import timedelta

from bot.analysis.analyzer import Analysis
from bot.analysis.location import extract_location
from bot.analysis.taxonomy import OTHER_CODE
from bot.domain.issues import Role
from bot.domain.patrols import PatrolWords, all_well, patrol_words
from bot.domain.privacy import mask_name, mask_text
from bot.media import MediaFolder
from bot.text import normalize, shorten
from handlers import texts
from handlers.base import (
    PHOTO_WINDOW,
    Answer,
    Context,
    Outcome,
    answer,
    earlier_photos,
    keep_attachments,
    reply_to,
)
from handlers.ledger import check
from handlers.patrol_stats import households_said, patrol_figures
from handlers.stats import parse_period
from storage.models import Patrol

_LIST = frozenset({"列表", "记录", "查看", "list"})
_UNDO = frozenset({"撤回", "撤销", "删除", "undo"})
LISTED_AT_MOST = 20
SHOWN_WORDS = 40  # a round's words, as a reply or a list quotes them


def patrol(ctx: Context, args: str) -> Outcome:
    """走访 地点 [入户N户] [情况] | 列表 [时间] [网格] [人] | 撤回."""
    check(ctx, "patrol")
    if ctx.community is None:
        raise Answer(texts.NEEDS_COMMUNITY)
    first, _, rest = normalize(args).partition(" ")
    if first.lower() in _LIST:
        return _listed(ctx, rest)
    if first in _UNDO and not rest:
        return _undone(ctx)
    said = patrol_words(args)
    if not said.words and args.strip():  # 「今天巡查完了」: where, and what was seen
        raise Answer(texts.PATROL_WHERE)
    if not said.words:
        raise Answer(ctx.services.command("patrol").usage_line())
    return _kept(ctx, said)


def _kept(ctx: Context, said: PatrolWords) -> Outcome:
    assert ctx.community is not None
    analysis = ctx.services.analyzer.analyze(said.words)
    location = analysis.location
    heads = ctx.actor.buildings if ctx.actor.role is Role.HEAD else frozenset()
    if location.building is None and len(heads) == 1:  # a 楼栋长's 「2单元纸箱还没清」: theirs
        location = replace(location, building=next(iter(heads)))
    building = location.building
    found = said.found  # 「发现楼道堆物」; or a problem said plainly: 「3号楼楼道灯不亮」
    if not found and _plainly_a_problem(ctx, said.words, analysis):
        found = said.words
    known = ctx.uow.communities.building(ctx.community.id, building) if building else None
    grid_id = known.grid_id if known is not None else _own_grid(ctx)
    at = ctx.now - timedelta(days=said.days_ago)
    patrol = Patrol(
        community_id=ctx.community.id,
        grid_id=grid_id,
        person_id=ctx.sender.id,
        chat_id=ctx.chat.id,
        building=building,
        place=location.label(),
        households=said.households,
        words=said.words,
        found=found,
        at=at,
        recorded_at=ctx.now,
    )
    ctx.uow.patrols.add(patrol)
    # Its photos: sent with it, or on their own just before (WeChat sends each by itself).
    photos = (*earlier_photos(ctx), *ctx.message.attachments)
    keep_attachments(ctx, photos, patrol_id=patrol.id)
    month = parse_period("本月", at, ctx.services.settings.tz)
    mine = {ctx.sender.id}
    count = patrol_figures(
        ctx.uow, ctx.community.id, month.since, month.until, person_ids=mine
    ).count
    where = ctx.uow.communities.grid(grid_id).name if grid_id is not None else ""
    fields = {
        "day": texts.PATROL_YESTERDAY[said.days_ago],
        "words": shorten(said.words, SHOWN_WORDS),
        "where": where,
        "photos": texts.PATROL_WITH_PHOTOS.format(count=len(photos)) if photos else "",
        "period": month.label,
        "count": count,
    }
    line = (texts.PATROL_KEPT if where else texts.PATROL_KEPT_NOWHERE).format(**fields)
    if found:  # where, unless the words say it
        said_where = extract_location(normalize(found)).building is not None
        named = f"{building}号楼" if building and not said_where else ""
        problem = f"{named} {found}" if named else found
        line += texts.PATROL_FOUND.format(problem=shorten(problem, SHOWN_WORDS))
    return answer(ctx, line)


PLAIN_CONFIDENCE = 0.5  # how sure of its category words said plainly must be to be a problem


def _plainly_a_problem(ctx: Context, words: str, analysis: Analysis) -> bool:
    """Whether a round's words, saying nothing of 发现, tell of a problem (「3号楼楼道灯不亮」):
    the analyser sure of its category and as sure it is a complaint as when it suggests filing
    one, and nothing said to be in order (「消防通道畅通」 names 消防 too)."""
    return (
        analysis.category != OTHER_CODE
        and analysis.confidence >= PLAIN_CONFIDENCE
        and ctx.services.analyzer.worth_suggesting(words)
        and not all_well(words)
    )


def just_told(ctx: Context) -> Patrol | None:
    """The round the sender told of in this chat a moment ago (PHOTO_WINDOW), if any: a photo
    sent now is of it."""
    last = ctx.uow.patrols.last_told_by(ctx.sender.id, ctx.now - PHOTO_WINDOW)
    return last if last is not None and last.chat_id == ctx.chat.id else None


def photos_after(ctx: Context, patrol: Patrol) -> Outcome:
    """Photos sent just after a round go with it."""
    keep_attachments(ctx, ctx.message.attachments, patrol_id=patrol.id)
    line = texts.PATROL_PHOTOS_ADDED.format(
        count=len(ctx.message.attachments), words=shorten(patrol.words, SHOWN_WORDS)
    )
    return Outcome([reply_to(ctx, line)], "photo")


def _own_grid(ctx: Context) -> int | None:
    """The sender's one grid (a grid worker's), else the chat's."""
    if ctx.actor.role is Role.WORKER and len(ctx.actor.grid_ids) == 1:
        return next(iter(ctx.actor.grid_ids))
    return ctx.chat.grid_id


def _undone(ctx: Context) -> Outcome:
    """走访 撤回: the sender's last round told of today (a slip, a round told twice)."""
    tz = ctx.services.settings.tz
    today = parse_period("今天", ctx.now, tz)
    assert today.since is not None
    last = ctx.uow.patrols.last_told_by(ctx.sender.id, today.since)
    if last is None:
        raise Answer(texts.PATROL_NONE_TO_UNDO)
    copies = ctx.uow.patrols.remove(last)
    if copies:
        folder = MediaFolder(ctx.services.settings.media.dir)
        ctx.uow.after_commit(functools.partial(folder.drop, copies))
    day = f"{last.at.astimezone(tz):%-m月%-d日}"
    return answer(ctx, texts.PATROL_UNDONE.format(day=day, words=shorten(last.words, SHOWN_WORDS)))


def _listed(ctx: Context, words: str) -> Outcome:
    """走访 列表 [时间] [网格] [人]: the rounds of a period (本周 unless said), the newest first:
    the secretary's every one in the community (or the grids' and people's named), anyone
    else's their own."""
    assert ctx.community is not None
    community_id = ctx.community.id
    grids = {grid.name: grid.id for grid in ctx.uow.communities.grids_of(community_id)}
    staff = {person.name: person.id for person, _ in ctx.uow.people.staff(community_id)}
    grid_ids: set[int] = set()
    person_ids: set[int] = set()
    period_words = []
    for word in words.split():
        if word in grids:
            grid_ids.add(grids[word])
        elif word.lstrip("@") in staff:
            person_ids.add(staff[word.lstrip("@")])
        else:
            period_words.append(word)
    if len(period_words) > 1:
        raise Answer(ctx.services.command("patrol").usage_line())
    tz = ctx.services.settings.tz
    try:
        period = parse_period(period_words[0] if period_words else "本周", ctx.now, tz)
    except ValueError:
        raise Answer(ctx.services.command("patrol").usage_line()) from None
    if ctx.actor.role is not Role.SECRETARY:
        person_ids = {ctx.sender.id}
    narrowed = {"grid_ids": grid_ids, "person_ids": person_ids}
    figures = patrol_figures(ctx.uow, community_id, period.since, period.until, **narrowed)
    if not figures.count:
        return answer(ctx, texts.PATROL_LIST_NONE.format(period=period.label))
    people = ctx.uow.people.many(figures.rounds)
    head = texts.PATROL_LIST_HEAD.format(
        period=period.label, count=figures.count, households=households_said(figures.households)
    )
    lines = [head]
    shown = ctx.uow.patrols.latest(
        community_id, period.since, period.until, LISTED_AT_MOST, **narrowed
    )
    photos = ctx.uow.patrols.photos([patrol.id for patrol in shown])
    for patrol in shown:
        line = texts.PATROL_LIST_LINE.format(
            day=f"{patrol.at.astimezone(tz):%-m月%-d日}",
            who=mask_name(people[patrol.person_id].name),
            words=mask_text(shorten(patrol.words, SHOWN_WORDS)),
        )
        if count := photos.get(patrol.id):
            line += texts.PATROL_LIST_PHOTOS.format(count=count)
        lines.append(line)
    if figures.count > LISTED_AT_MOST:
        lines.append(texts.PATROL_LIST_MORE.format(count=figures.count - LISTED_AT_MOST))
    return answer(ctx, "\n".join(lines))
