"""How config.yaml names a chat: by the platform's id, or by its title until a secretary confirms.

Secretaries know a WeChat group by its name (网格3群), not its room id (`xxxx@chatroom`). A
configured `ref` that is not a platform id is taken as the chat's title: the row waits for the
room of that name, and `/bind` in that room confirms it.
"""

from __future__ import annotations

import re

_TELEGRAM_ID = re.compile(r"-?[0-9]+")


def is_platform_id(platform: str, ref: str) -> bool:
    """Whether `ref` is the platform's own chat id (else it is the chat's title).

    Telegram ids are integers (groups negative); WeChat room ids contain `@` (`…@chatroom`);
    console chats are named, and their names are their ids. Unknown platforms: ids.
    """
    ref = ref.strip()
    if platform == "telegram":
        return _TELEGRAM_ID.fullmatch(ref) is not None
    if platform == "wechat":
        return "@" in ref
    return True
