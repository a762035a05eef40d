"""A reporter asking after their report: 「我反映的事情怎么样了」「什么时候来修」「怎么还没人来」.

Privately (or with an @ to the bot) such a short question lists the asker's reports. In a group,
where neighbours talk among themselves, only questions about the work being done count, from
someone with an issue reported there still open (`asks_in_group`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta
from typing import NamedTuple

from bot.domain.sources import HOTLINE_WORDS, ORDER_PATTERN
from bot.domain.voting import ANY_MEETING, MEETING_KINDS, MEETING_WORDS
from bot.text import LEADS_A_NUMBER, issue_first

# 「处理到哪了」「办到哪一步了」「有消息吗」「有回音没有」「还在处理吗」「解决了没有」: how far
# a report has got, said after what it is about (「我的问题…」「井盖的事…」「我报的井盖…」).
_HOW_FAR = (
    r"(?:处理|办理?|弄|修)?到哪(?:一步|儿|里)?了?"
    r"|(?:有没有|还有|有)(?:消息|回音|下文|结果|动静|回复|进展|人管|人接|人看|人处理)了?"
    r"(?:吗|没有?|么|呢)?"
    r"|(?:还在|在|有没有在)(?:处理|办|修)(?:吗|没有?|么|呢)?|解决了?(?:吗|没有?|么)"
    # 「怎么没下文了」「咋还没消息」
    r"|(?:怎么|咋)(?:还)?没(?:有)?(?:消息|回音|下文|结果|动静|回复|进展)了?(?:呢|啊)?"
)
_HOW_FAR_ASKED = (
    rf"^(?!.*[你他她])[^,，。]{{0,8}}?(?:问题|事情?|事儿|诉求|反映|建议|投诉|意见)的?"
    rf"(?:{_HOW_FAR}|怎么样了?|咋样了|进展如何)[?!.~…]*$"
    rf"|^我(?:反映|报|投诉|提)的[^,，。]{{0,6}}?(?:{_HOW_FAR})[?!.~…]*$"
)
# 「我反映的事情怎么样了」「下水道修好了吗」「我的问题处理到哪了」: a short question after one's
# own reports. 「我反映的问题」「我的诉求」「帮我查一下我反映的问题」 ask for the list of them.
ASKING = re.compile(
    r"怎么样了|咋样了|进展|进度|处理了[吗没]|修好了[吗没]|修了[吗没]|好了[吗没]"
    r"|(?:处理|办理)的?(?:情况|结果)"  # 「我的诉求处理情况」「物业的处理情况」
    r"|(?:为什么|为啥|怎么)(?:又|要)?(?:延期|推迟|延后|往后推)了?"  # 「为什么延期了」
    rf"|^我(?:反映|报|投诉|提)的(?:问题|事情?|诉求|建议)?$|^我的(?:问题|事情?|诉求|建议|反映|投诉|工单)$"
    # 「帮我查一下我反映的问题」「看看我的诉求」
    r"|^(?:帮我|请|麻烦)?(?:查一?下|查查|看一?下|看看)(?:我|我的)(?:反映|报|投诉|提)?的?"
    r"(?:问题|事情?|诉求|建议|反映)?(?:吧|呗)?$"
    rf"|{_HOW_FAR_ASKED}"
    # 「那个遛狗的事呢」「我反映的井盖那个问题呢」
    r"|(?:的|那个|这个)(?:事|事情|问题)(?:呢|咋样|怎样)[?？]?$"
)
# 「有人管吗」「什么时候来修」「多久能修好」「怎么还没人来」 ask after a problem too, perhaps one
# not reported yet.
_DOING = r"(?:来|修|处理|弄|解决|好|办|管)"
_COMING = r"(?:物业|师傅|工人|维修工?|网格员?|社区)(?:的人)?"  # who comes to do it
ASKING_AFTER = re.compile(
    rf"有人管[吗没]|有没有人(?:管|来|修|处理)|管不管|怎么没人管"
    rf"|(?:什么|啥)时候(?:能|会|才能|可以|才)?(?:来人?)?{_DOING}"
    # 「什么时候有人来看」「几点有人上门」
    r"|(?:几点|几号|哪天|(?:什么|啥)时候)(?:能|会|才能|可以|才)?有人(?:来|过来|上门)"
    # 「物业来过了吗」「师傅来了没有」「网格员有没有来过」 (not 「快递来了吗」)
    rf"|(?:{_COMING}|有人)(?:已经)?(?:来过|来)了(?:吗|没有?)|{_COMING}(?:有没有|来没)来(?:过)?"
    # 「周三能弄好吗」「明天能修好不」
    r"|(?:能|可以|会|能不能)(?:弄|修|处理|搞|解决|办)好(?:吗|不|么)"
    # 「师傅明天几点来」「哪天上门」「师傅几点能到」 (「快递几点到」 is not)
    r"|(?:几点|几号|哪天|(?:什么|啥)时候)(?:能|会|才能|可以|才)?(?:来(?![电水气暖])人?|上门)"
    r"|(?:师傅|工人|维修工|物业的?人?)(?:明天|今天|后天|上午|下午|晚上)?"
    r"(?:几点|几号|哪天|(?:什么|啥)时候)(?:能|会|才能|可以|才)?到"
    rf"|多久(?:能|才能|可以|会)?{_DOING}|要等多久|(?:怎么|为什么|为啥|咋)还没(?:有|人)?{_DOING}"
    # 「怎么没人回我」「怎么还没人联系我」「为什么没人给我打电话」
    r"|(?:怎么|咋|为什么|为啥)(?:还|都)?没(?:有)?人(?:回|理|回复|答复|搭理|联系|给我打电话|打电话|上门)"
    r"(?:我|一下)?"
)
ASKING_AT_MOST = 20  # characters: a longer message is a report that happens to ask
# 「能不能快点」「麻烦尽快处理」「催一下」「等了好几天了」: a reporter pressing, said to the bot;
# in a group such words may be said to anyone, so only privately or with an @.
URGING = re.compile(
    # 「你们能不能快点」「你们快点处理」
    r"^(?:#?[0-9]{1,9}号?\s*)?(?:你们|您们)?(?:能不能|能否|可不可以|可以|能|请|麻烦|希望)?"
    r"(?:快点|快一点|快些|尽快|抓紧|赶紧|赶快|加急)"
    r"|催一下|催催|帮我催|还要等多久|等了(?:好|这么)?(?:久|多天|几天)|都几天了"
    r"|都(?:[0-9一二两三四五六七八九十]{1,3}|好几)(?:天|个?星期|周|个?月)了"  # 「都三天了还没人来」
    # 「我要投诉，一直没人管」「到底有没有人管」: a clause of its own (「灯坏了一周都没人管」
    # tells of the problem: more of the report)
    r"|(?:^|,)(?:一直|也|都|根本|还是|怎么|为什么)?(?:没人|没有人)(?:管|理|来|处理|修)(?:啊|呀|呢|了)?$"
    r"|(?:^|,)到底有没有人(?:管|来|处理)"
    # 「能不能今天就来看看」「麻烦明天派人过来一趟」
    r"|^(?:你们|您们)?(?:能不能|能否|可不可以|可以|请|麻烦|希望)(?:今天|明天|马上|现在|尽快|赶紧|早点)"
    r"就?(?:派人|派个人|找人)?(?:来|过来|上门)"
    # 「能不能派人先来看看」
    r"|(?:派|找)个?人(?:先|赶紧|尽快)?(?:来|过来)(?:看看|看一下|看下|瞧瞧|处理)?"
    r"|^(?:能不能|能否|可不可以|可以|能|请|麻烦|希望)?加快(?:一下|点|些)?(?:处理|进度|速度)?(?:吗|吧)?$"
    # 「上次反映的问题还没解决」「之前报的事到现在也没人管」: a report of theirs, still not done
    r"|^我?(?:上次|之前|以前|前几天|前些天|上回|上周|上个月)(?:反映|报|说|提|投诉)(?:过)?的"
    r"(?:问题|事情?|诉求|那个|那件事)?(?:怎么)?(?:还|一直|到现在|到今天|至今)(?:也|都)?"
    r"(?:没|没有)(?:解决|处理|修|办|人管|人来|弄|动静)"
)
# In a group: about the work only (「怎么样了」「好了吗」 may be about anything), or about
# one's report by name (「我的反映怎么样了」「我报的事有进展吗」).
_ASKING_IN_GROUP = re.compile(
    rf"{ASKING_AFTER.pattern}|处理了[吗没]|修好了[吗没]|修了[吗没]|有进展[吗没]|{_HOW_FAR_ASKED}"
)
_MY_REPORT_ASKED = re.compile(
    r"^我(?:(?:反映|报|投诉|提)的(?:反映|问题|事情?|诉求)?|的(?:反映|问题|事情?|诉求))"
    r"(?:怎么样了?|咋样了|进展如何|处理得?怎么样了?)$"
)
GROUP_ASKING_AT_MOST = 15


def asks_in_group(text: str) -> bool:
    """「什么时候来修啊」「怎么还没人来」「修好了吗」 said in a group: perhaps the reporter of an
    issue reported there asking after it (`text` normalised)."""
    if len(text) > GROUP_ASKING_AT_MOST:
        return False
    if text[:1] == "我" and _MY_REPORT_ASKED.match(text) is not None:
        return True
    return _ASKING_IN_GROUP.search(text) is not None


# 「水费怎么交」「电费在哪查」「暖气费什么时候交」「帮我查一下我家的水费」: how to pay or look up a
# bill, a question for staff (not 「水费太贵了」, a complaint, nor 「物业乱收费」).
_FEE = r"(?:水|电|燃气|煤气|天然气|暖气|取暖|供暖|物业|停车|垃圾|卫生|有线电视|宽带|电话)费"
_PAID = r"(?:交|缴|缴纳|查|查询|充|充值|付|开|打印)"
FEE_ASKED = re.compile(
    rf"{_FEE}的?(?:账单|发票|余额)?(?:要|应该|可以|能)?在?"
    rf"(?:怎么|如何|哪里?|去哪里?|什么时候|啥时候|几号|到哪里?|什么地方){_PAID}"
    rf"|(?:帮我|替我|给我)?(?:查|查询)(?:一下|一查|下)?(?:我家|我们家|家里)?的?{_FEE}"
    rf"|(?:怎么|如何|在哪里?|去哪里?|哪里|到哪里?){_PAID}{_FEE}"
)


# 「装修需要办什么手续」「停车证怎么办理」「垃圾几点收」「老年证在哪办」: how a thing is done or
# when a service runs, a question for staff (passed as 问N; it was filed as a problem of its
# category). Not with words of something wrong (「垃圾几点收？都三天没人收了」).
PROCEDURE_ASKED = re.compile(
    r"(?:需要|要|得)(?:办|带|准备|交)?(?:什么|哪些|啥)(?:手续|材料|证件|证明|资料)"
    r"|(?:(?:怎么|如何)(?:办理|申请|登记|报名|开具)"  # not 「怎么办」: what now
    r"|(?:在哪里?|去哪里?|到哪里?|哪里能|在哪儿)(?:办理|申请|登记|报名|办(?![公了])|开具?))"
    r"(?:[吗呢啊呀?？]|$)"
    r"|(?:几点|什么时候|啥时候|每天几点)(?:收|来收|清运|开门|关门)(?:垃圾)?(?:[吗呢啊呀?？]|$)"
)
_SOMETHING_WRONG = re.compile(r"坏|堵|漏|没人|不(?!要)|乱|脏|臭|吵|太|怎么还|一直|好几天")


def procedure_asked(text: str) -> bool:
    """Whether `text` (normalised) asks how a thing is done or when a service runs
    (`PROCEDURE_ASKED`), with nothing said to be wrong."""
    return PROCEDURE_ASKED.search(text) is not None and _SOMETHING_WRONG.search(text) is None


# 「为什么退回」「我的问题怎么被退回了」: a reporter asking why a report was not taken.
WHY_REJECTED = re.compile(r"(?:为什么|为啥|怎么|凭什么|咋)(?:又|就)?(?:被|给我|给)?退回")


# 「超期的有哪些」「还有几件没办完」「快到期的有几条」「我手上还有哪些没办」: staff asking the
# ledger in their own words, privately or in the work group; the 台账 filter it means.
_WHICH = re.compile(
    r"哪些|哪几|哪个|哪件|几件|几条|几个|几单|多少|有没有|什么事|什么活|什么问题|啥问题|啥事"
    # 「今天有什么新情况」「今天有什么新的」「今天有什么新的诉求」
    r"|有(?:什么|啥)新(?:情况|诉求|反映|问题|的(?:诉求|问题|反映|情况|事情?)?)$"
    r"|是谁(?:负责|在管|在办|手上)的?$"  # 「超期的是谁负责的」: the list names who holds each
    r"|^(?:今天)?有[^，,。]{1,6}(?:吗|没有?)$|有(?:什么|啥)(?:活|事|任务)?$"
)
_OVERDUE = re.compile(r"超期|逾期|过期|超时|拖得最久|拖最久")
_DUE_SOON = re.compile(r"快(?:要)?到期|要到期|即将到期|快(?:要)?超期|临期")
# 「今天有哪些到期」「这周要到期的有几件」「明天有到期的吗」: 台账 今天到期, 本周到期
# (`due_window`'s words).
_DUE_ON = re.compile(
    r"(?P<day>昨天|今天|今日|明天|后天|本周|这周|下周|(?:这个|下个|本)星期)"
    r"(?:还?有)?(?:哪些|哪几件|几件|几条|几个|几单|多少件?|什么|啥)?"
    r"(?:工单|单子|事情?|问题|诉求|活)?(?:要|会|就|快要?)?到期"
)
# 「(我们楼)的事情都处理了吗」「(我们楼)的问题都解决了没有」: whether any is still open.
_ALL_DONE_ASKED = re.compile(
    r"^(?:的)?(?:事情?|问题|诉求)?(?:都|全)(?:处理|解决|办|修|弄)(?:好|完)?了(?:吗|么|没有?)$"
)
_OPEN = re.compile(
    r"没(?:有)?(?:办完|办结|办|处理|解决|完成|修)|未(?:办结|办完|处理|解决)|待办|在办"
)
_MINE = re.compile(r"^我(?:们)?(?:手上|手里|这边|这里|的)|我手上|我手里|^我们单位")
_ORDERS = re.compile(r"几单|多少单|单子|工单")  # 「今天有几单」: a holder's word for the work
# 「待受理的有哪些」「要回访的有几件」「还有哪些没评价」: the 台账 of a status, in its word.
# 「新来的有哪些」「有新的诉求吗」「今天有什么新情况」: those not yet taken (待受理).
_STATUS_ASKED = re.compile(
    r"待受理|未受理|已受理|待派单|未派单|没(?:有)?派单|没派|办理中|挂起|(?P<call>回访|没评价|未评价|待评价)"
    r"|(?P<new>新来的|新报的|新增的|新的(?:诉求|问题|事情?|情况|反映)?(?:吗|呢|没有?)?$"
    r"|新(?:诉求|问题|情况|反映)(?:吗|呢|没有?)?$)"
)
LEDGER_ASKED_AT_MOST = 15
_YES_OR_NO = frozenset("吗呢没有")  # the last word of a question asking whether there are any
# 「今天有什么事」「还有啥活要干」「我今天要干什么」: what is on, which is the 台账 as it stands
# for the asker.
_WHATS_ON = re.compile(
    r"^我?(?:今天|今日|现在|目前|最近)?(?:我)?(?:还)?(?:有)?(?:什么|啥|哪些)(?:事情?|活儿?|任务|工作)"
    r"(?:要|需要)?(?:办|做|干|处理)?(?:吗|呢|啊)?$"
    # 「今天的活」「我的任务」
    r"|^(?:今天|今日|我)的?(?:活儿?|任务|工作|事情?|单子|工单)(?:呢|有哪些|是什么)?$"
    # 「我这周的任务」「本周的活」 (「这周的工作」 is what was done: 统计)
    r"|^我?(?:这周|本周|这星期|这个星期)的?(?:活儿?|任务|单子|工单)(?:呢|有哪些|是什么)?$"
    # 「今天有几件要办」「我还有多少活要干」
    r"|^我?(?:今天|今日|现在|目前)?我?(?:还)?有(?:几|多少)(?:件|个|单)?(?:事情?|活儿?|任务)?"
    r"(?:要|需要|该|得)(?:办|做|干|处理|修)(?:吗|呢|啊)?$"
    # 「今天有什么要紧的」: the 台账, most urgent first
    r"|^(?:今天|今日|现在|目前)?(?:有)?(?:什么|啥|哪些)要紧的?(?:事情?)?(?:吗|呢)?$"
    # 「今天要去哪几家」「要跑哪些地方」
    r"|^我?(?:今天|今日|明天)?(?:要|该|得)(?:去|跑)(?:哪几家|哪些家|哪些地方|哪几个地方|哪里)(?:呢|啊)?$"
    # 「我今天要干什么」「今天该做啥」
    r"|^我?(?:今天|今日|现在)?我?(?:要|该|得|需要)(?:干|做|办|忙)(?:什么|啥|哪些)(?:事情?|活儿?)?"
    r"(?:呢|啊|呀)?$"
)
# 「今天要办的」「今天有啥要办的」「还有什么要处理的吗」: the same.
_TO_DO = re.compile(
    r"^我?(?:今天|今日|现在|目前)?我?(?:还)?(?:有)?(?:什么|啥|哪些)?(?:要|需要|该|得)(?:办|做|干|处理)"
    r"的(?:事情?|活儿?)?(?:吗|呢|啊)?$"
)
# 「帮我看看超期的」「超期的」「看一下逾期的工单」「把超期的事项发我」: 台账 红, asked without a
# question word.
_OVERDUE_SHOWN = re.compile(
    r"^(?:帮我|请|麻烦)?(?:把|将)?(?:看看|看一?下|查查|查一?下|列一?下|发一?下)?(?:所有|全部)?"
    r"(?:(?:我们|我的|我)(?:网格|楼)的?)?(?:超期|逾期)的?"
    r"(?:事项|事情?|工单|单子|诉求|问题)?(?:都)?(?:发我|发给我|给我|发一下|发过来|列一下)?"
    r"(?:看看|看一下|一下)?(?:吧|呢)?$"
)
# 「有什么急事吗」「紧急的有哪些」: 台账 紧急.
_URGENT_ASKED = re.compile(
    r"^(?:今天|今日|现在|目前)?(?:有)?(?:什么|啥|哪些)(?:紧急|急)的?(?:事情?)?(?:吗|呢)?$"
    r"|^(?:紧急|急)的?(?:事情?)?(?:有哪些|有什么|有几件)$"
    r"|^(?:有没有|还有没有)(?:紧急|急)的?(?:事情?)?(?:呢)?$"  # 「有没有紧急的」
)


# 「还没派单的」「待受理的」「紧急的」「今天到期的」「没办完的」: the 台账 of that word, said
# short; its filter word.
_LISTED_AS = re.compile(
    r"^(?:还|那些|哪些)?(?P<word>待受理|未受理|已受理|待派单|未派单|没有?派单?|办理中|在办|待回访|没评价|挂起"
    r"|未评价|紧急|超期|逾期|快到期|(?:今天|明天|本周|这周|下周)到期|没办完|没办结|未办结)的呢?$"
    # 「这周要到期的」「明天快到期的」: when, then 要 before 到期
    r"|^(?:还|那些|哪些)?(?P<day>今天|明天|本周|这周|下周)(?:要|快要?|就要)到期的呢?$"
)
# 「待受理」「超期」「本周到期」 alone: a 台账 filter word said as the whole message, as a
# secretary types it in the work group. Not the words a holder answers with (「已受理」「办理中」
# 「在办」), nor those that read as a remark (「紧急」「没派单」).
_LISTED_ALONE = re.compile(
    r"^(?P<word>待受理|未受理|待派单|未派单|待回访|未评价|超期|逾期|快到期"
    r"|(?:今天|明天|本周|这周|下周)到期|未办结)$"
)
_LISTED_WORD = {
    **dict.fromkeys(["没派", "没派单", "没有派", "没有派单"], "未派单"),
    "没评价": "未评价",
    **dict.fromkeys(["超期", "逾期"], "红"),
    "快到期": "黄",
    "这周到期": "本周到期",
    **dict.fromkeys(["没办完", "没办结", "未办结"], ""),
}
_HOTLINE = "|".join(HOTLINE_WORDS)  # 「12345的还有哪些没办」: the hotline's, a 来源
# 「网格3还有哪些没办完」「刘物业手上有几件」「5号楼有哪些问题」: the 台账 of a grid, a building,
# a unit, or someone named before what they hold.
_SUBJECT = re.compile(
    rf"^(?P<who>网格[0-9]{{1,3}}|[0-9]{{1,4}}(?:号楼|栋|幢)|物业|{_HOTLINE}"
    r"|[\u4e00-\u9fff]{2,5}?(?=手上|手里|那边|那里))(?:手上|手里|那边|那里)?的?"
)
_SUBJECT_AT_MOST = 8
# 「赵网格那边怎么样了」「物业那边情况如何」: how things stand with a holder (named as staff name
# one: 「老家那边怎么样了」 is chat), which their 台账 says.
_THEIR_SIDE = re.compile(
    r"^(?P<who>网格[0-9]{1,3}|[\u4e00-\u9fff]{0,4}?"
    r"(?:物业|网格员?|主任|书记|师傅|经理|公司|局|办|所|站|中心|队|街道))"
    r"(?:那边|那里|手上|手里)的?(?:事情?|活儿?)?"
    r"(?:怎么样了?|咋样了?|情况(?:如何|怎么样了?)?|进展(?:如何|怎么样了?)?)$"
)
# 「我们楼」「咱们这栋楼」「本楼」: the asker's own building, which their 台账 already is
# (a 楼栋长's).
_OURS = re.compile(r"^(?:(?:我们|咱们|咱)这?(?:栋|幢)?楼|本楼)的?")
# Every such question has one of these (what _WHICH and _WHATS_ON look for).
_ASKS = re.compile(r"哪|几|多少|有没有|什么|啥|吗|没|谁")
_PROBLEMS = re.compile(r"有(?:哪些|几件|几个|多少|什么|啥)(?:问题|事情?|诉求)")
# 「(我们楼)反映了几件」「(我们楼)有几件」: how many there are, of a building named before.
_COUNTED = re.compile(r"^(?:一共|总共)?(?:反映|报|收|有)了?(?:几|多少)(?:件|条|个)?$")


# 「各单位手上有多少件」「谁手上的事最多」「哪个单位积压最多」「谁的超期最多」: 台账 单位,
# counts per holder (the most overdue first).
_HOLDERS_ASKED = re.compile(
    r"^(?:各(?:个)?单位|每个单位|各(?:个)?部门|哪个单位|哪家单位|哪个部门|谁"
    r"|大家|各人|每个人|每人|各位)"
    r"(?:手上|手里|那边|积压|压|的?超期|的?逾期)[^,，。]{0,8}?(?:多少|几|最多)"
    # 「超期最多的是谁」「积压最多的是哪家」
    r"|^(?:超期|逾期|积压|压单)(?:的)?最多的?(?:是|单位是)?(?:谁|哪家|哪个单位|哪个部门)"
)
_HOLDERS_FIRST = frozenset("各每哪谁超逾积压大")  # the first characters _HOLDERS_ASKED allows


# 「上个月的还有哪些没办」「10月份报的还有几件没办完」: those filed then (「台账 上月」).
_FILED_ASKED = re.compile(
    r"^(?P<period>上个?月|本月|这个月|上周|本周|这周|去年|今年|[0-9]{1,2}月)份?"
    r"(?:的|收的|报的|反映的|收到的|登记的|(?=我们|咱们|咱|本楼))"  # 「这个月我们楼…」
)
# A period said after 「我们楼」: 「我们楼这个月反映了几件」.
_PERIOD_LEAD = re.compile(r"(?:上个?月|本月|这个月|上周|本周|这周|去年|今年|[0-9]{1,2}月)份?")
_FILED_FIRST = frozenset("上本这去今0123456789")  # the first characters _FILED_ASKED allows


# 「今天办结了哪些」「昨天都办完了什么」「本周办结的有哪些」「我这周办结了哪些」: what was done
# then (台账 办结 本周), by the issues, not the count (「这周办结了几件」 is 统计).
_DONE_LISTED = re.compile(
    r"^(?P<mine>我)?(?P<period>今天|今日|昨天|本周|这周|上周|本月|这个月|上个月|上月)?(?P<mine2>我)?"
    r"(?:都|一共)?(?:办结|办完|完成|解决)了?(?:哪些|哪几件|哪几个|什么|啥)(?:事情?|问题|诉求|工单)?"
    r"|^(?P<mine3>我)?(?P<period2>今天|今日|昨天|本周|这周|上周|本月|这个月|上个月|上月)(?P<mine4>我)?"
    r"(?:办结|办完|完成)的(?:有哪些|是哪些|有什么|都有哪些)$"
)


# 「今天新来的诉求」「今天收了哪些」「这周反映了哪些问题」: those filed then (「台账 今天」);
# 「今天收了几件」 is a count (统计).
_FILED_PERIOD = r"今天|今日|昨天|昨日|本周|这周|上周|本月|这个月|上个?月"
_FILED_THEN = re.compile(
    rf"^(?P<period>{_FILED_PERIOD})(?:新)?"
    r"(?:收|来|报|反映|登记|进)(?:了|到|上来|进来)?的?(?:哪些|什么|啥)?(?:新的)?"
    r"(?:诉求|问题|事情?|反映|工单)?$"
)
_WHICH_FILED = re.compile(r"哪些|什么|啥|新|诉求|问题|事|工单|的$")  # not 「今天来了」


def ledger_asked(text: str) -> str | None:
    """「上月」 and what follows for 「上个月的还有哪些没办」 (those filed then), 「办结 本周」
    for 「本周办结了哪些」, 「今天」 for 「今天新来的诉求」, else as `_ledger_asked`. A greeting
    first is no part of it (「早上好，今天有什么要处理的」)."""
    text = _GREETING_FIRST.sub("", text)
    if (then := _FILED_THEN.match(text)) is not None and _WHICH_FILED.search(text):
        return _PERIOD_SAID.get(then["period"], then["period"])
    if ("办" in text or "完成" in text or "解决" in text) and (done := _DONE_LISTED.match(text)):
        period = done["period"] or done["period2"] or "今天"
        mine = done["mine"] or done["mine2"] or done["mine3"] or done["mine4"]
        return f"办结 {_PERIOD_SAID.get(period, period)}" + (" 我的" if mine else "")
    ours = _OURS.match(text) if text[:1] in "我咱本" else None
    period = _PERIOD_LEAD.match(text, ours.end()) if ours is not None else None
    if ours is not None and period is not None:  # 「我们楼这个月…」 is 「这个月我们楼…」
        text = text[ours.end() : period.end()] + text[: ours.end()] + text[period.end() :]
    filed = _FILED_ASKED.match(text) if text[:1] in _FILED_FIRST else None
    if filed is None:
        return _ledger_asked(text)
    rest = _ledger_asked(text[filed.end() :])
    if rest is None:
        return None
    return f"{_PERIOD_SAID.get(filed['period'], filed['period'])} {rest}".strip()


# 「3号楼有几个老人独居，需要关注一下」: 有几个 tells of some, and a request follows
_ASKED_OF_AFTER = re.compile(r"[,，;；]\s*(?:需要|要|请|麻烦|希望|建议|得|应该)[^吗呢么?？]*$")


def _ledger_asked(text: str) -> str | None:
    """What 「台账」 a short question after the open issues means (`text` normalised, without
    its closing punctuation): 「红」 for the overdue, 「黄」 for those due soon, 「今天到期」
    for those due today (「本周到期」…), 「」 for all open ones (and for 「今天有什么事」), with
    「我的」 for one's own (「我手上还有几件」), or the grid, building or holder it starts with
    (「网格3 红」), 「单位」 for how many each holder has (「谁手上的事最多」); None for other
    words."""
    if len(text) > LEDGER_ASKED_AT_MOST + _SUBJECT_AT_MOST:
        return None
    if _WHATS_ON.match(text):  # 「今天有什么事」「今天的活」
        return ""
    if "的" in text and _TO_DO.match(text):  # 「今天要办的」
        return ""
    if _URGENT_ASKED.match(text):  # 「有什么急事吗」
        return "紧急"
    listed = _LISTED_AS.match(text) if text[-1:] in "的呢" else _LISTED_ALONE.match(text)
    if listed is not None:  # 「还没派单的」「待受理」
        word = listed["word"] or f"{listed['day']}到期"
        return _LISTED_WORD.get(word, word)
    if ("超期" in text or "逾期" in text) and _OVERDUE_SHOWN.match(text):  # 「帮我看看超期的」
        return "红"
    if text[:1] in _HOLDERS_FIRST and _HOLDERS_ASKED.match(text):  # 「谁手上的事最多」
        return "单位"
    if (side := _THEIR_SIDE.match(text)) is not None:  # 「赵网格那边怎么样了」: what they hold
        return side["who"]
    if _ASKS.search(text) is None or _ASKED_OF_AFTER.search(text):
        return None  # chatter: it asks nothing of this kind (「…有几个老人独居，需要关注」)
    subject = _SUBJECT.match(text)
    who = f" {subject['who']}" if subject else ""
    text = text[subject.end() :] if subject else text
    ours = None if subject or text[:1] not in "我咱本" else _OURS.match(text)  # 「我们楼…」
    text = text[ours.end() :] if ours else text
    if len(text) > LEDGER_ASKED_AT_MOST:
        return None
    if ours and _ALL_DONE_ASKED.match(text):  # 「我们楼的事情都处理了吗」: what is still open
        return ""
    due = _DUE_ON.search(text)
    if _WHICH.search(text) is None and (due is None or text[-1] not in _YES_OR_NO):
        return None  # 「明天有到期的吗」 asks too
    mine = " 我的" if _MINE.search(text) and not who else ""
    if (status := _STATUS_ASKED.search(text)) is not None:
        word = "待回访" if status["call"] else "待受理" if status["new"] else status[0]
        word = "未派单" if word.startswith("没") else word  # 「哪些还没派单」
        return f"{word}{mine}{who}"
    if due is not None:
        return f"{due['day']}到期{mine}{who}"
    if _DUE_SOON.search(text):
        return f"黄{mine}{who}"
    if _OVERDUE.search(text):
        return f"红{mine}{who}"
    if _OPEN.search(text) or ((mine or who) and "有" in text) or _ORDERS.search(text):
        return f"{mine}{who}".strip()
    if (who or ours) and (_PROBLEMS.search(text) or _COUNTED.match(text)):
        return f"{mine}{who}".strip()
    return None


# 「1号什么情况」「#2 怎么样了」「3号进展如何」「1号现在什么情况」「2号期限是哪天」「进度 1」:
# asking after one issue by its number, or by its work order's (「工单2026112200123怎么样了」).
# 「3号楼怎么样了」 asks after a building.
_ORDER_ASKED = rf"(?:工单号?\s*)?(?P<o>{ORDER_PATTERN})"
_ISSUE_ASKED = re.compile(
    r"^(?:(?:进度|查询|查一下|看一下|看看)\s*#?\s*(?P<a>[0-9]{1,9})号?(?:的?(?:照片|图片))?"
    rf"|#?\s*(?:(?P<b>[0-9]{{1,9}})\s*号?|{_ORDER_ASKED})\s*的?\s*(?:现在|目前)?(?:是)?"
    r"(?:什么情况|啥情况|怎么样了?|咋样了?|怎么回事|咋回事|什么进展|啥进展"
    r"|情况(?:如何|怎么样了?)?|进[度展](?:如何|怎么样了?|咋样了?)?|有进展[吗没]"
    r"|(?:处理|修好?|办好?|好)了[吗没]|办(?:得|的)?怎么样了?|到哪(?:一步)?了"
    # 「1号办结了吗」「2号解决了没有」「3号处理完了吗」
    r"|(?:已经)?(?:办结|解决|弄好|搞定|完成|销号|(?:处理|办|修)完)了?(?:吗|没有?)"
    # 「1号什么时候修」「2号啥时候能修好」
    r"|(?:什么|啥)时候(?:能|才能|可以|来)?(?:修好?|处理|办好?|解决|弄好|好)(?:呢|啊)?"
    # 「1号为什么挂起了」「2号什么时候恢复」: 查看 says why, and till when
    r"|(?:为什么|为啥|怎么|咋)(?:被|要)?(?:挂起|暂缓)了?(?:呢|啊)?"
    r"|(?:挂起|暂缓)的?(?:原因|理由)(?:是)?(?:什么|啥)?(?:呢|啊)?"
    r"|(?:什么|啥)时候(?:能|才能|可以|才)?(?:恢复(?:办理)?|解除挂起)(?:呢|啊)?"
    # 「1号谁在处理」「2号的灯谁在修」「3号派给谁了」「1号在谁手上」
    r"|(?:(?![号楼栋幢单院门室])[\u4e00-\u9fff]{1,4}?)?(?:现在)?(?:是)?谁在(?:处理|修|办|管|跟|弄|负责)"
    r"|谁负责|谁在管|(?:派|转|交)给谁了?|在谁(?:手上|手里|那里?)"
    # 「2号谁报的」「3号是谁反映的」「1号报事人是谁」: who reported it (查看 names them, to
    # whoever may see it)
    r"|(?:是)?谁(?:报|反映|提|投诉|登记)的|报事人是谁|是谁报上来的"
    r"|(?:派单|派出去|上报|退回|受理|挂起|恢复)了(?:吗|没有?)"
    # 「1号回复12345了吗」「2号答复居民了没有」: what its record says
    r"|(?:回复|答复|反馈)(?:12345|热线|市民|居民|报事人)?了(?:吗|没有?)"
    r"|(?:派给?|交给|转给)(?![人个])[\u4e00-\u9fff]{1,6}?了(?:吗|没有?)"  # 「1号派物业了吗」
    # 「2号的期限是哪天」「1号什么时候到期」「3号超期了吗」
    r"|(?:期限|截止|到期)(?:时间|日期)?(?:是|在)?(?:哪天|几号|什么时候|啥时候|多久)"
    r"|(?:什么|啥)时候(?:到期|截止)|(?:哪天|几号)到期|(?:到期|超期)了(?:吗|没有?)"
    # 「1号在哪」「2号地址是哪里」「3号是哪家」「1号位置在哪」「2号分类是什么」
    r"|在哪(?:里|儿)?|(?:地址|位置|地点)(?:是|在)?(?:哪里|哪儿|在哪|多少)?|是哪(?:家|户|栋)"
    r"|(?:分类|类别)(?:是)?(?:什么|啥)?|(?:是)?(?:什么|啥|哪)(?:一|个)?类的?"
    # 「1号的记录」「2号有照片吗」「3号的照片」「1号有备注吗」: what 查看 shows
    r"|(?:处理|办理)?记录|(?:有)?(?:照片|图片)(?:吗|没有?)?|(?:照片|图片)(?:发我|给我)?看看"
    r"|(?:照片|图片)(?:发我|发给我|发一下|给我|呢)(?:看看|一下)?"  # 「1号的照片发我」
    r"|有备注(?:吗|没有?)|备注(?:是|写的)?(?:什么|啥)"
    r"|(?:是|在)?(?:几|哪个)(?:单元|号楼|栋|楼|层)的?))$"
)


def issue_asked(text: str) -> str | None:
    """What 查看 is given for a short question after one issue (`text` normalised, without its
    closing punctuation): its number, or its work order's; None for other words."""
    match = _ISSUE_ASKED.match(text)
    if match is None:
        return None
    number = match["a"] or match["b"]
    return str(int(number)) if number else match["o"]


