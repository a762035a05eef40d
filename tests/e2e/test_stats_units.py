"""统计 by handling unit: 「统计 本周 物业」 gives the figures an assessment (考核) of the property
company quotes, 「统计 本月 单位」 one line per unit, and the xlsx 台账 a 单位 sheet.

The week of Monday 23 November 2026 in 网格3, as `WEEK` replays it: seven reports, six of them
handed to 物业 (by name or through its contact 刘物业), one moved on to 街道城管办, one escalated
there while 物业 keeps it, one handed back (不归我管). A unit's issues are those it holds now and
those last escalated to it; asked on Friday, every deadline of Tuesday has passed.
"""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from bot.messages import Document
from tests.support.conversation import Conversation

SH = ZoneInfo("Asia/Shanghai")
WORK = "工作群"

WEEK = [
    # 1: 物业 through its contact, resolved on Monday (due Tuesday), rated 5.
    "@王芳/网格3群: #报事 3号楼楼道灯坏了",
    "@张网格/网格3群: 派单 1 刘物业 明天",
    "@刘物业/私聊: 办结 1 换了灯泡",
    "@王芳/网格3群: 评价 1 5",
    # 2: 物业, due Tuesday, resolved on Wednesday (late, below), rated 3.
    "@王芳/网格3群: #报事 1号楼门口垃圾好几天没人清",
    "@张网格/网格3群: 派单 2 物业 明天",
    # 3: 物业, due Tuesday, still open: overdue.
    "@王芳/网格3群: #报事 2号楼楼道堆满杂物",
    "@张网格/网格3群: 派单 3 物业 明天",
    # 4: 物业, then moved to 街道城管办 (due Friday): 街道城管办's only.
    "@王芳/网格3群: #报事 4号楼下水道堵了",
    "@张网格/网格3群: 派单 4 物业 明天",
    "@张网格/网格3群: 派单 4 街道城管办 周五",
    # 5: 物业 (due Tuesday), escalated to 街道城管办 as well: both count it, overdue.
    "@王芳/网格3群: #报事 3号楼门口路面塌了个坑",
    "@张网格/网格3群: 派单 5 物业 明天",
    "@张网格/网格3群: 上报 5",
    # 6: the category 物业服务, handed to nobody.
    "@王芳/网格3群: #报事 物业费一分不少收 服务啥也没有",
    # 7: 物业, handed back: nobody's.
    "@王芳/网格3群: #报事 2号楼电梯坏了",
    "@张网格/网格3群: 派单 7 物业 明天",
    "@刘物业/私聊: 不归我管 7 电梯归维保公司管",
]

PROPERTY = (
    "本周物业承办诉求4条，办结2条（办结率50%），按期办结1条（按期率50%），满意率100%，"
    "超期未办结2条。"
)
STREET = "本周街道城管办承办诉求2条，办结0条（办结率0%），按期办结0条，暂无评价，超期未办结1条。"


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=SH)


@pytest.fixture
def week(chat: Conversation) -> Conversation:
    for line in WEEK:
        assert chat.say(line), line
    chat.clock.set(at(25))  # Wednesday: #2 is done a day late
    chat.say("@刘物业/私聊: 办结 2 已清运")
    assert chat.say("@王芳/网格3群: 评价 2 3") == [("网格3群", "#2 已销号，评价3分，感谢反馈。")]
    chat.clock.set(at(27))  # Friday
    return chat


