"""The unit an issue was escalated to: issues.escalated_to

An escalated issue (上报, 吹哨) asks a unit, usually the street office, to help. Its contacts may
now report progress and resolve it, and their 台账 lists it; for that the unit is kept on the
issue. Until now it was only written in the trail: the latest 上报's note begins with the unit
(「街道城管办」 or 「街道城管办：需要协调」), and issues escalated before are filled from it.

Revision ID: 0018
Revises: 0017
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("issues", sa.Column("escalated_to", sa.String(64), nullable=True))
    connection = op.get_bind()
    audit = sa.table(
        "audit_entries",
        sa.column("id", sa.Integer),
        sa.column("issue_id", sa.Integer),
        sa.column("action", sa.String),
        sa.column("note", sa.Text),
    )
    issues = sa.table("issues", sa.column("id", sa.Integer), sa.column("escalated_to", sa.String))
    rows = connection.execute(
        sa.select(audit.c.issue_id, audit.c.note)
        .where(audit.c.action == "escalate", audit.c.issue_id.is_not(None))
        .order_by(audit.c.id)
    ).all()
    latest = {issue_id: note.split("：", 1)[0][:64] for issue_id, note in rows}  # the last wins
    for issue_id, unit in latest.items():
        if unit:
            connection.execute(
                issues.update().where(issues.c.id == issue_id).values(escalated_to=unit)
            )


def downgrade() -> None:
    op.drop_column("issues", "escalated_to")
