"""统计 / stats and the monthly report (chat-protocol §8), and the counting they share with the
xlsx 台账 (`handlers.export`).

The counting (`IssueStat`, `IssueCounts`, `count_issues`, `count_by_grid`, `UnitCounts`,
`count_by_unit`, `summary_sentence`, `month_range`, `parse_month`) is pure. `stats_text` counts a
community's issues for a period (and optionally some grids or categories) in the database
(`counts_of`: the same figures as the pure counting, without loading the issues) and says it in
the seeds' own sentence, with one line per grid; `/stats` answers with it and the monthly report
posts last month's to every work group on the 1st at 09:00.

Named a handling unit (「统计 本周 物业」) or asked for every unit (「统计 本月 单位」), it gives
a unit's figures as an assessment (考核) quotes them instead (`unit_text`, `unit_counts_of`): a
unit's issues are those it holds now and those last escalated (上报) to it, filed in the period.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Literal, TypeVar
from zoneinfo import ZoneInfo

from bot.analysis.location import building_number
from bot.domain.issues import IssueStatus, Role
from bot.domain.lifecycle import DONE, OPEN
from bot.domain.periods import day_span, earlier, joined
from bot.domain.permissions import refusal
from bot.domain.ratings import SATISFIED_FROM
from bot.domain.sources import Source, sources_named
from bot.messages import Document, Outgoing, Reply
from bot.text import echoed, normalize, read_number
from handlers import guide, texts, workload
from handlers.base import Answer, Context, Outcome, Services, answer, check_grid, reply_to
from handlers.changes import count_change, rate_change, time_said
from handlers.ledger import check
from handlers.meeting_stats import MeetingFigures, figures_text, meeting_figures
from handlers.notify import chat_ref, tell_work_groups
from handlers.patrol_stats import figures_sentence, patrol_figures, patrol_lines, patrols_moved
from storage.models import Issue, Reminder
from storage.repositories import LedgerQuery, StatsScope
from storage.uow import UnitOfWork

NO_GRID = "未分网格"
NO_VALUE = "—"

_MONTH = re.compile(
    r"^(?:(\d{4})\s*[-年/.]\s*)?(?:(\d{1,2})\s*|([一二三四五六七八九十]{1,3})(?=月))(?:月份?)?$"
)
_THIS_WEEK, _LAST_WEEK = {"本周", "这周", "这个星期"}, {"上周", "上个星期"}
_THIS_MONTH, _LAST_MONTH = {"本月", "这个月"}, {"上月", "上个月"}
_EVERYTHING = {"全部", "所有", "累计"}
_THIS_YEAR, _LAST_YEAR = (
    {"今年", "本年", "本年度", "今年以来", "全年", "今年全年"},
    {"去年", "上年", "上一年"},
)
_YEAR = re.compile(r"^(\d{4})年?(?:度|全年)?$")
_THIS_QUARTER, _LAST_QUARTER = {"本季度", "这个季度", "本季"}, {"上季度", "上个季度", "上季"}
_QUARTER = re.compile(r"^(?:(\d{4})年)?(?:第?([一二三四1-4])季度?|[Qq]([1-4]))$")
_QUARTER_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_TODAY, _YESTERDAY = {"今天", "今日", "当天"}, {"昨天", "昨日"}
# 「最近7天」「近30天」「过去两周」: the last days up to today, a year at most.
_RECENT = re.compile(
    r"^(?:最近|近|过去)(?P<n>[0-9]{1,3}|[一二两三四五六七八九十]{1,3})(?P<unit>天|日|周|个星期|星期)$"
)
_RECENT_AT_MOST = 366
_CHART = {"图", "图表", "chart"}
# 「统计 本月 环比」: and how the figures moved since the period before; 「同比」 a year before.
_PRIOR = {"环比", "对比", "比较", "比上月", "比上期", "较上月", "和上月比"}
_YEAR_ON_YEAR = {"同比", "比去年", "较去年", "去年同期", "和去年比"}
Compare = Literal["", "prior", "year"]
# 「统计 今年 总结」 (「年报」, 「月报」): the whole report, as the monthly report posts it.
_REPORT = {"总结", "汇总", "报告", "月报", "年报", "全文"}
# 「统计 今年 议事」: the meetings and votes instead (handlers/meeting_stats.py); 议事会 alone is
# the 来源 of the issues meetings made.
_MEETINGS = {"议事", "议事协商", "协商议事", "协商", "会议", "开会"}
# 「统计 本月 走访」: the rounds of 走访 and 巡查 staff told of (handlers/patrol_stats.py).
# (「统计 本月 巡查」 is the issues of the 来源 巡查发现.)
_PATROLS = {"走访", "走访巡查", "巡查走访", "入户", "走访入户", "走访记录", "巡查记录"}
_BY_UNIT = {"单位", "各单位", "按单位", "分单位"}
# 「统计 本月 发工作群」 (「把这个月的统计发到工作群」 said privately): the answer posted there.
_TO_WORK = {"发工作群", "发到工作群", "发群里", "发到群里"}
# 「统计 本月 用时」: how long the issues done took, from filing to 办结 (`durations_text`).
_DURATIONS = {"用时", "办结用时", "时长", "办结时长", "办理时长", "处理时长", "平均用时", "时效"}
# Each grid's line comes with every answer (unless one grid is asked): 「统计 本月 按网格」 is it.
_BY_GRID = {"网格", "各网格", "按网格", "分网格", "每个网格"}
# 「统计 今年 按月」: a line per month of the period instead of per grid.
_BY_MONTH = {"按月", "每月", "各月", "分月", "每个月", "逐月"}
# Each word that turns one of StatsQuery's flags on, to the flag's name ("chart" …).
_FLAGS = {
    **dict.fromkeys(_CHART, "chart"),
    **dict.fromkeys(_MEETINGS, "meetings"),
    **dict.fromkeys(_PATROLS, "patrols"),
    **dict.fromkeys(_REPORT, "report"),
    **dict.fromkeys(_BY_UNIT, "by_unit"),
    **dict.fromkeys(_BY_MONTH, "by_month"),
    **dict.fromkeys(_DURATIONS, "durations"),
    **dict.fromkeys(_TO_WORK, "to_work"),
}
# 「统计 本月 人员」: what each member of staff did; 「网格员」「楼栋长」: each of those.
_EVERYONE = frozenset({Role.SECRETARY, Role.WORKER, Role.HEAD, Role.HANDLER})
_BY_PERSON = {
    **dict.fromkeys(("人员", "工作人员", "个人", "各人", "每人", "按人", "工作量"), _EVERYONE),
    **dict.fromkeys(("网格员", "各网格员", "每个网格员"), frozenset({Role.WORKER})),
    **dict.fromkeys(("楼栋长", "各楼栋长"), frozenset({Role.HEAD})),
}
CHART_FILENAME = "统计.png"


# -- pure counting --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssueStat:
    """What the statistics need of one issue."""

    status: IssueStatus
    category: str
    grid_id: int | None
    deadline: datetime | None
    rating: int | None
    resolved_at: datetime | None = None
    units: tuple[str, ...] = ()  # the units it counts for (`held_units`)
    filed_at: datetime | None = None
    suspended: bool = False  # its clock stopped (挂起)

    @classmethod
    def of(cls, issue: Issue) -> IssueStat:
        """The rating is the one the statistics count (`Issue.counted_rating`, see
        bot.domain.ratings): the issue's own `rating` forgets a low one."""
        return cls(
            issue.status,
            issue.category,
            issue.grid_id,
            issue.deadline,
            issue.counted_rating,
            issue.resolved_at,
            held_units(issue.assignee_unit, issue.escalated_to),
            issue.created_at,
            issue.suspended_at is not None,
        )

    def overdue(self, now: datetime) -> bool:
        """Open and past its deadline at `now` (🔴)."""
        return self.status in OPEN and self.deadline is not None and now > self.deadline

    def on_time(self) -> bool:
        """Done (办结 or 销号), last resolved by its deadline (or it had none)."""
        return (
            self.status in DONE
            and self.resolved_at is not None
            and (self.deadline is None or self.resolved_at <= self.deadline)
        )


def held_units(assignee_unit: str | None, escalated_to: str | None) -> tuple[str, ...]:
    """The units an issue counts for: the one holding it now (派单 to another unit moves it,
    不归我管 takes it off) and the one it was last escalated to (上报), once if the same."""
    return tuple(dict.fromkeys(unit for unit in (assignee_unit, escalated_to) if unit))


@dataclass(frozen=True)
class IssueCounts:
    """The seeds' figures for a set of issues: 收集、办结、办结率、满意率、超期."""

    collected: int = 0
    resolved: int = 0  # 已办结 + 已销号
    open: int = 0  # 待受理 + 已受理 + 办理中
    overdue: int = 0  # open and past the deadline (🔴)
    suspended: int = 0  # open, its clock stopped (挂起): no deadline, never 超期
    rated: int = 0
    satisfied: int = 0  # rated ≥ SATISFIED_FROM
    by_status: Mapping[IssueStatus, int] = field(default_factory=dict)
    by_category: Mapping[str, int] = field(default_factory=dict)  # code → count, most first

    @property
    def resolution_rate(self) -> float | None:
        """办结率: resolved / collected; None when nothing was collected."""
        return self.resolved / self.collected if self.collected else None

    @property
    def satisfaction_rate(self) -> float | None:
        """满意率: rated ≥ 3 / rated; None when nothing was rated."""
        return self.satisfied / self.rated if self.rated else None

    def top_categories(self, n: int = 3) -> list[tuple[str, int]]:
        return list(self.by_category.items())[:n]


