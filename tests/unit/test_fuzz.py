"""Fuzzing what people and platforms send: nothing typed or delivered may crash the bot.

Property-based (hypothesis) over the pure parsers — the router, the argument helpers the
command handlers use, the deadline parser, the analyser — and over the adapters' translation
of platform updates. A malformed update is skipped (None) and logged by its id, never by the
resident's text. Each bug the fuzzing found keeps a plain `@example` regression.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

# python-telegram-bot's Update, through the one module allowed to import `telegram`.
from bot.adapters.telegram import TelegramAdapter, Update
from bot.adapters.wechat import WECHAT_SPACE, MessageType, WechatAdapter
from bot.analysis import Analyzer
from bot.analysis.location import extract_location
from bot.analysis.normalize import normalize as analysis_normalize
from bot.clock import VirtualClock
from bot.domain.calendar import UnknownYear, WorkCalendar
from bot.domain.deadlines import MAX_DAYS_AHEAD, Colour, DeadlineError, parse_deadline
from bot.domain.periods import day_span, earlier
from bot.domain.ratings import spoken_score
from bot.domain.repeats import RepeatError, parse_repeat
from bot.messages import ChatRef, IncomingMessage, PersonRef, QuotedMessage
from bot.routing import Route, RouteKind, Router, report_text
from bot.text import normalize, parse_issue_number, shorten, visible
from handlers.commands import COMMANDS
from handlers.ledger import split_first
from handlers.meetings import _segments
from handlers.stats import parse_month, parse_stats_args
from tests.support.conversation import example_settings

SETTINGS = example_settings("sqlite://")
TZ = ZoneInfo("Asia/Shanghai")
MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)
CALENDAR = WorkCalendar(TZ)
FUZZ = settings(
    max_examples=250,
    deadline=None,
    # caplog is cleared for each example.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FEW = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# The router exactly as the dispatcher builds it.
ROUTER = Router(COMMANDS, SETTINGS.intake.report_tags, SETTINGS.intake.file_tags, SETTINGS.bot.name)
COMMAND_NAMES = {c.name for c in COMMANDS}

# -- text people type ---------------------------------------------------------------------------

# Pieces that mean something to a parser, mixed with anything at all.
_PIECES = [
    *(f"/{c.name}" for c in COMMANDS),
    *(k for c in COMMANDS for k in c.keywords),
    *SETTINGS.intake.report_tags,
    *SETTINGS.intake.file_tags,
    "@邻里",
    "＠邻里",
    "@linli_bot",
    "#",
    "＃",
    "/",
    "／",
    "：",
    ":",
    "，",
    " ",
    "\u3000",
    "\n",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u202e",
    "\x00",
    "\x1b[31m",
    "\r",
    "3号楼",
    "2单元",
    "301",
    "3-2-301",
    "A座",
    "网格3",
    "明天",
    "周五",
    "下周三",
    "3个工作日",
    "12月1日",
    "2026-12-01",
    "11月1日",
    "11.1",
    "到",
    "至",
    "以来",
    "从",
    "月份",
    "环比",
    "同比",
    "~",
    "18:00",
    "M3",
    "满意",
    "5分",
    "撤回",
    "１２",
    "二十",
    "¹",
    "፩",
    "𝟙",
    "😀",
    "' OR 1=1 --",
]
pieces = st.lists(st.sampled_from(_PIECES) | st.text(max_size=6), max_size=10).map("".join)
anything = st.text(max_size=200) | pieces
chinese = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80)
    | st.sampled_from("0123456789号楼栋单元室#-－ "),
    max_size=60,
)

GROUP = ChatRef("console", "网格3群", "网格3群")
PRIVATE = ChatRef("console", "私聊:王芳", "私聊·王芳", is_private=True)
WANG = PersonRef("console", "王芳", "王芳")
SENT = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


# -- the router -------------------------------------------------------------------------------


@FUZZ
@given(
    text=anything,
    private=st.booleans(),
    reply=st.booleans(),
    mention=st.booleans(),
    photo=st.booleans(),
)
@example(text="/li\u200bst", private=False, reply=False, mention=False, photo=False)
@example(text="#报\u200b事 井盖坏了", private=False, reply=False, mention=False, photo=False)
@example(text="@邻里", private=False, reply=False, mention=True, photo=False)
@example(text="\u200b", private=True, reply=False, mention=False, photo=False)
def test_any_message_routes_to_exactly_one_kind(
    text: str, private: bool, reply: bool, mention: bool, photo: bool
) -> None:
    from bot.messages import AttachmentRef

    message = IncomingMessage(
        PRIVATE if private else GROUP,
        WANG,
        text,
        "m1",
        SENT,
        QuotedMessage("m0", WANG, "井盖坏了") if reply else None,
        mention,
        attachments=(AttachmentRef("photo", "p1"),) if photo else (),
    )
    route = ROUTER.route(message)
    assert isinstance(route, Route)
    match route.kind:
        case RouteKind.COMMAND:
            assert route.command is not None and route.command.name in COMMAND_NAMES
            assert route.args == route.args.strip()
        case RouteKind.UNKNOWN_COMMAND:
            assert route.word.startswith("/") and route.command is None
        case RouteKind.LOOKBACK:
            # When no 回头看 question waits, the message goes as it would have otherwise.
            assert route.otherwise is not None
            assert route.otherwise.kind is not RouteKind.LOOKBACK
        case RouteKind.IGNORE:
            # A private message with anything visible in it is answered.
            assert not (private and visible(text).strip() and not mention)
    if not text.strip() and not photo:
        assert route.kind is RouteKind.IGNORE


@FUZZ
@given(text=anything)
def test_report_text_never_fails(text: str) -> None:
    kept = report_text(text, SETTINGS.intake.report_tags, SETTINGS.bot.name)
    assert kept == kept.strip()


# -- the handlers' pure argument parsers ----------------------------------------------------------


@FUZZ
@given(token=anything)
@example(token="#23")
@example(token="＃２３")
@example(token="9" * 30)
def test_an_issue_number_is_a_small_natural_number_or_none(token: str) -> None:
    number = parse_issue_number(token)
    assert number is None or 0 <= number < 10**9


@FUZZ
@given(number=st.integers(min_value=0, max_value=10**9 - 1), hashed=st.booleans())
def test_every_written_issue_number_reads_back(number: int, hashed: bool) -> None:
    assert parse_issue_number(("#" if hashed else "") + str(number)) == number


@FUZZ
@given(text=anything)
@example(text=",\r,0")  # separators mixed before the word: once split off as an empty word
def test_split_first_takes_one_word(text: str) -> None:
    first, rest = split_first(text)
    assert not any(ch.isspace() or ch in ",，、" for ch in first)
    assert rest == rest.strip()
    if any(not ch.isspace() and ch not in ",，、" for ch in text):
        assert first


@FUZZ
@given(word=anything)
# A digit that is not a decimal digit: "፩".isdigit() is True, int("፩") raised ValueError.
@example(word="፩")
@example(word="፩分")
@example(word="𝟙")
def test_a_score_is_one_to_five_or_none(word: str) -> None:
    score = spoken_score(normalize(word), vague=True)
    assert score is None or 1 <= score <= 5


@FUZZ
@given(text=anything)
def test_meeting_segments_never_fail(text: str) -> None:
    head, found = _segments(text, ("议题", "时间", "地点", "截止"))
    assert isinstance(head, str) and all(isinstance(v, str) for v in found.values())


@FUZZ
@given(typed=anything)
@example(typed="٢٠٢٦年١١月")  # Arabic-Indic digits: \d matches them, int() reads them
def test_a_month_is_parsed_or_refused_with_value_error(typed: str) -> None:
    try:
        month = parse_month(typed, date(2026, 11, 23))
    except ValueError:
        return
    assert month is None or 1 <= month[1] <= 12


@FUZZ
@given(args=anything)
def test_stats_arguments_parse_or_refuse_with_value_error(args: str) -> None:
    with contextlib.suppress(ValueError):
        parse_stats_args(
            args,
            now=MONDAY,
            tz=TZ,
            grids={"网格3": 1, "网格5": 2},
            categories=[("drainage", "排水管道"), ("lighting", "照明路灯")],
        )


@FUZZ
@given(word=anything, days=st.integers(min_value=0, max_value=3000))
@example(word="٢٠٢٦-١١-٠١至٢٠٢٦-١١-١٥", days=0)  # Arabic-Indic digits are no date
@example(word="2月29日到3月1日", days=0)  # asked on 1 January 2020: 2019 had no 29 February
def test_a_span_of_days_is_read_or_none_and_never_back_to_front(word: str, days: int) -> None:
    today = date(2020, 1, 1) + timedelta(days=days)
    span = day_span(normalize(word), today)
    if span is not None:
        assert span.last is None or span.first <= span.last
        assert span.label


@FUZZ
@given(
    since=st.datetimes(
        min_value=datetime(2001, 1, 1),  # noqa: DTZ001 (hypothesis wants naive bounds)
        max_value=datetime(2030, 12, 31),  # noqa: DTZ001
    ),
    length=st.integers(min_value=1, max_value=800),
    running=st.booleans(),
    year_on_year=st.booleans(),
)
def test_the_period_before_ends_by_its_start(
    since: datetime, length: int, running: bool, year_on_year: bool
) -> None:
    start = since.replace(tzinfo=TZ)
    until = None if running else start + timedelta(days=length)
    now = start + timedelta(days=length, hours=1)
    before = earlier(start, until, now, year_on_year=year_on_year)
    assert before.since <= before.until <= start + timedelta(days=length)
    assert before.until <= now and before.label


@FUZZ
@given(word=anything)
def test_a_colour_word_is_a_colour_or_none(word: str) -> None:
    assert Colour.from_word(word) in (None, *Colour)


@FUZZ
@given(text=st.text(max_size=300), limit=st.integers(min_value=1, max_value=100))
def test_shorten_is_one_bounded_line(text: str, limit: int) -> None:
    line = shorten(text, limit)
    assert len(line) <= limit
    assert "\n" not in line


# -- deadlines ----------------------------------------------------------------------------------

deadline_text = st.lists(
    st.sampled_from(
        [
            "3天",
            "三天",
            "3个工作日",
            "明天",
            "后天",
            "周五",
            "下周三",
            "下下周日",
            "12月1日",
            "2026-12-01",
            "12-01",
            "18:00",
            "下午3点",
            "9点半",
            "前",
            "之前",
            "内",
            "二十",
            "三十一",
            "一百",
            "零",
            "9999",
            "0",
            "号",
            "日",
            "年",
            "月",
            " ",
            "：",
            "２５:６１",
            "２月３０日",
        ]
    )
    | st.text(max_size=4),
    max_size=6,
).map("".join) | st.text(max_size=60)


@FUZZ
@given(
    text=deadline_text,
    minutes=st.integers(min_value=0, max_value=60 * 24 * 300),
)
@example(text="2月30日", minutes=0)
@example(text="25:61", minutes=0)
@example(text="9999天", minutes=0)
@example(text="0天", minutes=0)
@example(text="零点", minutes=0)
def test_a_deadline_parses_into_the_future_or_is_refused(text: str, minutes: int) -> None:
    now = MONDAY - timedelta(days=200) + timedelta(minutes=minutes)
    try:
        deadline = parse_deadline(text, now, CALENDAR)
    except DeadlineError as refused:
        assert str(refused)  # one Chinese line for the chat
        return
    except UnknownYear:
        # Documented: a working-day count reaching a year the calendar lacks is a config fix.
        return
    assert deadline.tzinfo is not None
    assert deadline > now
    assert (deadline.date() - now.astimezone(TZ).date()).days <= MAX_DAYS_AHEAD


repeat_text = st.lists(
    st.sampled_from(
        ["每", "每个", "周", "星期", "天", "日", "月", "号", "工作日", "、", "至", "和"]
    )
    | st.sampled_from(["一", "三", "五", "七", "十五", "32", "8", "9点", "下午3点", "25:00", "末"])
    | st.text(max_size=3),
    max_size=7,
).map("".join) | st.text(max_size=40)


@FUZZ
@given(text=repeat_text)
@example(text="每月32号")
@example(text="每周五至一")
def test_a_repeat_reads_back_as_itself_or_is_refused(text: str) -> None:
    try:
        rule = parse_repeat(text)
    except RepeatError as refused:
        assert str(refused) and "\n" not in str(refused)
        return
    if rule is not None:
        assert parse_repeat(rule.describe()) == rule


# -- the analyser -------------------------------------------------------------------------------

ANALYZER = Analyzer()
CODES = {c.code for c in ANALYZER.categories} | {"other"}


@FUZZ
@given(text=anything | chinese)
@example(text="3号楼" * 2000)
@example(text="\x00\x1b[31m\r\u202e\u200b")
def test_the_location_extractor_accepts_anything(text: str) -> None:
    location = extract_location(analysis_normalize(text))
    assert isinstance(location.label(), str)
    for part in (location.building, location.unit, location.room):
        assert part is None or (part.strip() == part and part)


@FEW
@given(text=anything | chinese)
@example(text="")
@example(text="3号楼下水道堵了" * 3000)  # 100 KB and more
def test_the_analyser_accepts_anything(text: str) -> None:
    analysis = ANALYZER.analyze(text)
    assert analysis.category in CODES
    assert 0.0 <= analysis.confidence <= 1.0
    assert 0.0 <= analysis.complaint_score <= 1.0


# -- Telegram: updates as python-telegram-bot parses them ----------------------------------------

TELEGRAM = TelegramAdapter(SETTINGS, token="123456:FUZZ-not-a-real-token", clock=VirtualClock(SENT))
TG_BOT = TELEGRAM._app.bot
BOT_USER = {"id": 999, "is_bot": True, "first_name": "邻里", "username": "linli_bot"}

json_scalar = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True)
    | st.text(max_size=20)
)
json_value = st.recursive(
    json_scalar,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _maybe(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """The right value most of the time, any JSON value sometimes, or the field missing."""
    return st.one_of(value, value, value, json_value)


@st.composite
def entities(draw: st.DrawFn, text: str, mangle: bool) -> list[Any]:
    """Entities whose offsets may lie inside the text, past its end or be negative."""
    limit = len(text.encode("utf-16-le")) // 2 + 5
    found = []
    for _ in range(draw(st.integers(0, 3))):
        entity: dict[str, Any] = {
            "type": draw(st.sampled_from(["mention", "text_mention", "bot_command", "bold", "x"])),
            "offset": draw(st.integers(-5, limit) | st.integers()),
            "length": draw(st.integers(-5, limit) | st.integers()),
        }
        if entity["type"] == "text_mention":
            entity["user"] = draw(
                st.sampled_from([BOT_USER, {"id": 7, "is_bot": False, "first_name": "王芳"}])
            )
        found.append(draw(_maybe(st.just(entity)) if mangle else st.just(entity)))
    return found


@st.composite
def telegram_updates(draw: st.DrawFn, *, mangle: bool) -> dict[str, Any]:
    """An update as Telegram sends it; when `mangle`, with fields missing or of wrong types."""
    maybe = _maybe if mangle else (lambda value: value)
    text = draw(anything | st.sampled_from(["/list@linli_bot", "@linli_bot 井盖坏了", "/show@x 1"]))
    chat = {
        "id": draw(maybe(st.integers(-(10**13), 10**13))),
        "type": draw(maybe(st.sampled_from(["private", "group", "supergroup", "channel"]))),
        "title": draw(maybe(st.text(max_size=10))),
    }
    sender = {
        "id": draw(maybe(st.integers(1, 10**10))),
        "is_bot": False,
        "first_name": draw(maybe(st.text(max_size=10))),
        "username": draw(maybe(st.text(max_size=10))),
    }
    message: dict[str, Any] = {
        "message_id": draw(maybe(st.integers(1, 10**9))),
        "date": draw(maybe(st.integers(0, 2**31))),
        "chat": draw(maybe(st.just(chat))),
        "from": draw(maybe(st.just(sender))),
    }
    if draw(st.booleans()):
        message["text"] = draw(maybe(st.just(text)))
        message["entities"] = draw(maybe(entities(text, mangle)))
    else:
        message["caption"] = draw(maybe(st.just(text)))
        message["caption_entities"] = draw(maybe(entities(text, mangle)))
        message["photo"] = draw(
            maybe(st.just([{"file_id": "p1", "file_unique_id": "u1", "width": 1, "height": 1}]))
        )
    if draw(st.booleans()):
        message["reply_to_message"] = draw(
            maybe(st.just({"message_id": 1, "date": 0, "chat": chat, "text": "井盖坏了"}))
        )
    if draw(st.integers(0, 9)) == 0:
        message[draw(st.sampled_from(["migrate_to_chat_id", "migrate_from_chat_id"]))] = draw(
            json_value
        )
    update: dict[str, Any] = {"update_id": draw(st.integers(0, 2**31))}
    kinds = ["message", "message", "edited_message", "callback_query", "poll_answer", "junk"]
    kind = draw(st.sampled_from(kinds))
    if kind == "message":
        update["message"] = message
    elif kind == "edited_message":
        update["edited_message"] = {**message, "edit_date": draw(maybe(st.integers(0, 2**31)))}
    elif kind == "callback_query":
        update["callback_query"] = {
            "id": draw(maybe(st.text(max_size=5))),
            "from": draw(maybe(st.just(sender))),
            "chat_instance": "c",
            "message": draw(maybe(st.just(message))),
            "data": draw(maybe(st.text(max_size=64))),
        }
    elif kind == "poll_answer":
        update["poll_answer"] = {
            "poll_id": draw(maybe(st.text(max_size=5))),
            "user": draw(maybe(st.just(sender))),
            "option_ids": draw(maybe(st.lists(st.integers(-3, 10), max_size=4))),
        }
    else:
        update[draw(st.text(max_size=8))] = draw(json_value)
    return update


def _telegram(raw: dict[str, Any]) -> Update | None:
    """What python-telegram-bot makes of the JSON (its own parse errors happen before ours)."""
    try:
        return Update.de_json(raw, TG_BOT)
    except Exception:
        return None


def _no_text_of(records: list[logging.LogRecord], text: str, message_id: str = "") -> None:
    """No log line carries the resident's text (it may be personal). The message id the line
    is meant to carry is left out first: a generated text may happen to equal it."""
    if len(text.strip()) < 4:
        return  # too short to tell from the log's own words
    for record in records:
        line = record.getMessage().replace(message_id, "") if message_id else record.getMessage()
        assert text not in line


@FUZZ
@given(
    raw=telegram_updates(mangle=False) | telegram_updates(mangle=True), knows_itself=st.booleans()
)
@example(  # a mention entity running past the end of the text, through half an emoji
    raw={
        "update_id": 1,
        "message": {
            "message_id": 5,
            "date": 0,
            "chat": {"id": -100, "type": "group", "title": "网格3群"},
            "from": {"id": 7, "is_bot": False, "first_name": "王芳"},
            "text": "@linli_bot 😀井盖",
            "entities": [{"type": "mention", "offset": 12, "length": 40}],
        },
    },
    knows_itself=True,
)
def test_any_telegram_update_is_translated_or_skipped(
    raw: dict[str, Any], knows_itself: bool, caplog: pytest.LogCaptureFixture
) -> None:
    update = _telegram(raw)
    if update is None:
        return
    TELEGRAM._me = (
        Update.de_json(
            {
                "update_id": 0,
                "message": {
                    "message_id": 0,
                    "date": 0,
                    "chat": {"id": 1, "type": "private"},
                    "from": BOT_USER,
                },
            },
            TG_BOT,
        ).message.from_user  # type: ignore[union-attr]
        if knows_itself
        else None
    )
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="bot.adapters.telegram"):
        incoming = TELEGRAM.incoming(update)
    if incoming is not None:
        assert isinstance(incoming.text, str)
        assert isinstance(incoming.chat.ref, str) and isinstance(incoming.message_id, str)
    skipped = [r for r in caplog.records if "malformed" in r.getMessage()]
    for record in skipped:
        assert str(update.update_id) in record.getMessage()
    message = raw.get("message") or raw.get("edited_message") or {}
    text = message.get("text") if isinstance(message, dict) else None
    if isinstance(text, str):
        _no_text_of(caplog.records, text, str(update.update_id))


def _tg_message(**fields: Any) -> dict[str, Any]:
    message = {
        "message_id": 5,
        "date": 0,
        "chat": {"id": -100, "type": "group", "title": "网格3群"},
        "from": {"id": 7, "is_bot": False, "first_name": "王芳"},
        "text": "#报事 3号楼井盖坏了 13812345678",
    }
    message.update(fields)
    return {"update_id": 4242, "message": message}


@pytest.mark.parametrize(
    "raw",
    [
        _tg_message(text=12345678),  # a number where the text should be
        _tg_message(text=["#报事", "井盖"]),
        _tg_message(chat={"id": None, "type": "group"}),
        _tg_message(entities=[{"type": "mention", "offset": "x", "length": 3}]),
        _tg_message(migrate_to_chat_id={"x": 1}),
        _tg_message(message_id="five"),
        _tg_message(**{"from": {"id": "seven", "is_bot": False, "first_name": "王芳"}}),
        {"update_id": 4242, "edited_message": _tg_message(text=["#报事", "井盖"])["message"]},
    ],
)
def test_a_malformed_telegram_update_is_skipped_and_logged_by_id(
    raw: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    update = _telegram(raw)
    if update is None:
        pytest.skip("python-telegram-bot itself refuses this JSON")
    TELEGRAM._me = None
    with caplog.at_level(logging.WARNING, logger="bot.adapters.telegram"):
        incoming = TELEGRAM.incoming(update)
    assert incoming is None
    [warning] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "4242" in warning.getMessage() and "message" in warning.getMessage()
    assert "13812345678" not in warning.getMessage()
    assert "井盖" not in warning.getMessage()


# -- WeChat: messages as python-wechaty hands them over -------------------------------------------


class _Contact(SimpleNamespace):
    pass


class _Room:
    def __init__(self, room_id: Any, topic: Any, members: list[Any]) -> None:
        self.room_id = room_id
        self._topic = topic
        self._members = members

    async def topic(self) -> Any:
        return self._topic

    async def member_list(self) -> list[Any]:
        return self._members

    async def alias(self, member: Any) -> Any:
        return getattr(member, "alias", None)


class _Message:
    """The parts of wechaty's Message the adapter reads; each may be wrong."""

    def __init__(self, **parts: Any) -> None:
        self.message_id = parts.get("message_id", "msg1")
        self._talker = parts.get("talker")
        self._type = parts.get("type", MessageType.MESSAGE_TYPE_TEXT)
        self._text = parts.get("text", "")
        self._room = parts.get("room")
        self.payload = parts.get("payload", SimpleNamespace(mention_ids=[], timestamp=0))
        self.wechaty = SimpleNamespace(
            Contact=SimpleNamespace(load=lambda cid: _Loaded(cid, parts.get("names", {})))
        )

    def talker(self) -> Any:
        return self._talker

    def type(self) -> Any:
        return self._type

    def text(self) -> Any:
        return self._text

    def room(self) -> Any:
        return self._room


