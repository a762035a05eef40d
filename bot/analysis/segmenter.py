"""A typed wrapper around a private jieba tokenizer.

jieba ships no type hints and keeps a process-global tokenizer that other code may load
dictionaries into; the analyser therefore builds its own :class:`jieba.Tokenizer`, adds every
keyword so that it segments whole, and exposes only what it needs: the offsets where words
begin and end. Building a tokenizer loads jieba's 350,000-word dictionary (about a second), so
tokenizers are shared between analysers that ask for the same vocabulary.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

import jieba

__all__ = ["Segmenter"]

# jieba logs "Building prefix dict…" at DEBUG through its own stderr handler on every
# initialisation; that is noise in a chat bot's log and in `linli analyze` output.
logging.getLogger("jieba").setLevel(logging.WARNING)

_cache_lock = threading.Lock()
_cache: dict[frozenset[str], Segmenter] = {}
_CACHE_SIZE = 8


class Segmenter:
    """Word segmentation with a fixed extra vocabulary."""

    def __init__(self, words: Iterable[str]) -> None:
        self._vocabulary = frozenset(w for w in words if w)
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.initialize()
        # Multi-character words only: single characters are already in jieba's dictionary, and
        # boosting them would break real words apart.
        for word in sorted(self._vocabulary):
            if len(word) < 2:
                continue
            self._tokenizer.add_word(word)
            # suggest_freq raises the word's frequency until jieba prefers it over its own split,
            # which is what "segments whole" means for the keyword matcher.
            self._tokenizer.suggest_freq(word, tune=True)

    @classmethod
    def shared(cls, words: Iterable[str]) -> Segmenter:
        """Return a segmenter for this vocabulary, reusing one built earlier in the process."""
        key = frozenset(w for w in words if w)
        with _cache_lock:
            found = _cache.get(key)
            if found is None:
                found = cls(key)
                if len(_cache) >= _CACHE_SIZE:
                    _cache.pop(next(iter(_cache)))
                _cache[key] = found
            return found

    def words(self, text: str) -> list[str]:
        """``text`` cut into words, dictionary only (as :meth:`boundaries` cuts it)."""
        return list(self._tokenizer.lcut(text, HMM=False))

    def boundaries(self, text: str) -> set[int]:
        """Offsets in ``text`` where a word starts or ends (0 and ``len(text)`` included)."""
        # HMM would glue unknown neighbours into invented words ("灯坏"), hiding the keywords we
        # look for; dictionary-only cutting is also about twice as fast.
        offsets = {0}
        position = 0
        for word in self._tokenizer.lcut(text, HMM=False):
            position += len(word)
            offsets.add(position)
        return offsets
