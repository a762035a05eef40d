"""走访 and 巡查: a grid worker's round of their buildings and households, kept as a record of
the work (the 走访入户 figures a community reports), read from the command (「走访 3号楼2单元
入户12户 无异常」) or as staff say it (「今天走访了3号楼，没发现问题」).

Pure: what the words say of the round; where it was is the analyser's to read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.text import normalize, typed_index, visible

# When it was, said first: today unless 昨天 or 前天.
_WHEN = (
    r"(?P<when>今天|今日|今早|今晚|早上|上午|中午|下午|傍晚|晚上|刚才|刚刚|昨天|昨日|前天)?"
    r"(?:上午|下午|早上|晚上|中午)?"
)
_DAYS_AGO = {"昨天": 1, "昨日": 1, "前天": 2}
_VERB_SEEN = re.compile(r"走访|巡查|巡逻|排查|巡楼|入户")
_VERB = r"(?:去|到)?(?:入户)?(?:走访|巡查|巡逻|排查|巡楼|入户)"
_WHO = r"\s*(?:我|我们)?(?:又|已经?)?"
_AFTER = r"\s*[,:、，：]?\s*(?P<rest>.*)$"
# Said in words, the verb is done (了, 过, 完): 「巡查发现…」 is a report, 「去走访吗」 a question.
_SAID = re.compile(rf"^(?:我|我们)?{_WHEN}{_WHO}{_VERB}(?:了|过|完了?){_AFTER}")
# 「今天巡查完了」「走访结束」: a round done, where and how not said.
_ENDED = re.compile(rf"^(?:我|我们)?{_WHEN}{_WHO}{_VERB}(?:工作)?(?:完了?|结束了?|完成了?)$")
# 「上午去4号楼巡查了一圈，发现楼道堆了纸箱」: where first, the verb after it.
_WENT = re.compile(
    rf"^(?:我|我们)?{_WHEN}{_WHO}(?:去|到)(?P<at>[^\s,:、，：。]{{1,12}}?)"
    r"(?:走访|巡查|巡逻|排查|巡楼)(?:了|过|完了?)(?:一圈|一遍|一下|一趟|一次)?"
    rf"{_AFTER}"
)
# 「3号楼今天走访了12户，…」「我们楼今天走访了，…」 (a 楼栋长's): the building first, then when
# and the verb.
_OUR_BUILDING = r"我们楼|我们这栋楼?|本楼"
_OURS = re.compile(_OUR_BUILDING)
_AT_FIRST = re.compile(
    rf"^(?P<at>[0-9]{{1,4}}\s*(?:号楼|栋|幢)(?:[0-9]{{1,2}}\s*单元)?|{_OUR_BUILDING})"
    rf"{_WHEN}{_WHO}(?:{_VERB})"
    rf"(?:了|过|完了?)(?:一圈|一遍|一下|一趟|一次)?{_AFTER}"
)
# In the command the verb is the keyword; the words may still start with when, or say it again.
_ARGS = re.compile(
    rf"^(?:我|我们)?{_WHEN}{_WHO}(?:{_VERB}(?:工作)?(?:了|过|完了?|结束了?|完成了?)?)?{_AFTER}"
)
_HOUSEHOLDS = re.compile(r"(?:入户|走访|共|一共|计)?\s*(?P<n>[0-9]{1,4})\s*户")
# 「走访 3号楼2单元301」「2单元301、302」: the flats named are the households visited.
_FLATS = re.compile(r"单元\s*(?P<rooms>[0-9]{3,4}(?:\s*[、,，和及]\s*[0-9]{3,4})*)(?![0-9])")
# 「发现楼道堆物」 is a problem found; 「没发现问题」「未发现异常」 none.
_FOUND = re.compile(r"(?P<not>没有?|未|无)?发现(?:了|有)?(?P<what>[^,.;!?]*)")
_NOTHING = frozenset({"", "什么", "什么问题", "什么异常"})  # 「发现什么问题了吗」 asks
# A round found things in order: 「消防通道畅通」「楼道很干净」 read as no problem, whatever words
# of a category they have.
_FINE = re.compile(r"正常|干净|整洁|畅通|良好|完好|没问题|无问题|没有问题|无异常|挺好|不错")
_ASKED_END = re.compile(r"(?:吗|呢|么|没有?)$")
_SPACES = re.compile(r"\s+")
_EDGES = re.compile(r"^[\s,.:;、，。：；]+|[\s,.:;、，。：；]+$")


# 「本月走访统计」「我这个月走访了几次」「这周巡查了多少户」: the rounds counted (统计 … 走访);
# 「哪个网格没走访」: this week's, which name the grids nobody went round.
_PERIOD = r"(?P<period>今天|昨天|本周|这周|上周|本月|这个月|上月|上个月|今年|去年)?"
_ROUNDS_ASKED = re.compile(
    rf"^(?:看一?下|查一?下)?{_PERIOD}的?(?:大家|各网格|网格员们?|全社区)?的?(?:走访|巡查)(?:的)?"
    r"(?:统计|情况|数据|次数|户数)$"
    rf"|^(?P<me>我)?{_PERIOD.replace('period', 'p2')}(?:一共|总共|共)?(?:走访|巡查|入户)(?:了|过)?"
    r"(?:几|多少)(?:次|回|户|家)了?$"
)
_GRIDS_MISSED = re.compile(
    r"^(?:哪个|哪些|哪几个)网格(?:还)?没有?(?:人)?(?:去)?(?:走访|巡查)(?:过)?$"
    # 「这周谁没走访」「本周谁还没巡查」: the week's lines say who went round, and which grid none
    r"|^(?:这周|本周)?(?:谁|哪个网格员|哪些人)(?:还)?没(?:有)?(?:去)?(?:走访|巡查)(?:过)?$"
)


@dataclass(frozen=True)
class PatrolWords:
    """What a round's words say of it."""

    words: str  # as they said it, without when and the verb: 「3号楼，没发现问题」
    days_ago: int  # 0 today, 1 昨天, 2 前天
    households: int | None  # 入户12户
    found: str  # the problem they found (「楼道堆物」), or ""


