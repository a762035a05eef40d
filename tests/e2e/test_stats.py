"""统计 / stats and the monthly report (chat-protocol §8), through the chat.

November 2026 in 幸福里社区 is replayed from the table `NOVEMBER`: what each resident reported,
where, and what became of it. The figures the bot gives are checked against figures counted here,
from the table alone, by the seeds' definitions: 办结 = 已办结 or 已销号 (a resolved issue nobody
rates closes as 默认满意 after 7 days), 满意率 = ratings of 3 or more / ratings (a low rating
reopens the issue but still counts), 超期 = open and past the deadline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.clock import VirtualClock
from bot.messages import Document
from tests.support.conversation import Conversation, example_settings
from tests.support.conversation import shown as shown_as

SH = ZoneInfo("Asia/Shanghai")
WORK = "工作群"
GROUP = {"网格3": "网格3群", "网格5": "网格5群", "": "幸福里居民群"}
REPORTER = {"网格3": "王芳", "网格5": "孙大爷", "": "钱阿姨"}
WORKER = {"网格3": "张网格", "网格5": "赵网格", "": "李书记"}


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SH)


SHORT = {"停车通行": "停车", "排水管道": "排水", "照明路灯": "照明", "噪音扰民": "噪音"}
SHORT |= {"环境卫生": "卫生", "安防监控": "安防"}


@dataclass(frozen=True)
class Report:
    day: int  # of November
    grid: str  # "" for no grid
    category: str  # as people read it
    text: str
    fate: str  # open / rejected / resolved (never rated: 默认满意) / rated
    rating: int | None = None


NOVEMBER = [
    Report(2, "网格3", "停车通行", "2号楼门口乱停车，车都开不出去", "rated", 5),
    Report(2, "网格5", "停车通行", "6号楼楼下僵尸车占车位半年了", "rated", 4),
    Report(3, "网格3", "停车通行", "4号楼前面停车位被外来车辆占满了", "open"),
    Report(3, "网格5", "停车通行", "7号楼门口车位不够，晚上停车难", "rejected"),
    Report(4, "网格3", "排水管道", "3号楼2单元下水道堵了，污水漫出来", "rated", 2),
    Report(4, "网格5", "排水管道", "5号楼1单元化粪池满了，臭气熏天", "resolved"),
    Report(5, "网格3", "排水管道", "1号楼门口雨水井堵了，一下雨就积水", "rated", 3),
    Report(5, "网格5", "照明路灯", "6号楼门口路灯不亮，晚上太黑了", "open"),
    Report(6, "网格3", "照明路灯", "2号楼3单元楼道灯坏了", "rated", 1),
    Report(6, "网格5", "噪音扰民", "7号楼楼上天天晚上装修，噪音太大", "rated", 5),
    Report(6, "", "环境卫生", "南门垃圾站的垃圾好几天没清运了", "open"),
]
# The table's own arithmetic, written out: parking leads, then drainage, then lighting.
assert Counter(r.category for r in NOVEMBER).most_common(3) == [
    ("停车通行", 4),
    ("排水管道", 3),
    ("照明路灯", 2),
]


def still_open(report: Report) -> bool:
    return report.fate == "open" or (report.fate == "rated" and (report.rating or 0) <= 2)


def percent(part: int, whole: int) -> str:
    return f"{int(part * 100 / whole + 0.5)}%"


def expected(label: str, reports: list[Report], *, top: bool = True) -> str:
    """The sentence the seeds write, counted from the table. Asked on 1 December, every
    November deadline (at most 10 working days after filing by the 6th) has passed."""
    resolved = sum(
        r.fate == "resolved" or (r.fate == "rated" and not still_open(r)) for r in reports
    )
    ratings = [r.rating for r in reports if r.rating is not None]
    satisfied = sum(rating >= 3 for rating in ratings)
    overdue = sum(still_open(r) for r in reports)
    satisfaction = f"满意率{percent(satisfied, len(ratings))}" if ratings else "暂无评价"
    text = (
        f"{label}收集诉求{len(reports)}条，办结{resolved}条（办结率{percent(resolved, len(reports))}），"
        f"{satisfaction}，超期{overdue}条。"
    )
    if top:
        # Most first; a tie in the order the categories were first reported.
        counts = Counter(r.category for r in reports)
        order = sorted(counts, key=lambda c: (-counts[c], [r.category for r in reports].index(c)))
        # The sentence names categories short, as the seeds do: 停车 for 停车通行.
        text += "分类前三：" + "、".join(f"{SHORT[c]}{counts[c]}" for c in order[:3]) + "。"
    return text


def grid_line(grid: str, reports: list[Report]) -> str:
    mine = [r for r in reports if r.grid == grid]
    done = sum(r.fate == "resolved" or (r.fate == "rated" and not still_open(r)) for r in mine)
    late = sum(still_open(r) for r in mine)
    line = f"{grid or '未分网格'}：收集{len(mine)}条，办结{done}条"
    if mine:  # the grid's 办结率, rounded half up
        line += f"（{(done * 100 + len(mine) // 2) // len(mine)}%）"
    return line + (f"，超期{late}条" if late else "")


def conversation(db_url: str, start: datetime) -> Conversation:
    return Conversation(example_settings(db_url), VirtualClock(start))


def replay_november(chat: Conversation) -> None:
    """From Friday 30 October: one October report, then November as in the table."""
    october = chat.text("@王芳/网格3群: #报事 4号楼单元门禁坏了，刷卡没反应")
    assert october.startswith("已登记 #1")
    for number, report in enumerate(NOVEMBER, start=2):
        chat.run_until(at(11, report.day, 10, number))
        group, who = GROUP[report.grid], REPORTER[report.grid]
        ack = chat.text(f"@{who}/{group}: #报事 {report.text}")
        assert ack.startswith(f"已登记 #{number}【{report.category}】"), ack
        assert (f" · {report.grid} · " in ack) == bool(report.grid), ack
        worker = WORKER[report.grid]
        if report.fate == "rejected":
            chat.say(f"@{worker}/{WORK}: 退回 {number} 不属于本社区")
        elif report.fate in ("resolved", "rated"):
            chat.say(f"@{worker}/{WORK}: 受理 {number} 简单")
            chat.say(f"@{worker}/{WORK}: 办结 {number} 已处理")
        elif report.grid == "网格3":
            chat.say(f"@{worker}/{WORK}: 受理 {number} 简单")
        if report.rating is not None:
            rated = chat.say(f"@{who}/{group}: 评价 {number} {report.rating}")
            assert rated[0][1].startswith(f"#{number} "), rated


@pytest.fixture
def november(db_url: str) -> Iterator[Conversation]:
    chat = conversation(db_url, at(10, 30, 10))
    replay_november(chat)
    chat.run_until(at(12, 1, 10))
    yield chat
    chat.close()


def test_last_month_in_numbers_counted_from_what_happened(november: Conversation) -> None:
    reply = november.text("@李书记/工作群: 统计 上月")
    assert reply.splitlines() == [
        expected("11月", NOVEMBER),
        grid_line("网格3", NOVEMBER),
        grid_line("网格5", NOVEMBER),
        grid_line("", NOVEMBER),
    ]
    # Written out once, so a slip in the helpers above cannot hide one in the bot.
    assert reply == (
        "11月收集诉求11条，办结5条（办结率45%），满意率67%，超期5条。"
        "分类前三：停车4、排水3、照明2。\n"
        "网格3：收集5条，办结2条（40%），超期3条\n"
        "网格5：收集5条，办结3条（60%），超期1条\n"
        "未分网格：收集1条，办结0条（0%），超期1条"
    )
    # The same month named three more ways, full-width and in a worker's hands too.
    assert november.text("@李书记/工作群: /stats 2026-11") == reply
    assert november.text("@李书记/工作群: 统计　１１月") == reply
    assert november.text("@张网格/网格3群: 统计 2026年11月") == reply


def test_a_year_and_a_quarter_count_every_month_in_them(november: Conversation) -> None:
    # One issue filed in October and eleven in November; asked on 1 December.
    this_year = november.text("@李书记/工作群: 统计 今年")
    assert this_year.startswith("今年收集诉求12条，办结5条（办结率42%）")
    assert november.text("@李书记/工作群: 统计 2026年").replace("2026年", "今年", 1) == this_year
    assert november.text("@李书记/工作群: 统计 本季度").replace("本季度", "今年", 1) == this_year
    assert november.text("@李书记/工作群: 统计 第四季度").startswith("第四季度收集诉求12条")
    assert november.text("@李书记/工作群: 统计 Q3") == "第三季度没有收集到诉求。"
    assert november.text("@李书记/工作群: 统计 上季度") == "上季度没有收集到诉求。"
    assert november.text("@李书记/工作群: 统计 去年") == "去年没有收集到诉求。"
    assert november.text("@李书记/工作群: 统计 今年 网格3").startswith(
        "今年（网格3）收集诉求6条"
    )  # with October's


def test_a_year_month_by_month(november: Conversation) -> None:
    november.say("@王芳/网格3群: #报事 1号楼楼顶漏水了")  # 1 December
    by_month = november.text("@李书记/工作群: 统计 今年 按月").splitlines()
    assert by_month == [
        november.text("@李书记/工作群: 统计 今年").splitlines()[0],
        "10月：收集1条，办结0条（0%）",  # 超期 judged at each month's end
        "11月：收集11条，办结5条（45%），超期5条",
        "12月：收集1条，办结0条（0%）",
    ]
    # Said in words, or without a period (this year); a month with none before the first
    # issue is left out, one after it says 0.
    assert november.text("@李书记/工作群: 今年每个月的统计").splitlines() == by_month
    assert november.text("@李书记/私聊: 统计 按月").splitlines() == by_month
    assert november.text("@李书记/工作群: 统计 本季度 按月 网格5").splitlines()[1:] == [
        "11月：收集5条，办结3条（60%），超期1条",
        "12月：收集0条，办结0条",
    ]
    assert november.text("@李书记/工作群: 统计 去年 按月") == "去年没有收集到诉求。"


def test_today_yesterday_and_the_last_days(november: Conversation) -> None:
    # Asked on Tuesday 1 December: November's reports were filed on the 2nd to the 6th.
    assert november.text("@李书记/工作群: 统计 近30天").startswith("近30天收集诉求11条")
    assert november.text("@李书记/工作群: 统计 最近一周") == "近7天没有收集到诉求。"
    assert november.text("@李书记/工作群: 统计 昨天") == "昨天没有收集到诉求。"
    november.say("@王芳/网格3群: #报事 1号楼楼顶漏水了")
    today = november.text("@李书记/工作群: 统计 今天")
    assert today.startswith("今天收集诉求1条")
    assert november.text("@李书记/工作群: 今天的统计") == today
    assert november.text("@李书记/工作群: 统计 最近3天 网格3").startswith(
        "近3天（网格3）收集诉求1条"
    )


def test_any_days_from_one_date_to_another(november: Conversation) -> None:
    # Asked on Tuesday 1 December; the 2nd to the 4th of November held six reports.
    days = [r for r in NOVEMBER if 2 <= r.day <= 4]
    reply = november.text("@李书记/工作群: 统计 11月2日到11月4日")
    first = reply.splitlines()[0]
    # 超期 is judged at the span's end (the 5th): of the six, only the 3rd's parking report,
    # 受理 简单 (one working day), was open past its deadline then.
    counted = expected("11月2日至11月4日", days).split("超期")[0]
    assert first == counted + "超期1条。分类前三：停车4、排水2。"
    assert reply.splitlines()[1:] == [
        "网格3：收集3条，办结1条（33%），超期1条",
        "网格5：收集3条，办结2条（67%）",
    ]
    # The same days typed other ways, full-width, with spaces, or asked in words.
    for typed in (
        "统计 11.2-11.4",
        "统计 2026-11-02至2026-11-04",
        "统计 11月2号 到 4号",
        "统计　１１月２日～１１月４日",
        "统计 11月4日到11月2日",
    ):
        assert november.text(f"@李书记/工作群: {typed}") == reply, typed
    assert november.text("@李书记/工作群: 11月2日到4日收了多少件？") == reply
    # With a grid or a category, in any order.
    assert november.text("@李书记/工作群: 统计 网格5 11月2日 至 11月4日 停车").startswith(
        "11月2日至11月4日（网格5·停车通行）收集诉求2条"
    )


def test_one_day_the_days_since_one_and_months_from_one_to_another(
    november: Conversation,
) -> None:
    assert november.text("@李书记/工作群: 统计 11月6日").startswith("11月6日收集诉求3条")
    assert november.text("@李书记/工作群: 统计 11月3号").startswith("11月3日收集诉求2条")
    since = november.text("@李书记/工作群: 统计 11月5日以来")
    assert since.startswith("11月5日以来收集诉求5条")
    assert november.text("@张网格/私聊: 11月5日以来收了多少诉求") == since
    assert november.text("@李书记/工作群: 统计 10月到11月").startswith("10月至11月收集诉求12条")
    # A month named in words or with 份, and 全年, are the ones 统计 already knew.
    last_month = november.text("@李书记/工作群: 统计 上月")
    assert november.text("@李书记/工作群: 统计 十一月") == last_month
    assert november.text("@李书记/工作群: 统计 11月份") == last_month
    assert november.text("@李书记/工作群: 11月份收了几件") == last_month
    assert november.text("@李书记/工作群: 统计 全年") == november.text("@李书记/工作群: 统计 今年")


def test_how_the_figures_moved_since_the_period_before(november: Conversation) -> None:
    # Asked on 1 December. October held one report, open and not yet late at its end.
    lines = november.text("@李书记/工作群: 统计 上月 环比").splitlines()
    assert lines[0] == november.text("@李书记/工作群: 统计 上月").splitlines()[0]
    assert lines[1] == (
        "较10月（收集1条，办结率0%）：收集增加10条（+1000%），办结率提高45个百分点，超期增加5条。"
    )
    assert lines[2:] == november.text("@李书记/工作群: 统计 上月").splitlines()[1:]
    # Any days against as many before: the 5th–6th (5 reports, 2 done, rated 3, 1 and 5)
    # against the 3rd–4th (4 reports, 1 done, rated 2); one open past its deadline at each end.
    assert november.text("@李书记/工作群: 统计 11月5日到11月6日 对比").splitlines()[1] == (
        "较11月3日至11月4日（收集4条，办结率25%）："
        "收集增加1条（+25%），办结率提高15个百分点，满意率提高67个百分点。"
    )
    # 同比: a year before, when there was nothing; a month still running: the same days.
    assert november.text("@李书记/工作群: 统计 上月 同比").splitlines()[1] == (
        "2025年11月没有收集到诉求，无从比较。"
    )
    this_month = november.text("@李书记/工作群: 统计 本月 环比")
    assert this_month == "本月没有收集到诉求。\n上月同期没有收集到诉求，无从比较。"
    # With a grid, both sides are that grid's; asked in words, the same.
    assert november.text("@李书记/工作群: 统计 上月 网格3 环比").splitlines()[1] == (
        "较10月（收集1条，办结率0%）：收集增加4条（+400%），办结率提高40个百分点，超期增加3条。"
    )
    assert november.text("@李书记/工作群: 这个月和上个月比怎么样") == this_month
    assert november.text("@李书记/私聊: 上个月比去年怎么样") == november.text(
        "@李书记/工作群: 统计 上月 同比"
    )


@pytest.mark.parametrize("word", ["11月31日", "2月30日到3月1日"])
def test_a_day_that_does_not_exist_gets_the_usage(november: Conversation, word: str) -> None:
    assert november.text(f"@李书记/工作群: 统计 {word}").startswith(f"看不懂「{word}」。用法：")


def test_the_counts_asked_in_words_privately_or_in_the_work_group(
    november: Conversation,
) -> None:
    # Asked on Tuesday 1 December: 「上个月」 is November.
    last_month = november.text("@李书记/工作群: 统计 上月")
    assert november.text("@李书记/工作群: 上个月收了多少件？") == last_month
    assert november.text("@李书记/工作群: 上月一共办结了几条诉求") == last_month
    november.say("@王芳/网格3群: #报事 1号楼楼顶漏水了")
    assert november.text("@张网格/私聊: 今天收了几件").startswith("今天收集诉求1条")
    assert november.text("@李书记/工作群: 今天有几条新的？").startswith("今天收集诉求1条")
    assert november.text("@李书记/工作群: 今天来了几个诉求").startswith("今天收集诉求1条")
    assert november.text("@李书记/工作群: 这周收了几件") == november.text(
        "@李书记/工作群: 统计 本周"
    )
    assert november.text("@李书记/工作群: 本周新增了多少") == november.text(
        "@李书记/工作群: 统计 本周"
    )
    # Among neighbours it is no question to the bot; privately a resident is told whose it is.
    assert november.say("@王芳/网格3群: 今天收了几件") == []
    assert november.text("@王芳/私聊: 这个月收了多少") == "只有网格员及以上可以查看统计。"
    assert november.say("@王芳/网格3群: 今天收了几件快递") == []
    # The rates and the weekly report, as they are asked for.
    assert november.text("@李书记/工作群: 上个月满意率多少") == last_month
    assert november.text("@李书记/工作群: 哪个网格办结率最低") == november.text(
        "@李书记/工作群: 统计 本月"
    )
    assert november.text("@李书记/工作群: 上周的周报发一下") == november.text(
        "@李书记/工作群: 统计 上周"
    )
    # A period's 小结, 总结 or 汇总: its figures.
    for asked, period in (
        ("上周小结", "上周"),
        ("本月工作总结", "本月"),
        ("这周的情况汇总发我", "本周"),
        ("这个月的报表", "本月"),
    ):
        assert november.text(f"@李书记/工作群: {asked}") == november.text(
            f"@李书记/工作群: 统计 {period}"
        ), asked
    assert november.say("@王芳/网格3群: 满意率多少") == []
    # A category's, with no period this month's; the top categories; both counts at once.
    assert november.text("@李书记/工作群: 停车的问题有多少") == november.text(
        "@李书记/工作群: 统计 本月 停车"
    )
    assert november.text("@李书记/工作群: 上个月什么问题最多") == last_month
    assert november.text("@李书记/工作群: 上个月收了多少件，办结了多少") == last_month


def test_an_issue_merged_into_another_is_not_counted_twice(chat: Conversation) -> None:
    """Staff merging a duplicate make it what intake makes one it recognises: a report of the
    issue it joined, not a 诉求 of its own that is never 办结."""
    chat.say("@孙大爷/网格5群: #报事 5号楼门口井盖松了，踩上去咣当响")
    chat.say("@陈大爷/网格5群: #报事 5号楼大门口那个井盖晃动，有安全隐患")
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@李书记/工作群: 合并 2 1")
    chat.say("@李书记/工作群: 办结 1 已固定")
    assert chat.text("@李书记/工作群: 统计 本周").splitlines()[:3] == [
        "本周收集诉求2条，办结1条（办结率50%），暂无评价，超期0条。分类前三：道路1、照明1。",
        "网格3：收集1条，办结0条（0%）",
        "网格5：收集1条，办结1条（100%）",
    ]
    assert "反映次数：2" in chat.text("@李书记/工作群: 查看 1")
    fired = chat.run_until(at(11, 30, 10))
    weekly = [text for _, where, text in fired if where == WORK and "上周小结" in text]
    assert "上周小结（11月23日—11月29日）：收集诉求2条，办结1条" in weekly[-1], weekly


def test_october_and_december_are_apart(november: Conversation) -> None:
    # Filed on 30 October, due in November: not yet overdue when October ended.
    assert november.text("@李书记/工作群: 统计 10月").startswith(
        "10月收集诉求1条，办结0条（办结率0%），暂无评价，超期0条。分类前三：安防1。"
    )
    assert november.text("@李书记/工作群: 统计") == "本月没有收集到诉求。"
    november.say("@王芳/网格3群: #报事 1号楼楼顶漏水了")
    assert november.text("@李书记/工作群: 统计 本月").startswith("本月收集诉求1条")
    assert november.text("@李书记/工作群: 统计 本周").startswith("本周收集诉求1条")
    assert november.text("@李书记/工作群: 统计 上月").startswith("11月收集诉求11条")


def test_one_grid(november: Conversation) -> None:
    mine = [r for r in NOVEMBER if r.grid == "网格3"]
    reply = november.text("@李书记/工作群: 统计 上月 网格3")
    assert reply == expected("11月（网格3）", mine)
    assert reply == (
        "11月（网格3）收集诉求5条，办结2条（办结率40%），满意率50%，超期3条。"
        "分类前三：停车2、排水2、照明1。"
    )
    # Words in any order.
    assert november.text("@李书记/工作群: 统计 网格3 上月") == reply


@pytest.mark.parametrize("word", ["排水", "排水管道", "drainage"])
def test_one_category(november: Conversation, word: str) -> None:
    drains = [r for r in NOVEMBER if r.category == "排水管道"]
    reply = november.text(f"@李书记/工作群: 统计 上月 {word}")
    assert reply.splitlines() == [
        expected("11月（排水管道）", drains, top=False),
        grid_line("网格3", drains),
        grid_line("网格5", drains),
    ]
    assert (
        reply.splitlines()[0]
        == "11月（排水管道）收集诉求3条，办结2条（办结率67%），满意率50%，超期1条。"
    )


def test_a_grid_and_a_category_together(november: Conversation) -> None:
    both = [r for r in NOVEMBER if r.grid == "网格5" and r.category == "停车通行"]
    reply = november.text("@赵网格/网格5群: 统计 上月 网格5 停车")
    assert reply == expected("11月（网格5·停车通行）", both, top=False)
    assert reply == "11月（网格5·停车通行）收集诉求2条，办结1条（办结率50%），满意率100%，超期0条。"


@pytest.mark.parametrize("who", ["王芳/网格3群", "陈楼长/网格3群"])
def test_residents_and_heads_are_refused(november: Conversation, who: str) -> None:
    assert [text for _, text in november.say(f"@{who}: 统计 上月")] == [
        "只有网格员及以上可以查看统计。"
    ]


def test_a_handler_sees_their_own_units_figures_alone(november: Conversation) -> None:
    """「统计 上月」 from 物业's 刘物业 is 「统计 上月 物业」; a grid, another unit or every
    unit is the secretary's to see."""
    own = november.text("@李书记/工作群: 统计 上月 物业")
    assert own.startswith("11月物业")
    assert november.text("@刘物业/私聊: 统计 上月") == own
    assert november.text("@刘物业/私聊: 上个月我们办结了几件") == own
    for other in ("统计 上月 网格3", "统计 上月 单位", "统计 上月 住建局"):
        assert november.text(f"@刘物业/私聊: {other}") == (
            "您可以查看物业的统计，例如：统计 本月、统计 上月。"
        ), other


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("统计 火星", "火星"),
        ("统计 13月", "13月"),
        ("统计 上月 本周", "本周"),
    ],
)
def test_a_bad_argument_gets_the_usage_in_one_line(
    november: Conversation, typed: str, word: str
) -> None:
    reply = november.text(f"@李书记/工作群: {typed}")
    assert reply == (
        f"看不懂「{word}」。用法：/stats [今天/近7天/本周/本月/上月/2026-11/11月1日到15日/今年/本季度] [网格] [楼号] [分类] [单位/人员/来源/议事/总结/用时] [按月] [环比/同比] [图]"
        "（或「统计 [今天/近7天/本周/本月/上月/2026-11/11月1日到15日/今年/本季度] [网格] [楼号] [分类] [单位/人员/来源/议事/总结/用时] [按月] [环比/同比] [图]」），例如：统计 上月 网格3"
    )
    # Nothing changed: the figures are as before.
    assert november.text("@李书记/工作群: 统计 上月").startswith("11月收集诉求11条")


