"""Deciding what a message is: a command, a report, a filing, or chatter to leave alone.

Pure: it reads the text and the message's shape, never the database. The dispatcher acts on
the `Route` it returns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

from bot.analysis.location import corrects_place, extract_location, gives_place
from bot.domain.asking import (
    ATTENDEES_REMINDED,
    asks_in_group,
    attendees_to_remind,
    checked_said,
    contact_asked,
    detail_said,
    emergency_news,
    extension_answer,
    issue_asked,
    ledger_asked,
    meeting_state_asked,
    notice_asked,
    notice_wanted,
    place_work_told,
    post_changed,
    post_told,
    problem_asked,
    problem_worded,
    reads_as_notice,
    reporter_acted,
    reporter_asked,
    reporter_told,
    same_issues_said,
    staff_joining,
    stats_asked,
    taken_on,
    withdrawn_said,
    work_told,
)
from bot.domain.deadlines import DUE_WORDS
from bot.domain.duplicates import follow_too, me_too
from bot.domain.guide import asked as guide_asked
from bot.domain.lookback import came_back
from bot.domain.patrols import mentions_rounds, patrol_said, rounds_asked
from bot.domain.ratings import (
    RATING_WORDS,
    VAGUE_RATING_WORDS,
    fixed_said,
    not_fixed,
    spoken_rating,
    thanks_said,
    vague_said,
)
from bot.domain.sources import filing_said
from bot.domain.voting import (
    ANY_MEETING,
    MEETING_KINDS,
    MEETING_WORDS,
    WITHDRAW_WORDS,
    attending_and_more,
    attending_said,
    chain_joined,
    home_said,
    is_ballot,
    meeting_asked,
    meeting_called,
    objection_said,
    spoken_choice,
    taking_part_asked,
)
from bot.messages import IncomingMessage
from bot.text import (
    NUMBER_GOES_ON,
    SENTENCE_ENDS,
    arabic_lead,
    issue_first,
    normalize,
    printable,
    rstrip_marks,
    typed_index,
    visible,
)
from handlers.base import Command

# "/show 23", "/show23", "/查看 23", and Telegram's "/show@linli_bot 23".
_SLASH = re.compile(r"^(/([^\s\d#@]+)(?:@[A-Za-z0-9_]+(?=\s|$))?)", re.S)
# A Chinese keyword counts only when followed by an argument-like start, so "查看一下" and
# "帮助：谁家有梯子" are chatter, while "进展：23 …" is a command.
_KEYWORD_FOLLOW = re.compile(r"^($|[\s\d#@]|[:,]\s*[\d#])")
_TAG_PUNCT = re.compile(r"^[\s:：,，。.、!！]+")
_FILE_COMMAND = re.compile(r"^/file(?:@\w+)?(?=\s|$)", re.I)  # `/file` in reply: as #立案 does
# 「/start」「/start@linli_bot」「/start abc」: what Telegram sends when someone opens the bot.
_START = re.compile(r"^/start(?:@\w+)?(?:\s.*)?$", re.IGNORECASE | re.DOTALL)
_ISSUE_FIRST = frozenset({"issue", "record"})  # commands whose argument starts with an issue
# A meeting by its number, or by its kind (「取消会议 板凳会」: the one still to come).
_EXPECTS = {
    "issue": re.compile(r"^#?\s*\d"),
    "meeting": re.compile(rf"^(?:[Mm]\s*\d|(?:{'|'.join(MEETING_WORDS)})(?:\s|$))"),
    "question": re.compile(r"^问?\s*\d"),
}
_INLINE_SPACE = re.compile(r"[ \t\u3000]+")
# A loose keyword (`Command.loose_keywords`: 「派 1 物业」「结案 2 已修复」) counts only before an
# issue number that stands alone.
_STANDING_NUMBER = re.compile(r"^\s*#?\s*\d+\s*号?(?:\s|给|[:,]|$)")
# A word before an issue number standing alone (「关闭 1」「完成1，灯换好了」「删除 #2」), not
# a count (「安排 2 个人去看」「推迟 1 天」).
_NEAR_LEAD = re.compile(
    r"^([\u4e00-\u9fff]{1,4})\s*"
    r"(?=#?\s*\d+\s*号?(?:\s|[:,]|$))"
    r"(?!#?\s*\d+\s*(?:[个人位名次天点分户件条元块米周月年层楼栋幢单室时]|号\s*[楼院栋]))"
)


class RouteKind(Enum):
    COMMAND = "command"
    UNKNOWN_COMMAND = "unknown_command"
    # 「关闭 1」「删除 2」: a word meaning a command, not one, before an issue number; answered
    # how it is said, to whoever may do that to the issue (`handlers.help.near_command`).
    NEAR_COMMAND = "near_command"
    REPORT = "report"  # a tagged message
    MENTION = "mention"  # untagged text that @-mentions the bot: a report if it reads as one
    FILE = "file"  # a reply with #立案: file someone else's message
    PRIVATE = "private"  # untagged text in a private chat with the bot
    RATING = "rating"  # 满意 / 基本满意 / 不满意 / 5分: an answer to the follow-up (回访)
    # 没有 / 又出现了: perhaps the answer to a 回头看 question; if none waits, `otherwise`
    LOOKBACK = "lookback"
    BALLOT = "ballot"  # M3 1 / M3 1,2 / M3 撤回: an answer to a poll or a vote, or taken back
    # 我选周六 / 选2 / 同意: perhaps an answer to the one poll open in the group (privately, in
    # the community); if none, `otherwise`
    SPOKEN_BALLOT = "spoken_ballot"
    # 灯还是不亮: perhaps the reporter saying 「#1 已办结」 did not fix it; if not, `otherwise`
    NOT_FIXED = "not_fixed"
    # 我有异议，太贵: perhaps an objection to the 公示 open; if none is, `otherwise`
    SPOKEN_OBJECTION = "spoken_objection"
    # 3-2-301: perhaps the flat a 每户一票 ballot of the sender waits for; if none, `otherwise`
    HOME = "home"
    # 什么时候来修 (in a group): perhaps a reporter asking after their issue reported there
    ASKING = "asking"
    # 灯修好了，谢谢 (in a group): perhaps a reporter telling their issue there is done
    FIXED = "fixed"
    # 谢谢 / 辛苦了 (in a group): perhaps the reporter of an issue 已办结 there, whose rating
    # is then asked for; if not, `otherwise`
    THANKED = "thanked"
    # 我参加 / 我去不了 (in a group): perhaps about a meeting coming there; if none, `otherwise`
    ATTEND = "attend"
    # 几点开会 / 在哪开会 (in a group): perhaps about a meeting coming there
    MEETING_ASKED = "meeting_asked"
    # 需要带什么吗 in reply to the bot's 📅 M1 (in a group): a question for whoever called M1
    MEETING_QUESTION = "meeting_question"
    # 太贵了 / 什么时候开始收 in reply to the bot's 📢 公示 of M1: an 异议 or a question of it
    PUBLICITY_REPLY = "publicity_reply"
    # 能线上参加吗 (in a group): perhaps a question for whoever called the meeting coming or
    # polling there
    TAKING_PART_ASKED = "taking_part_asked"
    # 明天几点停水 (in a group): perhaps what a notice sent there lately says
    NOTICE_ASKED = "notice_asked"
    # 为什么停水 in reply to the bot's 📢 notice (in a group): a question for the community's staff
    NOTICE_QUESTION = "notice_question"
    # 物业费多少钱一平 (in a group): perhaps what the community's 办事指南 answers
    GUIDE_ASKED = "guide_asked"
    # 周四晚上7点在罐罐茶开议事会: a meeting called in a sentence, if said by someone who may
    # call one; if not, `otherwise`
    MEETING_CALLED = "meeting_called"
    # 超期的有哪些 / 还有几件没办完 / 1号什么情况 / 这周收了几件 / 2号和1号是一回事: the 台账,
    # an issue or the 统计 asked in words, or a merge, privately or in a work group
    LEDGER_ASKED = "ledger_asked"
    # 我家也是 / +1 in reply (in a group): perhaps the same problem as a report there
    ME_TOO = "me_too"
    # 我家是3号楼2单元301 (in a group): perhaps where the sender's report there just now is
    PLACE = "place"
    # 补充一下，是3楼和4楼之间那盏 (in a group): perhaps a detail of the sender's report there
    DETAIL = "detail"
    # 我的反映撤回吧 (in a group): perhaps the sender's report there taken back
    WITHDRAWN = "withdrawn"
    # 人已经送医院了 (in a group): perhaps news of the sender's emergency reported there just now
    EMERGENCY_NEWS = "emergency_news"
    # 我去看了，3楼和4楼的灯都不亮 (in a group): perhaps a 楼栋长's check of a report there
    CHECKED = "checked"
    # 大家好，我是新来的网格员孙丽 (in a group): someone saying they joined the staff, whom
    # the work group is told how to grant the role
    NEW_STAFF = "new_staff"
    PHOTO = "photo"  # an untagged photo: attached to the sender's report of a moment ago
    VOICE = "voice"  # a voice message sent privately: asked to type it instead
    # A command that ran, edited (Telegram): it is not run again, and the sender is told so
    EDIT_DONE = "edit_done"
    # 「2 已上门沟通」「3号已经修好了」 in a work group: staff telling of an issue's work
    WORK_TOLD = "work_told"
    # WeChat 撤回 of a message the bot filed as its sender's report: perhaps that report's 撤回
    RECALL = "recall"
    # A Telegram edit of a message the bot filed as its sender's report: perhaps its 补充
    EDIT = "edit"
    # 「同意」 in reply to a holder's 延期 request, 「不同意延期 2」: granting or declining it
    EXTEND_ANSWER = "extend_answer"
    SUGGEST = "suggest"  # untagged, but reads surely as a complaint: suggest #立案 (§2)
    ORDINAL_BEYOND = "ordinal_beyond"  # 「第五个受理」 after a list of three: said so
    # 各位居民，明天上午9点到11点停水检修 (in a group): from staff, a notice of their own, kept
    # to answer 「几点停水」 from
    ANNOUNCED = "announced"
    # 「收到，马上处理」 in reply to a neighbour's untagged complaint (in a group): perhaps staff
    # taking it up, told privately how to track it
    TAKEN_UP = "taken_up"
    # 「受理 1\n受理 2」「1号派给物业，2号派给周主任」: several commands in one message (`parts`)
    SEVERAL = "several"
    IGNORE = "ignore"


@dataclass(frozen=True)
class Route:
    kind: RouteKind
    command: Command | None = None
    word: str = ""  # the command word as typed
    args: str = ""
    text: str = ""  # report description (tags and bot mention removed)
    # The spoken kinds (LOOKBACK … ME_TOO): the route when what they would answer is not there:
    # no question waits, no poll, 公示 or meeting is open, nothing of the sender's waits, nothing
    # was reported here just now
    otherwise: Route | None = None
    parts: tuple[Route, ...] = ()  # SEVERAL: each command, in the order said


IGNORE = Route(RouteKind.IGNORE)
# The last characters of a question `problem_asked` reads (「…修好了吗」「…怎么样了」), and the
# marks after them: most group messages are passed over by one look at their end.
_ASKED_LAST = frozenset("吗没有样况展何修好理决")  # and 「…怎么样了」
# 「3号楼怎么样了」「路灯的事谁在管」「井盖谁负责」「井盖派给谁了」: a question without a mark.
_ASKED_ENDS = frozenset({"样了", "在管", "负责", "谁了"})
_LAST_MARKS = " ?？!！。.~～…"


_RATING_ASKED = "评价"  # in the bot's 「#1 已办结：…。请报事人评价：…」 and its reminder to rate
TO_THE_BOT = "to_the_bot"  # a RATING route's args: said to the bot, everyday words count
# A RATING route's args: in a group just after a 办结 (`RATED_SOON_AFTER`), everyday words count
JUST_ASKED = "just_asked"


class Router:
    def __init__(
        self,
        commands: Sequence[Command],
        report_tags: Sequence[str],
        file_tags: Sequence[str],
        bot_name: str,
    ) -> None:
        self._by_name = {c.name: c for c in commands}
        self._by_keyword = {k: c for c in commands for k in c.every_keyword}
        # By first character, longest first: a message is checked against the few keywords it
        # can start with, not all of them (most group messages are chatter).
        self._keywords: dict[str, list[tuple[str, Command]]] = {}
        for keyword, command in sorted(
            ((k, c) for c in commands for k in c.every_keyword), key=lambda kc: -len(kc[0])
        ):
            self._keywords.setdefault(keyword[:1], []).append((keyword, command))
        # 「关闭」「删除」: words meaning a command that are not one (`Command.near_words`).
        self._near_words = frozenset(w for c in commands for w in c.near_words)
        self._report = _tag_pattern(report_tags)
        self._bare_report = _bare_tag_pattern(report_tags)
        self._file = _tag_pattern(file_tags)
        self._mention = re.compile(rf"[@＠]{re.escape(normalize(bot_name))}\s*")
        # 「邻里，5号楼楼下有人烧纸」: the bot called by its name, as one calls a person.
        self._called = re.compile(rf"^{re.escape(bot_name)}\s*[，,：:]\s*")

    def _said_plainly(self, said: str, said_text: str, message: IncomingMessage) -> str | None:
        """The command a sentence is said as (「把2合并到1」 → 合并 2 1, 「本周统计」 → 统计 本周,
        「怎么派单」 → 帮助 派单), issues named by a range spelt out (「受理 1到3号」 → 受理
        1、2、3); None for other words."""
        to_the_bot = message.chat.is_private or message.mentions_bot  # 「@邻里 人员列表」 too
        said_before, spelt = said, _ranges_spelt(said)  # 「1到3号都受理」: 「1、2、3都受理」
        if spelt != said:
            said, said_text = spelt, normalize(spelt)
        plain = (
            _ba_sentence(said)
            or _said_in_own_words(said, said_text)
            or _said_as(said_text, private=to_the_bot, raw=said)
        )
        if plain is None and to_the_bot:  # 「怎么撤回」 among neighbours
            plain = self._how_to(said_text)  # is about WeChat
        return plain if plain is not None or spelt == said_before else spelt

    def _quoted_number_filled(
        self, said: str, said_text: str, message: IncomingMessage
    ) -> str | None:
        """「进展 明天上午去换」「办结：已换灯泡」「受理」 said in reply to a message naming one
        issue (the bot's 「已登记 #1…」「新派单 #1…」, a reminder of #1): the command with that
        number (「进展 1 明天上午去换」). None for other words, a command that names its own
        issue, or a quoted message naming none or several."""
        quoted = message.reply_to
        if quoted is None or "#" not in quoted.text:
            return None
        numbers = set(_ISSUE_QUOTED.findall(normalize(quoted.text)))
        if len(numbers) != 1:
            return None
        for keyword, command in self._keywords.get(said_text[:1], ()):
            if command.expects not in _ISSUE_FIRST or not said_text.startswith(keyword):
                continue
            after = said_text[len(keyword) :]
            if after and not _ARGUMENTS_FOLLOW.match(after):
                return None  # 「进展怎么样」: words, not the command
            if after.strip() and issue_first(arabic_lead(after.strip(" :,")))[0] is not None:
                return None  # its own number (「办结 2 …」)
            return f"{keyword} {numbers.pop()} {_rest_after(said, len(keyword))}".strip()
        return None

    def _reminder_asked(self, said: str, raw: str, message: IncomingMessage) -> Route | None:
        """「明天9点提醒我…」 said in a group, as the 提醒 command it is privately (where it is
        said to the bot), the group told whom it is for; None for other words."""
        if _REMINDER_WORD not in said:
            return None
        plain = _said_as(said, private=True, raw=rstrip_marks(raw, SENTENCE_ENDS))
        if plain is None:
            return None
        if "提醒我" in said:  # whom it is for; 「提醒张网格…」 says so itself
            plain += f"（{printable(message.sender.name)}）"
        return self._command(normalize(plain), plain, private=False)

    def _how_to(self, said: str) -> str | None:
        """「怎么派单」「派单怎么用」「评价是什么意思」 → 帮助 派单, for a command's keyword;
        None for other words (「怎么办」)."""
        if (asked := _HOW_TO.match(said)) is None:
            return None
        word = asked["a"] or asked["b"] or asked["c"]
        meaning = f" {MEANING_ASKED}" if asked["c"] or said.endswith("意思") else ""
        if word in _HOW_ANSWERED:
            return None
        if word not in self._by_keyword and (done := _HOW_DONE.match(word)) is not None:
            word = word[done.end() :]  # 「怎么记录走访」: 走访
        return f"帮助 {word}{meaning}" if word in self._by_keyword else None

    def route(self, message: IncomingMessage) -> Route:
        """What `message` is taken for, and what it is taken for otherwise, when the first
        reading finds it is not that after all (`Route.otherwise`)."""
        found = self._route(message)
        if (
            found.kind is RouteKind.COMMAND
            or (found.kind in _SEVERAL_NUMBER_FIRST and _NUMBER_FIRST.match(message.text))
        ) and (several := self._several(message)) is not None:
            return several
        ending = message.text.rstrip(_LAST_MARKS)[-2:]
        if message.chat.is_private or not (ending[-1:] in _ASKED_LAST or ending in _ASKED_ENDS):
            return found
        if not problem_worded(message.text):  # the words every such question has: most lack them
            return found
        # In a group, 「3号楼灯修好了吗」 where nothing else reads the words: staff asking.
        said_text = normalize(rstrip_marks(visible(message.text).strip(), SENTENCE_ENDS))
        asked = self._problem_asked(said_text, IGNORE)
        return found if asked is None else _at_last(found, asked)

    def _several(self, message: IncomingMessage) -> Route | None:
        """「受理 1\n受理 2」「1号派给物业，2号派给周主任」「派单 1 物业；派单 2 周主任」: a
        message that starts with a command, each of whose lines or clauses is a command of its
        own (「办结 1 已修好，灯泡换了」 is one); None for other messages."""
        pieces = [piece.strip() for piece in _SEVERAL_BREAKS.split(visible(message.text))]
        pieces = [piece for piece in pieces if piece]
        if len(pieces) > 2 and (shared := _SAID_OF_ALL.match(normalize(pieces[-1]))):
            # 「1号派给物业，2号派给周主任，都是3天」: the last words are said of each
            pieces = [f"{piece} {shared['words']}" for piece in pieces[:-1]]
        if not 2 <= len(pieces) <= _SEVERAL_AT_MOST:
            return None
        parts: list[Route] = []
        for piece in pieces:
            if parts and (same := _SAME_FOR.match(normalize(piece))) is not None:
                # 「1号派给物业，2号也是」: the command before, for that issue
                part = _for_another(parts[-1], same[1])
                if part is None:
                    return None
                parts.append(part)
                continue
            # Each as said alone: a reply's quoted message (「❓问1 …」) makes no command of it.
            part = self._route(replace(message, text=piece, reply_to=None))
            if part.kind is not RouteKind.COMMAND and not self._told_as_command(part, piece):
                return None
            parts.append(part)
        first = parts[0].command
        if first is not None and first.name in _WHOLE_TEXT:
            return None  # 「结果 M1 决议 同意加装；公示5天后施工」: one decision, clauses and all
        return Route(RouteKind.SEVERAL, parts=tuple(parts))

    def _told_as_command(self, part: Route, piece: str) -> bool:
        """Whether `part` is staff telling of an issue by a command word after its number
        (「1号办结 已修好」), as a command of several is said."""
        if part.kind is not RouteKind.WORK_TOLD:
            return False
        number, rest = issue_first(normalize(piece))
        return number is not None and self._command(rest, rest, private=True) is not None

    def among_staff(self, message: IncomingMessage) -> Route | None:
        """A work group's words that read as chat, as they read said privately: staff there
        speak to the bot as privately (「问题列表」「人员列表」「发一份上个月的台账」「怎么派单」);
        None when they are no command then either."""
        raw = visible(message.text).strip()
        said = rstrip_marks(raw, SENTENCE_ENDS)
        said_text = normalize(said)
        plain = _said_as(said_text, private=True, raw=said) or self._how_to(said_text)
        return None if plain is None else self._command(normalize(plain), plain, private=False)

    def _filed(self, message: IncomingMessage, raw: str) -> Route | None:
        """「#立案」 in reply: the quoted message filed (alone, not in reply: told how); 「#立案
        王阿姨反映3号楼楼道灯坏了」 with nothing quoted: those words reported. None for the tag
        within other words (「这个要不要#立案」)."""
        rest = _strip_tags(self._file, raw)
        if message.reply_to is not None or not rest:
            return Route(RouteKind.FILE, text=rest)
        return Route(RouteKind.REPORT, text=rest) if self._file.match(raw.lstrip()) else None

    def _route(self, message: IncomingMessage) -> Route:
        # Detection reads the normalised text; what is kept (descriptions, reasons) is the
        # person's own text, so full-width punctuation such as "，" survives.
        # Zero-width and bidi characters are dropped first: "#报\u200b事" is the tag it looks like.
        raw = visible(message.text).strip()
        if message.recalled is not None:  # a report taken back; anything else is nobody's
            return Route(RouteKind.RECALL, text=message.recalled, otherwise=IGNORE)
        if message.voice and not raw:  # among neighbours a voice message is theirs
            return Route(RouteKind.VOICE) if message.chat.is_private else IGNORE
        message, raw = self._addressed(message, raw)
        text = normalize(raw)
        if _FILE_COMMAND.match(text):  # outside a reply it is told how
            return Route(RouteKind.FILE, text=_FILE_COMMAND.sub("", text).strip())
        if _START.match(text):  # Telegram's first word to a bot: greeted with how to report
            return Route(RouteKind.PRIVATE if message.chat.is_private else RouteKind.MENTION)
        # Commands and ballots are read without the sentence's closing punctuation.
        # 「台账。」「受理 1！」「查看 1？」 are the commands.
        said, said_text = rstrip_marks(raw, SENTENCE_ENDS), rstrip_marks(text, SENTENCE_ENDS)
        private = message.chat.is_private
        if (plain := self._said_plainly(said, said_text, message)) is not None:
            said, said_text = plain, normalize(plain)  # 「把2合并到1」 is 「合并 2 1」
        elif (numbered := self._quoted_number_filled(said, said_text, message)) is not None:
            said, said_text = numbered, normalize(numbered)  # 「进展 1 明天去换」, in reply
        quoting = message.reply_to.text if message.reply_to is not None else None
        if (extending := extension_answer(said_text, quoting)) is not None:
            return Route(RouteKind.EXTEND_ANSWER, args=str(extending[0]), text=said_text)
        quoted = _quoted_poll(message)
        if quoted and _QUOTED_CHOICE.match(said_text) and is_ballot(f"{quoted} {said_text}"):
            # 「2」 in reply to the poll 「📅 M1 …」: the poll's number goes without saying.
            return Route(RouteKind.BALLOT, text=f"{quoted} {said_text}")
        command = self._command(said_text, said, private=private) or self._hashed(
            said_text, said, raw, private=private
        )
        if command is not None and not self._tagged_report(command, raw):
            return _asking(command, raw)
        if (question := _quoted_question(message)) is not None and said_text:
            # A reply to the bot's 「❓问3 …」: the answer to post under that question.
            answering = self._by_name["answer"]
            return Route(
                RouteKind.COMMAND, answering, word="答复", args=f"{question} {raw.strip()}"
            )
        if is_ballot(text):
            return Route(RouteKind.BALLOT, text=said_text)
        if self._file.search(raw) and (filed := self._filed(message, raw)) is not None:
            return filed
        # A tagged report is a report even when it ends 「…，很不满意」.
        if self._report.search(raw):
            return Route(RouteKind.REPORT, text=_strip_tags(self._report, raw))
        if bare := self._bare_report.match(raw):  # 「报事 4号楼电梯坏了」: the tag without its #
            return Route(RouteKind.REPORT, text=bare["rest"].strip())
        untagged = self._untagged(message, raw, text)
        untagged, asked = self._in_words(message, raw, said_text, untagged)
        if asked:
            return untagged
        if (spoken := _ballot_or_objection(raw, said_text, untagged)) is not None:
            return spoken
        if home_said(said_text) is not None:
            return Route(RouteKind.HOME, text=said_text, otherwise=untagged)
        if not private and (meeting := _meeting_questioned(message, said_text, untagged)):
            return Route(RouteKind.MEETING_QUESTION, args=meeting, text=raw, otherwise=untagged)
        if not private and (publicised := _publicity_quoted(message, untagged)):
            return Route(RouteKind.PUBLICITY_REPLY, args=publicised, text=raw, otherwise=untagged)
        if not private and (noticed := _notice_questioned(message, said_text, untagged)):
            relayed = Route(RouteKind.NOTICE_QUESTION, args=noticed, text=raw, otherwise=untagged)
            if notice_asked(said_text):  # 「几点停水」: what the notice says, said again
                return Route(RouteKind.NOTICE_ASKED, text=said_text, otherwise=relayed)
            return relayed
        if (heard := _heard(raw, said_text, untagged, private=private)) is not None:
            return heard
        replying = message.reply_to is not None
        if (
            not private
            and untagged.kind is RouteKind.IGNORE
            and (me_too(said_text, replying=replying) or follow_too(said_text))
        ):
            return Route(RouteKind.ME_TOO, text=raw, otherwise=untagged)
        if not private:  # 「灯修好了，谢谢」「谢谢」: perhaps of a reporter's issue there
            untagged = _work_done_heard(raw, said_text, untagged)
        if came_back(text, private=private) is not None:
            untagged = Route(RouteKind.LOOKBACK, text=raw, otherwise=untagged)
        if untagged.kind is not RouteKind.RATING and not_fixed(text, private=private):
            if not private and untagged.kind is RouteKind.IGNORE:
                # 「还没修好啊」 from the reporter of an issue still open here: its status.
                untagged = Route(RouteKind.ASKING, text=raw, otherwise=untagged)
            # 「又坏了」 may answer either question: 「已办结」 first, then 回头看.
            untagged = Route(RouteKind.NOT_FIXED, text=raw, otherwise=untagged)
        if not private and _chat_at_last(untagged):
            untagged = _staff_in_group(raw, said_text, text, untagged, replying=replying)
        return untagged

    def _in_words(
        self, message: IncomingMessage, raw: str, said_text: str, untagged: Route
    ) -> tuple[Route, bool]:
        """What words that are no command may be, before the rest is read: a question staff
        ask in words (`_asked_in_words`; then True: nothing else is read), or, in a group,
        words of the sender's own report there (`_of_own_report`), each with a reporter
        asking after their report there (「物业有没有来过」「师傅来了没有」) read after it."""
        private = message.chat.is_private
        asking = None
        if not private and untagged.kind is RouteKind.IGNORE and asks_in_group(said_text):
            asking = Route(RouteKind.ASKING, text=raw, otherwise=IGNORE)
        if untagged.kind in (RouteKind.IGNORE, RouteKind.PRIVATE, RouteKind.MENTION):
            asked = self._asked_in_words(message, raw, said_text, untagged)
            if asked is not None:  # 「物业有没有来过」 reads as staff asking the 台账 too
                listing = asked.command is not None and asked.command.name == "list"
                return (_at_last(asked, asking) if asking and listing else asked), True
        own = (
            None
            if private or untagged.kind is not RouteKind.IGNORE
            else _of_own_report(raw, said_text)
        )
        if own is not None:
            return (own if asking is None else _at_last(own, asking)), False
        return untagged, False

    def _problem_asked(self, said_text: str, untagged: Route) -> Route | None:
        """「3号楼2单元灯修好了吗」 asked by staff privately or in a work group: the issues of
        that problem there (`listing.asked_after`; a resident's own reports answer them)."""
        problem = problem_asked(said_text)
        if problem is None:
            return None
        search = self._by_name["search"]
        return Route(RouteKind.LEDGER_ASKED, search, "搜索", problem, otherwise=untagged)

    def _of_reporter(self, said_text: str, untagged: Route) -> Route | None:
        """Someone's reports asked after or acted on by their name: 「王芳反映过哪些问题」 搜索
        王芳, 「把王芳的事情加急」 加急 of hers. None for other words."""
        if (who := reporter_asked(said_text)) is not None:
            search = self._by_name["search"]
            return Route(RouteKind.LEDGER_ASKED, search, REPORTED_BY, who, otherwise=untagged)
        if (acted := reporter_acted(said_text)) is not None:
            who, name, rest = acted
            command, words = self._by_name[name], f"{who} {rest}".rstrip()
            return Route(RouteKind.LEDGER_ASKED, command, BY_REPORTER, words, otherwise=untagged)
        return None

    def _asked_in_words(
        self, message: IncomingMessage, raw: str, said_text: str, untagged: Route
    ) -> Route | None:
        """A question or an instruction staff say in words, answered privately or in a work
        group (`RouteKind.LEDGER_ASKED`; a meeting called, `RouteKind.MEETING_CALLED`): among
        neighbours the words stay `untagged`. None for other words."""
        private = message.chat.is_private
        if (period := stats_asked(said_text)) is not None:  # 「这周收了几件」: 统计 本周
            counts = self._by_name["stats"]
            return Route(RouteKind.LEDGER_ASKED, counts, "统计", period, otherwise=untagged)
        if mentions_rounds(said_text):  # 走访, 巡查 …: one search for most messages
            if (rounds := rounds_asked(said_text)) is not None:  # 「这个月走访了多少户」
                counts = self._by_name["stats"]
                return Route(RouteKind.LEDGER_ASKED, counts, "统计", rounds, otherwise=untagged)
            if patrol_said(said_text):  # 「今天走访了3号楼，没发现问题」: 走访 …
                patrol, words = self._by_name["patrol"], rstrip_marks(raw, SENTENCE_ENDS)
                return Route(RouteKind.LEDGER_ASKED, patrol, "走访", words, otherwise=untagged)
        if (start := attendees_to_remind(said_text)) is not None:  # 「提醒报名的人明天开会」
            calling, words = self._by_name["meeting"], _rest_after(raw, start)
            return Route(
                RouteKind.LEDGER_ASKED, calling, ATTENDEES_REMINDED, words, otherwise=untagged
            )
        if (post := post_changed(said_text)) is not None:  # 「孙丽离职了」: 设置角色 孙丽 居民
            role = self._by_name["role"]
            return Route(RouteKind.LEDGER_ASKED, role, "设置角色", post, otherwise=untagged)
        if (post := post_told(said_text)) is not None:  # 「孙丽是网格5的网格员」: 设置角色 …
            role = self._by_name["role"]
            return Route(RouteKind.LEDGER_ASKED, role, POST_TOLD, post, otherwise=untagged)
        if (issue := issue_asked(said_text)) is not None:  # 「1号什么情况」: 查看 1
            show = self._by_name["show"]
            return Route(RouteKind.LEDGER_ASKED, show, "查看", issue, otherwise=untagged)
        if (of_reporter := self._of_reporter(said_text, untagged)) is not None:
            return of_reporter
        if (filters := ledger_asked(said_text)) is not None:  # 「超期的有哪些」: 台账 红
            listing = self._by_name["list"]
            return Route(RouteKind.LEDGER_ASKED, listing, "台账", filters, otherwise=untagged)
        if (meeting := meeting_state_asked(said_text)) is not None:  # 「M1有几条异议」: 查看 M1
            show = self._by_name["show" if meeting else "meetings"]
            word = "查看" if meeting else "议事会"
            # Among neighbours, 「投票结果出来了吗」 is answered as residents are: when it closes.
            heard = None if private else _heard_in_group(raw, said_text, untagged)
            return Route(RouteKind.LEDGER_ASKED, show, word, meeting, otherwise=heard or untagged)
        if _OUTCOME_SEEN.search(said_text) and (
            of_kind := _OUTCOME_OF_KIND.match(said_text) or _OUTCOME_AFTER_MEETING.match(said_text)
        ):
            # 「议事会结果：划20个车位」: 结果 议事会 划20个车位; 「会开完了，决定…」: 结果 会议 …
            outcome = self._by_name["outcome"]
            title = of_kind.groupdict().get("title") or ANY_MEETING
            words = f"{title} {_rest_after(raw, of_kind.end())}"
            return Route(RouteKind.LEDGER_ASKED, outcome, "结果", words, otherwise=untagged)
        if (same := same_issues_said(said_text)) is not None:  # 「2号和1号是一回事」
            merging, words = self._by_name["merge"], f"{same[0]} {same[1]}"
            return Route(RouteKind.LEDGER_ASKED, merging, "合并", words, otherwise=untagged)
        if (told := reporter_told(said_text)) is not None:  # 「告诉2号报事人：…」: 转告
            telling, words = self._by_name["tell"], f"{told[0]} {told[1]}".strip()
            return Route(RouteKind.LEDGER_ASKED, telling, "转告", words, otherwise=untagged)
        numbered = said_text[:1].isdigit() or said_text[:1] == "#"  # an issue's number first
        if (numbered or said_text[:1] == "我") and (taken := taken_on(said_text)) is not None:
            # 「1号我来跟」「我来处理1号」: 派单 1 我
            assign, words = self._by_name["assign"], f"{taken} 我"
            return Route(RouteKind.LEDGER_ASKED, assign, "派单", words, otherwise=untagged)
        if numbered and (plain := _ba_sentence(rstrip_marks(raw, SENTENCE_ENDS), aside=True)):
            # 「1号太难了，吹哨给住建局」: 上报 1 住建局
            command = self._command(normalize(plain), plain, private=private)
            if command is not None:
                return replace(command, kind=RouteKind.LEDGER_ASKED, otherwise=untagged)
        wanted = notice_wanted(said_text, private=private)  # 「给网格3群发个通知：…」
        if wanted is not None:
            when = f" 定时 {wanted.when}" if wanted.when else ""  # 「群发 全部 定时 明天8点 …」
            notice = self._by_name["notice"]
            words = f"{wanted.whom}{when} {_rest_after(raw, wanted.start)}"
            return Route(RouteKind.LEDGER_ASKED, notice, "群发", words, otherwise=untagged)
        to_the_bot = private or message.mentions_bot
        if to_the_bot and (asked := self._problem_asked(said_text, untagged)) is not None:
            return asked  # among neighbours, only where nothing else reads the words (`route`)
        if "会" in said_text and meeting_called(said_text) is not None:
            return Route(RouteKind.MEETING_CALLED, text=raw, otherwise=untagged)
        if not private and (asked := self._reminder_asked(said_text, raw, message)) is not None:
            # 「明天9点提醒我给王芳回电话」: in a work group, as privately
            return replace(asked, kind=RouteKind.LEDGER_ASKED, otherwise=untagged)
        if (near := _NEAR_LEAD.match(said_text)) is not None and near[1] in self._near_words:
            # 「关闭 1」「完成1 灯换好了」: told the command it means
            words = _rest_after(rstrip_marks(raw, SENTENCE_ENDS), near.end())
            return Route(RouteKind.NEAR_COMMAND, word=near[1], args=words, otherwise=untagged)
        return None

    def _addressed(self, message: IncomingMessage, raw: str) -> tuple[IncomingMessage, str]:
        """The message as said to the bot, without the @ or the name it was called by."""
        if message.mentions_bot:
            return message, self._mention.sub(" ", raw).strip()
        if not message.chat.is_private and (called := self._called.match(raw)) is not None:
            return replace(message, mentions_bot=True), raw[called.end() :]
        return message, raw

    @staticmethod
    def _untagged(message: IncomingMessage, raw: str, text: str) -> Route:
        # 「还行吧」 is a rating said to the bot: privately, to it by name, or quoting its ask
        # (「请报事人评价」); among neighbours it is chat.
        quoted = message.reply_to is not None and _RATING_ASKED in message.reply_to.text
        to_the_bot = message.chat.is_private or message.mentions_bot or quoted
        if spoken_rating(text, private=to_the_bot) is not None:
            return Route(RouteKind.RATING, text=raw, args=TO_THE_BOT if to_the_bot else "")
        if not to_the_bot and vague_said(text) and spoken_rating(text, vague=True) is not None:
            # 「还可以吧，就是慢了点」 in the group of a report just 已办结: perhaps its
            # reporter's verdict, as said to the bot (`RATED_SOON_AFTER`)
            return Route(RouteKind.RATING, text=raw, args=JUST_ASKED, otherwise=IGNORE)
        if message.mentions_bot and (raw or (message.text.strip() and not message.attachments)):
            # 「@邻里」 alone is answered how to report; with a photo alone, the photo is read.
            return Route(RouteKind.MENTION, text=raw)
        if message.chat.is_private and raw:
            return Route(RouteKind.PRIVATE, text=raw)
        if message.attachments:
            # Perhaps the photo of a report its sender just made (chat-protocol §2).
            return Route(RouteKind.PHOTO, text=raw)
        return IGNORE

    def _command(self, text: str, raw: str, *, private: bool) -> Route | None:
        if text.startswith("/"):
            match = _SLASH.match(text)
            if match is None:
                return None
            word, args = match[2], _rest_after(raw, len(match[1]))
            command = self._by_name.get(word.lower()) or self._by_keyword.get(word)
            if command is None:
                # Quoted back in the reply: no control characters (terminal escapes, NUL).
                return Route(RouteKind.UNKNOWN_COMMAND, word=f"/{printable(word)}", args=args)
            if command.expects in _ISSUE_FIRST:
                args = arabic_lead(args)
            return Route(RouteKind.COMMAND, command, word=f"/{word}", args=args)
        split = _SPLIT_WORD.match(text)
        if split is not None and split[1] + split[2] in _FORMAL:  # 「派 单 2 刘物业」
            typed = _SPLIT_WORD.match(raw.lstrip())
            if typed is not None:
                word = split[1] + split[2]
                return self._command(
                    word + text[split.end() :], word + raw.lstrip()[typed.end() :], private=private
                )
        for keyword, command in self._keywords.get(text[:1], ()):
            if not text.startswith(keyword):
                continue
            after = text[len(keyword) :]
            if keyword in command.loose_keywords and _STANDING_NUMBER.match(after) is None:
                continue
            if command.name in _GIVES_DETAILS and _gives_details(after, private=private):
                return None
            if command.expects in _ISSUE_FIRST:  # 「查看 一」「办结 三号 已疏通」
                after = arabic_lead(after)
            expected = _EXPECTS.get(command.expects)
            fits = expected is None or expected.match(_TAG_PUNCT.sub("", after)) is not None
            if _KEYWORD_FOLLOW.match(after):
                # 「受理」 alone, 「派单 @刘物业 1」, 「公示 5天」: a command said wrongly gets its
                # usage line; 「关注 一下」「进展 怎么样了」 and 「派单@刘物业」 stay chatter.
                if not (fits or after == "" or _attempted(keyword, after)):
                    return None
            elif _JOINED.get(command.name, frozenset()) >= {
                (after.lstrip(": ").split(maxsplit=1) or [""])[0]
            }:
                # 「统计本月」「台账红」「统计本周 网格3」「统计：本月」
                raw = raw.lstrip()[: len(keyword)] + _COLON.sub("", raw.lstrip()[len(keyword) :])
            elif command.name in _WITH_A_REASON and _TAG_PUNCT.match(after):
                pass  # 「不是同一个问题，我说的是屋里漏水」
            elif command.name in _AFTER_A_COLON and after[:1] == ":":
                pass  # 「群发：全部 明天停水」; 「联系方式：物业」 privately
            elif not (expected is not None and fits):  # 「异议：M1 …」「异议M1…」 still count
                continue
            args = _rest_after(raw, len(keyword))
            if command.expects in _ISSUE_FIRST:
                args = arabic_lead(args)
            return Route(RouteKind.COMMAND, command, word=keyword, args=args)
        return None

    def _hashed(self, text: str, said: str, raw: str, *, private: bool) -> Route | None:
        """「#统计 本月」「＃台账」: a command typed with the habit of the report tags, as it is
        without the #; None for a report tag or any other hashtag."""
        if text[:1] != "#" or self._report.search(raw) is not None:
            return None
        return self._command(text[1:].lstrip(), said.lstrip()[1:].lstrip(), private=private)

    def _tagged_report(self, command: Route, raw: str) -> bool:
        """「上报 2号楼楼顶漏水 #报事」: a report that happens to start with a command word that
        takes an issue or meeting number (a typed /command is always the command)."""
        return (
            not command.word.startswith("/")
            and command.command is not None
            and command.command.expects in {*_EXPECTS, "record"}
            and self._report.search(raw) is not None
        )


# What may follow a command word with no space, as its whole argument: 「统计本月」 is the
# statistics, 「统计一下」 stays chatter.
_JOINED = {
    "stats": frozenset({"本周", "上周", "本月", "上月", "全部", "图"}),
    "list": frozenset({"红", "黄", "绿", "我的", "全部", *DUE_WORDS}),
    "export": frozenset({"本月", "上月", "全部"}),
    "accept": frozenset({"全部"}),  # 「受理全部」
}

_COLON = re.compile(r"^\s*[:：]\s*")
# Commands said as a sentence that may go on after a comma with the reason.
_WITH_A_REASON = frozenset({"new"})
# Commands whose word may be followed by a colon.
_AFTER_A_COLON = frozenset({"notice", "notice_later", "notice_fix", "contacts"})
# Words that open someone's own details (「联系电话 13812345678」, in a group 「联系方式：…」): a
# command only with no long number after them, and in a group no colon.
_GIVES_DETAILS = frozenset({"contacts"})
_LONG_NUMBER = re.compile(r"[0-9]{5}")


def _gives_details(after: str, *, private: bool) -> bool:
    return _LONG_NUMBER.search(after) is not None or (not private and after[:1] == ":")


# Words formal enough that, followed by a space, they are a command said wrongly, not chatter.
_FORMAL = frozenset(
    {
        "受理",
        "派单",
        "办结",
        "退回",
        "合并",
        "不归我管",
        "公示",
        "异议",
        "决定",
        "交接",
        "催办",
        "督办",
        "走访",
    }
)
# Where one command of several said together ends: a line, a semicolon, a comma, or a space
# before the next issue's 「2号」 (「1号派物业 2号派周主任」; 「2号楼」 is a place).
_SEVERAL_BREAKS = re.compile(r"[\n；;]+|[，,]\s*|\s+(?=[0-9]{1,9}号(?!" + NUMBER_GOES_ON + r"))")
# Commands whose words run on over lines and clauses (a notice, a decision, a meeting called):
# a clause of theirs that starts as a command would is still theirs.
_WHOLE_TEXT = frozenset(
    {
        "meeting",
        "vote",
        "outcome",
        "notice",
        "notice_later",
        "notice_fix",
        "guide",
        "answer",
        "tell",
    }
    | {"object"}
)
_SEVERAL_AT_MOST = 20  # commands in one message: a morning's list, not a paste of the ledger
# 「2号也是」「3号一样」「#4同样」: the command said just before, for another issue.
_SAME_FOR = re.compile(
    r"^#?\s*([0-9]{1,9})\s*号?\s*(?:也是|也一样|一样|同样|也这样|也这么办)(?:吧|的)?$"
)
_ISSUE_LEAD = re.compile(r"^\s*#?\s*[0-9]{1,9}(?![0-9])")


def _for_another(before: Route, number: str) -> Route | None:
    """The command `before` (one of several, its issue first) for issue `number`; None when
    it names no issue first (「提醒 …」)."""
    if before.kind is not RouteKind.COMMAND or _ISSUE_LEAD.match(before.args) is None:
        return None
    return replace(before, args=_ISSUE_LEAD.sub(number, before.args, count=1))


# 「2号受理，2号派给刘物业」: the first command said after its number makes no command of the
# whole, which reads as chat (or, privately, as words to the bot); its clauses may be commands.
_SEVERAL_NUMBER_FIRST = frozenset({RouteKind.IGNORE, RouteKind.PRIVATE, RouteKind.WORK_TOLD})
_NUMBER_FIRST = re.compile(r"\s*[#＃]?[0-9０-９]")
# 「…，都是3天」「…，期限都是周五」「…，都复杂」: words said of every command before them.
_SAID_OF_ALL = re.compile(
    r"^(?:期限|时限|级别)?(?:都|统一|全部|一律)(?:是|为|按)?\s*(?P<words>\S.*)$"
)

# 「1到3号」「#1至#3」「1~3都…」: issues by a range (not 「1到3号楼」, a place, nor 「12月1到3号」,
# days).
_RANGE = re.compile(
    r"(?<![0-9月])(?P<tag>[#＃])?([0-9]{1,9})\s*号?\s*(?:到|至|~|～)\s*[#＃]?([0-9]{1,9})"
    # 「号」 after it (not a place's), or 都, or the issue tag before it (「#1至#3派给物业」)
    r"(?:\s*号(?!" + NUMBER_GOES_ON + r")|(?=\s*(?:都|全))|(?(tag)(?![0-9])|(?!)))"
)
_RANGE_AT_MOST = 20


# 「1号2号都受理」: issues said back to back, each with its 号 (not 「1号2号楼」, 「12月1号2号」).
_BACK_TO_BACK = re.compile(
    r"(?<![0-9月])([0-9]{1,9})\s*号\s*(?=[#＃]?[0-9]{1,9}\s*号(?!" + NUMBER_GOES_ON + r"))"
)


def _ranges_spelt(said: str) -> str:
    """`said` with each range of issue numbers spelt out, 「1到3号」 → 「1、2、3」, and issues
    said back to back parted, 「1号2号」 → 「1、2号」."""
    if "号" in said:
        said = _BACK_TO_BACK.sub(r"\1、", said)
    if "到" not in said and "至" not in said and "~" not in said and "～" not in said:
        return said

    def spelt(found: re.Match[str]) -> str:
        first, last = int(found[2]), int(found[3])
        if not 0 < last - first < _RANGE_AT_MOST:
            return found[0]
        return "、".join(str(n) for n in range(first, last + 1))

    return _RANGE.sub(spelt, said)


# A two-character command word typed with a space inside it (「派 单 2」「办 结 1 已修」).
_SPLIT_WORD = re.compile(r"^([\u4e00-\u9fff])\s+([\u4e00-\u9fff])(?=[\s0-9#＃@＠①-⑳]|$)")
_ARGUMENT_LIKE = re.compile(r"[\d#@Mm]|决议|行动")  # 「结果 决议 …」 names its parts


# The bot's poll or vote as a reply quotes it: 「📅 M1 停车难议事会 · 时间投票…」.
_POLL_QUOTED = re.compile(r"^\s*(?:📅|🗳)\s*([Mm]\d{1,6})(?![0-9])")


# How a reply to the poll starts to be a ballot: 「2」「1,3」「2 3-2-301」「撤回」 (「5号楼电梯又
# 坏了吗」 is not).
_QUOTED_CHOICE = re.compile(
    r"^(?:[0-9]{1,2}号?(?=$|[\s,，、;；])|" + "|".join(WITHDRAW_WORDS) + ")"
)


# An issue named in a quoted message: 「已登记 #1【照明路灯】…」「🟡 #2【…】…还没有派单」.
_ISSUE_QUOTED = re.compile(r"#([0-9]{1,9})(?![0-9])")
# What follows a command word when its arguments follow: nothing, a space, a colon or a comma.
_ARGUMENTS_FOLLOW = re.compile(r"^[\s:,]")

# A question passed on to staff, as a reply quotes it: 「❓问3 M1 停车议事会：…」.
_QUESTION_QUOTED = re.compile(r"^\s*❓\s*问([0-9]{1,6})(?![0-9])")


def _quoted_question(message: IncomingMessage) -> str | None:
    """`3` when the message replies to the bot's 「❓问3 …」, else None."""
    quoted = message.reply_to
    asked = _QUESTION_QUOTED.match(quoted.text) if quoted is not None else None
    return asked[1] if asked is not None else None


def _quoted_poll(message: IncomingMessage) -> str | None:
    """`M1` when the message replies to the bot's poll or vote M1, else None."""
    quoted = message.reply_to
    poll = _POLL_QUOTED.match(quoted.text) if quoted is not None else None
    return poll[1].upper() if poll is not None else None


def _meeting_questioned(message: IncomingMessage, said_text: str, untagged: Route) -> str:
    """`M1` when the message, chatter otherwise, asks a question in reply to the bot's meeting
    or vote M1 (「需要带什么吗」「能让家里人代投吗」) that is not when or where it is; "" for
    other words."""
    if untagged.kind is not RouteKind.IGNORE or (quoted := _quoted_poll(message)) is None:
        return ""
    if meeting_asked(said_text) or attending_said(said_text) is not None:
        return ""  # 「几点开」「我能参加吗」: the bot's to answer
    return quoted if guide_asked(said_text) else ""


# The bot's 公示 as a reply quotes it: 「📢 公示：M1 停车难议事会\n决议：…」.
_PUBLICITY_QUOTED = re.compile(r"^\s*📢\s*公示[:：]\s*([Mm][0-9]{1,6})(?![0-9])")


def _publicity_quoted(message: IncomingMessage, untagged: Route) -> str:
    """`M1` when the message, chatter otherwise, replies to the bot's 📢 公示 of M1 (which
    asks for objections in reply); "" for other words."""
    quoted = message.reply_to
    if untagged.kind is not RouteKind.IGNORE or quoted is None:
        return ""
    publicity = _PUBLICITY_QUOTED.match(quoted.text)
    return publicity[1].upper() if publicity is not None else ""


# The bot's notice as a reply quotes it: 「📢 通知：明天9:00-12:00停水\n——幸福里社区 李书记」.
_NOTICE_QUOTED = re.compile(r"^\s*📢\s*通知[:：]\s*(?P<words>[^\n]+)")


def _notice_questioned(message: IncomingMessage, said_text: str, untagged: Route) -> str:
    """The notice's words when the message, chatter otherwise, asks a question in reply to the
    bot's 📢 notice (「为什么停水」「我们楼也停吗」); "" for other words."""
    quoted = message.reply_to
    if untagged.kind is not RouteKind.IGNORE or quoted is None:
        return ""
    notice = _NOTICE_QUOTED.match(quoted.text)
    return notice["words"].strip() if notice is not None and guide_asked(said_text) else ""


# A question mark among the punctuation that ends the message: 「…在家吗？」「…吗？！」.
_ASKED = re.compile(r"([?？])[\s。！!．.~～…]*$")


def _of_own_report(raw: str, said_text: str) -> Route | None:
    """Group words perhaps about the sender's report there: 「我家是3号楼2单元301」 where it is
    (or the flat a ballot waits for), 「补充一下，…」 a detail of it, 「我的反映撤回吧」 its 撤回,
    「人已经送医院了」 news of it (an emergency); or, from a 楼栋长, 「我去看了，…」 what they
    found of a report there; None for other words."""
    where = extract_location(said_text) if gives_place(said_text) else None
    if where is not None and (
        where.building is not None or (where.unit is not None and corrects_place(said_text))
    ):  # 「说错了，是6号楼」「报错了，是4单元」
        # 「我是3号楼的新楼长」: a new 楼栋长, if no report there waits for its place
        joining = staff_joining(said_text) is not None
        otherwise = Route(RouteKind.NEW_STAFF, text=raw, otherwise=IGNORE) if joining else IGNORE
        return Route(RouteKind.PLACE, text=raw, otherwise=otherwise)
    if detail_said(raw) is not None:  # 「1号补充一下，…」 from staff: perhaps of their work
        work = Route(RouteKind.WORK_TOLD, text=raw, otherwise=IGNORE)
        return Route(RouteKind.DETAIL, text=raw, otherwise=work if work_told(said_text) else IGNORE)
    if withdrawn_said(said_text):
        return Route(RouteKind.WITHDRAWN, text=raw, otherwise=IGNORE)
    if emergency_news(said_text):
        return Route(RouteKind.EMERGENCY_NEWS, text=raw, otherwise=IGNORE)
    if checked_said(said_text):
        return Route(RouteKind.CHECKED, text=raw, otherwise=IGNORE)
    return None


# What 「灯修好了」 in a group is read as first, before these (「已经修好了」 is also read as
# perhaps news of an emergency reported there).
_FIXED_OVER = (RouteKind.IGNORE, RouteKind.EMERGENCY_NEWS)  # a tuple: members by identity


def _work_done_heard(raw: str, said_text: str, untagged: Route) -> Route:
    """In a group, 「灯修好了，谢谢」: perhaps a reporter telling their issue there is done;
    「谢谢」「辛苦了」: perhaps its reporter thanking for it once 已办结; else `untagged`."""
    fixed = untagged.kind in _FIXED_OVER and fixed_said(said_text)
    if untagged.kind is RouteKind.IGNORE and thanks_said(said_text, closing=fixed):
        # 「修好了，谢谢张网格」 names nothing fixed: thanks, once it is 已办结
        untagged = Route(RouteKind.THANKED, text=raw, otherwise=untagged)
    return Route(RouteKind.FIXED, text=raw, otherwise=untagged) if fixed else untagged


def _work_told_too(raw: str, said_text: str, untagged: Route) -> Route:
    """Group words read as what ends in chat, perhaps staff telling of work in a work group
    too: 「1和2都办结了，已修好」 (read as perhaps a reporter's news) when it is none of that;
    「2号楼暖气明天派人去排气」, of an issue they did not number, before it (elsewhere what it
    was read as: 「2号楼暖气修好了」 from a reporter)."""
    if place_work_told(said_text):
        return Route(RouteKind.WORK_TOLD, text=raw, otherwise=untagged)
    if work_told(said_text):
        return _last_before_chat(untagged, Route(RouteKind.WORK_TOLD, text=raw))
    return untagged


def _staff_in_group(
    raw: str, said_text: str, text: str, untagged: Route, *, replying: bool
) -> Route:
    """Group words that end in chat, read before that as staff's: work told
    (`_work_told_too`), a notice of their own (「明天上午9点到11点停水检修」), a nod in reply to
    a neighbour (「收到，马上处理」: perhaps a complaint taken up)."""
    untagged = _work_told_too(raw, said_text, untagged)
    if reads_as_notice(text):
        untagged = _last_before_chat(untagged, Route(RouteKind.ANNOUNCED, text=raw))
    if replying and said_text:
        untagged = _last_before_chat(untagged, Route(RouteKind.TAKEN_UP, text=raw))
    return untagged


def _last_before_chat(route: Route, last: Route) -> Route:
    """`route`'s chain with `last` tried after all of it, before it is chat; unchanged when a
    route of that kind is in it already."""
    if route.kind is last.kind:
        return route
    if route.otherwise is None:  # the chat it ends in
        return replace(last, otherwise=route)
    return replace(route, otherwise=_last_before_chat(route.otherwise, last))


def _chat_at_last(route: Route) -> bool:
    """Whether `route`, when nothing it may answer is there, is group chat after all."""
    while route.otherwise is not None:
        route = route.otherwise
    return route.kind is RouteKind.IGNORE


def _heard(raw: str, said_text: str, untagged: Route, *, private: bool) -> Route | None:
    """`_meeting_said_privately` of private words, `_heard_in_group` of a group's."""
    if private:
        return _meeting_said_privately(said_text, untagged)
    return _heard_in_group(raw, said_text, untagged)


def _meeting_said_privately(said_text: str, untagged: Route) -> Route | None:
    """「几点开会」「我参加」 said privately, and nothing else: of the community's meetings
    coming (the greeting, `untagged`, when there are none). None for other words."""
    if untagged.kind is not RouteKind.PRIVATE:
        return None
    if meeting_asked(said_text):
        return Route(RouteKind.MEETING_ASKED, text=said_text, otherwise=untagged)
    if attending_said(said_text) is not None:
        return Route(RouteKind.ATTEND, text=said_text, otherwise=untagged)
    return None


def _heard_in_group(raw: str, said_text: str, untagged: Route) -> Route | None:
    """Group words perhaps said to the bot after all: a reporter asking after their report,
    staff telling of one (in a work group), 「我参加」 a meeting, a question about a meeting
    coming there or a notice sent there; None for other words."""
    chat = untagged.kind is RouteKind.IGNORE
    if untagged.kind is RouteKind.MENTION and meeting_asked(said_text):
        # 「@邻里 议事会什么时候开」: said to the bot (none coming: said so)
        return Route(RouteKind.MEETING_ASKED, text=said_text, otherwise=untagged)
    if chat and asks_in_group(said_text):
        return Route(RouteKind.ASKING, text=raw, otherwise=untagged)
    if chat and (work_told(said_text) or filing_said(said_text)):
        # 「2 已上门沟通，楼上答应注意」「12345工单：…」: in a work group, perhaps staff meaning a
        # command or a report they took.
        return Route(RouteKind.WORK_TOLD, text=raw, otherwise=untagged)
    # 「能线上参加吗」: before 「我周四周六都不行，…」 is read as not coming.
    if chat and taking_part_asked(said_text):
        return Route(RouteKind.TAKING_PART_ASKED, text=raw, otherwise=untagged)
    if attending_said(said_text) is not None:
        return Route(RouteKind.ATTEND, text=said_text, otherwise=untagged)
    if chat and attending_and_more(said_text) is not None:  # 「我去不了，我的意见是…」
        return Route(RouteKind.TAKING_PART_ASKED, text=raw, otherwise=untagged)
    if chat and (joined := chain_joined(raw)) is not None:  # a 接龙 of signing up
        return Route(RouteKind.ATTEND, text=joined, otherwise=untagged)
    if chat and staff_joining(said_text) is not None:  # 「大家好，我是新来的网格员孙丽」
        return Route(RouteKind.NEW_STAFF, text=raw, otherwise=untagged)
    notice = _notice_asked(said_text, untagged) if chat else None
    if chat and meeting_asked(said_text):  # 「周四几点」: a notice's, if no meeting that day
        return Route(RouteKind.MEETING_ASKED, text=said_text, otherwise=notice or untagged)
    return notice


def _notice_asked(said_text: str, untagged: Route) -> Route | None:
    """「明天几点停水」 in a group: what a notice sent there says (the guide's, if none does)."""
    if not notice_asked(said_text):
        return None
    if guide_asked(said_text, in_group=True):  # 「电动车可以上楼吗」: the guide's, if not
        untagged = Route(RouteKind.GUIDE_ASKED, text=said_text, otherwise=untagged)
    return Route(RouteKind.NOTICE_ASKED, text=said_text, otherwise=untagged)


def _ballot_or_objection(raw: str, said_text: str, untagged: Route) -> Route | None:
    """「同意」「我选2」: perhaps a ballot for the poll open here; 「我有异议，…」 an 异议 during
    a 公示; 「我反对，车位应该先给老人」 either, the vote first. None for other words."""
    objecting = None
    if objection_said(raw) is not None:
        objecting = Route(RouteKind.SPOKEN_OBJECTION, text=raw, otherwise=untagged)
    if spoken_choice(said_text) is not None:
        return Route(RouteKind.SPOKEN_BALLOT, text=said_text, otherwise=objecting or untagged)
    return objecting


def _at_last(route: Route, last: Route) -> Route:
    """`route` with `last` taken where it would end in nothing (IGNORE)."""
    if route.kind is RouteKind.IGNORE:
        return last
    if route.otherwise is None:
        return route
    return replace(route, otherwise=_at_last(route.otherwise, last))


def _asking(route: Route, raw: str) -> Route:
    """The command, its sender's own closing words given back their question mark, which
    reading the command took off (「进展 1 需要业主在家吗？」); 「办结 1？」 stays 1."""
    asked = _ASKED.search(raw)
    words = route.args.rstrip()
    if asked is None or route.command is None or not route.command.own_words or not words:
        return route
    if not (words[-1].isalpha() and not words[-1].isascii()):
        return route  # 「评价 1 5？」: a score, not words
    if not rstrip_marks(raw, SENTENCE_ENDS).endswith(words[-1]):
        return route  # 「我有哪些提醒？」 is 「提醒 列表」: the words ending it are not its own
    return replace(route, args=words + asked[1])


# 「把2合并到1」「把3号派给刘物业，明天下午」「把#4上报给街道城管办」「把5退回，属于市政」
# 「把1的期限改成周五」: a staff command said as a 把 sentence, the issue before the verb;
# 「1 派给刘物业」「1 受理」「2号合并到1」「1号延期到下周一」「1号延期3天」 without the 把 too
# (not 上报 or 退回: 「1 上报了吗」 asks; nor a bare 延期 before anything but a length:
# 「1号延期了吗」).
# 「2号改成复杂」「把3定为疑难」: accepted again at that level (its deadline with it).
_LEVEL_SAID = (
    r"(?:的)?(?:级别|难度)?(?:改成|改为|定为|定成|调成|调为|升为|降为"
    r"|不是(?:简单|复杂|疑难)的?[,，\s]*(?:应该|而)?是)"  # 「1号不是简单，是复杂」
)
_LEVEL_VERB = rf"{_LEVEL_SAID}(?=\s*(?:简单|复杂|疑难))"
_BA = re.compile(
    r"^(?:帮我|请|麻烦你?)?(?P<ba>把)?\s*(?P<number>[#＃]?\s*(?:[0-9０-９]+|[一二两三四五六七八九十百零]+))"
    # 「1号和2号派物业」「1、2号派给物业」: several, for the commands said of each
    r"(?P<more>(?:\s*号?\s*(?:和|、|,|，|跟|及)\s*[#＃]?\s*[0-9０-９]+)*)\s*号?\s*"
    # 「1号太难了，吹哨给住建局」: a word on it first (「5号楼漏水，报给物业」 is of a building)
    r"(?P<aside>(?![号楼栋幢单院门室])[^\s,，。0-9０-９]{1,8}[,，]\s*)?"
    # 「把1号也派给刘物业」「2号重新分给张网格」「2号需要上报街道」「3号要吹哨」
    # 「1号我受理了」「2号我来派给物业」: who does it, said
    r"(?:我们?(?:这边)?(?:来|先)?)?"  # (「1号我已经派物业了」 tells of it done elsewhere)
    r"(?:也|先|再|就|直接|都|还是|重新)?(?P<modal>需要|要|得|应该)?"
    r"(?P<verb>合并到|合并进|并到|并入|派给|交给|转交给|转交|转给|改派给|改派|转派给|转派|派单给|派单"
    r"|分给|安排给|派(?![人了过个去来送发出件对车])|让"  # 「1号派物业 3天」「1号让物业去处理」
    r"|给(?=[^\s，,。]{2,8}$)"  # 「把2号给赵网格」 (with 把 only)
    r"|上报给|上报到|上报|吹哨给|吹哨|报给|退回|转到"
    rf"|{_LEVEL_VERB}"
    r"|(?:的)?期限(?:改成|改为|改到|调整为|调整到|延到|延长到|推迟到|往后推|往后延|推后|顺延|提前到|提前至)"
    r"|延期到|延期至|改期到|延到|延至|推迟到|推迟至|延期|推迟|延长|往后推|往后延|顺延|受理)"
    r"(?:吧(?=[\s,，]))?[\s:：,，]*(?P<rest>.*)$",  # 「3号退回吧，不归社区管」
    re.DOTALL,
)
_BA_KEYWORD = {
    **dict.fromkeys(["合并到", "合并进", "并到", "并入"], "合并"),
    # 「把2号转给刘物业」「1号改派周主任」「2 派单 @周主任 3天」
    **dict.fromkeys(
        [
            *("派给", "交给", "转交给", "转交", "转给", "改派给", "改派", "转派给", "转派"),
            *("派单给", "派单", "分给", "安排给", "转到", "派", "让", "给"),
        ],
        "派单",
    ),
    **dict.fromkeys(["上报给", "上报到", "上报", "吹哨给", "吹哨", "报给"], "上报"),
    "退回": "退回",
    **dict.fromkeys(["延期", "推迟", "延长"], "延期"),
    "受理": "受理",
}
_WITHOUT_BA = frozenset({"合并", "派单", "延期", "受理", "上报", "退回"})
_SAID_OF_EACH = frozenset({"派单", "受理"})  # the 把 commands that take several issues
# 「1 受理」「1号受理 复杂」「把1受理了」 (「1号受理了吗」 asks).
_ACCEPT_ALONE = re.compile(r"^(?:了|一下|下)?吧?$")  # 「1号受理一下」: no level said
_ACCEPT_REST = re.compile(rf"{_ACCEPT_ALONE.pattern}|^了?\s*(?:简单|复杂|疑难)")
# What makes a 把 sentence a question about the issue rather than a command.
_ASKED_BACK = re.compile(r"^(?:了|过|来|去|没|谁|哪|什么)|(?:吗|么|没有|没|呢|[?？])\s*$")
# The particles a 把 sentence may end in, not part of its name or reason.
# (「1号交给刘物业了」: done as said, 刘物业)
_SOFT_END = re.compile(r"(?:吧|啊|呀|哈|呗|了吧|一下吧?|了)[\s。.!！~～]*$")
# … or end its first words, before a comma: 「1号交给物业吧，两天内」.
_SOFT_BEFORE = re.compile(r"(?<=[^\s,，])(?:吧|啊|呀)(?=\s*[,，])")
_LENGTH_FIRST = re.compile(r"^[0-9０-９一二两三四五六七八九十半]")  # 「3天」「两个工作日」
# 「1号让物业去处理一下，周五前」: whom, then the work (「1号让他们自己解决」 says none).
_LET_DO = re.compile(
    # 「1号让物业明天去」「2号让张网格周五前去看看」「1号让物业明天修好」: whom, then by when
    r"^(?P<who2>[^\s,，。]{1,10}?)(?P<when>(?:今天|明天|后天|(?:下|这|本)?周[一二三四五六日天])"
    r"(?:上午|下午|晚上)?(?:之?前)?)(?:(?:去|来)(?:处理|修|看看?|弄|换)?"
    r"|(?:去|来)?(?:处理|修|弄|换|解决)好?)(?:一下)?$"
    r"|^(?P<who>[^\s,，。]{1,10}?)(?:去|来|尽快|马上)?(?:处理|修理?|看看|看一下|办理?|跟进|负责)"
    r"(?:一下)?[\s,，]*(?P<more>.*)$"
)


# 「派给物业 1 今天」「交给物业 2」「转给刘物业，3号」: whom first, then the issue (not a count:
# 「交给他们 1 个月了」).
_TO_FIRST = re.compile(
    r"^(?:派给|派单给|交给|转给|转交给|分给|安排给|改派给|转派给)\s*"
    r"(?P<who>@?[^\s0-9０-９#＃,，。]{1,10}?)[\s,，]*(?P<number>[#＃]?\s*[0-9０-９]{1,9})\s*号?"
    r"(?!\s*(?:[个人位名次天点分户件条元块米周月年层楼栋幢单室时]|号\s*[楼院栋]))"
    r"(?:[\s,，]+(?P<rest>.*))?$",
    re.DOTALL,
)


def _let_words(let: re.Match[str]) -> str:
    """Whom and the rest (by when) of 「让物业去处理，周五前」「让物业明天去」."""
    if let["who2"] is not None:
        return f"{let['who2']} {let['when']}"
    return f"{let['who']} {let['more']}"


def _ba_sentence(said: str, *, aside: bool = False) -> str | None:
    """「把2合并到1」「2号合并到1」 → 「合并 2 1」: the command word first, as the parser reads
    it; None when the message is no such sentence. With a word on the issue before the verb
    (「1号太难了，吹哨给住建局」) only when `aside`: said privately or in a work group."""
    if (whom := _TO_FIRST.match(said)) is not None:
        rest = _SOFT_END.sub("", whom["rest"] or "")
        if _ASKED_BACK.search(rest):
            return None  # 「交给物业 1 了吗」
        return f"派单 {whom['number']} {whom['who']} {rest}".rstrip()
    match = _BA.match(said)
    if match is None or (match["aside"] and not aside):
        return None
    verb = match["verb"]
    # 「2号改成复杂」 is 受理 at that level; the verbs not named are 延期's (「的期限改成」…).
    keyword = "受理" if re.fullmatch(_LEVEL_SAID, verb) else _BA_KEYWORD.get(verb, "延期")
    if match["aside"] and keyword == "延期":
        return None  # 「2号要等配件，延期到下周五」: the word before is its reason (intake)
    if verb == "给" and not match["ba"]:
        return None  # 「1号给个说法」: only 「把2号给赵网格」 hands it on
    if match["modal"] and keyword not in ("上报", "派单"):
        return None  # 「1号要延期到…」 asks for it (a holder's request: intake)
    # Without the 把, the number in digits: 「一并入账」 is no merge.
    plain = keyword in _WITHOUT_BA and not match["number"][-1:].isalpha()
    rest = match["rest"]
    if verb in ("延期", "推迟", "延长") and not _LENGTH_FIRST.match(rest):
        plain = False  # 「1号延期了吗」 asks; 「1号延期3天」 says
    if verb == "受理":
        if not _ACCEPT_REST.match(rest):
            return None
        rest = "" if _ACCEPT_ALONE.match(rest) else rest.removeprefix("了").strip()  # 「把1受理了」
    elif _ASKED_BACK.search(rest):
        return None  # 「1号派单了吗」「1号转给谁了」「2号合并到1了没有」 ask
    elif verb == "让":
        if (let := _LET_DO.match(rest)) is None:
            return None
        rest = _let_words(let)
    elif keyword == "派单" and (let := _LET_DO.match(rest)) is not None:
        rest = _let_words(let)  # 「2号交给张网格处理」: 张网格
    if not (match["ba"] or plain):
        return None
    rest = _SOFT_END.sub("", rest)  # 「1号派给刘物业吧」: 刘物业
    rest = _SOFT_BEFORE.sub("", rest)  # 「1号交给物业吧，两天内」: 物业，两天内
    number = match["number"]
    if match["more"]:
        if keyword not in _SAID_OF_EACH:
            return None  # 「2号和1号合并到3」: not a command of each
        number = ",".join(re.findall(r"[0-9０-９]+", number + match["more"]))
    return f"{keyword} {number} {rest}".rstrip()


# Staff commands said the other way round, whole: the period or the issue first.
_PERIOD = (
    r"(?P<period>今天|今日|昨天|昨日|本周|这周|上周|本月|这个月|上月|上个月|今年|去年|本季度|上季度"
    r"|[0-9]{1,2}月份?)"
)
_WHEN_SAID = (
    r"^(?P<when>[^，,。\s]{0,12}?(?:[0-9]:[0-9]{2}|[0-9一二两三四五六七八九十]点[半整]?"
    r"|分钟后|小时后|今晚|明早|明晚)"
    # a day, or a repeat, without a clock time (its morning): 「每月1号提醒我交物业费」
    r"|(?:每(?:天|日|周[一二三四五六日天末]|个?月(?:[0-9]{1,2}[号日]|月?底|月?末|最后一天)|个?工作日)"
    r"|工作日|今天|明天|后天"
    r"|(?:下|这|本)?(?:周|星期|礼拜)[一二三四五六日天末]|[0-9]{1,2}月[0-9]{1,2}[日号]|[0-9]{1,2}[号日]"
    # 「春节前提醒我…」「月底提醒大家…」
    r"|(?:元旦|春节|过年|五一|劳动节|端午|中秋|国庆)节?(?:之?前)?|年前|年底|月底)"
    r"(?:早上|上午|中午|下午|晚上)?"
    # 「下午提醒我给王芳回电话」: today's afternoon
    r"|早上|上午|中午|下午|傍晚|晚上)\s*提醒"
)
# 「怎么派单」「如何销号」「派单怎么用」「评价是什么意思」: how a command goes.
_HOW_TO = re.compile(
    r"^(?:请问)?(?:怎么|如何|怎样|咋)(?P<a>[\u4e00-\u9fff]{2,5}?)(?:呢|啊)?$"
    r"|^(?P<b>[\u4e00-\u9fff]{2,5}?)(?:怎么用|怎么弄|怎么发|怎么写|是什么意思|什么意思|是啥意思|啥意思)"
    r"(?:呢|啊)?$"
    r"|^(?:请问)?什么(?:叫|是)(?:已|被)?(?P<c>[\u4e00-\u9fff]{2,5}?)(?:呢|啊)?$"
)
_HOW_DONE = re.compile(r"^(?:记录|登记|填|写|用|做)")  # 「怎么记录走访」「怎么用提醒」
# 「积分怎么用」「怎么兑换」 are answered with where and how points are redeemed
# (handlers/intake.py).
_HOW_ANSWERED = frozenset({"积分", "兑换"})
_ROLE_SAID = r"楼栋长|网格员|书记|社区干部"
_KINDS = "|".join(MEETING_KINDS)
_MEETING_SAID = "|".join(MEETING_WORDS)  # a kind, or 会议: 「会议改到周五」
# 「非常不满意」 before 「满意」; a staff member's record of the call takes everyday words too
# (「王阿姨说挺好」).
_VERDICTS = "|".join(sorted({*RATING_WORDS, *VAGUE_RATING_WORDS}, key=len, reverse=True))
# (pattern, command, whether only privately: in a group 「明天9点提醒我一下」 is said to a
# neighbour, but in a work group to the bot; 「…提醒大家…」 asks the bot to tell the group)
_REMINDER_WORD = "提醒"  # in every phrasing said only privately
_PLEASE = r"(?:帮我|请|麻烦(?:你)?|给我)?"  # before a phrasing: 「帮我把今年的数据导出来」
# after it: 「…发我一下」
_SENT = r"(?:发一?下|发我|发给我|发过来|给我|发(?:到|在)?(?:这里|这儿))?(?:一下)?吧?"
# 「…发到工作群」「…发群里」: posted there (said privately; in the work group, answered there)
_TO_WORK_SAID = r"(?P<to>发(?:到|在)?(?:工作群|群里))(?:一下)?吧?"
# 「1、2」「1号和2号」「#3,#4」: several issue numbers said together (`_said_as` spaces them)
_NUMBERS_SAID = r"[#＃]?[0-9]{1,9}(?:\s*号?\s*(?:和|、|,|，|跟|及)\s*[#＃]?[0-9]{1,9})+"
_NUMBERS_JOINED = re.compile(r"\s*号?\s*(?:和|、|,|，|跟|及)\s*")
_GRID_SAID = r"(?P<grid>网格[0-9]{1,3})"  # 「导出网格3的台账」
# 「1号回访了」「2号打了回访电话」「3号回访电话打过了」: the follow-up call made
_CALLED_BACK = (
    r"(?:已经?|刚)?(?:(?:电话)?回访(?:了|过|完了?)?"
    r"|打(?:了|过)(?:回访)?电话|回访电话打(?:了|过)了?|打(?:了|过)?电话回访(?:了|过)?)"
)
# The word of a 搜索 route for what someone reported (「王芳反映过哪些问题」).
REPORTED_BY = "反映人"
MEANING_ASKED = "意思"  # 「受理是什么意思」: 帮助 受理 意思, what it means to a resident
POST_TOLD = "任职"  # 「孙丽是网格5的网格员」: a role told, 设置角色 by the secretary
BY_REPORTER = "按反映人"  # a command on someone's report, named by them
# A holder as staff name one in words: a mention, or a unit or person by the word that ends
# such names (物业, 刘物业, 张网格, 周主任, 住建局, 街道城管办).
_HOLDER_SAID = (
    r"@[^\s@]{1,10}"
    r"|[\u4e00-\u9fff]{0,6}?(?:物业|网格员?|主任|书记|师傅|经理|公司|局|办|所|站|中心|队|街道)"
)
# What a correction said in words may not be: a question (「2号分类是什么」「3号位置在哪」).
_NOT_ASKING = r"(?!.*(?:什么|哪|啥|吗|呢|么|[?？]))"
# 「议事会改到哪天了」「M1改到几点了？」 ask when it now is: no move
_NOT_ASKED = r"(?!.*(?:哪|几号|几点|什么时候|啥时候|[吗呢么?？]$))"
_SAID_AS = (
    # 「本周统计」「上月的统计」「本月数据」 → 统计 本周
    # 「这个月的统计」「看一下本月统计」「查下上月的数据」「把上个月的数据发我」
    (
        re.compile(
            rf"^{_PLEASE}(?:看一?下|查一?下|看看|发一?下|把)?{_PERIOD}的?"
            rf"(?:(?:我们|我的|我)(?:网格|楼)的?)?(?:统计|数据){_SENT}$"
        ),
        "统计 {period}",
        False,
    ),
    # 「3号楼的统计」「网格5上个月的数据」「看下5栋本月统计」 → 统计 本月 3号楼
    (
        re.compile(
            rf"^{_PLEASE}(?:看一?下|查一?下|看看|发一?下|把)?"
            r"(?P<place>网格[0-9]{1,3}|[0-9]{1,4}(?:号楼|栋|幢))的?"
            rf"(?:{_PERIOD})?的?(?:统计|数据){_SENT}$"
        ),
        "统计 {period} {place}",
        False,
    ),
    # 「网格5的情况」「网格3这个月情况怎么样」 → 统计 本月 网格5 (a building's 情况 is its issues)
    (
        re.compile(
            rf"^(?:看一?下|查一?下|看看)?(?P<grid>网格[0-9]{{1,3}})的?(?:{_PERIOD})?的?"
            r"(?:总体|整体|工作)?情况(?:怎么样了?|如何|咋样)?$"
        ),
        "统计 {period} {grid}",
        False,
    ),
    # 「把这个月的统计发到工作群」「上个月的数据发群里」 → 统计 本月 发工作群
    (
        re.compile(rf"^{_PLEASE}(?:把)?{_PERIOD}的?(?:统计|数据){_TO_WORK_SAID}$"),
        "统计 {period} 发工作群",
        False,
    ),
    # 「今年每个月的统计」「按月统计」「看下各月数据」「统计一下今年每个月的情况」
    # → 统计 今年 按月
    (
        re.compile(
            rf"^{_PLEASE}(?:看一?下|查一?下|看看|统计一?下)?(?P<period>今年|去年|本季度|上季度)?的?"
            r"(?:每个?月|各月|按月|逐月)的?(?:统计|数据|情况)$"
        ),
        "统计 {period} 按月",
        False,
    ),
    # 「月报」: last month's, as the monthly report gives it; 「这个月的月报」 this month's so far
    (
        re.compile(
            r"^(?:看一?下|发一?下|(?:给我|帮我)?(?:出|做|生成|写)(?:一?个|一份|一下)?)?"
            r"(?:上个?月的?)?月报(?:发一?下|发我)?$"
        ),
        "统计 上月 总结",
        False,
    ),
    # 「我要上个月的表」「给我本月的表格」 → 导出 上月
    (
        re.compile(
            rf"^(?:我要|我想要|给我|发我|要)(?:一份)?{_PERIOD}的?(?:台账表|表格?|excel|Excel)吧?$"
        ),
        "导出 {period}",
        False,
    ),
    # 「月报发工作群」「把上个月的月报发到群里」 → 统计 上月 发工作群
    (
        re.compile(rf"^(?:把)?(?:上个?月的?)?月报{_TO_WORK_SAID}$"),
        "统计 上月 发工作群",
        False,
    ),
    (re.compile(r"^(?:看一?下)?(?P<period>这个月|本月)的?月报$"), "统计 {period} 总结", False),
    # 「生成图表」「本月的统计图」「画个上月的图」 → 统计 本月 图
    (
        re.compile(
            rf"^{_PLEASE}(?:生成|画|出|做|发)(?:一?个|一张|一下|一份)?{_PERIOD}?的?(?:统计)?(?:图表|图)$"
            rf"|^{_PLEASE}(?:看一?下)?{_PERIOD.replace('period', 'p2')}?的?统计(?:图表|图)$"
        ),
        "统计 {period}{p2} 图",
        False,
    ),
    # 「年报」「年度总结」「今年的总结」「去年的年报」「把今年的年终总结发我一下」: the year's
    # (so far), as a monthly report is
    (
        re.compile(
            rf"^{_PLEASE}(?:看一?下|发一?下|把)?(?P<period>今年|去年|全年)的?"
            rf"(?:年报|年度总结|年终总结|年度汇总|年度数据|总结|工作总结){_SENT}$"
        ),
        "统计 {period} 总结",
        False,
    ),
    (
        re.compile(
            rf"^{_PLEASE}(?:看一?下|发一?下|把)?(?:年报|年度总结|年终总结|年度汇总|年度数据|全年总结)"
            rf"{_SENT}$"
        ),
        "统计 今年 总结",
        False,
    ),
    # 「上周小结」「本月工作总结」「这周的情况汇总发我」「这个月的报表」: the period's figures
    (
        re.compile(
            rf"^{_PLEASE}(?:看一?下|发一?下|把)?{_PERIOD}的?(?:工作)?(?:小结|总结|汇总|情况汇总|报表)"
            rf"{_SENT}$"
        ),
        "统计 {period} 总结",
        False,
    ),
    # 「本月热点问题」「这个月的高发问题有哪些」「今年反映最多的问题」: the period's figures, its
    # categories first three
    (
        re.compile(
            rf"^{_PLEASE}(?:看一?下)?{_PERIOD}的?(?:热点问题|热点|高发问题|突出问题|主要问题"
            r"|反映最多的问题|问题最多的是什么)(?:有哪些|是什么|是哪些)?$"
        ),
        "统计 {period}",
        False,
    ),
    # 「周报」「上周的周报发一下」: last week's; 「本周的周报」 this week's so far
    (re.compile(r"^(?:看一?下|发一?下)?(?:上周的?)?周报(?:发一?下|发我)?$"), "统计 上周", False),
    # 「把周报发到工作群」 → 统计 上周 发工作群, as 月报's
    (re.compile(rf"^(?:把)?(?:上周的?)?周报{_TO_WORK_SAID}$"), "统计 上周 发工作群", False),
    (
        re.compile(r"^(?:看一?下|发一?下)?(?P<period>本周|这周)的?周报(?:发一?下|发我)?$"),
        "统计 {period}",
        False,
    ),
    # 「导出上个月的」「导出今年的」 → 导出 上月; 「给我导出12345的工单」 → 导出 12345
    (re.compile(rf"^{_PLEASE}导出(?:一下)?{_PERIOD}的?$"), "导出 {period}", False),
    (
        re.compile(
            rf"^{_PLEASE}导出(?:一下)?{_PERIOD}?的?(?P<source>12345(?:热线)?|热线|市民热线)"
            r"的?(?:工单|台账|表格)?$"
        ),
        "导出 {period} {source}",
        False,
    ),
    # 「给我一份本月的excel」「发一份上个月的台账」「来个表格」 → 导出 本月
    (
        re.compile(
            rf"^(?:帮我|请|麻烦(?:你)?)?(?:给我|发我)?(?:发|做|出|来|拉|整理)?(?:一份|一个|个|份)"
            rf"{_PERIOD}?的?(?:台账|台帐|表格|excel|Excel|EXCEL|xlsx)(?:文件)?吧?$"
        ),
        "导出 {period}",
        True,
    ),
    # 「导出本月台账」「导出上月的台账」「导出台账」「把上个月的台账发我」「发一下本月台账」
    # → 导出 本月
    (
        re.compile(
            # Said to be sent: 导出 or 发 before, or a sending verb after (「今天的台账」 is 台账).
            # 「帮我把今年的数据导出来」: 数据 is exported only when 导出 is said (「本月数据」 is
            # 统计).
            rf"^{_PLEASE}(?=导出|发|.*(?:导出来?|发我|发给我|发一?下|给我|发过来)(?:一下)?吧?$)"
            r"(?!(?!.*导出).*数据)"
            rf"(?:导出|把|将|发一?下|发我)?{_GRID_SAID}?的?{_PERIOD}?的?(?P<grid2>网格[0-9]{{1,3}})?的?"
            r"(?:台账|台帐|表格|excel|Excel|EXCEL|数据)(?:的?(?:表格|表|文件|excel|Excel))?"
            r"(?:导出来?|发我|发给我|发一?下|给我|发过来)?(?:一下)?吧?$"
        ),
        "导出 {period} {grid}{grid2}",
        False,
    ),
    # 「今天的台账」「今日台账」 → 台账
    (re.compile(r"^(?:今天|今日)的?(?:台账|台帐)$"), "台账", False),
    # 「问题列表」「所有事项」「诉求清单」, privately (staff's words for the ledger) → 台账
    (
        re.compile(
            r"^(?:看一?下|查一?下|看看)?(?:(?:所有|全部)的?(?:问题|事项|诉求|工单)(?:列表|清单)?"
            r"|(?:问题|事项|诉求|工单)(?:列表|清单))$"
        ),
        "台账",
        True,
    ),
    # 「议事会的结果出来了吗」「上次议事会定了什么」「投票有结果了吗」, privately → 议事会: where
    # each stands (已出结果, 公示中 …), 「查看 M1」 for its decision
    (
        re.compile(
            r"^(?:请问)?(?:上次|这次|那次|最近|昨天|前几天)?的?"
            r"(?:议事会|板凳会|圆桌会|协商会|会议|开会|投票|表决)(?:的)?"
            r"(?:结果(?:出来了?|有了)?(?:吗|没有?|呢)?|结果是?(?:什么|啥)"
            r"|定了(?:什么|啥)?(?:吗)?|怎么定的|决定了?(?:什么|啥)(?:吗)?|有结果了?(?:吗|没有?)?)$"
        ),
        "议事会",
        True,
    ),
    # 「角色」「人员列表」「社区人员」「我们社区有哪些工作人员」, privately → 人员
    (
        re.compile(
            r"^(?:看一?下|查一?下)?(?:角色|人员列表|社区人员|人员角色)$"
            r"|^(?:我们|咱们)?(?:社区)?(?:都|一共)?有(?:哪些|谁|几个)(?:工作人员|人员)$"
            r"|^(?:我们|咱们)?(?:社区)?的?(?:工作人员|人员)(?:都)?(?:有哪些|有谁|是谁|名单)$"
        ),
        "人员",
        True,
    ),
    # 「网格3的台账」「5号楼台账」「物业的台账」「超期的台账」 → 台账 网格3 (not a period's: 导出;
    # not 「网页台账」, a command of its own)
    (
        re.compile(
            r"^(?P<what>网格[0-9]{1,3}|[0-9]{1,4}号楼"
            r"|(?!今|本|这|上|去|下|明|昨|每|月|周|年|全|社区|网页)[\u4e00-\u9fff]{1,5}?)"
            r"的?(?:台账|台帐)$"
        ),
        "台账 {what}",
        False,
    ),
    # 「提醒列表」「我的提醒」 → 提醒 列表; 「取消提醒 11」 → 提醒 取消 11
    (
        re.compile(
            r"^(?:提醒列表|我的提醒|查看提醒|看看提醒|(?:我的|现在的)?提醒(?:都)?有哪些"
            r"|(?:我|现在|本群|群里)?(?:明天|今天|后天|这周|本周|下周|最近|这几天)?"
            r"(?:还|都)?有(?:哪些|什么|几个|几条|多少)提醒(?:了|呢)?)$"
        ),
        "提醒 列表",
        False,
    ),
    # 「我的走访记录」「本月的走访记录」「看看走访列表」 → 走访 列表 [本月]
    (
        re.compile(
            r"^(?:看看|看一?下|查看|查一?下)?(?P<period>本周|这周|上周|本月|这个月|上个?月)?"
            r"(?:我的|的)?(?:走访|巡查)(?:记录|列表)$"
        ),
        "走访 列表 {period}",
        False,
    ),
    (
        re.compile(r"^(?:取消|删除|不用)提醒\s*(?P<number>[#Rr]?[0-9]{1,9})$"),
        "提醒 取消 {number}",
        False,
    ),
    # 「取消第二个提醒」「把第2条提醒删了」 → 提醒 取消 第二个: by its place in 提醒 列表
    (
        re.compile(
            r"^(?:把)?(?:取消|删除|删掉|去掉)(?:掉)?(?P<nth>第[0-9一二两三四五六七八九十]{1,3}(?:个|条))"
            r"提醒(?:吧)?$"
            r"|^(?:把)?(?P<nth2>第[0-9一二两三四五六七八九十]{1,3}(?:个|条))提醒"
            r"(?:取消|删除|删掉|删|去掉|不要)(?:掉)?了?(?:吧)?$"
        ),
        "提醒 取消 {nth}{nth2}",
        False,
    ),
    # 「取消周报的提醒」「回访的提醒不要了」「把党费的提醒删了」 → 提醒 取消 周报: by its words
    (
        re.compile(
            r"^(?:把)?(?:取消|删除|删掉|去掉)(?:掉)?(?P<what>[^\s,，]{1,12}?)的提醒(?:吧)?$"
            r"|^(?:把)?(?P<what2>[^\s,，]{1,12}?)的提醒(?:取消|删除|删掉|删|去掉|不要)(?:掉)?了?(?:吧)?$"
        ),
        "提醒 取消 {what}{what2}",
        False,
    ),
    # 「取消刚才的定时通知」「定时群发不发了」 → 提醒 取消 定时群发: the newest one the sender set
    (
        re.compile(
            r"^(?:把)?(?:取消|删除|删掉|撤回|撤销)(?:掉)?(?:刚才|刚刚|上一条|最后一条)?的?(?:那条|那个)?"
            r"定时(?:的)?(?:通知|群发)(?:吧)?$"
            r"|^(?:刚才|刚刚|上一条)?的?(?:那条)?定时(?:的)?(?:通知|群发)"
            r"(?:取消|不发了|别发了|不要了|撤回|作废)(?:吧)?$"
        ),
        "提醒 取消 定时群发",
        False,
    ),
    # 「修改提醒 3 每周二9点」「把提醒3改成周五10点」 → 提醒 修改 3 …
    (
        re.compile(
            r"^(?:(?:修改|更改|调整|改)提醒|把提醒)\s*(?P<number>[#Rr]?[0-9]{1,9})\s*"
            r"(?:的时间)?\s*(?:改成|改为|改到|调到|挪到|换成)?\s*(?P<what>.+)$"
        ),
        "提醒 修改 {number} {what}",
        False,
    ),
    # 「把明天的提醒改到10点」「周报的提醒改成周二9点」 → 提醒 修改 明天 10点: by its day or words
    (
        re.compile(
            r"^(?:把)?(?P<which>[^\s,，0-9#][^\s,，]{0,9}?)的提醒(?:的时间)?\s*"
            r"(?:改到|改成|改为|挪到|调到|推迟到|提前到)\s*(?P<to>.+)$"
        ),
        "提醒 修改 {which} {to}",
        False,
    ),
    # 「周五下午3点提醒大家交材料」 → 提醒 周五下午3点 交材料; privately 「明天9点提醒我开会」,
    # 「提醒我明天下午3点去物业」
    (re.compile(rf"{_WHEN_SAID}大家[，,\s]*(?P<what>.+)$"), "提醒 {when} {what}", False),
    (re.compile(rf"{_WHEN_SAID}(?:我|一下)[，,\s]*(?P<what>.+)$"), "提醒 {when} {what}", True),
    # 「提醒一下张网格明天去看井盖」 privately: whom, then when (→ 提醒 明天 张网格去看井盖)
    (
        re.compile(
            # (not 「提醒报名的人明天开会」: those signed up, the meeting's own)
            r"^(?:请|麻烦)?提醒(?:一下)?(?P<who>(?![我你他她大报参])(?:(?!的)[\u4e00-\u9fff]){2,4}?)"
            r"(?P<when>(?:今天|明天|后天|(?:下|这|本)?(?:周|星期)[一二三四五六日天])"
            r"(?:早上|上午|中午|下午|晚上)?(?:[0-9一二两三四五六七八九十]{1,3}点半?)?)"
            r"(?P<what>[^\s，,。].+)$"
        ),
        "提醒 {when} {who}{what}",
        True,
    ),
    # 「帮我记一下，明天上午去4号楼看路灯」「备忘：周五交材料」 privately: a reminder for oneself
    (
        re.compile(
            r"^(?:请|麻烦)?(?:帮我|给我)?(?:记一下|记下来?|记着|记住|备忘一下|备忘)(?:吧)?"
            r"[，,：:\s]+(?P<memo>\S.*)$",
            re.DOTALL,
        ),
        "提醒 {memo}",
        True,
    ),
    # 「撤回刚才的通知」「上一条通知作废」 → 更正通知 作废; 「刚才的通知有误，应该是下午2点停水」
    # → 更正通知 应该是下午2点停水 (the sender's newest notice: handlers/notice.py)
    (
        re.compile(
            r"^(?:撤回|撤销|作废)(?:刚才|刚刚|上一条|上条|我)?的?通知$"
            r"|^(?:刚才|刚刚|上一条|上条|我)?的?通知(?:撤回|撤销|作废)(?:了|吧|一下)?$"
        ),
        "更正通知 作废",
        False,
    ),
    # 「通知发错了怎么办」「通知写错了，能改吗」: how (帮助 更正通知), never a correction
    (
        re.compile(
            r"^(?:刚才|刚刚|上一条|上条|我)?的?通知(?:有误|写错了?|发错了?|错了)[,，\s]*"
            r"(?:怎么办|怎么改|怎么撤回?|怎么更正|怎么弄|咋办|(?:能|可以|能不能)(?:改|撤回|更正)吗?)"
            r"(?:呢|啊)?$"
        ),
        "帮助 更正通知",
        False,
    ),
    (
        re.compile(
            r"^(?:刚才|刚刚|上一条|上条|我)?的?通知(?:有误|写错了?|发错了?|错了)[,，：:\s]*"
            r"(?:应该是|应为|改为|改成|更正为|正确的是)?[,，：:\s]*"
            r"(?!怎么|如何|咋|能不能|可以)(?P<what>\S.*?)(?<![吗呢么?？])$",
            re.DOTALL,
        ),
        "更正通知 {what}",
        False,
    ),
    # 「王芳兑换了一袋洗衣粉，扣10分」「给王芳扣10分，换了洗衣粉」 → 兑换 王芳 10 一袋洗衣粉
    (
        re.compile(
            r"^(?:给)?(?P<who>[\u4e00-\u9fff]{2,4}?)(?:兑换了?|换了)(?P<what>[^，,。\s]{1,12})"
            r"[，,\s]*(?:扣|扣除|扣掉|减)了?(?P<n>[0-9]{1,4})分$"
            r"|^给(?P<who2>[\u4e00-\u9fff]{2,4}?)(?:扣|扣除|扣掉|减)了?(?P<n2>[0-9]{1,4})分[，,\s]*"
            r"(?:兑换了?|换了?)(?P<what2>[^，,。\s]{1,12})$"
        ),
        "兑换 {who}{who2} {n}{n2} {what}{what2}",
        True,
    ),
    # 「给王芳加10分，参加志愿活动」: points are earned, not given (积分 加分 says so)
    (
        re.compile(
            r"^给[\u4e00-\u9fff]{2,4}?(?:加|奖励|增加)了?[0-9一二两三四五六七八九十]{1,4}分"
        ),
        "积分 加分",
        True,
    ),
    # 「下周三下午3点开会，提前一天提醒大家」 → 提醒 下周三下午3点 开会，提前一天: ahead of it
    (
        re.compile(
            r"^(?P<event>[^，,。\s][^，,。]{1,30}?)[，,\s]*(?P<ahead>提前(?:[0-9]{1,3}|[一二两三四五六七八九十半]{1,3})"
            r"个?(?:天|小时|钟头|分钟))(?:提醒|通知)(?:我|大家|一下)?$"
        ),
        "提醒 {event}，{ahead}",
        True,
    ),
    # 「下午3点提醒我」: when, and what is asked for
    (re.compile(rf"{_WHEN_SAID}(?:我|一下)?$"), "提醒 {when}", True),
    # 「明天上午9点提醒张网格去看3号楼井盖」: whom, then what, said as the reminder's words
    (re.compile(rf"{_WHEN_SAID}(?P<what>[^我大一，,\s].+)$"), "提醒 {when} {what}", True),
    (re.compile(r"^提醒我[，,\s]*(?P<what>.+)$"), "提醒 {what}", True),
    # 「有哪些命令」「机器人有什么功能」 → 帮助; privately also 「你能做什么」
    (
        re.compile(
            r"^(?:你|邻里|机器人)?(?:都)?(?:有)?(?:哪些|什么|啥)(?:命令|指令|功能)(?:呢|啊|呀)?$"
        ),
        "帮助",
        False,
    ),
    (
        re.compile(
            r"^(?:你|邻里|机器人)(?:都)?(?:能|会|可以)(?:帮我)?(?:做|干|办)?(?:什么|啥|哪些事情?)"
            r"(?:呢|啊|呀)?$"
        ),
        "帮助",
        True,
    ),
    # 「怎么用」「这个怎么使用」「使用说明」 said to the bot → 帮助
    (
        re.compile(
            r"^(?:这个|你|邻里)?(?:机器人|小程序|助手)?(?:要|该)?(?:怎么|如何|怎样)(?:用|使用)(?:你)?(?:呢|啊|呀)?$"
            r"|^(?:使用说明|使用方法|说明书)$"
        ),
        "帮助",
        True,
    ),
    # 「怎么看我手上的」「怎么查我的单子」 → 台账 我的: shown, not told how
    (
        re.compile(
            r"^(?:怎么|如何|在哪)(?:看|查|查看)(?:一下)?我(?:手上|手里|的)(?:的)?"
            r"(?:事|事项|事情|单子|工单|活)?$"
            # 「我关注了哪些」「我关注的事项」: those one follows, which 台账 我的 lists
            r"|^(?:看看|查一?下)?我(?:都)?关注(?:了|的|过)的?(?:哪些|什么|啥)?(?:事项?|事情|问题)?(?:呢)?$"
        ),
        "台账 我的",
        False,
    ),
    # 「我想撤回1号」「我要取消2号的反映」「我想把1号撤回」「帮我把2号撤了」 → 撤回 1
    (
        re.compile(
            r"^(?:我)?(?:想|要|能不能|可以)?(?:撤回|撤销|取消)(?:一下)?(?:我的)?"
            r"(?P<number>[#＃]?[0-9]{1,9})\s*号?(?:的?(?:反映|诉求|报事|问题))?(?:吗|吧)?$"
            r"|^(?:我)?(?:想|要|能不能|可以)?(?:帮我)?把(?:我的)?(?P<n2>[#＃]?[0-9]{1,9})\s*号?"
            r"(?:的?(?:反映|诉求|报事|问题))?(?:撤回|撤销|取消|撤)(?:了|掉)?(?:吗|吧)?$"
        ),
        "撤回 {number}{n2}",
        False,
    ),
    # 「不想再收到1号的消息了」「1号的通知不用再发给我了」 → 取消关注 1; with no number
    # (「别再给我发消息了」) the usage, which says how
    (
        re.compile(
            r"^(?:我)?(?:不想|不要|不用|别)再?(?:收到|接收|看到|给我发)?(?P<number>[#＃]?[0-9]{1,9})\s*号?"
            r"的?(?:消息|通知|进展|提醒)了?$"
            r"|^(?P<n2>[#＃]?[0-9]{1,9})\s*号?的?(?:消息|通知|进展)(?:不用|不要|别)再?(?:发给?我|通知我|发)了?$"
            r"|^(?:请)?(?:别|不要|不用)再?(?:给我)?(?:发|推送?)(?:消息|通知)了?(?:给我)?$"
        ),
        "取消关注 {number}{n2}",
        True,
    ),
    # 「我的积分是多少」「我有多少积分」「我排第几」「我的排名」「我怎么没有积分」 → 积分
    (
        re.compile(
            r"^(?:我的?积分(?:是|有|还有)?(?:多少|几)分?了?|我(?:现在|一共|总共)?(?:有|攒了|积了)"
            r"(?:多少|几个?)(?:积分|分)了?|(?:查一?下?|看一?下)?我的积分(?:呢|有多少)?"
            r"|(?:查一?下?|看一?下)?我(?:的积分|这周|本周)?(?:现在)?(?:排在?|排名)第?几(?:名|位)?了?"
            r"|(?:查一?下?|看一?下)?我的(?:积分)?排名(?:是多少|是第几|怎么样|呢)?"
            # 「我怎么没有积分」「为什么我没积分」: the balance says how they are earned
            r"|(?:我|为什么我|我为什么|我怎么|怎么我)(?:还|都)?(?:没有?|一直没有?)(?:积分|分)(?:呢|啊)?)$"
        ),
        "积分",
        False,
    ),
    # 「我今年反映了几件」「我反映的事办了几件」「我的年度总结」 → 我的统计 今年: one's own
    # reports (staff's 「我这周办了几件」 is their work, 统计 我)
    (
        re.compile(
            r"^(?P<period>今年|本月|这个月|上个月|上月|去年)?我(?P<p2>今年|本月|这个月|上个月|上月|去年)?"
            r"(?:一共|总共|共)?(?:反映|报|提|上报)(?:了|过)?(?:多少|几)(?:件|条|个|次)(?:事情?|问题|诉求)?$"
            r"|^(?:看一?下)?我的(?:年度报告|年报|年度总结)$"
        ),
        "我的统计 {period}{p2}",
        False,
    ),
    # 「谁的积分最多」「本周积分排名」「积分排行榜」 → 积分 榜 (this week's); 「今年积分榜」
    # 「本月谁的积分最多」「年度积分排名」 → 积分 榜 今年 …
    (
        re.compile(
            r"^(?:本周|这周|这个?星期)?的?(?:谁的?积分(?:最多|最高)|积分(?:谁|哪个)(?:最多|最高)"
            r"|积分(?:排行榜?|排名|榜))$"
        ),
        "积分 榜",
        False,
    ),
    (
        re.compile(
            r"^(?P<period>上周|本月|这个月|上月|上个月|今年|去年|年度|全年|本年度|[0-9]{1,2}月份?)的?"
            r"(?:谁的?积分最多|积分(?:谁|哪个)最多|积分(?:排行榜?|排名|榜))$"
        ),
        "积分 榜 {period}",
        False,
    ),
    # 「把张网格的事都交给赵网格」「张网格手上的事项交接给赵网格」 → 交接 张网格 赵网格
    (
        re.compile(
            # 「张网格调走了，他手上的事交给赵网格」「张网格这几天请假了，…」: why first, then whose
            r"^(?:(?P<gone>@?[\u4e00-\u9fff]{2,6}?)"
            r"(?:这几天|这周|本周|下周|这段时间|最近|明天|后天|今天)?(?:要|开始)?"
            # 「张网格明天休假，他的事交给…」: what is to come, said without 了 (before a comma)
            r"(?:(?:调走|离职|退休|走|不干|辞职|请假|休假|病假|生病|住院|出差|休产假)了[,，]?"
            r"|(?:请假|休假|出差|住院|休产假)[,，])"
            r"(?:他|她)?|把?(?P<who>@?[\u4e00-\u9fff]{2,6}?))(?:手上|手里)?的(?:事情?|事项|工作|活儿?|单子)"
            r"(?:都|全部|全都)?(?:交接给|交给|转给|移交给)(?P<to>@?[\u4e00-\u9fff]{2,8}?)"
            r"(?:吧|处理|办理|负责)?$"
        ),
        "交接 {who}{gone} {to}",
        False,
    ),
    # 「我明天休假，3号楼的事情麻烦赵网格帮忙盯一下」 → 交接 我 赵网格: the worker's own (the
    # secretary's to do: passed to the work group)
    (
        re.compile(
            r"^我(?:这几天|这周|本周|下周[一二三四五六日天]?|明天|后天|今天)?(?:要)?"
            r"(?:休假|请假|出差|住院|不在|外出|培训|开会)(?:了|几天|一天|两天|三天|一周)?[,，]"
            r"(?:我?(?:手上|手里)?的|[0-9]{1,4}号楼的|网格[0-9]{1,3}的)?(?:事情?|事项|工作|活儿?)?"
            r"(?:麻烦|请|让|交给|拜托)(?P<to>@?[\u4e00-\u9fff]{2,4}?)"
            r"(?:帮忙|帮我|代为|临时)?(?:盯一下|盯着|看一下|看着|管一下|管着|处理一下|处理|跟进|照看)"
            r"(?:一下)?(?:吧)?$"
        ),
        "交接 我 {to}",
        True,
    ),
    # 「M1改到周五晚上7点」「把M1改到周五19:00，下雨」 → 改期 M1 …;
    # 「取消M1」「M1不开了」 → 取消会议 M1
    (
        re.compile(
            r"^(?:把)?(?P<meeting>[Mm][0-9]{1,9})\s*(?P<where>的?(?:地点|地方|会场))?"
            rf"\s*(?:改期到|改到|改成|改为|推迟到|挪到|延到|换到|改在){_NOT_ASKED}\s*(?P<what>.+)$"
        ),
        "改期 {meeting} {where} {what}",
        False,
    ),
    (
        re.compile(
            r"^(?:取消|不开)\s*(?P<meeting>[Mm][0-9]{1,9})了?$|^(?P<m2>[Mm][0-9]{1,9})\s*不开了$"
        ),
        "取消会议 {meeting}{m2}",
        False,
    ),
    # 「议事会改到周日下午3点」「这次的板凳会取消了」: the one still to come (handlers/meetings.py)
    (
        re.compile(
            rf"^(?:把)?(?:这次|下次|本次)?的?(?P<kind>{_MEETING_SAID})\s*"
            r"(?P<where>的?(?:地点|地方|会场))?\s*"
            rf"(?:改期到|改到|改成|改为|推迟到|挪到|延到|改在|换到)\s*{_NOT_ASKED}(?P<what>.+)$"
        ),
        "改期 {kind} {where} {what}",
        False,
    ),
    (
        re.compile(
            rf"^(?:这次|下次|本次)?的?(?P<kind>{_MEETING_SAID})(?:取消了?|不开了)$"
            rf"|^取消(?:这次|下次|本次)?的?(?P<k2>{_MEETING_SAID})$"
        ),
        "取消会议 {kind}{k2}",
        False,
    ),
    # 「让李明当5号楼的楼栋长」「设@王芳为网格3网格员」「把李明设为楼栋长」
    # → 设置角色 李明 楼栋长 5号楼; 「取消李明的楼栋长」「李明不当楼栋长了」 → 设置角色 李明 居民
    (
        re.compile(
            r"^请?(?:让|由|设|把|给|将)\s*(?P<who>@?[^\s，,]{1,16}?)\s*来?"
            r"(?:当|做|担任|设置成|设置为|设成|设为|改成|改为|为|作为)"
            rf"\s*(?P<scope>[^\s，,]{{0,12}}?)的?(?P<role>{_ROLE_SAID})吧?$"
        ),
        "设置角色 {who} {role} {scope}",
        False,
    ),
    # 「新来的网格员叫孙丽，负责网格3」「新的楼栋长是李明，5号楼」 → 设置角色 孙丽 网格员 网格3
    (
        re.compile(
            rf"^(?:新来的|新来了个?|新的|新)(?P<role>{_ROLE_SAID})(?:叫|是)\s*"
            r"(?P<who>@?[^\s，,]{1,16}?)\s*(?:[,，]\s*(?:负责|管)?\s*(?P<scope>[^\s，,]{1,12}?))?$"
        ),
        "设置角色 {who} {role} {scope}",
        False,
    ),
    (
        re.compile(
            r"^(?:取消|撤掉|撤销|去掉)\s*(?P<who>@?[^\s，,]{1,16}?)的(?:楼栋长|网格员)(?:身份|角色)?$"
            r"|^(?P<who2>@?[^\s，,]{1,16}?)不(?:再)?(?:当|做)(?:楼栋长|网格员)了$"
        ),
        "设置角色 {who}{who2} 居民",
        False,
    ),
    # 「召开议事会 周六上午9点 社区活动室 议题：加装电梯」「开个板凳会，议题 加装电梯 …」
    # → 议事 议事会 …
    (
        re.compile(
            r"^(?:召开|开个?|开一?次|组织|举行|举办|搞个?)"
            rf"(?P<kind>{_KINDS})[，,：:\s]+(?P<rest>.+)$"
        ),
        "议事 {kind} {rest}",
        False,
    ),
    # 「提醒物业尽快处理1号」「催一下刘物业把2号修了」「督促物业办1号」 → 催办 1
    (
        re.compile(
            r"^(?:提醒|催一?下|催促|督促)(?P<who>@?[\u4e00-\u9fff]{0,6}?)"
            r"(?:尽快|赶紧|抓紧|快点|马上)?(?:去|把)?(?:处理|办理|办|修|弄|解决)?(?:一下)?\s*"
            r"(?P<number>[#＃]?[0-9]{1,9})\s*号?(?:修了|办了|处理了|处理掉)?(?:吧)?$"
        ),
        "催办 {number}",
        False,
    ),
    # 「张网格负责1号」「由物业负责2号」「让刘物业去看看1号」「让物业尽快处理1号」 → 派单 1 张网格
    # (not 「我来负责1号」: one's own)
    (
        re.compile(
            r"^(?:让|由|请)?(?![我谁他她你])(?P<who>@?[\u4e00-\u9fff]{2,6}?)"
            r"(?:尽快|赶紧|抓紧|马上)?(?:来|去)?"
            r"(?:负责|处理|跟进|(?<=[来去])(?:看看|看一下|修一下|修))(?:一下)?\s*"
            r"(?P<number>[#＃]?[0-9]{1,9})\s*号?(?:吧)?$"
            # 「1号张网格负责一下」「2号物业跟进吧」: the issue first
            r"|^(?P<number2>[#＃]?[0-9]{1,9})\s*号?(?![号0-9])\s*(?:让|由|请)?"
            r"(?![我谁他她你这那没还已正在要先都也楼栋幢单院门室])(?P<who2>@?[\u4e00-\u9fff]{2,6}?)"
            r"(?:尽快|赶紧|抓紧|马上)?(?:来|去)?(?:负责|跟进)(?:一下)?(?:吧)?$"
        ),
        "派单 {number}{number2} {who}{who2}",
        False,
    ),
    # 「1、2都催一下」「把1号和2号都加急」 → 催办 1 2, 加急 1 2: several at once
    (
        re.compile(
            rf"^(?:把|给)?(?P<numbers>{_NUMBERS_SAID})\s*号?\s*(?:都|全|也)?"
            r"(?:催一下|催办一下|催办|催催|催一催)(?:吧)?$"
        ),
        "催办 {numbers}",
        False,
    ),
    (
        re.compile(
            rf"^(?:把|给)?(?P<numbers>{_NUMBERS_SAID})\s*号?\s*(?:都|全|也)?"
            r"(?:加急|改成紧急|标为紧急)(?:一下)?(?:吧)?$"
        ),
        "加急 {numbers}",
        False,
    ),
    # 「1号不急了」「2号取消加急」「3号不用加急」 → 取消加急 1
    (
        re.compile(
            r"^(?:把)?(?P<number>[#＃]?[0-9]{1,9})\s*号?\s*(?:的)?"
            r"(?:不急了?|不用急了?|没那么急了?|取消加急|不用加急了?|不加急了?|不算紧急了?)(?:吧)?$"
        ),
        "取消加急 {number}",
        False,
    ),
    # 「2号加急」「3 加急一下」「1号很急」 → 加急 2
    (
        re.compile(
            r"^(?P<number>[#＃]?[0-9]{1,9})\s*号?\s*(?:也)?(?:要|需要|改成|改为|标为|标成|设为|转为|定为)?"
            r"(?:加急|紧急|特急|(?:很|太|特别|非常)急(?:了|的)?)(?:一下|处理)?"
            r"(?:[，,：:\s]+(?P<why>.+))?$"
        ),
        "加急 {number} {why}",
        False,
    ),
    # 「最近发了哪些通知」「通知记录」「刚才的通知发出去了吗」「定时群发有哪些」「最近有什么通知」
    # → 群发 列表
    (
        re.compile(
            r"^(?:看一?下|查一?下)?(?:最近|这周|本周|今天)?的?(?:通知|群发|定时群发|定时通知)"
            r"(?:记录|列表|历史|有哪些|有几条)$"
            r"|^(?:最近|这周|本周|今天)?(?:都|一共)?(?:发|群发)(?:了|过)(?:哪些|什么|几条|几个)(?:通知)?$"
            r"|^(?:刚才|刚刚|上午|今天)?(?:的|发的)?(?:那条)?通知(?:发出去|发到哪些群|发到哪几个群)"
            r"(?:了吗|了没有?|没有?|了)$"
            r"|^(?:有)?(?:哪些|几条|几个)定时(?:群发|通知|的通知)$"
            r"|^(?:最近|这周|今天)?有(?:什么|哪些|啥)(?:新)?通知(?:吗)?$"
        ),
        "群发 列表",
        False,
    ),
    # 「撤回刚才的走访」「删掉上一次的巡查记录」「刚才的走访记错了」 → 走访 撤回
    (
        re.compile(
            r"^(?:撤回|撤销|删除|删掉|取消)(?:刚才|刚刚|上一次|上次|最后一次|最近一次)?的?(?:那次|那条)?"
            r"(?:走访|巡查)(?:记录)?$"
            r"|^(?:刚才|刚刚|上一次|上次)的?(?:走访|巡查)(?:记录)?"
            r"(?:记错了|录错了|写错了|不对|撤回|删掉|删了吧?|作废)$"
        ),
        "走访 撤回",
        False,
    ),
    # 「给1号加个备注：业主不在家」「1号备注一下，约周六上门」 → 备注 1 业主不在家
    (
        re.compile(
            r"^(?:给|在)?(?P<number>[#＃]?[0-9]{1,9})\s*号?\s*(?:加|添|写|记)?(?:个|一个|一条|一下)?"
            r"备注(?:一下)?(?:[\s:：,，]+|(?=[^\s吗呢么?？]))(?P<what>\S.*)$"
        ),
        "备注 {number} {what}",
        False,
    ),
    # 「1号挂起，等维修基金表决」「把2号先挂起」 → 挂起 1 等维修基金表决; 「1号挂起到3月1日，
    # 等开春」 → 挂起 1 到3月1日，等开春; 「1号恢复办理」
    # 「1号可以恢复了」「恢复1号」「取消1号的挂起」「1号不挂起了」 → 恢复 1
    (
        re.compile(
            r"^(?:把|将)?(?P<number>[#＃]?[0-9]{1,9})\s*号?\s*(?:先|暂时)?(?:挂起|暂缓)(?:一下)?(?:吧)?"
            r"(?![吗呢么?？]$)(?:[\s:：,，]+(?P<why>\S.*)|(?P<till>(?:到|至|直到)\S.*))?$"
        ),
        "挂起 {number} {till}{why}",
        False,
    ),
    (
        re.compile(
            r"^(?P<number>[#＃]?[0-9]{1,9})\s*号?\s*(?:可以|能)?(?:恢复办理|恢复|解除挂起|取消挂起)(?:了|吧)?$"
            r"|^(?:恢复|解除挂起|取消挂起)\s*(?P<n2>[#＃]?[0-9]{1,9})\s*号$"
            # 「取消1号的挂起」「1号不挂起了」
            r"|^(?:取消|解除)\s*(?P<n3>[#＃]?[0-9]{1,9})\s*号?的?(?:挂起|暂缓)$"
            r"|^(?P<n4>[#＃]?[0-9]{1,9})\s*号?\s*(?:不用|不|别)再?(?:挂起|暂缓)了$"
        ),
        "恢复 {number}{n2}{n3}{n4}",
        False,
    ),
    # 「2号分类改成安全隐患」「把2号的类别改为停车」「2号改为安全隐患类」「把3号归到噪音」
    # 「1号分类错了，应该是排水」
    # → 改分类 2 安全隐患 (「2号分类是什么」 asks)
    (
        re.compile(
            r"^(?:把|将)?(?P<number>[#＃]?[0-9]{1,9})\s*号?\s*的?"
            r"(?:(?:分类|类别|类型)\s*(?:(?:写|弄|搞|分)?错了|不对)?[\s,，]*"
            r"(?:改成|改为|改到|调成|调为|更正为|应该是|应为|是)"
            r"|(?:改成|改为|改到|调成|调为|算作|划为)(?=.{2,14}类(?:吧|了)?$)"
            r"|归到|归为|归入|归类到|归类为|归类成)"
            rf"[\s:：,，]*+{_NOT_ASKING}(?P<what>[^\s,，。]{{2,16}})$"
        ),
        "改分类 {number} {what}",
        False,
    ),
    # 「2号地点改成5号楼」「把2号的位置改为5号楼2单元」「3号地址写错了，是南门」 → 改位置 2 南门
    (
        re.compile(
            r"^(?:把|将)?(?P<number>[#＃]?[0-9]{1,9})\s*号?\s*的?(?:位置|地点|地址)\s*"
            r"(?:(?:写|弄|搞|登记)?错了|不对)?[\s,，]*(?:改成|改为|改到|更正为|应该是|应为|是|在)"
            rf"[\s:：,，]*+{_NOT_ASKING}(?P<what>[^\s,，。]{{2,20}})$"
            # 「1号改到5号楼」「2号其实是5号楼2单元的」: a building named is where
            r"|^(?:把|将)?(?P<n2>[#＃]?[0-9]{1,9})\s*号?\s*(?:改到|改成|改为|应该是|其实是)\s*"
            r"(?P<what2>[0-9]{1,4}\s*(?:号楼|栋|幢)[^\s,，。?？吗]{0,12}?)的?$"
        ),
        "改位置 {number}{n2} {what}{what2}",
        False,
    ),
    # 「1号回访了，居民很满意」「回访了2号，不满意，说还是漏」「3号电话回访过，基本满意」
    # → 回访 1 很满意: a worker's record of the follow-up call
    (
        re.compile(
            r"^(?:(?:已经?|刚)?(?:电话)?回访(?:了|过)?\s*(?P<n1>[#＃]?[0-9]{1,9})\s*号?"
            rf"|(?P<n2>[#＃]?[0-9]{{1,9}})\s*号?\s*{_CALLED_BACK})"
            # possessive (*+): the marks between are read once, not tried at every split
            r"[，,：:\s]*+(?:[\u4e00-\u9fff]{0,2}?(?:居民|群众|报事人|业主|住户|对方|阿姨|大爷|大妈"
            r"|奶奶|爷爷|女士|先生|师傅)们?|他|她"
            r"|[\u4e00-\u9fff]{2,4}?(?=表示|说|反馈|评价))?"  # 「王芳说很满意」: by name
            r"(?:表示|说|反馈|反映|评价)?(?:是|很是)?[，,：:\s]*+"
            rf"(?P<verdict>{_VERDICTS})(?:的|了|吧)?(?P<why>(?:[，,。；;\s].*)?)$",
            re.DOTALL,
        ),
        "回访 {n1}{n2} {verdict}{why}",
        False,
    ),
    # 「1号回访了，李女士说还有点渗水，基本满意」: what was said first, the verdict last
    (
        re.compile(
            r"^(?:(?:已经?|刚)?(?:电话)?回访(?:了|过)?\s*(?P<n1>[#＃]?[0-9]{1,9})\s*号?"
            rf"|(?P<n2>[#＃]?[0-9]{{1,9}})\s*号?\s*{_CALLED_BACK})"
            r"[，,：:\s]+(?P<why>[^，,。；;]{1,30}?(?:[，,；;][^，,。；;]{1,30}?){0,2})"
            r"[，,。；;\s]+(?:总体|总的来说|还是|算是|表示)?"
            rf"(?P<verdict>{_VERDICTS})(?:的|了|吧)?$",
            re.DOTALL,
        ),
        "回访 {n1}{n2} {verdict} {why}",
        False,
    ),
    # 「M1 发到全部」「把M1也发到网格3群」「M2 转发到居民群」 → 发到 M1 全部
    (
        re.compile(
            r"^(?:把|将)?(?P<meeting>[Mm][0-9]{1,9})\s*(?:也|再)?(?:转发到|发到|发给|发送到|发布到)"
            r"\s*(?P<where>.+?)(?:去|里)?$"
        ),
        "发到 {meeting} {where}",
        False,
    ),
    # 「M1 公示5天」「把M1公示一下」 → 公示 M1 5天; 「公示一下」「把会议结果公示出去」 → 公示 会议:
    # the one outcome not yet published
    (
        re.compile(
            r"^(?:把|将)?(?P<meeting>[Mm][0-9]{1,9})\s*(?:的决议|的结果)?\s*公示(?:一下)?\s*"
            r"(?P<days>[0-9]{1,2}\s*(?:天|个工作日))?(?:吧)?$"
        ),
        "公示 {meeting} {days}",
        False,
    ),
    (
        re.compile(
            rf"^(?:把|将)?(?:这次|本次|上次)?的?(?P<kind>{_MEETING_SAID})?的?(?:决议|结果)?\s*"
            # 「公示一下结果」「把会议结果发到群里」
            r"(?:公示|公布|发到(?:各个?|居民|网格)?群里?|发群里)(?:一下|出去|出来)?\s*(?:结果|决议)?\s*"
            r"(?P<days>[0-9]{1,2}\s*(?:天|个工作日))?(?:吧)?$"
        ),
        "公示 {kind} {days}",
        False,
    ),
    # 「1号确认修好了」「2号核实过了，灯亮了」 → 核实 1 修好了: a 楼栋长's check of the work
    (
        re.compile(
            r"^(?P<number>[#＃]?[0-9]{1,9})\s*号?\s*(?:我)?(?:已经?)?(?:现场)?(?:确认|核实)(?:过)?了?"
            r"[，,：:\s]*(?P<what>.*)$",
            re.DOTALL,
        ),
        "核实 {number} {what}",
        False,
    ),
    # 「待受理的都受理一下」「新诉求都受理吧」「全部受理」 → 受理 全部: each issue 待受理 (not
    # 「都受理了吧」, which asks whether they are)
    (
        re.compile(
            r"^(?:把)?(?:待受理|新|新来|今天|所有|全部)?的?(?:诉求|事项|事情?|问题)?"
            r"(?:都|全部|全都|一起|统一)(?:先)?受理(?:一下|掉)?(?:吧)?$"
        ),
        "受理 全部",
        False,
    ),
    # 「今天的诉求都派一下」「新的都派单吧」: to whom is each's own (「1号派给物业，2号…」); the
    # ones waiting for it → 台账 未派单
    (
        re.compile(
            r"^(?:把)?(?:待派单|没派单|未派单|新|新来|今天|所有|全部)?的?(?:诉求|事项|事情?|问题)?"
            r"(?:都|全部|全都)(?:派一下|派单|派下去|派出去)(?:吧)?$"
        ),
        "台账 未派单",
        False,
    ),
    # 「把超期的都催一下」「催一下所有超期的」 → 催办 超期: each overdue issue someone holds
    (
        re.compile(
            r"^(?:把|给)?(?:所有|全部)?(?:超期|逾期)的?(?:事项|事情?)?(?:都|全部)?(?:帮我)?(?:都)?"
            r"(?:催一下|催办一下|催办|催催|催一催|催一遍)(?:吧)?$"
            r"|^(?:催一下|催办|催催)(?:所有|全部)?(?:超期|逾期)的?(?:事项|事情?)?$"
        ),
        "催办 超期",
        False,
    ),
    # 「1号结案」「2号可以结案了」「把1号关掉」「1号可以关了」 → 办结 1 (which asks its result);
    # 「1号可以销号了」 → 销号 1 (which asks the rating)
    # 「把1号关了吧，已经修好了」: with its result after it
    (
        re.compile(
            r"^把?(?P<number>[#＃]?[0-9]{1,9})\s*号?\s*(?:可以|能)?"
            r"(?:结案|完结|关闭|关掉|关单|结单|(?<=[以能])关)(?:了|吧)*"
            r"(?:[,，。\s]+(?P<result>[^?？]*?[^?？吗么呢]))?$"
            r"|^把(?P<number2>[#＃]?[0-9]{1,9})\s*号?\s*关了吧?(?:[,，。\s]+(?P<result2>[^?？]*?[^?？吗么呢]))?$"
        ),
        "办结 {number}{number2} {result}{result2}",
        False,
    ),
    (
        re.compile(r"^把?(?P<number>[#＃]?[0-9]{1,9})\s*号?\s*(?:可以|能)?销号(?:了|吧)?$"),
        "销号 {number}",
        False,
    ),
    # 「1号催一下」「2 催办」「帮我催一下1号」「1号催一下物业」 → 催办 1 (whoever holds it)
    (
        re.compile(
            # 「2号也催一下」「1号再催催」「1号我催一下」
            r"^(?P<number>[#＃]?[0-9]{1,9})\s*号?\s*(?:我(?:来|去)?)?(?:也|再)?(?:(?:催一下|催催|督促一下)"
            rf"(?:{_HOLDER_SAID}|他|她|他们)?(?:那边)?(?:吧)?|催办|督办"
            # 「1号能加急吗」「2号能不能快点」
            r"|(?:能不能|能否|可不可以|可以|能)加急(?:处理)?(?:吗|吧)?"
            r"|(?:能不能|能否|可不可以|可以|能|请|麻烦)?(?:快点|尽快)(?:处理)?(?:吗|吧)?)$"
            r"|^(?:帮我|帮忙|麻烦)?(?:催一下|催催|催)\s*(?P<n2>[#＃]?[0-9]{1,9})\s*号?(?:吧)?$"
        ),
        "催办 {number}{n2}",
        False,
    ),
    # 「催一下物业」「帮我催催刘物业」「给周主任那边催一下」 → 催办 物业: what they hold (a name
    # as holders are named, so 「催一下大家」 is none)
    (
        re.compile(
            r"^(?:帮我|帮忙|麻烦)?(?:催一下|催催|催一催|催办一下|督促一下)"
            rf"(?P<who>{_HOLDER_SAID})(?:那边|那里)?(?:吧)?$"
            rf"|^(?:帮我|帮忙|麻烦)?(?:给|跟|让)?(?P<who2>{_HOLDER_SAID})(?:那边|那里)?"
            r"(?:催一下|催催|催一催|催办一下)(?:吧)?$"
        ),
        "催办 {who}{who2}",
        False,
    ),
    # 「能不能帮我催一下」「麻烦催一下」 privately: a resident's one open report
    (
        re.compile(
            r"^(?:能不能|能否|可以|可不可以)?(?:帮我|帮忙|麻烦(?:你)?|请)?(?:帮我|帮忙)?"
            r"(?:催一下|催一催|催催)(?:吗|吧|呢|好吗|行吗|可以吗)?$"
        ),
        "催办",
        True,
    ),
)


# What each phrasing cannot do without (one of these words): most messages are chatter, and a
# substring test is cheaper than trying the pattern.
_NEEDS: dict[str, tuple[str, ...]] = {
    "统计 {period}": ("统计", "数据", "月报", "周报", "热点", "高发", "突出", "主要问题", "最多"),
    "统计 {period} {place}": ("统计", "数据"),
    "统计 {period} {grid}": ("情况",),
    "统计 {period} 发工作群": ("统计", "数据"),
    "统计 上周": ("周报",),
    "统计 {period} 按月": ("每月", "每个月", "各月", "按月", "逐月"),
    "统计 上月 总结": ("月报",),
    "统计 上月 发工作群": ("月报",),
    "统计 上周 发工作群": ("周报",),
    "统计 {period}{p2} 图": ("图",),
    "统计 {period} 总结": ("月报", "年报", "年度", "年终", "总结", "小结", "汇总", "报表"),
    "统计 今年 总结": ("年报", "年度", "年终", "全年"),
    "导出 {period}": ("导出", "台账", "台帐", "表", "excel", "Excel", "EXCEL", "xlsx"),
    "导出 {period} {grid}{grid2}": ("导出", "台账", "台帐", "表", "excel", "Excel", "EXCEL"),
    "导出 {period} {source}": ("导出",),
    "台账": ("台账", "台帐", "问题", "事项", "诉求", "工单"),
    "人员": ("角色", "人员"),
    "议事会": ("结果", "定了", "怎么定", "决定"),
    "台账 {what}": ("台账", "台帐"),
    "撤回 {number}{n2}": ("撤", "取消"),
    "取消关注 {number}{n2}": ("消息", "通知", "进展"),
    "帮助": (
        *("命令", "指令", "功能", "做什么", "干什么", "做啥", "干啥", "办什么", "哪些事"),
        *("怎么用", "如何用", "怎样用", "使用", "说明书"),
    ),
    "台账 我的": ("怎么看", "怎么查", "如何看", "如何查", "在哪看", "在哪查", "关注"),
    "提醒 列表": ("提醒",),
    "走访 列表 {period}": ("走访", "巡查"),
    "提醒 取消 {number}": ("提醒",),
    "提醒 取消 {what}{what2}": ("提醒",),
    "提醒 取消 {nth}{nth2}": ("提醒",),
    "提醒 取消 定时群发": ("定时",),
    "提醒 修改 {number} {what}": ("提醒",),
    "提醒 修改 {which} {to}": ("提醒",),
    "提醒 {when} {what}": ("提醒",),
    "提醒 {memo}": ("记", "备忘"),
    "提醒 {when} {who}{what}": ("提醒",),
    "更正通知 作废": ("通知",),
    "更正通知 {what}": ("通知",),
    "帮助 更正通知": ("通知",),
    "提醒 {when}": ("提醒",),
    "提醒 {event}，{ahead}": ("提前",),
    "兑换 {who}{who2} {n}{n2} {what}{what2}": ("兑换", "换了"),
    "积分 加分": ("分",),
    "提醒 {what}": ("提醒",),
    "积分": ("积分", "几分", "排名", "排第", "排在", "排几"),
    "积分 榜": ("积分",),
    "积分 榜 {period}": ("积分",),
    "交接 {who}{gone} {to}": ("交接", "交给", "转给", "移交"),
    "交接 我 {to}": ("麻烦", "请", "让", "交给", "拜托"),
    # No word here may be the start of another phrasing's (「提」 would hide 「提醒」); and
    # 「我这个月报了几件」 has its 报了 found as 月报, 「我的年度报告」 its 年度报告 as 年度.
    "我的统计 {period}{p2}": ("反映", "报了", "报过", "提了", "提过", "月报", "年度", "年报"),
    "改期 {meeting} {where} {what}": ("M", "m"),
    "取消会议 {meeting}{m2}": ("M", "m"),
    "改期 {kind} {where} {what}": MEETING_WORDS,
    "取消会议 {kind}{k2}": MEETING_WORDS,
    "设置角色 {who} {role} {scope}": ("楼栋长", "网格员", "书记", "社区干部"),
    "设置角色 {who}{who2} 居民": ("楼栋长", "网格员"),
    "议事 {kind} {rest}": MEETING_KINDS,
    "加急 {number} {why}": ("加急", "紧急", "特急", "急"),
    "取消加急 {number}": ("急",),
    "催办 {numbers}": ("催",),
    "加急 {numbers}": ("加急", "紧急"),
    "派单 {number}{number2} {who}{who2}": ("负责", "处理", "跟进", "看看", "看一下", "修"),
    "催办 {number}": ("提醒", "催", "督"),
    "办结 {number}{number2} {result}{result2}": (
        *("结案", "完结", "关闭", "关掉", "关单", "结单", "以关", "能关", "关了"),
    ),
    "销号 {number}": ("销号",),
    "群发 列表": ("通知", "群发"),
    "走访 撤回": ("走访", "巡查"),
    "改分类 {number} {what}": ("类", "归"),
    "备注 {number} {what}": ("备注",),
    "挂起 {number} {till}{why}": ("挂起", "暂缓"),
    "恢复 {number}{n2}{n3}{n4}": ("恢复", "挂起", "暂缓"),
    "改位置 {number}{n2} {what}{what2}": ("位置", "地点", "地址", "改", "应该是", "其实是"),
    "回访 {n1}{n2} {verdict}{why}": ("回访",),
    "回访 {n1}{n2} {verdict} {why}": ("回访",),
    "催办 {number}{n2}": ("催", "督", "加急", "快点", "尽快"),
    "催办 超期": ("催",),
    "受理 全部": ("受理",),
    "台账 未派单": ("派",),
    "催办 {who}{who2}": ("催", "督"),
    "催办": ("催",),
    "核实 {number} {what}": ("确认", "核实"),
    "发到 {meeting} {where}": ("发到", "发给", "发送到", "发布到"),
    "公示 {meeting} {days}": ("公示",),
    "公示 {kind} {days}": ("公示", "公布", "发到", "发群"),
}
_SAID_AS_NEEDING = tuple((*said, frozenset(_NEEDS[said[1]])) for said in _SAID_AS)
# The needed words a message has, in one pass. Two that overlap (「按月报」) yield the first
# only; no phrasing is a whole message holding such a pair.
_NEEDED = re.compile("|".join(sorted({re.escape(w) for ws in _NEEDS.values() for w in ws})))


# 「M1 结果 决议：…」「M1的决议：…」「M1开完了，决定…」 → 结果 M1 …, not 「M1结果出来了吗」,
# which asks; 「发起投票 停车收费 选项 同意|反对 …」「组织一次表决：…」 → 投票 …
_OUTCOME_FIRST = re.compile(
    r"^(?P<meeting>[Mm][0-9]{1,9})\s*的?"
    r"(?:结果[，,：:\s]*(?!出来|如何|怎么|呢|是)(?=.*[^吗呢么没?]$)|(?=决议.*[^吗呢么没?]$)"
    # 「M1开完了，决定划20个车位」: what was decided
    r"|(?:会)?(?:开完了|已经开了|开过了)[，,：:\s]*(?:决定|决议|商定|议定)(?:了)?[，,：:\s]*"
    r"(?=.*[^吗呢么没?]$))",
    re.DOTALL,
)
# How a meeting's decision is said after it: 「决定…」「商定了…」「定了：…」「定下来了：…」.
_DECIDED = r"(?:(?:决定|决议|商定|议定|确定)了?|定(?:下来)?了)"
# 「议事会结果：划20个车位」「停车议事会的决议：…」「板凳会开完了，决定…」: the outcome of the
# meeting held and waiting for it (结果 without a number), said by staff.
_OUTCOME_OF_KIND = re.compile(
    rf"^(?P<title>[\u4e00-\u9fff]{{0,8}}?(?:{_MEETING_SAID}))的?"
    r"(?:(?:结果|决议)[，,：:\s]*(?!出来|如何|怎么|呢|是|发|公示|公布)"
    r"|(?:会)?(?:开完了|已经开了|开过了)[，,：:\s]*(?:大家)?(?:一致)?" + _DECIDED + r"[，,：:\s]*)"
    r"(?=.*[^吗呢么没?]$)",
    re.DOTALL,
)
# 「会开完了，决定3号楼先加装电梯」: the meeting just held (whichever it is), its outcome.
_OUTCOME_AFTER_MEETING = re.compile(
    r"^(?:今天|刚才|上午|下午|晚上|这次|昨天)?的?会(?:已经)?(?:开完了|结束了|开过了)[，,：:\s]*(?:大家)?"
    r"(?:一致)?" + _DECIDED + r"[，,：:\s]*(?=.*[^吗呢么没?]$)",
    re.DOTALL,
)
_OUTCOME_SEEN = re.compile("结果|决议|决定|议定|商定|确定|定了|定下来了")  # or no such outcome
_VOTE_CALLED = re.compile(r"^(?:发起|组织|开展|搞|来)(?:一个|一次|个|次)?(?:投票|表决)[，,：:\s]+")
# 「明天早上8点群发 全部 …」「周五下午4点半群发网格3 …」: 「定时群发 明天早上8点 全部 …」.
_NOTICE_AT_FIRST = re.compile(
    r"^(?P<when>(?:今天|明天|后天|(?:下|这|本)?(?:周|星期)[一二三四五六日天]|[0-9]{1,2}月[0-9]{1,2}[日号]"
    r"|[0-9]{1,2}[日号])?(?:早上|上午|中午|下午|傍晚|晚上)?"
    r"(?:[0-9]{1,2}:[0-9]{2}|[0-9一二两三四五六七八九十]{1,3}点(?:半|[0-9]{1,2}分?)?))"
    r"(?:再|的时候)?群发[，,：:\s]*(?=\S)(?!.*[吗么呢?？]$)"
)
# 「添加指南 停车费：…」「指南删除5」「新增一条办事指南：…」: 「指南 添加 …」「指南 删除 5」.
_GUIDE_KEPT = re.compile(
    r"^(?:(?P<verb>添加|增加|新增|删除|删掉)(?:一条|一个)?(?:办事)?指南"
    r"|(?:办事)?指南(?P<then>添加|增加|新增|删除|删掉))(?:[，,：:\s]+|(?=\d)|$)"
)


def _said_in_own_words(said: str, said_text: str) -> str | None:
    """「M1 结果 决议：…」 → 「结果 M1 决议：…」, 「发起投票 …」 → 「投票 …」, 「添加指南 …」 →
    「指南 添加 …」, 「明天8点群发 全部 …」 → 「定时群发 明天8点 全部 …」, the words after kept as
    typed (a decision is published with its own ，and ：); None for other words."""
    if said_text[:1] in "Mm" and (outcome := _OUTCOME_FIRST.match(said_text)) is not None:
        return f"结果 {outcome['meeting']} {_rest_after(said, outcome.end())}"
    if (vote := _VOTE_CALLED.match(said_text)) is not None:
        return f"投票 {_rest_after(said, vote.end())}"
    if (notice_at := _NOTICE_AT_FIRST.match(said_text)) is not None:
        return f"定时群发 {notice_at['when']} {_rest_after(said, notice_at.end())}"
    if (kept := _GUIDE_KEPT.match(said_text)) is not None:
        return f"指南 {kept['verb'] or kept['then']} {_rest_after(said, kept.end())}".rstrip()
    return None


_ONE_SPACE = re.compile(r" {2,}")


def _said_as(said: str, *, private: bool, raw: str = "") -> str | None:
    """「本周统计」 → 「统计 本周」, 「月报」 → 「统计 上月」, 「1号催一下」 → 「催办 1」 …
    (`said` normalised; its words at the end, a reminder's, kept as `raw` has them: 「领取
    对联，地点活动室」); None when the message is none of these."""
    found = set(_NEEDED.findall(said))  # one pass over the message; for chatter, nothing
    for pattern, command, only_privately, needs in _SAID_AS_NEEDING if found else ():
        if (only_privately and not private) or needs.isdisjoint(found):
            continue
        if match := pattern.match(said):
            words = {name: value or "" for name, value in match.groupdict().items()}
            if words.get("numbers"):  # 「1号和2号」: 「1 2」, as the commands take several
                words["numbers"] = _NUMBERS_JOINED.sub(" ", words["numbers"])
            if raw and words.get("what") and match.end("what") == len(said):
                words["what"] = _rest_after(raw, match.start("what"))
            return _ONE_SPACE.sub(" ", command.format(**words).strip())  # a part left empty
    # 「网格员是谁」「物业电话多少」 → 联系方式 网格员
    if (who := contact_asked(said, private=private)) is not None:
        return f"联系方式 {who}".strip()
    return None


def _attempted(keyword: str, after: str) -> bool:
    """Whether 「keyword rest」 reads as an attempt at the command: a space, then a number, tag,
    mention or an outcome's parts (「派单 @刘物业 1」「结果 决议 …」), or a formal word whatever
    follows (「异议 停车费太高了」)."""
    if not after[:1].isspace():
        return False
    return keyword in _FORMAL or _ARGUMENT_LIKE.search(after) is not None


def _rest_after(raw: str, consumed: int) -> str:
    """The person's own text after the first `consumed` characters of its normalised form
    (and after a colon or comma that follows the command word: 「进展：23 …」)."""
    return _TAG_PUNCT.sub("", raw[typed_index(raw, consumed) :]).strip()


def _tag_pattern(tags: Sequence[str]) -> re.Pattern[str]:
    # "#报事", "# 报事" and "＃报事" all count; ASCII tags ignore case.
    parts = []
    for written in tags:
        tag = normalize(written)
        if tag.startswith("#"):
            parts.append(r"[#＃]\s*" + re.escape(tag[1:]))
        else:
            parts.append(re.escape(tag))
    return re.compile("(?:" + "|".join(parts) + ")", re.IGNORECASE)


# Tags that open everyday chat as often as a report: 「求助，谁家有梯子借一下」.
_EVERYDAY = frozenset({"求助"})


def _bare_tag_pattern(tags: Sequence[str]) -> re.Pattern[str]:
    """A report tag written without its # at the start of a message, then a space or a colon
    and the problem (「报事 4号楼电梯坏了」「投诉：3号楼…」); 「报事了吗」 is not one."""
    # Chinese tags only: 「report the lamp…」 is an English sentence, not a tag.
    words = [normalize(tag)[1:] for tag in tags if normalize(tag).startswith("#")]
    words = [word for word in words if word and not word.isascii() and word not in _EVERYDAY]
    if not words:
        return re.compile(r"(?!)")
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(rf"^(?:{alternatives})[\s:：,，]+(?P<rest>\S.{{3,}})$", re.DOTALL)


def _strip_tags(pattern: re.Pattern[str], text: str) -> str:
    text = _INLINE_SPACE.sub(" ", pattern.sub(" ", text)).strip()
    return _TAG_PUNCT.sub("", text)


def report_text(text: str, tags: Sequence[str], bot_name: str) -> str:
    """A kept report's description: its text without tags or the bot's @-mention."""
    mention = re.compile(rf"[@＠]{re.escape(normalize(bot_name))}\s*")
    return _strip_tags(_tag_pattern(tags), mention.sub(" ", visible(text)))
