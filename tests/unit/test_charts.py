"""The /stats 图 picture (bot/charts.py): a real PNG, Chinese in the shipped font, never tofu."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator

import pytest
from fontTools.ttLib import TTFont
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from bot.analysis.taxonomy import load_default_categories
from bot.charts import (
    CHART_SIZE_PX,
    FIXED_WORDS,
    MissingGlyphError,
    build_stats_figure,
    font_path,
    missing_glyphs,
    render_stats_chart,
)

TITLE = "幸福里社区 · 11月统计"
WEEKS = [("10/26", 5, 3), ("11/2", 14, 9), ("11/9", 11, 12), ("11/16", 18, 10), ("11/23", 9, 8)]
CATEGORY_NAMES = [c.name for c in load_default_categories()]
BY_CATEGORY = [(name, 40 - 2 * i) for i, name in enumerate(CATEGORY_NAMES)]
# Not in Noto Sans SC: an emoji and a private-use character of plane 16.
OUTSIDE_THE_FONT = ["\N{GRINNING FACE}", "\U0010fffd"]


@pytest.fixture
def glyph_warnings_are_errors() -> Iterator[None]:
    """matplotlib warns "Glyph … missing from font(s) …" when it falls back to a box: fail then."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r"Glyph .* missing from", category=UserWarning)
        yield


def decode(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image.convert("RGB")


def fonttools_cmap() -> set[int]:
    with TTFont(font_path(), lazy=True) as font:
        return set(font.getBestCmap())


def drawn_texts(fig: Figure) -> list[Text]:
    return [t for t in fig.findobj(Text) if isinstance(t, Text) and t.get_text()]


def test_the_png_decodes_at_phone_size_and_both_halves_are_drawn() -> None:
    png = render_stats_chart(TITLE, BY_CATEGORY, WEEKS)

    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = decode(png)
    assert image.size == CHART_SIZE_PX == (1200, 700)
    width, height = image.size
    for half in (
        image.crop((0, 80, width // 2, height)),
        image.crop((width // 2, 80, width, height)),
    ):
        colours = half.getcolors(maxcolors=1_000_000)
        assert colours is not None
        assert len(colours) > 50  # anti-aliased text, bars or lines, not a flat fill
        non_white = sum(n for n, rgb in colours if rgb != (255, 255, 255))
        assert non_white / (half.width * half.height) > 0.02
    # The bars' blue on the left and both trend colours on the right.
    left_colours = {rgb for _, rgb in image.crop((0, 80, width // 2, height)).getcolors(1_000_000)}
    right_colours = {
        rgb for _, rgb in image.crop((width // 2, 80, width, height)).getcolors(1_000_000)
    }
    assert (0x4C, 0x78, 0xA8) in left_colours
    assert {(0xF5, 0x85, 0x18), (0x54, 0xA2, 0x4B)} <= right_colours


def test_every_default_category_name_renders_in_the_shipped_font(
    glyph_warnings_are_errors: None,
) -> None:
    fig = build_stats_figure(TITLE, BY_CATEGORY, WEEKS)
    fig.savefig(io.BytesIO(), format="png")  # a fallback glyph would raise here

    texts = drawn_texts(fig)
    shown = {t.get_text() for t in texts}
    assert set(CATEGORY_NAMES) <= shown
    assert {TITLE, "收集", "办结", "按类别", "按周趋势", "11/2"} <= shown
    # Every text, tick labels and legend included, is set in the shipped file: no system font.
    assert {t.get_fontproperties().get_file() for t in texts} == {str(font_path())}

    # Independently of matplotlib: the font's own cmap covers every character used.
    cmap = fonttools_cmap()
    used = "".join([TITLE, *CATEGORY_NAMES, *FIXED_WORDS, *(w for w, _, _ in WEEKS)])
    assert [c for c in used if ord(c) not in cmap] == []
    assert missing_glyphs([used]) == []


def test_a_character_outside_the_font_is_caught() -> None:
    cmap = fonttools_cmap()
    assert all(ord(c) not in cmap for c in OUTSIDE_THE_FONT)

    assert missing_glyphs(["排水管道", *OUTSIDE_THE_FONT, "\N{GRINNING FACE}"]) == OUTSIDE_THE_FONT
    with pytest.raises(MissingGlyphError) as caught:
        render_stats_chart(TITLE, [(f"停车{OUTSIDE_THE_FONT[0]}", 3)], WEEKS)
    assert caught.value.chars == [OUTSIDE_THE_FONT[0]]
    assert "U+1F600" in str(caught.value)
    with pytest.raises(MissingGlyphError):
        render_stats_chart(TITLE, [], [(f"11/2{OUTSIDE_THE_FONT[1]}", 1, 1)])
    with pytest.raises(MissingGlyphError):
        render_stats_chart(f"{TITLE}{OUTSIDE_THE_FONT[0]}", BY_CATEGORY, WEEKS)


def test_the_warning_net_itself_catches_a_box(glyph_warnings_are_errors: None) -> None:
    # Drawn past the check, the same characters make matplotlib warn, which the fixture fails on.
    fig = build_stats_figure(TITLE, BY_CATEGORY[:2], WEEKS[:2])
    label = drawn_texts(fig)[0]
    label.set_text(f"排水{OUTSIDE_THE_FONT[0]}")
    with pytest.raises(UserWarning, match="missing from font"):
        fig.savefig(io.BytesIO(), format="png")


def test_no_data_still_draws_a_picture(glyph_warnings_are_errors: None) -> None:
    image = decode(render_stats_chart(TITLE, [], []))
    assert image.size == CHART_SIZE_PX
    fig = build_stats_figure(TITLE, [], [])
    assert [t.get_text() for t in drawn_texts(fig)].count("暂无数据") == 2

    one_week = decode(render_stats_chart(TITLE, [("其他", 0)], [("11/2", 0, 0)]))
    assert one_week.size == CHART_SIZE_PX


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="不能为负"):
        render_stats_chart(TITLE, [("停车通行", -1)], [])
    with pytest.raises(ValueError, match="不能为负"):
        render_stats_chart(TITLE, [], [("11/2", 3, -2)])


def test_the_bars_say_what_they_count() -> None:
    fig = build_stats_figure(TITLE, [("12345热线", 4), ("群内反映", 2)], WEEKS, bars_title="按来源")
    assert fig.axes[0].get_title(loc="left") == "按来源"
    assert build_stats_figure(TITLE, BY_CATEGORY, WEEKS).axes[0].get_title(loc="left") == "按类别"
    with pytest.raises(MissingGlyphError):
        build_stats_figure(TITLE, BY_CATEGORY, WEEKS, bars_title=OUTSIDE_THE_FONT[0])


def test_the_trend_says_whether_it_is_by_week_or_by_month() -> None:
    assert build_stats_figure(TITLE, BY_CATEGORY, WEEKS).axes[1].get_title(loc="left") == "按周趋势"
    months = [(f"{n}月", n, n - 1) for n in range(1, 13)]
    fig = build_stats_figure(TITLE, BY_CATEGORY, months, trend_title="按月趋势")
    assert fig.axes[1].get_title(loc="left") == "按月趋势"
    assert [t.get_text() for t in fig.axes[1].get_xticklabels()] == [m for m, _, _ in months]
