"""The `linli` command as a person runs it in a terminal or a pipe."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import yaml
from openpyxl import load_workbook

from tests.support.conversation import EXAMPLE_CONFIG, ROOT

LINLI = str(Path(sys.executable).parent / "linli")


def linli(
    *args: str, stdin: str = "", cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [LINLI, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
    )


def config_in(tmp_path: Path, **changes: object) -> Path:
    data = yaml.safe_load(EXAMPLE_CONFIG.read_text(encoding="utf-8")) | changes
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_piped_report_prints_the_acknowledgement(tmp_path: Path) -> None:
    config = config_in(tmp_path)
    result = linli("--config", str(config), "run", stdin="#报事 3号楼井盖坏了\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "[网格3群] 邻里：已登记 #1【道路井盖】3号楼 · 网格3 · 3个工作日内答复。"
        "回复「查看 1」看进度。\n"
    )
    assert (tmp_path / "linli.db").exists()


def test_the_console_switches_speaker_and_group_by_prefix(tmp_path: Path) -> None:
    config = config_in(tmp_path)
    script = "@孙大爷/网格5群: #报事 6号楼楼道灯不亮\n@孙大爷: 查看 1\n@李书记/工作群: 查看 1\n"
    result = linli("--config", str(config), "run", stdin=script)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("[网格5群] 邻里：已登记 #1【照明路灯】6号楼 · 网格5")
    assert lines[1].startswith("[网格5群] 邻里：#1【照明路灯】待受理")
    assert any(line.startswith("[工作群] 邻里：#1【照明路灯】待受理") for line in lines)


def test_a_bad_config_stops_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    config = config_in(tmp_path, timezone="Mars/Base")
    result = linli("--config", str(config), "run", stdin="#报事 井盖坏了\n")
    assert result.returncode == 2
    assert result.stdout == ""
    assert (
        result.stderr == "配置错误 config.yaml：timezone — 未知时区 Mars/Base，应如 Asia/Shanghai\n"
    )


def test_telegram_without_a_token_says_which_variable_to_set(tmp_path: Path) -> None:
    result = linli("--config", str(config_in(tmp_path)), "run", "--platform", "telegram")
    assert result.returncode == 2
    assert result.stderr.startswith("请先设置环境变量 LINLI_TELEGRAM_TOKEN")
    assert "Traceback" not in result.stderr


def test_telegram_out_of_reach_stops_with_one_line(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    environment = {
        "LINLI_TELEGRAM_TOKEN": "123456:TEST",
        "LINLI_TELEGRAM_BASE_URL": f"http://127.0.0.1:{closed}/bot",
    }
    result = linli(
        "--config", str(config_in(tmp_path)), "run", "--platform", "telegram", env=environment
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith("连不上 Telegram Bot API")
    assert "Traceback" not in result.stderr


def test_wechat_says_it_is_not_ready_yet(tmp_path: Path) -> None:
    result = linli("--config", str(config_in(tmp_path)), "run", "--platform", "wechat")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "微信" in result.stderr


def test_the_demo_replays_on_the_virtual_clock() -> None:
    result = linli("replay", "examples/demo.yaml")
    assert result.returncode == 0, result.stderr
    sent = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(sent[0]) == {"at", "chat", "text"}
    assert sent[0]["at"] == "2026-11-23T07:45:00+08:00"
    assert sent[0]["text"].startswith("已登记 #1【排水管道】3号楼2单元 · 网格3")
    assert any(m["chat"] == "工作群" and m["text"].startswith("🚨 紧急诉求") for m in sent)


def test_a_broken_replay_script_is_one_line(tmp_path: Path) -> None:
    script = tmp_path / "bad.yaml"
    script.write_text(f"config: {EXAMPLE_CONFIG}\nmessages:\n  - at: 明天\n    text: 你好\n")
    result = linli("replay", str(script))
    assert result.returncode == 2
    assert result.stderr.strip() == "看不懂时间「明天」，应如 08:31、+5m 或 2026-11-23 08:31"


def test_analyze_answers_one_json_line_per_input_line() -> None:
    lines = [
        {"text": "3号楼2单元下水道堵了，污水漫出来"},
        {"text": "谢谢网格员！"},
        "not json",
    ]
    stdin = "\n".join(
        json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else x for x in lines
    )
    result = linli("analyze", stdin=stdin + "\n")
    assert result.returncode == 0, result.stderr
    sewer, thanks, bad = (json.loads(line) for line in result.stdout.splitlines())
    documented = {"category", "building", "unit", "complaint", "urgent", "confidence"}
    assert documented <= set(sewer)
    assert (sewer["category"], sewer["building"], sewer["unit"]) == ("drainage", "3", "2")
    assert sewer["complaint"] is True and thanks["complaint"] is False
    assert bad["line"] == 3 and "error" in bad


def test_the_holiday_replay_fires_each_reminder_at_its_moment() -> None:
    result = linli("replay", "examples/holiday.yaml")
    assert result.returncode == 0, result.stderr
    sent = [json.loads(line) for line in result.stdout.splitlines()]
    moments = {(m["at"][5:16], m["chat"], m["text"][:2]) for m in sent}
    liu = [(m["at"][5:16], m["text"]) for m in sent if m["chat"] == "私聊·刘物业"]
    # Friday before 清明 (with the day's nudge for #2, overdue since Thursday night)
    assert any(at == "04-03T09:00" and "🟡 #1" in text for at, text in liu)
    assert ("04-07T18:00", "私聊·刘物业", "🔴 ") in moments  # Tuesday after it
    assert ("04-03T07:30", "网格3群", "⏰ ") in moments  # asked for 23:00, held till 07:30
    assert ("04-02T23:30", "工作群", "🔴 ") in moments  # urgent: not held
    assert not any(m["at"][5:10] in ("04-04", "04-05", "04-06") for m in sent)


def filed_in_november(tmp_path: Path) -> Path:
    """A config in tmp_path whose database holds two November reports, filed by `linli run`."""
    config = config_in(tmp_path)
    script = "@王芳/网格3群: #报事 3号楼2单元下水道堵了\n@孙大爷/网格5群: #报事 6号楼门口路灯不亮\n"
    started = linli(
        "--config", str(config), "run", "--clock-start", "2026-11-23T08:00:00+08:00", stdin=script
    )
    assert started.returncode == 0, started.stderr
    return config


def test_export_writes_the_months_ledger_from_the_shell(tmp_path: Path) -> None:
    config = filed_in_november(tmp_path)
    out = tmp_path / "out.xlsx"
    result = linli("export", "--config", str(config), "--month", "2026-11", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"已导出 2026-11 台账到 {out}（2条）\n"
    book = load_workbook(out)
    assert book.sheetnames == ["台账", "统计", "单位", "人员", "议事", "走访"]
    headers, *rows = book["台账"].iter_rows(values_only=True)
    ledger = [dict(zip(headers, row, strict=True)) for row in rows]
    assert [(row["编号"], row["网格"], row["分类"], row["描述"]) for row in ledger] == [
        (1, "网格3", "排水管道", "3号楼2单元下水道堵了"),
        (2, "网格5", "照明路灯", "6号楼门口路灯不亮"),
    ]
    assert book["统计"]["A1"].value == "幸福里社区 2026年11月 诉求统计"

    # Another month holds none of them; --config may also come first.
    october = tmp_path / "october.xlsx"
    result = linli("--config", str(config), "export", "--month", "2026-10", str(october))
    assert result.stdout == f"已导出 2026-10 台账到 {october}（0条）\n"
    assert load_workbook(october)["台账"].max_row == 1  # the header alone


def test_export_refuses_a_bad_month_with_one_line(tmp_path: Path) -> None:
    config = config_in(tmp_path)
    out = tmp_path / "out.xlsx"
    result = linli("export", "--config", str(config), "--month", "2026-13", str(out))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "看不懂月份「2026-13」，应如 2026-11、11月、本月 或 上月\n"
    assert not out.exists()


def test_export_names_the_communities_it_knows(tmp_path: Path) -> None:
    config = config_in(tmp_path)
    result = linli("export", "--config", str(config), "--community", "nope", "x.xlsx")
    assert result.returncode == 2
    assert result.stderr == "配置里没有社区「nope」，可以写：xfl\n"


def test_export_to_a_missing_folder_says_so(tmp_path: Path) -> None:
    config = config_in(tmp_path)
    out = tmp_path / "no" / "such" / "out.xlsx"
    result = linli("export", "--config", str(config), "--month", "本月", str(out))
    assert result.returncode == 2
    assert result.stderr == f"无法写入 {out}：目录不存在\n"
    assert "Traceback" not in result.stderr


def test_the_bot_keeps_a_snapshot_and_linli_backup_makes_one_more(tmp_path: Path) -> None:
    config = config_in(tmp_path, backup={"dir": "snapshots", "keep": 2})
    first = linli("--config", str(config), "run", stdin="#报事 3号楼井盖坏了\n")
    assert first.returncode == 0, first.stderr
    folder = tmp_path / "snapshots"
    # At start, there being none from the last day: one, taken before the report came.
    assert len(list(folder.glob("linli-*.db"))) == 1
    again = linli("--config", str(config), "run", stdin="#报事 6号楼楼道灯不亮\n")
    assert again.returncode == 0, again.stderr
    assert len(list(folder.glob("linli-*.db"))) == 1  # one a day is enough
    result = linli("backup", "--config", str(config))
    assert result.returncode == 0, result.stderr
    made = Path(result.stdout.split("已备份到 ", 1)[1].split("（", 1)[0])
    assert made.parent == folder and result.stdout.endswith(" KB）\n")
    # The snapshot is a whole database with both reports: it restores by copying it back.
    restored = tmp_path / "restored"
    restored.mkdir()
    (restored / "linli.db").write_bytes(made.read_bytes())
    (restored / "config.yaml").write_text(config.read_text(encoding="utf-8"), encoding="utf-8")
    shown = linli("--config", str(restored / "config.yaml"), "run", stdin="@李书记/工作群: 台账\n")
    assert "#1【道路井盖】" in shown.stdout and "#2【照明路灯】" in shown.stdout
    assert not list(folder.glob("*.part"))


def test_backup_of_postgresql_points_to_pg_dump(tmp_path: Path) -> None:
    config = config_in(tmp_path)
    url = "postgresql+psycopg://linli@127.0.0.1:1/linli"
    result = linli("backup", "--config", str(config), env={"LINLI_DATABASE_URL": url})
    assert result.returncode == 2
    assert result.stderr == "PostgreSQL 请用 pg_dump 备份，例如：pg_dump -Fc -f linli.dump linli\n"
