"""网页台账 / the web ledger, end to end: signing in from chat, the pages each role sees, the
actions as the chat commands they stand for (chat-protocol §3, §4, §9).

The cast, from config.example.yaml: 李书记 secretary; 张网格 worker of 网格3 (buildings 1–4);
赵网格 worker of 网格5 (5–7); 刘物业 handler of 物业; 陈楼长 head of building 3; everyone else
(王芳, 刘阿姨, 孙大爷 …) a resident. The week starts Monday 23 November 2026, 08:00.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from bot.messages import Document
from handlers import texts
from storage.models import AuditEntry, Issue, OutboundMessage, WebSession
from tests.support.conversation import Conversation, example_settings, monday_morning
from tests.support.postgres import PostgresServer
from tests.support.web import (
    act,
    browser,
    csrf_of,
    flash,
    hidden,
    link_for,
    links,
    numbers,
    offered,
    open_link,
    rows,
    sign_in,
    visible,
    web_settings,
)

pytestmark = pytest.mark.filterwarnings("ignore::starlette.exceptions.StarletteDeprecationWarning")

G3, G5, WORK = "网格3群", "网格5群", "工作群"
ROLES = {
    "李书记": "书记",
    "张网格": "网格员",
    "赵网格": "网格员",
    "刘物业": "承办人",
    "陈楼长": "楼栋长",
    "王芳": "居民",
}


@pytest.fixture
def chat(web_chat: Conversation) -> Conversation:
    """The example community with the web ledger enabled, on a fresh real database."""
    return web_chat


def stored(chat: Conversation, model: Any, *where: Any) -> list[Any]:
    """Rows of `model` in the conversation's database, oldest first."""
    with chat.linli.sessions() as session:
        return list(session.scalars(select(model).where(*where).order_by(model.id)))


def count(chat: Conversation, model: Any, *where: Any) -> int:
    with chat.linli.sessions() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def audit(chat: Conversation, action: str) -> list[AuditEntry]:
    return stored(chat, AuditEntry, AuditEntry.action == action)


def status_of(chat: Conversation, number: int) -> str:
    (issue,) = stored(chat, Issue, Issue.number == number)
    return str(issue.status.label)


def filed(chat: Conversation, line: str) -> int:
    """File a report; its number."""
    reply = chat.text(line)
    assert reply.startswith("已登记 #"), reply
    return int(reply.removeprefix("已登记 #").split("【")[0])


def chat_numbers(reply: str) -> set[int]:
    """The issue numbers a chat 台账 reply lists."""
    return {int(line.split("#")[1].split("【")[0]) for line in reply.splitlines() if "【" in line}


# -- 1. signing in ------------------------------------------------------------------------------


def test_a_link_is_only_given_in_a_private_chat(chat: Conversation) -> None:
    assert chat.say("@李书记/工作群: 网页台账") == [(WORK, texts.WEB_PRIVATE_ONLY)]
    assert chat.say("@张网格/网格3群: /web") == [(G3, texts.WEB_PRIVATE_ONLY)]
    assert count(chat, WebSession) == 0
    reply = chat.text("@李书记/私聊: /web")
    assert reply.startswith("网页台账登录链接（10分钟内有效，只能用一次，请勿转发）：\n")
    assert "http://127.0.0.1:8600/login/" in reply
    assert count(chat, WebSession) == 1


@pytest.mark.parametrize("name", list(ROLES))
def test_everyone_signs_in_with_the_link_and_sees_who_they_are(
    chat: Conversation, name: str
) -> None:
    client = browser(chat)
    page = client.get(link_for(chat, name))
    assert page.status_code == 200
    assert "登录" in visible(page.text).splitlines()
    page = client.post(
        "/login", data={"token": hidden(page.text, "token"), "login": hidden(page.text, "login")}
    )
    assert page.status_code == 200
    assert f"幸福里社区 · {name}（{ROLES[name]}）" in visible(page.text)
    assert "台账" in visible(page.text).splitlines()


def test_with_the_web_ledger_off_the_command_says_so(db_url: str) -> None:
    conversation = Conversation(example_settings(db_url), monday_morning())
    try:
        # The secretary is told what to ask the administrator for; a resident whom to ask.
        assert "web.enabled: true" in conversation.text("@李书记/私聊: 网页台账")
        assert conversation.text("@王芳/私聊: 网页台账") == "网页台账还没有开通，需要时请联系书记。"
        assert count(conversation, WebSession) == 0
        # Nor is it offered in the help.
        assert "网页台账" not in conversation.text("@李书记/工作群: 帮助")
    finally:
        conversation.close()


# -- 2. links -----------------------------------------------------------------------------------


def refused_login(client: Any, fields: dict[str, str]) -> tuple[int, str]:
    page = client.post("/login", data=fields)
    return page.status_code, visible(page.text)


def test_a_forged_link_is_refused(chat: Conversation) -> None:
    client = browser(chat)
    fields = open_link(client, f"/login/{secrets.token_urlsafe(32)}")
    status, text = refused_login(client, fields)
    assert status == 403 and texts.WEB_LINK_UNKNOWN in text
    assert client.get("/").status_code == 401


def test_an_expired_link_is_refused(chat: Conversation) -> None:
    link = link_for(chat, "李书记")
    chat.clock.advance(timedelta(minutes=11))
    client = browser(chat)
    status, text = refused_login(client, open_link(client, link))
    assert status == 403 and texts.WEB_LINK_EXPIRED in text
    assert client.get("/").status_code == 401


def test_a_link_works_once_even_from_another_browser(chat: Conversation) -> None:
    link = link_for(chat, "李书记")
    first = browser(chat)
    open_link(first, link)  # a chat app's link preview opens it too: that does not use it up
    page = first.post("/login", data=open_link(first, link))
    assert "李书记（书记）" in visible(page.text)

    status, text = refused_login(first, open_link(first, link))
    assert status == 403 and texts.WEB_LINK_USED in text
    other = browser(chat)
    status, text = refused_login(other, open_link(other, link))
    assert status == 403 and texts.WEB_LINK_USED in text
    assert other.get("/").status_code == 401


