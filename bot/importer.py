"""`linli import FILE`: file the reports in a group's chat history, with their original dates.

Two formats, told apart by the content:

- a WeChat chat-history text export: a header line `2026-11-03 08:15:22 王芳` (or
  `王芳 2026-11-03 08:15:22`) and the message's lines below it, up to the next header; system
  notices (邀请…加入了群聊, 撤回了一条消息), `[图片]` and `[表情]` lines are recognised;
- a Telegram Desktop JSON export of a group (`{"name", "type", "id", "messages": [...]}`).

Every message goes through the normal dispatcher, on a clock set to the message's own time and
with nothing queued to send. Tagged reports (and @-mentions of the bot) are filed; untagged
messages the analyser reads as complaints are filed too, with an `import_review` audit entry
(待核实). Commands, ratings and ballots in the history are not replayed. Message ids are stable
(Telegram's own, or a hash of time, sender and text), so importing a file again files nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.app import Linli, bootstrap
from bot.clock import SystemClock
from bot.config import ConfigError, Settings
from bot.dispatcher import Dispatcher
from bot.messages import IMPORTED, AttachmentRef, ChatRef, IncomingMessage, PersonRef
from bot.routing import RouteKind, Router
from bot.text import has_content
from storage.models import AuditEntry, Person
from storage.uow import UnitOfWork

REVIEW_ACTION = "import_review"

_STAMP = r"(\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?)"
_HEADER_STAMP_FIRST = re.compile(rf"^{_STAMP}\s+(\S.*?)\s*$")
_HEADER_NAME_FIRST = re.compile(rf"^(\S.*?)\s+{_STAMP}\s*$")
_BARE_STAMP = re.compile(rf"^{_STAMP}\s*$")
# A whole line that is a notice of the app, not words of a person (at most 60 characters).
_SYSTEM = re.compile(
    r"^(?=.{1,60}$)(?:.*邀请.*加入了群聊|.*(?:通过扫描.*)?加入了群聊|.*移出了群聊|"
    r".{0,30}撤回了一条消息|.*修改群名为.*|.{0,30}拍了拍.{0,30}|.*成为新群主)$"
)
_TITLE = re.compile(
    r"^(?:群聊[:：]\s*(?P<a>.+)|聊天记录[:：]\s*(?P<b>.+)|"
    r"(?:微信)?群(?:聊)?[“\"「](?P<c>.+?)[”\"」]的聊天记录.*)$"
)
_PHOTO = re.compile(r"^\[(?:图片|照片|Photo)(?::[^\]]*)?\]$")
_STICKER = re.compile(r"^\[(?:表情|动画表情|Sticker)\]$")


@dataclass(frozen=True)
class Entry:
    """One message of the history, as read from the file."""

    message_id: str
    sender_ref: str
    sender_name: str
    text: str
    sent_at: datetime | None  # None: a system notice without a time
    photos: tuple[str, ...] = ()
    system: bool = False


@dataclass
class History:
    """What a file holds: the group's name, its messages, and the lines it could not read."""

    platform: str
    name: str
    entries: list[Entry] = field(default_factory=list)
    malformed: list[int] = field(default_factory=list)  # line numbers (JSON: message index)


@dataclass
class Summary:
    read: int = 0
    filed: int = 0
    review: int = 0
    skipped: int = 0
    malformed: list[int] = field(default_factory=list)

    def line(self) -> str:
        text = (
            f"读取{self.read}条，立案{self.filed}条，待核实{self.review}条，"
            f"跳过{self.skipped}条（已导入或无关），格式错误{len(self.malformed)}行"
        )
        if self.malformed:
            text += "：" + "、".join(f"第{n}行" for n in self.malformed)
        return text


