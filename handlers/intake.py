"""Intake (chat-protocol §2): tagged messages, @-mentions, #立案 replies and private
messages become numbered issues, answered with one acknowledgement."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from bot.analysis import Analysis
from bot.analysis.location import (
    APOLOGY,
    Location,
    building_number,
    corrects_place,
    gives_place,
)
from bot.analysis.normalize import without_emoji_codes
from bot.analysis.taxonomy import OTHER_CODE, PROPERTY_CODE, SERVICE_CODE, Category
from bot.domain import several
from bot.domain.asking import (
    ASKING,
    ASKING_AFTER,
    ASKING_AT_MOST,
    BLOCKED_SAID,
    DONE_SAID,
    DROPPED_SAID,
    DUPLICATE_SAID,
    ESCALATION_SAID,
    EXTEND_SAID,
    FEE_ASKED,
    HURRY_SAID,
    JUST_MADE,
    NO_LONGER_NEEDED,
    NOT_OURS_SAID,
    OUTAGE_WORD,
    PLANNED_SAID,
    PROGRESS_SAID,
    QUESTION_END,
    REPORTER_CONTACT_ASKED,
    RESOLVED_SAID,
    SENT_TO_SAID,
    SUSPEND_SAID,
    TO_BE_SENT_SAID,
    UNASSIGN_SAID,
    URGING,
    WHY_LATE_ASKED,
    WHY_REJECTED,
    WORK_SAID,
    StaffJoining,
    asks,
    cannot_yet,
    detail_said,
    notice_asked,
    place_work_told,
    procedure_asked,
    service_asked,
    staff_joining,
    withdrawal_only,
    withdrawn_said,
)
from bot.domain.deadlines import DeadlineError, PastDeadline
from bot.domain.duplicates import (
    ME_TOO_WITHIN,
    THRESHOLD,
    WINDOW,
    ReportFacts,
    find_duplicate,
    follow_too,
    names_the_problem,
)
from bot.domain.guide import PROBLEM_SAID
from bot.domain.issues import IssueStatus, Role, location_label
from bot.domain.lifecycle import OPEN, Action
from bot.domain.permissions import (
    AT_WORK,
    CONDUCT,
    STAFF,
    building_refusal,
    calls_back,
    complains,
    ledger_scope,
    refusal,
    works_on,
)
from bot.domain.privacy import mask_name, phone_left, reporter_label, someones_phone
from bot.domain.ratings import fixed_said, fixed_subject, not_fixed, praised
from bot.domain.sources import (
    FILED_FOR,
    Source,
    filing_said,
    more_taken,
    order_gist,
    relayed,
    source_of,
    taken_words,
    time_limit_said,
    work_order_of,
)
from bot.domain.voting import HOME, home_building_said, home_said
from bot.messages import Direct, Outgoing, Reply
from bot.routing import report_text
from bot.text import (
    NUMBER_GOES_ON,
    SENTENCE_ENDS,
    has_content,
    issue_first,
    month_day,
    normalize,
    printable,
    rstrip_marks,
    shorten,
)
from handlers import (
    contacts,
    extend,
    guide,
    homes,
    listing,
    notice,
    patrols,
    points,
    questions,
    texts,
)
from handlers.base import (
    PHOTO_WINDOW,
    WORK_SHOWN,
    Answer,
    Context,
    Outcome,
    answer,
    attach,
    earlier_photos,
    hinted,
    hold_photo,
    in_this_chat,
    keep_photos,
    numbers_of,
    record,
    refuse,
    reply_to,
)
from handlers.ledger import (
    CALL_MISSED,
    URGE_AGAIN_AFTER,
    WORDS_MAX,
    each_issue,
    follow,
    is_deadline,
    issue_facts,
    ledger_issues,
    own_open_here,
    pressed,
    progress,
    rate,
    reopen,
    resolve,
    shown_deadline,
    thanked,
    verify,
    withdraw,
    withdrawal_asked,
    within_limit,
)
from handlers.listing import held, ledger_line
from handlers.notify import (
    grid_workers,
    grid_workers_in,
    person_ref,
    phones_left,
    quoted,
    secretaries,
    tell_office,
    tell_privately,
    tell_staff_of,
    tell_work_groups,
    triage_buttons,
    with_buttons,
    work_buttons,
    working_on,
)
from storage.models import Follower, InboundMessage, Issue, Person
from storage.repositories import LedgerQuery, OpenIssue

_ALERT_DESCRIPTION_LIMIT = 60
# 「新建」 undoes a duplicate match for this long after it (chat-protocol §2).
SPLIT_WINDOW = timedelta(minutes=10)
_SPLIT_LOOKS_BACK = 5  # the sender's latest reports 新建 looks through for one taken so
_SAME_MOMENT = timedelta(seconds=1)
# A chat gets at most one 「回复 #立案」 suggestion in this long (chat-protocol §2).
SUGGEST_EVERY = timedelta(minutes=10)
SUPPLEMENT = "supplement"  # a report of one's own open issue again: what it adds, kept
REPORTED = ("issue", "duplicate", SUPPLEMENT)  # the outcomes of a message that was a report
# A private message that is only a question about an issue already filed: 「#1 怎么样了」「进度 1」.
_ABOUT_AN_ISSUE = re.compile(
    r"^(?:进度|进展|查询)\s*#?\s*(\d{1,9})$"
    r"|^#\s*(\d{1,9})\s*(?:怎么样了?|咋样了?|进度如何|进展如何|有进展吗|处理了吗|修了吗|好了吗|呢)?[?？]*$"
)
# What WeChat puts in a new friend's chat (「我通过了你的朋友验证请求，现在我们可以开始聊天了」
# 「你已添加了邻里，现在可以开始聊天了。」「以上是打招呼的内容」): no report, whatever it holds.
_FRIENDS_NOW = re.compile(r"现在(?:我们)?可以开始聊天了|以上是打招呼的内容|通过了你的朋友验证")
# 「停车费怎么收」「装修可以几点开始」「宠物狗要办证吗」: a question of the rules, fees or hours
# (a 咨询), as long as it names no problem (「电梯坏了什么时候修」 is one).
_RULE_ASKED = re.compile(
    r"多少钱|收费|怎么(?:收|交|缴|办|申请|报备|登记|算)|几点|什么时候|可不可以|可以[^,，。]{0,8}吗"
    r"|要不要|需不需要|(?:需要|要)[^,，。]{1,8}吗|是否|允许|让不让|规定"
)


def rule_asked(said: str) -> bool:
    """Whether `said` (normalised) asks after a rule, a fee or an hour and names no problem."""
    return _RULE_ASKED.search(said) is not None and PROBLEM_SAID.search(said) is None


# 「小区」「整个小区」「全小区」: the whole estate, no building to ask for.
_WHOLE_ESTATE = re.compile(r"小区|全社区|整个社区|社区里")
_HOW = re.compile(r"(?:怎么|如何|怎样)(?:报事|反映|投诉|登记|用|使用|操作)")
# 「怎么查我反映的问题」「在哪看我的诉求进度」: how to see one's own reports.
_HOW_TO_SEE_MINE = re.compile(
    r"^(?:请问)?(?:怎么|如何|怎样|在哪|去哪|哪里)(?:才能|可以|能)?(?:查|看|查看|查询)(?:一下|到)?"
    r"(?:我|自己)(?:的|反映的|报的|提的|投诉的)?(?:问题|事情?|诉求|反映|投诉|进度|进展)"
    r"(?:的?(?:进度|进展|情况))?(?:呢|啊)?$"
)
# 「物业」「师傅」「你们」 asked when they come: who, not what the problem is.
_WHO_COMES = re.compile(r"物业(?:公司|的人|的师傅)?|师傅|工人|维修工|你们|社区|网格员|居委会?")
# 「我反映过哪些问题」「能帮我查一下我报过什么吗」「谁负责修」「是谁在处理」: one's reports, and
# who has them, which the list of them says.
_MINE_LISTED = re.compile(
    r"^(?:能|可以|能不能)?(?:帮我|请|麻烦)?(?:查一?下|查查|看一?下|看看)?我(?:都|一共|之前|以前)?"
    r"(?:反映|报|投诉|提)(?:过|了)的?(?:哪些|什么|啥)(?:问题|事情?|诉求|建议)?(?:吗|呢|啊|呀)?$"
    r"|^(?:是)?谁(?:负责|在|来)(?:修|处理|办)(?:的|呢|啊|呀)?$"
    # 「我的诉求编号是多少」「我报的事情编号多少」「谁负责我的事」「期限是哪天」: what the list says
    r"|^我(?:的|反映的|报的|提的|投诉的)(?:问题|事情?|诉求|反映|投诉)?(?:的)?(?:编号|号码|单号|期限)"
    r"(?:是)?(?:多少|几号|什么|哪天|几|啥)(?:呢|啊|呀)?$"
    r"|^(?:是)?谁(?:负责|在管|在办|管|办)我(?:的|反映的|报的)(?:问题|事情?|诉求)(?:呢|啊|呀)?$"
    r"|^(?:期限|截止时间|最晚)(?:是)?(?:哪天|什么时候|几号)(?:呢|啊|呀)?$"
)
# 「我要反映问题」「我想投诉」「有个事想问问」: what they mean to do, not yet the problem itself.
_INTENT_ONLY = re.compile(
    r"^(?:(?:你好|您好|喂)[,，!！\s]*)?(?:我|俺)?(?:还|再|也)?"
    # 「我还想反映一个问题」「我想再反映个情况」「还有个事」: another, not yet said
    r"(?:(?:要|想|想要|需要|得|来)?再?(?:反映|投诉|报事|举报|求助|咨询|问|问问|报修)"
    r"(?:一?个|一下|点|几个|件)?(?:问题|情况|事|事情|诉求)?"
    r"|有(?:一?个|点|件|几个)?(?:问题|事|事情|情况|诉求)"
    r"(?:要|想)?(?:反映|问问?|咨询|投诉)?(?:一下)?"
    # 「帮帮我」「怎么办」「急急急」: help asked for, the problem not yet said
    r"|(?:请|快)?帮帮(?:我|忙)|(?:这)?(?:可)?怎么办(?:啊|呀)?|急+)[。.!！~～?？]*$"
)
# 「我要投诉网格员」「我想举报违建」: whom or what, but not yet what happened or where (a
# category found, as in 「我要投诉物业」, makes it a report).
_INTENT_WHOM = re.compile(r"^(?:我|俺)?(?:要|想|想要)(?:投诉|举报)[\u4e00-\u9fff]{1,6}$")
# 「我要投诉物业」「投诉一下物业公司」: whom, which is all there is to file; a category the analyser
# reads from the party alone (物业 → 物业服务) is not what happened.
_INTENT_PARTY = re.compile(
    r"^(?:(?:我|俺)?(?:要|想|想要)?(?:投诉|举报)(?:一下)?"
    # 「能不能帮我问问物业」「麻烦帮我联系一下物业」: through whom, not yet what about
    r"|(?:能不能|能|可以|麻烦|请)?帮(?:我|忙)(?:问问|问一下|问一问|联系一下|联系|找一下|找找))"
    r"(?:你们|我们|咱们)?(?:小区)?的?"
    r"(?:物业公司|物业|物业管家|保安|保洁|居委会?|社区|网格员|业委会|楼上|楼下|邻居|隔壁|对门)"
    r"(?:吗|吧|呗)?[。.!！~～?？]*$"
)
# 「我的积分是多少」「查一下我的积分」「我有几分」: the balance, asked in words.
_POINTS_USE = re.compile(
    r"积分.{0,3}(?:怎么用|怎么换|有什么用|有啥用|能换|可以换|换什么|怎么兑换|在哪兑换|去哪兑换)"
    r"|(?:怎么|如何|在哪|去哪)(?:用|兑换|换|使用)积分|^(?:怎么|如何|在哪里?|去哪里?)兑换$"
    # 「积分怎么攒」「怎么赚积分」「我的积分怎么来的」: how they are earned (the same answer)
    r"|积分.{0,3}(?:怎么|如何)(?:攒|赚|挣|获得|得到|拿|来的|算)|(?:怎么|如何)(?:攒|赚|挣|获得|得到|拿)积分"
)
_POINTS_ASKED = re.compile(
    r"^(?:(?:能|可以|请)?(?:帮我|给我)?查(?:一下|下|询)?)?(?:我|我的|我现在|我现在的)?(?:有|的)?(?:多少|几)?(?:积分|分)"
    r"(?:是|有|还有)?(?:多少分?|几分)?(?:了|呀|啊)?[吗呢?？]*$"
)
_ASKING_HOW_MANY = re.compile(r"查|多少|几")
# The bot's answer to a report, quoted by a 「+1」: 「已登记 #3…」「与 #3 可能是同一问题…」.
_ACK_NUMBER = re.compile(r"^(?:已登记|与)\s*#(\d+)")
_WHY_SHOWN = 3  # rejected issues a 「为什么退回」 explains
# characters: a longer message tells more than where
# A message that names a problem this surely is a report of its own, wherever it starts;
# 「我住3号楼2单元301，楼上是401」 scores 0.73 (楼上), 「…井盖坏了」 1.0.
_NEW_PROBLEM = 0.9
_PROBLEM_TOLD = 0.95  # a problem told surely, whatever praise comes with it
_NO_PROBLEM = 0.3  # below it, words with a category's word in them tell of none
# How alike an open issue must be to be suggested for 「3号重复了」: staff decide, so a third of
# the intake threshold, at which a report follows an issue without anyone deciding. A loose
# manhole cover filed once as 道路井盖 and once as 安全隐患, same building, scores 0.18; a
# parking complaint at the same door 0.11.
_SUGGESTED_ALIKE = THRESHOLD / 3
_DETAIL_AT_MOST = 20  # characters: a longer message after a report tells a story of its own
# 「我不服」「这个事必须管」「凭什么不管」: a reporter objecting to a 退回.
_REJECTION_OBJECTED = re.compile(
    r"不服|不认可|不接受|不同意(?:退回)?|凭什么不管|为什么不管|怎么能不管|必须(?:要)?管|应该(?:要)?管"
    r"|必须(?:要)?(?:处理|解决)|应该(?:要)?(?:处理|解决)"
)
OBJECTION_DAYS = 7
"""How long after a 退回 its reporter's 「我不服」 is an objection to it."""
# 「这个月我们楼反映了几件」「一共多少户」: how many, asked (「好几天了」 is told).
_HOW_MANY = re.compile(r"(?<!好)几[件条个次户单回]|多少")
# 「你好」「在吗」「嗯」: said to the bot, not about the report.
# 「早上好各位邻居🌞」: a greeting, to whoever is named.
_EMOJI = "\U0001f300-\U0001faff\u2600-\u27bf"
_HELLO = (
    r"你好|您好|你们好|在吗|在不在|有人吗|hello|hi|哈喽|早|早上好|早安|中午好|下午好|晚上好|大家好"
)
_SMALL_TALK = re.compile(
    rf"^(?:{_HELLO}|嗯+|哦+|噢+|啊+|好+|行|ok)"
    r"(?:[,，\s]*(?:各位|大家)?(?:邻居|朋友|街坊|家人)?们?)"
    rf"[啊呀吗呢哈!！?？~～。.\s{_EMOJI}]*$",
    re.IGNORECASE,
)
# 「早上好」「在吗」 from someone at work: greeted with what they hold.
_GREETED = re.compile(rf"^(?:{_HELLO})[啊呀吗呢哈!！?？~～。.\s{_EMOJI}]*$", re.IGNORECASE)
PLACE_ADDED_WITHIN = timedelta(minutes=30)
EMERGENCY_NEWS_WITHIN = timedelta(hours=3)  # how long a reporter's news follows their 🚨
# 「要等配件，延期到下周五」「推迟到12月10日，厂家没货」: the new deadline, said after 到.
_EXTEND_TO = re.compile(
    r"(?:延期|延长|延|推迟|推|宽限)\s*"
    # 「延期到下周五」 (「延期 到周五」 too), or by how long: 「延期两天」「延长3个工作日」
    r"(?:(?:到|至)\s*|(?=(?:[0-9]{1,2}|[一两二三四五六七八九十半])个?(?:天|工作日|周|星期)))"
    r"(?P<when>[^，,。；;！!\s]{1,12})"
)
_EDGE_MARKS = re.compile(r"^[\s，,。；;！!、]+|[\s，,。；;！!、]+$")
# 「需要」「想申请」 before 延期到, 「期限」 after the number: asking for it, not why.
_ASKING_FOR = re.compile(r"^(?:的)?期限|(?:需要|要|想|申请|得|必须|能不能|能否|可以|可不可以|请)+$")
# 「能不能匿名」「别告诉他们是我反映的」「会不会知道是我说的」: asking to stay unnamed (a noisy
# neighbour is still a neighbour); 「别让孩子在楼道玩」 is not.
_PRIVACY_ASKED = re.compile(
    r"匿名|保密|(?:别|不要|不能|不会)(?:告诉|说|让)[^，,。]{0,8}(?:是我|我的)"
    r"|(?:会|能)(?:告诉|说给)(?:别人|邻居|对方|楼上|楼下)|(?:别人|邻居|对方)(?:会|能)知道"
    r"|(?:知道|发现|猜到)是我|(?:泄露|暴露|透露)(?:我|身份|信息|名字)|不想让[^，,。]{0,8}知道"
    # 「我反映的问题别人能看到吗」「我的名字会被公开吗」
    r"|(?:别人|邻居|大家|群里|对方|物业)(?:都)?(?:能|会|可以)(?:看到|看见|知道)"
    r"|(?:名字|身份|电话|信息)(?:会|能)?(?:被)?(?:公开|公布|看到|泄露)"
)
# 「我妈天天提醒我交电费」「5号提醒我」: someone reminding them, or a reminder asked for wrongly;
# 「物业总提醒我挪车，可我没车位」 still names a problem.
_REMINDED = re.compile(r"^[^，,。]{0,8}?提醒我")
# 「取消」「不要了」 alone after a report: perhaps its withdrawal, which takes its number.
_CANCEL_ALONE = re.compile(r"^(?:取消|撤销|不要了|删除|删掉|算了)[了吧啊吧!！。.~～\s]*$")
# 「谢谢」「辛苦了」「好的」: thanks or a nod, answered in kind.
# (「收到👌」「好的 谢谢提醒」「已阅」「赞」: a nod, never more of a report for the work group)
_THANKS = re.compile(
    r"^(?:(?:你们|您|你|大家)?(?:谢谢|谢谢你们?|谢谢您|谢谢大家|多谢|感谢|辛苦了?)|好的|收到|知道了|明白了"
    r"|ok|OK|👍|🙏|已阅|了解|明白|好嘞|好滴|没问题|嗯嗯|点赞|赞|恭喜恭喜|恭喜)"
    r"(?:[啦了呀哈啊哦噢喔哟]|[,，\s]*(?:谢谢|辛苦了?|(?:谢谢|感谢)(?:提醒|告知|通知|你们)))*"
    rf"[。.!！~～\s{_EMOJI}]*$"
)
_THANKS_WORD = re.compile(r"谢|辛苦|🙏")
# 「暖气归谁管」「这个该找谁」「路灯是哪个部门负责的」: who deals with it, asked.
_WHO_HANDLES = re.compile(
    r"(?:归谁管|谁来?管|谁(?:来)?负责|该?找谁|归哪(?:里|个部门|个单位)?管|哪个(?:部门|单位)(?:管|负责))"
    r"(?:的|啊|呀|呢|吗)*[?？]*$"
)
_TOPIC_AT_MOST = 5  # characters of the thing 「…归谁管」 asks about (「暖气」「路灯是」)
# 「可以打电话给我吗」「能给我回个电话吗」「让网格员联系我」: a call asked for.
_CALL_ME = re.compile(
    r"(?:打(?:个)?电话给我|给我打(?:个)?电话|给我回(?:个)?电话|回(?:个)?电话给我|打给我"
    r"|(?:联系|找)我一下|联系我|来电话)(?:一下)?(?:吗|吧|呢|好吗|好不好|行吗|可以吗)?[?？]*$"
)
# 「怎么还没人联系我」「为什么不给我打电话」: asking after the report, not asking for a call.
_NOBODY_CALLED = re.compile(r"没(?:有)?人|不(?:给我|联系|打)|没(?:有)?(?:给我|联系|打)")
# 「再见」「拜拜」「晚安」: leaving, answered in kind (never a detail of the report just made).
_FAREWELL = re.compile(
    r"^(?:再见|拜拜|拜|晚安|88|回头见|下次再聊|先这样)[了吧啦啊呀哈!！。.~～\s]*$"
)
# 「明天会停水吗」「这周要停电吗」「是不是要停气了」: an outage ahead asked (when no notice says).
_OUTAGE = re.compile(rf"(?<!还){OUTAGE_WORD}")  # 「还停水吗」: off now, a report
_OUTAGE_ASKED = re.compile(
    r"^(?:请问)?(?P<ahead>(?:明天|后天|今天|今晚|明晚|这周|本周|下周|这几天|最近|周[一二三四五六日天])?"
    rf"(?:上午|下午|晚上|白天)?(?:会|要|是不是|是否|会不会)?要?)(?P<what>{OUTAGE_WORD})"
    r"(?P<end>吗|么|不|没有?|了吗|了没有?)?(?:啊|呀)?$"
)
# 「发错了」「不好意思，打错了」「没事了」: a message taken back in words, nothing to do.
_NEVER_MIND = re.compile(
    rf"^(?:{APOLOGY}[,，\s]*)?"
    r"(?P<wrong>(?:发|打|点)错(?:了|群了|人了)?|(?:没事|没事儿|没什么事)了?)"
    rf"(?:[啦了呀哈啊哦噢]|[,，\s]*{APOLOGY})*[。.!！~～]*$"
)
_MINE_SHOWN = 5
_LATEST_SHOWN = 40  # characters of an issue's latest 进展, under its line
# 「收到」「好的」「明白」「收到，马上去处理」: someone at work acknowledging, nothing to file.
_NOD = re.compile(
    r"^(?:(?:好的?|收到|明白了?|知道了?|了解|ok|OK|嗯+|行|没问题)[了啦呀哈的]?[,，\s]*){1,3}"
    r"(?:[,，\s]*(?:马上|立即|立刻|尽快|这就|现在)(?:去|安排)?(?:处理|办理?|看看?|修)?)?"
    r"[。.!！~～]*$"
)
# 「[强]」「👍」「收到[OK]」: the signs a nod is made with.
_NOD_SIGNS = re.compile(r"\[(?:强|OK|ok|好的|抱拳|握手|胜利)\]|👍|👌|🙏|🤝|✌️?|💪")


