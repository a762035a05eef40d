"""Analyser quality on the labelled message sets, held to stated floors.

tests/data/messages_dev.jsonl is what the keyword lists were tuned on; messages_holdout.jsonl
was evaluated once, at the end, and the floors below sit a little under what it measured, so a
change to the data files that makes the analyser clearly worse fails here. Run with ``-s`` to
see the tables; ``python -m bot.analysis.evaluate FILE`` prints the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.analysis import Analyzer, Category
from bot.analysis.evaluate import Report, evaluate, format_report, load_examples

DATA = Path(__file__).resolve().parents[1] / "data"
LABELLED_SETS = ("messages_dev.jsonl", "messages_holdout.jsonl")

# Floors, each a little below the holdout figure measured once at the end of tuning
# (holdout: macro-F1 0.853, category accuracy 0.853, complaint P 0.961 / R 0.953 / F1 0.957,
# urgent recall 0.714 of 14, building accuracy 0.974 of 77, no spurious buildings).
MACRO_F1_FLOOR = 0.82
CATEGORY_ACCURACY_FLOOR = 0.82
COMPLAINT_F1_FLOOR = 0.93
COMPLAINT_PRECISION_FLOOR = 0.93
URGENT_RECALL_FLOOR = 0.64  # one more miss out of 14
BUILDING_ACCURACY_FLOOR = 0.95
SPURIOUS_BUILDING_RATE_CEILING = 0.02  # share of messages without a building that get one
# Recall floor per category over complaint messages. The holdout has only 8 to 10 messages per
# category, so one miss moves recall by about a tenth: each floor is one miss below the
# measured value (in brackets).
CATEGORY_RECALL_FLOORS: dict[str, float] = {
    "drainage": 0.80,  # (0.90)
    "road": 0.55,  # (0.67)
    "parking": 0.66,  # (0.78)
    "charging": 0.87,  # (1.00)
    "sanitation": 0.75,  # (0.88)
    "noise": 0.55,  # (0.67)
    "lighting": 0.75,  # (0.88)
    "security": 0.75,  # (0.88)
    "greenery": 0.75,  # (0.88)
    "property": 0.87,  # (1.00)
    "dispute": 0.62,  # (0.75)
    "facility": 0.77,  # (0.89)
    "safety": 0.70,  # (0.80)
    "service": 0.87,  # (1.00)
    "other": 0.77,  # (0.89)
}


def floor_failures(report: Report) -> list[str]:
    """Every floor the report falls below, as readable lines (empty when all hold)."""
    failures: list[str] = []

    def check(name: str, value: float, floor: float) -> None:
        if value < floor:
            failures.append(f"{name} {value:.3f} < {floor:.3f}")

    check("macro-F1", report.macro_f1, MACRO_F1_FLOOR)
    check("category accuracy", report.category_accuracy, CATEGORY_ACCURACY_FLOOR)
    check("complaint F1", report.complaint_f1, COMPLAINT_F1_FLOOR)
    check("complaint precision", report.complaint_precision, COMPLAINT_PRECISION_FLOOR)
    check("urgent recall", report.urgent_recall, URGENT_RECALL_FLOOR)
    check("building accuracy", report.building_accuracy, BUILDING_ACCURACY_FLOOR)
    without_building = report.messages - report.building_support
    spurious_rate = report.spurious_buildings / without_building if without_building else 0.0
    if spurious_rate > SPURIOUS_BUILDING_RATE_CEILING:
        failures.append(
            f"spurious buildings {spurious_rate:.3f} > {SPURIOUS_BUILDING_RATE_CEILING}"
        )
    for code, floor in CATEGORY_RECALL_FLOORS.items():
        figures = report.category(code)
        if figures.support:
            check(f"{code} recall", figures.recall, floor)
    return failures


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.mark.parametrize("name", LABELLED_SETS)
def test_quality_floors(analyzer: Analyzer, name: str) -> None:
    path = DATA / name
    assert path.exists(), f"missing labelled set {path}"
    report = evaluate(load_examples(path), analyzer)
    print()
    print(format_report(report, title=name))
    failures = floor_failures(report)
    assert not failures, f"{name} below floor:\n" + "\n".join(failures)


def test_floors_catch_a_broken_analyser() -> None:
    """The floors bite: an analyser whose keywords match nothing fails them."""
    blind = Analyzer([Category(code="other", name="其他", level="简单", keywords={})])
    report = evaluate(load_examples(DATA / LABELLED_SETS[0]), blind)
    failures = floor_failures(report)
    assert any(line.startswith("macro-F1") for line in failures)
    assert any(line.startswith("complaint F1") for line in failures)
