"""诉求提示 (chat-protocol §2): an untagged message that reads surely as a complaint gets one
suggestion to file it, in chats where the secretary turned suggestions on, at most once per
chat in 10 minutes; its author files it by replying #立案.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.adapters.console import private_title
from bot.messages import PersonRef, QuotedMessage
from handlers import texts
from storage.models import InboundMessage, Issue, OutboundMessage
from storage.uow import UnitOfWork
from tests.support.conversation import Conversation, example_settings, monday_morning

G3 = "网格3群"
SEWER = "3号楼2单元门口下水道堵了，污水都漫到路上了，臭得不行"
LAMP = "5号楼楼道灯坏了好几天了，晚上黑漆漆的老人上下楼很危险"
DANGER_TOLD = texts.DANGER_HEARD.format(told=texts.DANGER_HEARD_TOLD)


def issues(chat: Conversation) -> list[Issue]:
    with UnitOfWork(chat.linli.sessions) as uow:
        return list(uow.session.scalars(select(Issue).order_by(Issue.id)))


def test_suggestions_are_off_until_the_secretary_turns_them_on(chat: Conversation) -> None:
    assert chat.say(f"@王芳/网格3群: {SEWER}") == []
    assert chat.text("@王芳/网格3群: 诉求提示 开") == "只有书记可以设置诉求提示。"
    assert chat.text("@李书记/网格3群: 诉求提示") == (
        "本群诉求提示：关。发送「诉求提示 开」或「诉求提示 关」修改。"
    )
    assert chat.text("@李书记/网格3群: 诉求提示 开") == texts.SUGGEST_ON
    assert chat.say(f"@王芳/网格3群: {SEWER}") == [(G3, "看起来是一条诉求，回复 #立案 即可登记。")]
    # Only here: another group stays quiet.
    assert chat.say(f"@孙大爷/网格5群: {LAMP}") == []
    assert chat.text("@李书记/网格3群: 诉求提示 关") == "本群已关闭诉求提示。"
    chat.clock.advance(timedelta(minutes=10))
    assert chat.say(f"@王芳/网格3群: {SEWER}") == []
    assert issues(chat) == []


def test_at_most_one_suggestion_per_chat_in_ten_minutes_and_none_for_chatter(
    chat: Conversation,
) -> None:
    chat.say("@李书记/网格3群: 诉求提示 开")
    assert chat.say(f"@王芳/网格3群: {SEWER}") == [(G3, texts.SUGGEST)]
    assert chat.say(f"@孙大爷/网格3群: {LAMP}") == []  # a minute later: the same chat
    chat.clock.advance(timedelta(minutes=10))
    for chatter in ("今天天气真好，大家吃了吗", "哈哈哈收到", "明天几点开会？", "谢谢网格员"):
        assert chat.say(f"@钱阿姨/网格3群: {chatter}") == [], chatter
    assert chat.say(f"@孙大爷/网格3群: {LAMP}") == [(G3, texts.SUGGEST)]
    # Nothing is filed by a suggestion; the messages it answered are kept.
    assert issues(chat) == []
    with UnitOfWork(chat.linli.sessions) as uow:
        kept = list(uow.session.scalars(select(InboundMessage.text).order_by(InboundMessage.id)))
    assert SEWER in kept and LAMP in kept and "哈哈哈收到" not in kept


def test_the_author_files_the_suggested_message_by_replying_with_the_tag(
    chat: Conversation,
) -> None:
    chat.say("@李书记/网格3群: 诉求提示 开")  # message 1
    chat.say(f"@王芳/网格3群: {SEWER}")  # message 2
    reply = chat.text("@王芳/网格3群: ^2 #立案")
    assert reply.startswith("已登记 #1【排水管道】3号楼2单元 · 网格3 · ")
    [issue] = issues(chat)
    with UnitOfWork(chat.linli.sessions) as uow:
        reporter = uow.people.get(issue.reporter_id).name
    assert (reporter, issue.filed_by_id, issue.description) == ("王芳", None, SEWER)
    # Someone else's message still needs a worker, a head or the secretary.
    chat.say(f"@孙大爷/网格3群: {LAMP}")  # message 4
    assert chat.text("@王芳/网格3群: ^4 #立案") == "只有网格员、楼栋长或书记可以代为立案。"


def test_the_ten_minutes_outlast_a_restart(db_url: str, chat: Conversation) -> None:
    chat.say("@李书记/网格3群: 诉求提示 开")
    assert chat.say(f"@王芳/网格3群: {SEWER}") == [(G3, texts.SUGGEST)]
    chat.close()
    again = Conversation(example_settings(db_url), chat.clock, session="again")
    try:
        assert again.say(f"@孙大爷/网格3群: {LAMP}") == []
        again.clock.advance(timedelta(minutes=10))
        assert again.say(f"@孙大爷/网格3群: {LAMP}") == [(G3, texts.SUGGEST)]
    finally:
        again.close()


def test_config_may_turn_suggestions_on_for_a_chat(db_url: str, chat: Conversation) -> None:
    settings = example_settings(db_url)
    [community] = settings.communities
    chats = [
        c.model_copy(update={"suggest": True}) if c.ref == "网格5群" else c for c in community.chats
    ]
    updated = community.model_copy(update={"chats": chats})
    configured = settings.model_copy(update={"communities": [updated]})
    chat.close()
    again = Conversation(configured, chat.clock, session="again")
    try:
        assert again.say(f"@孙大爷/网格5群: {LAMP}") == [("网格5群", texts.SUGGEST)]
        assert again.say(f"@王芳/网格3群: {SEWER}") == []
    finally:
        again.close()


def test_replying_to_the_bots_suggestion_files_the_message_it_answered(
    chat: Conversation,
) -> None:
    """On Telegram the #立案 reply quotes the bot's suggestion, not the resident's message."""
    chat.say("@李书记/网格3群: 诉求提示 开")
    chat.say(f"@王芳/网格3群: {SEWER}")  # console message t-2, answered with the suggestion
    with UnitOfWork(chat.linli.sessions) as uow:  # the platform took it as message "bot-9"
        row = uow.session.scalars(
            select(OutboundMessage).where(OutboundMessage.text == texts.SUGGEST)
        ).one()
        row.sent_at, row.platform_message_id = chat.clock.now(), "bot-9"
        original = row.reply_to_message_id
        uow.commit()
    bot = PersonRef("console", "邻里", "邻里")
    suggestion = QuotedMessage("bot-9", bot, texts.SUGGEST)

    def reply(who: str, text: str) -> list[tuple[str, str]]:
        message = chat.adapter.parse(f"@{who}/网格3群: {text}")
        assert message is not None
        return chat.deliver(replace(message, reply_to=suggestion))

    assert reply("孙大爷", "#立案") == [(G3, "只有网格员、楼栋长或书记可以代为立案。")]
    (ack,) = reply("王芳", "#立案")
    assert ack[1].startswith("已登记 #1【排水管道】3号楼2单元")
    [issue] = issues(chat)
    assert issue.description == SEWER and original is not None


