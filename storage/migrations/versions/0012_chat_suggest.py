"""chats.suggest, chats.suggested_at: whether the bot suggests #立案 for untagged complaints

With `suggest` on, a message that reads confidently as a complaint but carries no tag gets one
reply suggesting 「回复 #立案」, at most once per chat in 10 minutes; `suggested_at` keeps that
limit across restarts and processes (chat-protocol §2).

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD/DROP COLUMN: a batch rebuild of `chats` trips the foreign keys pointing at it.
    op.add_column(
        "chats", sa.Column("suggest", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    instant = storage.models.UTCDateTime(timezone=True)
    op.add_column("chats", sa.Column("suggested_at", instant, nullable=True))


def downgrade() -> None:
    op.drop_column("chats", "suggested_at")
    op.drop_column("chats", "suggest")
