"""The counting behind the 台账 export and /stats (chat-protocol §8): pure, no database."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.issues import IssueStatus
from bot.domain.ratings import counted_rating, effective_rating, rating_after
from handlers.export import (
    IssueCounts,
    IssueStat,
    count_by_grid,
    count_issues,
    export_filename,
    month_range,
    percent,
    summary_sentence,
)
from handlers.stats import Period, average_days_taken, month_span, parse_period

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=SH)
PAST, FUTURE = datetime(2026, 11, 24, 18, 0, tzinfo=SH), datetime(2026, 11, 26, 18, 0, tzinfo=SH)
NAMES = {"parking": "停车通行", "drainage": "排水管道", "noise": "噪音扰民", "road": "道路井盖"}


def stat(
    status: IssueStatus,
    category: str = "parking",
    *,
    grid: int | None = 3,
    deadline: datetime | None = FUTURE,
    rating: int | None = None,
) -> IssueStat:
    return IssueStat(status, category, grid, deadline, rating)


def test_the_average_time_taken_counts_only_what_was_done() -> None:
    filed = datetime(2026, 11, 20, 9, 0, tzinfo=SH)

    def after(status: IssueStatus, days: float | None) -> IssueStat:
        done = None if days is None else filed + timedelta(days=days)
        return IssueStat(status, "parking", 3, FUTURE, None, done, filed_at=filed)

    issues = [
        after(IssueStatus.CLOSED, 1),
        after(IssueStatus.RESOLVED, 2),
        after(IssueStatus.ASSIGNED, 9),  # reopened: resolved once, not done now
        after(IssueStatus.MERGED, 9),  # a duplicate
        after(IssueStatus.NEW, None),
    ]
    assert average_days_taken(issues) == pytest.approx(1.5)
    assert average_days_taken(issues[2:]) is None


def test_counts_follow_the_seeds_definitions() -> None:
    issues = [
        stat(IssueStatus.CLOSED, rating=5),
        stat(IssueStatus.CLOSED, "drainage", rating=3),  # 基本满意 is satisfied
        stat(IssueStatus.CLOSED, "drainage"),  # 默认满意: closed, never rated
        stat(IssueStatus.RESOLVED, "noise"),
        stat(IssueStatus.ASSIGNED, "parking", deadline=PAST),  # overdue
        stat(IssueStatus.ASSIGNED, "parking", deadline=PAST, rating=2),  # reopened after a 2
        stat(IssueStatus.NEW, "road", deadline=None),  # no deadline: never overdue
        stat(IssueStatus.REJECTED, "road", deadline=PAST),  # finished: not overdue
        stat(IssueStatus.MERGED, "road", deadline=PAST),  # a duplicate: not collected
        stat(IssueStatus.NEW, "noise", deadline=None),
    ]
    counts = count_issues(issues, NOW)
    assert (counts.collected, counts.resolved, counts.open, counts.overdue) == (9, 4, 4, 2)
    assert (counts.rated, counts.satisfied) == (3, 2)
    assert counts.resolution_rate == pytest.approx(4 / 9)
    assert counts.satisfaction_rate == pytest.approx(2 / 3)
    assert counts.by_status == {
        IssueStatus.NEW: 2,
        IssueStatus.ASSIGNED: 2,
        IssueStatus.RESOLVED: 1,
        IssueStatus.CLOSED: 3,
        IssueStatus.REJECTED: 1,
    }
    # Most first; a tie keeps the order the categories first appeared in.
    assert list(counts.by_category.items()) == [
        ("parking", 3),
        ("drainage", 2),
        ("noise", 2),
        ("road", 2),
    ]
    assert counts.top_categories(2) == [("parking", 3), ("drainage", 2)]


def test_nothing_to_divide_by_gives_no_rate() -> None:
    empty = count_issues([], NOW)
    assert empty == IssueCounts()
    assert empty.resolution_rate is None and empty.satisfaction_rate is None
    assert percent(None) == "—"
    assert [percent(r) for r in (0.0, 0.125, 0.775, 0.778, 1.0)] == [
        "0%",
        "13%",
        "78%",
        "78%",
        "100%",
    ]


def test_counts_per_grid_keep_issues_outside_any_grid_apart() -> None:
    issues = [
        stat(IssueStatus.CLOSED, grid=3, rating=4),
        stat(IssueStatus.NEW, grid=5, deadline=PAST),
        stat(IssueStatus.ASSIGNED, grid=None),
        stat(IssueStatus.NEW, grid=3),
    ]
    per_grid = count_by_grid(issues, NOW)
    assert list(per_grid) == [3, 5, None]
    assert (per_grid[3].collected, per_grid[3].resolved, per_grid[3].satisfied) == (2, 1, 1)
    assert (per_grid[5].collected, per_grid[5].overdue) == (1, 1)
    assert per_grid[None].open == 1


def test_the_rating_an_issue_stands_at_comes_from_its_trail() -> None:
    assert effective_rating([]) is None
    assert effective_rating([("filed", ""), ("resolve", "已疏通"), ("rate", "5分 很快")]) == 5
    # A low rating reopens the issue and clears Issue.rating; the trail keeps it …
    low = [("resolve", "已劝导"), ("reopen", "评价2分 还是吵")]
    assert effective_rating(low) == 2
    # … until the issue is resolved again, a new round to be rated anew.
    assert effective_rating([*low, ("resolve", "已再次劝导")]) is None
    assert effective_rating([*low, ("resolve", "已再次劝导"), ("rate", "4分")]) == 4
    # Reopened for another reason, the earlier rating no longer stands.
    assert effective_rating([("rate", "5分"), ("reopen", "下水道又堵了")]) is None
    assert effective_rating([("rate", "5分"), ("progress", "评价3分")]) == 5


def test_the_counted_rating_kept_step_by_step_is_the_trails_verdict() -> None:
    trail = [
        ("resolve", "已劝导"),
        ("rate", "5分"),
        ("reopen", "又吵了"),
        ("resolve", "已再次劝导"),
        ("reopen", "评价1分 没人管"),
        ("progress", "评价4分"),
    ]
    kept: int | None = None
    for seen in range(1, len(trail) + 1):
        action, note = trail[seen - 1]
        kept = rating_after(kept, action, note)
        assert kept == effective_rating(trail[:seen]), trail[:seen]
    assert kept == 1
    # An issue rated without a trail (an imported one) counts the rating it holds.
    assert counted_rating(None, 4) == 4
    assert counted_rating(2, None) == 2
    assert counted_rating(None, None) is None


def test_the_summary_sentence_reads_like_the_seeds() -> None:
    issues = [
        *[stat(IssueStatus.CLOSED, "parking", rating=5)] * 3,
        stat(IssueStatus.CLOSED, "drainage", rating=1),
        stat(IssueStatus.NEW, "drainage", deadline=PAST),
        stat(IssueStatus.NEW, "noise"),
    ]
    counts = count_issues(issues, NOW)
    assert summary_sentence("本月", counts, NAMES.__getitem__) == (
        "本月收集诉求6条，办结4条（办结率67%），满意率75%，超期1条。"
        "分类前三：停车通行3、排水管道2、噪音扰民1。"
    )
    unrated = count_issues([stat(IssueStatus.NEW, "road")], NOW)
    assert summary_sentence("2026年12月", unrated, NAMES.__getitem__) == (
        "2026年12月收集诉求1条，办结0条（办结率0%），暂无评价，超期0条。分类前三：道路井盖1。"
    )
    assert summary_sentence("累计", IssueCounts(), NAMES.__getitem__) == "累计没有收集到诉求。"
    # An issue whose clock is stopped (挂起) is counted apart, never 超期.
    held = IssueStat(IssueStatus.ASSIGNED, "heating", 3, None, None, suspended=True)
    waiting = count_issues([held, stat(IssueStatus.NEW, "road", deadline=PAST)], NOW)
    assert summary_sentence("本月", waiting, NAMES.__getitem__, top=False) == (
        "本月收集诉求2条，办结0条（办结率0%），暂无评价，超期1条，挂起1条。"
    )
    # A period that has ended says nothing of today's 挂起, as 「统计 上个月」 does not.
    ended = count_issues([held], NOW, running=False)
    assert summary_sentence("上月", ended, NAMES.__getitem__, top=False) == (
        "上月收集诉求1条，办结0条（办结率0%），暂无评价，超期0条。"
    )


def test_a_month_runs_from_local_midnight_to_local_midnight() -> None:
    start, end = month_range((2026, 11), SH)
    assert (start, end) == (datetime(2026, 11, 1, tzinfo=SH), datetime(2026, 12, 1, tzinfo=SH))
    assert start.utcoffset() is not None and start.isoformat() == "2026-11-01T00:00:00+08:00"
    assert month_range((2026, 12), SH)[1] == datetime(2027, 1, 1, tzinfo=SH)
    with pytest.raises(ValueError, match="no month 13"):
        month_range((2026, 13), SH)


def test_the_file_name_says_whose_and_when() -> None:
    now = datetime(2026, 11, 22, 9, 30, tzinfo=SH)

    def month(which: tuple[int, int] | None) -> Period:
        return month_span(which, SH)

    assert export_filename("幸福里社区", month((2026, 11)), now) == "幸福里社区台账-2026-11.xlsx"
    assert export_filename("幸福里社区", month(None), now) == "幸福里社区台账-20261122.xlsx"
    assert export_filename("幸福里/社区 ", month((2027, 1)), now) == "幸福里社区台账-2027-01.xlsx"
    # A year and a quarter, as 导出 今年 and 导出 第四季度 ask for them.
    year, quarter = (
        parse_period(word, datetime(2026, 11, 22, tzinfo=SH), SH) for word in ("今年", "第四季度")
    )
    assert export_filename("幸福里社区", year, now) == "幸福里社区台账-2026.xlsx"
    assert export_filename("幸福里社区", quarter, now) == "幸福里社区台账-2026-Q4.xlsx"


@pytest.mark.parametrize(
    ("word", "label", "since", "until"),
    [
        ("今天", "今天", datetime(2026, 11, 22, tzinfo=SH), None),
        ("昨天", "昨天", datetime(2026, 11, 21, tzinfo=SH), datetime(2026, 11, 22, tzinfo=SH)),
        ("最近7天", "近7天", datetime(2026, 11, 16, tzinfo=SH), None),
        ("近三十天", "近30天", datetime(2026, 10, 24, tzinfo=SH), None),
        ("过去两周", "近14天", datetime(2026, 11, 9, tzinfo=SH), None),
    ],
)
def test_days_up_to_today_are_periods(
    word: str, label: str, since: datetime, until: datetime | None
) -> None:
    assert parse_period(word, datetime(2026, 11, 22, 9, 30, tzinfo=SH), SH) == Period(
        label, since, until
    )


@pytest.mark.parametrize("word", ["最近0天", "近999天", "最近几天"])
def test_days_out_of_reach_are_no_period(word: str) -> None:
    with pytest.raises(ValueError):
        parse_period(word, datetime(2026, 11, 22, 9, 30, tzinfo=SH), SH)
