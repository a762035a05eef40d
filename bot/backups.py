"""Daily snapshots of the SQLite database while `linli run` runs (config `backup`).

One at `backup.at` every day (APScheduler's cron trigger, in the configured time zone), and one
at start when the newest is more than a day old or there is none (the machine was off at that
hour). Each is taken on a thread of its own, in one step of SQLite's backup API: a reader in
WAL mode, it neither waits for the messages being handled nor holds them up. PostgreSQL is
backed up with pg_dump: nothing happens here for it.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.clock import Clock
from bot.config import Settings
from storage.backup import snapshot, snapshots, sqlite_file

log = logging.getLogger(__name__)
DAY = 24 * 3600


class DailyBackups:
    def __init__(self, settings: Settings, clock: Clock) -> None:
        self._database = sqlite_file(settings.database.url)
        self._folder = Path(settings.backup.dir)
        self._keep = settings.backup.keep
        self._at = settings.backup.at
        self._tz = settings.tz
        self._clock = clock
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="linli-backup")
        self._aps = AsyncIOScheduler(timezone=settings.tz)
        self._taking: asyncio.Task[None] | None = None

    @property
    def enabled(self) -> bool:
        return self._database is not None and self._keep > 0

    def start(self) -> None:
        if not self.enabled:
            return
        hour, minute = self._at.split(":")
        self._aps.add_job(
            self._take,
            CronTrigger(hour=int(hour), minute=int(minute), timezone=self._tz),
            id="backup",
            coalesce=True,
            misfire_grace_time=3600,
        )
        self._aps.start()
        kept = snapshots(self._folder)
        if not kept or self._clock.now().timestamp() - kept[-1].stat().st_mtime > DAY:
            self._taking = asyncio.create_task(self._take())

    async def _take(self) -> None:
        assert self._database is not None
        loop = asyncio.get_running_loop()
        now = self._clock.now().astimezone(self._tz)
        try:
            made = await loop.run_in_executor(
                self._worker, snapshot, self._database, self._folder, now, self._keep
            )
        except (OSError, sqlite3.Error):
            log.exception(
                "database snapshot into %s failed; the next is at %s", self._folder, self._at
            )
            return
        log.info("database snapshot %s (%d bytes)", made.name, made.stat().st_size)

    async def close(self) -> None:
        if self._aps.running:
            self._aps.shutdown(wait=False)
        if self._taking is not None:
            await self._taking
        self._worker.shutdown(wait=True)  # a snapshot under way is finished, not cut off
