"""Working days in China (chat-protocol §3): what a secretary sees when a deadline is counted.

The holiday dates below are the ones the installed chinesecalendar package gives (checked
against it, and matching the State Council notice for 2026): 春节 2月15日–23日 off with
2月14日 (Sat) and 2月28日 (Sat) worked; 中秋 9月25日–27日 off; 国庆 10月1日–7日 off with
9月20日 (Sun) and 10月10日 (Sat) worked; 元旦 1月1日–3日 off with 1月4日 (Sun) worked.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar  # type: ignore[import-untyped]
import pytest

from bot.domain.calendar import END_OF_DAY, UnknownYear, WorkCalendar

TZ = ZoneInfo("Asia/Shanghai")
CALENDAR = WorkCalendar(TZ)
# The first year the installed package does not know (2027 with chinesecalendar 1.11.0). Tests
# about unknown years use it rather than a literal, so upgrading the package does not break them.
UNKNOWN = CALENDAR.years().stop
LAST_KNOWN = UNKNOWN - 1


def first_in_january(year: int, weekday: int) -> date:
    """The first Monday (0) … Sunday (6) of a year: unknown years are not hard-coded here."""
    new_years_day = date(year, 1, 1)
    return new_years_day + timedelta(days=(weekday - new_years_day.weekday()) % 7)


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


# --- what the package covers -----------------------------------------------------------------


def test_the_years_come_from_the_package() -> None:
    package_years = {day.year for day in chinese_calendar.holidays}
    assert CALENDAR.years() == range(min(package_years), max(package_years) + 1)
    assert 2026 in CALENDAR.years()  # the holiday tests below need it


def test_every_known_day_agrees_with_the_package() -> None:
    day = date(CALENDAR.years().start, 1, 1)
    while day.year < UNKNOWN:
        assert CALENDAR.is_workday(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


# --- holidays and adjusted working days ------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [date(2026, 2, 15), date(2026, 2, 16), date(2026, 2, 20), date(2026, 2, 23)],
    ids=["春节 Sun 2-15", "春节 Mon 2-16", "春节 Fri 2-20", "春节 last day Mon 2-23"],
)
def test_spring_festival_days_are_off(day: date) -> None:
    assert not CALENDAR.is_workday(day)


@pytest.mark.parametrize(
    "day",
    [date(2026, 2, 14), date(2026, 2, 28), date(2026, 9, 20), date(2026, 10, 10), date(2026, 1, 4)],
    ids=["Sat 2-14", "Sat 2-28", "Sun 9-20", "Sat 10-10", "Sun 1-4"],
)
def test_adjusted_weekend_days_are_working_days(day: date) -> None:
    assert day.weekday() >= 5
    assert CALENDAR.is_workday(day)


def test_national_day_week_is_off() -> None:
    golden_week = [date(2026, 10, d) for d in range(1, 8)]
    assert [CALENDAR.is_workday(day) for day in golden_week] == [False] * 7
    assert CALENDAR.is_workday(date(2026, 10, 8))


def test_a_plain_weekend_is_skipped() -> None:
    friday = date(2026, 11, 27)
    assert not CALENDAR.is_workday(date(2026, 11, 28))
    assert not CALENDAR.is_workday(date(2026, 11, 29))
    assert CALENDAR.add_working_days(friday, 1) == date(2026, 11, 30)


def test_one_working_day_before_spring_festival_is_the_adjusted_saturday() -> None:
    friday_before = date(2026, 2, 13)
    assert CALENDAR.add_working_days(friday_before, 1) == date(2026, 2, 14)
    # After the Saturday shift, the whole holiday (2-15 … 2-23) is skipped.
    assert CALENDAR.add_working_days(friday_before, 2) == date(2026, 2, 24)


def test_working_days_across_national_day() -> None:
    last_day_before = date(2026, 9, 30)
    assert CALENDAR.add_working_days(last_day_before, 1) == date(2026, 10, 8)
    # 10-8 Thu, 10-9 Fri, then 10-10 is an adjusted working Saturday.
    assert CALENDAR.add_working_days(last_day_before, 3) == date(2026, 10, 10)


def test_mid_autumn_and_the_adjusted_sunday_before_it() -> None:
    assert CALENDAR.add_working_days(date(2026, 9, 19), 1) == date(2026, 9, 20)  # Sat → Sun 9-20
    assert CALENDAR.add_working_days(date(2026, 9, 24), 1) == date(2026, 9, 28)  # 中秋 9-25…27


def test_new_year_2026_is_skipped() -> None:
    assert CALENDAR.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 4)


def test_zero_working_days_is_the_day_itself_or_the_next_workday() -> None:
    assert CALENDAR.add_working_days(date(2026, 11, 23), 0) == date(2026, 11, 23)  # Monday
    assert CALENDAR.add_working_days(date(2026, 11, 28), 0) == date(2026, 11, 30)  # Sat → Mon
    assert CALENDAR.add_working_days(date(2026, 2, 14), 0) == date(2026, 2, 14)  # adjusted Sat
    assert CALENDAR.add_working_days(date(2026, 10, 1), 0) == date(2026, 10, 8)  # 国庆
    with pytest.raises(ValueError, match=">= 0"):
        CALENDAR.add_working_days(date(2026, 11, 23), -1)


# --- deadlines -------------------------------------------------------------------------------


def test_deadline_after_ends_at_end_of_office_hours() -> None:
    deadline = CALENDAR.deadline_after(at(2026, 11, 23, 10), 3)
    assert deadline == at(2026, 11, 26, 18)
    assert deadline.time() == END_OF_DAY
    assert deadline.tzinfo is not None


def test_deadline_after_on_a_friday_evening_is_monday_evening() -> None:
    assert CALENDAR.deadline_after(at(2026, 11, 27, 20, 30), 1) == at(2026, 11, 30, 18)
    # Friday morning gives the same: only the date counts, not the hour.
    assert CALENDAR.deadline_after(at(2026, 11, 27, 9), 1) == at(2026, 11, 30, 18)


def test_deadline_after_uses_the_local_date_not_utc() -> None:
    # 17:30 UTC on Friday is already 01:30 on Saturday in Shanghai.
    late_friday_utc = datetime(2026, 11, 27, 17, 30, tzinfo=UTC)
    assert CALENDAR.deadline_after(late_friday_utc, 1) == at(2026, 11, 30, 18)
    assert CALENDAR.deadline_after(late_friday_utc, 0) == at(2026, 11, 30, 18)


def test_deadline_after_across_national_day() -> None:
    assert CALENDAR.deadline_after(at(2026, 9, 30, 15), 1) == at(2026, 10, 8, 18)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        CALENDAR.deadline_after(datetime(2026, 11, 23, 10), 1)  # noqa: DTZ001


# --- counting working days between two instants ----------------------------------------------


def test_working_days_between() -> None:
    friday, monday = at(2026, 11, 27, 17), at(2026, 11, 30, 9)
    assert CALENDAR.working_days_between(friday, monday) == 1
    assert CALENDAR.working_days_between(monday, friday) == -1
    assert CALENDAR.working_days_between(monday, at(2026, 11, 30, 18)) == 0
    assert CALENDAR.working_days_between(at(2026, 9, 30), at(2026, 10, 8)) == 1
    assert CALENDAR.working_days_between(at(2026, 2, 13), at(2026, 2, 24)) == 2
    assert CALENDAR.working_days_between(at(2026, 11, 23), at(2026, 12, 7)) == 10


# --- years nobody knows ----------------------------------------------------------------------


def test_a_count_into_an_unknown_year_names_the_year() -> None:
    december_30 = date(LAST_KNOWN, 12, 30)
    with pytest.raises(UnknownYear) as raised:
        CALENDAR.add_working_days(december_30, 3)
    assert raised.value.year == UNKNOWN
    message = str(raised.value)
    assert f"{UNKNOWN}年" in message
    assert "chinesecalendar" in message
    assert "\n" not in message


def test_an_unknown_day_is_not_guessed() -> None:
    assert not CALENDAR.covers(date(UNKNOWN, 1, 4))
    with pytest.raises(UnknownYear):
        CALENDAR.is_workday(date(UNKNOWN, 1, 4))
    with pytest.raises(UnknownYear):
        CALENDAR.working_days_between(at(LAST_KNOWN, 12, 30), at(UNKNOWN, 1, 8))


def test_the_unknown_year_message_a_secretary_reads() -> None:
    assert str(UnknownYear(2027)) == (
        "2027年的法定节假日安排还未收录：请升级 chinesecalendar，或在配置 calendar 中补充。"
    )


# --- config ----------------------------------------------------------------------------------


def test_config_overrides_the_package() -> None:
    local_day_off = date(2026, 11, 30)  # a Monday
    extra_saturday = date(2026, 11, 28)
    holiday_worked = date(2026, 10, 5)  # inside 国庆
    calendar = WorkCalendar(TZ, days_off=[local_day_off], workdays=[extra_saturday, holiday_worked])
    assert not calendar.is_workday(local_day_off)
    assert calendar.is_workday(extra_saturday)
    assert calendar.is_workday(holiday_worked)
    assert calendar.add_working_days(date(2026, 11, 27), 2) == date(2026, 12, 1)


def test_config_can_fill_in_a_year_the_package_does_not_know() -> None:
    new_year = [date(UNKNOWN, 1, 1)]
    calendar = WorkCalendar(TZ, days_off=new_year)
    assert calendar.covers(date(UNKNOWN, 6, 1))
    assert not calendar.is_workday(date(UNKNOWN, 1, 1))
    # Other days of that year follow the plain week.
    assert calendar.is_workday(first_in_january(UNKNOWN, 0) + timedelta(days=7))  # a Monday
    assert not calendar.is_workday(first_in_january(UNKNOWN, 6) + timedelta(days=7))  # a Sunday
    # And a count across New Year now works.
    assert calendar.add_working_days(date(LAST_KNOWN, 12, 30), 3) > date(UNKNOWN, 1, 1)
    # A year after it is still unknown.
    with pytest.raises(UnknownYear):
        calendar.is_workday(date(UNKNOWN + 1, 3, 1))


def test_a_date_both_off_and_worked_in_config_is_refused() -> None:
    day = date(2026, 11, 30)
    with pytest.raises(ValueError, match="2026-11-30"):
        WorkCalendar(TZ, days_off=[day], workdays=[day])


# --- the opt-in fallback ---------------------------------------------------------------------


def test_weekend_fallback_only_when_opted_in_and_never_claims_to_know() -> None:
    calendar = WorkCalendar(TZ, weekends_for_unknown_years=True)
    new_years_day = date(UNKNOWN, 1, 1)
    saturday = first_in_january(UNKNOWN, 5)
    # A guess: Monday–Friday work, so even 元旦 counts as a working day if it is a weekday.
    assert calendar.is_workday(new_years_day) == (new_years_day.weekday() < 5)
    assert not calendar.is_workday(saturday)
    assert not calendar.covers(new_years_day)
    # Known years still use the package, fallback or not.
    assert calendar.covers(date(2026, 10, 1))
    assert not calendar.is_workday(date(2026, 10, 1))
    assert calendar.add_working_days(date(LAST_KNOWN, 12, 30), 3) > date(LAST_KNOWN, 12, 31)


def test_december_warns_when_next_years_holidays_are_missing() -> None:
    assert CALENDAR.year_ahead_unknown(date(LAST_KNOWN, 12, 1)) == UNKNOWN
    assert CALENDAR.year_ahead_unknown(date(LAST_KNOWN, 11, 30)) is None  # not yet
    assert CALENDAR.year_ahead_unknown(date(LAST_KNOWN - 1, 12, 1)) is None  # the package knows
    filled_in = WorkCalendar(TZ, days_off=[date(UNKNOWN, 1, 1)])
    assert filled_in.year_ahead_unknown(date(LAST_KNOWN, 12, 1)) is None
    guessing = WorkCalendar(TZ, weekends_for_unknown_years=True)
    assert guessing.year_ahead_unknown(date(LAST_KNOWN, 12, 1)) is None