# 「3号楼2单元灯修好了吗」「楼道灯修好了没有」「5号楼电梯什么时候能修好」「3号楼怎么样了」: asking
# after a problem by what and where it is, not by an issue's number.
_PROBLEM_ASKED = re.compile(
    r"^(?P<subject>[^,，。?？!！]{1,14}?)的?(?:现在|目前|到底)?(?:是)?"
    r"(?:(?:修|处理|解决|弄|办|搞定|修复)(?:好了?|了)(?:吗|没有?|没)|(?:修|弄|办)好(?:没有?|没)"
    r"|(?:好|通|亮)了(?:吗|没有?|没)"
    r"|怎么样了?|咋样了?|(?:什么|啥)情况|进展(?:如何|怎么样了?)?|有进展(?:吗|没有?)"
    r"|(?:最近的?)?情况(?:如何|怎么样了?)?"  # 「3号楼的情况」「南门道闸最近情况如何」
    r"|有人(?:管|修|处理)了?(?:吗|没有?)|(?:管|修|处理)了(?:吗|没有?)"
    r"|(?:什么|啥)时候(?:能|才能|可以|来)?(?:修好?|处理|解决|弄好|好)"
    # 「路灯的事谁在管」「3号楼下水道谁负责」「井盖派给谁了」: who holds it
    r"|(?:现在|目前)?(?:是)?谁在(?:管|处理|修|负责|跟|办)|谁负责|(?:派|交|转)给谁了?)$"
)
# Subjects that are not a problem somewhere: 「你们」「他」「M1」「今天」, a number alone.
_NOT_A_PROBLEM = re.compile(
    r"^(?:#?[0-9]+号?$|#|[Mm][0-9]|你|我|他|她|它|这|那|今天|昨天|最近|事情?$|会)"
)


