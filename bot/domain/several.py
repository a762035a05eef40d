"""Several problems told in one report: 「3号楼楼道灯坏了，还有5号楼门口井盖松了」,
「两个问题：1.电梯经常停 2.垃圾没人清」. Each is an issue of its own (its category, its grid,
its deadline); which pieces are problems of their own is the analyser's to judge (intake).

Pure: where the words may be cut, as typed.
"""

from __future__ import annotations

import re

# 「1.」「2、」「3）」「①」「一、」 after the start or a mark: an item of a list (「1.3号楼…」 is
# item 1 of 3号楼 when a 2. follows).
_ITEM = re.compile(
    r"(?:(?:^|(?<=[\s,，。；;：:!！]))(?P<n>[1-9１-９一二三四五六七八九])[\.．、)）]"
    r"|(?P<c>[①②③④⑤⑥⑦⑧⑨]))\s*"
)
_ORDER = {
    **{str(n): n for n in range(1, 10)},
    **{chr(ord("１") + n - 1): n for n in range(1, 10)},
    **{c: n for n, c in enumerate("一二三四五六七八九", start=1)},
    **{c: n for n, c in enumerate("①②③④⑤⑥⑦⑧⑨", start=1)},
}
# 「，还有…」「。另外…」「；再就是…」: another thing said after one.
# Not 「还有没有王法」「还有人天天喂」「还有点臭」: a question, someone, or more of the same.
_ANOTHER = re.compile(
    r"[\s,，。；;!！]+(?:还有(?!没有|没|人|点|些|一点|很多|好多)|另外|此外|再就是|再有|再一个)"
    r"(?:就是|一个是|一个|一件事|个事|个问题)?[\s,，:：]*"
)


def pieces(text: str) -> tuple[str, list[str]]:
    """What comes before a list (「两个问题：」, or ""), and the pieces `text` may be cut into:
    the items of a list numbered from 1, else the clauses 还有/另外 begin; one piece (the text)
    when it is neither."""
    items = list(_ITEM.finditer(text))
    if len(items) >= 2 and [_ORDER[m["n"] or m["c"]] for m in items] == list(
        range(1, len(items) + 1)
    ):
        bounds = [m.start() for m in items] + [len(text)]
        cut = [text[m.end() : end] for m, end in zip(items, bounds[1:], strict=True)]
        return text[: items[0].start()].strip(), [_trimmed(piece) for piece in cut]
    cut, start = [], 0
    for another in _ANOTHER.finditer(text):
        cut.append(text[start : another.start()])
        start = another.end()
    cut.append(text[start:])
    return "", [piece for piece in map(_trimmed, cut) if piece]


def _trimmed(piece: str) -> str:
    return piece.strip(" \t,，；;。")
