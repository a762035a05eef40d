"""What members of staff did (工作量): 「统计 张网格」「统计 本周 人员」「张网格今天处理了几件」.

The week of Monday 23 November 2026 is replayed from `MONDAY`; the figures the bot gives are
counted here from the script itself: every staff command on an issue is one piece of work of its
kind, an issue counts once for each person who worked on it, and a reporter rating their own
issue is not work (a grid worker's 回访 is).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

from tests.support.conversation import Conversation

SH = ZoneInfo("Asia/Shanghai")
WORK = "工作群"

MONDAY = [
    "@王芳/网格3群: #报事 3号楼楼道灯坏了",
    "@张网格/网格3群: 受理 1",
    "@张网格/网格3群: 派单 1 物业 明天",
    "@刘物业/私聊: 办结 1 换了灯泡",
    "@王芳/网格3群: 评价 1 5",
    "@孙大爷/网格5群: #报事 5号楼门口井盖松了",
    "@赵网格/网格5群: 受理 2",
    "@赵网格/网格5群: 进展 2 已联系物业",
    "@李书记/工作群: 上报 2 井盖归市政管",
    "@王芳/网格3群: #报事 2号楼楼道堆满杂物",
    "@张网格/私聊: 派单 3 物业 明天",
    "@刘物业/私聊: 办结 3 已清理",
    "@张网格/私聊: 回访 3 满意",
    "@王芳/网格3群: #报事 1号楼门口路灯不亮",
]
STAFF = ("张网格", "赵网格", "刘物业", "周主任", "陈楼长", "李书记")
_COMMAND = re.compile(r"^@(?P<who>[^/]+)/[^:]+: (?P<verb>受理|派单|办结|进展|上报|回访) (?P<n>\d+)")


def work_in(script: list[str]) -> dict[str, tuple[int, Counter[str]]]:
    """Per person: the issues they worked on and how often they did each thing, from `script`."""
    issues: dict[str, set[str]] = {}
    done: dict[str, Counter[str]] = {}
    for line in script:
        if (command := _COMMAND.match(line)) is not None:
            issues.setdefault(command["who"], set()).add(command["n"])
            done.setdefault(command["who"], Counter())[command["verb"]] += 1
    return {who: (len(issues[who]), done[who]) for who in issues}


def pieces(sentence: str) -> tuple[int, Counter[str]]:
    """「经手事项2件：受理1、派单2」 or 「经手2件，受理1、派单2」 read back."""
    match = re.search(r"经手(?:事项)?(\d+)件[：，](.+?)。?$", sentence)
    assert match is not None, sentence
    actions = re.sub(r"（按期\d+）", "", match[2])  # of the 办结: `test_resolved_on_time…`
    said = Counter({m[1]: int(m[2]) for m in re.finditer(r"([^\d、]+)(\d+)", actions)})
    return int(match[1]), said


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=SH)


def replay(chat: Conversation, script: list[str]) -> None:
    for line in script:
        assert chat.say(line), line


def test_the_secretary_sees_what_one_grid_worker_did(chat: Conversation) -> None:
    replay(chat, MONDAY)
    handled, done = work_in(MONDAY)["张网格"]
    [(where, text)] = chat.say("@李书记/私聊: 统计 本周 张网格")
    first, grid = text.split("\n")
    assert where == "私聊·李书记"
    assert first.startswith("张网格本周经手事项")
    assert pieces(first) == (handled, done)
    assert "评价" not in first  # 王芳 rated her own issue: not 张网格's work
    # Their grid's figures for the week follow: four reports, three in 网格3, two resolved.
    assert grid == "网格3：收集3条，办结2条（67%）"


def test_every_member_of_staff_gets_a_line_the_idle_too(chat: Conversation) -> None:
    replay(chat, MONDAY)
    expected = work_in(MONDAY)
    [(_, text)] = chat.say("@李书记/私聊: 统计 本周 人员")
    head, *lines = text.split("\n")
    assert head == "本周各人员办理情况："
    named = [line.split("（")[0] for line in lines]
    assert sorted(named) == sorted(STAFF)
    for name, line in zip(named, lines, strict=True):
        if name in expected:
            assert pieces(line) == expected[name], line
        else:
            assert line.endswith("：没有办理记录"), line
    # Most work first; 「网格员」 asks for the grid workers alone.
    handled = [expected.get(name, (0, None))[0] for name in named]
    assert handled == sorted(handled, reverse=True)
    [(_, workers)] = chat.say("@李书记/私聊: 统计 本周 网格员")
    assert workers.split("\n")[0] == "本周网格员办理情况："
    assert workers.split("\n")[1:] == [line for line in lines if line.startswith(("张", "赵"))]


def test_who_did_most_is_asked_in_words_and_comes_first(chat: Conversation) -> None:
    replay(chat, MONDAY)
    handled = {who: n for who, (n, _) in work_in(MONDAY).items()}
    [(_, text)] = chat.say("@李书记/私聊: 这周谁办得最多")
    head, *lines = text.split("\n")
    assert head == "本周各人员办理情况："
    said = [pieces(line)[0] if "经手" in line else 0 for line in lines]
    assert said == sorted(said, reverse=True)
    assert lines[0].startswith(max(handled, key=handled.__getitem__))
    [(_, workers)] = chat.say("@李书记/私聊: 这个月哪个网格员处理的最少")
    assert workers.startswith("本月网格员办理情况：\n")


def test_a_grid_workers_ledger_is_their_grids(chat: Conversation) -> None:
    replay(chat, MONDAY)
    open_in_grid3 = chat.text("@张网格/私聊: 台账 我的")
    # Also as colleagues call each other: 小张, 老张.
    for asked in (
        "台账 张网格",
        "张网格手上有几件",
        "台账 小张",
        "小张那边有几件",
        "老张手上有几件",
    ):
        assert chat.text(f"@李书记/私聊: {asked}") == open_in_grid3, asked
    for who in ("赵网格", "小赵"):
        assert chat.text(f"@李书记/私聊: {who}那边有超期的吗") == (
            f"没有符合条件（🔴超期、{who}）的未办结事项。"
        )


def test_work_counts_in_the_week_it_was_done(chat: Conversation) -> None:
    replay(chat, MONDAY)
    chat.run_until(at(11, 30, 9))
    said = chat.say("@张网格/网格3群: 受理 4")  # filed last week, accepted this week
    assert said
    [(_, this_week)] = chat.say("@李书记/私聊: 统计 本周 张网格")
    assert pieces(this_week.split("\n")[0]) == (1, Counter({"受理": 1}))
    [(_, last_week)] = chat.say("@李书记/私聊: 统计 上周 张网格")
    assert pieces(last_week.split("\n")[0]) == work_in(MONDAY)["张网格"]
    [(_, idle)] = chat.say("@李书记/私聊: 统计 本周 赵网格")
    assert idle.split("\n")[0] == "赵网格本周没有办理记录。"


def test_a_grid_worker_sees_their_own_work_and_not_a_colleagues(chat: Conversation) -> None:
    replay(chat, MONDAY)
    mine = work_in(MONDAY)["赵网格"]
    [(_, text)] = chat.say("@赵网格/私聊: 统计 我")
    assert text.startswith("赵网格本月经手事项")
    assert pieces(text.split("\n")[0]) == mine
    [(_, same)] = chat.say("@赵网格/私聊: 我这周办了几件")
    assert pieces(same.split("\n")[0]) == mine
    for asked in ("统计 张网格", "统计 人员", "张网格今天处理了几件"):
        [(_, refused)] = chat.say(f"@赵网格/私聊: {asked}")
        assert refused == "只有书记可以看其他人的办理情况，发送「统计 我」看自己的。", asked


def test_asked_in_words_privately_and_in_the_work_group(chat: Conversation) -> None:
    replay(chat, MONDAY)
    handled, done = work_in(MONDAY)["张网格"]
    [(_, privately)] = chat.say("@李书记/私聊: 张网格今天处理了几件")
    assert privately.startswith("张网格今天经手事项")
    assert pieces(privately.split("\n")[0]) == (handled, done)
    # In a group the name is masked, as every name the bot says there.
    [(where, grouped)] = chat.say(f"@李书记/{WORK}: 这个月张网格办结了多少")
    assert where == WORK
    assert grouped.startswith("张*格本月经手事项")
    [(_, workers)] = chat.say("@李书记/私聊: 网格员这个月的工作量")
    assert workers.startswith("本月网格员办理情况：\n张网格（网格3）：经手")


def test_words_that_name_nobody_here_stay_chat(chat: Conversation) -> None:
    replay(chat, MONDAY)
    assert chat.say(f"@李书记/{WORK}: 你们今天处理了几件") == []
    assert chat.say(f"@张网格/{WORK}: 小区今天处理了几件")[0][1].startswith("今天收集诉求")
    # A resident asking is told the figures are for staff; a typed 统计 of a stranger is not read.
    [(_, resident)] = chat.say("@王芳/私聊: 张网格今天处理了几件")
    assert resident == "只有网格员及以上可以查看统计。"
    [(_, unknown)] = chat.say("@李书记/私聊: 统计 王大锤")
    assert unknown.startswith("看不懂「王大锤」。")


def test_the_issues_resolved_say_how_many_were_on_time(chat: Conversation) -> None:
    """An assessment asks how much of one's 办结 was by the deadline: 「办结2（按期1）」."""
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@王芳/网格3群: #报事 2号楼楼道堆满杂物")
    chat.say("@张网格/网格3群: 派单 1 @刘物业 今天")
    chat.say("@张网格/网格3群: 派单 2 @刘物业 今天")
    chat.say("@刘物业/私聊: 办结 1 换了灯泡")
    chat.clock.set(at(11, 24))  # Tuesday: #2's deadline was Monday 18:00
    chat.say("@刘物业/私聊: 办结 2 已清理")
    assert chat.text("@李书记/私聊: 统计 本周 刘物业") == "刘物业本周经手事项2件：办结2（按期1）。"
    assert chat.text("@李书记/私聊: 统计 本周 张网格").startswith("张网格本周经手事项2件：派单2。")


def test_each_ones_work_against_the_period_before(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@张网格/网格3群: 受理 1")
    chat.say("@张网格/私聊: 走访 3号楼 入户5户")
    assert chat.text("@李书记/工作群: 统计 本月 网格员 环比").splitlines()[1:] == [
        "张*格（网格3）：经手1件，受理1；走访1次，入户5户；较上月同期经手增加1件，走访增加1次",
        "赵*格（网格5）：没有办理记录",  # nothing either time: nothing to compare
    ]
    chat.run_until(at(12, 24))
    chat.say("@王芳/网格3群: #报事 3号楼井盖坏了")
    chat.say("@张网格/网格3群: 受理 2")
    chat.say("@张网格/网格3群: 派单 2 物业")
    assert chat.text("@李书记/工作群: 统计 本月 张网格 环比").splitlines()[0] == (
        "张*格本月经手事项1件：受理1、派单1；较上月同期经手持平，走访减少1次。"
    )
