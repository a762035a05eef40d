"""Counting polls and votes (chat-protocol §6): pure rules, unit-tested on their own.

A time poll may take several answers per person and picks the most-chosen time; a tie is for
the secretary to decide. A decision vote takes one answer per person (or per household under
每户一票, where the household's latest ballot counts), and passes when the leading option has
more than half (过半) or at least two thirds (三分之二) of the votes cast, with enough turnout
when a quorum is set.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from bot.analysis.location import APOLOGY
from bot.domain.deadlines import WEEKDAY_NAMES, WEEKDAYS
from bot.text import read_number

MAJORITY, TWO_THIRDS = "majority", "two_thirds"
RULE_LABELS = {MAJORITY: "过半", TWO_THIRDS: "三分之二"}
RULE_WORDS = {"过半": MAJORITY, "半数": MAJORITY, "三分之二": TWO_THIRDS, "2/3": TWO_THIRDS}
WITHDRAW_WORDS = ("撤回", "取消", "撤销")
"""What takes one's ballot back: 「M3 撤回」."""
# What a consultation meeting is called where it is held (a title of its own, alone).
MEETING_KINDS = (
    "议事会",
    "板凳会",
    "圆桌会",
    "五方会谈",
    "协商会",
    "恳谈会",
    "坝坝会",
    "院坝会",
    "听证会",
    "居民会议",
)
ANY_MEETING = "会议"
"""A meeting of whatever kind, as staff say it: 「会议改到周五」「会议结果：…」「会议情况」."""
MEETING_WORDS = (*MEETING_KINDS, ANY_MEETING)
"""The words that name the meeting meant without its number: a kind, or 会议."""


def of_kind(title: str, word: str) -> bool:
    """Whether a meeting titled `title` is one `word` (one of `MEETING_WORDS`) names:
    「停车板凳会」 is a 板凳会, and any meeting a 会议."""
    return word == ANY_MEETING or title.endswith(word)


_BALLOT = re.compile(r"^[Mm]\s*\d+\s*[:,]?\s*(?:\d|" + "|".join(WITHDRAW_WORDS) + ")")


def is_ballot(text: str) -> bool:
    """「M3 1」「M3 1,2」「M3:2」「M3 撤回」: someone answering a poll or a vote, or taking their
    answer back (`text` normalised)."""
    return _BALLOT.match(text) is not None


@dataclass(frozen=True)
class Cast:
    """One person's latest ballot."""

    person_id: int
    choices: tuple[int, ...]
    cast_at: datetime
    household: str | None = None


@dataclass(frozen=True)
class Tally:
    counts: dict[int, int]  # option position → votes, every option present
    voters: int  # ballots that counted
    leaders: tuple[int, ...]  # the option(s) with most votes (several: a tie)

    @property
    def winner(self) -> int | None:
        return self.leaders[0] if len(self.leaders) == 1 else None


def tally(casts: Sequence[Cast], options: int, *, per_household: bool = False) -> Tally:
    """Count the ballots: every choice of every counted ballot is one vote for that option."""
    counted = _one_per_household(casts) if per_household else list(casts)
    counts = dict.fromkeys(range(1, options + 1), 0)
    for cast in counted:
        for choice in set(cast.choices):
            if choice in counts:
                counts[choice] += 1
    top = max(counts.values(), default=0)
    leaders = tuple(p for p, n in counts.items() if n == top and top > 0)
    return Tally(counts, len(counted), leaders)


def shared_homes(casts: Sequence[Cast]) -> int:
    """How many homes more than one person voted for (每户一票: the latest counts)."""
    voters: dict[str, set[int]] = {}
    for cast in casts:
        if cast.household:
            voters.setdefault(cast.household, set()).add(cast.person_id)
    return sum(1 for people in voters.values() if len(people) > 1)


def _one_per_household(casts: Sequence[Cast]) -> list[Cast]:
    latest: dict[str, Cast] = {}
    for cast in sorted(casts, key=lambda c: c.cast_at):
        if cast.household:  # under 每户一票 a ballot without a home does not count
            latest[cast.household] = cast
    return list(latest.values())


@dataclass(frozen=True)
class Decision:
    tally: Tally
    passed: bool
    reason: str  # why not, in Chinese, when it did not pass ("" when it did)


def decide(
    casts: Sequence[Cast],
    options: int,
    *,
    rule: str = MAJORITY,
    quorum: int | None = None,
    per_household: bool = False,
) -> Decision:
    """The result of a decision vote under its rule and quorum."""
    result = tally(casts, options, per_household=per_household)
    if quorum is not None and result.voters < quorum:
        return Decision(result, False, f"参与{result.voters}票，未达到{quorum}票的最低要求")
    if not result.leaders:
        return Decision(result, False, "无人投票")
    if result.winner is None:  # nothing can have more than half, let alone two thirds
        return Decision(result, False, "平票" if rule == MAJORITY else "平票，未达到三分之二")
    votes = result.counts[result.winner]
    share = Fraction(votes, result.voters)
    passed = share > Fraction(1, 2) if rule == MAJORITY else share >= Fraction(2, 3)
    # Counted against every ballot cast, abstentions included: say so.
    why = f"未达到{RULE_LABELS[rule]}：最多{votes}票，共{result.voters}票"
    return Decision(result, passed, "" if passed else why)


