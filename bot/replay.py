"""`linli replay`: a scripted conversation through the console adapter on a virtual clock.

A script is YAML:

    config: ../config.example.yaml     # optional, relative to the script
    start: 2026-11-23 08:00            # local time in the configured time zone
    messages:
      - at: "08:31"                    # HH:MM (same day), +10m / +2h / +1d, or a full date-time
        chat: 网格3群
        from: 王芳
        text: "#报事 3号楼2单元下水道堵了"
        id: sewer                      # optional name to reply to
      - at: +5m
        from: 张网格
        reply_to: sewer
        text: "#立案"
      - at: 2026-11-24 09:30             # no text: let time pass (reminders fire on the way)
    until: 2026-11-30 10:00              # optional: keep the clock running to here at the end

The bot's outgoing messages, reminders included, are printed as JSON lines {"at", "chat", "text"}.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

import yaml

from bot.adapters.console import ConsoleAdapter
from bot.app import bootstrap
from bot.clock import VirtualClock
from bot.config import ConfigError, Database, Settings, load_settings
from bot.outbox import Outbox

_RELATIVE = re.compile(r"^\+(\d+)\s*([smhd])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


class ScriptError(Exception):
    """A mistake in a replay script, phrased as one line."""


@dataclass(frozen=True)
class Step:
    at: datetime
    chat: str
    speaker: str
    text: str
    name: str | None
    reply_to: str | None


def load_script(path: Path) -> tuple[dict[str, Any], str | None]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ScriptError(f"找不到脚本 {path}") from None
    except yaml.YAMLError:
        raise ScriptError(f"脚本 {path.name} 不是有效的 YAML") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("messages"), list):
        raise ScriptError(f"脚本 {path.name} 需要 messages 列表")
    config = raw.get("config")
    return raw, str(config) if config else None


def parse_steps(
    raw: dict[str, Any], settings: Settings, defaults: tuple[str, str]
) -> tuple[datetime, list[Step]]:
    """The script's start instant and its messages, each with its own instant."""
    tz = settings.tz
    start = now = _absolute(str(raw.get("start", "2026-01-05 08:00")), tz, None)
    speaker, chat = defaults
    steps = []
    for index, item in enumerate(raw["messages"], start=1):
        if not isinstance(item, dict) or not ("text" in item or "at" in item):
            raise ScriptError(f"第 {index} 条需要 text（说的话）或 at（等到的时间）")
        if "at" in item:
            now = _absolute(str(item["at"]), tz, now)
        speaker = str(item.get("from", speaker))
        chat = str(item.get("chat", chat))
        steps.append(
            Step(
                at=now,
                chat=chat,
                speaker=speaker,
                text=str(item.get("text", "")),
                name=str(item["id"]) if "id" in item else None,
                reply_to=str(item["reply_to"]) if "reply_to" in item else None,
            )
        )
    return start, steps


def _absolute(value: str, tz: ZoneInfo, previous: datetime | None) -> datetime:
    relative = _RELATIVE.match(value.strip())
    if relative and previous is not None:
        return previous + timedelta(**{_UNITS[relative[2]]: int(relative[1])})
    if re.fullmatch(r"\d{1,2}:\d{2}", value.strip()) and previous is not None:
        hour, minute = (int(x) for x in value.split(":"))
        moment = previous.astimezone(tz).replace(hour=hour, minute=minute, second=0)
        return moment if moment >= previous else moment + timedelta(days=1)
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ScriptError(f"看不懂时间「{value}」，应如 08:31、+5m 或 2026-11-23 08:31") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


def replay(script: Path, config: Path | None, output: TextIO, database_url: str) -> None:
    """Replay `script`, printing every message the bot sends, reminders included."""
    raw, script_config = load_script(script)
    config_path = config or (script.parent / script_config if script_config else None)
    if config_path is None:
        raise ConfigError("脚本没有写 config，请用 --config 指定配置文件")
    settings = load_settings(config_path)
    settings = settings.model_copy(update={"database": Database(url=database_url)})
    start, steps = parse_steps(raw, settings, (settings.console.speaker, settings.console.chat))
    until = _absolute(str(raw["until"]), settings.tz, start) if "until" in raw else None
    clock = VirtualClock(start)
    adapter = ConsoleAdapter(
        settings, clock=clock, output=output, json_lines=True, session="replay"
    )
    linli = bootstrap(settings, clock, {adapter.platform: adapter.help_note})
    outbox = Outbox(linli.sessions, {adapter.platform: adapter}, clock)

    async def fire_until(moment: datetime) -> None:
        # Step the clock through each due time, so every reminder shows when it fired.
        while (due := linli.scheduler.next_due()) is not None and due <= moment:
            clock.set(due)
            linli.scheduler.run_due()
            await outbox.flush()

    async def run() -> None:
        linli.scheduler.restore()
        for step in steps:
            await fire_until(step.at)
            clock.set(step.at)
            if step.text:
                message = adapter.message(
                    step.speaker, step.chat, step.text, reply_to=step.reply_to, message_id=step.name
                )
                linli.dispatcher.dispatch(message)
                await outbox.flush()
        if until is not None:
            await fire_until(until)

    try:
        asyncio.run(run())
    finally:
        linli.close()
