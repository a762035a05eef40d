"""The xlsx 台账 (chat-protocol §8) of a small week in 幸福里社区, built through the chat and read
back with openpyxl: the ledger rows and their colours, the statistics, the meetings, privacy,
and the month filter.

The week (from Monday 23 November 2026 08:00, see tests/support/conversation.py):
#1 王芳 drain: accepted, assigned, resolved, rated 5 → 已销号
#2 孙大爷 street light (with his phone number): accepted 简单, due Tue 24th → 🔴 on Wednesday
#3 钱阿姨, privately: corridor clutter, 待受理, due Thu 26th → 🟡
#4 王芳 lift: assigned to 物业 until 下周三 (2 December) → 🟢
#5 孙大爷 noise: resolved, rated 2 → reopened, due Thu 26th → 🟡, rating 2 kept
#6 王芳 bus stop (with an ID number): 已退回
M1 on #4, polled and fixed, outcome with one action item #7 (物业, 10 working days → 🟢), 公示.
The export is taken on Wednesday 25 November 10:00.
"""

from __future__ import annotations

import re
from datetime import datetime
from io import BytesIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from handlers.export import LEDGER_HEADERS, MEETING_HEADERS, PATROL_HEADERS, ledger_workbook
from handlers.stats import month_span
from storage.uow import UnitOfWork
from tests.support.conversation import Conversation

SH = ZoneInfo("Asia/Shanghai")
PHONE, ID_NUMBER = "13812345678", "110101199003072316"
RED, YELLOW, GREEN = "FFC7CE", "FFEB9C", "C6EFCE"


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SH)


