"""Stretches of days as staff name them for figures and exports: `11月1日到11月15日`,
`11.1-11.30`, `2026-11-01至2026-11-15`, `11月1日至15日`, `9月到11月`, `11月20日以来`, or one day,
`11月20日`. Pure: the words and today's date in, the first and last day out.

A date without a year is this year's, or last year's when it would still be to come (in
January, `12月20日到1月19日` is the December just gone to this January); the end of a range takes
the start's year and month when it leaves them out, and a range typed back to front is read the
right way round.

`earlier` gives the stretch a period is compared with (「统计 本月 环比」「统计 今年 同比」).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.text import month_day, read_number

_NUM = r"[0-9]{1,2}|[一二三四五六七八九十]{1,3}"
_SEPARATOR = r"(?:到|至|~|-|—|–)"
_SINCE = r"(?:以来|至今|到今天|到现在|到目前|起)"


def _day(tag: str) -> str:
    """One end of a span, its groups suffixed with `tag`: `2026年11月1日`, `2026-11-01`,
    `11月1日`, `11.1`, `11/1`, or (an end) `15日` alone."""
    return (
        rf"(?:(?P<y{tag}>[0-9]{{4}})(?:年|[-/.]))?"
        rf"(?:(?P<m{tag}>{_NUM})月(?P<d{tag}>{_NUM})[日号]?"
        rf"|(?P<nm{tag}>[0-9]{{1,2}})[/.](?P<nd{tag}>[0-9]{{1,2}})"
        rf"|(?<=[-/.])(?P<dm{tag}>[0-9]{{1,2}})-(?P<dd{tag}>[0-9]{{1,2}}))"
    )


_END_DAY = rf"(?P<de>{_NUM})[日号]"
_RANGE = re.compile(rf"^{_day('a')}{_SEPARATOR}(?:{_day('b')}|{_END_DAY})$")
_FROM = re.compile(rf"^{_day('a')}{_SINCE}$")
_ONE = re.compile(rf"^{_day('a')}$")
_MONTHS = re.compile(
    rf"^(?:(?P<ya>[0-9]{{4}})年)?(?P<ma>{_NUM})月?{_SEPARATOR}"
    rf"(?:(?P<yb>[0-9]{{4}})年)?(?P<mb>{_NUM})月份?$"
)
# 「统计 11月1日 到 11月30日」: a span typed with spaces is one word. A space goes only between
# a day's end (日, 号, 月, or the digits after 11. or 11/) and the 到 or 以来 after it.
_DAY_END = r"(?:(?<=[日号月])|(?<=[./-][0-9])|(?<=[./-][0-9]{2}))"
_SPACED = re.compile(
    rf"{_DAY_END}\s*(?P<sep>{_SEPARATOR})\s*(?=[0-9一二三四五六七八九十])|{_DAY_END}\s+(?={_SINCE})"
)


@dataclass(frozen=True)
class DaySpan:
    """The days named: `first` to `last` inclusive; `last` None: up to today and on."""

    first: date
    last: date | None
    label: str


def joined(text: str) -> str:
    """`11月1日 到 11月30日` → `11月1日到11月30日`: spaces around a span's 到 (or 以来) dropped,
    so that a command's words can be split on spaces."""
    return _SPACED.sub(lambda match: match["sep"] or "", text)


# 「从11月1日到11月25日」「11月1日到25日的」「11月1日至25日期间」: the span inside.
_AROUND = re.compile(r"^(?:从|自)(?=[0-9一二三四五六七八九十])|(?:的|期间|之间|这段时间)$")
# 「11-1至11-25」: months and days with dashes, when the span is said with 至 or 到.
_DASHED = re.compile(
    r"^(?P<a>[0-9]{1,2})-(?P<b>[0-9]{1,2})(?P<sep>到|至|~)(?P<c>[0-9]{1,2})-(?P<d>[0-9]{1,2})$"
)


def day_span(word: str, today: date) -> DaySpan | None:
    """The days `word` names, or None when it names no span of days (a month alone, 本月, a
    word of another kind) or a day that does not exist (`11月31日`)."""
    word = _AROUND.sub("", word)
    if dashed := _DASHED.match(word):
        word = f"{dashed['a']}.{dashed['b']}{dashed['sep']}{dashed['c']}.{dashed['d']}"
    if match := _MONTHS.match(word):
        return _months(match, today)
    if match := _RANGE.match(word):
        return _range(match, today)
    if match := _FROM.match(word):
        first = _start(match, today)
        return None if first is None else DaySpan(first, None, f"{_shown(first, today)}以来")
    if match := _ONE.match(word):
        first = _start(match, today)
        return None if first is None else DaySpan(first, first, _shown(first, today))
    return None


def _range(match: re.Match[str], today: date) -> DaySpan | None:
    """`11月1日到11月30日`: the end in the start's year, the next one if it goes back a month
    (12月20日到1月19日); a range still to come is last year's; one back to front turned round."""
    first = _typed(match, "a", today.year)
    if first is None:
        return None
    if match["de"] is not None:  # 「11月1日至15日」: the start's month
        day = read_number(match["de"])
        last = _valid(first.year, first.month, day) if day is not None else None
    else:
        last = _typed(match, "b", first.year)
    if last is None:
        return None
    end_year_typed = bool(match["yb"])
    if last < first and not end_year_typed and last.month < first.month:
        last = _valid(last.year + 1, last.month, last.day) or last
    first, last = min(first, last), max(first, last)
    if first > today and not match["ya"]:  # still to come: last year's (none if it has none)
        earlier_first = _valid(first.year - 1, first.month, first.day)
        earlier_last = last if end_year_typed else _valid(last.year - 1, last.month, last.day)
        if earlier_first is None or earlier_last is None or earlier_first > earlier_last:
            return None
        first, last = earlier_first, earlier_last
    years = first.year != last.year or first.year != today.year
    return DaySpan(first, last, f"{_shown(first, today, years)}至{_shown(last, today, years)}")


