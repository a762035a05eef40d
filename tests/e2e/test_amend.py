"""改分类 / 改位置: staff put right the category or the place a report was read as."""

from __future__ import annotations

from tests.support.conversation import Conversation


def test_the_category_put_right_is_what_the_ledger_and_statistics_count(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    assert "分类前三：道路1。" in chat.text("@李书记/工作群: 统计 本月")
    assert chat.say("@李书记/工作群: 改分类 1 安全隐患") == [
        ("工作群", "已把 #1 的分类由【道路井盖】改为【安全隐患】。")
    ]
    assert "分类前三：安全1。" in chat.text("@李书记/工作群: 统计 本月")
    assert (
        chat.text("@李书记/工作群: 台账 安全隐患")
        .splitlines()[1]
        .startswith("🟢 #1【安全隐患】3号楼")
    )
    shown = chat.text("@李书记/工作群: 查看 1")
    assert shown.startswith("#1【安全隐患】")
    assert "李*记 更正分类：道路井盖→安全隐患" in shown
    # Said in words, full-width too; a part of a name only it has, or a keyword of it.
    assert chat.text("@李书记/工作群: ２号分类改成：停车") == "没有找到 #2。"
    assert chat.text("@李书记/工作群: 1号分类改成：停车") == (
        "已把 #1 的分类由【安全隐患】改为【停车通行】。"
    )
    assert chat.text("@李书记/工作群: 把1号归到噪音") == (
        "已把 #1 的分类由【停车通行】改为【噪音扰民】。"
    )
    assert chat.text("@李书记/工作群: 1号改为井盖类") == (
        "已把 #1 的分类由【噪音扰民】改为【道路井盖】。"
    )
    assert chat.text("@李书记/工作群: 改分类 1 道路井盖") == "#1 已经是【道路井盖】。"


def test_a_category_there_is_none_of_is_told_the_ones_there_are_and_changes_nothing(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    said = chat.text("@李书记/工作群: 改分类 1 外星人")
    assert said.startswith("没有「外星人」这个分类。可选：排水管道、道路井盖、")
    assert "\n" not in said
    assert chat.text("@李书记/工作群: 改分类 1").startswith("用法：/recategorize 编号 分类")
    # A question about it shows it, and is no change.
    assert chat.text("@李书记/工作群: 1号分类是什么").startswith("#1【道路井盖】")


def test_only_staff_of_its_grid_change_its_category(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    assert chat.text("@王芳/网格3群: 改分类 1 安全隐患") == "只有网格员及以上可以更正分类。"
    assert chat.text("@赵网格/工作群: 改分类 1 安全隐患") == (
        "这件事不在您负责的网格，请联系书记或该网格的网格员。"
    )
    assert chat.text("@张网格/工作群: 改分类 1 安全隐患").startswith("已把 #1 的分类")


def test_a_place_put_right_moves_it_to_its_buildings_grid_whose_workers_are_told(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 4号楼门口井盖松了")
    assert chat.say("@李书记/工作群: 1号地点改成5号楼") == [
        ("工作群", "已把 #1 的位置由 4号楼 · 网格3 改为 5号楼 · 网格5。"),
        (
            "私聊·赵网格",
            "#1 改到您的网格：【道路井盖】5号楼，网格5，4号楼门口井盖松了（待受理）。"
            "回复「查看 1」看详情。",
        ),
    ]
    assert (
        chat.text("@李书记/工作群: 台账 网格5")
        .splitlines()[1]
        .startswith("🟢 #1【道路井盖】5号楼 · 待受理")
    )
    # Now 网格5's: its worker acts on it, 网格3's no longer does.
    assert chat.text("@张网格/工作群: 受理 1") == (
        "这件事不在您负责的网格，请联系书记或该网格的网格员。"
    )
    # In the same grid, a unit and flat, or a named place: nobody else to tell.
    assert chat.say("@赵网格/工作群: 改位置 1 5号楼2单元301") == [
        ("工作群", "已把 #1 的位置由 5号楼 · 网格5 改为 5号楼2单元301室 · 网格5。")
    ]
    assert chat.say("@赵网格/工作群: 把1号的位置改为南门") == [
        ("工作群", "已把 #1 的位置由 5号楼2单元301室 · 网格5 改为 南门 · 网格5。")
    ]
    shown = chat.text("@李书记/工作群: 查看 1")
    assert "李*记 更正位置：4号楼 · 网格3→5号楼 · 网格5" in shown
    assert "赵*格 更正位置：5号楼2单元301室 · 网格5→南门 · 网格5" in shown


def test_a_place_that_is_not_there_or_not_said_is_asked_for_and_changes_nothing(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 4号楼门口井盖松了")
    assert chat.text("@李书记/工作群: 改位置 1 99号楼") == "社区的网格里没有99号楼，请核对楼号。"
    assert chat.text("@李书记/工作群: 改位置 1") == (
        "请写明 #1 在哪里（楼号或地点），例如：改位置 1 5号楼2单元"
    )
    assert chat.text("@李书记/工作群: 改位置 1 4号楼") == "#1 的位置已经是 4号楼 · 网格3。"
    assert chat.text("@李书记/工作群: 1号位置在哪").startswith(
        "#1【道路井盖】待受理 · 4号楼 · 网格3"
    )


def test_its_reporter_saying_where_it_is_corrects_it_and_others_may_not(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    assert chat.say("@王芳/网格3群: 1号的位置是3号楼2单元") == [
        ("网格3群", "已更正 #1 的位置：3号楼2单元 · 网格3。"),
        ("工作群", "#1 报事人更正位置：3号楼2单元 · 网格3"),
    ]
    assert chat.text("@孙大爷/网格3群: 1号的位置是5号楼") == "只有网格员及以上可以更正位置。"
    assert chat.text("@李书记/工作群: 查看 1").startswith("#1【照明路灯】待受理 · 3号楼2单元")


def test_said_as_made_urgent_it_is_hurried(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    assert chat.say("@李书记/工作群: 1号改成紧急")[0] == (
        "工作群",
        "#1 已加急，夜里也照常提醒，已告知 张*格。",
    )


def test_said_as_urgent_in_everyday_words_it_is_hurried_or_pointed_to(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@王芳/网格3群: #报事 4号楼楼道灯坏了")
    assert chat.say("@李书记/工作群: 1号很急")[0] == (
        "工作群",
        "#1 已加急，夜里也照常提醒，已告知 张*格。",
    )
    # With words after it, the command with them (it was offered 「办结 2 …」: 「修好」 was read).
    assert chat.text("@李书记/工作群: 2号急，今天必须修好") == (
        "#2 要加急请发送「加急 2 急，今天必须修好」，承办人马上收到提醒；"
        "要改期限请发送「延期 2 新期限」。"
    )


def test_an_urgent_issue_made_ordinary_again_waits_out_the_quiet_hours(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@李书记/工作群: 1号很急")
    assert chat.text("@李书记/工作群: 1号不急了") == ("已取消 #1 的加急，提醒和通知照常等到早上。")
    assert "紧急" not in chat.text("@李书记/工作群: 查看 1").splitlines()[0]
    assert chat.text("@李书记/工作群: 取消加急 1") == "#1 没有加急。"
    # Danger read in a report is urgent too, and may be taken back the same way.
    chat.say("@王芳/网格3群: #报事 5号楼楼道里有煤气味")
    assert chat.text("@赵网格/私聊: 取消加急 2") == "已取消 #2 的加急，提醒和通知照常等到早上。"
    # Only staff: a resident is told so, nothing changes.
    chat.say("@李书记/工作群: 加急 1")
    assert chat.text("@王芳/网格3群: 取消加急 1") == "只有网格员及以上可以取消加急。"
    assert "紧急" in chat.text("@李书记/工作群: 查看 1").splitlines()[0]
