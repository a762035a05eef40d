"""Meetings, votes, outcomes and publicity (chat-protocol §6): 议事会 · 投票 · 结果 · 公示.

A meeting (M1, M2 … per community) runs a time poll in its groups, or, called with one time,
is fixed at that time at once; a vote asks a decision. Answers are `M1 1` / `M1 1,2` in any of
the groups (or privately, for a secret vote); the last answer counts. At the deadline a reminder
closes the poll, counts across all groups and posts the result; the attendees are reminded before
the meeting, and the work group is asked for its outcome after it. `/outcome` records decisions
and turns action items into tracked issues; `/publish` runs the 公示 with its objection period.
All state is in the database.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, time, timedelta

from bot.domain.asking import asks
from bot.domain.deadlines import (
    WEEKDAY_NAMES,
    DeadlineError,
    PastDeadline,
    format_deadline,
    names_a_day,
)
from bot.domain.issues import IssueStatus, Role
from bot.domain.lifecycle import OPEN, Action
from bot.domain.permissions import STAFF, refusal
from bot.domain.privacy import mask_name, reporter_label
from bot.domain.sources import Source
from bot.domain.voting import (
    ANY_MEETING,
    HOME,
    MEETING_KINDS,
    MEETING_WORDS,
    RULE_LABELS,
    RULE_WORDS,
    WITHDRAW_WORDS,
    AttendingAndMore,
    Cast,
    Decision,
    attending_and_more,
    attending_said,
    day_time_asked,
    decide,
    disagrees,
    is_ballot,
    meeting_called,
    objection_said,
    of_kind,
    outcome_asked,
    parse_choices,
    shared_homes,
    signups_asked,
    spoken_choice,
    tally,
    weekday_asked,
)
from bot.messages import ChatRef, ClosePoll, Direct, Outgoing, Poll, Reply
from bot.text import (
    SENTENCE_ENDS,
    clause,
    issue_first,
    normalize,
    parse_issue_number,
    rstrip_marks,
    shorten,
    whole_number,
)
from handlers import homes, questions, texts
from handlers.base import (
    Answer,
    Context,
    Outcome,
    Services,
    answer,
    hinted,
    numbers_of,
    record,
    record_community,
    reply_to,
)
from handlers.extend import extend
from handlers.intake import grid_for
from handlers.ledger import (
    assignee_label,
    check,
    deadline_in,
    move,
    shown_deadline,
    target_of,
)
from handlers.notify import (
    chat_ref,
    person_ref,
    tell_privately,
    watcher_chats,
    work_groups,
    working_on,
)
from handlers.schedule import NOTICE_MAX, stamp
from storage.models import (
    AgendaItem,
    Ballot,
    Chat,
    Issue,
    Meeting,
    MeetingChat,
    MeetingOption,
    Objection,
    Person,
    Reminder,
)
from storage.uow import UnitOfWork

MEETING_CLOSE, MEETING_NUDGE = "meeting_close", "meeting_nudge"
AGENDA_LEVEL = "复杂"  # an agenda issue is due a 复杂 one's time after its meeting
MEETING_DAY, MEETING_HOUR, PUBLICITY_END = "meeting_day", "meeting_hour", "publicity_end"
MEETING_OUTCOME = "meeting_outcome"  # after the meeting: the work group is asked for its outcome
NUDGE_BEFORE = timedelta(hours=2)
OUTCOME_AFTER = timedelta(hours=3)  # a 19:00 meeting's is asked the next morning (quiet hours)
DEFAULT_PUBLICITY_DAYS = 5

_SENT_TO_WORD = "发到"  # 「… 地点 活动室 发到 网格3」: the groups, as 群 names them
_MEETING_WORDS = ("议题", "时间", "选项", "截止", "地点", "群", _SENT_TO_WORD)
_VOTE_WORDS = ("选项", "截止", "规则", "每户一票", "公开", "至少", "群", _SENT_TO_WORD)


def _parts(text: str, words: tuple[str, ...]) -> tuple[str, dict[str, str]]:
    """`_segments`, 发到 read as 群."""
    head, parts = _segments(text, words)
    if _SENT_TO_WORD in parts:
        sent = parts.pop(_SENT_TO_WORD)
        parts["群"] = ",".join(p for p in (parts.get("群", ""), sent) if p)
    return head, parts


_OPTIONS = re.compile(r"[|｜/／]")
_SPACED = re.compile(r"\s+")
_LISTED = re.compile(r"[,，、]")  # 「同意、反对、弃权」「周四19:00，周六10:00」 when there is no |


def _choices(typed: str, *, spaces: bool) -> list[str]:
    """A poll's times or a vote's options: split at |, else at commas and 、, else (for options,
    which hold no time like 「周四 19:00」) at spaces: 「选项 同意 反对 弃权」."""
    for separator in (_OPTIONS, _LISTED, *([_SPACED] if spaces else [])):
        if separator.search(typed.strip()):
            return [part.strip() for part in separator.split(typed) if part.strip()]
    return [typed.strip()] if typed.strip() else []


_ITEMS = re.compile(r"[；;]")
# 「1.划线增加车位 2.错峰停车」「①… ②…」「A、… B、…」: options numbered as people write a list.
_MARK = r"(?:(?:[1-9]|[A-Ha-h]|[一二三四五六七八九])[.．、)）:：]|[①-⑨])"
_LIST_MARK = re.compile(rf"(?:^|(?<=\s)){_MARK}\s*")


def _numbered(text: str) -> tuple[str, list[str]] | None:
    """「停车方案 1.划线增加车位 2.错峰停车」 → ("停车方案", ["划线增加车位", "错峰停车"]): the
    words before a numbered list and its items; None without two items or with a title only."""
    marks = list(_LIST_MARK.finditer(text))
    if len(marks) < 2:
        return None
    items = [
        text[mark.end() : after.start() if after else len(text)].strip()
        for mark, after in zip(marks, [*marks[1:], None], strict=True)
    ]
    if not all(items):
        return None
    return text[: marks[0].start()].strip(), items


# -- shared steps -------------------------------------------------------------------------------


def _segments(text: str, words: tuple[str, ...]) -> tuple[str, dict[str, str]]:
    """`标题 议题 #12 时间 a|b 截止 …` → ("标题", {"议题": "#12", "时间": "a|b", …}). A part's
    word begins a word of the text: 「党群服务中心」 is a place, not 「群 服务中心」; one of two
    characters may also follow a stop (「决议：…；行动：…」; 「，群众广场」 is still a place)."""
    spaced = "|".join(map(re.escape, words))
    stopped = "|".join(re.escape(word) for word in words if len(word) > 1)
    pattern = re.compile(
        rf"(?:(?:(?<=\s)|^)({spaced})|(?<=[;；,，。])({stopped}))\s*[:：]?"
        if stopped
        else rf"(?:(?<=\s)|^)({spaced})\s*[:：]?"
    )
    matches = list(pattern.finditer(text))
    ends = [match.start() for match in matches[1:]] + [len(text)] * bool(matches)
    found = {
        match[1] or match[2]: text[match.end() : end].strip().rstrip(";；,，").strip()
        for match, end in zip(matches, ends, strict=True)
    }
    head = text[: matches[0].start()] if matches else text
    return head.strip(), found


def _when(ctx: Context, typed: str) -> datetime:
    """A meeting's time or a poll's close: 「3天后」 on the calendar (not a working deadline)."""
    try:
        return ctx.services.deadline(typed, ctx.now, calendar_days=True)
    except DeadlineError as bad:
        raise Answer(str(bad)) from None


# 「群 网格3,网格5」「群 网格3群和网格5群」; 「全部」 is every residents' group. 和 joins two
# names only after a 群 or before a 网格: 「和谐家园群」 is one name.
_GROUP_LIST = re.compile(r"[,，、\s]+|(?<=群)(?:和|及|跟)|(?:和|及|跟)(?=网格)")
_EVERY_GROUP = frozenset(
    {
        "全部",
        "所有",
        "所有群",
        "全部群",
        "各群",
        "各个群",
        "居民群",
        "所有居民群",
        "全部居民群",
        "各居民群",
    }
)


def _groups(ctx: Context, typed: str | None, agenda: Sequence[Issue] = ()) -> list[Chat]:
    """The target groups: grid names or group names, or 全部 for every residents' group; when
    none are named, the residents' groups the agenda's issues were reported in (called from
    the work group or privately), else the current group."""
    assert ctx.community is not None
    if not typed:
        reported = [] if ctx.chat.kind == "grid" else _reported_in(ctx, agenda)
        if reported:
            return reported
        if ctx.chat.kind == "private":
            raise Answer(texts.MEETING_NEEDS_GROUPS)
        return [ctx.chat]
    found: list[Chat] = []
    known = _known_groups(ctx)
    for name in filter(None, _GROUP_LIST.split(normalize(typed))):
        matches = _named(name, *known)
        if not matches and name not in _EVERY_GROUP:
            raise Answer(texts.MEETING_UNKNOWN_GROUP.format(name=name))
        found += [c for c in matches if c not in found]
    return found


def _known_groups(ctx: Context) -> tuple[dict[str, int], list[Chat]]:
    """The community's grids by name, and its chats: what `_named` picks from."""
    assert ctx.community is not None
    grids = {g.name: g.id for g in ctx.uow.communities.grids_of(ctx.community.id)}
    return grids, list(ctx.uow.chats.of_community(ctx.community.id))


def _named(name: str, grids: dict[str, int], chats: list[Chat]) -> list[Chat]:
    """The groups `name` (normalised) names: 全部, every residents' group; a grid, its grid
    group; else the chats of that name."""
    if name in _EVERY_GROUP:
        return [c for c in chats if c.kind in ("grid", "resident")]
    matches = [c for c in chats if c.grid_id == grids.get(name) and c.kind == "grid"]
    return matches or [c for c in chats if name in (c.ref, c.title)]


def _reported_in(ctx: Context, agenda: Sequence[Issue]) -> list[Chat]:
    """The residents' groups (grid or 小区群) the issues were reported in, in their order."""
    found: list[Chat] = []
    for issue in agenda:
        chat = ctx.uow.chats.by_id(issue.chat_id) if issue.chat_id is not None else None
        if chat is not None and chat.kind in ("grid", "resident") and chat not in found:
            found.append(chat)
    return found


# 查看 M1 lists the newest objections, each shortened; all are kept, and counted.
OBJECTIONS_SHOWN = 10
OBJECTION_SHOWN_AT_MOST = 60


def find_meeting(
    ctx: Context, token: str, command: str = "", *, coming: bool = False, latest: bool = False
) -> Meeting:
    """The meeting `token` (M3, or 3: these commands number nothing else) names, or,
    `coming`, a kind of meeting (or 会议) the one still to come (「议事会改到周日」), and,
    `latest`, else the last one called; a missing or malformed one gets `command`'s usage."""
    said = normalize(token)
    if (coming or latest) and said in MEETING_WORDS and ctx.community is not None:
        return _the_one_coming(ctx, ctx.community.id, said, latest=latest)
    match = re.match(r"^[Mm]?\s*(\d{1,9})$", said)
    if match is None or ctx.community is None:
        raise Answer(ctx.services.command(command).usage_line() if command else texts.MEETING_WHICH)
    meeting = ctx.uow.meetings.by_number(ctx.community.id, int(match[1]))
    if meeting is None:
        raise Answer(texts.MEETING_NOT_FOUND.format(number=match[1]))
    return meeting


def _schedule(
    uow: UnitOfWork,
    meeting: Meeting,
    kind: str,
    due: datetime | None,
    expires: datetime | None = None,
) -> None:
    """The meeting's one reminder of this kind, at `due` (None: none), not sent from `expires`
    on (the poll closed, the meeting begun): one set earlier, for a time decided again or a 公示
    published again, is cancelled."""
    prefix = f"meeting:{meeting.id}:{kind}:"
    uow.reminders.cancel_pending(prefix, keep=None if due is None else prefix + stamp(due))
    if due is None:
        return
    uow.reminders.schedule(
        prefix + stamp(due),
        community_id=meeting.community_id,
        kind=kind,
        due_at=due,
        expires_at=expires,
    )
    # The reminder row points at the meeting through its key; render() reads it back.


def meeting_of(uow: UnitOfWork, reminder: Reminder) -> Meeting:
    return uow.meetings.get(int(reminder.key.split(":")[1]))


def _to_groups(uow: UnitOfWork, meeting: Meeting, text: str) -> list[Outgoing]:
    return [Reply(chat_ref(chat), text) for chat in uow.meetings.chats(meeting.id)]


def _the_one_coming(ctx: Context, community_id: int, kind: str, *, latest: bool) -> Meeting:
    """The community's one meeting not yet held (its time fixed or still being polled), of
    that kind (「停车板凳会」 is a 板凳会) if any is; asked which when there are several. With
    none, `latest`: the last meeting called (of that kind if any is), else told there is none."""
    called = ctx.uow.meetings.called_between(community_id, None, None)
    meetings = [m for m in called if m.kind == "meeting"]
    meetings = [m for m in meetings if of_kind(m.title, kind)] or meetings
    coming = [
        meeting
        for meeting in meetings
        if meeting.status in ("polling", "scheduled")
        and (meeting.starts_at is None or meeting.starts_at > ctx.now)
    ]
    if not coming and latest and meetings:
        return meetings[-1]
    if not coming:
        raise Answer(texts.MEETING_NONE_COMING)
    if len(coming) > 1:
        raise Answer(texts.MEETING_WHICH_OF.format(meetings="、".join(map(_label, coming))))
    return coming[0]


# 「结果 M1 …」「结果 1 …」 (「结果 M 1」: its usage; 「结果 20个车位…」: words of it)
_NUMBERED = re.compile(r"^(?:[Mm]\s*\d|\d{1,9}(?:\s|$))")


