"""Commands in chat (chat-protocol §4): help, show, and what happens when they are wrong."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.messages import Button, PersonRef, QuotedMessage, Reply
from storage.models import AuditEntry, InboundMessage
from storage.uow import UnitOfWork
from tests.support.conversation import Conversation, example_settings, monday_morning, shown


def test_help_lists_the_commands_and_the_console_syntax(chat: Conversation) -> None:
    text = chat.text("@王芳/网格3群: /help")
    assert "报事：消息里带 #报事" in text
    # One line a topic, of the commands this person may use.
    assert "查事项：台账、搜索、我的待办、查看\n" in text
    assert "受理" not in text and "群发" not in text
    assert "控制台：「@姓名/群名: 内容」" in text
    assert "代为立案" not in text  # residents cannot file for others
    assert len(text.splitlines()) <= 12
    # 「帮助 全部」: each command with what it does.
    every = chat.text("@王芳/网格3群: 帮助 全部")
    assert "查看 · /show — 查看事项详情和处理记录" in every
    assert "受理 · /accept" not in every


def test_help_for_the_secretary_fits_a_phone_screen(chat: Conversation) -> None:
    text = chat.text("@李书记/工作群: 帮助")
    assert "办事项：受理、派单、进展、办结" in text
    assert "通知提醒：群发、定时群发、更正通知、答复、提醒、办事指南、联系方式" in text
    assert len(text.splitlines()) <= 15
    # Every command the secretary may use is named in one topic or another.
    every = chat.text("@李书记/工作群: 帮助 全部")
    named = {line.split(" · ")[0] for line in every.splitlines() if " · /" in line}
    shown = "、".join(line.partition("：")[2] for line in text.splitlines())
    assert named - {"帮助"} <= set(shown.split("、")), named - set(shown.split("、"))


def test_help_for_a_topic_lists_its_commands_one_may_use(chat: Conversation) -> None:
    """「帮助 办事项」, a line of 帮助 asked after, was 「没有「办事项」这个命令」."""
    topic = chat.text("@李书记/工作群: 帮助 办事项").splitlines()
    assert topic[:2] == ["办事项：", "受理 · /accept — 受理并定级，级别决定期限"]
    assert len(topic) == 22  # its 20 commands, and how to ask of one
    mine = chat.text("@王芳/私聊: 帮助 反映和评价")
    assert "评价 · /rate — " in mine and "受理" not in mine
    assert (
        chat.text("@王芳/私聊: 帮助 设置") == "「设置」里没有您能用的命令。发送「帮助」看您能用的。"
    )


def test_help_for_a_worker_mentions_filing(chat: Conversation) -> None:
    assert "代为立案：回复居民的消息并写 #立案" in chat.text("@张网格/网格3群: 帮助")


def test_help_for_one_command_gives_its_usage(chat: Conversation) -> None:
    expected = "查看事项详情和处理记录。用法：/show 编号（或「查看 编号」），例如：查看 23"
    assert chat.text("帮助 查看") == expected
    assert chat.text("/help show") == expected
    assert chat.text("/help 飞") == "没有「飞」这个命令。发送 /help 查看可用命令。"
    # Asked in words, told in words (it was told /help).
    assert chat.text("帮助 天气") == "没有「天气」这个命令。发送「帮助」查看可用命令。"


def test_an_unknown_command_gets_one_line_of_help(chat: Conversation) -> None:
    assert chat.text("/frobnicate 3") == "没有「/frobnicate」这个命令。发送 /help 查看可用命令。"


def test_a_grid_there_is_none_of_is_answered_with_the_grids_there_are(chat: Conversation) -> None:
    told = "没有「网格9」这个网格，可以写：网格3、网格5。"
    for line in ("台账 网格9", "统计 本月 网格9", "群发 网格9 明天停水", "导出 本月 网格９"):
        assert chat.text(f"@李书记/工作群: {line}") == told, line
    assert chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")[0][1].startswith("已登记 #1")
    assert "#1" in chat.text("@李书记/工作群: 台账 网格3")  # a grid there is: as ever


def test_a_misspelt_command_is_told_the_one_meant_among_the_senders(chat: Conversation) -> None:
    assert chat.text("@李书记/私聊: /lsit 红") == (
        "没有「/lsit」这个命令，您是想用 /list 吗？发送 /help 查看可用命令。"
    )
    assert chat.text("@李书记/工作群: /assing 1 物业").startswith(
        "没有「/assing」这个命令，您是想用 /assign 吗？"
    )
    # A resident is not pointed to a command that is not theirs.
    assert chat.text("@王芳/私聊: /assing 1 物业") == (
        "没有「/assing」这个命令。发送 /help 查看可用命令。"
    )


def test_a_word_meaning_a_command_is_answered_with_the_command_not_run(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    # Staff's everyday words for a command, before an issue number: how it is said, in the
    # work group, privately and in the issue's group; nothing changes.
    assert chat.text("@李书记/工作群: 关闭 1") == (
        "没有「关闭」这个命令。请发送「办结 1 结果」：办结并请报事人评价。"
    )
    assert chat.text("@李书记/私聊: 完成1") == (
        "没有「完成」这个命令。请发送「办结 1 结果」：办结并请报事人评价。"
    )
    assert chat.text("@张网格/网格3群: 删除 1") == (
        "没有「删除」这个命令。请发送「退回 1 原因」：不予受理并告知原因。"
    )
    assert chat.text("@李书记/工作群: 分配 1 物业") == (
        "没有「分配」这个命令。请发送「派单 1 物业」：派给人或单位，可写期限。"
    )
    assert "待受理" in chat.text("@李书记/工作群: 查看 1")
    # Typed as a /command, or asked about with 帮助: the same answer.
    assert chat.text("@李书记/私聊: /关闭 1") == (
        "没有「/关闭」这个命令。请发送「办结 1 结果」：办结并请报事人评价。"
    )
    assert chat.text("@李书记/私聊: 帮助 关闭") == (
        "没有「关闭」这个命令。请发送「办结 编号 结果」：办结并请报事人评价。"
    )
    # The word means what the sender may do: the assignee's 删除 is 不归我管, the
    # reporter's 撤回; with the words of a result, a button sends it whole.
    chat.say("@李书记/工作群: 派单 1 物业")
    assert chat.text("@刘物业/工作群: 删除 1") == (
        "没有「删除」这个命令。请发送「不归我管 1 原因」：退给书记重新派单。"
    )
    (done,) = chat.send("@刘物业/工作群: 完成 1 灯换好了")
    assert isinstance(done, Reply)
    assert done.text == "没有「完成」这个命令。请发送「办结 1 灯换好了」：办结并请报事人评价。"
    assert done.buttons == (Button("办结", "/resolve 1 灯换好了"),)
    assert chat.text("@王芳/网格3群: 删除 1") == (
        "没有「删除」这个命令。请发送「撤回 1」：不用处理了：请网格员确认后结案。"
    )
    # In a group: a neighbour's word of someone else's issue, another grid's worker, a
    # number no issue has, or a word meaning nothing, stay chat.
    for line in (
        "@李四/网格3群: 删除 1",
        "@李四/网格3群: 关闭 1",
        "@赵网格/网格5群: 关闭 1",
        "@李书记/网格3群: 关闭 99",
        "@李书记/工作群: 还有 3",
    ):
        assert chat.say(line) == [], line
    assert chat.text("@李书记/工作群: 查看 1").startswith("#1【照明路灯】办理中")  # untouched


def test_the_words_residents_use_to_look_or_hurry_are_those_commands(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    for word in ("进度", "详情", "查询", "查"):
        assert chat.text(f"@王芳/网格3群: {word} 1").startswith("#1【照明路灯】待受理"), word
    assert chat.say("@王芳/网格3群: 查3号楼") == []  # a building, not an issue: chat
    chat.say("@李书记/工作群: 派单 1 物业")
    assert chat.say("@李书记/工作群: 催 1")[0] == ("工作群", "已催办 #1（物业）。")


def test_a_malformed_command_gets_its_usage(chat: Conversation) -> None:
    usage = "用法：/show 编号（或「查看 编号」），例如：查看 23"
    assert chat.text("/show") == usage
    assert chat.text("/show 第三个") == usage
    assert chat.text("/show 三") == "没有找到 #3。"  # a number said in Chinese
    assert chat.text("查看 #99") == "没有找到 #99。"


@pytest.mark.parametrize(
    ("typed", "usage"),
    [
        ("受理", "用法：/accept 编号"),
        ("派单", "用法：/assign 编号"),
        ("办结", "用法：/resolve 编号"),
        ("不归我管", "用法：/decline 编号"),
        ("派单 @刘物业 1", "用法：/assign 编号"),
        ("受理 第一个", "用法：/accept 编号"),
        ("公示 5天", "用法：/publish M编号"),
        ("结果 决议 取消固定车位", "用法：/outcome M编号"),
    ],
)
def test_a_command_word_alone_or_with_its_number_missing_gets_its_usage_not_silence(
    chat: Conversation, typed: str, usage: str
) -> None:
    assert chat.text(f"@李书记/工作群: {typed}").startswith(usage)


def test_a_tagged_report_starting_with_a_command_word_is_filed(chat: Conversation) -> None:
    assert chat.text("@王芳/网格3群: 上报 2号楼楼顶漏水 #报事").startswith("已登记 #1")


def test_a_resident_sees_only_their_own_issues_and_the_refusal_is_audited(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    assert chat.text("@孙大爷/网格3群: 查看 1") == "只能查看自己反映或关注的事项。"
    assert chat.text("@李书记/工作群: 查看 1").startswith("#1【排水管道】")
    with UnitOfWork(chat.linli.sessions) as uow:
        actions = list(uow.session.scalars(select(AuditEntry.action)))
    assert actions == ["filed", "refused:show"]


def test_a_failure_inside_a_handler_keeps_the_message_and_says_so(
    chat: Conversation, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(text: str) -> None:
        raise RuntimeError("analyser down")

    monkeypatch.setattr(chat.linli.services.analyzer, "analyze", broken)
    with caplog.at_level(logging.ERROR):
        reply = chat.text("@王芳/网格3群: #报事 3号楼井盖坏了")
    assert reply == "抱歉，处理这条消息时出错了，消息已保存，请稍后再试。"
    assert "analyser down" in caplog.text
    with UnitOfWork(chat.linli.sessions) as uow:
        kept = uow.session.scalars(select(InboundMessage)).one()
    assert (kept.text, kept.outcome) == ("#报事 3号楼井盖坏了", "failed")


def test_help_about_the_tags_explains_them(chat: Conversation) -> None:
    report = "报事：消息里带 #报事（或 #诉求 #求助 #投诉），例如：#报事 3号楼2单元下水道堵了"
    assert chat.text("@王芳/网格3群: 帮助 报事") == report
    assert chat.text("@王芳/网格3群: 帮助 #诉求") == report
    assert (
        chat.text("@张网格/网格3群: 帮助 立案") == "代为立案：回复居民的消息并写 #立案（或 /file）"
    )


def test_a_rating_in_chinese_numerals_counts(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    chat.say("@李书记/工作群: 派单 1 物业 明天")
    chat.say("@刘物业/私聊: 办结 1 已疏通")
    assert any("已销号" in text for _, text in chat.say("@王芳/网格3群: 评价 1 五分"))


def test_the_ledger_takes_a_category_by_part_of_its_name_and_a_page_as_written(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    chat.say("@王芳/网格3群: #报事 4号楼楼道灯坏了")
    listed = chat.text("@李书记/工作群: 台账 排水")
    assert "#1【排水管道】" in listed and "#2" not in listed
    assert chat.text("@李书记/工作群: 台账 第1页") == chat.text("@李书记/工作群: 台账 1")


def test_progress_told_of_several_issues_in_words_is_each_ones(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@孙大爷/网格5群: #报事 5号楼楼上天天半夜拖椅子")
    chat.say("@李书记/工作群: 派单 1 2 @刘物业")
    noted = chat.say("@刘物业/工作群: 1和2进展：已上门看过")
    assert [text for where, text in noted if where == "工作群"] == [
        "#1 进展：已上门看过\n#2 进展：已上门看过",
    ]
    # 办结 without its result: how it is said, and nothing done.
    assert chat.text("@刘物业/工作群: 1和2都办结了").startswith("用法：/resolve 编号 结果")
    assert chat.text("@李书记/工作群: 查看 2").startswith("#2【噪音扰民】办理中")
    # 「1号2号都修好了」: both named with no 和 between (「1号 3号楼的…」 is #1's, at 3号楼).
    assert chat.text("@刘物业/私聊: 1号2号都修好了") == (
        "#1、#2 都已办好的话，请发送「办结 1,2 修好了」；进展请一件一件发送「进展 编号 说明」。"
    )
    assert chat.text("@刘物业/私聊: 1号 3号楼的灯修好了").startswith("#1 已办好的话")


def test_a_holder_telling_the_neighbours_it_is_fixed_is_shown_the_command_privately(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@李书记/工作群: 派单 1 @刘物业")
    # Silence before; the group hears nothing more, the holder how to record it.
    assert chat.say("@刘物业/网格3群: 3号楼的灯已经修好了") == [
        (
            "私聊·刘物业",
            "#1 已办好的话，请发送「办结 1 3号楼的灯已经修好了」；"
            "还没办完请发送「进展 1 3号楼的灯已经修好了」。",
        )
    ]
    # Of something they do not hold, or from someone holding nothing: chat.
    assert chat.say("@刘物业/网格3群: 5号楼的井盖修好了") == []
    assert chat.say("@孙大爷/网格3群: 3号楼的灯已经修好了") == []


def test_a_command_ending_a_sentence_still_counts(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    assert chat.text("@张网格/网格3群: 受理 1！") == "#1 已受理（复杂），期限 11月26日。"
    assert chat.say("@张网格/网格3群: 派单 1 @刘物业 3天。")[0][1].startswith(
        "#1 已派单给 物业·刘*业，期限 11月26日"
    )
    assert chat.text("@张网格/网格3群: 台账。").startswith("幸福里社区网格3台账：未办结1条")
    assert chat.text("@张网格/网格3群: /list？").startswith("幸福里社区网格3台账：未办结1条")
    assert chat.text("@王芳/网格3群: 查看 1？").startswith("#1【排水管道】办理中")
    # The closing punctuation is not kept twice in what the bot repeats.
    assert chat.say("@刘物业/私聊: 办结 1 已疏通！")[0][1].startswith("#1 已办结：已疏通。请")


def test_staff_telling_of_an_issue_in_the_work_group_are_told_the_command(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@孙大爷/网格5群: #报事 5号楼楼上天天半夜拖椅子")
    assert chat.say("@张网格/工作群: 1 已上门看过，明天换灯") == [
        (
            "工作群",
            "#1 报进展请发送「进展 1 已上门看过，明天换灯」，报事人会收到；"
            "办好后再发送「办结 1 结果」。",
        )
    ]
    # Several at once: how to say it of each; a number that is no issue, said so.
    assert chat.text("@刘物业/工作群: 1和2都修好了") == (
        "#1、#2 都已办好的话，请发送「办结 1,2 修好了」；进展请一件一件发送「进展 编号 说明」。"
    )
    assert chat.text("@刘物业/私聊: 1号、9号已经处理完了") == "没有找到 #9。"
    # Words that say no more than that it is not theirs are no reason: one is asked for.
    assert chat.text("@刘物业/工作群: 1号不是我们管的") == (
        "#1 不归您管的话，请发送「不归我管 1 原因」，社区会改派。"
    )
    assert chat.text("@刘物业/私聊: 这个不归我们管 1") == (  # the number said last
        "#1 不归您管的话，请发送「不归我管 1 原因」，社区会改派。"
    )
    # To be handed on: the 派单 that does it.
    assert chat.text("@张网格/工作群: 1号要物业来修") == (
        "#1 要交给物业，请发送「派单 1 物业」，物业会收到派单通知。"
    )
    assert chat.text("@张网格/私聊: 1号需要住建局来处理") == (
        "#1 要交给住建局，请发送「派单 1 住建局」，住建局会收到派单通知。"
    )
    # Another grid's issue is its grid worker's: nothing to send back.
    assert chat.text("@张网格/工作群: 2号不是我们网格的") == (
        "#2 在网格5，由网格5的网格员办理，不用退回。"
    )
    assert chat.text("@赵网格/工作群: 2号不是我们网格的").startswith("#2 不归社区管的话")
    # More time with a deadline is the 延期 itself, as privately.
    moved = chat.say("@赵网格/工作群: 2号要等配件，延期到下周五")
    assert moved[0] == ("工作群", "#2 的期限由 11月26日 改为 12月4日，原因：要等配件。")
    # Spaces between the words, full-width marks: the same (the reason was 「延期」 before).
    moved = chat.say("@赵网格/工作群: ＃２ 延期 到下下周一")
    assert moved[0] == ("工作群", "#2 的期限由 12月4日 改为 12月7日。")
    # 办结 told with its result is the 办结; without one, how it goes.
    assert chat.say("@张网格/工作群: 1号办结了，灯换了")[0] == (
        "工作群",
        "#1 已办结：灯换了。请报事人评价：回复「评价 1 1-5分」，或「满意/基本满意/不满意」。",
    )
    assert chat.text("@赵网格/工作群: 2号办结了").startswith("用法：/resolve 编号 结果")
    # 进展 named after the number is that 进展, in their own words; asked, it is not.
    chat.say("@李书记/工作群: 受理 2")
    assert chat.say("@赵网格/工作群: 2号进展：已联系施工队，明天上门")[0] == (
        "工作群",
        "#2 进展：已联系施工队，明天上门",
    )
    assert chat.say("@赵网格/工作群: 2号的进展 等配件")[0] == ("工作群", "#2 进展：等配件")
    shown = chat.text("@赵网格/工作群: 2号进展怎么样了？")  # asked: the record, as 查看 2
    assert shown.startswith("#2【噪音扰民】已受理") and shown.count("进展：") == 2
    assert chat.text("@赵网格/工作群: 2号办结了吗") == shown  # asked, as 「修好了吗」
    # A building, a count, an unknown number, a resident, a grid group: chat.
    for line in (
        "@张网格/工作群: 3号楼那边我去看了",
        "@张网格/工作群: 2个人去现场了",
        "@张网格/工作群: 99 已经修好了",
        "@王芳/网格3群: 1 已经好了",
        "@张网格/网格3群: 1号已经修好了",
    ):
        assert chat.say(line) == [], line
    with UnitOfWork(chat.linli.sessions) as uow:
        kept = uow.session.scalars(select(InboundMessage.text)).all()
    assert "1号已经修好了" not in kept  # said to residents: not the bot's


def test_staff_telling_of_a_building_in_the_work_group_are_told_which_issue_and_the_command(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 2号楼暖气不热，家里才十五度")
    chat.say("@李书记/工作群: 派 1 物业")
    said = "2号楼暖气的事我们明天派人去排气"
    told = chat.send(f"@刘物业/工作群: {said}")
    assert [shown(o) for o in told] == [
        (
            "工作群",
            f"说的是 #1【供暖】2号楼 吧？#1 报进展请发送「进展 1 {said}」，报事人会收到；"
            "办好后再发送「办结 1 结果」。",
        )
    ]
    assert told[0].buttons == (Button("报进展", f"/progress 1 {said}"),)  # on Telegram
    assert chat.text("@刘物业/工作群: 2号楼暖气已经修好了").startswith(
        "说的是 #1【供暖】2号楼 吧？#1 已办好的话，请发送「办结 1 2号楼暖气已经修好了」"
    )
    # Of those their 台账 shows: the property company's own; the grid worker's, of their grid,
    # with two open there and words that name neither: which, by number.
    chat.say("@孙大爷/网格3群: #报事 2号楼门口的井盖松了，踩上去咣当响")
    assert chat.text("@刘物业/工作群: 2号楼的事明天去处理").startswith("说的是 #1【供暖】")
    assert chat.say("@刘物业/工作群: 2号楼井盖明天去换") == []
    assert chat.text("@张网格/工作群: 2号楼的事明天去处理") == (
        "2号楼有2件未办结：#2【道路井盖】、#1【供暖】。说的是哪件？"
        "请带上编号，例如「进展 2 2号楼的事明天去处理」。"
    )
    assert chat.text("@张网格/工作群: 2号楼井盖明天去换").startswith(
        "说的是 #2【道路井盖】2号楼 吧？"
    )
    # None open in that building, a question, a resident: nothing; nothing is recorded.
    for line in (
        "@张网格/工作群: 3号楼的灯换好了",
        "@张网格/工作群: 2号楼井盖明天去换吗",
        "@王芳/工作群: 2号楼暖气已经修好了",
    ):
        assert chat.say(line) == [], line
    assert "进展" not in chat.text("@李书记/私聊: 查看 1")
    # The reporter saying it in the group of the report is still heard as the reporter.
    assert chat.say("@王芳/网格3群: 2号楼暖气已经修好了")[0] == (
        "网格3群",
        "好的，已转告处理人员。#1 办结后会请您评价。",
    )
    # ... and by its number (it met silence), a 楼栋长's own report too.
    told = chat.say("@王芳/网格3群: 1号已经修好了")
    assert told[0] == ("网格3群", "好的，已转告处理人员。#1 办结后会请您评价。")
    chat.say("@陈楼长/网格3群: #报事 3号楼门口垃圾桶满了")
    told = chat.say("@陈楼长/网格3群: 3号我去看了，确实清干净了")
    assert told[0] == ("网格3群", "好的，已转告处理人员。#3 办结后会请您评价。")
    assert "补充：我去看了，确实清干净了" in chat.text("@李书记/工作群: 查看 3")


def test_not_theirs_said_of_one_of_several_held_is_of_the_problem_it_names(
    chat: Conversation,
) -> None:
    """「井盖那个不归我们管」 holding a manhole's and a lamp's was asked which, by number."""
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    chat.say("@孙大爷/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@李书记/工作群: 派单 1 2 刘物业")
    said = "井盖那个不归我们管，是市政的"
    assert chat.text(f"@刘物业/私聊: {said}") == (
        f"#1 不归您管的话，请发送「不归我管 1 {said}」，社区会改派。"
    )
    assert chat.text("@刘物业/私聊: 这个不归我们管，是市政的").startswith("您手上有 #1、#2：")


def test_a_command_in_reply_to_the_bots_message_of_an_issue_is_of_that_issue(
    chat: Conversation,
) -> None:
    acked = chat.text("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    assigned = chat.say("@李书记/工作群: 派单 1 物业")
    told = next(text for where, text in assigned if where == "私聊·刘物业")
    bot = PersonRef("console", "邻里", "邻里")

    def reply(who: str, where: str, words: str, quoted: str) -> list[tuple[str, str]]:
        said = chat.adapter.message(who, where, words)
        return chat.deliver(replace(said, reply_to=QuotedMessage("q", bot, quoted)))

    assert reply("刘物业", "私聊", "进展 明天上午去换", told)[0] == (
        "私聊·刘物业",
        "#1 进展：明天上午去换",
    )
    assert reply("刘物业", "私聊", "办结：已换灯泡", told)[0][1].startswith("#1 已办结：已换灯泡。")
    # Words that are no command, in reply, stay what they were.
    assert reply("张网格", "网格3群", "好的", acked) == []


def test_staff_writing_privately_are_not_filed_as_residents(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业")
    # An issue number first: the command it was meant as, with their own words.
    assert chat.text("@刘物业/私聊: #1 已疏通") == (
        "#1 已办好的话，请发送「办结 1 已疏通」；还没办完请发送「进展 1 已疏通」。"
    )
    # Words of the work, from someone holding one issue: that issue's commands, 办结 first
    # for work done, 进展 alone for work still to do.
    assert chat.text("@刘物业/私聊: 3号楼那个下水道已疏通") == (
        "#1 已办好的话，请发送「办结 1 3号楼那个下水道已疏通」；"
        "还没办完请发送「进展 1 3号楼那个下水道已疏通」。"
    )
    for said in (
        "明天上午去处理",
        "下午去换",
        "需要业主配合，明天上午上门",
        "明天上午派人填",
        "明天上午去",
        "师傅下午2点到",
        # what the work needs (it was offered 办结 first)
        "我去看了，需要换灯管，已经联系厂家",
        "还得买配件",
    ):
        assert chat.text(f"@刘物业/私聊: {said}") == (
            f"#1 报进展请发送「进展 1 {said}」，报事人会收到；办好后再发送「办结 1 结果」。"
        )
    assert chat.text("@刘物业/私聊: 1号已经填平了") == (
        "#1 已办好的话，请发送「办结 1 已经填平了」；还没办完请发送「进展 1 已经填平了」。"
    )
    # Surely of another kind than the one issue held: not taken for it.
    assert chat.text("@刘物业/私聊: 路灯的那个需要延期到下周") == (
        "您手上只有 #1【排水管道】。说的若是别的事项，请写上编号（「台账」可查）。"
    )
    # Said to the bot in a group, the same (it was taken for thanks).
    assert chat.text("@刘物业/网格3群: @邻里 1号已修好") == (
        "#1 已办好的话，请发送「办结 1 已修好」；还没办完请发送「进展 1 已修好」。"
    )
    assert chat.text("@刘物业/私聊: 1号已上门看过了") == (
        "#1 要办结请发送「办结 1 已上门看过了」，报进展请发送「进展 1 已上门看过了」。"
    )
    # Words of danger said of an issue they work on are about it: no new report, no 补充.
    said = "已经上门看了，是楼上水管爆了"
    assert chat.text(f"@刘物业/私聊: 1号{said}") == (
        f"#1 要办结请发送「办结 1 {said}」，报进展请发送「进展 1 {said}」。"
    )
    # Work they cannot do is handed back.
    assert chat.text("@刘物业/私聊: 1号修不了，要住建局来") == (
        "#1 不归您管的话，请发送「不归我管 1 修不了，要住建局来」，社区会改派。"
    )
    # Work that cannot be done yet may take more time, or be another's.
    assert chat.text("@刘物业/私聊: 1号修不了，要换整根管子") == (
        "#1 一时办不了的话，请发送「延期 1 新期限 修不了，要换整根管子」申请延期；"
        "不归您管请发送「不归我管 1 修不了，要换整根管子」，社区会改派。"
    )
    # Held up is progress; the reporter's number goes through the grid worker; where it is,
    # and what they hold, are shown.
    assert chat.text("@刘物业/私聊: 1号联系不上业主") == (
        "#1 报进展请发送「进展 1 联系不上业主」，报事人会收到；办好后再发送「办结 1 结果」。"
    )
    assert chat.text("@刘物业/私聊: 1号报事人电话多少") == (
        "#1 报事人没有留电话。需要联系或上门，请找网格员 张网格（13800138003），"
        "由网格员联系报事人。"
    )
    assert chat.text("@刘物业/私聊: 1号在哪") == chat.text("@刘物业/私聊: 查看 1")
    assert chat.text("@刘物业/私聊: 今天有几单") == chat.text("@刘物业/私聊: 台账")
    assert chat.text("@刘物业/私聊: 今天要去哪几家") == chat.text("@刘物业/私聊: 台账")
    # Their own figures are what their unit did (a handler reports nothing of their own).
    assert chat.text("@刘物业/私聊: 我的统计").startswith("本月物业承办诉求")
    # Waiting for parts is more time: how 延期 is asked for.
    assert chat.text("@刘物业/私聊: 1号配件没货了，要等几天") == (
        "#1 要延期请发送「延期 1 新期限 原因」，例如：延期 1 下周三 等配件到货"
    )
    # A nod to the 新派单 is nodded back, with how to finish; nothing is filed.
    nods = (
        "收到",
        "好的",
        "明白",
        "收到，马上去处理",
        "ok！",
        "好的收到",
        "好的，明白",
        "[强]",
        "👍",
    )
    for said in (*nods, "收到[OK]马上安排"):
        assert chat.text(f"@刘物业/私聊: {said}") == "好的。#1 办好后请发送「办结 1 结果」。"
    assert chat.text("@周主任/私聊: 收到") == "好的。"
    for line in (
        "@刘物业/私聊: 今天天气不错",
        "@李书记/私聊: 3号楼路灯坏了",
        "@周主任/私聊: 已修好",
    ):
        (reply,) = chat.say(line)
        assert reply[1].startswith("这条消息没有登记。登记新诉求请加 #报事"), reply
    # A greeting is greeted, with what they hold.
    assert chat.text("@刘物业/私聊: 你好") == (
        "您好。您手上有 #1 未办结，办好后请发送「办结 1 结果」；登记新诉求请加 #报事。"
    )
    assert chat.text("@周主任/私聊: 早上好").startswith("您好。您手上暂无待办。")
    assert "没有符合条件" not in chat.text("@李书记/工作群: 台账")
    assert chat.text("@李书记/工作群: 台账").startswith("幸福里社区台账：未办结1条")
    # A resident writing privately is still heard as a report; so is staff's #报事.
    assert chat.say("@王芳/私聊: 5号楼路灯坏了")[0][1].startswith("已登记 #2")
    assert chat.say("@李书记/私聊: #报事 3号楼路灯坏了")[0][1].startswith("已登记 #3")
    # Holding several: their numbers.
    chat.say("@张网格/网格3群: 派单 3 物业")
    assert (
        chat.text("@刘物业/私聊: 收到") == "好的。您手上有 #1、#3，办好后请发送「办结 编号 结果」。"
    )
    # A nod to one of them by its number (it was told to finish it with 「收到」 as the result).
    for said in ("3号收到", "3号好的，马上安排"):
        assert chat.text(f"@刘物业/私聊: {said}") == "好的。#3 办好后请发送「办结 3 结果」。"
    assert chat.text("@刘物业/私聊: 明天上午去处理") == (
        "您手上有 #1、#3：要办结请发送「办结 编号 明天上午去处理」，"
        "报进展请发送「进展 编号 明天上午去处理」。"
    )
    # Saying what and where names the one: the drain in 3号楼 is #1, the lamp #3.
    assert chat.text("@刘物业/私聊: 3号楼下水道已经疏通了").startswith(
        "#1 已办好的话，请发送「办结 1 3号楼下水道已经疏通了」"
    )
    assert chat.text("@张网格/私聊: 3号楼路灯已经换好了").startswith("#3 已办好的话")
    # What alone names the one when one of those held is of it; work planned is work too.
    assert chat.text("@刘物业/私聊: 下水道的已经通了").startswith(
        "#1 已办好的话，请发送「办结 1 下水道的已经通了」"
    )
    assert chat.text("@刘物业/私聊: 路灯明天换").startswith("#3 报进展请发送「进展 3 路灯明天换」")
    assert chat.text("@刘物业/私聊: 路灯修复了").startswith("#3 已办好的话")  # done, in words
    # A number that names no issue: the danger is filed, as from anyone.
    assert chat.say("@刘物业/私聊: 9 楼道里着火了")[0][1].startswith(
        "已登记 #4【安全隐患】已列为紧急"
    )


def test_commas_and_enumeration_marks_separate_arguments(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道堆满了纸箱")
    assert chat.say("@张网格/网格3群: 派单 1 @刘物业，3天")[0] == (
        "网格3群",
        "#1 已派单给 物业·刘*业，期限 11月26日。",
    )
    assert chat.text("@李书记/工作群: 台账 绿，网格3").startswith("幸福里社区台账：未办结1条")
    vote = chat.say("@李书记/工作群: 投票 车位 选项 同意、反对、弃权 截止 周五18:00 群 网格3")
    assert "1. 同意\n2. 反对\n3. 弃权" in vote[1][1], vote
    vote = chat.say("@李书记/工作群: 投票 车位 选项 同意 反对 截止 周五18:00 群 网格3")
    assert "1. 同意\n2. 反对\n" in vote[1][1], vote
    poll = chat.say(
        "@李书记/工作群: 议事 纸箱议事会 时间 周四19:00，周六10:00 截止 周三20:00 群 网格3"
    )
    assert "1. 11月26日 19:00\n2. 11月28日 10:00" in poll[1][1], poll
    assert chat.text("@李书记/网格5群: 设置角色 @孙大爷，楼栋长，6号楼") == (
        "已设置 孙*爷 为楼栋长（6号楼）。"
    )


def test_several_commands_in_one_message_each_run(chat: Conversation) -> None:
    """「受理 1\n受理 2」 read 「受理 2」 as a level, and 「1号派给物业，2号派给周主任」 read
    「2号派给周主任」 as a deadline: each line or clause that is a command runs, one answer."""
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@孙大爷/网格5群: #报事 5号楼井盖松了")
    accepted = chat.say("@李书记/工作群: 受理 1\n受理 2")
    assert accepted[0] == (
        "工作群",
        "#1 已受理（简单），期限 11月24日。\n#2 已受理（复杂），期限 11月26日。",
    )
    assert ("网格5群", "#2 已受理（复杂），期限 11月26日。") in accepted
    assigned = chat.say("@李书记/工作群: 1号派给物业，2号派给周主任")
    assert assigned[0] == (
        "工作群",
        "#1 已派单给 物业，期限 11月24日。\n#2 已派单给 街道城管办·周*任，期限 11月26日。",
    )
    assert [where for where, _ in assigned[1:]] == [
        "网格3群",
        "私聊·刘物业",
        "网格5群",
        "私聊·周主任",
    ]
    # Words said of each, last: 「都是3天」 is each one's deadline.
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    chat.say("@孙大爷/网格5群: #报事 5号楼门口垃圾没人清")
    both = chat.say("@李书记/工作群: 3号派给物业，4号派给周主任，都是5天")[0][1]
    assert both == (
        "#3 已派单给 物业，期限 11月30日。\n#4 已派单给 街道城管办·周*任，期限 11月30日。"
    )
    # One that cannot run says why; the others are done.
    both = chat.say("@李书记/工作群: 办结 1 已换灯泡；办结 9 已修")[0][1]
    assert both.startswith("#1 已办结：已换灯泡。") and both.endswith("\n没有找到 #9。"), both
    # Two reminders on two lines are two (each kept by a message id of its own).
    chat.say("@李书记/私聊: 提醒 明天9点 开会\n提醒 周五下午3点 交报表")
    listed = chat.text("@李书记/私聊: 提醒 列表")
    assert "11月24日 9:00 开会" in listed and "11月27日 15:00 交报表" in listed, listed
    # A notice's line that starts as a command would is the notice's.
    sent = chat.say("@李书记/工作群: 群发 网格3 明天上午停水\n查看 详情请到物业")
    assert ("网格3群", "📢 通知：明天上午停水\n查看 详情请到物业\n——幸福里社区 李书记") in sent
    # A clause that is no command keeps the message one command: its reason.
    assert chat.say("@李书记/工作群: 办结 2 已修好，井盖换了新的")[0][1].startswith(
        "#2 已办结：已修好，井盖换了新的。"
    )


def test_several_commands_each_said_after_its_number_each_run(chat: Conversation) -> None:
    """「2号受理，2号派给刘物业」 met silence: the first command, said after its number, made
    no command of the whole message; an issue not found is said once."""
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    done = chat.say("@李书记/工作群: 1号受理，1号派给刘物业")
    assert done[0] == (
        "工作群",
        "#1 已受理（简单），期限 11月24日。\n#1 已派单给 物业·刘*业，期限 11月24日。",
    )
    assert any(where == "私聊·刘物业" for where, _ in done)
    assert chat.say("@李书记/工作群: 3号受理，3号派给刘物业") == [("工作群", "没有找到 #3。")]
    # Privately too (it was taken for words to the bot).
    chat.say("@孙大爷/网格5群: #报事 5号楼井盖松了")
    assert chat.say("@李书记/私聊: 2号受理；2号派给周主任")[0] == (
        "私聊·李书记",
        "#2 已受理（复杂），期限 11月26日。\n#2 已派单给 街道城管办·周*任，期限 11月26日。",
    )
    # A neighbour's words that start with a number are theirs.
    assert chat.say("@孙大爷/网格3群: 1号楼灯也坏了，2号楼也是") == []
    # The command word after the number as staff tell of their work (it was one 办结 hint).
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    done = chat.say("@李书记/工作群: 3号受理，3号办结 已修好")
    assert done[0][1].splitlines() == [
        "#3 已受理（复杂），期限 11月26日。",
        "#3 已办结：已修好。请报事人评价：回复「评价 3 1-5分」，或「满意/基本满意/不满意」。",
    ]
    # A clause after a command that names no command keeps the message one command.
    assert chat.say("@李书记/工作群: 进展 2 已联系，4号楼也在处理")[0] == (
        "工作群",
        "#2 进展：已联系，4号楼也在处理",
    )
    # 「2号也是」: the command before, for that issue (it was part of the first's words).
    chat.say("@孙大爷/网格3群: #报事 3号楼楼道堆满了纸箱")
    chat.say("@孙大爷/网格3群: #报事 4号楼楼道堆满了纸箱")
    assigned = chat.say("@李书记/工作群: 4号派给刘物业 3天，5号也是")
    assert assigned[0] == (
        "工作群",
        "#4 已派单给 物业·刘*业，期限 11月26日。\n#5 已派单给 物业·刘*业，期限 11月26日。",
    )


def test_issues_named_by_a_range_are_each_of_them(chat: Conversation) -> None:
    """「受理 1到3号」 read 「到3号」 as a level and 「1至3号派给物业」 met silence."""
    for said in ("3号楼楼道灯坏了", "5号楼井盖松了", "3号楼垃圾没人清"):
        chat.say(f"@王芳/网格3群: #报事 {said}")
    accepted = chat.say("@李书记/工作群: 受理 1到3号")
    assert [text for where, text in accepted if where == "工作群"] == [
        "#1 已受理（简单），期限 11月24日。\n#2 已受理（复杂），期限 11月26日。\n"
        "#3 已受理（简单），期限 11月24日。",
    ]
    assigned = chat.say("@李书记/工作群: #1至#3派给物业")
    assert sum(text.startswith("新派单 #") for _, text in assigned) == 3
    # 「1到3号楼」 are buildings.
    assert chat.say("@孙大爷/网格3群: 1到3号楼的灯都坏了") == []
    # Back to back, each with its 号: each of them (it met silence).
    urged = chat.say("@李书记/工作群: 1号2号都催一下")
    assert urged[0] == ("工作群", "已催办 #1（物业）。\n已催办 #2（物业）。"), urged


def test_a_unit_is_found_by_part_of_its_name_or_by_its_contact(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道堆满了纸箱")
    chat.say("@王芳/网格3群: #报事 3号楼门口乱停车")
    assert chat.say("@张网格/网格3群: 上报 1 街道")[0] == (
        "网格3群",
        "#1 已上报街道城管办协调处理。",
    )
    assert chat.say("@张网格/网格3群: 上报 2 @周主任")[0] == (
        "网格3群",
        "#2 已上报街道城管办协调处理。",
    )
    # A part that fits no unit, or several, is not guessed.
    assert chat.text("@张网格/网格3群: 上报 2 局").startswith("没有「局」这个单位")


def test_help_for_a_command_says_first_who_may_use_it(chat: Conversation) -> None:
    assert chat.text("@王芳/网格3群: 帮助 派单").startswith(
        "只有网格员及以上可以派单。派给人或单位"
    )
    assert chat.text("@张网格/网格3群: 帮助 派单").startswith("派给人或单位")
    # What it means, asked by a resident: of their report, not how staff use it.
    assert chat.text("@王芳/私聊: 派单是什么意思") == (
        "派单：事项已经交给具体的人或单位（比如物业）去办，办好后会通知您。"
    )
    assert chat.text("@王芳/私聊: 什么叫办结").startswith("办结：办理的人说已经办好了。")
    assert chat.text("@张网格/私聊: 受理是什么意思").startswith("受理并定级")


def test_the_ledger_answers_to_its_common_spelling(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道堆满了纸箱")
    assert chat.text("@张网格/网格3群: 台帐") == chat.text("@张网格/网格3群: 台账")


def test_whistle_and_supervise_are_the_words_workers_use_for_escalate_and_urge(
    chat: Conversation,
) -> None:
    """吹哨 is what 上报 is called in grid work, 督办 what the secretary says for 催办."""
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道堆满了杂物，堵住消防通道")
    assert chat.say("@张网格/网格3群: 吹哨 1")[0] == ("网格3群", "#1 已上报街道城管办协调处理。")
    assert chat.text("@张网格/网格3群: 吹哨").startswith("用法：/escalate 编号")
    assert chat.say("@张网格/网格3群: 吹哨了吗") == []  # run into other words: chatter
    assert chat.text("@王芳/网格3群: 吹哨 1") == "只有网格员及以上可以上报。"
    chat.say("@张网格/网格3群: 派单 1 @刘物业")
    urged = chat.say("@李书记/工作群: 督办 1")
    assert urged[0] == ("工作群", "已催办 #1（物业·刘*业、街道城管办）。")


def test_an_issue_number_run_into_what_follows_still_counts(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道堆满了纸箱")
    assert chat.text("@张网格/网格3群: 受理 1复杂") == "#1 已受理（复杂），期限 11月26日。"
    assert chat.say("@张网格/网格3群: 派单1@刘物业")[0] == (
        "网格3群",
        "#1 已派单给 物业·刘*业，期限 11月26日。",
    )
    assert chat.say("@刘物业/私聊: 进展 1已联系施工队")[0] == (
        "私聊·刘物业",
        "#1 进展：已联系施工队",
    )
    # A number that goes on as a place, a count, a span or a decimal is not the issue's.
    for typed in ("办结 1号楼修好了", "办结 1天内修好", "办结 10分钟前已修好"):
        assert chat.text(f"@刘物业/私聊: {typed}").startswith("用法：/resolve"), typed
    for typed in ("进展 1.5 在修", "进展 2个工人已到场"):
        assert chat.text(f"@刘物业/私聊: {typed}").startswith("用法：/progress"), typed
    # Nor is a note that starts with a number taken for a second issue.
    for typed in ("进展 1 3、4号楼已经通知停水", "进展 1 3 号楼已排查"):
        assert chat.say(f"@刘物业/私聊: {typed}")[0][1].startswith("#1 进展："), typed


def test_several_issue_numbers_are_each_done_or_refused_together(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道堆满了纸箱")
    chat.say("@王芳/网格3群: #报事 3号楼门口乱停车")
    # What is said of each is a line of one message (it was a message each).
    assert chat.say("@孙大爷/网格3群: 关注 1 2") == [
        ("网格3群", "已关注 #1，有进展会在这里通知您。\n已关注 #2，有进展会在这里通知您。"),
    ]
    shown = chat.say("@李书记/工作群: 查看 #1 #2")
    assert [text.split("【")[0] for _, text in shown] == ["#1", "#2"]
    # Where the words should be, a second number is not taken for them.
    assert chat.say("@张网格/网格3群: 退回 1 2 不归社区管") == [
        ("网格3群", "一次只能处理一件，请分开发送，例如：退回 1 …")
    ]
    assert chat.text("@李书记/工作群: 查看 1").startswith("#1【安全隐患】待受理")
    # Progress and results said once for several: each issue gets them.
    chat.say("@张网格/网格3群: 派单 1 2 @刘物业")
    progressed = chat.say("@刘物业/私聊: 进展 1、2 下午去清理")
    assert [text for where, text in progressed if where == "网格3群"] == [
        "#1 进展：下午去清理",
        "#2 进展：下午去清理",
    ]
    resolved = chat.say("@刘物业/私聊: 办结 1 2 已清理")
    assert [text.split("。")[0] for where, text in resolved if where == "网格3群"] == [
        "#1 已办结：已清理",
        "#2 已办结：已清理",
    ]
    for number in (1, 2):
        assert "】已办结" in chat.text(f"@李书记/工作群: 查看 {number}").split("\n")[0]
    # In words, as 「1号办结了，已修好」 is said of one.
    chat.say("@王芳/网格3群: #报事 3号楼路灯坏了")
    chat.say("@王芳/网格3群: #报事 3号楼垃圾没清")
    chat.say("@张网格/网格3群: 派单 3 4 @刘物业")
    resolved = chat.say("@刘物业/工作群: 3和4都办结了，已清理")
    said = [text for where, text in resolved if where == "工作群"]
    assert [line.split("。")[0] for line in said[0].splitlines()] == [
        "#3 已办结：已清理",
        "#4 已办结：已清理",
    ]


def test_the_morning_triage_is_said_once_for_several_issues(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    chat.say("@孙大爷/网格5群: #报事 5号楼前面的路灯不亮好几天了")
    accepted = chat.say("@李书记/工作群: 受理 1 2 简单")
    assert [text for where, text in accepted if where == "工作群"] == [
        "#1 已受理（简单），期限 11月24日。\n#2 已受理（简单），期限 11月24日。",
    ]
    assigned = chat.say("@李书记/工作群: 派单 1，2 物业 3天")
    assert [text for where, text in assigned if where == "私聊·刘物业"] == [
        "新派单 #1【道路井盖】3号楼，网格3，3号楼门口井盖松了，期限 11月26日。"
        "办好后发送「办结 1 结果」；不归您管请发送「不归我管 1 原因」。",
        "新派单 #2【照明路灯】5号楼，网格5，5号楼前面的路灯不亮好几天了，期限 11月26日。"
        "办好后发送「办结 2 结果」；不归您管请发送「不归我管 2 原因」。",
    ]
    # Each refusal says which issue it is about; the others are done.
    urged = chat.say("@张网格/网格3群: 催办 1、2")
    assert urged[0] == (
        "网格3群",
        "已催办 #1（物业）。\n#2 这件事不在您负责的网格，请联系书记或该网格的网格员。",
    )
    # One issue with a count after it is still one issue.
    assert chat.say("@李书记/工作群: 派单 1 2个工作日")[0][1].startswith("找不到「2个工作日」")


def test_a_period_or_colour_run_into_the_command_word_counts(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道堆满了纸箱")
    assert chat.text("@李书记/工作群: 统计本月") == chat.text("@李书记/工作群: 统计 本月")
    assert chat.text("@李书记/工作群: 台账绿") == chat.text("@李书记/工作群: 台账 绿")
    assert chat.say("@李书记/工作群: 统计一下") == []  # still chatter
    # ... and with more after it
    assert chat.text("@李书记/工作群: 统计本月 网格3") == chat.text(
        "@李书记/工作群: 统计 本月 网格3"
    )
    assert chat.say("@李书记/工作群: 统计本月的数据") == []
    # ... or after a colon (they met silence)
    assert chat.text("@李书记/工作群: 统计：本月") == chat.text("@李书记/工作群: 统计 本月")
    assert chat.text("@李书记/工作群: 台账: 绿") == chat.text("@李书记/工作群: 台账 绿")


def test_a_meeting_command_without_its_number_gets_its_usage(chat: Conversation) -> None:
    assert chat.text("@李书记/工作群: 公示").startswith("用法：/publish M编号")
    assert chat.text("@王芳/网格3群: 异议 太贵了").startswith("用法：/object M编号")


def test_asking_after_an_issue_by_its_number_shows_it(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道堆满了纸箱")
    card = chat.text("@王芳/私聊: 查看 1")
    assert card.startswith("#1【")
    for asked in ("#1 怎么样了", "进度 1", "1号什么情况？", "1号进展怎么样了", "1号怎么回事"):
        assert chat.text(f"@王芳/私聊: {asked}") == card, asked
    # Privately, or in the work group; in a grid group, from whoever reported it there (other
    # neighbours talk among themselves, of the 1st of the month as like as not).
    assert chat.text("@李书记/工作群: 1号什么情况") == chat.text("@李书记/工作群: 查看 1")
    assert chat.text("@王芳/网格3群: 1号什么情况") == chat.text("@王芳/网格3群: 查看 1")
    assert chat.text("@王芳/网格3群: 1号什么时候修").startswith("#1【")
    assert chat.say("@孙大爷/网格3群: 1号什么情况") == []
    chat.say("@孙大爷/网格3群: 关注 1")  # who follows it from there asks after it as well
    assert chat.text("@孙大爷/网格3群: 1号什么情况").startswith("#1【")
    assert chat.say("@王芳/网格5群: 1号什么情况") == []
    assert chat.say("@王芳/网格3群: 2号什么情况") == []
    # Asked like anything else: somebody else's report is not shown.
    assert chat.text("@孙大爷/私聊: 1号怎么样了") == chat.text("@孙大爷/私聊: 查看 1")
    # 「3号楼怎么样了」 asks after a building, not #3: its issues.
    assert chat.text("@李书记/工作群: 3号楼怎么样了").splitlines() == [
        "3号楼的事项：",
        chat.text("@李书记/工作群: 台账").splitlines()[1],
    ]
    assert chat.text("@李书记/工作群: 台账").startswith("幸福里社区台账：未办结1条")
    # A report that happens to hold a #number is a report, urgent ones included.
    filed = chat.say("@王芳/私聊: 小区#1电梯坏了，困人了")
    assert filed[0][1].startswith("已登记 #2"), filed
    assert any(where == "工作群" and text.startswith("🚨") for where, text in filed), filed


def test_staff_writing_privately_about_an_emergency_are_filed(chat: Conversation) -> None:
    replies = chat.say("@李书记/私聊: 4号楼楼道里有很重的煤气味")
    assert replies[0][1].startswith("已登记 #1"), replies


def test_a_rating_word_said_privately_with_nothing_to_rate_is_answered(chat: Conversation) -> None:
    assert chat.say("@王芳/私聊: 好评") == [
        ("私聊·王芳", "您现在没有待评价的事项。想反映问题，请直接描述（如：3号楼井盖坏了）。")
    ]
    assert chat.say("@王芳/网格3群: 好评") == []  # in a group it is chat
    # Reopened a moment ago, or still being worked on: rated once done.
    chat.say("@王芳/私聊: 我家厨房下水道堵了，3号楼2单元502")
    chat.say("@张网格/私聊: 办结 1 已疏通")
    assert chat.say("@王芳/私聊: 还是堵的，根本没修好")[0][1].startswith("#1 已重开")
    assert chat.say("@王芳/私聊: 不满意") == [("私聊·王芳", "#1 还在办理，办结后会请您评价。")]


def test_hurrying_makes_an_issue_urgent_and_its_reminders_come_at_night(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业 今天23:00")
    chat.say("@张网格/网格3群: 派单 2 @刘物业 今天23:00")
    assert chat.say("@李书记/工作群: 2号加急，井盖没盖好有人会掉下去") == [
        ("工作群", "#2 已加急（井盖没盖好有人会掉下去），夜里也照常提醒，已告知 刘*业。"),
        (
            "私聊·刘物业",
            "🔴 加急 #2【道路井盖】3号楼，网格3，3号楼门口井盖松了（井盖没盖好有人会掉下去），"
            "期限 11月23日 23:00。请尽快办理，或发送「进展 2 说明」。",
        ),
    ]
    assert "紧急" in chat.text("@李书记/工作群: 查看 2").splitlines()[0]
    # The 台账 says so, and 「台账 紧急」 (「紧急的有哪些」) lists the urgent ones alone.
    listed = chat.text("@李书记/工作群: 台账").splitlines()
    assert listed[1].startswith("🟡 #2【道路井盖】紧急 · 3号楼 · 办理中")  # first of its colour
    assert "紧急" not in listed[2]
    urgent = chat.text("@李书记/工作群: 台账 紧急")
    assert urgent.splitlines()[1:] == listed[1:2]
    assert chat.text("@李书记/工作群: 紧急的有哪些") == urgent
    assert chat.text("@李书记/工作群: 加急 2") == "#2 已是紧急事项；要提醒承办人请发「催办 2」。"
    # Its reporter asks staff to: the grid worker hears why, and what to send (once an hour).
    assert chat.say("@王芳/网格3群: 1号加急，家里老人要用卫生间") == [
        ("网格3群", "已转告网格员 张网格，会尽快跟进 #1。"),
        (
            "私聊·张网格",
            "#1 王*请求加急：家里老人要用卫生间（办理中，期限 11月23日 23:00）。"
            "需要的话请「加急 1」。",
        ),
    ]
    assert "#1 已经转告过" in chat.text("@王芳/私聊: 加急 1")
    assert chat.text("@孙大爷/网格3群: 加急 1") == (
        "只能催问自己反映、关注或本楼栋的事项；催办由网格员负责。"
    )
    assert chat.text("@刘物业/私聊: 加急 1") == "只有网格员及以上可以加急。"
    assert "紧急" not in chat.text("@李书记/工作群: 查看 1").splitlines()[0]  # staff decide
    # The deadline falls in the quiet hours: #2's 🔴 comes at 23:00, #1's waits for 07:30.
    fired = chat.run_until(datetime(2026, 11, 24, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    red = [(at, where) for at, where, text in fired if text.startswith("🔴")]
    assert red == [
        ("11-23 23:00", "私聊·刘物业"),
        ("11-23 23:00", "工作群"),
        ("11-24 07:30", "私聊·刘物业"),
        ("11-24 07:30", "工作群"),
    ]
    assert all("#2" in text for at, _, text in fired if at == "11-23 23:00")
    # Nobody holding it: the grid's workers hear; a closed one needs none.
    chat.say("@王芳/网格3群: #报事 3号楼路灯不亮")
    assert chat.say("@李书记/工作群: 加急 3")[1][0] == "私聊·张网格"
    chat.say("@刘物业/私聊: 办结 1 已疏通")
    assert chat.text("@李书记/工作群: 加急 1") == "#1 已办结，无需加急。"


def test_urging_reminds_the_holder_privately_now(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    assert chat.say("@李书记/工作群: 催办 1") == [
        ("工作群", "#1 还没有派单，请先「派单 1 @人或单位」。")
    ]
    chat.say("@张网格/网格3群: 派单 1 @刘物业")
    assert chat.say("@李书记/工作群: 催办 1") == [
        ("工作群", "已催办 #1（物业·刘*业）。"),
        (
            "私聊·刘物业",
            "🟢 催办 #1【排水管道】3号楼2单元，网格3，3号楼2单元下水道堵了，期限 11月26日。"
            "请尽快办理，或发送「进展 1 说明」。",
        ),
    ]
    # The reporter (a follower, the building's 楼栋长) presses through the grid worker, who
    # decides; once an hour at most. Anyone else is refused.
    assert chat.say("@王芳/网格3群: 催办 1") == [
        ("网格3群", "已转告网格员 张网格，会尽快跟进 #1。"),
        (
            "私聊·张网格",
            "#1 王*催问进度（办理中，期限 11月26日）。需要的话请「催办 1」。",
        ),
    ]
    assert chat.say("@王芳/私聊: 帮我催一下1号") == [
        ("私聊·王芳", "#1 已经转告过网格员了，请耐心等待，有进展会通知您。")
    ]
    # Without a number, privately: the one they reported; with several they are asked which.
    assert chat.say("@王芳/私聊: 能不能帮我催一下") == [
        ("私聊·王芳", "#1 已经转告过网格员了，请耐心等待，有进展会通知您。")
    ]
    assert chat.text("@孙大爷/私聊: 麻烦催一下吧") == "没有找到您反映的未办结事项。"
    assert chat.say("@孙大爷/网格3群: 催办 1") == [
        ("网格3群", "只能催问自己反映、关注或本楼栋的事项；催办由网格员负责。")
    ]
    assert "王* 催问进度" in chat.text("@李书记/工作群: 查看 1")
    # Urged again within the hour, by anyone: no second message to the holder.
    assert chat.say("@张网格/网格3群: 督办 1") == [
        ("网格3群", "#1 7分钟前已催办过（物业·刘*业），一小时后可再催。")
    ]
    assert "李*记 催办：物业·刘*业" in chat.text("@李书记/工作群: 查看 1")
    chat.say("@王芳/网格3群: #报事 5号楼路灯不亮")
    assert chat.text("@王芳/私聊: 帮我催一下") == (
        "您有几件未办结的反映（#1、#2），要催哪一件？例如：催办 1"
    )
    assert chat.say("@王芳/网格3群: 帮我催一下") == []  # among neighbours, to a neighbour
    chat.say("@李书记/工作群: 派单 2 @赵网格")
    assert chat.say("@赵网格/网格5群: 催办 2") == [
        ("网格5群", "#2 由您承办，无需催办自己；办好后请发「办结 2 结果」。")
    ]


def test_a_reporter_asking_privately_for_haste_presses_their_report_with_why(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: @邻里 3号楼电梯又坏了，老人上不去楼")
    # Minutes after the report it is listed (nobody has had time to look); later, pressed.
    assert chat.text("@王芳/私聊: 能不能快一点").startswith("您反映的事项：")
    chat.run_until(datetime(2026, 11, 23, 10, 30, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert chat.say("@王芳/私聊: 能不能快一点，老人天天爬楼") == [
        ("私聊·王芳", "已转告网格员 张网格，会尽快跟进 #1。"),
        (
            "私聊·张网格",
            "#1 王*催问进度：老人天天爬楼（待受理，期限 11月24日）。请尽快「派单 1 @人或单位」。",
        ),
    ]
    assert chat.say("@王芳/私聊: 麻烦尽快处理一下") == [
        ("私聊·王芳", "#1 已经转告过网格员了，请耐心等待，有进展会通知您。")
    ]
    assert chat.text("@孙大爷/私聊: 能不能快点").startswith("没有找到您反映的未办结事项。")
    assert chat.text("@孙大爷/私聊: 我要投诉，一直没人管").startswith(
        "没有找到您反映的未办结事项。"
    )
    assert chat.say("@王芳/网格3群: 能不能快一点") == []  # among neighbours
    # With several open, they are listed: which is meant is for them to say.
    chat.say("@王芳/网格3群: #报事 5号楼路灯不亮")
    assert chat.text("@王芳/私聊: 能不能快点").startswith("您反映的事项：")


def test_pressing_an_urgent_report_presses_it_at_once(chat: Conversation) -> None:
    """「快点来人啊」 minutes after 「我家水管爆了」: no hour to wait, its grid worker is told."""
    chat.say("@孙大爷/私聊: 我家水管爆了")
    chat.say("@孙大爷/私聊: 5号楼1单元201")
    assert chat.say("@孙大爷/私聊: 快点来人啊") == [
        ("私聊·孙大爷", "已转告网格员 赵网格，会尽快跟进 #1。"),
        ("私聊·赵网格", "#1 孙*爷催问进度（待受理，期限 11月26日）。请尽快「派单 1 @人或单位」。"),
    ]
    assert chat.text("@孙大爷/私聊: 麻烦快一点").startswith("#1 已经转告过网格员了")


def test_a_reporter_saying_nobody_sees_to_it_presses_their_report(chat: Conversation) -> None:
    chat.say("@王芳/私聊: 3号楼2单元楼道灯坏了")
    chat.run_until(datetime(2026, 11, 23, 10, 30, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert chat.say("@王芳/私聊: 我要投诉，一直没人管") == [
        ("私聊·王芳", "已转告网格员 张网格，会尽快跟进 #1。"),
        (
            "私聊·张网格",
            "#1 王*催问进度：我要投诉（待受理，期限 11月24日）。请尽快「派单 1 @人或单位」。",
        ),
    ]
    assert chat.text("@王芳/私聊: 到底有没有人管").startswith("#1 已经转告过网格员了")
    # A new problem said so is a report.
    assert chat.say("@王芳/私聊: 5号楼门口井盖坏了一直没人管")[0][1].startswith("已登记 #2")


def test_a_reporter_pressing_in_the_group_after_the_first_hour_presses_their_report(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: @邻里 3号楼2单元楼道灯坏了")
    asked = "@王芳/网格3群: 1号都三天了还没人来"
    assert chat.text(asked).startswith("您反映的事项：")  # within the hour: where it stands
    chat.run_until(datetime(2026, 11, 23, 10, 30, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert chat.say(asked) == [
        ("网格3群", "已转告网格员 张网格，会尽快跟进 #1。"),
        ("私聊·张网格", "#1 王*催问进度（待受理，期限 11月24日）。请尽快「派单 1 @人或单位」。"),
    ]
    assert chat.say("@王芳/私聊: 都两个星期了，天天摸黑上楼") == [
        ("私聊·王芳", "#1 已经转告过网格员了，请耐心等待，有进展会通知您。")
    ]


def test_pressing_where_no_grid_worker_is_named_tells_the_work_group(
    db_url: str, tmp_path: Path
) -> None:
    settings = example_settings(db_url, tmp_path / "media")
    community = settings.communities[0]
    people = [person for person in community.people if person.role != "worker"]
    communities = [community.model_copy(update={"people": people})]
    chat = Conversation(settings.model_copy(update={"communities": communities}), monday_morning())
    try:
        chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
        assert chat.say("@王芳/网格3群: 催办 1") == [
            ("网格3群", "已转告社区工作群，会尽快跟进 #1。"),
            ("工作群", "#1 王*催问进度（待受理，期限 11月26日）。请尽快「派单 1 @人或单位」。"),
        ]
        assert chat.text("@孙大爷/网格3群: 催办 1") == (
            "只能催问自己反映、关注或本楼栋的事项；催办由网格员负责。"
        )
        assert chat.text("@孙大爷/网格3群: 催办 9") == "没有找到 #9。"
    finally:
        chat.close()


def test_a_follower_can_stop_following_but_the_reporter_keeps_hearing(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    chat.say("@孙大爷/网格5群: 关注 1")
    assert chat.say("@孙大爷/网格5群: 取消关注 1") == [("网格5群", "已取消关注 #1，不再通知您。")]
    assert chat.say("@孙大爷/网格5群: 取消关注 1") == [("网格5群", "您没有关注 #1。")]
    assert chat.say("@王芳/网格3群: 取消关注 1") == [
        ("网格3群", "#1 是您反映的事项，有进展会通知您。")
    ]
    told = chat.say("@张网格/网格3群: 受理 1")
    assert [where for where, _ in told] == ["网格3群"]  # not 网格5群 any more


def test_a_worker_records_the_rating_an_elderly_reporter_gave_on_the_phone(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    chat.say("@张网格/网格3群: 办结 1 已疏通")
    assert chat.say("@孙大爷/网格3群: 评价 1 5") == [
        ("网格3群", "只有报事人可以评价（网格员电话回访后也可代为记录）。")
    ]
    assert chat.say("@张网格/网格3群: 评价 1 5 老人说满意") == [
        ("网格3群", "#1 已销号，评价5分，感谢反馈。")
    ]
    assert "张*格 评价（已办结→已销号）：5分 电话回访 老人说满意" in chat.text(
        "@李书记/工作群: 查看 1"
    )
    chat.say("@王芳/网格3群: #报事 5号楼路灯不亮")
    chat.say("@赵网格/网格5群: 办结 2 已换灯")
    assert chat.say("@张网格/网格3群: 评价 2 5")[0][1].startswith("这件事不在您负责的网格")
    # Said as the call it was: 回访 (电话回访) records it the same way.
    assert chat.say("@李书记/工作群: 回访 2 满意")[0] == (
        "工作群",
        "#2 已销号，评价5分，感谢反馈。",
    )
    assert "李*记 评价（已办结→已销号）：5分 电话回访" in chat.text("@李书记/工作群: 查看 2")
    # Nobody rates their own work; a low rating recorded is the reporter's, not the caller's.
    chat.say("@孙大爷/网格5群: #报事 5号楼2单元楼道灯不亮")
    chat.say("@李书记/工作群: 派单 3 @赵网格 3天")
    chat.say("@赵网格/网格5群: 办结 3 已换灯")
    assert chat.say("@赵网格/网格5群: 评价 3 5 满意") == [
        ("网格5群", "承办人不能评价自己办理的事项，请其他网格员或书记回访后记录。")
    ]
    said = chat.say("@李书记/私聊: 评价 3 2 灯还是闪")
    assert ("工作群", "#3 孙*爷评价2分（电话回访 灯还是闪），已重开，请跟进。") in said, said
    # The call told as it went: 「3号回访了，居民很满意」 records it; a call nobody answered
    # is kept in its record, counted, and changes nothing else.
    chat.say("@赵网格/网格5群: 办结 3 换了新灯")
    assert chat.say("@赵网格/工作群: 3号回访了吗") == []  # asks, records nothing
    assert chat.say("@李书记/工作群: 3号打了电话没人接") == [
        (
            "工作群",
            "已记下：#3 回访电话未接通（第1次）。接通后请发送「回访 3 满意/基本满意/不满意」。",
        )
    ]
    assert chat.text("@李书记/私聊: 回访 3 关机了").startswith("已记下：#3 回访电话未接通（第2次）")
    shown = chat.text("@李书记/工作群: 查看 3")
    assert "李*记 回访未接通：第2次" in shown and shown.startswith("#3【照明路灯】已办结")
    assert chat.say("@李书记/工作群: 3号回访了，孙大爷说挺好")[0] == (
        "工作群",
        "#3 已销号，评价4分，感谢反馈。",
    )


def test_an_issue_number_said_in_chinese_works_like_digits(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    assert chat.text("@王芳/网格3群: 查看 一").startswith("#1【排水管道】待受理")
    assert chat.say("@张网格/网格3群: 办结 一号 已疏通")[0] == (
        "网格3群",
        "#1 已办结：已疏通。请报事人评价：回复「评价 1 1-5分」，或「满意/基本满意/不满意」。",
    )
    assert chat.say("@王芳/网格3群: 查看一下") == []  # chatter stays chatter


def test_an_issue_number_said_with_hao_works_like_digits(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    assert chat.text("@王芳/网格3群: 查看1号").startswith("#1【排水管道】待受理")
    assert chat.text("@王芳/网格3群: 查看 1号？").startswith("#1【排水管道】待受理")
    # 「3号楼」 is a building, not #3.
    assert chat.text("@王芳/网格3群: 查看3号楼").startswith("用法：/show 编号")
    chat.say("@张网格/网格3群: 派单 1 @刘物业")
    assert chat.text("@刘物业/私聊: 1号已经疏通了") == (
        "#1 已办好的话，请发送「办结 1 已经疏通了」；还没办完请发送「进展 1 已经疏通了」。"
    )
    # 「3号院」 is a place too: not #3, so no hint about an issue 3.
    assert "#3" not in chat.text("@刘物业/私聊: 3号院门口的灯也不亮")
    assert chat.say("@刘物业/私聊: 进展 1号已联系施工队")[0] == (
        "私聊·刘物业",
        "#1 进展：已联系施工队",
    )
    assert chat.say("@刘物业/私聊: 办结1号已疏通")[0] == (
        "私聊·刘物业",
        "#1 已办结：已疏通。请报事人评价：回复「评价 1 1-5分」，或「满意/基本满意/不满意」。",
    )


def test_staff_commands_said_the_other_way_round(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业")
    assert chat.text("@李书记/工作群: 本周统计") == chat.text("@李书记/工作群: 统计 本周")
    # 「月报」 is last month's report whole, as the 1st's gives it: the figures first.
    assert chat.text("@李书记/工作群: 月报") == chat.text("@李书记/工作群: 统计 上月 总结")
    assert chat.text("@李书记/工作群: 月报").startswith(chat.text("@李书记/工作群: 统计 上月"))
    month = chat.text("@李书记/工作群: 统计 本月")
    assert month.startswith("本月收集诉求1条") and "\n网格3：收集1条" in month
    for said in ("这个月的统计", "看下本月统计", "统计 本月 按网格", "统计 这个月 各网格"):
        assert chat.text(f"@李书记/工作群: {said}") == month, said
    assert chat.text("@李书记/工作群: 今天的台账") == chat.text("@李书记/工作群: 台账")
    urged = chat.say("@李书记/工作群: 1号催一下")
    assert urged[-1][0] == "私聊·刘物业" and urged[-1][1].startswith("🟢 催办 #1【排水管道】")
    # A resident is refused as the command would refuse them.
    assert chat.say("@王芳/网格3群: 本周统计") == [("网格3群", "只有网格员及以上可以查看统计。")]


def test_asking_how_a_command_goes_privately_gets_its_usage(chat: Conversation) -> None:
    usage = chat.text("@李书记/私聊: 帮助 派单")
    assert chat.text("@李书记/私聊: 怎么派单") == usage
    assert chat.text("@李书记/私聊: 派单怎么用？") == usage
    assert chat.text("@王芳/私聊: 怎么评价") == chat.text("@王芳/私聊: 帮助 评价")
    assert chat.say("@王芳/网格3群: 怎么撤回") == []  # among neighbours: WeChat's 撤回


def test_all_of_what_a_holder_has_said_done_is_shown_as_one_resolve(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯不亮")
    chat.say("@刘阿姨/网格3群: #报事 1号楼门口垃圾没人清")
    chat.say("@李书记/工作群: 1号和2号都派给物业")
    assert chat.text("@刘物业/私聊: 都处理好了") == (
        "#1、#2 都已办好的话，请发送「办结 1,2 处理好了」；进展请一件一件发送「进展 编号 说明」。"
    )
    assert chat.text("@刘物业/私聊: 两个都弄好了") == (
        "#1、#2 都已办好的话，请发送「办结 1,2 弄好了」；进展请一件一件发送「进展 编号 说明」。"
    )
    chat.say("@刘物业/私聊: 办结 1 灯换了")
    # Holding one, it is that one.
    assert chat.text("@刘物业/私聊: 都处理好了").startswith(
        "#2 已办好的话，请发送「办结 2 都处理好了」"
    )


def test_a_hint_to_someone_at_work_carries_the_commands_as_buttons(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@李书记/工作群: 派单 1 物业")
    (planned,) = chat.send("@刘物业/私聊: 1号联系不上业主")
    assert isinstance(planned, Reply)
    assert planned.buttons == (Button("报进展", "/progress 1 联系不上业主"),)
    (either,) = chat.send("@刘物业/私聊: 灯泡换好了")
    assert isinstance(either, Reply)
    assert [b.command for b in either.buttons] == [
        "/resolve 1 灯泡换好了",
        "/progress 1 灯泡换好了",
    ]
    # Pressed, a button says its command as the presser: the 办结 is done.
    pressed = chat.say(f"@刘物业/私聊: {either.buttons[0].command}")
    assert pressed[0][1].startswith("#1 已办结：灯泡换好了")
    # Words too long for a button are left to be typed.
    long = "已经联系了施工队，他们说材料要从外地调过来，大概要等一个星期左右才能到"
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    chat.say("@李书记/工作群: 派单 2 物业")
    (told,) = chat.send(f"@刘物业/私聊: 2号{long}")
    assert isinstance(told, Reply) and told.buttons == ()


def test_a_holder_saying_when_or_how_long_is_shown_progress_or_more_time(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 小区门口的路面塌陷了一大块")
    chat.say("@李书记/工作群: 1号太难了，吹哨给街道城管办")
    assert chat.text("@周主任/私聊: 这个我们下周安排施工") == (
        "#1 报进展请发送「进展 1 这个我们下周安排施工」，报事人会收到；办好后再发送「办结 1 结果」。"
    )
    assert chat.text("@周主任/私聊: 1号需要施工许可，估计要两周") == (
        "#1 要延期请发送「延期 1 两周 需要施工许可」。"
    )
    asked = chat.say("@周主任/私聊: 延期 1 两周 需要施工许可")
    assert asked[1] == (
        "工作群",
        "周主任 申请 #1 延期到 12月10日（现期限 11月26日），原因：需要施工许可。"
        "同意请发送「延期 1 12月10日」。",
    )


def test_a_holders_everyday_words_are_told_the_command_they_mean(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@张网格/网格3群: 派单 1 物业")
    liu = "私聊·刘物业"
    # Someone sent is progress (it was 办结 first); 的 after the number is no part of the words.
    assert chat.say("@刘物业/私聊: 1号已经派师傅去了") == [
        (
            liu,
            "#1 报进展请发送「进展 1 已经派师傅去了」，报事人会收到；办好后再发送「办结 1 结果」。",
        )
    ]
    assert chat.text("@刘物业/私聊: 1号的业主不让进").startswith(
        "#1 报进展请发送「进展 1 业主不让进」"
    )
    # More time without a number: of the one they hold.
    assert chat.say("@刘物业/私聊: 我们这边人手不够，能不能晚两天") == [
        (liu, "#1 要延期请发送「延期 1 两天 我们这边人手不够」。")
    ]
    # Someone else to take it: from its holder 不归我管, from staff 派单.
    assert chat.say("@刘物业/私聊: 能把1号转给别人吗") == [
        (liu, "#1 不归您管的话，请发送「不归我管 1 原因」，社区会改派。")
    ]
    assert chat.text("@张网格/私聊: 1号换个人吧") == (
        "#1 要换人办请发送「派单 1 @人或单位」；不再办理请发送「退回 1 原因」。"
    )
    assert chat.text("@刘物业/私聊: 9号能转给别人吗") == "没有找到 #9。"
    assert "办理中" in chat.text("@李书记/工作群: 查看 1").splitlines()[0]


def test_an_issue_is_named_by_its_place_in_the_list_just_shown(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    chat.say("@王芳/私聊: 我的反映")
    assert chat.text("@王芳/私聊: 第二个怎么样了").startswith("#2【道路井盖】待受理")
    assert chat.say("@王芳/私聊: 第一个撤回")[0] == (
        "私聊·王芳",
        "#1 已转告网格员：不用处理了。确认后会结案。",
    )
    # Staff after the 台账: the last of it, by its place.
    chat.say("@李书记/工作群: 台账")
    assert chat.say("@李书记/工作群: 最后一个派给物业")[0] == (
        "工作群",
        "#2 已派单给 物业，期限 11月26日。",
    )
    # The message is kept as typed.
    with UnitOfWork(chat.linli.sessions) as uow:
        kept = uow.session.scalars(select(InboundMessage.text)).all()
    assert "最后一个派给物业" in kept and "2号派给物业" not in kept
    # Beyond its length, an ordinal is told how long the list was, and changes nothing; words
    # that ask nothing of an issue stay chat.
    assert chat.text("@李书记/工作群: 第五个受理") == "刚才的列表只有2条，请写明编号，例如「1号」。"
    assert chat.say("@李书记/工作群: 第五个孩子都上学了") == []
    assert "已受理" not in chat.text("@李书记/工作群: 查看 1")
    # Past the list's half hour, an ordinal names nothing.
    chat.clock.set(datetime(2026, 11, 23, 11, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert chat.say("@王芳/私聊: 第二个怎么样了") != chat.say("@王芳/私聊: 2号怎么样了")


def test_the_number_a_reporter_left_is_told_to_those_who_call_back(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    assert chat.text("@李书记/私聊: 1号报事人电话") == "#1 报事人没有留电话。"
    chat.say("@王芳/私聊: 我的电话是13812345678")
    chat.say("@李书记/工作群: 派单 1 刘物业")
    # Privately, whoever works on it reads it whole, as 查看 shows it them.
    for who in ("李书记", "张网格", "刘物业"):
        assert chat.text(f"@{who}/私聊: 1号报事人电话多少") == (
            "#1 报事人留的电话：13812345678。"
        ), who
    # Its holder asking without its number: of the one they hold.
    for said in ("报事人在家吗", "怎么联系报事人"):
        assert chat.text(f"@刘物业/私聊: {said}") == "#1 报事人留的电话：13812345678。", said
    # Never in a group: its members would read it.
    assert chat.text("@李书记/工作群: 1号报事人电话") == (
        "#1 报事人留了电话，请私聊我发送「查看 1」查看。"
    )
    # Another grid's worker is pointed to this one's.
    assert chat.text("@赵网格/私聊: 1号报事人电话").startswith("#1 报事人的电话不对外提供。")
    # Asked by the reporter's name (it met the not-filed hint): the same, to the same people.
    assert chat.text("@李书记/私聊: 王芳的电话是多少") == "王芳留的电话：13812345678（#1）。"
    assert chat.text("@张网格/私聊: 王芳电话多少") == "王芳留的电话：13812345678（#1）。"
    assert chat.text("@李书记/工作群: 王芳的电话是多少") == (
        "居民的电话请私聊我查询（发送「王芳的电话」）。"
    )
    chat.say("@孙大爷/网格5群: #报事 5号楼门口井盖松了")
    assert chat.text("@李书记/私聊: 孙大爷的电话") == (
        "孙大爷反映的 #2 里没有留电话。可以请网格员上门联系。"
    )
    # The grid worker is not told to send a grid worker.
    assert chat.text("@赵网格/私聊: 孙大爷的电话") == "孙大爷反映的 #2 里没有留电话。"
    for who in ("张网格", "刘阿姨"):  # not his grid's; a neighbour's: nothing of it
        assert chat.text(f"@{who}/私聊: 孙大爷的电话").startswith("没有登记孙大爷的联系方式。")


def test_staff_saying_an_issue_is_not_theirs_or_beyond_them_are_told_the_command(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 小区外面马路上的井盖坏了")
    # Staff send back (退回) what the community does not deal with; a holder hands it back.
    assert chat.text("@李书记/工作群: 1号不归我们管，属于市政") == (
        "#1 不归社区管的话，请发送「退回 1 不归我们管，属于市政」，报事人会收到原因。"
    )
    chat.say("@李书记/工作群: 派单 1 刘物业")
    assert chat.text("@刘物业/私聊: 1号不归我们管，属于市政").startswith(
        "#1 不归您管的话，请发送「不归我管 1 "
    )
    # 「升级」「报上去」 is 上报, its reason still to say.
    for said in ("1号升级一下", "1号报上去吧"):
        assert chat.text(f"@李书记/工作群: {said}") == (
            "#1 需要上级协调的话，请发送「上报 1 原因」（吹哨），上报单位会收到。"
        ), said


def test_words_of_an_issue_no_longer_open_say_what_is_left(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@李书记/工作群: 派单 1 刘物业")
    chat.say("@刘物业/私聊: 办结 1 已换灯泡")
    # Done, a follow-up call said without its verdict: how to record it (not 办结 again).
    assert chat.text("@张网格/私聊: 1号打电话回访了") == (
        "#1 已办结，回访的结果请发送「回访 1 满意/基本满意/不满意」记录。"
    )
    assert chat.text("@刘物业/私聊: 1号已经修好了") == (
        "#1 已办结，不用再办理；问题又出现了请发送「重开 1 原因」。"
    )
    # With its verdict, however the call is put, it is the 回访.
    rated = chat.say("@张网格/私聊: 1号打电话回访，王阿姨说还行")
    assert rated[0] == ("私聊·张网格", "#1 已销号，评价3分，感谢反馈。")
    assert chat.text("@张网格/私聊: 1号又去看了一下") == (
        "#1 已销号，不用再办理；问题又出现了请发送「重开 1 原因」。"
    )


def test_staff_adding_to_an_issue_are_told_a_note_or_progress(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    hint = "#1 记给同事看请发送「备注 1 是3楼和4楼之间」；要告诉报事人请发送「进展 1 是3楼和4楼之间」。"
    assert chat.text("@李书记/工作群: 1号补充一下，是3楼和4楼之间") == hint
    assert chat.text("@张网格/私聊: 1号补充：是3楼和4楼之间") == hint
    # Its reporter's 补充 is still theirs.
    assert chat.say("@王芳/网格3群: 1号补充一下，是3楼和4楼之间")[0] == (
        "网格3群",
        "已补充到 #1。如果这是另一件事，请回复「新建」。",
    )


def test_an_escalated_units_words_are_read_as_its_work(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 小区门口路面塌陷")
    chat.say("@李书记/工作群: 上报 1 街道城管办 需要协调施工")
    # Work arranged is 进展; work finished 办结 first; what they hold is their 台账.
    assert chat.text("@周主任/私聊: 收到，我们安排人去看") == (
        "#1 报进展请发送「进展 1 收到，我们安排人去看」，报事人会收到；办好后再发送「办结 1 结果」。"
    )
    assert chat.text("@周主任/私聊: 1号施工完了").startswith(
        "#1 已办好的话，请发送「办结 1 施工完了」"
    )
    assert chat.text("@周主任/私聊: 我们这边还有几件") == chat.text("@周主任/私聊: 台账")


def test_more_time_asked_in_one_clause_keeps_its_reason(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@李书记/工作群: 派单 1 刘物业")
    # The rest of the clause is the reason (it was left 「原因」); 「要等」 alone is none.
    assert chat.text("@刘物业/私聊: 1号配件要等三天") == "#1 要延期请发送「延期 1 三天 配件要等」。"
    assert chat.text("@刘物业/私聊: 1号要等两天") == "#1 要延期请发送「延期 1 两天 原因」。"


def test_a_grid_worker_saying_they_take_an_issue_accepts_it(chat: Conversation) -> None:
    """「1号我受理了」 was answered with how to 办结 or 进展 it, 「我受理了」 as the result: it
    is 受理, as 「1号受理」 is."""
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    assert chat.say("@张网格/私聊: 1号我受理了") == [
        ("私聊·张网格", "#1 已受理（简单），期限 11月24日。"),
        ("网格3群", "#1 已受理（简单），期限 11月24日。"),
    ]
    assert chat.text("@张网格/私聊: 1号我来受理").endswith("无需重复。")
    # A resident may not.
    assert chat.text("@王芳/私聊: 1号我受理了") == "只有网格员及以上可以受理。"
