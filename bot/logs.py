"""Logging that never shows a secret or a phone number.

Tokens from the environment are masked in every line: HTTP client libraries log request URLs,
and Telegram's URLs carry the bot token (`…/bot<token>/getUpdates`), so masking at the handler
is the one place that catches all. Residents' phone numbers (138-1234-5678, 13812345678,
010-62345678) are masked the same way, as groups see them (138****5678, 010-****5678,
`bot.domain.privacy.mask_phones`): logs are read by whoever runs the server, replies to staff
still show the number in full.
"""

from __future__ import annotations

import logging
import os

from bot.domain.privacy import mask_phones

SECRET_VARIABLES = (
    "LINLI_TELEGRAM_TOKEN",
    "LINLI_TELEGRAM_WEBHOOK_SECRET",
    "LINLI_WECHAT_TOKEN",
    "LINLI_DATABASE_URL",
)
MASK = "***"
_SHORTEST_SECRET = 8  # shorter values would mask ordinary words; real tokens are long


def secrets_in_environment() -> list[str]:
    """The secrets set now, longest first (a secret may contain a shorter one)."""
    found = {os.environ.get(name, "") for name in SECRET_VARIABLES}
    return sorted((s for s in found if len(s) >= _SHORTEST_SECRET), key=len, reverse=True)


def without_secrets(text: str, secrets: list[str] | None = None) -> str:
    """`text` with every secret (from the environment, unless given) replaced by ***."""
    for secret in secrets_in_environment() if secrets is None else secrets:
        text = text.replace(secret, MASK)
    return text


class SecretFilter(logging.Filter):
    """Replaces each secret's text with *** and masks mobile numbers in the formatted message,
    the exception text and the stack."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = sorted(
            {s for s in secrets if len(s) >= _SHORTEST_SECRET}, key=len, reverse=True
        )

    def mask(self, text: str) -> str:
        return mask_phones(without_secrets(text, self._secrets))

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True  # a broken log call: the formatter reports it
        text = self.mask(message)
        if text != message:
            record.msg, record.args = text, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.mask(record.exc_text)
        if record.stack_info:
            record.stack_info = self.mask(record.stack_info)
        return True


def hide_secrets(logger: logging.Logger) -> None:
    """Mask the secrets now in the environment, and mobile numbers, in everything `logger`'s
    handlers write."""
    secret_filter = SecretFilter(secrets_in_environment())
    for handler in logger.handlers:
        handler.addFilter(secret_filter)
