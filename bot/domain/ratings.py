"""满意度: which rating an issue counts as in the statistics.

A rating of 3 or more closes the issue and stays on it (`Issue.rating`). A low one (1 or 2)
reopens it and the issue forgets it, but the statistics still count it: the trail keeps it as
the reopening's note (`评价2分 …`). The latest verdict counts until the issue is resolved again
(a new round, to be rated anew) or reopened for another reason. `Issue.counted_rating` holds the
result, brought up to date by each rating action as it is recorded (`rating_after`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

SATISFIED_FROM = 3
"""A rating of 3 (基本满意) or more counts as satisfied (满意率 = rated ≥ 3 / rated)."""

RATING_ACTIONS = ("rate", "reopen", "resolve")
"""The audit actions that set or clear the rating the statistics count."""

RATING_WORDS = {
    "非常满意": 5,
    "十分满意": 5,
    "很满意": 5,
    "挺满意": 5,
    "满意": 5,
    "好评": 5,
    "五星好评": 5,
    "比较满意": 4,
    "基本满意": 3,
    "不太满意": 2,
    "不满意": 1,
    "很不满意": 1,
    "非常不满意": 1,
    "差评": 1,
}
"""The follow-up's answers in words (chat-protocol §5: 满意 / 基本满意 / 不满意)."""
VAGUE_RATING_WORDS = {"一般": 3, "还行": 3, "还可以": 3}
"""Words that answer a survey but are everyday chat too: taken as 3 only in a private chat."""
_CHINESE_SCORES = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_SCORE = re.compile(r"^(?:打|给)?(?:([1-5])分?|([一二两三四五])分)$")  # 5, 5分, 打五分; not 五
# 「满意，谢谢」「很满意！辛苦了」: the thanks after the verdict.
_POLITE = re.compile(r"[\s,，、。.!！~～]*(?:(?:谢谢|感谢|多谢|辛苦)[^\s]{0,4})?$")


def spoken_score(text: str, *, vague: bool = False) -> int | None:
    """The score a rating answer gives: a rating word (with thanks after it, or not), `5`,
    `5分` or `五分`; the everyday words of `VAGUE_RATING_WORDS` only when `vague`. None for
    anything else. `text` is normalised (half-width)."""
    word = _PARTICLES.sub("", _POLITE.sub("", _without_symbols(text).replace(" ", "")))
    if word in RATING_WORDS:
        return RATING_WORDS[word]
    if vague and word in VAGUE_RATING_WORDS:
        return VAGUE_RATING_WORDS[word]
    score = _SCORE.match(word)
    if score is None:
        return None
    return int(score[1]) if score[1] else _CHINESE_SCORES[score[2]]


def _without_symbols(text: str) -> str:
    """「满意😊」「满意👍」: the words without emoji and other symbols."""
    return "".join(char for char in text if unicodedata.category(char) not in ("So", "Sk"))


# Every rating word has 满意 or 评 in it; every score a digit 1-5 or 分; then the vague words.
_RATING_HINT = re.compile(r"满意|评|分|[1-5]|一般|还行|还可以")
_PARTICLES = re.compile(r"[的吧啊呀了哦呢嘛]+$")  # 「挺满意的」「基本满意吧」
_FIRST_APART = re.compile(r"^(.+?)[\s,，、。.!！~～;；:：]+(.+)$")
_LAST_APART = re.compile(r"^(.+)[\s,，、。.!！~～;；:：]+(.+?)$")


def spoken_rating(text: str, *, vague: bool = False) -> tuple[int, str] | None:
    """A rating answer and the reason said with it, the verdict first or last:
    「不满意，还是堵」 and 「还是堵，不满意」 are (1, 「还是堵」); 「很满意，谢谢」 is (5, 「」).
    None when no part of it is a rating (`spoken_score`)."""
    if not _RATING_HINT.search(text):  # most chatter: no word a rating could be made of
        return None
    score = spoken_score(text, vague=vague)
    if score is not None:
        return score, ""
    first = _FIRST_APART.match(text.strip())
    if first is not None and (score := _verdict(first[1], vague)) is not None:
        return score, first[2].strip()
    last = _LAST_APART.match(text.strip())
    if last is not None and (score := _verdict(last[2], vague)) is not None:
        return score, last[1].strip()
    return None


def _verdict(part: str, vague: bool) -> int | None:
    """The score of one part of a longer answer: a rating word or 「4分」, not a bare digit
    (「我家 3」 is not a rating)."""
    return None if part.strip().isdigit() else spoken_score(part, vague=vague)


_RATED = re.compile(r"^([1-5])分")
_LOW_RATED = re.compile(r"^评价([1-5])分")


def rating_after(rating: int | None, action: str, note: str) -> int | None:
    """The counted rating after one audit entry (action, note), from `rating` before it."""
    if action == "rate":
        rated = _RATED.match(note)
        return int(rated[1]) if rated else rating
    if action == "reopen":
        low = _LOW_RATED.match(note)
        return int(low[1]) if low else None
    if action == "resolve":
        return None
    return rating


def effective_rating(history: Iterable[tuple[str, str]]) -> int | None:
    """The rating an issue's trail (action, note), oldest first, leaves it counted at."""
    rating: int | None = None
    for action, note in history:
        rating = rating_after(rating, action, note)
    return rating


def counted_rating(trail: int | None, stored: int | None) -> int | None:
    """What the statistics count: the trail's verdict, else the rating the issue holds (an
    issue rated without a trail, as an imported one may be)."""
    return stored if trail is None else trail
