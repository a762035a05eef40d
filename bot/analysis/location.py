"""Where a report is about: building, unit, room and named place.

Patterns run on normalised text (see :mod:`bot.analysis.normalize`), so full-width digits and
Chinese numerals have already become Arabic digits. Accepted forms: ``3号楼`` ``3栋`` ``3幢``
``3#`` ``3#楼`` ``A座`` · ``2单元`` · ``301室`` · ``3号楼2单元301`` · ``3-2-301``
(building-unit-room) · ``5号楼2-301`` (unit-room after a building) · ``2-301`` (building-room).
Look-arounds keep phone numbers, times, dates, money and counts out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Location", "extract_location"]


@dataclass(frozen=True)
class Location:
    """A report's location; every part is optional."""

    building: str | None = None  # Arabic digits (or a letter for 座), e.g. "3"
    unit: str | None = None  # "2"
    room: str | None = None  # "301"
    place: str | None = None  # a named place: "南门", "地下车库"

    def label(self) -> str:
        """Human-readable form: ``3号楼2单元301室``, else the place, else ``""``."""
        parts: list[str] = []
        if self.building:
            parts.append(f"{self.building}号楼")
        if self.unit:
            parts.append(f"{self.unit}单元")
        if self.room:
            parts.append(f"{self.room}室")
        if parts:
            return "".join(parts)
        return self.place or ""

    @property
    def known(self) -> bool:
        """Whether any part of the location is known."""
        return bool(self.building or self.unit or self.room or self.place)


NOWHERE = Location()

# Characters that, right before a number, show it belongs to something else: a longer number,
# a decimal, a time (19:00), a date (12月3号楼下 = "downstairs on 3 December"), a range. A colon
# after words is a label's (地址:5号楼), after an hour's one or two digits a time's; after a
# longer number, a label's again (工单2026112200123:3号楼).
_NOT_BEFORE = r"(?<![\d./\-~月a-z])(?<!(?<!\d)\d:)(?<!(?<!\d)\d\d:)"
# Characters that, right after a room number, show it is a year, money, a count, a time…
# ("天" is a count of days, but "天天" = "every day" often follows a room: "1803天天唱歌").
_NOT_AFTER_ROOM = r"(?![\d.:/\-~年月日号元块个次人分点米斤%万千]|天(?!天))"
_DASH = r"\s*[-—–]\s*"

_BUILDING = re.compile(
    _NOT_BEFORE + r"(\d{1,3}|[a-z])\s*"
    r"(?:号楼|栋|幢|#楼?|(?<=[a-z])座|号(?=\s*\d{1,2}\s*单元))"
)
# What may follow a building mention: a unit (2单元) or a unit-room pair (2-301).
_AFTER_BUILDING_UNIT = re.compile(
    r"\s*(?:的\s*)?(?:(\d{1,2})\s*单元|(\d{1,2})" + _DASH + r"(\d{3,4})" + _NOT_AFTER_ROOM + ")"
)
# A room right after a building or unit: "301", "301室", "1102号".
_AFTER_ROOM = re.compile(r"\s*(?:的\s*)?(\d{3,4})\s*(?:室|房|号房|号|户)?" + _NOT_AFTER_ROOM)
_TRIPLE = re.compile(
    _NOT_BEFORE + r"(\d{1,3})" + _DASH + r"(\d{1,2})" + _DASH + r"(\d{3,4})" + _NOT_AFTER_ROOM
)
_PAIR = re.compile(_NOT_BEFORE + r"(\d{1,3})" + _DASH + r"(\d{3,4})" + _NOT_AFTER_ROOM)
_UNIT = re.compile(r"(?<![\d.])(\d{1,2})\s*单元")
_ROOM = re.compile(_NOT_BEFORE + r"(\d{3,4})\s*(?:室|号房|房间)")
# A bare room number right after words that point at a flat: "楼上1002", "对门502", "家住1101".
_ROOM_AFTER_NEIGHBOUR = re.compile(
    r"(?:楼上|楼下|对门|隔壁|住在|我家|我住|家住)\s*(\d{3,4})" + _NOT_AFTER_ROOM
)


def _clean(number: str) -> str:
    """Drop leading zeros ("03" -> "3") but keep a lone zero; upper-case building letters."""
    stripped = number.lstrip("0")
    return (stripped or "0").upper()


_BARE_BUILDING = re.compile(r"(\d{1,3})号?|([a-z])")


def building_number(text: str) -> str | None:
    """A building as people name it in a command ("3", "3号楼", "03栋", "B座") as the
    analyser stores it ("3", "B"); None when the text names no building."""
    text = text.strip().lower()
    match = _BARE_BUILDING.fullmatch(text) or _BUILDING.fullmatch(text)
    return _clean(next(g for g in match.groups() if g)) if match else None


