"""办事指南: questions residents ask again and again, answered at once instead of filed.

The example config gives four answers: 物业费 (物业费、物业管理费), 装修 hours (装修+几点 …),
老年证 and 居住证. Staff add and remove more in chat (「指南 添加 …」「指南 删除 2」); a resident
the answer did not help replies 「转人工」 and the question is filed for a grid worker.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.support.conversation import Conversation

FEE = "住宅物业费每月1.2元/平方米，可在物业服务中心（2号楼一层）或物业公众号缴纳。"
RENOVATION = "装修施工时间：工作日8:00-12:00、14:00-18:00；周末和节假日不得进行噪音作业。"
HUMAN_HINT = "（办事指南。没解决的话回复「转人工」，我登记后转给网格员。）"
IN_GROUP = "（幸福里社区办事指南）"


def ledger(chat: Conversation) -> str:
    return chat.text("@李书记/私聊: 台账")


@pytest.mark.parametrize(
    "asked", ["物业费多少钱一平", "物业费怎么交？", "请问物业管理费在哪里交", "物业费", "物业费？"]
)
def test_a_question_asked_privately_is_answered_at_once_and_not_filed(
    chat: Conversation, asked: str
) -> None:
    replies = chat.say(f"@王芳/私聊: {asked}")
    assert replies == [("私聊·王芳", f"{FEE}\n{HUMAN_HINT}")]  # no 新诉求 to the work group
    assert "没有" in ledger(chat)


def test_the_answer_with_the_most_words_matched_is_given(chat: Conversation) -> None:
    chat.say("@李书记/私聊: 指南 添加 装修：装修前请到物业办理备案，押金2000元。")
    assert chat.text("@王芳/私聊: 装修可以几点开始").startswith(RENOVATION)
    assert chat.text("@王芳/私聊: 装修要交押金吗").startswith(
        "装修前请到物业办理备案，押金2000元。"
    )


def test_a_problem_is_filed_even_when_it_names_a_guide_word(chat: Conversation) -> None:
    replies = chat.say("@王芳/私聊: 物业费交了怎么3号楼电梯还是坏的")
    assert replies[0][1].startswith("已登记 #1")
    assert any(where == "工作群" for where, _ in replies)


def test_a_question_the_guide_cannot_answer_is_filed_as_before(chat: Conversation) -> None:
    assert chat.say("@王芳/私聊: 停车费怎么收")[0][1].startswith("已登记 #1【停车通行】")


def test_a_word_after_a_minus_keeps_an_answer_from_another_question(chat: Conversation) -> None:
    # The example's 居住证 is asked by 「居住证-居住证明」: a 居住证明 is another paper.
    assert chat.say("@王芳/私聊: 居住证明在哪开")[0][1].startswith("已登记 #1【政务服务】")
    assert chat.say("@王芳/私聊: 居住证怎么办理")[0][1].startswith("居住证：带身份证")
    added = chat.text("@李书记/私聊: 指南 添加 居住证明、居住+证明-居住证：居住证明由社区开具。")
    assert added == "已添加办事指南第5条（居住证明、居住+证明-居住证），居民问到时我直接答复。"
    assert chat.say("@李四/私聊: 居住证明在哪开")[0][1].startswith("居住证明由社区开具。")
    assert chat.say("@李四/私聊: 开居住的证明要带什么")[0][1].startswith("居住证明由社区开具。")
    assert chat.say("@李四/私聊: 居住证怎么办理")[0][1].startswith("居住证：带身份证")


def test_a_person_asked_for_after_an_answer_files_the_question_once(chat: Conversation) -> None:
    chat.say("@王芳/私聊: 居住证怎么办理？")
    replies = chat.say("@王芳/私聊: 转人工")
    assert replies[0][1].startswith("已登记 #1【政务服务】")
    assert ("工作群", "新诉求 #1【政务服务】居住证怎么办理？（私信反映，报事人已隐去）") in replies
    # Asked again, nothing is filed twice: the question was filed.
    assert chat.text("@王芳/私聊: 转人工").startswith("好的，请直接说要问或要反映的事")
    assert "#2" not in ledger(chat)


@pytest.mark.parametrize("said", ["还是不清楚", "没解决", "人工客服", "帮我转给网格员"])
def test_the_answer_not_helping_is_said_in_several_ways(chat: Conversation, said: str) -> None:
    chat.say("@王芳/私聊: 老年证在哪办")
    assert chat.say(f"@王芳/私聊: {said}")[0][1].startswith("已登记 #1【政务服务】")


def test_a_person_asked_for_with_no_answer_before_is_asked_what_about(chat: Conversation) -> None:
    assert chat.text("@王芳/私聊: 转人工").startswith("好的，请直接说要问或要反映的事")
    # 「没解决」 alone says nothing of a guide answer: read as before, not filed.
    assert chat.text("@王芳/私聊: 没解决").startswith("您好，我是邻里。")
    assert "没有" in ledger(chat)


def test_a_question_in_a_group_is_answered_there_for_everyone(chat: Conversation) -> None:
    assert chat.say("@王芳/网格3群: 装修几点可以开始？") == [
        ("网格3群", f"{RENOVATION}装修前请到物业办理备案。\n{IN_GROUP}")
    ]
    assert chat.say("@王芳/网格3群: @邻里 老年证怎么办")[0][1].endswith(IN_GROUP)
    # Chatter, a complaint naming a key, a question the guide does not answer: nothing said.
    assert chat.say("@王芳/网格3群: 今天天气真好") == []
    assert chat.say("@王芳/网格3群: 物业费交了怎么电梯还是坏的") == []
    assert chat.say("@王芳/网格3群: 晚上广场舞还跳吗") == []
    assert chat.say("@王芳/网格3群: 物业费") == []  # a key alone in a group is not asked of the bot
    # Neighbours asking each other, or of something else the key stands beside.
    assert chat.say("@李四/网格5群: 大家物业费都交了吗") == []
    assert chat.say("@李四/网格5群: 老年证能坐公交吗") == []


def test_staff_add_an_answer_residents_get_at_once_and_remove_it(chat: Conversation) -> None:
    added = chat.text(
        "@张网格/私聊: 指南 添加 电动车+上楼、电瓶车+上楼：电动车不得进楼入户，请到南门充电棚充电。"
    )
    assert added == "已添加办事指南第5条（电动车+上楼、电瓶车+上楼），居民问到时我直接答复。"
    answer = "电动车不得进楼入户，请到南门充电棚充电。\n" + IN_GROUP
    assert chat.say("@王芳/网格3群: 电瓶车能上楼吗") == [("网格3群", answer)]
    assert chat.say("@孙大爷/网格5群: 电动车可以推上楼吗") == [("网格5群", answer)]
    listed = chat.text("@李书记/私聊: 指南")
    assert listed.splitlines()[0] == "幸福里社区办事指南（5条），居民问到时直接答复："
    assert "5. 电动车+上楼、电瓶车+上楼 → 电动车不得进楼入户，请到南门充电棚充电。" in listed
    assert "1. 物业费、物业管理费 → " in listed and "（配置文件）" in listed
    assert (
        chat.text("@李书记/私聊: 指南　删除　５")
        == "已删除办事指南第5条（电动车+上楼、电瓶车+上楼）。"
    )
    assert chat.say("@周女士/幸福里居民群: 电瓶车能上楼吗") == []  # asked there first: no answer


def test_an_answer_added_in_chat_outlives_a_restart(chat: Conversation) -> None:
    chat.say("@李书记/私聊: 指南 添加 疫苗：疫苗接种在社区卫生服务站，周二、周四上午。")
    chat.close()
    again = Conversation(chat.settings, chat.clock, session="again")
    try:
        assert again.text("@王芳/私聊: 疫苗在哪打").startswith("疫苗接种在社区卫生服务站")
        assert "6. 疫苗" not in again.text("@李书记/私聊: 指南")  # config's four, then it: 5
        assert "5. 疫苗 → " in again.text("@李书记/私聊: 指南")
    finally:
        again.close()
    # config.yaml changed: its answers are as it now says, the one added in chat stays.
    community = chat.settings.communities[0]
    fewer = community.model_copy(update={"guide": community.guide[2:]})
    settings = chat.settings.model_copy(update={"communities": [fewer]})
    changed = Conversation(settings, chat.clock, session="changed")
    try:
        listed = changed.text("@李书记/私聊: 指南").splitlines()
        assert listed[0] == "幸福里社区办事指南（3条），居民问到时直接答复："
        assert [line.split(" → ")[0] for line in listed[1:4]] == [
            "1. 老年证、老年优待证",
            "2. 居住证-居住证明",
            "3. 疫苗",
        ]
        assert changed.say("@王芳/私聊: 物业费多少钱一平")[0][1].startswith("已登记 #1")
    finally:
        changed.close()


def test_staff_keep_the_guide_with_the_verb_first_too(chat: Conversation) -> None:
    assert chat.text("@李书记/私聊: 添加指南 停车费：地面停车每月150元。") == (
        "已添加办事指南第5条（停车费），居民问到时我直接答复。"
    )
    assert chat.text("@王芳/私聊: 停车费多少钱").startswith("地面停车每月150元。\n")
    assert chat.text("@张网格/网格3群: 新增一条指南：充电桩+收费：每度1元。").startswith(
        "已添加办事指南第6条（充电桩+收费）"
    )
    assert chat.text("@王芳/私聊: 删除指南 5") == "只有书记和网格员可以修改办事指南。"
    assert chat.text("@李书记/私聊: 指南删除5") == "已删除办事指南第5条（停车费）。"
    assert chat.text("@李书记/私聊: 添加指南").startswith("用法：指南 添加 关键词：答复。")
    assert chat.say("@王芳/私聊: 停车费多少钱")[0][1].startswith("已登记 #1【停车通行】")


def test_residents_see_what_they_can_ask_and_cannot_change_it(chat: Conversation) -> None:
    assert chat.text("@王芳/私聊: 办事指南") == (
        "这些事可以直接问我，马上答复：物业费、装修几点、老年证、居住证。"
        "其他问题直接说，我登记后转给网格员。"
    )
    assert chat.text("@王芳/私聊: 指南 添加 停车费：免费") == "只有书记和网格员可以修改办事指南。"
    assert chat.text("@刘物业/私聊: 指南 删除 1") == "只有书记和网格员可以修改办事指南。"
    assert "（4条）" in chat.text("@李书记/私聊: 指南")


@pytest.mark.parametrize(
    ("said", "answered"),
    [
        ("指南 添加 没有冒号", "用法：指南 添加 关键词：答复。"),
        ("指南 添加 ：只有答复", "用法：指南 添加 关键词：答复。"),
        ("指南 添加 车：太短", "关键词「车」太短，会答错问题（至少2个字），没有添加。"),
        ("指南 添加 物业费：重复", "第1条已有这个关键词（物业费、物业管理费）。"),
        ("指南 添加 停车：" + "长" * 501, "答复太长（最多500字），没有添加。"),
        ("指南 删除 9", "没有第9条，办事指南共4条。发送「指南」查看。"),
        ("指南 删除 1", "第1条写在配置文件 config.yaml 里，请在那里修改，重启后生效。"),
        ("指南 改一下", "看不懂「改一下」。用法："),
    ],
)
def test_a_wrong_guide_command_is_answered_and_changes_nothing(
    chat: Conversation, said: str, answered: str
) -> None:
    assert chat.text(f"@李书记/私聊: {said}").startswith(answered)
    assert "（4条）" in chat.text("@李书记/私聊: 指南")


def test_a_community_without_a_guide_files_questions_and_says_how_to_add(
    chat: Conversation,
) -> None:
    chat.close()
    community = chat.settings.communities[0].model_copy(update={"guide": []})
    settings = chat.settings.model_copy(update={"communities": [community]})
    bare = Conversation(settings, chat.clock, session="bare")
    try:
        assert bare.say("@王芳/私聊: 物业费多少钱一平")[0][1].startswith("已登记 #1")
        assert bare.say("@王芳/网格3群: 装修几点可以开始") == []
        assert bare.text("@王芳/私聊: 指南").startswith("本社区还没有办事指南。有问题直接说")
        assert bare.text("@李书记/私聊: 指南").startswith("本社区还没有办事指南。添加：")
    finally:
        bare.close()


def test_in_a_group_a_notice_went_to_the_notice_answers_first_then_the_guide(
    chat: Conversation,
) -> None:
    chat.say("@李书记/私聊: 群发 网格3 明天9:00-12:00停水，请提前储水")
    assert chat.text("@王芳/网格3群: 明天几点停水").startswith(
        "11月23日发过通知：明天9:00-12:00停水"
    )
    # The notice says nothing of 装修: the guide answers.
    assert chat.say("@王芳/网格3群: 装修几点可以开始") == [
        ("网格3群", f"{RENOVATION}装修前请到物业办理备案。\n{IN_GROUP}")
    ]


def test_a_key_typed_full_width_or_in_another_case_is_found_in_a_group(chat: Conversation) -> None:
    chat.say("@李书记/私聊: 指南 添加 WiFi+密码：党群服务中心WiFi密码 xfl12345。")
    answer = f"党群服务中心WiFi密码 xfl12345。\n{IN_GROUP}"
    assert chat.say("@王芳/网格3群: ＷｉＦｉ密码是多少") == [("网格3群", answer)]
    assert chat.say("@孙大爷/网格5群: wifi密码是多少") == [("网格5群", answer)]


def test_statistics_count_the_questions_answered_and_those_filed_after_all(
    chat: Conversation,
) -> None:
    chat.say("@王芳/私聊: 物业费多少钱一平")
    chat.say("@李四/私聊: 物业费怎么交")
    chat.say("@李四/网格3群: 装修几点可以开始")
    chat.say("@王芳/私聊: 居住证怎么办理")
    chat.say("@王芳/私聊: 转人工")
    figures = chat.text("@李书记/私聊: 统计").splitlines()
    assert figures[0].startswith("本月收集诉求1条")  # the one filed after all
    assert figures[-1] == (
        "办事指南直接答复咨询4次（转人工1次），问得最多：物业费（2次）、居住证（1次）、装修+几点（1次）。"
    )
    # A grid's figures are its issues': the guide answers the whole community.
    assert "办事指南" not in chat.text("@李书记/私聊: 统计 网格3")
    assert "办事指南" not in chat.text("@李书记/私聊: 统计 上月")


def test_a_group_is_given_an_answer_once_in_half_an_hour(chat: Conversation) -> None:
    answer = [("网格3群", f"{FEE}\n{IN_GROUP}")]
    assert chat.say("@王芳/网格3群: 物业费多少钱一平") == answer
    # Neighbours talking it over: the group has just read it.
    assert chat.say("@李四/网格3群: 物业费怎么交？") == []
    # Asked of the bot by name, it answers (and files nothing).
    assert chat.say("@李四/网格3群: @邻里 物业费怎么交？") == answer
    assert chat.say("@赵阿姨/网格5群: 物业费怎么交？") == [("网格5群", f"{FEE}\n{IN_GROUP}")]
    chat.clock.advance(timedelta(minutes=30))
    assert chat.say("@李四/网格3群: 物业费怎么交？") == answer
    # Privately it is answered each time.
    assert chat.say("@李四/私聊: 物业费怎么交？")[0][1].startswith(FEE)
    assert chat.say("@李四/私聊: 物业费怎么交？")[0][1].startswith(FEE)


def test_the_half_hour_holds_across_a_restart(chat: Conversation) -> None:
    assert chat.say("@王芳/网格3群: 物业费多少钱一平") == [("网格3群", f"{FEE}\n{IN_GROUP}")]
    chat.close()
    again = Conversation(chat.settings, chat.clock, session="again")
    try:
        assert again.say("@李四/网格3群: 物业费怎么交？") == []  # the group read it just now
        again.clock.advance(timedelta(minutes=30))
        assert again.say("@李四/网格3群: 物业费怎么交？") == [("网格3群", f"{FEE}\n{IN_GROUP}")]
        assert again.say("@赵阿姨/网格3群: 物业费在哪交") == []
    finally:
        again.close()


def test_a_question_in_imported_history_is_filed_and_not_counted(chat: Conversation) -> None:
    # `linli import`: nobody answered it then; it is filed as the past's reports are.
    sent = chat.send("@王芳/网格3群: @邻里 物业费多少钱一平", via="import")
    assert sent[0].text.startswith("已登记 #1")
    assert "办事指南" not in chat.text("@李书记/私聊: 统计")
