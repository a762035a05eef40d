"""群发: a notice from the secretary or a grid worker, sent to residents' groups.

The example community has 网格3群 (张网格's grid), 网格5群 (赵网格's), the 小区群 幸福里居民群
and the 工作群, where 李书记 the secretary works. Quiet hours are 22:00–07:30.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from storage.models import AuditEntry
from storage.uow import UnitOfWork
from tests.support.conversation import Conversation

SHANGHAI = ZoneInfo("Asia/Shanghai")
WATER = "明天9:00-12:00停水，请提前储水。有问题找物业王师傅 13812345678"


def notice(text: str, sender: str) -> str:
    return f"📢 通知：{text}\n——幸福里社区 {sender}"


def test_the_secretary_sends_a_notice_to_every_residents_group(chat: Conversation) -> None:
    assert chat.say(f"@李书记/工作群: 群发 全部 {WATER}") == [
        ("工作群", "已发到3个群：网格3群、网格5群、幸福里居民群。"),
        # The number to call is the notice's own: not masked as a resident's would be.
        ("网格3群", notice(WATER, "李书记")),
        ("网格5群", notice(WATER, "李书记")),
        ("幸福里居民群", notice(WATER, "李书记")),
    ]
    # With a colon after the word or the groups, as people write a notice.
    assert [where for where, _ in chat.say("@李书记/工作群: 群发：网格3 明天停电")] == [
        "工作群",
        "网格3群",
    ]
    assert chat.say("@李书记/工作群: 群发 网格3：明天停电")[1] == (
        "网格3群",
        notice("明天停电", "李书记"),
    )
    # Groups by grid, by kind and by title, in any mix; each once.
    sent = chat.say("@李书记/工作群: 群发 网格5、居民群 幸福里居民群 周六上午义诊")
    assert [where for where, _ in sent] == ["工作群", "网格5群", "幸福里居民群"]
    with UnitOfWork(chat.linli.sessions) as uow:
        kept = uow.session.scalars(select(AuditEntry).where(AuditEntry.action == "notice")).all()
        assert [entry.note for entry in kept][-1] == "网格5群、幸福里居民群：周六上午义诊"


def test_a_grid_worker_reaches_only_their_own_grids_groups(chat: Conversation) -> None:
    assert chat.say("@张网格/私聊: 群发 全部 明天上午打疫苗") == [
        ("私聊·张网格", "已发到1个群：网格3群。"),
        ("网格3群", notice("明天上午打疫苗", "张网格")),
    ]
    for target in ("网格5", "居民群", "网格5群"):
        assert chat.say(f"@张网格/私聊: 群发 {target} 明天上午打疫苗") == [
            ("私聊·张网格", f"「{target}」不是您网格的群，网格员只能发到自己网格的群。"),
        ]
    assert chat.say("@王芳/网格3群: 群发 全部 大家好") == [
        ("网格3群", "只有网格员及以上可以群发通知。")
    ]


def test_a_notice_said_wrongly_is_helped_and_sends_nothing(chat: Conversation) -> None:
    assert chat.text("@李书记/工作群: 群发 明天停水").startswith("请写明发到哪些群，例如：")
    assert chat.text("@李书记/工作群: 群发 全部").startswith("用法：/notice ")
    assert chat.text(f"@李书记/工作群: 群发 全部 {'停水' * 501}") == (
        "通知最多1000字，请分几次发送。"
    )
    assert chat.say("@李书记/工作群: 通知一下大家明天开会") == []  # said to colleagues
    assert {where for where, _ in chat.sendable()} == {"工作群"}  # no group heard a thing


def test_a_notice_in_quiet_hours_waits_for_the_morning_unless_urgent(
    chat: Conversation,
) -> None:
    chat.clock.set(datetime(2026, 11, 23, 23, 0, tzinfo=SHANGHAI))
    said = chat.say("@李书记/私聊: 群发 网格3 明天上午停水")
    assert said[0] == (
        "私聊·李书记",
        "已发到1个群：网格3群。现在是安静时段，11月24日 7:30 发出（紧急的请写「紧急通知」）。",
    )
    chat.say("@李书记/私聊: 群发 网格5 紧急通知：5号楼燃气泄漏，请勿使用明火")
    chat.say("@李书记/私聊: 群发 居民群 急需志愿者，明早集合")  # 「急需」 is not urgent
    now = [where for where, _ in chat.sendable()]
    assert "网格5群" in now and "网格3群" not in now and "幸福里居民群" not in now
    chat.clock.set(datetime(2026, 11, 24, 7, 30, tzinfo=SHANGHAI))
    assert ("网格3群", notice("明天上午停水", "李书记")) in chat.sendable()
