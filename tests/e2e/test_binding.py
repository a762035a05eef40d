"""Chats config.yaml names by title: the secretary confirms the room, and the binding lasts.

On WeChat a secretary knows a group by its name (网格3群), not its room id. The bot proposes the
binding in the room of that name, the secretary confirms with /bind, and from then on the room is
the configured chat: reports land in its grid, configured events reach it, a restart or a rename
changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

import pytest
import yaml
from sqlalchemy import func, select

from bot.clock import VirtualClock
from bot.config import Settings, parse_settings
from bot.messages import ChatRef, IncomingMessage, Outgoing, PersonRef, Reply
from storage.models import AuditEntry, Chat, Grid, Issue
from storage.uow import UnitOfWork
from tests.support.conversation import Conversation, monday_morning

CONFIG = """
communities:
  - code: xfl
    name: 幸福里社区
    grids:
      - {name: 网格3, buildings: [1, 2, 3, 4]}
      - {name: 网格5, buildings: [5, 6, 7]}
    chats:
      - {platform: wechat, ref: 网格3群, kind: grid, grid: 网格3}
      - {platform: wechat, ref: grid5@chatroom, kind: grid, grid: 网格5}
      - {platform: wechat, ref: 社区工作群, kind: work}
      - {platform: telegram, ref: "-4001", kind: grid, grid: 网格5}
    people:
      - {platform: wechat, ref: wxid_li, name: 李书记, role: secretary}
    events:
      - {cron: "30 9 * * tue", chats: [网格3群], text: 流动办公桌今天上午在3号楼门口。}
"""

PROPOSAL = "本群与配置中的「网格3群」同名。请书记在本群发送「/bind」确认，确认后按网格3使用。"
CONFIRMED = "已确认本群就是配置中的「网格3群」，绑定 幸福里社区 · 网格3。"
UNBOUND = "本群还没有绑定社区，请书记发送「/bind 网格名」后再报事。"

ROOM3 = ChatRef("wechat", "grid3@chatroom", "网格3群")
LI = PersonRef("wechat", "wxid_li", "李书记")
WANG = PersonRef("wechat", "wxid_wang", "王芳")
TUESDAY_MORNING = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
EVENT = "流动办公桌今天上午在3号楼门口。"


def binding_settings(database_url: str) -> Settings:
    raw = yaml.safe_load(CONFIG) | {"database": {"url": database_url}}
    return parse_settings(raw, "test")


class Room:
    """The bot as WeChat (or Telegram) rooms see it: messages in, (chat ref, text) out."""

    def __init__(self, database_url: str, clock: VirtualClock) -> None:
        self.database_url = database_url
        self.clock = clock
        self.ids = count(1)
        self.chat = Conversation(binding_settings(database_url), clock)

    def send(self, room: ChatRef, who: PersonRef, text: str) -> list[tuple[str, str]]:
        message = IncomingMessage(
            chat=room,
            sender=who,
            text=text,
            message_id=f"m{next(self.ids)}",
            sent_at=self.clock.now(),
        )
        self.clock.advance(timedelta(minutes=1))
        return [_where(out) for out in self.chat.linli.dispatcher.dispatch(message)]

    def texts(self, room: ChatRef, who: PersonRef, text: str) -> list[str]:
        return [said for _, said in self.send(room, who, text)]

    def run_until(self, moment: datetime) -> list[tuple[str, str]]:
        scheduler = self.chat.linli.scheduler
        fired: list[Outgoing] = []
        while (due := scheduler.next_due()) is not None and due <= moment:
            self.clock.set(due)
            fired += scheduler.run_due()
        self.clock.set(moment)
        return [_where(out) for out in fired]

    def restart(self) -> None:
        self.chat.close()
        self.chat = Conversation(binding_settings(self.database_url), self.clock)

    def chats(self, platform: str) -> list[tuple[str, str | None, str, str | None]]:
        """Every row of the platform: (ref, config ref, title, grid name)."""
        with UnitOfWork(self.chat.linli.sessions) as uow:
            rows = uow.session.execute(
                select(Chat.ref, Chat.config_ref, Chat.title, Grid.name)
                .outerjoin(Grid, Grid.id == Chat.grid_id)
                .where(Chat.platform == platform)
                .order_by(Chat.id)
            ).all()
        return [(ref, config_ref, title, grid) for ref, config_ref, title, grid in rows]

    def issues(self) -> list[tuple[int, str | None, str]]:
        """Every issue: (number, grid name, chat ref it was reported in)."""
        with UnitOfWork(self.chat.linli.sessions) as uow:
            rows = uow.session.execute(
                select(Issue.number, Grid.name, Chat.ref)
                .outerjoin(Grid, Grid.id == Issue.grid_id)
                .join(Chat, Chat.id == Issue.chat_id)
                .order_by(Issue.number)
            ).all()
        return [(number, grid, ref) for number, grid, ref in rows]


def events(fired: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The configured event's messages among what fired (digests go to the work group)."""
    return [(ref, text) for ref, text in fired if EVENT in text]


