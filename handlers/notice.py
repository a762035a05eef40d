"""群发 (/notice): a notice from the secretary or a grid worker, sent to residents' groups.

「群发 全部 明天9:00-12:00停水，请提前储水」 goes to every grid group and 小区群 of the
community; 「群发 网格3 …」 to that grid's group, 「群发 居民群 …」 to the 小区群, and a group
is named by its title too. A grid worker reaches only their own grids' groups (全部: those).
What is sent is the sender's own words, unmasked (a notice gives the number to call), signed
with the community and the sender's name. In quiet hours it waits for the morning, unless it
says it is urgent (「紧急通知…」).

A time before the groups, or 定时 and a time after them, sends it later: 「定时群发 明天8:00
全部 …」, 「群发 周五16:00 网格3 …」, 「群发 全部 定时 明天8:00 …」. Each group gets a reminder
of its own (kind NOTICE), listed, cancelled and moved with 提醒 列表/取消/修改 like any other.
Without 定时, words after the groups are the notice (「群发 全部 明天8:00停水」 goes now).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.domain.asking import (
    NOTICE_ANSWERS_WITHIN,
    OUR_BUILDING,
    WORK_GROUP,
    naming_words,
    notice_answers,
    reads_as_notice,
    supplies_named,
    without_heading,
)
from bot.domain.deadlines import format_deadline
from bot.domain.issues import Role
from bot.domain.permissions import STAFF, refusal
from bot.domain.privacy import mask_name
from bot.domain.repeats import Repeat
from bot.messages import Outgoing, Reply
from bot.text import month_day, normalize, shorten
from handlers import contacts, questions, texts
from handlers.base import (
    Answer,
    Context,
    Outcome,
    answer,
    check_grid,
    quiet_until,
    record_community,
    reply_to,
)
from handlers.ledger import check
from handlers.notify import chat_ref, tell_work_groups
from handlers.remind import first_occurrence, repeat_first, time_first
from handlers.schedule import (
    NOTICE,
    NOTICE_MAX,
    notice_key,
    notice_prefix,
    schedule_occurrence,
    series_of_repeat,
)
from storage.models import ANNOUNCED, NOTICE_RECALLED, Chat, OutboundMessage, Reminder
from storage.repositories import Announced
from storage.uow import UnitOfWork

_ALL = frozenset({"全部", "所有群", "各群", "全体", "所有", "全部群"})
_RESIDENTS = frozenset({"居民群", "小区群"})
# 「群发 工作群 明天上午9点开会」: colleagues, where they read (a grid worker may too).
_WORK = frozenset({"工作群", "网格员", "各网格员", "所有网格员", "全体网格员"})
_BUILDING_NAMED = re.compile(r"([0-9]{1,4})号楼")
_TARGET = re.compile(r"^\s*(?:发到|发给|到|给)?([^\s,，、:：]+)[\s,，、:：]*")  # 「到全部：」 too
# 「紧急通知：…」「【紧急】…」「急！…」 (not 「急需志愿者」): goes at once, even in quiet hours.
_URGENT = re.compile(r"^[\s【\[(（]*(?:紧急|急[!！:：\s】\])）])|紧急通知")
_RESIDENT_KINDS = ("grid", "resident")
_LATER = re.compile(r"^\s*定时(?:发送|发)?[\s,，:：]*")
# A notice as the groups read it: `_HEAD`, the words, `_SIGNATURE` and who sent it.
_HEAD, _SIGNATURE = texts.NOTICE.split("{text}")[0], "\n——"
_NOTICES_READ = 20  # the newest notices a question is held against
_ANSWER_AT_MOST = 200  # characters of a notice quoted in answer
_NOTICE_NAMED = 30  # characters of a notice a question about it is passed on with


def notice(ctx: Context, args: str) -> Outcome:
    """群发 [时间] 全部|网格名|居民群|群名… [定时 时间] 内容 — the notice, to those groups,
    now or at that time."""
    return _notice(ctx, args, later=False)


def wanted(ctx: Context, args: str) -> Outcome | None:
    """「给网格3群发个通知：明天停水」 from staff: the 群发 that sends it, to send; words said
    to colleagues may be read so, and a notice to residents goes only when 群发 is sent. None
    for whoever may not send one (their words are chat)."""
    if ctx.community is None:
        return None
    to, _, words = args.partition(" ")
    building = _BUILDING_NAMED.fullmatch(to)
    grid = None
    if building is not None:  # 「通知3号楼的住户…」: the building's grid's groups
        known = ctx.uow.communities.building(ctx.community.id, building[1])
        grid = ctx.uow.communities.grid(known.grid_id).name if known is not None else None
    if refusal("notice", ctx.actor) is not None:
        if ctx.actor.role is not Role.HEAD:
            return None  # a resident's words are chat
        worker = contacts.role_line(ctx, Role.WORKER, building[1] if building else None)
        return answer(ctx, texts.NOTICE_BY_WORKER.format(worker=worker), "invalid")
    if to == OUR_BUILDING:
        return None  # staff say it of no building of their own: words to colleagues
    if len(words) > NOTICE_MAX:  # what 群发 would refuse, not echoed back whole
        raise Answer(texts.NOTICE_TOO_LONG.format(limit=NOTICE_MAX))
    command = f"群发 {grid or ('全部' if building else to)} {words}".strip()
    where = WORK_GROUP if to == WORK_GROUP else texts.NOTICE_TO_RESIDENTS
    return answer(ctx, texts.NOTICE_WANTED.format(where=where, command=command), "invalid")


def later(ctx: Context, args: str) -> Outcome:
    """定时群发 时间 全部|网格名|居民群|群名… 内容 (or the groups first)."""
    return _notice(ctx, args, later=True)


def _notice(ctx: Context, args: str, *, later: bool) -> Outcome:
    if normalize(args).strip() in _LISTED and ctx.community is not None:
        return listed(ctx)  # 「群发 列表」「最近发了哪些通知」: anyone (of what they were sent)
    check(ctx, "notice")
    if ctx.community is None:
        raise Answer(texts.NO_COMMUNITY, "refused")
    said = _LATER.match(args)
    later = later or said is not None
    rest = args[said.end() :] if said else args
    when: datetime | Repeat | None = None
    targets, words = _targets(ctx, rest)
    if not targets and rest.strip():
        # 「群发 明天8:00 全部 …」: a time before the groups can only be when to send it.
        found = _when_first(ctx, _first_words(rest))
        if found is not None:
            when, rest = found
            targets, words = _targets(ctx, rest)
    elif (again := _LATER.match(words)) is not None:
        when, words = _time_after(ctx, words[again.end() :])
    elif later:
        when, words = _time_after(ctx, words)
    if not targets:
        raise Answer(texts.NOTICE_WHERE)
    if later and when is None:
        raise Answer(texts.NOTICE_WHEN)
    if not words:
        raise Answer(ctx.services.command("notice_later" if later else "notice").usage_line())
    if len(words) > NOTICE_MAX:
        raise Answer(texts.NOTICE_TOO_LONG.format(limit=NOTICE_MAX))
    names = "、".join(_chat_name(chat) for chat in targets)
    if isinstance(when, Repeat):  # 「定时群发 每周五17:00 全部 …」
        return _repeating(ctx, when, targets, names, words)
    at_once = _URGENT.search(words) is not None
    tz = ctx.services.settings.tz
    shown = format_deadline(when, tz, ctx.now, clock=True) if when is not None else ""
    what = f"{shown} {names}：{words}" if when is not None else f"{names}：{words}"
    record_community(ctx, ctx.community.id, "notice", shorten(what, 200))
    waits = None if at_once else quiet_until(ctx.services, ctx.community.code, when or ctx.now)
    if when is not None:
        return _scheduled(ctx, when, targets, names, words, at_once=at_once, waits=waits)
    return _post(ctx, targets, words, texts.NOTICE_SENT, at_once=at_once, waits=waits)


_LISTED = frozenset({"列表", "记录", "历史", "查看"})
NOTICES_LISTED_DAYS = 7
_NOTICES_LISTED = 10  # notices at most, and as many 定时群发
_NOTICE_WORDS_SHOWN = 40


def listed(ctx: Context) -> Outcome:
    """群发 列表 — the community's notices of the last week, newest first, each with when,
    who, which groups and whether it went out (or waits for the morning, or failed); then
    the 定时群发 still to go, with how to cancel each. A resident in a group is shown that
    group's notices (what they were sent), and nothing still to go."""
    assert ctx.community is not None
    platform = ctx.chat.platform
    groups = _resident_groups(ctx)
    staff = refusal("notice", ctx.actor) is None
    if not staff and ctx.chat.kind != "private":
        groups = {ref: chat for ref, chat in groups.items() if ref == ctx.chat.ref}
    since = ctx.now - timedelta(days=NOTICES_LISTED_DAYS)
    queued = ctx.uow.outbox.queued_to(platform, list(groups), _HEAD, since, _NOTICES_READ * 10)
    each: dict[str, list[OutboundMessage]] = {}
    for message in queued:  # newest first: a notice is its text, however many groups got it
        each.setdefault(message.text, []).append(message)
    dated = [
        (min(message.created_at for message in messages), _sent_line(ctx, text, messages, groups))
        for text, messages in each.items()
    ]
    # And those staff posted in the groups themselves (「各位居民，明天…停水」).
    posted = ctx.uow.inbox.announced_in(platform, list(groups), since, _NOTICES_LISTED)
    dated += [(notice.at, _posted_line(ctx, notice, groups)) for notice in posted]
    dated.sort(key=lambda entry: entry[0], reverse=True)
    lines = [line for _, line in dated[:_NOTICES_LISTED]]
    later = _later_lines(ctx, groups) if staff else []
    if not lines and not later:
        none = texts.NOTICES_NONE if staff else texts.NOTICES_NONE_HERE
        return answer(ctx, none.format(days=NOTICES_LISTED_DAYS))
    shown = (
        [texts.NOTICES_LISTED.format(days=NOTICES_LISTED_DAYS, count=len(dated))] if lines else []
    )
    shown += lines
    if later:
        shown += [texts.NOTICES_LATER, *later]
    return answer(ctx, "\n".join(shown))