def test_a_grid_there_is_none_of_gets_the_grids_there_are(november: Conversation) -> None:
    assert november.text("@李书记/工作群: /stats 网格9") == (
        "没有「网格9」这个网格，可以写：网格3、网格5。"
    )


def test_the_chart_is_a_picture_with_the_sentence_as_caption(november: Conversation) -> None:
    message = november.adapter.parse("@李书记/工作群: 统计 上月 图")
    assert message is not None
    sent = november.linli.dispatcher.dispatch(message)
    assert len(sent) == 1
    picture = sent[0]
    assert isinstance(picture, Document)
    assert (picture.filename, picture.photo, picture.chat.ref) == ("统计.png", True, WORK)
    assert picture.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert picture.caption == expected("11月", NOVEMBER)
    assert november.say("@王芳/网格3群: 统计 图") == [("网格3群", "只有网格员及以上可以查看统计。")]
    # Asked against the month before, the caption has the line 「统计 上月 环比」 has.
    message = november.adapter.parse("@李书记/工作群: 统计 上月 环比 图")
    assert message is not None
    [against] = november.linli.dispatcher.dispatch(message)
    assert isinstance(against, Document) and against.photo
    compared = november.text("@李书记/工作群: 统计 上月 环比").splitlines()[1]
    assert compared.startswith("较10月（收集1条")
    assert against.caption == f"{picture.caption}\n{compared}"


