"""Is a new report the same problem as an open issue? (chat-protocol §2, "Duplicates").

The spec's rule: likely the same problem if (same category AND same building/unit, or same named
place) OR very similar text, within 14 days. This module turns that rule into one score,
:func:`same_problem`, built from three pieces of evidence:

1. **Where** (:func:`location_relation`). Two different buildings, or two different named places,
   are never the same problem, however alike the words: "3号楼下水道堵了" and "5号楼下水道堵了"
   differ by one character and are two blocked drains. A different unit in the same building
   is weaker evidence than the same unit, not a veto: a building shares its water supply,
   roof and septic tank, but each unit has its own lift and door. A flat on one side and a
   common spot on the other (「3-2-301家漏水到楼下」 / 「3幢门口积水」) is weaker still: the
   building is shared, the spot is not.
2. **What** (the analyser's category). The same category at the same place is the spec's
   structural match; a different category at the same place is a near-miss (a blocked drain
   and a broken stair light in the same unit), unless the texts themselves are alike, since the
   analyser sometimes files one problem under two categories. ``other`` says nothing either way.
3. **How it is worded** (:func:`text_similarity`): Jaccard overlap of the sets of content
   characters after folding the text (NFKC, WeChat emoji codes, punctuation, building/unit/room
   numbers, filler characters). On tests/data/duplicate_pairs_dev.jsonl, where text is the only
   evidence, the lowest-scoring same pair and the highest-scoring different pair score
   0.40 / 0.31 with characters, 0.30 / 0.29 with characters plus bigrams, 0.14 / 0.27 with
   bigrams and 0.17 / 0.20 with jieba words (which would also need the dictionary loaded).

The score is ``prior + (1 - prior) * similarity``, where the prior comes from where and what:
text fills whatever the structure leaves open. The same real category at the same unit,
building or place gives a prior above :data:`THRESHOLD` (the spec's structural match); with no
location at all only very similar text gets there. Every constant sits in the middle of a range
where dev precision and recall do not change; ``python -m bot.domain.duplicates FILE`` prints
the figures for a labelled file and the time per call.

Everything outside ``_main`` is pure: no I/O, no clock. The caller passes each report's ``at``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from functools import lru_cache
from typing import Literal, TypeVar

from bot.text import LEADS_A_NUMBER, issue_first

__all__ = [
    "THRESHOLD",
    "WINDOW",
    "Figures",
    "LocationRelation",
    "ReportFacts",
    "find_duplicate",
    "location_relation",
    "measure",
    "same_problem",
    "text_similarity",
    "within_window",
]

K = TypeVar("K")

# Spec §2: only issues reported within 14 days can absorb a new report.
WINDOW: timedelta = timedelta(days=14)

# A candidate at or above this score is offered as a duplicate. Tuned on the dev pairs for
# precision first: a wrong "与 #17 可能是同一问题" hides a new problem from the ledger unless the
# resident answers 新建, while a missed duplicate only costs a worker a /merge. On dev, 0.40 gives
# P 0.947 / R 0.937, 0.45 P 0.967 / R 0.926; higher thresholds lose recall, gain no precision.
THRESHOLD: float = 0.45

# The analyser's catch-all category: two "other" reports share no evidence of being alike.
_NO_CATEGORY = "other"


@dataclass(frozen=True)
class ReportFacts:
    """What duplicate detection needs to know about one report (new or already open)."""

    text: str  # the description as the resident wrote it
    category: str  # category code from the analyser ("drainage", ...)
    building: str | None
    unit: str | None
    place: str | None  # named place ("南门", "地下车库")
    at: datetime  # tz-aware, when it was reported
    room: str | None = None  # the flat ("301" of "3-2-301") when the report names one

    def __post_init__(self) -> None:
        # Comparing a naive with an aware datetime raises deep inside same_problem; fail here,
        # where the caller can see which report was built wrong.
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValueError("ReportFacts.at must be timezone-aware")


class LocationRelation(Enum):
    """How the locations of two reports relate, from most to least telling."""

    SAME_UNIT = "same_unit"  # same building and same unit
    SAME_BUILDING = "same_building"  # same building, unit known on at most one side
    SAME_PLACE = "same_place"  # same named place (no building on one side or both)
    OTHER_UNIT = "other_unit"  # same building, two different units
    # Same building, one report inside a flat and the other at a common spot; read from the
    # texts by same_problem, never returned by location_relation.
    OTHER_SPOT = "other_spot"
    PARTIAL = "partial"  # only one side has a location, or a building against a place
    NONE = "none"  # neither side says where
    CONFLICT = "conflict"  # two different buildings, or two different named places


# Prior likelihood of "same problem" before looking at the words, by where the reports are,
# when both have the same (real) category. Tuned on the dev pairs (ranges with the same dev
# figures in brackets). A location match is at or above THRESHOLD on its own: that is the spec.
_PRIOR_SAME_CATEGORY: Mapping[LocationRelation, float] = {
    LocationRelation.SAME_UNIT: 0.6,  # (0.5-0.6; 0.7+ trades precision for recall)
    LocationRelation.SAME_BUILDING: 0.6,
    LocationRelation.SAME_PLACE: 0.6,
    # Just under THRESHOLD: a shared building-wide problem still needs some common wording.
    LocationRelation.OTHER_UNIT: 0.4,  # (0.4-0.5)
    # Needs about a fifth of the characters in common ("下水道堵"), not a shared "水".
    LocationRelation.OTHER_SPOT: 0.3,  # (0.25-0.35)
    LocationRelation.PARTIAL: 0.2,  # (0.0-0.4)
    LocationRelation.NONE: 0.1,  # (0.1-0.2)
    LocationRelation.CONFLICT: 0.0,
}
# When either side is "other", the category is no evidence: the prior shrinks by this factor.
_UNKNOWN_CATEGORY_FACTOR = 0.5  # (0.75 gains 3 of 91 in recall for 1 more false positive)
# Different categories: no prior, and the text must carry the case on its own, discounted
# because the analyser usually agrees with itself on two wordings of one problem.
_DIFFERENT_CATEGORY_TEXT_FACTOR = 0.8  # (0.7-1.0)
# Different buildings or places: the score stays far below any sensible threshold but still
# grows with the text, so a ranking of candidates remains meaningful.
_CONFLICT_TEXT_FACTOR = 0.2

# What each unit (单元) of a building has for itself: when two reports from different units
# mention one of these, they are about two lifts, two stairwells, two doors, so the pair is
# treated like two different buildings. Everything else a building has (water and power supply,
# roof, facade, septic tank, the ground around it) is shared, and a different unit is merely
# weaker evidence (the OTHER_UNIT prior). The list is the standard set of 单元 fixtures, not
# fitted to the labelled pairs.
_UNIT_FIXTURES = (
    "电梯",
    "楼道",
    "楼梯",
    "单元门",
    "门禁",
    "对讲",
    "信报箱",
    "声控灯",
    "感应灯",
    "扶手",
)

# Where in its building a report puts the problem. A flat is named by a room number
# ("3-2-301") or a word only a home has; a common spot belongs to no flat: the unit's fixtures
# above and the ground around the building. Balconies are left out: what falls from one lands
# outside (高空抛物). "楼下" is left out too: it is the flat below as often as the ground.
_HOME_WORDS = ("家里", "屋里", "室内", "卫生间", "厨房", "卧室", "客厅")
_COMMON_SPOTS = (*_UNIT_FIXTURES, "门口", "楼前", "楼后", "路面", "路上", "路边", "路灯", "大堂")


# --- text ------------------------------------------------------------------------------------

# WeChat renders its built-in emoji as bracketed words ("[捂脸]"); they are not content.
_WECHAT_EMOJI = re.compile(r"\[[\u4e00-\u9fffA-Za-z]{1,4}\]")
# Building, unit, room and floor numbers ("3号楼", "二十栋", "2单元", "301室", "A座", "8#楼"):
# where a problem is belongs to location_relation, not to the wording, or every "3号楼…" report
# would look alike.
# (At most six digits: a longer run is no address, and an unbounded one is tried again from
# each of its digits.)
_LOCATION_TOKEN = re.compile(
    r"第?(?:\d{1,6}|[a-z]|[零〇一二两三四五六七八九十百]{1,4})\s*"
    r"(?:号楼|栋|幢|座|单元|室|号|楼|层|#楼?)"
)
# Characters that carry no problem identity: particles, pronouns, degree words. Dropping them
# keeps "电梯又坏了" and "电梯坏了" from differing in half their bigrams.
_FILLER = frozenset("的了又也啊吧呢吗呀哦嘛么着是在有和就都还很太这那个我你他她们")


def _is_content(ch: str) -> bool:
    """CJK ideographs and ASCII letters; digits are dropped (times, counts, room numbers)."""
    return "\u4e00" <= ch <= "\u9fff" or "a" <= ch <= "z"


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    """The wording of a report reduced to the characters that say what the problem is."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _WECHAT_EMOJI.sub(" ", text)
    text = _LOCATION_TOKEN.sub(" ", text)
    # A space marks where something was removed so that no bigram spans a gap.
    return "".join(ch if _is_content(ch) and ch not in _FILLER else " " for ch in text)


