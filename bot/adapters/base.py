"""What every chat platform adapter provides. The core never imports a platform library."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.messages import IncomingMessage, Outgoing

Deliver = Callable[[IncomingMessage], Awaitable[None]]


class Adapter(Protocol):
    """Receives platform events as `IncomingMessage`s and sends what the core returns."""

    platform: str
    help_note: str  # extra line for /help on this platform ("" when none)

    async def run(self, deliver: Deliver) -> None:
        """Receive messages and hand each to `deliver` until stopped or input ends."""
        ...

    async def send(self, message: Outgoing) -> None:
        """Send one outgoing message; raise if it could not be sent."""
        ...
