"""How people appear in group messages (chat-protocol §9): masked, never in full."""

from __future__ import annotations

import re

# A mobile number, also as 138-1234-5678, 138 1234 5678 or +86 13812345678.
_PHONE = re.compile(r"(?<![\d+])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
# A landline: its area code (010, 0571, also in brackets) then 7 or 8 digits; or 7 or 8 digits
# said to be a phone (电话62345678, 座机：62345678, 来电号码 62345678). Never a part of a longer
# run of digits (an order's number, a date).
_LANDLINE = re.compile(
    r"(?<![\d])(?P<area>[(（]0\d{2,3}[)）]|0\d{2,3})(?P<dash>[- ]?)(?P<local>[2-9]\d{6,7})(?!\d)"
    r"|(?:(?<=电话)|(?<=座机)|(?<=固话)|(?<=来电号码)|(?<=联系号码))"
    r"(?P<said>[:：\s]*|是)(?P<bare>[2-9]\d{6,7})(?!\d)"
)
# An ID card number: 18 characters, or the old 15 digits whose 7th–12th are a date (YYMMDD),
# so that a 15-digit order number is left alone.
_ID_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{8}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})"
    r"(?![0-9A-Za-z])"
)


ERASED = "已注销用户"
"""The name left on a person who asked to be forgotten; shown as it is."""


def mask_name(name: str) -> str:
    """王芳 → 王*, 王小芳 → 王*芳, 欧阳小峰 → 欧**峰, Alice → A***e."""
    name = name.strip()
    if name == ERASED:
        return name
    if len(name) <= 1:
        return name or "匿名"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


PRIVATE_REPORTER = "私信居民"
"""A private report's reporter, wherever they may not be named (chat-protocol §9)."""


def reporter_label(name: str, *, private: bool, named: bool) -> str:
    """A reporter as a message shows them: masked, or for a private report `私信居民`
    unless `named` (privately, to someone who may know them)."""
    return mask_name(name) if named or not private else PRIVATE_REPORTER


PHONES_AT_MOST = 3  # a caller's numbers given to whoever calls back; more is a list, not a caller


def phones_in(text: str) -> list[str]:
    """The phone numbers in `text`, each once, in the order written: a mobile as its 11 digits
    (「来电号码：138-1234-5678」), a landline as `010-62345678` (or its 7 or 8 digits when said
    without an area code); at most `PHONES_AT_MOST`."""
    found: list[tuple[int, str]] = [(m.start(), "".join(m.groups())) for m in _PHONE.finditer(text)]
    for landline in _LANDLINE.finditer(text):
        if landline["bare"]:
            number = landline["bare"]
        else:
            number = f"{landline['area'].strip('()（）')}-{landline['local']}"
        found.append((landline.start(), number))
    numbers = list(dict.fromkeys(number for _, number in sorted(found)))
    return numbers[:PHONES_AT_MOST]


# What may stand around a number someone leaves to be called on: 「我的电话是…」「手机：…」.
_NUMBER_WORDS = re.compile(
    r"^(?:我的?|我家的?|本人)?(?:联系)?(?:电话号码|电话|手机号码?|手机|号码|联系方式|座机)?"
    r"(?:是|为)?[:：,，\s]*(?:打这个|打这个号|可以打)?"
    # 「…，有事打我电话」「…，方便的话联系我」: how to use it
    r"(?:[,，\s]*(?:有事|有什么事|有问题|需要的话|方便的话)?(?:请|可以|就|麻烦)?"
    r"(?:打|联系|拨打|给我打)(?:我|这个)?的?(?:电话|手机|号码)?(?:吧|就行|找我)?)?"
    r"[。.!！~～\s]*$"
)


def phone_left(text: str) -> bool:
    """Whether `text` is a phone number left to be called on and nothing else (「13812345678」
    「我的电话是138-1234-5678」)."""
    if not phones_in(text):
        return False
    rest = _LANDLINE.sub("", _PHONE.sub("", text)).strip()
    return _NUMBER_WORDS.match(rest) is not None


# 「刘奶奶的电话是…」「她电话：…」「联系人电话…」: whose number, said by whoever passes it on.
_WHOSE_NUMBER = re.compile(
    r"^(?:(?:[\u4e00-\u9fff]{1,5}?的?|联系人)?(?:联系)?(?:电话号码|电话|手机号码?|手机|号码|联系方式))?"
    r"(?:是|为)?[:：,，\s]*[。.!！~～\s]*$"
)


def someones_phone(text: str) -> bool:
    """Whether `text` is someone's phone number and nothing else (「刘奶奶的电话是139…」「她
    手机：139…」), as staff pass on the number of a resident they report for."""
    if not phones_in(text):
        return False
    rest = _LANDLINE.sub("", _PHONE.sub("", text)).strip()
    return _WHOSE_NUMBER.match(rest) is not None


def phone_keys(text: str) -> frozenset[str]:
    """How `mask_phones` knows the numbers in `text` again however they are written: a mobile
    by its 11 digits, a landline by its digits after the area code."""
    mobiles = {"".join(m.groups()) for m in _PHONE.finditer(text)}
    return frozenset(mobiles | {m["local"] or m["bare"] for m in _LANDLINE.finditer(text)})


def mask_phones(text: str, keep: frozenset[str] = frozenset()) -> str:
    """Mobile numbers as 138****5678, landlines as 010-****5678 (****5678 without an area
    code); numbers whose `phone_keys` are in `keep` (published ones) as written."""

    def mobile(found: re.Match[str]) -> str:
        if "".join(found.groups()) in keep:
            return found[0]
        return f"{found[1]}****{found[3]}"

    def landline(found: re.Match[str]) -> str:
        if (found["local"] or found["bare"]) in keep:
            return found[0]
        if found["bare"]:
            return f"{found['said']}****{found['bare'][-4:]}"
        return f"{found['area']}{found['dash']}****{found['local'][-4:]}"

    return _LANDLINE.sub(landline, _PHONE.sub(mobile, text))


def mask_text(text: str, keep: frozenset[str] = frozenset()) -> str:
    """Hide phone numbers (138****5678, 010-****5678), but those in `keep` (`mask_phones`), and
    remove ID numbers from text shown in groups."""
    return mask_phones(_ID_NUMBER.sub("[身份证号已隐藏]", text), keep)
