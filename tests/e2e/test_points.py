"""Points (积分, chat-protocol §8), as the people in chat see them.

The cast, from config.example.yaml: 王芳 reports in 网格3群; 孙大爷 and 赵阿姨 are neighbours;
张网格 is the grid worker; 李书记 the secretary. The week starts Monday 23 November 2026.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.clock import VirtualClock
from storage.models import AuditEntry, PointEntry
from storage.uow import UnitOfWork
from tests.support.conversation import Conversation, example_settings

G3, G5, WORK, RESIDENTS = "网格3群", "网格5群", "工作群", "幸福里居民群"
SEWER = "@王芳/网格3群: #报事 3号楼2单元门口下水道堵了，污水漫到路上"
SEWER_AGAIN = "@孙大爷/网格5群: #报事 3号楼2单元下水道又冒水了，请尽快处理"
SHANGHAI = ZoneInfo("Asia/Shanghai")
NONE_YET = "您在幸福里社区还没有积分。报事被受理 +5，确认他人反映的问题 +2，办结后发核实照片 +3。"


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def test_an_accepted_report_earns_five_points(chat: Conversation) -> None:
    chat.say(SEWER)
    assert chat.text("@王芳/网格3群: 积分") == NONE_YET  # filed is not yet accepted
    chat.say("@张网格/网格3群: 受理 1 复杂")
    assert chat.text("@王芳/网格3群: 积分") == (
        "您在幸福里社区的积分：5分。本周得5分，积分榜第1名。\n最近变动：\n11月23日 +5 #1 报事被受理"
    )
    # Accepting again is refused by the ledger and earns nothing; privately it reads the same.
    chat.say("@张网格/网格3群: 受理 1 复杂")
    assert chat.text("@王芳/私聊: /points").startswith("您在幸福里社区的积分：5分。")


def test_a_report_taken_up_without_acceptance_earns_its_five_points_too(
    chat: Conversation,
) -> None:
    chat.say(SEWER)
    chat.say("@王芳/网格3群: #报事 4号楼楼道灯坏了")
    chat.say("@王芳/网格3群: #报事 1号楼门口井盖松了")
    chat.say("@张网格/网格3群: 派单 1 物业 明天")
    chat.say("@张网格/网格3群: 办结 2 已换灯泡")
    chat.say("@张网格/网格3群: 上报 3 住建局")
    assert chat.text("@王芳/网格3群: 积分").startswith("您在幸福里社区的积分：15分。")


def test_a_rejected_report_earns_nothing_and_an_accepted_one_gives_its_points_back(
    chat: Conversation,
) -> None:
    chat.say(SEWER)
    chat.say("@李书记/工作群: 退回 1 属于市政管网")
    assert chat.text("@王芳/网格3群: 积分") == NONE_YET

    chat.say("@王芳/网格3群: #报事 3号楼楼道灯不亮了")
    assert chat.say("@张网格/网格3群: 受理 2 简单")[0][1].startswith("#2 已受理")
    chat.say("@李书记/工作群: 退回 2 已由物业报修")
    assert chat.text("@王芳/网格3群: 积分") == (
        "您在幸福里社区的积分：0分。本周还没上榜。\n最近变动：\n"
        "11月23日 -5 #2 诉求被退回，收回\n11月23日 +5 #2 报事被受理"
    )


def test_a_neighbours_duplicate_earns_two_points_once(chat: Conversation) -> None:
    chat.say(SEWER)
    duplicate = [(G5, "与 #1 可能是同一问题，已为您关注 #1；如果不是，请回复「新建」。")]
    assert chat.say(SEWER_AGAIN) == duplicate
    assert chat.text("@孙大爷/网格5群: 积分") == (
        "您在幸福里社区的积分：2分。本周得2分，积分榜第1名。\n最近变动：\n11月23日 +2 #1 确认同一问题"
    )
    # The same neighbour again (told it is theirs to follow, their words kept, counted once),
    # and the reporter repeating herself: nothing more.
    assert chat.say(SEWER_AGAIN) == [
        (G5, "您关注的 #1 正在处理（待受理），已记下您的补充；如果是另一个问题，请回复「新建」。")
    ]
    assert chat.text("@孙大爷/网格5群: 积分").startswith("您在幸福里社区的积分：2分。")
    assert chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道还是堵着")[0][1].startswith(
        "您反映过的 #1 正在处理"
    )
    assert chat.text("@王芳/网格3群: 积分") == NONE_YET


def test_saying_a_duplicate_was_new_gives_the_two_points_back_for_good(
    chat: Conversation,
) -> None:
    chat.say(SEWER)
    chat.say(SEWER_AGAIN)
    assert chat.say("@孙大爷/网格5群: 新建")[0][1].startswith("已登记 #2")
    assert chat.text("@孙大爷/网格5群: 积分").startswith("您在幸福里社区的积分：0分。")
    chat.say("@孙大爷/网格5群: #报事 3号楼2单元门口下水道冒水，污水漫到路上")
    assert chat.text("@孙大爷/网格5群: 积分").startswith("您在幸福里社区的积分：0分。")


def test_a_rejected_issue_takes_back_what_its_duplicates_earned_once(chat: Conversation) -> None:
    chat.say(SEWER)
    chat.say(SEWER_AGAIN)  # 孙大爷 +2
    said = chat.say("@赵阿姨/网格3群: #报事 3号楼2单元门口下水道又堵了")
    assert said[0][1].startswith("与 #1 可能是同一问题"), said
    chat.say("@赵阿姨/网格3群: 新建")  # hers was another problem: her +2 is back already
    chat.say("@李书记/工作群: 退回 1 属于市政管网")
    assert chat.text("@孙大爷/网格5群: 积分") == (
        "您在幸福里社区的积分：0分。本周还没上榜。\n最近变动：\n"
        "11月23日 -2 #1 诉求被退回，收回\n11月23日 +2 #1 确认同一问题"
    )
    assert chat.text("@赵阿姨/网格3群: 积分").startswith("您在幸福里社区的积分：0分。")


def test_a_verification_photo_of_a_resolved_issue_earns_three_points(chat: Conversation) -> None:
    chat.say(SEWER)
    # Before it is resolved, a late photo is nobody's business.
    chat.run_until(at(11, 23, 9))
    assert chat.say("@王芳/网格3群: [图片:早了.jpg]") == []
    chat.say("@张网格/网格3群: 受理 1 简单")
    chat.say("@张网格/网格3群: 办结 1 已疏通")
    assert chat.say("@王芳/网格3群: [图片:疏通后.jpg]") == [
        (G3, "已把1张照片附到 #1，作为办结核实，积分 +3。")
    ]
    assert chat.say("@王芳/网格3群: [图片:又一张.jpg]") == [(G3, "已把1张照片附到 #1。")]
    # Someone who neither reported nor follows it is left alone.
    assert chat.say("@赵阿姨/网格3群: [图片:别的.jpg]") == []
    assert chat.text("@王芳/网格3群: 积分") == (
        "您在幸福里社区的积分：8分。本周得8分，积分榜第1名。\n最近变动：\n"
        "11月23日 +3 #1 办结核实照片\n11月23日 +5 #1 报事被受理"
    )


def test_the_secretary_redeems_points_and_it_is_audited(chat: Conversation) -> None:
    chat.say(SEWER)
    chat.say("@张网格/网格3群: 受理 1 复杂")
    assert chat.text("@王芳/网格3群: 兑换 @王芳 5 洗衣液") == "只有书记可以兑换积分。"
    assert chat.text("@李书记/工作群: 兑换 @王芳 6 洗衣液") == "王*现有5分，不够兑换6分。"
    usage = (
        "用法：/redeem @人 分数 说明（或「兑换 @人 分数 说明」），例如：兑换 @王芳 10 洗衣液一瓶"
    )
    assert chat.text("@李书记/工作群: 兑换 @王芳 五 洗衣液") == usage
    assert chat.text("@李书记/工作群: 兑换 @王芳 3") == usage
    assert chat.text("@李书记/工作群: 兑换 @王芳 0 洗衣液") == usage
    assert chat.text("@李书记/工作群: 兑换 @王芳 3 洗衣液一瓶") == (
        "已为王*兑换3分（洗衣液一瓶），剩余2分。"
    )
    # Named without @: found among people with points.
    assert chat.text("@李书记/工作群: /redeem 王芳 2分 抽纸") == "已为王*兑换2分（抽纸），剩余0分。"
    assert chat.text("@王芳/网格3群: 积分") == (
        "您在幸福里社区的积分：0分。本周得5分，积分榜第1名。\n最近变动：\n"
        "11月23日 -2 兑换：抽纸\n11月23日 -3 兑换：洗衣液一瓶\n11月23日 +5 #1 报事被受理"
    )
    with UnitOfWork(chat.linli.sessions) as uow:
        audit = [
            (entry.action, entry.note)
            for entry in uow.session.scalars(select(AuditEntry).order_by(AuditEntry.id))
            if "redeem" in entry.action
        ]
        changes = list(uow.session.scalars(select(PointEntry.delta).order_by(PointEntry.id)))
    assert audit == [
        ("refused:redeem", "只有书记可以兑换积分。"),
        ("redeem", "王芳 -3分：洗衣液一瓶"),
        ("redeem", "王芳 -2分：抽纸"),
    ]
    assert changes == [5, -3, -2]  # refused and malformed attempts changed nothing


def test_points_spent_or_given_said_in_words(chat: Conversation) -> None:
    """「王芳兑换了一袋洗衣粉，扣5分」 met silence: the 兑换 it tells of; 「给王芳加10分」 is told
    how points come (they are earned, never given by hand)."""
    chat.say(SEWER)
    chat.say("@张网格/网格3群: 受理 1 复杂")
    assert chat.text("@李书记/工作群: 王芳兑换了一袋洗衣粉，扣3分") == (
        "已为王*兑换3分（一袋洗衣粉），剩余2分。"
    )
    assert chat.text("@李书记/私聊: 给王芳扣2分，换了抽纸") == "已为王*兑换2分（抽纸），剩余0分。"
    given = chat.text("@李书记/工作群: 给王芳加10分，参加志愿活动")
    assert given.startswith(
        "积分由报事自动累计（受理 +5、确认邻居反映 +2、核实照片 +3），不能手动加分。"
    )
    assert chat.text("@王芳/私聊: 积分").startswith("您在幸福里社区的积分：0分。")
    # A resident saying the same among neighbours is talk.
    assert chat.say("@王芳/网格3群: 我兑换了洗衣粉，扣了10分") == []
    # Asked why there are none: the balance, and how they are earned.
    assert chat.text("@孙大爷/私聊: 我怎么没有积分") == chat.text("@孙大爷/私聊: 积分")


def _three_earners(chat: Conversation) -> None:
    chat.say(SEWER)  # #1 王芳
    chat.say(SEWER_AGAIN)  # 孙大爷 +2
    chat.say("@赵阿姨/网格5群: #报事 6号楼门口路灯坏了")  # #2
    chat.say("@张网格/网格3群: 受理 1 复杂")  # 王芳 +5
    chat.say("@赵网格/网格5群: 受理 2 简单")  # 赵阿姨 +5
    chat.say("@张网格/网格3群: 办结 1 已疏通")
    chat.say("@王芳/网格3群: [图片:疏通后.jpg]")  # 王芳 +3


@pytest.mark.parametrize("asked", ["我排第几", "我的排名", "我的积分排第几？", "我这周排第几名"])
def test_ones_place_on_this_weeks_board_is_said_with_the_balance(
    chat: Conversation, asked: str
) -> None:
    _three_earners(chat)
    assert chat.text(f"@孙大爷/私聊: {asked}").startswith(
        "您在幸福里社区的积分：2分。本周得2分，积分榜第3名。\n最近变动："
    )
    # A week later the points are kept; the new week's board has not got them.
    chat.clock.advance(timedelta(days=7))
    assert chat.text(f"@孙大爷/网格5群: {asked}").startswith(
        "您在幸福里社区的积分：2分。本周还没上榜。\n"
    )
    assert chat.say("@孙大爷/网格5群: 我们排第几") == []  # not one's own: chat


def test_the_leaderboard_ranks_this_weeks_points_with_names_masked(chat: Conversation) -> None:
    assert chat.text("@王芳/网格3群: 积分榜") == "本周还没有人获得积分。"
    _three_earners(chat)
    board = "🏆 本周积分榜（11月23日起）：\n1. 王* 8分\n2. 赵*姨 5分\n3. 孙*爷 2分"
    assert chat.text("@孙大爷/网格5群: 积分榜") == board
    assert chat.text("@孙大爷/网格5群: /points 榜") == board
    assert chat.text("@孙大爷/网格5群: 积分 榜") == board
    # Redeeming is spending, not a lower score on the board.
    chat.say("@李书记/工作群: 兑换 @王芳 8 电影票")
    assert chat.text("@孙大爷/网格5群: 积分榜") == board
    assert chat.text("@孙大爷/网格5群: 积分 明细").startswith("用法：/points [榜 [本月/今年]]")


def test_the_years_first_monday_brings_the_year_gones_board(db_url: str) -> None:
    chat = Conversation(example_settings(db_url), VirtualClock(at(11, 23, 8)))
    _three_earners(chat)
    fired = chat.run_until(datetime(2027, 1, 5, 10, tzinfo=SHANGHAI))
    years = [(when, where, text) for when, where, text in fired if "年积分榜" in text]
    text = (
        "🏆 2026年积分榜（全年）：\n1. 王* 8分\n2. 赵*姨 5分\n3. 孙*爷 2分\n"
        "感谢大家一年来参与社区治理！新的一年，有事请继续在群里 #报事。"
    )
    assert years == [("01-04 09:00", G3, text), ("01-04 09:00", G5, text)]
    chat.close()


def test_the_leaderboard_of_a_month_or_the_year(db_url: str) -> None:
    """The year's board gives the year-end 积分之星: what each earned over the weeks."""
    chat = Conversation(example_settings(db_url), VirtualClock(at(11, 23, 8)))
    _three_earners(chat)  # the week of 23 November
    chat.run_until(at(12, 1, 10))
    assert chat.text("@孙大爷/网格5群: #报事 7号楼楼顶漏水了").startswith("已登记 #3")
    chat.say("@赵网格/网格5群: 受理 3 简单")  # 孙大爷 +5 in December
    year = "🏆 今年积分榜：\n1. 王* 8分\n2. 孙*爷 7分\n3. 赵*姨 5分"
    assert chat.text("@李书记/工作群: 积分榜 今年") == year
    for said in ("今年积分榜", "年度积分排名", "今年谁的积分最多"):
        assert chat.text(f"@孙大爷/网格5群: {said}") == year, said
    assert chat.text("@孙大爷/网格5群: 积分 榜 2026年") == year.replace("今年", "2026年")
    assert chat.text("@孙大爷/网格5群: 本月积分榜") == "🏆 本月积分榜：\n1. 孙*爷 5分"
    november = "🏆 11月积分榜：\n1. 王* 8分\n2. 赵*姨 5分\n3. 孙*爷 2分"
    assert chat.text("@孙大爷/网格5群: 积分榜 上月") == november
    assert chat.text("@孙大爷/网格5群: 积分 榜 11月1日 到 11月30日") == november.replace(
        "11月积分榜", "11月1日至11月30日积分榜"
    )
    assert chat.text("@孙大爷/网格5群: 去年积分榜") == "去年还没有人获得积分。"
    assert chat.text("@孙大爷/网格5群: 积分榜 火星").startswith("用法：/points")
    chat.close()