def parse_choices(text: str, options: int, *, several: bool) -> tuple[int, ...] | None:
    """`1`, `1,2`, `1，2`, `1、2`, `1 2` → (1, 2); None when out of range or several not allowed."""
    parts = [
        p for p in text.replace("，", ",").replace("、", ",").replace(" ", ",").split(",") if p
    ]
    # isdecimal, not isdigit: int() refuses "፩" and digit runs past 4300 characters.
    if not parts or not all(p.isdecimal() and len(p) <= 9 for p in parts):
        return None
    chosen = tuple(dict.fromkeys(int(p) for p in parts))
    if any(not 1 <= c <= options for c in chosen) or (len(chosen) > 1 and not several):
        return None
    return chosen


# -- choices said in words ------------------------------------------------------------------------

_N = r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})"
_NUMBER_WORD = rf"第?{_N}(?:个|项)?"
# 「周四晚上」: a part of the day after it narrows the day to the options at such hours.
_PART_OF_DAY = "早上|上午|中午|下午|傍晚|晚上"
_DAY_WORD = rf"(?:(?:周|星期|礼拜)[一二三四五六日天]|(?:{_N}月)?{_N}[日号])(?:{_PART_OF_DAY})?"
_SEP = r"(?:[、,/和跟与或]|还有)?"
_WHO = r"(?:我们家|我们|我家|我|俺|咱家|咱)?(?:就|也|还是)?"
_VERB = r"(?:选|投|选择|投给|投票给?|选的|投的|改成|改为|换成|改选|改投)"  # 「改成2吧」: again
_LEAN = r"(?:吧|啊|哈|呀|呗|的|那个|那天)?"
_OK = r"(?:都)?(?:可以|行|都行|方便|有空|没问题|合适)"
_NUMBERS = rf"(?P<numbers>{_NUMBER_WORD}(?:{_SEP}{_NUMBER_WORD})*)"
_DAYS = rf"(?P<days>(?:{_DAY_WORD})(?:{_SEP}(?:{_DAY_WORD}))*)"
# The usual options of a decision vote, said as a whole answer: 「同意」「我投反对票」「弃权」.
VOTE_WORDS = ("同意", "不同意", "赞成", "不赞成", "反对", "弃权", "支持", "不支持")
_LABEL = re.compile(
    rf"{_WHO}{_VERB}?(?P<label>{'|'.join(sorted(VOTE_WORDS, key=len, reverse=True))})票?{_LEAN}"
)
_WITH_REASON_AT_MOST = 30  # characters: 「我反对，一楼不同意」, not a speech that starts 「同意，」
_LABEL_AT_MOST = 10  # characters of 「我们家投反对票」 before the comma (normalised: ",")


# 「选错峰停车」「我支持划线增加车位」: an option named by its own words (the poll's options say
# whether it is one).
_NAMED = re.compile(
    rf"{_WHO}(?:选(?!择)|投给|投票给|支持|赞成)(?![票的了个给过])"
    r"(?!.*(?:什么|时候|吗|呢|怎么|截止|多少|几))"
    r"(?P<label>[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9]{1,15}?)"
    rf"{_LEAN}"
)
# 「我选2」「投第一个」「选1和2」「1、2都行」 / 「我选周六」「周六可以」「28号和29号都行」.
_SPOKEN = [
    re.compile(rf"{_WHO}{_VERB}{_NUMBERS}{_LEAN}"),
    re.compile(rf"{_WHO}{_NUMBERS}{_OK}{_LEAN}"),
    re.compile(rf"{_WHO}{_VERB}{_DAYS}{_LEAN}"),
    re.compile(rf"{_WHO}{_DAYS}{_OK}{_LEAN}"),
]
# 「周六我有空」: the day first, then who (tried only for words that start with a day).
_DAY_THEN_WHO = re.compile(rf"{_DAYS}(?:我|我们|我家)(?:都|也)?{_OK}{_LEAN}")
_DAY_STARTS = frozenset("周星礼0123456789一二三四五六七八九十")
# 「我觉得第三个好」「方案二好」「第2个方案不错」: a number said to be best.
_BEST = re.compile(
    rf"{_WHO}(?:觉得|认为)?(?:方案)?{_NUMBERS}(?:方案)?(?:好|更好|最好|不错|比较好){_LEAN}"
)
_ONE_NUMBER = re.compile(rf"第?(?P<n>{_N})(?:个|项)?")
_ONE_DAY = re.compile(
    rf"(?:(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])|(?:(?P<m>{_N})月)?(?P<d>{_N})[日号])"
    rf"(?P<part>{_PART_OF_DAY})?"
)
# The hours [from, to) each part of the day holds a meeting's start.
_PART_HOURS = {
    "早上": (5, 10),
    "上午": (5, 12),
    "中午": (11, 14),
    "下午": (12, 18),
    "傍晚": (16, 20),
    "晚上": (17, 24),
}
# 「两个时间都可以」「哪天都行」「什么时候我都有空」: every time of a time poll (「两个都行」 is
# as likely said to a neighbour).
_EVERY = re.compile(
    rf"{_WHO}(?:(?:这)?[两几三]个时间|哪天|哪个时间|什么时候|时间|这?[两几三]天)"
    rf"(?:我|我们)?都{_OK}{_LEAN}"
)