# What such a question names: a place (a building, a unit, a gate) or a thing that gets broken
# (the analyser reads which category; these only tell the question from 「月报写好了吗」).
_PROBLEM_SUBJECT = re.compile(
    r"[0-9]+\s*(?:号楼|栋|幢|单元)|楼道|东门|西门|南门|北门|大门|小区|车库|广场|花园"
    r"|灯|电梯|下水|井盖|水管|管道|门禁|监控|充电桩|化粪池|垃圾|暖气|燃气|漏水|积水|堵|停车|路面"
    r"|绿化|树|围墙|栏杆|护栏|屋顶|外墙|楼顶|窗|单元门|信箱|水压|噪音|噪声"
)


_PROBLEM_TAIL_WORD = re.compile(r"[修理决弄办搞好通亮样况展管责了]")


def problem_worded(text: str) -> bool:
    """Whether `text` (typed or normalised: the words are the same) has a word that every
    question `problem_asked` reads ends with; most messages have none."""
    return _PROBLEM_TAIL_WORD.search(text) is not None


def problem_asked(text: str) -> str | None:
    """What a short question after a problem (`text` normalised, without its closing
    punctuation) asks after — 「3号楼2单元灯」 for 「3号楼2单元灯修好了吗」 — or None."""
    if not problem_worded(text):
        return None
    match = _PROBLEM_ASKED.match(text)
    if match is None:
        return None
    subject = re.sub(r"的(?:事情?|问题)$", "", match["subject"])  # 「路灯的事」: 路灯
    if _NOT_A_PROBLEM.match(subject) or _PROBLEM_SUBJECT.search(subject) is None:
        return None
    return subject


# 「给网格3群发个通知：明天停水」「通知大家明天上午停水」「在居民群里通知一下：…」: a notice
# wanted, said in words; whom (a grid, 全部) and what.
_NOTICE_WANTED = re.compile(
    # 「明天早上8点给全部群发通知：…」: when it is to go, first
    r"^(?P<when>(?:今天|明天|后天|(?:下|这|本)?周[一二三四五六日天]|[0-9]{1,2}月[0-9]{1,2}[日号]"
    r"|[0-9]{1,2}[日号])?(?:早上|上午|中午|下午|晚上)?"
    r"(?:[0-9]{1,2}:[0-9]{2}|[0-9一二两三四五六七八九十]{1,3}点(?:半|[0-9]{1,2}分?)?))?"
    r"(?:请|麻烦|帮我)?(?:(?:给|在|往|向)(?P<to>网格[0-9]{1,3}|各个?|所有|全部|居民|大家|工作"
    r"|(?:所有|各位?|全体)?网格员(?:们)?)群?(?:里|里面)?"
    r"(?:(?:发|下发|群发)(?:一?个|一下|条)?)?通知(?:一下)?"
    r"|(?:发|下发|群发)(?:一?个|一下|条)?通知(?:给|到)"
    r"(?P<to2>网格[0-9]{1,3}|各个?|所有|全部|居民)群?"
    r"|通知(?:一下)?(?:(?P<to3>[0-9]{1,4})\s*(?:号楼|栋|幢)的?)?(?:大家|居民|住户|各位居民|全体居民)"
    # 「通知所有网格员明天上午9点开会」: colleagues, in the work group
    r"|通知(?:一下)?(?P<to5>(?:所有|各位?|全体)?网格员(?:们)?)"
    # 「通知一下我们楼明天停水」: a 楼栋长's building
    r"|通知(?:一下)?(?P<ours>我们楼|我们这栋楼|我们单元)的?(?:大家|居民|住户|邻居)?"
    # 「通知 网格3 周四停水」「通知 全部：…」: 群发's own words with 通知 for 群发
    r"|通知\s*(?P<to4>网格[0-9]{1,3}|全部|所有|居民)群?(?=[\s:：])"
    # 「发个通知：明天停水」: to no group named (privately only)
    r"|(?P<bare>(?:发|下发|群发)(?:一?个|一下|条)?通知)(?=\s*[:：]))"
    r"[\s,，:：]*(?P<what>.{2,})$"
)
# 「通知大家…」 in a work group is as often said to colleagues: the bot's only privately.
_NOTICE_TO_COLLEAGUES = re.compile(r"^(?:请|麻烦|帮我)?通知")
OUR_BUILDING = "我们楼"  # whom 「通知一下我们楼…」 names: the asker's building
WORK_GROUP = "工作群"  # whom 「给网格员发个通知」 names: colleagues, in the work group
_NOTICE_TO = {
    "各": "全部",
    "各个": "全部",
    "所有": "全部",
    "居民": "全部",
    "大家": "全部",
    "工作": "工作群",
}


class NoticeWanted(NamedTuple):
    """Whom a notice asked for in words is for (「网格3」, 「全部」), when it is to go (「明天早上
    8点」, or 「」: now), and where its words begin in the text."""

    whom: str
    when: str
    start: int


def notice_wanted(text: str, *, private: bool) -> NoticeWanted | None:
    """What words asking for a notice (`text` normalised) say of it: 「网格3」 and the start of
    「明天停水」 for 「给网格3群发个通知：明天停水」, 「全部」 when they name no grid, the time
    said first (「明天早上8点给全部群发通知：…」); 「通知大家…」 only `private`ly. None for other
    words."""
    if "通知" not in text:
        return None
    match = _NOTICE_WANTED.match(text)
    if match is None:
        return None
    after_when = text[match.end("when") :] if match["when"] else text
    if not private and not match["to4"] and _NOTICE_TO_COLLEAGUES.match(after_when):
        return None
    if not private and match["bare"]:  # 「发个通知：…」 among colleagues: theirs
        return None
    said = match["to"] or match["to2"] or match["to4"] or match["to5"]
    to = said or (f"{match['to3']}号楼" if match["to3"] else "全部")
    to = OUR_BUILDING if match["ours"] else to
    to = WORK_GROUP if to.endswith(("网格员", "网格员们")) else _NOTICE_TO.get(to, to)
    return NoticeWanted(to, match["when"] or "", match.start("what"))


# 「我是新来的网格员孙丽」「大家好，我是3号楼的新楼长」: someone saying they joined the staff.
_STAFF_JOINING = re.compile(
    r"^(?:(?:你好|您好|大家好|各位好|各位邻居好|各位居民好)[，,!！\s]*)?我是(?:社区)?"
    r"(?:(?P<building>[0-9]{1,4})号楼的?)?(?:新来的|新的|刚来的|新上任的|新任|新)?"
    r"(?P<role>网格员|楼栋长|楼长|社区书记|书记|物业)(?:新来的|的新人|公司的|的)?"
    r"[，,\s]*(?:我叫|叫)?[\u4e00-\u9fff]{0,4}$"
)
_STAFF_WORDS = {"楼长": "楼栋长", "社区书记": "书记"}


class StaffJoining(NamedTuple):
    """The role someone says they joined in (「网格员」), and the building a 楼栋长 names."""

    role: str
    building: str


def staff_joining(text: str) -> StaffJoining | None:
    """What 「我是新来的网格员孙丽」 says (`text` normalised); None for other words."""
    if "我是" not in text:
        return None
    joined = _STAFF_JOINING.match(text)
    if joined is None:
        return None
    role = _STAFF_WORDS.get(joined["role"], joined["role"])
    building = joined["building"] if role == "楼栋长" and joined["building"] else ""
    return StaffJoining(role, building)


# 「M1怎么样了」「M2有几条异议」「M1投票情况」「M2现在几票了」: asking after one meeting or vote,
# by its number; 「公示情况怎么样」「有几条异议了」「投票结果」: after those under way.
_MEETING_STATE = (
    r"(?:的)?(?:什么情况|啥情况|怎么样了?|咋样了?|情况(?:如何|怎么样了?)?|进展(?:如何|怎么样了?)?"
    r"|查看|详情|看看|看一下"  # 「M1 查看」: the command word after it
    r"|(?:收到|有)(?:几|多少)条?异议了?|异议(?:有)?(?:几|多少)条?了?|有(?:没有)?异议(?:吗|没有?)?"
    r"|(?:投票|票数|公示)(?:情况)?(?:如何|怎么样了?)?"
    r"|(?:投票|表决)?结果(?:呢|出来了[吗没]|如何|怎么样了?|是(?:什么|啥))?"
    r"|(?:定|决定|议定)了(?:什么|啥)|(?:是)?怎么定的"  # 「议事会定了什么」
    r"|(?:现在|目前)?(?:一共|共)?(?:有|投了)?(?:几|多少)票了?"
    r"|(?:有)?(?:几|多少)个?人(?:报名|参加)了?|报名(?:情况|人数)(?:如何|怎么样)?"
    r"|(?:有)?(?:谁|哪些人)(?:报名|参加|要来)了?"
    r"|(?:报名|参会|参加)的?(?:名单|人员)(?:呢|有哪些)?"  # 「议事会报名名单」
    # 「M1的行动事项有哪些」「M1的决议落实了吗」: its outcome and action items
    r"|(?:行动事项|行动|决议|任务|事项)(?:有哪些|是什么|落实了[吗没]|落实得?怎么样了?|完成了[吗没]"
    r"|怎么样了?|进展如何|办得怎么样了?)"
    # 「M1的记录」「会议纪要」: its record
    r"|(?:会议)?(?:记录|纪要|详情))"
)
_MEETING_ASKED = re.compile(rf"^[Mm](?P<number>[0-9]{{1,9}})\s*{_MEETING_STATE}$")
# 「议事会有几个人报名」「这次板凳会情况怎么样」: the one still to come, else the last one.
_KIND_ASKED = re.compile(
    rf"^(?:这次|下次|本次|上次)?的?(?P<kind>{'|'.join(MEETING_WORDS)}){_MEETING_STATE}$"
)
_MEETING_FIRST = frozenset(
    "Mm公投表异议收有这下本上还谁现目一共几多哪报参看都"
    + "".join(kind[0] for kind in MEETING_WORDS)
)
# 「还有谁没投」「投了多少票了」: the votes under way (a secret one shows counts, no names).
_MEETINGS_ASKED = re.compile(
    r"^(?:公示|投票|异议|议事会)(?:情况(?:如何|怎么样了?)?|如何|怎么样了?)$"
    r"|^(?:收到|有)(?:几|多少)条异议了?$"
    r"|^(?:还有)?(?:谁|哪些人|多少人|几个人)还?没(?:有)?投(?:票)?$|^投了(?:几|多少)票了?$"
    # 「投票结果」「现在几票了」: the votes under way, with their counts
    r"|^(?:投票|表决)结果(?:呢|出来了[吗没]|如何|怎么样了?)?$"
    r"|^(?:现在|目前)(?:一共|共)?(?:有|投了)?(?:几|多少)票了?$"
    # 「有几个人报名了」: the meetings coming, each with how many signed up
    r"|^(?:现在|目前)?(?:有|一共|共)?(?:几|多少)个?人报名了?$"
    r"|^(?:现在|目前)?报名(?:的|了)?(?:有|一共|共)?(?:几|多少)个?人了?$"
    r"|^报名(?:情况|人数)(?:如何|怎么样了?)?$"
)


