"""Duplicate detection (chat-protocol §2): one rule per test, in residents' own words.

Categories and locations are given by hand here, as the analyser would report them, so each
test isolates one rule. How well the rules do on realistic pairs read by the real analyser is
measured in test_duplicates_quality.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.domain.duplicates import (
    THRESHOLD,
    WINDOW,
    LocationRelation,
    ReportFacts,
    find_duplicate,
    location_relation,
    me_too,
    measure,
    names_the_problem,
    same_problem,
    text_similarity,
)

SHANGHAI = timezone(timedelta(hours=8))
NOW = datetime(2026, 5, 1, 9, 0, tzinfo=SHANGHAI)


def report(
    text: str,
    category: str,
    building: str | None = None,
    unit: str | None = None,
    place: str | None = None,
    *,
    room: str | None = None,
    days_ago: float = 0,
) -> ReportFacts:
    at = NOW - timedelta(days=days_ago)
    return ReportFacts(text, category, building, unit, place, at, room)


def is_duplicate(new: ReportFacts, old: ReportFacts) -> bool:
    return same_problem(new, old) >= THRESHOLD


# --- text similarity ------------------------------------------------------------------------


def test_identical_text_is_fully_similar() -> None:
    assert text_similarity("下水道堵了", "下水道堵了") == 1.0


def test_similarity_ignores_width_punctuation_emoji_fillers_and_location_numbers() -> None:
    assert text_similarity("３号楼２单元电梯又坏了！！😡[捂脸]", "电梯坏了") == 1.0


def test_similarity_is_symmetric_and_bounded() -> None:
    a, b = "小区路灯坏了好几天了，晚上黑乎乎的", "小区的路灯坏了好多天了，晚上太黑了"
    assert text_similarity(a, b) == text_similarity(b, a)
    assert 0.0 <= text_similarity(a, b) <= 1.0


def test_reworded_text_scores_higher_than_a_different_problem() -> None:
    old = "有没有人管管半夜遛狗不牵绳的"
    assert text_similarity(old, "晚上遛狗不牵绳的太多了，有没有人管管") > 0.5
    assert text_similarity(old, "楼上装修电钻声太吵了") < 0.2


@pytest.mark.parametrize("empty", ["", "  ", "😡😡", "[微笑]", "！！？", "3号楼2单元"])
def test_text_without_content_is_similar_to_nothing(empty: str) -> None:
    assert text_similarity(empty, "下水道堵了") == 0.0
    assert text_similarity(empty, empty) == 0.0


def test_similarity_is_fast() -> None:
    """Not a timing assertion: a smoke check that the cached path works on repeated texts."""
    a, b = "9号楼下面的污水井冒水了，满地都是脏水", "9号楼楼下污水井往外冒，路上都是污水"
    first = text_similarity(a, b)
    assert all(text_similarity(a, b) == first for _ in range(1000))


# --- where -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("new", "old", "relation"),
    [
        (("3", "2", None), ("3", "2", None), LocationRelation.SAME_UNIT),
        (("3", None, None), ("3", "2", None), LocationRelation.SAME_BUILDING),
        (("3", "1", None), ("3", "2", None), LocationRelation.OTHER_UNIT),
        (("3", "2", None), ("5", "2", None), LocationRelation.CONFLICT),
        ((None, None, "南门"), (None, None, "南门"), LocationRelation.SAME_PLACE),
        ((None, None, "车库"), (None, None, "地下车库"), LocationRelation.SAME_PLACE),
        ((None, None, "南门"), (None, None, "北门"), LocationRelation.CONFLICT),
        (("3", None, "楼顶"), ("3", None, "天台"), LocationRelation.SAME_BUILDING),
        (("3", None, None), (None, None, "南门"), LocationRelation.PARTIAL),
        (("3", None, None), (None, None, None), LocationRelation.PARTIAL),
        ((None, None, None), (None, None, None), LocationRelation.NONE),
    ],
)
def test_location_relation(
    new: tuple[str | None, str | None, str | None],
    old: tuple[str | None, str | None, str | None],
    relation: LocationRelation,
) -> None:
    assert location_relation(report("x", "road", *new), report("x", "road", *old)) is relation


# --- the spec's structural rule and its near-misses -----------------------------------------


def test_same_category_same_unit_is_a_duplicate_in_other_words() -> None:
    old = report("3号楼2单元下水道堵了", "drainage", "3", "2", days_ago=1)
    new = report("3号楼2单元厨房水池不下水，地漏往上返", "drainage", "3", "2")
    assert is_duplicate(new, old)


def test_the_insides_of_two_flats_are_two_problems_however_alike_the_words() -> None:
    old = report("家里水管漏水了", "drainage", "6", "2", room="301", days_ago=1)
    assert not is_duplicate(report("家里水管漏水了", "drainage", "6", "2", room="502"), old)
    # The same flat (another of its family), or a flat and no flat named: as before.
    assert is_duplicate(report("家里水管漏水了", "drainage", "6", "2", room="301"), old)
    assert is_duplicate(report("家里水管漏水了", "drainage"), old)


def test_same_category_same_place_is_a_duplicate() -> None:
    old = report("南门外面有人摆摊占道", "parking", place="南门", days_ago=2)
    new = report("南门口那些卖菜的把路都占了，车进不来", "parking", place="南门")
    assert is_duplicate(new, old)


def test_same_building_when_one_side_names_no_unit() -> None:
    old = report("3号楼1单元门口化粪池满了往外溢", "drainage", "3", "1", days_ago=2)
    new = report("3号楼化粪池又满了，门口全是粪水", "drainage", "3")
    assert is_duplicate(new, old)


def test_same_building_different_category_is_not_a_duplicate() -> None:
    old = report("3号楼2单元下水道堵了，厨房返水", "drainage", "3", "2", days_ago=2)
    new = report("3号楼2单元楼道灯坏了，晚上看不见", "lighting", "3", "2")
    assert not is_duplicate(new, old)


def test_different_categories_with_near_identical_text_still_match() -> None:
    """The analyser sometimes files one problem under two categories; the words then decide."""
    old = report("地下车库入口的减速带坏了", "road", place="地下车库", days_ago=1)
    new = report("地下车库入口减速带坏了", "parking", place="地下车库")
    assert is_duplicate(new, old)


def test_same_problem_words_at_another_building_are_not_a_duplicate() -> None:
    old = report("3号楼2单元下水道堵了，厨房返水", "drainage", "3", "2", days_ago=1)
    new = report("5号楼2单元下水道堵了，厨房返水", "drainage", "5", "2")
    assert text_similarity(new.text, old.text) == 1.0
    assert not is_duplicate(new, old)


def test_same_problem_at_another_named_place_is_not_a_duplicate() -> None:
    old = report("南门井盖松了", "road", place="南门", days_ago=3)
    new = report("北门那个井盖也松了，踩上去响", "road", place="北门")
    assert not is_duplicate(new, old)


def test_other_unit_with_a_unit_fixture_is_not_a_duplicate() -> None:
    """Each unit has its own lift: two units' lifts are two problems."""
    old = report("3号楼1单元电梯坏了", "facility", "3", "1", days_ago=1)
    new = report("3号楼2单元电梯坏了", "facility", "3", "2")
    assert not is_duplicate(new, old)


