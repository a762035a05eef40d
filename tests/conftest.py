from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.conversation import Conversation, example_settings, monday_morning
from tests.support.postgres import PostgresServer
from tests.support.web import web_settings


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
def chat(db_url: str, tmp_path: Path) -> Iterator[Conversation]:
    """The example community (幸福里社区) on a fresh real database and a virtual Monday morning;
    photos are kept in tmp_path/media."""
    conversation = Conversation(example_settings(db_url, tmp_path / "media"), monday_morning())
    yield conversation
    conversation.close()


@pytest.fixture
def web_chat(db_url: str, tmp_path: Path) -> Iterator[Conversation]:
    """The same with the web ledger enabled."""
    settings = web_settings(example_settings(db_url, tmp_path / "media"))
    conversation = Conversation(settings, monday_morning())
    yield conversation
    conversation.close()