def _sent_line(
    ctx: Context, text: str, messages: list[OutboundMessage], groups: dict[str, Chat]
) -> str:
    """One notice as 群发 列表 shows it: when it was first queued, who signed it, where it
    went and how that went."""
    tz = ctx.services.settings.tz
    body, _, signature = text.removeprefix(_HEAD).rpartition(_SIGNATURE)
    signer = signature.removeprefix(f"{ctx.community_settings().name} ")  # a name may have spaces
    sender = mask_name(signer) if signature else ""
    first = min(message.created_at for message in messages).astimezone(tz)

    def named(found: list[OutboundMessage]) -> str:
        return "、".join(_group_name(groups, m.chat_ref) for m in reversed(found))

    failed = [m for m in messages if m.failed is not None]
    waiting = [m for m in messages if m.sent_at is None and m.failed is None]
    state = texts.NOTICE_STATE_SENT
    if waiting:
        due = max((m.not_before for m in waiting if m.not_before is not None), default=None)
        at = format_deadline(due, tz, ctx.now, clock=True) if due else texts.NOTICE_STATE_SOON
        state = texts.NOTICE_STATE_WAITING.format(count=len(waiting), when=at)
    if failed:
        state = texts.NOTICE_STATE_FAILED.format(names=named(failed))
    return texts.NOTICE_LISTED_LINE.format(
        when=f"{month_day(first)} {first:%H:%M}",
        sender=sender,
        names=named(messages),
        words=shorten(body or text, _NOTICE_WORDS_SHOWN),
        state=state,
    )


