"""How people appear in group messages (chat-protocol §9)."""

from __future__ import annotations

import pytest

from bot.domain.privacy import (
    mask_name,
    mask_text,
    phone_keys,
    phone_left,
    phones_in,
    someones_phone,
)


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("王芳", "王*"),
        ("王小芳", "王*芳"),
        ("欧阳小峰", "欧**峰"),
        ("Alice", "A***e"),
        ("", "匿名"),
    ],
)
def test_names_are_masked(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_phone_numbers_are_masked_and_id_numbers_removed() -> None:
    text = "我电话13812345678，身份证11010519491231002X，楼号3"
    assert mask_text(text) == "我电话138****5678，身份证[身份证号已隐藏]，楼号3"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("电话138-1234-5678", "电话138****5678"),
        ("电话 139 1234 5678。", "电话 139****5678。"),
        ("+8613912345678", "139****5678"),
        ("+86 139 1234 5678", "139****5678"),
        ("老身份证110101900307123", "老身份证[身份证号已隐藏]"),
        # Landlines: with an area code, or 7 or 8 digits said to be a phone.
        ("来电号码：010-62345678，反映井盖", "来电号码：010-****5678，反映井盖"),
        ("联系电话 0571-88886666", "联系电话 0571-****6666"),
        ("座机：(010)62345678", "座机：(010)****5678"),
        ("座机（010）62345678", "座机（010）****5678"),
        ("我家电话62345678", "我家电话****5678"),
        ("电话是6234567", "电话是****4567"),
        ("13812345678 或 010 62345678", "138****5678 或 010 ****5678"),
    ],
)
def test_phone_numbers_written_apart_and_old_id_numbers_are_hidden_too(
    typed: str, shown: str
) -> None:
    assert mask_text(typed) == shown


@pytest.mark.parametrize(
    "kept",
    [
        "3号楼2单元502",
        "订单20261122",
        "12345678901",
        "电话：12312345678",
        "门牌号 12345678 号",  # 8 digits not said to be a phone
        "工单2026112300017",
        "BJ-20261122-0123",
        "2026-11-23",
        "电话12345",
        "4008123123",
    ],
)
def test_numbers_that_are_neither_stay(kept: str) -> None:
    assert mask_text(kept) == kept


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("来电号码：138-1234-5678，5号楼井盖松了", "13812345678"),
        ("来电人王先生 +86 139 1234 5678", "13912345678"),
        ("工单2026112300017：5号楼井盖松了", None),  # an order's number is no phone
        ("3号楼电话打不通", None),
        ("来电号码：010-62345678，路灯不亮", "010-62345678"),
        ("座机（0571）88886666", "0571-88886666"),
        ("居民电话62345678", "62345678"),
        ("王先生13812345678，家里座机010-62345678", "13812345678、010-62345678"),
        ("座机010-62345678，手机13812345678", "010-62345678、13812345678"),  # as written
        ("13812345678，再打13812345678", "13812345678"),  # each once
        # At most three: whoever calls back needs the caller's, not a list.
        (
            "138 1234 5678、13912345678、13712345678、13612345678",
            "13812345678、13912345678、13712345678",
        ),
    ],
)
def test_the_callers_numbers_are_read_from_the_words(text: str, phone: str | None) -> None:
    assert ("、".join(phones_in(text)) or None) == phone


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("13812345678", True),
        ("我的电话是138-1234-5678", True),
        ("手机：13812345678", True),
        ("电话13812345678，打这个", True),
        ("我的电话是13812345678，有事打我电话", True),  # with how to use it
        ("13812345678，方便的话联系我", True),
        ("打13812345678找物业", False),
        ("0931-8765432", True),
        ("3号楼灯坏了，电话13812345678", False),  # a report with its number
        ("我的电话", False),
        ("工单13812345678900", False),  # an order's number
    ],
)
def test_a_number_left_alone_to_be_called_on(text: str, left: bool) -> None:
    assert phone_left(text) is left


@pytest.mark.parametrize(
    ("text", "whose"),
    [
        ("刘奶奶的电话是13912345678", True),
        ("她电话：139-1234-5678", True),
        ("联系人电话13912345678", True),
        ("13912345678", True),
        ("打13912345678找物业", False),
        ("3号楼灯坏了，电话13812345678", False),  # a report with its number
        ("刘奶奶的电话", False),
    ],
)
def test_someones_number_passed_on(text: str, whose: bool) -> None:
    assert someones_phone(text) is whose


def test_published_numbers_are_kept_however_written_and_the_rest_masked() -> None:
    keep = phone_keys("0931-8123456") | phone_keys("138 0013 8003")
    said = (
        "社区电话 0931-8123456，(0931)8123456；网格员13800138003；我是13912345678，家里0931-8765432"
    )
    assert mask_text(said, keep) == (
        "社区电话 0931-8123456，(0931)8123456；网格员13800138003；我是139****5678，家里0931-****5432"
    )
    assert mask_text(said) == (
        "社区电话 0931-****3456，(0931)****3456；网格员138****8003；我是139****5678，家里0931-****5432"
    )
