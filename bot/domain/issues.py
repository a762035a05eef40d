"""What an issue is: its statuses, triage levels and how it is written in chat."""

from __future__ import annotations

from enum import StrEnum


class IssueStatus(StrEnum):
    """The lifecycle of chat-protocol §3; stored by value."""

    NEW = "new"
    ACCEPTED = "accepted"
    ASSIGNED = "assigned"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REJECTED = "rejected"
    MERGED = "merged"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    IssueStatus.NEW: "待受理",
    IssueStatus.ACCEPTED: "已受理",
    IssueStatus.ASSIGNED: "办理中",
    IssueStatus.RESOLVED: "已办结",
    IssueStatus.CLOSED: "已销号",
    IssueStatus.REJECTED: "已退回",
    IssueStatus.MERGED: "已合并",
}


class Role(StrEnum):
    """Roles per community (chat-protocol §1), from least to most trusted in `rank`."""

    RESIDENT = "resident"
    HEAD = "head"
    HANDLER = "handler"
    WORKER = "worker"
    SECRETARY = "secretary"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]

    @property
    def rank(self) -> int:
        return list(Role).index(self)


_ROLE_LABELS = {
    Role.RESIDENT: "居民",
    Role.HEAD: "楼栋长",
    Role.HANDLER: "物业/部门",
    Role.WORKER: "网格员",
    Role.SECRETARY: "书记",
}


def strongest(roles: list[Role]) -> Role:
    """The role that decides what a person may do when they hold several."""
    return max(roles, key=lambda r: r.rank, default=Role.RESIDENT)


def location_label(
    building: str | None, unit: str | None, room: str | None, place: str | None
) -> str:
    """`3号楼2单元301室`, or the named place, or empty."""
    parts = []
    if building:
        parts.append(f"{building}号楼")
    if unit:
        parts.append(f"{unit}单元")
    if room:
        parts.append(f"{room}室")
    if not parts and place:
        parts.append(place)
    return "".join(parts)