def _posted_line(ctx: Context, notice: Announced, groups: dict[str, Chat]) -> str:
    """One notice staff posted in a group themselves, as 群发 列表 shows it."""
    at = notice.at.astimezone(ctx.services.settings.tz)
    return texts.NOTICE_POSTED_LINE.format(
        when=f"{month_day(at)} {at:%H:%M}",
        sender=mask_name(notice.sender_name),
        name=_group_name(groups, notice.chat_ref),
        words=shorten(notice.text, _NOTICE_WORDS_SHOWN),
    )


def _later_lines(ctx: Context, groups: dict[str, Chat]) -> list[str]:
    """The 定时群发 still to go, one line each (its groups together), the soonest first."""
    assert ctx.community is not None
    tz = ctx.services.settings.tz
    by_id = {chat.id: chat for chat in groups.values()}
    each: dict[str, list[Reminder]] = {}
    for reminder in ctx.uow.reminders.pending_in_groups(ctx.community.id, [NOTICE]):
        each.setdefault(notice_prefix(reminder.key), []).append(reminder)
    lines = []
    for reminders in list(each.values())[:_NOTICES_LISTED]:
        first = reminders[0]
        names = "、".join(_chat_name(by_id[r.chat_id]) for r in reminders if r.chat_id in by_id)
        when = format_deadline(first.due_at, tz, ctx.now, clock=True)
        if first.repeat is not None:  # 「每周五 17:00（下次 11月27日 17:00）」
            when = texts.NOTICE_REPEAT_WHEN.format(rule=first.repeat, next=when)
        lines.append(
            texts.NOTICE_LATER_LINE.format(
                when=when,
                names=names,
                words=shorten(first.text, _NOTICE_WORDS_SHOWN),
                id=first.id,
            )
        )
    return lines


