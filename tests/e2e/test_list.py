"""台账 / list: the three colours, filters and pages (chat-protocol §3, §4)."""

from __future__ import annotations

from datetime import timedelta

from tests.support.conversation import Conversation


def file_reports(chat: Conversation, count: int, where: str = "网格3群", building: int = 3) -> None:
    for n in range(count):
        chat.say(f"@王芳/{where}: #报事 {building}号楼{n + 1}单元楼道灯不亮了")


def test_the_ledger_shows_colours_most_urgent_first(chat: Conversation) -> None:
    file_reports(chat, 3)  # lighting is 简单: due the next working day, Tuesday 18:00
    chat.say("@张网格/网格3群: 派单 2 @刘物业 周五")
    chat.say("@张网格/网格3群: 派单 3 @刘物业 今天")
    chat.clock.advance(timedelta(hours=10))  # Monday 18:05: #3 is overdue
    lines = chat.text("@李书记/工作群: 台账").splitlines()
    assert lines == [
        "幸福里社区台账：未办结3条（🔴1 🟡1 🟢1）",
        "🔴 #3【照明路灯】3号楼3单元 · 办理中 · 物业·刘*业 · 期限11月23日",
        "🟡 #1【照明路灯】3号楼1单元 · 待受理 · 期限11月24日",
        "🟢 #2【照明路灯】3号楼2单元 · 办理中 · 物业·刘*业 · 期限11月27日",
    ]
    assert chat.text("@李书记/工作群: 台账 红").splitlines()[1:] == [lines[1]]
    assert chat.text("@李书记/工作群: /list 🟢").splitlines()[1:] == [lines[3]]


def test_what_falls_due_on_a_day_or_in_a_week(chat: Conversation) -> None:
    file_reports(chat, 3)  # Monday 23 November; lighting is due the next working day
    chat.say("@张网格/网格3群: 派单 2 @刘物业 周五")
    chat.say("@张网格/网格3群: 派单 3 @刘物业 今天")
    chat.say("@李书记/私聊: 12345工单2026112300017：5号楼门口井盖松了，办理时限：11月25日")
    chat.say("@李书记/工作群: 派单 4 @刘物业 11月27日")  # later than the order's limit

    def listed(said: str) -> list[str]:
        return [line[2:4] for line in chat.text(said).splitlines()[1:]]

    assert listed("@李书记/工作群: 台账 今天到期") == ["#3"]
    assert listed("@李书记/工作群: 台账 明天到期") == ["#1"]
    assert listed("@李书记/工作群: 台账 后天到期") == ["#4"]  # by the order's time limit
    assert sorted(listed("@李书记/工作群: 台账 本周到期")) == ["#1", "#2", "#3", "#4"]
    assert chat.text("@李书记/工作群: 台账 下周到期") == "没有符合条件（下周到期）的未办结事项。"
    # As people ask for it, in full-width and without a space too; a holder's are theirs.
    assert listed("@李书记/私聊: 今天有哪些到期的？") == ["#3"]
    assert listed("@李书记/私聊: 台账今天到期") == ["#3"]
    assert listed("@李书记/工作群: 明天有到期的吗") == ["#1"]
    assert sorted(listed("@刘物业/私聊: 这周要到期的有几件")) == ["#2", "#3", "#4"]
    # Still due today once its time is gone: overdue, and listed.
    chat.clock.advance(timedelta(hours=10))
    assert chat.text("@李书记/工作群: 台账 今天到期").splitlines()[1].startswith("🔴 #3")
    chat.clock.advance(timedelta(days=1))  # Tuesday: what was due yesterday and is still open
    assert listed("@李书记/工作群: 昨天到期的还有哪些没办") == ["#3"]


def test_residents_see_their_own_and_handlers_what_they_hold(chat: Conversation) -> None:
    file_reports(chat, 2)
    chat.say("@孙大爷/网格3群: #报事 4号楼门口井盖松了")
    chat.say("@张网格/网格3群: 派单 3 物业")
    assert [line[2:5] for line in chat.text("@孙大爷/网格3群: 台账").splitlines()[1:]] == ["#3【"]
    assert "#3【道路井盖】" in chat.text("@刘物业/私聊: 台账")
    # An empty ledger in the words of whose it is.
    assert chat.text("@周主任/私聊: 台账") == "您手上没有未办结的事项。"
    assert chat.text("@周主任/私聊: 台账 红") == "没有符合条件（🔴超期）的未办结事项。"
    assert chat.text("@钱阿姨/幸福里居民群: 台账").startswith("您报过或关注的事项里没有未办结的")


