"""Intake throughput (`make bench`): messages/s through the path every adapter uses, against a
floor that does the least any bot must do per message.

The measured path is what `bot.app.serve()` does per message: `Dispatcher.dispatch()` (routing,
analysis, storage, the reply queued as an outbox row, one commit), then `Outbox.flush()` sending
the reply through a null adapter. The floor is plain `jieba.lcut` of the same text plus one
stdlib sqlite3 INSERT and commit per message into a file with the same pragmas (WAL,
synchronous=NORMAL): segmenting and durably keeping a message, with no framework. Also the
per-message latency in process (dispatch + flush), p50 and p99.

Targets: intake at least 0.5 of the floor; p99 under 20 ms. Printed, not asserted.
Run: .venv/bin/python bench/bench_intake.py [--messages 5000] [--warmup 200] [--seed 9]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import multiprocessing
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.app import bootstrap  # noqa: E402
from bot.clock import VirtualClock  # noqa: E402
from bot.config import Database, Settings, load_settings  # noqa: E402
from bot.messages import ChatRef, IncomingMessage, Outgoing, PersonRef  # noqa: E402
from bot.outbox import Outbox  # noqa: E402
from bot.pacing import Limits, Pacer  # noqa: E402

CONFIG = ROOT / "config.example.yaml"
TZ = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)  # a Monday morning: an ordinary working day
TARGET_RATIO = 0.5
TARGET_P99_MS = 20.0

# -- the messages ---------------------------------------------------------------------------------

GRID_CHATS = {"网格3群": (1, 2, 3, 4), "网格5群": (5, 6, 7)}  # chat → its buildings (config)
RESIDENT_CHAT = "幸福里居民群"
RESIDENTS = ("王芳", "刘阿姨", "陈大爷", "孙先生", "周女士", "吴姐", "郑师傅", "何老师", "冯大妈")
WORKERS = {"网格3群": "张网格", "网格5群": "赵网格"}
PROBLEMS = (
    "{b}号楼{u}单元楼道灯坏了，晚上黑漆漆的，老人上下楼很危险",
    "{b}号楼{u}单元下水道又堵了，一楼厨房都返水了",
    "{b}号楼门口有辆僵尸车停了半年，占着消防通道",
    "{b}号楼{u}单元电梯又停了，困了人，赶紧来看看！",
    "{b}号楼楼下垃圾好几天没人清了，味道很大",
    "{b}号楼{u}单元{r}室楼上装修天天早上七点就开始砸墙",
    "{b}号楼旁边的井盖松了，踩上去晃",
    "{b}号楼{u}单元门禁坏了，谁都能进",
    "{b}号楼充电桩一直充不上电，物业电话打不通",
    "{b}号楼前面的树枝挡住路灯了，需要修剪",
    "南门口的路灯不亮了，{b}号楼这边一片黑",
    "小广场的健身器材螺丝掉了，{b}号楼的孩子差点摔了",
)
CHATTER = (
    "今天天气不错，大家出门记得带伞",
    "谁家的快递放错了？在{b}号楼门口",
    "明天几点停水啊？",
    "收到，谢谢网格员",
    "好的好的",
    "晚上广场舞还跳吗",
    "有没有人拼团买菜",
    "{b}号楼的李阿姨，你家猫跑出来了",
    "👍👍👍",
    "请问社区医院周末开门吗？",
    "物业费在哪里交",
    "辛苦了！",
)
RESIDENT_COMMANDS = ("/list 我的", "帮助", "/points", "/show 1")
WORKER_COMMANDS = ("/list", "/list 红", "/show 2")


def build_messages(
    count: int, *, seed: int = 9, session: str = "b", start: datetime = START
) -> list[IncomingMessage]:
    """`count` group messages, about 35% reports, 55% chatter and 10% commands, from several
    residents and the grid workers in the example config's groups, a few seconds apart.

    `session` prefixes every message id: processes sharing one database need different ones."""
    rng = random.Random(seed)
    messages: list[IncomingMessage] = []
    chats = [*GRID_CHATS, RESIDENT_CHAT]
    for n in range(count):
        chat = rng.choice(chats)
        buildings = GRID_CHATS.get(chat, (1, 2, 3, 4, 5, 6, 7))
        fill = {
            "b": rng.choice(buildings),
            "u": rng.randint(1, 3),
            "r": rng.choice((101, 202, 301, 502, 601)),
        }
        speaker = rng.choice(RESIDENTS)
        roll = rng.random()
        if roll < 0.35:
            tag = rng.choice(("#报事", "#报事", "#诉求", "#求助"))
            text = f"{tag} {rng.choice(PROBLEMS).format(**fill)}"
        elif roll < 0.90:
            text = rng.choice(CHATTER).format(**fill)
        elif chat in WORKERS and rng.random() < 0.5:
            speaker, text = WORKERS[chat], rng.choice(WORKER_COMMANDS)
        else:
            text = rng.choice(RESIDENT_COMMANDS)
        messages.append(
            IncomingMessage(
                chat=ChatRef("console", chat, chat),
                sender=PersonRef("console", speaker, speaker),
                text=text,
                message_id=f"{session}-{n}",
                sent_at=start + timedelta(seconds=5 * n),
            )
        )
    return messages


# -- the measured path ----------------------------------------------------------------------------


class NullAdapter:
    """An adapter that takes every message and sends it nowhere."""

    platform = "console"
    help_note = ""

    def __init__(self) -> None:
        self.sent = 0

    async def run(self, deliver: object) -> None:
        return None

    async def send(self, message: Outgoing) -> None:
        self.sent += 1


@dataclass(frozen=True)
class Figures:
    messages: int
    seconds: float
    replies: int
    latencies_ms: list[float]
    kinds: list[str] = field(default_factory=list)  # per message: report · command · chatter

    @property
    def rate(self) -> float:
        return self.messages / self.seconds if self.seconds > 0 else float("inf")

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else 0.0

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0

    @property
    def p99(self) -> float:
        return self.percentile(99)

    def of_kind(self, kind: str) -> Figures:
        chosen = [ms for ms, k in zip(self.latencies_ms, self.kinds, strict=True) if k == kind]
        return Figures(len(chosen), sum(chosen) / 1000, 0, chosen, [kind] * len(chosen))


def settings_for(database_url: str) -> Settings:
    settings = load_settings(CONFIG)
    return settings.model_copy(update={"database": Database(url=database_url)})


def intake_rate(
    database_url: str,
    messages: Sequence[IncomingMessage],
    warmup: Sequence[IncomingMessage] = (),
    ready: Callable[[], object] | None = None,
) -> Figures:
    """Deliver `messages` one by one as `serve()` does (dispatch, then flush the outbox through
    a null adapter) and time them; `warmup` messages go first, untimed.

    Nothing here depends on the database: any SQLAlchemy URL works. The PostgreSQL run
    ("1 process vs 4 processes") calls this with a postgresql+psycopg:// URL, once per process,
    each process with its own `build_messages(session=…)` ids.
    """
    clock = VirtualClock(messages[0].sent_at if messages else START)
    linli = bootstrap(settings_for(database_url), clock)
    adapter = NullAdapter()
    limits = linli.services.settings.rate_limit(adapter.platform)
    pacer = Pacer(
        Limits(limits.overall, limits.overall_window, limits.per_chat, limits.chat_window)
    )
    outbox = Outbox(linli.sessions, {adapter.platform: adapter}, clock, {adapter.platform: pacer})
    dispatch = linli.dispatcher.dispatch

    kinds_seen: list[str] = []

    async def deliver_all(batch: Sequence[IncomingMessage], latencies: list[float] | None) -> None:
        for message in batch:
            clock.set(message.sent_at)
            started = time.perf_counter()
            if dispatch(message):  # as serve() does: flush when something was queued
                await outbox.flush()
            if latencies is not None:
                latencies.append((time.perf_counter() - started) * 1000)
                kinds_seen.append(kind_of(message.text))

    async def run() -> Figures:
        await deliver_all(warmup, None)
        if ready is not None:
            ready()  # several processes: start timing together
        before = adapter.sent
        latencies: list[float] = []
        started = time.perf_counter()
        await deliver_all(messages, latencies)
        seconds = time.perf_counter() - started
        return Figures(len(messages), seconds, adapter.sent - before, latencies, kinds_seen)

    try:
        return asyncio.run(run())
    finally:
        outbox.close()
        linli.close()


# -- the floor ------------------------------------------------------------------------------------


def floor_rate(path: Path, texts: list[str], warmup: list[str]) -> Figures:
    """jieba.lcut + one sqlite3 INSERT and commit per message, same pragmas as Linli's engine."""
    import jieba

    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute(
        "CREATE TABLE messages (id INTEGER PRIMARY KEY, text TEXT NOT NULL, words TEXT NOT NULL)"
    )

    def one(text: str) -> None:
        words = jieba.lcut(text)
        connection.execute("BEGIN")
        connection.execute(
            "INSERT INTO messages (text, words) VALUES (?, ?)", (text, " ".join(words))
        )
        connection.execute("COMMIT")

    for text in warmup:
        one(text)
    latencies: list[float] = []
    started = time.perf_counter()
    for text in texts:
        t0 = time.perf_counter()
        one(text)
        latencies.append((time.perf_counter() - t0) * 1000)
    seconds = time.perf_counter() - started
    connection.close()
    return Figures(len(texts), seconds, 0, latencies)


