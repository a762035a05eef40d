"""The database as the bot uses it, migrated by Alembic at start: a real SQLite file, and a real
PostgreSQL server (each test that takes `db_url` runs on both)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, text

from storage.db import make_engine, make_sessions
from storage.migrate import HEAD, alembic_config, current_revision, upgrade
from storage.models import Base, Community, Person
from storage.uow import UnitOfWork
from tests.support.conversation import Conversation, example_settings, monday_morning


def test_migrations_build_exactly_the_models(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_migrating_twice_is_harmless(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("select version_num from alembic_version")).scalar()
    engine.dispose()


def test_the_head_the_start_compares_with_is_alembics(db_url: str) -> None:
    """A database at `HEAD` is left alone at start: `HEAD` must be the newest migration, or a
    database one behind would never be brought up to date."""
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD
    engine = make_engine(db_url)
    upgrade(engine)
    assert current_revision(engine) == HEAD
    engine.dispose()


def test_a_sqlite_file_runs_in_wal_mode(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'linli.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_times_come_back_aware_and_equal(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    sessions = make_sessions(engine)
    shanghai = timezone(timedelta(hours=8))
    seen = datetime(2026, 11, 23, 8, 30, tzinfo=shanghai)
    with UnitOfWork(sessions) as uow:
        uow.people.add(Person(platform="console", ref="王芳", name="王芳", first_seen=seen))
        uow.commit()
    with UnitOfWork(sessions) as uow:
        person = uow.people.find("console", "王芳")
        assert person is not None
        assert person.first_seen == seen
        assert person.first_seen.tzinfo is UTC
    engine.dispose()


def test_work_after_a_commit_waits_for_it_and_goes_with_what_is_rolled_back(db_url: str) -> None:
    """What lives outside the database (a photo's copy) follows the rows: a refused command's
    savepoint, or a transaction rolled back, drops the work it left for the commit."""
    engine = make_engine(db_url)
    upgrade(engine)
    done: list[str] = []
    seen = datetime(2026, 11, 23, 8, 30, tzinfo=UTC)
    with UnitOfWork(make_sessions(engine)) as uow:
        uow.after_commit(lambda: done.append("kept"))
        try:
            with uow.savepoint():
                uow.people.add(Person(platform="console", ref="王芳", name="王芳", first_seen=seen))
                uow.after_commit(lambda: done.append("refused"))
                raise LookupError
        except LookupError:
            pass
        assert done == []  # nothing before the commit
        uow.commit()
        assert done == ["kept"] and uow.people.find("console", "王芳") is None
        uow.after_commit(lambda: done.append("rolled back"))
        uow.rollback()
        uow.commit()
    assert done == ["kept"]
    engine.dispose()


def test_issue_numbers_are_sequential_per_community(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    sessions = make_sessions(engine)
    with UnitOfWork(sessions) as uow:
        a = uow.communities.add(Community(code="a", name="甲社区", next_issue_no=0))
        b = uow.communities.add(Community(code="b", name="乙社区", next_issue_no=0))
        numbers = [uow.communities.take_issue_number(c.id) for c in (a, a, b, a, b)]
        uow.commit()
    assert numbers == [1, 2, 1, 3, 2]
    engine.dispose()


def test_nothing_is_lost_when_the_bot_restarts(tmp_path: Path, db_url: str) -> None:
    first = Conversation(example_settings(db_url), monday_morning(), session="before")
    first.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    first.close()

    again = Conversation(example_settings(db_url), monday_morning(), session="after")
    assert again.text("@王芳/网格3群: 查看 1").startswith("#1【排水管道】待受理 · 3号楼2单元")
    assert again.text("@王芳/网格3群: #报事 6号楼楼道灯不亮").startswith("已登记 #2【")
    again.close()
    if db_url.startswith("sqlite"):
        assert (tmp_path / "linli.db").exists()


def test_two_processes_doing_a_meetings_last_two_action_items_at_once_close_its_agenda(
    tmp_path: Path, db_url: str
) -> None:
    """Each process's 办结 sees the other action item still open unless they take turns:
    the second must see the first's, or the agenda issue stays open with nobody to close it."""
    clock = monday_morning()
    first = Conversation(example_settings(db_url, tmp_path / "a"), clock, session="a")
    second = Conversation(example_settings(db_url, tmp_path / "b"), clock, session="b")
    first.say("@王芳/网格3群: #报事 小区车位太少了，晚上回来根本没地方停")
    first.say("@李书记/工作群: 议事 停车议事会 议题 #1 时间 周四19:00 截止 周三20:00 群 网格3")
    first.say(
        "@李书记/工作群: 结果 M1 决议 划20个车位 "
        "行动 @物业 2号楼附近划线 5个工作日；@周主任 清理6号楼僵尸车 5个工作日"
    )
    told: list[tuple[str, str]] = []
    finished = threading.Event()

    def the_other() -> None:
        told.extend(second.say("@周主任/私聊: 办结 3 已清理"))
        finished.set()

    def before_commit(connection: Any) -> None:
        # The first process is about to commit its 办结: the second does its own meanwhile.
        if not armed.is_set():
            return
        armed.clear()
        threading.Thread(target=the_other).start()
        finished.wait(1.0)

    armed = threading.Event()
    armed.set()
    event.listen(first.linli.engine, "commit", before_commit)
    told.extend(first.say("@刘物业/私聊: 办结 2 已划线"))
    assert finished.wait(30)
    assert any(line.startswith("#1 已办结：M1 停车议事会议定事项已落实") for _, line in told)
    assert first.text("@李书记/工作群: 查看 1").startswith("#1【停车通行】已办结")
    first.close()
    second.close()
