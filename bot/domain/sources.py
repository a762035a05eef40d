"""Where a report came from (来源, a column of every 台账): the chat it was heard in, a meeting,
or, for a report staff file themselves, what their words say of it — a call, the 12345 hotline,
a visit to the office, a patrol (巡查).

Pure: `source_of` is given what intake knows; residents' words never set it (「打电话给物业没人
接」 from a resident is a group or private report all the same).
"""

from __future__ import annotations

import re
from enum import StrEnum

from bot.domain.issues import Role


class Source(StrEnum):
    GROUP = "group"  # said in a grid or residents' group (also filed by staff in reply: #立案)
    PRIVATE = "private"  # said to the bot privately
    MEETING = "meeting"  # an action item a meeting decided (结果 M1 …)
    HOTLINE = "hotline"  # a 12345 work order staff filed
    PHONE = "phone"  # a resident's call staff filed
    VISIT = "visit"  # a resident at the office, staff filed
    PATROL = "patrol"  # staff found it on their rounds
    STAFF = "staff"  # staff filed it, saying nothing of how it came

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def taken(self) -> bool:
        """Staff took it (a call, an order, a visit, a patrol): its reporter is who took it,
        never hidden as a resident writing privately is."""
        return self in _TAKEN

    @property
    def has_caller(self) -> bool:
        """Someone outside the chat brought it (a 12345 caller, a resident on the phone or at
        the office): staff call them back (回访) for the verdict, as its reporter cannot."""
        return self in CALLERS


_TAKEN = frozenset({Source.HOTLINE, Source.PHONE, Source.VISIT, Source.PATROL, Source.STAFF})
CALLERS = frozenset({Source.HOTLINE, Source.PHONE, Source.VISIT})  # `Source.has_caller`
_LABELS = {
    Source.GROUP: "群内反映",
    Source.PRIVATE: "私信反映",
    Source.MEETING: "议事会",
    Source.HOTLINE: "12345热线",
    Source.PHONE: "电话反映",
    Source.VISIT: "来访",
    Source.PATROL: "巡查发现",
    Source.STAFF: "工作人员上报",
}

# What staff write of how a report came, first match wins: a hotline order is often phoned
# through, so the hotline is read before the phone.
_SAID = (
    (
        Source.HOTLINE,
        re.compile(r"(?<![0-9])12345(?![0-9])|(?:市民|市长|政务|便民|服务)热线|热线(?:转|派|工单)"),
    ),
    (
        Source.PHONE,
        re.compile(
            # not when power comes back: 「几点来电」「什么时候能来电」
            r"(?<![点候才会就能再])来电|接到\S{0,4}电话|电话(?:反映|说|里说|打来|告知|投诉|求助)|打(?:来)?电话(?:来|给我|反映|说)"
        ),
    ),
    (Source.VISIT, re.compile(r"来访|到社区(?:反映|来)|来社区(?:反映)?|上门反映|窗口反映")),
    (Source.PATROL, re.compile(r"(?:巡查|巡逻|走访|排查|入户)\S{0,3}?发现|排查出")),
)


# Words that name sources in 统计 and 台账: 「来源」 itself names none (a line for each).
# What names the 12345 hotline in 统计 and 台账 (「台账 工单」「这个月12345来了几件」), the
# longest first for a regex's alternation: in a community, 工单 are the hotline's.
HOTLINE_WORDS = ("12345热线", "12345工单", "热线工单", "12345", "热线", "工单")
_NAMED: dict[str, frozenset[Source]] = {
    **dict.fromkeys(("来源", "按来源", "各来源", "渠道", "按渠道", "各渠道"), frozenset()),
    **{source.label: frozenset({source}) for source in Source},
    **dict.fromkeys(HOTLINE_WORDS, frozenset({Source.HOTLINE})),
    "电话": frozenset({Source.PHONE}),
    "巡查": frozenset({Source.PATROL}),
    "私信": frozenset({Source.PRIVATE}),
    "群内": frozenset({Source.GROUP}),
}


def sources_named(word: str) -> frozenset[Source] | None:
    """The sources a filter word names (「12345」「电话反映」); empty for 「来源」 itself;
    None for a word that names no source."""
    return _NAMED.get(word)