def _awaiting_outcome(ctx: Context, word: str, words: str) -> tuple[Meeting, bool]:
    """The one meeting held (its time come, not cancelled) and without an outcome, for 结果
    said without a number; of the title or kind `word` names (「停车议事会」「板凳会」「会议」)
    when it names one, and whether it did. Asked which when there are several; with none, the
    usage, or for one still to come the command with its number and `words` (the outcome)."""
    if ctx.community is None:
        raise Answer(texts.NEEDS_COMMUNITY)
    called = ctx.uow.meetings.called_between(ctx.community.id, ctx.now - 4 * CURRENT_FOR, None)
    said = normalize(word)
    kind = next((k for k in MEETING_WORDS if said.endswith(k)), None)
    meetings = [m for m in called if m.kind == "meeting" and not m.outcome]
    named = [m for m in meetings if m.title == said or (kind and of_kind(m.title, kind))]
    meetings = named or meetings
    held = [
        m
        for m in meetings
        if m.status == "scheduled" and m.starts_at is not None and m.starts_at <= ctx.now
    ]
    if not held:
        _not_held_yet(ctx, meetings, words if kind or named else f"{word} {words}")
        decided = [m for m in called if m.outcome]  # put right: said with its number
        if decided:
            raise Answer(texts.OUTCOME_NONE_WAITING.format(number=decided[-1].number))
        raise Answer(ctx.services.command("outcome").usage_line())
    if len(held) > 1:
        listed = "、".join(map(_label, held))
        raise Answer(texts.OUTCOME_WHICH.format(meetings=listed, number=held[0].number))
    return held[0], bool(named) or kind is not None


def _not_held_yet(ctx: Context, meetings: Sequence[Meeting], words: str) -> None:
    """「会议结果：…」 with no meeting held but one still to come (its time polled or fixed):
    told it has not been held, and the command that records the outcome all the same."""
    coming = [m for m in meetings if m.status in ("polling", "tied", "scheduled")]
    if len(coming) != 1:
        return
    meeting = coming[0]
    when = texts.MEETING_TIME_POLLED
    if meeting.status == "scheduled" and meeting.starts_at is not None:
        when = format_deadline(meeting.starts_at, ctx.services.settings.tz, ctx.now, clock=True)
    raise Answer(
        texts.OUTCOME_NOT_HELD.format(
            label=_label(meeting),
            when=when,
            number=meeting.number,
            words=hinted(words.strip()) or "决议 …",
        )
    )


def _label(meeting: Meeting) -> str:
    return f"M{meeting.number} {meeting.title}"


# -- calling a meeting and a vote -----------------------------------------------------------------


def call_meeting(ctx: Context, args: str) -> Outcome:
    """议事 标题 议题 #12 #15 时间 周四19:00|周六10:00 截止 明天20:00 地点 罐罐茶 [群 网格3]."""
    check(ctx, "meeting")
    if ctx.community is None:
        raise Answer(texts.NEEDS_COMMUNITY)
    title, parts = _parts(args, _MEETING_WORDS)
    if "选项" in parts:  # 「选项 周四晚7点,周六上午9点」: a meeting's choices are its times
        parts.setdefault("时间", parts.pop("选项"))
    if "时间" not in parts:
        title, parts = _said_plainly(ctx, title, parts)
    times = _choices(parts.get("时间", ""), spaces=False)
    if not title or not times:
        raise Answer(ctx.services.command("meeting").usage_line())
    if len(times) > 1 and "截止" not in parts:  # several times: a poll, which must close
        raise Answer(texts.MEETING_NEEDS_DEADLINE.format(count=len(times)))
    starts = [_when(ctx, t) for t in times]
    # One time leaves nothing to choose: no poll, so a 截止 given with it is not needed.
    fixed = len(starts) == 1
    deadline = ctx.now if fixed else _when(ctx, parts["截止"])
    if not fixed and any(start <= deadline for start in starts):
        raise Answer(texts.MEETING_TIME_BEFORE_DEADLINE)
    agenda = []
    listed = parts.get("议题", "")
    if _NUMBERS_ONLY.fullmatch(listed):  # 「#12 #15」「12、15」「#12,15」
        tokens = re.findall(r"[#＃]?\s*[0-9０-９]+", listed)
    else:  # 「议题：3号楼加装电梯」: what it is about, in words (and 「#12」 among them)
        tokens = _ISSUE_TAGGED.findall(listed)
        if words := _ISSUE_TAGGED.sub(" ", listed).strip(" ：:，,"):
            title = _about(title, words)
    for token in tokens:
        number = parse_issue_number(token.replace(" ", ""))
        issue = ctx.uow.issues.by_number(ctx.community.id, number or 0)
        if issue is None:
            raise Answer(texts.NOT_FOUND.format(number=number))
        agenda.append(issue)
    tz = ctx.services.settings.tz
    meeting = _create(
        ctx,
        "meeting",
        title,
        deadline,
        place=parts.get("地点", ""),
        groups=parts.get("群"),
        agenda=agenda,
    )
    ctx.uow.meetings.add_parts(
        [
            MeetingOption(
                meeting_id=meeting.id,
                position=n,
                label=format_deadline(start, tz, ctx.now, clock=True),
                starts_at=start,
            )
            for n, start in enumerate(starts, start=1)
        ]
        + [AgendaItem(meeting_id=meeting.id, issue_id=issue.id) for issue in agenda]
    )
    # Each issue still open waits for the meeting: due no sooner than a 复杂 one's time after
    # its latest time (its outcome recorded meanwhile), and in hand (受理) if it was not yet.
    after = deadline_in(ctx, AGENDA_LEVEL, max(starts))
    for issue in agenda:
        _on_agenda(ctx, issue, "agenda", _label(meeting), after)
    if fixed:
        announced = _fix_time(ctx.uow, ctx.services, meeting, 1, None, detailed=True)
        return _announce(ctx, meeting, announced, fixed=True)
    if deadline - NUDGE_BEFORE > ctx.now:
        _schedule(ctx.uow, meeting, MEETING_NUDGE, deadline - NUDGE_BEFORE, deadline)
    _schedule(ctx.uow, meeting, MEETING_CLOSE, deadline)
    return _announce(ctx, meeting, _poll_text(ctx.uow, ctx.services, meeting))


_NUMBERS_ONLY = re.compile(r"[\s#＃0-9０-９,，、;；]*")
_ISSUE_TAGGED = re.compile(r"[#＃]\s*[0-9０-９]+")
_TIME_WORDS = 3  # at most 「12月5日 下午 3点」
_PLAIN_AT_MOST = 200  # characters: a meeting called plainly is a line, not a letter


def called_in_words(ctx: Context, text: str) -> Outcome | None:
    """「周四晚上7点在罐罐茶开议事会，商量停车的事」 from someone who may call meetings: that
    meeting, at that time (议事 议事会 时间 … 地点 … 议题 …). None from anyone else, and for
    words that call no meeting after all."""
    said = rstrip_marks(normalize(text), SENTENCE_ENDS)
    # 「…，议题1和2」「…，讨论停车的事，1号2号」: the issues, apart from the words
    agenda = _AGENDA_SAID.search(said) or _AGENDA_LAST.search(said)
    if agenda is not None:
        said = f"{said[: agenda.start()]}{said[agenda.end() :]}"
    called = meeting_called(said)
    if called is None or ctx.community is None or refusal("meeting", ctx.actor) is not None:
        return None
    when, place = _time_and_place(ctx, called.when_where)
    if not when:
        raise Answer(texts.MEETING_TIME_UNREAD.format(kind=called.kind), "invalid")
    words = [called.kind, "时间", when]
    if place:
        words += ["地点", place]
    numbers = [int(n) for n in re.findall(r"[0-9]+", agenda["issues"])] if agenda else []
    topic = called.topic
    if not topic and numbers:  # 「开个板凳会，议题1和2」: named by the first issue's category
        first = ctx.uow.issues.by_number(ctx.community.id, numbers[0])
        topic = ctx.services.analyzer.category_name(first.category) if first else ""
    if topic or numbers:
        words += ["议题", topic, *(f"#{n}" for n in numbers)]
    return call_meeting(ctx, " ".join(word for word in words if word))


# 「，议题1和2」「，议题是#1、#2」「议题：1号、3号问题」: the issues a meeting called in words is
# on, said after it (「讨论3号楼加装电梯」 names a building, not an issue).
_ONE_ISSUE = r"#?\s*[0-9]{1,6}\s*号?"
_AGENDA_SAID = re.compile(
    r"[,，\s]*(?:议题|事项)(?:是|为|有)?[:：\s]*"
    rf"(?P<issues>{_ONE_ISSUE}(?:\s*(?:和|、|,|，|及|与|跟)?\s*{_ONE_ISSUE})*)"
    r"(?:的?(?:问题|诉求|事项|事情?))?(?=[,，。;；\s]|$)"
)


# 「…讨论停车的事，1号2号」「…（#1、#2）」: issue numbers alone at the end are its issues too.
_AGENDA_LAST = re.compile(
    rf"[,，\s(（]+(?P<issues>{_ONE_ISSUE}(?:\s*(?:和|、|,|，|及|与|跟)?\s*{_ONE_ISSUE})*)"
    r"(?:的?(?:问题|诉求|事项|事情?))?[)）]?$"
)


def _time_and_place(ctx: Context, said: str) -> tuple[str, str]:
    """「周四晚上7点在罐罐茶」 → (「周四晚上7点」, 「罐罐茶」); 「明晚7点罐罐茶」 too: the
    longest start that reads as a time, the rest the place. ("", said) when none reads."""
    said = _SPACED.sub(" ", said.replace(",", " ")).strip()
    before, at, after = said.rpartition("在")
    if at and _reads_as_time(ctx, before.strip()):
        return before.strip(), after.strip()
    for end in range(len(said), 1, -1):
        if _reads_as_time(ctx, said[:end].strip()):
            return said[:end].strip(), said[end:].strip(" 在")
    return "", said


def _about(title: str, topic: str) -> str:
    """The title of a meeting on `topic`: 「加装电梯议事会」 for the meeting word alone
    (「议事会」「板凳会」), else 「停车难：加装电梯」."""
    if not topic or topic in title:
        return title
    return f"{topic}{title}" if title in MEETING_KINDS else f"{title}：{topic}"


def _said_plainly(ctx: Context, head: str, parts: dict[str, str]) -> tuple[str, dict[str, str]]:
    """「议事 停车难 周六上午9点 罐罐茶 #1」「议事 1 周四19:00 罐罐茶 停车位怎么规划」: a meeting
    called without the words that name its parts. In any order: its issues (「#1」, or a number
    alone that names one), its time, the community's known places and words ending as places
    do (「社区活动室」), and what it is about (「商量加装电梯」); of the words left the first is
    the title and the rest the place. Without a title, what it is about names it, else the
    first issue's category. The head as it was when no time is among them."""
    words = head.split() if len(head) <= _PLAIN_AT_MOST else []
    known_places = set(ctx.community_settings().places)
    known: tuple[dict[str, int], list[Chat]] | None = None  # read once a word may be a group
    agenda: list[Issue] = []
    place: list[str] = []
    groups: list[str] = []
    topic: list[str] = []
    title = ""
    when = ""
    position = 0
    while position < len(words):
        word = words[position]
        issue = _issue_named(ctx, word)
        if issue is not None:
            agenda.append(issue)
            position += 1
            continue
        end = None if when else _time_ends(ctx, words, position)
        if end is not None:
            when, position = " ".join(words[position:end]), end
            continue
        if (about := _TOPIC_START.match(word)) is not None and word[about.end() :]:
            topic.append(word[about.end() :])  # 「商量加装电梯」
        elif title and (group := _SENT_TO.sub("", normalize(word))):
            known = known or _known_groups(ctx)
            if _named(group, *known):
                groups.append(group)  # 「… 社区会议室 网格3群」: where it is sent, not held
            else:
                place.append(word)
        elif title or _place_like(word, known_places):
            place.append(word)
        else:
            title = word
        position += 1
    if not when:
        return head, parts
    # 「… 讨论停车位 议题 1」: the issues listed after the word, with what the words before say
    for word in _AGENDA_WORDS.split(parts.pop("议题", "")):
        if word and (issue := _issue_named(ctx, word)) is not None:
            agenda.append(issue)
        elif word:
            topic.append(word)
    if not title and topic:
        title = MEETING_KINDS[0]  # 「议事会」, which the topic then names: 「停车议事会」
    elif not title and agenda:
        named = ctx.services.analyzer.category_name(agenda[0].category)
        title = texts.MEETING_ON.format(topic=named)
    said = {
        "时间": when,
        "议题": " ".join([*(f"#{issue.number}" for issue in agenda), *topic]),
        "地点": " ".join(place),
        "群": ",".join(groups),
    }
    return title, {**{k: v for k, v in said.items() if v}, **parts}


_AGENDA_WORDS = re.compile(r"[\s,，、]+")
# 「发到网格3群」「发网格5」: a group named as where a meeting goes.
_SENT_TO = re.compile(r"^(?:发到|发给|发)")


# 「社区活动室」「党群服务中心」「3号楼下」: words that name a place by how they end, unless they
# say what is to be talked about (「讨论活动室改造」).
_PLACE_END = re.compile(r"(?:室|厅|中心|站|广场|茶座|楼下|门口|院|亭|空地|会所|花园|凉棚)$")
_TOPIC_START = re.compile(r"^(?:讨论|关于|商量|研究|协商|解决|议一议|说说)")


def _place_like(word: str, known: set[str]) -> bool:
    """Whether a word of a meeting called in plain words is its place: one of the community's
    places, or a word ending as places do."""
    if word in known:
        return True
    return _PLACE_END.search(word) is not None and _TOPIC_START.match(word) is None


def _time_ends(ctx: Context, words: list[str], position: int) -> int | None:
    """Where the longest run of words from `position` that reads as a time ends (「周六 上午9点」);
    None when the word there starts none."""
    last = min(len(words), position + _TIME_WORDS)
    return next(
        (
            end
            for end in range(last, position, -1)
            if _reads_as_time(ctx, " ".join(words[position:end]))
        ),
        None,
    )


def _vote_said_plainly(
    ctx: Context, head: str, parts: dict[str, str]
) -> tuple[str, dict[str, str]]:
    """「投票 停车方案 同意/反对/弃权 周五18:00」「投票 M1 方案一/方案二 周五18:00」: a vote called
    without 选项 and 截止. The title first (or a meeting's number: its title, in its groups),
    then, in any order, the options (one word with | / 、 between them) and when it closes.
    Said in clauses, commas part the words as spaces do (「是否同意加装电梯，同意/反对，周五晚上8点
    截止，发到网格3」: its close may end 截止, and 发到 names its groups). The head as it was
    when no options are among them."""
    if len(head) > _PLAIN_AT_MOST:
        return head, parts
    said = _plain_vote(ctx, head.split(), parts)
    if said is None and _LISTED.search(head):
        words = [_CLOSES_AT.sub("", word) for word in _PLAIN_PARTS.split(head.strip()) if word]
        said = _plain_vote(ctx, words, parts)
    return said or (head, parts)