def _nodded(text: str) -> bool:
    """Whether `text` is a nod: 「收到」「好的，马上去处理」, or a thumbs-up alone."""
    said = normalize(text).strip()
    words = _NOD_SIGNS.sub("", said).strip()
    return bool(said) and (not words or _NOD.match(words) is not None)


_REASON_LEAD = re.compile(r"^[\s,，:：。.、]+")  # 「，我说的是屋里漏水」
# What 「这个不归我们管的啊」 says beside its not being theirs: nothing.
_NOT_OURS_FILLER = re.compile(r"这个|这件事?|这事|此事|[的了啊呀吧哈呢\s\W]")
# 「这个不归我们管 1」: the issue's number said last.
_NUMBER_AT_END = re.compile(r"#?(\d{1,9})号?$")
_NUMBER_APART = " ,，\t\n\u3000"
_AWAITED = OPEN | {IssueStatus.RESOLVED}  # still open, or waiting for its rating


def _number_last(said: str) -> tuple[str, str] | None:
    """「关闭 1」「已修好，2」: the words and the issue number said apart after them; None for
    other words. (A pattern of both halves at once took seconds on a long run of commas.)"""
    end = _NUMBER_AT_END.search(said)
    if end is None:
        return None
    words = said[: end.start()]
    before = words.rstrip(_NUMBER_APART)
    if before == words or not before or before[-1].isdigit():
        return None
    return before, end[1]


def report(ctx: Context, description: str) -> Outcome:
    """The sender reports a problem in their own words."""
    if not has_content(without_emoji_codes(description)):  # 「#报事」「#报事 [流泪]」
        if ctx.message.attachments:  # 「#报事 [图片]」: the words that follow take the photo
            hold_photo(ctx)
        return answer(ctx, texts.EMPTY_REPORT, "invalid")
    if ctx.community is None:
        return answer(ctx, texts.UNBOUND_CHAT, "refused")
    analysis = ctx.services.analyzer.analyze(description)
    return _emergency_told(ctx, description, analysis) or _report_unless_duplicate(
        ctx, description, analysis
    )


def private_message(ctx: Context, text: str) -> Outcome:
    """Untagged text sent to the bot privately: a resident's report if it reads like one. Staff
    and handlers write to the bot about their work (「1 已修好」「收到，马上去处理」): they are
    told how to report progress, and file only with #报事."""
    if ctx.community is None:
        return answer(ctx, texts.NO_COMMUNITY, "refused")
    analysis = ctx.services.analyzer.analyze(text)
    if ctx.role in AT_WORK and not analysis.urgent:  # 煤气、着火 …: filed whoever says it
        if _nodded(text):  # 「收到」「好的，马上去处理」「[强]」 to a 新派单
            return _nod(ctx)
        told = _handed_on(ctx, text) or _number_told(ctx, text) or _taken_report(ctx, text)
        told = told or _taken_more(ctx, text, analysis) or _caller_phone(ctx, text)
        if told is None and (last := _number_last(normalize(text).strip())) is not None:
            told = _number_told(ctx, f"{last[1]}号{last[0]}")
        return told or _staff_hint(ctx, text.strip())
    if ctx.role in AT_WORK and (told := _number_told(ctx, text)) is not None:
        return told  # 「1号水管爆了，已关阀门」: of an issue they work on, not a new one
    hint = texts.PRIVATE_HINT.format(bot=ctx.services.settings.bot.name)
    if (human := _human_wanted(ctx, text)) is not None:
        return human
    answered = _emergency_told(ctx, text, analysis) or detail_given(ctx, text)
    answered = answered or _phone_given(ctx, text) or _about_issue_told(ctx, text)
    answered = answered or _place_added(ctx, text, analysis) or _home_told(ctx, text)
    answered = answered or _not_a_report(ctx, text, analysis, hint)
    answered = answered or _detail_added(ctx, text, analysis)
    if answered is not None:
        return answered
    if ctx.role is Role.HEAD and FILED_FOR.match(normalize(text).strip()):
        text = taken_words(text.strip())  # 「帮王芳登记一下，…」: 「王芳反映：…」, as staff's
    filed = _report_unless_duplicate(ctx, text, analysis)
    return _filed_unnamed(filed) if _PRIVACY_ASKED.search(normalize(text)) else filed


def _human_wanted(ctx: Context, text: str) -> Outcome | None:
    """「转人工」「还是不清楚」 after the 办事指南 answered the sender here: the question filed
    for a grid worker after all. 「转人工」 with no such answer: asked what it is about. None
    for other words."""
    said = rstrip_marks(normalize(text), SENTENCE_ENDS)
    wanted = guide.human_wanted(said)
    if wanted is None:
        return None
    question = guide.asked_before(ctx)
    if question is None:
        return answer(ctx, texts.GUIDE_HUMAN_NOTHING, "invalid") if wanted else None
    analysis = ctx.services.analyzer.analyze(question)
    filed = _report_unless_duplicate(ctx, question, analysis, whole=True)
    guide.filed_after_all(ctx, filed.issue_id)
    return filed


def _filed_unnamed(filed: Outcome) -> Outcome:
    """A private report that asks to stay unnamed (「我要匿名举报…」): its acknowledgement says
    how it is kept."""
    if filed.status != "issue" or not filed.replies:
        return filed
    ack, *rest = filed.replies
    if not isinstance(ack, Reply):
        return filed
    return replace(filed, replies=[replace(ack, text=f"{ack.text}\n{texts.PRIVACY_ANSWER}"), *rest])


def work_told(ctx: Context, text: str) -> Outcome:
    """「2 已上门沟通，楼上答应注意」「3号已经修好了」 said in a work group by someone at work:
    the command it was meant as, as privately; 「2号我去看了，灯确实亮了」 from the 楼栋长 of
    that issue's building, in any group, their 核实; from anyone else, or about no issue, chat."""
    ignored = Outcome([], "ignored")
    if ctx.community is None:
        return ignored
    if (dropped := _own_dropped(ctx, text)) is not None:
        return dropped  # 「1号不用管了」 from its reporter: their 撤回
    if ctx.role not in AT_WORK and (fixed := _own_fixed(ctx, text)) is not None:
        return fixed  # 「1号已经清干净了」 from its reporter: as without the number
    if ctx.role is Role.HEAD:
        number, said = issue_first(text.strip())
        issue = ctx.uow.issues.by_number(ctx.community.id, number) if number and said else None
        if issue is None or issue.building not in ctx.actor.buildings:
            return ignored
        return _check_told(ctx, issue, said) or _head_saw(ctx, issue, said) or ignored
    if ctx.role not in AT_WORK:
        return ignored
    return _number_told(ctx, text) or _taken_report(ctx, text) or _place_told(ctx, text) or ignored


def _own_dropped(ctx: Context, text: str) -> Outcome | None:
    """「1号不用管了」 from the reporter of open issue 1: its 撤回 with their words; None for
    other words, someone else's issue, or one no longer open."""
    own = own_numbered(ctx, text)
    if own is None or DROPPED_SAID.match(own[1].strip()) is None:
        return None
    issue, said = own
    why = "" if _WITHDRAW_WORD.fullmatch(said.strip()) else said.strip()  # 「1号撤回」: none
    return withdraw(ctx, f"{issue.number} {why}".strip())


def _own_fixed(ctx: Context, text: str) -> Outcome | None:
    """「1号已经清干净了」「2号我去看了，确实清干净了」 from the reporter of open issue 1: passed
    to whoever holds it, who may close it (as 「垃圾清走了」 is); None for other words, or
    someone else's issue."""
    own = own_numbered(ctx, text)
    if own is None or not fixed_said(rstrip_marks(normalize(own[1]), SENTENCE_ENDS)):
        return None
    return _fixed_told(ctx, own[0], own[1].strip())


def own_numbered(ctx: Context, text: str) -> tuple[Issue, str] | None:
    """The sender's own open report whose number `text` starts with, and the words after it
    as typed; None for another's, one no longer open, or no number."""
    number, said = issue_first(text.strip())
    if number is None or ctx.community is None:
        return None
    issue = ctx.uow.issues.by_number(ctx.community.id, number)
    if issue is None or issue.reporter_id != ctx.sender.id or issue.status not in OPEN:
        return None
    return issue, said


_WITHDRAW_WORD = re.compile(r"(?:撤回|撤销)(?:吧|了|一下)?")


def _taken_report(ctx: Context, text: str) -> Outcome | None:
    """「12345工单：3号楼1单元下水道堵塞」「居民王大爷电话反映2号楼楼顶漏水」「帮王芳登记一下，…」
    from a grid worker or the secretary: a report they took, filed as with #报事 (its 来源 from
    their words). None for other words, or a problem none can be read in."""
    said = normalize(text).strip()
    passed_on = ctx.chat.kind == "private" and relayed(said)  # 「…的李大爷说家里暖气不热」
    if ctx.role not in STAFF or not (filing_said(said) or passed_on):
        return None
    analysis = ctx.services.analyzer.analyze(text)
    if analysis.category == "other" and not FILED_FOR.match(said):
        return None
    where = analysis.location
    words_only = passed_on and not filing_said(said)  # 「居民说…」, not 「居民电话反映…」
    if words_only and not (where.building or where.place) and (last := _taken_here(ctx)):
        # 「居民说很着急，味道很大」 just after the order they filed: more of it, not another
        reply = texts.DETAIL_ADDED_TO.format(number=last.number)
        return _kept_on(ctx, last, text, reply, texts.DETAIL_ADDED_ALERT)
    return _report_unless_duplicate(ctx, taken_words(text.strip()), analysis, whole=True)


# How long after a report staff took privately (巡查发现…, a call) their plain words of a
# problem are more of the same taking: a round of a few buildings.
_ROUND_WINDOW = timedelta(minutes=30)


def _taken_more(ctx: Context, text: str, analysis: Analysis) -> Outcome | None:
    """「还有4号楼单元门禁坏了」「5号楼楼道堆了杂物」 said privately by staff within half an hour
    of a report they took here (on a round, from a call, with #报事): another, filed with that
    one's 来源. None for other words (work, a question, no problem named), or with no such
    report."""
    assert ctx.community is not None
    if ctx.chat.kind != "private" or ctx.role not in STAFF:
        return None
    words = more_taken(text.strip())
    said = normalize(words)
    if not said or any(p.search(said) for p in (WORK_SAID, DONE_SAID, PLANNED_SAID)):
        return None
    last = _taken_here(ctx)
    if last is None:
        return None
    if words != text.strip():
        analysis = ctx.services.analyzer.analyze(words)
    if analysis.category == OTHER_CODE or analysis.complaint_score < _NEW_PROBLEM:
        return None
    return _report_unless_duplicate(ctx, words, analysis, source=Source(last.source))


def _caller_phone(ctx: Context, text: str) -> Outcome | None:
    """「刘奶奶的电话是139…」 said privately by staff within half an hour of a report they took
    here (「帮3号楼502的刘奶奶报一下，…」): the number to call back on, kept on that report for
    whoever works on it (never shown in a group). None for other words, or with no such
    report."""
    assert ctx.community is not None
    if ctx.chat.kind != "private" or not someones_phone(normalize(text).strip()):
        return None
    last = _taken_here(ctx)
    if last is None:
        return None
    record(ctx, last, SUPPLEMENT, shorten(text.strip(), _ALERT_DESCRIPTION_LIMIT))
    line = texts.CALLER_PHONE_KEPT.format(number=last.number)
    return Outcome([reply_to(ctx, line)], SUPPLEMENT, last.id)


def _taken_here(ctx: Context) -> Issue | None:
    """The sender's newest open report, when they took it in this chat (on a round, from a
    call, with #报事 as staff) within `_ROUND_WINDOW`; None otherwise."""
    assert ctx.community is not None
    last = ctx.uow.issues.newest_reported(ctx.sender.id, ctx.community.id, OPEN)
    if last is None or last.chat_id != ctx.chat.id or ctx.now - last.created_at > _ROUND_WINDOW:
        return None
    return last if Source(last.source).taken else None


_PLACE_WHICH_AT_MOST = 5  # more open issues in one building: not worth guessing among


def _place_told(ctx: Context, text: str) -> Outcome | None:
    """「2号楼暖气的事明天派人去排气」「3号楼的灯换好了」 from someone at work, without the
    issue's number: the hint for the one open issue of that building their 台账 shows (of
    the problem the words name, when they name one), saying which it takes it for; with a
    few, which they mean. None when the words name no building, or none or many are open."""
    said = normalize(text).strip()
    if not place_work_told(said):
        return None
    found = listing.described(ctx, said)
    if found is None:
        return None
    named, issues = found
    meant = [issue for issue in issues if issue.status in OPEN]
    if not meant or len(meant) > _PLACE_WHICH_AT_MOST:
        return None
    if len(meant) > 1:  # 「2号楼的事明天去处理」 with two open there: which, by number
        listed = "、".join(
            f"#{i.number}【{ctx.services.category(i.category).name}】" for i in meant
        )
        line = texts.STAFF_PLACE_WHICH.format(
            named=named,
            count=len(meant),
            issues=listed,
            first=meant[0].number,
            said=hinted(text.strip()),
        )
        return answer(ctx, line, "invalid")
    issue = meant[0]
    guess = texts.STAFF_PLACE_GUESS.format(
        number=issue.number,
        category=ctx.services.category(issue.category).name,
        where=location_label(issue.building, issue.unit, issue.room, issue.place),
    )
    return _work_hinted(ctx, _work_hint(said), issue.number, text.strip(), lead=guess)


def _number_told(ctx: Context, text: str) -> Outcome | None:
    """「1 已修好」「1号已经换好灯泡了」 from someone at work: the command it was meant as, with
    their own words; 「2号要等配件，延期到下周五」 is that 延期 (a holder's: the request).
    None when it names no issue."""
    assert ctx.community is not None
    if (several := _several_told(ctx, text)) is not None:
        return several
    number, said = issue_first(text.strip())
    issue = ctx.uow.issues.by_number(ctx.community.id, number) if number and said else None
    if number is None or issue is None:
        return None
    if _nodded(said) and issue.status in OPEN:  # 「1号收到」「2号好的，马上安排」: a nod to it
        return answer(ctx, texts.STAFF_NOD_ONE.format(number=issue.number), "invalid")
    if REPORTER_CONTACT_ASKED.search(said):  # 「1号报事人电话多少」: through its grid worker
        return _reporter_contact(ctx, issue)
    if ctx.role in AT_WORK and WHY_LATE_ASKED.match(said.strip()):  # 「1号为什么超期了」
        # Imported here: handlers.show needs handlers.meetings, which needs this module.
        from handlers.show import show

        return show(ctx, str(number))
    if issue.status is IssueStatus.RESOLVED and ctx.role in STAFF and CALL_MISSED.search(said):
        return rate(ctx, f"{number} {said}")  # 「1号打了电话没人接」: a 回访 that reached nobody
    if issue.status is IssueStatus.RESOLVED and ctx.role in STAFF and "回访" in said:
        # 「1号打电话回访了」 with no verdict: how to record it (not 办结: it is done)
        return answer(ctx, texts.CALLED_BACK_HOW.format(number=issue.number), "invalid")
    if (checked := _check_told(ctx, issue, said)) is not None:
        return checked  # 「1号我去看了，灯确实亮了」 of work done: 核实
    if (adding := _STAFF_ADDING.match(said)) is not None and said[adding.end() :].strip():
        # 「1号补充一下，是3楼和4楼之间」 from staff: a 备注 for colleagues, or 进展 for all
        line = texts.STAFF_NOTE_HINT.format(number=number, said=hinted(said[adding.end() :]))
        return answer(ctx, line, "invalid")
    # 「1号能延期到下周吗」: how 延期 is asked for; else the command it was meant as.
    hint = _work_hint(said.strip())
    to = _EXTEND_TO.search(said)
    if to is not None and not QUESTION_END.search(said) and is_deadline(ctx, to["when"]):
        # 「2号要等配件，延期到下周五」: 延期 2 下周五 要等配件
        before = _ASKING_FOR.sub("", _EDGE_MARKS.sub("", said[: to.start()]))
        pieces = (_EDGE_MARKS.sub("", piece) for piece in (before, said[to.end() :]))
        reason = "，".join(piece for piece in pieces if piece)  # 「需要延期到周五，等市政」: 等市政
        return extend.extend(ctx, f"{number} {to['when']} {reason}".strip())
    done = RESOLVED_SAID.match(said.strip())
    if done is not None and not QUESTION_END.search(said):
        if not done["result"]:  # 「2号办结了」: with what result?
            return answer(ctx, ctx.services.command("resolve").usage_line(), "invalid")
        return resolve(ctx, f"{number} {done['result']}")  # 「1号办结了，灯换了」
    noted = PROGRESS_SAID.match(said.strip())
    if noted is not None and not QUESTION_END.search(said):
        return progress(ctx, f"{number} {noted['note']}")  # 「1号进展：已上门看过」
    if DUPLICATE_SAID.match(said.strip()) is not None:  # 「3号重复了」: of which?
        return _repeats_which(ctx, number)
    if UNASSIGN_SAID.match(said.strip()) is not None:  # 「1号先不派了」
        return answer(ctx, texts.STAFF_UNASSIGN_HINT.format(number=number), "invalid")
    if DROPPED_SAID.match(said.strip()) is not None:  # 「2号不用管了」
        return answer(ctx, texts.STAFF_DROP_HINT.format(number=number), "invalid")
    if (handed := _handed_on_hint(ctx, number, said.strip())) is not None:
        return answer(ctx, handed, "invalid")
    if EXTEND_SAID.search(said):
        hint = _extend_hint(ctx, said.strip())
    elif ctx.role in STAFF and HURRY_SAID.search(said.strip()):  # 「1号急，今天必须修好」
        hint = texts.STAFF_HURRY_HINT
    elif SUSPEND_SAID.search(said):  # 「1号先放一放」「1号等开春再弄」: held over, a 延期
        held_over = texts.STAFF_SUSPEND_HINT if ctx.role in STAFF else texts.HOLDER_SUSPEND_HINT
        hint = _extend_hint(ctx, said.strip(), held_over)
    elif ctx.role in STAFF and ESCALATION_SAID.search(said):  # 「1号需要街道协调」: 上报
        if (again := _escalated_already(ctx, issue)) is not None:
            return again
        hint = _escalate_hint(ctx, said)
        if _BARE_ESCALATION.match(said.strip()):  # 「2号升级一下」: no reason in it
            said = texts.REASON_WANTED
    elif NOT_OURS_SAID.search(said):  # a holder hands it back; staff send it back (退回)
        not_ours = texts.STAFF_REJECT_HINT if ctx.role in STAFF else texts.STAFF_NOT_OURS_HINT
        if ctx.role not in STAFF and cannot_yet(said):
            # 「1号修不了，要换整根管子」: not that it is another's, it needs more (time)
            not_ours = texts.HOLDER_CANNOT_HINT
        elif (grid := _grid_not_theirs(ctx, issue, said)) is not None:  # 「2号不是我们网格的」
            return answer(ctx, texts.OTHER_GRID_HINT.format(number=number, grid=grid), "invalid")
        hint, said = not_ours, _not_ours_reason(said)
    if hint in _WORK_HINTS and issue.status not in OPEN:  # nothing left to 办结 or report on
        return answer(ctx, _no_work_left(issue, calls_back=ctx.role in STAFF), "invalid")
    return _work_hinted(ctx, hint, number, said.strip())


def _grid_not_theirs(ctx: Context, issue: Issue, said: str) -> str | None:
    """The grid an issue is in, when a grid worker of other grids says it is not their grid's
    (「2号不是我们网格的」): its own grid worker has it, nothing to send back. None otherwise."""
    actor = ctx.actor
    if actor.role is not Role.WORKER or "网格" not in said or issue.grid_id is None:
        return None
    if (
        not actor.grid_ids
        or issue.grid_id in actor.grid_ids
        or issue.assignee_id == actor.person_id
    ):
        return None  # given to them, it is theirs to hand back (退回)
    return ctx.uow.communities.grid(issue.grid_id).name


_STAFF_ADDING = re.compile(r"^\s*(?:再|我再)?补充(?:一下|一点|说明|下)?[\s,，:：]*")
_BARE_ESCALATION = re.compile(r"^(?:要|需要)?(?:升级|往上报|报上去)(?:处理|一下)?[吧了呀啊]*$")


