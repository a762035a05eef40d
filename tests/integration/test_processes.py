"""Several real `linli run` processes on one PostgreSQL database, as a city deploys them.

Each process is one bot account (`--account`) and hears its own groups; they share the ledger,
the issue numbers and the reminders. The processes run on fast clocks (ten minutes a second).
"""

from __future__ import annotations

import re
import shutil
import threading
from collections import Counter
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from bot.scheduler import Scheduler
from storage.db import make_engine, make_sessions
from storage.models import Person, Reminder
from storage.uow import UnitOfWork
from tests.support.console_process import bot
from tests.support.conversation import (
    EXAMPLE_CONFIG,
    Conversation,
    example_settings,
    monday_morning,
)
from tests.support.postgres import PostgresServer

FILED = re.compile(r"已登记 #(\d+)")
REMINDED = re.compile(r"⏰ 提醒：(\S+)")


def test_three_processes_share_numbers_reminders_and_their_own_groups(
    tmp_path: Path, postgres: PostgresServer
) -> None:
    config = tmp_path / "config.yaml"
    shutil.copy(EXAMPLE_CONFIG, config)
    # An empty database: the three processes race to migrate it and to load config.yaml.
    env = {"LINLI_DATABASE_URL": postgres.create("three_processes")}
    reports = 25
    # Five minutes of bot time a second: the reminders below come due while reports flow.
    with (
        bot(config, "08:00", "--account", "a", env=env, speed=300) as a,
        bot(config, "08:00", "--account", "b", env=env, speed=300) as b,
        bot(config, "08:00", "--account", "c", env=env, speed=300) as c,
    ):
        # Ten reminders per group, all due at 09:30: three processes race to fire them.
        a.type(*(f"@李书记/网格3群: 提醒 09:30 三号事{i}" for i in range(10)))
        b.type(*(f"@李书记/网格5群: 提醒 09:30 五号事{i}" for i in range(10)))
        # Each account hears its own group: 网格3群 through a, 网格5群 through b.
        typing = [
            threading.Thread(target=a.type, args=_reports("王芳", "网格3群", 1, reports)),
            threading.Thread(target=b.type, args=_reports("赵强", "网格5群", 101, reports)),
        ]
        for thread in typing:
            thread.start()
        for thread in typing:
            thread.join()
        a.wait_for("已登记", count=reports, seconds=60)
        b.wait_for("已登记", count=reports, seconds=60)
        a.wait_for("⏰ 提醒：三号事", count=10, seconds=60)
        b.wait_for("⏰ 提醒：五号事", count=10, seconds=60)
        # The 09:00 digest goes to 工作群, which no account has heard: any process may send
        # it, and exactly one does.
        for each in (a, b, c):
            each.idle(2.0)
        everything = a.lines + b.lines + c.lines

    assert sum("（取消请发送" in line for line in everything) == 20  # every reminder was set
    numbers = [int(n) for line in a.lines + b.lines for n in FILED.findall(line)]
    assert sorted(numbers) == list(range(1, 2 * reports + 1))  # none shared, none skipped
    fired = Counter(text for line in everything for text in REMINDED.findall(line))
    assert fired == Counter([f"三号事{i}" for i in range(10)] + [f"五号事{i}" for i in range(10)])
    assert all("五号事" not in line for line in a.lines if "⏰" in line)
    assert all("三号事" not in line for line in b.lines if "⏰" in line)
    assert not any("⏰" in line for line in c.lines)
    assert sum("今日台账（11月23日）" in line for line in everything) == 1, everything


