"""Every sentence the bot says, in one place. Short, plain Simplified Chinese."""

from __future__ import annotations

ACK = (
    "已登记 #{number}【{category}】{where}{days}个工作日内答复。{note}回复「查看 {number}」看进度。"
)
ACK_URGENT_NOTE = "紧急事项已通知工作群。"
URGENT_ALERT = (
    "🚨 紧急诉求 #{number}【{category}】{where}{description}（{reporter} 报，来自{chat}）"
)
PRIVATE_ALERT = "新诉求 #{number}【{category}】{where}{description}（私信反映，报事人已隐去）"

EMPTY_REPORT = "请在 #报事 后写明问题和位置，例如：#报事 3号楼2单元楼道灯不亮"
UNBOUND_CHAT = "本群还没有绑定社区，请书记发送「/bind 网格名」后再报事。"
NO_COMMUNITY = "还不知道您属于哪个社区，请在您所在的网格群里用 #报事 反映。"
PRIVATE_HINT = (
    "您好，我是{bot}。直接描述要反映的问题（如：3号楼井盖坏了），"
    "我会登记并转给网格员。发送 /help 查看更多。"
)

FILE_NEEDS_ROLE = "只有网格员、楼栋长或书记可以代为立案。"
FILE_NO_ORIGINAL = "找不到被回复的原消息，请让报事人直接用 #报事 反映。"
FILE_EMPTY_ORIGINAL = "被回复的消息没有文字内容，无法立案。"

UNKNOWN_COMMAND = "没有「{word}」这个命令。发送 /help 查看可用命令。"
FAILED = "抱歉，处理这条消息时出错了，消息已保存，请稍后再试。"

SHOW_NOT_FOUND = "没有找到 #{number}。"
SHOW_NOT_YOURS = "只能查看自己反映的事项。"
SHOW_NEEDS_COMMUNITY = "请在所在社区的群里查看。"

HELP_HEADER = "{bot}可以帮您登记和跟踪社区诉求。"
HELP_REPORT = "报事：消息里带 #报事（或 #诉求 #求助 #投诉），例如：#报事 3号楼2单元下水道堵了"
HELP_FILE = "代为立案：回复居民的消息并写 #立案"
HELP_COMMAND_LINE = "{keyword} · /{name} — {summary}"
HELP_MORE = "发送「帮助 命令」查看某个命令的用法，例如：帮助 查看"
HELP_UNKNOWN = "没有「{word}」这个命令。发送 /help 查看可用命令。"

AUDIT_ACTIONS = {
    "filed": "登记",
    "filed_for": "代为立案",
}
