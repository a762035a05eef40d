"""Where every message enters the core.

`Dispatcher.dispatch` routes one `IncomingMessage` by command, tag or reply, runs its handler
inside one unit of work, keeps the message verbatim, commits, and returns what to send.
Scheduled jobs will enter through the same door.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bot.analysis.normalize import without_emoji_codes
from bot.analysis.taxonomy import OTHER_CODE
from bot.domain import guide as guide_rules
from bot.domain.asking import ATTENDEES_REMINDED
from bot.domain.duplicates import ME_TOO_WITHIN
from bot.domain.ratings import RATED_SOON_AFTER
from bot.domain.voting import WITHDRAW_WORDS
from bot.messages import ChatRef, Direct, IncomingMessage, Outgoing, PollAnswer, Reply
from bot.outbox import outbound
from bot.routing import (
    BY_REPORTER,
    IGNORE,
    JUST_ASKED,
    POST_TOLD,
    REPORTED_BY,
    TO_THE_BOT,
    Route,
    RouteKind,
    Router,
)
from bot.text import (
    SENTENCE_ENDS,
    fit_for_chat,
    has_content,
    issue_first,
    normalize,
    read_number,
    rstrip_marks,
    shorten,
    storable,
    visible,
)
from handlers import (
    admin,
    extend,
    guide,
    intake,
    ledger,
    listing,
    meetings,
    notice,
    stats,
    texts,
)
from handlers.base import (
    WORDS_WINDOW,
    Answer,
    Context,
    Outcome,
    Services,
    actor_with,
    answer,
    joined_here,
    quiet_until,
    refuse,
)
from handlers.guide import GROUP_ANSWER_EVERY, GUIDED
from handlers.help import near_command, unknown_command
from storage.models import ANNOUNCED, Chat, Community, InboundMessage, RoleGrant
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)
# What a kept message became when it changed nothing: an edit of it is read afresh.
CHANGED_NOTHING = frozenset({"invalid", "refused", "ignored", "chatter", "suggested", GUIDED})
DANGER = "danger"  # a SUGGEST route's args: the message tells of danger (「楼道里有煤气味」)
ATTEMPTS = 3  # a message whose transaction collides with another process's is tried again
# Seconds a list of chats read from the database (with 诉求提示 on; sent a notice lately) is
# trusted: a change in another process (or on the web, or by a scheduled notice) takes this
# long at most; one made through this dispatcher, none.
CHATS_TRUSTED_FOR = 60.0


def here(reply: Outgoing, chat: ChatRef) -> bool:
    """Whether `reply` is addressed to `chat` itself."""
    return not isinstance(reply, Direct) and (reply.chat.platform, reply.chat.ref) == (
        chat.platform,
        chat.ref,
    )


# Longer than this as sent, a group message is no question the guide answers (its 25 characters
# normalised, with room for spaces, marks and an @).
_GUIDE_TEXT_AT_MOST = 2 * guide_rules.ASKED_IN_GROUP_AT_MOST
_GIVEN_KEPT = 4096  # groups' recent guide answers held before the stale ones are dropped
Known = TypeVar("Known", bound=Container[tuple[str, str]])


class _Chats(Generic[Known]):
    """What `read` finds of chats, by (platform, ref), read again after `CHATS_TRUSTED_FOR`:
    what tells chatter from words worth a query, at the cost of a lookup."""

    def __init__(
        self, sessions: sessionmaker[Session], read: Callable[[UnitOfWork], Known], what: str
    ) -> None:
        self._sessions = sessions
        self._read = read
        self._what = what
        self._known: Known | None = None
        self._read_at = 0.0

    def __contains__(self, chat: ChatRef) -> bool:
        known = self.known()
        return known is not None and (chat.platform, chat.ref) in known

    def known(self) -> Known | None:
        """What was read (None when it could not be)."""
        now = time.monotonic()
        if self._known is None or now - self._read_at > CHATS_TRUSTED_FOR:
            try:
                with UnitOfWork(self._sessions) as uow:
                    self._known = self._read(uow)
            except Exception:
                log.exception("reading the chats %s failed", self._what)
                return None
            self._read_at = now
        return self._known

    def forget(self) -> None:
        """Read them again next time: this dispatcher just changed them."""
        self._known = None


@dataclass(frozen=True)
class _Guide:
    """A community's 办事指南 as its groups are read against it: `named` finds any word of any
    key (a question naming none is no question for it), `entries` answer."""

    named: re.Pattern[str]
    entries: list[guide_rules.Entry]


def _full_width(word: str) -> str:
    """`word` with its ASCII letters, digits and marks full-width (ＷｉＦｉ), as some type them."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word)


def _guides(uow: UnitOfWork) -> dict[tuple[str, str], _Guide]:
    """Each group chat's 办事指南, where its community has one (built once a community)."""
    chats, answers = uow.guide.of_groups()
    built: dict[int, _Guide] = {}
    for community_id, given in answers.items():
        entries = [guide_rules.Entry(guide_rules.parse_keys(ask), words) for ask, words in given]
        words = {word for entry in entries for key in entry.keys for word in key.words}
        words |= {_full_width(word) for word in words}  # as typed, before NFKC
        named = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
        built[community_id] = _Guide(re.compile(named, re.IGNORECASE), entries)
    return {chat: built[community_id] for chat, community_id in chats.items()}


