"""来源: where a report came from, as intake decides it (pure)."""

from __future__ import annotations

import pytest

from bot.domain.issues import Role
from bot.domain.sources import (
    Source,
    filing_said,
    more_taken,
    order_gist,
    order_shaped,
    relayed,
    source_of,
    taken_words,
    time_limit_said,
    work_order_of,
)
from bot.text import normalize


@pytest.mark.parametrize(
    ("text", "own", "private", "source"),
    [
        # Staff filing their own say how it came.
        ("12345工单：3号楼1单元下水道堵塞", Role.WORKER, True, Source.HOTLINE),
        ("市民热线转来：南门路灯不亮", Role.SECRETARY, False, Source.HOTLINE),
        ("居民王大爷电话反映2号楼楼顶漏水", Role.WORKER, True, Source.PHONE),
        ("接到居民电话，5号楼有人高空抛物", Role.WORKER, True, Source.PHONE),
        ("3号楼刘阿姨来社区反映楼上漏水", Role.SECRETARY, True, Source.VISIT),
        ("巡查发现1号楼消防通道堆放杂物", Role.WORKER, False, Source.PATROL),
        ("入户走访时发现6号楼独居老人家燃气管老化", Role.WORKER, True, Source.PATROL),
        ("4号楼门口路灯不亮", Role.WORKER, False, Source.STAFF),
        # A number holding 12345 is no hotline, and a contact number no call.
        ("王芳（联系电话13812345678）：楼道堆物", Role.WORKER, True, Source.STAFF),
        # A 楼栋长 or a handler saying nothing of it: their chat's.
        ("3号楼电梯异响", Role.HEAD, False, Source.GROUP),
        ("住户打电话说3号楼电梯异响", Role.HEAD, False, Source.PHONE),
        # Residents' words never set it; filed for someone (own None): the chat's.
        ("打电话给物业没人接，楼道灯坏了", Role.RESIDENT, True, Source.PRIVATE),
        ("12345也打了，下水道还是堵", Role.RESIDENT, False, Source.GROUP),
        ("巡查发现1号楼消防通道堆放杂物", None, False, Source.GROUP),
    ],
)
def test_where_a_report_came_from(
    text: str, own: Role | None, private: bool, source: Source
) -> None:
    assert source_of(private=private, own=own, text=text) is source


@pytest.mark.parametrize(
    ("text", "taken"),
    [
        ("帮王芳登记一下，3号楼楼道灯坏了", True),
        ("帮3号楼502的刘奶奶报一下，她家卫生间漏水", True),  # where she lives, with her name
        ("帮我报个事，4号楼门禁坏了", True),
        ("代王阿姨反映：5号楼门口有积水", True),
        ("居民王大爷电话反映2号楼楼顶漏水", True),
        ("接到12345转来的工单，5号楼噪音扰民", True),
        ("巡查时发现5号楼井盖破损", True),
        ("居民电话反映：楼道灯一直不亮，好几天了", True),  # 好几天 is no question
        ("入户走访时发现6号楼独居老人家燃气管老化", True),
        # Spoken of, done, asked, or a plan: no report taken.
        ("巡查发现的那个井盖已经修好了", False),
        ("昨天巡查发现的问题都处理了", False),
        ("12345的工单有几个", False),
        ("今天下午去巡查", False),
        ("入户走访了5户", False),
        ("上个月社区收到的投诉里有一半是12345转来的", False),  # said too late to be how one came
        ("停电几点来电", False),  # power coming back, no call
        ("什么时候能来电", False),
        ("居民来电反映5号楼停电", True),
    ],
)
def test_a_report_staff_took_is_told_from_chat(text: str, taken: bool) -> None:
    assert filing_said(text) is taken


