"""One issue's whole life, as everybody involved sees it in chat (chat-protocol §3, §4).

The cast, from config.example.yaml: 王芳 reports in 网格3群; 孙大爷 follows from 网格5群;
张网格 is the grid worker; 刘物业 is the property company; 周主任 is the street office
(the escalation unit); 李书记 is the secretary in 工作群. The week starts Monday 23 November 2026.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.messages import Document
from tests.support.conversation import Conversation

G3, G5, WORK = "网格3群", "网格5群", "工作群"
SH = ZoneInfo("Asia/Shanghai")
LIU, ZHOU = "私聊·刘物业", "私聊·周主任"


def everyone(text: str, *chats: str) -> list[tuple[str, str]]:
    return [(chat, text) for chat in chats]


def test_an_issue_goes_through_every_status_and_everyone_hears_their_part(
    chat: Conversation,
) -> None:
    # 08:01 filed (待受理): due in 3 working days, Thursday.
    assert chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了，污水漫到路上") == [
        (G3, "已登记 #1【排水管道】3号楼2单元 · 网格3 · 3个工作日内答复。回复「查看 1」看进度。")
    ]
    assert chat.say("@孙大爷/网格5群: 关注 1") == [(G5, "已关注 #1，有进展会在这里通知您。")]

    # Residents and handlers cannot triage.
    assert chat.say("@王芳/网格3群: 派单 1 @刘物业") == [(G3, "只有网格员及以上可以派单。")]
    assert chat.say("@刘物业/网格3群: 受理 1") == [(G3, "只有网格员及以上可以受理。")]
    # Nothing can be rated before it is resolved; a resident is not offered what staff do.
    assert chat.say("@王芳/网格3群: 评价 1 5") == [(G3, "#1 待受理，不能评价。")]
    # Staff closing it out (销号, 回访) before it is done are told what comes first.
    assert chat.say("@张网格/私聊: 销号 1 满意") == [
        ("私聊·张网格", "#1 待受理，还没办结，不能回访或销号；办好后先发送「办结 1 结果」。")
    ]
    assert chat.say("@张网格/网格3群: 重开 1 再看看") == [
        (G3, "#1 待受理，不能重开。现在可以：受理、派单、办结、退回、上报、合并、延期。")
    ]

    # 已受理: the worker triages it 复杂 (3 working days from filing).
    assert chat.say("@张网格/网格3群: 受理 1 复杂") == everyone(
        "#1 已受理（复杂），期限 11月26日。", G3, G5
    )

    # 办理中: assigned from the work group; the property company hears privately.
    assert chat.say("@张网格/工作群: 派单 1 @刘物业 2个工作日") == [
        *everyone("#1 已派单给 物业·刘*业，期限 11月25日。", WORK, G3, G5),
        (
            LIU,
            "新派单 #1【排水管道】3号楼2单元，网格3，3号楼2单元门口下水道堵了，污水漫到路上，"
            "期限 11月25日。办好后发送「办结 1 结果」；不归您管请发送「不归我管 1 原因」。",
        ),
    ]

    # 不归我管 needs a reason, and sends it back to 已受理 for the secretary.
    assert chat.say("@刘物业/私聊: 不归我管 1") == [
        (LIU, "请写明原因，例如：不归我管 1 属于市政管网，不是小区内管道")
    ]
    assert chat.say("@刘物业/私聊: 不归我管 1 属于市政管网") == everyone(
        "#1 物业·刘*业反馈不归其管（属于市政管网），正在重新派单。", LIU, G3, G5, WORK
    )

    # 吹哨: the secretary escalates to the street office, which hears privately.
    assert chat.say("@李书记/工作群: 上报 1") == [
        *everyone("#1 已上报街道城管办协调处理。", WORK, G3, G5),
        (
            ZHOU,
            "📣 吹哨 #1【排水管道】3号楼2单元，网格3，3号楼2单元门口下水道堵了，污水漫到路上，"
            "请街道城管办协助处理。进展请发送「进展 1 说明」，办好后发送「办结 1 结果」。",
        ),
    ]
    assigned = chat.say("@李书记/工作群: 派单 1 周主任 明天")
    assert assigned[:3] == everyone("#1 已派单给 街道城管办·周*任，期限 11月24日。", WORK, G3, G5)
    assert assigned[3][0] == ZHOU

    assert chat.say("@周主任/私聊: 进展 1 已联系市政疏通") == everyone(
        "#1 进展：已联系市政疏通", ZHOU, G3, G5
    )
    # 已办结, and the reporter is asked to rate it.
    resolved = "#1 已办结：已疏通，路面已清洗。请报事人评价：回复「评价 1 1-5分」，或「满意/基本满意/不满意」。"
    assert chat.say("@周主任/私聊: 办结 1 已疏通，路面已清洗") == everyone(resolved, ZHOU, G3, G5)
    # Said again (or by the grid worker too): done already, nobody is told twice.
    assert chat.say("@张网格/网格3群: 办结 1 已疏通") == [
        (G3, "#1 已办结（已疏通，路面已清洗），正等报事人评价，无需重复。")
    ]

    # Only the reporter rates; a low rating reopens it and the work group hears.
    assert chat.say("@孙大爷/网格5群: 评价 1 5") == [
        (G5, "只有报事人可以评价（网格员电话回访后也可代为记录）。")
    ]
    assert chat.say("@王芳/网格3群: 评价 1 2 还是有味道") == [
        *everyone("#1 评价2分，已重开，期限 11月26日。", G3, G5),
        (WORK, "#1 王*评价2分（还是有味道），已重开，请跟进。"),
        (ZHOU, "#1 评价2分，已重开，期限 11月26日。"),  # whoever holds it hears privately
    ]
    # Open again, what was done is the last time's.
    shown = chat.text("@张网格/私聊: 查看 1")
    assert "上次办理结果：已疏通，路面已清洗" in shown and "\n办理结果" not in shown
    chat.say("@周主任/私聊: 办结 1 已冲洗除臭")
    assert "\n办理结果：已冲洗除臭" in chat.text("@张网格/私聊: 查看 1")
    # 已销号 on a good rating.
    assert chat.say("@王芳/网格3群: 评价 1 5") == everyone("#1 已销号，评价5分，感谢反馈。", G3, G5)
    again = "#1 已销号（评价5分），不用再评价；要重开请发送「重开 1 原因」。"
    assert chat.say("@王芳/网格3群: 评价 1 5") == [(G3, again)]

    # The reporter reopens; the secretary rejects (已退回); the worker reopens it again.
    assert chat.say("@王芳/网格3群: 重开 1 又堵了") == everyone(
        "#1 已重开：又堵了，期限 11月26日。", G3, G5, WORK, ZHOU
    )
    assert chat.say("@李书记/工作群: 退回 1 属于市政管网，请拨打12345") == everyone(
        "#1 已退回：属于市政管网，请拨打12345", WORK, G3, G5
    )
    assert chat.say("@张网格/网格3群: 重开 1 市政确认是小区管道")[0] == (
        G3,
        "#1 已重开：市政确认是小区管道，期限 11月26日。",
    )

    # A second report of the same sewer is taken for #1 (which 孙大爷 already follows) ...
    assert chat.say("@孙大爷/网格5群: #报事 3号楼2单元下水道又冒水了，请尽快处理") == [
        (G5, "与 #1 可能是同一问题，已为您关注 #1；如果不是，请回复「新建」。")
    ]
    # ... he says it is new, so it becomes #2; then 已合并: #1 is merged into #2.
    assert chat.say("@孙大爷/网格5群: 新建")[0][1].startswith("已登记 #2【排水管道】")
    assert chat.say("@张网格/网格3群: 合并 1 2") == everyone(
        "#1 与 #2 是同一问题，已合并，后续进展在 #2 通知。", G3, G5
    )
    # 王芳 now hears about #2 in her own group.
    assert chat.say("@张网格/网格3群: 受理 2 简单") == everyone(
        "#2 已受理（简单），期限 11月24日。", G3, G5
    )

    history = chat.text("@王芳/网格3群: 查看 1").splitlines()
    assert history[0] == "#1【排水管道】已合并 · 3号楼2单元 · 网格3"
    assert "已并入 #2" in history
    # After the day and time, who (but for a repeated report, whose note names them) and what.
    trail = [line.split(" ", 2)[2] for line in history[history.index("记录：") + 1 :]]
    moves = [step if step.startswith("重复反映") else step.split(" ", 1)[1] for step in trail]
    assert moves == [
        "登记",
        "关注",
        "受理（待受理→已受理）：复杂",
        "派单（已受理→办理中）：物业·刘*业，期限 11月25日",
        "不归我管（办理中→已受理）：属于市政管网",
        "上报：街道城管办",
        "派单（已受理→办理中）：街道城管办·周*任，期限 11月24日",
        "进展：已联系市政疏通",
        "办结（办理中→已办结）：已疏通，路面已清洗",
        "重开（已办结→办理中）：评价2分 还是有味道",
        "办结（办理中→已办结）：已冲洗除臭",
        "评价（已办结→已销号）：5分",
        "重开（已销号→办理中）：又堵了",
        "退回（办理中→已退回）：属于市政管网，请拨打12345",
        "重开（已退回→已受理）：市政确认是小区管道",
        "重复反映：孙*爷（网格5群）",
        "新建：孙*爷",
        "合并（已受理→已合并）：#2",
    ]


def test_escalating_again_to_the_same_unit_tells_nobody_twice(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 4号楼楼顶漏水很严重")
    chat.say("@张网格/网格3群: 受理 1 疑难")  # escalated to 街道城管办 already
    for typed in ("上报 1", "上报 1 街道"):
        assert chat.say(f"@张网格/网格3群: {typed}") == [
            (G3, "#1 已上报街道城管办协调处理，无需重复。")
        ]
    whistle = "📣 吹哨 #1【排水管道】4号楼，网格3，4号楼楼顶漏水很严重，请物业协助处理。"
    told = chat.say("@张网格/网格3群: 上报 1 物业")
    assert (WORK, whistle) in told
    assert (LIU, whistle + "进展请发送「进展 1 说明」，办好后发送「办结 1 结果」。") in told
    # A unit named that config does not have is said so: not the street office instead.
    assert chat.say("@张网格/网格3群: 1号吹哨给供电局") == [
        (G3, "没有「供电局」这个单位，可以写：物业、住建局、街道城管办")
    ]


def test_a_hard_issue_is_escalated_when_accepted(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼外墙瓷砖松动，随时可能掉下来")
    replies = chat.say("@李书记/工作群: 受理 1 疑难")
    assert replies[0] == (WORK, "#1 已受理（疑难），期限 12月7日。")
    assert (G3, "#1 已上报街道城管办协调处理。") in replies
    assert any(where == ZHOU and text.startswith("📣 吹哨 #1【") for where, text in replies)
    # Why it was escalated is said to the unit (here: the level that escalated it).
    assert any(where == ZHOU and "上报原因：疑难诉求。" in text for where, text in replies)
    assert "· 已上报街道城管办" in chat.text("@李书记/工作群: 查看 1")


def test_the_unit_an_issue_is_escalated_to_may_work_on_it(chat: Conversation) -> None:
    """吹哨, 部门报到: the street office's contact lists it, reports progress and resolves it,
    though the property company holds it; he may not hand it back, it was not assigned to him."""
    chat.say("@孙大爷/网格5群: #报事 5号楼门口井盖松了")
    chat.say("@赵网格/网格5群: 派单 1 @刘物业 3天")
    assert chat.say("@赵网格/网格5群: 上报 1 需要街道协调")[0] == (
        G5,
        "#1 已上报街道城管办协调处理。",
    )
    assert "上报：街道城管办：需要街道协调" in chat.text("@李书记/工作群: 查看 1")
    assert "#1【道路井盖】" in chat.text("@周主任/私聊: 台账")
    assert (ZHOU, "#1 进展：已联系市政") in chat.say("@周主任/私聊: 进展 1 已联系市政")
    assert chat.text("@周主任/私聊: 不归我管 1 不是我们的") == (
        "只有被派单的人或单位可以说不归我管。"
    )
    assert chat.say("@周主任/私聊: 办结 1 井盖已更换")[0][1].startswith("#1 已办结：井盖已更换")
    # Reopened by a low rating: he hears it with the holder.
    told = chat.say("@孙大爷/网格5群: 不满意，井盖还是松的")
    assert [where for where, _ in told if where in (LIU, ZHOU)] == [LIU, ZHOU], told
    # Another unit has no hand in it.
    chat.say("@孙大爷/网格5群: #报事 5号楼路灯不亮")
    chat.say("@赵网格/网格5群: 上报 2 住建局")
    assert chat.text("@周主任/私聊: 进展 2 看看") == "只有承办人或网格员及以上可以报进展。"


def test_issues_escalated_before_the_upgrade_know_their_unit(chat: Conversation) -> None:

    from storage.migrate import downgrade, upgrade

    chat.say("@孙大爷/网格5群: #报事 5号楼门口井盖松了")
    chat.say("@赵网格/网格5群: 派单 1 @刘物业 3天")
    chat.say("@赵网格/网格5群: 上报 1 街道 需要协调")
    downgrade(chat.linli.engine, "0017")  # from before the unit was kept on the issue
    upgrade(chat.linli.engine)
    assert (ZHOU, "#1 进展：已联系市政") in chat.say("@周主任/私聊: 进展 1 已联系市政")


def test_a_private_reporter_hears_privately(chat: Conversation) -> None:
    chat.say("@王芳/私聊: 3号楼2单元门口下水道堵了好几天了")
    replies = chat.say("@张网格/工作群: 派单 1 物业 明天")
    assert ("私聊·王芳", "#1 已派单给 物业，期限 11月24日。") in replies
    assert all("王" not in text for where, text in replies if where != "私聊·王芳")


def test_commands_forgive_full_width_characters_and_spaces(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    assert chat.say("@张网格/网格3群: 派单　１　＠刘物业　　３天")[0] == (
        G3,
        "#1 已派单给 物业·刘*业，期限 11月26日。",
    )
    # Colons and commas after the command word or the number are fine too.
    assert chat.say("@刘物业/私聊: 进展：1 已到现场")[0] == ("私聊·刘物业", "#1 进展：已到现场")
    assert chat.say("@刘物业/私聊: 进展 #1：管道疏通中")[0] == (
        "私聊·刘物业",
        "#1 进展：管道疏通中",
    )


def test_phone_numbers_in_notes_are_masked_in_groups(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 派单 1 物业")
    assert chat.say("@刘物业/私聊: 进展 1 师傅电话13812345678，下午到")[1] == (
        G3,
        "#1 进展：师傅电话138****5678，下午到",
    )


def test_a_private_reporter_stays_a_pseudonym_to_all_but_those_who_may_know(
    chat: Conversation,
) -> None:
    """chat-protocol §9: only the secretary and the assignee (and the reporter) may know who
    reported privately, and only privately."""
    chat.say("@王小明/私聊: 3号楼2单元楼道有煤气味，很危险")  # urgent: alerts the work group
    chat.say("@孙大爷/网格3群: 关注 1")
    said = [text for _, text in chat.say("@张网格/网格3群: 查看 1")]
    said += [text for _, text in chat.say("@孙大爷/网格3群: 查看 1")]
    said += [text for _, text in chat.say("@李书记/工作群: 查看 1")]  # the group sees it too
    said += [text for _, text in chat.say("@张网格/私聊: 查看 1")]  # not his to know
    assert all("王" not in text for text in said), said
    assert all("报事人：私信居民" in text for text in said[::1] if "报事人" in text)
    assert "私信居民 登记" in said[0]
    # Told privately, the secretary and the reporter see the (masked) name.
    assert "报事人：王*明" in chat.text("@李书记/私聊: 查看 1")
    assert "报事人：王*明" in chat.text("@王小明/私聊: 查看 1")
    # The assignee once it is theirs.
    chat.say("@李书记/工作群: 派单 1 @刘物业 明天")
    assert "报事人：王*明" in chat.text("@刘物业/私聊: 查看 1")
    # A low rating alerts the work group without the name.
    chat.say("@刘物业/私聊: 办结 1 已关阀通风")
    replies = chat.say("@王小明/私聊: 不满意")
    alert = [text for where, text in replies if where == "工作群"]
    assert alert and all("王" not in text and "私信居民" in text for text in alert), replies


def test_what_a_private_report_says_is_not_shown_in_groups_nor_to_neighbours(
    chat: Conversation,
) -> None:
    """Its words and flat can tell who wrote it: the work group and, privately, the staff and
    the reporter read it; a grid group and a following neighbour do not."""
    typed = "我是3号楼2单元302的王芳，楼上401天天半夜吵"
    chat.say(f"@王芳/私聊: {typed}")
    chat.say("@孙大爷/网格3群: 关注 1")
    hidden = [chat.text("@孙大爷/网格3群: 查看 1"), chat.text("@孙大爷/私聊: 查看 1")]
    hidden.append(chat.text("@张网格/网格3群: 查看 1"))
    hidden.append(chat.text("@张网格/网格3群: 台账"))
    for text in hidden:
        assert "302" not in text and "王芳" not in text and "401" not in text, text
    assert "（私下反映的诉求，内容仅工作人员可见）" in hidden[0]
    for seen_by in ("@张网格/私聊", "@王芳/私聊", "@李书记/工作群"):
        assert typed in chat.text(f"{seen_by}: 查看 1"), seen_by


def test_a_private_report_is_read_privately_only_by_those_who_work_on_it(
    chat: Conversation,
) -> None:
    """The grid's worker, the secretary and whoever holds it read it privately, with what the
    reporter added and the photo; another grid's worker, another unit and a following
    neighbour see neither words nor photo, nor the reporter's later notes."""
    chat.say("@王芳/私聊: 我是3号楼2单元302的王芳，楼上401天天半夜吵[图片:门口.jpg]")
    chat.say("@王芳/私聊: 3号楼2单元302楼上401天天半夜吵，昨晚又吵到两点，401家姓马")
    chat.say("@孙大爷/网格3群: 关注 1")
    for outsider in ("@孙大爷/私聊", "@赵网格/私聊", "@刘物业/私聊"):
        said = chat.say(f"{outsider}: 查看 1")
        assert len(said) == 1, said  # no photo
        details = said[0][1]
        assert "（私下反映的诉求，内容仅工作人员可见）" in details, outsider
        assert "401" not in details and "302" not in details, details
        assert "私信居民 补充\n" in details, details
    for reader in ("@张网格/私聊", "@李书记/私聊", "@王芳/私聊"):
        said = chat.say(f"{reader}: 查看 1")
        assert "补充：3号楼2单元302楼上401" in said[0][1], reader
        assert said[1][1] == "[图片:门口.jpg] #1 照片1/1", reader
    chat.say("@张网格/网格3群: 派单 1 @刘物业 3天")
    assert "楼上401天天半夜吵" in chat.say("@刘物业/私聊: 查看 1")[0][1]  # it is his now


