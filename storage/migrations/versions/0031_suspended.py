"""An issue's clock stopped (挂起): since when, and the deadline it had

Revision ID: 0031
Revises: 0030
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for name in ("suspended_at", "suspended_deadline"):  # no table copy: nullable, no default
        op.add_column(
            "issues", sa.Column(name, storage.models.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    # In place: rebuilding issues (batch mode) would break the keys that point at it.
    op.drop_column("issues", "suspended_deadline")
    op.drop_column("issues", "suspended_at")
