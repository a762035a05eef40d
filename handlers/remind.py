"""提醒 / remind: a reminder at a time, for oneself in a private chat or for a whole group."""

from __future__ import annotations

import re
from datetime import datetime, time

from bot.domain.calendar import END_OF_DAY
from bot.domain.deadlines import DeadlineError, format_deadline
from bot.text import normalize, whole_number
from handlers import texts
from handlers.base import Answer, Context, Outcome, answer, quiet_until
from handlers.schedule import ADHOC

_LIST = {"list", "列表", "查看", "我的"}
_CANCEL = {"cancel", "取消", "删除"}
_WORDS = re.compile(r"\s+")
_HAS_TIME = re.compile(r"\d:\d|点")
MORNING = time(9, 0)


def remind(ctx: Context, args: str) -> Outcome:
    """提醒 时间 内容 | 提醒 列表 | 提醒 取消 编号."""
    words = _WORDS.split(args.strip()) if args.strip() else []
    if not words:
        raise Answer(ctx.services.command("remind").usage_line())
    first = normalize(words[0]).lower()
    if first in _LIST:
        return _list(ctx)
    if first in _CANCEL:
        return _cancel(ctx, words[1:])
    when, text = _split_time(ctx, words)
    if not text:
        raise Answer(texts.REMIND_NEEDS_TEXT)
    private = ctx.chat.kind == "private"
    reminder = ctx.uow.reminders.schedule(
        f"adhoc:{ctx.sender.id}:{ctx.message.chat.platform}:{ctx.message.message_id}",
        community_id=ctx.community.id if ctx.community else None,
        kind=ADHOC,
        due_at=when,
        chat_id=ctx.chat.id,
        person_id=ctx.sender.id if private else None,
        text=text,
        created_by_id=ctx.sender.id,
    )
    shown = format_deadline(when, ctx.services.settings.tz, ctx.now)
    reply = texts.REMIND_SET.format(when=shown, text=text, id=reminder.id)
    held = quiet_until(ctx.services, ctx.community.code if ctx.community else None, when)
    if held is not None:  # said now, so that nobody expects a 6:00 message at 6:00
        reply += texts.REMIND_QUIET.format(at=f"{held.astimezone(ctx.services.settings.tz):%H:%M}")
    return answer(ctx, reply)


def _split_time(ctx: Context, words: list[str]) -> tuple[datetime, str]:
    """The longest leading words that read as a time (「明天 9:00 …」, 「周五16:00 …」)."""
    error: Exception | None = None
    for count in (2, 1):
        if len(words) < count:
            continue
        typed = " ".join(words[:count])
        try:
            when = ctx.services.deadline(typed, ctx.now)
        except DeadlineError as bad:
            error = error or bad
            continue
        local = when.astimezone(ctx.services.settings.tz)
        if local.time() == END_OF_DAY and not _HAS_TIME.search(normalize(typed)):
            # A day without a time means the morning for a reminder, not the end of the day.
            morning = datetime.combine(local.date(), MORNING, tzinfo=ctx.services.settings.tz)
            when = morning if morning > ctx.now else when
        return when, " ".join(words[count:]).strip()
    raise Answer(str(error) if error else ctx.services.command("remind").usage_line())


def _list(ctx: Context) -> Outcome:
    mine = ctx.uow.reminders.created_by(ctx.sender.id, ADHOC)
    if not mine:
        return answer(ctx, texts.REMIND_NONE)
    tz = ctx.services.settings.tz
    lines = [texts.REMIND_LIST_HEAD.format(count=len(mine))]
    lines += [
        texts.REMIND_LIST_LINE.format(
            id=r.id, when=format_deadline(r.due_at, tz, ctx.now), text=r.text
        )
        for r in mine
    ]
    return answer(ctx, "\n".join(lines))


def _cancel(ctx: Context, words: list[str]) -> Outcome:
    number = normalize(words[0]).lstrip("#R") if words else ""
    reminder_id = whole_number(number)
    reminder = ctx.uow.reminders.get(reminder_id) if reminder_id is not None else None
    if reminder is None or reminder.created_by_id != ctx.sender.id or reminder.status != "pending":
        raise Answer(texts.REMIND_NOT_YOURS)
    reminder.status = "cancelled"
    return answer(ctx, texts.REMIND_CANCELLED.format(id=reminder.id, text=reminder.text))