@lru_cache(maxsize=4096)
def _characters(text: str) -> frozenset[str]:
    """The set of content characters of a report, after folding.

    Cached because one new report is compared with every open issue of its community, and the
    open issues' texts recur from report to report.
    """
    return frozenset(_fold(text).replace(" ", ""))


def text_similarity(a: str, b: str) -> float:
    """How alike two report texts are, 0..1: Jaccard overlap of their content characters.

    Location numbers, punctuation, emoji and filler characters are ignored, so
    "3号楼电梯又坏了！" and "电梯坏了" score 1.0; a text with no content scores 0 against anything.
    Single characters beat bigrams on the dev pairs because Chinese rewording keeps the
    characters and changes the words ("堵了" / "堵住", "漏水" / "渗水", "不亮" / "没亮").
    """
    first, second = _characters(a), _characters(b)
    if not first or not second:
        return 0.0
    shared = len(first & second)
    return shared / (len(first) + len(second) - shared)


# --- location --------------------------------------------------------------------------------


def _places_match(first: str, second: str) -> bool:
    """Named places match when one contains the other ("车库" / "地下车库", "大门" / "小区大门")."""
    return first in second or second in first


def location_relation(new: ReportFacts, old: ReportFacts) -> LocationRelation:
    """How the two reports' locations relate; buildings decide before places do.

    A building is the more precise location the analyser reads, so when both sides name one it
    settles the question and a named place on top ("3号楼楼顶") does not override it.
    """
    if new.building and old.building:
        if new.building != old.building:
            return LocationRelation.CONFLICT
        if new.unit and old.unit:
            if new.unit == old.unit:
                return LocationRelation.SAME_UNIT
            return LocationRelation.OTHER_UNIT
        return LocationRelation.SAME_BUILDING
    if new.place and old.place:
        if _places_match(new.place, old.place):
            return LocationRelation.SAME_PLACE
        return LocationRelation.CONFLICT
    new_known = bool(new.building or new.place)
    old_known = bool(old.building or old.place)
    if new_known or old_known:
        return LocationRelation.PARTIAL
    return LocationRelation.NONE


