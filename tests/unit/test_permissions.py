"""The permission matrix: every command × every role (chat-protocol §1, §4).

The expected table is written out from the spec, not derived from the code under test.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.domain.issues import Role
from bot.domain.permissions import (
    Actor,
    IssueFacts,
    building_refusal,
    calls_back,
    complains_of,
    reads_report,
    refusal,
    sets_deadline,
)
from handlers.commands import COMMANDS
from handlers.help import TOPICS

ME, SOMEONE, MY_GRID, OTHER_GRID = 1, 2, 10, 20
R, H, D, W, S = Role.RESIDENT, Role.HEAD, Role.HANDLER, Role.WORKER, Role.SECRETARY

# Who may run each command on an issue someone else reported in the actor's grid,
# assigned to nobody. (Holding the issue, or being its reporter, is tested separately.)
ALLOWED: dict[str, set[Role]] = {
    "help": {R, H, D, W, S},
    "list": {R, H, D, W, S},
    "mine": {R, H, D, W, S},
    "search": {R, H, D, W, S},  # each finds what their 台账 shows
    "my_figures": {R, H, D, W, S},  # one's own reports
    "meetings": {R, H, D, W, S},
    "guide": {R, H, D, W, S},  # reading it; staff alone change it (tests/e2e/test_guide.py)
    "show": {H, D, W, S},  # a resident sees only their own or followed issues
    "follow": {R, H, D, W, S},
    "unfollow": {R, H, D, W, S},
    "forget": {R, H, D, W, S},
    "new": {R, H, D, W, S},
    "remind": {R, H, D, W, S},  # only ever acts on the sender's own last report
    "accept": {W, S},
    "assign": {W, S},
    "reject": {W, S},
    "escalate": {W, S},
    "merge": {W, S},
    "urge": {W, S},
    "hurry": {W, S},
    "unhurry": {W, S},
    "recategorize": {W, S},
    "relocate": {W, S},
    "suspend": {W, S},  # its clock stopped: staff of its grid
    "resume": {W, S},
    "progress": {W, S},
    "note": {W, S},  # 备注: and the issue's holder (below)
    "tell": {W, S},
    "extend": {W, S},  # and whoever holds it, who asks (sets_deadline)
    "resolve": {W, S},
    "decline": set(),  # only whoever holds it
    "reopen": {W, S},
    "withdraw": set(),  # the reporter's alone (staff say 退回)
    "rate": {W, S},  # the reporter; staff record a rating given on the phone (回访)
    "patrol": {H, W, S},  # a round of 走访 or 巡查 (a head: of their building)
    "verify": {H, W, S},  # a head: their building's issues (checked with the issue's building)
    "role": {S},
    "bind": {S},
    "suggest": {S},
    "meeting": {W, S},
    "vote": {W, S},
    "outcome": {W, S},
    "publish": {S},
    "decide": {S},
    "export": {S},
    "points": {R, H, D, W, S},  # one's own points and the leaderboard
    "contacts": {R, H, D, W, S},  # the numbers config.yaml publishes
    "notice": {W, S},  # a worker only to their own grids' groups
    "notice_later": {W, S},  # the same, at a time
    "notice_fix": {W, S},  # one's own notice put right
    "move_meeting": {W, S},
    "cancel_meeting": {W, S},
    "share_meeting": {W, S},
    "answer": {W, S},  # a question passed on (问N), answered in its group
    "redeem": {S},
    "handover": {S},
    "stats": {W, S},
    "roles": {W, S},
    "object": {R, H, D, W, S},
    "web": {R, H, D, W, S},  # a resident's web ledger shows only their own issues
}


def actor(role: Role, unit: str | None = None) -> Actor:
    return Actor(person_id=ME, role=role, grid_ids=frozenset({MY_GRID}), unit=unit)


def test_the_table_covers_every_command() -> None:
    assert {c.name for c in COMMANDS} == set(ALLOWED)


@pytest.mark.parametrize("command", sorted(ALLOWED))
@pytest.mark.parametrize("role", list(Role))
def test_every_command_for_every_role(command: str, role: Role) -> None:
    issue = IssueFacts(reporter_id=SOMEONE, grid_id=MY_GRID)
    verdict = refusal(command, actor(role), issue)
    if role in ALLOWED[command]:
        assert verdict is None
    else:
        assert verdict is not None
        assert verdict.endswith("。") and "\n" not in verdict


@pytest.mark.parametrize("command", ["progress", "resolve", "decline", "extend", "tell", "note"])
def test_the_handler_holding_an_issue_may_work_on_it(command: str) -> None:
    held_by_me = IssueFacts(reporter_id=SOMEONE, assignee_id=ME)
    held_by_my_unit = IssueFacts(reporter_id=SOMEONE, assignee_unit="物业")
    assert refusal(command, actor(Role.HANDLER), held_by_me) is None
    assert refusal(command, actor(Role.HANDLER, unit="物业"), held_by_my_unit) is None
    assert refusal(command, actor(Role.HANDLER, unit="住建局"), held_by_my_unit) is not None


def test_only_staff_of_its_grid_move_a_deadline_a_holder_asks() -> None:
    held_by_me = IssueFacts(reporter_id=SOMEONE, grid_id=MY_GRID, assignee_id=ME)
    elsewhere = IssueFacts(reporter_id=SOMEONE, grid_id=OTHER_GRID)
    assert sets_deadline(actor(Role.SECRETARY), elsewhere)
    assert sets_deadline(actor(Role.WORKER), held_by_me)
    assert not sets_deadline(actor(Role.WORKER), elsewhere)
    assert refusal("extend", actor(Role.HANDLER), held_by_me) is None  # may ask
    assert not sets_deadline(actor(Role.HANDLER), held_by_me)


def test_workers_are_limited_to_their_grids_and_the_secretary_is_not() -> None:
    elsewhere = IssueFacts(reporter_id=SOMEONE, grid_id=OTHER_GRID)
    assert refusal("assign", actor(Role.WORKER), elsewhere) == (
        "这件事不在您负责的网格，请联系书记或该网格的网格员。"
    )
    assert refusal("assign", actor(Role.SECRETARY), elsewhere) is None


def test_reporters_see_rate_and_reopen_their_own_issue() -> None:
    mine = IssueFacts(reporter_id=ME)
    for command in ("show", "rate", "reopen", "withdraw"):
        assert refusal(command, actor(Role.RESIDENT), mine) is None


def test_the_unit_an_issue_was_escalated_to_works_on_it_but_cannot_hand_it_back() -> None:
    whistled = IssueFacts(reporter_id=SOMEONE, assignee_unit="物业", escalated_to="街道城管办")
    street = actor(Role.HANDLER, unit="街道城管办")
    for command in ("progress", "resolve"):
        assert refusal(command, street, whistled) is None
        assert refusal(command, actor(Role.HANDLER, unit="住建局"), whistled) is not None
    assert refusal("decline", street, whistled) is not None
    assert calls_back(street, whistled, "private")


def test_nobody_decides_or_closes_a_complaint_about_themselves() -> None:
    about_me = IssueFacts(reporter_id=SOMEONE, grid_id=MY_GRID, named_ids=frozenset({ME}))
    me, secretary = actor(Role.WORKER), Actor(SOMEONE + 1, Role.SECRETARY)
    for command in ("accept", "assign", "reject", "merge", "resolve", "rate", "verify"):
        assert refusal(command, me, about_me) == "这件事反映的是您本人，请由书记或其他网格员处理。"
        assert refusal(command, secretary, about_me) is None
    for command in ("show", "escalate", "follow"):  # seeing it and sending it up are fine
        assert refusal(command, me, about_me) is None


@pytest.mark.parametrize(
    ("text", "complains"),
    [
        ("网格员张网格态度很差，上门登记时对老人大吼大叫", True),
        ("张网格收了钱才给办", True),
        ("请张网格帮忙看看5号楼的路灯", False),
        ("网格员态度很差", False),  # no name
    ],
)
def test_a_complaint_names_the_person_and_their_conduct(text: str, complains: bool) -> None:
    assert complains_of(text, "张网格") is complains
    assert not complains_of(text, "张")  # one character names nobody


@pytest.mark.parametrize(
    ("text", "complains"),
    [
        ("张网格每次都不耐烦", True),
        ("张网格根本不理我们", True),
        ("我要举报张网格", True),
        ("张网格冲我们大吼", True),
        ("张网格说楼下的狗天天吼", False),  # the dog barks: no conduct of hers
        ("张网格说晚上来看", False),
    ],
)
def test_every_word_of_conduct_or_accusation_is_a_complaint(text: str, complains: bool) -> None:
    assert complains_of(text, "张网格") is complains


@pytest.mark.parametrize(
    "text",
    [
        "小张态度很差，推诿不管",
        "老张上门看了一眼就走，敷衍了事",
        "张姐收了钱才给办",
        "张师傅态度恶劣",
        "物业的张哥爱理不理",
        "张网格员推诿，一直不作为",
        "找了张主任好几次，还是踢皮球",
    ],
)
def test_a_complaint_may_call_them_by_their_surname(text: str) -> None:
    assert complains_of(text, "张网格")
    assert not complains_of(text, "李书记")  # another surname
    assert not complains_of(text, "张")  # one character names nobody


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("小张帮忙看看3号楼的路灯", "张网格"),  # no conduct
        ("老王家漏水，楼上渗到楼下了", "王网格"),  # 老王家 and no conduct
        ("小区里有人辱骂保安", "张网格"),  # 小区 is no 小张
        ("小高层的电梯坏了，物业推诿", "高明"),  # 小高层 is a building
        ("我小孙子被狗咬了，物业不管不问", "孙网格"),
        ("感谢主任，可物业态度很差", "谢网格"),
        ("上周主任来过，物业还是推诿", "周网格"),
        ("小于标准的井盖，施工队敷衍了事", "于网格"),  # 于 is no surname here
        ("张师傅态度很差", "张伟（物业）"),  # a longer name: only the whole of it counts
        # Called familiarly, the neighbour a dispute is about: no fault in doing a job.
        ("楼上老王天天半夜吵，还骂人", "王网格"),
        ("隔壁王姐态度很差，狗天天叫", "王网格"),
    ],
)
def test_words_that_only_look_like_a_surname_call_nobody(text: str, name: str) -> None:
    assert not complains_of(text, name)


def test_nobody_rates_the_work_they_hold() -> None:
    """A worker records a 回访 rating, but not for an issue they hold themselves."""
    held = IssueFacts(reporter_id=SOMEONE, grid_id=MY_GRID, assignee_id=ME)
    assert refusal("rate", actor(Role.WORKER), held) == (
        "承办人不能评价自己办理的事项，请其他网格员或书记回访后记录。"
    )
    assert refusal("rate", actor(Role.WORKER), IssueFacts(SOMEONE, grid_id=MY_GRID)) is None


def test_a_private_report_is_read_by_those_who_work_on_it_and_its_reporter() -> None:
    """Privately: the secretary, whoever holds it, a worker of its grid and the reporter. Not
    another handler, a worker of another grid, a building head or a following neighbour; no
    group but the work group."""
    issue = IssueFacts(
        reporter_id=SOMEONE,
        grid_id=MY_GRID,
        assignee_unit="物业",
        follower_ids=frozenset({ME}),
        private=True,
    )
    others = Actor(person_id=ME, role=Role.WORKER, grid_ids=frozenset({OTHER_GRID}))
    readers = {
        "secretary": actor(Role.SECRETARY),
        "holder": actor(Role.HANDLER, unit="物业"),
        "grid worker": actor(Role.WORKER),
        "reporter": Actor(person_id=SOMEONE, role=Role.RESIDENT),
    }
    outsiders = {
        "another unit": actor(Role.HANDLER, unit="住建局"),
        "another grid's worker": others,
        "head": actor(Role.HEAD),
        "follower": actor(Role.RESIDENT),
    }
    for name, reader in readers.items():
        assert reads_report(reader, issue, "private"), name
        assert calls_back(reader, issue, "private"), name
        assert not reads_report(reader, issue, "grid"), name
        assert not calls_back(reader, issue, "work"), name  # the number masked in a group
    for name, reader in outsiders.items():
        assert not reads_report(reader, issue, "private"), name
        assert not calls_back(reader, issue, "private"), name
        assert reads_report(reader, issue, "work"), name  # it was posted there


def test_followers_may_see_what_they_follow() -> None:
    followed = IssueFacts(reporter_id=SOMEONE, follower_ids=frozenset({ME}))
    assert refusal("show", actor(Role.RESIDENT), followed) is None


def test_filing_for_others_is_for_heads_workers_and_the_secretary() -> None:
    allowed = {role for role in Role if refusal("file", actor(role)) is None}
    assert allowed == {Role.HEAD, Role.WORKER, Role.SECRETARY}


def test_a_head_files_for_their_own_buildings_only() -> None:
    head = Actor(person_id=ME, role=Role.HEAD, buildings=frozenset({"3", "5"}))
    assert building_refusal(head, "3") is None
    assert building_refusal(head, "5") is None
    assert building_refusal(head, None) is None  # the message names no building
    assert building_refusal(head, "2") == (
        "楼栋长只能为本楼栋（3号楼、5号楼）代为立案，这条说的是2号楼，请网格员立案。"
    )
    # A head of no particular building, and every other filer, are not limited.
    assert building_refusal(Actor(person_id=ME, role=Role.HEAD), "2") is None
    assert building_refusal(actor(Role.WORKER), "2") is None


def test_help_groups_every_command_under_one_topic() -> None:
    """帮助 lists commands by topic: a command left out of them would never be shown."""
    grouped = [name for _, names in TOPICS for name in names]
    assert sorted(grouped) == sorted(c.name for c in COMMANDS if c.name != "help")


@pytest.mark.parametrize("command", sorted(ALLOWED))
def test_a_complaint_of_staff_is_the_secretarys_alone(command: str) -> None:
    complaint = IssueFacts(reporter_id=SOMEONE, grid_id=MY_GRID, private=True, staff_complaint=True)
    for role in (Role.HEAD, Role.HANDLER, Role.WORKER):
        assert refusal(command, actor(role), complaint) == (
            "这是对工作人员的投诉，只有书记可以查看和处理。"
        )
    # A neighbour is not told what it is.
    assert refusal(command, actor(Role.RESIDENT), complaint) == "只能查看自己反映或关注的事项。"
    secretary = refusal(command, actor(Role.SECRETARY), complaint)
    assert (secretary is None) == (Role.SECRETARY in ALLOWED[command])


def test_a_complaint_of_staff_is_read_privately_by_those_with_a_part_in_it() -> None:
    complaint = IssueFacts(reporter_id=SOMEONE, private=True, staff_complaint=True)
    given = replace(complaint, assignee_id=ME)
    mine = replace(complaint, reporter_id=ME)
    for command in ("show", "rate", "reopen", "withdraw"):
        assert refusal(command, actor(Role.RESIDENT), mine) is None
    assert refusal("resolve", actor(Role.WORKER), given) is None
    assert reads_report(actor(Role.SECRETARY), complaint, "private")
    assert reads_report(actor(Role.WORKER), given, "private")
    assert not reads_report(actor(Role.SECRETARY), complaint, "work")
    assert not reads_report(actor(Role.WORKER), complaint, "private")