class _GivenLately:
    """The 办事指南 answers this process gave in each group lately, so a neighbour asking the
    same again within the half hour is passed over without a transaction. What the process
    did not give itself (before a restart, or to an @) `guide_asks` still tells the handler."""

    def __init__(self) -> None:
        self._at: dict[tuple[ChatRef, str], datetime] = {}

    def lately(self, chat: ChatRef, keys: str, now: datetime) -> bool:
        at = self._at.get((chat, keys))
        return at is not None and now - at < GROUP_ANSWER_EVERY

    def given(self, chat: ChatRef, keys: str, now: datetime) -> None:
        if len(self._at) >= _GIVEN_KEPT:  # the stale ones go; a busy city keeps a few thousand
            self._at = {seen: at for seen, at in self._at.items() if self.lately(*seen, now)}
        self._at[(chat, keys)] = now


class _TagsAlone:
    """The groups where someone sent 「#报事」 with no words a moment ago (a photo with it, the
    words to follow: WeChat sends each as a message of its own), so that their next message
    there is its report. Kept by this process, which owns the chat: a restart forgets them."""

    def __init__(self) -> None:
        self._at: dict[tuple[ChatRef, str], datetime] = {}

    def sent(self, chat: ChatRef, sender: str, now: datetime) -> None:
        if len(self._at) >= _GIVEN_KEPT:  # the stale ones go
            self._at = {key: at for key, at in self._at.items() if now - at < WORDS_WINDOW}
        self._at[(chat, sender)] = now

    def waiting(self, chat: ChatRef, sender: str, now: datetime) -> bool:
        """Whether `sender` sent a tag alone in `chat` within `WORDS_WINDOW`."""
        at = self._at.get((chat, sender))
        return at is not None and now - at < WORDS_WINDOW

    def done(self, chat: ChatRef, sender: str) -> None:
        """Their report came: the words after it are chat again."""
        self._at.pop((chat, sender), None)


# 「第一个撤回」「第二件怎么样了」「最后一个派给物业」: an issue by its place in a list just shown.
_ORDINAL = re.compile(
    r"^(?:第(?P<n>[一二三四五六七八九十]|[1-9][0-9]?)\s*(?:个|件|条|项)|(?P<last>最后一?(?:个|件|条|项)))"
    r"(?:的|那个|那件)?"
)
_ORDINAL_FIRST = frozenset("第最")
_LISTED_ISSUE = re.compile(r"#([0-9]{1,9})")
ORDINAL_WITHIN = timedelta(minutes=30)
"""How long after a list its 「第一个」 names one of it."""


