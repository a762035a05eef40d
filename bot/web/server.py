"""Serving the web ledger with uvicorn: on its own (`linli web`) or beside the bot."""

from __future__ import annotations

import contextlib
import logging
import socket
from collections.abc import Generator

import uvicorn

from bot.app import Linli
from bot.config import ConfigError
from bot.web.app import Act, create_app

log = logging.getLogger(__name__)


class _Embedded(uvicorn.Server):
    """A server inside the bot's event loop: the bot, not uvicorn, answers Ctrl-C."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


def listening(linli: Linli) -> socket.socket:
    """The web ledger's socket, bound now so a taken port stops the start with one line."""
    web = linli.services.settings.web
    family = socket.AF_INET6 if ":" in web.listen else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((web.listen, web.port))
    except OSError as error:
        sock.close()
        raise ConfigError(
            f"网页台账无法监听 {web.listen}:{web.port}（{error.strerror}），"
            "请在配置的 web.port 换一个端口"
        ) from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def server(linli: Linli, act: Act | None = None, *, embedded: bool = False) -> uvicorn.Server:
    config = uvicorn.Config(
        create_app(linli, act),
        log_level="warning",
        access_log=False,
        lifespan="off",
        # Behind a reverse proxy (https), the proxy's headers say who the client is.
        proxy_headers=True,
    )
    return _Embedded(config) if embedded else uvicorn.Server(config)
