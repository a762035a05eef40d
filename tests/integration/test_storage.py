"""The database as the bot uses it, migrated by Alembic at start: a real SQLite file, and a real
PostgreSQL server (each test that takes `db_url` runs on both)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from storage.db import make_engine, make_sessions
from storage.migrate import upgrade
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