# --- the decision ----------------------------------------------------------------------------


def _mentions_unit_fixture(text: str) -> bool:
    """Whether a report is about something each unit has its own of (a lift, a stairwell…).

    Looked up in the folded text, where "2单元" is already gone as a location, so that
    "1单元门口" (in front of unit 1) is not read as "单元门" (the unit's door).
    """
    folded = _fold(text)
    return any(fixture in folded for fixture in _UNIT_FIXTURES)


def _spot(facts: ReportFacts) -> Literal["flat", "common"] | None:
    """Whether a report is about the inside of a flat or a common spot of its building.

    None when it says neither, or both: in 「3-2-301门口楼道灯坏了」 the flat is the reporter's
    address and the stairwell the problem's.
    """
    folded = _fold(facts.text)
    flat = bool(facts.room) or any(word in folded for word in _HOME_WORDS)
    common = any(spot in folded for spot in _COMMON_SPOTS)
    if flat == common:
        return None
    return "flat" if flat else "common"


def _other_flats(new: ReportFacts, old: ReportFacts) -> bool:
    """Whether both reports are of the inside of a flat, each names its flat, and the flats
    differ: a leak in one home and a leak in another are two problems, however alike the
    words (the reporter's remembered flat fills in the room of 「家里水管漏了」)."""
    if not (new.room and old.room):
        return False
    if (new.building, new.unit, new.room) == (old.building, old.unit, old.room):
        return False
    return _spot(new) == "flat" and _spot(old) == "flat"


