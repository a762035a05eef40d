"""The outbox on a real SQLite file: paced, retried after a failure, never sent twice, and on
WeChat a backlog to one chat goes out as one message (a digest), not as a burst."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import select

from bot.adapters.base import Undeliverable
from bot.messages import Button, ChatRef, Direct, Outgoing, PersonRef, Poll, Reply, Sent
from bot.outbox import MERGE_MAX_CHARS, MERGE_MAX_ROWS, Outbox, combined, outbound, sends
from bot.pacing import Limits, Pacer
from storage.models import OutboundMessage
from storage.uow import UnitOfWork
from tests.support.conversation import Conversation
from tests.unit.test_pacing import Timeline

G3 = ChatRef("console", "网格3群", "网格3群")


class Recorder:
    """A platform that records what it was asked to send, at which (fake) second."""

    platform = "console"
    help_note = ""

    def __init__(self, timeline: Timeline, fail_first: int = 0) -> None:
        self.sent: list[tuple[float, str]] = []
        self._timeline = timeline
        self._failures = fail_first

    async def run(self, deliver: object) -> None:
        return None

    async def send(self, message: Outgoing) -> None:
        if self._failures:
            self._failures -= 1
            raise ConnectionError("platform unreachable")
        assert isinstance(message, Reply)
        mentions = "".join(f" @{person.name}" for person in message.mentions)
        self.sent.append((self._timeline.now, message.text + mentions))


def queue(chat: Conversation, texts: list[str]) -> None:
    with UnitOfWork(chat.linli.sessions) as uow:
        for text in texts:
            uow.outbox.add(outbound(Reply(G3, text), chat.clock.now()))
        uow.commit()


def outbox(chat: Conversation, recorder: Recorder, timeline: Timeline, limits: Limits) -> Outbox:
    pacer = Pacer(limits, timeline.monotonic, timeline.sleep)
    return Outbox(chat.linli.sessions, {"console": recorder}, chat.clock, {"console": pacer})


def test_replies_and_reminders_share_one_pace_per_group(chat: Conversation) -> None:
    timeline = Timeline()
    recorder = Recorder(timeline)
    chat.say("@王芳/网格3群: 提醒 8:30 检查井盖")  # a reply now, a reminder later
    queue(chat, [f"第{n}条" for n in range(19)])
    chat.run_until(chat.clock.now().replace(hour=8, minute=45))  # the reminder joins the queue
    sent = asyncio.run(outbox(chat, recorder, timeline, Limits(per_chat=20)).flush())
    assert sent == 21
    assert [t for t, _ in recorder.sent] == [0.0] * 20 + [60.0]
    assert recorder.sent[-1][1] == "⏰ 提醒：检查井盖 @王芳"


def test_a_failed_send_is_retried_and_nothing_goes_twice(chat: Conversation) -> None:
    timeline = Timeline()
    recorder = Recorder(timeline, fail_first=1)
    queue(chat, ["一", "二"])
    box = outbox(chat, recorder, timeline, Limits())
    assert asyncio.run(box.flush()) == 0  # the platform failed: both stay queued
    assert asyncio.run(box.flush()) == 2
    assert asyncio.run(box.flush()) == 0
    assert [text for _, text in recorder.sent] == ["一", "二"]


def test_a_message_cut_off_by_a_crash_is_reported_not_repeated(chat: Conversation) -> None:
    timeline = Timeline()
    recorder = Recorder(timeline)
    queue(chat, ["一"])
    with UnitOfWork(chat.linli.sessions) as uow:
        [row] = uow.outbox.pending(10, ("console",), chat.clock.now())
        row.claimed_at = chat.clock.now()  # claimed, then the process died mid-send
        uow.commit()
    box = outbox(chat, recorder, timeline, Limits())
    assert box.report_cut_off() == 1
    assert asyncio.run(box.flush()) == 0
    assert box.report_cut_off() == 0


# --- WeChat: a backlog to one chat is one message -------------------------------------------

ROOM1 = ChatRef("wechat", "r1@chatroom", "网格1群")
ROOM2 = ChatRef("wechat", "r2@chatroom", "网格2群")
TG = ChatRef("telegram", "-1001", "网格1群")


class Platform:
    """A chat platform that records each message it took, as (chat, text); a poll as its
    question. It can be unreachable for the first sends, or have removed the bot from chats."""

    help_note = ""

    def __init__(
        self, platform: str, *, fail_first: int = 0, removed_from: tuple[str, ...] = ()
    ) -> None:
        self.platform = platform
        self.sent: list[tuple[str, str]] = []
        self._failures = fail_first
        self._removed_from = removed_from

    async def run(self, deliver: object) -> None:
        return None

    async def send(self, message: Outgoing) -> Sent:
        assert isinstance(message, Reply | Poll)
        if message.chat.ref in self._removed_from:
            raise Undeliverable("the bot was removed from the chat")
        if self._failures:
            self._failures -= 1
            raise ConnectionError("platform unreachable")
        text = f"[投票] {message.question}" if isinstance(message, Poll) else message.text
        self.sent.append((message.chat.ref, text))
        return Sent(message_id=f"m{len(self.sent)}")


def enqueue(chat: Conversation, messages: list[Outgoing]) -> None:
    with UnitOfWork(chat.linli.sessions) as uow:
        for message in messages:
            uow.outbox.add(outbound(message, chat.clock.now()))
        uow.commit()


def flush(chat: Conversation, platform: Platform, limits: Limits | None = None) -> int:
    """Flush the queue as `serve` would: merging where the platform's rate limit says so."""
    settings = chat.linli.services.settings
    merge = (platform.platform,) if settings.rate_limit(platform.platform).merge else ()
    pacers = {}
    if limits is not None:
        timeline = Timeline()
        pacers[platform.platform] = Pacer(limits, timeline.monotonic, timeline.sleep)
    box = Outbox(
        chat.linli.sessions, {platform.platform: platform}, chat.clock, pacers, merge=merge
    )
    return asyncio.run(box.flush())


