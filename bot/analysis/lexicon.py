"""One-pass dictionary matching of every word list the analyser uses.

Category keywords, urgent words, complaint and chatter cues and named places are merged into
one table of surface strings, and :meth:`Lexicon.scan` finds every occurrence of every entry in
a single left-to-right pass. A prefix set stops each probe as soon as no entry can continue, so
the cost is a few dictionary look-ups per character however long the lists grow.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Hit", "Lexicon"]


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence of a lexicon entry in a text: ``text[start:end] == word``."""

    word: str
    start: int
    end: int


class Lexicon:
    """A set of surface strings with a fast all-occurrences scanner."""

    def __init__(self, words: Iterable[str]) -> None:
        self._words: frozenset[str] = frozenset(w for w in words if w)
        prefixes: set[str] = set()
        for word in self._words:
            for end in range(1, len(word) + 1):
                prefixes.add(word[:end])
        self._prefixes = frozenset(prefixes)
        self._first_chars = frozenset(word[0] for word in self._words)

    @property
    def words(self) -> frozenset[str]:
        return self._words

    def scan(self, text: str) -> list[Hit]:
        """Return every occurrence of every word, ordered by start and then by length."""
        hits: list[Hit] = []
        words = self._words
        prefixes = self._prefixes
        first_chars = self._first_chars
        length = len(text)
        for start in range(length):
            if text[start] not in first_chars:
                continue
            end = start + 1
            while end <= length:
                piece = text[start:end]
                if piece not in prefixes:
                    break
                if piece in words:
                    hits.append(Hit(piece, start, end))
                end += 1
        return hits
