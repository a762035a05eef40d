"""延期: staff move an open issue's deadline and everybody it concerns hears it; the property
contact holding it asks for it instead; its 🟡/🔴 reminders follow the new deadline.

Cast as in test_ledger.py; the week starts Monday 23 November 2026, 08:00.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.messages import PersonRef, QuotedMessage
from tests.support.conversation import Conversation

G3, WORK, LIU = "网格3群", "工作群", "私聊·刘物业"


def at(month: int, day: int, hour: int) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=ZoneInfo("Asia/Shanghai"))


def assigned(chat: Conversation) -> None:
    """#1, held by 刘物业 until Friday 27 November."""
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了好几天了")
    chat.say("@李书记/工作群: 派单 1 刘物业 周五前")


def test_the_secretary_moves_a_deadline_and_the_reminders_follow(chat: Conversation) -> None:
    assigned(chat)
    line = "#1 的期限由 11月27日 改为 11月30日，原因：等配件到货。"
    assert chat.say("@李书记/工作群: 延期 1 下周一 等配件到货") == [
        (WORK, line),
        (G3, line),
        (LIU, line),
    ]
    # Said again: nothing changes, nobody else is told.
    assert chat.say("@李书记/工作群: 延期 1 下周一") == [
        (WORK, "#1 的期限改为 11月30日，无需重复。")
    ]
    assert "期限：11月30日" in chat.text("@李书记/工作群: 查看 1")
    # The 🟡 of the old deadline (Thursday 09:00) is gone; the new one comes on Friday.
    fired = chat.run_until(at(11, 30, 20))
    yellow = [(when, where) for when, where, text in fired if text.startswith("🟡 #1")]
    assert yellow == [("11-27 09:00", LIU)]
    assert any(
        when == "11-30 18:00" and where == WORK and text.startswith("🔴 #1")
        for when, where, text in fired
    )


def test_a_length_of_time_is_added_to_the_deadline_it_had(chat: Conversation) -> None:
    assigned(chat)
    # Full-width digits and a comma before the reason; three working days after Friday.
    assert chat.say("@李书记/工作群: 延期１ ３天，配件周三才到")[0] == (
        WORK,
        "#1 的期限由 11月27日 改为 12月2日，原因：配件周三才到。",
    )


def test_the_property_contact_asks_and_the_secretary_grants(chat: Conversation) -> None:
    assigned(chat)
    assert chat.say("@刘物业/私聊: 延期 1 12月4日") == [
        (LIU, "请写明延期原因，例如：延期 1 12月4日 等配件到货")
    ]
    assert chat.say("@刘物业/私聊: 延期 1 12月4日 等配件，厂家周三发货") == [
        (LIU, "已把 #1 的延期申请转给社区，同意前期限仍是 11月27日。"),
        (
            WORK,
            "物业·刘*业 申请 #1 延期到 12月4日（现期限 11月27日），原因：等配件，厂家周三发货。"
            "同意请发送「延期 1 12月4日」。",
        ),
    ]
    # Sent again: the work group is not asked twice.
    assert chat.say("@刘物业/私聊: 延期 1 12月4日 等配件") == [
        (LIU, "#1 延期到 12月4日 的申请已经转给社区，请等待回复；同意前期限仍是 11月27日。")
    ]
    assert "期限：11月27日" in chat.text("@李书记/工作群: 查看 1")
    assert chat.say("@李书记/工作群: 延期 1 12月4日")[0] == (
        WORK,
        "#1 的期限由 11月27日 改为 12月4日。",
    )


def test_the_reason_may_come_first_and_the_request_be_called_so(chat: Conversation) -> None:
    assigned(chat)
    # 「申请延期」, the reason before the new deadline: as the holder says it.
    assert chat.say("@刘物业/私聊: 申请延期 1 需要采购灯杆 12月4日")[1] == (
        WORK,
        "物业·刘*业 申请 #1 延期到 12月4日（现期限 11月27日），原因：需要采购灯杆。"
        "同意请发送「延期 1 12月4日」。",
    )
    assert chat.say("@李书记/工作群: 延期 1 等灯杆，延到 12月10日")[0] == (
        WORK,
        "#1 的期限由 11月27日 改为 12月10日，原因：等灯杆。",
    )
    # Neither end a deadline: nothing changes.
    assert chat.text("@李书记/工作群: 延期 1 等灯杆 好多").startswith("看不懂期限「等灯杆」")
    assert "期限：12月10日" in chat.text("@李书记/工作群: 查看 1")