def test_the_monday_leaderboard_goes_to_grid_groups_once(db_url: str) -> None:
    chat = Conversation(example_settings(db_url), VirtualClock(at(11, 23, 8)))
    _three_earners(chat)
    fired = chat.run_until(at(11, 30, 10))
    boards = [(when, where, text) for when, where, text in fired if "积分榜" in text]
    text = (
        "🏆 本周积分榜（11月23日—11月29日）：\n1. 王* 8分\n2. 赵*姨 5分\n3. 孙*爷 2分\n"
        "感谢大家参与社区治理！发送「积分」查看自己的积分。"
    )
    assert boards == [("11-30 09:00", G3, text), ("11-30 09:00", G5, text)]
    chat.close()

    # After a restart: not again that week, and a week without points posts nothing.
    again = Conversation(example_settings(db_url), VirtualClock(at(11, 30, 10)), session="u")
    fired = again.run_until(at(12, 8, 10))
    assert [f for f in fired if "积分榜" in f[2]] == []
    again.close()


@pytest.mark.parametrize(
    "asked",
    [
        "我的积分是多少",
        "查一下我的积分",
        "我的积分",
        "我有几分？",
        "我有多少积分",
        "我有几个积分",
        "我攒了多少积分了",
    ],
)
def test_points_asked_in_words_get_the_balance(chat: Conversation, asked: str) -> None:
    chat.say(SEWER)
    chat.say("@张网格/网格3群: 受理 1")
    assert chat.text(f"@王芳/私聊: {asked}") == chat.text("@王芳/私聊: 积分")
    assert chat.text("@王芳/私聊: 几分钟能到").startswith("您好，我是邻里。")  # no points in it
    # In a group too: nobody but the bot keeps the points.
    assert chat.text(f"@王芳/网格3群: {asked}") == chat.text("@王芳/网格3群: 积分")