def test_a_unit_gets_the_figures_of_an_assessment(week: Conversation) -> None:
    reply = week.text("@李书记/工作群: 统计 本周 物业")
    assert reply == PROPERTY
    # The ledger agrees: what 物业 holds open is the two overdue ones.
    assert week.text("@李书记/工作群: 台账 物业").startswith("幸福里社区台账：未办结2条（🔴2")
    # As the command parser forgives it, and from a grid worker in the grid group.
    assert week.text("@李书记/工作群: /stats 本周 物业") == reply
    assert week.text("@李书记/工作群: 统计　本周　　物业") == reply
    assert week.text("@李书记/工作群: 统计本周 物业") == reply
    assert week.text("@李书记/工作群: 统计 物业 本周") == reply
    assert week.text("@张网格/网格3群: 统计 本周 物业") == reply
    # 本月 holds the same week; a grid narrows it.
    assert week.text("@李书记/工作群: 统计 本月 物业") == reply.replace("本周", "本月")
    assert week.text("@李书记/工作群: 统计 本周 物业 网格3") == reply.replace(
        "本周", "本周（网格3）"
    )
    assert week.text("@李书记/工作群: 统计 本周 物业 网格5") == "本周（网格5）物业没有承办的诉求。"
    # Asked in words: 「物业的满意度怎么样」 is the unit's figures, this month's.
    monthly = reply.replace("本周", "本月")
    assert week.text("@李书记/工作群: 物业的满意度怎么样") == monthly
    assert week.text("@张网格/私聊: 物业这个月的办结率") == monthly
    assert week.text("@李书记/工作群: 物业办得怎么样") == monthly
    assert week.text("@李书记/私聊: 物业这周干得怎么样") == reply
    assert week.text("@李书记/私聊: 物业的办理情况") == monthly  # it was the not-filed hint
    assert week.text("@李书记/私聊: 本周各单位承办情况") == week.text(
        "@李书记/私聊: 统计 本周 单位"
    )
    assert week.say("@王芳/网格3群: 物业办得怎么样") == []  # neighbours' talk


def test_a_unit_by_a_part_of_its_name_that_is_no_category(week: Conversation) -> None:
    assert week.text("@李书记/工作群: 统计 本周 城管") == STREET
    assert week.text("@李书记/工作群: 统计 街道 本周") == STREET
    # 物业 is a whole unit's name; 物业服务 the category; a part in no name is refused.
    assert week.text("@李书记/工作群: 统计 本周 局").startswith("看不懂「局」。")


def test_the_category_keeps_its_full_name(week: Conversation) -> None:
    assert week.text("@李书记/工作群: 统计 本周 物业服务").splitlines() == [
        "本周（物业服务）收集诉求1条，办结0条（办结率0%），暂无评价，超期1条。",
        "网格3：收集1条，办结0条（0%），超期1条",
    ]
    assert week.text("@李书记/工作群: /stats 本周 property").startswith(
        "本周（物业服务）收集诉求1条"
    )


def test_an_issue_passed_on_counts_for_who_holds_it_and_where_it_was_escalated(
    week: Conversation,
) -> None:
    # #4 moved from 物业 to 街道城管办: only 街道城管办's. #5 held by 物业 and escalated to
    # 街道城管办: both count it. #7 handed back by 物业: nobody's.
    assert week.text("@李书记/工作群: 统计 本周 街道城管办") == STREET
    # Done on time and then rated 1: reopened, no longer done, the rating still counted.
    week.say("@周主任/私聊: 办结 4 已疏通")
    assert week.text("@李书记/工作群: 统计 本周 街道城管办") == (
        "本周街道城管办承办诉求2条，办结1条（办结率50%），按期办结1条（按期率100%），"
        "暂无评价，超期未办结1条。"
    )
    week.say("@王芳/网格3群: 评价 4 1")
    assert week.text("@李书记/工作群: 统计 本周 街道城管办") == (
        "本周街道城管办承办诉求2条，办结0条（办结率0%），按期办结0条，满意率0%，超期未办结1条。"
    )
    assert week.text("@李书记/工作群: 统计 本周 物业") == PROPERTY


