"""A second report of an open problem follows it instead of opening another (chat-protocol §2)."""

from __future__ import annotations

from datetime import timedelta

from tests.support.conversation import Conversation

SEWER = "#报事 3号楼2单元门口下水道堵了，污水漫到路上"
AGAIN = "#报事 3号楼2单元下水道又堵了，臭死了"
TAKEN = "与 #1 可能是同一问题，已为您关注 #1；如果不是，请回复「新建」。"


def test_the_same_problem_from_another_group_joins_the_open_issue(chat: Conversation) -> None:
    chat.say(f"@王芳/网格3群: {SEWER}")
    assert chat.say(f"@孙大爷/网格5群: {AGAIN}") == [("网格5群", TAKEN)]
    shown = chat.text("@李书记/工作群: 查看 1")
    assert "反映次数：2" in shown and "08:02 重复反映：孙*爷（网格5群）" in shown
    # The follower hears of the next change in their own group.
    assert [where for where, _ in chat.say("@张网格/网格3群: 受理 1")] == ["网格3群", "网格5群"]


def test_a_different_building_or_problem_is_a_new_issue(chat: Conversation) -> None:
    chat.say(f"@王芳/网格3群: {SEWER}")
    assert chat.text("@孙大爷/网格3群: #报事 4号楼2单元门口下水道堵了").startswith("已登记 #2")
    assert chat.text("@孙大爷/网格3群: #报事 3号楼2单元楼道灯不亮").startswith("已登记 #3")


def test_a_leaking_flat_and_water_at_the_building_door_are_two_issues(
    chat: Conversation,
) -> None:
    assert chat.text("@王芳/网格3群: #报事 3-2-301家漏水到楼下").startswith("已登记 #1")
    assert chat.text("@孙大爷/网格5群: #报事 3幢门口积水").startswith("已登记 #2")
    assert chat.say("@李阿姨/网格3群: #报事 3号楼2单元301家里往下漏水") == [("网格3群", TAKEN)]


def test_after_fourteen_days_it_is_a_new_issue(chat: Conversation) -> None:
    chat.say(f"@王芳/网格3群: {SEWER}")
    chat.clock.advance(timedelta(days=15))
    assert chat.text(f"@孙大爷/网格5群: {AGAIN}").startswith("已登记 #2")


def test_xinjian_within_ten_minutes_files_it_on_its_own(chat: Conversation) -> None:
    chat.say(f"@王芳/网格3群: {SEWER}")
    chat.say(f"@孙大爷/网格5群: {AGAIN}")
    assert chat.text("@孙大爷/网格5群: 新建").startswith("已登记 #2【排水管道】3号楼2单元")
    shown = chat.text("@李书记/工作群: 查看 1")
    assert "反映次数" not in shown
    assert chat.text("@李书记/工作群: 查看 2").splitlines()[1] == "3号楼2单元下水道又堵了，臭死了"
    # Following #1 was undone: 孙大爷 no longer sees it.
    assert chat.text("@孙大爷/网格5群: 查看 1") == "只能查看自己反映或关注的事项。"


def test_xinjian_too_late_or_without_a_match_explains(chat: Conversation) -> None:
    nothing = "10分钟内没有被当作重复的反映。要反映新问题，请用 #报事。"
    assert chat.text("@孙大爷/网格5群: 新建") == nothing
    chat.say(f"@王芳/网格3群: {SEWER}")
    chat.say(f"@孙大爷/网格5群: {AGAIN}")
    chat.clock.advance(timedelta(minutes=11))
    assert chat.text("@孙大爷/网格5群: 新建") == nothing


