"""The issue taxonomy (chat-protocol §7): category codes, names, triage levels and keywords.

The default taxonomy is read from ``bot/data/categories.yaml``, the single source that help
text, statistics and the analyser all share. Communities may pass their own list to
:class:`bot.analysis.analyzer.Analyzer`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from bot.analysis.resources import DataFileError, read_data_yaml

__all__ = [
    "DEFAULT_CATEGORIES_FILE",
    "OTHER_CODE",
    "PROPERTY_CODE",
    "SERVICE_CODE",
    "TRIAGE_LEVELS",
    "Category",
    "load_default_categories",
    "parse_categories",
]

DEFAULT_CATEGORIES_FILE = "categories.yaml"
OTHER_CODE = "other"
# 政务服务: certificates, subsidies, insurance. Its questions are answered at the office.
SERVICE_CODE = "service"
# 物业服务: the property company's, whose number config.yaml may give.
PROPERTY_CODE = "property"
TRIAGE_LEVELS: tuple[str, ...] = ("简单", "复杂", "疑难")


@dataclass(frozen=True)
class Category:
    """One issue category: its code, Chinese name, default triage level and weighted keywords."""

    code: str
    name: str
    level: str
    # Excluded from the hash because mappings are unhashable; equality still compares it.
    keywords: Mapping[str, float] = field(default_factory=dict, hash=False)
    short: str = ""  # 停车 for 停车通行, in the statistics' sentence; the name when not given

    @property
    def short_name(self) -> str:
        return self.short or self.name

    def __post_init__(self) -> None:
        if self.level not in TRIAGE_LEVELS:
            raise ValueError(
                f"分类 {self.code} 的级别「{self.level}」无效，应为 {'/'.join(TRIAGE_LEVELS)}"
            )
        frozen: dict[str, float] = {}
        for word, weight in self.keywords.items():
            if not word or float(weight) <= 0:
                raise ValueError(f"分类 {self.code} 的关键词「{word}」权重应为正数")
            frozen[word] = float(weight)
        # A read-only view keeps the frozen dataclass honest: nobody can add keywords behind
        # the analyser's back after its lexicon has been built.
        object.__setattr__(self, "keywords", MappingProxyType(frozen))


def parse_categories(data: Any, source: str = DEFAULT_CATEGORIES_FILE) -> list[Category]:
    """Build categories from parsed YAML of the ``categories.yaml`` shape.

    ``data`` is either the whole document (a mapping with a ``categories`` list) or the list
    itself, so a community config can embed the same structure.
    """
    items = data.get("categories") if isinstance(data, Mapping) else data
    if not isinstance(items, list) or not items:
        raise DataFileError(f"{source}：需要一个非空的 categories 列表")
    categories: list[Category] = []
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        if not isinstance(item, Mapping):
            raise DataFileError(f"{source}：第 {index} 个分类应该是「键: 值」的映射")
        code, name, level = item.get("code"), item.get("name"), item.get("level")
        if not isinstance(code, str) or not isinstance(name, str) or not isinstance(level, str):
            raise DataFileError(f"{source}：第 {index} 个分类缺少 code、name 或 level")
        short = item.get("short", "")
        if not isinstance(short, str):
            raise DataFileError(f"{source}：分类 {code} 的 short 应该是文字")
        if code in seen:
            raise DataFileError(f"{source}：分类代码 {code} 重复")
        seen.add(code)
        raw_keywords = item.get("keywords") or {}
        if not isinstance(raw_keywords, Mapping):
            raise DataFileError(f"{source}：分类 {code} 的 keywords 应该是「词: 权重」")
        keywords: dict[str, float] = {}
        for word, weight in raw_keywords.items():
            if not isinstance(weight, int | float) or isinstance(weight, bool):
                raise DataFileError(f"{source}：分类 {code} 的关键词「{word}」权重不是数字")
            keywords[str(word)] = float(weight)
        try:
            categories.append(
                Category(code=code, name=name, level=level, keywords=keywords, short=short)
            )
        except ValueError as exc:
            raise DataFileError(f"{source}：{exc}") from exc
    return categories


@functools.cache
def _default_categories() -> tuple[Category, ...]:
    categories = parse_categories(read_data_yaml(DEFAULT_CATEGORIES_FILE))
    if categories[-1].code != OTHER_CODE:
        raise DataFileError(f"{DEFAULT_CATEGORIES_FILE}：最后一个分类必须是 {OTHER_CODE}")
    return tuple(categories)


def load_default_categories() -> list[Category]:
    """The 15 default categories of chat-protocol §7, in order, ``other`` last.

    Parsed once per process; each call returns a fresh list so callers may reorder or extend it.
    """
    return list(_default_categories())
