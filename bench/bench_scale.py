"""Scale benchmarks (`make bench`): `/stats 本月`, `/stats 累计`, the per-unit `/stats 本月 物业`
and `/stats 本月 单位`, the year month by month (`/stats 今年 按月`), and `/list 红` on a ledger
of 1,000,000 issues, and the cold start of `linli run`.

The ledger is one community of the example config (幸福里社区, grids 网格3 and 网格5) with a
year of issues: created_at spread evenly over the 12 months before "now" (Monday 23 November
2026, 10:00 Shanghai), statuses by age (old ones mostly closed, a few left open and overdue,
recent ones mostly open), deadlines by triage level, about half assigned to a unit or a person
(物业; those escalated, to 街道城管办), ratings (and their audit entries) on most closed ones.
It is bulk-inserted once (SQLAlchemy Core executemany in chunks) into a temporary SQLite file.
The commands are then asked as the secretary 李书记 in 工作群 would ask them, through
`Dispatcher.dispatch` and `Outbox.flush` (a null adapter): what a user waits for. Median of a
few runs, after one untimed run.

Cold start: `linli --config <tmp config> run` (console) spawned with `#报事 …` on stdin, timed to
the first answer line on stdout; on a fresh database (migrations run) and on an existing one.

Targets: /stats 本月 under 300 ms on SQLite; cold start under 2 s. Printed, not asserted.
`/stats 累计` (every issue of the ledger) is printed beside it.
Run: .venv/bin/python bench/bench_scale.py [--issues 1000000] [--runs 5] [--starts 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select, update  # noqa: E402

from bench.bench_intake import NullAdapter, settings_for  # noqa: E402
from bot.app import Linli, bootstrap  # noqa: E402
from bot.clock import VirtualClock  # noqa: E402
from bot.domain.issues import IssueStatus  # noqa: E402
from bot.messages import ChatRef, IncomingMessage, PersonRef  # noqa: E402
from bot.outbox import Outbox  # noqa: E402
from storage.models import AuditEntry, Community, Grid, Issue, Person  # noqa: E402
from storage.uow import UnitOfWork  # noqa: E402

CONFIG = ROOT / "config.example.yaml"
TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)
YEAR = timedelta(days=365)
CHUNK = 20_000
RESIDENTS = 3_000
TARGET_STATS_MS = 300.0
TARGET_START_S = 2.0

CATEGORIES = (
    ("drainage", 12),
    ("road", 5),
    ("parking", 14),
    ("charging", 6),
    ("sanitation", 12),
    ("noise", 9),
    ("lighting", 10),
    ("security", 4),
    ("greenery", 4),
    ("property", 10),
    ("dispute", 4),
    ("facility", 6),
    ("safety", 2),
    ("service", 1),
    ("other", 1),
)
LEVELS = (("简单", 1, 60), ("复杂", 3, 32), ("疑难", 10, 8))  # level, days, weight
OPEN_STATUSES = (IssueStatus.NEW, IssueStatus.ACCEPTED, IssueStatus.ASSIGNED)


# -- building the ledger --------------------------------------------------------------------------


def status_for(rng: random.Random, age: timedelta) -> IssueStatus:
    """Old issues are mostly closed (a few still open: the red ones), recent ones mostly open."""
    roll = rng.random()
    table: list[tuple[float, IssueStatus]]
    if age > timedelta(days=30):
        table = [(0.85, IssueStatus.CLOSED), (0.92, IssueStatus.RESOLVED)]
        table += [(0.96, IssueStatus.REJECTED), (0.98, IssueStatus.MERGED)]
    elif age > timedelta(days=14):
        table = [(0.50, IssueStatus.CLOSED), (0.75, IssueStatus.RESOLVED)]
        table += [(0.80, IssueStatus.REJECTED)]
    else:
        table = [(0.10, IssueStatus.CLOSED), (0.30, IssueStatus.RESOLVED)]
    for bound, status in table:
        if roll < bound:
            return status
    return rng.choice(OPEN_STATUSES)


@dataclass(frozen=True)
class Place:
    """What the generated rows refer to: ids from the example config, loaded into the file."""

    community_ids: tuple[int, ...]  # the example's 幸福里社区 first, then made-up neighbours
    grids: dict[str, int]  # 网格3, 网格5 → id
    chats: dict[str, int]  # the same → their group's chat id
    residents: list[int]
    handler_id: int
    secretary_id: int


GRID_BUILDINGS = {"网格3": (1, 2, 3, 4), "网格5": (5, 6, 7)}
CATEGORY_CODES = [code for code, _ in CATEGORIES]
CATEGORY_WEIGHTS = [weight for _, weight in CATEGORIES]
LEVEL_DAYS = [(level, days) for level, days, _ in LEVELS]
LEVEL_WEIGHTS = [weight for _, _, weight in LEVELS]


def issue_row(
    rng: random.Random, place: Place, n: int, issues: int, *, number: int, community_id: int
) -> dict[str, Any]:
    """The n-th of `issues` issues, filed evenly over the year before NOW, oldest first."""
    now_utc = NOW.astimezone(UTC)
    created = now_utc - YEAR + YEAR * (n + rng.random()) / issues
    status = status_for(rng, now_utc - created)
    grid = "网格3" if rng.random() < 0.55 else "网格5"
    building = rng.choice(GRID_BUILDINGS[grid])
    level, days = rng.choices(LEVEL_DAYS, LEVEL_WEIGHTS)[0]
    held = status not in (IssueStatus.NEW, IssueStatus.ACCEPTED) and rng.random() < 0.6
    done = status in (IssueStatus.RESOLVED, IssueStatus.CLOSED)
    resolved_at = created + timedelta(days=rng.uniform(0.2, days + 2)) if done else None
    closed = status is IssueStatus.CLOSED and resolved_at is not None
    rating = (
        rng.choices((5, 4, 3, 2, 1), (50, 30, 10, 6, 4))[0]
        if closed and rng.random() < 0.7
        else None
    )
    category = rng.choices(CATEGORY_CODES, CATEGORY_WEIGHTS)[0]
    row = {
        "community_id": community_id,
        "number": number,
        "grid_id": place.grids[grid] if community_id == place.community_ids[0] else None,
        "chat_id": place.chats[grid],
        "reporter_id": rng.choice(place.residents),
        "source_message_id": f"seed-{n}",
        "description": f"{building}号楼的{category}问题",
        "category": category,
        "level": level,
        "building": str(building),
        "unit": str(rng.randint(1, 3)),
        "urgent": rng.random() < 0.03,
        "private": False,
        "status": status,
        "report_count": 1 + (rng.random() < 0.1),
        "deadline": None if status is IssueStatus.NEW else created + timedelta(days=days + 1),
        "assignee_id": place.handler_id if held and rng.random() < 0.3 else None,
        "assignee_unit": "物业" if held else None,
        "escalated": level == "疑难" and rng.random() < 0.2,
        "rating": rating,
        "counted_rating": rating,
        "resolved_at": resolved_at,
        "closed_at": resolved_at + timedelta(days=3) if closed and resolved_at else None,
        "created_at": created,
        "updated_at": resolved_at or created,
    }
    # What was escalated went to the example's escalation unit (per-unit /stats).
    row["escalated_to"] = "街道城管办" if row["escalated"] else None
    return row


def load_place(linli: Linli, communities: int) -> Place:
    """The example config's ids, plus residents and `communities - 1` made-up communities."""
    now_utc = NOW.astimezone(UTC)
    with UnitOfWork(linli.sessions) as uow:
        session = uow.session
        community = session.scalars(select(Community).where(Community.code == "xfl")).one()
        grids = {g.name: g.id for g in session.scalars(select(Grid))}
        chats = {grid: uow.chats.find("console", f"{grid}群") for grid in GRID_BUILDINGS}
        handler = uow.people.find("console", "刘物业")
        secretary = uow.people.find("console", "李书记")
        assert all(chats.values()) and handler and secretary
        session.execute(
            insert(Person),
            [
                {
                    "platform": "console",
                    "ref": f"居民{n}",
                    "name": f"居民{n}",
                    "first_seen": now_utc,
                }
                for n in range(RESIDENTS)
            ],
        )
        residents = list(session.scalars(select(Person.id).where(Person.ref.like("居民%"))))
        others = [
            uow.communities.add(Community(code=f"c{n}", name=f"邻居{n}社区", next_issue_no=0)).id
            for n in range(2, communities + 1)
        ]
        place = Place(
            (community.id, *others),
            grids,
            {grid: chat.id for grid, chat in chats.items() if chat},
            residents,
            handler.id,
            secretary.id,
        )
        uow.commit()
    return place


