"""回头看 answers: issues.lookback_asked_at

A month after a dispute closes, its reporter is asked whether the problem came back. The answer
(「没有」, 「又出现了」) is now read: while the question waits, the issue notes when it was asked.
Questions sent before the upgrade are filled from the reminders that sent them; those asked
within the last week (handlers.ledger.LOOKBACK_ANSWER_DAYS) still take their answer.

Revision ID: 0020
Revises: 0019
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    instant = storage.models.UTCDateTime(timezone=True)
    op.add_column("issues", sa.Column("lookback_asked_at", instant, nullable=True))
    reminders = sa.table(
        "reminders",
        sa.column("issue_id", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("status", sa.String),
        sa.column("sent_at", instant),
    )
    issues = sa.table(
        "issues",
        sa.column("id", sa.Integer),
        sa.column("status", sa.String),
        sa.column("lookback_asked_at", instant),
    )
    connection = op.get_bind()
    asked = connection.execute(
        sa.select(reminders.c.issue_id, sa.func.max(reminders.c.sent_at))
        .where(
            reminders.c.kind == "lookback",
            reminders.c.status == "sent",
            reminders.c.sent_at.is_not(None),
            reminders.c.issue_id.is_not(None),
        )
        .group_by(reminders.c.issue_id)
    ).all()
    for issue_id, at in asked:
        connection.execute(
            issues.update()
            .where(issues.c.id == issue_id, issues.c.status == "closed")
            .values(lookback_asked_at=at)
        )


def downgrade() -> None:
    op.drop_column("issues", "lookback_asked_at")