class Dispatcher:
    def __init__(
        self, services: Services, sessions: sessionmaker[Session], *, queue_replies: bool = True
    ) -> None:
        self._services = services
        self._sessions = sessions
        # False for `linli import`: history is filed silently, nothing is queued to send.
        self._queue_replies = queue_replies
        self._suggesting = _Chats(sessions, lambda uow: uow.chats.suggesting(), "with 诉求提示")
        self._noticed = _Chats(
            sessions,
            lambda uow: notice.noticed_chats(uow, services.clock.now()),
            "sent a notice",
        )
        self._guided = _Chats(sessions, _guides, "with 办事指南")
        self._working = _Chats(sessions, lambda uow: uow.chats.work_groups(), "work groups")
        self._given = _GivenLately()
        self._tags_alone = _TagsAlone()
        settings = services.settings
        self._router = Router(
            services.commands,
            settings.intake.report_tags,
            settings.intake.file_tags,
            settings.bot.name,
        )

    def dispatch(self, message: IncomingMessage) -> list[Outgoing]:
        """Handle one message; never raises, so one bad message cannot stop the bot."""
        message = storable(message)
        if message.migrated_from is not None:
            self._move_chat(message, message.migrated_from)
            return []
        if message.poll_answer is not None:
            found = self._as_ballot(message, message.poll_answer)
            if found is None:
                log.info("answer to unknown poll %s ignored", message.poll_answer.poll_ref)
                return []
            message = found
        read, listed = self._ordinal_named(message)  # 「第一个撤回」: 「1号撤回」
        route = self._router.route(read)
        if message.edited is not None:
            route = self._edit_route(message, route)
        while route.otherwise is not None and not self._awaited(read, route):
            # 「没有」 said to nobody's question, 「我选周六」 with no poll open: as it reads.
            route = route.otherwise
        if listed and route.kind is not RouteKind.IGNORE:  # 「第五个受理」 after a list of 3
            first = issue_first(normalize(read.text))[0]
            route = Route(RouteKind.ORDINAL_BEYOND, text=str(listed), args=str(first))
        if route.kind is RouteKind.IGNORE and message.text and message.chat in self._working:
            route = self._router.among_staff(read) or route  # 「人员列表」: as said privately
        route = self._tag_followed(message, route)
        if route.kind is RouteKind.IGNORE:
            if (asked := self._guide_asked(message)) is not None:
                route = Route(RouteKind.GUIDE_ASKED, text=asked, otherwise=IGNORE)
            elif self._danger_heard(message):
                route = Route(RouteKind.SUGGEST, text=message.text, args=DANGER)
            elif self._worth_suggesting(message):
                route = Route(RouteKind.SUGGEST, text=message.text)
            else:
                return []
        elif route.command is not None and route.command.name in ("suggest", "bind"):
            self._suggesting.forget()  # the chats that suggest may change
            self._working.forget()  # and the work groups
        elif route.kind is RouteKind.ANNOUNCED or (
            route.command is not None and route.command.name in ("notice", "notice_later")
        ):
            self._noticed.forget()
        elif route.command is not None and route.command.name == "guide":
            self._guided.forget()
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return self._once(message, route)
            except (IntegrityError, OperationalError) as clash:
                # Another delivery of the same message won the race to the inbox; or another
                # process sharing the database added the same person or chat at the same moment,
                # or a deadlock or lost connection ended the transaction: try again, whole.
                if self._seen(message):
                    return []
                if attempt < ATTEMPTS:
                    log.warning(
                        "message %s: %s; trying again", message.message_id, type(clash).__name__
                    )
                    continue
                log.exception("storing message %s failed", message.message_id)
            except Exception:
                log.exception("handling message %s failed", message.message_id)
            break
        sorry = Reply(message.chat, texts.FAILED, reply_to_message_id=message.message_id)
        self._keep_failed(message, sorry)
        return [sorry]

    def _tag_followed(self, message: IncomingMessage, route: Route) -> Route:
        """「#报事」 alone (with a photo) is remembered; the sender's words just after it,
        untagged (「垃圾站满了没人清」), are its report — in a group, and privately from staff,
        whose untagged words are otherwise told the tag. Else `route`."""
        now = self._services.clock.now()
        if route.kind is RouteKind.REPORT and not has_content(without_emoji_codes(route.text)):
            self._tags_alone.sent(message.chat, message.sender.ref, now)
        elif route.kind is RouteKind.REPORT:
            self._tags_alone.done(message.chat, message.sender.ref)
        elif (
            route.kind in (RouteKind.IGNORE, RouteKind.PRIVATE)
            and self._tags_alone.waiting(message.chat, message.sender.ref, now)
            and has_content(message.text)
        ):
            said = self._services.analyzer.analyze(message.text)
            if said.complaint or said.category != OTHER_CODE:  # 「好的」 in between is chat
                self._tags_alone.done(message.chat, message.sender.ref)
                return Route(RouteKind.REPORT, text=message.text.strip())
        return route

    def _ordinal_named(self, message: IncomingMessage) -> tuple[IncomingMessage, int]:
        """「第一个撤回」「第二个怎么样了」「最后一个派给物业」 just after the bot listed issues in
        this chat: the message as if the issue had been named by its number (「1号撤回」), to
        be read so (it is kept as typed); other words, or with no such list, as they are. And,
        for a place beyond the list (「第五个」 of three), how many it has (the message read
        with the first's number, to know whether the words asked anything); else 0."""
        text = message.text
        if not text or text[:1] not in _ORDINAL_FIRST:
            return message, 0
        said = normalize(visible(text).strip())
        ordinal = _ORDINAL.match(said)
        if ordinal is None:
            return message, 0
        since = self._services.clock.now() - ORDINAL_WITHIN
        try:
            with UnitOfWork(self._sessions) as uow:
                shown = uow.outbox.recent_texts(message.chat.platform, message.chat.ref, since)
        except Exception:
            log.exception("reading what was listed in chat %s failed", message.chat.ref)
            return message, 0
        for listed in shown:  # the newest list of two issues or more
            numbers = list(dict.fromkeys(_LISTED_ISSUE.findall(listed)))
            if len(numbers) < 2:
                continue
            place = len(numbers) if ordinal["last"] else read_number(ordinal["n"])
            if place is None:
                return message, 0
            rest = said[ordinal.end() :].lstrip("，, ")
            if not 1 <= place <= len(numbers):
                return replace(message, text=f"{numbers[0]}号{rest}"), len(numbers)
            return replace(message, text=f"{numbers[place - 1]}号{rest}"), 0
        return message, 0

    def _edit_route(self, message: IncomingMessage, fresh: Route) -> Route:
        """An edit of a message (Telegram). Of one filed as a report: perhaps its 补充. Of one
        that changed nothing (never kept, or answered with help, a refusal or a suggestion):
        `fresh`, the new wording read as a new message, so 「办结 l」 put right runs. Of any
        other: nothing, so what the original did is not done twice (a command is told so)."""
        chat, original = message.chat, message.edited or ""
        try:
            with UnitOfWork(self._sessions) as uow:
                kept = uow.inbox.outcome_of(chat.platform, chat.ref, original)
        except Exception:
            log.exception("checking what message %s became failed", original)
            return IGNORE
        outcome, issue_id = kept if kept is not None else (None, None)
        if outcome == ANNOUNCED:  # a notice staff posted, put right: the new wording answers
            return Route(RouteKind.ANNOUNCED, text=visible(message.text).strip(), args=original)
        if outcome == "issue":
            described = fresh.kind in (RouteKind.REPORT, RouteKind.MENTION, RouteKind.PRIVATE)
            said = fresh.text if described else visible(message.text).strip()
            return Route(RouteKind.EDIT, args=str(issue_id), text=said)
        if outcome is None or outcome in CHANGED_NOTHING:
            return fresh
        if fresh.kind in (RouteKind.COMMAND, RouteKind.SEVERAL):  # done once: told so
            return Route(RouteKind.EDIT_DONE, text=visible(message.text).strip())
        return IGNORE

    def _guide_asked(self, message: IncomingMessage) -> str | None:
        """The words of an untagged group question the community's 办事指南 answers
        (「物业费多少钱一平」), normalised; None for other words, where there is no guide, or
        where this process gave the group the answer within the half hour. Other chatter costs
        a lookup and a length check, and no query."""
        answering = self._guide_answering(message)
        if answering is None:
            return None
        said, keys = answering
        return None if self._given.lately(message.chat, keys, self._services.clock.now()) else said

    def _guide_answering(self, message: IncomingMessage) -> tuple[str, str] | None:
        """An untagged group question's words, normalised, and the keys (as shown) of the
        办事指南 answer that fits it; None when none does."""
        text = message.text
        if message.chat.is_private or not text or len(text) > _GUIDE_TEXT_AT_MOST:
            return None
        guides = self._guided.known()
        found = guides.get((message.chat.platform, message.chat.ref)) if guides else None
        if found is None or found.named.search(text) is None:
            return None
        said = normalize(rstrip_marks(visible(text).strip(), SENTENCE_ENDS))
        entry = guide_rules.answering(found.entries, said, in_group=True)
        return None if entry is None else (said, guide_rules.shown_keys(entry.keys))

    def _guide_answered(self, ctx: Context, said: str) -> Outcome | None:
        """The 办事指南's answer to a group question, noted as given there now."""
        answered = guide.asked_in_group(ctx, said)
        if answered is not None and (given := self._guide_answering(ctx.message)):
            self._given.given(ctx.message.chat, given[1], ctx.now)
        return answered

    def _worth_suggesting(self, message: IncomingMessage) -> bool:
        """An untagged group message in a chat with 诉求提示 on, that reads surely as a
        complaint. Chatter elsewhere costs a set lookup, no query and no analysis."""
        if message.chat.is_private or not message.text:
            return False
        if message.chat not in self._suggesting:
            return False
        return self._services.analyzer.worth_suggesting(visible(message.text))

    def _danger_heard(self, message: IncomingMessage) -> bool:
        """An untagged group message telling of danger (「楼道里有煤气味」), in any chat: the
        residents are told how to get help at once, and the work group hears of it."""
        if message.chat.is_private or not message.text:
            return False
        return self._services.analyzer.sounds_urgent(visible(message.text))

    def _awaited(self, message: IncomingMessage, route: Route) -> bool:
        """Whether what `message` may answer is there. In a group: a poll open there, a
        meeting coming there, a 公示 open in its community, a report there just now. For the
        sender: a ballot waiting for their flat, an issue of theirs reported here still open, an
        issue 已办结 or a 回头看 question waiting (reported in this chat; any chat, when private,
        where any poll or 公示 counts too). A read, so chatter that merely sounds like an answer
        is neither kept nor handled."""
        kind = route.kind
        if kind in (
            RouteKind.MEETING_CALLED,
            RouteKind.MEETING_QUESTION,
            RouteKind.PUBLICITY_REPLY,
            RouteKind.NOTICE_QUESTION,
            RouteKind.NEAR_COMMAND,  # 「关闭 1」: whether the sender may, for the handler to see
            RouteKind.NEW_STAFF,
        ):
            return True  # rare: who said it, and of what meeting, is for the handler to see
        if kind in (RouteKind.MEETING_ASKED, RouteKind.ATTEND) and (
            message.chat.is_private or (kind is RouteKind.MEETING_ASKED and message.mentions_bot)
        ):
            return True  # said to the bot: its answer, or the greeting when there is none
        if kind is RouteKind.NOTICE_ASKED:  # 「明天几点停水」: a question is no rare thing
            return message.chat in self._noticed
        if kind is RouteKind.GUIDE_ASKED:  # 「电动车可以上楼吗」: what the guide answers
            return self._guide_asked(message) is not None
        now = self._services.clock.now()
        chat = message.chat
        ref = None if chat.is_private else chat.ref
        sender = message.sender.ref
        try:
            with UnitOfWork(self._sessions) as uow:
                if kind in (RouteKind.ANNOUNCED, RouteKind.TAKEN_UP):  # a notice, a nod: staff's
                    return uow.people.at_work_in(chat.platform, sender, chat.ref)
                if kind is RouteKind.RECALL:  # only a report or a notice is worth its recall
                    kept = uow.inbox.outcome_of(chat.platform, chat.ref, message.recalled or "")
                    return kept is not None and kept[0] in (ANNOUNCED, "issue")
                if kind is RouteKind.SPOKEN_BALLOT:
                    return uow.meetings.polling_heard(chat.platform, ref, now)
                if kind is RouteKind.RATING:  # 「还可以」 just after the 办结 asked for it
                    since = now - RATED_SOON_AFTER
                    return uow.issues.resolved_waits_since(chat.platform, sender, chat.ref, since)
                if kind in (RouteKind.NOT_FIXED, RouteKind.THANKED):
                    return uow.issues.resolved_waits(chat.platform, sender, ref)
                if kind is RouteKind.SPOKEN_OBJECTION:
                    return uow.meetings.publicity_heard(chat.platform, ref, now)
                if kind is RouteKind.HOME:
                    return uow.meetings.homeless_waits(chat.platform, sender, now)
                if kind is RouteKind.FIXED:  # 「道闸好了」: from its reporter, a follower, a holder
                    return (
                        uow.issues.awaited_here(chat.platform, sender, chat.ref)
                        or uow.issues.followed_open_here(chat.platform, sender, chat.ref)
                        or uow.issues.holds_open(chat.platform, sender)
                    )
                if kind is RouteKind.ASKING:  # its reporter, or a neighbour of a report there
                    since = now - intake.NEIGHBOUR_ASKED_WITHIN
                    return uow.issues.awaited_here(
                        chat.platform, sender, chat.ref
                    ) or uow.issues.reported_in_since(chat.platform, chat.ref, since)
                if kind in (
                    RouteKind.PLACE,
                    RouteKind.DETAIL,
                    RouteKind.WITHDRAWN,
                ):
                    return uow.issues.awaited_here(chat.platform, sender, chat.ref)
                if kind is RouteKind.EMERGENCY_NEWS:
                    since = now - intake.EMERGENCY_NEWS_WITHIN
                    return uow.issues.urgent_reported_since(chat.platform, sender, chat.ref, since)
                if kind is RouteKind.CHECKED:
                    since = now - intake.CHECKED_WITHIN
                    return uow.issues.reported_in_since(chat.platform, chat.ref, since)
                # The 台账 asked, staff telling of their work: privately, or in a work group;
                # asked of the bot in any group (「@邻里 我们楼有几件没办完」).
                if kind in (RouteKind.LEDGER_ASKED, RouteKind.WORK_TOLD):
                    if chat.is_private or (kind is RouteKind.LEDGER_ASKED and message.mentions_bot):
                        return True
                    found = uow.chats.find(chat.platform, chat.ref)
                    if found is not None and found.kind == "work":
                        return True
                    if kind is RouteKind.WORK_TOLD:  # 「2号我去看了，灯确实亮了」: a 楼栋长's 核实
                        number = issue_first(normalize(route.text))[0]  # 「1号不用管了」: its 撤回
                        return number is not None and (
                            uow.issues.checked_by_head(chat.platform, sender, chat.ref, number)
                            or uow.issues.reported_here_as(chat.platform, sender, chat.ref, number)
                        )
                    # 「1号怎么样了」 in a group, from whoever reported it there: 查看 1.
                    shown = route.command is not None and route.command.name == "show"
                    number = read_number(route.args) if shown else None
                    return number is not None and uow.issues.reported_here_as(
                        chat.platform, sender, chat.ref, number
                    )
                if kind is RouteKind.MEETING_ASKED and (
                    uow.meetings.polling_in(chat.platform, chat.ref, now)
                    or uow.meetings.publicity_heard(chat.platform, chat.ref, now)
                    or uow.meetings.called_off_in(chat.platform, chat.ref, now)
                ):
                    return True  # 「投票什么时候截止」「公示到什么时候」「会议取消了吗」
                if kind is RouteKind.TAKING_PART_ASKED:  # 「能线上参加吗」: a poll open, or coming
                    return bool(
                        uow.meetings.polling_in(chat.platform, chat.ref, now)
                        or uow.meetings.coming_in(chat.platform, chat.ref, now)
                    )
                if kind in (RouteKind.ATTEND, RouteKind.MEETING_ASKED):
                    return bool(
                        uow.meetings.coming_in(chat.platform, chat.ref, now)
                        or uow.meetings.called_off_in(chat.platform, chat.ref, now)
                    )
                if kind is RouteKind.ME_TOO:  # in reply or by number: that says which
                    since = now - ME_TOO_WITHIN
                    if message.reply_to is not None or issue_first(normalize(message.text))[0]:
                        return True
                    return uow.issues.reported_in_since(chat.platform, chat.ref, since)
                since = now - timedelta(days=ledger.LOOKBACK_ANSWER_DAYS)
                return uow.issues.lookback_waits(chat.platform, sender, ref, since)
        except Exception:
            log.exception("checking message %s for an answer failed", message.message_id)
            return False

    def _seen(self, message: IncomingMessage) -> bool:
        """Whether the message is already kept (False when that cannot be known now)."""
        try:
            with UnitOfWork(self._sessions) as uow:
                return uow.inbox.seen(message.chat.platform, message.chat.ref, message.message_id)
        except Exception:
            log.exception("checking message %s failed", message.message_id)
            return False

    def _once(self, message: IncomingMessage, route: Route) -> list[Outgoing]:
        """One attempt: the whole handling of `message` in one transaction."""
        with UnitOfWork(self._sessions) as uow:
            platform, ref = message.chat.platform, message.chat.ref
            heard = uow.chats.heard(platform, ref, message.message_id)
            seen = heard.seen
            if seen is None:  # a chat never heard from (or moved): asked on its own
                seen = uow.inbox.seen(platform, ref, message.message_id)
            if seen:
                return []  # the platform delivered it again: already answered
            ctx, first_heard = self._context(uow, message, heard.chat)
            outcome = self._handled(ctx, route)
            proposal = admin.binding_proposal(uow, message) if first_heard else None
            if proposal is not None:
                outcome = Outcome([proposal, *outcome.replies], outcome.status, outcome.issue_id)
            uow.inbox.add(self._kept(message, outcome.status, outcome.issue_id))
            if message.via == "poll" and outcome.status not in ("invalid", "refused"):
                # The native poll shows the answer; a confirmation per voter would flood.
                outcome = Outcome([], outcome.status, outcome.issue_id)
            masked, keep = not outcome.published, self._services.public_phones
            replies = [fit_for_chat(r, mask=masked, keep=keep) for r in outcome.replies]
            now = self._services.clock.now()
            holding: list[datetime | None] = []  # worked out once, if a notice goes elsewhere
            for reply in replies if self._queue_replies else ():
                if message.via == "web" and here(reply, message.chat):
                    continue  # an action taken on the web: the page shows its answer
                row = outbound(reply, now)
                if not here(reply, message.chat):  # notices to others wait for the morning
                    if not holding:
                        holding.append(self._quiet_hold(ctx, outcome, now))
                    row.not_before = holding[0]
                uow.outbox.add(row, known=ctx.chat)
            uow.commit()
            # By ids only: the text is a resident's.
            log.debug(
                "message %s in %s chat %s: %s, issue %s",
                message.message_id,
                message.chat.platform,
                message.chat.ref,
                outcome.status,
                outcome.issue_id,
            )
            return replies

    def _quiet_hold(self, ctx: Context, outcome: Outcome, now: datetime) -> datetime | None:
        """Until when a message's notices to other chats wait (chat-protocol §5, quiet hours):
        the end of its community's quiet hours, unless its issue is urgent. The answer to the
        one who wrote goes at once: they are awake."""
        if ctx.community is None or outcome.at_once:
            return None
        if outcome.issue_id is not None and ctx.uow.issues.get(outcome.issue_id).urgent:
            return None
        return quiet_until(self._services, ctx.community.code, now)

    def _as_ballot(self, message: IncomingMessage, vote: PollAnswer) -> IncomingMessage | None:
        """A native poll answer, as the typed ballot it stands for, in the poll's chat."""
        with UnitOfWork(self._sessions) as uow:
            poll = uow.outbox.poll(message.chat.platform, vote.poll_ref)
            if poll is None or poll.chat_ref is None or poll.ballot is None:
                return None
            chosen = ",".join(map(str, vote.choices)) or WITHDRAW_WORDS[0]
            chat = ChatRef(poll.platform, poll.chat_ref, poll.chat_title, poll.chat_private)
            return replace(message, chat=chat, text=f"{poll.ballot} {chosen}", via="poll")

    def _move_chat(self, message: IncomingMessage, old_ref: str) -> None:
        """A group became a supergroup with a new id: it keeps its binding and its history."""
        platform, new_ref = message.chat.platform, message.chat.ref
        try:
            with UnitOfWork(self._sessions) as uow:
                moved = admin.move_chat(uow, self._services, platform, old_ref, new_ref)
                uow.commit()
            if moved:
                log.info("chat %s on %s is now %s", old_ref, platform, new_ref)
        except Exception:
            log.exception("moving chat %s to %s failed", old_ref, new_ref)

    def _handled(self, ctx: Context, route: Route) -> Outcome:
        """`route` handled in a savepoint: a refused or malformed command changes nothing and
        is answered in its one line."""
        try:
            with ctx.uow.savepoint():
                return self._handle(ctx, route)
        except Answer as stop:
            if stop.status == "refused":
                return refuse(ctx, stop.command, stop.text)
            return answer(ctx, stop.text, stop.status)

    def _several(self, ctx: Context, route: Route) -> Outcome:
        """Several commands said in one message, each handled as if sent alone (one refused
        leaves the others done); what each answers here is one message, line by line."""
        said = ctx.message.message_id
        outcomes = []
        for index, part in enumerate(route.parts):
            # Each its own message id, as what a command keeps by it (a reminder, a notice)
            # would otherwise be one; what they say here still answers the message sent.
            own = f"{said}#{index + 1}" if index else said
            one = self._handled(replace(ctx, message=replace(ctx.message, message_id=own)), part)
            outcomes.append(_replying_to(one, own, said))
        sent = [out for outcome in outcomes for out in outcome.replies]
        done = [o.status for o in outcomes if o.status not in ("invalid", "refused")]
        status = done[0] if done else outcomes[0].status
        return Outcome(joined_here(ctx, sent), status)

    def _handle(self, ctx: Context, route: Route) -> Outcome:
        if (heard := _HEARD.get(route.kind)) is not None:  # a spoken answer, if it answers
            return self._or_otherwise(ctx, route, heard(ctx, route.text))
        match route.kind:
            case RouteKind.COMMAND:
                assert route.command is not None
                return route.command.handler(ctx, route.args)
            case RouteKind.SEVERAL:
                return self._several(ctx, route)
            case RouteKind.UNKNOWN_COMMAND | RouteKind.NEAR_COMMAND:
                return self._meant(ctx, route)
            case RouteKind.REPORT:
                return intake.report(ctx, route.text)
            case RouteKind.MENTION:
                return intake.mention(ctx, route.text)
            case RouteKind.FILE:
                return intake.file_reply(ctx, route.text)
            case RouteKind.PRIVATE:
                return intake.private_message(ctx, route.text)
            case RouteKind.RECALL:
                return intake.recalled(ctx, route.text)
            case RouteKind.WORK_TOLD:
                return intake.work_told(ctx, route.text)
            case RouteKind.EDIT:
                return intake.edited(ctx, int(route.args), route.text)
            case RouteKind.EDIT_DONE:
                return answer(
                    ctx, texts.EDIT_NOT_RUN.format(said=shorten(route.text, 60)), "invalid"
                )
            case RouteKind.VOICE:
                return answer(ctx, texts.VOICE_HINT, "invalid")
            case RouteKind.EXTEND_ANSWER:
                return extend.answer(ctx, route.args, route.text)
            case RouteKind.RATING:
                return ledger.rating_reply(
                    ctx,
                    route.text,
                    to_the_bot=route.args == TO_THE_BOT,
                    just_asked=route.args == JUST_ASKED,
                )
            case RouteKind.LOOKBACK:
                return ledger.lookback_reply(ctx, route.text) or Outcome([], "ignored")
            case RouteKind.BALLOT:
                return meetings.ballot(ctx, route.text)
            case RouteKind.LEDGER_ASKED:
                assert route.command is not None
                if route.command.name == "stats":  # 「你们今天处理了几件」: chat after all
                    return self._or_otherwise(ctx, route, stats.asked(ctx, route.args))
                if route.word == REPORTED_BY:  # 「王芳反映过哪些问题」: staff's 搜索 王芳
                    return self._or_otherwise(ctx, route, listing.reported_by(ctx, route.args))
                if route.word == BY_REPORTER:  # 「把王芳的事情加急」: 加急 of hers
                    acted = listing.of_reporter(ctx, route.command, route.args)
                    return self._or_otherwise(ctx, route, acted)
                if route.command.name == "search":  # 「3号楼灯修好了吗」: a resident's own
                    return self._or_otherwise(ctx, route, listing.asked_after(ctx, route.args))
                if route.command.name == "notice":  # said in words: shown, never sent
                    return self._or_otherwise(ctx, route, notice.wanted(ctx, route.args))
                if route.word == ATTENDEES_REMINDED:  # 「提醒报名的人明天开会」
                    reminded = meetings.attendees_reminded(ctx, route.args)
                    return self._or_otherwise(ctx, route, reminded)
                if route.command.name == "role":  # 「孙丽离职了」: of staff, by the secretary
                    told = route.word == POST_TOLD  # 「孙丽是网格5的网格员」: an instruction
                    changed = admin.post_changed(ctx, route.args, told=told)
                    return self._or_otherwise(ctx, route, changed)
                return route.command.handler(ctx, route.args)
            case RouteKind.MEETING_ASKED:
                return self._or_otherwise(ctx, route, meetings.when_and_where(ctx, route.text))
            case RouteKind.GUIDE_ASKED:
                return self._or_otherwise(ctx, route, self._guide_answered(ctx, route.text))
            case RouteKind.NOTICE_QUESTION:  # 「为什么停水」 in reply to a notice
                asked = notice.question_relayed(ctx, route.args, route.text)
                return self._or_otherwise(ctx, route, asked)
            case RouteKind.MEETING_QUESTION:  # 「需要带什么吗」 in reply to a meeting
                asked = meetings.question_relayed(ctx, route.args, route.text)
                return self._or_otherwise(ctx, route, asked)
            case RouteKind.PUBLICITY_REPLY:  # 「太贵了」 in reply to a 公示
                replied = meetings.publicity_replied(ctx, route.args, route.text)
                return self._or_otherwise(ctx, route, replied)
            case RouteKind.PHOTO:
                return intake.late_photo(ctx, route.text)
            case RouteKind.SUGGEST:
                return intake.suggest_filing(ctx, route.text, danger=route.args == DANGER)
            case RouteKind.ORDINAL_BEYOND:  # 「第五个受理」 after a list of three
                said = texts.ORDINAL_BEYOND.format(count=route.text, first=route.args)
                return answer(ctx, said, "invalid")
            case RouteKind.IGNORE:  # what a spoken answer falls back to when nothing waits
                return Outcome([], "ignored")
        raise AssertionError(f"unrouted {route.kind}")

    def _meant(self, ctx: Context, route: Route) -> Outcome:
        """「/关闭 1」「关闭 1」: the command the word means, said as it is said; an unknown
        /command is told so, other words are what they otherwise read as."""
        if route.kind is RouteKind.NEAR_COMMAND:
            return self._or_otherwise(ctx, route, near_command(ctx, route.word, route.args))
        return unknown_command(ctx, route.word, route.args)

    def _or_otherwise(self, ctx: Context, route: Route, outcome: Outcome | None) -> Outcome:
        """A spoken answer's outcome; None (what it would answer went a moment ago, or it answers
        nothing after all): the message as it otherwise reads."""
        if outcome is not None:
            return outcome
        if route.otherwise is not None:
            return self._handle(ctx, route.otherwise)
        return Outcome([], "ignored")

    def _context(
        self, uow: UnitOfWork, message: IncomingMessage, chat: Chat | None
    ) -> tuple[Context, bool]:
        """The context to handle `message` in, and whether its chat was first heard just now.
        `chat`: the message's chat as `Chats.heard` found it (None: not known yet)."""
        now = self._services.clock.now()
        first_heard = chat is None
        if chat is None:
            chat = uow.chats.add(
                Chat(
                    platform=message.chat.platform,
                    ref=message.chat.ref,
                    title=message.chat.title or message.chat.ref,
                    kind="private" if message.chat.is_private else "grid",
                )
            )
            if not message.chat.is_private:
                # Its id is what config.yaml can bind it by (ids are not shown in the apps).
                log.info(
                    "first heard from %s group %s (%s)",
                    message.chat.platform,
                    message.chat.ref,
                    message.chat.title,
                )
        elif message.chat.title and chat.title != message.chat.title and message.via != "poll":
            # A renamed room keeps its binding (bound by id). A poll answer's title is the one
            # the poll was sent under, so it is not news.
            chat.title = message.chat.title
        sender = message.sender
        person, grants = uow.people.ensure_with_grants(
            sender.platform, sender.ref, sender.name, now, sender.handle
        )
        if sender.name and person.name != sender.name:
            person.name = sender.name  # people rename themselves; the id stays
        account = self._services.settings.bot.account
        if account:
            # Several processes share the database: this chat and this person are heard by
            # this process's account, so what is queued for them goes out through it.
            chat.account = person.account = account
        community = self._community(uow, chat, grants)
        held_here = [g for g in grants if community and g.community_id == community.id]
        actor = actor_with(person.id, held_here)
        return Context(message, uow, self._services, chat, person, community, actor), first_heard

    @staticmethod
    def _community(uow: UnitOfWork, chat: Chat, grants: Sequence[RoleGrant]) -> Community | None:
        """The chat's community (loaded with the chat by `Chats.heard`: no query); a private
        chat's, from the person's `grants` in every community."""
        if chat.community_id is not None:
            return uow.communities.get(chat.community_id)
        if chat.kind != "private":
            return None
        # A private chat belongs to the person's community, when that is unambiguous.
        known = sorted({grant.community_id for grant in grants})
        if len(known) == 1:
            return uow.communities.get(known[0])
        everything = uow.communities.all()
        return everything[0] if len(everything) == 1 and not known else None

    def _kept(self, message: IncomingMessage, outcome: str, issue_id: int | None) -> InboundMessage:
        return InboundMessage(
            platform=message.chat.platform,
            chat_ref=message.chat.ref,
            message_id=message.message_id,
            sender_ref=message.sender.ref,
            sender_name=message.sender.name,
            text=message.text,
            sent_at=message.sent_at,
            received_at=self._services.clock.now(),
            outcome=outcome,
            issue_id=issue_id,
        )

    def _keep_failed(self, message: IncomingMessage, sorry: Reply) -> None:
        """After a failure, still keep the text so nobody has to type it again."""
        try:
            with UnitOfWork(self._sessions) as uow:
                if not uow.inbox.seen(message.chat.platform, message.chat.ref, message.message_id):
                    uow.inbox.add(self._kept(message, "failed", None))
                    if self._queue_replies:
                        uow.outbox.add(outbound(sorry, self._services.clock.now()))
                    uow.commit()
        except Exception:
            log.exception("could not keep failed message %s", message.message_id)


