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
    """A person on one platform: identity is platform + `ref`; `name` is only a label.

    `handle` is the platform's public handle (a Telegram @username) when it has one. A mention
    by handle alone has an empty `ref`: the core looks the person up by handle.
    """

    platform: str
    ref: str
    name: str
    handle: str = ""


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


IMPORTED = "import"
"""`IncomingMessage.via` of a message read from an exported chat history (`linli import`)."""


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
    # How it was said: typed, a pressed button (its command), an answer to a native poll, a web
    # form, or read from an exported chat history (IMPORTED).
    via: str = "typed"
    # A native poll answer: the poll id and the chosen options (1-based; none = withdrawn).
    poll_answer: PollAnswer | None = None
    # A group upgraded to a supergroup: the chat's previous id on the platform.
    migrated_from: str | None = None
    # A voice message (WeChat 语音, Telegram voice): sound the bot cannot read; `text` is its
    # caption, if any.
    voice: bool = False
    # The sender took back (WeChat 撤回) the message with this id; `text` is empty.
    recalled: str | None = None
    # The sender edited (Telegram) the message with this id; `text` is its new wording and
    # `message_id` names this edit, so each edit is kept once.
    edited: str | None = None


@dataclass(frozen=True)
class PollAnswer:
    poll_ref: str
    choices: tuple[int, ...]


BUTTON_COMMAND_MAX = 64
"""Bytes of a button's command a platform carries at most (Telegram's callback data)."""


@dataclass(frozen=True)
class Button:
    """A quick action under a message: pressing it says `command` as the presser.

    Platforms without buttons leave them out; the message text always says what to type.
    """

    label: str
    command: str


@dataclass(frozen=True)
class Reply:
    """A text message the bot sends to `chat`, optionally as a reply to one message."""

    chat: ChatRef
    text: str
    reply_to_message_id: str | None = None
    mentions: tuple[PersonRef, ...] = field(default=())
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True)
class Direct:
    """A private message to one person (an assignee, a department contact)."""

    person: PersonRef
    text: str
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True)
class Poll:
    """A poll with numbered options, answered as `<ballot> 1` or `<ballot> 1,2` when typed.

    Platforms with native polls send one (non-anonymous, so answers can be counted) and
    report each answer as a `PollAnswer`; the others send `text`, which says how to answer.
    """

    chat: ChatRef
    text: str
    question: str
    options: tuple[str, ...]
    ballot: str  # "M3": the typed answer's prefix, which also names the meeting
    multiple: bool = False
    reply_to_message_id: str | None = None


@dataclass(frozen=True)
class ClosePoll:
    """Close a native poll the bot sent earlier (`message_id` as the platform gave it)."""

    chat: ChatRef
    message_id: str


@dataclass(frozen=True)
class Document:
    """A file for a chat: an xlsx ledger, or a picture (`photo=True`) such as a chart. With
    `ref`, a file the platform already holds (a resident's photo, by the id it was received
    under) is sent again instead of `content`; with `kept`, the bot's own copy of it (a path),
    read when it is sent, so a queued message does not carry the bytes."""

    chat: ChatRef
    filename: str
    content: bytes
    caption: str = ""
    photo: bool = False
    reply_to_message_id: str | None = None
    ref: str | None = None
    kept: str | None = None


Outgoing = Reply | Direct | Poll | ClosePoll | Document
"""Everything a handler may ask the bot to send."""


@dataclass(frozen=True)
class Sent:
    """What the platform said of a message it took: its ids, to count and close native polls."""

    message_id: str | None = None
    poll_ref: str | None = None


def platform_of(message: Outgoing) -> str:
    """The platform whose adapter must send `message`."""
    return message.person.platform if isinstance(message, Direct) else message.chat.platform
