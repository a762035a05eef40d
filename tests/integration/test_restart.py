"""A real `linli run` process, killed with SIGKILL and started again: every reminder is sent
exactly once, and those missed while it was down go out on start as one （补发） message; photos
left without a copy are fetched, and copies no photo names deleted.

The process runs on a fast clock (--clock-speed 600: ten minutes a second) over a SQLite file.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from PIL import Image

from tests.support.console_process import bot
from tests.support.conversation import EXAMPLE_CONFIG


def test_reminders_survive_sigkill_and_are_sent_exactly_once(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    shutil.copy(EXAMPLE_CONFIG, config)
    times = ["08:30", "08:40", "09:40", "10:20", "11:00"]
    printed: list[str] = []

    with bot(config, "08:00") as first:
        for hhmm in times:
            first.type(f"@王芳/私聊: 提醒 {hhmm} 事{hhmm}")
        first.wait_for("⏰ 提醒：事08:40")
        first.kill()
        printed += first.lines

    # Down from 08:40 to 10:30: 09:40 and 10:20 were missed, and so was the 09:00 digest.
    with bot(config, "10:30") as second:
        second.wait_for("⏰ 提醒：事11:00")
        second.kill()
        printed += second.lines
        missed = second.lines[second.lines.index("[私聊·王芳] 邻里：（补发）2条提醒：\n") :][:3]
        assert missed == [
            "[私聊·王芳] 邻里：（补发）2条提醒：\n",
            "    ⏰ 提醒：事09:40\n",
            "    ⏰ 提醒：事10:20\n",
        ]

    with bot(config, "12:00") as third:
        third.idle(2.0)  # twenty minutes of bot time: nothing is left to send
        third.kill()
        printed += third.lines
        assert third.lines == []

    for hhmm in times:
        assert sum(f"⏰ 提醒：事{hhmm}" in line for line in printed) == 1, hhmm
    assert sum("今日台账（11月23日）" in line for line in printed) == 1


def test_at_start_photos_left_without_a_copy_are_kept_and_stray_copies_deleted(
    tmp_path: Path,
) -> None:
    config = tmp_path / "config.yaml"
    shutil.copy(EXAMPLE_CONFIG, config)
    media = tmp_path / "media"
    photo = tmp_path / "井盖.png"
    Image.new("RGB", (8, 6), (200, 30, 30)).save(photo, "PNG")

    with bot(config, "08:00") as first:
        first.type(f"@张网格/私聊: 走访 3号楼 入户6户[图片:{photo}]")
        first.wait_for("已记录走访")
        first.idle(1.0)
        first.type("@张网格/私聊: 走访 撤回")  # its copy goes with it
        first.wait_for("已撤回")
        assert not media.exists() or list(media.iterdir()) == []
        first.type(f"@王芳/网格3群: #报事 3号楼门口井盖坏了[图片:{photo}]")
        first.wait_for("已登记")
        first.kill()  # perhaps before its copy was made: the next start makes it
    stray = media / "12345.jpg"  # a copy whose photo is gone, left a day ago
    media.mkdir(exist_ok=True)
    stray.write_bytes(b"\xff\xd8\xff")
    day_ago = time.time() - 24 * 3600
    os.utime(stray, (day_ago, day_ago))

    with bot(config, "09:00") as second:
        deadline = time.monotonic() + 20
        while sorted(p.suffix for p in media.iterdir()) != [".png"]:
            assert time.monotonic() < deadline, sorted(media.iterdir())
            second.idle(0.2)
        second.kill()
    (kept,) = media.iterdir()
    assert kept.read_bytes() == photo.read_bytes()
