"""The one place that reads the time.

Everything else receives a `Clock`, so tests and replays can run on a virtual clock that
jumps forward instead of waiting.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    """Source of the current instant, always timezone-aware."""

    def now(self) -> datetime: ...


class SystemClock:
    """The wall clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


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


def local(instant: datetime, tz: ZoneInfo) -> datetime:
    """The instant as seen on a wall clock in `tz` (the community's time zone)."""
    return instant.astimezone(tz)
