"""The lifecycle table (chat-protocol §3): legal moves, and the one line for illegal ones."""

from __future__ import annotations

import pytest

from bot.domain.issues import IssueStatus as St
from bot.domain.lifecycle import Action, IllegalMove, allowed_actions, next_status


@pytest.mark.parametrize(
    ("status", "action", "after"),
    [
        (St.NEW, Action.ACCEPT, St.ACCEPTED),
        (St.ACCEPTED, Action.ASSIGN, St.ASSIGNED),
        (St.NEW, Action.ASSIGN, St.ASSIGNED),
        (St.ASSIGNED, Action.ASSIGN, St.ASSIGNED),
        (St.ASSIGNED, Action.RESOLVE, St.RESOLVED),
        (St.NEW, Action.RESOLVE, St.RESOLVED),
        (St.ASSIGNED, Action.DECLINE, St.ACCEPTED),
        (St.RESOLVED, Action.RATE, St.CLOSED),
        (St.RESOLVED, Action.REOPEN, St.ASSIGNED),
        (St.CLOSED, Action.REOPEN, St.ASSIGNED),
        (St.REJECTED, Action.REOPEN, St.ACCEPTED),
        (St.ACCEPTED, Action.MERGE, St.MERGED),
        (St.ASSIGNED, Action.REJECT, St.REJECTED),
    ],
)
def test_legal_moves(status: St, action: Action, after: St) -> None:
    assert next_status(7, status, action) is after


def test_an_illegal_move_says_what_is_allowed_next() -> None:
    with pytest.raises(IllegalMove) as caught:
        next_status(23, St.RESOLVED, Action.ASSIGN)
    assert str(caught.value) == "#23 已办结，不能派单。现在可以：重开、评价。"


def test_a_merged_issue_is_finished() -> None:
    assert allowed_actions(St.MERGED) == []
    with pytest.raises(IllegalMove, match="#5 已合并，不能重开。已无后续操作。"):
        next_status(5, St.MERGED, Action.REOPEN)


def test_only_handlers_holding_an_issue_can_decline_it() -> None:
    for status in (St.NEW, St.ACCEPTED, St.RESOLVED):
        with pytest.raises(IllegalMove):
            next_status(1, status, Action.DECLINE)
