"""A community's 办事指南: guide_answers, guide_asks

Questions residents ask again and again (「物业费多少钱一平」「装修几点可以开始」) are answered
at once from the answers config.yaml gives and staff add in chat (「指南 添加 …」); each answer
given is counted (guide_asks), with the issue filed when the asker wanted a person after all.

Revision ID: 0029
Revises: 0028
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "guide_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("ask", sa.String(length=400), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=True),
        sa.Column("added_at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by"], ["people.id"], name=op.f("fk_guide_answers_added_by_people")
        ),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["communities.id"],
            name=op.f("fk_guide_answers_community_id_communities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guide_answers")),
    )
    with op.batch_alter_table("guide_answers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_guide_answers_community_id"), ["community_id"], unique=False
        )

    op.create_table(
        "guide_asks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.Integer(), nullable=False),
        sa.Column("keys", sa.String(length=400), nullable=False),
        sa.Column("asked_at", storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("filed_issue_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["communities.id"],
            name=op.f("fk_guide_asks_community_id_communities"),
        ),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chats.id"], name=op.f("fk_guide_asks_chat_id_chats")
        ),
        sa.ForeignKeyConstraint(
            ["filed_issue_id"], ["issues.id"], name=op.f("fk_guide_asks_filed_issue_id_issues")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_guide_asks_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guide_asks")),
    )
    with op.batch_alter_table("guide_asks", schema=None) as batch_op:
        batch_op.create_index("ix_guide_asks_community_at", ["community_id", "asked_at"])
        batch_op.create_index("ix_guide_asks_chat_at", ["chat_id", "asked_at"])


def downgrade() -> None:
    with op.batch_alter_table("guide_asks", schema=None) as batch_op:
        batch_op.drop_index("ix_guide_asks_chat_at")
        batch_op.drop_index("ix_guide_asks_community_at")
    op.drop_table("guide_asks")
    with op.batch_alter_table("guide_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guide_answers_community_id"))
    op.drop_table("guide_answers")
