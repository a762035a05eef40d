"""Repositories: the only place that builds queries. Handlers call these, never SQL."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from itertools import pairwise
from typing import Any, Literal, NamedTuple, TypeVar, cast

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    Integer,
    Select,
    String,
    Update,
    and_,
    bindparam,
    case,
    delete,
    func,
    literal,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import InstrumentedAttribute, Session, load_only
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Float

from bot.domain.chats import is_platform_id
from bot.domain.deadlines import DueWindow
from bot.domain.issues import IssueStatus, Role
from bot.domain.lifecycle import OPEN as OPEN_STATUSES
from bot.domain.sources import CALLERS
from bot.text import surname_called
from storage.models import (
    ANNOUNCED,
    AgendaItem,
    Attachment,
    AuditEntry,
    Ballot,
    Building,
    Chat,
    Community,
    Follower,
    Grid,
    GuideAnswer,
    GuideAsk,
    Household,
    InboundMessage,
    Issue,
    Meeting,
    MeetingChat,
    MeetingOption,
    Objection,
    OutboundMessage,
    Patrol,
    Person,
    PointEntry,
    Question,
    Reminder,
    RoleGrant,
    UTCDateTime,
    WaitingPhoto,
    WebSession,
)


def _next_number(session: Session, community_id: int, counter: InstrumentedAttribute[int]) -> int:
    """The community's next number of a kind (`counter`: issues, meetings, questions), taken
    atomically so concurrent writers never share one."""
    number = session.execute(
        update(Community)
        .where(Community.id == community_id)
        .values({counter: counter + 1})
        .returning(counter)
    ).scalar_one()
    return int(number)


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

    def grids_of(self, community_id: int) -> Sequence[Grid]:
        return self._session.scalars(
            select(Grid).where(Grid.community_id == community_id).order_by(Grid.id)
        ).all()

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

    def building_numbers(self, community_id: int) -> list[str]:
        """The community's buildings as config.yaml lists them (none: any is accepted)."""
        return list(
            self._session.scalars(
                select(Building.number)
                .where(Building.community_id == community_id)
                .order_by(Building.id)
            )
        )

    def buildings_in(self, grid_id: int) -> list[str]:
        """The numbers of a grid's buildings, as config.yaml lists them."""
        return list(
            self._session.scalars(
                select(Building.number).where(Building.grid_id == grid_id).order_by(Building.id)
            )
        )

    def add_building(self, building: Building) -> None:
        self._session.add(building)

    def take_issue_number(self, community_id: int) -> int:
        """The next issue number, allocated atomically so concurrent writers never share one."""
        return _next_number(self._session, community_id, Community.next_issue_no)


class Chats:
    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, platform: str, ref: str) -> Chat | None:
        return self._session.scalar(select(Chat).where(Chat.platform == platform, Chat.ref == ref))

    def heard(self, platform: str, ref: str, message_id: str) -> Heard:
        """What every message asks first, in one query: its chat, the chat's community (then
        in the session: `Communities.get` needs no query for it), and whether the message is
        kept already (only known when the chat is)."""
        row = self._session.execute(
            _HEARD, {"platform": platform, "ref": ref, "message_id": message_id}
        ).first()
        if row is None:
            return Heard(None, None, None)
        chat, community, seen = row
        return Heard(chat, community, bool(seen))

    def configured(self, platform: str, config_ref: str) -> Chat | None:
        """The chat config.yaml names `config_ref`, wherever its platform id has moved since."""
        return self._session.scalar(
            select(Chat).where(Chat.platform == platform, Chat.config_ref == config_ref)
        ) or self.find(platform, config_ref)

    def awaiting(self, platform: str, title: str) -> Chat | None:
        """The configured chat named by this title that still waits for its room, if any."""
        if not title or is_platform_id(platform, title):
            return None
        return self._session.scalar(
            select(Chat)
            .where(Chat.platform == platform, Chat.config_ref == title, Chat.ref == title)
            .order_by(Chat.id)
        )

    def retire(self, old: Chat, into: Chat) -> None:
        """`old` and `into` are the same chat: whatever points at `old` points at `into`, and
        `old` is deleted."""
        session = self._session
        shared = select(MeetingChat.meeting_id).where(MeetingChat.chat_id == into.id)
        for twice in session.scalars(
            select(MeetingChat).where(
                MeetingChat.chat_id == old.id, MeetingChat.meeting_id.in_(shared)
            )
        ):
            session.delete(twice)
        session.flush()
        for table in (Reminder, Issue, Follower, Meeting, MeetingChat, Ballot, Objection):
            session.execute(update(table).where(table.chat_id == old.id).values(chat_id=into.id))
        session.delete(old)
        session.flush()

    def add(self, chat: Chat) -> Chat:
        self._session.add(chat)
        self._session.flush()
        return chat

    def by_id(self, chat_id: int) -> Chat:
        return self._session.get_one(Chat, chat_id)

    def of_community(self, community_id: int) -> Sequence[Chat]:
        return self._session.scalars(
            select(Chat).where(Chat.community_id == community_id).order_by(Chat.id)
        ).all()

    def suggesting(self) -> frozenset[tuple[str, str]]:
        """(platform, ref) of every bound chat with 诉求提示 on."""
        rows = self._session.execute(
            select(Chat.platform, Chat.ref).where(
                Chat.suggest.is_(True), Chat.community_id.is_not(None)
            )
        )
        return frozenset((platform, ref) for platform, ref in rows)

    def work_groups(self) -> frozenset[tuple[str, str]]:
        """(platform, ref) of every bound work group."""
        rows = self._session.execute(
            select(Chat.platform, Chat.ref).where(
                Chat.kind == "work", Chat.community_id.is_not(None)
            )
        )
        return frozenset((platform, ref) for platform, ref in rows)

    def of_kind(self, community_id: int, kind: str) -> Sequence[Chat]:
        return self._session.scalars(
            select(Chat)
            .where(Chat.community_id == community_id, Chat.kind == kind)
            .order_by(Chat.id)
        ).all()


class Heard(NamedTuple):
    """`Chats.heard`: a message's chat (None: never heard from), its community, and whether
    the message is kept already (None: not known, the chat being new)."""

    chat: Chat | None
    community: Community | None
    seen: bool | None


_HEARD = (
    select(
        Chat,
        Community,
        select(InboundMessage.id)
        .where(
            InboundMessage.platform == bindparam("platform"),
            InboundMessage.chat_ref == bindparam("ref"),
            InboundMessage.message_id == bindparam("message_id"),
        )
        .exists(),
    )
    .outerjoin(Community, Community.id == Chat.community_id)
    .where(Chat.platform == bindparam("platform"), Chat.ref == bindparam("ref"))
)
"""`Chats.heard`, built once: every message that is handled asks it."""


class People:
    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, platform: str, ref: str) -> Person | None:
        return self._session.scalar(
            select(Person).where(Person.platform == platform, Person.ref == ref)
        )

    def get(self, person_id: int) -> Person:
        return self._session.get_one(Person, person_id)

    def at_work_in(self, platform: str, person_ref: str, chat_ref: str) -> bool:
        """Whether this platform user holds a role above resident (楼栋长 and up) in the
        community of the chat `chat_ref`: whose notice posted there is one."""
        held = (
            select(RoleGrant.id)
            .join(Person, Person.id == RoleGrant.person_id)
            .join(Chat, Chat.community_id == RoleGrant.community_id)
            .where(
                Person.platform == platform,
                Person.ref == person_ref,
                Chat.platform == platform,
                Chat.ref == chat_ref,
                RoleGrant.role != Role.RESIDENT,
            )
            .limit(1)
        )
        return self._session.scalar(held) is not None

    def many(self, person_ids: Iterable[int]) -> dict[int, Person]:
        """The people with these ids, by id, in a few queries (a long list goes in chunks).

        While the returned dict is kept, `get` finds them in the session without a query.
        """
        wanted = sorted(set(person_ids))
        found: dict[int, Person] = {}
        for first in range(0, len(wanted), _CHUNK):
            chunk = wanted[first : first + _CHUNK]
            for person in self._session.scalars(select(Person).where(Person.id.in_(chunk))):
                found[person.id] = person
        return found

    def ensure(
        self, platform: str, ref: str, name: str, seen: datetime, handle: str = ""
    ) -> Person:
        """The person with this platform id, known from now on if new."""
        person = self.find(platform, ref) or self.add(
            Person(platform=platform, ref=ref, name=name or ref, first_seen=seen)
        )
        self._hold_handle(person, handle)
        return person

    def ensure_with_grants(
        self, platform: str, ref: str, name: str, seen: datetime, handle: str = ""
    ) -> tuple[Person, list[RoleGrant]]:
        """`ensure`, and the person's role grants in every community (by id), in one query."""
        rows = self._session.execute(_WITH_GRANTS, {"platform": platform, "ref": ref}).all()
        if rows:
            person, grants = rows[0][0], [grant for _, grant in rows if grant is not None]
        else:
            person = self.add(Person(platform=platform, ref=ref, name=name or ref, first_seen=seen))
            grants = []
        self._hold_handle(person, handle)
        return person, grants

    def _hold_handle(self, person: Person, handle: str) -> None:
        if handle and person.handle != handle:
            # A handle can change hands: it belongs to whoever was last seen with it.
            self._session.execute(
                update(Person)
                .where(
                    Person.platform == person.platform,
                    Person.handle == handle,
                    Person.id != person.id,
                )
                .values(handle=None)
            )
            person.handle = handle

    def by_handle(self, platform: str, handle: str) -> Person | None:
        """The person last seen with this public handle (@username), if any."""
        return self._session.scalar(
            select(Person)
            .where(Person.platform == platform, func.lower(Person.handle) == handle.lower())
            .limit(1)
        )

    def add(self, person: Person) -> Person:
        self._session.add(person)
        self._session.flush()
        return person

    def grants_of(self, person_id: int, community_id: int) -> Sequence[RoleGrant]:
        return self._session.scalars(
            select(RoleGrant)
            .where(RoleGrant.person_id == person_id, RoleGrant.community_id == community_id)
            .order_by(RoleGrant.id)
        ).all()

    def communities_of(self, person_id: int) -> list[int]:
        return list(
            self._session.scalars(
                select(RoleGrant.community_id)
                .where(RoleGrant.person_id == person_id)
                .distinct()
                .order_by(RoleGrant.community_id)
            )
        )

    def named(self, community_id: int, name: str) -> Sequence[Person]:
        """People called `name` who hold a role in the community (for `派单 23 刘物业`)."""
        return self._session.scalars(
            select(Person)
            .join(RoleGrant, RoleGrant.person_id == Person.id)
            .where(RoleGrant.community_id == community_id, Person.name == name)
            .distinct()
        ).all()

    def called(self, community_id: int, name: str) -> Sequence[Person]:
        """`named`, else, for 「小张」「老刘」, those with a role whose name starts with the
        surname (「张网格」「张伟」): how colleagues name each other in 台账 and 派单."""
        people = self.named(community_id, name)
        surname = surname_called(name)
        if people or surname is None:
            return people
        return self._session.scalars(
            select(Person)
            .join(RoleGrant, RoleGrant.person_id == Person.id)
            .where(
                RoleGrant.community_id == community_id,
                Person.name.startswith(surname, autoescape=True),
            )
            .distinct()
        ).all()

    def heard_named(self, community_id: int, name: str) -> Sequence[Person]:
        """People called `name` the bot acted on a message of in the community's chats, or who
        hold or worked on one of its issues (staff who have left their post: 「交接 孙丽
        张网格」) (for 「让李明当楼栋长」, said without an @)."""
        heard = (
            select(InboundMessage.id)
            .join(
                Chat,
                (Chat.platform == InboundMessage.platform) & (Chat.ref == InboundMessage.chat_ref),
            )
            .where(
                Chat.community_id == community_id,
                InboundMessage.platform == Person.platform,
                InboundMessage.sender_ref == Person.ref,
            )
        )
        holds = select(Issue.id).where(
            Issue.community_id == community_id, Issue.assignee_id == Person.id
        )
        worked = select(AuditEntry.id).where(
            AuditEntry.community_id == community_id, AuditEntry.actor_id == Person.id
        )
        known = or_(heard.exists(), holds.exists(), worked.exists())
        return self._session.scalars(
            select(Person).where(Person.name == name, known).order_by(Person.id)
        ).all()

    def of_unit(self, community_id: int, unit: str) -> Sequence[Person]:
        """The contacts of a company or department."""
        return self._session.scalars(
            select(Person)
            .join(RoleGrant, RoleGrant.person_id == Person.id)
            .where(RoleGrant.community_id == community_id, RoleGrant.work_unit == unit)
            .distinct()
            .order_by(Person.id)
        ).all()

    def grants(self, community_id: int, source: str) -> Sequence[RoleGrant]:
        return self._session.scalars(
            select(RoleGrant).where(
                RoleGrant.community_id == community_id, RoleGrant.source == source
            )
        ).all()

    def staff(self, community_id: int) -> Sequence[tuple[Person, RoleGrant]]:
        """Everyone holding a role in the community, with the grant, in the order granted."""
        return self._session.execute(
            select(Person, RoleGrant)
            .join(RoleGrant, RoleGrant.person_id == Person.id)
            .where(RoleGrant.community_id == community_id)
            .order_by(RoleGrant.id)
        ).all()

    def add_grant(self, grant: RoleGrant) -> None:
        self._session.add(grant)

    def remove_grant(self, grant: RoleGrant) -> None:
        self._session.delete(grant)


_WITH_GRANTS = (
    select(Person, RoleGrant)
    .outerjoin(RoleGrant, RoleGrant.person_id == Person.id)
    .where(Person.platform == bindparam("platform"), Person.ref == bindparam("ref"))
    .order_by(RoleGrant.id)
)
"""`People.ensure_with_grants`, built once: one row per grant (one with no grant: None)."""


