"""Outbound pacing: stay inside a platform's limits, per chat and overall.

Telegram allows about 30 messages a second overall and 20 a minute in one group; a WeChat
account that posts in bursts gets warned or locked. Every message the bot sends (replies and
reminders alike) passes `Pacer.wait_for` in the outbox. The limits are sliding windows over
real time, measured with a monotonic clock: they are about the platform, not the bot's clock.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """At most `per_chat` messages per `chat_window` seconds in one chat, and `overall` per
    `overall_window` seconds in all; 0 means no limit."""

    overall: int = 0
    overall_window: float = 1.0
    per_chat: int = 0
    chat_window: float = 60.0


class Pacer:
    def __init__(
        self,
        limits: Limits,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._limits = limits
        self._monotonic = monotonic
        self._sleep = sleep
        self._overall: deque[float] = deque()
        self._chats: dict[Hashable, deque[float]] = {}

    def delay(self, chat: Hashable) -> float:
        """Seconds to wait before one more message to `chat` keeps within the limits."""
        now = self._monotonic()
        waits = [0.0]
        limits = self._limits
        if limits.overall:
            waits.append(_wait(self._overall, limits.overall, limits.overall_window, now))
        if limits.per_chat:
            sent = self._chats.setdefault(chat, deque())
            waits.append(_wait(sent, limits.per_chat, limits.chat_window, now))
        return max(waits)

    async def wait_for(self, chat: Hashable) -> float:
        """Wait until a message to `chat` may go, then count it; returns the seconds waited."""
        waited = 0.0
        while (delay := self.delay(chat)) > 0:
            await self._sleep(delay)
            waited += delay
        now = self._monotonic()
        if self._limits.overall:
            self._overall.append(now)
        if self._limits.per_chat:
            self._chats.setdefault(chat, deque()).append(now)
        return waited


def _wait(sent: deque[float], limit: int, window: float, now: float) -> float:
    while sent and sent[0] <= now - window:
        sent.popleft()
    if len(sent) < limit:
        return 0.0
    return sent[0] + window - now
