"""Every sentence the bot says, in one place. Short, plain Simplified Chinese."""

from __future__ import annotations

ACK = "已登记 #{number}【{category}】{where}{days}个工作日内答复。回复「查看 {number}」看进度。"
ACK_DUE = "已登记 #{number}【{category}】{where}工单时限 {due}{gone}。回复「查看 {number}」看进度。"
ACK_DUE_GONE = "，已超时限，请尽快办理"
PAST_TIME_LIMIT = (
    "注意：#{number} 的期限晚于工单时限 {due}，{platform}仍按时限考核；需要延期请在平台申请。"
)
ACK_URGENT_NOTE = "紧急事项已通知工作群。"
ACK_ASK_WHERE = "\n在哪栋楼？请回复楼号和单元（如：5号楼2单元），方便网格员上门。"
ACK_ASK_OFFICE = "\n办事也可以直接问社区：{said}。"
STATS_OWN_BUILDINGS = "您可以查看{buildings}的统计，例如：统计 本月、统计 上月。"
STATS_OWN_UNIT = "您可以查看{unit}的统计，例如：统计 本月、统计 上月。"
ACK_ASK_UNIT = "\n也可以直接问{unit}：电话 {phone}。"
# An urgent report is not promised 「3个工作日」: it is marked urgent, and someone in danger is
# told who comes at once (119 also rescues people trapped in lifts).
ACK_URGENT = (
    "已登记 #{number}【{category}】{where}已列为紧急{told}。"
    "如有危险请先拨打 119（火警）、120（急救）或 110。回复「查看 {number}」看进度。"
)
ACK_URGENT_TOLD = "，已通知工作群"
ACK_URGENT_ASK_WHERE = (
    "\n在哪里？请马上{to}回复楼号、单元和门牌（如：5号楼2单元301），网格员好赶过去。"
)
ACK_URGENT_ASK_WHAT = "\n出了什么事、在哪里？请马上{to}回复（如：5号楼2单元301，老人摔倒了）。"
URGENT_ALERT = (
    "🚨 紧急诉求 #{number}【{category}】{where}{description}（{reporter} 报，来自{chat}）"
)
STAFF_COMPLAINT_NOTE = "（投诉工作人员，只发给书记）"
STAFF_COMPLAINT_HIDDEN = "（对工作人员的投诉）"
# Praise of someone's work (「张网格态度很好，很耐心」): thanked and passed on, not filed.
PRAISE_THANKS = "谢谢您的肯定！已转告社区。"
CARE_ASKED_ALERT = "💬 {who}{how}：{said}（请多关注）"
SAID_PRIVATELY = "私信"
CARE_ASKED_NOTED = "已转给{whom}，会多关注。"
CARE_WORRIED_ALERT = "⚠️ {who}{how}：{said}（请尽快上门看看）"
CARE_WORRIED_NOTED = "已转给{whom}，会尽快上门看看。如有危险请直接拨打120或110。"
THE_OFFICE = "社区工作人员"
PRAISE_ALERT = "👍 居民{who}表扬：{said}"
# A complaint of the secretary: not filed (the secretary reads every issue), sent on.
SECRETARY_COMPLAINT = "对社区书记的投诉，请向{whom}反映，也可拨打12345市民服务热线。"
SECRETARY_COMPLAINT_WHOM = "{name}（{phone}）"
SECRETARY_COMPLAINT_NOBODY = "街道"
ALERT_PHOTOS = "\n📷 附照片{count}张，私聊发送「查看 {number}」看。"
ACK_EARLIER_PHOTOS = "\n您先发的{count}张照片已一并登记。"
PRIVATE_ALERT = "新诉求 #{number}【{category}】{where}{description}（私信反映，报事人已隐去）"
TAKEN_ALERT = "新诉求 #{number}【{category}】{where}{description}（{source}，{who}登记）"

EMPTY_REPORT = "请接着发文字说明是什么问题、在哪里（如：3号楼2单元楼道灯不亮），我来登记。"
UNBOUND_CHAT = "本群还没有绑定社区，请书记发送「/bind 网格名」后再报事。"
NO_COMMUNITY = "还不知道您属于哪个社区，请在您所在的网格群里用 #报事 反映。"
PRIVATE_HINT = (
    "您好，我是{bot}。直接描述要反映的问题（如：3号楼井盖坏了），"
    "我会登记并转给网格员。发送「帮助」查看更多。"
)

OWN_AGAIN = (
    "您反映过的 #{number} 正在处理（{status}），已记下您的补充；如果是另一个问题，请回复「新建」。"
)
FOLLOWED_AGAIN = (
    "您关注的 #{number} 正在处理（{status}），已记下您的补充；如果是另一个问题，请回复「新建」。"
)
YOU_ARE_WELCOME = "不客气！有问题随时找我。"
NOTED = "好的，有问题随时找我。"  # 「好的」「收到」 said to the bot
THANKS_FOR_NEWS = "好的，谢谢告知！有问题随时找我。"
GOODBYE = "再见！有问题随时找我。"
NO_OUTAGE_NOTICE = "最近没有{what}通知。如果现在{what}了，请告诉我在几号楼，我来登记。"
NEVER_MIND = "好的，没关系。有问题随时找我。"
PHONE_KEPT = (
    "已把电话补充到 #{number}，网格员会和您联系（号码只有办理的工作人员看得到，不会发到群里）。"
)
PHONE_ALERT = "#{number} 报事人留了电话 {detail}，请回电：私聊发送「查看 {number}」看号码。"
CALLER_PHONE_KEPT = "已把电话补充到 #{number}（只有办理的工作人员看得到，不会发到群里）。"
PHONE_NO_ISSUE = (
    "请把要反映的问题和电话一起发给我（如：3号楼楼道灯坏了，电话138…），网格员会联系您。"
)
CALL_ME_ASK = "可以。请回复您的电话号码，我转给网格员给您回电（号码只有办理的工作人员看得到）。"
CALL_ME_WHAT = "可以。请说说是什么问题、在哪里，并留下电话号码，网格员会联系您。"
WHO_HANDLES_REPORTED = (
    "#{number} 已转给网格员，由他们交给负责的单位（物业、供暖公司或相关部门）办理，有进展会通知您。"
)
WHO_HANDLES = "社区会把问题转给负责的单位（物业、供暖公司或相关部门）。请直接说说是什么问题、在哪里，我登记后转给网格员。"
VOICE_HINT = "语音我还听不了，请打字告诉我，例如：3号楼楼道灯坏了。也可以发照片。"
# 「电梯修好了，谢谢」 from the reporter, and what whoever holds the issue is told of it.
FIXED_NOTED = "好的，已转告处理人员。#{number} 办结后会请您评价。"
FIXED_NOTED_FOLLOWER = "好的，已转告处理人员。#{number} 办结后会通知您。"
FIXED_TOLD = "#{number} 报事人说「{said}」。已办好的话，请发送「办结 {number} 结果」。"
FIXED_TOLD_BY_FOLLOWER = (
    "#{number} 关注此事的居民说「{said}」。已办好的话，请发送「办结 {number} 结果」。"
)
HOME_TOLD = "您登记的住址：{where}{grid}。搬家了请发送新的门牌，例如「我住5号楼1单元201」。"
HOME_UNKNOWN = "还不知道您住哪。请发送「我住3号楼2单元301」这样的门牌，以后反映问题就不用再写楼号。"
TELL_ME_MORE = "好的，请直接说说是什么问题、在哪里，例如：3号楼2单元楼道灯坏了，我来登记。"
MENTION_HINT = (
    "您好，我是{bot}。要反映问题，请写明问题和位置（如：#报事 3号楼井盖坏了）；"
    "查进度请发送「查看 编号」。"
)
YOUR_ISSUES = "您反映的事项："
BUILDING_ISSUES = "{building}号楼的事项："
NONE_OF_YOURS = "没有找到您反映的未办结事项。"
# Questions about the service itself (bot/domain/asking.py SERVICE_QUESTIONS).
SERVICE_ANSWERS = {
    "photos": "可以。先发文字反映，再在2分钟内发照片，照片会附到您刚反映的事项上。",
    "how_long": (
        "反映后网格员会按期限答复：简单的{简单}个工作日，复杂的{复杂}个工作日，疑难的{疑难}个工作日；"
        "每一步进展都会通知您，办结后请您评价。"
    ),
    "contact": "不需要。网格员要联系您时会私信您；私信反映的，群里和工作群都不显示您的名字。",
}
NEW_STAFF = (
    "欢迎，{name}！开通{role}身份请找书记，在群里发送「设置角色 @{name} {role}{scope}」。"
    "也可以在网格群里说一句「我是新来的{role}{name}」，书记会收到提醒。"
)
NEW_STAFF_SCOPE = {"网格员": " 网格名", "楼栋长": " 楼号"}
NEW_STAFF_TOLD = (
    "{chat}里{name}说自己是新来的{role}。确认后请发送「设置角色 {name} {role}{scope}」开通。"
)
SERVICE_HUMAN = (
    "我是{bot}，社区的自动助手：登记您反映的问题，转给网格员，跟进到办结。要找人，{workers}"
)
HOW_TO_SEE_MINE = (
    "您还没有未办结的反映。反映过的事项，发送「我的待办」或「查看 编号」就能看到进度。"
)
# In a group, private reports are not listed; said whether there are any or not.
NONE_IN_GROUP = "没有找到您在群里反映的未办结事项（私下反映的请私聊我查询）。"
YOUR_ISSUES_FOOT = "回复「查看 编号」看详情。"
YOUR_ISSUE_LATEST = "　最新进展（{day}）：{note}"
YOUR_ISSUE_EXTENDED = "　已延期（{day}）：{note}"
ABOUT_AN_ISSUE = (
    "想了解 #{number} 的进度，请发送「查看 {number}」；问题又出现了，请发送「重开 {number} 原因」。"
)
STAFF_NUMBER_HINT = (
    "#{number} 要办结请发送「办结 {number} {said}」，报进展请发送「进展 {number} {said}」。"
)
REPEATS_LIKE = "#{number} 与 #{like} 是同一问题的话，请发送「合并 {later} {earlier}」。"
REPEATS_WHICH = "#{number} 与哪一号重复？请发送「合并 {number} 编号」，编号是它重复的那一件。"
STAFF_UNASSIGN_HINT = (
    "#{number} 要换人办请发送「派单 {number} @人或单位」；不再办理请发送「退回 {number} 原因」。"
)
STAFF_PLACE_GUESS = "说的是 #{number}【{category}】{where} 吧？"
STAFF_PLACE_WHICH = (
    "{named}有{count}件未办结：{issues}。说的是哪件？请带上编号，例如「进展 {first} {said}」。"
)
STAFF_PLANNED_HINT = "#{number} 报进展请发送「进展 {number} {said}」，报事人会收到；办好后再发送「办结 {number} 结果」。"
STAFF_DONE_HINT = (
    "#{number} 已办好的话，请发送「办结 {number} {said}」；还没办完请发送「进展 {number} {said}」。"
)
STAFF_SEVERAL_HINT = (
    "{issues} 都已办好的话，请发送「办结 {numbers} {said}」；进展请一件一件发送「进展 编号 说明」。"
)
REASON_WANTED = "原因"  # in a command shown to be sent, where its reason goes
STAFF_NOTE_HINT = "#{number} 记给同事看请发送「备注 {number} {said}」；要告诉报事人请发送「进展 {number} {said}」。"
OTHER_GRID_HINT = "#{number} 在{grid}，由{grid}的网格员办理，不用退回。"
STAFF_REJECT_HINT = "#{number} 不归社区管的话，请发送「退回 {number} {said}」，报事人会收到原因。"
STAFF_NOT_OURS_HINT = "#{number} 不归您管的话，请发送「不归我管 {number} {said}」，社区会改派。"
HOLDER_CANNOT_HINT = (
    "#{number} 一时办不了的话，请发送「延期 {number} 新期限 {said}」申请延期；"
    "不归您管请发送「不归我管 {number} {said}」，社区会改派。"
)
STAFF_NOT_OURS_WHICH = (
    "您手上有 {numbers}：不归您管的，请发送「不归我管 编号 {said}」，社区会改派。"
)
STAFF_TO_SEND_HINT = "#{number} 要交给{who}，请发送「派单 {number} {who}」，{who}会收到派单通知。"
STAFF_SENT_HINT = "#{number} 要记为派给{who}，请发送「派单 {number} {who}」，{who}会收到派单通知。"
STAFF_DROP_HINT = (
    "#{number} 不再办理的话，请发送「退回 {number} 原因」；已经解决了请发送「办结 {number} 结果」。"
)
STAFF_OTHER_THAN_HELD = (
    "您手上只有 #{number}【{category}】。说的若是别的事项，请写上编号（「台账」可查）。"
)
STAFF_EXTEND_HINT = (
    "#{number} 要延期请发送「延期 {number} 新期限 原因」，例如：延期 {number} 下周三 等配件到货"
)
STAFF_SUSPEND_HINT = (
    "#{number} 要暂缓，请发送「挂起 {number} {said}」，挂起期间不计期限，「恢复 {number}」后顺延；"
    "知道哪天办的话，也可以「延期 {number} 新期限 {said}」。"
)
STAFF_HURRY_HINT = (
    "#{number} 要加急请发送「加急 {number} {said}」，承办人马上收到提醒；"
    "要改期限请发送「延期 {number} 新期限」。"
)
# To its holder, who may not 挂起: the 延期 they ask for, or the 挂起 staff may grant.
HOLDER_SUSPEND_HINT = (
    "#{number} 要暂缓的话，请发送「延期 {number} 新期限 {said}」申请延期，社区同意后生效；"
    "一时定不了日子的，可请网格员挂起。"
)
STAFF_ESCALATE_HINT = (
    "#{number} 需要上级协调的话，请发送「上报 {number} {said}」（吹哨），上报单位会收到。"
)
STAFF_ESCALATE_TO_HINT = (
    "#{number} 要请{unit}协调的话，请发送「上报 {number} {unit} {said}」（吹哨）。"
)
STAFF_EXTEND_FILLED = "#{number} 要延期请发送「延期 {number} {command}」。"
STAFF_WHICH_HINT = (
    "您手上有 {numbers}：要办结请发送「办结 编号 {said}」，报进展请发送「进展 编号 {said}」。"
)
ASSIGN_WHOM = "#{number} 派给谁？请发送「派单 {number} @人或单位」，单位有：{units}。"
TOO_MANY_AT_ONCE = "一次最多写{most}个编号，请分几次发送。"
STAFF_NOD = "好的。"
STAFF_NOD_ONE = "好的。#{number} 办好后请发送「办结 {number} 结果」。"
STAFF_NOD_SEVERAL = "好的。您手上有 {numbers}，办好后请发送「办结 编号 结果」。"
STAFF_PRIVATE_HINT = (
    "这条消息没有登记。登记新诉求请加 #报事（如：#报事 3号楼井盖坏了）；"
    "报进展请发送「进展 编号 说明」，办结请发送「办结 编号 结果」，「台账」看手上的事项。"
)

