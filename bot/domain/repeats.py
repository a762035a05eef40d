"""Reminders that repeat, as people type them: 「每天8:30」, 「工作日9点」, 「每周四18:00」,
「每周一、三、五 下午3点」, 「每周一至周五」, 「每月8号9点」, 「每月底」.

`parse_repeat` reads one into a `Repeat`; `Repeat.describe` writes it back in the one form the
bot shows and stores (「每周一、三、五 15:00」), which `parse_repeat` reads again. A day without
a time means 9:00, as a one-off reminder's does.

Pure: the calendar is passed in; nothing here reads the clock or builds a scheduler trigger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum

from bot.domain.calendar import WorkCalendar
from bot.domain.deadlines import (
    WEEKDAY_NAMES,
    WEEKDAYS,
    DeadlineError,
    period_start,
    read_clock,
)
from bot.text import normalize, read_number, shorten

MORNING = time(9, 0)
"""A repeating reminder without a time of day comes in the morning."""

_CRON_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAILY = re.compile(r"(?:每天|天天|每日)(?P<rest>.*)")
_WORKDAYS = re.compile(r"(?:每个?工作日|工作日)(?P<rest>.*)")
_WEEKLY = re.compile(r"(?:每个?(?:周|星期|礼拜)|周周)(?P<rest>.*)")
_MONTHLY = re.compile(
    r"(?:每个?月|月月)(?:(?P<day>[0-9]{1,2}|[一二三四五六七八九十]{1,3})[号日]"
    r"|(?P<last>月?底|月?末|最后一天))(?P<rest>.*)"
)
LAST_DAY = 31
"""A monthly repeat on the 31st (「每月31号」「每月底」「每月最后一天」) comes on each month's last
day: the 30th, or February's 28th or 29th, where the month has no 31st."""
_DAY_WORDS = re.compile(r"周|星期|礼拜")
_RANGE = frozenset("至到~-")
_AND = frozenset("、,和及与")
_MAX_INPUT = 30


class RepeatError(ValueError):
    """A repeat that cannot be: 「每月32号」, 「每天25:00」. The message is the user's answer."""


class Every(StrEnum):
    DAY = "day"
    WORKDAY = "workday"  # the working days of the calendar, 调休 included
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True)
class Repeat:
    every: Every
    at: time = MORNING
    weekdays: tuple[int, ...] = field(default=())  # Monday is 0; for Every.WEEK
    day: int | None = None  # of the month; for Every.MONTH

    def describe(self) -> str:
        """「每天 8:30」「工作日 9:00」「每周一、三、五 15:00」「每月8号 9:00」."""
        clock = f"{self.at.hour}:{self.at.minute:02d}"
        if self.every is Every.DAY:
            return f"每天 {clock}"
        if self.every is Every.WORKDAY:
            return f"工作日 {clock}"
        if self.every is Every.WEEK:
            return "每周" + "、".join(WEEKDAY_NAMES[d] for d in self.weekdays) + f" {clock}"
        if self.day == LAST_DAY:
            return f"每月最后一天 {clock}"
        return f"每月{self.day}号 {clock}"

    def cron_fields(self) -> dict[str, str]:
        """The fields of a cron trigger that fires on every day this may speak (a working-day
        repeat fires daily and `speaks` only on working days)."""
        fields = {"hour": str(self.at.hour), "minute": str(self.at.minute)}
        if self.every is Every.WEEK:
            fields["day_of_week"] = ",".join(_CRON_DAYS[d] for d in self.weekdays)
        elif self.every is Every.MONTH:
            fields["day"] = "last" if self.day == LAST_DAY else str(self.day)
        return fields

    def speaks(self, day: date, calendar: WorkCalendar, weekday_calendar: WorkCalendar) -> bool:
        """Whether an occurrence on `day` is sent: 每天 always, 工作日 on working days, a weekly
        or monthly one except on statutory holidays (as the config's events)."""
        if self.every is Every.DAY:
            return True
        if self.every is Every.WORKDAY:
            return weekday_calendar.is_workday(day)
        return not calendar.is_holiday(day)

    @property
    def skips_holidays(self) -> bool:
        return self.every in (Every.WEEK, Every.MONTH)


def looks_repeating(text: str) -> bool:
    """Whether `text` begins as a repeat does (「每…」「天天」「工作日」「周周」「月月」)."""
    return re.match(r"(?:每|天天|工作日|周周|月月)", normalize(text)) is not None


def parse_repeat(text: str) -> Repeat | None:
    """The repeat `text` names, or None when it is not one. Raises RepeatError for one that
    names an impossible day or time (「每月32号」, 「每天25:00」)."""
    cleaned = re.sub(r"\s+", "", normalize(text))
    if not cleaned or len(cleaned) > _MAX_INPUT:
        return None
    shown = shorten(normalize(text), 20)
    if daily := _DAILY.fullmatch(cleaned):
        at = _clock(daily["rest"], shown)
        return Repeat(Every.DAY, at) if at else None
    if workdays := _WORKDAYS.fullmatch(cleaned):
        at = _clock(workdays["rest"], shown)
        return Repeat(Every.WORKDAY, at) if at else None
    if monthly := _MONTHLY.fullmatch(cleaned):
        day = LAST_DAY if monthly["last"] else read_number(monthly["day"])
        at = _clock(monthly["rest"], shown)
        if day is None or at is None:
            return None
        if not 1 <= day <= 31:
            raise RepeatError(f"「{shown}」不对：每月只有1到31号。")
        return Repeat(Every.MONTH, at, day=day)
    if weekly := _WEEKLY.fullmatch(cleaned):
        rest = weekly["rest"]
        # The shortest run of weekdays after which the rest is a time (or nothing):
        # 「每周一三五9点」 is Monday, Wednesday and Friday at 9:00.
        for cut in range(1, len(rest) + 1):
            days = _weekdays(rest[:cut])
            if days is None:
                continue
            at = _clock(rest[cut:], shown)
            if at is not None:
                return Repeat(Every.WEEK, at, weekdays=days)
    return None


def _clock(rest: str, shown: str) -> time | None:
    if not rest:
        return MORNING
    if (start := period_start(rest)) is not None:  # 「每周一早上」「每天晚上」
        return start
    try:
        return read_clock(rest)
    except DeadlineError as error:
        raise RepeatError(str(error)) from None


def _weekdays(text: str) -> tuple[int, ...] | None:
    """「一三五」「一、四」「二和周四」「一至五」「末」 → the weekdays, Monday 0; None if not."""
    text = _DAY_WORDS.sub("", text)
    if text == "末":
        return (5, 6)
    days: set[int] = set()
    previous: int | None = None
    ranging = False
    for char in text:
        if char in _AND:
            if previous is None or ranging:
                return None
            continue
        if char in _RANGE:
            if previous is None or ranging:
                return None
            ranging = True
            continue
        day = WEEKDAYS.get(char)
        if day is None:
            return None
        if ranging:
            assert previous is not None
            if day <= previous:
                return None
            days.update(range(previous, day + 1))
            ranging = False
        days.add(day)
        previous = day
    if ranging or not days:
        return None
    written = [char for char in text if char in WEEKDAYS]
    if len({char.isdigit() for char in written}) > 1:
        return None  # 「四1」 is Thursday and the start of something else, not Monday too
    return tuple(sorted(days))
