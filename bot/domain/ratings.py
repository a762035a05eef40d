"""满意度: which rating an issue counts as in the statistics.

A rating of 3 or more closes the issue and stays on it (`Issue.rating`). A low one (1 or 2)
reopens it and the issue forgets it, but the statistics still count it: the trail keeps it as
the reopening's note (`评价2分 …`). The latest verdict counts until the issue is resolved again
(a new round, to be rated anew) or reopened for another reason. `Issue.counted_rating` holds the
result, brought up to date by each rating action as it is recorded (`rating_after`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import timedelta

from bot.text import rstrip_marks

SATISFIED_FROM = 3
"""A rating of 3 (基本满意) or more counts as satisfied (满意率 = rated ≥ 3 / rated)."""

AGENDA_DONE = "agenda_done"  # the audit action of an agenda issue done with its action items
RESOLVING = ("resolve", AGENDA_DONE)
RATING_ACTIONS = ("rate", "reopen", *RESOLVING)
"""The audit actions that set or clear the rating the statistics count."""

RATING_WORDS = {
    "非常满意": 5,
    "十分满意": 5,
    "很满意": 5,
    "挺满意": 5,
    "满意": 5,
    "好评": 5,
    "五星好评": 5,
    "比较满意": 4,
    "基本满意": 3,
    "不太满意": 2,
    "不满意": 1,
    "很不满意": 1,
    "非常不满意": 1,
    "差评": 1,
}
"""The follow-up's answers in words (chat-protocol §5: 满意 / 基本满意 / 不满意)."""
VAGUE_RATING_WORDS = {
    "一般": 3,
    "一般般": 3,
    "还行": 3,
    "还可以": 3,
    # 「挺好的，谢谢你们」「不错」: pleased, in everyday words
    "挺好": 4,
    "不错": 4,
    "挺不错": 4,
    "还不错": 4,
    "很好": 5,
    "很不错": 5,
    "非常好": 5,
    "非常不错": 5,
}
"""Words that answer a survey but are everyday chat too: taken only when said to the bot
(privately, by name, or quoting its ask)."""
_VAGUE_SAID = re.compile("|".join(sorted(VAGUE_RATING_WORDS, key=len, reverse=True)))


def vague_said(text: str) -> bool:
    """Whether `text` has an everyday word of `VAGUE_RATING_WORDS` in it (a search, before
    reading it as a rating)."""
    return _VAGUE_SAID.search(text) is not None


_CHINESE_SCORES = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
# 5, 5分, 打五分, 给个五星, 3颗星; not 五
# 「5星好评」「五星好评」 too.
_SCORE = re.compile(
    r"^(?:打|给)?个?(?:([1-5])(?:分|星|颗星)?|([一二两三四五])(?:分|星|颗星))(?:好评)?$"
)
# 「我给个好评」「给你们个差评」: the giving, before the rating word.
_GIVEN = re.compile(r"^(?:我)?(?:要|想)?(?:给|打)(?:你们|您|你)?(?:个|一个|了个)?")
# 「我对处理结果不满意」「对这次的结果很满意」: what the verdict is of, said before it.
_OF_THE_RESULT = re.compile(
    r"^(?:我|我们)?对?(?:这次|你们|本次)?的?(?:处理|办理|维修)?的?(?:结果|效果)(?:我)?(?:是|还是)?"
)
# 「满意，谢谢」「很满意！辛苦了」: the thanks after the verdict.
_THANKS = re.compile(r"(?:谢谢|感谢|多谢|辛苦)[^\s]{0,4}$")
_BEFORE_THANKS = ",，、。.!！~～"


def spoken_score(text: str, *, vague: bool = False) -> int | None:
    """The score a rating answer gives: a rating word (with thanks after it, or not), `5`,
    `5分` or `五分`; the everyday words of `VAGUE_RATING_WORDS` only when `vague`. None for
    anything else. `text` is normalised (half-width)."""
    polite = rstrip_marks(_THANKS.sub("", _without_symbols(text).replace(" ", "")), _BEFORE_THANKS)
    word = _OF_THE_RESULT.sub("", polite).rstrip(_PARTICLES)
    if word not in RATING_WORDS and (given := _GIVEN.match(word)) is not None:
        word = word[given.end() :] or word  # 「我给个好评」「给你们点个赞」: the word given
    if word in RATING_WORDS:
        return RATING_WORDS[word]
    if vague and word in VAGUE_RATING_WORDS:
        return VAGUE_RATING_WORDS[word]
    score = _SCORE.match(word)
    if score is None:
        return None
    return int(score[1]) if score[1] else _CHINESE_SCORES[score[2]]


