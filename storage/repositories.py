"""Repositories: the only place that builds queries. Handlers call these, never SQL."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.domain.issues import Role
from storage.models import (
    Attachment,
    AuditEntry,
    Building,
    Chat,
    Community,
    Grid,
    InboundMessage,
    Issue,
    Person,
    RoleGrant,
)


class Communities:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, community_id: int) -> Community:
        return self._session.get_one(Community, community_id)

    def by_code(self, code: str) -> Community | None:
        return self._session.scalar(select(Community).where(Community.code == code))

    def all(self) -> Sequence[Community]:
        return self._session.scalars(select(Community).order_by(Community.id)).all()

    def add(self, community: Community) -> Community:
        self._session.add(community)
        self._session.flush()
        return community

    def grid(self, grid_id: int) -> Grid:
        return self._session.get_one(Grid, grid_id)

    def grid_by_name(self, community_id: int, name: str) -> Grid | None:
        return self._session.scalar(
            select(Grid).where(Grid.community_id == community_id, Grid.name == name)
        )

    def add_grid(self, grid: Grid) -> Grid:
        self._session.add(grid)
        self._session.flush()
        return grid

    def building(self, community_id: int, number: str) -> Building | None:
        return self._session.scalar(
            select(Building).where(Building.community_id == community_id, Building.number == number)
        )

    def add_building(self, building: Building) -> None:
        self._session.add(building)

    def take_issue_number(self, community_id: int) -> int:
        """The next issue number, allocated atomically so concurrent writers never share one."""
        number = self._session.execute(
            update(Community)
            .where(Community.id == community_id)
            .values(next_issue_no=Community.next_issue_no + 1)
            .returning(Community.next_issue_no)
        ).scalar_one()
        return int(number)


class Chats:
    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, platform: str, ref: str) -> Chat | None:
        return self._session.scalar(select(Chat).where(Chat.platform == platform, Chat.ref == ref))

    def add(self, chat: Chat) -> Chat:
        self._session.add(chat)
        self._session.flush()
        return chat

    def of_kind(self, community_id: int, kind: str) -> Sequence[Chat]:
        return self._session.scalars(
            select(Chat)
            .where(Chat.community_id == community_id, Chat.kind == kind)
            .order_by(Chat.id)
        ).all()


class People:
    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, platform: str, ref: str) -> Person | None:
        return self._session.scalar(
            select(Person).where(Person.platform == platform, Person.ref == ref)
        )

    def get(self, person_id: int) -> Person:
        return self._session.get_one(Person, person_id)

    def add(self, person: Person) -> Person:
        self._session.add(person)
        self._session.flush()
        return person

    def roles(self, person_id: int, community_id: int) -> list[Role]:
        return list(
            self._session.scalars(
                select(RoleGrant.role).where(
                    RoleGrant.person_id == person_id, RoleGrant.community_id == community_id
                )
            )
        )

    def communities_of(self, person_id: int) -> list[int]:
        return list(
            self._session.scalars(
                select(RoleGrant.community_id)
                .where(RoleGrant.person_id == person_id)
                .distinct()
                .order_by(RoleGrant.community_id)
            )
        )

    def grants(self, community_id: int, source: str) -> Sequence[RoleGrant]:
        return self._session.scalars(
            select(RoleGrant).where(
                RoleGrant.community_id == community_id, RoleGrant.source == source
            )
        ).all()

    def add_grant(self, grant: RoleGrant) -> None:
        self._session.add(grant)

    def remove_grant(self, grant: RoleGrant) -> None:
        self._session.delete(grant)


class Issues:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, issue: Issue) -> Issue:
        self._session.add(issue)
        self._session.flush()
        return issue

    def add_attachment(self, attachment: Attachment) -> None:
        self._session.add(attachment)

    def by_number(self, community_id: int, number: int) -> Issue | None:
        return self._session.scalar(
            select(Issue).where(Issue.community_id == community_id, Issue.number == number)
        )


class Audit:
    def __init__(self, session: Session) -> None:
        self._session = session

    def record(self, entry: AuditEntry) -> None:
        self._session.add(entry)

    def of_issue(self, issue_id: int) -> Sequence[AuditEntry]:
        return self._session.scalars(
            select(AuditEntry).where(AuditEntry.issue_id == issue_id).order_by(AuditEntry.id)
        ).all()


class Inbox:
    """The verbatim record of messages the bot acted on."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def seen(self, platform: str, chat_ref: str, message_id: str) -> bool:
        return (
            self._session.scalar(
                select(InboundMessage.id).where(
                    InboundMessage.platform == platform,
                    InboundMessage.chat_ref == chat_ref,
                    InboundMessage.message_id == message_id,
                )
            )
            is not None
        )

    def add(self, message: InboundMessage) -> InboundMessage:
        self._session.add(message)
        self._session.flush()
        return message

    def find(self, platform: str, chat_ref: str, message_id: str) -> InboundMessage | None:
        return self._session.scalar(
            select(InboundMessage).where(
                InboundMessage.platform == platform,
                InboundMessage.chat_ref == chat_ref,
                InboundMessage.message_id == message_id,
            )
        )
