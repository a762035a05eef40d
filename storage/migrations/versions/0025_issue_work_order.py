"""The work order an issue came as: issues.work_order (工单号)

A 12345 or street-platform work order is filed once: the same number again finds its issue.
Earlier issues get the number their words hold after 工单 (「12345工单2026112200123：…」).

Revision ID: 0025
Revises: 0024
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.domain.sources import work_order_of

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("issues", sa.Column("work_order", sa.String(length=40), nullable=True))
    op.create_index(
        "ix_issues_community_work_order", "issues", ["community_id", "work_order"], unique=False
    )
    connection = op.get_bind()
    issues = sa.table(
        "issues",
        sa.column("id", sa.Integer),
        sa.column("description", sa.Text),
        sa.column("work_order", sa.String),
    )
    said = connection.execute(
        sa.select(issues.c.id, issues.c.description).where(issues.c.description.contains("工单"))
    ).all()
    for issue_id, description in said:
        order = work_order_of(unicodedata.normalize("NFKC", description))
        if order is not None:
            connection.execute(
                issues.update().where(issues.c.id == issue_id).values(work_order=order)
            )


def downgrade() -> None:
    op.drop_index("ix_issues_community_work_order", table_name="issues")
    op.drop_column("issues", "work_order")