def test_every_unit_gets_one_line_most_issues_first(week: Conversation) -> None:
    reply = week.text("@李书记/工作群: 统计 本周 单位")
    # 住建局 had nothing: no line.
    assert reply.splitlines() == [
        "本周各单位承办情况：",
        "物业：承办4条，办结2条，按期1条，超期2条，满意率100%",
        "街道城管办：承办2条，办结0条，按期0条，超期1条，暂无评价",
    ]
    assert week.text("@李书记/工作群: /stats 本周 各单位") == reply
    assert week.text("@李书记/工作群: 统计　本周　　单位") == reply
    assert week.text("@张网格/网格3群: 统计 单位 本周") == reply
    # Three more for 街道城管办 (物业 comes first in the config).
    week.say("@王芳/网格3群: #报事 1号楼路灯不亮了")
    week.say("@王芳/网格3群: #报事 2号楼门前井盖松了")
    week.say("@王芳/网格3群: #报事 1号楼楼顶漏水了")
    for number in (8, 9):
        week.say(f"@张网格/网格3群: 派单 {number} 街道城管办 下周五")
    # Two of them: a tie keeps the config's order.
    assert week.text("@李书记/工作群: 统计 本周 单位").splitlines()[1:] == [
        "物业：承办4条，办结2条，按期1条，超期2条，满意率100%",
        "街道城管办：承办4条，办结0条，按期0条，超期1条，暂无评价",
    ]
    week.say("@张网格/网格3群: 派单 10 街道城管办 下周五")
    # The third: more issues come first.
    assert week.text("@李书记/工作群: 统计 本周 单位").splitlines()[1:] == [
        "街道城管办：承办5条，办结0条，按期0条，超期1条，暂无评价",
        "物业：承办4条，办结2条，按期1条，超期2条，满意率100%",
    ]


def test_a_unit_or_a_period_without_issues_says_so(week: Conversation) -> None:
    assert week.text("@李书记/工作群: 统计 本周 住建局") == "本周住建局没有承办的诉求。"
    assert week.text("@李书记/工作群: 统计 上月 单位") == "10月没有派给单位的诉求。"
    assert week.text("@李书记/工作群: 统计 上周 物业") == "上周物业没有承办的诉求。"


@pytest.mark.parametrize("who", ["王芳/网格3群", "陈楼长/网格3群"])
def test_those_who_may_not_see_statistics_see_no_unit_either(week: Conversation, who: str) -> None:
    for asked in ("统计 本周 物业", "统计 本周 单位"):
        assert week.text(f"@{who}: {asked}") == "只有网格员及以上可以查看统计。"


def test_a_handler_sees_their_own_unit_and_no_other(week: Conversation) -> None:
    assert week.text("@刘物业/私聊: 统计 本周 物业") == PROPERTY
    assert week.text("@刘物业/私聊: 统计 本周 单位").startswith("您可以查看物业的统计")


def test_the_chart_of_a_unit_is_captioned_with_its_figures(week: Conversation) -> None:
    sent = week.send("@李书记/工作群: 统计 本周 物业 图")
    assert len(sent) == 1 and isinstance(sent[0], Document)
    assert sent[0].photo and sent[0].content.startswith(b"\x89PNG")
    assert sent[0].caption == PROPERTY
    every = week.send("@李书记/工作群: 统计 本周 单位 图")
    assert isinstance(every[0], Document)
    assert every[0].caption == week.text("@李书记/工作群: 统计 本周 单位")


def test_counted_in_sql_as_the_pure_counting_counts(week: Conversation) -> None:
    from handlers.stats import (
        IssueStat,
        StatsQuery,
        count_by_unit,
        parse_period,
        unit_counts_of,
    )
    from storage.uow import UnitOfWork

    now = week.clock.now()
    with UnitOfWork(week.linli.sessions) as uow:
        period = parse_period("本周", now, SH)
        issues = uow.issues.filed_between(1, period.since, period.until)
        stats = [IssueStat.of(issue) for issue in issues]
        grid = uow.communities.grid_by_name(1, "网格3")
        assert grid is not None
        for query in (
            StatsQuery(period, by_unit=True),
            StatsQuery(period, units=frozenset({"物业"})),
            StatsQuery(period, grid_ids=frozenset({grid.id}), by_unit=True),
            StatsQuery(period, categories=frozenset({"road"}), by_unit=True),
        ):
            chosen = [
                s
                for s in stats
                if (not query.grid_ids or s.grid_id in query.grid_ids)
                and (not query.categories or s.category in query.categories)
            ]
            want = count_by_unit(chosen, now)
            if query.units:
                want = {unit: want[unit] for unit in query.units}
            assert unit_counts_of(uow, 1, query, now) == want
        assert count_by_unit(stats, now)["物业"].on_time == 1


