"""Rating answers as people type them (chat-protocol §5): the verdict, and the reason with it."""

from __future__ import annotations

import pytest

from bot.domain.ratings import fixed_said, not_fixed, praised, spoken_rating, thanks_said


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
        ("给个五星", (5, "")),
        ("5星", (5, "")),
        ("三颗星，来得太晚", (3, "来得太晚")),
        ("一星", (1, "")),
        ("5星好评", (5, "")),
        ("我对处理结果不满意", (1, "")),  # what the verdict is of, said first
        ("对这次的结果很满意", (5, "")),
        ("3星好评，来得有点晚", (3, "来得有点晚")),
        ("我给个好评", (5, "")),  # the giving before the word
        ("给你们个差评，一直没人来", (1, "一直没人来")),
    ],
)
def test_a_verdict_with_or_without_its_reason(typed: str, rating: tuple[int, str]) -> None:
    assert spoken_rating(typed) == rating


@pytest.mark.parametrize(
    "typed",
    [
        "满意度调查什么时候",
        "收到，谢谢",
        "我家 3",
        "5，很好",
        "一般",
        "星星很多",
        "五星级酒店",
        "我给",
    ],
)
def test_what_is_not_a_rating(typed: str) -> None:
    assert spoken_rating(typed) is None


def test_everyday_words_count_only_where_the_bot_is_answered() -> None:
    assert spoken_rating("一般，来得晚") is None
    assert spoken_rating("一般，来得晚", private=True) == (3, "来得晚")


@pytest.mark.parametrize(
    ("typed", "score"), [("挺好的，谢谢你们", 4), ("不错", 4), ("很好，辛苦了", 5), ("非常好", 5)]
)
def test_pleased_in_everyday_words_counts_only_privately(typed: str, score: int) -> None:
    assert spoken_rating(typed) is None
    assert spoken_rating(typed, private=True) == (score, "")


@pytest.mark.parametrize("typed", ["好的", "好了", "不太好", "好的谢谢"])
def test_agreeing_is_no_rating_even_privately(typed: str) -> None:
    assert spoken_rating(typed, private=True) is None


@pytest.mark.parametrize(
    ("typed", "thanks"),
    [
        ("谢谢", True),
        ("好的,谢谢", True),
        ("辛苦了", True),
        ("感谢张网格", True),
        ("谢谢你们!", True),
        ("好的", False),
        ("谢谢大家帮忙找到了猫", False),
        ("谢谢,明天我去看看", False),
    ],
)
def test_thanks_as_the_whole_message(typed: str, thanks: bool) -> None:
    assert thanks_said(typed) is thanks


@pytest.mark.parametrize("typed", ["昨天那场戏，挺满意的", "给3", "打1", "5", "给3，挺好"])
def test_chat_in_a_group_is_not_a_rating(typed: str) -> None:
    """Said to each other in a group these are chat; said to the bot privately, answers."""
    assert spoken_rating(typed) is None
    assert spoken_rating(typed, private=True) is not None


def test_a_complaint_or_praise_of_the_work_after_its_reason_counts_in_a_group() -> None:
    assert spoken_rating("还是堵，不满意") == (1, "还是堵")
    assert spoken_rating("这次修好了，挺满意的") == (5, "这次修好了")
    assert spoken_rating("师傅来得很快，满意") == (5, "师傅来得很快")
    assert spoken_rating("打1分") == (1, "")
    assert spoken_rating("不满意，" + "还是堵" * 20) is None  # a long message is chat


