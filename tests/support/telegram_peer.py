"""A real Telegram Bot API peer on loopback for tests, and the client side of it.

`TelegramPeer.start()` runs `tests/peers/telegram/peer.js` (telegram-test-api with patches, see
tests/peers/README.md). A bot under test talks to `peer.base_url` like it would to
api.telegram.org; the test speaks as people through the async methods here (`say`, `press`,
`answer_poll`, ...) and reads what the bot sent with `bot_messages` / `wait_for`.

People and chats are plain Bot API dicts, made with `person`, `group`, `supergroup`, `private`.
"""

from __future__ import annotations

import asyncio
import base64
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from typing import IO, Any

import httpx

from tests.support.peer_process import PEERS_DIR, NodePeer

PEER_SCRIPT = PEERS_DIR / "telegram" / "peer.js"
DEFAULT_TOKEN = "123456:TEST"
BOT_USERNAME = "linli_test_bot"

Json = dict[str, Any]


# ---------------------------------------------------------------- people and chats


def person(
    id: int, first_name: str, username: str | None = None, last_name: str | None = None
) -> Json:
    """A Telegram User who is not a bot."""
    user: Json = {"id": id, "is_bot": False, "first_name": first_name}
    if last_name is not None:
        user["last_name"] = last_name
    if username is not None:
        user["username"] = username
    return user


def group(id: int, title: str) -> Json:
    """A basic group chat (ids are negative)."""
    return {"id": id, "type": "group", "title": title}


def supergroup(id: int, title: str) -> Json:
    """A supergroup chat (ids look like -100…)."""
    return {"id": id, "type": "supergroup", "title": title}


def private(someone: Mapping[str, Any]) -> Json:
    """The private chat between the bot and `someone` (its id is the person's id)."""
    chat: Json = {"id": someone["id"], "type": "private", "first_name": someone["first_name"]}
    for key in ("last_name", "username"):
        if key in someone:
            chat[key] = someone[key]
    return chat