@dataclass(frozen=True)
class SpokenDay:
    """A day as said of a poll's times: a weekday (Monday 0), or a day of the month."""

    weekday: int | None = None
    month: int | None = None
    day: int | None = None
    part: str = ""  # 「晚上」: a part of the day (of _PART_HOURS), or the whole day

    def matches(self, when: datetime) -> bool:
        if self.part:
            start, end = _PART_HOURS[self.part]
            if not start <= when.hour < end:
                return False
        if self.weekday is not None:
            return when.weekday() == self.weekday
        return when.day == self.day and (self.month is None or when.month == self.month)

    def __str__(self) -> str:
        if self.weekday is not None:
            return f"周{WEEKDAY_NAMES[self.weekday]}{self.part}"
        day = f"{self.month}月{self.day}日" if self.month is not None else f"{self.day}号"
        return day + self.part


@dataclass(frozen=True)
class Spoken:
    """Choices said in words in a group with a poll open: the options' numbers, days, or an
    option's own words (「同意」)."""

    numbers: tuple[int, ...] = ()
    days: tuple[SpokenDay, ...] = ()
    label: str = ""
    every: bool = False  # 「两个时间都可以」: each time of a time poll


def spoken_choice(text: str) -> Spoken | None:
    """「我选2」「投第一个」「选1和2」「1、2都行」「我选周六」「周六可以」「28号和29号都行」
    「同意」「我投反对票」「我反对，一楼不同意」: someone answering the one poll open in their
    group without its number (`text` normalised, without its closing punctuation). A bare
    「2」 or 「周六」 is not one (that needs a reply to the poll), nor 「周六不行」 or
    「周六可以吗」."""
    said = re.sub(r"\s+", "", text)
    comma = said.find(",", 1, _LABEL_AT_MOST + 1) if len(said) <= _WITH_REASON_AT_MOST else -1
    if comma > 0 and (label := _LABEL.fullmatch(said, 0, comma)) is not None:
        return Spoken(label=label["label"])  # 「我反对，一楼不同意」: the vote, then why
    if len(said) > 24:
        return None
    if (label := _LABEL.fullmatch(said)) is not None:
        return Spoken(label=label["label"])
    patterns = [*_SPOKEN, _DAY_THEN_WHO] if said[:1] in _DAY_STARTS else _SPOKEN
    for pattern in patterns:
        match = pattern.fullmatch(said)
        if match is None:
            continue
        if (numbers := match.groupdict().get("numbers")) is not None:
            return _numbered(numbers)
        days = [_day(m) for m in _ONE_DAY.finditer(match["days"])]
        if any(day is None for day in days):
            return None
        return Spoken(days=tuple(dict.fromkeys(day for day in days if day is not None)))
    if "都" in said and _EVERY.fullmatch(said) is not None:
        return Spoken(every=True)
    if _BEST_OR_NAMED.search(said) is None:
        return None  # each way below has one of these words
    if (best := _BEST.fullmatch(said)) is not None:
        return _numbered(best["numbers"])
    if (named := _NAMED.fullmatch(said)) is not None:
        return Spoken(label=named["label"])
    return None


_BEST_OR_NAMED = re.compile(r"[好错选投]|支持|赞成")


def _numbered(numbers: str) -> Spoken | None:
    """The options' numbers said (「1和2」「第三个」); None for one past 20."""
    found = [read_number(m["n"]) for m in _ONE_NUMBER.finditer(numbers)]
    if any(n is None or n > 20 for n in found):
        return None
    return Spoken(numbers=tuple(dict.fromkeys(n for n in found if n is not None)))


def _day(match: re.Match[str]) -> SpokenDay | None:
    part = match["part"] or ""
    if match["wd"] is not None:
        return SpokenDay(weekday=WEEKDAYS[match["wd"]], part=part)
    day = read_number(match["d"])
    month = read_number(match["m"]) if match["m"] is not None else None
    if day is None or not 1 <= day <= 31 or (month is not None and not 1 <= month <= 12):
        return None
    return SpokenDay(month=month, day=day, part=part)


