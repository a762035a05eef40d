"""「统计 张网格」「统计 本周 人员」「统计 网格员」: what members of staff did in a period (工作量),
as an assessment (考核) of grid workers quotes it.

Counted from the audit trail (`Audit.work_done`): the issues each one handled, and how often
they did each thing to them (受理, 派单, 办结, 回访 …), by when they did it, not by when the issue
was filed; and their rounds of 走访 (`handlers.patrol_stats`). A grid worker's own grids'
figures for the period follow their sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from bot.domain.issues import Role
from bot.domain.permissions import work_refusal
from bot.domain.privacy import mask_name
from handlers import texts
from handlers.admin import grant_scope
from handlers.base import Answer, Context
from handlers.changes import count_change, time_said
from handlers.patrol_stats import PatrolFigures, households_said, patrol_figures
from storage.models import Person, RoleGrant
from storage.repositories import RESOLVED_ON_TIME
from storage.uow import UnitOfWork

if TYPE_CHECKING:  # handlers.stats hands its queries here
    from handlers.stats import Period, StatsQuery

# The audit actions that are work on an issue, as the figures name them, in the order shown.
# 「回访」: a rating recorded by staff after a call (a reporter's own rating is not counted).
WORK = {
    "filed_for": "代为立案",
    "accept": "受理",
    "assign": "派单",
    "progress": "进展",
    "resolve": "办结",
    "rate": "回访",
    "verify": "核实",
    "urge": "催办",
    "told": "转告",
    "escalate": "上报",
    "extend": "延期",
    "extend_asked": "申请延期",
    "suspend": "挂起",
    "resume": "恢复办理",
    "decline": "不归我管",
    "reject": "退回",
    "merge": "合并",
    "reopen": "重开",
}
_ORDER = (Role.WORKER, Role.HANDLER, Role.HEAD, Role.SECRETARY)
_WHO = {frozenset({role}): role.label for role in (Role.WORKER, Role.HEAD)}


@dataclass
class Member:
    """A member of staff as the figures name them: their roles' grants, in the order granted."""

    person: Person
    grants: list[RoleGrant] = field(default_factory=list)

    @property
    def role(self) -> Role:
        """The role they are listed under: the first of `_ORDER` they hold."""
        held = {grant.role for grant in self.grants}
        return next(role for role in _ORDER if role in held)


def members(staff: Sequence[tuple[Person, RoleGrant]]) -> dict[int, Member]:
    """`People.staff` by person: each one once, with all their grants."""
    by_person: dict[int, Member] = {}
    for person, grant in staff:
        by_person.setdefault(person.id, Member(person)).grants.append(grant)
    return by_person


def work_text(
    ctx: Context,
    query: StatsQuery,
    staff: Mapping[int, Member],
    grid_line: Callable[[int], str],
    before: Period | None = None,
) -> str:
    """The sentence for each person named (a grid worker's with `grid_line` of each of their
    grids), or a line for each member of staff asked for; with `before` (环比, 同比), how each
    one's issues handled and rounds moved from that period."""
    assert ctx.community is not None
    reason = work_refusal(ctx.actor, query.people, bool(query.staff))
    if reason:
        raise Answer(reason, "refused", "stats")
    period = query.period
    label = period.label
    chosen = [m for m in staff.values() if m.person.id in query.people or m.role in query.staff]
    chosen.sort(key=lambda m: _ORDER.index(m.role))  # stable: in the order granted
    ids = [m.person.id for m in chosen]
    community_id = ctx.community.id
    touched, done = work_counts(ctx.uow, community_id, period.since, period.until, ids)
    rounds = patrol_figures(ctx.uow, ctx.community.id, period.since, period.until, person_ids=ids)
    moved = _moved(ctx, ids, before, touched, rounds) if before is not None else {}
    private = ctx.chat.kind == "private"

    def name_of(member: Member) -> str:
        return member.person.name if private else mask_name(member.person.name)

    def work_of(member: Member) -> Work:
        person_id = member.person.id
        patrols = ""
        if count := rounds.rounds[person_id]:
            visited = households_said(rounds.visited[person_id])
            patrols = texts.WORK_PATROLS.format(count=count, households=visited)
        patrols += moved.get(person_id, "")
        actions = _actions(done.get(person_id, {}))
        if query.durations:  # 「张网格平均多久办结」: how long what they finished took
            took = ctx.uow.audit.resolve_times(community_id, person_id, period.since, period.until)
            if took:
                actions += texts.WORK_TOOK.format(time=time_said(sum(took) / len(took)))
        return Work(touched.get(person_id, 0), actions, patrols)

    if query.people and not query.staff:
        return "\n".join(_sentence(label, name_of(m), m, work_of(m), grid_line) for m in chosen)
    who = _WHO.get(query.staff, texts.WORK_EVERYONE)
    lines = [texts.WORK_HEAD.format(period=label, who=who)]
    for member in ordered(chosen, touched):
        work = work_of(member)
        line = (
            texts.WORK_LINE.format(handled=work.handled, actions=work.actions, patrols=work.patrols)
            if work.handled
            else texts.WORK_IDLE.format(patrols=work.patrols)
        )
        lines.append(f"{name_of(member)}（{scope(ctx.uow, member)}）：{line}")
    if len(lines) == 1:
        lines.append(texts.WORK_NO_STAFF)
    return "\n".join(lines)