STAFF_HELLO_ONE = (
    "您好。您手上有 #{number} 未办结，办好后请发送「办结 {number} 结果」；登记新诉求请加 #报事。"
)
STAFF_HELLO_SEVERAL = "您好。您手上有 {numbers} 未办结，发送「台账」查看；登记新诉求请加 #报事。"
STAFF_HELLO_NONE = (
    "您好。您手上暂无待办。登记新诉求请加 #报事（如：#报事 3号楼井盖坏了），「帮助」看全部命令。"
)

FILE_NO_ORIGINAL = "找不到被回复的原消息，请让报事人直接用 #报事 反映。"
FILE_EMPTY_ORIGINAL = "被回复的消息没有文字内容，无法立案。"
FILE_NEEDS_REPLY = "请回复居民的那条消息，再写 #立案 或 /file。"
ORDER_FILED = "工单{order}已登记为 #{number}（{status}）"
ORDER_LIMIT = "，工单时限 {due}"
ORDER_LIMIT_REASON = "工单时限"
ORDER_SAME = "，不再重复登记。"
ORDER_ADDED = "，这次的内容已补充进去。"
ORDER_SEE = "回复「查看 {number}」看进度。"
ORDER_REOPEN = "如需重新办理，请发送「重开 {number} 原因」。"
ORDER_NOT_FOUND = "没有工单号为{order}的事项。登记工单请发送「#报事 12345工单{order}：问题」。"
ORDER_STEP = "#{number} 是工单{order}：请到{platform}{step}。"
ORDER_ANSWER = "回复办理结果"
ORDER_RETURN = "申请退单"
HOTLINE_PLATFORM = "12345平台"
ORDER_PLATFORM = "派单平台"
ORDER_AGAIN_ALERT = "#{number} 工单{order}再次转来：{detail}"
FILE_ALREADY = "这条消息已登记为 #{number}，回复「查看 {number}」看进度。"
# Staff nodding in a group to a neighbour's untagged complaint: told privately how to track it.
TAKEN_UP_HINT = (
    "您在{chat}回复了{who}的「{said}」。要登记跟进，请回复那条消息发送「#立案」，"
    "报事人记为{who}，办理进度会通知。"
)

UNKNOWN_COMMAND = "没有「{word}」这个命令。发送 /help 查看可用命令。"
SEARCH_WORD_TOO_LONG = "搜索词太长了（每个词最多{most}个字），请换几个短词，例如：搜索 3号楼 漏水"
UNKNOWN_COMMAND_CLOSE = "没有「{word}」这个命令，您是想用 {meant} 吗？发送 /help 查看可用命令。"
NEAR_COMMAND = "没有「{word}」这个命令。请发送「{meant}」：{summary}。"
FAILED = "抱歉，处理这条消息时出错了，消息已保存，请稍后再试。"


HELP_HEADER = "{bot}可以帮您登记和跟踪社区诉求。"
HELP_REPORT = "报事：消息里带 #报事（或 #诉求 #求助 #投诉），例如：#报事 3号楼2单元下水道堵了"
HELP_FILE = "代为立案：回复居民的消息并写 #立案（或 /file）"
HELP_COMMAND_LINE = "{keyword} · /{name} — {summary}"
HELP_TOPIC_LINE = "{topic}：{words}"
HELP_TOPIC_NONE = "「{topic}」里没有您能用的命令。发送「帮助」看您能用的。"
HELP_MORE = "发送「帮助 命令」看用法和例子，例如：帮助 查看；「帮助 全部」看每个命令的说明"
# What a step of the ledger staff take means for a resident's report (「受理是什么意思」), by
# command (评价, theirs to take, is told how).
STEP_MEANINGS = {
    "accept": "受理：网格员已经收到您反映的问题，定了办理期限，会在期限内处理或答复您。",
    "assign": "派单：事项已经交给具体的人或单位（比如物业）去办，办好后会通知您。",
    "resolve": (
        "办结：办理的人说已经办好了。请您看看是不是真的解决了，回复「满意」「基本满意」或"
        "「不满意」评价；没解决就说「还没修好」，会重新办理。"
    ),
    "reject": "退回：社区认为这件事不归社区办理，会说明原因。有不同意见可以回复「我不服」并说明理由。",
    "escalate": "上报（吹哨）：社区自己解决不了，已经报给街道或相关部门处理，进展同样会通知您。",
    "suspend": "挂起：暂时办不了（比如等配件、等天气），期限先暂停，条件具备后继续办理。",
    "merge": "合并：您反映的和别人反映的是同一件事，合在一起办理，进展同样会通知您。",
}
HELP_UNKNOWN = "没有「{word}」这个命令。发送{help}查看可用命令。"
HELP_SLASH = " /help "
HELP_WORD = "「帮助」"

AUDIT_ACTIONS = {
    "filed": "登记",
    "filed_for": "代为立案",
    "accept": "受理",
    "assign": "派单",
    "progress": "进展",
    "note": "备注",
    "resolve": "办结",
    "decline": "不归我管",
    "reject": "退回",
    "escalate": "上报",
    "merge": "合并",
    "merged_in": "并入",
    "reopen": "重开",
    "rate": "评价",
    "follow": "关注",
    "unfollow": "取消关注",
    "urge": "催办",
    "duplicate": "重复反映",
    "supplement": "补充",
    "split": "新建",
    "agenda": "列入议题",
    "outcome": "议定",
    "agenda_done": "议定事项落实",
    "photo": "补充照片",
    "auto_close": "默认满意销号",
    "urgent": "转为紧急",
    "unhurry": "取消加急",
    "verify": "现场核实",
    "lookback": "回头看",
    "withdraw": "报事人撤回",
    "reject_objection": "对退回有异议",
    "extend": "延期",
    "extend_asked": "申请延期",
    "extend_declined": "不同意延期",
    "pressed": "催问进度",
    "thanked": "报事人致谢",
    "told": "转告报事人",
    "call_missed": "回访未接通",
    "recategorize": "更正分类",
    "relocate": "更正位置",
    "suspend": "挂起",
    "resume": "恢复办理",
}