_FOLLOWER = select(Follower).where(
    Follower.issue_id == bindparam("issue_id"), Follower.person_id == bindparam("person_id")
)
"""`Issues.follower`, built once: every report of a known problem asks it."""


class OpenIssue(NamedTuple):
    """What duplicate detection reads of an open issue."""

    id: int
    description: str
    category: str
    building: str | None
    unit: str | None
    room: str | None
    place: str | None
    created_at: datetime


def _lookback_waiting(since: datetime) -> tuple[ColumnElement[bool], ...]:
    """A closed issue whose 回头看 question, asked since `since`, is not answered yet."""
    return (Issue.status == IssueStatus.CLOSED, Issue.lookback_asked_at >= since)


_OPEN_SINCE = (
    select(
        Issue.id,
        Issue.description,
        Issue.category,
        Issue.building,
        Issue.unit,
        Issue.room,
        Issue.place,
        Issue.created_at,
    )
    .where(
        Issue.community_id == bindparam("community_id"),
        Issue.status.in_((IssueStatus.NEW, IssueStatus.ACCEPTED, IssueStatus.ASSIGNED)),
        Issue.created_at >= bindparam("since"),
    )
    .order_by(Issue.id)
)
"""`Issues.open_since`, built once: every report asks it."""


class Issues:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, issue: Issue) -> Issue:
        self._session.add(issue)
        self._session.flush()
        return issue

    def followers(self, issue_id: int) -> Sequence[Follower]:
        return self._session.scalars(
            select(Follower).where(Follower.issue_id == issue_id).order_by(Follower.id)
        ).all()

    def follower(self, issue_id: int, person_id: int) -> Follower | None:
        """Whether (and since when) the person follows the issue.

        Asked without flushing first: followers are flushed as soon as they are added or
        removed, so nothing pending can change the answer, and the changes pending on the
        issue (a report counted, its audit entry) go out together later, in fewer statements.
        """
        with self._session.no_autoflush:
            return self._session.scalar(_FOLLOWER, {"issue_id": issue_id, "person_id": person_id})

    def add_follower(self, follower: Follower) -> None:
        self._session.add(follower)
        self._session.flush()

    def remove_follower(self, follower: Follower) -> None:
        self._session.delete(follower)
        self._session.flush()  # at once: `follower` does not flush before it reads

    def ledger(
        self,
        query: LedgerQuery,
        *,
        now: datetime,
        yellow_until: datetime,
        colour: int | None,
        offset: int,
        limit: int,
    ) -> LedgerPage:
        """One page of open issues, most urgent colour first (the urgent ones first in each),
        with the counts per colour.

        Colour is 0 red (past its deadline), 1 yellow (due by `yellow_until`), 2 green; 3 is
        an issue no longer open (it has no colour).
        """
        rank = _colour_rank(now, yellow_until)
        where = _ledger_where(query)
        counts = {
            int(colour_rank): int(count)
            for colour_rank, count in self._session.execute(
                select(rank, func.count()).where(*where).group_by(rank)
            )
        }
        if colour is not None:
            where.append(rank == colour)
        rows = self._session.scalars(
            select(Issue)
            .where(*where)
            # In each colour the urgent first (紧急), then by deadline.
            .order_by(
                rank, Issue.urgent.desc(), Issue.deadline.is_(None), Issue.deadline, Issue.number
            )
            .offset(offset)
            .limit(limit)
        ).all()
        return LedgerPage(
            rows,
            counts.get(0, 0),
            counts.get(1, 0),
            counts.get(2, 0),
            counts.get(3, 0),
            counts.get(4, 0),
        )

    def count(self, query: LedgerQuery) -> int:
        """How many issues `query` finds, none of them loaded."""
        return self._count(_ledger_where(query))

    def _count(self, where: Sequence[ColumnElement[bool]]) -> int:
        """How many issues meet every condition in `where`, none of them loaded."""
        return int(self._session.scalar(select(func.count(Issue.id)).where(*where)) or 0)

    def search(
        self, query: LedgerQuery, *, open_statuses: Collection[IssueStatus], offset: int, limit: int
    ) -> tuple[Sequence[Issue], int, int]:
        """One page of the issues `query` finds, those still open first, each part newest
        first; with how many it finds in all and how many of them are open."""
        where = _ledger_where(query)
        still_open = Issue.status.in_(open_statuses)
        total, open_count = self._session.execute(
            select(func.count(), func.coalesce(func.sum(case((still_open, 1), else_=0)), 0)).where(
                *where
            )
        ).one()
        rows = self._session.scalars(
            select(Issue)
            .where(*where)
            .order_by(still_open.desc(), Issue.created_at.desc(), Issue.number.desc())
            .offset(offset)
            .limit(limit)
        ).all()
        return rows, int(total), int(open_count)

    def holders(
        self, query: LedgerQuery, *, now: datetime, yellow_until: datetime
    ) -> list[HolderCount]:
        """Who holds the issues `query` finds, with how many of each colour (as `ledger`):
        a unit (whoever of it holds them), else a person; neither when nobody does yet."""
        rank = _colour_rank(now, yellow_until)
        unit = Issue.assignee_unit
        person = case((unit.is_(None), Issue.assignee_id), else_=None)
        rows = self._session.execute(
            select(unit, person, rank, func.count())
            .where(*_ledger_where(query))
            .group_by(unit, person, rank)
        )
        counts: dict[tuple[str | None, int | None], list[int]] = {}
        for unit_name, person_id, colour_rank, count in rows:
            if int(colour_rank) != 3:  # open: red, yellow, green, or suspended (4)
                held = counts.setdefault((unit_name, person_id), [0, 0, 0, 0, 0])
                held[int(colour_rank)] += int(count)
        return [
            HolderCount(unit_name, person_id, red, yellow, green, suspended)
            for (unit_name, person_id), (red, yellow, green, _, suspended) in counts.items()
        ]

    def overdue(self, community_id: int, before: datetime) -> Sequence[Issue]:
        """The community's open issues whose deadline passed before `before`, the longest
        overdue first."""
        return self._session.scalars(
            select(Issue)
            .where(
                Issue.community_id == community_id,
                Issue.status.in_(OPEN_STATUSES),
                Issue.deadline < before,
            )
            .order_by(Issue.deadline, Issue.number)
        ).all()

    def open_by_building(
        self, community_id: int, now: datetime, yellow_until: datetime
    ) -> list[tuple[str, int, int, int]]:
        """The open issues with a building, counted per building and colour in one grouped
        query: (building, red, yellow, green), by building. The colours are `ledger`'s: red
        past the deadline, yellow due by `yellow_until`, green otherwise (or no deadline)."""
        rank = case((Issue.deadline < now, 0), (Issue.deadline <= yellow_until, 1), else_=2)
        rows = self._session.execute(
            select(Issue.building, rank, func.count())
            .where(
                Issue.community_id == community_id,
                Issue.status.in_(OPEN_STATUSES),
                Issue.building.is_not(None),
            )
            .group_by(Issue.building, rank)
        )
        counts: dict[str, list[int]] = {}
        for building, colour_rank, n in rows:
            counts.setdefault(str(building), [0, 0, 0])[int(colour_rank)] += int(n)
        return [(b, red, yellow, green) for b, (red, yellow, green) in sorted(counts.items())]

    def open_since(self, community_id: int, since: datetime) -> list[OpenIssue]:
        """Open issues filed since `since`: the candidates a new report may duplicate. Plain
        rows, not whole issues: every report reads them all."""
        rows = self._session.execute(_OPEN_SINCE, {"community_id": community_id, "since": since})
        return [OpenIssue(*row) for row in rows]

    def week_counts(self, community_id: int, since: datetime, until: datetime) -> dict[str, int]:
        """How many issues were filed ("filed") and moved into each status in a period. One
        merged into another is not counted as filed: it is that one's duplicate (as 统计)."""
        filed = self._count(
            [*_filed(community_id, since, until), Issue.status != IssueStatus.MERGED]
        )
        moved = self._session.execute(
            select(AuditEntry.to_status, func.count(func.distinct(AuditEntry.issue_id)))
            .where(
                AuditEntry.community_id == community_id,
                AuditEntry.at >= since,
                AuditEntry.at < until,
                AuditEntry.from_status.is_not(None),
            )
            .group_by(AuditEntry.to_status)
        )
        counts = {str(status): int(n) for status, n in moved if status}
        counts["filed"] = filed
        return counts

    def filed_between(
        self,
        community_id: int,
        since: datetime | None,
        until: datetime | None,
        *,
        whole: bool = False,
    ) -> list[Issue]:
        """The community's issues, filed in [since, until) when given, by number.

        Only the columns the statistics read are loaded (a month can hold tens of thousands of
        issues) unless `whole` is set; any other attribute is loaded when first touched, one
        query per issue, so a caller that reads more (the xlsx ledger) asks for them whole.
        """
        query = select(Issue).where(*_filed(community_id, since, until))
        if not whole:
            query = query.options(load_only(*_STATS_COLUMNS))
        return list(self._session.scalars(query.order_by(Issue.number)))

    def numbers_of(self, issue_ids: Iterable[int]) -> dict[int, int]:
        """Each issue's number by its id, in a few queries (a long list goes in chunks)."""
        wanted = sorted(set(issue_ids))
        numbers: dict[int, int] = {}
        for first in range(0, len(wanted), _CHUNK):
            query = select(Issue.id, Issue.number).where(
                Issue.id.in_(wanted[first : first + _CHUNK])
            )
            numbers.update((int(i), int(n)) for i, n in self._session.execute(query))
        return numbers

    def count_filed(
        self,
        community_id: int,
        since: datetime | None,
        until: datetime | None,
        sources: Collection[str] = (),
        grid_ids: Collection[int] = (),
    ) -> int:
        """How many issues were filed in [since, until) (of these 来源, in these grids, when
        given)."""
        where = _filed(community_id, since, until)
        if sources:
            where.append(Issue.source.in_(sorted(sources)))
        if grid_ids:
            where.append(Issue.grid_id.in_(sorted(grid_ids)))
        return self._count(where)

    @staticmethod
    def _narrowed(scope: StatsScope) -> list[ColumnElement[bool]]:
        """`_filed`, and only the scope's grids, categories, buildings and units when given (a grid
        filter leaves out the issues outside any grid; a unit's issues are those it holds or
        was last escalated to, as `unit_groups` counts them)."""
        conditions = _filed(scope.community_id, scope.since, scope.until)
        if scope.grid_ids:
            conditions.append(Issue.grid_id.in_(sorted(scope.grid_ids)))
        if scope.categories:
            conditions.append(Issue.category.in_(sorted(scope.categories)))
        if scope.buildings:
            conditions.append(Issue.building.in_(sorted(scope.buildings)))
        if scope.units:
            wanted = sorted(scope.units)
            conditions.append(or_(Issue.assignee_unit.in_(wanted), Issue.escalated_to.in_(wanted)))
        if scope.sources:
            conditions.append(Issue.source.in_(sorted(scope.sources)))
        return conditions

    def suspended_in(self, scope: StatsScope) -> int:
        """How many of the scope's issues stand suspended (挂起) now."""
        return self._count([*self._narrowed(scope), Issue.suspended_at.is_not(None)])

    def resuming_between(
        self, community_id: int, since: datetime, until: datetime
    ) -> list[tuple[int, datetime]]:
        """The open suspended issues set to resume by themselves in [since, until) (「挂起 1
        到3月1日」): number and when, soonest first."""
        rows = self._session.execute(
            select(Issue.number, Issue.suspended_until)
            .where(
                Issue.community_id == community_id,
                Issue.status.in_(OPEN_STATUSES),
                Issue.suspended_at.is_not(None),
                Issue.suspended_until >= since,
                Issue.suspended_until < until,
            )
            .order_by(Issue.suspended_until, Issue.number)
        )
        return [(int(number), when) for number, when in rows if when is not None]

    def reported_counts(
        self, community_id: int, person_id: int, since: datetime | None, until: datetime | None
    ) -> dict[IssueStatus, int]:
        """How many of the issues this person reported in [since, until) are in each status."""
        where = [*_filed(community_id, since, until), Issue.reporter_id == person_id]
        rows = self._session.execute(
            select(Issue.status, func.count()).where(*where).group_by(Issue.status)
        )
        return {IssueStatus(status): int(n) for status, n in rows}

    def first_filed(self, scope: StatsScope) -> datetime | None:
        """When the first issue of the scope was filed."""
        where = self._narrowed(scope)
        first: datetime | None = self._session.scalar(
            select(func.min(Issue.created_at)).where(*where)
        )
        return first

    def trend_times(
        self, scope: StatsScope, *, after: datetime, done: Collection[IssueStatus]
    ) -> tuple[list[datetime], list[datetime]]:
        """Of the scope's issues: the filing times from `after` on, and the resolving times
        from `after` on of those now in `done`."""
        where = self._narrowed(scope)
        filed = self._session.scalars(
            select(Issue.created_at).where(*where, Issue.created_at >= after)
        )
        resolved = self._session.scalars(
            select(Issue.resolved_at).where(
                *where, Issue.status.in_(sorted(done)), Issue.resolved_at >= after
            )
        )
        return list(filed), [instant for instant in resolved if instant is not None]

    def stats_groups(
        self,
        scope: StatsScope,
        *,
        now: datetime,
        open_statuses: Collection[IssueStatus],
        satisfied_from: int,
    ) -> list[tuple[int | None, IssueStatus, str, int, int, int, int, int]]:
        """The scope's issues counted in SQL, one row per (grid id, status, category):
        (grid_id, status, category, count, overdue, lowest number, rated, satisfied).

        Overdue: in `open_statuses` with a deadline before `now` (🔴, as `/list` ranks it).
        Rated: with a `counted_rating`; satisfied: that rating at least `satisfied_from`.
        """
        return self._groups(Issue.grid_id, scope, now, open_statuses, satisfied_from)

    def source_groups(
        self,
        scope: StatsScope,
        *,
        now: datetime,
        open_statuses: Collection[IssueStatus],
        satisfied_from: int,
    ) -> list[tuple[str, IssueStatus, str, int, int, int, int, int]]:
        """`stats_groups` by 来源 instead of grid: one row per (source, status, category)."""
        return self._groups(Issue.source, scope, now, open_statuses, satisfied_from)

    def _groups(
        self,
        first: InstrumentedAttribute[_Key],
        scope: StatsScope,
        now: datetime,
        open_statuses: Collection[IssueStatus],
        satisfied_from: int,
    ) -> list[tuple[_Key, IssueStatus, str, int, int, int, int, int]]:
        count, overdue, rated, satisfied = _figures(now, open_statuses, satisfied_from)
        rows = self._session.execute(
            select(
                first,
                Issue.status,
                Issue.category,
                count,
                overdue,
                func.min(Issue.number),
                rated,
                satisfied,
            )
            .where(*self._narrowed(scope))
            .group_by(first, Issue.status, Issue.category)
        )
        return [
            (
                key,
                IssueStatus(status),
                category,
                int(n),
                int(overdue or 0),
                int(lowest),
                int(rated),
                int(satisfied or 0),
            )
            for key, status, category, n, overdue, lowest, rated, satisfied in rows
        ]

    def month_groups(
        self,
        scope: StatsScope,
        bounds: Sequence[datetime],
        *,
        now: datetime,
        open_statuses: Collection[IssueStatus],
        satisfied_from: int,
    ) -> list[tuple[int, IssueStatus, int, int, int, int]]:
        """The scope's issues filed from `bounds[0]` to `bounds[-1]`, counted in one GROUP BY
        (month, status): (the month's index in `bounds`, status, count, overdue, rated,
        satisfied); overdue judged at the month's end (`bounds[i + 1]`) or `now` if sooner."""
        whens = [(Issue.created_at < end, index) for index, end in enumerate(bounds[1:-1])]
        month = case(*whens, else_=len(bounds) - 2) if whens else literal(0)
        still_open = Issue.status.in_(sorted(open_statuses))
        late_in_month = [
            and_(Issue.created_at >= start, Issue.deadline < min(now, end))
            for start, end in pairwise(bounds)
        ]
        narrowed = replace(scope, since=bounds[0], until=bounds[-1])
        rows = self._session.execute(
            select(
                month,
                Issue.status,
                func.count(),
                func.sum(case((and_(still_open, or_(*late_in_month)), 1), else_=0)),
                func.count(Issue.counted_rating),
                func.sum(case((Issue.counted_rating >= satisfied_from, 1), else_=0)),
            )
            .where(*self._narrowed(narrowed))
            .group_by(month, Issue.status)
        )
        return [
            (int(index), IssueStatus(status), int(n), int(late or 0), int(rated), int(happy or 0))
            for index, status, n, late, rated, happy in rows
        ]

    def limit_figures(
        self,
        scope: StatsScope,
        *,
        now: datetime,
        open_statuses: Collection[IssueStatus],
        done_statuses: Collection[IssueStatus],
    ) -> tuple[int, int, int, int]:
        """Of the scope's work orders with a time limit (`due_by`, merged ones left out): how
        many; how many done (in `done_statuses`); how many of those last resolved within the
        limit; how many in `open_statuses` past it at `now`."""
        done = Issue.status.in_(sorted(done_statuses))
        within = and_(done, Issue.resolved_at.is_not(None), Issue.resolved_at <= Issue.due_by)
        late = and_(Issue.status.in_(sorted(open_statuses)), Issue.due_by < now)
        row = self._session.execute(
            select(
                func.count(),
                func.sum(case((done, 1), else_=0)),
                func.sum(case((within, 1), else_=0)),
                func.sum(case((late, 1), else_=0)),
            ).where(
                *self._narrowed(scope),
                Issue.due_by.is_not(None),
                Issue.status != IssueStatus.MERGED,
            )
        ).one()
        limited, resolved, on_time, overdue = row
        return int(limited), int(resolved or 0), int(on_time or 0), int(overdue or 0)

    def time_taken(
        self,
        scope: StatsScope,
        *,
        done_statuses: Collection[IssueStatus],
        by: Literal["grid", "unit"] | None = None,
    ) -> list[tuple[int | str | None, int, float]]:
        """Of the scope's issues in `done_statuses`: how many, and the average seconds from
        filing to when each was last resolved (办结用时), in SQL; one row (None, …) for the
        whole scope, or one per grid id or unit held (`assignee_unit`) as `by` asks."""
        key = {"grid": Issue.grid_id, "unit": Issue.assignee_unit, None: literal(None)}[by]
        query = select(key, func.count(), func.avg(_TAKEN)).where(
            *self._done_in(scope, done_statuses)
        )
        if by is not None:
            query = query.group_by(key)
        return [
            (name, int(n), float(average)) for name, n, average in self._session.execute(query) if n
        ]

    def slowest(
        self, scope: StatsScope, *, done_statuses: Collection[IssueStatus]
    ) -> tuple[int, float] | None:
        """The scope's issue in `done_statuses` that took longest from filing to being
        resolved: its number and the seconds it took (the lowest number of equals)."""
        row = self._session.execute(
            select(Issue.number, _TAKEN)
            .where(*self._done_in(scope, done_statuses))
            .order_by(_TAKEN.desc(), Issue.number)
            .limit(1)
        ).first()
        return None if row is None else (int(row[0]), float(row[1]))

    @classmethod
    def _done_in(
        cls, scope: StatsScope, done_statuses: Collection[IssueStatus]
    ) -> list[ColumnElement[bool]]:
        """`_narrowed`, and only the issues done (in `done_statuses`, with a 办结 time)."""
        done = [Issue.status.in_(sorted(done_statuses)), Issue.resolved_at.is_not(None)]
        return [*cls._narrowed(scope), *done]

    def unit_groups(
        self,
        scope: StatsScope,
        *,
        now: datetime,
        open_statuses: Collection[IssueStatus],
        done_statuses: Collection[IssueStatus],
        satisfied_from: int,
    ) -> dict[str, list[int]]:
        """The scope's issues counted in SQL per unit: [count, done, open, overdue, rated,
        satisfied, done on time] by unit name, of the scope's units when it names some.

        A unit's issues are those it holds (`assignee_unit`) and those last escalated to it
        (`escalated_to`); an issue held by the unit it was escalated to counts once. Done: in
        `done_statuses`; on time: done with `resolved_at` by the deadline (or no deadline).
        Open, overdue and satisfied as `stats_groups` counts them.
        """
        count, overdue, rated, satisfied = _figures(now, open_statuses, satisfied_from)
        done = Issue.status.in_(sorted(done_statuses))
        on_time = _resolved_on_time(done_statuses)
        figures = (
            count,
            func.sum(case((done, 1), else_=0)),
            func.sum(case((Issue.status.in_(sorted(open_statuses)), 1), else_=0)),
            overdue,
            rated,
            satisfied,
            func.sum(case((on_time, 1), else_=0)),
        )
        where = self._narrowed(replace(scope, units=()))
        held = Issue.assignee_unit
        whistled = Issue.escalated_to
        elsewhere = or_(held.is_(None), held != whistled)
        counted: dict[str, list[int]] = {}
        for unit, extra in ((held, []), (whistled, [elsewhere])):
            own = unit.in_(sorted(scope.units)) if scope.units else unit.is_not(None)
            rows = self._session.execute(
                select(unit, *figures).where(*where, own, *extra).group_by(unit)
            )
            for name, *values in rows:
                sums = counted.setdefault(name, [0] * len(figures))
                for index, value in enumerate(values):
                    sums[index] += int(value or 0)
        return counted

    def tally_groups(
        self,
        scope: StatsScope,
        *,
        now: datetime,
        open_statuses: Collection[IssueStatus],
        done_statuses: Collection[IssueStatus],
        satisfied_from: int,
    ) -> list[TallyGroup]:
        """The scope's issues counted in one GROUP BY (grid, 来源, status, category, unit held,
        unit escalated to): what `stats_groups`, `source_groups` and `unit_groups` count in
        four passes over the issues, in one (the web statistics page wants all three).

        Overdue, rated and satisfied as `stats_groups` counts them; on time as `unit_groups`.
        """
        count, overdue, rated, satisfied = _figures(now, open_statuses, satisfied_from)
        keys = (
            Issue.grid_id,
            Issue.source,
            Issue.status,
            Issue.category,
            Issue.assignee_unit,
            Issue.escalated_to,
        )
        on_time = func.sum(case((_resolved_on_time(done_statuses), 1), else_=0))
        rows = self._session.execute(
            select(*keys, count, overdue, func.min(Issue.number), rated, satisfied, on_time)
            .where(*self._narrowed(scope))
            .group_by(*keys)
        )
        return [
            TallyGroup(
                row[0],
                row[1],
                IssueStatus(row[2]),
                row[3],
                row[4],
                row[5],
                *(int(value or 0) for value in row[6:]),
            )
            for row in rows
        ]

    def held_by(
        self, community_id: int, person_id: int, statuses: Collection[IssueStatus]
    ) -> Sequence[Issue]:
        """The community's issues in `statuses` assigned to this person, by number."""
        return self._session.scalars(
            select(Issue)
            .where(
                Issue.community_id == community_id,
                Issue.assignee_id == person_id,
                Issue.status.in_(sorted(statuses)),
            )
            .order_by(Issue.number)
        ).all()

    def reported_by(
        self,
        person_id: int,
        community_id: int | None = None,
        statuses: Collection[IssueStatus] | None = None,
    ) -> Sequence[Issue]:
        """The person's reports (in that community, in those statuses)."""
        where = [Issue.reporter_id == person_id]
        if community_id is not None:
            where.append(Issue.community_id == community_id)
        if statuses is not None:
            where.append(Issue.status.in_(statuses))
        return self._session.scalars(select(Issue).where(*where)).all()

    def newest_reported(
        self, person_id: int, community_id: int, statuses: Collection[IssueStatus]
    ) -> Issue | None:
        """The person's newest report in the community that is in one of `statuses`."""
        return self._session.scalars(
            select(Issue)
            .where(
                Issue.reporter_id == person_id,
                Issue.community_id == community_id,
                Issue.status.in_(statuses),
            )
            .order_by(Issue.number.desc())
            .limit(1)
        ).first()

    def awaiting_lookback(self, person_id: int, since: datetime) -> Sequence[Issue]:
        """This reporter's closed issues asked 回头看 since `since` and not answered yet."""
        return self._session.scalars(
            select(Issue)
            .where(Issue.reporter_id == person_id, *_lookback_waiting(since))
            .order_by(Issue.number)
        ).all()

    def lookback_waits(
        self, platform: str, person_ref: str, chat_ref: str | None, since: datetime
    ) -> bool:
        """Whether this platform user has a 回头看 question waiting since `since`, asked in the
        chat `chat_ref` (None: in any chat)."""
        return self._reported(platform, person_ref, chat_ref, *_lookback_waiting(since))

    def resolved_waits(self, platform: str, person_ref: str, chat_ref: str | None) -> bool:
        """Whether this platform user reported, in the chat `chat_ref` (None: in any chat), an
        issue now 已办结, waiting for their verdict."""
        return self._reported(platform, person_ref, chat_ref, Issue.status == IssueStatus.RESOLVED)

    def resolved_waits_since(
        self, platform: str, person_ref: str, chat_ref: str, since: datetime
    ) -> bool:
        """Whether this platform user reported, in the chat `chat_ref`, an issue 已办结 since
        `since`, waiting for their verdict."""
        return self._reported(
            platform,
            person_ref,
            chat_ref,
            Issue.status == IssueStatus.RESOLVED,
            Issue.resolved_at >= since,
        )

    def latest_here(self, chat_id: int, since: datetime) -> Issue | None:
        """The issue reported in one chat most recently, since `since`, if still open."""
        latest = self._session.scalar(
            select(Issue)
            .where(Issue.chat_id == chat_id, Issue.created_at >= since)
            .order_by(Issue.created_at.desc(), Issue.id.desc())
            .limit(1)
        )
        return latest if latest is not None and latest.status in OPEN_STATUSES else None

    def open_reported_in(self, chat_id: int, since: datetime) -> Sequence[Issue]:
        """The issues reported in one chat since `since` and still open, newest first."""
        return self._session.scalars(
            select(Issue)
            .where(
                Issue.chat_id == chat_id,
                Issue.created_at >= since,
                Issue.status.in_(OPEN_STATUSES),
            )
            .order_by(Issue.created_at.desc(), Issue.id.desc())
        ).all()

    def from_message(self, chat_id: int, message_id: str) -> Issue | None:
        """The issue a message in a chat reported, if it did."""
        return self._session.scalar(
            select(Issue)
            .where(Issue.chat_id == chat_id, Issue.source_message_id == message_id)
            .limit(1)
        )

    def reported_in_since(self, platform: str, chat_ref: str, since: datetime) -> bool:
        """Whether anything was reported in the group `chat_ref` since `since`: what tells a
        「+1」 there from chatter."""
        return (
            self._session.scalar(
                select(Issue.id)
                .join(Chat, Chat.id == Issue.chat_id)
                .where(Chat.platform == platform, Chat.ref == chat_ref, Issue.created_at >= since)
                .limit(1)
            )
            is not None
        )

    def awaited_here(self, platform: str, person_ref: str, chat_ref: str) -> bool:
        """Whether this platform user reported in the group `chat_ref` an issue still open or
        waiting for their verdict: whom 「什么时候来修」 there may be from."""
        return self._reported(
            platform, person_ref, chat_ref, Issue.status.in_([*OPEN_STATUSES, IssueStatus.RESOLVED])
        )

    def reported_here_as(self, platform: str, person_ref: str, chat_ref: str, number: int) -> bool:
        """Whether this platform user reported issue `number` in the group `chat_ref`, or
        follows it from there (「我家也是」): whom 「1号怎么样了」 there is from."""
        if self._reported(platform, person_ref, chat_ref, Issue.number == number):
            return True
        return self._followed(platform, person_ref, chat_ref, Issue.number == number)

    def holds_open(self, platform: str, person_ref: str) -> bool:
        """Whether this platform user holds an open issue (assigned to them): whom 「灯修好了」
        in a group may be from, telling of their work."""
        held = (
            select(Issue.id)
            .join(Person, Person.id == Issue.assignee_id)
            .where(
                Person.platform == platform,
                Person.ref == person_ref,
                Issue.status.in_(OPEN_STATUSES),
            )
            .limit(1)
        )
        return self._session.scalar(held) is not None

    def followed_open_here(self, platform: str, person_ref: str, chat_ref: str) -> bool:
        """Whether this platform user follows, from the group `chat_ref`, an issue still open:
        whom 「道闸好了」 there may be from."""
        return self._followed(platform, person_ref, chat_ref, Issue.status.in_(OPEN_STATUSES))

    def _followed(
        self, platform: str, person_ref: str, chat_ref: str, *where: ColumnElement[bool]
    ) -> bool:
        followed = (
            select(Follower.id)
            .join(Issue, Issue.id == Follower.issue_id)
            .join(Person, Person.id == Follower.person_id)
            .join(Chat, Chat.id == Follower.chat_id)
            .where(
                Person.platform == platform,
                Person.ref == person_ref,
                Chat.platform == platform,
                Chat.ref == chat_ref,
                *where,
            )
        )
        return self._session.scalar(followed.limit(1)) is not None

    def followed_from(
        self, person_id: int, chat_id: int | None, statuses: Collection[IssueStatus]
    ) -> Sequence[Issue]:
        """The issues in `statuses` the person follows from the chat `chat_id` (None: from any
        chat), oldest first."""
        where = [Follower.person_id == person_id, Issue.status.in_(statuses)]
        if chat_id is not None:
            where.append(Follower.chat_id == chat_id)
        return self._session.scalars(
            select(Issue)
            .join(Follower, Follower.issue_id == Issue.id)
            .where(*where)
            .order_by(Issue.number)
        ).all()

    def checked_by_head(self, platform: str, person_ref: str, chat_ref: str, number: int) -> bool:
        """Whether this platform user is the 楼栋长 of the building of issue `number` of the
        group `chat_ref`'s community, done and awaiting its rating (whose 「1号我去看了，灯确实
        亮了」 there is their 核实), or still open (「1号我去看了，灯确实坏了」: what they
        found)."""
        found = (
            select(Issue.id)
            .join(Chat, Chat.community_id == Issue.community_id)
            .join(RoleGrant, RoleGrant.community_id == Issue.community_id)
            .join(Person, Person.id == RoleGrant.person_id)
            .where(
                Chat.platform == platform,
                Chat.ref == chat_ref,
                Person.platform == platform,
                Person.ref == person_ref,
                RoleGrant.role == Role.HEAD,
                RoleGrant.building == Issue.building,
                Issue.number == number,
                Issue.status.in_([IssueStatus.RESOLVED, *OPEN_STATUSES]),
            )
        )
        return self._session.scalar(found.limit(1)) is not None

    def urgent_reported_since(
        self, platform: str, person_ref: str, chat_ref: str, since: datetime
    ) -> bool:
        """Whether this platform user reported in the group `chat_ref`, since `since`, an
        urgent issue still open: whose 「人已经送医院了」 there is news of it."""
        return self._reported(
            platform,
            person_ref,
            chat_ref,
            Issue.urgent.is_(True),
            Issue.status.in_(OPEN_STATUSES),
            Issue.created_at >= since,
        )

    def _reported(
        self, platform: str, person_ref: str, chat_ref: str | None, *where: ColumnElement[bool]
    ) -> bool:
        query = (
            select(Issue.id)
            .join(Person, Person.id == Issue.reporter_id)
            .where(Person.platform == platform, Person.ref == person_ref, *where)
        )
        if chat_ref is not None:
            query = query.join(Chat, Chat.id == Issue.chat_id).where(
                Chat.platform == platform, Chat.ref == chat_ref
            )
        return self._session.scalar(query.limit(1)) is not None

    def unfollow_all(self, person_id: int) -> None:
        for follower in self._session.scalars(
            select(Follower).where(Follower.person_id == person_id)
        ):
            self._session.delete(follower)
        self._session.flush()  # at once: `follower` does not flush before it reads

    def add_attachment(self, attachment: Attachment) -> None:
        self._session.add(attachment)

    def open_with_text(self, community_id: int, reporter_id: int, text: str) -> Issue | None:
        """An open issue of this reporter with exactly this description, if any."""
        return self._session.scalar(
            select(Issue)
            .where(
                Issue.community_id == community_id,
                Issue.reporter_id == reporter_id,
                Issue.status.in_(OPEN_STATUSES),
                Issue.description == text,
            )
            .limit(1)
        )

    def hold_photos(self, photos: Sequence[WaitingPhoto], *, drop_before: datetime) -> None:
        """Keep photos for their sender's next words; photos waiting since before `drop_before`
        are dropped (nobody wrote anything to go with them)."""
        self._session.execute(delete(WaitingPhoto).where(WaitingPhoto.at < drop_before))
        self._session.add_all(photos)

    def take_waiting_photos(
        self, chat_id: int, person_id: int, since: datetime
    ) -> Sequence[WaitingPhoto]:
        """The photos `person_id` sent on their own in this chat since then, oldest first; they
        wait no longer."""
        photos = self._session.scalars(
            select(WaitingPhoto)
            .where(
                WaitingPhoto.chat_id == chat_id,
                WaitingPhoto.person_id == person_id,
                WaitingPhoto.at >= since,
            )
            .order_by(WaitingPhoto.id)
        ).all()
        if photos:
            self._session.execute(
                delete(WaitingPhoto).where(WaitingPhoto.id.in_([p.id for p in photos]))
            )
        return photos

    def drop_waiting_photos(self, person_id: int) -> None:
        self._session.execute(delete(WaitingPhoto).where(WaitingPhoto.person_id == person_id))

    def move_photos(self, from_id: int, to_id: int, person_id: int, since: datetime) -> None:
        """The photos `person_id` added to issue `from_id` since then now belong to `to_id`."""
        self._session.execute(
            update(Attachment)
            .where(
                Attachment.issue_id == from_id,
                Attachment.added_by_id == person_id,
                Attachment.added_at >= since,
            )
            .values(issue_id=to_id)
        )

    def photos_to_fetch(
        self, platform: str, account: str, tries: int, limit: int
    ) -> list[tuple[int, str]]:
        """(id, ref) of photos that came through `platform` and have no copy yet, fewer than
        `tries` fetches failed: those of the chats this bot account hears (the only process,
        with no account, hears them all), the least tried and newest first."""
        query = (
            select(Attachment.id, Attachment.ref)
            .join(Chat, Chat.id == Attachment.chat_id)
            .where(
                Attachment.kind == "photo",
                Attachment.file.is_(None),
                Attachment.fetch_tries < tries,
                Chat.platform == platform,
            )
            .order_by(Attachment.fetch_tries, Attachment.id.desc())
            .limit(limit)
        )
        if account:
            query = query.where(or_(Chat.account.is_(None), Chat.account == account))
        return [(row.id, row.ref) for row in self._session.execute(query)]

    def photo_fetched(self, attachment_id: int, file: str | None) -> bool:
        """Record the copy of a photo, or (None) one more failed fetch; False when the photo
        is no longer kept (its round was taken back while it was fetched)."""
        values: dict[str, Any] = (
            {"file": file} if file else {"fetch_tries": Attachment.fetch_tries + 1}
        )
        done = self._session.execute(
            update(Attachment).where(Attachment.id == attachment_id).values(**values)
        )
        return bool(cast("CursorResult[Any]", done).rowcount)

    def files_kept(self, ids: Collection[int]) -> set[str]:
        """The copies the photos with these ids name (by id: the key, however many)."""
        wanted = sorted(set(ids))
        kept: set[str] = set()
        for first in range(0, len(wanted), _CHUNK):
            kept.update(
                self._session.scalars(
                    select(Attachment.file).where(
                        Attachment.id.in_(wanted[first : first + _CHUNK]),
                        Attachment.file.is_not(None),
                    )
                )
            )
        return kept

    def get(self, issue_id: int) -> Issue:
        return self._session.get_one(Issue, issue_id)

    def by_number(self, community_id: int, number: int) -> Issue | None:
        return self._session.scalar(
            select(Issue).where(Issue.community_id == community_id, Issue.number == number)
        )

    def by_work_order(self, community_id: int, order: str) -> Issue | None:
        """The issue first filed from work order `order` (工单号), whatever became of it."""
        return self._session.scalar(
            select(Issue)
            .where(Issue.community_id == community_id, Issue.work_order == order)
            .order_by(Issue.number)
            .limit(1)
        )