def replying(chat: Conversation, line: str, quoted: str) -> list[tuple[str, str]]:
    """`line` said in reply to the bot's message `quoted`."""
    message = chat.adapter.parse(line)
    assert message is not None
    bot = PersonRef("console", "邻里", "邻里")
    return chat.deliver(replace(message, reply_to=QuotedMessage("bot-1", bot, quoted)))


def test_a_request_is_answered_in_reply_to_it(chat: Conversation) -> None:
    assigned(chat)
    request = chat.say("@刘物业/私聊: 延期 1 12月4日 等配件")[1][1]
    # 「不同意」 with a reason: the holder hears; the deadline stays, nothing more is pending.
    assert replying(chat, "@李书记/工作群: 不同意，先临时处理一下", request) == [
        (WORK, "已告知承办人：#1 不延期，期限仍是 11月27日。"),
        (LIU, "社区不同意 #1 延期到 12月4日，期限仍是 11月27日，原因：先临时处理一下。"),
    ]
    assert replying(chat, "@李书记/工作群: 同意", request) == [(WORK, "#1 没有待批的延期申请。")]
    # Asked again, and granted with a word in reply: as 「延期 1 12月4日 等配件」 from her.
    request = chat.say("@刘物业/私聊: 延期 1 12月4日 配件还没到")[1][1]
    assert replying(chat, "@王芳/网格3群: 同意", request) == [
        ("网格3群", "只有承办人或网格员及以上可以调整期限。")
    ]
    assert replying(chat, "@刘物业/私聊: 同意", request) == [
        (LIU, "延期申请由书记或本网格的网格员批准。")  # not by the one who asked
    ]
    granted = replying(chat, "@李书记/工作群: 可以", request)
    assert granted[0] == (WORK, "#1 的期限由 11月27日 改为 12月4日，原因：配件还没到。")
    assert "期限：12月4日" in chat.text("@李书记/工作群: 查看 1")
    # Without a reply, the number and 延期 say which; a bare 「同意」 is chat.
    chat.say("@刘物业/私聊: 延期 1 12月9日 厂家停产")
    assert chat.say("@李书记/工作群: 同意") == []
    assert chat.say("@李书记/工作群: 同意1号延期")[0] == (
        WORK,
        "#1 的期限由 12月4日 改为 12月9日，原因：厂家停产。",
    )


def test_said_as_a_sentence(chat: Conversation) -> None:
    assigned(chat)
    assert chat.say("@李书记/工作群: 1号延期到下周三")[0] == (
        WORK,
        "#1 的期限由 11月27日 改为 12月2日。",
    )
    assert chat.say("@李书记/工作群: 把1的期限改成周五，原因：业主要求")[0] == (
        WORK,
        "#1 的期限由 12月2日 改为 11月27日，原因：业主要求。",
    )
    assert chat.say("@李书记/工作群: 1号延期3天")[0] == (
        WORK,
        "#1 的期限由 11月27日 改为 12月2日。",
    )
    # A question about it is no command.
    assert chat.say("@李书记/工作群: 1号延期了吗") == []


def test_who_may_not_and_what_is_not_a_deadline_change_nothing(chat: Conversation) -> None:
    assigned(chat)
    assert chat.say("@王芳/网格3群: 延期 1 明天") == [
        (G3, "只有承办人或网格员及以上可以调整期限。")
    ]
    assert chat.say("@赵网格/工作群: 延期 1 明天") == [
        (WORK, "这件事不在您负责的网格，请联系书记或该网格的网格员。")
    ]
    assert chat.text("@李书记/工作群: 延期 1").startswith("用法：/extend 编号 新期限 [原因]")
    assert chat.text("@李书记/工作群: 延期 1 等配件").startswith("看不懂期限「等配件」")
    assert chat.text("@李书记/工作群: 延期 1 11月20日").startswith("期限已经过去了")
    assert chat.say("@李书记/工作群: 延期 9 明天") == [(WORK, "没有找到 #9。")]
    assert "期限：11月27日" in chat.text("@李书记/工作群: 查看 1")
    chat.say("@刘物业/私聊: 办结 1 已换灯泡")
    assert chat.text("@李书记/工作群: 延期 1 明天").startswith("#1 已办结，不能延期。")