def within_window(new: ReportFacts, old: ReportFacts) -> bool:
    """Whether ``old`` was reported no more than :data:`WINDOW` away from ``new``.

    Either order is accepted: a replayed or back-dated report can be older than an open issue.
    """
    return abs(new.at - old.at) <= WINDOW


_IN_ONE_BUILDING = (
    LocationRelation.SAME_UNIT,
    LocationRelation.SAME_BUILDING,
    LocationRelation.OTHER_UNIT,
)


def same_problem(new: ReportFacts, old: ReportFacts) -> float:
    """Likelihood, 0..1, that ``new`` reports the same problem as the open issue ``old``.

    0 when the two are more than :data:`WINDOW` apart. See the module docstring for the model.
    """
    if not within_window(new, old):
        return 0.0
    similarity = text_similarity(new.text, old.text)
    relation = location_relation(new, old)
    # Another unit's own lift or stairwell; the insides of two flats (「家里水管漏了」 of
    # 6-2-301 and of 6-2-502): never the same.
    other_unit = relation is LocationRelation.OTHER_UNIT and (
        _mentions_unit_fixture(new.text) or _mentions_unit_fixture(old.text)
    )
    if other_unit or _other_flats(new, old):
        relation = LocationRelation.CONFLICT
    elif relation in _IN_ONE_BUILDING and {_spot(new), _spot(old)} == {"flat", "common"}:
        relation = LocationRelation.OTHER_SPOT
    if relation is LocationRelation.CONFLICT:
        return _CONFLICT_TEXT_FACTOR * similarity
    if _NO_CATEGORY in (new.category, old.category):
        prior = _PRIOR_SAME_CATEGORY[relation] * _UNKNOWN_CATEGORY_FACTOR
    elif new.category == old.category:
        prior = _PRIOR_SAME_CATEGORY[relation]
    else:
        return _DIFFERENT_CATEGORY_TEXT_FACTOR * similarity
    return prior + (1.0 - prior) * similarity


def find_duplicate(
    new: ReportFacts,
    candidates: Sequence[tuple[K, ReportFacts]],
    threshold: float = THRESHOLD,
) -> K | None:
    """The key of the open issue ``new`` most likely duplicates, or ``None`` below ``threshold``.

    Ties go to the most recently reported candidate: it is the one the reporter's neighbours
    are talking about now, and the one most likely still being worked on.
    """
    best_key: K | None = None
    best_rank: tuple[float, datetime] | None = None
    for key, facts in candidates:
        score = same_problem(new, facts)
        if score < threshold:
            continue
        rank = (score, facts.at)
        if best_rank is None or rank > best_rank:
            best_key, best_rank = key, rank
    return best_key


# --- measuring -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """Quality of duplicate decisions over labelled pairs; "same problem" is the positive class."""

    true_positives: int
    false_positives: int
    false_negatives: int
    by_kind: Mapping[str, tuple[int, int]]  # kind -> (decided correctly, pairs)

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 0.0

    @property
    def recall(self) -> float:
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def format(self) -> str:
        """Precision, recall, F1 and a per-kind accuracy table, as plain text."""
        lines = [
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}"
            f"  (tp {self.true_positives}, fp {self.false_positives},"
            f" fn {self.false_negatives})",
            f"{'kind':<30} {'correct':>7} {'pairs':>5} {'accuracy':>8}",
        ]
        for kind, (correct, total) in sorted(self.by_kind.items()):
            lines.append(f"{kind:<30} {correct:>7} {total:>5} {correct / total:>8.3f}")
        return "\n".join(lines)