def test_my_to_do_list_as_people_ask_for_it(chat: Conversation) -> None:
    file_reports(chat, 2)
    chat.say("@张网格/网格3群: 派单 2 @刘物业 周五")
    chat.say("@张网格/网格3群: 受理 1")
    held = "🟢 #2【照明路灯】3号楼2单元 · 办理中 · 物业·刘*业 · 期限11月27日"
    for asked in ("我的待办", "待办", "我的事项", "我的任务", "待办事项", "/mine"):
        assert chat.text(f"@刘物业/私聊: {asked}").splitlines()[1:] == [held]
    assert chat.text("@刘物业/私聊: 待办 红") == "没有符合条件（🔴超期）的未办结事项。"
    assert chat.text("@张网格/私聊: 我的待办") == chat.text("@张网格/私聊: 台账 我的")
    assert len(chat.text("@王芳/私聊: 我的事项").splitlines()) == 3  # what she reported
    assert chat.say("@张网格/网格3群: 待办事项太多了，忙不过来") == []
    # 「查看」 alone, privately: one's own; in a group, how to ask for one.
    assert chat.text("@刘物业/私聊: 查看").splitlines()[1:] == [held]
    assert chat.text("@刘物业/网格3群: 查看").startswith("用法：/show 编号")
    # Nothing of one's own, said as whose it is.
    assert chat.text("@周主任/私聊: 我的待办") == "您手上没有未办结的事项。"
    assert chat.text("@孙大爷/私聊: 查看").startswith("您报过或关注的事项里没有未办结的。")


def test_a_workers_to_do_list_is_their_grids_and_what_they_hold(chat: Conversation) -> None:
    """我的待办 for a grid worker: their grids' open issues (they triage and chase them, they
    seldom hold them), and what was handed to them in another grid."""
    file_reports(chat, 2)
    chat.say("@孙大爷/网格5群: #报事 5号楼门口井盖松了")
    chat.say("@李书记/工作群: 派单 3 @张网格 周五")
    lines = chat.text("@张网格/私聊: 我的待办").splitlines()
    assert lines[0] == "幸福里社区台账：未办结3条（🔴0 🟡2 🟢1）"
    assert [line[2:4] for line in lines[1:]] == ["#1", "#2", "#3"]
    assert chat.text("@张网格/网格3群: 台账 我的") == "\n".join(lines)
    assert chat.text("@赵网格/私聊: 我的待办").splitlines()[1:] == [lines[3]]
    chat.say("@张网格/网格3群: 退回 1 重复")
    chat.say("@张网格/网格3群: 退回 2 重复")
    chat.say("@张网格/私聊: 办结 3 已修好")
    assert chat.text("@张网格/私聊: 我的待办") == "您负责的网格没有未办结的事项，您手上也没有。"
    assert chat.text("@李书记/工作群: 我的待办") == "您手上没有未办结的事项。"


def test_the_ledger_by_status_as_staff_say_it(chat: Conversation) -> None:
    """「台账 待受理」: what still needs triage; 已受理 (待派单) and 办理中 likewise."""
    file_reports(chat, 3)
    chat.say("@张网格/网格3群: 受理 2")
    chat.say("@张网格/网格3群: 派单 3 物业")
    assert [line[2:4] for line in chat.text("@张网格/网格3群: 台账 待受理").splitlines()[1:]] == [
        "#1"
    ]
    for word in ("已受理", "待派单"):
        assert chat.text(f"@李书记/工作群: 台账 {word}").splitlines()[1][2:4] == "#2"
    # 未派单: nobody holds them yet, triaged or not.
    undispatched = chat.text("@李书记/工作群: 台账 未派单").splitlines()[1:]
    assert sorted(line[2:4] for line in undispatched) == ["#1", "#2"]
    assert chat.text("@李书记/工作群: 哪些还没派单") == chat.text("@李书记/工作群: 台账 未派单")
    # Asked in words: 「待受理的有哪些」, and the new ones are those not yet taken.
    waiting = chat.text("@李书记/工作群: 台账 待受理")
    for asked in ("待受理的有哪些", "有新的诉求吗", "今天新来的有哪些"):
        assert chat.text(f"@李书记/工作群: {asked}") == waiting, asked
    assert chat.text("@李书记/工作群: 台账 办理中 红") == (
        "没有符合条件（办理中、🔴超期）的未办结事项。"
    )
    assert chat.text("@李书记/工作群: 台账 办理中").splitlines()[1][2:4] == "#3"
    assert chat.text("@李书记/工作群: 台账 已办结") == "没有待回访的事项。"  # done, to be rated
    assert chat.text("@李书记/工作群: 台账 已销号") == (
        "台账只列未办结的事项（待受理、已受理、办理中）和待回访的，不列「已销号」的；"
        "单件请发「查看 编号」。"
    )


