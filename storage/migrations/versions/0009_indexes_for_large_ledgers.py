"""indexes for large ledgers: issues by community and filing time (/stats, the monthly report)

Without it a period's issues are found by reading every issue of the community: on a ledger of
1,000,000 issues, /stats 本月 spent most of its time there (docs/performance.md).

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_issues_community_created", "issues", ["community_id", "created_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_issues_community_created", table_name="issues")
