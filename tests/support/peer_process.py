"""Starting and stopping a Node chat peer from tests/peers (shared by the Telegram and WeChat ones).

A peer prints `ready …` (and maybe more lines) on stdout once it listens; its stderr goes to a
file, so a chatty peer never blocks on a pipe, and is shown when it fails to start.
"""

from __future__ import annotations

import os
import select
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Self

PEERS_DIR = Path(__file__).resolve().parents[1] / "peers"
START_TIMEOUT = 30.0  # node and its modules load slowly on a busy 2-core machine (CI)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class NodePeer:
    """A running peer process; `stop()` (or leaving the `with` block) ends it."""

    def __init__(self, process: subprocess.Popen[bytes], stderr: IO[bytes]) -> None:
        self.process = process
        self._stderr = stderr

    @staticmethod
    def launch(
        name: str, script: Path, args: list[str], package: str, lines: int = 1
    ) -> tuple[subprocess.Popen[bytes], IO[bytes], list[str]]:
        """Start `node script args…`; returns the process, its stderr file and its first
        `lines` stdout lines, the first of which says `ready`. Fails loudly otherwise."""
        node = shutil.which("node")
        if node is None:
            raise RuntimeError(f"the {name} peer needs Node.js (`node`) on PATH")
        if not (PEERS_DIR / "node_modules" / package).is_dir():
            raise RuntimeError(
                f"{PEERS_DIR / 'node_modules'} lacks {package}: run `make test`, "
                "or `npm ci` in tests/peers"
            )
        stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed by stop()
        process = subprocess.Popen(
            [node, str(script), *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr,
            env={**os.environ, "NODE_NO_WARNINGS": "1"},
        )
        deadline = time.monotonic() + START_TIMEOUT
        said: list[str] = []
        while len(said) < lines and (line := _read_line(process, deadline - time.monotonic())):
            said.append(line)
        if len(said) < lines or not said[0].startswith("ready "):
            exited = process.poll()
            process.kill()
            process.wait()
            stderr.seek(0)
            errors = stderr.read().decode(errors="replace")
            stderr.close()
            ended = "exited" if exited is not None else f"was killed after {START_TIMEOUT:.0f} s"
            raise RuntimeError(
                f"the {name} peer never said `ready` (it {ended}; stdout {said!r}); "
                f"its stderr:\n{errors}"
            )
        return process, stderr, said

    def stop(self) -> None:
        """Stop the peer (SIGTERM, then SIGKILL after 5 s)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self._stderr.close()

    def stderr(self) -> str:
        """What the peer wrote on stderr so far (for failure reports)."""
        self._stderr.seek(0)
        text = self._stderr.read().decode(errors="replace")
        self._stderr.seek(0, os.SEEK_END)
        return text

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def _read_line(process: subprocess.Popen[bytes], timeout: float) -> str:
    """The next stdout line, or what came before the timeout or the process's exit."""
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    line = b""
    fd = process.stdout.fileno()
    while not line.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        readable, _, _ = select.select([fd], [], [], remaining)
        if not readable:
            break
        chunk = os.read(fd, 1)
        if not chunk:  # the process exited
            break
        line += chunk
    return line.decode(errors="replace").strip()