# 「报名名单」「谁报名了」「都有谁参加」: the one still to come, with who comes
_ROSTER_ASKED = re.compile(
    r"^(?:看一?下)?(?:报名|参会|参加)的?(?:名单|人员)(?:呢|有哪些|发我)?$"
    r"|^(?:都)?(?:有)?(?:谁|哪些人)(?:报名|参加|要来)了?$"
)


def meeting_state_asked(text: str) -> str | None:
    """「M1」 for a short question after meeting M1 (`text` normalised, without its closing
    punctuation), 「」 for one after the meetings under way; None for other words."""
    if text[:1] not in _MEETING_FIRST:  # most messages: one look at the first character
        return None
    if (match := _MEETING_ASKED.match(text)) is not None:
        return f"M{match['number']}"
    if _MEETINGS_ASKED.match(text):
        return ""
    if _ROSTER_ASKED.match(text):  # 「报名名单」: the one still to come, with who comes
        return ANY_MEETING
    return kind["kind"] if (kind := _KIND_ASKED.match(text)) is not None else None


# 「网格员是谁」「网格员有哪些」「物业电话多少」「怎么联系社区」「5号楼的楼栋长是谁」
# 「居委会的联系方式」: who to call, said in words. The roles and offices people ask for, and a
# department by its ending (派出所, 住建局, 供电公司); 「你电话多少」 between neighbours names
# none of them.
_CONTACT = (
    r"(?P<who>网格员|网格长|楼栋长|楼长|单元长|书记|社区主任|居委会主任|主任|社区|居委会|居委|社区服务站|服务站"
    r"|党群服务中心|物业公司|物业管家|物业|街道办?|[\u4e00-\u9fff]{1,6}?(?:局|办|所|站|中心|公司))"
    r"(?:办公室)?"  # 「社区办公室在哪」
)
_OUR = r"(?:请问)?(?:我们|咱们|咱|我家|你们)?(?:小区|这里|这边|这?栋楼|楼|这?个?网格|片区)?的?"
# 「能帮我查一下社区电话吗」「告诉我物业电话」: asked for as a favour
_LOOK_UP = (
    r"(?:能|可以|能不能|可不可以)?(?:帮我|麻烦你?|请你?)?"
    r"(?:查一?下|查查|告诉我|说一下|(?:给|发)我?(?:一下|一?个)?)"  # 「给个物业电话」
)
# 「周末」「星期六」「中午」: when an office is asked to be open; 「有人吗」「开门吗」: whether it
# is. Only the community's own offices (not 「快递站今天开门吗」, a neighbour's question).
_OFFICE_WHEN = r"周末|周六|周日|星期[六日天]|礼拜[六天]|今天|明天|中午|晚上|节假日|放假|假期"
_OFFICE = r"(?P<who>社区服务站|社区|居委会|居委|党群服务中心|物业公司|物业|街道办?)"
_OFFICE_OPEN = r"(?:有人|开门|上班|办公|值班|有人值班|有人上班)(?:吗|没有?|不)"
_OF_BUILDING = r"(?:(?P<building>[0-9]{1,4})\s*(?:号楼|栋|幢|号)的?)?"
_TAIL = r"(?:啊|呀|呢|哈)?"
_CONTACT_ASKED = tuple(
    re.compile(pattern)
    for pattern in (
        rf"^{_OUR}{_OF_BUILDING}{_CONTACT}的?(?:联系人|负责人)?"
        rf"(?:(?:电话|手机|手机号|联系方式|联系电话|号码|电话号码)(?:是|是多少|多少|号码?是?多少)?"
        rf"|是谁|叫什么(?:名字)?|是哪位|有哪些|有谁|都有谁|是哪些人?){_TAIL}$",
        rf"^{_LOOK_UP}{_OUR}{_OF_BUILDING}{_CONTACT}的?(?:联系人|负责人)?"
        rf"(?:电话|手机|手机号|联系方式|联系电话|号码|电话号码){_TAIL}吗?$",
        rf"^(?:请问)?谁是{_OUR}{_OF_BUILDING}{_CONTACT}{_TAIL}$",
        # 「有哪些网格员」「都有哪些楼栋长」
        # 「小区有几个网格员」「我们社区都有哪些楼栋长」
        rf"^(?:请问)?(?:(?:我们|咱们|咱)?(?:小区|社区|这里|这边))?(?:都|一共)?有(?:哪些|哪几个|几个|几位|谁是)"
        rf"{_OUR}{_OF_BUILDING}{_CONTACT}{_TAIL}$",
        rf"^(?:请问)?(?:怎么|怎样|如何|去哪里?|到哪里?|在哪里?|哪里能)(?:才能)?"
        rf"(?:联系|找|找到|联系上|打给){_OUR}{_OF_BUILDING}{_CONTACT}{_TAIL}$",
        rf"^(?:有|有没有){_OUR}{_OF_BUILDING}{_CONTACT}的?(?:电话|联系方式){_TAIL}吗?$",
        # 「有没有人知道物业电话」「谁有网格员的电话」「大家知道社区电话吗」: asked of the group
        rf"^(?:请问)?(?:有没有人|有人|谁|大家|哪位)(?:知道|有)(?:一下)?{_OUR}{_OF_BUILDING}{_CONTACT}的?"
        rf"(?:电话|手机号?|联系方式|联系电话|号码|电话号码)(?:是多少|多少)?{_TAIL}吗?$",
        # 「社区几点上班」「物业在哪办公」「居委会在哪」
        rf"^{_OUR}{_CONTACT}(?:几点上班|几点下班|什么时候上班|在哪里?办公|在哪里?|的?地址"
        rf"|的?办公时间|的?上班时间){_TAIL}$",
        # 「周末社区有人吗」「社区星期六开门吗」「社区中午有人值班吗」
        rf"^{_OUR}(?:{_OFFICE_WHEN})?{_OFFICE}(?:{_OFFICE_WHEN})?{_OFFICE_OPEN}{_TAIL}$",
    )
)
# 「张网格的电话」「李书记电话多少」「刘物业的手机」: one of staff, by the name with their title;
# privately also as colleagues call them (「小张电话多少」), which among neighbours is anyone.
_NUMBER_WORDS = (
    r"(?:电话|手机|手机号|联系方式|联系电话|号码|电话号码)(?:是|是多少|多少|号码?是?多少)?"
)
_STAFF_NUMBER_ASKED = re.compile(
    rf"^(?:请问)?(?P<who>[\u4e00-\u9fff]{{1,3}}(?:网格员?|书记|主任|物业|经理))的?{_NUMBER_WORDS}{_TAIL}$"
)
_NICKNAME_NUMBER_ASKED = re.compile(rf"^(?P<who>[小老][\u4e00-\u9fff])的?{_NUMBER_WORDS}{_TAIL}$")
# 「王芳的电话」「孙大爷电话多少」 privately: anyone by name (staff are told what a resident left)
_NAMED_NUMBER_ASKED = re.compile(
    rf"^(?P<who>(?![我你他她您])[\u4e00-\u9fff]{{2,4}}?)的?{_NUMBER_WORDS}{_TAIL}$"
)
# Privately, the offices' numbers asked for with no name: 「联系方式」「你们电话多少」.
_CONTACTS_ASKED = re.compile(
    r"^(?:请问)?(?:你们的?)?(?:投诉|服务|热线|值班)?(?:联系方式|联系电话|电话)(?:是|是多少|多少)?$"
    r"|^怎么联系你们$"
)
# Privately, someone to reach asked for by name: 「联系物业」「我要找网格员」「联系一下社区」.
_CONTACT_WANTED = re.compile(
    rf"^(?:我要|我想|想|帮我|请|麻烦)?(?:联系|找)(?:一下)?{_OUR}{_OF_BUILDING}{_CONTACT}"
    rf"(?:一下)?{_TAIL}$"
)
# 「谁负责5号楼」「5号楼归谁管」「5号楼是哪个网格的」: the building's grid worker and 楼栋长.
_BUILDING_KEPT_BY = re.compile(
    r"^(?:请问)?(?:谁(?:负责|管)|哪个网格(?:管|负责)?|哪位网格员(?:负责|管))(?P<building>[0-9]{1,4})"
    r"\s*(?:号楼|栋|幢)$"
    r"|^(?:请问)?(?P<building2>[0-9]{1,4})\s*(?:号楼|栋|幢)的?(?:归谁管|谁负责|谁管|是谁负责的?"
    r"|归哪个网格(?:管)?|属于哪个网格|是哪个网格的?|在哪个网格)$"
)
# 「网格3有哪些楼」「网格5有几栋楼」「张网格负责哪几栋楼」「赵网格管哪个网格」: a grid's buildings,
# or those of someone's grids.
_BUILDINGS_ASKED = re.compile(
    r"^(?:请问)?(?:(?P<who>网格[0-9]{1,3})(?:有|包括|包含|管)(?:哪些|哪几栋|几栋|多少栋)(?:楼栋?|栋)"
    r"|(?P<who2>[\u4e00-\u9fff]{2,5}?)(?:负责|管)(?:哪些|哪几栋|几栋|哪几个)(?:楼栋?|栋)"
    r"|(?P<who3>[\u4e00-\u9fff]{2,5}?)(?:负责|管)哪个网格)$"
)
BUILDINGS_OF = "楼栋"  # 「联系方式 网格3 楼栋」: the grid's buildings and who looks after them
CONTACT_ASKED_AT_MOST = 20
# Every such question has one of these: most messages are passed over with one search.
# 「你们几点下班」「你们上班时间是几点」: privately, the office's hours.
_OFFICE_HOURS_ASKED = re.compile(
    r"^(?:请问)?你们(?:(?:每天|周末|周六|今天)?(?:几点|什么时候)(?:上班|下班|开门|关门|办公)"
    r"|的?(?:上班|办公)时间(?:是)?(?:几点|什么时候)?)(?:啊|呀|呢)?$"
    # 「周六上班吗」「你们周末有人吗」
    rf"|^(?:请问)?(?:你们)?(?:{_OFFICE_WHEN}){_OFFICE_OPEN}(?:啊|呀|呢)?$"
)
_CONTACT_WORDS = re.compile(
    r"电话|联系|谁|哪|上班|下班|地址|办公|号码|手机|叫什么|找|几栋|多少栋|有人|开门|值班|几个|几位"
)
BUILDING_KEEPERS = "负责人"  # 「联系方式 5号楼 负责人」: the building's grid worker and 楼栋长


# 「大家好，」「你好，」「打扰一下，」 before a question: not part of it.
_GREETING_FIRST = re.compile(
    r"^(?:大家好|你好|您好|各位(?:邻居|街坊)?(?:们)?好?|邻居们好?|打扰(?:一下)?(?:大家)?|麻烦问一下"
    r"|早上好|早安|上午好|下午好|晚上好)"
    r"[,，!！~～\s]*(?=\S)"
)


def contact_asked(text: str, *, private: bool) -> str | None:
    """What 「联系方式」 a short question after someone's number means (`text` normalised,
    without its closing punctuation): 「5号楼 网格员」, 「物业」, or 「」 for the offices' numbers
    (privately only); None for other words."""
    if len(text) > CONTACT_ASKED_AT_MOST or _CONTACT_WORDS.search(text) is None:
        return None
    text = _GREETING_FIRST.sub("", text)  # 「大家好，有人知道物业电话吗」
    if (kept := _BUILDING_KEPT_BY.match(text)) is not None:
        return f"{kept['building'] or kept['building2']}号楼 {BUILDING_KEEPERS}"
    if (grid := _BUILDINGS_ASKED.match(text)) is not None:
        return f"{grid['who'] or grid['who2'] or grid['who3']} {BUILDINGS_OF}"
    match = next((m for pattern in _CONTACT_ASKED if (m := pattern.match(text))), None)
    if match is None:  # 「张网格的电话」: one of staff (privately, 「小张电话多少」 too)
        match = _STAFF_NUMBER_ASKED.match(text) or (
            _NICKNAME_NUMBER_ASKED.match(text) if private else None
        )
    if match is None and private:
        match = _CONTACT_WANTED.match(text)
    if match is None and private and _OFFICE_HOURS_ASKED.match(text):
        return "社区"  # 「你们几点下班」: said to the bot, of the office it speaks for
    if match is None and private and _CONTACTS_ASKED.match(text):
        return ""  # 「投诉电话是多少」: the offices'
    if match is None and private:
        match = _NAMED_NUMBER_ASKED.match(text)  # 「王芳的电话」: anyone's, by name
    if match is None:
        return None
    building = match.groupdict().get("building")
    return f"{building}号楼 {match['who']}" if building else match["who"]