# -- the ledger (chat-protocol §3) ----------------------------------------------------------------
NEEDS_COMMUNITY = (
    "请在已绑定社区的群里使用这个命令（群还没绑定的，请书记在群里发送「绑定 网格名」）。"
)
NOT_FOUND = "没有找到 #{number}。"
PLACE_ADDED = "已把位置补充到 #{number}：{where}。"
PLACE_ADDED_ALERT = "#{number} 报事人补充位置：{where}"
HOME_REMEMBERED = "好的，记下了：您家是{home}。{workers}以后有问题直接告诉我。"
HOME_BUILDING_REMEMBERED = "好的，记下了：您住{building}号楼。{workers}以后有问题直接告诉我。"
DETAIL_ADDED = "已补充到 #{number}。如果这是另一件事，请回复「新建」。"
STUCK_ADDED = "已补充到 #{number}，网格员会帮您协调。如果这是另一件事，请回复「新建」。"
AVAILABILITY_ADDED = "好的，已补充到 #{number}，转告上门的工作人员。"
DETAIL_ADDED_TO = "已补充到 #{number}，已转告工作群。"
DETAIL_ADDED_ALERT = "#{number} 报事人补充：{detail}"
URGENT_DETAIL_ADDED = (
    "已补充到紧急诉求 #{number}，已通知工作群。如有危险请先拨打 119（火警）、120（急救）或 110。"
)
URGENT_DETAIL_ALERT = "🚨 紧急诉求 #{number} 报事人补充：{where}{detail}"
URGENT_TOLD = "🚨 紧急诉求 "  # before what the work group hears of an urgent issue
REPORTER_NOT_GIVEN = "#{number} 报事人的电话不对外提供。"
REPORTER_CONTACT = "需要联系或上门，请找网格员 {workers}，由网格员联系报事人。"
REPORTER_CONTACT_WHICH = "您手上有 {numbers}，是哪一件的报事人？请发送如「{first}号报事人电话」。"
REPORTER_NAMED_PHONE = "{who}留的电话：{phones}。"
REPORTER_NAMED_PRIVATELY = "居民的电话请私聊我查询（发送「{who}的电话」）。"
REPORTER_NAMED_NO_PHONE = "{who}反映的 {numbers} 里没有留电话。"
VISIT_INSTEAD = "可以请网格员上门联系。"
REPORTER_PHONE = "#{number} 报事人留的电话：{phones}。"
REPORTER_PHONE_PRIVATELY = "#{number} 报事人留了电话，请私聊我发送「查看 {number}」查看。"
REPORTER_NO_PHONE = "#{number} 报事人没有留电话。"
REPORTER_CONTACT_OFFICE = "需要联系或上门，请找社区，由社区联系报事人。"
EMERGENCY_NEWS_TOLD = "已转告工作群（#{number}）。"
EMERGENCY_NEWS_ALERT = "🚨 #{number} 报事人最新情况：{detail}"
CHECKED_ADDED = "谢谢！已把您看到的情况补充到 #{number}，转告工作群。"
DETAIL_TOLD_ALERT = "#{number} {who}补充：{detail}"
HEAD_WORD = "楼栋长"
FOLLOWER_WORD = "关注人"
PLACE_CORRECTED = "已更正 #{number} 的位置：{where}。"
PLACE_CORRECTED_ALERT = "#{number} 报事人更正位置：{where}"
ACCEPTED = "#{number} 已受理（{level}），期限 {deadline}。"
ALREADY_SO = "，无需重复。"
THANKS_RATE_ONE = "不客气！#{number} 已办结，请您评价：回复「满意」「基本满意」或「不满意」。"
THANKS_RATE_MANY = "不客气！{numbers} 已办结，请您逐件评价，例如：评价 {number} 满意"
NEIGHBOUR_ASKED = "已有人反映：{line}"
NEIGHBOUR_FOLLOW = "\n想收到进展，请回复「关注 {number}」。"
RATE_WHEN_DONE = "{numbers} 还在办理，办结后会请您评价。"
NOTHING_TO_RATE = "您现在没有待评价的事项。想反映问题，请直接描述（如：3号楼井盖坏了）。"
ONE_AT_A_TIME = "一次只能处理一件，请分开发送，例如：{word} {number} …"
ASSIGNED = "#{number} 已派单给 {who}，期限 {deadline}。"
DEADLINE_DAY_OFF = "注意：{day}是休息日。如需改到工作日，请再发送「{word}」写新的期限。"
ASSIGNED_AWAY = "#{number} 已改派给 {who}，您不用再办理了。"
DEADLINE_MOVED = "#{number} 的期限改为 {deadline}。"
EXTENDED = "#{number} 的期限由 {before} 改为 {deadline}"
EXTEND_BECAUSE = "，原因：{reason}"
EXTEND_ASKED = "{who} 申请 #{number} 延期到 {deadline}（现期限 {before}），原因：{reason}。同意请发送「{grant}」。"
EXTEND_ASK_SENT = "已把 #{number} 的延期申请转给社区，同意前期限仍是 {before}。"
EXTEND_NOTHING_ASKED = "#{number} 没有待批的延期申请。"
EXTEND_ANSWER_STAFF = "延期申请由书记或本网格的网格员批准。"
EXTEND_DECLINED = "社区不同意 #{number} 延期到 {asked}，期限仍是 {before}"
EXTEND_DECLINED_SENT = "已告知承办人：#{number} 不延期，期限仍是 {before}。"
EXTEND_ASKED_BEFORE = (
    "#{number} 延期到 {deadline} 的申请已经转给社区，请等待回复；同意前期限仍是 {before}。"
)
EXTEND_ASK_NOWHERE = (
    "社区还没有绑定工作群，延期申请无法转达，请直接联系书记。#{number} 的期限仍是 {before}。"
)
ASSIGNED_NOBODY = "{unit} 还没有联系人，机器人无法通知对方，请电话联系；以后可发送「设置角色 @联系人 部门 {unit}」。"
ASSIGNED_DIRECT = (
    "新派单 #{number}【{category}】{where}{description}，期限 {deadline}。"
    "办好后发送「办结 {number} 结果」；不归您管请发送「不归我管 {number} 原因」。"
)
PROGRESS = "#{number} 进展：{note}"
PROGRESS_AFTER = "进展：{note}"  # after 「#1 已受理…。」, in one line
# 转告 N: where the issue stands, for its reporter.
TOLD_STATUS = "#{number}【{category}】目前{status}{holder}{deadline}。{latest}"
TOLD_HOLDER = "，由{holder}办理"
TOLD_DEADLINE = "，期限{deadline}"
TOLD_LATEST = "最新进展：{note}。"
TOLD_RESOLVED = "：{result}。请回复「评价 {number} 1-5分」"
TOLD_WORDS = "#{number} 社区回复：{words}"
TOLD_REPORTER = "已转告 #{number} 报事人：{line}"
RESOLVED = "#{number} 已办结：{result}。请报事人评价：回复「评价 {number} 1-5分」，或「满意/基本满意/不满意」。"
# Done, of someone outside the chat (`Source.has_caller`): staff call them back and record it.
RESOLVED_CALL_BACK = (
    "#{number} 已办结：{result}。请回访{caller}，记录「回访 {number} 满意/基本满意/不满意」。"
)
CALLERS = {"hotline": "来电市民", "phone": "来电居民", "visit": "来访居民"}
CALLER_PHONE = "{caller}（{phone}）"  # to whoever took the call, privately
RESOLVED_ALREADY = "#{number} 已办结（{result}），正等报事人评价，无需重复。"
DECLINED = "#{number} {who}反馈不归其管（{reason}），正在重新派单。"
REJECTED = "#{number} 已退回：{reason}"
REJECTED_BECAUSE = "#{number} 退回的原因：{reason}"
REJECTED_OBJECT = "如有异议，请发送「重开 {number} 原因」，会转给网格员和书记。"
OBJECT_WHICH = "您有几件被退回的反映（{numbers}），对哪一件有异议？请发送「重开 编号 原因」。"
NO_REASON = "（未写原因）"
ESCALATED = "#{number} 已上报{unit}协调处理。"
WHISTLE = "📣 吹哨 #{number}【{category}】{where}{description}，请{unit}协助处理。"
WHISTLE_WHY = "上报原因：{note}。"
DECLINED_NOT_TOLD = "{who}已对 #{number} 反馈不归其管，没有再通知；如仍请其办理，请派单给本人。"
WHISTLE_HOW = "进展请发送「进展 {number} 说明」，办好后发送「办结 {number} 结果」。"
MERGED = "#{number} 与 #{into} 是同一问题，已合并，后续进展在 #{into} 通知。"
REOPENED = "#{number} 已重开：{reason}，期限 {deadline}。"
WITHDRAW_ASKED = "#{number} 已转告网格员：{reason}。确认后会结案。"
WITHDRAW_ALERT = (
    "#{number} 报事人表示不用处理了{why}。请确认后「办结 {number} 结果」或「退回 {number} 原因」。"
)
WITHDRAW_WHY = "：{reason}"
CANCEL_WHICH_ONE = "要撤回 #{number}，请发送「撤回 {number}」，也可以写上原因。"
CANCEL_WHICH = "要撤回哪一件？请发送「撤回 编号」。您未办结的有：{numbers}。"
PRIVACY_ANSWER = "放心，您私信反映的事项，群里和工作群都不显示您的名字，只有书记和承办人能看到。"
PRIVACY_ALERT = "#{number} 报事人希望不透露其身份：{detail}"
RECALLED_REASON = "报事人撤回了原消息"
URGENT_MARK = "紧急"  # in a 台账 line
EDIT_NOT_RUN = "修改过的命令不会再执行。要按修改后的办，请重新发送：{said}"
EDIT_ADDED = "已把修改补充到 #{number}。"
EDIT_MOVED = "已把修改补充到 #{number}，位置改为：{where}。"
EDIT_ADDED_ALERT = "#{number} 报事人修改了原消息：{detail}"
WITHDRAW_DEFAULT = "不用处理了"
WITHDRAW_NOT_OPEN = "#{number} {status}，无需撤回。"
WITHDRAW_WHICH = (
    "您有几件未办结的事项（{numbers}），请写明撤回哪一件，例如：撤回 {number} 已经自己修好了"
)
VERIFIED = "#{number} 已由{role} {who} 现场核实{note}。"
VERIFY_NOT_RESOLVED = "#{number} {status}，办结后才能现场核实。"
VERIFY_OTHER_BUILDING = "楼栋长只能核实本楼栋（{mine}）的事项，请网格员核实。"
REOPEN_REJECTED = (
    "#{number} 已被退回。如有异议，请写明原因：重开 {number} 原因，会转给网格员和书记。"
)
REJECTION_OBJECTION_SENT = "#{number} 已被退回，您的意见已转给网格员和书记：{reason}。"
REJECTION_OBJECTED = (
    "#{number} 报事人（{who}）对退回有异议：{reason}。核实后可「重开 {number} 原因」。"
)
FOLLOWING = "已关注 #{number}，有进展会在这里通知您。"
ALREADY_FOLLOWING = "您已关注 #{number}。"
OWN_ISSUE = "#{number} 是您反映的事项，有进展会通知您。"
NOT_FOLLOWING = "您没有关注 #{number}。"
UNFOLLOWED = "已取消关注 #{number}，不再通知您。"
URGED = "{mark} 催办 #{number}【{category}】{where}{description}，期限 {deadline}。请尽快办理，或发送「进展 {number} 说明」。"
FOLLOW_UP_CALL = "电话回访 "  # the note of a rating a worker records for the reporter
URGED_ALREADY = "#{number} {minutes}分钟前已催办过（{who}），一小时后可再催。"
URGE_SENT = "已催办 #{number}（{who}）。"
URGE_OVERDUE_SENT = "已催办超期的{count}件：{issues}。"
ACCEPT_WAITING_DONE = "已受理{count}件：{issues}。"
ACCEPT_WAITING_NONE = "没有待受理的事项。"
URGE_HELD_SENT = "已催办{who}手上的{count}件：{issues}。"
URGE_HELD_NONE = "{who}手上没有可催办的事项（一小时内催过的不再催）。"
URGE_OVERDUE_NONE = (
    "没有可催办的超期事项（还没派单的请先「派单 编号 @人或单位」，一小时内催过的不再催）。"
)
PRESSED = "#{number} {who}{asked}（{state}）。{then}"
PRESSED_STATE = "{status}，期限 {deadline}"
PRESSED_STATE_SUSPENDED = "{status}，已挂起：{why}"
PRESSED_SUSPENDED_THEN = "能办了请「恢复 {number}」。"
PRESSED_SUSPENDED_TOLD = "#{number} 目前暂缓办理：{why}。"  # before whom it was passed to
PRESSED_SENT_SUSPENDED = "已转告网格员 {workers}。"
SUSPENDED_WHY_UNTIL = "{reason}，{day}恢复"
SUSPENDED_NO_REASON = "等待条件具备"  # suspended before its reason was kept
PRESSED_ASKED = "催问进度"
PRESSED_HURRY = "请求加急{because}"
PRESSED_BECAUSE = "：{reason}"
PRESSED_HURRY_THEN = "需要的话请「加急 {number}」。"
PRESSED_URGE = "需要的话请「催办 {number}」。"
PRESSED_ASSIGN = "请尽快「派单 {number} @人或单位」。"
PRESSED_SENT = "已转告网格员 {workers}，会尽快跟进 #{number}。"
PRESSED_SENT_OFFICE = "已转告社区工作群，会尽快跟进 #{number}。"
URGE_WHOSE = "只能催问自己反映、关注或本楼栋的事项；催办由网格员负责。"
PRESS_WHICH = "您有几件未办结的反映（{numbers}），要催哪一件？例如：催办 {number}"
PRESSED_ALREADY = "#{number} 已经转告过网格员了，请耐心等待，有进展会通知您。"
URGE_NOT_OPEN = "#{number} {status}，无需催办。"
URGE_SUSPENDED = "#{number} 已挂起（{why}），不计期限，无需催办；能办了请发送「恢复 {number}」。"
REMIND_TOO_LONG = "提醒内容最多{limit}字，请写简短些。"
WORDS_TOO_LONG = "说明最多{limit}字，请写简短些再发一次。"
RECATEGORIZED = "已把 #{number} 的分类由【{before}】改为【{after}】。"
CATEGORY_SAME = "#{number} 已经是【{name}】。"
CATEGORY_UNKNOWN = "没有「{word}」这个分类。可选：{names}"
RELOCATED = "已把 #{number} 的位置由 {before} 改为 {after}。"
RELOCATED_TOLD = "#{number} 改到您的网格：【{category}】{where}{description}（{status}）。回复「查看 {number}」看详情。"
RELOCATE_WHERE = "请写明 #{number} 在哪里（楼号或地点），例如：改位置 {number} 5号楼2单元"
RELOCATE_NO_BUILDING = "社区的网格里没有{building}号楼，请核对楼号。"
PLACE_SAME = "#{number} 的位置已经是 {where}。"
NO_PLACE = "（未写位置）"
HURRY_NOT_OPEN = "#{number} {status}，无需加急。"
HURRIED_ALREADY = "#{number} 已是紧急事项；要提醒承办人请发「催办 {number}」。"
NOT_HURRIED = "#{number} 没有加急。"
UNHURRIED = "已取消 #{number} 的加急，提醒和通知照常等到早上。"
HURRY_REASON = "（{reason}）"
HURRIED = "#{number} 已加急{because}，夜里也照常提醒"
HURRIED_WHO = "，已告知 {who}。"
HURRIED_TOLD = (
    "🔴 加急 #{number}【{category}】{where}{description}{because}，期限 {deadline}。"
    "请尽快办理，或发送「进展 {number} 说明」。"
)
URGE_UNASSIGNED = "#{number} 还没有派单，请先「派单 {number} @人或单位」。"
URGE_YOURSELF = "#{number} 由您承办，无需催办自己；办好后请发「办结 {number} 结果」。"
CLOSED = "#{number} 已销号，评价{score}分，感谢反馈。"  # to the reporter and followers alike
LOW_RATING = "#{number} 评价{score}分，已重开，期限 {deadline}。"
LOW_RATING_ALERT = "#{number} {who}评价{score}分{note}，已重开，请跟进。"