@dataclass(frozen=True)
class StatsScope:
    """The issues the statistics count: one community's, filed in [since, until) (either end
    open when None), of these grids, categories, handling units and buildings when given."""

    community_id: int
    since: datetime | None = None
    until: datetime | None = None
    grid_ids: Collection[int] = ()
    categories: Collection[str] = ()
    units: Collection[str] = ()
    buildings: Collection[str] = ()
    sources: Collection[str] = ()  # 来源 (`bot.domain.sources.Source` values)


class TallyGroup(NamedTuple):
    """A row of `Issues.tally_groups`: the issues of one grid, 来源, status, category, unit
    held and unit escalated to, and their figures."""

    grid_id: int | None
    source: str
    status: IssueStatus
    category: str
    held: str | None  # assignee_unit
    whistled: str | None  # escalated_to
    issues: int  # how many
    overdue: int
    lowest: int  # the lowest issue number
    rated: int
    satisfied: int
    on_time: int  # done by the deadline


_Query = TypeVar("_Query", bound="Select[*tuple[Any, ...]]")
_Key = TypeVar("_Key")  # what `Issues._groups` groups the statistics by first


@dataclass(frozen=True)
class LedgerQuery:
    """Which open issues a `/list` shows; every field narrows it."""

    community_id: int
    statuses: frozenset[IssueStatus]
    grid_ids: frozenset[int] = frozenset()
    or_held_by: int | None = None  # … or, in any grid, held by this person (a worker's own)
    category: str | None = None
    watcher_id: int | None = None  # reported or followed by this person
    assignee_ids: frozenset[int] = frozenset()  # held by one of these people …
    assignee_unit: str | None = None  # … or by this unit (or escalated to it)
    text: str = ""  # in the description (or, a number, the issue number)
    building: str | None = None  # in this building (楼栋 number)
    urgent: bool = False  # urgent ones only (紧急: a danger reported, or 加急)
    sources: frozenset[str] = frozenset()  # of these 来源 (「台账 12345」)
    # The days the deadline, or a work order's time limit, falls in (「台账 今天到期」).
    due: DueWindow | None = None
    words: tuple[str, ...] = ()  # each in the description (「搜索 井盖 3号楼」)
    filed_since: datetime | None = None  # filed in [filed_since, filed_until) (「台账 上月」)
    filed_until: datetime | None = None
    reporter_ids: frozenset[int] = frozenset()  # reported by one of these (「搜索 王芳」)
    public_only: bool = False  # none reported privately (a worker's search by a reporter)
    # `words` found in complaints of staff conduct too (the secretary's search, privately)
    complaints_searched: bool = False
    # Complaints of staff conduct listed and counted (False: the work group's lists, anyone's
    # but the secretary's privately)
    complaints: bool = True
    suspended: bool = False  # only those whose clock is stopped (「台账 挂起」)
    # last resolved in [done_since, done_until) (「台账 办结 本周」: what was done then)
    done_since: datetime | None = None
    done_until: datetime | None = None