def _moved(
    ctx: Context,
    ids: Sequence[int],
    before: Period,
    touched: Mapping[int, int],
    rounds: PatrolFigures,
) -> dict[int, str]:
    """「；较上月同期经手增加2件，走访持平」 for each of these people who did anything in either
    period: their issues handled, and their rounds when they made any."""
    assert ctx.community is not None
    community_id = ctx.community.id
    was, _ = work_counts(ctx.uow, community_id, before.since, before.until, ids)
    then = patrol_figures(ctx.uow, community_id, before.since, before.until, person_ids=ids)
    said = {}
    for person_id in ids:
        now_handled, was_handled = touched.get(person_id, 0), was.get(person_id, 0)
        made, made_was = rounds.rounds[person_id], then.rounds[person_id]
        if not (now_handled or was_handled or made or made_was):
            continue  # nothing either time: nothing to say of it
        changes = [count_change("经手", now_handled, was_handled, share=False, unit="件")]
        if made or made_was:
            changes.append(count_change("走访", made, made_was, share=False, unit="次"))
        said[person_id] = texts.WORK_MOVED.format(label=before.label, changes="，".join(changes))
    return said


def work_counts(
    uow: UnitOfWork,
    community_id: int,
    since: datetime | None,
    until: datetime | None,
    person_ids: Sequence[int],
) -> tuple[dict[int, int], dict[int, dict[str, int]]]:
    """What these people did in [since, until): the issues each touched, and how often they
    did each thing of `WORK` (with RESOLVED_ON_TIME, their 办结 by the deadline)."""
    touched: dict[int, int] = {}
    done: dict[int, dict[str, int]] = {}
    for person_id, action, n in uow.audit.work_done(community_id, since, until, WORK, person_ids):
        if action is None:
            touched[person_id] = n
        else:
            done.setdefault(person_id, {})[action] = n
    return touched, done


def ordered(staff: Sequence[Member], touched: Mapping[int, int]) -> list[Member]:
    """Most issues first; a tie grid workers first, then handlers, heads and the secretary,
    then in the order granted."""
    return sorted(staff, key=lambda m: (-touched.get(m.person.id, 0), _ORDER.index(m.role)))


def scope(uow: UnitOfWork, member: Member) -> str:
    """What a line says of them: 网格3, 3号楼, their unit (as 人员 lists them), or their role."""
    said = dict.fromkeys(grant_scope(uow, g) for g in member.grants if g.role is member.role)
    if texts.ALL_GRIDS in said:  # a worker given no grid works in all of them
        return texts.ALL_GRIDS
    return "、".join(place for place in said if place) or member.role.label


class Work(NamedTuple):
    """What one member of staff did in a period, as their sentence or line says it."""

    handled: int  # the issues they touched
    actions: str  # 「受理2、派单1、办结3（按期2）」
    patrols: str  # 「；走访3次，入户12户」, or nothing


def _sentence(
    period: str, name: str, member: Member, work: Work, grid_line: Callable[[int], str]
) -> str:
    """「张网格本月经手事项3件：受理2、派单1、回访1；走访3次。」, then the lines of their grids."""
    if not work.handled:
        line = texts.WORK_NOTHING.format(name=name, period=period, patrols=work.patrols)
    else:
        line = texts.WORK_SENTENCE.format(
            name=name,
            period=period,
            handled=work.handled,
            actions=work.actions,
            patrols=work.patrols,
        )
    grids = {grant.grid_id for grant in member.grants if grant.role is Role.WORKER}
    if member.role is not Role.WORKER or None in grids:
        return line  # a worker given no grid works in all of them: 「统计」 says those
    return "\n".join([line, *(grid_line(g) for g in sorted(g for g in grids if g is not None))])


def _actions(done: Mapping[str, int]) -> str:
    """「受理2、派单1、办结3（按期2）、回访1」 in `WORK`'s order."""
    said = []
    for action, word in WORK.items():
        if n := done.get(action):
            on_time = done.get(RESOLVED_ON_TIME, 0) if action == "resolve" else None
            kept = texts.WORK_ON_TIME.format(on_time=on_time) if on_time is not None else ""
            said.append(f"{word}{n}{kept}")
    return "、".join(said)