def _where(message: Outgoing) -> tuple[str, str]:
    assert isinstance(message, Reply), message
    return message.chat.ref, message.text


@pytest.fixture
def room(db_url: str) -> Iterator[Room]:
    rooms = Room(db_url, monday_morning())
    yield rooms
    rooms.chat.close()


def test_the_room_named_in_config_is_proposed_once(room: Room) -> None:
    first = room.send(ROOM3, WANG, "#报事 3号楼路灯坏了")
    assert first == [("grid3@chatroom", PROPOSAL), ("grid3@chatroom", UNBOUND)]
    assert room.send(ROOM3, WANG, "#报事 3号楼路灯坏了") == [("grid3@chatroom", UNBOUND)]


def test_a_resident_cannot_confirm(room: Room) -> None:
    room.send(ROOM3, WANG, "#报事 3号楼路灯坏了")
    assert room.texts(ROOM3, WANG, "/bind") == ["只有书记可以绑定群。"]
    assert room.texts(ROOM3, WANG, "/bind 确认") == ["只有书记可以绑定群。"]
    assert room.texts(ROOM3, WANG, "#报事 3号楼路灯坏了") == [UNBOUND]
    assert ("网格3群", "网格3群", "网格3群", "网格3") in room.chats("wechat")
    assert ("grid3@chatroom", None, "网格3群", None) in room.chats("wechat")


def test_the_secretary_confirms_and_reports_land_in_the_grid(room: Room) -> None:
    room.send(ROOM3, WANG, "#报事 3号楼路灯坏了")
    assert room.texts(ROOM3, LI, "/bind") == [CONFIRMED]
    acknowledged = room.texts(ROOM3, WANG, "#报事 3号楼路灯坏了")
    assert len(acknowledged) == 1 and acknowledged[0].startswith("已登记 #1【照明路灯】3号楼")
    assert room.issues() == [(1, "网格3", "grid3@chatroom")]
    # The room is the configured chat now: one row, named by its room id.
    rows = room.chats("wechat")
    assert ("grid3@chatroom", "网格3群", "网格3群", "网格3") in rows
    assert [row for row in rows if row[0] == "网格3群"] == []
    with UnitOfWork(room.chat.linli.sessions) as uow:
        notes = list(
            uow.session.scalars(select(AuditEntry.note).where(AuditEntry.action == "bind"))
        )
    assert notes == ["网格3群 → grid3@chatroom（网格3群）"]


def test_bind_confirm_works_as_well_as_bare_bind(room: Room) -> None:
    room.send(ROOM3, WANG, "#报事 3号楼路灯坏了")
    assert room.texts(ROOM3, LI, "/bind 确认") == [CONFIRMED]


def test_the_configured_event_reaches_the_confirmed_room(room: Room) -> None:
    room.send(ROOM3, WANG, "#报事 3号楼路灯坏了")
    room.texts(ROOM3, LI, "/bind")
    assert events(room.run_until(TUESDAY_MORNING)) == [("grid3@chatroom", EVENT)]


def test_a_restart_keeps_the_binding_and_makes_no_second_row(room: Room) -> None:
    room.send(ROOM3, WANG, "#报事 3号楼路灯坏了")
    room.texts(ROOM3, LI, "/bind")
    before = room.chats("wechat")
    room.restart()
    assert room.chats("wechat") == before
    assert len(before) == 3  # 网格3群 (confirmed), grid5@chatroom, 社区工作群 (still awaiting)
    acknowledged = room.texts(ROOM3, WANG, "#报事 3号楼路灯坏了")
    assert acknowledged[0].startswith("已登记 #1")
    assert room.issues() == [(1, "网格3", "grid3@chatroom")]
    # The event still goes to the room after the restart.
    assert events(room.run_until(TUESDAY_MORNING)) == [("grid3@chatroom", EVENT)]


def test_a_renamed_room_keeps_its_binding(room: Room) -> None:
    room.send(ROOM3, WANG, "#报事 3号楼路灯坏了")
    room.texts(ROOM3, LI, "/bind")
    renamed = ChatRef("wechat", "grid3@chatroom", "网格三群·幸福里")
    acknowledged = room.texts(renamed, WANG, "#报事 2号楼楼道灯不亮")
    assert len(acknowledged) == 1 and acknowledged[0].startswith("已登记 #1")
    assert room.issues() == [(1, "网格3", "grid3@chatroom")]
    assert ("grid3@chatroom", "网格3群", "网格三群·幸福里", "网格3") in room.chats("wechat")
    room.restart()
    assert ("grid3@chatroom", "网格3群", "网格三群·幸福里", "网格3") in room.chats("wechat")


