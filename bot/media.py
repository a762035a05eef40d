"""The bot's own copy of every photo kept with an issue (chat-protocol §2, Photos) or a round
of 走访.

The id a platform gives a photo works only for the bot account that received it, and WeChat
lets its copies expire after a few days; a ledger keeps its evidence for years. So right after
a message that brought photos (and once at start, for any a crash or an outage left behind),
`Collector.collect` asks the adapter for each new photo and keeps it in the media folder as
`<attachment id>.<jpg|png|gif|webp>`. `查看 N` sends the copy into any chat and the web ledger
shows it; a photo whose fetch failed MEDIA_TRIES times is left to its platform id.

A copy goes when its photo does: 走访 撤回 deletes its round's copies once the transaction is
committed, and at start `Collector.tidy` deletes any copy no photo names (a fetch that ended
after its round was taken back, a crash between the two) and fetches a crash cut off, once they
are an hour old: never a copy another process has just written and not yet recorded.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Protocol, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from bot.adapters.base import TryLater
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

MEDIA_TRIES = 3  # failed fetches of one photo before the bot stops asking
FETCH_BATCH = 20  # photos fetched per round; the next message or start takes the rest
FETCH_SECONDS = 60.0  # one photo's download, at most
TIDY_AFTER = 3600.0  # seconds a copy no photo names is left: another process may be recording it
MEDIA_TYPES = {"jpg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}
_SIGNATURES = ((b"\xff\xd8\xff", "jpg"), (b"\x89PNG\r\n\x1a\n", "png"), (b"GIF8", "gif"))
_NAME = re.compile(r"\d{1,12}\.(?:jpg|png|gif|webp)")
_PART = re.compile(r"\.\d{1,12}\.part")

T = TypeVar("T")


class Fetcher(Protocol):
    """What the collector needs of an adapter: its platform, and a photo written to a file."""

    platform: str

    async def fetch(self, ref: str, into: Path) -> bool:
        """Write the photo the platform knows as `ref` to `into`; False when it has none."""
        ...


def picture_type(head: bytes) -> str | None:
    """The file type a photo's first bytes say it is (jpg, png, gif, webp), or None."""
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