def _colour_rank(now: datetime, yellow_until: datetime) -> ColumnElement[int]:
    """An issue's colour in SQL: 0 red (past its deadline), 1 yellow (due by `yellow_until`),
    2 green, 3 no longer open (no colour), 4 open with its clock stopped (挂起: no colour)."""
    return case(
        (Issue.status.not_in(OPEN_STATUSES), 3),
        (Issue.suspended_at.is_not(None), 4),
        (Issue.deadline < now, 0),
        (Issue.deadline <= yellow_until, 1),
        else_=2,
    )


def _words_where(query: LedgerQuery) -> list[ColumnElement[bool]]:
    """Each of the query's words in the description; complaints of staff conduct left out
    unless the secretary searches (their words are the secretary's), or where the query
    leaves them out whatever it finds (`complaints`)."""
    where = [Issue.description.contains(word, autoescape=True) for word in query.words]
    if (query.words and not query.complaints_searched) or not query.complaints:
        where.append(Issue.staff_complaint.is_(False))
    return where


def _ledger_where(query: LedgerQuery) -> list[ColumnElement[bool]]:
    """The conditions of the issues `query` finds."""
    where = [Issue.community_id == query.community_id, Issue.status.in_(query.statuses)]
    if query.grid_ids:
        in_grids: ColumnElement[bool] = Issue.grid_id.in_(query.grid_ids)
        if query.or_held_by is not None:
            in_grids = or_(in_grids, Issue.assignee_id == query.or_held_by)
        where.append(in_grids)
    if query.category:
        where.append(Issue.category == query.category)
    if query.building:
        where.append(Issue.building == query.building)
    if query.urgent:
        where.append(Issue.urgent.is_(True))
    if query.sources:
        where.append(Issue.source.in_(sorted(query.sources)))
    if query.due is not None:
        since, until = query.due.since, query.due.until
        where.append(
            or_(
                and_(Issue.deadline >= since, Issue.deadline < until),
                and_(Issue.due_by >= since, Issue.due_by < until),
            )
        )
    if query.watcher_id is not None:
        followed = select(Follower.issue_id).where(Follower.person_id == query.watcher_id)
        where.append(or_(Issue.reporter_id == query.watcher_id, Issue.id.in_(followed)))
    if query.assignee_ids or query.assignee_unit is not None:
        held: list[ColumnElement[bool]] = []
        if query.assignee_ids:
            held.append(Issue.assignee_id.in_(query.assignee_ids))
        if query.assignee_unit is not None:  # held by the unit, or escalated to it
            held.append(Issue.assignee_unit == query.assignee_unit)
            held.append(Issue.escalated_to == query.assignee_unit)
        where.append(or_(*held))
    where += _words_where(query)
    if query.reporter_ids:
        where.append(Issue.reporter_id.in_(sorted(query.reporter_ids)))
    if query.public_only:
        where.append(Issue.private.is_(False))
    if query.filed_since is not None:
        where.append(Issue.created_at >= query.filed_since)
    if query.filed_until is not None:
        where.append(Issue.created_at < query.filed_until)
    if query.suspended:
        where.append(Issue.suspended_at.is_not(None))
    if query.done_since is not None:
        where.append(Issue.resolved_at >= query.done_since)
    if query.done_until is not None:
        where.append(Issue.resolved_at < query.done_until)
    if query.text:
        found = Issue.description.contains(query.text, autoescape=True)
        if query.text.isdecimal() and len(query.text) < 10:
            found = or_(found, Issue.number == int(query.text))
        found = or_(found, Issue.work_order == query.text.upper())  # 「台账 bj2026…」
        where.append(found)
    return where


