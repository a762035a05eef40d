"""联系方式: who to call. 「网格员是谁」「物业电话多少」「社区几点上班」 are read as this command
(`bot.domain.asking.contact_asked`).

Everything said comes from config.yaml: the community's office number and hours, a unit's
number, and the public work numbers of staff (`people[].phone`). Names come from the role
grants, so staff given a role in chat are named too, without a number. Residents' numbers are
never kept, so never given.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.analysis.location import building_number
from bot.domain.asking import BUILDING_KEEPERS, BUILDINGS_OF
from bot.domain.issues import Role
from bot.text import shorten
from handlers import homes, texts
from handlers.base import Answer, Context, Outcome, answer, reply_to
from storage.models import Person, RoleGrant

# What people call each role or office (「网格长」 is how some say 网格员).
_ROLE_WORDS = {
    **dict.fromkeys(["网格员", "网格长"], Role.WORKER),
    **dict.fromkeys(["楼栋长", "楼长", "单元长"], Role.HEAD),
    # 社区主任 (居委会主任) is often the secretary too (「书记、主任一肩挑」)
    **dict.fromkeys(["书记", "社区主任", "居委会主任", "主任"], Role.SECRETARY),
}
_OFFICE_WORDS = frozenset({"社区", "居委会", "居委", "社区服务站", "服务站", "党群服务中心"})
_PROPERTY_WORDS = frozenset({"物业公司", "物业管家"})  # 物业, as config names the company
_BUILDING = re.compile(r"^\s*(?P<building>[0-9]{1,4}\s*(?:号楼|栋|幢|号)?)(?:\s+|$)")
_SHOWN = 6  # people named in one line; more are counted
_NAME_SHOWN = 16  # characters of a name nobody published, said back


def contacts(ctx: Context, args: str) -> Outcome:
    """联系方式 [楼号] [网格员/楼栋长/书记/社区/物业/单位] — the numbers and names to call."""
    if ctx.community is None:
        return answer(ctx, texts.NO_COMMUNITY, "refused")
    said = args.strip()
    building = None
    if typed := _BUILDING.match(said):
        building = building_number(typed["building"])
        said = said[typed.end() :].strip()
    if not said:
        return _published(ctx, _office(ctx) + "\n" + role_line(ctx, Role.WORKER, building))
    if said == BUILDING_KEEPERS and building is not None:  # 「谁负责5号楼」
        return _published(ctx, _keepers(ctx, building))
    if said.endswith(f" {BUILDINGS_OF}"):  # 「网格3有哪些楼」「张网格负责哪几栋楼」
        return _published(ctx, _buildings(ctx, said.removesuffix(f" {BUILDINGS_OF}")))
    role = _ROLE_WORDS.get(said)
    if role is not None:
        return _published(ctx, role_line(ctx, role, building))
    if said in _OFFICE_WORDS:
        return _published(ctx, _office(ctx))
    if ctx.community_settings().find_unit(said) is None and (line := _person(ctx, said)):
        return _published(ctx, line)  # 「张网格的电话」: theirs, with what they do here
    # 「王芳的电话」 from staff privately: what a resident left on their reports, not published
    from handlers.listing import reporter_phones  # here: listing's imports reach contacts

    if (left := reporter_phones(ctx, said)) is not None:
        return answer(ctx, left, "invalid")
    return _published(ctx, _unit_line(ctx, "物业" if said in _PROPERTY_WORDS else said))


def _person(ctx: Context, said: str) -> str:
    """「张网格（13800138003）：网格3的网格员。」 for the one of staff `said` names (「小张」 as
    colleagues call them), with their public work number where config gives one; "" for
    no one, or several."""
    assert ctx.community is not None
    people = ctx.uow.people.called(ctx.community.id, said.removeprefix("@"))
    if len(people) != 1:
        return ""
    person = people[0]
    grids = {grid.id: grid.name for grid in ctx.uow.communities.grids_of(ctx.community.id)}
    roles, offices = [], []  # what they do; the numbers to call where they have none of their own
    for grant in ctx.uow.people.grants_of(person.id, ctx.community.id):
        if grant.role is Role.WORKER:
            roles.append(f"{grids.get(grant.grid_id or 0, '全社区')}的网格员")
        elif grant.role is Role.HEAD and grant.building:
            roles.append(f"{building_number(grant.building)}号楼的楼栋长")
        elif grant.role is Role.HANDLER and grant.work_unit:
            roles.append(f"{grant.work_unit}联系人")
            unit = ctx.community_settings().unit(grant.work_unit)
            if unit is not None and unit.phone:
                offices.append(texts.CONTACT_UNIT_PHONE.format(unit=unit.name, phone=unit.phone))
        elif grant.role is Role.SECRETARY:
            roles.append("书记")
            offices += _community_office(ctx)
    if not roles:
        return ""
    who = names(ctx, [person])
    line = texts.CONTACT_PERSON.format(who=who, roles="、".join(roles))
    return line if "（" in who else _with_offices(line, offices)  # none of their own


def _community_office(ctx: Context) -> list[str]:
    """「社区电话 0931-8123456」: the office's number, where config gives one."""
    phone = ctx.community_settings().phone
    return [texts.CONTACT_UNIT_PHONE.format(unit="社区", phone=phone)] if phone else []