NEEDS_TEXT = "请写明{what}，例如：{example}"
HANDOVER_DONE = "已把 {giver} 手上的{count}件事项（{numbers}）交给 {taker}，期限不变。"
HANDOVER_TO = (
    "交接：{giver} 手上的{count}件事项（{numbers}）交给您办理，期限不变。发送「台账 我的」查看。"
)
HANDOVER_FROM = "您手上的 {numbers} 已交给 {taker}。"
HANDOVER_NOTE = "{taker}（交接，原承办 {giver}）"
HANDOVER_WANTED = (
    "{name}说：「{said}」。要把其手上的事交给{taker}，请书记发送「交接 {name} {taker}」。"
)
HANDOVER_HINT = "要把{name}手上的事交给{taker}，请书记发送「交接 {name} {taker}」。"
HANDOVER_PASSED = "已转告工作群：交接由书记发送「交接 {name} {taker}」。"
HANDOVER_ASK_SECRETARY = "交接由书记办理，请告诉书记发送「交接 {name} {taker}」。"
HANDOVER_NOTHING = "{giver} 手上没有未办结的事项。"
HANDOVER_SAME = "交出和接手的是同一个人。"
HANDOVER_PERSON = "「{name}」是单位，交接请写交出事项的人，例如：交接 @张网格 @赵网格"
NO_SUCH_TARGET = "找不到「{name}」。可以 @ 某人，或写单位：{units}"
AMBIGUOUS_PERSON = "有不止一位「{name}」，请用 @ 选择。"
NO_ESCALATION_UNIT = "还没有配置上报单位，请写明单位，例如：上报 {number} 住建局"
UNKNOWN_UNIT = "没有「{name}」这个单位，可以写：{units}"
BAD_LEVEL = "级别只能是 简单、复杂 或 疑难，例如：受理 {number} 复杂"
MERGE_SELF = "不能把 #{number} 合并到它自己。"
MERGE_TARGET_CLOSED = "#{into} {status}，只能合并到未办结的事项。"
RATED_OPEN = "#{number} {status}，还没办结，不能回访或销号；办好后先发送「办结 {number} 结果」。"
RATED_ALREADY = (
    "#{number} 已销号（评价{score}分），不用再评价；要重开请发送「重开 {number} 原因」。"
)
BAD_SCORE = "请给 1-5 分，或写 满意/基本满意/不满意，例如：评价 {number} 5"

HISTORY_MOVE = "{when} {actor}{action}（{before}→{after}）{note}"  # actor: 「王* 」, or none
HISTORY_NOTE = "{when} {actor}{action}{note}"

LIST_HEAD = "{community}台账{filed}：未办结{total}条（🔴{red} 🟡{yellow} 🟢{green}{suspended}）"
LIST_FILED = "（{period}收集）"  # after 台账 when asked by when they were filed
LIST_PAGE = "，第{page}/{pages}页"
LIST_NEXT = "下一页：台账 {args}{next}"
LIST_EMPTY = "没有符合条件的未办结事项。"
LIST_ORDER_DONE = "工单{order}是 #{number}（{status}），回复「查看 {number}」看详情。"
LIST_EMPTY_FOR = "没有符合条件（{what}）的未办结事项。"
LIST_FOLLOW_UP_HEAD = "{community}待回访（已办结、报事人未评价）：{total}条"
LIST_FOLLOW_UP_NONE = "没有待回访的事项。"
LIST_DONE_HEAD = "{community}{period}办结{total}条："  # 「台账 办结 本周」
LIST_DONE_NONE = "{period}没有办结的事项。"
LIST_FOLLOW_UP_HOW = "电话回访后请记录：回访 编号 满意/基本满意/不满意"
LIST_RATE_HOW = "请评价：评价 编号 1-5分，或「满意/基本满意/不满意」"
FOLLOW_UP_MARK = "📞"
# 「搜索 井盖」: an issue no longer open, marked by how it ended
ENDED_MARKS = {"closed": "✅", "rejected": "⛔", "merged": "🔗"}
SEARCH_HEAD = "含「{words}」的事项：{total}条（未办结{open}条）"
SEARCH_REPORTED_HEAD = "{words}反映的事项：{total}条（未办结{open}条）"
NONE_OPEN_OF = "{who}没有未办结的反映。"
NOBODY_OF = "没有找到{who}反映的事项。请用「{word} 编号」。"
WHICH_OF_THEIRS = "{who}反映的未办结事项有{total}条，请说是哪一条（如「{word} 编号」）："
ASKED_AFTER_HEAD = "{named}的事项："
ASKED_AFTER_NONE = "没有找到{named}的事项。"
NOTICE_WANTED = "要发到{where}，请发送「{command}」（安静时段会等到早上，写「紧急通知」立即发）。"
NOTICE_TO_RESIDENTS = "居民群"
NOTICE_BY_WORKER = "群发通知由网格员或书记发送，请告诉网格员。{worker}"
SEARCH_NONE = "没有找到含「{words}」的事项。"
SEARCH_NEXT = "下一页：搜索 {words} {next}"
RESOLVED_ON = "{day}办结"
LIST_EMPTY_HELD = "您手上没有未办结的事项。"
LIST_EMPTY_WATCHED = "您报过或关注的事项里没有未办结的。关注一件事请发送「关注 编号」。"
LIST_EMPTY_ALL = "没有未办结的事项。"
LIST_EMPTY_OWN_GRIDS = "{grids}没有未办结的事项。全社区的请发送「台账 全部」。"
LIST_EMPTY_GRIDS = "您负责的网格没有未办结的事项，您手上也没有。"
LIST_NOT_OPEN = "台账只列未办结的事项（待受理、已受理、办理中）和待回访的，不列「{word}」的；单件请发「查看 编号」。"
LIST_EMPTY_BUILDING = "{building}没有未办结的事项。"
LIST_NO_PAGE = "没有第{page}页，共{pages}页。"
LIST_UNKNOWN_FILTER = (
    "看不懂「{word}」。可以写：红/黄/绿、今天到期/本周到期、紧急、待受理/已受理/办理中、我的、网格名、分类名、"
    "承办单位或@承办人、单位（按承办汇总）、楼号、收集时间（上月、11月）、页码，"
    "例如：台账 红 网格3"
)
LIST_HOLDER_OWN = "您的台账只列您承办的事项，无需按承办人筛选。"
LIST_HOLDERS_STAFF = "按承办汇总只有网格员及以上可以看。"
LIST_HOLDERS_HEAD = "{community}未办结{total}条，按承办："
LIST_HOLDERS_LINE = "{who} {total}条（{colours}）"
LIST_HOLDERS_NOBODY = "未派单"
LIST_HOLDERS_HOW = "看某一家的明细请发送「台账 物业」「台账 @承办人」。"

BOUND = "本群已绑定 {community} · {what}。"
# 诉求提示 (chat-protocol §2): untagged messages that read as complaints
SUGGEST = "看起来是一条诉求，回复 #立案 即可登记。"
DANGER_HEARD = (
    "⚠️ 如有危险请先拨打 119（火警）、120（急救）或 110。{told}要登记跟进，请回复这条消息「#立案」。"
)
DANGER_HEARD_TOLD = "已转告社区；"
DANGER_HEARD_ALERT = "🚨 {chat}的{who}说：{said}（未登记，请尽快核实）"
SUGGEST_ON = (
    "本群已开启诉求提示：像诉求却没打 #报事 的消息，我会提示「回复 #立案」（10分钟内最多一次）。"
)
SUGGEST_OFF = "本群已关闭诉求提示。"
SUGGEST_STATE = "本群诉求提示：{state}。发送「诉求提示 开」或「诉求提示 关」修改。"
SUGGEST_PRIVATE = "诉求提示按群设置，请在群里发送「诉求提示 开」。"
BIND_PRIVATE = "私聊不能绑定，请在要绑定的群里发送。"
BIND_UNKNOWN = "没有「{word}」。可以写网格名（{grids}），或 工作群、小区群。"
BIND_WHICH_COMMUNITY = "您是多个社区的书记，请在已绑定的群里设置。"
BIND_PROPOSED = "本群与配置中的「{name}」同名。请书记在本群发送「/bind」确认，确认后按{what}使用。"
BIND_CONFIRMED = "已确认本群就是配置中的「{name}」，绑定 {community} · {what}。"
# How a chat's kind is named when it is not bound to a grid.
CHAT_KIND_LABELS = {"grid": "网格群", "work": "工作群", "resident": "小区群"}
ROLE_SET = "已设置 {who} 为{role}。"
ALL_GRIDS = "全部网格"
ROSTER_HEAD = "{community}人员："
ROSTER_NONE = "还没有设置任何角色。"
ROSTER_FOOT = "设置或改动：设置角色 @人 角色 [网格/楼栋/单位]"
ROLE_UNKNOWN = "没有「{word}」这个角色，可以写：{roles}。例如：设置角色 @张网格 网格员 网格3"
GRID_UNKNOWN = "没有「{word}」这个网格，可以写：{grids}。"
# After a change of post: what the person leaves behind (handlers/admin.py `_left_behind`).
ROLE_STILL_HOLDS = (
    "{who} 手上还有{count}件未办结（{numbers}），交给别人请发送「交接 @{name} @接手人」。"
)
ROLE_GRID_UNSTAFFED = "{grid}现在没有网格员，请发送「设置角色 @人 网格员 {grid}」。"
ROLE_ALREADY = "{who} 已经是{role}，不用改。"
ROLE_IN_CONFIG = "{who} 的角色（{role}）写在配置文件里，请联系管理员修改配置文件。"
SHOW_REPORTER = "报事人：{who} · {at} · 来源：{source}"
SHOW_TIME_LIMIT = " · 工单时限：{due}"
SHOW_WORK_ORDER = "（工单号{order}）"
SHOW_PHOTO = "#{number} 照片{index}/{count}"
ROLE_NOT_BUILDING = "「{word}」不是楼栋号，例如：设置角色 @陈楼长 楼栋长 3号楼"
UNKNOWN_BUILDING = "本社区没有{building}号楼（有：{known}）。"
ROLE_WHO = "找不到「{name}」，请 @ 这个人（对方需要在群里说过话）。"
FORGET_CONFIRM = (
    "发送「删除我的信息 确认」（或 /forget me）删除您的个人信息；"
    "您反映的事项会保留，但不再显示您的名字。"
)
FORGOTTEN = "已删除您的个人信息；您反映的事项保留，不再显示您的名字。"
DEADLINE_GUESS = "（未计{year}年节假日）"
CALENDAR_GUESS = "（{year}年节假日安排未收录，颜色暂按周一至周五推算，请在配置 calendar 中补充。）"

DUPLICATE = "与 #{number} 可能是同一问题，已为您关注 #{number}；如果不是，请回复「新建」。"
ME_TOO = "已记下：#{number} 共{count}人反映，已为您关注，有进展会通知您。"
SPLIT_WHICH = (
    "您这条反映被当作 {numbers} 的同一问题。哪一件不是？请回复「新建 编号」，如「新建 {first}」。"
)
NOTHING_TO_SPLIT = "10分钟内没有被当作重复的反映。要反映新问题，请用 #报事。"