# 「这周收了几件」「本月办结了多少」「今年一共收集多少条诉求」「本周新增了多少」: staff asking
# the statistics in words, privately or in the work group; the 统计 period it means.
# Periods as said, as the commands write them (「这个月」: 本月).
_PERIOD_SAID = {
    "今日": "今天",
    "昨日": "昨天",
    "这周": "本周",
    "这礼拜": "本周",
    "这个月": "本月",
    "上个月": "上月",
}
# A grid or a building may come first or after the period (「网格3这个月收了几件」「这个月3号楼
# 有多少诉求」), and a category before 的问题 (「今年照明的问题有多少」).
_STATS_PLACE = rf"网格[0-9]{{1,3}}|[0-9]{{1,4}}(?:号楼|栋|幢)|{_HOTLINE}"  # 12345, 工单: 来源
_STATS_PERIOD = (
    r"今天|昨天|本周|这周|这礼拜|上周|本月|这个月|上月|上个月|今年|去年|全年"
    # 「11月1日到15日收了多少件」「11月20日以来」「11月份」 (read by bot.domain.periods)
    r"|[0-9]{1,2}月[0-9]{1,2}[日号]?(?:到|至|-)(?:[0-9]{1,2}月)?[0-9]{1,2}[日号]"
    r"|[0-9]{1,2}月[0-9]{1,2}[日号](?:以来|至今)?|[0-9]{1,2}月份?"
)
_STATS_ASKED = re.compile(
    # 「我们楼这个月反映了几件」 (a 楼栋长's: their buildings), 「我们小区今年收了多少」
    rf"^(?:(?:我们|咱们)(?:这栋楼|楼|小区|社区)?)?(?:(?P<place>{_STATS_PLACE})的?)?"
    rf"(?P<period>{_STATS_PERIOD})"
    rf"(?P<place2>{_STATS_PLACE})?(?:我们|咱们|社区)?(?:楼|小区)?(?:一共|总共|共)?"
    r"(?:(?:收了|收到了?|收集了?|接了|受理了?|办结了?|办完了?|处理了|解决了|办了"
    r"|新增了?|新报了?|新登记了?|登记了|新收了?|新来了?|来了|报了|报上来了?|进了|反映了)"
    r"(?:多少|几)(?:件|条|个)?(?:新的)?(?:诉求|事情?|问题|单)?"
    # 「今天有几条新的」: those filed in the period
    r"|有(?:多少|几)(?:件|条|个)?新(?:的|来的|报的)(?:诉求|事情?|问题)?"
    r"|的?(?P<what>[\u4e00-\u9fff]{2,4}?)的(?:问题|诉求)(?:一共|总共|共)?(?:有(?:多少|几)(?:件|条|个)?"
    r"|多吗|多不多)"
    # 「今年一共多少诉求」「这个月收了多少件，办结了多少」
    r"|有?(?:多少|几)(?:件|条|个)?(?:诉求|问题)|(?:多少|几)(?:件|条)"
    # 「这个月有几件」「网格3今年有多少件」 (today's 「有几件」 is what is on: the 台账)
    r"|(?P<have>有)(?:多少|几)(?:件|条|个))"
    r"(?:,(?:办结|办完|解决|处理)了?(?:多少|几)(?:件|条)?)?$"  # 「…，办结了多少」
)
# 「本周的情况怎么样」「这个月总体情况如何」「上个月的数据」: that period's figures; of a grid
# named first (「网格5这个月怎么样」), the grid's.
_PERIOD_HOW = re.compile(
    # 「网格5怎么样」: this month's (a grid or a period, at least)
    rf"^(?P<grid>网格[0-9]{{1,3}})?(?P<period>{_STATS_PERIOD})?的?(?:总体|整体|工作|诉求)?的?"
    r"(?:(?:情况|数据|统计)(?:怎么样了?|如何|咋样|呢)?|怎么样了?|如何|咋样"
    # 「这周干了啥」「这个月都做了哪些工作」: what was done, in figures
    r"|(?:我们|社区)?(?:都)?(?:干了|做了|办了)(?:啥|什么|哪些)(?:事情?|工作|活)?)$"
)
# 「停车的问题有多少」「排水的问题多吗」 with no period: this month's.
_WHAT_ASKED = re.compile(
    rf"^(?!{_STATS_PERIOD})(?P<what>[\u4e00-\u9fff]{{2,4}}?)(?:方面)?的(?:问题|诉求)(?:一共|总共|共)?"
    r"(?:有(?:多少|几)(?:件|条|个)?|多吗|多不多)$"
)
# 「最近什么问题最多」「这个月哪类问题最多」: the period's figures, whose sentence names the top
# categories.
_TOP_ASKED = re.compile(
    rf"^(?P<period>{_STATS_PERIOD})?(?:最近)?的?(?:什么|哪类|哪种|哪方面的?|哪个方面的?)"
    r"(?:问题|诉求|事情?)(?:反映得?)?最多$"
)


# 「今年开了几次议事会」「这个月开了多少次会」「今年板凳会开了几次」: the meetings held, which
# 「统计 今年 议事」 gives.
_MEETING_HELD = rf"(?:议事协商|协商)?(?:会议?|{'|'.join(MEETING_KINDS)})"
_MEETINGS_HELD_ASKED = re.compile(
    rf"^(?P<period>{_STATS_PERIOD})?(?:社区|我们)?(?:一共|总共|共)?"
    rf"(?:开了|召开了?|组织了?|举行了?|开过)(?:多少|几)(?:次|场|个)(?:{_MEETING_HELD})?$"
    rf"|^(?P<period2>{_STATS_PERIOD})?的?{_MEETING_HELD}(?:一共|总共|共)?"
    r"(?:开了|召开了?|举行了?|开过)(?:多少|几)(?:次|场|回)$"
)


# 「这个月和上个月比怎么样」「比上个月多了还是少了」「今年跟去年比」: the figures and how they
# moved (「统计 本月 环比」「统计 今年 同比」).
_THAN = {"上月": "本月", "上个月": "本月", "上周": "本周", "上个星期": "本周", "去年": "今年"}
_COMPARE_ASKED = re.compile(
    rf"^(?P<period>{_STATS_PERIOD})?的?(?:数据|统计|诉求)?(?:和|跟|与|同)?(?:比|较)?"
    r"(?P<than>上个?月|上周|上个星期|去年)(?:同期)?的?(?:比|相比|比较|对比)?(?:一下)?"
    r"(?:怎么样|如何|多了还是少了|多了吗|少了吗|多了多少|少了多少|有什么变化|变化大吗|有变化吗)$"
)


# 「满意率多少」「本月办结率」「哪个网格办结率最低」「各网格情况」「哪个网格问题最多」: the
# rates, or the grids' lines, which 统计 gives (this month's unless a period is said).
_RATES_ASKED = re.compile(
    rf"^(?P<period>{_STATS_PERIOD})?的?"
    # 「物业的满意度怎么样」「供电局办结率多少」: a unit's (统计 … 物业)
    r"(?:(?P<unit>物业|[\u4e00-\u9fff]{1,6}?(?:局|所|公司|中心))的?|(?:居民|群众|大家)的?)?"
    rf"(?P<period2>{_STATS_PERIOD})?的?"
    r"(?:(?:各个?|每个|哪个)网格的?)?"
    r"(?:办结率|满意率|满意度|超期率|(?<=网格)(?:的)?(?:情况|数据|排名)|(?<=网格的)(?:情况|数据|排名)"
    # 「各网格比一比」: each grid's line, side by side
    r"|(?<=网格)(?:比一下|比一比|比比|对比一下|比较一下)"
    # 「哪个网格问题最多」「哪个网格的诉求最少」
    r"|(?<=网格)(?:问题|诉求|事情?)(?:最多|最少)|(?<=网格的)(?:问题|诉求|事情?)(?:最多|最少))"
    r"(?:是)?(?:多少|怎么样了?|如何|最高|最低|排名|高吗|低吗)?$"
)


# 「张网格今天处理了几件」「这个月张网格办结了多少」「我这周办了几件」「网格员这个月的工作量」
# 「物业这个月办得怎么样」:
# what a member of staff (or each, or a unit) did; who is read by 统计 (a name it does not know
# leaves the words chat).
_WORK_DONE = r"处理了?|办了|办结了?|办完了?|受理了?|干了|做了|完成了?|经手了?|派了"
_WORK_ASKED = re.compile(
    rf"^(?P<period>{_STATS_PERIOD})?(?P<who>我|[\u4e00-\u9fff]{{2,5}}?)的?"
    rf"(?P<period2>{_STATS_PERIOD})?的?"
    rf"(?:(?:一共|总共|共)?(?:{_WORK_DONE})(?:多少|几)(?:件|条|个|单)?(?:事情?|诉求|问题|活|单子)?"
    r"|工作量(?:是|有)?(?:多少|怎么样|如何)?"
    r"|(?:工作)?(?:办|干|做|处理|完成)得(?:怎么样|如何|咋样)了?"  # 「物业办得怎么样」
    # 「物业的办理情况」「各单位承办情况」
    r"|(?:办理|承办|处理|办事|工作)的?情况(?:怎么样|如何|咋样)?)$"
)


# 「平均办结时长」「办结一件平均要几天」「这个月平均多久办结」「物业平均几天修好」: how long the
# issues done took (「统计 本月 用时」), a unit's when one is named.
_DONE_WORD = r"(?:办结|办完|办好|处理完?|解决|修好|弄好)"
_DURATION_ASKED = re.compile(
    rf"^(?:我们|咱们|社区)?(?P<period>{_STATS_PERIOD})?的?"
    # a unit, a grid, or one of staff (「张网格平均多久办结」)
    r"(?:(?P<unit>物业|网格[0-9]{1,3}|[\u4e00-\u9fff]{1,3}?(?:网格员?|书记|物业)"
    r"|[\u4e00-\u9fff]{1,6}?(?:局|所|公司|中心|办))的?)?"
    rf"(?P<period2>{_STATS_PERIOD})?的?(?:诉求|问题)?的?"
    rf"(?:平均(?:的)?(?:办结|办理|处理)?(?:用时|时长|时间|周期)|(?:办结|办理|处理)(?:用时|时长|周期)"
    rf"|{_DONE_WORD}(?:一件|一条|一个)(?:事|诉求|问题)?(?:平均|一般)(?:要|需要|得|用)?"
    r"(?:多久|几天|多长时间|多少天|多少时间)"
    rf"|平均(?:要|需要|得|用)?(?:多久|几天|多长时间|多少天)(?:能|才能|可以)?{_DONE_WORD}(?:一件|一条)?)"
    r"(?:是|有|要)?(?:多少天?|多久|多长时间?|几天|怎么样|如何)?$"
)


_GRIDS_COMPARED = re.compile(
    r"^网格[0-9]{1,3}(?:和|跟|与)网格[0-9]{1,3}(?:比一下|比一比|比比|对比一下|比较一下|哪个好)$"
)


def stats_asked(text: str) -> str | None:
    """The 统计 words a short question after the counts means (`text` normalised, without
    its closing punctuation): 「本周」 for 「这周收了几件」, 「本月 网格3」 for 「网格3这个月收了
    几件」, 「今年 照明」 for 「今年照明的问题有多少」, 「本月」 for 「满意率多少」, 「今天 张网格」
    for 「张网格今天处理了几件」, 「今年 议事」 for 「今年开了几次议事会」; None for other words."""
    if "12345" in text and (hotline := _HOTLINE_ASKED.match(text)) is not None:
        period = hotline["period"] or hotline["period2"] or "本月"  # 「12345的情况」
        return f"{_PERIOD_SAID.get(period, period)} 12345"
    timed = "平均" in text or "用时" in text or "时长" in text or "周期" in text
    if timed and (took := _DURATION_ASKED.match(text)) is not None:  # 「平均办结时长」
        period = took["period"] or took["period2"] or "本月"
        words = [_PERIOD_SAID.get(period, period), took["unit"] or "", "用时"]
        return " ".join(word for word in words if word)
    if "网格" in text and _GRIDS_COMPARED.match(text):  # 「网格3和网格5比一下」: each grid's
        return "本月"
    rates = _RATES_ASKED.match(text) if "率" in text or "网格" in text or "满意" in text else None
    if rates is not None:
        period = rates["period"] or rates["period2"] or "本月"
        period = _PERIOD_SAID.get(period, period)
        return f"{period} {rates['unit']}" if rates["unit"] else period
    if "比" in text or "变化" in text or "多了" in text or "少了" in text:
        compared = _COMPARE_ASKED.match(text)
        if compared is not None:
            than = compared["than"]
            period = _PERIOD_SAID.get(compared["period"] or "", compared["period"])
            return f"{period or _THAN[than]} {'同比' if than == '去年' else '环比'}"
    how = _PERIOD_HOW.match(text)
    if how is not None and (how["period"] or how["grid"]):  # 「本周的情况怎么样」「网格5怎么样」
        period = _PERIOD_SAID.get(how["period"], how["period"]) if how["period"] else "本月"
        return f"{period} {how['grid']}" if how["grid"] else period
    # (「我的诉求处理情况」 is a reporter's of their reports, not work)
    worked = "得" in text or ("情况" in text and not text.startswith("我"))
    if worked and (how_done := _work_asked(text)) is not None:
        return how_done  # 「物业这个月办得怎么样」「各单位承办情况」
    if not ("几" in text or "多" in text or "少" in text or "工作量" in text):
        return None  # each question below asks how many (几, 多少), who most, or the 工作量
    if (top := _TOP_ASKED.match(text)) is not None:  # 「最近什么问题最多」
        period = top["period"] or "本月"
        return _PERIOD_SAID.get(period, period)
    if "开" in text or "召" in text or "举" in text:
        held = _MEETINGS_HELD_ASKED.match(text)
        if held is not None:
            period = held["period"] or held["period2"] or "本月"
            return f"{_PERIOD_SAID.get(period, period)} 议事"
    match = _STATS_ASKED.match(text)
    if match is None and (what := _WHAT_ASKED.match(text)) is not None:
        return None if what["what"] in _WHOSE else f"本月 {what['what']}"  # 「停车的问题有多少」
    if match is None:
        return _work_asked(text)
    if match["have"] and match["period"] in ("今天", "今日"):
        return None  # 「今天有几件」: what is on today, the 台账's
    words = [_PERIOD_SAID.get(match["period"], match["period"])]
    words += [w for w in (match["place"], match["place2"], match["what"]) if w]
    return " ".join(w for w in words if w not in _WHOSE)


# 「12345的情况」「这个月12345工单怎么样了」「12345热线的统计」: the hotline's figures, as 统计 …
# 12345 gives them (its orders' time limits too), not issue #12345.
_HOTLINE_ASKED = re.compile(
    r"^(?P<period>今天|本周|这周|上周|本月|这个月|上月|上个月|今年|去年)?的?12345(?:热线)?"
    # 「12345的工单这个月有几个」: the period after
    r"的?(?:工单)?的?(?P<period2>今天|本周|这周|上周|本月|这个月|上月|上个月|今年|去年)?"
    r"(?:情况|统计|数据|办理情况|办得?怎么样了?|怎么样了?|如何"
    # 「12345的三率怎么样」「本月12345满意率多少」: the rates the hotline's orders are judged by
    r"|三率|响应率|解决率|办结率|按时办结率|满意率|满意度|考核(?:情况)?"
    # 「这个月12345有几单」「12345来了多少件」: how many orders came
    r"|(?:一共|总共|共)?(?:有|来了|派了|收了|接了|转来了?)(?:几|多少)(?:单|件|条|个)?(?:工单)?)"
    r"(?:是|有)?(?:多少|怎么样了?|如何)?$"
)
# 「我的事情」「反映的问题」: what was reported, not whose work
_NOT_WHO = re.compile(r"^我.|[事诉问反报]")
_WHOSE = frozenset({"大家", "我们", "居民", "群众", "社区", "小区", "咱们"})  # 「今年大家的问题」


# 「这周谁办得最多」「这个月哪个网格员处理的最少」: each one's work, most first.
_BUSIEST = re.compile(
    rf"^(?P<period>{_STATS_PERIOD})?(?:谁|哪个网格员|哪位网格员|哪位)"
    r"(?:办|处理|干|做|办结)(?:得|的)?(?:最多|最少)(?:的?事)?$"
)


# 「工作量」「看看大家的工作量」「这个月网格员的工作量」: each one's work (统计 … 人员).
_ALL_WORK = re.compile(
    rf"^(?:看看|看一下|查一下)?(?P<period>{_STATS_PERIOD})?的?"
    r"(?:大家|各人|每个人|每人|人员|工作人员|网格员)?的?"
    rf"(?P<period2>{_STATS_PERIOD})?的?工作量(?:统计|情况|排名)?$"
)