def measure(outcomes: Iterable[tuple[str, bool, bool]]) -> Figures:
    """Count ``(kind, expected, predicted)`` outcomes into :class:`Figures`."""
    tp = fp = fn = 0
    by_kind: dict[str, tuple[int, int]] = {}
    for kind, expected, predicted in outcomes:
        tp += expected and predicted
        fp += predicted and not expected
        fn += expected and not predicted
        correct, total = by_kind.get(kind, (0, 0))
        by_kind[kind] = (correct + (expected == predicted), total + 1)
    return Figures(tp, fp, fn, by_kind)


def _main(argv: Sequence[str]) -> int:
    """``python -m bot.domain.duplicates PAIRS.jsonl``: figures for a labelled file, and speed.

    Each line is ``{"a": {"text", "days_ago"}, "b": {"text", "days_ago"}, "same", "kind"}``;
    ``a`` is the open issue and ``b`` the new report, both read by the real analyser.
    """
    import json
    import time
    from datetime import timezone
    from pathlib import Path

    from bot.analysis import Analyzer

    if len(argv) != 1:
        print("usage: python -m bot.domain.duplicates PAIRS.jsonl")
        return 2
    analyzer = Analyzer()
    now = datetime(2026, 5, 1, 9, 0, tzinfo=timezone(timedelta(hours=8)))

    def facts(side: Mapping[str, object]) -> ReportFacts:
        text = str(side["text"])
        analysis = analyzer.analyze(text)
        where = analysis.location
        at = now - timedelta(days=int(str(side.get("days_ago", 0))))
        return ReportFacts(
            text, analysis.category, where.building, where.unit, where.place, at, where.room
        )

    rows = [json.loads(line) for line in Path(argv[0]).read_text("utf-8").splitlines() if line]
    pairs = [(row["kind"], bool(row["same"]), facts(row["b"]), facts(row["a"])) for row in rows]
    figures = measure(
        (kind, same, same_problem(new, old) >= THRESHOLD) for kind, same, new, old in pairs
    )
    print(f"{argv[0]}: {len(pairs)} pairs, threshold {THRESHOLD}")
    print(figures.format())

    # Speed: one new report against 500 open issues, as on intake in a busy community. "Cold"
    # empties the text caches before every call (both texts folded afresh); "warm" is the usual
    # case, where the open issues' texts were folded on earlier reports.
    olds = [old for _, _, _, old in pairs]
    candidates = [(index, olds[index % len(olds)]) for index in range(500)]
    new = pairs[0][2]
    cold = 0.0
    for _, old in candidates:
        _fold.cache_clear()
        _characters.cache_clear()
        start = time.perf_counter()
        same_problem(new, old)
        cold += time.perf_counter() - start
    cold /= len(candidates)
    rounds = 20
    start = time.perf_counter()
    for _ in range(rounds):
        find_duplicate(new, candidates)
    warm = (time.perf_counter() - start) / (rounds * len(candidates))
    batch_ms = warm * len(candidates) * 1e3
    print(
        f"same_problem: {cold * 1e6:.1f} µs per call cold, {warm * 1e6:.1f} µs warm"
        f" (find_duplicate over {len(candidates)} candidates: {batch_ms:.2f} ms)"
    )
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(_main(sys.argv[1:]))