def mentions_rounds(text: str) -> bool:
    """Whether `text` has a word of rounds (走访, 巡查 …): what `patrol_said` and
    `rounds_asked` need, looked for once."""
    return _VERB_SEEN.search(text) is not None


def patrol_said(text: str) -> bool:
    """Whether `text` (normalised, without its closing punctuation) tells of a round done:
    「今天走访了3号楼，没发现问题」「上午巡查了5号楼和6号楼，一切正常」「巡查完了」; not
    「巡查发现3号楼井盖坏了」 (a report) nor 「今天走访了吗」 (a question)."""
    if _VERB_SEEN.search(text) is None:  # most messages: one search
        return False
    if _ENDED.match(text):  # 「今天巡查完了」: where and how are asked for
        return True
    match = _SAID.match(text)
    if match is not None:
        return bool(match["rest"]) and not _ASKED_END.search(match["rest"])
    went = _WENT.match(text) or _AT_FIRST.match(text)
    return went is not None and not _ASKED_END.search(went["rest"] or went["at"])


def all_well(text: str) -> bool:
    """Whether a round's words say things were in order (「一切正常」「消防通道畅通」)."""
    return _FINE.search(text) is not None


def rounds_asked(text: str) -> str | None:
    """What 统计 is asked for the rounds (`text` normalised, without its closing punctuation):
    「本月 走访」, 「本月 走访 我」 for one's own, 「本周 走访」 for the grids nobody went round;
    None for other words."""
    if _VERB_SEEN.search(text) is None:  # most messages: one search
        return None
    if _GRIDS_MISSED.match(text):
        return "本周 走访"
    asked = _ROUNDS_ASKED.match(text)
    if asked is None:
        return None
    period = asked["period"] or asked["p2"] or ""
    return " ".join(word for word in (period, "走访", asked["me"] or "") if word)


def _flats(said: str) -> int | None:
    """How many flats 「3号楼2单元301、302」 names; None for none."""
    count = sum(len(re.findall(r"[0-9]{3,4}", named["rooms"])) for named in _FLATS.finditer(said))
    return count or None


def patrol_words(said: str) -> PatrolWords:
    """The words of 「走访 [昨天] 地点 [入户N户] [情况]」, or of a round told in words (`said`
    as typed: the words are kept so, full-width punctuation and all)."""
    said = _SPACES.sub(" ", visible(said)).strip()
    normalised = normalize(said)
    went = _WENT.match(normalised) or _AT_FIRST.match(normalised)  # 「3号楼今天走访了…」 too
    if went is not None:  # 「去4号楼巡查了一圈，…」: 「4号楼，…」
        at = said[typed_index(said, went.start("at")) : typed_index(said, went.end("at"))]
        at = _OURS.sub("本楼", at)  # 「我们楼」: not read as 我 then 们楼
        after = said[typed_index(said, went.start("rest")) :]
        said = f"{went['when'] or ''}{at}，{after}" if after else f"{went['when'] or ''}{at}"
        normalised = normalize(said)
    match = _ARGS.match(normalised)
    assert match is not None  # every text matches: each part may be empty
    rest = match["rest"]
    households = _HOUSEHOLDS.search(rest)
    found = ""
    for seen in _FOUND.finditer(rest):
        what = seen["what"].strip()
        if not seen["not"] and what not in _NOTHING:
            found = what
            break
    return PatrolWords(
        words=_EDGES.sub("", said[typed_index(said, match.start("rest")) :]),
        days_ago=_DAYS_AGO.get(match["when"] or "", 0),
        households=int(households["n"]) if households else _flats(rest),
        found=found,
    )