class _Loaded(SimpleNamespace):
    def __init__(self, contact_id: str, names: dict[str, Any]) -> None:
        super().__init__(contact_id=contact_id, name=names.get(contact_id))

    async def ready(self) -> None:
        return None


def _wechat() -> WechatAdapter:
    adapter = WechatAdapter(SETTINGS, endpoint="127.0.0.1:0", token="t", clock=VirtualClock(SENT))
    adapter._self_id, adapter._self_name = "bot", "邻里"
    return adapter


WECHAT = _wechat()
people_ids = st.sampled_from(["wxid_wang", "wxid_sun", "bot", ""]) | st.text(max_size=6)
wechat_text = anything | st.builds(
    lambda name, quoted, reply: f"「{name}：{quoted}」\n- - - - - - -\n{reply}",
    st.text(max_size=8),
    anything,
    anything,
)


@st.composite
def wechat_messages(draw: st.DrawFn) -> _Message:
    member = _Contact(
        contact_id=draw(people_ids), name=draw(_maybe(st.text(max_size=6))), alias=None
    )
    talker = draw(
        st.none()
        | st.just(_Contact(contact_id=draw(people_ids), name=draw(_maybe(st.text(max_size=6)))))
    )
    room = draw(
        st.none()
        | st.builds(
            _Room,
            _maybe(st.text(min_size=1, max_size=8)),
            _maybe(st.text(max_size=8)),
            st.just([member]),
        )
    )
    return _Message(
        message_id=draw(_maybe(st.text(min_size=1, max_size=8))),
        talker=talker,
        type=draw(st.sampled_from(list(MessageType)) | json_scalar),
        text=draw(_maybe(wechat_text)),
        room=room,
        payload=SimpleNamespace(
            mention_ids=draw(_maybe(st.lists(people_ids, max_size=3))),
            timestamp=draw(_maybe(st.integers(0, 2**45))),
        ),
        names={"wxid_wang": "王芳"},
    )


