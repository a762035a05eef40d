"""问N: a resident's question about a meeting or a notice, passed on to staff, and 答复
(/answer) that posts their answer under it.

「需要带什么吗」 in reply to the bot's meeting, or 「为什么停水？」 in reply to its notice, is
kept as 问N (numbered per community) and passed on: to whoever called the meeting, or to the
work groups (`meetings.question_relayed`, `notice.question_relayed`). Staff answer with
「答复 N 带身份证就行」, or by replying to the message that passed it on: the bot posts the
answer in the group, under the question, signed as a notice is. In quiet hours it waits for
the morning, as notices do.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.domain.deadlines import format_deadline
from bot.domain.privacy import mask_name
from bot.messages import Reply
from bot.text import shorten
from handlers import texts
from handlers.base import Answer, Context, Outcome, quiet_until, record_community, reply_to
from handlers.base import answer as answer_line
from handlers.ledger import check
from handlers.notify import chat_ref, person_ref
from storage.models import Chat, Question
from storage.uow import UnitOfWork

WAITING_KEPT = timedelta(days=7)  # a question older is no longer waited on
ANSWER_MAX = 500  # characters of an answer; a notice's limit
_TEXT_MAX = 400  # characters of a question kept
_ABOUT_MAX = 200
_QUOTED_MAX = 30  # characters of the question its answer quotes
# 「答复 3 …」「答复问3：…」「答复 问 3，…」
_NUMBER = re.compile(r"^\s*问?\s*([0-9]{1,6})(?![0-9])[\s,，:：]*")


def relay(ctx: Context, about: str, said: str, meeting_id: int | None = None) -> Question:
    """The question this message asks (its words `said`), about `about` (「M1 停车议事会」),
    kept to be answered under it; numbered."""
    assert ctx.community is not None
    question = Question(
        community_id=ctx.community.id,
        number=0,
        chat_id=ctx.chat.id,
        message_ref=ctx.message.message_id,
        asker_id=ctx.sender.id,
        text=shorten(said, _TEXT_MAX),
        about=shorten(about, _ABOUT_MAX),
        meeting_id=meeting_id,
        asked_at=ctx.now,
    )
    return ctx.uow.questions.add(question)


def answer(ctx: Context, args: str) -> Outcome:
    """答复 N 内容 — the answer to 问N, posted in the group under the question."""
    check(ctx, "answer")
    if ctx.community is None:
        raise Answer(texts.NO_COMMUNITY, "refused")
    if not args.strip():
        return _waiting(ctx)
    usage = ctx.services.command("answer").usage_line()
    numbered = _NUMBER.match(args)
    if numbered is None:
        raise Answer(usage)
    number, words = int(numbered[1]), args[numbered.end() :].strip()
    question = ctx.uow.questions.by_number(ctx.community.id, number)
    if question is None:
        raise Answer(texts.QUESTION_UNKNOWN.format(number=number))
    if not words:
        raise Answer(usage)
    if len(words) > ANSWER_MAX:
        raise Answer(texts.QUESTION_TOO_LONG.format(limit=ANSWER_MAX))
    chat = ctx.uow.chats.by_id(question.chat_id)
    asker = ctx.uow.people.get(question.asker_id)
    before = question.answered_by_id
    posted = texts.QUESTION_ANSWER.format(
        said=shorten(question.text, _QUOTED_MAX),
        answer=words,
        community=ctx.community_settings().name,
        sender=ctx.sender.name,
    )
    question.answer, question.answered_by_id, question.answered_at = words, ctx.sender.id, ctx.now
    record_community(ctx, ctx.community.id, "answer", shorten(f"问{number}：{words}", 200))
    where = texts.ANSWERED_PRIVATELY if chat.kind == "private" else asked_where(chat)
    waits = quiet_until(ctx.services, ctx.community.code, ctx.now)
    when = (
        ""
        if waits is None
        else format_deadline(waits, ctx.services.settings.tz, ctx.now, clock=True)
    )
    if before is None:
        template = texts.QUESTION_ANSWER_SENT if waits is None else texts.QUESTION_ANSWER_WAITS
        line = template.format(number=number, chat=where, when=when)
    else:
        who = mask_name(ctx.uow.people.get(before).name) if before != ctx.sender.id else "您"
        template = (
            texts.QUESTION_ANSWERED_AGAIN if waits is None else texts.QUESTION_ANSWERED_AGAIN_WAITS
        )
        line = template.format(number=number, who=who, chat=where, when=when)
    under = Reply(
        chat_ref(chat),
        posted,
        reply_to_message_id=question.message_ref,
        mentions=(person_ref(asker),),
    )
    # The staff's own words, as the group reads a notice: the numbers in them are to call.
    return Outcome([reply_to(ctx, line), under], "command", published=True)


def asked_where(chat: Chat) -> str:
    """Where a question was asked, as staff read it: the group, or 私聊 (whose it was is the
    asker's own business: never their name)."""
    return texts.ASKED_PRIVATELY if chat.kind == "private" else chat.title or chat.ref


def waiting(uow: UnitOfWork, community_id: int, now: datetime) -> list[Question]:
    """The community's questions of the last week nobody has answered."""
    return uow.questions.unanswered(community_id, now - WAITING_KEPT)


def _waiting(ctx: Context) -> Outcome:
    """「答复」 alone: the questions waiting for an answer, each with where and whose."""
    assert ctx.community is not None
    asked = waiting(ctx.uow, ctx.community.id, ctx.now)
    if not asked:
        return answer_line(ctx, texts.QUESTIONS_NONE)
    lines = [texts.QUESTIONS_WAITING]
    for question in asked:
        chat = ctx.uow.chats.by_id(question.chat_id)
        lines.append(
            texts.QUESTION_LINE.format(
                number=question.number,
                chat=asked_where(chat),
                who=mask_name(ctx.uow.people.get(question.asker_id).name),
                said=shorten(question.text, _QUOTED_MAX),
                about=question.about,
            )
        )
    lines.append(texts.QUESTIONS_HOW)
    return answer_line(ctx, "\n".join(lines))
