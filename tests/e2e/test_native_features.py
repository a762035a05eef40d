"""What platforms with native features hand the core, and what the core does with it.

Telegram shows polls, buttons and files natively. The core stays platform-neutral: a handler
returns a `Poll` (with its text form), buttons that stand for commands, a `ClosePoll`; a native
poll answer arrives as a `PollAnswer` and counts like the typed `M1 1`; a pressed button arrives
as its command and is checked like a typed one. These transcripts run on the console
conversation with a recording platform for the outbox receipts.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.messages import (
    Button,
    ChatRef,
    ClosePoll,
    Direct,
    IncomingMessage,
    Outgoing,
    PersonRef,
    Poll,
    PollAnswer,
    Reply,
    Sent,
)
from bot.outbox import Outbox
from storage.uow import UnitOfWork
from tests.support.conversation import Conversation

SH = ZoneInfo("Asia/Shanghai")
G3 = "网格3群"
RATE = (
    Button("满意", "/rate 1 满意"),
    Button("基本满意", "/rate 1 基本满意"),
    Button("不满意", "/rate 1 不满意"),
)


class Platform:
    """Takes every message and answers like Telegram: a message id, and a poll id for polls."""

    platform = "console"
    help_note = ""

    def __init__(self) -> None:
        self.sent: list[Outgoing] = []

    async def run(self, deliver: object) -> None:
        return None

    async def send(self, message: Outgoing) -> Sent:
        self.sent.append(message)
        number = str(100 + len(self.sent))
        return Sent(number, f"poll-{number}" if isinstance(message, Poll) else None)


def flush(chat: Conversation, platform: Platform) -> list[Outgoing]:
    before = len(platform.sent)
    asyncio.run(Outbox(chat.linli.sessions, {"console": platform}, chat.clock).flush())
    return platform.sent[before:]


def press(chat: Conversation, who: str, where: str, command: str) -> list[tuple[str, str]]:
    """Someone presses a button carrying `command` under a bot message in `where`."""
    message = chat.adapter.message(who, where, command)
    return chat.deliver(replace(message, via="button"))


def answer_poll(
    chat: Conversation, who: str, poll_ref: str, *choices: int
) -> list[tuple[str, str]]:
    message = IncomingMessage(
        chat=ChatRef("console", ""),
        sender=PersonRef("console", who, who),
        text="",
        message_id=f"{poll_ref}:{who}:{chat.clock.now().timestamp()}",
        sent_at=chat.clock.now(),
        via="poll",
        poll_answer=PollAnswer(poll_ref, choices),
    )
    return chat.deliver(message)


def test_a_time_poll_is_native_its_answers_count_and_it_is_closed_at_the_deadline(
    chat: Conversation,
) -> None:
    platform = Platform()
    chat.say("@王芳/网格3群: #报事 小区车位太少了，晚上回来没地方停")
    chat.say("@李书记/网格3群: 议事 停车议事会 议题 #1 时间 周四19:00|周六10:00 截止 周三20:00")
    polls = [m for m in flush(chat, platform) if isinstance(m, Poll)]
    assert [(p.chat.ref, p.question, p.options, p.ballot, p.multiple) for p in polls] == [
        (
            G3,
            "M1 停车议事会：请选择时间（可多选）",
            ("11月26日 19:00", "11月28日 10:00"),
            "M1",
            True,
        )
    ]
    assert "回复「M1 1」或「M1 1,2」投票" in polls[0].text  # the typed form still works
    poll_ref = "poll-" + str(100 + platform.sent.index(polls[0]) + 1)

    # Answers in the poll count silently (the poll shows them); the last answer counts.
    assert answer_poll(chat, "王芳", poll_ref, 1) == []
    assert answer_poll(chat, "孙大爷", poll_ref, 1, 2) == []
    assert answer_poll(chat, "钱阿姨", poll_ref, 2) == []
    assert answer_poll(chat, "钱阿姨", poll_ref, 1) == []
    # Taking an answer back withdraws the ballot; an unknown poll is ignored.
    assert answer_poll(chat, "赵大姐", poll_ref, 2) == []
    assert answer_poll(chat, "赵大姐", poll_ref) == []
    assert answer_poll(chat, "王芳", "poll-999", 2) == []
    # Typed answers in the same group still work beside the native poll.
    assert chat.say("@周老师/网格3群: M1 2") == [(G3, "已记录：M1 选 2。")]

    fired = [f for f in chat.run_until(datetime(2026, 11, 25, 21, tzinfo=SH)) if "M1" in f[2]]
    assert fired == [
        (
            "11-25 20:00",
            G3,
            "📅 M1 停车议事会 定于 11月26日 19:00（3人选择）。议题：#1。要参加请回复「我参加」。",
        )
    ]
    closing = [m for m in flush(chat, platform) if isinstance(m, ClosePoll)]
    assert [(c.chat.ref, c.message_id) for c in closing] == [(G3, poll_ref.removeprefix("poll-"))]


def test_a_secret_vote_stays_a_typed_vote(chat: Conversation) -> None:
    platform = Platform()
    chat.say("@李书记/网格3群: 投票 是否加装电梯 选项 同意|不同意 截止 周三20:00")
    sent = flush(chat, platform)
    assert not any(isinstance(m, Poll) for m in sent)  # a native poll would show every name
    assert "私聊" in next(m.text for m in sent if isinstance(m, Reply))


def test_buttons_stand_for_commands_and_are_checked_like_them(chat: Conversation) -> None:
    platform = Platform()
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    acknowledgement = flush(chat, platform)[0]
    assert isinstance(acknowledgement, Reply)
    assert acknowledgement.buttons == (Button("受理", "/accept 1"),)

    # A resident pressing 受理 is refused in one line, exactly as if typed.
    assert press(chat, "王芳", G3, "/accept 1") == [(G3, "只有网格员及以上可以受理。")]
    assert press(chat, "张网格", G3, "/accept 1")[0][1].startswith("#1 已受理")
    chat.say("@张网格/网格3群: 派单 1 @刘物业 3天")
    direct = next(m for m in flush(chat, platform) if isinstance(m, Direct))
    assert direct.person.name == "刘物业"
    assert [b.label for b in direct.buttons] == ["接单", "办结"]

    # The handler presses 接单: the reporter hears it is taken.
    taken = press(chat, "刘物业", "私聊", direct.buttons[0].command)
    assert (G3, "#1 进展：已接单，正在处理") in taken
    # 办结 without a result asks for one instead of guessing.
    assert "办理结果" in press(chat, "刘物业", "私聊", direct.buttons[1].command)[0][1]

    chat.say("@刘物业/私聊: 办结 1 已疏通")
    resolved = [m for m in flush(chat, platform) if isinstance(m, Reply) and m.chat.ref == G3]
    assert resolved[-1].buttons == RATE

    # Only the reporter's rating counts: a neighbour's press is refused, hers closes the issue.
    assert "报事人" in press(chat, "孙大爷", G3, "/rate 1 满意")[0][1]
    assert press(chat, "王芳", G3, "/rate 1 满意")[0] == (G3, "#1 已销号，评价5分，感谢反馈。")


def test_a_group_that_moved_to_a_new_id_keeps_its_binding_and_its_queue(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼路灯不亮")
    assert chat.move("网格3群", "网格3群-新") == []
    with UnitOfWork(chat.linli.sessions) as uow:
        assert uow.chats.find("console", "网格3群") is None
        new = uow.chats.find("console", "网格3群-新")
        assert new is not None and new.kind == "grid" and new.grid_id is not None
        queued = uow.outbox.pending(10, ("console",), chat.clock.now())
        assert {row.chat_ref for row in queued} == {"网格3群-新"}
    # The group's issues stay its own: a report there still lands in 网格3.
    replies = chat.deliver(chat.adapter.message("孙大爷", "网格3群-新", "#报事 楼道灯坏了好几天"))
    assert "网格3" in replies[0][1]
