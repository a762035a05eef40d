"""attachments.chat_id, file, fetch_tries: a copy of each photo kept by the bot

A photo's `ref` is the platform's id for it, which only the bot account that received it can
use, and which WeChat lets expire after a few days. The bot now fetches each photo once into
its media folder (`media.dir`) and records the copy's name in `file`; `chat_id` says which
chat (platform and account) the photo came in, and `fetch_tries` counts failed fetches.

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD/DROP COLUMN, as in 0012: a batch rebuild trips the foreign keys.
    if op.get_bind().dialect.name == "sqlite":  # SQLite takes a reference only inline
        op.execute("ALTER TABLE attachments ADD COLUMN chat_id INTEGER REFERENCES chats (id)")
    else:
        op.add_column("attachments", sa.Column("chat_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_attachments_chat_id_chats", "attachments", "chats", ["chat_id"], ["id"]
        )
    op.add_column("attachments", sa.Column("file", sa.String(128), nullable=True))
    op.add_column(
        "attachments",
        sa.Column("fetch_tries", sa.Integer(), nullable=False, server_default="0"),
    )
    # Rows kept so far: the chat is the best guess (a report's photos came there; a
    # verification photo came from a chat of the same bot). A wrong guess fails to fetch.
    op.execute(
        "UPDATE attachments SET chat_id = "
        "(SELECT issues.chat_id FROM issues WHERE issues.id = attachments.issue_id)"
    )


def downgrade() -> None:
    op.drop_column("attachments", "fetch_tries")
    op.drop_column("attachments", "file")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint("fk_attachments_chat_id_chats", "attachments", type_="foreignkey")
        op.drop_column("attachments", "chat_id")
        return
    # Rebuilt by a later migration (0028), the table holds the reference as a table
    # constraint, which SQLite's DROP COLUMN refuses: a batch rebuild drops both.
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_column("chat_id")