# 「我家也是」「同样的问题」 in a group just after a neighbour's report: the same problem, said
# without saying it again. 「+1」「同上」 also sign up for a group purchase: they count only in
# reply to the report.
# A bare 「我也是」 answers anything (「今天好冷」): a home or the problem must be said.
_SAME_HERE = re.compile(
    r"(?:(?:我|我们|我这边|这边)?(?:也是|也有))?(?:这个|同样的?|一样的?)问题"
    r"|(?:我|我家|我们家|俺家|咱家|我们)也遇到了?(?:这个问题|同样的?问题)?"
    r"|(?:我家|我们家|俺家|咱家|我们楼|我们单元|我们楼栋|我们)"
    r"(?:也是|也一样|也有|同样|也这样|也是这样)"
    r"(?:啊|呀|哦|呢|的)?"
    # 「我昨天也差点摔了」「我家孩子也被绊了一下」: the hazard met by them too
    r"|我(?:家|们家)?(?:的?(?:老人|孩子|小孩|妈|爸|老伴))?"
    r"(?:昨天|前天|上次|上周|今天|早上|晚上|刚才|之前|前几天)?也(?:差点|差一点|险些|被)?"
    r"(?:摔|绊|踩空|崴|磕|滑倒|掉进|卡住|困在)[\u4e00-\u9fff]{0,4}"
)
# 「我们单元也是，好几天了」: a short clause of their own may follow.
_SAID_AFTER = re.compile(r"[^，,。?？]{0,12}")
# 「我家楼道灯也不亮」「我们楼下水道也堵了」: their own home, the problem said again in brief. It
# counts only as the report's kind of problem (`names_the_problem`: the handler compares).
_HOME_TOO = re.compile(
    # 「3号楼的灯我们单元也不亮」: the problem's building and thing may come first
    r"(?:[0-9]{1,4}(?:号楼|栋|幢)的?[\u4e00-\u9fff]{0,6}?)?"
    r"(?:我家|我们家|俺家|咱家|我们楼|我们单元|我们楼栋)的?"
    r"(?:[\u4e00-\u9fff]{1,8}?也(?:是|有|不|没|坏|漏|堵|停|一直|经常|老是)"
    r"|也(?:不|没|坏|漏|堵|停|一直|经常|老是))[\u4e00-\u9fff]{0,6}"
)
# 「是的，我家也是」「对，同样的问题」: agreeing first.
_ASSENT = re.compile(r"^(?:(?:是的|是啊|是呀|对|对啊|对的|确实|没错|真的|嗯)[,!\s]*)+")
_ASSENT_FIRST = frozenset("是对确没真嗯")
_PLUS_ONE = re.compile(r"[+＋]\s*1|1\s*[+＋]|同上")
ME_TOO_WITHIN = timedelta(hours=1)
"""How long after a report 「我家也是」 in its group counts as the same problem."""


# 「我也关注一下」「有进展告诉我」「我也想知道结果」 just after a neighbour's report: following it.
_FOLLOW_TOO = re.compile(
    r"^(?:我|我们)?(?:也)?(?:想|要)?关注(?:一下)?(?:吧)?$"
    r"|^(?:有|出了?)(?:进展|消息|结果)(?:了)?(?:请|麻烦)?(?:也)?(?:告诉|通知)(?:我|一下)(?:一声|一下)?$"
    r"|^我也想知道(?:进展|结果|怎么处理的?)$"
)


def follow_too(text: str) -> bool:
    """Whether `text` (normalised, without its closing punctuation) asks, as the whole message,
    to hear how a report goes: 「我也关注一下」「有进展告诉我」."""
    return ("关注" in text or "告诉" in text or "通知" in text or "想知道" in text) and (
        _FOLLOW_TOO.match(text) is not None
    )


def me_too(text: str, *, replying: bool) -> bool:
    """「我家也是」「同样的问题」 as the whole message; 「+1」「同上」 only `replying` to another
    or after an issue's number (「1号我也遇到了」「#2 +1」) (`text` normalised, without its
    closing punctuation)."""
    number, said = _after_number(text)
    said = _ASSENT.sub("", said, count=1) if said[:1] in _ASSENT_FIRST else said
    if _SAME_HERE.fullmatch(said) is not None:
        return True
    if "," in said:  # 「我们单元也是，好几天了」 (normalised: 「，」 is ",")
        head, _, after = said.partition(",")
        if _SAME_HERE.fullmatch(head.strip()) and _SAID_AFTER.fullmatch(after.strip()):
            return True
    if "也" in said and _HOME_TOO.fullmatch(said) is not None:
        return True
    return (replying or number is not None) and _PLUS_ONE.fullmatch(said) is not None


def names_the_problem(text: str) -> bool:
    """Whether a 「我也是」 `text` (normalised) says the problem again (「我家楼道灯也不亮」):
    then it is the same only if it is the same kind of problem."""
    return _HOME_TOO.fullmatch(_after_number(text)[1]) is not None


def _after_number(text: str) -> tuple[int | None, str]:
    """The issue number a 「我也是」 starts with (「1号我也遇到了」: which report), None when it
    starts with none, and the words after it."""
    said = text.strip()
    if said[:1] not in LEADS_A_NUMBER:  # most messages: one look at the first character
        return None, said
    number, rest = issue_first(said)
    return (number, rest.strip()) if number is not None else (None, said)
