"""Writing what config.yaml says (communities, grids, buildings, chats, people, roles) into
the database at start, so the ledger can join against it.

Config is authoritative for what it names; roles granted in chat (`source="chat"`) survive.
A chat is found by the ref config names it by (`Chat.config_ref`), so one whose platform id
changed since keeps its row; a ref that is a title makes a row awaiting its room (`/bind`).
"""

from __future__ import annotations

from datetime import datetime

from bot.config import Settings
from bot.domain.chats import is_platform_id
from bot.domain.issues import Role
from storage.models import Building, Chat, Community, Grid, Person, RoleGrant
from storage.uow import UnitOfWork


def sync_config(uow: UnitOfWork, settings: Settings, now: datetime) -> None:
    for spec in settings.communities:
        community = uow.communities.by_code(spec.code) or uow.communities.add(
            Community(code=spec.code, name=spec.name, next_issue_no=0)
        )
        community.name = spec.name
        grids: dict[str, Grid] = {}
        for grid_spec in spec.grids:
            grid = uow.communities.grid_by_name(community.id, grid_spec.name) or (
                uow.communities.add_grid(Grid(community_id=community.id, name=grid_spec.name))
            )
            grids[grid.name] = grid
            for building_spec in grid_spec.buildings:
                building = uow.communities.building(community.id, building_spec.number)
                if building is None:
                    uow.communities.add_building(
                        Building(
                            community_id=community.id,
                            grid_id=grid.id,
                            number=building_spec.number,
                            units=building_spec.units,
                        )
                    )
                else:
                    building.grid_id = grid.id
                    building.units = building_spec.units
        for binding in spec.chats:
            # Found by the ref config names it by, even after its platform id changed (a title
            # confirmed to a room id, a Telegram supergroup move): one row per configured chat.
            chat = uow.chats.configured(binding.platform, binding.ref) or uow.chats.add(
                Chat(platform=binding.platform, ref=binding.ref, title=binding.ref)
            )
            chat.config_ref = binding.ref
            if binding.title:
                chat.title = binding.title
            elif not chat.title or not is_platform_id(chat.platform, chat.ref):
                # A placeholder is its title; a chat known by its id keeps the title it has.
                chat.title = binding.ref
            chat.kind = binding.kind
            if binding.suggest is not None:
                chat.suggest = binding.suggest
            chat.community_id = community.id
            chat.grid_id = grids[binding.grid].id if binding.grid else None
        uow.guide.configure(community.id, [(g.ask, g.answer) for g in spec.guide], now)
        for old in uow.people.grants(community.id, source="config"):
            uow.people.remove_grant(old)
        uow.session.flush()
        for person_spec in spec.people:
            person = uow.people.find(person_spec.platform, person_spec.ref) or uow.people.add(
                Person(
                    platform=person_spec.platform,
                    ref=person_spec.ref,
                    name=person_spec.name or person_spec.ref,
                    first_seen=now,
                )
            )
            if person_spec.name:
                person.name = person_spec.name
            scopes: list[tuple[int | None, str | None]] = [
                (grids[g].id, None) for g in person_spec.grids
            ] + [(None, b) for b in person_spec.buildings]
            for grid_id, building_no in scopes or [(None, None)]:
                uow.people.add_grant(
                    RoleGrant(
                        person_id=person.id,
                        community_id=community.id,
                        role=Role(person_spec.role),
                        grid_id=grid_id,
                        building=building_no,
                        work_unit=person_spec.unit,
                        source="config",
                        granted_at=now,
                    )
                )
