"""联系方式: 「网格员是谁」「物业电话多少」「社区几点上班」, answered from config.yaml.

The example config publishes the office's number and hours (0931-8123456, 社区党群服务中心), the
物业's number (0931-8765432), and the work phones of the two grid workers: 张网格 for 网格3
(buildings 1–4, 13800138003) and 赵网格 for 网格5 (buildings 5–7, 13800138005). 陈楼长 heads
3号楼 without a number; 街道城管办's contact is 周主任, with no number for the office.
"""

from __future__ import annotations

import pytest

from tests.support.conversation import Conversation

ZHANG = "张网格（13800138003）"
ZHAO = "赵网格（13800138005）"
OFFICE = (
    "幸福里社区：电话 0931-8123456；社区党群服务中心（3号楼南侧），工作日 8:30-12:00、14:30-18:00。"
)


@pytest.mark.parametrize(
    "asked", ["网格员是谁", "我们的网格员电话多少？", "怎么联系网格员", "谁是网格员"]
)
def test_a_grid_group_is_told_its_own_grid_worker_with_the_number_unmasked(
    chat: Conversation, asked: str
) -> None:
    # A work number is published, as on the 网格员公示牌: a group sees it whole.
    assert chat.text(f"@王芳/网格3群: {asked}") == f"网格3的网格员：{ZHANG}。"
    assert chat.text(f"@孙大爷/网格5群: {asked}") == f"网格5的网格员：{ZHAO}。"


def test_privately_the_grid_comes_from_the_building_asked_about_else_all_are_listed(
    chat: Conversation,
) -> None:
    assert chat.text("@孙大爷/私聊: 5号楼的网格员是谁") == f"网格5的网格员：{ZHAO}。"
    assert chat.text("@孙大爷/私聊: 2号楼网格员电话") == f"网格3的网格员：{ZHANG}。"
    everyone = f"网格员：网格3 {ZHANG}；网格5 {ZHAO}。"
    assert chat.text("@孙大爷/私聊: 网格员是谁") == everyone
    # The resident group belongs to no grid; asked there with an @, all are named.
    assert chat.text("@孙大爷/幸福里居民群: @邻里 网格员是谁") == everyone


def test_the_office_and_the_property_company_are_given_by_their_numbers(
    chat: Conversation,
) -> None:
    for asked in ("社区电话多少", "你们社区电话多少", "居委会的联系方式", "社区几点上班？"):
        assert chat.text(f"@王芳/私聊: {asked}") == OFFICE
    assert chat.text("@王芳/幸福里居民群: 社区在哪") == OFFICE
    assert chat.text("@王芳/网格3群: 物业电话是多少") == "物业：电话 0931-8765432；联系人 刘物业。"
    assert chat.text("@王芳/私聊: 有物业公司的电话吗") == "物业：电话 0931-8765432；联系人 刘物业。"
    # 「给个…」 asks for it (it was read as someone called 给个物业).
    for asked in ("给个物业电话", "发我一下物业的电话", "@邻里 给我物业电话"):
        said = f"@王芳/{'网格3群' if '@' in asked else '私聊'}: {asked}"
        assert chat.text(said) == "物业：电话 0931-8765432；联系人 刘物业。", asked
    # Asked of the group: the bot knows.
    for asked in ("有没有人知道物业电话", "谁有物业的电话", "大家知道物业电话是多少吗"):
        assert chat.text(f"@李四/网格3群: {asked}") == "物业：电话 0931-8765432；联系人 刘物业。"
    assert chat.say("@李四/网格3群: 有没有人知道快递电话") == []  # nobody published: chat
    # A unit without a number: its contacts are still named.
    assert chat.text("@王芳/私聊: 街道电话多少") == "街道城管办的电话还没有登记。联系人 周主任。"
    # 「联系方式」 alone privately: the office, and the workers.
    assert chat.text("@王芳/私聊: 联系方式") == f"{OFFICE}\n网格员：网格3 {ZHANG}；网格5 {ZHAO}。"