_PLAIN_PARTS = re.compile(r"[\s,，]+")
_CLOSES_AT = re.compile(r"(?:之?前)?截止$")  # 「周五晚上8点截止」: the close


def _plain_vote(
    ctx: Context, words: list[str], parts: dict[str, str]
) -> tuple[str, dict[str, str]] | None:
    """The title and parts of a vote said plainly in `words`; None when no options are among
    them, or a word is neither options, a time nor where it goes."""
    said: dict[str, str] = {}
    for word in list(words[1:]):
        if word.startswith(("发到", "发给")) and (to := _SENT_TO.sub("", word)):  # 「发到网格3」
            said["群"] = to
            words.remove(word)
    title, rest = (words[0], words[1:]) if words else ("", [])
    if re.fullmatch(r"[Mm][0-9]{1,9}", normalize(title)):  # a vote for a meeting
        meeting = find_meeting(ctx, title)
        title = meeting.title
        said["群"] = ",".join(chat.ref for chat in ctx.uow.meetings.chats(meeting.id))
    position = 0
    while position < len(rest):
        if "选项" not in said and len(_choices(rest[position], spaces=False)) >= 2:
            said["选项"], position = rest[position], position + 1
            continue
        end = None if "截止" in said else _time_ends(ctx, rest, position)
        if end is None:
            return None  # a word that is neither: not a vote said plainly
        said["截止"], position = " ".join(rest[position:end]), end
    if "选项" not in said:
        return None
    if "截止" not in said and "截止" not in parts:
        raise Answer(texts.VOTE_NEEDS_DEADLINE.format(title=title, options=said["选项"]))
    return title, {**said, **parts}


def _issue_named(ctx: Context, word: str) -> Issue | None:
    """The issue a word of a plainly called meeting names: 「#1」 (there must be one), or
    「1」「1号」 when there is such an issue (else it is a word of the title or the place)."""
    number, rest = issue_first(word)
    if number is None or rest or ctx.community is None:
        return None
    issue = ctx.uow.issues.by_number(ctx.community.id, number)
    if issue is None and word.startswith(("#", "＃")):  # 「#12」 is an issue, there or not
        raise Answer(texts.NOT_FOUND.format(number=number))
    return issue


def _reads_as_time(ctx: Context, typed: str) -> bool:
    """Whether `typed` names a moment (one already past does: saying so is the answer)."""
    try:
        ctx.services.deadline(typed, ctx.now, calendar_days=True)
    except PastDeadline:
        return True
    except DeadlineError:
        return False
    return True


def call_vote(ctx: Context, args: str) -> Outcome:
    """投票 标题 选项 A|B|C 截止 时间 [规则 过半/三分之二] [每户一票] [公开] [至少 N] [群 …].
    「投票 M1 1」 is someone voting, not calling a vote: it is their ballot."""
    if is_ballot(normalize(args)):  # 「投票 M1 1」
        return ballot(ctx, normalize(args))
    check(ctx, "vote")
    if ctx.community is None:
        raise Answer(texts.NEEDS_COMMUNITY)
    title, parts = _parts(args, _VOTE_WORDS)
    listed = _numbered(title) if "选项" not in parts else None
    if listed is not None and listed[0]:  # 「投票 停车方案 1.划线 2.错峰 截止 周五18:00」
        title, parts = listed[0], {**parts, "选项": "|".join(listed[1])}
    if "选项" not in parts:
        title, parts = _vote_said_plainly(ctx, title, parts)
    options = parts.get("选项", "")
    numbered = _numbered(options)  # 「选项 1.同意 2.反对」
    labels = numbered[1] if numbered and not numbered[0] else _choices(options, spaces=True)
    if not title or len(labels) < 2 or "截止" not in parts:
        raise Answer(ctx.services.command("vote").usage_line())
    deadline = _when(ctx, parts["截止"])
    rule = RULE_WORDS.get(normalize(parts.get("规则", "过半")))
    if rule is None:
        raise Answer(texts.VOTE_BAD_RULE)
    quorum_text = normalize(parts.get("至少", "")).rstrip("票户人 ")
    quorum = whole_number(quorum_text) if quorum_text else None
    if quorum_text and quorum is None:
        raise Answer(texts.VOTE_BAD_QUORUM)
    meeting = _create(ctx, "vote", title, deadline, place="", groups=parts.get("群"))
    meeting.rule = rule
    meeting.quorum = quorum
    meeting.per_household = "每户一票" in parts
    meeting.open_ballot = "公开" in parts
    ctx.uow.meetings.add_parts(
        [
            MeetingOption(meeting_id=meeting.id, position=n, label=label)
            for n, label in enumerate(labels, start=1)
        ]
    )
    _schedule(ctx.uow, meeting, MEETING_CLOSE, deadline)
    return _announce(ctx, meeting, _poll_text(ctx.uow, ctx.services, meeting))


def _create(
    ctx: Context,
    kind: str,
    title: str,
    deadline: datetime,
    *,
    place: str,
    groups: str | None,
    agenda: Sequence[Issue] = (),
) -> Meeting:
    assert ctx.community is not None
    chats = _groups(ctx, groups, agenda)
    meeting = ctx.uow.meetings.add(
        Meeting(
            community_id=ctx.community.id,
            number=ctx.uow.meetings.take_number(ctx.community.id),
            kind=kind,
            title=shorten(title, 100),
            place=place,
            status="polling",
            poll_deadline=deadline,
            created_by_id=ctx.sender.id,
            chat_id=ctx.chat.id,
            created_at=ctx.now,
            outcome="",
        )
    )
    ctx.uow.meetings.add_parts([MeetingChat(meeting_id=meeting.id, chat_id=c.id) for c in chats])
    return meeting


def _announce(ctx: Context, meeting: Meeting, text: str, *, fixed: bool = False) -> Outcome:
    """The poll in every target group (`fixed`: the meeting's time, fixed at once); the
    caller's chat gets it as a reply if it is one, else a line saying it was sent."""

    def post(chat: ChatRef, reply_to_id: str | None) -> Outgoing:
        if fixed:
            return Reply(chat, text, reply_to_message_id=reply_to_id)
        return _poll(ctx.uow, meeting, chat, text, reply_to_id)

    replies: list[Outgoing] = []
    chats = ctx.uow.meetings.chats(meeting.id)
    for chat in chats:
        if chat.id == ctx.chat.id:
            replies.insert(0, post(ctx.message.chat, ctx.message.message_id))
        else:
            replies.append(post(chat_ref(chat), None))
    if [chat.id for chat in chats] == [ctx.chat.id] and ctx.chat.kind == "work":
        # Called in the work group for it alone: residents see nothing until it is sent on.
        grid = ctx.community_settings().grids[0].name  # an example of the community's own
        line = texts.MEETING_ONLY_HERE.format(number=meeting.number, grid=grid)
        replies.append(reply_to(ctx, line))
    if ctx.chat.id not in {c.id for c in chats}:
        if fixed:
            assert meeting.starts_at is not None
            when = format_deadline(meeting.starts_at, ctx.services.settings.tz, ctx.now, clock=True)
            sent = texts.MEETING_FIXED_SENT.format(label=_label(meeting), when=when)
        else:
            sent = texts.MEETING_SENT.format(label=_label(meeting))
        replies.insert(0, reply_to(ctx, sent))
    return Outcome(replies, "command")


def _poll(
    uow: UnitOfWork, meeting: Meeting, chat: ChatRef, text: str, reply_to_id: str | None
) -> Outgoing:
    """A poll the platform may show natively; a secret or per-household vote stays text.

    A native poll shows every voter's name beside their choice, and gives no place for a door
    number, so those votes are answered by typing (privately, for a secret one).
    """
    options = tuple(o.label for o in uow.meetings.options(meeting.id))
    if meeting.kind == "vote" and (meeting.per_household or not meeting.open_ballot):
        return Reply(chat, text, reply_to_message_id=reply_to_id)
    template = texts.POLL_QUESTION if meeting.kind == "meeting" else texts.VOTE_QUESTION
    return Poll(
        chat,
        text,
        template.format(label=_label(meeting)),
        options,
        ballot=f"M{meeting.number}",
        multiple=meeting.kind == "meeting",
        reply_to_message_id=reply_to_id,
    )


def _close_polls(uow: UnitOfWork, meeting: Meeting) -> list[Outgoing]:
    """Native polls of the meeting are closed when its poll closes, in every group."""
    chats = [(chat.platform, chat.ref) for chat in uow.meetings.chats(meeting.id)]
    return [
        ClosePoll(
            ChatRef(row.platform, row.chat_ref or "", row.chat_title), row.platform_message_id
        )
        for row in uow.outbox.polls_of(f"M{meeting.number}", chats)
        if row.platform_message_id is not None
    ]


def _poll_text(uow: UnitOfWork, services: Services, meeting: Meeting) -> str:
    tz = services.settings.tz
    now = services.clock.now()
    options = uow.meetings.options(meeting.id)
    choices = [f"{o.position}. {o.label}" for o in options]
    deadline = format_deadline(meeting.poll_deadline, tz, now, clock=True)
    if meeting.kind == "meeting":
        lines = [texts.POLL_HEAD.format(label=_label(meeting))]
        agenda = _agenda(uow, services, meeting, detailed=True)
        if agenda:
            lines.append(agenda)
        lines += choices
        if meeting.place:
            lines.append(f"地点：{meeting.place}")
        lines.append(texts.POLL_HOW.format(number=meeting.number, deadline=deadline))
        return "\n".join(lines)
    rule = RULE_LABELS[meeting.rule] + ("，每户一票" if meeting.per_household else "")
    if meeting.quorum:
        rule += f"，至少{meeting.quorum}票有效"
    how = texts.VOTE_HOW_OPEN if meeting.open_ballot else texts.VOTE_HOW_SECRET
    return "\n".join(
        [
            texts.VOTE_HEAD.format(label=_label(meeting)),
            *choices,
            f"规则：{rule}；截止 {deadline}",
            how.format(number=meeting.number, home=" 3-2-301" if meeting.per_household else ""),
        ]
    )


def _agenda_line(services: Services, issue: Issue) -> str:
    return f"#{issue.number} {shorten(issue.description, 16)}"


def _agenda(uow: UnitOfWork, services: Services, meeting: Meeting, *, detailed: bool) -> str:
    """「议题：#1 …；#2 …」 as a poll shows it (`detailed`), or 「议题：#1、#2」; "" for none."""
    agenda = uow.meetings.agenda(meeting.id)
    if not agenda:
        return ""
    if detailed:
        return "议题：" + "；".join(_agenda_line(services, i) for i in agenda)
    return f"议题：{numbers_of(agenda)}"


# -- answering ------------------------------------------------------------------------------------


def ballot(ctx: Context, text: str) -> Outcome:
    """`M1 1` / `M1 1,2` / `M2 1 3-2-301`: a person's answer; their last one counts."""
    match = re.match(r"^[Mm]\s*(\d+)\s*[:：,，]?\s*(.*)$", normalize(text))
    assert match is not None
    meeting = find_meeting(ctx, f"M{match[1]}")
    if meeting.status != "polling" or ctx.now > meeting.poll_deadline:
        unpolled = not was_polled(meeting, ctx.uow.meetings.options(meeting.id))
        if meeting.starts_at is not None and unpolled:
            when = format_deadline(meeting.starts_at, ctx.services.settings.tz, ctx.now, clock=True)
            raise Answer(texts.BALLOT_NO_POLL.format(number=meeting.number, when=when))
        raise Answer(texts.BALLOT_CLOSED.format(number=meeting.number))
    rest = match[2]
    if rest.strip() in WITHDRAW_WORDS:
        return _withdraw(ctx, meeting)
    home_match = HOME.search(rest)
    if home_match:
        rest = rest[: home_match.start()].strip()
    options = len(ctx.uow.meetings.options(meeting.id))
    choices = parse_choices(rest, options, several=meeting.kind == "meeting")
    if choices is None:
        template = texts.BALLOT_BAD_MEETING if meeting.kind == "meeting" else texts.BALLOT_BAD_VOTE
        raise Answer(template.format(number=meeting.number, options=options))
    home = None
    if meeting.per_household:
        home = homes.remember(ctx, home_match)
    existing = ctx.uow.meetings.ballot(meeting.id, ctx.sender.id)
    _cast(ctx, meeting, existing, ",".join(map(str, choices)), home)
    told = _household_replaced(ctx, meeting, home) if home is not None else []
    if meeting.per_household and home is None:
        # Kept, not counted, until the flat is given: 「3-2-301」 next completes it.
        held = (
            texts.BALLOT_NEEDS_HOME if ctx.chat.kind == "private" else texts.BALLOT_NEEDS_HOME_GROUP
        )
        return answer(ctx, held.format(number=meeting.number))
    if meeting.kind == "vote" and not meeting.open_ballot:
        # Secret: no echo of the choice, and a nudge towards a private chat next time.
        secret = texts.BALLOT_SECRET if ctx.chat.kind == "private" else texts.BALLOT_SECRET_GROUP
        said = answer(ctx, secret.format(number=meeting.number))
    else:
        shown = "、".join(map(str, choices))
        changed = texts.BALLOT_CHANGED if existing is not None else texts.BALLOT_TAKEN
        said = answer(ctx, changed.format(number=meeting.number, choices=shown))
    return Outcome([*said.replies, *told], said.status)


