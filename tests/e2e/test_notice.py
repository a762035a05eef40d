"""群发: a notice from the secretary or a grid worker, sent to residents' groups.

The example community has 网格3群 (张网格's grid), 网格5群 (赵网格's), the 小区群 幸福里居民群
and the 工作群, where 李书记 the secretary works. Quiet hours are 22:00–07:30.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.adapters.base import Undeliverable
from bot.messages import Outgoing, PersonRef, QuotedMessage, Reply
from bot.outbox import Outbox
from storage.models import AuditEntry, InboundMessage
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
    # A notice asked for in words is shown the 群发 that sends it; nothing goes until that.
    assert chat.text("@李书记/工作群: 给网格3群发个通知：明天上午9点到12点停水") == (
        "要发到居民群，请发送「群发 网格3 明天上午9点到12点停水」"
        "（安静时段会等到早上，写「紧急通知」立即发）。"
    )
    assert "「群发 全部 明天上午停水」" in chat.text("@张网格/私聊: 通知大家明天上午停水")
    assert "「群发 全部 周六义诊」" in chat.text("@李书记/私聊: 在居民群里通知一下：周六义诊")
    assert chat.say("@王芳/网格3群: 给网格3群发个通知：明天停水") == []  # a resident's words
    # To the grid workers: the work group, with 「群发 工作群」 (which sends it there).
    assert chat.text("@李书记/私聊: 给网格员发个通知：明天上午9点开会") == (
        "要发到工作群，请发送「群发 工作群 明天上午9点开会」（安静时段会等到早上，写「紧急通知」立即发）。"
    )
    # 群发's own words with 通知; one longer than 群发 sends is refused, not echoed back whole.
    assert "「群发 网格3 周四停水」" in chat.text("@李书记/工作群: 通知 网格3 周四停水")
    too_long = chat.text("@李书记/工作群: 通知 网格3 周四停水" + "，" * 1000)
    assert too_long == "通知最多1000字，请分几次发送。"
    assert not {"网格3群", "网格5群", "幸福里居民群"} & {where for where, _ in chat.sendable()}
    # A building's residents are its grid's groups; a 楼栋长 is told who sends notices.
    assert "「群发 网格3 明天停水」" in chat.text("@张网格/私聊: 通知3号楼的住户明天停水")
    assert chat.text("@陈楼长/私聊: 通知3号楼的住户明天停水") == (
        "群发通知由网格员或书记发送，请告诉网格员。网格3的网格员：张网格（13800138003）。"
    )
    # 「我们楼」: the 楼栋长's own building (it was kept as more of their report).
    chat.say("@陈楼长/私聊: 3号楼2单元楼道灯坏了")
    assert chat.text("@陈楼长/私聊: 通知一下我们楼明天停水") == (
        "群发通知由网格员或书记发送，请告诉网格员。网格3的网格员：张网格（13800138003）。"
    )
    assert chat.text("@陈楼长/私聊: 我们楼的网格员是谁") == "网格3的网格员：张网格（13800138003）。"
    assert chat.say("@张网格/私聊: 通知一下我们楼明天停水")[0][1].startswith("这条消息没有登记")


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


def test_a_scheduled_notice_goes_to_every_group_at_its_time(chat: Conversation) -> None:
    said = chat.text(f"@李书记/工作群: 定时群发 明天8:00 全部 {WATER}")
    assert said.startswith("好的，11月24日 8:00 发到3个群：网格3群、网格5群、幸福里居民群。")
    assert {where for where, _ in chat.sendable()} == {"工作群"}  # nothing yet
    fired = chat.run_until(datetime(2026, 11, 24, 8, 30, tzinfo=SHANGHAI))
    # Each its own message, unmasked, not bundled with the 工作群's digest.
    assert [f for f in fired if f[1] != "工作群"] == [
        ("11-24 08:00", "网格3群", notice(WATER, "李书记")),
        ("11-24 08:00", "网格5群", notice(WATER, "李书记")),
        ("11-24 08:00", "幸福里居民群", notice(WATER, "李书记")),
    ]
    later = chat.run_until(datetime(2026, 11, 26, 8, 30, tzinfo=SHANGHAI))
    assert [f for f in later if f[2].startswith("📢")] == []  # once


def test_a_time_is_read_before_the_groups_or_after_the_word_dingshi(chat: Conversation) -> None:
    assert chat.text("@李书记/私聊: 群发 周三16:00 网格3 周四上午打疫苗").startswith(
        "好的，11月25日 16:00 发到1个群：网格3群。"
    )
    assert chat.text("@李书记/私聊: 群发 网格5 定时 明天10:00 下午停电").startswith(
        "好的，11月24日 10:00 发到1个群：网格5群。"
    )
    assert chat.text("@李书记/私聊: 定时群发：周二9:00 居民群：周六义诊").startswith(
        "好的，11月24日 9:00 发到1个群：幸福里居民群。"
    )
    # After the groups without 定时, the words are the notice: it goes now.
    assert chat.say("@李书记/私聊: 群发 网格5 明天8:00 停电") == [
        ("私聊·李书记", "已发到1个群：网格5群。"),
        ("网格5群", notice("明天8:00 停电", "李书记")),
    ]


def test_a_scheduled_notice_is_listed_cancelled_and_moved_as_one(chat: Conversation) -> None:
    first = chat.text(f"@李书记/私聊: 定时群发 明天8:00 全部 {WATER}")
    number = first.split("提醒 取消 ")[1].rstrip("」。")
    chat.say("@李书记/私聊: 定时群发 周三9:00 网格3 周四上午打疫苗")
    listed = chat.text("@李书记/私聊: 提醒 列表").splitlines()
    assert listed[0] == "您的提醒（2条）："
    assert listed[1] == (
        f"{number}. 11月24日 8:00 群发到网格3群、网格5群、幸福里居民群：{WATER[:39]}…"
    )
    assert listed[2].endswith("群发到网格3群：周四上午打疫苗")
    assert chat.text(f"@李书记/私聊: 提醒 修改 {number} 周五9:00").startswith(
        f"已修改提醒 {number}，现在是：11月27日 9:00 发到3个群："
    )
    fired = chat.run_until(datetime(2026, 11, 26, 12, 0, tzinfo=SHANGHAI))
    assert [f[1] for f in fired if f[2].startswith("📢")] == ["网格3群"]  # Wednesday's only
    said = chat.text(f"@李书记/私聊: 提醒 取消 {number}")
    assert said == f"已取消定时群发 {number}（3个群）：{WATER[:39]}…"
    fired = chat.run_until(datetime(2026, 11, 30, 12, 0, tzinfo=SHANGHAI))
    assert [f for f in fired if f[2].startswith("📢")] == []
    assert chat.text("@李书记/私聊: 提醒 列表") == "您没有待发的提醒。"


def test_a_scheduled_notice_is_asked_for_and_called_off_in_words(chat: Conversation) -> None:
    # The time said first is the 定时 of the 群发 offered; nothing goes until it is sent.
    assert chat.text("@李书记/工作群: 明天早上8点给全部群发通知：今天9:00-12:00停水") == (
        "要发到居民群，请发送「群发 全部 定时 明天早上8点 今天9:00-12:00停水」"
        "（安静时段会等到早上，写「紧急通知」立即发）。"
    )
    assert chat.text("@李书记/工作群: 取消刚才的定时通知") == (
        "您没有待发的定时群发。发送「群发 列表」查看。"
    )
    chat.say("@李书记/工作群: 群发 全部 定时 明天早上8点 今天9:00-12:00停水")
    later = chat.text("@李书记/工作群: 群发 网格3 定时 周三9:00 周四上午打疫苗")
    number = later.split("提醒 取消 ")[1].rstrip("」。")
    # The newest the sender set, in all its groups.
    assert chat.text("@李书记/工作群: 取消刚才的定时通知") == (
        f"已取消定时群发 {number}（1个群）：周四上午打疫苗"
    )
    assert chat.text("@李书记/工作群: 定时通知不发了").startswith("已取消定时群发 ")
    fired = chat.run_until(datetime(2026, 11, 30, 12, 0, tzinfo=SHANGHAI))
    assert [f for f in fired if f[2].startswith("📢")] == []


def test_a_scheduled_notice_outlives_a_restart_and_waits_out_the_quiet_hours(
    chat: Conversation,
) -> None:
    said = chat.text("@李书记/私聊: 定时群发 明天6:00 网格3 今天上午停水")
    assert said.endswith("那时是安静时段，会在 07:30 发出。")
    chat.say("@李书记/私聊: 定时群发 明天6:00 网格5 紧急通知：5号楼燃气管道检修，请勿使用明火")
    chat.close()
    back = Conversation(chat.settings, chat.clock, session="r1")
    try:
        fired = back.run_until(datetime(2026, 11, 24, 8, 0, tzinfo=SHANGHAI))
    finally:
        back.close()
    notices = [(at, where) for at, where, text in fired if text.startswith("📢")]
    assert notices == [("11-24 06:00", "网格5群"), ("11-24 07:30", "网格3群")]


def test_a_notice_set_to_repeat_goes_each_time_to_its_groups_until_cancelled(
    chat: Conversation,
) -> None:
    """「定时群发 每周五下午5点 全部 …」 was told to name the groups (there was no repeat)."""
    said = chat.text("@李书记/工作群: 定时群发 每周五下午5点 全部 周末请注意用火用电安全")
    head, _, number = said.removesuffix("」。").rpartition("「提醒 取消 ")
    assert head == (
        "好的，每周五 17:00 发到3个群：网格3群、网格5群、幸福里居民群"
        "（下次 11月27日 17:00，法定节假日不发）。取消请发送"
    ), said
    line = (
        "每周五 17:00（下次 11月27日 17:00）→网格3群、网格5群、幸福里居民群：周末请注意用火用电安全"
    )
    assert line in chat.text("@李书记/工作群: 定时群发 列表")
    assert "每周五 17:00（下次 11月27日 17:00） 群发到" in chat.text("@李书记/私聊: 提醒 列表")
    # 「到全部：」 names the groups too (it was told to name them).
    assert chat.text("@李书记/工作群: 明天上午8点群发到全部：明天小区消杀").startswith(
        "好的，11月24日 8:00 发到3个群："
    )
    chat.say("@李书记/工作群: 取消刚才的定时通知")
    # The groups first, 定时 and the repeat after them, and a restart: the same.
    chat.say("@张网格/私聊: 群发 网格3 定时 每天8:00 出门请随手关好单元门")
    chat.close()
    back = Conversation(chat.settings, chat.clock, session="r1")
    try:
        fired = back.run_until(datetime(2026, 12, 5, 10, 0, tzinfo=SHANGHAI))
        weekly = [(at, where) for at, where, text in fired if "用火用电" in text]
        assert weekly == [
            (f"{day} 17:00", group)
            for day in ("11-27", "12-04")
            for group in ("网格3群", "网格5群", "幸福里居民群")
        ]
        daily = [at for at, where, text in fired if "单元门" in text and where == "网格3群"]
        assert daily[:2] == ["11-24 08:00", "11-25 08:00"] and len(daily) == 12
        assert fired[-1][2] == "📢 通知：出门请随手关好单元门\n——幸福里社区 张网格"
        # Its time is not changed in place; cancelled by the number it was given, it ends.
        assert back.text(f"@李书记/工作群: 提醒 修改 {number} 周六9:00") == (
            f"重复的定时群发不能改时间：请先发送「提醒 取消 {number}」，再重新设置。"
        )
        assert back.text(f"@李书记/工作群: 提醒 取消 {number}") == (
            f"已取消定时群发 {number}（3个群）：周末请注意用火用电安全"
        )
        later = back.run_until(datetime(2026, 12, 19, 10, 0, tzinfo=SHANGHAI))
        assert not any("用火用电" in text for _, _, text in later)
    finally:
        back.close()


def test_a_scheduled_notice_said_wrongly_is_helped_and_schedules_nothing(
    chat: Conversation,
) -> None:
    assert chat.text("@李书记/私聊: 定时群发 全部 停水") == (
        "请写明什么时候发，例如：定时群发 明天8:00 全部 今天9:00-12:00停水。"
    )
    assert chat.text("@李书记/私聊: 定时群发 今天7:00 全部 停水") == (
        "「今天7:00」已经过去了，请写以后的时间，例如：明天7:00。"
    )
    assert chat.text("@李书记/私聊: 定时群发 明天8:00 停水").startswith("请写明发到哪些群")
    assert chat.text("@李书记/私聊: 定时群发 明天8:00 全部").startswith("用法：/notice_later ")
    assert chat.text("@张网格/私聊: 定时群发 明天8:00 网格5 打疫苗") == (
        "「网格5」不是您网格的群，网格员只能发到自己网格的群。"
    )
    assert chat.text("@王芳/网格3群: 定时群发 明天8:00 全部 大家好") == (
        "只有网格员及以上可以群发通知。"
    )
    assert chat.text("@李书记/私聊: 提醒 列表") == "您没有待发的提醒。"
    # A grid worker's own, to their own grid, goes as the secretary's would.
    assert chat.text("@张网格/私聊: 定时群发 明天8:00 全部 打疫苗").startswith(
        "好的，11月24日 8:00 发到1个群：网格3群。"
    )


def test_a_question_to_the_bot_a_recent_notice_answers_is_answered_with_it(
    chat: Conversation,
) -> None:
    assert chat.say("@刘阿姨/网格3群: 明天停水吗") == []  # no notice yet: neighbours' talk
    chat.say(f"@李书记/工作群: 群发 全部 {WATER}")
    chat.say("@李书记/工作群: 群发 网格3 本周六上午9点在社区卫生服务站接种流感疫苗")
    water = f"11月23日发过通知：{WATER}"
    # Said to the bot, by @ or by name, or privately: the notice that holds its words.
    assert chat.say("@孙先生/幸福里居民群: @邻里 明天停水吗") == [("幸福里居民群", water)]
    assert chat.say("@王芳/网格3群: 邻里，停水到几点？") == [("网格3群", water)]
    vaccine = "11月23日发过通知：本周六上午9点在社区卫生服务站接种流感疫苗"
    assert chat.say("@王芳/私聊: 打疫苗在哪里") == [("私聊·王芳", vaccine)]
    # Nothing is filed for them.
    assert chat.text("@李书记/工作群: 统计") == "本月没有收集到诉求。"
    # A group the notice was not sent to, a question about something else, or a problem the
    # notice does not name: filed, as before. An outage no notice tells of: that none did.
    assert chat.text("@孙先生/幸福里居民群: @邻里 打疫苗在哪里").startswith("已登记 #1【政务服务】")
    assert chat.text("@王芳/网格3群: @邻里 今天停电吗") == (
        "最近没有停电通知。如果现在停电了，请告诉我在几号楼，我来登记。"
    )
    assert chat.text("@王芳/网格3群: @邻里 楼道灯什么时候修").startswith("已登记 #2【照明路灯】")
    # Asked among neighbours in a group the notice went to, as a meeting's time is: answered
    # there with it. Elsewhere, or of what no notice says, the question is theirs.
    assert chat.say("@刘阿姨/网格3群: 明天停水吗") == [("网格3群", water)]
    assert chat.say("@刘阿姨/网格3群: 停水到几点") == [("网格3群", water)]
    assert chat.say("@刘阿姨/网格3群: 停水几点来水？") == [("网格3群", water)]  # what comes back
    assert chat.say("@刘阿姨/网格3群: 几点来水") == [("网格3群", water)]  # 来水: of 停水
    assert chat.say("@刘阿姨/网格3群: 几点来电") == []  # no notice of the power
    assert chat.say("@刘阿姨/网格3群: 今天停电吗") == []
    assert chat.say("@刘阿姨/网格3群: 晚上广场舞还跳吗") == []
    assert chat.say("@刘阿姨/工作群: 明天停水吗") == []
    # A week on, the notice no longer answers.
    chat.run_until(datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI))
    assert chat.text("@孙先生/幸福里居民群: @邻里 还停水吗").startswith("已登记 #3")


def test_a_notice_staff_post_in_a_group_themselves_answers_questions_of_it(
    chat: Conversation,
) -> None:
    # Before any notice, an outage asked of the bot is answered so, not filed.
    none = "最近没有停水通知。如果现在停水了，请告诉我在几号楼，我来登记。"
    assert chat.text("@王芳/网格3群: @邻里 明天几点停水") == none
    # The secretary posts the notice in the group in her own words, not through 群发: kept,
    # silently, and questions there and privately are answered from it.
    water = "各位居民，明天上午9点到11点停水检修，请提前储水"
    assert chat.say(f"@李书记/网格3群: {water}") == []
    told = f"11月23日李书记在群里通知：{water}"
    assert chat.say("@刘阿姨/网格3群: 几点停水啊") == [("网格3群", told)]
    assert chat.say("@王芳/私聊: 明天停水吗") == [("私聊·王芳", told)]
    # A grid worker's and the property company's, headed 「通知：」 (not said twice) or not.
    assert chat.say("@张网格/网格3群: 通知：周三下午2点到5点3号楼停电") == []
    assert chat.text("@王芳/网格3群: @邻里 周三停电吗") == (
        "11月23日张网格在群里通知：周三下午2点到5点3号楼停电"
    )
    assert chat.say("@刘物业/网格5群: 温馨提示：本周四上午电梯年检，暂停使用") == []
    assert chat.text("@孙大爷/网格5群: @邻里 电梯哪天年检") == (
        "11月23日刘物业在群里通知：本周四上午电梯年检，暂停使用"
    )
    # 「通知大家…」 is not headed 「通知：」: its words are kept whole.
    assert chat.say("@刘物业/网格5群: 通知大家周五下午5号楼停电检修") == []
    assert chat.text("@孙大爷/网格5群: @邻里 周五停电吗") == (
        "11月23日刘物业在群里通知：通知大家周五下午5号楼停电检修"
    )
    # A resident's word of an outage is neighbours' talk: no notice.
    assert chat.say("@孙大爷/网格5群: 明天上午停气，大家注意") == []
    assert chat.text("@孙大爷/网格5群: @邻里 明天几点停气") == (
        "最近没有停气通知。如果现在停气了，请告诉我在几号楼，我来登记。"
    )
    # The newest notice of it answers: the one calling it off.
    assert chat.say("@李书记/网格3群: 通知：明天停水取消，正常供水") == []
    assert (
        chat.text("@王芳/私聊: 明天还停水吗") == "11月23日李书记在群里通知：明天停水取消，正常供水"
    )
    # They are listed with the notices sent (a group sees its own).
    head, *listed = chat.text("@王芳/网格3群: 最近有什么通知").splitlines()
    assert head == "最近7天的通知（3条）："
    assert [line.split(" ", 2)[2] for line in listed] == [  # after the day and time
        "李*记在网格3群里发：通知：明天停水取消，正常供水",
        "张*格在网格3群里发：通知：周三下午2点到5点3号楼停电",
        "李*记在网格3群里发：各位居民，明天上午9点到11点停水检修，请提前储水",
    ]
    # Nothing was filed.
    assert chat.text("@李书记/工作群: 统计") == "本月没有收集到诉求。"
    # A week on, they no longer answer.
    chat.run_until(datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI))
    assert chat.text("@王芳/网格3群: @邻里 明天几点停水") == none


def test_a_question_in_reply_to_a_notice_goes_to_the_work_group(chat: Conversation) -> None:
    sent = notice(WATER, "李书记")
    chat.say(f"@李书记/工作群: 群发 全部 {WATER}")
    bot = PersonRef("console", "邻里", "邻里")

    def replying(who: str, words: str) -> list[tuple[str, str]]:
        said = chat.adapter.message(who, "网格3群", words)
        return chat.deliver(replace(said, reply_to=QuotedMessage("n1", bot, sent)))

    relayed = (
        "❓问1 关于通知「明天9:00-12:00停水，请提前储水。有问题找物业王师…」，"
        "网格3群的王*问「为什么停水？」。回复这条消息，或发送「答复 1 内容」，我替您发到群里。"
    )
    assert replying("王芳", "为什么停水？") == [
        ("网格3群", "已把您的问题转给社区工作人员，会尽快答复。"),
        ("工作群", relayed),
    ]
    # What the notice says is answered with it; staff, a thank-you and chatter are nobody's.
    assert replying("孙先生", "几点停水？")[0][1].startswith("11月23日发过通知：明天9:00-12:00停水")
    assert replying("张网格", "大家都看到了吗？") == []
    assert replying("孙先生", "好的，谢谢") == []

    # In the work group, a reply to what was passed on is the answer, posted in 网格3群.
    answer = chat.adapter.message("张网格", "工作群", "二次供水水箱清洗，12点前恢复")
    assert chat.deliver(replace(answer, reply_to=QuotedMessage("w1", bot, relayed))) == [
        ("工作群", "问1 的答复已发到网格3群。"),
        ("网格3群", "答复「为什么停水？」：二次供水水箱清洗，12点前恢复\n——幸福里社区 张网格"),
    ]
    # The property company in the work group does not answer for the community.
    assert chat.say("@刘物业/工作群: 答复 1 物业说了算") == [
        ("工作群", "只有网格员及以上可以答复居民提问。")
    ]


def test_a_notice_staff_posted_and_took_back_answers_no_more(chat: Conversation) -> None:
    chat.say("@李书记/网格3群: 各位居民，明天上午9点到11点停水检修")
    with UnitOfWork(chat.linli.sessions) as uow:
        posted = uow.session.scalar(
            select(InboundMessage.message_id).where(InboundMessage.outcome == "announced")
        )
    assert posted is not None

    def recalled_by(line: str) -> list[tuple[str, str]]:
        said = chat.adapter.parse(line)
        assert said is not None
        recall = replace(said, text="", message_id=f"r-{said.message_id}", recalled=posted)
        return chat.deliver(recall)

    assert recalled_by("@王芳/网格3群: x") == []  # not hers to take back: it still answers
    assert chat.text("@王芳/私聊: 明天停水吗").startswith("11月23日李书记在群里通知")
    assert recalled_by("@李书记/网格3群: x") == []  # WeChat 撤回: said nothing, answers no more
    assert chat.text("@王芳/私聊: 明天停水吗").startswith("最近没有停水通知")
    assert chat.text("@王芳/网格3群: 最近有什么通知") == "最近7天没有通知。"


def test_a_notice_staff_posted_and_put_right_answers_with_its_new_words(
    chat: Conversation,
) -> None:
    chat.say("@李书记/网格3群: 各位居民，明天上午9点到11点停水检修")
    with UnitOfWork(chat.linli.sessions) as uow:
        posted = uow.session.scalar(
            select(InboundMessage.message_id).where(InboundMessage.outcome == "announced")
        )
    assert posted is not None
    said = chat.adapter.parse("@李书记/网格3群: 各位居民，明天下午2点到4点停水检修")
    assert said is not None
    edit = replace(said, message_id=f"{posted}:edit", edited=posted)  # Telegram's edit
    assert chat.deliver(edit) == []
    assert chat.text("@王芳/私聊: 明天几点停水") == (
        "11月23日李书记在群里通知：各位居民，明天下午2点到4点停水检修"
    )
    head, *listed = chat.text("@王芳/网格3群: 最近有什么通知").splitlines()
    assert head == "最近7天的通知（1条）：" and "下午2点到4点" in listed[0]


def test_a_question_of_the_communitys_asked_privately_is_passed_to_staff(
    chat: Conversation,
) -> None:
    """「小区什么时候清洗水箱」 privately, which nothing answers, was met with the greeting:
    it is passed to the work group as 问N, and 答复 N answers the asker privately."""
    relayed = (
        "❓问1 居民钱*姨私信问「小区什么时候清洗水箱？」。"
        "回复这条消息，或发送「答复 1 内容」，我替您私信答复。"
    )
    assert chat.say("@钱阿姨/私聊: 小区什么时候清洗水箱？") == [
        ("私聊·钱阿姨", "这个问题我答不了，已转给社区工作人员（问1），会尽快答复您。"),
        ("工作群", relayed),
    ]
    # Asked again before it is answered: passed on once.
    assert chat.say("@钱阿姨/私聊: 小区什么时候清洗水箱？") == [
        ("私聊·钱阿姨", "这个问题已经转给社区工作人员了（问1），请耐心等待答复。")
    ]
    # Small talk, and questions of nothing the community does, are not passed on.
    assert chat.text("@钱阿姨/私聊: 你叫什么名字").startswith("您好，我是邻里。")
    # The list of questions waiting names no one's private chat; the answer goes there.
    assert "问1 私聊的钱*姨：「小区什么时候清洗水箱？」（私信提问）" in chat.text(
        "@张网格/工作群: 答复"
    )
    assert chat.say("@李书记/工作群: 答复 1 12月10日上午清洗，当天上午停水") == [
        ("工作群", "问1 的答复已发到提问人的私聊。"),
        (
            "私聊·钱阿姨",
            "答复「小区什么时候清洗水箱？」：12月10日上午清洗，当天上午停水\n——幸福里社区 李书记",
        ),
    ]
    # Asked of the bot in a group, it is answered there, under the question.
    asked = chat.say("@孙大爷/网格5群: @邻里 社区有没有理发的")
    assert asked[1] == (
        "工作群",
        "❓问2 网格5群的孙*爷问「社区有没有理发的」。"
        "回复这条消息，或发送「答复 2 内容」，我替您发到群里。",
    )
    assert chat.say("@张网格/工作群: 答复 2 每月15号服务站有义剪")[1] == (
        "网格5群",
        "答复「社区有没有理发的」：每月15号服务站有义剪\n——幸福里社区 张网格",
    )


def test_how_to_pay_or_look_up_a_bill_is_a_question_not_a_report(chat: Conversation) -> None:
    """「水费怎么交」 was filed as an issue of 物业服务, and 「能不能帮我查一下我家的水费」 just
    after a report was kept as more of it: a question for staff; the guide's still answers,
    and a bill complained of is still a report."""
    for number, said in enumerate(("水费怎么交", "燃气费在哪交", "电费怎么查"), start=1):
        assert chat.say(f"@周先生/私聊: {said}") == [
            ("私聊·周先生", f"这个问题我答不了，已转给社区工作人员（问{number}），会尽快答复您。"),
            (
                "工作群",
                f"❓问{number} 居民周*生私信问「{said}」。"
                f"回复这条消息，或发送「答复 {number} 内容」，我替您私信答复。",
            ),
        ]
    assert chat.text("@周先生/私聊: 物业费怎么交").startswith("住宅物业费每月1.2元/平方米")
    chat.say("@王芳/私聊: #报事 3号楼楼道灯坏了")
    asked = chat.say("@王芳/私聊: 能不能帮我查一下我家的水费")
    assert asked[0] == ("私聊·王芳", "这个问题我答不了，已转给社区工作人员（问4），会尽快答复您。")
    assert "补充" not in chat.text("@李书记/工作群: 查看 1")
    assert chat.say("@刘阿姨/私聊: 物业乱收费")[0][1].startswith("已登记 #2【物业服务】")


def test_how_a_thing_is_done_is_a_question_not_a_report(chat: Conversation) -> None:
    """「垃圾几点收」「停车证怎么办理」 were filed as problems of 环境卫生 and 停车, each with a
    deadline: questions for staff (问N). A 政务服务 matter asked is still filed for the office,
    and a service said to fail is still a report."""
    for number, said in enumerate(("垃圾几点收", "停车证怎么办理", "装修要准备什么材料"), start=1):
        assert chat.say(f"@周先生/私聊: {said}")[0] == (
            "私聊·周先生",
            f"这个问题我答不了，已转给社区工作人员（问{number}），会尽快答复您。",
        ), said
    assert chat.say("@周先生/私聊: 独生子女证明去哪开")[0][1].startswith("已登记 #1【政务服务】")
    filed = chat.say("@王芳/私聊: 垃圾几点收？都三天没人收了")[0][1]
    assert filed.startswith("已登记 #2【环境卫生】")


def test_a_notice_sent_wrong_is_put_right_in_the_groups_it_went_to(chat: Conversation) -> None:
    chat.say("@李书记/工作群: 群发 网格3 明天上午9点到12点停水，请提前储水")
    chat.say("@李书记/工作群: 群发 网格5 周六上午9点在小广场义诊")
    # In words, of the newest; the correction names what it replaces.
    fixed = "【更正】周日上午9点在小广场义诊（11月23日「周六上午9点在小广场义诊」的通知以此为准）"
    assert chat.say("@李书记/工作群: 刚才的通知有误，应该是周日上午9点在小广场义诊") == [
        ("工作群", "已把更正发到1个群：网格5群。"),
        ("网格5群", notice(fixed, "李书记")),
    ]
    # Questions there are answered with it from then on.
    assert chat.text("@孙大爷/网格5群: 义诊是哪天") == f"11月23日发过通知：{fixed}"
    # Of the notice its words are about, not just the newest.
    replies = chat.say("@李书记/工作群: 通知更正：停水改为明天下午2点到5点")
    assert replies[0] == ("工作群", "已把更正发到1个群：网格3群。")
    assert replies[1][1].startswith(
        "📢 通知：【更正】停水改为明天下午2点到5点（11月23日「明天上午9点"
    )
    # Withdrawn: the newest (the correction, named by its own words); then nothing to correct.
    assert chat.say("@李书记/工作群: 撤回刚才的通知") == [
        ("工作群", "已发到1个群：网格3群。"),
        (
            "网格3群",
            notice(
                "【作废】11月23日「停水改为明天下午2点到5点」的通知作废，请以后续通知为准。",
                "李书记",
            ),
        ),
    ]
    assert chat.text("@李书记/工作群: 更正通知 作废") == (
        "您最新的通知已作废。要发新通知，请用「群发 全部 内容」。"
    )
    # One's own notices only; not for residents.
    assert chat.text("@张网格/工作群: 更正通知 停水改为下午") == (
        "这三天里您没有发过通知。要发新通知，请用「群发 全部 内容」。"
    )
    assert chat.text("@王芳/网格3群: 更正通知 停水改为下午") == "只有网格员及以上可以更正通知。"
    # The secretary puts right a grid worker's notice too, signing the correction.
    chat.say("@张网格/工作群: 群发 网格3 周六上午9点在小广场义诊")
    fixed = chat.say("@李书记/工作群: 更正通知 义诊改在罐罐茶")
    assert fixed[1] == (
        "网格3群",
        notice(
            "【更正】义诊改在罐罐茶（11月23日「周六上午9点在小广场义诊」的通知以此为准）", "李书记"
        ),
    )
    assert len(fixed) == 2  # to the one group it went to
    # Asked how, it is told how; a question is never sent as the correction.
    for asked in ("通知发错了怎么办", "通知写错了，能改吗"):
        assert chat.text(f"@李书记/私聊: {asked}").startswith("更正自己三天内发的通知"), asked


class _LeftGroup:
    """A platform that sends to every group but one, which the bot was removed from."""

    platform = "console"
    help_note = ""

    def __init__(self, gone: str) -> None:
        self.gone = gone

    async def run(self, deliver: object) -> None:
        return None

    async def send(self, message: Outgoing) -> None:
        if isinstance(message, Reply) and message.chat.ref == self.gone:
            raise Undeliverable("bot is not a member of the chat")


def test_the_notices_sent_are_listed_with_whether_each_went_out(chat: Conversation) -> None:
    assert chat.text("@李书记/工作群: 通知记录") == (
        "最近7天没有发过通知，也没有定时群发。发通知：群发 全部 内容"
    )
    chat.say(f"@李书记/工作群: 群发 全部 {WATER}")
    chat.say("@张网格/工作群: 群发 网格3 周六上午9点在小广场义诊")
    asyncio.run(
        Outbox(chat.linli.sessions, {"console": _LeftGroup("幸福里居民群")}, chat.clock).flush()
    )
    chat.clock.set(datetime(2026, 11, 23, 23, tzinfo=SHANGHAI))  # quiet hours: it waits
    chat.say("@李书记/工作群: 群发 网格5 明天上午电梯检修")
    chat.say("@李书记/工作群: 定时群发 周五16:00 全部 周六义诊别忘了")
    listed = chat.text("@李书记/工作群: 最近发了哪些通知").splitlines()
    assert listed == [
        "最近7天的通知（3条）：",
        "11月23日 23:01 李*记→网格5群：明天上午电梯检修（1个群待发，11月24日 7:30）",
        "11月23日 08:03 张*格→网格3群：周六上午9点在小广场义诊（已发出）",
        "11月23日 08:02 李*记→网格3群、网格5群、幸福里居民群："
        "明天9:00-12:00停水，请提前储水。有问题找物业王师傅 13812345…"
        "（幸福里居民群没发出去，请检查机器人是否还在群里）",
        "定时群发：",
        "11月27日 16:00→网格3群、网格5群、幸福里居民群：周六义诊别忘了（取消请发送「提醒 取消 11」）",
    ]
    assert chat.text("@张网格/私聊: 群发 列表").splitlines() == listed
    # Residents see what their group was sent, and nothing still to go.
    assert chat.text("@王芳/网格3群: 最近有什么通知").splitlines() == [
        "最近7天的通知（2条）：",
        "11月23日 08:03 张*格→网格3群：周六上午9点在小广场义诊（已发出）",
        "11月23日 08:02 李*记→网格3群：明天9:00-12:00停水，请提前储水。有问题找物业王师傅 13812345…（已发出）",
    ]
    # A week on, nothing is listed.
    chat.clock.set(datetime(2026, 12, 5, 10, tzinfo=SHANGHAI))
    assert chat.text("@孙大爷/网格5群: 最近有什么通知") == "最近7天没有通知。"


def test_a_notice_to_the_grid_workers_goes_to_the_work_group(chat: Conversation) -> None:
    assert chat.say("@李书记/私聊: 群发 工作群 明天上午9点开会") == [
        ("私聊·李书记", "已发到1个群：工作群。"),
        ("工作群", "📢 通知：明天上午9点开会\n——幸福里社区 李书记"),
    ]
    # 网格员 names it too; 全部 is still the residents' groups alone.
    assert chat.say("@张网格/私聊: 群发 网格员 周五下午我请假")[1][0] == "工作群"
    sent = chat.say("@李书记/私聊: 群发 全部 周六上午义诊")
    assert "工作群" not in {where for where, _ in sent}
