"""Running the whole bot on a real platform adapter inside a test, and reading what it stored."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Protocol, TypeVar

from bot.adapters.base import Adapter
from bot.app import bootstrap, serve
from bot.clock import Clock, ScaledClock
from bot.config import Settings, load_settings
from storage.uow import UnitOfWork


class StartingAdapter(Adapter, Protocol):
    ready: asyncio.Event

    def stop(self) -> None: ...


A = TypeVar("A", bound=StartingAdapter)


@asynccontextmanager
async def serving(
    adapter: A,
    settings: Settings,
    clock: Clock,
    *,
    wait: float,
    trouble: Callable[[], str],
) -> AsyncIterator[A]:
    """The whole bot, as `linli run` builds it, on `adapter` until the block ends.

    Fails loudly, with `trouble()` (the peer's stderr), if the adapter is not ready in `wait` s.
    """
    linli = bootstrap(settings, clock, {adapter.platform: adapter.help_note})
    running = asyncio.create_task(serve(linli, adapter))
    try:
        ready = asyncio.create_task(adapter.ready.wait())
        done, _ = await asyncio.wait({ready, running}, timeout=wait, return_when="FIRST_COMPLETED")
        if running in done:
            running.result()  # raises what stopped it
        if ready not in done:
            raise AssertionError(
                f"the {adapter.platform} adapter was not ready within {wait} s; "
                f"peer stderr:\n{trouble()}"
            )
        yield adapter
    finally:
        adapter.stop()
        await asyncio.wait_for(running, 15)
        linli.close()


@contextmanager
def stored(config: Path, now: datetime) -> Iterator[UnitOfWork]:
    """What the bot's database holds, read as a restarted bot would."""
    linli = bootstrap(load_settings(config), ScaledClock(now))
    try:
        with UnitOfWork(linli.sessions) as uow:
            yield uow
    finally:
        linli.close()


async def kept_photos(config: Path, count: int, timeout: float = 10.0) -> list[bytes]:
    """The photo copies the bot keeps in the media folder beside `config`, once there are
    `count` of them (fetched in the background after the message that brought them)."""
    folder = Path(load_settings(config).media.dir)
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        kept = sorted(folder.glob("[0-9]*.*")) if folder.exists() else []
        if len(kept) >= count or asyncio.get_running_loop().time() > deadline:
            return [path.read_bytes() for path in kept]
        await asyncio.sleep(0.05)