def test_other_unit_with_a_building_wide_problem_is_a_weaker_duplicate() -> None:
    """A building shares its septic tank: a different unit is weaker, not a veto."""
    old = report("13号楼1单元门口化粪池满了", "drainage", "13", "1", days_ago=1)
    new = report("13号楼2单元门口化粪池冒了，整栋楼就一个化粪池", "drainage", "13", "2")
    assert is_duplicate(new, old)
    same_unit = report(new.text, "drainage", "13", "1")
    assert same_problem(new, old) < same_problem(same_unit, old)


def test_unit_door_is_a_fixture_but_in_front_of_the_unit_is_not() -> None:
    """ "1单元门口" is a place in front of unit 1, not "单元门" (the unit's own door)."""
    old = report("4号楼1单元门口积水很深", "drainage", "4", "1", days_ago=1)
    new = report("4号楼2单元门口也积水了", "drainage", "4", "2")
    assert is_duplicate(new, old)
    door_old = report("4号楼1单元的单元门关不上", "security", "4", "1", days_ago=1)
    door_new = report("4号楼2单元的单元门关不上", "security", "4", "2")
    assert not is_duplicate(door_new, door_old)


def test_a_flat_and_the_door_of_its_building_are_two_problems() -> None:
    """A leak into the flat below and water pooling at the building's door share the building
    and the category "drainage", and one character of text: the structure alone no longer
    makes them one problem, in either order."""
    flat = report("3-2-301家漏水到楼下", "drainage", "3", "2", room="301", days_ago=1)
    door = report("3幢门口积水", "drainage", "3")
    assert not is_duplicate(door, flat)
    assert not is_duplicate(flat, door)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            report("9号楼门口雨水井堵了，路上全是水", "drainage", "9", days_ago=1),
            report("9-1-302厨房下水道堵了", "drainage", "9", "1", room="302"),
        ),
        (
            report("7号楼楼道里堆满杂物", "safety", "7", days_ago=3),
            report("7-3-502家里燃气漏气", "safety", "7", "3", room="502"),
        ),
        (
            report("6号楼门口广场舞太吵", "noise", "6", days_ago=2),
            report("6-2-401楼上装修太吵", "noise", "6", "2", room="401"),
        ),
        # No room number: "卫生间" is enough to put the problem inside a flat.
        (
            report("3号楼门口积水", "drainage", "3", days_ago=1),
            report("3号楼2单元我家卫生间漏水到楼下", "drainage", "3", "2"),
        ),
    ],
)
def test_a_flat_and_a_common_spot_of_one_building_are_two_problems(
    old: ReportFacts, new: ReportFacts
) -> None:
    assert not is_duplicate(new, old)


