"""Rounds of 走访 and 巡查: patrols

A grid worker's round of their buildings and households (「走访 3号楼2单元 入户12户 无异常」,
or 「今天走访了3号楼，没发现问题」) is kept as a record of the work, counted by 「统计 本月 走访」,
the monthly report and the exported 台账.

Revision ID: 0027
Revises: 0026
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    instant = storage.models.UTCDateTime(timezone=True)
    op.create_table(
        "patrols",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("grid_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.Integer(), nullable=False),
        sa.Column("building", sa.String(length=16), nullable=True),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("households", sa.Integer(), nullable=True),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("found", sa.Text(), nullable=False),
        sa.Column("at", instant, nullable=False),
        sa.Column("recorded_at", instant, nullable=False),
        sa.ForeignKeyConstraint(["chat_id"], ["chats.id"], name=op.f("fk_patrols_chat_id_chats")),
        sa.ForeignKeyConstraint(
            ["community_id"], ["communities.id"], name=op.f("fk_patrols_community_id_communities")
        ),
        sa.ForeignKeyConstraint(["grid_id"], ["grids.id"], name=op.f("fk_patrols_grid_id_grids")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_patrols_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrols")),
    )
    with op.batch_alter_table("patrols", schema=None) as batch_op:
        batch_op.create_index("ix_patrols_community_at", ["community_id", "at"], unique=False)
        batch_op.create_index(batch_op.f("ix_patrols_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("patrols", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patrols_person_id"))
        batch_op.drop_index("ix_patrols_community_at")
    op.drop_table("patrols")