def spoken_ballot(ctx: Context, text: str) -> Outcome | None:
    """「我选2」「选1和2」「我选周六」「28号可以」「我同意」 in a group with one poll open
    (privately: open in the community): a ballot for it, its number unsaid. A day names the
    poll's one time on that day; 「同意」 the vote's option of that name. None when no poll open
    is one it answers."""
    spoken = spoken_choice(text)
    assert spoken is not None
    if ctx.chat.kind != "private":
        polls = ctx.uow.meetings.polling_in(ctx.chat.platform, ctx.chat.ref, ctx.now)
    elif ctx.community is not None:
        polls = ctx.uow.meetings.polling_of(ctx.community.id, ctx.now)
    else:
        polls = []
    choices = list(spoken.numbers)
    if spoken.label:
        # 「同意」 answers the vote with that option; said near a time poll, or near votes
        # without it, it is someone agreeing with someone else.
        named = {
            m.id: [o.position for o in ctx.uow.meetings.options(m.id) if o.label == spoken.label]
            for m in polls
            if m.kind == "vote"
        }
        polls = [m for m in polls if named.get(m.id)]
        choices = named[polls[0].id] if polls else []
    if spoken.every:  # 「两个时间都可以」: only a time poll's times are all chosen at once
        polls = [m for m in polls if m.kind == "meeting"]
    if spoken.days:  # a day answers a time poll (a vote's answer is a number)
        polls = [m for m in polls if m.kind == "meeting"] or polls
    if not polls:  # closed a moment ago, or none with that option: as it reads
        return None
    if len(polls) > 1:
        numbers = "、".join(f"M{m.number}" for m in polls)
        which = texts.SPOKEN_WHICH_POLL if ctx.chat.kind != "private" else texts.SPOKEN_WHICH_OPEN
        raise Answer(which.format(count=len(polls), numbers=numbers, first=polls[0].number))
    meeting = polls[0]
    if spoken.days and meeting.kind != "meeting":
        raise Answer(texts.SPOKEN_VOTE_NUMBER.format(number=meeting.number))
    tz = ctx.services.settings.tz
    options = ctx.uow.meetings.options(meeting.id) if spoken.days or spoken.every else []
    if spoken.every:
        choices = [option.position for option in options]
    for day in spoken.days:
        on_day = [
            o.position for o in options if o.starts_at and day.matches(o.starts_at.astimezone(tz))
        ]
        if len(on_day) != 1:
            template = texts.SPOKEN_NO_DAY if not on_day else texts.SPOKEN_WHICH_TIME
            positions = "、".join(map(str, on_day))
            raise Answer(template.format(number=meeting.number, day=day, positions=positions))
        choices.append(on_day[0])
    return ballot(ctx, f"M{meeting.number} {','.join(map(str, choices))}")


def _cast(
    ctx: Context, meeting: Meeting, existing: Ballot | None, choices: str, home: str | None
) -> None:
    """The sender's answer to `meeting` is `choices` (「1」「1,2」), for `home` under 每户一票:
    their ballot, added or replaced (the last answer counts)."""
    if existing is None:
        ctx.uow.meetings.add_ballot(
            Ballot(
                meeting_id=meeting.id,
                person_id=ctx.sender.id,
                chat_id=ctx.chat.id,
                choices=choices,
                household=home,
                cast_at=ctx.now,
            )
        )
    else:
        existing.choices, existing.household, existing.cast_at = choices, home, ctx.now
        existing.chat_id = ctx.chat.id


def _coming_here(ctx: Context) -> Sequence[Meeting]:
    """The meetings still to come that one asks after or signs up for where they are: those
    sent to their group; privately, the community's (as 议事会 lists them)."""
    if not ctx.message.chat.is_private:
        return ctx.uow.meetings.coming_in(ctx.chat.platform, ctx.chat.ref, ctx.now)
    return [] if ctx.community is None else ctx.uow.meetings.coming_of(ctx.community.id, ctx.now)


def attend(ctx: Context, text: str) -> Outcome | None:
    """「我参加」「报名」 / 「我去不了」 in a group with a meeting coming there (privately: one of
    the community's): the sender is on its attendee list (reminded by name, shown in 查看), or
    off it. With several coming, the
    number says which (「报名 M2」). None when no meeting is coming there (privately, signing
    up is told how it will go)."""
    said = attending_said(text)
    assert said is not None
    coming, number = said.coming, said.number
    meetings = _coming_here(ctx)
    if number is not None:
        meetings = [m for m in meetings if m.number == number]
    if not meetings:
        if number is not None:
            raise Answer(texts.ATTEND_NOT_COMING.format(number=number))
        if coming and (
            off := ctx.uow.meetings.called_off_in(ctx.chat.platform, ctx.chat.ref, ctx.now)
        ):
            return answer(ctx, texts.MEETING_IS_CANCELLED.format(number=off[0].number))
        if coming and ctx.chat.kind == "private":  # 「我想参加议事会」 with none to come
            return answer(ctx, texts.ATTEND_NONE_COMING, "invalid")
        return None
    if len(meetings) > 1:
        numbers = "、".join(f"M{m.number}" for m in meetings)
        raise Answer(texts.ATTEND_WHICH.format(numbers=numbers, first=meetings[0].number))
    meeting = meetings[0]
    assert meeting.chosen is not None and meeting.starts_at is not None
    existing = ctx.uow.meetings.ballot(meeting.id, ctx.sender.id)
    chosen = str(meeting.chosen)
    if not coming:
        if existing is None or chosen not in existing.choices.split(","):
            return answer(ctx, texts.ATTEND_NOT_LISTED.format(number=meeting.number))
        ctx.uow.meetings.withdraw(existing)
        return answer(ctx, texts.ATTEND_OFF.format(number=meeting.number))
    if existing is None or chosen not in existing.choices.split(","):
        _cast(ctx, meeting, existing, chosen, None)
    mine = ctx.uow.meetings.ballot(meeting.id, ctx.sender.id)
    assert mine is not None
    mine.party = said.party
    count = sum(b.party for b in _coming(ctx.uow, meeting))
    when = format_deadline(meeting.starts_at, ctx.services.settings.tz, ctx.now, clock=True)
    who = texts.ATTEND_WHO_ONE
    if said.party > 1:
        who = texts.ATTEND_WHO_MANY.format(party=said.party)
    elif said.stand_in:
        who = texts.ATTEND_WHO_STAND_IN.format(who=said.stand_in)
    line = texts.ATTEND_ON.format(who=who, label=_label(meeting), when=when, count=count)
    return answer(ctx, line)


def when_and_where(ctx: Context, said: str) -> Outcome | None:
    """「几点开会」「在哪开会」 in a group with meetings coming there: each one's time and place
    (one called off before its time, that it was; 「有几个人报名了」: with how many signed up;
    「周四几点」: the one on that day); 「投票什么时候截止」 with polls open there: when each
    closes. Privately, of the community's (none: said so). None when none is there."""
    chat, now, tz = ctx.chat, ctx.now, ctx.services.settings.tz
    coming = _coming_here(ctx)
    polling: Sequence[Meeting] = []
    called_off: Sequence[Meeting] = []
    if not ctx.message.chat.is_private:
        polling = ctx.uow.meetings.polling_in(chat.platform, chat.ref, now)
        called_off = ctx.uow.meetings.called_off_in(chat.platform, chat.ref, now)
    elif ctx.community is not None:  # 「几点开会」 privately: the community's, as 议事会 lists
        polling = ctx.uow.meetings.polling_of(ctx.community.id, now)
    if (day := day_time_asked(said)) is not None:  # of the meeting that day, if there is one
        coming = [m for m in coming if m.starts_at and day.matches(m.starts_at.astimezone(tz))]
        polling, called_off = [], []
    counted = signups_asked(said)  # 「谁报名了」 among neighbours: how many, not who
    published = []
    outcome = outcome_asked(said)  # 「议事会结果是什么」: the 公示 whole
    if ctx.community is not None and ("公示" in ctx.message.text or outcome):
        published = list(ctx.uow.meetings.publicising(ctx.community.id, now))
    if not (coming or polling or published or called_off):
        if ctx.community is None or not (ctx.message.chat.is_private or ctx.message.mentions_bot):
            return None
        # Said to the bot: none (privately, in the community; in a group, sent there).
        none = texts.MEETINGS_NONE if ctx.message.chat.is_private else texts.MEETINGS_NONE_HERE
        return answer(ctx, none)
    lines = []
    for meeting in called_off:  # 「会议取消了吗」: it was, before its time
        assert meeting.starts_at is not None
        was = texts.MEETING_WAS_AT.format(
            when=format_deadline(meeting.starts_at, tz, now, clock=True)
        )
        lines.append(texts.MEETING_CANCELLED.format(label=_label(meeting), old=was, reason=""))
    for meeting in coming:
        assert meeting.starts_at is not None
        when = format_deadline(meeting.starts_at, tz, now, clock=True)
        if weekday_asked(said):  # 「议事会是周几」
            when += f"（周{WEEKDAY_NAMES[meeting.starts_at.astimezone(tz).weekday()]}）"
        place = texts.MEETING_PLACE.format(place=meeting.place) if meeting.place else ""
        line = texts.MEETING_WHEN.format(label=_label(meeting), when=when, place=place)
        if counted:
            signed = sum(ballot.party for ballot in _coming(ctx.uow, meeting))
            line += texts.MEETING_SIGNUPS.format(count=signed) if signed else texts.NO_SIGNUPS
        lines.append(line)
    for meeting in polling:
        closes = format_deadline(meeting.poll_deadline, tz, now, clock=True)
        lines.append(texts.POLL_CLOSES.format(label=_label(meeting), closes=closes))
    for meeting in published:
        assert meeting.publicity_until is not None
        if outcome:
            lines.append(_publicity(ctx, meeting))
            continue
        until = format_deadline(meeting.publicity_until, tz, now)
        line = texts.PUBLICITY_UNTIL.format(
            label=_label(meeting), until=until, number=meeting.number
        )
        lines.append(line)
    return answer(ctx, "\n".join([*lines, texts.MEETING_WHEN_FOOT] if coming else lines))


def question_relayed(ctx: Context, token: str, said: str) -> Outcome | None:
    """「需要带什么吗」 in reply to the bot's meeting or vote `token` (M1) in a group: passed
    privately to whoever called it, the group told so. None when that meeting is over or
    gone, or when its caller asks it."""
    if ctx.community is None:
        return None
    meeting = ctx.uow.meetings.by_number(ctx.community.id, int(token[1:]))
    if meeting is None or meeting.status in ("closed", "cancelled"):
        return None
    return _relayed(ctx, meeting, said)


def question_heard(ctx: Context, said: str) -> Outcome | None:
    """「能线上参加吗」 in a group with a meeting coming or a poll open there, not in reply to
    its message: passed on as a reply to it would be (of the soonest, with several). None
    when there is none."""
    chat = ctx.chat
    there = [
        *ctx.uow.meetings.coming_in(chat.platform, chat.ref, ctx.now),
        *ctx.uow.meetings.polling_in(chat.platform, chat.ref, ctx.now),
    ]
    if ctx.community is None or not there:
        return None
    if (more := attending_and_more(normalize(said))) is not None:
        return _attending_and_more(ctx, more)
    # Read as a short question (its closing marks aside): what is passed on is that short too.
    return _relayed(ctx, there[0], shorten(said.strip(), _QUESTION_PASSED))


_QUESTION_PASSED = 60  # characters of a question heard in a group, as passed on


def _attending_and_more(ctx: Context, said: AttendingAndMore) -> Outcome | None:
    """「我也参加，能带两个邻居吗」「我去不了，我的意见是…」: signed up (or off), and the rest
    passed to whoever called the meeting: a question as 问N, a view for them to read; other
    words (「到时候见」) go with the signing up. None with no meeting coming here."""
    meetings = _coming_here(ctx)
    attending = attending_said(said.attending)
    assert attending is not None
    listed = any(ctx.uow.meetings.ballot(m.id, ctx.sender.id) is not None for m in meetings)
    if not (attending.coming or listed or said.asked or said.view):
        return None  # 「我去不了，你们去吧」 from someone never signed up: their neighbours'
    if len(meetings) != 1 or not (said.asked or said.view):
        return attend(ctx, said.attending)  # none here (None), several (which?), or no more
    meeting = meetings[0]
    # 「我去不了，…」 from someone never signed up: nothing to take them off
    signed = attend(ctx, said.attending) if attending.coming or listed else None
    if said.asked:
        passed = _relayed(ctx, meeting, shorten(said.more, _QUESTION_PASSED))
    else:
        passed = _view_passed(ctx, meeting, shorten(said.more, _QUESTION_PASSED))
    if passed is None or signed is None:  # the caller's own words; nothing to sign
        return signed or passed
    first, *others = signed.replies
    assert isinstance(first, Reply)
    told = next(r for r in passed.replies if isinstance(r, Reply))
    both = replace(first, text=f"{first.text}\n{told.text}")
    rest = [r for r in passed.replies if r is not told]
    return replace(signed, replies=[both, *others, *rest])


def _view_passed(ctx: Context, meeting: Meeting, said: str) -> Outcome | None:
    """A resident's view of `meeting`'s business (「我的意见是把绿化带改成车位」) to whoever
    called it, privately, the group told so; None when its caller says it."""
    if meeting.created_by_id == ctx.sender.id:
        return None
    caller = ctx.uow.people.get(meeting.created_by_id)
    line = texts.MEETING_VIEW_PASSED.format(
        label=_label(meeting),
        chat=ctx.chat.title or ctx.chat.ref,
        who=mask_name(ctx.sender.name),
        said=said,
    )
    noted = texts.MEETING_VIEW_NOTED.format(number=meeting.number)
    return Outcome([reply_to(ctx, noted), Direct(person_ref(caller), line)], "relayed")


def _relayed(ctx: Context, meeting: Meeting, said: str) -> Outcome | None:
    """A question about `meeting` passed privately to whoever called it as 问N, the group told
    so; None when its caller asks it."""
    if meeting.created_by_id == ctx.sender.id:
        return None
    caller = ctx.uow.people.get(meeting.created_by_id)
    label = _label(meeting)
    question = questions.relay(ctx, label, said, meeting.id)
    line = texts.MEETING_QUESTION_RELAYED.format(
        number=question.number,
        label=label,
        chat=ctx.chat.title or ctx.chat.ref,
        who=mask_name(ctx.sender.name),
        said=said,  # a short question (`guide.asked`)
    )
    noted = texts.MEETING_QUESTION_NOTED.format(number=meeting.number)
    return Outcome([reply_to(ctx, noted), Direct(person_ref(caller), line)], "relayed")