async def _arrive(adapter: WechatAdapter, msg: _Message) -> IncomingMessage | None:
    await adapter._received(msg)
    slot = adapter._arrivals.get_nowait()
    return await slot


@FUZZ
@given(msg=wechat_messages())
@example(  # a quote whose author is not in the room, and an empty reply under it
    msg=_Message(
        talker=_Contact(contact_id="wxid_wang", name="王芳"),
        text="「孙大爷：井盖坏了」\n- - - - -\n",
        room=_Room("room1", "网格3群", []),
    )
)
def test_any_wechat_message_is_translated_or_skipped(
    msg: _Message, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="bot.adapters.wechat"):
        incoming = asyncio.run(_arrive(WECHAT, msg))
    if incoming is not None:
        assert isinstance(incoming.text, str) and incoming.text == incoming.text.strip()
        assert WECHAT_SPACE not in incoming.text
        assert isinstance(incoming.chat.ref, str) and isinstance(incoming.sender.ref, str)
        assert isinstance(incoming.sender.name, str) and isinstance(incoming.chat.title, str)
        assert incoming.sent_at.tzinfo is not None
    for record in caplog.records:
        assert str(msg.message_id) in record.getMessage()
    if isinstance(msg._text, str):
        _no_text_of(caplog.records, msg._text, str(msg.message_id))


