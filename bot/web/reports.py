"""The web ledger's other pages: meetings and votes, statistics, the grid map, the export.

Staff pages, checked with the chat's own rules (`bot.domain.permissions.refusal` with the
chat command they mirror: "meeting", "stats", "export"), and built from the chat's own data
functions: the tally and verdict of `handlers.meetings`, the counting of `handlers.stats`
(`all_counts`, `stats_chart`), the workbook of `handlers.export`. People are masked.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.domain.deadlines import format_deadline
from bot.domain.lifecycle import OPEN
from bot.domain.permissions import Actor, refusal
from bot.domain.privacy import mask_name, mask_text
from bot.domain.voting import RULE_LABELS, Cast, tally
from bot.text import echoed, normalize, printable, shorten
from bot.web.errors import Refused
from handlers import texts
from handlers.base import Services
from handlers.export import MEETING_KINDS, export_filename, export_period, ledger_workbook
from handlers.ledger import assignee_label, colour_of, shown_deadline, yellow_until
from handlers.meeting_stats import figures_text, meeting_figures
from handlers.meetings import decision, meeting_casts, verdict, was_polled
from handlers.meetings import stage as meeting_stage
from handlers.patrol_stats import patrol_figures, patrol_lines
from handlers.stats import (
    Compare,
    IssueCounts,
    Period,
    StatsQuery,
    all_counts,
    by_grid_name,
    by_unit_order,
    compared,
    month_counts,
    parse_period,
    percent,
    period_slug,
    short_names,
    stats_chart,
    stats_label,
    summary_sentence,
    took_line,
    unit_names,
)
from storage.models import Meeting, MeetingOption
from storage.uow import UnitOfWork

if TYPE_CHECKING:
    from bot.web.app import Viewer, Web

log = logging.getLogger(__name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PERIODS = ("本周", "上周", "本月", "上月", "累计")
OTHER_BUILDINGS = "其他楼栋"
NO_STORE = {"Cache-Control": "private, no-store"}


def routes(web: Web) -> list[BaseRoute]:
    pages = Reports(web)
    return [
        Route("/meetings", pages.meetings),
        Route("/meetings/{number}", pages.meeting),
        Route("/stats", pages.stats),
        Route("/stats/chart.png", pages.chart),
        Route("/map", pages.grid_map),
        Route("/export.xlsx", pages.export),
    ]


def _allow(me: Viewer, command: str, line: str | None = None) -> None:
    """Refuse as the chat would refuse `command` (with this page's own line, when given)."""
    why = refusal(command, me.actor)
    if why is not None:
        raise Refused(line or why)


class Reports:
    """The endpoints: each opens a unit of work, finds the viewer, checks, and renders."""

    def __init__(self, web: Web) -> None:
        self.web = web
        self.services = web.services

    def meetings(self, request: Request) -> Response:
        with self.web.uow() as uow:
            me = self.web.viewer(uow, request)
            _allow(me, "meeting", "只有网格员及以上可以查看议事和投票。")
            data = meetings_page(uow, self.services, me.community_id)
            return self.web.page(request, "meetings.html", me, data)

    def meeting(self, request: Request) -> Response:
        with self.web.uow() as uow:
            me = self.web.viewer(uow, request)
            _allow(me, "meeting", "只有网格员及以上可以查看议事和投票。")
            number = _meeting_number(request.path_params["number"])
            data = meeting_page(uow, self.services, me.actor, me.community_id, number)
            if data is None:
                raise Refused(f"没有 M{number} 这次议事或投票。", 404)
            return self.web.page(request, "meeting.html", me, data)

    def stats(self, request: Request) -> Response:
        with self.web.uow() as uow:
            me = self.web.viewer(uow, request)
            _allow(me, "stats")
            query = stats_query(uow, self.services, me.community_id, request.query_params)
            data = stats_page(uow, self.services, me.community_id, query, request.query_params)
            return self.web.page(request, "stats.html", me, data)

    def chart(self, request: Request) -> Response:
        with self.web.uow() as uow:
            me = self.web.viewer(uow, request)
            _allow(me, "stats")
            query = stats_query(uow, self.services, me.community_id, request.query_params)
            try:
                png, _ = stats_chart(uow, self.services, me.community_id, query)
            except ValueError:  # a name the font cannot draw (MissingGlyphError), as in chat
                raise Refused("这张统计图画不出来，请看页面上的表格。", 500) from None
        return Response(png, media_type="image/png", headers=NO_STORE)

    def grid_map(self, request: Request) -> Response:
        with self.web.uow() as uow:
            me = self.web.viewer(uow, request)
            _allow(me, "stats", "只有网格员及以上可以查看网格图。")
            data = map_page(uow, self.services, me.actor, me.community_id)
            return self.web.page(request, "map.html", me, data)

    def export(self, request: Request) -> Response:
        """The xlsx 台账, the very workbook 「导出」 sends in chat: `?month=2026-11`, or any period
        「导出」 takes (`?period=今年`, `?period=11月1日到15日`); everything without either.
        `?grid=网格3`: that grid's (「导出 本月 网格3」)."""
        with self.web.uow() as uow:
            me = self.web.viewer(uow, request)
            _allow(me, "export")
            tz = self.services.settings.tz
            now = self.services.clock.now()
            local_now = now.astimezone(tz).replace(tzinfo=None)
            params = request.query_params
            try:
                period = export_period(params.get("period") or params.get("month", ""), now, tz)
            except ValueError:
                raise Refused("时间应写成 2026-11、本月、今年或 11月1日到15日。", 400) from None
            grids: list[str] = []
            grid_ids: frozenset[int] = frozenset()
            if typed := normalize(params.get("grid", "")):
                grid = uow.communities.grid_by_name(me.community_id, typed)
                if grid is None:
                    names = "、".join(g.name for g in uow.communities.grids_of(me.community_id))
                    raise Refused(texts.GRID_UNKNOWN.format(word=echoed(typed), grids=names), 404)
                grids, grid_ids = [grid.name], frozenset({grid.id})
            content = ledger_workbook(
                uow, self.services, me.community_id, period, grid_ids=grid_ids
            )
            community = uow.communities.get(me.community_id)
            filename = export_filename(community.name, period, local_now, grids=grids)
            fallback = _ascii_filename(community.code, period, local_now)
        log.info("web export: session %s, community %s", me.session_id, me.community_id)
        disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
        return Response(
            content,
            media_type=XLSX,
            headers={"Content-Disposition": disposition, **NO_STORE},
        )


def _meeting_number(typed: str) -> int:
    digits = normalize(typed).lstrip("Mm")
    if not digits.isdecimal() or len(digits) > 9:
        raise Refused("议事编号应是数字，例如 /meetings/3。", 404)
    return int(digits)


def _ascii_filename(code: str, period: Period, local_now: datetime) -> str:
    """`xfl-ledger-2026-11.xlsx`: for browsers that do not read `filename*`."""
    safe = "".join(ch for ch in code if ch.isascii() and (ch.isalnum() or ch in "-_")) or "linli"
    return f"{safe}-ledger-{period_slug(period) or f'{local_now:%Y%m%d}'}.xlsx"


# -- meetings and votes -------------------------------------------------------------------------


def meetings_page(uow: UnitOfWork, services: Services, community_id: int) -> dict[str, Any]:
    """Every meeting and vote of the community, newest first."""
    meetings = uow.meetings.called_between(community_id, None, None)
    rows = [_meeting_summary(uow, services, m) for m in reversed(meetings)]
    return {"title": "议事", "meetings": rows}


def _meeting_summary(uow: UnitOfWork, services: Services, meeting: Meeting) -> dict[str, Any]:
    tz, now = services.settings.tz, services.clock.now()
    options = uow.meetings.options(meeting.id)
    casts = meeting_casts(uow, meeting)
    if meeting.starts_at is not None:
        when = format_deadline(meeting.starts_at, tz, now, clock=True)
    else:
        when = "投票截止 " + format_deadline(meeting.poll_deadline, tz, now)
    return {
        "number": meeting.number,
        "kind": MEETING_KINDS.get(meeting.kind, meeting.kind),
        "title": printable(meeting.title),
        "when": when,
        "place": printable(meeting.place),
        "status": meeting_stage(meeting, now),
        "result": _result_line(meeting, options, casts),
        "publicity": _publicity(uow, services, meeting)["state"],
    }


def _result_line(meeting: Meeting, options: Sequence[MeetingOption], casts: list[Cast]) -> str:
    """What came of the poll: the time chosen, or the vote's verdict (blank while polling)."""
    if meeting.kind == "vote":
        if meeting.status == "polling":
            unit = "户" if meeting.per_household else "人"
            counted = tally(casts, len(options), per_household=meeting.per_household)
            return f"已投{counted.voters}{unit}"
        return _verdict(meeting, options, casts)
    if meeting.status == "cancelled":
        return "已取消"
    if meeting.chosen is not None and 1 <= meeting.chosen <= len(options):
        return f"定于 {options[meeting.chosen - 1].label}"
    if meeting.status == "tied":
        return "平票，待书记决定"
    return ""


def _verdict(meeting: Meeting, options: Sequence[MeetingOption], casts: list[Cast]) -> str:
    """A closed vote's result, as `close_poll` decided it: the same rule, quorum and ballots."""
    return verdict(decision(meeting, options, casts), options)


def meeting_page(
    uow: UnitOfWork, services: Services, actor: Actor, community_id: int, number: int
) -> dict[str, Any] | None:
    """One meeting or vote: what 「查看 M3」 says (`handlers.meetings.minutes`), as a page."""
    meeting = uow.meetings.by_number(community_id, number)
    if meeting is None:
        return None
    tz, now = services.settings.tz, services.clock.now()
    options = uow.meetings.options(meeting.id)
    casts = meeting_casts(uow, meeting)
    counted = tally(casts, len(options), per_household=meeting.per_household)
    # As in the minutes: a secret vote's counts are for those who may call votes until it closes.
    secret = meeting.kind == "vote" and not meeting.open_ballot and meeting.status == "polling"
    hidden = secret and refusal("vote", actor) is not None
    unit = "户" if meeting.per_household else "人"
    option_rows = [
        {
            "position": o.position,
            "label": printable(o.label),
            "votes": counted.counts[o.position],
            "share": percent(counted.counts[o.position] / counted.voters) if counted.voters else "",
            "chosen": meeting.chosen == o.position,
        }
        for o in options
    ]
    attendees: list[str] = []
    if meeting.kind == "meeting" and meeting.chosen is not None:
        attendees = [
            mask_name(uow.people.get(c.person_id).name)
            for c in casts
            if meeting.chosen in c.choices
        ]
    ballots: list[dict[str, str]] = []
    if meeting.kind == "vote" and meeting.open_ballot:
        ballots = [
            {
                "who": mask_name(uow.people.get(c.person_id).name),
                "choice": "、".join(options[n - 1].label for n in c.choices if n <= len(options)),
            }
            for c in casts
        ]
    rule = ""
    if meeting.kind == "vote":
        rule = RULE_LABELS.get(meeting.rule, meeting.rule)
        rule += "，每户一票" if meeting.per_household else ""
        rule += f"，至少{meeting.quorum}票有效" if meeting.quorum else ""
        rule += "，公开投票" if meeting.open_ballot else "，不记名"
    agenda = [
        {
            "number": i.number,
            "summary": shorten(mask_text(i.description), 40),
            "status": i.status.label,
        }
        for i in uow.meetings.agenda(meeting.id)
    ]
    actions = []
    for issue in uow.meetings.actions(meeting.id):
        is_open = issue.status in OPEN
        colour = colour_of(services, issue.deadline) if is_open else None
        actions.append(
            {
                "number": issue.number,
                "summary": shorten(mask_text(issue.description), 40),
                "holder": assignee_label(uow, issue),
                "deadline": shown_deadline(services, issue.deadline) if is_open else "",
                "status": issue.status.label,
                "colour": colour.value if colour else "closed",
                "mark": colour.emoji if colour else "⚪",
            }
        )
    # A closed vote's outcome is its count (shown above) until /outcome records decisions.
    decided = "" if _is_tally(meeting) else meeting.outcome
    return {
        "title": f"M{meeting.number}",
        "meeting": {
            "number": meeting.number,
            "kind": meeting.kind,
            "kind_label": MEETING_KINDS.get(meeting.kind, meeting.kind),
            "title": printable(meeting.title),
            "status": meeting_stage(meeting, now),
            "place": printable(meeting.place),
            "called": format_deadline(meeting.created_at, tz, now),
            "caller": mask_name(uow.people.get(meeting.created_by_id).name),
            "deadline": format_deadline(meeting.poll_deadline, tz, now),
            "polled": was_polled(meeting, options),
            "starts": format_deadline(meeting.starts_at, tz, now) if meeting.starts_at else "",
            "groups": [printable(c.title or c.ref) for c in uow.meetings.chats(meeting.id)],
            "rule": rule,
            "result": _result_line(meeting, options, casts),
        },
        "options": option_rows,
        "voters": counted.voters,
        "unit": unit,
        "hidden": hidden,
        "attendees": attendees,
        "ballots": ballots,
        "agenda": agenda,
        "decisions": [printable(d) for d in decided.split("；") if d.strip()],
        "actions": actions,
        "publicity": _publicity(uow, services, meeting),
    }


def _is_tally(meeting: Meeting) -> bool:
    """Whether a closed vote's outcome is still the count `close_poll` wrote (not decisions)."""
    return (
        meeting.kind == "vote"
        and meeting.outcome.startswith("参与")
        and "；规则：" in meeting.outcome
    )


def _publicity(uow: UnitOfWork, services: Services, meeting: Meeting) -> dict[str, Any]:
    """The 公示: not yet, running until a day, or over; and the objections, masked."""
    if meeting.publicity_until is None:
        return {"state": "未公示", "until": "", "running": False, "objections": []}
    tz, now = services.settings.tz, services.clock.now()
    objections = uow.meetings.objections(meeting.id)
    until = format_deadline(meeting.publicity_until, tz, now)
    running = now <= meeting.publicity_until
    if running:
        state = f"公示中，至 {until}，异议 {len(objections)} 条"
    else:
        state = f"公示期满（{until}），" + (
            f"异议 {len(objections)} 条" if objections else "无异议"
        )
    return {
        "state": state,
        "until": until,
        "running": running,
        "objections": [
            {
                "who": mask_name(uow.people.get(o.person_id).name),
                "text": mask_text(printable(o.text)),
                "when": format_deadline(o.at, tz, now),
            }
            for o in objections
        ],
    }


# -- statistics ---------------------------------------------------------------------------------


def stats_query(
    uow: UnitOfWork, services: Services, community_id: int, params: Mapping[str, str]
) -> StatsQuery:
    """`?period=上月&grid=网格3&category=排水` as /stats reads 「统计 上月 网格3 排水」."""
    now, tz = services.clock.now(), services.settings.tz
    word = normalize(params.get("period", "")).replace(" ", "") or "本月"
    try:
        period: Period = parse_period(word, now, tz)
    except ValueError:
        usage = services.command("stats").usage_line()
        raise Refused(texts.STATS_UNKNOWN.format(word=word[:20], usage=usage), 400) from None
    grid_ids: frozenset[int] = frozenset()
    grid = normalize(params.get("grid", ""))
    if grid:
        found = uow.communities.grid_by_name(community_id, grid)
        grid_ids = frozenset({found.id if found else -1})
    codes: frozenset[str] = frozenset()
    typed = normalize(params.get("category", ""))
    if typed:
        code = next(
            (c.code for c in services.analyzer.categories if typed in (c.code, c.name)), None
        )
        codes = frozenset({code or typed})
    by_month = normalize(params.get("by", "")) == "month"  # 「统计 今年 按月」: a row per month
    return StatsQuery(period, grid_ids, codes, by_month=by_month)


def stats_page(
    uow: UnitOfWork,
    services: Services,
    community_id: int,
    query: StatsQuery,
    params: Mapping[str, str],
) -> dict[str, Any]:
    """/stats as tables: the summary sentence, totals, per status, per grid, per category, per
    handling unit (「统计 单位」: what it held or was escalated, 按期 its resolved on time) and
    per 来源 (「统计 来源」); the meetings held (「统计 议事」), the rounds of 走访 (「统计 走访」);
    against the period before and a year before (「统计 环比」「统计 同比」)."""
    now = services.clock.now()
    grids = {grid.id: grid.name for grid in uow.communities.grids_of(community_id)}

    def name_of(code: str) -> str:
        return services.category(code).name

    label = stats_label(services, grids, query)
    # The figures by grid, unit and 来源 from one pass over the issues.
    counted = all_counts(uow, community_id, query, now)
    counts = counted.counts
    grid_rows = [
        {"name": name, **_figures(counts)} for name, counts in by_grid_name(grids, counted.per_grid)
    ]
    categories = [
        {
            "name": name_of(code),
            "count": n,
            "share": percent(n / counts.collected) if counts.collected else "",
        }
        for code, n in counts.by_category.items()
    ]
    configured = unit_names(uow, services, community_id)
    unit_rows = [
        {
            "name": unit,
            **_figures(counts),
            "on_time": counts.on_time,
            "on_time_rate": percent(counts.on_time_rate),
        }
        for unit, counts in by_unit_order(counted.per_unit, configured)
    ]
    source_rows = [
        {"name": source.label, **_figures(counts)} for source, counts in counted.per_source
    ]
    # A row per month when asked (one more pass over the issues, as 「统计 今年 按月」).
    months = (
        month_counts(uow, community_id, query, now, services.settings.tz) if query.by_month else []
    )
    month_rows = [{"name": label, **_figures(counts)} for label, counts in months]
    kept = {
        key: normalize(params.get(key, ""))
        for key in ("period", "grid", "category")
        if normalize(params.get(key, ""))
    }
    period = query.period
    held = meeting_figures(uow, community_id, period.since, period.until, now)
    grid_ids = query.grid_ids
    rounds = patrol_figures(uow, community_id, period.since, period.until, grid_ids=grid_ids)
    # How the figures moved: against the period before and a year before (环比, 同比).
    ways: tuple[Compare, ...] = ("prior", "year") if period.since is not None else ()
    moved = [compared(uow, community_id, replace(query, compare=way), counts, now) for way in ways]
    return {
        "compared": moved,
        # How long what was done took, as 「统计 … 用时」 says it.
        "took": took_line(uow, services, community_id, query),
        # The consultation, as 「统计 … 议事」 says it, for the community's figures alone.
        "meetings": ""
        if held.nothing or query.grid_ids or query.categories
        else figures_text(period.label, held),
        # The rounds of 走访, as 「统计 … 走访」 says them: the grid's when one is chosen.
        "patrols": patrol_lines(uow, community_id, period.label, rounds, grid_ids)
        if rounds.count and not query.categories
        else [],
        "title": "统计",
        "label": label,
        "sentence": summary_sentence(
            label, counts, short_names(services), top=len(query.categories) != 1
        ),
        "totals": _figures(counts),
        "statuses": [(status.label, n) for status, n in counts.by_status.items()],
        "grid_rows": grid_rows,
        "unit_rows": unit_rows,
        "source_rows": source_rows,
        "month_rows": month_rows,
        # Longer than a month: a link to its rows by month.
        "by_month_link": ""
        if query.by_month
        or (period.since is not None and (period.until or now) - period.since <= timedelta(days=31))
        else "/stats?" + urlencode({**kept, "by": "month"}),
        "categories": categories,
        "chart": "/stats/chart.png" + ("?" + urlencode(kept) if kept else ""),
        "period": kept.get("period", "本月"),
        "periods": PERIODS,
        "grid": kept.get("grid", ""),
        "category": kept.get("category", ""),
        "grids": list(grids.values()),
        "category_choices": [(c.code, c.name) for c in services.analyzer.categories],
    }


def _figures(counts: IssueCounts) -> dict[str, Any]:
    return {
        "collected": counts.collected,
        "resolved": counts.resolved,
        "resolution_rate": percent(counts.resolution_rate),
        "open": counts.open,
        "overdue": counts.overdue,
        "rated": counts.rated,
        "satisfaction_rate": percent(counts.satisfaction_rate),
    }


# -- the grid map -------------------------------------------------------------------------------


def map_page(
    uow: UnitOfWork, services: Services, actor: Actor, community_id: int
) -> dict[str, Any]:
    """网格图: a tile per configured building, by grid, coloured by its worst open issue.

    One grouped query counts the open issues per building and colour (`open_by_building`);
    buildings that issues name but config does not come last, under 「其他楼栋」.
    """
    code = uow.communities.get(community_id).code
    community = services.community_settings(code)
    counted = {
        building: (red, yellow, green)
        for building, red, yellow, green in uow.issues.open_by_building(
            community_id, services.clock.now(), yellow_until(services)
        )
    }
    # A worker limited to some grids sees the whole map; the ledger link then spans all grids.
    everywhere = {"grid": "all"} if actor.grid_ids else {}
    groups = []
    shown: set[str] = set()
    for grid in community.grids:
        tiles = [_tile(b.number, counted, everywhere, b.units) for b in grid.buildings]
        shown.update(b.number for b in grid.buildings)
        groups.append({"name": grid.name, "tiles": tiles, **_group_counts(tiles)})
    others = sorted((b for b in counted if b not in shown), key=_building_order)
    if others:
        tiles = [_tile(b, counted, everywhere, 0) for b in others]
        groups.append({"name": OTHER_BUILDINGS, "tiles": tiles, **_group_counts(tiles)})
    totals = [0, 0, 0]
    for red, yellow, green in counted.values():
        totals = [totals[0] + red, totals[1] + yellow, totals[2] + green]
    return {
        "title": "网格图",
        "groups": groups,
        "totals": {"red": totals[0], "yellow": totals[1], "green": totals[2]},
    }


def _tile(
    number: str,
    counted: Mapping[str, tuple[int, int, int]],
    everywhere: Mapping[str, str],
    units: int,
) -> dict[str, Any]:
    red, yellow, green = counted.get(number, (0, 0, 0))
    worst = "red" if red else "yellow" if yellow else "green" if green else "none"

    def link(**more: str) -> str:
        return "/?" + urlencode({"building": number, **everywhere, **more})

    return {
        "number": number,
        "units": units,
        "colour": worst,
        "red": red,
        "yellow": yellow,
        "green": green,
        "open": red + yellow + green,
        "link": link(),
        "links": {colour: link(colour=colour) for colour in ("red", "yellow", "green")},
    }


def _group_counts(tiles: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    return {colour: sum(int(t[colour]) for t in tiles) for colour in ("red", "yellow", "green")}


def _building_order(number: str) -> tuple[int, int, str]:
    """Numbers by value (2 before 10), then any other name."""
    return (0, int(number), "") if number.isdecimal() else (1, 0, number)
