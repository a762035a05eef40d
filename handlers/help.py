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
    wanted_all = wanted in _ALL
    if wanted and not wanted_all:
        for command in commands:
            if wanted.lower() == command.name or wanted in command.every_keyword:
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
    mine = [c for c in commands if ctx.role in c.audience and _offered(ctx, c.name)]
    if wanted_all:  # 「帮助 全部」: each command with what it does
        lines += [
            texts.HELP_COMMAND_LINE.format(
                keyword=command.keywords[0], name=command.name, summary=command.summary
            )
            for command in mine
        ]
    else:  # one line a topic, its command words: what fits a phone's screen
        by_name = {command.name: command for command in mine}
        for topic, names in TOPICS:
            words = [by_name[name].keywords[0] for name in names if name in by_name]
            if words:
                lines.append(texts.HELP_TOPIC_LINE.format(topic=topic, words="、".join(words)))
    lines.append(texts.HELP_MORE)
    note = ctx.services.platform_help.get(ctx.message.chat.platform)
    if note:
        lines.append(note)
    return answer(ctx, "\n".join(lines))


# 帮助's topics, each with its commands in the order they are shown (help itself is not).
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("查事项", ("list", "search", "mine", "show", "export", "stats", "web")),
    (
        "办事项",
        (
            "accept",
            "assign",
            "progress",
            "resolve",
            "tell",
            "extend",
            "decline",
            "reject",
            "escalate",
            "urge",
            "hurry",
            "merge",
            "handover",
            "verify",
            "patrol",
        ),
    ),
    ("反映和评价", ("withdraw", "new", "follow", "unfollow", "rate", "reopen", "forget")),
    (
        "议事协商",
        (
            "meeting",
            "meetings",
            "vote",
            "decide",
            "move_meeting",
            "share_meeting",
            "cancel_meeting",
            "outcome",
            "publish",
            "object",
        ),
    ),
    ("通知提醒", ("notice", "notice_later", "answer", "remind", "guide", "contacts")),
    ("积分", ("points", "my_figures", "redeem")),
    ("设置", ("role", "roles", "bind", "suggest")),
)
_ALL = frozenset({"全部", "所有", "全部命令", "all"})


def _is_tag(word: str, tags: list[str]) -> bool:
    """「报事」 or 「#报事」 names the tag #报事."""
    bare = word.lstrip("#").lower()
    return any(normalize(tag).lstrip("#").lower() == bare for tag in tags)


def _offered(ctx: Context, name: str) -> bool:
    """Whether the command is there to use: the web ledger only when it is switched on."""
    return name != "web" or ctx.services.settings.web.enabled