# Words before a building that say it is where the speaker lives, not (yet) where the problem is:
# 「我住6号楼，2号楼那边的路灯坏了」.
_HOME_BEFORE = re.compile(r"(?:我住|我是|家住|住在|我家在?)\s*(?:在\s*)?$")


def _problem_building(text: str) -> re.Match[str] | None:
    """The building mention the report is about: the first, unless that one is the speaker's
    home and another building is named after it."""
    mentions = list(_BUILDING.finditer(text))
    for mention in mentions:
        if not _HOME_BEFORE.search(text, max(0, mention.start() - 4), mention.start()):
            return mention
    return mentions[0] if mentions else None


def extract_location(text: str, place: str | None = None) -> Location:
    """Find the first building/unit/room mention in normalised ``text``.

    ``place`` is the named place the caller already found (by dictionary lookup); it is stored
    as is. When a building is named, the unit and room are read from right after it, so that
    "3号楼2单元301" stays one address even if other numbers appear later in the message.
    """
    if "座" not in text and not any(ch.isdigit() for ch in text):
        return Location(place=place) if place else NOWHERE
    building = unit = room = None
    match = _problem_building(text)
    if match:
        building = _clean(match.group(1))
        position = match.end()
        after = _AFTER_BUILDING_UNIT.match(text, position)
        if after:
            if after.group(1):
                unit = _clean(after.group(1))
                position = after.end()
            else:
                unit, room = _clean(after.group(2)), after.group(3)
                position = after.end()
        if room is None:
            room_match = _AFTER_ROOM.match(text, position)
            if room_match:
                room = room_match.group(1)
    else:
        triple = _TRIPLE.search(text)
        if triple:
            building, unit, room = _clean(triple.group(1)), _clean(triple.group(2)), triple.group(3)
        else:
            pair = _PAIR.search(text)
            if pair:
                building, room = _clean(pair.group(1)), pair.group(2)
    if unit is None:
        unit_match = _UNIT.search(text)
        if unit_match:
            unit = _clean(unit_match.group(1))
    if room is None:
        room_match = _ROOM.search(text) or _ROOM_AFTER_NEIGHBOUR.search(text)
        if room_match:
            room = room_match.group(1)
    return Location(building=building, unit=unit, room=room, place=place)


# 「我住3号楼2单元301」「地址：5号楼东侧」「在小区东门」: where, said after the problem.
# Words of apology a slip is said with (「不好意思，说错了」「发错群了，抱歉」): one list for
# every reading of a slip (a place corrected, a meeting missed, a message sent by mistake).
APOLOGY = r"(?:不好意思|实在抱歉|抱歉|对不起|哎呀?|唉|sorry)"
_SORRY = rf"(?:{APOLOGY}[,，!！\s]*)?"
_SLIP = r"(?:说|写|报|打|弄|填)错了?"  # 「写错了」「报错了」
_GIVING_PLACE = re.compile(
    rf"^{_SORRY}应该(?:是|在)|^{_SORRY}(?:(?:{_SLIP}|不对|更正)[,，:：\s]*)?"  # 「说错了，是7号楼」
    r"(?:我|我家|我们家|俺家|俺)?(?:住在?|家住|家在|就在|在|是)"
    r"|^(?:位置|地址|地点|具体位置|具体地址)(?:是|在)?[:：\s]?"
)
# A place said again as the place, not as more of it: a label, or words that correct.
_CORRECTING = re.compile(
    rf"^(?:位置|地址|地点|具体位置|具体地址)|{_SLIP}|不对|更正|应该是|改成|改为|不是"
)
# 「3号楼」「5栋2单元」「3号楼2单元301」 alone: where, as the answer to "where is it".
_BARE_ADDRESS = re.compile(
    r"^[0-9]{1,3}(?:号楼|号院|栋|幢)(?:[0-9]{1,2}单元)?(?:[0-9]{3,4}(?:室|号)?)?(?:那边|这边|门口)?$"
)
_PLACE_AT_MOST = 40  # characters: a longer message tells more than where
_ASKS = re.compile(r"[吗嘛?？]")


def gives_place(text: str) -> bool:
    """Whether normalised `text` starts as someone saying where (「我住3号楼2单元301」「地址：
    5号楼东侧」「说错了，是7号楼」), short enough to be only that, or is an address alone
    (「3号楼」「3号楼2单元301」); what place it names, if any, `extract_location` reads."""
    if len(text) > _PLACE_AT_MOST or _ASKS.search(text):  # 「是3号楼的吗」 asks
        return False
    return _GIVING_PLACE.match(text) is not None or _BARE_ADDRESS.match(text) is not None


def corrects_place(text: str) -> bool:
    """Whether a place said (`gives_place`) is said as the place instead of one said before:
    a label (「位置：…」) or words that correct (「说错了」「应该是」)."""
    return _CORRECTING.search(text) is not None