def _no_work_left(issue: Issue, *, calls_back: bool) -> str:
    """What is left of an issue no longer open, said instead of 进展 or 办结: its 回访 when 已办结
    (to staff, who call back), else 重开 should the problem come back."""
    if issue.status is IssueStatus.RESOLVED and calls_back:
        return texts.CALLED_BACK_HOW.format(number=issue.number)
    return texts.NO_WORK_LEFT.format(number=issue.number, status=issue.status.label)


# 「要等两天」「下周三才能修」「延到周五」: how long, or till when, more time is asked for.
_MORE_TIME = re.compile(
    r"(?P<when>[0-9]{1,2}月[0-9]{1,2}[日号]"  # before 「3个月」: 「3月1日」 is a day
    r"|[0-9一二两三四五六七八九十半]{1,3}\s*个?(?:工作日|天|周|星期|礼拜|月)"
    r"|(?:下|这|本)?(?:周|星期)[一二三四五六日天]|月底|明天|后天)"
)


# 「要等」「大概」「还得」 around how long: no reason of its own.
_TIME_FILLER = re.compile(
    r"^(?:大概|估计|可能|还|再)*|(?:还要|还得|要|得|需要|大概|估计|左右|吧|再)*$"
)


def _extend_hint(ctx: Context, said: str, general: str = texts.STAFF_EXTEND_HINT) -> str:
    """The 延期 hint for more time asked for in words (「灯泡没货了，要等两天」): the command
    with the length or day said and the rest as its reason (「延期 1 两天 灯泡没货了」), a
    template of {number}; the `general` one when no deadline is said."""
    for clause in _clauses(said):
        for found in _MORE_TIME.finditer(clause):
            if not is_deadline(ctx, found["when"]):
                continue
            others = [part for part in _clauses(said) if part != clause]
            # 「配件要等三天」: the rest of its own clause, when it is alone
            own = _TIME_FILLER.sub("", clause[: found.start()] + clause[found.end() :])
            said_why = len(_TIME_FILLER.sub("", own.replace("等", ""))) >= 2  # not 「要等」 alone
            why = "，".join(others) or (own if said_why else texts.REASON_WANTED)
            command = f"{found['when']} {hinted(why)}".replace("{", "{{").replace("}", "}}")
            return texts.STAFF_EXTEND_FILLED.replace("{command}", command)
    return general


# 「得找城管」「要请住建局来」「报给街道」: the unit an issue is to be turned to, as said.
_TURNED_TO = re.compile(r"(?:找|请|报给|交给|转给|上报)(?P<to>[\u4e00-\u9fff]{2,8})")


def _escalated_already(ctx: Context, issue: Issue) -> Outcome | None:
    """「#1 已上报街道城管办协调处理，无需重复。」 of an open issue 上报 already; else None."""
    if not (issue.escalated and issue.status in OPEN):
        return None
    line = texts.ESCALATED.format(number=issue.number, unit=issue.escalated_to or "")
    return answer(ctx, line.removesuffix("。") + texts.ALREADY_SO, "invalid")


def _escalate_hint(ctx: Context, said: str) -> str:
    """The 上报 hint (a template of {number} and {said}): to the unit the words turn to
    (「物业管不了，得找城管」: 街道城管办), else the one they name (「得找住建局」), else to the
    community's escalation unit, as 上报 without one sends it."""
    settings = ctx.community_settings()
    turned = [
        unit.name
        for found in _TURNED_TO.finditer(said)
        for size in range(len(found["to"]), 1, -1)  # 「城管来拆」: its first words
        if (unit := settings.find_unit(found["to"][:size])) is not None
    ]
    named = turned[:1] or [unit.name for unit in settings.units if unit.name in said]
    if len(named) == 1:
        return texts.STAFF_ESCALATE_TO_HINT.replace("{unit}", named[0].replace("{", "{{"))
    return texts.STAFF_ESCALATE_HINT


def _handed_on_hint(ctx: Context, number: int, said: str) -> str | None:
    """The 派单 that records 「1号我已经派物业了」, or does what staff say is to be done
    (「1号要物业来修」); None for other words."""
    if (sent := _sent_to(ctx, said)) is not None:
        return texts.STAFF_SENT_HINT.format(number=number, who=sent)
    if ctx.role in STAFF and (to := _sent_to(ctx, said, TO_BE_SENT_SAID)) is not None:
        return texts.STAFF_TO_SEND_HINT.format(number=number, who=to)
    return None


def _sent_to(ctx: Context, said: str, words: re.Pattern[str] = SENT_TO_SAID) -> str | None:
    """Whom 「我已经派物业了」「交给刘物业了」 says an issue was handed to (or, `words`
    `TO_BE_SENT_SAID`, is to be: 「要物业来修」), when that is a unit or a person of the
    community; None for other words."""
    sent = words.match(normalize(said))
    if sent is None or ctx.community is None:
        return None
    who = sent["who"]
    if ctx.community_settings().find_unit(who) is not None:
        return who
    return who if ctx.uow.people.called(ctx.community.id, who) else None


# The hints that name 进展 or 办结 with the words said: pressed on platforms with buttons.
_WORK_HINTS = frozenset({texts.STAFF_PLANNED_HINT, texts.STAFF_DONE_HINT, texts.STAFF_NUMBER_HINT})


def _work_hinted(ctx: Context, hint: str, number: int, said: str, *, lead: str = "") -> Outcome:
    """`hint` of issue `number` with the words `said` (after `lead`), and the buttons that
    send the commands it names (进展 alone for work still to do)."""
    line = reply_to(ctx, lead + hint.format(number=number, said=hinted(said)))
    if hint not in _WORK_HINTS:
        return Outcome([line], "invalid")
    buttons = work_buttons(number, said, done=hint != texts.STAFF_PLANNED_HINT)
    return Outcome([replace(line, buttons=buttons)], "invalid")


def _not_ours_reason(said: str) -> str:
    """The reason 「不归我管」 is sent with: what they said, unless it says no more than that it
    is not theirs (「不是我们管的」「这个修不了」), when they are asked for one."""
    rest = _NOT_OURS_FILLER.sub("", NOT_OURS_SAID.sub("", said))
    return said if rest else texts.REASON_WANTED


# 「1和2都修好了」「3号、4号已经处理完了」: several issues told of at once.
# 「1和2都修好了」「1、2号」「1号3号都修好了」 (after 号, the next number needs no 和)
# (「1号 3号楼的灯修好了」 is #1's: 3号楼 is a place)
_AN_ISSUE = r"[0-9]{1,9}(?![0-9]|\s*号" + NUMBER_GOES_ON + r")\s*号?\s*"
_SEVERAL_FIRST = re.compile(
    rf"^#?\s*{_AN_ISSUE}(?:(?:和|、|,|，|跟|及|(?<=号))\s*#?\s*{_AN_ISSUE})+(?:都|也)?"
)


def _several_told(ctx: Context, text: str) -> Outcome | None:
    """「1和2都修好了」 from someone at work: how to say it of each (办结 1,2 修好了), or that
    one of them is no issue; 「1和2都办结了，已修好」「1、2进展：已上门」 done for each, as said
    of one; None unless it starts with several issues' numbers."""
    assert ctx.community is not None
    said = normalize(text).strip()
    match = _SEVERAL_FIRST.match(said)
    if match is None or not (words := said[match.end() :].strip(" ,，:：")):
        return None
    numbers = list(dict.fromkeys(re.findall(r"[0-9]+", match[0])))
    if len(numbers) < 2:
        return None
    for number in numbers:
        if ctx.uow.issues.by_number(ctx.community.id, int(number)) is None:
            return answer(ctx, texts.NOT_FOUND.format(number=number), "invalid")
    done = RESOLVED_SAID.match(words)
    if done is not None and not QUESTION_END.search(words):
        if not done["result"]:  # 「1和2都办结了」: with what result?
            return answer(ctx, ctx.services.command("resolve").usage_line(), "invalid")
        # 「1和2都办结了，已修好」: as 「1号办结了，已修好」 is, for each
        return each_issue(ctx, [f"{n} {done['result']}" for n in numbers], resolve)
    noted = PROGRESS_SAID.match(words)
    if noted is not None and not QUESTION_END.search(words):  # 「1、2进展：已上门」
        return each_issue(ctx, [f"{n} {noted['note']}" for n in numbers], progress)
    listed = "、".join(f"#{n}" for n in numbers)
    line = texts.STAFF_SEVERAL_HINT.format(
        issues=listed, numbers=",".join(numbers), said=hinted(words)
    )
    return answer(ctx, line, "invalid")


def _home_told(ctx: Context, text: str) -> Outcome | None:
    """「我住6号楼2单元301」 said privately with no report just before: their flat, remembered
    (for votes, 「网格员是谁」, and the grid of their reports that name no place)."""
    said = rstrip_marks(normalize(text).strip(), SENTENCE_ENDS)
    if home_said(said) is None:
        if (building := home_building_said(said)) is None:
            return None
        homes.remember_building(ctx, building)  # 「我住5号楼」
        number = homes.home_building(ctx)
        workers = contacts.role_line(ctx, Role.WORKER, number)
        return answer(ctx, texts.HOME_BUILDING_REMEMBERED.format(building=number, workers=workers))
    home = homes.remember(ctx, HOME.search(said))
    assert home is not None
    building, unit, room = home.split("-")
    where = location_label(building, unit, room, None)
    workers = contacts.role_line(ctx, Role.WORKER, building_number(building))
    return answer(ctx, texts.HOME_REMEMBERED.format(home=where, workers=workers))


def _privacy_asked(ctx: Context, text: str) -> Outcome:
    """「别告诉他们是我反映的」: how a private report is kept unnamed; just after their report,
    the wish is also kept on it and passed to the work group (whoever visits should know)."""
    issue = _just_reported(ctx)
    if issue is None or _privacy_kept(ctx, issue):  # asked again: answered, passed on once
        return answer(ctx, texts.PRIVACY_ANSWER, "invalid")
    return _kept_on(ctx, issue, text, texts.PRIVACY_ANSWER, texts.PRIVACY_ALERT)


def _privacy_kept(ctx: Context, issue: Issue) -> bool:
    """Whether the reporter's wish to stay unnamed is already kept on `issue` (a 补充 of theirs
    that asks it)."""
    return any(
        entry.action == SUPPLEMENT
        and entry.actor_id == issue.reporter_id
        and _PRIVACY_ASKED.search(normalize(entry.note)) is not None
        for entry in ctx.uow.audit.of_issue(issue.id)
    )


def _kept_on(
    ctx: Context, issue: Issue, text: str, reply: str, alert: str, **words: str
) -> Outcome:
    """`text` kept on `issue` as a 补充: `reply` to the sender, `alert` to the work group
    (`words` fill in the rest of it)."""
    detail = shorten(text.strip(), _ALERT_DESCRIPTION_LIMIT)
    record(ctx, issue, SUPPLEMENT, detail)
    told = alert.format(number=issue.number, detail=quoted(detail, 60), **words)
    return Outcome([reply_to(ctx, reply), *tell_staff_of(ctx, issue, told)], SUPPLEMENT, issue.id)


def _cancel_said(ctx: Context, hint: str) -> Outcome:
    """「取消」 alone: how to withdraw one's open report (nothing is withdrawn on one word)."""
    mine = sorted(_own_issues(ctx, OPEN), key=lambda issue: issue.number)
    if len(mine) == 1:
        return answer(ctx, texts.CANCEL_WHICH_ONE.format(number=mine[0].number), "invalid")
    if mine:
        numbers = numbers_of(mine[:_MINE_SHOWN])
        return answer(ctx, texts.CANCEL_WHICH.format(numbers=numbers), "invalid")
    return answer(ctx, hint, "invalid")


_CLAUSE_MARKS = re.compile(r"[,，。;；!！?？~～\s]+")


def _clauses(said: str) -> list[str]:
    """The clauses of `said`, split at its marks (「能不能今天就来看看」「楼下天天来敲门」)."""
    return [part for part in _CLAUSE_MARKS.split(said) if part]


def _just_reported(ctx: Context) -> Issue | None:
    """The sender's newest open issue, when they reported it in this chat minutes ago and
    have not taken it back since (what follows 「不用处理了」 is not more of it)."""
    assert ctx.community is not None
    issue = ctx.uow.issues.newest_reported(ctx.sender.id, ctx.community.id, OPEN)
    if issue is None or issue.chat_id != ctx.chat.id or ctx.now - issue.created_at > SPLIT_WINDOW:
        return None
    return None if withdrawal_asked(ctx.uow, issue) is not None else issue


# 「就是师傅来得有点晚」「物业态度挺好」: a remark on the work done, after telling of it.
_OF_THE_WORK = re.compile(r"师傅|工人|物业|网格员|来得|来的|态度|速度|效率|及时|拖|慢|晚|修得|弄得")


def _just_told_of(ctx: Context) -> Issue | None:
    """The sender's newest open report, when minutes ago in this chat they told more of it
    (a 补充 of theirs: 「通了，谢谢」 passed to its holder), so that what they say next
    (「就是师傅来得有点晚」) is more of it too. None otherwise."""
    assert ctx.community is not None
    issue = ctx.uow.issues.newest_reported(ctx.sender.id, ctx.community.id, OPEN)
    if issue is None or (ctx.chat.kind != "private" and issue.chat_id != ctx.chat.id):
        return None
    last = ctx.uow.audit.last_of(issue.id, (SUPPLEMENT,))
    if last is None or last.actor_id != ctx.sender.id or ctx.now - last.at > SPLIT_WINDOW:
        return None
    return issue


def _emergency_told(ctx: Context, text: str, analysis: Analysis) -> Outcome | None:
    """「5号楼2单元301，老伴摔倒了」 just after 「救命」 (privately, or to the bot in a group),
    asked what and where: what
    the emergency is, kept on it (its place too) and passed to the work group at once, not
    filed as another. None unless the sender's report minutes ago was urgent and said neither
    what nor where, or for a question."""
    issue = _just_reported(ctx)
    if issue is None or not issue.urgent or issue.category != OTHER_CODE:
        return None
    if issue.building or issue.place or QUESTION_END.search(text.strip()):
        return None
    where = analysis.location
    if where.building or where.place:
        move_to(ctx, issue, where)
    detail = shorten(text.strip(), _ALERT_DESCRIPTION_LIMIT)
    record(ctx, issue, SUPPLEMENT, detail)
    told = texts.URGENT_DETAIL_ALERT.format(
        number=issue.number, where=where_label(ctx, issue), detail=quoted(detail, 60)
    )
    reply = texts.URGENT_DETAIL_ADDED.format(number=issue.number)
    return Outcome([reply_to(ctx, reply), *tell_staff_of(ctx, issue, told)], SUPPLEMENT, issue.id)


# 「能不能让物业先来看看」「请师傅下午上门看一下」「让网格员过来一趟」: someone asked to come.
_COME_WANTED = re.compile(
    r"^(?:能不能|能否|可不可以|可以|请|麻烦|希望|最好)?(?:让|叫|请|派)?(?:你们)?"
    r"(?:物业|网格员?|师傅|维修工?|工人|社区|居委会?|人)(?:的人)?"
    r"(?:先|尽快|赶紧|早点|快点|今天|明天|上午|下午|晚上)*(?:来|过来|上门)(?:一下|一趟)?"
    r"(?:看看|看一下|看|处理|修|检查|瞧瞧)?(?:一下)?(?:吧|吗|呢|啊|呀)?$"
)


def _detail_added(ctx: Context, text: str, analysis: Analysis) -> Outcome | None:
    """「楼上是401」「已经好几天了」 sent privately within minutes of the sender's report there:
    a detail of it, kept as its 补充 and passed to the work group; 「新建」 files it on its own
    if it was another problem. None for words that name a problem of their own
    (「5号楼电梯坏了」)."""
    said = normalize(text).strip()
    pressing = _URGENCY_SAID.match(rstrip_marks(said, SENTENCE_ENDS)) is not None
    if (analysis.urgent and not pressing) or len(said) > _DETAIL_AT_MOST or _SMALL_TALK.match(said):
        return None
    issue = _just_reported(ctx)
    if issue is None and _OF_THE_WORK.search(said):  # 「就是师傅来得有点晚」 after 「通了」
        issue = _just_told_of(ctx)
    if issue is None:
        return None
    named = analysis.location.building
    elsewhere = named and issue.building and named != issue.building
    if elsewhere and (analysis.category != OTHER_CODE or analysis.complaint):
        # 「14号楼顶上的广告牌快掉了」: a problem of its own (「在6号楼」 alone is a detail)
        return None
    # 「能不能让物业先来看看」, 「能不能装个道闸」 after a report of parking: of the report,
    # though it asks, or names a problem (the same, nowhere else)
    come = _COME_WANTED.match(rstrip_marks(said, SENTENCE_ENDS)) is not None
    if _stuck_on(issue, said, analysis):  # 「楼上不开门怎么办」: what stands in its way
        reply = texts.STUCK_ADDED.format(number=issue.number)
        return _kept_on(ctx, issue, text, reply, texts.DETAIL_ADDED_ALERT)
    if not (come or _remedy_of(issue, said, analysis)):
        if asks(said) or _HOW_MANY.search(said):
            return None  # 「你是机器人吗」「社区有没有理发的」「这个月反映了几件」: asked, not told
        if analysis.complaint_score >= _NEW_PROBLEM:
            return None
    reply = texts.DETAIL_ADDED.format(number=issue.number)
    return _kept_on(ctx, issue, text, reply, texts.DETAIL_ADDED_ALERT)


# 「这个事情很紧急」「非常着急」: how urgent the report just made is (not an emergency of its own).
_URGENCY_SAID = re.compile(
    r"^(?:这个|这件|那个|我这个|我的|我们的)?(?:事情?|问题)?(?:很|非常|特别|比较|挺|真的|确实|太|十分|相当)?"
    r"(?:紧急|着急|急)(?:的|了|啊|呀|吧|哦|呢)*$"
)
# 「楼上不开门怎么办」「联系不上物业咋办」: what now, asked of a report just made.
_WHAT_NOW = re.compile(r"(?:怎么办|咋办|怎么弄|怎么处理|如何处理|怎么解决)[啊呀呢吧哦]*$")
# Who the fixing waits on: the neighbour, the property company, the one sent.
_OTHER_PARTY = re.compile(r"楼上|楼下|对门|隔壁|邻居|他家|他们家|她家|对方|房东|物业|师傅|维修")


def _stuck_on(issue: Issue, said: str, analysis: Analysis) -> bool:
    """Whether `said` (normalised, short) asks what now of `issue` just reported: no other
    place than its own, and no other problem than its own unless it names who the fixing
    waits on (「楼上不开门怎么办」 after a leak from upstairs reads as 邻里纠纷)."""
    where = analysis.location
    if _WHAT_NOW.search(rstrip_marks(said, SENTENCE_ENDS)) is None:
        return False
    if where.building not in (None, issue.building) or where.place not in (None, issue.place):
        return False
    return analysis.category in (OTHER_CODE, issue.category) or bool(_OTHER_PARTY.search(said))


# 「能不能装个道闸」「建议多装几个路灯」「可以加个减速带吗」: a remedy asked for.
_REMEDY = re.compile(
    r"^(?:能不能|能否|可不可以|可以|建议|希望|最好|要是能)?(?:给|在)?(?:小区|这里|门口|我们)?"
    r"(?:装|安装|加装|多装|加|增设|增加|划|建|修建|设置|换)"
)


def _remedy_of(issue: Issue, said: str, analysis: Analysis) -> bool:
    """Whether `said` (normalised) asks for a remedy of the problem `issue` is of (its
    category, not 其他) and no other place than its own: 「能不能装个道闸」 after 停车."""
    where = analysis.location
    return (
        _REMEDY.match(said) is not None
        and analysis.category == issue.category != OTHER_CODE
        and where.building in (None, issue.building)
        and where.place in (None, issue.place)
    )


def _phone_given(ctx: Context, text: str) -> Outcome | None:
    """「13812345678」「我的电话是…」 alone, privately: the number to call them back on, kept
    on their newest open report (whenever it was made) for whoever works on it to read
    privately, and the work group told to call (the number masked there). With no report
    open, they are asked for the problem with it. None for other words."""
    if ctx.chat.kind != "private" or not phone_left(normalize(text).strip()):
        return None
    assert ctx.community is not None
    issue = ctx.uow.issues.newest_reported(ctx.sender.id, ctx.community.id, OPEN)
    if issue is None:
        return answer(ctx, texts.PHONE_NO_ISSUE, "invalid")
    reply = texts.PHONE_KEPT.format(number=issue.number)
    return _kept_on(ctx, issue, text, reply, texts.PHONE_ALERT)


# 「又坏了」「又堵了」「又不亮了」「又出现了」: a problem back after it was fixed.
_CAME_BACK = re.compile(r"又(?:坏|堵|漏|不亮|不通|不行|出现|开始|来|有|停|响|吵|臭|脏|满)")