# -- reminders (chat-protocol §5) ----------------------------------------------------------------
REMIND_YELLOW = "🟡 #{number}【{category}】{where}{description}，期限 {deadline}，请抓紧办理；办不完可发送「延期 {number} 新期限 原因」。"
REMIND_RED = "🔴 #{number}【{category}】{where}{description}，已到期限 {deadline}。请尽快办结，或发送「进展 {number} 说明」。"
REMIND_YELLOW_UNASSIGNED = "🟡 #{number}【{category}】{where}{description}，期限 {deadline}，还没有派单，请尽快「派单 {number} @人或单位」。"
REMIND_RED_UNASSIGNED = "🔴 #{number}【{category}】{where}{description}，已到期限 {deadline}，还没有派单，请尽快「派单 {number} @人或单位」。"
REMIND_OVERDUE = "🔴 #{number}【{category}】{where}{description}，已超期{days}个工作日（期限 {deadline}）。请尽快办结，或发送「进展 {number} 说明」。"
REMIND_OVERDUE_UNASSIGNED = "🔴 #{number}【{category}】{where}{description}，已超期{days}个工作日（期限 {deadline}），还没有派单，请尽快「派单 {number} @人或单位」。"
OVERDUE_ALERT = (
    "🔴 #{number}【{category}】{where}已超期（期限 {deadline}），承办：{who}{escalated}。"
)
ALERT_ESCALATED = "，已上报{unit}"
REMIND_WITHDRAWN = "报事人已撤回{reason}，核实后请办结或退回。"
REMIND_WITHDRAWN_REASON = "（{reason}）"
DUE_SOON_ALERT = "🟡 #{number}【{category}】{where}期限 {deadline}，还没有派单。"
FOLLOW_UP_CALL_BACK = (
    "#{number} 已办结，还没有回访{caller}：回访后请记录「回访 {number} 满意/基本满意/不满意」。"
)
FOLLOW_UP = "#{number} 已办结，还没收到您的评价：请回复「评价 {number} 1-5分」，或「满意/基本满意/不满意」。"
CALLED_BACK_HOW = "#{number} 已办结，回访的结果请发送「回访 {number} 满意/基本满意/不满意」记录。"
NO_WORK_LEFT = "#{number} {status}，不用再办理；问题又出现了请发送「重开 {number} 原因」。"
CALL_MISSED = "已记下：#{number} 回访电话未接通（第{n}次）。接通后请发送「回访 {number} 满意/基本满意/不满意」。"
CALL_MISSED_NOTE = "第{n}次"
AUTO_CLOSED = "#{number} {days}天未收到评价，按默认满意销号。"
AUTO_CLOSE_NOTE = "未评价，默认满意"
LOOKBACK = "回头看：#{number} 解决一个月了，问题有没有再出现？请回复「没有」或「又出现了」。"
LOOKBACK_FINE = "{numbers} 没有再出现，已记录，感谢回复！"
LOOKBACK_FINE_NOTE = "未再出现"
LOOKBACK_BACK_NOTE = "回头看：{said}"
LOOKBACK_WHICH = "您有{numbers}在回头看，请说明是哪一件：回复「重开 编号 情况」，例如「重开 {number} 又出现了」。"
REMINDER = "⏰ 提醒：{text}"
LATE = "（补发）"
BUNDLE = "{count}条提醒："
DAILY_DIGEST = "📋 今日台账（{date}）：未办结{total}条，🔴{red} 🟡{yellow} 🟢{green}{suspended}"
SUSPENDED_COUNT = " ⏸{count}"  # after the colours, when any issue's clock is stopped (挂起)
DIGEST_TO_CALL = "📞 待回访{count}条（已办结、报事人未评价）：发送「台账 待回访」查看。"
DUE_TODAY = "今天到期"  # 台账's filter (`bot.domain.deadlines.due_window`)
DIGEST_DUE_TODAY = "⏰ 今天到期{count}条：发送「台账 今天到期」查看。"
DIGEST_MORE = "……还有{more}条超期，发送「台账 红」查看。"
DIGEST_URGE = "要一次催办超期的，发送「催办 超期」。"
CALENDAR_AHEAD = (
    "⚠️ 还没有{year}年的法定节假日安排：跨年的期限无法按工作日计算。"
    "请升级 chinesecalendar，或在配置 calendar 中补充{year}年的放假和调休日期。"
)
WEEKLY_PATROLS = "上周走访巡查{count}次{households}{missing}。"
WEEKLY_PATROLS_MISSING = "；{grids}无走访记录"
WEEKLY_PATROLS_NONE = "上周没有走访记录。"
REPORT_SUSPENDED = "目前挂起{count}条（不计期限）：发送「台账 挂起」查看。"
WEEKLY_SUSPENDED = "⏸ 挂起{count}条：发送「台账 挂起」查看，能办了请发送「恢复 编号」。"
WEEKLY_RESUMING = "本周到期自动恢复：{issues}。"
WEEKLY_DIGEST = "📊 上周小结（{since}—{until}）：收集诉求{collected}条，办结{resolved}条，销号{closed}条；目前未办结{open}条，其中超期{red}条。"
WHICH_NOT_FIXED = "您有几件已办结的事项（{numbers}），是哪一件没修好？请发送「重开 编号 {said}」，例如：重开 {number} {said}"
WHICH_TO_RATE = "您有几件事项待评价（{numbers}），请写明编号，例如：评价 {number} 5"
MEETING_ON = "{topic}议事会"
REMIND_SET = "好的，{what}"
REMIND_ONCE = "{when} 提醒：{text}（取消请发送「提醒 取消 {id}」）"
REMIND_SENT_TO = "\n到时私聊发给{who}。"
REMIND_SENT_TO_GROUP = "\n到时发到{chat}。"
REMINDER_FROM = "⏰ {who}提醒：{text}"
REMIND_QUIET = "那时是安静时段，会在 {at} 发出。"
REMIND_REPEATING = "{rule} 提醒：{text}（下次 {next}{holidays}）。取消请发送「提醒 取消 {id}」"
REMIND_CHANGED = "已修改提醒 {old}，现在是：{what}"
REMIND_CHANGE_HOW = (
    "请写明要改哪一条、改到什么时间，例如：提醒 修改 3 每周二9:00（发送「提醒 列表」看编号）。"
)
REMIND_REPEAT_NEEDS_TEXT = "请写明提醒内容，例如：提醒 {rule} 开例会"
REMIND_REPEAT_HOLIDAYS = "，法定节假日不发"
REMIND_BAD_REPEAT = "看不懂重复时间「{typed}」。可以写：每天8:30、工作日9点、每周四18:00、每周一、三、五 下午3点、每月8号9点。"
REMIND_REPEAT_STAFF = "群里的重复提醒只有网格员和书记能设；您可以私聊我，设给自己。"
REMIND_REPEAT_TOO_MANY = "您已有{count}条重复提醒，请先取消不用的（发送「提醒 列表」看编号）。"
REMIND_REPEAT_QUIET = "「{rule}」在安静时段，每次都要等到早上才发。请换个时间。"
REMIND_LIST_REPEAT = "{id}. {rule}（下次 {next}）{text}"
REMIND_REPEAT_CANCELLED = "已取消重复提醒 {id}（{rule}）：{text}"
REMIND_BAD_TIME = (
    "看不懂提醒时间「{typed}」。可以写：明天9:00、周五下午3点、12月5日 9:00、10分钟后、2小时后。"
)
REMIND_AHEAD_PAST = "{event}「{ahead}」的时间已经过去了，请直接写提醒的时间，例如：明天9点提醒我…"
REMIND_PAST = "「{typed}」已经过去了，请写以后的时间，例如：明天{example}。"
REMIND_HOW_SAID = "要我到时提醒您，请这样发：明天9点提醒我交电费（或：提醒 明天9:00 交电费）。"
REMIND_CANCEL_WHICH = "请写明要取消哪一条，例如：提醒 取消 3（发送「提醒 列表」看编号）。"
REMIND_NEEDS_TEXT = "请写明提醒内容，例如：提醒 明天9:00 检查3号楼井盖"
REMIND_NONE = "您没有待发的提醒。"
REMIND_LIST_HEAD = "您的提醒（{count}条）："
REMIND_LIST_HERE = "本群的提醒（{count}条）："
REMIND_NONE_HERE = "本群没有待发的提醒。"
REMIND_LIST_GROUPS = "各群的提醒（{count}条）："
REMIND_NONE_GROUPS = "各群都没有待发的提醒。"
REMIND_IN_GROUP = "〔{chat}〕"
REMIND_LIST_LINE = "{id}. {when} {text}"
REMIND_LIST_FOOT = "取消发送「提醒 取消 编号」，改时间发送「提醒 修改 编号 新时间」。"
REMIND_NTH_NONE = "提醒列表里只有{count}条，没有第{place}条。发送「提醒 列表」查看。"
REMIND_NONE_NAMED = "没有含「{words}」的提醒。发送「提醒 列表」查看您的提醒和编号。"
REMIND_WHICH_NAMED = "含「{words}」的提醒有{ids}，请发送「提醒 取消 编号」。"
REMIND_NONE_ON_DAY = "{day}没有您的提醒。发送「提醒 列表」查看您的提醒和编号。"
REMIND_WHICH_ON_DAY = "{day}的提醒有{ids}，请发送「提醒 修改 编号 新时间」。"
REMIND_WHICH_ON_DAY_CANCEL = "{day}的提醒有{ids}，请发送「提醒 取消 编号」。"
REMIND_NOT_YOURS = "没有这条提醒。发送「提醒 列表」查看您的提醒和编号。"
REMIND_CANCELLED = "已取消提醒 {id}：{text}"

