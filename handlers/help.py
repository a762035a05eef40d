"""/help: role-aware, read from the command table so it never drifts from what works."""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import get_close_matches

from bot.domain.permissions import FILERS, refusal
from bot.messages import BUTTON_COMMAND_MAX, Button
from bot.routing import MEANING_ASKED
from bot.text import echoed, issue_first, normalize
from handlers import texts
from handlers.base import Command, Context, Outcome, answer, hinted, reply_to
from handlers.ledger import facts


def help_command(ctx: Context, args: str) -> Outcome:
    """帮助 [命令] — list the commands this person may use, or one command's usage."""
    commands = ctx.services.commands
    wanted = normalize(args).lstrip("/")
    meaning_asked = wanted.endswith(f" {MEANING_ASKED}")  # 「受理是什么意思」
    wanted = wanted.removesuffix(f" {MEANING_ASKED}")
    wanted_all = wanted in _ALL
    topic_names = dict(TOPICS).get(wanted)  # 「帮助 办事项」: a line of 帮助 itself
    if wanted and not wanted_all and topic_names is None:
        for command in commands:
            if wanted.lower() == command.name or wanted in command.every_keyword:
                line = f"{command.summary}。{command.usage_line()}"
                refused = refusal(command.name, ctx.actor)
                meaning = texts.STEP_MEANINGS.get(command.name)
                if meaning and meaning_asked and ctx.role not in command.audience:
                    return answer(ctx, meaning)  # 「受理是什么意思」: of their report, not usage
                if ctx.role not in command.audience and refused:
                    line = f"{refused}{line}"  # 「只有网格员及以上可以派单。」 first
                return answer(ctx, line)
        if (meant := near_command(ctx, wanted, "")) is not None:  # 「帮助 关闭」: 办结
            return meant
        # 「帮助 报事」「帮助 #立案」: tags are not commands, but people ask about them too.
        intake = ctx.services.settings.intake
        if _is_tag(wanted, intake.report_tags) or wanted.lower() == "report":
            return answer(ctx, texts.HELP_REPORT)
        if _is_tag(wanted, intake.file_tags) or wanted.lower() == "file":
            return answer(ctx, texts.HELP_FILE)
        # Said back as they asked: 「帮助 天气」 is told 「帮助」, 「/help 飞」 /help.
        slash = ctx.message.text.lstrip().startswith("/")
        how = texts.HELP_SLASH if slash else texts.HELP_WORD
        return answer(ctx, texts.HELP_UNKNOWN.format(word=echoed(wanted), help=how))
    bot = ctx.services.settings.bot.name
    lines = [texts.HELP_HEADER.format(bot=bot), texts.HELP_REPORT]
    if ctx.role in FILERS:
        lines.append(texts.HELP_FILE)
    mine = [c for c in commands if ctx.role in c.audience and _offered(ctx, c.name)]
    if topic_names is not None:  # 「帮助 办事项」: that topic's commands, with what each does
        listed = [c for name in topic_names for c in mine if c.name == name]
        if not listed:
            return answer(ctx, texts.HELP_TOPIC_NONE.format(topic=wanted))
        lines = [f"{wanted}：", *map(_command_line, listed), texts.HELP_MORE]
        return answer(ctx, "\n".join(lines))
    if wanted_all:  # 「帮助 全部」: each command with what it does
        lines += map(_command_line, mine)
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


def _command_line(command: Command) -> str:
    """「受理 · /accept — 受理诉求并定级」: a command's word, name and what it does."""
    return texts.HELP_COMMAND_LINE.format(
        keyword=command.keywords[0], name=command.name, summary=command.summary
    )


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
            "note",
            "extend",
            "suspend",
            "resume",
            "decline",
            "reject",
            "escalate",
            "urge",
            "hurry",
            "unhurry",
            "merge",
            "recategorize",
            "relocate",
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
    ("通知提醒", ("notice", "notice_later", "notice_fix", "answer", "remind", "guide", "contacts")),
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


def unknown_command(ctx: Context, word: str, args: str) -> Outcome:
    """「/lsit」「/关闭 1」: a /command there is none of. The one a word for it means (「/关闭」:
    `near_command`), or one of the sender's its spelling is close to (「/lsit」: /list), else
    where the list is."""
    meant = near_command(ctx, word, args)
    if meant is not None:
        return meant
    typed = normalize(word).lstrip("/").lower()
    names = [
        c.name for c in ctx.services.commands if ctx.role in c.audience and _offered(ctx, c.name)
    ]
    close = get_close_matches(typed, names, n=1, cutoff=_CLOSE_ENOUGH) if typed.isascii() else []
    if close:
        line = texts.UNKNOWN_COMMAND_CLOSE.format(word=echoed(word), meant=f"/{close[0]}")
        return answer(ctx, line, "invalid")
    return answer(ctx, texts.UNKNOWN_COMMAND.format(word=echoed(word)), "invalid")


_CLOSE_ENOUGH = 0.75  # 「/lsit」 → /list, 「/sats」 → /stats; 「/go」 → nothing


def near_command(ctx: Context, word: str, args: str) -> Outcome | None:
    """「关闭 1」「/删除 2」: `word` is no command but means one (`Command.near_words`): how that
    one is said, with the issue number and the words after it (a button sends it, when they
    make it whole). None when the word means nothing the sender may do (to that issue: a
    resident's 「删除 1」 is 撤回 of their own report only), or, in a group, of no issue."""
    bare = normalize(word).lstrip("/")
    meaning = [command for command in ctx.services.commands if bare in command.near_words]
    if not meaning:
        return None
    number, said = issue_first(args.strip())
    if number is None:
        said = ""
    found = None
    if number is not None and ctx.community is not None:
        found = ctx.uow.issues.by_number(ctx.community.id, number)
    if number is not None and found is None and ctx.chat.kind != "private":
        return None  # in a group, only of an issue there is (「还有 3」 is chat)
    issue = facts(ctx, found) if found is not None else None
    meant = next(
        (
            command
            for command in meaning
            if ctx.role in command.audience and refusal(command.name, ctx.actor, issue) is None
        ),
        None,
    )
    if meant is None:
        return None
    wanted, whole = _words_after_number(meant, said)
    keyword = meant.keywords[0]
    shown = f"{keyword} {number if number is not None else '编号'} {hinted(wanted)}".strip()
    line = texts.NEAR_COMMAND.format(word=echoed(word), meant=shown, summary=meant.summary)
    reply = reply_to(ctx, line)
    pressed = f"/{meant.name} {number} {wanted}".strip()
    if number is not None and whole and len(pressed.encode()) <= BUTTON_COMMAND_MAX:
        reply = replace(reply, buttons=(Button(keyword, pressed),))
    return Outcome([reply], "invalid")


_OPTIONAL = re.compile(r"\s*\[[^\]]*\]")


def _words_after_number(command: Command, said: str) -> tuple[str, bool]:
    """What follows the issue number in `command` said with the words `said` (「办结 1 灯换好
    了」), or its usage's placeholder (「办结 1 结果」); and whether that is whole (no
    placeholder left). Words are dropped by a command that takes none (「查看 1」)."""
    after = command.usage.split(maxsplit=1)[1:]  # "编号 结果" → ["结果"]
    takes = after[0] if after else ""
    needed = _OPTIONAL.sub("", takes).strip()
    if said and takes:
        return said, True
    return needed, not needed
