"""Deadlines as people type them, and the three colours of the ledger (chat-protocol §3).

`parse_deadline` turns what a worker types after `/assign 23 @王芳 …` (`3天`, `3个工作日`,
`明天`, `周五`, `下周三`, `12月1日`, `2026-12-01`, `12-01 18:00`, in any width, with or without
spaces, with Chinese or Arabic numerals) into one timezone-aware instant. A date without a time
means END_OF_DAY (18:00): the end of office hours, which is when a secretary expects 「期限
12月3日」 to run out.

Pure: `now` is always passed in; nothing here reads the clock.
"""

from __future__ import annotations

import calendar as calendar_module
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from lunardate import LunarDate

from bot.domain.calendar import END_OF_DAY, WorkCalendar
from bot.text import month_day, normalize, read_number, shorten

ACCEPTED_FORMS = "3天、3个工作日、2小时、明天、周五、下周三、12月1日、2026-12-01、12-01 18:00"
"""The forms named in every error message (and usable in command help)."""

MAX_DAYS_AHEAD = 366
"""A deadline more than a year away is a typo (2062 for 2026), not a plan."""

MAX_HOURS = 72
"""「2小时」 is an urgent job's deadline; further off, a day is named."""

MAX_WORKING_DAYS = 250
"""About one year of working days; also bounds the day-by-day walk through the calendar."""

_MAX_INPUT = 40
"""Longer text is not a deadline; refusing early keeps the split search below trivially cheap."""


class DeadlineError(Exception):
    """The text is not a deadline we can use; str(e) is one Chinese line for the chat."""


class PastDeadline(DeadlineError):
    """The text is a time, but one already past: `deadline`."""

    def __init__(self, message: str, deadline: datetime) -> None:
        super().__init__(message)
        self.deadline = deadline


class FarDeadline(DeadlineError):
    """The text is a time more than a year ahead."""


def _too_far(shown: str) -> FarDeadline:
    return FarDeadline(_error(f"期限「{shown}」太远了（最多一年）。").args[0])


def _error(reason: str) -> DeadlineError:
    return DeadlineError(f"{reason}可以写：{ACCEPTED_FORMS}")


# --- colours ---------------------------------------------------------------------------------