def test_held_over_in_words_is_told_the_extension_and_a_matter_beyond_staff_the_whistle(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼门口路面塌陷了一块")
    # 「先放一放」「等开春再弄」: 挂起 (or a 延期) with the words as its reason; the 延期 when a
    # day is said.
    assert chat.say("@张网格/私聊: 1号先放一放") == [
        (
            "私聊·张网格",
            "#1 要暂缓，请发送「挂起 1 先放一放」，挂起期间不计期限，「恢复 1」后顺延；"
            "知道哪天办的话，也可以「延期 1 新期限 先放一放」。",
        )
    ]
    assert chat.text("@李书记/工作群: 1号等开春再弄，大概3月1日") == (
        "#1 要延期请发送「延期 1 3月1日 等开春再弄」。"
    )
    # Beyond the community: 上报, to the unit named when one is.
    assert chat.text("@张网格/工作群: 1号需要街道协调") == (
        "#1 需要上级协调的话，请发送「上报 1 需要街道协调」（吹哨），上报单位会收到。"
    )
    # The unit turned to, not the one that cannot (「城管」: 街道城管办).
    assert chat.text("@张网格/私聊: 1号物业管不了，得找城管") == (
        "#1 要请街道城管办协调的话，请发送「上报 1 街道城管办 物业管不了，得找城管」（吹哨）。"
    )
    assert chat.text("@张网格/私聊: 1号解决不了，得找住建局") == (
        "#1 要请住建局协调的话，请发送「上报 1 住建局 解决不了，得找住建局」（吹哨）。"
    )
    # A public body beyond the community (it was offered 办结 first).
    assert chat.text("@张网格/工作群: 1号我去看了，坑挺深的，得找市政") == (
        "#1 需要上级协调的话，请发送「上报 1 我去看了，坑挺深的，得找市政」（吹哨），"
        "上报单位会收到。"
    )
    # Work this week is progress; nothing above changed the issue.
    assert chat.text("@张网格/私聊: 1号物业说这周弄").startswith(
        "#1 报进展请发送「进展 1 物业说这周弄」"
    )
    assert chat.text("@张网格/私聊: 1号下周一联合执法拆除").startswith(
        "#1 报进展请发送「进展 1 下周一联合执法拆除」"
    )
    # Done today is done: 办结 first.
    assert chat.text("@张网格/私聊: 1号今天拆了").startswith(
        "#1 已办好的话，请发送「办结 1 今天拆了」"
    )
    shown = chat.text("@李书记/工作群: 查看 1")
    assert "待受理" in shown.splitlines()[0] and "期限：11月26日" in shown
    # Staff asking why it is late are shown its record; its reporter's words press it.
    assert chat.text("@李书记/工作群: 1号为什么超期了") == shown
    assert chat.text("@张网格/私聊: 1号为啥拖这么久") == shown
    assert chat.say("@王芳/私聊: 1号怎么还没修")[1] == ("工作群", "#1 报事人补充：怎么还没修")


def test_a_day_off_is_pointed_out(chat: Conversation) -> None:
    assigned(chat)
    replies = chat.say("@李书记/工作群: 延期 1 周六")
    assert replies[0] == (WORK, "#1 的期限由 11月27日 改为 11月28日。")
    assert replies[-1] == (
        WORK,
        "注意：11月28日是休息日。如需改到工作日，请再发送「延期」写新的期限。",
    )


def test_the_holder_asking_in_words_is_told_how(chat: Conversation) -> None:
    assigned(chat)
    hint = "#1 要延期请发送「延期 1 新期限 原因」，例如：延期 1 下周三 等配件到货"
    assert chat.say("@刘物业/私聊: 1号能延期到下周吗") == [(LIU, hint)]
    assert chat.say("@刘物业/私聊: 能延期几天吗，配件没到") == [(LIU, hint)]
    assert chat.say("@刘物业/私聊: 1号要延期到哈哈哈") == [(LIU, hint)]
    # How long, or till when, said: the command with it, the rest its reason.
    assert chat.say("@刘物业/私聊: 灯泡没货了，要等两天") == [
        (LIU, "#1 要延期请发送「延期 1 两天 灯泡没货了」。")
    ]
    assert chat.say("@刘物业/私聊: 1号配件没到，下周三才能修") == [
        (LIU, "#1 要延期请发送「延期 1 下周三 配件没到」。")
    ]
    assert chat.say("@刘物业/私聊: 1号要等两天") == [(LIU, "#1 要延期请发送「延期 1 两天 原因」。")]
    assert "期限：11月27日" in chat.text("@李书记/工作群: 查看 1")
    # Said with the new deadline and a reason, in either order, it is the request itself.
    asked = chat.say("@刘物业/私聊: 1号要等配件，延期到下周五")
    assert asked[0] == (LIU, "已把 #1 的延期申请转给社区，同意前期限仍是 11月27日。")
    assert asked[1] == (
        WORK,
        "物业·刘*业 申请 #1 延期到 12月4日（现期限 11月27日），原因：要等配件。"
        "同意请发送「延期 1 12月4日」。",
    )
    asked = chat.say("@刘物业/私聊: 1号推迟到12月10日，厂家没货")
    assert asked[1][1].startswith(
        "物业·刘*业 申请 #1 延期到 12月10日（现期限 11月27日），原因：厂家没货。"
    )
    # By how long: counted on from the deadline, in working days.
    asked = chat.say("@刘物业/私聊: 1号需要延期两天，等疏通车")
    assert asked[1][1].startswith(
        "物业·刘*业 申请 #1 延期到 12月1日（现期限 11月27日），原因：等疏通车。"
    )
    # Words asking for it are not its reason; 「期限」 after the number names #1's deadline.
    asked = chat.say("@刘物业/私聊: 1号需要延期到12月11日，等市政")
    assert "原因：等市政。" in asked[1][1]
    assert chat.text("@刘物业/私聊: 1号期限能不能延到周五") == (
        "请写明延期原因，例如：延期 1 11月27日 等配件到货"
    )
    assert "期限：11月27日" in chat.text("@李书记/工作群: 查看 1")  # until staff agree
    # 「不是我们管的」 is what 不归我管 is for, with the number or without, holding one.
    assert chat.say("@刘物业/私聊: 1号不是我们管的，是电梯公司维保") == [
        (LIU, "#1 不归您管的话，请发送「不归我管 1 不是我们管的，是电梯公司维保」，社区会改派。")
    ]
    assert chat.say("@刘物业/私聊: 这个不归我们管，是电梯公司维保") == [
        (LIU, "#1 不归您管的话，请发送「不归我管 1 这个不归我们管，是电梯公司维保」，社区会改派。")
    ]


def test_a_long_reason_for_saying_no_is_passed_on_shortened(chat: Conversation) -> None:
    assigned(chat)
    chat.say("@刘物业/私聊: 延期 1 12月4日 等配件")
    told = chat.say("@李书记/工作群: 不同意延期 1 " + "太久" * 50000)
    assert told[0] == (WORK, "已告知承办人：#1 不延期，期限仍是 11月27日。")
    assert told[1][0] == LIU and len(told[1][1]) < 120


def test_escalating_again_says_to_whom_it_went(chat: Conversation) -> None:
    """An issue 上报 already: 「1号这个物业管不了，得找城管」 is told where it is (it was offered
    上报 to 物业)."""
    chat.say("@王芳/网格3群: #报事 3号楼旁边的违建棚子占了消防通道")
    chat.say("@李书记/工作群: 受理 1 复杂")
    chat.say("@李书记/工作群: 上报 1 街道城管办 违建")
    assert chat.text("@李书记/工作群: 1号这个物业管不了，得找城管") == (
        "#1 已上报街道城管办协调处理，无需重复。"
    )
    # Its reporter telling the shed is gone: passed to whoever holds it (周主任, the unit's).
    assert chat.say("@王芳/网格3群: 棚子拆了，谢谢社区") == [
        ("网格3群", "好的，已转告处理人员。#1 办结后会请您评价。"),
        ("私聊·周主任", "#1 报事人说「棚子拆了，谢谢社区」。已办好的话，请发送「办结 1 结果」。"),
    ]
