"""提醒 / remind: a reminder at a time, for oneself in a private chat or for a whole group."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.analysis.normalize import chinese_number
from bot.domain.calendar import END_OF_DAY
from bot.domain.deadlines import DeadlineError, PastDeadline, format_deadline, names_a_day
from bot.domain.issues import Role
from bot.domain.permissions import STAFF
from bot.domain.privacy import mask_name
from bot.domain.repeats import MORNING, Repeat, RepeatError, looks_repeating, parse_repeat
from bot.text import (
    SENTENCE_ENDS,
    echoed,
    month_day,
    normalize,
    read_number,
    rstrip_marks,
    shorten,
    whole_number,
)
from handlers import texts
from handlers.base import Answer, Context, Outcome, answer, quiet_until
from handlers.schedule import (
    ADHOC,
    NOTICE,
    NOTICE_MAX,
    REPEAT,
    Series,
    notice_prefix,
    schedule_occurrence,
    series_of_repeat,
    series_prefix,
)
from storage.models import Reminder

_LIST = {"list", "列表", "查看", "我的"}
_CANCEL = {"cancel", "取消", "删除"}
_CHANGE = {"change", "edit", "修改", "更改", "改", "调整"}
_WORDS = re.compile(r"\s+")
_TRAILING = SENTENCE_ENDS + "，,、；;"  # what a reminder's words may trail off with
_HAS_TIME = re.compile(r"\d:\d|点")
_CLOCK = re.compile(
    r"(?:上午|下午|晚上|早上)?(?:\d{1,2}:\d{2}|[0-9一二两三四五六七八九十]{1,3}点(?:半|[0-9]{1,2}分?)?)"
)
# 「10分钟后」「半小时后」「两个小时以后」「1个半小时后」 is not supported: whole numbers or 半.
_AFTER = re.compile(
    r"(?P<n>[0-9]{1,4}|[一二两三四五六七八九十]{1,3}|半)个?(?P<unit>分钟|分|小时|钟头)(?:后|以后|之后)"
)
_AFTER_AT_MOST = 7 * 24 * 60  # minutes: a week; further off, name the day
# A time run into the text (「15:00开会」「明天下午3点去物业」「10分钟后开会」「周五下午交材料」
# 「12月5日上午去街道」) ends in a clock time or is a day, with its part or not; 「3号楼井盖」
# does not start with a time (a bare 「3号」 is never taken for one here).
_CLOCK_END = r"\d:\d\d$|点(?:半|整|[0-9]{1,2}分?)?$"
_JOINED_TIME = re.compile(
    rf"{_CLOCK_END}|(?:分钟|小时|钟头)(?:后|以后|之后)$"
    r"|^(?:今天|明天|后天|(?:下|这|本)?(?:周|星期|礼拜)[一二三四五六日天]|[0-9]{1,2}月[0-9]{1,2}[日号])"
    r"(?:早上|上午|中午|下午|傍晚|晚上)?$|^(?:今晚|明晚|明早)$"
)
# A repeat run into the text (「每周四18:00开例会」「每天开窗通风」) ends in a clock time or a
# day; 「每周1号楼巡查」 is not 「每周1」 with the text 「号楼巡查」.
_JOINED_REPEAT = re.compile(rf"{_CLOCK_END}|[天日一二三四五六末号]$")
# A time or a repeat run into the text is short (「下周五上午10:30」「每周一三五18:00」): only the
# first this many characters are tried, so a long first word costs no more than a short one.
_JOINED_AT_MOST = 24
_EVERY_GROUP = {"全部", "所有", "全社区", "all"}
MAX_REPEATING = 10  # a person's repeating reminders at once: a chat is not a broadcast list


@dataclass(frozen=True)
class _Place:
    """Where a reminder goes: to a chat, or (`person_id`) privately to one person."""

    community_id: int | None
    chat_id: int | None
    person_id: int | None


def remind(ctx: Context, args: str) -> Outcome:
    """提醒 时间 内容 | 提醒 列表 | 提醒 取消 编号 | 提醒 修改 编号 新时间 [新内容]."""
    words = _WORDS.split(args.strip()) if args.strip() else []
    if not words:  # 「提醒」 alone: the reminders there are, else how to set one
        return _list(ctx, [], or_usage=True)
    first = normalize(words[0]).lower()
    if first in _LIST:
        return _list(ctx, words[1:])
    if first in _CANCEL:
        return _cancel(ctx, words[1:])
    if first in _CHANGE:
        return _change(ctx, args.strip()[len(words[0]) :])
    private = ctx.chat.kind == "private"
    here = _Place(
        ctx.community.id if ctx.community else None,
        ctx.chat.id,
        ctx.sender.id if private else None,
    )
    return answer(ctx, texts.REMIND_SET.format(what=_set(ctx, words, here)))


def _set(ctx: Context, words: list[str], place: _Place, *, keep_text: str = "") -> str:
    """Set the reminder `words` say (a time or a repeat, then its text, or `keep_text` when
    they give none) at `place`; what it will do, as the confirmation says it."""
    if looks_repeating(words[0]):
        rule, text = _split_repeat(words)
        place, sent_to = _addressed(ctx, place, text)
        return _repeating(ctx, rule, _within(text or keep_text), place) + sent_to
    when, text = _split_time(ctx, words)
    when, text = _ahead_of(ctx, when, text, clocked=_CLOCK.search(" ".join(words)) is not None)
    text = _within(text or keep_text)
    if not text:
        raise Answer(texts.REMIND_NEEDS_TEXT)
    place, sent_to = _addressed(ctx, place, text)
    reminder = ctx.uow.reminders.schedule(
        f"adhoc:{ctx.sender.id}:{ctx.message.chat.platform}:{ctx.message.message_id}",
        community_id=place.community_id,
        kind=ADHOC,
        due_at=when,
        chat_id=place.chat_id,
        person_id=place.person_id,
        text=text,
        created_by_id=ctx.sender.id,
    )
    shown = format_deadline(when, ctx.services.settings.tz, ctx.now, clock=True)
    what = texts.REMIND_ONCE.format(when=shown, text=text, id=reminder.id)
    held = quiet_until(ctx.services, ctx.community.code if ctx.community else None, when)
    if held is not None:  # said now, so that nobody expects a 6:00 message at 6:00
        what += texts.REMIND_QUIET.format(at=f"{held.astimezone(ctx.services.settings.tz):%H:%M}")
    return what + sent_to


# 「下周三下午3点开会，提前一天」「12月5日体检，提前2小时」: reminded that long before the time.
_AHEAD = re.compile(
    r"[,，\s]*提前(?P<n>[0-9]{1,3}|[一二两三四五六七八九十半]{1,3})个?(?P<unit>天|小时|钟头|分钟)"
    r"(?:提醒|通知)?(?:我|大家|一下)?$"
)
_AHEAD_UNITS = {
    "天": timedelta(days=1),
    "小时": timedelta(hours=1),
    "钟头": timedelta(hours=1),
    "分钟": timedelta(minutes=1),
}


def _ahead_of(ctx: Context, when: datetime, text: str, *, clocked: bool) -> tuple[datetime, str]:
    """The time to remind at and the words, for 「下周三下午3点开会，提前一天」: a day before
    the meeting, saying when it is (「12月2日 15:00 开会」; the day alone when no time of day
    was `clocked`: 「12月5日 体检」). Else `when` and `text` as they are. A time ahead already
    past is answered."""
    ahead = _AHEAD.search(text)
    if ahead is None:
        return when, text
    half = ahead["n"] == "半"
    count = 1 if half else read_number(ahead["n"])
    if not count:
        return when, text
    before = _AHEAD_UNITS[ahead["unit"]] * count / (2 if half else 1)
    tz = ctx.services.settings.tz
    local = when.astimezone(tz)
    event = format_deadline(when, tz, ctx.now, clock=True) if clocked else month_day(local)
    said = text[: ahead.start()].strip()
    if when - before <= ctx.now:
        raise Answer(texts.REMIND_AHEAD_PAST.format(event=event, ahead=ahead[0].strip(" ,，")))
    return when - before, f"{event} {said}" if said else event


# 「提醒网格员交周报」「提醒各网格员…」: the grid workers, who read the work group
_WORKERS = r"(?:各位?|所有|全体)?网格员"
_WORKERS_NAMED = re.compile(f"^{_WORKERS}")
_WORKERS_REMINDED = re.compile(f"提醒{_WORKERS}")


def _addressed(ctx: Context, place: _Place, text: str) -> tuple[_Place, str]:
    """Where a reminder staff set privately goes when its words begin with whom it is for: a
    colleague by name (「张网格去看3号楼井盖」), privately to them; the grid workers, to the
    work group. Else `place`. With what the confirmation adds to say so (or 「」)."""
    if ctx.chat.kind != "private" or ctx.community is None or ctx.role not in STAFF:
        return place, ""
    said = text.lstrip("@")
    # Said as 「提醒张网格…」, not 「提醒我张网格的事」 nor 「提醒 明天 张网格…」
    asked = (
        normalize(ctx.message.text).replace("@", "").replace(" ", "").replace("提醒一下", "提醒")
    )
    for person, _ in ctx.uow.people.staff(ctx.community.id):
        named = len(person.name) >= 2 and said.startswith(person.name)
        if named and person.id != ctx.sender.id and f"提醒{person.name}" in asked:
            told = texts.REMIND_SENT_TO.format(who=mask_name(person.name))
            return _Place(ctx.community.id, None, person.id), told
    groups = ctx.uow.chats.of_kind(ctx.community.id, "work")
    if groups and _WORKERS_NAMED.match(said) and _WORKERS_REMINDED.search(asked):
        told = texts.REMIND_SENT_TO_GROUP.format(chat=groups[0].title or groups[0].ref)
        return _Place(ctx.community.id, groups[0].id, None), told
    return place, ""


def _within(text: str) -> str:
    """A reminder's words (without the marks they trail off with), if a chat message people
    still read to the end."""
    text = rstrip_marks(text, _TRAILING) or text
    if len(text) > NOTICE_MAX:
        raise Answer(texts.REMIND_TOO_LONG.format(limit=NOTICE_MAX))
    return text


def _split_time(ctx: Context, words: list[str]) -> tuple[datetime, str]:
    """The time the reminder is for and its text: the longest leading words that read as a
    time (「明天 9:00 …」, 「周五16:00 …」, 「10分钟后 …」), or the start of the first word
    (「15:00开会」, 「明天开会」)."""
    found = time_first(ctx, words)
    if found is None:
        raise Answer(texts.REMIND_BAD_TIME.format(typed=shorten(words[0], 20)))
    return found


def time_first(ctx: Context, words: list[str]) -> tuple[datetime, str] | None:
    """The time `words` start with and the words after it, as 提醒 reads them; None when they
    start with no time. A time already past is answered (「今天8:00」 at ten)."""
    for typed, rest in _leading(words, _JOINED_TIME):
        try:
            when = _when(ctx, typed)
        except PastDeadline:
            # The longest reading that is a time says it is past: not a shorter one that
            # drops the clock (「今天8:00开会」 is not 「今天」 with the text 「8:00开会」).
            clock = _CLOCK.search(normalize(typed))
            example = clock[0] if clock else "9:00"
            raise Answer(texts.REMIND_PAST.format(typed=typed, example=example)) from None
        except DeadlineError:
            continue
        return when, " ".join(rest).strip()
    return None


def _repeating(ctx: Context, rule: Repeat, text: str, place: _Place) -> str:
    """提醒 每周四18:00 开例会: a reminder that comes back, in a chat (a group's for staff
    only) or privately to oneself."""
    if not text:
        raise Answer(texts.REMIND_REPEAT_NEEDS_TEXT.format(rule=rule.describe()))
    if place.person_id is None and ctx.role not in STAFF:
        raise Answer(texts.REMIND_REPEAT_STAFF)
    mine = ctx.uow.reminders.created_by(ctx.sender.id, (REPEAT,))
    if len(mine) >= MAX_REPEATING:
        raise Answer(texts.REMIND_REPEAT_TOO_MANY.format(count=len(mine)))
    tz = ctx.services.settings.tz
    series = series_of_repeat(
        f"repeat:{ctx.sender.id}:{ctx.message.chat.platform}:{ctx.message.message_id}",
        rule,
        tz,
        community_id=place.community_id,
        chat_id=place.chat_id,
        person_id=place.person_id,
        created_by_id=ctx.sender.id,
        text=text,
    )
    reminder = schedule_occurrence(ctx.uow, series, first_occurrence(ctx, series, rule))
    shown = format_deadline(reminder.due_at, tz, ctx.now, clock=True)
    holidays = texts.REMIND_REPEAT_HOLIDAYS if rule.skips_holidays else ""
    return texts.REMIND_REPEATING.format(
        rule=rule.describe(), text=text, next=shown, holidays=holidays, id=reminder.id
    )


def first_occurrence(ctx: Context, series: Series, rule: Repeat) -> datetime:
    """When a series set in chat to repeat by `rule` first comes; one that would come in quiet
    hours is answered (held every time until the morning, it would come at another hour than
    asked)."""
    first: datetime | None = series.trigger.get_next_fire_time(None, ctx.now)
    assert first is not None  # every rule has a next day (the 31st comes in seven months)
    code = ctx.community.code if ctx.community else None
    if quiet_until(ctx.services, code, first) is not None:
        raise Answer(texts.REMIND_REPEAT_QUIET.format(rule=rule.describe()))
    return first


def repeat_first(words: list[str]) -> tuple[Repeat, str] | None:
    """The repeat `words` start with (「每周五 17:00 …」) and the words after it; None when
    they start with none; one that cannot be read is answered."""
    return _split_repeat(words) if words and looks_repeating(words[0]) else None


def _split_repeat(words: list[str]) -> tuple[Repeat, str]:
    """The rule and the text of 「每周四 18:00 开例会」, 「每周四18:00开例会」, 「每天 开窗通风」:
    the longest leading words, or start of the first word, that read as a repeat."""
    for typed, rest in _leading(words, _JOINED_REPEAT):
        try:
            rule = parse_repeat(typed)
        except RepeatError as error:
            raise Answer(str(error)) from None
        if rule is not None:
            return rule, " ".join(rest).strip()
    raise Answer(texts.REMIND_BAD_REPEAT.format(typed=shorten(words[0], 20)))


def _leading(words: list[str], joined: re.Pattern[str]) -> list[tuple[str, list[str]]]:
    """Where a time may end and the text begin, longest first: after two words, after one,
    then inside the first word (its first `_JOINED_AT_MOST` characters) where what comes
    before it ends as `joined` says a time run into the text does (「15:00开会」,
    「每周四18:00开例会」)."""
    first = words[0]
    splits = [(" ".join(words[:count]), words[count:]) for count in (2, 1) if len(words) >= count]
    return splits + [
        (first[:cut], [first[cut:], *words[1:]])
        for cut in range(min(len(first) - 1, _JOINED_AT_MOST), 0, -1)
        if joined.search(normalize(first[:cut]))
    ]


def _when(ctx: Context, typed: str) -> datetime:
    """The moment `typed` names: `10分钟后`, `半小时后`, `两个小时后`, or a day and time as a
    deadline is written (a day alone meaning its morning)."""
    after = _AFTER.fullmatch(normalize(typed))
    if after is not None:
        amount = 0.5 if after["n"] == "半" else chinese_number(after["n"]) or after["n"]
        count = float(amount)
        minutes = count if after["unit"] in ("分钟", "分") else count * 60
        if not 0 < minutes <= _AFTER_AT_MOST:
            raise DeadlineError(typed)
        return ctx.now + timedelta(minutes=minutes)
    when = ctx.services.deadline(typed, ctx.now, calendar_days=True)  # 「3天后」: on the calendar
    local = when.astimezone(ctx.services.settings.tz)
    if local.time() == END_OF_DAY and not _HAS_TIME.search(normalize(typed)):
        # A day without a time means the morning for a reminder, not the end of the day.
        morning = datetime.combine(local.date(), MORNING, tzinfo=ctx.services.settings.tz)
        when = morning if morning > ctx.now else when
    return when


def _list(ctx: Context, words: list[str], *, or_usage: bool = False) -> Outcome:
    """Privately, the reminders one set (anywhere); in a group, the group's: a private
    reminder's words are never shown there. 提醒 列表 全部: the secretary, every group's.
    `or_usage`: with none, the command's usage line instead of saying so."""
    kinds = (ADHOC, REPEAT, NOTICE)
    private = ctx.chat.kind == "private"
    every_group = (
        bool(words)
        and normalize(words[0]).lower() in _EVERY_GROUP
        and ctx.role is Role.SECRETARY
        and ctx.community is not None
    )
    if every_group:
        assert ctx.community is not None
        shown = ctx.uow.reminders.pending_in_groups(ctx.community.id, kinds)
        head, none = texts.REMIND_LIST_GROUPS, texts.REMIND_NONE_GROUPS
    else:
        shown = _listed_here(ctx)
        head, none = (
            (texts.REMIND_LIST_HEAD, texts.REMIND_NONE)
            if private
            else (texts.REMIND_LIST_HERE, texts.REMIND_NONE_HERE)
        )
    if not shown:
        if or_usage:
            raise Answer(ctx.services.command("remind").usage_line())
        return answer(ctx, none)
    # A 定时群发 is one line, however many groups it goes to.
    notices: dict[str, list[Reminder]] = {}
    for r in shown:
        if r.kind == NOTICE:
            notices.setdefault(notice_prefix(r.key), []).append(r)
    tz = ctx.services.settings.tz
    lines = []
    for r in shown:
        when = format_deadline(r.due_at, tz, ctx.now, clock=True)
        if r.kind == NOTICE:
            groups = notices.pop(notice_prefix(r.key), [])
            if not groups:
                continue
            if r.repeat is not None:  # 「每周五 17:00（下次 11月27日 17:00）」
                when = texts.NOTICE_REPEAT_WHEN.format(rule=r.repeat, next=when)
            line = texts.NOTICE_LIST_LINE.format(
                id=r.id, when=when, names=_group_names(ctx, groups), text=shorten(r.text, 40)
            )
        elif r.repeat is not None:
            line = texts.REMIND_LIST_REPEAT.format(id=r.id, rule=r.repeat, next=when, text=r.text)
        else:
            line = texts.REMIND_LIST_LINE.format(id=r.id, when=when, text=r.text)
        if every_group and r.chat_id is not None and r.kind != NOTICE:
            line += texts.REMIND_IN_GROUP.format(chat=ctx.uow.chats.by_id(r.chat_id).title)
        lines.append(line)
    lines.insert(0, head.format(count=len(lines)))
    lines.append(texts.REMIND_LIST_FOOT)
    return answer(ctx, "\n".join(lines))


