"""来源: where each issue came from, in 查看, 统计 and after an upgrade of an older database."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from io import BytesIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot import charts
from bot.messages import Document
from storage.migrate import downgrade, upgrade
from storage.models import Issue
from storage.uow import UnitOfWork
from tests.support.conversation import Conversation
from tests.support.web import sign_in, visible

SH = ZoneInfo("Asia/Shanghai")

# (who/where, what they said, the 来源 the ledger keeps)
REPORTS = [
    ("@王芳/网格3群", "#报事 3号楼2单元楼道灯坏了", "群内反映"),
    ("@孙大爷/私聊", "5号楼门口井盖松了，晚上很危险", "私信反映"),
    ("@张网格/私聊", "#报事 12345工单：3号楼1单元下水道堵塞", "12345热线"),
    ("@张网格/私聊", "#报事 居民王大爷电话反映2号楼楼顶漏水", "电话反映"),
    ("@张网格/网格3群", "#报事 巡查发现1号楼消防通道堆放杂物", "巡查发现"),
    ("@李书记/工作群", "#报事 4号楼门口路灯不亮", "工作人员上报"),
    ("@陈楼长/网格3群", "#报事 3号楼电梯异响", "群内反映"),
]


def file_all(chat: Conversation) -> None:
    for number, (who, said, _) in enumerate(REPORTS, start=1):
        assert chat.say(f"{who}: {said}")[0][1].startswith(f"已登记 #{number}"), said


def test_each_issue_shows_where_it_came_from(chat: Conversation) -> None:
    file_all(chat)
    for number, (_, _, source) in enumerate(REPORTS, start=1):
        shown = chat.text(f"@李书记/私聊: 查看 {number}")
        assert f" · 来源：{source}\n" in shown, (number, shown)


def test_the_web_page_of_an_issue_says_where_it_came_from(web_chat: Conversation) -> None:
    file_all(web_chat)
    client = sign_in(web_chat, "李书记")
    for number, (_, _, source) in enumerate(REPORTS, start=1):
        assert f"来源\n{source}\n" in visible(client.get(f"/issues/{number}").text), number


def test_the_figures_by_source(chat: Conversation) -> None:
    file_all(chat)
    chat.say("@张网格/私聊: 办结 3 已疏通")
    [(_, text)] = chat.say("@李书记/私聊: 统计 本月 来源")
    head, *lines = text.split("\n")
    assert head.startswith(f"本月收集诉求{len(REPORTS)}条，办结1条")
    expected: dict[str, int] = {}
    for _, _, source in REPORTS:
        expected[source] = expected.get(source, 0) + 1
    said = {line.split("：")[0]: line for line in lines}
    assert set(said) == set(expected)
    for source, n in expected.items():
        done = 1 if source == "12345热线" else 0
        assert said[source].startswith(f"{source}：收集{n}条，办结{done}条"), said[source]
    # One source alone: its sentence, with the grids' lines.
    [(_, hotline)] = chat.say("@李书记/私聊: 统计 12345")
    assert hotline.startswith("本月（12345热线）收集诉求1条，办结1条（办结率100%）")


def test_the_chart_by_source_has_a_bar_for_each(
    chat: Conversation, monkeypatch: pytest.MonkeyPatch
) -> None:
    """「统计 本月 来源 图」: the bars count each 来源, most first, and the caption has the
    lines 「统计 本月 来源」 gives."""
    file_all(chat)
    drawn: list[tuple[list[tuple[str, int]], str]] = []
    draw = charts.render_stats_chart

    def watched(
        title: str, bars: list[tuple[str, int]], weeks: Any, *, bars_title: str, trend_title: str
    ) -> bytes:
        drawn.append((bars, bars_title))
        return draw(title, bars, weeks, bars_title=bars_title, trend_title=trend_title)

    monkeypatch.setattr(charts, "render_stats_chart", watched)
    message = chat.adapter.parse("@李书记/工作群: 统计 本月 来源 图")
    assert message is not None
    [picture] = chat.linli.dispatcher.dispatch(message)
    assert isinstance(picture, Document) and picture.content.startswith(b"\x89PNG")
    counted: dict[str, int] = {}
    for _, _, source in REPORTS:
        counted[source] = counted.get(source, 0) + 1
    assert drawn == [(sorted(counted.items(), key=lambda bar: -bar[1]), "按来源")]
    assert picture.caption == chat.text("@李书记/工作群: 统计 本月 来源")
    # By category otherwise, with the sentence alone.
    [plain] = chat.linli.dispatcher.dispatch(chat.adapter.parse("@李书记/工作群: 统计 本月 图"))
    assert drawn[-1][1] == "按类别" and isinstance(plain, Document)
    assert plain.caption == chat.text("@李书记/工作群: 统计 本月").splitlines()[0]


def test_the_xlsx_of_one_source(chat: Conversation) -> None:
    """「导出 本月 12345」: the street asks for the hotline's orders alone; 「导出 来源」 is no
    file's (统计 has the lines), and is answered with the usage."""
    file_all(chat)
    message = chat.adapter.parse("@李书记/私聊: 导出 本月 12345")
    assert message is not None
    [sheet] = chat.linli.dispatcher.dispatch(message)
    assert isinstance(sheet, Document)
    assert sheet.filename == "幸福里社区12345热线台账-2026-11.xlsx"
    assert sheet.caption == "幸福里社区台账（2026年11月·12345热线）· 共1条"
    book = load_workbook(BytesIO(sheet.content))
    header = [cell.value for cell in book["台账"][1]]
    listed = [
        dict(zip(header, row, strict=True))
        for row in book["台账"].iter_rows(min_row=2, values_only=True)
    ]
    assert [(row["编号"], row["来源"]) for row in listed] == [(3, "12345热线")]
    # The hotline's file has no meetings: no 议事 sheet's rows, no 议事协商 table.
    first_column = [row[0] for row in book["统计"].iter_rows(values_only=True)]
    assert "网格" in first_column and "议事协商" not in first_column
    assert chat.text("@李书记/私聊: 导出 来源").startswith("用法：/export")
    whole = chat.linli.dispatcher.dispatch(chat.adapter.parse("@李书记/私聊: 导出 本月"))
    assert whole[0].caption == f"幸福里社区台账（2026年11月）· 共{len(REPORTS)}条"