def test_a_group_waits_for_its_own_process_while_it_is_down(
    tmp_path: Path, postgres: PostgresServer
) -> None:
    config = tmp_path / "config.yaml"
    shutil.copy(EXAMPLE_CONFIG, config)
    env = {"LINLI_DATABASE_URL": postgres.fresh()}
    with bot(config, "11:05", "--account", "b", env=env) as b:
        with bot(config, "08:00", "--account", "a", env=env) as a:
            a.type("@李书记/网格3群: 提醒 11:10 给三号群", "@李书记/网格3群: 提醒 11:20 还是三号群")
            a.wait_for("（取消请发送", count=2)
            a.kill()  # SIGKILL: process a is gone before either reminder is due
        # b fires both (its clock is past them soon) but cannot speak in a's group.
        b.idle(5.0)  # fifty minutes of b's time
        assert not any("三号群" in line for line in b.lines)
        with bot(config, "12:00", "--account", "a", env=env) as again:
            again.wait_for("⏰ 提醒：给三号群")
            again.wait_for("⏰ 提醒：还是三号群")
            again.idle(1.0)
            printed = again.lines
    assert sum("给三号群" in line for line in printed) == 1
    assert sum("还是三号群" in line for line in printed) == 1


def test_a_reminder_locked_by_a_process_that_dies_goes_to_the_next(
    postgres: PostgresServer,
) -> None:
    """One process fires due reminders inside its transaction (FOR UPDATE SKIP LOCKED); while it
    holds them another process skips them, and when it dies without committing they are due
    again for whoever looks next."""
    url = postgres.fresh()
    chat = Conversation(example_settings(url), monday_morning())  # 08:00
    chat.say("@李书记/网格3群: 提醒 08:30 交材料")
    chat.clock.advance(timedelta(minutes=31))  # 08:32: due
    engine = make_engine(url)
    try:
        dying = UnitOfWork(make_sessions(engine))
        with dying:
            claimed = dying.reminders.due(chat.clock.now(), 10)
            assert [r.text for r in claimed if r.kind == "adhoc"] == ["交材料"]
            # Meanwhile, another process runs its scheduler: the held reminder is not its.
            other = Scheduler(chat.linli.services, chat.linli.sessions)
            assert not any("交材料" in _text(m) for m in other.run_due())
            dying.session.connection().invalidate()  # the process dies: no commit
        other = Scheduler(chat.linli.services, chat.linli.sessions)
        assert [_text(m) for m in other.run_due() if "交材料" in _text(m)] == ["⏰ 提醒：交材料"]
        with UnitOfWork(chat.linli.sessions) as uow:
            statuses = Counter(
                r.status
                for r in uow.session.scalars(select(Reminder).where(Reminder.text == "交材料"))
            )
        assert statuses == Counter({"sent": 1})
    finally:
        engine.dispose()
        chat.close()


def test_a_newcomer_heard_by_two_processes_at_once_is_one_person(
    postgres: PostgresServer,
) -> None:
    """Another process adds the same resident in the same moment: this process's insert fails
    on the unique key once the other commits, and the message is handled again, not lost."""
    url = postgres.fresh()
    chat = Conversation(example_settings(url), monday_morning())
    engine = make_engine(url)
    try:
        with UnitOfWork(make_sessions(engine)) as other:
            other.people.ensure("console", "新来的", "新来的", chat.clock.now())
            other.session.flush()  # the row is written but not committed: the key is held
            replies: list[list[tuple[str, str]]] = []
            speaking = threading.Thread(
                target=lambda: replies.append(chat.say("@新来的/网格3群: #报事 9号楼电梯坏了"))
            )
            speaking.start()
            speaking.join(1.0)
            assert speaking.is_alive()  # waiting on the other process's uncommitted row
            other.commit()
        speaking.join(10.0)
        assert [text[:7] for _, text in replies[0]] == ["已登记 #1【"]
        with UnitOfWork(chat.linli.sessions) as uow:
            assert len(uow.session.scalars(select(Person).where(Person.ref == "新来的")).all()) == 1
    finally:
        engine.dispose()
        chat.close()


def _reports(speaker: str, room: str, first: int, count: int) -> list[str]:
    """Reports about different buildings (`first`, `first`+1 …): none a duplicate of another."""
    problems = ["楼道灯坏了", "下水道堵了", "井盖松动", "墙皮脱落", "路灯不亮"]
    return [
        f"@{speaker}/{room}: #报事 {first + i}号楼{problems[i % 5]} 编号{first + i:03d}"
        for i in range(count)
    ]


def _text(message: object) -> str:
    return str(getattr(message, "text", ""))
