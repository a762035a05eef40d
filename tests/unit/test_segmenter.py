"""The analyser's dictionary: jieba's without its rarest words, built once and kept in a cache."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.analysis import segmenter
from bot.analysis.segmenter import Segmenter

TEXT = "7栋地下室水管爆了，水已经淹到配电房门口了，排水口被树叶堵住了"
KEYWORDS = ("水管爆了", "堵住了")


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache folder of the test's own; the in-process copy is dropped before and after."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    segmenter._dictionary.cache_clear()
    yield tmp_path
    segmenter._dictionary.cache_clear()


def test_the_dictionary_is_built_once_then_read_from_the_cache(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = Segmenter(KEYWORDS).words(TEXT)
    cached = segmenter.dictionary_cache()
    assert cached.parent == cache_home / "linli"
    assert cached.is_file()

    def no_building() -> tuple[dict[str, int], int]:
        raise AssertionError("the dictionary was built again")

    segmenter._dictionary.cache_clear()
    monkeypatch.setattr(segmenter, "_pruned", no_building)
    assert Segmenter(KEYWORDS).words(TEXT) == built


def test_rare_compounds_are_cut_and_keywords_stay_whole(cache_home: Path) -> None:
    words = Segmenter(KEYWORDS).words(TEXT)
    assert "水管爆了" in words and "堵住了" in words
    # 淹到 and 排水口 are words jieba saw fewer than five times: they are left out.
    assert "淹到" not in words and "淹" in words
    assert "排水口" not in words and "排水" in words
    # Common words stay.
    assert "地下室" in words and "树叶" in words


def test_a_damaged_cache_is_built_again(cache_home: Path) -> None:
    expected = Segmenter(KEYWORDS).words(TEXT)
    path = segmenter.dictionary_cache()
    path.write_bytes(b"\x00not a dictionary")
    segmenter._dictionary.cache_clear()
    assert Segmenter(KEYWORDS).words(TEXT) == expected
    segmenter._dictionary.cache_clear()
    path.write_bytes(path.read_bytes()[:1000])  # cut short, as by a full disk
    assert Segmenter(KEYWORDS).words(TEXT) == expected
    assert path.stat().st_size > 1_000_000  # written whole again


def test_a_cache_folder_that_cannot_be_written_changes_nothing(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = Segmenter(KEYWORDS).words(TEXT)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    segmenter._dictionary.cache_clear()
    assert Segmenter(KEYWORDS).words(TEXT) == expected
    assert blocked.read_text() == "not a folder"


def test_importing_the_analyser_does_not_load_pkg_resources() -> None:
    # jieba would import it (a tenth of a second at every start) when setuptools is installed.
    probe = "import sys, bot.analysis; print('pkg_resources' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"
