"""Who may do what (chat-protocol §1, §4): one pure function over plain facts.

`refusal()` returns the one line to answer when the person may not, or None when they may.
Every command goes through it; the permission-matrix test walks every command × role.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import Enum

from bot.domain.issues import Role
from bot.domain.ratings import praised


@dataclass(frozen=True)
class Actor:
    """The person issuing a command, as far as permissions care."""

    person_id: int
    role: Role
    grid_ids: frozenset[int] = field(default_factory=frozenset)  # a worker's grids (empty: all)
    unit: str | None = None  # a handler's company or department
    buildings: frozenset[str] = field(default_factory=frozenset)  # a head's buildings (empty: all)


@dataclass(frozen=True)
class IssueFacts:
    """What permissions need to know about the issue a command is about."""

    reporter_id: int
    grid_id: int | None = None
    assignee_id: int | None = None
    assignee_unit: str | None = None
    escalated_to: str | None = None  # the unit it was escalated to (吹哨)
    private: bool = False  # reported in a private chat
    staff_complaint: bool = False  # a private complaint of staff conduct: the secretary's
    follower_ids: frozenset[int] = field(default_factory=frozenset)
    # People the report itself names (「网格员张网格态度很差」): a complaint about them.
    named_ids: frozenset[int] = field(default_factory=frozenset)


STAFF = frozenset({Role.WORKER, Role.SECRETARY})
AT_WORK = STAFF | {Role.HANDLER}
"""Those who handle reports: what they write to the bot privately is about their work."""
FILERS = frozenset({Role.HEAD, Role.WORKER, Role.SECRETARY})

# Commands anyone may use; visibility of a particular issue is checked separately (`show`).
EVERYONE = frozenset(
    {
        "help",
        "guide",  # 办事指南 read; staff alone change it (`handlers.guide`)
        "show",
        "list",
        "mine",
        "search",  # whatever the 台账 would show them
        "my_figures",  # one's own reports, counted
        "meetings",
        "follow",
        "unfollow",
        "forget",
        "new",
        "remind",
        "object",
        "points",
        "web",
        "contacts",
    }
)
# Commands for grid workers and the secretary, limited to a worker's own grids.
TRIAGE = frozenset(
    {
        "accept",
        "assign",
        "reject",
        "escalate",
        "merge",
        "urge",
        "hurry",
        "unhurry",
        "recategorize",
        "relocate",
        "suspend",
        "resume",
    }
)
# Commands for whoever holds the issue, or staff. (A holder's 延期 is a request to staff,
# `sets_deadline`.)
HANDLING = frozenset({"progress", "resolve", "extend", "tell", "note"})
SECRETARY_ONLY = frozenset(
    {"role", "bind", "suggest", "publish", "decide", "export", "redeem", "handover"}
)
# Meetings, votes and their outcomes, and statistics: grid workers and the secretary.
STAFF_ONLY = frozenset(
    {
        "meeting",
        "vote",
        "outcome",
        "stats",
        "roles",
        "notice",
        "notice_later",
        "notice_fix",
        "move_meeting",
        "cancel_meeting",
        "share_meeting",
        "answer",
    }
)

_VERBS = {
    "accept": "受理",
    "assign": "派单",
    "reject": "退回",
    "escalate": "上报",
    "merge": "合并",
    "urge": "催办",
    "hurry": "加急",
    "unhurry": "取消加急",
    "recategorize": "更正分类",
    "relocate": "更正位置",
    "suspend": "挂起",
    "resume": "恢复办理",
    "progress": "报进展",
    "note": "加备注",
    "tell": "转告报事人",
    "resolve": "办结",
    "extend": "调整期限",
    "role": "设置角色",
    "bind": "绑定群",
    "suggest": "设置诉求提示",
    "reopen": "重开",
    "meeting": "发起议事",
    "vote": "发起投票",
    "outcome": "记录结果",
    "publish": "公示",
    "decide": "定会议时间",
    "export": "导出台账",
    "redeem": "兑换积分",
    "handover": "交接事项",
    "stats": "查看统计",
    "roles": "查看人员",
    "notice": "群发通知",
    "notice_later": "群发通知",
    "notice_fix": "更正通知",
    "move_meeting": "议事会改期",
    "cancel_meeting": "取消议事会",
    "share_meeting": "把议事会发到别的群",
    "answer": "答复居民提问",
}


def verb(command: str) -> str:
    """What `command` does, in the words a refusal uses (「挂起」, 「恢复办理」)."""
    return _VERBS.get(command, command)


def is_assignee(actor: Actor, issue: IssueFacts) -> bool:
    return issue.assignee_id == actor.person_id or (
        actor.unit is not None and issue.assignee_unit == actor.unit
    )


def answers_whistle(actor: Actor, issue: IssueFacts) -> bool:
    """A contact of the unit the issue was escalated to (吹哨, 部门报到): they report progress
    and resolve it as its holder does."""
    return actor.unit is not None and issue.escalated_to == actor.unit


def sets_deadline(actor: Actor, issue: IssueFacts) -> bool:
    """Who moves a deadline (延期): the secretary, or a grid worker of the issue's grid. Whoever
    holds it without that asks them to."""
    return actor.role in STAFF and _grid_refusal(actor, issue) is None


def in_grid(actor: Actor, issue: IssueFacts) -> bool:
    # A worker limited to some grids acts there; issues with no grid are everyone's.
    return (
        actor.role is Role.SECRETARY
        or not actor.grid_ids
        or issue.grid_id is None
        or issue.grid_id in actor.grid_ids
    )


# What someone a report complains about may not do with it: decide, close or hand it on.
NOT_ON_ONESELF = frozenset(
    {"accept", "assign", "reject", "merge", "resolve", "decline", "rate", "verify"}
)


# What a resident is told of an issue, or a neighbour's reports, not theirs to see.
OWN_ONLY = "只能查看自己反映或关注的事项。"


def refusal(command: str, actor: Actor, issue: IssueFacts | None = None) -> str | None:
    """None when `actor` may run `command` (on `issue`), else the one line that says why not."""
    if issue is not None and issue.staff_complaint and not _in_complaint(actor, issue):
        if actor.role is Role.RESIDENT:  # a neighbour is not told what it is
            return OWN_ONLY
        return "这是对工作人员的投诉，只有书记可以查看和处理。"
    if (
        command in NOT_ON_ONESELF
        and issue is not None
        and actor.person_id in issue.named_ids
        and issue.reporter_id != actor.person_id
    ):
        return "这件事反映的是您本人，请由书记或其他网格员处理。"
    if command in EVERYONE:
        if command == "show" and issue is not None and not may_see(actor, issue):
            return OWN_ONLY
        return None
    named = verb(command)
    if command in SECRETARY_ONLY:
        return None if actor.role is Role.SECRETARY else f"只有书记可以{named}。"
    if command == "file":
        return None if actor.role in FILERS else "只有网格员、楼栋长或书记可以代为立案。"
    if command == "patrol":  # a 楼栋长's round of their building counts too
        return None if actor.role in FILERS else "只有网格员、楼栋长或书记可以记录走访。"
    if command == "verify":  # a head's own building is checked against the issue's building
        if actor.role is Role.HEAD:
            return None
        if actor.role not in STAFF:
            return "只有楼栋长、网格员或书记可以现场核实。"
        return _grid_refusal(actor, issue)
    if command in STAFF_ONLY:
        return None if actor.role in STAFF else f"只有网格员及以上可以{named}。"
    if command in TRIAGE:
        if actor.role not in STAFF:
            return f"只有网格员及以上可以{named}。"
        return _grid_refusal(actor, issue)
    if command in HANDLING:
        if issue is not None and (is_assignee(actor, issue) or answers_whistle(actor, issue)):
            return None
        if actor.role not in STAFF:
            return f"只有承办人或网格员及以上可以{named}。"
        return _grid_refusal(actor, issue)
    if command == "decline":
        if issue is None and actor.role is Role.HANDLER:
            return None
        if issue is not None and is_assignee(actor, issue):
            return None
        return "只有被派单的人或单位可以说不归我管。"
    if command == "withdraw":  # staff who think it no matter for them say 退回
        if issue is None or issue.reporter_id == actor.person_id:
            return None
        return "只有报事人可以撤回，工作人员请用「退回」。"
    if command == "reopen":
        if issue is not None and issue.reporter_id == actor.person_id:
            return None
        if actor.role not in STAFF:
            return "只有报事人或网格员及以上可以重开。"
        return _grid_refusal(actor, issue)
    if command == "rate":
        if issue is None or issue.reporter_id == actor.person_id:
            return None
        if actor.role not in STAFF:  # staff record what the reporter said on the phone (回访)
            return "只有报事人可以评价（网格员电话回访后也可代为记录）。"
        if is_assignee(actor, issue):  # nobody rates their own work
            return "承办人不能评价自己办理的事项，请其他网格员或书记回访后记录。"
        return _grid_refusal(actor, issue)
    raise ValueError(f"no permission rule for command {command!r}")


# 「态度很差」「推诿」「收了钱」: how a report speaks of a person's conduct, not of a problem
# (a report of nothing but that has no place to ask for).
CONDUCT = re.compile(
    r"态度|不作为|推诿|推脱|踢皮球|刁难|辱骂|骂人|骂了|吼(?:人|我)|[对冲][^，,。]{0,4}吼|凶|不理"
    r"|爱理不理|不耐烦|敷衍|索要|[收拿]了?钱|红包|好处费|吃拿卡要|威胁|打人|动手|不负责|不管不问"
    r"|乱收费|渎职|失职"
)
_ACCUSING = re.compile(r"投诉|举报")


def complains(text: str) -> bool:
    """Whether `text` complains of someone: speaks of conduct (`CONDUCT`) or says 投诉 or
    举报 (「我要投诉，…」); praise (「态度很好」) does not."""
    if _ACCUSING.search(text) is not None:
        return True
    return CONDUCT.search(text) is not None and not praised(text)


def complains_of(text: str, name: str) -> bool:
    """Whether a report complains of the person called `name` (「网格员张网格态度很差」): it
    names them (two characters or more), or calls them as residents call staff
    (`called_by_surname`), and complains (`complains`). 「请张网格帮忙看一下」 does not."""
    name = name.strip()
    if len(name) < 2 or not complains(text):
        return False
    if name in text:
        return True
    called = called_by_surname(text, name)
    # 「老王」「王姐」 may as well be the neighbour a dispute is about (「楼上老王半夜吵，还骂人」):
    # called so, the complaint must be of how they do their job (推诿, 不作为, 收了钱 …).
    return called is _Call.TITLE or (called is _Call.FAMILIAR and _DUTY.search(text) is not None)


# Conduct only someone doing a job can be faulted for: not 骂人 or 态度, which neighbours share.
_DUTY = re.compile(
    r"不作为|推诿|推脱|踢皮球|刁难|不理人|爱理不理|敷衍|索要|[收拿]了?钱|红包|好处费|吃拿卡要"
    r"|不负责|不管不问|乱收费|渎职|失职"
)
# Common surnames (the most frequent of 百家姓) that residents call staff by. Left out are
# those that are everyday words after 小 or 老 or before 姐 (于 时 路 方 万 程 范 钱 顾 …).
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪廖贾夏韦付邹孟熊秦邱尹薛闫雷侯史陶黎贺郝龚邵严覃武戴莫汤"
)
# After a surname, a job (张师傅, 张主任, 张网格员) or a familiar call (张姐, 张哥).
_JOBS, _KIN = "师傅|主任|书记|经理|网格", "姐|哥"
# Everyday words that would read as such a call: 小高层 is a building, 上周主任… is last week.
_LOOKALIKES = re.compile(r"小高层|小黄车|老黄[历牛]|胡同|孙[子女]|谢谢|[感多]谢|[上下本这每]周")


class _Call(Enum):
    TITLE = "title"  # 张师傅, 张主任: someone doing a job
    FAMILIAR = "familiar"  # 小张, 老张, 张姐: anyone


def called_by_surname(text: str, name: str) -> _Call | None:
    """How `text` calls the person named `name` by their surname, if it does: by their job
    (「张师傅」「张主任」「张书记」「张网格员」), or familiarly (「小张」「老张」「张姐」).
    Only for a name of two or three characters that begins with a common surname (姓 + 名 or
    姓 + 职务); 「小区」 and 「小高层」 call nobody."""
    if not 2 <= len(name) <= 3 or name[0] not in _SURNAMES:
        return None
    surname, text = name[0], _LOOKALIKES.sub("・", text)
    if re.search(f"{surname}(?:{_JOBS})", text):
        return _Call.TITLE
    if re.search(f"[小老]{surname}|{surname}(?:{_KIN})", text):
        return _Call.FAMILIAR
    return None


def building_refusal(actor: Actor, building: str | None) -> str | None:
    """For filing someone else's message: a 楼栋长 files for their own building(s) only. None
    when they may: another role, a head of no particular building, or a message that names
    no building or one of theirs."""
    if actor.role is not Role.HEAD or not actor.buildings or building is None:
        return None
    if building in actor.buildings:
        return None
    mine = own_buildings(actor)
    return f"楼栋长只能为本楼栋（{mine}）代为立案，这条说的是{building}号楼，请网格员立案。"


def work_refusal(actor: Actor, people: Collection[int], everyone: bool) -> str | None:
    """None when `actor` may see what `people` (and, when `everyone`, every member of staff)
    did; else why not: the secretary sees anyone's work, others only their own."""
    if actor.role is Role.SECRETARY or (not everyone and set(people) <= {actor.person_id}):
        return None
    return "只有书记可以看其他人的办理情况，发送「统计 我」看自己的。"


