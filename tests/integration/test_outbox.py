"""The outbox on a real SQLite file: paced, retried after a failure, never sent twice."""

from __future__ import annotations

import asyncio

from bot.messages import ChatRef, Outgoing, Reply
from bot.outbox import Outbox, outbound
from bot.pacing import Limits, Pacer
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
        [row] = uow.outbox.pending(10, ("console",))
        row.claimed_at = chat.clock.now()  # claimed, then the process died mid-send
        uow.commit()
    box = outbox(chat, recorder, timeline, Limits())
    assert box.report_cut_off() == 1
    assert asyncio.run(box.flush()) == 0
    assert box.report_cut_off() == 0