def test_the_charts_weekly_trend_counts_filed_and_resolved_by_week(november: Conversation) -> None:
    from handlers.stats import StatsQuery, chart_trend, parse_period
    from storage.uow import UnitOfWork

    now = november.linli.services.clock.now()
    with UnitOfWork(november.linli.sessions) as uow:
        grid5 = uow.communities.grid_by_name(1, "网格5")
        assert grid5 is not None

        def trend(period: str, grids: frozenset[int] = frozenset()) -> list[tuple[str, int, int]]:
            query = StatsQuery(parse_period(period, now, SH), grid_ids=grids)
            points, monthly = chart_trend(uow, 1, query, now, SH)
            assert not monthly
            return points

        # November 2026 starts on a Sunday: its weeks are those of Mondays 10/26 … 11/30. All
        # of the table was filed in the week of 11/2; resolved there too, those not reopened.
        quiet = [(week, 0, 0) for week in ("11/9", "11/16", "11/23", "11/30")]
        resolved = sum(
            r.fate == "resolved" or (r.fate == "rated" and not still_open(r)) for r in NOVEMBER
        )
        assert trend("上月") == [("10/26", 0, 0), ("11/2", len(NOVEMBER), resolved), *quiet]
        # Everything: from the week of the first report (30 October, still open) on.
        assert trend("累计") == [("10/26", 1, 0), ("11/2", len(NOVEMBER), resolved), *quiet]
        mine = [r for r in NOVEMBER if r.grid == "网格5"]
        done = sum(r.fate == "resolved" or (r.fate == "rated" and not still_open(r)) for r in mine)
        assert trend("上月", frozenset({grid5.id})) == [
            ("10/26", 0, 0),
            ("11/2", len(mine), done),
            *quiet,
        ]
        assert (len(mine), done) == (5, 3)

        # A year (longer than the chart's 26 weeks) goes by month, every month of it so far;
        # so does 按月 whatever the period.
        year = StatsQuery(parse_period("今年", now, SH))
        by_month, monthly = chart_trend(uow, 1, year, now, SH)
        assert monthly and [month for month, _, _ in by_month] == [f"{n}月" for n in range(1, 13)]
        assert by_month[9:] == [("10月", 1, 0), ("11月", len(NOVEMBER), resolved), ("12月", 0, 0)]
        assert sum(c + r for _, c, r in by_month[:9]) == 0
        november_only = StatsQuery(parse_period("上月", now, SH), by_month=True)
        assert chart_trend(uow, 1, november_only, now, SH) == (
            [("11月", len(NOVEMBER), resolved)],
            True,
        )


