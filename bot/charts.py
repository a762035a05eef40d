"""The ``/stats 图`` picture: issues by category and the weekly trend, as one PNG for a phone chat.

Chinese is set in Noto Sans SC Regular (SIL OFL 1.1, a full Simplified Chinese font of 30,890
characters, not a subset, so a new category name in the config still renders) from the PyPI wheel
``pylopdf-fonts-zh-cn``, loaded by file path so ``pip install`` brings it to any machine and no
system font is ever consulted; the variable Noto CJK fonts on PyPI would draw as Thin, since
matplotlib cannot choose a weight.

Pure rendering: no database, no pyplot (so no global figure state and no GUI backend), Agg only.
A character the font lacks raises :class:`MissingGlyphError` instead of drawing a box.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

import pylopdf_fonts_zh_cn
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import FT2Font
from matplotlib.ticker import MaxNLocator

__all__ = [
    "BY_CATEGORY",
    "BY_MONTH",
    "BY_WEEK",
    "CHART_SIZE_PX",
    "FIXED_WORDS",
    "MissingGlyphError",
    "build_stats_figure",
    "font_path",
    "missing_glyphs",
    "render_stats_chart",
]

#: Width × height of the PNG in pixels: landscape, readable on a phone without zooming.
CHART_SIZE_PX = (1200, 700)
_DPI = 100

BY_CATEGORY = "按类别"  # over the bars, unless the caller counts them by something else
BY_WEEK = "按周趋势"  # over the trend, unless the caller counts it by month
BY_MONTH = "按月趋势"
_COLLECTED = "收集"
_RESOLVED = "办结"
_NO_DATA = "暂无数据"
#: Every word the chart draws besides the caller's title, names, labels and numbers.
FIXED_WORDS = (BY_CATEGORY, BY_WEEK, BY_MONTH, _COLLECTED, _RESOLVED, _NO_DATA, "0123456789")

_BAR_COLOUR = "#4C78A8"
_COLLECTED_COLOUR = "#F58518"
_RESOLVED_COLOUR = "#54A24B"
_TEXT_COLOUR = "#222222"
_MUTED_COLOUR = "#888888"


class MissingGlyphError(ValueError):
    """Some characters of the chart's text are not in the font (they would be drawn as boxes)."""

    def __init__(self, chars: Sequence[str]) -> None:
        self.chars = list(chars)
        shown = "、".join(f"「{c}」U+{ord(c):04X}" for c in self.chars)
        super().__init__(f"图表字体 Noto Sans SC 缺少这些字符：{shown}")


def font_path() -> Path:
    """The font file every text of the chart is drawn with (Noto Sans SC Regular, OpenType)."""
    return Path(pylopdf_fonts_zh_cn.sans_path())


@cache
def _font_codepoints() -> frozenset[int]:
    # The same FreeType face matplotlib draws with, so "in this set" means "has a glyph".
    return frozenset(FT2Font(str(font_path())).get_charmap())


def missing_glyphs(texts: Iterable[str]) -> list[str]:
    """The distinct characters of ``texts`` that the chart font has no glyph for, in order.

    Line breaks are layout, not glyphs, and are ignored. Empty means everything will render.
    """
    covered = _font_codepoints()
    missing: dict[str, None] = {}
    for text in texts:
        for char in text:
            if char not in "\n\r" and ord(char) not in covered:
                missing[char] = None
    return list(missing)


def _font(size: float) -> FontProperties:
    # A fresh object each time: FontProperties is mutable and some artists keep the one given.
    return FontProperties(fname=str(font_path()), size=size)


def _check_counts(
    by_category: Sequence[tuple[str, int]], by_week: Sequence[tuple[str, int, int]]
) -> None:
    for name, count in by_category:
        if count < 0:
            raise ValueError(f"分类「{name}」的数量不能为负：{count}")
    for label, collected, resolved in by_week:
        if collected < 0 or resolved < 0:
            raise ValueError(f"第「{label}」周的数量不能为负：{collected}/{resolved}")


def _no_data(ax: Axes) -> None:
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        _NO_DATA,
        ha="center",
        va="center",
        color=_MUTED_COLOUR,
        fontproperties=_font(18),
        transform=ax.transAxes,
    )


def _draw_categories(ax: Axes, by_category: Sequence[tuple[str, int]], title: str) -> None:
    ax.set_title(title, fontproperties=_font(18), color=_TEXT_COLOUR, loc="left")
    if not by_category:
        _no_data(ax)
        return
    names = [name for name, _ in by_category]
    counts = [count for _, count in by_category]
    positions = list(range(len(names)))
    bars = ax.barh(positions, counts, color=_BAR_COLOUR, height=0.65)
    ax.set_yticks(positions, labels=names, fontproperties=_font(15), color=_TEXT_COLOUR)
    # The caller's first category on top; a short list keeps bars of the usual thickness.
    ax.set_ylim(max(len(names), 8) - 0.5, -0.5)
    ax.bar_label(bars, labels=[str(c) for c in counts], padding=4, fontproperties=_font(14))
    ax.set_xlim(0, max(*counts, 1) * 1.18)  # room for the numbers at the bar ends
    ax.xaxis.set_visible(False)
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)


