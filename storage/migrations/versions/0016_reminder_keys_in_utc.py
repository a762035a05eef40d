"""Reminder keys name their moment in UTC

A reminder's key ends with the moment it is about (an issue's deadline, the day it was resolved,
a meeting's time). Keys were written with the moment as the code held it: in Asia/Shanghai when
it had just been set, in UTC when it had been read back from the database. The same reminder
then had two keys, and one already sent was sent again, marked 补发, after the next change to
its issue. Keys are now always written in UTC (`handlers.schedule.stamp`); this rewrites the
keys already stored. Where both spellings of one key exist, the older row keeps its spelling:
it is the one that was sent or cancelled, and the newer one is left to the scheduler.

Revision ID: 0016
Revises: 0015
"""

import re
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:\d{2})$")


def canonical(key: str) -> str:
    """The key with its trailing moment written in UTC (unchanged if it has none)."""
    found = _MOMENT.search(key)
    if found is None:
        return key
    moment = datetime.fromisoformat(found[0]).astimezone(UTC)
    return key[: found.start()] + moment.isoformat()


def upgrade() -> None:
    connection = op.get_bind()
    reminders = sa.table("reminders", sa.column("id", sa.Integer), sa.column("key", sa.String))
    rows = connection.execute(sa.select(reminders.c.id, reminders.c.key).order_by("id")).all()
    taken = {key for _, key in rows}
    for row_id, key in rows:
        wanted = canonical(key)
        if wanted == key or wanted in taken:
            continue
        connection.execute(reminders.update().where(reminders.c.id == row_id).values(key=wanted))
        taken.discard(key)
        taken.add(wanted)


def downgrade() -> None:
    """Keys in UTC are valid keys for the code before this revision too: nothing to undo."""
