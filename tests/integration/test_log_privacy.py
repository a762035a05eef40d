"""Secrets and residents' phone numbers never reach the logs; the bot's token never reaches a
chat. Logs name messages by their ids (chat, message, issue), not by what residents wrote.

The filter is the one `linli` installs (bot/logs.py `hide_secrets`), on a real dispatcher over
a SQLite file at DEBUG level, and in a real `linli -v run` console process.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.logs import SecretFilter, hide_secrets, mask_phones
from handlers import intake, texts
from tests.support.conversation import (
    EXAMPLE_CONFIG,
    Conversation,
    example_settings,
    monday_morning,
)

TOKEN = "7012345678:AAHfakeTokenForTests-only_abcdefghijk"
PHONES = ["13812345678", "138-1234-5678", "138 1234 5678", "19987654321"]
# Any way the digits of those numbers could show up, separators or not.
LEAKS = [re.compile(r"138[ -]?1234[ -]?5678"), re.compile(r"199[ -]?8765[ -]?4321")]
LINLI = Path(sys.executable).with_name("linli")


class Lines(logging.Handler):
    """Every formatted log line, as a handler on the root logger writes it."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def logged(monkeypatch: pytest.MonkeyPatch) -> Iterator[Lines]:
    """Root logging at DEBUG through a handler with the filter `linli` installs."""
    monkeypatch.setenv("LINLI_TELEGRAM_TOKEN", TOKEN)
    handler = Lines()
    holder = logging.Logger("holder")
    holder.addHandler(handler)
    hide_secrets(holder)  # as bot/cli.py does for the root logger's handlers
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


@pytest.fixture
def conversation(tmp_path: Path, logged: Lines) -> Iterator[Conversation]:
    chat = Conversation(example_settings(f"sqlite:///{tmp_path / 'linli.db'}"), monday_morning())
    yield chat
    chat.close()


def assert_private(text: str) -> None:
    assert TOKEN not in text
    for leak in LEAKS:
        assert not leak.search(text), text


def test_mobile_numbers_are_masked_in_every_written_form() -> None:
    assert mask_phones("电话13812345678") == "电话138****5678"
    assert mask_phones("电话 138-1234-5678。") == "电话 138****5678。"
    assert mask_phones("138 1234 5678") == "138****5678"
    # Not a mobile number: inside a longer run of digits, or not starting 13x–19x.
    assert mask_phones("订单202613812345678") == "订单202613812345678"
    assert mask_phones("138123456789") == "138123456789"
    assert mask_phones("12812345678") == "12812345678"
    assert mask_phones("来电号码010-62345678") == "来电号码010-****5678"  # a landline as well


def test_the_filter_masks_arguments_exceptions_and_keeps_secret_masking() -> None:
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "sent %s to %s", (TOKEN, "138-1234-5678"), None
    )
    try:
        raise ValueError(f"https://api.telegram.org/bot{TOKEN}/getMe 13812345678")
    except ValueError:
        record.exc_info = sys.exc_info()
    assert SecretFilter([TOKEN]).filter(record)
    line = logging.Formatter().format(record)
    assert "sent *** to 138****5678" in line
    assert "bot***/getMe 138****5678" in line
    assert_private(line)


def test_reports_with_phone_numbers_and_a_pasted_token_never_reach_the_log(
    conversation: Conversation, logged: Lines, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[str] = []
    for number, phone in enumerate(PHONES, start=1):
        sent += [
            t
            for _, t in conversation.say(f"@王芳/网格3群: #报事 {number}号楼井盖坏了，电话{phone}")
        ]
    # A worker pastes the bot's token by mistake, then asks to see that report.
    sent += [t for _, t in conversation.say(f"@张网格/网格3群: #报事 6号楼灯坏了，令牌是{TOKEN}")]
    sent += [t for _, t in conversation.say("@张网格/网格3群: 查看 5")]
    sent += [t for _, t in conversation.say("@张网格/网格3群: 查看 1")]

    # A handler that fails with the resident's text in its exception: the error is logged.
    def broken(ctx: object, description: str) -> object:
        raise RuntimeError(f"cannot file {description}")

    monkeypatch.setattr(intake, "report", broken)
    failed = conversation.say(f"@王芳/网格3群: #报事 7号楼漏水 13812345678 {TOKEN}")
    assert [t for _, t in failed] == [texts.FAILED]
    sent += [t for _, t in failed]

    lines = logged.lines
    assert any("cannot file" in line for line in lines), lines  # the failure is in the log
    for line in lines:
        assert_private(line)
    # Lines about a message name it by ids: the chat, the message, the issue.
    about = [line for line in lines if re.search(r"message t-\d+", line)]
    assert about, lines
    assert any("网格3群" in line and "issue 1" in line for line in about), about
    # Nothing the bot said carries the token (the phone is shown, masked, in groups).
    assert sent and all(TOKEN not in text for text in sent)
    assert any("令牌是***" in text for text in sent), sent


def test_a_real_linli_process_logs_no_phone_number(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    shutil.copy(EXAMPLE_CONFIG, config)
    env = {**os.environ, "LINLI_TELEGRAM_TOKEN": TOKEN}
    env.pop("LINLI_CONFIG", None)
    typed = [
        "@王芳/网格3群: #报事 3号楼井盖坏了，电话13812345678",
        "@孙大爷/网格3群: #报事 5号楼楼道灯不亮 138-1234-5678",
        f"@张网格/网格3群: #报事 6号楼漏水 138 1234 5678 {TOKEN}",
        "@张网格/网格3群: 查看 1",
        "@张网格/网格3群: /frobnicate 19987654321",
    ]
    done = subprocess.run(
        [
            str(LINLI),
            "-v",
            "--config",
            str(config),
            "run",
            "--clock-start",
            "2026-11-23T09:00:00+08:00",
        ],
        check=False,
        input="".join(line + "\n" for line in typed),
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert "已登记 #3" in done.stdout, (done.stdout, done.stderr)
    assert "DEBUG" in done.stderr  # -v: it did log, at length
    assert_private(done.stderr)
    assert TOKEN not in done.stdout