# 「我有异议，停车费太贵」「对这个决议有异议：…」「异议：…」: an objection to the 公示 open;
# so are 「我反对，100太贵了」 and 「我有意见，…」 (after 我, not 「他反对」「大家有意见」) and
# 「不同意这个决议」.
_THE_DECISION = r"(?:这个|这次|此|该|本次)?(?:决议|公示|方案|决定|结果)"
_OBJECTING = re.compile(
    r"\s*(?P<who>我们家|我们|我家|我|本人|俺)?(?:还是|也)?"
    r"(?:(?:对(?:这个|这次|此|该|本次)?(?:决议|公示|方案|决定|结果)?)?"
    r"(?:有|提出?|提个|提一个|还有)?(?:一点|一个|一条|一些|点|个|些)?异议"
    rf"|(?(who)(?:坚决)?反对{_THE_DECISION}?|(?!))|不同意{_THE_DECISION}"
    rf"|(?(who)(?:对{_THE_DECISION})?有(?:点|一点|些)?意见|(?!))"
    # 「我觉得不合理，车位应该先给老人」
    rf"|(?(who)觉得{_THE_DECISION}?(?:有点|有些)?不(?:合理|公平|妥当?|合适)|(?!)))"
    r"(?:[\s:：,，.。!！;；]+|$)(?P<text>.*)",
    re.S,
)


# Words that disagree with a decision, said in reply to its 公示 (「太贵了」「凭什么收费」
# 「车位应该先给老人」): an 异议 there, though 异议 is not said.
_DISAGREEING = re.compile(
    r"贵|不合理|不公平|不公正|不同意|反对|凭什么|不行|不好|不该|不应该|不对|意见|异议|不满|不能接受"
    r"|接受不了|乱收费|不交|不愿意|没道理|不妥|不合适|不透明|应该|建议|还不如|为啥要|为什么要"
)


# What agrees though it shares the words: 「没意见」「无异议」「不反对」「应该的」.
_AGREEING = re.compile(r"(?:没有?|无)(?:什么)?(?:意见|异议)|不反对|应该的|不贵")


def disagrees(text: str) -> bool:
    """Whether `text` (normalised) disagrees with a decision it answers."""
    return _DISAGREEING.search(_AGREEING.sub(" ", text)) is not None


def objection_said(text: str) -> str | None:
    """What someone objects to when they say 「我有异议，停车费太贵」 or 「异议：太贵」 without the
    meeting's number: the words after 异议 ("" when there are none), or None when `text` is
    not said so."""
    said = _OBJECTING.match(text)
    return None if said is None else said["text"].strip()


HOME = re.compile(r"(\d{1,4})\s*[-号栋幢#]\s*(?:楼)?\s*(\d{1,2})\s*[-单元]*\s*(\d{2,4})")
"""A flat as 每户一票 counts it: 「3-2-301」「3号楼2单元301」 (building, unit, room)."""
_HOME_ONLY = re.compile(
    # 「我是3号楼2单元502的」「我们是3-2-301的住户」 too
    rf"(?:(?:我们家|我家|我)?(?:家住|住在?)|我们家|我家|门牌号?|房号|(?:我们|我)(?=是))?"
    rf"(?:是|在)?[:：]?\s*{HOME.pattern}\s*(?:室|号)?(?:的(?:住户|业主|居民|租户)?)?"
)


_DIGIT = re.compile(r"[0-9]")
# 「你好，我是新搬来的，住5号楼2单元301」: a greeting and who they are, before where they live.
_INTRODUCED = re.compile(
    r"^(?:(?:你好|您好|大家好)[,，!！\s]*)?"
    r"(?:我是)?(?:新搬来的|刚搬来的|刚搬过来的|新来的|新搬过来的)(?:住户|业主|居民|租户)?[,，\s]*"
    r"|^(?:你好|您好)[,，!！\s]+"
)


# 「…301的住户，刚搬来」「…，请多关照」: who they are, said after where they live.
_INTRODUCED_AFTER = re.compile(
    r"[,，\s]+(?:我是)?(?:刚搬来的?|新搬来的?|刚搬过来的?|新来的|刚入住|以后)?(?:请多关照|多多关照)?"
    r"[的了啊呀!！~～\s]*$"
)


def _introduced(text: str) -> str:
    """`text` without a greeting or 「我是新搬来的」 before it, or 「，刚搬来」 after it."""
    if text[:1] not in "你您大我新刚" or not ("好" in text or "新" in text or "搬" in text):
        return text  # most messages: neither a greeting nor a newcomer
    return _INTRODUCED_AFTER.sub("", _INTRODUCED.sub("", text.strip(), count=1), count=1)


def home_said(text: str) -> re.Match[str] | None:
    """「3-2-301」「我家3号楼2单元301室」 as the whole message, a greeting or 「我是新搬来的」
    before it allowed: perhaps the flat a 每户一票 ballot waits for (`text` normalised, without
    its closing punctuation)."""
    if _DIGIT.search(text) is None:
        return None  # a flat has numbers; most chat has none
    return _HOME_ONLY.fullmatch(_introduced(text).strip())


# 「我住5号楼」「我是5号楼的」「我家在5号楼3单元」: where the sender lives, a building without a
# flat (said privately; a whole flat is `home_said`'s).
_HOME_BUILDING = re.compile(
    r"(?:(?:我们家|我家|我)(?:住在?|就?在|是)?|家住|住在)\s*(?P<building>[0-9]{1,4})\s*(?:号楼|号|栋|幢)"
    r"(?:\s*[0-9]{1,2}\s*单元)?的?(?:住户|居民|业主)?"
)


