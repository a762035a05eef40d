"""Intake as people use it in a grid group (chat-protocol §2), through the console adapter."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from bot.messages import Document
from handlers.export import LEDGER_HEADERS
from storage.models import InboundMessage, Issue
from storage.uow import UnitOfWork
from tests.support.conversation import Conversation, example_settings, monday_morning

ACK_SEWER = "已登记 #1【排水管道】3号楼2单元 · 网格3 · 3个工作日内答复。回复「查看 1」看进度。"


def issues(chat: Conversation) -> list[Issue]:
    with UnitOfWork(chat.linli.sessions) as uow:
        return list(uow.session.scalars(select(Issue).order_by(Issue.id)))


def test_a_tagged_report_gets_a_numbered_acknowledgement(chat: Conversation) -> None:
    assert chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了，污水漫到路上") == [
        ("网格3群", ACK_SEWER)
    ]
    [issue] = issues(chat)
    assert issue.description == "3号楼2单元门口下水道堵了，污水漫到路上"
    assert (issue.category, issue.building, issue.unit) == ("drainage", "3", "2")


def test_wechat_emoji_codes_are_no_part_of_the_description(chat: Conversation) -> None:
    """「[捂脸]」 reads as words outside WeChat: the 台账 keeps the problem without it."""
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了[捂脸][捂脸]")
    assert chat.text("@孙大爷/网格3群: #报事 [流泪]").startswith("请接着发文字说明是什么问题")
    assert [issue.description for issue in issues(chat)] == ["3号楼2单元楼道灯坏了"]


def test_words_just_after_a_tag_alone_are_its_report(chat: Conversation) -> None:
    """WeChat sends 「#报事」 with a photo, then the words, each on its own: the words were
    neighbours' chat (the photo lost), now they are the report, the photo with it."""
    asked = chat.text("@钱阿姨/网格3群: #报事 [图片:垃圾.jpg]")
    assert asked.startswith("请接着发文字说明是什么问题、在哪里")
    assert chat.say("@钱阿姨/网格3群: 好的") == []  # no problem in it: chat, the tag still waits
    filed = chat.say("@钱阿姨/网格3群: 垃圾站满了没人清")
    assert filed[0] == (
        "网格3群",
        "已登记 #1【环境卫生】垃圾站 · 网格3 · 1个工作日内答复。回复「查看 1」看进度。"
        "\n您先发的1张照片已一并登记。",
    )
    # Once: the words after the report are chat again; so are anyone else's.
    assert chat.say("@钱阿姨/网格3群: 3号楼门口也堆满了") == []
    chat.say("@孙大爷/网格3群: #报事")
    assert chat.say("@王芳/网格3群: 5号楼路灯坏了") == []
    # Five minutes on, the tag waits no more.
    chat.clock.advance(timedelta(minutes=6))
    assert chat.say("@孙大爷/网格3群: 5号楼路灯坏了") == []
    # Staff privately: their words after the tag are filed (untagged, they are told the tag).
    chat.say("@张网格/私聊: #报事")
    assert chat.say("@张网格/私聊: 4号楼单元门禁坏了")[0][1].startswith(
        "已登记 #2【安防监控】4号楼"
    )
    assert len(issues(chat)) == 2


