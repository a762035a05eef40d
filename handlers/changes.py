"""How a figure moved from one period to the one before (环比, 同比), in the words every
comparison uses: 「收集增加1条（+9%）」「办结率提高5个百分点」「满意率持平」."""

from __future__ import annotations

from handlers import texts


def count_change(
    what: str, now: int, was: int, *, share: bool, unit: str = "条", same: bool = True
) -> str:
    """「收集增加1条（+9%）」「超期减少2条」「收集持平」 (or, not `same`, nothing)."""
    if now == was:
        return texts.COMPARED_SAME.format(what=what) if same else ""
    way = texts.COMPARED_MORE if now > was else texts.COMPARED_FEWER
    said = texts.COMPARED_COUNT.format(what=what, way=way, n=abs(now - was), unit=unit)
    if share and was:
        change = int(abs(now - was) * 100 / was + 0.5)
        said += texts.COMPARED_SHARE.format(sign="+" if now > was else "-", share=change)
    return said


def rate_change(what: str, now: float, was: float, *, same: bool = True) -> str:
    """「办结率提高5个百分点」, in whole points as the rates are shown; 「办结率持平」 (or, not
    `same`, nothing)."""
    points = int(now * 100 + 0.5) - int(was * 100 + 0.5)
    if points == 0:
        return texts.COMPARED_SAME.format(what=what) if same else ""
    way = texts.COMPARED_UP if points > 0 else texts.COMPARED_DOWN
    return texts.COMPARED_POINTS.format(what=what, way=way, n=abs(points))


def time_said(seconds: float) -> str:
    """How long something took, as a report says it: 「不到1小时」, 「5小时」, 「1.5天」, 「3天」
    (calendar days to one decimal from a day on)."""
    hours = seconds / 3600
    if hours < 1:
        return texts.TIME_UNDER_AN_HOUR
    if round(hours) < 24:
        return texts.TIME_HOURS.format(hours=round(hours))
    days = f"{seconds / 86400:.1f}".removesuffix(".0")
    return texts.TIME_DAYS.format(days=days)