def test_danger_told_untagged_is_answered_and_the_work_group_told_whatever_the_setting(
    chat: Conversation,
) -> None:
    # Suggestions are off here; a message of danger is still answered, and not filed.
    assert chat.say("@孙大爷/网格3群: 3号楼电梯又关人了，快来人") == [
        (G3, DANGER_TOLD),
        ("工作群", "🚨 网格3群的孙*爷说：3号楼电梯又关人了，快来人（未登记，请尽快核实）"),
    ]
    assert issues(chat) == []
    # Its author files it as the answer says; then it is an urgent report.
    filed = chat.say("@孙大爷/网格3群: ^1 #立案")
    assert filed[0][1].startswith("已登记 #1【公共设施】") and "紧急" in filed[0][1]
    # Danger negated, in the work group, or privately (a report there anyway): no such answer.
    chat.clock.advance(timedelta(minutes=10))
    assert chat.say("@钱阿姨/网格3群: 没有煤气味了，放心") == []
    assert chat.say("@张网格/工作群: 楼道里有煤气味") == []


def test_danger_is_answered_after_a_suggestion_and_each_telling_reaches_the_work_group(
    chat: Conversation,
) -> None:
    chat.say("@李书记/网格3群: 诉求提示 开")
    assert chat.say(f"@王芳/网格3群: {SEWER}") == [(G3, texts.SUGGEST)]
    # A minute after a suggestion, danger is still answered: the limits are apart.
    assert chat.say("@孙大爷/网格3群: 3号楼楼道里有煤气味") == [
        (G3, DANGER_TOLD),
        ("工作群", "🚨 网格3群的孙*爷说：3号楼楼道里有煤气味（未登记，请尽快核实）"),
    ]
    # Another telling within ten minutes: the group is not told the numbers again, the work
    # group hears it all the same; a suggestion is still held back.
    assert chat.say("@钱阿姨/网格3群: 5号楼地下室着火了，冒烟了") == [
        ("工作群", "🚨 网格3群的钱*姨说：5号楼地下室着火了，冒烟了（未登记，请尽快核实）"),
    ]
    assert chat.say(f"@孙大爷/网格3群: {LAMP}") == []
    chat.clock.advance(timedelta(minutes=10))
    assert chat.say("@钱阿姨/网格3群: 5号楼地下室着火了，冒烟了")[0] == (G3, DANGER_TOLD)
    assert issues(chat) == []


