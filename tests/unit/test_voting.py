"""Vote rules (chat-protocol §6): ties, thresholds, quorum, one vote per household, changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.voting import (
    TWO_THIRDS,
    Attending,
    Cast,
    MeetingCalled,
    Spoken,
    SpokenDay,
    attending_and_more,
    attending_said,
    chain_joined,
    day_time_asked,
    decide,
    disagrees,
    home_building_said,
    home_in,
    home_said,
    is_ballot,
    meeting_asked,
    meeting_called,
    objection_said,
    outcome_asked,
    parse_choices,
    shared_homes,
    signups_asked,
    spoken_choice,
    tally,
    weekday_asked,
)

T0 = datetime(2026, 11, 23, tzinfo=UTC)


def cast(person: int, *choices: int, minute: int = 0, home: str | None = None) -> Cast:
    return Cast(person, choices, T0 + timedelta(minutes=minute), home)


def test_a_time_poll_counts_every_choice_and_finds_the_winner() -> None:
    result = tally([cast(1, 1, 2), cast(2, 2), cast(3, 1, 2)], options=3)
    assert result.counts == {1: 2, 2: 3, 3: 0}
    assert (result.winner, result.voters) == (2, 3)


def test_a_tie_has_no_winner() -> None:
    result = tally([cast(1, 1), cast(2, 2)], options=2)
    assert result.leaders == (1, 2) and result.winner is None


def test_nobody_voting_is_no_tie() -> None:
    assert tally([], options=2).leaders == ()


def test_majority_means_more_than_half_of_votes_cast() -> None:
    assert decide([cast(1, 1), cast(2, 1), cast(3, 2)], 2).passed
    half = decide([cast(1, 1), cast(2, 2), cast(3, 1), cast(4, 2)], 2)
    assert not half.passed and half.reason == "平票"
    assert not decide([cast(1, 1), cast(2, 2), cast(3, 3)], 3).passed


def test_two_thirds() -> None:
    votes = [cast(1, 1), cast(2, 1), cast(3, 2)]
    assert decide(votes, 2, rule=TWO_THIRDS).passed  # exactly two thirds
    short = decide([*votes, cast(4, 1), cast(5, 2)], 2, rule=TWO_THIRDS)  # 3 of 5
    # Counted against every ballot cast, abstentions too, and the reason says so.
    assert not short.passed and short.reason == "未达到三分之二：最多3票，共5票"


def test_quorum() -> None:
    low = decide([cast(1, 1), cast(2, 1)], 2, quorum=3)
    assert not low.passed and low.reason == "参与2票，未达到3票的最低要求"
    assert decide([cast(1, 1), cast(2, 1), cast(3, 2)], 2, quorum=3).passed


def test_one_vote_per_household_counts_the_households_latest() -> None:
    votes = [
        cast(1, 1, minute=1, home="3-2-301"),
        cast(2, 2, minute=5, home="3-2-301"),  # same flat, later: this one counts
        cast(3, 1, minute=2, home="3-2-302"),
        cast(4, 1, minute=3),  # no home given: not counted under 每户一票
    ]
    result = decide(votes, 2, per_household=True)
    assert result.tally.counts == {1: 1, 2: 1} and result.tally.voters == 2


def test_choices_as_people_type_them() -> None:
    assert parse_choices("1，2", 3, several=True) == (1, 2)
    assert parse_choices("2、2", 3, several=True) == (2,)
    assert parse_choices("1,2", 3, several=False) is None
    assert parse_choices("4", 3, several=True) is None
    assert parse_choices("A", 3, several=True) is None


def test_a_tie_under_two_thirds_names_the_rule_it_missed() -> None:
    votes = [cast(1, 1), cast(2, 1), cast(3, 2), cast(4, 2), cast(5, 3)]
    result = decide(votes, 3, rule=TWO_THIRDS)
    assert not result.passed and result.reason == "平票，未达到三分之二"


@pytest.mark.parametrize(
    ("text", "ballot"),
    [
        ("M3 1", True),
        ("m3 1,2", True),
        ("M3:2", True),
        ("M3 撤回", True),
        ("M3 取消", True),
        ("M3 停车太难了", False),
        ("M 3", False),
        ("3 1", False),
    ],
)
def test_a_ballot_is_a_meeting_number_then_choices_or_taking_it_back(
    text: str, ballot: bool
) -> None:
    assert is_ballot(text) is ballot


def test_homes_more_than_one_person_voted_for_are_counted() -> None:
    casts = [
        cast(1, 1, home="3-2-301"),
        cast(1, 2, minute=1, home="3-2-301"),  # the same person again: not shared
        cast(2, 1, home="6-1-101"),
        cast(3, 2, minute=2, home="6-1-101"),
        cast(4, 1),  # no home
    ]
    assert shared_homes(casts) == 1


SATURDAY, SUNDAY = SpokenDay(weekday=5), SpokenDay(weekday=6)


@pytest.mark.parametrize(
    ("said", "spoken"),
    [
        ("我选2", Spoken(numbers=(2,))),
        ("改成2吧", Spoken(numbers=(2,))),  # a choice said again
        ("我改选周六", Spoken(days=(SpokenDay(weekday=5),))),
        ("投第一个", Spoken(numbers=(1,))),
        ("选1和2", Spoken(numbers=(1, 2))),
        ("1、2都行", Spoken(numbers=(1, 2))),
        ("我们家投1", Spoken(numbers=(1,))),
        ("我选周六", Spoken(days=(SATURDAY,))),
        ("周六可以", Spoken(days=(SATURDAY,))),
        ("我也选周日吧", Spoken(days=(SUNDAY,))),
        ("周六周日都行", Spoken(days=(SATURDAY, SUNDAY))),
        ("星期天有空", Spoken(days=(SUNDAY,))),
        ("28号和29号都行", Spoken(days=(SpokenDay(day=28), SpokenDay(day=29)))),
        ("11月28日可以", Spoken(days=(SpokenDay(month=11, day=28),))),
        ("周六我有空", Spoken(days=(SATURDAY,))),
        ("周四晚上可以", Spoken(days=(SpokenDay(weekday=3, part="晚上"),))),
        ("我两个时间都可以", Spoken(every=True)),
        ("哪天都行", Spoken(every=True)),
        ("我投赞成票", Spoken(label="赞成")),
        ("同意", Spoken(label="同意")),
        ("我也不同意", Spoken(label="不同意")),
        ("弃权吧", Spoken(label="弃权")),
        ("我反对,一楼不同意", Spoken(label="反对")),  # the vote, then why
        ("同意,早该装了", Spoken(label="同意")),
        # What stays chatter: no verb and no 「可以」, a question, a refusal, anything longer.
        ("2", None),
        ("周六", None),
        ("周六不行", None),
        ("周六可以吗", None),
        ("都可以", None),  # to a neighbour as likely as to the poll
        ("周四晚上不行", None),
        ("周六我不去", None),
        ("大家都可以", None),
        ("我选2号楼", None),
        ("选择困难", None),
        # 「第三个好」: a number said to be best; an option named by its own words.
        ("我觉得第三个好", Spoken(numbers=(3,))),
        ("方案二好", Spoken(numbers=(2,))),
        ("选错峰停车", Spoken(label="错峰停车")),
        ("我支持划线增加车位", Spoken(label="划线增加车位")),
        ("我选了个好位置", None),
        ("选什么好呢", None),
        ("选21", None),
        ("40号可以", None),
        ("同意吗", None),
        ("我不同意你的看法", None),
        ("我选周六，因为周日要带孙子去公园玩", None),
        ("同意,不过我觉得这件事还要和一楼的住户们再好好商量商量，大家都退一步海阔天空嘛", None),
    ],
)
def test_a_choice_said_in_words(said: str, spoken: Spoken | None) -> None:
    assert spoken_choice(said) == spoken


def test_a_spoken_day_matches_the_times_on_it() -> None:
    saturday_ten = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
    assert SATURDAY.matches(saturday_ten) and not SUNDAY.matches(saturday_ten)
    assert SpokenDay(day=28).matches(saturday_ten)
    assert not SpokenDay(month=12, day=28).matches(saturday_ten)
    assert [str(d) for d in (SATURDAY, SpokenDay(day=3), SpokenDay(month=12, day=1))] == [
        "周六",
        "3号",
        "12月1日",
    ]


@pytest.mark.parametrize(
    ("said", "objection"),
    [
        ("我有异议，停车费太贵", "停车费太贵"),
        ("异议：太贵", "太贵"),
        ("对这个决议有异议 没征求租户意见", "没征求租户意见"),
        ("我有异议", ""),
        ("我们家提个异议！收费不合理", "收费不合理"),
        ("我反对，100太贵了", "100太贵了"),
        ("我有意见，100元太贵了", "100元太贵了"),
        ("我对这个决议有点意见：没问租户", "没问租户"),
        ("大家有意见可以提", None),
        ("有意见吗", None),
        ("我也反对这个方案", ""),
        ("不同意这个决议，没征求租户意见", "没征求租户意见"),
        ("反对无效", None),
        ("他反对", None),
        ("我不同意你说的", None),
        # Not an objection: none had, asked about, or talked of.
        ("没有异议", None),
        ("我没有异议", None),
        ("有异议吗", None),
        ("有异议的请说", None),
        ("异议期到什么时候", None),
        ("我觉得不合理,车位应该先给老人", "车位应该先给老人"),
        ("我觉得这个方案不公平", ""),
        ("他觉得不合理", None),
    ],
)
def test_an_objection_said_in_words(said: str, objection: str | None) -> None:
    assert objection_said(said) == objection


@pytest.mark.parametrize(
    ("said", "against"),
    [
        ("太贵了", True),
        ("车位应该先给老人", True),
        ("凭什么收费", True),
        ("不同意", True),
        ("我有意见", True),
        ("同意", False),
        ("支持！", False),
        ("没意见", False),  # the words of an objection, said to agree
        ("无异议，支持", False),
        ("不反对", False),
        ("应该的，辛苦了", False),
        ("不贵", False),
    ],
)
def test_words_in_reply_to_a_publicity_disagree_or_not(said: str, against: bool) -> None:
    assert disagrees(said) is against


@pytest.mark.parametrize(
    ("said", "home"),
    [
        ("3-2-301", ("3", "2", "301")),
        ("3号楼2单元301", ("3", "2", "301")),
        ("我家是3-1-302室", ("3", "1", "302")),
        ("门牌号：12栋1单元1101", ("12", "1", "1101")),
        ("我家住5号楼3单元502", ("5", "3", "502")),
        ("我住在3-2-301", ("3", "2", "301")),
        ("家住6栋2单元201室", ("6", "2", "201")),
        ("你好,我是新搬来的,住5号楼2单元301", ("5", "2", "301")),
        ("您好!我家是3-1-302室", ("3", "1", "302")),
        ("我是3号楼2单元502的", ("3", "2", "502")),
        ("我们是3-2-301的住户", ("3", "2", "301")),
        ("你好,我是3号楼2单元301的住户,刚搬来", ("3", "2", "301")),  # who they are, after
        ("你好,我住5号楼1单元201,请多关照", ("5", "1", "201")),
        ("你好,3号楼2单元301漏水", None),
        ("3号楼2单元301漏水", None),
        ("去3-2-301看看", None),
        ("我住3号楼" + "1" * 200, None),  # no unit has 196 digits (it was kept and echoed)
    ],
)
def test_a_flat_said_alone(said: str, home: tuple[str, str, str] | None) -> None:
    found = home_said(said)
    assert (found.groups() if found else None) == home


@pytest.mark.parametrize(
    ("said", "building"),
    [
        ("我住5号楼", "5"),
        ("我是5号楼的", "5"),
        ("我家在12栋3单元", "12"),
        ("家住7幢", "7"),
        ("我是3号楼的业主", "3"),
        ("你好,我是新搬来的,我住5号楼", "5"),
        ("5号楼", None),  # no word of living there
        ("我住5号楼，门口井盖坏了", None),  # a report
        ("我去5号楼", None),
    ],
)
def test_a_building_said_as_where_one_lives(said: str, building: str | None) -> None:
    assert home_building_said(said) == building


@pytest.mark.parametrize(
    ("said", "home"),
    [
        ("楼道灯坏了，我住3号楼2单元301", ("3", "3-2-301")),
        ("我家住5栋，单元门关不上", ("5", "5")),
        ("我就住在12号楼，楼下太吵", ("12", "12")),
        ("3号楼楼道灯坏了", None),  # where the problem is, not where they live
        ("我家楼下的井盖坏了", None),
        ("我住的地方很吵", None),
    ],
)
def test_a_home_said_in_passing(said: str, home: tuple[str, str] | None) -> None:
    assert home_in(said) == home


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("我参加", Attending(True)),
        ("算我一个", Attending(True)),
        ("我想参加议事会", Attending(True)),
        ("我也去", Attending(True)),
        ("我们会来", Attending(True)),
        ("我们也参加", Attending(True)),
        ("报名 M2", Attending(True, 2)),
        ("M1 参加", Attending(True, 1)),
        ("我去不了", Attending(False)),
        ("取消报名", Attending(False)),
        # How many come, and someone of the family in one's place.
        ("我和老伴都去", Attending(True, party=2)),
        ("我也参加，带老伴", Attending(True, party=2)),
        ("我去，带上我爱人一起", Attending(True, party=2)),
        ("我们家两个人参加", Attending(True, party=2)),
        ("报名3人", Attending(True, party=3)),
        ("我参加，2个人", Attending(True, party=2)),
        ("报名，我们家一共3个", Attending(True, party=3)),
        ("我参加，20个人", None),
        ("我去不了，我儿子去", Attending(True, stand_in="儿子")),
        ("我和老伴两个人参加", Attending(True, party=2)),
        ("我跟老伴俩都去", Attending(True, party=2)),
        # Not coming, with an apology, the day or the reason around it.
        ("不好意思，那天去不了了", Attending(False)),
        ("我去不了，有事", Attending(False)),
        ("我有事去不了", Attending(False)),
        ("抱歉，临时有事参加不了", Attending(False)),
        ("那天可能来不了", Attending(False)),
        ("我不去了哈", Attending(False)),
        ("去不了吧", None),
        ("我去不了，你们去吧", None),
        ("我去", None),  # an exclamation
        ("参加什么", None),
        ("我参加过", None),
        ("我们家20个人参加", None),  # a booking, not a family
        ("我和老伴吵架了", None),
    ],
)
def test_coming_to_a_meeting_said_in_words(said: str, answer: Attending | None) -> None:
    assert attending_said(said) == answer


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("议事会结果是什么", True),
        ("开会定了什么", True),
        ("板凳会定了什么", True),
        ("车位的事开会怎么定的", True),
        ("会议结果出来了吗", True),
        ("考试结果是什么", False),  # no meeting
        ("你定了什么外卖", False),
    ],
)
def test_what_a_meeting_decided_is_asked(said: str, asked: bool) -> None:
    assert outcome_asked(said) is asked


@pytest.mark.parametrize(
    ("said", "more"),
    [
        ("我也参加，能带两个邻居吗", ("我也参加", "能带两个邻居吗", True, False)),
        ("报名，请问要带身份证吗", ("报名", "请问要带身份证吗", True, False)),
        (
            "我去不了，我的意见是把绿化带改成车位",
            ("我去不了", "我的意见是把绿化带改成车位", False, True),
        ),
        ("我参加，我觉得车位应该按楼分配", ("我参加", "我觉得车位应该按楼分配", False, True)),
        ("我参加，到时候见！", ("我参加", "到时候见", False, False)),
        (  # why first, then not coming, then the view
            "我那天要上班，去不了，我建议晚上外来车一律不让进",
            ("我那天要上班，去不了", "我建议晚上外来车一律不让进", False, True),
        ),
        ("我去不了，你们去吧", ("我去不了", "你们去吧", False, False)),
        ("我参加，同意", ("我参加", "同意", False, False)),  # too short to pass on
        ("我参加，20个人", None),  # a booking
        ("我去不了，临时有事", None),  # attending alone (`attending_said`)
        ("我参加", None),
        ("我参加过，没什么用", None),
        ("大家都参加吧，能带人吗", None),
    ],
)
def test_coming_to_a_meeting_said_with_more(
    said: str, more: tuple[str, str, bool, bool] | None
) -> None:
    found = attending_and_more(said)
    assert (
        None if found is None else (found.attending, found.more, found.asked, found.view)
    ) == more


@pytest.mark.parametrize(
    ("said", "called"),
    [
        (
            "周四晚上7点在罐罐茶开议事会,商量停车的事",
            MeetingCalled("议事会", "周四晚上7点在罐罐茶", "停车"),
        ),
        ("明天下午开个议事会,讨论停车位的事", MeetingCalled("议事会", "明天下午", "停车位")),
        (
            "这周六上午9点,在社区活动室召开板凳会,议题是加装电梯",
            MeetingCalled("板凳会", "这周六上午9点,在社区活动室", "加装电梯"),
        ),
        ("定于12月5日下午3点召开五方会谈", MeetingCalled("五方会谈", "12月5日下午3点", "")),
        ("下周一开圆桌会讨论垃圾分类", MeetingCalled("圆桌会", "下周一", "垃圾分类")),
        (  # an invitation after it is no part of the topic
            "本周六上午9点在社区活动室开议事会,讨论停车问题,欢迎大家参加",
            MeetingCalled("议事会", "本周六上午9点在社区活动室", "停车"),
        ),
        # Spoken of, wished for, asked after, or more than a meeting called: none.
        ("上次开议事会的时候大家都同意了", None),
        ("建议周末开个议事会讨论停车", None),
        ("什么时候开议事会", None),
        ("周四开个议事会吧", None),
        ("开议事会", None),
        ("明天开议事会,大家记得带上身份证和房产证复印件", None),
    ],
)
def test_a_meeting_called_in_a_sentence_is_read(said: str, called: MeetingCalled | None) -> None:
    assert meeting_called(said) == called


def test_a_part_of_the_day_narrows_the_times_a_day_matches() -> None:
    evening = SpokenDay(weekday=3, part="晚上")
    thursday = datetime(2026, 11, 26, 19, 0, tzinfo=UTC)
    assert evening.matches(thursday) and SpokenDay(weekday=3).matches(thursday.replace(hour=9))
    assert not evening.matches(thursday.replace(hour=9))
    assert str(evening) == "周四晚上"


@pytest.mark.parametrize(
    ("posted", "said"),
    [
        ("#接龙\n加装电梯议事会报名\n\n1. 王芳", "我参加"),
        ("#接龙 议事会报名\n1. 王芳\n2. 孙大爷 2人", "报名2人"),
        ("＃接龙 参加周六的板凳会\n1、王芳\n2、孙大爷两人", "报名2人"),
        ("#接龙 团购大米\n1. 钱阿姨 10斤", None),  # not a meeting's
        ("#接龙 议事会报名", None),  # nobody on it yet
        ("议事会报名\n1. 王芳", None),  # no 接龙
    ],
)
def test_a_chain_of_signing_up_is_its_last_line_joining(posted: str, said: str | None) -> None:
    assert chain_joined(posted) == said


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("周四几点", SpokenDay(weekday=3)),
        ("10号晚上几点开", SpokenDay(day=10, part="晚上")),
        ("周四的会几点开始", SpokenDay(weekday=3)),
        ("12月10日几点", SpokenDay(month=12, day=10)),
        ("现在几点", None),
        ("周四几点停水", None),
        ("明天几点", None),
    ],
)
def test_the_time_of_a_days_meeting_asked(said: str, day: SpokenDay | None) -> None:
    assert day_time_asked(said) == day
    assert meeting_asked(said) is (day is not None)


def test_how_many_signed_up_and_which_weekday_asked() -> None:
    for said in ("有几个人报名了", "报名的人多吗", "谁报名了", "目前多少人参加了", "报名人数"):
        assert signups_asked(said) and meeting_asked(said), said
    for said in ("报名了吗", "我报名了", "有几个人", "谁去买菜了"):
        assert not signups_asked(said), said
    assert weekday_asked("议事会是周几") and meeting_asked("议事会是周几")
    assert not weekday_asked("议事会是周四")
