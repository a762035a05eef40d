"""Bad input, as a resident might send it: SQL-looking text, a 100 KB message, invisible and
control characters. Whatever arrives is kept as sent, filed once, and answered with a short
Chinese reply that quotes nothing unprintable back.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from handlers import texts
from storage.models import InboundMessage, Issue, Objection
from storage.uow import UnitOfWork
from tests.support.conversation import Conversation

ACK = re.compile(r"^已登记 #(\d+)【[^】]+】.{0,40}答复。回复「查看 \1」看进度。$")
# What must never be quoted back: control characters (a line break aside), zero-width
# characters, bidi overrides and the BOM.
UNPRINTABLE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
CHINESE = re.compile(r"[\u4e00-\u9fff]")
SHANGHAI = ZoneInfo("Asia/Shanghai")
SHORT = 400  # characters: a reply a phone shows without scrolling far


def issues(chat: Conversation) -> list[Issue]:
    with UnitOfWork(chat.linli.sessions) as uow:
        return list(uow.session.scalars(select(Issue).order_by(Issue.id)))


def inbox(chat: Conversation) -> list[str]:
    with UnitOfWork(chat.linli.sessions) as uow:
        return list(uow.session.scalars(select(InboundMessage.text).order_by(InboundMessage.id)))


def reply_to(chat: Conversation, line: str) -> str:
    """The one reply `line` gets, checked to be short, Chinese and printable."""
    text = chat.text(line)
    assert len(text) <= SHORT, text[:200]
    assert CHINESE.search(text), text
    assert not UNPRINTABLE.search(text), repr(text)
    return text


@pytest.mark.parametrize("typed", ["' OR 1=1 --", "'); DROP TABLE issues; --"])
def test_sql_looking_text_is_a_report_like_any_other(chat: Conversation, typed: str) -> None:
    assert ACK.match(reply_to(chat, f"@王芳/网格3群: #报事 {typed}"))
    [issue] = issues(chat)
    assert issue.description == typed
    assert inbox(chat) == [f"#报事 {typed}"]
    # The tables still work: another report, the ledger and the report itself.
    assert reply_to(chat, "@孙大爷/网格3群: #报事 3号楼楼道灯不亮").startswith("已登记 #2")
    ledger = reply_to(chat, "@张网格/网格3群: /list")
    assert "#1【" in ledger and "#2【" in ledger
    assert typed in reply_to(chat, "@张网格/网格3群: 查看 1")


def test_a_100_kb_report_is_stored_whole_and_acknowledged_briefly(chat: Conversation) -> None:
    typed = "3号楼2单元门口下水道堵了，污水漫到路上。" * 5000  # 105,000 characters
    assert len(typed) > 100_000
    ack = reply_to(chat, f"@王芳/网格3群: #报事 {typed}")
    assert ack.startswith("已登记 #1【排水管道】3号楼2单元 · 网格3 · ")
    [issue] = issues(chat)
    assert issue.description == typed
    assert inbox(chat) == [f"#报事 {typed}"]
    # 查看 shows the beginning and says how long it is, in one message a phone can show.
    shown = chat.text("@张网格/网格3群: 查看 1").splitlines()[1]
    assert shown == typed[:1000] + f"…（共{len(typed)}字，全文见网页台账或导出的台账）"


def test_zero_width_characters_inside_the_tag_do_not_hide_a_report(chat: Conversation) -> None:
    typed = "#报\u200b事 3号楼\u200d2单元门口下水道\ufeff堵了"
    assert ACK.match(reply_to(chat, f"@王芳/网格3群: {typed}"))
    [issue] = issues(chat)
    assert issue.description == "3号楼2单元门口下水道堵了"  # the description reads clean
    assert issue.category == "drainage"
    assert inbox(chat) == [typed]  # the message itself is kept as sent


@pytest.mark.parametrize("word", ["/li\u200bst", "/\u202elist", "\ufeff/list", "/list\u200d"])
def test_zero_width_characters_inside_a_command_word_are_ignored(
    chat: Conversation, word: str
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯不亮")
    assert reply_to(chat, f"@张网格/网格3群: {word}") == reply_to(chat, "@张网格/网格3群: /list")


def test_a_space_inside_a_command_word_or_a_circled_number_is_forgiven(
    chat: Conversation,
) -> None:
    """「派 单 2 刘物业」 was silence and 「办结 ① 已修」 the usage line: both run."""
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯不亮")
    chat.say("@孙大爷/网格3群: #报事 5号楼门口井盖松了")
    assigned = chat.say("@李书记/工作群: 派 单 2 刘物业")
    assert assigned[0] == ("工作群", "#2 已派单给 物业·刘*业，期限 11月26日。")
    resolved = chat.say("@李书记/工作群: 办　结 ① 已修")
    assert resolved[0][1].startswith("#1 已办结：已修。")
    # Words that only look split stay chat: 「好 的」 is no command.
    assert chat.say("@李书记/工作群: 好 的 2") == []


@pytest.mark.parametrize(
    ("word", "shown"),
    [
        ("/fo\u200bo", "/foo"),
        ("/foo\x1b[31m", "/foo["),  # the word ends at the digits
        ("/fo\x00o", "/fo\ufffdo"),
        ("/\u202eoof", "/oof"),
    ],
)
def test_an_unknown_command_with_odd_characters_gets_the_usual_help(
    chat: Conversation, word: str, shown: str
) -> None:
    assert reply_to(chat, f"@王芳/网格3群: {word} 1") == (
        f"没有「{shown}」这个命令。发送 /help 查看可用命令。"
    )


def test_control_characters_are_kept_but_never_quoted_back(chat: Conversation) -> None:
    typed = "#报事 3号楼\u202e井盖\x1b[31m翘起来了\x00\r差点绊倒人"
    assert ACK.match(reply_to(chat, f"@王芳/网格3群: {typed}"))
    [issue] = issues(chat)
    assert len(issues(chat)) == 1
    # Kept as sent (NUL, which PostgreSQL cannot store, becomes U+FFFD).
    assert inbox(chat) == [typed.replace("\x00", "\ufffd")]
    assert "\x1b[31m" in issue.description
    shown = reply_to(chat, "@张网格/网格3群: 查看 1")
    assert "3号楼井盖翘起来了\ufffd\n差点绊倒人" in shown


def test_an_urgent_report_with_control_characters_alerts_the_work_group_cleanly(
    chat: Conversation,
) -> None:
    replies = chat.say("@王芳/网格3群: #报事 5号楼\x1b[31m着火了\u202e，冒烟\r很大，快来人")
    assert [where for where, _ in replies] == ["网格3群", "工作群"]
    assert "5号楼着火了，冒烟 很大，快来人" in replies[1][1]
    for _, text in replies:
        assert not UNPRINTABLE.search(text), repr(text)
        assert len(text) <= SHORT and CHINESE.search(text)
    assert len(issues(chat)) == 1


@pytest.mark.parametrize(
    "typed",
    [
        "@李书记/工作群: /list ፩",  # Ethiopic one: isdigit() but not a number int() reads
        "@王芳/私聊: 提醒 取消 ፩",
        "@李书记/工作群: 公示 M1 ፩天",
        "@李书记/工作群: /list 99999999999999999999999",
        "@王芳/网格3群: M" + "1" * 5000 + " 1",  # a ballot for a meeting int() cannot read
    ],
)
def test_digits_int_cannot_read_get_an_answer_not_an_error(chat: Conversation, typed: str) -> None:
    replies = chat.say(typed)
    assert replies, typed
    assert all(text != texts.FAILED for _, text in replies), replies


ODD = "\u202e\x1b[31m\u200b\x07"  # bidi override, terminal colour, zero-width space, bell


def test_reminders_meetings_and_objections_never_echo_unprintable_characters(
    chat: Conversation,
) -> None:
    said = [
        *chat.say(f"@王芳/网格3群: 提醒 10:00 关好{ODD}车棚门"),
        *chat.say("@王芳/网格3群: 提醒 列表"),
        *chat.say("@王芳/私聊: 提醒 列表"),
        *chat.say(
            f"@李书记/工作群: 议事 楼道{ODD}堆物议事会 时间 周四19:00|周六10:00 "
            f"截止 周三20:00 地点 罐罐{ODD}茶 群 网格3"
        ),
    ]
    fired = chat.run_until(datetime(2026, 11, 26, 20, 0, tzinfo=SHANGHAI))
    said += [(where, text) for _, where, text in fired]
    said += chat.say(f"@李书记/工作群: 结果 M1 决议 清理{ODD}堆物")
    said += chat.say("@李书记/工作群: 公示 M1 5天")
    said += chat.say(f"@孙大爷/网格3群: 异议 M1 我{ODD}不同意")
    said += chat.say("@李书记/工作群: 查看 M1")
    texts_said = [text for _, text in said]
    assert any("关好车棚门" in text for text in texts_said), texts_said
    assert any("楼道堆物议事会" in text for text in texts_said), texts_said
    assert any("罐罐[31m茶" in text or "罐罐茶" in text for text in texts_said), texts_said
    assert any("我不同意" in text for text in texts_said), texts_said
    for text in texts_said:
        assert not UNPRINTABLE.search(text), repr(text)


def test_a_meeting_called_with_thousands_of_words_gets_the_usage_line(chat: Conversation) -> None:
    # Read plainly, each word might begin its time: so only a line's worth is read that way.
    reply = chat.text(
        "@李书记/工作群: 议事 停车难 " + " ".join(["罐罐茶"] * 20000) + " 周六上午9点"
    )
    assert reply.startswith("用法：/meeting")
    assert chat.text("@李书记/工作群: 议事会") == "目前没有进行中的议事会或表决。"


@pytest.mark.parametrize("mark", ["…", "。", "！", " "])
def test_a_long_run_of_closing_marks_inside_a_message_is_read_like_any_text(
    chat: Conversation, mark: str
) -> None:
    # Read by rstrip, not by a `[…]+$` pattern that tries each position of the run in turn.
    assert chat.text("@王芳/私聊: 满意" + mark * 20000 + "x").startswith("您好，我是邻里。")
    assert chat.say("@王芳/网格3群: " + mark * 20000 + "x") == []


def test_a_reminder_whose_first_word_is_a_long_run_gets_its_one_line(chat: Conversation) -> None:
    # A time run into the text is looked for in the first word's first characters only, not at
    # each of its 20,000 (which took half a minute).
    run = "？" * 20000 + "x"
    assert chat.text(f"@王芳/私聊: 提醒 {run}").startswith("看不懂提醒时间「")
    assert chat.text(f"@王芳/私聊: 提醒我{run}").startswith("看不懂提醒时间「")
    assert chat.text(f"@王芳/私聊: 提醒 每周{run}").startswith("看不懂重复时间「")
    # A time run into a long text is still found.
    assert chat.text("@王芳/私聊: 提醒 明天下午3点半去物业交材料" + "，" * 2000).startswith(
        "好的，11月24日 15:30 提醒：去物业交材料"
    )


def test_an_assignment_to_a_long_word_gets_its_one_line(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    # A name with a deadline run into it is looked for only in a short word; past 500
    # characters the words are refused before anyone is looked for.
    assert chat.text("@李书记/工作群: 派单 1 " + "？" * 450 + "x").startswith("找不到「")
    too_long = "说明最多500字，请写简短些再发一次。"
    assert chat.text("@李书记/工作群: 派单 1 " + "？" * 20000 + "x") == too_long
    assert chat.say("@李书记/工作群: 派单 1 刘物业明天")[0] == (
        "工作群",
        "#1 已派单给 物业·刘*业，期限 11月24日。",
    )


def test_thousands_of_issue_numbers_in_one_command_get_one_line(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    many = "".join(f" {n}" for n in range(1, 10001))  # each would be looked up and answered
    for line in (f"受理{many}", f"2 派单{many}", f"查看{many}", f"1号转给{many}"):
        assert chat.say(f"@李书记/工作群: {line}") == [
            ("工作群", "一次最多写20个编号，请分几次发送。")
        ], line
    assert chat.text("@李书记/工作群: 查看 1").startswith("#1【照明路灯】待受理")  # unchanged
    # Twenty is still done, each in its own line; a number said again is done once.
    twenty = chat.say("@李书记/工作群: 查看" + "".join(f" {n}" for n in range(1, 21)))
    assert twenty[0][1].startswith("#1【照明路灯】") and twenty[-1][1].endswith("没有找到 #20。")
    assert len(chat.say("@李书记/工作群: 查看" + " 1" * 10000)) == 1
    assert chat.say("@李书记/工作群: 催办 1 1 1") == [
        ("工作群", "#1 还没有派单，请先「派单 1 @人或单位」。")
    ]
    # 「派单 1」 alone is asked to whom, with the units there are.
    assert chat.text("@李书记/工作群: 派单 1") == (
        "#1 派给谁？请发送「派单 1 @人或单位」，单位有：物业、住建局、街道城管办。"
    )


def test_a_long_run_of_digits_is_compared_with_the_open_issues_at_once(chat: Conversation) -> None:
    # Folding a report's wording for the duplicate check tried each digit of a long run as
    # the start of a room number (eight seconds for 20,000 digits).
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    assert chat.say("@王芳/私聊: 能不能快点" + "1" * 20000)[0][1].startswith("已登记 #2")


def test_long_objections_are_kept_whole_and_shown_shortened(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 议事 停车议事会 时间 周四19:00 地点 罐罐茶 群 网格3")
    chat.say("@李书记/工作群: 结果 M1 决议 停车费100元/月")
    chat.say("@李书记/工作群: 公示 M1 5天")
    long_one = "太贵了" * 10000
    alert = chat.say(f"@王芳/网格3群: 我反对，{long_one}")[1]
    assert alert[0] == "工作群" and len(alert[1]) < 200
    for n in range(12):
        chat.say(f"@孙大爷/网格3群: 异议 M1 第{n}条意见")
    shown = chat.text("@李书记/工作群: 查看 M1")
    assert "异议 13 条" in shown and "（较早的3条异议未列出）" in shown
    assert "第11条意见" in shown and "第1条意见" not in shown
    assert len(shown) < 2000
    with UnitOfWork(chat.linli.sessions) as uow:
        kept = uow.session.scalars(select(Objection.text)).all()
    assert long_one in kept  # nothing the resident sent is lost


def test_a_reason_of_thousands_of_words_changes_nothing_and_nothing_long_is_echoed(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    run = "楼" * 20_000
    too_long = "说明最多500字，请写简短些再发一次。"
    for line in (
        f"@张网格/网格3群: 退回 1 {run}",
        f"@张网格/网格3群: 加急 1 {run}",
        f"@王芳/网格3群: 撤回 1 {run}",
        f"@张网格/网格3群: 办结 1 {run}",
    ):
        assert chat.text(line) == too_long, line
    shown = chat.text("@李书记/工作群: 查看 1")
    assert "待受理" in shown and "紧急" not in shown and "撤回" not in shown
    assert chat.text(f"@李书记/工作群: 提醒 明天9点 {run}") == "提醒内容最多1000字，请写简短些。"
    assert chat.text(f"@李书记/工作群: 提醒 每天9点 {run}") == "提醒内容最多1000字，请写简短些。"
    # A word the bot does not know is quoted back cut short.
    for line in (f"统计 {run}", f"台账 {run}", f"帮助 {run}", f"设置角色 @王芳 {run}"):
        answer = chat.text(f"@李书记/工作群: {line}")
        assert len(answer) < SHORT and "楼" * 19 + "…" in answer, line
    # Within the limit, the reason is kept whole and quoted back shortened.
    reason = "井盖没盖好，" * 40
    said = chat.say(f"@李书记/工作群: 加急 1 {reason}")
    assert all(len(text) < SHORT for _, text in said)
    assert reason.strip() in chat.text("@李书记/私聊: 查看 1")


@pytest.mark.parametrize(
    "line",
    [
        "@刘物业/私聊: 1号已经" + "修" * 20000,
        "@刘物业/私聊: 1 已修好" + "了" * 300,
        "@刘物业/私聊: 已经" + "修" * 20000 + "好了",
        "@李书记/工作群: 完成 1 " + "灯" * 20000,
    ],
)
def test_a_hint_shows_a_long_message_cut_not_whole(chat: Conversation, line: str) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@李书记/工作群: 派单 1 物业")
    (reply,) = chat.say(line)
    assert "请发送「" in reply[1] and "…" in reply[1] and len(reply[1]) < 300, reply


def test_a_search_for_a_long_word_is_told_to_use_short_ones(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    told = "搜索词太长了（每个词最多50个字），请换几个短词，例如：搜索 3号楼 漏水"
    # SQLite refuses a LIKE pattern this long: it was an error, the message kept for retry.
    assert chat.text("@李书记/工作群: 搜索 " + "灯" * 20000) == told
    assert chat.text("@李书记/工作群: 搜索 楼道灯").startswith("含「楼道灯」的事项：1条")


def test_a_long_run_of_commas_from_someone_at_work_is_answered_at_once(chat: Conversation) -> None:
    """A pattern reading 「…，1」 (the number said last) backtracked on each comma: 4 s."""
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@李书记/工作群: 派单 1 物业")
    (reply,) = chat.say("@刘物业/私聊: 进展 " + "，" * 20000)
    assert reply[1].startswith("这条消息没有登记。")
    assert chat.text("@刘物业/私聊: 已修好，1").startswith("#1 已办好的话")  # still read


def test_a_meetings_place_decisions_or_question_of_thousands_of_words_is_refused_or_cut(
    chat: Conversation,
) -> None:
    chat.say("@李书记/网格3群: 召开议事会 周六上午9点 社区活动室 议题：停车难")
    assert chat.text(f"@李书记/工作群: 议事会地点改到{'罐' * 5000}") == "地点最多40字，请写简短些。"
    assert chat.text(f"@李书记/工作群: 结果 M1 决议 {'划线' * 3000}") == (
        "决议最多1000字，请写简短些，详细内容可以另发通知。"
    )
    shown = chat.text("@李书记/工作群: 查看 M1")
    assert "社区活动室" in shown and "划线" not in shown  # nothing changed
    # A question passed to whoever called it is passed on short (it is kept whole).
    passed = chat.say(f"@王芳/网格3群: 我能带个人吗{'？' * 5000}")
    assert passed[0] == ("网格3群", "已把您的问题转给 M1 的组织者，会尽快答复。")
    assert passed[1][0] == "私聊·李书记" and len(passed[1][1]) < 200
    # A category or place said with thousands of commas after it is no change.
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    assert chat.say(f"@李书记/工作群: 1号分类改成{'，' * 20000}") == []
    assert chat.text("@李书记/工作群: 查看 1").startswith("#1【道路井盖】")