def _about_issue_told(ctx: Context, text: str) -> Outcome | None:
    """「1号我去看过了，确实不亮」 said privately, with the number of an open issue the sender
    reported, follows, or (a 楼栋长) has in their building: a 补充 of it, passed to the work
    group. None for other words, or an issue not theirs to tell of."""
    assert ctx.community is not None
    number, said = issue_first(text.strip())
    if not (number and said) or QUESTION_END.search(said):  # 「1号修好了吗」 asks
        return None
    issue = ctx.uow.issues.by_number(ctx.community.id, number)
    if issue is not None and (checked := _check_told(ctx, issue, said)) is not None:
        return checked  # 「1号我去看了，灯确实亮了」 from its 楼栋长: 核实
    if (
        issue is not None
        and issue.status is IssueStatus.CLOSED
        and issue.reporter_id == ctx.sender.id
        and (_CAME_BACK.search(said) or not_fixed(normalize(said), private=True))
    ):  # 「1号又坏了」 of their own closed out: it came back, reopened (not a new report)
        return reopen(ctx, f"{number} {said.strip()}")
    if issue is None or issue.status not in OPEN:
        return None
    actor = ctx.actor
    in_building = actor.role is Role.HEAD and issue.building in actor.buildings
    follows = ctx.uow.issues.follower(issue.id, ctx.sender.id) is not None
    if not (in_building or follows or issue.reporter_id == ctx.sender.id):
        return None
    reply = texts.DETAIL_ADDED_TO.format(number=issue.number)
    if issue.reporter_id == ctx.sender.id:
        if (dropped := _own_dropped(ctx, text)) is not None:
            return dropped  # 「1号不用处理了」「1号撤回」: their 撤回, not more of it
        if fixed_said(normalize(said).strip()):  # 「1号我去看了，杂物已经清走了」: done
            return _fixed_told(ctx, issue, said)
        return _kept_on(ctx, issue, said.strip(), reply, texts.DETAIL_ADDED_ALERT)
    who = f"{texts.HEAD_WORD if in_building else texts.FOLLOWER_WORD}{mask_name(ctx.sender.name)}"
    return _kept_on(ctx, issue, said.strip(), reply, texts.DETAIL_TOLD_ALERT, who=who)


# 「我是新来的网格员孙丽」「我是3号楼的新楼长」「你好，我是物业新来的」: someone at work the bot
# does not know yet, introducing themselves.
def _new_staff(ctx: Context, said: str) -> Outcome | None:
    """「我是新来的网格员孙丽」 from someone the bot knows as a resident: how the secretary
    gives them the role (nothing is granted on their word); None for other words."""
    joined = staff_joining(said)
    if joined is None:
        return None
    scope = _staff_scope(ctx, joined, grid_id=None)
    line = texts.NEW_STAFF.format(name=printable(ctx.sender.name), role=joined.role, scope=scope)
    return answer(ctx, line, "invalid")


def _staff_scope(ctx: Context, joined: StaffJoining, *, grid_id: int | None) -> str:
    """What 设置角色 is to name after the role: the building a 楼栋长 said (「我是3号楼的新楼
    长」), a worker's grid when known (网格3群: 网格3), else the placeholder to fill in."""
    if joined.building:
        return f" {joined.building}号楼"
    if joined.role == "网格员" and grid_id is not None:
        return f" {ctx.uow.communities.grid(grid_id).name}"
    return texts.NEW_STAFF_SCOPE.get(joined.role, "")


def staff_joined(ctx: Context, text: str) -> Outcome | None:
    """「大家好，我是新来的网格员孙丽」 in a group from someone with no role here: kept (so the
    secretary can name them), and the work group told how to grant the role, the grid of
    this group named (nothing is granted on their word). None from staff, or with no work
    group to tell (their words are chat)."""
    joined = staff_joining(normalize(rstrip_marks(text.strip(), SENTENCE_ENDS)))
    if joined is None or ctx.community is None or ctx.role is not Role.RESIDENT:
        return None
    scope = _staff_scope(ctx, joined, grid_id=ctx.chat.grid_id)
    name = printable(ctx.sender.name)
    line = texts.NEW_STAFF_TOLD.format(
        chat=ctx.chat.title or ctx.chat.ref, name=name, role=joined.role, scope=scope
    )
    told = tell_work_groups(ctx, line)
    return Outcome(told, "invalid") if told else None


# 「我住哪」「我是几号楼的」「我的门牌号是多少」: the home they gave, asked back.
_HOME_ASKED = re.compile(
    r"^我(?:是|住|住在|家(?:在|住|是)?)?(?:几号楼|哪栋楼?|哪个楼|哪里|哪儿|哪)(?:的)?(?:呀|啊|呢|来着)?[?？]?$"
    r"|^我(?:家)?的(?:住址|地址|门牌号?)(?:是)?(?:多少|什么|哪里)?(?:呀|啊|呢)?[?？]?$"
)
# 「都处理好了」「全部修好了」: of everything the sender holds.
_ALL_OF_THEM = re.compile(
    r"^(?:都|全都|全部|所有的?都?|(?:这)?(?:两|几|[2-9]|[三四五六七八九十])(?:个|件|条|单|处)(?:都|全)?)"
    r"(?:已经?)?"  # 「两个都弄好了」
)
# 「我去看了，」「到现场看过了，」: a visit, before what was found there.
_WENT_TO_SEE = re.compile(
    r"^[\s,，]*(?:我|我们)?(?:已经?|刚才?|刚刚)?(?:去|到)?(?:现场)?(?:看|查看|检查|看一下)(?:过|了)+"
    r"[\s,，。:：]*"
)


def _check_told(ctx: Context, issue: Issue, said: str) -> Outcome | None:
    """「1号我去看了，灯确实亮了」 of an issue resolved and awaiting its rating, from someone who
    may check it (a 楼栋长 of its building, a grid worker, the secretary): that 核实, with what
    they found. None for other words, an issue not resolved, or someone else."""
    went = _WENT_TO_SEE.match(said)
    if went is None or issue.status is not IssueStatus.RESOLVED or QUESTION_END.search(said):
        return None
    found = said[went.end() :].strip()
    if not (fixed_said(normalize(found)) or _FOUND_FIXED.search(found)):
        return None
    if refusal("verify", ctx.actor, issue_facts(ctx.uow, issue)) is not None:
        return None
    return verify(ctx, f"{issue.number} {found}")


# 「确实好了」「没问题了」「灯亮着」: what a check found, the work done.
_FOUND_FIXED = re.compile(
    r"确实(?:好|修好|亮|通|弄好|处理好|清理干净)|没问题了?|正常了?|亮着|干净了"
)


def _head_saw(ctx: Context, issue: Issue, said: str) -> Outcome | None:
    """「1号我去看了，灯确实坏了」 from the 楼栋长 of an open issue's building: what they found,
    a 补充 passed to the work group (as 「我去看了，…」 after a report there is, `checked`).
    None for other words, or their own report (「补充一下，…」 says it)."""
    if issue.status not in OPEN or issue.reporter_id == ctx.sender.id:
        return None
    if (went := _WENT_TO_SEE.match(said)) is None or not said[went.end() :].strip():
        return None
    return _head_told(ctx, issue, said.strip())


def _head_told(ctx: Context, issue: Issue, said: str) -> Outcome:
    """What a 楼栋长 found of `issue`, kept on it and passed to the work group."""
    who = f"{texts.HEAD_WORD}{mask_name(ctx.sender.name)}"
    reply = texts.CHECKED_ADDED.format(number=issue.number)
    return _kept_on(ctx, issue, said, reply, texts.DETAIL_TOLD_ALERT, who=who)


CHECKED_WITHIN = timedelta(hours=24)  # how long after a report a 楼栋长's check follows it
# What a check found, when its words name no problem of the report's kind: 「确实」「没问题」.
_FOUND = re.compile(r"确实|属实|没(?:有)?(?:问题|事|坏)|正常|不是|好的|好了|坏了|不亮|漏|堵")


def checked(ctx: Context, text: str) -> Outcome | None:
    """「我去看了，3号楼2单元3楼和4楼的灯都不亮」 in a group from a 楼栋长, within a day after
    a report there of their building, still open: what they found, a 补充 of it, passed to
    the work group. It is about the newest report there (of the kind, or the building, its
    words name); None when that is not of their building, or from anyone else."""
    if ctx.community is None or ctx.actor.role is not Role.HEAD:
        return None
    analysis = ctx.services.analyzer.analyze(text)
    category, building = analysis.category, analysis.location.building
    recent = ctx.uow.issues.open_reported_in(ctx.chat.id, ctx.now - CHECKED_WITHIN)
    if category != OTHER_CODE:  # 「…的灯都不亮」: the report of lighting
        recent = [issue for issue in recent if issue.category == category] or recent
    if building is not None:
        recent = [issue for issue in recent if issue.building == building]
    issue = recent[0] if recent else None
    if issue is None or issue.building not in ctx.actor.buildings:
        return None
    if issue.reporter_id == ctx.sender.id:  # their own: 「补充一下，…」 says it
        return None
    if category != issue.category and not _FOUND.search(text):  # 「我看了，好搞笑」
        return None
    return _head_told(ctx, issue, text.strip())


def detail_given(ctx: Context, text: str) -> Outcome | None:
    """「补充一下，是3楼和4楼之间那盏」 from a reporter: a 补充 of their newest open report here
    (privately: anywhere), or of the one it names (「1号补充：…」), passed to the work group.
    None when they have none open (or the one named is not theirs)."""
    said = detail_said(text)
    if ctx.community is None or said is None:
        return None
    number, detail = said
    private = ctx.chat.kind == "private"
    mine = [i for i in _own_issues(ctx, OPEN) if private or i.chat_id == ctx.chat.id]
    if number is not None:  # 「1号补充：…」: that one, if it is theirs
        mine = [i for i in mine if i.number == number]
    issue = max(mine, key=lambda i: i.number, default=None)
    if issue is None:
        return None
    reply = texts.DETAIL_ADDED.format(number=issue.number)
    return _kept_on(ctx, issue, detail, reply, texts.DETAIL_ADDED_ALERT)


def emergency_news(ctx: Context, text: str) -> Outcome | None:
    """「人已经送医院了，谢谢大家」 from the reporter of an emergency in its group hours ago: kept
    on it as a 补充 and passed to the work group, whose 🚨 it follows. None when they reported
    none there lately."""
    mine = [
        issue
        for issue in _own_issues(ctx, OPEN)
        if issue.urgent
        and issue.chat_id == ctx.chat.id
        and ctx.now - issue.created_at <= EMERGENCY_NEWS_WITHIN
    ]
    issue = max(mine, key=lambda i: i.number, default=None)
    if issue is None:
        return None
    told = texts.EMERGENCY_NEWS_TOLD.format(number=issue.number)
    return _kept_on(ctx, issue, text, told, texts.EMERGENCY_NEWS_ALERT)


def place_given(ctx: Context, text: str) -> Outcome | None:
    """「我家是3号楼2单元301」 in a group just after the sender's report there that named no
    place: added to it, as privately. None when it is about no report of theirs."""
    if ctx.community is None:
        return None
    return _place_added(ctx, text, ctx.services.analyzer.analyze(text))


def _place_added(ctx: Context, text: str, analysis: Analysis) -> Outcome | None:
    """「我住3号楼2单元301」「地址：5号楼东侧」 sent just after a report (in the same chat) that
    named no place (or no unit of its building): where that problem is, added to it (its grid
    with it) rather than filed anew."""
    where = analysis.location
    said = normalize(text).strip()
    unit_only = where.unit is not None and corrects_place(said)  # 「报错了，是4单元」
    if analysis.urgent or not (where.building or where.place or unit_only):
        return None
    if not gives_place(said):
        return None
    if analysis.complaint_score >= _NEW_PROBLEM:  # 「在5号楼下面有个井盖坏了」: a report
        return None
    issue = max(_own_issues(ctx, OPEN), key=lambda i: i.number, default=None)
    if (
        issue is None
        or issue.chat_id != ctx.chat.id
        or ctx.now - issue.created_at > PLACE_ADDED_WITHIN
    ):
        return None
    if not (where.building or where.place):  # a unit alone: of the building it named
        if issue.building is None:
            return None
        where = replace(where, building=issue.building)
    # Where it had none; or, in the building it named, the unit (「在5号楼2单元」); or a place
    # of no building where it named none (「在小区东门」 after 「3号楼路灯坏了」); or, said as a
    # correction (「位置：5号楼西侧」「说错了，是6号楼」), instead of where it said.
    nowhere = not (issue.building or issue.place)
    closer = issue.building == where.building and (
        (bool(where.unit) and not issue.unit)
        # 「我家是3号楼2单元101」 after 「3号楼2单元下水道堵了」: the flat, in its unit
        or (bool(where.room) and not issue.room and where.unit in (None, issue.unit))
    )
    beside = not (nowhere or where.building or issue.place)
    corrected = not (nowhere or closer or beside) and corrects_place(said)
    if not (nowhere or closer or beside or corrected):
        return None
    if not beside:  # beside its building, the place is kept in the record (补充) alone
        move_to(ctx, issue, where)
    if ctx.chat.kind == "private":  # 「我住3号楼2单元402」: their home too (「网格员是谁」)
        homes.heard_in(ctx, text)
    record(ctx, issue, SUPPLEMENT, shorten(text.strip(), _ALERT_DESCRIPTION_LIMIT))
    located = where_label(ctx, issue).removesuffix(" · ")
    if beside:
        located += f"（{where.place}）"
    reply, alert = (
        (texts.PLACE_CORRECTED, texts.PLACE_CORRECTED_ALERT)
        if corrected
        else (texts.PLACE_ADDED, texts.PLACE_ADDED_ALERT)
    )
    alert = alert.format(number=issue.number, where=located)
    if issue.urgent:  # where to hurry to
        alert = texts.URGENT_TOLD + alert
    return Outcome(
        [
            reply_to(ctx, reply.format(number=issue.number, where=located)),
            *tell_staff_of(ctx, issue, alert),
        ],
        SUPPLEMENT,
        issue.id,
    )


# 「能把1号转给别人吗」「2号换个人吧」: asking that someone else take an issue on.
_HAND_ON = re.compile(
    r"^(?:能不能|能否|可以|可不可以|能)?(?:把)?#?(?P<n>[0-9]{1,9})号?(?:能不能|能否|可以|可不可以|能)?"
    r"(?:转给|交给|换给|派给|转到)(?:别人|其他人|别的单位|其他单位|别处)(?:吗|吧|呢|啊)?$"
    r"|^#?(?P<n2>[0-9]{1,9})号?(?:能不能|能否|可以|能)?换个?人(?:办|做|处理|来)?(?:吗|吧|呢)?$"
)


def _handed_on(ctx: Context, text: str) -> Outcome | None:
    """「能把1号转给别人吗」 from someone at work: from its holder (a handler), how to say it is
    not theirs (不归我管, the community re-assigns it); from staff, how to assign it elsewhere.
    None for other words."""
    asked = _HAND_ON.match(rstrip_marks(normalize(text).strip(), SENTENCE_ENDS))
    if asked is None or ctx.community is None:
        return None
    number = int(asked["n"] or asked["n2"])
    if ctx.uow.issues.by_number(ctx.community.id, number) is None:
        return answer(ctx, texts.NOT_FOUND.format(number=number), "invalid")
    if ctx.role in STAFF:
        return answer(ctx, texts.STAFF_UNASSIGN_HINT.format(number=number), "invalid")
    line = texts.STAFF_NOT_OURS_HINT.format(number=number, said=texts.REASON_WANTED)
    return answer(ctx, line, "invalid")


def _staff_hint(ctx: Context, said: str) -> Outcome:
    """「已修好」「明天上午去处理」 said privately by someone at work: about what they hold. With
    one issue, the commands it was meant as; with several, their numbers; else how it goes."""
    if _GREETED.match(said):  # 「早上好」「在吗」: greeted, with what they hold
        return _about_held(
            ctx, texts.STAFF_HELLO_ONE, texts.STAFF_HELLO_SEVERAL, texts.STAFF_HELLO_NONE
        )
    if REPORTER_CONTACT_ASKED.search(said):  # 「报事人在家吗」: of the one they hold
        mine = held(ctx, _MINE_SHOWN + 1)
        if len(mine) == 1:
            return _reporter_contact(ctx, mine[0])
        if mine:
            shown = sorted(mine[:_MINE_SHOWN], key=lambda issue: issue.number)
            line = texts.REPORTER_CONTACT_WHICH.format(
                numbers=numbers_of(shown), first=shown[0].number
            )
            return answer(ctx, line, "invalid")
    extending = EXTEND_SAID.search(said) is not None
    if NOT_OURS_SAID.search(said) is not None and not extending:  # 「这个不归我们管，…」
        which = texts.STAFF_NOT_OURS_WHICH
        reason = _not_ours_reason(said)
        named = _one_named(ctx, said, held(ctx, _MINE_SHOWN + 1))
        if len(named) == 1:  # 「井盖那个不归我们管」 holding a lamp's and a manhole's
            line = texts.STAFF_NOT_OURS_HINT.format(number=named[0].number, said=hinted(reason))
            return answer(ctx, line, "invalid")
        return _about_held(
            ctx, texts.STAFF_NOT_OURS_HINT, which, texts.STAFF_PRIVATE_HINT, said=hinted(reason)
        )
    if not (extending or any(p.search(said) for p in (WORK_SAID, DONE_SAID, PLANNED_SAID))):
        return answer(ctx, texts.STAFF_PRIVATE_HINT, "invalid")  # 「垃圾明天清」 is work
    every = _ALL_OF_THEM.match(said)
    if every is not None and DONE_SAID.search(said) and len(mine := held(ctx, _MINE_SHOWN + 1)) > 1:
        # 「都处理好了」 holding several (a few): 办结 of them all at once
        shown = sorted(mine[:_MINE_SHOWN], key=lambda issue: issue.number)
        numbers = ",".join(str(issue.number) for issue in shown)
        line = texts.STAFF_SEVERAL_HINT.format(
            issues=numbers_of(shown), numbers=numbers, said=hinted(said[every.end() :])
        )
        return answer(ctx, line, "invalid")
    one = _extend_hint(ctx, said) if extending else _work_hint(said)
    if (meant := _one_described(ctx, said)) is not None:  # 「4号楼漏水的事处理好了」: that one
        return _work_hinted(ctx, one, meant.number, said)
    mine = _one_named(ctx, said, held(ctx, _MINE_SHOWN + 1))
    if len(mine) == 1 and (other := _other_than(ctx, said, mine[0])) is not None:
        return other  # 「下水道的那个要延期」 holding a lamp's only: not the lamp's
    if len(mine) == 1:  # 「下水道的已经通了」 of #1 and #2: the 排水 one
        return _work_hinted(ctx, one, mine[0].number, said)
    # 「下午我去看看」, holding nothing: of the report they took just now
    if not held(ctx, 1) and (taken := _taken_here(ctx)) is not None:
        return _work_hinted(ctx, one, taken.number, said)
    which = texts.STAFF_WHICH_HINT
    return _about_held(ctx, one, which, texts.STAFF_PRIVATE_HINT, said=hinted(said))


def _other_than(ctx: Context, words: str, issue: Issue) -> Outcome | None:
    """Staff's words of their work that surely name a problem of another kind than the one
    issue they hold (「下水道的那个需要延期」 holding a lamp's): told it is the only one, and
    how to name another by its number; None for words that may be of it."""
    analysis = ctx.services.analyzer.analyze(words)
    if analysis.category in (OTHER_CODE, issue.category) or analysis.complaint_score < _NEW_PROBLEM:
        return None
    line = texts.STAFF_OTHER_THAN_HELD.format(
        number=issue.number, category=ctx.services.category(issue.category).name
    )
    return answer(ctx, line, "invalid")


def _one_named(ctx: Context, words: str, issues: Sequence[Issue]) -> Sequence[Issue]:
    """Of several `issues`, the one of the problem `words` name (「井盖那个」), alone, when
    exactly one is of it; else `issues` as they are."""
    if len(issues) < 2:
        return issues
    category = ctx.services.analyzer.analyze(words).category
    named = [issue for issue in issues if issue.category == category != OTHER_CODE]
    return named if len(named) == 1 else issues


def _one_described(ctx: Context, said: str) -> Issue | None:
    """The one open issue staff's words of their work describe by what and where (「4号楼王大爷
    家漏水的事已经处理好了」), of those their 台账 shows; None for none or several, or words
    that name no place."""
    analysis = ctx.services.analyzer.analyze(said)
    if not (analysis.location.building or analysis.location.place):
        return None  # 「灯修好了」 alone: what they hold says which
    found = listing.described(ctx, said, analysis)
    issues = [issue for issue in found[1] if issue.status in OPEN] if found else []
    return issues[0] if len(issues) == 1 else None


def _reporter_contact(ctx: Context, issue: Issue) -> Outcome:
    """「1号报事人电话多少」: the number its reporter left to be called back on, to whoever
    may read it whole (privately, the secretary, its grid worker, whoever holds it: as 查看
    shows it); in a group, to them, that it is to be asked privately. Residents' numbers are
    not given out otherwise: the issue's grid workers, who know them, are named with their
    work numbers."""
    facts = issue_facts(ctx.uow, issue, followers=False)
    if facts.staff_complaint and (refused := refusal("show", ctx.actor, facts)) is not None:
        return answer(ctx, refused, "refused")
    at_work = works_on(ctx.actor, facts)
    if at_work:
        phones = phones_left(ctx.uow, issue)
        if phones and calls_back(ctx.actor, facts, ctx.chat.kind):
            line = texts.REPORTER_PHONE.format(number=issue.number, phones="、".join(phones))
            return answer(ctx, line, "invalid")
        if phones:  # not in a group: its members would read it
            return answer(
                ctx, texts.REPORTER_PHONE_PRIVATELY.format(number=issue.number), "invalid"
            )
        if ctx.actor.role is Role.SECRETARY or ctx.actor.role is Role.WORKER:
            return answer(ctx, texts.REPORTER_NO_PHONE.format(number=issue.number), "invalid")
    # None left, to whoever holds it; anyone else is not given a resident's number.
    head = texts.REPORTER_NO_PHONE if at_work else texts.REPORTER_NOT_GIVEN
    workers = grid_workers(ctx.uow, issue)
    if not workers:
        line = head + texts.REPORTER_CONTACT_OFFICE
    else:
        line = head + texts.REPORTER_CONTACT.format(workers=contacts.names(ctx, workers))
    return answer(ctx, line.format(number=issue.number), "invalid")