class Colour(StrEnum):
    """三色台账: 🟢 on time, 🟡 due within one working day, 🔴 overdue."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def emoji(self) -> str:
        return _EMOJI[self]

    @property
    def label(self) -> str:
        return _LABEL[self]

    @classmethod
    def from_word(cls, word: str) -> Colour | None:
        """`红`/`红色`/`🔴`/`red`/`超期` → RED, and so on; None for anything else."""
        return _COLOUR_WORDS.get(normalize(word).casefold())


_EMOJI = {Colour.GREEN: "🟢", Colour.YELLOW: "🟡", Colour.RED: "🔴"}
_LABEL = {Colour.GREEN: "绿", Colour.YELLOW: "黄", Colour.RED: "红"}
_COLOUR_WORDS: dict[str, Colour] = {
    **dict.fromkeys(["红", "红色", "🔴", "red", "超期", "逾期"], Colour.RED),
    **dict.fromkeys(["黄", "黄色", "🟡", "yellow", "临期"], Colour.YELLOW),
    **dict.fromkeys(["绿", "绿色", "🟢", "green"], Colour.GREEN),
}


def colour(deadline: datetime | None, now: datetime, calendar: WorkCalendar) -> Colour:
    """RED once `now` is past the deadline; YELLOW while the deadline is no later than the end of
    the next working day; GREEN otherwise, and for an issue without a deadline.

    Seen on Friday, a deadline of Monday 18:00 is YELLOW (Monday is the next working day), and
    on 9月30日 a deadline of 10月8日 is YELLOW too: the 国庆 days in between do not count.
    """
    if deadline is None:
        return Colour.GREEN
    if now > deadline:
        return Colour.RED
    # The next working day ends no earlier than tomorrow 18:00, so anything due by then is
    # YELLOW without asking the calendar — which keeps the ledger readable on 12月31日 even
    # before next year's holidays are known.
    tomorrow = calendar.local_date(now) + timedelta(days=1)
    if deadline <= calendar.end_of_day(tomorrow):
        return Colour.YELLOW
    if deadline <= calendar.deadline_after(now, 1):
        return Colour.YELLOW
    return Colour.GREEN


# 「台账 今天到期」「本周到期」: the days a deadline falls in, by the words for them: (the word
# the ledger says, the first day counted from today or from this week's Monday, how many days).
_DUE_DAYS = {
    **dict.fromkeys(("昨天", "昨日"), ("昨天", -1, 1)),  # gone by: what is still open of it
    **dict.fromkeys(("今天", "今日", "当天"), ("今天", 0, 1)),
    **dict.fromkeys(("明天", "明日"), ("明天", 1, 1)),
    "后天": ("后天", 2, 1),
}
_DUE_WEEKS = {
    **dict.fromkeys(("本周", "这周", "这个星期", "本星期"), ("本周", 0, 7)),
    **dict.fromkeys(("下周", "下个星期", "下星期"), ("下周", 7, 7)),
}
DUE_WORDS = frozenset(f"{day}到期" for day in (*_DUE_DAYS, *_DUE_WEEKS))


@dataclass(frozen=True)
class DueWindow:
    """The local days [since, until) a deadline is in when it is 「今天到期」 or 「本周到期」."""

    label: str  # 今天到期, 本周到期: as the ledger names it
    since: datetime
    until: datetime


def due_window(word: str, now: datetime, tz: ZoneInfo) -> DueWindow | None:
    """「今天到期」「明天到期」「后天到期」「昨天到期」 (that day), 「本周到期」「下周到期」
    (Monday to Sunday, so this week's days gone by are in it too); None for other words."""
    if not word.endswith("到期"):
        return None
    day = word.removesuffix("到期")
    today = now.astimezone(tz).date()
    if day in _DUE_DAYS:
        label, ahead, days = _DUE_DAYS[day]
        first = today + timedelta(days=ahead)
    elif day in _DUE_WEEKS:
        label, ahead, days = _DUE_WEEKS[day]
        first = today - timedelta(days=today.weekday() - ahead)
    else:
        return None
    since = datetime.combine(first, time(0), tzinfo=tz)
    until = datetime.combine(first + timedelta(days=days), time(0), tzinfo=tz)
    return DueWindow(f"{label}到期", since, until)


# --- formatting ------------------------------------------------------------------------------


def format_deadline(
    deadline: datetime, tz: ZoneInfo, now: datetime | None = None, *, clock: bool = False
) -> str:
    """`12月3日` for an END_OF_DAY deadline, else `12月3日 14:00`; with `now` given, a deadline
    in another year than now's gets the year in front: `2027年1月5日`. With `clock`, always
    the time of day: a meeting or a poll at 18:00 is at 18:00, not "by the end of the day".

    What this prints, `parse_deadline` reads back as the same instant.
    """
    local = deadline.astimezone(tz)
    text = month_day(local)
    if now is not None and now.astimezone(tz).year != local.year:
        text = f"{local.year}年{text}"
    if clock or local.time() != END_OF_DAY:
        text += f" {_clock(local.time())}"
    return text


def _clock(at: time) -> str:
    return f"{at.hour}:{at.minute:02d}"


# --- parsing ---------------------------------------------------------------------------------

_SPACES_NOT_BETWEEN_DIGITS = re.compile(r"(?<![0-9])\s+|\s+(?![0-9])")
# A number as people type it: Arabic, or Chinese up to the hundreds (三, 十一, 二十, 两, 一百).
_NUM = r"[0-9]{1,4}|[零〇一二两三四五六七八九十百]{1,5}"
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
"""A weekday as written after 周 / 星期: Monday is 0."""
WEEKDAYS.update({str(n): n - 1 for n in range(1, 8)})
WEEKDAY_NAMES = "一二三四五六日"
"""The weekdays as written after 周, Monday first."""

_TIME = re.compile(
    rf"(?P<period>上午|早上|早晨|早|中午|下午|傍晚|晚上|晚)?"
    rf"(?:(?P<h>[0-9]{{1,2}}):(?P<m>[0-9]{{2}})"
    rf"|(?P<ch>{_NUM})[点时](?:(?P<half>半)|整|(?P<cm>{_NUM})分?)?)"
)
_DAYS = re.compile(rf"(?P<n>{_NUM})天(?:后|以后|之后|内|以内|之内)?")
_HOURS = re.compile(rf"(?P<n>{_NUM})个?(?:小时|钟头)(?:后|以后|之后|内|以内|之内)?")
_WORKING_DAYS = re.compile(rf"(?P<n>{_NUM})个?工作日(?:后|以后|之后|内|以内|之内)?")
# 「两周」「1个星期」「半个月」「两个月」: weeks and months, on the calendar.
_WEEKS = re.compile(rf"(?P<n>{_NUM})个?(?:周|星期|礼拜)(?:后|以后|之后|内|以内|之内)?")
_MONTHS = re.compile(rf"(?P<n>{_NUM}|半)个月(?:后|以后|之后|内|以内|之内)?")
# 「昨天」「前天」 only to be told they are past.
_RELATIVE_DAYS = {
    "前天": -2,
    "昨天": -1,
    "昨日": -1,
    "今天": 0,
    "今日": 0,
    "明天": 1,
    "明日": 1,
    "后天": 2,
    "后日": 2,
    "大后天": 3,
}
_WEEKDAY = re.compile(r"(?P<which>本|这|这个|下+个?)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天1-7])")
_FULL_DATE = re.compile(
    r"(?P<y>[0-9]{4})(?:[-/.](?P<m>[0-9]{1,2})[-/.](?P<d>[0-9]{1,2})"
    rf"|年(?P<cm>{_NUM})月(?P<cd>{_NUM})[日号]?)"
)
_MONTH_DAY = re.compile(
    rf"(?P<m>[0-9]{{1,2}})[-/.](?P<d>[0-9]{{1,2}})|(?P<cm>{_NUM})月(?P<cd>{_NUM})[日号]?"
)
_DAY_OF_MONTH = re.compile(rf"(?P<d>{_NUM})[日号]")
# 「下周」「本周内」: by that week's last working day; 「月底」「下个月底」: the month's.
_WEEK = re.compile(r"(?P<which>本|这|这个|下+个?)(?:周|星期|礼拜)(?:内|之内)?")
_MONTH_END = re.compile(
    r"(?:(?P<which>本|这|这个|下个?)|(?P<m>[0-9]{1,2}|[一二三四五六七八九十]{1,3}))?月(?:底|末)"
)  # 「12月底」: that month's
_TRAILING_BEFORE = re.compile(r"(?:之前|以前|前|之内|以内|内)$")  # 「今天之内」 is by today's end
# 「限两天」「限期3天」「期限周五」「时限：明天」: the word for a deadline before it.
_LEADING_LIMIT = re.compile(r"^(?:限期|期限|时限|限)(?:为|是|:)?(?=.)")
# 「周五前修好」「3天内处理完」「明天下午要办好」: the deadline, then what is to be done by it.
_TRAILING_DONE = re.compile(
    r"(?<=.)(?:要|得|必须|务必|需要)?(?:修好|修完|办好|办完|处理好?|处理完|解决好?|搞定|弄好|完成"
    r"|完工|办结|答复|回复|清完|清理完|清理好|清走|填好|填平|换好|修复|修理|疏通|办理|落实|整改"
    r"|清理|清运|打扫|清扫|维修|更换)"
    r"(?:一下)?(?:它|了)?$"
)
# 「尽快处理」「马上去修」: no day said, so the level's deadline.
_SOON = re.compile(
    r"^(?:请)?(?:尽快|尽早|抓紧|马上|赶紧|立即|立刻|及时)(?:时间)?(?:去|来)?"
    r"(?:处理|解决|办理?|修理?|落实|安排|整改)?(?:一下)?(?:好|完)?(?:吧)?$"
)


def soon_said(text: str) -> bool:
    """Whether `text` asks for the work soon without saying by when (「尽快处理」)."""
    return _SOON.match(_SPACES_NOT_BETWEEN_DIGITS.sub("", normalize(text))) is not None


# 「明天下午」 as a deadline: by the end of that part of the day; for a reminder or a meeting
# (counted in calendar days), its start.
_PERIOD_STARTS = {
    "早上": time(8),
    "早晨": time(8),
    "早": time(8),
    "上午": time(9),
    "中午": time(12),
    "下午": time(14),
    "傍晚": time(17),
    "晚上": time(19),
    "晚": time(19),
    "下班": time(17, 30),
}
_PERIOD_ENDS = {
    "早上": time(9),
    "早晨": time(9),
    "早": time(9),
    "上午": time(12),
    "中午": time(12),
    "下午": END_OF_DAY,
    "傍晚": END_OF_DAY,
    "晚上": time(21),
    "晚": time(21),
    "下班": END_OF_DAY,  # 「今天下班前」
}


def period_start(word: str) -> time | None:
    """When a part of the day alone begins, for a reminder (「早上」 8:00, 「下午」 14:00);
    None for other words."""
    return _PERIOD_STARTS.get(word)


# 「今晚」「明早」: a day and a part of it in one word.
_DAY_AND_PERIOD = re.compile(r"^(今|明)(晚|早)")
_DAY_WORD = {"今": "今天", "明": "明天"}
_RECENTLY_PAST_DAYS = 183  # a month and day this far back is a slip, not next year's


@dataclass(frozen=True)
class _Context:
    """What a date form needs to find its day: today's local date and the working calendar."""

    today: date
    calendar: WorkCalendar
    calendar_days: bool = False  # 「3天」 in calendar days (a reminder), not working days


# A date form resolves to the candidate days in order of preference: the deadline is the first
# whose instant (with the time of day) is still in the future; a single candidate is a fixed day.
_Resolver = Callable[[_Context], list[date]]


def parse_deadline(
    text: str, now: datetime, calendar: WorkCalendar, *, calendar_days: bool = False
) -> datetime:
    """The deadline `text` means, seen at `now`, in the calendar's time zone. 「3天」 counts
    working days, as a deadline does (chat-protocol §3); with `calendar_days`, the days on the
    calendar (「3天后」 for a reminder or a meeting).

    Raises DeadlineError for text that is not a deadline, a date that does not exist, a time
    like 25:00, or a deadline at or before `now`. A working-day count that needs a year the
    calendar does not know raises UnknownYear (the bot counts on a calendar that takes Monday
    to Friday there instead, and says so where it shows the deadline).
    """
    tz = calendar.tz
    today = calendar.local_date(now)  # also rejects a naive `now`
    cleaned = _SPACES_NOT_BETWEEN_DIGITS.sub("", normalize(text))
    shown = shorten(normalize(text), 20)
    if not cleaned:
        raise _error("没有写期限。")
    if len(cleaned) > _MAX_INPUT:
        raise _error(f"看不懂期限「{shown}」。")
    if not calendar_days:  # a reminder's or a meeting's words are its own
        cleaned = _TRAILING_DONE.sub("", _LEADING_LIMIT.sub("", cleaned))
    cleaned = _strip_before(_NEW_YEAR_BEFORE.sub("春节", cleaned))  # 「年前」: before 春节
    cleaned = _DAY_AND_PERIOD.sub(lambda m: _DAY_WORD[m[1]] + m[2], cleaned)
    if hours := _HOURS.fullmatch(cleaned):  # 「2小时」: an urgent job, counted from now
        count = read_number(hours.group("n"))
        if count is None or not 1 <= count <= MAX_HOURS:
            raise _error(f"期限「{shown}」按小时写时，请写1到{MAX_HOURS}小时。")
        return now + timedelta(hours=count)
    periods = _PERIOD_STARTS if calendar_days else _PERIOD_ENDS
    resolver, at = _split(cleaned, shown, periods)
    context = _Context(today=today, calendar=calendar, calendar_days=calendar_days)
    candidates = resolver(context)
    deadline: datetime | None = None
    for day in candidates:
        deadline = datetime.combine(day, at, tzinfo=tz)
        if deadline > now:
            break
    if deadline is None:
        raise _too_far(shown)
    if deadline <= now:
        when = format_deadline(deadline, tz, now, clock=True)  # 「2025年1月1日 18:00」
        raise PastDeadline(_error(f"期限已经过去了：「{shown}」是{when}。").args[0], deadline)
    if (deadline.date() - today).days > MAX_DAYS_AHEAD:
        raise _too_far(shown)
    return deadline


# A day in a time said (「周五10点」「12月5日」「明早9点」「每天」, 「3天后」), where 「10点」
# 「下午2点」 alone is a time of a day said before or kept (a reminder's, a meeting's).
_A_DAY = re.compile(r"今天|今晚|今早|明天|明晚|明早|后天|周|星期|礼拜|月|日|号|天后|[0-9]+天|每")


def names_a_day(text: str) -> bool:
    """Whether a time as typed names its day: 「改到10点」 keeps the day, 「改到周五10点」 not."""
    return _A_DAY.search(text) is not None


_MONTH_NAMED = re.compile(
    r"(?P<next>明年)?(?P<m>[0-9]{1,2}|[一二三四五六七八九十]{1,3})月(?:份|初)?"
)
_NEXT_MONTH = re.compile(r"下个?月(?:初|份)?")


def month_named(text: str, today: date) -> date | None:
    """The first day of the month `text` names alone, the next to come (「3月」「明年3月」
    「3月份」「下个月」「下月初」: a time to wait till, not a deadline); None for anything else
    (「3月1日」)."""
    if _NEXT_MONTH.fullmatch(text):
        return months_after(today.replace(day=1), 1)
    match = _MONTH_NAMED.fullmatch(text)
    if match is None:
        return None
    month = read_number(match.group("m"))
    if month is None or not 1 <= month <= 12:
        return None
    year = today.year + 1 if match.group("next") or month <= today.month else today.year
    return date(year, month, 1)


def is_span(text: str) -> bool:
    """「3天」「2小时」「5个工作日」: a length of time rather than a day. 「延期 1 3天」 adds it
    to the deadline the issue had, where 「延期 1 周五」 names the day."""
    cleaned = _SPACES_NOT_BETWEEN_DIGITS.sub("", normalize(text))
    return any(form.fullmatch(cleaned) for form in (_DAYS, _HOURS, _WORKING_DAYS, _WEEKS, _MONTHS))


def _strip_before(cleaned: str) -> str:
    """`周五前`, `明天9点之前` mean the same without 前; but `3天前` is "three days ago", so a
    duration keeps its 前 (and is then refused)."""
    stripped = _TRAILING_BEFORE.sub("", cleaned)
    if not stripped or _DAYS.fullmatch(stripped) or _WORKING_DAYS.fullmatch(stripped):
        return cleaned
    return stripped


def _split(cleaned: str, shown: str, periods: dict[str, time]) -> tuple[_Resolver, time]:
    """Find the date form and the optional time after it (`明天9:00`, `12-01 18:00`), or a
    part of the day after it (`明天下午`), at the time `periods` gives it.

    Tries every split point from the left, so the date part is as short as possible and the
    first split where both halves are recognised wins; `周五三点` is 周五 + 三点, not 周 + 五三点.
    """
    for cut in range(len(cleaned) + 1):
        date_part, time_part = cleaned[:cut].strip(), cleaned[cut:].strip()
        if time_part in periods and (resolver := _date_form(date_part, shown)):
            return resolver, periods[time_part]
        time_match = _TIME.fullmatch(time_part) if time_part else None
        if time_part and (time_match is None or not _time_numbers_ok(time_match)):
            continue
        resolver = _date_form(date_part, shown)
        if resolver is None:
            continue
        return resolver, (END_OF_DAY if time_match is None else _time_of_day(time_match, shown))
    raise _error(f"看不懂期限「{shown}」。")


def read_clock(text: str) -> time | None:
    """A time of day as a deadline writes it (`9:00`, `下午3点`, `八点半`, `晚上7点`), or None
    if `text` is not one. Raises DeadlineError for one that does not exist (`25:00`)."""
    match = _TIME.fullmatch(text)
    if match is None or not _time_numbers_ok(match):
        return None
    try:
        return _clock_of(match, shorten(text, 20))
    except ValueError as bad:
        raise DeadlineError(str(bad)) from None


def _time_numbers_ok(match: re.Match[str]) -> bool:
    """The time regex accepts any run of Chinese numerals; only real numbers count as a time."""
    if match.group("h") is not None:
        return True
    if read_number(match.group("ch")) is None and match.group("ch") not in ("零", "〇"):
        return False
    return match.group("cm") is None or read_number(match.group("cm")) is not None


def _time_of_day(match: re.Match[str], shown: str) -> time:
    try:
        return _clock_of(match, shown)
    except ValueError as bad:
        raise _error(str(bad)) from None


def _clock_of(match: re.Match[str], shown: str) -> time:
    """The time a match of _TIME names; ValueError (the reason, one line) for none."""
    if match.group("h") is not None:
        hour, minute = int(match.group("h")), int(match.group("m"))
    else:
        hour = read_number(match.group("ch")) or 0
        minute = 30 if match.group("half") else (read_number(match.group("cm")) or 0)
    period = match.group("period")
    afternoon = period in ("下午", "傍晚", "晚上", "晚") and 1 <= hour < 12
    after_noon = period == "中午" and 1 <= hour <= 2  # 中午1点 is 13:00
    if afternoon or after_noon:
        hour += 12
    elif period in ("上午", "早上", "早晨", "早") and hour > 12:
        raise ValueError(f"时间「{shown}」不对：上午没有{hour}点。")
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError(f"时间「{shown}」不对：小时是0-23，分钟是00-59。")
    return time(hour, minute)


def _date_form(part: str, shown: str) -> _Resolver | None:
    """The resolver for a date form, or None if `part` is not one (then the split moves on).

    Raises DeadlineError only for a recognised form with impossible values (0天, 13月40日).
    """
    if part == "":
        return lambda c: [c.today]  # a time alone means today
    if part in _FESTIVALS:  # 「春节前」「国庆前」
        return _before_festival(_FESTIVALS[part])
    if part in _YEAR_END:  # 「年底」「年内」
        return _year_end()
    if part in _RELATIVE_DAYS:
        offset = _RELATIVE_DAYS[part]
        return lambda c: [c.today + timedelta(days=offset)]
    if match := _DAYS.fullmatch(part):
        days = _count(match.group("n"), shown, unit="天")
        if days is None:
            return None

        def resolve(c: _Context) -> list[date]:
            if c.calendar_days:
                return [c.today + timedelta(days=days)]
            if days > MAX_WORKING_DAYS:
                return []  # more than a year of working days: 太远了
            return [c.calendar.add_working_days(c.today, days)]

        return resolve
    if match := _WEEKS.fullmatch(part):
        weeks = _count(match.group("n"), shown, unit="周")
        if weeks is None:
            return None
        return lambda c: [c.today + timedelta(weeks=weeks)]
    if match := _MONTHS.fullmatch(part):
        if match.group("n") == "半":
            return lambda c: [c.today + timedelta(days=15)]
        months = _count(match.group("n"), shown, unit="个月")
        if months is None:
            return None
        return lambda c: [months_after(c.today, months)]
    if match := _WORKING_DAYS.fullmatch(part):
        working = _count(match.group("n"), shown, unit="个工作日")
        if working is None:
            return None
        return lambda c: [c.calendar.add_working_days(c.today, working)]
    if match := _WEEKDAY.fullmatch(part):
        return _weekday(match.group("which"), WEEKDAYS[match.group("wd")])
    if match := _WEEK.fullmatch(part):
        return _week(match.group("which").count("下"))
    if match := _MONTH_END.fullmatch(part):
        if match.group("m") is not None:  # 「12月底」
            month = read_number(match.group("m"))
            if month is None or not 1 <= month <= _MONTHS_A_YEAR:
                return None
            return _named_month_end(month)
        return _month_end(1 if (match.group("which") or "").startswith("下") else 0)
    if match := _FULL_DATE.fullmatch(part):
        year = int(match.group("y"))
        month = read_number(match.group("m") or match.group("cm"))
        day = read_number(match.group("d") or match.group("cd"))
        if month is None or day is None:
            return None
        exact = _valid_date(year, month, day)
        if exact is None:
            raise _error(f"日期「{shown}」不存在。")
        return lambda c: [exact]
    if match := _MONTH_DAY.fullmatch(part):
        month = read_number(match.group("m") or match.group("cm"))
        day = read_number(match.group("d") or match.group("cd"))
        if month is None or day is None:
            return None
        if _valid_date(2000, month, day) is None:  # 2000 was a leap year: 2月29日 exists
            raise _error(f"日期「{shown}」不存在。")
        return _month_day(month, day)
    if match := _DAY_OF_MONTH.fullmatch(part):
        day = read_number(match.group("d"))
        if day is None:
            return None
        if not 1 <= day <= 31:
            raise _error(f"日期「{shown}」不存在。")
        return _day_of_month(day)
    return None


def months_after(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day (「1个月」 from 1月31日: 2月28日)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar_module.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def _count(number: str, shown: str, *, unit: str) -> int | None:
    value = read_number(number)
    if value is None:
        return None
    if value < 1:
        raise _error(f"期限「{shown}」至少要1{unit}。")
    limit = MAX_WORKING_DAYS if unit == "个工作日" else MAX_DAYS_AHEAD
    if value > limit:
        raise _too_far(shown)
    return value


def _weekday(which: str | None, weekday: int) -> _Resolver:
    """`周五`: the nearest Friday still ahead (today if its deadline has not passed, else next
    week's). `本周五`/`这周五`: this week's, even if past. `下周三`: next week's (weeks start on
    Monday); each extra 下 is one more week."""

    def resolve(c: _Context) -> list[date]:
        monday = c.today - timedelta(days=c.today.weekday())
        if which is None:
            first = c.today + timedelta(days=(weekday - c.today.weekday()) % 7)
            return [first, first + timedelta(days=7)]
        weeks = which.count("下")
        return [monday + timedelta(days=7 * weeks + weekday)]

    return resolve


def _week(ahead: int) -> _Resolver:
    """`下周`: by next week's last working day (a reminder: its Monday); `本周`: this week's."""

    def resolve(c: _Context) -> list[date]:
        monday = c.today - timedelta(days=c.today.weekday()) + timedelta(days=7 * ahead)
        if c.calendar_days:
            return [monday]
        days = [monday + timedelta(days=n) for n in range(7)]
        working = [day for day in days if c.calendar.is_workday(day)]
        return [working[-1] if working else days[4]]

    return resolve


def _lunar(year: int, month: int, day: int) -> date:
    solar: date = LunarDate(year, month, day).to_solar_date()
    return solar


# 「春节前」「国庆节前」「五一前」: each festival's first day off, in a year (春节's holiday
# begins on 除夕; 清明 and 十一 are left out: a solar term, and a number).
_FESTIVALS: dict[str, Callable[[int], date]] = {
    **dict.fromkeys(("元旦", "元旦节"), lambda year: date(year, 1, 1)),
    **dict.fromkeys(
        ("春节", "过年", "除夕", "大年三十"), lambda year: _lunar(year, 1, 1) - timedelta(days=1)
    ),
    **dict.fromkeys(("五一", "五一节", "劳动节"), lambda year: date(year, 5, 1)),
    **dict.fromkeys(("端午", "端午节"), lambda year: _lunar(year, 5, 5)),
    **dict.fromkeys(("中秋", "中秋节"), lambda year: _lunar(year, 8, 15)),
    **dict.fromkeys(("国庆", "国庆节"), lambda year: date(year, 10, 1)),
}
_NEW_YEAR_BEFORE = re.compile(r"^过?年(?=(?:之|以)?前)")  # 「年前」「过年前」, not 「年内」
_YEAR_END = frozenset({"年底", "年末", "年", "今年", "今年底", "今年年底"})  # 「年内」「今年内」


def _before_festival(first_day: Callable[[int], date]) -> _Resolver:
    """`春节前`: by the last working day before the festival's first day off (a reminder: the
    day before it), this year's or, gone by, next year's."""

    def resolve(c: _Context) -> list[date]:
        days = [first_day(year) - timedelta(days=1) for year in (c.today.year, c.today.year + 1)]
        if c.calendar_days:
            return days
        return [_last_workday(c.calendar, day) for day in days]

    return resolve


def _year_end() -> _Resolver:
    """`年底`, `年内`: by the year's last working day (a reminder: 31 December)."""

    def resolve(c: _Context) -> list[date]:
        last = date(c.today.year, 12, 31)
        return [last if c.calendar_days else _last_workday(c.calendar, last)]

    return resolve


def _last_workday(calendar: WorkCalendar, day: date) -> date:
    """`day`, or the last working day before it (`day` itself when none is found in a month)."""
    for back in range(31):
        if calendar.is_workday(earlier := day - timedelta(days=back)):
            return earlier
    return day


_MONTHS_A_YEAR = 12


def _month_end(ahead: int) -> _Resolver:
    """`月底`: by this month's last working day (a reminder: its last day); `下个月底`: next
    month's."""

    def resolve(c: _Context) -> list[date]:
        month = c.today.month + ahead
        year, month = c.today.year + (month - 1) // 12, (month - 1) % 12 + 1
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return [last if c.calendar_days else _last_workday(c.calendar, last)]

    return resolve


def _named_month_end(month: int) -> _Resolver:
    """`12月底`: that month's end, this year's or, once past, the next year's."""
    return lambda c: _month_end((month - c.today.month) % _MONTHS_A_YEAR)(c)


def _month_day(month: int, day: int) -> _Resolver:
    """`12月1日`: this year's if still ahead. One gone by in the last half year is a slip, and
    said to be past (`11月20日` typed on 23 November); one longer gone is next year's (`1月5日`
    in December). 2月29日: the next leap year within a year, else too far."""

    def resolve(c: _Context) -> list[date]:
        this_year = _valid_date(c.today.year, month, day)
        if this_year is not None and (c.today - this_year).days <= _RECENTLY_PAST_DAYS:
            return [this_year]
        next_year = _valid_date(c.today.year + 1, month, day)
        return [d for d in (this_year, next_year) if d is not None]

    return resolve


def _day_of_month(day: int) -> _Resolver:
    """`15号`: the 15th of this month if still ahead, else of the next month that has one."""

    def resolve(c: _Context) -> list[date]:
        candidates: list[date] = []
        year, month = c.today.year, c.today.month
        for _ in range(3):  # 31号 seen on 1月31日 evening: 2月 has none, 3月31日 it is
            found = _valid_date(year, month, day)
            if found is not None:
                candidates.append(found)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return candidates

    return resolve


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