def _household_replaced(ctx: Context, meeting: Meeting, home: str) -> list[Outgoing]:
    """每户一票: the latest ballot for a home counts, whoever cast it (a family votes once).
    Whoever else voted for this home hears privately that theirs no longer counts, and by
    whom, so that a ballot cast for someone else's home does not pass unnoticed."""
    others = {
        b.person_id
        for b in ctx.uow.meetings.ballots(meeting.id)
        if b.household == home and b.person_id != ctx.sender.id
    }
    if not others:
        return []
    line = texts.HOUSEHOLD_REPLACED.format(
        number=meeting.number, home=home, who=mask_name(ctx.sender.name)
    )
    return [Direct(person_ref(ctx.uow.people.get(person)), line) for person in sorted(others)]


def _withdraw(ctx: Context, meeting: Meeting) -> Outcome:
    """`M1 撤回` (or a native poll answer taken back): the person's ballot is gone."""
    existing = ctx.uow.meetings.ballot(meeting.id, ctx.sender.id)
    if existing is None:
        return answer(ctx, texts.BALLOT_NOTHING_TO_WITHDRAW.format(number=meeting.number))
    ctx.uow.meetings.withdraw(existing)
    return answer(ctx, texts.BALLOT_WITHDRAWN.format(number=meeting.number))


def home_given(ctx: Context, text: str) -> Outcome | None:
    """「3-2-301」 from someone whose 每户一票 ballot waits for their flat: it counts now, in every
    vote open that waits for it. None when none waits (closed a moment ago)."""
    waiting = ctx.uow.meetings.homeless(ctx.sender.id, ctx.now)
    if not waiting or ctx.community is None:
        return None
    home = homes.remember(ctx, HOME.search(text))
    assert home is not None
    told: list[Outgoing] = []
    votes = [ctx.uow.meetings.get(held.meeting_id) for held in waiting]
    for held, vote in zip(waiting, votes, strict=True):
        held.household = home
        told += _household_replaced(ctx, vote, home)
    numbers = "、".join(f"M{vote.number}" for vote in votes)
    said = answer(ctx, texts.HOME_TAKEN.format(home=home, numbers=numbers))
    return Outcome([*said.replies, *told], said.status)


def meeting_casts(uow: UnitOfWork, meeting: Meeting) -> list[Cast]:
    return [
        Cast(
            b.person_id,
            tuple(int(c) for c in b.choices.split(",")),
            b.cast_at,
            b.household,
        )
        for b in uow.meetings.ballots(meeting.id)
    ]


# -- closing, deciding, reminding (fired by the scheduler) ---------------------------------------


def close_poll(uow: UnitOfWork, services: Services, reminder: Reminder) -> list[Outgoing]:
    meeting = meeting_of(uow, reminder)
    if meeting.status != "polling":
        return []
    options = uow.meetings.options(meeting.id)
    casts = meeting_casts(uow, meeting)
    closing = _close_polls(uow, meeting)
    if meeting.kind == "vote":
        meeting.status = "closed"
        result = decision(meeting, options, casts)
        meeting.outcome = _vote_result(meeting, options, result.tally.counts, result.tally.voters)
        winner = result.tally.winner
        text = texts.VOTE_RESULT.format(
            label=_label(meeting), result=meeting.outcome, verdict=verdict(result, options)
        )
        meeting.chosen = winner if result.passed else None
        return closing + _to_groups(uow, meeting, text)
    counted = tally(casts, len(options))
    if counted.winner is None:
        meeting.status = "tied"
        if counted.voters == 0:  # nobody answered: not a tie, but still the secretary's call
            return (
                closing
                + _to_groups(uow, meeting, texts.POLL_EMPTY.format(label=_label(meeting)))
                + work_groups(
                    uow, meeting.community_id, texts.POLL_EMPTY_ASK.format(number=meeting.number)
                )
            )
        counts = "；".join(
            f"{o.position}. {o.label} {counted.counts[o.position]}票" for o in options
        )
        return (
            closing
            + _to_groups(uow, meeting, texts.POLL_TIED.format(label=_label(meeting)))
            + work_groups(
                uow,
                meeting.community_id,
                texts.POLL_TIED_ASK.format(number=meeting.number, counts=counts),
            )
        )
    announced = _fix_time(uow, services, meeting, counted.winner, counted.counts[counted.winner])
    return closing + _to_groups(uow, meeting, announced)


def verdict(result: Decision, options: Sequence[MeetingOption]) -> str:
    """「结果为「反对」」 (not 「通过「反对」」: the option chosen, under the rule stated), or
    「未通过（…）」."""
    winner = result.tally.winner
    if result.passed and winner is not None:
        return texts.VOTE_CHOSEN.format(option=options[winner - 1].label)
    return texts.VOTE_NOT_PASSED.format(reason=result.reason)


def decision(meeting: Meeting, options: Sequence[MeetingOption], casts: list[Cast]) -> Decision:
    """A vote's result under its own rule, quorum and counting (per person or household)."""
    return decide(
        casts,
        len(options),
        rule=meeting.rule,
        quorum=meeting.quorum,
        per_household=meeting.per_household,
    )


def _vote_result(
    meeting: Meeting, options: Sequence[MeetingOption], counts: dict[int, int], voters: int
) -> str:
    unit = "户" if meeting.per_household else "人"
    parts = "、".join(f"{o.label}{counts[o.position]}" for o in options)
    quorum = f"，至少{meeting.quorum}票有效" if meeting.quorum else ""
    return f"参与{voters}{unit}，{parts}；规则：{RULE_LABELS[meeting.rule]}{quorum}"


def _fix_time(
    uow: UnitOfWork,
    services: Services,
    meeting: Meeting,
    position: int,
    votes: int | None,
    *,
    detailed: bool = False,
) -> str:
    """The meeting's time is settled: the attendees' reminders before it and the call for its
    outcome after it are scheduled. Returns the announcement for the groups; `detailed` shows
    the agenda as a poll does (for a meeting fixed at once, whose groups saw no poll)."""
    option = uow.meetings.options(meeting.id)[position - 1]
    assert option.starts_at is not None
    meeting.status, meeting.chosen, meeting.starts_at = "scheduled", position, option.starts_at
    now = services.clock.now()
    tz = services.settings.tz
    meeting_day = datetime.combine(option.starts_at.astimezone(tz).date(), time(0), tzinfo=tz)
    # 「明天开会」 only the day before; 「…后开会」 until it begins.
    expiry = {MEETING_DAY: meeting_day, MEETING_HOUR: option.starts_at}
    for kind, before in ((MEETING_DAY, timedelta(days=1)), (MEETING_HOUR, timedelta(hours=1))):
        due = option.starts_at - before
        _schedule(uow, meeting, kind, due if due > now else None, expiry[kind])
    # Asked for only while it is still to come: a time decided after the fact needs no call.
    ask = option.starts_at + OUTCOME_AFTER
    _schedule(uow, meeting, MEETING_OUTCOME, ask if ask > now else None)
    return _fixed_text(uow, services, meeting, votes, detailed=detailed)


def _fixed_text(
    uow: UnitOfWork, services: Services, meeting: Meeting, votes: int | None, *, detailed: bool
) -> str:
    """「📅 M1 … 定于 …」: a meeting whose time is fixed, as its groups are told."""
    assert meeting.chosen is not None
    option = uow.meetings.options(meeting.id)[meeting.chosen - 1]
    agenda = _agenda(uow, services, meeting, detailed=detailed)
    return texts.MEETING_FIXED.format(
        label=_label(meeting),
        when=option.label,
        votes=f"（{votes}人选择）" if votes is not None else "",
        place=texts.MEETING_PLACE.format(place=meeting.place) if meeting.place else "",
        agenda=f"{agenda}。" if agenda else "",
    )


def share_meeting(ctx: Context, args: str) -> Outcome:
    """发到 M1 网格3,网格5 / 全部 — a meeting or vote still open to answer goes to more groups:
    its poll, or its fixed time, posted in each that did not have it."""
    check(ctx, "share_meeting")
    token, _, where = normalize(args).partition(" ")
    meeting = find_meeting(ctx, token, "share_meeting", coming=True)
    if not where.strip():
        raise Answer(ctx.services.command("share_meeting").usage_line())
    if meeting.status not in ("polling", "scheduled") or (
        meeting.starts_at is not None and meeting.starts_at <= ctx.now
    ):
        raise Answer(texts.MEETING_NOT_SHARED.format(number=meeting.number))
    had = {chat.id for chat in ctx.uow.meetings.chats(meeting.id)}
    new = [chat for chat in _groups(ctx, where) if chat.id not in had]
    if not new:
        raise Answer(texts.MEETING_SHARED_ALREADY.format(number=meeting.number))
    ctx.uow.meetings.add_parts([MeetingChat(meeting_id=meeting.id, chat_id=c.id) for c in new])
    if meeting.status == "scheduled":
        text = _fixed_text(ctx.uow, ctx.services, meeting, None, detailed=True)
        posts: list[Outgoing] = [Reply(chat_ref(chat), text) for chat in new]
    else:
        text = _poll_text(ctx.uow, ctx.services, meeting)
        posts = [_poll(ctx.uow, meeting, chat_ref(chat), text, None) for chat in new]
    names = "、".join(chat.title or chat.ref for chat in new)
    line = texts.MEETING_SHARED.format(label=_label(meeting), names=names)
    return Outcome([reply_to(ctx, line), *posts], "command")


_MOVE_SAID = re.compile(r"^\s*[/／]?\s*(?:move_meeting|会议改期)", re.IGNORECASE)


def move_meeting(ctx: Context, args: str) -> Outcome:
    """改期 M1 周五19:00 [原因] — a meeting whose time is fixed moves; its groups are told, its
    attendees named, and its reminders follow it."""
    if issue_first(normalize(args))[0] is not None and not _MOVE_SAID.match(ctx.message.text):
        return extend(ctx, args)  # 「改期 1 周五」: an issue's deadline (「会议改期 1 周五」: M1)
    check(ctx, "move_meeting")
    token, _, rest = normalize(args).partition(" ")
    meeting = find_meeting(ctx, token, "move_meeting", coming=True)
    words = [w for w in re.split(r"[\s,，;；]+", rest) if w]  # 「周五19:00，下雨」
    if meeting.kind != "meeting" or not words:
        raise Answer(ctx.services.command("move_meeting").usage_line())
    _still_to_hold(ctx, meeting)
    if words[0].removeprefix("的") in _PLACE_WORDS:  # 「议事会地点改到罐罐茶」
        return _move_place(ctx, meeting, " ".join(words[1:]))
    if meeting.status != "scheduled" or meeting.chosen is None:
        raise Answer(texts.MEETING_NOT_FIXED.format(number=meeting.number))
    typed, starts, reason = _time_then_reason(ctx, words)
    option = ctx.uow.meetings.options(meeting.id)[meeting.chosen - 1]
    if not names_a_day(typed) and option.starts_at is not None:
        # 「改到下午2点」: the same day, at that hour
        tz = ctx.services.settings.tz
        day = option.starts_at.astimezone(tz)
        starts = starts.astimezone(tz).replace(year=day.year, month=day.month, day=day.day)
    if starts <= ctx.now:
        raise Answer(texts.MEETING_TIME_PAST.format(typed=typed))
    old, label = (
        option.label,
        format_deadline(starts, ctx.services.settings.tz, ctx.now, clock=True),
    )
    if label == old:
        raise Answer(texts.MEETING_MOVED_ALREADY.format(number=meeting.number, when=old))
    option.starts_at, option.label = starts, label
    _fix_time(ctx.uow, ctx.services, meeting, meeting.chosen, None)
    after, moved = deadline_in(ctx, AGENDA_LEVEL, starts), f"{_label(meeting)}，改到 {label}"
    for issue in ctx.uow.meetings.agenda(meeting.id):  # its open issues wait for it still
        if issue.status in OPEN:
            _on_agenda(ctx, issue, "agenda", moved, after)
    record_community(
        ctx, meeting.community_id, "meeting_moved", f"{_label(meeting)}：{old}→{option.label}"
    )
    said = texts.MEETING_MOVED.format(
        label=_label(meeting),
        when=option.label,
        old=old,
        place=texts.MEETING_PLACE.format(place=meeting.place) if meeting.place else "",
        reason=texts.MEETING_BECAUSE.format(reason=reason) if reason else "",
    )
    return Outcome(_tell_attendees(ctx, meeting, said, texts.MEETING_MOVED_DONE), "command")


def cancel_meeting(ctx: Context, args: str) -> Outcome:
    """取消会议 M1 [原因] — a meeting not yet held is called off; its groups are told, its
    attendees named, and its reminders cancelled."""
    check(ctx, "cancel_meeting")
    token, _, reason = normalize(args).partition(" ")
    meeting = find_meeting(ctx, token, "cancel_meeting", coming=True)
    if meeting.kind != "meeting":
        raise Answer(ctx.services.command("cancel_meeting").usage_line())
    _still_to_hold(ctx, meeting)
    old = ctx.uow.meetings.options(meeting.id)[meeting.chosen - 1].label if meeting.chosen else ""
    closing = _close_polls(ctx.uow, meeting) if meeting.status == "polling" else []
    meeting.status = "cancelled"
    for kind in (MEETING_DAY, MEETING_HOUR, MEETING_OUTCOME, MEETING_CLOSE, MEETING_NUDGE):
        _schedule(ctx.uow, meeting, kind, None)
    record_community(ctx, meeting.community_id, "meeting_cancelled", f"{_label(meeting)}：{reason}")
    said = texts.MEETING_CANCELLED.format(
        label=_label(meeting),
        old=texts.MEETING_WAS_AT.format(when=old) if old else "",
        reason=texts.MEETING_BECAUSE.format(reason=reason.strip()) if reason.strip() else "",
    )
    told = _tell_attendees(ctx, meeting, said, texts.MEETING_CANCELLED_DONE)
    return Outcome([*closing, *told], "command")


def _still_to_hold(ctx: Context, meeting: Meeting) -> None:
    """Refuse a meeting already held, called off, or with its outcome recorded."""
    if meeting.status == "cancelled":
        raise Answer(texts.MEETING_IS_CANCELLED.format(number=meeting.number))
    held = meeting.starts_at is not None and meeting.starts_at <= ctx.now
    if held or meeting.outcome:
        raise Answer(texts.MEETING_ALREADY_HELD.format(number=meeting.number))


