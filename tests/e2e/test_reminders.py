"""Reminders on the virtual clock (chat-protocol §5): each kind fires at its moment, once."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, Select, select
from sqlalchemy.orm import defer

from bot.clock import VirtualClock
from bot.messages import PersonRef, QuotedMessage, Reply
from handlers.texts import POINTS_WEEKLY_FOOT
from storage.migrate import downgrade, upgrade
from storage.models import Issue, Reminder
from storage.uow import UnitOfWork
from tests.support.conversation import Conversation, example_settings

SHANGHAI = ZoneInfo("Asia/Shanghai")
LIU, WORK, G3 = "私聊·刘物业", "工作群", "网格3群"


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def conversation(db_url: str, start: datetime) -> Conversation:
    return Conversation(example_settings(db_url), VirtualClock(start))


def issues_filed(chat: Conversation) -> list[int]:
    with UnitOfWork(chat.linli.sessions) as uow:
        return list(uow.session.scalars(select(Issue.number)))


def only(fired: list[tuple[str, str, str]], *chats: str) -> list[tuple[str, str, str]]:
    return [f for f in fired if f[1] in chats]


def test_a_deadline_after_the_qingming_holiday(db_url: str) -> None:
    # Thursday 2 April: two working days are Friday 3 and Tuesday 7 (4–6 April are 清明).
    chat = conversation(db_url, at(4, 2, 10))
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    assert chat.say("@张网格/网格3群: 派单 1 @刘物业 2个工作日")[0][1].endswith("期限 4月7日。")
    fired = chat.run_until(at(4, 8, 10))
    assert only(fired, LIU) == [
        (
            "04-03 09:00",
            LIU,
            "🟡 #1【排水管道】3号楼2单元，网格3，3号楼2单元门口下水道堵了，期限 4月7日，请抓紧办理；办不完可发送「延期 1 新期限 原因」。",
        ),
        (
            "04-07 18:00",
            LIU,
            "🔴 #1【排水管道】3号楼2单元，网格3，3号楼2单元门口下水道堵了，已到期限 4月7日。请尽快办结，或发送「进展 1 说明」。",
        ),
        (
            "04-08 09:00",
            LIU,
            "🔴 #1【排水管道】3号楼2单元，网格3，3号楼2单元门口下水道堵了，已超期1个工作日（期限 4月7日）。请尽快办结，或发送「进展 1 说明」。",
        ),
    ]
    work = only(fired, WORK)
    # No digest on 4–6 April; the weekly one waits for the week's first working day.
    assert [when for when, _, _ in work] == [
        "04-03 09:00",
        "04-07 09:00",
        "04-07 18:00",
        "04-08 09:00",
    ]
    assert work[0][2].startswith("📋 今日台账（4月3日）")
    assert work[1][2].startswith("2条提醒：\n📊 上周小结") and "📋 今日台账（4月7日）" in work[1][2]
    assert (
        work[2][2]
        == "🔴 #1【排水管道】3号楼2单元，网格3，已超期（期限 4月7日），承办：物业·刘*业。"
    )
    # Nothing fires twice.
    assert chat.run_until(at(4, 8, 10)) == []


def test_reassigning_moves_the_reminders_and_resolving_cancels_them(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业 明天")  # Tuesday
    chat.say("@张网格/网格3群: 派单 1 @刘物业 周五")  # moved to Friday
    fired = only(chat.run_until(at(11, 27, 12)), LIU)
    assert [(when, text[0]) for when, _, text in fired] == [("11-26 09:00", "🟡")]
    chat.say("@刘物业/私聊: 办结 1 已疏通")
    assert only(chat.run_until(at(11, 27, 20)), LIU, WORK) == []


def test_work_assigned_after_the_yellow_hour_gets_its_yellow_on_the_day_itself(
    chat: Conversation,
) -> None:
    """Assigned Monday at 10:00, due Tuesday: Monday's 09:00 has passed, so the 🟡 comes on
    Tuesday at 09:00, once; work due at 15:00 today gets none (the 新派单 said it)."""
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.clock.set(at(11, 23, 10))
    chat.say("@张网格/网格3群: 派单 1 @刘物业 明天")
    chat.say("@刘物业/私聊: 进展 1 明天上午去")  # a change on the way brings no second one
    fired = only(chat.run_until(at(11, 24, 17)), LIU)
    assert [(when, text[0]) for when, _, text in fired] == [("11-24 09:00", "🟡")]
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.clock.set(at(11, 25, 10))
    chat.say("@张网格/网格3群: 派单 2 @刘物业 今天15:00")  # Wednesday 15:00
    fired = only(chat.run_until(at(11, 25, 16)), LIU)
    assert [(when, text[:4]) for when, _, text in fired if "#2" in text] == [
        ("11-25 15:00", "🔴 #2")
    ]


def test_the_unit_an_issue_was_escalated_to_is_reminded_and_urged_too(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业 2个工作日")
    chat.say("@李书记/工作群: 上报 1 街道城管办 需要协调市政")
    urged = chat.say("@李书记/工作群: 催办 1")
    assert urged[0] == (WORK, "已催办 #1（物业·刘*业、街道城管办）。")
    assert [where for where, _ in urged[1:]] == [LIU, "私聊·周主任"]
    fired = [(when, where, text[:2]) for when, where, text in chat.run_until(at(11, 26))]
    assert only(fired, LIU, "私聊·周主任") == [
        ("11-24 09:00", LIU, "🟡 "),
        ("11-24 09:00", "私聊·周主任", "🟡 "),
        ("11-25 18:00", LIU, "🔴 "),
        ("11-25 18:00", "私聊·周主任", "🔴 "),
        ("11-26 09:00", LIU, "🔴 "),  # 已超期1个工作日
        ("11-26 09:00", "私聊·周主任", "🔴 "),
    ]


def test_the_overdue_alert_names_the_unit_an_issue_was_escalated_to(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业 2个工作日")
    chat.say("@李书记/工作群: 上报 1 街道城管办 需要协调市政")
    chat.say("@孙大爷/网格5群: #报事 5号楼顶楼漏水")
    chat.say("@赵网格/网格5群: 受理 2 疑难")  # 疑难 whistles to 街道城管办; nobody assigned
    alerts = [text for _, _, text in only(chat.run_until(at(12, 8)), WORK) if text[0] == "🔴"]
    assert alerts == [
        "🔴 #1【排水管道】3号楼2单元，网格3，已超期（期限 11月25日），"
        "承办：物业·刘*业，已上报街道城管办。",
        "🔴 #2【排水管道】5号楼，网格5，已超期（期限 12月7日），承办：未派单，已上报街道城管办。",
    ]


def test_an_issue_nobody_holds_is_reminded_to_its_grids_workers(chat: Conversation) -> None:
    """待受理 #1 in 网格3 and #2 in 网格5: each grid's worker hears its 🟡 and 🔴 privately,
    as the work group does; a worker given no grid hears both. Once it is assigned, its
    holder does instead."""
    assert chat.text("@李书记/工作群: 设置角色 @钱阿姨 网格员").endswith("（全部网格）。")
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")  # due in 1 working day: Tuesday 24th
    chat.say("@孙大爷/网格5群: #报事 5号楼门口井盖松了")  # in 3: Thursday 26th
    fired = chat.run_until(at(11, 26, 19))
    zhang, zhao, qian = "私聊·张网格", "私聊·赵网格", "私聊·钱阿姨"
    lamp = "#1【照明路灯】3号楼，网格3，3号楼楼道灯坏了"
    ask = "还没有派单，请尽快「派单 1 @人或单位」。"
    assert [(when, text) for when, _, text in only(fired, zhang) if "超期" not in text] == [
        ("11-23 09:00", f"🟡 {lamp}，期限 11月24日，{ask}"),
        ("11-24 18:00", f"🔴 {lamp}，已到期限 11月24日，{ask}"),
    ]
    assert [(when, text[:4]) for when, _, text in only(fired, zhao)] == [
        ("11-25 09:00", "🟡 #2"),
        ("11-26 18:00", "🔴 #2"),
    ]
    assert [
        (when, line[:4])
        for when, _, text in only(fired, qian)
        for line in text.split("\n")
        if line[0] in "🟡🔴" and "超期" not in line
    ] == [
        ("11-23 09:00", "🟡 #1"),
        ("11-24 18:00", "🔴 #1"),
        ("11-25 09:00", "🟡 #2"),
        ("11-26 18:00", "🔴 #2"),
    ]
    alerts = [(when, line[:4]) for when, _, text in only(fired, WORK) for line in text.split("\n")]
    assert ("11-24 18:00", "🔴 #1") in alerts and ("11-26 18:00", "🔴 #2") in alerts
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")  # #3
    chat.say("@张网格/网格3群: 派单 3 @刘物业 明天")  # Friday 27th
    fired = chat.run_until(at(11, 27, 19))
    assert [(where, text[:4]) for _, where, text in fired if "#3" in text and where != WORK] == [
        (LIU, "🟡 #3"),
        (LIU, "🔴 #3"),
    ]


def overdue(fired: list[tuple[str, str, str]], who: str) -> list[tuple[str, str]]:
    """The overdue nudges `who` got: (when, each line that says so)."""
    return [
        (when, line)
        for when, where, text in fired
        if where == who
        for line in text.split("\n")
        if "个工作日（期限" in line
    ]


def days_overdue(nudges: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(when, issue, working days overdue) of each nudge."""
    found = [(when, re.search(r"#(\d+).*已超期(\d+)个工作日", line)) for when, line in nudges]
    return [(when, f"#{m[1]}", m[2]) for when, m in found if m is not None]


def test_an_overdue_issue_is_nudged_each_working_day_until_it_is_closed(
    chat: Conversation,
) -> None:
    """Due Tuesday 24th: its holder hears at 09:00 each working day after (not at the
    weekend), however often they report progress, until it is resolved; one rejected stops
    the same way."""
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业 明天")
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    chat.say("@张网格/网格3群: 派单 2 @刘物业 明天")
    drain = "#1【排水管道】3号楼2单元，网格3，3号楼2单元门口下水道堵了"
    fired = overdue(chat.run_until(at(11, 26, 12)), LIU)
    assert fired == [
        (
            "11-25 09:00",
            f"🔴 {drain}，已超期1个工作日（期限 11月24日）。请尽快办结，或发送「进展 1 说明」。",
        ),
        ("11-25 09:00", fired[1][1]),
        (
            "11-26 09:00",
            f"🔴 {drain}，已超期2个工作日（期限 11月24日）。请尽快办结，或发送「进展 1 说明」。",
        ),
        ("11-26 09:00", fired[3][1]),
    ]
    assert fired[3][1].startswith("🔴 #2【道路井盖】") and "已超期2个工作日" in fired[3][1]
    chat.say("@张网格/网格3群: 退回 2 井盖属于市政，已转12345")
    chat.say("@刘物业/私聊: 进展 1 施工队下周一来")
    fired = overdue(chat.run_until(at(11, 30, 12)), LIU)
    assert days_overdue(fired) == [("11-27 09:00", "#1", "3"), ("11-30 09:00", "#1", "4")]
    chat.say("@刘物业/私聊: 办结 1 已疏通")
    assert overdue(chat.run_until(at(12, 3, 12)), LIU) == []