# 「…，我住3号楼2单元」「我家住5栋」 within other words: where the sender lives, said in passing
_LIVES_AT = re.compile(r"(?:(?:我们家|我家|我)就?住在?|家住在?)\s*(?=[0-9])")
_BUILDING_AT = re.compile(r"(?P<building>[0-9]{1,4})\s*(?:号楼|号|栋|幢)")


def home_in(text: str) -> tuple[str, str] | None:
    """Where 「我住3号楼2单元301」 within `text` (normalised) says the sender lives: (building,
    「3-2-301」) for a flat, (building, building) for a building alone; None when it says
    nothing of it (「我家楼下」「3号楼」 alone say no home)."""
    lead = _LIVES_AT.search(text)
    if lead is None:
        return None
    if (flat := HOME.match(text, lead.end())) is not None:
        return flat[1], f"{flat[1]}-{flat[2]}-{flat[3]}"
    if (building := _BUILDING_AT.match(text, lead.end())) is not None:
        return building["building"], building["building"]
    return None


def home_building_said(text: str) -> str | None:
    """The building of 「我住5号楼」 as the whole message (`text` normalised, without its
    closing punctuation); None for other words."""
    if text[:1] not in "我家住你您大新刚" or _DIGIT.search(text) is None:
        return None  # most messages: one look at the first character
    said = _introduced(text).strip()
    match = _HOME_BUILDING.fullmatch(said) if said[:1] in "我家住" else None
    return match["building"] if match is not None else None


# 「我参加」「报名」「算我一个」 / 「我去不了」「取消报名」 in a group with a meeting coming: who
# comes. 「我去」 alone is an exclamation, not a yes.
# 「不好意思，那天去不了了」「我有事去不了」「我去不了，临时有事」: not coming, with an apology,
# the day or the reason around it.
_SORRY = rf"(?:{APOLOGY}[,，\s]*)?"
_KEPT_AWAY = (
    r"(?:临时)?(?:有事|有点事|有急事|要上班|上班|加班|值班|出差|不在家?|生病了?|身体不舒服"
    r"|没空|没时间)了?"
)
_ATTENDING = re.compile(
    r"(?:(?P<number>[Mm]\s*\d+)\s*)?"
    rf"(?:(?P<no>{_SORRY}我?(?:那天|当天|到时候?|这次)?(?:{_KEPT_AWAY}[,，\s]*)?"
    r"(?:可能|恐怕|实在|还是)?(?:不参加了?|去不了|参加不了|来不了|不去了|取消报名)了?"
    rf"(?:啊|呀|哈|哦|啦)?(?:[,，\s]*(?:我|家里|单位)?{_KEPT_AWAY})?)"
    r"|(?:我|我们)?(?:也|会|要|想)?(?:参加|报名|来参加|去参加)(?:议事会|会议|这个会|开会)?|算我一个"
    r"|(?:我|我们|我家)(?:也会|也要|也|会|要)(?:去|来))"
    r"(?:\s*(?P<after>[Mm]\s*\d+))?"
)


# WeChat's 接龙 (「#接龙 议事会报名\n1. 王芳\n2. 孙大爷 2人」), posted again by each one who adds
# a line: signing up for a meeting when its title says so (not a 接龙 of 团购 or anything else).
_CHAIN = re.compile(r"^\s*[#＃]\s*接龙")
_CHAIN_ABOUT = re.compile(r"会|议事|报名|参加|参会")
_CHAIN_ENTRY = re.compile(r"^[0-9]{1,3}\s*[.、．:：)）]")
_CHAIN_PARTY = re.compile(r"(?P<n>[0-9]|[一二两三四五六七八九])\s*(?:个人|人|位)")


def chain_joined(raw: str) -> str | None:
    """A 接龙 of signing up for a meeting, posted by whoever added its last line, as the words
    it stands for: 「我参加」, or 「报名2人」 for a line of two; None for other words."""
    if _CHAIN.match(raw) is None:
        return None
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    title = _CHAIN.sub("", lines[0]).strip() or (lines[1] if len(lines) > 1 else "")
    if not _CHAIN_ABOUT.search(title) or _CHAIN_ENTRY.match(lines[-1]) is None:
        return None
    party = _CHAIN_PARTY.search(_CHAIN_ENTRY.sub("", lines[-1]))
    many = read_number(party["n"]) if party is not None else None
    return f"报名{many}人" if many is not None and many > 1 else "我参加"


