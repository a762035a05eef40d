"""办事指南: the community's answers to questions residents ask again and again (「物业费多少钱
一平」「装修几点可以开始」「老年证在哪办」), given at once instead of filed for a grid worker.

An entry is asked by its keys, written as staff would write them: alternatives apart by 、 or
，, words that must all be there joined by + or a space, and words that rule the key out after
a - (「物业费、物业管理费」「装修+几点」「居住证-居住证明」: 居住证明 is another paper).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.text import SENTENCE_ENDS, normalize, rstrip_marks

# Words a problem is told by (「电梯坏了什么时候修」「物业费交了怎么还漏水」): a report, not a
# question the guide answers.
PROBLEM_SAID = re.compile(
    r"坏|漏|堵|吵|臭|脏|乱|不亮|不通|掉|塌|裂|丢|没人|(?<!装)修|积水|冒|着火|危险"
    # 「物业费一分不少收 服务啥也没有」「又要涨？谁同意的」: a grievance, not a question
    r"|不少收|多收|(?:啥|什么)(?:也|都)(?:没有|不干|不管)|不作为|凭什么|谁同意"
)
# How a question is asked: 「…吗」「怎么交」「在哪办」「多少钱」「几点」「要带什么」「我想问一下
# 老年证的事」.
_ASKED = re.compile(
    r"[?？]$|[吗么呢嘛]$|怎么|怎样|如何|咋|哪|多少|几点|几号|几天|什么|啥|能不能|可不可以"
    r"|可以[^,，。]{0,8}吗|要不要|需不需要|是否|有没有|流程|手续|问一?下|问问|请问|咨询|了解一?下"
)
# What asks right after a key in a group (「物业费多少钱」「装修可以几点开始」「电瓶车能上楼吗」),
# two characters between at most: 「装修的师傅几点来啊」「老年证能坐公交吗」 ask of something else.
_ASKING_AFTER = (
    r".{0,2}?(?:怎么|怎样|如何|咋|在哪|哪里|哪儿|去哪|多少|几点|几号|什么时候|啥时候|要不要|需要|"
    r"需不需要|可以|可不可以|能不能|是否|收费|[吗么呢嘛?？]|$)"
)
_ALTERNATIVES = re.compile(r"[、,，;；/|]")
# A key's words: joined by + or a space, or after - to rule it out (「居住证-居住证明」); a -
# between letters or digits is the word's own (「wi-fi」).
_KEY_WORD = re.compile(r"(?P<unless>-?)(?P<word>(?:[^+&\s-]|(?<=[a-z0-9])-(?=[a-z0-9]))+)")
KEYS_AT_MOST = 10  # alternatives in one entry
KEY_WORD_AT_MOST = 20  # characters in one word of a key
ASKED_AT_MOST = 40  # characters in a question the guide may answer (a group's: 25)
ASKED_IN_GROUP_AT_MOST = 25
GUIDE_ANSWER_AT_MOST = 500  # characters in an answer


@dataclass(frozen=True)
class Key:
    """One way an answer is asked: the words that must all be there, and the words that rule
    it out (「居住证-居住证明」: 「居住证明在哪开」 asks of another paper)."""

    words: tuple[str, ...]
    unless: tuple[str, ...] = ()

    def fits(self, said: str) -> bool:
        """Whether `said` (normalised, lower case) has all the words and none ruling it out."""
        return all(word in said for word in self.words) and not any(
            word in said for word in self.unless
        )


@dataclass(frozen=True)
class Entry:
    """One answer and the keys it is asked by."""

    keys: tuple[Key, ...]
    answer: str


def parse_keys(written: str) -> tuple[Key, ...]:
    """「物业费、物业管理费」 → 物业费 or 物业管理费; 「装修+几点」 → 装修 and 几点;
    「居住证-居住证明」 → 居住证 unless 居住证明. Letters are read in lower case (「WiFi」 is
    asked as 「wifi」); empty words are dropped, and so is a key with no word that asks
    (「-证明」)."""
    keys: list[Key] = []
    for _, key in _alternatives(written):
        if key.words and all(key.words != known.words for known in keys):
            keys.append(key)
    return tuple(keys)


def _alternatives(written: str) -> list[tuple[str, Key]]:
    """Each alternative of `written` as typed (normalised, lower case), and its key."""
    found = []
    for alternative in _ALTERNATIVES.split(normalize(written).lower()):
        words: list[str] = []
        unless: list[str] = []
        for said in _KEY_WORD.finditer(alternative):
            (unless if said["unless"] else words).append(said["word"])
        found.append((alternative.strip(), Key(tuple(words), tuple(unless))))
    return found


def keys_problem(written: str) -> str | None:
    """What is wrong with keys as written, in Chinese; None when they will do."""
    for alternative, key in _alternatives(written):
        if key.unless and not key.words:
            return f"「{alternative}」只有不该答的词，前面还要写问的词（如：居住证-居住证明）"
    keys = parse_keys(written)
    if not keys:
        return "关键词不能为空"
    if len(keys) > KEYS_AT_MOST:
        return f"关键词最多{KEYS_AT_MOST}组"
    for key in keys:
        for word in key.words + key.unless:
            if len(word) > KEY_WORD_AT_MOST:
                return f"关键词「{word}」太长（最多{KEY_WORD_AT_MOST}个字）"
        if len(key.words) == 1 and len(key.words[0]) < 2:
            return f"关键词「{key.words[0]}」太短，会答错问题（至少2个字）"
    return None


def shown_keys(keys: tuple[Key, ...]) -> str:
    """The keys as staff write them: 「物业费、装修+几点、居住证-居住证明」."""
    return "、".join(
        "+".join(key.words) + "".join(f"-{word}" for word in key.unless) for key in keys
    )


def first_asked(shown: str) -> str:
    """How an answer is named where it is counted: the words of its first key as shown
    (「居住证-居住证明、暂住证」 → 「居住证」)."""
    keys = parse_keys(shown)
    return "+".join(keys[0].words) if keys else shown


def asked(said: str, *, in_group: bool = False) -> bool:
    """Whether `said` (normalised) is a question the guide may answer: short, asked as a
    question, and naming no problem."""
    limit = ASKED_IN_GROUP_AT_MOST if in_group else ASKED_AT_MOST
    if not 2 <= len(said) <= limit or PROBLEM_SAID.search(said) is not None:
        return False
    return _ASKED.search(said) is not None


def answering(entries: Sequence[Entry], said: str, *, in_group: bool = False) -> Entry | None:
    """The entry that answers `said` (normalised), if it is a question the guide may answer
    (`asked`): one with a key all of whose words are in it, the one with the most characters
    matched where several are (「装修+几点」 over 「装修」). Privately a key said alone
    (「物业费？」) asks too; in a group, where neighbours talk, the question must follow a
    word of the key closely (`_asked_of`). None when no entry answers."""
    said = said.lower()
    if not in_group:
        bare = rstrip_marks(said, SENTENCE_ENDS)
        for entry in entries:
            if any(key.words == (bare,) for key in entry.keys):
                return entry
    if not asked(said, in_group=in_group):
        return None
    best: Entry | None = None
    best_score = 0
    for entry in entries:
        for key in entry.keys:
            score = sum(len(word) for word in key.words)
            found = score > best_score and key.fits(said)
            if found and (not in_group or _asked_of(key.words, said)):
                best, best_score = entry, score
    return best


def _asked_of(words: tuple[str, ...], said: str) -> bool:
    """Whether a word of the key is what `said` asks of: a question follows it closely
    (「物业费多少钱一平」, not 「大家物业费都交了吗」). A word that asks itself (几点 of
    「装修+几点」) does not count: 「装修的师傅几点来啊」 asks of the 师傅."""
    return any(
        re.search(re.escape(word) + _ASKING_AFTER, said)
        for word in words
        if _ASKED.search(word) is None
    )