def _work_asked(text: str) -> str | None:
    """「今天 张网格」 for 「张网格今天处理了几件」 (本月 when no period is said); 「本周 人员」
    for 「这周谁办得最多」 and 「这周的工作量」."""
    everyone = _ALL_WORK.match(text) if "工作量" in text else None
    if everyone is not None:
        period = everyone["period"] or everyone["period2"] or "本月"
        return f"{_PERIOD_SAID.get(period, period)} {'网格员' if '网格员' in text else '人员'}"
    if (busiest := _BUSIEST.match(text)) is not None:
        period = busiest["period"] or "本月"
        return f"{_PERIOD_SAID.get(period, period)} {'网格员' if '网格员' in text else '人员'}"
    match = _WORK_ASKED.match(text)
    if match is None or _NOT_WHO.search(match["who"]):  # 「我的事情处理得怎么样了」: a report's
        return None
    period = match["period"] or match["period2"] or "本月"
    words = [_PERIOD_SAID.get(period, period)]
    return " ".join([*words, match["who"]] if match["who"] not in _WHOSE else words)


_NO_MORE_AT_MOST = 20  # 「灯好了，不用修了」: longer words are more than that
# 「灯好了，不用修了」「下水道通了，不用来了」: fixed, so no more to do (not 「我的手机不用修了」).
_FIXED_NO_MORE = re.compile(
    r"^(?!我)[^,，。\s]{1,10}?(?:已经|已)?(?:好了|亮了|通了|修好了|弄好了)[,，\s]*"
    r"(?:不用|不需要)(?:再)?(?:修|管|处理|来|麻烦)了(?:吧|啊|哈)?$"
)
# 「不用处理了」「已经修好了，不用来了」: the reporter withdraws what they reported.
NO_LONGER_NEEDED = re.compile(r"不用(?:再)?(?:处理|来|修|管|麻烦)了|不需要(?:再)?(?:处理|来人?)了")
# 「我的反映撤回吧」「我报的那个井盖不用修了，物业已经弄好了」「撤回我的诉求」「算了，不用管了」
# in a group: the sender's own report there taken back (its 撤回: the grid worker checks, then
# closes it).
_JUST = r"刚才|刚刚|刚(?=发|报|说|反映|提)"
# 「刚才那个」「刚发的那条」「上一条」: the sender's report just made, of several the newest.
JUST_MADE = re.compile(rf"{_JUST}|上一条")
_OWN_REPORT = (
    r"(?:我(?:报|反映|提|上报|投诉)的(?:那个|这个|那件|那条)?[\u4e00-\u9fff]{0,6}?"
    r"|我的(?:反映|诉求|报事|问题|投诉)|我的?(?:那个|这个|那件|那条)(?:反映|诉求|报事|问题|投诉)?"
    # 「刚才那个」「刚刚发的那条」「刚才的报事」「上一条」: the one just made
    rf"|(?:{_JUST})(?:发|报|说|反映|提)?的?(?:那个|这个|那件|那条|这条|(?=反映|诉求|报事|问题|投诉|消息))"
    r"(?:反映|诉求|报事|问题|投诉|消息)?|上一条(?:反映|诉求|报事|消息)?)"
)
_WHY_AFTER = r"(?:[,，。]\s*[^,，。?？吗]{1,20})?"
_WITHDRAWN = re.compile(
    rf"{_OWN_REPORT}(?:就|先)?(?:撤回|撤销|取消|不用(?:再)?(?:修|处理|管|来)?了?"
    r"|不要了|不需要(?:再)?(?:修|处理)了?)"
    rf"|(?:我)?(?:想|要|想要)?(?:撤回|撤销|取消)(?:一下)?{_OWN_REPORT}"
    # 「算了，不用管了」「不用修了」: said of the report just made there; why may follow
    # (「算了，不用管了，邻居已经修好了」)
    r"|(?:算了[,，\s]*)?(?:不用|别|不要|不需要)(?:再)?(?:管|修|处理|弄|来)了(?:吧|啊)?"
    rf"{_WHY_AFTER}$"
    rf"|算了[,，\s]*(?:不用|别|不要|不需要)(?:再)?(?:管|修|处理|弄|来)(?:吧|啊)?{_WHY_AFTER}$"
)


def withdrawn_said(text: str) -> bool:
    """Whether `text` (normalised) takes back the sender's own report: 「我的反映撤回吧」, or
    says briefly it needs nothing more (「灯好了，不用修了」)."""
    if len(text) <= _NO_MORE_AT_MOST and _FIXED_NO_MORE.match(text) is not None:
        return True  # 「灯好了，不用修了」
    if text[:1] not in "我撤取算不别刚上" or not (
        "撤" in text or "取消" in text or "不" in text or "别" in text
    ):
        return False
    return _WITHDRAWN.match(text) is not None


# 「吧」「啊」 and marks after the words that take a report back.
_WITHDRAWN_END = re.compile(r"(?:吧|啊|呀|哈|了)*[\s。.!！~～]*$")


def withdrawal_only(text: str) -> bool:
    """Whether `text` (normalised) says nothing but that the report is taken back
    (「我的反映撤回吧」, 「不用处理了」), no reason with it."""
    said = text.strip()
    for taken_back in (_WITHDRAWN, NO_LONGER_NEEDED):
        match = taken_back.match(said)
        if match is not None and _WITHDRAWN_END.fullmatch(said, match.end()):
            return True
    return False


# 「2号和1号是一回事」「2跟1重复了，合并」「#3与#1是同一个问题」「2号和1号合并一下」「把1号和2号
# 合并」: staff saying two issues are one, privately or in the work group; 合并 of the later
# into the earlier.
_MERGE_SAID = r"(?:请|帮忙|给)?(?:合并|合到一起|并一下|合成一个|合成一件)(?:一下|吧)?"
_SAME_ISSUES = re.compile(
    r"^(?:把|将)?#?\s*(?P<a>[0-9]{1,9})\s*号?\s*(?:和|跟|与|同)\s*#?\s*(?P<b>[0-9]{1,9})\s*号?\s*"
    r"(?:(?:是|说的是|反映的是)?(?:一回事|同一(?:个|件)?(?:事情?|问题)|重复了?|一样的?(?:事情?|问题)?"
    rf"|一(?:个|件)(?:事情?|问题))(?:啊|吧)?(?:[,，]?\s*{_MERGE_SAID})?|{_MERGE_SAID})$"
)
# 「3号重复了」「3号是重复的」: one issue said to repeat another, which is not said.
DUPLICATE_SAID = re.compile(r"^(?:是|属于)?重复(?:了|的|报的?|提交的?|反映的?|件)?(?:啊|吧)?$")


def same_issues_said(text: str) -> tuple[int, int] | None:
    """(the later, the earlier) of two issues said to be one (`text` normalised, without its
    closing punctuation); None for other words, or one number twice."""
    match = _SAME_ISSUES.match(text)
    if match is None:
        return None
    a, b = int(match["a"]), int(match["b"])
    return (max(a, b), min(a, b)) if a != b else None


# 「王芳反映过哪些问题」「查一下孙大爷反映的事」「王芳都投诉过什么」: staff asking what someone
# reported (搜索 王芳); 「我反映过哪些问题」 is one's own, asked otherwise.
_NOT_A_NAME = r"(?!我|你|他|她|大家|居民|群众|业主|住户|别人|有人|谁)"
_REPORTER_ASKED = re.compile(
    rf"^(?:查一?下|看一?下|查查|看看)?{_NOT_A_NAME}(?P<who>[\u4e00-\u9fff]{{2,4}}?)"
    r"(?:都|一共|之前|以前)?(?:反映|报|投诉)(?:过|了)(?:哪些|什么|几件|几个|几次)(?:问题|事情?|诉求)?$"
    rf"|^(?:查一?下|看一?下|查查|看看){_NOT_A_NAME}(?P<who2>[\u4e00-\u9fff]{{2,4}}?)"
    r"(?:反映|报)的(?:问题|事情?|诉求)?$"
)


def reporter_asked(text: str) -> str | None:
    """The name in 「王芳反映过哪些问题」 (`text` normalised); None for other words."""
    if "反映" not in text and "报" not in text and "投诉" not in text:
        return None
    match = _REPORTER_ASKED.match(text)
    who = (match["who"] or match["who2"]) if match is not None else None
    # 「这周反映了哪些问题」: a period, not someone's name (`_FILED_THEN`)
    return None if who is None or re.fullmatch(_FILED_PERIOD, who) else who


# 「把王芳的事情标为紧急」「王芳反映的那件催一下」「把孙大爷的问题派给刘物业」: staff acting on
# someone's report by its reporter's name (加急, 催办, 派单 of it).
_REPORTER_ACTED = re.compile(
    r"^(?:把|将|给)?(?:(?P<this>这个|那个|这件|那件|这条|那条|刚才的?|刚刚的?|上一个)"
    r"|(?P<who>[\u4e00-\u9fff]{2,4}?)(?:反映的|报的|投诉的|的))?"
    r"(?:那件|那个|那条|这件|这个)?(?P<thing>事情?|事儿|问题|诉求|报事)?(?:也|先)?"
    r"(?:(?P<hurry>(?:标为|标成|设为|设成|改为|改成|列为|定为|作为)?(?:紧急|加急)(?:处理|办理)?)"
    r"|(?P<urge>催(?:一下|一催|办|促)?)"
    r"|(?:派|交|转|分)给(?P<to>[^\s,，。]{1,12}?)(?:处理|去办|办理|去处理)?)"
    r"(?:一下)?(?:吧|哈|啊)?$"
)


def reporter_acted(text: str) -> tuple[str, str, str] | None:
    """Staff acting on someone's report by its reporter's name (`text` normalised, without
    its closing punctuation): who, the command (hurry, urge, assign) and what else it takes
    (派给 whom): ('王芳', 'hurry', '') for 「把王芳的事情标为紧急」; no one ('') for 「这个事情
    标为紧急」, which names no issue; None for other words (「加急」 alone is the command)."""
    match = _REPORTER_ACTED.match(text)
    if match is None or not (match["who"] or match["this"] or match["thing"]):
        return None
    who = match["who"] or ""
    if match["to"] is not None:
        return who, "assign", match["to"]
    return who, "hurry" if match["hurry"] else "urge", ""


# 「1号我来跟」「2号我来处理吧」「3号我负责」「2号给我吧」「我来处理1号」: staff taking an issue
# on themselves
# (派单 N 我), privately or in the work group.
_TAKEN_ON = re.compile(
    r"^#?\s*(?P<number>[0-9]{1,9})\s*号?\s*(?:就|先)?"
    r"(?:我(?:来|去)?(?:跟进?|处理|办理?|负责|认领)(?:一下)?|(?:交|派|分)?给我)(?:了|吧|哈)?$"
    # 「我来处理1号」「我负责2号吧」: the same, said the other way round
    r"|^我(?:来|去)?(?:跟进?|处理|办理?|负责|认领)(?:一下)?\s*#?\s*(?P<after>[0-9]{1,9})\s*号?(?:吧|哈)?$"
)


def taken_on(text: str) -> int | None:
    """The issue staff say they take on themselves (`text` normalised, without its closing
    punctuation): 1 for 「1号我来跟」; None for other words."""
    match = _TAKEN_ON.match(text)
    return None if match is None else int(match["number"] or match["after"])


# 「告诉2号报事人：明天上午物业来修」「跟2号报事人说一下，明天来修」「回复2号：明天来修」: staff
# telling an issue's reporter something (转告 N 说明); 「把2号的情况跟孙先生说一下」「把2号的进展
# 告诉报事人」: where it stands (转告 N). 「通知2号楼…」 names a building, not an issue.
_ISSUE_SAID = r"(?:#\s*(?P<hash>[0-9]{1,9})|(?P<number>[0-9]{1,9})\s*号(?![楼栋幢院]))"
_REPORTER = r"(?:报事人|反映人|居民|业主|住户)"
_ADDRESSED = r"先生|女士|阿姨|大爷|大妈|师傅|老师|奶奶|爷爷"  # 「孙先生」「王阿姨」
_SOMEONE = rf"(?:{_REPORTER}|他|她|人家|[\u4e00-\u9fff]{{1,2}}(?:{_ADDRESSED}))"
_TELLING = re.compile(
    r"^(?:请|麻烦)?(?:你|帮我)?(?:(?P<tell>告诉|通知|转告|回复|答复|反馈给)|跟|和|给)"
    rf"\s*{_ISSUE_SAID}\s*的?{_REPORTER}?(?P<say>(?:说|讲|回)(?:一下|一声|个话)?)?"
    r"\s*[:：,，]?\s*(?P<said>.*)$"
)
_STANDING_TOLD = re.compile(
    rf"^(?:请|麻烦)?(?:你|帮我)?把?\s*{_ISSUE_SAID}\s*的?"
    r"(?:情况|进展|进度|处理情况|办理情况|结果)"
    rf"(?:(?:跟|和|给){_SOMEONE}(?:说|讲)|(?:告诉|反馈给|通知){_SOMEONE}|转告(?:给)?{_SOMEONE}?)"
    r"(?:一下|一声)?(?:吧)?$"
)


_TOLD_WORDS = re.compile(r"告|通知|回|复|说|讲")


def reporter_told(text: str) -> tuple[int, str] | None:
    """(the issue, the words for its reporter; "" for where it stands) of staff asking the
    bot to tell a reporter (`text` normalised, without its closing punctuation); None for
    other words."""
    if _TOLD_WORDS.search(text) is None:  # most messages are passed over with one search
        return None
    match = _TELLING.match(text)
    if match is not None and not (match["tell"] or match["say"]):
        match = None  # 「跟2号…」 is telling only with 说: 「跟2号说一下」
    match = match or _STANDING_TOLD.match(text)
    if match is None:
        return None
    said = match.groupdict().get("said") or ""
    return int(match["hash"] or match["number"]), said.strip()


# 「同意」「可以」 / 「不同意，先修好再说」 in reply to a holder's 延期 request, or said with its
# number (「同意2号延期」「不同意延期 2」): staff answering it.
_EXTENSION_YES = r"同意|批准|可以|准了|行|好的?|没问题|OK|ok|Ok"
_EXTENSION_NO = r"不同意|不批准|不行|不可以|驳回|不能延期|不予延期"
_EXTENSION_ANSWER = re.compile(
    rf"^(?:(?P<no>{_EXTENSION_NO})|(?:{_EXTENSION_YES}))(?:延期)?"
    r"(?:[\s,，。:：;；]+(?P<why>\S.*))?$",
    re.DOTALL,
)
_EXTENSION_NUMBERED = re.compile(
    r"^(?:(?P<no>不同意|不批准)|同意|批准)\s*(?:#?\s*(?P<a>[0-9]{1,9})\s*号?\s*的?\s*延期"
    r"|延期\s*#?\s*(?P<b>[0-9]{1,9})\s*号?)(?:[\s,，。:：;；]+(?P<why>\S.*))?$",
    re.DOTALL,
)
_EXTENSION_QUOTED = re.compile(r"申请 #(\d{1,9}) 延期到")


def extension_answer(text: str, quoted: str | None) -> tuple[int, bool, str] | None:
    """(the issue, granted, the reason given) when `text` (normalised, without its closing
    punctuation) answers a 延期 request: in reply to the bot's request (`quoted`), or naming
    the issue with 延期; None for other words."""
    numbered = _EXTENSION_NUMBERED.match(text)
    if numbered is not None:
        number = int(numbered["a"] or numbered["b"])
        return number, numbered["no"] is None, (numbered["why"] or "").strip()
    asked = _EXTENSION_QUOTED.search(quoted or "")
    answer = _EXTENSION_ANSWER.match(text) if asked is not None else None
    if asked is None or answer is None:
        return None
    return int(asked[1]), answer["no"] is None, (answer["why"] or "").strip()


