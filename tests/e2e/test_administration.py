"""Roles, bindings and erasure, typed in chat (chat-protocol §1, §9)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from bot.messages import PersonRef, QuotedMessage
from storage.models import (
    AuditEntry,
    InboundMessage,
    Issue,
    Person,
    Question,
    Reminder,
    WaitingPhoto,
)
from storage.uow import UnitOfWork
from tests.support.conversation import Conversation, example_settings, monday_morning


def test_the_secretary_makes_a_resident_a_grid_worker(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    assert chat.text("@孙大爷/网格3群: 受理 1") == "只有网格员及以上可以受理。"
    assert chat.text("@孙大爷/网格3群: 设置角色 @王芳 网格员") == "只有书记可以设置角色。"
    assert chat.text("@李书记/网格3群: 设置角色 @孙大爷 网格员 网格3") == (
        "已设置 孙*爷 为网格员（网格3）。"
    )
    assert chat.text("@孙大爷/网格3群: 受理 1").startswith("#1 已受理")
    assert chat.text("@李书记/网格3群: 设置角色 @孙大爷 居民") == "已设置 孙*爷 为居民。"
    assert chat.text("@孙大爷/网格3群: 派单 1 物业") == "只有网格员及以上可以派单。"


def test_the_secretary_grants_and_takes_back_a_role_in_words(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 5号楼门口井盖松了")
    chat.say("@孙大爷/网格3群: #报事 3号楼楼道灯坏了")  # known from what they said here
    assert chat.text("@李书记/工作群: 让王芳当5号楼的楼栋长") == "已设置 王* 为楼栋长（5号楼）。"
    assert chat.text("@李书记/工作群: 设@孙大爷为网格3网格员") == (
        "已设置 孙*爷 为网格员（网格3）。"
    )
    assert chat.text("@孙大爷/网格3群: 受理 2").startswith("#2 已受理")
    assert chat.text("@李书记/私聊: 孙大爷不当网格员了") == "已设置 孙*爷 为居民。"
    assert chat.text("@孙大爷/网格3群: 派单 2 物业") == "只有网格员及以上可以派单。"
    assert chat.text("@李书记/工作群: 取消王芳的楼栋长") == "已设置 王* 为居民。"
    assert chat.text("@李书记/工作群: 新来的网格员叫孙大爷，负责网格5") == (
        "已设置 孙*爷 为网格员（网格5）。"
    )
    # Only the secretary; someone unknown is asked after; chatter about roles is chatter.
    assert chat.text("@王芳/网格3群: 让孙大爷当5号楼楼栋长吧") == "只有书记可以设置角色。"
    assert "李明" in chat.text("@李书记/工作群: 让李明当5号楼楼栋长")
    assert chat.say("@王芳/网格3群: 楼栋长让我们明天去开会") == []


def test_a_change_of_post_said_in_words_says_what_it_leaves_behind(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@王芳/网格3群: #报事 4号楼门口井盖松了")
    assert (
        chat.text("@李书记/工作群: 设置角色 @孙丽 网格员 网格3") == "已设置 孙* 为网格员（网格3）。"
    )
    chat.say("@李书记/工作群: 派单 1 孙丽")
    # Moved to another grid: the issue she holds is named, with the 交接 that passes it on.
    assert chat.text("@李书记/工作群: 孙丽调到网格5了").splitlines() == [
        "已设置 孙* 为网格员（网格5）。",
        "孙* 手上还有1件未办结（#1），交给别人请发送「交接 @孙丽 @接手人」。",
    ]
    assert "网格员：张*格（网格3）、赵*格（网格5）、孙*（网格5）" in chat.text(
        "@李书记/工作群: 人员"
    )
    assert (
        chat.text("@孙丽/网格5群: 受理 2") == "这件事不在您负责的网格，请联系书记或该网格的网格员。"
    )
    # She leaves: her role goes, what she holds waits for the 交接, typed without an @ too.
    assert chat.text("@李书记/私聊: 孙丽离职了。").splitlines() == [
        "已设置 孙* 为居民。",
        "孙* 手上还有1件未办结（#1），交给别人请发送「交接 @孙丽 @接手人」。",
    ]
    assert chat.say("@李书记/工作群: 交接 孙丽 张网格")[0] == (
        "工作群",
        "已把 孙* 手上的1件事项（#1）交给 张*格，期限不变。",
    )
    assert chat.text("@孙丽/网格3群: 办结 1 修好了") == "只有承办人或网格员及以上可以办结。"
    # Known here by her work, she may come back to a grid said in words.
    assert chat.text("@李书记/工作群: 孙丽以后负责网格3") == "已设置 孙* 为网格员（网格3）。"
    assert chat.text("@李书记/工作群: 孙丽辞职了") == "已设置 孙* 为居民。"


def test_a_post_told_to_the_bot_is_set(chat: Conversation) -> None:
    """「孙丽是网格5的网格员」 said to the bot met the not-filed help: it is 设置角色."""
    assert chat.text("@李书记/私聊: 孙丽是网格5的网格员") == (
        "找不到「孙丽」，请 @ 这个人（对方需要在群里说过话）。"
    )
    chat.say("@孙丽/网格5群: 大家好，我是新来的网格员孙丽")
    assert chat.text("@李书记/私聊: 孙丽是网格5的网格员") == "已设置 孙* 为网格员（网格5）。"
    assert chat.text("@李书记/工作群: 孙丽是新来的网格员，负责网格3") == (
        "已设置 孙* 为网格员（网格3）。"
    )
    # A post someone already holds, from the config file or set here: nothing to change.
    assert (
        chat.text("@李书记/私聊: 陈楼长是3号楼的楼栋长") == "陈*长 已经是楼栋长（3号楼），不用改。"
    )
    assert (
        chat.text("@李书记/私聊: 设置角色 孙丽 网格员 网格3")
        == "孙* 已经是网格员（网格3），不用改。"
    )
    # Of every grid, said so both times.
    assert chat.text("@李书记/私聊: 设置角色 孙丽 网格员") == "已设置 孙* 为网格员（全部网格）。"
    assert chat.text("@李书记/私聊: 设置角色 孙丽 网格员") == (
        "孙* 已经是网格员（全部网格），不用改。"
    )
    # Among colleagues of someone unknown, or from anyone but the secretary: chat.
    assert chat.say("@李书记/工作群: 何老师是网格5的网格员") == []
    assert not any("设置" in text for _, text in chat.say("@王芳/私聊: 孙丽是网格5的网格员"))


def test_a_grid_left_without_a_grid_worker_is_named(db_url: str, tmp_path: Path) -> None:
    settings = example_settings(db_url, tmp_path / "media")
    community = settings.communities[0]
    people = [person for person in community.people if person.ref != "赵网格"]
    only = community.model_copy(update={"people": people})
    chat = Conversation(settings.model_copy(update={"communities": [only]}), monday_morning())
    try:
        chat.say("@孙大爷/网格5群: #报事 6号楼门口路灯不亮")
        chat.say("@李书记/工作群: 设置角色 @孙丽 网格员 网格5")
        assert chat.text("@李书记/工作群: 孙丽调到网格3了").splitlines() == [
            "已设置 孙* 为网格员（网格3）。",
            "网格5现在没有网格员，请发送「设置角色 @人 网格员 网格5」。",
        ]
        assert chat.text("@李书记/工作群: 新来的网格员叫孙丽，负责网格5") == (
            "已设置 孙* 为网格员（网格5）。"
        )
    finally:
        chat.close()


def test_changes_of_post_are_the_secretarys_and_only_of_staff(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    # Neighbours' news stays chat, in the group and privately; so does someone without a role.
    assert chat.say("@王芳/网格3群: 张网格离职了") == []
    assert not any("设置" in text for _, text in chat.say("@王芳/私聊: 孙丽调到网格5了"))
    assert chat.say("@李书记/工作群: 王芳退休了") == []
    assert chat.say("@李书记/工作群: 我调到网格5了") == []
    assert "网格员：张*格（网格3）、赵*格（网格5）\n" in chat.text("@李书记/工作群: 人员")
    # A role the config file gives is changed there.
    assert chat.text("@李书记/工作群: 张网格调到网格5了") == (
        "张*格 的角色（网格员）写在配置文件里，请联系管理员修改配置文件。"
    )


def test_staff_see_who_holds_which_role(chat: Conversation) -> None:
    roster = [
        "幸福里社区人员：",
        "书记：李书记",
        "网格员：张网格（网格3）、赵网格（网格5）",
        "楼栋长：陈楼长（3号楼）",
        "物业/部门：刘物业（物业）、周主任（街道城管办）",
        "设置或改动：设置角色 @人 角色 [网格/楼栋/单位]",
    ]
    assert chat.text("@李书记/私聊: 人员").splitlines() == roster
    # In a group the names are masked; a role given in chat shows at once.
    assert (
        chat.text("@李书记/工作群: 设置角色 @钱阿姨 网格员")
        == "已设置 钱*姨 为网格员（全部网格）。"
    )
    in_group = chat.text("@张网格/网格3群: 人员名单").splitlines()
    assert in_group[2] == "网格员：张*格（网格3）、赵*格（网格5）、钱*姨（全部网格）"
    # A resident is given whom to call instead (numbers masked in a group).
    given = chat.text("@王芳/网格3群: 人员")
    assert given == chat.text("@王芳/网格3群: 联系方式") and given.startswith("幸福里社区：电话")
    assert chat.text("@王芳/私聊: 我们社区有哪些工作人员") == chat.text("@王芳/私聊: 联系方式")
    assert chat.text("@陈楼长/私聊: 人员") == "只有网格员及以上可以查看人员。"


def test_staff_words_said_privately_are_read_so_in_the_work_group(chat: Conversation) -> None:
    roster = chat.text("@李书记/工作群: 人员")
    assert roster.startswith("幸福里社区人员：\n书记：李*记")
    for said in ("人员列表", "我们社区有哪些工作人员", "@邻里 人员列表"):
        assert chat.text(f"@李书记/工作群: {said}") == roster, said
    assert chat.text("@张网格/工作群: 问题列表") == chat.text("@张网格/工作群: 台账")
    assert chat.text("@张网格/工作群: 怎么派单") == chat.text("@张网格/私聊: 怎么派单")
    assert chat.text("@张网格/工作群: 怎么派单").startswith("派给人或单位")
    assert chat.say("@张网格/工作群: 怎么办") == []  # no command's
    # Among residents the same words are theirs, unless said to the bot.
    assert chat.say("@李书记/网格3群: 人员列表") == []
    assert chat.text("@李书记/网格3群: @邻里 人员列表").startswith("幸福里社区人员：")


def test_a_role_from_the_config_file_is_not_changed_in_chat_but_says_where(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    chat.say("@张网格/网格3群: 查看 1")  # 张网格 (网格员 in config) has spoken here
    assert chat.text("@李书记/网格3群: 设置角色 @张网格 居民") == (
        "张*格 的角色（网格员）写在配置文件里，请联系管理员修改配置文件。"
    )
    assert chat.text("@张网格/网格3群: 受理 1").startswith("#1 已受理")  # as the config says


def test_a_malformed_role_command_gets_its_usage(chat: Conversation) -> None:
    usage = chat.text("@李书记/网格3群: 设置角色 @王芳")
    assert usage.startswith("用法：/role @人 角色 [网格/楼栋/单位]")
    # A role or grid that is not there: the ones that are.
    assert chat.text("@李书记/网格3群: 设置角色 @王芳 国王").startswith(
        "没有「国王」这个角色，可以写：书记、网格员、物业/部门、楼栋长、居民。"
    )
    assert chat.text("@李书记/网格3群: 设置角色 @王芳 网格员 网格9") == (
        "没有「网格9」这个网格，可以写：网格3、网格5。"
    )
    # Nothing was granted: she still may not triage.
    chat.say("@王芳/网格3群: #报事 3号楼2单元门口下水道堵了")
    assert chat.text("@王芳/网格3群: 受理 1") == "只有网格员及以上可以受理。"


def test_the_secretary_binds_a_new_group(chat: Conversation) -> None:
    assert chat.text("@王芳/七号楼群: #报事 7号楼电梯坏了").startswith("本群还没有绑定社区")
    assert chat.text("@王芳/七号楼群: 绑定 网格5") == "只有书记可以绑定群。"
    assert chat.text("@李书记/七号楼群: 绑定 网格9") == (
        "没有「网格9」。可以写网格名（网格3、网格5），或 工作群、小区群。"
    )
    assert chat.text("@李书记/七号楼群: 绑定 网格5") == "本群已绑定 幸福里社区 · 网格5。"
    assert chat.text("@王芳/七号楼群: #报事 7号楼电梯坏了").startswith("已登记 #1【公共设施】7号楼")
    with UnitOfWork(chat.linli.sessions) as uow:
        actions = list(uow.session.scalars(select(AuditEntry.action)))
    assert "refused:bind" in actions and "bind" in actions
    # The word 网格 said before the grid's name, or before its number alone.
    assert chat.text("@李书记/五号楼群: 绑定 网格 网格5") == "本群已绑定 幸福里社区 · 网格5。"
    assert chat.text("@李书记/一号楼群: 绑定 网格 3") == "本群已绑定 幸福里社区 · 网格3。"
    assert chat.text("@李书记/九号楼群: 绑定 网格 9").startswith("没有「网格 9」")


def test_forget_me_erases_the_name_typed_into_reports_too(chat: Conversation) -> None:
    chat.say("@王芳/私聊: 我是3号楼2单元302的王芳，楼上天天半夜吵")
    chat.say("@王芳/私聊: 王芳补充一下：3号楼2单元302楼上天天半夜吵，昨晚吵到两点")
    chat.say("@王芳/私聊: 删除我的信息 确认")
    shown = chat.say("@李书记/私聊: 查看 1")[0][1]
    assert "王芳" not in shown and "我是3号楼2单元302的已注销用户" in shown, shown
    assert "补充：已注销用户补充一下" in shown


def test_forget_me_erases_a_heads_name_and_number_from_their_rounds(chat: Conversation) -> None:
    chat.say("@陈楼长/私聊: 走访 3号楼 陈楼长本人在家值守，电话13912345678")
    chat.say("@陈楼长/私聊: 删除我的信息 确认")
    listed = chat.text("@李书记/工作群: 走访 列表")
    assert listed.endswith("3号楼 已注销用户本人在家值守，电话139****5678"), listed


def test_forget_me_erases_the_questions_one_asked(chat: Conversation) -> None:
    called = chat.say("@李书记/工作群: 召开议事会 周六上午9点 社区活动室 议题：5号楼加装电梯")
    chat.say("@李书记/工作群: M1 发到 网格3")
    asked = chat.adapter.message("王芳", "网格3群", "我王芳腿脚不便，电话13912345678，能上门说吗")
    bot = PersonRef("console", "邻里", "邻里")
    chat.deliver(replace(asked, reply_to=QuotedMessage("b1", bot, called[0][1])))
    chat.say("@王芳/私聊: 删除我的信息 确认")
    with UnitOfWork(chat.linli.sessions) as uow:
        (kept,) = uow.session.scalars(select(Question.text))
    assert kept == "我已注销用户腿脚不便，电话139****5678，能上门说吗"
    # Answered after, it still goes under the question in its group.
    assert chat.say("@李书记/私聊: 答复 1 可以，周五上门")[1][0] == "网格3群"


def test_forget_me_ends_the_reminders_one_set(chat: Conversation) -> None:
    chat.say("@王芳/私聊: 提醒 每天8:00 给3-2-302的妈妈打电话")
    chat.say("@王芳/私聊: 提醒 明天10:00 交物业费")
    chat.say("@王芳/私聊: 删除我的信息 确认")
    fired = chat.run_until(monday_morning().now() + timedelta(days=3))
    assert [f for f in fired if f[1].startswith("私聊")] == []
    with UnitOfWork(chat.linli.sessions) as uow:
        words = list(uow.session.scalars(select(Reminder.text)))
    assert not any("妈妈" in text or "物业费" in text for text in words)


def test_forget_me_erases_the_person_and_keeps_the_issue(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼井盖坏了，电话13812345678")
    chat.clock.advance(timedelta(minutes=3))
    chat.say("@王芳/网格3群: [图片:家门口.jpg]")  # waiting for words that never come
    assert chat.text("@王芳/网格3群: 删除我的信息").startswith("发送「删除我的信息 确认」")
    assert chat.text("@王芳/网格3群: 删除我的信息 确认") == (
        "已删除您的个人信息；您反映的事项保留，不再显示您的名字。"
    )
    with UnitOfWork(chat.linli.sessions) as uow:
        issue = uow.session.scalars(select(Issue)).one()
        reporter = uow.session.get_one(Person, issue.reporter_id)
        kept = list(uow.session.scalars(select(InboundMessage.text)))
        assert uow.people.find("console", "王芳") is None
    assert reporter.name == "已注销用户"
    assert issue.description == "3号楼井盖坏了，电话138****5678"
    assert "3号楼井盖坏了，电话13812345678" not in " ".join(kept)
    with UnitOfWork(chat.linli.sessions) as uow:
        assert list(uow.session.scalars(select(WaitingPhoto))) == []
    assert chat.text("@李书记/工作群: 查看 1").splitlines()[2].startswith("报事人：已注销用户")


def test_someone_saying_they_are_new_staff_is_told_how_the_secretary_sets_them_up(
    chat: Conversation,
) -> None:
    assert chat.text("@孙丽/私聊: 我是新来的网格员孙丽") == (
        "欢迎，孙丽！开通网格员身份请找书记，在群里发送「设置角色 @孙丽 网格员 网格名」。"
        "也可以在网格群里说一句「我是新来的网格员孙丽」，书记会收到提醒。"
    )
    assert "「设置角色 @周强 楼栋长 3号楼」" in chat.text("@周强/私聊: 你好，我是3号楼的新楼长")
    assert "「设置角色 @吴明 物业」" in chat.text("@吴明/私聊: 我是物业新来的")
    # Nothing is granted on their word; someone already at work is not told so.
    assert "受理" not in chat.text("@孙丽/私聊: 帮助")
    assert "欢迎" not in chat.text("@张网格/私聊: 我是新来的网格员")
    assert chat.text("@赵奶奶/私聊: 我是5号楼的").startswith("好的，记下了：您住5号楼。")


def test_new_staff_saying_so_in_a_group_can_then_be_named_by_the_secretary(
    chat: Conversation,
) -> None:
    # Not yet heard: nobody by that name to give the role to.
    assert chat.text("@李书记/工作群: 新来的网格员叫孙丽，负责网格3").startswith("找不到「孙丽」")
    # Said in a grid group, the work group is told how, with that group's grid.
    assert chat.say("@孙丽/网格3群: 大家好，我是新来的网格员孙丽") == [
        (
            "工作群",
            "网格3群里孙丽说自己是新来的网格员。确认后请发送「设置角色 孙丽 网格员 网格3」开通。",
        )
    ]
    assert chat.text("@李书记/工作群: 新来的网格员叫孙丽，负责网格3") == (
        "已设置 孙* 为网格员（网格3）。"
    )
    # Said again once at work, or by staff, it is chat; nothing is granted on anyone's word.
    assert chat.say("@孙丽/网格3群: 我是新来的网格员孙丽") == []
    assert chat.say("@张网格/网格3群: 大家好，我是网格员张网格") == []
    assert chat.say("@周强/网格5群: 我是3号楼的新楼长")[0][1].endswith(
        "确认后请发送「设置角色 周强 楼栋长 3号楼」开通。"
    )
    assert "受理" not in chat.text("@周强/私聊: 帮助")