def test_an_overdue_issue_nobody_holds_is_nudged_to_its_grids_worker(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")  # 待受理, due Tuesday 24th
    fired = chat.run_until(at(11, 25, 12))
    assert overdue(fired, "私聊·张网格") == [
        (
            "11-25 09:00",
            "🔴 #1【照明路灯】3号楼，网格3，3号楼楼道灯坏了，已超期1个工作日（期限 11月24日），"
            "还没有派单，请尽快「派单 1 @人或单位」。",
        )
    ]
    assert overdue(fired, "私聊·赵网格") == overdue(fired, WORK) == []


def test_overdue_nudges_skip_the_qingming_holiday(db_url: str) -> None:
    # Due Thursday 2 April; 4–6 April are 清明.
    chat = conversation(db_url, at(4, 1, 10))
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业 明天")
    fired = overdue(chat.run_until(at(4, 8, 12)), LIU)
    assert days_overdue(fired) == [
        ("04-03 09:00", "#1", "1"),
        ("04-07 09:00", "#1", "2"),
        ("04-08 09:00", "#1", "3"),
    ]
    chat.close()


def test_an_overdue_nudge_comes_once_a_day_across_restarts(chat: Conversation) -> None:
    """Sent on Wednesday, not again after a restart that day; missed while down on Thursday
    morning, sent once on start (补发), then Friday's at 09:00."""
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业 明天")
    assert [when for when, _ in overdue(chat.run_until(at(11, 25, 10)), LIU)] == ["11-25 09:00"]
    back = restarted(chat, at(11, 25, 11), "r1")
    assert overdue(back.run_until(at(11, 25, 23)), LIU) == []
    again = restarted(back, at(11, 26, 11), "r2")
    fired = overdue(again.run_until(at(11, 27, 10)), LIU)
    assert days_overdue(fired) == [("11-26 11:00", "#1", "2"), ("11-27 09:00", "#1", "3")]
    assert fired[0][1].startswith("（补发）🔴 #1") and fired[1][1].startswith("🔴 #1")
    assert overdue(again.run_until(at(11, 27, 23)), LIU) == []
    again.close()


def test_the_deadline_reminders_of_a_withdrawn_issue_say_so(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业 2个工作日")
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@张网格/网格3群: 派单 2 @刘物业 3个工作日")
    chat.say("@王芳/网格3群: #报事 3号楼楼道堆满了杂物")
    chat.say("@张网格/网格3群: 派单 3 @刘物业 3个工作日")
    chat.say("@王芳/网格3群: 撤回 1 邻居帮忙弄好了，不用再来了，谢谢大家的关心")
    chat.say("@王芳/网格3群: 撤回 2")
    fired = only(chat.run_until(at(11, 26, 12)), LIU, WORK)
    assert [(when, text) for when, where, text in fired if where == LIU] == [
        (
            "11-24 09:00",
            "🟡 #1【道路井盖】3号楼，网格3，3号楼门口井盖松了，期限 11月25日，请抓紧办理；办不完可发送「延期 1 新期限 原因」。"
            "报事人已撤回（邻居帮忙弄好了，不用再来了，谢谢大家的…），核实后请办结或退回。",
        ),
        (
            "11-25 09:00",
            "2条提醒：\n"
            "🟡 #2【照明路灯】3号楼，网格3，3号楼楼道灯坏了，期限 11月26日，请抓紧办理；办不完可发送「延期 2 新期限 原因」。"
            "报事人已撤回，核实后请办结或退回。\n"
            "🟡 #3【安全隐患】3号楼，网格3，3号楼楼道堆满了杂物，期限 11月26日，请抓紧办理；办不完可发送「延期 3 新期限 原因」。",
        ),
        (
            "11-25 18:00",
            "🔴 #1【道路井盖】3号楼，网格3，3号楼门口井盖松了，已到期限 11月25日。"
            "请尽快办结，或发送「进展 1 说明」。"
            "报事人已撤回（邻居帮忙弄好了，不用再来了，谢谢大家的…），核实后请办结或退回。",
        ),
        (
            "11-26 09:00",
            "🔴 #1【道路井盖】3号楼，网格3，3号楼门口井盖松了，已超期1个工作日（期限 11月25日）。"
            "请尽快办结，或发送「进展 1 说明」。"
            "报事人已撤回（邻居帮忙弄好了，不用再来了，谢谢大家的…），核实后请办结或退回。",
        ),
    ]
    assert [text for _, where, text in fired if where == WORK and text[0] == "🔴"] == [
        "🔴 #1【道路井盖】3号楼，网格3，已超期（期限 11月25日），承办：物业·刘*业。"
        "报事人已撤回（邻居帮忙弄好了，不用再来了，谢谢大家的…），核实后请办结或退回。"
    ]


def test_a_withdrawal_before_a_reopening_is_not_mentioned_again(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业 2个工作日")
    chat.say("@王芳/网格3群: 撤回 1 邻居帮忙弄好了")
    chat.say("@刘物业/私聊: 办结 1 现场确认已修好")
    chat.say("@王芳/网格3群: 不满意")  # it came loose again: reopened, a new deadline
    fired = only(chat.run_until(at(12, 1)), LIU, WORK)
    reminders = [text for _, _, text in fired if text.startswith(("🟡 #1", "🔴 #1"))]
    # 🟡, 🔴 to 刘物业 and to the work group, then 已超期 on 27 and 30 November, 1 December.
    assert len(reminders) == 6 and not any("撤回" in text for text in reminders)


def test_a_reminder_at_23_00_waits_for_the_morning_but_urgent_ones_do_not(
    chat: Conversation,
) -> None:
    chat.run_until(at(11, 23, 21))
    assert chat.text("@王芳/网格3群: 提醒 23:00 关好车棚门").startswith("好的，11月23日 23:00 提醒")
    chat.say("@钱阿姨/网格3群: #报事 4号楼楼道里有很重的煤气味")
    chat.say("@张网格/网格3群: 派单 1 物业 23:30")
    fired = chat.run_until(at(11, 24, 8))
    assert ("11-24 07:30", G3, "⏰ 提醒：关好车棚门") in fired  # held by quiet hours, not missed
    assert [f for f in fired if f[0] == "11-23 23:30"] == [
        ("11-23 23:30", LIU, fired[0][2]),
        (
            "11-23 23:30",
            WORK,
            "🔴 #1【安全隐患】4号楼，网格3，已超期（期限 11月23日 23:30），承办：物业。",
        ),
    ]


def test_follow_up_reminds_after_three_days_and_closes_after_seven(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 办结 1 已疏通")
    fired = only(chat.run_until(at(12, 1)), G3)
    assert [(when, text) for when, _, text in fired if "#1" in text] == [
        (
            "11-26 08:02",
            "#1 已办结，还没收到您的评价：请回复「评价 1 1-5分」，或「满意/基本满意/不满意」。",
        ),
        ("11-30 08:02", "#1 7天未收到评价，按默认满意销号。"),
    ]
    assert "已销号" in chat.text("@李书记/工作群: 查看 1").splitlines()[0]


def test_the_reporter_answers_the_follow_up_in_words(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 办结 1 已疏通")
    assert chat.say("@孙大爷/网格3群: 满意") == []  # nothing of his awaits a rating
    assert chat.say("@王芳/网格3群: 不满意") == [
        (G3, "#1 评价1分，已重开，期限 11月26日。"),
        (WORK, "#1 王*评价1分，已重开，请跟进。"),
    ]
    chat.say("@张网格/网格3群: 办结 1 又疏通了一遍")
    assert chat.say("@王芳/网格3群: 满意！") == [(G3, "#1 已销号，评价5分，感谢反馈。")]
    # Stars are a score too.
    chat.say("@孙大爷/网格3群: #报事 4号楼楼道灯坏了")
    chat.say("@张网格/网格3群: 办结 2 已换灯泡")
    assert chat.say("@孙大爷/网格3群: 给个五星") == [(G3, "#2 已销号，评价5分，感谢反馈。")]
    # Closed by her rating: neither a follow-up reminder nor 默认满意 comes later (the monthly
    # report names #1 as the slowest done).
    fired = chat.run_until(at(12, 1))
    assert [f for f in fired if "#1" in f[2] and "📊 月报" not in f[2]] == []


def test_a_dispute_is_looked_back_on_a_month_after_it_closes(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 楼上邻居天天半夜吵架摔东西，沟通了也不听，想请社区调解")
    chat.say("@张网格/网格3群: 办结 1 已组织双方调解，签了协议")
    chat.say("@王芳/网格3群: 评价 1 4")
    fired = [f for f in chat.run_until(at(12, 24)) if "#1" in f[2] and "📊 月报" not in f[2]]
    assert fired == [
        (
            "12-23 08:03",
            G3,
            "回头看：#1 解决一个月了，问题有没有再出现？请回复「没有」或「又出现了」。",
        )
    ]


def _looked_back(chat: Conversation) -> None:
    """王芳's dispute #1 (网格3群) and 孙大爷's private one #2, both asked 回头看 on 23 December."""
    chat.say("@王芳/网格3群: #报事 楼上邻居天天半夜吵架摔东西，沟通了也不听，想请社区调解")
    chat.say("@张网格/网格3群: 办结 1 已组织双方调解，签了协议")
    chat.say("@王芳/网格3群: 评价 1 4")
    chat.say("@孙大爷/私聊: #报事 楼下邻居在楼道堆杂物，说了几次不听，请社区调解")
    chat.say("@李书记/工作群: 办结 2 已协调清理")
    chat.say("@孙大爷/私聊: 满意")
    asked = [f[:2] for f in chat.run_until(at(12, 24)) if f[2].startswith("回头看")]
    assert asked == [("12-23 08:03", G3), ("12-23 08:06", "私聊·孙大爷")]


def test_no_to_the_look_back_is_recorded_and_said_once(chat: Conversation) -> None:
    _looked_back(chat)
    assert chat.say("@孙大爷/网格3群: 没有") == []  # not his question
    assert chat.say("@王芳/网格5群: 没有") == []  # asked in 网格3群, not here
    assert chat.say("@王芳/网格3群: 没有再出现了，谢谢") == [
        (G3, "#1 没有再出现，已记录，感谢回复！")
    ]
    assert chat.say("@王芳/网格3群: 没有") == []  # answered: chat again
    shown = chat.text("@李书记/工作群: 查看 1").splitlines()
    assert shown[0].startswith("#1【邻里纠纷】已销号")
    assert shown[-1].endswith("王* 回头看：未再出现")


def test_it_came_back_reopens_the_issue_for_the_work_group(chat: Conversation) -> None:
    _looked_back(chat)
    assert chat.say("@王芳/网格3群: 又是周末了") == []  # everyday talk in a group
    line = "#1 已重开：回头看：又吵起来了，昨晚到一点，期限 12月29日。"
    assert chat.say("@王芳/网格3群: 又吵起来了，昨晚到一点") == [(G3, line), (WORK, line)]
    assert "已受理" in chat.text("@李书记/工作群: 查看 1").splitlines()[0]
    # Privately any 「又…了」 answers it.
    line = "#2 已重开：回头看：楼道里又堆满了，期限 12月29日。"
    assert chat.say("@孙大爷/私聊: 楼道里又堆满了") == [("私聊·孙大爷", line), (WORK, line)]


def test_a_look_back_asked_before_the_upgrade_still_takes_its_answer(chat: Conversation) -> None:
    _looked_back(chat)
    downgrade(chat.linli.engine, "0019")  # from before the question was noted on the issue
    upgrade(chat.linli.engine)
    assert chat.say("@王芳/网格3群: 没有") == [(G3, "#1 没有再出现，已记录，感谢回复！")]


def test_a_look_back_answer_a_week_late_is_an_ordinary_message(chat: Conversation) -> None:
    _looked_back(chat)
    chat.run_until(at(12, 31))
    assert chat.say("@王芳/网格3群: 又吵起来了") == []
    filed = chat.say("@孙大爷/私聊: 楼道里又堆满了杂物")[0][1]
    assert filed.startswith("已登记 #3")


def test_remind_list_and_cancel(chat: Conversation) -> None:
    usage = chat.linli.services.command("remind").usage_line()
    assert chat.text("@王芳/私聊: 提醒") == usage  # none yet: how to set one
    set_reply = chat.text("@王芳/私聊: 提醒 明天 检查3号楼井盖")
    assert set_reply.startswith("好的，11月24日 9:00 提醒：检查3号楼井盖（取消请发送「提醒 取消 ")
    number = set_reply.rsplit(" ", 1)[1].rstrip("」）")
    chat.say("@王芳/私聊: 提醒 周五16:00 交物业费")
    assert chat.text("@王芳/私聊: 提醒 列表").splitlines() == [
        "您的提醒（2条）：",
        f"{number}. 11月24日 9:00 检查3号楼井盖",
        f"{int(number) + 1}. 11月27日 16:00 交物业费",
        "取消发送「提醒 取消 编号」，改时间发送「提醒 修改 编号 新时间」。",
    ]
    assert chat.text("@王芳/私聊: 提醒") == chat.text("@王芳/私聊: 提醒 列表")  # alone: them
    assert chat.text(f"@孙大爷/私聊: 提醒 取消 {number}").startswith("没有这条提醒")
    assert chat.text(f"@王芳/私聊: 提醒 取消 {number}") == f"已取消提醒 {number}：检查3号楼井盖"
    fired = [f for f in chat.run_until(at(11, 28)) if f[1] == "私聊·王芳"]
    assert fired == [("11-27 16:00", "私聊·王芳", "⏰ 提醒：交物业费")]


def test_a_reminder_is_cancelled_or_changed_by_its_place_in_the_list(chat: Conversation) -> None:
    """「把第二个提醒取消」 met the not-filed hint: it is the second line 提醒 列表 shows."""
    chat.say("@李书记/私聊: 明天下午3点提醒我去街道开会")
    chat.say("@李书记/私聊: 下周一提醒我给王芳回电话")
    chat.say("@李书记/私聊: 群发 全部 定时 明天8:00 明天停水")  # one line for its three groups
    listed = chat.text("@李书记/私聊: 提醒 列表").splitlines()[1:-1]
    numbers = [line.split(".")[0] for line in listed]
    assert [line.split(" ", 1)[1] for line in listed] == [
        "11月24日 8:00 群发到网格3群、网格5群、幸福里居民群：明天停水",
        "11月24日 15:00 去街道开会",
        "11月30日 9:00 给王芳回电话",
    ]
    assert chat.text("@李书记/私聊: 把第二个提醒取消") == f"已取消提醒 {numbers[1]}：去街道开会"
    assert chat.text("@李书记/私聊: 取消第5个提醒") == (
        "提醒列表里只有2条，没有第5条。发送「提醒 列表」查看。"
    )
    assert chat.text("@李书记/私聊: 提醒 修改 第二个 12月1日10点").startswith(
        f"已修改提醒 {numbers[2]}，现在是：12月1日 10:00 提醒：给王芳回电话"
    )
    assert chat.text("@李书记/私聊: 第1条提醒删了").startswith(f"已取消定时群发 {numbers[0]}")
    assert len(chat.text("@李书记/私聊: 提醒 列表").splitlines()) == 3


def test_a_reminder_is_cancelled_by_its_words(chat: Conversation) -> None:
    chat.say("@张网格/私聊: 每周一早上8点提醒我交周报")
    chat.say("@张网格/私聊: 明天上午9点提醒我去3号楼回访")
    chat.say("@张网格/私聊: 周五提醒我去5号楼回访")
    listed = chat.text("@张网格/私聊: 提醒 列表").splitlines()
    weekly = next(line.split(".")[0] for line in listed if "交周报" in line)
    assert chat.text("@张网格/私聊: 取消周报的提醒") == (
        f"已取消重复提醒 {weekly}（每周一 8:00）：交周报"
    )
    # By how it repeats, too: 「每天的」 is the one 「每天 8:30」.
    chat.say("@张网格/私聊: 每天早上8点半提醒我看台账")
    assert chat.text("@张网格/私聊: 取消每天的提醒").endswith("（每天 8:30）：看台账")
    # Two hold the words: which, by number; none does: said so; nothing changes either way.
    both = chat.text("@张网格/私聊: 回访的提醒不要了")
    assert both.startswith("含「回访」的提醒有") and both.endswith("请发送「提醒 取消 编号」。")
    assert chat.text("@张网格/私聊: 提醒 取消 体检") == (
        "没有含「体检」的提醒。发送「提醒 列表」查看您的提醒和编号。"
    )
    chat.say("@张网格/私聊: 12月1日提醒我交党费")
    assert chat.text("@张网格/私聊: 把交党费的提醒删了").startswith("已取消提醒 ")
    assert len(chat.text("@张网格/私聊: 提醒 列表").splitlines()) == len(listed) - 1
    chat.say("@张网格/私聊: 提醒 取消 5号楼")
    # Changed by its day or its words; a weekly one moved to another weekday stays weekly.
    chat.say("@张网格/私聊: 每周三早上8点提醒我交月报")
    changed = chat.text("@张网格/私聊: 把明天的提醒改到10点")
    assert "现在是：11月24日 10:00 提醒：去3号楼回访" in changed
    assert "现在是：每周二 9:00 提醒：交月报" in chat.text("@张网格/私聊: 月报的提醒改成周二9点")
    # A time alone keeps the day the reminder was on (it moved to today).
    chat.say("@张网格/私聊: 下周一上午10点提醒我开会")
    assert "现在是：11月30日 11:00 提醒：开会" in chat.text("@张网格/私聊: 把开会的提醒改到11点")
    assert chat.text("@张网格/私聊: 提醒 修改 12月1日 10点") == (
        "12月1日没有您的提醒。发送「提醒 列表」查看您的提醒和编号。"
    )
    # Cancelled by its day, too.
    both = chat.text("@张网格/私聊: 明天的提醒取消")
    assert both.startswith("明天的提醒有") and both.endswith("请发送「提醒 取消 编号」。")
    assert chat.text("@张网格/私聊: 取消12月1日的提醒") == (
        "12月1日没有您的提醒。发送「提醒 列表」查看您的提醒和编号。"
    )
    # When alone is asked what.
    assert (
        chat.text("@张网格/私聊: 下午3点提醒我")
        == "请写明提醒内容，例如：提醒 明天9:00 检查3号楼井盖"
    )


def test_a_reminder_ahead_of_a_time_says_when_it_is(chat: Conversation) -> None:
    """「下周三下午3点开会，提前一天提醒大家」 met silence: reminded a day before, saying when."""
    set_reply = chat.text("@李书记/工作群: 下周三下午3点开会，提前一天提醒大家")
    assert set_reply.startswith("好的，12月1日 15:00 提醒：12月2日 15:00 开会（取消请发送")
    assert chat.text("@李书记/私聊: 12月5日体检，提前一天提醒我").startswith(
        "好的，12月4日 9:00 提醒：12月5日 体检（"  # no time of day said: the day alone
    )
    assert chat.text("@张网格/私聊: 周三下午3点去3号楼，提前半小时提醒我").startswith(
        "好的，11月25日 14:30 提醒：11月25日 15:00 去3号楼（"
    )
    # A time ahead already past is told so; nothing is set.
    assert chat.text("@李书记/私聊: 今天下午3点开会，提前一天提醒我") == (
        "11月23日 15:00「提前一天」的时间已经过去了，请直接写提醒的时间，例如：明天9点提醒我…"
    )
    fired = chat.run_until(datetime(2026, 12, 1, 16, tzinfo=SHANGHAI))
    assert ("12-01 15:00", "工作群", "⏰ 提醒：12月2日 15:00 开会") in fired
    # Among neighbours it is their talk.
    assert chat.say("@王芳/网格3群: 明天上午开会，提前一小时提醒大家") == []


def test_reminders_said_as_people_say_them(chat: Conversation) -> None:
    # Privately, not filed as a report about 物业.
    set_reply = chat.text("@王芳/私聊: 明天下午3点提醒我去物业交材料")
    assert set_reply.startswith("好的，11月24日 15:00 提醒：去物业交材料（取消请发送「提醒 取消 ")
    number = set_reply.rsplit(" ", 1)[1].rstrip("」）")
    assert chat.text("@王芳/私聊: 我的提醒") == chat.text("@王芳/私聊: 提醒 列表")
    assert chat.text("@王芳/私聊: 我有哪些提醒？") == chat.text("@王芳/私聊: 提醒 列表")
    assert chat.text("@王芳/私聊: 现在有几条提醒") == chat.text("@王芳/私聊: 提醒 列表")
    assert chat.text(f"@王芳/私聊: 取消提醒 {number}") == f"已取消提醒 {number}：去物业交材料"
    assert chat.text("@李书记/工作群: 周五9点提醒大家交台账").startswith(
        "好的，11月27日 9:00 提醒：交台账"
    )
    # The words are kept as typed, full-width punctuation and all.
    assert chat.text("@李书记/网格3群: 明天下午3点提醒大家领对联，地点：社区活动室！").startswith(
        "好的，11月24日 15:00 提醒：领对联，地点：社区活动室（取消请发送"
    )
    assert chat.text("@张网格/工作群: 明天9点提醒我给孙大爷回电话，问问漏水").startswith(
        "好的，11月24日 9:00 提醒：给孙大爷回电话，问问漏水（张网格）"
    )
    # 「提醒我」 in the work group is said to the bot, and the group is told whom it is for;
    # in a grid group it is said to a neighbour.
    assert chat.text("@李书记/工作群: 周四上午九点提醒我给王芳回电话").startswith(
        "好的，11月26日 9:00 提醒：给王芳回电话（李书记）"
    )
    assert chat.say("@王芳/网格3群: 明天9点提醒我一下") == []
    # Someone else named: the reminder's words say whom, as they were said.
    assert chat.text("@李书记/工作群: 周四上午9点提醒张网格去看3号楼井盖").startswith(
        "好的，11月26日 9:00 提醒：张网格去看3号楼井盖（取消请发送"
    )
    assert chat.say("@王芳/网格3群: 明天9点提醒老张带伞") == []  # neighbours talking
    fired = chat.run_until(at(11, 28))
    assert [(when, where) for when, where, text in fired if "去看3号楼井盖" in text] == [
        ("11-26 09:00", "工作群")
    ]
    assert [(when, where) for when, where, text in fired if "交台账" in text] == [
        ("11-27 09:00", "工作群")
    ]
    assert [(when, where) for when, where, text in fired if "回电话（李书记）" in text] == [
        ("11-26 09:00", "工作群")
    ]
    assert not any("去物业" in text for _, _, text in fired)
    # A day without a clock is its morning; a repeat too.
    assert chat.text("@王芳/私聊: 每月1号提醒我交物业费").startswith(
        "好的，每月1号 9:00 提醒：交物业费（下次 12月1日 9:00"
    )
    assert chat.text("@王芳/私聊: 后天提醒我去社区盖章").startswith(
        "好的，11月30日 9:00 提醒：去社区盖章"
    )
    # Someone else reminding them is no report, nor a reminder: they are told how to ask.
    how = "要我到时提醒您，请这样发：明天9点提醒我交电费（或：提醒 明天9:00 交电费）。"
    assert chat.say("@王芳/私聊: 我妈天天提醒我交电费") == [("私聊·王芳", how)]
    assert chat.text("@李书记/工作群: 查看 1") == "没有找到 #1。"


def test_staff_privately_remind_a_colleague_or_the_grid_workers(chat: Conversation) -> None:
    """「明天上午9点提醒张网格去看3号楼井盖」 privately reminded the secretary herself: it goes
    to 张网格; 「每周五下午提醒网格员交周报」 to the work group, where the grid workers read."""
    assert chat.text("@李书记/私聊: 明天上午9点提醒张网格去看3号楼井盖") == (
        "好的，11月24日 9:00 提醒：张网格去看3号楼井盖（取消请发送「提醒 取消 11」）\n"
        "到时私聊发给张*格。"
    )
    weekly = chat.text("@李书记/私聊: 每周五下午提醒网格员交周报")
    assert weekly.endswith("\n到时发到工作群。")
    # Whom before when, too; a resident named is the setter's own reminder.
    assert chat.text("@李书记/私聊: 提醒一下赵网格明天去5号楼回访").endswith("到时私聊发给赵*格。")
    assert "到时" not in chat.text("@李书记/私聊: 提醒一下王芳明天交材料")
    # 「提醒我」 first is one's own, whatever name follows; so is a resident's.
    assert "到时" not in chat.text("@李书记/私聊: 明天上午提醒我张网格的事")
    assert "到时" not in chat.text("@王芳/私聊: 明天上午10点提醒张网格来修灯")
    # The setter lists it (and may cancel it); the colleague gets it, saying who set it.
    assert "张网格去看3号楼井盖" in chat.text("@李书记/私聊: 提醒 列表")
    fired = [f for f in chat.run_until(at(11, 28)) if "⏰ " in f[2]]
    assert fired == [
        ("11-24 09:00", "私聊·张网格", "⏰ 李书记提醒：张网格去看3号楼井盖"),
        ("11-24 09:00", "私聊·赵网格", "⏰ 李书记提醒：赵网格去5号楼回访"),
        ("11-24 09:00", "私聊·李书记", "2条提醒：\n⏰ 提醒：王芳交材料\n⏰ 提醒：张网格的事"),
        ("11-24 10:00", "私聊·王芳", "⏰ 提醒：张网格来修灯"),
        ("11-27 14:00", "工作群", "⏰ 提醒：网格员交周报"),
    ]


def test_a_part_of_the_day_alone_is_todays(chat: Conversation) -> None:
    # Monday 8:00: the afternoon is 14:00, the evening 19:00, as 「明天下午」 reads them.
    assert chat.text("@张网格/私聊: 下午提醒我给王芳回电话").startswith(
        "好的，11月23日 14:00 提醒：给王芳回电话（取消请发送"
    )
    assert chat.text("@李书记/工作群: 晚上提醒大家关好门窗").startswith(
        "好的，11月23日 19:00 提醒：关好门窗（取消请发送"
    )
    assert chat.say("@王芳/网格3群: 晚上提醒我收衣服") == []  # said to a neighbour
    fired = chat.run_until(at(11, 23, 20))
    assert [(when, where) for when, where, text in fired if "⏰ 提醒：" in text] == [
        ("11-23 14:00", "私聊·张网格"),
        ("11-23 19:00", "工作群"),
    ]
    # Said when the afternoon is over: told so, nothing set.
    assert chat.text("@张网格/私聊: 下午提醒我给王芳回电话") == (
        "「下午」已经过去了，请写以后的时间，例如：明天9:00。"
    )
    assert "下午" not in chat.text("@张网格/私聊: 提醒 列表")


@pytest.mark.parametrize("typed", ["提醒 下下下周八 开会", "提醒 明天", "提醒"])
def test_a_bad_reminder_gets_one_line(chat: Conversation, typed: str) -> None:
    reply = chat.text(f"@王芳/网格3群: {typed}")
    assert "\n" not in reply and reply


def test_a_repeating_reminder_comes_back_on_its_days(chat: Conversation) -> None:
    assert chat.text("@李书记/工作群: 提醒 每周四18:00 今晚议事会，请网格员到场") == (
        "好的，每周四 18:00 提醒：今晚议事会，请网格员到场（下次 11月26日 18:00，法定节假日不发）。"
        "取消请发送「提醒 取消 11」"
    )
    assert chat.text("@王芳/私聊: 提醒 每天早上8点 吃降压药").startswith(
        "好的，每天 8:00 提醒：吃降压药（下次 11月24日 8:00）。"
    )
    fired = chat.run_until(at(12, 4, 12))
    assert [(when, text) for when, _, text in only(fired, WORK) if "议事会" in text] == [
        ("11-26 18:00", "⏰ 提醒：今晚议事会，请网格员到场"),
        ("12-03 18:00", "⏰ 提醒：今晚议事会，请网格员到场"),
    ]
    mine = [when for when, _, _ in only(fired, "私聊·王芳")]
    assert mine == [f"{day} 08:00" for day in ("11-24", "11-25", "11-26", "11-27", "11-28")] + [
        f"{day} 08:00" for day in ("11-29", "11-30", "12-01", "12-02", "12-03", "12-04")
    ]


def test_a_repeating_group_reminder_names_nobody(chat: Conversation) -> None:
    chat.say("@张网格/网格3群: 提醒 每周一 下午3点 请大家清理楼道杂物")
    chat.say("@张网格/网格3群: 提醒 今天下午3点半 去3号楼")
    sent = []
    for moment in (at(11, 23, 15), at(11, 23, 15, 30)):
        chat.clock.set(moment)
        fired = chat.linli.scheduler.run_due()
        sent += [m for m in fired if isinstance(m, Reply) and m.chat.title == G3]
    assert [(m.text, [p.name for p in m.mentions]) for m in sent] == [
        ("⏰ 提醒：请大家清理楼道杂物", []),
        ("⏰ 提醒：去3号楼", ["张网格"]),
    ]


def test_a_working_day_reminder_keeps_the_calendar(db_url: str) -> None:
    # 国庆 2026: 1–7 October off, Saturday 10 October worked (调休).
    chat = conversation(db_url, at(9, 30, 8))
    try:
        assert chat.text("@李书记/工作群: 提醒 工作日8:30 看台账").startswith(
            "好的，工作日 8:30 提醒：看台账（下次 9月30日 8:30）。"
        )
        fired = [when for when, _, text in only(chat.run_until(at(10, 13, 12)), WORK)]
        days = [when for when in fired if when.endswith("08:30")]
        worked = ["09-30", "10-08", "10-09", "10-10", "10-12", "10-13"]  # 10-10: 调休
        assert days == [f"{day} 08:30" for day in worked]
    finally:
        chat.close()


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("提醒 每周一、三、五 下午3点 巡查楼道", "每周一、三、五 15:00 提醒：巡查楼道"),
        ("提醒 每周二和周四9点半 流动办公桌", "每周二、四 9:30 提醒：流动办公桌"),
        ("提醒 每月8号 代表接访日", "每月8号 9:00 提醒：代表接访日"),
        ("提醒 每周四18:00开例会", "每周四 18:00 提醒：开例会"),
        ("提醒 ＃每天 ９点 看台账", None),
        ("提醒 每天９点 看台账", "每天 9:00 提醒：看台账"),
        ("提醒 每周末 巡查", "每周六、日 9:00 提醒：巡查"),
    ],
)
def test_a_repeat_as_people_type_it(chat: Conversation, typed: str, shown: str | None) -> None:
    reply = chat.text(f"@李书记/工作群: {typed}")
    if shown is None:
        assert not reply.startswith("好的")
    else:
        assert reply.startswith(f"好的，{shown}（下次 ")


@pytest.mark.parametrize(
    ("who", "typed", "answer"),
    [
        ("李书记/工作群", "每周 开会", "看不懂重复时间「每周」。"),
        ("李书记/工作群", "每周1号楼巡查", "看不懂重复时间「每周1号楼巡查」。"),
        ("李书记/工作群", "每月32号 交费", "「每月32号」不对：每月只有1到31号。"),
        ("李书记/工作群", "每天23:00 关燃气", "「每天 23:00」在安静时段，每次都要等到早上才发。"),
        ("李书记/工作群", "每天9点", "请写明提醒内容，例如：提醒 每天 9:00 开例会"),
        ("王芳/网格3群", "每天9点 开窗通风", "群里的重复提醒只有网格员和书记能设"),
    ],
)
def test_a_repeat_that_cannot_be_set_says_why_and_sets_nothing(
    chat: Conversation, who: str, typed: str, answer: str
) -> None:
    reply = chat.text(f"@{who}: 提醒 {typed}")
    assert reply.startswith(answer) and "\n" not in reply
    assert chat.text(f"@{who}: 提醒 列表") == "本群没有待发的提醒。"


def test_a_resident_sets_a_repeating_reminder_privately(chat: Conversation) -> None:
    reply = chat.text("@王芳/私聊: 提醒 每月8号9点 交物业费")
    assert reply.startswith(
        "好的，每月8号 9:00 提醒：交物业费（下次 12月8日 9:00，法定节假日不发）"
    )
    fired = only(chat.run_until(at(12, 8, 10)), "私聊·王芳")
    assert fired == [("12-08 09:00", "私聊·王芳", "⏰ 提醒：交物业费")]


def test_a_monthly_reminder_on_the_31st_comes_on_each_months_last_day(
    chat: Conversation,
) -> None:
    reply = chat.text("@王芳/私聊: 提醒 每月31号 17点 交水费")
    assert reply.startswith(
        "好的，每月最后一天 17:00 提醒：交水费（下次 11月30日 17:00，法定节假日不发）"
    )
    chat.text("@王芳/私聊: 提醒 每月底 对账")
    fired = only(chat.run_until(at(12, 31, 18)), "私聊·王芳")
    assert fired == [
        ("11-30 09:00", "私聊·王芳", "⏰ 提醒：对账"),
        ("11-30 17:00", "私聊·王芳", "⏰ 提醒：交水费"),
        ("12-31 09:00", "私聊·王芳", "⏰ 提醒：对账"),
        ("12-31 17:00", "私聊·王芳", "⏰ 提醒：交水费"),
    ]


def test_a_repeating_reminder_is_listed_and_ended_by_its_first_number(chat: Conversation) -> None:
    set_reply = chat.text("@王芳/私聊: 提醒 每天8:00 吃药")
    number = set_reply.rsplit(" ", 1)[1].rstrip("」")
    chat.say("@王芳/私聊: 提醒 明天10:00 交物业费")
    chat.run_until(at(11, 25, 9))  # two occurrences sent: the pending one has another number
    listed = chat.text("@王芳/私聊: 提醒 列表").splitlines()
    assert listed[0] == "您的提醒（1条）："
    assert listed[1].endswith(". 每天 8:00（下次 11月26日 8:00）吃药")
    assert not listed[1].startswith(f"{number}.")
    assert chat.text(f"@孙大爷/私聊: 提醒 取消 {number}").startswith("没有这条提醒")
    assert (
        chat.text(f"@王芳/私聊: 提醒 取消 {number}")
        == f"已取消重复提醒 {number}（每天 8:00）：吃药"
    )
    assert chat.text("@王芳/私聊: 提醒 列表") == "您没有待发的提醒。"
    assert not only(chat.run_until(at(11, 28, 12)), "私聊·王芳")


def test_a_repeating_reminder_outlives_a_restart(chat: Conversation) -> None:
    chat.say("@王芳/私聊: 提醒 每天8:00 吃药")
    chat.run_until(at(11, 24, 9))
    back = restarted(chat, at(11, 25, 7), "r1")
    fired = only(back.run_until(at(11, 26, 9)), "私聊·王芳")
    assert [when for when, _, _ in fired] == ["11-25 08:00", "11-26 08:00"]
    back.close()


def test_one_person_has_at_most_ten_repeating_reminders(chat: Conversation) -> None:
    for hour in range(8, 18):
        assert chat.text(f"@王芳/私聊: 提醒 每天{hour}点 喝水").startswith("好的")
    assert chat.text("@王芳/私聊: 提醒 每天19点 喝水") == (
        "您已有10条重复提醒，请先取消不用的（发送「提醒 列表」看编号）。"
    )
    assert chat.text("@王芳/私聊: 提醒 明天19点 喝水").startswith("好的")  # a one-off still goes


@pytest.mark.parametrize(
    ("typed", "when", "text"),
    [
        ("提醒 10分钟后 开会", "11月23日 8:11", "开会"),
        ("提醒 半小时后 开会", "11月23日 8:31", "开会"),
        ("提醒 两个小时后 看井盖", "11月23日 10:01", "看井盖"),
        ("提醒 15:00开会", "11月23日 15:00", "开会"),
        ("提醒 明天下午3点去物业", "11月24日 15:00", "去物业"),
        ("提醒 明天开会", "11月24日 9:00", "开会"),
        ("提醒 明天下午 去社区盖章", "11月24日 14:00", "去社区盖章"),
        ("提醒 明天下午去社区盖章", "11月24日 14:00", "去社区盖章"),
        ("提醒 今晚交电费", "11月23日 19:00", "交电费"),
        ("提醒 明晚8点 交电费", "11月24日 20:00", "交电费"),
        # a weekday or a date run into the words, with the part of the day or not
        ("提醒 周五下午交材料", "11月27日 14:00", "交材料"),
        ("提醒 周五交材料", "11月27日 9:00", "交材料"),
        ("提醒 下周一上午交材料", "11月30日 9:00", "交材料"),
        ("提醒 星期天去看看", "11月29日 9:00", "去看看"),
        ("提醒 12月5日上午去街道开会", "12月5日 9:00", "去街道开会"),
    ],
)
def test_a_reminder_time_as_people_type_it(
    chat: Conversation, typed: str, when: str, text: str
) -> None:
    assert chat.text(f"@王芳/网格3群: {typed}").startswith(f"好的，{when} 提醒：{text}（")


def test_something_to_note_down_said_privately_is_a_reminder(chat: Conversation) -> None:
    assert chat.text("@张网格/私聊: 帮我记一下，明天上午去4号楼看路灯").startswith(
        "好的，11月24日 9:00 提醒：去4号楼看路灯（"
    )
    assert chat.text("@张网格/私聊: 备忘：周五下午交材料").startswith(
        "好的，11月27日 14:00 提醒：交材料（"
    )
    assert chat.text("@张网格/私聊: 记一下 4号楼路灯要换").startswith(
        "看不懂提醒时间「4号楼路灯要换」"
    )
    assert chat.say("@张网格/网格3群: 帮我记一下，明天上午去4号楼看路灯") == []  # to a neighbour


def test_a_reminder_time_that_is_wrong_says_what_to_write(chat: Conversation) -> None:
    # 08:01 on Monday: 8:00 has passed, however it is written.
    assert chat.text("@王芳/网格3群: 提醒 8:00 开会") == (
        "「8:00」已经过去了，请写以后的时间，例如：明天8:00。"
    )
    assert chat.text("@王芳/网格3群: 提醒 今天8:00开会") == (
        "「今天8:00」已经过去了，请写以后的时间，例如：明天8:00。"
    )
    assert chat.text("@王芳/网格3群: 提醒 3号楼井盖").startswith(
        "看不懂提醒时间「3号楼井盖」。可以写：明天9:00、周五下午3点"
    )
    assert chat.text("@王芳/网格3群: 提醒 取消") == (
        "请写明要取消哪一条，例如：提醒 取消 3（发送「提醒 列表」看编号）。"
    )
    assert chat.text("@王芳/网格3群: 提醒 列表") == "本群没有待发的提醒。"


def test_a_group_lists_its_own_reminders_and_never_a_private_one(chat: Conversation) -> None:
    chat.say("@王芳/私聊: 提醒 每天8:00 吃降压药")
    chat.say("@张网格/网格3群: 提醒 每周一 下午3点 请大家清理楼道杂物")
    chat.say("@张网格/网格5群: 提醒 明天10:00 网格5巡查")
    listed = chat.text("@王芳/网格3群: 提醒 列表").splitlines()
    assert listed[0] == "本群的提醒（1条）："
    assert listed[1].endswith(". 每周一 15:00（下次 11月23日 15:00）请大家清理楼道杂物")
    assert "吃降压药" in chat.text("@王芳/私聊: 提醒 列表")
    assert len(chat.text("@张网格/私聊: 提醒 列表").splitlines()) == 4  # both of his, anywhere


def test_the_secretary_may_end_a_group_reminder_someone_else_set(chat: Conversation) -> None:
    weekly = chat.text("@张网格/网格3群: 提醒 每周一 下午3点 请大家清理楼道杂物")
    number = weekly.rsplit(" ", 1)[1].rstrip("」")
    private = chat.text("@王芳/私聊: 提醒 每天8:00 吃降压药").rsplit(" ", 1)[1].rstrip("」")
    chat.say("@赵网格/网格5群: 提醒 明天10:00 网格5巡查")
    listed = chat.text("@李书记/工作群: 提醒 列表 全部").splitlines()
    assert listed[0] == "各群的提醒（2条）："
    assert listed[1] == (
        f"{number}. 每周一 15:00（下次 11月23日 15:00）请大家清理楼道杂物〔网格3群〕"
    )
    assert listed[2].endswith(". 11月24日 10:00 网格5巡查〔网格5群〕")
    assert chat.text("@张网格/网格3群: 提醒 列表 全部").startswith("本群的提醒（1条）")
    assert chat.text(f"@赵网格/网格3群: 提醒 取消 {number}").startswith("没有这条提醒")
    assert chat.text(f"@李书记/私聊: 提醒 取消 {private}").startswith("没有这条提醒")
    assert chat.text(f"@李书记/工作群: 提醒 取消 {number}") == (
        f"已取消重复提醒 {number}（每周一 15:00）：请大家清理楼道杂物"
    )
    assert not any("⏰" in text for _, _, text in only(chat.run_until(at(11, 24, 12)), G3))


def number_in(reply: str) -> str:
    """The number a reminder's confirmation gives for cancelling it."""
    found = re.search(r"提醒 取消 ([0-9]+)」", reply)
    assert found is not None, reply
    return found[1]


def test_a_repeating_group_reminder_moves_to_another_day_and_keeps_its_words(
    chat: Conversation,
) -> None:
    weekly = number_in(chat.text("@张网格/网格3群: 提醒 每周一 下午3点 请大家清理楼道杂物"))
    moved = chat.text(f"@张网格/网格3群: 提醒 修改 {weekly} 每周二 16:00")
    assert moved.startswith(
        f"已修改提醒 {weekly}，现在是：每周二 16:00 提醒：请大家清理楼道杂物（下次 11月24日 16:00"
    )
    listed = chat.text("@张网格/网格3群: 提醒 列表").splitlines()
    assert listed[0] == "本群的提醒（1条）："
    assert listed[1].endswith(". 每周二 16:00（下次 11月24日 16:00）请大家清理楼道杂物")
    fired = only(chat.run_until(at(12, 2, 12)), G3)
    assert [when for when, _, text in fired if "清理楼道" in text] == ["11-24 16:00", "12-01 16:00"]


def test_a_reminder_changed_as_people_say_it_takes_new_words_too(chat: Conversation) -> None:
    once = number_in(chat.text("@王芳/私聊: 提醒 明天9:00 交水费"))
    changed = chat.text(f"@王芳/私聊: 把提醒{once}改成后天10点 交电费")
    assert changed.startswith(f"已修改提醒 {once}，现在是：11月25日 10:00 提醒：交电费（")
    again = number_in(changed)
    # A one-off may become one that repeats; the other keeps its own words.
    daily = chat.text(f"@王芳/私聊: 修改提醒 {again} 每天8点")
    assert daily.startswith(
        f"已修改提醒 {again}，现在是：每天 8:00 提醒：交电费（下次 11月24日 8:00）"
    )
    fired = only(chat.run_until(at(11, 26, 12)), "私聊·王芳")
    assert [(when, text) for when, _, text in fired] == [
        ("11-24 08:00", "⏰ 提醒：交电费"),
        ("11-25 08:00", "⏰ 提醒：交电费"),
        ("11-26 08:00", "⏰ 提醒：交电费"),
    ]


def test_a_reminder_change_that_cannot_be_made_changes_nothing(chat: Conversation) -> None:
    mine = number_in(chat.text("@王芳/网格3群: 提醒 明天9:00 开会"))
    with UnitOfWork(chat.linli.sessions) as uow:
        digest = uow.session.scalar(select(Reminder.id).where(Reminder.kind == "digest_daily"))
    refused = {
        f"@王芳/网格3群: 提醒 修改 {mine}": "请写明要改哪一条、改到什么时间",
        f"@王芳/网格3群: 提醒 修改 {mine} 哈哈": "看不懂提醒时间「哈哈」",
        f"@王芳/网格3群: 提醒 修改 {mine} 8:00": "「8:00」已经过去了",
        # A resident may not make a group's reminder one that repeats.
        f"@王芳/网格3群: 提醒 修改 {mine} 每天8点": "群里的重复提醒只有网格员和书记能设",
        f"@孙大爷/网格3群: 提醒 修改 {mine} 明天10点": "没有这条提醒",
        # The configured digests and events have numbers too, but are not for chat to change.
        f"@李书记/工作群: 提醒 修改 {digest} 明天10点": "没有这条提醒",
        f"@李书记/工作群: 提醒 取消 {digest}": "没有这条提醒",
    }
    for line, start in refused.items():
        assert chat.text(line).startswith(start), line
    assert chat.text("@王芳/网格3群: 提醒 列表").splitlines()[1] == f"{mine}. 11月24日 9:00 开会"
    fired = chat.run_until(at(11, 24, 12))
    assert ("11-24 09:00", G3, "⏰ 提醒：开会") in fired
    assert ("11-24 09:00", WORK, "📋 今日台账（11月24日）：未办结0条，🔴0 🟡0 🟢0") in fired


def test_the_secretary_moves_a_group_reminder_someone_else_set(chat: Conversation) -> None:
    weekly = number_in(chat.text("@张网格/网格3群: 提醒 每周一 下午3点 请大家清理楼道杂物"))
    moved = chat.text(f"@李书记/工作群: 提醒 修改 {weekly} 每周五 下午3点")
    assert moved.startswith(f"已修改提醒 {weekly}，现在是：每周五 15:00 提醒：请大家清理楼道杂物")
    fired = chat.run_until(at(11, 28, 12))
    assert [(when, where) for when, where, text in fired if "清理楼道" in text] == [
        ("11-27 15:00", G3)  # still the group's, not the work group's
    ]


def test_reminders_missed_while_down_go_out_once_as_one_message(chat: Conversation) -> None:
    for hour in (9, 10, 11):
        chat.say(f"@王芳/网格3群: 提醒 {hour}:00 第{hour}点的事")
    chat.clock.set(at(11, 23, 15))  # the bot was down from before 9:00 until 15:00
    messages = chat.linli.scheduler.run_due()
    texts = [m.text for m in messages if getattr(m, "chat", None) and m.chat.ref == G3]  # type: ignore[union-attr]
    assert texts == [
        "（补发）3条提醒：\n⏰ 提醒：第9点的事\n⏰ 提醒：第10点的事\n⏰ 提醒：第11点的事"
    ]
    assert chat.linli.scheduler.run_due() == []


def test_a_group_bound_in_chat_gets_its_digests_from_the_next_morning(chat: Conversation) -> None:
    # Monday 23 November, 08:00: the scheduler was started before this group was bound.
    assert chat.text("@李书记/街道工作群: 绑定 工作群") == "本群已绑定 幸福里社区 · 工作群。"
    fired = only(chat.run_until(at(11, 24, 10)), "街道工作群")
    assert [(when, text.splitlines()[0]) for when, _, text in fired] == [
        ("11-23 09:00", "2条提醒："),  # Monday: the weekly summary and the day's ledger
        ("11-24 09:00", "📋 今日台账（11月24日）：未办结0条，🔴0 🟡0 🟢0"),
    ]
    assert "📊 上周小结" in fired[0][2] and "📋 今日台账（11月23日）" in fired[0][2]


def test_a_group_bound_as_a_grid_gets_the_weekly_points_board(chat: Conversation) -> None:
    chat.say("@李书记/七号楼群: 绑定 网格5")
    chat.say("@王芳/七号楼群: #报事 7号楼电梯坏了")
    chat.say("@李书记/七号楼群: 受理 1")  # 5 points to 王芳 this week
    fired = only(chat.run_until(at(11, 30, 10)), "七号楼群")
    assert fired == [
        (
            "11-30 09:00",
            "七号楼群",
            "🏆 本周积分榜（11月23日—11月29日）：\n1. 王* 5分\n" + POINTS_WEEKLY_FOOT,
        )
    ]


def test_a_work_group_bound_again_as_a_grid_no_longer_gets_digests(chat: Conversation) -> None:
    assert chat.text("@李书记/工作群: 绑定 网格3") == "本群已绑定 幸福里社区 · 网格3。"
    # No digest or monthly report from here on, only what a grid group gets.
    assert only(chat.run_until(at(12, 2, 10)), WORK) == []


def test_a_work_group_that_moved_to_a_new_id_gets_its_digests_there_only(
    chat: Conversation,
) -> None:
    # Someone spoke at the new id before the platform said the group had moved.
    chat.say("@张网格/工作群-新: #报事 路灯坏了")
    assert chat.move(WORK, "工作群-新") == []
    fired = chat.run_until(at(11, 24, 10))
    assert only(fired, WORK) == []
    assert [when for when, _, _ in only(fired, "工作群-新")] == ["11-23 09:00", "11-24 09:00"]


def test_decembers_digests_warn_when_next_years_holidays_are_missing(db_url: str) -> None:
    chat = conversation(db_url, at(11, 30, 8))
    fired = only(chat.run_until(at(12, 1, 10)), WORK)
    assert [when for when, _, _ in fired] == ["11-30 09:00", "12-01 09:00"]
    (_, _, november), (_, _, december) = fired
    assert "法定节假日" not in november
    known = chat.linli.services.calendar.covers(date(2027, 1, 1))
    warned = "⚠️ 还没有2027年的法定节假日安排：跨年的期限无法按工作日计算。" in december
    assert warned is not known
    # Then each Monday (12-07), not every morning (12-02 … 12-08).
    later = [text for _, _, text in only(chat.run_until(at(12, 8, 10)), WORK) if "📋" in text]
    assert [("法定节假日" in text) for text in later] == [False, False, False, not known, False]


def shown_in(messages: list[object], chat_ref: str) -> list[str]:
    return [m.text for m in messages if getattr(m, "chat", None) and m.chat.ref == chat_ref]  # type: ignore[attr-defined]


def test_a_monday_outage_still_sends_the_weeks_summary_and_points_board_late(
    chat: Conversation,
) -> None:
    chat.say("@李书记/七号楼群: 绑定 网格5")
    chat.say("@王芳/七号楼群: #报事 7号楼电梯坏了")
    chat.say("@李书记/七号楼群: 受理 1")  # 5 points to 王芳 this week
    chat.run_until(at(11, 29, 20))  # Sunday evening; then down until Tuesday noon
    chat.clock.set(at(12, 1, 12))
    queued = chat.linli.scheduler.run_due()
    work = shown_in(queued, WORK)
    assert len(work) == 1 and work[0].startswith("（补发）") and "📊 上周小结" in work[0]
    board = shown_in(queued, "七号楼群")
    assert board == [
        "（补发）🏆 本周积分榜（11月23日—11月29日）：\n1. 王* 5分\n" + POINTS_WEEKLY_FOOT
    ]
    # Tuesday's own run is not the week's first working day: no second summary.
    later = [text for _, _, text in chat.run_until(at(12, 2, 10))]
    assert not any("上周小结" in text or "积分榜" in text for text in later)


def test_a_reminder_missed_while_down_and_held_for_the_morning_is_still_marked_late(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: 提醒 17:00 去开会")
    chat.clock.set(at(11, 23, 23))  # down from before 17:00 until 23:00: quiet hours
    assert shown_in(chat.linli.scheduler.run_due(), G3) == []  # waits for the morning
    fired = only(chat.run_until(at(11, 24, 8)), G3)
    assert [(when, text) for when, _, text in fired] == [("11-24 07:30", "（补发）⏰ 提醒：去开会")]


def test_past_the_holiday_calendar_weekends_get_no_digest_and_deadlines_their_yellow(
    db_url: str,
) -> None:
    """2027's holidays are not published yet: Monday to Friday stand in for working days."""
    chat = Conversation(example_settings(db_url), VirtualClock(at(12, 29, 8)))
    try:
        chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
        assigned = chat.say("@李书记/网格3群: 派单 1 @刘物业 2027-01-20")
        assert "期限 2027年1月20日" in assigned[0][1]
        fired = chat.run_until(datetime(2027, 1, 21, 10, tzinfo=SHANGHAI))
        digests = {when[:5] for when, _, text in fired if "今日台账" in text}
        assert {"01-08", "01-11"} <= digests  # a Friday and a Monday
        assert not {"01-09", "01-10"} & digests  # the Saturday and Sunday between
        to_liu = [(when, text[:1]) for when, where, text in fired if where == LIU]
        assert ("01-19 09:00", "🟡") in to_liu, to_liu  # the weekday before the deadline
    finally:
        chat.close()


def test_a_late_command_answers_at_once_and_tells_the_others_in_the_morning(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    chat.say("@李书记/工作群: 派单 1 @刘物业 明天")
    chat.say("@王芳/网格3群: #报事 5号楼配电箱漏电了，有人被电到")  # urgent: #2
    chat.say("@李书记/工作群: 派单 2 @刘物业 明天")
    with UnitOfWork(chat.linli.sessions) as uow:  # what the day's messages left is sent
        for row in uow.outbox.pending(100, ("console",), chat.clock.now()):
            row.sent_at = chat.clock.now()
        uow.commit()
    chat.clock.set(at(11, 23, 23, 30))
    chat.say("@刘物业/私聊: 办结 1 已疏通")
    chat.say("@刘物业/私聊: 进展 2 电工在路上")
    now = chat.sendable()
    assert (
        "私聊·刘物业",
        "#1 已办结：已疏通。请报事人评价：回复「评价 1 1-5分」，或「满意/基本满意/不满意」。",
    ) in now
    assert any(where == "网格3群" and text.startswith("#2 进展") for where, text in now)  # urgent
    assert not any(where == "网格3群" and text.startswith("#1 ") for where, text in now)
    chat.clock.set(at(11, 24, 7, 30))
    assert any(
        where == "网格3群" and text.startswith("#1 已办结") for where, text in chat.sendable()
    )


def test_configured_events_skip_statutory_holidays_but_not_weekends(db_url: str) -> None:
    chat = Conversation(example_settings(db_url), VirtualClock(at(9, 28, 8)))
    try:
        fired = chat.run_until(at(10, 12, 8))
        desks = [when for when, _, text in fired if text.startswith("流动办公桌")]
        meetings = [when for when, _, text in fired if text.startswith("今晚七点居民议事会")]
        assert desks == ["09-29 09:30"]  # Tuesday 6 October, in the 国庆 holiday, is skipped
        assert "10-01 18:00" not in meetings and "10-08 18:00" in meetings  # Thursday 国庆
        jiefang = [when for when, _, text in fired if text.startswith("今天是代表接访日")]
        assert jiefang == ["10-08 09:00"]  # the 8th, a working day (调休), goes ahead
    finally:
        chat.close()


def test_a_reminder_set_for_the_quiet_hours_says_when_it_will_come(chat: Conversation) -> None:
    reply = chat.text("@王芳/私聊: 提醒 明天6:00 赶早班车")
    assert reply.startswith("好的，11月24日 6:00 提醒：赶早班车") and reply.endswith(
        "那时是安静时段，会在 07:30 发出。"
    )
    fired = only(chat.run_until(at(11, 24, 8)), "私聊·王芳")
    assert [(when, text) for when, _, text in fired] == [("11-24 07:30", "⏰ 提醒：赶早班车")]
    assert "安静时段" not in chat.text("@王芳/私聊: 提醒 明天9:00 交物业费")


def test_a_phone_number_the_secretary_wrote_into_an_event_is_shown(db_url: str) -> None:
    settings = example_settings(db_url)
    community = settings.communities[0]
    event = community.events[0].model_copy(update={"text": "今晚议事会，联系电话 13812345678"})
    changed = community.model_copy(update={"events": [event]})
    chat = Conversation(
        settings.model_copy(update={"communities": [changed]}), VirtualClock(at(11, 26, 8))
    )
    try:
        fired = [text for _, _, text in chat.run_until(at(11, 26, 19))]
        assert "今晚议事会，联系电话 13812345678" in fired
    finally:
        chat.close()


def restarted(chat: Conversation, down_until: datetime, session: str) -> Conversation:
    """The bot stopped now and started again at `down_until`, on the same database."""
    chat.close()
    chat.clock.set(down_until)
    return Conversation(chat.settings, chat.clock, session=session)


def test_after_an_outage_a_meetings_reminders_are_dropped_once_it_has_begun(
    chat: Conversation,
) -> None:
    chat.say("@李书记/工作群: 议事 停车难议事会 时间 周六10:00|周日10:00 截止 周二20:00 群 网格3")
    chat.say("@王芳/网格3群: M1 1")
    chat.run_until(at(11, 26, 12))  # the poll closed on Tuesday: Saturday 10:00
    back = restarted(chat, at(11, 28, 12), "r1")  # down over Friday 10:00 and Saturday 09:00
    fired = back.run_until(at(11, 28, 13))
    assert not any("开 M1" in text for _, _, text in fired), fired
    back.close()


def test_a_one_hour_reminder_that_would_wait_for_the_morning_is_not_sent_late(
    chat: Conversation,
) -> None:
    chat.say("@李书记/工作群: 议事 晨练议事会 时间 周五07:00|周六07:00 截止 周三20:00 群 网格3")
    chat.say("@王芳/网格3群: M1 1")
    fired = [f for f in chat.run_until(at(11, 27, 12)) if "开 M1" in f[2]]
    # A day before (Thursday 07:00, inside quiet hours: 07:30); 06:00 would be 07:30, too late.
    assert [(when, text.split("（")[0]) for when, _, text in fired] == [("11-26 07:30", "⏰ 明天")]


def test_a_nudge_missed_until_the_poll_closed_is_dropped_and_a_late_one_says_what_is_left(
    chat: Conversation,
) -> None:
    chat.say("@李书记/工作群: 议事 楼道堆物议事会 时间 周四19:00|周六10:00 截止 周三20:00 群 网格3")
    chat.say("@王芳/网格3群: #报事 3号楼楼道堆满了纸箱")
    chat.say(
        "@李书记/工作群: 议事 纸箱议事会 议题 #1 时间 周五19:00|周六10:00 截止 周三20:00 群 网格3"
    )
    chat.run_until(at(11, 25, 17))
    back = restarted(chat, at(11, 25, 19, 15), "r1")  # down over the 18:00 nudge
    assert [text for _, _, text in back.run_until(at(11, 25, 19, 16)) if "还有" in text] == [
        "（补发）M2 时间投票还有45分钟截止，还没投票的：王*"
    ]
    back.say(
        "@李书记/工作群: 议事 第三次议事会 议题 #1 时间 周五19:00|周六10:00 截止 周四20:00 群 网格3"
    )
    again = restarted(back, at(11, 26, 20, 30), "r2")  # down over 18:00 and the 20:00 close
    fired = again.run_until(at(11, 26, 21))
    assert not any("还有" in text for _, _, text in fired), fired
    assert any("M3" in text and "时间投票截止" in text for _, _, text in fired), fired
    again.close()


def test_a_yellow_reminder_missed_until_the_deadline_is_dropped_for_the_red(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业 2个工作日")  # Wednesday 25th; 🟡 Tuesday 09:00
    back = restarted(chat, at(11, 25, 19), "r1")  # down from Monday until after the deadline
    fired = only(back.run_until(at(11, 25, 20)), LIU)
    assert len(fired) == 1 and "🔴 #1" in fired[0][2] and "🟡" not in fired[0][2], fired
    back.close()


def test_a_configured_event_is_not_sent_on_another_day(chat: Conversation) -> None:
    # 「今晚七点居民议事会」 is due Thursday 18:00 in 网格3群.
    chat.run_until(at(11, 26, 17))
    back = restarted(chat, at(11, 26, 20), "r1")  # back the same evening: sent, marked late
    assert [text for _, _, text in only(back.run_until(at(11, 26, 20, 1)), G3)] == [
        "（补发）今晚七点居民议事会，地点：罐罐茶。欢迎大家参加！"
    ]
    back.run_until(at(12, 3, 17))
    later = restarted(back, at(12, 4, 8), "r2")  # down over the next Thursday 18:00
    assert not any("今晚七点" in text for _, _, text in later.run_until(at(12, 4, 12)))
    later.close()


def test_a_configured_event_more_than_three_hours_late_is_not_sent(chat: Conversation) -> None:
    # 「流动办公桌今天上午…」 is due Tuesday 09:30 in 网格3群.
    chat.run_until(at(11, 24, 9))
    back = restarted(chat, at(11, 24, 20), "r1")  # the same day, but the morning is over
    assert not any("流动办公桌" in text for _, _, text in back.run_until(at(11, 24, 21)))
    back.close()


def test_after_a_weekend_outage_the_daily_digest_comes_once_at_nine(chat: Conversation) -> None:
    chat.run_until(at(11, 27, 8))
    back = restarted(chat, at(11, 30, 8), "r1")  # down from Friday 08:00 to Monday 08:00
    fired = only(back.run_until(at(11, 30, 10)), WORK)
    assert [when for when, _, _ in fired] == ["11-30 09:00"]
    assert "📋 今日台账（11月30日）" in fired[0][2] and "（补发）" not in fired[0][2]
    back.close()


def test_an_outage_from_thursday_to_monday_still_sends_the_weekly_summary(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.run_until(at(11, 26, 17))
    back = restarted(chat, at(11, 30, 10), "r1")
    work = shown_in(back.linli.scheduler.run_due(), WORK)
    assert len(work) == 1 and "📊 上周小结（11月23日—11月29日）：收集诉求1条" in work[0], work
    back.close()


def test_the_weekly_summary_counts_last_monday_to_sunday(chat: Conversation) -> None:
    # Filed on Monday 23 November at 08:01: this week, not last week.
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    first = [t for _, _, t in only(chat.run_until(at(11, 23, 10)), WORK) if "上周小结" in t]
    assert len(first) == 1 and "上周小结（11月16日—11月22日）：收集诉求0条" in first[0]
    chat.say("@王芳/网格3群: #报事 5号楼路灯不亮了")
    second = [t for _, _, t in only(chat.run_until(at(11, 30, 10)), WORK) if "上周小结" in t]
    assert len(second) == 1 and "上周小结（11月23日—11月29日）：收集诉求2条" in second[0]


def test_an_urgent_issues_follow_up_waits_for_the_morning(chat: Conversation) -> None:
    chat.clock.set(at(11, 23, 22, 40))
    chat.say("@孙大爷/网格3群: #报事 4号楼楼道里有很重的煤气味")
    chat.say("@张网格/网格3群: 办结 1 燃气公司已关阀检修")
    fired = only(chat.run_until(at(12, 1, 9)), G3)
    assert [when for when, _, text in fired if "还没收到您的评价" in text] == ["11-27 07:30"]
    assert [when for when, _, text in fired if "默认满意" in text] == ["12-01 07:30"]


def test_the_follow_up_is_answered_the_way_people_talk(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 办结 1 已疏通")
    assert chat.say("@王芳/网格3群: 很满意，谢谢！") == [(G3, "#1 已销号，评价5分，感谢反馈。")]
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯不亮了")
    chat.say("@张网格/网格3群: 办结 2 已换灯泡")
    # 「还行」 is everyday talk in a group: hours after the 办结, not taken for a rating there …
    chat.clock.advance(timedelta(hours=3))
    assert chat.say("@王芳/网格3群: 还行") == []
    assert chat.say("@王芳/网格3群: 五分") == [(G3, "#2 已销号，评价5分，感谢反馈。")]
    chat.say("@王芳/私聊: #报事 7号楼电梯坏了")
    chat.say("@李书记/工作群: 办结 3 已修复")
    # … but privately, where she is answering the bot, it is a 3; in the group too when she
    # answers the bot's ask by quoting it, or calls it by name.
    assert chat.say("@王芳/私聊: 还行") == [("私聊·王芳", "#3 已销号，评价3分，感谢反馈。")]
    chat.say("@王芳/网格3群: #报事 4号楼门口路灯不亮")
    [(_, asked)] = chat.say("@张网格/网格3群: 办结 4 已换灯泡")
    bot = PersonRef("console", "邻里", "邻里")
    said = chat.adapter.message("王芳", G3, "还行吧")
    answered = chat.deliver(replace(said, reply_to=QuotedMessage("b1", bot, asked)))
    assert answered == [(G3, "#4 已销号，评价3分，感谢反馈。")]
    chat.say("@王芳/网格3群: #报事 2号楼门口垃圾桶坏了")
    chat.say("@张网格/网格3群: 办结 5 已换灯泡")
    assert chat.say("@王芳/网格3群: @邻里 一般般") == [(G3, "#5 已销号，评价3分，感谢反馈。")]
    # … and just after the 办结 asked for it, by its reporter there (it was chat).
    chat.say("@王芳/网格3群: #报事 2号楼楼道扶手松了")
    chat.say("@张网格/网格3群: 办结 6 已加固")
    assert chat.say("@孙大爷/网格3群: 还可以吧") == []  # not his
    assert chat.say("@王芳/网格3群: 还可以吧，就是慢了点") == [
        (G3, "#6 已销号，评价3分，感谢反馈。")
    ]
    assert "慢了点" in chat.text("@李书记/工作群: 查看 6")


def test_thanks_for_the_work_done_are_asked_once_for_the_rating(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 办结 1 已疏通")
    # 「修好了，谢谢张网格」 names nothing fixed: the thanks (it was silence).
    assert chat.say("@王芳/网格3群: 修好了，谢谢张网格") == [
        (G3, "不客气！#1 已办结，请您评价：回复「满意」「基本满意」或「不满意」。")
    ]
    assert chat.say("@王芳/网格3群: 好的谢谢") == []  # asked once
    assert chat.say("@孙大爷/网格3群: 谢谢") == []  # nothing of his to rate
    assert "王* 报事人致谢：修好了，谢谢张网格" in chat.text("@李书记/工作群: 查看 1")
    assert chat.say("@王芳/网格3群: 满意") == [(G3, "#1 已销号，评价5分，感谢反馈。")]
    # Privately the same, then thanks answered as thanks; pleased in everyday words, a rating.
    chat.say("@王芳/私聊: #报事 7号楼电梯坏了")
    chat.say("@李书记/工作群: 办结 2 已修复")
    assert chat.text("@王芳/私聊: 辛苦了") == (
        "不客气！#2 已办结，请您评价：回复「满意」「基本满意」或「不满意」。"
    )
    assert chat.text("@王芳/私聊: 谢谢") == "不客气！有问题随时找我。"
    assert chat.say("@王芳/私聊: 挺好的，谢谢你们") == [
        ("私聊·王芳", "#2 已销号，评价4分，感谢反馈。")
    ]
    assert chat.text("@王芳/私聊: 挺好的").startswith("您好，我是邻里。")  # nothing to rate


def test_a_verdict_said_with_its_reason_counts_and_keeps_the_reason(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 办结 1 已疏通")
    replies = chat.say("@王芳/网格3群: 不满意，没修好，还是堵的")
    assert replies[0] == (G3, "#1 评价1分，已重开，期限 11月26日。")
    assert (WORK, "#1 王*评价1分（没修好，还是堵的），已重开，请跟进。") in replies
    chat.say("@张网格/网格3群: 办结 1 换了主管道")
    assert chat.say("@王芳/网格3群: 这次修好了，挺满意的😊") == [
        (G3, "#1 已销号，评价5分，感谢反馈。")
    ]
    assert "评价（已办结→已销号）：5分 这次修好了" in chat.text("@李书记/工作群: 查看 1")
    # A long group message that happens to end in 满意 is chatter.
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯不亮了")
    chat.say("@张网格/网格3群: 办结 2 已换灯泡")
    long = "今天去菜市场买了好多菜，排骨新鲜，鱼也不贵，老板还送了葱，回来做了一桌子菜，家里人都说好吃，我自己也满意"
    assert chat.say(f"@王芳/网格3群: {long}") == []


def test_group_chat_that_sounds_like_a_rating_leaves_the_issue_waiting(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 办结 1 已疏通")
    for chatter in ("昨天那场戏，挺满意的", "给3", "打1", "5"):
        assert chat.say(f"@王芳/网格3群: {chatter}") == [], chatter
    assert "已办结" in chat.text("@李书记/工作群: 查看 1").splitlines()[0]
    assert chat.say("@王芳/网格3群: 打4分") == [(G3, "#1 已销号，评价4分，感谢反馈。")]


def test_saying_the_work_did_not_fix_it_reopens_the_issue(chat: Conversation) -> None:
    chat.say("@王芳/私聊: 3号楼2单元楼道灯坏了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业 3天")
    chat.say("@刘物业/私聊: 办结 1 换了新灯泡")
    replies = chat.say("@王芳/私聊: 灯还是不亮")
    reopened = "#1 已重开：灯还是不亮，期限 11月24日。"  # lighting: 1 working day again
    assert replies[0] == ("私聊·王芳", reopened)
    assert ("私聊·刘物业", reopened) in replies and (WORK, reopened) in replies
    assert len(issues_filed(chat)) == 1  # not a new report of 「灯还是不亮」
    # In a group, short words from the reporter of the issue resolved there.
    chat.say("@孙大爷/网格3群: #报事 3号楼门口下水道堵了")
    chat.say("@张网格/网格3群: 办结 2 已疏通")
    assert chat.say("@赵网格/网格3群: 还是堵的") == []  # not his
    assert chat.say("@孙大爷/网格3群: 我还是不去了") == []  # not about the work
    assert chat.say("@孙大爷/网格3群: 还是堵的")[0] == (G3, "#2 已重开：还是堵的，期限 11月26日。")


def test_denying_the_work_was_done_or_done_well_reopens_it(chat: Conversation) -> None:
    """「根本没清，骗人的」 and 「灯是亮了，但是那个开关还是不太灵」 after 已办结 met silence."""
    chat.say("@孙大爷/网格5群: @邻里 5号楼垃圾桶满了没人清")
    chat.say("@李书记/工作群: 派单 1 刘物业")
    chat.say("@刘物业/私聊: 办结 1 已清理")
    said = chat.say("@孙大爷/网格5群: 根本没清，骗人的")
    assert said[0] == ("网格5群", "#1 已重开：根本没清，骗人的，期限 11月24日。")
    chat.say("@王芳/网格3群: @邻里 3号楼2单元楼道灯坏了")
    chat.say("@李书记/工作群: 派单 2 刘物业")
    chat.say("@刘物业/私聊: 办结 2 已更换灯泡")
    said = chat.say("@王芳/网格3群: 灯是亮了，但是那个开关还是不太灵")
    assert said[0][1].startswith("#2 已重开：灯是亮了，但是那个开关还是不太灵")


def test_not_fixed_with_two_issues_resolved_asks_which(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯不亮了")
    chat.say("@张网格/网格3群: 办结 1 已疏通")
    chat.say("@张网格/网格3群: 办结 2 已换灯泡")
    assert chat.text("@王芳/网格3群: 还没修好") == (
        "您有几件已办结的事项（#1、#2），是哪一件没修好？请发送「重开 编号 还没修好」，"
        "例如：重开 1 还没修好"
    )
    assert all("已办结" in chat.text(f"@李书记/工作群: 查看 {n}") for n in (1, 2))
    # Nothing of hers resolved: words that read so are chat, or privately a report.
    assert chat.say("@孙大爷/网格3群: 还是堵的") == []


def test_a_report_that_ends_in_a_verdict_is_still_a_report(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 办结 1 已疏通")  # #1 awaits her rating
    assert chat.text("@王芳/网格3群: #报事 5号楼路灯又坏了，很不满意").startswith("已登记 #2")
    filed = chat.say("@孙大爷/私聊: 7号楼楼道里堆满了杂物，物业也不管，很不满意")
    assert filed[0][1].startswith("已登记 #3")
    assert "已办结" in chat.text("@李书记/工作群: 查看 1").splitlines()[0]


def test_a_configured_event_in_quiet_hours_comes_at_its_own_time(db_url: str) -> None:
    settings = example_settings(db_url)
    community = settings.communities[0]
    late = community.events[0].model_copy(update={"cron": "30 22 * * thu"})
    settings = settings.model_copy(
        update={"communities": [community.model_copy(update={"events": [late]})]}
    )
    chat = Conversation(settings, VirtualClock(at(11, 23, 8)))
    try:
        fired = [f for f in chat.run_until(at(11, 27, 9)) if "今晚七点" in f[2]]
        assert [(when, where) for when, where, _ in fired] == [
            ("11-26 22:30", "网格3群"),
            ("11-26 22:30", "网格5群"),
        ]
    finally:
        chat.close()


def test_a_late_meeting_reminder_says_the_time_really_left(chat: Conversation) -> None:
    # A 08:00 meeting: its 07:00 reminder waits for the end of quiet hours, 07:30.
    chat.say("@李书记/工作群: 议事 晨会 时间 周五08:00|周六08:00 截止 周三20:00 群 网格3")
    chat.say("@王芳/网格3群: M1 1")
    fired = [(when, text) for when, _, text in chat.run_until(at(11, 27, 9)) if "开 M1" in text]
    assert fired[-1][0] == "11-27 07:30" and fired[-1][1].startswith("⏰ 30分钟后（"), fired


def test_a_reminder_already_sent_is_not_sent_again_after_the_next_change(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业 明天")  # Tuesday 18:00
    red = [f for f in chat.run_until(at(11, 24, 19)) if f[2].startswith("🔴")]
    assert [(when, where) for when, where, _ in red] == [
        ("11-24 18:00", LIU),
        ("11-24 18:00", WORK),
    ]
    chat.say("@刘物业/私聊: 进展 1 明天处理")
    chat.say("@王芳/网格3群: 关注 1")
    assert chat.run_until(at(11, 24, 21)) == []  # not again, 「（补发）」
    chat.say("@刘物业/私聊: 办结 1 已疏通")
    asked = chat.run_until(at(11, 28, 12))  # the reminder to rate, three days on
    assert [where for _, where, text in asked if "还没收到您的评价" in text] == [G3], asked
    chat.say("@孙大爷/网格3群: 关注 1")
    back = restarted(chat, at(11, 28, 13), "r1")
    back.say("@孙大爷/网格3群: 关注 1")
    assert not any("评价" in text for _, _, text in back.run_until(at(11, 28, 20)))
    back.close()


def _red_sent_then_downgraded(chat: Conversation) -> Engine:
    """#1's 🔴 sent at 19:00 on 24 Nov, then the database taken back to revision 0015, from
    before reminder keys were written in UTC."""

    from storage.migrate import downgrade

    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业 明天")
    chat.run_until(at(11, 24, 19))
    engine = chat.linli.engine
    downgrade(engine, "0015")
    return engine


def _reminders_of_0015() -> Select[tuple[Reminder]]:
    """Reminders as revision 0015 stores them: without the columns added since."""
    return select(Reminder).options(defer(Reminder.repeat, raiseload=True))


def test_reminder_keys_written_in_local_time_are_read_after_the_upgrade(
    chat: Conversation,
) -> None:
    """A database from before keys were written in UTC: the 🔴 already sent, under a key in
    Asia/Shanghai time, is still recognised and not sent again."""
    from storage.migrate import upgrade

    engine = _red_sent_then_downgraded(chat)
    with UnitOfWork(chat.linli.sessions) as uow:
        sent = uow.session.scalars(_reminders_of_0015().where(Reminder.status == "sent")).all()
        for reminder in sent:
            reminder.key = reminder.key.replace("T10:00:00+00:00", "T18:00:00+08:00")
        assert any(r.key.endswith("+08:00") for r in sent)
        uow.commit()
    upgrade(engine)
    chat.say("@刘物业/私聊: 进展 1 明天处理")
    assert chat.run_until(at(11, 24, 21)) == []


def test_a_reminder_sent_under_its_old_key_is_not_sent_again_by_its_twin(
    chat: Conversation,
) -> None:
    """A database holding both spellings of one key: the 🔴 sent under the key in Asia/Shanghai
    time, and its twin in UTC, written by a later change and still pending. After the upgrade
    the twin is not sent (补发)."""
    from storage.migrate import upgrade

    engine = _red_sent_then_downgraded(chat)
    with UnitOfWork(chat.linli.sessions) as uow:
        sent = uow.session.scalars(_reminders_of_0015().where(Reminder.status == "sent")).all()
        twins = []
        for reminder in sent:
            if not reminder.key.endswith("T10:00:00+00:00"):
                continue
            twins.append(
                {
                    "community_id": reminder.community_id,
                    "kind": reminder.kind,
                    "key": reminder.key,
                    "due_at": reminder.due_at,
                    "issue_id": reminder.issue_id,
                    "chat_id": reminder.chat_id,
                    "person_id": reminder.person_id,
                    "text": reminder.text,
                    "urgent": False,
                    "missed": False,
                    "status": "pending",
                }
            )
            reminder.key = reminder.key.replace("T10:00:00+00:00", "T18:00:00+08:00")
        assert twins
        uow.session.flush()
        uow.session.execute(Reminder.__table__.insert(), twins)  # the columns 0015 has
        uow.commit()
    upgrade(engine)
    assert chat.run_until(at(11, 24, 21)) == []
    with UnitOfWork(chat.linli.sessions) as uow:
        keys = [twin["key"] for twin in twins]
        left = uow.session.scalars(select(Reminder.status).where(Reminder.key.in_(keys))).all()
        assert set(left) == {"cancelled"}


def test_the_daily_digest_counts_the_issues_waiting_for_a_follow_up_call(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@张网格/网格3群: 办结 1 换了灯泡")
    fired = chat.run_until(at(11, 24, 12))
    assert (
        "11-24 09:00",
        WORK,
        "📋 今日台账（11月24日）：未办结0条，🔴0 🟡0 🟢0\n"
        "📞 待回访1条（已办结、报事人未评价）：发送「台账 待回访」查看。",
    ) in fired
    chat.say("@王芳/网格3群: 满意")
    fired = chat.run_until(at(11, 25, 12))
    assert ("11-25 09:00", WORK, "📋 今日台账（11月25日）：未办结0条，🔴0 🟡0 🟢0") in fired


def test_the_daily_digest_counts_what_falls_due_today(chat: Conversation) -> None:
    """Lighting is due the next working day: Tuesday's digest says one falls due that day, as
    「台账 今天到期」 lists it; Monday's had none (a 12345 order's time limit counts too)."""
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@王芳/网格3群: #报事 5号楼门口井盖松了")
    chat.say("@李书记/私聊: 12345工单2026112300017：7号楼垃圾没人清，限11月24日前办结")
    fired = [text for _, where, text in chat.run_until(at(11, 24, 12)) if where == WORK]
    monday = next(text for text in fired if "📋 今日台账（11月23日）" in text)
    assert "今天到期" not in monday
    tuesday = next(text for text in fired if text.startswith("📋 今日台账（11月24日）"))
    assert tuesday.splitlines()[1] == "⏰ 今天到期2条：发送「台账 今天到期」查看。"
    assert len(chat.text("@李书记/工作群: 台账 今天到期").splitlines()) == 3


def test_the_daily_digest_with_overdue_issues_says_how_to_urge_them_all(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")  # due Tuesday the 24th
    chat.say("@张网格/网格3群: 派单 1 物业")
    fired = [text for when, where, text in chat.run_until(at(11, 25, 12)) if where == WORK]
    tuesday = next(text for text in fired if text.startswith("📋 今日台账（11月24日）"))
    assert "催办 超期" not in tuesday  # none overdue yet
    wednesday = next(text for text in fired if text.startswith("📋 今日台账（11月25日）"))
    assert wednesday.splitlines()[1].startswith("🔴 #1【照明路灯】")
    assert wednesday.splitlines()[2] == "要一次催办超期的，发送「催办 超期」。"


def test_the_one_reminder_of_a_day_is_cancelled_by_its_day(chat: Conversation) -> None:
    number = chat.text("@李书记/私聊: 明天上午9点提醒我开会").rsplit(" ", 1)[1].rstrip("」）")
    chat.say("@李书记/私聊: 后天提醒我给王大爷回电话")
    assert chat.text("@李书记/私聊: 明天的提醒取消") == f"已取消提醒 {number}：开会"
    assert chat.text("@李书记/私聊: 提醒 列表").splitlines()[1].endswith("给王大爷回电话")
