"""point_entries: the points (积分) ledger

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "point_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("delta", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["people.id"], name=op.f("fk_point_entries_actor_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["communities.id"],
            name=op.f("fk_point_entries_community_id_communities"),
        ),
        sa.ForeignKeyConstraint(
            ["issue_id"], ["issues.id"], name=op.f("fk_point_entries_issue_id_issues")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_point_entries_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_point_entries")),
        sa.UniqueConstraint(
            "person_id",
            "issue_id",
            "reason",
            name=op.f("uq_point_entries_person_id_issue_id_reason"),
        ),
    )
    with op.batch_alter_table("point_entries", schema=None) as batch_op:
        batch_op.create_index("ix_point_entries_community_at", ["community_id", "at"], unique=False)
        batch_op.create_index(batch_op.f("ix_point_entries_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("point_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_point_entries_person_id"))
        batch_op.drop_index("ix_point_entries_community_at")
    op.drop_table("point_entries")
