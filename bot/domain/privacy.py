"""How people appear in group messages (chat-protocol §9): masked, never in full."""

from __future__ import annotations

import re

_PHONE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")


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


def mask_text(text: str) -> str:
    """Hide phone numbers (138****5678) and remove ID numbers from text shown in groups."""
    text = _ID_NUMBER.sub("[身份证号已隐藏]", text)
    return _PHONE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