def _group_name(groups: dict[str, Chat], ref: str | None) -> str:
    chat = groups.get(ref or "")
    return _chat_name(chat) if chat is not None else (ref or "")


def _chat_name(chat: Chat) -> str:
    """A group as the bot names it to staff: its title, else its ref."""
    return chat.title or chat.ref


def _resident_groups(ctx: Context) -> dict[str, Chat]:
    """The community's grid and residents' groups on the sender's platform, by ref: where its
    notices go."""
    assert ctx.community is not None
    chats = ctx.uow.chats.of_community(ctx.community.id)
    return {
        c.ref: c for c in chats if c.kind in _RESIDENT_KINDS and c.platform == ctx.chat.platform
    }


def _post(
    ctx: Context,
    targets: list[Chat],
    words: str,
    told: str,
    *,
    at_once: bool,
    waits: datetime | None,
) -> Outcome:
    """The notice of `words`, signed, to `targets` now (in quiet hours, when they end unless
    `at_once`), and the sender `told` where it went."""
    names = "、".join(_chat_name(chat) for chat in targets)
    sent = signed(ctx.community_settings().name, ctx.sender.name, words)
    line = told.format(count=len(targets), names=names)
    if waits is not None:
        when = format_deadline(waits, ctx.services.settings.tz, ctx.now, clock=True)
        line += texts.NOTICE_WAITS.format(when=when)
    replies: list[Outgoing] = [reply_to(ctx, line)]
    replies += [Reply(chat_ref(chat), sent) for chat in targets]
    return Outcome(replies, "command", published=True, at_once=at_once)


NOTICE_FIX_WITHIN = timedelta(days=3)
"""How far back the notice 更正通知 puts right may have been sent."""
_VOID = frozenset({"作废", "撤回", "撤销", "取消"})