def _work_hint(said: str) -> str:
    """How to record what someone at work said of an issue: work still to do (「明天上午去
    修」) as 进展, work done (「已经修好了」) as 办结 first, else either."""
    if DONE_SAID.search(said) is not None:
        return texts.STAFF_DONE_HINT
    if PLANNED_SAID.search(said) is not None or BLOCKED_SAID.search(said) is not None:
        return texts.STAFF_PLANNED_HINT
    return texts.STAFF_NUMBER_HINT


def _nod(ctx: Context) -> Outcome:
    """「收到」 from someone at work: a nod back, and how to finish what they hold."""
    return _about_held(ctx, texts.STAFF_NOD_ONE, texts.STAFF_NOD_SEVERAL, texts.STAFF_NOD)


def _about_held(ctx: Context, one: str, several: str, none: str, **words: str) -> Outcome:
    """A line about what the sender holds: `one` with its number, `several` with theirs (the
    first few), `none` when they hold nothing; `words` fill in the rest."""
    mine = held(ctx, _MINE_SHOWN + 1)
    if len(mine) == 1:
        return answer(ctx, one.format(number=mine[0].number, **words), "invalid")
    if mine:
        numbers = numbers_of(sorted(mine[:_MINE_SHOWN], key=lambda issue: issue.number))
        return answer(ctx, several.format(numbers=numbers, **words), "invalid")
    return answer(ctx, none, "invalid")


def _withdraw_said(ctx: Context, text: str) -> Outcome:
    """「不用处理了…」 said to the bot: 撤回 for the sender's one open issue here (of several,
    the one of the problem it names: 「井盖那个不用处理了」, or the newest: 「刚才那个不用了」);
    else they are asked which, with none it was no report."""
    assert ctx.community is not None
    mine = _one_named(ctx, text, own_open_here(ctx))
    if len(mine) > 1 and JUST_MADE.search(text) is not None:  # 「刚才那个不用了」: the newest
        mine = [max(mine, key=lambda issue: issue.number)]
    if len(mine) == 1:
        # 「我的反映撤回吧」 again, with no reason: the 撤回 already asked stands.
        again = withdrawal_only(normalize(text)) and withdrawal_asked(ctx.uow, mine[0])
        return withdraw(ctx, f"{mine[0].number} {'' if again else text.strip()}")
    if not mine:
        hint = texts.PRIVATE_HINT if ctx.chat.kind == "private" else texts.MENTION_HINT
        return answer(ctx, hint.format(bot=ctx.services.settings.bot.name), "invalid")
    line = texts.WITHDRAW_WHICH.format(numbers=numbers_of(mine), number=mine[0].number)
    return answer(ctx, line)


def withdrawn(ctx: Context, text: str) -> Outcome | None:
    """「我的反映撤回吧」 in a group from someone with a report open there: its 撤回 (with
    several, they are asked which). None when they have none open there."""
    if ctx.community is None or not own_open_here(ctx):
        return None
    return _withdraw_said(ctx, text)


def recalled(ctx: Context, message_id: str) -> Outcome:
    """The reporter took back (WeChat 撤回) the message their report was filed from: while it is
    open, that is its 撤回 (the grid worker checks, then closes it); a notice staff posted
    themselves, taken back, answers no more; otherwise nothing is said."""
    if notice.taken_back(ctx, message_id):
        return Outcome([], "ignored")
    issue = _filed_open(ctx, message_id)
    if issue is None:
        return Outcome([], "ignored")
    return withdraw(ctx, f"{issue.number} {texts.RECALLED_REASON}")


def edited(ctx: Context, issue_id: int, text: str) -> Outcome:
    """The reporter edited (Telegram) the message their report was filed from: while it is
    open, the new wording is its 补充, passed to the work group; a place it now names instead
    (「3号楼」 put right as 「5号楼」) becomes the issue's, with its grid. The first wording
    stays the description. An edit that says nothing new, or of a closed report, is let be.
    `issue_id`: the issue the message was filed as."""
    issue = _open_own(ctx, issue_id)
    said = text.strip()
    if issue is None or not said or normalize(said) == normalize(issue.description.strip()):
        return Outcome([], "ignored")
    where = ctx.services.analyzer.analyze(said).location
    reply = texts.EDIT_ADDED.format(number=issue.number)
    if (where.building or where.place) and move_to(ctx, issue, where):
        located = where_label(ctx, issue).removesuffix(" · ")
        reply = texts.EDIT_MOVED.format(number=issue.number, where=located)
    return _kept_on(ctx, issue, said, reply, texts.EDIT_ADDED_ALERT)


def move_to(ctx: Context, issue: Issue, where: Location) -> bool:
    """`issue` is where `where` says (its grid too, when it names a building); False if it
    was there already."""
    place = (where.building, where.unit, where.room, where.place)
    if place == (issue.building, issue.unit, issue.room, issue.place):
        return False
    issue.building, issue.unit, issue.room, issue.place = place
    if where.building:
        issue.grid_id = grid_for(ctx, where.building) or issue.grid_id
    return True


def _filed_open(ctx: Context, message_id: str) -> Issue | None:
    """The sender's open issue filed from their message `message_id` in this chat, if any."""
    chat = ctx.message.chat
    return _open_own(ctx, ctx.uow.inbox.filed_as(chat.platform, chat.ref, message_id))


def _open_own(ctx: Context, issue_id: int | None) -> Issue | None:
    """The issue, if it is the sender's and open."""
    issue = ctx.uow.issues.get(issue_id) if issue_id is not None else None
    if issue is None or issue.reporter_id != ctx.sender.id or issue.status not in OPEN:
        return None
    return issue


def mention(ctx: Context, text: str) -> Outcome:
    """Untagged text that @-mentions the bot in a group: a report if it reads like one
    (chat-protocol §2); thanks, a question, or a question about an issue is answered instead
    of filed, as in a private chat."""
    if ctx.community is None:
        return answer(ctx, texts.UNBOUND_CHAT, "refused")
    analysis = ctx.services.analyzer.analyze(text)
    if ctx.role in AT_WORK and not analysis.urgent and (told := _number_told(ctx, text)):
        return told  # 「@邻里 1号已修好」 from its holder: the command it was meant as
    hint = texts.MENTION_HINT.format(bot=ctx.services.settings.bot.name)
    # 「@邻里 5号楼2单元301，老伴摔倒了」 after 「@邻里 救命」: what and where of that emergency
    answered = _emergency_told(ctx, text, analysis)
    # 「@邻里 我住3号楼2单元401」 just after one's report here of no place: where it is
    answered = answered or _place_added(ctx, text, analysis)
    answered = answered or _not_a_report(ctx, text, analysis, hint)
    # 「@邻里 这个事情很紧急」「@邻里 楼上不开门怎么办」 just after one's report here: more of it
    answered = answered or _detail_added(ctx, text, analysis)
    return answered or _report_unless_duplicate(ctx, text, analysis)


def _asked_or_pressed(
    ctx: Context, text: str, said: str, hint: str, *, progress: bool
) -> Outcome | None:
    """A short question after one's reports, or pressing (`said` normalised): their open
    ones listed; pressing that tells more just after a report, more of it; pressing later
    with one of theirs open (its first hour over), that one pressed through its grid
    workers, with what else they said as why (「能不能快一点，老人天天爬楼」). None when the
    words are about a problem none of theirs is (`_asked_after`)."""
    urging = URGING.search(said) is not None
    told_more = urging and any(not URGING.search(part) for part in _clauses(said))
    if told_more and not progress and (issue := _just_reported(ctx)) is not None:
        # 「能不能今天就来看看，楼下天天来敲门」 just after the report, pressing and telling more:
        # more of it, passed on (「能不能快点」 alone lists it)
        reply = texts.DETAIL_ADDED_TO.format(number=issue.number)
        return _kept_on(ctx, issue, text, reply, texts.DETAIL_ADDED_ALERT)
    mine = _asked_after(ctx, said, progress=progress, here_only=False)
    if mine is None:
        return None
    if not mine:
        none = texts.NONE_OF_YOURS if ctx.chat.kind == "private" else texts.NONE_IN_GROUP
        return answer(ctx, f"{none}\n{hint}", "invalid")
    if urging and not progress and (done := _pressed_later(ctx, text, mine)) is not None:
        return done
    return _your_issues(ctx, mine)


def _pressed_later(ctx: Context, text: str, mine: Sequence[Issue]) -> Outcome | None:
    """Pressing (「都三天了还没人来」) with one report open, its first hour over (at once for
    an urgent one: 「快点来人啊」 after 「水管爆了」): that one pressed through its grid workers,
    what else was said passed on as why; else None."""
    if len(mine) != 1 or (not mine[0].urgent and ctx.now - mine[0].created_at <= URGE_AGAIN_AFTER):
        return None
    why = "，".join(part for part in _clauses(text.strip()) if not URGING.search(normalize(part)))
    return pressed(ctx, f"{mine[0].number} {why}")


def _not_a_report(ctx: Context, text: str, analysis: Analysis, hint: str) -> Outcome | None:
    """The answer to untagged words said to the bot that are not a report: a question about
    an issue (「#1 怎么样了」「进度 1」), about one's own reports (「我反映的事怎么样了」), or no
    problem at all (「谢谢」「你好」: `hint`). None for a report; a danger is always one."""
    assert ctx.community is not None
    if analysis.urgent:
        return None
    said = normalize(text).strip()
    if _FRIENDS_NOW.search(said):  # WeChat's words when someone adds the bot: a greeting
        return answer(ctx, hint, "invalid")
    asked = _ABOUT_AN_ISSUE.match(said)
    number = int(asked[1] or asked[2]) if asked else None
    if number is not None and ctx.uow.issues.by_number(ctx.community.id, number) is not None:
        return answer(ctx, texts.ABOUT_AN_ISSUE.format(number=number), "invalid")
    short = len(said) <= ASKING_AT_MOST
    where = analysis.location
    named = where.building or where.place or analysis.category != OTHER_CODE  # a problem told
    faq = service_asked(said)
    if faq == "human":  # 「你是机器人吗」「转人工」: who to call
        workers = contacts.role_line(ctx, Role.WORKER, None)
        bot = ctx.services.settings.bot.name
        return answer(ctx, texts.SERVICE_HUMAN.format(bot=bot, workers=workers))
    if ctx.role is Role.RESIDENT and (joined := _new_staff(ctx, said)) is not None:
        return joined  # 「我是新来的网格员孙丽」: how the secretary sets them up
    if not named and faq is not None:
        days = ctx.services.settings.triage_days  # 「反映问题有用吗」: how it goes
        return answer(ctx, texts.SERVICE_ANSWERS[faq].format(**days))
    if (guided := _guided(ctx, text, said, short=short, category=analysis.category)) is not None:
        return guided
    # 「我要匿名举报3号楼有群租房」 names where: a report, told how it is kept (`_filed_unnamed`).
    privacy = short and _PRIVACY_ASKED.search(said) is not None
    privacy = privacy and not (where.building or where.place)
    if privacy and analysis.category == OTHER_CODE:
        return _privacy_asked(ctx, text)  # 「我反映的问题会告诉别人吗」, before it reads as one
    if short and (_HOW_TO_SEE_MINE.match(said) or _MINE_LISTED.match(said)):
        # 「怎么查我反映的问题」「我反映过哪些问题」「谁负责修」: here they are
        awaited = _own_issues(ctx, _AWAITED)
        return _your_issues(ctx, awaited) if awaited else answer(ctx, texts.HOW_TO_SEE_MINE)
    if short and (told := _notice_said(ctx, said)) is not None:
        return told
    progress = ASKING.search(said) is not None
    if short and (progress or URGING.search(said) or ASKING_AFTER.search(said)):
        return _asked_or_pressed(ctx, text, said, hint, progress=progress)
    if short and not_fixed(said, private=True):  # 「还没修好」 while it is being done
        # (「道闸又坏了…」 holding a lamp's only: another problem, a report)
        mine = _asked_after(ctx, said, progress=False, here_only=False)
        if mine:
            return _your_issues(ctx, mine)
    if short and fixed_said(said):  # 「电梯修好了，谢谢」 before anyone said 已办结
        return _fixed_said(ctx, text, _fixed_subject(ctx, text, analysis))
    if short and WHY_REJECTED.search(said):
        rejected = _why_rejected(ctx)
        if rejected is not None:
            return rejected
    if short and _REJECTION_OBJECTED.search(said):  # 「我不服，这个事情必须管」 after a 退回
        objected = _rejection_objected(ctx, text.strip())
        if objected is not None:
            return objected
    if short and (courtesy := _courtesy(ctx, said, analysis, hint)) is not None:
        return courtesy
    if praised(said) and analysis.complaint_score < _PROBLEM_TOLD:  # 「张网格态度很好」
        return _praise_passed_on(ctx, text)  # (「灯坏了，物业来得很及时」 is a report)
    if _POINTS_ASKED.match(said) and (_ASKING_HOW_MANY.search(said) or "积分" in said):
        return points.points(ctx, "")
    if short and _POINTS_USE.search(said):  # 「积分怎么用」「积分能换什么」
        return points.how_to_use(ctx)
    if (
        _INTENT_ONLY.match(said)
        or (_INTENT_WHOM.match(said) and analysis.category == OTHER_CODE)
        or _INTENT_PARTY.match(said)
    ):
        return answer(ctx, texts.TELL_ME_MORE, "invalid")
    if ctx.chat.kind == "private" and _HOME_ASKED.match(said):  # 「我住哪」「我是几号楼的」
        return answer(ctx, homes.told(ctx), "invalid")
    if short and _REMINDED.match(said) and not analysis.complaint:
        return answer(ctx, texts.REMIND_HOW_SAID, "invalid")
    if privacy:
        return _privacy_asked(ctx, text)
    if _CANCEL_ALONE.match(said):
        return _cancel_said(ctx, hint)
    if NO_LONGER_NEEDED.search(said) or withdrawn_said(said):  # 「不用处理了，已经自己修好了」
        return _withdraw_said(ctx, text)
    # 「怎么报事」 asks how; it names no problem and no place.
    how = short and _HOW.search(said) is not None and not named
    if how or not has_content(text):
        return answer(ctx, hint, "invalid")
    # 「谢谢保安小哥帮我把东西搬上楼👍」「收到 马上下楼挪车」: a category's word in words that
    # tell of no problem (a report's words alone, 「楼道灯」, read as one surely)
    if not (
        analysis.complaint
        or (analysis.category != OTHER_CODE and analysis.complaint_score >= _NO_PROBLEM)
        or _conduct_told(ctx, said)
    ):
        # 「联系电话：138…」 just after a report is a detail of it; else no problem at all, or a
        # question of the community's for its staff (「小区什么时候清洗水箱」).
        return (
            _detail_added(ctx, text, analysis)
            or _availability_told(ctx, text, said)
            or _care_asked(ctx, text, said, analysis.location.building)
            or _question_passed(ctx, text, said)
            or answer(ctx, hint, "invalid")
        )
    return _cared_for(ctx, text, said, analysis)  # 「隔壁王奶奶一个人住，麻烦网格员多去看看」


# 「3号楼有几个老人独居，需要关注一下」「隔壁王奶奶一个人住，麻烦网格员多去看看」: someone to look
# after, asked of the grid worker; or asked politely (「能不能多关心一下」), or a worry told
# (「好几天没见她出门了，有点担心」).
_CARE_WORDS = r"(?:关注|关心|照顾|照看|看看|看一下|上门|走访|慰问|留意)"
_CARE_ASKED = re.compile(r"(?:需要|麻烦|请|希望|帮忙|拜托)[^，,。？?]{0,8}" + _CARE_WORDS)
_CARE_ASKED_POLITELY = re.compile(
    r"(?:能不能|能否|可不可以|可否|可以)(?:帮忙|麻烦)?(?:多|常|经常|时常|定期)?(?:去|来)?"
    + _CARE_WORDS
)
_NOT_SEEN = r"(?:好几|几|两|三)天没(?:见|看到|看见|出门|出来|动静)"  # 「好几天没见她出门了」
_CARE_WORRIED = re.compile(r"担心|" + _NOT_SEEN)
# Someone who may need looking after, as neighbours speak of them.
_IN_NEED = re.compile(
    r"老人|独居|一个人住|一个人在家|孤寡|空巢|孤老|残疾|行动不便|腿脚不好|卧床|瘫痪|没人照顾"
    r"|[奶爷][奶爷]|大爷|大娘|大妈|婆婆|老两口"
)
# How someone lives that asks for looking after (not who they are: 「老人家里没水了」 tells of
# the water).
_LIVING_ALONE = re.compile(
    r"独居|一个人(?:住|在家|生活|过)|独自|孤寡|空巢|孤老|(?:没|无)人照顾|残疾|行动不便|腿脚不好|卧床"
    r"|瘫痪|失能|" + _NOT_SEEN
)
_CARED_FOR_AT_MOST = 0.8  # complaint score: above it, the words tell of a problem after all
# Where a neighbour lives (邻里纠纷's weaker words): no quarrel of itself.
_NEIGHBOURS = re.compile(r"楼上|楼下|隔壁|对门|对面|邻居")


def _care_request(said: str) -> bool:
    """「需要关注一下」「能不能多关心一下」 (asked as a favour, not 「需要我关注什么吗」)."""
    if _CARE_ASKED_POLITELY.search(said):
        return True
    return _CARE_ASKED.search(said) is not None and not asks(said)


def _cared_for(ctx: Context, text: str, said: str, analysis: Analysis) -> Outcome | None:
    """Words the analyser reads as a problem that only ask to look after someone in need
    (「隔壁王奶奶一个人住，麻烦网格员多去看看」: 隔壁 read as 邻里纠纷; 「5号楼的张大爷腿脚不好，
    一个人在家，请网格员常去看看」), passed on as `_care_asked` does: they say how the person
    lives, and no category and no surer problem is left once where the neighbours live is set
    aside. None for other words: 「隔壁王奶奶家漏水，麻烦去看看」「老人家里没水了，麻烦去看看」
    are reports."""
    if _IN_NEED.search(said) is None or _LIVING_ALONE.search(said) is None:
        return None
    if not (_care_request(said) or _CARE_WORRIED.search(said)):
        return None
    found = ctx.services.analyzer.analyze(_NEIGHBOURS.sub("", text))
    if found.category != OTHER_CODE or found.complaint_score > _CARED_FOR_AT_MOST:
        return None
    return _care_asked(ctx, text, said, analysis.location.building)


def _care_asked(ctx: Context, text: str, said: str, named: str | None) -> Outcome | None:
    """A request said to the bot to look after someone (privately, or to it in a group):
    passed to the grid workers of the building named (「5号楼的张大爷…」), else of the sender's
    (a 楼栋长's buildings, a resident's home), else to the office (the work group, or the
    secretaries). None for other words."""
    if not (_care_request(said) or (_IN_NEED.search(said) and _CARE_WORRIED.search(said))):
        return None
    assert ctx.community is not None
    buildings = {named} if named else set()
    if not buildings and ctx.actor.role is Role.HEAD:
        buildings = set(ctx.actor.buildings)
    if not buildings and (home := homes.home_building(ctx)) is not None:
        buildings = {home}
    grids = {
        known.grid_id
        for building in buildings
        if (known := ctx.uow.communities.building(ctx.community.id, building)) is not None
    }
    workers = {
        person.id: person
        for grid_id in grids
        for person in grid_workers_in(ctx.uow, ctx.community.id, grid_id)
    }
    # 「3号楼楼栋长陈*长」「居民刘*姨」
    head = ctx.actor.role is Role.HEAD
    where = "、".join(f"{b}号楼" for b in sorted(ctx.actor.buildings)) if head else ""
    who = f"{where}{ctx.actor.role.label}{mask_name(ctx.sender.name)}"
    private = ctx.chat.kind == "private"
    how = texts.SAID_PRIVATELY if private else f"在{ctx.chat.title or ctx.chat.ref}说"
    said_as = quoted(text.strip(), _ALERT_DESCRIPTION_LIMIT)
    # 「好几天没见她出门了」: someone may need help now, not only more care
    worried = _CARE_WORRIED.search(said) is not None
    alert = texts.CARE_WORRIED_ALERT if worried else texts.CARE_ASKED_ALERT
    told = alert.format(who=who, how=how, said=said_as)
    passed = tell_privately(workers.values(), told) or tell_office(ctx, told)
    if not passed:
        return None
    names = "、".join(mask_name(person.name) for person in workers.values()) or texts.THE_OFFICE
    noted = texts.CARE_WORRIED_NOTED if worried else texts.CARE_ASKED_NOTED
    line = noted.format(whom=names)
    return Outcome([reply_to(ctx, line), *passed], "relayed")


# 「我明天上午不在家」「下午家里有人」「来之前先打我电话」: when whoever comes finds them in.
_AVAILABILITY = re.compile(
    r"(?:不在家|在家|家里(?:没|有)人|没人在家|有人在家|不方便|有空|没空)"
    r"|随时(?:都)?(?:可以|能)(?:来|上门)|(?:来|上门)(?:之前|前)(?:先)?(?:打|给我打|联系|通知)"
)
_AVAILABILITY_AT_MOST = 24