# -- the report -----------------------------------------------------------------------------------


KINDS = ("report", "command", "chatter")


def kind_of(text: str) -> str:
    if text.startswith("#"):
        return "report"
    return "command" if text.startswith("/") or text == "帮助" else "chatter"


def kinds(messages: Sequence[IncomingMessage]) -> str:
    counted = Counter(kind_of(m.text) for m in messages)
    return ", ".join(f"{counted[kind]} {kind}s" for kind in KINDS)


# -- PostgreSQL: one process, then four on one database ---------------------------------------


def _process(job: tuple[str, int, int, int, str], start: Any, out: Any) -> None:
    """One bot process of the PostgreSQL run: its own message ids, the shared database."""
    url, count, warmup, seed, name = job
    logging.getLogger("jieba").setLevel(logging.WARNING)
    everything = build_messages(warmup + count, seed=seed, session=name)
    figures = intake_rate(url, everything[warmup:], everything[:warmup], ready=start.wait)
    out.put((figures.messages, figures.seconds, figures.p50, figures.p99))


def postgres_rates(count: int, warmup: int, seed: int) -> list[tuple[int, float, float, float]]:
    """Aggregate intake on a real PostgreSQL server (started here, as the tests start it) with
    1 and with 4 processes sharing one database; each process delivers `count` messages.
    Returns, per run: messages, wall seconds, worst p50 and worst p99 of its processes."""
    from tests.support.postgres import PostgresServer

    server = PostgresServer().start()
    context = multiprocessing.get_context("spawn")
    runs = []
    try:
        for processes in (1, 4):
            url = server.fresh()
            start, out = context.Barrier(processes + 1), context.Queue()
            workers = [
                context.Process(
                    target=_process,
                    args=((url, count, warmup, seed + i, f"p{processes}-{i}"), start, out),
                )
                for i in range(processes)
            ]
            for worker in workers:
                worker.start()
            start.wait()  # every process has bootstrapped and warmed up
            began = time.perf_counter()
            results = [out.get() for _ in workers]
            wall = time.perf_counter() - began
            for worker in workers:
                worker.join()
            runs.append(
                (
                    sum(r[0] for r in results),
                    wall,
                    max(r[2] for r in results),
                    max(r[3] for r in results),
                )
            )
    finally:
        server.stop()
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description="收件吞吐量测试")
    parser.add_argument("--messages", type=int, default=5_000, help="测多少条消息")
    parser.add_argument("--warmup", type=int, default=200, help="先不计时地送多少条")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--profile", action="store_true", help="cProfile the intake run")
    parser.add_argument(
        "--pg-messages", type=int, default=1_000, help="PostgreSQL：每个进程送多少条（0 不测）"
    )
    args = parser.parse_args()
    logging.getLogger("jieba").setLevel(logging.WARNING)

    everything = build_messages(args.warmup + args.messages, seed=args.seed)
    warmup, messages = everything[: args.warmup], everything[args.warmup :]
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'intake.db'}"
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            intake = intake_rate(url, messages, warmup)
            profiler.disable()
            pstats.Stats(profiler).sort_stats(
                __import__("os").environ.get("SORT", "cumulative")
            ).print_stats(60)
        else:
            intake = intake_rate(url, messages, warmup)
        floor = floor_rate(
            Path(folder) / "floor.db", [m.text for m in messages], [m.text for m in warmup]
        )

    ratio = intake.rate / floor.rate
    print(
        f"messages           {len(messages):,} timed after {len(warmup)} untimed "
        f"({kinds(messages)})"
    )
    print("database           a fresh SQLite file (WAL, synchronous=NORMAL)")
    print(f"{'':18} {'msg/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
    print(
        f"{'Linli intake':18} {intake.rate:>9,.0f} {intake.p50:>8.2f} {intake.p99:>8.2f}"
        f"   dispatch + outbox flush, {intake.replies:,} replies sent"
    )
    for kind in KINDS:
        part = intake.of_kind(kind)
        if part.messages:
            print(
                f"{'  ' + kind + 's':18} {part.rate:>9,.0f} {part.p50:>8.2f} {part.p99:>8.2f}"
                "   (their own latencies; rate = 1 / mean)"
            )
    print(
        f"{'floor':18} {floor.rate:>9,.0f} {floor.p50:>8.2f} {floor.p99:>8.2f}"
        "   jieba.lcut + sqlite3 INSERT/COMMIT"
    )
    print(
        f"ratio              {ratio:.2f} of the floor (target ≥ {TARGET_RATIO}: "
        f"{'met' if ratio >= TARGET_RATIO else 'MISSED'})"
    )
    print(
        f"p99 latency        {intake.p99:.1f} ms (target < {TARGET_P99_MS:.0f} ms: "
        f"{'met' if intake.p99 < TARGET_P99_MS else 'MISSED'})"
    )
    if args.pg_messages > 0:
        print()
        print(
            "PostgreSQL 15 on loopback (started by this benchmark), processes sharing one database"
        )
        print(f"{'processes':18} {'msg/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
        rates = postgres_rates(args.pg_messages, args.warmup, args.seed)
        for processes, (count, wall, p50, p99) in zip((1, 4), rates, strict=True):
            print(
                f"{processes:<18} {count / wall:>9,.0f} {p50:>8.2f} {p99:>8.2f}"
                f"   {count:,} messages in {wall:.1f} s (worst process's p50/p99)"
            )
        one, four = (count / wall for count, wall, _, _ in rates)
        print(f"4 processes / 1    {four / one:.2f}× (this machine has 2 cores)")
        print(f"PostgreSQL 1 / SQLite {one / intake.rate:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
