"""Quiet hours kept whole: reminders.missed, outbound_messages.not_before

A reminder found overdue at start during quiet hours waits for the morning; its due time then
moves to the end of the quiet hours, and without `missed` it went out unmarked, its "今晚"
a day stale (chat-protocol §5: missed while down, sent once on start, marked late).
A command's notices to other chats (the reporter's group, the work group, private messages)
queued in quiet hours wait for the morning in the outbox (`not_before`); urgent issues' do not.
An index finds the bot's own message by the platform's id, for #立案 replies that quote it.

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "reminders", sa.Column("missed", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    instant = storage.models.UTCDateTime(timezone=True)
    op.add_column("outbound_messages", sa.Column("not_before", instant, nullable=True))
    # #立案 in reply to the bot's own message finds that message by the platform's id for it.
    op.create_index(
        "ix_outbound_messages_sent_as",
        "outbound_messages",
        ["platform", "chat_ref", "platform_message_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_outbound_messages_sent_as", table_name="outbound_messages")
    op.drop_column("outbound_messages", "not_before")
    op.drop_column("reminders", "missed")
