"""Quiet hours (chat-protocol §5): when a quiet period ends. Pure; settings say which hours."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.config import QuietHours


def quiet_end(quiet: QuietHours, now: datetime, tz: ZoneInfo) -> datetime | None:
    """When the quiet period containing `now` ends, or None if `now` is not quiet."""
    local = now.astimezone(tz)
    start, end = _clock(quiet.start), _clock(quiet.end)
    moment = local.time()
    if start == end:
        return None
    overnight = start > end
    inside = (moment >= start or moment < end) if overnight else (start <= moment < end)
    if not inside:
        return None
    day = local.date() if moment < end else local.date() + timedelta(days=1)
    return datetime.combine(day, end, tzinfo=tz)


def _clock(text: str) -> time:
    hour, minute = (int(part) for part in text.split(":"))
    return time(hour, minute)
