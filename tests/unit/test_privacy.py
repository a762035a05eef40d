"""How people appear in group messages (chat-protocol §9)."""

from __future__ import annotations

import pytest

from bot.domain.privacy import mask_name, mask_text


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
