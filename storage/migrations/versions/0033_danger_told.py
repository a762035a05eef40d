"""chats.danger_told_at: when a residents' group was last told where to call in danger

An untagged message telling of danger (「楼道里有煤气味」) is answered with the emergency
numbers at most once per chat in 10 minutes, apart from the 「回复 #立案」 suggestion's own
limit (`suggested_at`), so that a suggestion made a minute before never silences it.

Revision ID: 0033
Revises: 0032
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0033"
down_revision: str | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:  # no table copy: nullable, no default
    op.add_column(
        "chats",
        sa.Column("danger_told_at", storage.models.UTCDateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    # In place: rebuilding chats (batch mode) would break the keys that point at it.
    op.drop_column("chats", "danger_told_at")
