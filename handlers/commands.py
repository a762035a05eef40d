"""The command table: the one list that routing, /help, the docs and the tests all read."""

from __future__ import annotations

from bot.domain.issues import Role
from handlers import admin, forget, intake, ledger, listing, remind
from handlers.base import Command
from handlers.help import help_command
from handlers.show import show

STAFF = frozenset({Role.WORKER, Role.SECRETARY})
HOLDERS = frozenset({Role.HANDLER, Role.WORKER, Role.SECRETARY})
SECRETARY = frozenset({Role.SECRETARY})

COMMANDS: tuple[Command, ...] = (
    Command("help", ("帮助",), "[命令]", "查看可用命令和用法", "帮助 派单", help_command),
    Command(
        "list",
        ("台账",),
        "[红/黄/绿] [我的] [网格] [分类] [页码]",
        "查看未办结事项",
        "台账 红 网格3",
        listing.list_issues,
    ),
    Command("show", ("查看",), "编号", "查看事项详情和处理记录", "查看 23", show),
    Command(
        "accept",
        ("受理",),
        "编号 [简单/复杂/疑难]",
        "受理并定级，级别决定期限",
        "受理 23 复杂",
        ledger.accept,
        STAFF,
    ),
    Command(
        "assign",
        ("派单",),
        "编号 @人或单位 [期限]",
        "派给人或单位，可写期限",
        "派单 23 @刘物业 3个工作日",
        ledger.assign,
        STAFF,
    ),
    Command(
        "progress",
        ("进展",),
        "编号 说明",
        "报告办理进展",
        "进展 23 已联系施工队",
        ledger.progress,
        HOLDERS,
    ),
    Command(
        "resolve",
        ("办结",),
        "编号 结果",
        "办结并请报事人评价",
        "办结 23 已疏通",
        ledger.resolve,
        HOLDERS,
    ),
    Command(
        "decline",
        ("不归我管",),
        "编号 原因",
        "退给书记重新派单",
        "不归我管 23 属于市政管网",
        ledger.decline,
        frozenset({Role.HANDLER}),
    ),
    Command(
        "reject",
        ("退回",),
        "编号 原因",
        "不予受理并告知原因",
        "退回 23 属于市政道路",
        ledger.reject,
        STAFF,
    ),
    Command(
        "escalate",
        ("上报",),
        "编号 [单位]",
        "吹哨：上报单位协调",
        "上报 23 住建局",
        ledger.escalate,
        STAFF,
    ),
    Command(
        "merge",
        ("合并",),
        "编号 目标编号",
        "把重复事项并入另一件",
        "合并 24 23",
        ledger.merge,
        STAFF,
    ),
    Command("reopen", ("重开",), "编号 原因", "重新办理", "重开 23 下水道又堵了", ledger.reopen),
    Command(
        "new",
        ("新建",),
        "",
        "刚才的反映被当作重复时，单独登记",
        "新建",
        intake.split,
    ),
    Command("follow", ("关注",), "编号", "关注事项，有进展时通知", "关注 23", ledger.follow),
    Command(
        "rate",
        ("评价",),
        "编号 1-5分 [意见]",
        "评价办理结果（3分及以上销号）",
        "评价 23 5",
        ledger.rate,
    ),
    Command(
        "remind",
        ("提醒",),
        "时间 内容 | 列表 | 取消 编号",
        "到时提醒（群里发在群里，私聊发给自己）",
        "提醒 明天9:00 检查3号楼井盖",
        remind.remind,
    ),
    Command(
        "role",
        ("设置角色",),
        "@人 角色 [网格/单位]",
        "设置网格员、楼栋长、物业等角色",
        "设置角色 @王芳 网格员 网格3",
        admin.set_role,
        SECRETARY,
    ),
    Command(
        "bind",
        ("绑定",),
        "网格名/工作群/小区群",
        "把本群绑定到社区",
        "绑定 网格3",
        admin.bind,
        SECRETARY,
    ),
    Command(
        "forget",
        ("删除我的信息",),
        "确认",
        "删除您的个人信息（事项保留、匿名）",
        "删除我的信息 确认",
        forget.forget,
    ),
)