def build(
    folder: Path, issues: int, communities: int, seed: int = 9
) -> tuple[str, dict[str, float]]:
    """A SQLite file with the example config loaded and `issues` issues (dealt round-robin to
    `communities` communities, the example's first); its URL and timings."""
    url = f"sqlite:///{folder / 'scale.db'}"
    timings: dict[str, float] = {}
    started = time.perf_counter()
    linli = bootstrap(settings_for(url), VirtualClock(NOW))
    timings["bootstrap"] = time.perf_counter() - started
    place = load_place(linli, communities)
    rng = random.Random(seed)
    started = time.perf_counter()
    audit_rows = 0
    numbers = dict.fromkeys(place.community_ids, 0)
    with linli.engine.begin() as connection:
        for first in range(0, issues, CHUNK):
            rows: list[dict[str, Any]] = []
            audits: list[dict[str, Any]] = []
            for n in range(first, min(first + CHUNK, issues)):
                community_id = place.community_ids[n % len(place.community_ids)]
                numbers[community_id] += 1
                row = issue_row(
                    rng, place, n, issues, number=numbers[community_id], community_id=community_id
                )
                rows.append(row)
                if row["rating"] is not None:
                    audits.append(
                        {
                            "community_id": community_id,
                            "issue_id": n + 1,  # a fresh table fills ids in insertion order
                            "actor_id": place.secretary_id,
                            "action": "rate",
                            "note": f"{row['rating']}分",
                            "at": row["closed_at"],
                        }
                    )
            connection.execute(insert(Issue), rows)
            if audits:
                connection.execute(insert(AuditEntry), audits)
            audit_rows += len(audits)
        for community_id, number in numbers.items():
            connection.execute(
                update(Community).where(Community.id == community_id).values(next_issue_no=number)
            )
    timings["issues"] = time.perf_counter() - started
    timings["audit_rows"] = audit_rows
    started = time.perf_counter()
    with linli.engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
        connection.commit()
    timings["analyze"] = time.perf_counter() - started
    linli.close()
    return url, timings


