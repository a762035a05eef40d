"""The points rules (chat-protocol §8), pure."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.config import PointsSettings
from bot.domain.points import (
    parse_amount,
    previous_week,
    ranking,
    week_start,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_the_default_rules_follow_the_spec() -> None:
    defaults = PointsSettings()
    assert (defaults.report, defaults.duplicate, defaults.photo) == (5, 2, 3)
    awards = {name for name, value in defaults.model_dump().items() if isinstance(value, int)}
    assert awards == {"report", "duplicate", "photo"}  # rejected: nothing
    assert defaults.exchange == ""  # where points are exchanged: the community says


def test_amounts_are_positive_whole_points() -> None:
    assert parse_amount("5") == 5
    assert parse_amount("12分") == 12
    for bad in ("0", "-3", "五", "1.5", "", "9999999"):
        assert parse_amount(bad) is None


def test_weeks_start_on_monday_in_shanghai() -> None:
    sunday_night = datetime(2026, 11, 29, 23, 30, tzinfo=SHANGHAI)
    assert week_start(sunday_night, SHANGHAI) == datetime(2026, 11, 23, tzinfo=SHANGHAI)
    tuesday = datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)
    assert previous_week(tuesday, SHANGHAI) == (
        datetime(2026, 11, 23, tzinfo=SHANGHAI),
        datetime(2026, 11, 30, tzinfo=SHANGHAI),
    )


def test_the_ranking_keeps_earners_only_most_first_at_most_ten() -> None:
    totals = [(3, 2), (1, 8), (2, 8), (4, 0), (5, -5)] + [(10 + n, 1) for n in range(10)]
    ranked = ranking(totals)
    assert ranked[:3] == [(1, 8), (2, 8), (3, 2)]
    assert len(ranked) == 10 and all(points > 0 for _, points in ranked)