def correct(ctx: Context, args: str) -> Outcome:
    """更正通知 内容 — the sender's newest notice of the last three days (the secretary's:
    anyone's) put right: the correction, naming the notice it replaces, goes as a notice to
    the groups that one went to (and answers their questions from then on); 更正通知 作废
    withdraws it."""
    check(ctx, "notice_fix")
    if ctx.community is None:
        raise Answer(texts.NO_COMMUNITY, "refused")
    words = args.strip()
    if not words:
        raise Answer(ctx.services.command("notice_fix").usage_line())
    if len(words) > NOTICE_MAX:
        raise Answer(texts.NOTICE_TOO_LONG.format(limit=NOTICE_MAX))
    groups = _resident_groups(ctx)
    # One's own notices; the secretary's, anyone's in the community (a grid worker's slip).
    mine = f"{_SIGNATURE}{ctx.community_settings().name} {ctx.sender.name}"
    ending = "" if ctx.role is Role.SECRETARY else mine
    since = ctx.now - NOTICE_FIX_WITHIN
    platform = ctx.chat.platform
    sent = ctx.uow.outbox.sent_to(
        platform, list(groups), _HEAD, since, _NOTICES_READ, ending=ending
    )
    if not sent:
        raise Answer(texts.NOTICE_FIX_NONE)
    void = normalize(words) in _VOID
    old, at = sent[0] if void else _corrected(ctx, sent, words)
    named = _words_of(old.removeprefix(_HEAD).rpartition(_SIGNATURE)[0])
    if named is None:
        raise Answer(texts.NOTICE_FIX_VOIDED)
    day = at.astimezone(ctx.services.settings.tz)
    said = {"day": month_day(day), "old": shorten(named, _NOTICE_NAMED)}
    if void:
        words = texts.NOTICE_VOIDED.format(**said)
    else:
        words = texts.NOTICE_CORRECTED.format(text=words, **said)
    refs = ctx.uow.outbox.chats_sent_text(platform, list(groups), old, since)
    record_community(ctx, ctx.community.id, "notice", shorten(words, 200))
    at_once = _URGENT.search(words) is not None
    waits = None if at_once else quiet_until(ctx.services, ctx.community.code, ctx.now)
    targets = [groups[ref] for ref in refs]
    told = texts.NOTICE_SENT if void else texts.NOTICE_FIX_SENT
    return _post(ctx, targets, words, told, at_once=at_once, waits=waits)


def _corrected(ctx: Context, sent: list[tuple[str, datetime]], words: str) -> tuple[str, datetime]:
    """Of the sender's notices (newest first), the one a correction's `words` are about: the
    one sharing most of its naming words (「停水改为下午」: the one of 停水), else the newest."""
    naming = naming_words(ctx.services.analyzer.words(words))
    shared = [sum(word in text for word in naming) for text, _ in sent]
    return sent[shared.index(max(shared))]


# 「【更正】周日上午义诊（11月23日「…」的通知以此为准）」: a correction's own words.
_CORRECTION = re.compile(r"^【更正】(?P<words>.*?)（[^（]*的通知以此为准）$", re.DOTALL)


def _words_of(body: str) -> str | None:
    """What a notice said, as a correction names it: a correction's own words; None for one
    that withdrew a notice (作废)."""
    if body.startswith("【作废】"):
        return None
    corrected = _CORRECTION.match(body)
    return corrected["words"] if corrected is not None else body


def answering(ctx: Context, said: str) -> Outcome | None:
    """「明天停水吗」 said to the bot: the newest notice of the last week that answers it
    (`notice_answers`), sent to this group, or privately to any of the community's groups;
    None when none does."""
    assert ctx.community is not None
    naming = naming_words(ctx.services.analyzer.words(said)) + supplies_named(said)
    if not naming:
        return None
    refs = list(_resident_groups(ctx)) if ctx.chat.kind == "private" else [ctx.chat.ref]
    since = ctx.now - NOTICE_ANSWERS_WITHIN
    platform = ctx.chat.platform
    sent = [
        (text.removeprefix(_HEAD).rsplit(_SIGNATURE, 1)[0], "", at)
        for text, at in ctx.uow.outbox.sent_to(platform, refs, _HEAD, since, _NOTICES_READ)
    ]
    posted = [
        (notice.text, notice.sender_name, notice.at)
        for notice in ctx.uow.inbox.announced_in(platform, refs, since, _NOTICES_READ)
    ]
    for body, who, at in sorted([*sent, *posted], key=lambda notice: notice[2], reverse=True):
        if notice_answers(naming, body):
            day = month_day(at.astimezone(ctx.services.settings.tz))
            shown = shorten(body, _ANSWER_AT_MOST)
            line = (
                texts.ANNOUNCEMENT_ANSWER.format(day=day, who=who, text=without_heading(shown))
                if who
                else texts.NOTICE_ANSWER.format(day=day, text=shown)
            )
            # Its numbers to call are the notice's own, as the groups read them: not masked.
            return Outcome([reply_to(ctx, line)], "invalid", published=True)
    return None


