"""统计 … 走访: the rounds of a period as a report quotes them — 「本月走访巡查23次，入户156户，
发现问题2处。」 — then a line for each member of staff who made any, and one for each grid where
none was made (「网格5：本月无走访记录」), which is what a secretary looks for.

A round counts in the period it was made in (`Patrol.at`: 「昨天走访了…」 is yesterday's).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from bot.domain.privacy import mask_name
from handlers import texts
from handlers.changes import count_change
from storage.uow import UnitOfWork


@dataclass(frozen=True)
class PatrolFigures:
    count: int
    households: int
    found: int  # rounds that found a problem
    rounds: Counter[int]  # person id → rounds
    visited: Counter[int]  # person id → households
    grids: frozenset[int]  # the grids rounds were made in


def patrol_figures(
    uow: UnitOfWork,
    community_id: int,
    since: datetime | None,
    until: datetime | None,
    *,
    grid_ids: Collection[int] = (),
    person_ids: Collection[int] = (),
) -> PatrolFigures:
    """The rounds made in [since, until), in those grids and by those people when given."""
    tally = uow.patrols.tally(community_id, since, until, grid_ids=grid_ids, person_ids=person_ids)
    rounds: Counter[int] = Counter()
    visited: Counter[int] = Counter()
    for row in tally:
        rounds[row.person_id] += row.rounds
        visited[row.person_id] += row.households
    return PatrolFigures(
        count=rounds.total(),
        households=visited.total(),
        found=sum(row.found for row in tally),
        rounds=rounds,
        visited=visited,
        grids=frozenset(row.grid_id for row in tally if row.grid_id is not None),
    )


def households_said(count: int) -> str:
    """「，入户12户」, or nothing when no round counted households."""
    return texts.PATROL_HOUSEHOLDS.format(count=count) if count else ""


def figures_sentence(label: str, figures: PatrolFigures) -> str:
    """「本月走访巡查23次，入户156户，发现问题2处。」"""
    if not figures.count:
        return texts.PATROL_FIGURES_NONE.format(period=label)
    found = texts.PATROL_FIGURES_FOUND.format(count=figures.found) if figures.found else ""
    return texts.PATROL_FIGURES.format(
        period=label,
        count=figures.count,
        households=households_said(figures.households),
        found=found,
    )


def patrol_lines(
    uow: UnitOfWork,
    community_id: int,
    label: str,
    figures: PatrolFigures,
    grid_ids: Collection[int] | None = (),
) -> list[str]:
    """The sentence, each person's line (the most rounds first) and each grid (of `grid_ids`
    when given; None: none, the rounds being some people's) without a round."""
    lines = [figures_sentence(label, figures)]
    people = uow.people.many(figures.rounds)
    for person_id, count in sorted(figures.rounds.items(), key=lambda pc: (-pc[1], pc[0])):
        lines.append(
            texts.PATROL_PERSON_LINE.format(
                who=mask_name(people[person_id].name),
                count=count,
                households=households_said(figures.visited[person_id]),
            )
        )
    for grid in uow.communities.grids_of(community_id) if grid_ids is not None else ():
        if grid.id not in figures.grids and (not grid_ids or grid.id in grid_ids):
            lines.append(texts.PATROL_GRID_NONE.format(grid=grid.name, period=label))
    return lines


def patrols_moved(label: str, figures: PatrolFigures, was: PatrolFigures) -> str:
    """「较10月（走访8次，入户50户）：走访减少3次，入户减少14户。」: 「统计 本月 走访 环比」."""
    if not was.count:
        return texts.PATROL_COMPARED_NOTHING.format(label=label)
    changes = [count_change("走访", figures.count, was.count, share=True, unit="次")]
    if figures.households or was.households:
        visited = count_change("入户", figures.households, was.households, share=False, unit="户")
        changes.append(visited)
    return texts.PATROL_COMPARED.format(
        label=label,
        count=was.count,
        households=households_said(was.households),
        changes="，".join(changes),
    )