def test_a_danger_reported_about_an_open_issue_alerts_the_work_group_at_once(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道堆满了杂物")
    replies = chat.say("@孙大爷/网格3群: #报事 3号楼2单元楼道杂物着火了，快来人")
    assert replies[0] == ("网格3群", TAKEN + "紧急事项已通知工作群。")
    alerts = [text for where, text in replies if where == "工作群"]
    assert len(alerts) == 1 and alerts[0].startswith("🚨 紧急诉求 #1【")
    assert "着火" in alerts[0] and "孙*爷 报，来自网格3群" in alerts[0]
    shown = chat.text("@李书记/工作群: 查看 1")
    assert "紧急" in shown.splitlines()[0] and "转为紧急" in shown


def test_photos_sent_with_or_just_after_a_duplicate_join_the_open_issue(
    chat: Conversation,
) -> None:
    chat.say(f"@王芳/网格3群: {SEWER}")
    assert chat.say(f"@孙大爷/网格5群: {AGAIN}[图片:返水.jpg]") == [("网格5群", TAKEN)]
    assert chat.text("@孙大爷/网格5群: [图片:厨房.jpg]") == "已把1张照片附到 #1。"
    replies = chat.say("@李书记/私聊: 查看 1")
    assert "照片：2张" in replies[0][1]
    assert [text for _, text in replies[1:]] == [
        "[图片:返水.jpg] #1 照片1/2",
        "[图片:厨房.jpg] #1 照片2/2",
    ]
    # 新建: the report becomes its own issue, and takes its photos along.
    assert chat.text("@孙大爷/网格5群: 新建").startswith("已登记 #2")
    assert len(chat.say("@李书记/私聊: 查看 1")) == 1  # the details, no photos left
    assert [text for _, text in chat.say("@李书记/私聊: 查看 2")[1:]] == [
        "[图片:返水.jpg] #2 照片1/2",
        "[图片:厨房.jpg] #2 照片2/2",
    ]


def test_saying_it_is_not_the_same_problem_files_it_on_its_own(chat: Conversation) -> None:
    chat.say(f"@王芳/网格3群: {SEWER}")
    assert chat.say(f"@孙大爷/网格5群: {AGAIN}") == [("网格5群", TAKEN)]
    filed = chat.say("@孙大爷/网格5群: 不是同一个问题，我说的是楼后面那根管子")
    assert filed[0][1].startswith("已登记 #2【排水管道】")
    # What he said it is, is kept with the new issue for whoever handles it.
    assert "孙*爷 补充：我说的是楼后面那根管子" in chat.text("@李书记/工作群: 查看 2")


def test_not_the_same_problem_said_with_where_it_is_files_it_there(chat: Conversation) -> None:
    chat.say(f"@王芳/网格3群: {SEWER}")
    chat.say("@孙大爷/网格3群: #报事 3号楼下水道又堵了，臭死了")
    filed = chat.say("@孙大爷/网格3群: 不是同一个问题，我说的是3号楼1单元")
    assert filed[0][1].startswith("已登记 #2【排水管道】3号楼1单元 · 网格3 ·")
    # Another building is another grid; the same building said vaguer changes nothing.
    chat.say(f"@钱阿姨/网格3群: {AGAIN}")
    filed = chat.say("@钱阿姨/网格3群: 新建 是5号楼那边")
    assert filed[0][1].startswith("已登记 #3【排水管道】5号楼 · 网格5 ·")
    chat.say(f"@李阿姨/网格3群: {AGAIN}")
    filed = chat.say("@李阿姨/网格3群: 新建 就是3号楼的")
    assert filed[0][1].startswith("已登记 #4【排水管道】3号楼2单元 · 网格3 ·")


def test_a_report_tag_without_its_sign_is_still_a_report(chat: Conversation) -> None:
    assert chat.say("@李阿姨/网格3群: 报事 4号楼电梯坏了")[0][1].startswith("已登记 #1【公共设施】")
    assert chat.say("@王芳/网格3群: 我要投诉") == []


def test_a_neighbour_saying_me_too_after_a_report_counts_as_reporting_it(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")  # message 1
    counted = "已记下：#1 共2人反映，已为您关注，有进展会通知您。"
    assert chat.say("@孙大爷/网格3群: 我家也是！") == [("网格3群", counted)]
    assert chat.say("@孙大爷/网格3群: 同样的问题") == []  # once a person
    assert chat.say("@王芳/网格3群: 我家也是") == []  # the reporter herself
    # 「+1」 alone may be anything (a group purchase's sign-up); in reply to the report it is this.
    assert chat.say("@钱阿姨/网格3群: +1") == []
    plus_one = chat.adapter.message("钱阿姨", "网格3群", "+1", reply_to="1")
    assert chat.deliver(plus_one) == [("网格3群", counted.replace("2人", "3人"))]
    assert "孙*爷（网格3群）" in chat.text("@张网格/网格3群: 查看 1")  # in the trail
    # By its number, 「+1」 too: that issue (not 「3号楼」, nor a number that is none).
    by_number = counted.replace("2人", "4人")
    assert chat.say("@陈大爷/网格3群: 1号我也遇到了") == [("网格3群", by_number)]
    assert chat.say("@吴姐/网格3群: #1 +1") == [("网格3群", by_number.replace("4人", "5人"))]
    assert chat.say("@周女士/网格3群: 3号楼我也遇到了") == []
    assert chat.say("@周女士/网格3群: 9号我也遇到了") == []
    assert chat.text("@孙大爷/网格3群: 积分").startswith("您在幸福里社区的积分：2分。")
    # A short clause of one's own after it still counts.
    five = by_number.replace("4人", "6人")
    assert chat.say("@郑师傅/网格3群: 我们单元也是，好几天了") == [("网格3群", five)]
    # So does someone the problem met too (it was chat).
    six = five.replace("6人", "7人")
    assert chat.say("@冯奶奶/网格3群: 是的是的，我昨天也差点摔了") == [("网格3群", six)]
    # An hour on, 「我家也是」 is chat again.
    chat.clock.advance(timedelta(minutes=61))
    assert chat.say("@陈楼长/网格3群: 我家也是") == []


def test_a_neighbour_asking_to_hear_how_a_report_goes_follows_it(chat: Conversation) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元下水道堵了")
    following = "已关注 #1，有进展会在这里通知您。"
    assert chat.say("@孙大爷/网格3群: 我也关注一下") == [("网格3群", following)]
    assert chat.say("@钱阿姨/网格3群: 有进展告诉我") == [("网格3群", following)]
    assert chat.say("@钱阿姨/网格3群: 有进展告诉我") == [("网格3群", "您已关注 #1。")]
    # Followers, not reporters: the count stays one; they are told of its progress.
    assert "反映次数" not in chat.text("@李书记/工作群: 查看 1")
    told = chat.say("@张网格/网格3群: 进展 1 物业明天来疏通")
    assert {where for where, _ in told} >= {"网格3群"}
    # Their own report, or an hour on: chat.
    assert chat.say("@王芳/网格3群: 我也关注一下") == []
    chat.clock.advance(timedelta(minutes=61))
    assert chat.say("@周女士/网格3群: 我也关注一下") == []
    assert chat.text("@孙大爷/私聊: 我关注了哪些").splitlines()[1].startswith("🟢 #1【排水管道】")


def test_a_neighbour_saying_the_problem_again_for_their_home_counts_if_it_is_that_kind(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了，晚上很黑")
    assert chat.say("@刘阿姨/网格3群: 我家电视也坏了") == []  # another kind of problem
    assert chat.say("@刘阿姨/网格3群: 我家孩子也是这样说的") == []
    assert chat.say("@刘阿姨/网格3群: 我家楼道灯也不亮") == [
        ("网格3群", "已记下：#1 共2人反映，已为您关注，有进展会通知您。")
    ]
    assert "反映次数：2" in chat.text("@李书记/工作群: 查看 1")
    # The building and the thing may come first: that building's, that kind, counts.
    assert chat.say("@孙大爷/网格3群: 5号楼的灯我们单元也不亮") == []  # another building
    assert chat.say("@钱阿姨/网格3群: 3号楼的下水道我家也堵了") == []  # another kind
    assert chat.say("@周女士/网格3群: 3号楼的灯我们单元也不亮") == [
        ("网格3群", "已记下：#1 共3人反映，已为您关注，有进展会通知您。")
    ]


def test_a_reporter_saying_their_problem_still_waits_is_heard_on_their_report(
    chat: Conversation,
) -> None:
    chat.say("@王芳/网格3群: #报事 3号楼2单元楼道灯坏了")
    again = "我想投诉物业，灯坏了一周都没人管"
    assert chat.say(f"@王芳/私聊: {again}") == [
        (
            "私聊·王芳",
            "您反映过的 #1 正在处理（待受理），已记下您的补充；如果是另一个问题，请回复「新建」。",
        ),
        ("工作群", f"#1 报事人补充：{again}"),
    ]
    assert f"补充：{again}" in chat.text("@李书记/私聊: 查看 1")
    # It was another problem after all: 新建 files it.
    assert chat.say("@王芳/私聊: 新建")[0][1].startswith("已登记 #2【照明路灯】")
    # Another problem, another building, or said as new (no word of waiting): a report.
    assert chat.say("@王芳/私聊: 物业不作为，垃圾好几天没人收")[0][1].startswith("已登记 #3")
    assert chat.say("@王芳/私聊: 5号楼路灯坏了好几天了")[0][1].startswith("已登记 #4")
    # A neighbour's words of the same are theirs, not hers: they join #1 as a neighbour does.
    assert chat.text("@孙大爷/私聊: 楼道灯坏了一周都没人管") == TAKEN


def test_a_neighbour_reporting_it_again_is_counted_once(chat: Conversation) -> None:
    """A neighbour's second report of the same problem was counted again (反映次数 3 for two
    people): it is kept as their words on it, as the reporter's own repeat is."""
    chat.say("@王芳/网格3群: #报事 3号楼楼道灯坏了")
    chat.say("@孙大爷/网格3群: @邻里 3号楼楼道灯也不亮")
    assert chat.text("@孙大爷/网格3群: @邻里 3号楼楼道灯还是不亮") == (
        "您关注的 #1 正在处理（待受理），已记下您的补充；如果是另一个问题，请回复「新建」。"
    )
    shown = chat.text("@李书记/工作群: 查看 1")
    assert "反映次数：2\n" in shown
    assert "孙*爷 补充：3号楼楼道灯还是不亮" in shown