def _listed_here(ctx: Context) -> Sequence[Reminder]:
    """What 提醒 列表 lists here: privately the reminders one set, in a group the group's."""
    kinds = (ADHOC, REPEAT, NOTICE)
    if ctx.chat.kind == "private":
        return ctx.uow.reminders.created_by(ctx.sender.id, kinds)
    return ctx.uow.reminders.pending_in_chat(ctx.chat.id, kinds)


# 「第二个」「第2条」: a reminder by its place in 提醒 列表
_NTH = re.compile(r"^第([0-9]{1,3}|[一二两三四五六七八九十]{1,3})(?:个|条)?(?:提醒)?$")


def _nth(ctx: Context, word: str) -> Reminder | None:
    """The reminder at the place 「第二个」 says in what 提醒 列表 shows here (a 定时群发 one
    line, however many groups); None for other words; told so past the end."""
    said = _NTH.match(normalize(word))
    place = read_number(said[1]) if said is not None else None
    if place is None:
        return None
    lines: dict[str, Reminder] = {}
    for reminder in _listed_here(ctx):
        key = notice_prefix(reminder.key) if reminder.kind == NOTICE else str(reminder.id)
        lines.setdefault(key, reminder)
    listed = list(lines.values())
    if not 1 <= place <= len(listed):
        raise Answer(texts.REMIND_NTH_NONE.format(place=place, count=len(listed)))
    return listed[place - 1]


