"""The consultation figures' rules (handlers/meeting_stats.py): which meetings count in a
period, what kind each is, and the sentence."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from handlers.meeting_stats import MeetingFigures, figures_text, held_in, kind_of
from storage.models import Meeting

SH = ZoneInfo("Asia/Shanghai")
CALLED = datetime(2026, 11, 23, 9, tzinfo=SH)
NOW = datetime(2026, 11, 27, 9, tzinfo=SH)
NOVEMBER = (datetime(2026, 11, 1, tzinfo=SH), datetime(2026, 12, 1, tzinfo=SH))


def meeting(status: str, starts: datetime | None = None, kind: str = "meeting") -> Meeting:
    return Meeting(
        kind=kind,
        status=status,
        starts_at=starts,
        created_at=CALLED,
        poll_deadline=CALLED + timedelta(days=2),
        title="停车难议事会",
        outcome="",
    )


def test_a_meeting_counts_when_it_was_held() -> None:
    held = meeting("scheduled", CALLED + timedelta(days=2))
    assert held_in(held, *NOVEMBER, NOW)
    assert not held_in(held, CALLED + timedelta(days=3), None, NOW)  # held before the period
    assert not held_in(meeting("scheduled", NOW + timedelta(hours=1)), *NOVEMBER, NOW)  # to come
    assert not held_in(meeting("cancelled", CALLED + timedelta(days=1)), *NOVEMBER, NOW)
    assert not held_in(meeting("polling"), *NOVEMBER, NOW)
    assert not held_in(meeting("tied"), *NOVEMBER, NOW)
    # Decided while its time poll was open, or before its time: held when it was called.
    assert held_in(meeting("closed"), CALLED, CALLED + timedelta(seconds=1), NOW)
    early = meeting("scheduled", NOW + timedelta(days=1))
    early.outcome = "划定固定车位"
    assert held_in(early, CALLED, CALLED + timedelta(seconds=1), NOW)


def test_a_vote_counts_when_its_poll_closed() -> None:
    assert held_in(meeting("closed", kind="vote"), *NOVEMBER, NOW)
    assert not held_in(meeting("polling", kind="vote"), *NOVEMBER, NOW)
    assert not held_in(meeting("closed", kind="vote"), None, CALLED + timedelta(days=1), NOW)


def test_the_kind_is_the_word_in_the_title() -> None:
    assert kind_of("停车难五方会谈") == "五方会谈"
    assert kind_of("加装电梯板凳会") == "板凳会"
    assert kind_of("垃圾分类") == "议事会"


def figures(held: dict[str, int], votes: int = 0, actions: int = 0) -> MeetingFigures:
    return MeetingFigures(Counter(held), votes, votes, 1, 1, actions, actions // 2)


def test_the_sentence() -> None:
    assert figures_text("本月", figures({})) == "本月没有召开议事协商会议，也没有表决。"
    assert figures_text("11月", figures({"板凳会": 2})) == (
        "11月议事协商：召开板凳会2次；形成决议1项，公示1次。"
    )
    assert figures_text("今年", figures({"议事会": 1, "五方会谈": 3}, votes=2, actions=4)) == (
        "今年议事协商：召开会议4次（五方会谈3、议事会1），表决2次（通过2次）；"
        "形成决议1项，公示1次；议定行动事项4件，已办结2件。"
    )
    assert figures_text("本周", figures({}, votes=1)) == (
        "本周议事协商：表决1次（通过1次）；形成决议1项，公示1次。"
    )
