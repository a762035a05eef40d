"""A real `linli run` console process in a test: lines typed into its stdin, lines it printed.

It runs on a fast clock (`--clock-speed 600`: ten minutes a second) from a given instant, so
reminders come due within seconds.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

LINLI = str(Path(sys.executable).parent / "linli")
MONDAY = "2026-11-23T{}:00+08:00"


class Bot:
    """A running bot: lines typed into its console, lines it printed."""

    def __init__(
        self,
        config: Path,
        start: str,
        *options: str,
        env: Mapping[str, str] | None = None,
        speed: float = 600,
    ) -> None:
        self.process = subprocess.Popen(
            [
                LINLI,
                "--config",
                str(config),
                "run",
                "--clock-start",
                start if "T" in start else MONDAY.format(start),
                "--clock-speed",
                str(speed),
                *options,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        assert self.process.stdout is not None
        stdout = self.process.stdout
        threading.Thread(target=lambda: [self._queue.put(x) for x in stdout], daemon=True).start()

    def type(self, *lines: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("".join(line + "\n" for line in lines))
        self.process.stdin.flush()

    def wait_for(self, text: str, seconds: float = 20.0, count: int = 1) -> None:
        """Read printed lines until `count` of them contain `text`."""
        deadline = time.monotonic() + seconds
        while sum(text in line for line in self.lines) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"never printed {text!r} ×{count}; printed {self.lines}")
            try:
                self.lines.append(self._queue.get(timeout=remaining))
            except queue.Empty:
                continue

    def idle(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            try:
                self.lines.append(self._queue.get(timeout=left))
            except queue.Empty:
                break

    def kill(self) -> None:
        self.process.kill()  # SIGKILL: no clean-up runs
        self.process.wait(timeout=10)

    def stderr(self) -> str:
        """What it logged (only once it has stopped)."""
        assert self.process.stderr is not None
        return self.process.stderr.read() if self.process.poll() is not None else ""


@contextmanager
def bot(
    config: Path,
    start: str,
    *options: str,
    env: Mapping[str, str] | None = None,
    speed: float = 600,
) -> Iterator[Bot]:
    running = Bot(config, start, *options, env=env, speed=speed)
    try:
        yield running
    finally:
        if running.process.poll() is None:
            running.kill()
