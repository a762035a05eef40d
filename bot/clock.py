"""The one place that reads the time.

Everything else receives a `Clock`, so tests and replays can run on a virtual clock that
jumps forward instead of waiting.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    """Source of the current instant, always timezone-aware."""

    def now(self) -> datetime: ...

    def seconds_until(self, instant: datetime) -> float:
        """Real seconds to wait until this clock shows `instant`."""
        ...


class SystemClock:
    """The wall clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def seconds_until(self, instant: datetime) -> float:
        return (instant - self.now()).total_seconds()


class ScaledClock:
    """A clock that starts at a chosen instant and runs `speed` times faster than real time.

    For demonstrations and process-level tests (`linli run --clock-start … --clock-speed …`):
    a week of reminders plays out in minutes, with real timers underneath.

    A `held` clock reads `start` until `release()`: the bot starts it once it serves, so
    `start` is the instant it begins to listen however long opening the database took.
    """

    def __init__(self, start: datetime, speed: float = 1.0, *, held: bool = False) -> None:
        if start.tzinfo is None:
            raise ValueError("ScaledClock needs a timezone-aware start")
        self._start = start
        self._speed = speed
        self._origin: float | None = None if held else time.monotonic()

    def release(self) -> None:
        """Let a held clock run from `start`; a running clock is left as it is."""
        if self._origin is None:
            self._origin = time.monotonic()

    def now(self) -> datetime:
        if self._origin is None:
            return self._start
        return self._start + timedelta(seconds=(time.monotonic() - self._origin) * self._speed)

    def seconds_until(self, instant: datetime) -> float:
        return (instant - self.now()).total_seconds() / self._speed


def wall_time_in(seconds: float) -> datetime:
    """The real instant `seconds` from now: what an OS timer (APScheduler) must be given."""
    return datetime.now(UTC) + timedelta(seconds=seconds)


class VirtualClock:
    """A clock that only moves when told to; used by tests and `linli replay`."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("VirtualClock needs a timezone-aware start")
        self._now = start

    def now(self) -> datetime:
        return self._now

    def set(self, instant: datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("VirtualClock needs timezone-aware instants")
        # Time never runs backwards, even if a script lists steps out of order.
        self._now = max(self._now, instant)

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    def seconds_until(self, instant: datetime) -> float:
        # Nothing real waits on a virtual clock: replays fire what is due as they step.
        return 0.0


def local(instant: datetime, tz: ZoneInfo) -> datetime:
    """The instant as seen on a wall clock in `tz` (the community's time zone)."""
    return instant.astimezone(tz)
