"""Logging that never shows a secret: tokens from the environment are masked in every line.

HTTP client libraries log request URLs, and Telegram's URLs carry the bot token
(`…/bot<token>/getUpdates`), so masking at the handler is the one place that catches all.
"""

from __future__ import annotations

import logging
import os

SECRET_VARIABLES = (
    "LINLI_TELEGRAM_TOKEN",
    "LINLI_TELEGRAM_WEBHOOK_SECRET",
    "LINLI_WECHAT_TOKEN",
    "LINLI_DATABASE_URL",
)
MASK = "***"


class SecretFilter(logging.Filter):
    """Replaces each secret's text with *** in the formatted message."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        # Short values would mask ordinary words; real tokens are long.
        self._secrets = sorted({s for s in secrets if len(s) >= 8}, key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        message = record.getMessage()
        text = message
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        exc_text = record.exc_text
        if exc_text:
            for secret in self._secrets:
                exc_text = exc_text.replace(secret, MASK)
            record.exc_text = exc_text
        if text != message:
            record.msg, record.args = text, None
        return True


def hide_secrets(logger: logging.Logger) -> None:
    """Mask the secrets now in the environment in everything `logger`'s handlers write."""
    secret_filter = SecretFilter([os.environ.get(name, "") for name in SECRET_VARIABLES])
    for handler in logger.handlers:
        handler.addFilter(secret_filter)