def test_a_room_configured_by_its_id_needs_no_confirmation(room: Room) -> None:
    room5 = ChatRef("wechat", "grid5@chatroom", "网格5群")
    acknowledged = room.texts(room5, WANG, "#报事 5号楼门禁坏了")
    assert len(acknowledged) == 1 and acknowledged[0].startswith("已登记 #1")
    assert room.issues() == [(1, "网格5", "grid5@chatroom")]
    assert room.texts(room5, LI, "/bind").pop().startswith("用法：/bind")


def test_of_two_rooms_with_the_title_only_the_confirmed_one_is_bound(room: Room) -> None:
    other = ChatRef("wechat", "other3@chatroom", "网格3群")
    assert room.texts(other, WANG, "#报事 3号楼路灯坏了") == [PROPOSAL, UNBOUND]
    assert room.texts(ROOM3, WANG, "#报事 3号楼路灯坏了") == [PROPOSAL, UNBOUND]
    assert room.texts(ROOM3, LI, "/bind") == [CONFIRMED]
    assert room.texts(other, LI, "/bind").pop().startswith("用法：/bind")
    assert room.texts(other, WANG, "#报事 3号楼路灯坏了") == [UNBOUND]
    assert room.texts(ROOM3, WANG, "#报事 3号楼路灯坏了")[0].startswith("已登记 #1")
    assert room.issues() == [(1, "网格3", "grid3@chatroom")]


def test_an_explicit_bind_still_binds_an_unconfigured_room(room: Room) -> None:
    seven = ChatRef("wechat", "seven@chatroom", "七号楼群")
    assert room.texts(seven, WANG, "#报事 7号楼电梯坏了") == [UNBOUND]
    assert room.texts(seven, LI, "/bind")[0].startswith("用法：/bind")
    assert room.texts(seven, LI, "/bind 网格5") == ["本群已绑定 幸福里社区 · 网格5。"]
    assert room.texts(seven, WANG, "#报事 7号楼电梯坏了")[0].startswith("已登记 #1")


def test_a_telegram_supergroup_move_then_a_restart_keeps_one_row(room: Room) -> None:
    group = ChatRef("telegram", "-4001", "网格5群")
    resident = PersonRef("telegram", "601", "王芳")
    assert room.texts(group, resident, "#报事 5号楼门禁坏了")[0].startswith("已登记 #1")
    moved = IncomingMessage(
        chat=ChatRef("telegram", "-1004001", "网格5群"),
        sender=resident,
        text="",
        message_id="migrate",
        sent_at=room.clock.now(),
        migrated_from="-4001",
    )
    assert room.chat.linli.dispatcher.dispatch(moved) == []
    room.restart()
    assert room.chats("telegram") == [("-1004001", "-4001", "网格5群", "网格5")]
    supergroup = ChatRef("telegram", "-1004001", "网格5群")
    assert room.texts(supergroup, resident, "#报事 6号楼电梯坏了")[0].startswith("已登记 #2")
    assert room.issues() == [(1, "网格5", "-1004001"), (2, "网格5", "-1004001")]


def test_the_proposal_is_not_made_for_rooms_titled_otherwise(room: Room) -> None:
    elsewhere = ChatRef("wechat", "x@chatroom", "网格3群闲聊")
    assert room.texts(elsewhere, WANG, "#报事 3号楼路灯坏了") == [UNBOUND]
    with UnitOfWork(room.chat.linli.sessions) as uow:
        assert uow.session.scalar(select(func.count()).select_from(Chat)) == 5


def test_the_secretary_may_confirm_with_the_first_message_in_the_room(room: Room) -> None:
    assert room.texts(ROOM3, LI, "/bind") == [CONFIRMED]
    assert room.texts(ROOM3, WANG, "#报事 3号楼路灯坏了")[0].startswith("已登记 #1")
    assert [row for row in room.chats("wechat") if row[0] == "grid3@chatroom"] == [
        ("grid3@chatroom", "网格3群", "网格3群", "网格3")
    ]


def test_what_the_room_already_had_follows_it_into_the_configured_chat(room: Room) -> None:
    room.texts(ROOM3, WANG, "#报事 3号楼路灯坏了")
    assert room.texts(ROOM3, LI, "/bind 网格3") == ["本群已绑定 幸福里社区 · 网格3。"]
    assert room.texts(ROOM3, WANG, "#报事 3号楼路灯坏了")[0].startswith("已登记 #1")
    assert room.texts(ROOM3, LI, "/bind") == [CONFIRMED]
    room.restart()
    assert room.issues() == [(1, "网格3", "grid3@chatroom")]
    assert [row for row in room.chats("wechat") if "grid3@chatroom" in row or "网格3群" in row] == [
        ("grid3@chatroom", "网格3群", "网格3群", "网格3")
    ]
    assert room.texts(ROOM3, WANG, "查看 1")[0].startswith("#1")
