"""Web ledger pages (`make bench`): how long each page takes on a ledger of 100,000 issues.

The ledger is the one `bench_scale.py` builds (the example config's 幸福里社区, a year of issues
over grids 网格3 and 网格5, most of them closed, a few thousand still open), here with 100,000
issues by default. Three people sign in the way a user does — 网页台账 in their private chat
with the bot, open the link, press 登录 — and then ask for pages through Starlette's test
client, so what is timed is the whole request: session lookup, the queries, the template and
the response body. Median of a few runs after one untimed run.

- 李书记 (secretary): the ledger (open issues, 🔴 only, all statuses, a deep page, a text
  search, a building), an issue page, statistics and their chart, the grid map, the rounds of
  走访 (10,000 over the year, added to the ledger), and the xlsx of this month and of the
  whole ledger.
- 张网格 (worker of 网格3): the ledger, which defaults to their grid, and their own rounds.
- a resident: the ledger, which lists only the issues they follow.

Targets, by what the user waits for: an HTML page under 300 ms (the /stats target of the
chat); the chart image under 1 s; the xlsx of a month, a download, under 3 s. The xlsx of the
whole ledger (100,000 rows) is printed for information. Printed, not asserted.
Run: .venv/bin/python bench/bench_web.py [--issues 100000] [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402

from bench.bench_intake import settings_for  # noqa: E402
from bench.bench_scale import NOW, ledger, verdict  # noqa: E402
from bot.app import Linli, bootstrap  # noqa: E402
from bot.clock import VirtualClock  # noqa: E402
from bot.config import WebSettings  # noqa: E402
from bot.messages import ChatRef, IncomingMessage, PersonRef  # noqa: E402
from bot.web.app import create_app  # noqa: E402
from storage.models import Attachment, Chat, Grid, Issue, Patrol, Person  # noqa: E402
from storage.uow import UnitOfWork  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's note that its test client's httpx is old
    from starlette.testclient import TestClient

TARGETS_MS = {"HTML page": 300.0, "chart image": 1000.0, "month's xlsx": 3000.0}
ROUNDS = 10_000  # rounds of 走访 over the year: two grid workers, about 14 a day
ROLES = {"李书记": "secretary", "张网格": "worker"}  # anyone else signed in is the resident
LINK = re.compile(r"https?://\S+/login/(\S+)")
HIDDEN = r'<input type="hidden" name="{name}" value="([^"]*)"'


def web_linli(url: str) -> Linli:
    settings = settings_for(url)
    settings = settings.model_copy(update={"web": WebSettings(enabled=True)})
    return bootstrap(settings, VirtualClock(NOW))


def sign_in(linli: Linli, name: str) -> TestClient:
    """`name` asks for 网页台账 in their private chat, opens the link and presses 登录."""
    message = IncomingMessage(
        chat=ChatRef("console", f"私聊:{name}", f"私聊·{name}", is_private=True),
        sender=PersonRef("console", name, name),
        text="网页台账",
        message_id=f"web-bench-{name}-{time.time_ns()}",
        sent_at=NOW,
    )
    replies = linli.dispatcher.dispatch(message)
    links = (LINK.search(getattr(reply, "text", "")) for reply in replies)
    found = next((link for link in links if link is not None), None)
    if found is None:
        raise RuntimeError(f"no sign-in link for {name}: {replies!r}")
    client = TestClient(create_app(linli), base_url="http://127.0.0.1:8600")
    page = client.get(f"/login/{found.group(1)}")
    fields = {
        key: re.search(HIDDEN.format(name=key), page.text).group(1)  # type: ignore[union-attr]
        for key in ("token", "login")
    }
    signed = client.post("/login", data=fields)
    if signed.status_code != 200 or "退出" not in signed.text:
        raise RuntimeError(f"{name} could not sign in: {signed.status_code}")
    return client


@dataclass(frozen=True)
class Page:
    who: str
    path: str
    what: str
    kind: str = "HTML page"  # a key of TARGETS_MS, or "" for no target
    runs: int | None = None  # fewer runs than --runs, for what takes long


def timed(client: TestClient, path: str, runs: int) -> tuple[list[float], int, int]:
    """Milliseconds per request, the status and the body size (after one untimed request)."""
    response = client.get(path)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return times, response.status_code, len(response.content)


def listed(html: str) -> str:
    """What the ledger says it lists: 共 N 件 (or '' on other pages)."""
    found = re.search(r"共\s*([\d,]+)\s*件", html)
    return f"{found.group(1)} listed" if found else ""


def resident_with_issues(linli: Linli) -> str:
    """The resident who filed the most issues: the heaviest 'my issues' ledger."""
    with UnitOfWork(linli.sessions) as uow:
        ref = uow.session.execute(
            select(Person.ref)
            .join(Issue, Issue.reporter_id == Person.id)
            .where(Person.ref.like("居民%"))
            .group_by(Person.ref)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar_one()
    return str(ref)


def with_rounds(linli: Linli, count: int = ROUNDS) -> int:
    """Rounds of 走访 by 张网格 and 赵网格 over the year before NOW, a photo on every third,
    unless the ledger has some already (a kept one): how many it has."""
    with UnitOfWork(linli.sessions) as uow:
        had = uow.session.execute(select(func.count()).select_from(Patrol)).scalar_one()
        if had:
            return int(had)
        people = {
            p.name: p.id
            for p in uow.session.scalars(
                select(Person).where(Person.name.in_(["张网格", "赵网格"]))
            )
        }
        grids = {g.name: g.id for g in uow.session.scalars(select(Grid))}
        chat_id = uow.session.execute(select(Chat.id).limit(1)).scalar_one()
        rows = []
        for n in range(count):
            name, grid, building = (("张网格", "网格3", 1 + n % 4), ("赵网格", "网格5", 5 + n % 3))[
                n % 2
            ]
            at = NOW - timedelta(hours=n * 365 * 24 / count)
            rows.append(
                {
                    "community_id": 1,
                    "grid_id": grids[grid],
                    "person_id": people[name],
                    "chat_id": chat_id,
                    "building": f"{building}号楼",
                    "place": f"{building}号楼{1 + n % 3}单元",
                    "households": 5 + n % 10,
                    "words": f"{building}号楼{1 + n % 3}单元 入户{5 + n % 10}户 无异常",
                    "found": "楼道堆物" if n % 17 == 0 else "",
                    "at": at,
                    "recorded_at": at,
                }
            )
        ids = uow.session.execute(insert(Patrol).returning(Patrol.id), rows).scalars().all()
        uow.session.execute(
            insert(Attachment),
            [
                {
                    "patrol_id": patrol_id,
                    "kind": "photo",
                    "ref": f"bench-{patrol_id}",
                    "added_at": NOW,
                    "file": f"{patrol_id}.jpg",
                }
                for patrol_id in ids[::3]
            ],
        )
        uow.commit()
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description="网页台账页面测速")
    parser.add_argument("--issues", type=int, default=100_000, help="台账里放多少条诉求")
    parser.add_argument("--runs", type=int, default=5, help="每个页面计时几次（取中位数）")
    parser.add_argument("--keep", type=Path, help="build the ledger here and keep it (reused)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temporary:
        url = ledger(args.keep or Path(temporary), args.issues, 1, reuse=args.keep is not None)
        linli = web_linli(url)
        resident = resident_with_issues(linli)
        print(f"rounds             {with_rounds(linli):,} rounds of 走访 over the year")
        clients = {
            "李书记": sign_in(linli, "李书记"),
            "张网格": sign_in(linli, "张网格"),
            resident: sign_in(linli, resident),
        }
        with UnitOfWork(linli.sessions) as uow:
            recent = uow.session.execute(select(func.max(Issue.number))).scalar_one()
        pages = (
            Page("李书记", "/", "ledger, open issues (the default)"),
            Page("李书记", "/?colour=red", "ledger, 🔴 only"),
            Page("李书记", "/?status=all", "ledger, every status"),
            Page("李书记", "/?status=all&page=1000", "ledger, every status, page 1,000"),
            Page("李书记", "/?q=3号楼&status=all", "text search over every status"),
            Page("李书记", "/?q=楼道灯", "text search that finds nothing"),
            Page("李书记", "/?building=3号楼", "ledger, one building"),
            Page("李书记", f"/?q=%23{recent // 2}&status=all", "search by number"),
            Page("李书记", f"/issues/{recent}", "an issue page"),
            Page("李书记", "/stats", "statistics, this month"),
            Page("李书记", "/stats?period=累计", "statistics, everything"),
            Page("李书记", "/stats/chart.png", "chart of this month (png)", "chart image"),
            Page("李书记", "/stats/chart.png?period=累计", "chart of everything", "chart image"),
            Page("李书记", "/map", "grid map"),
            Page("李书记", "/meetings", "meetings"),
            Page("李书记", "/patrols", "rounds of 走访, this month"),
            Page("李书记", "/patrols?period=累计", "rounds of 走访, everything (500 shown)"),
            Page("李书记", "/export.xlsx?month=本月", "xlsx, this month", "month's xlsx"),
            Page("李书记", "/export.xlsx", "xlsx, the whole ledger", "", runs=1),
            Page("张网格", "/", "worker's ledger (their grid)"),
            Page("张网格", "/patrols", "worker's own rounds, this month"),
            Page(resident, "/", "resident's ledger (their issues)"),
        )
        print(
            f"{'who':9} {'page':34} {'median ms':>9} {'min':>7} {'max':>7} {'KB':>7}  "
            "what (status, rows)"
        )
        slowest: dict[str, tuple[float, str]] = {}
        failed: list[str] = []
        for page in pages:
            times, status, size = timed(clients[page.who], page.path, page.runs or args.runs)
            median = statistics.median(times)
            note = ""
            if page.kind == "HTML page":
                note = listed(clients[page.who].get(page.path).text)
            if status != 200:
                failed.append(f"{page.path} answered HTTP {status}")
            if page.kind and median >= slowest.get(page.kind, (0.0, ""))[0]:
                slowest[page.kind] = (median, page.path)
            who = ROLES.get(page.who, "resident")
            print(
                f"{who:9} {page.path[:34]:34} {median:>9.0f} {min(times):>7.0f} "
                f"{max(times):>7.0f} {size / 1024:>7.0f}  {page.what} ({status}"
                f"{', ' + note if note else ''})"
            )
        for kind, (median, path) in slowest.items():
            target = TARGETS_MS[kind]
            print(
                f"slowest {kind:13} {median:>6.0f} ms, {path} (target < {target:.0f} ms: "
                f"{verdict(median < target)})"
            )
        for line in failed:
            print(f"  FAILED: {line}")
        linli.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