def _without_symbols(text: str) -> str:
    """「满意😊」「满意👍」: the words without emoji and other symbols."""
    return "".join(char for char in text if unicodedata.category(char) not in ("So", "Sk"))


RATED_SOON_AFTER = timedelta(hours=2)
"""How long after an issue's 办结 its reporter's everyday words in its group (「还可以」「一般般」)
are taken for the verdict it asked for."""
GROUP_RATING_MAX = 60
"""「不满意，师傅来看了一眼就走了」 is a rating with its reason; a longer group message that
merely starts or ends with 满意 is chatter."""
# Every rating word has 满意 or 评 in it; every score a digit 1-5, 分 or 星; then the vague words.
_RATING_HINT = re.compile(r"满意|评|分|星|[1-5]|一般|还行|还可以|好|不错")
_PARTICLES = "的吧啊呀了哦呢嘛"  # 「挺满意的」「基本满意吧」
_FIRST_APART = re.compile(r"^(.+?)[\s,，、。.!！~～;；:：]+(.+)$")
_LAST_APART = re.compile(r"^(.+)[\s,，、。.!！~～;；:：]+(.+?)$")


def spoken_rating(
    text: str, *, private: bool = False, vague: bool = False
) -> tuple[int, str] | None:
    """A rating answer and the reason said with it, the verdict first or last:
    「不满意，还是堵」 and 「还是堵，不满意」 are (1, 「还是堵」); 「很满意，谢谢」 is (5, 「」).
    None when no part of it is a rating (`spoken_score`).

    Said in a group, where people talk to each other, only what is hardly chat counts: no
    bare 「5」, nothing over `GROUP_RATING_MAX` characters, a good verdict after something else
    only when that speaks of the work (「这次修好了，挺满意的」, not 「昨天那场戏，挺满意的」),
    and 打/给 only with 分 (「给3」 is not a score). The everyday words of `VAGUE_RATING_WORDS`
    only when `private`, or `vague` (in a group, just after the 办结 asked for it)."""
    if not _RATING_HINT.search(text):  # most chatter: no word a rating could be made of
        return None
    if not private and (len(text) > GROUP_RATING_MAX or text.strip().isdigit()):
        return None
    vague = vague or private
    score = _verdict(text, private, vague=vague)
    if score is not None:
        return score, ""
    first = _FIRST_APART.match(text.strip())
    verdict = _verdict(first[1], private, vague=vague, part=True) if first is not None else None
    if first is not None and verdict is not None:
        return verdict, first[2].strip()
    last = _LAST_APART.match(text.strip())
    score = _verdict(last[2], private, vague=vague, part=True) if last is not None else None
    if last is None or score is None:
        return None
    reason = last[1].strip()
    if not private and score >= SATISFIED_FROM and not _ABOUT_THE_WORK.search(reason):
        return None  # 「昨天那场戏，挺满意的」
    return score, reason


# What a reason before a good verdict says when it is about the work: 「这次修好了，挺满意的」.
_ABOUT_THE_WORK = re.compile(r"修|好了|通了|亮了|处理|解决|办|师傅|物业|网格|及时|很快|辛苦|谢")
_GIVEN_BARE = re.compile(r"^[打给]\s*[1-5一二两三四五]$")  # 「给3」: in a group, not a score


def _verdict(said: str, private: bool, *, vague: bool, part: bool = False) -> int | None:
    """The score of an answer or of one `part` of it: a rating word or 「4分」 (an everyday
    one when `vague`); not 「给3」 in a group, nor a bare digit as a part (「我家 3」 is not a
    rating)."""
    words = said.strip()
    if (part and words.isdigit()) or (not private and _GIVEN_BARE.match(words)):
        return None
    return spoken_score(words, vague=vague)


_RATED = re.compile(r"^([1-5])分")
_LOW_RATED = re.compile(r"^评价([1-5])分")