def test_workers_see_their_grids_unless_they_ask_for_more(chat: Conversation) -> None:
    file_reports(chat, 1)
    file_reports(chat, 1, where="网格5群", building=6)
    # Kept to their grids, the head says so: the secretary's in the same group shows all.
    assert chat.text("@张网格/网格3群: 台账").startswith("幸福里社区网格3台账：未办结1条")
    assert chat.text("@张网格/网格3群: 台账 全部").startswith("幸福里社区台账：未办结2条")
    assert "#2【" in chat.text("@张网格/网格3群: 台账 网格5")
    assert chat.text("@赵网格/工作群: 台账 红") == "没有符合条件（🔴超期）的未办结事项。"
    chat.say("@李书记/工作群: 办结 2 已修好")
    assert chat.text("@赵网格/工作群: 台账") == (
        "网格5没有未办结的事项。全社区的请发送「台账 全部」。"
    )


def test_pages_of_ten(chat: Conversation) -> None:
    file_reports(chat, 12)
    first = chat.text("@李书记/工作群: 台账").splitlines()
    assert first[0] == "幸福里社区台账：未办结12条（🔴0 🟡12 🟢0），第1/2页"
    assert len(first) == 12 and first[-1] == "下一页：台账 2"
    second = chat.text("@李书记/工作群: 台账 2").splitlines()
    assert len(second) == 3
    assert chat.text("@李书记/工作群: 台账 3") == "没有第3页，共2页。"


def test_filters_by_category_and_a_clear_answer_for_nonsense(chat: Conversation) -> None:
    file_reports(chat, 1)
    chat.say("@王芳/网格3群: #报事 3号楼门口下水道堵了")
    assert "#2【排水管道】" in chat.text("@李书记/工作群: 台账 排水管道")
    assert "#1" not in chat.text("@李书记/工作群: 台账 排水管道")
    assert chat.text("@李书记/工作群: 台账 紫色").startswith("看不懂「紫色」。可以写：红/黄/绿")


def numbers_listed(chat: Conversation, line: str) -> list[str]:
    """The issue numbers a 台账 answer lists, in its order."""
    return [row.split("【")[0][2:] for row in chat.text(line).splitlines()[1:]]


def test_filters_by_who_holds_it(chat: Conversation) -> None:
    """台账 物业 lists what the company holds, also through its contact; 台账 @刘物业 what he
    holds, also through his company; a unit's name beats a category it is part of (物业服务)."""
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@孙大爷/网格5群: #报事 5号楼门口井盖松了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业 3天")
    chat.say("@张网格/网格3群: 派单 2 物业 3天")
    chat.say("@李书记/工作群: 派单 3 街道城管办 3天")

    assert numbers_listed(chat, "@李书记/工作群: 台账 物业") == ["#1", "#2"]
    assert numbers_listed(chat, "@李书记/工作群: 台账 @刘物业") == ["#1", "#2"]
    assert numbers_listed(chat, "@李书记/工作群: 台账 刘物业") == ["#1", "#2"]
    assert numbers_listed(chat, "@李书记/工作群: 台账 城管") == ["#3"]
    assert numbers_listed(chat, "@李书记/工作群: 台账 @周主任 绿") == ["#3"]
    assert numbers_listed(chat, "@王芳/网格3群: 台账 物业") == ["#1", "#2"]  # her own, held by 物业
    assert chat.text("@刘物业/私聊: 台账 城管") == "您的台账只列您承办的事项，无需按承办人筛选。"
    assert chat.text("@李书记/工作群: 台账 @张三").startswith("看不懂「@张三」")