@pytest.mark.parametrize(
    ("text", "passed_on"),
    [
        ("3号楼302的李大爷说家里暖气不热", True),
        ("居民王阿姨反映楼道灯坏了", True),
        ("5号楼的王奶奶打电话说家里停电了", True),
        ("孙大爷跟我说楼上太吵了", True),
        # Work done, a question, or no resident passed on.
        ("王大爷说灯修好了", False),
        ("张大爷说的那个井盖修了吗", False),
        ("物业说明天来修", False),
        ("我说过了", False),
    ],
)
def test_a_residents_words_passed_on_are_told(text: str, passed_on: bool) -> None:
    assert relayed(text) is passed_on


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("帮王芳登记一下，3号楼楼道灯坏了", "王芳反映：3号楼楼道灯坏了"),
        ("代王阿姨反映：5号楼门口有积水", "王阿姨反映：5号楼门口有积水"),
        ("帮我登记一下，4号楼王大爷反映楼顶漏水", "4号楼王大爷反映楼顶漏水"),
        ("帮忙登记：5号楼门口井盖松了", "5号楼门口井盖松了"),
        ("居民王大爷电话反映2号楼楼顶漏水", "居民王大爷电话反映2号楼楼顶漏水"),
        ("帮我登记一下", "帮我登记一下"),  # nothing after it: as it is
        ("帮3号楼502的刘奶奶报一下，她家卫生间漏水", "3号楼502的刘奶奶反映：她家卫生间漏水"),
        ("代5号楼2-301王大爷登记：家里暖气不热", "5号楼2-301王大爷反映：家里暖气不热"),
    ],
)
def test_the_asking_is_no_part_of_the_report_staff_took(text: str, words: str) -> None:
    assert taken_words(text) == words


@pytest.mark.parametrize(
    ("text", "gist"),
    [
        (
            "【12345工单】工单编号：2026112300789 诉求人：王先生 联系电话：13812345678 "
            "诉求内容：反映5号楼2单元楼道堆放杂物。办理时限：3个工作日",
            "反映5号楼2单元楼道堆放杂物。办理时限：3个工作日",
        ),
        ("工单号BJ-1 问题描述: 井盖丢了", "井盖丢了"),
        ("5号楼门口井盖松了", "5号楼门口井盖松了"),
        ("诉求内容：", "诉求内容："),  # nothing after it: as it is
    ],
)
def test_a_work_order_pasted_whole_is_told_by_its_problem(text: str, gist: str) -> None:
    assert order_gist(text) == gist


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("12345工单2026112200123：3号楼1单元下水道堵塞", "2026112200123"),
        ("工单号：BJ-20261122-0123，5号楼噪音扰民", "BJ-20261122-0123"),
        ("接到12345转来的工单，编号2026112200123，5号楼噪音", "2026112200123"),
        ("12345工单（２０２６１１２２００１２３）南门路灯", "2026112200123"),  # full-width
        ("工单编号 bj2026112200123 小广场", "BJ2026112200123"),  # kept upper-case
        # No number after 工单: a phone, a 快递单号, a room or a count is none.
        ("12345工单，联系电话13812345678，3号楼漏水", None),
        ("快递单号SF1234567890丢了", None),
        ("12345工单：3号楼1单元301室", None),
        ("工单123号", None),
        ("2026112200123 3号楼下水道堵塞", None),  # no 工单: not taken for one
    ],
)
def test_a_work_orders_number_is_read_after_its_label(text: str, order: str | None) -> None:
    assert work_order_of(normalize(text)) == order


def test_a_work_orders_shape_is_no_page_or_room() -> None:
    assert order_shaped("2026112200123") and order_shaped("BJ-2026-1122-0123")
    assert not order_shaped("12345") and not order_shaped("3-2-301")
    assert not order_shaped("1" * 41) and not order_shaped("ABCDE1234567")


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("12345工单2026：3号楼下水道堵塞，办理时限：3个工作日", "3个工作日"),
        ("工单号2026112200123，时限11月27日，5号楼噪音", "11月27日"),
        ("12345工单2026：限3个工作日内办结", "3个工作日"),
        ("12345工单2026：请于11月27日18:00前回复", "11月27日18:00"),
        ("12345工单：5号楼路灯，时限为2天。", "2天"),
        ("3号楼下水道堵塞", None),
        ("明天限号出行，5号楼门口别停车", None),
        ("周五前修好", None),  # no 请于: a wish, not an order's limit
    ],
)
def test_a_work_orders_time_limit_is_read(text: str, limit: str | None) -> None:
    assert time_limit_said(normalize(text)) == limit


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("还有4号楼单元门禁坏了", "4号楼单元门禁坏了"),
        ("另外，5号楼楼道堆了杂物", "5号楼楼道堆了杂物"),
        ("1号楼楼道灯不亮", "1号楼楼道灯不亮"),
        # A question, or work done, is no further report.
        ("还有那个井盖修好了吗", ""),
        ("还有几件没处理", ""),
        ("另外5号楼的灯已经修好了", ""),
    ],
)
def test_more_found_after_a_report_taken(text: str, words: str) -> None:
    assert more_taken(text) == words
