"""回头看 answers as people type them (bot.domain.lookback)."""

from __future__ import annotations

import pytest

from bot.domain.lookback import GROUP_ANSWER_MAX, came_back
from bot.text import normalize


@pytest.mark.parametrize(
    "said",
    [
        "没有",
        "没有了，谢谢",
        "没再出现",
        "没有再出现过",
        "嗯，没有",
        "一直挺好的",
        "还好没有再出现",
        "解决了，谢谢",
        "没问题",
        "没事",
        "一切正常",
        "没有，早就好了",
        "无",
        "最近好多了",  # much better (it met the greeting)
        "现在安静多了",
    ],
)
def test_it_did_not_come_back(said: str) -> None:
    assert came_back(normalize(said), private=False) is False


@pytest.mark.parametrize(
    "said",
    [
        "又出现了",
        "又吵起来了，昨晚到一点",
        "又堵了",
        "还是老样子",
        "有",
        "有，又开始了",
        "复发了",
        "又不正常了",
        "没人管，又堵了",
        "又来了！",
    ],
)
def test_it_came_back(said: str) -> None:
    assert came_back(normalize(said), private=False) is True


@pytest.mark.parametrize(
    "said",
    ["今天天气不错", "有没有人知道快递站在哪", "没错", "有人在吗", "又是周末了", "", "蚊子好多了"],
)
def test_everyday_group_talk_is_no_answer(said: str) -> None:
    assert came_back(normalize(said), private=False) is None


def test_privately_any_again_answers_but_in_a_group_only_a_short_named_one() -> None:
    assert came_back("楼上又开始半夜装修了", private=True) is True
    assert came_back("楼上又开始半夜装修了", private=False) is True  # 又开始: named
    assert came_back("楼道里又堆满了", private=True) is True
    assert came_back("楼道里又堆满了", private=False) is None
    long = "又出现了" + "，" * GROUP_ANSWER_MAX
    assert came_back(long, private=False) is None
    assert came_back(long, private=True) is True