def test_signing_in_needs_the_cookie_the_link_page_set(chat: Conversation) -> None:
    link = link_for(chat, "李书记")
    victim, attacker = browser(chat), browser(chat)
    fields = open_link(attacker, link)
    # The attacker's fields, posted from a browser that never opened the link page.
    status, text = refused_login(victim, fields)
    assert status == 403 and "请从聊天里的链接打开登录页" in text
    assert victim.get("/").status_code == 401
    # That refused attempt did not use the link up.
    assert "李书记（书记）" in visible(attacker.post("/login", data=fields).text)


# -- 3. sessions --------------------------------------------------------------------------------


def test_signing_out_ends_the_session(chat: Conversation) -> None:
    client = sign_in(chat, "李书记")
    cookie = client.cookies.get("linli_session")
    assert cookie
    page = client.post("/logout", data={"csrf": csrf_of(client.get("/").text)})
    assert "您已退出。" in visible(page.text)
    signed_out = client.get("/")
    assert signed_out.status_code == 401
    assert "请先登录" in visible(signed_out.text)
    # The old cookie, kept by someone, no longer works either.
    stolen = browser(chat)
    stolen.cookies.set("linli_session", cookie)
    assert stolen.get("/").status_code == 401


def test_signing_out_needs_the_pages_csrf(chat: Conversation) -> None:
    client = sign_in(chat, "李书记")
    assert client.post("/logout", data={"csrf": "wrong"}).status_code == 403
    assert client.get("/").status_code == 200


def test_a_session_lasts_session_hours(chat: Conversation) -> None:
    client = sign_in(chat, "李书记")
    chat.clock.advance(timedelta(hours=11, minutes=59))
    assert client.get("/").status_code == 200
    chat.clock.advance(timedelta(minutes=1))
    page = client.get("/")
    assert page.status_code == 401 and "请先登录" in visible(page.text)


def test_a_shorter_session_hours_setting_is_kept(db_url: str) -> None:
    settings = web_settings(example_settings(db_url), session_hours=1)
    conversation = Conversation(settings, monday_morning())
    try:
        client = sign_in(conversation, "李书记")
        conversation.clock.advance(timedelta(minutes=59))
        assert client.get("/").status_code == 200
        conversation.clock.advance(timedelta(minutes=1))
        assert client.get("/").status_code == 401
    finally:
        conversation.close()


def test_whoever_asks_to_be_forgotten_is_signed_out(chat: Conversation) -> None:
    client = sign_in(chat, "王芳")
    assert client.get("/").status_code == 200
    chat.say("@王芳/私聊: 删除我的信息 确认")
    assert client.get("/").status_code == 401


# -- 4. CSRF ------------------------------------------------------------------------------------


