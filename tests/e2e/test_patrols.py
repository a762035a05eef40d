"""走访 and 巡查: grid workers' rounds kept as a record of their work, listed, taken back and
counted (统计 … 走访, the monthly report, 统计 … 人员).

Cast of the example config: 张网格 works 网格3 (buildings 1–4), 赵网格 网格5 (5–8), 陈楼长 is the
head of building 3, 王芳 a resident; the week starts Monday 23 November 2026, 08:00.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.web import patrols as patrol_pages
from handlers import patrols
from tests.support.conversation import Conversation
from tests.support.web import sign_in, visible

G3, WORK = "网格3群", "工作群"
ZHANG, ZHAO, CHEN = "私聊·张网格", "私聊·赵网格", "私聊·陈楼长"


def test_a_round_is_kept_and_counted_for_its_grid(chat: Conversation) -> None:
    assert chat.say("@张网格/私聊: 走访 3号楼2单元 入户12户 无异常") == [
        (ZHANG, "已记录走访：3号楼2单元 入户12户 无异常（网格3）。您本月第1次。")
    ]
    # Said as they say it, privately or in the work group; the building says whose grid.
    assert chat.say("@张网格/工作群: 今天上午巡查了5号楼，一切正常") == [
        (WORK, "已记录走访：5号楼，一切正常（网格5）。您本月第2次。")
    ]
    assert chat.say("@赵网格/私聊: 走访 ６号楼 入户８户") == [
        (ZHAO, "已记录走访：６号楼 入户８户（网格5）。您本月第1次。")
    ]
    assert chat.text("@李书记/工作群: 统计 本月 走访").splitlines() == [
        "本月走访巡查3次，入户20户。",
        "张*格：2次，入户12户",
        "赵*格：1次，入户8户",
    ]
    # The grids nobody went round are named: what the secretary looks for.
    assert chat.text("@李书记/工作群: 统计 上月 走访").splitlines() == [
        "10月没有走访记录。",
        "网格3：10月无走访记录",
        "网格5：10月无走访记录",
    ]
    assert chat.text("@李书记/工作群: 统计 本月 网格5 走访").splitlines() == [
        "本月走访巡查2次，入户8户。",
        "张*格：1次",
        "赵*格：1次，入户8户",
    ]
    assert chat.text("@李书记/工作群: 统计 本月 赵网格 走访").splitlines() == [
        "本月走访巡查1次，入户8户。",
        "赵*格：1次，入户8户",
    ]
    # The list, by grid or by whom, for the secretary; anyone else sees their own.
    assert chat.text("@李书记/工作群: 走访 列表 网格3").splitlines() == [
        "本周走访记录1次，入户12户：",
        "11月23日 张*格 3号楼2单元 入户12户 无异常",
    ]
    assert chat.text("@李书记/工作群: 走访 列表 本月 @赵网格").splitlines()[1:] == [
        "11月23日 赵*格 ６号楼 入户８户"
    ]
    assert "赵*格" not in chat.text("@张网格/私聊: 走访 列表 赵网格")


def test_a_problem_found_on_a_round_is_kept_and_the_way_to_file_it_told(
    chat: Conversation,
) -> None:
    assert chat.say("@张网格/工作群: 上午巡查了5号楼，发现楼道堆物") == [
        (
            WORK,
            "已记录走访：5号楼，发现楼道堆物（网格5）。您本月第1次。"
            "发现的问题要跟进，请发送「#报事 5号楼 楼道堆物」登记。",
        )
    ]
    # Said plainly, as a problem reads, too; 「没发现问题」 is none.
    told = chat.text("@陈楼长/私聊: 今天巡楼了，3号楼楼道灯不亮")
    assert told.endswith("请发送「#报事 3号楼楼道灯不亮」登记。")
    assert "#报事" not in chat.text("@张网格/私聊: 今天走访了3号楼，没发现问题")
    assert chat.text("@李书记/工作群: 统计 本月 走访").startswith("本月走访巡查3次，发现问题2处。")
    # Things said to be in order are no problem, whatever category their words name.
    assert "#报事" not in chat.text("@张网格/私聊: 今天巡查了5号楼，消防通道畅通")
    # Nothing was filed: a round is a record, not a report.
    assert chat.text("@李书记/工作群: 台账") == "没有未办结的事项。"
    # 「巡查发现…」 is a report, as before.
    assert chat.text("@李书记/工作群: 巡查发现3号楼井盖坏了").startswith("已登记 #1【道路井盖】")


def test_a_round_of_yesterday_counts_on_its_day_and_the_last_one_can_be_taken_back(
    chat: Conversation,
) -> None:
    chat.say("@张网格/私聊: 走访 3号楼 入户5户")
    assert chat.text("@张网格/私聊: 昨天走访了王大爷家，电话13812345678") == (
        "已记录昨天走访：王大爷家，电话13812345678（网格3）。您本月第2次。"
    )
    # Sunday's round is not this week's.
    assert chat.text("@张网格/私聊: 走访 列表").splitlines() == [
        "本周走访记录1次，入户5户：",
        "11月23日 张*格 3号楼 入户5户",
    ]
    # Listed in a group, a phone number is masked.
    assert chat.text("@李书记/工作群: 走访 列表 本月").splitlines() == [
        "本月走访记录2次，入户5户：",
        "11月23日 张*格 3号楼 入户5户",
        "11月22日 张*格 王大爷家，电话138****5678",
    ]
    assert chat.text("@张网格/私聊: 走访 撤回") == (
        "已撤回11月22日的走访记录：王大爷家，电话13812345678。"
    )
    assert chat.text("@张网格/私聊: 走访 撤回") == "已撤回11月23日的走访记录：3号楼 入户5户。"
    assert chat.text("@张网格/私聊: 走访 撤回") == "您今天没有可撤回的走访记录。"
    assert chat.text("@李书记/工作群: 走访 列表").startswith("本周没有走访记录。")


def test_only_staff_and_heads_keep_rounds_and_neighbours_talk_freely(chat: Conversation) -> None:
    assert chat.say("@王芳/私聊: 走访 3号楼") == [
        ("私聊·王芳", "只有网格员、楼栋长或书记可以记录走访。")
    ]
    # Among neighbours, these are words to neighbours, whoever says them.
    assert chat.say("@王芳/网格3群: 今天走访了亲戚") == []
    assert chat.say("@张网格/网格3群: 今天走访了3号楼，大家有事可以找我") == []
    assert chat.say("@李书记/工作群: 今天走访了吗") == []  # a question
    assert chat.text("@李书记/工作群: 走访 列表").startswith("本周没有走访记录。")
    # A head's round of their building counts; naming no building, it is theirs.
    assert chat.say("@陈楼长/私聊: 走访 3号楼 入户6户") == [
        (CHEN, "已记录走访：3号楼 入户6户（网格3）。您本月第1次。")
    ]
    assert chat.text("@陈楼长/私聊: 今天巡楼了，2单元门口很干净") == (
        "已记录走访：2单元门口很干净（网格3）。您本月第2次。"
    )
    assert chat.text("@李书记/工作群: 走访").startswith("用法：/patrol 地点")
    assert chat.text("@李书记/工作群: 走访 列表 乱说").startswith("用法：/patrol 地点")
    assert chat.text("@李书记/工作群: 走访 列表 本月 上月").startswith("用法：/patrol 地点")


def test_rounds_go_with_each_ones_work_and_the_report(chat: Conversation) -> None:
    chat.say("@张网格/私聊: 走访 3号楼 入户10户")
    chat.say("@张网格/私聊: 走访 4号楼 入户6户")
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@张网格/网格3群: 受理 1")
    assert chat.text("@李书记/工作群: 统计 本月 张网格").splitlines()[0] == (
        "张*格本月经手事项1件：受理1；走访2次，入户16户。"
    )
    staff = chat.text("@李书记/工作群: 统计 本月 网格员").splitlines()
    assert staff == [
        "本月网格员办理情况：",
        "张*格（网格3）：经手1件，受理1；走访2次，入户16户",
        "赵*格（网格5）：没有办理记录",
    ]
    assert "本月走访巡查2次，入户16户。" in chat.text("@李书记/工作群: 统计 本月 总结")
    # 环比: against the same days of last month.
    compared = chat.text("@李书记/工作群: 统计 本月 走访 环比").splitlines()
    assert compared[1] == "上月同期没有走访记录，无从比较。"


def test_rounds_are_compared_with_the_month_before(chat: Conversation) -> None:
    chat.say("@张网格/私聊: 走访 3号楼 入户10户")
    chat.say("@张网格/私聊: 走访 4号楼 入户6户")
    chat.run_until(datetime(2026, 12, 24, 9, tzinfo=ZoneInfo("Asia/Shanghai")))
    chat.say("@张网格/私聊: 走访 1号楼 入户4户")
    # Against the same days of November (1–24), which hold both of its rounds.
    assert chat.text("@李书记/工作群: 统计 本月 走访 环比").splitlines()[:2] == [
        "本月走访巡查1次，入户4户。",
        "较上月同期（走访2次，入户16户）：走访减少1次（-50%），入户减少12户。",
    ]


def test_the_weekly_summary_says_last_weeks_rounds_where_rounds_are_kept(
    chat: Conversation,
) -> None:
    def after_summary(month: int, day: int) -> str:
        """The line after the weekly summary's, in the work group's morning message."""
        fired = chat.run_until(datetime(2026, month, day, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
        text = next(text for _, where, text in fired if where == WORK and "上周小结" in text)
        lines = text.splitlines()
        summary = next(n for n, line in enumerate(lines) if line.startswith("📊 上周小结"))
        return lines[summary + 1] if summary + 1 < len(lines) else ""

    # Before any round was kept, the summary says nothing of rounds.
    assert "走访" not in after_summary(11, 23)
    chat.say("@张网格/私聊: 走访 3号楼 入户10户")
    chat.say("@张网格/私聊: 走访 4号楼 入户6户")
    assert after_summary(11, 30) == "上周走访巡查2次，入户16户；网格5无走访记录。"
    chat.say("@赵网格/私聊: 走访 6号楼")  # this week's
    assert after_summary(12, 7) == "上周走访巡查1次；网格3无走访记录。"
    assert after_summary(12, 14) == "上周没有走访记录。"


def test_rounds_asked_after_in_words(chat: Conversation) -> None:
    chat.say("@张网格/私聊: 走访 3号楼 入户5户")
    assert chat.text("@李书记/工作群: 这个月走访了多少户") == chat.text(
        "@李书记/工作群: 统计 本月 走访"
    )
    assert chat.text("@李书记/工作群: 本月走访统计") == chat.text("@李书记/工作群: 统计 本月 走访")
    # One's own: 我.
    assert chat.text("@张网格/私聊: 我这个月走访了几次").splitlines() == [
        "本月走访巡查1次，入户5户。",
        "张*格：1次，入户5户",
    ]
    # Which grids nobody went round this week.
    assert chat.text("@李书记/工作群: 哪个网格没走访").splitlines()[-1] == "网格5：本周无走访记录"
    assert chat.text("@张网格/私聊: 怎么记录走访") == chat.text("@张网格/私聊: 帮助 走访")
    # A round done, where not said: asked where and how, nothing kept yet.
    for said in ("今天巡查完了", "走访结束"):
        assert chat.text(f"@张网格/私聊: {said}") == (
            "辛苦了。去了哪里、情况如何？如：今天巡查了3号楼，一切正常（记入走访台账）。"
        )
    assert chat.text("@张网格/私聊: 我这个月走访了几次").startswith("本月走访巡查1次")
    # Among neighbours, not asked of the bot; a resident privately is told whose it is.
    assert chat.say("@王芳/网格3群: 这个月走访了多少户") == []
    assert chat.text("@王芳/私聊: 这个月走访了多少户") == "只有网格员及以上可以查看统计。"


def test_a_long_list_of_rounds_shows_the_newest_and_says_how_many_more(
    web_chat: Conversation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(patrols, "LISTED_AT_MOST", 2)
    monkeypatch.setattr(patrol_pages, "SHOWN_AT_MOST", 2)
    for building in (1, 2, 3):
        web_chat.say(f"@张网格/私聊: 走访 {building}号楼 入户{building}户")
    listed = web_chat.text("@李书记/工作群: 走访 列表").splitlines()
    assert listed[0] == "本周走访记录3次，入户6户："  # every one counted
    assert [line.split(" ", 2)[2] for line in listed[1:3]] == ["3号楼 入户3户", "2号楼 入户2户"]
    assert listed[3] == "……另有1条，「导出」的台账里有全部。"
    page = visible(sign_in(web_chat, "李书记").get("/patrols").text).splitlines()
    assert "本月走访巡查3次，入户6户。" in page
    assert "3号楼 入户3户" in page and "1号楼 入户1户" not in page
    assert "另有1条较早的记录，导出的台账里有全部。" in page


def test_a_building_head_asks_after_their_own_rounds(chat: Conversation) -> None:
    chat.say("@陈楼长/私聊: 走访 3号楼 入户5户 无异常")
    assert chat.text("@陈楼长/私聊: 我这个月走访了几次") == "本月您走访巡查1次，入户5户。"
    # 统计 is their building's figures only (tests/e2e/test_stats.py)
    assert chat.text("@陈楼长/私聊: 统计 本月").startswith("本月（3号楼）")
    assert chat.text("@王芳/私聊: 我这个月走访了几次") == "只有网格员及以上可以查看统计。"


def test_a_building_heads_day_said_in_words(chat: Conversation) -> None:
    """A 楼栋长's 「我们楼今天走访了，一切正常」 was kept on the report just made; 「1号我催一下」
    was kept as words on the report; 「帮王芳登记一下，…」 kept the asking in its words."""
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    assert chat.say("@陈楼长/私聊: 1号我催一下")[1] == (
        "私聊·张网格",
        "#1 楼栋长陈*长催问进度（待受理，期限 11月24日）。请尽快「派单 1 @人或单位」。",
    )
    filed = chat.say("@陈楼长/私聊: 帮王芳登记一下，她家门口的扶手松了")
    assert filed[1][1].startswith("新诉求 #2【公共设施】3号楼，网格3，王芳反映：她家门口的扶手松了")
    assert chat.text("@陈楼长/私聊: 我们楼今天走访了，一切正常") == (
        "已记录走访：本楼，一切正常（网格3）。您本月第1次。"
    )
    assert "走访" not in chat.text("@李书记/私聊: 查看 2")
    assert chat.text("@李书记/工作群: 走访 列表").count("本楼，一切正常") == 1