def utf16_length(text: str) -> int:
    """Telegram measures entity offsets and lengths in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def command_entities(text: str) -> list[Json]:
    """The `bot_command` entity Telegram attaches to a text starting with `/`."""
    if not text.startswith("/"):
        return []
    word = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": utf16_length(word)}]


# ---------------------------------------------------------------- the peer


class PeerError(RuntimeError):
    """The peer refused a client request (unknown poll, failed webhook delivery, ...)."""


class TelegramPeer(NodePeer):
    """A running `peer.js` process and an async client for its test-side routes."""

    def __init__(
        self, process: subprocess.Popen[bytes], stderr: IO[bytes], port: int, token: str
    ) -> None:
        super().__init__(process, stderr)
        self.port = port
        self.token = token
        self._said: dict[tuple[int, int], Json] = {}

    @classmethod
    def start(cls, token: str = DEFAULT_TOKEN, port: int = 0) -> TelegramPeer:
        """Start the peer on 127.0.0.1 (`port=0`: a free port) and wait for its `ready` line."""
        process, stderr, (ready,) = cls.launch(
            "Telegram", PEER_SCRIPT, ["--port", str(port)], "telegram-test-api"
        )
        return cls(process, stderr, int(ready.split()[1]), token)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """For PTB's `base_url`: the token is appended to it."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """For PTB's `base_file_url`: the token and the file path are appended to it."""
        return f"{self.url}/file/bot"

    # -- speaking as people

    async def say(
        self,
        someone: Mapping[str, Any],
        chat: Mapping[str, Any],
        text: str = "",
        *,
        reply_to: Mapping[str, Any] | int | None = None,
        photo: bool | bytes = False,
        caption: str | None = None,
        entities: Sequence[Mapping[str, Any]] | None = None,
        **fields: Any,
    ) -> int:
        """`someone` sends `text` to `chat`; returns the message id the bot sees.

        A text starting with `/` gets its `bot_command` entity. `reply_to` is a message dict (a
        bot message from `bot_messages`, say) or the id of a message said or sent in the chat.
        `photo=True` (a 1x1 PNG) or image bytes sends a photo; its caption is `caption`, else
        `text`, and `entities` become its caption_entities. Extra `fields` go into the Message
        as they are (service messages, ...).
        """
        message: Json = {"from": dict(someone), "chat": dict(chat), **fields}
        if photo:
            message["photo"] = True if photo is True else base64.b64encode(photo).decode()
            if caption is not None or text:
                message["caption"] = caption if caption is not None else text
            if entities:
                message["caption_entities"] = list(entities)
        elif text:
            message["text"] = text
            message["entities"] = command_entities(text) + list(entities or [])
            if not message["entities"]:
                del message["entities"]
        if reply_to is not None:
            original = await self._message(chat["id"], reply_to)
            message["reply_to_message"] = {
                k: v for k, v in original.items() if k != "reply_to_message"
            }
        seen = await self._post("/sendMessage", {"botToken": self.token, **message})
        self._said[(int(chat["id"]), int(seen["message_id"]))] = seen
        return int(seen["message_id"])

    async def edit(self, chat: Mapping[str, Any], message_id: int, text: str) -> Json:
        """The sender of message `message_id` in `chat` edits it to read `text`."""
        body = {"botToken": self.token, "chatId": chat["id"], "messageId": message_id}
        edited: Json = await self._post("/editMessage", {**body, "text": text})
        return edited

    async def migrate(
        self, someone: Mapping[str, Any], old_chat: Mapping[str, Any], new_chat_id: int
    ) -> Json:
        """Upgrade `old_chat` to a supergroup: both service messages; returns the new chat."""
        new_chat = supergroup(new_chat_id, str(old_chat.get("title", "")))
        await self.say(someone, old_chat, migrate_to_chat_id=new_chat_id)
        await self.say(someone, new_chat, migrate_from_chat_id=old_chat["id"])
        return new_chat

    async def press(
        self, someone: Mapping[str, Any], bot_message: Mapping[str, Any], data: str
    ) -> str:
        """`someone` presses the inline button with callback `data`; returns the query id."""
        query = await self._post(
            "/sendCallback",
            {
                "botToken": self.token,
                "from": dict(someone),
                "message": dict(bot_message),
                "data": data,
            },
        )
        return str(query["id"])

    async def callback_answer(self, callback_id: str) -> Json | None:
        """The parameters the bot gave answerCallbackQuery for this query, if it answered."""
        answer: Json | None = await self._post("/callbackAnswer", {"callbackId": callback_id})
        return answer

    async def answer_poll(
        self, someone: Mapping[str, Any], poll_id: str, option_ids: Sequence[int]
    ) -> Json:
        """`someone` votes in a non-anonymous poll (empty `option_ids`: retracts the vote)."""
        body = {
            "botToken": self.token,
            "pollId": poll_id,
            "from": dict(someone),
            "optionIds": list(option_ids),
        }
        answer: Json = await self._post("/sendPollAnswer", body)
        return answer

    # -- what the bot did

    async def bot_requests(self, chat_id: int) -> list[Json]:
        """Every message the bot sent to the chat, in order: `{method, request, message}`."""
        items: list[Json] = await self._post(
            "/botMessages", {"token": self.token, "chatId": chat_id}
        )
        return items

    async def bot_messages(self, chat_id: int) -> list[Json]:
        """Every message the bot sent to the chat so far, in order, as Bot API Messages."""
        return [item["message"] for item in await self.bot_requests(chat_id)]

    async def wait_for(
        self,
        chat_id: int,
        predicate: Callable[[Json], bool],
        timeout: float = 10.0,
        *,
        after: int = 0,
    ) -> Json:
        """The first bot message in the chat (with id above `after`) matching `predicate`."""
        deadline = time.monotonic() + timeout
        while True:
            messages = [m for m in await self.bot_messages(chat_id) if m["message_id"] > after]
            for message in messages:
                if predicate(message):
                    return message
            if time.monotonic() >= deadline:
                shown = "\n".join(f"  {_summary(m)}" for m in messages) or "  (nothing)"
                raise AssertionError(
                    f"no matching bot message in chat {chat_id} within {timeout} s; "
                    f"the bot sent:\n{shown}"
                )
            await asyncio.sleep(0.05)

    async def file_bytes(self, file_id: str) -> bytes:
        """The content of a file the bot uploaded (or a user photo), via getFile."""
        file = await self._bot("getFile", {"file_id": file_id})
        async with httpx.AsyncClient() as client:
            response = await client.get(f"{self.base_file_url}{self.token}/{file['file_path']}")
        response.raise_for_status()
        return response.content

    async def commands(
        self, scope: Mapping[str, Any] | None = None, language_code: str = ""
    ) -> list[Json]:
        """The command list the bot set with setMyCommands (default scope unless given)."""
        params: Json = {"language_code": language_code}
        if scope is not None:
            params["scope"] = dict(scope)
        result: list[Json] = await self._bot("getMyCommands", params)
        return result

    async def fail_next(self, chat_id: int, times: int = 1, retry_after: int | None = None) -> None:
        """The bot's next `times` sends to the chat fail: 429 retry_after when given, else 502."""
        body: Json = {"botToken": self.token, "chatId": chat_id, "times": times}
        if retry_after is not None:
            body["retryAfter"] = retry_after
        await self._post("/failNext", body)

    # -- plumbing

    async def _message(self, chat_id: int, message: Mapping[str, Any] | int) -> Json:
        if not isinstance(message, int):
            return dict(message)
        if (int(chat_id), message) in self._said:
            return self._said[(int(chat_id), message)]
        for sent in await self.bot_messages(chat_id):
            if sent["message_id"] == message:
                return sent
        raise LookupError(f"no message {message} in chat {chat_id} to reply to")

    async def _post(self, path: str, body: Mapping[str, Any]) -> Any:
        # A client per call: tests may run each in its own event loop.
        async with httpx.AsyncClient(timeout=10) as client:
            response = await client.post(f"{self.url}{path}", json=dict(body))
        try:
            payload = response.json()
        except ValueError:
            payload = {"description": response.text}
        if response.status_code != 200 or not payload.get("ok"):
            reason = payload.get("description") or payload.get("message") or payload
            raise PeerError(f"{path}: HTTP {response.status_code}: {reason}")
        return payload["result"]

    async def _bot(self, method: str, body: Mapping[str, Any]) -> Any:
        return await self._post(f"/bot{self.token}/{method}", body)


def _summary(message: Mapping[str, Any]) -> str:
    """One line about a bot message for failure reports."""
    kind = next((k for k in ("text", "caption", "poll", "document", "photo") if k in message), "?")
    shown: Any = message.get(kind)
    if kind == "poll":
        shown = message["poll"]["question"]
    elif kind == "document":
        shown = message["document"].get("file_name")
    elif kind == "photo":
        shown = f"{len(message['photo'])} size(s)"
    markup = " +keyboard" if "reply_markup" in message else ""
    return f"#{message['message_id']} {kind}: {shown!r}{markup}"
