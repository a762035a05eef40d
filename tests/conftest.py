from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.conversation import Conversation, example_settings, monday_morning


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A real SQLite file, fresh for each test."""
    return f"sqlite:///{tmp_path / 'linli.db'}"


@pytest.fixture
def chat(db_url: str) -> Iterator[Conversation]:
    """The example community (幸福里社区) on a real SQLite file and a virtual Monday morning."""
    conversation = Conversation(example_settings(db_url), monday_morning())
    yield conversation
    conversation.close()
