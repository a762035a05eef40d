"""The command table: the one list that routing, /help, the docs and the tests all read."""

from __future__ import annotations

from handlers.base import Command
from handlers.help import help_command
from handlers.show import show

COMMANDS: tuple[Command, ...] = (
    Command(
        name="help",
        keywords=("帮助",),
        usage="[命令]",
        summary="查看可用命令和用法",
        example="帮助 查看",
        handler=help_command,
    ),
    Command(
        name="show",
        keywords=("查看",),
        usage="编号",
        summary="查看事项详情和处理记录",
        example="查看 23",
        handler=show,
    ),
)