def test_asking_in_a_group_does_not_list_ones_private_reports(chat: Conversation) -> None:
    chat.say("@王芳/私聊: 我是3号楼2单元302的，楼上401天天半夜吵")
    assert chat.text("@王芳/网格3群: @邻里 我反映的事情怎么样了").startswith(
        "没有找到您在群里反映的未办结事项（私下反映的请私聊我查询）。"
    )
    assert "#1【噪音扰民】" in chat.text("@王芳/私聊: 我反映的事情怎么样了")


def test_a_neighbour_who_wrote_privately_is_not_named_in_the_trail(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼上装修太吵了，天天电钻")
    chat.say("@孙大爷/私聊: 3号楼2单元楼上装修太吵了，电钻声音受不了")
    chat.say("@陈楼长/网格3群: #报事 3号楼2单元楼上装修太吵了")
    history = chat.text("@王芳/网格3群: 查看 1")
    assert "孙" not in history, history
    assert "重复反映：私信居民（私聊）" in history
    assert "重复反映：陈*长（网格3群）" in history


def test_the_ledger_file_is_not_sent_into_a_residents_group(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    assert chat.say("@李书记/网格3群: 导出") == [
        (G3, "台账文件含居民信息，请在工作群或私聊中导出。")
    ]
    assert chat.say("@李书记/私聊: 导出")[0][1].startswith("[文件]")


def test_the_ledger_file_for_a_year_or_a_quarter(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    for typed, filename, period in [
        ("导出 今年", "幸福里社区台账-2026.xlsx", "今年"),
        ("导出 第四季度", "幸福里社区台账-2026-Q4.xlsx", "第四季度"),
        ("导出 2026-11", "幸福里社区台账-2026-11.xlsx", "2026年11月"),
    ]:
        message = chat.adapter.parse(f"@李书记/工作群: {typed}")
        assert message is not None
        (sent,) = chat.linli.dispatcher.dispatch(message)
        assert isinstance(sent, Document) and sent.content.startswith(b"PK")
        assert (sent.filename, sent.caption) == (filename, f"幸福里社区台账（{period}）· 共1条")
    assert chat.text("@李书记/工作群: 导出 火星").startswith("用法：/export")


def test_the_ledger_file_for_any_days(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")  # Monday 23 November
    for typed, filename, period, count in [
        (
            "导出 11月20日到11月30日",
            "幸福里社区台账-20261120-20261130.xlsx",
            "11月20日至11月30日",
            1,
        ),
        ("导出 11.1 - 11.15", "幸福里社区台账-20261101-20261115.xlsx", "11月1日至11月15日", 0),
        ("导出 11月23日", "幸福里社区台账-20261123.xlsx", "11月23日", 1),
        ("导出 11月20日以来", "幸福里社区台账-20261120.xlsx", "11月20日以来", 1),
        ("导出 11月1日到11月30日", "幸福里社区台账-2026-11.xlsx", "11月1日至11月30日", 1),
    ]:
        message = chat.adapter.parse(f"@李书记/工作群: {typed}")
        assert message is not None
        (sent,) = chat.linli.dispatcher.dispatch(message)
        assert isinstance(sent, Document) and sent.content.startswith(b"PK")
        assert (sent.filename, sent.caption) == (
            filename,
            f"幸福里社区台账（{period}）· 共{count}条",
        ), typed
    assert chat.text("@李书记/工作群: 导出 11月31日").startswith("用法：/export")


def test_the_number_to_call_back_is_whole_for_staff_in_private_only(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了，我电话13812345678")
    assigned = chat.say("@张网格/网格3群: 派单 1 @刘物业 3天")
    assert "13812345678" in dict(assigned)[LIU]
    assert "13812345678" in chat.text("@李书记/私聊: 查看 1")
    assert "138****5678" in chat.text("@李书记/工作群: 查看 1")
    chat.say("@孙大爷/网格3群: 关注 1")
    assert "138****5678" in chat.text("@孙大爷/私聊: 查看 1")  # a neighbour, not staff


def test_numbers_anyone_typed_are_masked_in_every_group_message(chat: Conversation) -> None:
    """Whatever a handler repeats into a group, phone and ID numbers do not pass."""
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了，联系我 138-1234-5678")
    chat.say(
        "@李书记/工作群: 议事 下水道议事会 议题 #1 时间 周四19:00|周六10:00 截止 明天20:00 群 网格3"
    )
    chat.say("@李书记/工作群: 结果 M1 决议 疏通主管道")
    chat.say("@李书记/工作群: 公示 M1 5天")
    said = chat.say(
        "@王芳/网格3群: 异议 M1 不同意，电话+86 139 1234 5678，身份证110101199003071234"
    )
    said += chat.say("@孙大爷/网格3群: 查看 M1")
    said += chat.say("@王芳/网格3群: 查看 1")
    text = "\n".join(t for _, t in said)
    assert "1234 5678" not in text and "1234-5678" not in text and "110101199003071234" not in text
    assert "139****5678" in text
    # The secretary, privately, sees what was typed.
    assert "+86 139 1234 5678" in chat.text("@李书记/私聊: 查看 M1")


def test_someone_assigned_by_name_may_hand_it_back_as_the_message_invites(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    replies = chat.say("@李书记/工作群: 派单 1 @赵网格 3天")
    invite = [text for where, text in replies if where == "私聊·赵网格"]
    assert invite and "不归我管 1 原因" in invite[0]
    handed = chat.say("@赵网格/私聊: 不归我管 1 不是我的网格")
    assert ("工作群", "#1 赵*格反馈不归其管（不是我的网格），正在重新派单。") in handed
    # Anyone else is still refused.
    assert chat.text("@刘物业/私聊: 不归我管 1 不归物业") == "只有被派单的人或单位可以说不归我管。"


def test_someone_is_assigned_by_what_colleagues_call_them(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    # 「小赵」「老刘」: the one person with a role whose name starts with that surname.
    replies = chat.say("@李书记/工作群: 派单 1 小赵 3天")
    assert [text for where, text in replies if where == "私聊·赵网格"]
    assert chat.say("@李书记/工作群: 派单 2 老刘明天")[0] == (
        "工作群",
        "#2 已派单给 物业·刘*业，期限 11月24日。",
    )
    # Nobody here by that surname: said so, nothing assigned.
    assert chat.text("@李书记/工作群: 派单 1 小钱") == (
        "找不到「小钱」。可以 @ 某人，或写单位：物业、住建局、街道城管办"
    )


def test_a_reporter_cannot_undo_a_rejection_but_staff_can(chat: Conversation) -> None:
    """The reporter's 「重开」 of a rejected issue is an objection: the work group hears it
    (「街道说让找社区」, sent back and forth) and staff decide; without a reason they are
    asked for one; a neighbour following it may not."""
    chat.say("@王芳/网格3群: #报事 小区外面马路上的井盖坏了")
    chat.say("@孙大爷/网格5群: 关注 1")
    chat.say("@李书记/工作群: 退回 1 属于市政道路，请拨打12345")
    assert chat.text("@王芳/网格3群: 重开 1") == (
        "#1 已被退回。如有异议，请写明原因：重开 1 原因，会转给网格员和书记。"
    )
    assert chat.text("@孙大爷/网格5群: 重开 1 不同意") == "只有报事人或网格员及以上可以重开。"
    # Asked why, she is told the reason and how to object.
    assert chat.text("@王芳/私聊: 为什么退回了？") == (
        "#1 退回的原因：属于市政道路，请拨打12345\n"
        "如有异议，请发送「重开 1 原因」，会转给网格员和书记。"
    )
    assert chat.text("@孙大爷/私聊: 为什么退回").startswith("您好，我是邻里。")  # not his
    # 「我不服」 in her words is that objection too; from someone with nothing 退回, nothing.
    assert chat.say("@王芳/私聊: 我不服，这个事情必须管")[1] == (
        WORK,
        "#1 报事人（王*）对退回有异议：我不服，这个事情必须管。核实后可「重开 1 原因」。",
    )
    assert chat.text("@孙大爷/私聊: 我不服").startswith("您好，我是邻里。")
    assert chat.say("@王芳/网格3群: 重开 1 打了12345，说井盖在小区红线内，让找社区") == [
        (G3, "#1 已被退回，您的意见已转给网格员和书记：打了12345，说井盖在小区红线内，让找社区。"),
        (
            WORK,
            "#1 报事人（王*）对退回有异议：打了12345，说井盖在小区红线内，让找社区。"
            "核实后可「重开 1 原因」。",
        ),
    ]
    shown = chat.text("@李书记/工作群: 查看 1")
    assert "已退回" in shown.splitlines()[0]
    assert "王* 对退回有异议：打了12345，说井盖在小区红线内，让找社区" in shown
    assert any("#1 已重开" in text for _, text in chat.say("@李书记/工作群: 重开 1 核实属于小区"))


def test_a_closed_issue_said_to_be_back_by_its_reporter_is_reopened(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@李书记/工作群: 办结 1 已疏通")
    chat.say("@王芳/网格3群: 满意")
    # Privately, by its number: reopened with her words (it was filed as a new 「其他」 report).
    assert chat.say("@王芳/私聊: 1号又堵了")[0] == (
        "私聊·王芳",
        "#1 已重开：又堵了，期限 11月26日。",
    )
    assert "反映次数" not in chat.text("@李书记/工作群: 查看 1")
    assert "#2" not in chat.text("@李书记/工作群: 台账")  # nothing new filed
    # Someone else's, or words that say nothing came back: not reopened.
    chat.say("@李书记/工作群: 办结 1 又疏通了")
    chat.say("@王芳/网格3群: 满意")
    assert not any("已重开" in text for _, text in chat.say("@孙大爷/私聊: 1号又堵了"))


def test_the_holder_hears_privately_when_their_issue_is_reopened(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@李书记/工作群: 派单 1 物业 3天")
    chat.say("@刘物业/私聊: 办结 1 已疏通")
    reopened = chat.say("@王芳/网格3群: 重开 1 又堵了")
    assert [text for where, text in reopened if where == LIU] == [
        next(text for where, text in reopened if where == G3)
    ]
    chat.say("@刘物业/私聊: 办结 1 再次疏通")
    rated = chat.say("@王芳/网格3群: 评价 1 2 还是臭")
    assert any(where == LIU and "评价2分，已重开" in text for where, text in rated), rated


def test_a_building_head_verifies_a_resolution_in_their_building(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@王芳/网格3群: #报事 4号楼门口井盖松了")
    assert chat.text("@陈楼长/网格3群: 核实 1 灯亮了") == "#1 待受理，办结后才能现场核实。"
    chat.say("@李书记/工作群: 派单 1 物业 明天")
    chat.say("@李书记/工作群: 派单 2 物业 明天")
    chat.say("@刘物业/私聊: 办结 1 已换灯泡")
    chat.say("@刘物业/私聊: 办结 2 已固定")
    verified = chat.say("@陈楼长/网格3群: 核实 1 灯亮了[图片:楼道灯.jpg]")
    assert (G3, "#1 已由楼栋长 陈*长 现场核实：灯亮了。") in verified
    assert chat.text("@陈楼长/网格3群: 核实 2 看过了") == (
        "楼栋长只能核实本楼栋（3号楼）的事项，请网格员核实。"
    )
    assert chat.text("@孙大爷/网格3群: 核实 1 好了") == "只有楼栋长、网格员或书记可以现场核实。"
    # Its reporter confirming it is asked for the rating that closes it.
    rate = "#1 已办结，还没收到您的评价：请回复「评价 1 1-5分」，或「满意/基本满意/不满意」。"
    assert chat.text("@王芳/网格3群: 核实 1 好了") == rate
    assert chat.text("@王芳/私聊: 1号确认修好了") == rate
    shown = chat.say("@李书记/私聊: 查看 1")
    assert "陈*长 现场核实：灯亮了 照片1张" in shown[0][1]
    assert shown[1][1] == "[图片:楼道灯.jpg] #1 照片1/1"
    assert chat.text("@陈楼长/私聊: 积分").startswith("您在幸福里社区的积分：3分。")


def test_a_visit_that_found_the_work_done_is_its_check(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@李书记/工作群: 派单 1 物业 明天")
    # Before it is resolved, what a visit found is a 补充, as before.
    assert chat.say("@陈楼长/私聊: 1号我去看过了，确实不亮")[0][1].startswith("已补充到 #1，")
    chat.say("@刘物业/私聊: 办结 1 已换灯泡")
    assert chat.say("@陈楼长/私聊: 1号我去看了，灯确实亮了") == [
        ("私聊·陈楼长", "#1 已由楼栋长 陈*长 现场核实：灯确实亮了。"),
        (G3, "#1 已由楼栋长 陈*长 现场核实：灯确实亮了。"),
    ]
    assert chat.say("@张网格/工作群: 1号到现场看过了，没问题了") == [
        ("工作群", "#1 已由网格员 张*格 现场核实：没问题了。"),
        (G3, "#1 已由网格员 张*格 现场核实：没问题了。"),
    ]


def test_a_building_head_says_the_check_and_asks_after_their_building_in_words(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@孙大爷/网格5群: #报事 5号楼门口井盖松了")
    listed = chat.text("@陈楼长/私聊: 我们楼有哪些问题").splitlines()
    assert listed[0] == "幸福里社区3号楼台账：未办结1条（🔴0 🟡1 🟢0）"  # their building's alone
    assert listed[1].startswith("🟡 #1【照明路灯】3号楼2单元")
    chat.say("@李书记/工作群: 1号办结 灯已换")
    assert chat.say("@陈楼长/私聊: 1号确认修好了") == [
        ("私聊·陈楼长", "#1 已由楼栋长 陈*长 现场核实：修好了。"),
        (G3, "#1 已由楼栋长 陈*长 现场核实：修好了。"),
    ]
    assert "陈*长 现场核实：修好了" in chat.text("@李书记/工作群: 查看 1")
    # Said in the grid group, of an issue of their building, it is the same; of another
    # building's, or from a neighbour, chat.
    chat.say("@王芳/网格3群: #报事 3号楼1单元门口路灯坏了")
    chat.say("@李书记/工作群: 3号办结 灯已换")
    assert chat.say("@陈楼长/网格3群: 3号我去看了，灯确实亮了") == [
        (G3, "#3 已由楼栋长 陈*长 现场核实：灯确实亮了。"),
    ]
    chat.say("@李书记/工作群: 2号办结 井盖已固定")
    assert chat.say("@陈楼长/网格3群: 2号我去看了，确实好了") == []  # 5号楼's
    assert chat.say("@孙大爷/网格3群: 3号我去看了，灯确实亮了") == []


def test_assigning_a_unit_nobody_can_be_told_of_says_so(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼门口路面塌陷")
    replies = chat.say("@李书记/工作群: 派单 1 住建局 3天")
    assert (
        WORK,
        "住建局 还没有联系人，机器人无法通知对方，请电话联系；以后可发送「设置角色 @联系人 部门 住建局」。",
    ) in replies


def test_a_note_after_the_triage_level_is_kept(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼门口路面塌陷")
    chat.say("@张网格/网格3群: 受理 1 复杂 需要协调市政")
    assert "受理（待受理→已受理）：复杂 需要协调市政" in chat.text("@李书记/工作群: 查看 1")


def test_accepting_or_assigning_again_tells_nobody_twice(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 受理 1")
    assert chat.say("@李书记/工作群: 受理 1") == [
        (WORK, "#1 已受理（复杂），期限 11月26日，无需重复。")
    ]
    chat.say("@张网格/网格3群: 派单 1 @刘物业 3天")
    assert chat.say("@张网格/网格3群: 派单 1 @刘物业") == [
        (G3, "#1 已派单给 物业·刘*业，期限 11月26日，无需重复。")
    ]
    assert chat.say("@张网格/网格3群: 派单 1 @刘物业 3天") == [
        (G3, "#1 已派单给 物业·刘*业，期限 11月26日，无需重复。")
    ]
    history = chat.text("@李书记/工作群: 查看 1")
    assert history.count("受理（") == 1 and history.count("派单（") == 1, history


def test_a_deadline_typed_right_after_the_mention_is_the_deadline(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    replies = chat.say("@张网格/网格3群: 派单 1 @刘物业3天")
    assert replies[0] == (G3, "#1 已派单给 物业·刘*业，期限 11月26日。")
    assert next(text for where, text in replies if where == LIU).startswith("新派单 #1")
    # Someone not in config, known because they have spoken: the same.
    chat.say("@钱阿姨/网格3群: 收到")
    assert chat.say("@李书记/工作群: 派单 1 @钱阿姨12月1日")[0] == (
        WORK,
        "#1 已派单给 钱*姨，期限 12月1日。",
    )


@pytest.mark.parametrize(
    ("typed", "who", "deadline"),
    [
        ("派单1刘物业明天", "物业·刘*业", "11月24日"),
        ("派单 1 物业3天", "物业", "11月26日"),
        ("派单1 街道城管办周五", "街道城管办", "11月27日"),
        ("派单 1 刘物业12月1日", "物业·刘*业", "12月1日"),
        ("派单 1 刘物业 明天下午", "物业·刘*业", "11月24日"),  # by its end, 18:00
        ("派单 1 刘物业 明天上午", "物业·刘*业", "11月24日 12:00"),
        ("派单1刘物业今晚", "物业·刘*业", "11月23日 21:00"),
        ("派单 1 物业 下周", "物业", "12月4日"),  # by next week's last working day
        ("派单 1 物业 月底", "物业", "11月30日"),
        ("1号派给物业，限两天", "物业", "11月25日"),  # 限: the word for a deadline
    ],
)
def test_a_name_with_the_deadline_run_into_it(
    chat: Conversation, typed: str, who: str, deadline: str
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    assert chat.say(f"@张网格/网格3群: {typed}")[0] == (
        G3,
        f"#1 已派单给 {who}，期限 {deadline}。",
    )


def test_a_name_run_into_words_that_are_no_deadline_is_not_found(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    assert chat.text("@张网格/网格3群: 派单 1 刘物业快点").startswith("找不到「刘物业快点」")
    assert chat.text("@张网格/网格3群: 派单 1 王小明3天").startswith("找不到「王小明3天」")


def test_an_urgent_job_in_hours_and_a_deadline_moved_is_not_a_new_job(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    replies = chat.say("@张网格/网格3群: 派单 1 @刘物业 2小时")
    assert replies[0] == (G3, "#1 已派单给 物业·刘*业，期限 11月23日 10:02。")
    assert chat.say("@张网格/网格3群: 派单 1 @刘物业 周五") == [
        (G3, "#1 已派单给 物业·刘*业，期限 11月27日。"),
        (LIU, "#1 的期限改为 11月27日。"),
    ]


def test_the_one_who_held_an_issue_hears_it_was_reassigned(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业")
    replies = chat.say("@张网格/工作群: 派单 1 @周主任")
    assert (LIU, "#1 已改派给 街道城管办·周*任，您不用再办理了。") in replies
    assert next(text for where, text in replies if where == ZHOU).startswith("新派单 #1")
    # Said with the words for handing on: 改派, 转派, 重新派单, 指派.
    back = chat.say("@张网格/工作群: 改派 1 @刘物业")
    assert back[0] == (WORK, "#1 已派单给 物业·刘*业，期限 11月26日。")
    assert (ZHOU, "#1 已改派给 物业·刘*业，您不用再办理了。") in back
    assert (LIU, "#1 已改派给 街道城管办·周*任，您不用再办理了。") in chat.say(
        "@张网格/工作群: 转派 1 @周主任 3天"
    )
    assert chat.say("@李书记/工作群: 重新派单 1 物业")[0][1].startswith("#1 已派单给 物业")
    assert chat.say("@李书记/工作群: 指派 1 @张网格")[0][1].startswith("#1 已派单给 张*格")
    assert chat.text("@王芳/网格3群: 改派 1 物业") == "只有网格员及以上可以派单。"


def test_an_issue_handed_on_without_a_deadline_keeps_the_one_promised(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业 下周三")
    assert chat.say("@张网格/工作群: 派单 1 @周主任")[:2] == [
        (WORK, "#1 已派单给 街道城管办·周*任，期限 12月2日。"),
        (G3, "#1 已派单给 街道城管办·周*任，期限 12月2日。"),
    ]
    # Promised sooner than the new holder's ordinary time (照明: one working day): that time.
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯不亮了")
    chat.say("@张网格/网格3群: 派单 2 @刘物业 2小时")
    replies = chat.say("@张网格/工作群: 派单 2 @周主任")
    assert replies[0] == (WORK, "#2 已派单给 街道城管办·周*任，期限 11月24日。")
    # A deadline said with it is the deadline.
    replies = chat.say("@张网格/工作群: 派单 1 @刘物业 周五")
    assert replies[0] == (WORK, "#1 已派单给 物业·刘*业，期限 11月27日。")


def test_staff_take_an_issue_on_themselves(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@王芳/网格3群: #报事 3号楼门口下水道堵了")
    chat.say("@王芳/网格3群: #报事 3号楼电梯异响")
    assert chat.say("@张网格/私聊: 派单 1 我") == [
        ("私聊·张网格", "#1 已派单给 张*格，期限 11月24日。"),
        (G3, "#1 已派单给 张*格，期限 11月24日。"),
    ]
    # Said in words, privately or in the work group; with a deadline run into 我.
    assert chat.say("@张网格/私聊: 2号我来跟")[0] == (
        "私聊·张网格",
        "#2 已派单给 张*格，期限 11月26日。",
    )
    assert chat.say("@李书记/工作群: 3号我来处理吧")[0] == (
        WORK,
        "#3 已派单给 李*记，期限 11月24日。",
    )
    assert chat.say("@李书记/工作群: 派单 3 我明天")[0][1].startswith("#3 已派单给 李*记，")
    assert chat.say("@张网格/工作群: 我来处理3号")[0] == (  # the number last
        WORK,
        "#3 已派单给 张*格，期限 11月24日。",
    )
    mine = chat.text("@张网格/私聊: 我的待办")
    assert "#1【照明路灯】3号楼2单元 · 办理中 · 张*格" in mine
    assert "#3【公共设施】3号楼 · 办理中 · 张*格" in mine
    # A word on it before the verb: privately or in the work group.
    assert chat.say("@李书记/工作群: 2号太难了，吹哨给街道城管办")[0] == (
        WORK,
        "#2 已上报街道城管办协调处理。",
    )
    assert chat.say("@王芳/网格3群: 1号太难了，吹哨给街道城管办") == []
    # Among neighbours the words are theirs; whoever may not assign is told so.
    assert chat.say("@王芳/网格3群: 1号我来处理") == []
    assert chat.text("@刘物业/私聊: 派单 1 我") == "只有网格员及以上可以派单。"
    assert "张*格" in chat.text("@李书记/私聊: 查看 1")


def test_an_assignment_said_the_short_way_in_the_grid_group(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼顶漏水，家里墙都湿了")
    chat.say("@孙大爷/网格3群: #报事 3号楼楼下烧烤店油烟太大")
    assert chat.say("@张网格/网格3群: 1号派物业 3天")[0] == (
        G3,
        "#1 已派单给 物业，期限 11月26日。",
    )
    assert chat.say("@张网格/网格3群: 2号让周主任去处理一下，周五前")[0] == (
        G3,
        "#2 已派单给 街道城管办·周*任，期限 11月27日。",
    )
    # Several at once, each told in a line of its own.
    replies = chat.say("@李书记/工作群: 1号和2号派物业，周五前")
    assert (WORK, "#1 已派单给 物业，期限 11月27日。\n#2 已派单给 物业，期限 11月27日。") in replies
    # The work said after the day; 「尽快」 says no day: the level's deadline (3 working days).
    assert chat.say("@李书记/工作群: 1号派给张网格，明天前处理")[0] == (
        WORK,
        "#1 已派单给 张*格，期限 11月24日。",
    )
    chat.say("@王芳/网格3群: #报事 5号楼1单元门口下水道堵了")
    assert chat.say("@李书记/工作群: 派单 3 刘物业 尽快处理")[0] == (
        WORK,
        "#3 已派单给 物业·刘*业，期限 11月26日。",
    )
    # Talk of sending someone, or of a 派出所, is no assignment.
    assert chat.say("@张网格/网格3群: 2号派出所来人了") == []
    assert chat.say("@王芳/网格3群: 1号派人去看了吗") == []


def test_a_deadline_typed_for_a_day_off_is_pointed_out(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    replies = chat.say("@张网格/网格3群: 派单 1 @刘物业 周日")
    assert replies[0] == (G3, "#1 已派单给 物业·刘*业，期限 11月29日。")
    assert (G3, "注意：11月29日是休息日。如需改到工作日，请再发送「派单」写新的期限。") in replies
    # A working day says nothing more.
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯不亮了")
    assert not any("休息日" in text for _, text in chat.say("@张网格/网格3群: 派单 2 @刘物业 周五"))


def test_a_progress_note_that_asks_keeps_its_question_mark(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业")
    assert chat.say("@刘物业/私聊: 进展 1 需要业主在家吗？") == [
        (LIU, "#1 进展：需要业主在家吗？"),
        (G3, "#1 进展：需要业主在家吗？"),
    ]


@pytest.mark.parametrize(
    "complaint",
    ["网格员张网格态度很差，上门登记时对老人大吼大叫", "小张态度很差，推诿不管"],
    ids=["by_name", "by_surname"],
)
def test_a_worker_cannot_reject_or_close_a_complaint_about_themselves(
    chat: Conversation, complaint: str
) -> None:
    chat.say(f"@王芳/网格3群: #投诉 {complaint}")
    refused = "这件事反映的是您本人，请由书记或其他网格员处理。"
    for command in ("受理 1", "退回 1 不属实", "办结 1 已道歉"):
        assert chat.say(f"@张网格/网格3群: {command}") == [(G3, refused)]
    assert "已受理" in chat.say("@李书记/工作群: 受理 1")[0][1]
    # Asked for by name, or called 小张, is no complaint: they work on it as usual.
    chat.say("@孙大爷/网格5群: #报事 请赵网格帮忙看看5号楼的路灯")
    assert chat.say("@赵网格/网格5群: 办结 2 已修好")[0][1].startswith("#2 已办结")
    chat.say("@王芳/网格3群: #报事 小张，3号楼楼道灯坏了")
    assert "已受理" in chat.say("@张网格/网格3群: 受理 3")[0][1]
    assert chat.say("@张网格/网格3群: 办结 3 已换灯泡")[0][1].startswith("#3 已办结")


def test_a_reporter_withdraws_and_those_working_on_it_close_it(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    chat.say("@张网格/网格3群: 派单 1 @刘物业")
    refused = "只有报事人可以撤回，工作人员请用「退回」。"
    assert chat.say("@孙大爷/网格3群: 撤回 1") == [(G3, refused)]
    alert = "#1 报事人表示不用处理了：邻居帮忙弄好了。请确认后「办结 1 结果」或「退回 1 原因」。"
    assert chat.say("@王芳/网格3群: 撤回 1 邻居帮忙弄好了") == [
        (G3, "#1 已转告网格员：邻居帮忙弄好了。确认后会结案。"),
        (WORK, alert),
        (LIU, alert),
    ]
    # Said again, or again with nothing more to say: nobody is asked twice.
    for again in ("撤回 1 邻居帮忙弄好了", "撤回"):
        assert chat.say(f"@王芳/网格3群: {again}") == [
            (G3, "#1 已转告网格员：邻居帮忙弄好了。确认后会结案，无需重复。")
        ], again
    # A new reason is news.
    assert len(chat.say("@王芳/网格3群: 撤回 1 我们自己找人修了")) == 3
    shown = chat.text("@李书记/工作群: 查看 1").splitlines()
    assert shown[0].startswith("#1【道路井盖】办理中") and shown[-1].endswith(
        "王* 报事人撤回：我们自己找人修了"
    )
    chat.say("@刘物业/私聊: 办结 1 报事人说已修好，现场确认")
    assert chat.text("@王芳/网格3群: 撤回 1") == "#1 已办结，无需撤回。"
    # Reopened, a withdrawal is news again.
    chat.say("@王芳/网格3群: 重开 1 又松了")
    assert len(chat.say("@王芳/网格3群: 撤回 1")) == 3


def test_no_longer_needed_said_privately_withdraws_ones_only_open_issue(chat: Conversation) -> None:
    chat.say("@王芳/私聊: #报事 3号楼楼道灯坏了")
    replies = chat.say("@王芳/私聊: 不用处理了，已经自己修好了。")  # its 。 not echoed twice
    assert replies[0] == (
        "私聊·王芳",
        "#1 已转告网格员：不用处理了，已经自己修好了。确认后会结案。",
    )
    assert replies[1][0] == WORK


def test_withdraw_alone_is_about_ones_only_open_report_here(chat: Conversation) -> None:
    chat.say("@王芳/私聊: 3号楼楼道灯坏了")
    assert chat.say("@王芳/私聊: 撤回")[0] == (
        "私聊·王芳",
        "#1 已转告网格员：不用处理了。确认后会结案。",
    )
    chat.say("@王芳/私聊: 5号楼门口井盖松了")
    assert chat.say("@王芳/私聊: 撤回。") == [
        (
            "私聊·王芳",
            "您有几件未办结的事项（#1、#2），请写明撤回哪一件，例如：撤回 1 已经自己修好了",
        )
    ]
    # In a group, only what was reported there; with none, how it goes.
    assert chat.text("@王芳/网格3群: 撤回").startswith("用法：/withdraw 编号 [原因]")


def test_a_report_taken_back_in_words_in_its_group_is_withdrawn(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    # A neighbour saying so takes back nothing of hers; chat stays chat.
    assert chat.say("@孙大爷/网格3群: 我的反映撤回吧") == []
    assert chat.say("@王芳/网格3群: 我的快递撤回了") == []
    assert chat.say("@王芳/网格3群: 我的这个手机不用修了") == []
    replies = chat.say("@王芳/网格3群: 我报的那个灯不用修了，物业已经弄好了")
    assert replies == [
        (G3, "#1 已转告网格员：我报的那个灯不用修了，物业已经弄好了。确认后会结案。"),
        (
            WORK,
            "#1 报事人表示不用处理了：我报的那个灯不用修了，物业已经弄好了。"
            "请确认后「办结 1 结果」或「退回 1 原因」。",
        ),
    ]
    assert "报事人撤回" in chat.text("@李书记/工作群: 查看 1")
    # In another group, where she reported nothing, it is chat.
    assert chat.say("@王芳/网格5群: 撤回我的诉求") == []
    assert chat.say("@王芳/网格5群: 算了，不用管了") == []
    chat.say("@孙大爷/网格3群: #报事 3号楼有人在楼道里抽烟，烟味很大")
    assert chat.say("@孙大爷/网格3群: 我的那个撤回吧，人家已经不抽了")[0] == (
        G3,
        "#2 已转告网格员：我的那个撤回吧，人家已经不抽了。确认后会结案。",
    )
    chat.say("@刘阿姨/网格3群: #报事 3号楼门口有人遛狗不拴绳")
    assert chat.say("@刘阿姨/网格3群: 算了，不用管了")[0] == (
        G3,
        "#3 已转告网格员：算了，不用管了。确认后会结案。",
    )
    # Briefly, or saying it is fixed first (it was chat).
    chat.say("@钱阿姨/网格3群: #报事 2号楼楼道灯不亮")
    assert chat.say("@钱阿姨/网格3群: 灯好了，不用修了")[0] == (
        G3,
        "#4 已转告网格员：灯好了，不用修了。确认后会结案。",
    )
    chat.say("@赵大妈/网格3群: #报事 1号楼门口垃圾没人清")
    assert chat.say("@赵大妈/网格3群: 不用管了")[0] == (
        G3,
        "#5 已转告网格员：不用管了。确认后会结案。",
    )
    # With why after it (it was chat).
    chat.say("@孙阿姨/网格3群: #报事 4号楼楼道灯不亮")
    assert chat.say("@孙阿姨/网格3群: 算了，不用管了，邻居已经修好了")[0] == (
        G3,
        "#6 已转告网格员：算了，不用管了，邻居已经修好了。确认后会结案。",
    )


def test_a_reporter_taking_back_one_report_by_its_number_privately_withdraws_it(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    # Minutes after the reports, said with a number: 撤回, not more of the report.
    assert chat.say("@王芳/私聊: 1号撤回") == [
        ("私聊·王芳", "#1 已转告网格员：不用处理了。确认后会结案。"),
        (WORK, "#1 报事人表示不用处理了。请确认后「办结 1 结果」或「退回 1 原因」。"),
    ]
    assert chat.say("@王芳/私聊: 2号不用修了，邻居帮忙弄好了")[0] == (
        "私聊·王芳",
        "#2 已转告网格员：不用修了，邻居帮忙弄好了。确认后会结案。",
    )
    shown = chat.text("@李书记/工作群: 查看 1")
    assert "报事人撤回" in shown and "补充" not in shown


def test_a_withdrawal_said_again_tells_nobody_twice_and_ends_the_reports_details(
    chat: Conversation,
) -> None:
    me = "私聊·王芳"
    chat.say("@王芳/私聊: 3号楼楼道灯坏了好几天了")
    assert chat.say("@王芳/私聊: 撤回") == [
        (me, "#1 已转告网格员：不用处理了。确认后会结案。"),
        (WORK, "#1 报事人表示不用处理了。请确认后「办结 1 结果」或「退回 1 原因」。"),
    ]
    # Said again in other words, privately: the work group is not told a second time.
    assert chat.say("@王芳/私聊: 我的反映撤回吧") == [
        (me, "#1 已转告网格员：不用处理了。确认后会结案，无需重复。")
    ]
    # What she says next, minutes after the report she took back, is no detail of it.
    replies = chat.say("@王芳/私聊: 楼上天天半夜剁肉")
    assert replies[0][1].startswith("已登记 #2"), replies
    assert (WORK, "#1 报事人补充：楼上天天半夜剁肉") not in replies
    # In a group, a first 「算了，不用管了」 is passed on in her words; said again, it is not.
    chat.say("@刘阿姨/网格3群: #报事 3号楼门口有人遛狗不拴绳")
    assert chat.say("@刘阿姨/网格3群: 算了，不用管了")[0] == (
        G3,
        "#3 已转告网格员：算了，不用管了。确认后会结案。",
    )
    assert chat.say("@刘阿姨/网格3群: 我的反映撤回吧。") == [
        (G3, "#3 已转告网格员：算了，不用管了。确认后会结案，无需重复。")
    ]
    # With a reason of its own, it is news for the work group.
    replies = chat.say("@刘阿姨/网格3群: 我的反映撤回吧，狗主人已经道歉了")
    assert (
        WORK,
        "#3 报事人表示不用处理了：我的反映撤回吧，狗主人已经道歉了。"
        "请确认后「办结 3 结果」或「退回 3 原因」。",
    ) in replies


def test_the_report_just_made_is_the_one_taken_back_of_several(chat: Conversation) -> None:
    me = "私聊·王芳"
    chat.say("@王芳/私聊: 3号楼楼道灯坏了好几天了")
    chat.say("@王芳/私聊: 5号楼门口井盖松了")
    for said in (
        "我要取消刚才的报事",
        "刚才那个不用了",
        "撤回刚才那条",
        "刚发的那条不用了",
        "上一条撤回",
    ):
        replies = chat.say(f"@王芳/私聊: {said}")
        assert replies[0][0] == me and replies[0][1].startswith("#2 已转告网格员："), said
        assert not any("#1" in text for _, text in replies), said
    assert "报事人撤回" not in chat.text("@李书记/工作群: 查看 1")
    # Without 「刚才」 she is asked which.
    assert chat.text("@王芳/私聊: 我的反映撤回吧").startswith("您有几件未办结的事项（#1、#2）")


def test_staff_saying_an_issue_repeats_are_shown_the_merge(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 5号楼门口井盖松了，踩上去咣当响")
    chat.say("@刘阿姨/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@陈大爷/网格5群: #报事 5号楼大门口那个井盖晃动，有安全隐患")
    # Filed as 安全隐患, #3 is like #1 (道路井盖, same door): suggested, nothing merged yet.
    assert chat.text("@李书记/工作群: 3号重复了") == "#3 与 #1 是同一问题的话，请发送「合并 3 1」。"
    assert chat.text("@李书记/工作群: 2号是重复的") == (
        "#2 与哪一号重复？请发送「合并 2 编号」，编号是它重复的那一件。"
    )
    assert "已合并" not in chat.text("@李书记/工作群: 查看 3")
    replies = chat.say("@李书记/工作群: 3号和1号是一回事，合并")
    assert replies[0] == (WORK, "#3 与 #1 是同一问题，已合并，后续进展在 #1 通知。")


def test_an_assignment_taken_back_in_words_is_told_how_to_hand_it_on(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@李书记/工作群: 派单 1 @刘物业")
    hint = "#1 要换人办请发送「派单 1 @人或单位」；不再办理请发送「退回 1 原因」。"
    assert chat.text("@李书记/工作群: 1号先不派了") == hint
    assert chat.text("@李书记/私聊: 1号撤回派单") == hint
    assert "办理中" in chat.text("@李书记/工作群: 查看 1")  # nothing changed


def test_an_issue_said_to_be_handed_on_already_is_told_the_command_that_records_it(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    hint = "#1 要记为派给物业，请发送「派单 1 物业」，物业会收到派单通知。"
    assert chat.text("@张网格/私聊: 1号我已经派物业了") == hint
    assert chat.text("@张网格/工作群: 1号已经联系物业去处理了") == hint
    assert chat.text("@张网格/私聊: 1号我已经通知周主任了") == (
        "#1 要记为派给周主任，请发送「派单 1 周主任」，周主任会收到派单通知。"
    )
    assert "待受理" in chat.text("@李书记/工作群: 查看 1")  # nothing changed
    # The number straight before the verb is the 派单 itself; asked, the issue is shown.
    assert chat.say("@张网格/私聊: 1号交给刘物业了")[0][1] == (
        "#1 已派单给 物业·刘*业，期限 11月26日。"
    )
    assert chat.text("@张网格/私聊: 1号派物业了吗").startswith("#1【排水管道】办理中")
    # Nothing more to do: how to say so; from its reporter, their 撤回.
    assert chat.text("@李书记/工作群: 1号不用管了") == (
        "#1 不再办理的话，请发送「退回 1 原因」；已经解决了请发送「办结 1 结果」。"
    )
    assert chat.say("@孙大爷/网格3群: 1号不用管了") == []  # not his
    assert chat.say("@王芳/网格3群: 1号不用管了")[0] == (
        "网格3群",
        "#1 已转告网格员：不用管了。确认后会结案。",
    )
    # Who holds it, asked in the work group by what it is.
    assert chat.text("@李书记/工作群: 下水道的事谁在管").startswith("【排水管道】的事项：\n🟢 #1")


def test_a_unit_an_issue_went_up_to_without_a_holder_works_it_is_urged_and_hears_it_reopen(
    chat: Conversation,
) -> None:
    """上报 straight from 待受理 takes the report up: the street office, told to send 「进展」,
    may; 催办 reaches it though nobody holds the issue, and so does a reopening."""
    chat.say("@孙大爷/网格5群: #报事 5号楼门口井盖松了")
    chat.say("@赵网格/网格5群: 上报 1 井盖需要市政更换")
    assert "上报（待受理→已受理）：街道城管办：井盖需要市政更换" in chat.text(
        "@李书记/工作群: 查看 1"
    )
    assert chat.say("@周主任/私聊: 进展１：已安排市政明天更换") == [
        (ZHOU, "#1 进展：已安排市政明天更换"),
        (G5, "#1 进展：已安排市政明天更换"),
    ]
    urged = chat.say("@李书记/工作群: 催办 1")
    assert urged[0] == (WORK, "已催办 #1（街道城管办）。")
    assert [where for where, _ in urged[1:]] == [ZHOU]
    chat.say("@周主任/私聊: 办结 1 井盖已更换")
    told = chat.say("@孙大爷/网格5群: 重开 1 井盖还是松的")
    assert (ZHOU, "#1 已重开：井盖还是松的，期限 11月26日。") in told
    # Nobody holds it and it went up nowhere: still 「请先派单」.
    chat.say("@孙大爷/网格5群: #报事 5号楼路灯不亮")
    assert chat.text("@李书记/工作群: 催办 2") == "#2 还没有派单，请先「派单 2 @人或单位」。"


def test_merge_said_with_into_between_the_numbers(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    chat.say("@孙大爷/网格3群: #报事 3号楼楼道灯不亮")
    replies = chat.say("@张网格/网格3群: 合并 2 到 1")
    assert replies[0] == (G3, "#2 与 #1 是同一问题，已合并，后续进展在 #1 通知。")


def test_two_issues_said_to_be_one_are_merged_by_staff_only(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@孙大爷/网格5群: #报事 5号楼路灯不亮")
    # A resident may not merge: told so, nothing changes.
    assert chat.text("@王芳/私聊: 2号和1号是一回事") == "只有网格员及以上可以合并。"
    assert chat.say("@王芳/网格3群: 2号和1号是一回事") == []  # neighbours talking
    # Whichever comes first in the words, the later goes into the earlier.
    replies = chat.say("@李书记/工作群: 2号和1号是一件事")  # it met silence
    assert replies[0] == ("工作群", "#2 与 #1 是同一问题，已合并，后续进展在 #1 通知。")
    assert "已合并" in chat.text("@李书记/工作群: 查看 2")


def test_staff_commands_said_as_ba_sentences(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    chat.say("@孙大爷/网格3群: #报事 3号楼楼道灯不亮")
    chat.say("@孙大爷/网格3群: #报事 小区外市政路面塌了")
    replies = chat.say("@张网格/网格3群: 把２号合并到１号")
    assert replies[0] == (G3, "#2 与 #1 是同一问题，已合并，后续进展在 #1 通知。")
    replies = chat.say("@李书记/工作群: 把1派给刘物业，明天下午")
    assert replies[0][1] == "#1 已派单给 物业·刘*业，期限 11月24日。"
    replies = chat.say("@李书记/工作群: 把三号退回，属于市政道路")
    assert replies[0][1] == "#3 已退回：属于市政道路"
    # The number first without 把, a deadline at the end of the working day; 催一下.
    replies = chat.say("@李书记/工作群: 1 派给刘物业 今天下班前")
    assert replies[0][1] == "#1 已派单给 物业·刘*业，期限 11月23日。"
    assert chat.say("@李书记/工作群: 催一下1")[0][1] == "已催办 #1（物业·刘*业）。"
    # Handed on as people say it, and the command word after the number.
    replies = chat.say("@李书记/工作群: 把1号转给周主任")
    assert replies[0][1] == "#1 已派单给 街道城管办·周*任，期限 11月26日。"
    assert ("私聊·刘物业", "#1 已改派给 街道城管办·周*任，您不用再办理了。") in replies
    replies = chat.say("@李书记/工作群: 1号改派刘物业 周五")
    assert replies[0][1] == "#1 已派单给 物业·刘*业，期限 11月27日。"
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    replies = chat.say("@李书记/工作群: 4 派单 @周主任 3天")
    assert replies[0][1] == "#4 已派单给 街道城管办·周*任，期限 11月26日。"
    replies = chat.say("@李书记/工作群: 4号上报")
    assert replies[0][1] == "#4 已上报街道城管办协调处理。"
    # Not a command: 「转给」 of no issue number, and questions about an issue, which show it.
    for asked in ("我转给他了", "把4派给谁？", "2号合并到1了没有"):
        assert chat.say(f"@李书记/工作群: {asked}") == [], asked
    for asked in ("4号派单了吗", "4号转给谁了", "4号上报了吗", "4号谁在处理", "4号的井盖谁在修"):
        assert chat.text(f"@李书记/工作群: {asked}").startswith("#4【道路井盖】"), asked
    assert chat.text("@李书记/工作群: 3号退回了没").startswith("#3【")
    assert chat.text("@李书记/工作群: 3号楼谁在修").startswith("3号楼的事项：")  # not #3
    # Not refused as a resident's 派单: from its reporter there, the issue is shown.
    assert chat.text("@王芳/网格3群: 4号派单了没").startswith("#4【道路井盖】")
    assert chat.say("@孙大爷/网格3群: 4号派单了没") == []
    # Said with a word between or a particle at the end.
    replies = chat.say("@李书记/工作群: 把4号也派给刘物业吧")
    assert replies[0][1] == "#4 已派单给 物业·刘*业，期限 11月26日。"
    replies = chat.say("@李书记/工作群: 4号先转给周主任")
    assert replies[0][1] == "#4 已派单给 街道城管办·周*任，期限 11月26日。"
    # 「重新分给」, and what is to be done by the deadline said after it.
    replies = chat.say("@李书记/工作群: 4号重新分给刘物业，周五前修好")
    assert replies[0][1] == "#4 已派单给 物业·刘*业，期限 11月27日。"
    # Its level changed in words: accepted again at that level, the deadline with it.
    chat.say("@王芳/网格3群: #报事 5号楼下水道堵了")
    assert chat.say("@李书记/工作群: 5号改成简单")[0][1] == "#5 已受理（简单），期限 11月24日。"
    assert chat.say("@李书记/工作群: 5号吹哨")[0][1] == "#5 已上报街道城管办协调处理。"
    # Whom first, then the issue; 「需要」「要」 before the verb.
    replies = chat.say("@李书记/工作群: 派给刘物业 5 明天")
    assert replies[0][1] == "#5 已派单给 物业·刘*业，期限 11月24日。"
    chat.say("@王芳/网格3群: #报事 6号楼门口路面塌了")
    assert chat.say("@李书记/工作群: 6号需要上报街道")[0][1] == "#6 已上报街道城管办协调处理。"
    assert chat.say("@李书记/工作群: 交给他们 1 个月了") == []


def test_someone_who_declined_is_not_nudged_through_their_unit_again(chat: Conversation) -> None:
    """周主任 said 不归我管 to #1; escalated to his unit later, he hears no 吹哨, 催办 or 重开
    for it, and whoever asks is told so; assigned to him again, he does."""
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 派单 1 @周主任 3天")
    chat.say("@周主任/私聊: 不归我管 1 小区内管道归物业")
    not_told = "街道城管办·周*任已对 #1 反馈不归其管，没有再通知；如仍请其办理，请派单给本人。"
    escalated = chat.say("@李书记/工作群: 上报 1 需要协调")
    assert ZHOU not in [where for where, _ in escalated]
    assert escalated[-1] == (WORK, not_told)
    assert chat.say("@李书记/工作群: 催办 1") == [(WORK, not_told)]
    chat.say("@张网格/网格3群: 办结 1 已疏通")
    reopened = chat.say("@王芳/网格3群: 重开 1 还是堵")
    assert any(text.startswith("#1 已重开") for _, text in reopened), reopened
    assert ZHOU not in [where for where, _ in reopened]
    # Assigned to him again, he is the one to nudge.
    assert ZHOU in [where for where, _ in chat.say("@李书记/工作群: 派单 1 @周主任 明天")]
    urged = chat.say("@李书记/工作群: 催办 1")
    assert [where for where, _ in urged] == [WORK, ZHOU]


def test_one_persons_open_issues_are_handed_over_to_another(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@孙大爷/网格3群: #报事 3号楼门口井盖松了")
    chat.say("@王芳/网格3群: #报事 3号楼电梯异响")
    chat.say("@张网格/私聊: 派单 1 我")
    chat.say("@张网格/私聊: 派单 2 我 周五")
    chat.say("@张网格/私聊: 派单 3 物业")
    # Each of the two is told once; the reporters are not; deadlines stay.
    assert chat.say("@李书记/工作群: 交接 @张网格 @赵网格") == [
        (WORK, "已把 张*格 手上的2件事项（#1、#2）交给 赵*格，期限不变。"),
        (
            "私聊·赵网格",
            "交接：张*格 手上的2件事项（#1、#2）交给您办理，期限不变。发送「台账 我的」查看。",
        ),
        ("私聊·张网格", "您手上的 #1、#2 已交给 赵*格。"),
    ]
    shown = chat.text("@李书记/工作群: 查看 2")
    assert "期限：11月27日 · 承办：赵*格" in shown
    assert "李*记 派单：赵*格（交接，原承办 张*格）" in shown
    assert "承办：物业" in chat.text("@李书记/工作群: 查看 3")  # a unit's is not his
    assert chat.text("@赵网格/私聊: 台账 我的").startswith("幸福里社区台账")
    # Said in words; nothing left to hand over; only the secretary; a unit gives nothing.
    assert chat.text("@李书记/工作群: 把张网格的事都交给赵网格") == "张*格 手上没有未办结的事项。"
    assert chat.text("@李书记/工作群: 张网格调走了，他手上的事交给赵网格") == (
        "张*格 手上没有未办结的事项。"
    )
    assert chat.text("@张网格/工作群: 交接 @赵网格 @张网格") == "只有书记可以交接事项。"
    assert chat.text("@李书记/工作群: 交接 物业 赵网格").startswith("「物业」是单位")
    assert chat.text("@李书记/工作群: 交接 @赵网格 @赵网格") == "交出和接手的是同一个人。"
    assert chat.text("@李书记/工作群: 交接 @赵网格").startswith("用法：/handover")


def test_leave_said_in_words_hands_over_or_asks_the_secretary(chat: Conversation) -> None:
    """「张网格明天休假，他的事交给赵网格」 met silence (only 「请假了」 was read); a grid worker's
    own 「我明天休假，…麻烦赵网格帮忙盯一下」 met the staff hint: the work group is told, with
    the 交接 that does it; nothing changes hands on their word."""
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@张网格/私聊: 派单 1 我")
    assert chat.say("@张网格/私聊: 我明天休假，3号楼的事情麻烦赵网格帮忙盯一下") == [
        ("私聊·张网格", "已转告工作群：交接由书记发送「交接 张网格 赵网格」。"),
        (
            WORK,
            "张网格说：「我明天休假，3号楼的事情麻烦赵网格帮忙盯一下」。"
            "要把其手上的事交给赵网格，请书记发送「交接 张网格 赵网格」。",
        ),
    ]
    assert chat.text("@张网格/工作群: 我明天休假，麻烦赵网格帮忙盯一下") == (
        "要把张网格手上的事交给赵网格，请书记发送「交接 张网格 赵网格」。"
    )
    assert "承办：张*格" in chat.text("@李书记/工作群: 查看 1")  # still his
    assert chat.say("@李书记/工作群: 张网格明天休假，他的事交给赵网格")[0] == (
        WORK,
        "已把 张*格 手上的1件事项（#1）交给 赵*格，期限不变。",
    )
    # The secretary's own leave is their own 交接.
    assert (
        chat.text("@李书记/私聊: 我明天休假，麻烦张网格帮忙盯一下")
        == "李*记 手上没有未办结的事项。"
    )


def test_every_issue_waiting_is_accepted_at_once(chat: Conversation) -> None:
    """「待受理的都受理一下」 and 「受理 全部」 met silence and the usage line: each issue 待受理
    in the sender's grids is accepted at its own level, one line for them all."""
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@孙大爷/网格5群: #报事 5号楼井盖松了")
    chat.say("@钱阿姨/网格3群: #报事 3号楼垃圾没人清")
    chat.say("@李书记/工作群: 受理 3 复杂")
    said = chat.say("@李书记/工作群: 待受理的都受理一下")
    assert said[0] == (WORK, "已受理2件：#1（简单，11月24日）、#2（复杂，11月26日）。")
    assert said[1:] == [
        ("网格3群", "#1 已受理（简单），期限 11月24日。"),
        ("网格5群", "#2 已受理（复杂），期限 11月26日。"),
    ]
    assert chat.text("@李书记/工作群: 受理全部") == "没有待受理的事项。"
    # A worker accepts those of their grids; a resident may not; asked, it is chat.
    chat.say("@孙大爷/网格5群: #报事 5号楼电梯坏了")
    chat.say("@王芳/网格3群: #报事 3号楼门口井盖松了")
    assert chat.say("@张网格/私聊: 受理 全部")[0] == (
        "私聊·张网格",
        "已受理1件：#5（复杂，11月26日）。",
    )
    assert chat.text("@王芳/网格3群: 受理 全部") == "只有网格员及以上可以受理。"
    assert chat.say("@赵网格/工作群: 新诉求都受理了吧") == []
    # 「都派一下」 names nobody: the ones waiting for it are shown, for 「1号派给物业，…」.
    chat.say("@李书记/工作群: 派单 1 物业")
    waiting = chat.text("@李书记/工作群: 今天的诉求都派一下")
    assert "#4【" in waiting and "#1【" not in waiting, waiting
    assert chat.say("@赵网格/工作群: 新诉求都受理吧")[0] == (
        WORK,
        "已受理1件：#4（简单，11月24日）。",
    )


def test_every_overdue_issue_is_urged_at_once(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@孙大爷/网格3群: #报事 3号楼门口井盖松了")
    chat.say("@钱阿姨/网格5群: #报事 5号楼门口垃圾没人清")
    chat.say("@王芳/网格3群: #报事 3号楼电梯异响")
    chat.say("@张网格/私聊: 派单 1,2 物业 明天")
    chat.say("@赵网格/私聊: 派单 3 @周主任 明天")
    chat.clock.set(datetime(2026, 11, 25, 10, tzinfo=SH))  # #1–#3 due yesterday; #4 nobody's
    said = chat.say("@李书记/工作群: 把超期的都催一下")
    assert said[0] == (WORK, "已催办超期的3件：#1（物业）、#2（物业）、#3（街道城管办·周*任）。")
    assert sorted(where for where, _ in said[1:]) == ["私聊·刘物业", "私聊·刘物业", "私聊·周主任"]
    assert all(text.startswith("🔴 催办 #") for _, text in said[1:])
    # A worker urges those of their grids; urged a moment ago, none is urged again.
    assert chat.text("@张网格/私聊: 催办 超期") == (
        "没有可催办的超期事项（还没派单的请先「派单 编号 @人或单位」，一小时内催过的不再催）。"
    )
    chat.clock.set(datetime(2026, 11, 25, 12, tzinfo=SH))
    assert chat.say("@张网格/私聊: 催办 超期")[0] == (
        "私聊·张网格",
        "已催办超期的2件：#1（物业）、#2（物业）。",
    )
    assert chat.text("@王芳/网格3群: 催办 超期").startswith("用法：")  # a resident names one


def test_what_a_unit_or_person_holds_is_urged_at_once(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    chat.say("@孙大爷/网格3群: #报事 3号楼门口井盖松了")
    chat.say("@钱阿姨/网格5群: #报事 5号楼门口垃圾没人清")
    chat.say("@王芳/网格3群: #报事 3号楼电梯异响")
    chat.say("@李书记/工作群: 派单 1,3 物业 明天")
    chat.say("@李书记/工作群: 派单 2 刘物业 周五")
    chat.say("@李书记/工作群: 派单 4 @周主任 明天")
    said = chat.say("@李书记/工作群: 催一下物业")
    # The most pressing first; what its contact holds is the unit's too; 周主任's is not.
    assert said[0] == (WORK, "已催办物业手上的3件：#1（物业）、#3（物业）、#2（物业·刘*业）。")
    assert [where for where, _ in said[1:]] == ["私聊·刘物业"] * 3
    assert [text.split("【")[0] for _, text in said[1:]] == [
        "🟡 催办 #1",
        "🟡 催办 #3",
        "🟢 催办 #2",
    ]
    assert chat.text("@李书记/工作群: 催办 物业") == (
        "物业手上没有可催办的事项（一小时内催过的不再催）。"
    )
    # A worker urges those of their grids; a person by name; other words get the usage.
    chat.clock.set(datetime(2026, 11, 23, 11, tzinfo=SH))
    assert chat.say("@赵网格/私聊: 催办 刘物业")[0] == (
        "私聊·赵网格",
        "已催办刘物业手上的1件：#3（物业）。",
    )
    assert chat.say("@张网格/工作群: 给周主任那边催一下")[0] == (
        WORK,
        "已催办周主任手上的1件：#4（街道城管办·周*任）。",
    )
    assert chat.text("@张网格/工作群: 催办 进度").startswith("用法：/urge")
    # Its reporter saying so presses their report through its grid worker (whom is no reason).
    assert chat.say("@孙大爷/网格3群: 催一下物业")[1] == (
        "私聊·张网格",
        "#2 孙*爷催问进度（办理中，期限 11月27日）。需要的话请「催办 2」。",
    )
    assert chat.say("@孙大爷/网格3群: 催一下大家") == []  # no holder named: chat


def test_progress_told_before_taking_it_up_takes_it_up(chat: Conversation) -> None:
    chat.say("@王芳/私聊: 楼上天天半夜跺脚，吵得睡不着，我住3号楼2单元301")
    # The hint to 「1号我明天上门调解」 is 进展: sent, it takes the report up at its level first,
    # said in the one line each hears.
    assert chat.text("@张网格/私聊: 1号我明天上门调解").startswith("#1 报进展请发送「进展 1 ")
    assert chat.say("@张网格/私聊: 进展 1 明天上门调解") == [
        ("私聊·张网格", "#1 已受理（复杂），期限 11月26日。进展：明天上门调解"),
        ("私聊·王芳", "#1 已受理（复杂），期限 11月26日。进展：明天上门调解"),
    ]
    shown = chat.text("@李书记/工作群: 查看 1")
    assert "张*格 受理（待受理→已受理）：复杂" in shown and "张*格 进展" in shown
    # Someone who may not take it up still may not tell of it.
    chat.say("@孙大爷/网格5群: #报事 6号楼门口井盖松了")
    assert chat.text("@张网格/私聊: 进展 2 明天去看") == (
        "这件事不在您负责的网格，请联系书记或该网格的网格员。"
    )
    assert "待受理" in chat.text("@李书记/工作群: 查看 2")
