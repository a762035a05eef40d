"""inbound_messages: a partial index of the notices staff posted in groups themselves

A message staff post in a group that reads as a notice (「明天上午9点到11点停水检修」) is kept
with the outcome "announced", so that 「几点停水」 later is answered from it. The index holds
only those rows, by when they came, so finding a week's of them costs nothing as the table
grows.

Revision ID: 0035
Revises: 0034
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0035"
down_revision: str | None = "0034"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ANNOUNCED = sa.text("outcome = 'announced'")


def upgrade() -> None:
    op.create_index(
        "ix_inbound_messages_announced",
        "inbound_messages",
        ["received_at"],
        sqlite_where=_ANNOUNCED,
        postgresql_where=_ANNOUNCED,
    )


def downgrade() -> None:
    op.drop_index("ix_inbound_messages_announced", table_name="inbound_messages")
