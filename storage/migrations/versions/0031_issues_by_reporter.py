"""index for large ledgers: issues by reporter

Each private message and each tagged report looks for the sender's own reports (a detail of the
one just made, an emergency told more of, 「我反映的事情怎么样了」); without it that read goes
through every issue (docs/performance.md).

Revision ID: 0031
Revises: 0030
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_issues_reporter", "issues", ["reporter_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_issues_reporter", table_name="issues")
