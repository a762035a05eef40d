"""回头看: the answer a reporter gives when asked whether a closed problem came back.

A month after a dispute closes its reporter is asked 「问题有没有再出现？」 (chat-protocol §5).
People answer in a word or two: 「没有」「没再出现，谢谢」 or 「又出现了」「又吵起来了」.
:func:`came_back` reads such an answer; the handler acts on it only while the sender has a
question of that kind waiting, so the words stay ordinary chat for everybody else.

Pure: no I/O.
"""

from __future__ import annotations

import re

__all__ = ["GROUP_ANSWER_MAX", "came_back"]

GROUP_ANSWER_MAX = 30
"""In a group, where 「没有」 and 「又…了」 are everyday words, only a short message answers."""

# Privately also the loose 「又…了」 (「楼上又开始半夜装修了」); in a group that is everyday talk
# (「又是周末了」), so there only the named ways a problem comes back count.
_BACK_LOOSE = re.compile(r"又.{0,8}?了")
# It did come back: 「又出现了」「又吵起来了」「又堵了」「还是老样子」「复发了」, or a bare 「有」.
_BACK = re.compile(
    r"又(?:出现|发生|复发|犯|来|开始|坏|堵|漏|吵|闹|响|冒|积|不亮|不行|不通|不正常|有)"
    r"|还是(?:老样子|一样|那样|没好|不行|有)"
    r"|复发|反复|^(?:有|有的|出现了|还有)(?:$|[,，。!！\s])"
)
# It did not: 「没有」「没再出现」「没有了，谢谢」「一直挺好」「解决了」「没问题」「最近好多了」.
_NOT_BACK = re.compile(
    r"^(?:[嗯哦噢呃]+[,，\s]*)?(?:没有|没|無|无|未|再没|一直没)(?:有|再|了|出现|发生|复发|犯|问题|过|呢)*"
    r"(?:$|[,，。.!！~～\s]|谢|挺|很|都|已|一直)"
    r"|挺好|很好|都好|好着|好好的|没问题|没事|解决了|一直好|(?<!不)正常|没再|没有再|^(?:都|早就|已经)?好了"
    # 「最近好多了」「现在安静多了」 (not 「蚊子好多了」: many)
    r"|(?:^|最近|现在|已经|感觉|目前|情况)(?:好多了|好些了|好转了|安静多了|改善了)|有所(?:好转|改善)"
)


def came_back(text: str, *, private: bool) -> bool | None:
    """True when `text` says the problem came back, False when it says it did not, None when it
    is no answer to 回头看. `text` is normalised (half-width). A group message longer than
    `GROUP_ANSWER_MAX` is no answer."""
    said = text.strip()
    if not said or (not private and len(said) > GROUP_ANSWER_MAX):
        return None
    if _NOT_BACK.search(said):
        # 「还好没有再出现」 before 「又…了」: a denial wins over the words it denies.
        return False
    if _BACK.search(said) or (private and _BACK_LOOSE.search(said)):
        return True
    return None