def read_history(path: Path, tz: ZoneInfo) -> History:
    """Parse either export format; raises ConfigError (one line) when it is neither."""
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        why = error.strerror if isinstance(error, OSError) else "不是 UTF-8 文本"
        raise ConfigError(f"无法读取 {path}：{why}") from None
    if content.lstrip().startswith("{"):
        try:
            data = json.loads(content)
        except json.JSONDecodeError as error:
            raise ConfigError(f"{path} 不是有效的 JSON：第{error.lineno}行") from None
        if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
            raise ConfigError(f"{path} 不是 Telegram 群聊导出（缺少 messages）")
        return _telegram(data, tz)
    return _wechat(content, path.stem, tz)


def _telegram(data: dict[str, Any], tz: ZoneInfo) -> History:
    history = History("telegram", str(data.get("name") or ""))
    for index, raw in enumerate(data["messages"], start=1):
        if not isinstance(raw, dict) or "id" not in raw:
            history.malformed.append(index)
            continue
        sent_at = _telegram_time(raw, tz)
        if sent_at is None:
            history.malformed.append(index)
            continue
        from_id = str(raw.get("from_id") or raw.get("actor_id") or "")
        ref = from_id.removeprefix("user") if from_id.startswith("user") else from_id
        name = str(raw.get("from") or raw.get("actor") or ref)
        photo = raw.get("photo")
        history.entries.append(
            Entry(
                message_id=str(raw["id"]),
                sender_ref=ref,
                sender_name=name,
                text=_telegram_text(raw.get("text", "")),
                sent_at=sent_at,
                photos=(str(photo),) if photo else (),
                system=raw.get("type") != "message",
            )
        )
    return history


def _telegram_time(raw: dict[str, Any], tz: ZoneInfo) -> datetime | None:
    unix = raw.get("date_unixtime")
    if isinstance(unix, str | int) and str(unix).isdigit():
        return datetime.fromtimestamp(int(unix), UTC)
    date = raw.get("date")
    if not isinstance(date, str):
        return None
    try:
        moment = datetime.fromisoformat(date)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)


def _telegram_text(text: object) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        parts = [
            part if isinstance(part, str) else str(part.get("text", ""))
            for part in text
            if isinstance(part, str | dict)
        ]
        return "".join(parts)
    return ""


def _wechat(content: str, stem: str, tz: ZoneInfo) -> History:
    history = History("wechat", stem)
    current: tuple[int, datetime, str] | None = None  # (line, time, sender) of the open message
    body: list[str] = []
    seen: dict[str, int] = {}

    def close() -> None:
        nonlocal current
        if current is None:
            return
        _line, sent_at, sender = current
        text = "\n".join(body).strip()
        current = None
        body.clear()
        if sender:
            history.entries.append(_wechat_entry(sent_at, sender, text, seen))
        elif text:
            history.entries.append(_system(sent_at, text, seen))

    for number, line in enumerate(content.splitlines(), start=1):
        stripped = line.strip()
        header = _header(stripped, tz)
        if header is not None:
            close()
            current = (number, *header)
            continue
        if current is None:
            if not stripped:
                continue
            title = _TITLE.match(stripped)
            if title is not None:
                history.name = next(g for g in title.groups() if g).strip()
            elif _SYSTEM.match(stripped):
                history.entries.append(_system(None, stripped, seen))
            else:
                history.malformed.append(number)
            continue
        if current[2] and _SYSTEM.match(stripped):
            # A notice between messages, under no header of its own, ends the message.
            sent_at = current[1]
            close()
            history.entries.append(_system(sent_at, stripped, seen))
            current = (number, sent_at, "")
            continue
        body.append(line.rstrip())
    close()
    return history


def _header(line: str, tz: ZoneInfo) -> tuple[datetime, str] | None:
    """(time, sender) of a header line; sender "" for a bare time above system notices."""
    for pattern, stamp_at, name_at in (
        (_BARE_STAMP, 1, 0),
        (_HEADER_STAMP_FIRST, 1, 2),
        (_HEADER_NAME_FIRST, 2, 1),
    ):
        match = pattern.match(line)
        if match is None:
            continue
        moment = _wechat_time(match[stamp_at], tz)
        if moment is not None:
            return moment, match[name_at].strip() if name_at else ""
    return None


