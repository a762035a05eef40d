"""A real WeChat peer on loopback for tests, and the client side of it.

`WechatPeer.start()` runs `tests/peers/wechat/peer.js`: a wechaty puppet service (plaintext
gRPC) backed by wechaty-puppet-mock with a fixed cast, see tests/peers/README.md. A
python-wechaty bot connects to `peer.endpoint` with `peer.token` and is logged in as 邻里; the
test speaks as contacts with `say` (text, images, files) and reads every message (the bot's
too) with `messages` / `wait_for`, and the bytes of files with `file`. `rename` changes a room's
topic; `restart` (a new process on the same ports and token) and `drop` (the gRPC server goes
away for a while in-process) simulate the gateway dropping.

The cast has stable ids (`BOT_ID`, `CONTACTS`, `ROOMS`); `peer.ids` is what the peer printed.
"""

from __future__ import annotations

import asyncio
import base64
import json
import secrets
import subprocess
import time
from collections.abc import Callable, Mapping
from typing import IO, Any

import httpx

from tests.support.peer_process import PEERS_DIR, NodePeer, free_port

PEER_SCRIPT = PEERS_DIR / "wechat" / "peer.js"

BOT_ID = "wxid_linli"
BOT_NAME = "邻里"
# name -> id
CONTACTS = {
    "李书记": "wxid_li",  # secretary
    "张网格": "wxid_zhang",  # grid worker
    "王芳": "wxid_wangfang",  # residents
    "孙大爷": "wxid_sun",
    "钱阿姨": "wxid_qian",
    "刘物业": "wxid_liu",  # the property company's handler
}
# topic -> id (the bot, 李书记 and 张网格 are in each)
ROOMS = {
    "网格3群": "grid3@chatroom",  # + 王芳, 孙大爷
    "网格5群": "grid5@chatroom",  # + 钱阿姨
    "工作群": "work@chatroom",  # the bot, 李书记, 张网格, 刘物业
}

Json = dict[str, Any]


class PeerError(RuntimeError):
    """The peer refused a control request (unknown contact or room, ...)."""


class WechatPeer(NodePeer):
    """A running `peer.js` process and an async client for its control server.

    Messages are dicts: `id`, `talkerId`, `roomId` (None when private), `listenerId` (private
    only), `text`, `type` (wechaty-puppet's MessageType name: `Text`, `Image`, ...),
    `mentionIds`, `fileName` and `fileSize` (bytes; for files, else None) and `timestamp` (ms).
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
        super().__init__(process, stderr)
        self.port = port
        self.control_port = control_port
        self.token = token
        self.ids = ids

    # -- process control

    @classmethod
    def start(
        cls, token: str | None = None, *, port: int | None = None, control_port: int | None = None
    ) -> WechatPeer:
        """Start the peer and wait for its `ready` and ids lines: on `port` (gRPC) and
        `control_port` when given (e.g. the ports of a peer just stopped), free ports
        otherwise."""
        token = token or f"insecure_linli_{secrets.token_hex(8)}"
        ports = [
            "--port",
            str(port or free_port()),
            "--control-port",
            str(control_port or free_port()),
        ]
        process, stderr, (ready, ids) = cls.launch(
            "WeChat",
            PEER_SCRIPT,
            [*ports, "--token", token],
            "wechaty-puppet-service",
            lines=2,
        )
        _, grpc_port, control_port_said = ready.split()
        return cls(
            process,
            stderr,
            port=int(grpc_port),
            control_port=int(control_port_said),
            token=token,
            ids=json.loads(ids),
        )

    def restart(self) -> WechatPeer:
        """Stop this peer (the gateway drops: clients' streams end) and start a new one on the
        same ports and token. The new peer knows nothing of the old one's messages. Stop the
        returned peer (this one is stopped already)."""
        self.stop()
        return WechatPeer.start(self.token, port=self.port, control_port=self.control_port)

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
        text: str = "",
        room: str | None = None,
        *,
        mentions: list[str] | None = None,
        image: bytes | None = None,
        file: bytes | None = None,
        voice: bytes | None = None,
        file_name: str | None = None,
    ) -> Json:
        """Contact `contact` (an id or a name) says `text` in `room` (id or topic), or privately
        to the bot; `mentions` (ids or names, the bot's too) become the message's mention ids.
        With `image` (or `file`, `voice`) the contact then sends those bytes as an `Image` (or
        `Attachment`, `Audio`) message named `file_name` (default `image.png` / `file.bin` /
        `voice.silk`).
        Returns the record of the last message sent."""
        body: Json = {"from": _contact_id(contact)}
        if text:
            body["text"] = text
        if room is not None:
            body["room"] = ROOMS.get(room, room)
        if mentions:
            body["mentions"] = [_contact_id(m) for m in mentions]
        if image is not None:
            body["image"] = base64.b64encode(image).decode("ascii")
        if file is not None:
            body["file"] = base64.b64encode(file).decode("ascii")
        if voice is not None:
            body["voice"] = base64.b64encode(voice).decode("ascii")
        if file_name is not None:
            body["fileName"] = file_name
        said: Json = await self._request("POST", "/say", body)
        return said

    async def send_image(
        self, contact: str, image: bytes, room: str | None = None, *, file_name: str = "image.png"
    ) -> Json:
        """Contact `contact` sends `image` in `room` (or privately); the message record."""
        return await self.say(contact, room=room, image=image, file_name=file_name)

    async def recall(self, contact: str, message_id: str) -> Json:
        """Contact `contact` takes back (撤回) their message `message_id`: a `Recalled` message
        whose text is that id. Returns its record."""
        body: Json = {"from": _contact_id(contact), "id": message_id}
        recalled: Json = await self._request("POST", "/recall", body)
        return recalled

    async def rename(self, room: str, topic: str, *, by: str | None = None) -> Json:
        """`by` (an id or a name; default 李书记) renames `room` (id or original topic) to
        `topic`. Clients get a `room-topic` event. Returns `{roomId, topic, oldTopic,
        changerId}`."""
        body: Json = {"room": ROOMS.get(room, room), "topic": topic}
        if by is not None:
            body["by"] = _contact_id(by)
        renamed: Json = await self._request("POST", "/topic", body)
        return renamed

    async def drop(self, restart_after_ms: int = 500) -> None:
        """The gRPC server shuts down now and comes back on the same port after
        `restart_after_ms` (in the same process: messages and cast stay)."""
        await self._request("POST", "/drop", {"restartAfterMs": restart_after_ms})

    # -- what was said

    async def messages(self) -> list[Json]:
        """Every message seen so far (people's and the bot's), in order."""
        seen: list[Json] = await self._request("GET", "/messages")
        return seen

    async def file(self, message_id: str) -> bytes:
        """The bytes of the file message `message_id` (one the bot sent, or a contact's)."""
        async with httpx.AsyncClient(timeout=10) as client:
            response = await client.get(f"{self.control_url}/file/{message_id}")
        if response.status_code != 200:
            raise PeerError(f"/file/{message_id}: HTTP {response.status_code}: {response.text}")
        return response.content

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


def _summary(message: Mapping[str, Any]) -> str:
    """One line about a message for failure reports."""
    where = message.get("roomId") or f"private to {message.get('listenerId')}"
    shown = message.get("fileName") or message.get("text")
    return f"{message.get('talkerId')} in {where}: {message.get('type')} {shown!r}"