def announced(ctx: Context, text: str) -> Outcome | None:
    """「各位居民，明天上午9点到11点停水检修」 posted in a group by staff (a 楼栋长 and up): kept,
    silently, as a notice there, which 「几点停水」 is answered from later (`answering`). None
    from a resident (chat)."""
    if ctx.community is None or ctx.role is Role.RESIDENT:
        return None
    if (original := ctx.message.edited) is not None:  # put right (Telegram): the new words stand
        taken_back(ctx, original)
        if not reads_as_notice(normalize(text)):
            return Outcome([], "ignored")
    return Outcome([], ANNOUNCED)


def taken_back(ctx: Context, message_id: str) -> bool:
    """Whether the sender's message `message_id` in this chat was a notice they posted (kept
    as ANNOUNCED): if so it answers no more (taken back, or put right)."""
    chat = ctx.message.chat
    kept = ctx.uow.inbox.find(chat.platform, chat.ref, message_id)
    if kept is None or kept.outcome != ANNOUNCED or kept.sender_ref != ctx.sender.ref:
        return False
    kept.outcome = NOTICE_RECALLED
    return True


def question_relayed(ctx: Context, notice: str, said: str) -> Outcome | None:
    """「为什么停水」 in reply to the bot's notice (its words `notice`) in a group: passed to the
    community's work groups, the group told so. None from staff (they answer it themselves),
    or where there is no work group to tell."""
    if ctx.community is None or ctx.role in STAFF:
        return None
    if not ctx.uow.chats.of_kind(ctx.community.id, "work"):
        return None
    named = shorten(notice, _NOTICE_NAMED)
    question = questions.relay(ctx, f"通知「{named}」", said)
    line = texts.NOTICE_QUESTION_RELAYED.format(
        number=question.number,
        notice=named,
        chat=ctx.chat.title or ctx.chat.ref,
        who=mask_name(ctx.sender.name),
        said=said,  # a short question (`guide.asked`)
    )
    told = tell_work_groups(ctx, line)
    if not told:
        return None
    return Outcome([reply_to(ctx, texts.NOTICE_QUESTION_NOTED), *told], "relayed")


def noticed_chats(uow: UnitOfWork, now: datetime) -> frozenset[tuple[str, str]]:
    """(platform, ref) of the chats a notice went to lately: where a question may be about it."""
    since = now - NOTICE_ANSWERS_WITHIN
    return uow.outbox.chats_sent(_HEAD, since) | uow.inbox.chats_announced(since)


def signed(community: str, sender: str, words: str) -> str:
    """The notice as the groups read it: the sender's words, signed."""
    return texts.NOTICE.format(text=words, community=community, sender=sender)


def _scheduled(
    ctx: Context,
    when: datetime,
    targets: list[Chat],
    names: str,
    words: str,
    *,
    at_once: bool,
    waits: datetime | None,
) -> Outcome:
    """定时群发: a reminder for each group, all under one key prefix (`notice_key`)."""
    assert ctx.community is not None
    key = notice_key(ctx.sender.id, ctx.message.chat.platform, ctx.message.message_id)
    first = None
    for chat in targets:
        reminder = ctx.uow.reminders.schedule(
            f"{key}{chat.id}",
            community_id=ctx.community.id,
            kind=NOTICE,
            due_at=when,
            chat_id=chat.id,
            text=words,
            urgent=at_once,
            created_by_id=ctx.sender.id,
        )
        first = first or reminder
    assert first is not None
    tz = ctx.services.settings.tz
    line = texts.NOTICE_SCHEDULED.format(
        when=format_deadline(when, tz, ctx.now, clock=True),
        count=len(targets),
        names=names,
        id=first.id,
    )
    if waits is not None:
        line += texts.REMIND_QUIET.format(at=f"{waits.astimezone(tz):%H:%M}")
    return answer(ctx, line)


