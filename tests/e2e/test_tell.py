"""转告: staff telling an issue's reporter something, or where the issue stands, through the bot
(「转告 1 明天上午上门」「告诉2号报事人：…」「把1号的情况跟王女士说一下」)."""

from __future__ import annotations

from tests.support.conversation import Conversation

G3 = "网格3群"
WORK = "工作群"


def reported(chat: Conversation) -> None:
    """#1 in 网格3群 from 王芳, handed to 物业 with a 进展; #2 privately from 孙大爷, new."""
    chat.say(f"@王芳/{G3}: #报事 3号楼2单元楼道灯坏了一个星期了")
    chat.say("@孙大爷/私聊: 5号楼门口井盖松了，晚上很危险")
    chat.say("@张网格/私聊: 派单 1 物业 周五")
    chat.say("@刘物业/私聊: 进展 1 灯泡已订货")


def test_where_an_issue_stands_is_told_to_its_reporter_in_their_group(chat: Conversation) -> None:
    reported(chat)
    standing = "#1【照明路灯】目前办理中，由物业办理，期限11月27日。最新进展：灯泡已订货。"
    assert chat.say("@李书记/私聊: 把1号的情况跟王女士说一下") == [
        ("私聊·李书记", f"已转告 #1 报事人：{standing}"),
        (G3, standing),
    ]
    [to_group] = [m for m in chat.send("@李书记/私聊: 转告 1") if m.chat.title == G3]
    assert [person.name for person in to_group.mentions] == ["王芳"]  # she notices it
    assert "转告报事人" in chat.text("@李书记/私聊: 查看 1")  # kept in its history
    # Done, it says so and how to rate.
    chat.say("@刘物业/私聊: 办结 1 换好了")
    assert chat.say("@张网格/私聊: 把1号的进展告诉报事人")[1] == (
        G3,
        "#1【照明路灯】目前已办结：换好了。请回复「评价 1 1-5分」。",
    )


def test_words_for_the_reporter_are_a_progress_note_once_it_is_worked_on(
    chat: Conversation,
) -> None:
    reported(chat)
    assert chat.say("@刘物业/私聊: 转告 1 明天下午上门") == [
        ("私聊·刘物业", "#1 进展：明天下午上门"),
        (G3, "#1 进展：明天下午上门"),
    ]
    assert chat.say(f"@李书记/{WORK}: 跟1号报事人说一下，周五前一定修好")[-1] == (
        G3,
        "#1 进展：周五前一定修好",
    )
    assert "明天下午上门" in chat.text("@王芳/私聊: 查看 1")


def test_a_private_reporter_hears_privately_and_the_group_not_who(chat: Conversation) -> None:
    reported(chat)
    # #2 is not taken up yet: the words go as they are, with no 进展.
    assert chat.say(f"@李书记/{WORK}: 告诉2号报事人：明天上午物业来修") == [
        (WORK, "已转告 #2 报事人：#2 社区回复：明天上午物业来修"),
        ("私聊·孙大爷", "#2 社区回复：明天上午物业来修"),
    ]
    assert chat.say("@李书记/私聊: 2号的进展跟报事人讲一下") == [
        ("私聊·李书记", "已转告 #2 报事人：#2【道路井盖】目前待受理，期限11月26日。"),
        ("私聊·孙大爷", "#2【道路井盖】目前待受理，期限11月26日。"),
    ]


def test_only_who_may_work_on_it_tells_its_reporter(chat: Conversation) -> None:
    reported(chat)
    assert chat.say("@赵网格/私聊: 告诉1号报事人 我们在跟进") == [
        ("私聊·赵网格", "这件事不在您负责的网格，请联系书记或该网格的网格员。")
    ]
    assert chat.say("@孙大爷/私聊: 转告 1 我也觉得该修") == [
        ("私聊·孙大爷", "只有承办人或网格员及以上可以转告报事人。")
    ]
    assert chat.text("@李书记/私聊: 回复9号：明天来修") == "没有找到 #9。"
    # In a residents' group it is chat among neighbours, not an instruction to the bot.
    assert chat.say(f"@李书记/{G3}: 告诉1号报事人 明天来") == []
    # 「通知2号楼…」 names a building: no issue is told anything; it is shown the 群发 to send.
    assert chat.text("@李书记/私聊: 通知2号楼的住户明天停水") == (
        "要发到居民群，请发送「群发 网格3 明天停水」（安静时段会等到早上，写「紧急通知」立即发）。"
    )