def _wechat_time(stamp: str, tz: ZoneInfo) -> datetime | None:
    day, clock = stamp.split()
    try:
        year, month, date = (int(x) for x in day.split("-"))
        hour, minute, *rest = (int(x) for x in clock.split(":"))
        return datetime(year, month, date, hour, minute, rest[0] if rest else 0, tzinfo=tz)
    except ValueError:
        return None


def _stable_id(seen: dict[str, int], *parts: str) -> str:
    key = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
    # The same words from the same person in the same second, twice, are two messages.
    count = seen.get(key, 0)
    seen[key] = count + 1
    return f"wx-{key}" if count == 0 else f"wx-{key}-{count}"


def _wechat_entry(sent_at: datetime, sender: str, text: str, seen: dict[str, int]) -> Entry:
    message_id = _stable_id(seen, sent_at.isoformat(), sender, text)
    if _SYSTEM.match(text):
        return Entry(message_id, "", sender, text, sent_at, system=True)
    lines = text.splitlines()
    photos = tuple(line.strip() for line in lines if _PHOTO.match(line.strip()))
    kept = "\n".join(
        line
        for line in lines
        if not _PHOTO.match(line.strip()) and not _STICKER.match(line.strip())
    ).strip()
    return Entry(message_id, sender, sender, kept, sent_at, photos=photos)


def _system(sent_at: datetime | None, text: str, seen: dict[str, int]) -> Entry:
    stamp = sent_at.isoformat() if sent_at else ""
    return Entry(_stable_id(seen, stamp, "", text), "", "", text, sent_at, system=True)


class _SetClock:
    """A clock that shows whatever instant it was last set to, backwards too."""

    def __init__(self, start: datetime) -> None:
        self.instant = start

    def now(self) -> datetime:
        return self.instant

    def seconds_until(self, instant: datetime) -> float:
        return 0.0


def resolve_chat(settings: Settings, platform: str, wanted: str | None, name: str) -> str:
    """The configured chat ref the history belongs to: --chat, else the group's name."""
    refs = [
        (binding.ref, binding.title)
        for community in settings.communities
        for binding in community.chats
        if binding.platform == platform
    ]
    if wanted is not None:
        if any(ref == wanted for ref, _title in refs):
            return wanted
        known = "、".join(ref for ref, _title in refs) or "（无）"
        raise ConfigError(f"配置里没有 {platform} 群「{wanted}」，可以写：{known}")
    for ref, title in refs:
        if name and name in (ref, title):
            return ref
    raise ConfigError(f"认不出这份记录属于哪个群（{name or '无群名'}），请用 --chat 指定配置里的群")


