"""Text normalisation for parsing: what people type in chat is forgiving, the parser is strict."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_MEANINGFUL = re.compile(r"[0-9A-Za-z\u3400-\u9fff]")
_ISSUE_NUMBER = re.compile(r"^#?(\d{1,9})$")


def normalize(text: str) -> str:
    """Full-width to half-width (＃ → #, ：→ :, １２ → 12, 　→ space), trimmed, spaces collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def has_content(text: str) -> bool:
    """False for text with no letter, digit or Chinese character (emoji, punctuation, blanks)."""
    return _MEANINGFUL.search(text) is not None


def parse_issue_number(token: str) -> int | None:
    """`23`, `#23`, `＃２３` → 23."""
    match = _ISSUE_NUMBER.match(normalize(token))
    return int(match.group(1)) if match else None


def shorten(text: str, limit: int) -> str:
    """One line of at most `limit` characters, for quoting a long message back."""
    line = _SPACES.sub(" ", text).strip()
    return line if len(line) <= limit else line[: limit - 1] + "…"
