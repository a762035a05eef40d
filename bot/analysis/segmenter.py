"""A typed wrapper around a private jieba tokenizer.

jieba ships no type hints and keeps a process-global tokenizer that other code may load
dictionaries into; the analyser therefore builds its own :class:`jieba.Tokenizer`, adds every
keyword so that it segments whole, and exposes only what it needs: the offsets where words
begin and end.

The tokenizer's dictionary is jieba's own without its rarest words: the 212,000 words seen fewer
than five times in jieba's corpus (obscure names and compounds such as 淹到, 排水口) are dropped,
which keeps 136,000 words. That dictionary loads in about a third of the time of the whole one,
most of a bot's start-up, and it cuts rare compounds apart, so a keyword inside one (淹, 排水)
still counts whole; the labelled message sets score the same or better with it (README,
"Analysis"). It is built from jieba's on the first start and kept in the user's cache folder
(``$XDG_CACHE_HOME/linli``, else ``~/.cache/linli``); where that cannot be written, each start
builds it again, with the same result.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import marshal
import os
import sys
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

# jieba opens its bundled files through pkg_resources when setuptools is installed: a tenth of a
# second of imports at every start (and a deprecation warning) for what its own fallback, a plain
# open(), does. A None entry in sys.modules makes that one import fail, so jieba takes the fallback.
if "pkg_resources" in sys.modules:
    import jieba
else:
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]

__all__ = ["MIN_FREQUENCY", "Segmenter", "dictionary_cache"]

_log = logging.getLogger(__name__)

# jieba logs "Building prefix dict…" at DEBUG through its own stderr handler on every
# initialisation; that is noise in a chat bot's log and in `linli analyze` output.
logging.getLogger("jieba").setLevel(logging.WARNING)

MIN_FREQUENCY = 5
"""Words jieba saw fewer times than this are left out of the analyser's dictionary."""

_CACHE_FORMAT = 1

_cache_lock = threading.Lock()
_cache: dict[frozenset[str], Segmenter] = {}
_CACHE_SIZE = 8


def dictionary_cache() -> Path:
    """Where the pruned dictionary is kept: named after everything that decides its content
    (jieba's version and dictionary file, :data:`MIN_FREQUENCY`), so a change builds a new one."""
    source = Path(jieba.__file__).parent / "dict.txt"
    stat = source.stat()
    key = f"{jieba.__version__}|{stat.st_size}|{stat.st_mtime_ns}|{MIN_FREQUENCY}|{_CACHE_FORMAT}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "linli"
    return folder / f"jieba-{digest}.marshal"


@functools.cache
def _dictionary() -> tuple[dict[str, int], int]:
    """The pruned dictionary as jieba holds one: every word and every prefix of a word (frequency
    0) with its frequency, and the sum of the frequencies. Read from the cache, else built."""
    path = dictionary_cache()
    try:
        with path.open("rb") as cached:
            frequencies, total = marshal.load(cached)
        if isinstance(frequencies, dict) and isinstance(total, int) and total > 0:
            return frequencies, total
        _log.warning("jieba dictionary cache %s is not one; building it again", path)
    except FileNotFoundError:
        pass
    except (OSError, EOFError, ValueError, TypeError) as exc:
        _log.warning("jieba dictionary cache %s unreadable (%s); building it again", path, exc)
    frequencies, total = _pruned()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                marshal.dump((frequencies, total), out)
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        _log.info("jieba dictionary not cached at %s (%s)", path, exc)
    return frequencies, total


def _pruned() -> tuple[dict[str, int], int]:
    """jieba's whole dictionary, loaded, without the words seen fewer than MIN_FREQUENCY times."""
    whole = jieba.Tokenizer()
    whole.initialize()
    frequencies: dict[str, int] = {}
    total = 0
    for word, frequency in whole.FREQ.items():
        if frequency >= MIN_FREQUENCY:
            frequencies[word] = frequency
            total += frequency
    for word in list(frequencies):
        for end in range(1, len(word)):
            frequencies.setdefault(word[:end], 0)
    return frequencies, total


class Segmenter:
    """Word segmentation with a fixed extra vocabulary."""

    def __init__(self, words: Iterable[str]) -> None:
        self._vocabulary = frozenset(w for w in words if w)
        frequencies, total = _dictionary()
        self._tokenizer = jieba.Tokenizer()
        # What Tokenizer.initialize() sets from jieba's own cache; a copy, since add_word below
        # changes it.
        self._tokenizer.FREQ = dict(frequencies)
        self._tokenizer.total = total
        self._tokenizer.initialized = True
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