# 「我和老伴都去」: two; 「我们家两个人参加」「报名3人」: that many; 「我去不了，我儿子去」: one
# of the family in their place.
_FAMILY = r"老伴|爱人|老公|媳妇|妻子|丈夫|孩子|儿子|女儿|家人|家里人|邻居|朋友"
_WITH_SOMEONE = re.compile(
    rf"^我?(?:和|跟|带着?)我?(?:家)?(?:{_FAMILY})(?:两个人|两人|俩人|俩)?(?:都|一起|一块儿?)?"
    r"(?:去|来|参加|报名)$"
    # 「我也参加，带老伴」「我去，带上我爱人一起」
    rf"|^我?(?:也|会|要)?(?:参加|去|来|报名)[,，\s]*(?:带|带着|带上|和|跟)我?(?:家)?(?:{_FAMILY})"
    r"(?:一起|一块儿?)?(?:去|来|参加)?$"
)
_PARTY_OF = re.compile(
    r"^(?:我们家?|我家|咱家|咱们)?(?:一共|共)?(?P<n>[0-9]|[一二两三四五六七八九])个人?(?:都|一起)?"
    r"(?:参加|去|来|报名)$|^报名\s*(?P<m>[0-9]|[一二两三四五六七八九])个?人$"
    # 「我参加，2个人」「报名，我们家一共3个」
    r"|^(?:我|我们)?(?:参加|去|报名)[,，\s]*(?:我们家?|我家)?(?:一共|共)?"
    r"(?P<k>[0-9]|[一二两三四五六七八九])个人?$"
)
_IN_MY_PLACE = re.compile(
    rf"^我?(?:去不了|来不了|参加不了|没空)[,，\s]*(?:我|我家|让我)?(?P<who>{_FAMILY})(?:代我)?"
    r"(?:去|来|参加)$"
)
PARTY_MAX = 9
"""The most one attendance counts for: 「我们家两个人」, not a group booking."""


@dataclass(frozen=True)
class Attending:
    """What 「我参加」 and the like say: coming or not, which meeting if named, and how many
    (「我和老伴都去」: 2); `stand_in` who comes in the sender's place (「我儿子去」)."""

    coming: bool
    number: int | None = None
    party: int = 1
    stand_in: str = ""


def attending_said(text: str) -> Attending | None:
    """What 「我参加」「报名 M2」「我去不了」「我和老伴都去」「我去不了，我儿子去」 says as
    the whole message (`text` normalised, without its closing punctuation); None for other
    words."""
    said = text.strip()
    if _WITH_SOMEONE.fullmatch(said):
        return Attending(True, party=2)
    if (many := _PARTY_OF.fullmatch(said)) is not None:
        party = read_number(many["n"] or many["m"] or many["k"])
        return Attending(True, party=party) if party and 0 < party <= PARTY_MAX else None
    if (other := _IN_MY_PLACE.fullmatch(said)) is not None:
        return Attending(True, stand_in=other["who"])
    match = _ATTENDING.fullmatch(said)
    if match is None:
        return None
    number = match["number"] or match["after"]
    return Attending(match["no"] is None, int(re.sub(r"\D", "", number)) if number else None)


# 「周四晚上7点在罐罐茶开议事会，商量停车的事」「明天下午开个板凳会讨论加装电梯」「定于12月5日
# 下午3点召开五方会谈，议题是垃圾分类」: a meeting called in a sentence. What comes before the
# calling words is its time (and 在 its place); what follows, only what it is about.
_CALLING = r"(?:召开|开|组织|举行|举办|搞)(?:一下|一?个|一次|一场)?"
_TOPIC_SAID = r"讨论|商量|商议|研究|协商|解决|议一议|说说|关于|议题是?|主题是?|内容是?"
_MEETING_CALLED = re.compile(
    r"^(?:我们|社区|咱们)?(?:定于|定在|计划|准备|打算|拟|将|要)?"
    r"(?P<before>[^。?？]{2,30}?)[,，\s]*"
    rf"{_CALLING}(?P<kind>{'|'.join(MEETING_KINDS)})"
    rf"(?:[,，\s]*(?:{_TOPIC_SAID})[:：\s]*(?P<topic>[^。?？]{{1,40}}?))?"
    r"(?:的事情?|的事儿|的问题|问题)?"
    # 「…，欢迎大家参加」「，请准时参加」「，届时请准时到场」: an invitation, not the topic
    r"(?:[,，]\s*(?:欢迎|请|希望|届时|到时)[^,，。]{0,12}?(?:参加|出席|到场|参与|光临))?[。!！]*$"
)
_NOT_CALLING = re.compile(
    r"上次|之前|已经|刚才|刚刚|希望|建议|能不能|应该|可不可以|要不要|什么时候|吗"
)


@dataclass(frozen=True)
class MeetingCalled:
    """What a meeting called in a sentence says: its kind (「板凳会」), the words of its time
    and place together (「周四晚上7点在罐罐茶」), and what it is about (「停车」, or 「」)."""

    kind: str
    when_where: str
    topic: str


def meeting_called(text: str) -> MeetingCalled | None:
    """A meeting called in a sentence (`text` normalised); None for other words, and for
    meetings spoken of (「上次开议事会…」), wished for (「建议开个议事会」) or asked after."""
    if _NOT_CALLING.search(text) is not None:
        return None
    match = _MEETING_CALLED.match(text)
    if match is None:
        return None
    return MeetingCalled(
        match["kind"], match["before"].strip(" ,，"), (match["topic"] or "").strip()
    )


