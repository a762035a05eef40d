"""查看 N: one issue's details and its history."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.clock import local
from bot.domain.issues import Role, location_label
from bot.domain.privacy import mask_name, mask_text
from bot.text import parse_issue_number
from handlers import texts
from handlers.base import Context, Outcome, answer, refuse


def show(ctx: Context, args: str) -> Outcome:
    """查看 N — details, status and history of issue N."""
    number = parse_issue_number(args.split(" ", maxsplit=1)[0]) if args else None
    if number is None:
        command = next(c for c in ctx.services.commands if c.name == "show")
        return answer(ctx, command.usage_line(), "invalid")
    if ctx.community is None:
        return answer(ctx, texts.SHOW_NEEDS_COMMUNITY, "invalid")
    issue = ctx.uow.issues.by_number(ctx.community.id, number)
    if issue is None:
        return answer(ctx, texts.SHOW_NOT_FOUND.format(number=number), "invalid")
    if ctx.role == Role.RESIDENT and issue.reporter_id != ctx.sender.id:
        return refuse(ctx, "show", texts.SHOW_NOT_YOURS)
    tz = ctx.services.settings.tz
    category = ctx.services.category(issue.category)
    head = [f"#{issue.number}【{category.name}】{issue.status.label}"]
    where = location_label(issue.building, issue.unit, issue.room, issue.place)
    if where:
        head.append(where)
    if issue.grid_id is not None:
        head.append(ctx.uow.communities.grid(issue.grid_id).name)
    if issue.urgent:
        head.append("紧急")
    reporter = ctx.uow.people.get(issue.reporter_id)
    lines = [
        " · ".join(head),
        mask_text(issue.description),
        f"报事人：{mask_name(reporter.name)} · {_when(issue.created_at, tz)}",
    ]
    if issue.attachments:
        lines.append(f"照片：{len(issue.attachments)}张")
    lines.append("记录：")
    for entry in ctx.uow.audit.of_issue(issue.id):
        actor = ctx.uow.people.get(entry.actor_id).name if entry.actor_id else "系统"
        action = texts.AUDIT_ACTIONS.get(entry.action, entry.action)
        note = f"：{entry.note}" if entry.note else ""
        lines.append(f"{_when(entry.at, tz)} {mask_name(actor)} {action}{note}")
    return answer(ctx, "\n".join(lines))


def _when(instant: datetime, tz: ZoneInfo) -> str:
    moment = local(instant, tz)
    return f"{moment.month}月{moment.day}日 {moment:%H:%M}"