def test_the_same_leak_named_by_its_flat_twice_still_matches() -> None:
    old = report("3-2-301漏水到楼下", "drainage", "3", "2", room="301", days_ago=1)
    new = report("3号楼2单元301家里往下漏水", "drainage", "3", "2", room="301")
    assert is_duplicate(new, old)


def test_a_flat_and_a_common_spot_with_common_wording_still_match_but_weaker() -> None:
    """A blocked drain outside backs up into the flats: shared words carry the case."""
    old = report("3号楼2单元门口下水道堵了，污水漫到路上", "drainage", "3", "2", days_ago=1)
    new = report("3-2-101厨房返水，下水道堵了", "drainage", "3", "2", room="101")
    assert is_duplicate(new, old)
    no_flat = report("3号楼2单元返水，下水道堵了", "drainage", "3", "2")
    assert same_problem(new, old) < same_problem(no_flat, old)


def test_a_flat_named_beside_a_common_spot_is_only_an_address() -> None:
    """ "3-2-301门口楼道灯坏了" is about the stairwell; 301 says who is reporting."""
    old = report("3号楼2单元楼道灯不亮", "lighting", "3", "2", days_ago=1)
    new = report("3-2-301门口楼道灯坏了", "lighting", "3", "2", room="301")
    assert is_duplicate(new, old)


def test_other_category_is_no_evidence_of_sameness() -> None:
    old = report("14号楼3单元停水了", "other", "14", "3", days_ago=1)
    new = report("14号楼3单元有人在楼道里吵架，差点打起来", "dispute", "14", "3")
    assert not is_duplicate(new, old)


# --- no location -----------------------------------------------------------------------------


def test_no_location_needs_very_similar_text() -> None:
    old = report("小区路灯坏了好几天了，晚上黑乎乎的", "lighting", days_ago=2)
    new = report("小区的路灯坏了好多天了，晚上太黑了", "lighting")
    assert is_duplicate(new, old)


def test_no_location_same_category_different_problem_is_not_a_duplicate() -> None:
    old = report("跳舞的音响太吵了", "noise", days_ago=1)
    new = report("楼上装修电钻声太吵了", "noise")
    assert not is_duplicate(new, old)


def test_location_on_one_side_only_still_needs_similar_text() -> None:
    old = report("7号楼电梯坏了", "facility", "7", days_ago=1)
    assert is_duplicate(report("电梯又坏了", "facility"), old)
    assert not is_duplicate(report("电梯里有人贴小广告", "facility"), old)


# --- the 14-day window -----------------------------------------------------------------------


def test_window_is_fourteen_days() -> None:
    assert timedelta(days=14) == WINDOW


def test_issue_reported_exactly_fourteen_days_ago_counts() -> None:
    old = report("南门井盖松了", "road", place="南门", days_ago=14)
    assert is_duplicate(report("南门井盖松动了，一直响", "road", place="南门"), old)


def test_issue_older_than_the_window_scores_zero() -> None:
    old = report("南门井盖松了", "road", place="南门", days_ago=14.01)
    new = report("南门井盖松了", "road", place="南门")
    assert same_problem(new, old) == 0.0


def test_window_applies_in_either_order() -> None:
    """A replayed or back-dated report may be older than the open issue it is checked against."""
    later = report("南门井盖松了", "road", place="南门", days_ago=-20)
    assert same_problem(report("南门井盖松了", "road", place="南门"), later) == 0.0


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        ReportFacts("下水道堵了", "drainage", None, None, None, datetime(2026, 5, 1))  # noqa: DTZ001


def test_scores_are_between_zero_and_one() -> None:
    old = report("3号楼2单元下水道堵了", "drainage", "3", "2", days_ago=1)
    for new in (
        report("3号楼2单元下水道堵了", "drainage", "3", "2"),
        report("5号楼2单元下水道堵了", "drainage", "5", "2"),
        report("", "other"),
    ):
        assert 0.0 <= same_problem(new, old) <= 1.0


# --- find_duplicate --------------------------------------------------------------------------


