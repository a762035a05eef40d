"""SQLAlchemy 2.x models: the tables of the ledger.

Every datetime is stored as UTC and read back timezone-aware, on SQLite and PostgreSQL alike.
The Alembic migrations in `storage/migrations/` must produce exactly these tables; a test checks.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Dialect,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from bot.domain.issues import IssueStatus, Role


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out; SQLite would otherwise drop the zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: pass a timezone-aware value")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _enum(enum: type[StrEnum], name: str) -> Enum:
    # Stored by value ("new"), as a plain string column: adding a status later needs no ALTER TYPE.
    return Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=False,
        length=16,
        values_callable=lambda members: [m.value for m in members],
    )


intpk = Annotated[int, mapped_column(Integer, primary_key=True)]
timestamp = Annotated[datetime, mapped_column(UTCDateTime())]
name_str = Annotated[str, mapped_column(String(128))]

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Community(Base):
    """A 社区. `next_issue_no` hands out the per-community issue numbers."""

    __tablename__ = "communities"

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[name_str]
    next_issue_no: Mapped[int] = mapped_column(Integer, default=0)
    next_meeting_no: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_question_no: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    grids: Mapped[list[Grid]] = relationship(back_populates="community")


class Grid(Base):
    """A 网格 within a community."""

    __tablename__ = "grids"
    __table_args__ = (UniqueConstraint("community_id", "name"),)

    id: Mapped[intpk]
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    name: Mapped[name_str]

    community: Mapped[Community] = relationship(back_populates="grids")


class Building(Base):
    """A 楼栋, numbered within its community, belonging to one grid."""

    __tablename__ = "buildings"
    __table_args__ = (UniqueConstraint("community_id", "number"),)

    id: Mapped[intpk]
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    grid_id: Mapped[int] = mapped_column(ForeignKey("grids.id"))
    number: Mapped[str] = mapped_column(String(16))
    units: Mapped[int] = mapped_column(Integer, default=0)


class Chat(Base):
    """A group or private chat the bot is in, and what it is bound to.

    `ref` is the platform's id. A chat config.yaml names by title is a placeholder row whose
    `ref` is that title until the secretary confirms it in the room (`/bind`).
    """

    __tablename__ = "chats"
    __table_args__ = (UniqueConstraint("platform", "ref"),)

    id: Mapped[intpk]
    platform: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(128))
    # The ref config.yaml names this chat by: its id, or its title until a secretary confirms
    # (`/bind`). `ref` may change since (confirmed, supergroup move); this finds the row again.
    config_ref: Mapped[str | None] = mapped_column(String(128))
    title: Mapped[str] = mapped_column(String(128), default="")
    kind: Mapped[str] = mapped_column(String(16), default="grid")
    community_id: Mapped[int | None] = mapped_column(ForeignKey("communities.id"))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grids.id"))
    # The bot account (one `linli run` process) that hears this chat, when several share the
    # database; its messages are queued for that account. None: any process of the platform.
    account: Mapped[str | None] = mapped_column(String(64))
    # Untagged messages that read as complaints get one 「回复 #立案」 suggestion (chat-protocol
    # §2), at most once in 10 minutes: `suggested_at` is the last one.
    suggest: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    suggested_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A residents' group told where to call in danger, at most once in 10 minutes, apart from
    # the suggestion's limit: `danger_told_at` is the last time.
    danger_told_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Until when a photo sent on its own may be waiting here for its words (`WaitingPhoto`):
    # only then does a report look for one, so the others cost no query.
    photos_wait_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Household(Base):
    """The home (building-unit-room) a person votes for under 每户一票, asked once."""

    __tablename__ = "households"
    __table_args__ = (UniqueConstraint("person_id", "community_id"),)

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    home: Mapped[str] = mapped_column(String(32))


class Person(Base):
    """Someone seen in chat; identity is platform + platform user id, the name only a label."""

    __tablename__ = "people"
    __table_args__ = (
        UniqueConstraint("platform", "ref"),
        Index("ix_people_platform_handle", "platform", "handle"),
    )

    id: Mapped[intpk]
    platform: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(128))
    name: Mapped[name_str]
    # The platform's public handle (Telegram @username), so `@handle` mentions find the person.
    handle: Mapped[str | None] = mapped_column(String(64))
    first_seen: Mapped[timestamp]
    # The bot account that last heard from them: private messages go out through it.
    account: Mapped[str | None] = mapped_column(String(64))


class RoleGrant(Base):
    """A role a person holds in one community, optionally limited to a grid or building."""

    __tablename__ = "role_grants"

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grids.id"))
    building: Mapped[str | None] = mapped_column(String(16))
    work_unit: Mapped[str | None] = mapped_column(String(64))
    # "config" grants are rewritten from config.yaml at every start; "chat" grants are kept.
    source: Mapped[str] = mapped_column(String(16), default="config")
    granted_at: Mapped[timestamp]


class Issue(Base):
    """One tracked 诉求 in the ledger."""

    __tablename__ = "issues"
    __table_args__ = (
        UniqueConstraint("community_id", "number"),
        Index("ix_issues_community_status", "community_id", "status"),
        # A period's issues (/stats, the monthly report): migration 0009.
        Index("ix_issues_community_created", "community_id", "created_at"),
        # A work order filed once (「12345工单2026…」 again finds its issue): migration 0025.
        Index("ix_issues_community_work_order", "community_id", "work_order"),
    )

    id: Mapped[intpk]
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    number: Mapped[int] = mapped_column(Integer)
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grids.id"))
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id"))
    reporter_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    filed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    source_message_id: Mapped[str] = mapped_column(String(128))
    description: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(32))
    level: Mapped[str] = mapped_column(String(8))
    building: Mapped[str | None] = mapped_column(String(16))
    unit: Mapped[str | None] = mapped_column(String(16))
    room: Mapped[str | None] = mapped_column(String(16))
    place: Mapped[str | None] = mapped_column(String(64))
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    private: Mapped[bool] = mapped_column(Boolean, default=False)
    # A private report complaining of a staff member's conduct (「我要投诉张网格，态度很差」):
    # for the secretary's eyes; groups and other staff see that it is one, not what it says.
    staff_complaint: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # 来源 (`bot.domain.sources.Source`): the chat it came from, a meeting, or how staff say it
    # came (a call, 12345, a visit, a patrol). Migration 0024 gave earlier issues their chat's.
    source: Mapped[str] = mapped_column(String(16), default="group", server_default="group")
    # 工单号: the number of the work order it came as (12345, the street's platform), if said.
    work_order: Mapped[str | None] = mapped_column(String(40))
    # 办理时限: the time limit the work order set (「办理时限：3个工作日」); 受理 and 派单 keep
    # the deadline by it. Migration 0026.
    due_by: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[IssueStatus] = mapped_column(
        _enum(IssueStatus, "issue_status"), default=IssueStatus.NEW
    )
    report_count: Mapped[int] = mapped_column(Integer, default=1)
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Who holds it: a person, a unit (物业, 住建局 …), or both (a unit's named contact).
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    assignee_unit: Mapped[str | None] = mapped_column(String(64))
    escalated: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The unit it was last escalated to (吹哨): its contacts report progress and resolve it too.
    escalated_to: Mapped[str | None] = mapped_column(String(64))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("issues.id"))
    # An action item decided by a meeting (/outcome) belongs to it.
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    resolution: Mapped[str | None] = mapped_column(Text)
    rating: Mapped[int | None] = mapped_column(Integer)
    # The rating the statistics count (bot.domain.ratings): a low rating that reopened the
    # issue is cleared from `rating` but still counted here, until the issue is resolved again.
    counted_rating: Mapped[int | None] = mapped_column(Integer)
    # When it was last resolved and closed: the follow-up clocks (回访, 回头看) run from these.
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # 挂起 (handlers/suspend.py): since when its clock is stopped, and the deadline it had,
    # which 恢复 moves on by the time it stood still. While suspended it has no deadline.
    suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    suspended_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When it resumes by itself (「挂起 1 到3月1日 …」): that morning; None till 恢复 is sent.
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    suspended_reason: Mapped[str | None] = mapped_column(Text)  # why, told whoever asks
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When its reporter was asked 回头看 (has it come back?), until they answer.
    lookback_asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[timestamp]
    updated_at: Mapped[timestamp]

    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="issue", order_by="Attachment.id"
    )


class Follower(Base):
    """Someone told of every change to an issue, in the chat they followed it from."""

    __tablename__ = "issue_followers"
    __table_args__ = (UniqueConstraint("issue_id", "person_id"),)

    id: Mapped[intpk]
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id"))
    since: Mapped[timestamp]


class Attachment(Base):
    """A photo or file that belongs to an issue, or to a round of 走访 (`patrol_id`: a grid
    worker's photos of it, kept as the work's record)."""

    __tablename__ = "attachments"

    id: Mapped[intpk]
    issue_id: Mapped[int | None] = mapped_column(ForeignKey("issues.id"), index=True)
    patrol_id: Mapped[int | None] = mapped_column(ForeignKey("patrols.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(512))
    caption: Mapped[str] = mapped_column(Text, default="")
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    added_at: Mapped[timestamp]
    # The chat it came in (its platform and bot account can fetch `ref`); None when imported.
    chat_id: Mapped[int | None] = mapped_column(ForeignKey("chats.id"))
    # The copy kept in the media folder (`media.dir`), once fetched; `fetch_tries` counts
    # failed fetches, and after MEDIA_TRIES the bot stops asking the platform.
    file: Mapped[str | None] = mapped_column(String(128))
    fetch_tries: Mapped[int] = mapped_column(default=0)

    issue: Mapped[Issue | None] = relationship(back_populates="attachments")


class WaitingPhoto(Base):
    """A photo sent on its own, kept a moment for the words its sender may send next: WeChat
    sends a photo as a message of its own, often before 「#报事 …」 or 「办结 1 …」. Taken into
    the issue the next message is about (`handlers.base.earlier_photos`), or dropped."""

    __tablename__ = "waiting_photos"
    __table_args__ = (Index("ix_waiting_photos_sender", "chat_id", "person_id", "at"),)

    id: Mapped[intpk]
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    kind: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(512))
    caption: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)  # dropped after a while


class AuditEntry(Base):
    """Who changed what, when: every change to an issue, and every refused command."""

    __tablename__ = "audit_entries"
    # A period's work by each member of staff (「统计 本月 人员」): migration 0023.
    __table_args__ = (Index("ix_audit_entries_community_at", "community_id", "at"),)

    id: Mapped[intpk]
    community_id: Mapped[int | None] = mapped_column(ForeignKey("communities.id"))
    issue_id: Mapped[int | None] = mapped_column(ForeignKey("issues.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[timestamp]


ANNOUNCED = "announced"
"""The outcome of a notice staff posted in a group themselves (「明天上午9点到11点停水」), kept so
that a question of it later is answered from it."""
NOTICE_RECALLED = "notice_recalled"
"""What such a notice becomes when its sender takes it back (WeChat 撤回): it answers no more."""
_ANNOUNCED_ONLY = sql_text(f"outcome = '{ANNOUNCED}'")  # the rows of the partial index


class InboundMessage(Base):
    """Every message the bot acted on, kept verbatim: nothing a person sent is lost,
    and a platform that delivers the same message twice is answered once."""

    __tablename__ = "inbound_messages"
    __table_args__ = (
        UniqueConstraint("platform", "chat_ref", "message_id"),
        # The few kept as notices staff posted themselves, found by when (`Inbox.announced_in`).
        Index(
            "ix_inbound_messages_announced",
            "received_at",
            sqlite_where=_ANNOUNCED_ONLY,
            postgresql_where=_ANNOUNCED_ONLY,
        ),
    )

    id: Mapped[intpk]
    platform: Mapped[str] = mapped_column(String(16))
    chat_ref: Mapped[str] = mapped_column(String(128))
    message_id: Mapped[str] = mapped_column(String(128))
    sender_ref: Mapped[str] = mapped_column(String(128))
    sender_name: Mapped[str] = mapped_column(String(128))
    text: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[timestamp]
    received_at: Mapped[timestamp]
    # What became of it: "issue", "command", "refused", "failed" …
    outcome: Mapped[str] = mapped_column(String(16))
    issue_id: Mapped[int | None] = mapped_column(ForeignKey("issues.id"))


class Reminder(Base):
    """Something the bot must say at a time: the database, not the scheduler, remembers it.

    `key` makes scheduling idempotent (one row per deadline reminder, digest or event occurrence);
    a reminder is marked sent in the same transaction that queues its message.
    """

    __tablename__ = "reminders"
    __table_args__ = (Index("ix_reminders_status_due", "status", "due_at"),)

    id: Mapped[intpk]
    community_id: Mapped[int | None] = mapped_column(ForeignKey("communities.id"))
    kind: Mapped[str] = mapped_column(String(24))
    key: Mapped[str] = mapped_column(String(160), unique=True)
    due_at: Mapped[timestamp]
    issue_id: Mapped[int | None] = mapped_column(ForeignKey("issues.id"), index=True)
    chat_id: Mapped[int | None] = mapped_column(ForeignKey("chats.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    text: Mapped[str] = mapped_column(Text, default="")
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    # Missed while the bot was down, then held for the end of quiet hours: still （补发）.
    missed: Mapped[bool] = mapped_column(Boolean, default=False)
    # From this moment it would tell stale news (a meeting begun, a poll closed, a 🟡 whose
    # deadline has come, today's digest on another day): not sent, but marked expired.
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # pending → sent | cancelled | expired
    status: Mapped[str] = mapped_column(String(12), default="pending")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A reminder set in chat to repeat (「每周四 18:00」, bot.domain.repeats): each occurrence
    # carries the rule, and the next is scheduled as this one is sent or expires.
    repeat: Mapped[str | None] = mapped_column(String(40))


class OutboundMessage(Base):
    """A message the bot has decided to send; kept until the platform took it."""

    __tablename__ = "outbound_messages"
    __table_args__ = (
        Index("ix_outbound_messages_pending", "sent_at", "id"),
        Index("ix_outbound_messages_poll", "platform", "poll_ref"),
        # A reply quoting the bot's own message is traced back by the id the platform gave it.
        Index("ix_outbound_messages_sent_as", "platform", "chat_ref", "platform_message_id"),
    )

    id: Mapped[intpk]
    platform: Mapped[str] = mapped_column(String(16))
    # A chat (group or private chat) or, for a private message, a person.
    chat_ref: Mapped[str | None] = mapped_column(String(128))
    chat_title: Mapped[str] = mapped_column(String(128), default="")
    chat_private: Mapped[bool] = mapped_column(Boolean, default=False)
    person_ref: Mapped[str | None] = mapped_column(String(128))
    person_name: Mapped[str] = mapped_column(String(128), default="")
    text: Mapped[str] = mapped_column(Text)
    reply_to_message_id: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[timestamp]
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set just before the platform is asked to send. A row claimed but never marked sent was
    # cut off mid-send by a crash: it may have gone out, so it is not sent again (at most once).
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Not before then: a notice to other chats queued in quiet hours waits for the morning.
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # text · poll · close_poll · document · photo; `payload` (JSON) holds what the kind needs:
    # buttons, mentions, poll options, a file name; `content` a file's bytes.
    kind: Mapped[str] = mapped_column(String(16), default="text", server_default="text")
    payload: Mapped[str | None] = mapped_column(Text)
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    # What the platform answered: its message id (a poll to close later) and poll id (answers).
    platform_message_id: Mapped[str | None] = mapped_column(String(128))
    poll_ref: Mapped[str | None] = mapped_column(String(128))
    ballot: Mapped[str | None] = mapped_column(String(16))  # a poll's "M3"
    # Set when the platform refused the message for good (the bot was removed from the chat…):
    # kept, logged, and no longer tried.
    failed: Mapped[str | None] = mapped_column(Text)
    # The bot account (process) that sends it: the chat's or person's, or the process that
    # claimed it. None: whichever process of the platform claims it first.
    account: Mapped[str | None] = mapped_column(String(64))


class Meeting(Base):
    """A 议事会 with a time poll, or a decision vote (`kind`), numbered M1, M2 … per community."""

    __tablename__ = "meetings"
    __table_args__ = (UniqueConstraint("community_id", "number"),)

    id: Mapped[intpk]
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12), default="meeting")  # meeting | vote
    title: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(200), default="")
    # polling → scheduled (time chosen) | tied (the secretary decides); votes: polling → closed
    status: Mapped[str] = mapped_column(String(12), default="polling")
    poll_deadline: Mapped[timestamp]
    chosen: Mapped[int | None] = mapped_column(Integer)  # winning option position
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Decision votes: 过半 or 三分之二 of votes cast, an optional turnout quorum, one per household.
    rule: Mapped[str] = mapped_column(String(12), default="majority")
    quorum: Mapped[int | None] = mapped_column(Integer)
    per_household: Mapped[bool] = mapped_column(Boolean, default=False)
    open_ballot: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[str] = mapped_column(Text, default="")
    publicity_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id"))  # where it was called
    created_at: Mapped[timestamp]


class MeetingOption(Base):
    """One answer of a poll: a time for a meeting, a choice for a vote."""

    __tablename__ = "meeting_options"
    __table_args__ = (UniqueConstraint("meeting_id", "position"),)

    id: Mapped[intpk]
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class MeetingChat(Base):
    """A group the poll runs in (and the outcome is posted to)."""

    __tablename__ = "meeting_chats"
    __table_args__ = (UniqueConstraint("meeting_id", "chat_id"),)

    id: Mapped[intpk]
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id"))


class AgendaItem(Base):
    """An issue the meeting discusses."""

    __tablename__ = "agenda_items"
    __table_args__ = (UniqueConstraint("meeting_id", "issue_id"),)

    id: Mapped[intpk]
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id"))


class Ballot(Base):
    """A person's answer to a poll; their last answer counts."""

    __tablename__ = "ballots"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[intpk]
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id"))
    choices: Mapped[str] = mapped_column(String(64))  # "1" or "1,2"
    household: Mapped[str | None] = mapped_column(String(32))
    cast_at: Mapped[timestamp]
    # How many come with this attendance (「我和老伴都去」: 2); 1 for every other answer.
    party: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class Objection(Base):
    """An 异议 raised during a 公示."""

    __tablename__ = "objections"

    id: Mapped[intpk]
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id"))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[timestamp]


