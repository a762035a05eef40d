"""统计 … 议事: the consultation meetings and votes of a period, as a year-end summary quotes
them, through the chat.

A week of 幸福里社区: a 五方会谈 on a parking complaint (held, decided, its action done and
published), a 板凳会 (held, no outcome yet), a vote in a grid group (two residents, passed), a
圆桌会 called off, and a meeting set for December.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.support.conversation import Conversation

SH = ZoneInfo("Asia/Shanghai")
WORK = "@李书记/工作群"
NOVEMBER = (
    "本月议事协商：召开会议2次（五方会谈1、板凳会1），表决1次（通过1次）；"
    "形成决议1项，公示1次；议定行动事项1件，已办结1件。"
)


@pytest.fixture
def week(chat: Conversation) -> Iterator[Conversation]:
    """From Monday 23 November to Friday 27 November, 09:00."""
    chat.say("@王芳/网格3群: #报事 2号楼门口停车太乱")
    assert "M1" in chat.say(f"{WORK}: 议事 停车难五方会谈 周三19:00 罐罐茶 #1")[0][1]
    chat.say(f"{WORK}: 议事 加装电梯板凳会 时间 周四19:00 地点 3号楼下 群 网格3")
    chat.say("@张网格/网格3群: 投票 充电桩安装位置 选项 东门|西门 截止 周四20:00")
    chat.say("@王芳/网格3群: M3 1")
    chat.say("@刘阿姨/网格3群: M3 1")
    chat.say(f"{WORK}: 议事 楼道堆物清理圆桌会 周五19:00 社区活动室")
    chat.say(f"{WORK}: 取消会议 M4 下雨")
    chat.say(f"{WORK}: 议事 垃圾分类 12月3日19:00 社区活动室")
    chat.run_until(datetime(2026, 11, 27, 9, tzinfo=SH))
    assert chat.text(f"{WORK}: 统计 本月 议事") == (
        "本月议事协商：召开会议2次（五方会谈1、板凳会1），表决1次（通过1次）；"
        "形成决议0项，公示0次。"
    )
    chat.say(f"{WORK}: 结果 M1 决议 划定固定车位 行动 @物业 2号楼划线 10个工作日")
    chat.say("@刘物业/私聊: 办结 2 已划线")
    chat.say(f"{WORK}: 公示 M1 5天")
    yield chat


def test_the_meetings_held_in_a_period(week: Conversation) -> None:
    # Held: M1 and M2 (their times have come), the vote M3 closed; not the cancelled M4 nor
    # M5, still to come. M1's outcome, its 公示 and its action item #2, done.
    assert week.text(f"{WORK}: 统计 本月 议事") == NOVEMBER
    assert week.text(f"{WORK}: 统计 本周 会议") == NOVEMBER.replace("本月", "本周")
    assert week.text(f"{WORK}: 统计 11月25日 协商") == (
        "11月25日议事协商：召开五方会谈1次；形成决议1项，公示1次；议定行动事项1件，已办结1件。"
    )
    assert week.text(f"{WORK}: 统计 上月 议事") == "10月没有召开议事协商会议，也没有表决。"


def test_asked_in_words_by_staff_only(week: Conversation) -> None:
    assert week.text(f"{WORK}: 这个月开了几次会？") == NOVEMBER
    assert week.text("@李书记/私聊: 本月开了多少次议事会") == NOVEMBER
    assert week.text("@张网格/私聊: 这个月板凳会开了几次") == NOVEMBER
    assert week.text(f"{WORK}: 今年一共召开了几次议事协商会议") == NOVEMBER.replace("本月", "今年")
    assert week.say("@王芳/网格3群: 这个月开了几次会") == []  # among neighbours: chat
    assert week.text("@王芳/私聊: 这个月开了几次会") == "只有网格员及以上可以查看统计。"
    # A handler sees their own unit's figures alone, not the meetings.
    assert week.text("@刘物业/私聊: 统计 本月 议事").startswith("您可以查看物业的统计")
    assert week.say(f"{WORK}: 今天开了几个小时的会") == []


def test_the_monthly_report_says_the_months_meetings_and_december_has_its_own(
    week: Conversation,
) -> None:
    fired = week.run_until(datetime(2026, 12, 4, 9, tzinfo=SH))
    # The work group's messages due at one time come as one (「2条提醒：」 and each after it).
    (sent,) = [text.splitlines() for _, chat, text in fired if "📊 月报" in text]
    report = next(n for n, line in enumerate(sent) if line.startswith("📊 月报"))
    ledger = next(n for n, line in enumerate(sent) if line.startswith("📋 今日台账"))
    assert sent[report:ledger][-2:] == [
        "议事会：收集1条，办结1条（100%）",  # the last of 11月各来源
        NOVEMBER.replace("本月", "11月"),
    ]
    # Asked for, the month's report is the one the 1st gave; the year's so far has them all.
    said = sent[report:ledger]
    assert week.text(f"{WORK}: 月报").splitlines() == [said[0].removeprefix("📊 月报："), *said[1:]]
    year = week.text(f"{WORK}: 年度总结").splitlines()
    assert year[0].startswith("今年收集诉求2条") and "今年各单位承办情况：" in year
    assert year[-1].startswith("今年议事协商：召开会议3次（五方会谈1、板凳会1、议事会1）")
    assert week.text("@李书记/私聊: 统计 今年 总结").splitlines() == year
    # M5 has no word for its kind in its title: a 议事会.
    assert (
        week.text(f"{WORK}: 统计 本月 议事")
        == "本月议事协商：召开议事会1次；形成决议0项，公示0次。"
    )
    assert week.text(f"{WORK}: 统计 今年 议事").startswith(
        "今年议事协商：召开会议3次（五方会谈1、板凳会1、议事会1），表决1次（通过1次）"
    )


def test_the_meetings_against_the_period_before(week: Conversation) -> None:
    # The next week: 垃圾分类 (M5) is held on Thursday the 3rd, nothing else.
    week.run_until(datetime(2026, 12, 4, 9, tzinfo=SH))
    assert week.text(f"{WORK}: 统计 本周 议事 环比").splitlines() == [
        "本周议事协商：召开议事会1次；形成决议0项，公示0次。",
        "较上周同期（召开会议2次，表决1次）：召开会议减少1次，表决减少1次，形成决议减少1项，"
        "议定行动事项减少1件。",
    ]
    # A year before there were none.
    assert week.text(f"{WORK}: 统计 上月 议事 同比").splitlines() == [
        NOVEMBER.replace("本月", "11月"),
        "2025年11月没有召开议事协商会议，也没有表决，无从比较。",
    ]