def test_find_duplicate_picks_the_best_candidate() -> None:
    new = report("3号楼2单元下水道堵了，厨房返水", "drainage", "3", "2")
    candidates = [
        (17, report("3号楼2单元楼道灯坏了", "lighting", "3", "2", days_ago=1)),
        (18, report("3号楼下水道堵了", "drainage", "3", days_ago=2)),
        (19, report("3号楼2单元下水道又堵了，厨房返水", "drainage", "3", "2", days_ago=3)),
        (20, report("5号楼2单元下水道堵了，厨房返水", "drainage", "5", "2", days_ago=1)),
    ]
    assert find_duplicate(new, candidates) == 19


def test_find_duplicate_breaks_ties_by_the_most_recent_issue() -> None:
    new = report("南门井盖松了", "road", place="南门")
    candidates = [
        ("older", report("南门井盖松了", "road", place="南门", days_ago=5)),
        ("newer", report("南门井盖松了", "road", place="南门", days_ago=1)),
        ("oldest", report("南门井盖松了", "road", place="南门", days_ago=9)),
    ]
    assert find_duplicate(new, candidates) == "newer"


def test_find_duplicate_returns_none_below_the_threshold() -> None:
    new = report("电梯又坏了", "facility")
    candidates = [(1, report("7号楼电梯坏了", "facility", "7", days_ago=1))]
    score = same_problem(new, candidates[0][1])
    assert find_duplicate(new, candidates, threshold=score) == 1
    assert find_duplicate(new, candidates, threshold=score + 0.01) is None


def test_find_duplicate_ignores_candidates_outside_the_window() -> None:
    new = report("南门井盖松了", "road", place="南门")
    assert (
        find_duplicate(new, [(1, report("南门井盖松了", "road", place="南门", days_ago=15))])
        is None
    )


def test_find_duplicate_with_no_candidates() -> None:
    assert find_duplicate(report("下水道堵了", "drainage"), []) is None


# --- measure ---------------------------------------------------------------------------------


def test_measure_counts_precision_recall_and_kinds() -> None:
    figures = measure(
        [
            ("same_reworded", True, True),
            ("same_reworded", True, False),
            ("unrelated", False, True),
            ("unrelated", False, False),
        ]
    )
    assert (figures.precision, figures.recall, figures.f1) == (0.5, 0.5, 0.5)
    assert figures.by_kind == {"same_reworded": (1, 2), "unrelated": (1, 2)}
    assert "same_reworded" in figures.format()


def test_measure_of_nothing_is_zero_not_an_error() -> None:
    figures = measure([])
    assert (figures.precision, figures.recall, figures.f1) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("said", "replying", "same"),
    [
        ("我家也是", False, True),
        ("我们家也一样", False, True),
        ("同样的问题", False, True),
        ("我也是这个问题", False, True),
        ("我家也遇到了", False, True),
        ("我们单元也是,好几天了", False, True),  # a short clause of their own after it
        ("我们也是", False, True),  # a household: just after a report there, the same
        ("我家楼道灯也不亮", False, True),  # the problem said again: the handler compares kinds
        ("3号楼的灯我们单元也不亮", False, True),  # and the building: the handler compares it
        ("3号楼2单元的灯也不亮", False, False),  # no home of theirs: a report of its own
        ("我们楼下水道也堵了", False, True),
        ("是的,我家也是", False, True),  # agreeing first
        ("对,同样的问题", False, True),
        # The hazard met by them too: a witness (it was chat)
        ("是的是的,我昨天也差点摔了", False, True),
        ("我家孩子也被绊了一下", False, True),
        ("我也摔过", False, True),
        ("我也想去", False, False),
        ("我也觉得", False, False),
        ("+1", True, True),
        ("＋1", True, True),
        ("同上", True, True),
        # What may be about anything: a bare 「我也是」, or 「+1」 not in reply to the report.
        ("我也是", False, False),
        ("这边也是", False, False),
        ("+1", False, False),
        ("我家也是这样想的", False, False),
        ("我家也是,我们一楼二楼三楼都不亮了真是没办法", False, False),  # a story of its own
        ("是的", False, False),  # agreeing with anything
    ],
)
def test_the_same_problem_said_without_saying_it(said: str, replying: bool, same: bool) -> None:
    assert me_too(said, replying=replying) is same


@pytest.mark.parametrize(
    ("said", "named"),
    [("我家楼道灯也不亮", True), ("1号我们楼也漏水", True), ("我家也是", False), ("+1", False)],
)
def test_a_me_too_that_says_the_problem_again_is_told_apart(said: str, named: bool) -> None:
    assert names_the_problem(said) is named