def ledger_scope(actor: Actor) -> tuple[int | None, str | None]:
    """Whose issues a ledger shows someone, as (watcher, building): a resident what they
    reported or follow; a 楼栋长 of one building that building's issues (they may 查看 and
    核实 them), of several what they reported or follow; anyone else no such limit."""
    if actor.role is Role.HEAD and len(actor.buildings) == 1:
        (building,) = actor.buildings
        return None, building
    if actor.role in (Role.RESIDENT, Role.HEAD):
        return actor.person_id, None
    return None, None


def own_buildings(actor: Actor) -> str:
    """A 楼栋长's buildings as a line says them: 「3号楼、5号楼」."""
    return "、".join(f"{b}号楼" for b in sorted(actor.buildings))


def _in_complaint(actor: Actor, issue: IssueFacts) -> bool:
    """Who has a part in a complaint of staff conduct: the secretary, its reporter and
    followers, and whoever the secretary gave it to."""
    return (
        actor.role is Role.SECRETARY
        or actor.person_id == issue.reporter_id
        or actor.person_id in issue.follower_ids
        or is_assignee(actor, issue)
    )


def may_see(actor: Actor, issue: IssueFacts) -> bool:
    """Residents see their own and followed issues; everyone with a role sees the ledger, but
    for a complaint of staff conduct, which is the secretary's (`_in_complaint`)."""
    if issue.staff_complaint:
        return _in_complaint(actor, issue)
    if actor.role is not Role.RESIDENT:
        return True
    return issue.reporter_id == actor.person_id or actor.person_id in issue.follower_ids


