"""What the ledger and issue pages show, read with the chat's own rules and wording.

Nothing here knows about HTTP: each function takes a unit of work, the services, the viewer's
`Actor` and the query, and returns the values a template needs. Who sees what is the chat's:
`/list`'s scoping for the ledger (residents their own and followed issues, handlers what they
hold, a grid worker their grids), `show`'s refusal for an issue, and residents' phone numbers
masked for everyone but the secretary and the reporter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.responses import FileResponse

from bot.clock import local
from bot.domain.deadlines import Colour, due_window
from bot.domain.issues import IssueStatus, Role
from bot.domain.lifecycle import MOVES, OPEN, Action
from bot.domain.permissions import (
    STAFF,
    Actor,
    calls_back,
    knows_private_reporter,
    ledger_scope,
    reads_report,
    refusal,
)
from bot.domain.sources import Source
from bot.media import MEDIA_TYPES, MediaFolder
from bot.text import echoed, month_day, normalize, printable, whole_number
from bot.web.errors import Refused
from handlers import texts
from handlers.base import Services
from handlers.ledger import (
    Held,
    assignee_label,
    colour_of,
    held_by_person,
    held_by_unit,
    issue_facts,
    shown_deadline,
    yellow_until,
)
from handlers.listing import suspended_shown
from handlers.remarks import shown_to
from handlers.show import person_label, trail_note, where_shown, words_shown
from handlers.stats import Period, parse_period
from storage.models import Issue
from storage.repositories import LedgerQuery
from storage.uow import UnitOfWork

PAGE_SIZE = 50
COLOURS = {"red": Colour.RED, "yellow": Colour.YELLOW, "green": Colour.GREEN}
_RANK = {Colour.RED: 0, Colour.YELLOW: 1, Colour.GREEN: 2}
# 到期: the days a deadline falls in, as 「台账 今天到期」 names them (`due_window`).
DUE_CHOICES = {"今天": "今天到期", "明天": "明天到期", "本周": "本周到期", "下周": "下周到期"}
STATUS_CHOICES = {
    "open": "未办结",
    **{status.value: status.label for status in IssueStatus},
    "all": "全部",
}
ALL_GRIDS = "all"
NOBODY = frozenset({-1})  # as a filter's people: an id no person has


@dataclass(frozen=True)
class Filters:
    """The ledger's filters as the address bar spells them (`?colour=red&grid=网格3…`)."""

    colour: str = ""
    grid: str = ""
    category: str = ""
    status: str = "open"
    assignee: str = ""
    q: str = ""
    building: str = ""
    due: str = ""  # a key of DUE_CHOICES
    filed: str = ""  # when filed, as 统计 names a period (「上月」「11月1日到15日」)
    page: int = 1

    @classmethod
    def of(cls, params: Mapping[str, str]) -> Filters:
        def word(key: str) -> str:
            return " ".join(normalize(params.get(key, "")).split())[:100]

        colour = word("colour").lower()
        status = word("status").lower() or "open"
        page = whole_number(word("page")) or 1
        return cls(
            colour=colour if colour in COLOURS else "",
            grid=word("grid"),
            category=word("category"),
            status=status if status in STATUS_CHOICES else "open",
            assignee=word("assignee"),
            q=word("q").lstrip("#"),
            building=_building(word("building")),
            due=due if (due := word("due")) in DUE_CHOICES else "",
            filed=word("filed")[:30],
            page=max(1, min(page, 1_000_000)),
        )

    def link(self, **changes: object) -> str:
        """This ledger's address with some filters changed (paging keeps the rest)."""
        values = {**self.__dict__, "page": 1, **changes}
        kept = {key: value for key, value in values.items() if value not in ("", None)}
        if kept.get("status") == "open":
            del kept["status"]
        if kept.get("page") == 1:
            del kept["page"]
        return "/?" + urlencode(kept) if kept else "/"