def the_week(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了，污水漫到路上")
    chat.say("@张网格/网格3群: 受理 1 复杂")
    chat.say("@张网格/工作群: 派单 1 @刘物业 2个工作日")
    chat.say("@刘物业/私聊: 办结 1 已疏通，路面已清洗")
    assert chat.say("@王芳/网格3群: 评价 1 5")[0][1] == "#1 已销号，评价5分，感谢反馈。"

    chat.say(f"@孙大爷/网格5群: #报事 6号楼门口路灯不亮，晚上太黑了，有事打我电话{PHONE}")
    assert chat.say("@赵网格/网格5群: 受理 2 简单")[0][1] == "#2 已受理（简单），期限 11月24日。"

    private = chat.say("@钱阿姨/私聊: 5号楼3单元楼道里堆满了纸箱杂物，消防通道都堵了")
    assert private[0][1].startswith("已登记 #3【安全隐患】5号楼3单元")

    chat.say("@王芳/网格3群: #报事 2号楼电梯坏了，老人上下楼很困难")
    assert (
        chat.say("@张网格/网格3群: 派单 4 物业 下周三")[0][1] == "#4 已派单给 物业，期限 12月2日。"
    )

    chat.say("@孙大爷/网格5群: #报事 7号楼楼上天天晚上装修，噪音太大")
    chat.say("@赵网格/网格5群: 派单 5 @刘物业 2个工作日")
    chat.say("@刘物业/私聊: 办结 5 已上门劝导")
    assert (
        chat.say("@孙大爷/网格5群: 评价 5 2 还是吵")[0][1] == "#5 评价2分，已重开，期限 11月26日。"
    )

    chat.say(f"@王芳/网格3群: #报事 小区外面马路上的公交站牌歪了，我的身份证号{ID_NUMBER}")
    chat.say("@李书记/工作群: 退回 6 属于市政道路，请拨打12345")

    chat.say(
        "@李书记/工作群: 议事 停车难五方会谈 议题 #4 时间 周四19:00|周六10:00 "
        "截止 周二20:00 地点 罐罐茶 群 网格3"
    )
    chat.say("@王芳/网格3群: M1 1")
    chat.run_until(at(11, 25, 10))
    recorded = chat.say(
        "@李书记/工作群: 结果 M1 决议 取消固定车位；停车费100元/月 "
        "行动 @物业 2号楼附近装充电桩 10个工作日"
    )
    assert recorded[0][1] == "M1 停车难五方会谈 结果已记录：决议2条，行动事项 #7。"
    chat.say("@李书记/工作群: 公示 M1 5天")


# What the transcript did, issue by issue: status, colour (None when finished), rating, grid.
STORY: dict[int, tuple[str, str | None, int | None, str]] = {
    1: ("已销号", None, 5, "网格3"),
    2: ("已受理", "🔴", None, "网格5"),
    3: ("待受理", "🟡", None, "网格5"),
    4: ("办理中", "🟢", None, "网格3"),
    5: ("办理中", "🟡", 2, "网格5"),
    6: ("已退回", None, None, "网格3"),
    7: ("办理中", "🟢", None, "网格3"),  # an action item for 2号楼: 网格3's
}


def wall(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """What a cell holds for a local time: Excel has no time zones."""
    return at(month, day, hour, minute).replace(tzinfo=None)


def export(chat: Conversation, month: tuple[int, int] | None) -> Workbook:
    with UnitOfWork(chat.linli.sessions) as uow:
        data = ledger_workbook(uow, chat.linli.services, 1, month_span(month, SH))
    assert data.startswith(b"PK")  # a zip: an xlsx
    return load_workbook(BytesIO(data))


def rows(sheet: Worksheet) -> list[dict[str, Any]]:
    """The sheet's table as dicts by header, under the frozen header row."""
    header = [str(cell.value) for cell in sheet[1]]
    return [
        dict(zip(header, (cell.value for cell in row), strict=True))
        for row in sheet.iter_rows(min_row=2)
    ]


def stats_table(sheet: Worksheet, title: str) -> dict[str, list[Any]]:
    """The 统计 sheet's small table whose header starts with `title`: first column → the rest."""
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    start = next(i for i, row in enumerate(values) if row[0] == title)
    table: dict[str, list[Any]] = {}
    for row in values[start + 1 :]:
        if row[0] is None:
            break
        table[str(row[0])] = [v for v in row[1:] if v is not None]
    return table


def every_text(book: Workbook) -> str:
    return "\n".join(
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    )


def test_the_ledger_sheet_has_one_coloured_row_per_issue(chat: Conversation) -> None:
    the_week(chat)
    book = export(chat, None)
    assert book.sheetnames == ["台账", "统计", "单位", "人员", "议事", "走访"]
    sheet = book["台账"]
    assert [cell.value for cell in sheet[1]] == list(LEDGER_HEADERS)
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:Q{len(STORY) + 1}"

    ledger = rows(sheet)
    assert [row["编号"] for row in ledger] == list(STORY)
    assert sheet["A2"].number_format == '"#"0'  # shown as #1, sorted as a number
    for row in ledger:
        status, colour, rating, grid = STORY[row["编号"]]
        assert (row["状态"], row["颜色"] or None, row["满意度"], row["网格"] or "") == (
            status,
            colour,
            rating,
            grid,
        )

    first = ledger[0]
    assert first["登记日期"] == wall(11, 23, 8, 1)
    assert sheet["B2"].number_format == "yyyy-mm-dd hh:mm"
    assert (first["报事人"], first["楼栋/单元"], first["分类"]) == ("王*", "3号楼2单元", "排水管道")
    assert (first["来源"], first["工单号"], first["工单时限"]) == ("群内反映", None, None)
    assert (first["承办"], first["办理结果"]) == ("物业·刘*业", "已疏通，路面已清洗")
    # Accepted 复杂 from Monday: Thursday; then assigned for 2 working days: Wednesday 18:00.
    assert first["期限"] == wall(11, 25)
    assert sheet["M2"].number_format == "yyyy-mm-dd"
    # #4, due 12月2日, went to M1's agenda: it waits for M1's action item #7, due 12月9日.
    assert ledger[3]["承办"] == "物业" and ledger[3]["期限"] == wall(12, 9)
    assert ledger[4]["承办"] == "物业·刘*业"

    # Open rows are filled in their colour, across the whole row; finished rows are not.
    fills = {
        row[0].value: {cell.fill.fgColor.rgb[-6:] for cell in row if cell.fill.fill_type}
        for row in sheet.iter_rows(min_row=2)
    }
    expected = {"🔴": {RED}, "🟡": {YELLOW}, "🟢": {GREEN}, None: set()}
    assert fills == {number: expected[colour] for number, (_, colour, _, _) in STORY.items()}
    assert all(cell.fill.fill_type == "solid" for cell in sheet[3])  # #2, every column of the row

    widths = {c: sheet.column_dimensions[c].width for c in "ABCJ"}
    assert widths["J"] > widths["C"] > widths["A"]  # 描述 is wide, CJK counted double


def test_nobody_can_be_identified_from_the_file(chat: Conversation) -> None:
    the_week(chat)
    book = export(chat, None)
    ledger = rows(book["台账"])
    assert ledger[1]["描述"] == "6号楼门口路灯不亮，晚上太黑了，有事打我电话138****5678"
    assert ledger[2]["报事人"] == "私信居民1"  # 钱阿姨's private report
    assert ID_NUMBER not in ledger[5]["描述"] and "[身份证号已隐藏]" in ledger[5]["描述"]
    text = every_text(book)
    for secret in (PHONE, ID_NUMBER, "王芳", "孙大爷", "钱阿姨", "钱*姨", "刘物业", "李书记"):
        assert secret not in text


def test_the_statistics_match_the_week(chat: Conversation) -> None:
    the_week(chat)
    sheet = export(chat, None)["统计"]

    # Counted here from STORY, independently of the code under test.
    collected = len(STORY)
    resolved = sum(status in ("已办结", "已销号") for status, *_ in STORY.values())
    ratings = [rating for _, _, rating, _ in STORY.values() if rating is not None]
    satisfied = sum(rating >= 3 for rating in ratings)
    overdue = sum(colour == "🔴" for _, colour, _, _ in STORY.values())
    still_open = sum(colour is not None for _, colour, _, _ in STORY.values())
    assert (collected, resolved, len(ratings), satisfied, overdue) == (7, 1, 2, 1, 1)

    assert sheet["A1"].value == "幸福里社区 累计 诉求统计"
    assert sheet["A3"].value == (
        "累计收集诉求7条，办结1条（办结率14%），满意率50%，超期1条。分类前三：排水1、照明1、安全1。"
    )
    overall = stats_table(sheet, "指标")
    # The one done: from when it was filed to when it was resolved, in days, as 统计 … 用时.
    with UnitOfWork(chat.linli.sessions) as uow:
        done = [i for i in uow.issues.filed_between(1, None, None) if i.status.label == "已销号"]
        assert len(done) == resolved and done[0].resolved_at is not None
        took = (done[0].resolved_at - done[0].created_at).total_seconds() / 86400
    assert overall.pop("平均办结用时（天）") == [round(took, 1)]
    assert overall == {
        "收集诉求": [collected],
        "办结（含销号）": [resolved],
        "办结率": [pytest.approx(resolved / collected)],
        "未办结": [still_open],
        "超期（未办结且已过期限）": [overdue],
        "已评价": [len(ratings)],
        "满意（3分及以上）": [satisfied],
        "满意率": [pytest.approx(satisfied / len(ratings))],
    }
    assert stats_table(sheet, "状态") == {
        "待受理": [1],
        "已受理": [1],
        "办理中": [3],
        "已销号": [1],
        "已退回": [1],
    }
    assert sum(n for (n,) in stats_table(sheet, "分类").values()) == collected
    # M1, its outcome recorded and published before its Thursday, with its action item #7.
    assert stats_table(sheet, "议事协商") == {
        "召开会议": [1],
        "其中五方会谈": [1],
        "表决": [0],
        "表决通过": [0],
        "形成决议": [1],
        "公示": [1],
        "议定行动事项": [1],
        "行动事项已办结": [0],
    }
    # As the chat says it.
    assert chat.text("@李书记/工作群: 统计 全部 议事") == (
        "累计议事协商：召开五方会谈1次；形成决议1项，公示1次；议定行动事项1件，已办结0件。"
    )

    grids = stats_table(sheet, "网格")
    for name in ("网格3", "网格5"):
        mine = [story for story in STORY.values() if story[3] == name]
        done = sum(status in ("已办结", "已销号") for status, *_ in mine)
        assert grids[name][:3] == [len(mine), done, pytest.approx(done / len(mine))]
    assert grids["网格5"][3:] == [3, 1, 1, 0]  # open, overdue, rated, satisfaction 0%
    assert "未分网格" not in grids  # every issue named a building or came from a grid
    assert grids["合计"][0] == collected
    percent_cell = next(
        row[3] for row in sheet.iter_rows() if row[0].value == "网格3" and row[3].value
    )
    assert percent_cell.number_format == "0%"


def test_the_people_sheet_has_each_ones_work_as_the_chat_counts_it(chat: Conversation) -> None:
    the_week(chat)
    sheet = export(chat, None)["人员"]
    table = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert table[0] == [
        "姓名",
        "角色",
        "范围",
        "经手事项",
        "受理",
        "派单",
        "办结",
        "按期办结",
        "退回",
    ]
    # 「统计 全部 人员」 in the work group: 「张*格（网格3）：经手2件，受理1、派单2」 …
    said = chat.text("@李书记/工作群: 统计 全部 人员").splitlines()[1:]
    header = table[0]
    for line, row in zip(said, table[1:], strict=True):
        name, work = line.split("（")[0], line.split("：", 1)[1]
        assert row[0] == name  # names masked, most work first, in the chat's order
        if work == "没有办理记录":
            assert row[3:] == [0] * (len(header) - 3)
            continue
        handled, *did = re.split(r"[，、]", work)
        assert f"经手{row[3]}件" == handled
        shown = {f"{header[n]}{row[n]}" for n in (4, 5, 6, 8) if row[n]}
        assert {d.split("（")[0] for d in did} == shown, line
    assert table[1][:4] == ["张*格", "网格员", "网格3", 2]
    assert ["刘*业", "物业/部门", "物业", 2, 0, 0, 2, 2, 0] in table  # 办结2（按期2）


def test_the_meetings_sheet_lists_the_meeting(chat: Conversation) -> None:
    the_week(chat)
    sheet = export(chat, None)["议事"]
    assert [cell.value for cell in sheet[1]] == list(MEETING_HEADERS)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:K2"
    assert rows(sheet) == [
        {
            "编号": 1,
            "标题": "停车难五方会谈",
            "类型": "议事会",
            "状态": "公示中",
            "投票截止": wall(11, 24, 20),
            "时间": wall(11, 26, 19),
            "地点": "罐罐茶",
            "议题": "#4",
            "结果/决议": "取消固定车位；停车费100元/月",
            "行动事项": "#7 2号楼附近装充电桩（物业，办理中）",
            "公示": "公示中，至 2026-11-30，异议0条",
        }
    ]
    assert sheet["A2"].number_format == '"M"0'


def test_the_rounds_sheet_lists_each_round_and_the_people_sheet_counts_them(
    chat: Conversation,
) -> None:
    chat.say("@张网格/私聊: 走访 3号楼2单元 入户12户 无异常[图片:楼道.jpg]")
    chat.say("@赵网格/工作群: 昨天巡查了5号楼，发现楼道堆物，电话13812345678的住户不在家")
    book = export(chat, (2026, 11))
    sheet = book["走访"]
    assert [cell.value for cell in sheet[1]] == list(PATROL_HEADERS)
    assert rows(sheet) == [
        {
            "时间": wall(11, 22, 8, 2),
            "人员": "赵*格",
            "网格": "网格5",
            "地点": "5号楼",
            "入户": None,
            "情况": "5号楼，发现楼道堆物，电话138****5678的住户不在家",
            "发现问题": "楼道堆物",
            "照片": 0,
        },
        {
            "时间": wall(11, 23, 8, 1),
            "人员": "张*格",
            "网格": "网格3",
            "地点": "3号楼2单元",
            "入户": 12,
            "情况": "3号楼2单元 入户12户 无异常",
            "发现问题": None,
            "照片": 1,
        },
    ]
    people = [[cell.value for cell in row] for row in book["人员"].iter_rows(min_row=4)]
    assert people[0][-2:] == ["走访", "入户"]
    assert ["张*格", "网格员", "网格3", 0, 1, 12] in people
    assert ["赵*格", "网格员", "网格5", 0, 1, 0] in people
    # A month without rounds has the sheet, its header alone.
    assert rows(export(chat, (2026, 10))["走访"]) == []


def test_a_month_holds_only_what_was_filed_in_it(chat: Conversation) -> None:
    the_week(chat)
    chat.run_until(at(12, 1, 9))
    filed = chat.say("@王芳/网格3群: #报事 =SUM(1,2) 4号楼楼道灯不亮")
    assert filed[0][1].startswith("已登记 #8")

    november = export(chat, (2026, 11))
    assert [row["编号"] for row in rows(november["台账"])] == list(STORY)
    assert len(rows(november["议事"])) == 1

    december = export(chat, (2026, 12))
    ledger = rows(december["台账"])
    assert [row["编号"] for row in ledger] == [8]
    # Typed text stays text: no formula runs when the secretary opens the file.
    description = december["台账"]["J2"]
    assert description.data_type == "s" and str(description.value).startswith("=SUM(1,2)")
    assert rows(december["议事"]) == []
    assert december["议事"].auto_filter.ref == "A1:K1"
    assert december["统计"]["A3"].value.startswith(
        "2026年12月收集诉求1条，办结0条（办结率0%），暂无评价"
    )

    everything = export(chat, None)
    assert [row["编号"] for row in rows(everything["台账"])] == [*STORY, 8]
    # Over more than one month, the 统计 sheet has a row per month, as 「统计 全部 按月」
    # says it (超期 judged at each month's end); one month's file has none.
    by_month = stats_table(everything["统计"], "月份")
    said = chat.text("@李书记/工作群: 统计 全部 按月").splitlines()[1:]

    def line(month: str, row: list[Any]) -> str:
        collected, resolved, rate, _, overdue = row[:5]
        shown = f"{month}：收集{collected}条，办结{resolved}条（{int(rate * 100 + 0.5)}%）"
        return shown + (f"，超期{overdue}条" if overdue else "")

    assert [line(month, row) for month, row in by_month.items()] == said
    assert list(by_month) == ["11月", "12月"] and by_month["12月"][:2] == [1, 0]
    assert "月份" not in [row[0].value for row in december["统计"].iter_rows()]


def test_a_100_kb_report_fits_its_cell_and_says_it_was_cut(chat: Conversation) -> None:
    typed = "3号楼2单元门口下水道堵了，污水漫到路上🚧。" * 5000  # 110,000 characters
    chat.say(f"@王芳/网格3群: #报事 {typed}")
    [row] = rows(export(chat, None)["台账"])
    cell = str(row["描述"])
    # Excel counts UTF-16 units (the emoji twice) and calls a longer cell a damaged file.
    assert len(cell.encode("utf-16-le")) // 2 <= 32_767
    assert cell.startswith(typed[:30_000])
    assert cell.endswith(f"…（共{len(typed)}字，超出表格单元格上限，全文见网页台账）")


def test_a_work_orders_number_has_its_column(chat: Conversation) -> None:
    chat.say("@张网格/私聊: 12345工单2026112200123：3号楼1单元下水道堵塞，办理时限：2个工作日")
    chat.say("@王芳/网格3群: #报事 5号楼门口路灯不亮")
    ledger = rows(export(chat, None)["台账"])
    assert [(row["来源"], row["工单号"], row["工单时限"]) for row in ledger] == [
        ("12345热线", "2026112200123", wall(11, 25)),
        ("群内反映", None, None),
    ]
