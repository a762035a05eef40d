"""Reminder benchmarks (`make bench`): restoring 100,000 pending reminders at start, the memory
that takes, and how late reminders fire when 1,000 come due in the same minute.

Linli keeps reminders as rows and holds only the next wake-up in memory; for comparison the
first part also measures the obvious alternative, one APScheduler job per pending reminder.
Run: .venv/bin/python bench/bench_reminders.py [--pending 100000] [--due 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from bot.app import bootstrap  # noqa: E402
from bot.clock import SystemClock  # noqa: E402
from bot.config import Database, Settings, load_settings  # noqa: E402
from bot.messages import Outgoing  # noqa: E402
from bot.outbox import Outbox  # noqa: E402
from bot.scheduler import Ticker  # noqa: E402
from storage.models import Chat, Reminder  # noqa: E402
from storage.uow import UnitOfWork  # noqa: E402

CONFIG = ROOT / "config.example.yaml"


def settings_for(db: Path) -> Settings:
    settings = load_settings(CONFIG)
    return settings.model_copy(update={"database": Database(url=f"sqlite:///{db}")})


def fill(db: Path, pending: int) -> None:
    """A database with `pending` reminders due over the next 30 days."""
    linli = bootstrap(settings_for(db), SystemClock())
    now = datetime.now(UTC)
    with UnitOfWork(linli.sessions) as uow:
        chat = uow.chats.find("console", "网格3群")
        assert chat is not None
        rows = [
            {
                "key": f"bench:{n}",
                "kind": "adhoc",
                "due_at": now + timedelta(minutes=10 + n * 30 * 24 * 60 / pending),
                "chat_id": chat.id,
                "text": f"提醒{n}",
                "status": "pending",
                "urgent": False,
            }
            for n in range(pending)
        ]
        if rows:
            uow.session.execute(insert(Reminder), rows)
        uow.commit()
    linli.close()


CHILD = """
import json, sys, time
mode, db, pending = sys.argv[1], sys.argv[2], int(sys.argv[3])
t0 = time.perf_counter()
if mode == "linli":
    sys.path.insert(0, {root!r})
    from bench.bench_reminders import settings_for
    from bot.app import bootstrap
    from bot.clock import SystemClock
    from pathlib import Path
    linli = bootstrap(settings_for(Path(db)), SystemClock())
    t1 = time.perf_counter()
    linli.scheduler.restore()
    due = linli.scheduler.next_due()
    assert due is not None or pending == 0
elif mode == "apscheduler":
    from datetime import UTC, datetime, timedelta
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.triggers.date import DateTrigger
    t1 = time.perf_counter()
    scheduler = BackgroundScheduler(timezone=UTC)
    scheduler.start(paused=True)
    now = datetime.now(UTC)
    for n in range(pending):
        scheduler.add_job(print, DateTrigger(now + timedelta(minutes=10 + n)), args=[n], id=str(n))
    assert len(scheduler.get_jobs()) == pending
t2 = time.perf_counter()
# VmHWM, not ru_maxrss: the latter keeps the parent's high-water mark across exec.
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
print(json.dumps({{"start": t1 - t0, "restore": t2 - t1, "peak_mb": peak}}))
"""


def child(mode: str, db: Path, pending: int) -> dict[str, float]:
    code = CHILD.format(root=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", code, mode, str(db), str(pending)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


class Recorder:
    platform = "console"
    help_note = ""

    def __init__(self, clock: SystemClock, due: dict[str, datetime]) -> None:
        self._clock = clock
        self._due = due
        self.lateness: list[float] = []

    async def run(self, deliver: object) -> None:
        return None

    async def send(self, message: Outgoing) -> None:
        now = self._clock.now()
        for line in message.text.splitlines():
            name = line.rsplit("：", 1)[-1]
            if name in self._due:
                self.lateness.append((now - self._due[name]).total_seconds())


async def lateness(db: Path, due_count: int, chats: int = 200) -> list[float]:
    """1,000 reminders due at random seconds of one minute, in 200 groups; real clock."""
    clock = SystemClock()
    linli = bootstrap(settings_for(db), clock)
    start = clock.now() + timedelta(seconds=3)
    due: dict[str, datetime] = {}
    with UnitOfWork(linli.sessions) as uow:
        chat_ids = []
        for n in range(chats):
            chat = uow.chats.add(Chat(platform="console", ref=f"bench-{n}", title=f"群{n}"))
            chat_ids.append(chat.id)
        rows = []
        for n in range(due_count):
            when = start + timedelta(seconds=random.uniform(0, 60))
            due[f"到期{n}"] = when
            rows.append(
                {
                    "key": f"late:{n}",
                    "kind": "adhoc",
                    "due_at": when,
                    "chat_id": random.choice(chat_ids),
                    "text": f"到期{n}",
                    "status": "pending",
                    "urgent": True,  # measure the scheduler, not quiet hours
                }
            )
        uow.session.execute(insert(Reminder), rows)
        uow.commit()
    recorder = Recorder(clock, due)
    outbox = Outbox(linli.sessions, {"console": recorder}, clock)
    ticker = Ticker(linli.scheduler, clock, outbox.flush)
    ticker.start()
    deadline = time.monotonic() + 75
    while len(recorder.lateness) < due_count and time.monotonic() < deadline:
        await asyncio.sleep(0.5)
    ticker.stop()
    linli.close()
    return recorder.lateness


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pending", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=1_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        t0 = time.perf_counter()
        fill(db, args.pending)
        print(
            f"reminders          {args.pending:,} pending rows written "
            f"in {time.perf_counter() - t0:.1f} s"
        )
        empty = Path(folder) / "empty.db"
        fill(empty, 0)
        linli_run = child("linli", db, args.pending)
        linli_empty = child("linli", empty, 0)
        aps_run = child("apscheduler", db, args.pending)
        extra = linli_run["peak_mb"] - linli_empty["peak_mb"]
        print(
            f"restore at start   {linli_run['restore'] * 1000:.0f} ms "
            f"(after {linli_run['start']:.2f} s of start-up); "
            f"peak memory {linli_run['peak_mb']:.0f} MB, "
            f"{extra:+.0f} MB over the same bot with no reminders"
        )
        print(
            f"one APScheduler job per reminder: {aps_run['restore']:.1f} s, "
            f"peak memory {aps_run['peak_mb']:.0f} MB "
            f"(ratio {aps_run['restore'] / max(linli_run['restore'], 1e-6):.0f}x slower)"
        )
        late_db = Path(folder) / "late.db"
        lateness_s = asyncio.run(lateness(late_db, args.due))
        lateness_s.sort()
        if len(lateness_s) < args.due:
            print(f"lateness           only {len(lateness_s)} of {args.due} fired in time!")
        print(
            f"lateness           {args.due:,} due in one minute over 200 groups: "
            f"median {statistics.median(lateness_s) * 1000:.0f} ms, "
            f"worst {lateness_s[-1] * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
