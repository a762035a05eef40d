"""Stretches of days as staff type them for 统计 and 导出 (bot.domain.periods)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.periods import DaySpan, day_span, earlier, joined
from bot.text import normalize

TODAY = date(2026, 12, 5)


def span(word: str, today: date = TODAY) -> tuple[date, date | None, str] | None:
    found = day_span(normalize(word), today)
    return None if found is None else (found.first, found.last, found.label)


@pytest.mark.parametrize(
    "typed",
    [
        "11月1日到11月15日",
        "11月1日至11月15日",
        "11月1号到15号",
        "11月1日至15日",
        "11月1日-11月15日",
        "11月1日~11月15日",
        "11月1日—11月15日",
        "11.1-11.15",
        "11/1-11/15",
        "2026-11-01至2026-11-15",
        "2026-11-01-2026-11-15",
        "2026.11.1-2026.11.15",
        "2026年11月1日到2026年11月15日",
        "2026年11月1日到11月15日",
        "十一月一日到十一月十五日",
        "１１月１日～１１月１５日",  # full-width, as phones type it
        "从11月1日到11月15日",
        "11月1日到15日的",
        "11月1日至15日期间",
        "11-1至11-15",
    ],
)
def test_a_range_of_days_however_it_is_typed(typed: str) -> None:
    assert span(typed) == (date(2026, 11, 1), date(2026, 11, 15), "11月1日至11月15日")


def test_one_day_and_the_days_since_one() -> None:
    assert span("11月20日") == (date(2026, 11, 20), date(2026, 11, 20), "11月20日")
    assert span("11月20号") == span("11.20") == span("2026-11-20") == span("11月20日")
    since = (date(2026, 11, 20), None, "11月20日以来")
    assert span("11月20日以来") == span("11月20日至今") == span("11月20号起") == since
    assert span("11月20日到现在") == span("11月20日到今天") == since


def test_months_from_one_to_another() -> None:
    assert span("9月到11月") == (date(2026, 9, 1), date(2026, 11, 30), "9月至11月")
    assert span("9-11月") == span("9月至11月份") == span("9月到11月")
    assert span("2月到3月") == (date(2026, 2, 1), date(2026, 3, 31), "2月至3月")
    assert span("2025年12月至2026年2月") == (
        date(2025, 12, 1),
        date(2026, 2, 28),
        "2025年12月至2026年2月",
    )


def test_a_date_without_a_year_is_never_still_to_come() -> None:
    # Asked on 5 December 2026: 12月20日 is last year's; the span that crosses the new year
    # runs from the December gone into January.
    assert span("12月20日") == (date(2025, 12, 20), date(2025, 12, 20), "2025年12月20日")
    crossing = (date(2025, 12, 20), date(2026, 1, 19), "2025年12月20日至2026年1月19日")
    assert span("12月20日到1月19日") == crossing
    january = date(2027, 1, 25)  # in January, the December just gone
    assert span("12月20日到1月19日", january) == (
        date(2026, 12, 20),
        date(2027, 1, 19),
        "2026年12月20日至2027年1月19日",
    )
    assert span("12月到1月", january) == (
        date(2026, 12, 1),
        date(2027, 1, 31),
        "2026年12月至2027年1月",
    )
    # A span that has begun may end after today: this month's to its end.
    assert span("12月1日到12月31日") == (date(2026, 12, 1), date(2026, 12, 31), "12月1日至12月31日")


def test_a_range_typed_back_to_front_is_turned_round() -> None:
    assert span("11月15日到11月1日") == span("11月1日到11月15日")
    assert span("11月15日至1日") == span("11月1日到11月15日")


@pytest.mark.parametrize(
    "word",
    ["11月31日", "2月30日到3月1日", "13月1日", "11月1日到11月32日", "2026-13-01至2026-13-05"],
)
def test_a_day_that_does_not_exist_is_no_span(word: str) -> None:
    assert span(word) is None


@pytest.mark.parametrize(
    "word",
    ["本月", "11月", "2026-11", "2026年11月", "今年", "网格3", "3号楼", "15日", "20号", "", "到"],
)
def test_other_words_are_left_to_other_readings(word: str) -> None:
    assert span(word) is None


def test_a_span_typed_with_spaces_is_one_word() -> None:
    assert joined("11月1日 到 11月15日 网格3") == "11月1日到11月15日 网格3"
    assert joined("11月1日 - 15日 图") == "11月1日-15日 图"
    assert joined("11月20日 以来 3号楼") == "11月20日以来 3号楼"
    assert joined("上月 网格3 排水") == "上月 网格3 排水"  # nothing to join
    assert joined("网格3 到 网格5") == "网格3 到 网格5"
    assert joined("网格3 到 5号楼") == "网格3 到 5号楼"


def test_the_span_is_a_value() -> None:
    assert day_span("11月20日", TODAY) == DaySpan(
        date(2026, 11, 20), date(2026, 11, 20), "11月20日"
    )


SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 5, 7, 50, tzinfo=SH)  # a Saturday


def before(
    since: tuple[int, int, int], until: tuple[int, int, int] | None, *, year: bool = False
) -> tuple[str, str, str]:
    found = earlier(
        datetime(*since, tzinfo=SH),
        datetime(*until, tzinfo=SH) if until else None,
        NOW,
        year_on_year=year,
    )
    return (f"{found.since:%Y-%m-%d %H:%M}", f"{found.until:%Y-%m-%d %H:%M}", found.label)


def test_the_period_before_a_whole_one() -> None:
    assert before((2026, 11, 1), (2026, 12, 1)) == ("2026-10-01 00:00", "2026-11-01 00:00", "10月")
    assert before((2026, 7, 1), (2026, 10, 1)) == (
        "2026-04-01 00:00",
        "2026-07-01 00:00",
        "4月1日至6月30日",
    )
    assert before((2025, 1, 1), (2026, 1, 1)) == ("2024-01-01 00:00", "2025-01-01 00:00", "2024年")
    assert before((2026, 11, 1), (2026, 11, 16)) == (
        "2026-10-17 00:00",
        "2026-11-01 00:00",
        "10月17日至10月31日",
    )
    assert before((2026, 11, 1), (2026, 12, 1), year=True) == (
        "2025-11-01 00:00",
        "2025-12-01 00:00",
        "2025年11月",
    )
    # A month's last day that the month before has not: that month's last.
    assert before((2026, 3, 31), (2026, 4, 1)) == (
        "2026-03-30 00:00",
        "2026-03-31 00:00",
        "3月30日",
    )


def test_a_period_still_running_against_the_same_days_before() -> None:
    assert before((2026, 12, 1), (2027, 1, 1)) == (
        "2026-11-01 00:00",
        "2026-11-05 07:50",
        "上月同期",
    )
    assert before((2026, 1, 1), (2027, 1, 1)) == (
        "2025-01-01 00:00",
        "2025-12-05 07:50",
        "去年同期",
    )
    assert before((2026, 12, 1), (2027, 1, 1), year=True)[2] == "去年同期"
    assert before((2026, 10, 1), (2027, 1, 1)) == (
        "2026-07-01 00:00",
        "2026-09-05 07:50",
        "上季度同期",
    )
    assert before((2026, 11, 30), None) == ("2026-11-23 00:00", "2026-11-28 07:50", "上周同期")
    assert before((2026, 12, 5), None) == ("2026-12-04 00:00", "2026-12-04 07:50", "昨天同期")
    assert before((2026, 11, 6), None) == (  # 近30天
        "2026-10-07 00:00",
        "2026-11-05 07:50",
        "10月7日至11月5日",
    )


def test_the_clocks_utc_now_is_read_in_the_periods_own_days() -> None:
    # 07:50 in Shanghai is 23:50 the day before in UTC, as the running clock gives it.
    utc = NOW.astimezone(ZoneInfo("UTC"))
    for since, until in (
        ((2026, 12, 5), None),
        ((2026, 11, 30), None),
        ((2026, 12, 1), (2027, 1, 1)),
    ):
        start = datetime(*since, tzinfo=SH)
        end = datetime(*until, tzinfo=SH) if until else None
        assert earlier(start, end, utc, year_on_year=False) == earlier(
            start, end, NOW, year_on_year=False
        )
    today = earlier(datetime(2026, 12, 5, tzinfo=SH), None, utc, year_on_year=False)
    assert (today.label, f"{today.since:%m-%d %H:%M}") == ("昨天同期", "12-04 00:00")