# -- meetings, votes, outcomes, publicity (chat-protocol §6) --------------------------------------
MEETING_NEEDS_GROUPS = "私聊里发起请写明群，例如：群 网格3,网格5"
MEETING_UNKNOWN_GROUP = "没有「{name}」这个群或网格。"
MEETINGS_HEAD = "进行中的议事会和表决："
# One line each on 议事会's list, after the meeting's number and title.
MEETING_POLLING = "时间投票中，截止 {deadline}，已有{voters}人投票"
VOTE_POLLING = "表决中，截止 {deadline}，已有{voters}人投票"
MEETING_COMING = "定于 {when}{place}"
MEETING_SIGNED_UP = "，{total}人报名"
MEETING_HELD = "{when} 已召开，待记录结果"
MEETING_UNPUBLISHED = "已出结果，未公示"
MEETING_PUBLICISED = "公示中，至 {until}，异议{objections}条"
MEETINGS_FOOT = "发送「查看 M编号」看详情。"
MEETINGS_NONE = "目前没有进行中的议事会或表决。"
MEETINGS_NONE_HERE = "目前没有发到本群的议事会或表决。"
MEETINGS_WHERE = "请在社区的群里发送「议事会」。"
MEETING_WHICH = "请写明会议编号，例如：M3"
MEETING_WHICH_OF = "是哪个会？请写编号：{meetings}"
OUTCOME_NONE_WAITING = (
    "没有待记录结果的会。要改已记录的结果，请写明编号，例如：结果 M{number} 决议 …"
)
OUTCOME_NOT_HELD = "{label} 还没开（{when}）。已经议定的话，请写明编号：结果 M{number} {words}"
MEETING_TIME_POLLED = "时间还在投票"
OUTCOME_WHICH = "有几个会待记录结果（{meetings}），请写明编号，例如：结果 M{number} 决议 …"
MEETING_NONE_COMING = "没有待开的会议。"
MEETING_NOT_FOUND = "没有找到 M{number}。"
MEETING_TIME_BEFORE_DEADLINE = "开会时间要在投票截止之后。"
MEETING_SENT = "已在各群发起 {label} 的投票。"
MEETING_ONLY_HERE = (
    "只发在了本群。要请居民参加，请发送「M{number} 发到 全部」或「M{number} 发到 {grid}」。"
)
MEETING_SHARED = "已把 {label} 发到 {names}。"
MEETING_TIME_UNREAD = (
    "开{kind}的时间没看懂，请说具体日子和几点，如「周四晚上7点在罐罐茶开{kind}，讨论停车」。"
)
MEETING_SHARED_ALREADY = "M{number} 已经在这些群里了。"
MEETING_NOT_SHARED = "M{number} 已经结束或取消，不能再发到别的群。"
MEETING_FIXED_SENT = "已定 {label} 于 {when}，已通知各群。"
POLL_HEAD = "📅 {label} · 时间投票"
POLL_HOW = "回复「M{number} 1」或「M{number} 1,2」投票（可多选），截止 {deadline}。"
VOTE_HEAD = "🗳 {label} · 表决"
VOTE_HOW_SECRET = "请私聊我回复「M{number} 编号{home}」投票，投票不公开。"
VOTE_HOW_OPEN = "回复「M{number} 编号{home}」投票（记名）。"
VOTE_NEEDS_DEADLINE = "请写明投票什么时候截止，例如：投票 {title} {options} 截止 周五18:00"
VOTE_BAD_RULE = "规则只能是 过半 或 三分之二。"
VOTE_BAD_QUORUM = "「至少」后面请写票数，例如：至少 30"
MEETING_NEEDS_DEADLINE = "{count}个时间要先投票定下来，请加上投票截止时间，例如：截止 明天20:00"
MEETING_PLACE = "，地点：{place}"
MEETING_WHEN = "📅 {label} 定于 {when}{place}。"
MEETING_WHEN_FOOT = "要参加请回复「我参加」。"
MEETING_SIGNUPS = "已有{count}人报名。"
NO_SIGNUPS = "还没有人报名。"
ATTEND_NONE_COMING = "目前没有要开的议事会。开会前会在群里通知，到时回复「我参加」就能报名。"
MEETING_VIEW_NOTED = "已把您的意见转给 M{number} 的组织者。"
MEETING_VIEW_PASSED = "💬 {label}：{chat}的{who}说「{said}」。"
MEETING_QUESTION_NOTED = "已把您的问题转给 M{number} 的组织者，会尽快答复。"
NOTICE_QUESTION_NOTED = "已把您的问题转给社区工作人员，会尽快答复。"
# 问N as staff read it: `how` says how to answer it.
QUESTION_HOW = "回复这条消息，或发送「答复 {number} 内容」，我替您发到群里。"
NOTICE_QUESTION_RELAYED = (
    "❓问{number} 关于通知「{notice}」，{chat}的{who}问「{said}」。" + QUESTION_HOW
)
MEETING_QUESTION_RELAYED = "❓问{number} {label}：{chat}的{who}问「{said}」。" + QUESTION_HOW
ASKED_PRIVATELY = "私聊"
ASKED_ABOUT_NOTHING = "私信提问"
ASKED_IN_GROUP = "群里@提问"
ANSWERED_PRIVATELY = "提问人的私聊"
PRIVATE_QUESTION_RELAYED = "❓问{number} 居民{who}私信问「{said}」。回复这条消息，或发送「答复 {number} 内容」，我替您私信答复。"
QUESTION_WAITS = "这个问题已经转给社区工作人员了（问{number}），请耐心等待答复。"
GROUP_QUESTION_RELAYED = "❓问{number} {chat}的{who}问「{said}」。" + QUESTION_HOW
QUESTION_PASSED_NOTED = "这个问题我答不了，已转给社区工作人员（问{number}），会尽快答复您。"
QUESTION_ANSWER = "答复「{said}」：{answer}\n——{community} {sender}"
QUESTION_ANSWER_SENT = "问{number} 的答复已发到{chat}。"
QUESTION_ANSWERED_AGAIN = "问{number} 之前已由{who}答复过，这次的答复也已发到{chat}。"
QUESTION_UNKNOWN = "没有问{number}。请对照转来的消息里的编号（❓问N）。"
QUESTION_ANSWER_WAITS = "现在是安静时段，问{number} 的答复{when} 发到{chat}。"
QUESTION_ANSWERED_AGAIN_WAITS = (
    "问{number} 之前已由{who}答复过；现在是安静时段，这次的答复{when} 发到{chat}。"
)
QUESTION_TOO_LONG = "答复最多{limit}字，请分几次发送。"
QUESTIONS_WAITING = "待答复的居民提问："
QUESTION_LINE = "问{number} {chat}的{who}：「{said}」（{about}）"
QUESTIONS_HOW = "回复转来的消息，或发送「答复 编号 内容」。"
QUESTIONS_NONE = "近7天没有待答复的居民提问。"
DIGEST_QUESTIONS = "❓ 居民提问待答复{count}条（{numbers}）：发送「答复」查看。"
POLL_CLOSES = "🗳 {label} 投票截止 {closes}，截止后公布结果。"
ATTEND_ON = "已记下：{who}参加 {label}（{when}），共{count}人报名。开会前会提醒您。"
ATTEND_WHO_ONE = "您"
ATTEND_WHO_MANY = "您家{party}人"
ATTEND_WHO_STAND_IN = "您家{who}代您"
ATTEND_PARTY = "（{party}人）"
ATTENDING_LINE = "参加：{names}，共{total}人"
ATTEND_OFF = "已取消您参加 M{number} 的报名。"
ATTEND_NOT_LISTED = "您没有报名 M{number}。"
ATTEND_NOT_COMING = "M{number} 不在本群近期要开的会里。"
ATTEND_WHICH = "群里有几个会要开（{numbers}），请写明，例如：报名 M{first}"
BALLOT_NO_POLL = "M{number} 已定于 {when}，不用投票。"
BALLOT_CLOSED = "M{number} 的投票已截止。"
BALLOT_BAD_MEETING = "请回复 1 到 {options} 之间的编号，可多选，例如：M{number} 1,2"
BALLOT_BAD_VOTE = "请回复 1 到 {options} 之间的一个编号，例如：M{number} 1"
BALLOT_NEEDS_HOME = (
    "已收到您对 M{number} 的选择。本次每户一票，请回复您家门牌号，例如 3-2-301（只需一次），"
    "您的票才计入。"
)
BALLOT_NEEDS_HOME_GROUP = (
    "已收到您对 M{number} 的选择。本次每户一票，请私聊我回复您家门牌号，例如 3-2-301"
    "（只需一次），您的票才计入。"
)
HOME_TAKEN = "已记下门牌 {home}，您对 {numbers} 的投票已计入。"
BALLOT_TAKEN = "已记录：M{number} 选 {choices}。"
SPOKEN_WHICH_POLL = "群里有{count}个投票（{numbers}），请写明编号，例如：M{first} 1"
SPOKEN_WHICH_OPEN = "现在有{count}个投票（{numbers}），请写明编号，例如：M{first} 1"
SPOKEN_VOTE_NUMBER = "M{number} 是表决，请回复编号，例如：M{number} 1"
SPOKEN_NO_DAY = "M{number} 没有{day}的时间，请回复编号，例如：M{number} 1"
SPOKEN_WHICH_TIME = "M{number} {day}有几个时间（{positions}），请回复编号，例如：M{number} 1"
BALLOT_WITHDRAWN = "已撤回您在 M{number} 的投票。"
BALLOT_NOTHING_TO_WITHDRAW = "您在 M{number} 还没有投票。"
POLL_QUESTION = "{label}：请选择时间（可多选）"
VOTE_QUESTION = "{label}：请选择一项"
BALLOT_CHANGED = "已改为：M{number} 选 {choices}（以最后一次为准）。"
BALLOT_SECRET = "已记录您对 M{number} 的投票（以最后一次为准）。"
HOUSEHOLD_REPLACED = (
    "M{number} 每户一票：{home} 的票已由 {who} 改投，您的票不再计入。如不是您家人，请联系书记。"
)
HOUSEHOLDS_SHARED = "其中{homes}户有多人投票，以最后一次为准。"
BALLOT_SECRET_GROUP = "已记录您对 M{number} 的投票。下次请私聊我投票，别人就看不到您的选择。"
POLL_TIED = "{label} 时间投票平票，请书记定夺。"
POLL_EMPTY = "{label} 时间投票截止，无人投票，请书记定夺。"
POLL_EMPTY_ASK = "M{number} 时间投票无人投票。请发送「决定 M{number} 编号」定时间。"
POLL_TIED_ASK = "M{number} 时间投票平票：{counts}。请发送「决定 M{number} 编号」。"
MEETING_FIXED = "📅 {label} 定于 {when}{votes}{place}。{agenda}要参加请回复「我参加」。"
DECIDE_RANGE = "请写 1 到 {options} 之间的编号。"
DECIDED = "已定 M{number} 的时间为 {when}。"
POLL_NUDGE = "M{number} 时间投票还有{left}截止，还没投票的：{names}"
POLL_NUDGE_PRIVATE = (
    "M{number} 时间投票还有2小时截止，您反映的问题在议题中：{options}。回复「M{number} 编号」投票。"
)
MEETING_SOON = "⏰ {when}（{at}）开 {label}{place}。"
BALLOT_UNKNOWN_BUILDING = (
    "本社区没有{building}号楼（有：{known}），请写「楼-单元-室」，例如 3-2-301。"
)
VOTE_RESULT = "🗳 {label} 表决结果：{result}；{verdict}。"
VOTE_CHOSEN = "结果为「{option}」"
VOTE_NOT_PASSED = "未通过（{reason}）"
VOTE_SECRET_TALLY = "投票：已有{voters}票（截止后公布）"
OUTCOME_TO_REPORTER = "#{number} 已在 {label} 议定：{outcome}。"
OUTCOME_ASK = "{label} 已于{at} 召开，请记录结果：结果 M{number} 决议 …；… 行动 @单位 事项 期限"
OUTCOME_RECORDED = "{label} 结果已记录：决议{decisions}条，行动事项 {actions}。"
OUTCOME_AGENDA_OPEN = "议题 {numbers} 仍未办结：落实后请发送「办结 编号 结果」。"
OUTCOME_ACTION_SAID = (
    "决议提到了{units}：要派单跟踪落实，请加上行动事项再记一次："
    "结果 M{number} 决议 {decisions} 行动：{action}"
)
OUTCOME_ACTION_HINT = (
    "决议提到了{units}：要派单跟踪落实，请加上行动事项再记一次，"
    "如：结果 M{number} 决议 {decisions} 行动 {unit} 任务 期限"
)
# The last action item of a meeting done: each agenda issue still open is done with it.
AGENDA_DONE_RESULT = "{label}议定事项已落实（{outcome}）"
ACTION_WHICH_WORKER = "行动事项的网格员是哪一位？请写名字，例如：行动 @张网格 统计车辆"
OUTCOME_BAD_ACTION = "看不懂行动事项「{item}」，例如：行动 @物业 2号楼装充电桩 10个工作日"
ACTION_DIRECT = "新任务 #{number}（{label} 决议）：{description}，期限 {deadline}。办好后发送「办结 {number} 结果」。"
ACTION_DROPPED_REASON = "{label} 结果已更正，此项取消"
ACTION_DROPPED = "#{number}（{label} 决议）已取消：结果已更正，不用再办。"
ACTION_MOVED = "#{number}（{label} 决议）的期限改为 {deadline}。"
PUBLISH_NOTHING = "M{number} 还没有结果，请先发送「结果 M{number} 决议 …」。"
PUBLISHED_ALREADY = "{label} 已在公示，公示期至 {until}。"
PUBLISH_WHICH = "有几个会的结果还没公示（{meetings}），请写明编号，例如：公示 M{number}"
PUBLICITY_UNTIL = "📢 {label} 公示期至 {until}，有异议请回复「异议 M{number} 内容」。"
PUBLICITY = "📢 公示：{label}\n决议：{outcome}{actions}\n公示期至 {until}，有异议请回复「异议 M{number} 内容」。"
OBJECTION_CLOSED = "M{number} 不在公示期内。"
OBJECTION_NEEDS_TEXT = "请写明异议内容，例如：异议 M{number} 收费标准太高"
OBJECTION_TAKEN = "已记录您对 M{number} 的异议，书记会答复。"
OBJECTIONS_NOT_SHOWN = "  （较早的{count}条异议未列出）"
OBJECTION_WHICH = "现在有{count}个公示（{numbers}），请写明编号，例如：异议 M{first} 内容"
OBJECTION_ALREADY = "您对 M{number} 的这条异议已经记录过了，书记会答复。"
OBJECTION_ALERT = "M{number} 收到异议（{who}）：{text}"
PUBLICITY_DONE_CLEAN = "📢 {label} 公示期满，无异议。"
PUBLICITY_DONE_OBJECTIONS = "📢 {label} 公示期满，收到异议{count}条，书记将逐条答复。"
MEETING_STATUS = {
    "polling": "投票中",
    "scheduled": "已定时间",
    "tied": "待定时间",
    "closed": "已结束",
    "cancelled": "已取消",
}
MEETING_MOVED = "📅 {label} 改到 {when}（原定 {old}）{place}。{reason}"
MEETING_MOVED_DONE = "已把 M{number} 改期，已通知{groups}个群{attendees}。"
MEETING_PLACE_MOVED = "📍 {label} 地点改到 {place}{old}{when}。"
MEETING_PLACE_WAS = "（原定 {place}）"
MEETING_TIME_KEPT = "，时间不变：{when}"
MEETING_PLACE_MOVED_DONE = "已把 M{number} 的地点改好，已通知{groups}个群{attendees}。"
MEETING_PLACE_WANTED = "请写新地点，例如：M{number} 地点改到 罐罐茶"
MEETING_PLACE_ALREADY = "M{number} 的地点已经是 {place}。"
MEETING_PLACE_TOO_LONG = "地点最多{limit}字，请写简短些。"
OUTCOME_TOO_LONG = "决议最多{limit}字，请写简短些，详细内容可以另发通知。"
MEETING_ATTENDEES_TOLD = "，并提醒了报名的{count}人"
# 「提醒报名的人明天开会」 (handlers/meetings.py `attendees_reminded`)
MEETING_REMINDED = "⏰ 报名参加的请留意：{at} 开 {label}{place}。{more}"
MEETING_REMINDED_DONE = (
    "已把 M{number} 的时间地点再发到{groups}个群{attendees}。会前一天和一小时还会自动提醒。"
)
MEETING_REMIND_CHANGE = "改时间请发送「M{number}改到 新时间」，改地点发送「M{number}地点改到 新地点」，报名的人会收到通知。"
MEETING_REMIND_NOT_FIXED = "{label} 时间还没定，定下后会自动提醒报名的人。"
MEETING_REMIND_NOBODY = "{label} 还没有人报名。"
MEETING_MOVED_ALREADY = "M{number} 本来就定在 {when}。"
MEETING_CANCELLED = "📅 {label}{old}取消了。{reason}"
MEETING_WAS_AT = "（原定 {when}）"
MEETING_CANCELLED_DONE = "已取消 M{number}，已通知{groups}个群{attendees}。"
MEETING_BECAUSE = "原因：{reason}"
MEETING_IS_CANCELLED = "M{number} 已经取消了。"
MEETING_ALREADY_HELD = "M{number} 已经开过了，不能再改期或取消。"
MEETING_NOT_FIXED = "M{number} 的时间还没定下来（投票中或待定），请先「决定 M{number} 选项」，或「取消会议 M{number}」。"
MEETING_TIME_PAST = "「{typed}」已经过去了，请写以后的时间。"
PHOTO_ADDED = "已把{count}张照片附到 #{number}。"
PHOTO_WAITS = "收到照片。请在{minutes}分钟内用文字说一下是什么问题、在几号楼（如：3号楼门口井盖松了），我会连同照片一起登记。"