class PointEntry(Base):
    """One change to a person's points (积分) in a community; the balance is their sum.

    An award is made once per (person, issue, reason); redemptions have no issue and may repeat.
    """

    __tablename__ = "point_entries"
    __table_args__ = (
        UniqueConstraint("person_id", "issue_id", "reason"),
        Index("ix_point_entries_community_at", "community_id", "at"),
    )

    id: Mapped[intpk]
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    delta: Mapped[int] = mapped_column(Integer)
    # report · duplicate · photo · rejected · redeem (bot.domain.points)
    reason: Mapped[str] = mapped_column(String(16))
    issue_id: Mapped[int | None] = mapped_column(ForeignKey("issues.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    at: Mapped[timestamp]


class Patrol(Base):
    """A round of 走访 or 巡查 a member of staff (or a 楼栋长) told of: where, how many
    households, what they found; `at` the time of the round (「昨天走访了…」: a day before it
    was told, `recorded_at`)."""

    __tablename__ = "patrols"
    __table_args__ = (Index("ix_patrols_community_at", "community_id", "at"),)

    id: Mapped[intpk]
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grids.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id"))
    building: Mapped[str | None] = mapped_column(String(16))
    place: Mapped[str] = mapped_column(Text, default="")  # 「3号楼2单元」, as the analyser reads it
    households: Mapped[int | None] = mapped_column(Integer)  # 入户12户
    words: Mapped[str] = mapped_column(Text)  # as they said it
    found: Mapped[str] = mapped_column(Text, default="")  # the problem they found, if any
    at: Mapped[timestamp]
    recorded_at: Mapped[timestamp]


class GuideAnswer(Base):
    """One answer of a community's 办事指南 and the keys it is asked by (`bot.domain.guide`).
    Those from config.yaml (`source="config"`) are written again at each start; those staff
    add in chat (`source="chat"`) are kept until removed in chat."""

    __tablename__ = "guide_answers"

    id: Mapped[intpk]
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    ask: Mapped[str] = mapped_column(String(400))  # the keys as written: 「装修+几点、装修时间」
    answer: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(8))  # "config" | "chat"
    added_by: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    added_at: Mapped[timestamp]


class GuideAsk(Base):
    """A question the 办事指南 answered, counted by 统计 (「办事指南答复咨询12次」): which answer
    (its keys as they were), who asked, and the issue filed when they asked for a person after
    all (「转人工」)."""

    __tablename__ = "guide_asks"
    __table_args__ = (
        Index("ix_guide_asks_community_at", "community_id", "asked_at"),
        Index("ix_guide_asks_chat_at", "chat_id", "asked_at"),
    )

    id: Mapped[intpk]
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id"))  # where it was asked
    keys: Mapped[str] = mapped_column(String(400))  # 「物业费、物业管理费」
    asked_at: Mapped[timestamp]
    filed_issue_id: Mapped[int | None] = mapped_column(ForeignKey("issues.id"))


class Question(Base):
    """A resident's question about a meeting or a notice, asked in reply to the bot's message
    in a group and passed on (to the meeting's caller, or the work groups) as 问N, numbered per
    community; staff answer it with 「答复 N …」, which the bot posts under the question."""

    __tablename__ = "questions"
    __table_args__ = (UniqueConstraint("community_id", "number"),)

    id: Mapped[intpk]
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    number: Mapped[int] = mapped_column(Integer)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id"))  # where it was asked
    message_ref: Mapped[str] = mapped_column(String(128))  # the question, to answer under it
    asker_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    text: Mapped[str] = mapped_column(String(400))
    about: Mapped[str] = mapped_column(String(200))  # 「M1 加装电梯议事会」「通知「明天停水」」
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    asked_at: Mapped[timestamp]
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class WebSession(Base):
    """A sign-in to the web ledger, asked for with `/web` in a private chat.

    The row starts as a one-time link (`link_hash`, valid until `link_expires_at`); opening it
    signs in (`signed_in_at`) and gives the browser a session cookie (`session_hash`, valid
    until `expires_at`). Only SHA-256 hashes of the two secrets are stored. Actions taken on the
    web are handled as if the person had typed them in that private chat (`platform`,
    `chat_ref`), so the role checked is always the person's current one.
    """

    __tablename__ = "web_sessions"

    id: Mapped[intpk]
    link_hash: Mapped[str] = mapped_column(String(64), unique=True)
    session_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    csrf: Mapped[str] = mapped_column(String(64))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    community_id: Mapped[int | None] = mapped_column(ForeignKey("communities.id"))
    platform: Mapped[str] = mapped_column(String(16))
    chat_ref: Mapped[str] = mapped_column(String(128))
    chat_title: Mapped[str] = mapped_column(String(128), default="")
    created_at: Mapped[timestamp]
    link_expires_at: Mapped[timestamp]
    signed_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
