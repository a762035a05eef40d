"""Text normalisation before analysis: width, case, WeChat emoji codes and Chinese numerals.

Residents type on phones with full-width digits (``３号楼``), Chinese numerals (``三号楼``,
``十二栋``) and WeChat's bracketed emoji (``[捂脸]``). Everything downstream (keyword lookup,
location patterns) sees one canonical form, so none of it has to know these variants.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "MAX_ANALYSED_CHARS",
    "chinese_number",
    "content_length",
    "normalize",
    "without_emoji_codes",
]

# Resident reports are a few dozen characters; the cap keeps a pasted 10,000-character notice
# to a millisecond or two of work while leaving room for the longest real complaint.
MAX_ANALYSED_CHARS = 1000

# WeChat renders its built-in emoji as bracketed words ("[微笑]", "[OK]"); they carry no content
# and would otherwise look like Chinese text to the keyword matcher.
_WECHAT_EMOJI = re.compile(r"\[[\u4e00-\u9fffA-Za-z]{1,4}\]")

# A run of Chinese numerals that numbers a building, unit, room or floor. The look-behind skips
# determiners ("这一栋", "每一层", "同一单元") where the numeral counts rather than names.
_CN_NUMERAL_BEFORE_MARKER = re.compile(
    r"(?<![这那哪每整同几某单万])第?([零〇一二两三四五六七八九十百]{1,6})"
    r"(?=\s*(?:号楼|栋|幢|座|单元|室|号房|层|楼|#))"
)

_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3,
    "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip


def without_emoji_codes(text: str) -> str:
    """`text` without WeChat's bracketed emoji (「楼道灯坏了[捂脸]」: 「楼道灯坏了」), which read
    as words everywhere but in WeChat (the 台账, the xlsx, Telegram)."""
    if "[" not in text:
        return text
    return re.sub(r"[ \t]{2,}", " ", _WECHAT_EMOJI.sub("", text)).strip()


def chinese_number(numeral: str) -> str | None:
    """Convert a Chinese numeral to Arabic digits; ``None`` when it is not a plain number.

    Digit-by-digit room numbers ("三零一" -> "301") and positional numbers ("十二" -> "12",
    "一百零一" -> "101") are both accepted.
    """
    if not numeral:
        return None
    if all(ch in _DIGITS for ch in numeral):
        return "".join(str(_DIGITS[ch]) for ch in numeral)
    total = 0
    current = 0
    for ch in numeral:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            if current == 0:
                return None
            total += current * 100
            current = 0
        else:
            return None
    return str(total + current)


def _replace_numeral(match: re.Match[str]) -> str:
    numeral = match.group(1)
    # A lone "两" counts things ("两栋楼之间" = between two buildings); it never names one.
    if numeral == "两":
        return match.group(0)
    converted = chinese_number(numeral)
    return match.group(0) if converted is None else converted


def normalize(text: str, max_chars: int = MAX_ANALYSED_CHARS) -> str:
    """Return the canonical form of ``text`` that every analysis step works on.

    NFKC folds full-width forms (``３号楼`` -> ``3号楼``, ``＃`` -> ``#``); ASCII is lower-cased so
    keyword lists need one spelling; Chinese numerals before 号楼/栋/单元/室… become digits.
    """
    # Cut before NFKC (which may expand characters) and again after, so the cost stays bounded.
    text = unicodedata.normalize("NFKC", text[: max_chars * 2])[:max_chars]
    text = _WECHAT_EMOJI.sub(" ", text).lower()
    if (
        "楼" in text
        or "栋" in text
        or "单元" in text
        or "室" in text
        or "幢" in text
        or "层" in text
    ):
        text = _CN_NUMERAL_BEFORE_MARKER.sub(_replace_numeral, text)
    return text


def content_length(text: str) -> int:
    """Count characters that carry meaning: CJK ideographs, letters and digits.

    Emoji, punctuation and whitespace do not count, so an emoji-only message has length 0.
    """
    return sum(1 for ch in text if ch.isalnum() or "\u4e00" <= ch <= "\u9fff")
