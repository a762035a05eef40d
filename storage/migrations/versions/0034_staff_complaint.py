"""issues.staff_complaint: a private report complaining of a staff member's conduct

Such a report (「我要投诉张网格，态度很差」) is for the secretary: its words are not shown to
other staff or in groups. Earlier issues stay as they were (false).

Revision ID: 0034
Revises: 0033
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0034"
down_revision: str | None = "0033"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN: rebuilding issues (batch mode) would break the keys that point at it.
    op.add_column(
        "issues",
        sa.Column("staff_complaint", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.drop_column("issues", "staff_complaint")