def _cancel(ctx: Context, words: list[str]) -> Outcome:
    """提醒 取消 5; for one that repeats, the whole series."""
    if not words:
        raise Answer(texts.REMIND_CANCEL_WHICH)
    number = normalize(words[0]).lstrip("#R")
    if number in _NEWEST_NOTICE:  # 「取消刚才的定时通知」: the newest the sender set
        reminder = _newest_notice(ctx)
        number = str(reminder.id)
    elif (nth := _nth(ctx, number)) is not None:  # 「取消第二个提醒」: as 提醒 列表 shows
        reminder = _pending(ctx, str(nth.id))
        number = str(nth.id)
    elif whole_number(number) is None:  # 「提醒 取消 周报」: the one whose words say so
        typed = " ".join(words)
        # 「明天的提醒取消」: the one on that day
        day = typed.removesuffix("的")
        reminder = _on_day(ctx, day, texts.REMIND_WHICH_ON_DAY_CANCEL) or _named_by(ctx, typed)
        number = str(reminder.id)
    else:
        reminder = _pending(ctx, number)
    if reminder.kind == NOTICE:  # in every group it was to go to
        groups = ctx.uow.reminders.pending_from(notice_prefix(reminder.key))
        for group in groups:
            group.status = "cancelled"
        reply = texts.NOTICE_CANCELLED.format(
            id=number, count=len(groups), text=shorten(reminder.text, 40)
        )
        return answer(ctx, reply)
    reminder.status = "cancelled"
    if reminder.repeat is not None:
        reply = texts.REMIND_REPEAT_CANCELLED.format(
            id=number, rule=reminder.repeat, text=reminder.text
        )
        return answer(ctx, reply)
    return answer(ctx, texts.REMIND_CANCELLED.format(id=reminder.id, text=reminder.text))


