"""Cue-word tables and scoring parameters, read from ``bot/data/signals.yaml``.

Kept apart from the analyser so that the tables are validated once, with messages that name
the file and the entry, and the analyser only deals with clean typed values.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from bot.analysis.resources import DataFileError, read_data_yaml, read_word_list

__all__ = ["ComplaintModel", "Scoring", "Signals", "load_default_signals"]

SIGNALS_FILE = "signals.yaml"
PLACES_FILE = "places.txt"
USERDICT_FILE = "userdict.txt"


@dataclass(frozen=True)
class Scoring:
    """How keyword hits become a category and a confidence."""

    substring_factor: float
    single_char_substring_factor: float
    min_category_score: float
    strength_half: float
    margin_floor: float


@dataclass(frozen=True)
class ComplaintModel:
    """Weights of the logistic complaint score (see signals.yaml for their meaning)."""

    bias: float
    cue_weight: float
    cue_cap: float
    category_weight: float
    category_cap: float
    location_weight: float
    urgent_weight: float
    chatter_weight: float
    chatter_cap: float
    threshold: float
    suggest_threshold: float  # untagged messages this sure get a 「回复 #立案」 suggestion


@dataclass(frozen=True)
class Signals:
    """Everything the analyser reads from data files apart from the taxonomy."""

    urgent: tuple[str, ...]
    urgent_negations: tuple[str, ...]
    urgent_negation_window: int
    # Phrases inside which a danger word means a nuisance: 「油烟太大」 is not 「烟太大」.
    urgent_exceptions: tuple[str, ...]
    all_clear: tuple[str, ...]
    # 「没事」「不要紧」 after a danger word, ending its clause: 「饭烧焦了，没事」.
    all_clear_after: tuple[str, ...]
    complaint_cues: Mapping[str, float]
    chatter_cues: Mapping[str, float]
    places: tuple[str, ...]
    user_words: tuple[str, ...]
    scoring: Scoring
    complaint_model: ComplaintModel


def _words(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str | int) for w in value):
        raise DataFileError(f"{SIGNALS_FILE}：{key} 应该是词的列表")
    return tuple(str(w).lower() for w in value if str(w))


def _weights(data: Mapping[str, Any], key: str) -> dict[str, float]:
    value = data.get(key)
    if not isinstance(value, Mapping):
        raise DataFileError(f"{SIGNALS_FILE}：{key} 应该是「词: 权重」")
    table: dict[str, float] = {}
    for word, weight in value.items():
        if not isinstance(weight, int | float) or isinstance(weight, bool):
            raise DataFileError(f"{SIGNALS_FILE}：{key} 里「{word}」的权重不是数字")
        word_text = str(word).lower()
        table[word_text] = max(table.get(word_text, 0.0), float(weight))
    return table


def _numbers(data: Mapping[str, Any], key: str, names: tuple[str, ...]) -> dict[str, float]:
    section = data.get(key)
    if not isinstance(section, Mapping):
        raise DataFileError(f"{SIGNALS_FILE}：缺少 {key} 段")
    values: dict[str, float] = {}
    for name in names:
        value = section.get(name)
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise DataFileError(f"{SIGNALS_FILE}：{key}.{name} 应该是数字")
        values[name] = float(value)
    return values


@functools.cache
def load_default_signals() -> Signals:
    """Parse signals.yaml, places.txt and userdict.txt once per process."""
    data = read_data_yaml(SIGNALS_FILE)
    scoring = _numbers(
        data,
        "scoring",
        (
            "substring_factor",
            "single_char_substring_factor",
            "min_category_score",
            "strength_half",
            "margin_floor",
        ),
    )
    model = _numbers(
        data,
        "complaint_model",
        (
            "bias",
            "cue_weight",
            "cue_cap",
            "category_weight",
            "category_cap",
            "location_weight",
            "urgent_weight",
            "chatter_weight",
            "chatter_cap",
            "threshold",
            "suggest_threshold",
        ),
    )
    window = data.get("urgent_negation_window")
    if not isinstance(window, int) or window < 0:
        raise DataFileError(f"{SIGNALS_FILE}：urgent_negation_window 应该是非负整数")
    return Signals(
        urgent=_words(data, "urgent"),
        urgent_negations=_words(data, "urgent_negations"),
        urgent_negation_window=window,
        urgent_exceptions=_words(data, "urgent_exceptions"),
        all_clear=_words(data, "all_clear"),
        all_clear_after=_words(data, "all_clear_after"),
        complaint_cues=MappingProxyType(_weights(data, "complaint_cues")),
        chatter_cues=MappingProxyType(_weights(data, "chatter_cues")),
        places=tuple(w.lower() for w in read_word_list(PLACES_FILE)),
        user_words=tuple(w.lower() for w in read_word_list(USERDICT_FILE)),
        scoring=Scoring(**scoring),
        complaint_model=ComplaintModel(**model),
    )