def _start(match: re.Match[str], today: date) -> date | None:
    """A day alone or a span's start: this year's, or last year's when it is still to come."""
    found = _typed(match, "a", today.year)
    if found is not None and found > today and not match["ya"]:
        return _valid(found.year - 1, found.month, found.day)
    return found


def _typed(match: re.Match[str], tag: str, year: int) -> date | None:
    """One end's date as typed, in `year` when it has none."""
    month = read_number(match[f"m{tag}"] or match[f"nm{tag}"] or match[f"dm{tag}"])
    day = read_number(match[f"d{tag}"] or match[f"nd{tag}"] or match[f"dd{tag}"])
    if month is None or day is None:
        return None
    return _valid(int(match[f"y{tag}"] or year), month, day)


def _months(match: re.Match[str], today: date) -> DaySpan | None:
    """`9月到11月`, `2025年12月至2026年2月`: the first day of one to the last of the other."""
    first_month, last_month = read_number(match["ma"]), read_number(match["mb"])
    if first_month is None or last_month is None:
        return None
    first = _valid(int(match["ya"] or 0) or today.year, first_month, 1)
    if first is None:
        return None
    if match["ya"] is None and first > today:
        first = first.replace(year=first.year - 1)
    year = int(match["yb"]) if match["yb"] else first.year
    if not match["yb"] and last_month < first_month:
        year += 1
    start_of_last = _valid(year, last_month, 1)
    if start_of_last is None or start_of_last < first:
        return None
    following = (start_of_last + timedelta(days=31)).replace(day=1)
    last = following - timedelta(days=1)
    label = (
        f"{first_month}月至{last_month}月"
        if first.year == last.year == today.year
        else f"{first.year}年{first_month}月至{last.year}年{last_month}月"
    )
    return DaySpan(first, last, label)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shown(day: date, today: date, year: bool = False) -> str:
    """`11月20日` this year, `2025年12月20日` another (or with `year`)."""
    shown = month_day(day)
    return f"{day.year}年{shown}" if year or day.year != today.year else shown


# -- the period before, to compare with (「统计 本月 环比」「统计 今年 同比」) -------------------


@dataclass(frozen=True)
class Earlier:
    """The stretch a period is compared with: [since, until), and how a sentence names it."""

    since: datetime
    until: datetime
    label: str


def earlier(
    since: datetime, until: datetime | None, now: datetime, *, year_on_year: bool
) -> Earlier:
    """The stretch before [since, until) (until None: still running): the month, quarter or
    year before a whole one, the week before a week, else as many days before; the same
    stretch a year back when `year_on_year`. A period still running is compared with the same
    days of the one before (本月 on the 5th: the 1st to the 5th of last month)."""
    now = now.astimezone(since.tzinfo)  # the clock's UTC: the days are the period's own
    today = now.date()
    end = now if until is None else min(until, now)
    months = 12 if year_on_year else _whole_months(since, until) if until else 0
    if months:
        start, finish = _months_back(since, months), _months_back(end, months)
        running = _SAME_TIME_OF.get(12 if year_on_year else months) if end != until else None
        return Earlier(start, finish, running or _label(start, finish, today))
    if until is not None:
        length = until - since
    elif since.weekday() == 0 and since.time() == time(0) and (today - since.date()).days < 7:
        length = timedelta(days=7)  # 本周: the week before, to the same day and time
        return Earlier(since - length, end - length, "上周同期")
    else:  # 今天, 近30天, 11月20日以来: as many whole days before
        length = timedelta(days=(today - since.date()).days + 1)
        if length == timedelta(days=1):
            return Earlier(since - length, end - length, "昨天同期")
    start, finish = since - length, end - length
    return Earlier(start, finish, _label(start, finish, today))


_SAME_TIME_OF = {1: "上月同期", 3: "上季度同期", 12: "去年同期"}


def _whole_months(since: datetime, until: datetime) -> int:
    """How many months [since, until) spans when both are a month's first midnight, else 0."""
    firsts = all(t.day == 1 and t.time() == time(0) for t in (since, until))
    return (until.year - since.year) * 12 + until.month - since.month if firsts else 0


def _months_back(moment: datetime, months: int) -> datetime:
    """The same day and time `months` earlier; the month's last day when that one has fewer."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last))


def _label(start: datetime, end: datetime, today: date) -> str:
    """`10月`, `2025年`, `2025年11月`, or the days: `11月1日至11月5日`."""
    months = _whole_months(start, end)
    if months == 1:
        return f"{start.month}月" if start.year == today.year else f"{start.year}年{start.month}月"
    if months == 12 and start.month == 1:
        return "去年" if start.year == today.year - 1 else f"{start.year}年"
    first, last = start.date(), (end - timedelta(microseconds=1)).date()
    if first == last:
        return _shown(first, today)
    years = first.year != last.year or first.year != today.year
    return f"{_shown(first, today, years)}至{_shown(last, today, years)}"