# 「提醒 修改 3 每周二9:00」「提醒 修改 3 改成 明天10点 交材料」「提醒 改 3为周五」
_CHANGED_TO = re.compile(
    r"^\s*[#Rr]?([0-9]{1,9})(?![0-9月日号点:：.])\s*(?:改成|改为|改到|调到|挪到|换成|为|到)?\s*(.*)$",
    re.S,
)


def _change(ctx: Context, args: str) -> Outcome:
    """提醒 修改 3 每周二9:00 [新内容]: the reminder (or the series) gets a new time, and the
    new words if any; it stays where it was (a group's, or one person's)."""
    said = _CHANGED_TO.match(normalize(args))
    if said is None and (named := _CHANGED_BY.match(normalize(args))) is not None:
        return _change_named(ctx, named["what"], named["to"])
    words = _WORDS.split(said[2].strip()) if said and said[2].strip() else []
    if said is None or not words:
        raise Answer(texts.REMIND_CHANGE_HOW)
    old = _pending(ctx, said[1])
    if old.kind == NOTICE and old.repeat is not None:  # its groups' series: set anew
        raise Answer(texts.NOTICE_REPEAT_CHANGE.format(id=said[1]))
    if old.kind == NOTICE:
        return _change_notice(ctx, said[1], old, words)
    if old.repeat is None and not names_a_day(said[2]) and time_first(ctx, words) is not None:
        # 「改到11点」: 11:00 of the day it was on, not of today
        words.insert(0, month_day(old.due_at.astimezone(ctx.services.settings.tz)))
    old.status = "cancelled"  # first, so it does not count against the repeating ones'
    if old.repeat is not None and _WEEKDAY_FIRST.match(words[0]):
        words[0] = f"每{words[0]}"  # a weekly one moved to 周二 stays weekly
    place = _Place(old.community_id, old.chat_id, old.person_id)
    what = _set(ctx, words, place, keep_text=old.text)
    return answer(ctx, texts.REMIND_CHANGED.format(old=said[1], what=what))


