"""The web ledger's other pages: meetings and votes, statistics, the grid map, the export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.routing import BaseRoute

if TYPE_CHECKING:
    from bot.web.app import Web


def routes(web: Web) -> list[BaseRoute]:
    return []