# Someone at work telling of an issue by its number (「2 已上门沟通」「3号已经修好了」「1号要延期」
# 「2号不是我们管的」): what they tell of.
# 「已修好」「换好了」「明天上午去处理」「已联系施工队」: the work.
WORK_SAID = re.compile(
    r"好了|[修换弄处理清]好|疏通|完成|搞定|解决|已经|已[修换处清疏办联]|办结|办完|[去来](?:处理|修|看|现场|换|弄|清|疏通)"
    r"|到现场|正在|马上|联系了|上门|看过|去过|安排|在修|在处理|派人|填平|施工"
    # 「明天上午去」「下午过来」「师傅下午2点到」: when they (or whoever they send) will go
    r"|^(?:我|我们|师傅|维修师傅|工人|电工|人)?(?:明天|后天|今天|上午|下午|晚上|待会儿?|等会儿?|一会儿?)"
    r"[^，,。让叫]{0,4}?(?:过?[去来]|到)(?:吧|哈)?$"
)
# 「明天上午去修」「下午过去看看」「准备周五换」「需要业主配合，明天上午上门」: work still to
# do (a 进展, not a 办结) …
PLANNED_SAID = re.compile(
    # what it is about may come first: 「井盖明天去换」「暖气的事我们明天派人去排气」
    r"(?:^|[，,])[^，,。]{0,10}?"
    r"(?:明天|后天|今天|今晚|上午|下午|晚上|马上|待会儿?|等会儿?|稍后|一会儿?|这就"
    r"|周[一二三四五六日天]|下周|这周|本周|星期[一二三四五六日天]|过两天|过几天|这两天)[^，,。]*?"
    r"(?:去|来|过去|安排|上门|派人|派|修|换|填|清|弄|处理|施工|维修|看|到[。.!！]?$"
    # 「下周一联合执法拆除」: not 「今天拆了」「今天检查过了」 (done)
    r"|(?:拆|执法|整治|检查|协调)(?![了过完好掉])"
    r")"
    r"|(?:^|[，,])(?:我们|我)?(?:准备|打算|计划|安排)(?:明天|后天|今天|下午|上午|周|下周)?"
    # 「已经派师傅去了」「派了人过去」: someone sent, the work not yet done
    r"|派(?:了)?(?:个)?(?:师傅|人|工人|电工|维修工|保洁)"
    # 「需要换灯管」「还得买配件」「已经联系物业了」: what the work needs, not yet done
    r"|(?:需要|还得|还要|得)(?:换|买|订|等|更换|重新)|(?:已经?|刚)?联系(?:了)?(?:物业|厂家|师傅|施工队|维修)"
)
# … as is work held up: 「联系不上业主」「家里没人」「进不去」.
BLOCKED_SAID = re.compile(
    r"联系不上|打不通|没人接|无人接听|关机|不接电话|家里没人|没人在家|不在家|敲门没人|进不去|不让进|不配合|不开门"
)
# 「报事人电话多少」「怎么联系业主」: the reporter's number, which the bot does not give out.
REPORTER_CONTACT_ASKED = re.compile(
    r"(?:报事人|业主|住户|户主|居民|他家|她家|这家)的?(?:电话|手机|联系方式|号码)"
    r"|怎么联系(?:报事人|业主|住户|户主|他|她)"
    # 「报事人在家吗」「业主什么时候在家」: when to call, which is the number to call on
    r"|(?:报事人|业主|住户|户主)(?:在家吗|在不在家|(?:什么|啥)时候在家|几点在家)"
)
# … 「已经修好了」「换好了」「疏通了」: work done (a 办结).
DONE_SAID = re.compile(
    r"好了|[修换弄清补装]好|疏通了|完成了|搞定|解决了|已[修换清疏办填补]|已经[修换清疏办弄搞处填补]|办完"
    r"|填平|[处清]理完|弄完|修复了|[清拉运]走了|(?<![打不])通了"  # 「下水道已经通了」
    r"|(?:施工|维修|干|做|修|搞)完了?"  # 「1号施工完了」
    r"|(?<![要将该])拆(?:掉|除|完)?了|已经?拆除"  # 「今天拆了」「违建已拆除」
)
# 「办结了，灯换了」「已办结：已疏通」: the 办结 itself, its result after it.
# 「1号进展：已上门看过」「2号的进展 等配件」 (the number first): 进展 1 已上门看过.
PROGRESS_SAID = re.compile(
    r"^的?(?:最新)?(?:进展|进度)(?:情况)?(?:是|如下)?[\s,，。:：;；]+(?P<note>\S.*)$", re.DOTALL
)
RESOLVED_SAID = re.compile(r"^(?:已经?)?(?:办结|办完)了?[\s,，。:：;；]*(?P<result>.*)$", re.DOTALL)
# 「要延期」「再给几天」「灯泡没货了，要等几天」: more time.
EXTEND_SAID = re.compile(
    r"延期|推迟|延长|延到|延后|宽限|多给几天|再给几天|要等(?:几天|配件|货|厂家|一段时间)|等配件|没货|缺货"
    r"|晚(?:几|两|一|[0-9])天|缓(?:几|两|一)天"  # 「人手不够，能不能晚两天」
    r"|(?:要|需要)(?:[0-9]+|[一两二三四五六七八九十半])个?(?:周|星期|礼拜|月)"
    r"|(?:要|得)等(?:[0-9]{1,3}|[一两二三四五六七八九十]{1,3})\s*个?(?:天|工作日)"  # 「要等两天」
    r"|配件没到"
)
# 「1号为什么超期了」「2号怎么还没办」「3号为啥拖这么久」: staff asking why, which its record
# (查看) says; from its reporter, the words press it.
WHY_LATE_ASKED = re.compile(
    r"^(?:为什么|为啥|怎么|咋)(?:又|还|会)?(?:超期|逾期|没(?:有)?(?:办|修|处理|人管|派单?|受理)"
    r"|拖(?:了)?(?:这么|那么)?久)(?:了|呢)?$"
)
# 「1号先放一放」「2号等开春再弄」「3号暂缓」: held over, which is a 延期 with its reason.
SUSPEND_SAID = re.compile(
    r"放一放|先放着|暂缓|挂起|搁置|先不(?:办|处理|弄|修)|等开春|开春(?:了|后)?再|等天(?:暖|热)"
    r"|等(?:到)?明年|(?:过完?年|年后)再|等[\u4e00-\u9fff]{1,8}?(?:以后|之后|了)?再(?:弄|办|修|处理|说)"
)
# 「1号急，今天必须修好」「3号今天必须修好」: for staff, a 加急 (its holder reminded at once).
HURRY_SAID = re.compile(
    r"^(?:很|太|特别|非常|比较)?急[,，！!。\s]|^(?:很|太|特别|非常|比较)?急(?:的|了|啊)?$|十万火急|火烧眉毛"
    r"|(?:今天|马上|立刻|立即|赶紧|尽快)(?:必须|一定|务必|就)?(?:要|得)?"
    r"(?:修好|处理好?|解决好?|办好|弄好|搞定)"
)
# 「1号需要街道协调」「2号解决不了，得找住建局」: for staff, a matter to escalate (上报, 吹哨).
ESCALATION_SAID = re.compile(
    r"需要(?:街道|社区|上级|领导|部门|区里|镇上|城管|住建|多方|各方)?(?:来)?(?:协调|出面|介入|支持)"
    r"|要(?:街道|上级|领导|区里|镇上)(?:来)?(?:协调|出面|介入)|(?:得|要|需要)(?:找|请)(?:街道|上级|领导|区里|城管|住建|市政|水务|供电|燃气|园林|环卫|交警|派出所)"
    r"|协调不了|解决不了|处理不了|搞不定|吹哨"
    # 「2号升级一下」「1号报上去吧」
    r"|升级(?:处理|一下)|^\s*(?:要|需要)?升级(?:吧)?$|往上报|报上去"
)
# 「修不了」「处理不了」: it cannot be done, for now or by them.
_CANNOT = r"(?:修|处理|弄|办)不了|解决不了|没法(?:修|处理|办)"
# 「不归我们管」「不属于物业」「管不了」: another's job.
_OTHERS_JOB = (
    r"不(?:是|归)(?:我们|我|咱们)(?:网格|片区|这边)?(?:的|管|负责)|不属于(?:我们|我|物业)|不归物业"
    r"|管不了|没法管"
)
# 「2号不是我们管的，是电梯公司维保」: what 不归我管 is for.
# 「修不了，要住建局来」: not theirs to do either.
NOT_OURS_SAID = re.compile(f"{_OTHERS_JOB}|{_CANNOT}")
_CANNOT_SAID = re.compile(_CANNOT)
# Another's job said, or another unit named (「要住建局来」「得供电公司处理」).
_OTHERS_NAMED = re.compile(
    rf"{_OTHERS_JOB}|不(?:是|归)(?:我们|我|咱们)|不属于|不是物业"
    r"|[局所]|街道|市政|供电|供水|自来水|燃气|部门|公司"
)


def cannot_yet(said: str) -> bool:
    """Whether `said` (normalised) tells that the work cannot be done as it is, with no word
    of it being another's: 「修不了，要换整根管子」 needs more (time), not another unit; 「修不了，
    要住建局来」「不归我们管」 is another's."""
    return _CANNOT_SAID.search(said) is not None and _OTHERS_NAMED.search(said) is None


# 「1号先不派了」「2号撤回派单」: an assignment taken back, which is done by handing it on.
UNASSIGN_SAID = re.compile(r"^(?:先|暂时|暂)?不(?:用|要)?派了?|^(?:撤回|取消|撤销)派单")
# 「2号不用管了」「3号算了，不处理了」: no more to be done, said by staff.
DROPPED_SAID = re.compile(
    r"^(?:先|就)?(?:不用|不要|别|不)(?:再)?(?:管|处理|修|弄|跟进|办)了|^算了|^不管了|^不办了"
    r"|^(?:撤回|撤销)(?:吧|了|一下)?$"  # 「1号撤回」
)
# 「1号我已经派物业了」「2号交给刘物业了」「3号已经联系物业去处理了」: handed on already, said
# by someone at work (whom, for the 派单 that records it).
SENT_TO_SAID = re.compile(
    r"^(?:我|我们)?(?:已经?|刚才?|刚刚)?(?:派给?|交给|转给|联系了?|通知了?)"
    r"(?P<who>[\u4e00-\u9fff]{1,8}?)(?:去|来)?(?:处理|修|看|办)?了[\s,，。.!！]*$"
)
# 「1号要物业来修」「2号得让住建局来处理」「3号让刘物业去看看」: to be handed on, said by staff.
TO_BE_SENT_SAID = re.compile(
    r"^(?:要|需要|得|应该|还得)?(?:让|请|叫|找)?(?P<who>[\u4e00-\u9fff]{1,8}?)(?:来|去|过来)"
    r"(?:修|处理|看看?|办|弄|解决)(?:一下)?(?:吧)?[\s,，。.!！]*$"
)
_ASKED_END = re.compile(r"[吗么嘛呢没?？][\s。.!！~～]*$")  # 「1号延期了吗」 asks


def work_told(text: str) -> bool:
    """Whether `text` (normalised) starts with an issue number, then tells of its work, more
    time or that it is not theirs: perhaps staff meaning a command (「2 已上门沟通」)."""
    if text[:1] not in LEADS_A_NUMBER:  # most messages: one look at the first character
        return False
    number, rest = issue_first(text)  # not a building, a count or a time (「3号楼」「2个人」)
    if number is None or _ASKED_END.search(rest):  # 「1号延期了吗」 asks
        return False
    told = (WORK_SAID, EXTEND_SAID, NOT_OURS_SAID, SUSPEND_SAID, ESCALATION_SAID, WHY_LATE_ASKED)
    if any(p.search(rest) is not None for p in told):
        return True
    if REPORTER_CONTACT_ASKED.search(rest) is not None:  # 「1号报事人电话多少」
        return True
    if rest.lstrip().startswith(("补充", "再补充", "我再补充")):  # 「1号补充一下，…」
        return True
    if BLOCKED_SAID.search(rest) is not None:  # 「3号打了电话没人接」: a 回访 that reached nobody
        return True
    return any(p.match(rest) is not None for p in (DUPLICATE_SAID, UNASSIGN_SAID, DROPPED_SAID))


# 「2号楼暖气的事明天派人去排气」「3号楼的灯换好了」: a building first, then its work, without
# the issue's number (the handler looks for the one open issue it can be).
_BUILDING_FIRST = re.compile(r"^[0-9]{1,4}\s*(?:号楼|栋|幢)")
PLACE_TOLD_AT_MOST = 40
# Asked anywhere in it (「3号楼谁在修」「3号楼的灯修了吗，师傅」), or 「…没？」 at its end.
_PLACE_ASKED = re.compile(
    r"谁|什么|啥|怎么|咋|哪|几[点号天时个件]|多少|有没有|是不是|[吗么呢嘛]|[没?？][\s。.!！~～]*$"
)


def place_work_told(text: str) -> bool:
    """Whether `text` (normalised) names a building first, then tells of work done or to do
    there: perhaps someone at work telling of an issue they did not number."""
    if len(text) > PLACE_TOLD_AT_MOST or _BUILDING_FIRST.match(text) is None:
        return False
    if _PLACE_ASKED.search(text):  # 「3号楼谁在修」 asks
        return False
    return any(p.search(text) is not None for p in (WORK_SAID, PLANNED_SAID, BLOCKED_SAID))


# 「明天停水吗」「电梯什么时候检修完」「打疫苗在哪里」 said to the bot: perhaps what a notice sent
# to the group lately says. A notice answers it when it holds every word of the question that
# names something (停水; 电梯 and 检修), and there is one. Words of time, of asking, of the
# community and of places name nothing here: 「楼道灯什么时候修」 is about no notice on 楼道.
NOTICE_ANSWERS_WITHIN = timedelta(days=7)
_ALL_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_NAMES_NOTHING_SAID = (
    "今天 明天 后天 昨天 今晚 明晚 明早 今早 上午 下午 晚上 早上 中午 周一 "
    "周二 周三 周四 周五 周六 周日 周末 星期 礼拜 本周 下周 这周 几点 几号 "
    "哪天 什么 时候 什么时候 多久 多长时间 现在 还要 还是 一直 到底 是不是 "
    "有没有 会不会 要不要 能不能 可不可以 可以 请问 一下 怎么 怎么样 为什么 哪里 "
    "在哪 哪儿 知道 社区 通知 大家 我们 你们 我家 咱们 小区 楼道 单元 号楼 "
    "门口 楼下 楼上 家里 开始 结束 恢复 需要 还有 已经 时间 "
    # what comes back when an outage ends: 「停电几点来电」 asks what the 停电 notice says
    "来电 来水 通电 通水 来气 通气 供电 供水"
)
_NAMES_NOTHING = frozenset(_NAMES_NOTHING_SAID.split())


def naming_words(words: Sequence[str]) -> list[str]:
    """The words of a question that name what it is about (two characters or more, of
    Chinese characters, not in `_NAMES_NOTHING`)."""
    return [
        word
        for word in words
        if len(word) >= 2 and _ALL_HAN.match(word) and word not in _NAMES_NOTHING
    ]


# 「几点来水」「什么时候来电」 are answered by the notice of 停水 or 停电: the supply, either way.
SUPPLIES = "水电气暖"
OUTAGE_WORD = f"停[{SUPPLIES}]"  # 「停水」「停电」: a supply stopping
_SUPPLY_SAID = {
    f"{verb}{what}": (f"停{what}", f"供{what}", f"来{what}", f"通{what}")
    for what in SUPPLIES
    for verb in ("来", "通", "供", "停")
}


def supplies_named(text: str) -> list[str]:
    """The supplies `text` names as coming back or stopping (「几点来水」: 来水), which the
    segmenter splits (来, 水)."""
    return [said for said in _SUPPLY_SAID if said in text]


