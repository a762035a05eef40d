"""挂起 / 恢复: an issue's clock stopped while it waits, and started again with its deadline moved
on by the working days it stood still. Monday 23 November 2026 at 08:00."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from bot.messages import Document
from handlers.export import LEDGER_HEADERS
from tests.support.conversation import Conversation

SH = ZoneInfo("Asia/Shanghai")
WORK, G3, LIU = "工作群", "网格3群", "私聊·刘物业"


def heating_held_by_the_property(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道暖气不热")  # 供暖 is 复杂: due Thursday 26th
    chat.say("@张网格/网格3群: 派单 1 物业")


def test_a_suspended_issue_has_no_clock_until_it_resumes(chat: Conversation) -> None:
    heating_held_by_the_property(chat)
    told = "#1 已挂起：等维修基金表决。挂起期间不计期限，恢复办理后期限顺延。"
    # Its chat, the work group and whoever works on it hear why.
    assert chat.say("@李书记/工作群: 挂起 1 等维修基金表决") == [
        (WORK, told),
        (G3, told),
        (LIU, told),
    ]
    ledger = chat.text("@李书记/工作群: 台账").splitlines()
    assert ledger == [
        "幸福里社区台账：未办结1条（🔴0 🟡0 🟢0 ⏸1）",
        "⏸ #1【供暖】3号楼 · 办理中 · 物业 · 挂起（11月23日起）",
    ]
    assert chat.text("@李书记/工作群: 台账 挂起").splitlines() == ledger
    # The month's figures count it apart: never 超期 while its clock is stopped.
    assert chat.text("@李书记/工作群: 统计 本月").splitlines()[0] == (
        "本月收集诉求1条，办结0条（办结率0%），暂无评价，超期0条，挂起1条。分类前三：供暖1。"
    )
    assert "物业 1条（⏸1）" in chat.text("@李书记/工作群: 台账 单位").splitlines()
    assert chat.text("@李书记/工作群: 挂起的有哪些").splitlines() == ledger
    shown = chat.text("@王芳/网格3群: 查看 1").splitlines()
    assert "⏸ 挂起（11月23日起） · 承办：物业" in shown
    assert shown[-1].endswith("挂起：等维修基金表决（原期限 11月26日）")
    # Past its old deadline nothing is overdue, nobody is reminded of it.
    fired = chat.run_until(datetime(2026, 12, 4, 10, tzinfo=SH))
    assert not [text for _, _, text in fired if "#1" in text]
    digests = [text for _, where, text in fired if where == WORK and "📋 今日台账" in text]
    assert digests and all("未办结1条，🔴0 🟡0 🟢0 ⏸1" in text for text in digests)
    # The monthly report says how many are suspended (in no 超期 figure).
    [report] = [text for _, _, text in fired if "📊 月报" in text]
    assert "目前挂起1条（不计期限）：发送「台账 挂起」查看。" in report.splitlines()
    # Monday's weekly digest asks that it be looked at again, so it is not forgotten.
    [monday] = [text for when, where, text in fired if when == "11-30 09:00" and where == WORK]
    assert "⏸ 挂起1条：发送「台账 挂起」查看，能办了请发送「恢复 编号」。" in monday.splitlines()
    assert chat.text("@李书记/工作群: 台账 红") == "没有符合条件（🔴超期）的未办结事项。"
    # A month that is over is judged at its end: 挂起 is said of a period still running.
    assert "超期0条。" in chat.text("@李书记/工作群: 统计 上月").splitlines()[0]
    [sent] = chat.send("@李书记/私聊: 导出 上月")  # and so does the exported sheet
    assert isinstance(sent, Document)
    assert "超期0条。" in str(load_workbook(BytesIO(sent.content))["统计"]["A3"].value)
    # Friday 4 December, nine working days on: due Wednesday 9 December instead of the 26th.
    resumed = "#1 恢复办理，期限顺延至 12月9日。"
    assert chat.say("@张网格/私聊: 恢复 1") == [
        ("私聊·张网格", resumed),
        (G3, resumed),
        (WORK, resumed),
        (LIU, resumed),
    ]
    assert chat.text("@李书记/工作群: 台账").splitlines()[1] == (
        "🟢 #1【供暖】3号楼 · 办理中 · 物业 · 期限12月9日"
    )
    assert (
        chat.text("@李书记/工作群: 查看 1")
        .splitlines()[-1]
        .endswith("恢复办理：挂起9个工作日，期限顺延至 12月9日")
    )
    assert chat.text("@李书记/工作群: 恢复 1") == "#1 没有挂起。"


def test_who_may_suspend_and_what_is_refused(chat: Conversation) -> None:
    heating_held_by_the_property(chat)
    assert chat.text("@李书记/工作群: 挂起 1") == "请写明挂起原因，例如：挂起 1 等开春施工"
    assert chat.text("@刘物业/私聊: 挂起 1 等配件") == "只有网格员及以上可以挂起。"
    assert chat.text("@赵网格/工作群: 挂起 1 等开春") == (
        "这件事不在您负责的网格，请联系书记或该网格的网格员。"
    )
    assert chat.text("@李书记/工作群: 挂起 9 等开春") == "没有找到 #9。"
    assert (
        chat.text("@李书记/工作群: 挂起 1 " + "等" * 501) == "说明最多500字，请写简短些再发一次。"
    )
    assert "期限11月26日" in chat.text("@李书记/工作群: 台账")  # nothing changed
    chat.say("@张网格/网格3群: 挂起 1 等开春")
    assert chat.text("@张网格/网格3群: 挂起 1 再等等") == (
        "#1 已经挂起了。恢复办理请发送「恢复 1」。"
    )
    chat.say("@刘物业/私聊: 办结 1 暖气片换了")
    assert chat.text("@李书记/工作群: 挂起 1 等开春") == "#1 已办结，不能挂起。"
    assert chat.text("@李书记/工作群: 恢复 1") == "#1 已办结，不能恢复办理。"


def test_a_new_deadline_or_its_end_starts_the_clock_again(chat: Conversation) -> None:
    heating_held_by_the_property(chat)
    chat.say("@李书记/工作群: 挂起 1 等开春")
    chat.say("@李书记/工作群: 延期 1 12月18日 开春提前了")
    assert chat.text("@李书记/工作群: 台账").splitlines()[1].endswith("期限12月18日")
    assert chat.text("@李书记/工作群: 恢复 1") == "#1 没有挂起。"
    chat.say("@李书记/工作群: 挂起 1 还是要等")
    chat.say("@刘物业/私聊: 办结 1 修好了")
    chat.say("@王芳/网格3群: 不满意，还是不热")  # reopened: a fresh deadline, no 挂起
    assert "挂起" not in chat.text("@李书记/工作群: 台账")


def test_held_over_in_words_is_told_the_suspension(chat: Conversation) -> None:
    heating_held_by_the_property(chat)
    assert chat.text("@张网格/私聊: 1号先放一放") == (
        "#1 要暂缓，请发送「挂起 1 先放一放」，挂起期间不计期限，「恢复 1」后顺延；"
        "知道哪天办的话，也可以「延期 1 新期限 先放一放」。"
    )
    # Its holder, who may not 挂起, is told the 延期 they may ask for.
    assert chat.text("@刘物业/私聊: 1号要等开春才能修") == (
        "#1 要暂缓的话，请发送「延期 1 新期限 要等开春才能修」申请延期，社区同意后生效；"
        "一时定不了日子的，可请网格员挂起。"
    )
    assert chat.say("@张网格/私聊: 暂缓 1 先放一放")[0] == (
        "私聊·张网格",
        "#1 已挂起：先放一放。挂起期间不计期限，恢复办理后期限顺延。",
    )


def test_the_exported_ledger_shows_the_stopped_clock(chat: Conversation) -> None:
    heating_held_by_the_property(chat)
    chat.say("@李书记/工作群: 挂起 1 等维修基金表决")
    [sent] = chat.send("@李书记/私聊: 导出 本月")
    assert isinstance(sent, Document)
    sheet = load_workbook(BytesIO(sent.content))["台账"]
    row = dict(zip(LEDGER_HEADERS, next(sheet.iter_rows(min_row=2, values_only=True)), strict=True))
    assert (row["期限"], row["颜色"]) == ("挂起（11月23日起）", "⏸")


def test_suspended_and_resumed_in_words(chat: Conversation) -> None:
    heating_held_by_the_property(chat)
    assert chat.say("@李书记/工作群: 1号挂起，等维修基金表决")[0] == (
        WORK,
        "#1 已挂起：等维修基金表决。挂起期间不计期限，恢复办理后期限顺延。",
    )
    assert chat.text("@李书记/工作群: 1号挂起了吗") == chat.text("@李书记/工作群: 查看 1")
    assert chat.text("@张网格/私聊: 把2号先挂起") == "没有找到 #2。"
    assert chat.say("@张网格/私聊: 1号可以恢复了")[0] == (
        "私聊·张网格",
        "#1 恢复办理，期限顺延至 11月26日。",
    )
    assert chat.text("@李书记/工作群: 恢复1号") == "#1 没有挂起。"
    # Taken back in other words; why it was, asked.
    for said in ("取消1号的挂起", "1号不挂起了"):
        chat.say("@李书记/工作群: 挂起 1 等维修基金表决")
        assert chat.text("@李书记/工作群: 1号挂起的原因是什么") == chat.text(
            "@李书记/工作群: 查看 1"
        )
        assert chat.say(f"@李书记/工作群: {said}")[0][1].startswith("#1 恢复办理"), said
    assert (
        chat.text("@李书记/工作群: 查看 1")
        .splitlines()[-1]
        .endswith("恢复办理：挂起未满一个工作日，期限仍是 11月26日")
    )
    # 「恢复」 alone is words (the water back on), not the command.
    assert chat.say("@王芳/网格3群: 恢复") == []


def test_a_suspension_till_a_day_resumes_by_itself_that_morning(chat: Conversation) -> None:
    heating_held_by_the_property(chat)
    told = "#1 已挂起至12月4日：等维修基金表决。挂起期间不计期限，12月4日自动恢复办理，期限顺延。"
    assert chat.say("@李书记/工作群: 挂起 1 到12月4日 等维修基金表决") == [
        (WORK, told),
        (G3, told),
        (LIU, told),
    ]
    assert chat.text("@李书记/工作群: 台账").splitlines()[1] == (
        "⏸ #1【供暖】3号楼 · 办理中 · 物业 · 挂起（11月23日起，12月4日恢复）"
    )
    shown = chat.text("@李书记/工作群: 查看 1").splitlines()
    assert shown[-1].endswith("挂起：等维修基金表决（原期限 11月26日，12月4日恢复）")
    # Why, and till when, asked in words: its record says.
    assert chat.text("@李书记/工作群: 1号什么时候恢复") == "\n".join(shown)
    assert chat.text("@王芳/网格3群: 1号怎么挂起了") == "\n".join(shown)
    # That Friday morning it resumes as 「恢复 1」 would, and the same people hear of it.
    fired = chat.run_until(datetime(2026, 12, 4, 10, tzinfo=SH))
    resumed = "#1 挂起到12月4日，今天恢复办理，期限顺延至 12月9日。"
    heard = [(when, where) for when, where, text in fired if resumed in text]
    assert heard == [("12-04 09:00", G3), ("12-04 09:00", WORK), ("12-04 09:00", LIU)]
    # That week's Monday digest said it was coming; nothing else spoke of it before.
    [monday] = [text for when, where, text in fired if when == "11-30 09:00" and where == WORK]
    assert (
        "⏸ 挂起1条：发送「台账 挂起」查看，能办了请发送「恢复 编号」。本周到期自动恢复：#1（12月4日）。"
        in monday.splitlines()
    )
    assert not [
        text
        for when, _, text in fired
        if "#1" in text and when not in ("11-30 09:00", "12-04 09:00")
    ]
    assert chat.text("@李书记/工作群: 台账").splitlines()[1] == (
        "🟢 #1【供暖】3号楼 · 办理中 · 物业 · 期限12月9日"
    )
    shown = chat.text("@李书记/工作群: 查看 1").splitlines()
    assert shown[-1] == (
        "12月4日 09:00 系统 恢复办理：挂起期满（12月4日）；挂起9个工作日，期限顺延至 12月9日"
    )


def test_the_day_it_resumes_is_said_in_words_and_can_be_moved(chat: Conversation) -> None:
    heating_held_by_the_property(chat)
    chat.say("@王芳/网格3群: #报事 5号楼路灯坏了")
    # After the reason, a month alone (its first day), as people put it.
    assert chat.say("@李书记/工作群: 挂起 1 等开春施工，明年3月恢复")[0] == (
        WORK,
        "#1 已挂起至3月1日：等开春施工。挂起期间不计期限，3月1日自动恢复办理，期限顺延。",
    )
    # Said again with another day, the day moves; in words too.
    assert chat.say("@李书记/工作群: 1号挂起到12月10日")[0] == (
        WORK,
        "#1 改为12月10日自动恢复办理。",
    )
    assert chat.text("@李书记/工作群: 挂起 1 到12月10日") == (
        "#1 已经挂起了。恢复办理请发送「恢复 1」。"
    )
    # A day gone by, or no reason, changes nothing.
    assert chat.text("@李书记/工作群: 挂起 2 到11月20日 等配件") == (
        "11月20日已经到了，挂起请写今天以后的日子。"
    )
    assert chat.text("@李书记/工作群: 挂起 2 直到下个月") == (
        "请写明挂起原因，例如：挂起 2 到12月1日 等开春施工"
    )
    # A Saturday: the Monday morning after it.
    assert chat.say("@李书记/工作群: 2号挂起到12月5日，等配件")[0] == (
        WORK,
        "#2 已挂起至12月7日：等配件。挂起期间不计期限，12月7日自动恢复办理，期限顺延。",
    )
    # Resumed by hand before the day, nothing resumes it again.
    chat.say("@李书记/工作群: 恢复 1")
    fired = chat.run_until(datetime(2026, 12, 11, 10, tzinfo=SH))
    assert not [text for _, _, text in fired if "#1 挂起到" in text]
    assert [
        when for when, where, text in fired if "#2 挂起到12月7日" in text and where == WORK
    ] == ["12-07 09:00"]


def test_a_suspended_issue_is_not_chased_and_its_reporter_is_told_why(chat: Conversation) -> None:
    heating_held_by_the_property(chat)
    chat.say("@李书记/工作群: 挂起 1 到3月1日 等开春施工")
    assert chat.say("@李书记/工作群: 1号催一下") == [
        (WORK, "#1 已挂起（等开春施工，3月1日恢复），不计期限，无需催办；能办了请发送「恢复 1」。")
    ]
    assert chat.text("@李书记/工作群: 催办 物业").startswith("物业手上没有可催办的事项")
    # Its reporter pressing, after its first hour, hears why; its grid worker, how to resume.
    chat.run_until(datetime(2026, 11, 24, 11, tzinfo=SH))
    assert chat.say("@王芳/网格3群: 都一天了还没人来") == [
        (G3, "#1 目前暂缓办理：等开春施工，3月1日恢复。已转告网格员 张网格。"),
        (
            "私聊·张网格",
            "#1 王*催问进度（办理中，已挂起：等开春施工，3月1日恢复）。能办了请「恢复 1」。",
        ),
    ]


def test_the_day_is_read_however_it_is_typed(chat: Conversation) -> None:
    for place in ("3号楼楼道暖气不热", "5号楼路灯坏了", "6号楼路灯坏了"):
        chat.say(f"@王芳/网格3群: #报事 {place}")
    said = {
        "挂起 1 到3月1日等开春施工": "#1 已挂起至3月1日：等开春施工。",  # no space after the day
        "挂起 2 到明年3月再说，等配件": "#2 已挂起至3月1日：等配件。",
        "挂起 3 等维修基金到位": "#3 已挂起：等维修基金到位。",  # 到位 names no day
    }
    for words, told in said.items():
        assert chat.say(f"@李书记/工作群: {words}")[0][1].startswith(told), words
    # A day more than a year ahead is refused, and nothing changes.
    chat.say("@王芳/网格3群: #报事 7号楼路灯坏了")
    assert chat.text("@李书记/工作群: 挂起 4 到2028年3月1日 等配件") == (
        "「2028年3月1日」太远了：挂起的日子最多一年以内。不写日子也可以挂起，能办时发送「恢复 编号」。"
    )
    assert "挂起" not in chat.text("@李书记/工作群: 查看 4")