def _with_offices(line: str, offices: list[str]) -> str:
    """`line` with the offices' numbers to call after it (「…（社区电话 0931-8123456）。」)."""
    if not offices:
        return line
    return line.removesuffix("。") + texts.CONTACT_OFFICES.format(offices="；".join(offices))


def _published(ctx: Context, text: str) -> Outcome:
    """The answer, built only from config.yaml's public numbers and staff names: unmasked in a
    group. (What the asker typed is never in it: an unknown name is answered by `Answer`.)"""
    return Outcome([reply_to(ctx, text)], "command", published=True)


def _office(ctx: Context) -> str:
    settings = ctx.community_settings()
    said = office_said(ctx)
    if not said:
        return texts.CONTACT_OFFICE_UNKNOWN.format(community=settings.name)
    return texts.CONTACT_OFFICE.format(community=settings.name, said=said)


def office_said(ctx: Context) -> str:
    """The office as config.yaml gives it (「电话 0931-…；社区党群服务中心…，工作日…」); ""
    when config says nothing."""
    settings = ctx.community_settings()
    parts = [f"电话 {settings.phone}" if settings.phone else "", settings.office]
    return "；".join(part for part in parts if part)


def _unit_line(ctx: Context, typed: str) -> str:
    assert ctx.community is not None
    unit = ctx.community_settings().find_unit(typed)
    if unit is None:
        raise Answer(texts.CONTACT_UNKNOWN.format(who=shorten(typed, _NAME_SHOWN)))
    people = ctx.uow.people.of_unit(ctx.community.id, unit.name)
    parts = [f"电话 {unit.phone}" if unit.phone else ""]
    if people:
        parts.append("联系人 " + names(ctx, list(people)))
    said = "；".join(part for part in parts if part)
    if not unit.phone:
        return texts.CONTACT_UNIT_NO_PHONE.format(unit=unit.name, said=f"{said}。" if said else "")
    return texts.CONTACT_UNIT.format(unit=unit.name, said=said)


def role_line(ctx: Context, role: Role, building: str | None) -> str:
    """Who holds `role` for the asker: the grid (or building) the question, the chat or the
    asker's home names, else everyone holding it, by grid or building."""
    assert ctx.community is not None
    held = [(p, g) for p, g in ctx.uow.people.staff(ctx.community.id) if g.role is role]
    name = _ROLE_NAMES[role]
    if role is Role.SECRETARY:
        line = _named(ctx, name, "", [p for p, _ in held])
        if not held or "（" in line:  # nobody, or a work number of their own
            return line
        return _with_offices(line, _community_office(ctx))
    if building is None and ctx.chat.kind == "private":
        building = homes.home_building(ctx)
    if building is None and ctx.actor.role is Role.HEAD and len(ctx.actor.buildings) == 1:
        building = next(iter(ctx.actor.buildings))  # 「我们楼的网格员是谁」 from its 楼栋长
    if role is Role.HEAD:
        if building is not None:
            here = [p for p, g in held if g.building and building_number(g.building) == building]
            return _named(ctx, name, f"{building}号楼的", here)
        return _by_place(ctx, name, held, lambda g: f"{building_number(g.building or '')}号楼")
    grid_id = ctx.chat.grid_id
    if building is not None:
        known = ctx.uow.communities.building(ctx.community.id, building)
        grid_id = known.grid_id if known is not None else None
    if grid_id is not None:
        grid = ctx.uow.communities.grid(grid_id).name
        return _named(ctx, name, f"{grid}的", [p for p, g in held if g.grid_id == grid_id])
    grids = {g.id: g.name for g in ctx.uow.communities.grids_of(ctx.community.id)}
    return _by_place(ctx, name, held, lambda g: grids.get(g.grid_id or 0, "全社区"))