def rows(chat: Conversation) -> list[OutboundMessage]:
    with chat.linli.sessions() as session:
        return list(session.scalars(select(OutboundMessage).order_by(OutboundMessage.id)))


def poll(room: ChatRef, question: str) -> Poll:
    return Poll(room, f"{question} 回复 M1 1 或 M1 2", question, ("同意", "反对"), "M1")


def test_five_reminders_to_one_wechat_room_go_out_as_one_message(chat: Conversation) -> None:
    reminders = [f"⏰ 提醒：第{n}件事" for n in range(1, 6)]
    enqueue(chat, [Reply(ROOM1, text) for text in reminders])
    wechat = Platform("wechat")
    assert flush(chat, wechat) == 5
    assert wechat.sent == [(ROOM1.ref, "\n\n".join(reminders))]
    assert {(row.sent_at is not None, row.platform_message_id) for row in rows(chat)} == {
        (True, "m1")
    }
    assert flush(chat, wechat) == 0


def test_texts_to_two_rooms_interleaved_become_one_message_per_room(chat: Conversation) -> None:
    enqueue(chat, [Reply(ROOM1, "一"), Reply(ROOM2, "甲"), Reply(ROOM1, "二"), Reply(ROOM2, "乙")])
    enqueue(chat, [Reply(ROOM1, "三")])
    wechat = Platform("wechat")
    assert flush(chat, wechat) == 5
    assert wechat.sent == [(ROOM1.ref, "一\n\n二\n\n三"), (ROOM2.ref, "甲\n\n乙")]


def test_a_poll_between_texts_to_a_room_splits_the_digest(chat: Conversation) -> None:
    enqueue(
        chat,
        [
            Reply(ROOM1, "一"),
            Reply(ROOM1, "二"),
            poll(ROOM1, "装不装电梯？"),
            Reply(ROOM2, "甲"),  # another room: not held up by the poll
            Reply(ROOM1, "三"),
            Reply(ROOM2, "乙"),
        ],
    )
    wechat = Platform("wechat")
    assert flush(chat, wechat) == 6
    assert wechat.sent == [
        (ROOM1.ref, "一\n\n二"),
        (ROOM1.ref, "[投票] 装不装电梯？"),
        (ROOM2.ref, "甲\n\n乙"),
        (ROOM1.ref, "三"),
    ]


def test_a_long_backlog_goes_out_as_several_messages(chat: Conversation) -> None:
    short = [f"第{n}条" for n in range(1, 26)]
    enqueue(chat, [Reply(ROOM1, text) for text in short])
    wechat = Platform("wechat")
    assert flush(chat, wechat) == 25
    assert [text for _, text in wechat.sent] == [
        "\n\n".join(short[:10]),
        "\n\n".join(short[10:20]),
        "\n\n".join(short[20:]),
    ]
    assert MERGE_MAX_ROWS == 10

    long = [str(n) * 600 for n in range(1, 5)]  # two fit in one message, three do not
    enqueue(chat, [Reply(ROOM2, text) for text in long])
    assert flush(chat, wechat) == 4
    assert [text for _, text in wechat.sent[3:]] == [
        "\n\n".join(long[:2]),
        "\n\n".join(long[2:]),
    ]
    assert all(len(text) <= MERGE_MAX_CHARS for _, text in wechat.sent)


def test_a_digest_is_paced_as_one_message(chat: Conversation) -> None:
    enqueue(chat, [Reply(ROOM1, f"第{n}条") for n in range(12)])
    wechat = Platform("wechat")
    # One message a minute in a room: 12 texts are two digests, not twelve minutes of messages.
    assert flush(chat, wechat, Limits(per_chat=1, chat_window=60)) == 12
    assert len(wechat.sent) == 2


