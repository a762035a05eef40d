"""导出 / export: the xlsx 台账 (chat-protocol §8).

`ledger_workbook` builds five sheets: 「台账」 (one row per issue, open rows filled with their
deadline colour), 「统计」 (collected, resolved, rates, overdue, by status, category and grid, by
month over more than one, and the meetings' figures), 「单位」 (each handling unit's figures, as
/stats 单位 gives them), 「人员」 (each member of staff's work, as /stats 人员 counts it) and
「议事」 (one row per meeting or vote); a 来源's file has no 人员 and no meetings, a grid's
none either, and only that grid's rounds. Nothing
personal leaves in the file: people are masked (`王*芳`), private reporters appear under a
pseudonym, and every free text has its phone numbers masked and its ID numbers removed
(chat-protocol §9).

The counting is `handlers.stats`, shared with `/stats` and the monthly report; its names are
re-exported here for callers of the export.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime
from io import BytesIO
from typing import Protocol
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.dimensions import ColumnDimension, DimensionHolder, RowDimension
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.page import PrintPageSetup
from openpyxl.worksheet.properties import PageSetupProperties, WorksheetProperties
from openpyxl.worksheet.worksheet import Worksheet

from bot.domain.calendar import END_OF_DAY
from bot.domain.deadlines import Colour
from bot.domain.issues import IssueStatus, location_label
from bot.domain.lifecycle import OPEN
from bot.domain.privacy import mask_name, mask_text
from bot.domain.ratings import SATISFIED_FROM
from bot.domain.sources import Source, sources_named
from bot.messages import Document
from bot.text import normalize
from handlers import texts, workload
from handlers.base import Answer, Context, Outcome, Services, check_grid, numbers_of
from handlers.ledger import assignee_label, check, colour_of
from handlers.listing import suspended_shown
from handlers.meeting_stats import MeetingFigures, meeting_figures
from handlers.meetings import stage as meeting_stage
from handlers.patrol_stats import patrol_figures
from handlers.remarks import NOTE
from handlers.stats import (
    NO_GRID,
    NO_VALUE,
    IssueCounts,
    IssueStat,
    Period,
    UnitCounts,
    average_days_taken,
    by_unit_order,
    count_by_grid,
    count_by_month,
    count_by_unit,
    count_issues,
    judged_at,
    month_range,
    month_span,
    parse_month,
    parse_period,
    percent,
    period_slug,
    short_names,
    summary_sentence,
    unit_names,
)
from storage.models import Issue, Meeting, Patrol, Person
from storage.repositories import RESOLVED_ON_TIME
from storage.uow import UnitOfWork

__all__ = [  # the counting lives in handlers.stats; these names stay importable from here
    "LEDGER_HEADERS",
    "MEETING_HEADERS",
    "IssueCounts",
    "IssueStat",
    "count_by_grid",
    "count_issues",
    "export",
    "export_filename",
    "ledger_workbook",
    "month_range",
    "parse_month",
    "percent",
    "summary_sentence",
]

LEDGER_SHEET, STATS_SHEET, UNITS_SHEET, MEETINGS_SHEET = "台账", "统计", "单位", "议事"
PEOPLE_SHEET, PATROLS_SHEET = "人员", "走访"
PATROL_HEADERS = ("时间", "人员", "网格", "地点", "入户", "情况", "发现问题", "照片")
LEDGER_HEADERS = (
    "编号",
    "登记日期",
    "报事人",
    "来源",
    "工单号",
    "工单时限",
    "网格",
    "楼栋/单元",
    "分类",
    "描述",
    "状态",
    "承办",
    "期限",
    "颜色",
    "办理结果",
    "满意度",
    "备注",  # staff's notes (备注), oldest first
)
UNIT_HEADERS = (
    "单位",
    "承办",
    "办结",
    "办结率",
    "按期办结",
    "按期率",
    "超期未办结",
    "已评价",
    "满意率",
)
MEETING_HEADERS = (
    "编号",
    "标题",
    "类型",
    "状态",
    "投票截止",
    "时间",
    "地点",
    "议题",
    "结果/决议",
    "行动事项",
    "公示",
)
FILLS = {Colour.GREEN: "C6EFCE", Colour.YELLOW: "FFEB9C", Colour.RED: "FFC7CE"}
PRIVATE_REPORTER = "私信居民{n}"
MEETING_KINDS = {"meeting": "议事会", "vote": "表决"}

_DATE_TIME = "yyyy-mm-dd hh:mm"
_DATE = "yyyy-mm-dd"
_PERCENT = "0%"
# What XML 1.0 (so xlsx) cannot hold; openpyxl refuses a cell containing one.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
CELL_LIMIT = 32_767  # characters (UTF-16 code units) an Excel cell holds
_FILENAME_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')
# Columns that hold sentences: wrapped, and wider.
_WIDE = {
    "描述": 50,
    "办理结果": 40,
    "结果/决议": 50,
    "行动事项": 40,
    "标题": 30,
    "情况": 40,
    "发现问题": 30,
}
_MAX_WIDTH, _MIN_WIDTH = 30, 6
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_RIGHT = Alignment(horizontal="right")
_FILLS = {colour: PatternFill("solid", fgColor=rgb) for colour, rgb in FILLS.items()}

CellValue = str | int | float | datetime | date | None


# -- the file -------------------------------------------------------------------------------------


def export_filename(
    community_name: str,
    period: Period,
    now_local: datetime,
    sources: Collection[str] = (),
    grids: Sequence[str] = (),
) -> str:
    """`幸福里社区台账-2026-11.xlsx` for a month (`-2026`, `-2026-Q4` for a year, a quarter),
    `幸福里社区台账-20261122.xlsx` for everything; `幸福里社区12345热线台账-2026-11.xlsx` for
    one 来源's issues, `幸福里社区网格3台账-2026-11.xlsx` for one grid's."""
    name = _FILENAME_UNSAFE.sub("", community_name) or "社区"
    name += "".join(_FILENAME_UNSAFE.sub("", grid) for grid in grids)
    name += "".join(Source(value).label for value in sorted(sources))
    return f"{name}台账-{period_slug(period) or f'{now_local:%Y%m%d}'}.xlsx"


def ledger_workbook(
    uow: UnitOfWork,
    services: Services,
    community_id: int,
    period: Period,
    *,
    sources: Collection[str] = (),
    grid_ids: Collection[int] = (),
    complaints: bool = True,
) -> bytes:
    """The xlsx 台账 of a community: the issues filed in `period` (a month, a year …, or
    everything), with the statistics and the meetings of the same period; the saved file's
    bytes. With `sources` (「导出 本月 12345」), the issues of those 来源 and their figures,
    and no meetings; with `grid_ids` (「导出 本月 网格3」), those grids' issues and rounds, and
    neither the meetings nor the staff's figures, which are the community's.

    The workbook is written as a stream (openpyxl's write-only mode): each sheet's rows are
    worked out first, its column widths measured from them, and then the rows go out in order.
    A ledger of 100,000 issues is never held as 1.3 million cell objects.

    `complaints`: the words of complaints of staff conduct are in it (for the secretary's own
    eyes); else they read 「（对工作人员的投诉）」, as in the work group's lines."""
    since, until = period.since, period.until
    issues = uow.issues.filed_between(community_id, since, until, whole=True)
    if sources:
        issues = [issue for issue in issues if issue.source in sources]
    if grid_ids:
        issues = [issue for issue in issues if issue.grid_id in grid_ids]
    whole = not (sources or grid_ids)  # the community's own: its meetings, its staff's work
    # Everyone the sheet names, loaded at once: while `people` is kept, looking one up by id
    # (reporter, assignee) costs no query.
    people = uow.people.many(
        person_id
        for issue in issues
        for person_id in (issue.reporter_id, issue.assignee_id)
        if person_id is not None
    )
    merged = uow.issues.numbers_of(
        issue.merged_into_id for issue in issues if issue.merged_into_id is not None
    )
    grids = {grid.id: grid.name for grid in uow.communities.grids_of(community_id)}

    book = Workbook(write_only=True)
    _ledger_sheet(
        book,
        uow=uow,
        services=services,
        issues=issues,
        grids=grids,
        people=people,
        merged=merged,
        notes=uow.audit.notes_by_issue(community_id, NOTE),
        complaints=complaints,
    )
    stats = [IssueStat.of(issue) for issue in issues]
    community = uow.communities.get(community_id)
    now = services.clock.now()
    _stats_sheet(
        book,
        services=services,
        community=community.name,
        period=period,
        stats=stats,
        grids=grids,
        held=meeting_figures(uow, community_id, since, until, now) if whole else None,
    )
    _units_sheet(
        book,
        title=f"{community.name} {period.label}",
        units=unit_names(uow, services, community_id),
        per_unit=count_by_unit(stats, judged_at(period, services.clock.now())),
    )
    if whole:  # the staff's work is the community's, not one 来源's or grid's
        _people_sheet(book, uow, community_id, period, f"{community.name} {period.label}")
    meetings = uow.meetings.called_between(community_id, since, until) if whole else []
    _meetings_sheet(book, uow, services, meetings)
    if not sources:  # the rounds are the staff's, not one 来源's; a grid's are its own
        made = uow.patrols.between(community_id, since, until)
        if grid_ids:
            made = [patrol for patrol in made if patrol.grid_id in grid_ids]
        _patrols_sheet(book, uow, services, grids, made)
    book.properties.creator = services.settings.bot.name
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _ledger_sheet(
    book: Workbook,
    *,
    uow: UnitOfWork,
    services: Services,
    issues: Sequence[Issue],
    grids: Mapping[int, str],
    people: Mapping[int, Person],
    merged: Mapping[int, int],
    notes: Mapping[int, Sequence[str]],
    complaints: bool,
) -> None:
    tz = services.settings.tz
    pseudonyms: dict[int, str] = {}
    rows: list[Sequence[CellValue]] = []
    fills: list[PatternFill | None] = []
    for issue in issues:
        finished = issue.status not in OPEN
        stopped = suspended_shown(services, issue)  # 挂起: no deadline, no colour
        # A complaint of staff conduct, in a file not for the secretary alone: no words, no notes
        hidden = issue.staff_complaint and not complaints
        mark = None if finished or stopped else colour_of(services, issue.deadline)
        rows.append(
            (
                issue.number,
                _local(issue.created_at, tz),
                _reporter(people, issue, pseudonyms),
                Source(issue.source).label,
                issue.work_order or "",
                _deadline(issue.due_by, tz),
                "" if issue.grid_id is None else grids.get(issue.grid_id, ""),
                location_label(issue.building, issue.unit, None, issue.place),
                services.category(issue.category).name,
                texts.STAFF_COMPLAINT_HIDDEN if hidden else mask_text(issue.description),
                issue.status.label,
                assignee_label(uow, issue),
                stopped or _deadline(issue.deadline, tz),
                texts.SUSPENDED_MARK if stopped else mark.emoji if mark else "",
                _result(issue, merged),
                issue.counted_rating,
                "" if hidden else mask_text("；".join(notes.get(issue.id, []))),
            )
        )
        # An open row is filled, whole, in its deadline colour; finished rows stay white.
        fills.append(None if mark is None else _FILLS[mark])
    _table_sheet(book, LEDGER_SHEET, LEDGER_HEADERS, rows, fills=fills, first_format='"#"0')


def _stats_sheet(
    book: Workbook,
    *,
    services: Services,
    community: str,
    period: Period,
    stats: Sequence[IssueStat],
    grids: Mapping[int, str],
    held: MeetingFigures | None,
) -> None:
    sheet: _StreamSheet = book.create_sheet(STATS_SHEET)
    now = services.clock.now()
    judged = judged_at(period, now)  # 超期 as /stats judges it
    counts = count_issues(stats, judged, running=judged == now)
    label = period.label

    def name_of(code: str) -> str:
        return services.category(code).name

    sheet.column_dimensions["A"].width = 26
    for column in range(2, 9):
        sheet.column_dimensions[get_column_letter(column)].width = 12
    _fit_page(sheet)
    sheet.merged_cells.add("A3:H3")  # the sentence, wrapped over the width of the tables
    sheet.row_dimensions[3].height = 36
    sentence = _cell(
        sheet, _cleaned(summary_sentence(label, counts, short_names(services))), alignment=_WRAP
    )
    rows: list[Sequence[object]] = [
        [_cell(sheet, _cleaned(f"{community} {label} 诉求统计"), font=_BOLD)],
        [_cleaned(f"导出时间：{_local(now, services.settings.tz):%Y-%m-%d %H:%M}")],
        [sentence],
        [],
    ]
    rows += _table(
        sheet,
        ("指标", "数值"),
        [
            ("收集诉求", counts.collected),
            ("办结（含销号）", counts.resolved),
            ("办结率", counts.resolution_rate),
            ("未办结", counts.open),
            ("超期（未办结且已过期限）", counts.overdue),
            ("已评价", counts.rated),
            (f"满意（{SATISFIED_FROM}分及以上）", counts.satisfied),
            ("满意率", counts.satisfaction_rate),
            ("平均办结用时（天）", _days(average_days_taken(stats))),
        ],
        percent_rows={3, 8},
    )
    rows += _table(
        sheet, ("状态", "数量"), [(status.label, n) for status, n in counts.by_status.items()]
    )
    rows += _table(
        sheet, ("分类", "数量"), [(name_of(code), n) for code, n in counts.by_category.items()]
    )
    per_grid = count_by_grid(stats, judged)
    order: list[int | None] = [*grids, *(g for g in per_grid if g not in grids)]
    grid_rows: list[tuple[CellValue, ...]] = []
    for grid_id in order:
        grid = per_grid.get(grid_id, IssueCounts())
        label = grids.get(grid_id, NO_GRID) if grid_id is not None else NO_GRID
        grid_rows.append(_grid_row(label, grid))
    grid_rows.append(_grid_row("合计", counts))
    rows += _table(
        sheet,
        ("网格", "收集", "办结", "办结率", "未办结", "超期", "已评价", "满意率"),
        grid_rows,
        percent_columns={4, 8},
    )
    months = count_by_month(stats, period, now, services.settings.tz)
    if len(months) > 1:  # a year, a quarter, everything: 「统计 今年 按月」 as a table
        month_rows = [_grid_row(label, counts) for label, counts in months]
        rows += _table(
            sheet,
            ("月份", "收集", "办结", "办结率", "未办结", "超期", "已评价", "满意率"),
            month_rows,
            percent_columns={4, 8},
        )
    if held is not None:  # the consultation, as 「统计 … 议事」 says it (none for one 来源)
        rows += _table(sheet, ("议事协商", "次数"), _meeting_rows(held))
    for row in rows:
        sheet.append(row)


def _days(days: float | None) -> float | str:
    """Days to one decimal, as 「统计 … 用时」 says them; 「—」 when nothing was done."""
    return NO_VALUE if days is None else round(days, 1)


def _meeting_rows(held: MeetingFigures) -> list[tuple[CellValue, ...]]:
    """召开会议 and each kind held, 表决 and 通过, 决议, 公示, the action items and those done."""
    kinds = [(f"其中{kind}", n) for kind, n in held.held.most_common()]
    return [
        ("召开会议", sum(held.held.values())),
        *kinds,
        ("表决", held.votes),
        ("表决通过", held.passed),
        ("形成决议", held.decided),
        ("公示", held.published),
        ("议定行动事项", held.actions),
        ("行动事项已办结", held.actions_done),
    ]


def _units_sheet(
    book: Workbook,
    *,
    title: str,
    units: Sequence[str],
    per_unit: Mapping[str, UnitCounts],
) -> None:
    """Each handling unit with issues in the period, one row each, most received first: what
    「统计 … 单位」 says, with the rates."""
    sheet: _StreamSheet = book.create_sheet(UNITS_SHEET)
    sheet.column_dimensions["A"].width = 16
    for column in range(2, len(UNIT_HEADERS) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 11
    _fit_page(sheet)
    rows: list[Sequence[object]] = [
        [_cell(sheet, _cleaned(f"{title} 各单位承办情况"), font=_BOLD)],
        [_cleaned(texts.UNITS_SHEET_NOTE)],
        [],
    ]
    unit_rows = [
        (
            unit,
            counts.collected,
            counts.resolved,
            counts.resolution_rate,
            counts.on_time,
            counts.on_time_rate,
            counts.overdue,
            counts.rated,
            counts.satisfaction_rate,
        )
        for unit, counts in by_unit_order(per_unit, units)
    ]
    rows += _table(sheet, UNIT_HEADERS, unit_rows, percent_columns={4, 6, 9})
    for row in rows:
        sheet.append(row)


def _people_sheet(
    book: Workbook, uow: UnitOfWork, community_id: int, period: Period, title: str
) -> None:
    """Each member of staff's work in the period (工作量, as 「统计 … 人员」 counts it), one row
    each, most issues first, names masked: 经手事项 and how often they did each thing that
    anyone did (办结 with 按期)."""
    staff = workload.members(uow.people.staff(community_id))
    touched, done = workload.work_counts(uow, community_id, period.since, period.until, list(staff))
    rounds = patrol_figures(uow, community_id, period.since, period.until, person_ids=list(staff))
    actions = [a for a in workload.WORK if any(a in mine for mine in done.values())]
    headers = ["姓名", "角色", "范围", "经手事项"]
    for action in actions:
        headers.append(workload.WORK[action])
        if action == "resolve":
            headers.append(texts.PEOPLE_ON_TIME)
    if rounds.count:
        headers += [PATROLS_SHEET, PATROL_HEADERS[4]]  # 走访, 入户
    rows: list[Sequence[CellValue]] = []
    for member in workload.ordered(list(staff.values()), touched):
        mine = done.get(member.person.id, {})
        place = workload.scope(uow, member)
        row: list[CellValue] = [
            mask_name(member.person.name),
            member.role.label,
            "" if place == member.role.label else place,
            touched.get(member.person.id, 0),
        ]
        for action in actions:
            row.append(mine.get(action, 0))
            if action == "resolve":
                row.append(mine.get(RESOLVED_ON_TIME, 0))
        if rounds.count:
            row += [rounds.rounds[member.person.id], rounds.visited[member.person.id]]
        rows.append(row)
    sheet: _StreamSheet = book.create_sheet(PEOPLE_SHEET)
    sheet.column_dimensions["A"].width = 10
    sheet.column_dimensions["C"].width = 14
    _fit_page(sheet)
    lines: list[Sequence[object]] = [
        [_cell(sheet, _cleaned(f"{title} 人员工作量"), font=_BOLD)],
        [_cleaned(texts.PEOPLE_SHEET_NOTE)],
        [],
    ]
    lines += _table(sheet, headers, rows)
    for line in lines:
        sheet.append(line)


def _grid_row(label: str, counts: IssueCounts) -> tuple[CellValue, ...]:
    return (
        label,
        counts.collected,
        counts.resolved,
        counts.resolution_rate,
        counts.open,
        counts.overdue,
        counts.rated,
        counts.satisfaction_rate,
    )


def _table(
    sheet: _StreamSheet,
    headers: Sequence[str],
    rows: Sequence[Sequence[CellValue]],
    *,
    percent_rows: Iterable[int] = (),
    percent_columns: Iterable[int] = (),
) -> list[list[object]]:
    """A small table with a bold header, and a blank row after it, as rows to append.
    Percentages are fractions shown as `78%`, or `—` when there is nothing to divide by."""
    percent_at = set(percent_rows)
    percent_in = set(percent_columns)
    table: list[list[object]] = [[_cell(sheet, header, font=_BOLD) for header in headers]]
    for offset, values in enumerate(rows, start=1):
        # The first column is the row's label, never a percentage.
        table.append(
            [
                _cell(
                    sheet,
                    NO_VALUE if value is None else value,
                    number_format=_PERCENT,
                    alignment=_RIGHT,
                )
                if column > 1 and (offset in percent_at or column in percent_in)
                else _cleaned(value)
                for column, value in enumerate(values, start=1)
            ]
        )
    table.append([])
    return table


def _meetings_sheet(
    book: Workbook, uow: UnitOfWork, services: Services, meetings: Sequence[Meeting]
) -> None:
    tz = services.settings.tz
    now = services.clock.now()
    rows: list[Sequence[CellValue]] = []
    for meeting in meetings:
        agenda = numbers_of(uow.meetings.agenda(meeting.id))
        actions = "；".join(
            f"#{issue.number} {issue.description}"
            f"（{assignee_label(uow, issue)}，{issue.status.label}）"
            for issue in uow.meetings.actions(meeting.id)
        )
        rows.append(
            (
                meeting.number,
                mask_text(meeting.title),
                MEETING_KINDS.get(meeting.kind, meeting.kind),
                meeting_stage(meeting, now),
                _local(meeting.poll_deadline, tz),
                _local(meeting.starts_at, tz) if meeting.starts_at else None,
                mask_text(meeting.place),
                agenda,
                mask_text(meeting.outcome),
                mask_text(actions),
                _publicity(uow, meeting, now, tz),
            )
        )
    _table_sheet(book, MEETINGS_SHEET, MEETING_HEADERS, rows, first_format='"M"0')


def _patrols_sheet(
    book: Workbook,
    uow: UnitOfWork,
    services: Services,
    grids: Mapping[int, str],
    made: Sequence[Patrol],
) -> None:
    """The rounds of 走访 and 巡查 of the period, in the order they were made, names masked."""
    tz = services.settings.tz
    people = uow.people.many(patrol.person_id for patrol in made)
    photos = uow.patrols.photos([patrol.id for patrol in made])
    rows = [
        (
            _local(patrol.at, tz),
            mask_name(people[patrol.person_id].name),
            grids.get(patrol.grid_id, "") if patrol.grid_id is not None else "",
            patrol.place,
            patrol.households,
            mask_text(patrol.words),
            mask_text(patrol.found),
            photos.get(patrol.id, 0),
        )
        for patrol in made
    ]
    _table_sheet(book, PATROLS_SHEET, PATROL_HEADERS, rows, first_format=_DATE_TIME)


def _publicity(uow: UnitOfWork, meeting: Meeting, now: datetime, tz: ZoneInfo) -> str:
    if meeting.publicity_until is None:
        return "未公示"
    until = meeting.publicity_until.astimezone(tz)
    objections = len(uow.meetings.objections(meeting.id))
    if now <= meeting.publicity_until:
        return f"公示中，至 {until:%Y-%m-%d}，异议{objections}条"
    return f"公示期满（{until:%Y-%m-%d}），" + (f"异议{objections}条" if objections else "无异议")


# -- cells ----------------------------------------------------------------------------------------


class _StreamSheet(Protocol):
    """What is used here of openpyxl's write-only worksheet (its type stubs declare only
    `append`): the layout is set first, then the rows are appended in order."""

    column_dimensions: DimensionHolder[str, ColumnDimension]
    row_dimensions: DimensionHolder[int, RowDimension]
    merged_cells: MultiCellRange
    auto_filter: AutoFilter
    page_setup: PrintPageSetup
    sheet_properties: WorksheetProperties
    freeze_panes: str | None
    print_title_rows: str | None

    def append(self, row: Iterable[object]) -> None: ...


def _table_sheet(
    book: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[CellValue]],
    *,
    fills: Sequence[PatternFill | None] = (),
    first_format: str,
) -> None:
    """A sheet holding one table: the bold header row frozen at the top with a filter over the
    table, widths that fit the text (CJK counts 2), sentence columns wrapped and wider, the
    first column a number shown in `first_format`, row i filled with `fills[i]` when given."""
    sheet: _StreamSheet = book.create_sheet(title)
    cleaned = [[_cleaned(value) for value in row] for row in rows]
    for column, header in enumerate(headers):
        widest = max((_width(row[column]) for row in cleaned), default=0)
        width = min(_WIDE.get(header, _MAX_WIDTH), max(widest, _width(header)) + 2)
        sheet.column_dimensions[get_column_letter(column + 1)].width = max(_MIN_WIDTH, width)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    sheet.print_title_rows = "1:1"
    _fit_page(sheet)
    wrapped = {column for column, header in enumerate(headers) if header in _WIDE}
    sheet.append([_cell(sheet, header, font=_BOLD) for header in headers])
    for index, row in enumerate(cleaned):
        fill = fills[index] if fills else None
        sheet.append(
            [
                _cell(
                    sheet,
                    value,
                    fill=fill,
                    alignment=_WRAP if column in wrapped else None,
                    number_format=first_format if column == 0 else None,
                )
                for column, value in enumerate(row)
            ]
        )


def _cell(
    sheet: _StreamSheet,
    value: CellValue,
    *,
    fill: PatternFill | None = None,
    font: Font | None = None,
    alignment: Alignment | None = None,
    number_format: str | None = None,
) -> object:
    """What `append` takes for one cell of a `_cleaned` value: the bare value when it needs
    nothing more, else a cell that carries its style. Dates and times get their format; text
    typed by people is never a formula (「=HYPERLINK(…)」 stays text); an empty cell is styled
    only by a row's fill."""
    if value is None:
        if fill is None:
            return None
        alignment = number_format = None
    elif isinstance(value, datetime):
        number_format = _DATE_TIME
    elif isinstance(value, date):
        number_format = _DATE
    formula_like = isinstance(value, str) and value.startswith("=")
    if not (fill or font or alignment or number_format or formula_like):
        return value
    cell = WriteOnlyCell(sheet, value)  # type: ignore[arg-type]  # the stubs want a Worksheet
    if isinstance(value, str):
        cell.data_type = "s"
    if fill is not None:
        cell.fill = fill
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    if number_format is not None:
        cell.number_format = number_format
    return cell


def _fit_page(sheet: _StreamSheet) -> None:
    """Printed landscape, one page wide, as many pages long as it takes."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _reporter(people: Mapping[int, Person], issue: Issue, pseudonyms: dict[int, str]) -> str:
    """Masked; a private report's reporter only as `私信居民1`, the same person the same number."""
    if issue.private:
        if issue.reporter_id not in pseudonyms:
            pseudonyms[issue.reporter_id] = PRIVATE_REPORTER.format(n=len(pseudonyms) + 1)
        return pseudonyms[issue.reporter_id]
    return mask_name(people[issue.reporter_id].name)


def _result(issue: Issue, merged: Mapping[int, int]) -> str:
    """The resolution, or the issue a merged one went into (`merged`: numbers by id)."""
    if issue.resolution:
        return mask_text(issue.resolution)
    if issue.status is IssueStatus.MERGED and issue.merged_into_id is not None:
        return f"已并入 #{merged[issue.merged_into_id]}"
    return ""


def _local(instant: datetime, tz: ZoneInfo) -> datetime:
    """Excel has no time zones: the wall-clock time in the community's zone."""
    return instant.astimezone(tz).replace(tzinfo=None)


def _deadline(deadline: datetime | None, tz: ZoneInfo) -> date | datetime | None:
    """A date for an end-of-office-day deadline (the usual kind), else date and time."""
    if deadline is None:
        return None
    local = _local(deadline, tz)
    return local.date() if local.time() == END_OF_DAY else local


def _cleaned(value: CellValue) -> CellValue:
    """A value as a cell holds it: text `_clean`ed, and no text at all as no value."""
    if isinstance(value, str):
        return _clean(value) or None
    return value


def _clean(text: str) -> str:
    """Drop control characters an xlsx cannot hold (a pasted message may carry them), and cut
    text longer than a cell may hold (Excel calls such a file damaged)."""
    text = _ILLEGAL.sub("", text)
    if len(text) * 2 <= CELL_LIMIT or _utf16_length(text) <= CELL_LIMIT:
        return text
    tail = texts.CELL_CUT.format(count=len(text))
    room = CELL_LIMIT - len(tail)
    kept = text[:room]
    kept = kept[: len(kept) - max(0, _utf16_length(kept) - room)]  # emoji count twice
    return kept + tail


def _utf16_length(text: str) -> int:
    """Length as Excel counts it: in UTF-16 code units."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def _width(value: object) -> int:
    """How wide a value shows, in Latin characters; long text only as far as a column grows."""
    if value is None:
        return 0
    if isinstance(value, datetime):
        return len("2026-11-23 08:00")
    if isinstance(value, date):
        return len("2026-11-23")
    text = str(value)
    if isinstance(value, int):
        return len(text) + 1  # "#23", "M3"
    shown = text[: max(_WIDE.values(), default=_MAX_WIDTH)]
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in shown)


# -- the command ---------------------------------------------------------------------------------


def export(ctx: Context, args: str) -> Outcome:
    """导出 [本月/上月/2026-11/11月1日到15日/今年/本季度] [12345/来源] — the xlsx 台账, sent as a
    file to the chat that asked; with a 来源, its issues alone."""
    check(ctx, "export")
    if ctx.community is None:
        raise Answer(texts.NEEDS_COMMUNITY)
    if ctx.chat.kind not in ("work", "private"):  # every resident's words and flat, unmasked
        raise Answer(texts.EXPORT_HERE)
    local_now = _local(ctx.now, ctx.services.settings.tz)
    usage = ctx.services.command("export").usage_line()
    words = normalize(args).split()
    named = [sources_named(word) for word in words]
    if frozenset() in named:  # 「来源」 itself: 统计's lines, not a file's
        raise Answer(usage)
    sources = frozenset(s.value for found in named if found for s in found)
    grids = {grid.name: grid.id for grid in ctx.uow.communities.grids_of(ctx.community.id)}
    chosen = sorted({word for word in words if word in grids}, key=list(grids).index)
    for word in words:
        check_grid(word, grids)
    when = "".join(
        word
        for word, found in zip(words, named, strict=True)
        if found is None and word not in grids
    )
    try:
        period = export_period(when, ctx.now, ctx.services.settings.tz)
    except ValueError:
        raise Answer(usage) from None
    grid_ids = frozenset(grids[name] for name in chosen)
    community_id = ctx.community.id
    content = ledger_workbook(
        ctx.uow,
        ctx.services,
        community_id,
        period,
        sources=sources,
        grid_ids=grid_ids,
        complaints=ctx.chat.kind == "private",  # the work group has a worker complained of
    )
    count = ctx.uow.issues.count_filed(community_id, period.since, period.until, sources, grid_ids)
    label = period.label + "".join(f"·{name}" for name in chosen)
    label += "".join(f"·{Source(value).label}" for value in sorted(sources))
    caption = texts.EXPORTED.format(community=ctx.community.name, period=label, count=count)
    document = Document(
        ctx.message.chat,
        export_filename(ctx.community.name, period, local_now, sources, chosen),
        content,
        caption=caption,
        reply_to_message_id=ctx.message.message_id,
    )
    return Outcome([document], "command")


def export_period(typed: str, now: datetime, tz: ZoneInfo) -> Period:
    """What 导出 takes: a month (`2026-11`, `11月`, `上月`, labelled with its year), or a year
    or quarter or days as /stats names them (`今年`, `第三季度`, `11月1日到15日`); blank:
    everything.
    ValueError for anything else."""
    word = normalize(typed).replace(" ", "")
    try:
        return month_span(parse_month(word, _local(now, tz).date()), tz)
    except ValueError:
        period = parse_period(word, now, tz)  # 本周, 今年, 第三季度 …; raises for nonsense
    return period