# 「几点开会」「在哪开会」「会议在哪里」「议事会什么时候开」「议事会是讨论什么的」 in a group with
# a meeting coming: what it is, when and where.
_ABOUT_A_MEETING = re.compile(r"开会|会议|议事|这个会|那个会|会在|会是|会还")
_WHEN_OR_WHERE = re.compile(
    r"几点|什么时候|啥时候|哪天|周几|星期几|礼拜几|几号|哪里|在哪|哪儿|什么地方|地点|时间"
    r"|讨论(?:什么|啥)|商量(?:什么|啥)|说(?:什么|啥)|议题|什么内容|开什么会|什么会"
    # 「今天开会吗」「会议取消了吗」「会还开吗」: whether it is still on, and when
    r"|开会(?:吗|么|不)$|(?:取消|改期|改时间|推迟|延期)了(?:吗|么|没有?)$|还开(?:吗|么|不)$"
)
MEETING_ASKED_AT_MOST = 15
# 「几点开始」「在哪开」「什么时候开」 with nothing else: in a group a meeting was sent to (the
# dispatcher asks), of that meeting.
_BARE_MEETING_ASKED = re.compile(
    r"^(?:请问)?(?:几点|什么时候|啥时候|哪天)(?:开始|开)(?:啊|呀|呢|哈)?$"
    r"|^(?:请问)?(?:在)?(?:哪里?|哪儿|什么地方)开(?:啊|呀|呢|哈)?$|^(?:请问)?地点在哪(?:里|儿)?$"
)

# 「我能参加吗」「居民可以旁听吗」「怎么报名」 in a group a meeting was sent to: it, with how to
# sign up.
_MAY_ATTEND = re.compile(
    r"^(?:请问)?(?:我|我们|居民|大家|谁都|租户|业主)?(?:都)?(?:能|可以|能不能|可不可以)"
    r"(?:参加|旁听|报名)(?:吗|么|吧|呢)?$|^(?:请问)?(?:怎么|如何|在哪)报名(?:啊|呀|呢)?$"
)


# 「公示到什么时候」「公示期多久」: when the 公示 open there ends.
_PUBLICITY_WHEN = re.compile(r"什么时候|啥时候|哪天|几号|多久|几天|截止|结束|到期")
# 「现在几票了」「投了多少票了」: the count so far, which is the poll's to tell when it closes.
_VOTES_SO_FAR = re.compile(
    r"^(?:现在|目前)?(?:一共|共)?(?:有|投了)?(?:几|多少)票了?(?:啊|呀|呢)?$|^票数(?:怎么样|如何)了?$"
)
# 「投票什么时候截止」「表决结果什么时候出来」: when a poll open in the group closes.
_POLL_WHEN = re.compile(r"什么时候|啥时候|几点|哪天|截止|结束|结果")


# 「能线上参加吗」「可以让家里人代我投票吗」「会议有直播吗」: a question about taking part in a
# meeting that only whoever called it can answer (in a group with one coming or polling there).
_HOW_TAKING_PART = re.compile(
    r"线上|网上|视频|远程|腾讯会议|直播|回放|代(?:我|为|替)|委托|替我|帮我投"
)
_TAKING_PART = re.compile(
    r"参加|参与|开会|会议|投票|表决|旁听|直播|回放|(?:去|来|到|参加|赶)不了|没法(?:去|来|参加)"
)
# 「我能带个人吗」「去不了，能提意见吗」: another way in, which says it is about the meeting.
_OTHER_WAY_IN = re.compile(
    r"带(?:个|上|着|[一两二三四五0-9]个)?(?:人|家属|家人|朋友|孩子|老伴|邻居)|(?:提|发表|说说?|交)(?:个|点)?(?:意见|建议)"
)
_ASKS_WHETHER = re.compile(r"吗|么|能不能|可不可以|行不行|能否|有没有|怎么|如何")
TAKING_PART_ASKED_AT_MOST = 30


def taking_part_asked(text: str) -> bool:
    """Whether `text` (normalised) asks how one may take part in a meeting some other way
    (online, by someone else, bringing someone, by a word in writing): 「我周四周六都不行，能线上
    参加吗」「我能带个人吗」「我有事去不了，能提意见吗」."""
    return (
        len(text) <= TAKING_PART_ASKED_AT_MOST
        and (
            (_HOW_TAKING_PART.search(text) is not None and _TAKING_PART.search(text) is not None)
            or _OTHER_WAY_IN.search(text) is not None
        )
        and _ASKS_WHETHER.search(text) is not None
    )


# 「我也参加，能带两个邻居吗」「我去不了，我的意见是把绿化带改成车位」: coming or not, said
# first, then a question or a word for the meeting.
_CLAUSE_END = re.compile(r"[,，。;；!！]")
_VIEW_SAID = re.compile(
    r"意见|建议|想法|看法|觉得|认为|希望|最好|应该|同意|反对|赞成|支持|不如|可以考虑"
)
_QUESTION_MARKS = re.compile(r"[?？]$|吗$|呢$")
MORE_SAID_AT_MOST = 80


@dataclass(frozen=True)
class AttendingAndMore:
    """「我也参加，能带两个邻居吗」: the attending words, and the rest: `asked`, a question;
    `view`, a view of the meeting's business; neither, words that go with it (「到时候见」)."""

    attending: str
    more: str
    asked: bool
    view: bool