def average_days_taken(issues: Iterable[IssueStat]) -> float | None:
    """Of the issues done (办结, 销号), the average calendar days from filing to when each was
    last resolved, as 「统计 … 用时」 counts it in SQL (`Issues.time_taken`); None for none."""
    spans = [
        (issue.resolved_at - issue.filed_at).total_seconds()
        for issue in issues
        if issue.status in DONE and issue.resolved_at is not None and issue.filed_at is not None
    ]
    return sum(spans) / len(spans) / 86400 if spans else None


def count_issues(
    issues: Iterable[IssueStat], now: datetime, *, running: bool = True
) -> IssueCounts:
    """Count a set of issues as seen at `now` (overdue: open with a deadline before `now`).
    Those suspended (挂起) are counted only for a period still `running`: 挂起 is said of the
    present, as `counts_of` counts it."""
    statuses: Counter[IssueStatus] = Counter()
    categories: Counter[str] = Counter()
    overdue = rated = satisfied = suspended = 0
    for issue in issues:
        if issue.status is IssueStatus.MERGED:
            continue  # a duplicate: counted on the issue it joined, as one found at intake is
        statuses[issue.status] += 1
        categories[issue.category] += 1
        overdue += issue.overdue(now)
        suspended += running and issue.suspended
        if issue.rating is not None:
            rated += 1
            satisfied += issue.rating >= SATISFIED_FROM
    # Most first; a tie keeps the order of the first issue of each (sorted() is stable).
    by_category = dict(sorted(categories.items(), key=lambda item: -item[1]))
    counts = _issue_counts(statuses, by_category, overdue, rated, satisfied)
    return replace(counts, suspended=suspended)


def _issue_counts(
    statuses: Counter[IssueStatus],
    by_category: dict[str, int],
    overdue: int,
    rated: int,
    satisfied: int,
) -> IssueCounts:
    """The counts, from the issues per status and per category (in the order to show)."""
    return IssueCounts(
        collected=sum(statuses.values()),
        resolved=statuses[IssueStatus.RESOLVED] + statuses[IssueStatus.CLOSED],
        open=sum(statuses[status] for status in OPEN),
        overdue=overdue,
        rated=rated,
        satisfied=satisfied,
        by_status={status: statuses[status] for status in IssueStatus if statuses[status]},
        by_category=by_category,
    )


def count_by_grid(issues: Iterable[IssueStat], now: datetime) -> dict[int | None, IssueCounts]:
    """`count_issues` per grid id (None: issues outside any grid), in order of first issue."""
    grouped: dict[int | None, list[IssueStat]] = {}
    for issue in issues:
        grouped.setdefault(issue.grid_id, []).append(issue)
    return {grid_id: count_issues(members, now) for grid_id, members in grouped.items()}


@dataclass(frozen=True)
class UnitCounts(IssueCounts):
    """A handling unit's figures, as an assessment (考核) quotes them: 承办 (`collected`, what
    it received), 办结, 按期办结, 超期未办结, 满意率. Not counted per status or category."""

    on_time: int = 0  # resolved by the deadline (`IssueStat.on_time`)

    @property
    def on_time_rate(self) -> float | None:
        """按期率: resolved on time / resolved; None when nothing was resolved."""
        return self.on_time / self.resolved if self.resolved else None


def count_by_unit(issues: Iterable[IssueStat], now: datetime) -> dict[str, UnitCounts]:
    """Each unit's figures, counted from the issues it holds or was escalated to (`units`);
    overdue as `count_issues` judges it at `now`."""
    figures: dict[str, list[int]] = {}
    for issue in issues:
        rating = issue.rating
        seen = (
            1,
            issue.status in DONE,
            issue.status in OPEN,
            issue.overdue(now),
            rating is not None,
            rating is not None and rating >= SATISFIED_FROM,
            issue.on_time(),
        )
        _add_up(figures, issue.units, seen)
    return {unit: unit_counts(counted) for unit, counted in figures.items()}


def _add_up(totals: dict[str, list[int]], units: Iterable[str], seen: Sequence[int]) -> None:
    """Add one issue's (or one group's) figures to each of its units' totals."""
    for unit in units:
        sums = totals.setdefault(unit, [0] * len(seen))
        for index, value in enumerate(seen):
            sums[index] += value


def unit_counts(figures: Sequence[int]) -> UnitCounts:
    """A unit's counts from its figures as `Issues.unit_groups` gives them: received,
    resolved, open, overdue, rated, satisfied, on time."""
    collected, resolved, still_open, overdue, rated, satisfied, on_time = figures
    return UnitCounts(
        collected=collected,
        resolved=resolved,
        open=still_open,
        overdue=overdue,
        rated=rated,
        satisfied=satisfied,
        on_time=on_time,
    )


def percent(rate: float | None) -> str:
    """0.778 → `78%`; None → `—`."""
    return NO_VALUE if rate is None else f"{int(rate * 100 + 0.5)}%"


def short_names(services: Services) -> Callable[[str], str]:
    """The category names the summary sentence uses: 停车 for 停车通行 (`short` in the
    categories file), as in 「分类前三：停车32、排水20、噪音15」."""
    return lambda code: services.category(code).short_name


def summary_sentence(
    period: str, counts: IssueCounts, category_name: Callable[[str], str], *, top: bool = True
) -> str:
    """`本月收集诉求126条，办结98条（办结率78%），满意率92%，超期3条。分类前三：停车32、…。`
    (「超期3条，挂起1条。」 when any is suspended)."""
    if not counts.collected:
        return texts.SUMMARY_NOTHING.format(period=period)
    text = texts.SUMMARY.format(
        period=period,
        collected=counts.collected,
        resolved=counts.resolved,
        rate=percent(counts.resolution_rate),
        satisfaction=satisfaction(counts.satisfaction_rate),
        overdue=counts.overdue,
        suspended=texts.SUMMARY_SUSPENDED.format(count=counts.suspended)
        if counts.suspended
        else "",
    )
    if not top:
        return text
    best = "、".join(f"{category_name(code)}{n}" for code, n in counts.top_categories())
    return text + texts.SUMMARY_TOP.format(top=best)


def satisfaction(rate: float | None) -> str:
    """`满意率92%`, or `暂无评价` when nothing was rated."""
    if rate is None:
        return texts.SUMMARY_UNRATED
    return texts.SUMMARY_SATISFACTION.format(rate=percent(rate))


def unit_sentence(period: str, unit: str, counts: UnitCounts) -> str:
    """`本周物业承办诉求5条，办结3条（办结率60%），按期办结2条（按期率67%），满意率100%，
    超期未办结1条。`"""
    if not counts.collected:
        return texts.UNIT_NOTHING.format(period=period, unit=unit)
    on_time_rate = counts.on_time_rate
    return texts.UNIT_SUMMARY.format(
        period=period,
        unit=unit,
        received=counts.collected,
        resolved=counts.resolved,
        rate=percent(counts.resolution_rate),
        on_time=counts.on_time,
        on_time_rate=""
        if on_time_rate is None
        else texts.UNIT_ON_TIME_RATE.format(rate=percent(on_time_rate)),
        satisfaction=satisfaction(counts.satisfaction_rate),
        overdue=counts.overdue,
    )


def unit_line(unit: str, counts: UnitCounts) -> str:
    """`物业：承办5条，办结3条，按期2条，超期1条，满意率100%`."""
    return texts.UNIT_LINE.format(
        unit=unit,
        received=counts.collected,
        resolved=counts.resolved,
        on_time=counts.on_time,
        overdue=counts.overdue,
        satisfaction=satisfaction(counts.satisfaction_rate),
    )


def by_unit_order(
    per_unit: Mapping[str, UnitCounts], configured: Sequence[str]
) -> list[tuple[str, UnitCounts]]:
    """The units with issues, most received first; a tie in the config's order, then any
    unit no longer configured by name."""
    rank = {name: index for index, name in enumerate(configured)}
    order = sorted(per_unit, key=lambda u: (-per_unit[u].collected, rank.get(u, len(rank)), u))
    return [(unit, per_unit[unit]) for unit in order if per_unit[unit].collected]