@pytest.mark.parametrize(
    "msg",
    [
        _Message(talker=_Contact(contact_id="wxid_wang", name="王芳"), text=12345678901),
        _Message(
            talker=_Contact(contact_id="wxid_wang", name="王芳"),
            text="#报事 井盖坏了 13812345678",
            room=_Room("room1", "网格3群", []),
            payload=SimpleNamespace(mention_ids=5, timestamp=0),
        ),
        _Message(talker=_Contact(contact_id=None, name="王芳"), text="#报事 井盖坏了 13812345678"),
    ],
)
def test_a_malformed_wechat_message_is_skipped_and_logged_by_id(
    msg: _Message, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.adapters.wechat"):
        incoming = asyncio.run(_arrive(_wechat(), msg))
    assert incoming is None
    [warning] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "msg1" in warning.getMessage()
    assert "13812345678" not in warning.getMessage()


@FUZZ
@given(text=wechat_text, private=st.booleans())
def test_wechat_quotes_and_my_name_come_off_any_text(text: str, private: bool) -> None:
    members = [_Contact(contact_id="w", name="孙大爷", alias=None)]
    without = WECHAT._without_my_name(text)
    rest, quoted = asyncio.run(
        WECHAT._quote(None if private else _Room("r", "网格3群", members), without)
    )
    assert isinstance(rest, str)
    if quoted is not None:
        assert rest in without and quoted.text in without
        assert quoted.sender is None or quoted.sender.ref == "w"


def test_a_wechat_message_with_a_nonsense_time_counts_as_of_now() -> None:
    # Found by fuzzing: a timestamp of 1e20 raised OverflowError and the report was lost.
    msg = _Message(
        talker=_Contact(contact_id="wxid_wang", name="王芳"),
        text="#报事 井盖坏了",
        payload=SimpleNamespace(mention_ids=[], timestamp=10**20),
    )
    incoming = asyncio.run(_arrive(_wechat(), msg))
    assert incoming is not None and incoming.sent_at == SENT
