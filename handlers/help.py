"""/help: role-aware, read from the command table so it never drifts from what works."""

from __future__ import annotations

from bot.domain.permissions import FILERS, refusal
from bot.text import echoed, normalize
from handlers import texts
from handlers.base import Context, Outcome, answer


def help_command(ctx: Context, args: str) -> Outcome:
    """帮助 [命令] — list the commands this person may use, or one command's usage."""
    commands = ctx.services.commands
    wanted = normalize(args).lstrip("/")
    if wanted:
        for command in commands:
            if wanted.lower() == command.name or wanted in command.keywords:
                line = f"{command.summary}。{command.usage_line()}"
                refused = refusal(command.name, ctx.actor)
                if ctx.role not in command.audience and refused:
                    line = f"{refused}{line}"  # 「只有网格员及以上可以派单。」 first
                return answer(ctx, line)
        # 「帮助 报事」「帮助 #立案」: tags are not commands, but people ask about them too.
        intake = ctx.services.settings.intake
        if _is_tag(wanted, intake.report_tags) or wanted.lower() == "report":
            return answer(ctx, texts.HELP_REPORT)
        if _is_tag(wanted, intake.file_tags) or wanted.lower() == "file":
            return answer(ctx, texts.HELP_FILE)
        return answer(ctx, texts.HELP_UNKNOWN.format(word=echoed(wanted)))
    bot = ctx.services.settings.bot.name
    lines = [texts.HELP_HEADER.format(bot=bot), texts.HELP_REPORT]
    if ctx.role in FILERS:
        lines.append(texts.HELP_FILE)
    lines += [
        texts.HELP_COMMAND_LINE.format(
            keyword=command.keywords[0], name=command.name, summary=command.summary
        )
        for command in commands
        if ctx.role in command.audience and _offered(ctx, command.name)
    ]
    lines.append(texts.HELP_MORE)
    note = ctx.services.platform_help.get(ctx.message.chat.platform)
    if note:
        lines.append(note)
    return answer(ctx, "\n".join(lines))


def _is_tag(word: str, tags: list[str]) -> bool:
    """「报事」 or 「#报事」 names the tag #报事."""
    bare = word.lstrip("#").lower()
    return any(normalize(tag).lstrip("#").lower() == bare for tag in tags)


def _offered(ctx: Context, name: str) -> bool:
    """Whether the command is there to use: the web ledger only when it is switched on."""
    return name != "web" or ctx.services.settings.web.enabled
