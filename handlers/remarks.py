"""备注 — a note on an issue for whoever works on it (「备注 1 业主白天不在家，约周六上门」):
kept in its record, read by staff and its holders in a private chat or a work group, never
told its reporter or shown in a residents' group.

The ledger's 备注 column, as the secretary kept it in Excel, without a message to anyone.
"""

from __future__ import annotations

from bot.domain.issues import Role
from bot.domain.permissions import AT_WORK
from bot.text import shorten
from handlers import texts
from handlers.base import Context, Outcome, record, reply_to
from handlers.ledger import find_issue, for_each_issue, required
from storage.models import AuditEntry

NOTE = "note"  # its audit entry


def note(ctx: Context, args: str) -> Outcome:
    """备注 N 内容 — kept on the issue's record for those at work; nobody is told (备注 1、2
    内容: each)."""
    if (each := for_each_issue(ctx, args, note)) is not None:
        return each
    issue, rest = find_issue(ctx, args, NOTE)
    words = required(rest, "备注", f"备注 {issue.number} 业主白天不在家，约周六上门")
    record(ctx, issue, NOTE, words)
    said = texts.NOTE_KEPT.format(number=issue.number, words=shorten(words, 40))
    return Outcome([reply_to(ctx, said)], "command", issue.id)


def shown_to(entry: AuditEntry, role: Role, chat_kind: str) -> bool:
    """Whether an issue's record shows `entry` to someone of `role` in a chat of `chat_kind`
    (a web page is one person's, as a private chat): a 备注 only to those at work, privately or
    in a work group (a residents' group reads every 查看 asked there)."""
    return entry.action != NOTE or (role in AT_WORK and chat_kind in ("private", "work"))