@dataclass(frozen=True)
class HolderCount:
    """Open issues one holder has, by colour (`Issues.holders`)."""

    unit: str | None  # a company or department
    person_id: int | None  # someone holding them in no unit's name
    red: int
    yellow: int
    green: int
    suspended: int = 0  # their clock stopped (挂起): no colour

    @property
    def by_colour(self) -> tuple[int, int, int]:
        """(red, yellow, green)."""
        return self.red, self.yellow, self.green

    @property
    def total(self) -> int:
        return self.red + self.yellow + self.green + self.suspended


@dataclass(frozen=True)
class LedgerPage:
    issues: Sequence[Issue]
    red: int
    yellow: int
    green: int
    closed: int = 0  # when the query asks for closed statuses too
    suspended: int = 0  # open, their clock stopped (挂起): no colour

    @property
    def total(self) -> int:
        return self.red + self.yellow + self.green + self.closed + self.suspended


RESOLVED_ON_TIME = "resolve_on_time"  # `Audit.work_done`: 办结 by the deadline, per person


class Audit:
    def __init__(self, session: Session) -> None:
        self._session = session

    def record(self, entry: AuditEntry) -> None:
        self._session.add(entry)

    def of_issue(self, issue_id: int) -> Sequence[AuditEntry]:
        return self._session.scalars(
            select(AuditEntry).where(AuditEntry.issue_id == issue_id).order_by(AuditEntry.id)
        ).all()

    def notes_by_issue(self, community_id: int, action: str) -> dict[int, list[str]]:
        """Every note of the community's entries of one `action` (备注), by issue, oldest
        first: one query for a whole 台账."""
        rows = self._session.execute(
            select(AuditEntry.issue_id, AuditEntry.note)
            .where(AuditEntry.community_id == community_id, AuditEntry.action == action)
            .order_by(AuditEntry.id)
        )
        notes: dict[int, list[str]] = {}
        for issue_id, note in rows:
            if issue_id is not None:
                notes.setdefault(issue_id, []).append(note or "")
        return notes

    def last_of(self, issue_id: int, actions: Collection[str]) -> AuditEntry | None:
        """The issue's latest entry that is one of `actions`."""
        return self._session.scalars(
            select(AuditEntry)
            .where(AuditEntry.issue_id == issue_id, AuditEntry.action.in_(actions))
            .order_by(AuditEntry.id.desc())
            .limit(1)
        ).first()

    def actors_of(self, issue_id: int, action: str) -> frozenset[int]:
        """Who made an entry of `action` on the issue (who said 不归我管 to it, say)."""
        return frozenset(
            self._session.scalars(
                select(AuditEntry.actor_id).where(
                    AuditEntry.issue_id == issue_id,
                    AuditEntry.action == action,
                    AuditEntry.actor_id.is_not(None),
                )
            )
        )

    def resolve_times(
        self, community_id: int, person_id: int, since: datetime | None, until: datetime | None
    ) -> list[float]:
        """The seconds from filing to each 办结 this person made in [since, until) (either end
        open when None): how long what they finished took."""
        where = [
            AuditEntry.community_id == community_id,
            AuditEntry.actor_id == person_id,
            AuditEntry.action == "resolve",
        ]
        if since is not None:
            where.append(AuditEntry.at >= since)
        if until is not None:
            where.append(AuditEntry.at < until)
        rows = self._session.execute(
            select(AuditEntry.at, Issue.created_at)
            .join(Issue, Issue.id == AuditEntry.issue_id)
            .where(*where)
        )
        return [(done - filed).total_seconds() for done, filed in rows]

    def work_done(
        self,
        community_id: int,
        since: datetime | None,
        until: datetime | None,
        actions: Collection[str],
        actor_ids: Collection[int],
    ) -> list[tuple[int, str | None, int]]:
        """What these people did to the community's issues in [since, until) (either end open
        when None), as (person, action, entries) per action they took, (person, None,
        issues) for the issues each of them touched at all, and (person, RESOLVED_ON_TIME,
        entries) for their 办结 made by the issue's deadline (or of one with none). A rating by
        the issue's own reporter is their rating, not work, and is left out (unless a caller
        outside the chat brought it: staff who took the call and called back did work)."""
        if not actor_ids or not actions:
            return []
        work = [
            AuditEntry.community_id == community_id,
            AuditEntry.actor_id.in_(actor_ids),
            AuditEntry.action.in_(actions),
            AuditEntry.issue_id.is_not(None),
            ~and_(
                AuditEntry.action == "rate",
                Issue.reporter_id == AuditEntry.actor_id,
                Issue.source.not_in(sorted(CALLERS)),  # a caller's, called back: work
            ),
        ]
        if since is not None:
            work.append(AuditEntry.at >= since)
        if until is not None:
            work.append(AuditEntry.at < until)
        on_time = case((or_(Issue.deadline.is_(None), AuditEntry.at <= Issue.deadline), 1), else_=0)
        done = (
            select(AuditEntry.actor_id, AuditEntry.action, AuditEntry.issue_id, on_time.label("ok"))
            .join(Issue, Issue.id == AuditEntry.issue_id)
            .where(*work)
            .subquery()
        )
        per_action = select(done.c.actor_id, done.c.action, func.count()).group_by(
            done.c.actor_id, done.c.action
        )
        touched = select(
            done.c.actor_id, literal(None, String), func.count(func.distinct(done.c.issue_id))
        ).group_by(done.c.actor_id)
        resolved_on_time = (
            select(done.c.actor_id, literal(RESOLVED_ON_TIME, String), func.sum(done.c.ok))
            .where(done.c.action == "resolve")
            .group_by(done.c.actor_id)
        )
        rows = self._session.execute(per_action.union_all(touched, resolved_on_time)).all()
        return [(int(actor), action, int(n)) for actor, action, n in rows]

    def made_after(
        self, community_id: int, person_id: int, actions: Collection[str], after: datetime
    ) -> Sequence[AuditEntry]:
        """This person's entries of one of `actions` in the community made after `after`,
        oldest first."""
        return self._session.scalars(
            select(AuditEntry)
            .where(
                AuditEntry.community_id == community_id,
                AuditEntry.at > after,
                AuditEntry.actor_id == person_id,
                AuditEntry.action.in_(actions),
            )
            .order_by(AuditEntry.id)
        ).all()

    def by(self, person_id: int) -> Sequence[AuditEntry]:
        """Every entry this person made (what they did, and the words they added)."""
        return self._session.scalars(
            select(AuditEntry).where(AuditEntry.actor_id == person_id).order_by(AuditEntry.id)
        ).all()


class Announced(NamedTuple):
    """A notice staff posted in a group themselves: its words, who, when and where."""

    text: str
    sender_name: str
    at: datetime
    chat_ref: str


class Inbox:
    """The verbatim record of messages the bot acted on."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def filed_as(self, platform: str, chat_ref: str, message_id: str) -> int | None:
        """The issue a kept message became when it was filed as a new report; else None."""
        outcome, issue_id = self.outcome_of(platform, chat_ref, message_id) or (None, None)
        return issue_id if outcome == "issue" else None

    def outcome_of(
        self, platform: str, chat_ref: str, message_id: str
    ) -> tuple[str, int | None] | None:
        """What became of a kept message ("issue", "command", "invalid" …) and its issue;
        None if it was not kept."""
        row = self._session.execute(
            select(InboundMessage.outcome, InboundMessage.issue_id).where(
                InboundMessage.platform == platform,
                InboundMessage.chat_ref == chat_ref,
                InboundMessage.message_id == message_id,
            )
        ).first()
        return (row.outcome, row.issue_id) if row is not None else None

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

    def add(self, message: InboundMessage) -> None:
        """Keep a message; written with the rest of its transaction, at the commit (where a
        second delivery of it fails, on the unique platform, chat and message id)."""
        self._session.add(message)

    def anonymise(self, platform: str, sender_ref: str, name: str) -> None:
        """Drop a person's kept messages' words and identity (the messages stay counted)."""
        for message in self._session.scalars(
            select(InboundMessage).where(
                InboundMessage.platform == platform, InboundMessage.sender_ref == sender_ref
            )
        ):
            message.text = ""
            message.sender_name = name
            message.sender_ref = ""

    def last_of(
        self,
        platform: str,
        chat_ref: str,
        sender_ref: str,
        outcomes: Collection[str],
        since: datetime,
    ) -> InboundMessage | None:
        """The sender's latest message here with one of these outcomes ("issue", "duplicate"),
        if recent."""
        latest = self.latest_of(platform, chat_ref, sender_ref, outcomes, since, limit=1)
        return latest[0] if latest else None

    def latest_of(
        self,
        platform: str,
        chat_ref: str,
        sender_ref: str,
        outcomes: Collection[str],
        since: datetime,
        *,
        limit: int,
    ) -> Sequence[InboundMessage]:
        """The sender's latest `limit` messages here since `since` with one of these outcomes,
        newest first."""
        return self._session.scalars(
            select(InboundMessage)
            .where(
                InboundMessage.platform == platform,
                InboundMessage.chat_ref == chat_ref,
                InboundMessage.sender_ref == sender_ref,
                InboundMessage.outcome.in_(outcomes),
                InboundMessage.received_at >= since,
            )
            .order_by(InboundMessage.id.desc())
            .limit(limit)
        ).all()

    def received_before(self, kept: InboundMessage) -> datetime | None:
        """When the bot got the message its sender sent in that chat before `kept`; None for
        their first there."""
        return self._session.scalar(
            select(InboundMessage.received_at)
            .where(
                InboundMessage.platform == kept.platform,
                InboundMessage.chat_ref == kept.chat_ref,
                InboundMessage.sender_ref == kept.sender_ref,
                InboundMessage.id < kept.id,
            )
            .order_by(InboundMessage.id.desc())
            .limit(1)
        )

    def find(self, platform: str, chat_ref: str, message_id: str) -> InboundMessage | None:
        return self._session.scalar(
            select(InboundMessage).where(
                InboundMessage.platform == platform,
                InboundMessage.chat_ref == chat_ref,
                InboundMessage.message_id == message_id,
            )
        )

    def announced_in(
        self, platform: str, chat_refs: Collection[str], since: datetime, limit: int
    ) -> list[Announced]:
        """The notices staff posted in those chats themselves since `since` (kept as
        ANNOUNCED), newest first."""
        rows = self._session.execute(
            select(
                InboundMessage.text,
                InboundMessage.sender_name,
                InboundMessage.received_at,
                InboundMessage.chat_ref,
            )
            .where(
                _ANNOUNCED_ROW,
                InboundMessage.received_at >= since,
                InboundMessage.platform == platform,
                InboundMessage.chat_ref.in_(chat_refs),
            )
            .order_by(InboundMessage.received_at.desc(), InboundMessage.id.desc())
            .limit(limit)
        )
        return [Announced(text, name, at, ref) for text, name, at, ref in rows]

    def chats_announced(self, since: datetime) -> frozenset[tuple[str, str]]:
        """(platform, ref) of the chats staff posted a notice in since `since`."""
        rows = self._session.execute(
            select(InboundMessage.platform, InboundMessage.chat_ref)
            .where(_ANNOUNCED_ROW, InboundMessage.received_at >= since)
            .distinct()
        )
        return frozenset((platform, ref) for platform, ref in rows)


# Written as a literal, so that SQLite uses the partial index of announcements.
_ANNOUNCED_ROW = InboundMessage.outcome == literal_column(f"'{ANNOUNCED}'")


class Reminders:
    """Reminder rows: scheduled idempotently by key, claimed when due."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def schedule(self, key: str, **fields: object) -> Reminder:
        """Create the reminder `key`, or bring it up to date; a sent one stays sent."""
        reminder = self._session.scalar(select(Reminder).where(Reminder.key == key))
        if reminder is None:
            reminder = self._new(key, fields)
            self._session.flush()
            return reminder
        return self._update(reminder, fields)

    def schedule_among(self, known: Mapping[str, Reminder], key: str, **fields: object) -> Reminder:
        """`schedule`, where `known` already holds every reminder that could have this key
        (an issue's: `of_issue`), so nothing is asked of the database."""
        found = known.get(key)
        return self._new(key, fields) if found is None else self._update(found, fields)

    def of_issue(self, issue_id: int) -> dict[str, Reminder]:
        """Every reminder of one issue, whatever its status, by key."""
        found = self._session.scalars(select(Reminder).where(Reminder.issue_id == issue_id))
        return {reminder.key: reminder for reminder in found}

    def _new(self, key: str, fields: Mapping[str, object]) -> Reminder:
        reminder = Reminder(key=key, status="pending", **fields)
        self._session.add(reminder)
        return reminder

    @staticmethod
    def _update(reminder: Reminder, fields: Mapping[str, object]) -> Reminder:
        if reminder.status != "sent":
            for name, value in fields.items():
                setattr(reminder, name, value)
            reminder.status = "pending"
            reminder.missed = False  # set anew: its lateness is measured from the new time
        return reminder

    def cancel_pending(self, prefix: str, keep: str | None = None) -> None:
        """Cancel the pending reminders whose key starts with `prefix`, but `keep`."""
        query = update(Reminder).where(
            Reminder.status == "pending", Reminder.key.startswith(prefix, autoescape=True)
        )
        if keep is not None:
            query = query.where(Reminder.key != keep)
        self._session.execute(query.values(status="cancelled"))

    def forget_set_by(self, person_id: int, kinds: Iterable[str], erased: str) -> None:
        """The reminders of these kinds `person_id` set: their words `erased`, and the pending
        ones (one that repeats would come back forever) cancelled."""
        mine = update(Reminder).where(Reminder.created_by_id == person_id, Reminder.kind.in_(kinds))
        self._session.execute(mine.values(text=erased))
        self._session.execute(mine.where(Reminder.status == "pending").values(status="cancelled"))

    def pending_for_issue(self, issue_id: int) -> Sequence[Reminder]:
        return self._session.scalars(
            select(Reminder).where(Reminder.issue_id == issue_id, Reminder.status == "pending")
        ).all()

    def due(self, now: datetime, limit: int) -> Sequence[Reminder]:
        """Pending reminders due by `now`, oldest first (claimed for this transaction)."""
        query = (
            select(Reminder)
            .where(Reminder.status == "pending", Reminder.due_at <= now)
            .order_by(Reminder.due_at, Reminder.id)
            .limit(limit)
        )
        if self._session.get_bind().dialect.name == "postgresql":
            # Several bot processes may share one database: each due reminder goes to one.
            query = query.with_for_update(skip_locked=True)
        return self._session.scalars(query).all()

    def next_due(self) -> datetime | None:
        return self._session.scalar(
            select(func.min(Reminder.due_at)).where(Reminder.status == "pending")
        )

    def pending_of_kinds(self, community_id: int, kinds: Iterable[str]) -> Sequence[Reminder]:
        return self._session.scalars(
            select(Reminder).where(
                Reminder.community_id == community_id,
                Reminder.kind.in_(kinds),
                Reminder.status == "pending",
            )
        ).all()

    def created_by(self, person_id: int, kinds: Iterable[str]) -> Sequence[Reminder]:
        """The pending reminders of these kinds that `person_id` set, the soonest first."""
        return self._pending_where(Reminder.created_by_id == person_id, kinds)

    def pending_in_chat(self, chat_id: int, kinds: Iterable[str]) -> Sequence[Reminder]:
        """The pending reminders of these kinds a chat is to get, the soonest first."""
        return self._pending_where(Reminder.chat_id == chat_id, kinds)

    def pending_in_groups(self, community_id: int, kinds: Iterable[str]) -> Sequence[Reminder]:
        """The pending reminders of these kinds the community's groups are to get."""
        in_groups = and_(
            Reminder.community_id == community_id,
            Reminder.chat_id.is_not(None),
            Reminder.person_id.is_(None),
        )
        return self._pending_where(in_groups, kinds)

    def _pending_where(
        self, condition: ColumnElement[bool], kinds: Iterable[str]
    ) -> Sequence[Reminder]:
        query = select(Reminder).where(
            condition, Reminder.kind.in_(kinds), Reminder.status == "pending"
        )
        return self._session.scalars(query.order_by(Reminder.due_at, Reminder.id)).all()

    def pending_from(self, key_prefix: str) -> Sequence[Reminder]:
        """The pending reminders whose key starts with `key_prefix` (one 定时群发's groups)."""
        query = select(Reminder).where(
            Reminder.key.startswith(key_prefix, autoescape=True), Reminder.status == "pending"
        )
        return self._session.scalars(query.order_by(Reminder.id)).all()

    def get(self, reminder_id: int) -> Reminder | None:
        return self._session.get(Reminder, reminder_id)

    def latest_of(self, key_prefix: str) -> Reminder | None:
        """The newest occurrence scheduled for a recurring series."""
        return self._session.scalar(
            select(Reminder)
            .where(Reminder.key.startswith(key_prefix, autoescape=True))
            .order_by(Reminder.due_at.desc())
            .limit(1)
        )


