"""A real WeChat peer on loopback for tests, and the client side of it.

`WechatPeer.start()` runs `tests/peers/wechat/peer.js`: a wechaty puppet service (plaintext
gRPC) backed by wechaty-puppet-mock with a fixed cast, see tests/peers/README.md. A
python-wechaty bot connects to `peer.endpoint` with `peer.token` and is logged in as 邻里; the
test speaks as contacts with `say` and reads every message (the bot's too) with `messages` /
`wait_for`.

The cast has stable ids (`BOT_ID`, `CONTACTS`, `ROOMS`); `peer.ids` is what the peer printed.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import select
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
PEERS_DIR = ROOT / "tests" / "peers"
PEER_SCRIPT = PEERS_DIR / "wechat" / "peer.js"
START_TIMEOUT = 10.0

BOT_ID = "wxid_linli"
BOT_NAME = "邻里"
# name -> id
CONTACTS = {
    "李书记": "wxid_li",  # secretary
    "张网格": "wxid_zhang",  # grid worker
    "王芳": "wxid_wangfang",  # residents
    "孙大爷": "wxid_sun",
    "钱阿姨": "wxid_qian",
}
# topic -> id (the bot and 李书记, 张网格 are in both)
ROOMS = {
    "网格3群": "grid3@chatroom",  # + 王芳, 孙大爷
    "网格5群": "grid5@chatroom",  # + 钱阿姨
}

Json = dict[str, Any]


class PeerError(RuntimeError):
    """The peer refused a control request (unknown contact or room, ...)."""


class WechatPeer:
    """A running `peer.js` process and an async client for its control server.

    Messages are dicts: `id`, `talkerId`, `roomId` (None when private), `listenerId` (private
    only), `text`, `type` (wechaty-puppet's MessageType name: `Text`, `Image`, ...),
    `mentionIds`, `fileName` (for files) and `timestamp` (ms).
    """

    def __init__(
        self,
        process: subprocess.Popen[bytes],
        stderr: IO[bytes],
        *,
        port: int,
        control_port: int,
        token: str,
        ids: Json,
    ) -> None:
        self.process = process
        self.port = port
        self.control_port = control_port
        self.token = token
        self.ids = ids
        self._stderr = stderr

    # -- process control

    @classmethod
    def start(cls, token: str | None = None) -> WechatPeer:
        """Start the peer on free 127.0.0.1 ports and wait for its `ready` line."""
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("the WeChat peer needs Node.js (`node`) on PATH")
        if not (PEERS_DIR / "node_modules" / "wechaty-puppet-service").is_dir():
            raise RuntimeError(
                f"{PEERS_DIR / 'node_modules'} lacks wechaty-puppet-service: run `make test`, "
                "or `npm ci` in tests/peers"
            )
        token = token or f"insecure_linli_{secrets.token_hex(8)}"
        port, control_port = _free_port(), _free_port()
        # A file, so a chatty peer never blocks on a pipe; closed by stop().
        stderr = tempfile.TemporaryFile()  # noqa: SIM115
        process = subprocess.Popen(
            [
                node,
                str(PEER_SCRIPT),
                "--port",
                str(port),
                "--control-port",
                str(control_port),
                "--token",
                token,
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr,
            env={**os.environ, "NODE_NO_WARNINGS": "1"},
        )
        deadline = time.monotonic() + START_TIMEOUT
        line = _read_line(process, START_TIMEOUT)
        ids_line = _read_line(process, deadline - time.monotonic()) if line else ""
        if not line.startswith("ready ") or not ids_line.startswith("{"):
            exited = process.poll()
            process.kill()
            process.wait()
            stderr.seek(0)
            errors = stderr.read().decode(errors="replace")
            stderr.close()
            ended = "exited" if exited is not None else f"was killed after {START_TIMEOUT:.0f} s"
            raise RuntimeError(
                f"the WeChat peer never said `ready` (it {ended}; stdout {line!r} {ids_line!r}); "
                f"its stderr:\n{errors}"
            )
        _, grpc_port, ctl_port = line.split()
        return cls(
            process,
            stderr,
            port=int(grpc_port),
            control_port=int(ctl_port),
            token=token,
            ids=json.loads(ids_line),
        )

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

    def __enter__(self) -> WechatPeer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def stderr(self) -> str:
        """What the peer wrote on stderr so far (for failure reports)."""
        self._stderr.seek(0)
        text = self._stderr.read().decode(errors="replace")
        self._stderr.seek(0, os.SEEK_END)
        return text

    @property
    def endpoint(self) -> str:
        """For `WECHATY_PUPPET_SERVICE_ENDPOINT`."""
        return f"127.0.0.1:{self.port}"

    @property
    def control_url(self) -> str:
        return f"http://127.0.0.1:{self.control_port}"

    def env(self) -> dict[str, str]:
        """The environment python-wechaty needs to reach this peer (and only it)."""
        return {
            "WECHATY_PUPPET_SERVICE_ENDPOINT": self.endpoint,
            "WECHATY_PUPPET_SERVICE_TOKEN": self.token,
        }

    # -- speaking as contacts

    async def say(
        self,
        contact: str,
        text: str,
        room: str | None = None,
        *,
        mentions: list[str] | None = None,
    ) -> Json:
        """Contact `contact` (an id or a name) says `text` in `room` (id or topic), or privately
        to the bot; `mentions` (ids or names, the bot's too) become the message's mention ids.
        Returns the message record."""
        body: Json = {"from": _contact_id(contact), "text": text}
        if room is not None:
            body["room"] = ROOMS.get(room, room)
        if mentions:
            body["mentions"] = [_contact_id(m) for m in mentions]
        said: Json = await self._request("POST", "/say", body)
        return said

    # -- what was said

    async def messages(self) -> list[Json]:
        """Every message seen so far (people's and the bot's), in order."""
        seen: list[Json] = await self._request("GET", "/messages")
        return seen

    async def reset(self) -> None:
        """Forget the messages seen so far."""
        await self._request("POST", "/reset", {})

    async def wait_for(self, predicate: Callable[[Json], bool], timeout: float = 10.0) -> Json:
        """The first message (from anyone) matching `predicate`; lists what arrived otherwise."""
        deadline = time.monotonic() + timeout
        while True:
            seen = await self.messages()
            for message in seen:
                if predicate(message):
                    return message
            if time.monotonic() >= deadline:
                shown = "\n".join(f"  {_summary(m)}" for m in seen) or "  (nothing)"
                raise AssertionError(
                    f"no matching WeChat message within {timeout} s; messages seen:\n{shown}"
                )
            await asyncio.sleep(0.05)

    async def from_bot(self, predicate: Callable[[Json], bool], timeout: float = 10.0) -> Json:
        """The first message the bot sent matching `predicate`."""
        return await self.wait_for(lambda m: m["talkerId"] == BOT_ID and predicate(m), timeout)

    # -- plumbing

    async def _request(self, method: str, path: str, body: Mapping[str, Any] | None = None) -> Any:
        # A client per call: tests may run each in its own event loop.
        async with httpx.AsyncClient(timeout=10) as client:
            response = await client.request(
                method, f"{self.control_url}{path}", json=None if body is None else dict(body)
            )
        try:
            payload = response.json()
        except ValueError:
            payload = {"description": response.text}
        if response.status_code != 200 or not payload.get("ok"):
            raise PeerError(f"{path}: HTTP {response.status_code}: {payload.get('description')}")
        return payload["result"]


def _contact_id(contact: str) -> str:
    """A contact id from a name or an id (the bot included)."""
    return BOT_ID if contact == BOT_NAME else CONTACTS.get(contact, contact)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


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


def _summary(message: Mapping[str, Any]) -> str:
    """One line about a message for failure reports."""
    where = message.get("roomId") or f"private to {message.get('listenerId')}"
    shown = message.get("fileName") or message.get("text")
    return f"{message.get('talkerId')} in {where}: {message.get('type')} {shown!r}"
