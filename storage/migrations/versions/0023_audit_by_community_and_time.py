"""index for a period's work: audit entries by community and time (「统计 本月 人员」)

What each member of staff did in a period is counted from the audit trail; without this index
a month's entries are found by reading every entry of every community.

Revision ID: 0023
Revises: 0022
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_audit_entries_community_at", "audit_entries", ["community_id", "at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_audit_entries_community_at", table_name="audit_entries")