# 「工单编号：… 诉求人：… 联系电话：… 诉求内容：反映5号楼…」: where a work order's problem begins.
_ORDER_CONTENT = re.compile(r"(?:诉求|反映|来电|工单|问题|事件)(?:内容|描述)\s*[:：]\s*")


def order_gist(text: str) -> str:
    """What a work order pasted whole says of the problem (from its 「诉求内容：」 on), for a
    line too short for its header; other text as it is."""
    found = _ORDER_CONTENT.search(text)
    return text[found.end() :] if found is not None and found.end() < len(text) else text


# 「帮王芳登记一下，…」「代孙大爷反映：…」「帮3号楼502的刘奶奶报一下，…」: staff filing for
# someone who is not in the chat (named alone, or with where they live).
_WHO = r"(?:[0-9]{1,3}(?:号楼|栋|幢)[0-9-]{0,8}(?:室|号)?的?)?[\u4e00-\u9fff]{1,5}?"
_ASKING = r"(?:登记|反映|报一下|上报|报事|报个事|报一个)"
FILED_FOR = re.compile(rf"^(?:请)?(?:帮|替|代){_WHO}{_ASKING}")
# The same asking, with whom it is for and the marks after it, as written.
_FILED_FOR_LEAD = re.compile(
    rf"^\s*(?:请)?(?:帮|替|代)(?P<who>{_WHO}){_ASKING}(?:一下)?[\s,，:：。;；]*"
)
_NOBODY_NAMED = frozenset({"我", "忙", "我们", "大家", "个忙"})  # 「帮我登记」「帮忙登记」


def taken_words(text: str) -> str:
    """The report in staff's 「帮王芳登记一下，3号楼灯坏了」: 「王芳反映：3号楼灯坏了」; the asking
    alone dropped from 「帮我登记一下：…」「帮忙登记…」. Other text as it is."""
    lead = _FILED_FOR_LEAD.match(text)
    if lead is None or lead.end() == len(text):
        return text
    rest = text[lead.end() :]
    return rest if lead["who"] in _NOBODY_NAMED else f"{lead['who']}反映：{rest}"


_ANY_SAID = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in _SAID))
# A question, or work already done (「巡查发现的井盖已经修好了」), is no report taken.
_NOT_TAKEN = re.compile(
    r"[吗么嘛呢?？][\s。.!！~～]*$|有几|几[件条个]|多少|哪些|哪个|(?:修|处理|办|弄|解决)(?:好|完)|已经好"
)
_SAID_BY = 10  # characters: how it came is said first (「居民王大爷电话反映…」)
# Every way of saying how it came has one of these (most messages: one short search).
_HINT = re.compile(r"电话|来电|来访|社区|上门|窗口|巡查|巡逻|走访|排查|入户|热线|12345")


# 「3号楼302的李大爷说家里暖气不热」「居民王阿姨反映楼道灯坏了」: a resident's words passed on
_RELAYED = re.compile(
    r"^(?:居民|住户|业主)?[\u4e00-\u9fff0-9]{0,10}?"
    r"(?:大爷|大妈|大娘|阿姨|奶奶|爷爷|老人|大姐|大哥|师傅|老师|先生|女士|居民|住户|业主)"
    r"(?:跟我|和我|找我|向我)?(?:说|反映|投诉|求助|打电话说)[,，:：\s]*"
)


def filing_said(text: str) -> bool:
    """Whether `text` (normalised) is staff filing a report they took (「12345工单：…」「居民
    王大爷电话反映…」「巡查发现…」「帮王芳登记一下，…」) rather than chat, a question, or a
    report spoken of (「巡查发现的那个井盖」)."""
    head = text[: _SAID_BY + 12]  # what is searched: how it came, and a little after
    if text[:1] not in "帮替代请" and _HINT.search(head) is None:
        return False
    if FILED_FOR.match(text) is None:
        said = _ANY_SAID.finditer(head)
        if not any(m.start() <= _SAID_BY and text[m.end() : m.end() + 1] != "的" for m in said):
            return False
    return _NOT_TAKEN.search(text) is None


# 「还有4号楼单元门禁坏了」「另外5号楼楼道堆了杂物」: more found, said after a report taken.
_MORE_LEAD = re.compile(r"^(?:另外还有|另外|还有|还发现|又发现|再就是|以及)[,，:：、\s]*")