def rating_after(rating: int | None, action: str, note: str) -> int | None:
    """The counted rating after one audit entry (action, note), from `rating` before it."""
    if action == "rate":
        rated = _RATED.match(note)
        return int(rated[1]) if rated else rating
    if action == "reopen":
        low = _LOW_RATED.match(note)
        return int(low[1]) if low else None
    if action in RESOLVING:  # done again: the rating is awaited again
        return None
    return rating


def effective_rating(history: Iterable[tuple[str, str]]) -> int | None:
    """The rating an issue's trail (action, note), oldest first, leaves it counted at."""
    rating: int | None = None
    for action, note in history:
        rating = rating_after(rating, action, note)
    return rating


def counted_rating(trail: int | None, stored: int | None) -> int | None:
    """What the statistics count: the trail's verdict, else the rating the issue holds (an
    issue rated without a trail, as an imported one may be)."""
    return stored if trail is None else trail


# 「灯还是不亮」「还没修好」「根本没来修」「还在漏水」「跟原来一样」: the work did not fix it.
_NOT_FIXED = re.compile(
    r"还是(?:不太?|没)(?:亮|通|行|好|能用|管用|灵|动|出水|来电|修|弄|处理|解决|人管|人来)"
    r"|还(?:是|那么)(?:坏|漏|堵|吵|臭|响|黑|脏|乱)|还是老样子|还是一样|还是有问题"
    r"|还没(?:有)?(?:修|好|弄|处理|解决|通|清(?!楚)|扫|人?来(?!得))"
    r"|没(?:有)?(?:修|弄|处理|解决)好|没(?:有)?(?:清|扫|打扫|清理|收拾|弄)干净"
    # 「根本没清，骗人的」
    r"|根本没(?:有)?(?:修|弄|处理|解决|清|扫|通|换|管|动|人?来)"
    r"|(?:又|还在)(?:坏|漏|堵|响|吵|臭|积水|不亮)|跟(?:原来|以前)一样|一点(?:都)?没变"
)
# 「灯是修了，但是不太亮」「人是来了，可是没弄好」「灯是亮了，但是开关不太灵」「灯不够亮」:
# done, but not well enough.
_NOT_WELL_ENOUGH = re.compile(
    r"(?:(?:修|换|弄|处理|通)(?:是)?(?:修|换|弄|处理|通)?|(?:人|师傅)是?来)了[,，]?"
    r"(?:但是?|可是|不过|就是)"
    r"|是(?:亮|通|好)了[,，]?(?:但是?|可是|不过|就是)[^,，。]*[不没]"
    r"|不(?:太|够|怎么)(?:亮|通|好用|管用|灵|好使)|还(?:是)?有点(?:暗|漏|堵|吵|臭|响|渗)"
)
_NOT_WELL_ENOUGH_WORDS = re.compile(r"但|可是|不过|就是|不[太够怎]|有点")
NOT_FIXED_MAX, GROUP_NOT_FIXED_MAX = 30, 20
"""Longer words are a report of their own, not an answer to 「已办结」."""


def not_fixed(text: str, *, private: bool) -> bool:
    """Whether words said after 「#1 已办结」 say the work did not fix it (「灯还是不亮」,
    「还没修好啊」); in a group only shorter ones. `text` normalised."""
    limit = NOT_FIXED_MAX if private else GROUP_NOT_FIXED_MAX
    if len(text) > limit:
        return False
    if _NOT_FIXED.search(text) is not None:
        return True
    return _NOT_WELL_ENOUGH_WORDS.search(text) is not None and bool(_NOT_WELL_ENOUGH.search(text))