# Buttons (Telegram inline keyboards). Pressing one says the command it stands for.
RATING_BUTTONS = ("满意", "基本满意", "不满意")
BUTTON_ACCEPT = "受理"
BUTTON_TAKE = "接单"
BUTTON_RESOLVE = "办结"
BUTTON_PROGRESS = "报进展"
TAKEN_NOTE = "已接单，正在处理"

# Export (导出).
EXPORTED = "{community}台账（{period}）· 共{count}条"

# The statistics sentence of chat-protocol §8 (export's 统计 sheet; /stats next).
SUMMARY = "{period}收集诉求{collected}条，办结{resolved}条（办结率{rate}），{satisfaction}，超期{overdue}条{suspended}。"
SUMMARY_SUSPENDED = "，挂起{count}条"  # 挂起: open, no deadline
SUMMARY_SATISFACTION = "满意率{rate}"
SUMMARY_UNRATED = "暂无评价"
SUMMARY_TOP = "分类前三：{top}。"
SUMMARY_NOTHING = "{period}没有收集到诉求。"
# 「统计 本月 12345」: the work orders' time limits (办理时限), as the platform counts them.
SUMMARY_LIMITS = "有办理时限的工单{limited}条：时限内办结{on_time}条{rate}，超时限未办结{late}条。"
SUMMARY_LIMITS_RATE = "（按时办结率{rate}）"
STATS_POSTED = "已发到{groups}。"  # 「把这个月的统计发到工作群」 said privately
STATS_POSTED_GROUPS = "{count}个工作群"
# 「统计 本月 用时」: how long the issues done took, filing to 办结, in calendar days.
DURATIONS = "{period}办结诉求{done}条，平均用时{average}；最久的是 #{number}，用了{longest}。"
DURATIONS_ONE = "{period}办结诉求1条（#{number}），用时{longest}。"
DURATIONS_LINE = "{name}：办结{done}条，平均{average}"
DURATIONS_NONE = "{period}还没有办结的诉求，无从计算用时。"
TIME_UNDER_AN_HOUR = "不到1小时"
TIME_HOURS = "{hours}小时"
TIME_DAYS = "{days}天"

# 走访 (handlers/patrols.py): a round of 走访 or 巡查 kept, listed, taken back, counted
PATROL_KEPT = "已记录{day}走访：{words}（{where}）{photos}。您{period}第{count}次。"
PATROL_KEPT_NOWHERE = "已记录{day}走访：{words}{photos}。您{period}第{count}次。"
PATROL_WHERE = "辛苦了。去了哪里、情况如何？如：今天巡查了3号楼，一切正常（记入走访台账）。"
PATROL_WITH_PHOTOS = "，照片{count}张"
PATROL_PHOTOS_ADDED = "已把{count}张照片附到走访记录：{words}。"
PATROL_FOUND = "发现的问题要跟进，请发送「#报事 {problem}」登记。"
PATROL_UNDONE = "已撤回{day}的走访记录：{words}。"
PATROL_NONE_TO_UNDO = "您今天没有可撤回的走访记录。"
PATROL_LIST_HEAD = "{period}走访记录{count}次{households}："
PATROL_LIST_LINE = "{day} {who} {words}"
PATROL_LIST_PHOTOS = "（照片{count}张）"
PATROL_LIST_MORE = "……另有{count}条，「导出」的台账里有全部。"
PATROL_LIST_NONE = "{period}没有走访记录。记录一次请发送「走访 3号楼2单元 入户12户 无异常」。"
PATROL_HOUSEHOLDS = "，入户{count}户"
PATROL_FIGURES = "{period}走访巡查{count}次{households}{found}。"
PATROL_FIGURES_FOUND = "，发现问题{count}处"
YOU = "您"  # 「本月您走访巡查2次」
PATROL_FIGURES_NONE = "{period}没有走访记录。"
PATROL_PERSON_LINE = "{who}：{count}次{households}"
PATROL_GRID_NONE = "{grid}：{period}无走访记录"
PATROL_COMPARED = "较{label}（走访{count}次{households}）：{changes}。"
PATROL_COMPARED_NOTHING = "{label}没有走访记录，无从比较。"
PATROL_YESTERDAY = {0: "", 1: "昨天", 2: "前天"}

# Statistics (统计, chat-protocol §8) and the monthly report.
STATS_FILTERS = "（{filters}）"
STATS_GRID = "{grid}：收集{collected}条，办结{resolved}条{rate}"
STATS_GRID_RATE = "（{rate}）"
STATS_GRID_OVERDUE = "，超期{overdue}条"
# 统计 … 议事 (handlers/meeting_stats.py)
MEETING_FIGURES = "{period}议事协商：{figures}。"
MEETING_FIGURES_HELD = "召开会议{count}次（{kinds}）"
MEETING_FIGURES_HELD_ONE = "召开{kind}{count}次"
MEETING_FIGURES_VOTES = "表决{count}次（通过{passed}次）"
MEETING_FIGURES_DECIDED = "形成决议{count}项"
MEETING_FIGURES_PUBLISHED = "公示{count}次"
MEETING_FIGURES_ACTIONS = "；议定行动事项{count}件，已办结{done}件"
MEETING_FIGURES_NONE = "{period}没有召开议事协商会议，也没有表决。"
# 「统计 本月 环比」「统计 今年 同比」: the period before, and how the figures moved
COMPARED = "较{label}（{what}{collected}条，办结率{rate}）：{changes}。"
COMPARED_NOTHING = "{label}没有收集到诉求，无从比较。"
UNIT_RECEIVED = "承办"  # what a unit's figures call its issues, as 收集 the community's
UNIT_COMPARED_NOTHING = "{label}{unit}没有承办诉求，无从比较。"
COMPARED_COUNT = "{what}{way}{n}{unit}"
COMPARED_SHARE = "（{sign}{share}%）"
COMPARED_POINTS = "{what}{way}{n}个百分点"
COMPARED_SAME = "{what}持平"
UNIT_LINE_MOVED = "；较{label}{changes}"  # after a unit's line: 「统计 本月 单位 环比」
UNIT_LINE_SAME = "；与{label}持平"
UNIT_LINE_NEW = "；{label}无承办"
MEETINGS_COMPARED = "较{label}（召开会议{held}次，表决{votes}次）：{changes}。"
MEETINGS_COMPARED_NOTHING = "{label}没有召开议事协商会议，也没有表决，无从比较。"
COMPARED_MORE, COMPARED_FEWER = "增加", "减少"
COMPARED_UP, COMPARED_DOWN = "提高", "下降"
STATS_UNKNOWN = "看不懂「{word}」。{usage}"
STATS_CHART_SOON = "统计图表即将上线，现在请发「统计」看文字版。"
STATS_CHART_TITLE = "{community} · {period}统计"
STATS_CHART_BY_SOURCE = "按来源"
MONTHLY_REPORT = "📊 月报：{text}"
YEARLY_REPORT = "📊 年报：{text}"
SOURCES_HEAD = "{period}各来源："
# A handling unit's figures (统计 本周 物业), and every unit's (统计 本月 单位).
UNIT_SUMMARY = (
    "{period}{unit}承办诉求{received}条，办结{resolved}条（办结率{rate}），"
    "按期办结{on_time}条{on_time_rate}，{satisfaction}，超期未办结{overdue}条。"
)
UNIT_ON_TIME_RATE = "（按期率{rate}）"
UNIT_NOTHING = "{period}{unit}没有承办的诉求。"
UNITS_HEAD = "{period}各单位承办情况："
STATS_EVERY_UNIT = "各单位"
UNIT_LINE = (
    "{unit}：承办{received}条，办结{resolved}条，按期{on_time}条，超期{overdue}条，{satisfaction}"
)
UNITS_NOTHING = "{period}没有派给单位的诉求。"
# What members of staff did in a period (统计 张网格, 统计 本月 人员).
WORK_SENTENCE = "{name}{period}经手事项{handled}件：{actions}{patrols}。"
WORK_NOTHING = "{name}{period}没有办理记录{patrols}。"
WORK_HEAD = "{period}{who}办理情况："
WORK_EVERYONE = "各人员"
WORK_ME = "我"
WORK_TOOK = "，办结平均用时{time}"  # from filing, of those they finished
WORK_ON_TIME = "（按期{on_time}）"  # of the 办结: made by the issue's deadline
WORK_LINE = "经手{handled}件，{actions}{patrols}"
WORK_IDLE = "没有办理记录{patrols}"
WORK_MOVED = "；较{label}{changes}"  # 「统计 本月 人员 环比」: after each one's work
WORK_PATROLS = "；走访{count}次{households}"  # after what they did: their rounds (走访)
WORK_NO_STAFF = "还没有设置这类人员。发送「人员」查看名单。"
PEOPLE_SHEET_NOTE = (
    "经手事项：期间内办理过的事项数（按办理时间）；各项为办理次数；按期：在期限内办结；"
    "走访：记录的走访、巡查次数。"
)
PEOPLE_ON_TIME = "按期办结"
UNITS_SHEET_NOTE = "承办：派给该单位或上报该单位的诉求（按登记时间）；按期：在期限内办结。"

# -- points (积分, chat-protocol §8) -------------------------------------------------------------
POINTS_BALANCE = "您在{community}的积分：{points}分。"
POINTS_WEEK_PLACE = "本周得{earned}分，积分榜第{place}名。"
POINTS_WEEK_NONE = "本周还没上榜。"
POINTS_RECENT = "最近变动："
POINTS_LINE = "{date} {delta} {what}"
POINTS_NONE = (
    "您在{community}还没有积分。报事被受理 +{report}，确认他人反映的问题 +{duplicate}，"
    "办结后发核实照片 +{photo}。"
)
POINTS_USE = "积分兑换：{exchange}，由书记登记扣减。攒积分：报事被受理 +{report}，确认他人反映的问题 +{duplicate}，办结后发核实照片 +{photo}。发送「积分」看余额。"
POINTS_USE_ASK = "找社区书记"
POINTS_NOT_GIVEN = (
    "积分由报事自动累计（受理 +{report}、确认邻居反映 +{duplicate}、核实照片 +{photo}），"
    "不能手动加分。兑换扣分请发送「兑换 @姓名 分数 说明」，例如：兑换 @王芳 10 洗衣粉。"
)
POINTS_REASONS = {
    "report": "报事被受理",
    "duplicate": "确认同一问题",
    "photo": "办结核实照片",
    "rejected": "诉求被退回，收回",
    "withdrawn": "改为新建，收回",
    "redeem": "兑换",
}
POINTS_PHOTO = "已把{count}张照片附到 #{number}，作为办结核实，积分 +{points}。"
POINTS_BOARD_HEAD = "🏆 本周积分榜（{since}起）："
POINTS_BOARD_LINE = "{place}. {name} {points}分"
POINTS_BOARD_EMPTY = "本周还没有人获得积分。"
# 我的统计 (handlers/points.py): one's own reports of a period, a resident's 年度报告
MY_FIGURES = "{period}您反映了{count}件事：{parts}。{points}感谢您参与社区治理！"
MY_FIGURES_DONE = "已办结{n}件"
MY_FIGURES_OPEN = "办理中{n}件"
MY_FIGURES_REJECTED = "退回{n}件"
MY_FIGURES_MERGED = "并入同一问题{n}件"
MY_FIGURES_JOINED = "与邻居反映的相同{n}件"
MY_FIGURES_POINTS = "获得积分{n}分。"
MY_FIGURES_NONE = "{period}您还没有反映过事项。遇到问题发送「#报事 内容」即可反映。"
POINTS_BOARD_PERIOD_HEAD = "🏆 {period}积分榜："
POINTS_BOARD_PERIOD_EMPTY = "{period}还没有人获得积分。"
POINTS_WEEKLY_HEAD = "🏆 本周积分榜（{since}—{until}）："
POINTS_WEEKLY_FOOT = "感谢大家参与社区治理！发送「积分」查看自己的积分。"
POINTS_YEAR_HEAD = "🏆 {year}年积分榜（全年）："
POINTS_YEAR_FOOT = "感谢大家一年来参与社区治理！新的一年，有事请继续在群里 #报事。"
POINTS_WHO = "找不到「{name}」，请 @ 这个人。"
REDEEM_TOO_MUCH = "{who}现有{balance}分，不够兑换{amount}分。"
REDEEMED = "已为{who}兑换{amount}分（{note}），剩余{left}分。"