def test_numbers_run_on_per_community(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    second = chat.text("@孙大爷/网格5群: #诉求 6号楼楼道灯不亮，晚上很黑")
    assert second.startswith("已登记 #2【照明路灯】6号楼 · 网格5 · ")


def test_the_grid_follows_the_building_not_the_chat(chat: Conversation) -> None:
    # Reported in 网格3群, but building 6 belongs to 网格5.
    assert "6号楼 · 网格5" in chat.text("@王芳/网格3群: #报事 6号楼楼道灯坏了")


def test_tags_and_commands_forgive_full_width_and_spaces(chat: Conversation) -> None:
    assert chat.text("@王芳/网格3群: ＃报事　3号楼2单元门口下水道堵了") == ACK_SEWER
    assert chat.text("查看　＃１").startswith("#1【排水管道】待受理")
    assert chat.text("/show   １").startswith("#1【排水管道】待受理")


def test_a_tag_at_the_end_counts_too(chat: Conversation) -> None:
    assert chat.text("@王芳/网格3群: 3号楼2单元门口下水道堵了 #报事") == ACK_SEWER


def test_mentioning_the_bot_files_a_report(chat: Conversation) -> None:
    reply = chat.text("@王芳/网格3群: @邻里 3号楼2单元门口下水道堵了")
    assert reply == ACK_SEWER
    assert issues(chat)[0].description == "3号楼2单元门口下水道堵了"
    # Called by its name, as one calls a person, it is mentioned too.
    assert chat.text("@李明/网格3群: 邻里，5号楼门口井盖松了").startswith("已登记 #2【道路井盖】")
    assert issues(chat)[1].description == "5号楼门口井盖松了"
    assert chat.say("@李明/网格3群: 邻里之间要互相体谅") == []


def test_ordinary_chatter_is_left_alone_and_not_kept(chat: Conversation) -> None:
    assert chat.say("@王芳/网格3群: 大家早上好，今天天气不错") == []
    assert chat.say("@王芳/网格3群: 查看一下群公告吧") == []
    with UnitOfWork(chat.linli.sessions) as uow:
        assert uow.session.scalar(select(func.count(InboundMessage.id))) == 0


def test_the_same_platform_message_delivered_twice_files_one_issue(chat: Conversation) -> None:
    message = chat.adapter.parse("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    assert message is not None
    assert chat.deliver(message) == [("网格3群", ACK_SEWER)]
    assert chat.deliver(replace(message)) == []
    assert len(issues(chat)) == 1


def test_a_worker_files_a_residents_message_by_replying_with_the_tag(chat: Conversation) -> None:
    assert chat.say("@孙大爷/网格3群: 南门那个井盖又翘起来了，差点绊倒人[图片:井盖.jpg]") == []
    reply = chat.text("@张网格/网格3群: ^1 #立案")
    assert reply.startswith("已登记 #1【道路井盖】南门 · 网格3 · ")
    [issue] = issues(chat)
    with UnitOfWork(chat.linli.sessions) as uow:
        reporter = uow.people.get(issue.reporter_id).name
        filed_by = uow.people.get(issue.filed_by_id or 0).name
        photos = [a.ref for a in uow.issues.by_number(issue.community_id, 1).attachments]  # type: ignore[union-attr]
    assert (reporter, filed_by) == ("孙大爷", "张网格")
    assert issue.description == "南门那个井盖又翘起来了，差点绊倒人"
    assert photos == ["井盖.jpg"]
    # 查看 shows the details, then the photo itself, sent again by its platform id.
    (_, history), photo = chat.say("@张网格: 查看 1")
    assert "张*格 代为立案" in history
    assert photo == ("网格3群", "[图片:井盖.jpg] #1 照片1/1")


def test_staff_nodding_to_a_neighbours_complaint_are_told_privately_how_to_track_it(
    chat: Conversation,
) -> None:
    """「@张网格 楼道灯坏了好几天了」 answered 「收到，马上处理」 by the grid worker was tracked
    nowhere: the worker hears privately how to file it; the group hears nothing."""
    assert chat.say("@王芳/网格3群: @张网格 3号楼2单元楼道灯坏了好几天了") == []
    assert chat.say("@张网格/网格3群: ^1 收到，马上处理") == [
        (
            "私聊·张网格",
            "您在网格3群回复了王*的「3号楼2单元楼道灯坏了好几天了」。要登记跟进，"
            "请回复那条消息发送「#立案」，报事人记为王*，办理进度会通知。",
        )
    ]
    assert issues(chat) == []  # nothing filed on a nod
    # A neighbour's nod, or staff nodding to chat, is nothing to the bot.
    assert chat.say("@孙大爷/网格3群: ^1 收到") == []
    chat.say("@刘阿姨/网格3群: 今天天气不错")
    assert chat.say("@张网格/网格3群: ^4 好的") == []
    # Filed, it is not hinted again.
    assert chat.text("@张网格/网格3群: ^1 #立案").startswith("已登记 #1【照明路灯】")
    assert chat.say("@李书记/网格3群: ^1 好的，尽快安排") == []


def test_a_message_already_filed_is_not_filed_again(chat: Conversation) -> None:
    chat.say("@孙大爷/网格3群: 南门那个井盖又翘起来了，差点绊倒人")
    assert chat.text("@张网格/网格3群: ^1 #立案").startswith("已登记 #1")
    assert chat.text("@李书记/网格3群: ^1 /file") == "这条消息已登记为 #1，回复「查看 1」看进度。"
    # A tagged report filed again by reply: its tag is not part of the text, and it is #2 already.
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    assert chat.text("@张网格/网格3群: ^4 #立案") == "这条消息已登记为 #2，回复「查看 2」看进度。"
    assert [i.description for i in issues(chat)] == [
        "南门那个井盖又翘起来了，差点绊倒人",
        "3号楼2单元下水道堵了",
    ]
    # Closed since, the report is still the one it was.
    chat.say("@李书记/工作群: 退回 2 属于市政管网")
    assert chat.text("@张网格/网格3群: ^4 #立案") == "这条消息已登记为 #2，回复「查看 2」看进度。"
    assert chat.text("@张网格/网格3群: /file") == "请回复居民的那条消息，再写 #立案 或 /file。"
    assert chat.text("@张网格/网格3群: #立案") == "请回复居民的那条消息，再写 #立案 或 /file。"
    assert chat.say("@张网格/网格3群: 这个要不要#立案") == []  # said in passing, not a reply
    # With words and nothing quoted, the words are the report, filed by whoever sent them.
    filed = chat.say("@张网格/工作群: #立案 王阿姨反映5号楼楼道灯坏了")
    assert filed[0] == (
        "工作群",
        "已登记 #3【照明路灯】5号楼 · 网格5 · 1个工作日内答复。回复「查看 3」看进度。",
    )


def test_a_resident_cannot_file_someone_elses_message(chat: Conversation) -> None:
    chat.say("@孙大爷/网格3群: 南门那个井盖又翘起来了")
    assert chat.text("@王芳/网格3群: ^1 #立案") == "只有网格员、楼栋长或书记可以代为立案。"
    assert issues(chat) == []


def test_a_building_head_files_messages_about_their_own_building_only(chat: Conversation) -> None:
    # 陈楼长 is head of 3号楼 (config.example.yaml).
    chat.say("@孙大爷/网格3群: 2号楼楼道灯坏了好几天了")
    refused = chat.text("@陈楼长/网格3群: ^1 #立案")
    assert refused == "楼栋长只能为本楼栋（3号楼）代为立案，这条说的是2号楼，请网格员立案。"
    assert issues(chat) == []
    chat.say("@孙大爷/网格3群: 3号楼2单元楼道灯坏了好几天了")
    assert chat.text("@陈楼长/网格3群: ^3 #立案").startswith("已登记 #1【照明路灯】3号楼2单元")
    # A message that names no place is about the head's own building.
    chat.say("@孙大爷/网格3群: 楼道里堆满了纸箱，过不去人")
    assert "3号楼 · 网格3" in chat.text("@陈楼长/网格3群: ^5 #立案")
    assert [(i.building, i.filed_by_id is not None) for i in issues(chat)] == [
        ("3", True),
        ("3", True),
    ]
    # A grid worker files the 2号楼 message the head could not.
    assert chat.text("@张网格/网格3群: ^1 #立案").startswith("已登记 #3【照明路灯】2号楼")


def test_a_head_granted_in_chat_is_limited_to_the_building_named(chat: Conversation) -> None:
    chat.say("@吴阿姨/网格3群: 大家好")
    assert (
        chat.text("@李书记/工作群: 设置角色 @吴阿姨 楼栋长 ４栋")
        == "已设置 吴*姨 为楼栋长（4号楼）。"
    )
    chat.say("@孙大爷/网格3群: 3号楼门口井盖坏了")
    assert chat.text("@吴阿姨/网格3群: ^3 #立案").startswith("楼栋长只能为本楼栋（4号楼）")
    assert chat.text("@李书记/工作群: 设置角色 @吴阿姨 楼栋长 东区") == (
        "「东区」不是楼栋号，例如：设置角色 @陈楼长 楼栋长 3号楼"
    )
    assert chat.text("@李书记/工作群: 设置角色 @吴阿姨 楼栋长 99号楼").startswith(
        "本社区没有99号楼（有：1号楼、2号楼、"
    )
    assert issues(chat) == []


def test_an_empty_report_asks_for_words_and_files_nothing(chat: Conversation) -> None:
    hint = "请接着发文字说明是什么问题、在哪里（如：3号楼2单元楼道灯不亮），我来登记。"
    assert chat.text("@王芳/网格3群: #报事") == hint
    assert chat.text("@王芳/网格3群: #报事 😡😡👍") == hint
    assert issues(chat) == []
    with UnitOfWork(chat.linli.sessions) as uow:
        kept = list(uow.session.scalars(select(InboundMessage.text)))
    assert kept == ["#报事", "#报事 😡😡👍"]


def test_emoji_only_chatter_is_ignored(chat: Conversation) -> None:
    assert chat.say("@王芳/网格3群: 👍👍🙏") == []


def test_a_ten_thousand_character_report_is_filed_whole(chat: Conversation) -> None:
    long_text = "3号楼2单元下水道堵了，" + "污水一直往外冒，" * 1250
    assert len(long_text) > 10_000
    reply = chat.text(f"@王芳/网格3群: #报事 {long_text}")
    assert reply.startswith("已登记 #1【排水管道】3号楼2单元")
    assert issues(chat)[0].description == long_text


def test_an_urgent_report_also_alerts_the_work_group(chat: Conversation) -> None:
    replies = chat.say("@钱阿姨/网格3群: #报事 4号楼楼道里有很重的煤气味，好像漏气了")
    assert [where for where, _ in replies] == ["网格3群", "工作群"]
    assert replies[0][1] == (
        "已登记 #1【安全隐患】4号楼 · 网格3 · 已列为紧急，已通知工作群。"
        "如有危险请先拨打 119（火警）、120（急救）或 110。回复「查看 1」看进度。"
    )
    assert replies[1][1].startswith("🚨 紧急诉求 #1【")
    assert "钱*姨" in replies[1][1] and "钱阿姨" not in replies[1][1]


def test_an_emergency_said_without_what_or_where_is_asked_and_told_on_it(
    chat: Conversation,
) -> None:
    filed = chat.say("@孙大爷/私聊: 救命")
    assert filed[0][1].endswith(
        "\n出了什么事、在哪里？请马上回复（如：5号楼2单元301，老人摔倒了）。"
    )
    assert filed[1][1].startswith("🚨 紧急诉求 #1【其他】救命")
    # The answer is that emergency, its place too, told to the work group at once: not a
    # second one.
    told = chat.say("@孙大爷/私聊: 5号楼2单元301，老伴摔倒了起不来")
    assert told == [
        (
            "私聊·孙大爷",
            "已补充到紧急诉求 #1，已通知工作群。如有危险请先拨打 119（火警）、120（急救）或 110。",
        ),
        (
            "工作群",
            "🚨 紧急诉求 #1 报事人补充：5号楼2单元301室 · 网格5 · 5号楼2单元301，老伴摔倒了起不来",
        ),
    ]
    assert len(issues(chat)) == 1 and issues(chat)[0].building == "5"
    # Another's 「救命」 is another emergency, whatever the words share.
    assert chat.say("@周女士/私聊: 救命")[0][1].startswith("已登记 #2【其他】已列为紧急")
    # Where alone is asked of an urgent report that says what.
    gas = chat.say("@钱阿姨/私聊: 家里煤气味很大")[0][1]  # #3
    assert gas.endswith(
        "\n在哪里？请马上回复楼号、单元和门牌（如：5号楼2单元301），网格员好赶过去。"
    )
    assert chat.say("@钱阿姨/私聊: 6号楼1单元502") == [
        ("私聊·钱阿姨", "已把位置补充到 #3：6号楼1单元502室 · 网格5。"),
        ("工作群", "🚨 紧急诉求 #3 报事人补充位置：6号楼1单元502室 · 网格5"),
    ]


def test_an_emergency_said_to_the_bot_in_a_group_is_asked_to_be_said_to_it_again(
    chat: Conversation,
) -> None:
    filed = chat.say("@孙大爷/幸福里居民群: @邻里 救命")
    assert filed[0][1].endswith(
        "\n出了什么事、在哪里？请马上@邻里 回复（如：5号楼2单元301，老人摔倒了）。"
    )
    told = chat.say("@孙大爷/幸福里居民群: @邻里 5号楼2单元301，老伴摔倒了起不来")
    assert told[0] == (
        "幸福里居民群",
        "已补充到紧急诉求 #1，已通知工作群。如有危险请先拨打 119（火警）、120（急救）或 110。",
    )
    assert told[1][1].startswith("🚨 紧急诉求 #1 报事人补充：5号楼2单元301室")
    assert len(issues(chat)) == 1


def test_a_private_report_is_filed_and_passed_on_without_the_name(chat: Conversation) -> None:
    replies = chat.say("@王芳/私聊: 3号楼2单元门口下水道堵了好几天了")
    assert replies[0] == ("私聊·王芳", ACK_SEWER)
    assert replies[1][0] == "工作群"
    assert "私信反映，报事人已隐去" in replies[1][1] and "王" not in replies[1][1]


def test_a_private_greeting_gets_a_hint_not_an_issue(chat: Conversation) -> None:
    reply = chat.text("@王芳/私聊: 你好")
    assert reply.startswith("您好，我是邻里。直接描述要反映的问题")
    assert issues(chat) == []


def test_where_said_to_the_bot_in_a_group_just_after_a_report_is_added_to_it(
    chat: Conversation,
) -> None:
    """「@邻里 我住3号楼2单元401」 after 「@邻里 厨房水管坏了」 was kept as a detail alone."""
    chat.say("@孙大爷/网格3群: @邻里 厨房水管坏了")
    assert chat.say("@孙大爷/网格3群: @邻里 我住3号楼2单元401") == [
        ("网格3群", "已把位置补充到 #1：3号楼2单元401室 · 网格3。"),
        ("工作群", "#1 报事人补充位置：3号楼2单元401室 · 网格3"),
    ]
    (leak,) = issues(chat)
    assert (leak.building, leak.unit, leak.room) == ("3", "2", "401")
    # Someone else's address is not taken for it.
    assert chat.text("@钱阿姨/网格3群: @邻里 我是5号楼1单元的").startswith("您好，我是邻里。")
    assert issues(chat)[0].building == "3"


def test_where_said_just_after_a_private_report_is_added_to_it(chat: Conversation) -> None:
    chat.say("@王芳/私聊: 楼上天天晚上11点以后还在剁肉，吵得睡不着")
    assert chat.say("@王芳/私聊: 我住3号楼2单元301，楼上是401") == [
        ("私聊·王芳", "已把位置补充到 #1：3号楼2单元301室 · 网格3。"),
        ("工作群", "#1 报事人补充位置：3号楼2单元301室 · 网格3"),
    ]
    (noise,) = issues(chat)  # not filed as a second issue
    assert (noise.building, noise.unit, noise.room) == ("3", "2", "301")
    assert "补充：我住3号楼2单元301，楼上是401" in chat.text("@王芳/私聊: 查看 1")
    assert chat.text("@张网格/私聊: 台账").count("#1【噪音扰民】3号楼2单元") == 1  # in his grid now
    # Said as where she lives, it is her home too: her grid's worker is named.
    assert chat.text("@王芳/私聊: 网格员是谁") == "网格3的网格员：张网格（13800138003）。"
    # A building named already: its unit may follow; another place is not taken for it.
    chat.say("@钱阿姨/私聊: 5号楼下水道堵了")
    assert chat.say("@钱阿姨/私聊: 在5号楼2单元")[0] == (
        "私聊·钱阿姨",
        "已把位置补充到 #2：5号楼2单元 · 网格5。",
    )
    # Another building is not taken for its place: the words are kept as a detail.
    assert (
        chat.say("@钱阿姨/私聊: 在6号楼")[0][1] == "已补充到 #2。如果这是另一件事，请回复「新建」。"
    )
    # A place of no building, beside the building named: kept in its record, the building stays.
    assert chat.say("@钱阿姨/私聊: 在小区东门") == [
        ("私聊·钱阿姨", "已把位置补充到 #2：5号楼2单元 · 网格5（东门）。"),
        ("工作群", "#2 报事人补充位置：5号楼2单元 · 网格5（东门）"),
    ]
    assert "补充：在小区东门" in chat.text("@钱阿姨/私聊: 查看 2")
    assert issues(chat)[1].building == "5"
    # A problem said with its place is a report of its own, however it starts.
    chat.say("@刘阿姨/私聊: 楼道里很黑")
    assert chat.say("@刘阿姨/私聊: 在5号楼下面有个井盖坏了")[0][1].startswith(
        "已登记 #4【道路井盖】"
    )
    # An address alone answers "where" too.
    chat.say("@周阿姨/私聊: 电梯又坏了")
    assert chat.say("@周阿姨/私聊: 3号楼") == [
        ("私聊·周阿姨", "已把位置补充到 #5：3号楼 · 网格3。"),
        ("工作群", "#5 报事人补充位置：3号楼 · 网格3"),
    ]
    # Half an hour on, where is a report of its own.
    chat.say("@孙大爷/私聊: 路灯坏了好几天了，晚上很黑")
    chat.clock.advance(timedelta(minutes=31))
    assert chat.text("@孙大爷/私聊: 在小区东门").startswith("您好，我是邻里。")
    assert len(issues(chat)) == 6


def test_where_said_in_the_group_just_after_a_report_there_is_added_to_it(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 楼上天天半夜拖椅子，吵得睡不着")
    assert chat.say("@王芳/网格3群: 是3号楼的吗") == []  # a question, not where
    assert chat.say("@孙大爷/网格3群: 我住5号楼") == []  # a neighbour's home, not her report's
    assert chat.say("@王芳/网格5群: 我住3号楼") == []  # not where she reported it
    assert chat.say("@孙大爷/网格3群: 5号楼") == []  # an address alone, from a neighbour
    assert chat.say("@王芳/网格3群: 我家是3号楼2单元301") == [
        ("网格3群", "已把位置补充到 #1：3号楼2单元301室 · 网格3。"),
        ("工作群", "#1 报事人补充位置：3号楼2单元301室 · 网格3"),
    ]
    assert chat.say("@王芳/网格3群: 说错了，是4号楼2单元")[0] == (
        "网格3群",
        "已更正 #1 的位置：4号楼2单元 · 网格3。",
    )
    (noise,) = issues(chat)
    assert (noise.building, noise.unit, noise.room) == ("4", "2", None)
    # An apology first, a unit alone: of the building it named (it was chat).
    assert chat.say("@王芳/网格3群: 不好意思，报错了，是3单元")[0] == (
        "网格3群",
        "已更正 #1 的位置：4号楼3单元 · 网格3。",
    )
    # Half an hour on, it is chat.
    chat.clock.advance(timedelta(minutes=31))
    assert chat.say("@王芳/网格3群: 应该是5号楼") == []


def test_the_flat_said_after_a_report_of_its_unit_is_added_to_it(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    assert chat.say("@王芳/网格3群: 我家是3号楼2单元101")[0] == (
        "网格3群",
        "已把位置补充到 #1：3号楼2单元101室 · 网格3。",
    )
    # And a number to call back on, with how to use it, privately: kept on it.
    replies = chat.say("@王芳/私聊: 我的电话是13912345678，有事打我电话")
    assert replies[0][1].startswith("已把电话补充到 #1")
    assert replies[1][1].startswith("#1 报事人留了电话 我的电话是139****5678")


def test_a_place_corrected_just_after_a_private_report_replaces_it(chat: Conversation) -> None:
    chat.say("@王芳/私聊: 地址：5号楼东侧 路灯不亮，晚上很黑")
    (lamp,) = issues(chat)
    assert lamp.building == "5"  # the label's colon did not hide the place
    assert chat.say("@王芳/私聊: 说错了，是3号楼2单元") == [
        ("私聊·王芳", "已更正 #1 的位置：3号楼2单元 · 网格3。"),
        ("工作群", "#1 报事人更正位置：3号楼2单元 · 网格3"),
    ]
    assert chat.say("@王芳/私聊: 不好意思，写错了，是3号楼4单元")[0][1] == (
        "已更正 #1 的位置：3号楼4单元 · 网格3。"  # it was a 补充 alone
    )
    assert chat.say("@王芳/私聊: 位置：3号楼西侧")[0][1] == "已更正 #1 的位置：3号楼 · 网格3。"
    (lamp,) = issues(chat)
    assert (lamp.building, lamp.unit) == ("3", None)
    shown = chat.text("@王芳/私聊: 查看 1")
    assert "补充：说错了，是3号楼2单元" in shown and "补充：位置：3号楼西侧" in shown
    assert chat.text("@张网格/私聊: 台账").count("#1【照明路灯】3号楼") == 1  # his grid now
    # A building with no grid keeps the grid it had.
    assert chat.say("@王芳/私聊: 应该是80号楼")[0][1] == "已更正 #1 的位置：80号楼 · 网格3。"


def test_a_reporter_asking_in_the_group_when_it_is_fixed_gets_their_issue(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了一个星期了")
    listed = (
        "您反映的事项：\n🟡 #1【照明路灯】3号楼2单元 · 待受理 · 期限11月24日\n"
        "回复「查看 编号」看详情。"
    )
    assert chat.say("@王芳/网格3群: 什么时候来修啊？") == [("网格3群", listed)]
    assert chat.say("@王芳/网格3群: 怎么还没人来") == [("网格3群", listed)]
    assert chat.say("@王芳/网格3群: 1号为什么还没修") == [("网格3群", listed)]
    assert chat.say("@王芳/网格3群: 怎么还没人管") == [("网格3群", listed)]  # 没人管 names nothing
    assert chat.say("@王芳/网格3群: 怎么没人回我") == [("网格3群", listed)]
    assert chat.say("@王芳/网格3群: 我的反映怎么样了") == [("网格3群", listed)]  # hers, by name
    assert chat.say("@王芳/网格3群: 我的快递怎么样了") == []
    # How far it has got, asked of hers, or of the problem she reported.
    assert chat.say("@王芳/网格3群: 我的问题处理到哪了？") == [("网格3群", listed)]
    assert chat.say("@王芳/网格3群: 我反映的事有消息吗") == [("网格3群", listed)]
    assert chat.say("@王芳/网格3群: 楼道灯的事有下文吗") == [("网格3群", listed)]
    assert chat.say("@王芳/网格3群: 上次反映的事怎么没下文了") == [("网格3群", listed)]
    assert chat.say("@王芳/网格3群: 我的建议有人看吗") == [("网格3群", listed)]
    assert chat.say("@王芳/网格3群: 快递到哪了") == []
    # When someone comes to fix it (「师傅明天几点来」), but not when a parcel comes.
    assert chat.say("@王芳/网格3群: 师傅明天几点来？") == [("网格3群", listed)]
    assert chat.say("@王芳/网格3群: 师傅几点能到") == [("网格3群", listed)]
    assert chat.say("@王芳/网格3群: 哪天上门") == [("网格3群", listed)]
    assert chat.say("@王芳/网格3群: 快递几点到") == []
    assert chat.say("@王芳/网格3群: 几点来电") == []  # the power, not someone coming
    # Whether someone came (「物业来过了吗」 was filed as a report of 物业服务).
    assert chat.say("@王芳/网格3群: 师傅来了没有") == [("网格3群", listed)]
    assert chat.say("@王芳/网格3群: 物业有没有来过") == [("网格3群", listed)]
    assert chat.say("@王芳/网格3群: 快递来了吗") == []
    assert chat.text("@王芳/私聊: 物业来过了吗") == listed
    # 「物业办得怎么样了」 asks of hers, not the figures she may not see.
    assert chat.text("@王芳/私聊: 物业办得怎么样了") == listed
    assert chat.text("@孙大爷/私聊: 物业办得怎么样了") == "只有网格员及以上可以查看统计。"
    assert chat.say("@王芳/网格3群: 周三能弄好吗") == [("网格3群", listed)]
    assert chat.say("@王芳/网格3群: 灯的事怎么样了") == [("网格3群", listed)]
    assert chat.say("@王芳/网格3群: 你家的事怎么样了") == []  # someone else's
    assert chat.say("@王芳/网格3群: 井盖的事有结果了吗") == []  # not a problem of hers
    # Not from a neighbour, nor in another group, nor about anything but the work.
    assert chat.say("@孙大爷/网格3群: 什么时候来修啊") == []
    assert chat.say("@王芳/网格5群: 什么时候来修") == []
    assert chat.say("@王芳/网格3群: 你家孩子怎么样了") == []
    assert chat.say("@王芳/网格3群: 5号楼的下水道什么时候修") == []  # a problem not hers
    chat.say("@张网格/网格3群: 退回 1 不是社区的事")
    assert chat.say("@王芳/网格3群: 什么时候来修") == []  # nothing of hers open here


def test_a_neighbour_asking_after_a_problem_reported_there_is_told_where_it_stands(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 小区南门道闸坏了，车进不来")
    told = "已有人反映：#1【停车通行】南门 · 待受理 · 期限11月26日"
    assert chat.say("@孙大爷/网格3群: 道闸什么时候修") == [
        ("网格3群", f"{told}\n想收到进展，请回复「关注 1」。")
    ]
    chat.say("@孙大爷/网格3群: 关注 1")
    assert chat.say("@孙大爷/网格3群: 道闸修了吗") == [("网格3群", told)]  # following already
    # Not of a problem nobody reported there, nor in another group, nor of nothing named.
    assert chat.say("@孙大爷/网格3群: 电梯什么时候修") == []
    assert chat.say("@孙大爷/网格5群: 道闸什么时候修") == []
    assert chat.say("@孙大爷/网格3群: 什么时候来修啊") == []


def test_a_reporter_saying_it_is_still_not_fixed_while_open_gets_its_status(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@李书记/工作群: 派单 1 刘物业")
    listed = (
        "您反映的事项：\n🟡 #1【照明路灯】3号楼 · 办理中 · 物业·刘*业 · 期限11月24日\n"
        "回复「查看 编号」看详情。"
    )
    assert chat.say("@王芳/网格3群: 还没修好啊") == [("网格3群", listed)]
    assert chat.say("@孙大爷/网格3群: 还没修好啊") == []  # not his: chat among neighbours
    assert chat.say("@王芳/私聊: 灯还没修好") == [("私聊·王芳", listed)]
    # Someone with nothing open who says so privately is reporting it.
    assert chat.say("@孙大爷/私聊: 5号楼井盖还没修好")[0][1].startswith("已登记 #2【道路井盖】")
    # Once it is 已办结, the same words reopen it, as before.
    chat.say("@刘物业/工作群: 办结 1 已换灯泡")
    assert chat.say("@王芳/网格3群: 还没修好啊")[0] == (
        "网格3群",
        "#1 已重开：还没修好啊，期限 11月24日。",
    )
    # Done, but not well enough, said privately: reopened too, not filed as a new report.
    chat.say("@刘物业/工作群: 办结 1 换了新灯泡")
    assert chat.say("@王芳/私聊: 灯是修了，但是不太亮")[0] == (
        "私聊·王芳",
        "#1 已重开：灯是修了，但是不太亮，期限 11月24日。",
    )
    assert len(issues(chat)) == 2


def test_a_reporter_asking_when_is_told_the_latest_progress(chat: Conversation) -> None:
    """「什么时候来修」: each open issue of theirs with the last 进展 its holder told."""
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@张网格/网格3群: 派单 1 物业")
    first = chat.text("@王芳/网格3群: 什么时候来修").splitlines()
    assert len(first) == 3 and "最新进展" not in "".join(first)  # nothing told yet
    chat.say("@刘物业/私聊: 进展 1 明天上午来人换灯")
    assert chat.text("@王芳/网格3群: 什么时候来修").splitlines() == [
        "您反映的事项：",
        "🟡 #1【照明路灯】3号楼2单元 · 办理中 · 物业 · 期限11月24日",
        "　最新进展（11月23日）：明天上午来人换灯",
        "回复「查看 编号」看详情。",
    ]


def test_a_report_in_an_unbound_group_explains_how_to_bind(chat: Conversation) -> None:
    reply = chat.text("@王芳/新建的群: #报事 3号楼井盖坏了")
    assert reply == "本群还没有绑定社区，请书记发送「/bind 网格名」后再报事。"
    assert issues(chat) == []


def test_a_photo_sent_soon_after_a_report_is_attached_to_it(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    assert chat.say("@王芳/网格3群: [图片:下水道.jpg]") == [("网格3群", "已把1张照片附到 #1。")]
    assert chat.say("@孙大爷/网格3群: [图片:别的.jpg]") == []  # not his report: left alone
    chat.clock.advance(timedelta(minutes=3))
    assert chat.say("@王芳/网格3群: [图片:晚了.jpg]") == []  # too late to be sure it belongs
    (_, details), *photos = chat.say("@李书记/工作群: 查看 1")
    assert "照片：1张" in details
    assert photos == [("工作群", "[图片:下水道.jpg] #1 照片1/1")]


def test_photos_sent_just_before_the_words_go_with_them(chat: Conversation) -> None:
    """On WeChat people often send the photo first: it waits five minutes for their words."""
    assert chat.say("@王芳/网格3群: [图片:井盖1.jpg]") == []
    chat.say("@孙大爷/网格3群: [图片:他的.jpg]")  # someone else's: not hers
    chat.say("@王芳/网格3群: [图片:井盖2.jpg]")
    assert chat.text("@王芳/网格3群: #报事 3号楼门口井盖坏了").startswith("已登记 #1")
    (_, details), *photos = chat.say("@李书记/工作群: 查看 1")
    assert "照片：2张" in details
    assert [text.split("]")[0] for _, text in photos] == ["[图片:井盖1.jpg", "[图片:井盖2.jpg"]
    # The worker's photo, then 办结: the work shown.
    chat.say("@张网格/网格3群: 派单 1 @刘物业")
    chat.say("@刘物业/私聊: [图片:换好了.jpg]")
    chat.say("@刘物业/私聊: 办结 1 已更换井盖")
    shown = chat.say("@李书记/工作群: 查看 1")
    assert "刘*业 补充照片：1张" in shown[0][1]
    assert shown[-1] == ("工作群", "[图片:换好了.jpg] #1 照片3/3")
    # A photo left waiting longer is not taken into the next report.
    chat.say("@孙大爷/网格5群: [图片:早上的.jpg]")
    chat.clock.advance(timedelta(minutes=5))
    chat.say("@孙大爷/网格5群: #报事 5号楼路灯不亮")
    assert "照片" not in chat.say("@李书记/工作群: 查看 2")[0][1]


def test_a_photo_sent_privately_on_its_own_is_answered_with_what_to_say(
    chat: Conversation,
) -> None:
    """Privately a photo alone was met with silence: the first of a few is answered."""
    asked = (
        "收到照片。请在5分钟内用文字说一下是什么问题、在几号楼（如：3号楼门口井盖松了），"
        "我会连同照片一起登记。"
    )
    assert chat.say("@王芳/私聊: [图片:井盖1.jpg]") == [("私聊·王芳", asked)]
    assert chat.say("@王芳/私聊: [图片:井盖2.jpg]") == []  # the same few: answered once
    # The acknowledgement says they went with it, and the work group is told there are some.
    (_, ack), (_, alert) = chat.say("@王芳/私聊: 3号楼门口井盖松了")
    assert ack.startswith("已登记 #1") and ack.endswith("\n您先发的2张照片已一并登记。")
    assert alert.endswith("\n📷 附照片2张，私聊发送「查看 1」看。")
    assert "照片：2张" in chat.say("@李书记/工作群: 查看 1")[0][1]
    # Later, another photo alone is answered again; staff's (before 办结 1) are not.
    chat.clock.advance(timedelta(minutes=10))
    assert chat.say("@王芳/私聊: [图片:又一张.jpg]") == [("私聊·王芳", asked)]
    assert chat.say("@张网格/私聊: [图片:现场.jpg]") == []


def test_the_photos_of_the_work_done_are_kept_with_the_issue(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了[图片:堵了.jpg]")
    chat.say("@张网格/网格3群: 派单 1 @刘物业")
    chat.say("@刘物业/私聊: 进展 1 管道已打开[图片:施工.jpg]")
    chat.say("@刘物业/私聊: 办结 1 已疏通[图片:疏通后.jpg]")
    # On WeChat a photo is a message of its own: sent just after 办结, it shows the work too.
    assert chat.say("@刘物业/私聊: [图片:路面.jpg]") == [("私聊·刘物业", "已把1张照片附到 #1。")]
    (_, details), *photos = chat.say("@李书记/工作群: 查看 1")
    assert "照片：4张" in details and "刘*业 补充照片：1张" in details
    assert [text.split("]")[0] for _, text in photos] == [
        "[图片:堵了.jpg",
        "[图片:施工.jpg",
        "[图片:疏通后.jpg",
        "[图片:路面.jpg",
    ]


def test_show_sends_the_first_four_photos_and_a_private_reports_only_in_private(
    chat: Conversation,
) -> None:
    pictures = "".join(f"[图片:井盖{n}.jpg]" for n in range(1, 7))
    chat.say(f"@王芳/网格3群: #报事 3号楼门口井盖坏了{pictures}")
    (_, details), *photos = chat.say("@张网格/网格3群: 查看 1")
    assert "照片：6张" in details
    assert photos == [("网格3群", f"[图片:井盖{n}.jpg] #1 照片{n}/6") for n in range(1, 5)]
    # A report made privately: its photos go to private chats only, never into a group.
    chat.say("@孙大爷/私聊: 我家楼上天天半夜砸墙，3号楼2单元502[图片:噪音.jpg]")
    assert len(chat.say("@李书记/工作群: 查看 2")) == 1
    assert chat.say("@李书记/私聊: 查看 2")[1] == ("私聊·李书记", "[图片:噪音.jpg] #2 照片1/1")


def test_a_number_left_to_be_called_back_reaches_only_whoever_calls(chat: Conversation) -> None:
    me = "私聊·王阿姨"
    assert chat.say("@孙大爷/私聊: 能给我回个电话吗") == [
        ("私聊·孙大爷", "可以。请说说是什么问题、在哪里，并留下电话号码，网格员会联系您。")
    ]
    assert chat.say("@孙大爷/私聊: 我的电话是13912345678")[0][1].startswith(
        "请把要反映的问题和电话"
    )
    # Nothing was filed of his words.
    assert chat.say("@王阿姨/私聊: 3号楼2单元楼道灯坏了")[0][1].startswith("已登记 #1")
    chat.clock.advance(timedelta(hours=3))  # hours later
    assert chat.say("@王阿姨/私聊: 可以打电话给我吗") == [
        (me, "可以。请回复您的电话号码，我转给网格员给您回电（号码只有办理的工作人员看得到）。")
    ]
    assert chat.say("@王阿姨/私聊: 手机：138-1234-5678") == [
        (me, "已把电话补充到 #1，网格员会和您联系（号码只有办理的工作人员看得到，不会发到群里）。"),
        ("工作群", "#1 报事人留了电话 手机：138****5678，请回电：私聊发送「查看 1」看号码。"),
    ]
    # Whole for the grid's worker and the secretary privately; masked in the group; not
    # shown to a worker of another grid.
    assert "补充：手机：138-1234-5678" in chat.text("@张网格/私聊: 查看 1")
    assert "补充：手机：138-1234-5678" in chat.text("@李书记/私聊: 查看 1")
    assert "补充：手机：138****5678" in chat.text("@李书记/工作群: 查看 1")
    assert "1234" not in chat.text("@赵网格/私聊: 查看 1")


def test_goodbye_and_who_handles_it_are_answered_not_filed_nor_added(chat: Conversation) -> None:
    unit = "社区会把问题转给负责的单位（物业、供暖公司或相关部门）。"
    assert chat.text("@赵大妈/私聊: 暖气归谁管").startswith(unit)
    assert chat.say("@赵大妈/私聊: 我家暖气不热，才16度")[0][1].startswith("已登记 #1【供暖】")
    # Just after the report: about it, nothing filed, nothing added to it.
    assert chat.say("@赵大妈/私聊: 这个该找谁啊？") == [
        (
            "私聊·赵大妈",
            "#1 已转给网格员，由他们交给负责的单位（物业、供暖公司或相关部门）办理，有进展会通知您。",
        )
    ]
    # Leaving is no detail of the report.
    assert chat.say("@赵大妈/私聊: 再见") == [("私聊·赵大妈", "再见！有问题随时找我。")]
    assert chat.say("@赵大妈/私聊: 拜拜啦") == [("私聊·赵大妈", "再见！有问题随时找我。")]
    # A problem told with the question is a report of its own.
    assert chat.say("@钱叔/私聊: 楼上装修太吵了找谁")[0][1].startswith("已登记 #2【噪音扰民】")
    assert chat.say("@钱叔/私聊: 5号楼的路灯归谁管")[0][1].startswith("已登记 #3【照明路灯】5号楼")
    assert "补充" not in chat.text("@李书记/私聊: 查看 1")


def test_words_to_the_bot_that_report_nothing_are_answered_not_filed(chat: Conversation) -> None:
    hint = "您好，我是邻里。要反映问题，请写明问题和位置（如：#报事 3号楼井盖坏了）；查进度请发送「查看 编号」。"
    welcome = "不客气！有问题随时找我。"
    assert chat.say("@钱大爷/幸福里居民群: @邻里 谢谢你") == [("幸福里居民群", welcome)]
    assert chat.say("@钱大爷/幸福里居民群: @邻里") == [("幸福里居民群", hint)]  # called alone
    # The bot's name is no 邻里纠纷; what WeChat writes when someone adds the bot is no report.
    for said in (
        "谢谢邻里",
        "邻里你好",
        "你已添加了邻里，现在可以开始聊天了。",
        "以上是打招呼的内容",
    ):
        assert chat.text(f"@钱大爷/私聊: {said}").startswith("您好，我是邻里。"), said
    # Telegram's first word to a bot is 「/start」: greeted, not told there is no such command.
    assert chat.text("@钱大爷/私聊: /start").startswith("您好，我是邻里。直接描述要反映的问题")
    assert chat.say("@钱大爷/幸福里居民群: /start@linli_bot") == [("幸福里居民群", hint)]
    assert chat.text("@王芳/私聊: 好的，辛苦了") == welcome
    assert chat.text("@王芳/私聊: 你们辛苦了") == welcome
    # 「好的」「收到」 thank nobody: noted (「不客气」 before).
    for said in ("好的", "收到", "知道了", "👍"):
        assert chat.text(f"@王芳/私聊: {said}") == "好的，有问题随时找我。", said
    # A greeting to the neighbours: 邻居 is no 邻里纠纷 (it was filed as one).
    assert chat.text("@钱大爷/私聊: 早上好各位邻居🌞").startswith("您好，我是邻里。")
    # What one means to do, not yet the problem: asked for it, nothing filed.
    more = "好的，请直接说说是什么问题、在哪里，例如：3号楼2单元楼道灯坏了，我来登记。"
    assert chat.text("@王芳/私聊: 我要反映问题") == more
    assert chat.text("@王芳/私聊: 你好，我有个事想咨询一下") == more
    for said in ("我还想反映一个问题", "我想再反映个情况", "还有个事"):  # another, not yet said
        assert chat.text(f"@王芳/私聊: {said}") == more, said
    assert chat.say("@钱大爷/幸福里居民群: @邻里 我要投诉") == [("幸福里居民群", more)]
    for said in ("帮帮我", "怎么办", "急急急"):  # help asked for, the problem not yet said
        assert chat.text(f"@王芳/私聊: {said}") == more, said
    assert chat.text("@王芳/私聊: 谢谢你们") == welcome
    assert chat.text("@王芳/私聊: 我要投诉网格员") == more  # whom, not yet what happened
    assert chat.text("@王芳/私聊: 我要投诉物业") == more  # 物业服务 is whom, not what
    assert chat.text("@王芳/私聊: 投诉一下物业公司") == more
    assert chat.text("@王芳/私聊: 能不能帮我问问物业") == more  # through whom, not yet what
    # A message taken back in words: nothing to do.
    for said in ("发错了", "不好意思，打错了", "没事了"):
        assert chat.text(f"@王芳/私聊: {said}") == "好的，没关系。有问题随时找我。", said
    # An outage ahead asked, and no notice says it: said so, with how to report one.
    assert chat.text("@王芳/私聊: 明天会停水吗") == (
        "最近没有停水通知。如果现在停水了，请告诉我在几号楼，我来登记。"
    )
    assert chat.text("@王芳/私聊: 这周要停电吗").startswith("最近没有停电通知。")
    assert chat.say("@钱大爷/幸福里居民群: @邻里 今晚议事会几点开始？") == [
        ("幸福里居民群", "目前没有发到本群的议事会或表决。")
    ]
    assert chat.text("@王芳/私聊: 怎么报事").startswith("您好，我是邻里。直接描述要反映的问题")
    assert issues(chat) == []
    # A problem said to the bot is still a report, with or without a question in it.
    assert chat.text("@王芳/网格3群: @邻里 5号楼门口井盖松了").startswith("已登记 #1【道路井盖】")
    assert chat.say("@王芳/私聊: 3号楼的路灯坏了，怎么报事都没人管")[0][1].startswith("已登记 #2")
    # 「发错了」 just after a report: how to take that one back.
    assert chat.text("@王芳/私聊: 发错了") == "要撤回 #2，请发送「撤回 2」，也可以写上原因。"


def test_a_problem_asked_about_is_filed_unless_it_is_ones_own(chat: Conversation) -> None:
    """「有人管吗」「什么时候修」 after a problem none of one's reports is about: a report."""
    filed = chat.text("@孙大爷/网格3群: @邻里 楼道灯坏了有人管吗")
    assert filed.startswith("已登记 #1【照明路灯】"), filed
    assert chat.text("@孙大爷/网格3群: @邻里 路灯什么时候修").startswith("您反映的事项：\n")
    assert chat.text("@孙大爷/网格3群: @邻里 3号楼电梯什么时候修").startswith("已登记 #2")
    # Progress words ask after one's own reports, whatever they name.
    assert chat.text("@王芳/私聊: 下水道修好了吗").startswith("没有找到您反映的未办结事项")
    assert chat.text("@王芳/私聊: 你们能不能快点").startswith("没有找到您反映的未办结事项")
    # Pressing with a problem in it is a report.
    filed = chat.say("@王芳/私聊: 快点来修下水道，3号楼都漫出来了")
    assert filed[0][1].startswith("已登记 #3【排水管道】")


def test_a_report_nobody_knows_where_to_go_for_asks_where(chat: Conversation) -> None:
    assert chat.say("@何老师/私聊: 我要投诉物业，电梯坏了一个月没人修")[0] == (
        "私聊·何老师",
        "已登记 #1【公共设施】1个工作日内答复。回复「查看 1」看进度。\n"
        "在哪栋楼？请回复楼号和单元（如：5号楼2单元），方便网格员上门。",
    )
    assert chat.say("@何老师/私聊: 5号楼2单元")[0] == (
        "私聊·何老师",
        "已把位置补充到 #1：5号楼2单元 · 网格5。",
    )
    # In the residents' group too; a grid group's grid worker knows where to go.
    assert chat.text("@吴姐/幸福里居民群: #报事 电梯又坏了").endswith("方便网格员上门。")
    assert chat.text("@王芳/网格3群: #报事 楼道灯坏了") == (
        "已登记 #3【照明路灯】网格3 · 1个工作日内答复。回复「查看 3」看进度。"
    )


def test_a_question_about_a_service_is_told_where_the_office_is(chat: Conversation) -> None:
    """「残疾证在哪办」 needs nobody at the door: the office is named instead of asking where,
    with its number, in a group too (a published number; residents' stay masked). (The
    example's 办事指南 answers 老年证, 物业费 and 装修 at once: tests/e2e/test_guide.py.)"""
    office = "社区党群服务中心（3号楼南侧），工作日 8:30-12:00、14:30-18:00。"
    assert chat.say("@何老师/私聊: 社区办残疾证在哪办")[0] == (
        "私聊·何老师",
        "已登记 #1【政务服务】1个工作日内答复。回复「查看 1」看进度。\n"
        f"办事也可以直接问社区：电话 0931-8123456；{office}",
    )
    assert chat.text("@王芳/网格3群: #报事 低保怎么申请") == (
        "已登记 #2【政务服务】网格3 · 1个工作日内答复。回复「查看 2」看进度。\n"
        f"办事也可以直接问社区：电话 0931-8123456；{office}"
    )
    # Still a 诉求 the grid worker answers; one asking for a visit is asked where.
    assert [issue.category for issue in issues(chat)] == ["service", "service"]
    asked = chat.say("@何老师/私聊: 家里老人走不动，能不能上门办残疾证")[0][1]
    assert asked.endswith("方便网格员上门。"), asked
    # The property company's question names its number privately; the whole estate, or a
    # question of nowhere, is not asked which building.
    assert chat.say("@孙大爷/私聊: 物业服务费怎么交")[0][1].endswith(
        "3个工作日内答复。回复「查看 4」看进度。\n也可以直接问物业：电话 0931-8765432。"
    )
    asked = ("建议小区多装几个充电桩", "小区什么时候开始供暖", "楼道可以放自行车吗", "停车费怎么收")
    for number, said in enumerate(asked, start=5):
        ack = chat.say(f"@钱阿姨/私聊: {said}")[0][1]
        assert ack.startswith(f"已登记 #{number}") and ack.endswith("看进度。"), ack
    # A problem asked after, though, needs someone at the door.
    assert chat.say("@钱阿姨/私聊: 电梯坏了什么时候修")[0][1].endswith("方便网格员上门。")
    # The property company's number is published: a group sees it whole too.
    assert chat.text("@王芳/网格3群: #报事 物业服务中心几点下班").endswith(
        "\n也可以直接问物业：电话 0931-8765432。"
    )


def test_news_of_an_emergency_from_its_reporter_goes_to_the_work_group(
    chat: Conversation,
) -> None:
    chat.say("@周女士/幸福里居民群: #求助 家里老人摔倒了，谁能帮帮忙，6号楼2单元")
    assert chat.say("@周女士/幸福里居民群: 人已经送医院了，谢谢大家") == [
        ("幸福里居民群", "已转告工作群（#1）。"),
        ("工作群", "🚨 #1 报事人最新情况：人已经送医院了，谢谢大家"),
    ]
    assert "补充：人已经送医院了，谢谢大家" in chat.text("@李书记/工作群: 查看 1")
    # From a neighbour, of a report that is no emergency, or hours later: chat.
    assert chat.say("@吴姐/幸福里居民群: 人已经送医院了") == []
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    assert chat.say("@王芳/网格3群: 电工已经来了") == []
    chat.clock.advance(timedelta(hours=4))
    assert chat.say("@周女士/幸福里居民群: 已经没事了") == []


def test_a_bare_help_word_opens_chat_not_a_report(chat: Conversation) -> None:
    assert chat.say("@孙大爷/网格3群: 求助，谁家有梯子借我用一下") == []
    assert chat.text("@孙大爷/网格3群: 报事 4号楼电梯坏了").startswith("已登记 #1")
    assert [issue.description for issue in issues(chat)] == ["4号楼电梯坏了"]


def test_asking_after_ones_reports_lists_them(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    mine = "您反映的事项：\n🟢 #1【排水管道】3号楼2单元 · 待受理 · 期限11月26日\n回复「查看 编号」看详情。"
    assert chat.say("@王芳/私聊: 我反映的事情怎么样了") == [("私聊·王芳", mine)]
    assert chat.say("@王芳/网格3群: @邻里 下水道修了没") == [("网格3群", mine)]
    # By its number, to the bot: shown (as 查看 1); not hers to see, refused.
    assert chat.say("@王芳/网格3群: @邻里 #1 怎么样了")[0][1].startswith("#1【排水管道】待受理")
    assert chat.text("@孙大爷/网格3群: @邻里 #1 怎么样了") == "只能查看自己反映或关注的事项。"
    assert chat.text("@孙大爷/私聊: 我反映的事情怎么样了").startswith(
        "没有找到您反映的未办结事项。"
    )
    # Asking how to see them is shown them; with none, told how; nothing is filed.
    assert chat.say("@王芳/私聊: 怎么查我反映的问题") == [("私聊·王芳", mine)]
    assert chat.say("@王芳/网格3群: @邻里 在哪看我的诉求进度") == [("网格3群", mine)]
    assert chat.say("@王芳/私聊: 帮我查一下我反映的问题") == [("私聊·王芳", mine)]
    assert chat.say("@王芳/网格3群: @邻里 看看我的诉求") == [("网格3群", mine)]
    # Which they reported, and who has them, the list says (it was filed as a report).
    for said in ("我反映过哪些问题", "能帮我查一下我反映过哪些问题吗", "我报过什么", "谁负责修"):
        assert chat.say(f"@王芳/私聊: {said}") == [("私聊·王芳", mine)], said
    # Its number, its deadline, who has it (「我的诉求编号是多少」 was filed as a report).
    for said in ("我的诉求编号是多少", "我报的事情编号多少", "期限是哪天", "谁负责我的事"):
        assert chat.say(f"@王芳/私聊: {said}") == [("私聊·王芳", mine)], said
    # In the group, who is to come names no other problem: hers.
    assert chat.say("@王芳/网格3群: 物业什么时候来修") == [("网格3群", mine)]
    assert chat.text("@孙大爷/私聊: 帮我查一下我反映的问题").splitlines()[0] == (
        "没有找到您反映的未办结事项。"
    )
    assert chat.text("@孙大爷/私聊: 怎么查我反映的问题") == (
        "您还没有未办结的反映。反映过的事项，发送「我的待办」或「查看 编号」就能看到进度。"
    )
    assert len(issues(chat)) == 1


def test_pressing_with_more_said_just_after_a_report_is_more_of_it(chat: Conversation) -> None:
    chat.say("@王芳/私聊: 我家卫生间漏水漏到楼下了，3号楼2单元502")
    said = "能不能今天就来看看，楼下天天来敲门"
    assert chat.say(f"@王芳/私聊: {said}") == [
        ("私聊·王芳", "已补充到 #1，已转告工作群。"),
        ("工作群", f"#1 报事人补充：{said}"),
    ]
    assert chat.text("@王芳/私聊: 能不能快点").startswith("您反映的事项：")  # pressing alone
    assert len(issues(chat)) == 1


@pytest.mark.parametrize(
    "asked",
    [
        "什么时候能处理",
        "多久能修好？",
        "怎么还没人来",
        "什么时候有人来看",
        "还要等多久啊",
        "我反映的问题",
        "我的诉求",
        "我的反映",
        "我的投诉",
        "我反映的",
        # Pressing is asking too: not filed as a report of its own.
        "能不能快点",
        "能快点吗",
        "1号能快点修吗",
        "麻烦尽快处理一下",
        "能不能加快",
        "都几天了！",
        "到底有没有人管",
        "我上周反映的事到底管不管",
        # How far it has got.
        "我的问题处理到哪了？",
        "我反映的事办到哪一步了",
        "我的诉求有消息吗",
        "我报的垃圾桶有人管了吗",
        "我的事还在处理吗",
        "我反映的问题解决了没有",
        "我的诉求处理情况",  # it was a 补充
        "我的事情处理得怎么样了",  # it was taken for the counts of someone called 「我的事情」
        "那个垃圾桶的事呢",  # it was filed as a report again
        "为什么延期了",  # it met the greeting
        "能不能派人先来看看",
        "能不能今天就来看看",
        # Nobody has called: asking after it, not asking for a call.
        "怎么还没人联系我",
        "为什么没人给我打电话",
    ],
)
def test_asking_when_or_for_ones_reports_in_other_words_lists_them(
    chat: Conversation, asked: str
) -> None:
    chat.say("@王芳/私聊: 3号楼楼下的垃圾桶满了好几天没人清")
    assert chat.text(f"@王芳/私聊: {asked}").startswith("您反映的事项：\n🟡 #1【环境卫生】")
    assert chat.text(f"@孙大爷/私聊: {asked}").startswith("没有找到您反映的未办结事项。")
    assert len(issues(chat)) == 1


def test_another_problem_broken_again_is_a_report_not_a_question(chat: Conversation) -> None:
    """「道闸又坏了…」 from someone holding a lamp's report listed the lamp's: it is a report."""
    chat.say("@孙大爷/私聊: 5号楼路灯不亮")
    mine = (
        "您反映的事项：\n🟡 #1【照明路灯】5号楼 · 待受理 · 期限11月24日\n回复「查看 编号」看详情。"
    )
    assert chat.text("@孙大爷/私聊: 路灯又坏了") == mine  # of the one it names
    assert chat.text("@孙大爷/私聊: 还是没修好") == mine
    filed = chat.say("@孙大爷/私聊: 道闸又坏了 抬杆抬不起来 后面排了一串车")
    assert filed[0][1].startswith("已登记 #2【停车通行】")


def test_a_building_head_asking_after_their_building_is_shown_its_issues(
    chat: Conversation,
) -> None:
    """「我们楼的下水道修了没有」 from 3号楼's 楼栋长 was told they had reported nothing: the
    building's issues are theirs to 查看, and are listed."""
    chat.say("@孙大爷/网格3群: #报事 3号楼门口下水道堵了")
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@钱阿姨/网格5群: #报事 5号楼门口下水道堵了")
    assert chat.text("@陈楼长/私聊: 我们楼的下水道修了没有") == (
        "3号楼的事项：\n🟢 #1【排水管道】3号楼 · 待受理 · 期限11月26日\n回复「查看 编号」看详情。"
    )
    # A resident asking the same has reported nothing.
    assert chat.text("@刘阿姨/私聊: 我们楼的下水道修了没有").startswith("没有找到您反映的")


def test_someone_to_look_after_is_passed_to_the_grid_worker(chat: Conversation) -> None:
    """「3号楼有几个老人独居，需要关注一下」 from a 楼栋长 met the greeting (and before that the
    台账): passed to the building's grid worker, nothing filed."""
    assert chat.say("@陈楼长/私聊: 3号楼有几个老人独居，需要关注一下") == [
        ("私聊·陈楼长", "已转给张*格，会多关注。"),
        ("私聊·张网格", "💬 3号楼楼栋长陈*长私信：3号楼有几个老人独居，需要关注一下（请多关注）"),
    ]
    # From someone whose building is not known: to the work group.
    assert chat.say("@刘阿姨/私聊: 楼里有位独居老人，希望社区多关心一下") == [
        ("私聊·刘阿姨", "已转给社区工作人员，会多关注。"),
        ("工作群", "💬 居民刘*姨私信：楼里有位独居老人，希望社区多关心一下（请多关注）"),
    ]
    # Asked, it is no request.
    assert chat.text("@刘阿姨/私聊: 需要我关注什么吗").startswith("您好，我是邻里。")
    assert issues(chat) == []


@pytest.mark.parametrize(
    "said",
    [
        "收到 马上下楼挪车",
        "欢迎新邻居进群🎉",
        "周末图书室开不开门呀 想带孩子去看书",
    ],
)
def test_words_naming_a_category_but_no_problem_are_not_filed_privately(
    chat: Conversation, said: str
) -> None:
    """Said privately, a category's word (电梯, 保安, 挪车, 邻居) filed thanks and greetings as
    reports: words the analyser reads as telling of no problem are answered, not filed."""
    assert chat.text(f"@周先生/私聊: {said}").startswith("您好，我是邻里。")
    assert issues(chat) == []


def test_a_reports_words_alone_are_still_filed_privately(chat: Conversation) -> None:
    for said in ("楼道灯", "3号楼电梯", "关于物业费的事"):
        assert chat.say(f"@周先生/私聊: {said}")[0][1].startswith("已登记 #")


def test_an_outage_said_plainly_is_filed_privately(chat: Conversation) -> None:
    """「家里没水了」 and a promise of water broken met the greeting; 停水 was filed."""
    assert chat.say("@周先生/私聊: 家里没水了")[0][1].startswith("已登记 #1【其他】")
    said = chat.say("@王芳/私聊: 说好的6点来水，现在都7点了还没来")[0][1]
    assert said.startswith("已登记 #2【其他】")
    assert chat.say("@孙大爷/私聊: 5号楼没电了")[0][1].startswith("已登记 #3【其他】5号楼")
    # A nod is still no report.
    chat.say("@周先生/私聊: 好的")
    assert len(issues(chat)) == 3


def test_care_asked_in_words_that_read_as_a_problem_is_passed_on(chat: Conversation) -> None:
    """「隔壁王奶奶一个人住，麻烦网格员多去看看」 was filed as 邻里纠纷 (by its 隔壁), and
    「…能不能多关心一下」 met the greeting: someone to look after, passed on, nothing filed."""
    # The building named is whose grid worker hears it.
    assert chat.say("@孙大爷/私聊: 5号楼302的张大爷腿脚不好，一个人在家，请网格员常去看看") == [
        ("私聊·孙大爷", "已转给赵*格，会多关注。"),
        (
            "私聊·赵网格",
            "💬 居民孙*爷私信：5号楼302的张大爷腿脚不好，一个人在家，请网格员常去看看（请多关注）",
        ),
    ]
    assert chat.say("@王芳/私聊: 我们楼有个孤寡老人，能不能多关心一下") == [
        ("私聊·王芳", "已转给社区工作人员，会多关注。"),
        ("工作群", "💬 居民王*私信：我们楼有个孤寡老人，能不能多关心一下（请多关注）"),
    ]
    # Said to the bot in a group, the same; the sender's home names the grid.
    chat.say("@钱阿姨/私聊: 我住3号楼2单元")
    assert chat.say("@钱阿姨/网格3群: @邻里 隔壁王奶奶一个人住，麻烦网格员多去看看") == [
        ("网格3群", "已转给张*格，会多关注。"),
        (
            "私聊·张网格",
            "💬 居民钱*姨在网格3群说：隔壁王奶奶一个人住，麻烦网格员多去看看（请多关注）",
        ),
    ]
    # A worry is for someone to go and see soon.
    assert chat.say("@钱阿姨/私聊: 楼上独居老人好几天没见出门了，有点担心") == [
        ("私聊·钱阿姨", "已转给张*格，会尽快上门看看。如有危险请直接拨打120或110。"),
        (
            "私聊·张网格",
            "⚠️ 居民钱*姨私信：楼上独居老人好几天没见出门了，有点担心（请尽快上门看看）",
        ),
    ]
    assert issues(chat) == []
    # A problem in the home of someone in need is a report; so is a quarrel.
    leak = chat.say("@刘阿姨/私聊: 隔壁王奶奶家漏水，麻烦网格员去看看")
    assert leak[0][1].startswith("已登记 #1【排水管道】")
    quarrel = chat.say("@刘阿姨/私聊: 邻居吵架，麻烦网格员去看看")
    assert quarrel[0][1].startswith("已登记 #2【邻里纠纷】")
    # Who someone is (老人) is no way of living: the water is the problem.
    water = chat.say("@周先生/私聊: 老人家里没水了，麻烦去看看")
    assert water[0][1].startswith("已登记 #3【")


def test_a_nod_just_after_a_report_is_no_more_of_it(chat: Conversation) -> None:
    """「收到👌」「已阅」「赞」 after a private report were kept as its 补充 and passed to the
    work group: nods, answered in kind."""
    chat.say("@孙大爷/私聊: 3号楼楼道灯坏了")
    for said in ("收到👌", "已阅", "赞", "恭喜恭喜🎉"):
        assert chat.say(f"@孙大爷/私聊: {said}") == [("私聊·孙大爷", "好的，有问题随时找我。")]
    assert chat.say("@孙大爷/私聊: 好的 谢谢提醒") == [("私聊·孙大爷", "不客气！有问题随时找我。")]
    assert "补充" not in chat.text("@李书记/工作群: 查看 1")


def test_a_reporter_asking_why_it_was_put_off_is_told_why(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@李书记/工作群: 1号派给物业")
    chat.say("@李书记/工作群: 1号延期到周五，物业说灯泡没货")
    chat.say("@刘物业/私聊: 1号进展：已订灯泡，周四到货")
    expected = [
        "您反映的事项：",
        "🟢 #1【照明路灯】3号楼2单元 · 办理中 · 物业 · 期限11月27日",
        "　已延期（11月23日）：11月24日 → 11月27日，原因：物业说灯泡没货",
        "　最新进展（11月23日）：已订灯泡，周四到货",
        "回复「查看 编号」看详情。",
    ]
    assert chat.text("@王芳/私聊: 为什么延期了").splitlines() == expected
    # Asked of the bot in the group: the same (it was kept as a 补充 of it).
    assert chat.text("@王芳/网格3群: @邻里 为什么延期了").splitlines() == expected


def test_one_of_several_reports_is_named_by_its_problem(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    assert chat.text("@王芳/私聊: 灯的那个怎么样了").splitlines()[1:] == [
        "🟡 #1【照明路灯】3号楼2单元 · 待受理 · 期限11月24日",
        "回复「查看 编号」看详情。",
    ]
    assert chat.say("@王芳/私聊: 井盖那个不用处理了")[0] == (
        "私聊·王芳",
        "#2 已转告网格员：井盖那个不用处理了。确认后会结案。",
    )
    assert chat.text("@王芳/私聊: 不用处理了").startswith("您有几件未办结的事项（#1、#2）")


def test_a_reporter_saying_it_was_fixed_tells_whoever_holds_it_and_files_nothing(
    chat: Conversation,
) -> None:
    chat.say("@孙大爷/网格5群: #报事 6号楼电梯坏了，老人下不了楼")
    # Before anyone took it up, its grid worker hears; 「电梯修好了」 is no new report.
    assert chat.say("@孙大爷/私聊: 电梯修好了，谢谢") == [
        ("私聊·孙大爷", "好的，已转告处理人员。#1 办结后会请您评价。"),
        ("私聊·赵网格", "#1 报事人说「电梯修好了，谢谢」。已办好的话，请发送「办结 1 结果」。"),
    ]
    chat.say("@赵网格/网格5群: 1号派给刘物业")
    assert chat.say("@孙大爷/网格5群: @邻里 电梯已经修好了") == [
        ("网格5群", "好的，已转告处理人员。#1 办结后会请您评价。"),
        ("私聊·刘物业", "#1 报事人说「电梯已经修好了」。已办好的话，请发送「办结 1 结果」。"),
    ]
    # Among neighbours too, when it names what they reported there; 「修好了」 alone may be
    # of anything, and someone else's words are theirs.
    assert chat.say("@孙大爷/网格5群: 电梯修好了，谢谢物业师傅") == [
        ("网格5群", "好的，已转告处理人员。#1 办结后会请您评价。"),
        (
            "私聊·刘物业",
            "#1 报事人说「电梯修好了，谢谢物业师傅」。已办好的话，请发送「办结 1 结果」。",
        ),
    ]
    assert chat.say("@孙大爷/网格5群: 修好了") == []
    assert chat.say("@孙大爷/网格5群: 灯修好了") == []  # he reported no light
    assert chat.say("@钱阿姨/网格5群: 电梯修好了") == []
    assert chat.say("@孙大爷/网格3群: 电梯修好了") == []  # reported in 网格5群
    assert chat.text("@孙大爷/私聊: 电梯修好了吗").startswith("您反映的事项：")  # a question
    shown = chat.text("@孙大爷/私聊: 查看 1")
    assert "补充：电梯修好了，谢谢" in shown
    chat.say("@刘物业/私聊: 办结 1 电梯已修复")
    assert chat.text("@孙大爷/私聊: 修好了，谢谢") == (
        "#1 已办结，还没收到您的评价：请回复「评价 1 1-5分」，或「满意/基本满意/不满意」。"
    )
    # Someone with nothing reported is thanked back, or thanked for the news; nothing is
    # filed either way.
    assert chat.text("@王芳/私聊: 灯亮了，谢谢") == "不客气！有问题随时找我。"
    assert chat.text("@王芳/私聊: 南门道闸修好了") == "好的，谢谢告知！有问题随时找我。"
    assert len(issues(chat)) == 1


def test_a_neighbour_following_an_issue_saying_it_was_fixed_is_passed_on(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 小区南门道闸坏了，车出不去")
    chat.say("@李四/网格3群: 我们家也是")  # follows #1 from here
    chat.say("@李书记/工作群: 派单 1 物业")
    assert chat.say("@李四/网格3群: 南门那个道闸好了") == [
        ("网格3群", "好的，已转告处理人员。#1 办结后会通知您。"),
        (
            "私聊·刘物业",
            "#1 关注此事的居民说「南门那个道闸好了」。已办好的话，请发送「办结 1 结果」。",
        ),
    ]
    assert "南门那个道闸好了" in chat.text("@李书记/工作群: 查看 1")  # kept as a 补充
    # A neighbour following nothing, or words of no such problem, stay chat.
    assert chat.say("@赵六/网格3群: 道闸好了") == []
    assert chat.say("@李四/网格3群: 我好了") == []
    assert chat.say("@李四/网格3群: 电梯好了") == []
    # Privately the same.
    assert chat.say("@李四/私聊: 南门道闸能用了") == [
        ("私聊·李四", "好的，已转告处理人员。#1 办结后会通知您。"),
        (
            "私聊·刘物业",
            "#1 关注此事的居民说「南门道闸能用了」。已办好的话，请发送「办结 1 结果」。",
        ),
    ]


def test_a_building_heads_own_stairwell_is_their_building(chat: Conversation) -> None:
    """「我们楼电梯又响了」 from a 楼栋长 of one building, who gave no flat: that building."""
    assert chat.say("@陈楼长/私聊: 我们楼电梯又响了")[0][1].startswith(
        "已登记 #1【公共设施】3号楼 · 网格3 ·"
    )
    # In a group, a unit alone is in their building too.
    assert chat.text("@陈楼长/网格3群: #报事 2单元楼道堆了很多纸箱").startswith(
        "已登记 #2【安全隐患】3号楼2单元 · 网格3 ·"
    )
    # From a neighbour who gave no flat, still asked where.
    assert chat.say("@孙大爷/私聊: 我们楼的灯坏了")[0][1].endswith("方便网格员上门。")


def test_a_private_report_of_ones_home_is_placed_at_the_flat_given_before(
    chat: Conversation,
) -> None:
    chat.say("@赵大妈/私聊: 我住6号楼2单元301")
    assert chat.say("@赵大妈/私聊: 家里水管漏水了") == [
        (
            "私聊·赵大妈",
            "已登记 #1【排水管道】6号楼2单元301室 · 网格5 · 3个工作日内答复。回复「查看 1」看进度。",
        ),
        (
            "工作群",
            "新诉求 #1【排水管道】6号楼2单元301室，网格5，家里水管漏水了（私信反映，报事人已隐去）",
        ),
    ]
    # The stairwell: the building and unit; somewhere else: the grid alone, as before.
    assert chat.say("@赵大妈/私聊: 楼道灯坏了")[0][1].startswith(
        "已登记 #2【照明路灯】6号楼2单元 · 网格5"
    )
    assert chat.say("@赵大妈/私聊: 路灯不亮")[0][1].startswith("已登记 #3【照明路灯】网格5 ·")
    # A neighbour in another flat of the building with the same words: another home.
    chat.say("@钱阿姨/私聊: 我住6号楼2单元502")
    assert chat.say("@钱阿姨/私聊: 家里水管漏水了")[0][1].startswith(
        "已登记 #4【排水管道】6号楼2单元502室"
    )
    # 「我家…」 of the flat; 「我家门口…」 of its landing.
    assert chat.say("@赵大妈/私聊: 我家暖气不热")[0][1].startswith(
        "已登记 #5【供暖】6号楼2单元301室"
    )
    assert chat.say("@赵大妈/私聊: 我家门口堆了好多杂物")[0][1].startswith(
        "已登记 #6【安全隐患】6号楼2单元 · "
    )


def test_a_home_said_within_a_report_places_the_next_one(chat: Conversation) -> None:
    said = "我家楼道的灯坏了好几天了，能不能找人来修一下，我住6号楼2单元301"
    assert chat.say(f"@赵大妈/私聊: {said}")[0][1].startswith("已登记 #1【照明路灯】6号楼2单元")
    assert chat.say("@赵大妈/私聊: 家里水管也漏水")[0][1].startswith(
        "已登记 #2【排水管道】6号楼2单元301室 · 网格5"
    )
    # A building alone is kept as such; a building that is not here, or none said, is not kept.
    chat.say("@孙大爷/私聊: 单元门坏了关不上，我住5号楼")
    assert chat.say("@孙大爷/私聊: 楼下的垃圾桶满了没人清")[0][1].startswith(
        "已登记 #4【环境卫生】5号楼 · 网格"
    )
    chat.say("@钱阿姨/私聊: 路灯不亮，我住99号楼")
    assert "99号楼" not in chat.say("@钱阿姨/私聊: 楼下的垃圾桶满了没人清")[0][1]


def test_a_light_said_to_be_on_is_said_to_be_fixed(chat: Conversation) -> None:
    """「亮了」「通了」 say it too, of what they name: 「灯亮了」 is of a light."""
    chat.say("@孙大爷/网格5群: #报事 6号楼楼道灯不亮")
    assert chat.say("@孙大爷/网格5群: 灯亮了，谢谢物业") == [
        ("网格5群", "好的，已转告处理人员。#1 办结后会请您评价。"),
        ("私聊·赵网格", "#1 报事人说「灯亮了，谢谢物业」。已办好的话，请发送「办结 1 结果」。"),
    ]
    assert chat.say("@孙大爷/网格5群: 下水道通了") == []  # he reported no drain


def test_a_quiet_upstairs_or_a_smell_gone_is_said_to_be_fixed(chat: Conversation) -> None:
    chat.say("@周女士/私聊: 楼上天天半夜拖椅子，太吵了，7号楼3单元")
    assert chat.say("@周女士/私聊: 好多了，谢谢你们") == [
        ("私聊·周女士", "好的，已转告处理人员。#1 办结后会请您评价。"),
        ("私聊·赵网格", "#1 报事人说「好多了，谢谢你们」。已办好的话，请发送「办结 1 结果」。"),
    ]
    chat.say("@王芳/网格3群: #报事 3号楼垃圾站太臭了")
    assert chat.say("@王芳/网格3群: 垃圾站不臭了")[0] == (
        "网格3群",
        "好的，已转告处理人员。#2 办结后会请您评价。",
    )
    assert chat.say("@王芳/网格3群: 垃圾站还是很臭") == []  # not fixed: no word to anyone
    assert len(issues(chat)) == 2


def test_a_remark_just_after_telling_more_of_a_report_is_more_of_it(chat: Conversation) -> None:
    """Days after the report, 「通了，谢谢」 is passed to its holder; 「就是师傅来得有点晚」 said
    next met the greeting: it is kept on the report too. Later, the same words are not."""
    chat.say("@王芳/私聊: 我家楼下的下水道堵了，味道很大，我住3号楼2单元101")
    chat.say("@李书记/工作群: 1号派给刘物业")
    chat.clock.advance(timedelta(days=2))
    chat.say("@王芳/私聊: 通了，谢谢")
    assert chat.say("@王芳/私聊: 就是师傅来得有点晚") == [
        ("私聊·王芳", "已补充到 #1。如果这是另一件事，请回复「新建」。"),
        ("工作群", "#1 报事人补充：就是师傅来得有点晚"),
    ]
    chat.clock.advance(timedelta(minutes=30))
    assert chat.text("@王芳/私聊: 师傅人挺好的").startswith("您好，我是邻里。")


def test_a_newcomer_says_where_they_live_and_asks_who_their_grid_worker_is(
    chat: Conversation,
) -> None:
    """「你好，我是3号楼2单元301的住户，刚搬来」 and 「我们网格的网格员是谁」 met the greeting."""
    assert chat.text("@新邻居/私聊: 你好，我是3号楼2单元301的住户，刚搬来") == (
        "好的，记下了：您家是3号楼2单元301室。网格3的网格员：张网格（13800138003）。"
        "以后有问题直接告诉我。"
    )
    assert (
        chat.text("@新邻居/私聊: 我们网格的网格员是谁") == "网格3的网格员：张网格（13800138003）。"
    )
    assert issues(chat) == []


def test_a_problem_elsewhere_just_after_a_report_is_its_own(chat: Conversation) -> None:
    """「14号楼顶上的广告牌快掉了」 minutes after one's report of 3号楼 was kept as its detail."""
    chat.say("@孙大爷/私聊: 3号楼楼道堆了好多杂物")
    assert chat.say("@孙大爷/私聊: 5号楼顶上的广告牌快掉了，刮风就晃")[0][1].startswith(
        "已登记 #2【"
    )
    # Of the first one's building, it is still more of that one.
    assert chat.say("@孙大爷/私聊: 3号楼的杂物都堆到二楼了")[0][1].startswith(
        "您反映过的 #1 正在处理"
    )


def test_a_detail_sent_privately_just_after_a_report_is_added_to_it(chat: Conversation) -> None:
    chat.say("@孙大爷/私聊: 我家楼上天天晚上跺脚，吵得睡不着")
    assert chat.say("@孙大爷/私聊: 楼上是401") == [
        ("私聊·孙大爷", "已补充到 #1。如果这是另一件事，请回复「新建」。"),
        ("工作群", "#1 报事人补充：楼上是401"),
    ]
    assert "补充：楼上是401" in chat.text("@孙大爷/私聊: 查看 1")
    # A number to call back on is a detail too (the work group sees it masked, and is told
    # where to read it); a greeting is not one.
    assert chat.say("@孙大爷/私聊: 联系电话：13812345678")[1] == (
        "工作群",
        "#1 报事人留了电话 联系电话：138****5678，请回电：私聊发送「查看 1」看号码。",
    )
    for hello in ("你好", "在吗？"):
        assert chat.text(f"@孙大爷/私聊: {hello}").startswith("您好，我是邻里。")
    # A question of the community's, not of the report: passed to staff, no 补充.
    assert chat.say("@孙大爷/私聊: 社区有没有理发的")[0][1].startswith("这个问题我答不了")
    assert chat.text("@孙大爷/私聊: 你是机器人吗").startswith("我是邻里，社区的自动助手")
    assert chat.text("@孙大爷/私聊: 谢谢啊") == "不客气！有问题随时找我。"  # thanks, no 补充
    chat.say("@孙大爷/私聊: 这个月一共反映了几件")  # how many: asked, not told
    assert "几件" not in chat.text("@孙大爷/私聊: 查看 1")
    # A problem of its own is a report of its own; 「新建」 files a detail that was one.
    assert chat.say("@孙大爷/私聊: 5号楼电梯坏了")[0][1].startswith("已登记 #2")
    chat.say("@孙大爷/私聊: 已经好几天了")
    assert chat.say("@孙大爷/私聊: 新建")[0][1].startswith("已登记 #3")
    # A question of its own, even without a question mark, is no detail.
    assert chat.say("@孙大爷/私聊: 社区医院在哪里")[0][1].startswith("已登记 #4")
    # Long after the report, the same words are a report of their own.
    chat.run_until(chat.clock.now() + timedelta(minutes=11))
    assert chat.say("@孙大爷/私聊: 楼上是401")[0][1].startswith("已登记 #5")
    assert len(issues(chat)) == 5
    assert "社区医院" not in chat.text("@孙大爷/私聊: 查看 3")


def test_several_problems_in_one_report_are_an_issue_each(chat: Conversation) -> None:
    """「…，还有…」 or a numbered list: each problem its own issue, in its own grid, with its own
    deadline; words that only say more of one problem stay with it."""
    assert chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了，还有5号楼门口井盖松了") == [
        ("网格3群", "已登记 #1【照明路灯】3号楼 · 网格3 · 1个工作日内答复。回复「查看 1」看进度。"),
        ("网格3群", "已登记 #2【道路井盖】5号楼 · 网格5 · 3个工作日内答复。回复「查看 2」看进度。"),
    ]
    assert chat.text("@李书记/工作群: 查看 2").splitlines()[1] == "5号楼门口井盖松了"
    # A list after words that say where: each item there; the estate's stays the estate's.
    replies = chat.say("@刘阿姨/私聊: 6号楼的问题：1.电梯经常停 2.小区垃圾没人清")
    acks = [text for where, text in replies if where == "私聊·刘阿姨"]
    assert [ack.split(" · ")[0] for ack in acks] == [
        "已登记 #3【公共设施】6号楼",
        "已登记 #4【环境卫生】1个工作日内答复。回复「查看 4」看进度。",
    ]
    # 「也」: where the one before it is.
    chat.say("@孙大爷/网格5群: #报事 7号楼楼道灯坏了，还有电梯也坏了")
    assert [issue.building for issue in issues(chat)[-2:]] == ["7", "7"]
    # More of one problem is one issue.
    chat.say("@陈大爷/网格3群: #报事 2号楼下水道堵了，还有臭味")
    assert len(issues(chat)) == 7
    assert issues(chat)[-1].description == "2号楼下水道堵了，还有臭味"
    # A work order taken by staff is one, however its words run.
    order = "12345工单：市民反映1.4号楼路灯不亮 2.4号楼井盖松动，办理时限3个工作日"
    chat.say(f"@张网格/私聊: {order}")
    assert len(issues(chat)) == 8


def test_new_after_a_report_of_several_taken_for_a_duplicate_files_that_piece(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@刘阿姨/网格3群: #报事 3号楼电梯坏了")
    replies = chat.say("@孙大爷/网格3群: #报事 3号楼楼道灯不亮，还有电梯也坏了")
    assert [text[:10] for _, text in replies] == ["与 #1 可能是同一", "与 #2 可能是同一"]
    # Taken for two: which is not the same is asked; each is then filed by its number.
    assert chat.text("@孙大爷/网格3群: 新建") == (
        "您这条反映被当作 #1、#2 的同一问题。哪一件不是？请回复「新建 编号」，如「新建 1」。"
    )
    assert chat.text("@孙大爷/网格3群: 新建 2").startswith("已登记 #3【公共设施】3号楼")
    assert issues(chat)[-1].description == "电梯也坏了"
    assert chat.text("@孙大爷/网格3群: 新建").startswith("已登记 #4【照明路灯】3号楼")
    assert issues(chat)[-1].description == "3号楼楼道灯不亮"
    assert chat.text("@孙大爷/网格3群: 新建").startswith("10分钟内没有被当作重复的反映")
    assert [issue.report_count for issue in issues(chat)[:2]] == [1, 1]


def test_new_after_a_report_half_filed_half_taken_files_the_half_taken(
    chat: Conversation,
) -> None:
    """「新建」 was told to the reporter of a piece taken for #1 in a report whose other piece
    was filed: it answered that nothing had been taken for a duplicate."""
    chat.say("@刘阿姨/网格3群: #报事 3号楼门口井盖松了")
    replies = chat.say("@孙大爷/网格3群: #报事 3号楼2单元楼道灯不亮，还有3号楼门口井盖松动")
    assert [text[:10] for _, text in replies] == ["已登记 #2【照明路", "与 #1 可能是同一"]
    # Something else reported since, then 「新建」: it is that report's piece.
    chat.say("@孙大爷/网格3群: #报事 6号楼门口垃圾桶满了")
    assert chat.text("@孙大爷/网格3群: 新建 我说的是后门那个").startswith("已登记 #4【道路井盖】")
    assert issues(chat)[-1].description == "3号楼门口井盖松动"
    assert chat.text("@孙大爷/网格3群: 新建").startswith("10分钟内没有被当作重复的反映")


def test_asking_someone_to_come_just_after_a_report_is_more_of_it(chat: Conversation) -> None:
    """「能不能让物业先来看看」 names 物业 and asks, but it is said of the report just made."""
    chat.say("@王芳/私聊: 我家楼上一直漏水，3号楼2单元502")
    for said in ("能不能让物业先来看看", "请师傅下午上门看一下吧？"):
        assert chat.say(f"@王芳/私聊: {said}") == [
            ("私聊·王芳", "已补充到 #1。如果这是另一件事，请回复「新建」。"),
            ("工作群", f"#1 报事人补充：{said}"),
        ]
    # Her number then goes with that report, not with another.
    assert chat.say("@王芳/私聊: 13912345678")[0][1].startswith("已把电话补充到 #1")
    assert len(issues(chat)) == 1
    # A remedy asked for just after a report of its problem is more of it too; another
    # problem of the same kind is not (a stairwell light, then a street lamp).
    chat.say("@孙大爷/私聊: 小区停车太难了，晚上回来根本没地方停")
    added = chat.say("@孙大爷/私聊: 能不能装个道闸")[0][1]
    assert added == "已补充到 #2。如果这是另一件事，请回复「新建」。"
    chat.say("@陈大爷/私聊: 3号楼楼道灯坏了")
    assert chat.say("@陈大爷/私聊: 路灯也不亮")[0][1].startswith("已登记 #4【照明路灯】")


def test_asking_what_now_just_after_a_report_is_more_of_it(chat: Conversation) -> None:
    """「楼上不开门怎么办」 after a leak from upstairs reads as a 邻里纠纷 of its own; it is what
    stands in the report's way, for the grid worker to know."""
    chat.say("@王芳/私聊: 3号楼2单元楼上漏水，我家天花板都湿了")
    assert chat.say("@王芳/私聊: 楼上不开门怎么办？") == [
        ("私聊·王芳", "已补充到 #1，网格员会帮您协调。如果这是另一件事，请回复「新建」。"),
        ("工作群", "#1 报事人补充：楼上不开门怎么办？"),
    ]
    chat.say("@孙大爷/私聊: 5号楼门口停车太乱了")
    assert chat.say("@孙大爷/私聊: 物业不管咋办")[0][1].startswith("已补充到 #2，网格员会帮您协调")
    # Another problem, or another place, asked so is a report of its own.
    assert chat.say("@王芳/私聊: 电动车没地方充电怎么办")[0][1].startswith("已登记 #3【充电设施】")
    assert chat.say("@孙大爷/私聊: 3号楼电梯坏了怎么办")[0][1].startswith(
        "已登记 #4【公共设施】3号楼"
    )
    assert len(issues(chat)) == 4


def test_saying_a_report_just_made_is_urgent_is_more_of_it(chat: Conversation) -> None:
    """「这个事情很紧急」 just after a report was filed as an emergency of its own, the work
    group alarmed with 🚨 and nothing said of what; it is how urgent that report is."""
    chat.say("@王芳/私聊: 3号楼2单元楼道灯坏了")
    assert chat.say("@王芳/私聊: 这个事情很紧急！") == [
        ("私聊·王芳", "已补充到 #1。如果这是另一件事，请回复「新建」。"),
        ("工作群", "#1 报事人补充：这个事情很紧急"),
    ]
    # Said to the bot in the group of the report, the same.
    chat.say("@刘阿姨/网格3群: #报事 5号楼门口井盖松了")
    assert chat.say("@刘阿姨/网格3群: @邻里 这个事情很紧急") == [
        ("网格3群", "已补充到 #2。如果这是另一件事，请回复「新建」。"),
        ("工作群", "#2 报事人补充：这个事情很紧急"),
    ]
    # With nothing reported, it is an emergency: what and where is asked.
    assert "出了什么事、在哪里" in chat.say("@孙大爷/私聊: 紧急")[0][1]
    assert len(issues(chat)) == 3


def test_when_a_reporter_is_in_is_kept_on_their_report(chat: Conversation) -> None:
    """「我明天上午不在家」 privately, some time after a report made in the group, met the
    greeting: whoever comes needs to know it."""
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.clock.advance(timedelta(hours=2))
    assert chat.say("@王芳/私聊: 我明天上午不在家") == [
        ("私聊·王芳", "好的，已补充到 #1，转告上门的工作人员。"),
        ("工作群", "#1 报事人补充：我明天上午不在家"),
    ]
    assert "补充：我明天上午不在家" in chat.text("@张网格/私聊: 查看 1")
    # With two open, which one is not guessed; with none, nothing to keep it on.
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    assert chat.text("@王芳/私聊: 下午家里有人").startswith("您好，我是邻里。")
    assert chat.text("@孙大爷/私聊: 我明天不在家").startswith("您好，我是邻里。")


def test_asking_to_stay_unnamed_is_answered_and_passed_on(chat: Conversation) -> None:
    kept = "放心，您私信反映的事项，群里和工作群都不显示您的名字，只有书记和承办人能看到。"
    assert chat.text("@孙大爷/私聊: 能匿名吗") == kept  # nothing reported: nothing filed
    chat.say("@孙大爷/私聊: 我家楼上天天晚上剁骨头，吵得睡不着")
    assert chat.say("@孙大爷/私聊: 别告诉他们是我反映的") == [
        ("私聊·孙大爷", kept),
        ("工作群", "#1 报事人希望不透露其身份：别告诉他们是我反映的"),
    ]
    assert "补充：别告诉他们是我反映的" in chat.text("@李书记/私聊: 查看 1")
    # Asked again, or asked whether the name shows: answered, the work group told once.
    assert chat.say("@孙大爷/私聊: 我的名字会被公开吗") == [("私聊·孙大爷", kept)]
    # Not such a wish: a report of its own.
    chat.run_until(chat.clock.now() + timedelta(minutes=11))
    filed = chat.say("@孙大爷/私聊: 别让孩子在5号楼楼道里玩滑板，太危险")
    assert filed[0][1].startswith("已登记 #2")
    assert len(issues(chat)) == 2
    # The wish said with the problem and where: filed, and told how it is kept.
    for number, said in enumerate(
        ("我要匿名举报3号楼有群租房", "6号楼2单元楼上天天半夜吵，别告诉他们是我说的"), start=3
    ):
        chat.run_until(chat.clock.now() + timedelta(minutes=11))
        ack, alert = chat.say(f"@孙大爷/私聊: {said}")
        assert ack[1].startswith(f"已登记 #{number}") and ack[1].endswith(f"\n{kept}"), said
        assert alert[0] == "工作群" and "孙" not in alert[1]
    chat.run_until(chat.clock.now() + timedelta(minutes=11))
    assert chat.text("@孙大爷/私聊: 我反映噪音的事会告诉楼上吗") == kept  # no place: a question
    # Asked whether others see it, or whether the name is made public: the same answer.
    for asked in ("我反映的问题别人能看到吗", "我的名字会被公开吗？"):
        chat.run_until(chat.clock.now() + timedelta(minutes=11))
        assert chat.say(f"@孙大爷/私聊: {asked}")[0] == ("私聊·孙大爷", kept), asked
    assert len(issues(chat)) == 4


def test_a_report_of_before_still_not_done_presses_it_or_says_there_is_none(
    chat: Conversation,
) -> None:
    # Nothing reported: nothing filed of the words, told there is none.
    said = chat.text("@孙大爷/私聊: 上次反映的问题还没解决")
    assert said.startswith("没有找到您反映的未办结事项。")
    assert issues(chat) == []
    chat.say("@孙大爷/私聊: #报事 5号楼2单元楼道灯坏了")
    chat.run_until(chat.clock.now() + timedelta(days=2))
    assert chat.say("@孙大爷/私聊: 上次反映的问题还没解决")[0] == (
        "私聊·孙大爷",
        "已转告网格员 赵网格，会尽快跟进 #1。",
    )
    # Said again in other words (「没人管」 is no problem of its own): the same report.
    again = chat.text("@孙大爷/私聊: 之前报的事到现在也没人管")
    assert again.startswith("#1 已经转告过网格员了")
    assert len(issues(chat)) == 1


def test_cancel_alone_says_how_to_withdraw_and_withdraws_nothing(chat: Conversation) -> None:
    assert chat.text("@孙大爷/私聊: 取消").startswith("您好，我是邻里。")
    chat.say("@孙大爷/私聊: 我家楼上天天晚上剁骨头，吵得睡不着")
    assert chat.say("@孙大爷/私聊: 取消") == [
        ("私聊·孙大爷", "要撤回 #1，请发送「撤回 1」，也可以写上原因。")
    ]
    chat.say("@孙大爷/私聊: 新建")  # nothing to split: the 取消 was not kept as a detail
    chat.say("@孙大爷/私聊: 5号楼电梯坏了")
    assert chat.text("@孙大爷/私聊: 算了吧") == (
        "要撤回哪一件？请发送「撤回 编号」。您未办结的有：#1、#2。"
    )
    assert "补充" not in chat.text("@李书记/私聊: 查看 1")
    assert all(issue.status == "new" for issue in issues(chat))


def test_points_asked_plainly_privately(chat: Conversation) -> None:
    none_yet = "您在幸福里社区还没有积分。"
    assert chat.text("@孙大爷/私聊: 我的积分").startswith(none_yet)
    assert chat.text("@孙大爷/私聊: 能帮我查一下我的积分吗").startswith(none_yet)
    assert chat.text("@孙大爷/私聊: 怎么兑换").startswith("积分兑换：")
    assert len(issues(chat)) == 0


def test_a_voice_message_privately_is_asked_for_words_and_in_a_group_left_alone(
    chat: Conversation,
) -> None:
    assert chat.say("@王芳/私聊: [语音]") == [
        ("私聊·王芳", "语音我还听不了，请打字告诉我，例如：3号楼楼道灯坏了。也可以发照片。")
    ]
    assert chat.say("@王芳/网格3群: [语音]") == []
    # With words beside it (a caption), the words are read.
    assert chat.say("@王芳/私聊: [语音] 3号楼楼道灯坏了")[0][1].startswith("已登记 #1")
    assert len(issues(chat)) == 1


def test_reporting_ones_own_open_issue_again_adds_to_it(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    assert chat.say("@王芳/网格3群: #报事 3号楼2单元下水道还是堵着，污水都漫出来了") == [
        (
            "网格3群",
            "您反映过的 #1 正在处理（待受理），已记下您的补充；如果是另一个问题，请回复「新建」。",
        )
    ]
    shown = chat.text("@李书记/工作群: 查看 1")
    assert "反映次数" not in shown and "王* 补充：3号楼2单元下水道还是堵着" in shown
    # Taken for the same when it is not: 新建 files it, and #1 is as it was.
    assert chat.text("@王芳/网格3群: 新建").startswith("已登记 #2【排水管道】")
    assert len(issues(chat)) == 2


def recall_of(chat: Conversation, line: str, issue_number: int) -> list[tuple[str, str]]:
    """`line`'s speaker takes back (WeChat 撤回), where `line` is said, the message that
    filed issue `issue_number`, or any message of theirs when there is none."""
    with UnitOfWork(chat.linli.sessions) as uow:
        issue = uow.session.scalar(select(Issue).where(Issue.number == issue_number))
        kept = uow.session.scalar(
            select(InboundMessage.message_id).where(
                InboundMessage.issue_id == (issue.id if issue else -1)
            )
        )
    said = chat.adapter.parse(line)
    assert said is not None
    recall = replace(said, text="", message_id=f"recall-{kept}", recalled=kept or "t-0")
    return chat.deliver(recall)


def test_a_report_taken_back_is_withdrawn_for_the_grid_worker_to_close(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    assert recall_of(chat, "@王芳/网格3群: x", 1) == [
        ("网格3群", "#1 已转告网格员：报事人撤回了原消息。确认后会结案。"),
        (
            "工作群",
            "#1 报事人表示不用处理了：报事人撤回了原消息。请确认后「办结 1 结果」或「退回 1 原因」。",
        ),
    ]
    assert "撤回" in chat.text("@李书记/工作群: 查看 1")
    # Someone else's recall of it, or of a message that filed nothing, says nothing, keeps nothing.
    chat.say("@李明/网格3群: #报事 5号楼路灯不亮")
    assert recall_of(chat, "@孙大爷/网格3群: x", 2) == []
    assert recall_of(chat, "@孙大爷/网格3群: x", 99) == []
    with UnitOfWork(chat.linli.sessions) as uow:
        kept = uow.session.scalars(select(InboundMessage.message_id)).all()
    assert "recall-None" not in kept  # the recall of what filed nothing is not kept
    assert "撤回" not in chat.text("@李书记/工作群: 查看 2")


def sent(chat: Conversation, line: str) -> str:
    """Say `line`; the id of the message, for an edit of it later."""
    message = chat.adapter.parse(line)
    assert message is not None
    chat.deliver(message)
    return message.message_id


def edit_of(chat: Conversation, message_id: str, line: str) -> list[tuple[str, str]]:
    """`line`'s speaker edits (Telegram) their message `message_id` to read as `line` does."""
    said = chat.adapter.parse(line)
    assert said is not None
    edit = replace(said, message_id=f"{message_id}:edit{said.message_id}", edited=message_id)
    return chat.deliver(edit)


def test_an_edited_report_is_its_supplement_and_a_place_put_right_moves_it(
    chat: Conversation,
) -> None:
    first = sent(chat, "@王芳/网格3群: #报事 3号楼楼道灯坏了")
    assert edit_of(chat, first, "@王芳/网格3群: #报事  3号楼楼道灯坏了 ") == []  # nothing new
    assert edit_of(chat, first, "@王芳/网格3群: #报事 3号楼楼道灯坏了，晚上老人看不见台阶") == [
        ("网格3群", "已把修改补充到 #1。"),
        ("工作群", "#1 报事人修改了原消息：3号楼楼道灯坏了，晚上老人看不见台阶"),
    ]
    assert edit_of(chat, first, "@王芳/网格3群: #报事 5号楼楼道灯坏了") == [
        ("网格3群", "已把修改补充到 #1，位置改为：5号楼 · 网格5。"),
        ("工作群", "#1 报事人修改了原消息：5号楼楼道灯坏了"),
    ]
    shown = chat.text("@李书记/工作群: 查看 1")
    assert "5号楼" in shown and "网格5" in shown
    assert "3号楼楼道灯坏了" in shown  # the first wording stays the description
    # An edit by someone else, or of a closed report: let be.
    assert edit_of(chat, first, "@孙大爷/网格3群: #报事 7号楼楼道灯坏了") == []
    assert chat.say("@李书记/工作群: 办结 1 已换灯泡")[0][1].startswith("#1 已办结")
    assert edit_of(chat, first, "@王芳/网格3群: #报事 6号楼楼道灯坏了") == []
    assert "6号楼" not in chat.text("@李书记/工作群: 查看 1")


def test_an_edit_of_what_changed_nothing_is_read_afresh_and_nothing_runs_twice(
    chat: Conversation,
) -> None:
    chatter = sent(chat, "@孙大爷/网格3群: 楼道里堆满了杂物，过不去")
    replies = edit_of(chat, chatter, "@孙大爷/网格3群: #报事 楼道里堆满了杂物，过不去")
    assert replies[0][0] == "网格3群" and replies[0][1].startswith("已登记 #1")
    typo = sent(chat, "@张网格/工作群: 受理 l")
    assert edit_of(chat, typo, "@张网格/工作群: 受理 1")[0][1].startswith("#1 已受理")
    # An edit of a command that ran does not run it again, nor the new wording.
    chat.say("@孙大爷/网格3群: #报事 3号楼门口井盖松了")
    done = sent(chat, "@张网格/工作群: 受理 2")
    not_run = "修改过的命令不会再执行。要按修改后的办，请重新发送：退回 2 不是我们管"
    assert edit_of(chat, done, "@张网格/工作群: 退回 2 不是我们管") == [("工作群", not_run)]
    assert "已受理" in chat.text("@李书记/工作群: 查看 2")
    assert edit_of(chat, done, "@张网格/工作群: 好的") == []  # no command now: nothing to say
    # Edited into several commands: none runs either.
    several = edit_of(chat, done, "@张网格/工作群: 受理 2\n派单 2 物业")
    assert several[0][1].startswith("修改过的命令不会再执行。") and len(several) == 1


def test_a_detail_said_as_such_is_kept_on_the_reporters_open_issue(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    assert chat.say("@王芳/网格3群: 补充一下，是3楼和4楼之间那盏") == [
        ("网格3群", "已补充到 #1。如果这是另一件事，请回复「新建」。"),
        ("工作群", "#1 报事人补充：是3楼和4楼之间那盏"),
    ]
    # Privately, hours later: their newest open issue, wherever they reported it.
    chat.clock.advance(timedelta(hours=5))
    assert chat.say("@王芳/私聊: 补充：晚上10点以后最黑")[0] == (
        "私聊·王芳",
        "已补充到 #1。如果这是另一件事，请回复「新建」。",
    )
    trail = chat.text("@李书记/工作群: 查看 1")
    assert "补充：是3楼和4楼之间那盏" in trail and "补充：晚上10点以后最黑" in trail
    # From a neighbour with nothing open there, it is theirs to say.
    assert chat.say("@孙大爷/网格3群: 补充一下，我家也停电了") == []
    # With the number: that issue (not the newest), and only when it is theirs.
    chat.say("@王芳/网格3群: #报事 5号楼门口井盖松了")
    for said, detail in (
        ("1号补充：灯罩也掉了", "灯罩也掉了"),
        ("补充 1 开关也不灵", "开关也不灵"),
    ):
        assert chat.say(f"@王芳/网格3群: {said}")[1] == ("工作群", f"#1 报事人补充：{detail}")
    assert chat.say("@孙大爷/网格3群: 1号补充：我家也是") == []


def test_an_issue_told_of_by_number_privately_by_those_it_concerns_gets_the_words(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    # The 楼栋长 of its building, its reporter, someone following it: a 补充, not a report.
    assert chat.say("@陈楼长/私聊: 1号我去看过了，确实不亮") == [
        ("私聊·陈楼长", "已补充到 #1，已转告工作群。"),
        ("工作群", "#1 楼栋长陈*长补充：我去看过了，确实不亮"),
    ]
    assert chat.say("@王芳/私聊: 1号晚上更黑")[1] == ("工作群", "#1 报事人补充：晚上更黑")
    chat.say("@孙大爷/网格3群: 关注 1")
    assert chat.say("@孙大爷/私聊: 1号三楼那盏也不亮")[1] == (
        "工作群",
        "#1 关注人孙*爷补充：三楼那盏也不亮",
    )
    # Its reporter telling it is done: passed to whoever would close it, as 「修好了」 is.
    assert chat.say("@王芳/私聊: 1号灯已经修好了，谢谢") == [
        ("私聊·王芳", "好的，已转告处理人员。#1 办结后会请您评价。"),
        ("私聊·张网格", "#1 报事人说「灯已经修好了，谢谢」。已办好的话，请发送「办结 1 结果」。"),
    ]
    # Asked, it is shown; a building (1号楼) is no issue number.
    assert chat.text("@王芳/私聊: 1号修好了吗").startswith("#1【照明路灯】")
    assert chat.text("@王芳/私聊: 1号办结了吗").startswith("#1【照明路灯】")
    assert chat.say("@钱阿姨/私聊: 1号楼门口井盖松了")[0][1].startswith("已登记 #2【道路井盖】")


def test_a_building_heads_check_in_the_group_is_kept_on_the_report(chat: Conversation) -> None:
    """「我去看了，…」 from the 楼栋长 of the building, after a report there: what they found
    goes to the report and the work group; from anyone else, or of another building, chat."""
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了，晚上很黑")
    found = "我去看了，3号楼2单元3楼和4楼的灯都不亮"
    assert chat.say(f"@陈楼长/网格3群: {found}") == [
        ("网格3群", "谢谢！已把您看到的情况补充到 #1，转告工作群。"),
        ("工作群", f"#1 楼栋长陈*长补充：{found}"),
    ]
    assert f"陈*长 补充：{found}" in chat.text("@李书记/私聊: 查看 1")
    for who, said in (
        ("孙大爷", "我去看了，确实不亮"),  # a neighbour: their own words to the group
        ("陈楼长", "我看了，好搞笑"),  # found nothing of the report
        ("陈楼长", "你们去看了吗"),
    ):
        assert chat.say(f"@{who}/网格3群: {said}") == [], said
    # The newest report there is another building's: not theirs to check.
    chat.say("@王芳/网格3群: #报事 5号楼门口井盖松了")
    assert chat.say("@陈楼长/网格3群: 我去看了，确实松了") == []
    # Of the lamp, by its words, it is still #1's; a day later, chat.
    assert chat.say("@陈楼长/网格3群: 刚上去看过，楼道灯确实不亮")[0][1].endswith(
        "#1，转告工作群。"
    )
    chat.clock.advance(timedelta(hours=25))
    # A day later it is not kept as a check: he is told where the lamp's issue stands.
    assert chat.text("@陈楼长/网格3群: 又去看了，楼道灯还是不亮").startswith(
        "已有人反映：#1【照明路灯】"
    )
    # By its number, open and of their building, whenever: what they found, kept on it.
    assert chat.say("@陈楼长/网格3群: 1号我去看了，灯确实坏了") == [
        ("网格3群", "谢谢！已把您看到的情况补充到 #1，转告工作群。"),
        ("工作群", "#1 楼栋长陈*长补充：我去看了，灯确实坏了"),
    ]
    assert chat.say("@陈楼长/网格3群: 2号我去看了，确实松了") == []  # not of their building


def test_questions_about_the_service_are_answered_not_filed(chat: Conversation) -> None:
    assert chat.text("@王芳/私聊: 反映问题有用吗") == (
        "反映后网格员会按期限答复：简单的1个工作日，复杂的3个工作日，疑难的10个工作日；"
        "每一步进展都会通知您，办结后请您评价。"
    )
    assert chat.text("@王芳/私聊: 能不能发照片").startswith("可以。先发文字反映")
    assert chat.text("@王芳/私聊: 反映问题需要留电话吗").startswith("不需要。")
    assert chat.text("@王芳/私聊: 我反映的问题会告诉别人吗").startswith("放心，")
    assert chat.text("@王芳/私聊: 投诉电话是多少").startswith("幸福里社区：电话")
    assert chat.text("@王芳/网格3群: @邻里 你们处理问题要多久").startswith("反映后网格员")
    human = (
        "我是邻里，社区的自动助手：登记您反映的问题，转给网格员，跟进到办结。"
        "要找人，网格员：网格3 张网格（13800138003）；网格5 赵网格（13800138005）。"
    )
    assert chat.text("@王芳/私聊: 你是机器人吗") == human
    assert chat.text("@王芳/私聊: 你是真人吗") == human
    assert issues(chat) == []
    # Just after a report too: not a detail of it.
    chat.say("@王芳/私聊: 3号楼楼下垃圾桶满了没人清")
    assert chat.text("@王芳/私聊: 能不能找个真人").startswith("我是邻里，社区的自动助手")
    assert "能不能找个真人" not in chat.text("@王芳/私聊: 查看 1")
    # The bot found no use: a person wanted (it was kept on the report as a detail).
    assert chat.text("@王芳/私聊: 你这个机器人没用").startswith("我是邻里，社区的自动助手")
    assert "机器人" not in chat.text("@王芳/私聊: 查看 1")
    # Who the bot is, asked just after a report: answered, not kept on it.
    for asked in ("这个机器人是谁做的", "你是谁", "你是干什么的"):
        assert chat.text(f"@王芳/私聊: {asked}") == human, asked
    assert "谁" not in chat.text("@王芳/私聊: 查看 1").split("记录：")[1]
    chat.say("@王芳/私聊: 撤回 1")
    # Naming a problem, it is a report that asks.
    filed = chat.say("@王芳/私聊: 下水道堵了，你们多久能来处理")
    assert filed[0][1].startswith("已登记 #2【排水管道】")


def test_a_configured_category_takes_its_reports(chat: Conversation) -> None:
    """The example config, a northern community's, adds 供暖 to the built-in categories."""
    filed = chat.text("@王芳/网格3群: #报事 3号楼2单元暖气不热，家里才14度")
    assert filed.startswith("已登记 #1【供暖】3号楼2单元 · 网格3 · 3个工作日内答复。")
    # Its weighed keywords outweigh 排水's: a radiator leaking is the heating company's.
    leaking = chat.text("@孙大爷/网格5群: #报事 5号楼家里暖气片漏水了")
    assert leaking.startswith("已登记 #2【供暖】")
    assert chat.text("@孙大爷/网格5群: #报事 5号楼卫生间下水管漏水").startswith(
        "已登记 #3【排水管道】"
    )
    assert chat.text("@李书记/工作群: 统计 本月 供暖").startswith("本月（供暖）收集诉求2条")


def test_a_private_complaint_of_a_grid_worker_goes_to_the_secretary_alone(
    chat: Conversation,
) -> None:
    said = "我要投诉张网格，态度很差，问了三次都不理我"
    replies = chat.say(f"@王芳/私聊: {said}")
    assert [where for where, _ in replies] == ["私聊·王芳", "私聊·李书记"]
    assert replies[0][1].endswith("回复「查看 1」看进度。")  # no 「在哪栋楼」 for a conduct
    assert replies[1][1].endswith("（私信反映，报事人已隐去）（投诉工作人员，只发给书记）")
    # Conduct alone, no problem the analyser knows, is a report too (it was a greeting).
    replies = chat.say("@刘阿姨/私聊: 张网格对我们爱理不理，敷衍了事")
    assert [where for where, _ in replies] == ["私聊·刘阿姨", "私聊·李书记"]
    assert replies[0][1].startswith("已登记 #2【其他】")
    # A complaint of the property company's work still goes to the work group; so does one
    # that names the worker in a clause of no complaint.
    assert [where for where, _ in chat.say("@王芳/私聊: 5号楼物业保洁不作为，垃圾三天没清")] == [
        "私聊·王芳",
        "工作群",
    ]
    said = "我要投诉，3号楼下水道堵了，网格员说物业会来修，一直没来"
    assert [where for where, _ in chat.say(f"@孙大爷/私聊: {said}")] == ["私聊·孙大爷", "工作群"]
    assert chat.text("@张网格/私聊: 查看 4").startswith("#4【排水管道】")


def test_a_private_complaint_of_the_secretary_is_sent_on_not_filed(
    chat: Conversation, db_url: str, tmp_path: Path
) -> None:
    """The secretary reads every issue: a complaint of them goes to whoever oversees them."""
    sent_on = "对社区书记的投诉，请向街道党工委（0931-8111222）反映，也可拨打12345市民服务热线。"
    for said in ("我要投诉李书记，态度很差，不作为", "社区书记对我们爱理不理，敷衍了事"):
        assert chat.say(f"@王芳/私聊: {said}") == [("私聊·王芳", sent_on)]
    # Named in words of no complaint of them, the report is filed as any other.
    for said in ("请李书记帮忙看看，物业态度太差了", "李书记，我要投诉楼上装修太吵"):
        assert chat.say(f"@孙大爷/私聊: {said}")[0][1].startswith("已登记")
    assert len(issues(chat)) == 2
    # Staff may still file such words (a 12345 order that names the secretary, say).
    filed = chat.say("@张网格/私聊: #报事 居民反映李书记态度很差")[0][1]
    assert filed.startswith("已登记 #3【其他】")  # not 物业服务 for its 态度
    # No `supervision` in config.yaml: the street office.
    settings = example_settings(db_url, tmp_path / "other")
    community = settings.communities[0].model_copy(update={"supervision": None})
    other = Conversation(
        settings.model_copy(update={"communities": [community]}), monday_morning(), session="u"
    )
    try:
        assert other.text("@王芳/私聊: 我要投诉李书记，态度很差") == (
            "对社区书记的投诉，请向街道反映，也可拨打12345市民服务热线。"
        )
    finally:
        other.close()


def test_praise_of_someones_work_is_thanked_and_passed_on_not_filed(chat: Conversation) -> None:
    """「张网格态度很好」 was filed as a complaint of him (态度), for the secretary alone."""
    assert chat.say("@刘阿姨/私聊: 张网格态度很好，很耐心") == [
        ("私聊·刘阿姨", "谢谢您的肯定！已转告社区。"),
        ("工作群", "👍 居民刘*姨表扬：张网格态度很好，很耐心"),
    ]
    assert chat.say("@王芳/网格3群: @邻里 给物业点个赞")[0] == (
        "网格3群",
        "谢谢您的肯定！已转告社区。",
    )
    assert chat.say("@孙大爷/网格3群: 张网格态度很好") == []  # among neighbours: theirs
    # Thanks to someone for what they did, said privately (it was filed as a 公共设施 report).
    assert chat.say("@周先生/私聊: 电梯已经恢复正常了，感谢物业的及时处理🙏") == [
        ("私聊·周先生", "谢谢您的肯定！已转告社区。"),
        ("工作群", "👍 居民周*生表扬：电梯已经恢复正常了，感谢物业的及时处理🙏"),
    ]
    # A problem told with praise is a report; praise asked for is a complaint.
    assert chat.say("@陈大爷/私聊: 3号楼楼道灯坏了，物业来得很及时")[0][1].startswith("已登记 #1")
    assert chat.say("@赵大妈/私聊: 张网格态度好一点行不行")[1][0] == "私聊·李书记"
    assert len(issues(chat)) == 2


def test_a_complaint_of_a_grid_worker_is_chased_by_the_secretary_alone(
    chat: Conversation,
) -> None:
    """Its deadline reminders go to the secretary, not to the grid's workers (one of them is
    whom it complains of), nor, overdue, to the work group."""
    chat.say("@王芳/私聊: 我要投诉张网格，态度很差，问了三次都不理我")
    chat.say("@王芳/私聊: 3号楼的")  # 网格3: 张网格's own grid
    fired = chat.run_until(chat.clock.now() + timedelta(days=2, hours=10))
    about = [(where, text) for _, where, text in fired if "#1" in text]
    assert {where for where, _ in about} == {"私聊·李书记"}
    assert [text[:1] for _, text in about] == ["🟡", "🔴", "🔴"]
    # The work group's daily lists leave it out (it showed as 「🔴 #1【其他】待受理」), and so
    # does its 台账, and a grid worker's; the secretary's, privately, has it.
    daily = [text for _, where, text in fired if where == "工作群" and "今日台账" in text]
    assert daily and all("未办结0条" in text for text in daily)
    assert chat.text("@李书记/工作群: 台账") == "没有未办结的事项。"
    assert "#1【其他】" not in chat.text("@赵网格/私聊: 台账 全部")
    assert "#1【其他】" in chat.text("@李书记/私聊: 台账")


def test_the_ledger_file_sent_to_the_work_group_hides_a_complaints_words(
    chat: Conversation,
) -> None:
    said = "我要投诉张网格，态度很差，问了三次都不理我"
    chat.say(f"@王芳/私聊: {said}")
    chat.say("@李书记/私聊: 备注 1 已约谈张网格")

    def described(where: str) -> tuple[object, ...]:
        [sent] = chat.send(f"@李书记/{where}: 导出 本月")
        assert isinstance(sent, Document)
        sheet = load_workbook(BytesIO(sent.content))["台账"]
        row = dict(
            zip(LEDGER_HEADERS, next(sheet.iter_rows(min_row=2, values_only=True)), strict=True)
        )
        return row["描述"], row["备注"]

    assert described("私聊") == (said, "已约谈张网格")  # the secretary's own
    assert described("工作群") == ("（对工作人员的投诉）", None)  # the worker is in it


def test_a_complaint_of_a_grid_worker_is_the_secretarys_to_read_and_handle(
    chat: Conversation,
) -> None:
    said = "我要投诉张网格，态度很差，问了三次都不理我"
    (ack, _) = chat.say(f"@王芳/私聊: {said}")
    assert "【其他】" in ack[1]  # its 态度 is a worker's, not the property company's
    # What she adds later reaches the secretary, not the work group the worker is in.
    assert chat.say("@王芳/私聊: 3号楼的")[1] == ("私聊·李书记", "#1 报事人补充：3号楼的")
    refused = "这是对工作人员的投诉，只有书记可以查看和处理。"
    for line in ("@张网格/私聊: 查看 1", "@张网格/工作群: 受理 1", "@赵网格/私聊: 查看 1"):
        assert chat.text(line) == refused, line
    assert chat.text("@张网格/私聊: 1号报事人电话") == refused
    assert chat.text("@张网格/工作群: 搜索 态度") == "没有找到含「态度」的事项。"
    # The secretary reads it privately, not in a group; and may hand it to another worker,
    # who then reads it too; the work group's lines never carry its words.
    assert said in chat.text("@李书记/私聊: 查看 1")
    assert said not in chat.text("@李书记/工作群: 查看 1")
    assigned = chat.say("@李书记/工作群: 派单 1 @赵网格")
    assert all(said not in text for _, text in assigned)
    assert "（对工作人员的投诉）" in dict(assigned)["私聊·赵网格"]
    assert said in chat.text("@赵网格/私聊: 查看 1")
    assert chat.text("@李书记/私聊: 搜索 态度").startswith("含「态度」的事项：1条")
    assert said in chat.text("@王芳/私聊: 查看 1")  # the reporter's own