class MediaFolder:
    """The folder of kept photos: names in, bytes out, nothing outside it."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def path(self, name: str) -> Path | None:
        """Where the copy called `name` is, if it is there; None for any name the bot did
        not give (a path, `..`) or a copy that is gone."""
        if not _NAME.fullmatch(name):
            return None
        found = self.folder / name
        return found if found.is_file() else None

    def part(self, attachment_id: int) -> Path:
        """Where a fetch in progress writes: not a name `path` ever gives out."""
        self.folder.mkdir(parents=True, exist_ok=True)
        return self.folder / f".{attachment_id}.part"

    def keep(self, attachment_id: int, part: Path) -> str | None:
        """Name the fetched file by its id and type; None (and no file) when it is not a
        picture the pages can show."""
        with part.open("rb") as opened:
            kind = picture_type(opened.read(16))
        if kind is None:
            part.unlink(missing_ok=True)
            return None
        name = f"{attachment_id}.{kind}"
        part.replace(self.folder / name)
        return name

    def drop(self, names: Iterable[str]) -> None:
        """Delete these copies (names the bot gave; any other is left alone)."""
        for name in names:
            found = self.path(name)
            if found is not None:
                found.unlink(missing_ok=True)

    def stale(self, before: float) -> dict[str, Path]:
        """The copies and unfinished fetches last changed before `before` (seconds since the
        epoch, as files' times are), by name: those a tidy may delete if no photo names them."""
        if not self.folder.is_dir():
            return {}
        found: dict[str, Path] = {}
        for entry in self.folder.iterdir():
            if (_NAME.fullmatch(entry.name) or _PART.fullmatch(entry.name)) and (
                entry.is_file() and entry.stat().st_mtime < before
            ):
                found[entry.name] = entry
        return found

    @staticmethod
    def photo_ids(names: Collection[str]) -> list[int]:
        """The photos' ids copies are named by (「17.jpg」: 17); an unfinished fetch names none."""
        return [int(name.split(".")[0]) for name in names if not name.startswith(".")]

    @staticmethod
    def delete(paths: Sequence[Path]) -> int:
        """Delete the files; how many."""
        for path in paths:
            path.unlink(missing_ok=True)
        return len(paths)


class Collector:
    """Fetches new photos through one adapter into the media folder. Database work runs on
    `worker` (the bot's one core thread); the downloads run on the event loop."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        adapter: Fetcher,
        folder: MediaFolder,
        worker: Executor,
        *,
        account: str = "",
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self._sessions = sessions
        # Files' times are the machine's, not the bot's (a replay's clock runs fast): copies are
        # judged stale by the wall clock.
        self._wall_clock = wall_clock
        self._adapter = adapter
        self._folder = folder
        self._worker = worker
        self._account = account
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[int] | None = None
        self._again = False

    def soon(self, *, tidy: bool = False) -> None:
        """Collect in the background: the bot goes on answering while photos download. With
        `tidy` (at start), the copies no photo names are deleted first."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._round(tidy))
        else:
            self._again = True  # a round is under way; one more after it finds the newest

    async def close(self) -> None:
        """Stop a round in progress; what it had not fetched is fetched at the next start."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _round(self, tidy: bool) -> int:
        if tidy:
            await self.tidy()
        return await self.collect()

    async def tidy(self) -> int:
        """Delete the copies no photo names any more, and fetches a crash cut off, once
        TIDY_AFTER old; how many. The folder is listed and the files deleted on a thread of
        their own: only asking which the database names takes the core thread."""
        folder = self._folder
        try:
            stale = await asyncio.to_thread(folder.stale, self._wall_clock() - TIDY_AFTER)
            named = await self._off_loop(functools.partial(self._kept, folder.photo_ids(stale)))
            gone = [path for name, path in stale.items() if name not in named]
            gone_count = await asyncio.to_thread(folder.delete, gone) if gone else 0
        except Exception:  # a folder or a database in trouble: the next start tries again
            log.exception("tidying the media folder failed")
            return 0
        if gone_count:
            log.info("deleted %d photo copies no photo names", gone_count)
        return gone_count

    async def collect(self) -> int:
        """Fetch the photos still without a copy, the least tried and newest first (a new
        photo never waits behind old ones that keep failing); the number kept. MEDIA_TRIES
        failures in a row end the round: a platform in trouble is not asked for every photo.
        An adapter not connected yet (TryLater) ends it without counting a try."""
        kept = failures = 0
        async with self._lock:  # one round at a time: two would fetch the same photos
            try:
                while True:
                    self._again = False
                    pending = await self._off_loop(self._pending)
                    for attachment_id, ref in pending:
                        try:
                            name = await self._fetch(attachment_id, ref)
                        except TryLater:
                            return kept
                        await self._off_loop(functools.partial(self._settle, attachment_id, name))
                        failures = 0 if name else failures + 1
                        kept += name is not None
                        if failures >= MEDIA_TRIES:
                            return kept
                    if len(pending) < FETCH_BATCH and not self._again:
                        return kept
            except Exception:  # the database: the next photo or start tries again
                log.exception("keeping photos failed")
                return kept

    async def _fetch(self, attachment_id: int, ref: str) -> str | None:
        part = self._folder.part(attachment_id)
        try:
            if not await asyncio.wait_for(self._adapter.fetch(ref, part), FETCH_SECONDS):
                return None
            name = self._folder.keep(attachment_id, part)
        except TryLater:
            part.unlink(missing_ok=True)
            raise
        except Exception:  # the platform's trouble, a timeout, a full disk: counted, tried later
            log.warning("photo %s: fetch failed", attachment_id, exc_info=True)
            part.unlink(missing_ok=True)
            return None
        if name is None:
            log.warning("photo %s: what the platform sent is not a picture", attachment_id)
        return name

    def _pending(self) -> list[tuple[int, str]]:
        with UnitOfWork(self._sessions) as uow:
            return uow.issues.photos_to_fetch(
                self._adapter.platform, self._account, MEDIA_TRIES, FETCH_BATCH
            )

    def _settle(self, attachment_id: int, name: str | None) -> None:
        with UnitOfWork(self._sessions) as uow:
            kept = uow.issues.photo_fetched(attachment_id, name)
            uow.commit()
        if name is not None and not kept:  # taken back while it downloaded
            self._folder.drop([name])

    def _kept(self, ids: Collection[int]) -> set[str]:
        with UnitOfWork(self._sessions) as uow:
            return uow.issues.files_kept(ids)

    async def _off_loop(self, work: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._worker, work)
