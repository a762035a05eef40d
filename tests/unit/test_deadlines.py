"""Deadlines as workers type them after 派单, and the three colours (chat-protocol §3).

Most cases are seen from Monday 2026-11-23 10:00 in Shanghai (the 幸福里 test week), some from
the Friday of that week. A date without a time means 18:00, the end of office hours.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.calendar import UnknownYear, WorkCalendar
from bot.domain.deadlines import (
    ACCEPTED_FORMS,
    Colour,
    DeadlineError,
    PastDeadline,
    colour,
    due_window,
    format_deadline,
    month_named,
    names_a_day,
    parse_deadline,
    soon_said,
)

TZ = ZoneInfo("Asia/Shanghai")
CALENDAR = WorkCalendar(TZ)
LAST_KNOWN = max(CALENDAR.years())  # 2026 with chinesecalendar 1.11.0


def at(year: int, month: int, day: int, hour: int = 18, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


MONDAY = at(2026, 11, 23, 10)
FRIDAY = at(2026, 11, 27, 10)


def parse(text: str, now: datetime = MONDAY) -> datetime:
    return parse_deadline(text, now, CALENDAR)


# --- every accepted form, seen on Monday 11-23 10:00 -----------------------------------------


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        # days: working days, as every deadline (chat-protocol §3)
        ("3天", at(2026, 11, 26)),
        ("三天", at(2026, 11, 26)),
        ("10天", at(2026, 12, 7)),  # two weekends skipped
        ("十天", at(2026, 12, 7)),
        ("两天", at(2026, 11, 25)),
        ("一天", at(2026, 11, 24)),
        ("二十一天", at(2026, 12, 22)),
        ("3天内", at(2026, 11, 26)),
        # working days (no holiday this week: the same as calendar days until the weekend)
        ("3个工作日", at(2026, 11, 26)),
        ("三个工作日", at(2026, 11, 26)),
        ("3工作日", at(2026, 11, 26)),
        ("5个工作日", at(2026, 11, 30)),  # skips Sat 11-28 and Sun 11-29
        ("3个工作日内", at(2026, 11, 26)),
        # relative days
        ("今天", at(2026, 11, 23)),
        ("明天", at(2026, 11, 24)),
        ("后天", at(2026, 11, 25)),
        # weekdays: the nearest one ahead
        ("周五", at(2026, 11, 27)),
        ("星期五", at(2026, 11, 27)),
        ("礼拜五", at(2026, 11, 27)),
        ("周日", at(2026, 11, 29)),
        ("周天", at(2026, 11, 29)),
        ("星期天", at(2026, 11, 29)),
        ("周一", at(2026, 11, 23)),  # today still counts before 18:00
        ("周五前", at(2026, 11, 27)),
        # next week (weeks start on Monday)
        ("下周三", at(2026, 12, 2)),
        ("下星期三", at(2026, 12, 2)),
        ("下个礼拜三", at(2026, 12, 2)),
        ("下周一", at(2026, 11, 30)),
        ("下下周三", at(2026, 12, 9)),
        # month and day, this year
        ("12月1日", at(2026, 12, 1)),
        ("12月1号", at(2026, 12, 1)),
        ("十二月一日", at(2026, 12, 1)),
        ("12-01", at(2026, 12, 1)),
        ("12/1", at(2026, 12, 1)),
        ("11月23日", at(2026, 11, 23)),  # today, still before 18:00
        # full dates
        ("2026-12-01", at(2026, 12, 1)),
        ("2026/12/01", at(2026, 12, 1)),
        ("2026年12月1日", at(2026, 12, 1)),
        ("2027-01-15", at(2027, 1, 15)),
        # a date with a time of day
        ("12-01 18:00", at(2026, 12, 1, 18)),
        ("12月1日 14:30", at(2026, 12, 1, 14, 30)),
        ("12月1日14:30", at(2026, 12, 1, 14, 30)),
        ("明天 9:00", at(2026, 11, 24, 9)),
        ("明天9:00", at(2026, 11, 24, 9)),
        ("周五 16:00", at(2026, 11, 27, 16)),
        ("2026-12-01 09:30", at(2026, 12, 1, 9, 30)),
        ("明天9点", at(2026, 11, 24, 9)),
        ("明天下午3点", at(2026, 11, 24, 15)),
        ("明天下午三点半", at(2026, 11, 24, 15, 30)),
        ("周五上午10点", at(2026, 11, 27, 10)),
        ("周五晚上8点", at(2026, 11, 27, 20)),
        ("下午3点", at(2026, 11, 23, 15)),  # a time alone is today
        # a week or a month: by its last working day
        ("下周", at(2026, 12, 4)),
        ("本周内", at(2026, 11, 27)),
        ("月底", at(2026, 11, 30)),
        ("下个月底", at(2026, 12, 31)),
        ("12月底", at(2026, 12, 31)),  # a month named: its end, this year's or the next
        ("十二月底前", at(2026, 12, 31)),
        ("11月底", at(2026, 11, 30)),
        # weeks and months from today, on the calendar
        ("两周", at(2026, 12, 7)),
        ("1个星期内", at(2026, 11, 30)),
        ("半个月", at(2026, 12, 8)),
        ("两个月", at(2027, 1, 23)),
        # a part of the day: by its end
        ("明天下午", at(2026, 11, 24, 18)),
        ("明天上午", at(2026, 11, 24, 12)),
        ("周五上午前", at(2026, 11, 27, 12)),
        ("明早", at(2026, 11, 24, 9)),
        ("今晚", at(2026, 11, 23, 21)),
        ("明晚8点", at(2026, 11, 24, 20)),
        ("今天下班前", at(2026, 11, 23, 18)),
        ("下班之前", at(2026, 11, 23, 18)),
        ("明天下班前", at(2026, 11, 24, 18)),
        # what is to be done by then, said after it
        ("周五前修好", at(2026, 11, 27)),
        ("3天内处理完", at(2026, 11, 26)),
        ("明天下午要办好", at(2026, 11, 24, 18)),
        ("下周一之前必须解决", at(2026, 11, 30)),
        ("明天必须清完", at(2026, 11, 24)),
        ("周五前填平", at(2026, 11, 27)),
        ("明天前处理", at(2026, 11, 24)),
        ("周五之前落实一下", at(2026, 11, 27)),
        ("今天之内清理", at(2026, 11, 23)),
        ("今天内", at(2026, 11, 23)),
        ("本周内打扫", at(2026, 11, 27)),
        ("周五以内维修", at(2026, 11, 27)),
        # the word for a deadline before it
        ("限两天", at(2026, 11, 25)),
        ("限期3天", at(2026, 11, 26)),
        ("期限周五", at(2026, 11, 27)),
        ("时限：明天", at(2026, 11, 24)),
        # day of the month
        ("15号", at(2026, 12, 15)),  # 11-15 has passed
        ("二十五号", at(2026, 11, 25)),
    ],
)
def test_deadline_forms_seen_on_monday(text: str, deadline: datetime) -> None:
    assert parse(text) == deadline


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("３个工作日", at(2026, 11, 26)),
        ("１２－０１　１８：００", at(2026, 12, 1, 18)),
        ("周五　１６：００", at(2026, 11, 27, 16)),
        ("２０２６／１２／０１", at(2026, 12, 1)),
        (" 3 个 工作日 ", at(2026, 11, 26)),
        ("12 月 1 日", at(2026, 12, 1)),
        ("明天 下午 3 点", at(2026, 11, 24, 15)),
    ],
)
def test_full_width_characters_and_spaces_are_forgiven(text: str, deadline: datetime) -> None:
    assert parse(text) == deadline


def test_the_result_is_aware_and_in_the_community_time_zone() -> None:
    deadline = parse("明天", datetime(2026, 11, 23, 2, 0, tzinfo=UTC))
    assert deadline.tzinfo == TZ
    assert deadline == at(2026, 11, 24)


# --- seen on Friday 11-27 10:00 --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("3天", at(2026, 12, 2)),  # days are working days: Mon, Tue, Wed
        ("3个工作日", at(2026, 12, 2)),  # working days do not: Mon, Tue, Wed
        ("1个工作日", at(2026, 11, 30)),
        ("明天", at(2026, 11, 28)),  # a Saturday is allowed when asked for
        ("周五", at(2026, 11, 27)),  # today, still before 18:00
        ("周一", at(2026, 11, 30)),
        ("下周三", at(2026, 12, 2)),
        ("周日", at(2026, 11, 29)),
    ],
)
def test_deadline_forms_seen_on_friday(text: str, deadline: datetime) -> None:
    assert parse(text, FRIDAY) == deadline


# --- today counts only while its deadline is ahead -------------------------------------------


def test_the_weekday_of_today_rolls_to_next_week_after_office_hours() -> None:
    friday_evening = at(2026, 11, 27, 18, 30)
    assert parse("周五", friday_evening) == at(2026, 12, 4)
    # At 18:00 sharp the day is over too: a deadline must be strictly in the future.
    assert parse("周五", at(2026, 11, 27, 18, 0)) == at(2026, 12, 4)


def test_a_weekday_with_a_time_rolls_over_once_that_time_has_passed() -> None:
    assert parse("周五 16:00", at(2026, 11, 27, 15)) == at(2026, 11, 27, 16)
    assert parse("周五 16:00", at(2026, 11, 27, 17)) == at(2026, 12, 4, 16)


@pytest.mark.parametrize(
    ("text", "now"),
    [
        ("今天", at(2026, 11, 23, 18, 30)),
        ("今天", at(2026, 11, 23, 18, 0)),
        ("今天 9:00", MONDAY),
        ("9:00", MONDAY),
        ("2026-11-20", MONDAY),
        ("2026-11-23 09:00", MONDAY),
        ("本周一", at(2026, 11, 24, 10)),  # this week's Monday, seen on Tuesday
    ],
)
def test_a_deadline_already_past_is_refused(text: str, now: datetime) -> None:
    with pytest.raises(DeadlineError) as raised:
        parse(text, now)
    message = str(raised.value)
    assert message.startswith("期限已经过去了")
    assert "\n" not in message


def test_the_past_message_says_when_it_was() -> None:
    with pytest.raises(DeadlineError, match="「今天」是11月23日 18:00"):
        parse("今天", at(2026, 11, 23, 19))
    # Another year's is said with its year (it read as this year's 1月1日).
    with pytest.raises(DeadlineError, match="「2025年1月1日」是2025年1月1日 18:00"):
        parse("2025年1月1日", at(2026, 11, 23, 19))


# --- next year -------------------------------------------------------------------------------


def test_a_month_and_day_long_past_means_next_year_and_a_recent_one_is_a_slip() -> None:
    late_december = at(2026, 12, 28, 10)
    assert parse("1月5日", late_december) == at(2027, 1, 5)
    assert parse("6-01 18:00", late_december) == at(2027, 6, 1, 18)
    # Gone by this month, or on the day itself after 18:00: a slip, said so, not a year on.
    for typed, now in (("12月1日", late_december), ("12-01 18:00", late_december)):
        with pytest.raises(PastDeadline, match="期限已经过去了"):
            parse(typed, now)
    with pytest.raises(PastDeadline, match="期限已经过去了"):
        parse("12月1日", at(2026, 12, 1, 19))


def test_calendar_days_into_an_unknown_year_need_no_holiday_data() -> None:
    december_30 = at(LAST_KNOWN, 12, 30, 10)
    on_the_calendar = parse_deadline("3天", december_30, CALENDAR, calendar_days=True)
    assert on_the_calendar == at(LAST_KNOWN + 1, 1, 2)
    assert parse("下周三", december_30).year == LAST_KNOWN + 1


def test_a_part_of_the_day_is_its_start_for_a_reminder_and_its_end_for_a_deadline() -> None:
    for typed, start, end in (("明天上午", 9, 12), ("明天下午", 14, 18), ("周五晚上", 19, 21)):
        assert parse_deadline(typed, MONDAY, CALENDAR, calendar_days=True).hour == start
        assert parse(typed).hour == end


def test_what_is_to_be_done_is_no_deadline_alone_nor_part_of_a_reminders_time() -> None:
    for typed in ("修好", "3天前修好", "限", "限期"):
        with pytest.raises(DeadlineError):
            parse(typed)
    with pytest.raises(DeadlineError):  # a reminder's words after its time are its text
        parse_deadline("周五前修好", MONDAY, CALENDAR, calendar_days=True)


def test_a_week_for_a_reminder_is_its_monday_and_a_month_end_skips_days_off() -> None:
    reminder = parse_deadline("下周", MONDAY, CALENDAR, calendar_days=True)
    assert reminder.date() == at(2026, 11, 30).date()
    # May 2026 ends on a Sunday: its last working day is Friday the 29th.
    assert parse("月底", at(2026, 5, 11, 10)) == at(2026, 5, 29)


def test_calendar_days_go_up_to_a_year_and_working_days_up_to_a_years_worth() -> None:
    """「提醒 300天后」 is within a year on the calendar; 300 working days are not."""
    assert parse_deadline("300天", MONDAY, CALENDAR, calendar_days=True) == at(2027, 9, 19)
    with pytest.raises(DeadlineError, match="太远了"):
        parse("300天")
    with pytest.raises(DeadlineError, match="太远了"):
        parse_deadline("367天", MONDAY, CALENDAR, calendar_days=True)


def test_working_days_into_an_unknown_year_raise_unknown_year() -> None:
    december_30 = at(LAST_KNOWN, 12, 30, 10)
    with pytest.raises(UnknownYear) as raised:
        parse("3个工作日", december_30)
    assert raised.value.year == LAST_KNOWN + 1
    assert f"{LAST_KNOWN + 1}年" in str(raised.value)


def test_working_days_skip_national_day_and_count_the_adjusted_saturday() -> None:
    september_30 = at(2026, 9, 30, 10)
    assert parse("1个工作日", september_30) == at(2026, 10, 8)
    assert parse("3个工作日", september_30) == at(2026, 10, 10)  # Sat 10-10 is worked
    assert parse("3天", september_30) == at(2026, 10, 10)  # 「3天」 is 3 working days
    # For a reminder or a meeting, days on the calendar, holidays or not.
    assert parse_deadline("3天", september_30, CALENDAR, calendar_days=True) == at(2026, 10, 3)


def test_working_days_skip_spring_festival() -> None:
    assert parse("2个工作日", at(2026, 2, 13, 10)) == at(2026, 2, 24)


# --- refused -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "下下下周八",
        "周八",
        "13月40日",
        "2月30日",
        "2026-02-30",
        "0天",
        "0个工作日",
        "-3天",
        "3天前",  # three days ago
        "",
        "   ",
        "25:00",
        "明天 25:00",
        "12:60",
        "上午15点",
        "尽快",
        "asap",
        "3",
        "1000天",
        "2062-12-01",  # a typo, more than a year away
    ],
)
def test_nonsense_is_refused_with_the_forms_listed(text: str) -> None:
    with pytest.raises(DeadlineError) as raised:
        parse(text)
    message = str(raised.value)
    assert message.endswith(f"可以写：{ACCEPTED_FORMS}")
    assert "\n" not in message


def test_the_nonsense_message_quotes_what_was_typed() -> None:
    with pytest.raises(DeadlineError) as raised:
        parse("下下下周八")
    assert str(raised.value) == (
        "看不懂期限「下下下周八」。"
        "可以写：3天、3个工作日、2小时、明天、周五、下周三、12月1日、2026-12-01、12-01 18:00"
    )


def test_a_naive_now_is_a_programming_error_not_a_chat_error() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        parse_deadline("明天", datetime(2026, 11, 23, 10), CALENDAR)  # noqa: DTZ001


# --- colours -----------------------------------------------------------------------------------


def test_no_deadline_is_green() -> None:
    assert colour(None, MONDAY, CALENDAR) is Colour.GREEN


def test_overdue_is_red_only_after_the_deadline() -> None:
    deadline = at(2026, 11, 23, 18)
    assert colour(deadline, at(2026, 11, 23, 18, 1), CALENDAR) is Colour.RED
    assert colour(deadline, deadline, CALENDAR) is Colour.YELLOW  # due now, not yet over


def test_due_today_or_by_the_next_working_day_is_yellow() -> None:
    assert colour(at(2026, 11, 23, 18), MONDAY, CALENDAR) is Colour.YELLOW
    assert colour(at(2026, 11, 24, 18), MONDAY, CALENDAR) is Colour.YELLOW
    assert colour(at(2026, 11, 24, 18, 1), MONDAY, CALENDAR) is Colour.GREEN
    assert colour(at(2026, 11, 25, 18), MONDAY, CALENDAR) is Colour.GREEN


def test_over_a_weekend_monday_is_the_next_working_day() -> None:
    # Seen on Friday morning, Monday 18:00 is one working day away: 🟡.
    assert colour(at(2026, 11, 30, 18), FRIDAY, CALENDAR) is Colour.YELLOW
    assert colour(at(2026, 12, 1, 18), FRIDAY, CALENDAR) is Colour.GREEN


def test_over_national_day_the_first_day_back_is_yellow() -> None:
    september_30 = at(2026, 9, 30, 10)
    assert colour(at(2026, 10, 8, 18), september_30, CALENDAR) is Colour.YELLOW
    assert colour(at(2026, 10, 9, 18), september_30, CALENDAR) is Colour.GREEN


def test_colour_on_new_years_eve_before_next_year_is_known() -> None:
    new_years_eve = at(LAST_KNOWN, 12, 31, 10)
    # Due by tomorrow evening is 🟡 whatever the holidays: the calendar is not needed.
    assert colour(at(LAST_KNOWN + 1, 1, 1, 12), new_years_eve, CALENDAR) is Colour.YELLOW
    # Later than that, the answer depends on next year's holidays, so it is not guessed.
    with pytest.raises(UnknownYear):
        colour(at(LAST_KNOWN + 1, 1, 8), new_years_eve, CALENDAR)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("红", Colour.RED),
        ("红色", Colour.RED),
        ("🔴", Colour.RED),
        ("red", Colour.RED),
        ("RED", Colour.RED),
        ("超期", Colour.RED),
        ("黄", Colour.YELLOW),
        ("黄色", Colour.YELLOW),
        ("🟡", Colour.YELLOW),
        ("yellow", Colour.YELLOW),
        ("临期", Colour.YELLOW),
        ("绿", Colour.GREEN),
        ("绿色", Colour.GREEN),
        ("🟢", Colour.GREEN),
        ("green", Colour.GREEN),
        (" 红 ", Colour.RED),
        ("ｒｅｄ", Colour.RED),
        ("蓝", None),
        ("网格3", None),
        ("", None),
    ],
)
def test_colour_words(word: str, expected: Colour | None) -> None:
    assert Colour.from_word(word) is expected


def test_colour_emoji_and_labels() -> None:
    assert [(c.emoji, c.label, str(c)) for c in Colour] == [
        ("🟢", "绿", "green"),
        ("🟡", "黄", "yellow"),
        ("🔴", "红", "red"),
    ]


# --- formatting --------------------------------------------------------------------------------


def test_format_a_date_only_deadline_without_the_time() -> None:
    assert format_deadline(at(2026, 12, 3), TZ) == "12月3日"


def test_format_a_deadline_with_its_time() -> None:
    assert format_deadline(at(2026, 12, 3, 14), TZ) == "12月3日 14:00"
    assert format_deadline(at(2026, 12, 3, 9, 30), TZ) == "12月3日 9:30"


def test_format_converts_to_local_time() -> None:
    assert format_deadline(datetime(2026, 12, 3, 10, 0, tzinfo=UTC), TZ) == "12月3日"


def test_format_names_the_year_only_when_it_is_not_this_year() -> None:
    assert format_deadline(at(2027, 1, 5), TZ, now=at(2026, 12, 28, 10)) == "2027年1月5日"
    assert format_deadline(at(2026, 12, 30), TZ, now=at(2026, 12, 28, 10)) == "12月30日"
    assert format_deadline(at(2027, 1, 5, 9), TZ, now=MONDAY) == "2027年1月5日 9:00"


@pytest.mark.parametrize(
    "deadline",
    [
        at(2026, 12, 3),
        at(2026, 12, 3, 14),
        at(2026, 12, 3, 9, 30),
        at(2027, 1, 5),
        at(2027, 3, 1, 8),
    ],
)
def test_what_is_shown_reads_back_as_the_same_deadline(deadline: datetime) -> None:
    shown = format_deadline(deadline, TZ, now=MONDAY)
    assert parse(shown) == deadline


def test_an_urgent_deadline_in_hours_counts_from_now() -> None:
    assert parse("2小时") == MONDAY + timedelta(hours=2)
    assert parse("两个小时内") == MONDAY + timedelta(hours=2)
    with pytest.raises(DeadlineError, match="1到72小时"):
        parse("100小时")


@pytest.mark.parametrize(
    ("word", "first", "days", "label"),
    [
        ("今天到期", (11, 29), 1, "今天到期"),
        ("今日到期", (11, 29), 1, "今天到期"),
        ("明天到期", (11, 30), 1, "明天到期"),
        ("后天到期", (12, 1), 1, "后天到期"),
        ("昨日到期", (11, 28), 1, "昨天到期"),
        # On a Sunday, this week is the one ending today; next week starts tomorrow.
        ("本周到期", (11, 23), 7, "本周到期"),
        ("这周到期", (11, 23), 7, "本周到期"),
        ("下周到期", (11, 30), 7, "下周到期"),
    ],
)
def test_the_days_a_deadline_is_due_in(
    word: str, first: tuple[int, int], days: int, label: str
) -> None:
    window = due_window(word, at(2026, 11, 29, 23, 30), TZ)  # a Sunday night
    assert window is not None
    assert window.label == label
    assert window.since == datetime(2026, *first, tzinfo=TZ)
    assert window.until == window.since + timedelta(days=days)


@pytest.mark.parametrize("word", ["今天", "到期", "上周到期", "红"])
def test_other_words_are_no_days_due(word: str) -> None:
    assert due_window(word, at(2026, 11, 29), TZ) is None


@pytest.mark.parametrize(
    ("said", "soon"),
    [
        ("尽快处理", True),
        ("马上去修一下", True),
        ("抓紧", True),
        ("请尽快解决好", True),
        ("尽快周五前", False),  # a day said: it is the deadline
        ("明天", False),
        ("处理", False),
    ],
)
def test_soon_without_a_day_leaves_the_deadline_to_the_level(said: str, soon: bool) -> None:
    assert soon_said(said) is soon


WEEKDAYS_AHEAD = WorkCalendar(TZ, weekends_for_unknown_years=True)  # as `weekday_calendar`


@pytest.mark.parametrize(
    ("text", "now", "deadline"),
    [
        # by the last working day before the festival's first day off
        ("元旦前", MONDAY, at(2026, 12, 31)),
        ("国庆节前", at(2026, 9, 1, 10), at(2026, 9, 30)),
        ("五一前修好", at(2026, 4, 1, 10), at(2026, 4, 30)),
        ("端午前", at(2026, 6, 1, 10), at(2026, 6, 18)),  # 19 June 2026, a Friday
        ("中秋节之前", at(2026, 9, 1, 10), at(2026, 9, 24)),
        # 春节's days off begin on 除夕 (5 February 2027): 「年前」 is the same
        ("春节前", MONDAY, at(2027, 2, 4)),
        ("年前", MONDAY, at(2027, 2, 4)),
        ("过年前要办好", MONDAY, at(2027, 2, 4)),
        # gone by this year: next year's
        ("国庆前", MONDAY, at(2027, 9, 30)),
        # the year's end
        ("年底", MONDAY, at(2026, 12, 31)),
        ("年内", MONDAY, at(2026, 12, 31)),
        ("今年年底前", MONDAY, at(2026, 12, 31)),
    ],
)
def test_a_festival_or_the_years_end_is_a_deadline(
    text: str, now: datetime, deadline: datetime
) -> None:
    assert parse_deadline(text, now, WEEKDAYS_AHEAD) == deadline


def test_a_festival_for_a_reminder_is_the_day_before_it() -> None:
    reminder = parse_deadline("春节前", MONDAY, CALENDAR, calendar_days=True)
    assert reminder.date() == at(2027, 2, 4).date()  # 除夕 is 5 February


@pytest.mark.parametrize("text", ["昨天", "前天下午", "昨天之前"])
def test_yesterday_is_said_to_be_past(text: str) -> None:
    with pytest.raises(PastDeadline, match="期限已经过去了"):
        parse(text)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("10点", False),
        ("下午2点", False),
        ("18:30", False),
        ("周五10点", True),
        ("明早9点", True),
        ("今晚7点", True),
        ("12月5日", True),
        ("3天后", True),
        ("每天8:00", True),
    ],
)
def test_a_time_said_names_its_day_or_only_its_hour(typed: str, day: bool) -> None:
    # 「把明天的提醒改到10点」「议事会改到下午2点」 keep the day they had.
    assert names_a_day(typed) is day


@pytest.mark.parametrize(
    ("said", "today", "first"),
    [
        ("3月", date(2026, 11, 23), date(2027, 3, 1)),
        ("三月份", date(2026, 11, 23), date(2027, 3, 1)),
        ("明年3月", date(2026, 2, 10), date(2027, 3, 1)),
        ("3月初", date(2026, 2, 10), date(2026, 3, 1)),
        ("下个月", date(2026, 12, 6), date(2027, 1, 1)),
        ("下月初", date(2026, 1, 31), date(2026, 2, 1)),
        ("11月", date(2026, 11, 23), date(2027, 11, 1)),  # this month's first day is gone
    ],
)
def test_a_month_named_alone_is_its_first_day_to_come(said: str, today: date, first: date) -> None:
    assert month_named(said, today) == first


@pytest.mark.parametrize("said", ["3月1日", "13月", "月底", "3个月", "开春", ""])
def test_other_words_name_no_month(said: str) -> None:
    assert month_named(said, date(2026, 11, 23)) is None
