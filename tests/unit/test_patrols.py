"""Reading a round of 走访 or 巡查 (bot/domain/patrols.py): told in words, or given to 走访."""

from __future__ import annotations

import pytest

from bot.domain.patrols import PatrolWords, patrol_said, patrol_words, rounds_asked
from bot.text import normalize


@pytest.mark.parametrize(
    "said",
    [
        "今天走访了3号楼，没发现问题",
        "上午巡查了5号楼和6号楼，一切正常",
        "入户走访了3号楼12户",
        "昨天走访了王大爷家",
        "我今天去走访了2号楼",
        "下午巡楼了，3号楼楼道灯不亮",
        "上午去4号楼巡查了一圈，发现楼道堆了纸箱",  # where first, the verb after it
        "下午到小广场巡查了一圈，一切正常",
        "3号楼今天走访了12户，反映了2个问题",  # the building first
        "5号楼2单元昨天巡查了一遍",
        "今天巡查完了",  # done, where not said: asked for
        "上午走访结束了",
        "今天走访工作完成",
    ],
)
def test_a_round_told_in_words(said: str) -> None:
    assert patrol_said(normalize(said))


@pytest.mark.parametrize(
    "said",
    [
        "巡查发现3号楼井盖坏了",  # a report of what was found
        "今天走访了吗",  # a question
        "今天去走访",  # not done yet
        "去3号楼巡查了吗",
        "明天去4号楼巡查",
        "我今天去走访了",  # nothing said of where or whom
        "走访群众是我们的责任",
        "3号楼的灯坏了",
        "3号楼明天走访",
        "3号楼走访了吗",
        "巡查完了吗",
        "什么时候巡查完",
    ],
)
def test_other_words_are_no_round(said: str) -> None:
    assert not patrol_said(normalize(said))


def test_the_words_of_a_round_as_typed() -> None:
    assert patrol_words("3号楼2单元 入户１２户 无异常") == PatrolWords(
        words="3号楼2单元 入户１２户 无异常", days_ago=0, households=12, found=""
    )
    assert patrol_words("前天  5号楼，发现楼道堆物；已告知物业") == PatrolWords(
        words="5号楼，发现楼道堆物；已告知物业", days_ago=2, households=None, found="楼道堆物"
    )
    # Told in words: when and the verb are no part of what was said of it.
    assert patrol_words("昨天下午走访了3号楼，共8户，未发现安全隐患") == PatrolWords(
        words="3号楼，共8户，未发现安全隐患", days_ago=1, households=8, found=""
    )
    assert patrol_words("走访了2户独居老人，发现1户家里漏水") == PatrolWords(
        words="2户独居老人，发现1户家里漏水", days_ago=0, households=2, found="1户家里漏水"
    )
    # The flats named are the households visited, unless a count is said.
    assert patrol_words("我们楼今天走访了，一切正常").words == "本楼，一切正常"
    assert patrol_words("3号楼2单元301 独居老人，身体还行").households == 1
    assert patrol_words("5号楼1单元201、202和301").households == 3
    assert patrol_words("3号楼2单元，共8户").households == 8
    assert patrol_words("").words == ""
    # Where said before the verb: where, then what was said of it.
    assert patrol_words("昨天上午去４号楼巡查了一圈，发现楼道堆了纸箱") == PatrolWords(
        words="４号楼，发现楼道堆了纸箱", days_ago=1, households=None, found="楼道堆了纸箱"
    )
    # The building first, then when: the same.
    assert patrol_words("3号楼昨天走访了12户，楼道堆物") == PatrolWords(
        words="3号楼，12户，楼道堆物", days_ago=1, households=12, found=""
    )
    # A problem found, however plainly named; none found, however said.
    assert patrol_words("5号楼，发现安全隐患").found == "安全隐患"
    assert patrol_words("5号楼，没有发现安全隐患").found == ""
    assert patrol_words("5号楼，未发现问题，无异常").found == ""


@pytest.mark.parametrize(
    ("asked", "stats"),
    [
        ("本月走访统计", "本月 走访"),
        ("这个月走访了多少户", "这个月 走访"),
        ("这个月大家走访情况", "这个月 走访"),
        ("我这个月走访了几次", "这个月 走访 我"),
        ("我走访了几户了", "走访 我"),
        ("上周巡查情况", "上周 走访"),
        ("哪个网格没走访", "本周 走访"),
        ("这周谁没走访", "本周 走访"),
        ("本周谁还没巡查", "本周 走访"),
        ("哪些网格还没有人去巡查过", "本周 走访"),
    ],
)
def test_the_rounds_asked_after(asked: str, stats: str) -> None:
    assert rounds_asked(asked) == stats


@pytest.mark.parametrize("said", ["今天走访了3号楼", "走访群众", "这个月收了几件", "走访 列表"])
def test_other_words_ask_nothing_of_the_rounds(said: str) -> None:
    assert rounds_asked(said) is None
