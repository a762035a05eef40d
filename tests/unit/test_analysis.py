"""The message analyser: normalisation, locations, urgency, complaints and JSON-lines batches.

Each test reads as what a resident typed and what the analyser should make of it. Quality over
a labelled corpus lives in test_analysis_quality.py; this file pins down behaviour case by case.
"""

from __future__ import annotations

import io
import json
from types import MappingProxyType

import pytest

from bot.analysis import (
    Analysis,
    Analyzer,
    Category,
    Location,
    analyze_lines,
    load_default_categories,
)
from bot.analysis.location import building_number, gives_place
from bot.analysis.normalize import MAX_ANALYSED_CHARS, chinese_number, normalize

SECTION_7_CODES = [
    "drainage",
    "road",
    "parking",
    "charging",
    "sanitation",
    "noise",
    "lighting",
    "security",
    "greenery",
    "property",
    "dispute",
    "facility",
    "safety",
    "service",
    "other",
]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    # Built once: the jieba dictionary takes about a second to load.
    return Analyzer()


# --- taxonomy -----------------------------------------------------------------------------


def test_default_taxonomy_is_section_7_in_order_with_other_last() -> None:
    categories = load_default_categories()
    assert [c.code for c in categories] == SECTION_7_CODES
    assert categories[0].name == "排水管道"
    assert all(c.level in ("简单", "复杂", "疑难") for c in categories)
    assert all(c.keywords for c in categories[:-1]), "every real category needs keywords"


def test_category_keywords_are_read_only_and_category_is_hashable() -> None:
    category = load_default_categories()[0]
    assert isinstance(category.keywords, MappingProxyType)
    with pytest.raises(TypeError):
        category.keywords["新词"] = 1.0  # type: ignore[index]
    assert hash(category) == hash(load_default_categories()[0])


def test_category_rejects_an_unknown_triage_level() -> None:
    with pytest.raises(ValueError, match="级别"):
        Category(code="x", name="某类", level="很难", keywords={"词": 1.0})


def test_load_default_categories_returns_a_fresh_list() -> None:
    first = load_default_categories()
    first.clear()
    assert len(load_default_categories()) == 15


def test_a_custom_taxonomy_is_used_as_given() -> None:
    pets = Category(code="pets", name="宠物", level="简单", keywords={"猫咪": 2.0})
    analyzer = Analyzer([pets])
    assert [c.code for c in analyzer.categories] == ["pets"]
    assert analyzer.analyze("谁家的猫咪一直叫").category == "pets"
    assert analyzer.analyze("下水道堵了").category == "other"
    assert analyzer.category_name("other") == "其他"


# --- normalisation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("３号楼２单元３０１室", "3号楼2单元301室"),
        ("５＃楼", "5#楼"),
        ("三号楼二单元", "3号楼2单元"),
        ("十二栋", "12栋"),
        ("二十一号楼", "21号楼"),
        ("一百零一室", "101室"),
        ("三零一室", "301室"),
        ("第五栋", "5栋"),
        ("ＫＴＶ太吵", "ktv太吵"),
    ],
)
def test_normalize_folds_width_case_and_building_numerals(typed: str, normalised: str) -> None:
    assert normalize(typed) == normalised


@pytest.mark.parametrize("counting", ["这一栋楼都停电了", "两栋楼之间", "每一层都有", "三天没人管"])
def test_normalize_leaves_numerals_that_count_rather_than_name(counting: str) -> None:
    assert normalize(counting) == counting


def test_normalize_drops_wechat_emoji_codes_and_caps_length() -> None:
    assert normalize("[捂脸][强]").strip() == ""
    assert len(normalize("漏" * 50_000)) == MAX_ANALYSED_CHARS


@pytest.mark.parametrize(
    ("numeral", "digits"),
    [
        ("十", "10"),
        ("十二", "12"),
        ("二十", "20"),
        ("二十三", "23"),
        ("一百零五", "105"),
        ("五", "5"),
    ],
)
def test_chinese_number(numeral: str, digits: str) -> None:
    assert chinese_number(numeral) == digits


