"""Working days in China (chat-protocol §3): statutory holidays off, adjusted weekends on.

Deadlines are counted in working days, and a wrong count is something a secretary notices at
once (an issue turning 🔴 on the first day after 国庆). So the rules are strict: the holiday
schedule comes from the `chinesecalendar` package, which follows the State Council notices,
plus whatever the community's config adds; a year that neither knows raises `UnknownYear`
instead of silently treating holidays as working days. A calendar made with
`weekends_for_unknown_years` counts Monday to Friday there instead: the bot counts deadlines on
one such and marks each deadline so counted (`covers` says which days are known).

Pure: no I/O and no clock; every instant is passed in and must be timezone-aware.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar  # type: ignore[import-untyped]

END_OF_DAY: time = time(18, 0)
"""Date-only deadlines end at 18:00 local time: the end of office hours, not midnight."""


# --- typed shim over chinese_calendar (it ships no type information) -------------------------


def _package_dates(table: object) -> frozenset[date]:
    """The dates (keys) of one of the package's tables, checked to really be dates."""
    if not isinstance(table, dict):
        raise TypeError(f"chinese_calendar table is {type(table).__name__}, expected dict")
    return frozenset(key for key in table if isinstance(key, date))


# Read once at import: the package's tables are constants, and walking day by day through them
# is the hot path of every deadline and every coloured list.
_PACKAGE_DAYS_OFF: frozenset[date] = _package_dates(chinese_calendar.holidays)
_PACKAGE_WORKDAYS: frozenset[date] = _package_dates(chinese_calendar.workdays)
_PACKAGE_YEARS: range = range(
    min(day.year for day in _PACKAGE_DAYS_OFF), max(day.year for day in _PACKAGE_DAYS_OFF) + 1
)


def package_version() -> str:
    """The installed chinesecalendar version, for diagnostics ("which holidays do we know?")."""
    return str(chinese_calendar.__version__)


# --- the calendar ----------------------------------------------------------------------------


class UnknownYear(Exception):
    """A working-day count needs a year whose holiday schedule nobody has given us.

    The message is one line a secretary (or whoever runs the bot) can act on.
    """

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"{year}年的法定节假日安排还未收录：请升级 chinesecalendar，或在配置 calendar 中补充。"
        )


def _is_plain_workday(day: date) -> bool:
    return day.weekday() < 5


class WorkCalendar:
    """Which days are working days for one community, in its time zone.

    Precedence for a day: the config's `days_off` / `workdays` (local changes, or years the
    package does not know yet), then the package, then — only if `weekends_for_unknown_years`
    — a plain Monday–Friday week. Otherwise a day in an unknown year raises `UnknownYear`.

    A year that appears in the config (any date of it in `days_off` or `workdays`) counts as
    known: its listed dates are taken from the config and every other day follows the plain
    Monday–Friday week. This is what lets a secretary fill in next year's 放假安排 from the
    State Council notice before the package is upgraded — so the config must then list the
    whole year's holidays and adjusted working days, not only some of them.
    """

    def __init__(
        self,
        tz: ZoneInfo,
        *,
        days_off: Iterable[date] = (),
        workdays: Iterable[date] = (),
        weekends_for_unknown_years: bool = False,
    ) -> None:
        self.tz = tz
        self._days_off = frozenset(days_off)
        self._workdays = frozenset(workdays)
        both = sorted(self._days_off & self._workdays)
        if both:
            listed = "、".join(day.isoformat() for day in both)
            raise ValueError(
                f"配置 calendar 中 {listed} 同时出现在休息日和工作日里，请只保留一处。"
            )
        self._config_years = frozenset(day.year for day in self._days_off | self._workdays)
        self.weekends_for_unknown_years = weekends_for_unknown_years

    def years(self) -> range:
        """The years the installed chinesecalendar package itself covers."""
        return _PACKAGE_YEARS

    def covers(self, day: date) -> bool:
        """True when the day is known exactly (package or config), not a fallback guess."""
        return (
            day in self._days_off
            or day in self._workdays
            or day.year in _PACKAGE_YEARS
            or day.year in self._config_years
        )

    def year_ahead_unknown(self, today: date) -> int | None:
        """In December, next year when nobody has given its holidays yet (and no plain-week
        fallback is set): deadlines that cross the new year cannot be counted. Else None."""
        following = today.year + 1
        if today.month != 12 or self.weekends_for_unknown_years:
            return None
        return None if self.covers(date(following, 1, 1)) else following

    def is_workday(self, day: date) -> bool:
        """Whether people work on `day`; raises UnknownYear for a year nobody has told us about."""
        if day in self._workdays:
            return True
        if day in self._days_off:
            return False
        if day.year in _PACKAGE_YEARS:
            # The package's own rule: an adjusted working day, or a weekday that is no holiday.
            return day in _PACKAGE_WORKDAYS or (
                _is_plain_workday(day) and day not in _PACKAGE_DAYS_OFF
            )
        if day.year in self._config_years or self.weekends_for_unknown_years:
            return _is_plain_workday(day)
        raise UnknownYear(day.year)

    def is_holiday(self, day: date) -> bool:
        """Whether `day` is a statutory holiday (国庆, 春节 …, weekend days inside one too), as
        the package or the config says; an ordinary weekend or an unknown year is not."""
        return day in self._days_off or day in _PACKAGE_DAYS_OFF

    def next_workday(self, day: date) -> date:
        """`day` itself if it is a working day, else the first working day after it."""
        while not self.is_workday(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after `day` (n=0: `day` itself if a workday, else the next)."""
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        if n == 0:
            return self.next_workday(day)
        while n > 0:
            day += timedelta(days=1)
            if self.is_workday(day):
                n -= 1
        return day

    def local_date(self, instant: datetime) -> date:
        """The date on a wall calendar in this community's time zone."""
        _require_aware(instant)
        return instant.astimezone(self.tz).date()

    def end_of_day(self, day: date) -> datetime:
        """`day` at END_OF_DAY local time: what a date-only deadline means."""
        return datetime.combine(day, END_OF_DAY, tzinfo=self.tz)

    def deadline_after(self, start: datetime, working_days: int) -> datetime:
        """The end (END_OF_DAY) of the `working_days`-th working day after start's local date.

        The time of day of `start` does not matter: a report on Friday evening with one
        working day is due Monday 18:00, the same as one on Friday morning.
        """
        return self.end_of_day(self.add_working_days(self.local_date(start), working_days))

    def working_days_between(self, start: datetime, end: datetime) -> int:
        """Working days from start's local date (exclusive) to end's (inclusive); negative if
        end is before start. Friday → next Monday is 1, the same day is 0."""
        first, last = self.local_date(start), self.local_date(end)
        sign = 1
        if last < first:
            first, last, sign = last, first, -1
        count = 0
        day = first
        while day < last:
            day += timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return sign * count


def _require_aware(instant: datetime) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"a timezone-aware datetime is needed, got {instant!r}")