# Words that may answer something waiting (a poll, a rating, a meeting coming there …):
# what answers them, None when nothing does, and then the message is what it otherwise reads as.
_HEARD: dict[RouteKind, Callable[[Context, str], Outcome | None]] = {
    RouteKind.SPOKEN_BALLOT: meetings.spoken_ballot,
    RouteKind.NOT_FIXED: ledger.not_fixed_reply,
    RouteKind.THANKED: ledger.thanked,
    RouteKind.ASKING: intake.asked_in_group,
    RouteKind.FIXED: intake.fixed_in_group,
    RouteKind.ATTEND: meetings.attend,
    RouteKind.NOTICE_ASKED: notice.answering,
    RouteKind.ANNOUNCED: notice.announced,
    RouteKind.TAKING_PART_ASKED: meetings.question_heard,
    RouteKind.MEETING_CALLED: meetings.called_in_words,
    RouteKind.ME_TOO: intake.me_too,
    RouteKind.PLACE: intake.place_given,
    RouteKind.DETAIL: intake.detail_given,
    RouteKind.WITHDRAWN: intake.withdrawn,
    RouteKind.EMERGENCY_NEWS: intake.emergency_news,
    RouteKind.CHECKED: intake.checked,
    RouteKind.HOME: meetings.home_given,
    RouteKind.NEW_STAFF: intake.staff_joined,
    RouteKind.SPOKEN_OBJECTION: meetings.spoken_objection,
    RouteKind.TAKEN_UP: intake.taken_up,
}


def _replying_to(outcome: Outcome, own: str, said: str) -> Outcome:
    """`outcome` with its replies to message `own` made replies to message `said`."""
    replies = [
        replace(out, reply_to_message_id=said)
        if isinstance(out, Reply) and out.reply_to_message_id == own
        else out
        for out in outcome.replies
    ]
    return replace(outcome, replies=replies)
