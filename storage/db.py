"""Engines and sessions. SQLite gets WAL, foreign keys and a busy timeout on every connection;
PostgreSQL, shared by several bot processes, an advisory lock for the work done at start."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool


def make_engine(url: str) -> Engine:
    """An engine for any SQLAlchemy URL; SQLite files are tuned for one writer, many readers.

    Statement parameters are residents' words: a database error logs the SQL without them."""
    if url in ("sqlite://", "sqlite:///:memory:"):
        # One shared connection, or every session would see its own empty in-memory database.
        engine = create_engine(
            "sqlite://",
            poolclass=StaticPool,
            connect_args={"check_same_thread": False},
            hide_parameters=True,
        )
    elif url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, hide_parameters=True)
    else:
        engine = create_engine(url, pool_pre_ping=True, hide_parameters=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT; SQLAlchemy emits BEGIN instead
    # (the recipe in SQLAlchemy's SQLite dialect notes).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def _sqlite_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock up front: two writers then queue on busy_timeout instead
    # of one failing when it upgrades a read lock.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


STARTUP_LOCK = 0x6C696E6C69  # "linli": the advisory lock key processes take at start


@contextmanager
def alone(engine: Engine) -> Iterator[None]:
    """Run the block while no other process sharing the database runs its own `alone` block.

    Processes starting together would otherwise race to migrate, to load config.yaml into the
    same rows and to schedule the same series. On PostgreSQL this is a session advisory lock
    (released by the server if the process dies); SQLite has one process, so nothing to do.
    """
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": STARTUP_LOCK})
        connection.commit()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": STARTUP_LOCK})
            connection.commit()