def _time_after(ctx: Context, words: str) -> tuple[datetime | Repeat, str]:
    """「群发 全部 定时 明天8:00 …」: the time (or the repeat) 定时 must be followed by."""
    found = _when_first(ctx, _first_words(words)) if words.strip() else None
    if found is None:
        raise Answer(texts.NOTICE_WHEN)
    return found


def _when_first(ctx: Context, words: list[str]) -> tuple[datetime | Repeat, str] | None:
    """The time `words` start with, or the repeat (「每周五17:00」), and the words after it."""
    return repeat_first(words) or time_first(ctx, words)


NOTICES_REPEATING_AT_MOST = 10  # a person's repeating 定时群发 at once


def _repeating(ctx: Context, rule: Repeat, targets: list[Chat], names: str, words: str) -> Outcome:
    """定时群发 每周五17:00 全部 …: a notice that comes back by `rule`, a series for each group
    under one key prefix (「提醒 取消 N」 ends them all); not in quiet hours."""
    assert ctx.community is not None
    tz = ctx.services.settings.tz
    mine = ctx.uow.reminders.created_by(ctx.sender.id, (NOTICE,))
    series_set = {notice_prefix(r.key) for r in mine if r.repeat is not None}
    if len(series_set) >= NOTICES_REPEATING_AT_MOST:
        raise Answer(texts.NOTICE_REPEAT_TOO_MANY.format(count=len(series_set)))
    key = notice_key(ctx.sender.id, ctx.message.chat.platform, ctx.message.message_id)
    each = [
        series_of_repeat(
            f"{key}{chat.id}",
            rule,
            tz,
            community_id=ctx.community.id,
            chat_id=chat.id,
            person_id=None,
            created_by_id=ctx.sender.id,
            text=words,
            kind=NOTICE,
        )
        for chat in targets
    ]
    due = first_occurrence(ctx, each[0], rule)  # the same for every group
    first, *_ = [schedule_occurrence(ctx.uow, series, due) for series in each]
    line = texts.NOTICE_REPEATING.format(
        rule=rule.describe(),
        count=len(targets),
        names=names,
        next=format_deadline(due, tz, ctx.now, clock=True),
        holidays=texts.REMIND_REPEAT_HOLIDAYS if rule.skips_holidays else "",
        id=first.id,
    )
    return answer(ctx, line)


def _first_words(text: str) -> list[str]:
    """The first two words of `text` and the rest as one, its lines kept (a time is read from
    the first two)."""
    return re.split(r"\s+", text.strip(), maxsplit=2)


def _targets(ctx: Context, args: str) -> tuple[list[Chat], str]:
    """The groups named at the start of `args`, and the words after them."""
    assert ctx.community is not None
    chats = ctx.uow.chats.of_community(ctx.community.id)
    groups = [c for c in chats if c.kind in _RESIDENT_KINDS]
    work = [c for c in chats if c.kind == "work"]
    grids = {g.name: g.id for g in ctx.uow.communities.grids_of(ctx.community.id)}
    mine = ctx.actor.grid_ids if ctx.role is Role.WORKER else frozenset()
    found: list[Chat] = []
    rest = args
    while (token := _TARGET.match(rest)) is not None:
        name = normalize(token[1])
        if name in _WORK:
            found += [c for c in work if c not in found]
            rest = rest[token.end() :]
            continue
        if name in _ALL:
            named = [c for c in groups if not mine or c.grid_id in mine]
        elif name in _RESIDENTS:
            named = [c for c in groups if c.kind == "resident"]
        elif name in grids:
            named = [c for c in groups if c.grid_id == grids[name] and c.kind == "grid"]
        else:
            named = [c for c in groups if name in (c.ref, c.title)]
        if not named:
            if not found:
                check_grid(name, grids)  # 「群发 网格9 …」: the grids there are
            break
        if mine and any(c.grid_id not in mine for c in named):
            raise Answer(texts.NOTICE_NOT_YOUR_GROUP.format(name=token[1]), "refused")
        found += [c for c in named if c not in found]
        rest = rest[token.end() :]
    return found, rest.strip()
