"""Repeating reminders as people type them after 提醒 (「每周四18:00」), read by
bot.domain.repeats: the days, the time, and the one form the bot writes back."""

from __future__ import annotations

from datetime import date, time
from zoneinfo import ZoneInfo

import pytest

from bot.domain.calendar import WorkCalendar
from bot.domain.repeats import Every, Repeat, RepeatError, looks_repeating, parse_repeat

CALENDAR = WorkCalendar(ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("每天8:30", "每天 8:30"),
        ("天天 早上8点", "每天 8:00"),
        ("每日晚上7点半", "每天 19:30"),
        ("每天", "每天 9:00"),
        ("每周一早上", "每周一 8:00"),  # a part of the day alone: when it begins
        ("每天晚上", "每天 19:00"),
        ("工作日下午", "工作日 14:00"),
        ("工作日9点", "工作日 9:00"),
        ("每个工作日 下午两点", "工作日 14:00"),
        ("每周四18:00", "每周四 18:00"),
        ("每星期天 晚上7点", "每周日 19:00"),
        ("每礼拜六", "每周六 9:00"),
        ("每周一、三、五 下午3点", "每周一、三、五 15:00"),
        ("每周一三五9点", "每周一、三、五 9:00"),
        ("每周二和周四 9点半", "每周二、四 9:30"),
        ("每周一至周五", "每周一、二、三、四、五 9:00"),
        ("每周末", "每周六、日 9:00"),
        ("每月8号9点", "每月8号 9:00"),
        ("每个月十五日", "每月15号 9:00"),
        ("每月31号 17点", "每月最后一天 17:00"),
        ("每月底 下午5点", "每月最后一天 17:00"),
        ("每个月最后一天", "每月最后一天 9:00"),
        ("每月月末9点", "每月最后一天 9:00"),
        ("ｍｅｉ", None),
        ("每周", None),
        ("每周八", None),
        ("每周五至一", None),
        ("每小时", None),
        ("每周四1", None),  # 「每周四18:00」 cut short, or 「每周四 1号楼」: not a time
        ("每天吃药", None),
        ("明天9点", None),
        ("", None),
    ],
)
def test_a_repeat_as_people_type_it(typed: str, shown: str | None) -> None:
    rule = parse_repeat(typed)
    assert (rule.describe() if rule else None) == shown


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("每月32号", "「每月32号」不对：每月只有1到31号。"),
        ("每天25:00", "时间「25:00」不对：小时是0-23，分钟是00-59。"),
        ("每周一上午15点", "时间「上午15点」不对：上午没有15点。"),
    ],
)
def test_an_impossible_repeat_says_why_in_one_line(typed: str, reason: str) -> None:
    with pytest.raises(RepeatError) as refused:
        parse_repeat(typed)
    assert str(refused.value) == reason


@pytest.mark.parametrize(
    "rule",
    [
        Repeat(Every.DAY, time(7, 5)),
        Repeat(Every.WORKDAY, time(8, 30)),
        Repeat(Every.WEEK, time(18, 0), weekdays=(3,)),
        Repeat(Every.WEEK, time(15, 0), weekdays=(0, 2, 4, 6)),
        Repeat(Every.MONTH, time(9, 0), day=31),
    ],
)
def test_what_the_bot_writes_it_reads_back(rule: Repeat) -> None:
    assert parse_repeat(rule.describe()) == rule


def test_the_cron_fields_name_the_days_and_the_time() -> None:
    assert parse_repeat("每周二、四 9点半") == Repeat(Every.WEEK, time(9, 30), weekdays=(1, 3))
    assert Repeat(Every.WEEK, time(9, 30), weekdays=(1, 3)).cron_fields() == {
        "hour": "9",
        "minute": "30",
        "day_of_week": "tue,thu",
    }
    assert Repeat(Every.MONTH, time(9, 0), day=8).cron_fields() == {
        "hour": "9",
        "minute": "0",
        "day": "8",
    }
    assert Repeat(Every.WORKDAY, time(8, 0)).cron_fields() == {"hour": "8", "minute": "0"}


def test_which_days_a_repeat_speaks_on() -> None:
    national_day, adjusted_saturday = date(2026, 10, 1), date(2026, 10, 10)
    sunday = date(2026, 11, 29)
    assert Repeat(Every.DAY).speaks(national_day, CALENDAR, CALENDAR)
    assert not Repeat(Every.WORKDAY).speaks(national_day, CALENDAR, CALENDAR)
    assert not Repeat(Every.WORKDAY).speaks(sunday, CALENDAR, CALENDAR)
    assert Repeat(Every.WORKDAY).speaks(adjusted_saturday, CALENDAR, CALENDAR)  # 调休
    assert not Repeat(Every.WEEK, weekdays=(3,)).speaks(national_day, CALENDAR, CALENDAR)
    assert Repeat(Every.WEEK, weekdays=(6,)).speaks(sunday, CALENDAR, CALENDAR)
    assert not Repeat(Every.MONTH, day=1).speaks(national_day, CALENDAR, CALENDAR)


@pytest.mark.parametrize(
    ("typed", "repeating"),
    [("每周一9点", True), ("天天", True), ("工作日", True), ("明天9点", False), ("周四", False)],
)
def test_what_looks_like_a_repeat(typed: str, repeating: bool) -> None:
    assert looks_repeating(typed) is repeating