# 「提醒 修改 明天 10点」「提醒 修改 周报 周二9:00」: the reminder by its day or its words.
_CHANGED_BY = re.compile(
    r"^\s*(?P<what>[0-9]{1,2}月[0-9]{1,2}[日号]?|[0-9]{1,2}[日号]|[^\s0-9#][^\s]*?)的?(?:提醒)?\s*(?:改成|改为|改到|调到|挪到|换成|推迟到|提前到|\s)"
    r"\s*(?P<to>\S.*)$",
    re.S,
)


def _change_named(ctx: Context, what: str, to: str) -> Outcome:
    """提醒 修改 明天 10点: the sender's one reminder on that day, at that time of it (a time
    said without a day keeps the day named); 提醒 修改 周报 周二9:00: the one whose words
    say so."""
    old = _nth(ctx, what) or _on_day(ctx, what, texts.REMIND_WHICH_ON_DAY)
    if old is None:
        old = _named_by(ctx, what)
    elif time_first(ctx, _WORDS.split(to.strip())) is not None and not names_a_day(to):
        to = f"{what} {to}"  # 「改到10点」: 10点 of that day
    return _change(ctx, f"{old.id} {to}")


def _on_day(ctx: Context, what: str, which: str) -> Reminder | None:
    """The sender's one reminder on the day `what` names (「明天」「12月5日」); None when the
    words name no day; told so when none falls on it, and with several, `which` (how to name
    one of them)."""
    try:
        day = _when(ctx, what)
    except DeadlineError:
        return None
    tz = ctx.services.settings.tz
    on_day = [
        reminder
        for reminder in ctx.uow.reminders.created_by(ctx.sender.id, (ADHOC, REPEAT))
        if reminder.due_at.astimezone(tz).date() == day.astimezone(tz).date()
    ]
    if len(on_day) != 1:
        ids = "、".join(str(reminder.id) for reminder in on_day)
        line = which if on_day else texts.REMIND_NONE_ON_DAY
        raise Answer(line.format(day=echoed(shorten(what, 12)), ids=ids))
    return on_day[0]