def _availability_told(ctx: Context, text: str, said: str) -> Outcome | None:
    """「我明天上午不在家」 said privately by someone with one report open: kept on it as a 补充,
    for whoever comes to know; None for other words, or with none or several open."""
    if ctx.chat.kind != "private" or len(said) > _AVAILABILITY_AT_MOST:
        return None
    if _AVAILABILITY.search(said) is None or asks(said):
        return None
    mine = _own_issues(ctx, OPEN)
    if len(mine) != 1:
        return None
    reply = texts.AVAILABILITY_ADDED.format(number=mine[0].number)
    return _kept_on(ctx, mine[0], text, reply, texts.DETAIL_ADDED_ALERT)


# What a question staff can answer is about: the community, its estate, its services.
_COMMUNITY_THING = re.compile(
    r"社区|小区|居委会?|物业|网格|楼|单元|电梯|水箱|停车|车位|垃圾|快递|门禁|业委会|活动|体检|疫苗"
    r"|口罩|补贴|证明|登记|办理|报名|老年|养老|低保|医保|社保|党员|志愿"
)
_QUESTION_AT_MOST = 40


def _guided(ctx: Context, text: str, said: str, *, short: bool, category: str) -> Outcome | None:
    """The 办事指南's answer to `said`; else how to pay or look up a bill (「水费怎么交」, which
    reads as a complaint of 物业服务), or how a thing is done (「停车证怎么办理」), passed to
    staff as a question; None for other words."""
    if (guided := guide.answered(ctx, said)) is not None:
        return guided
    # 「停车证怎么办理」「垃圾几点收」; a 政务服务 matter's (「独生子女证明去哪开」) is filed, for
    # the office to take up, as 12345 files a 咨询
    procedure = category != SERVICE_CODE and procedure_asked(said)
    asked = FEE_ASKED.search(said) is not None or procedure
    return _question_passed(ctx, text, said, told_how=True) if short and asked else None


def _question_passed(
    ctx: Context, text: str, said: str, *, told_how: bool = False
) -> Outcome | None:
    """A question of the community's said to the bot that nothing here answers (「小区什么时候
    清洗水箱」「社区有没有理发的」): passed to the work groups (the secretaries, when there
    is none) as 问N, for 答复 N to answer where it was asked (privately, or in the group
    under it); `told_how`: asked how a thing is done (a bill paid, a permit got), whatever its
    words. None for other words."""
    if len(said) > _QUESTION_AT_MOST:
        return None
    told_how = told_how or FEE_ASKED.search(said) is not None
    if not told_how and (not asks(said) or _COMMUNITY_THING.search(said) is None):
        return None
    assert ctx.community is not None
    waiting = questions.waiting(ctx.uow, ctx.community.id, ctx.now)
    for asked in waiting:  # asked again before anyone answered: passed on once
        if asked.asker_id == ctx.sender.id and normalize(asked.text) == normalize(text.strip()):
            line = texts.QUESTION_WAITS.format(number=asked.number)
            return answer(ctx, line, "invalid")
    if not (ctx.uow.chats.of_kind(ctx.community.id, "work") or secretaries(ctx)):
        return None  # nobody to pass it to: no question is kept
    private = ctx.chat.kind == "private"
    about = texts.ASKED_ABOUT_NOTHING if private else texts.ASKED_IN_GROUP
    question = questions.relay(ctx, about, text.strip())
    told = (texts.PRIVATE_QUESTION_RELAYED if private else texts.GROUP_QUESTION_RELAYED).format(
        number=question.number,
        who=mask_name(ctx.sender.name),
        said=shorten(text.strip(), 60),
        chat=ctx.chat.title or ctx.chat.ref,
    )
    passed = tell_office(ctx, told)
    line = texts.QUESTION_PASSED_NOTED.format(number=question.number)
    return Outcome([reply_to(ctx, line), *passed], "relayed")


def _conduct_told(ctx: Context, said: str) -> bool:
    """Whether `said` (normalised) complains of the conduct of someone at work, by their post
    or by a staff member's name (「社区书记对我们爱理不理」「张网格敷衍了事」): a report,
    though it names no problem the analyser knows."""
    if not complains(said):
        return False
    if _STAFF_CALLED.search(said) or _PROPERTY_CALLED.search(said) or _ALSO_AT_WORK.search(said):
        return True  # 「书记对我们爱理不理」「保安态度很凶」
    assert ctx.community is not None
    staff = ctx.uow.people.staff(ctx.community.id)
    return any(len(person.name) >= 2 and person.name in said for person, _ in staff)


def _praise_passed_on(ctx: Context, text: str) -> Outcome:
    """Praise of someone's work, said to the bot: thanked, and passed to the work group (the
    secretaries, when there is none); not filed."""
    told = texts.PRAISE_ALERT.format(
        who=mask_name(ctx.sender.name), said=quoted(text.strip(), _ALERT_DESCRIPTION_LIMIT)
    )
    passed = tell_office(ctx, told)
    return Outcome([reply_to(ctx, texts.PRAISE_THANKS), *passed], "praised")


def _notice_said(ctx: Context, said: str) -> Outcome | None:
    """「明天停水吗」 (`said` normalised): what the notice of 12月3日 said; an outage ahead no
    notice tells of, that none did (「停水」 alone tells of one: a report). None for other words."""
    if asks(said) and (told := notice.answering(ctx, said)) is not None:
        return told
    outage = _OUTAGE_ASKED.match(said)
    if outage is not None and (outage["ahead"] or outage["end"]):
        what = outage["what"]
    elif notice_asked(rstrip_marks(said, SENTENCE_ENDS)) and (named := _OUTAGE.search(said)):
        what = named[0]  # 「明天几点停水」「停电到几点」
    else:
        return None
    return answer(ctx, texts.NO_OUTAGE_NOTICE.format(what=what), "invalid")


def _courtesy(ctx: Context, said: str, analysis: Analysis, hint: str) -> Outcome | None:
    """「谢谢」「再见」 answered in kind, a greeting with `hint`; 「暖气归谁管」 (asked, not
    reported) told how it goes: of the report of that kind just made, or else when it names no
    place. None for other words, and for a problem told with the question (「楼上漏水，这事归谁
    管」: a report)."""
    if _THANKS.match(said):  # with a rating theirs to give, asked for it once
        # 「好的」「收到」 with no thanks in them: noted, not 「不客气」
        welcome = texts.YOU_ARE_WELCOME if _THANKS_WORD.search(said) else texts.NOTED
        return thanked(ctx, said) or answer(ctx, welcome, "invalid")
    if _SMALL_TALK.match(said):  # 「早上好各位邻居🌞」: 邻居 names no dispute
        return answer(ctx, hint, "invalid")
    if _FAREWELL.match(said):
        return answer(ctx, texts.GOODBYE, "invalid")
    if (never := _NEVER_MIND.match(said)) is not None:
        just = _just_reported(ctx)
        if just is None:
            return answer(ctx, texts.NEVER_MIND, "invalid")
        if "错" in never["wrong"]:  # 「发错了」 of the report just made: how to take it back
            return answer(ctx, texts.CANCEL_WHICH_ONE.format(number=just.number), "invalid")
        # 「没事了」 just after a report may say its problem went away: not this.
    if ctx.chat.kind == "private" and _CALL_ME.search(said) and not _NOBODY_CALLED.search(said):
        assert ctx.community is not None
        any_open = ctx.uow.issues.newest_reported(ctx.sender.id, ctx.community.id, OPEN)
        return answer(ctx, texts.CALL_ME_ASK if any_open else texts.CALL_ME_WHAT, "invalid")
    asked = _WHO_HANDLES.search(said)
    if asked is None:
        return None
    issue = _just_reported(ctx)
    if issue is not None and analysis.category in (OTHER_CODE, issue.category):
        return answer(ctx, texts.WHO_HANDLES_REPORTED.format(number=issue.number), "invalid")
    # 「暖气归谁管」 names a thing; 「楼上装修太吵了找谁」 tells a problem first (`said` is
    # normalised: a comma is 「,」).
    topic = said[: asked.start()]
    where = analysis.location
    if issue is not None or len(topic) > _TOPIC_AT_MOST or "," in topic:
        return None
    return None if where.building or where.place else answer(ctx, texts.WHO_HANDLES, "invalid")


def asked_in_group(ctx: Context, text: str) -> Outcome | None:
    """「什么时候来修啊」「怎么还没人来」 in a group from someone with an issue reported there
    still open: their issues reported there, as 「我反映的事情怎么样了」 lists them privately;
    pressing after its first hour presses it, as privately. None when it is about none of
    them."""
    if ctx.community is None:
        return None
    said = normalize(text).strip()
    mine = _asked_after(ctx, said, progress=False, here_only=True)
    if not mine:
        return _asked_by_neighbour(ctx, text)
    if URGING.search(said) and (done := _pressed_later(ctx, text, mine)) is not None:
        return done  # 「都三天了还没人来」 an hour on: pressed, as privately
    return _your_issues(ctx, mine)


NEIGHBOUR_ASKED_WITHIN = timedelta(days=30)
"""How long after a report its group's 「道闸什么时候修」 is answered with it."""


def _asked_by_neighbour(ctx: Context, text: str) -> Outcome | None:
    """「道闸什么时候修」「道闸修了吗」 in a group from a resident who did not report it: the one
    open issue of the problem the words name reported there lately, where it stands and how to
    hear its news. None when they name none, or none or several such are open."""
    if ctx.role in AT_WORK:
        return None  # staff asking in a residents' group ask the residents
    said = normalize(text).strip()
    category = ctx.services.analyzer.analyze(said).category
    if category == OTHER_CODE:
        return None
    since = ctx.now - NEIGHBOUR_ASKED_WITHIN
    found = [
        issue
        for issue in ctx.uow.issues.open_reported_in(ctx.chat.id, since)
        if issue.category == category and not issue.private
    ]
    if len(found) != 1:
        return None
    issue = found[0]
    line = texts.NEIGHBOUR_ASKED.format(
        line=ledger_line(ctx.uow, ctx.services, issue).lstrip("🔴🟡🟢 "),
        number=issue.number,
    )
    if ctx.uow.issues.follower(issue.id, ctx.sender.id) is None:
        line += texts.NEIGHBOUR_FOLLOW.format(number=issue.number)
    return answer(ctx, line, "invalid")


def _asked_after(ctx: Context, said: str, *, progress: bool, here_only: bool) -> list[Issue] | None:
    """The sender's issues a question after their reports (`said`, normalised) is about: open
    or awaiting their verdict, in this community (`here_only`: reported in this chat); in a
    group, none reported privately. None when it names a problem none of them is about
    (「楼道灯坏了有人管吗」: a report that asks); the asking words themselves name none
    (「怎么还没人管」)."""
    mine = [
        issue
        for issue in _own_issues(ctx, _AWAITED)
        if (ctx.chat.kind == "private" or not issue.private)  # a group reads the list
        and (not here_only or issue.chat_id == ctx.chat.id)
    ]
    # A 楼栋长 asking privately (「我们楼的下水道修了没有」): their building's too
    theirs = _building_issues(ctx, mine) if ctx.chat.kind == "private" else []
    rest = URGING.sub(" ", ASKING_AFTER.sub(" ", said))  # 「之前报的事到现在也没人管」: none
    rest = _WHO_COMES.sub(" ", rest)  # 「物业什么时候来修」: who is to come names no problem
    category = ctx.services.analyzer.analyze(rest).category if has_content(rest) else "other"
    same = (
        [issue for issue in (*mine, *theirs) if issue.category == category]
        if category != "other"
        else []
    )
    if progress:  # 「灯的那个怎么样了」: that one, of several
        return same or mine or theirs
    if category != "other" and not same:
        return None
    return same or mine or theirs


def _building_issues(ctx: Context, mine: Sequence[Issue]) -> list[Issue]:
    """A 楼栋长's building's issues open or awaiting a verdict, as their 台账 shows them (the
    head of one building; of several, their own reports alone), other than `mine`."""
    assert ctx.community is not None
    building = ledger_scope(ctx.actor)[1]
    if building is None:
        return []
    query = LedgerQuery(ctx.community.id, frozenset(_AWAITED), building=building)
    return [issue for issue in ledger_issues(ctx, query, _MINE_SHOWN) if issue not in mine]


def fixed_in_group(ctx: Context, text: str) -> Outcome | None:
    """「灯修好了，谢谢」 in a group from someone with an issue of what it names reported there,
    still open or awaiting their rating: as privately (`_fixed_said`). None when they have
    none there, or the words name nothing (「修好了」 among neighbours may be of anything)."""
    if ctx.community is None:
        return None
    analysis = _fixed_subject(ctx, text)
    mine = [issue for issue in _own_issues(ctx, _AWAITED) if in_this_chat(ctx, issue)]
    if analysis.category == OTHER_CODE and (own := _subject_in(text, mine)) is not None:
        analysis = replace(analysis, category=own.category)  # 「棚子拆了」: the 棚子 reported
    if analysis.category == OTHER_CODE:
        return None
    if ctx.role in AT_WORK and (hinted_to := _holder_told(ctx, text, analysis)) is not None:
        return hinted_to
    if any(issue.category == analysis.category for issue in mine):
        return _fixed_said(ctx, text, analysis)
    followed = _followed_fixed(ctx, analysis)
    return None if followed is None else _fixed_told(ctx, followed, text, follower=True)


def _subject_in(text: str, issues: Sequence[Issue]) -> Issue | None:
    """The one of `issues` whose words hold what 「棚子拆了，谢谢」 says was fixed (「棚子」),
    when the analyser names no category for it; None for none, several, or a word too short
    to tell."""
    said = normalize(text)
    thanked = _THANKED.search(said)
    subject = fixed_subject(said[: thanked.start()] if thanked else said).strip(" ,，。")
    if len(subject) < _SUBJECT_AT_LEAST:
        return None
    named = [issue for issue in issues if subject in normalize(issue.description)]
    return named[0] if len(named) == 1 else None


_SUBJECT_AT_LEAST = 2  # characters: 「棚子」; one (「门」) may be in anything


def _holder_told(ctx: Context, text: str, analysis: Analysis) -> Outcome | None:
    """「3号楼的灯已经修好了」 told the neighbours by whoever holds the one issue of it: the
    办结 it means, sent to them privately (the group hears nothing). None otherwise."""
    where = analysis.location.building
    mine = [
        issue
        for issue in held(ctx, _MINE_SHOWN + 1)
        if issue.category == analysis.category and where in (None, issue.building)
    ]
    if len(mine) != 1:
        return None
    said = text.strip()
    line = _work_hint(said).format(number=mine[0].number, said=hinted(said))
    return Outcome([Direct(person_ref(ctx.sender), line)], "invalid")


def _followed_fixed(ctx: Context, analysis: Analysis) -> Issue | None:
    """「南门那个道闸好了」 from a neighbour following the one open issue of what it names, from
    this group (privately: from any): that issue; None for none or several, or words that
    name nothing."""
    if analysis.category == OTHER_CODE:
        return None
    chat_id = None if ctx.chat.kind == "private" else ctx.chat.id
    followed = ctx.uow.issues.followed_from(ctx.sender.id, chat_id, OPEN)
    same = [issue for issue in followed if issue.category == analysis.category]
    return same[0] if len(same) == 1 else None


# 「，谢谢物业」: thanks, whose words name who is thanked, not what was fixed.
_THANKED = re.compile(r"[,，。!！\s]*(?:谢谢|感谢|多谢|辛苦).*$")


def _fixed_subject(ctx: Context, text: str, analysis: Analysis | None = None) -> Analysis:
    """What 「…修好了」 names: the words before any thanks (`analysis`, of the whole text,
    when there are none)."""
    thanked = _THANKED.search(text)
    if thanked is None and analysis is not None and analysis.category != OTHER_CODE:
        return analysis
    subject = text[: thanked.start()] if thanked else text
    named = ctx.services.analyzer.analyze(subject)
    if named.category == OTHER_CODE:  # 「灯亮了」: the light, not that it is on
        return ctx.services.analyzer.analyze(fixed_subject(normalize(subject)))
    return named


def _fixed_said(ctx: Context, text: str, analysis: Analysis) -> Outcome:
    """「电梯修好了，谢谢」 from a reporter: kept on their one issue being worked on (of the
    problem `analysis` names, if one is: `_fixed_subject`) as a 补充, and passed to whoever
    holds it, who may close it; with several, their list; with one awaiting their rating, how
    to rate. Never a report."""
    mine = [issue for issue in _own_issues(ctx, _AWAITED) if in_this_chat(ctx, issue)]
    if analysis.category != "other":
        mine = [issue for issue in mine if issue.category == analysis.category]
    working = [issue for issue in mine if issue.status in OPEN]
    if len(working) > 1:
        return _your_issues(ctx, working)
    if not working:
        rated = [issue for issue in mine if issue.status is IssueStatus.RESOLVED]
        if rated:
            return answer(ctx, texts.FOLLOW_UP.format(number=rated[-1].number), "invalid")
        if not mine and (followed := _followed_fixed(ctx, analysis)) is not None:
            return _fixed_told(ctx, followed, text, follower=True)  # privately, a follower
        # 「修好了，谢谢」 is thanked back; news of nothing of theirs, thanked for
        thanked = _THANKED.search(text) is not None
        return answer(ctx, texts.YOU_ARE_WELCOME if thanked else texts.THANKS_FOR_NEWS, "invalid")
    return _fixed_told(ctx, working[0], text)


def _fixed_told(ctx: Context, issue: Issue, text: str, *, follower: bool = False) -> Outcome:
    """「电梯修好了」 from the reporter of `issue`, open (or a `follower` of it): kept on it as
    a 补充 and passed to whoever holds it (else its grid workers), who may close it."""
    said = shorten(text.strip(), _ALERT_DESCRIPTION_LIMIT)
    record(ctx, issue, SUPPLEMENT, said)
    told = working_on(ctx.uow, issue) or grid_workers(ctx.uow, issue)
    alert, noted = (
        (texts.FIXED_TOLD_BY_FOLLOWER, texts.FIXED_NOTED_FOLLOWER)
        if follower
        else (texts.FIXED_TOLD, texts.FIXED_NOTED)
    )
    line = alert.format(number=issue.number, said=quoted(said, _ALERT_DESCRIPTION_LIMIT))
    replies = [reply_to(ctx, noted.format(number=issue.number))]
    return Outcome(
        [*replies, *tell_privately(told, line, skip=ctx.sender.id)], SUPPLEMENT, issue.id
    )


def _why_rejected(ctx: Context) -> Outcome | None:
    """「为什么退回」 from a reporter: the reasons their issues were 退回 (the latest three),
    and how to object; None when none of theirs was."""
    rejected = [i for i in _own_issues(ctx, {IssueStatus.REJECTED}) if in_this_chat(ctx, i)]
    if not rejected:
        return None
    lines = []
    for issue in sorted(rejected, key=lambda i: i.number)[-_WHY_SHOWN:]:
        entry = ctx.uow.audit.last_of(issue.id, ("reject",))
        reason = entry.note if entry is not None and entry.note else texts.NO_REASON
        lines.append(texts.REJECTED_BECAUSE.format(number=issue.number, reason=reason))
    lines.append(texts.REJECTED_OBJECT.format(number=rejected[-1].number))
    return answer(ctx, "\n".join(lines))


def _rejection_objected(ctx: Context, said: str) -> Outcome | None:
    """「我不服」「这个事必须管」 from a reporter whose issue here was 退回 in the last
    OBJECTION_DAYS: their objection, as 「重开 N …」 from them is (passed to the grid workers
    and the secretary); with several, which is asked. None when none of theirs was."""
    since = ctx.now - timedelta(days=OBJECTION_DAYS)
    rejected = [
        issue
        for issue in _own_issues(ctx, {IssueStatus.REJECTED})
        if in_this_chat(ctx, issue) and issue.updated_at >= since
    ]
    if not rejected:
        return None
    if len(rejected) > 1:
        numbers = numbers_of(sorted(rejected, key=lambda issue: issue.number))
        return answer(ctx, texts.OBJECT_WHICH.format(numbers=numbers), "invalid")
    return reopen(ctx, f"{rejected[0].number} {shorten(said, WORDS_MAX)}")


def _own_issues(ctx: Context, statuses: Collection[IssueStatus]) -> list[Issue]:
    """The sender's reports in this community now in one of `statuses`."""
    assert ctx.community is not None
    return list(ctx.uow.issues.reported_by(ctx.sender.id, ctx.community.id, statuses))


def _your_issues(ctx: Context, mine: list[Issue]) -> Outcome:
    """A reporter's issues, each with the latest 进展 told of it while it is worked on (「明天
    来人」): what 「什么时候来修」 wants to know."""
    lines: list[str] = []
    for issue in mine[-_MINE_SHOWN:]:
        lines.append(ledger_line(ctx.uow, ctx.services, issue))
        if issue.status not in OPEN:
            continue
        # The latest 进展, and the latest 延期 with why (「为什么延期了」)
        for action, line in (
            (Action.EXTEND, texts.YOUR_ISSUE_EXTENDED),
            (Action.PROGRESS, texts.YOUR_ISSUE_LATEST),
        ):
            last = ctx.uow.audit.last_of(issue.id, (action.value,))
            if last is not None and last.note:
                at = last.at.astimezone(ctx.services.settings.tz)
                note = quoted(last.note, _LATEST_SHOWN)
                lines.append(line.format(day=month_day(at), note=note))
    # A 楼栋长's building's issues among them: the building's, not 「您反映的」
    building = ledger_scope(ctx.actor)[1]
    others = any(issue.reporter_id != ctx.sender.id for issue in mine[-_MINE_SHOWN:])
    head = texts.BUILDING_ISSUES.format(building=building) if others else texts.YOUR_ISSUES
    return answer(ctx, "\n".join([head, *lines, texts.YOUR_ISSUES_FOOT]))


