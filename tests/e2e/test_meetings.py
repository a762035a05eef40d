"""The seeds' parking case, end to end (chat-protocol §6): complaints in two grid groups, a
五方会谈 on them, a time poll in both groups, the outcome with action items, and a 公示 with one
objection. Every message each participant sees is checked.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.messages import PersonRef, QuotedMessage, Reply
from tests.support.conversation import Conversation, example_settings, monday_morning, shown

SH = ZoneInfo("Asia/Shanghai")
G3, G5, WORK, RESIDENTS = "网格3群", "网格5群", "工作群", "幸福里居民群"
LIU = "私聊·刘物业"
ONLY_HERE = "只发在了本群。要请居民参加，请发送「M{number} 发到 全部」或「M{number} 发到 网格3」。"
ROUTINE = (
    "📋 今日台账",
    "📊 上周小结",
    "流动办公桌",
    "今晚七点居民议事会",
    "今天是代表接访日",
    "2条提醒",
    "🏆 本周积分榜",
)


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SH)


def news(fired: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """What fired, without the community's routine digests and events, nor deadline
    reminders."""
    return [f for f in fired if not f[2].startswith(ROUTINE) and not {"🔴", "🟡"} & set(f[2])]


POLL = (
    "📅 M1 停车难五方会谈 · 时间投票\n"
    "议题：#1 小区车位太少了，晚上回来根本没…；#2 6号楼门口天天乱停车，消防通道…\n"
    "1. 11月26日 19:00\n"
    "2. 11月28日 10:00\n"
    "地点：罐罐茶\n"
    "回复「M1 1」或「M1 1,2」投票（可多选），截止 11月25日 20:00。"
)


def test_the_parking_case_from_complaint_to_publicity(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 小区车位太少了，晚上回来根本没地方停，固定车位还占了一大半")
    chat.say("@孙大爷/网格5群: #诉求 6号楼门口天天乱停车，消防通道都堵了，停车难问题什么时候解决")
    assert chat.say("@王芳/网格3群: 议事 停车 议题 #1 时间 周四19:00 截止 周三20:00") == [
        (G3, "只有网格员及以上可以发起议事。")
    ]

    # The secretary calls a 五方会谈 with both issues on the agenda, polled in both groups.
    assert chat.say(
        "@李书记/工作群: 议事 停车难五方会谈 议题 #1 #2 时间 周四19:00|周六10:00 "
        "截止 周三20:00 地点 罐罐茶 群 网格3,网格5"
    ) == [(WORK, "已在各群发起 M1 停车难五方会谈 的投票。"), (G3, POLL), (G5, POLL)]

    # People answer in both groups; a person's last answer counts; nonsense is explained.
    assert chat.say("@王芳/网格3群: M1 1") == [(G3, "已记录：M1 选 1。")]
    assert chat.say("@孙大爷/网格5群: M1 1,2") == [(G5, "已记录：M1 选 1、2。")]
    assert chat.say("@钱阿姨/网格5群: M1 2") == [(G5, "已记录：M1 选 2。")]
    assert chat.say("@钱阿姨/网格5群: M1 1") == [(G5, "已改为：M1 选 1（以最后一次为准）。")]
    assert chat.say("@王芳/网格3群: M1 5") == [
        (G3, "请回复 1 到 2 之间的编号，可多选，例如：M1 1,2")
    ]

    # The poll closes on the virtual clock at Wednesday 20:00: Thursday 19:00 wins in both groups.
    fixed = "📅 M1 停车难五方会谈 定于 11月26日 19:00（3人选择），地点：罐罐茶。议题：#1、#2。要参加请回复「我参加」。"
    assert news(chat.run_until(at(11, 25, 21))) == [
        ("11-25 20:00", G3, fixed),
        ("11-25 20:00", G5, fixed),
    ]
    assert chat.say("@王芳/网格3群: M1 2") == [(G3, "M1 的投票已截止。")]
    # An hour before, the groups are reminded (together with Thursday's routine event).
    reminded = [f for f in chat.run_until(at(11, 26, 20)) if "一小时后" in f[2]]
    assert [(when, where) for when, where, _ in reminded] == [
        ("11-26 18:00", G3),
        ("11-26 18:00", G5),
    ]
    assert "⏰ 一小时后（11月26日 19:00）开 M1 停车难五方会谈，地点：罐罐茶。" in reminded[0][2]

    # The outcome: decisions, and action items that become tracked issues for the property company.
    assert chat.say(
        "@李书记/工作群: 结果 M1 决议 取消固定车位；停车费100元/月 "
        "行动 @物业 2号楼附近装充电桩 10个工作日；物业 10号楼附近装充电桩 10个工作日"
    ) == [
        (WORK, "M1 停车难五方会谈 结果已记录：决议2条，行动事项 #3、#4。"),
        (G3, "#1 已在 M1 停车难五方会谈 议定：取消固定车位；停车费100元/月。"),
        (G5, "#2 已在 M1 停车难五方会谈 议定：取消固定车位；停车费100元/月。"),
        (
            LIU,
            "新任务 #3（M1 停车难五方会谈 决议）：2号楼附近装充电桩，期限 12月10日。办好后发送「办结 3 结果」。",
        ),
        (
            LIU,
            "新任务 #4（M1 停车难五方会谈 决议）：10号楼附近装充电桩，期限 12月10日。办好后发送「办结 4 结果」。",
        ),
    ]
    assert chat.text("@李书记/工作群: 查看 3").startswith("#3【充电设施】办理中 · 2号楼")

    # 公示 for 5 days in every group of the community, with one objection.
    publicity = (
        "📢 公示：M1 停车难五方会谈\n"
        "决议：取消固定车位；停车费100元/月\n"
        "行动：#3 2号楼附近装充电桩（物业，期限 12月10日）；#4 10号楼附近装充电桩（物业，期限 12月10日）\n"
        "公示期至 12月1日，有异议请回复「异议 M1 内容」。"
    )
    assert chat.say("@王芳/网格3群: 公示 M1 5天") == [(G3, "只有书记可以公示。")]
    published = chat.say("@李书记/工作群: 公示 M1 5天")
    assert sorted(where for where, _ in published) == sorted([G3, G5, RESIDENTS, WORK])
    assert {text for _, text in published} == {publicity}
    assert chat.say("@孙大爷/网格5群: 异议 M1 停车费太高了，能不能80") == [
        (G5, "已记录您对 M1 的异议，书记会答复。"),
        (WORK, "M1 收到异议（孙*爷）：停车费太高了，能不能80"),
    ]
    ended = "📢 M1 停车难五方会谈 公示期满，收到异议1条，书记将逐条答复。"
    assert news(chat.run_until(at(12, 2, 9))) == [
        ("12-01 18:00", where, ended) for where in (G3, G5, RESIDENTS, WORK)
    ]
    assert chat.say("@王芳/网格3群: 异议 M1 太晚了") == [(G3, "M1 不在公示期内。")]

    # The minutes.
    assert chat.text("@李书记/工作群: 查看 M1").splitlines() == [
        "M1 停车难五方会谈 · 公示期满",
        "时间：11月26日 19:00 · 地点：罐罐茶",
        "议题：#1 小区车位太少了，晚上回来根本没…（已受理）；#2 6号楼门口天天乱停车，消防通道…（已受理）",
        "投票：1. 11月26日 19:00 3票；2. 11月28日 10:00 1票（3人）",
        "参加：王*、孙*爷、钱*姨，共3人",
        "决议：取消固定车位；停车费100元/月",
        "行动：#3 2号楼附近装充电桩 · 物业 · 期限 12月10日 · 办理中",
        "行动：#4 10号楼附近装充电桩 · 物业 · 期限 12月10日 · 办理中",
        "公示：至 12月1日，异议 1 条",
        "  异议：停车费太高了，能不能80（孙*爷）",
    ]
    history = chat.text("@王芳/网格3群: 查看 1")
    assert (
        "列入议题（待受理→已受理）：M1 停车难五方会谈" in history
        and "议定：M1 停车难五方会谈：取消固定车位" in history
    )
    # The agenda waits for the action items: due with the last of them, done when it is.
    assert "期限：12月10日" in history
    assert chat.say("@刘物业/私聊: 办结 3 充电桩已装好")[-1] == (
        WORK,
        "#3 已办结：充电桩已装好。请报事人评价：回复「评价 3 1-5分」，或「满意/基本满意/不满意」。",
    )
    assert chat.text("@李书记/工作群: 查看 1").startswith("#1【停车通行】已受理")
    done = "M1 停车难五方会谈议定事项已落实（取消固定车位；停车费100元/月）"
    rate = "请报事人评价：回复「评价 {n} 1-5分」，或「满意/基本满意/不满意」。"
    told = chat.say("@刘物业/私聊: 办结 4 充电桩已装好")
    assert (G3, f"#1 已办结：{done}。{rate.format(n=1)}") in told
    assert (G5, f"#2 已办结：{done}。{rate.format(n=2)}") in told
    assert chat.say("@王芳/网格3群: 满意") == [(G3, "#1 已销号，评价5分，感谢反馈。")]
    # Done with the action items, not by whoever did the last: their work is that one alone.
    assert f"刘*业 议定事项落实（已受理→已办结）：{done}" in chat.text("@李书记/工作群: 查看 1")
    assert chat.text("@李书记/工作群: 统计 本月 刘物业") == "刘*业本月经手事项2件：办结2（按期2）。"


def test_a_tied_poll_goes_to_the_secretary(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 楼道堆物议事会 时间 周四19:00|周六10:00 截止 周三20:00 群 网格3")
    chat.say("@王芳/网格3群: M1 1")
    chat.say("@孙大爷/网格3群: M1 2")
    fired = news(chat.run_until(at(11, 25, 21)))
    assert fired == [
        ("11-25 20:00", G3, "M1 楼道堆物议事会 时间投票平票，请书记定夺。"),
        (
            "11-25 20:00",
            WORK,
            "M1 时间投票平票：1. 11月26日 19:00 1票；2. 11月28日 10:00 1票。请发送「决定 M1 编号」。",
        ),
    ]
    assert chat.say("@张网格/工作群: 决定 M1 2") == [(WORK, "只有书记可以定会议时间。")]
    assert chat.say("@李书记/工作群: 决定 M1 2") == [
        (WORK, "已定 M1 的时间为 11月28日 10:00。"),
        (G3, "📅 M1 楼道堆物议事会 定于 11月28日 10:00。要参加请回复「我参加」。"),
    ]
    # Said again: nothing moves and the group is not told twice.
    assert chat.say("@李书记/工作群: 决定 M1 2") == [
        (WORK, "已定 M1 的时间为 11月28日 10:00，无需重复。")
    ]


def test_a_time_decided_again_keeps_only_the_new_times_reminders(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 楼道堆物议事会 时间 周四19:00|周六10:00 截止 周三20:00 群 网格3")
    chat.say("@王芳/网格3群: M1 1")
    chat.say("@孙大爷/网格3群: M1 2")
    chat.run_until(at(11, 25, 21))  # a tie
    chat.say("@李书记/工作群: 决定 M1 1")  # Thursday 19:00 …
    chat.say("@李书记/工作群: 决定 M1 2")  # … no, Saturday 10:00
    fired = [f for f in chat.run_until(at(11, 29, 12)) if "开 M1" in f[2]]
    assert [when for when, _, _ in fired] == ["11-27 10:00", "11-28 09:00"]
    assert all("11月28日 10:00" in text for _, _, text in fired)


def test_a_publicity_published_again_ends_once_at_its_new_date(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 楼道堆物议事会 时间 周四19:00 截止 周三20:00 群 网格3")
    chat.say("@李书记/工作群: 结果 M1 决议 楼道杂物一周内清完")
    chat.say("@李书记/工作群: 公示 M1 2天")
    chat.say("@李书记/工作群: 公示 M1 5天")
    ended = [f for f in chat.run_until(at(12, 2, 12)) if "公示期满" in f[2]]
    assert {when for when, _, _ in ended} == {"11-28 18:00"}, ended  # not 11-25 as first set
    assert len({where for _, where, _ in ended}) == len(ended)  # once per group


def test_several_meeting_records_are_shown_each_in_turn(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 楼道堆物议事会 时间 周四19:00 截止 周三20:00 群 网格3")
    chat.say("@李书记/工作群: 议事 停车议事会 时间 周五19:00 截止 周四20:00 群 网格5")
    shown = chat.say("@李书记/工作群: 查看 M1 M2")
    assert [text.splitlines()[0].split(" · ")[0] for _, text in shown] == [
        "M1 楼道堆物议事会",
        "M2 停车议事会",
    ]
    assert chat.say("@李书记/工作群: 查看 M1，M9")[1] == ("工作群", "没有找到 M9。")


def test_two_hours_before_closing_only_those_who_have_not_answered_are_named(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道里堆满了纸箱，消防隐患")
    chat.say("@孙大爷/网格3群: 关注 1")
    chat.say(
        "@李书记/工作群: 议事 楼道堆物议事会 议题 #1 时间 周四19:00|周六10:00 截止 周三20:00 群 网格3"
    )
    chat.say("@孙大爷/网格3群: M1 1")
    nudges = [f for f in chat.run_until(at(11, 25, 19)) if "还有2小时" in f[2]]
    assert nudges == [("11-25 18:00", G3, "M1 时间投票还有2小时截止，还没投票的：王*")]


def test_a_secret_vote_by_household(chat: Conversation) -> None:
    chat.say(
        "@李书记/工作群: 投票 取消固定车位 选项 同意|反对|弃权 截止 周五18:00 每户一票 群 网格3,网格5"
    )
    assert chat.text("@王芳/私聊: M1 1") == (
        "已收到您对 M1 的选择。本次每户一票，请回复您家门牌号，例如 3-2-301（只需一次），"
        "您的票才计入。"
    )
    assert chat.text("@王芳/私聊: M1 1 3-2-301") == "已记录您对 M1 的投票（以最后一次为准）。"
    # Same flat: the latest counts, and 王芳 is told hers no longer does, and by whom.
    assert chat.say("@王小明/私聊: M1 2 3-2-301") == [
        ("私聊·王小明", "已记录您对 M1 的投票（以最后一次为准）。"),
        (
            "私聊·王芳",
            "M1 每户一票：3-2-301 的票已由 王*明 改投，您的票不再计入。如不是您家人，请联系书记。",
        ),
    ]
    assert chat.text("@孙大爷/私聊: M1 1 6-1-101") == "已记录您对 M1 的投票（以最后一次为准）。"
    assert (
        chat.text("@孙大爷/私聊: M1 1") == "已记录您对 M1 的投票（以最后一次为准）。"
    )  # remembered
    assert chat.text("@钱阿姨/网格5群: M1 1 6-2-202").endswith(
        "下次请私聊我投票，别人就看不到您的选择。"
    )
    # While open, residents see no tally; the secretary sees counts but not who voted what.
    assert "投票：已有3票（截止后公布）" in chat.text("@王芳/网格3群: 查看 M1")
    tally = chat.text("@李书记/工作群: 查看 M1")
    assert "投票：1. 同意 2票；2. 反对 1票；3. 弃权 0票（3户）" in tally and "王" not in tally
    assert "其中1户有多人投票，以最后一次为准。" in tally
    result = (
        "🗳 M1 取消固定车位 表决结果：参与3户，同意2、反对1、弃权0；规则：过半；结果为「同意」。"
    )
    assert news(chat.run_until(at(11, 27, 19))) == [
        ("11-27 18:00", G3, result),
        ("11-27 18:00", G5, result),
    ]
    assert chat.text("@孙大爷/私聊: M1 2") == "M1 的投票已截止。"


def test_a_vote_below_its_quorum_does_not_pass(chat: Conversation) -> None:
    chat.say(
        "@李书记/工作群: 投票 加装电梯 选项 同意|反对 截止 周五18:00 规则 三分之二 至少 3 公开 群 网格3"
    )
    chat.say("@王芳/网格3群: M1 1")
    chat.say("@孙大爷/网格3群: M1 1")
    assert "王*：同意" in chat.text("@李书记/工作群: 查看 M1")  # an open vote shows who chose what
    fired = news(chat.run_until(at(11, 27, 19)))
    assert fired == [
        (
            "11-27 18:00",
            G3,
            "🗳 M1 加装电梯 表决结果：参与2人，同意2、反对0；规则：三分之二，至少3票有效；未通过（参与2票，未达到3票的最低要求）。",
        )
    ]


def test_a_vote_won_by_no_says_so_plainly(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 投票 取消固定车位 选项 同意|反对 截止 周三20:00 群 网格3")
    for voter in ("王芳", "孙大爷", "刘阿姨"):
        chat.say(f"@{voter}/私聊: M1 2")
    fired = [text for _, where, text in chat.run_until(at(11, 25, 21)) if "表决结果" in text]
    assert fired and fired[0].endswith("同意0、反对3；规则：过半；结果为「反对」。"), fired


def test_a_time_poll_nobody_answered_is_not_called_a_tie(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 楼道堆物议事会 时间 周四19:00|周六10:00 截止 周三20:00 群 网格3")
    fired = news(chat.run_until(at(11, 25, 21)))
    assert fired == [
        ("11-25 20:00", G3, "M1 楼道堆物议事会 时间投票截止，无人投票，请书记定夺。"),
        ("11-25 20:00", WORK, "M1 时间投票无人投票。请发送「决定 M1 编号」定时间。"),
    ]


def test_a_private_reporter_is_nudged_privately_not_named_in_the_group(
    chat: Conversation,
) -> None:
    chat.say("@王小明/私聊: 3号楼楼道里堆满了纸箱，消防隐患")
    chat.say("@孙大爷/网格3群: #报事 3号楼楼道堆物太多了")  # a duplicate: 孙大爷 follows #1
    chat.say(
        "@李书记/工作群: 议事 楼道堆物议事会 议题 #1 时间 周四19:00|周六10:00 截止 周三20:00 群 网格3"
    )
    nudges = [f for f in chat.run_until(at(11, 25, 19)) if "还有2小时" in f[2]]
    assert ("11-25 18:00", G3, "M1 时间投票还有2小时截止，还没投票的：孙*爷") in nudges
    assert (
        "11-25 18:00",
        "私聊·王小明",
        "M1 时间投票还有2小时截止，您反映的问题在议题中：1. 11月26日 19:00；2. 11月28日 10:00。"
        "回复「M1 编号」投票。",
    ) in nudges
    assert all("王" not in text for _, where, text in nudges if where == G3)


def test_a_household_ballot_names_a_building_of_the_community(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 投票 加装电梯 选项 同意|反对 截止 周五18:00 每户一票 群 网格3")
    refused = chat.text("@钱阿姨/私聊: M1 1 99-9-999")
    assert refused.startswith("本社区没有99号楼（有：1号楼、")
    assert chat.text("@钱阿姨/私聊: M1 1 3-2-301") == "已记录您对 M1 的投票（以最后一次为准）。"


@pytest.mark.parametrize("typed", ["异议M1太贵了", "异议 M1：太贵了", "异议 ｍ１ 太贵了"])
def test_an_objection_is_read_however_the_number_is_joined_to_it(
    chat: Conversation, typed: str
) -> None:
    chat.say("@李书记/工作群: 议事 停车议事会 时间 周四19:00 截止 周三20:00 群 网格3")
    chat.say("@李书记/工作群: 结果 M1 决议 停车费100元/月")
    chat.say("@李书记/工作群: 公示 M1 5天")
    replies = chat.say(f"@王芳/网格3群: {typed}")
    assert any(where == WORK and "太贵了" in text for where, text in replies), replies


def test_an_objection_sent_twice_is_counted_once(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 停车议事会 时间 周四19:00 截止 周三20:00 群 网格3")
    chat.say("@李书记/工作群: 结果 M1 决议 停车费100元/月")
    chat.say("@李书记/工作群: 公示 M1 2天")
    first = chat.say("@孙大爷/网格3群: 异议 M1 停车费太高了")
    assert any(where == WORK for where, _ in first)
    assert chat.say("@孙大爷/网格3群: 异议 M1 停车费太高了") == [
        (G3, "您对 M1 的这条异议已经记录过了，书记会答复。")
    ]
    ended = [text for _, _, text in chat.run_until(at(11, 27, 12)) if "公示期满" in text]
    assert ended and all("收到异议1条" in text for text in ended), ended


def test_words_in_reply_to_a_publicity_are_an_objection_or_a_question(chat: Conversation) -> None:
    """The 公示 says to reply with objections, and a reply quoting it (「太贵了」「什么时候开始
    收」) met silence: one that disagrees is an 异议, a question goes to whoever called it."""
    chat.say("@李书记/工作群: 议事 停车议事会 时间 周四19:00 截止 周三20:00 群 网格3")
    chat.say("@李书记/工作群: 结果 M1 决议 停车费100元/月")
    publicity = chat.say("@李书记/工作群: 公示 M1 3天")[0][1]
    assert publicity.startswith("📢 公示：M1 停车议事会")
    bot = PersonRef("console", "邻里", "邻里")

    def replying(who: str, words: str) -> list[tuple[str, str]]:
        said = chat.adapter.message(who, G3, words)
        return chat.deliver(replace(said, reply_to=QuotedMessage("b1", bot, publicity)))

    assert replying("孙大爷", "太贵了") == [
        (G3, "已记录您对 M1 的异议，书记会答复。"),
        (WORK, "M1 收到异议（孙*爷）：太贵了"),
    ]
    assert replying("王芳", "什么时候开始收？") == [
        (G3, "已把您的问题转给 M1 的组织者，会尽快答复。"),
        (
            "私聊·李书记",
            "❓问1 M1 停车议事会：网格3群的王*问「什么时候开始收？」。"
            "回复这条消息，或发送「答复 1 内容」，我替您发到群里。",
        ),
    ]
    # Agreeing is no objection; staff object in so many words; over, it is chatter.
    assert replying("钱阿姨", "支持！") == []
    assert replying("张网格", "大家有意见吗") == []
    assert "异议：太贵了（孙*爷）" in chat.text("@李书记/工作群: 查看 M1")
    chat.run_until(at(11, 28, 9))
    assert replying("刘阿姨", "太贵了") == []


def test_an_objection_sent_privately_stays_anonymous(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 停车议事会 时间 周四19:00 截止 周三20:00 群 网格3")
    chat.say("@李书记/工作群: 结果 M1 决议 停车费100元/月")
    chat.say("@李书记/工作群: 公示 M1 5天")
    assert chat.say("@孙大爷/私聊: 异议 M1 停车费太高了") == [
        ("私聊·孙大爷", "已记录您对 M1 的异议，书记会答复。"),
        (WORK, "M1 收到异议（私信居民）：停车费太高了"),
    ]
    chat.say("@王芳/网格3群: 异议 M1 太贵了")  # said in the group: her name is no secret
    minutes = chat.text("@王芳/网格3群: 查看 M1")
    assert "异议：停车费太高了（私信居民）" in minutes and "异议：太贵了（王*）" in minutes
    assert "异议：停车费太高了（孙*爷）" in chat.text("@李书记/私聊: 查看 M1")
    assert "（私信居民）" in chat.text("@李书记/工作群: 查看 M1")


def test_times_at_six_in_the_evening_are_shown_with_their_hour(chat: Conversation) -> None:
    # 18:00 is also the end of an office day, which deadlines show as a date alone.
    poll = chat.say(
        "@李书记/工作群: 议事 纸箱议事会 时间 周四18:00|周六10:00 截止 周三18:00 群 网格3"
    )
    assert "1. 11月26日 18:00\n2. 11月28日 10:00" in poll[1][1], poll
    assert "截止 11月25日 18:00" in poll[1][1], poll
    vote = chat.say("@李书记/工作群: 投票 取消固定车位 选项 同意|反对 截止 周五18:00 群 网格3")
    assert "截止 11月27日 18:00" in vote[1][1], vote


def test_an_agenda_is_issue_numbers_with_or_without_their_sign(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道堆满了纸箱")
    chat.say("@王芳/网格3群: #报事 3号楼门口乱停车")
    poll = chat.say(
        "@李书记/工作群: 议事 纸箱议事会 议题 1、2 时间 周四19:00 截止 周三20:00 群 网格3"
    )
    assert "议题：#1 3号楼楼道堆满了纸箱；#2 3号楼门口乱停车" in poll[1][1], poll
    # Words where the numbers belong say what it is about: they join the title.
    poll = chat.say(
        "@李书记/工作群: 议事 议事会 议题：加装电梯 时间 周四19:00|周六10:00 截止 周三20:00"
    )
    assert poll[0][1].startswith("📅 M2 加装电梯议事会"), poll
    assert "议题：#" not in poll[0][1]
    fixed = chat.say("@李书记/工作群: 议事 停车难 时间 周四19:00 议题 停车费怎么定")
    assert fixed[0][1].startswith("📅 M3 停车难：停车费怎么定 定于 11月26日 19:00"), fixed


def test_a_meeting_called_as_the_secretary_says_it(chat: Conversation) -> None:
    assert chat.say("@李书记/工作群: 召开议事会 周六上午9点 社区活动室 议题：加装电梯") == [
        (
            WORK,
            "📅 M1 加装电梯议事会 定于 11月28日 9:00，地点：社区活动室。要参加请回复「我参加」。",
        ),
        (WORK, ONLY_HERE.format(number=1)),
    ]
    called = chat.say("@李书记/工作群: 开个板凳会，议题 楼道堆物 时间 周五下午3点 地点 3号楼下")
    assert called[0][1].startswith("📅 M2 楼道堆物板凳会 定于 11月27日 15:00，地点：3号楼下")
    # Only staff call one; talk of a meeting is chat.
    assert chat.text("@王芳/网格3群: 组织圆桌会 周六9点 议题 停车").startswith("只有")
    assert chat.say("@王芳/网格3群: 开个议事会吧") == []


def test_a_meeting_called_in_a_sentence_with_its_issues_after(chat: Conversation) -> None:
    """「…开个板凳会，讨论停车问题，议题1和2」 was titled 「1和2板凳会」 with no agenda: the
    issues are its agenda, and it goes to their groups."""
    chat.say("@王芳/网格3群: #报事 小区停车位太少，晚上没地方停")
    chat.say("@孙大爷/网格5群: #报事 5号楼门口总有外来车乱停")
    called = chat.say("@李书记/工作群: 下周三晚上7点在社区会议室开个板凳会，讨论停车问题，议题1和2")
    agenda = "议题：#1 小区停车位太少，晚上没地方停；#2 5号楼门口总有外来车乱停。"
    assert called[0] == (WORK, "已定 M1 停车板凳会 于 12月2日 19:00，已通知各群。")
    assert [where for where, _ in called[1:]] == [G3, G5]
    assert agenda in called[1][1]
    # With no words of what it is about: named by the first issue's category.
    called = chat.say("@李书记/工作群: 周五下午3点在罐罐茶开议事会，议题是#1、#2")
    assert called[0] == (WORK, "已定 M2 停车通行议事会 于 11月27日 15:00，已通知各群。")
    # 3号楼 is a place, not an issue.
    called = chat.say("@李书记/工作群: 周六上午9点在社区会议室召开议事会，讨论3号楼加装电梯")
    assert called[0][1].startswith("📅 M3 3号楼加装电梯议事会 定于 11月28日 9:00")
    # Numbers alone at the end are its issues too (it was titled 「停车的事,1号2号议事会」).
    called = chat.say("@李书记/工作群: 周四晚上7点在罐罐茶开个议事会，讨论停车的事，1号2号")
    assert called[0] == (WORK, "已定 M4 停车议事会 于 11月26日 19:00，已通知各群。")
    assert agenda in called[1][1]


def test_a_meeting_called_in_a_sentence(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼门口停车太乱了")
    assert chat.say("@李书记/工作群: 周四晚上7点在罐罐茶开议事会，商量停车的事。") == [
        (WORK, "📅 M1 停车议事会 定于 11月26日 19:00，地点：罐罐茶。要参加请回复「我参加」。"),
        (WORK, ONLY_HERE.format(number=1)),
    ]
    called = chat.say("@李书记/工作群: 这周六上午9点，在社区活动室召开板凳会，议题是3号楼加装电梯")
    assert called[0][1].startswith("📅 M2 3号楼加装电梯板凳会 定于 11月28日 9:00，地点：社区活动室")
    # A grid worker in the grid group: posted there, the issue named on its agenda.
    assert chat.say("@张网格/网格3群: 明晚7点罐罐茶开板凳会，讨论#1") == [
        (
            G3,
            "📅 M3 板凳会 定于 11月24日 19:00，地点：罐罐茶。"
            "议题：#1 3号楼门口停车太乱了。要参加请回复「我参加」。",
        )
    ]
    # A time the bot cannot read is asked for again.
    assert chat.say("@李书记/工作群: 过几天开个议事会") == [
        (
            WORK,
            "开议事会的时间没看懂，请说具体日子和几点，如「周四晚上7点在罐罐茶开议事会，讨论停车」。",
        )
    ]
    # Said by a resident, spoken of or wished for: chat, as it was.
    assert chat.say("@王芳/网格3群: 周四晚上7点在罐罐茶开议事会，商量停车的事") == []
    assert chat.say("@李书记/工作群: 上次开议事会的时候大家都同意了") == []
    assert chat.say("@李书记/工作群: 建议周末开个议事会讨论停车") == []
    # With the command word, what it is about is said the same way.
    called = chat.say("@李书记/工作群: 议事 电梯 明天下午3点半 社区活动室 商量加装电梯")
    assert called[0][1].startswith("📅 M4 电梯：加装电梯 定于 11月24日 15:30，地点：社区活动室。")
    assert [
        line.split(" · ")[0] for line in chat.text("@李书记/工作群: 议事会").splitlines()[1:5]
    ] == [
        "M1 停车议事会",
        "M2 3号楼加装电梯板凳会",
        "M3 板凳会",
        "M4 电梯：加装电梯",
    ]


def test_sending_a_meeting_on_is_shown_with_a_grid_of_the_community(
    db_url: str, tmp_path: Path
) -> None:
    settings = example_settings(db_url, tmp_path / "media")
    community = settings.communities[0]
    grids = [*reversed(community.grids)]  # 网格5 first
    communities = [community.model_copy(update={"grids": grids})]
    chat = Conversation(settings.model_copy(update={"communities": communities}), monday_morning())
    try:
        told = chat.say("@李书记/工作群: 议事 停车难 周六上午9点 罐罐茶")[1]
        assert told == (
            WORK,
            "只发在了本群。要请居民参加，请发送「M1 发到 全部」或「M1 发到 网格5」。",
        )
    finally:
        chat.close()


def test_a_meeting_run_in_the_secretarys_own_words(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 小区停车位太少，晚上回来没地方停")
    chat.say("@李书记/工作群: 议事 停车难 周四19:00 罐罐茶 #1")
    chat.say("@陈大爷/网格3群: 我参加")
    chat.say("@刘阿姨/网格3群: 我和老伴都去")
    # Who is coming: how many in the list, and who in the meeting's record.
    assert chat.text("@李书记/工作群: 有几个人报名了") == (
        "进行中的议事会和表决：\nM1 停车难 · 定于 11月26日 19:00，罐罐茶，3人报名\n"
        "发送「查看 M编号」看详情。"
    )
    assert "参加：陈*爷、刘*姨（2人），共3人" in chat.text("@李书记/工作群: M1谁报名了")
    assert chat.text("@李书记/工作群: 谁报名了") == chat.text("@李书记/工作群: M1谁报名了")
    chat.run_until(at(11, 26, 21))
    # The outcome and the 公示 with the meeting's number first; the decision as typed.
    recorded = chat.say(
        "@李书记/工作群: M1 结果 决议：划定20个临时车位，每月100元 行动：物业负责划线 12月5日"
    )
    assert recorded[0] == (WORK, "M1 停车难 结果已记录：决议1条，行动事项 #2。")
    published = chat.say("@李书记/工作群: M1 公示 5天")
    assert (
        G3,
        "📢 公示：M1 停车难\n决议：划定20个临时车位，每月100元\n"
        "行动：#2 划线（物业，期限 12月5日）\n公示期至 12月1日，有异议请回复「异议 M1 内容」。",
    ) in published
    # 「我有意见」 is an objection; 「大家有意见」 is not.
    assert chat.say("@孙先生/网格3群: 我有意见，100元太贵了") == [
        (G3, "已记录您对 M1 的异议，书记会答复。"),
        (WORK, "M1 收到异议（孙*生）：100元太贵了"),
    ]
    assert chat.say("@王芳/网格3群: 大家有意见可以提") == []
    # 「我觉得不合理，…」 is one too.
    assert chat.say("@钱阿姨/网格3群: 我觉得不合理，车位应该先给老人") == [
        (G3, "已记录您对 M1 的异议，书记会答复。"),
        (WORK, "M1 收到异议（钱*姨）：车位应该先给老人"),
    ]
    # A vote called as it is said.
    called = chat.say("@李书记/工作群: 发起投票 停车收费 选项 同意｜反对 截止 周六20:00 群 网格3")
    assert called[0] == (WORK, "已在各群发起 M2 停车收费 的投票。")
    assert called[1][1].startswith("🗳 M2 停车收费 · 表决\n1. 同意\n2. 反对")


def test_action_items_said_as_the_meeting_said_them(chat: Conversation) -> None:
    """「网格员统计车辆」 was not understood, 「12月底前完成」 no deadline, and 「施工」 filed
    as 噪音扰民: the grid worker of the agenda's grid, its month's end, the agenda's kind."""
    chat.say("@王芳/网格3群: #报事 3号楼东边停车位太少了")
    chat.say("@李书记/工作群: 议事会 周四晚上7点 社区会议室 讨论停车位 议题 1")
    chat.run_until(at(11, 26, 21))
    recorded = chat.say(
        "@李书记/工作群: M1 结果 决议 东边绿化带改造为20个停车位 "
        "行动：物业负责施工，12月底前完成；网格员统计车辆"
    )
    assert recorded[0][1].endswith("结果已记录：决议1条，行动事项 #2、#3。")
    assert (
        "私聊·刘物业",
        "新任务 #2（M1 停车位议事会 决议）：施工，期限 12月31日。办好后发送「办结 2 结果」。",
    ) in recorded
    assert any(where == "私聊·张网格" and "统计车辆" in text for where, text in recorded)
    assert chat.text("@刘物业/私聊: 台账").endswith("🟢 #2【停车通行】办理中 · 物业 · 期限12月31日")
    assert "行动：#3 统计车辆 · 张*格" in chat.text("@李书记/工作群: M1 查看")
    # With no one grid worker of its grid, whom is asked.
    chat.say("@李书记/工作群: 议事会 周五晚上7点 社区会议室 讨论垃圾分类")
    chat.run_until(at(11, 27, 21))
    assert chat.text("@李书记/工作群: M2 结果 决议 分类投放 行动：网格员入户宣传") == (
        "行动事项的网格员是哪一位？请写名字，例如：行动 @张网格 统计车辆"
    )