_WEEKDAY_FIRST = re.compile(r"^(?:周|星期|礼拜)[一二三四五六日天]")


def _change_notice(ctx: Context, number: str, old: Reminder, words: list[str]) -> Outcome:
    """提醒 修改 12 周五8:00 [新内容]: a 定时群发 goes to the same groups at the new time."""
    when, text = _split_time(ctx, words)
    if len(text) > NOTICE_MAX:
        raise Answer(texts.NOTICE_TOO_LONG.format(limit=NOTICE_MAX))
    groups = ctx.uow.reminders.pending_from(notice_prefix(old.key))
    for group in groups:
        group.due_at, group.missed = when, False
        group.text = text or group.text
    tz = ctx.services.settings.tz
    what = texts.NOTICE_AT.format(
        when=format_deadline(when, tz, ctx.now, clock=True),
        count=len(groups),
        names=_group_names(ctx, groups),
        id=old.id,
    )
    held = quiet_until(ctx.services, ctx.community.code if ctx.community else None, when)
    if held is not None and not old.urgent:
        what += texts.REMIND_QUIET.format(at=f"{held.astimezone(tz):%H:%M}")
    return answer(ctx, texts.REMIND_CHANGED.format(old=number, what=what))


def _group_names(ctx: Context, groups: Iterable[Reminder]) -> str:
    """The groups a 定时群发's reminders go to, as its lines name them."""
    return "、".join(ctx.uow.chats.by_id(g.chat_id).title or "" for g in groups if g.chat_id)


