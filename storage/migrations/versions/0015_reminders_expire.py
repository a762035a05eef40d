"""Reminders that would be stale expire: reminders.expires_at

After an outage, or held by quiet hours, a reminder may come due when what it says is no
longer true: 「一小时后开 M1」 after the meeting began, a poll's nudge after it closed, a 🟡
after the deadline's 🔴, a configured 「今晚七点」 event or 「今日台账」 on another day. Such a
reminder is marked `expired` instead of sent (chat-protocol §5: missed ones go out once,
marked late, unless they have become wrong).

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    instant = storage.models.UTCDateTime(timezone=True)
    op.add_column("reminders", sa.Column("expires_at", instant, nullable=True))


def downgrade() -> None:
    op.drop_column("reminders", "expires_at")
