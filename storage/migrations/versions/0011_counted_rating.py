"""issues.counted_rating: the rating the statistics count, kept on the issue

Before, /stats read every rated issue's audit trail to find the rating it counts (a low rating
that reopened an issue is cleared from `rating` but still counted): on a ledger of 1,000,000
issues, /stats 累计 took seconds. The column is filled here from the trails, as
`bot.domain.ratings` reads them; from now on each rating action keeps it current.

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.domain.ratings import RATING_ACTIONS, counted_rating, rating_after

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 5_000


def upgrade() -> None:
    op.add_column("issues", sa.Column("counted_rating", sa.Integer(), nullable=True))
    bind = op.get_bind()
    issues = sa.table(
        "issues",
        sa.column("id", sa.Integer),
        sa.column("rating", sa.Integer),
        sa.column("counted_rating", sa.Integer),
    )
    audit = sa.table(
        "audit_entries",
        sa.column("id", sa.Integer),
        sa.column("issue_id", sa.Integer),
        sa.column("action", sa.String),
        sa.column("note", sa.Text),
    )
    trail: dict[int, int | None] = {}
    entries = bind.execute(
        sa.select(audit.c.issue_id, audit.c.action, audit.c.note)
        .where(audit.c.action.in_(RATING_ACTIONS), audit.c.issue_id.is_not(None))
        .order_by(audit.c.id)
    )
    for issue_id, action, note in entries:
        trail[issue_id] = rating_after(trail.get(issue_id), action, note or "")
    rated = sa.select(issues.c.id, issues.c.rating).where(issues.c.rating.is_not(None))
    stored: dict[int, int] = {row.id: row.rating for row in bind.execute(rated)}
    counted = [
        {"issue": issue_id, "counted": counted_rating(trail.get(issue_id), stored.get(issue_id))}
        for issue_id in trail.keys() | stored.keys()
    ]
    update = (
        sa.update(issues)
        .where(issues.c.id == sa.bindparam("issue"))
        .values(counted_rating=sa.bindparam("counted"))
    )
    chosen = [row for row in counted if row["counted"] is not None]
    for first in range(0, len(chosen), _BATCH):
        bind.execute(update, chosen[first : first + _BATCH])


def downgrade() -> None:
    # Not a batch: SQLite (3.35 and later) drops a column in place, where rebuilding the
    # table would trip the foreign keys that point at issues.
    op.drop_column("issues", "counted_rating")