def test_a_ballot_said_with_the_vote_command_word_counts(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 纸箱议事会 时间 周四19:00|周六10:00 截止 周三20:00 群 网格3")
    assert chat.say("@王芳/网格3群: 投票 M1 2") == [(G3, "已记录：M1 选 2。")]
    assert "2. 11月28日 10:00 1票" in chat.text("@王芳/网格3群: 查看 M1")
    assert chat.say("@王芳/网格3群: 投票 M1 撤回") == [(G3, "已撤回您在 M1 的投票。")]
    assert "2. 11月28日 10:00 0票" in chat.text("@王芳/网格3群: 查看 M1")


def test_an_action_item_naming_a_building_belongs_to_its_grid(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 停车议事会 时间 周四19:00 截止 周三20:00 群 网格3,网格5")
    chat.say(
        "@李书记/工作群: 结果 M1 决议 增设充电桩 行动 @物业 2号楼附近装充电桩 10个工作日；@周主任 清理6号楼僵尸车 3个工作日"
    )
    assert "2号楼 · 网格3" in chat.text("@李书记/工作群: 查看 1")
    assert "6号楼 · 网格5" in chat.text("@李书记/工作群: 查看 2")
    # The grid worker finds it in their grid's ledger.
    assert "#1" in chat.text("@张网格/网格3群: 台账")


def test_a_meetings_record_says_where_it_stands(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 停车议事会 时间 周四19:00|周六10:00 截止 周三20:00 群 网格3")
    assert chat.text("@李书记/工作群: 查看 M1").startswith("M1 停车议事会 · 投票中")
    chat.say("@王芳/网格3群: M1 1")
    chat.run_until(at(11, 25, 21))
    assert chat.text("@李书记/工作群: 查看 M1").startswith("M1 停车议事会 · 已定时间")
    chat.run_until(at(11, 26, 20))
    assert chat.text("@李书记/工作群: 查看 M1").startswith("M1 停车议事会 · 已召开")
    chat.say("@李书记/工作群: 结果 M1 决议 停车费100元/月")
    assert chat.text("@李书记/工作群: 查看 M1").startswith("M1 停车议事会 · 已出结果")
    chat.say("@李书记/工作群: 公示 M1 2天")
    assert chat.text("@李书记/工作群: 查看 M1").startswith("M1 停车议事会 · 公示中")
    chat.run_until(at(11, 30, 9))
    assert chat.text("@李书记/工作群: 查看 M1").startswith("M1 停车议事会 · 公示期满")


def test_an_outcome_recorded_while_the_poll_is_open_closes_it(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 停车议事会 时间 周四19:00|周六10:00 截止 周三20:00 群 网格3")
    chat.say("@李书记/工作群: 结果 M1 决议 停车费100元/月")
    chat.say("@李书记/工作群: 公示 M1 1天")
    later = [text for _, _, text in chat.run_until(at(11, 27, 12))]
    assert not any("时间投票" in text or "请书记定夺" in text for text in later), later
    assert any("公示期满" in text for text in later), later
    assert chat.say("@王芳/网格3群: M1 1") == [(G3, "M1 的投票已截止。")]


def test_each_group_is_nudged_about_its_own_people(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道里堆满了纸箱，消防隐患")
    chat.say("@孙大爷/网格5群: #报事 6号楼门口乱停车")
    chat.say(
        "@李书记/工作群: 议事 堆物停车议事会 议题 #1 #2 时间 周四19:00|周六10:00 截止 周三20:00 "
        "群 网格3,网格5"
    )
    nudges = [(where, text) for _, where, text in chat.run_until(at(11, 25, 19)) if "还有" in text]
    assert sorted(nudges) == [
        (G3, "M1 时间投票还有2小时截止，还没投票的：王*"),
        (G5, "M1 时间投票还有2小时截止，还没投票的：孙*爷"),
    ]


def test_an_outcome_recorded_during_a_decision_vote_lets_the_vote_run(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 投票 充电桩 选项 同意|反对 截止 周二20:00 公开 群 网格3")
    chat.say("@王芳/网格3群: M1 1")
    chat.say("@李书记/工作群: 结果 M1 决议 安装充电桩")
    assert chat.say("@孙大爷/网格3群: M1 2") == [(G3, "已记录：M1 选 2。")]
    results = [t for _, _, t in chat.run_until(at(11, 24, 21)) if "表决结果" in t]
    assert results, "the vote still announces its result"


def test_a_choice_sent_in_reply_to_the_poll_is_a_ballot(chat: Conversation) -> None:
    poll = chat.say(
        "@李书记/工作群: 议事 停车难议事会 时间 周四19:00|周六10:00 截止 明天20:00 群 网格3"
    )[1][1]
    assert poll.startswith("📅 M1 停车难议事会")
    said = chat.adapter.message("王芳", G3, "2")
    bot = PersonRef("console", "邻里", "邻里")
    answered = chat.deliver(replace(said, reply_to=QuotedMessage("b1", bot, poll)))
    assert answered == [(G3, "已记录：M1 选 2。")]
    assert "2. 11月28日 10:00 1票" in chat.text("@李书记/工作群: 查看 M1")


def test_a_question_in_reply_to_a_meeting_goes_to_whoever_called_it(chat: Conversation) -> None:
    called = chat.say("@李书记/工作群: 召开议事会 周六上午9点 社区活动室 议题：5号楼加装电梯")
    announced = called[0][1]
    assert announced.startswith("📅 M1 5号楼加装电梯议事会")
    chat.say("@李书记/工作群: M1 发到 网格3")
    bot = PersonRef("console", "邻里", "邻里")

    def replying(who: str, words: str) -> list[tuple[str, str]]:
        said = chat.adapter.message(who, G3, words)
        return chat.deliver(replace(said, reply_to=QuotedMessage("b1", bot, announced)))

    relayed = (
        "❓问1 M1 5号楼加装电梯议事会：网格3群的王*问「需要带什么吗」。"
        "回复这条消息，或发送「答复 1 内容」，我替您发到群里。"
    )
    assert replying("王芳", "需要带什么吗") == [
        (G3, "已把您的问题转给 M1 的组织者，会尽快答复。"),
        ("私聊·李书记", relayed),
    ]
    # When and where are the bot's to answer; 「好的」 is no question; the caller's own words
    # are theirs; a problem named is chatter, as in the group, and no ballot for 5.
    assert replying("孙大爷", "在哪开？")[0][1].startswith("📅 M1 5号楼加装电梯议事会 定于")
    assert replying("孙大爷", "我能参加吗")[0][1].endswith("要参加请回复「我参加」。")
    assert replying("孙大爷", "好的") == []
    assert replying("李书记", "大家有问题吗？") == []
    assert replying("孙大爷", "5号楼电梯又坏了吗") == []
    chat.say("@李书记/工作群: 取消会议 M1")
    assert replying("王芳", "还开吗") == []  # no longer there to ask of


def test_asking_to_take_part_online_goes_to_whoever_called_the_meeting_there(
    chat: Conversation,
) -> None:
    online = "我周四周六都不行，能线上参加吗"
    assert chat.say(f"@王芳/网格3群: {online}") == []  # no meeting there: neighbours' talk
    chat.say("@李书记/工作群: 议事 停车难板凳会 时间 周四19:00|周六10:00 截止 明天20:00 群 网格3")
    assert chat.say(f"@王芳/网格3群: {online}") == [
        (G3, "已把您的问题转给 M1 的组织者，会尽快答复。"),
        (
            "私聊·李书记",
            f"❓问1 M1 停车难板凳会：网格3群的王*问「{online}」。"
            "回复这条消息，或发送「答复 1 内容」，我替您发到群里。",
        ),
    ]
    assert chat.say(f"@孙大爷/网格5群: {online}") == []  # the poll went to 网格3 only
    assert chat.say("@孙大爷/网格3群: 监控有录像吗") == []
    assert chat.say("@李书记/网格3群: 能线上参加吗") == []  # the caller's own words
    # Answered, it stands in the group under the question.
    answered = chat.say("@李书记/私聊: 答复 1 可以，会前把腾讯会议号发到群里")
    assert answered[0] == ("私聊·李书记", "问1 的答复已发到网格3群。")
    assert answered[1][0] == G3 and "可以，会前把腾讯会议号发到群里" in answered[1][1]


def test_signing_up_with_a_question_or_a_view_does_both(chat: Conversation) -> None:
    """「我也参加，能带两个邻居吗」 and 「我去不了，我的意见是…」 met silence: the first signs
    up and passes the question on; the second passes the view on to whoever called it."""
    chat.say("@李书记/工作群: 议事会 周四晚上7点 社区会议室 讨论3号楼停车位 群 网格3")
    assert chat.say("@陈楼长/网格3群: 我也参加，能带两个邻居吗") == [
        (
            G3,
            "已记下：您参加 M1 3号楼停车位议事会（11月26日 19:00），共1人报名。开会前会提醒您。\n"
            "已把您的问题转给 M1 的组织者，会尽快答复。",
        ),
        (
            "私聊·李书记",
            "❓问1 M1 3号楼停车位议事会：网格3群的陈*长问「能带两个邻居吗」。"
            "回复这条消息，或发送「答复 1 内容」，我替您发到群里。",
        ),
    ]
    view = "我的意见是把东边绿化带改成停车位"
    assert chat.say(f"@孙大爷/网格3群: 我去不了，{view}") == [
        (G3, "已把您的意见转给 M1 的组织者。"),
        ("私聊·李书记", f"💬 M1 3号楼停车位议事会：网格3群的孙*爷说「{view}」。"),
    ]
    # Signed up, then kept away: off the list, and the view passed on.
    replies = chat.say("@陈楼长/网格3群: 我去不了了，我觉得车位应该按楼分配")
    assert replies[0] == (G3, "已取消您参加 M1 的报名。\n已把您的意见转给 M1 的组织者。")
    assert "参加：" not in chat.text("@李书记/工作群: 查看 M1")
    # A word that is neither is the attending alone.
    assert chat.text("@王芳/网格3群: 我参加，到时候见").startswith("已记下：您参加 M1")


def test_a_question_passed_on_is_answered_under_it_in_its_group(chat: Conversation) -> None:
    called = chat.say("@李书记/工作群: 召开议事会 周六上午9点 社区活动室 议题：5号楼加装电梯")
    chat.say("@李书记/工作群: M1 发到 网格3")
    bot = PersonRef("console", "邻里", "邻里")
    asked = chat.adapter.message("王芳", G3, "需要带什么吗")
    relayed = chat.deliver(replace(asked, reply_to=QuotedMessage("b1", bot, called[0][1])))
    dm = relayed[1][1]
    # 「答复」 alone lists what waits for an answer; the next morning's digest counts it.
    assert chat.text("@李书记/私聊: 答复") == (
        "待答复的居民提问：\n"
        "问1 网格3群的王*：「需要带什么吗」（M1 5号楼加装电梯议事会）\n"
        "回复转来的消息，或发送「答复 编号 内容」。"
    )
    digest = [
        text
        for _, where, text in chat.run_until(datetime(2026, 11, 24, 9, 30, tzinfo=SH))
        if where == WORK and text.startswith("📋 今日台账")
    ]
    assert digest and digest[0].endswith("❓ 居民提问待答复1条（问1）：发送「答复」查看。"), digest
    # A resident may not answer for the community; a number not passed on is said so.
    assert chat.say("@孙大爷/网格3群: 答复 1 啥也不用带") == [
        (G3, "只有网格员及以上可以答复居民提问。")
    ]
    assert chat.say("@李书记/私聊: 答复 9 带身份证") == [
        ("私聊·李书记", "没有问9。请对照转来的消息里的编号（❓问N）。")
    ]
    assert chat.say("@李书记/私聊: 答复 1") == [
        ("私聊·李书记", chat.linli.services.command("answer").usage_line())
    ]
    sent = chat.send("@李书记/私聊: 答复问1：带上身份证和房产证复印件，电话 13812345678")
    assert [(where, text) for where, text in map(shown, sent)] == [
        ("私聊·李书记", "问1 的答复已发到网格3群。"),
        (
            G3,
            "答复「需要带什么吗」：带上身份证和房产证复印件，电话 13812345678\n——幸福里社区 李书记",
        ),
    ]
    # In the group it stands under the question, and names whoever asked.
    posted = sent[1]
    assert isinstance(posted, Reply)
    assert posted.reply_to_message_id == asked.message_id
    assert [p.name for p in posted.mentions] == ["王芳"]
    # Replying to the message that passed it on answers it too (again: said so).
    again = chat.adapter.message("张网格", "私聊", "也可以请家里人代为参加")
    answered = chat.deliver(replace(again, reply_to=QuotedMessage("d1", bot, dm)))
    assert answered == [
        ("私聊·张网格", "问1 之前已由李*记答复过，这次的答复也已发到网格3群。"),
        (G3, "答复「需要带什么吗」：也可以请家里人代为参加\n——幸福里社区 张网格"),
    ]
    # A command in reply to it is that command, not an answer.
    listed = chat.deliver(
        replace(
            chat.adapter.message("李书记", "私聊", "议事会"), reply_to=QuotedMessage("d1", bot, dm)
        )
    )
    assert listed[0][1].startswith("进行中的议事会和表决：")
    assert chat.text("@李书记/私聊: 答复") == "近7天没有待答复的居民提问。"
    # In quiet hours the answer waits for the morning, as a notice does (and the sender still
    # learns someone answered before).
    chat.run_until(datetime(2026, 11, 24, 23, 0, tzinfo=SH))
    late = "答复「需要带什么吗」：周六见\n——幸福里社区 李书记"
    assert chat.say("@李书记/私聊: 答复 1 周六见")[0] == (
        "私聊·李书记",
        "问1 之前已由张*格答复过；现在是安静时段，这次的答复11月25日 7:30 发到网格3群。",
    )
    assert (G3, late) not in chat.sendable()
    chat.clock.set(datetime(2026, 11, 25, 7, 30, tzinfo=SH))
    assert (G3, late) in chat.sendable()


def test_a_choice_said_in_words_is_a_ballot_for_the_poll_open_in_the_group(
    chat: Conversation,
) -> None:
    chat.say("@李书记/工作群: 议事 停车难议事会 时间 周四19:00|周六10:00 截止 明天20:00 群 网格3")
    assert chat.say("@王芳/网格3群: 我选周六") == [(G3, "已记录：M1 选 2。")]
    assert chat.say("@陈楼长/网格3群: 两个都行") == []  # no number, no day: chatter
    assert chat.say("@陈楼长/网格3群: 1、2都行") == [(G3, "已记录：M1 选 1、2。")]
    assert chat.say("@张网格/网格3群: 周六可以吗") == []
    assert chat.say("@张网格/网格3群: 周日可以") == [
        (G3, "M1 没有周日的时间，请回复编号，例如：M1 1")
    ]
    assert chat.say("@赵网格/网格5群: 我选周六") == []  # no poll in this group
    assert "1. 11月26日 19:00 1票；2. 11月28日 10:00 2票（2人）" in chat.text(
        "@李书记/工作群: 查看 M1"
    )
    # A day with a part of it, the day first, or every time.
    assert chat.say("@孙大爷/网格3群: 周六我有空") == [(G3, "已记录：M1 选 2。")]
    assert chat.say("@吴姐/网格3群: 周四晚上可以") == [(G3, "已记录：M1 选 1。")]
    assert chat.say("@何老师/网格3群: 周六下午可以") == [
        (G3, "M1 没有周六下午的时间，请回复编号，例如：M1 1")
    ]
    assert chat.say("@钱阿姨/网格3群: 我两个时间都可以") == [(G3, "已记录：M1 选 1、2。")]
    assert chat.say("@何老师/网格3群: 周四晚上不行") == []
    assert "1. 11月26日 19:00 3票；2. 11月28日 10:00 4票（5人）" in chat.text(
        "@李书记/工作群: 查看 M1"
    )


def test_a_choice_said_in_words_with_two_polls_open_asks_which(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 第一次 时间 周六10:00|周六15:00 截止 明天20:00 群 网格3")
    assert chat.say("@王芳/网格3群: 周六可以") == [
        (G3, "M1 周六有几个时间（1、2），请回复编号，例如：M1 1")
    ]
    chat.say("@李书记/工作群: 投票 充电桩 选项 同意|反对 截止 周二20:00 公开 群 网格3")
    assert chat.say("@王芳/网格3群: 选1") == [
        (G3, "群里有2个投票（M1、M2），请写明编号，例如：M1 1")
    ]
    assert chat.text("@王芳/网格3群: 查看 M1").count("0票") == 2


def test_a_day_said_for_a_decision_vote_asks_for_its_number(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 投票 充电桩 选项 同意|反对 截止 周二20:00 公开 群 网格3")
    assert chat.say("@王芳/网格3群: 我选周六") == [(G3, "M1 是表决，请回复编号，例如：M1 1")]
    assert chat.say("@王芳/网格3群: 我投1") == [(G3, "已记录：M1 选 1。")]


def test_an_option_said_in_words_is_a_ballot_for_the_vote_open_in_the_group(
    chat: Conversation,
) -> None:
    chat.say("@李书记/工作群: 议事 停车难议事会 时间 周四19:00|周六10:00 截止 明天20:00 群 网格3")
    assert chat.say("@王芳/网格3群: 同意") == []  # agreeing with someone, near a time poll
    chat.say("@李书记/工作群: 投票 加装电梯 选项 同意|反对|弃权 截止 周五18:00 公开 群 网格3")
    assert chat.say("@王芳/网格3群: 我同意！") == [(G3, "已记录：M2 选 1。")]
    assert chat.say("@孙大爷/网格3群: 我投反对票") == [(G3, "已记录：M2 选 2。")]
    # With why after it, still the vote.
    assert chat.say("@李明/网格3群: 我反对，一楼采光受影响") == [(G3, "已记录：M2 选 2。")]
    assert chat.say("@陈楼长/网格3群: 支持") == []  # not one of the vote's options
    assert chat.say("@赵网格/网格5群: 同意") == []  # no vote in this group
    tally = chat.text("@李书记/工作群: 查看 M2")
    assert "1. 同意 1票；2. 反对 2票；3. 弃权 0票（3人）" in tally
    # When they close, asked in the group: each poll open there.
    assert chat.text("@王芳/网格3群: 投票结果什么时候出来").splitlines() == [
        "🗳 M1 停车难议事会 投票截止 11月24日 20:00，截止后公布结果。",
        "🗳 M2 加装电梯 投票截止 11月27日 18:00，截止后公布结果。",
    ]
    assert chat.say("@赵网格/网格5群: 投票什么时候截止") == []  # none open there
    # Asked as staff ask it (whose answer is the meetings under way), the same for a resident.
    assert chat.text("@王芳/网格3群: 投票结果出来了吗") == chat.text(
        "@王芳/网格3群: 投票结果什么时候出来"
    )


def test_a_vote_with_its_options_numbered_as_a_list_and_answered_by_their_words(
    chat: Conversation,
) -> None:
    called = chat.say(
        "@李书记/工作群: 投票 停车方案 1.划线增加车位 2.错峰停车 3.建立体车库 截止 周五18:00 "
        "公开 群 网格3"
    )
    assert called[1][0] == G3
    assert called[1][1].splitlines()[:4] == [
        "🗳 M1 停车方案 · 表决",
        "1. 划线增加车位",
        "2. 错峰停车",
        "3. 建立体车库",
    ]
    assert chat.say("@王芳/网格3群: 选错峰停车") == [(G3, "已记录：M1 选 2。")]
    assert chat.say("@孙大爷/网格3群: 我觉得第三个好") == [(G3, "已记录：M1 选 3。")]
    assert chat.say("@刘阿姨/网格3群: 我支持划线增加车位") == [(G3, "已记录：M1 选 1。")]
    assert chat.say("@钱阿姨/网格3群: 选个好日子") == []  # no option of that name
    # Numbered after 选项 too, with 、 or ① ②.
    second = chat.say("@李书记/工作群: 投票 垃圾分类 选项 1、定时投放 2、随时投放 截止 周五18:00")
    assert second[0][1].splitlines()[1:3] == ["1. 定时投放", "2. 随时投放"]
    third = chat.say("@李书记/工作群: 投票 楼道灯 ①声控 ②常亮 截止 周五")
    assert third[0][1].splitlines()[1:3] == ["1. 声控", "2. 常亮"]
    # One item is no list: the usage.
    assert chat.text("@李书记/工作群: 投票 停车方案 1.划线").startswith("用法：/vote ")


def test_a_meeting_sent_to_a_group_is_asked_after_there_in_few_words(
    chat: Conversation,
) -> None:
    chat.say("@李书记/工作群: 议事 周六上午9点 小区停车难怎么解决 地点：社区会议室")
    chat.say("@李书记/工作群: M1 发到 网格3")
    asked = chat.text("@刘阿姨/网格3群: 几点开始")
    assert asked.startswith("📅 M1 小区停车难怎么解决 定于 11月28日 9:00，地点：社区会议室。")
    assert chat.text("@孙大爷/网格3群: 在哪开") == asked
    assert chat.say("@孙大爷/网格5群: 几点开始") == []  # not sent there


def test_a_household_ballot_without_its_flat_counts_once_the_flat_is_given(
    chat: Conversation,
) -> None:
    chat.say("@李书记/工作群: 投票 加装电梯 选项 同意|反对 截止 周五18:00 每户一票 群 网格3")
    assert chat.text("@陈楼长/网格3群: M1 1").startswith(
        "已收到您对 M1 的选择。本次每户一票，请私聊我回复您家门牌号"
    )
    chat.say("@王芳/私聊: M1 2")
    assert "（0户）" in chat.text("@李书记/私聊: 查看 M1")  # kept, not yet counted
    assert chat.say("@王芳/私聊: 3号楼2单元301室") == [
        ("私聊·王芳", "已记下门牌 3-2-301，您对 M1 的投票已计入。")
    ]
    assert chat.text("@陈楼长/私聊: 我家是3-1-302") == "已记下门牌 3-1-302，您对 M1 的投票已计入。"
    assert "1. 同意 1票；2. 反对 1票（2户）" in chat.text("@李书记/私聊: 查看 M1")
    # Nobody's ballot waits any more: a flat alone is where she lives, remembered again.
    assert chat.text("@王芳/私聊: 3-2-301").startswith("好的，记下了：您家是3号楼2单元301室。")
    assert chat.text("@王芳/私聊: M1 1") == "已记录您对 M1 的投票（以最后一次为准）。"


def test_a_building_alone_is_no_household_for_a_vote(chat: Conversation) -> None:
    chat.say("@孙大爷/私聊: 我住3号楼")
    chat.say("@李书记/工作群: 投票 加装电梯 选项 同意|反对 截止 周五18:00 每户一票 群 网格3")
    # Two neighbours of 3号楼 who gave only the building are two households, once each flat
    # is given: the building alone counts nobody.
    assert chat.text("@孙大爷/私聊: M1 1").startswith("已收到您对 M1 的选择。本次每户一票")
    assert "（0户）" in chat.text("@李书记/私聊: 查看 M1")
    assert chat.text("@孙大爷/私聊: 3-1-101") == "已记下门牌 3-1-101，您对 M1 的投票已计入。"


def test_an_objection_said_in_words_goes_to_the_publicity_open(chat: Conversation) -> None:
    assert chat.say("@王芳/网格3群: 我有异议，凭什么") == []  # no 公示 open: chatter
    chat.say("@李书记/工作群: 议事 停车议事会 时间 周四19:00 截止 周三20:00 群 网格3")
    chat.say("@李书记/工作群: 结果 M1 决议 停车费100元/月")
    chat.say("@李书记/工作群: 公示 M1 5天")
    assert chat.say("@王芳/网格3群: 我有异议，100元太贵了！") == [
        (G3, "已记录您对 M1 的异议，书记会答复。"),
        (WORK, "M1 收到异议（王*）：100元太贵了！"),
    ]
    assert chat.text("@孙大爷/网格3群: 我有异议") == "请写明异议内容，例如：异议 M1 收费标准太高"
    assert chat.say("@孙大爷/网格3群: 有异议的请说") == []
    assert chat.say("@孙大爷/网格3群: 没有异议") == []
    assert chat.say("@孙大爷/网格3群: 异议 车位不够分") == [
        (G3, "已记录您对 M1 的异议，书记会答复。"),
        (WORK, "M1 收到异议（孙*爷）：车位不够分"),
    ]
    assert chat.say("@李明/网格3群: 我反对，车位应该先给老人") == [
        (G3, "已记录您对 M1 的异议，书记会答复。"),
        (WORK, "M1 收到异议（李*）：车位应该先给老人"),
    ]
    assert chat.say("@李明/网格3群: 他反对也没用") == []
    assert chat.say("@钱阿姨/私聊: 对这个决议有异议：没征求租户意见") == [
        ("私聊·钱阿姨", "已记录您对 M1 的异议，书记会答复。"),
        (WORK, "M1 收到异议（私信居民）：没征求租户意见"),
    ]
    # 「异议」 alone from staff: what it has had (as 查看 M1); a resident is asked for theirs.
    assert chat.text("@李书记/私聊: 异议") == chat.text("@李书记/私聊: 查看 M1")
    assert "异议：没征求租户意见（钱*姨）" in chat.text("@李书记/私聊: 异议")
    chat.say("@李书记/工作群: 议事 充电桩议事会 时间 周四19:00 截止 周三20:00 群 网格3")
    chat.say("@李书记/工作群: 结果 M2 决议 装10个充电桩")
    chat.say("@李书记/工作群: 公示 M2 5天")
    assert chat.text("@王芳/网格3群: 我有异议，太少了") == (
        "现在有2个公示（M1、M2），请写明编号，例如：异议 M1 内容"
    )
    ended = [text for _, where, text in chat.run_until(at(12, 1, 12)) if "公示期满" in text]
    assert ended and all("📢 M1 停车议事会 公示期满，收到异议4条" in text for text in ended)


def test_a_meeting_moved_or_called_off_tells_its_groups_and_its_reminders_follow(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 小区停车位太少了")
    chat.say("@李书记/工作群: 议事 停车议事会 周四19:00 罐罐茶 #1")
    chat.say("@王芳/网格3群: 我参加")
    assert chat.say("@李书记/工作群: M1改到周五晚上7点，周四下雨") == [
        (WORK, "已把 M1 改期，已通知1个群，并提醒了报名的1人。"),
        (
            G3,
            "📅 M1 停车议事会 改到 11月27日 19:00（原定 11月26日 19:00），地点：罐罐茶。原因：周四下雨",
        ),
    ]
    assert chat.text("@王芳/网格3群: 几点开会").startswith("📅 M1 停车议事会 定于 11月27日 19:00")
    # The issue on its agenda waits for it: due a 复杂 one's time after it, moved with it.
    assert "🟢 期限：12月2日" in chat.text("@李书记/工作群: 查看 1")
    # 改期 of an issue's number is its deadline's 延期.
    assert chat.say("@李书记/工作群: 改期 1 周五")[0] == (
        WORK,
        "#1 的期限由 12月2日 改为 11月27日。",
    )
    moved = chat.say("@李书记/工作群: 1号改期到下周一")[0]
    assert moved == (WORK, "#1 的期限由 11月27日 改为 11月30日。")
    # The attendees' reminders come before the new time, none before the old one.
    reminded = [(w, where) for w, where, text in chat.run_until(at(11, 27, 19)) if "开 M1" in text]
    assert reminded == [("11-26 19:00", G3), ("11-27 18:00", G3)]
    # Only staff move or call off a meeting, and not one held already.
    assert chat.text("@王芳/网格3群: 改期 M1 周六10:00") == "只有网格员及以上可以议事会改期。"
    chat.clock.set(at(11, 27, 20))
    assert chat.text("@李书记/工作群: 取消会议 M1") == "M1 已经开过了，不能再改期或取消。"

    # A poll called off: its groups are told, and it neither closes nor nudges later.
    chat.say("@李书记/工作群: 议事 充电桩议事会 时间 周一19:00|周二19:00 截止 周日20:00 群 网格3")
    assert chat.text("@李书记/工作群: 改期 M2 周三19:00").startswith("M2 的时间还没定下来")
    assert chat.say("@李书记/工作群: 取消M2") == [
        (WORK, "已取消 M2，已通知1个群。"),
        (G3, "📅 M2 充电桩议事会取消了。"),
    ]
    assert [f for f in news(chat.run_until(at(12, 2, 12))) if "M2" in f[2]] == []
    assert chat.text("@王芳/网格3群: M2 1") == "M2 的投票已截止。"
    assert "已取消" in chat.text("@李书记/工作群: 查看 M2").splitlines()[0]


def test_a_meeting_moved_or_called_off_by_its_kind_is_the_one_still_to_come(
    chat: Conversation,
) -> None:
    assert chat.text("@李书记/工作群: 议事会改到周日下午3点") == "没有待开的会议。"
    chat.say("@李书记/网格3群: 召开议事会 周六上午9点 社区活动室 议题：加装电梯")
    assert chat.say("@李书记/工作群: 议事会改到周日下午3点") == [
        (WORK, "已把 M1 改期，已通知1个群。"),
        (G3, "📅 M1 加装电梯议事会 改到 11月29日 15:00（原定 11月28日 9:00），地点：社区活动室。"),
    ]
    # Asking where it went is no move: its time and place, for anyone.
    for asked in ("议事会改到哪天了", "议事会改到几点了？"):
        assert chat.text(f"@王芳/网格3群: {asked}").startswith(
            "📅 M1 加装电梯议事会 定于 11月29日 15:00，地点：社区活动室。"
        ), asked
    # The hour alone keeps its day; the place alone keeps its time.
    assert chat.say("@李书记/工作群: 议事会改到下午2点")[1] == (
        G3,
        "📅 M1 加装电梯议事会 改到 11月29日 14:00（原定 11月29日 15:00），地点：社区活动室。",
    )
    assert chat.say("@李书记/工作群: 议事会地点改到罐罐茶") == [
        (WORK, "已把 M1 的地点改好，已通知1个群。"),
        (G3, "📍 M1 加装电梯议事会 地点改到 罐罐茶（原定 社区活动室），时间不变：11月29日 14:00。"),
    ]
    assert chat.text("@李书记/工作群: M1地点改到罐罐茶") == "M1 的地点已经是 罐罐茶。"
    assert chat.text("@王芳/网格3群: 议事会在哪开").startswith(
        "📅 M1 加装电梯议事会 定于 11月29日 14:00，地点：罐罐茶。"
    )
    chat.say("@李书记/网格5群: 召开板凳会 周五晚上7点 罐罐茶 议题：停车")
    # Of that kind if one is; of several, which one is asked.
    assert chat.say("@李书记/工作群: 取消板凳会") == [
        (WORK, "已取消 M2，已通知1个群。"),
        ("网格5群", "📅 M2 停车板凳会（原定 11月27日 19:00）取消了。"),
    ]
    # Asked after in its group before the time it had: that it was called off.
    called_off = "📅 M2 停车板凳会（原定 11月27日 19:00）取消了。"
    assert chat.text("@孙大爷/网格5群: 会议取消了吗") == called_off
    assert chat.text("@孙大爷/网格5群: 几点开会") == called_off
    assert chat.text("@孙大爷/网格5群: 我参加") == "M2 已经取消了。"
    chat.say("@李书记/网格5群: 召开议事会 周五晚上7点 罐罐茶 议题：停车")
    assert chat.text("@李书记/工作群: 这次的议事会取消了") == (
        "是哪个会？请写编号：M1 加装电梯议事会、M3 停车议事会"
    )
    assert chat.text("@王芳/网格3群: 议事会取消了") == "只有网格员及以上可以取消议事会。"
    # Asked after by its kind: the one of that kind still to come, else the last one called.
    chat.say("@王芳/网格3群: 我参加")
    chat.say("@李书记/工作群: 取消会议 M3")
    assert chat.text("@李书记/工作群: 议事会有几个人报名") == chat.text("@李书记/工作群: 查看 M1")
    assert chat.text("@李书记/工作群: 板凳会情况怎么样") == chat.text("@李书记/工作群: 查看 M2")


def test_those_signed_up_are_reminded_when_the_secretary_asks(chat: Conversation) -> None:
    assert chat.text("@李书记/工作群: 提醒报名的人明天开会") == "没有待开的会议。"
    chat.say("@李书记/网格3群: 召开议事会 周六上午9点 社区活动室 议题：加装电梯")
    assert chat.text("@李书记/工作群: 提醒报名的人明天开会") == "M1 加装电梯议事会 还没有人报名。"
    chat.say("@王芳/网格3群: 我参加")
    # Posted again where it was, the attendees @-mentioned; the words add what is new.
    sent = chat.send("@李书记/工作群: 提醒一下参会的人，请带上身份证！")
    assert [shown(out) for out in sent] == [
        (
            WORK,
            "已把 M1 的时间地点再发到1个群，并提醒了报名的1人。会前一天和一小时还会自动提醒。",
        ),
        (
            G3,
            "⏰ 报名参加的请留意：11月28日 9:00 开 M1 加装电梯议事会，地点：社区活动室。"
            "请带上身份证！（李书记）",
        ),
    ]
    assert isinstance(sent[1], Reply)
    assert [person.name for person in sent[1].mentions] == ["王芳"]
    assert chat.say("@张网格/私聊: 提醒报名的人明天开会")[1] == (
        G3,
        "⏰ 报名参加的请留意：11月28日 9:00 开 M1 加装电梯议事会，地点：社区活动室。",
    )
    # Words too long for a group message are refused in one line, nothing sent.
    assert chat.say("@李书记/工作群: 提醒报名的人，" + "带伞" * 501) == [
        (WORK, "提醒内容最多1000字，请写简短些。")
    ]
    # A change is made with 改期, which tells them; nothing is sent.
    assert chat.say("@李书记/工作群: 通知报名的人会议改到下午了") == [
        (
            WORK,
            "改时间请发送「M1改到 新时间」，改地点发送「M1地点改到 新地点」，报名的人会收到通知。",
        )
    ]
    # Residents' words are theirs: nothing is posted.
    assert chat.say("@王芳/网格3群: 提醒报名的人明天开会") == []
    assert all(where == "私聊·王芳" for where, _ in chat.say("@王芳/私聊: 提醒报名的人明天开会"))
    # Its own reminders still come, once each.
    fired = [f for f in chat.run_until(at(11, 28, 10)) if "M1" in f[2] and "⏰" in f[2]]
    assert [when for when, _, _ in fired] == ["11-27 09:00", "11-28 08:00"]


def test_a_meeting_asked_after_in_words_is_shown(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 停车议事会 时间 周四19:00 地点 罐罐茶 群 网格3")
    chat.say("@李书记/工作群: 结果 M1 决议 停车费100元/月")
    chat.say("@李书记/工作群: 公示 M1 5天")
    chat.say("@王芳/网格3群: 异议 M1 太贵了")
    shown = chat.text("@李书记/工作群: 查看 M1")
    assert "异议 1 条" in shown
    assert chat.text("@李书记/工作群: M1有几条异议") == shown
    assert chat.text("@张网格/私聊: m1 怎么样了？") == shown
    assert chat.text("@李书记/工作群: 公示情况怎么样") == chat.text("@李书记/工作群: 议事会")
    assert chat.text("@李书记/私聊: 投票结果") == chat.text("@李书记/工作群: 议事会")
    assert chat.text("@李书记/私聊: M1投票结果") == shown
    assert chat.text("@李书记/工作群: M9怎么样了") == "没有找到 M9。"
    assert chat.say("@孙大爷/网格3群: M1怎么样了") == []  # neighbours talking in the group


def test_the_meetings_under_way_are_listed_with_where_each_stands(chat: Conversation) -> None:
    assert chat.text("@王芳/网格3群: 议事会") == "目前没有进行中的议事会或表决。"
    chat.say(
        "@李书记/工作群: 议事 停车难议事会 时间 周四19:00|周六10:00 截止 明天20:00 地点 罐罐茶 群 网格3"
    )
    chat.say("@李书记/工作群: 议事 楼道堆物议事会 时间 周四19:00|周六10:00 截止 明天20:00 群 网格3")
    chat.say("@李书记/工作群: 投票 加装电梯 选项 同意|反对 截止 11月27日18:00 群 网格3")
    assert chat.text("@王芳/网格3群: 会议") == (
        "进行中的议事会和表决：\n"
        "M1 停车难议事会 · 时间投票中，截止 11月24日 20:00，已有0人投票\n"
        "M2 楼道堆物议事会 · 时间投票中，截止 11月24日 20:00，已有0人投票\n"
        "M3 加装电梯 · 表决中，截止 11月27日 18:00，已有0人投票\n"
        "发送「查看 M编号」看详情。"
    )
    chat.say("@王芳/网格3群: M3 1")
    # 「还有谁没投」: how many have (a secret vote names nobody).
    assert "M3 加装电梯 · 表决中，截止 11月27日 18:00，已有1人投票" in chat.text(
        "@李书记/工作群: 还有谁没投"
    )
    chat.say("@王芳/网格3群: M1 2")
    chat.run_until(at(11, 24, 21))
    listed = chat.text("@李书记/工作群: 议事会").splitlines()
    assert listed[1:3] == [
        "M1 停车难议事会 · 定于 11月28日 10:00，罐罐茶，1人报名",  # who chose that time
        "M2 楼道堆物议事会 · 待定时间",
    ]
    chat.run_until(at(11, 28, 12))  # M1 held, M3's vote closed
    assert chat.text("@李书记/工作群: 会议列表").splitlines()[1:-1] == [
        "M1 停车难议事会 · 11月28日 10:00 已召开，待记录结果",
        "M2 楼道堆物议事会 · 待定时间",
    ]
    chat.say("@李书记/工作群: 结果 M1 决议 停车费100元/月")
    assert "M1 停车难议事会 · 已出结果，未公示" in chat.text("@李书记/工作群: 议事会")
    chat.say("@李书记/工作群: 公示 M1 5天")
    chat.say("@孙大爷/网格3群: 异议 M1 太贵")
    assert "M1 停车难议事会 · 公示中，至 12月3日，异议1条" in chat.text("@王芳/网格3群: 议事会")
    chat.run_until(at(12, 4, 12))
    assert "M1" not in chat.text("@王芳/网格3群: 议事会")  # the 公示 over: done


def test_a_meeting_called_with_one_time_is_fixed_at_once(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼没有电梯，老人上下楼太难了")
    fixed = (
        "📅 M1 加装电梯板凳会 定于 11月26日 19:00，地点：3号楼下。"
        "议题：#1 3号楼没有电梯，老人上下楼太难了。要参加请回复「我参加」。"
    )
    # Nothing to choose: no poll; the 截止 given with it is not needed.
    assert chat.say(
        "@李书记/工作群: 议事 加装电梯板凳会 议题 #1 时间 周四19:00 截止 明天20:00 "
        "地点 3号楼下 群 网格3"
    ) == [(WORK, "已定 M1 加装电梯板凳会 于 11月26日 19:00，已通知各群。"), (G3, fixed)]
    assert chat.say("@王芳/网格3群: 我选周四") == []  # no poll open in the group
    assert chat.text("@王芳/网格3群: M1 1") == "M1 已定于 11月26日 19:00，不用投票。"
    record = chat.text("@李书记/工作群: 查看 M1").splitlines()
    assert record[:2] == ["M1 加装电梯板凳会 · 已定时间", "时间：11月26日 19:00 · 地点：3号楼下"]
    assert not any(line.startswith("投票") for line in record), record
    # No nudge and no poll closing; the attendees are reminded a day and an hour before (the
    # latter together with Thursday's routine event).
    fired = [f for f in chat.run_until(at(11, 26, 20)) if "M1" in f[2]]
    assert [(when, where) for when, where, _ in fired] == [("11-25 19:00", G3), ("11-26 18:00", G3)]
    assert fired[0][2] == "⏰ 明天（11月26日 19:00）开 M1 加装电梯板凳会，地点：3号楼下。"
    assert "⏰ 一小时后（11月26日 19:00）开 M1 加装电梯板凳会，地点：3号楼下。" in fired[1][2]


def test_a_meeting_called_in_its_group_with_one_time_and_no_deadline_is_fixed(
    chat: Conversation,
) -> None:
    assert (
        chat.text("@李书记/网格3群: 议事 楼道堆物议事会 时间 周四19:00")
        == "📅 M1 楼道堆物议事会 定于 11月26日 19:00。要参加请回复「我参加」。"
    )
    assert chat.text("@李书记/网格3群: 查看 M1").startswith("M1 楼道堆物议事会 · 已定时间")
    later = [text for _, _, text in chat.run_until(at(11, 26, 12))]
    assert not any("时间投票" in text or "请书记定夺" in text for text in later), later
    # Two times still need a deadline for their poll.
    assert chat.text("@李书记/网格3群: 议事 停车议事会 时间 周四19:00|周六10:00") == (
        "2个时间要先投票定下来，请加上投票截止时间，例如：截止 明天20:00"
    )
    # Its times called 选项, as a vote's are, and listed with commas: the same.
    assert chat.text("@李书记/网格3群: 议事 停车议事会 选项 周四晚7点，周六上午9点") == (
        "2个时间要先投票定下来，请加上投票截止时间，例如：截止 明天20:00"
    )
    said = "@李书记/网格3群: 议事 停车议事会 选项 周四晚7点，周六上午9点 截止 今天18点"
    assert "M2 停车议事会 · 时间投票" in chat.say(said)[-1][1]


ASK_OUTCOME = "请记录结果：结果 M1 决议 …；… 行动 @单位 事项 期限"


def asked(fired: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return [f for f in fired if "请记录结果" in f[2]]


def test_after_a_polled_meeting_the_work_group_is_asked_for_its_outcome(
    chat: Conversation,
) -> None:
    chat.say("@李书记/工作群: 议事 停车难议事会 时间 周四19:00|周六10:00 截止 周三20:00 群 网格3")
    chat.say("@王芳/网格3群: M1 2")
    assert asked(chat.run_until(at(11, 28, 12, 59))) == []  # the poll closed: Saturday 10:00
    assert asked(chat.run_until(at(11, 29, 12))) == [
        ("11-28 13:00", WORK, f"M1 停车难议事会 已于11月28日 10:00 召开，{ASK_OUTCOME}")
    ]


def test_a_meeting_fixed_at_once_in_the_evening_is_asked_for_the_next_morning(
    chat: Conversation,
) -> None:
    chat.say("@李书记/工作群: 议事 加装电梯板凳会 时间 周四19:00 群 网格3")
    assert asked(chat.run_until(at(11, 28, 12))) == [
        ("11-27 07:30", WORK, f"M1 加装电梯板凳会 已于11月26日 19:00 召开，{ASK_OUTCOME}")
    ]


def test_a_time_decided_by_the_secretary_is_asked_for_once_at_its_own_time(
    chat: Conversation,
) -> None:
    chat.say("@李书记/工作群: 议事 楼道堆物议事会 时间 周四19:00|周六10:00 截止 周三20:00 群 网格3")
    chat.run_until(at(11, 25, 21))  # nobody answered
    chat.say("@李书记/工作群: 决定 M1 1")  # Thursday 19:00 …
    chat.say("@李书记/工作群: 决定 M1 2")  # … no, Saturday 10:00
    assert asked(chat.run_until(at(11, 29, 12))) == [
        ("11-28 13:00", WORK, f"M1 楼道堆物议事会 已于11月28日 10:00 召开，{ASK_OUTCOME}")
    ]


def test_a_meeting_whose_outcome_is_recorded_is_not_asked_for_it(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 停车议事会 时间 周四19:00 群 网格3")
    chat.say("@李书记/工作群: 议事 堆物议事会 时间 周四19:00 群 网格5")
    chat.run_until(at(11, 26, 21))
    chat.say("@李书记/工作群: 结果 M1 决议 停车费100元/月")
    assert [text.split(" 已于")[0] for _, _, text in asked(chat.run_until(at(11, 28, 12)))] == [
        "M2 堆物议事会"
    ]


def test_a_choice_said_in_words_privately_answers_the_poll_open_in_the_community(
    chat: Conversation,
) -> None:
    assert chat.text("@王芳/私聊: 同意").startswith("您好，我是邻里。")  # nothing open
    chat.say("@李书记/网格3群: 投票 加装电梯 选项 同意|不同意 截止 11月27日18:00")
    assert chat.text("@王芳/私聊: 同意") == "已记录您对 M1 的投票（以最后一次为准）。"
    assert chat.text("@孙大爷/私聊: 我选2") == "已记录您对 M1 的投票（以最后一次为准）。"
    chat.say("@李书记/工作群: 议事 停车难议事会 时间 周四19:00|周六10:00 截止 明天20:00 群 网格3")
    assert chat.text("@钱阿姨/私聊: 我选周六") == "已记录：M2 选 2。"  # a day: the time poll
    assert chat.text("@孙大爷/私聊: 我选1") == ("现在有2个投票（M1、M2），请写明编号，例如：M1 1")
    assert "1. 同意 1票；2. 不同意 1票（2人）" in chat.text("@李书记/工作群: 查看 M1")


def test_people_sign_up_for_a_meeting_coming_in_their_group(chat: Conversation) -> None:
    assert chat.say("@王芳/网格3群: 我参加") == []  # no meeting coming: chat
    chat.say("@李书记/工作群: 议事 加装电梯板凳会 时间 周四19:00 地点 3号楼下 群 网格3")
    signed = "已记下：您参加 M1 加装电梯板凳会（11月26日 19:00），共{}人报名。开会前会提醒您。"
    assert chat.text("@王芳/网格3群: 我参加！") == signed.format(1)
    assert chat.text("@陈楼长/网格3群: 算我一个") == signed.format(2)
    assert chat.text("@孙大爷/网格3群: 报名") == signed.format(3)
    assert chat.text("@孙大爷/网格3群: 我去不了") == "已取消您参加 M1 的报名。"
    assert chat.say("@王芳/网格3群: 我去") == []  # an exclamation
    assert chat.say("@赵网格/网格5群: 我参加") == []  # not called in this group
    assert "参加：王*、陈*长，共2人" in chat.text("@李书记/工作群: 查看 M1")
    # How many come: the list counts heads; one of the family may come in one's place.
    assert chat.text("@刘阿姨/网格3群: 我和老伴都去") == signed.format(4).replace(
        "您参加", "您家2人参加"
    )
    assert chat.text("@孙大爷/网格3群: 我去不了，我儿子去") == (
        signed.format(5).replace("您参加", "您家儿子代您参加")
    )
    assert "参加：王*、陈*长、刘*姨（2人）、孙*爷，共5人" in chat.text("@李书记/工作群: 查看 M1")
    chat.say("@李书记/工作群: 议事 楼道堆物议事会 时间 周六10:00 群 网格3")
    assert chat.text("@钱阿姨/网格3群: 我参加") == (
        "群里有几个会要开（M1、M2），请写明，例如：报名 M1"
    )
    assert chat.text("@钱阿姨/网格3群: 报名 M2").startswith("已记下：您参加 M2 楼道堆物议事会")


def test_a_chain_of_signing_up_signs_up_whoever_adds_to_it(chat: Conversation) -> None:
    """WeChat's 接龙: each one who adds a line posts the whole list again."""
    chain = "#接龙\n加装电梯板凳会报名\n\n1. 王芳"
    assert chat.say(f"@王芳/网格3群: {chain}") == []  # no meeting coming: chat
    chat.say("@李书记/工作群: 议事 加装电梯板凳会 时间 周四19:00 地点 3号楼下 群 网格3")
    signed = "已记下：您{}参加 M1 加装电梯板凳会（11月26日 19:00），共{}人报名。开会前会提醒您。"
    assert chat.text(f"@王芳/网格3群: {chain}") == signed.format("", 1)
    chain += "\n2. 孙大爷 2人"
    assert chat.text(f"@孙大爷/网格3群: {chain}") == signed.format("家2人", 3)
    assert chat.say("@钱阿姨/网格3群: #接龙 团购大米\n1. 钱阿姨 10斤") == []  # not the meeting's
    assert "参加：王*、孙*爷（2人），共3人" in chat.text("@李书记/工作群: 查看 M1")


def test_a_meeting_called_with_an_issue_number_first_and_decided_in_plain_words(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 小区停车位太少，晚上回来没地方停")
    # The issue by its number alone, a known place before the title: each where it belongs.
    replies = chat.say("@李书记/工作群: 议事 1 周四19:00 罐罐茶 停车位怎么规划")
    assert replies == [
        (WORK, "已定 M1 停车位怎么规划 于 11月26日 19:00，已通知各群。"),
        (
            G3,
            "📅 M1 停车位怎么规划 定于 11月26日 19:00，地点：罐罐茶。"
            "议题：#1 小区停车位太少，晚上回来没地方停。要参加请回复「我参加」。",
        ),
    ]
    # No title: the issue's category names it.
    called = chat.say("@李书记/工作群: 议事 1号 周五19:00 罐罐茶")
    assert called[0] == (WORK, "已定 M2 停车通行议事会 于 11月27日 19:00，已通知各群。")
    # A number that is no issue is a word of the title; 「#9」 must be an issue.
    called = chat.say("@李书记/工作群: 议事 2027预算 周五15:00 会议室")
    assert called[0][1].startswith("📅 M3 2027预算")
    assert chat.text("@李书记/工作群: 议事 停车 周五15:00 #9") == "没有找到 #9。"
    # 结果 without the word 决议: what it says is the decision.
    # With no action item, nothing will close the issue on its own: the secretary is told,
    # and how to make 物业's work one.
    assert chat.say("@李书记/工作群: 结果 M1 采纳方案一，物业两周内划线") == [
        (
            WORK,
            "M1 停车位怎么规划 结果已记录：决议1条，行动事项 无。\n"
            "议题 #1 仍未办结：落实后请发送「办结 编号 结果」。\n"
            "决议提到了物业：要派单跟踪落实，请加上行动事项再记一次："
            "结果 M1 决议 采纳方案一 行动：物业两周内划线",
        ),
        (G3, "#1 已在 M1 停车位怎么规划 议定：采纳方案一，物业两周内划线。"),
    ]
    published = chat.say("@李书记/工作群: 公示 M1 5天")
    assert any(
        where == G3 and "决议：采纳方案一，物业两周内划线" in text for where, text in published
    )


def test_a_meeting_called_with_the_word_of_the_list_is_called(chat: Conversation) -> None:
    """「议事会 时间 地点 标题」 from staff calls it, as 议事 does (the list's word ignored what
    came after it); asked after, or from a resident, it is the list."""
    replies = chat.say("@李书记/工作群: 议事会 周四晚7点 罐罐茶 停车位划线 网格3群")
    assert replies == [
        (WORK, "已定 M1 停车位划线 于 11月26日 19:00，已通知各群。"),
        (G3, "📅 M1 停车位划线 定于 11月26日 19:00，地点：罐罐茶。要参加请回复「我参加」。"),
    ]
    listed = [
        "进行中的议事会和表决：",
        "M1 停车位划线 · 定于 11月26日 19:00，罐罐茶",
        "发送「查看 M编号」看详情。",
    ]
    assert chat.text("@李书记/工作群: 议事会 什么时候开").splitlines() == listed
    assert chat.text("@王芳/网格3群: 议事会 周五晚7点 罐罐茶").splitlines() == listed


def test_a_vote_called_in_plain_words(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 小区停车位太少，晚上回来没地方停")
    chat.say("@李书记/工作群: 议事 1 周四19:00 罐罐茶 停车位怎么规划")
    # For a meeting, by its number: its title, in its groups; when it closes must be said.
    options = "方案一划线增加车位/方案二错峰停车/方案三不变"
    assert chat.text(f"@李书记/工作群: 投票 M1 {options}") == (
        f"请写明投票什么时候截止，例如：投票 停车位怎么规划 {options} 截止 周五18:00"
    )
    called = chat.say(f"@李书记/工作群: 投票 M1 {options} 周五18:00")
    assert called[0] == (WORK, "已在各群发起 M2 停车位怎么规划 的投票。")
    assert called[1][0] == G3
    assert called[1][1].splitlines()[:4] == [
        "🗳 M2 停车位怎么规划 · 表决",
        "1. 方案一划线增加车位",
        "2. 方案二错峰停车",
        "3. 方案三不变",
    ]
    assert "截止 11月27日 18:00" in called[1][1]
    # A title of its own, options with 、, and the words a vote may carry.
    poll = chat.text("@李书记/网格3群: 投票 充电桩 同意、反对、弃权 明天18:00 每户一票")
    assert poll.startswith("🗳 M3 充电桩 · 表决\n1. 同意\n2. 反对\n3. 弃权\n规则：过半，每户一票")
    assert chat.text("@李书记/网格3群: 投票 充电桩 明天18:00").startswith("用法：/vote")
    assert chat.text("@李书记/网格3群: 投票 M9 同意/反对 明天18:00") == "没有找到 M9。"
    # Said in clauses: commas part it, its close may end 截止, and 发到 names its groups.
    called = chat.say(
        "@李书记/工作群: 发起投票：是否同意加装电梯，同意/反对，周五晚上8点截止，发到网格5"
    )
    assert called[0] == (WORK, "已在各群发起 M4 是否同意加装电梯 的投票。")
    assert called[1][0] == G5 and "截止 11月27日 20:00" in called[1][1]
    # Options with a comma between them, said with spaces, are still the options.
    assert chat.text("@李书记/网格3群: 投票 停车方案 同意，反对 明天18:00").startswith(
        "🗳 M5 停车方案 · 表决\n1. 同意\n2. 反对"
    )


def test_a_meeting_called_in_plain_words_goes_to_the_groups_of_its_issues(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 小区停车位太少，晚上回来没地方停")
    fixed = (
        "📅 M1 停车难 定于 11月28日 9:00，地点：罐罐茶。"
        "议题：#1 小区停车位太少，晚上回来没地方停。要参加请回复「我参加」。"
    )
    # The title first, then its time, place and issues in any order, without 时间/地点/议题.
    assert chat.say("@李书记/工作群: 议事 停车难 周六上午9点 罐罐茶 #1") == [
        (WORK, "已定 M1 停车难 于 11月28日 9:00，已通知各群。"),
        (G3, fixed),
    ]
    # Its group asks when and where; another group, or words about nothing, stay chat.
    told = "📅 M1 停车难 定于 11月28日 9:00，地点：罐罐茶。\n要参加请回复「我参加」。"
    assert chat.say("@孙大爷/网格3群: 几点开会？") == [(G3, told)]
    assert chat.say("@孙大爷/网格3群: 开会在哪里") == [(G3, told)]
    # Whether it is still on: when it is.
    for asked in ("今天开会吗", "会议取消了吗", "会还开吗"):
        assert chat.say(f"@孙大爷/网格3群: {asked}") == [(G3, told)], asked
    assert chat.say("@孙大爷/网格3群: 快递取消了吗") == []
    assert chat.say("@孙大爷/网格5群: 几点开会") == []
    assert chat.say("@孙大爷/网格3群: 现在几点了") == []
    # Its day said, the time of the one that day; another day, chat.
    assert chat.say("@孙大爷/网格3群: 周六几点") == [(G3, told)]
    assert chat.say("@孙大爷/网格3群: 28号上午几点开始") == [(G3, told)]
    assert chat.say("@孙大爷/网格3群: 周五几点") == []
    # The day of the week asked is said.
    assert chat.text("@孙大爷/网格3群: 议事会是周几").startswith(
        "📅 M1 停车难 定于 11月28日 9:00（周六），地点：罐罐茶。"
    )
    # How many have signed up, never who (a neighbour asks it).
    signups = "📅 M1 停车难 定于 11月28日 9:00，地点：罐罐茶。{}\n要参加请回复「我参加」。"
    assert chat.text("@孙大爷/网格3群: 有几个人报名了") == signups.format("还没有人报名。")
    assert chat.say("@王芳/网格3群: 我参加，2个人")
    for asked in ("有几个人报名了", "报名的人多吗", "谁报名了？"):
        assert chat.text(f"@孙大爷/网格3群: {asked}") == signups.format("已有2人报名。"), asked
    # Without a time it is still the usage line; without issues, the calling group alone.
    assert chat.text("@李书记/工作群: 议事 停车难 罐罐茶").startswith("用法：/meeting")
    assert chat.say("@李书记/工作群: 议事 周例会 周四下午3点 会议室") == [
        (WORK, "📅 M2 周例会 定于 11月26日 15:00，地点：会议室。要参加请回复「我参加」。"),
        (WORK, ONLY_HERE.format(number=2)),
    ]
    # A group or grid named among the words is where it is sent, not part of its place.
    assert chat.say("@李书记/工作群: 议事 垃圾分类 周六上午9点 社区会议室 网格5群") == [
        (WORK, "已定 M3 垃圾分类 于 11月28日 9:00，已通知各群。"),
        (
            "网格5群",
            "📅 M3 垃圾分类 定于 11月28日 9:00，地点：社区会议室。要参加请回复「我参加」。",
        ),
    ]
    sent = chat.say("@李书记/工作群: 议事 加装电梯 周五下午3点 活动室 发到全部")
    assert [where for where, _ in sent] == [WORK, G3, G5, RESIDENTS]
    assert chat.say("@李书记/工作群: 议事 楼道清理 周五上午9点 网格3 3号楼下")[1] == (
        G3,
        "📅 M5 楼道清理 定于 11月27日 9:00，地点：3号楼下。要参加请回复「我参加」。",
    )
    # Its issues after the word 议题, the rest plain: the usage line (or a bare 议事会, its
    # topic lost) before.
    assert chat.say("@李书记/工作群: 议事会 周五晚上7点 社区会议室 议题 1")[0] == (
        WORK,
        "已定 M6 停车通行议事会 于 11月27日 19:00，已通知各群。",
    )
    assert chat.say("@李书记/工作群: 议事会 周四晚上7点 社区会议室 讨论停车位 议题 1")[0] == (
        WORK,
        "已定 M7 停车位议事会 于 11月26日 19:00，已通知各群。",
    )


def test_an_outcome_put_right_keeps_its_tasks_and_calls_off_the_dropped_ones(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 小区停车位太少，晚上回来没地方停")
    chat.say("@李书记/工作群: 议事 停车难 周四上午9点 罐罐茶 #1")
    chat.run_until(at(11, 26, 12))
    # An action item as it is said: the unit, then what it does.
    recorded = chat.say(
        "@李书记/工作群: 结果 M1 决议：划定20个临时车位，每月100元 "
        "行动：物业负责划线 12月5日；街道城管办负责查违停 月底"
    )
    assert recorded[0] == (WORK, "M1 停车难 结果已记录：决议1条，行动事项 #2、#3。")
    assert (
        "私聊·刘物业",
        "新任务 #2（M1 停车难 决议）：划线，期限 12月5日。办好后发送「办结 2 结果」。",
    ) in recorded
    # Put right: the same task is the same issue (its deadline moved); one dropped is called
    # off and its holder told; nothing is assigned twice.
    again = chat.say(
        "@李书记/工作群: 结果 M1 决议：划定20个临时车位，每月80元 行动：物业负责划线 12月4日"
    )
    assert again[0] == (WORK, "M1 停车难 结果已记录：决议1条，行动事项 #2。")
    assert ("私聊·周主任", "#3（M1 停车难 决议）已取消：结果已更正，不用再办。") in again
    assert ("私聊·刘物业", "#2（M1 停车难 决议）的期限改为 12月4日。") in again
    assert not any(text.startswith("新任务") for _, text in again)
    assert chat.text("@李书记/工作群: 查看 3").startswith("#3【")
    assert "已退回" in chat.text("@李书记/工作群: 查看 3").splitlines()[0]
    assert "期限：12月4日" in chat.text("@李书记/工作群: 查看 2")
    assert "每月80元" in chat.text("@李书记/工作群: 查看 M1")


def test_a_meeting_called_for_the_work_group_alone_is_sent_on_to_the_residents(
    chat: Conversation,
) -> None:
    """Called in the work group without 群, a meeting stays there (chat-protocol §6: the
    current group), and the secretary is told how to send it on: 「M1 发到 全部」 posts it in
    every residents' group, where people then sign up; a poll goes on as a poll."""
    called = chat.say("@李书记/工作群: 议事 下周三晚上7点 社区活动室 讨论3号楼加装电梯")
    fixed = (
        "📅 M1 3号楼加装电梯议事会 定于 12月2日 19:00，地点：社区活动室。要参加请回复「我参加」。"
    )
    assert called == [(WORK, fixed), (WORK, ONLY_HERE.format(number=1))]
    assert chat.say("@王芳/网格3群: 我报名") == []  # nothing of it there yet
    assert chat.say("@李书记/工作群: M1 发到全部") == [
        (WORK, "已把 M1 3号楼加装电梯议事会 发到 网格3群、网格5群、幸福里居民群。"),
        (G3, fixed),
        (G5, fixed),
        (RESIDENTS, fixed),
    ]
    assert chat.text("@王芳/网格3群: 我报名").startswith("已记下：您参加 M1")
    assert chat.text("@王芳/网格3群: 议事会是讨论什么的").startswith("📅 M1 3号楼加装电梯议事会")
    assert chat.text("@李书记/工作群: 发到 M1 网格3") == "M1 已经在这些群里了。"
    assert chat.text("@王芳/网格3群: 发到 M1 全部") == "只有网格员及以上可以把议事会发到别的群。"
    # A time poll goes on as a poll, to the groups named (「和」 between them is fine).
    chat.say("@李书记/工作群: 议事 停车议事会 时间 周四19:00|周六10:00 截止 周三20:00")
    shared = chat.say("@李书记/工作群: 把M2发到网格3群和网格5群")
    assert shared[0] == (WORK, "已把 M2 停车议事会 发到 网格3群、网格5群。")
    assert [where for where, _ in shared[1:]] == [G3, G5]
    assert shared[1][1].startswith("📅 M2 停车议事会 · 时间投票")
    assert chat.text("@王芳/网格5群: M2 1") == "已记录：M2 选 1。"
    # A place's name holding a part's word is the place: 「党群服务中心」 is not 「群 服务中心」.
    called = chat.say("@李书记/工作群: 议事 停车难 周六上午9点 党群服务中心 群 全部")
    assert called[0] == (WORK, "已定 M3 停车难 于 11月28日 9:00，已通知各群。")
    assert "地点：党群服务中心" in called[1][1]
    # Once held, it goes nowhere new.
    chat.run_until(at(12, 2, 20))
    assert chat.text("@李书记/工作群: M1 发到 网格3") == "M1 已经结束或取消，不能再发到别的群。"


def test_an_issue_on_the_agenda_is_not_pressed_while_it_waits_for_its_meeting(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 小区停车位太少，晚上回来没地方停")  # due Thursday the 26th
    chat.say("@李书记/工作群: 议事 停车议事会 周四19:00 罐罐茶 #1")
    shown = chat.text("@李书记/工作群: 查看 1")
    assert shown.startswith("#1【停车通行】已受理") and "🟢 期限：12月1日" in shown
    assert "列入议题（待受理→已受理）：M1 停车议事会" in shown
    # Taken up: the report earns its points, and nobody is pressed to 派单 it around the
    # meeting (its own deadline was the day of it).
    assert "+5 #1 报事被受理" in chat.text("@王芳/私聊: 我的积分")
    pressed = [f for f in chat.run_until(at(11, 27, 12)) if "#1" in f[2] and "派单" in f[2]]
    assert pressed == []
    # An outcome whose action items are all called off later closes nothing.
    chat.say("@李书记/工作群: 结果 M1 决议 划线 行动 @物业 3号楼划线 5个工作日")
    assert "期限：12月4日" in chat.text("@李书记/工作群: 查看 1")  # the action item's
    assert chat.say("@李书记/工作群: 结果 M1 决议 暂不划线")[0] == (
        WORK,
        "M1 停车议事会 结果已记录：决议1条，行动事项 无。\n"
        "议题 #1 仍未办结：落实后请发送「办结 编号 结果」。",
    )
    assert chat.text("@李书记/工作群: 查看 2").startswith("#2【")
    assert "已退回" in chat.text("@李书记/工作群: 查看 2").splitlines()[0]
    assert chat.text("@李书记/工作群: 查看 1").startswith("#1【停车通行】已受理")


def test_an_outcome_written_with_colons_and_stops_has_its_action_items(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 小区停车位太少，晚上回来没地方停")
    chat.say("@李书记/工作群: 议事 停车议事会 时间 周四19:00 地点 罐罐茶，群众广场旁 群 网格3")
    assert "地点：罐罐茶，群众广场旁" in chat.text("@李书记/工作群: 查看 M1")  # 群 is no part
    assert chat.say("@李书记/工作群: 结果 M1 决议：划定20个车位；行动：物业 划线 5个工作日")[0] == (
        WORK,
        "M1 停车议事会 结果已记录：决议1条，行动事项 #2。",
    )
    assert chat.text("@李书记/工作群: 查看 2").startswith("#2【")


def test_an_outcome_without_its_number_is_the_meeting_held_and_waiting_for_it(
    chat: Conversation,
) -> None:
    chat.say("@李书记/工作群: 议事 停车议事会 时间 周二19:00 地点 活动室 群 网格3")
    # Before it is held, the command with its number records it all the same.
    assert chat.text("@李书记/工作群: 结果 决议 划20个车位") == (
        "M1 停车议事会 还没开（11月24日 19:00）。已经议定的话，请写明编号：结果 M1 决议 划20个车位"
    )
    assert not any(
        line.startswith("决议") for line in chat.text("@李书记/工作群: 查看 M1").splitlines()
    )
    chat.run_until(at(11, 25, 9))
    assert chat.say("@李书记/工作群: 停车议事会结果：划20个车位；行动：物业 划线 5个工作日")[0] == (
        WORK,
        "M1 停车议事会 结果已记录：决议1条，行动事项 #1。",
    )
    assert "决议：划20个车位" in chat.text("@李书记/工作群: 查看 M1").splitlines()
    # Recorded: another needs its number, to put it right.
    assert chat.text("@李书记/工作群: 议事会开完了，决定划30个车位") == (
        "没有待记录结果的会。要改已记录的结果，请写明编号，例如：结果 M1 决议 …"
    )
    chat.say("@李书记/工作群: 议事 楼道议事会 时间 周三19:00 地点 活动室 群 网格3")
    chat.say("@李书记/工作群: 议事 电梯板凳会 时间 周三20:00 地点 3号楼下 群 网格3")
    chat.run_until(at(11, 26, 9))
    assert chat.text("@李书记/工作群: 结果 决议 清理楼道") == (
        "有几个会待记录结果（M2 楼道议事会、M3 电梯板凳会），请写明编号，例如：结果 M2 决议 …"
    )
    # Its kind says which.
    assert chat.say("@李书记/工作群: 板凳会结果：加装电梯先征求意见")[0] == (
        WORK,
        "M3 电梯板凳会 结果已记录：决议1条，行动事项 无。",
    )
    assert chat.text("@李书记/工作群: 结果 决议 清理楼道").startswith("M2 楼道议事会 结果已记录")
    # Among neighbours it is news, not a command; asked, it is a question.
    assert chat.say("@王芳/网格3群: 议事会结果：楼道要清理") == []
    assert "已出结果" in chat.text("@李书记/工作群: 议事会结果出来了吗")


def test_the_meeting_just_held_is_recorded_and_published_as_the_secretary_says_it(
    chat: Conversation,
) -> None:
    chat.say("@李书记/工作群: 议事 电梯议事会 时间 周二9:00 地点 活动室 群 网格3")
    chat.run_until(at(11, 24, 11))
    # 「把会议结果发到群里」 is its 公示, which wants the outcome first (it was taken for one).
    assert chat.text("@李书记/工作群: 把会议结果发到群里") == (
        "M1 还没有结果，请先发送「结果 M1 决议 …」。"
    )
    assert chat.say("@李书记/工作群: 会开完了，决定3号楼先加装电梯，费用按楼层分摊")[0] == (
        WORK,
        "M1 电梯议事会 结果已记录：决议1条，行动事项 无。",
    )
    assert "决议：3号楼先加装电梯，费用按楼层分摊" in chat.text("@李书记/工作群: 查看 M1")
    published = chat.say("@李书记/工作群: 公示一下结果")
    assert {where for where, _ in published} == {G3, "网格5群", "幸福里居民群", WORK}
    assert published[0][1].startswith("📢 公示：M1 电梯议事会\n决议：3号楼先加装电梯")
    # Among neighbours, or asked, nothing is recorded.
    assert chat.say("@王芳/网格3群: 会开完了，决定了吗") == []
    assert chat.say("@王芳/网格3群: 会开完了，定了吗") == []


def test_a_decision_said_as_settled_is_the_outcome(chat: Conversation) -> None:
    """「板凳会开完了，定了：…」 met silence (决定, 商定 … were read, 定了 was not)."""
    chat.say("@李书记/工作群: 议事 停车板凳会 时间 周二9:00 地点 活动室 群 网格3")
    chat.run_until(at(11, 24, 11))
    said = chat.say("@李书记/工作群: 板凳会开完了，定了：外来车辆晚上10点后禁止入内")
    assert said[0] == (WORK, "M1 停车板凳会 结果已记录：决议1条，行动事项 无。")
    assert "决议：外来车辆晚上10点后禁止入内" in chat.text("@李书记/工作群: 查看 M1")


def test_when_a_publicity_ends_is_asked_in_the_groups_it_went_to(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 明天下午3点 停车难 群 网格3")
    chat.run_until(datetime(2026, 11, 24, 18, tzinfo=SH))
    chat.say("@李书记/工作群: 议事会结果：划20个车位，每月收费100元")
    assert chat.say("@孙大爷/网格3群: 公示到什么时候") == []  # none open yet
    chat.say("@李书记/工作群: 公示 M1 5天")
    assert chat.text("@孙大爷/网格3群: 公示到什么时候") == (
        "📢 M1 停车难 公示期至 11月29日，有异议请回复「异议 M1 内容」。"
    )
    # What it decided: the 公示 whole (it met silence); elsewhere, chat.
    assert chat.text("@王芳/网格3群: 议事会结果是什么") == (
        "📢 公示：M1 停车难\n决议：划20个车位，每月收费100元\n"
        "公示期至 11月29日，有异议请回复「异议 M1 内容」。"
    )
    assert chat.say("@王芳/网格3群: 考试结果是什么") == []


def test_an_action_item_by_when_first_and_its_meeting_asked_after_in_words(
    chat: Conversation,
) -> None:
    chat.say("@李书记/工作群: 议事 明天下午3点 停车难 群 网格3")
    chat.run_until(datetime(2026, 11, 24, 18, tzinfo=SH))
    told = chat.say("@李书记/工作群: 结果 M1 决议：划20个车位；行动：物业周五前划线")
    assert (
        "私聊·刘物业",
        "新任务 #1（M1 停车难 决议）：划线，期限 11月27日。办好后发送「办结 1 结果」。",
    ) in told
    shown = chat.text("@李书记/工作群: 查看 M1")
    assert chat.text("@李书记/工作群: M1的行动事项有哪些") == shown
    assert chat.text("@李书记/工作群: M1的决议落实了吗") == shown
    assert "行动：#1 划线 · 物业 · 期限 11月27日 · 办理中" in shown


def test_an_action_item_within_a_span_has_that_span_as_its_deadline(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 明天下午3点 停车难 群 网格3")
    chat.run_until(datetime(2026, 11, 24, 18, tzinfo=SH))
    told = chat.say("@李书记/工作群: 结果 M1 决议：划20个车位；行动：物业两周内划线增加20个车位")
    assert (
        "私聊·刘物业",
        "新任务 #1（M1 停车难 决议）：划线增加20个车位，期限 12月8日。办好后发送「办结 1 结果」。",
    ) in told


def test_a_decision_giving_a_unit_work_without_an_action_item_says_how_to_track_it(
    chat: Conversation,
) -> None:
    chat.say("@李书记/工作群: 议事 明天下午3点 停车难 群 网格3")
    chat.run_until(datetime(2026, 11, 24, 18, tzinfo=SH))
    summary = chat.say("@李书记/工作群: M1的结果：同意划线增加20个车位，物业两周内完成")[0][1]
    assert summary.splitlines() == [
        "M1 停车难 结果已记录：决议1条，行动事项 无。",
        "决议提到了物业：要派单跟踪落实，请加上行动事项再记一次："
        "结果 M1 决议 同意划线增加20个车位 行动：物业两周内完成",
    ]
    # A decision naming no unit, or one with its action item, is not told so.
    chat.say("@李书记/工作群: 议事 后天下午3点 楼道 群 网格3")
    chat.run_until(datetime(2026, 11, 25, 18, tzinfo=SH))
    assert chat.text("@李书记/工作群: 结果 M2 决议 楼道杂物由居民自行清理") == (
        "M2 楼道 结果已记录：决议1条，行动事项 无。"
    )
    assert chat.say("@李书记/工作群: 结果 M1 决议 同意划线 行动 物业 划线 两周内")[0][1] == (
        "M1 停车难 结果已记录：决议1条，行动事项 #1。"
    )
    # A unit in no clause of its own: the template.
    chat.say("@李书记/工作群: 议事 周四下午3点 路灯 群 网格3")
    chat.run_until(datetime(2026, 11, 26, 18, tzinfo=SH))
    told = chat.text("@李书记/工作群: 结果 M3 决议 路灯请物业和城管一起看看")
    assert told.endswith("如：结果 M3 决议 路灯请物业和城管一起看看 行动 物业 任务 期限")
    # The command the hint gives, sent, makes 物业's clause the action item.
    chat.say("@李书记/工作群: 议事 周五下午3点 车位 群 网格3")
    chat.run_until(datetime(2026, 11, 27, 18, tzinfo=SH))
    chat.say("@李书记/工作群: 结果 M4 决议 同意划线增加20个车位，物业两周内完成")
    again = chat.say("@李书记/工作群: 结果 M4 决议 同意划线增加20个车位 行动：物业两周内完成")
    assert again == [
        (WORK, "M4 车位 结果已记录：决议1条，行动事项 #2。"),
        # The deadline took every word of it: the task is what was decided.
        (
            "私聊·刘物业",
            "新任务 #2（M4 车位 决议）：同意划线增加20个车位，期限 12月11日。"
            "办好后发送「办结 2 结果」。",
        ),
    ]


def test_staff_say_the_word_for_any_meeting_for_the_one_meant(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 停车位不足 11月26日下午3点 社区会议室 网格3群")
    chat.say("@孙大爷/网格3群: 我和老伴两个人参加")
    assert chat.text("@李书记/工作群: 会议情况").splitlines()[-1] == "参加：孙*爷（2人），共2人"
    assert "2人报名" in chat.text("@李书记/工作群: 报名情况")
    assert chat.say("@李书记/工作群: 会议改到11月27日下午3点")[1] == (
        G3,
        "📅 M1 停车位不足 改到 11月27日 15:00（原定 11月26日 15:00），地点：社区会议室。",
    )
    # 「会议改期 1」 is M1's, where 「改期 1」 would be issue #1's deadline.
    assert chat.text("@李书记/工作群: 会议改期 1 11月27日下午3点") == (
        "M1 本来就定在 11月27日 15:00。"
    )
    # 公示 before it is held: its outcome is still to come (it was the usage line).
    assert chat.text("@李书记/工作群: 公示一下") == "M1 还没有结果，请先发送「结果 M1 决议 …」。"
    # Its outcome before it is held: the command with its number, the words kept.
    assert chat.text("@李书记/工作群: 会议结果：增设20个车位") == (
        "M1 停车位不足 还没开（11月27日 15:00）。已经议定的话，请写明编号：结果 M1 增设20个车位"
    )
    chat.run_until(at(11, 27, 17))
    assert chat.say("@李书记/工作群: 会议结果：增设20个车位")[0] == (
        WORK,
        "M1 停车位不足 结果已记录：决议1条，行动事项 无。",
    )
    published = chat.say("@李书记/工作群: 公示一下")
    assert {where for where, _ in published} == {G3, G5, RESIDENTS, WORK}
    assert published[0][1].startswith("📢 公示：M1 停车位不足\n决议：增设20个车位\n")
    assert chat.text("@李书记/工作群: 公示一下") == "M1 停车位不足 已在公示，公示期至 12月2日。"
    assert chat.text("@李书记/工作群: 会议记录").startswith("M1 停车位不足 · 公示中")


def test_a_meeting_command_takes_its_number_without_the_m(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 停车位不足 明天下午3点 社区会议室 网格3群")
    chat.say("@李书记/工作群: 议事 楼道杂物 明天下午4点 社区会议室 网格3群")
    chat.run_until(at(11, 24, 17))
    assert chat.text("@李书记/工作群: 公示一下") == ("M2 还没有结果，请先发送「结果 M2 决议 …」。")
    assert chat.say("@李书记/工作群: 结果 1 增设20个车位")[0] == (
        WORK,
        "M1 停车位不足 结果已记录：决议1条，行动事项 无。",
    )
    chat.say("@李书记/工作群: 结果 M2 清理楼道杂物")
    assert chat.text("@李书记/工作群: 公示") == (
        "有几个会的结果还没公示（M1 停车位不足、M2 楼道杂物），请写明编号，例如：公示 M1"
    )
    assert chat.say("@李书记/工作群: 公示 1 3天")[0][1].endswith(
        "公示期至 11月27日，有异议请回复「异议 M1 内容」。"
    )
    assert chat.say("@李书记/工作群: 公示 5天")[0][1].startswith("📢 公示：M2 楼道杂物")


def test_an_action_item_said_in_clauses_keeps_its_deadline(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 停车位不足 明天下午3点 社区会议室 网格3群")
    chat.run_until(at(11, 24, 17))
    # Said as a decision: the command with the unit's clause, its deadline with it.
    assert chat.text("@李书记/工作群: 会议结果：增设20个车位，物业负责划线，月底前完成").endswith(
        "请加上行动事项再记一次：结果 M1 决议 增设20个车位 行动：物业负责划线，月底前完成"
    )
    replies = chat.say("@李书记/工作群: 结果 M1 决议 增设20个车位 行动：物业负责划线，月底前完成")
    assert replies[-1] == (
        LIU,
        "新任务 #1（M1 停车位不足 决议）：划线，期限 11月30日。办好后发送「办结 1 结果」。",
    )


def test_not_coming_said_with_an_apology_takes_one_off_the_list(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 停车位不足 11月26日下午3点 社区会议室 网格3群")
    chat.say("@王阿姨/网格3群: 我参加")
    assert chat.say("@王阿姨/网格3群: 不好意思，那天去不了了") == [(G3, "已取消您参加 M1 的报名。")]
    assert "参加：" not in chat.text("@李书记/工作群: 查看 M1")
    assert chat.say("@孙大爷/网格3群: 我去不了，你们去吧") == []  # said to neighbours


def test_a_meeting_is_asked_after_and_signed_up_for_privately(chat: Conversation) -> None:
    # Nothing coming: said so, not the greeting.
    assert chat.text("@孙大爷/私聊: 几点开会") == "目前没有进行中的议事会或表决。"
    assert chat.text("@孙大爷/私聊: 我想参加议事会") == (
        "目前没有要开的议事会。开会前会在群里通知，到时回复「我参加」就能报名。"
    )
    chat.say("@李书记/工作群: 议事 停车难 周六上午9点 罐罐茶 网格3")
    told = "📅 M1 停车难 定于 11月28日 9:00，地点：罐罐茶。\n要参加请回复「我参加」。"
    for asked in ("几点开会", "开会的时间是什么时候", "议事会在哪开"):
        assert chat.say(f"@孙大爷/私聊: {asked}") == [("私聊·孙大爷", told)], asked
    # Asked of the bot in a group the meeting was not sent to: none there, said so.
    assert (
        chat.text("@孙大爷/网格5群: @邻里 议事会什么时候开") == "目前没有发到本群的议事会或表决。"
    )
    assert chat.text("@孙大爷/网格3群: @邻里 议事会什么时候开") == told.replace("私聊·孙大爷", "")
    # 「我参加」 as it invites, there too.
    assert chat.text("@孙大爷/私聊: 我参加") == (
        "已记下：您参加 M1 停车难（11月28日 9:00），共1人报名。开会前会提醒您。"
    )
    assert "参加：孙*爷，共1人" in chat.text("@李书记/私聊: 查看 M1").splitlines()
    assert chat.text("@孙大爷/私聊: 我去不了") == "已取消您参加 M1 的报名。"


def test_a_poll_is_called_with_its_groups_sent_to_and_asked_for_its_close(
    chat: Conversation,
) -> None:
    # Several times and no close: said what is missing (it was the whole usage line).
    assert chat.text("@李书记/工作群: 议事 加装电梯 时间 周六上午9点/周日下午3点 地点 活动室") == (
        "2个时间要先投票定下来，请加上投票截止时间，例如：截止 明天20:00"
    )
    # 发到 names its groups, as 群 does (it was kept as more of the place).
    called = chat.say(
        "@李书记/工作群: 议事 加装电梯 时间 周六上午9点/周日下午3点 截止 周五20:00 地点 活动室 发到 网格3"
    )
    assert [where for where, _ in called] == [WORK, G3]
    assert "地点：活动室\n" in called[1][1]
    voted = chat.say("@李书记/工作群: 投票 停车收费 选项 同意/反对 截止 周五20:00 发到 网格5")
    assert [where for where, _ in voted] == [WORK, G5]
    # A neighbour asking the count so far is told when the poll closes.
    chat.say("@王芳/网格3群: 周六可以")
    assert chat.text("@孙大爷/网格3群: 现在几票了") == (
        "🗳 M1 加装电梯 投票截止 11月27日 20:00，截止后公布结果。"
    )


def test_a_resident_asking_whether_a_meeting_decided_is_shown_where_each_stands(
    chat: Conversation,
) -> None:
    chat.say("@李书记/网格3群: 召开议事会 周六上午9点 社区活动室 议题：加装电梯")
    before = chat.text("@孙大爷/私聊: 议事会的结果出来了吗")
    assert before == chat.text("@孙大爷/私聊: 议事会")
    assert "M1 加装电梯议事会 · 定于 11月28日 9:00" in before
    chat.run_until(at(11, 28, 12))
    chat.say("@李书记/工作群: 结果 M1 决议：同意加装电梯，下月开始施工")
    for asked in ("上次议事会定了什么", "投票结果出来了吗"):
        assert "M1 加装电梯议事会 · 已出结果" in chat.text(f"@孙大爷/私聊: {asked}"), asked
    assert "已出结果" in chat.text("@孙大爷/网格3群: @邻里 议事会有结果了吗")
    assert chat.say("@孙大爷/网格3群: 议事会有结果了吗") == []  # among neighbours
