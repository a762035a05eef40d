"""Loading and validating `config.yaml`.

The file is validated in full at start; any mistake becomes one `ConfigError` line that names
the key and what was expected, so the bot never starts half-configured and never shows a
traceback to the person setting it up. Secrets come from the environment only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.analysis.taxonomy import Category, load_default_categories
from bot.domain import guide
from bot.domain.guide import GUIDE_ANSWER_AT_MOST
from bot.domain.privacy import phone_keys

TRIAGE_LEVELS = ("简单", "复杂", "疑难")
ENV_DATABASE_URL = "LINLI_DATABASE_URL"
ENV_CONFIG = "LINLI_CONFIG"
ENV_ACCOUNT = "LINLI_ACCOUNT"
EXAMPLE_CONFIG = Path(__file__).resolve().parent.parent / "config.example.yaml"

_T = TypeVar("_T")
_CLOCK_TIME = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")


class ConfigError(Exception):
    """A configuration mistake, already phrased as the one line to show."""


def _as_text(value: Any) -> Any:
    # YAML reads `buildings: [1, 2]` as integers; people mean building names.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


Text = Annotated[str, BeforeValidator(_as_text), Field(min_length=1)]


def _clock_time(value: str) -> str:
    if not _CLOCK_TIME.match(value):
        raise ValueError("应为 24 小时制时间，如 22:00")
    return value


ClockTime = Annotated[str, AfterValidator(_clock_time)]

_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{3,30}[0-9]$")


def _phone(value: str) -> str:
    if value and not _PHONE.match(value):
        raise ValueError("应为电话号码，如 0931-8123456 或 13800000000")
    return value


# A public work number as people write it: 0931-8123456, 13800000000, +86 138 0000 0000.
Phone = Annotated[str, BeforeValidator(_as_text), AfterValidator(_phone)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuietHours(_Strict):
    """Hours in which non-urgent messages wait (chat-protocol §5)."""

    start: ClockTime = "22:00"
    end: ClockTime = "07:30"


class Event(_Strict):
    """A recurring message: 议事会 every Thursday, 代表接访日 on the 8th, 流动办公桌 on Tuesdays."""

    # Standard five-field crontab in the configured time zone: minute hour day month weekday.
    cron: Text
    chats: list[Text] = Field(min_length=1)
    text: Text
    # Statutory holidays (国庆, 春节 …) skip the event unless this is true.
    on_holidays: bool = False

    @field_validator("cron")
    @classmethod
    def _crontab(cls, value: str) -> str:
        from apscheduler.triggers.cron import CronTrigger

        try:
            CronTrigger.from_crontab(value)
        except ValueError:
            raise ValueError("应为五段 cron，如 0 18 * * thu（每周四18:00）") from None
        return value


class ReminderSettings(_Strict):
    """When the bot speaks up by itself (chat-protocol §5)."""

    yellow_at: ClockTime = "09:00"  # 🟡 on the working day before a deadline, at this time
    daily_digest: ClockTime = "09:00"  # to each work group, on working days
    weekly_digest: ClockTime = "09:00"  # Mondays
    follow_up_reminder_days: int = Field(default=3, ge=1, le=30)
    follow_up_close_days: int = Field(default=7, ge=1, le=60)
    lookback_days: int = Field(default=30, ge=1, le=365)


class RateLimit(_Strict):
    """Outbound pacing for one platform: at most `per_chat` messages per `chat_window` seconds
    in one chat and `overall` per `overall_window` seconds in all (0: no limit)."""

    overall: int = Field(default=0, ge=0)
    overall_window: float = Field(default=1.0, gt=0)
    per_chat: int = Field(default=0, ge=0)
    chat_window: float = Field(default=60.0, gt=0)
    # Texts queued for one chat go out as one message (a digest), never as a burst.
    merge: bool = False


def _default_rate_limits() -> dict[str, RateLimit]:
    # Below Telegram's ~30/s overall and 20/min per group; WeChat accounts are warned or locked
    # for bursts, so far more conservative there.
    return {
        "console": RateLimit(),
        "telegram": RateLimit(overall=25, overall_window=1, per_chat=18, chat_window=60),
        "wechat": RateLimit(overall=20, overall_window=60, per_chat=6, chat_window=60, merge=True),
    }


class Building(_Strict):
    number: Text
    units: int = Field(default=0, ge=0, le=99)


def _building(value: Any) -> Any:
    # Short form: `buildings: [1, 2, 3]`; long form: `{number: 3, units: 4}`.
    if isinstance(value, int | str) and not isinstance(value, bool):
        return {"number": str(value)}
    return value


class Grid(_Strict):
    name: Text
    buildings: list[Annotated[Building, BeforeValidator(_building)]] = []


class ChatBinding(_Strict):
    """A chat the bot sits in, bound to this community and optionally one grid."""

    platform: Literal["console", "telegram", "wechat"]
    ref: Text
    kind: Literal["grid", "resident", "work"] = "grid"
    grid: str | None = None
    title: str = ""
    # 「回复 #立案」 suggestions for untagged complaints (chat-protocol §2); unset: as the
    # secretary set it in chat (`诉求提示 开/关`), off at first.
    suggest: bool | None = None


class PersonConfig(_Strict):
    """A person whose role is known up front; everyone else is a resident."""

    platform: Literal["console", "telegram", "wechat"]
    ref: Text
    name: str = ""
    role: Literal["secretary", "worker", "handler", "head", "resident"]
    grids: list[Text] = []
    buildings: list[Text] = []
    unit: str | None = None
    # A public work number (as on the 网格员公示牌), given to whoever asks 「网格员电话」;
    # staff only: residents' numbers are never kept.
    phone: Phone = ""

    @model_validator(mode="after")
    def _no_resident_phone(self) -> PersonConfig:
        if self.phone and self.role == "resident":
            raise ValueError(f"{self.ref} 是居民，不登记电话（只登记工作人员的工作电话）")
        return self


class WorkUnit(_Strict):
    """A company or department issues can be assigned to (物业, 住建局 …).

    Its contacts are the people whose `unit` names it; they hear of its issues privately.
    """

    name: Text
    # 疑难 issues and `/escalate` without a unit go to the escalation unit (吹哨).
    escalation: bool = False
    phone: Phone = ""  # its public number, for 「物业电话多少」


class Supervision(_Strict):
    """Who oversees the community's own staff (the street office's 党工委 or 纪工委): told to a
    resident complaining of the secretary, whom the bot has nobody above to tell."""

    name: Text
    phone: Phone = ""


class GuideEntry(_Strict):
    """One answer of the community's 办事指南 and the keys it is asked by (`bot.domain.guide`):
    「物业费、物业管理费」, 「装修+几点」, 「居住证-居住证明」."""

    ask: Text
    answer: Annotated[
        str, BeforeValidator(_as_text), Field(min_length=1, max_length=GUIDE_ANSWER_AT_MOST)
    ]

    @field_validator("ask")
    @classmethod
    def _keys(cls, value: str) -> str:
        problem = guide.keys_problem(value)
        if problem is not None:
            raise ValueError(problem)
        return value


class CalendarSettings(_Strict):
    """Working-day calendar additions for years the holiday package does not know yet."""

    days_off: list[date] = []
    workdays: list[date] = []
    # Take Monday–Friday for unknown years as settled: no December reminder to add them.
    weekends_for_unknown_years: bool = False


class Community(_Strict):
    code: Annotated[str, Field(pattern=r"^[a-z0-9_-]{1,32}$")]
    name: Text
    quiet_hours: QuietHours | None = None
    # What 「社区电话多少」 answers: the office's public number, and where and when it is open.
    phone: Phone = ""
    office: Annotated[str, Field(max_length=100)] = ""
    # Where a complaint of the secretary goes (not filed: the secretary reads the ledger).
    supervision: Supervision | None = None
    places: list[Text] = []
    grids: list[Grid] = Field(min_length=1)
    chats: list[ChatBinding] = []
    people: list[PersonConfig] = []
    units: list[WorkUnit] = []
    events: list[Event] = []
    # 办事指南: questions residents ask again and again, answered at once (staff add more in
    # chat with 「指南 添加」).
    guide: list[GuideEntry] = []

    @model_validator(mode="after")
    def _references(self) -> Community:
        grids = [g.name for g in self.grids]
        if len(set(grids)) != len(grids):
            raise ValueError(f"网格名称重复：{_first_duplicate(grids)}")
        for chat in self.chats:
            if chat.grid is not None and chat.grid not in grids:
                raise ValueError(f"群 {chat.ref} 的网格 {chat.grid} 不在 grids 中")
        units = [u.name for u in self.units]
        for person in self.people:
            for grid in person.grids:
                if grid not in grids:
                    raise ValueError(f"{person.ref} 的网格 {grid} 不在 grids 中")
            if person.unit is not None and person.unit not in units:
                raise ValueError(f"{person.ref} 的单位 {person.unit} 不在 units 中")
        chats = {chat.ref for chat in self.chats}
        for event in self.events:
            for ref in event.chats:
                if ref not in chats:
                    raise ValueError(f"事件「{event.text}」的群 {ref} 不在 chats 中")
        return self

    def unit(self, name: str) -> WorkUnit | None:
        return next((u for u in self.units if u.name == name), None)

    def find_unit(self, typed: str) -> WorkUnit | None:
        """The unit `typed` names: exactly, else the one unit whose name holds it (`街道` or
        `城管` for 街道城管办); None when none does, or several."""
        exact = self.unit(typed)
        if exact is not None or len(typed) < 2:
            return exact
        holding = [u for u in self.units if typed in u.name]
        return holding[0] if len(holding) == 1 else None

    def unit_names(self) -> str:
        """The units, listed for a reply that offers them."""
        return "、".join(u.name for u in self.units) or "（未配置）"

    def escalation_unit(self) -> WorkUnit | None:
        return next((u for u in self.units if u.escalation), None)

    def grid_of_building(self, building: str) -> str | None:
        for grid in self.grids:
            if any(b.number == building for b in grid.buildings):
                return grid.name
        return None


Weight = Annotated[float, Field(gt=0, le=5)]  # a keyword's, as bot/data/categories.yaml weighs


class CategoryOverride(_Strict):
    """Changes to one category of the built-in taxonomy, or a new category. Keywords are a
    list (each weighs 1.0, a word the category has already keeps its weight) or, as in
    bot/data/categories.yaml, each with its weight (`暖气片: 2.0`, which it then has)."""

    code: Annotated[str, Field(pattern=r"^[a-z_]{2,32}$")]
    name: str | None = None
    level: Literal["简单", "复杂", "疑难"] | None = None
    keywords: list[Text] | dict[Text, Weight] = []

    def weighed(self, base: Mapping[str, float]) -> dict[str, float]:
        """`base` with these keywords added (a list) or set (with weights)."""
        keywords = dict(base)
        if isinstance(self.keywords, dict):
            keywords.update(self.keywords)
        else:
            keywords.update({word: 1.0 for word in self.keywords if word not in keywords})
        return keywords


class PointsSettings(_Strict):
    """积分 earned per deed (chat-protocol §8); rejected reports earn nothing."""

    report: int = Field(default=5, ge=0, le=1000)  # a report accepted (受理)
    duplicate: int = Field(default=2, ge=0, le=1000)  # confirming a neighbour's report
    photo: int = Field(default=3, ge=0, le=1000)  # a photo verifying a resolution
    # Where and for what points are exchanged (积分超市), for a resident asking 「积分怎么用」.
    exchange: str = Field(default="", max_length=200)


class Intake(_Strict):
    report_tags: list[Text] = ["#报事", "#诉求", "#求助", "#投诉", "#report"]
    file_tags: list[Text] = ["#立案"]


class BackupSettings(_Strict):
    """Daily snapshots of a SQLite database while the bot runs (`linli backup` makes one now).
    PostgreSQL is backed up with its own tools (pg_dump)."""

    # A relative folder lives beside the config file; keep it on another disk if you can.
    dir: Text = "backups"
    keep: Annotated[int, Field(ge=0, le=365)] = 7  # the newest kept; 0: no daily snapshot
    at: ClockTime = "03:30"  # in the configured time zone


class MediaSettings(_Strict):
    """Where the bot keeps its copy of every photo residents send with a report."""

    # A relative folder lives beside the config file. Several processes on one database (and
    # `linli web` on another machine) need one shared folder to show each other's photos.
    dir: Text = "media"
    keep_photos: bool = True  # false: photos stay on the platform only (WeChat lets them expire)


class ConsoleSettings(_Strict):
    speaker: Text = "居民"
    chat: Text = "网格群"
    files: Text = "exports"  # where files the bot sends (xlsx ledgers, charts) are written


class TelegramWebhook(_Strict):
    """Webhook mode: Telegram POSTs updates to `url`, which a reverse proxy forwards here."""

    url: Text  # the public https address Telegram calls, e.g. https://bot.example.cn/tg
    listen: Text = "127.0.0.1"
    port: Annotated[int, Field(ge=1, le=65535)] = 8443
    path: Text = "tg"


class TelegramSettings(_Strict):
    base_url: str = "https://api.telegram.org/bot"
    mode: Literal["polling", "webhook"] = "polling"
    poll_interval: Annotated[float, Field(ge=0, le=60)] = 0.0
    poll_timeout: Annotated[int, Field(ge=0, le=50)] = 30  # long polling: seconds Telegram holds
    webhook: TelegramWebhook | None = None

    @model_validator(mode="after")
    def _webhook_needs_address(self) -> TelegramSettings:
        if self.mode == "webhook" and self.webhook is None:
            raise ValueError("telegram.mode 为 webhook 时需要填写 telegram.webhook.url")
        return self


class WechatSettings(_Strict):
    """The wechaty puppet-service gateway (host:port); the token comes from the environment."""

    endpoint: str = ""
    login_timeout: Annotated[float, Field(gt=0, le=600)] = 60.0  # seconds to wait at start
    reconnect_max: Annotated[float, Field(gt=0, le=3600)] = 60.0  # longest wait between retries
    # While connected, ask the gateway for a sign of life every `heartbeat` seconds (0: never);
    # no answer within `heartbeat_timeout` drops the connection and reconnects.
    heartbeat: Annotated[float, Field(ge=0, le=3600)] = 60.0
    heartbeat_timeout: Annotated[float, Field(gt=0, le=600)] = 20.0


class Database(_Strict):
    url: Text = "sqlite:///linli.db"
    # How often (seconds) a running bot looks for messages other processes queued for its
    # chats (several `linli run` processes on one database).
    poll_seconds: Annotated[float, Field(gt=0, le=300)] = 2.0


class BotSettings(_Strict):
    name: Text = "邻里"
    # Which bot account this process is, when several processes share one database: the chats
    # it hears are its own, and only it sends into them. Empty: the only process.
    account: Annotated[str, Field(max_length=64)] = ""


class WebSettings(_Strict):
    """The web ledger (`linli web`, or beside the bot in `linli run` when enabled)."""

    enabled: bool = False
    listen: Text = "127.0.0.1"
    port: Annotated[int, Field(ge=1, le=65535)] = 8600
    # The address people open, as the sign-in links sent in chat spell it (behind a reverse
    # proxy: its https address). Empty: http://listen:port.
    base_url: str = ""
    session_hours: Annotated[float, Field(gt=0, le=24 * 30)] = 12.0

    def address(self) -> str:
        return (self.base_url or f"http://{self.listen}:{self.port}").rstrip("/")


class Settings(_Strict):
    """The whole validated configuration."""

    platform: Literal["console", "telegram", "wechat"] = "console"
    timezone: str = "Asia/Shanghai"
    database: Database = Database()
    bot: BotSettings = BotSettings()
    quiet_hours: QuietHours = QuietHours()
    intake: Intake = Intake()
    triage_days: dict[str, Annotated[int, Field(ge=1, le=60)]] = {"简单": 1, "复杂": 3, "疑难": 10}
    categories: list[CategoryOverride] = []
    calendar: CalendarSettings = CalendarSettings()
    reminders: ReminderSettings = ReminderSettings()
    points: PointsSettings = PointsSettings()
    rate_limits: dict[str, RateLimit] = Field(default_factory=_default_rate_limits)
    console: ConsoleSettings = ConsoleSettings()
    telegram: TelegramSettings = TelegramSettings()
    wechat: WechatSettings = WechatSettings()
    web: WebSettings = WebSettings()
    media: MediaSettings = MediaSettings()
    backup: BackupSettings = BackupSettings()
    communities: list[Community] = Field(min_length=1)

    def public_phones(self) -> frozenset[str]:
        """The `phone_keys` of every number config.yaml publishes: the offices', the units' and
        staff's work numbers, which 「联系方式」 gives in any group. The group safety net
        (`fit_for_chat`) leaves them as written."""
        numbers = (
            number
            for community in self.communities
            for number in (
                community.phone,
                community.supervision.phone if community.supervision else "",
                *(unit.phone for unit in community.units),
                *(person.phone for person in community.people),
            )
            if number
        )
        return frozenset(key for number in numbers for key in phone_keys(number))

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"未知时区 {value}，应如 Asia/Shanghai") from None
        return value

    @model_validator(mode="after")
    def _unique(self) -> Settings:
        codes = [c.code for c in self.communities]
        if len(set(codes)) != len(codes):
            raise ValueError(f"社区 code 重复：{_first_duplicate(codes)}")
        chats = [(ch.platform, ch.ref) for c in self.communities for ch in c.chats]
        if len(set(chats)) != len(chats):
            platform, ref = _first_duplicate(chats)
            raise ValueError(f"群 {platform}:{ref} 绑定了不止一个社区")
        return self

    @field_validator("rate_limits")
    @classmethod
    def _known_platforms(cls, value: dict[str, RateLimit]) -> dict[str, RateLimit]:
        unknown = sorted(set(value) - {"console", "telegram", "wechat"})
        if unknown:
            raise ValueError(f"不认识的平台 {unknown[0]}，应为 console、telegram 或 wechat")
        return value

    @field_validator("triage_days")
    @classmethod
    def _all_levels(cls, value: dict[str, int]) -> dict[str, int]:
        if sorted(value) != sorted(TRIAGE_LEVELS):
            raise ValueError("应正好包含 简单、复杂、疑难 三级的工作日数")
        return value

    def days_for(self, level: str) -> int:
        """Working days a triage level allows (chat-protocol §3)."""
        return self.triage_days.get(level, self.triage_days["复杂"])

    def rate_limit(self, platform: str) -> RateLimit:
        """The configured limits, else the safe default for the platform."""
        return self.rate_limits.get(platform) or _default_rate_limits().get(platform, RateLimit())

    def quiet_hours_of(self, community: Community) -> QuietHours:
        return community.quiet_hours or self.quiet_hours

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def taxonomy(self) -> list[Category]:
        """The built-in categories with this config's overrides applied, in a stable order."""
        merged = {c.code: c for c in load_default_categories()}
        for override in self.categories:
            base = merged.get(override.code)
            keywords = override.weighed(base.keywords if base else {})
            frozen: Mapping[str, float] = MappingProxyType(keywords)
            if base is None:
                merged[override.code] = Category(
                    code=override.code,
                    name=override.name or override.code,
                    level=override.level or "复杂",
                    keywords=frozen,
                )
            else:
                merged[override.code] = replace(
                    base,
                    name=override.name or base.name,
                    level=override.level or base.level,
                    keywords=frozen,
                )
        # `other` stays last: it is the fallback, not a peer.
        return sorted(merged.values(), key=lambda c: c.code == "other")