@pytest.mark.parametrize("csrf", ["", "wrong", "someone else's"])
def test_an_action_without_the_pages_csrf_changes_nothing(chat: Conversation, csrf: str) -> None:
    filed(chat, "@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    client = sign_in(chat, "李书记")
    if csrf == "someone else's":
        csrf = csrf_of(sign_in(chat, "张网格").get("/").text)
    queued = count(chat, OutboundMessage)
    for verb, fields in (
        ("accept", {"level": "简单"}),
        ("assign", {"to": "物业", "deadline": "3个工作日"}),
        ("reject", {"reason": "不归社区管"}),
    ):
        data = {"nonce": f"n-{verb}", **fields} | ({"csrf": csrf} if csrf else {})
        page = client.post(f"/issues/1/{verb}", data=data)
        assert page.status_code == 403
        assert "页面已过期，请刷新后再试。" in visible(page.text)
    page = client.get("/issues/1")
    assert "#1【排水管道】待受理" in visible(page.text)
    assert status_of(chat, 1) == "待受理"
    assert [e.action for e in stored(chat, AuditEntry)] == ["filed"]
    assert count(chat, OutboundMessage) == queued


# -- 5. the ledger's filters --------------------------------------------------------------------

VARIED = [
    "@王芳/网格3群: #报事 3号楼2单元楼道灯坏了，晚上黑漆漆的",
    "@刘阿姨/网格3群: #报事 1号楼门口井盖松了，踩上去晃",
    "@陈大爷/网格5群: #报事 5号楼下水道堵了，一楼返水",
    "@孙先生/网格5群: #报事 6号楼充电桩一直充不上电",
    "@周女士/网格3群: #报事 2号楼门口有辆僵尸车停了半年",
    "@王芳/网格3群: #报事 4号楼垃圾站好几天没人清理，臭得很",
    "@孙大爷/网格5群: #报事 7号楼楼上装修噪音，晚上十一点还在砸墙",
    "@刘阿姨/网格3群: #报事 2号楼单元门禁坏了，谁都能进",
    "@陈大爷/网格5群: #报事 6号楼门口的树枝挡住了路，要修剪一下",
    "@孙先生/网格5群: #报事 1号楼2单元下水道返味",
    "@周女士/网格3群: #报事 1号楼3单元楼道灯不亮了",
    "@孙大爷/网格5群: #报事 7号楼门口地砖松了几块",
    "@王芳/网格3群: #报事 3号楼门口井盖破了，很危险",
    "@刘阿姨/网格3群: #报事 4号楼楼道里堆满杂物，请物业清理",
]


@pytest.fixture
def varied(chat: Conversation) -> dict[str, Any]:
    """Fourteen reports over buildings 1–7: some accepted 简单, two assigned to 物业, one
    rejected; then Wednesday morning, so what was due Tuesday is 🔴."""
    numbers_ = [filed(chat, line) for line in VARIED]
    assert numbers_ == list(range(1, 15))
    for number in (3, 4, 5):
        said = chat.say(f"@李书记/工作群: 受理 {number} 简单")
        assert said[0][1].startswith(f"#{number} 已受理（简单）"), said
    chat.say("@李书记/工作群: 派单 2 物业 3个工作日")
    chat.say("@李书记/工作群: 派单 6 物业 下周三")
    chat.say("@李书记/工作群: 退回 8 门禁归公安管，请拨打110")
    chat.clock.set(chat.clock.now() + timedelta(days=2))  # Wednesday morning
    summary = chat.text("@李书记/工作群: 台账").splitlines()[0]
    red = int(summary.split("🔴")[1].split()[0])
    return {"client": sign_in(chat, "李书记"), "red": red}


def test_the_ledger_shows_red_ones_and_how_many(chat: Conversation, varied: dict[str, Any]) -> None:
    client = varied["client"]
    everything = client.get("/").text
    assert f"🔴 超期 {varied['red']}" in visible(everything)
    assert len(rows(everything)) == 13  # the rejected one is not open
    page = client.get("/?colour=red").text
    red = rows(page)
    assert len(red) == varied["red"] > 3
    assert {3, 4, 5} <= set(numbers(page))
    assert all(row["mark"] == "🔴" for row in red)
    assert f"共 {varied['red']} 件" in visible(page)
    chat_red = chat.text("@李书记/工作群: 台账 红")
    assert set(numbers(page)) == chat_numbers(chat_red)


def test_the_ledger_filters_by_grid(chat: Conversation, varied: dict[str, Any]) -> None:
    client = varied["client"]
    for grid, buildings in (("网格3", "1234"), ("网格5", "567")):
        found = rows(client.get(f"/?grid={grid}").text)
        assert found, grid
        assert all(row["where"][0] in buildings for row in found), (grid, found)
    assert len(rows(client.get("/?grid=网格3").text)) + len(
        rows(client.get("/?grid=网格5").text)
    ) == len(rows(client.get("/").text))
    # A worker's own grid by default, every grid when asked.
    worker = sign_in(chat, "赵网格")
    assert {row["where"][0] for row in rows(worker.get("/").text)} <= set("567")
    assert len(rows(worker.get("/?grid=all").text)) == 13


@pytest.mark.parametrize("category", ["drainage", "排水管道"])
def test_the_ledger_filters_by_category(varied: dict[str, Any], category: str) -> None:
    page = varied["client"].get("/", params={"category": category}).text
    assert numbers(page) and set(numbers(page)) == {3, 10}
    assert {row["category"] for row in rows(page)} == {"排水管道"}


def test_the_ledger_shows_closed_ones_when_asked(varied: dict[str, Any]) -> None:
    client = varied["client"]
    assert 8 not in numbers(client.get("/").text)
    every = client.get("/?status=all").text
    assert "⚪ 已结束 1" in visible(every)
    assert 8 in numbers(every) and len(rows(every)) == 14
    (rejected,) = [row for row in rows(every) if row["number"] == "#8"]
    assert rejected["status"] == "已退回" and rejected["mark"] == "⚪"
    assert numbers(client.get("/?status=rejected").text) == [8]


def test_the_ledger_filters_by_when_it_falls_due(
    chat: Conversation, varied: dict[str, Any]
) -> None:
    """Wednesday: what falls due today, tomorrow, this week and next, as 「台账 今天到期」 lists
    them in chat; a day the filter does not know lists everything."""
    client = varied["client"]
    for day in ("今天", "明天", "本周", "下周"):
        page = client.get("/", params={"due": day}).text
        listed = chat.text(f"@李书记/工作群: 台账 {day}到期")  # ten to a page in chat
        assert chat_numbers(listed) <= set(numbers(page)), day
        total = re.search(r"未办结(\d+)条", listed)
        assert len(rows(page)) == (int(total[1]) if total else 0), day
    week = set(numbers(client.get("/?due=本周").text))
    assert {3, 4, 5} <= week  # 简单, due Tuesday: this week's, overdue
    assert 6 not in week and 6 in numbers(client.get("/?due=下周").text)  # 派单 下周三
    assert len(rows(client.get("/?due=后年").text)) == 13


def test_the_ledger_filters_by_when_issues_were_filed(
    chat: Conversation, varied: dict[str, Any]
) -> None:
    """The fourteen were filed in November; one more in December: 收集时间 上月 lists the open
    ones of November, as 「台账 上月」 does in chat."""
    chat.clock.set(datetime(2026, 12, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    december = filed(chat, "@周女士/幸福里居民群: #报事 小区东门的快递柜坏了，取不出件")
    client = sign_in(chat, "李书记")  # days on: a new sign-in
    november = set(numbers(client.get("/", params={"filed": "上月"}).text))
    assert len(november) == 13 and december not in november
    assert november == set(numbers(client.get("/", params={"filed": "11月"}).text))
    assert set(numbers(client.get("/", params={"filed": "本月"}).text)) == {december}
    assert chat_numbers(chat.text("@李书记/工作群: 台账 本月")) == {december}
    wrong = client.get("/", params={"filed": "火星"})
    assert wrong.status_code == 400 and "看不懂收集时间「火星」" in visible(wrong.text)


def test_the_ledger_filters_by_assignee(varied: dict[str, Any]) -> None:
    page = varied["client"].get("/?assignee=物业").text
    assert sorted(numbers(page)) == [2, 6]
    assert all(row["holder"].startswith("物业") for row in rows(page))
    assert numbers(varied["client"].get("/?assignee=住建局").text) == []
    assert "没有符合条件的事项。" in visible(varied["client"].get("/?assignee=住建局").text)


@pytest.mark.parametrize(
    ("q", "expected"),
    [("充电桩", [4]), ("下水道", [3, 10]), ("12", [12]), ("#12", [12]), ("１２", [12])],
)
def test_the_ledger_searches_text_and_numbers(
    varied: dict[str, Any], q: str, expected: list[int]
) -> None:
    assert sorted(numbers(varied["client"].get("/", params={"q": q}).text)) == expected


def test_a_number_the_filters_leave_out_is_pointed_to(
    chat: Conversation, varied: dict[str, Any]
) -> None:
    # #8 was rejected: not among the open issues the ledger shows by default.
    page = varied["client"].get("/", params={"q": "＃８"}).text
    assert numbers(page) == []
    assert "#8（已退回）不在当前筛选中：查看 #8" in visible(page)
    assert links(page, "查看 #8") == ["/issues/8"]
    # Listed already: no pointer. Its reporter is pointed to it; another resident is not.
    assert "不在当前筛选中" not in visible(varied["client"].get("/?q=12").text)
    assert links(sign_in(chat, "刘阿姨").get("/?q=8").text, "查看 #8") == ["/issues/8"]
    assert "不在当前筛选中" not in visible(sign_in(chat, "王芳").get("/?q=8").text)
    assert "不在当前筛选中" not in visible(varied["client"].get("/?q=99").text)


def test_full_width_filters_are_forgiven(varied: dict[str, Any]) -> None:
    client = varied["client"]
    assert numbers(client.get("/", params={"grid": "网格５"}).text) == numbers(
        client.get("/?grid=网格5").text
    )
    assert numbers(client.get("/", params={"colour": "ＲＥＤ"}).text) == numbers(
        client.get("/?colour=red").text
    )


def test_the_ledger_pages_by_fifty_and_keeps_its_filters(chat: Conversation) -> None:
    for n in range(1, 56):
        chat.say(f"@王芳/网格3群: #报事 3号楼{n}单元楼道灯不亮了")
    chat.say("@王芳/网格3群: #报事 3号楼门口下水道堵了")
    client = sign_in(chat, "李书记")
    first = client.get("/", params={"category": "lighting", "q": "楼道灯"}).text
    assert len(rows(first)) == 50
    assert "共 55 件 · 第 1/2 页" in visible(first)
    (following,) = links(first, "下一页")
    assert "category=lighting" in following and "page=2" in following
    assert "q=" in following
    second = client.get(following).text
    assert len(rows(second)) == 5 and "第 2/2 页" in visible(second)
    assert {row["category"] for row in rows(second)} == {"照明路灯"}
    assert not set(numbers(first)) & set(numbers(second))
    (back,) = links(second, "上一页")
    assert numbers(client.get(back).text) == numbers(first)
    # Without the filter, the drain is there too: 56 in two pages.
    assert "共 56 件 · 第 1/2 页" in visible(client.get("/").text)


# -- 6. who sees and does what ------------------------------------------------------------------


@pytest.fixture
def three(chat: Conversation) -> Conversation:
    """#1 王芳's in 网格3; #2 刘阿姨's in 网格3, assigned to 物业; #3 孙大爷's in 网格5,
    which 王芳 follows."""
    filed(chat, "@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    filed(chat, "@刘阿姨/网格3群: #报事 1号楼门口井盖松了，踩上去晃")
    filed(chat, "@孙大爷/网格5群: #报事 6号楼充电桩一直充不上电")
    chat.say("@王芳/网格3群: 关注 3")
    chat.say("@李书记/工作群: 派单 2 物业 3个工作日")
    return chat


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("王芳", [1, 3]),
        ("刘阿姨", [2]),
        ("陈楼长", [1]),  # the head of 3号楼: its issues
        ("刘物业", [2]),
        ("张网格", [1, 2]),
        ("赵网格", [3]),
        ("李书记", [1, 2, 3]),
    ],
)
def test_each_role_sees_on_the_ledger_what_the_chat_lists(
    three: Conversation, name: str, expected: list[int]
) -> None:
    page = sign_in(three, name).get("/").text
    assert sorted(numbers(page)) == expected
    assert set(expected) == chat_numbers(three.text(f"@{name}/私聊: 台账"))


@pytest.mark.parametrize(
    ("name", "number", "allowed"),
    [
        ("王芳", 1, True),
        ("王芳", 3, True),
        ("王芳", 2, False),
        ("刘阿姨", 1, False),
        ("陈楼长", 1, True),
        ("刘物业", 2, True),
        ("赵网格", 1, True),
        ("李书记", 3, True),
    ],
)
def test_an_issue_page_is_refused_with_the_chats_line(
    three: Conversation, name: str, number: int, allowed: bool
) -> None:
    page = sign_in(three, name).get(f"/issues/{number}")
    if allowed:
        assert page.status_code == 200
        assert f"#{number}【" in visible(page.text)
    else:
        said = three.text(f"@{name}/私聊: 查看 {number}")
        assert said == "只能查看自己反映或关注的事项。"
        assert page.status_code == 403
        assert said in visible(page.text)
        assert f"#{number}【" not in visible(page.text)


def test_a_note_is_on_the_issue_page_of_those_at_work_only(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@李书记/工作群: 备注 1 业主白天不在家，约周六上门")
    for name, shown in (("李书记", True), ("张网格", True), ("王芳", False)):
        page = sign_in(chat, name).get("/issues/1")
        assert page.status_code == 200
        assert ("业主白天不在家" in visible(page.text)) is shown, name


# The staff pages (bot/web/reports.py): grid workers and the secretary see meetings, statistics
# and the map, as the chat's 议事 and 统计; only the secretary exports, as the chat's /export.
REPORT_PAGES = ["/meetings", "/meetings/1", "/stats", "/stats/chart.png", "/map", "/export.xlsx"]


@pytest.mark.parametrize("path", REPORT_PAGES)
def test_staff_pages_by_role(three: Conversation, path: str) -> None:
    meeting = three.say(
        "@李书记/工作群: 议事 停车难议事会 议题 #1 时间 周四19:00|周六10:00 截止 明天20:00"
    )
    assert "M1" in meeting[0][1], meeting
    secretary_only = path == "/export.xlsx"
    expected = {
        "李书记": 200,
        "张网格": 403 if secretary_only else 200,
        "赵网格": 403 if secretary_only else 200,
        "刘物业": 403,
        "陈楼长": 403,
        "王芳": 403,
    }
    assert {name: sign_in(three, name).get(path).status_code for name in expected} == expected


def test_a_meeting_fixed_at_once_shows_no_poll(three: Conversation) -> None:
    three.say("@李书记/工作群: 议事 停车难议事会 时间 周四19:00|周六10:00 截止 明天20:00")
    three.say("@李书记/工作群: 议事 楼道堆物议事会 时间 周四19:00 地点 3号楼下")
    client = sign_in(three, "李书记")
    polled, fixed = (visible(client.get(f"/meetings/{n}").text) for n in (1, 2))
    assert "投票截止" in polled and "时间投票" in polled
    assert "投票截止" not in fixed and "时间投票" not in fixed
    assert "11月26日 19:00" in fixed and "3号楼下" in fixed


class Move(NamedTuple):
    """Someone sends an action form: whether the chat allows it, and the issue's status after."""

    name: str
    number: int
    verb: str
    fields: dict[str, str]
    refused: str | None  # the chat's one line refusing it; None: allowed
    after: str


NOT_STAFF = "只有网格员及以上可以{}。"
NOT_HOLDER = "只有承办人或网格员及以上可以{}。"
NOT_GRID = "这件事不在您负责的网格，请联系书记或该网格的网格员。"
# Who may do what (chat-protocol §4). Refused ones change nothing; allowed ones go through.
MOVES = [
    Move("王芳", 1, "accept", {"level": "简单"}, NOT_STAFF.format("受理"), "待受理"),
    Move("王芳", 1, "resolve", {"result": "修好了"}, NOT_HOLDER.format("办结"), "待受理"),
    Move("陈楼长", 1, "assign", {"to": "物业"}, NOT_STAFF.format("派单"), "待受理"),
    Move("刘物业", 1, "accept", {"level": "简单"}, NOT_STAFF.format("受理"), "待受理"),
    Move("刘物业", 1, "resolve", {"result": "修好了"}, NOT_HOLDER.format("办结"), "待受理"),
    Move("赵网格", 1, "assign", {"to": "物业", "deadline": "3个工作日"}, NOT_GRID, "待受理"),
    Move("赵网格", 1, "reject", {"reason": "不归社区管"}, NOT_GRID, "待受理"),
    Move("张网格", 1, "accept", {"level": "简单"}, None, "已受理"),
    Move("赵网格", 3, "assign", {"to": "物业", "deadline": "明天"}, None, "办理中"),
    Move("刘物业", 2, "resolve", {"result": "井盖已更换"}, None, "已办结"),
    Move("李书记", 1, "accept", {"level": "复杂"}, None, "已受理"),
    Move("李书记", 1, "assign", {"to": "物业", "deadline": "3个工作日"}, None, "办理中"),
    Move("李书记", 2, "resolve", {"result": "井盖已更换"}, None, "已办结"),
    Move("李书记", 3, "reject", {"reason": "充电桩归供电公司"}, None, "已退回"),
    Move("王芳", 1, "extend", {"deadline": "下周一"}, NOT_HOLDER.format("调整期限"), "待受理"),
    Move("赵网格", 1, "extend", {"deadline": "下周一"}, NOT_GRID, "待受理"),
    Move("李书记", 2, "extend", {"deadline": "下周一", "reason": "等配件"}, None, "办理中"),
]


@pytest.mark.parametrize("move", MOVES, ids=[f"{m.name}-{m.verb}-{m.number}" for m in MOVES])
def test_each_role_may_take_the_actions_the_chat_allows(three: Conversation, move: Move) -> None:
    name, number, verb, fields, refused, after = move
    client = sign_in(three, name)
    before = status_of(three, number)
    page_before = client.get(f"/issues/{number}")
    queued, done = count(three, OutboundMessage), len(audit(three, verb))
    page = act(client, number, verb, **fields)
    assert page.status_code == 200
    (heading,) = [line for line in visible(page.text).splitlines() if f"#{number}【" in line]
    assert heading.endswith(f"】{after}")
    if refused is not None:
        assert flash(page.text) == refused
        if page_before.status_code == 200:
            assert verb not in offered(page_before.text)  # no button for what is not allowed
        assert status_of(three, number) == before == after
        assert len(audit(three, verb)) == done
        assert count(three, OutboundMessage) == queued  # nobody else heard anything
        assert [e.note for e in audit(three, f"refused:{verb}")] == [refused]
    else:
        assert verb in offered(page_before.text)
        assert flash(page.text).startswith(f"#{number} ")
        assert status_of(three, number) == after
        assert len(audit(three, verb)) == done + 1
        assert count(three, OutboundMessage) > queued  # the groups heard of it


def test_a_role_given_in_chat_counts_on_the_next_page(three: Conversation) -> None:
    client = sign_in(three, "王芳")
    assert client.get("/map").status_code == 403
    assert client.get("/issues/2").status_code == 403
    reply = three.text("@李书记/工作群: 设置角色 @王芳 网格员 网格3")
    assert "王芳" in reply or "王*" in reply, reply
    page = client.get("/")
    assert "幸福里社区 · 王芳（网格员）" in visible(page.text)
    assert sorted(numbers(page.text)) == [1, 2]
    assert client.get("/issues/2").status_code == 200
    assert client.get("/map").status_code == 200


def test_what_people_wrote_is_shown_as_text_not_run(chat: Conversation) -> None:
    filed(chat, "@王芳/网格3群: #报事 3号楼楼道灯坏了<script>alert(1)</script>")
    client = sign_in(chat, "李书记")
    for path in ("/", "/issues/1"):
        page = client.get(path).text
        assert "<script>alert(1)</script>" not in page
        assert "alert(1)" in visible(page)


# -- 7. privacy ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "whole"),
    [("李书记", True), ("王芳", True), ("刘物业", True), ("张网格", True), ("赵网格", False)],
)
def test_the_number_to_call_back_is_whole_only_for_those_who_work_on_it(
    chat: Conversation, name: str, whole: bool
) -> None:
    """As in a private chat: the reporter, the secretary, the holder and the grid's worker;
    another grid's worker sees it masked, and the ledger's summary masks it for everyone."""
    filed(chat, "@王芳/网格3群: #报事 3号楼2单元下水道堵了，电话13812345678")
    chat.say("@李书记/工作群: 派单 1 物业 3个工作日")
    client = sign_in(chat, name)
    page = visible(client.get("/issues/1").text)
    if whole:
        assert "电话13812345678" in page
        assert "138****5678" not in page
    else:
        assert "电话138****5678" in page and "13812345678" not in page
    ledger = rows(client.get("/").text)
    if name != "赵网格":  # not in his grid
        (row,) = ledger
        assert "138****5678" in row["summary"]
    assert "13812345678" not in client.get("/").text


def test_a_reopened_issue_shows_its_result_as_the_last_times(chat: Conversation) -> None:
    filed(chat, "@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    chat.say("@张网格/工作群: 办结 1 已疏通")
    client = sign_in(chat, "李书记")
    assert "\n办理结果\n已疏通" in visible(client.get("/issues/1").text)
    chat.say("@王芳/网格3群: 不满意，还是堵")
    page = visible(client.get("/issues/1").text)
    assert "\n上次办理结果\n已疏通" in page and "\n办理结果\n已疏通" not in page


def test_a_private_report_reads_on_the_web_as_in_a_private_chat(chat: Conversation) -> None:
    """A following neighbour's page shows neither its words, its flat, its photo nor what the
    reporter added; the grid's worker reads all of it."""
    typed = "我是3号楼2单元302的，楼上401天天半夜吵"
    assert chat.say(f"@王芳/私聊: {typed}")[0][1].startswith("已登记 #1")
    chat.say("@王芳/私聊: 3号楼2单元302楼上401天天半夜吵，401家姓马")
    chat.say("@孙大爷/网格3群: 关注 1")
    neighbour = sign_in(chat, "孙大爷")
    page = visible(neighbour.get("/issues/1").text)
    assert texts.PRIVATE_TEXT in page
    assert "401" not in page and "302" not in page, page
    ledger = visible(neighbour.get("/").text)
    assert "401" not in ledger and "302" not in ledger, ledger
    worker = visible(sign_in(chat, "张网格").get("/issues/1").text)
    assert typed in worker and "401家姓马" in worker


# -- 8. the chat hears a web action as if typed -------------------------------------------------


@pytest.fixture
def twin_url(request: pytest.FixtureRequest, db_url: str, tmp_path: Path) -> str:
    """A second fresh database of the same kind as `db_url`."""
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'twin.db'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.fresh()


def history(chat: Conversation) -> None:
    filed(chat, "@王芳/网格3群: #报事 3号楼2单元门口下水道堵了，污水漫到路上")
    chat.say("@孙大爷/网格5群: 关注 1")
    chat.say("@李书记/工作群: 受理 1 复杂")


def heard(chat: Conversation, private_ref: str) -> list[tuple[Any, ...]]:
    return [
        (m.platform, m.chat_ref, m.person_ref, m.kind, m.text, m.created_at)
        for m in stored(chat, OutboundMessage)
        if m.chat_ref != private_ref
    ]


def test_a_web_action_is_heard_exactly_as_the_typed_command(
    chat: Conversation, twin_url: str
) -> None:
    typed = Conversation(
        chat.settings.model_copy(
            update={"database": chat.settings.database.model_copy(update={"url": twin_url})}
        ),
        monday_morning(),
    )
    try:
        history(chat)
        history(typed)
        client = sign_in(chat, "李书记")  # 网页台账 in the private chat: one minute
        typed.say("@李书记/私聊: 网页台账")
        chat.clock.advance(timedelta(minutes=1))  # as typing the command takes, in `say`
        page = act(client, 1, "assign", to="物业", deadline="3个工作日")
        replies = typed.say("@李书记/私聊: 派单 1 物业 3个工作日")

        private = chat.adapter.parse("@李书记/私聊: x")
        assert private is not None
        said_here = [text for where, text in replies if where == "私聊·李书记"]
        assert said_here == ["#1 已派单给 物业，期限 11月26日。"]
        assert flash(page.text) == said_here[0]
        web_heard = heard(chat, private.chat.ref)
        assert web_heard == heard(typed, private.chat.ref)
        assert any(m[1] == G3 and "已派单" in m[4] for m in web_heard)
        assert any(m[1] == G5 and "已派单" in m[4] for m in web_heard)
        # What the chat said privately is on the page, not queued as well.
        assert not [
            m
            for m in stored(chat, OutboundMessage)
            if m.chat_ref == private.chat.ref and "已派单" in m.text
        ]
    finally:
        typed.close()


# -- 9. a form sent twice -----------------------------------------------------------------------


def test_a_form_sent_twice_is_handled_once(chat: Conversation) -> None:
    filed(chat, "@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    client = sign_in(chat, "李书记")
    page = client.get("/issues/1").text
    form = {
        "csrf": csrf_of(page),
        "nonce": hidden(page.split('action="/issues/1/assign"')[1], "nonce"),
        "to": "物业",
        "deadline": "3个工作日",
    }
    first = client.post("/issues/1/assign", data=form)
    assert flash(first.text) == "#1 已派单给 物业，期限 11月26日。"
    second = client.post("/issues/1/assign", data=form)
    assert second.status_code == 200
    assert "已派单" not in flash(second.text)
    assert len(audit(chat, "assign")) == 1
    notices = [m for m in stored(chat, OutboundMessage) if "已派单" in m.text]
    assert [m.chat_ref for m in notices] == [G3]
    assert visible(second.text).count("派单（") == 1


# -- 10. nonsense addresses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "line"),
    [
        ("/issues/abc", "事项编号应是数字，例如 /issues/23。"),
        ("/issues/99999", "没有 #99999 这件事。"),
        ("/issues/1234567890123", "事项编号应是数字，例如 /issues/23。"),
        ("/issues/-1", "事项编号应是数字，例如 /issues/23。"),
        ("/nowhere", "没有这个页面。"),
        ("/issues/1/2/3", "没有这个页面。"),
    ],
)
def test_unknown_addresses_answer_in_one_chinese_line(
    chat: Conversation, path: str, line: str
) -> None:
    filed(chat, "@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    client = sign_in(chat, "李书记")
    page = client.get(path)
    assert page.status_code == 404
    assert line in visible(page.text)
    assert "Traceback" not in page.text


def test_a_suspended_issue_shows_its_stopped_clock_on_the_web(chat: Conversation) -> None:
    filed(chat, "@王芳/网格3群: #报事 3号楼楼道暖气不热")
    chat.say("@李书记/工作群: 挂起 1 等维修基金表决")
    client = sign_in(chat, "李书记")
    ledger = visible(client.get("/").text)
    assert "挂起（11月23日起）" in ledger.splitlines() and "⏸" in ledger
    page = visible(client.get("/issues/1").text)
    assert "挂起（11月23日起）" in page and "等维修基金表决" in page
    chat.say("@李书记/工作群: 恢复 1")
    assert "挂起（" not in visible(client.get("/").text)


def test_a_full_width_issue_number_is_forgiven(chat: Conversation) -> None:
    filed(chat, "@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    page = sign_in(chat, "李书记").get("/issues/１")
    assert page.status_code == 200 and "#1【排水管道】" in visible(page.text)


def test_an_unknown_action_or_a_bad_number_in_a_form_is_refused(chat: Conversation) -> None:
    filed(chat, "@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    client = sign_in(chat, "李书记")
    csrf = csrf_of(client.get("/").text)
    page = client.post("/issues/1/fly", data={"csrf": csrf})
    assert page.status_code == 400 and "不认识的操作。" in visible(page.text)
    page = client.post("/issues/abc/accept", data={"csrf": csrf, "level": "简单"})
    assert page.status_code == 404 and "事项编号应是数字" in visible(page.text)
    page = client.post("/issues/99999/accept", data={"csrf": csrf, "level": "简单"})
    assert page.status_code == 404 and flash(page.text) == "没有找到 #99999。"
    assert status_of(chat, 1) == "待受理"


def test_the_statistics_page_has_each_units_figures_as_the_chat_counts_them(
    three: Conversation,
) -> None:
    three.say("@刘物业/私聊: 办结 2 已固定井盖")
    page = visible(sign_in(three, "李书记").get("/stats").text)
    said = three.text("@李书记/工作群: 统计 本月 单位")
    assert said.splitlines()[1] == "物业：承办1条，办结1条，按期1条，超期0条，暂无评价"
    lines = page.splitlines()
    table = lines[lines.index("按单位") :]
    row = table.index("物业")
    # 承办, 办结, 办结率, 按期, 按期率, 超期, 满意率, as the line above.
    assert table[row : row + 8] == ["物业", "1", "1", "100%", "1", "100%", "0", "—"]


def test_the_statistics_page_says_how_long_what_was_done_took_as_the_chat_does(
    three: Conversation,
) -> None:
    client = sign_in(three, "李书记")
    assert "用时" not in visible(client.get("/stats").text)  # nothing done yet
    three.say("@刘物业/私聊: 办结 2 已固定井盖")
    took = three.text("@李书记/工作群: 统计 本月 用时")
    assert took.startswith("本月办结诉求1条（#2），用时")
    assert took in visible(client.get("/stats").text).splitlines()


def test_the_statistics_page_counts_any_days_typed_as_the_chat_takes_them(
    three: Conversation,
) -> None:
    client = sign_in(three, "李书记")
    said = three.text("@李书记/工作群: 统计 11月20日到11月30日").splitlines()[0]
    assert said.startswith("11月20日至11月30日收集诉求3条")
    page = visible(client.get("/stats", params={"period": "11月20日 到 11月30日"}).text)
    assert said in page.splitlines()
    none = visible(client.get("/stats", params={"period": "11.1-11.15"}).text)
    assert "11月1日至11月15日没有收集到诉求。" in none.splitlines()
    wrong = client.get("/stats", params={"period": "11月31日"})
    assert wrong.status_code == 400 and "看不懂「11月31日」" in visible(wrong.text)
    # Under the sentence, how the figures moved, as 「统计 … 环比」 and 「… 同比」 say it.
    for way in ("环比", "同比"):
        moved = three.text(f"@李书记/工作群: 统计 11月20日到11月30日 {way}").splitlines()[1]
        assert moved in page.splitlines(), way
    assert moved == "去年同期没有收集到诉求，无从比较。"  # the days so far, a year back


def ledger_rows(content: bytes) -> list[tuple[object, ...]]:
    """The 台账 sheet's rows of an xlsx file, below the header."""
    return list(load_workbook(BytesIO(content))["台账"].iter_rows(min_row=2, values_only=True))


def test_the_secretary_exports_the_period_the_statistics_page_shows(three: Conversation) -> None:
    client = sign_in(three, "李书记")
    page = client.get("/stats", params={"period": "11月20日到11月30日"}).text
    link = re.findall(r'href="(/export\.xlsx\?period=[^"]+)"', page)
    assert link == ["/export.xlsx?period=11%E6%9C%8820%E6%97%A5%E5%88%B011%E6%9C%8830%E6%97%A5"]
    sent = client.get(link[0].replace("&amp;", "&"))
    assert sent.status_code == 200 and sent.content.startswith(b"PK")
    disposition = sent.headers["content-disposition"]
    assert "ledger-20261120-20261130.xlsx" in disposition  # the ASCII name, and the UTF-8 one:
    assert "%E5%8F%B0%E8%B4%A6-20261120-20261130.xlsx" in disposition  # 台账-20261120-…
    year = client.get("/export.xlsx", params={"period": "今年"})
    assert year.status_code == 200 and "ledger-2026.xlsx" in year.headers["content-disposition"]
    wrong = client.get("/export.xlsx", params={"period": "火星"})
    assert wrong.status_code == 400 and "时间应写成" in visible(wrong.text)
    # A grid's page exports that grid's issues, as 「导出 本月 网格3」 does.
    grid_page = client.get("/stats", params={"grid": "网格3"}).text
    [grid_link] = re.findall(r'href="(/export\.xlsx\?period=[^"]+)"', grid_page)
    one_grid = client.get(grid_link.replace("&amp;", "&"))
    assert "%E7%BD%91%E6%A0%BC3%E5%8F%B0%E8%B4%A6" in one_grid.headers["content-disposition"]
    [chat_file] = three.linli.dispatcher.dispatch(
        three.adapter.parse("@李书记/私聊: 导出 本月 网格3")
    )
    assert isinstance(chat_file, Document)
    rows = ledger_rows(one_grid.content)
    assert rows == ledger_rows(chat_file.content) and {row[6] for row in rows} == {"网格3"}
    missing = client.get("/export.xlsx", params={"grid": "网格9"})
    assert missing.status_code == 404 and "没有「网格9」这个网格" in visible(missing.text)
    # A grid worker sees the figures, not the link: exporting is the secretary's.
    worker = sign_in(three, "张网格").get("/stats").text
    assert "/export.xlsx?period" not in worker


def test_the_statistics_page_of_a_year_has_a_row_per_month(three: Conversation) -> None:
    three.clock.advance(timedelta(days=9))  # Wednesday 2 December
    filed(three, "@陈大爷/网格5群: #报事 5号楼楼顶漏水了")
    said = three.text("@李书记/工作群: 统计 今年 按月").splitlines()[1:]
    assert [line.split("：")[0] for line in said] == ["11月", "12月"]
    client = sign_in(three, "李书记")
    # The year's page links to its rows by month (one more pass over the issues: when asked).
    year = client.get("/stats", params={"period": "今年"}).text
    assert "按月" not in visible(year).splitlines()
    link = re.findall(r'href="(/stats\?[^"]*by=month[^"]*)"', year)
    assert link == ["/stats?period=%E4%BB%8A%E5%B9%B4&amp;by=month"]
    lines = visible(client.get(link[0].replace("&amp;", "&")).text).splitlines()
    table = lines[lines.index("按月") :]
    for line in said:  # 「11月：收集3条，办结0条（0%）」: the same 收集 and 办结 in its row
        month, collected, resolved = re.findall(r"^(.+?)：收集(\d+)条，办结(\d+)条", line)[0]
        row = table.index(month)
        assert table[row + 1 : row + 3] == [collected, resolved], line
    this_month = client.get("/stats").text  # one month: no rows by month, no link to them
    assert "按月" not in visible(this_month).splitlines() and "by=month" not in this_month


def test_the_statistics_page_says_the_meetings_held_as_the_chat_does(three: Conversation) -> None:
    three.say("@李书记/工作群: 议事 加装电梯板凳会 时间 周二19:00 地点 3号楼下 群 网格3")
    client = sign_in(three, "李书记")
    assert "议事协商" not in visible(client.get("/stats").text).splitlines()  # still to come
    three.run_until(datetime(2026, 11, 25, 9, tzinfo=ZoneInfo("Asia/Shanghai")))
    said = three.text("@李书记/工作群: 统计 本月 议事")
    assert said == "本月议事协商：召开板凳会1次；形成决议0项，公示0次。"
    client = sign_in(three, "李书记")  # two days on: a new sign-in
    lines = visible(client.get("/stats").text).splitlines()
    assert lines[lines.index("议事协商") + 1] == said
    # Not with one grid's figures: meetings are the community's.
    assert "议事协商" not in visible(client.get("/stats", params={"grid": "网格3"}).text)


def test_the_statistics_page_says_the_rounds_made_as_the_chat_does(three: Conversation) -> None:
    client = sign_in(three, "李书记")
    assert "走访巡查" not in visible(client.get("/stats").text).splitlines()  # none kept
    three.say("@张网格/私聊: 走访 3号楼 入户10户")
    three.say("@赵网格/私聊: 走访 6号楼 发现楼道堆物")
    said = three.text("@李书记/工作群: 统计 本月 走访").splitlines()
    page = client.get("/stats").text
    lines = visible(page).splitlines()
    start = lines.index("走访巡查") + 1
    assert lines[start : start + len(said)] == said
    (rounds,) = links(page, "查看每次走访和照片")  # the rounds themselves, of that period
    assert "张*格" in visible(client.get(rounds).text)
    # One grid's: its rounds, and whether nobody went round it.
    said = three.text("@李书记/工作群: 统计 本月 网格3 走访").splitlines()
    lines = visible(client.get("/stats", params={"grid": "网格3"}).text).splitlines()
    start = lines.index("走访巡查") + 1
    assert (
        lines[start : start + len(said)]
        == said
        == ["本月走访巡查1次，入户10户。", "张*格：1次，入户10户"]
    )


def test_the_holder_asks_for_more_time_from_the_issue_page(three: Conversation) -> None:
    client = sign_in(three, "刘物业")
    assert "extend" in offered(client.get("/issues/2").text)
    queued = count(three, OutboundMessage)
    page = act(client, 2, "extend", deadline="12月4日", reason="井盖要定做")
    assert flash(page.text) == "已把 #2 的延期申请转给社区，同意前期限仍是 11月26日。"
    assert audit(three, "extend") == [] and len(audit(three, "extend_asked")) == 1
    assert count(three, OutboundMessage) == queued + 1  # the work group is asked
    assert "期限：11月26日" in three.text("@李书记/工作群: 查看 2")


# -- 办事指南 ------------------------------------------------------------------------------------


def test_the_guide_page_lists_the_answers_and_staff_keep_them_as_in_chat(
    chat: Conversation,
) -> None:
    resident = sign_in(chat, "王芳")
    page = resident.get("/guide")
    assert page.status_code == 200
    text = visible(page.text)
    assert "物业费、物业管理费" in text and "住宅物业费每月1.2元/平方米" in text
    assert "添加" not in text.splitlines() and "/guide/add" not in page.text  # theirs to read
    # A resident's form, made up, is refused as the chat refuses it.
    sent = resident.post(
        "/guide/add",
        data={"csrf": csrf_of(page.text), "keys": "停车费", "answer": "免费", "nonce": "x1"},
    )
    assert flash(sent.text) == "只有书记和网格员可以修改办事指南。"
    worker = sign_in(chat, "张网格")
    page = worker.get("/guide")
    assert "配置文件" in visible(page.text)
    fields = {
        "csrf": csrf_of(page.text),
        "nonce": hidden(page.text, "nonce"),
        "keys": "电动车+上楼、电瓶车+上楼",
        "answer": "电动车不得进楼入户，\n请到南门充电棚充电。",
    }
    page = worker.post("/guide/add", data=fields)
    assert (
        flash(page.text)
        == "已添加办事指南第5条（电动车+上楼、电瓶车+上楼），居民问到时我直接答复。"
    )
    assert worker.post("/guide/add", data=fields).status_code == 200  # sent twice: added once
    assert chat.text("@李书记/私聊: 指南").splitlines()[0].endswith("（5条），居民问到时直接答复：")
    assert chat.say("@孙大爷/网格5群: 电瓶车能上楼吗")[0][1].startswith(
        "电动车不得进楼入户，\n请到南门充电棚充电。"
    )
    page = worker.post("/guide/remove", data={"csrf": csrf_of(page.text), "n": "5", "nonce": "rm5"})
    assert flash(page.text) == "已删除办事指南第5条（电动车+上楼、电瓶车+上楼）。"
    assert 'action="/guide/remove"' not in page.text  # config's four are left, none to remove
    # A configured answer is not removed here either.
    page = worker.post("/guide/remove", data={"csrf": csrf_of(page.text), "n": "1", "nonce": "rm1"})
    assert flash(page.text).startswith("第1条写在配置文件 config.yaml 里")
    # Without the page's csrf nothing changes.
    page = worker.post("/guide/remove", data={"csrf": "forged", "n": "1", "nonce": "rm1b"})
    assert page.status_code == 403 or "页面已过期" in visible(page.text)
