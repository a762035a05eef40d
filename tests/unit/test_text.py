"""Forgiving input: full-width characters and stray spaces mean the same as plain ones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.clock import VirtualClock
from bot.text import (
    clause,
    has_content,
    issue_first,
    month_day,
    normalize,
    parse_issue_number,
    surname_called,
)


def test_full_width_and_extra_spaces_are_normalised() -> None:
    assert normalize("　查看　　＃１２　") == "查看 #12"


@pytest.mark.parametrize(
    ("token", "number"), [("12", 12), ("#12", 12), ("＃１２", 12), ("②", 2), ("⑫", 12)]
)
def test_issue_numbers_in_any_width(token: str, number: int) -> None:
    assert parse_issue_number(token) == number


@pytest.mark.parametrize("token", ["", "十二", "12a", "#"])
def test_what_is_not_an_issue_number(token: str) -> None:
    assert parse_issue_number(token) is None


def test_a_circled_number_leads_like_a_number() -> None:
    """「办结 ① 已修」: lists are numbered ①②③ as often as 1 2 3; 「①号楼」 is no such list."""
    assert issue_first("① 已修好") == (1, "已修好")
    assert issue_first("⑫已修好") == (12, "已修好")
    assert issue_first("①号楼灯坏了") == (None, "")


def test_emoji_and_punctuation_have_no_content() -> None:
    assert not has_content("😡👍！！…")
    assert has_content("井盖")


def test_the_virtual_clock_moves_only_forward() -> None:
    start = datetime(2026, 11, 23, tzinfo=UTC)
    clock = VirtualClock(start)
    clock.advance(timedelta(hours=1))
    clock.set(start)
    assert clock.now() == start + timedelta(hours=1)
    with pytest.raises(ValueError, match="timezone-aware"):
        VirtualClock(datetime(2026, 11, 23))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("said", "quoted"),
    [
        ("已换灯泡。", "已换灯泡"),
        ("自己修好了！！", "自己修好了"),
        ("要业主在家吗？", "要业主在家吗"),
        ("街道说找社区…… ", "街道说找社区"),
        ("3.5", "3.5"),
        ("。", "。"),  # nothing but punctuation is kept as said
    ],
)
def test_quoted_words_lose_their_closing_punctuation(said: str, quoted: str) -> None:
    assert clause(said) == quoted


def test_a_colleague_is_called_by_their_surname() -> None:
    assert [surname_called(word) for word in ("小张", "老刘", "张网格", "小区楼", "小", "小A")] == [
        "张",
        "刘",
        None,
        None,
        None,
        None,
    ]


def test_a_day_is_said_month_and_day() -> None:
    assert [month_day(date(2026, 12, 4)), month_day(date(2027, 1, 15))] == ["12月4日", "1月15日"]