def test_one_of_staff_is_given_by_name_with_what_they_do(chat: Conversation) -> None:
    for asked in ("张网格的电话", "张网格电话多少", "联系方式 张网格"):
        assert chat.text(f"@王芳/私聊: {asked}") == f"{ZHANG}：网格3的网格员。", asked
    assert chat.text("@王芳/网格3群: 张网格的手机") == f"{ZHANG}：网格3的网格员。"
    # With no work number of their own: their office's.
    assert chat.text("@李书记/工作群: 刘物业电话多少") == (
        "刘物业：物业联系人（物业电话 0931-8765432）。"
    )
    assert chat.text("@王芳/私聊: 李书记的电话是多少") == "李书记：书记（社区电话 0931-8123456）。"
    # As colleagues call them, privately; among neighbours 「小张」 is anyone: chat.
    assert chat.text("@王芳/私聊: 小张电话多少") == f"{ZHANG}：网格3的网格员。"
    assert chat.say("@王芳/网格3群: 小张电话多少") == []
    assert chat.text("@王芳/私聊: 王网格电话多少").startswith("没有登记王网格的联系方式。")
    assert chat.text("@李书记/工作群: 物业联系人是谁") == "物业：电话 0931-8765432；联系人 刘物业。"


def test_building_heads_and_the_secretary_are_named(chat: Conversation) -> None:
    assert chat.text("@孙大爷/私聊: 3号楼楼长是谁") == "3号楼的楼栋长：陈楼长。"
    assert chat.text("@孙大爷/私聊: 楼栋长是谁") == "楼栋长：3号楼 陈楼长。"
    assert chat.text("@孙大爷/私聊: 5号楼的楼栋长是谁") == (
        "5号楼的楼栋长还没有登记。有事可以直接发给我，我会转给网格员。"
    )
    # The secretary has no work number of their own in config: the office's.
    assert chat.text("@孙大爷/私聊: 书记是谁") == "书记：李书记（社区电话 0931-8123456）。"
    assert chat.text("@孙大爷/私聊: 我要找书记") == "书记：李书记（社区电话 0931-8123456）。"
    # The secretary, who names them, is told how.
    assert chat.text("@李书记/私聊: 谁是5号楼的楼栋长") == (
        "5号楼的楼栋长还没有登记。登记请发送「设置角色 @某人 楼栋长 5号楼」。"
    )


def test_who_looks_after_a_building_is_its_grid_worker_and_head(chat: Conversation) -> None:
    three = ["3号楼属网格3。", "网格3的网格员：张网格（13800138003）。", "3号楼的楼栋长：陈楼长。"]
    assert chat.text("@王芳/私聊: 3号楼归谁管").splitlines() == three
    assert chat.text("@王芳/网格3群: 3号楼是哪个网格的").splitlines() == three
    assert chat.text("@李书记/工作群: 谁负责5号楼").splitlines()[:2] == [
        "5号楼属网格5。",
        "网格5的网格员：赵网格（13800138005）。",
    ]
    assert chat.text("@王芳/私聊: 9号楼归哪个网格") == (
        "9号楼不在本社区的网格里。可以问「网格员是谁」。"
    )


def test_a_grids_buildings_are_listed_with_its_grid_worker(chat: Conversation) -> None:
    three = ["网格3：1号楼、2号楼、3号楼、4号楼。", "网格3的网格员：张网格（13800138003）。"]
    assert chat.text("@李书记/工作群: 网格3有哪些楼").splitlines() == three
    assert chat.text("@李书记/工作群: 张网格负责哪几栋楼").splitlines() == three
    assert chat.text("@王芳/私聊: 网格5有几栋楼").splitlines()[0] == "网格5：5号楼、6号楼、7号楼。"
    assert chat.text("@王芳/私聊: 赵网格管哪个网格").startswith("网格5：")
    assert chat.text("@王芳/私聊: 老王负责哪些楼") == (
        "「老王」不是本社区的网格或网格员。可以问「网格3有哪些楼」「张网格负责哪几栋楼」。"
    )
    # 「网格3有哪些问题」 is still the grid's 台账.
    assert chat.text("@李书记/工作群: 网格3有哪些问题").startswith("没有符合条件（网格3）")


