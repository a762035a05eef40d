"""Snapshots of a SQLite database, safe to take while the bot writes to it.

SQLite's online backup API copies a consistent image of the database (the WAL included) page
by page; the copy is written under a temporary name and renamed when whole, so a snapshot that
looks finished is one. The newest `keep` snapshots stay, the older ones go. PostgreSQL has its
own tools (pg_dump), and `sqlite_file` says None for it.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

PREFIX, SUFFIX = "linli-", ".db"


def sqlite_file(database_url: str) -> Path | None:
    """The database file a SQLite URL names; None for another database or an in-memory one."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def snapshot(database: Path, folder: Path, now: datetime, keep: int) -> Path:
    """Copy `database` into `folder` as linli-YYYYMMDD-HHMMSS.db; then only the newest `keep`
    snapshots (at least this one) are left there. Raises OSError or sqlite3.Error."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{PREFIX}{now:%Y%m%d-%H%M%S}{SUFFIX}"
    partial = target.with_name(target.name + ".part")
    for left in folder.glob(f"{PREFIX}*{SUFFIX}.part"):  # a snapshot cut off by a crash
        left.unlink(missing_ok=True)
    with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(partial)) as copy:
        source.backup(copy)
    partial.replace(target)
    for old in snapshots(folder)[: -max(keep, 1)]:
        old.unlink(missing_ok=True)
    return target


def snapshots(folder: Path) -> list[Path]:
    """The snapshots in `folder`, oldest first."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{PREFIX}*{SUFFIX}") if p.is_file())
