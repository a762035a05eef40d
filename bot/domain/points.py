"""Points (积分, chat-protocol §8): the rules, pure.

What earns what is config (`points:`; defaults +5 a report accepted, +2 confirming a duplicate
of an open issue, +3 a verification photo of a resolution; a rejected report earns nothing).
Every award is made once per (person, issue, reason): repeating the same report, or reporting
the same duplicate again, earns nothing more. A report rejected after it was accepted gives its
points back (reason `rejected`). A balance is the sum of a person's changes in one community.

The weekly leaderboard (「本周积分榜」) ranks what people *earned* in a week: redemptions are
spending, not a lower score, so they do not count there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

REPORT = "report"  # the reporter, when their report is accepted (受理)
DUPLICATE = "duplicate"  # another person whose report matched an open issue
PHOTO = "photo"  # the reporter or a follower sends a photo of the resolved issue
REJECTED = "rejected"  # a report rejected after it earned points: they are taken back
REDEEM = "redeem"  # the secretary exchanges points for something (兑换)
WITHDRAWN = "withdrawn"  # a duplicate the reporter said was new (「新建」): taken back

# Reasons that count for the weekly leaderboard: earning, and earnings taken back.
EARNING = frozenset({REPORT, DUPLICATE, PHOTO, REJECTED, WITHDRAWN})
LEADERBOARD_SIZE = 10
RECENT_CHANGES = 5
MAX_REDEEM = 100_000

_AMOUNT = re.compile(r"^(\d{1,6})\s*分?$")


def parse_amount(word: str) -> int | None:
    """「5」 or 「5分」 → 5; zero, negatives, and anything else → None."""
    match = _AMOUNT.match(word.strip())
    if match is None:
        return None
    amount = int(match[1])
    return amount if 0 < amount <= MAX_REDEEM else None


def week_start(now: datetime, tz: ZoneInfo) -> datetime:
    """Monday 00:00 (local) of the week `now` falls in."""
    local = now.astimezone(tz).date()
    monday = local - timedelta(days=local.weekday())
    return datetime.combine(monday, time(0, 0), tzinfo=tz)


def previous_week(now: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[Monday 00:00, next Monday 00:00) of the week before the one `now` falls in: what the
    Monday leaderboard reports on (also when a Monday holiday moves it to Tuesday)."""
    end = week_start(now, tz)
    return end - timedelta(days=7), end


def ranking(
    totals: Iterable[tuple[int, int]], size: int = LEADERBOARD_SIZE
) -> list[tuple[int, int]]:
    """(person id, points) with points above zero, most first (ties: who was known first),
    at most `size` of them."""
    earned = [(person, points) for person, points in totals if points > 0]
    return sorted(earned, key=lambda pair: (-pair[1], pair[0]))[:size]
