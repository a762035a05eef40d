"""The issue lifecycle (chat-protocol §3) as one table: which action moves which status where.

Handlers ask `next_status`; an illegal move raises `IllegalMove`, whose message says in one
line what the issue can do next.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from bot.domain.issues import IssueStatus

N, A, S, R, C, X, M = (
    IssueStatus.NEW,
    IssueStatus.ACCEPTED,
    IssueStatus.ASSIGNED,
    IssueStatus.RESOLVED,
    IssueStatus.CLOSED,
    IssueStatus.REJECTED,
    IssueStatus.MERGED,
)
OPEN = frozenset({N, A, S})
DONE = frozenset({IssueStatus.RESOLVED, IssueStatus.CLOSED})
"""办结 as the statistics count it: 已办结 and 已销号."""


class Action(StrEnum):
    ACCEPT = "accept"
    ASSIGN = "assign"
    PROGRESS = "progress"
    RESOLVE = "resolve"
    DECLINE = "decline"
    REJECT = "reject"
    ESCALATE = "escalate"
    MERGE = "merge"
    REOPEN = "reopen"
    RATE = "rate"
    EXTEND = "extend"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Action.ACCEPT: "受理",
    Action.ASSIGN: "派单",
    Action.PROGRESS: "进展",
    Action.RESOLVE: "办结",
    Action.DECLINE: "不归我管",
    Action.REJECT: "退回",
    Action.ESCALATE: "上报",
    Action.MERGE: "合并",
    Action.REOPEN: "重开",
    Action.RATE: "评价",
    Action.EXTEND: "延期",
}

# from-status → to-status for every action; an action missing a status is illegal there.
# 简单诉求立马办: an issue may be resolved straight from 待受理 or 已受理.
MOVES: dict[Action, dict[IssueStatus, IssueStatus]] = {
    Action.ACCEPT: {N: A, A: A},
    Action.ASSIGN: {N: S, A: S, S: S},
    Action.PROGRESS: {A: A, S: S},
    Action.RESOLVE: {N: R, A: R, S: R},
    Action.DECLINE: {S: A},
    Action.REJECT: {N: X, A: X, S: X},
    # 吹哨 takes a report up: the unit told to report progress may.
    Action.ESCALATE: {N: A, A: A, S: S},
    Action.MERGE: {N: M, A: M, S: M},
    # Reopening goes back to whoever had it; the handler picks 已受理 when nobody did.
    Action.REOPEN: {R: S, C: S, X: A},
    # A rating closes (≥ 3) or reopens (≤ 2); the handler decides which, this only allows it.
    Action.RATE: {R: C},
    # 延期: a new deadline while it is open; the status stays.
    Action.EXTEND: {N: N, A: A, S: S},
}


class IllegalMove(Exception):
    """An action the issue's status does not allow; the message is the one line to send."""

    def __init__(self, number: int, status: IssueStatus, action: Action) -> None:
        super().__init__(illegal_line(number, status, action, allowed_actions(status)))
        self.number = number
        self.status = status
        self.action = action


def illegal_line(
    number: int,
    status: IssueStatus,
    action: Action,
    possible: Sequence[Action],
    *,
    others: bool = False,
) -> str:
    """「#23 已办结，不能派单。现在可以：重开、评价。」, offering the actions `possible`."""
    then = f"现在可以：{'、'.join(a.label for a in possible)}。" if possible else ""
    if not possible and not others:
        then = "已无后续操作。"
    return f"#{number} {status.label}，不能{action.label}。{then}"


def allowed_actions(status: IssueStatus) -> list[Action]:
    return [action for action, moves in MOVES.items() if status in moves]


def next_status(number: int, status: IssueStatus, action: Action) -> IssueStatus:
    """Where `action` takes an issue in `status`, or `IllegalMove`."""
    moves = MOVES[action]
    if status not in moves:
        raise IllegalMove(number, status, action)
    return moves[status]
