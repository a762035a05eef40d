"""The platform-neutral message model shared by every adapter and handler.

Adapters turn platform events into `IncomingMessage` values and send the `Outgoing` values
the handlers return. Nothing here knows which platform it is on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ChatKind(StrEnum):
    """What a chat is for (chat-protocol §1)."""

    GRID = "grid"  # 网格群: residents and their grid worker
    RESIDENT = "resident"  # 小区群
    WORK = "work"  # 工作群: secretary, workers, handlers
    PRIVATE = "private"  # a one-to-one chat with the bot


@dataclass(frozen=True)
class ChatRef:
    """A chat on one platform: `ref` is the platform's own id (room id, chat id, console name)."""

    platform: str
    ref: str
    title: str = ""
    is_private: bool = False


@dataclass(frozen=True)
class PersonRef:
    """A person on one platform: identity is platform + `ref`; `name` is only a label."""

    platform: str
    ref: str
    name: str


@dataclass(frozen=True)
class AttachmentRef:
    """A file that came with a message; `ref` is whatever the platform needs to fetch it."""

    kind: str  # "photo", "file"
    ref: str
    caption: str = ""


@dataclass(frozen=True)
class QuotedMessage:
    """The message a reply answers, as far as the platform tells us."""

    message_id: str
    sender: PersonRef | None = None
    text: str = ""
    attachments: tuple[AttachmentRef, ...] = ()


@dataclass(frozen=True)
class IncomingMessage:
    """One message as the core sees it, whatever platform it came from."""

    chat: ChatRef
    sender: PersonRef
    text: str
    message_id: str
    sent_at: datetime
    reply_to: QuotedMessage | None = None
    mentions_bot: bool = False
    mentions: tuple[PersonRef, ...] = ()
    attachments: tuple[AttachmentRef, ...] = ()


@dataclass(frozen=True)
class Reply:
    """A text message the bot sends to `chat`, optionally as a reply to one message."""

    chat: ChatRef
    text: str
    reply_to_message_id: str | None = None
    mentions: tuple[PersonRef, ...] = field(default=())


@dataclass(frozen=True)
class Direct:
    """A private message to one person (an assignee, a department contact)."""

    person: PersonRef
    text: str


Outgoing = Reply | Direct
"""Everything a handler may ask the bot to send. Polls, buttons and files join this union later."""


def platform_of(message: Outgoing) -> str:
    """The platform whose adapter must send `message`."""
    return message.person.platform if isinstance(message, Direct) else message.chat.platform