def import_history(
    settings: Settings,
    path: Path,
    *,
    chat: str | None = None,
    platform: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """File the reports in one exported history; returns what happened, for the summary line."""
    history = read_history(path, settings.tz)
    platform = platform or history.platform
    config_ref = resolve_chat(settings, platform, chat, history.name)
    clock = _SetClock(SystemClock().now())
    linli = bootstrap(settings, clock)
    try:
        with UnitOfWork(linli.sessions) as uow:
            row = uow.chats.configured(platform, config_ref)
            assert row is not None  # bootstrap wrote every configured chat
            where = ChatRef(platform, row.ref, row.title or history.name)
            names = _known_names(uow, platform)
        dispatcher = Dispatcher(linli.services, linli.sessions, queue_replies=False)
        router = Router(
            linli.services.commands,
            settings.intake.report_tags,
            settings.intake.file_tags,
            settings.bot.name,
        )
        summary = Summary(read=len(history.entries), malformed=history.malformed)
        touched: set[int] = set()
        for done, entry in enumerate(history.entries, start=1):
            message = _message(entry, where, names, settings.bot.name)
            outcome = None
            if message is not None:
                clock.instant = message.sent_at
                outcome, issue_id = _import_one(linli, dispatcher, router, message)
                if issue_id is not None:
                    touched.add(issue_id)
            if outcome == "filed":
                summary.filed += 1
            elif outcome == "review":
                summary.review += 1
            else:
                summary.skipped += 1
            if progress is not None:
                progress(done, summary.read)
        _no_late_reminders(linli, touched)
        return summary
    finally:
        linli.close()


def _known_names(uow: UnitOfWork, platform: str) -> dict[str, str]:
    """Display name → platform id, for the names that belong to one known person only."""
    refs: dict[str, set[str]] = {}
    for person in uow.session.scalars(select(Person).where(Person.platform == platform)):
        refs.setdefault(person.name, set()).add(person.ref)
    return {name: next(iter(ids)) for name, ids in refs.items() if len(ids) == 1}


def _message(
    entry: Entry, where: ChatRef, names: dict[str, str], bot_name: str
) -> IncomingMessage | None:
    if entry.system or entry.sent_at is None or not (entry.text or entry.photos):
        return None
    ref = entry.sender_ref
    if where.platform == "wechat":
        # A text export names people only: the id of the one known person so named, if any.
        ref = names.get(entry.sender_name, entry.sender_name)
    return IncomingMessage(
        chat=where,
        sender=PersonRef(where.platform, ref or entry.sender_name, entry.sender_name),
        text=entry.text,
        message_id=entry.message_id,
        sent_at=entry.sent_at,
        mentions_bot=f"@{bot_name}" in entry.text or f"＠{bot_name}" in entry.text,
        attachments=tuple(AttachmentRef("photo", photo) for photo in entry.photos),
        via=IMPORTED,
    )


def _import_one(
    linli: Linli, dispatcher: Dispatcher, router: Router, message: IncomingMessage
) -> tuple[str | None, int | None]:
    """("filed" | "review" | None for skipped, the issue the message went to if any).

    Skipped: already imported, chatter, a command (the past's commands are not replayed).
    """
    sessions = linli.sessions
    platform, ref = message.chat.platform, message.chat.ref
    with UnitOfWork(sessions) as uow:
        if uow.inbox.seen(platform, ref, message.message_id):
            return None, None
    route = router.route(message)
    if route.kind is RouteKind.LOOKBACK:  # 「又出现了」 in the past answered no question of now
        route = route.otherwise or route
    kind = route.kind
    review = False
    if kind is RouteKind.IGNORE:
        analysis = linli.services.analyzer.analyze(message.text)
        if not has_content(message.text) or not analysis.complaint:
            return None, None
        message = replace(message, mentions_bot=True)  # filed as if the bot were asked
        review = True
    elif kind not in (RouteKind.REPORT, RouteKind.MENTION, RouteKind.PHOTO):
        return None, None
    dispatcher.dispatch(message)
    with UnitOfWork(sessions) as uow:
        kept = uow.inbox.find(platform, ref, message.message_id)
        if kept is None or kept.issue_id is None:
            return None, None
        if kept.outcome != "issue":
            return None, kept.issue_id  # a photo or a duplicate joined an issue
        if not review:
            return "filed", kept.issue_id
        issue = uow.issues.get(kept.issue_id)
        uow.audit.record(
            AuditEntry(
                community_id=issue.community_id,
                issue_id=issue.id,
                actor_id=None,
                action=REVIEW_ACTION,
                note="导入的聊天记录，未带标签，需核实",
                at=message.sent_at,
            )
        )
        uow.commit()
        return "review", issue.id


def _no_late_reminders(linli: Linli, issue_ids: set[int]) -> None:
    """Reminders already due (a deadline long past) are not sent late for old history:
    nothing of the import reaches a chat; the ledger still shows such an issue 🔴."""
    now = SystemClock().now()
    with UnitOfWork(linli.sessions) as uow:
        for issue_id in sorted(issue_ids):
            for reminder in uow.reminders.pending_for_issue(issue_id):
                if reminder.due_at <= now:
                    reminder.status = "cancelled"
        uow.commit()