def knows_private_reporter(actor: Actor, issue: IssueFacts) -> bool:
    """Who may see who made a private report (chat-protocol §9): the secretary, whoever holds
    the issue (the person or their unit's contact) and the reporter; in a private chat only."""
    return (
        actor.role is Role.SECRETARY
        or actor.person_id in (issue.reporter_id, issue.assignee_id)
        or (actor.unit is not None and actor.unit == issue.assignee_unit)
    )


def works_on(actor: Actor, issue: IssueFacts) -> bool:
    """Whoever has a hand in `issue`: the secretary, whoever holds it (the person or their
    unit's contact), the unit it was escalated to, and a grid worker of its grid. Another
    handler, a worker of another grid or a 楼栋长 has none."""
    return (
        actor.role is Role.SECRETARY
        or is_assignee(actor, issue)
        or answers_whistle(actor, issue)
        or (actor.role is Role.WORKER and in_grid(actor, issue))
    )


def calls_back(actor: Actor, issue: IssueFacts, chat_kind: str) -> bool:
    """Who may read a report whole, the phone number given to call back included: in a private
    chat (or the web pages, which are one person's too), the reporter and whoever `works_on`
    the issue (chat-protocol §9). Everywhere else the number is masked."""
    return chat_kind == "private" and (
        actor.person_id == issue.reporter_id or works_on(actor, issue)
    )


def reads_report(actor: Actor, issue: IssueFacts, chat_kind: str) -> bool:
    """Whether what a report says, its flat, its photos and the notes its reporter added may
    be read here, by whoever may see the issue at all. A private report's (chat-protocol §2,
    §9): in the work group, where it is posted, and wherever the reader `calls_back`; not in
    a grid or resident group, nor by another handler or a neighbour who follows it: its
    words can tell who wrote it (「我是302的…」). A complaint of staff conduct: privately, by
    those with a part in it (`_in_complaint`)."""
    if issue.staff_complaint:  # the secretary's, and no group's to read
        return chat_kind == "private" and _in_complaint(actor, issue)
    return not issue.private or chat_kind == "work" or calls_back(actor, issue, chat_kind)


def _grid_refusal(actor: Actor, issue: IssueFacts | None) -> str | None:
    if issue is None or in_grid(actor, issue):
        return None
    return "这件事不在您负责的网格，请联系书记或该网格的网格员。"