_PLACE_WORDS = frozenset({"地点", "地方", "会场", "开会地点"})
MEETING_PLACE_MAX = 40  # characters: a place, not a paragraph
OUTCOME_MAX = 1000  # characters of decisions, as a notice's


def _move_place(ctx: Context, meeting: Meeting, place: str) -> Outcome:
    """改期 M1 地点 罐罐茶 (「议事会地点改到罐罐茶」): the meeting is held elsewhere, its time
    kept; its groups are told, its attendees named."""
    place = place.strip()
    if not place:
        raise Answer(texts.MEETING_PLACE_WANTED.format(number=meeting.number))
    if len(place) > MEETING_PLACE_MAX:
        raise Answer(texts.MEETING_PLACE_TOO_LONG.format(limit=MEETING_PLACE_MAX))
    if place == meeting.place:
        raise Answer(texts.MEETING_PLACE_ALREADY.format(number=meeting.number, place=place))
    old = meeting.place
    meeting.place = place
    record_community(
        ctx, meeting.community_id, "meeting_moved", f"{_label(meeting)}：地点 {old or '—'}→{place}"
    )
    when = ""
    if meeting.status == "scheduled" and meeting.chosen is not None:
        option = ctx.uow.meetings.options(meeting.id)[meeting.chosen - 1]
        when = texts.MEETING_TIME_KEPT.format(when=option.label)
    said = texts.MEETING_PLACE_MOVED.format(
        label=_label(meeting),
        place=place,
        old=texts.MEETING_PLACE_WAS.format(place=old) if old else "",
        when=when,
    )
    return Outcome(_tell_attendees(ctx, meeting, said, texts.MEETING_PLACE_MOVED_DONE), "command")


def _time_then_reason(ctx: Context, words: list[str]) -> tuple[str, datetime, str]:
    """「周五 19:00 下雨」→ (「周五 19:00」, that moment, 「下雨」): the longest leading words
    that read as a time (at most two), and the rest as the reason; a first word that is no
    time is answered as 议事 answers it."""
    for count in (2, 1):
        typed = " ".join(words[:count])
        if len(words) >= count:
            try:
                starts = ctx.services.deadline(typed, ctx.now, calendar_days=True)
            except DeadlineError:
                continue
            return typed, starts, " ".join(words[count:])
    return words[0], _when(ctx, words[0]), " ".join(words[1:])


def _attendance_lines(uow: UnitOfWork, meeting: Meeting) -> list[str]:
    """「参加：王*（2人）、陈*爷，共3人」 for a meeting whose time is fixed; none when nobody
    said they would come."""
    coming = _coming(uow, meeting)
    if not coming:
        return []
    names = [
        mask_name(uow.people.get(b.person_id).name)
        + (texts.ATTEND_PARTY.format(party=b.party) if b.party > 1 else "")
        for b in coming
    ]
    total = sum(b.party for b in coming)
    return [texts.ATTENDING_LINE.format(names="、".join(names), total=total)]


def _coming(uow: UnitOfWork, meeting: Meeting) -> list[Ballot]:
    """The ballots of those who said they would come (or chose the time it is held at)."""
    if meeting.chosen is None:
        return []
    chosen = str(meeting.chosen)
    return [b for b in uow.meetings.ballots(meeting.id) if chosen in b.choices.split(",")]


# What 「提醒报名的人…」 may add that the meeting's own reminder says already.
_SAYS_NOTHING_MORE = re.compile(
    r"^(?:记得|别忘了|不要忘了)?(?:明天|今天|后天|下午|上午|晚上|按时)*(?:要|来|去)?(?:开会|参会|参加)?"
    r"(?:了|哦|啊|吧)?$"
)
# 「提醒报名的人会议改到下午了」: a change is made with 改期, which tells them.
_A_CHANGE = re.compile(r"改到|改期|改成|推迟|提前|延期|取消|换地方|地点改|不开了")


def attendees_reminded(ctx: Context, words: str) -> Outcome | None:
    """「提醒报名的人明天开会」「提醒一下参会的人，带上身份证」 (secretary or grid worker): the
    meeting still to come is posted again now to its groups (its time, place and the words said,
    if any more than that), with its attendees @-mentioned; its own reminders still come. A change
    of time or place is pointed to 改期, which tells them as it changes the meeting. None (the
    words are chat) from anyone who calls no meetings."""
    if ctx.community is None or refusal("meeting", ctx.actor) is not None:
        return None
    meeting = _the_one_coming(ctx, ctx.community.id, ANY_MEETING, latest=False)
    if _A_CHANGE.search(words):
        raise Answer(texts.MEETING_REMIND_CHANGE.format(number=meeting.number))
    if meeting.starts_at is None:
        raise Answer(texts.MEETING_REMIND_NOT_FIXED.format(label=_label(meeting)))
    if not _attendees(ctx.uow, meeting):
        raise Answer(texts.MEETING_REMIND_NOBODY.format(label=_label(meeting)))
    tz, now = ctx.services.settings.tz, ctx.now
    more = words.strip(" ，,：:")
    if len(more) > NOTICE_MAX:  # posted to every group of the meeting: a message read whole
        raise Answer(texts.REMIND_TOO_LONG.format(limit=NOTICE_MAX))
    said = texts.MEETING_REMINDED.format(
        at=format_deadline(meeting.starts_at, tz, now, clock=True),
        label=_label(meeting),
        place=texts.MEETING_PLACE.format(place=meeting.place) if meeting.place else "",
        more="" if _SAYS_NOTHING_MORE.match(normalize(more)) else f"{more}（{ctx.sender.name}）",
    )
    return Outcome(_tell_attendees(ctx, meeting, said, texts.MEETING_REMINDED_DONE), "command")


def _attendees(uow: UnitOfWork, meeting: Meeting) -> list[Person]:
    """Who said they would come (or chose the time it is held at)."""
    return [uow.people.get(b.person_id) for b in _coming(uow, meeting)]


def _tell_attendees(ctx: Context, meeting: Meeting, said: str, done: str) -> list[Outgoing]:
    """`said` to the meeting's groups, naming its attendees; `done` to the sender."""
    people = _attendees(ctx.uow, meeting)
    mentions = tuple(person_ref(p) for p in people)
    groups = [
        Reply(chat_ref(chat), said, mentions=mentions)
        for chat in ctx.uow.meetings.chats(meeting.id)
    ]
    told = texts.MEETING_ATTENDEES_TOLD.format(count=len(people)) if people else ""
    line = done.format(number=meeting.number, groups=len(groups), attendees=told)
    others = [
        g for g in groups if g.chat.ref != ctx.chat.ref or g.chat.platform != ctx.chat.platform
    ]
    return [reply_to(ctx, line), *others]


def decide_time(ctx: Context, args: str) -> Outcome:
    """决定 M1 2 — the secretary settles a tied (or any) time poll."""
    check(ctx, "decide")
    token, _, choice = normalize(args).partition(" ")
    meeting = find_meeting(ctx, token, "decide")
    options = len(ctx.uow.meetings.options(meeting.id))
    position = whole_number(choice)
    if meeting.kind != "meeting" or position is None:
        raise Answer(ctx.services.command("decide").usage_line())
    if not 1 <= position <= options:
        raise Answer(texts.DECIDE_RANGE.format(options=options))
    was_polling = meeting.status == "polling"
    chosen = ctx.uow.meetings.options(meeting.id)[position - 1]
    if meeting.status == "scheduled" and meeting.chosen == position:
        # Decided again as it stands: nothing moves, the groups are not told twice.
        line = texts.DECIDED.format(number=meeting.number, when=chosen.label)
        raise Answer(line.removesuffix("。") + texts.ALREADY_SO)
    messages = _to_groups(
        ctx.uow, meeting, _fix_time(ctx.uow, ctx.services, meeting, position, None)
    )
    if was_polling:  # decided before the deadline: the polls close now
        messages = _close_polls(ctx.uow, meeting) + messages
    confirm = reply_to(ctx, texts.DECIDED.format(number=meeting.number, when=chosen.label))
    return Outcome([confirm, *[m for m in messages if _chat_of(m) != ctx.chat.ref]], "command")


def _chat_of(message: Outgoing) -> str:
    return message.chat.ref if isinstance(message, Reply) else ""


def nudge(uow: UnitOfWork, services: Services, reminder: Reminder) -> list[Outgoing]:
    """Two hours before a time poll closes: name only the invitees who have not answered."""
    meeting = meeting_of(uow, reminder)
    if meeting.status != "polling":
        return []
    answered = {b.person_id for b in uow.meetings.ballots(meeting.id)}
    # Each invitee, with the chats they reported or followed from: a group names its own.
    invited: dict[int, set[int]] = {}
    privately: dict[int, None] = {}  # who reported privately is not named in a group (§9)
    for issue in uow.meetings.agenda(meeting.id):
        if issue.private:
            privately[issue.reporter_id] = None
        else:
            invited.setdefault(issue.reporter_id, set()).add(issue.chat_id)
        for follower in uow.issues.followers(issue.id):
            invited.setdefault(follower.person_id, set()).add(follower.chat_id)
    missing = {p: chats for p, chats in invited.items() if p not in answered and p not in privately}
    choices = "；".join(f"{o.position}. {o.label}" for o in uow.meetings.options(meeting.id))
    ask = texts.POLL_NUDGE_PRIVATE.format(number=meeting.number, options=choices)
    asked: list[Outgoing] = [
        Direct(person_ref(uow.people.get(p)), ask) for p in privately if p not in answered
    ]
    left = _time_left(meeting.poll_deadline - services.clock.now())
    groups = uow.meetings.chats(meeting.id)
    polled = {chat.id for chat in groups}
    nudges: list[Outgoing] = []
    for chat in groups:
        # Named where they spoke up; someone from none of these groups, in each of them.
        here = [
            uow.people.get(p)
            for p, chats in missing.items()
            if chat.id in chats or not chats & polled
        ]
        if here:
            names = "、".join(mask_name(p.name) for p in here)
            text = texts.POLL_NUDGE.format(number=meeting.number, left=left, names=names)
            nudges.append(Reply(chat_ref(chat), text, mentions=tuple(person_ref(p) for p in here)))
    return asked + nudges


def _time_left(left: timedelta) -> str:
    """`2小时`, `1小时30分钟`, `45分钟`: what is left, by the minute (a nudge sent late, after
    an outage, says what is really left)."""
    hours, minutes = divmod(max(1, math.ceil(left.total_seconds() / 60)), 60)
    return (f"{hours}小时" if hours else "") + (f"{minutes}分钟" if minutes else "")


def remind_attendees(uow: UnitOfWork, services: Services, reminder: Reminder) -> list[Outgoing]:
    meeting = meeting_of(uow, reminder)
    if meeting.status != "scheduled" or meeting.starts_at is None:
        return []
    attendees = _attendees(uow, meeting)
    now = services.clock.now()
    # 「一小时后」 on time; what is really left when sent late or held for the morning.
    left = _time_left(meeting.starts_at - now)
    when = (
        "明天" if reminder.kind == MEETING_DAY else ("一小时" if left == "1小时" else left) + "后"
    )
    text = texts.MEETING_SOON.format(
        when=when,
        at=format_deadline(meeting.starts_at, services.settings.tz, now, clock=True),
        label=_label(meeting),
        place=texts.MEETING_PLACE.format(place=meeting.place) if meeting.place else "",
    )
    mentions = tuple(person_ref(p) for p in attendees)
    return [
        Reply(chat_ref(chat), text, mentions=mentions) for chat in uow.meetings.chats(meeting.id)
    ]


def ask_outcome(uow: UnitOfWork, services: Services, reminder: Reminder) -> list[Outgoing]:
    """After the meeting: the work group is asked to record its outcome, unless it has been."""
    meeting = meeting_of(uow, reminder)
    if meeting.status != "scheduled" or meeting.starts_at is None or meeting.outcome:
        return []
    now = services.clock.now()
    text = texts.OUTCOME_ASK.format(
        label=_label(meeting),
        at=format_deadline(meeting.starts_at, services.settings.tz, now, clock=True),
        number=meeting.number,
    )
    return [*work_groups(uow, meeting.community_id, text)]


# -- outcome and publicity ------------------------------------------------------------------------