# --- location -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "building", "unit", "room"),
    [
        ("3号楼门口有积水", "3", None, None),
        ("3栋楼下很吵", "3", None, None),
        ("3幢的路灯坏了", "3", None, None),
        ("3#门口堆了垃圾", "3", None, None),
        ("3#楼电梯坏了", "3", None, None),
        ("三号楼的井盖松了", "3", None, None),
        ("十二栋一单元楼道灯不亮", "12", "1", None),
        ("２单元门禁坏了", None, "2", None),
        ("二单元门禁坏了", None, "2", None),
        ("301室楼上漏水", None, None, "301"),
        ("3号楼2单元301室漏水", "3", "2", "301"),
        ("3号楼2单元301漏水", "3", "2", "301"),
        ("3号楼 2单元 301 漏水", "3", "2", "301"),
        ("3栋1102号空调滴水", "3", None, "1102"),
        ("3-2-301 楼上漏水", "3", "2", "301"),
        ("5号楼2-301半夜打麻将", "5", "2", "301"),
        ("2-301门口的灯坏了", "2", None, "301"),
        ("B座大堂的门禁坏了", "B", None, None),
        ("14号楼1803天天唱歌", "14", None, "1803"),
        ("楼上1002晒被子往下滴水", None, None, "1002"),
        # Where the speaker lives is not where the problem is, when another building is named.
        ("我住6号楼，2号楼那边的路灯坏了", "2", None, None),
        ("我是6号楼的，2号楼门口井盖坏了", "2", None, None),
        ("我家在3号楼，5号楼2单元门口漏水", "5", "2", None),
        ("我住6号楼2单元，楼道灯坏了", "6", "2", None),
        # A label's colon before the place: 地址：, 位置:.
        ("地址：5号楼东侧路灯不亮", "5", None, None),
        ("位置:3号楼2单元301 漏水", "3", "2", "301"),
        ("地点：3-2-301", "3", "2", "301"),
        # After a long number (a 12345 order's), the colon is a label's too, not a time's.
        ("12345工单2026112200123：3号楼1单元下水道堵塞", "3", "1", None),
    ],
)
def test_location_forms(
    analyzer: Analyzer, text: str, building: str | None, unit: str | None, room: str | None
) -> None:
    location = analyzer.analyze(text).location
    assert (location.building, location.unit, location.room) == (building, unit, room)


@pytest.mark.parametrize(
    "text",
    [
        "有事打我电话13812345678",
        "座机010-12345678",
        "今晚19:00开会",
        "今晚19:30 开会",
        "约19:3号楼门口集合",  # an hour's colon: a time, not 3号楼
        "2025-12-01停水",
        "12月3号楼下有活动",
        "修一下花了300元",
        "来了3个人看了看",
        "已经两天没人管了",
        "报价100-200元",
        "等了30分钟",
    ],
)
def test_numbers_that_are_not_locations(analyzer: Analyzer, text: str) -> None:
    location = analyzer.analyze(text).location
    assert (location.building, location.unit, location.room) == (None, None, None)


def test_named_places_longest_first(analyzer: Analyzer) -> None:
    assert analyzer.analyze("南门有个井盖松了").location.place == "南门"
    assert analyzer.analyze("地下车库入口积水").location.place == "地下车库"


def test_community_places_from_config_are_recognised() -> None:
    analyzer = Analyzer(places=["罐罐茶"])
    assert analyzer.analyze("罐罐茶门口的路灯不亮").location.place == "罐罐茶"


def test_location_label() -> None:
    assert Location("3", "2", "301", None).label() == "3号楼2单元301室"
    assert Location("3", "2", None, "南门").label() == "3号楼2单元"
    assert Location(None, None, None, "南门").label() == "南门"
    assert Location(None, None, None, None).label() == ""


# --- category -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("厨房的下水道堵了好几天，水都流不下去", "drainage"),
        ("小区路上的井盖翘起来了，差点绊倒", "road"),
        ("有辆车天天停在消防车道边上占了我的车位", "parking"),
        ("充电桩扫码以后一直充不上电", "charging"),
        ("垃圾桶满了好几天没人清运，臭气熏天", "sanitation"),
        ("楼上装修电钻声太吵了，周末一大早就开始", "noise"),
        ("烧烤店的油烟全飘进我家", "noise"),
        ("5号楼楼上天天半夜拖椅子", "noise"),
        ("楼道里的声控灯坏了，晚上一片漆黑", "lighting"),
        ("单元门的门禁卡刷不开", "security"),
        ("草坪上的杂草长得比人还高，没人修剪", "greenery"),
        ("物业费年年涨，服务越来越差", "property"),
        ("对门邻居把杂物堆在我家门口，说了还骂人，想找人调解", "dispute"),
        ("电梯又坏了，老人上下楼很不方便", "facility"),
        ("有人高空抛物，差点砸到小孩", "safety"),
        ("6号楼有人在楼道里堆了好多纸箱", "safety"),
        ("过道里堆着一堆旧家具", "safety"),
        ("楼道里有人堆了很多纸箱", "safety"),
        ("有人往楼下扔东西", "safety"),
        ("对面的狗天天叫", "noise"),
        ("小区门口有人摆摊", "sanitation"),
        ("楼道的窗户坏了", "facility"),
        ("屋顶漏雨", "drainage"),
        ("楼道有人抽烟", "noise"),
        ("有人在小区里放鞭炮", "noise"),
        ("有人偷电", "safety"),
        ("楼下那车停了半个月没动", "parking"),
        ("楼下停了辆车好几个月没动了，挡着路", "parking"),  # 楼下 is no dispute here
        ("车库出口的镜子碎了", "parking"),
        ("地下室住了人", "safety"),
        ("灯是修了，但是不太亮", "lighting"),  # too dim: not the 太亮 of a nuisance
        ("对面工地的灯太亮了晃眼睛", "noise"),
        ("想问一下高龄补贴怎么申请", "service"),
        ("冬天暖气一点都不热", "other"),
    ],
)
def test_category_examples(analyzer: Analyzer, text: str, code: str) -> None:
    result = analyzer.analyze(text)
    assert result.category == code
    assert 0.0 < result.confidence <= 1.0