def ledger(
    uow: UnitOfWork, services: Services, actor: Actor, community_id: int, params: Mapping[str, str]
) -> dict[str, Any]:
    """The ledger page: one page of issues with the filters, counts per colour, and paging."""
    filters = Filters.of(params)
    grids = uow.communities.grids_of(community_id)
    grid_ids: frozenset[int] = actor.grid_ids
    if filters.grid == ALL_GRIDS:
        grid_ids = frozenset()
    elif filters.grid:
        grid_ids = frozenset(g.id for g in grids if g.name == filters.grid) or frozenset({-1})
    categories = [(c.code, c.name) for c in services.analyzer.categories]
    category = next((code for code, name in categories if filters.category in (code, name)), None)
    statuses = (
        OPEN
        if filters.status == "open"
        else frozenset(IssueStatus)
        if filters.status == "all"
        else frozenset({IssueStatus(filters.status)})
    )
    community = services.community_settings(uow.communities.get(community_id).code)
    held: Held = (frozenset(), None)
    if actor.role is Role.HANDLER:  # a handler sees what they hold, as /list shows them
        held = frozenset({actor.person_id}), actor.unit
    elif actor.role in STAFF and filters.assignee:
        if community.unit(filters.assignee) is not None:
            held = held_by_unit(uow, community_id, filters.assignee)
        else:
            named = uow.people.named(community_id, filters.assignee)
            # Someone unknown holds nothing: an id no person has.
            held = held_by_person(uow, community_id, named[0].id) if named else (NOBODY, None)
    watcher, own_building = ledger_scope(actor)  # as 台账 shows them in chat
    now = services.clock.now()
    window = (
        due_window(DUE_CHOICES[filters.due], now, services.settings.tz) if filters.due else None
    )
    filed: Period | None = None
    if filters.filed:  # 「上月」: those filed then, as 台账 上月 lists them
        try:
            filed = parse_period(filters.filed.replace(" ", ""), now, services.settings.tz)
        except ValueError:
            raise Refused(texts.WEB_FILED_UNKNOWN.format(word=echoed(filters.filed)), 400) from None
    query = LedgerQuery(
        community_id=community_id,
        statuses=statuses,
        grid_ids=grid_ids,
        # An unknown category (a hand-edited address) lists nothing, as an unknown grid does.
        category=(category or "-") if filters.category else None,
        watcher_id=watcher,
        assignee_ids=held[0],
        assignee_unit=held[1],
        text=filters.q,
        building=own_building or filters.building or None,
        due=window,
        filed_since=filed.since if filed else None,
        filed_until=filed.until if filed else None,
    )
    wanted = COLOURS.get(filters.colour)
    result = uow.issues.ledger(
        query,
        now=now,
        yellow_until=yellow_until(services),
        colour=_RANK[wanted] if wanted else None,
        offset=(filters.page - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )
    shown = {Colour.RED: result.red, Colour.YELLOW: result.yellow, Colour.GREEN: result.green}
    total = shown[wanted] if wanted else result.total
    pages = max(1, -(-total // PAGE_SIZE))
    listed = [row(uow, services, actor, issue) for issue in result.issues]
    return {
        "filters": filters,
        "rows": listed,
        "elsewhere": _elsewhere(uow, actor, community_id, filters.q, listed),
        "counts": {"red": result.red, "yellow": result.yellow, "green": result.green},
        "closed": result.closed,
        "total": total,
        "page": filters.page,
        "pages": pages,
        "grids": [g.name for g in grids],
        "categories": categories,
        "statuses": STATUS_CHOICES,
        "dues": DUE_CHOICES,
        "assignees": [u.name for u in community.units] if actor.role in STAFF else [],
        "title": "台账",
    }


def _elsewhere(
    uow: UnitOfWork, actor: Actor, community_id: int, q: str, listed: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """A number searched for whose issue the filters leave out (a closed one, while 未办结 is
    shown): its number and status, so the page can point to it. None when it is listed, does
    not exist, or is not the viewer's to see."""
    if not (q.isdecimal() and len(q) < 10) or any(r["number"] == int(q) for r in listed):
        return None
    found = uow.issues.by_number(community_id, int(q))
    if found is None or refusal("show", actor, issue_facts(uow, found)) is not None:
        return None
    return {"number": found.number, "status": found.status.label}


def _building(typed: str) -> str:
    """`3`, `3号楼`, `3栋` → `3`, as issues store their building."""
    word = typed.replace(" ", "")
    for suffix in ("号楼", "号", "栋", "幢", "楼"):
        word = word.removesuffix(suffix)
    return word[:16]


def row(uow: UnitOfWork, services: Services, actor: Actor, issue: Issue) -> dict[str, Any]:
    """One ledger line: what `/list` says of the issue, split into columns; a private report's
    words and flat only for whoever may read them (`reads_report`)."""
    is_open = issue.status in OPEN
    colour = colour_of(services, issue.deadline) if is_open else None
    readable = reads_report(actor, issue_facts(uow, issue, followers=False), "private")
    stopped = suspended_shown(services, issue)  # 挂起: its clock stopped
    return {
        "number": issue.number,
        "colour": colour.value if colour else "closed",
        "mark": texts.SUSPENDED_MARK if stopped else colour.emoji if colour else "⚪",
        "category": services.category(issue.category).name,
        "where": where_shown(issue, readable=readable),
        "summary": _excerpt(words_shown(issue, readable=readable, whole=False)),
        "status": issue.status.label,
        "holder": assignee_label(uow, issue),
        "deadline": stopped or (shown_deadline(services, issue.deadline) if is_open else ""),
        "filed": _day(services, issue.created_at),
    }


def issue(
    uow: UnitOfWork, services: Services, actor: Actor, community_id: int, number: int
) -> dict[str, Any] | str | None:
    """The issue page's values; None when there is no such issue, or the one line refusing."""
    found = uow.issues.by_number(community_id, number)
    if found is None:
        return None
    facts = issue_facts(uow, found, asker=uow.people.get(actor.person_id))
    why = refusal("show", actor, facts)
    if why is not None:
        return why
    reporter = uow.people.get(found.reporter_id)
    named = knows_private_reporter(actor, facts)

    def who(person_id: int | None) -> str:
        return person_label(uow, found, person_id, named=named)

    # A page is one person's, as a private chat is: the same rules for what it shows whole.
    readable = reads_report(actor, facts, "private")
    whole = calls_back(actor, facts, "private")
    history = []
    for entry in uow.audit.of_issue(found.id):
        if not shown_to(entry, actor.role, "private"):  # a 备注: for those at work
            continue
        moved = (
            f"{IssueStatus(entry.from_status).label}→{IssueStatus(entry.to_status).label}"
            if entry.from_status and entry.to_status and entry.from_status != entry.to_status
            else ""
        )
        history.append(
            {
                "when": _moment(services, entry.at),
                "who": who(entry.actor_id),
                "action": texts.AUDIT_ACTIONS.get(entry.action, entry.action),
                "moved": moved,
                "note": trail_note(entry, found, readable=readable, whole=whole),
            }
        )
    followers = [who(f.person_id) for f in uow.issues.followers(found.id)]
    is_open = found.status in OPEN
    colour = colour_of(services, found.deadline) if is_open else None
    stopped = suspended_shown(services, found)  # 挂起: its clock stopped
    grid = uow.communities.grid(found.grid_id).name if found.grid_id is not None else ""
    community = services.community_settings(uow.communities.get(community_id).code)
    return {
        "title": f"#{found.number}",
        "issue": {
            "number": found.number,
            "category": services.category(found.category).name,
            "status": found.status.label,
            "where": where_shown(found, readable=readable),
            "grid": grid,
            "urgent": found.urgent,
            "description": words_shown(found, readable=readable, whole=whole),
            "reporter": who(reporter.id),
            "filed": _moment(services, found.created_at),
            "source": Source(found.source).label,
            "work_order": found.work_order or "",
            "due_by": shown_deadline(services, found.due_by) if found.due_by else "",
            "reports": found.report_count,
            "colour": colour.value if colour else "closed",
            "mark": texts.SUSPENDED_MARK if stopped else colour.emoji if colour else "⚪",
            "deadline": stopped or (shown_deadline(services, found.deadline) if is_open else ""),
            "holder": assignee_label(uow, found),
            "escalated": found.escalated,
            "level": found.level,
            "resolution": printable(found.resolution or ""),
            "reopened": is_open and bool(found.resolution),  # its result is of the last time
            "rating": found.rating,
        },
        "photos": [
            {
                "kind": a.kind,
                "name": printable(a.caption or a.ref),
                "when": _moment(services, a.added_at),
                "url": f"/issues/{found.number}/photos/{a.id}" if a.file else "",
            }
            for a in (found.attachments if readable else [])
        ],
        "history": history,
        "followers": followers,
        "actions": _actions(actor, found, facts),
        "levels": list(services.settings.triage_days),
        "units": [u.name for u in community.units],
    }


def photo(
    uow: UnitOfWork,
    services: Services,
    actor: Actor,
    community_id: int,
    number: int,
    *,
    attachment_id: int,
) -> Path | str | None:
    """The kept copy of one of issue `number`'s photos, for whoever may see the issue; None
    when there is no such issue, photo or copy, or the one line refusing."""
    found = uow.issues.by_number(community_id, number)
    if found is None:
        return None
    facts = issue_facts(uow, found)
    why = refusal("show", actor, facts)
    if why is not None:
        return why
    if not reads_report(actor, facts, "private"):
        return None  # as if it were not there: the page lists no photo of it
    kept = next((a for a in found.attachments if a.id == attachment_id and a.file), None)
    if kept is None or kept.file is None:
        return None
    return MediaFolder(services.settings.media.dir).path(kept.file)


def kept_photo(path: Path | None) -> FileResponse:
    """A kept copy (`photo`), as the browser gets it; one line when there is none."""
    if path is None:
        raise Refused("这张照片没有存档。", 404)
    return FileResponse(
        path,
        media_type=MEDIA_TYPES.get(path.suffix.lstrip("."), "application/octet-stream"),
        headers={"Cache-Control": "private, max-age=86400"},
    )


def _actions(actor: Actor, issue: Issue, facts: Any) -> list[str]:
    """The actions the page offers: those the person may take and the status allows."""
    offered = []
    for verb in ("accept", "assign", "extend", "resolve", "reject"):
        if issue.status in MOVES[Action(verb)] and refusal(verb, actor, facts) is None:
            offered.append(verb)
    return offered


def command_text(verb: str, number: int, fields: Mapping[str, str]) -> str | None:
    """The chat command an action form stands for (None: no such action)."""
    match verb:
        case "accept":
            return f"/accept {number} {fields.get('level', '')}".rstrip()
        case "assign":
            target = fields.get("to", "").replace(" ", "")
            return f"/assign {number} {target} {fields.get('deadline', '')}".rstrip()
        case "extend":
            said = f"{fields.get('deadline', '')} {fields.get('reason', '')}"
            return f"/extend {number} {said.strip()}".rstrip()
        case "resolve":
            return f"/resolve {number} {fields.get('result', '')}".rstrip()
        case "reject":
            return f"/reject {number} {fields.get('reason', '')}".rstrip()
    return None


def _excerpt(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _day(services: Services, instant: datetime) -> str:
    moment = local(instant, services.settings.tz)
    return month_day(moment)


def _moment(services: Services, instant: datetime) -> str:
    moment = local(instant, services.settings.tz)
    return f"{moment.year}年{month_day(moment)} {moment:%H:%M}"