# 「电梯修好了，谢谢」「灯已经亮了」「下水道通了」「楼上安静了」「好多了」: the reporter telling
# the bot the problem is gone, before anyone said 「已办结」. Not a question (「修好了吗」), not a
# denial (「还没修好」).
_FIXED = re.compile(
    r"(?:修|弄|换|处理|疏通|清理|清|解决|搞|装|维修)好了|修复了|已经?(?:修好|修复|疏通|解决|处理)"
    # 「杂物已经清走了」「僵尸车拖走了」: what was in the way, gone
    r"|(?:清|搬|拖|移|运|拉)走了|清掉了|(?:已经|已)清理"
    # 「违建棚子拆了」「已经拆除了」 (not 「要拆了」)
    r"|(?<![要将该])拆(?:掉|除|走)?了|已经?拆除"
    r"|(?:已经|终于|总算)?(?:亮|通|来电|来水|不漏|不堵|不响|不吵|不臭|安静|干净)了"
    # 「暖气热了」「家里暖和了」「温度上来了」 (not 「天热了」)
    r"|(?:暖气片?|屋里|家里|房间|屋子)(?:已经|终于|总算|也|都)?(?:热|暖和|暖)(?:起来|乎)?了"
    r"|温度(?:已经|终于|总算|也)?(?:上来|升上来|升起来)了"
    # 「好多了」 as much better, not 「蚊子好多了」 (many)
    r"|(?:^|现在|已经|感觉|目前|情况)好多了"
    # 「南门那个道闸好了」「道闸能用了」: the thing itself well again (not 「我好了」「那好了」)
    r"|(?<=[\u4e00-\u9fff])(?<![我你他她它就那这太真也都没还快早算行了好])好了(?=$|[,，!！。\s])"
    r"|(?:能|可以)(?:正常)?(?:用|使用|开|走|进出|出入|出去|打开)了"
)
_NOT_A_STATEMENT = re.compile(
    r"没|不[^漏堵响吵臭]|还是|又|吗|么|[?？]|什么时候|啥时候|多久|能不能|快"
)
FIXED_MAX = 20


def fixed_subject(text: str) -> str:
    """What 「灯亮了」 says was fixed: the words without the saying so (「灯」)."""
    return _FIXED.sub(" ", text).strip() or text


def fixed_said(text: str) -> bool:
    """Whether short words say the problem was fixed (「电梯修好了，谢谢」「灯亮了」), as its
    reporter would tell it. `text` normalised."""
    return (
        len(text) <= FIXED_MAX
        and ("了" in text or "已" in text)  # each way of saying it has one: most chat, neither
        and _FIXED.search(text) is not None
        and _NOT_A_STATEMENT.search(text) is None
    )


# 「谢谢」「好的，谢谢」「辛苦了」「感谢张网格」: thanks, perhaps for work just done.
_THANKED = re.compile(
    r"^(?:好的|嗯|收到|知道了)?[,，\s]*(?:谢谢|感谢|多谢|辛苦)[^,，。?？\s]{0,6}[。.!！~～]*$"
)


def thanks_said(text: str, *, closing: bool = False) -> bool:
    """Whether `text` (normalised) is thanks as the whole message; `closing`: or its last
    clause is (「修好了，谢谢张网格」)."""
    if text[:1] in "好嗯收知谢感多辛" and _THANKED.match(text) is not None:
        return True
    last = _LAST_CLAUSE.search(text) if closing else None
    return last is not None and thanks_said(last[1])


_LAST_CLAUSE = re.compile(r"[,，。!！\s]([^,，。!！\s][^,，。]*)[。.!！~～]*$")


# 「张网格态度很好，很耐心」「表扬一下物业」「给物业点个赞」: praise of someone's work.
_PRAISE = re.compile(
    r"态度(?:很|挺|非常|特别|真|蛮|都|一直|相当)?(?:好|不错|热情|耐心|认真|端正|和蔼)(?!一点|点|些)"
    r"|表扬|点赞|点个赞|好评|很耐心|很负责|很热情|很及时|很认真|很给力|效率(?:很|挺|真)?高"
    # 「感谢物业的及时处理」「谢谢保安小哥帮我把东西搬上楼」: thanks to someone named, for what
    r"|(?:感谢|谢谢|多谢)[^,，。!！?？]{0,6}?"
    r"(?:物业|保安|网格员|师傅|社区|书记|工作人员|志愿者|小哥|保洁|楼长|主任|大姐|阿姨)"
    r"[^,，。!！?？]{0,8}?(?:及时|帮忙|帮我|帮助|辛苦|热心|负责|耐心|付出)"
)
# What makes it no praise: 「态度不好」「表扬个啥，到现在没人管」.
_FAULTED = re.compile(r"不好|不行|太差|很差|没人|不作为|投诉|还没|不管|差劲|敷衍|推诿|[吗?？]")


def praised(text: str) -> bool:
    """Whether `text` (normalised) praises someone's work, and finds no fault."""
    return _PRAISE.search(text) is not None and _FAULTED.search(text) is None