def test_the_xlsx_of_one_grid(chat: Conversation) -> None:
    """「导出网格3的台账」: a grid's issues and rounds; the meetings and the staff's figures are
    the community's, so not in it. A grid the community has not is named with those it has."""
    file_all(chat)
    chat.say("@张网格/私聊: 走访 3号楼2单元 入户12户 无异常")
    chat.say("@赵网格/私聊: 走访 6号楼 入户8户")
    message = chat.adapter.parse("@李书记/私聊: 导出网格3的台账")
    assert message is not None
    [sheet] = chat.linli.dispatcher.dispatch(message)
    assert isinstance(sheet, Document)
    assert sheet.filename == "幸福里社区网格3台账-20261123.xlsx"
    book = load_workbook(BytesIO(sheet.content))
    grids = [row[6] for row in book["台账"].iter_rows(min_row=2, values_only=True)]
    assert grids and set(grids) == {"网格3"}
    assert sheet.caption == f"幸福里社区台账（累计·网格3）· 共{len(grids)}条"
    assert [row[2] for row in book["走访"].iter_rows(min_row=2, values_only=True)] == ["网格3"]
    assert "人员" not in book.sheetnames
    whole = chat.linli.dispatcher.dispatch(chat.adapter.parse("@李书记/私聊: 导出"))
    assert isinstance(whole[0], Document)
    assert len(list(load_workbook(BytesIO(whole[0].content))["台账"].iter_rows())) > len(grids) + 1
    # In any order, with a 来源 too; a grid not there is answered with those there are.
    [both] = chat.linli.dispatcher.dispatch(
        chat.adapter.parse("@李书记/私聊: 导出 12345 网格3 本月")
    )
    assert both.caption == "幸福里社区台账（2026年11月·网格3·12345热线）· 共1条"
    assert chat.text("@李书记/私聊: 导出 网格9") == "没有「网格9」这个网格，可以写：网格3、网格5。"


def test_the_statistics_page_counts_each_source_as_the_chat_does(web_chat: Conversation) -> None:
    file_all(web_chat)
    web_chat.say("@张网格/私聊: 办结 3 已疏通")
    said = web_chat.text("@李书记/私聊: 统计 本月 来源").splitlines()[1:]
    lines = visible(sign_in(web_chat, "李书记").get("/stats").text).splitlines()
    table = lines[lines.index("按来源") :]
    for line in said:  # 「12345热线：收集1条，办结1条（100%）」
        source, figures = line.split("：")
        collected, resolved = re.findall(r"收集(\d+)条，办结(\d+)条", figures)[0]
        row = table.index(source)
        assert table[row + 1 : row + 3] == [collected, resolved], (source, table[row : row + 7])
    assert len(said) == 6


def test_every_way_of_counting_from_one_pass_says_what_each_says(chat: Conversation) -> None:
    """The web statistics page counts by grid, 来源 and unit in one pass (`all_counts`): it
    says what 「统计」, 「统计 来源」 and 「统计 单位」 each count, however narrowed."""
    from handlers.stats import (
        StatsQuery,
        all_counts,
        counts_of,
        parse_period,
        source_counts,
        unit_counts_of,
    )

    file_all(chat)
    for said in (
        "@李书记/私聊: 派单 1 物业 明天",
        "@李书记/私聊: 派单 2 物业 明天",
        "@李书记/私聊: 派单 3 街道城管办 明天",
        "@李书记/私聊: 派单 4 物业 明天",
        "@李书记/私聊: 上报 4",  # held by 物业, escalated to the street: counts for both
        "@李书记/私聊: 办结 3 已疏通",
        "@李书记/私聊: 办结 1 已换灯泡",
    ):
        assert chat.say(said), said
    chat.say("@王芳/网格3群: 评价 1 5")
    chat.clock.advance(timedelta(days=3))  # the deadlines of 2 and 4 have passed
    now = chat.clock.now()
    month = parse_period("本月", now, SH)
    with UnitOfWork(chat.linli.sessions) as uow:
        grid = uow.communities.grid_by_name(1, "网格3")
        assert grid is not None
        queries = [
            StatsQuery(month),
            StatsQuery(parse_period("累计", now, SH)),
            StatsQuery(month, grid_ids=frozenset({grid.id})),
            StatsQuery(month, categories=frozenset({"lighting"})),
            StatsQuery(month, sources=frozenset({"hotline", "group"})),
            StatsQuery(month, units=frozenset({"物业"})),
        ]
        for query in queries:
            every = all_counts(uow, 1, query, now)
            counts, per_grid = counts_of(uow, 1, query, now)
            assert every.counts == counts, query
            assert list(every.counts.by_category.items()) == list(counts.by_category.items())
            assert list(every.per_grid.items()) == list(per_grid.items()), query
            assert every.per_source == source_counts(uow, 1, query, now), query
            assert every.per_unit == unit_counts_of(uow, 1, query, now), query
        whole = all_counts(uow, 1, StatsQuery(month), now)
    # The ledger is varied enough to tell them apart.
    assert len(whole.per_source) == 6 and len(whole.per_grid) >= 2
    assert whole.per_unit["物业"].collected == 3 and whole.per_unit["物业"].overdue == 2
    assert whole.per_unit["街道城管办"].collected == 2
    assert whole.per_unit["街道城管办"].on_time == 1
    assert whole.counts.resolved == 2 and whole.counts.satisfied == 1


