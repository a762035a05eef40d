"""Which configured chat refs are platform ids, and which are titles awaiting confirmation."""

from __future__ import annotations

import pytest

from bot.domain.chats import is_platform_id


@pytest.mark.parametrize(
    ("platform", "ref", "expected"),
    [
        ("telegram", "-1001234567890", True),
        ("telegram", "123456", True),
        ("telegram", "网格3群", False),
        ("telegram", "-", False),
        ("telegram", "12a", False),
        ("telegram", "１２３", False),
        ("wechat", "grid3@chatroom", True),
        ("wechat", "12345678@chatroom", True),
        ("wechat", "网格3群", False),
        ("wechat", "wxid_li", False),
        ("console", "网格3群", True),
        ("console", "私聊:王芳", True),
    ],
)
def test_a_ref_is_a_platform_id_or_a_title(platform: str, ref: str, expected: bool) -> None:
    assert is_platform_id(platform, ref) is expected