def _first_duplicate(items: list[_T]) -> _T:
    seen: list[_T] = []
    for item in items:
        if item in seen:
            return item
        seen.append(item)
    raise ValueError("no duplicate")


_MESSAGES = {
    "missing": "缺少此项",
    "extra_forbidden": "不认识的设置项（拼写错误？）",
    "string_type": "应为文字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "list_type": "应为列表",
    "dict_type": "应为键值对",
    "model_type": "应为键值对",
    "model_attributes_type": "应为键值对",
    "bool_type": "应为 true 或 false",
    "too_short": "不能为空",
    "string_too_short": "不能为空",
    "string_pattern_mismatch": "格式不对",
    "greater_than": "太小",
    "greater_than_equal": "太小",
    "less_than": "太大",
    "less_than_equal": "太大",
}


def _describe(error: Mapping[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        options = str(expected).replace("'", "").replace(" or ", ", ")
        return f"应为 {options} 之一"
    if kind == "value_error":
        return str(error.get("ctx", {}).get("error", error.get("msg", "")))
    if kind == "string_pattern_mismatch":
        return f"格式不对（应匹配 {error.get('ctx', {}).get('pattern', '')}）"
    return _MESSAGES.get(kind, str(error.get("msg", "")))


def _key(loc: tuple[int | str, ...]) -> str:
    key = ""
    for part in loc:
        if isinstance(part, int):
            key += f"[{part}]"
        elif part.startswith(("function-", "tagged-union")):
            continue
        else:
            key += f".{part}" if key else str(part)
    return key or "（顶层）"


def parse_settings(raw: object, source: str) -> Settings:
    """Validate already-loaded YAML; raise `ConfigError` naming the first bad key."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(f"配置错误 {source}：顶层应为键值对")
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ConfigError(f"配置错误 {source}：{_key(first['loc'])} — {_describe(first)}") from None


def load_settings(path: Path) -> Settings:
    """Read, validate and resolve a config file (relative SQLite paths live beside it)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"找不到配置文件 {path}（可复制 config.example.yaml）") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"无法读取配置文件 {path}：{exc}") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark is not None else ""
        raise ConfigError(f"配置错误 {path.name}：{where}YAML 格式不对") from None
    settings = parse_settings(raw, path.name)
    url = os.environ.get(ENV_DATABASE_URL) or settings.database.url
    database = settings.database.model_copy(update={"url": resolve_sqlite_path(url, path.parent)})
    folder = path.parent.resolve() / settings.media.dir
    media = settings.media.model_copy(update={"dir": str(folder)})
    snapshots = path.parent.resolve() / settings.backup.dir
    backup = settings.backup.model_copy(update={"dir": str(snapshots)})
    update: dict[str, object] = {"database": database, "media": media, "backup": backup}
    if os.environ.get(ENV_ACCOUNT):
        update["bot"] = settings.bot.model_copy(update={"account": os.environ[ENV_ACCOUNT]})
    return settings.model_copy(update=update)


def resolve_sqlite_path(url: str, base: Path) -> str:
    """Put a relative SQLite file beside the config rather than in the current directory."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url in {"sqlite:///:memory:", "sqlite://"}:
        return url
    file = url[len(prefix) :]
    if file.startswith(("/", ":")):
        return url
    return prefix + str((base / file).resolve())


def find_config(explicit: str | None) -> Path:
    """`--config`, else $LINLI_CONFIG, else ./config.yaml, else the bundled example."""
    if explicit:
        return Path(explicit)
    if os.environ.get(ENV_CONFIG):
        return Path(os.environ[ENV_CONFIG])
    local = Path("config.yaml")
    if local.exists():
        return local
    return EXAMPLE_CONFIG