@pytest.mark.parametrize(
    "asked", ["积分怎么用", "积分能换什么？", "在哪兑换积分", "积分怎么攒", "我的积分怎么来的"]
)
def test_a_resident_asking_how_points_are_used_is_told_where_and_how(
    chat: Conversation, asked: str
) -> None:
    reply = chat.text(f"@孙大爷/私聊: {asked}")
    assert reply == (
        "积分兑换：每月第一个周三下午到社区服务站兑换，10分换一袋洗衣粉，由书记登记扣减。"
        "攒积分：报事被受理 +5，确认他人反映的问题 +2，办结后发核实照片 +3。发送「积分」看余额。"
    )
    assert chat.text(f"@孙大爷/网格5群: @邻里 {asked}") == reply
    assert chat.say(f"@孙大爷/网格5群: {asked}") == []  # among neighbours, without an @
    assert "#1" not in chat.text("@李书记/工作群: 台账")  # nothing filed


def test_a_resident_asks_what_they_reported_this_year(db_url: str) -> None:
    """「我今年反映了几件」「我的年度报告」: one's own reports of the year, what became of them,
    and the points they earned; asked by anyone, privately or in a group."""
    chat = Conversation(example_settings(db_url), VirtualClock(at(11, 23, 8)))
    assert chat.text("@王芳/私聊: 我的年度报告") == (
        "今年您还没有反映过事项。遇到问题发送「#报事 内容」即可反映。"
    )
    _three_earners(chat)  # 王芳: #1, accepted (+5), resolved, a photo of it (+3)
    chat.say("@王芳/网格3群: #报事 5号楼门口井盖松了")  # #3, open
    chat.say("@王芳/网格3群: #报事 小区外面马路上的公交站牌歪了")
    chat.say("@李书记/工作群: 退回 4 属于市政道路")  # #4, rejected
    year = "今年您反映了3件事：已办结1件、办理中1件、退回1件。获得积分8分。感谢您参与社区治理！"
    assert chat.text("@王芳/私聊: 我的年度报告") == year
    assert chat.text("@王芳/私聊: 我今年反映了几件？") == year
    assert chat.text("@王芳/网格3群: 我的统计") == year
    assert chat.text("@王芳/私聊: 我的统计 上月").startswith("10月您还没有反映过事项")
    assert chat.text("@孙大爷/私聊: 我的统计 本月") == (
        "本月您反映了1件事：与邻居反映的相同1件。获得积分2分。感谢您参与社区治理！"
    )
    assert chat.text("@王芳/私聊: 我的统计 火星").startswith("用法：/my_figures")
    chat.close()