def month_range(month: tuple[int, int], tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The instants a local calendar month starts and ends (end excluded)."""
    year, number = month
    if not 1 <= number <= 12:
        raise ValueError(f"no month {number}")
    start = datetime(year, number, 1, tzinfo=tz)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=tz)
    return start, end


def period_label(month: tuple[int, int] | None) -> str:
    return f"{month[0]}年{month[1]}月" if month else "累计"


def previous_month(today: date) -> tuple[int, int]:
    return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)


def parse_month(typed: str, today: date) -> tuple[int, int] | None:
    """`本月` `上月` `2026-11` `2026年11月` `11月` → (year, month), a month alone the last one of
    that name (this year's, or last year's when it is still to come); blank → None (everything).

    Raises ValueError for anything else.
    """
    word = normalize(typed).replace(" ", "")
    if word in ("", *_EVERYTHING):
        return None
    if word in _THIS_MONTH:
        return today.year, today.month
    if word in _LAST_MONTH:
        return previous_month(today)
    match = _MONTH.match(word)
    number = read_number(match[2] or match[3]) if match is not None else None
    if match is None or number is None or not 1 <= number <= 12:
        raise ValueError(word)
    # A month not yet come this year is last year's: figures look back (「统计 12月」 in
    # November is last December's).
    year = int(match[1]) if match[1] else today.year - (number > today.month)
    return year, number


# -- periods and filters --------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A stretch of filing time, as /stats names it: 本月, 11月, 2025年12月, 本周, 累计."""

    label: str
    since: datetime | None
    until: datetime | None

    def so_far(self, now: datetime) -> datetime:
        """Its end, or `now` while it is still running."""
        return now if self.until is None else min(now, self.until)


def month_span(month: tuple[int, int] | None, tz: ZoneInfo) -> Period:
    """A month as a whole, labelled with its year (`2026年11月`); None: everything (`累计`)."""
    if month is None:
        return Period(period_label(None), None, None)
    return Period(period_label(month), *month_range(month, tz))


def period_slug(period: Period) -> str:
    """How a file names the period: `2026-11`, `2026`, `2026-Q4`, a day `20261120`, other days
    `20261101-20261115` (this week's: its Monday `20261123`); "" for everything."""
    if period.since is None:
        return ""
    start = period.since
    if period.until is not None and start.day == 1 and start.hour == 0:
        months = (period.until.year - start.year) * 12 + period.until.month - start.month
        if months == 1:
            return f"{start.year}-{start.month:02d}"
        if months == 12 and start.month == 1:
            return f"{start.year}"
        if months == 3 and start.month % 3 == 1:
            return f"{start.year}-Q{start.month // 3 + 1}"
    if period.until is not None and period.until - start > timedelta(days=1):
        return f"{start:%Y%m%d}-{period.until - timedelta(days=1):%Y%m%d}"
    return f"{start:%Y%m%d}"


def month_period(month: tuple[int, int], today: date, tz: ZoneInfo) -> Period:
    """`11月` in the current year, `2025年12月` in another."""
    label = f"{month[1]}月" if month[0] == today.year else period_label(month)
    return Period(label, *month_range(month, tz))


def parse_period(word: str, now: datetime, tz: ZoneInfo) -> Period:
    """One word of /stats naming a period; ValueError when it names none."""
    local = now.astimezone(tz)
    today = local.date()
    monday = datetime.combine(today - timedelta(days=today.weekday()), time(0), tzinfo=tz)
    if word in _THIS_WEEK:
        return Period("本周", monday, None)
    if word in _LAST_WEEK:
        return Period("上周", monday - timedelta(days=7), monday)
    if word in _THIS_MONTH:
        return Period("本月", *month_range((today.year, today.month), tz))
    longer = _year_or_quarter(word, today, tz) or _days(word, today, tz)
    if longer is not None:
        return longer
    if (span := day_span(word, today)) is not None:  # 「11月1日到15日」「11月20日以来」
        since = datetime.combine(span.first, time(0), tzinfo=tz)
        after = span.last + timedelta(days=1) if span.last else None
        until = datetime.combine(after, time(0), tzinfo=tz) if after else None
        return Period(span.label, since, until)
    month = parse_month(word, today)
    if month is None:
        return Period("累计", None, None)
    return month_period(month, today, tz)


def _days(word: str, today: date, tz: ZoneInfo) -> Period | None:
    """`今天` `昨天`, `最近7天` `近30天` `过去两周` (today and the days before it); None for other
    words."""
    midnight = datetime.combine(today, time(0), tzinfo=tz)
    if word in _TODAY:
        return Period("今天", midnight, None)
    if word in _YESTERDAY:
        return Period("昨天", midnight - timedelta(days=1), midnight)
    recent = _RECENT.match(word)
    if recent is None:
        return None
    count = read_number(recent["n"]) or 0
    days = count * (7 if recent["unit"] in ("周", "个星期", "星期") else 1)
    if not 1 <= days <= _RECENT_AT_MOST:
        return None
    return Period(f"近{days}天", midnight - timedelta(days=days - 1), None)


def _year_or_quarter(word: str, today: date, tz: ZoneInfo) -> Period | None:
    """`今年` `去年` `2025年`, `本季度` `上季度` `第三季度` `2026年Q1`; None for other words."""
    year = today.year
    typed = _YEAR.match(word)
    if word in _THIS_YEAR or word in _LAST_YEAR or typed is not None:
        if typed is not None:
            year, label = int(typed[1]), f"{typed[1]}年"
        else:
            year, label = (year, "今年") if word in _THIS_YEAR else (year - 1, "去年")
        start = datetime(year, 1, 1, tzinfo=tz)
        return Period(label, start, datetime(year + 1, 1, 1, tzinfo=tz))
    current = (today.month - 1) // 3 + 1
    if word in _THIS_QUARTER:
        quarter, label = current, "本季度"
    elif word in _LAST_QUARTER:
        quarter, label = current - 1, "上季度"
        if quarter == 0:
            year, quarter = year - 1, 4
    elif quarter_typed := _QUARTER.match(word):
        year = int(quarter_typed[1]) if quarter_typed[1] else year
        quarter = _QUARTER_NUMBERS[quarter_typed[2] or quarter_typed[3]]
        named = f"第{'一二三四'[quarter - 1]}季度"
        label = named if year == today.year else f"{year}年{named}"
    else:
        return None
    start = datetime(year, quarter * 3 - 2, 1, tzinfo=tz)
    end = month_range((year, quarter * 3), tz)[1]
    return Period(label, start, end)


@dataclass(frozen=True)
class StatsQuery:
    """What /stats was asked: a period, and optionally some grids, categories and handling
    units; `by_unit`: one line per unit (「统计 本月 单位」)."""

    period: Period
    grid_ids: frozenset[int] = frozenset()
    categories: frozenset[str] = frozenset()
    chart: bool = False
    units: frozenset[str] = frozenset()
    by_unit: bool = False
    by_month: bool = False
    buildings: frozenset[str] = frozenset()  # 「统计 今年 3号楼」
    people: frozenset[int] = frozenset()  # 「统计 本周 张网格」: their work (`handlers.workload`)
    staff: frozenset[Role] = frozenset()  # 「统计 本月 人员」「统计 网格员」: each one's work
    sources: frozenset[str] = frozenset()  # 「统计 本月 12345」: of that 来源
    by_source: bool = False  # 「统计 本月 来源」: a line per 来源 instead of per grid
    meetings: bool = False  # 「统计 今年 议事」: the meetings and votes held
    report: bool = False  # 「统计 今年 总结」: the report, units, 来源 and meetings with it
    compare: Compare = ""  # 「环比」 prior: the period before; 「同比」 year: a year before
    patrols: bool = False  # 「统计 本月 走访」: the rounds of 走访 and 巡查 made
    durations: bool = False  # 「统计 本月 用时」: how long the issues done took
    to_work: bool = False  # 「统计 本月 发工作群」: posted to the work groups

    @property
    def of_people(self) -> bool:
        """Asked for what members of staff did rather than the issues' figures."""
        return bool(self.people or self.staff)

    @property
    def of_units(self) -> bool:
        """Asked for units' figures rather than the community's."""
        return self.by_unit or bool(self.units)

    def scope(self, community_id: int) -> StatsScope:
        """The issues counted: the community's, filed in the period, narrowed as asked."""
        period = self.period
        return StatsScope(
            community_id,
            period.since,
            period.until,
            self.grid_ids,
            self.categories,
            self.units,
            self.buildings,
            self.sources,
        )


def parse_stats_args(
    args: str,
    *,
    now: datetime,
    tz: ZoneInfo,
    grids: Mapping[str, int],
    categories: Sequence[tuple[str, str]],
    units: Collection[str] = (),
    people: Mapping[str, int] | None = None,
) -> StatsQuery:
    """`上月 网格3 排水 图` in any order; ValueError(word) for a word that is none of these.

    `grids` maps grid names to ids; `categories` are (code, name). A category is its name, its
    code, or a part of its name that fits only one (`排水` → 排水管道). A unit (of `units`) is
    its whole name, read before the categories: `物业` is the unit, `物业服务` the category;
    or, after them, a part of one unit's name that is no category (`城管` → 街道城管办).
    `单位` asks for every unit. A member of staff is their name (of `people`: names to ids);
    `人员` asks for every member of staff, `网格员` for every grid worker.
    """
    people = people or {}
    period: Period | None = None
    grid_ids: set[int] = set()
    codes: set[str] = set()
    named: set[str] = set()
    buildings: set[str] = set()
    persons: set[int] = set()
    staff: set[Role] = set()
    sources: set[str] = set()
    flags: set[str] = set()  # of _FLAGS: 「图」「议事」「走访」「总结」「单位」「按月」
    by_source = False
    compare: Compare = ""
    for word in joined(normalize(args)).split(" ") if args.strip() else []:
        if (flag := _FLAGS.get(word.lower())) is not None:
            flags.add(flag)
        elif word in _PRIOR or word in _YEAR_ON_YEAR:
            compare = "year" if word in _YEAR_ON_YEAR else "prior"
        elif word in _BY_GRID:
            pass
        elif (of_sources := sources_named(word)) is not None:
            sources.update(source.value for source in of_sources)
            by_source = by_source or not of_sources  # 「来源」 itself: a line for each
        elif word in grids:
            grid_ids.add(grids[word])
        elif word in units:
            named.add(word)
        elif word.lstrip("@") in people:
            persons.add(people[word.lstrip("@")])
        elif word in _BY_PERSON:
            staff.update(_BY_PERSON[word])
        elif (code := category_code(word, categories)) is not None:
            codes.add(code)
        elif len(found := [u for u in units if len(word) >= 2 and word in u]) == 1:
            named.add(found[0])  # 「城管」: a part of one unit's name that is no category
        elif not word.isdecimal() and (building := building_number(word)) is not None:
            buildings.add(building)  # 「3号楼」「5栋」
        elif period is None:
            period = parse_period(word, now, tz)  # raises ValueError for nonsense
        else:
            raise ValueError(word)
    if period is None:  # by month: this year's months
        period = parse_period("今年" if "by_month" in flags else "本月", now, tz)
    return StatsQuery(
        period,
        frozenset(grid_ids),
        frozenset(codes),
        "chart" in flags,
        frozenset(named),
        "by_unit" in flags,
        "by_month" in flags,
        frozenset(buildings),
        frozenset(persons),
        frozenset(staff),
        frozenset(sources),
        by_source,
        "meetings" in flags,
        "report" in flags,
        compare,
        "patrols" in flags,
        "durations" in flags,
        "to_work" in flags,
    )


def category_code(word: str, categories: Sequence[tuple[str, str]]) -> str | None:
    """A category as typed: its name, its code, or a part of its name only it has (排水)."""
    for code, name in categories:
        if word in (name, code) or word.lower() == code:
            return code
    if len(word) < 2:
        return None
    partial = [code for code, name in categories if word in name]
    return partial[0] if len(partial) == 1 else None


# -- reading the database -------------------------------------------------------------------------


def stats_text(
    uow: UnitOfWork,
    services: Services,
    community_id: int,
    query: StatsQuery,
) -> str:
    """The summary sentence for the query, then one line per grid (unless one grid was asked).

    Counted in SQL (`counts_of`): no issue is loaded whole, however many the period holds.
    Asked of units, their figures instead (`unit_text`).
    """
    if query.of_units:
        return unit_text(uow, services, community_id, query)
    now = services.clock.now()
    grids = {grid.id: grid.name for grid in uow.communities.grids_of(community_id)}

    def name_of(code: str) -> str:
        return services.category(code).name

    label = stats_label(services, grids, query)
    counts, per_grid = counts_of(uow, community_id, query, now)
    top = len(query.categories) != 1
    lines = [summary_sentence(label, counts, short_names(services), top=top)]
    if query.compare and query.period.since is not None:  # 「统计 本月 环比」
        lines.append(compared(uow, community_id, query, counts, now))
    if counts.collected and query.sources:  # 「统计 本月 12345」: and the orders' time limits
        lines += _limits_line(uow, community_id, query, now)
    if counts.collected and query.by_month:
        months = _month_lines(uow, community_id, query, now, services.settings.tz)
        return "\n".join(lines + months)
    if counts.collected and query.by_source:
        return "\n".join(lines + _source_lines(uow, community_id, query, now))
    if counts.collected and len(query.grid_ids) != 1 and not query.buildings:
        lines += [counts_line(name, grid) for name, grid in by_grid_name(grids, per_grid)]
    whole = not (query.grid_ids or query.buildings or query.categories or query.sources)
    period = query.period
    if whole and (asked := guide.figures(uow, community_id, period.since, period.until)):
        lines.append(asked)  # what was answered at once, never filed
    return "\n".join(lines)


def compared(
    uow: UnitOfWork, community_id: int, query: StatsQuery, counts: IssueCounts, now: datetime
) -> str:
    """「较10月（收集11条，办结率45%）：收集增加1条（+9%），办结率提高5个百分点，满意率持平。」:
    the same figures for the period before (`bot.domain.periods.earlier`: 上月同期 for one still
    running), with the same grids, categories and 来源."""
    then = earlier_query(query, now)
    was, _ = counts_of(uow, community_id, then, now)
    return moved(then.period.label, counts, was, "收集")


def earlier_query(query: StatsQuery, now: datetime) -> StatsQuery:
    """The query of the period to compare with (`bot.domain.periods.earlier`), else the same."""
    period = query.period
    assert period.since is not None
    before = earlier(period.since, period.until, now, year_on_year=query.compare == "year")
    return replace(query, period=Period(before.label, before.since, before.until))


def moved(label: str, counts: IssueCounts, was: IssueCounts, collected: str) -> str:
    """「较10月（收集1条，办结率0%）：收集增加10条（+1000%），办结率提高45个百分点。」: how the
    figures moved from `was` (of the period `label` names); a unit's (承办) with its 按期率."""
    if not was.collected:
        return texts.COMPARED_NOTHING.format(label=label)
    return texts.COMPARED.format(
        label=label,
        what=collected,
        collected=was.collected,
        rate=percent(was.resolution_rate),
        changes="，".join(_changes(counts, was, collected)),
    )


def _changes(
    counts: IssueCounts, was: IssueCounts, collected: str, *, same: bool = True
) -> list[str]:
    """「收集增加10条（+1000%）」「办结率提高45个百分点」…: each figure against `was`; one that
    did not move said 持平, or, not `same`, left out."""
    changes = [count_change(collected, counts.collected, was.collected, share=True, same=same)]
    rates = [("办结率", counts.resolution_rate, was.resolution_rate)]
    if isinstance(counts, UnitCounts) and isinstance(was, UnitCounts):
        rates.append(("按期率", counts.on_time_rate, was.on_time_rate))
    rates.append(("满意率", counts.satisfaction_rate, was.satisfaction_rate))
    for what, rate, rate_was in rates:
        if rate is not None and rate_was is not None:  # nothing to divide: no rate to compare
            changes.append(rate_change(what, rate, rate_was, same=same))
    if counts.overdue != was.overdue:
        changes.append(count_change("超期", counts.overdue, was.overdue, share=False))
    return [change for change in changes if change]


def unit_moved(label: str, counts: UnitCounts, was: UnitCounts | None) -> str:
    """「；较10月承办增加2条（+67%），办结率提高5个百分点」 after a unit's line in 「统计 本月 单位
    环比」: what changed, and nothing of what did not."""
    if was is None or not was.collected:
        return texts.UNIT_LINE_NEW.format(label=label)
    changes = _changes(counts, was, texts.UNIT_RECEIVED, same=False)
    if not changes:
        return texts.UNIT_LINE_SAME.format(label=label)
    return texts.UNIT_LINE_MOVED.format(label=label, changes="，".join(changes))


def meetings_moved(label: str, figures: MeetingFigures, was: MeetingFigures) -> str:
    """「较去年（召开会议2次，表决1次）：召开会议增加1次，表决持平，形成决议增加1项。」: 「统计
    今年 议事 同比」."""
    if was.nothing:
        return texts.MEETINGS_COMPARED_NOTHING.format(label=label)
    held, held_was = sum(figures.held.values()), sum(was.held.values())
    changes = [
        count_change("召开会议", held, held_was, share=False, unit="次"),
        count_change("表决", figures.votes, was.votes, share=False, unit="次"),
        count_change("形成决议", figures.decided, was.decided, share=False, unit="项"),
    ]
    if figures.actions or was.actions:
        actions = count_change("议定行动事项", figures.actions, was.actions, share=False, unit="件")
        changes.append(actions)
    return texts.MEETINGS_COMPARED.format(
        label=label, held=held_was, votes=was.votes, changes="，".join(changes)
    )


def durations_text(
    uow: UnitOfWork, services: Services, community_id: int, query: StatsQuery
) -> str:
    """「本月办结诉求2条，平均用时1.5天；最久的是 #2，用了3天。」 then a line per grid (per unit
    held, 「统计 本月 单位 用时」), counted in SQL from each issue's filing to its last 办结."""
    lines = _durations_lines(uow, services, community_id, query, each=True)
    if lines:
        return "\n".join(lines)
    grids = {grid.id: grid.name for grid in uow.communities.grids_of(community_id)}
    return texts.DURATIONS_NONE.format(period=stats_label(services, grids, query))


def took_line(uow: UnitOfWork, services: Services, community_id: int, query: StatsQuery) -> str:
    """「本月办结诉求3条，平均用时1.5天；最久的是 #2，用了3.1天。」 (`durations_text`'s first
    line), or "" when nothing of the query's was done: the web statistics page shows it."""
    return next(iter(_durations_lines(uow, services, community_id, query, each=False)), "")


def _durations_lines(
    uow: UnitOfWork, services: Services, community_id: int, query: StatsQuery, *, each: bool
) -> list[str]:
    """`durations_text`'s lines (only its first unless `each`); none when nothing was done."""
    scope = query.scope(community_id)
    whole = uow.issues.time_taken(scope, done_statuses=DONE)
    slowest = uow.issues.slowest(scope, done_statuses=DONE)
    if not whole or slowest is None:
        return []
    (_, done, average), (number, longest) = whole[0], slowest
    grids = {grid.id: grid.name for grid in uow.communities.grids_of(community_id)}
    said = texts.DURATIONS if done > 1 else texts.DURATIONS_ONE
    period = stats_label(services, grids, query)
    lines = [
        said.format(
            period=period,
            done=done,
            average=time_said(average),
            number=number,
            longest=time_said(longest),
        )
    ]
    if not each or done == 1:
        return lines
    if query.by_unit:  # each unit that held what was done, most first (none held: left out)
        rows = uow.issues.time_taken(scope, done_statuses=DONE, by="unit")
        held = sorted((row for row in rows if row[0] is not None), key=lambda row: -row[1])
        named = [(str(unit), n, mean) for unit, n, mean in held]
    elif len(query.grid_ids) != 1 and not query.buildings:  # each grid's, in the grids' order
        rows = uow.issues.time_taken(scope, done_statuses=DONE, by="grid")
        per_grid = {key: (n, mean) for key, n, mean in rows if not isinstance(key, str)}
        order: list[int | None] = [g for g in grids if g in per_grid]
        order += [g for g in per_grid if g not in grids]
        named = [(grids.get(g, NO_GRID) if g is not None else NO_GRID, *per_grid[g]) for g in order]
    else:
        return lines
    return lines + [
        texts.DURATIONS_LINE.format(name=name, done=n, average=time_said(mean))
        for name, n, mean in named
    ]


def _limits_line(uow: UnitOfWork, community_id: int, query: StatsQuery, now: datetime) -> list[str]:
    """「有办理时限的工单3条：时限内办结1条（按时办结率50%），超时限未办结1条。」 when some of
    the query's issues are work orders with a time limit (`Issue.due_by`); 按时 is done within
    it, of those done; 超时限 open past it, judged as 超期 is."""
    limited, done, on_time, late = uow.issues.limit_figures(
        query.scope(community_id),
        now=judged_at(query.period, now),
        open_statuses=OPEN,
        done_statuses=DONE,
    )
    if not limited:
        return []
    rate = texts.SUMMARY_LIMITS_RATE.format(rate=percent(on_time / done)) if done else ""
    return [texts.SUMMARY_LIMITS.format(limited=limited, on_time=on_time, rate=rate, late=late)]


def counts_line(name: str, counts: IssueCounts) -> str:
    """「网格3：收集5条，办结2条（40%），超期3条」 for a grid, or a month (「11月：…」)."""
    line = texts.STATS_GRID.format(
        grid=name,
        collected=counts.collected,
        resolved=counts.resolved,
        rate=texts.STATS_GRID_RATE.format(rate=percent(counts.resolution_rate))
        if counts.collected
        else "",
    )
    if counts.overdue:
        line += texts.STATS_GRID_OVERDUE.format(overdue=counts.overdue)
    return line


def _source_lines(
    uow: UnitOfWork, community_id: int, query: StatsQuery, now: datetime
) -> list[str]:
    """「电话反映：收集2条，办结1条（50%）」 for each 来源 of the query's issues."""
    return [
        counts_line(source.label, counts)
        for source, counts in source_counts(uow, community_id, query, now)
    ]


def source_counts(
    uow: UnitOfWork, community_id: int, query: StatsQuery, now: datetime
) -> list[tuple[Source, IssueCounts]]:
    """The counts of each 来源 of the query's issues, in `Source`'s order: one GROUP BY
    (source, status, category)."""
    groups = uow.issues.source_groups(
        query.scope(community_id),
        now=judged_at(query.period, now),
        open_statuses=OPEN,
        satisfied_from=SATISFIED_FROM,
    )
    return _in_source_order(_per_key(groups))


def _in_source_order(per_source: Mapping[str, IssueCounts]) -> list[tuple[Source, IssueCounts]]:
    return [(source, per_source[source.value]) for source in Source if source.value in per_source]


def count_by_month(
    stats: Sequence[IssueStat], period: Period, now: datetime, tz: ZoneInfo
) -> list[tuple[str, IssueCounts]]:
    """Each month of the period up to now (from its first month with an issue) and its
    counts, 超期 judged at the month's end as 「统计 今年 按月」 judges it: the xlsx's 按月."""
    filed = [stat.filed_at for stat in stats if stat.filed_at is not None]
    since = period.since or (min(filed) if filed else None)
    if since is None:
        return []
    today = now.astimezone(tz).date()
    rows: list[tuple[str, IssueCounts]] = []
    for month in months_from(since, period.so_far(now), tz):
        start, end = month_range(month, tz)
        mine = [s for s in stats if s.filed_at is not None and start <= s.filed_at < end]
        counts = count_issues(mine, min(now, end), running=now < end)
        if rows or counts.collected > 0:
            rows.append((month_period(month, today, tz).label, counts))
    return rows


def months_from(since: datetime, until: datetime, tz: ZoneInfo) -> Iterator[tuple[int, int]]:
    """The local calendar months (year, month) from the one `since` falls in to the last one
    starting before `until`."""
    local = since.astimezone(tz)
    month = (local.year, local.month)
    while (start := month_range(month, tz)[0]) < until:
        yield month
        month = (start.year + start.month // 12, start.month % 12 + 1)


def _month_lines(
    uow: UnitOfWork, community_id: int, query: StatsQuery, now: datetime, tz: ZoneInfo
) -> list[str]:
    """「1月：收集12条，办结10条」 for each month of the query's period up to now, from its
    first month with an issue (a month of none since says 收集0条)."""
    return [
        counts_line(label, counts)
        for label, counts in month_counts(uow, community_id, query, now, tz)
    ]


def month_counts(
    uow: UnitOfWork, community_id: int, query: StatsQuery, now: datetime, tz: ZoneInfo
) -> list[tuple[str, IssueCounts]]:
    """Each month of the query's period up to now, from its first month with an issue, and
    its counts, in one GROUP BY (month, status) (`Issues.month_groups`; 超期 judged at the
    month's end)."""
    since = query.period.since or uow.issues.first_filed(query.scope(community_id))
    if since is None:
        return []
    today = now.astimezone(tz).date()
    months = list(months_from(since, query.period.so_far(now), tz))
    if not months:
        return []
    bounds = [month_range(month, tz)[0] for month in months] + [month_range(months[-1], tz)[1]]
    statuses: list[Counter[IssueStatus]] = [Counter() for _ in months]
    figures = [[0, 0, 0] for _ in months]  # overdue, rated, satisfied
    for index, status, n, late, rated, satisfied in uow.issues.month_groups(
        query.scope(community_id),
        bounds,
        now=now,
        open_statuses=OPEN,
        satisfied_from=SATISFIED_FROM,
    ):
        if status is IssueStatus.MERGED:
            continue  # as count_issues
        statuses[index][status] += n
        for slot, value in enumerate((late, rated, satisfied)):
            figures[index][slot] += value
    rows: list[tuple[str, IssueCounts]] = []
    for month, counted, (late, rated, satisfied) in zip(months, statuses, figures, strict=True):
        counts = _issue_counts(counted, {}, late, rated, satisfied)
        if rows or counts.collected > 0:
            rows.append((month_period(month, today, tz).label, counts))
    return rows


def unit_text(uow: UnitOfWork, services: Services, community_id: int, query: StatsQuery) -> str:
    """「统计 本周 物业」: a sentence per unit named; 「统计 本月 单位」: one line per unit with
    issues, most first (of the units named, when some are). Counted in SQL (`unit_counts_of`)."""
    now = services.clock.now()
    grids = {grid.id: grid.name for grid in uow.communities.grids_of(community_id)}
    label = stats_label(services, grids, replace(query, units=frozenset(), by_unit=False))
    per_unit = unit_counts_of(uow, community_id, query, now)
    configured = unit_names(uow, services, community_id)
    then = earlier_query(query, now) if query.compare and query.period.since else None
    was = unit_counts_of(uow, community_id, then, now) if then else {}
    if not query.by_unit:
        named = [u for u in configured if u in query.units]
        named += sorted(query.units.difference(configured))
        lines = []
        for unit in named:
            counts = per_unit.get(unit, UnitCounts())
            lines.append(unit_sentence(label, unit, counts))
            if then is not None:  # 「统计 本月 物业 环比」
                before, earlier_label = was.get(unit, UnitCounts()), then.period.label
                lines.append(
                    moved(earlier_label, counts, before, texts.UNIT_RECEIVED)
                    if before.collected
                    else texts.UNIT_COMPARED_NOTHING.format(label=earlier_label, unit=unit)
                )
        return "\n".join(lines)
    lines = every_unit(per_unit, configured, label)
    if then is not None and lines:  # 「统计 本月 单位 环比」: how each moved
        ordered = by_unit_order(per_unit, configured)
        moves = [unit_moved(then.period.label, c, was.get(u)) for u, c in ordered]
        lines = lines[:1] + [line + move for line, move in zip(lines[1:], moves, strict=True)]
    return "\n".join(lines) if lines else texts.UNITS_NOTHING.format(period=label)


def every_unit(
    per_unit: Mapping[str, UnitCounts], configured: Sequence[str], label: str
) -> list[str]:
    """「本月各单位承办情况：」 and a line per unit with issues (`by_unit_order`); nothing when
    none has."""
    lines = [unit_line(unit, counts) for unit, counts in by_unit_order(per_unit, configured)]
    return [texts.UNITS_HEAD.format(period=label), *lines] if lines else []


def unit_names(uow: UnitOfWork, services: Services, community_id: int) -> list[str]:
    """The community's handling units, in the config's order."""
    code = uow.communities.get(community_id).code
    return [unit.name for unit in services.community_settings(code).units]


def unit_counts_of(
    uow: UnitOfWork, community_id: int, query: StatsQuery, now: datetime
) -> dict[str, UnitCounts]:
    """What `count_by_unit` gives for the query's issues (of its units, when named), counted
    in the database; 超期 judged as `counts_of` judges it."""
    groups = uow.issues.unit_groups(
        query.scope(community_id),
        now=judged_at(query.period, now),
        open_statuses=OPEN,
        done_statuses=DONE,
        satisfied_from=SATISFIED_FROM,
    )
    return {unit: unit_counts(figures) for unit, figures in groups.items()}


@dataclass(frozen=True)
class AllCounts:
    """A query's figures each way the web statistics page shows them."""

    counts: IssueCounts
    per_grid: dict[int | None, IssueCounts]
    per_source: list[tuple[Source, IssueCounts]]
    per_unit: dict[str, UnitCounts]


def all_counts(uow: UnitOfWork, community_id: int, query: StatsQuery, now: datetime) -> AllCounts:
    """What `counts_of`, `source_counts` and `unit_counts_of` give for the query, from one
    GROUP BY (`Issues.tally_groups`) where the three make four passes over the issues."""
    groups = uow.issues.tally_groups(
        query.scope(community_id),
        now=judged_at(query.period, now),
        open_statuses=OPEN,
        done_statuses=DONE,
        satisfied_from=SATISFIED_FROM,
    )
    by_grid: list[_Group] = []
    by_source: list[tuple[str, IssueStatus, str, int, int, int, int, int]] = []
    per_unit: dict[str, list[int]] = {}
    for group in groups:
        status, n = group.status, group.issues
        figures = (status, group.category, n, group.overdue, group.lowest)
        rates = (group.rated, group.satisfied)
        by_grid.append((group.grid_id, *figures, *rates))
        by_source.append((group.source, *figures, *rates))
        done, still_open = n if status in DONE else 0, n if status in OPEN else 0
        seen = (n, done, still_open, group.overdue, *rates, group.on_time)
        units = held_units(group.held, group.whistled)
        _add_up(per_unit, [u for u in units if not query.units or u in query.units], seen)
    return AllCounts(
        _counted(by_grid),
        _per_key(by_grid),
        _in_source_order(_per_key(by_source)),
        {unit: unit_counts(figures) for unit, figures in per_unit.items()},
    )


def judged_at(period: Period, now: datetime) -> datetime:
    """When 超期 is judged: now, or at the end of a period that has ended (November's figure
    does not grow with deadlines that fall in December)."""
    return period.so_far(now)


def by_grid_name(
    grids: Mapping[int, str], per_grid: Mapping[int | None, IssueCounts]
) -> list[tuple[str, IssueCounts]]:
    """`counts_of`'s counts per grid by grid name: the community's grids in their order, then
    any others (未分网格 for the issues outside every grid)."""
    order: list[int | None] = [g for g in grids if g in per_grid]
    order += [g for g in per_grid if g not in grids]
    return [(grids[g] if g is not None and g in grids else NO_GRID, per_grid[g]) for g in order]


_Group = tuple[int | None, IssueStatus, str, int, int, int, int, int]
"""A row of `Issues.stats_groups`: grid id, status, category, count, overdue, lowest number,
rated, satisfied."""


def counts_of(
    uow: UnitOfWork, community_id: int, query: StatsQuery, now: datetime
) -> tuple[IssueCounts, dict[int | None, IssueCounts]]:
    """What `count_issues` and `count_by_grid` give for the query's issues, counted in the
    database: one GROUP BY (grid, status, category). 超期 as `judged_at` judges it; in the
    whole of a period still running, how many stand suspended (挂起) now."""
    scope, judged = query.scope(community_id), judged_at(query.period, now)
    groups = uow.issues.stats_groups(
        scope, now=judged, open_statuses=OPEN, satisfied_from=SATISFIED_FROM
    )
    total = _counted(groups)
    if total.open and judged == now:  # a period still running (挂起 is said of now)
        total = replace(total, suspended=uow.issues.suspended_in(scope))
    return total, _per_key(groups)


_Key = TypeVar("_Key")


def _per_key(
    groups: Iterable[tuple[_Key, IssueStatus, str, int, int, int, int, int]],
) -> dict[_Key, IssueCounts]:
    """`_counted` of each first field's groups (a grid, a 来源), in order of its first issue."""
    by_key: dict[_Key, list[_Group]] = {}
    first: dict[_Key, int] = {}
    for key, status, category, n, late, number, rated, satisfied in groups:
        row = (None, status, category, n, late, number, rated, satisfied)
        by_key.setdefault(key, []).append(row)
        first[key] = min(first.get(key, number), number)
    return {key: _counted(by_key[key]) for key in sorted(by_key, key=first.__getitem__)}


def _counted(groups: Iterable[_Group]) -> IssueCounts:
    """`count_issues` from grouped rows; a category tie in order of its first issue."""
    statuses: Counter[IssueStatus] = Counter()
    categories: Counter[str] = Counter()
    first: dict[str, int] = {}
    overdue = rated = satisfied = 0
    for _, status, category, n, late, number, group_rated, group_satisfied in groups:
        if status is IssueStatus.MERGED:
            continue  # as count_issues
        statuses[status] += n
        categories[category] += n
        overdue += late
        rated += group_rated
        satisfied += group_satisfied
        first[category] = min(first.get(category, number), number)
    order = sorted(categories, key=lambda code: (-categories[code], first[code]))
    by_category = {code: categories[code] for code in order}
    return _issue_counts(statuses, by_category, overdue, rated, satisfied)


def stats_label(services: Services, grids: Mapping[int, str], query: StatsQuery) -> str:
    """`11月`, or `11月（网格3·排水管道·物业）` when narrowed (`（各单位）` for every unit)."""
    narrowed = [grids[g] for g in grids if g in query.grid_ids]
    narrowed += [f"{b}号楼" for b in sorted(query.buildings)]
    narrowed += [services.category(code).name for code in sorted(query.categories)]
    narrowed += [texts.STATS_EVERY_UNIT] if query.by_unit else sorted(query.units)
    narrowed += [Source(value).label for value in sorted(query.sources)]
    if not narrowed:
        return query.period.label
    return query.period.label + texts.STATS_FILTERS.format(filters="·".join(narrowed))


CHART_WEEKS = 26
CHART_MONTHS = 24  # a trend by month shows at most the last two years
"""The trend shows at most this many weeks (the latest)."""


def stats_chart(
    uow: UnitOfWork, services: Services, community_id: int, query: StatsQuery
) -> tuple[bytes, str]:
    """The picture for 「统计 图」 (`bot.charts`): by category, and collected/resolved by week;
    with the summary sentence as its caption (a unit's: its issues, with its sentence; every
    unit's: the issues of the configured units, with the lines of 「统计 单位」)."""
    from bot.charts import BY_CATEGORY, BY_MONTH, BY_WEEK, render_stats_chart  # matplotlib

    if query.by_unit and not query.units:
        query = replace(query, units=frozenset(unit_names(uow, services, community_id)))
    tz = services.settings.tz
    now = services.clock.now()
    grids = {grid.id: grid.name for grid in uow.communities.grids_of(community_id)}
    counts, _ = counts_of(uow, community_id, query, now)
    bars = [(services.category(code).name, n) for code, n in counts.by_category.items()]
    bars_title = BY_CATEGORY
    if query.by_source and not query.of_units:  # 「统计 本月 来源 图」: a bar per 来源
        by_source = source_counts(uow, community_id, query, now)
        bars = sorted(((s.label, c.collected) for s, c in by_source), key=lambda b: -b[1])
        bars_title = texts.STATS_CHART_BY_SOURCE
    label = stats_label(services, grids, query)
    community = uow.communities.get(community_id).name
    trend, monthly = chart_trend(uow, community_id, query, now, tz)
    png = render_stats_chart(
        texts.STATS_CHART_TITLE.format(community=community, period=label),
        bars,
        trend,
        bars_title=bars_title,
        trend_title=BY_MONTH if monthly else BY_WEEK,
    )
    if query.of_units or query.by_source:  # with their lines, as 统计 says them
        return png, stats_text(uow, services, community_id, query)
    caption = summary_sentence(label, counts, short_names(services), top=len(query.categories) != 1)
    if query.compare and query.period.since is not None:  # 「统计 本月 环比 图」
        caption += "\n" + compared(uow, community_id, query, counts, now)
    return png, caption


def chart_trend(
    uow: UnitOfWork, community_id: int, query: StatsQuery, now: datetime, tz: ZoneInfo
) -> tuple[list[tuple[str, int, int]], bool]:
    """The chart's trend, from only the filing and resolving times it covers: by week, or by
    month (True) for 按月 or a period longer than `CHART_WEEKS` weeks (a year's: each month)."""
    period, scope = query.period, query.scope(community_id)
    start = period.since or uow.issues.first_filed(scope)
    if start is None:
        return [], query.by_month
    end = period.so_far(now)
    if query.by_month or end - start > timedelta(weeks=CHART_WEEKS):
        months = list(months_from(start, end, tz))[-CHART_MONTHS:]
        after = month_range(months[0], tz)[0]
        filed, resolved = uow.issues.trend_times(scope, after=after, done=DONE)
        return monthly_trend(months, filed, resolved, tz), True
    weeks = chart_weeks(start, end, tz)
    filed, resolved = uow.issues.trend_times(
        scope, after=datetime.combine(weeks[0], time(0), tzinfo=tz), done=DONE
    )
    return weekly_trend(weeks, filed, resolved, tz), False


def monthly_trend(
    months: Sequence[tuple[int, int]],
    filed: Iterable[datetime],
    resolved: Iterable[datetime],
    tz: ZoneInfo,
) -> list[tuple[str, int, int]]:
    """(`11月`, collected, resolved) per month: how many of the filing times and of the
    resolving times fall in each, local time; `25年12月` when the months span two years."""

    def month_of(instant: datetime) -> tuple[int, int]:
        local = instant.astimezone(tz)
        return local.year, local.month

    collected = Counter(map(month_of, filed))
    done = Counter(map(month_of, resolved))
    one_year = len({year for year, _ in months}) == 1
    return [
        (f"{m}月" if one_year else f"{y % 100}年{m}月", collected[(y, m)], done[(y, m)])
        for y, m in months
    ]


def chart_weeks(start: datetime, end: datetime, tz: ZoneInfo) -> list[date]:
    """The Mondays of the weeks from `start` to `end` (excluded), local time; the latest
    `CHART_WEEKS` of them."""
    first = start.astimezone(tz).date()
    monday = first - timedelta(days=first.weekday())
    last = max((end - timedelta(microseconds=1)).astimezone(tz).date(), first)
    weeks: list[date] = []
    while monday <= last:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks[-CHART_WEEKS:]


def weekly_trend(
    weeks: Sequence[date], filed: Iterable[datetime], resolved: Iterable[datetime], tz: ZoneInfo
) -> list[tuple[str, int, int]]:
    """(`11/2`, collected, resolved) per week (Monday first): how many of the filing times and
    of the resolving times fall in each week, local time."""

    def week_of(instant: datetime) -> date:
        day = instant.astimezone(tz).date()
        return day - timedelta(days=day.weekday())

    collected = Counter(map(week_of, filed))
    done = Counter(map(week_of, resolved))
    return [(f"{w.month}/{w.day}", collected[w], done[w]) for w in weeks]


# -- the command and the monthly report -----------------------------------------------------------

ChartMaker = Callable[[UnitOfWork, Services, int, StatsQuery], tuple[bytes, str]]
"""Renders a chart for a query: (PNG bytes, caption); None would answer 「图表即将上线」."""
CHART: ChartMaker | None = stats_chart


def stats(ctx: Context, args: str) -> Outcome:
    """统计 [今天/近7天/本周/本月/上月/2026-11/11月1日到15日/今年/本季度] [网格] [楼号] [分类]
    [单位/人员/来源/议事/总结/用时] [按月] [环比/同比] [图] — the seeds' figures for a period;
    a unit's (物业), or every unit's (单位); what staff did (张网格, 人员: `handlers.workload`);
    by 来源; month by month; against the period before; how long what was done took (用时)."""
    if ctx.actor.role is Role.HANDLER and ctx.actor.unit and ctx.community is not None:
        return _own_unit(ctx, ctx.actor.unit, args)
    if _heads_own(ctx):
        return _own_buildings(ctx, args)
    try:
        query, staff = _query(ctx, args)
    except _NotUnderstood as bad:
        if ctx.community is not None:  # 「统计 本月 网格9」: the grids there are
            grids = ctx.uow.communities.grids_of(ctx.community.id)
            check_grid(normalize(bad.args[0]), (grid.name for grid in grids))
        usage = ctx.services.command("stats").usage_line()
        raise Answer(texts.STATS_UNKNOWN.format(word=echoed(bad.args[0]), usage=usage)) from None
    return _answered(ctx, query, staff)


# What a handler calls their own unit (「我们这个月办了多少」 reads 统计 本月).
_OURS = frozenset({"我", "我们", "我的", "我们的", "本单位"})


def _own_unit(ctx: Context, unit: str, args: str) -> Outcome:
    """统计 from a handler (物业's 刘物业): their unit's figures for the period, as 「统计 本月
    物业」 gives the secretary; anything else is the secretary's to see."""
    assert ctx.community is not None
    said = normalize(args).split()
    words = [word for word in said if word not in _OURS and word != unit and word not in _DURATIONS]
    try:
        if len(words) > 1:
            raise ValueError(words[1])
        period = parse_period(words[0] if words else "本月", ctx.now, ctx.services.settings.tz)
    except ValueError:
        raise Answer(texts.STATS_OWN_UNIT.format(unit=unit), "refused", "stats") from None
    query = StatsQuery(
        period, units=frozenset({unit}), durations=bool(_DURATIONS.intersection(said))
    )
    return answer(ctx, _figures_text(ctx.uow, ctx.services, ctx.community.id, query))


def _heads_own(ctx: Context) -> bool:
    """Whether 统计 is a 楼栋长's of their own buildings: asked privately (in a group, where
    neighbours read it, it is refused as before)."""
    return (
        ctx.actor.role is Role.HEAD
        and bool(ctx.actor.buildings)
        and ctx.community is not None
        and ctx.chat.kind == "private"
    )


def _own_buildings(ctx: Context, args: str) -> Outcome:
    """统计 from a 楼栋长: their buildings' figures for the period (「本月（3号楼）收集诉求…」), as
    「统计 本月 3号楼」 gives staff; a period alone, anything else is staff's to see."""
    assert ctx.community is not None
    own = set(ctx.actor.buildings)
    said = normalize(args).split()
    words = [
        word
        for word in said
        if word not in _OURS and building_number(word) not in own and word not in _DURATIONS
    ]
    try:
        if len(words) > 1:
            raise ValueError(words[1])
        period = parse_period(words[0] if words else "本月", ctx.now, ctx.services.settings.tz)
    except ValueError:
        buildings = "、".join(f"{b}号楼" for b in sorted(own, key=int))
        raise Answer(
            texts.STATS_OWN_BUILDINGS.format(buildings=buildings), "refused", "stats"
        ) from None
    durations = bool(_DURATIONS.intersection(said))
    query = StatsQuery(period, buildings=frozenset(own), durations=durations)
    return answer(ctx, _figures_text(ctx.uow, ctx.services, ctx.community.id, query))


def _figures_text(uow: UnitOfWork, services: Services, community_id: int, query: StatsQuery) -> str:
    """The query's figures, or how long its issues took when that was asked (`durations`)."""
    if query.durations:
        return durations_text(uow, services, community_id, query)
    return stats_text(uow, services, community_id, query)


def asked(ctx: Context, words: str) -> Outcome | None:
    """「张网格今天处理了几件」「这周收了几件」: 统计 of `words` (what `stats_asked` read);
    None when a word is not understood after all (「你们今天处理了几件」), which leaves the
    message as it otherwise reads."""
    if ctx.actor.role is Role.HANDLER and ctx.actor.unit and ctx.community is not None:
        return _own_unit(ctx, ctx.actor.unit, words)  # 「这个月我们办了多少」
    said = words.split()
    keeps_rounds = refusal("patrol", ctx.actor) is None
    if _PATROLS.intersection(said) and keeps_rounds and refusal("stats", ctx.actor) is not None:
        return _own_rounds(ctx, said)  # 「我这个月走访了几次」 from a 楼栋长
    if _heads_own(ctx):
        return _own_buildings(ctx, words)  # 「我们楼这个月反映了几件」
    if _asks_after_own(ctx, words):
        return None  # 「物业办得怎么样了」 from a resident: their report held there, as it reads
    try:
        query, staff = _query(ctx, words)
    except _NotUnderstood:
        return None
    return _answered(ctx, query, staff)


def _asks_after_own(ctx: Context, words: str) -> bool:
    """Whether someone who may see no figures asks of a unit (「物业办得怎么样了」: 本月 物业)
    while a report of theirs is open: of that report, not the figures."""
    if ctx.community is None or refusal("stats", ctx.actor) is None:
        return False
    config = ctx.community_settings()
    if not any(config.find_unit(word) is not None for word in words.split()[1:]):
        return False  # 「张网格今天处理了几件」: the figures, refused
    mine = ctx.uow.issues.newest_reported(ctx.sender.id, ctx.community.id, OPEN)
    return mine is not None


def _own_rounds(ctx: Context, said: list[str]) -> Outcome | None:
    """「本月您走访巡查2次，入户10户。」: the rounds of someone who keeps them (a 楼栋长) and may
    see no one else's figures; None for a period not understood."""
    if ctx.community is None:
        return None
    try:
        first = "本月" if said[0] in _PATROLS else said[0]
        period = parse_period(first, ctx.now, ctx.services.settings.tz)
    except ValueError:
        return None
    figures = patrol_figures(
        ctx.uow, ctx.community.id, period.since, period.until, person_ids={ctx.sender.id}
    )
    return answer(ctx, figures_sentence(f"{period.label}{texts.YOU}", figures))


def _answered(ctx: Context, query: StatsQuery, staff: Mapping[int, workload.Member]) -> Outcome:
    """The answer to 统计 `query`; asked to be posted to the work groups from elsewhere
    (「把这个月的统计发到工作群」 privately), posted there, and the sender told where."""
    outcome = _answered_here(ctx, query, staff)
    if not query.to_work or ctx.chat.kind == "work":
        return outcome
    posted = [
        sent
        for reply in outcome.replies
        if isinstance(reply, Reply)
        for sent in tell_work_groups(ctx, reply.text)
    ]
    if not posted:  # no work group, or a chart: answered here
        return outcome
    groups = texts.STATS_POSTED_GROUPS.format(count=len(posted)) if len(posted) > 1 else "工作群"
    return Outcome([reply_to(ctx, texts.STATS_POSTED.format(groups=groups)), *posted], "command")


def _answered_here(
    ctx: Context, query: StatsQuery, staff: Mapping[int, workload.Member]
) -> Outcome:
    assert ctx.community is not None
    if query.meetings:
        return answer(ctx, _meetings_text(ctx.uow, ctx.community.id, query, ctx.services))
    if query.patrols:
        return answer(ctx, _patrols_text(ctx.uow, ctx.community.id, query, ctx.services))
    if query.durations and not (query.of_people or query.chart):
        return answer(ctx, durations_text(ctx.uow, ctx.services, ctx.community.id, query))
    if query.report and not (query.of_people or query.of_units or query.chart):
        return answer(ctx, report_text(ctx.uow, ctx.services, ctx.community.id, query))
    if query.of_people:
        before = None  # 「统计 本月 人员 环比」: each one's work against the period before
        if query.compare and query.period.since is not None:
            before = earlier_query(query, ctx.now).period
        lines = _grid_line(ctx, query)
        return answer(ctx, workload.work_text(ctx, query, staff, lines, before))
    if query.chart:
        if CHART is None:
            return answer(ctx, texts.STATS_CHART_SOON)
        return _chart(ctx, CHART, query)
    return answer(ctx, stats_text(ctx.uow, ctx.services, ctx.community.id, query))


def _meetings_text(
    uow: UnitOfWork, community_id: int, query: StatsQuery, services: Services
) -> str:
    """「统计 今年 议事」: the meetings held; with 环比 or 同比, against the period before."""
    now, period = services.clock.now(), query.period
    figures = meeting_figures(uow, community_id, period.since, period.until, now)
    text = figures_text(period.label, figures)
    if not query.compare or period.since is None:
        return text
    then = earlier_query(query, now).period
    was = meeting_figures(uow, community_id, then.since, then.until, now)
    return f"{text}\n{meetings_moved(then.label, figures, was)}"


def _patrols_text(uow: UnitOfWork, community_id: int, query: StatsQuery, services: Services) -> str:
    """「统计 本月 走访」: the rounds made, by whom, and the grids none was made in; narrowed to
    grids or people as asked; with 环比 or 同比, against the period before."""
    now, period = services.clock.now(), query.period
    narrowed = {"grid_ids": query.grid_ids, "person_ids": query.people}
    figures = patrol_figures(uow, community_id, period.since, period.until, **narrowed)
    grids = None if query.people else query.grid_ids  # someone's rounds: not the grids'
    lines = patrol_lines(uow, community_id, period.label, figures, grids)
    if query.compare and period.since is not None:
        then = earlier_query(query, now).period
        was = patrol_figures(uow, community_id, then.since, then.until, **narrowed)
        lines.insert(1, patrols_moved(then.label, figures, was))
    return "\n".join(lines)


class _NotUnderstood(Exception):
    """A word of 统计 is none of the words it knows."""


def _query(ctx: Context, args: str) -> tuple[StatsQuery, dict[int, workload.Member]]:
    """What 统计 `args` asks, and the community's staff; _NotUnderstood for a word it does not
    know."""
    check(ctx, "stats")
    if ctx.community is None:
        raise Answer(texts.NEEDS_COMMUNITY)
    community_id = ctx.community.id
    grids = {grid.name: grid.id for grid in ctx.uow.communities.grids_of(community_id)}
    categories = [(c.code, c.name) for c in ctx.services.analyzer.categories]
    units = [unit.name for unit in ctx.community_settings().units]
    staff = workload.members(ctx.uow.people.staff(community_id))
    people = {member.person.name: person_id for person_id, member in staff.items()}
    if ctx.sender.id in staff:
        people[texts.WORK_ME] = ctx.sender.id  # 「统计 我」
    try:
        query = parse_stats_args(
            args,
            now=ctx.now,
            tz=ctx.services.settings.tz,
            grids=grids,
            categories=categories,
            units=units,
            people=people,
        )
    except ValueError as bad:
        raise _NotUnderstood(bad.args[0]) from None
    return query, staff


def _grid_line(ctx: Context, query: StatsQuery) -> Callable[[int], str]:
    """「网格3：收集5条，办结2条（40%）」 for a grid in the query's period."""
    assert ctx.community is not None
    community_id, now = ctx.community.id, ctx.services.clock.now()
    only_period = StatsQuery(query.period)

    def line(grid_id: int) -> str:
        counts, _ = counts_of(
            ctx.uow, community_id, replace(only_period, grid_ids=frozenset({grid_id})), now
        )
        return counts_line(ctx.uow.communities.grid(grid_id).name, counts)

    return line


def _chart(ctx: Context, make: ChartMaker, query: StatsQuery) -> Outcome:
    assert ctx.community is not None
    try:
        png, caption = make(ctx.uow, ctx.services, ctx.community.id, query)
    except ValueError:  # a name the font cannot draw (MissingGlyphError): say it in words
        return answer(ctx, stats_text(ctx.uow, ctx.services, ctx.community.id, query))
    document = Document(
        ctx.message.chat,
        CHART_FILENAME,
        png,
        caption=caption,
        photo=True,
        reply_to_message_id=ctx.message.message_id,
    )
    return Outcome([document], "command")


def last_month_query(services: Services, due: datetime | None = None) -> StatsQuery:
    """What the monthly report covers: the local calendar month before the one it was due in
    (`due`, else now): a report sent late after an outage still covers its own month."""
    tz = services.settings.tz
    today = services.clock.now().astimezone(tz).date()
    month = previous_month((due or services.clock.now()).astimezone(tz).date())
    return StatsQuery(month_period(month, today, tz))


def monthly_report(uow: UnitOfWork, services: Services, reminder: Reminder) -> list[Outgoing]:
    """The month's first working day: last month's report (`report_text`) to the work group
    the series is for, and in January the year's (「📊 年报：2026年收集诉求…」) when it had
    issues; nothing on the other days the series fires."""
    # Imported here: handlers.digests needs handlers.ledger, which needs this module.
    from handlers.digests import first_working_day_of_month

    assert reminder.chat_id is not None and reminder.community_id is not None
    if not first_working_day_of_month(services, reminder.due_at):
        return []
    chat = uow.chats.by_id(reminder.chat_id)
    query = last_month_query(services, reminder.due_at)
    text = report_text(uow, services, reminder.community_id, query)
    replies: list[Outgoing] = [Reply(chat_ref(chat), texts.MONTHLY_REPORT.format(text=text))]
    period = query.period
    if period.since is not None and period.since.astimezone(services.settings.tz).month == 12:
        # January's: the year just ended, whole, as 「统计 去年 总结」 gives it (the 年报).
        year = period.since.astimezone(services.settings.tz).year
        whole = StatsQuery(parse_period(f"{year}年", services.clock.now(), services.settings.tz))
        if counts_of(uow, reminder.community_id, whole, services.clock.now())[0].collected:
            text = report_text(uow, services, reminder.community_id, whole)
            replies.append(Reply(chat_ref(chat), texts.YEARLY_REPORT.format(text=text)))
    return replies


def report_text(uow: UnitOfWork, services: Services, community_id: int, query: StatsQuery) -> str:
    """A period's report, as the monthly report posts it and 「统计 今年 总结」「月报」「年报」
    give it: the /stats text (with how it moved from the period before, 「统计 上月 环比」, when
    that had issues), then each unit's line (「统计 上月 单位」) when any unit had issues, each
    来源's when the issues came from more than one (12345 is assessed on its own), and the
    meetings held (「统计 上月 议事」) when any and no grid or building is asked."""
    now = services.clock.now()
    if query.period.since is not None and not query.compare:  # and against the period before
        prior = replace(query, compare="prior")
        if counts_of(uow, community_id, earlier_query(prior, now), now)[0].collected:
            query = prior  # a first month says nothing of one before it
    text = stats_text(uow, services, community_id, query)
    per_unit = unit_counts_of(uow, community_id, query, now)
    configured = unit_names(uow, services, community_id)
    lines = [text, *_durations_lines(uow, services, community_id, query, each=False)]
    suspended = uow.issues.count(
        LedgerQuery(community_id, OPEN, frozenset(query.grid_ids), suspended=True)
    )
    if suspended:  # 挂起: open, no deadline, so in no 超期 figure
        lines.append(texts.REPORT_SUSPENDED.format(count=suspended))
    lines += every_unit(per_unit, configured, query.period.label)
    sources = _source_lines(uow, community_id, query, now)
    if len(sources) > 1:
        lines += [texts.SOURCES_HEAD.format(period=query.period.label), *sources]
    period = query.period
    held = meeting_figures(uow, community_id, period.since, period.until, now)
    if not held.nothing and not (query.grid_ids or query.buildings):
        lines.append(figures_text(period.label, held))
    rounds = patrol_figures(uow, community_id, period.since, period.until, grid_ids=query.grid_ids)
    if rounds.count and not query.buildings:
        lines.append(figures_sentence(period.label, rounds))
    return "\n".join(lines)