def ledger(folder: Path, issues: int, communities: int, *, reuse: bool) -> str:
    """The URL of the ledger in `folder`: the one already there when `reuse` is set and there
    is one, else one built now (`build`); what was done is printed."""
    folder.mkdir(parents=True, exist_ok=True)
    if reuse and (folder / "scale.db").exists():
        print(f"ledger             reusing {folder / 'scale.db'}")
        return f"sqlite:///{folder / 'scale.db'}"
    url, timings = build(folder, issues, communities)
    print(
        f"ledger             {issues:,} issues in {communities} "
        f"{'community' if communities == 1 else 'communities'} "
        f"(+{int(timings['audit_rows']):,} rating audit entries) built in "
        f"{timings['issues']:.1f} s, ANALYZE {timings['analyze']:.1f} s "
        f"(fresh database + config: {timings['bootstrap']:.2f} s)"
    )
    return url


# -- asking as the secretary ----------------------------------------------------------------------


class Secretary:
    """李书记 in 工作群, answered the way `serve()` answers anyone."""

    def __init__(self, url: str) -> None:
        self.clock = VirtualClock(NOW)
        self.linli: Linli = bootstrap(settings_for(url), self.clock)
        self.adapter = NullAdapter()
        self.outbox = Outbox(self.linli.sessions, {"console": self.adapter}, self.clock)
        self._count = 0

    def ask(self, text: str, who: str = "李书记", chat: str = "工作群") -> tuple[float, str]:
        """Milliseconds from delivery to the reply handed to the adapter, and the reply.
        `who` in `chat` (「私聊」: privately) instead of the secretary, for a resident's words."""
        self._count += 1
        private = chat == "私聊"
        message = IncomingMessage(
            chat=ChatRef("console", f"私聊:{who}" if private else chat, chat, is_private=private),
            sender=PersonRef("console", who, who),
            text=text,
            message_id=f"scale-{time.time_ns()}-{self._count}",  # unique across runs
            sent_at=self.clock.now(),
        )
        started = time.perf_counter()
        replies = self.linli.dispatcher.dispatch(message)
        asyncio.run(self.outbox.flush())
        elapsed = (time.perf_counter() - started) * 1000
        shown = replies[0].text if replies and hasattr(replies[0], "text") else "(no reply)"
        return elapsed, shown

    def close(self) -> None:
        self.linli.close()


# Said by residents on the big ledger: privately, in a grid group tagged, and asking after.
RESIDENT_WORDS = (
    ("孙大爷", "私聊", "3号楼2单元楼道灯坏了"),
    ("孙大爷", "私聊", "我反映的事情怎么样了"),
    ("吴姐", "网格3群", "#报事 5号楼门口井盖松了"),
)