def outcome(ctx: Context, args: str) -> Outcome:
    """结果 M1 决议 …；… 行动 @物业 2号楼装充电桩 10个工作日；… — decisions and action items."""
    check(ctx, "outcome")
    token, _, rest = args.strip().partition(" ")
    if _NUMBERED.match(normalize(args.strip())):
        meeting = find_meeting(ctx, token, "outcome")
    else:  # 「结果 决议 …」「结果 停车议事会 …」: the meeting held and waiting for it
        meeting, named = _awaiting_outcome(ctx, token, rest)
        rest = rest if named else args.strip()
    head, parts = _segments(rest, ("决议", "行动"))
    # 「结果 M1 采纳方案一，物业两周内划线」: without the word 决议, what comes first is it.
    decided = parts.get("决议", head)
    decisions = [d.strip() for d in _ITEMS.split(decided) if d.strip()]
    if not decisions:
        raise Answer(ctx.services.command("outcome").usage_line())
    # Recorded again (put right): an action item said again is the one given before; one
    # no longer said, still open, is called off.
    earlier = [i for i in ctx.uow.meetings.actions(meeting.id) if i.status in OPEN]
    items = [item for item in _ITEMS.split(parts.get("行动", "")) if item.strip()]
    decided_all = "；".join(decisions)
    if len(decided_all) > OUTCOME_MAX:  # published to the groups, and shown in every record
        raise Answer(texts.OUTCOME_TOO_LONG.format(limit=OUTCOME_MAX))
    agenda = ctx.uow.meetings.agenda(meeting.id)
    actions = [
        _action(ctx, meeting, agenda, item, earlier=earlier, decided=decided_all) for item in items
    ]
    meeting.outcome = decided_all
    messages: list[Outgoing] = _called_off(ctx, meeting, earlier)
    if meeting.kind == "meeting" and meeting.status in ("polling", "tied"):
        # Decided without waiting for the time poll: it closes now, and says nothing more
        # later. (A decision vote runs to its deadline and announces its result.)
        meeting.status = "closed"
        for kind in (MEETING_NUDGE, MEETING_CLOSE):
            _schedule(ctx.uow, meeting, kind, None)
        messages += _close_polls(ctx.uow, meeting)
    told: set[int] = {ctx.chat.id}
    line = texts.OUTCOME_TO_REPORTER
    # The agenda's open issues now wait for the action items (done with the last of them:
    # handlers.ledger.agenda_done); with none, the secretary is told to close them.
    due = [i.deadline for i, _ in actions if i.status in OPEN and i.deadline is not None]
    agenda = ctx.uow.meetings.agenda(meeting.id)
    for issue in agenda:
        note = f"{_label(meeting)}：{meeting.outcome}"
        _on_agenda(ctx, issue, "outcome", note, max(due) if due else None)
        for chat in watcher_chats(ctx.uow, issue):
            if chat.id not in told:
                told.add(chat.id)
                messages.append(
                    Reply(
                        chat_ref(chat),
                        line.format(
                            number=issue.number,
                            label=_label(meeting),
                            outcome=clause(meeting.outcome),
                        ),
                    )
                )
    for _, direct in actions:
        messages += direct
    summary = texts.OUTCOME_RECORDED.format(
        label=_label(meeting),
        decisions=len(decisions),
        actions=numbers_of(i for i, _ in actions) or "无",
    )
    still_open = [issue for issue in agenda if issue.status in OPEN]
    if still_open and not due:  # nothing left to do that would close them
        summary += "\n" + texts.OUTCOME_AGENDA_OPEN.format(numbers=numbers_of(still_open))
    if not actions and (units := _units_in(ctx, meeting.outcome)):
        # 「同意划线增加20个车位，物业两周内完成」: work for a unit, which nobody will track
        # unless it is an action item: the command with the unit's clause as one.
        summary += "\n" + _action_hint(meeting, units)
    return Outcome([reply_to(ctx, summary), *messages], "command")


def _action_hint(meeting: Meeting, units: list[str]) -> str:
    """How to record the outcome again with the clause naming a unit as its action item:
    「划20个车位，每月100元，物业两周内划线」 → 「结果 M1 决议 划20个车位，每月100元
    行动：物业两周内划线」; a unit named in no clause of its own, its template."""
    clauses = [c.strip() for c in _CLAUSES.split(meeting.outcome) if c.strip()]
    for at, said in enumerate(clauses):
        if said.startswith(tuple(units)):
            # 「物业负责划线，月底前完成」: by when, in the clause after it, is the item's too
            end = at + 2 if _BY_WHEN.match("".join(clauses[at + 1 : at + 2])) else at + 1
            return texts.OUTCOME_ACTION_SAID.format(
                units="、".join(units),
                number=meeting.number,
                decisions="，".join(clauses[:at] + clauses[end:]),
                action="，".join(clauses[at:end]),
            )
    return texts.OUTCOME_ACTION_HINT.format(
        units="、".join(units), number=meeting.number, decisions=meeting.outcome, unit=units[0]
    )


_CLAUSES = re.compile(r"[，,；;。]")
_BY_WHEN = re.compile(
    r"^[^\s,，]{1,10}?(?:前|之前|以前|内|以内|之内)(?:完成|办好|做好|落实|到位|办完|弄好)?$"
)


def _units_in(ctx: Context, said: str) -> list[str]:
    """The community's units `said` names (物业, 街道城管办 …)."""
    return [unit.name for unit in ctx.community_settings().units if unit.name in said]


def _on_agenda(ctx: Context, issue: Issue, action: str, note: str, until: datetime | None) -> None:
    """Record `action` (列入议题, 议定) on an agenda issue. One still open waits for the
    meeting, or its action items, until `until` (None: as it was): due no sooner, and taken
    up (待受理 → 已受理) if it was not yet, so that nobody is pressed to 派单 it meanwhile."""
    if until is not None and issue.status in OPEN:
        if issue.deadline is None or issue.deadline < until:
            issue.deadline = until
        if issue.status is IssueStatus.NEW:  # as 受理 takes it up, its reporter's points too
            move(ctx, issue, Action.ACCEPT, note, recorded_as=action)
            return
    record(ctx, issue, action, note)


def _called_off(ctx: Context, meeting: Meeting, dropped: list[Issue]) -> list[Outgoing]:
    """Action items of an outcome recorded before that the new one no longer has: 已退回
    (「M1 结果已更正，此项取消」), their holders told."""
    told: list[Outgoing] = []
    for issue in dropped:
        holders = working_on(ctx.uow, issue)
        move(ctx, issue, Action.REJECT, texts.ACTION_DROPPED_REASON.format(label=_label(meeting)))
        line = texts.ACTION_DROPPED.format(number=issue.number, label=_label(meeting))
        told += tell_privately(holders, line, skip=ctx.sender.id)
    return told


_ITEM_WORDS = re.compile(r"[\s,，。]+")
_TASK_KIND_SURE = 0.5  # the analyser's confidence in a task's own category to keep it
_TASK_AT_MOST = 100  # characters of the decisions an action item saying only by when takes
# 「周五前划线」「12月1日之前装好」「两周内划线」「10个工作日内装好」: by when, then what.
_BY_FIRST = re.compile(
    r"^(?P<when>[^\s,，]{1,10}?(?:前|之前|以前|内|以内|之内))[\s,，]*(?P<what>\S.*)$"
)


def _action(
    ctx: Context,
    meeting: Meeting,
    agenda: Sequence[Issue],
    item: str,
    *,
    earlier: list[Issue],
    decided: str,
) -> tuple[Issue, list[Outgoing]]:
    """`@物业 2号楼装充电桩 10个工作日` (of `meeting`, on `agenda`) → a tracked issue assigned
    with its deadline; the same one of `earlier` (taken from it) when it was given before, its
    deadline moved if need be. An item that says only by when (「物业两周内完成」) has the
    decisions (`decided`) as its task: the holder reads what to do."""
    # 「物业负责划线，月底前完成」: the clauses of an item are its words as spaces are
    words = _who_then_what(ctx, [w for w in _ITEM_WORDS.split(item) if w])
    if len(words) < 2:
        raise Answer(texts.OUTCOME_BAD_ACTION.format(item=item.strip()))
    person, unit = _worker_meant(ctx, agenda, words[0]) or target_of(ctx, words[0])
    deadline = None
    for count in (2, 1):
        if len(words) > count:
            try:
                deadline = ctx.services.deadline(" ".join(words[-count:]), ctx.now)
            except DeadlineError:
                continue
            words = words[:-count]
            break
    # 「两周内完成」: the deadline took every word; what is to be done is what was decided.
    description = " ".join(words[1:]) or shorten(decided, _TASK_AT_MOST)
    if deadline is None and (first := _BY_FIRST.match(description)) is not None:
        try:  # 「周五前划线」: the deadline said first
            deadline = ctx.services.deadline(first["when"], ctx.now)
            description = first["what"]
        except DeadlineError:
            pass
    holder = (person.id if person else None, unit)
    same = next(
        (
            i
            for i in earlier
            if (i.assignee_id, i.assignee_unit) == holder and i.description == description
        ),
        None,
    )
    if same is not None:
        earlier.remove(same)
        return same, _moved_to(ctx, meeting, same, deadline)
    analysis = ctx.services.analyzer.analyze(description)
    # A task surely of its own kind (「2号楼装充电桩」) is of that kind; else of the agenda's
    # (「施工」 on parking is no noise)
    kinds = {issue.category for issue in agenda}
    kind = analysis.category
    if len(kinds) == 1 and analysis.confidence < _TASK_KIND_SURE:
        kind = kinds.pop()
    category = ctx.services.category(kind)
    assert ctx.community is not None
    now = ctx.now
    issue = ctx.uow.issues.add(
        Issue(
            community_id=ctx.community.id,
            number=ctx.uow.communities.take_issue_number(ctx.community.id),
            grid_id=grid_for(ctx, analysis.location.building),  # 「2号楼装充电桩」: 2号楼's
            chat_id=meeting.chat_id,
            reporter_id=ctx.sender.id,
            filed_by_id=None,
            source_message_id=ctx.message.message_id,
            description=description,
            category=category.code,
            level=category.level,
            building=analysis.location.building,
            unit=analysis.location.unit,
            room=analysis.location.room,
            place=analysis.location.place,
            urgent=False,
            private=False,
            source=Source.MEETING,
            status=IssueStatus.ASSIGNED,
            report_count=1,
            deadline=deadline or deadline_in(ctx, category.level),
            assignee_id=person.id if person else None,
            assignee_unit=unit,
            meeting_id=meeting.id,
            created_at=now,
            updated_at=now,
        )
    )
    record(ctx, issue, "filed", _label(meeting))
    contacts = [person] if person else list(ctx.uow.people.of_unit(ctx.community.id, unit or ""))
    text = texts.ACTION_DIRECT.format(
        number=issue.number,
        label=_label(meeting),
        description=description,
        deadline=shown_deadline(ctx.services, issue.deadline),
    )
    return issue, tell_privately(contacts, text, skip=ctx.sender.id)


def _moved_to(
    ctx: Context, meeting: Meeting, issue: Issue, deadline: datetime | None
) -> list[Outgoing]:
    """An action item given again with another deadline: moved, its holders told."""
    if deadline is None or deadline == issue.deadline:
        return []
    before = shown_deadline(ctx.services, issue.deadline)
    issue.deadline = deadline
    shown = shown_deadline(ctx.services, deadline)
    record(ctx, issue, Action.EXTEND.value, f"{before} → {shown}（{_label(meeting)}）")
    line = texts.ACTION_MOVED.format(number=issue.number, label=_label(meeting), deadline=shown)
    return tell_privately(working_on(ctx.uow, issue), line, skip=ctx.sender.id)


# 「物业负责划线」: who, then what they are to do (what is left once 负责 is said).
_DUTY = re.compile(r"^(?:负责|来|去|要|需要)")
_NAME_AT_MOST = 12  # characters of a unit's or a person's name run into the task


# 「网格员统计车辆」: the grid worker of the meeting's business
_WORKER_WORDS = frozenset({"网格员", "各网格员", "网格员们"})


def _worker_meant(
    ctx: Context, agenda: Sequence[Issue], word: str
) -> tuple[Person, str | None] | None:
    """「网格员」 as an action item's holder: the one grid worker of the grid the meeting's
    `agenda` is in; asked whom by name when there is no such one. None for other words."""
    assert ctx.community is not None
    if normalize(word).lstrip("@") not in _WORKER_WORDS:
        return None
    grids = {issue.grid_id for issue in agenda} - {None}
    workers = {
        person.id: person
        for person, grant in ctx.uow.people.staff(ctx.community.id)
        if grant.role is Role.WORKER and grant.grid_id in grids
    }
    if len(grids) != 1 or len(workers) != 1:
        raise Answer(texts.ACTION_WHICH_WORKER)
    return next(iter(workers.values())), None


def _who_then_what(ctx: Context, words: list[str]) -> list[str]:
    """An action item's words with its first one parted when it runs a unit or a person with
    a role into the task (「物业负责划线」 → 物业, 划线); as they are otherwise."""
    assert ctx.community is not None
    if not words:
        return words
    first = normalize(words[0]).lstrip("@")
    community = ctx.community_settings()
    if community.find_unit(first) is not None:
        return words
    for cut in range(min(len(first) - 1, _NAME_AT_MOST), 1, -1):
        head = first[:cut]
        named = head in _WORKER_WORDS or ctx.uow.people.named(ctx.community.id, head)
        if community.unit(head) is not None or named:
            task = _DUTY.sub("", first[cut:])
            return [head, *([task] if task else []), *words[1:]]
    return words


def publish(ctx: Context, args: str) -> Outcome:
    """公示 M1 [5天] — post the outcome to every group of the community, open for objections."""
    check(ctx, "publish")
    token, _, days_text = normalize(args).partition(" ")
    if _DAYS.match(token):  # 「公示 5天」: the outcome waiting for it, for 5 days
        token, days_text = "", token
    if not token or token in MEETING_WORDS:  # 「公示」「公示一下」「会议结果公示出去」
        meeting = _awaiting_publicity(ctx, token)
    else:
        meeting = find_meeting(ctx, token, "publish")
    if not meeting.outcome:
        raise Answer(texts.PUBLISH_NOTHING.format(number=meeting.number))
    days_text = days_text.strip().rstrip("天日") or str(DEFAULT_PUBLICITY_DAYS)
    days = whole_number(days_text)
    if days is None or not 1 <= days <= 30:
        raise Answer(ctx.services.command("publish").usage_line())
    assert ctx.community is not None
    until = _when(ctx, f"{days}天")  # the end of the office day, N days on
    meeting.publicity_until = until
    _schedule(ctx.uow, meeting, PUBLICITY_END, until)
    text = _publicity(ctx, meeting)
    chats = [c for c in ctx.uow.chats.of_community(ctx.community.id) if c.kind != "private"]
    replies: list[Outgoing] = [
        reply_to(ctx, text) if c.id == ctx.chat.id else Reply(chat_ref(c), text) for c in chats
    ]
    if ctx.chat.id not in {c.id for c in chats}:
        replies.insert(0, reply_to(ctx, text))
    return Outcome(replies, "command")


_DAYS = re.compile(r"^[0-9]{1,2}[天日]$")


def _publicity(ctx: Context, meeting: Meeting) -> str:
    """The 公示 of a meeting's outcome: its decisions, its action items and until when."""
    assert meeting.publicity_until is not None
    actions = [
        f"#{i.number} {shorten(i.description, 20)}"
        f"（{assignee_label(ctx.uow, i)}，期限 {shown_deadline(ctx.services, i.deadline)}）"
        for i in ctx.uow.meetings.actions(meeting.id)
    ]
    return texts.PUBLICITY.format(
        label=_label(meeting),
        outcome=meeting.outcome,
        actions=("\n行动：" + "；".join(actions)) if actions else "",
        until=format_deadline(meeting.publicity_until, ctx.services.settings.tz, ctx.now),
        number=meeting.number,
    )


