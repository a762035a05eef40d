"""A chat conversation for tests: lines in console syntax in, the bot's messages out."""

from __future__ import annotations

import asyncio
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.adapters.console import ConsoleAdapter, private_title
from bot.app import Linli, bootstrap
from bot.clock import VirtualClock
from bot.config import Database, MediaSettings, Settings, load_settings
from bot.media import Collector, MediaFolder
from bot.messages import (
    ChatRef,
    ClosePoll,
    Direct,
    Document,
    IncomingMessage,
    Outgoing,
    PersonRef,
)
from storage.uow import UnitOfWork

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_CONFIG = ROOT / "config.example.yaml"


def example_settings(database_url: str, media: Path | None = None) -> Settings:
    """The example config on `database_url`; photos kept in `media` (else beside the config)."""
    settings = load_settings(EXAMPLE_CONFIG)
    update: dict[str, object] = {"database": Database(url=database_url)}
    if media is not None:
        update["media"] = MediaSettings(dir=str(media))
    return settings.model_copy(update=update)


@dataclass
class Conversation:
    """Speak as anyone in any chat; each call returns what the bot sent, as (chat, text)."""

    settings: Settings
    clock: VirtualClock
    session: str = "t"
    linli: Linli = field(init=False)
    adapter: ConsoleAdapter = field(init=False)

    def __post_init__(self) -> None:
        self.adapter = ConsoleAdapter(
            self.settings, clock=self.clock, output=io.StringIO(), session=self.session
        )
        self.linli = bootstrap(self.settings, self.clock, {"console": self.adapter.help_note})
        self.linli.scheduler.restore()

    def say(self, line: str) -> list[tuple[str, str]]:
        return [shown(out) for out in self.send(line)]

    def send(self, line: str, *, via: str | None = None) -> list[Outgoing]:
        """Like `say`, but what the bot sent as it is (a Document's bytes, say); `via` as
        an adapter or the importer would set it."""
        message = self.adapter.parse(line)
        assert message is not None, f"blank line: {line!r}"
        self.clock.advance(timedelta(minutes=1))
        return self.linli.dispatcher.dispatch(replace(message, via=via or message.via))

    def move(self, old_ref: str, new_ref: str) -> list[tuple[str, str]]:
        """The platform's notice that group `old_ref` now has the id `new_ref` (as Telegram
        says when a group becomes a supergroup)."""
        notice = IncomingMessage(
            chat=ChatRef("console", new_ref, new_ref),
            sender=PersonRef("console", "系统", "系统"),
            text="",
            message_id=f"migrate:{old_ref}",
            sent_at=self.clock.now(),
            migrated_from=old_ref,
        )
        return self.deliver(notice)

    def deliver(self, message: IncomingMessage) -> list[tuple[str, str]]:
        self.clock.advance(timedelta(minutes=1))
        return [shown(out) for out in self.linli.dispatcher.dispatch(message)]

    def run_until(self, moment: datetime) -> list[tuple[str, str, str]]:
        """Let time pass to `moment`, firing what comes due: (local time, chat, text) each."""
        fired = []
        scheduler = self.linli.scheduler
        while (due := scheduler.next_due()) is not None and due <= moment:
            self.clock.set(due)
            at = self.clock.now().astimezone(self.settings.tz).strftime("%m-%d %H:%M")
            fired += [(at, *shown(message)) for message in scheduler.run_due()]
        self.clock.set(moment)
        return fired

    def sendable(self) -> list[tuple[str, str]]:
        """What the outbox would send now, (chat or person, text) each: not what waits for the
        end of the quiet hours, nor what was sent."""
        with UnitOfWork(self.linli.sessions) as uow:
            rows = uow.outbox.pending(100, ("console",), self.clock.now())
            return [(row.chat_title or row.person_name, row.text) for row in rows]

    def text(self, line: str) -> str:
        """The one reply a line gets, as text."""
        replies = self.say(line)
        assert len(replies) == 1, replies
        return replies[0][1]

    def collect_photos(self) -> int:
        """What `serve()` does after a message with photos: fetch each new one through the
        console adapter (a `[图片:path]` naming a file here) into the media folder. How many
        were kept."""
        folder = MediaFolder(self.settings.media.dir)
        with ThreadPoolExecutor(max_workers=1) as worker:
            collector = Collector(self.linli.sessions, self.adapter, folder, worker)
            return asyncio.run(collector.collect())

    def close(self) -> None:
        self.linli.close()


def monday_morning() -> VirtualClock:
    """Monday 23 November 2026, 08:00 in Shanghai: an ordinary working week."""
    return VirtualClock(datetime(2026, 11, 23, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai")))


def shown(message: Outgoing) -> tuple[str, str]:
    """Where a message appears (group title, or 私聊·name) and its text, as the console shows it."""
    where = message.chat.title or message.chat.ref if not isinstance(message, Direct) else ""
    match message:
        case Direct():
            return private_title(message.person.name), message.text
        case ClosePoll():
            return where, "[投票结束]"
        case Document(ref=str(ref)):
            return where, f"[图片:{ref}] {message.caption}"
        case Document():
            return where, f"[文件] {message.filename}"
    return where, message.text