def test_how_many_each_holder_has(chat: Conversation) -> None:
    """台账 单位: a line per unit (whoever of it holds them) or person, the most overdue
    first, those nobody holds yet last; staff only."""
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@孙大爷/网格5群: #报事 5号楼门口井盖松了")
    chat.say("@孙大爷/网格5群: #报事 6号楼门口垃圾没人清")
    chat.say("@张网格/网格3群: 派单 1 @刘物业 3天")
    chat.say("@张网格/网格3群: 派单 2 物业 今天")
    chat.say("@李书记/工作群: 派单 3 @赵网格 3天")
    chat.clock.advance(timedelta(hours=10))  # Monday evening: #2 is overdue
    assert chat.text("@李书记/工作群: 台账 单位").splitlines() == [
        "幸福里社区未办结4条，按承办：",
        "物业 2条（🔴1 🟢1）",
        "赵*格 1条（🟢1）",
        "未派单 1条（🟡1）",
        "看某一家的明细请发送「台账 物业」「台账 @承办人」。",
    ]
    assert chat.text("@李书记/工作群: 台账 红 单位").splitlines()[1:-1] == ["物业 2条（🔴1 🟢1）"]
    assert chat.text("@李书记/工作群: 谁手上的事最多").startswith("幸福里社区未办结4条，按承办")
    assert chat.text("@刘物业/私聊: 台账 单位") == "按承办汇总只有网格员及以上可以看。"
    assert chat.text("@王芳/私聊: 台账 单位") == "按承办汇总只有网格员及以上可以看。"
    # A worker: their grids' issues (网格3), as their 台账.
    assert chat.text("@张网格/网格3群: 台账 单位").splitlines()[1:-1] == ["物业 2条（🔴1 🟢1）"]


