"""办事指南's rules: keys as staff write them, which questions it answers, and with what."""

from __future__ import annotations

import pytest

from bot.domain.guide import Entry, answering, asked, keys_problem, parse_keys, shown_keys
from handlers.guide import human_wanted

FEE = Entry(parse_keys("物业费、物业管理费"), "fee")
RENOVATION = Entry(parse_keys("装修"), "renovation")
HOURS = Entry(parse_keys("装修+几点、装修 时间"), "hours")
GUIDE = [FEE, RENOVATION, HOURS]


def words(written: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(key.words, key.unless) for key in parse_keys(written)]


def test_keys_are_read_as_staff_write_them() -> None:
    assert words("物业费、物业管理费") == [(("物业费",), ()), (("物业管理费",), ())]
    assert words("装修+几点，装修＋时间; 装修 什么时候") == [
        (("装修", "几点"), ()),
        (("装修", "时间"), ()),
        (("装修", "什么时候"), ()),
    ]
    assert words("物业费、、物业费") == [(("物业费",), ())]
    assert shown_keys(parse_keys("装修 几点、老年证")) == "装修+几点、老年证"


def test_words_after_a_minus_rule_a_key_out() -> None:
    assert words("居住证-居住证明") == [(("居住证",), ("居住证明",))]
    assert words("居住证 －证明+暂住证") == [(("居住证", "暂住证"), ("证明",))]
    assert words("WiFi、wi-fi") == [(("wifi",), ()), (("wi-fi",), ())]  # a word's own -
    assert shown_keys(parse_keys("居住证 -居住证明、暂住证")) == "居住证-居住证明、暂住证"
    residence = [Entry(parse_keys("居住证-居住证明"), "residence")]
    assert answering(residence, "居住证怎么办理") == residence[0]
    assert answering(residence, "居住证") == residence[0]
    assert answering(residence, "居住证明在哪开") is None  # another paper
    assert answering(residence, "居住证明在哪开", in_group=True) is None


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("、", "关键词不能为空"),
        ("车", "关键词「车」太短，会答错问题（至少2个字）"),
        ("长" * 21, "太长（最多20个字）"),
        ("、".join(f"词{n}" for n in range(11)), "关键词最多10组"),
        ("物业费、-证明", "「-证明」只有不该答的词，前面还要写问的词"),
    ],
)
def test_keys_that_would_answer_wrongly_or_never_are_refused(written: str, problem: str) -> None:
    found = keys_problem(written)
    assert found is not None and problem in found


def test_a_one_character_word_may_narrow_a_key() -> None:
    assert keys_problem("车+费") is None


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("物业费多少钱一平", "fee"),
        ("请问物业管理费怎么交？", "fee"),
        ("物业费", "fee"),  # a key alone
        ("装修几点可以开始", "hours"),  # the most words matched
        ("装修要交押金吗", "renovation"),
        ("我想问一下物业费的事", "fee"),
        ("咨询一下装修", "renovation"),
        ("装修噪音太吵了吗", None),  # a problem told
        ("物业费交了怎么电梯还坏", None),
        ("今天物业费交了", None),  # no question
        ("停车费怎么收", None),  # no key
    ],
)
def test_the_answer_given_is_the_best_fit_of_a_question(said: str, answer: str | None) -> None:
    found = answering(GUIDE, said)
    assert (found.answer if found else None) == answer


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("物业费多少钱一平", "fee"),
        ("物业费可以微信交吗", "fee"),
        ("请问物业管理费在哪里交", "fee"),
        ("装修可以几点开始", "hours"),
        ("请问装修时间", "hours"),
        ("大家物业费都交了吗", None),  # neighbours asking each other
        ("装修的师傅几点来啊", None),  # of the 师傅: 几点 asks, it is not what is asked of
        ("装修师傅的电话多少", None),
    ],
)
def test_in_a_group_the_question_must_be_of_the_key(said: str, answer: str | None) -> None:
    found = answering(GUIDE, said, in_group=True)
    assert (found.answer if found else None) == answer
    assert answering(GUIDE, said) is not None  # privately, said to the bot, it is answered


def test_in_a_group_only_short_questions_are_answered_and_no_key_alone() -> None:
    assert answering(GUIDE, "物业费", in_group=True) is None
    assert answering(GUIDE, "物业费多少钱一平", in_group=True) == FEE
    long = "我想问一下我们小区的物业费现在到底是多少钱一个平方米呢"
    assert answering(GUIDE, long) == FEE
    assert answering(GUIDE, long, in_group=True) is None
    assert not asked("装修几点" + "啊" * 40)


@pytest.mark.parametrize(
    "said", ["物业费一分不少收 服务啥也没有", "物业费又要涨？有没有开业主大会啊 谁同意的"]
)
def test_a_grievance_naming_a_key_is_no_question_for_the_guide(said: str) -> None:
    assert answering(GUIDE, said) is None  # a report, filed


@pytest.mark.parametrize(
    ("said", "wanted"),
    [
        ("转人工", True),
        ("人工", True),
        ("我要人工客服", True),
        ("帮我转给网格员", True),
        ("没解决", False),
        ("还是不清楚", False),
        ("我没看懂", False),
        ("人工智能真厉害", None),
        ("没解决的问题太多了，物业也不管", None),
    ],
)
def test_a_person_is_asked_for_in_several_ways(said: str, wanted: bool | None) -> None:
    assert human_wanted(said) is wanted
