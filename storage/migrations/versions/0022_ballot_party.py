"""How many come with an attendance: ballots.party

「我和老伴都去」「我们家两个人参加」 put one person on a meeting's attendee list for two seats:
the secretary counts heads (chairs, a room) from the sum. Every earlier ballot is one person.

Revision ID: 0022
Revises: 0021
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ballots") as batch:
        batch.add_column(sa.Column("party", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("ballots") as batch:
        batch.drop_column("party")