def test_filters_by_building(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@孙大爷/网格5群: #报事 5号楼门口井盖松了")
    chat.say("@孙大爷/网格5群: #报事 5栋2单元电梯坏了")

    assert numbers_listed(chat, "@李书记/工作群: 台账 5号楼") == ["#3", "#2"]
    assert numbers_listed(chat, "@李书记/工作群: 台账 ５栋 绿") == ["#2"]
    assert numbers_listed(chat, "@李书记/工作群: 台账 3号楼") == ["#1"]
    assert chat.text("@李书记/工作群: 台账 9号楼") == "没有符合条件（9号楼）的未办结事项。"
    assert chat.text("@李书记/工作群: 9号楼的台账") == "没有符合条件（9号楼）的未办结事项。"
    assert numbers_listed(chat, "@李书记/工作群: 5号楼有什么问题") == ["#3", "#2"]
    assert chat.text("@李书记/工作群: 9号楼有啥问题？") == "没有符合条件（9号楼）的未办结事项。"
    # A 楼栋长 sees their own building's, whichever they ask for.
    assert numbers_listed(chat, "@陈楼长/网格3群: 台账 3号楼") == ["#1"]
    assert chat.text("@陈楼长/网格3群: 台账 5号楼") == "没有符合条件的未办结事项。"


def test_deadlines_in_every_form_and_nonsense(chat: Conversation) -> None:
    file_reports(chat, 1)
    forms = {
        "3天": "11月26日",
        "3个工作日": "11月26日",
        "明天": "11月24日",
        "周五": "11月27日",
        "下周三": "12月2日",
        "12月1日": "12月1日",
        "2026-12-01": "12月1日",
        "12-01 18:00": "12月1日",
        "12-01 9:30": "12月1日 9:30",
        "３个工作日": "11月26日",
    }
    for typed, shown in forms.items():
        reply = chat.say(f"@张网格/网格3群: 派单 1 @刘物业 {typed}")[0][1]
        # The same deadline again (3天 after 3个工作日) is 「…，无需重复。」
        assert reply in (
            f"#1 已派单给 物业·刘*业，期限 {shown}。",
            f"#1 已派单给 物业·刘*业，期限 {shown}，无需重复。",
        ), typed
    nonsense = chat.text("@张网格/网格3群: 派单 1 @王芳 下下下周八")
    assert nonsense.startswith("看不懂期限「下下下周八」")
    assert "3个工作日" in nonsense and "\n" not in nonsense
    assert chat.text("@张网格/网格3群: 派单 1 @刘物业 2025-01-01").startswith("期限")


def test_at_the_end_of_the_calendars_years_the_ledger_still_shows(chat: Conversation) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    chat.clock.set(datetime(2026, 12, 31, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    # The calendar does not know 2027 yet: working days are counted Monday to Friday, and
    # every deadline so counted says so.
    assert chat.text("@王芳/网格3群: #报事 3号楼2单元下水道堵了").startswith("已登记 #1")
    assert chat.say("@张网格/网格3群: 派单 1 @刘物业 3个工作日")[0][1] == (
        "#1 已派单给 物业·刘*业，期限 2027年1月5日（未计2027年节假日）。"
    )
    assert chat.say("@张网格/网格3群: 派单 1 @刘物业 1月8日")[0][1] == (
        "#1 已派单给 物业·刘*业，期限 2027年1月8日（未计2027年节假日）。"
    )
    lines = chat.text("@李书记/工作群: 台账").splitlines()
    assert lines[1].startswith("🟢 #1【排水管道】")
    assert lines[-1].startswith("（2027年节假日安排未收录，颜色暂按周一至周五推算")


def test_a_building_head_sees_their_buildings_issues(chat: Conversation) -> None:
    # 陈楼长 is the head of 3号楼 (config.example.yaml).
    assert chat.text("@陈楼长/网格3群: 台账") == "3号楼没有未办结的事项。"
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@孙大爷/网格5群: #报事 6号楼门口乱停车")
    lines = chat.text("@陈楼长/网格3群: 台账").splitlines()
    assert len(lines) == 2 and lines[1].startswith("🟢 #1【排水管道】3号楼2单元"), lines


def test_the_ledger_asked_in_words_privately_or_in_the_work_group(chat: Conversation) -> None:
    file_reports(chat, 3)
    chat.say("@张网格/网格3群: 派单 2 @刘物业 周五")
    chat.say("@张网格/网格3群: 派单 3 @刘物业 今天")
    chat.clock.advance(timedelta(hours=10))  # Monday 18:05: #3 is overdue, #1 due tomorrow
    overdue = chat.text("@李书记/工作群: 台账 红")
    assert chat.text("@李书记/工作群: 超期的有哪些？") == overdue
    assert chat.text("@李书记/私聊: 有哪些超期了") == overdue
    assert chat.text("@李书记/私聊: 快到期的有几条") == chat.text("@李书记/私聊: 台账 黄")
    assert chat.text("@张网格/私聊: 还有哪些没办完") == chat.text("@张网格/私聊: 台账")
    assert chat.text("@张网格/私聊: 今天有什么事？") == chat.text("@张网格/私聊: 台账")
    assert chat.text("@李书记/工作群: 还有啥活要干") == chat.text("@李书记/工作群: 台账")
    assert chat.text("@刘物业/私聊: 今天的活") == chat.text("@刘物业/私聊: 台账")
    assert chat.text("@李书记/工作群: 今天有什么要紧的") == chat.text("@李书记/工作群: 台账")
    assert chat.text("@张网格/私聊: 1号什么时候修") == chat.text("@张网格/私聊: 查看 1")
    # Narrowed by what is named first.
    assert chat.text("@李书记/工作群: 网格3还有哪些没办完") == chat.text(
        "@李书记/工作群: 台账 网格3"
    )
    assert chat.text("@李书记/私聊: 刘物业手上有几件") == chat.text("@李书记/私聊: 台账 刘物业")
    assert chat.text("@李书记/私聊: 刘物业手上有几件") != chat.text("@李书记/私聊: 台账")
    # A handler: what they hold.
    held = chat.text("@刘物业/私聊: 我手上还有几件")
    assert held == chat.text("@刘物业/私聊: 我的待办")
    assert "#2" in held and "#3" in held and "#1" not in held
    # In a grid group neighbours talk among themselves: no ledger there.
    assert chat.say("@王芳/网格3群: 超期的有哪些") == []
    assert chat.say("@李书记/网格3群: 还有哪些没办完") == []
    # Other questions are no ledger.
    assert chat.say("@李书记/工作群: 超期了怎么办") == []


def test_the_issues_to_call_back_are_those_done_and_not_yet_rated(chat: Conversation) -> None:
    file_reports(chat, 2)
    assert chat.text("@李书记/工作群: 台账 待回访") == "没有待回访的事项。"
    chat.say("@张网格/网格3群: 办结 1 换了灯泡")
    to_call = (
        "幸福里社区待回访（已办结、报事人未评价）：1条\n"
        "📞 #1【照明路灯】3号楼1单元 · 已办结 · 11月23日办结\n"
        "电话回访后请记录：回访 编号 满意/基本满意/不满意"
    )
    assert chat.text("@李书记/工作群: 台账 待回访") == to_call
    assert chat.text("@李书记/工作群: 要回访的有哪些") == to_call
    # A grid worker's are their grid's, named so.
    assert chat.text("@张网格/私聊: 还有哪些没评价") == to_call.replace("社区", "社区网格3", 1)
    # The open ledger does not list it; its reporter is asked to rate it.
    assert "#1" not in chat.text("@李书记/工作群: 台账")
    assert chat.text("@王芳/私聊: 台账 待回访").splitlines()[-1] == (
        "请评价：评价 编号 1-5分，或「满意/基本满意/不满意」"
    )
    chat.say("@李书记/工作群: 回访 1 满意")
    assert chat.text("@李书记/工作群: 台账 待回访") == "没有待回访的事项。"


def test_what_was_done_in_a_period_is_listed(chat: Conversation) -> None:
    file_reports(chat, 2)
    chat.say("@孙大爷/网格5群: #报事 6号楼门口垃圾没人清")
    assert chat.text("@李书记/工作群: 台账 办结") == "今天没有办结的事项。"
    chat.say("@张网格/网格3群: 办结 1 换了灯泡")
    chat.say("@王芳/网格3群: 满意")
    chat.say("@赵网格/网格5群: 办结 3 清走了")
    # Done and closed (销号) or done and waiting for the rating, today unless a period is said.
    today = chat.text("@李书记/工作群: 台账 办结").splitlines()
    assert today == [
        "幸福里社区今天办结2条：",
        "✅ #1【照明路灯】3号楼1单元 · 已销号 · 11月23日办结",
        "📞 #3【环境卫生】6号楼 · 已办结 · 11月23日办结",
    ]
    assert chat.text("@李书记/工作群: 今天办结了哪些").splitlines() == today
    assert chat.text("@李书记/工作群: 本周办结的有哪些").splitlines()[1:] == today[1:]
    assert chat.text("@李书记/工作群: 台账 办结 网格5").splitlines()[1:] == [today[2]]
    # A grid worker's are their grids'; the open ledger still lists only what is open.
    assert chat.text("@张网格/私聊: 我今天办结了哪些").splitlines()[1:] == [today[1]]
    assert chat.text("@李书记/工作群: 台账").startswith("幸福里社区台账：未办结1条")
    # The next day: yesterday's.
    chat.clock.advance(timedelta(days=1))
    assert chat.text("@李书记/工作群: 台账 办结") == "今天没有办结的事项。"
    assert chat.text("@李书记/工作群: 昨天办结了哪些").splitlines()[1:] == today[1:]
    # Counted, it is 统计.
    assert chat.text("@李书记/工作群: 这周办结了几件").startswith("本周收集诉求3条，办结2条")


def test_search_finds_issues_by_their_words_open_or_done(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@刘阿姨/网格3群: #报事 2号楼门口井盖松了，踩上去晃")
    chat.say("@陈大爷/网格5群: #报事 5号楼旁边的井盖丢了，很危险")
    chat.say("@李书记/工作群: 派单 2 物业")
    chat.say("@刘物业/私聊: 办结 2 已固定")
    chat.say("@刘阿姨/网格3群: 满意")
    chat.say("@李书记/工作群: 退回 1 重复反映")
    # Still open first, then the rest, newest first; a closed one marked by how it ended.
    assert chat.text("@李书记/工作群: 搜索 井盖").splitlines() == [
        "含「井盖」的事项：2条（未办结1条）",
        "🟢 #3【道路井盖】紧急 · 5号楼 · 待受理 · 期限11月26日",
        "✅ #2【道路井盖】2号楼 · 已销号 · 物业 · 11月23日办结",
    ]
    # Every word must be in it; 查找 is the same; nothing found says so, changing nothing.
    assert chat.text("@李书记/工作群: 查找 井盖 5号楼").splitlines()[1:] == [
        "🟢 #3【道路井盖】紧急 · 5号楼 · 待受理 · 期限11月26日"
    ]
    assert chat.text("@李书记/工作群: 搜索 火星") == "没有找到含「火星」的事项。"
    assert chat.text("@李书记/工作群: 搜索").startswith("用法：/search 关键词")
    assert chat.say("@李书记/工作群: 搜索一下附近的超市") == []
    # A resident finds their own; the one holding it what they held.
    assert chat.text("@王芳/网格3群: 搜索 灯").splitlines() == [
        "含「灯」的事项：1条（未办结0条）",
        "⛔ #1【照明路灯】3号楼2单元 · 已退回",
    ]
    assert chat.text("@王芳/私聊: 搜索 井盖") == "没有找到含「井盖」的事项。"
    assert chat.text("@刘物业/私聊: 搜索 井盖").splitlines()[1:] == [
        "✅ #2【道路井盖】2号楼 · 已销号 · 物业 · 11月23日办结"
    ]


def test_staff_search_what_someone_reported_never_naming_a_private_reporter(
    chat: Conversation,
) -> None:
    """「搜索 王芳」「王芳反映过哪些问题」: her reports; one she made privately is shown to the
    secretary alone, in a private chat (chat-protocol §9), and a group sees her masked."""
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@王芳/私聊: 我家楼上天天吵，3号楼2单元401")
    chat.say("@刘阿姨/网格3群: #报事 2号楼门口井盖松了")
    assert chat.text("@李书记/私聊: 搜索 王芳").splitlines() == [
        "王芳反映的事项：2条（未办结2条）",
        "🟢 #2【噪音扰民】3号楼2单元 · 待受理 · 期限11月26日",
        "🟡 #1【照明路灯】3号楼2单元 · 待受理 · 期限11月24日",
    ]
    in_group = chat.text("@李书记/工作群: 王芳反映过哪些问题").splitlines()
    assert in_group[0] == "王*反映的事项：1条（未办结1条）" and "#2" not in "".join(in_group)
    assert "#2" not in chat.text("@张网格/私聊: 查一下王芳反映的")
    # Her own name from herself: her 台账; among neighbours, chat; a word no one is called:
    # the words searched, as before.
    assert chat.text("@王芳/私聊: 王芳反映过哪些问题").startswith("幸福里社区台账：未办结2条")
    assert chat.say("@孙大爷/网格3群: 王芳反映过哪些问题") == []
    assert chat.text("@李书记/私聊: 搜索 井盖").startswith("含「井盖」的事项：1条")


def test_staff_act_on_someones_report_by_their_name(chat: Conversation) -> None:
    """「把王芳的事情标为紧急」 was filed as an urgent report of its own, the work group alarmed:
    it is 加急 of her one open report; of several, which is asked."""
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@孙大爷/网格5群: #报事 5号楼东边路灯不亮")
    chat.say("@孙大爷/网格5群: #报事 5号楼门口井盖松了")
    replies = chat.say("@李书记/私聊: 把王芳的事情标为紧急")
    assert replies[0] == ("私聊·李书记", "#1 已加急，夜里也照常提醒，已告知 张*格。")
    assert [where for where, _ in replies[1:]] == ["私聊·张网格"]
    assigned = chat.say("@李书记/工作群: 把王芳的事派给刘物业")
    assert assigned[0] == ("工作群", "#1 已派单给 物业·刘*业，期限 11月24日。")
    assert chat.say("@张网格/私聊: 王芳反映的那件催一下")[0][1] == "已催办 #1（物业·刘*业）。"
    assert chat.text("@李书记/私聊: 孙大爷的问题催一下").splitlines() == [
        "孙大爷反映的未办结事项有2条，请说是哪一条（如「催办 编号」）：",
        "🟢 #3【道路井盖】5号楼 · 待受理 · 期限11月26日",
        "🟡 #2【照明路灯】5号楼 · 待受理 · 期限11月24日",
    ]
    # No one called so, or no one named: how to name the issue. Nothing is filed.
    assert chat.text("@李书记/私聊: 把陈大爷的事情加急") == (
        "没有找到陈大爷反映的事项。请用「加急 编号」。"
    )
    assert chat.text("@李书记/私聊: 这个事情标为紧急").startswith("用法：/hurry 编号")
    # Someone whose reports are all done: said so.
    chat.say("@李书记/私聊: 办结 1 灯已换好")
    assert chat.text("@李书记/私聊: 把王芳的事情加急") == "王芳没有未办结的反映。"
    # A resident may not act on a neighbour's.
    assert chat.text("@王芳/私聊: 把孙大爷的事情加急") == "只能查看自己反映或关注的事项。"
    assert chat.text("@李书记/私聊: 台账").startswith("幸福里社区台账：未办结2条")


def test_the_ledger_asked_of_the_bot_in_a_residents_group_is_answered_there(
    chat: Conversation,
) -> None:
    """「@邻里 …」 in a grid group asks the bot, as privately: the 台账 each may see, never a
    补充 of the asker's own report or a new one."""
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@刘阿姨/网格3群: #报事 5号楼门口井盖松了")
    assert chat.text("@陈楼长/网格3群: @邻里 我们楼有几件没办完").splitlines() == [
        "幸福里社区3号楼台账：未办结1条（🔴0 🟡1 🟢0）",
        "🟡 #1【照明路灯】3号楼 · 待受理 · 期限11月24日",
    ]
    assert chat.say("@刘阿姨/网格3群: @邻里 超期的有哪些") == [
        ("网格3群", "没有符合条件（🔴超期）的未办结事项。")
    ]
    # A neighbour's reports are not hers to see, said to the bot in a group or privately.
    for where in ("网格3群: @邻里 ", "私聊: "):
        said = f"@刘阿姨/{where}王芳反映过哪些问题"
        assert chat.text(said) == "只能查看自己反映或关注的事项。"
    # A grid worker asking the bot is answered; asking the neighbours, the bot keeps out.
    assert chat.text("@张网格/网格3群: @邻里 3号楼灯修好了吗").splitlines() == [
        "3号楼【照明路灯】的事项：",
        "🟡 #1【照明路灯】3号楼 · 待受理 · 期限11月24日",
    ]
    assert chat.say("@张网格/网格3群: 3号楼灯修好了吗") == []
    shown = chat.text("@李书记/工作群: 查看 2")
    assert "补充" not in shown and "超期的有哪些" not in shown
    assert chat.text("@李书记/工作群: 台账").startswith("幸福里社区台账：未办结2条")


def test_search_pages(chat: Conversation) -> None:
    file_reports(chat, 12)
    first = chat.text("@李书记/工作群: 搜索 楼道灯").splitlines()
    assert first[0] == "含「楼道灯」的事项：12条（未办结12条），第1/2页"
    assert len(first) == 12 and first[-1] == "下一页：搜索 楼道灯 2"
    assert first[1].startswith("🟡 #12【照明路灯】")  # newest first
    second = chat.text("@李书记/工作群: 搜索 楼道灯 2").splitlines()
    assert [line.split("【")[0] for line in second[1:]] == ["🟡 #2", "🟡 #1"]
    assert chat.text("@李书记/工作群: 搜索 楼道灯 3") == "没有第3页，共2页。"


def test_the_open_issues_filed_in_a_period(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")  # Monday 23 November
    chat.clock.advance(timedelta(days=9))  # Wednesday 2 December
    chat.say("@刘阿姨/网格3群: #报事 2号楼下水道堵了，返水")
    november = chat.text("@李书记/工作群: 台账 上月").splitlines()
    assert november == [
        "幸福里社区台账（11月收集）：未办结1条（🔴1 🟡0 🟢0）",
        "🔴 #1【照明路灯】3号楼2单元 · 待受理 · 期限11月24日",
    ]
    assert chat.text("@李书记/工作群: 台账 11月").splitlines()[1:] == november[1:]
    assert chat.text("@李书记/工作群: 台账 11月1日 到 11月30日").splitlines()[1:] == november[1:]
    assert chat.text("@李书记/工作群: 上个月的还有哪些没办").splitlines() == november
    assert chat.text("@李书记/工作群: 台账 本月").splitlines()[1:] == [
        "🟢 #2【排水管道】2号楼 · 待受理 · 期限12月7日"
    ]
    assert chat.text("@李书记/工作群: 台账 10月") == "没有符合条件（10月）的未办结事项。"
    assert (
        chat.text("@李书记/工作群: 台账 上月 绿") == "没有符合条件（上月、🟢未到期）的未办结事项。"
    )


def test_a_problem_asked_after_by_what_and_where_shows_its_issues(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯不亮")
    chat.say("@刘阿姨/网格3群: #报事 3号楼1单元下水道堵了")
    chat.say("@孙大爷/网格5群: #报事 6号楼楼道灯坏了")
    chat.say("@李书记/工作群: 派单 1 物业 明天")
    # A 楼栋长 privately: their building's issue of that problem, as their 台账 would list it.
    lit = "🟡 #1【照明路灯】3号楼2单元 · 办理中 · 物业 · 期限11月24日"
    assert chat.text("@陈楼长/私聊: 3号楼2单元灯修好了吗").splitlines() == [
        "3号楼2单元【照明路灯】的事项：",
        lit,
    ]
    assert chat.text("@陈楼长/私聊: 楼道灯修好了吗").splitlines()[1:] == [lit]  # not 6号楼's
    assert chat.text("@陈楼长/私聊: 6号楼楼道灯修好了吗") == "没有找到6号楼【照明路灯】的事项。"
    # Staff, privately or in the work group; every building, and one done lately too.
    lines = chat.text("@李书记/工作群: 楼道灯什么时候能修好").splitlines()
    assert [line[2:5] for line in lines[1:]] == ["#3【", "#1【"]
    chat.say("@张网格/工作群: 办结 2 已疏通")
    assert chat.text("@张网格/私聊: 3号楼下水道通了没").splitlines() == [
        "3号楼【排水管道】的事项：",
        chat.text("@张网格/私聊: 搜索 下水道").splitlines()[1],
    ]
    assert "#2" in chat.text("@张网格/私聊: 3号楼怎么样了")
    # A resident asks after their own reports, as before; among neighbours it stays talk.
    assert chat.text("@钱阿姨/私聊: 6号楼楼道灯修好了吗").startswith("没有找到您反映的未办结事项。")
    assert chat.say("@张网格/网格3群: 3号楼灯修好了吗") == []
    # Words that name neither a problem nor a place are not such a question.
    assert chat.say("@李书记/工作群: 月报写好了吗") == []
