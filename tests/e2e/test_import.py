"""`linli import FILE`: a group's exported chat history filed with its original dates."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from storage.models import Attachment, AuditEntry, Issue, OutboundMessage, Person, Reminder
from tests.e2e.test_cli import linli
from tests.support.conversation import EXAMPLE_CONFIG

SHANGHAI = ZoneInfo("Asia/Shanghai")

WECHAT_EXPORT = """\
微信群"网格3群"的聊天记录
这一行不是消息头
2026-11-03 08:15:22 王芳
#报事 3号楼井盖坏了，晚上有人差点踩空😱
[图片]
2026-11-03 08:16:05 王芳
[图片]
"王芳"邀请"孙大爷"加入了群聊
2026-11-03 09:02:11 孙大爷
大家早上好🌞
[表情]
李书记 2026-11-03 10:30:00
今晚议事会七点开始，
地点：罐罐茶。

2026-11-04 19:45:10 张阿姨
3号楼2单元门口的下水道又堵了，臭得不行
物业也不管😡
2026-11-04 19:46:00
你撤回了一条消息
2026-11-05 07:00:00 王芳
查看 1
"""

TELEGRAM_EXPORT = {
    "name": "网格5群",
    "type": "private_supergroup",
    "id": 1234567890,
    "messages": [
        {
            "id": 11,
            "type": "service",
            "date": "2026-11-10T08:00:00",
            "actor": "赵网格",
            "actor_id": "user900",
            "action": "invite_members",
            "members": ["孙大爷"],
            "text": "",
        },
        {
            "id": 12,
            "type": "message",
            "date": "2026-11-10T08:15:22",
            "from": "孙大爷",
            "from_id": "user501",
            "text": [
                {"type": "hashtag", "text": "#报事"},
                " 6号楼楼道灯不亮了💡，老人上下楼很危险",
            ],
        },
        {
            "id": 13,
            "type": "message",
            "date": "2026-11-10T08:16:00",
            "from": "孙大爷",
            "from_id": "user501",
            "photo": "photos/photo_13@10-11-2026_08-16-00.jpg",
            "width": 1280,
            "height": 960,
            "text": "",
        },
        {"id": 14, "type": "message", "from": "孙大爷", "from_id": "user501", "text": "没日期"},
        {
            "id": 15,
            "type": "message",
            "date": "2026-11-11T20:05:00",
            "from": "钱先生",
            "from_id": "user502",
            "text": "5号楼门口堆满了建筑垃圾，好几天没人清理，臭气熏天",
        },
        {
            "id": 16,
            "type": "message",
            "date": "2026-11-11T20:06:00",
            "from": "赵网格",
            "from_id": "user900",
            "text": "收到👍",
        },
        {
            "id": 17,
            "type": "message",
            "date": "2026-11-11T20:07:00",
            "from": "钱先生",
            "from_id": "user502",
            "file": "stickers/sticker.webp",
            "media_type": "sticker",
            "sticker_emoji": "🙏",
            "text": "",
        },
    ],
}


def config_with_imported_chats(tmp_path: Path) -> Path:
    data = yaml.safe_load(EXAMPLE_CONFIG.read_text(encoding="utf-8"))
    data["communities"][0]["chats"] += [
        {"platform": "wechat", "ref": "网格3群", "kind": "grid", "grid": "网格3"},
        {
            "platform": "telegram",
            "ref": "-1001234567890",
            "kind": "grid",
            "grid": "网格5",
            "title": "网格5群",
        },
    ]
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def issues(tmp_path: Path) -> list[tuple[int, datetime, str, str, bool, int]]:
    """(number, created_at, reporter, category, marked for review, photos) per issue."""
    engine = create_engine(f"sqlite:///{tmp_path / 'linli.db'}")
    with Session(engine) as session:
        rows = []
        for issue in session.scalars(select(Issue).order_by(Issue.number)):
            reporter = session.get_one(Person, issue.reporter_id)
            review = session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.issue_id == issue.id, AuditEntry.action == "import_review")
            )
            photos = session.scalar(
                select(func.count()).select_from(Attachment).where(Attachment.issue_id == issue.id)
            )
            rows.append(
                (
                    issue.number,
                    issue.created_at,
                    reporter.name,
                    issue.category,
                    bool(review),
                    photos or 0,
                )
            )
    engine.dispose()
    return rows


def queued(tmp_path: Path) -> int:
    """Messages queued to send, now or later (reminders already due would go out late)."""
    engine = create_engine(f"sqlite:///{tmp_path / 'linli.db'}")
    with Session(engine) as session:
        count = session.scalar(select(func.count()).select_from(OutboundMessage)) or 0
        count += (
            session.scalar(
                select(func.count())
                .select_from(Reminder)
                .where(Reminder.status == "pending", Reminder.due_at <= datetime.now(UTC))
            )
            or 0
        )
    engine.dispose()
    return count


def test_a_wechat_text_export_is_filed_with_its_dates_once(tmp_path: Path) -> None:
    config = config_with_imported_chats(tmp_path)
    export = tmp_path / "网格3群.txt"
    export.write_text(WECHAT_EXPORT, encoding="utf-8")

    first = linli("--config", str(config), "import", str(export))
    assert first.returncode == 0, first.stderr
    assert first.stdout == (
        "读取8条，立案1条，待核实1条，跳过6条（已导入或无关），格式错误1行：第2行\n"
    )
    assert issues(tmp_path) == [
        (1, datetime(2026, 11, 3, 8, 15, 22, tzinfo=SHANGHAI), "王芳", "road", False, 2),
        (2, datetime(2026, 11, 4, 19, 45, 10, tzinfo=SHANGHAI), "张阿姨", "drainage", True, 0),
    ]
    assert queued(tmp_path) == 0

    again = linli("--config", str(config), "import", str(export))
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("读取8条，立案0条，待核实0条，跳过8条（已导入或无关）")
    assert len(issues(tmp_path)) == 2
    assert queued(tmp_path) == 0


def test_a_telegram_json_export_is_filed_with_its_dates_once(tmp_path: Path) -> None:
    config = config_with_imported_chats(tmp_path)
    export = tmp_path / "result.json"
    export.write_text(json.dumps(TELEGRAM_EXPORT, ensure_ascii=False), encoding="utf-8")

    first = linli("--config", str(config), "import", str(export))
    assert first.returncode == 0, first.stderr
    assert first.stdout == (
        "读取6条，立案1条，待核实1条，跳过4条（已导入或无关），格式错误1行：第4行\n"
    )
    assert issues(tmp_path) == [
        (1, datetime(2026, 11, 10, 8, 15, 22, tzinfo=SHANGHAI), "孙大爷", "lighting", False, 1),
        (2, datetime(2026, 11, 11, 20, 5, tzinfo=SHANGHAI), "钱先生", "sanitation", True, 0),
    ]
    assert queued(tmp_path) == 0

    again = linli("--config", str(config), "import", str(export))
    assert again.stdout.startswith("读取6条，立案0条，待核实0条，跳过6条")
    assert len(issues(tmp_path)) == 2
    assert queued(tmp_path) == 0


def test_a_history_of_an_unknown_group_is_refused_in_one_line(tmp_path: Path) -> None:
    config = config_with_imported_chats(tmp_path)
    export = tmp_path / "result.json"
    export.write_text(json.dumps({**TELEGRAM_EXPORT, "name": "别的群"}), encoding="utf-8")

    unknown = linli("--config", str(config), "import", str(export))
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("认不出这份记录属于哪个群（别的群）")
    assert "\n" not in unknown.stderr.rstrip("\n")

    wrong = linli("--config", str(config), "import", str(export), "--chat", "不存在群")
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("配置里没有 telegram 群「不存在群」")

    chosen = linli("--config", str(config), "import", str(export), "--chat", "-1001234567890")
    assert chosen.returncode == 0, chosen.stderr
    assert chosen.stdout.startswith("读取6条，立案1条，待核实1条")