def without_work_group(db_url: str, tmp_path: Path, *, secretary: bool) -> Conversation:
    settings = example_settings(db_url, tmp_path / "media")
    community = settings.communities[0]
    chats = [c for c in community.chats if c.kind != "work"]
    people = [p for p in community.people if secretary or p.role != "secretary"]
    lone = community.model_copy(update={"chats": chats, "people": people})
    return Conversation(settings.model_copy(update={"communities": [lone]}), monday_morning())


def test_danger_with_no_work_group_goes_to_the_secretary_privately(
    db_url: str, tmp_path: Path
) -> None:
    chat = without_work_group(db_url, tmp_path, secretary=True)
    try:
        assert chat.say("@孙大爷/网格3群: 3号楼楼道里有煤气味") == [
            (G3, DANGER_TOLD),
            (
                private_title("李书记"),
                "🚨 网格3群的孙*爷说：3号楼楼道里有煤气味（未登记，请尽快核实）",
            ),
        ]
    finally:
        chat.close()


def test_danger_with_nobody_to_tell_does_not_say_the_community_was_told(
    db_url: str, tmp_path: Path
) -> None:
    chat = without_work_group(db_url, tmp_path, secretary=False)
    try:
        assert chat.say("@孙大爷/网格3群: 3号楼楼道里有煤气味") == [
            (G3, texts.DANGER_HEARD.format(told=""))
        ]
    finally:
        chat.close()


def test_danger_told_at_night_reaches_the_work_group_at_once(chat: Conversation) -> None:
    night = datetime(2026, 11, 23, 23, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    chat.clock.set(night)
    chat.say("@孙大爷/网格3群: 楼道里有煤气味")
    assert (
        "工作群",
        "🚨 网格3群的孙*爷说：楼道里有煤气味（未登记，请尽快核实）",
    ) in chat.sendable()
    # Not held for the morning as other notices to other chats are; a second telling neither.
    chat.clock.advance(timedelta(minutes=1))
    chat.say("@钱阿姨/网格3群: 5号楼地下室着火了")
    assert (
        "工作群",
        "🚨 网格3群的钱*姨说：5号楼地下室着火了（未登记，请尽快核实）",
    ) in chat.sendable()
