"""Reading the analyser's data files under ``bot/data/``.

Every keyword, weight and cue word lives in those files (YAML or one-item-a-line text) so that a
community's IT person can extend them without touching code. This module owns locating and
parsing them; it knows nothing about what the words mean.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

__all__ = ["DataFileError", "read_data_text", "read_data_yaml", "read_word_list"]

_PACKAGE = "bot"
_DATA_DIR = "data"

# The C loader parses the taxonomy several times faster; fall back where libyaml is absent.
# Both are safe loaders: data files can never construct Python objects.
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataFileError(ValueError):
    """A data file is missing or malformed; the message names the file and says what is wrong."""


def read_data_text(name: str) -> str:
    """Return the UTF-8 text of ``bot/data/<name>``."""
    try:
        return resources.files(_PACKAGE).joinpath(_DATA_DIR, name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataFileError(f"找不到数据文件 bot/data/{name}") from exc


def read_data_yaml(name: str) -> dict[str, Any]:
    """Parse ``bot/data/<name>`` as YAML; the top level must be a mapping."""
    try:
        loaded: object = yaml.load(read_data_text(name), Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        raise DataFileError(f"bot/data/{name} 不是合法的 YAML：{exc}") from exc
    if not isinstance(loaded, dict):
        raise DataFileError(f"bot/data/{name} 的顶层应该是「键: 值」的映射")
    return {str(key): value for key, value in loaded.items()}


def read_word_list(name: str) -> list[str]:
    """Read a one-item-a-line list; blank lines and ``#`` comment lines are skipped.

    A line may carry extra whitespace-separated fields (jieba's ``word freq tag`` format);
    only the first field is returned, because every caller wants the word itself.
    """
    words: list[str] = []
    for raw in read_data_text(name).splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        words.append(line.split()[0])
    return words