def attending_and_more(text: str) -> AttendingAndMore | None:
    """Attending said in the first clause of `text` (normalised), then more words; None for
    other words (「我去不了，临时有事」 is attending alone)."""
    if len(text) > MORE_SAID_AT_MOST:
        return None
    # The attending may take two clauses: 「我那天要上班，去不了，我建议…」.
    ends = list(_CLAUSE_END.finditer(text))[:2]
    said = next(
        (
            (text[: end.start()].strip(), text[end.end() :].strip(" ,，。!！"))
            for end in ends
            if attending_said(text[: end.start()].strip()) is not None
        ),
        None,
    )
    if said is None:
        return None
    head, more = said
    if not more or _HEADCOUNT.search(more):
        return None  # 「我参加，20个人」: a booking, not one's own word
    if attending_said(text) is not None:  # 「我去不了，临时有事」: the whole is attending
        return None
    asked = _ASKS_WHETHER.search(more) is not None or _QUESTION_MARKS.search(more) is not None
    view = not asked and len(more) >= _VIEW_AT_LEAST and _VIEW_SAID.search(more) is not None
    return AttendingAndMore(head, more, asked, view)


_HEADCOUNT = re.compile(r"[0-9一二两三四五六七八九十几]+\s*(?:个人|人|位)")
_VIEW_AT_LEAST = 4  # characters of a view passed on (「同意」 alone goes with the attending)


# 「有几个人报名了」「报名的人多吗」「谁报名了」: how many have signed up for the meeting coming.
_SIGNUPS_ASKED = re.compile(
    r"^(?:请问)?(?:现在|目前)?(?:一共|共|已经)?(?:有)?(?:几|多少)个?人(?:报名|参加|要去|要来)了?"
    r"(?:啊|呀|呢)?$"
    r"|^报名的?人(?:多吗|多不多|够吗|够不够|多么)$|^报名(?:情况|人数)(?:如何|怎么样了?)?$"
    r"|^(?:都)?(?:有)?(?:谁|哪些人)(?:报名|参加|要去|要来)了?(?:啊|呀|呢)?$"
)
# 「周四几点」「10号晚上几点开」「周四的会几点开始」: the time of the meeting on that day.
_DAY_TIME_ASKED = re.compile(
    rf"^(?:请问)?{_ONE_DAY.pattern}的?(?:会|会议|议事会)?(?:是)?几点(?:开始|开)?"
    r"(?:啊|呀|呢|哈)?$"
)


def signups_asked(text: str) -> bool:
    """Whether `text` (normalised) asks how many have signed up for a meeting."""
    return ("报名" in text or "人" in text) and _SIGNUPS_ASKED.match(text) is not None


def weekday_asked(text: str) -> bool:
    """Whether `text` (normalised) asks the day of the week (「议事会是周几」)."""
    return re.search(r"(?:周|星期|礼拜)几", text) is not None


def day_time_asked(text: str) -> SpokenDay | None:
    """The day in 「周四几点」「10号晚上几点开」 (`text` normalised): the time of a meeting on
    that day asked; None for other words."""
    match = _DAY_TIME_ASKED.match(text) if "几点" in text else None
    return _day(match) if match is not None else None


# 「议事会结果是什么」「开会定了什么」「车位的事怎么定的」: what a meeting decided.
_OUTCOME_ASKED = re.compile(
    r"^.{0,12}?(?:结果|决议|决定)(?:是(?:什么|啥)|呢|出来了[吗没]|怎么样)"
    r"|^.{0,12}?(?:定|决定|议定)了(?:什么|啥)|^.{0,12}?(?:是)?怎么定的"
)


def outcome_asked(text: str) -> bool:
    """Whether `text` (normalised) asks what a meeting decided (「议事会结果是什么」)."""
    return (
        len(text) <= MEETING_ASKED_AT_MOST
        and ("结果" in text or "决" in text or "定" in text)
        and (_ABOUT_A_MEETING.search(text) is not None or any(k in text for k in MEETING_KINDS))
        and _OUTCOME_ASKED.match(text) is not None
    )


def meeting_asked(text: str) -> bool:
    """Whether `text` (normalised) is a short question after a meeting's time, place or
    subject, whether one may come, how many have signed up, or when a poll closes."""
    if len(text) > MEETING_ASKED_AT_MOST:
        return False
    if signups_asked(text) or day_time_asked(text) is not None:
        return True
    if _ABOUT_A_MEETING.search(text) is not None and _WHEN_OR_WHERE.search(text) is not None:
        return True
    if ("开" in text or "地点" in text) and _BARE_MEETING_ASKED.match(text) is not None:
        return True
    if ("参加" in text or "旁听" in text or "报名" in text) and _MAY_ATTEND.match(text):
        return True
    if "公示" in text and _PUBLICITY_WHEN.search(text) is not None:  # 「公示到什么时候」
        return True
    if outcome_asked(text):  # 「议事会结果是什么」
        return True
    if "票" in text and _VOTES_SO_FAR.match(text):  # 「现在几票了」: when it closes
        return True
    return ("投票" in text or "表决" in text) and _POLL_WHEN.search(text) is not None