def _pending(ctx: Context, number: str) -> Reminder:
    """The pending reminder `number` names that the sender may cancel or change; for one that
    repeats, the number of any of its occurrences (the one its confirmation named, or one
    提醒 列表 shows) names its next."""
    reminder_id = whole_number(number)
    reminder = ctx.uow.reminders.get(reminder_id) if reminder_id is not None else None
    if reminder is not None and reminder.kind not in (ADHOC, REPEAT, NOTICE):
        reminder = None  # a digest, an event or an issue's: the configuration's, not theirs
    if reminder is not None and reminder.repeat is not None:
        reminder = ctx.uow.reminders.latest_of(f"{series_prefix(reminder.key)}@")
    if reminder is None or reminder.status != "pending" or not _may_cancel(ctx, reminder):
        raise Answer(texts.REMIND_NOT_YOURS)
    return reminder


_NEWEST_NOTICE = frozenset({"定时群发", "定时通知"})


def _newest_notice(ctx: Context) -> Reminder:
    """The 定时群发 the sender set last, still to go; told so when there is none."""
    mine = ctx.uow.reminders.created_by(ctx.sender.id, (NOTICE,))
    if not mine:
        raise Answer(texts.NO_NOTICE_PENDING)
    newest = notice_prefix(max(mine, key=lambda reminder: reminder.id).key)
    # Its first group's row: the number 「提醒 取消 11」 gave for it.
    return min((r for r in mine if notice_prefix(r.key) == newest), key=lambda r: r.id)