def test_telegram_does_not_merge(chat: Conversation) -> None:
    texts = [f"⏰ 提醒：第{n}件事" for n in range(1, 6)]
    enqueue(chat, [Reply(TG, text) for text in texts])
    telegram = Platform("telegram")
    assert flush(chat, telegram) == 5
    assert telegram.sent == [(TG.ref, text) for text in texts]


def test_a_failed_digest_stays_queued_and_goes_once_later(chat: Conversation) -> None:
    texts = ["一", "二", "三"]
    enqueue(chat, [Reply(ROOM1, text) for text in texts])
    wechat = Platform("wechat", fail_first=1)
    assert flush(chat, wechat) == 0  # the platform failed: all three stay queued
    assert [(row.sent_at, row.claimed_at, row.failed) for row in rows(chat)] == [
        (None, None, None)
    ] * 3
    assert flush(chat, wechat) == 3
    assert flush(chat, wechat) == 0
    assert wechat.sent == [(ROOM1.ref, "一\n\n二\n\n三")]


def test_an_undeliverable_digest_fails_whole_and_the_rest_goes(chat: Conversation) -> None:
    enqueue(chat, [Reply(ROOM1, "一"), Reply(ROOM2, "甲"), Reply(ROOM1, "二"), Reply(ROOM2, "乙")])
    wechat = Platform("wechat", removed_from=(ROOM1.ref,))
    assert flush(chat, wechat) == 2
    assert wechat.sent == [(ROOM2.ref, "甲\n\n乙")]
    failed = {row.text: row.failed for row in rows(chat) if row.chat_ref == ROOM1.ref}
    assert failed == {
        "一": "the bot was removed from the chat",
        "二": "the bot was removed from the chat",
    }
    assert flush(chat, wechat) == 0  # not tried again


def test_a_chat_named_by_title_and_not_yet_confirmed_is_skipped_with_the_reason(
    chat: Conversation,
) -> None:
    unconfirmed = ChatRef("wechat", "工作群", "工作群")
    private = ChatRef("wechat", "wxid_wang", "王芳", is_private=True)  # private ids have no @
    enqueue(chat, [Reply(unconfirmed, "今日待办"), Reply(ROOM1, "一"), Reply(private, "已登记")])
    wechat = Platform("wechat")
    assert flush(chat, wechat) == 2
    assert wechat.sent == [(ROOM1.ref, "一"), (private.ref, "已登记")]
    failed = {row.text: row.failed for row in rows(chat) if row.failed}
    assert failed == {"今日待办": "群「工作群」还没有确认绑定：请书记在该群发送 /bind"}


# --- the grouping and the combining, without a database ------------------------------------

NOW = datetime(2025, 3, 3, 1, 0, tzinfo=UTC)
WANG = PersonRef("wechat", "wxid_wang", "王芳")
LI = PersonRef("wechat", "wxid_li", "李强")


def texts_of(groups: list[list[OutboundMessage]]) -> list[list[str]]:
    return [[row.text for row in group] for group in groups]


def test_sends_merge_only_on_merging_platforms() -> None:
    batch = [outbound(Reply(room, text), NOW) for room, text in [(ROOM1, "一"), (ROOM1, "二")]]
    assert texts_of(sends(batch, merge=("wechat",))) == [["一", "二"]]
    assert texts_of(sends(batch)) == [["一"], ["二"]]


def test_sends_merge_directs_per_person_apart_from_chats() -> None:
    batch = [
        outbound(Direct(WANG, "派单1"), NOW),
        outbound(Direct(LI, "派单2"), NOW),
        outbound(Reply(ROOM1, "群里"), NOW),
        outbound(Direct(WANG, "派单3"), NOW),
    ]
    assert texts_of(sends(batch, merge=("wechat",))) == [["派单1", "派单3"], ["派单2"], ["群里"]]


def test_combined_keeps_every_mention_and_button_once() -> None:
    first = Reply(
        ROOM1,
        "一",
        reply_to_message_id="q1",
        mentions=(WANG,),
        buttons=(Button("受理", "/受理 #1"),),
    )
    second = Reply(
        ROOM1,
        "二",
        reply_to_message_id="q2",
        mentions=(LI, WANG),
        buttons=(Button("受理", "/受理 #1"), Button("查看", "/查看 #2")),
    )
    assert combined([first, second]) == Reply(
        ROOM1,
        "一\n\n二",
        reply_to_message_id="q1",
        mentions=(WANG, LI),
        buttons=(Button("受理", "/受理 #1"), Button("查看", "/查看 #2")),
    )
    assert combined([first]) is first