def more_taken(text: str) -> str:
    """The words of another report in staff's 「还有4号楼单元门禁坏了」, said just
    after one they took (on a round, from a call): without the 「还有」; empty for a question or
    work already done (「还有那个井盖修好了吗」)."""
    if _NOT_TAKEN.search(text) is not None:
        return ""
    return text[lead.end() :] if (lead := _MORE_LEAD.match(text)) is not None else text


def relayed(text: str) -> bool:
    """Whether `text` (normalised) passes on a resident's words (「3号楼302的李大爷说家里暖气
    不热」): said to the bot privately by staff, a report they took; not a question, nor work
    done (「王大爷说灯修好了」)."""
    return _RELAYED.match(text) is not None and _NOT_TAKEN.search(text) is None


def source_of(*, private: bool, own: Role | None, text: str) -> Source:
    """The source of a report: the chat it was heard in; for one that someone holding a role
    files themselves (`own`: their role), what their words say of it, else, from a grid worker
    or the secretary, 工作人员上报 (a 楼栋长 or a handler saying nothing of it: their chat's)."""
    if own is not None and own is not Role.RESIDENT:
        said = next((source for source, said in _SAID if said.search(text)), None)
        if said is not None:
            return said
        if own in (Role.WORKER, Role.SECRETARY):
            return Source.STAFF
    return Source.PRIVATE if private else Source.GROUP


# 「12345工单2026112200123：…」「工单号：BJ-20261122-0123」「接到12345转来的工单，编号2026…」: a
# work order's number follows the word 工单 (a few marks or 号/编号 between). A bare number (a
# phone, a room, a 快递单号) is never taken for one.
ORDER_PATTERN = r"[A-Za-z]{0,4}-?\d[\d-]{5,38}\d"
_WORK_ORDER = re.compile(
    r"工单(?:号|编号)?[\s:：#,，、(（]{0,3}(?:编号|单号|号码|号)?[\s:：#(（]{0,2}"
    rf"(?P<order>{ORDER_PATTERN})(?![\dA-Za-z])"
)
_ORDER_SHAPE = re.compile(ORDER_PATTERN)
ORDER_DIGITS = 7  # fewer is a room, a count or a page, not a work order
WORK_ORDER_LENGTH = 40  # the column's width: longer is no work order anyone keeps


def order_shaped(word: str) -> bool:
    """Whether `word` (half-width) has a work order number's shape: 2026112200123, BJ-2026-0123."""
    return (
        _ORDER_SHAPE.fullmatch(word) is not None
        and sum(c.isdigit() for c in word) >= ORDER_DIGITS
        and len(word) <= WORK_ORDER_LENGTH
    )


def work_order_of(text: str) -> str | None:
    """The work order number `text` (normalised: half-width) names after 工单, else None."""
    if "工单" not in text:  # most messages: one substring test
        return None
    found = (m["order"] for m in _WORK_ORDER.finditer(text))
    return next((order.upper() for order in found if order_shaped(order)), None)


# A work order's time limit (办理时限), as orders write it: 「办理时限：3个工作日」「时限11月27日」
# 「限3个工作日内办结」「请于11月27日前回复」. The words of the deadline are returned for the
# deadline parser; a resident's 「限三天修好」 is no order's and never read (see `time_limit_said`).
_LIMIT = re.compile(
    r"时限(?:为|是)?[\s:：]*(?P<limit>[^,，。;；!！\s]{1,16})"
    r"|限(?P<within>[^,，。;；!！\s限]{1,14}?)内?(?:办结|完成|回复|反馈|处置|处理|答复)"
    r"|(?:请|须|需)[于在](?P<by>[^,，。;；!！\s]{1,14}?)(?:之)?前(?:办结|完成|回复|反馈|处置|处理|答复)"
)


def time_limit_said(text: str) -> str | None:
    """The words of the time limit a work order's text (normalised) gives, else None."""
    if "限" not in text and "前" not in text:  # most reports: two substring tests
        return None
    found = _LIMIT.search(text)
    if found is None:
        return None
    return found["limit"] or found["within"] or found["by"]
