"""统计 … 议事: the consultation of a period as a year-end summary quotes it —
「今年议事协商：召开会议3次（议事会2、板凳会1），表决1次（通过1次）；形成决议3项，公示2次；
议定行动事项4件，已办结3件。」

What counts in a period (`held_in`): a meeting held in it, its time come (one whose outcome
was recorded before its time, or while its time poll was open, when it was called), neither
cancelled nor still to come; a vote whose poll closed in it. 决议: a meeting with its outcome
recorded; 公示: a meeting or vote published; 行动事项: the issues its outcome made
(`结果 M1 … 行动 …`), 已办结 those resolved or closed.
A meeting's kind is the word for it in its title (五方会谈, 板凳会 …), 议事会 when none is.
The community's meetings are few: they are read whole.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from bot.domain.lifecycle import DONE
from bot.domain.voting import MEETING_KINDS
from handlers import texts
from storage.models import Meeting
from storage.uow import UnitOfWork

DEFAULT_KIND = MEETING_KINDS[0]  # 议事会


@dataclass(frozen=True)
class MeetingFigures:
    held: Counter[str]  # kind → meetings held
    votes: int
    passed: int
    decided: int
    published: int
    actions: int
    actions_done: int

    @property
    def nothing(self) -> bool:
        return not self.held and not self.votes


def kind_of(title: str) -> str:
    """The kind of meeting its title names (`停车难五方会谈` → 五方会谈), else 议事会."""
    return next((kind for kind in MEETING_KINDS if kind in title), DEFAULT_KIND)


def held_in(
    meeting: Meeting, since: datetime | None, until: datetime | None, now: datetime
) -> bool:
    """Whether the meeting was held, or the vote closed, in [since, until) and by now."""
    if meeting.kind == "vote":
        when = meeting.poll_deadline if meeting.status == "closed" else None
    elif meeting.status == "cancelled":
        when = None
    elif meeting.starts_at is not None and meeting.starts_at <= now:
        when = meeting.starts_at if meeting.status in ("scheduled", "closed") else None
    else:  # its outcome recorded before its time, or while its time poll was open: when called
        when = meeting.created_at if meeting.outcome or meeting.status == "closed" else None
    if when is None or when > now:
        return False
    return (since is None or when >= since) and (until is None or when < until)


def meeting_figures(
    uow: UnitOfWork,
    community_id: int,
    since: datetime | None,
    until: datetime | None,
    now: datetime,
) -> MeetingFigures:
    """The community's meetings and votes of [since, until), counted."""
    counted = [
        meeting
        for meeting in uow.meetings.called_between(community_id, None, until)
        if held_in(meeting, since, until, now)
    ]
    meetings = [m for m in counted if m.kind != "vote"]
    votes = [m for m in counted if m.kind == "vote"]
    actions = [issue for m in counted for issue in uow.meetings.actions(m.id)]
    return MeetingFigures(
        held=Counter(kind_of(m.title) for m in meetings),
        votes=len(votes),
        passed=sum(vote.chosen is not None for vote in votes),
        decided=sum(bool(m.outcome) for m in meetings),
        published=sum(m.publicity_until is not None for m in counted),
        actions=len(actions),
        actions_done=sum(issue.status in DONE for issue in actions),
    )


def figures_text(period: str, figures: MeetingFigures) -> str:
    """The sentence: what was held, decided, published and done, for `period` (今年, 11月 …)."""
    if figures.nothing:
        return texts.MEETING_FIGURES_NONE.format(period=period)
    parts = []
    if figures.held:
        total = sum(figures.held.values())
        if len(figures.held) == 1:
            (kind,) = figures.held
            parts.append(texts.MEETING_FIGURES_HELD_ONE.format(kind=kind, count=total))
        else:
            kinds = "、".join(f"{kind}{n}" for kind, n in figures.held.most_common())
            parts.append(texts.MEETING_FIGURES_HELD.format(count=total, kinds=kinds))
    if figures.votes:
        parts.append(texts.MEETING_FIGURES_VOTES.format(count=figures.votes, passed=figures.passed))
    said = "，".join(parts)
    then = [texts.MEETING_FIGURES_DECIDED.format(count=figures.decided)]
    then.append(texts.MEETING_FIGURES_PUBLISHED.format(count=figures.published))
    sentence = f"{said}；{'，'.join(then)}"
    if figures.actions:
        sentence += texts.MEETING_FIGURES_ACTIONS.format(
            count=figures.actions, done=figures.actions_done
        )
    return texts.MEETING_FIGURES.format(period=period, figures=sentence)