def test_no_keyword_means_other_with_zero_confidence(analyzer: Analyzer) -> None:
    result = analyzer.analyze("今天天气不错")
    assert result.category == "other"
    assert result.confidence == 0.0
    # 「没动静」 (no news yet) holds no car left standing (「停了半个月没动」).
    assert analyzer.analyze("报了三天了一点没动静").category == "other"


def test_a_clear_lead_is_more_confident_than_a_close_call(analyzer: Analyzer) -> None:
    clear = analyzer.analyze("路灯坏了，楼道灯也不亮，晚上黑灯瞎火")
    close = analyzer.analyze("电梯口的灯不亮")
    assert clear.category == "lighting"
    assert clear.confidence > close.confidence


# --- urgent -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "5号楼配电箱漏电了，有人被电到",
        "楼道里一股煤气味，好像燃气泄漏了",
        "3楼着火了！！快打119",
        "地下室在冒烟",
        "小区门口的路面塌了一个大洞",
        "有个老人摔倒在单元门口起不来",
        "我被困电梯里了，快来人",
        "主水管爆管了，水漫了一地",
        "3号楼电梯又坏了，困了人怎么办",
        "电梯卡在三楼，有人困在里面",
        "孩子被卡在电梯里出不来",
        "3号楼电梯坏了，困了好几个人",
        "电梯里困了两个老人",
        "3号楼电梯又坏了，困了个老人在里面",  # it was not urgent
        "电梯里困着人",
        "电梯又关人了！！！",  # shut in
        "3号楼电梯里关了个老人",
        "有人晕过去了",
        "有人打架，流了很多血",
        "暖气管爆了，家里全是水",
        "老人走丢了",
        "有人要跳楼",
        "楼上漏水漏到电箱了",
        "天然气泄露",
        "一氧化碳中毒",
        "老人摔了一跤，起不来",
        "家里跳闸了，老人用呼吸机",
    ],
)
def test_danger_words_are_urgent(analyzer: Analyzer, text: str) -> None:
    assert analyzer.analyze(text).urgent is True


@pytest.mark.parametrize(
    "text",
    [
        "电工看过了，没有漏电，放心",
        "昨天漏电的问题已经修好了，谢谢物业",
        "楼道堆了这么多纸箱，万一着火怎么办",
        "电梯今天保养，大家注意",
        "高空抛物差点砸到人",
        "上了一天班，困了",
        "饭烧焦了没事",
        "老人摔倒了，没事了，谢谢大家",
        "楼道冒烟了，不要紧的，是邻居在熏腊肉",
        "这关人家什么事",
        "电梯门关了",
        "早上起不来",
        "信息泄露了",
        "跳楼价大甩卖",
        "之前摔了一跤，现在好了",
        "小猫走丢了",
        "不是着火，是楼下烧烤",
        "会不会着火啊，楼道堆这么多东西",  # a worry, not a fire now
    ],
)
def test_negated_or_cleared_danger_is_not_urgent(analyzer: Analyzer, text: str) -> None:
    assert analyzer.analyze(text).urgent is False


@pytest.mark.parametrize("text", ["楼道里好大的烟味，是不是着火了", "是不是漏电了，一摸就麻"])
def test_asking_whether_danger_is_there_is_no_negation(analyzer: Analyzer, text: str) -> None:
    """「是不是着火了」: its 不是 asks, fearing the fire."""
    assert analyzer.analyze(text).urgent is True