def _report_unless_duplicate(
    ctx: Context,
    description: str,
    analysis: Analysis,
    *,
    whole: bool = False,
    source: Source | None = None,
) -> Outcome:
    """A report, each problem it tells of an issue of its own (「3号楼楼道灯坏了，还有5号楼
    门口井盖松了」: two; `whole`, a work order, is one); a report of an open issue's problem
    follows that issue instead of opening another. `source`: its 来源, when the words do not
    say it (more found on a round)."""
    assert ctx.community is not None
    if _complains_of_secretary(ctx, description):  # not even as one like it
        return _secretary_complaint(ctx)
    told = None if whole or analysis.urgent else _problems_told(ctx, description)
    if told is None:
        return _report_one(ctx, description, analysis, source)
    done = [_report_one(ctx, piece, found, source) for piece, found in told]
    replies = [reply for outcome in done for reply in outcome.replies]
    first = next((outcome for outcome in done if outcome.issue_id is not None), done[0])
    return replace(first, replies=replies, at_once=any(outcome.at_once for outcome in done))


def _problems_told(ctx: Context, description: str) -> list[tuple[str, Analysis]] | None:
    """The problems a report tells of, each with its analysis, when it tells of more than one
    (`several.pieces`: a list, or 还有/另外): a piece is one of its own when it names a problem
    surely (not 其他) of another kind or building than those before it; else it is more of the
    one before it (「下水道堵了，还有臭味」). A piece that names no place is where the one
    before it is (「…，还有电梯也坏了」), or where the words before a list say. None for one."""
    before, cut = several.pieces(description)
    if len(cut) < 2:
        return None
    analyzer = ctx.services.analyzer
    listed = analyzer.analyze(before).location if before else Location()  # 「3号楼：1.… 2.…」
    told: list[tuple[str, Analysis]] = []
    for piece in cut:
        found = analyzer.analyze(piece)
        there = told[-1][1].location if told and _THERE_TOO.search(piece) else listed
        if not (found.location.building or found.location.place or _WHOLE_ESTATE.search(piece)):
            found = replace(found, location=replace(there, room=None))
        kinds = {(a.category, a.location.building, a.location.place) for _, a in told}
        own = (found.category, found.location.building, found.location.place) not in kinds
        if not told or (
            own and found.category != OTHER_CODE and found.complaint_score >= _NEW_PROBLEM
        ):
            told.append((piece, found))
        else:
            text, was = told[-1]
            told[-1] = (f"{text}，{piece}", was)
    return told if len(told) > 1 else None


# 「还有电梯也坏了」: where the problem before it is.
_THERE_TOO = re.compile(r"也|同样|一样")


def _report_one(
    ctx: Context, description: str, analysis: Analysis, source: Source | None = None
) -> Outcome:
    """A report of one problem; of an open issue's problem, it follows that issue instead of
    opening another."""
    assert ctx.community is not None
    now = ctx.now
    where = analysis.location
    if ctx.chat.kind == "private" and not (where.building or where.place):
        where = _at_home(ctx, description, where)  # 「家里水管漏了」: their flat
        analysis = replace(analysis, location=where)
    elif not (where.building or where.place) and (kept := _heads_building(ctx, description, where)):
        where = replace(where, building=kept)  # 「#报事 2单元楼道堆了纸箱」 from its 楼栋长
        analysis = replace(analysis, location=where)
    elif ctx.chat.kind == "private":  # 「…，我住3号楼2单元」: their home, for the next report
        homes.heard_in(ctx, description)
    new = ReportFacts(
        description, analysis.category, where.building, where.unit, where.place, now, where.room
    )
    ordered = _order_filed(ctx, description)  # 「12345工单2026…」 filed before
    if ordered is not None and ctx.actor.role in STAFF:
        return _order_again(ctx, ordered, description)
    if ordered is not None and ordered.status in OPEN:
        same_id: int | None = ordered.id  # a resident naming its work order: that issue
    elif (
        analysis.urgent and analysis.category == OTHER_CODE and not (where.building or where.place)
    ):
        same_id = None  # 「救命」 from two people is two emergencies, whatever the words share
    else:
        same_id = _like(ctx, new, since=now - WINDOW)
    if same_id is None and (chased := _chased(ctx, new)) is not None:
        # 「我想投诉物业，灯坏了一周都没人管」: their own report of it, still not done
        reply = texts.OWN_AGAIN.format(number=chased.number, status=chased.status.label)
        return _kept_on(ctx, chased, description, reply, texts.DETAIL_ADDED_ALERT)
    if same_id is None:
        return _file(
            ctx, description, reporter=ctx.sender, filed_by=None, analysis=analysis, source=source
        )
    same = ctx.uow.issues.get(same_id)
    own = same.reporter_id == ctx.sender.id
    # A neighbour who reported it already (「我家也是3号楼的，灯也不亮」 again): counted once
    again = not own and ctx.sender.id in ctx.uow.audit.actors_of(same.id, "duplicate")
    if own or again:
        # Their own issue again (「下水道还是堵着，快来人」): what they add is kept as a
        # 补充, not counted as a neighbour's report nor followed a second time.
        record(ctx, same, SUPPLEMENT, shorten(description, _ALERT_DESCRIPTION_LIMIT))
    else:
        _confirmed(ctx, same)
    keep_photos(ctx, same)  # the photos belong with the problem they show
    alerts: list[Outgoing] = []
    if analysis.urgent:  # a danger reported again (着火, 漏电) is told at once, never absorbed
        if not same.urgent:
            same.urgent = True
            record(ctx, same, "urgent", shorten(description, _ALERT_DESCRIPTION_LIMIT))
        category = ctx.services.category(same.category).name
        alerts = _tell_work_groups(
            ctx, same, category, where_label(ctx, same), ctx.sender, description=description
        )
    if own or again:
        told = texts.OWN_AGAIN if own else texts.FOLLOWED_AGAIN
        text = told.format(number=same.number, status=same.status.label)
    else:
        text = texts.DUPLICATE.format(number=same.number)
    if alerts:
        text += texts.ACK_URGENT_NOTE
    status = SUPPLEMENT if own or again else "duplicate"
    return Outcome([reply_to(ctx, text), *alerts], status, same.id)


def _order_filed(ctx: Context, description: str) -> Issue | None:
    """The issue a work order the words name (「12345工单2026112200123：…」) was filed as, the
    one it was merged into if it was; None when they name none, or one not filed yet."""
    assert ctx.community is not None
    order = work_order_of(normalize(description))
    issue = ctx.uow.issues.by_work_order(ctx.community.id, order) if order else None
    while issue is not None and issue.merged_into_id is not None:
        issue = ctx.uow.issues.get(issue.merged_into_id)
    return issue


def _order_again(ctx: Context, issue: Issue, description: str) -> Outcome:
    """Staff filing a work order filed before (sent again, or sent back by the hotline): its
    issue, not a second one. New words are its 补充, told to the work group; a finished issue
    is reopened by 重开, which they are told."""
    order, number = work_order_of(normalize(description)) or "", issue.number
    reply = texts.ORDER_FILED.format(order=order, number=number, status=issue.status.label)
    limit = _time_limit(ctx, description, ctx.now)
    moved: list[Outgoing] = []
    if limit is not None and limit != issue.due_by:  # sent again with a time limit of its own
        moved = _limited(ctx, issue, limit)
        reply += texts.ORDER_LIMIT.format(due=shown_deadline(ctx.services, limit))
    new = normalize(description) != normalize(issue.description)
    reply += texts.ORDER_ADDED if new else texts.ORDER_SAME
    then = texts.ORDER_SEE if issue.status in OPEN else texts.ORDER_REOPEN
    reply += then.format(number=number)
    if not new:
        return Outcome([reply_to(ctx, reply), *moved], "invalid", issue.id)
    kept = _kept_on(ctx, issue, description, reply, texts.ORDER_AGAIN_ALERT, order=order)
    return replace(kept, replies=[*kept.replies, *moved])


def _limited(ctx: Context, issue: Issue, limit: datetime) -> list[Outgoing]:
    """A work order's new time limit kept; an open issue's deadline brought by it, recorded as
    a 延期 and told to whoever works on it (the work group hears the order itself)."""
    issue.due_by = limit
    deadline = within_limit(issue, issue.deadline or limit)
    if issue.status not in OPEN or deadline == issue.deadline:
        return []
    line = extend.move_deadline(ctx, issue, deadline, texts.ORDER_LIMIT_REASON)
    return tell_privately(working_on(ctx.uow, issue), line, skip=ctx.sender.id)


# 「一周都没人管」「还是没修」「坏了好几天了」: a problem said to be waiting, which a report the
# sender made of it already is, however unlike the words.
_STILL_WAITING = re.compile(
    r"没人(?:管|修|理|来|处理)|还(?:是|没)|一直|好几天|这么久|都没|"
    r"[一两三四五六七八九十几多]+(?:天|周|个星期|个月)(?:了|都|还|没)"
)


def _chased(ctx: Context, new: ReportFacts) -> Issue | None:
    """The sender's newest open report here of the same category, in no other building, when
    `new` says its problem is still waiting; else None (and always for a grid worker or the
    secretary, who file for others)."""
    if new.category == "other" or _STILL_WAITING.search(new.text) is None:
        return None
    if ctx.actor.role in STAFF:  # what they file is residents' (12345, calls): never a 补充
        return None
    mine = [
        issue
        for issue in _own_issues(ctx, OPEN)
        if in_this_chat(ctx, issue)
        and issue.category == new.category
        and new.building in (None, issue.building)
    ]
    return max(mine, key=lambda issue: issue.number, default=None)


def _like(
    ctx: Context,
    facts: ReportFacts,
    *,
    since: datetime,
    but: int | None = None,
    threshold: float = THRESHOLD,
) -> int | None:
    """The id of the open issue filed since `since` (other than `but`) whose problem `facts`
    most likely is, at least `threshold` alike; None when none is."""
    assert ctx.community is not None
    candidates = [
        (issue.id, _facts(issue))
        for issue in ctx.uow.issues.open_since(ctx.community.id, since)
        if issue.id != but
    ]
    return find_duplicate(facts, candidates, threshold)


def _facts(issue: Issue | OpenIssue) -> ReportFacts:
    """What duplicate detection compares of an issue."""
    return ReportFacts(
        issue.description,
        issue.category,
        issue.building,
        issue.unit,
        issue.place,
        issue.created_at,
        issue.room,
    )


def _repeats_which(ctx: Context, number: int) -> Outcome:
    """「3号重复了」: which issue it repeats goes unsaid. 合并 is shown with the open issue most
    like it, when one is (a suggestion: staff decide), else with a blank for the number."""
    assert ctx.community is not None
    issue = ctx.uow.issues.by_number(ctx.community.id, number)
    assert issue is not None
    like_id = None
    if issue.status in OPEN:
        since = issue.created_at - WINDOW
        like_id = _like(ctx, _facts(issue), since=since, but=issue.id, threshold=_SUGGESTED_ALIKE)
    if like_id is None:
        return answer(ctx, texts.REPEATS_WHICH.format(number=number), "invalid")
    like = ctx.uow.issues.get(like_id)
    later, earlier = sorted((issue.number, like.number), reverse=True)
    line = texts.REPEATS_LIKE.format(number=number, like=like.number, later=later, earlier=earlier)
    return answer(ctx, line, "invalid")


def _confirmed(ctx: Context, same: Issue) -> None:
    """A neighbour reports `same` again: they follow it, it counts one more report, the trail
    says who (masked) and where, and they earn the points of a confirmation."""
    if ctx.uow.issues.follower(same.id, ctx.sender.id) is None:
        ctx.uow.issues.add_follower(
            Follower(issue_id=same.id, person_id=ctx.sender.id, chat_id=ctx.chat.id, since=ctx.now)
        )
    # Counted after the follower's flush: the count and `record`'s time go out together.
    same.report_count += 1
    private = ctx.chat.kind == "private"
    who = reporter_label(ctx.sender.name, private=private, named=False)  # the trail is shown
    record(ctx, same, "duplicate", f"{who}（{_chat_label(ctx)}）")
    points.duplicate_confirmed(ctx, same)


def me_too(ctx: Context, _text: str) -> Outcome | None:
    """「我家也是」 (or 「我家楼道灯也不亮」 of a report of lighting) in a group within the hour
    after a neighbour's report there, or 「+1」 in
    reply to the report (or to the bot's answer naming it): the same problem for them too,
    counted as a duplicate report of it (once a person). None when it confirms nothing."""
    quoted = ctx.message.reply_to
    said = normalize(_text)
    number, _ = issue_first(said.strip())
    if number is not None and ctx.community is not None:  # 「1号我也遇到了」
        same = ctx.uow.issues.by_number(ctx.community.id, number)
    elif quoted is not None:
        same = ctx.uow.issues.from_message(ctx.chat.id, quoted.message_id)
        named = _ACK_NUMBER.match(quoted.text)
        if same is None and named is not None and ctx.community is not None:
            same = ctx.uow.issues.by_number(ctx.community.id, int(named[1]))
    else:
        same = ctx.uow.issues.latest_here(ctx.chat.id, ctx.now - ME_TOO_WITHIN)
    if same is None or same.status not in OPEN or same.reporter_id == ctx.sender.id:
        return None
    if follow_too(said.strip()):  # 「我也关注一下」: to hear how it goes, no report of theirs
        return follow(ctx, str(same.number))
    if names_the_problem(said):  # 「我家楼道灯也不亮」: the same kind of problem?
        analysis = ctx.services.analyzer.analyze(_text)
        category, building = analysis.category, analysis.location.building
        if category != same.category or category == OTHER_CODE:
            return None
        if building is not None and building != same.building:  # 「5号楼的灯我家也不亮」
            return None
    if ctx.uow.issues.follower(same.id, ctx.sender.id) is not None:
        return None  # counted already: a second 「+1」 adds nothing
    _confirmed(ctx, same)
    line = texts.ME_TOO.format(number=same.number, count=same.report_count)
    return Outcome([reply_to(ctx, line)], "duplicate", same.id)


def late_photo(ctx: Context, _text: str) -> Outcome:
    """Photos sent within 2 minutes after one's own report belong to it (chat-protocol §2),
    after one's own 办结 or 进展, to that issue, and after one's round of 走访, to the round."""
    if ctx.community is None:
        return Outcome([], "ignored")
    kept = ctx.uow.inbox.last_of(
        ctx.chat.platform,
        ctx.chat.ref,
        ctx.sender.ref,
        (*REPORTED, WORK_SHOWN),
        ctx.now - PHOTO_WINDOW,
    )
    told = patrols.just_told(ctx)  # 「走访 3号楼 …」 a moment ago: the photo is of the round
    if told is not None and (kept is None or kept.received_at <= told.recorded_at):
        return patrols.photos_after(ctx, told)
    if kept is None or kept.issue_id is None:
        # Perhaps a verification photo of one's resolved issue (points.verification_photo),
        # else sent before the words it goes with.
        return points.verification_photo(ctx) or hold_photo(ctx)
    issue = ctx.uow.issues.get(kept.issue_id)
    keep_photos(ctx, issue)
    text = texts.PHOTO_ADDED.format(number=issue.number, count=len(ctx.message.attachments))
    return Outcome([reply_to(ctx, text)], "photo", issue.id)


def split(ctx: Context, args: str) -> Outcome:
    """新建 — within 10 minutes, file the sender's report that was taken for a duplicate; what
    they say with it (「不是同一个问题，我说的是屋里漏水」) is kept as the new issue's 补充."""
    if ctx.community is None:
        raise Answer(texts.NEEDS_COMMUNITY)
    kept, taken = _taken_last(ctx)
    number, after = issue_first(args)  # 「新建 2」 (「新建 2号楼的」 names a place)
    chosen = [(issue, how) for issue, how in taken if issue.number == number]
    if chosen:  # the piece taken for #2
        args = after
    elif len(taken) > 1:  # 「…灯不亮，还有井盖松动」 taken for two: which is not the same?
        numbers = "、".join(f"#{issue.number}" for issue, _ in taken)
        raise Answer(texts.SPLIT_WHICH.format(numbers=numbers, first=taken[0][0].number))
    if kept is None:
        raise Answer(texts.NOTHING_TO_SPLIT)
    same, how = (chosen or taken)[0]
    if how == "duplicate":  # a 补充 to one's own issue counted and followed nothing
        same.report_count = max(1, same.report_count - 1)
        follower = ctx.uow.issues.follower(same.id, ctx.sender.id)
        # Only the following that the duplicate match itself started is undone.
        if follower is not None and follower.since >= kept.received_at - _SAME_MOMENT:
            ctx.uow.issues.remove_follower(follower)
        points.duplicate_withdrawn(ctx, same)
    record(ctx, same, "split", mask_name(ctx.sender.name))
    if kept.outcome != "issue" and len(taken) == 1:  # nothing of it is taken for another now
        kept.outcome = "split"
    settings = ctx.services.settings
    description = report_text(
        kept.text, [*settings.intake.report_tags, *settings.intake.file_tags], settings.bot.name
    )
    reason = _REASON_LEAD.sub("", args).rstrip()
    told = _problems_told(ctx, description)  # 「…，还有电梯也坏了」: the piece taken for `same`
    of_same = [piece for piece in told or () if piece[1].category == same.category]
    if of_same:
        description, analysis = of_same[0]
    else:
        analysis = ctx.services.analyzer.analyze(description)
    if reason:  # 「不是同一个问题，我说的是3号楼1单元」: where it is, if the report said less
        said = ctx.services.analyzer.analyze(reason).location
        was = analysis.location
        vaguer = said.building == was.building and not (said.unit and not was.unit)
        if (said.building and not vaguer) or (said.place and not (was.building or was.place)):
            analysis = replace(analysis, location=said)
    outcome = _file(ctx, description, reporter=ctx.sender, filed_by=None, analysis=analysis)
    if outcome.issue_id is not None:  # the photos sent with that report come along
        moved_since = kept.received_at - _SAME_MOMENT
        ctx.uow.issues.move_photos(same.id, outcome.issue_id, ctx.sender.id, moved_since)
        if reason:
            record(ctx, ctx.uow.issues.get(outcome.issue_id), SUPPLEMENT, reason)
    return Outcome(outcome.replies, "issue", outcome.issue_id)


def _taken_last(ctx: Context) -> tuple[InboundMessage | None, list[tuple[Issue, str]]]:
    """The sender's latest report here in SPLIT_WINDOW that was taken, whole or in part, for
    an issue already open, with those issues, each once with how ("duplicate" of a
    neighbour's, SUPPLEMENT of one's own), but any split from it since. (None, []) for none."""
    assert ctx.community is not None
    kept_here = ctx.uow.inbox.latest_of(
        ctx.chat.platform,
        ctx.chat.ref,
        ctx.sender.ref,
        REPORTED,
        ctx.now - SPLIT_WINDOW,
        limit=_SPLIT_LOOKS_BACK,
    )
    for kept in kept_here:
        after = ctx.uow.inbox.received_before(kept) or kept.received_at - SPLIT_WINDOW
        entries = ctx.uow.audit.made_after(
            ctx.community.id, ctx.sender.id, ("duplicate", SUPPLEMENT, "split"), after
        )
        split = {e.issue_id for e in entries if e.action == "split" and e.at > kept.received_at}
        filed = kept.issue_id if kept.outcome == "issue" else None  # its 补充 is its own
        taken: dict[int, str] = {}
        made = [e for e in entries if e.action != "split" and e.at <= kept.received_at]
        for entry in made:  # but for those split from it since, or filed by it
            if entry.issue_id is not None and entry.issue_id not in split | {filed}:
                taken.setdefault(entry.issue_id, entry.action)
        reported = kept.issue_id if kept.outcome != "issue" else None
        if not taken and reported is not None and reported not in split:
            taken[reported] = kept.outcome  # taken so with no entry of it
        if taken:
            return kept, [(ctx.uow.issues.get(issue_id), how) for issue_id, how in taken.items()]
    return None, []


def suggest_filing(ctx: Context, text: str, *, danger: bool = False) -> Outcome:
    """An untagged message that reads surely as a complaint, in a chat with 诉求提示 on: one
    suggestion to file it, at most once per chat in SUGGEST_EVERY. One telling of danger
    (`danger`: 「楼道里有煤气味」), in any residents' group: where to call at once and how to
    file it, as seldom, and each time the work group told (the secretaries privately, when
    there is none); it is not filed (chat-protocol §2)."""
    chat = ctx.chat
    danger = danger and chat.kind != "work"
    if ctx.community is None or not (chat.suggest or danger):
        return Outcome([], "chatter")
    if not danger:
        if chat.suggested_at is not None and ctx.now - chat.suggested_at < SUGGEST_EVERY:
            return Outcome([], "chatter")
        chat.suggested_at = ctx.now
        return answer(ctx, texts.SUGGEST, "suggested")
    said = quoted(text.strip(), _ALERT_DESCRIPTION_LIMIT)
    alert = texts.DANGER_HEARD_ALERT.format(
        chat=chat.title or chat.ref, who=mask_name(ctx.sender.name), said=said
    )
    told = tell_office(ctx, alert)
    # Danger does not wait for the end of quiet hours (「楼道里有煤气味」 at 23:00).
    if chat.danger_told_at is not None and ctx.now - chat.danger_told_at < SUGGEST_EVERY:
        return Outcome(told, "suggested", at_once=True)  # the group was told a moment ago
    chat.danger_told_at = ctx.now
    line = texts.DANGER_HEARD.format(told=texts.DANGER_HEARD_TOLD if told else "")
    return Outcome([reply_to(ctx, line), *told], "suggested", at_once=True)


