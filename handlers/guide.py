"""办事指南: common questions answered at once (「物业费多少钱一平」), 「转人工」 to have one filed
after all, and staff keeping the answers in chat (「指南」「指南 添加 …」「指南 删除 2」)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.domain import guide
from bot.domain.permissions import STAFF
from bot.messages import IMPORTED
from bot.text import ECHOED, normalize, shorten, visible
from handlers import texts
from handlers.base import Context, Outcome, answer, refuse, reply_to
from storage.models import GuideAnswer, GuideAsk
from storage.uow import UnitOfWork

GUIDED = "guided"
"""The outcome of a question the guide answered: 「转人工」 after it files the question."""
# What the sender's messages became: a question the guide answered, or a report filed since
# (「转人工」 filed it already, or they reported something else).
_ASKED_OR_FILED = (GUIDED, "issue", "duplicate", "supplement")
GROUP_ANSWER_EVERY = timedelta(minutes=30)  # a group is given one answer once in this long
HUMAN_WITHIN = timedelta(days=1)  # 「转人工」 files a question answered this long ago at most
# 「转人工」「人工」「人工客服」「转给网格员」 said privately (「找网格员」 asks their number).
_HUMAN_WANTED = re.compile(
    r"^(?:请|麻烦)?(?:转|找|要|我要|我想)?(?:人工|真人)(?:客服|服务|处理|答复)?(?:吧|一下)?$"
    r"|^(?:请|麻烦)?(?:帮我)?转给?网格员(?:吧|一下)?$"
)
# 「没解决」「还是不清楚」: the guide's answer did not do, if there was one.
_NOT_ANSWERED = re.compile(
    r"^(?:还是|可是|但是)?没(?:有)?(?:解决|用)(?:啊|呀)?$|^(?:还是|我)?(?:不|没)(?:太)?(?:清楚|明白|懂|看懂)(?:啊|呀)?$"
)
_MOST_SHOWN = 3  # answers 统计 names, the most given first
_SHOWN_AT_MOST = 30  # characters of an answer in staff's list
_ADD = re.compile(r"^(?:添加|增加|新增|加)\s*(?P<rest>.*)$", re.DOTALL)
_KEYS_THEN_ANSWER = re.compile(r"(?P<ask>[^:：]*)[:：](?P<words>.*)", re.DOTALL)
_REMOVE = re.compile(r"^(?:删除|删掉|去掉|移除)\s*第?\s*(?P<n>\d{1,4})\s*条?$")


def human_wanted(said: str) -> bool | None:
    """Whether `said` (normalised, without closing punctuation) asks for a person: True for
    「转人工」, False for 「没解决」 (which asks it only after a guide answer), None for other
    words."""
    if len(said) > 12:
        return None
    if _HUMAN_WANTED.match(said) is not None:
        return True
    return False if _NOT_ANSWERED.match(said) is not None else None


def entries(ctx: Context) -> list[tuple[GuideAnswer, guide.Entry]]:
    assert ctx.community is not None
    return [
        (row, guide.Entry(guide.parse_keys(row.ask), row.answer))
        for row in ctx.uow.guide.of(ctx.community.id)
    ]


def _answers(ctx: Context) -> list[guide.Entry]:
    """The community's answers as the rules read them."""
    return [entry for _, entry in entries(ctx)]


def answered(ctx: Context, said: str) -> Outcome | None:
    """The guide's answer to `said` (normalised) asked privately or to the bot by name: with
    how to have it filed after all (「转人工」); None when no answer fits."""
    if ctx.message.via == IMPORTED:
        return None  # history (`linli import`): nobody was answered then, it is filed
    if not (guide.asked(said) or len(said) <= guide.KEY_WORD_AT_MOST):
        return None  # a key said alone is no longer than a key
    if ctx.chat.kind != "private":  # asked by name: answered, however lately it was there
        return asked_in_group(ctx, said, every=timedelta(0))
    found = guide.answering(_answers(ctx), said)
    if found is None:
        return None
    _count(ctx, guide.shown_keys(found.keys))
    return answer(ctx, texts.GUIDE_ANSWER.format(answer=found.answer), GUIDED)


def asked_in_group(
    ctx: Context, said: str, every: timedelta = GROUP_ANSWER_EVERY
) -> Outcome | None:
    """「物业费多少钱一平」 asked in a group: the guide's answer, for the group to read, unless
    the group was given it within `every`; None when no answer fits."""
    if ctx.community is None:
        return None
    found = guide.answering(_answers(ctx), said, in_group=True)
    if found is None:
        return None
    keys = guide.shown_keys(found.keys)
    if every and ctx.uow.guide.answered_in(ctx.chat.id, keys, ctx.now - every):
        return None  # neighbours talking it over: the group read the answer a moment ago
    _count(ctx, keys)
    text = texts.GUIDE_ANSWER_IN_GROUP.format(answer=found.answer, community=ctx.community.name)
    # The answer is the community's own, numbers to call included: the group reads it as written.
    return Outcome([reply_to(ctx, text)], GUIDED, published=True)


def _count(ctx: Context, keys: str) -> None:
    """Count the answer of these keys (as shown) given here."""
    assert ctx.community is not None
    ask = GuideAsk(
        community_id=ctx.community.id,
        person_id=ctx.sender.id,
        chat_id=ctx.chat.id,
        keys=keys,
        asked_at=ctx.now,
    )
    ctx.uow.guide.asked(ask)