def _named_by(ctx: Context, typed: str) -> Reminder:
    """The one pending reminder the sender set whose words hold `typed` (「周报」 for 「交周报」),
    or whose repeat does (「每天」 for 「每天 8:30」); asked which when several do, told so when
    none does."""
    said = normalize(typed).strip()
    mine = ctx.uow.reminders.created_by(ctx.sender.id, (ADHOC, REPEAT, NOTICE))
    found: dict[str, Reminder] = {}
    for reminder in mine:  # a 定时群发 is one, however many groups it goes to
        if said and (said in normalize(reminder.text) or said in (reminder.repeat or "")):
            found.setdefault(
                notice_prefix(reminder.key) if reminder.kind == NOTICE else str(reminder.id),
                reminder,
            )
    if len(found) == 1:
        return next(iter(found.values()))
    shown = echoed(shorten(typed.strip(), 20))
    if not found:
        raise Answer(texts.REMIND_NONE_NAMED.format(words=shown))
    ids = "、".join(str(reminder.id) for reminder in found.values())
    raise Answer(texts.REMIND_WHICH_NAMED.format(words=shown, ids=ids))


def _may_cancel(ctx: Context, reminder: Reminder) -> bool:
    """One's own reminders; and the secretary any a group of the community gets (a worker who
    has left may have set a weekly one)."""
    if reminder.created_by_id == ctx.sender.id:
        return True
    in_a_group = reminder.person_id is None and reminder.chat_id is not None
    community = ctx.community
    return (
        in_a_group
        and ctx.role is Role.SECRETARY
        and community is not None
        and reminder.community_id == community.id
    )
