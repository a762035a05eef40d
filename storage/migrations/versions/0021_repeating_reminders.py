"""Reminders that repeat, set in chat: reminders.repeat

「提醒 每周四18:00 开例会」 sets a reminder that comes back every week. Each occurrence is a
reminder row like any other, and carries the rule as the bot writes it (「每周四 18:00」), so
that the next occurrence is scheduled as this one is sent, and nothing else needs to remember
the series. NULL for every reminder that does not repeat, which is all earlier ones.

Revision ID: 0021
Revises: 0020
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("reminders", sa.Column("repeat", sa.String(length=40), nullable=True))


def downgrade() -> None:
    op.drop_column("reminders", "repeat")