def _awaiting_publicity(ctx: Context, word: str) -> Meeting:
    """The one recent meeting (of the kind `word` names, if any) whose outcome is recorded
    and not yet published, for 公示 said without a number; asked which when there are
    several. With none, the one held and still without an outcome is named, else the usage."""
    if ctx.community is None:
        raise Answer(texts.NEEDS_COMMUNITY)
    called = ctx.uow.meetings.called_between(ctx.community.id, ctx.now - 4 * CURRENT_FOR, None)
    called = [m for m in called if not word or of_kind(m.title, word)]
    waiting = [m for m in called if m.outcome and m.publicity_until is None]
    if len(waiting) > 1:
        listed = "、".join(map(_label, waiting))
        raise Answer(texts.PUBLISH_WHICH.format(meetings=listed, number=waiting[0].number))
    if waiting:
        return waiting[0]
    now = ctx.now
    open_now = [m for m in called if m.publicity_until is not None and m.publicity_until > now]
    if open_now:
        meeting = open_now[-1]
        assert meeting.publicity_until is not None
        until = format_deadline(meeting.publicity_until, ctx.services.settings.tz, now)
        raise Answer(texts.PUBLISHED_ALREADY.format(label=_label(meeting), until=until))
    held = [
        m
        for m in called
        if m.kind == "meeting" and m.starts_at is not None and m.starts_at <= ctx.now
    ]
    if held and not held[-1].outcome:
        return held[-1]  # its outcome first (PUBLISH_NOTHING)
    coming = [m for m in called if m.kind == "meeting" and not m.outcome]
    if coming:  # 「公示一下」 before the meeting: it has no outcome yet (PUBLISH_NOTHING)
        return coming[-1]
    raise Answer(ctx.services.command("publish").usage_line())


_OBJECTION = re.compile(r"\s*([MmＭｍ]\s*[0-9０-９]+)[\s:：,，]*(.*)", re.S)


def object_to(ctx: Context, args: str) -> Outcome:
    """异议 M1 内容 — an objection during the 公示, passed to the work group (「异议M1太贵」 and
    「异议 M1：太贵」 too). With one 公示 open, its number may go unsaid: 「异议 太贵」."""
    written = _OBJECTION.match(args)
    if written is not None:
        return _object(ctx, find_meeting(ctx, written[1], "object"), written[2])
    meeting = _publicised(ctx)
    if meeting is None:
        raise Answer(ctx.services.command("object").usage_line())
    if not args.strip() and ctx.actor.role in STAFF:  # 「异议」 alone: those it has had
        return minutes(ctx, f"M{meeting.number}")
    return _object(ctx, meeting, args)


def publicity_replied(ctx: Context, token: str, said: str) -> Outcome | None:
    """Words in reply to the bot's 📢 公示 of `token` (M1) in a group, while its 公示 runs:
    a question (「什么时候开始收」「为什么要收费」) passed to whoever called it as 问N; words that
    disagree (「太贵了」「车位应该先给老人」) an 异议, as 「异议 M1 …」 is. None for other words
    (「支持」「辛苦了」), from staff, and once the 公示 is over."""
    if ctx.community is None or ctx.actor.role in STAFF:  # staff say 「异议 M1 …」 if they must
        return None
    meeting = ctx.uow.meetings.by_number(ctx.community.id, int(token[1:]))
    if meeting is None or meeting.publicity_until is None or ctx.now > meeting.publicity_until:
        return None
    words = normalize(said)
    if asks(words):
        return _relayed(ctx, meeting, shorten(said.strip(), _QUESTION_PASSED))
    return _object(ctx, meeting, said) if disagrees(words) else None


def spoken_objection(ctx: Context, text: str) -> Outcome | None:
    """「我有异议，停车费太贵」 while a 公示 is open in the sender's community: an objection to
    it. None when none is open there (the message is then what it otherwise reads as)."""
    meeting = _publicised(ctx)
    if meeting is None:
        return None
    said = objection_said(text)
    assert said is not None
    return _object(ctx, meeting, said)


def _publicised(ctx: Context) -> Meeting | None:
    """The one decision in its 公示 period in this community; with several, the sender is asked
    which."""
    if ctx.community is None:
        return None
    open_now = ctx.uow.meetings.publicising(ctx.community.id, ctx.now)
    if len(open_now) > 1:
        numbers = "、".join(f"M{m.number}" for m in open_now)
        raise Answer(
            texts.OBJECTION_WHICH.format(
                count=len(open_now), numbers=numbers, first=open_now[0].number
            )
        )
    return open_now[0] if open_now else None


def _object(ctx: Context, meeting: Meeting, text: str) -> Outcome:
    if meeting.publicity_until is None or ctx.now > meeting.publicity_until:
        raise Answer(texts.OBJECTION_CLOSED.format(number=meeting.number))
    if not text.strip():
        raise Answer(texts.OBJECTION_NEEDS_TEXT.format(number=meeting.number))
    said = normalize(text)
    if any(
        o.person_id == ctx.sender.id and normalize(o.text) == said
        for o in ctx.uow.meetings.objections(meeting.id)
    ):  # sent twice: counted once, the work group told once
        raise Answer(texts.OBJECTION_ALREADY.format(number=meeting.number))
    ctx.uow.meetings.add_objection(
        Objection(
            meeting_id=meeting.id,
            person_id=ctx.sender.id,
            chat_id=ctx.chat.id,
            text=text.strip(),
            at=ctx.now,
        )
    )
    # One sent privately stays anonymous, as a private report does (chat-protocol §9).
    who = reporter_label(ctx.sender.name, private=ctx.chat.kind == "private", named=False)
    said_then = shorten(text.strip(), OBJECTION_SHOWN_AT_MOST * 2)  # kept whole, told shortened
    alert = texts.OBJECTION_ALERT.format(number=meeting.number, who=who, text=said_then)
    replies: list[Outgoing] = [reply_to(ctx, texts.OBJECTION_TAKEN.format(number=meeting.number))]
    assert ctx.community is not None
    replies += [
        r for r in work_groups(ctx.uow, ctx.community.id, alert) if r.chat.ref != ctx.chat.ref
    ]
    return Outcome(replies, "command")


def publicity_end(uow: UnitOfWork, services: Services, reminder: Reminder) -> list[Outgoing]:
    meeting = meeting_of(uow, reminder)
    count = len(uow.meetings.objections(meeting.id))
    text = (
        texts.PUBLICITY_DONE_CLEAN.format(label=_label(meeting))
        if count == 0
        else texts.PUBLICITY_DONE_OBJECTIONS.format(label=_label(meeting), count=count)
    )
    return [
        Reply(chat_ref(c), text)
        for c in uow.chats.of_community(meeting.community_id)
        if c.kind != "private"
    ]


# -- the record -----------------------------------------------------------------------------------


def was_polled(meeting: Meeting, options: Sequence[MeetingOption]) -> bool:
    """Whether a poll was run: a vote always; a meeting called with one time was fixed at once."""
    return meeting.kind == "vote" or len(options) > 1


def stage(meeting: Meeting, now: datetime) -> str:
    """Where a meeting or vote stands, in words: 投票中 … 已定时间, then 已召开 once it has
    begun, 已出结果 once its outcome is recorded, 公示中 and 公示期满 once published."""
    if meeting.publicity_until is not None:
        return "公示中" if now <= meeting.publicity_until else "公示期满"
    if meeting.outcome:
        return "已出结果"
    if meeting.status == "scheduled" and meeting.starts_at is not None and now >= meeting.starts_at:
        return "已召开"
    return texts.MEETING_STATUS.get(meeting.status, meeting.status)


CURRENT_FOR = timedelta(days=30)
"""How long a meeting held, or an outcome not yet published, stays on 议事会's list."""


# 「议事会 什么时候开」「会议 在哪」: asked after, not called.
_ASKED_AFTER = re.compile(r"[吗么呢?？]|什么|几点|哪|谁|多少|怎么|有没有|是否")


def current(ctx: Context, args: str) -> Outcome:
    """议事会 — the community's meetings and votes under way: polls open, times to settle,
    meetings to come, outcomes to record or publish, 公示 open; one line each. From staff,
    with words after it that ask nothing (「议事会 周四晚7点 罐罐茶 停车位划线」): 议事, the
    meeting those words call."""
    if ctx.community is None:
        raise Answer(texts.MEETINGS_WHERE)
    words = args.strip()
    if words and ctx.role in STAFF and _ASKED_AFTER.search(words) is None:
        return call_meeting(ctx, words)
    lines = []
    since = ctx.now - 4 * CURRENT_FOR
    for meeting in ctx.uow.meetings.called_between(ctx.community.id, since, None):
        state = _state(ctx, meeting)
        if state:
            lines.append(f"{_label(meeting)} · {state}")
    if not lines:
        return answer(ctx, texts.MEETINGS_NONE)
    shown = lines[-10:]
    return answer(ctx, "\n".join([texts.MEETINGS_HEAD, *shown, texts.MEETINGS_FOOT]))


def _state(ctx: Context, meeting: Meeting) -> str:
    """Where a meeting still under way stands, in a few words; "" for one that is done."""
    tz, now = ctx.services.settings.tz, ctx.now
    if meeting.publicity_until is not None:
        if now > meeting.publicity_until:
            return ""
        objections = len(ctx.uow.meetings.objections(meeting.id))
        until = format_deadline(meeting.publicity_until, tz, now)
        return texts.MEETING_PUBLICISED.format(until=until, objections=objections)
    if meeting.outcome:
        recent = now - meeting.created_at <= 2 * CURRENT_FOR
        return texts.MEETING_UNPUBLISHED if recent and meeting.kind == "meeting" else ""
    if meeting.status == "polling":
        deadline = format_deadline(meeting.poll_deadline, tz, now, clock=True)
        polling = texts.MEETING_POLLING if meeting.kind == "meeting" else texts.VOTE_POLLING
        voters = len(ctx.uow.meetings.ballots(meeting.id))  # 「还有谁没投」: how many have
        return polling.format(deadline=deadline, voters=voters)
    if meeting.status == "tied":
        return texts.MEETING_STATUS["tied"]
    if meeting.status == "scheduled" and meeting.starts_at is not None:
        when = format_deadline(meeting.starts_at, tz, now, clock=True)
        if meeting.starts_at > now:
            place = f"，{meeting.place}" if meeting.place else ""
            signed = sum(ballot.party for ballot in _coming(ctx.uow, meeting))
            coming = texts.MEETING_SIGNED_UP.format(total=signed) if signed else ""
            return texts.MEETING_COMING.format(when=when, place=place) + coming
        if now - meeting.starts_at <= CURRENT_FOR:
            return texts.MEETING_HELD.format(when=when)
    return ""


def minutes(ctx: Context, token: str) -> Outcome:
    """查看 M1 — the meeting record: agenda, poll, attendees, decisions, actions, publicity.
    By its kind (「查看 议事会」), the one still to come, else the last one called."""
    meeting = find_meeting(ctx, token, latest=True)
    uow, services = ctx.uow, ctx.services
    tz = services.settings.tz
    lines = [f"{_label(meeting)} · {stage(meeting, ctx.now)}"]
    if meeting.starts_at is not None:
        place = f" · 地点：{meeting.place}" if meeting.place else ""
        lines.append(f"时间：{format_deadline(meeting.starts_at, tz, ctx.now, clock=True)}{place}")
    agenda = uow.meetings.agenda(meeting.id)
    if agenda:
        lines.append(
            "议题：" + "；".join(f"{_agenda_line(services, i)}（{i.status.label}）" for i in agenda)
        )
    options = uow.meetings.options(meeting.id)
    casts = meeting_casts(uow, meeting)
    counted = tally(casts, len(options), per_household=meeting.per_household)
    secret = meeting.kind == "vote" and not meeting.open_ballot and meeting.status == "polling"
    polled = was_polled(meeting, options)
    if polled and (not secret or refusal("vote", ctx.actor) is None):
        lines.append(
            "投票："
            + "；".join(f"{o.position}. {o.label} {counted.counts[o.position]}票" for o in options)
            + f"（{counted.voters}{'户' if meeting.per_household else '人'}）"
        )
    elif polled:
        lines.append(texts.VOTE_SECRET_TALLY.format(voters=counted.voters))
    shared = shared_homes(casts) if meeting.per_household else 0
    if shared:
        lines.append(texts.HOUSEHOLDS_SHARED.format(homes=shared))
    if meeting.kind == "meeting" and meeting.chosen is not None:
        lines += _attendance_lines(uow, meeting)
    if meeting.kind == "vote" and meeting.open_ballot:
        for cast in casts:
            who = mask_name(uow.people.get(cast.person_id).name)
            lines.append(f"  {who}：{'、'.join(options[c - 1].label for c in cast.choices)}")
    if meeting.outcome:
        lines.append(f"决议：{meeting.outcome}")
    for issue in uow.meetings.actions(meeting.id):
        lines.append(
            f"行动：#{issue.number} {shorten(issue.description, 20)} · {assignee_label(uow, issue)}"
            f" · 期限 {shown_deadline(services, issue.deadline)} · {issue.status.label}"
        )
    if meeting.publicity_until is not None:
        objections = uow.meetings.objections(meeting.id)
        until = format_deadline(meeting.publicity_until, tz, ctx.now)
        lines.append(f"公示：至 {until}，异议 {len(objections)} 条")
        shown = objections[-OBJECTIONS_SHOWN:]
        if len(objections) > len(shown):
            lines.append(texts.OBJECTIONS_NOT_SHOWN.format(count=len(objections) - len(shown)))
        lines += [
            f"  异议：{shorten(o.text, OBJECTION_SHOWN_AT_MOST)}（{_objector(ctx, o)}）"
            for o in shown
        ]
    return answer(ctx, "\n".join(lines))


def _objector(ctx: Context, objection: Objection) -> str:
    """Who objected, masked; one who objected privately is 私信居民 but to the secretary and
    themselves in a private chat."""
    private = ctx.uow.chats.by_id(objection.chat_id).kind == "private"
    named = ctx.chat.kind == "private" and (
        ctx.actor.role is Role.SECRETARY or ctx.sender.id == objection.person_id
    )
    name = ctx.uow.people.get(objection.person_id).name
    return reporter_label(name, private=private, named=named)