@pytest.mark.parametrize(
    "text",
    ["着火了没事吧？", "煤气泄漏了，没事别出门", "没事，快来人，着火了", "老人摔倒了不要紧吗"],
)
def test_all_clear_words_that_ask_advise_or_come_first_leave_the_danger(
    analyzer: Analyzer, text: str
) -> None:
    """「没事」 clears a danger only after it and ending its clause: asked (「没事吧」), advice
    (「没事别出门」) or said before (「没事，…着火了」), the danger stands."""
    assert analyzer.analyze(text).urgent is True


@pytest.mark.parametrize("text", ["对面饭店油烟太大", "楼下烧烤店油烟太大，窗户都不敢开"])
def test_cooking_fumes_are_a_nuisance_not_a_fire(analyzer: Analyzer, text: str) -> None:
    result = analyzer.analyze(text)
    assert (result.urgent, result.category) == (False, "noise")


def test_smoke_beside_the_fumes_is_still_a_fire(analyzer: Analyzer) -> None:
    assert analyzer.analyze("油烟太大，后厨还冒烟了").urgent is True


def test_the_bots_own_name_says_nothing_of_a_problem() -> None:
    """Called 邻里, the bot is no 邻里纠纷: a word inside its name does not count."""
    named = Analyzer(names=["邻里"])
    for text in ("谢谢邻里", "邻里真好用", "你已添加了邻里"):
        assert named.analyze(text).category == "other", text
    for text in ("邻里纠纷谁来调解", "邻里关系紧张", "和邻里吵架了"):
        assert named.analyze(text).category == "dispute", text
    assert named.analyze("邻里，3号楼楼道灯坏了").category == "lighting"


def test_a_smell_of_gas_said_with_a_word_between_is_urgent(analyzer: Analyzer) -> None:
    for text in ("天然气有味道", "煤气有股味道", "楼道里燃气有味"):
        assert analyzer.analyze(text).urgent is True, text


@pytest.mark.parametrize(
    "text",
    [
        "老人在家摔了起不来",
        "闻到一股烧焦的味道",
        "燃气报警器在响",
        "楼上在吵架还动手了",
        "有小孩爬到窗户外面了",
    ],
)
def test_dangers_said_in_everyday_words_are_urgent(analyzer: Analyzer, text: str) -> None:
    assert analyzer.analyze(text).urgent is True


def test_a_stove_that_will_not_light_is_no_fire(analyzer: Analyzer) -> None:
    for text in ("我家燃气灶打不着火", "燃气灶点不着火了"):
        assert analyzer.analyze(text).urgent is False, text
    assert analyzer.analyze("厨房着火了").urgent is True


# --- complaint or chatter -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "7号楼的路灯坏了一个星期了，能不能派人修一下",
        "楼下的狗天天晚上叫，吵得人睡不着",
        "垃圾站的垃圾好几天没人清了",
        "井盖",
        "家里没水了",  # an outage said plainly, as often as 停水
        "家里没电了",
        "说好的6点来水，现在都7点了还没来",  # a promise broken: its 「好的」 is no nod
    ],
)
def test_problem_reports_read_as_complaints(analyzer: Analyzer, text: str) -> None:
    result = analyzer.analyze(text)
    assert result.complaint is True
    assert result.complaint_score >= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "收到",
        "好的，谢谢网格员",
        "哈哈哈哈",
        "大家早上好",
        "辛苦了",
        "【温馨提示】明天上午停电检修，请大家提前做好准备",
        "路灯已经修好了，感谢物业",
        "本周六上午社区有义诊活动，欢迎报名参加",
    ],
)
def test_chatter_and_notices_are_not_complaints(analyzer: Analyzer, text: str) -> None:
    result = analyzer.analyze(text)
    assert result.complaint is False
    assert result.complaint_score < 0.5


@pytest.mark.parametrize("text", ["", "   ", "👍👍👍", "🙏", "[捂脸][捂脸]", "。。。！！"])
def test_empty_or_emoji_only_is_other_with_nothing_known(analyzer: Analyzer, text: str) -> None:
    assert analyzer.analyze(text) == Analysis(
        category="other",
        confidence=0.0,
        location=Location(None, None, None, None),
        urgent=False,
        complaint=False,
        complaint_score=0.0,
    )


def test_a_10000_character_message_is_analysed_without_error(analyzer: Analyzer) -> None:
    text = "3号楼2单元下水道堵了，" + "麻烦尽快处理一下" * 1250
    assert len(text) > 10_000
    result = analyzer.analyze(text)
    assert result.category == "drainage"
    assert result.location.building == "3"


def test_unusual_characters_do_not_break_the_analyser(analyzer: Analyzer) -> None:
    for text in ["\x00\x01", "\ud800", "𠀀𠀁", "a" * 5000, "#" * 100, "１" * 300]:
        assert isinstance(analyzer.analyze(text), Analysis)