def notice_answers(naming: Sequence[str], notice: str) -> bool:
    """Whether `notice` holds every word of `naming` (and there is one); a supply named by its
    coming back (「来水」) is held by its stopping (「停水」)."""
    return bool(naming) and all(
        any(said in notice for said in _SUPPLY_SAID.get(word, (word,))) for word in naming
    )


# 「…在家吗？」「…呢」: a question by its end.
QUESTION_END = re.compile(r"[吗么嘛呢?？][\s!！。.~～]*$")
# 「社区医院在哪里」「几点开门」「怎么办理居住证」: a question of its own, even unmarked.
_ASKED_UNMARKED = re.compile(
    r"(?:在哪|哪里|哪儿|去哪|几点|什么时候|怎么(?:办|申请|交|预约|报名|领|走|去)|如何|多少钱)"
)
# 「是不是停水了」「停水到几点」「哪天打疫苗」: asked, though not ending as a question does.
_ASKED_WHEN = re.compile(r"是不是|有没有|会不会|要不要|多久|到几点|几号|哪天|几月几")


def asks(text: str) -> bool:
    """Whether `text` (normalised) is a question: by its end, or its words."""
    return any(p.search(text) for p in (QUESTION_END, _ASKED_UNMARKED, _ASKED_WHEN))


# What staff post in a group as a notice of their own (「各位居民，明天上午9点到11点停水检修」
# 「【通知】周六上午义诊」): headed as one, or telling of an outage with when.
_NOTICE_WORD = r"(?:紧急|重要)?(?:通知|公告|温馨提示|提醒)"
_NOTICE_HEADING = re.compile(
    rf"^\s*(?:【?{_NOTICE_WORD}】?\s*[:：,，\s]|【{_NOTICE_WORD}】)[\s:：,，]*"
)
_ANNOUNCEMENT_HEAD = re.compile(r"^(?:各位|亲爱的)(?:居民|业主|邻居|街坊|住户)(?:朋友)?们?")
_OUTAGE_TOLD = re.compile(rf"{OUTAGE_WORD}|断(?:水|电|气)|[供来通][{SUPPLIES}]|检修")
_WHEN_TOLD = re.compile(
    r"明天|后天|今天|今晚|明晚|本周|下周|周[一二三四五六日天]|星期[一二三四五六日天]"
    r"|[0-9]{1,2}\s*[点:：时]|[0-9]{1,2}月[0-9]{1,2}[日号]|[0-9]{1,2}[日号][0-9上下晚早凌]"
)
_NOTICE_AT_LEAST = 8


def reads_as_notice(text: str) -> bool:
    """Whether `text` (normalised) reads as a notice posted to a group: headed as one
    (「通知：…」「各位居民，…」), or an outage told with when (「明天上午9点到11点停水检修」);
    no question (「明天停水吗」)."""
    if len(text) < _NOTICE_AT_LEAST or asks(text) or "?" in text or "？" in text:
        return False
    if _NOTICE_HEADING.match(text) or _ANNOUNCEMENT_HEAD.match(text):
        return True
    return _OUTAGE_TOLD.search(text) is not None and _WHEN_TOLD.search(text) is not None


def without_heading(text: str) -> str:
    """A posted notice without its 「通知：」「【公告】」 heading; 「通知大家…」 keeps its words."""
    return _NOTICE_HEADING.sub("", text, count=1)


# 「补充一下，是3楼和4楼之间那盏」「补充：晚上10点以后最吵」: said by a reporter, a detail of
# their report.
# 「补充 1 晚上特别黑」「1号补充：晚上特别黑」: of that issue (「补充 3楼和4楼之间」 names none).
_ADDING = r"(?:我|再|我再)?补充(?:一下|一点|说明|几句|下)?"
_DETAIL_SAID = re.compile(
    rf"^\s*{_ADDING}\s*#?\s*(?P<n1>[0-9]{{1,9}})\s*号?(?![楼栋幢层单室号0-9])\s*[\s,，:：。.、]+\s*"
    r"(?P<d1>\S.*)$"
    rf"|^\s*#?\s*(?P<n2>[0-9]{{1,9}})\s*号?\s*{_ADDING}\s*[\s,，:：。.、]*\s*(?P<d2>\S.*)$"
    rf"|^\s*{_ADDING}\s*[\s,，:：。.、]\s*(?P<detail>\S.*)$",
    re.DOTALL,
)


def detail_said(text: str) -> tuple[int | None, str] | None:
    """The issue number a 补充 names, if any, and the detail after it (`text` as sent):
    (None, 「是3楼的」) for 「补充一下，是3楼的」, (1, 「晚上特别黑」) for 「1号补充：晚上特别黑」;
    None for other words."""
    match = _DETAIL_SAID.match(text) if "补充" in text else None
    if match is None:
        return None
    number = match["n1"] or match["n2"]
    detail = match["d1"] or match["d2"] or match["detail"]
    return (int(number) if number else None), detail.strip()


# 「我去看了，3号楼2单元3楼和4楼的灯都不亮」「刚上去看过，确实漏水」「核实了，是楼上水管」:
# someone telling what they found on the spot, said first. Read only from a 楼栋长, after a
# report of their building there (`handlers.intake.checked`).
_CHECKED_SAID = re.compile(
    # 「3号楼2单元的灯我看了，确实不亮」: the place looked at may come first
    r"^(?:[^,，。\s]{0,12}?(?:号楼|栋|单元|楼道|门口)[^,，。\s]{0,8}?(?=我))?"
    r"(?:我|刚才?|刚刚|已经|我刚才?|我已经){0,2}(?:去|上去|下去|过去|到现场|上门)?"
    r"(?:看|查看|看过|核实|确认|核查)(?:了|过)(?:一下)?(?:[\s,，:：。.、]|$)"
)
_CHECKED_AT_LEAST = 6  # characters: 「我去看了」 alone tells nothing found


def checked_said(text: str) -> bool:
    """Whether `text` (normalised) starts by telling what was found on the spot, with what it
    was after (「我去看了，确实不亮」); not a question (「你去看了吗」 does not start so)."""
    if len(text) < _CHECKED_AT_LEAST or ("了" not in text[:24] and "过" not in text[:24]):
        return False
    found = _CHECKED_SAID.match(text)
    if found is None or text.endswith(("吗", "?", "？")):
        return False
    return bool(text[found.end() :].strip(" ,，:：。.、"))  # what was found, said after


# Questions about the service itself, said to the bot: what it does with a report, not a report.
# Each is answered, and nothing is filed. A question names no place, and most say what they are
# about (反映、投诉、你们…), except photos, which a report would not ask about.
_ABOUT_THE_SERVICE = re.compile(r"反映|投诉|报事|诉求|问题|你们|登记|处理")
SERVICE_QUESTIONS = (
    (
        "photos",
        re.compile(r"(?:能|可以|怎么|要不要|需要)[^，,。]{0,4}(?:发|传|上传|附)(?:照片|图片|视频)"),
    ),
    (
        "how_long",
        re.compile(r"多久|多长时间|几天(?:能|会)|有用(?:吗|没)|有没有用|管用|管不管用|靠谱"),
    ),
    ("contact", re.compile(r"(?:留|写|登记)(?:电话|手机|号码|名字|姓名)|实名")),
)
_SERVICE_ASKED = re.compile(r"[吗么嘛呢?？]$|能不能|可不可以|要不要|需不需要|多久|多长时间|怎么")
SERVICE_ASKED_AT_MOST = 20


# 「你是机器人吗」「能不能找个真人」「转人工」: whether a person answers, and how to reach one.
_HUMAN_ASKED = re.compile(
    r"^(?:请问)?(?:你|您)(?:是不是|是)(?:个)?(?:机器人|真人|人工|人|ai|AI|自动回复)(?:吗|啊|呀)?$"
    r"|(?:找|转|要|换)(?:一?个)?(?:真人|人工|客服)|^人工(?:客服|服务)?$|是真人吗|是机器人吗"
    # 「网格员在吗」「有工作人员在吗」: whether someone is there to talk to
    r"|^(?:请问)?(?:有)?(?:网格员|书记|工作人员|社区的人|社区|居委会|真人|人工)(?:在吗|在不在|在么|在没在)"
    r"(?:啊|呀)?$"
    # 「你这个机器人没用」「跟机器人说不清楚」: a person wanted after all
    r"|机器人(?:没用|不行|太笨|真笨|听不懂|不管用|说不清)|(?:跟|和)机器人(?:说不清|讲不清|说不明白)"
    # 「这个机器人是谁做的」「你是谁」「你是干什么的」: who the bot is
    r"|机器人是(?:谁|哪里|哪家)(?:做|弄|开发|搞|建|装|拉进来)的|^(?:请问)?(?:你|您)是(?:谁|哪位|干什么的|做什么的)"
    r"(?:啊|呀)?$"
)


def service_asked(text: str) -> str | None:
    """Which of `SERVICE_QUESTIONS` a short question about the service is (`text` normalised):
    「反映问题有用吗」 how_long, 「能不能发照片」 photos, 「反映问题需要留电话吗」 contact,
    「你是机器人吗」「转人工」 human; None for other words."""
    if len(text) > SERVICE_ASKED_AT_MOST:
        return None
    if _HUMAN_ASKED.search(text) is not None:
        return "human"
    if _SERVICE_ASKED.search(text) is None:
        return None
    for name, pattern in SERVICE_QUESTIONS:
        if pattern.search(text) and (name == "photos" or _ABOUT_THE_SERVICE.search(text)):
            return name
    return None


# 「人已经送医院了，谢谢大家」「火已经灭了」「电工来了，没事了」: news of an emergency, said in its
# group by the one who reported it (who the work group's 🚨 sent running should hear it).
_EMERGENCY_NEWS = re.compile(
    r"(?:已经?|刚刚?)(?:送|拉|抬|救|扶|打了|叫了|联系|报警|报了|灭|扑灭|关了|关掉|切断|断电"
    r"|控制住|处理|解决|修好|找到|出来|没事)"
    r"|没事了|不要紧了|灭了|送(?:到)?医院|送医了|救护车(?:已经)?(?:来|到)了"
    r"|(?:120|119|110|消防|民警|警察|电工|师傅|物业)(?:的人)?(?:已经)?(?:来|到)了"
)
_ISSUE_NAMED_FIRST = re.compile(r"^#|^[0-9]{1,9}\s*号|^[0-9]{1,9}\s")
_ASKED_NEWS = re.compile(r"[吗么嘛没?][\s。.!！~～]*$")
EMERGENCY_NEWS_AT_MOST = 60


def emergency_news(text: str) -> bool:
    """Whether `text` (normalised, without its closing punctuation) tells how an emergency went:
    「人已经送医院了」; not asking it (「已经处理了吗」)."""
    if len(text) > EMERGENCY_NEWS_AT_MOST or not ("了" in text or "已" in text):
        return False
    if _ISSUE_NAMED_FIRST.match(text) is not None:
        return False  # 「3号已经修好了」: staff telling of an issue by its number (not 「120到了」)
    return _EMERGENCY_NEWS.search(text) is not None and _ASKED_NEWS.search(text) is None


# 「明天几点停水」「停水到几点」「周五电梯检修吗」 in a group a notice went to: a short question
# the notice may answer (`notice_answers` decides, against the notices themselves).
_NOTICE_QUESTION = re.compile(
    r"(?:吗|么|呢)$|几点|什么时候|啥时候|哪天|多久|几号|是不是|会不会|有没有|要不要"
)
NOTICE_ASKED_AT_MOST = 15


# What a notice does not answer: whether something was done (「1号回访了吗」「报事了吗」), or
# an issue asked after by its number.
_DONE_ASKED = re.compile(r"了(?:吗|么|没有?)$|^[0-9]|#")


def notice_asked(text: str) -> bool:
    """Whether `text` (normalised, without its closing punctuation) is a short question of
    what is coming (「明天几点停水」), not of what was done."""
    if not 4 <= len(text) <= NOTICE_ASKED_AT_MOST:
        return False
    return _NOTICE_QUESTION.search(text) is not None and _DONE_ASKED.search(text) is None


# 「孙丽调到网格5了」「孙丽以后负责网格5」: a grid worker's change of post, 设置角色 孙丽 网格员
# 网格5; 「孙丽离职了」「陈楼长退休了」「孙丽调到街道去了」: someone leaving their post, 设置角色
# 孙丽 居民 (said by the secretary privately or in the work group; neighbours' words stay chat).
_POST_WHO = (
    r"(?:网格员|楼栋长)?(?![我你他她谁])(?P<who>@?[\u4e00-\u9fff]{2,4}?|@[^\s，,]{1,16}?)\s*"
)
_POST_MOVED = re.compile(
    rf"^{_POST_WHO}(?:已经|已)?(?:调到|调去|调整到|改到|换到|改管|改成负责|以后负责|现在负责|负责)"
    r"了?(?P<grid>网格[0-9]{1,3})(?:了|去了|工作了)?$"
)
_POST_LEFT = re.compile(
    rf"^{_POST_WHO}(?:已经|已)?(?:(?:离职|辞职|调走|退休|不干)了"
    r"|(?:调到|调去|借调到)(?:街道|别的社区|其他社区|区里|镇上|别处)(?:去|工作)?了)$"
)


# 「孙丽是网格5的网格员」「孙丽是新来的网格员，负责网格5」「陈红是3号楼的楼栋长」: someone's post.
_POST_IS = re.compile(
    rf"^{_POST_WHO}(?:是|做|当|任|担任)(?:新来的|新的)?"
    r"(?:(?P<grid>网格[0-9]{1,3})的网格员|网格员[,，\s]*负责(?P<grid2>网格[0-9]{1,3})"
    r"|(?P<building>[0-9]{1,4})号楼的(?:楼栋长|楼长))了?$"
)


def post_told(text: str) -> str | None:
    """The 设置角色 words someone's post told means (`text` normalised, without its closing
    punctuation): 「孙丽 网格员 网格5」 for 「孙丽是网格5的网格员」, 「陈红 楼栋长 3号楼」 for
    「陈红是3号楼的楼栋长」; None for other words."""
    if (post := _POST_IS.match(text)) is None:
        return None
    if post["building"]:
        return f"{post['who']} 楼栋长 {post['building']}号楼"
    return f"{post['who']} 网格员 {post['grid'] or post['grid2']}"


def post_changed(text: str) -> str | None:
    """The 设置角色 words a change of post means (`text` normalised, without its closing
    punctuation): 「孙丽 网格员 网格5」 for 「孙丽调到网格5了」, 「孙丽 居民」 for 「孙丽离职了」;
    None for other words."""
    if (moved := _POST_MOVED.match(text)) is not None:
        return f"{moved['who']} 网格员 {moved['grid']}"
    if (left := _POST_LEFT.match(text)) is not None:
        return f"{left['who']} 居民"
    return None


# 「提醒报名的人明天开会」「提醒一下参会的人，带上身份证」「通知报名的居民」: the meeting to come
# posted again to those who signed up (handlers/meetings.py `attendees_reminded`).
ATTENDEES_REMINDED = "提醒报名"
_ATTENDEES = re.compile(
    r"^(?:再)?(?:提醒|通知)(?:一下)?(?:所有|全部)?(?:报名|参会|参加)(?:会议)?(?:的人|人员|的居民|的)"
    r"(?:一下)?(?:[,，:：\s]*(?P<what>.*))?$",
    re.DOTALL,
)


def attendees_to_remind(text: str) -> int | None:
    """Where the words for them start in 「提醒报名的人，明天带上身份证」 (`text` normalised);
    None for other words."""
    if (match := _ATTENDEES.match(text)) is None:
        return None
    return match.start("what") if match["what"] is not None else len(text)