_MENTIONS_FIRST = re.compile(r"^(?:[@＠]\S+\s*)+")  # 「@张网格 楼道灯坏了」: to whom, not what


def taken_up(ctx: Context, text: str) -> Outcome | None:
    """「收到，马上处理」 from someone who may file (a worker, head or the secretary) in a group,
    in reply to a neighbour's untagged words that read as a complaint, not filed: they are told
    privately how to file it (#立案 in reply), so it is tracked; the group hears nothing. None
    for other words, a message filed already, or the bot's own."""
    quoted = ctx.message.reply_to
    if ctx.community is None or quoted is None or ctx.chat.kind in ("work", "private"):
        return None
    if refusal("file", ctx.actor) is not None or not _nodded(text):
        return None
    author = quoted.sender
    if author is None or author.ref == ctx.sender.ref or not has_content(quoted.text):
        return None
    platform, chat = ctx.chat.platform, ctx.chat.ref
    settings = ctx.services.settings
    if author.name == settings.bot.name or ctx.uow.outbox.sent_as(
        platform, chat, quoted.message_id
    ):
        return None  # the bot's own message
    kept = ctx.uow.inbox.find(platform, chat, quoted.message_id)
    if kept is not None and kept.issue_id is not None:
        return None  # reported, or kept on an issue
    words = report_text(quoted.text, settings.intake.report_tags, settings.bot.name)
    person = ctx.uow.people.find(platform, author.ref)
    if person is not None and ctx.uow.issues.open_with_text(ctx.community.id, person.id, words):
        return None  # filed already (by someone's #立案)
    if not ctx.services.analyzer.analyze(words).complaint:
        return None
    line = texts.TAKEN_UP_HINT.format(
        chat=ctx.chat.title or ctx.chat.ref,
        who=mask_name(author.name),
        said=shorten(_MENTIONS_FIRST.sub("", words.strip()), 40),
    )
    return Outcome([Direct(person_ref(ctx.sender), line)], "invalid")


def file_reply(ctx: Context, _note: str) -> Outcome:
    """A worker, head or secretary answers a resident's message with #立案; or its author
    does, as the suggestion for an untagged complaint asks."""
    if ctx.community is None:
        return answer(ctx, texts.UNBOUND_CHAT, "refused")
    quoted = ctx.message.reply_to
    if quoted is None:  # 「#立案」 or /file by itself: how it is done
        return answer(ctx, texts.FILE_NEEDS_REPLY, "invalid")
    author, text = quoted.sender, quoted.text
    ours = ctx.uow.outbox.sent_as(ctx.chat.platform, ctx.chat.ref, quoted.message_id)
    if ours is not None:
        # A reply to the bot's own answer (「看起来是一条诉求，回复 #立案…」): the message it
        # answered is the one to file.
        if ours.reply_to_message_id is None:
            return answer(ctx, texts.FILE_NO_ORIGINAL, "invalid")
        author, text = None, ""
        quoted = replace(quoted, message_id=ours.reply_to_message_id)
    # The message as the bot keeps it, if it acted on it (a report, a suggestion …).
    kept = ctx.uow.inbox.find(ctx.chat.platform, ctx.chat.ref, quoted.message_id)
    if kept is not None and kept.issue_id is not None and kept.outcome in REPORTED:
        # Reported already, whatever became of that issue since.
        number = ctx.uow.issues.get(kept.issue_id).number
        return answer(ctx, texts.FILE_ALREADY.format(number=number), "invalid")
    if author is not None and text:
        kept = None  # the platform quoted it whole: author and text as quoted
    author_ref = author.ref if author is not None else kept.sender_ref if kept else None
    if author_ref == ctx.sender.ref:  # one's own message: a report like any other
        own = text or (kept.text if kept is not None else "")
        return report(ctx, own) if own else answer(ctx, texts.FILE_NO_ORIGINAL, "invalid")
    reason = refusal("file", ctx.actor)
    if reason is not None:
        return refuse(ctx, "file", reason)
    if author is None or not text:
        if kept is not None:
            author_row = ctx.uow.people.find(ctx.chat.platform, kept.sender_ref)
            text = text or kept.text
            if author_row is not None:
                return _file_for(ctx, author_row, text)
        return answer(ctx, texts.FILE_NO_ORIGINAL, "invalid")
    if not has_content(text):
        return answer(ctx, texts.FILE_EMPTY_ORIGINAL, "invalid")
    reporter = ctx.uow.people.ensure(author.platform, author.ref, author.name, ctx.now)
    return _file_for(ctx, reporter, text)


def _file_for(ctx: Context, reporter: Person, text: str) -> Outcome:
    settings = ctx.services.settings
    # 「#报事 …」 filed again by reply: the same description as its own report would have.
    text = report_text(
        text, [*settings.intake.report_tags, *settings.intake.file_tags], settings.bot.name
    )
    if not has_content(text):
        return answer(ctx, texts.FILE_EMPTY_ORIGINAL, "invalid")
    assert ctx.community is not None
    filed = ctx.uow.issues.open_with_text(ctx.community.id, reporter.id, text)
    if filed is not None:  # the same message filed twice, or tagged and then filed
        return answer(ctx, texts.FILE_ALREADY.format(number=filed.number), "invalid")
    if (ordered := _order_filed(ctx, text)) is not None:  # its work order, filed before
        return _order_again(ctx, ordered, text)
    analysis = ctx.services.analyzer.analyze(text)
    location = analysis.location
    reason = building_refusal(ctx.actor, location.building)
    if reason is not None:
        return refuse(ctx, "file", reason)
    if len(ctx.actor.buildings) == 1 and location.building is None and location.place is None:
        # A 楼栋长 files for their own building only: a message that names no place is about it.
        (building,) = ctx.actor.buildings
        analysis = replace(analysis, location=replace(location, building=building))
    return _file(ctx, text, reporter=reporter, filed_by=ctx.sender, analysis=analysis)


# 「家里水管漏了」「卫生间天花板渗水」: in the reporter's own flat; 「楼道灯坏了」「楼上太吵」: in
# their building's unit.
# (「我家水管漏了」 is of the flat, 「我家楼下…」「我家门口…」 not.)
_IN_MY_FLAT = re.compile(
    r"家里|家中|屋里|屋内|室内|卧室|客厅|厨房|卫生间|厕所|阳台|天花板"
    r"|我家(?!楼下|门口|附近|对面|旁边|后面|前面|楼前|楼后|外面)"
)
_IN_MY_UNIT = re.compile(r"楼道|楼梯|楼上|楼下|对门|单元门|家门口|我们楼|我们单元|本单元|本楼")


def _at_home(ctx: Context, description: str, location: Location) -> Location:
    """Where a private report that names no place is, when its words are of the reporter's
    own flat or stairwell and they gave their flat (or building) before (`homes`): that
    flat, or its building and unit; a 楼栋长's stairwell, their one building; else `location`
    as it was."""
    said = normalize(description)
    flat = _IN_MY_FLAT.search(said) is not None
    if not (flat or _IN_MY_UNIT.search(said)):
        return location
    home = homes.home(ctx)
    if home is None and not flat and (kept := _heads_building(ctx, description, location)):
        return replace(location, building=kept)  # 「我们楼电梯又响了」 from its 楼栋长
    if home is None:
        return location
    building, unit, room = home
    return replace(location, building=building, unit=unit, room=room if flat else None)


def _heads_building(ctx: Context, description: str, where: Location) -> str | None:
    """The one building a 楼栋长 keeps, when their report names no building but a unit or
    their stairwell (「2单元楼道堆了纸箱」「我们楼电梯又响了」); None otherwise."""
    heads = ctx.actor.buildings if ctx.actor.role is Role.HEAD else frozenset()
    if len(heads) != 1:
        return None
    said = normalize(description)
    if _IN_MY_UNIT.search(said) is None and where.unit is None:
        return None
    return next(iter(heads))


def _file(
    ctx: Context,
    description: str,
    reporter: Person,
    filed_by: Person | None,
    analysis: Analysis | None = None,
    *,
    source: Source | None = None,
) -> Outcome:
    community = ctx.community
    assert community is not None
    services = ctx.services
    now = services.clock.now()
    analysis = analysis or services.analyzer.analyze(description)
    description = without_emoji_codes(description) or description  # 「…坏了[捂脸]」 alike
    source = source or source_of(
        private=ctx.chat.kind == "private",
        own=ctx.actor.role if filed_by is None else None,
        text=description,
    )
    complaint = _staff_complaint(ctx, description, source)
    category = services.category(_category_code(analysis, description, complaint=complaint))
    location = analysis.location
    grid_id = grid_for(ctx, location.building)
    if grid_id is None and ctx.chat.kind == "private" and filed_by is None and not location.place:
        grid_id = homes.home_grid(ctx)  # a private report of no place: the reporter's grid
    order = work_order_of(normalize(description))
    # The time limit of an order staff took (「办理时限：3个工作日」) is its deadline.
    ordered = filed_by is None and ctx.actor.role in STAFF and (order or source is Source.HOTLINE)
    due_by = _time_limit(ctx, description, now) if ordered else None
    number = ctx.uow.communities.take_issue_number(community.id)
    issue = ctx.uow.issues.add(
        Issue(
            community_id=community.id,
            number=number,
            grid_id=grid_id,
            chat_id=ctx.chat.id,
            reporter_id=reporter.id,
            filed_by_id=filed_by.id if filed_by else None,
            source_message_id=ctx.message.message_id,
            description=description,
            category=category.code,
            level=category.level,
            building=location.building,
            unit=location.unit,
            room=location.room,
            place=location.place,
            urgent=analysis.urgent,
            private=ctx.chat.kind == "private",
            staff_complaint=complaint,
            source=source,
            work_order=order,
            due_by=due_by,
            status=IssueStatus.NEW,
            report_count=1,
            deadline=due_by or _first_deadline(ctx, category.level, now),
            created_at=now,
            updated_at=now,
        )
    )
    quoted = ctx.message.reply_to
    carried = quoted.attachments if filed_by is not None and quoted is not None else ()
    earlier = earlier_photos(ctx) if filed_by is None else ()  # sent just before the words
    photos = (*carried, *earlier, *ctx.message.attachments)
    attach(ctx, issue, photos)
    record(ctx, issue, "filed_for" if filed_by else "filed")
    where = where_label(ctx, issue)
    alerts = _tell_work_groups(ctx, issue, category.name, where, reporter, photos=len(photos))
    if issue.urgent:
        told = texts.ACK_URGENT_TOLD if alerts else ""
        ack = texts.ACK_URGENT.format(number=number, category=category.name, where=where, told=told)
        if grid_id is None and not (location.building or location.place):  # 「救命」: where?
            ack += _urgent_asked(ctx, other=category.code == OTHER_CODE)
    elif due_by is not None:
        limit = shown_deadline(services, due_by)
        gone = texts.ACK_DUE_GONE if due_by <= now else ""  # forwarded late: overdue already
        ack = texts.ACK_DUE.format(
            number=number, category=category.name, where=where, due=limit, gone=gone
        )
    else:
        placed = grid_id is not None or bool(location.building or location.place)
        ack = _acknowledged(ctx, number, category, where, description, placed=placed)
    if earlier:  # sent before the words, on their own: said to have gone with them
        ack += texts.ACK_EARLIER_PHOTOS.format(count=len(earlier))
    acknowledgement = reply_to(ctx, ack)
    if ctx.chat.kind != "private":
        acknowledgement = replace(acknowledgement, buttons=triage_buttons(number))
    return Outcome(
        [acknowledgement, *with_buttons(alerts, triage_buttons(number))], "issue", issue.id
    )


def _acknowledged(
    ctx: Context, number: int, category: Category, where: str, description: str, *, placed: bool
) -> str:
    """The acknowledgement of a report neither urgent nor a work order with its time limit:
    with what a question of a service or of the property company may ask directly, or, where
    nobody knows where to go (not `placed`), the place asked for."""
    days = ctx.services.settings.days_for(category.level)
    ack = texts.ACK.format(number=number, category=category.name, where=where, days=days)
    said = normalize(description)
    asked = asks(said)
    if category.code == SERVICE_CODE and "上门" not in description:
        return ack + _office_hint(ctx)  # 「老年证在哪办」: nobody need call; the office can tell
    if category.code == PROPERTY_CODE and asked:
        return ack + _property_hint(ctx)  # 「物业费怎么交」: the company can tell too
    if placed:
        return ack
    # Nobody knows where to go: ask, while they are here; not for the whole estate
    # (「建议小区多装几个充电桩」), a question of nowhere (「小区什么时候开始供暖」) nor one of
    # the rules (「装修可以几点开始」「停车费怎么收」), which is answered, not visited.
    nowhere = _WHOLE_ESTATE.search(said) or (asked and category.code == OTHER_CODE)
    nowhere = nowhere or CONDUCT.search(said) is not None  # 「态度很差」: nowhere to go
    return ack + ("" if nowhere or rule_asked(said) else texts.ACK_ASK_WHERE)


def _urgent_asked(ctx: Context, *, other: bool) -> str:
    """What an urgent report that said no place asks at once: what and where (`other`: it
    said no problem either, 「救命」), or where; in a group, to be said to the bot."""
    ask = texts.ACK_URGENT_ASK_WHAT if other else texts.ACK_URGENT_ASK_WHERE
    # A group's words are neighbours' unless said to the bot.
    to = "" if ctx.chat.kind == "private" else f"@{ctx.services.settings.bot.name} "
    return ask.format(to=to)


def _property_hint(ctx: Context) -> str:
    """The property company's number from config.yaml (a published number: shown in groups
    too, `Settings.public_phones`)."""
    unit = ctx.community_settings().find_unit("物业")
    if unit is None or not unit.phone:
        return ""
    return texts.ACK_ASK_UNIT.format(unit=unit.name, phone=unit.phone)


def _office_hint(ctx: Context) -> str:
    """Where a 政务服务 matter can be asked in person, from config.yaml: the office and its
    number (published: shown in groups too)."""
    said = contacts.office_said(ctx)
    return texts.ACK_ASK_OFFICE.format(said=said) if said else ""


# An order forwarded late may carry a time limit already gone by (「时限11月20日」 on the 23rd):
# kept, and the issue overdue from the start; one longer gone is a misreading.
LIMIT_GONE_AT_MOST = timedelta(days=31)


def _time_limit(ctx: Context, description: str, now: datetime) -> datetime | None:
    """The time limit a work order's words give (「限3个工作日内办结」), also one gone by in
    the last month; else None (also for words that are no deadline)."""
    said = time_limit_said(normalize(description))
    if said is None:
        return None
    try:
        return ctx.services.deadline(said, now)
    except PastDeadline as past:
        return past.deadline if now - past.deadline <= LIMIT_GONE_AT_MOST else None
    except DeadlineError:
        return None


def _first_deadline(ctx: Context, level: str, now: datetime) -> datetime:
    # "3个工作日内答复" starts at filing; past the holiday calendar, counted Monday to Friday.
    days = ctx.services.settings.days_for(level)
    return ctx.services.weekday_calendar.deadline_after(now, days)


def grid_for(ctx: Context, building: str | None) -> int | None:
    """The grid an issue belongs to: its building's, else the chat's where it was raised."""
    # The building says where the problem is; the chat only where it was mentioned.
    assert ctx.community is not None
    if building:
        known = ctx.uow.communities.building(ctx.community.id, building)
        if known is not None:
            return known.grid_id
    return ctx.chat.grid_id


def where_label(ctx: Context, issue: Issue) -> str:
    parts = [location_label(issue.building, issue.unit, issue.room, issue.place)]
    if issue.grid_id is not None:
        parts.append(ctx.uow.communities.grid(issue.grid_id).name)
    return "".join(f"{part} · " for part in parts if part)


def _tell_work_groups(
    ctx: Context,
    issue: Issue,
    category: str,
    where: str,
    reporter: Person,
    *,
    description: str | None = None,
    photos: int = 0,
) -> list[Outgoing]:
    """The work groups' alert of a new urgent or private report (`description`: what this
    report said, when it joins an issue filed earlier; `photos`: how many came with it)."""
    if not (issue.urgent or issue.private):
        return []
    shown = texts.ALERT_PHOTOS.format(count=photos, number=issue.number) if photos else ""
    # Masked on the way out (bot.text.fit_for_chat).
    # A 12345 order pasted whole: its problem, not its header, fills the line.
    description = shorten(order_gist(description or issue.description), _ALERT_DESCRIPTION_LIMIT)
    if issue.urgent:
        text = texts.URGENT_ALERT.format(
            number=issue.number,
            category=category,
            where=where.replace(" · ", "，"),
            description=description,
            reporter=reporter_label(reporter.name, private=ctx.chat.kind == "private", named=False),
            chat=_chat_label(ctx),
        )
    else:
        # A resident's private words hide who wrote them; a call or a 12345 order staff took
        # privately says how it came and who took it.
        source = Source(issue.source)
        text = (texts.TAKEN_ALERT if source.taken else texts.PRIVATE_ALERT).format(
            number=issue.number,
            category=category,
            where=where.replace(" · ", "，"),
            description=description,
            source=source.label,
            who=mask_name(reporter.name),
        )
        if issue.staff_complaint:  # for the secretary, not the group the worker is in
            return tell_staff_of(ctx, issue, text + texts.STAFF_COMPLAINT_NOTE + shown)
    return tell_work_groups(ctx, text + shown)


def _category_code(analysis: Analysis, description: str, *, complaint: bool) -> str:
    """The category a report is filed in: as analysed, but a complaint of the community's own
    staff's conduct (a grid worker's, `complaint`; 「居民反映李书记态度很差」) is not 物业服务
    for its 态度 or 不作为, unless it names the property company."""
    if analysis.category != PROPERTY_CODE or _PROPERTY_CALLED.search(description):
        return analysis.category
    if complaint or (_STAFF_CALLED.search(description) and CONDUCT.search(description)):
        return OTHER_CODE
    return analysis.category


# The property company's people, whose conduct is 物业服务; the community's own staff.
_PROPERTY_CALLED = re.compile(r"物业|保安|保洁|管家|门卫")
_STAFF_CALLED = re.compile(r"书记|网格员?|社区|居委会?|主任|干部|工作人员")
_ALSO_AT_WORK = re.compile(r"师傅|楼长|楼栋长")  # neither, and at work all the same


def _staff_complaint(ctx: Context, description: str, source: Source) -> bool:
    """Whether a report is one for the secretary: made privately by a resident, complaining
    of a grid worker's conduct (「我要投诉张网格，态度很差」)."""
    if ctx.chat.kind != "private" or source.taken:
        return False
    return _complains_of_staff(ctx, normalize(description))


def _complains_of_staff(ctx: Context, said: str) -> bool:
    """Whether a private report complains of a grid worker's conduct, by name or as 网格员,
    in one clause (「我要投诉张网格，态度很差」「网格员不作为」; not 「我要投诉，下水道堵了，
    网格员说物业会来修」, a complaint of the blocked drain)."""
    assert ctx.community is not None
    if not complains(said):
        return False
    names = [
        person.name
        for person, grant in ctx.uow.people.staff(ctx.community.id)
        if grant.role is Role.WORKER and len(person.name) >= 2
    ]
    return any(
        complains(clause) and ("网格员" in clause or any(name in clause for name in names))
        for clause in _clauses(said)
    )


def _complains_of_secretary(ctx: Context, description: str) -> bool:
    """Whether a resident's private report complains of the secretary's conduct, by name or
    as 书记 (「我要投诉李书记，态度很差」)."""
    if ctx.chat.kind != "private" or ctx.actor.role in STAFF:
        return False
    assert ctx.community is not None
    said = normalize(description)
    if "书记" not in said or not complains(said):
        return False
    names = [
        re.escape(person.name)
        for person, grant in ctx.uow.people.staff(ctx.community.id)
        if grant.role is Role.SECRETARY and len(person.name) >= 2
    ]
    whom = "|".join([*names, "书记"])
    # 「投诉李书记」「书记态度很差」「李书记对我们不理不睬」; not 「请李书记帮忙看看物业态度」
    of_them = re.compile(
        rf"(?:投诉|举报)[^，,。]{{0,4}}(?:{whom})|(?:{whom})[^，,。]{{0,4}}(?:{CONDUCT.pattern})"
    )
    return of_them.search(said) is not None


def _secretary_complaint(ctx: Context) -> Outcome:
    """A complaint of the secretary, who reads every issue: not filed, the resident told whom
    it goes to (config.yaml's `supervision`, else the street office) and the 12345 hotline."""
    over = ctx.community_settings().supervision
    if over is None:
        whom = texts.SECRETARY_COMPLAINT_NOBODY
    elif over.phone:
        whom = texts.SECRETARY_COMPLAINT_WHOM.format(name=over.name, phone=over.phone)
    else:
        whom = over.name
    return answer(ctx, texts.SECRETARY_COMPLAINT.format(whom=whom), "invalid")


def _chat_label(ctx: Context) -> str:
    """Where a message came from, as others are told: a group by its name; a private chat
    only as 私聊 (its title is the person's name)."""
    return "私聊" if ctx.chat.kind == "private" else ctx.chat.title or ctx.chat.ref
