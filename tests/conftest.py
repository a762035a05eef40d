from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.conversation import Conversation, example_settings, monday_morning
from tests.support.postgres import PostgresServer


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the whole session, started here and stopped at the end."""
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, real database for each test: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'linli.db'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.fresh()


@pytest.fixture
def chat(db_url: str) -> Iterator[Conversation]:
    """The example community (幸福里社区) on a fresh real database and a virtual Monday morning."""
    conversation = Conversation(example_settings(db_url), monday_morning())
    yield conversation
    conversation.close()
