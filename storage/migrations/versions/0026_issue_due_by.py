"""The time limit a work order set: issues.due_by (办理时限)

受理 and 派单 keep an issue's deadline by it. Earlier issues had none kept: their deadlines
stay as they were set.

Revision ID: 0026
Revises: 0025
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "issues", sa.Column("due_by", storage.models.UTCDateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("issues", "due_by")
