"""Photos sent before the words: waiting_photos

WeChat sends a photo as a message of its own, and people often send it first, then
「#报事 3号楼门口井盖坏了」 or 「办结 1 已更换」. A photo that comes with nothing to attach it to
now waits a moment for its sender's next words instead of being dropped. The chat notes until
when one may be waiting (chats.photos_wait_until), so that a report looks only then.

Revision ID: 0019
Revises: 0018
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    instant = storage.models.UTCDateTime(timezone=True)
    op.add_column("chats", sa.Column("photos_wait_until", instant, nullable=True))
    op.create_table(
        "waiting_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref", sa.String(length=512), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("at", instant, nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chats.id"], name=op.f("fk_waiting_photos_chat_id_chats")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_waiting_photos_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waiting_photos")),
    )
    with op.batch_alter_table("waiting_photos", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_waiting_photos_at"), ["at"], unique=False)
        batch_op.create_index(
            "ix_waiting_photos_sender", ["chat_id", "person_id", "at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("waiting_photos", schema=None) as batch_op:
        batch_op.drop_index("ix_waiting_photos_sender")
        batch_op.drop_index(batch_op.f("ix_waiting_photos_at"))
    op.drop_table("waiting_photos")
    op.drop_column("chats", "photos_wait_until")