EXPORT_HERE = "台账文件含居民信息，请在工作群或私聊中导出。"
PRIVATE_TEXT = "（私下反映的诉求，内容仅工作人员可见）"
STAFF_COMPLAINT_TEXT = "（对工作人员的投诉，内容请私聊查看）"
SHOW_CUT = "…（共{count}字，全文见网页台账或导出的台账）"
CELL_CUT = "…（共{count}字，超出表格单元格上限，全文见网页台账）"

# 网页台账 (/web) and the web pages
WEB_FILED_UNKNOWN = "看不懂收集时间「{word}」，可以写：本月、上月、11月、今年、11月1日到15日。"
WEB_OFF = "网页台账还没有开通，需要时请联系书记。"
WEB_OFF_SECRETARY = "网页台账还没有开通：请管理员在配置文件中设置 web.enabled: true 后重启机器人。"
WEB_PRIVATE_ONLY = "登录链接只能私聊发给您本人，请私聊我发送「网页台账」。"
WEB_NO_COMMUNITY = "还不知道您属于哪个社区，请先在社区的群里发一次言，再来私聊我。"
WEB_LINK = "网页台账登录链接（{minutes}分钟内有效，只能用一次，请勿转发）：\n{url}"
WEB_LINK_UNKNOWN = "登录链接无效，请私聊机器人发送「网页台账」获取新链接。"
WEB_LINK_USED = "这个登录链接已经用过了，请私聊机器人发送「网页台账」获取新链接。"
WEB_LINK_EXPIRED = "登录链接已过期（10分钟内有效），请私聊机器人发送「网页台账」获取新链接。"

# 联系方式 (「网格员是谁」「物业电话多少」)
CONTACT_OFFICE = "{community}：{said}。"
CONTACT_OFFICE_UNKNOWN = (
    "{community}的电话和办公时间还没有登记。有事可以直接发给我，我会转给网格员。"
)
BUILDING_GRID = "{building}号楼属{grid}。"
BUILDING_UNKNOWN = "{building}号楼不在本社区的网格里。可以问「网格员是谁」。"
BUILDINGS_LINE = "{grid}：{buildings}。"
BUILDINGS_NONE = "还没有登记楼栋"
BUILDINGS_NO_GRID = "{who}还没有负责的网格。"
BUILDINGS_WHO = "「{who}」不是本社区的网格或网格员。可以问「网格3有哪些楼」「张网格负责哪几栋楼」。"
CONTACT_PEOPLE = "{where}{role}：{people}。"
CONTACT_PERSON = "{who}：{roles}。"
CONTACT_UNIT_PHONE = "{unit}电话 {phone}"
CONTACT_OFFICES = "（{offices}）。"
CONTACT_NOBODY = "{where}{role}还没有登记。有事可以直接发给我，我会转给网格员。"
CONTACT_NOBODY_YET = "{where}{role}还没有登记。登记请发送「设置角色 @某人 {role}{scope}」。"
CONTACT_UNIT = "{unit}：{said}。"
CONTACT_UNIT_NO_PHONE = "{unit}的电话还没有登记。{said}"
CONTACT_UNKNOWN = "没有登记{who}的联系方式。可以问「社区电话」「网格员是谁」「物业电话」。"

# 群发 (a notice to residents' groups)
NOTICE = "📢 通知：{text}\n——{community} {sender}"
NOTICE_ANSWER = "{day}发过通知：{text}"
ANNOUNCEMENT_ANSWER = "{day}{who}在群里通知：{text}"
NOTICE_CORRECTED = "【更正】{text}（{day}「{old}」的通知以此为准）"
NOTICE_VOIDED = "【作废】{day}「{old}」的通知作废，请以后续通知为准。"
NOTICE_FIX_SENT = "已把更正发到{count}个群：{names}。"
NOTICE_FIX_VOIDED = "您最新的通知已作废。要发新通知，请用「群发 全部 内容」。"
NOTICE_FIX_NONE = "这三天里您没有发过通知。要发新通知，请用「群发 全部 内容」。"
NOTICE_SENT = "已发到{count}个群：{names}。"
NOTICES_LISTED = "最近{days}天的通知（{count}条）："
NOTICE_LISTED_LINE = "{when} {sender}→{names}：{words}{state}"
NOTICE_POSTED_LINE = "{when} {sender}在{name}里发：{words}"
NOTICE_STATE_SENT = "（已发出）"
NOTICE_STATE_SOON = "马上"
NOTICE_STATE_WAITING = "（{count}个群待发，{when}）"
NOTICE_STATE_FAILED = "（{names}没发出去，请检查机器人是否还在群里）"
NOTICES_LATER = "定时群发："
NOTICE_LATER_LINE = "{when}→{names}：{words}（取消请发送「提醒 取消 {id}」）"
NOTICES_NONE = "最近{days}天没有发过通知，也没有定时群发。发通知：群发 全部 内容"
NOTICES_NONE_HERE = "最近{days}天没有通知。"
NOTICE_WAITS = "现在是安静时段，{when} 发出（紧急的请写「紧急通知」）。"
NOTICE_WHERE = (
    "请写明发到哪些群，例如：群发 全部 明天9:00-12:00停水，请提前储水（或 网格3、居民群、群名）。"
)
NOTICE_AT = "{when} 发到{count}个群：{names}。取消请发送「提醒 取消 {id}」。"
NOTICE_SCHEDULED = "好的，" + NOTICE_AT
NOTICE_REPEATING = (
    "好的，{rule} 发到{count}个群：{names}（下次 {next}{holidays}）。取消请发送「提醒 取消 {id}」。"
)
NOTICE_REPEAT_WHEN = "{rule}（下次 {next}）"
NOTICE_REPEAT_CHANGE = "重复的定时群发不能改时间：请先发送「提醒 取消 {id}」，再重新设置。"
NOTICE_REPEAT_TOO_MANY = (
    "您已经有{count}个重复的定时群发了，请先取消不用的（「定时群发 列表」可查）。"
)
NOTICE_WHEN = "请写明什么时候发，例如：定时群发 明天8:00 全部 今天9:00-12:00停水。"
NOTICE_LIST_LINE = "{id}. {when} 群发到{names}：{text}"
NO_NOTICE_PENDING = "您没有待发的定时群发。发送「群发 列表」查看。"
NOTICE_CANCELLED = "已取消定时群发 {id}（{count}个群）：{text}"
NOTICE_TOO_LONG = "通知最多{limit}字，请分几次发送。"
NOTICE_NOT_YOUR_GROUP = "「{name}」不是您网格的群，网格员只能发到自己网格的群。"

# 办事指南 (handlers/guide.py)
GUIDE_ANSWER = "{answer}\n（办事指南。没解决的话回复「转人工」，我登记后转给网格员。）"
GUIDE_ANSWER_IN_GROUP = "{answer}\n（{community}办事指南）"
GUIDE_HUMAN_NOTHING = (
    "好的，请直接说要问或要反映的事，例如：3号楼2单元楼道灯坏了，我登记后转给网格员。"
)
GUIDE_NONE = "本社区还没有办事指南。有问题直接说，我登记后转给网格员。"
GUIDE_NONE_STAFF = (
    "本社区还没有办事指南。添加：指南 添加 关键词：答复（如：指南 添加 物业费：每月1.2元/平方米，"
    "在物业服务中心缴纳）。"
)
GUIDE_FOR_RESIDENTS = "这些事可以直接问我，马上答复：{asked}。其他问题直接说，我登记后转给网格员。"
GUIDE_HEAD = "{community}办事指南（{count}条），居民问到时直接答复："
GUIDE_FROM_CONFIG = "（配置文件）"
GUIDE_HOW_TO_KEEP = "添加：指南 添加 关键词：答复；删除：指南 删除 编号。"
GUIDE_USAGE = "看不懂「{said}」。用法：指南 / 指南 添加 关键词：答复 / 指南 删除 编号"
GUIDE_ADD_USAGE = (
    "用法：指南 添加 关键词：答复。几个问法用、分开，须同时出现的词用+连接，不该答的词前加-，"
    "如：指南 添加 装修+几点、装修时间：工作日8:00-12:00、14:00-18:00可以施工"
)
GUIDE_BAD_KEYS = "{problem}，没有添加。"
GUIDE_TOO_LONG = "答复太长（最多{limit}字），没有添加。"
GUIDE_SAME_KEYS = "第{n}条已有这个关键词（{keys}）。要改答复，先「指南 删除 {n}」再添加。"
GUIDE_ADDED = "已添加办事指南第{n}条（{keys}），居民问到时我直接答复。"
GUIDE_REMOVED = "已删除办事指南第{n}条（{keys}）。"
GUIDE_NO_SUCH = "没有第{n}条，办事指南共{count}条。发送「指南」查看。"
GUIDE_CONFIGURED = "第{n}条写在配置文件 config.yaml 里，请在那里修改，重启后生效。"
GUIDE_FIGURES = "办事指南直接答复咨询{given}次（转人工{filed}次），问得最多：{most}。"
GUIDE_STAFF_ONLY = "只有书记和网格员可以修改办事指南。"
# 「第五个受理」 just after a list of three (bot/dispatcher.py `_ordinal_named`).
ORDINAL_BEYOND = "刚才的列表只有{count}条，请写明编号，例如「{first}号」。"
# 挂起 / 恢复 (handlers/suspend.py): an issue's clock stopped, and started again
SUSPENDED = "#{number} 已挂起：{reason}。挂起期间不计期限，恢复办理后期限顺延。"
SUSPENDED_UNTIL = (
    "#{number} 已挂起至{day}：{reason}。挂起期间不计期限，{day}自动恢复办理，期限顺延。"
)
SUSPENDED_UNTIL_KEPT = "，{day}恢复"  # in its audit note, after 原期限
SUSPENDED_UNTIL_MOVED = "#{number} 改为{day}自动恢复办理。"
SUSPEND_UNTIL_NOTE = "改为{day}恢复"
SUSPEND_UNTIL_FAR = (
    "「{said}」太远了：挂起的日子最多一年以内。不写日子也可以挂起，能办时发送「恢复 编号」。"
)
SUSPEND_UNTIL_PAST = "{day}已经到了，挂起请写今天以后的日子。"
RESUMED_BY_ITSELF = "#{number} 挂起到{day}，今天恢复办理，期限顺延至 {deadline}。"
RESUMED_BY_ITSELF_NOTE = "挂起期满（{day}）；"
SUSPENDED_ALREADY = "#{number} 已经挂起了。恢复办理请发送「恢复 {number}」。"
NOT_SUSPENDED = "#{number} 没有挂起。"
RESUMED = "#{number} 恢复办理，期限顺延至 {deadline}。"
RESUME_NOTE = "挂起{days}个工作日，期限顺延至 {deadline}"
RESUME_NOTE_SAME_DAYS = "挂起未满一个工作日，期限仍是 {deadline}"
NOTE_KEPT = "已给 #{number} 加备注：{words}（只有工作人员能看到）。"
SUSPEND_NOT_OPEN = "#{number} {status}，不能{word}。"
SUSPENDED_MARK = "⏸"
SUSPENDED_SHOWN = "挂起（{day}起）"
SUSPENDED_SHOWN_UNTIL = "挂起（{day}起，{until}恢复）"
