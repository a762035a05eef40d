"""Outbound pacing keeps within a platform's limits (chat-protocol §5), on a fake timeline."""

from __future__ import annotations

import asyncio

from bot.pacing import Limits, Pacer


class Timeline:
    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


def send_times(limits: Limits, chats: list[str]) -> list[float]:
    timeline = Timeline()
    pacer = Pacer(limits, timeline.monotonic, timeline.sleep)

    async def run() -> list[float]:
        times = []
        for chat in chats:
            await pacer.wait_for(chat)
            times.append(timeline.now)
        return times

    return asyncio.run(run())


def test_a_group_gets_at_most_twenty_a_minute() -> None:
    times = send_times(Limits(per_chat=20, chat_window=60), ["网格3群"] * 25)
    assert times[:20] == [0.0] * 20
    assert times[20:] == [60.0] * 5


def test_other_groups_are_not_held_up_by_a_busy_one() -> None:
    times = send_times(Limits(per_chat=2, chat_window=60), ["a", "a", "a", "b"])
    assert times == [0.0, 0.0, 60.0, 60.0]  # b waits only because it is queued behind a


def test_the_overall_limit_spreads_a_burst() -> None:
    times = send_times(Limits(overall=30, overall_window=1.0), [f"g{n}" for n in range(61)])
    assert times.count(0.0) == 30 and times.count(1.0) == 30 and times[-1] == 2.0


def test_no_limits_never_waits() -> None:
    assert send_times(Limits(), ["a"] * 100) == [0.0] * 100
