"""Why an issue is suspended (挂起), and when it resumes by itself when a day was said

Revision ID: 0032
Revises: 0031
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0032"
down_revision: str | None = "0031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:  # no table copy: nullable, no default
    op.add_column(
        "issues",
        sa.Column("suspended_until", storage.models.UTCDateTime(timezone=True), nullable=True),
    )
    op.add_column("issues", sa.Column("suspended_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    # In place: rebuilding issues (batch mode) would break the keys that point at it.
    op.drop_column("issues", "suspended_reason")
    op.drop_column("issues", "suspended_until")