# --- JSON lines ---------------------------------------------------------------------------


def run_lines(analyzer: Analyzer, *lines: str) -> tuple[list[dict[str, object]], int, int]:
    out = io.StringIO()
    analysed, errors = analyze_lines(iter(lines), out, analyzer)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    return records, analysed, errors


def test_analyze_lines_writes_the_documented_fields(analyzer: Analyzer) -> None:
    records, analysed, errors = run_lines(
        analyzer, json.dumps({"text": "3号楼2单元下水道堵了"}, ensure_ascii=False)
    )
    assert (analysed, errors) == (1, 0)
    assert records == [
        {
            "category": "drainage",
            "category_name": "排水管道",
            "building": "3",
            "unit": "2",
            "room": None,
            "place": None,
            "complaint": True,
            "complaint_score": records[0]["complaint_score"],
            "urgent": False,
            "confidence": records[0]["confidence"],
        }
    ]


def test_analyze_lines_passes_only_id_through(analyzer: Analyzer) -> None:
    line = json.dumps({"id": "m-7", "text": "收到", "author": "王芳"}, ensure_ascii=False)
    records, _, _ = run_lines(analyzer, line)
    assert records[0]["id"] == "m-7"
    assert "author" not in records[0]
    assert "text" not in records[0]


def test_analyze_lines_reports_bad_lines_and_carries_on(analyzer: Analyzer) -> None:
    records, analysed, errors = run_lines(
        analyzer,
        '{"text": "路灯坏了"}\n',
        "\n",
        "{not json\n",
        '{"id": 3}\n',
        '{"text": 42}\n',
        '["text"]\n',
        '{"text": "井盖丢了"}\n',
    )
    assert (analysed, errors) == (2, 4)
    assert records[0]["category"] == "lighting"
    assert records[1] == {"error": "不是合法的 JSON", "line": 3}
    assert records[2] == {"error": "缺少字符串字段 text", "line": 4}
    assert records[3] == {"error": "缺少字符串字段 text", "line": 5}
    assert records[4] == {"error": "不是 JSON 对象", "line": 6}
    assert records[5]["category"] == "road"


def test_analyze_lines_keeps_chinese_readable(analyzer: Analyzer) -> None:
    out = io.StringIO()
    analyze_lines(['{"text": "电梯坏了"}'], out, analyzer)
    assert "公共设施" in out.getvalue()


class CountingTerminal(io.StringIO):
    """A fake terminal that counts flushes."""

    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty
        self.flushes = 0

    def isatty(self) -> bool:
        return self.tty

    def flush(self) -> None:
        self.flushes += 1
        super().flush()


@pytest.mark.parametrize(("tty", "flushes"), [(True, 2), (False, 0)])
def test_analyze_lines_flushes_per_line_only_on_a_terminal(
    analyzer: Analyzer, tty: bool, flushes: int
) -> None:
    out = CountingTerminal(tty)
    analyze_lines(['{"text": "收到"}', '{"text": "谢谢"}'], out, analyzer)
    assert out.flushes == flushes


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("3", "3"),
        ("3号楼", "3"),
        ("03栋", "3"),
        ("12幢", "12"),
        ("3号", "3"),
        ("3#", "3"),
        ("B座", "B"),
        ("b", "B"),
        ("网格3", None),
        ("东区", None),
        ("", None),
        ("3号楼2单元", None),
    ],
)
def test_a_building_typed_in_a_command_reads_as_the_analyser_stores_it(
    typed: str, number: str | None
) -> None:
    assert building_number(typed) == number


def test_every_default_category_has_its_own_short_name_for_the_statistics() -> None:
    from bot.analysis.taxonomy import load_default_categories, parse_categories

    shorts = [c.short_name for c in load_default_categories()]
    assert len(set(shorts)) == len(shorts) and all(len(s) <= 2 for s in shorts)
    assert load_default_categories()[0].short_name == "排水"  # 排水管道
    # Without `short`, the statistics use the name.
    (plain,) = parse_categories([{"code": "x", "name": "垃圾分类", "level": "简单"}])
    assert plain.short_name == "垃圾分类"


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("我住3号楼2单元301", True),
        ("地址：5号楼东侧", True),
        ("3号楼", True),
        ("5栋2单元", True),
        ("3号楼2单元301", True),
        ("是3号楼的吗", False),
        ("3号", False),  # a day of the month as much as a building
        ("3号楼门口井盖坏了", False),  # a report that names its place
    ],
)
def test_who_says_where(text: str, gives: bool) -> None:
    assert gives_place(text) is gives
