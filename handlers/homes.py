"""Where a resident lives: the flat (building-unit-room, 「3-2-301」) they gave once, or only
their building (「我住5号楼」: kept as 「5」).

Given for a 每户一票 vote, or said privately (「我住6号楼2单元301」), it is remembered per
community and used again: the next vote counts a whole flat (a building alone is no household),
「网格员是谁」 names their grid's worker, and a private report that names no place goes to that
grid (placed at the flat, or its building and unit, when its words are of their home or their
stairwell: `handlers.intake._at_home`).
"""

from __future__ import annotations

import re

from bot.analysis.location import building_number
from bot.domain.voting import home_in
from bot.text import normalize
from handlers import texts
from handlers.base import Answer, Context
from storage.models import Household


def remember(ctx: Context, typed: re.Match[str] | None) -> str | None:
    """The sender's flat: the one `typed` (building, unit, room; remembered, after checking its
    building is here), else the flat remembered (not a building alone), else None."""
    if typed is not None:
        home = f"{typed[1]}-{typed[2]}-{typed[3]}"
        _keep(ctx, typed[1], home, texts.BALLOT_UNKNOWN_BUILDING)
        return home
    assert ctx.community is not None
    known = ctx.uow.meetings.household(ctx.sender.id, ctx.community.id)
    return None if known is None or known.home.count("-") != 2 else known.home


def remember_building(ctx: Context, building: str) -> None:
    """「我住5号楼」: the sender's building (checked as a flat's is), unless a flat in it is
    known."""
    number = building_number(building) or building
    if home_building(ctx) != number:
        _keep(ctx, number, number, texts.UNKNOWN_BUILDING)


def _keep(ctx: Context, building: str, home: str, unknown: str) -> None:
    """`home` (a flat, or a building alone) remembered as the sender's, after checking its
    building is here."""
    assert ctx.community is not None
    buildings = ctx.uow.communities.building_numbers(ctx.community.id)
    if buildings and building_number(building) not in buildings:  # a home that is not here
        listed = "、".join(f"{n}号楼" for n in buildings[:10])
        raise Answer(unknown.format(building=building, known=listed))
    known = ctx.uow.meetings.household(ctx.sender.id, ctx.community.id)
    if known is None:
        ctx.uow.meetings.remember_household(
            Household(person_id=ctx.sender.id, community_id=ctx.community.id, home=home)
        )
    else:
        known.home = home


def heard_in(ctx: Context, text: str) -> None:
    """「…，我住3号楼2单元」 said within a private report: that flat (or building) remembered as
    if said alone, when none is known yet and the building is here (nothing is asked or refused
    in the middle of a report)."""
    said = home_in(normalize(text))
    if said is None or home(ctx) is not None:
        return
    try:
        _keep(ctx, said[0], said[1], texts.UNKNOWN_BUILDING)
    except Answer:  # a building not here: nothing remembered
        return


def home_building(ctx: Context) -> str | None:
    """The building of the flat the sender gave, if any."""
    found = home(ctx)
    return found[0] if found is not None else None


def home(ctx: Context) -> tuple[str, str | None, str | None] | None:
    """The sender's flat as (building, unit, room), or their building alone (unit and room
    None); None when they gave neither."""
    assert ctx.community is not None
    known = ctx.uow.meetings.household(ctx.sender.id, ctx.community.id)
    if known is None:
        return None
    parts = known.home.split("-")
    building = building_number(parts[0]) or parts[0]
    if len(parts) != 3:
        return building, None, None
    return building, parts[1], parts[2]


def home_grid(ctx: Context) -> int | None:
    """The grid of the sender's flat, if they gave one in a building config knows."""
    assert ctx.community is not None
    building = home_building(ctx)
    known = ctx.uow.communities.building(ctx.community.id, building) if building else None
    return known.grid_id if known is not None else None


def told(ctx: Context) -> str:
    """「我住哪」: the flat (or building) the sender gave, with its grid; how to give it when
    they gave none."""
    assert ctx.community is not None
    known = ctx.uow.meetings.household(ctx.sender.id, ctx.community.id)
    if known is None:
        return texts.HOME_UNKNOWN
    parts = known.home.split("-")
    where = f"{parts[0]}号楼" + (f"{parts[1]}单元{parts[2]}室" if len(parts) == 3 else "")
    grid = home_grid(ctx)
    named = f"（{ctx.uow.communities.grid(grid).name}）" if grid is not None else ""
    return texts.HOME_TOLD.format(where=where, grid=named)