@pytest.mark.parametrize(
    ("said", "private", "fixed"),
    [
        ("灯还是不亮", False, False),
        ("还是没修好啊", False, False),
        ("还没修好吗", False, False),
        ("根本没人来", False, False),
        ("还在漏水", False, False),
        ("还是堵的", False, False),
        ("跟原来一样", False, False),
        ("又坏了", False, False),
        ("还是吵", True, False),
        ("还是有问题", True, False),
        ("还那么臭", False, False),
        # Done, but not well enough.
        ("灯是修了，但是不太亮", True, False),
        ("人是来了，可是没弄好", True, False),
        ("通了，就是还有点堵", False, False),
        ("灯不够亮", False, False),
        ("灯是亮了，但是那个开关还是不太灵", False, False),
        ("根本没清，骗人的", False, False),
        ("垃圾还没清", False, False),
        ("楼道没打扫干净", False, False),
        ("还是没人管", False, False),
        ("还是不太好使", True, False),
        # Everyday words with 还是 / 还没: nothing about the work.
        ("我还是不去了", False, True),
        ("还是不知道", False, True),
        ("今天还是很冷", False, True),
        ("我还是有点事", False, True),
        ("我还没吃饭", False, True),
        ("我还没来得及看", False, True),
        ("好了，谢谢", False, True),
        ("我来了，但是没找到人", False, True),
        ("下雨了，不过不大", False, True),
        ("天是亮了，但是还很冷", False, True),
        ("我还没清楚怎么回事", False, True),
        # Longer: a report of its own, in a group sooner than privately.
        ("楼道里的灯还是不亮，晚上老人上下楼梯很危险啊", False, True),
        ("楼道里的灯还是不亮，晚上老人上下楼梯很危险啊", True, False),
    ],
)
def test_words_that_say_the_work_did_not_fix_it(said: str, private: bool, fixed: bool) -> None:
    assert not_fixed(said, private=private) is not fixed


@pytest.mark.parametrize(
    ("said", "fixed"),
    [
        ("电梯修好了，谢谢", True),
        ("下水道通了", True),
        ("谢谢，已经修好了", True),
        ("不漏了", True),
        ("楼上安静了", True),
        ("好多了，谢谢你们", True),
        ("现在好多了", True),
        ("蚊子好多了", False),  # many
        ("垃圾站不臭了", True),
        ("杂物已经清走了", True),
        ("僵尸车拖走了", True),
        ("棚子拆了，谢谢社区", True),
        ("违建已经拆除了", True),
        ("听说要拆了", False),  # to be
        ("暖气热了，谢谢社区谢谢物业", True),
        ("家里暖和了", True),
        ("温度上来了", True),
        ("天热了", False),  # the weather
        ("南门那个道闸好了", True),
        ("道闸好了，谢谢物业", True),
        ("门禁可以正常使用了", True),
        ("道闸能用了", True),
        ("我好了", False),  # not a thing
        ("那好了", False),
        ("好了好了", False),
        ("电梯好了吗", False),
        ("暖气还是不热", False),
        ("快递还没搬走", False),
        ("修好了吗", False),  # asks
        ("楼上还是不安静", False),
        ("还是很臭，一点没好多了", False),
        ("还没修好", False),
        ("灯又不亮了", False),
        ("什么时候能修好", False),
        ("楼道灯坏了", False),
        ("电梯修好了，可是三楼的门还是关不上，请再派人来看看", False),  # a report of its own
    ],
)
def test_a_fix_is_told_only_as_a_short_statement(said: str, fixed: bool) -> None:
    assert fixed_said(said) is fixed


@pytest.mark.parametrize(
    ("said", "praise"),
    [
        ("张网格态度很好，很耐心", True),
        ("表扬一下物业，上次来得很及时", True),
        ("给物业点个赞", True),
        ("3号楼的保洁阿姨很负责", True),
        ("态度好一点行不行", False),  # asked for, not found
        ("物业态度不好", False),
        ("表扬个啥，到现在没人管", False),
        ("态度很好吗？", False),
        ("电梯已经恢复正常了，感谢物业的及时处理", True),  # thanks to someone, for what
        ("谢谢保安小哥帮我把东西搬上楼", True),
        ("谢谢物业", False),  # thanks alone: answered in kind
        ("谢谢你们", False),
        ("感谢物业，但是还没修好", False),
    ],
)
def test_praise_of_someones_work_finds_no_fault(said: str, praise: bool) -> None:
    assert praised(said) is praise