class Outbox:
    """Messages decided on but not yet taken by the platform."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, message: OutboundMessage, known: Chat | None = None) -> None:
        """Queue a message for the bot account that hears its chat (or its person). `known`
        is a chat row the caller holds already: a message to it needs no look-up."""
        if message.account is None:
            if known is not None and (known.platform, known.ref) == (
                message.platform,
                message.chat_ref,
            ):
                message.account = known.account
            elif message.chat_ref is not None:
                message.account = self._session.scalar(
                    select(Chat.account).where(
                        Chat.platform == message.platform, Chat.ref == message.chat_ref
                    )
                )
            elif message.person_ref is not None:
                message.account = self._session.scalar(
                    select(Person.account).where(
                        Person.platform == message.platform, Person.ref == message.person_ref
                    )
                )
        self._session.add(message)

    def sent_to(
        self,
        platform: str,
        chat_refs: Collection[str],
        starting: str,
        since: datetime,
        limit: int,
        *,
        ending: str = "",
    ) -> list[tuple[str, datetime]]:
        """The texts queued since `since` for those chats that begin with `starting` (the
        notices a group was sent; and end with `ending`: one sender's), newest first, with
        when each was queued; none that failed."""
        rows = self._session.execute(
            select(OutboundMessage.text, OutboundMessage.created_at)
            .where(
                OutboundMessage.platform == platform,
                OutboundMessage.chat_ref.in_(chat_refs),
                OutboundMessage.created_at >= since,
                OutboundMessage.failed.is_(None),
                OutboundMessage.text.startswith(starting, autoescape=True),
                OutboundMessage.text.endswith(ending, autoescape=True),
            )
            .order_by(OutboundMessage.created_at.desc(), OutboundMessage.id.desc())
            .limit(limit)
        )
        return [(text, at) for text, at in rows]

    def recent_texts(
        self, platform: str, chat_ref: str, since: datetime, limit: int = 5
    ) -> list[str]:
        """The texts last queued for one chat since `since`, newest first."""
        rows = self._session.scalars(
            select(OutboundMessage.text)
            .where(
                OutboundMessage.platform == platform,
                OutboundMessage.chat_ref == chat_ref,
                OutboundMessage.created_at >= since,
            )
            .order_by(OutboundMessage.created_at.desc(), OutboundMessage.id.desc())
            .limit(limit)
        )
        return list(rows)

    def queued_to(
        self, platform: str, chat_refs: Collection[str], starting: str, since: datetime, limit: int
    ) -> Sequence[OutboundMessage]:
        """The messages queued since `since` for those chats that begin with `starting`
        (the notices the groups were sent), newest first, sent or not, failed or not."""
        return self._session.scalars(
            select(OutboundMessage)
            .where(
                OutboundMessage.platform == platform,
                OutboundMessage.chat_ref.in_(chat_refs),
                OutboundMessage.created_at >= since,
                OutboundMessage.text.startswith(starting, autoescape=True),
            )
            .order_by(OutboundMessage.created_at.desc(), OutboundMessage.id.desc())
            .limit(limit)
        ).all()

    def chats_sent_text(
        self, platform: str, chat_refs: Collection[str], text: str, since: datetime
    ) -> list[str]:
        """Those chats that were queued `text` since `since` (the groups a notice went to);
        none that failed."""
        refs = self._session.scalars(
            select(OutboundMessage.chat_ref)
            .where(
                OutboundMessage.platform == platform,
                OutboundMessage.chat_ref.in_(chat_refs),
                OutboundMessage.created_at >= since,
                OutboundMessage.failed.is_(None),
                OutboundMessage.text == text,
            )
            .distinct()
        )
        return sorted(ref for ref in refs if ref is not None)

    def chats_sent(self, starting: str, since: datetime) -> frozenset[tuple[str, str]]:
        """(platform, ref) of the chats sent, since `since`, a text beginning with `starting`
        (a notice); none that failed."""
        rows = self._session.execute(
            select(OutboundMessage.platform, OutboundMessage.chat_ref)
            .where(
                OutboundMessage.chat_ref.is_not(None),
                OutboundMessage.created_at >= since,
                OutboundMessage.failed.is_(None),
                OutboundMessage.text.startswith(starting, autoescape=True),
            )
            .distinct()
        )
        return frozenset((platform, ref) for platform, ref in rows if ref is not None)

    def pending(
        self, limit: int, platforms: tuple[str, ...], now: datetime, account: str = ""
    ) -> Sequence[OutboundMessage]:
        """Queued rows this process may send now: its platforms', its own account's or
        anyone's, and none held for the end of quiet hours."""
        query = _PENDING_OF if account else _PENDING
        values = {"platforms": platforms, "now": now, "limit": limit, "account": account}
        return self._session.scalars(query, values).all()

    def claim(self, row_ids: Sequence[int], now: datetime, account: str = "") -> bool:
        """Take the rows of one send for this process, all or none: False if another process
        took any of them first. A claimed row is this account's until it is sent or freed."""
        claimed = self._session.execute(
            _CLAIM, {"ids": list(row_ids), "now": now, "account": account or None}
        )
        return cast("CursorResult[Any]", claimed).rowcount == len(row_ids)

    def settle(self, row_ids: Sequence[int], **values: object) -> None:
        """Set `values` on the rows of one send, in one statement."""
        settings = {f"new_{name}": value for name, value in values.items()}
        self._session.execute(_settling(frozenset(values)), {"ids": list(row_ids), **settings})

    def cut_off(self, platforms: tuple[str, ...], account: str = "") -> Sequence[OutboundMessage]:
        """Rows a crash of this account's process interrupted mid-send: claimed, never
        confirmed. (Another live process's claims are its own sends in progress.)"""
        query = select(OutboundMessage).where(
            OutboundMessage.sent_at.is_(None),
            OutboundMessage.claimed_at.is_not(None),
            OutboundMessage.failed.is_(None),
            OutboundMessage.platform.in_(platforms),
        )
        if account:
            query = query.where(OutboundMessage.account == account)
        return self._session.scalars(query).all()

    def poll(self, platform: str, poll_ref: str) -> OutboundMessage | None:
        """The sent poll message a native poll answer refers to."""
        return self._session.scalar(
            select(OutboundMessage).where(
                OutboundMessage.platform == platform, OutboundMessage.poll_ref == poll_ref
            )
        )

    def sent_as(self, platform: str, chat_ref: str, message_id: str) -> OutboundMessage | None:
        """The bot's own message that the platform knows in this chat as `message_id`."""
        return self._session.scalar(
            select(OutboundMessage)
            .where(
                OutboundMessage.platform == platform,
                OutboundMessage.chat_ref == chat_ref,
                OutboundMessage.platform_message_id == message_id,
            )
            .limit(1)
        )

    def polls_of(self, ballot: str, chat_refs: Sequence[tuple[str, str]]) -> list[OutboundMessage]:
        """Native polls sent for ballot `M3` to these chats (platform, ref) that can be closed."""
        rows = self._session.scalars(
            select(OutboundMessage).where(
                OutboundMessage.ballot == ballot,
                OutboundMessage.platform_message_id.is_not(None),
                OutboundMessage.poll_ref.is_not(None),
            )
        ).all()
        wanted = set(chat_refs)
        return [row for row in rows if (row.platform, row.chat_ref) in wanted]

    def move_chat(self, platform: str, old_ref: str, new_ref: str) -> None:
        """A chat got a new platform id: queued messages follow it."""
        self._session.execute(
            update(OutboundMessage)
            .where(
                OutboundMessage.platform == platform,
                OutboundMessage.chat_ref == old_ref,
                OutboundMessage.sent_at.is_(None),
            )
            .values(chat_ref=new_ref)
        )


_PENDING = (
    select(OutboundMessage)
    .where(
        OutboundMessage.sent_at.is_(None),
        OutboundMessage.claimed_at.is_(None),
        OutboundMessage.failed.is_(None),
        OutboundMessage.platform.in_(bindparam("platforms", expanding=True)),
        or_(
            OutboundMessage.not_before.is_(None),
            OutboundMessage.not_before <= bindparam("now"),
        ),
    )
    .order_by(OutboundMessage.id)
    .limit(bindparam("limit", type_=Integer))
)
"""`Outbox.pending`, built once (every flush asks it), for the only process (no account): it
sends everything. `_PENDING_OF` is for one of several, which sends its own account's rows and
those of no account in particular."""
_PENDING_OF = _PENDING.where(
    or_(OutboundMessage.account.is_(None), OutboundMessage.account == bindparam("account"))
)
_CLAIM = (
    update(OutboundMessage)
    .where(
        OutboundMessage.id.in_(bindparam("ids", expanding=True)),
        OutboundMessage.claimed_at.is_(None),
        OutboundMessage.sent_at.is_(None),
        OutboundMessage.failed.is_(None),
    )
    .values(
        claimed_at=bindparam("now", type_=UTCDateTime()),
        attempts=OutboundMessage.attempts + 1,
        account=func.coalesce(OutboundMessage.account, bindparam("account", type_=String())),
    )
    .execution_options(synchronize_session=False)
)
"""`Outbox.claim`, built once: every send makes it."""


@cache
def _settling(names: frozenset[str]) -> Update:
    """`Outbox.settle`'s statement setting these columns, built once for each set of them (a
    few: sent, sent with a receipt, failed, freed)."""
    columns = OutboundMessage.__table__.c
    return (
        update(OutboundMessage)
        .where(OutboundMessage.id.in_(bindparam("ids", expanding=True)))
        .values({name: bindparam(f"new_{name}", type_=columns[name].type) for name in names})
        .execution_options(synchronize_session=False)
    )


class Meetings:
    """Meetings and votes, their options, groups, agenda, ballots and objections."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def take_number(self, community_id: int) -> int:
        return _next_number(self._session, community_id, Community.next_meeting_no)

    def add(self, meeting: Meeting) -> Meeting:
        self._session.add(meeting)
        self._session.flush()
        return meeting

    def add_parts(self, parts: Sequence[MeetingOption | MeetingChat | AgendaItem]) -> None:
        self._session.add_all(parts)
        self._session.flush()

    def get(self, meeting_id: int) -> Meeting:
        return self._session.get_one(Meeting, meeting_id)

    def called_between(
        self, community_id: int, since: datetime | None, until: datetime | None
    ) -> list[Meeting]:
        """The community's meetings and votes, called in [since, until) when given, by number."""
        query = select(Meeting).where(Meeting.community_id == community_id)
        if since is not None:
            query = query.where(Meeting.created_at >= since)
        if until is not None:
            query = query.where(Meeting.created_at < until)
        return list(self._session.scalars(query.order_by(Meeting.number)))

    def by_number(self, community_id: int, number: int) -> Meeting | None:
        return self._session.scalar(
            select(Meeting).where(Meeting.community_id == community_id, Meeting.number == number)
        )

    def options(self, meeting_id: int) -> Sequence[MeetingOption]:
        return self._session.scalars(
            select(MeetingOption)
            .where(MeetingOption.meeting_id == meeting_id)
            .order_by(MeetingOption.position)
        ).all()

    def polling_in(self, platform: str, chat_ref: str, now: datetime) -> Sequence[Meeting]:
        """The polls and votes open now in one group, the oldest first."""
        open_now = (Meeting.status == "polling", Meeting.poll_deadline > now)
        return self._in_group(platform, chat_ref, open_now, Meeting.id)

    def coming_in(self, platform: str, chat_ref: str, now: datetime) -> Sequence[Meeting]:
        """The meetings of one group whose time is fixed and still to come, soonest first."""
        coming = (Meeting.status == "scheduled", Meeting.starts_at > now)
        return self._in_group(platform, chat_ref, coming, Meeting.starts_at)

    def coming_of(self, community_id: int, now: datetime) -> Sequence[Meeting]:
        """The community's meetings whose time is fixed and still to come, soonest first."""
        return self._session.scalars(
            select(Meeting)
            .where(
                Meeting.community_id == community_id,
                Meeting.status == "scheduled",
                Meeting.starts_at > now,
            )
            .order_by(Meeting.starts_at)
        ).all()

    def called_off_in(self, platform: str, chat_ref: str, now: datetime) -> Sequence[Meeting]:
        """The meetings of one group cancelled before the time they were fixed for, which is
        still to come, soonest first."""
        called_off = (Meeting.status == "cancelled", Meeting.starts_at > now)
        return self._in_group(platform, chat_ref, called_off, Meeting.starts_at)

    def _in_group(
        self,
        platform: str,
        chat_ref: str,
        where: tuple[ColumnElement[bool], ...],
        order: InstrumentedAttribute[Any],
    ) -> Sequence[Meeting]:
        return self._session.scalars(
            select(Meeting)
            .join(MeetingChat, MeetingChat.meeting_id == Meeting.id)
            .join(Chat, Chat.id == MeetingChat.chat_id)
            .where(Chat.platform == platform, Chat.ref == chat_ref, *where)
            .order_by(order)
        ).all()

    def publicising(self, community_id: int, now: datetime) -> Sequence[Meeting]:
        """The community's decisions in their 公示 period now, the oldest first."""
        return self._session.scalars(
            select(Meeting)
            .where(Meeting.community_id == community_id, Meeting.publicity_until >= now)
            .order_by(Meeting.id)
        ).all()

    def publicity_heard(self, platform: str, chat_ref: str | None, now: datetime) -> bool:
        """Whether a 公示 is open where one group (`chat_ref`) is, or, for a private chat
        (None), anywhere: what tells 「我有异议」 from chatter."""
        query = select(Meeting.id).where(Meeting.publicity_until >= now)
        if chat_ref is not None:
            query = query.join(Chat, Chat.community_id == Meeting.community_id).where(
                Chat.platform == platform, Chat.ref == chat_ref
            )
        return self._session.scalar(query.limit(1)) is not None

    def polling_heard(self, platform: str, chat_ref: str | None, now: datetime) -> bool:
        """Whether a poll or vote is open now in one group (`chat_ref`), or, for a private chat
        (None), anywhere: what tells 「我选2」 from chatter."""
        if chat_ref is not None:
            return bool(self.polling_in(platform, chat_ref, now))
        open_now = select(Meeting.id).where(
            Meeting.status == "polling", Meeting.poll_deadline > now
        )
        return self._session.scalar(open_now.limit(1)) is not None

    def polling_of(self, community_id: int, now: datetime) -> Sequence[Meeting]:
        """The community's polls and votes open now, the oldest first."""
        return self._session.scalars(
            select(Meeting)
            .where(
                Meeting.community_id == community_id,
                Meeting.status == "polling",
                Meeting.poll_deadline > now,
            )
            .order_by(Meeting.id)
        ).all()

    def chats(self, meeting_id: int) -> Sequence[Chat]:
        return self._session.scalars(
            select(Chat)
            .join(MeetingChat, MeetingChat.chat_id == Chat.id)
            .where(MeetingChat.meeting_id == meeting_id)
            .order_by(MeetingChat.id)
        ).all()

    def agenda(self, meeting_id: int, *, afresh: bool = False) -> Sequence[Issue]:
        """The issues on the meeting's agenda; `afresh`, each read again from the database
        (after `actions(…, settling=True)`: what another process committed meanwhile)."""
        query = (
            select(Issue)
            .join(AgendaItem, AgendaItem.issue_id == Issue.id)
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(Issue.number)
        )
        if afresh:
            query = query.execution_options(populate_existing=True)
        return self._session.scalars(query).all()

    def actions(self, meeting_id: int, *, settling: bool = False) -> Sequence[Issue]:
        """The meeting's action items. `settling`: to tell whether the last is done, with
        the meeting's row locked first (`FOR UPDATE` on PostgreSQL; SQLite's writers take
        turns already) and each item read afresh, so two processes finishing its last two
        items at once take turns, and the second sees the first's."""
        query = select(Issue).where(Issue.meeting_id == meeting_id).order_by(Issue.number)
        if settling:
            self._session.execute(
                select(Meeting.id).where(Meeting.id == meeting_id).with_for_update()
            )
            query = query.execution_options(populate_existing=True)
        return self._session.scalars(query).all()

    def ballot(self, meeting_id: int, person_id: int) -> Ballot | None:
        return self._session.scalar(
            select(Ballot).where(Ballot.meeting_id == meeting_id, Ballot.person_id == person_id)
        )

    def add_ballot(self, ballot: Ballot) -> None:
        self._session.add(ballot)

    def withdraw(self, ballot: Ballot) -> None:
        self._session.delete(ballot)

    def ballots(self, meeting_id: int) -> Sequence[Ballot]:
        return self._session.scalars(
            select(Ballot).where(Ballot.meeting_id == meeting_id).order_by(Ballot.cast_at)
        ).all()

    def homeless(self, person_id: int, now: datetime) -> Sequence[Ballot]:
        """The person's 每户一票 ballots that wait for their flat, in votes open now."""
        return self._session.scalars(
            select(Ballot)
            .join(Meeting, Meeting.id == Ballot.meeting_id)
            .where(
                Ballot.person_id == person_id, Ballot.household.is_(None), *_home_votes_open(now)
            )
            .order_by(Meeting.number)
        ).all()

    def homeless_waits(self, platform: str, sender_ref: str, now: datetime) -> bool:
        """Whether one person (by their platform id) has a ballot waiting for their flat: what
        tells their 「3-2-301」 from chatter."""
        return (
            self._session.scalar(
                select(Ballot.id)
                .join(Meeting, Meeting.id == Ballot.meeting_id)
                .join(Person, Person.id == Ballot.person_id)
                .where(
                    Person.platform == platform,
                    Person.ref == sender_ref,
                    Ballot.household.is_(None),
                    *_home_votes_open(now),
                )
                .limit(1)
            )
            is not None
        )

    def household(self, person_id: int, community_id: int) -> Household | None:
        return self._session.scalar(
            select(Household).where(
                Household.person_id == person_id, Household.community_id == community_id
            )
        )

    def remember_household(self, household: Household) -> None:
        self._session.add(household)

    def add_objection(self, objection: Objection) -> None:
        self._session.add(objection)

    def objections(self, meeting_id: int) -> Sequence[Objection]:
        return self._session.scalars(
            select(Objection).where(Objection.meeting_id == meeting_id).order_by(Objection.id)
        ).all()


def _home_votes_open(now: datetime) -> tuple[ColumnElement[bool], ...]:
    """A 每户一票 vote open at `now`: where a ballot without a flat waits for one."""
    return (
        Meeting.per_household.is_(True),
        Meeting.status == "polling",
        Meeting.poll_deadline > now,
    )


_CHUNK = 500
"""Ids per `IN (…)` list: well under every backend's limit on bound parameters."""

_STATS_COLUMNS = (
    Issue.number,
    Issue.status,
    Issue.category,
    Issue.grid_id,
    Issue.deadline,
    Issue.rating,
    Issue.counted_rating,
    Issue.created_at,
    Issue.resolved_at,
    Issue.assignee_unit,
    Issue.escalated_to,
)
"""What `Issues.filed_between` loads: what /stats, its chart and the monthly report read."""


def _figures(
    now: datetime, open_statuses: Collection[IssueStatus], satisfied_from: int
) -> tuple[ColumnElement[int], ColumnElement[int], ColumnElement[int], ColumnElement[int]]:
    """What the statistics sum over a group of issues: how many; how many overdue (in
    `open_statuses` with a deadline before `now`, 🔴 as `/list` ranks it); how many with a
    `counted_rating`, and with one at least `satisfied_from`."""
    late = and_(Issue.status.in_(sorted(open_statuses)), Issue.deadline < now)
    return (
        func.count(),
        func.sum(case((late, 1), else_=0)),
        func.count(Issue.counted_rating),
        func.sum(case((Issue.counted_rating >= satisfied_from, 1), else_=0)),
    )


class _seconds_between(FunctionElement[float]):
    """The seconds from one timestamp column to another, as each dialect counts them."""

    type = Float()
    name = "seconds_between"
    inherit_cache = True


@compiles(_seconds_between, "sqlite")
def _seconds_on_sqlite(element: _seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"((julianday({end}) - julianday({start})) * 86400.0)"


@compiles(_seconds_between, "postgresql")
def _seconds_on_postgresql(element: _seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"EXTRACT(EPOCH FROM ({end} - {start}))"


_TAKEN = _seconds_between(Issue.created_at, Issue.resolved_at)
"""Seconds from an issue's filing to its last 办结 (`Issues.time_taken`, `Issues.slowest`)."""


def _resolved_on_time(done_statuses: Collection[IssueStatus]) -> ColumnElement[bool]:
    """In `done_statuses`, resolved by the deadline (or with none): 按期办结."""
    return and_(
        Issue.status.in_(sorted(done_statuses)),
        Issue.resolved_at.is_not(None),
        or_(Issue.deadline.is_(None), Issue.resolved_at <= Issue.deadline),
    )


def _filed(
    community_id: int, since: datetime | None, until: datetime | None
) -> list[ColumnElement[bool]]:
    """Conditions for one community's issues filed in [since, until) when given."""
    conditions = [Issue.community_id == community_id]
    if since is not None:
        conditions.append(Issue.created_at >= since)
    if until is not None:
        conditions.append(Issue.created_at < until)
    return conditions


class Points:
    """The points (积分) ledger: one row per change; a balance is a sum."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, entry: PointEntry) -> PointEntry:
        self._session.add(entry)
        self._session.flush()
        return entry

    def find(self, person_id: int, issue_id: int, reason: str) -> PointEntry | None:
        """This person's change for this issue and reason, if they had one.

        Asked without flushing first: entries are flushed as they are added (`add`), and
        neither deleted nor changed in what they are found by, so nothing pending can change
        the answer."""
        with self._session.no_autoflush:
            return self._session.scalar(
                _POINT_ENTRY, {"person_id": person_id, "issue_id": issue_id, "reason": reason}
            )

    def on_issue(self, issue_id: int) -> Sequence[PointEntry]:
        """Every change one issue brought anyone, oldest first."""
        return self._session.scalars(
            select(PointEntry).where(PointEntry.issue_id == issue_id).order_by(PointEntry.id)
        ).all()

    def resolved_watched(self, person_id: int, community_id: int) -> Sequence[Issue]:
        """Resolved issues (awaiting follow-up) the person reported or follows, newest first."""
        followed = select(Follower.issue_id).where(Follower.person_id == person_id)
        return self._session.scalars(
            select(Issue)
            .where(
                Issue.community_id == community_id,
                Issue.status == IssueStatus.RESOLVED,
                or_(Issue.reporter_id == person_id, Issue.id.in_(followed)),
            )
            .order_by(Issue.resolved_at.desc(), Issue.id.desc())
        ).all()

    def balance(self, community_id: int, person_id: int) -> int:
        total = self._session.scalar(
            select(func.coalesce(func.sum(PointEntry.delta), 0)).where(
                PointEntry.community_id == community_id, PointEntry.person_id == person_id
            )
        )
        return int(total or 0)

    def recent(self, community_id: int, person_id: int, limit: int) -> Sequence[PointEntry]:
        """The person's latest changes here, newest first."""
        return self._session.scalars(
            select(PointEntry)
            .where(PointEntry.community_id == community_id, PointEntry.person_id == person_id)
            .order_by(PointEntry.at.desc(), PointEntry.id.desc())
            .limit(limit)
        ).all()

    def totals(
        self, community_id: int, since: datetime, until: datetime, reasons: frozenset[str]
    ) -> list[tuple[int, int]]:
        """(person id, sum of changes with these reasons in [since, until)) for the community."""
        rows = self._session.execute(
            select(PointEntry.person_id, func.sum(PointEntry.delta))
            .where(
                PointEntry.community_id == community_id,
                PointEntry.reason.in_(reasons),
                PointEntry.at >= since,
                PointEntry.at < until,
            )
            .group_by(PointEntry.person_id)
        )
        return [(int(person), int(total or 0)) for person, total in rows]

    def people_named(self, community_id: int, name: str) -> Sequence[Person]:
        """People called `name` who have points in the community (residents hold no role)."""
        return self._session.scalars(
            select(Person)
            .join(PointEntry, PointEntry.person_id == Person.id)
            .where(PointEntry.community_id == community_id, Person.name == name)
            .distinct()
        ).all()


_POINT_ENTRY = select(PointEntry).where(
    PointEntry.person_id == bindparam("person_id"),
    PointEntry.issue_id == bindparam("issue_id"),
    PointEntry.reason == bindparam("reason"),
)
"""`Points.find`, built once: every report of a neighbour's problem asks it."""


# A community's answers as they are numbered: config's ("config" sorts after "chat") first, then
# those added in chat, each as it was added.
_GUIDE_ORDER = (GuideAnswer.source.desc(), GuideAnswer.id)


class Questions:
    """Residents' questions passed on to staff (问N) and their answers."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, question: Question) -> Question:
        """`question` kept, with the community's next number."""
        question.number = _next_number(
            self._session, question.community_id, Community.next_question_no
        )
        self._session.add(question)
        self._session.flush()
        return question

    def by_number(self, community_id: int, number: int) -> Question | None:
        return self._session.scalar(
            select(Question).where(Question.community_id == community_id, Question.number == number)
        )

    def unanswered(self, community_id: int, since: datetime) -> list[Question]:
        """The community's questions asked since then that nobody has answered, oldest first."""
        return list(
            self._session.scalars(
                select(Question)
                .where(
                    Question.community_id == community_id,
                    Question.answered_at.is_(None),
                    Question.asked_at >= since,
                )
                .order_by(Question.number)
            )
        )

    def asked_by(self, person_id: int) -> list[Question]:
        """The person's questions (to erase their words when they ask to be forgotten)."""
        return list(self._session.scalars(select(Question).where(Question.asker_id == person_id)))


class Guide:
    """Communities' 办事指南 answers."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def of(self, community_id: int) -> list[GuideAnswer]:
        """The community's answers, config's first, each kind as it was added."""
        return list(
            self._session.scalars(
                select(GuideAnswer)
                .where(GuideAnswer.community_id == community_id)
                .order_by(*_GUIDE_ORDER)
            )
        )

    def add(self, answer: GuideAnswer) -> None:
        self._session.add(answer)

    def remove(self, answer: GuideAnswer) -> None:
        self._session.delete(answer)

    def configure(self, community_id: int, given: Sequence[tuple[str, str]], now: datetime) -> None:
        """Make config's answers of the community (ask, answer) exactly `given`; those added
        in chat stay."""
        old = [a for a in self.of(community_id) if a.source == "config"]
        if [(a.ask, a.answer) for a in old] == list(given):
            return
        for answer in old:
            self._session.delete(answer)
        self._session.flush()
        for ask, words in given:
            self._session.add(
                GuideAnswer(
                    community_id=community_id, ask=ask, answer=words, source="config", added_at=now
                )
            )

    def asked(self, ask: GuideAsk) -> None:
        """Count an answer given."""
        self._session.add(ask)

    def answered_in(self, chat_id: int, keys: str, since: datetime) -> bool:
        """Whether the answer of these keys was given in the chat since then."""
        return (
            self._session.scalar(
                select(GuideAsk.id)
                .where(
                    GuideAsk.chat_id == chat_id,
                    GuideAsk.keys == keys,
                    GuideAsk.asked_at >= since,
                )
                .limit(1)
            )
            is not None
        )

    def last_ask(self, person_id: int, since: datetime) -> GuideAsk | None:
        """The person's latest question the guide answered since then."""
        return self._session.scalar(
            select(GuideAsk)
            .where(GuideAsk.person_id == person_id, GuideAsk.asked_at >= since)
            .order_by(GuideAsk.id.desc())
            .limit(1)
        )

    def asks_in(
        self, community_id: int, since: datetime | None, until: datetime | None
    ) -> list[tuple[str, int, int]]:
        """The answers given in [since, until) (either end open when None): (keys, times
        given, times filed after all) each, the most given first."""
        where = [GuideAsk.community_id == community_id]
        if since is not None:
            where.append(GuideAsk.asked_at >= since)
        if until is not None:
            where.append(GuideAsk.asked_at < until)
        rows = self._session.execute(
            select(GuideAsk.keys, func.count(), func.count(GuideAsk.filed_issue_id))
            .where(*where)
            .group_by(GuideAsk.keys)
            .order_by(func.count().desc(), GuideAsk.keys)
        )
        return [(row[0], int(row[1]), int(row[2])) for row in rows]

    def of_groups(
        self,
    ) -> tuple[dict[tuple[str, str], int], dict[int, list[tuple[str, str]]]]:
        """The group chats of communities with answers, (platform, ref): their community; and
        each such community's (ask, answer)s, in the order `of` gives them."""
        answers: dict[int, list[tuple[str, str]]] = {}
        for row in self._session.execute(
            select(GuideAnswer.community_id, GuideAnswer.ask, GuideAnswer.answer).order_by(
                *_GUIDE_ORDER
            )
        ):
            answers.setdefault(row.community_id, []).append((row.ask, row.answer))
        if not answers:
            return {}, {}
        rows = self._session.execute(
            select(Chat.platform, Chat.ref, Chat.community_id).where(
                Chat.kind != "private", Chat.community_id.in_(list(answers))
            )
        )
        return {(row.platform, row.ref): row.community_id for row in rows}, answers


class Patrols:
    """Rounds of 走访 and 巡查 staff told of."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, patrol: Patrol) -> None:
        """Keep `patrol`, its id given at once (its photos name it)."""
        self._session.add(patrol)
        self._session.flush()

    def photos(self, patrol_ids: Collection[int]) -> dict[int, int]:
        """How many photos each of these rounds has (those with none are left out)."""
        wanted = sorted(set(patrol_ids))
        found: dict[int, int] = {}
        for first in range(0, len(wanted), _CHUNK):  # a long list goes in chunks
            counted = self._session.execute(
                select(Attachment.patrol_id, func.count())
                .where(
                    Attachment.patrol_id.in_(wanted[first : first + _CHUNK]),
                    Attachment.kind == "photo",
                )
                .group_by(Attachment.patrol_id)
            )
            found.update((patrol_id, n) for patrol_id, n in counted if patrol_id is not None)
        return found

    def kept_photos(self, patrol_ids: Collection[int]) -> dict[int, list[int]]:
        """The ids of each round's photos the bot has a copy of, in the order they came."""
        wanted = sorted(set(patrol_ids))
        found: dict[int, list[int]] = {}
        for first in range(0, len(wanted), _CHUNK):
            rows = self._session.execute(
                select(Attachment.patrol_id, Attachment.id)
                .where(
                    Attachment.patrol_id.in_(wanted[first : first + _CHUNK]),
                    Attachment.kind == "photo",
                    Attachment.file.is_not(None),
                )
                .order_by(Attachment.id)
            )
            for patrol_id, attachment_id in rows:
                if patrol_id is not None:
                    found.setdefault(patrol_id, []).append(attachment_id)
        return found

    def photo(self, attachment_id: int) -> tuple[Patrol, str] | None:
        """A round's photo by its id: the round, and the name of its copy; None when it is
        no round's or has no copy."""
        row = self._session.execute(
            select(Patrol, Attachment.file)
            .join(Attachment, Attachment.patrol_id == Patrol.id)
            .where(Attachment.id == attachment_id, Attachment.file.is_not(None))
        ).first()
        return None if row is None or row[1] is None else (row[0], row[1])

    def remove(self, patrol: Patrol) -> list[str]:
        """Take back `patrol`, and its photos with it: the names of their copies."""
        files = self._session.scalars(
            select(Attachment.file).where(
                Attachment.patrol_id == patrol.id, Attachment.file.is_not(None)
            )
        )
        copies = [file for file in files if file is not None]
        self._session.execute(delete(Attachment).where(Attachment.patrol_id == patrol.id))
        self._session.delete(patrol)
        return copies

    def between(
        self,
        community_id: int,
        since: datetime | None,
        until: datetime | None,
        *,
        person_ids: Collection[int] = (),
    ) -> Sequence[Patrol]:
        """The community's rounds made in [since, until) (None: unbounded), by those people
        when any are given, in the order they were made."""
        query = _rounds_within(select(Patrol), community_id, since, until, person_ids=person_ids)
        return self._session.scalars(query.order_by(Patrol.at, Patrol.id)).all()

    def latest(
        self,
        community_id: int,
        since: datetime | None,
        until: datetime | None,
        limit: int,
        *,
        grid_ids: Collection[int] = (),
        person_ids: Collection[int] = (),
    ) -> Sequence[Patrol]:
        """The newest `limit` of the rounds made in [since, until), in those grids and by those
        people when any are given; the newest first."""
        query = _rounds_within(
            select(Patrol), community_id, since, until, grid_ids=grid_ids, person_ids=person_ids
        )
        return self._session.scalars(
            query.order_by(Patrol.at.desc(), Patrol.id.desc()).limit(limit)
        ).all()

    def tally(
        self,
        community_id: int,
        since: datetime | None,
        until: datetime | None,
        *,
        grid_ids: Collection[int] = (),
        person_ids: Collection[int] = (),
    ) -> list[RoundTally]:
        """The rounds made in [since, until), in those grids and by those people when any are
        given, counted for each person and grid by the database: a year of rounds is not
        loaded to be counted."""
        found = func.sum(case((Patrol.found != "", 1), else_=0))
        counted = select(
            Patrol.person_id,
            Patrol.grid_id,
            func.count(),
            func.coalesce(func.sum(Patrol.households), 0),
            found,
        )
        query = _rounds_within(
            counted, community_id, since, until, grid_ids=grid_ids, person_ids=person_ids
        )
        rows = self._session.execute(query.group_by(Patrol.person_id, Patrol.grid_id))
        return [
            RoundTally(person_id, grid_id, int(count), int(households or 0), int(found or 0))
            for person_id, grid_id, count, households, found in rows
        ]

    def any_between(self, community_id: int, since: datetime, until: datetime) -> bool:
        """Whether any round was made in [since, until)."""
        query = _rounds_within(select(Patrol.id), community_id, since, until)
        return self._session.scalar(query.limit(1)) is not None

    def last_told_by(self, person_id: int, since: datetime) -> Patrol | None:
        """The round this person told of last, since `since`."""
        return self._session.scalar(
            select(Patrol)
            .where(Patrol.person_id == person_id, Patrol.recorded_at >= since)
            .order_by(Patrol.recorded_at.desc(), Patrol.id.desc())
            .limit(1)
        )

    def by(self, person_id: int) -> Sequence[Patrol]:
        """Every round this person told of."""
        return self._session.scalars(select(Patrol).where(Patrol.person_id == person_id)).all()


class RoundTally(NamedTuple):
    """One person's rounds in one grid (`Patrols.tally`)."""

    person_id: int
    grid_id: int | None
    rounds: int
    households: int
    found: int  # rounds that found a problem


def _rounds_within(
    query: _Query,
    community_id: int,
    since: datetime | None,
    until: datetime | None,
    *,
    grid_ids: Collection[int] = (),
    person_ids: Collection[int] = (),
) -> _Query:
    """`query` narrowed to the community's rounds made in [since, until) (None: unbounded), in
    those grids and by those people when any are given."""
    query = query.where(Patrol.community_id == community_id)
    if since is not None:
        query = query.where(Patrol.at >= since)
    if until is not None:
        query = query.where(Patrol.at < until)
    if grid_ids:
        query = query.where(Patrol.grid_id.in_(sorted(grid_ids)))
    if person_ids:
        query = query.where(Patrol.person_id.in_(sorted(person_ids)))
    return query


class WebSessions:
    """Sign-in links and the web sessions they open, found by the hash of their secret."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, row: WebSession) -> WebSession:
        self._session.add(row)
        self._session.flush()
        return row

    def by_link(self, link_hash: str) -> WebSession | None:
        return self._session.scalar(select(WebSession).where(WebSession.link_hash == link_hash))

    def by_session(self, session_hash: str) -> WebSession | None:
        return self._session.scalar(
            select(WebSession).where(WebSession.session_hash == session_hash)
        )

    def end_all(self, person_id: int, now: datetime) -> None:
        """Sign the person out everywhere, and spoil links not yet used."""
        self._session.execute(
            update(WebSession)
            .where(WebSession.person_id == person_id, WebSession.ended_at.is_(None))
            .values(ended_at=now)
        )
