"""Counting polls and votes (chat-protocol §6): pure rules, unit-tested on their own.

A time poll may take several answers per person and picks the most-chosen time; a tie is for
the secretary to decide. A decision vote takes one answer per person (or per household under
每户一票, where the household's latest ballot counts), and passes when the leading option has
more than half (过半) or at least two thirds (三分之二) of the votes cast, with enough turnout
when a quorum is set.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

MAJORITY, TWO_THIRDS = "majority", "two_thirds"
RULE_LABELS = {MAJORITY: "过半", TWO_THIRDS: "三分之二"}
RULE_WORDS = {"过半": MAJORITY, "半数": MAJORITY, "三分之二": TWO_THIRDS, "2/3": TWO_THIRDS}
WITHDRAW_WORDS = ("撤回", "取消", "撤销")
"""What takes one's ballot back: 「M3 撤回」."""
_BALLOT = re.compile(r"^[Mm]\s*\d+\s*[:,]?\s*(?:\d|" + "|".join(WITHDRAW_WORDS) + ")")


def is_ballot(text: str) -> bool:
    """「M3 1」「M3 1,2」「M3:2」「M3 撤回」: someone answering a poll or a vote, or taking their
    answer back (`text` normalised)."""
    return _BALLOT.match(text) is not None


@dataclass(frozen=True)
class Cast:
    """One person's latest ballot."""

    person_id: int
    choices: tuple[int, ...]
    cast_at: datetime
    household: str | None = None


@dataclass(frozen=True)
class Tally:
    counts: dict[int, int]  # option position → votes, every option present
    voters: int  # ballots that counted
    leaders: tuple[int, ...]  # the option(s) with most votes (several: a tie)

    @property
    def winner(self) -> int | None:
        return self.leaders[0] if len(self.leaders) == 1 else None


def tally(casts: Sequence[Cast], options: int, *, per_household: bool = False) -> Tally:
    """Count the ballots: every choice of every counted ballot is one vote for that option."""
    counted = _one_per_household(casts) if per_household else list(casts)
    counts = dict.fromkeys(range(1, options + 1), 0)
    for cast in counted:
        for choice in set(cast.choices):
            if choice in counts:
                counts[choice] += 1
    top = max(counts.values(), default=0)
    leaders = tuple(p for p, n in counts.items() if n == top and top > 0)
    return Tally(counts, len(counted), leaders)


def shared_homes(casts: Sequence[Cast]) -> int:
    """How many homes more than one person voted for (每户一票: the latest counts)."""
    voters: dict[str, set[int]] = {}
    for cast in casts:
        if cast.household:
            voters.setdefault(cast.household, set()).add(cast.person_id)
    return sum(1 for people in voters.values() if len(people) > 1)


def _one_per_household(casts: Sequence[Cast]) -> list[Cast]:
    latest: dict[str, Cast] = {}
    for cast in sorted(casts, key=lambda c: c.cast_at):
        if cast.household:  # under 每户一票 a ballot without a home does not count
            latest[cast.household] = cast
    return list(latest.values())


@dataclass(frozen=True)
class Decision:
    tally: Tally
    passed: bool
    reason: str  # why not, in Chinese, when it did not pass ("" when it did)


def decide(
    casts: Sequence[Cast],
    options: int,
    *,
    rule: str = MAJORITY,
    quorum: int | None = None,
    per_household: bool = False,
) -> Decision:
    """The result of a decision vote under its rule and quorum."""
    result = tally(casts, options, per_household=per_household)
    if quorum is not None and result.voters < quorum:
        return Decision(result, False, f"参与{result.voters}票，未达到{quorum}票的最低要求")
    if not result.leaders:
        return Decision(result, False, "无人投票")
    if result.winner is None:  # nothing can have more than half, let alone two thirds
        return Decision(result, False, "平票" if rule == MAJORITY else "平票，未达到三分之二")
    votes = result.counts[result.winner]
    share = Fraction(votes, result.voters)
    passed = share > Fraction(1, 2) if rule == MAJORITY else share >= Fraction(2, 3)
    # Counted against every ballot cast, abstentions included: say so.
    why = f"未达到{RULE_LABELS[rule]}：最多{votes}票，共{result.voters}票"
    return Decision(result, passed, "" if passed else why)


def parse_choices(text: str, options: int, *, several: bool) -> tuple[int, ...] | None:
    """`1`, `1,2`, `1，2`, `1、2`, `1 2` → (1, 2); None when out of range or several not allowed."""
    parts = [
        p for p in text.replace("，", ",").replace("、", ",").replace(" ", ",").split(",") if p
    ]
    # isdecimal, not isdigit: int() refuses "፩" and digit runs past 4300 characters.
    if not parts or not all(p.isdecimal() and len(p) <= 9 for p in parts):
        return None
    chosen = tuple(dict.fromkeys(int(p) for p in parts))
    if any(not 1 <= c <= options for c in chosen) or (len(chosen) > 1 and not several):
        return None
    return chosen