_ROLE_NAMES = {Role.WORKER: "网格员", Role.HEAD: "楼栋长", Role.SECRETARY: "书记"}


def _buildings(ctx: Context, who: str) -> str:
    """「网格3：1号楼、2号楼…；网格员 张网格（…）。」 for a grid, or for each grid of a grid
    worker named; a name that is neither is said so."""
    assert ctx.community is not None
    grids = {grid.name: grid for grid in ctx.uow.communities.grids_of(ctx.community.id)}
    if who in grids:
        chosen = [grids[who]]
    else:
        workers = [
            (person, grant)
            for person, grant in ctx.uow.people.staff(ctx.community.id)
            if grant.role is Role.WORKER and person.name == who
        ]
        ids = {grant.grid_id for _, grant in workers}
        chosen = [grid for grid in grids.values() if grid.id in ids]
        if not workers:
            raise Answer(texts.BUILDINGS_WHO.format(who=shorten(who, _NAME_SHOWN)))
    lines = []
    for grid in chosen:
        numbers = ctx.uow.communities.buildings_in(grid.id)
        listed = "、".join(f"{number}号楼" for number in numbers) or texts.BUILDINGS_NONE
        lines.append(texts.BUILDINGS_LINE.format(grid=grid.name, buildings=listed))
        lines.append(role_line(ctx, Role.WORKER, numbers[0] if numbers else None))
    return "\n".join(lines) if lines else texts.BUILDINGS_NO_GRID.format(who=who)


def _keepers(ctx: Context, building: str) -> str:
    """「5号楼属网格5。」 with its grid's workers and the building's 楼栋长."""
    assert ctx.community is not None
    known = ctx.uow.communities.building(ctx.community.id, building)
    if known is None or known.grid_id is None:
        return texts.BUILDING_UNKNOWN.format(building=building)
    grid = ctx.uow.communities.grid(known.grid_id).name
    lines = [
        texts.BUILDING_GRID.format(building=building, grid=grid),
        role_line(ctx, Role.WORKER, building),
        role_line(ctx, Role.HEAD, building),
    ]
    return "\n".join(lines)


def _named(ctx: Context, name: str, where: str, people: list[Person]) -> str:
    if not people:
        return _nobody(ctx, where, name)
    return texts.CONTACT_PEOPLE.format(where=where, role=name, people=names(ctx, people))


def _by_place(
    ctx: Context,
    name: str,
    held: list[tuple[Person, RoleGrant]],
    place_of: Callable[[RoleGrant], str],
) -> str:
    """Everyone holding the role, by the grid or building they hold it for."""
    if not held:
        return _nobody(ctx, "", name)
    places: dict[str, list[Person]] = {}
    for person, grant in held:
        places.setdefault(place_of(grant), []).append(person)
    said = "；".join(f"{place} {names(ctx, people)}" for place, people in places.items())
    return texts.CONTACT_PEOPLE.format(where="", role=name, people=said)


_NAMED_BY_SECRETARY = frozenset({"楼栋长", "网格员"})  # roles 设置角色 names, by building or grid


def _nobody(ctx: Context, where: str, role: str) -> str:
    """「5号楼的楼栋长还没有登记。」: a resident may write to the bot instead; the secretary
    is told how to name one."""
    if ctx.role is Role.SECRETARY and role in _NAMED_BY_SECRETARY:
        scope = f" {where.removesuffix('的')}" if where else ""  # 「楼栋长 5号楼」
        return texts.CONTACT_NOBODY_YET.format(where=where, role=role, scope=scope)
    return texts.CONTACT_NOBODY.format(where=where, role=role)


def names(ctx: Context, people: list[Person]) -> str:
    """「张网格（13800138003）、小李」: each once, with a public work number where config
    gives one."""
    people_config = ctx.community_settings().people
    phones: dict[tuple[str, str], str] = {(p.platform, p.ref): p.phone for p in people_config}
    unique = list({person.id: person for person in people}.values())
    shown = [
        f"{person.name}（{phone}）"
        if (phone := phones.get((person.platform, person.ref)))
        else person.name
        for person in unique[:_SHOWN]
    ]
    more = f"等{len(unique)}人" if len(unique) > _SHOWN else ""
    return "、".join(shown) + more