def timed(
    secretary: Secretary, text: str, runs: int, who: str = "李书记", chat: str = "工作群"
) -> tuple[list[float], str]:
    secretary.ask(text, who, chat)  # untimed: first-use caches (statement cache, SQLite pages)
    times, reply = [], ""
    for _ in range(runs):
        ms, reply = secretary.ask(text, who, chat)
        times.append(ms)
    return times, reply


# -- cold start -----------------------------------------------------------------------------------

REPORT_LINE = "#报事 3号楼2单元楼道灯坏了，晚上黑漆漆的\n"


def cold_start(folder: Path, fresh: bool) -> float:
    """Seconds from spawning `linli run` to its first answer line on stdout."""
    config = folder / "config.yaml"
    if fresh or not config.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        # The example's relative `sqlite:///linli.db` lands beside the config: in `folder`.
        shutil.copy(CONFIG, config)
    # As deployed: the bot's bytecode is cached after its first start (a shell that sets
    # PYTHONDONTWRITEBYTECODE would have every start compile the bot's 120 modules again).
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("LINLI_") and k != "PYTHONDONTWRITEBYTECODE"
    }
    linli = Path(sys.executable).with_name("linli")
    started = time.perf_counter()
    child = subprocess.Popen(
        [str(linli), "--config", str(config), "run"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=folder,
        env=env,
    )
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(REPORT_LINE)
    child.stdin.flush()
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.stdin.close()
    child.wait(timeout=30)
    if not line:
        raise RuntimeError("linli run printed nothing")
    return elapsed


# -- the report -----------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description="大台账与冷启动测试")
    parser.add_argument("--issues", type=int, default=1_000_000, help="台账里放多少条诉求")
    parser.add_argument("--runs", type=int, default=5, help="每条命令计时几次（取中位数）")
    parser.add_argument("--starts", type=int, default=3, help="冷启动测几次（取中位数）")
    parser.add_argument(
        "--communities",
        type=int,
        default=1,
        help="spread the issues over this many communities (1: all in 幸福里社区, the worst case)",
    )
    parser.add_argument("--keep", type=Path, help="build the ledger here and keep it (reused)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        url = ledger(folder, args.issues, args.communities, reuse=args.keep is not None)
        size = (folder / "scale.db").stat().st_size / 2**20
        print(f"database           a SQLite file, {size:,.0f} MB")
        secretary = Secretary(url)
        print(f"{'as 李书记 in 工作群':18} {'median ms':>10} {'min':>8} {'max':>8}  reply")
        medians: dict[str, float] = {}
        for command in (
            "/stats 本月",
            "/stats 累计",
            "/stats 本月 物业",
            "/stats 本月 单位",
            "/stats 今年 按月",
            "/list 红",
        ):
            times, reply = timed(secretary, command, args.runs)
            medians[command] = statistics.median(times)
            first_line = reply.splitlines()[0] if reply else ""
            print(
                f"{command:18} {medians[command]:>10.0f} {min(times):>8.0f} {max(times):>8.0f}"
                f"  {first_line[:60]}"
            )
        # A resident's words, which look for their own reports (a detail of the one just
        # made, 「我反映的事情怎么样了」) on every message.
        for who, chat, words in RESIDENT_WORDS:
            times, reply = timed(secretary, words, args.runs, who, chat)
            label = f"{who}/{chat}: {words}"
            print(
                f"{label[:18]:18} {statistics.median(times):>10.0f} {min(times):>8.0f}"
                f" {max(times):>8.0f}  {reply.splitlines()[0][:60] if reply else ''}"
            )
        secretary.close()
        stats_ms = medians["/stats 本月"]
        print(
            f"/stats 本月        {stats_ms:.0f} ms (target < {TARGET_STATS_MS:.0f} ms: "
            f"{verdict(stats_ms < TARGET_STATS_MS)})"
        )

        start_folder = Path(temporary) / "start"
        cold_start(start_folder, fresh=True)  # untimed: writes the bytecode a deployment keeps
        fresh = [cold_start(start_folder, fresh=True) for _ in range(args.starts)]
        again = [cold_start(start_folder, fresh=False) for _ in range(args.starts)]
        for label, runs in (("fresh database", fresh), ("existing database", again)):
            if not runs:
                continue
            median = statistics.median(runs)
            print(
                f"cold start         {median:.2f} s to the first answer, {label} "
                f"(median of {len(runs)}: {', '.join(f'{s:.2f}' for s in runs)}; "
                f"target < {TARGET_START_S:.0f} s: {verdict(median < TARGET_START_S)})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
