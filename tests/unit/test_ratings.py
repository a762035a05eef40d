"""Rating answers as people type them (chat-protocol §5): the verdict, and the reason with it."""

from __future__ import annotations

import pytest

from bot.domain.ratings import spoken_rating


@pytest.mark.parametrize(
    ("typed", "rating"),
    [
        ("满意", (5, "")),
        ("很满意，谢谢", (5, "")),
        ("挺满意的", (5, "")),
        ("满意😊", (5, "")),
        ("基本满意吧", (3, "")),
        ("不太满意", (2, "")),
        ("打5分", (5, "")),
        ("不满意，还是堵", (1, "还是堵")),
        ("还是堵，不满意", (1, "还是堵")),
        ("满意，师傅很负责", (5, "师傅很负责")),
        ("4分，来得有点晚", (4, "来得有点晚")),
    ],
)
def test_a_verdict_with_or_without_its_reason(typed: str, rating: tuple[int, str]) -> None:
    assert spoken_rating(typed) == rating


@pytest.mark.parametrize("typed", ["满意度调查什么时候", "收到，谢谢", "我家 3", "5，很好", "一般"])
def test_what_is_not_a_rating(typed: str) -> None:
    assert spoken_rating(typed) is None


def test_everyday_words_count_only_where_the_bot_is_answered() -> None:
    assert spoken_rating("一般，来得晚") is None
    assert spoken_rating("一般，来得晚", vague=True) == (3, "来得晚")
