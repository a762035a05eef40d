"""Snapshots of a real SQLite file, taken while the bot writes to it."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from storage.backup import snapshot, snapshots, sqlite_file
from tests.support.conversation import Conversation, example_settings, monday_morning

SHANGHAI = ZoneInfo("Asia/Shanghai")


def issues_in(path: Path) -> int:
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        count: int = db.execute("SELECT count(*) FROM issues").fetchone()[0]
        return count


def test_a_snapshot_taken_while_reports_come_in_is_a_whole_database(tmp_path: Path) -> None:
    database = tmp_path / "linli.db"
    chat = Conversation(example_settings(f"sqlite:///{database}"), monday_morning())
    try:
        for n in range(1, 6):
            chat.say(f"@王芳/网格3群: #报事 {n}号楼楼道灯坏了")
        taken: list[Path] = []
        at = datetime(2026, 11, 23, 12, tzinfo=SHANGHAI)
        # Taken on another thread while more reports are filed, as the bot's daily one is.
        worker = threading.Thread(
            target=lambda: taken.append(snapshot(database, tmp_path / "b", at, keep=7))
        )
        worker.start()
        for n in range(1, 8):
            chat.say(f"@孙大爷/网格5群: #报事 {n}号楼门口井盖松了")
        worker.join()
    finally:
        chat.close()
    assert taken[0].name == "linli-20261123-120000.db"
    assert 5 <= issues_in(taken[0]) <= 12  # consistent, at whatever moment it was taken
    assert issues_in(database) == 12


def test_only_the_newest_snapshots_are_kept(tmp_path: Path) -> None:
    database = tmp_path / "linli.db"
    with closing(sqlite3.connect(database)) as db:
        db.execute("CREATE TABLE issues (id INTEGER)")
        db.commit()
    start = datetime(2026, 11, 23, 3, 30, tzinfo=SHANGHAI)
    (tmp_path / "b").mkdir()
    cut_off = tmp_path / "b" / "linli-20261122-033000.db.part"  # a crash in the middle of one
    cut_off.write_bytes(b"SQLite format 3\x00")
    for day in range(5):
        snapshot(database, tmp_path / "b", start + timedelta(days=day), keep=3)
    assert [p.name for p in snapshots(tmp_path / "b")] == [
        "linli-20261125-033000.db",
        "linli-20261126-033000.db",
        "linli-20261127-033000.db",
    ]
    assert snapshots(tmp_path / "missing") == []
    assert not cut_off.exists()


def test_only_a_sqlite_file_is_snapshotted() -> None:
    assert sqlite_file("sqlite:////srv/linli/linli.db") == Path("/srv/linli/linli.db")
    assert sqlite_file("sqlite://") is None
    assert sqlite_file("postgresql+psycopg://linli@127.0.0.1/linli") is None