def _draw_weeks(ax: Axes, by_week: Sequence[tuple[str, int, int]], title: str) -> None:
    ax.set_title(title, fontproperties=_font(18), color=_TEXT_COLOUR, loc="left")
    if not by_week:
        _no_data(ax)
        return
    labels = [label for label, _, _ in by_week]
    collected = [c for _, c, _ in by_week]
    resolved = [r for _, _, r in by_week]
    xs = list(range(len(labels)))
    ax.plot(xs, collected, color=_COLLECTED_COLOUR, marker="o", linewidth=2.5, label=_COLLECTED)
    ax.plot(xs, resolved, color=_RESOLVED_COLOUR, marker="s", linewidth=2.5, label=_RESOLVED)
    ax.set_xticks(
        xs,
        labels=labels,
        fontproperties=_font(14),
        color=_TEXT_COLOUR,
        rotation=45 if len(labels) > 8 else 0,
    )
    top = max(*collected, *resolved, 1) * 1.15
    # Fixed integer ticks with our own labels: no tick text is left for matplotlib to format
    # (and so to set in another font).
    y_ticks = [int(t) for t in MaxNLocator(nbins=5, integer=True).tick_values(0, top) if t <= top]
    ax.set_yticks(y_ticks, labels=[str(t) for t in y_ticks], fontproperties=_font(14))
    ax.set_ylim(0, top)
    ax.set_xlim(-0.4, len(xs) - 0.6)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(prop=_font(15), frameon=False, loc="upper left")


def build_stats_figure(
    title: str,
    by_category: Sequence[tuple[str, int]],
    by_week: Sequence[tuple[str, int, int]],
    *,
    bars_title: str = BY_CATEGORY,
    trend_title: str = BY_WEEK,
) -> Figure:
    """The chart as a matplotlib :class:`Figure` (see :func:`render_stats_chart`).

    Raises :class:`MissingGlyphError` before drawing anything the font cannot show.
    """
    _check_counts(by_category, by_week)
    texts = [title, bars_title, trend_title, *FIXED_WORDS]
    texts += [name for name, _ in by_category]
    texts += [label for label, _, _ in by_week]
    missing = missing_glyphs(texts)
    if missing:
        raise MissingGlyphError(missing)

    width, height = CHART_SIZE_PX
    fig = Figure(figsize=(width / _DPI, height / _DPI), dpi=_DPI, facecolor="white")
    fig.set_layout_engine("constrained", w_pad=0.15, h_pad=0.15, wspace=0.08)
    FigureCanvasAgg(fig)
    fig.suptitle(title, fontproperties=_font(26), color=_TEXT_COLOUR)
    left, right = fig.subplots(1, 2, width_ratios=[1, 1.15])
    _draw_categories(left, by_category, bars_title)
    _draw_weeks(right, by_week, trend_title)
    return fig


def render_stats_chart(
    title: str,
    by_category: Sequence[tuple[str, int]],
    by_week: Sequence[tuple[str, int, int]],
    *,
    bars_title: str = BY_CATEGORY,
    trend_title: str = BY_WEEK,
) -> bytes:
    """Draw the ``/stats 图`` picture and return it as PNG bytes, 1200 × 700 pixels.

    ``title``: one line over both halves, e.g. ``"幸福里社区 · 11月统计"``.
    ``by_category``: ``(category name, issue count)`` pairs, drawn as horizontal bars top to
    bottom in the order given (sort them first; about 15 fit).
    ``by_week``: ``(week label, collected, resolved)`` in time order, e.g. ``("11/2", 12, 9)``,
    drawn as two lines with the legend 收集/办结. Either sequence may be empty (暂无数据).
    ``bars_title``: what the bars are counted by, over them (``按类别``; ``按来源`` for
    ``(来源, count)`` pairs). ``trend_title``: what the points are (``按周趋势``; ``按月趋势``
    for ``("1月", collected, resolved)`` by month).

    Pure and thread-safe enough for a worker thread (no pyplot, no global rcParams changes);
    a render takes well under a second. Raises :class:`MissingGlyphError` if any character of
    the title, names or labels has no glyph in the font, and ``ValueError`` for negative counts.
    """
    fig = build_stats_figure(
        title, by_category, by_week, bars_title=bars_title, trend_title=trend_title
    )
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=_DPI, facecolor="white")
    return buffer.getvalue()
