"""Throughput of the message analyser against plain jieba segmentation.

Run: ``.venv/bin/python bench/bench_analyze.py [labelled.jsonl] [--messages N]``.
Prints start-up time, messages/s of ``Analyzer.analyze`` over the dev texts repeated to about
20,000 messages, messages/s of plain ``jieba.lcut`` over the same texts (the floor the analyser
cannot beat, since it segments too) and their ratio. Target: at least 5,000 messages/s.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_TEXTS = ROOT / "tests" / "data" / "messages_dev.jsonl"


def load_texts(path: Path) -> list[str]:
    """The "text" of every non-blank line of a JSON-lines file."""
    with path.open(encoding="utf-8") as handle:
        return [str(json.loads(line)["text"]) for line in handle if line.strip()]


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def main() -> int:
    parser = argparse.ArgumentParser(description="分析器吞吐量测试")
    parser.add_argument("texts", nargs="?", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--messages", type=int, default=20_000, help="大约测多少条消息")
    args = parser.parse_args()

    base = load_texts(args.texts)
    if not base:
        print(f"{args.texts} 里没有消息", file=sys.stderr)
        return 1
    texts = (base * (args.messages // len(base) + 1))[: args.messages]

    started = time.perf_counter()
    from bot.analysis import Analyzer

    analyzer = Analyzer()
    analyzer.analyze("3号楼2单元楼道灯坏了")  # first call warms caches, as in a running bot
    startup = time.perf_counter() - started

    started = time.perf_counter()
    for text in texts:
        analyzer.analyze(text)
    analyzer_rate = rate(len(texts), time.perf_counter() - started)

    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    started = time.perf_counter()
    for text in texts:
        tokenizer.lcut(text)
    jieba_rate = rate(len(texts), time.perf_counter() - started)

    print(f"texts              {args.texts} ({len(base)} distinct, {len(texts)} analysed)")
    print(f"start-up           {startup:.2f} s (imports, taxonomy, jieba dictionary)")
    print(f"Analyzer.analyze   {analyzer_rate:,.0f} msg/s")
    print(f"jieba.lcut         {jieba_rate:,.0f} msg/s (default mode, the floor)")
    print(f"ratio              {analyzer_rate / jieba_rate:.2f} of plain jieba")
    return 0


if __name__ == "__main__":
    sys.exit(main())
