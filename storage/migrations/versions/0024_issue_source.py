"""Where each issue came from: issues.source (来源)

Earlier issues get what is known of them: a meeting's action item is 议事会, a private report
私信反映, any other 群内反映. How staff said their own reports came (a call, 12345, a patrol) was
not kept before; those stay 群内反映 or 私信反映 as their chat was.

Revision ID: 0024
Revises: 0023
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "issues", sa.Column("source", sa.String(length=16), nullable=False, server_default="group")
    )
    op.execute(
        "UPDATE issues SET source = CASE WHEN meeting_id IS NOT NULL THEN 'meeting'"
        " WHEN private THEN 'private' ELSE 'group' END"
    )


def downgrade() -> None:
    op.drop_column("issues", "source")