def filed_after_all(ctx: Context, issue_id: int | None) -> None:
    """The sender's question the guide answered became issue `issue_id` (「转人工」)."""
    ask = ctx.uow.guide.last_ask(ctx.sender.id, ctx.now - HUMAN_WITHIN)
    if ask is not None and issue_id is not None:
        ask.filed_issue_id = issue_id


def figures(
    uow: UnitOfWork, community_id: int, since: datetime | None, until: datetime | None
) -> str | None:
    """「办事指南直接答复咨询12次（转人工2次），问得最多：物业费（5次）…」 for 统计; None when
    it answered nothing in the period."""
    asks = uow.guide.asks_in(community_id, since, until)
    if not asks:
        return None
    given = sum(n for _, n, _ in asks)
    filed = sum(f for _, _, f in asks)
    most = "、".join(f"{guide.first_asked(keys)}（{n}次）" for keys, n, _ in asks[:_MOST_SHOWN])
    return texts.GUIDE_FIGURES.format(given=given, filed=filed, most=most)


def asked_before(ctx: Context) -> str | None:
    """The question the sender's latest guide answer here answered, within `HUMAN_WITHIN`."""
    message = ctx.uow.inbox.last_of(
        ctx.chat.platform, ctx.chat.ref, ctx.sender.ref, _ASKED_OR_FILED, ctx.now - HUMAN_WITHIN
    )
    return message.text if message is not None and message.outcome == GUIDED else None


def guide_command(ctx: Context, args: str) -> Outcome:
    """「指南」: the guide (staff see each answer, with its number); 「指南 添加 关键词：答复」,
    「指南 删除 2」: staff keep it."""
    if ctx.community is None:
        return answer(ctx, texts.NO_COMMUNITY, "refused")
    said = normalize(args)
    if not said:
        return _shown(ctx)
    if _ADD.match(said) is not None:
        return _add(ctx, _ADD.sub(r"\g<rest>", args.strip(), count=1))
    if (removing := _REMOVE.match(said)) is not None:
        return _remove(ctx, int(removing["n"]))
    return answer(ctx, texts.GUIDE_USAGE.format(said=shorten(args, ECHOED)), "invalid")


def _shown(ctx: Context) -> Outcome:
    assert ctx.community is not None
    rows = entries(ctx)
    staff = ctx.role in STAFF
    if not rows:
        return answer(ctx, texts.GUIDE_NONE_STAFF if staff else texts.GUIDE_NONE, "invalid")
    if not staff:
        asked = "、".join("".join(entry.keys[0].words) for _, entry in rows)
        return answer(ctx, texts.GUIDE_FOR_RESIDENTS.format(asked=asked))
    lines = [texts.GUIDE_HEAD.format(community=ctx.community.name, count=len(rows))]
    for n, (row, entry) in enumerate(rows, start=1):
        mark = texts.GUIDE_FROM_CONFIG if row.source == "config" else ""
        lines.append(
            f"{n}. {guide.shown_keys(entry.keys)} → {shorten(row.answer, _SHOWN_AT_MOST)}{mark}"
        )
    lines.append(texts.GUIDE_HOW_TO_KEEP)
    return answer(ctx, "\n".join(lines))


def _add(ctx: Context, rest: str) -> Outcome:
    assert ctx.community is not None
    if ctx.role not in STAFF:
        return refuse(ctx, "guide", texts.GUIDE_STAFF_ONLY)
    given = _KEYS_THEN_ANSWER.match(rest)
    ask, words = (given["ask"].strip(), given["words"].strip()) if given else ("", "")
    full = visible(ctx.message.text).strip()
    if words and (at := full.rfind(words)) >= 0:
        words = full[at:]  # with its closing 。, which routing reads past
    if not ask or not words:
        return answer(ctx, texts.GUIDE_ADD_USAGE, "invalid")
    problem = guide.keys_problem(ask)
    if problem is not None:
        return answer(ctx, texts.GUIDE_BAD_KEYS.format(problem=problem), "invalid")
    if len(words) > guide.GUIDE_ANSWER_AT_MOST:
        return answer(ctx, texts.GUIDE_TOO_LONG.format(limit=guide.GUIDE_ANSWER_AT_MOST), "invalid")
    keys = guide.parse_keys(ask)
    rows = entries(ctx)
    asked = {key.words for key in keys}
    for n, (_, entry) in enumerate(rows, start=1):
        if any(key.words in asked for key in entry.keys):
            same = guide.shown_keys(entry.keys)
            return answer(ctx, texts.GUIDE_SAME_KEYS.format(n=n, keys=same), "invalid")
    shown = guide.shown_keys(keys)
    ctx.uow.guide.add(
        GuideAnswer(
            community_id=ctx.community.id,
            ask=shown,
            answer=words,
            source="chat",
            added_by=ctx.sender.id,
            added_at=ctx.now,
        )
    )
    return answer(ctx, texts.GUIDE_ADDED.format(n=len(rows) + 1, keys=shown))


def _remove(ctx: Context, n: int) -> Outcome:
    if ctx.role not in STAFF:
        return refuse(ctx, "guide", texts.GUIDE_STAFF_ONLY)
    rows = entries(ctx)
    if not 1 <= n <= len(rows):
        return answer(ctx, texts.GUIDE_NO_SUCH.format(n=n, count=len(rows)), "invalid")
    row, entry = rows[n - 1]
    if row.source == "config":
        return answer(ctx, texts.GUIDE_CONFIGURED.format(n=n), "invalid")
    ctx.uow.guide.remove(row)
    return answer(ctx, texts.GUIDE_REMOVED.format(n=n, keys=guide.shown_keys(entry.keys)))
