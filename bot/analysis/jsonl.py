"""Batch analysis over JSON lines, behind ``linli analyze``.

Input: one JSON object per line with a string ``"text"`` (and optionally ``"id"``).
Output: exactly one JSON line per non-blank input line, either the analysis or
``{"error": "<原因>", "line": N}``; a bad line never stops the run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from bot.analysis.analyzer import Analysis, Analyzer

__all__ = ["OUTPUT_FIELDS", "analysis_record", "analyze_lines"]

# The documented, stable output fields, in output order ("id" is passed through first if given).
OUTPUT_FIELDS: tuple[str, ...] = (
    "category",
    "category_name",
    "building",
    "unit",
    "room",
    "place",
    "complaint",
    "complaint_score",
    "urgent",
    "confidence",
)


def analysis_record(analysis: Analysis, analyzer: Analyzer) -> dict[str, Any]:
    """The JSON-ready record of one analysis, with the fields of :data:`OUTPUT_FIELDS`."""
    location = analysis.location
    return {
        "category": analysis.category,
        "category_name": analyzer.category_name(analysis.category),
        "building": location.building,
        "unit": location.unit,
        "room": location.room,
        "place": location.place,
        "complaint": analysis.complaint,
        "complaint_score": analysis.complaint_score,
        "urgent": analysis.urgent,
        "confidence": analysis.confidence,
    }


def _parse(line: str) -> tuple[dict[str, Any] | None, str | None]:
    """Return (object, None) for a usable line or (None, reason) for a bad one."""
    try:
        value: object = json.loads(line)
    except ValueError:
        return None, "不是合法的 JSON"
    if not isinstance(value, dict):
        return None, "不是 JSON 对象"
    if not isinstance(value.get("text"), str):
        return None, "缺少字符串字段 text"
    return value, None


def analyze_lines(lines: Iterable[str], out: TextIO, analyzer: Analyzer) -> tuple[int, int]:
    """Analyse JSON lines from ``lines`` into ``out``; return (analysed, errors).

    Line numbers in error records count every input line from 1, blank ones included, so they
    match what an editor shows.
    """
    # An interactive reader wants each answer as it is made; a pipe or file wants throughput.
    interactive = out.isatty()
    analysed = errors = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        obj, reason = _parse(line)
        record: dict[str, Any]
        if obj is None:
            record = {"error": reason, "line": number}
            errors += 1
        else:
            record = {"id": obj["id"]} if "id" in obj else {}
            record.update(analysis_record(analyzer.analyze(obj["text"]), analyzer))
            analysed += 1
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")
        if interactive:
            out.flush()
    return analysed, errors
