"""统计 … 用时: how long the issues done took, from filing to 办结, as reports quote it
(「平均办结时长1.5天」), on SQLite and PostgreSQL alike.

The reports below are filed and done at set times; the figures expected are worked out here from
those times, in calendar days (a message is stamped a minute after the clock is set).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from handlers.changes import time_said
from tests.support.conversation import Conversation

SH = ZoneInfo("Asia/Shanghai")
MINUTE = timedelta(minutes=1)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=SH)


def said_at(chat: Conversation, when: datetime, line: str) -> datetime:
    """Say `line` at `when`; the instant it is stamped with."""
    chat.clock.set(when)
    chat.say(line)
    return when + MINUTE


def took(*spans: tuple[datetime, datetime]) -> str:
    """The average of the spans, as the bot says it."""
    seconds = [(done - filed).total_seconds() for filed, done in spans]
    return time_said(sum(seconds) / len(seconds))


@pytest.fixture
def november(chat: Conversation) -> dict[int, tuple[datetime, datetime]]:
    """#1 and #2 in 网格3 (#2 held by 物业), #3 in 网格5, all done; #4 still open. Each done
    one's (filed, done)."""
    one = said_at(chat, at(23, 8), "@王芳/网格3群: #报事 3号楼楼道灯坏了")
    two = said_at(chat, at(23, 8, 30), "@李阿姨/网格3群: #报事 1号楼下水道堵了")
    three = said_at(chat, at(23, 9), "@孙大爷/网格5群: #报事 6号楼门口垃圾没人清")
    said_at(chat, at(23, 9, 30), "@钱阿姨/网格5群: #报事 5号楼门口路灯不亮")
    chat.say("@张网格/网格3群: 派单 2 物业")
    done_three = said_at(chat, at(23, 13), "@赵网格/网格5群: 办结 3 清走了")
    done_one = said_at(chat, at(24, 15), "@张网格/网格3群: 办结 1 换了灯泡")
    done_two = said_at(chat, at(26, 10), "@刘物业/工作群: 办结 2 疏通了")
    chat.clock.set(at(27, 9))
    return {1: (one, done_one), 2: (two, done_two), 3: (three, done_three)}


def test_the_average_the_slowest_and_each_grids_from_filing_to_done(
    chat: Conversation, november: dict[int, tuple[datetime, datetime]]
) -> None:
    whole = took(*november.values())
    slowest = took(november[2])
    assert (whole, slowest) == ("1.5天", "3.1天")  # the arithmetic above, written out
    assert chat.text("@李书记/工作群: 统计 本月 用时").splitlines() == [
        f"本月办结诉求3条，平均用时{whole}；最久的是 #2，用了{slowest}。",
        f"网格3：办结2条，平均{took(november[1], november[2])}",
        f"网格5：办结1条，平均{took(november[3])}",
    ]
    assert took(november[3]) == "4小时"
    # Said in words, the same; 「平均办结时长」 asks this month's.
    asked = chat.text("@李书记/工作群: 统计 本月 用时")
    for words in ("平均办结时长", "办结一件平均要几天？", "这个月平均多久办结", "统计　本月　时长"):
        assert chat.text(f"@李书记/工作群: {words}") == asked
    # One grid's; a grid with one done names it.
    assert chat.text("@李书记/工作群: 统计 本月 网格3 用时") == (
        f"本月（网格3）办结诉求2条，平均用时{took(november[1], november[2])}；"
        f"最久的是 #2，用了{slowest}。"
    )
    assert chat.text("@李书记/工作群: 统计 本月 网格5 用时") == (
        f"本月（网格5）办结诉求1条（#3），用时{took(november[3])}。"
    )


def test_a_period_with_nothing_done_says_so_and_a_word_not_known_is_told(
    chat: Conversation, november: dict[int, tuple[datetime, datetime]]
) -> None:
    assert chat.text("@李书记/工作群: 统计 上月 用时") == "10月还没有办结的诉求，无从计算用时。"
    said = chat.text("@李书记/工作群: 统计 本月 用时 好快")
    assert said.startswith("看不懂「好快」。用法：/stats")


def test_a_units_time_and_a_handler_asking_their_own(
    chat: Conversation, november: dict[int, tuple[datetime, datetime]]
) -> None:
    mine = f"本月（物业）办结诉求1条（#2），用时{took(november[2])}。"
    assert chat.text("@李书记/工作群: 统计 本月 物业 用时") == mine
    assert chat.text("@李书记/工作群: 物业平均几天修好") == mine
    assert chat.text("@刘物业/私聊: 我们平均几天修好") == mine
    assert chat.text("@刘物业/私聊: 统计 本月 用时") == mine
    # Every unit's: the units that held what was done, most first.
    assert chat.text("@李书记/工作群: 统计 本月 单位 用时").splitlines()[1:] == [
        f"物业：办结1条，平均{took(november[2])}"
    ]


def test_reopened_counts_to_its_last_done_and_a_building_heads_own(
    chat: Conversation, november: dict[int, tuple[datetime, datetime]]
) -> None:
    # #1's reporter finds the light still out: it is done again two days later.
    chat.say("@王芳/网格3群: 评价 1 1分")
    again = said_at(chat, at(28, 10), "@张网格/网格3群: 办结 1 换了灯座")
    filed = november[1][0]
    assert chat.text("@李书记/工作群: 统计 本月 网格3 用时").startswith(
        f"本月（网格3）办结诉求2条，平均用时{took((filed, again), november[2])}；"
        f"最久的是 #1，用了{took((filed, again))}。"
    )
    # 陈楼长 (3号楼) asks privately: their building's.
    assert chat.text("@陈楼长/私聊: 统计 用时") == (
        f"本月（3号楼）办结诉求1条（#1），用时{took((filed, again))}。"
    )


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (59 * 60, "不到1小时"),
        (3600, "1小时"),
        (5.4 * 3600, "5小时"),
        (23.6 * 3600, "1天"),  # rounds to a day
        (36 * 3600, "1.5天"),
        (3 * 86400, "3天"),
        (30.04 * 86400, "30天"),
    ],
)
def test_time_is_said_in_hours_under_a_day_and_days_after(seconds: float, said: str) -> None:
    assert time_said(seconds) == said


def test_what_one_of_staff_finished_took_on_average(
    chat: Conversation, november: dict[int, tuple[datetime, datetime]]
) -> None:
    # 张网格 finished #1; 刘物业 #2; asked in words, 用时 is added to their work.
    mine = took(november[1])
    assert chat.text("@李书记/工作群: 张网格平均多久办结").splitlines()[0] == (
        f"张*格本月经手事项2件：派单1、办结1（按期1），办结平均用时{mine}。"
    )
    assert (
        chat.text("@李书记/工作群: 统计 本月 刘物业 用时")
        .splitlines()[0]
        .endswith(f"办结平均用时{took(november[2])}。")
    )
    # Without 用时, their work as before.
    assert "用时" not in chat.text("@李书记/工作群: 统计 本月 张网格")
