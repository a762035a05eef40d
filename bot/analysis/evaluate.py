"""Quality figures of the analyser on a labelled JSON-lines file.

Each line: ``{"text", "category" (code, or null for chatter), "complaint", "urgent",
"building", "unit", "room"}``. Run ``python -m bot.analysis.evaluate FILE…`` to print the table
that the README quotes; ``tests/unit/test_analysis_quality.py`` holds the same figures to floors.

What is measured, and over which messages:

- category precision/recall/F1 per code and their macro average: messages labelled complaints;
- complaint precision/recall/F1: all messages;
- urgent recall (and precision): all messages;
- building accuracy: messages with a labelled building (exact match); spurious buildings:
  messages without one where the analyser still found one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.analysis.analyzer import Analyzer

__all__ = ["CategoryFigures", "Example", "Report", "evaluate", "format_report", "load_examples"]


@dataclass(frozen=True)
class Example:
    """One labelled message."""

    text: str
    category: str | None
    complaint: bool
    urgent: bool
    building: str | None
    unit: str | None
    room: str | None


@dataclass(frozen=True)
class CategoryFigures:
    """Precision, recall and F1 of one category over complaint messages."""

    code: str
    name: str
    support: int  # labelled with this category
    predicted: int  # predicted as this category
    correct: int

    @property
    def precision(self) -> float:
        return _ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.correct, self.support)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


@dataclass(frozen=True)
class Report:
    """All figures for one labelled set."""

    messages: int
    complaints: int
    categories: tuple[CategoryFigures, ...]
    category_accuracy: float
    macro_f1: float
    complaint_precision: float
    complaint_recall: float
    complaint_f1: float
    urgent_support: int
    urgent_recall: float
    urgent_precision: float
    building_support: int
    building_accuracy: float
    spurious_buildings: int
    unit_accuracy: float
    room_accuracy: float
    errors: tuple[str, ...] = field(default=())

    def category(self, code: str) -> CategoryFigures:
        """Figures of one category code."""
        for figures in self.categories:
            if figures.code == code:
                return figures
        raise KeyError(code)


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _optional_str(value: Any) -> str | None:
    return None if value is None else str(value)


def load_examples(path: Path) -> list[Example]:
    """Read a labelled JSON-lines file; blank lines are skipped, malformed ones raise."""
    examples: list[Example] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                examples.append(
                    Example(
                        text=str(raw["text"]),
                        category=_optional_str(raw.get("category")),
                        complaint=bool(raw.get("complaint")),
                        urgent=bool(raw.get("urgent")),
                        building=_optional_str(raw.get("building")),
                        unit=_optional_str(raw.get("unit")),
                        room=_optional_str(raw.get("room")),
                    )
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: 无法读取标注：{exc}") from exc
    return examples


def _pair_accuracy(pairs: Sequence[tuple[str | None, str | None]]) -> float:
    labelled = [(gold, got) for gold, got in pairs if gold is not None]
    return _ratio(sum(gold == got for gold, got in labelled), len(labelled))


def evaluate(examples: Iterable[Example], analyzer: Analyzer | None = None) -> Report:
    """Analyse every example and compute the figures."""
    analyzer = analyzer or Analyzer()
    items = list(examples)
    results = [analyzer.analyze(example.text) for example in items]

    complaint_pairs = [
        (example.category or "other", result.category)
        for example, result in zip(items, results, strict=True)
        if example.complaint
    ]
    codes = [category.code for category in analyzer.categories]
    for gold, _ in complaint_pairs:
        if gold not in codes:
            codes.append(gold)
    figures = tuple(
        CategoryFigures(
            code=code,
            name=analyzer.category_name(code),
            support=sum(gold == code for gold, _ in complaint_pairs),
            predicted=sum(got == code for _, got in complaint_pairs),
            correct=sum(gold == got == code for gold, got in complaint_pairs),
        )
        for code in codes
    )
    supported = [f for f in figures if f.support]
    macro_f1 = sum(f.f1 for f in supported) / len(supported) if supported else 0.0

    true_pos = sum(e.complaint and r.complaint for e, r in zip(items, results, strict=True))
    predicted_pos = sum(r.complaint for r in results)
    actual_pos = sum(e.complaint for e in items)
    complaint_precision = _ratio(true_pos, predicted_pos)
    complaint_recall = _ratio(true_pos, actual_pos)

    urgent_hits = sum(e.urgent and r.urgent for e, r in zip(items, results, strict=True))
    urgent_support = sum(e.urgent for e in items)

    buildings = [(e.building, r.location.building) for e, r in zip(items, results, strict=True)]
    errors = tuple(
        f"{example.category or '-'}→{result.category} "
        f"{'C' if example.complaint else 'c'}→{'C' if result.complaint else 'c'}: {example.text}"
        for example, result in zip(items, results, strict=True)
        if (example.complaint and (example.category or "other") != result.category)
        or example.complaint != result.complaint
    )
    return Report(
        messages=len(items),
        complaints=len(complaint_pairs),
        categories=figures,
        category_accuracy=_ratio(sum(g == p for g, p in complaint_pairs), len(complaint_pairs)),
        macro_f1=macro_f1,
        complaint_precision=complaint_precision,
        complaint_recall=complaint_recall,
        complaint_f1=_f1(complaint_precision, complaint_recall),
        urgent_support=urgent_support,
        urgent_recall=_ratio(urgent_hits, urgent_support),
        urgent_precision=_ratio(urgent_hits, sum(r.urgent for r in results)),
        building_support=sum(gold is not None for gold, _ in buildings),
        building_accuracy=_pair_accuracy(buildings),
        spurious_buildings=sum(gold is None and got is not None for gold, got in buildings),
        unit_accuracy=_pair_accuracy(
            [(e.unit, r.location.unit) for e, r in zip(items, results, strict=True)]
        ),
        room_accuracy=_pair_accuracy(
            [(e.room, r.location.room) for e, r in zip(items, results, strict=True)]
        ),
        errors=errors,
    )


def format_report(report: Report, title: str = "") -> str:
    """The figures as a plain-text table."""
    lines = [title] if title else []
    lines.append(f"messages {report.messages}, complaints {report.complaints}")
    lines.append(f"{'category':<11}{'名称':<6}{'n':>5}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}")
    for f in report.categories:
        if not f.support and not f.predicted:
            continue
        name = f.name + "\u3000" * max(0, 4 - len(f.name))
        lines.append(
            f"{f.code:<11}{name:<4}{f.support:>5}{f.predicted:>6}"
            f"{f.precision:>7.2f}{f.recall:>7.2f}{f.f1:>7.2f}"
        )
    lines.append(
        f"category accuracy {report.category_accuracy:.3f}   macro-F1 {report.macro_f1:.3f}"
    )
    lines.append(
        f"complaint P {report.complaint_precision:.3f}  R {report.complaint_recall:.3f}"
        f"  F1 {report.complaint_f1:.3f}"
    )
    lines.append(
        f"urgent recall {report.urgent_recall:.3f} (n={report.urgent_support})"
        f"  precision {report.urgent_precision:.3f}"
    )
    lines.append(
        f"building accuracy {report.building_accuracy:.3f} (n={report.building_support})"
        f"  spurious {report.spurious_buildings}"
        f"  unit {report.unit_accuracy:.3f}  room {report.room_accuracy:.3f}"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.analysis.evaluate", description="分析器在标注数据上的准确率"
    )
    parser.add_argument("files", nargs="+", type=Path, help="标注的 JSON lines 文件")
    parser.add_argument("--errors", action="store_true", help="列出分错的消息")
    args = parser.parse_args(argv)
    analyzer = Analyzer()
    for path in args.files:
        report = evaluate(load_examples(path), analyzer)
        print(format_report(report, title=str(path)))
        if args.errors:
            print("\n".join(report.errors))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