# -- the monthly report ---------------------------------------------------------------------------


def reports_in(fired: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return [f for f in fired if "📊 月报：" in f[2]]


def test_the_work_group_gets_november_on_1_december_at_nine_once(db_url: str) -> None:
    chat = conversation(db_url, at(10, 30, 10))
    replay_november(chat)
    chat.run_until(at(11, 30, 20))
    fired = chat.run_until(at(12, 1, 9, 30))
    sent = reports_in(fired)
    assert [(when, where) for when, where, _ in sent] == [("12-01 09:00", WORK)]
    report = sent[0][2]
    grids = [grid_line("网格3", NOVEMBER), grid_line("网格5", NOVEMBER), grid_line("", NOVEMBER)]
    # October held one report: how November moved from it follows the sentence.
    moved = (
        "较10月（收集1条，办结率0%）：收集增加10条（+1000%），办结率提高45个百分点，超期增加5条。"
    )
    body = "\n".join([expected("11月", NOVEMBER), moved, *grids])
    assert f"📊 月报：{body}" in report
    # It says what 「统计 上月 环比」 says; 「统计 上月」 without the line.
    assert chat.text("@李书记/工作群: 统计 上月 环比") == body
    assert chat.text("@李书记/工作群: 统计 上月") == "\n".join([expected("11月", NOVEMBER), *grids])
    chat.close()

    # A restart later that morning does not send it again; December's waits for 1 January.
    again = conversation(db_url, at(12, 1, 10))
    try:
        assert reports_in(again.run_until(at(12, 31, 23))) == []
        new_year = datetime(2027, 1, 1, 9, 30, tzinfo=SH)
        january = reports_in(again.run_until(new_year))
        # Once, on New Year's Day, naming the year: it is a month of another year now.
        assert [when for when, _, _ in january] == ["01-01 09:00"]
        assert "📊 月报：2026年12月没有收集到诉求。" in january[0][2]
    finally:
        again.close()


def test_a_report_missed_while_down_goes_out_once_marked_late(db_url: str) -> None:
    chat = conversation(db_url, at(10, 30, 10))
    replay_november(chat)
    chat.run_until(at(11, 30, 20))
    chat.close()  # down from Monday evening until Tuesday 11:00

    back = conversation(db_url, at(12, 1, 11))
    try:
        queued = back.linli.scheduler.run_due()
        reports = [
            (where, text) for where, text in map(shown_as, queued) if "📊 月报：11月" in text
        ]
        assert len(reports) == 1
        where, text = reports[0]
        assert where == WORK and text.startswith("（补发）")
        assert "📊 月报：11月收集诉求11条，办结5条" in text
        assert back.linli.scheduler.run_due() == []
    finally:
        back.close()


# -- counted in SQL, as the pure counting counts ---------------------------------------------------

DECEMBER = [
    # (grid, text, what becomes of it)
    ("网格3", "2号楼门口乱停车，车都开不出去", "rated 5"),
    ("网格5", "6号楼楼下僵尸车占车位半年了", "assigned"),
    ("网格3", "3号楼2单元下水道堵了，污水漫出来", "rated 2"),  # reopens: open, rated low
    ("网格5", "5号楼1单元化粪池满了，臭气熏天", "resolved"),
    ("", "南门垃圾站的垃圾好几天没清运了", "new"),
    ("网格3", "2号楼3单元楼道灯坏了", "rated 1 then 4"),  # reopened, resolved, rated again
    ("网格5", "7号楼门口车位不够，晚上停车难", "rejected"),
    ("网格3", "1号楼门口雨水井堵了，一下雨就积水", "accepted"),
    ("网格5", "7号楼楼上天天晚上装修，噪音太大", "rated 3"),
    ("网格3", "4号楼前面停车位被外来车辆占满了", "assigned later"),  # deadline still ahead
    ("网格5", "6号楼门口路灯不亮，晚上太黑了", "resolved then reopened"),
]


def replay_december(chat: Conversation) -> None:
    """From Tuesday 1 December: reports, triage, deadlines, ratings; then into the 15th, so
    some deadlines have passed and some have not."""
    for number, (grid, text, fate) in enumerate(DECEMBER, start=1):
        chat.run_until(at(12, 1 + number // 3, 10, number))
        group, who, worker = GROUP[grid], REPORTER[grid], WORKER[grid]
        assert chat.text(f"@{who}/{group}: #报事 {text}").startswith(f"已登记 #{number}")
        if fate == "new":
            continue
        if fate == "rejected":
            chat.say(f"@{worker}/{WORK}: 退回 {number} 不属于本社区")
            continue
        chat.say(f"@{worker}/{WORK}: 受理 {number} 简单")
        if fate in ("accepted", "assigned later"):
            continue
        if fate == "assigned":
            chat.say(f"@{worker}/{WORK}: 派单 {number} @刘物业 明天")
            continue
        chat.say(f"@{worker}/{WORK}: 办结 {number} 已处理")
        if fate.startswith("rated"):
            first, *again = fate.removeprefix("rated ").split(" then ")
            chat.say(f"@{who}/{group}: 评价 {number} {first}")
            if again:
                chat.say(f"@{worker}/{WORK}: 办结 {number} 又处理了一遍")
                chat.say(f"@{who}/{group}: 评价 {number} {again[0]}")
        elif fate == "resolved then reopened":
            chat.say(f"@{worker}/{WORK}: 重开 {number} 又坏了")
    chat.run_until(at(12, 14, 9))
    chat.say(f"@{WORKER['网格3']}/{WORK}: 派单 10 @刘物业 12月18日")
    chat.run_until(at(12, 15, 10))


def test_stats_counted_in_sql_say_what_the_pure_counting_says(db_url: str) -> None:
    from handlers.stats import (
        IssueStat,
        StatsQuery,
        count_by_grid,
        count_issues,
        counts_line,
        counts_of,
        parse_period,
        summary_sentence,
    )
    from storage.uow import UnitOfWork

    chat = conversation(db_url, at(12, 1, 9))
    try:
        replay_december(chat)
        services = chat.linli.services
        now = services.clock.now()
        with UnitOfWork(chat.linli.sessions) as uow:
            community = uow.communities.get(1)
            grids = {grid.id: grid.name for grid in uow.communities.grids_of(community.id)}
            period = parse_period("本月", now, SH)
            issues = uow.issues.filed_between(community.id, period.since, period.until)
            stats = [IssueStat.of(issue) for issue in issues]
            want, want_grid = count_issues(stats, now), count_by_grid(stats, now)
            # The ledger is varied enough to tell the counts apart.
            assert want.collected == len(DECEMBER)
            assert want.overdue >= 2 and want.open > want.overdue
            assert want.rated >= 4 and 0 < want.satisfied < want.rated
            assert len(want.by_status) >= 5 and len(want_grid) == 3

            def name_of(code: str) -> str:
                return services.category(code).short_name

            lines = [summary_sentence("本月", want, name_of)]
            for grid_id, counts in want_grid.items():
                lines.append(counts_line(grids.get(grid_id or 0, "未分网格"), counts))
            # Every narrowing /stats knows, counted both ways, to the order of the categories.
            queries = [StatsQuery(period)] + [
                StatsQuery(period, grid_ids=frozenset({g})) for g in grids
            ]
            queries += [StatsQuery(period, categories=frozenset({c})) for c in want.by_category]
            for query in queries:
                chosen = [
                    s
                    for s in stats
                    if (not query.grid_ids or s.grid_id in query.grid_ids)
                    and (not query.categories or s.category in query.categories)
                ]
                total, per_grid = counts_of(uow, community.id, query, now)
                assert total == count_issues(chosen, now)
                assert list(total.by_category.items()) == list(
                    count_issues(chosen, now).by_category.items()
                )
                assert list(per_grid.items()) == list(count_by_grid(chosen, now).items())
        assert chat.text("@李书记/工作群: 统计 本月") == "\n".join(lines)
    finally:
        chat.close()


def test_the_rating_each_issue_counts_is_its_trails_verdict_also_after_an_upgrade(
    db_url: str,
) -> None:
    """Each rating, reopening and resolving keeps `counted_rating` at what the audit trail
    says; a database from before the column gets the same values from its trails."""
    from sqlalchemy import select

    from bot.domain.ratings import effective_rating
    from storage.migrate import downgrade, upgrade
    from storage.models import Issue
    from storage.uow import UnitOfWork

    def counted(chat: Conversation) -> dict[int, int | None]:
        with UnitOfWork(chat.linli.sessions) as uow:
            issues = uow.session.scalars(select(Issue).order_by(Issue.number)).all()
            return {issue.number: issue.counted_rating for issue in issues}

    chat = conversation(db_url, at(12, 1, 9))
    try:
        replay_december(chat)
        kept = counted(chat)
        with UnitOfWork(chat.linli.sessions) as uow:
            for issue in uow.session.scalars(select(Issue)):
                trail = [(entry.action, entry.note) for entry in uow.audit.of_issue(issue.id)]
                verdict = effective_rating(trail)
                assert kept[issue.number] == (issue.rating if verdict is None else verdict)
        # Rated 5, rated 2 (reopened: the issue forgets it, the count does not), rated 1 then
        # 4, rated 3; never rated; resolved then reopened.
        assert (kept[1], kept[3], kept[6], kept[9]) == (5, 2, 4, 3)
        assert kept[2] is None and kept[11] is None
        assert "评价：" not in chat.text("@王芳/网格3群: 查看 3")  # the issue holds no rating

        downgrade(chat.linli.engine, "0010")
        upgrade(chat.linli.engine)
        assert counted(chat) == kept
    finally:
        chat.close()


def test_a_past_months_overdue_count_is_judged_at_its_end(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")  # due 26 November: overdue then
    chat.clock.set(at(11, 30, 10))
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯不亮了")
    chat.say("@张网格/网格3群: 派单 2 @刘物业 12月10日")  # due in December
    assert "超期1条" in chat.text("@李书记/工作群: 统计 11月")
    chat.clock.set(at(12, 12, 10))  # both still open; #2's deadline has passed too
    assert "超期1条" in chat.text("@李书记/工作群: 统计 11月")
    assert "超期2条" in chat.text("@李书记/工作群: 统计 全部")


def test_the_monthly_report_waits_for_the_first_working_day_after_national_day(
    db_url: str,
) -> None:
    # 1–7 October 2026 are 国庆 holidays; Thursday 8 October is the month's first working day.
    chat = conversation(db_url, at(9, 30, 10))
    try:
        sent = reports_in(chat.run_until(at(10, 12, 10)))
        assert [(when, where) for when, where, _ in sent] == [("10-08 09:00", WORK)]
        assert "📊 月报：9月" in sent[0][2]
    finally:
        chat.close()


def test_januarys_report_brings_the_year_whole(november: Conversation) -> None:
    fired = november.run_until(datetime(2027, 1, 4, 10, tzinfo=SH))
    [sent] = [text.splitlines() for _, where, text in fired if "📊 年报" in text]
    first = next(n for n, line in enumerate(sent) if line.startswith("📊 年报："))
    ends = [n for n, line in enumerate(sent) if n > first and line.startswith(("📊", "📋"))]
    report = sent[first : (ends or [len(sent)])[0]]
    # What 「统计 2026年 总结」 says, asked the same day: the figures, each grid, each unit.
    asked = november.text("@李书记/工作群: 统计 2026年 总结").splitlines()
    assert report == [f"📊 年报：{asked[0]}", *asked[1:]]
    assert asked[0].startswith("2026年收集诉求12条")
    # December's own report comes first, once; no 年报 in February.
    assert sum("📊 月报：2026年12月" in text for _, _, text in fired) == 1
    later = november.run_until(datetime(2027, 2, 3, 10, tzinfo=SH))
    assert not any("📊 年报" in text for _, _, text in later)


def test_the_counts_of_a_building_and_as_asked_in_words(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@王芳/网格3群: #报事 3号楼门口下水道堵了")
    chat.say("@孙大爷/网格3群: #报事 4号楼楼道灯不亮")
    three = chat.text("@李书记/工作群: 统计 本月 3号楼")
    assert three == (
        "本月（3号楼）收集诉求2条，办结0条（办结率0%），暂无评价，超期0条。分类前三：照明1、排水1。"
    )
    assert chat.text("@李书记/工作群: 3号楼这个月有多少诉求") == three
    assert chat.text("@李书记/工作群: 统计　本月　３号楼") == three
    assert chat.text("@李书记/工作群: 网格3这个月收了几件") == chat.text(
        "@李书记/工作群: 统计 本月 网格3"
    )
    assert chat.text("@李书记/工作群: 今年照明的问题有多少").startswith(
        "今年（照明路灯）收集诉求2条"
    )
    # A building with none: said so.
    assert chat.text("@李书记/工作群: 统计 本月 7号楼") == "本月（7号楼）没有收集到诉求。"


def test_a_building_head_sees_the_figures_of_their_own_building(chat: Conversation) -> None:
    chat.say("@王阿姨/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@孙大爷/网格5群: #报事 6号楼门口井盖松了")
    mine = "本月（3号楼）收集诉求1条，办结0条（办结率0%），暂无评价，超期0条。分类前三：照明1。"
    assert chat.text("@陈楼长/私聊: 统计 本月") == mine
    assert chat.text("@陈楼长/私聊: 我们楼这个月反映了几件") == mine
    assert chat.text("@陈楼长/私聊: 统计 上月") == "10月（3号楼）没有收集到诉求。"
    # Another grid's, or the community's by grid, is staff's to see.
    assert chat.text("@陈楼长/私聊: 统计 本月 网格5") == (
        "您可以查看3号楼的统计，例如：统计 本月、统计 上月。"
    )
    assert chat.say("@陈楼长/网格3群: 我们楼这个月反映了几件") == []  # among neighbours


def test_the_figures_asked_privately_to_go_to_the_work_group_are_posted_there(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    figures = chat.text("@李书记/私聊: 统计 本月")
    assert chat.say("@李书记/私聊: 把这个月的统计发到工作群") == [
        ("私聊·李书记", "已发到工作群。"),
        (WORK, figures),
    ]
    assert chat.say("@张网格/私聊: 统计 本月 发工作群")[1] == (WORK, figures)
    # In the work group itself, the answer is there; residents see no figures.
    assert chat.say("@李书记/工作群: 这个月的数据发群里") == [(WORK, figures)]
    assert chat.text("@王芳/私聊: 把这个月的统计发到工作群") == "只有网格员及以上可以查看统计。"


def test_a_month_still_to_come_this_year_is_last_years(chat: Conversation) -> None:
    """「统计 12月」 in November looks back to last December (it was this December's, empty)."""
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    assert chat.text("@李书记/工作群: 统计 12月") == "2025年12月没有收集到诉求。"
    assert chat.text("@李书记/工作群: 统计 11月").startswith("11月收集诉求1条")
    assert chat.text("@李书记/工作群: 导出 12月") == "[文件] 幸福里社区台账-2025-12.xlsx"
