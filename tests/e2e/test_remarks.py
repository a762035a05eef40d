"""备注: a note on an issue for whoever works on it, never told its reporter. Monday
23 November 2026 at 08:00."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from bot.messages import Document
from handlers.export import LEDGER_HEADERS
from tests.support.conversation import Conversation

WORK, G3, LIU = "工作群", "网格3群", "私聊·刘物业"


def lamp_held_by_the_property(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@张网格/网格3群: 派单 1 物业")


def test_a_note_is_kept_for_those_at_work_and_nobody_is_told(chat: Conversation) -> None:
    lamp_held_by_the_property(chat)
    kept = "已给 #1 加备注：业主白天不在家，约周六上门（只有工作人员能看到）。"
    assert chat.say("@李书记/工作群: 备注 1 业主白天不在家，约周六上门") == [(WORK, kept)]
    assert chat.say("@刘物业/私聊: 1号备注 灯管已订") == [
        (LIU, "已给 #1 加备注：灯管已订（只有工作人员能看到）。")
    ]
    noted = ["李*记 备注：业主白天不在家，约周六上门", "刘*业 备注：灯管已订"]
    shown = chat.text("@李书记/工作群: 查看 1").splitlines()
    assert [line.split(" ", 2)[2] for line in shown[-2:]] == noted
    assert chat.text("@张网格/私聊: 1号有备注吗").splitlines()[-2:] == shown[-2:]
    # Its reporter, and anyone reading in a residents' group, never see them.
    for asked in ("@王芳/私聊: 查看 1", "@李书记/网格3群: 查看 1"):
        assert "备注" not in chat.text(asked), asked
    # The exported 台账 has them in its 备注 column.
    [sent] = chat.send("@李书记/私聊: 导出 本月")
    assert isinstance(sent, Document)
    sheet = load_workbook(BytesIO(sent.content))["台账"]
    row = dict(zip(LEDGER_HEADERS, next(sheet.iter_rows(min_row=2, values_only=True)), strict=True))
    assert row["备注"] == "业主白天不在家，约周六上门；灯管已订"


def test_a_note_said_in_words_and_what_is_refused(chat: Conversation) -> None:
    lamp_held_by_the_property(chat)
    for said in ("给1号加个备注：业主不在家", "1号备注一下，业主不在家"):
        assert chat.text(f"@李书记/工作群: {said}") == (
            "已给 #1 加备注：业主不在家（只有工作人员能看到）。"
        )
    assert chat.text("@李书记/工作群: 备注 1") == (
        "请写明备注，例如：备注 1 业主白天不在家，约周六上门"
    )
    assert chat.text("@王芳/私聊: 备注 1 我白天不在家") == "只有承办人或网格员及以上可以加备注。"
    assert chat.text("@李书记/工作群: 备注 9 业主不在家") == "没有找到 #9。"
    assert chat.text("@李书记/工作群: 查看 1").count("备注：") == 2
    # Several at once, each kept.
    chat.say("@王芳/网格3群: #报事 5号楼路灯坏了")
    assert chat.say("@李书记/工作群: 备注 1、2 业主都不在家") == [
        (
            WORK,
            "已给 #1 加备注：业主都不在家（只有工作人员能看到）。\n"
            "已给 #2 加备注：业主都不在家（只有工作人员能看到）。",
        ),
    ]
