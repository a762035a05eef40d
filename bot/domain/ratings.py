"""满意度: which rating an issue counts as in the statistics.

A rating of 3 or more closes the issue and stays on it (`Issue.rating`). A low one (1 or 2)
reopens it and the issue forgets it, but the statistics still count it: the trail keeps it as
the reopening's note (`评价2分 …`). The latest verdict counts until the issue is resolved again
(a new round, to be rated anew) or reopened for another reason. `Issue.counted_rating` holds the
result, brought up to date by each rating action as it is recorded (`rating_after`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SATISFIED_FROM = 3
"""A rating of 3 (基本满意) or more counts as satisfied (满意率 = rated ≥ 3 / rated)."""

RATING_ACTIONS = ("rate", "reopen", "resolve")
"""The audit actions that set or clear the rating the statistics count."""

_RATED = re.compile(r"^([1-5])分")
_LOW_RATED = re.compile(r"^评价([1-5])分")


def rating_after(rating: int | None, action: str, note: str) -> int | None:
    """The counted rating after one audit entry (action, note), from `rating` before it."""
    if action == "rate":
        rated = _RATED.match(note)
        return int(rated[1]) if rated else rating
    if action == "reopen":
        low = _LOW_RATED.match(note)
        return int(low[1]) if low else None
    if action == "resolve":
        return None
    return rating


def effective_rating(history: Iterable[tuple[str, str]]) -> int | None:
    """The rating an issue's trail (action, note), oldest first, leaves it counted at."""
    rating: int | None = None
    for action, note in history:
        rating = rating_after(rating, action, note)
    return rating


def counted_rating(trail: int | None, stored: int | None) -> int | None:
    """What the statistics count: the trail's verdict, else the rating the issue holds (an
    issue rated without a trail, as an imported one may be)."""
    return stored if trail is None else trail