def test_a_question_after_a_number_is_not_filed_as_a_report(chat: Conversation) -> None:
    # 「物业电话是多少」 names 物业, a category word: it used to become issue #1 【物业服务】.
    chat.say("@王芳/私聊: 物业电话是多少")
    chat.say("@王芳/私聊: 派出所电话多少")
    # 「联系物业」 said privately asks for them; it was filed as a report 「联系物业」.
    for asked in ("联系物业", "我要找物业", "联系一下物业"):
        assert chat.text(f"@王芳/私聊: {asked}") == "物业：电话 0931-8765432；联系人 刘物业。"
    assert chat.text("@李书记/工作群: 台账") == "没有未办结的事项。"
    # Among neighbours, 「找物业啊」 is advice to a neighbour.
    assert chat.say("@王芳/网格3群: 找物业") == []


def test_what_is_not_published_is_said_so_and_neighbours_talk_undisturbed(
    chat: Conversation,
) -> None:
    assert chat.text("@王芳/私聊: 派出所电话多少") == (
        "没有登记派出所的联系方式。可以问「社区电话」「网格员是谁」「物业电话」。"
    )
    assert chat.say("@孙大爷/网格5群: 你电话多少") == []
    assert chat.say("@孙大爷/网格5群: 老王电话多少") == []
    # In a group 「联系方式：138…」 is someone giving their own.
    assert chat.say("@孙大爷/网格5群: 联系方式 13912345678") == []
    assert chat.say("@孙大爷/网格5群: 联系方式：13912345678") == []
    assert chat.say("@孙大爷/网格5群: 联系电话：物业") == []
    # Privately the word with a colon is the question; a colon in a group only for 群发.
    assert chat.text("@孙大爷/私聊: 联系方式：物业") == "物业：电话 0931-8765432；联系人 刘物业。"
    assert chat.text("@孙大爷/网格5群: 联系方式 物业") == "物业：电话 0931-8765432；联系人 刘物业。"


def test_a_long_name_nobody_published_is_said_back_shortened(chat: Conversation) -> None:
    reply = chat.text("@王芳/私聊: 联系方式" + " 物业" * 30000)
    assert reply.startswith("没有登记物业 物业") and len(reply) < 60


def test_a_home_told_privately_is_remembered_and_names_the_grid(chat: Conversation) -> None:
    assert chat.text("@孙大爷/私聊: 我住6号楼2单元301") == (
        f"好的，记下了：您家是6号楼2单元301室。网格5的网格员：{ZHAO}。以后有问题直接告诉我。"
    )
    assert chat.text("@孙大爷/私聊: 网格员是谁") == f"网格5的网格员：{ZHAO}。"
    assert chat.text("@孙大爷/私聊: 我们楼的网格员是谁") == f"网格5的网格员：{ZHAO}。"
    assert chat.text("@孙大爷/私聊: 你们几点下班").startswith("幸福里社区：电话 0931-8123456；")
    assert chat.text("@孙大爷/私聊: 社区主任是谁") == chat.text("@孙大爷/私聊: 书记是谁")
    assert chat.text("@何老师/私聊: 你好，我是新搬来的，住5号楼2单元301").startswith(
        "好的，记下了：您家是5号楼2单元301室。"
    )
    assert chat.text("@钱叔/私聊: 我是5号楼1单元502的").startswith(
        "好的，记下了：您家是5号楼1单元502室。"
    )
    # A private report that names no place is of their stairwell: their building and unit.
    assert chat.say("@孙大爷/私聊: 楼道里堆满了杂物，走路都困难")[0][1].startswith(
        "已登记 #1【安全隐患】6号楼2单元 · 网格5 · "
    )
    # A flat in no building of the community is not remembered.
    assert chat.text("@王芳/私聊: 我家是9-2-301").startswith("本社区没有9号楼")
    assert chat.text("@王芳/私聊: 网格员是谁").startswith("网格员：网格3 ")


