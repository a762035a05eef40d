"""Text normalisation for parsing: what people type in chat is forgiving, the parser is strict."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from bot.domain.privacy import mask_text
from bot.logs import secrets_in_environment, without_secrets
from bot.messages import ChatRef, Direct, Document, IncomingMessage, Outgoing, Poll, Reply

_SPACES = re.compile(r"\s+")
_MEANINGFUL = re.compile(r"[0-9A-Za-z\u3400-\u9fff]")
_ISSUE_NUMBER = re.compile(r"^#?(\d{1,9})$")
# Zero-width characters, bidi controls (U+202E turns text around) and the BOM: nothing to see,
# yet they split a tag or a command word ("#报\u200b事", "/li\u200bst").
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Terminal escape sequences (colours: "\x1b[31m") and the other control characters.
_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """The text without invisible characters (zero-width, bidi controls, BOM)."""
    return _INVISIBLE.sub("", text)


def printable(text: str) -> str:
    """Text safe to quote back in a reply: invisible and control characters removed, terminal
    escapes too, a carriage return made a line break, a tab a space."""
    text = _ESCAPE.sub("", visible(text)).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text.replace("\t", " "))


def fit_for_chat(
    message: Outgoing, *, mask: bool = True, keep: frozenset[str] = frozenset()
) -> Outgoing:
    """The message with every text it shows made `printable` (whatever a resident typed and the
    bot repeats: a reminder's text, a meeting's title, an objection), and in a group with phone
    numbers masked and ID numbers removed (chat-protocol §9): a safety net under every handler,
    which mask what they know to be personal already. `mask=False` for what the secretary wrote
    for groups to read (a configured event's 「联系电话 138…」); `keep`: the numbers config.yaml
    publishes (`Settings.public_phones`), shown wherever they stand."""

    def fit(chat: ChatRef, text: str) -> str:
        shown = printable(text)
        return mask_text(shown, keep) if mask and not chat.is_private else shown

    match message:
        case Direct():
            text = printable(message.text)
            return message if text == message.text else replace(message, text=text)
        case Reply():
            text = fit(message.chat, message.text)
            return message if text == message.text else replace(message, text=text)
        case Poll():
            return replace(
                message,
                text=fit(message.chat, message.text),
                question=fit(message.chat, message.question),
                options=tuple(fit(message.chat, option) for option in message.options),
            )
        case Document():
            return replace(message, caption=fit(message.chat, message.caption))
        case _:
            return message


def storable(message: IncomingMessage) -> IncomingMessage:
    """The message as it may be kept: a NUL character becomes U+FFFD (PostgreSQL text cannot
    hold NUL, and a report with one was lost whole), and a secret of ours pasted into a chat
    (the bot's token) becomes ***, so it is never stored, repeated or exported. Everything
    else is kept as sent."""
    secrets = secrets_in_environment()

    def clean(text: str) -> str:
        return without_secrets(text.replace("\x00", "\ufffd"), secrets)

    quoted = message.reply_to
    fields = [message.text, message.sender.name, message.chat.title]
    if quoted is not None:
        fields.append(quoted.text)
    if all(clean(field) == field for field in fields):
        return message
    return replace(
        message,
        text=clean(message.text),
        sender=replace(message.sender, name=clean(message.sender.name)),
        chat=replace(message.chat, title=clean(message.chat.title)),
        reply_to=replace(quoted, text=clean(quoted.text)) if quoted is not None else None,
    )


def normalize(text: str) -> str:
    """Full-width to half-width (＃ → #, ：→ :, １２ → 12, 　→ space), invisible characters
    removed, trimmed, spaces collapsed."""
    return _SPACES.sub(" ", visible(unicodedata.normalize("NFKC", text))).strip()


def typed_index(typed: str, consumed: int) -> int:
    """Where in `typed` the part after its first `consumed` normalised characters begins
    (NFKC turns one character into one or more: ＃ is #, ㎡ is m2); its length when the
    normalised form is no longer than `consumed`."""
    count = 0
    for index, char in enumerate(typed):
        if count >= consumed:
            return index
        count += len(unicodedata.normalize("NFKC", char))
    return len(typed)


def has_content(text: str) -> bool:
    """False for text with no letter, digit or Chinese character (emoji, punctuation, blanks)."""
    return _MEANINGFUL.search(text) is not None


def whole_number(text: str, max_digits: int = 9) -> int | None:
    """`12` → 12 (also full-width `１２`); None for anything else. isdecimal, not isdigit:
    "፩".isdigit() is True but int() refuses it; and the digits are few enough for int() and
    for a database integer."""
    text = text.strip()
    return int(text) if text.isdecimal() and len(text) <= max_digits else None


def parse_issue_number(token: str) -> int | None:
    """`23`, `#23`, `＃２３` → 23; a circled number as lists number things, `②` → 2."""
    match = _ISSUE_NUMBER.match(normalize(token))
    return int(match.group(1)) if match else None


# "23 …", "#23 …", "＃２３：…", "23，…": the issue number, then the rest as typed.
# What makes a number part of the words after it: a place (12号楼, 3号院), a count (2个工人),
# a span or a time (1天内, 10分钟前), a sum, an age or vehicles (5块钱, 3岁, 2辆车), a phase
# (3期工程); 「1号期限」 is #1's deadline.
NUMBER_GOES_ON = r"(?:[号栋幢楼院单元室层户区座个天分钟小时点次人名米月日年周元块岁辆]|期(?!限))"
_ISSUE_LEAD = re.compile(
    # The number, with the 号 people say after it (「1号已疏通」「1 号 已疏通」), unless the 号
    # is part of a place (「12号楼」).
    r"^\s*([#＃]?\s*(?:[0-9０-９]{1,9}|[①-⑳]))(?:\s*号(?!" + NUMBER_GOES_ON + r"))?"
    # Then a space or punctuation (not the point of 「1.5」), or straight on to a mention or
    # words (「受理 1复杂」「派单 1@刘物业」), unless they go on with a place (「12号楼」).
    r"(?:$|[\s:：,，、。]+|\.(?![0-9０-９])\s*|(?=[@＠])|(?=[\u4e00-\u9fff])(?!"
    + NUMBER_GOES_ON
    + r"))"
    r"(.*)$",
    re.S,
)
LEADS_A_NUMBER = frozenset("#＃0123456789０１２３４５６７８９①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
"""The characters an issue number said first can start with: most messages start otherwise."""


def issue_first(args: str) -> tuple[int | None, str]:
    """The issue number `args` start with (None if they do not) and the words after it, as
    typed: 「1 已修好」 → (1, "已修好"); 「3号楼…」 starts with a building, not an issue."""
    leading = _ISSUE_LEAD.match(args)
    if leading is None:
        return None, ""
    return parse_issue_number(leading[1]), leading[2]


_ARGUMENT_BREAKS = re.compile(r"[\s,，、]+")


def argument_words(text: str) -> list[str]:
    """A command's arguments, normalised, as words: spaces, commas and 、 separate them
    (「红，网格3」「@孙大爷，网格员，网格3」 read as 「红 网格3」…)."""
    return [word for word in _ARGUMENT_BREAKS.split(normalize(text)) if word]


_NICKNAME = re.compile(r"^[小老]([\u4e00-\u9fff])$")


def surname_called(name: str) -> str | None:
    """The surname in 「小张」「老刘」, as colleagues call each other; None for other words."""
    called = _NICKNAME.match(name)
    return called[1] if called else None


def month_day(day: date) -> str:
    """「12月4日」: a day as replies say it (a moment: in local time, the caller's to convert)."""
    return f"{day.month}月{day.day}日"


def shorten(text: str, limit: int) -> str:
    """One line of at most `limit` characters, for quoting a long message back (printable)."""
    line = _SPACES.sub(" ", printable(text)).strip()
    return line if len(line) <= limit else line[: limit - 1] + "…"


ECHOED = 20
"""Characters of a word someone typed that an answer quotes back (「看不懂「…」」)."""


def echoed(word: str) -> str:
    """A word someone typed, as an answer quotes it back: one short line, so a 20,000-
    character word is not sent back whole."""
    return shorten(word, ECHOED)


SENTENCE_ENDS = "。．.!！?？~～…"
"""What ends a sentence on a phone keyboard."""


def rstrip_marks(text: str, marks: str) -> str:
    """`text` without the whitespace and `marks` it ends with. Not a `[…]+$` regex: that tries
    each position of a long run of them inside the text (「。。。…x」: quadratic)."""
    while True:
        stripped = text.rstrip().rstrip(marks)
        if stripped == text:
            return text
        text = stripped


def clause(text: str) -> str:
    """Someone's words quoted where a reply goes on with its own punctuation (「…：{reason}。」
    「…：{reason}，期限…」): without the punctuation that ended their sentence, so 「已换灯泡。」
    is not echoed 「已换灯泡。。」."""
    return rstrip_marks(text, SENTENCE_ENDS) or text


def longest_prefix(text: str, candidates: Iterable[str]) -> str:
    """The longest of `candidates` that `text` starts with, or "" (「刘物业3天」 → 刘物业)."""
    return max((c for c in candidates if c and text.startswith(c)), key=len, default="")


# A number as people type it: Arabic, or Chinese up to the hundreds (三, 十一, 二十, 两, 一百).
_CN_NUMBER = re.compile(
    r"(?:(?P<hundreds>[一二两三四五六七八九])百零?)?"
    r"(?:(?P<tens>[一二两三四五六七八九])?(?P<ten>十))?"
    r"(?P<units>[一二两三四五六七八九])?"
)
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def read_number(text: str | None) -> int | None:
    """`12` → 12, `十二` → 12, `二十` → 20, `两` → 2, `三十一` → 31; None if not a number."""
    if not text:
        return None
    if text.isascii():
        return int(text) if text.isdigit() else None
    if text in ("零", "〇"):
        return 0
    match = _CN_NUMBER.fullmatch(text)
    if match is None:
        return None
    hundreds, tens, ten, units = match.group("hundreds", "tens", "ten", "units")
    value = (_CN_DIGITS[hundreds] * 100 if hundreds else 0) + (_CN_DIGITS[units] if units else 0)
    if ten:
        value += _CN_DIGITS[tens] * 10 if tens else 10
    if value == 0:
        return None  # the regex matched nothing meaningful, e.g. a lone 零 in the middle
    return value


# 「一」「#十二」「三号」 where an issue number goes, before a space, punctuation or a mention.
_CHINESE_LEAD = re.compile(
    r"^(\s*[#＃]?\s*)(?:([一二两三四五六七八九十百]{1,5})号?|([0-9０-９]{1,9})号)"
    r"(?=$|[\s,，、:：。.!！?？@＠])"
)


def arabic_lead(text: str) -> str:
    """The text with a leading issue number said in Chinese written in digits: 「一 已疏通」 →
    「1 已疏通」, 「#十二」 → 「#12」, 「三号」 and 「3号」 → 「3」; 「一下」, 「一般」 and
    「3号楼」 stay as they are."""
    match = _CHINESE_LEAD.match(text)
    if match is not None and match[3]:
        return f"{match[1]}{int(normalize(match[3]))}{text[match.end() :]}"
    value = read_number(match[2]) if match else None
    if match is None or value is None:
        return text
    return f"{match[1]}{value}{text[match.end() :]}"
