"""Where a report telling of several problems may be cut (bot/domain/several.py)."""

from __future__ import annotations

import pytest

from bot.domain.several import pieces


@pytest.mark.parametrize(
    ("text", "before", "cut"),
    [
        (
            "两个问题：1.3号楼电梯经常停 2.小区垃圾没人清",
            "两个问题：",
            ["3号楼电梯经常停", "小区垃圾没人清"],
        ),
        ("反映一下：一、路灯不亮；二、井盖松了", "反映一下：", ["路灯不亮", "井盖松了"]),
        ("①电梯坏了②路灯不亮", "", ["电梯坏了", "路灯不亮"]),
        ("1）电梯坏了，2）路灯不亮，3）井盖松了", "", ["电梯坏了", "路灯不亮", "井盖松了"]),
        ("3号楼楼道灯坏了，还有5号楼门口井盖松了", "", ["3号楼楼道灯坏了", "5号楼门口井盖松了"]),
        ("楼道灯坏了。另外，电梯也经常停", "", ["楼道灯坏了", "电梯也经常停"]),
        ("楼道灯坏了；再就是垃圾没人清", "", ["楼道灯坏了", "垃圾没人清"]),
    ],
)
def test_a_list_or_another_thing_said_is_cut(text: str, before: str, cut: list[str]) -> None:
    assert pieces(text) == (before, cut)


@pytest.mark.parametrize(
    "text",
    [
        "3号楼楼道灯坏了",
        "高度1.5米，宽2.3米的围墙倒了",  # decimals, no list
        "1.电梯坏了",  # one item is no list
        "2.电梯坏了 3.路灯不亮",  # a list starts at 1
        "第1、3号楼的灯坏了",
        "还有人在楼道里抽烟",  # 还有 first: nothing before it
    ],
)
def test_other_words_stay_whole(text: str) -> None:
    assert pieces(text) == ("", [text])


@pytest.mark.parametrize(
    "text",
    [
        "对门把鞋柜放在公共走廊，我说了一句就骂我，还有没有王法",  # a question
        "楼道里停着好几辆电动车，还有人堆了旧沙发，消防通道基本堵死了",  # someone, of the same
        "下水道堵了，还有点臭",
    ],
)
def test_still_more_of_the_same_is_not_another_thing(text: str) -> None:
    assert pieces(text) == ("", [text])
