"""The console chat: the offline default platform, for trying Linli and for scripted replays.

One line is one message. A short prefix chooses who speaks and where:

    @王芳/网格3群: #报事 3号楼井盖坏了     speak as 王芳 in 网格3群 (both become current)
    @李书记: 查看 1                          speak as 李书记 in the current group
    @/工作群: 帮助                           the current speaker, in 工作群
    @王芳/私聊: 楼道灯坏了                   a private chat between 王芳 and the bot
    ^3 #立案                                 reply to message [3] (shown in the prompt)
    [图片] or [图片:井盖.jpg]                attach a photo
    [语音]                                  a voice message (the bot asks for words)

A line without a prefix speaks as the current speaker in the current group, so
`printf '#报事 3号楼井盖坏了\\n' | linli run` works.

For scripted replays, a line may start with `#id=NAME ` (before any other prefix):

    #id=K00042 @王芳/网格3群: #报事 3号楼井盖坏了

delivers the message with the platform message id `NAME` as it is, instead of the usual
`{session}-{count}` (the session is random per process). The same line fed again, to this
process or to a later one on the same database, is then the platform redelivering one message,
and the inbox answers it once (tests/integration/test_crash.py relies on it).
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import sys
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bot.adapters.base import Deliver
from bot.clock import Clock, local
from bot.config import Settings
from bot.messages import (
    AttachmentRef,
    ChatRef,
    ClosePoll,
    Direct,
    Document,
    IncomingMessage,
    Outgoing,
    PersonRef,
    Poll,
    QuotedMessage,
    Reply,
    Sent,
)
from bot.text import longest_prefix, normalize

PLATFORM = "console"
PRIVATE_CHAT = "私聊"
HELP_NOTE = (
    "控制台：「@姓名/群名: 内容」换人换群说话，「@姓名/私聊: 内容」私聊，"
    "「^3 内容」回复第3条，[图片] 附图，Ctrl-D 退出"
)

_PREFIX = re.compile(r"^@([^/:：\s@]*)(?:/([^:：]+?))?\s*[:：]\s*(.*)$", re.S)
_REPLY = re.compile(r"^\^(\d+)\s*(.*)$", re.S)
_PHOTO = re.compile(r"\[(?:图片|照片|photo)(?:[:：]([^\]]+))?\]", re.I)
_VOICE = re.compile(r"\[(?:语音|voice)\]", re.I)  # a voice message, as the console can say one
_MENTION = re.compile(r"@([^\s@:：,，。]+)")
_FIXED_ID = re.compile(r"^#id=(\S+)\s+(.*)$", re.S)


@dataclass
class _Said:
    sender: PersonRef
    text: str
    message_id: str
    attachments: tuple[AttachmentRef, ...]


class ConsoleAdapter:
    """Speaks as anyone in any group; prints the bot's answers (or JSON lines for replays)."""

    platform = PLATFORM
    help_note = HELP_NOTE

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock,
        output: TextIO,
        source: TextIO | None = None,
        interactive: bool = False,
        json_lines: bool = False,
        session: str | None = None,
    ) -> None:
        self.speaker = settings.console.speaker
        self.chat = settings.console.chat
        self._bot_name = settings.bot.name
        self._tz = settings.tz
        self._files = settings.console.files
        self._source = source
        self._interactive = interactive
        self._clock = clock
        self._output = output
        self._json_lines = json_lines
        # Message ids must stay unique across runs: the inbox uses them to spot redeliveries.
        self._session = session or uuid.uuid4().hex[:8]
        self._said: dict[str, _Said] = {}
        self._count = 0
        # The names an @mention can mean: config's people on the console, and whoever has
        # spoken. 「@刘物业3天」 then mentions 刘物业, as a picked contact would.
        self._names = {
            person.ref
            for community in settings.communities
            for person in community.people
            if person.platform == PLATFORM
        }

    # -- building messages -------------------------------------------------------------------

    def parse(self, line: str) -> IncomingMessage | None:
        """One typed line → a message from the right person in the right chat (None if blank)."""
        line = line.rstrip("\r\n")
        if not line.strip():
            return None
        fixed = _FIXED_ID.match(line.strip())
        if fixed:
            line = fixed[2]
        mentions_bot = False
        prefix = _PREFIX.match(line.strip())
        if prefix:
            name, chat, line = prefix[1], prefix[2], prefix[3]
            if name == self._bot_name:
                mentions_bot = True  # "@邻里: …" addresses the bot, it does not speak as it
            elif name:
                self.speaker = name
            if chat:
                self.chat = chat.strip()
        reply_to: str | None = None
        reply = _REPLY.match(line.strip())
        if reply:
            reply_to, line = reply[1], reply[2]
        return self.message(
            self.speaker,
            self.chat,
            line,
            reply_to=reply_to,
            mention=mentions_bot,
            platform_id=fixed[1] if fixed else None,
        )

    def message(
        self,
        speaker: str,
        chat: str,
        text: str,
        *,
        reply_to: str | None = None,
        message_id: str | None = None,
        mention: bool = False,
        platform_id: str | None = None,
    ) -> IncomingMessage:
        """A message as the console would deliver it; `reply_to` names an earlier message id.

        `platform_id`, when given, is the delivered message id itself (not `{session}-{id}`).
        """
        self._count += 1
        local_id = message_id or str(self._count)
        sender = PersonRef(PLATFORM, speaker, speaker)
        private = chat == PRIVATE_CHAT
        chat_ref = ChatRef(
            PLATFORM,
            f"{PRIVATE_CHAT}:{speaker}" if private else chat,
            title=private_title(speaker) if private else chat,
            is_private=private,
        )
        photos = tuple(
            AttachmentRef("photo", match[1] or f"{self._session}-{local_id}.jpg")
            for match in _PHOTO.finditer(text)
        )
        text = _PHOTO.sub(" ", text).strip() if photos else text
        voice = _VOICE.search(text) is not None
        text = _VOICE.sub(" ", text).strip() if voice else text
        mentions_bot = mention or f"@{self._bot_name}" in normalize(text)
        self._names.add(speaker)
        mentions = tuple(
            PersonRef(PLATFORM, name, name)
            for name in map(self._known_name, _MENTION.findall(normalize(text)))
            if name != self._bot_name
        )
        quoted = None
        if reply_to is not None:
            said = self._said.get(reply_to)
            quoted = (
                QuotedMessage(said.message_id, said.sender, said.text, said.attachments)
                if said
                else QuotedMessage(f"{self._session}-{reply_to}")
            )
        message_key = platform_id or f"{self._session}-{local_id}"
        self._said[local_id] = _Said(sender, text, message_key, photos)
        return IncomingMessage(
            chat=chat_ref,
            sender=sender,
            text=text,
            message_id=message_key,
            sent_at=self._clock.now(),
            reply_to=quoted,
            mentions_bot=mentions_bot,
            mentions=mentions,
            attachments=photos,
            voice=voice,
        )

    def _known_name(self, typed: str) -> str:
        """The longest known name `typed` starts with (「刘物业3天」 → 刘物业), else all of it."""
        return longest_prefix(typed, self._names) or typed

    @property
    def prompt(self) -> str:
        return f"[{self._count + 1}] {self.speaker}@{self.chat}> "

    # -- the adapter interface ---------------------------------------------------------------

    async def run(self, deliver: Deliver) -> None:
        """Read lines until end of input (Ctrl-D), delivering each as a message."""
        source = self._source or sys.stdin
        interactive = self._interactive
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        ready = threading.Event()
        ready.set()

        def read() -> None:
            # A daemon thread, so a pending read never keeps the process alive at exit.
            while True:
                ready.wait()
                ready.clear()
                try:
                    line = input(self.prompt) + "\n" if interactive else source.readline()
                except EOFError:
                    line = ""
                loop.call_soon_threadsafe(queue.put_nowait, line or None)
                if not line:
                    return

        threading.Thread(target=read, name="console-input", daemon=True).start()
        while (line := await queue.get()) is not None:
            message = self.parse(line)
            if message is not None:
                await deliver(message)
            ready.set()
        if interactive:
            self._output.write("\n")

    async def fetch(self, ref: str, into: Path) -> bool:
        """`[图片:路径]` naming a picture file on this machine: a copy of it. Any other name
        is a photo in words only."""
        source = Path(ref).expanduser()
        if not source.is_file():
            return False
        await asyncio.to_thread(shutil.copyfile, source, into)
        return True

    async def send(self, message: Outgoing) -> Sent | None:
        match message:
            case ClosePoll():
                return None  # the text poll closes by itself: the result is posted as text
            case Direct():
                where, text = private_title(message.person.name), message.text
            case Document():
                where = message.chat.title or message.chat.ref
                shown = f"[图片:{message.ref}]" if message.ref else f"[文件] {self._save(message)}"
                text = shown + (f"\n{message.caption}" if message.caption else "")
            case Reply() | Poll():
                where, text = message.chat.title or message.chat.ref, message.text
                if isinstance(message, Reply) and message.mentions:
                    text += " " + " ".join(f"@{p.name}" for p in message.mentions)
        if self._json_lines:
            record = {
                "at": local(self._clock.now(), self._tz).isoformat(timespec="seconds"),
                "chat": where,
                "text": text,
            }
            self._output.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            body = text.replace("\n", "\n    ")
            self._output.write(f"[{where}] {self._bot_name}：{body}\n")
        self._output.flush()
        return None

    def _save(self, document: Document) -> Path:
        """Files sent to the console land in the files folder, under their own name."""
        folder = Path(self._files)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / Path(document.filename).name
        path.write_bytes(document.content)
        return path


def private_title(name: str) -> str:
    """How a private chat with `name` is shown on the console: 私聊·王芳."""
    return f"{PRIVATE_CHAT}·{name}"