def test_the_export_has_a_sheet_of_the_units(week: Conversation) -> None:
    sent = week.send("@李书记/工作群: 导出 本月")
    assert len(sent) == 1 and isinstance(sent[0], Document)
    book = load_workbook(BytesIO(sent[0].content))
    assert book.sheetnames == ["台账", "统计", "单位", "人员", "议事", "走访"]
    rows = [tuple(row) for row in book["单位"].iter_rows(values_only=True)]
    assert rows[0][0] == "幸福里社区 2026年11月 各单位承办情况"
    assert "|".join(rows[3]) == "单位|承办|办结|办结率|按期办结|按期率|超期未办结|已评价|满意率"
    table = rows[3:]
    assert table[1:3] == [
        ("物业", 4, 2, 0.5, 1, 0.5, 2, 2, 1),
        ("街道城管办", 2, 0, 0, 0, "—", 1, 0, "—"),
    ]


def test_the_monthly_report_carries_every_unit(week: Conversation) -> None:
    fired = week.run_until(datetime(2026, 12, 1, 9, 30, tzinfo=SH))
    reports = [text for when, where, text in fired if "📊 月报：" in text]
    assert len(reports) == 1
    units = week.text("@李书记/工作群: 统计 上月 单位")
    assert units.startswith("11月各单位承办情况：\n物业：承办4条，办结2条")
    # After the month's sentence and its grids, and how long what was done took (「统计 上月
    # 用时」's first line), the units as 「统计 上月 单位」 gives them (the report goes out
    # bundled with the morning's digest).
    month = week.text("@李书记/工作群: 统计 上月")
    took = week.text("@李书记/工作群: 统计 上月 用时").splitlines()[0]
    assert took.startswith("11月办结诉求2条，平均用时")
    assert f"📊 月报：{month}\n{took}\n{units}\n" in reports[0]


def test_a_unit_against_the_period_before(week: Conversation) -> None:
    # The next week: 物业 receives two, one done on time and rated 5, one left past its day.
    week.clock.set(datetime(2026, 11, 30, 10, tzinfo=SH))
    week.say("@王芳/网格3群: #报事 1号楼楼道灯不亮")
    week.say("@张网格/网格3群: 派单 8 物业 明天")
    week.say("@刘物业/私聊: 办结 8 换了灯泡")
    week.say("@王芳/网格3群: 评价 8 5")
    week.say("@王芳/网格3群: #报事 4号楼门口垃圾没人清")
    week.say("@张网格/网格3群: 派单 9 物业 明天")
    week.clock.set(datetime(2026, 12, 7, 10, tzinfo=SH))
    last_week = (
        "上周物业承办诉求2条，办结1条（办结率50%），按期办结1条（按期率100%），满意率100%，"
        "超期未办结1条。"
    )
    assert week.text("@李书记/工作群: 统计 上周 物业").splitlines() == [last_week]
    # The week before is the WEEK above, 超期 judged at its end (two then, #3 and #5).
    assert week.text("@李书记/工作群: 统计 上周 物业 环比").splitlines() == [
        last_week,
        "较11月23日至11月29日（承办4条，办结率50%）：承办减少2条（-50%），办结率持平，"
        "按期率提高50个百分点，满意率持平，超期减少1条。",
    ]
    assert week.text("@李书记/工作群: 统计 上周 物业 同比").splitlines()[1] == (
        "2025年11月30日至2025年12月6日物业没有承办诉求，无从比较。"
    )
    # Every unit's line says how it moved, and nothing of what did not; a unit that had
    # nothing before says so.
    assert week.text("@李书记/工作群: 统计 上周 单位 环比").splitlines() == [
        "上周各单位承办情况：",
        "物业：承办2条，办结1条，按期1条，超期1条，满意率100%；较11月23日至11月29日承办减少2条"
        "（-50%），按期率提高50个百分点，超期减少1条",
    ]
    week.say("@王芳/网格3群: #报事 2号楼门口路面塌了")
    week.say("@张网格/网格3群: 派单 10 街道城管办 明天")
    assert week.text("@李书记/工作群: 统计 本周 单位 环比").splitlines() == [
        "本周各单位承办情况：",
        "街道城管办：承办1条，办结0条，按期0条，超期0条，暂无评价；上周同期无承办",
    ]
    # 同比 likewise: a year before, nobody had any.
    assert (
        week.text("@李书记/工作群: 统计 上周 单位 同比")
        .splitlines()[1]
        .endswith("；2025年11月30日至2025年12月6日无承办")
    )
