"""Photos of a round of 走访: attachments.patrol_id

A grid worker's photos of a round (sent with 「走访 …」, just after it, or just before) are kept
with it as the record of the work, and fetched into the media folder as an issue's are. An
attachment now belongs to an issue or to a round: issue_id may be empty.

Revision ID: 0028
Revises: 0027
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("patrol_id", sa.Integer(), nullable=True))
        batch_op.alter_column("issue_id", existing_type=sa.Integer(), nullable=True)
        batch_op.create_foreign_key(
            batch_op.f("fk_attachments_patrol_id_patrols"), "patrols", ["patrol_id"], ["id"]
        )
        batch_op.create_index(batch_op.f("ix_attachments_patrol_id"), ["patrol_id"], unique=False)


def downgrade() -> None:
    op.execute("DELETE FROM attachments WHERE issue_id IS NULL")
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachments_patrol_id"))
        batch_op.drop_constraint(batch_op.f("fk_attachments_patrol_id_patrols"), type_="foreignkey")
        batch_op.alter_column("issue_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("patrol_id")