def test_the_ledger_of_one_source(chat: Conversation) -> None:
    file_all(chat)
    hotline = [n for n, (_, _, source) in enumerate(REPORTS, start=1) if source == "12345热线"]
    for asked in (
        "台账 12345",
        "12345的还有哪些没办",
        "台账 12345热线",
        "台账 工单",  # a community's 工单 are the hotline's
        "12345工单还有几件没办",
        "工单还有哪些没办完",
    ):
        [(_, text)] = chat.say(f"@李书记/私聊: {asked}")
        head, *lines = text.split("\n")
        assert head.startswith(f"幸福里社区台账：未办结{len(hotline)}条"), asked
        assert [line.split("【")[0][2:] for line in lines] == [f"#{n}" for n in hotline], asked
    for asked in ("这个月12345来了几件", "统计 本月 工单"):
        [(_, counted)] = chat.say(f"@李书记/私聊: {asked}")
        assert counted.startswith(f"本月（12345热线）收集诉求{len(hotline)}条"), asked
    assert chat.text("@李书记/私聊: 台账 巡查 红") == "没有符合条件（巡查、🔴超期）的未办结事项。"


def test_a_work_orders_number_finds_its_issue(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    said = chat.say("@张网格/私聊: 12345工单2026112200123：3号楼1单元下水道堵塞")
    number = 2
    assert said[0][1].startswith(f"已登记 #{number}【排水管道】3号楼1单元")
    [(_, found)] = chat.say("@李书记/私聊: 台账 2026112200123")
    assert found.split("\n")[1].startswith(f"🟢 #{number}【排水管道】3号楼1单元")
    assert len(found.split("\n")) == 2  # that one alone
    assert chat.text("@李书记/私聊: 台账 2026112200999") == (
        "没有符合条件（2026112200999）的未办结事项。"
    )
    assert chat.text("@李书记/私聊: 台账 9") == "没有第9页，共1页。"  # a short number: the page


def test_an_older_database_gets_each_issue_its_chats_source(chat: Conversation) -> None:
    file_all(chat)
    chat.say("@李书记/工作群: 议事 停车议事会 时间 周四19:00 截止 周三20:00 群 网格3")
    chat.say("@李书记/工作群: 结果 M1 决议 停车费100元/月 行动 物业 周五前 划线")
    downgrade(chat.linli.engine, "0023")
    upgrade(chat.linli.engine)
    with UnitOfWork(chat.linli.sessions) as uow:
        issues = uow.session.scalars(select(Issue).order_by(Issue.number)).all()
        sources = {issue.number: issue.source for issue in issues}
    # What staff said of their own was not kept before: their chat's.
    assert sources == {1: "group", 2: "private", 3: "private", 4: "private", 5: "group"} | {
        6: "group",
        7: "group",
        8: "meeting",
    }


def test_a_report_staff_took_is_filed_without_the_tag(chat: Conversation) -> None:
    """Privately or in the work group, staff say how it came; in a residents' group the same
    words are neighbours' chat, and staff chatting of work done file nothing."""
    took = [
        ("@张网格/私聊", "帮王芳登记一下，3号楼楼道灯坏了", "工作人员上报"),
        ("@张网格/私聊", "居民王大爷电话反映2号楼楼顶漏水", "电话反映"),
        ("@李书记/工作群", "接到12345转来的工单，5号楼噪音扰民", "12345热线"),
        ("@陈楼长/私聊", "巡查时发现3号楼消防通道堆满杂物", "巡查发现"),
    ]
    for number, (who, said, source) in enumerate(took, start=1):
        assert chat.say(f"{who}: {said}")[0][1].startswith(f"已登记 #{number}"), said
        assert f" · 来源：{source}\n" in chat.text(f"@李书记/私聊: 查看 {number}")
    # The asking is not the report: 「王芳反映：…」 is.
    assert chat.text("@李书记/私聊: 查看 1").splitlines()[1] == "王芳反映：3号楼楼道灯坏了"
    for who, said in (
        ("@王芳/网格3群", "我打电话反映过了，12345也打了"),
        ("@张网格/网格3群", "巡查时发现5号楼井盖破损"),  # a residents' group: no filing there
        ("@张网格/工作群", "昨天巡查发现的问题都处理了"),
    ):
        assert chat.say(f"{who}: {said}") == [], said
    # A round told of is kept as one (handlers/patrols.py), not filed.
    assert chat.text("@张网格/工作群: 入户走访了5户").startswith("已记录走访：5户")
    assert chat.text("@张网格/私聊: 居民打电话来问开会的事").startswith("这条消息没有登记")
    # A resident's words passed on privately are a report taken (they met the hint); in the
    # work group they are colleagues' talk, and words with no problem in them file nothing.
    took.append(("@张网格/私聊", "3号楼302的李大爷说家里下水道堵了", "工作人员上报"))
    said = chat.say(f"{took[-1][0]}: {took[-1][1]}")[0][1]
    assert said.startswith(f"已登记 #{len(took)}【排水管道】3号楼302室")
    assert chat.say("@张网格/工作群: 孙大爷说楼上太吵了") == []
    assert chat.text("@张网格/私聊: 李阿姨说谢谢你们").startswith("这条消息没有登记")
    # What staff file is residents': a second call of a lamp still out is its own report, not a
    # 补充 of the first one they filed (as a resident's own words would be).
    lamp = chat.say("@张网格/私聊: 居民电话反映：楼道灯一直不亮，好几天了")[0][1]
    assert lamp.startswith(f"已登记 #{len(took) + 1}【照明路灯】")
    assert chat.text("@李书记/私聊: 台账").startswith(f"幸福里社区台账：未办结{len(took) + 1}条")


def test_the_monthly_report_says_where_the_months_issues_came_from(chat: Conversation) -> None:
    file_all(chat)
    chat.run_until(datetime(2026, 11, 30, 20, tzinfo=ZoneInfo("Asia/Shanghai")))
    fired = chat.run_until(datetime(2026, 12, 1, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai")))
    [report] = [text for _, _, text in fired if "📊 月报：11月" in text]
    assert f"📊 月报：11月收集诉求{len(REPORTS)}条" in report
    expected: dict[str, int] = {}
    for _, _, source in REPORTS:
        expected[source] = expected.get(source, 0) + 1
    lines = report.split("11月各来源：\n")[1].split("\n")[: len(expected)]
    assert {line.split("：")[0] for line in lines} == expected.keys()
    for line in lines:
        source = line.split("：")[0]
        assert line.startswith(f"{source}：收集{expected[source]}条"), line


ORDER = "12345工单2026112200123：3号楼1单元下水道堵塞"


def test_a_work_order_is_filed_once(chat: Conversation) -> None:
    """The hotline sends an order again (the caller rang back): its issue hears it, once."""
    [(_, filed), alert] = chat.say(f"@张网格/私聊: {ORDER}")
    assert filed.startswith("已登记 #1【排水管道】3号楼1单元")
    # Taken by a grid worker: not a resident's private report, whose writer is hidden.
    assert alert == (
        "工作群",
        f"新诉求 #1【排水管道】3号楼1单元，网格3，{ORDER}（12345热线，张*格登记）",
    )
    assert chat.say(f"@张网格/私聊: {ORDER}") == [
        (
            "私聊·张网格",
            "工单2026112200123已登记为 #1（待受理），不再重复登记。回复「查看 1」看进度。",
        )
    ]
    again = f"{ORDER}，居民再次来电催办"
    assert chat.say(f"@李书记/私聊: {again}") == [
        (
            "私聊·李书记",
            "工单2026112200123已登记为 #1（待受理），这次的内容已补充进去。回复「查看 1」看进度。",
        ),
        ("工作群", f"#1 工单2026112200123再次转来：{again}"),
    ]
    shown = chat.text("@李书记/私聊: 查看 1")
    assert " · 来源：12345热线（工单号2026112200123）\n" in shown
    assert f"补充：{again}" in shown
    # A resident naming the order follows its issue, as a neighbour's same report would.
    said = chat.text("@王芳/网格3群: #报事 我打过12345，工单号2026112200123，到现在也没人来")
    assert said == "与 #1 可能是同一问题，已为您关注 #1；如果不是，请回复「新建」。"
    assert chat.text("@李书记/私聊: 台账").startswith("幸福里社区台账：未办结1条")


def test_a_work_order_done_is_answered_on_its_platform(chat: Conversation) -> None:
    chat.say(f"@张网格/私聊: {ORDER}")
    chat.say("@王芳/网格3群: #报事 5号楼门口路灯不亮")
    done = chat.say("@张网格/私聊: 办结 1 已疏通")
    note = "#1 是工单2026112200123：请到12345平台回复办理结果。"
    assert ("工作群", note) in done and ("私聊·张网格", note) in done
    # Work not sent as an order has no platform to answer.
    assert not any("平台" in text for _, text in chat.say("@张网格/私聊: 办结 2 已换灯泡"))
    # Not the community's: the order goes back (退单) on its platform too.
    chat.say("@张网格/私聊: #报事 工单号：JD-20261123-0001，6号楼外市政路面塌陷")
    returned = chat.say("@李书记/私聊: 退回 3 属于市政道路")
    note = "#3 是工单JD-20261123-0001：请到派单平台申请退单。"
    assert ("工作群", note) in returned and ("私聊·李书记", note) in returned
    # Sent back (the caller was not satisfied): 重开, not a second issue.
    back = "12345工单2026112200123：市民反映3号楼1单元下水道又堵了，不满意"
    [(_, told), (where, _)] = chat.say(f"@张网格/私聊: {back}")
    assert told == (
        "工单2026112200123已登记为 #1（已办结），这次的内容已补充进去。"
        "如需重新办理，请发送「重开 1 原因」。"
    )
    assert where == "工作群"
    assert chat.text("@李书记/私聊: 台账 2026112200123") == (
        "工单2026112200123是 #1（已办结），回复「查看 1」看详情。"
    )
    chat.say("@李书记/私聊: 重开 1 市民不满意，下水道又堵了")
    found = chat.text("@李书记/私聊: 台账 2026112200123").split("\n")
    assert found[1].startswith("🟢 #1【排水管道】3号楼1单元") and len(found) == 2
    # A resident asking after a number is shown nothing of it.
    assert chat.text("@王芳/私聊: 台账 2026112200123") == (
        "没有符合条件（2026112200123）的未办结事项。"
    )


def test_a_caller_outside_the_chat_is_called_back(chat: Conversation) -> None:
    """A 12345 caller or a resident on the phone cannot rate in the chat: whoever took it is
    asked to call them back (回访), reminded after three days, and the call is their work."""
    chat.say(f"@张网格/私聊: {ORDER}")
    chat.say("@李书记/工作群: 派单 1 物业")
    done = chat.say("@刘物业/私聊: 办结 1 已疏通")
    call = "#1 已办结：已疏通。请回访来电市民，记录「回访 1 满意/基本满意/不满意」。"
    assert ("私聊·张网格", call) in done and ("私聊·刘物业", call) in done
    chat.say("@张网格/私聊: 居民王大爷电话反映2号楼楼顶漏水 #报事")
    phoned = chat.say("@李书记/工作群: 办结 2 已修补")
    assert (
        "私聊·张网格",
        "#2 已办结：已修补。请回访来电居民，记录「回访 2 满意/基本满意/不满意」。",
    ) in (phoned)
    # Found on a patrol, it has no caller: who found it rates it, as any reporter.
    chat.say("@张网格/网格3群: #报事 巡查发现1号楼消防通道堆放杂物")
    patrolled = dict(chat.say("@李书记/私聊: 办结 3 已清理"))
    assert patrolled["网格3群"].startswith("#3 已办结：已清理。请报事人评价")
    fired = chat.run_until(datetime(2026, 11, 27, 12, tzinfo=ZoneInfo("Asia/Shanghai")))
    reminded = [(where, text) for _, where, text in fired if text.startswith("#1 已办结")]
    assert reminded == [
        (
            "私聊·张网格",
            "#1 已办结，还没有回访来电市民：回访后请记录「回访 1 满意/基本满意/不满意」。",
        )
    ]
    assert chat.text("@张网格/私聊: 回访 1 满意 市民说修得很好") == "#1 已销号，评价5分，感谢反馈。"
    assert "电话回访 市民说修得很好" in chat.text("@李书记/私聊: 查看 1")
    worked = chat.text("@李书记/私聊: 统计 本周 张网格").splitlines()[0]
    assert worked == "张网格本周经手事项1件：回访1。"  # as a call back to a resident is
    # Not satisfied: the caller's verdict, told to the work group.
    low = chat.say("@张网格/私聊: 回访 2 不满意 还在漏")
    assert ("工作群", "#2 来电居民评价1分（电话回访 还在漏），已重开，请跟进。") in low


def test_more_found_on_a_round_is_filed_as_the_round_was(chat: Conversation) -> None:
    """Privately, a grid worker's findings one after another: the first says 巡查发现, the rest
    are plain words of a problem, filed with its 来源 within half an hour; later, or with no
    report taken before, plain words are told the tag."""
    said = chat.say("@张网格/私聊: 巡查发现2号楼东侧绿化带里有建筑垃圾")[0][1]
    assert said.startswith("已登记 #1【绿化】2号楼")
    more = chat.say("@张网格/私聊: 还有4号楼单元门禁坏了")
    assert more[0] == ("私聊·张网格", more[0][1])
    assert more[0][1].startswith("已登记 #2【安防监控】4号楼")
    assert (
        "工作群",
        "新诉求 #2【安防监控】4号楼，网格3，4号楼单元门禁坏了（巡查发现，张*格登记）",
    ) in more
    assert chat.say("@张网格/私聊: 1号楼楼道堆了好多纸箱")[0][1].startswith("已登记 #3【")
    for number in (2, 3):
        assert " · 来源：巡查发现\n" in chat.text(f"@李书记/私聊: 查看 {number}")
    # Work, a question, or words of no problem are not more of the round.
    for words in ("还有那个井盖修好了吗", "4号楼门禁明天去修", "今天天气不错"):
        assert not chat.text(f"@张网格/私聊: {words}").startswith("已登记"), words
    chat.clock.advance(timedelta(minutes=40))
    assert chat.text("@张网格/私聊: 5号楼路灯坏了").startswith("这条消息没有登记")
    # In a group, plain words are colleagues' talk however soon.
    chat.say("@张网格/私聊: 巡查发现3号楼井盖松了")
    assert chat.say("@张网格/工作群: 还有2号楼楼道灯坏了") == []
    assert chat.text("@李书记/私聊: 台账").startswith("幸福里社区台账：未办结4条")


def test_a_residents_words_passed_on_just_after_an_order_are_more_of_it(chat: Conversation) -> None:
    """「居民说很着急，味道很大」 just after the order was filed as another issue (环境卫生, of no
    place): more of the order; words naming a place are still a report of their own."""
    chat.say("@张网格/私聊: 12345工单2026112300001：3号楼1单元下水道堵塞")
    assert chat.say("@张网格/私聊: 居民说很着急，味道很大") == [
        ("私聊·张网格", "已补充到 #1，已转告工作群。"),
        ("工作群", "#1 报事人补充：居民说很着急，味道很大"),
    ]
    # Work said of it, holding nothing else: of the order just filed.
    assert chat.text("@张网格/私聊: 下午我去看看") == (
        "#1 报进展请发送「进展 1 下午我去看看」，报事人会收到；办好后再发送「办结 1 结果」。"
    )
    said = chat.say("@张网格/私聊: 5号楼302的李大爷说家里暖气不热")[0][1]
    assert said.startswith("已登记 #2【供暖】5号楼302室")


def test_a_report_for_a_neighbour_keeps_where_they_live_and_their_number(
    chat: Conversation,
) -> None:
    """「帮3号楼502的刘奶奶报一下，…」: filed at her flat in her name's words; her number said
    next is kept for whoever works on it, masked in groups."""
    said = chat.say("@张网格/私聊: 帮3号楼502的刘奶奶报一下，她家卫生间漏水漏到楼下了")[0][1]
    assert said.startswith("已登记 #1【排水管道】3号楼502室")
    shown = chat.text("@李书记/私聊: 查看 1")
    assert shown.splitlines()[1] == "3号楼502的刘奶奶反映：她家卫生间漏水漏到楼下了"
    kept = chat.say("@张网格/私聊: 刘奶奶的电话是13912345678")
    assert kept == [
        ("私聊·张网格", "已把电话补充到 #1（只有办理的工作人员看得到，不会发到群里）。")
    ]
    assert "补充：刘奶奶的电话是13912345678" in chat.text("@李书记/私聊: 查看 1")
    assert "补充：刘奶奶的电话是139****5678" in chat.text("@李书记/工作群: 查看 1")
    # Long after, or from a resident about no report of theirs taken, a number is no 补充.
    chat.clock.advance(timedelta(hours=1))
    assert "#1" not in chat.text("@张网格/私聊: 她电话13912345678")


def test_whoever_took_the_call_is_given_the_callers_number(chat: Conversation) -> None:
    """Privately, to whoever took the order, the number the order gives; the work group and
    the holder's chat hear the call back asked without it."""
    chat.say("@张网格/私聊: 12345工单2026112300017：来电号码138-1234-5678，5号楼门口井盖松了")
    chat.say("@李书记/工作群: 派单 1 物业")
    done = dict(chat.say("@刘物业/私聊: 办结 1 已更换"))
    asked = "#1 已办结：已更换。请回访来电市民{phone}，记录「回访 1 满意/基本满意/不满意」。"
    assert done["私聊·张网格"] == asked.format(phone="（13812345678）")
    assert done["私聊·刘物业"] == asked.format(phone="")
    fired = chat.run_until(datetime(2026, 11, 27, 12, tzinfo=ZoneInfo("Asia/Shanghai")))
    [reminded] = [text for _, where, text in fired if text.startswith("#1 已办结，还没有回访")]
    assert "来电市民（13812345678）" in reminded
    # Filed in the work group: said there as it is.
    chat.say("@李书记/工作群: 12345工单2026112300018：来电号码13912345678，3号楼楼道灯不亮")
    said = chat.say("@李书记/工作群: 办结 2 已修好")
    assert said[0] == (
        "工作群",
        "#2 已办结：已修好。请回访来电市民，记录「回访 2 满意/基本满意/不满意」。",
    )
    assert not any("13912345678" in text for _, text in said)


def test_a_callers_landline_is_given_whole_to_whoever_took_it_and_masked_in_groups(
    chat: Conversation,
) -> None:
    chat.say("@张网格/私聊: 12345工单2026112300019：来电号码010-62345678，6号楼门口路灯不亮")
    shown = chat.text("@李书记/工作群: 查看 1")
    assert "010-****5678" in shown and "62345678" not in shown
    assert "010-62345678" in chat.text("@张网格/私聊: 查看 1")
    chat.say("@李书记/工作群: 派单 1 物业")
    done = dict(chat.say("@刘物业/私聊: 办结 1 已修好"))
    assert "请回访来电市民（010-62345678）" in done["私聊·张网格"]
    assert not any("62345678" in text for where, text in done.items() if where != "私聊·张网格")
    # A caller giving a mobile and a landline: both, as the order gives them.
    chat.say(
        "@张网格/私聊: 12345工单2026112300020：来电号码13812345678，座机0931-8123456，3号楼灯不亮"
    )
    chat.say("@李书记/工作群: 派单 2 物业")
    done = dict(chat.say("@刘物业/私聊: 办结 2 已修好"))
    assert "请回访来电市民（13812345678、0931-8123456）" in done["私聊·张网格"]


def test_the_web_page_shows_the_work_orders_number(web_chat: Conversation) -> None:
    web_chat.say(f"@张网格/私聊: {ORDER}")
    web_chat.say("@李书记/私聊: 受理 1 复杂")
    page = visible(sign_in(web_chat, "李书记").get("/issues/1").text)
    assert "来源\n12345热线\n工单号\n2026112200123\n" in page
    assert "工单时限" not in page  # none was given
    web_chat.say("@张网格/私聊: 12345工单BJ-2026-0456：5号楼噪音扰民，限1个工作日内回复")
    web_chat.say("@李书记/私聊: 受理 2 复杂")
    page = visible(sign_in(web_chat, "李书记").get("/issues/2").text)
    assert "工单号\nBJ-2026-0456\n工单时限\n11月24日" in page


def test_an_older_database_gets_the_work_orders_its_issues_name(chat: Conversation) -> None:
    chat.say(f"@张网格/私聊: {ORDER}")
    chat.say("@张网格/私聊: #报事 工单号：bj-20261122-0456，5号楼噪音扰民")
    chat.say("@王芳/网格3群: #报事 5号楼门口路灯不亮，电话13812345678")
    downgrade(chat.linli.engine, "0024")
    upgrade(chat.linli.engine)
    with UnitOfWork(chat.linli.sessions) as uow:
        issues = uow.session.scalars(select(Issue).order_by(Issue.number)).all()
        assert [issue.work_order for issue in issues] == ["2026112200123", "BJ-20261122-0456", None]
    assert chat.text(f"@张网格/私聊: {ORDER}").startswith("工单2026112200123已登记为 #1")


def test_a_work_orders_time_limit_is_its_deadline(chat: Conversation) -> None:
    """「办理时限：2个工作日」 from Monday: Wednesday. 受理 复杂 (three days) and 派单 keep it;
    a later deadline set on purpose stands, and whoever set it is told the platform's limit."""
    filed = chat.say(f"@张网格/私聊: {ORDER}，办理时限：2个工作日")[0][1]
    assert filed == (
        "已登记 #1【排水管道】3号楼1单元 · 网格3 · 工单时限 11月25日。回复「查看 1」看进度。"
    )
    assert chat.say("@李书记/私聊: 受理 1 复杂")[0][1] == "#1 已受理（复杂），期限 11月25日。"
    assert chat.say("@李书记/私聊: 派单 1 物业")[0][1] == "#1 已派单给 物业，期限 11月25日。"
    later = chat.say("@李书记/私聊: 派单 1 物业 12月4日")
    note = "注意：#1 的期限晚于工单时限 11月25日，12345平台仍按时限考核；需要延期请在平台申请。"
    assert later[0][1] == "#1 已派单给 物业，期限 12月4日。" and later[-1] == ("私聊·李书记", note)
    assert chat.say("@李书记/私聊: 延期 1 12月8日 等配件")[-1] == ("私聊·李书记", note)
    assert "🟢 期限：12月8日 · 工单时限：11月25日 · 承办：物业\n" in chat.text(
        "@李书记/私聊: 查看 1"
    )
    # A resident's 「限三天」 is no work order's: the community's own time.
    mine = chat.text("@王芳/网格3群: #报事 6号楼路灯不亮，限三天内修好")
    assert mine.endswith("1个工作日内答复。回复「查看 2」看进度。"), mine
    # An order pasted whole: the work group reads its problem, not its header.
    pasted = (
        "【12345工单】工单编号：2026112300789 诉求人：王先生 联系电话：13812345678 "
        "诉求内容：反映5号楼2单元楼道堆放杂物，存在消防隐患。办理时限：3个工作日"
    )
    alert = chat.say(f"@张网格/私聊: {pasted}")[1]
    assert alert[0] == "工作群" and "，网格5，反映5号楼2单元楼道堆放杂物，" in alert[1], alert
    # So does whoever it is handed to (it was the header, and the caller's number, cut short).
    sent = dict(chat.say("@李书记/工作群: 派单 3 刘物业"))["私聊·刘物业"]
    assert sent.startswith("新派单 #3【安全隐患】5号楼2单元，网格5，反映5号楼2单元楼道堆放杂物"), (
        sent
    )


def test_the_hotlines_figures_count_the_orders_time_limits(chat: Conversation) -> None:
    """「统计 本月 12345」: how many orders with a limit were done within it, as the platform
    assesses the community; an order without one and a resident's report are not counted."""
    for said in (
        "12345工单2026112300017：5号楼门口井盖松了，办理时限：11月25日",
        "12345工单2026112300018：3号楼楼道灯不亮，限2个工作日内办结",
        "12345工单2026112300019：7号楼垃圾没人清",  # no time limit
        "12345工单2026112300020：8号楼噪音扰民，时限11月24日",
    ):
        chat.say(f"@李书记/私聊: {said}")
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了，限三天内修好")
    chat.say("@李书记/私聊: 办结 1 已更换井盖")  # Monday: within its limit
    chat.clock.advance(timedelta(days=3, hours=1))  # Thursday 10:00: #4's limit is gone by
    chat.say("@李书记/私聊: 办结 2 已修好")  # a day late
    limits = "有办理时限的工单3条：时限内办结1条（按时办结率50%），超时限未办结1条。"
    assert chat.text("@李书记/工作群: 统计 本月 12345").splitlines()[1] == limits
    assert chat.text("@李书记/工作群: 这个月工单来了几件").splitlines()[1] == limits
    # 「12345的情况」 is the hotline's figures, not issue #12345.
    for asked in (
        "12345的情况",
        "这个月12345工单怎么样了",
        "12345的三率怎么样",
        "12345满意率多少",
        "12345的工单这个月有几个",
    ):
        assert chat.text(f"@李书记/工作群: {asked}").splitlines()[1] == limits, asked
    assert limits not in chat.text("@李书记/工作群: 统计 本月")  # the hotline's, asked for
    # Nothing done yet: no rate to give.
    chat.say("@李书记/私聊: 重开 1 市民不满意")
    chat.say("@李书记/私聊: 重开 2 市民不满意")
    assert chat.text("@李书记/工作群: 统计 本月 12345").splitlines()[1] == (
        "有办理时限的工单3条：时限内办结0条，超时限未办结3条。"
    )


def test_a_work_order_forwarded_late_is_overdue_from_the_start(chat: Conversation) -> None:
    """「时限11月20日」 filed on Monday the 23rd: the limit stands and the issue is 🔴 at once;
    the grid's worker hears so now, not as a reminder the bot missed. A limit gone by more than
    a month is no limit of this order: the community's own time is."""
    late = chat.say("@李书记/私聊: 12345工单2026112000123：3号楼2单元楼道灯不亮，时限11月20日")
    assert late[0][1] == (
        "已登记 #1【照明路灯】3号楼2单元 · 网格3 · 工单时限 11月20日，已超时限，请尽快办理。"
        "回复「查看 1」看进度。"
    )
    old = chat.say("@李书记/私聊: 12345工单2026100100124：5号楼门口井盖破了，时限10月1日")[0][1]
    assert old.endswith("· 3个工作日内答复。回复「查看 2」看进度。"), old
    assert chat.text("@李书记/私聊: 台账 红").splitlines()[1:] == [
        "🔴 #1【照明路灯】3号楼2单元 · 待受理 · 期限11月20日"
    ]
    fired = chat.run_until(datetime(2026, 11, 23, 8, 30, tzinfo=ZoneInfo("Asia/Shanghai")))
    told = [text for _, where, text in fired if where == "私聊·张网格"]
    assert len(told) == 1 and told[0].startswith("🔴 #1【照明路灯】"), fired
    assert "已到期限 11月20日，还没有派单" in told[0]


def test_a_work_order_sent_back_brings_its_new_time_limit(chat: Conversation) -> None:
    chat.say(f"@张网格/私聊: {ORDER}")
    chat.say("@李书记/私聊: 派单 1 物业 周四")
    urged = chat.say(f"@张网格/私聊: {ORDER}，催办，时限：明天")
    assert urged[0][1].startswith("工单2026112200123已登记为 #1（办理中），工单时限 11月24日，")
    # Whoever works on it hears its deadline moved, and the trail keeps why.
    moved = "#1 的期限由 11月26日 改为 11月24日，原因：工单时限。"
    assert ("私聊·刘物业", moved) in urged
    shown = chat.text("@李书记/私聊: 查看 1")
    assert "🟡 期限：11月24日 · 承办：物业\n" in shown  # due tomorrow
    assert "延期：11月26日 → 11月24日，原因：工单时限" in shown
    chat.say("@张网格/私聊: 办结 1 已疏通")
    back = chat.say("@张网格/私聊: 12345工单2026112200123：市民不满意，重新办理，时限3个工作日")[0][
        1
    ]
    assert back.startswith("工单2026112200123已登记为 #1（已办结），工单时限 11月26日，")
    reopened = chat.say("@李书记/私聊: 重开 1 市民不满意")[0][1]
    assert reopened == "#1 已重开：市民不满意，期限 11月26日。"


def test_an_issue_is_named_by_its_work_orders_number(chat: Conversation) -> None:
    """Staff speak of an order by its number: commands and questions take it for the issue's."""
    chat.say("@王芳/网格3群: #报事 5号楼门口路灯不亮")
    chat.say(f"@张网格/私聊: {ORDER}")
    card = chat.text("@李书记/私聊: 查看 2")
    for asked in (
        "查看 2026112200123",
        "查看 工单2026112200123",
        "工单2026112200123怎么样了",
        "2026112200123办得怎么样了？",
    ):
        assert chat.text(f"@李书记/私聊: {asked}") == card, asked
    assert chat.text("@李书记/工作群: 工单号2026112200123什么情况") == card
    assigned = chat.say("@李书记/私聊: 派单 2026112200123 物业 周五")
    assert assigned[0][1] == "#2 已派单给 物业，期限 11月27日。"
    assert chat.text("@李书记/私聊: 查看 2026112200999") == (
        "没有工单号为2026112200999的事项。登记工单请发送「#报事 12345工单2026112200999：问题」。"
    )
    # In a grid group neighbours talk among themselves; the order is not looked up there.
    assert chat.say("@王芳/网格3群: 2026112200123怎么样了") == []
