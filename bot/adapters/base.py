"""What every chat platform adapter provides. The core never imports a platform library."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from bot.messages import IncomingMessage, Outgoing, Sent

Deliver = Callable[[IncomingMessage], Awaitable[None]]


class Undeliverable(Exception):
    """The platform refused a message for good (the bot left the chat, the chat is gone).

    Any other exception from `send` is taken as passing trouble, and the message is tried again.
    """


class TryLater(Exception):
    """The platform asked us to wait (Telegram's 429 retry_after) before sending again."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds:g} s")
        self.seconds = seconds


class Adapter(Protocol):
    """Receives platform events as `IncomingMessage`s and sends what the core returns."""

    platform: str
    help_note: str  # extra line for /help on this platform ("" when none)

    async def run(self, deliver: Deliver) -> None:
        """Receive messages and hand each to `deliver` until stopped or input ends."""
        ...

    async def send(self, message: Outgoing) -> Sent | None:
        """Send one outgoing message; raise if it could not be sent.

        Returns the platform's ids for the message when it has them (needed to count and close
        native polls).
        """
        ...

    async def fetch(self, ref: str, into: Path) -> bool:
        """Write the photo the platform knows as `ref` (as an `AttachmentRef` gave it) to the
        file `into`; False when there is nothing to fetch. Raise when the platform failed."""
        ...


@contextmanager
def stopped_by_signals(stop: Callable[[], None]) -> Iterator[None]:
    """Ctrl-C and SIGTERM call `stop` while the block runs (the outbox keeps what was not sent).

    Outside the main thread (tests) signals cannot be watched; the block runs without.
    """
    loop = asyncio.get_running_loop()
    watched = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, stop)
        except (NotImplementedError, RuntimeError):
            break
        watched.append(signum)
    try:
        yield
    finally:
        for signum in watched:
            loop.remove_signal_handler(signum)
