"""群发 (/notice): a notice from the secretary or a grid worker, sent to residents' groups.

「群发 全部 明天9:00-12:00停水，请提前储水」 goes to every grid group and 小区群 of the
community; 「群发 网格3 …」 to that grid's group, 「群发 居民群 …」 to the 小区群, and a group
is named by its title too. A grid worker reaches only their own grids' groups (全部: those).
What is sent is the sender's own words, unmasked (a notice gives the number to call), signed
with the community and the sender's name. In quiet hours it waits for the morning, unless it
says it is urgent (「紧急通知…」).
"""

from __future__ import annotations

import re

from bot.domain.deadlines import format_deadline
from bot.domain.issues import Role
from bot.messages import Outgoing, Reply
from bot.text import normalize, shorten
from handlers import texts
from handlers.base import (
    Answer,
    Context,
    Outcome,
    quiet_until,
    record_community,
    reply_to,
)
from handlers.ledger import check
from handlers.notify import chat_ref
from storage.models import Chat

NOTICE_MAX = 1000  # characters: a chat message people still read to the end
_ALL = frozenset({"全部", "所有群", "各群", "全体", "所有", "全部群"})
_RESIDENTS = frozenset({"居民群", "小区群"})
_TARGET = re.compile(r"^\s*([^\s,，、:：]+)[\s,，、:：]*")
# 「紧急通知：…」「【紧急】…」「急！…」 (not 「急需志愿者」): goes at once, even in quiet hours.
_URGENT = re.compile(r"^[\s【\[(（]*(?:紧急|急[!！:：\s】\])）])|紧急通知")
_RESIDENT_KINDS = ("grid", "resident")


def notice(ctx: Context, args: str) -> Outcome:
    """群发 全部|网格名|居民群|群名… 内容 — the notice, to those groups."""
    check(ctx, "notice")
    if ctx.community is None:
        raise Answer(texts.NO_COMMUNITY, "refused")
    targets, words = _targets(ctx, args)
    if not targets:
        raise Answer(texts.NOTICE_WHERE)
    if not words:
        raise Answer(ctx.services.command("notice").usage_line())
    if len(words) > NOTICE_MAX:
        raise Answer(texts.NOTICE_TOO_LONG.format(limit=NOTICE_MAX))
    community = ctx.community_settings().name
    sent = texts.NOTICE.format(text=words, community=community, sender=ctx.sender.name)
    names = "、".join(chat.title or chat.ref for chat in targets)
    record_community(ctx, ctx.community.id, "notice", shorten(f"{names}：{words}", 200))
    at_once = _URGENT.search(words) is not None
    line = texts.NOTICE_SENT.format(count=len(targets), names=names)
    waits = None if at_once else quiet_until(ctx.services, ctx.community.code, ctx.now)
    if waits is not None:
        when = format_deadline(waits, ctx.services.settings.tz, ctx.now, clock=True)
        line += texts.NOTICE_WAITS.format(when=when)
    replies: list[Outgoing] = [reply_to(ctx, line)]
    replies += [Reply(chat_ref(chat), sent) for chat in targets]
    return Outcome(replies, "command", published=True, at_once=at_once)


def _targets(ctx: Context, args: str) -> tuple[list[Chat], str]:
    """The groups named at the start of `args`, and the words after them."""
    assert ctx.community is not None
    groups = [c for c in ctx.uow.chats.of_community(ctx.community.id) if c.kind in _RESIDENT_KINDS]
    grids = {g.name: g.id for g in ctx.uow.communities.grids_of(ctx.community.id)}
    mine = ctx.actor.grid_ids if ctx.role is Role.WORKER else frozenset()
    found: list[Chat] = []
    rest = args
    while (token := _TARGET.match(rest)) is not None:
        name = normalize(token[1])
        if name in _ALL:
            named = [c for c in groups if not mine or c.grid_id in mine]
        elif name in _RESIDENTS:
            named = [c for c in groups if c.kind == "resident"]
        elif name in grids:
            named = [c for c in groups if c.grid_id == grids[name] and c.kind == "grid"]
        else:
            named = [c for c in groups if name in (c.ref, c.title)]
        if not named:
            break
        if mine and any(c.grid_id not in mine for c in named):
            raise Answer(texts.NOTICE_NOT_YOUR_GROUP.format(name=token[1]), "refused")
        found += [c for c in named if c not in found]
        rest = rest[token.end() :]
    return found, rest.strip()