def test_a_resident_asks_back_the_home_they_gave(chat: Conversation) -> None:
    assert chat.text("@王芳/私聊: 我是几号楼的").startswith("还不知道您住哪。")
    assert chat.text("@王芳/私聊: 我家是几号楼").startswith("还不知道您住哪。")
    chat.say("@王芳/私聊: 我住3号楼2单元301")
    assert chat.text("@王芳/私聊: 我住哪") == (
        "您登记的住址：3号楼2单元301室（网格3）。搬家了请发送新的门牌，例如「我住5号楼1单元201」。"
    )
    assert chat.say("@王芳/网格3群: 我住哪") == []  # among neighbours, theirs to answer


def test_a_building_told_privately_is_remembered_and_names_the_grid(chat: Conversation) -> None:
    for said in ("我住6号楼", "我是6号楼的", "我家在6号楼2单元"):
        assert chat.text(f"@孙大爷/私聊: {said}") == (
            f"好的，记下了：您住6号楼。网格5的网格员：{ZHAO}。以后有问题直接告诉我。"
        ), said
    assert chat.text("@孙大爷/私聊: 网格员是谁") == f"网格5的网格员：{ZHAO}。"
    assert chat.text("@孙大爷/私聊: 我们楼的网格员是谁") == f"网格5的网格员：{ZHAO}。"
    assert chat.text("@何老师/私聊: 你好，我是新搬来的，住5号楼2单元301").startswith(
        "好的，记下了：您家是5号楼2单元301室。"
    )
    assert chat.say("@孙大爷/私聊: 楼道里堆满了杂物，走路都困难")[0][1].startswith(
        "已登记 #1【安全隐患】6号楼 · 网格5 · "
    )
    # Moving: the building said last is the one kept.
    chat.say("@钱阿姨/私聊: 我住6号楼")
    chat.say("@钱阿姨/私聊: 我住3号楼")
    assert chat.text("@钱阿姨/私聊: 网格员是谁") == f"网格3的网格员：{ZHANG}。"
    # A flat already known in that building stays known whole.
    chat.say("@王芳/私聊: 我住3号楼2单元301")
    chat.say("@王芳/私聊: 我住3号楼")
    chat.say("@李书记/工作群: 投票 加装电梯 选项 同意|反对 截止 周五18:00 每户一票 群 网格3")
    assert chat.text("@王芳/私聊: M1 1") == "已记录您对 M1 的投票（以最后一次为准）。"
    assert "（1户）" in chat.text("@李书记/私聊: 查看 M1")
    # A building in no part of the community is not remembered.
    assert chat.text("@吴大姐/私聊: 我家住99号楼").startswith("本社区没有99号楼（有：")
    assert chat.text("@吴大姐/私聊: 网格员是谁").startswith("网格员：网格3 ")
    # 「5号楼」 alone is no statement of a home; 「我住的5号楼门口井盖坏了」 is a report.
    assert chat.text("@吴大姐/私聊: 5号楼").startswith("您好，我是邻里。")
    filed = chat.say("@吴大姐/私聊: 我住的5号楼门口井盖坏了")[0][1]
    assert filed.startswith("已登记 #2【道路井盖】5号楼")


def test_a_number_after_the_word_is_someone_giving_theirs_privately_too(
    chat: Conversation,
) -> None:
    # Not the question: with nothing reported, he is asked for the problem to go with it.
    assert chat.text("@孙大爷/私聊: 联系电话 13812345678").startswith("请把要反映的问题和电话")
