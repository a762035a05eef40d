"""A reminder already sent under its old key is not sent again under its new one

Revision 0016 rewrote reminder keys into UTC, but where both spellings of one key were stored it
left both rows: the old one, already sent or cancelled, and its twin in UTC, written by the next
change to the issue and still pending. The twin would have been sent once more (补发). Each
pending reminder whose key another row, no longer pending, also spells is cancelled here.

Revision ID: 0017
Revises: 0016
"""

import importlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The key's moment in UTC, as 0016 writes it (a module name cannot be imported as written).
canonical = importlib.import_module(
    "storage.migrations.versions.0016_reminder_keys_in_utc"
).canonical


def upgrade() -> None:
    connection = op.get_bind()
    reminders = sa.table(
        "reminders",
        sa.column("id", sa.Integer),
        sa.column("key", sa.String),
        sa.column("status", sa.String),
    )
    rows = connection.execute(sa.select(reminders.c.id, reminders.c.key, reminders.c.status)).all()
    # The keys of reminders sent or cancelled under their old spelling, as spelled now.
    settled = {
        canonical(key) for _, key, status in rows if status != "pending" and canonical(key) != key
    }
    twins = [row_id for row_id, key, status in rows if status == "pending" and key in settled]
    if twins:
        connection.execute(
            reminders.update().where(reminders.c.id.in_(twins)).values(status="cancelled")
        )


def downgrade() -> None:
    """A cancelled twin stays cancelled: it would only have repeated a message already sent."""
