"""How people appear in group messages (chat-protocol §9): masked, never in full."""

from __future__ import annotations

import re

# A mobile number, also as 138-1234-5678, 138 1234 5678 or +86 13812345678.
_PHONE = re.compile(r"(?<![\d+])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
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


def phone_in(text: str) -> str | None:
    """The first mobile number in `text`, as its 11 digits (「来电号码：138-1234-5678」)."""
    found = _PHONE.search(text)
    return "".join(found.groups()) if found else None


def mask_text(text: str) -> str:
    """Hide phone numbers (138****5678) and remove ID numbers from text shown in groups."""
    text = _ID_NUMBER.sub("[身份证号已隐藏]", text)
    return _PHONE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
