"""What a message is taken for: command, report, filing, or chatter (pure, no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.analysis.analyzer import Analyzer
from bot.domain.asking import (
    JUST_MADE,
    attendees_to_remind,
    cannot_yet,
    checked_said,
    contact_asked,
    emergency_news,
    meeting_state_asked,
    naming_words,
    notice_answers,
    notice_wanted,
    post_changed,
    problem_asked,
    procedure_asked,
    reads_as_notice,
    reporter_acted,
    reporter_asked,
    reporter_told,
    same_issues_said,
    service_asked,
    stats_asked,
    taken_on,
    withdrawn_said,
)
from bot.messages import ChatRef, IncomingMessage, PersonRef, QuotedMessage
from bot.routing import IGNORE, Route, RouteKind, Router
from bot.text import issue_first, normalize
from handlers.commands import COMMANDS

ROUTER = Router(COMMANDS, ["#报事", "#诉求", "#report"], ["#立案"], "邻里")
GROUP = ChatRef("console", "网格3群")
PRIVATE = ChatRef("console", "私聊:王芳", is_private=True)
WANG = PersonRef("console", "王芳", "王芳")


def route(text: str, *, chat: ChatRef = GROUP, reply: bool = False, mention: bool = False) -> Route:
    quoted = QuotedMessage("m0", WANG, "井盖坏了") if reply else None
    message = IncomingMessage(
        chat, WANG, text, "m1", datetime(2026, 11, 23, tzinfo=UTC), quoted, mention
    )
    return ROUTER.route(message)


@pytest.mark.parametrize(
    "text",
    [
        "/show 23",
        "/show23",
        "/SHOW 23",
        "／ｓｈｏｗ　２３",
        "/show@linli_bot 23",
        "查看 23",
        "查看23",
        "查看#23",
        "  查看   23  ",
        "/查看 23",
    ],
)
def test_show_is_recognised_in_every_written_form(text: str) -> None:
    result = route(text)
    assert result.kind is RouteKind.COMMAND
    assert result.command is not None and result.command.name == "show"
    assert result.args.replace("#", "").replace("２３", "23").strip() == "23"


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("查看 二十三", "23"),
        ("查看二十三号", "23"),
        ("/show 二十三", "23"),
        ("办结 三 已疏通", "3 已疏通"),
        ("派单 一@刘物业", "1@刘物业"),
        ("受理 ＃十二 复杂", "#12 复杂"),
    ],
)
def test_an_issue_number_said_in_chinese_is_read_as_digits(text: str, args: str) -> None:
    result = route(text)
    assert result.kind is RouteKind.COMMAND
    assert normalize(result.args) == args


@pytest.mark.parametrize(
    ("args", "number", "rest"),
    [
        ("1 已疏通", 1, "已疏通"),
        ("1号已疏通", 1, "已疏通"),
        ("#12号，已换灯泡", 12, "已换灯泡"),
        ("１２号@刘物业", 12, "@刘物业"),
        ("3号", 3, ""),
        ("1 号 已修好", 1, "已修好"),  # a space before 号
        ("12号楼灯坏了", None, ""),
        ("3号院门口", None, ""),
        ("5栋2单元", None, ""),
        ("2天内", None, ""),
        ("3期工程", None, ""),
        ("1号期限改成周五", 1, "期限改成周五"),  # #1's deadline, not phase 1
    ],
)
def test_an_issue_number_leads_with_or_without_hao_but_a_place_does_not(
    args: str, number: int | None, rest: str
) -> None:
    assert issue_first(args) == (number, rest)


@pytest.mark.parametrize("text", ["查看一下", "关注一下", "进展一般", "查看一号楼的情况"])
def test_chinese_numbers_that_are_no_issue_number_stay_chatter(text: str) -> None:
    found = route(text)  # 「关注一下」 may follow a report just made there; of no issue 1
    assert found.kind in (RouteKind.IGNORE, RouteKind.ME_TOO) and not found.args
    assert found.kind is RouteKind.IGNORE or found.otherwise == IGNORE


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("进展 1 需要业主在家吗？", "1 需要业主在家吗？"),
        ("重开 1 怎么又堵了?!", "1 怎么又堵了?"),
        ("进展 1 已联系施工队。", "1 已联系施工队"),  # a full stop is no question
        ("进展 1？", "1"),
        ("评价 1 5？", "1 5"),
        ("查看 1？", "1"),  # 查看 takes no words of the sender's own
    ],
)
def test_the_senders_own_words_keep_their_question_mark(text: str, args: str) -> None:
    assert route(text).args == args


def test_a_keyword_inside_a_sentence_is_chatter() -> None:
    assert route("查看一下通知").kind is RouteKind.IGNORE
    assert route("大家帮助一下老人").kind is RouteKind.IGNORE
    assert route("帮助：谁家有梯子借用一下").kind is RouteKind.IGNORE
    assert route("查看：23").kind is RouteKind.COMMAND


def test_an_unknown_slash_word_is_an_unknown_command() -> None:
    result = route("/frobnicate 3")
    assert (result.kind, result.word) == (RouteKind.UNKNOWN_COMMAND, "/frobnicate")


def test_command_arguments_keep_the_persons_own_punctuation() -> None:
    assert route("帮助 查看，谢谢").args == "查看，谢谢"


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("#报事 3号楼井盖坏了", "3号楼井盖坏了"),
        ("＃报事：3号楼井盖坏了，很危险", "3号楼井盖坏了，很危险"),
        ("# 诉求 路灯不亮", "路灯不亮"),
        ("3号楼井盖坏了 #报事", "3号楼井盖坏了"),
        ("#REPORT manhole cover broken", "manhole cover broken"),
        ("#报事", ""),
    ],
)
def test_report_tags_are_found_and_removed(text: str, description: str) -> None:
    result = route(text)
    assert (result.kind, result.text) == (RouteKind.REPORT, description)


def test_a_reply_with_the_filing_tag_files_the_original() -> None:
    assert route("#立案", reply=True).kind is RouteKind.FILE
    assert route("#立案").kind is RouteKind.FILE  # not a reply: told how
    assert route("这个要#立案吗").kind is RouteKind.IGNORE  # said in passing


def test_a_mention_of_the_bot_is_a_report_unless_it_is_a_command() -> None:
    said = route("@邻里 3号楼井盖坏了", mention=True)
    assert (said.kind, said.text) == (RouteKind.MENTION, "3号楼井盖坏了")
    assert route("@邻里 帮助", mention=True).kind is RouteKind.COMMAND
    assert (route("@邻里", mention=True).kind, route("@邻里", mention=True).text) == (
        RouteKind.MENTION,
        "",
    )


def test_the_bot_called_by_its_name_in_a_group_is_mentioned() -> None:
    said = route("邻里，5号楼楼下有人烧纸")
    assert (said.kind, said.text) == (RouteKind.MENTION, "5号楼楼下有人烧纸")
    assert route("邻里：台账").kind is RouteKind.COMMAND
    # Not called: the word in a sentence, or a name that only starts like it.
    assert route("邻里之间要互相体谅").kind is RouteKind.IGNORE
    assert route("邻里们，大家晚上好").kind is RouteKind.IGNORE
    # 「邻里们，明天停水」: perhaps staff's notice, else chat; not said to the bot
    notice = route("邻里们，明天停水")
    assert (notice.kind, notice.otherwise) == (RouteKind.ANNOUNCED, IGNORE)
    assert route("邻里，你好", chat=PRIVATE).text == "邻里，你好"  # privately it is all said to it


def test_private_text_is_for_intake_and_group_chatter_is_ignored() -> None:
    assert route("楼道灯坏了", chat=PRIVATE).kind is RouteKind.PRIVATE
    assert route("楼道灯坏了").kind is RouteKind.IGNORE


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("受理", "accept"),
        ("公示", "publish"),
        ("派单 @刘物业 1", "assign"),
        ("受理 一", "accept"),
        ("结果 决议 取消固定车位", "outcome"),
        ("异议 停车费太高了", "object"),
        ("异议：M1 太贵", "object"),
        ("异议M1太贵", "object"),
    ],
)
def test_a_command_word_said_wrongly_is_still_the_command_so_it_gets_its_usage(
    text: str, name: str
) -> None:
    result = route(text)
    assert result.kind is RouteKind.COMMAND
    assert result.command is not None and result.command.name == name


@pytest.mark.parametrize(
    ("text", "args"),
    [("派 1 物业 明天", "1 物业 明天"), ("派1 物业", "1 物业"), ("派2给周主任", "2给周主任")],
)
def test_pai_alone_before_an_issue_number_assigns(text: str, args: str) -> None:
    result = route(text)
    assert result.kind is RouteKind.COMMAND
    assert result.command is not None and result.command.name == "assign"
    assert result.args == args


@pytest.mark.parametrize(
    ("text", "name", "args"),
    [
        ("结案 1 已修复", "resolve", "1 已修复"),
        ("完结2：灯换了", "resolve", "2：灯换了"),
        ("跟进 3 明天去看", "progress", "3 明天去看"),
        ("转交 1 物业", "assign", "1 物业"),
    ],
)
def test_staff_words_for_a_command_before_a_number_are_it(text: str, name: str, args: str) -> None:
    said = route(text)
    assert said.command is not None and said.command.name == name
    assert said.args == args


@pytest.mark.parametrize("text", ["跟进3号楼的事", "紧急3号楼着火了", "结案了吗", "完成3次了"])
def test_those_words_before_anything_else_are_no_command(text: str) -> None:
    assert route(text).kind is not RouteKind.COMMAND


@pytest.mark.parametrize(
    ("text", "word", "args"),
    [
        ("关闭 1", "关闭", "1"),
        ("完成1，灯换好了", "完成", "1，灯换好了"),
        ("删除 #2", "删除", "#2"),
        ("记录 3 明天去看。", "记录", "3 明天去看"),
    ],
)
def test_a_word_meaning_a_command_before_a_number_is_answered_as_that(
    text: str, word: str, args: str
) -> None:
    said = route(text)
    assert (said.kind, said.word, said.args) == (RouteKind.NEAR_COMMAND, word, args)
    assert said.otherwise is not None and said.otherwise.kind is RouteKind.IGNORE


@pytest.mark.parametrize(
    "text",
    [
        "关闭窗户",
        "完成3次了",
        "删除3号楼的照片",
        "还有 3",
        "完成了吗",
        "安排 2 个人去看",
        "推迟 1 天",
        "安排 2 号楼",
    ],
)
def test_those_words_not_before_a_number_are_chat(text: str) -> None:
    assert route(text).kind is not RouteKind.NEAR_COMMAND


def test_the_web_ledger_is_asked_for_in_a_word() -> None:
    for said in ("网页", "网页版", "网页台账"):
        asked = route(said, chat=PRIVATE)
        assert asked.command is not None and asked.command.name == "web", said
    assert route("网页打不开", chat=PRIVATE).kind is not RouteKind.COMMAND


def replying(text: str, quoted: str) -> Route:
    """`text` said in the group in reply to the bot's message `quoted`."""
    bot = PersonRef("console", "邻里", "邻里")
    at = datetime(2026, 11, 23, tzinfo=UTC)
    message = IncomingMessage(GROUP, WANG, text, "m1", at, QuotedMessage("m0", bot, quoted))
    return ROUTER.route(message)


ACK = "已登记 #7【照明路灯】3号楼2单元 · 网格3 · 1个工作日内答复。回复「查看 7」看进度。"


@pytest.mark.parametrize(
    ("text", "name", "args"),
    [
        ("进展 明天上午去换", "progress", "7 明天上午去换"),
        ("办结：已换灯泡", "resolve", "7 已换灯泡"),
        ("受理", "accept", "7"),
        ("派单 物业 3天", "assign", "7 物业 3天"),
        ("办结 2 已换灯泡", "resolve", "2 已换灯泡"),  # its own number
    ],
)
def test_a_command_in_reply_to_a_message_naming_one_issue_is_of_it(
    text: str, name: str, args: str
) -> None:
    said = replying(text, ACK)
    assert said.kind is RouteKind.COMMAND
    assert said.command is not None and said.command.name == name
    assert said.args == args


def test_a_reply_naming_no_issue_or_several_fills_in_nothing() -> None:
    assert replying("进展怎么样", ACK).kind is not RouteKind.COMMAND
    digest = "📋 今日台账：\n🟡 #1【照明路灯】\n🟢 #2【道路井盖】"
    assert replying("受理", digest).args == ""  # which: its usage
    assert replying("受理", "好的，谢谢").args == ""


def test_xiaohao_with_a_number_is_the_rating_that_closes_it() -> None:
    closed = route("销号 1 满意")
    assert closed.command is not None and closed.command.name == "rate"
    assert closed.args == "1 满意"
    assert route("销号了吗").kind is not RouteKind.COMMAND


@pytest.mark.parametrize("text", ["派1个人来看看吧", "派个人来看看", "派出所在哪", "派 人去看看"])
def test_pai_before_other_words_is_no_command(text: str) -> None:
    for said in (route(text), route(text, chat=PRIVATE)):
        assert said.command is None or said.command.name != "assign"


def test_a_command_word_run_into_other_words_is_still_chatter() -> None:
    assert route("派单@刘物业").kind is RouteKind.IGNORE
    assert route("结果呢？").kind is RouteKind.IGNORE
    assert route("上报了吗").kind is RouteKind.IGNORE


@pytest.mark.parametrize(
    "text",
    ["上报 2号楼楼顶漏水 #报事", "查看 3号楼监控坏了 #报事", "关注 1 号楼的路灯不亮 #诉求"],
)
def test_a_tagged_report_that_starts_with_a_command_word_is_a_report(text: str) -> None:
    assert route(text).kind is RouteKind.REPORT


def test_a_typed_slash_command_stays_a_command_whatever_it_holds() -> None:
    assert route("/escalate 2 #报事").kind is RouteKind.COMMAND


def test_slash_file_in_a_reply_files_the_message_as_the_tag_does() -> None:
    assert route("/file", reply=True).kind is RouteKind.FILE
    assert route("／ｆｉｌｅ", reply=True).kind is RouteKind.FILE
    assert route("/file").kind is RouteKind.FILE  # not a reply: told to reply


@pytest.mark.parametrize(
    "text", ["关注 一下", "评价 一下这个物业", "进展 怎么样了", "核实 一下情况", "结果 出来了吗"]
)
def test_a_command_word_then_everyday_words_is_chatter(text: str) -> None:
    assert route(text).kind is RouteKind.IGNORE


@pytest.mark.parametrize(
    "text", ["1号关了吗", "1号可以结案了吗", "1号还没人负责", "1号楼张网格负责", "1号谁负责"]
)
def test_an_issue_asked_after_or_a_building_is_no_close_or_assignment(text: str) -> None:
    found = route(text, chat=PRIVATE)
    assert found.command is None or found.command.name not in ("resolve", "assign")


@pytest.mark.parametrize(
    ("text", "description"),
    [("报事 4号楼电梯坏了", "4号楼电梯坏了"), ("诉求：3号楼电梯天天坏", "3号楼电梯天天坏")],
)
def test_a_report_tag_written_without_its_sign_starts_a_report(text: str, description: str) -> None:
    said = route(text)
    assert (said.kind, said.text) == (RouteKind.REPORT, description)


@pytest.mark.parametrize("text", ["我要投诉", "报事了吗", "report the lamp at building 3"])
def test_a_tag_word_that_does_not_start_a_report_is_chatter(text: str) -> None:
    assert route(text).kind is RouteKind.IGNORE


def _replying(text: str, quoted: str) -> Route:
    bot = PersonRef("console", "邻里", "邻里")
    message = IncomingMessage(
        GROUP,
        WANG,
        text,
        "m1",
        datetime(2026, 11, 23, tzinfo=UTC),
        QuotedMessage("b1", bot, quoted),
    )
    return ROUTER.route(message)


@pytest.mark.parametrize(
    ("text", "ballot"),
    [("2", "M1 2"), ("1,2", "M1 1,2"), ("１、２。", "M1 1、2"), ("撤回", "M1 撤回")],
)
def test_a_choice_in_reply_to_a_poll_is_a_ballot_for_it(text: str, ballot: str) -> None:
    route_ = _replying(text, "📅 M1 停车难议事会 · 时间投票\n1. 11月26日 19:00")
    assert (route_.kind, normalize(route_.text)) == (RouteKind.BALLOT, normalize(ballot))
    assert _replying("2 3-2-301", "🗳 M12 加装电梯 · 表决").text == "M12 2 3-2-301"


def test_words_in_reply_to_a_poll_or_a_number_in_reply_to_anything_else_are_not_ballots() -> None:
    assert _replying("周六我有事", "📅 M1 停车难议事会 · 时间投票").kind is not RouteKind.BALLOT
    assert _replying("2", "3号楼井盖坏了").kind is not RouteKind.BALLOT
    assert _replying("5号楼电梯又坏了吗", "📅 M1 停车难议事会").kind is not RouteKind.BALLOT


def test_a_question_in_reply_to_a_meeting_is_for_whoever_called_it() -> None:
    quoted = "📅 M1 停车难议事会 定于 11月28日 9:00"
    asked = _replying("需要带什么吗", quoted)
    assert (asked.kind, asked.args) == (RouteKind.MEETING_QUESTION, "M1")
    assert _replying("在哪开？", quoted).kind is RouteKind.MEETING_ASKED  # the bot answers
    assert _replying("好的", quoted).kind is not RouteKind.MEETING_QUESTION
    assert _replying("需要带什么吗", "3号楼井盖坏了").kind is not RouteKind.MEETING_QUESTION


@pytest.mark.parametrize(
    ("text", "name", "args"),
    [
        ("把2合并到1", "merge", "2 1"),
        ("把 #2 并入 #1", "merge", "#2 #1"),
        ("把２号合并到１号", "merge", "２ １号"),
        ("把三号派给刘物业，明天下午", "assign", "3 刘物业，明天下午"),
        ("把1交给物业", "assign", "1 物业"),
        ("把4上报给街道城管办", "escalate", "4 街道城管办"),
        ("把4吹哨给街道城管办。", "escalate", "4 街道城管办"),
        ("把5退回，属于市政道路", "reject", "5 属于市政道路"),
        ("1 派给刘物业 今天下班前", "assign", "1 刘物业 今天下班前"),
        ("2号合并到1", "merge", "2 1"),
        ("1 受理", "accept", "1"),
        ("2号受理 复杂", "accept", "2 复杂"),
        ("把3受理了", "accept", "3"),
        ("1号延期到下周一", "extend", "1 下周一"),
        ("把1的期限改成周五", "extend", "1 周五"),
        ("1号延期3天 等配件", "extend", "1 3天 等配件"),
        ("2号重新分给张网格", "assign", "2 张网格"),
        ("把2号转到住建局", "assign", "2 住建局"),
        ("2号吹哨", "escalate", "2"),
        ("2号报给住建局", "escalate", "2 住建局"),
        ("2号改成复杂", "accept", "2 复杂"),
        ("把3定为疑难", "accept", "3 疑难"),
        ("谁的积分最多", "points", "榜"),
        ("本周积分排名", "points", "榜"),
        ("本月谁的积分最多", "points", "榜 本月"),
        ("我今年反映了几件", "my_figures", "今年"),
        ("我这个月报了几件事", "my_figures", "这个月"),
        ("我的年度报告", "my_figures", ""),
        ("今年积分榜", "points", "榜 今年"),
        ("年度积分排名", "points", "榜 年度"),
        ("议事会改到周日下午3点", "move_meeting", "议事会 周日下午3点"),
        ("这次的板凳会取消了", "cancel_meeting", "板凳会"),
        ("取消议事会", "cancel_meeting", "议事会"),
        ("3号安排给物业，周五前修好", "assign", "3 物业，周五前修好"),
        ("1号派物业 3天", "assign", "1 物业 3天"),
        # A meeting's number first; its decision kept in the words typed.
        ("M1 结果 决议：20个车位，每月100元", "outcome", "M1 决议：20个车位，每月100元"),
        ("M1的决议：取消固定车位", "outcome", "M1 决议：取消固定车位"),
        ("M1开完了，决定划20个车位，物业负责划线", "outcome", "M1 划20个车位，物业负责划线"),
        ("M1 公示 5天", "publish", "M1 5天"),
        ("把M1公示一下", "publish", "M1"),
        (
            "发起投票 充电桩 选项 同意｜反对 截止 周五18:00",
            "vote",
            "充电桩 选项 同意｜反对 截止 周五18:00",
        ),
        # A notice for later, its time first.
        (
            "明天早上8点群发 全部 垃圾分类检查",
            "notice_later",
            "明天早上8点 全部 垃圾分类检查",
        ),
        ("周五下午4点半群发网格3 周六义诊", "notice_later", "周五下午4点半 网格3 周六义诊"),
        # The 办事指南 kept with the verb first, or joined to 指南.
        ("添加指南 停车费：地面每月150元", "guide", "添加 停车费：地面每月150元"),
        ("新增一条办事指南：充电桩+收费：1元", "guide", "新增 充电桩+收费：1元"),
        ("指南添加 停车证：到物业办", "guide", "添加 停车证：到物业办"),
        ("删除指南 5", "guide", "删除 5"),
        ("指南删除5", "guide", "删除 5"),
        ("1号派单给物业", "assign", "1 物业"),
        ("1号和2号派物业", "assign", "1,2 物业"),
        ("把1、2号派给刘物业，周五前", "assign", "1,2 刘物业，周五前"),
        ("帮我把1号和2号都派给物业", "assign", "1,2 物业"),
        ("1号和2号受理", "accept", "1,2"),
        ("1号让物业去处理一下，周五前", "assign", "1 物业 周五前"),
        ("2号让刘物业看看", "assign", "2 刘物业"),
        # A worker's follow-up call, recorded with its verdict (and the reason, if any).
        ("1号回访了，居民很满意", "rate", "1 很满意"),
        ("回访了3号，不满意，说还是堵", "rate", "3 不满意,说还是堵"),
        ("2号电话回访过，基本满意的", "rate", "2 基本满意"),
        ("2号打了回访电话，基本满意", "rate", "2 基本满意"),
        ("3号回访电话打过了，居民说满意", "rate", "3 满意"),
        ("1号回访了，李女士说还有点渗水，基本满意", "rate", "1 基本满意 李女士说还有点渗水"),
        ("1号回访了，王芳说很满意", "rate", "1 很满意"),  # the reporter by name
        ("2号回访，孙大爷说一般吧，师傅来得有点晚", "rate", "2 一般,师傅来得有点晚"),
        # The other way round, whole: the period or the issue first.
        ("本周统计", "stats", "本周"),
        ("上月的统计。", "stats", "上月"),
        ("11月数据", "stats", "11月"),
        ("月报", "stats", "上月 总结"),
        ("上个月的月报发我", "stats", "上月 总结"),
        ("年报", "stats", "今年 总结"),
        ("年度总结", "stats", "今年 总结"),
        ("今年的总结", "stats", "今年 总结"),
        ("去年的年报", "stats", "去年 总结"),
        ("年终总结发我", "stats", "今年 总结"),
        ("今年的年终总结发我一下", "stats", "今年 总结"),
        ("把今年的年报发给我", "stats", "今年 总结"),
        ("帮我把今年的数据导出来", "export", "今年"),
        ("导出今年的数据", "export", "今年"),
        ("本月数据导出", "export", "本月"),
        ("把上个月的数据发我", "stats", "上个月"),
        ("3号楼的统计", "stats", "3号楼"),
        ("网格5的情况", "stats", "网格5"),
        ("网格3这个月情况怎么样", "stats", "这个月 网格3"),
        ("网格5上个月的数据", "stats", "上个月 网格5"),
        ("看下5栋本月统计", "stats", "本月 5栋"),
        ("请把本月统计发我一下", "stats", "本月"),
        ("统计一下今年每个月的情况", "stats", "今年 按月"),
        ("这周的积分榜", "points", "榜"),
        ("上周的周报发一下", "stats", "上周"),
        ("周报", "stats", "上周"),
        ("本周的周报", "stats", "本周"),
        ("导出上月台账", "export", "上月"),
        ("导出台账", "export", ""),
        ("今天的台账", "list", ""),
        ("网格3的台账", "list", "网格3"),
        ("5号楼台账", "list", "5号楼"),
        ("超期的台账", "list", "超期"),
        ("把上个月的台账发我", "export", "上个月"),
        ("发一下本月台账", "export", "本月"),
        ("给我发一下台账表格", "export", ""),
        ("把台账表格发我", "export", ""),
        ("导出网格3的台账", "export", "网格3"),
        ("把网格5上个月的台账发我", "export", "上个月 网格5"),
        ("导出本月网格3的台账", "export", "本月 网格3"),
        ("台账发我一下", "export", ""),
        ("给我一份本月的excel", "export", "本月"),
        ("我要上个月的表", "export", "上个月"),
        ("生成月报", "stats", "上月 总结"),
        ("月报发工作群", "stats", "上月 发工作群"),
        ("把周报发到工作群", "stats", "上周 发工作群"),
        ("发一份上个月的台账", "export", "上个月"),
        ("来个表格", "export", ""),
        ("这个月的月报", "stats", "这个月 总结"),
        ("今日小结", "stats", "今日 总结"),
        ("本月热点问题", "stats", "本月"),
        ("今年反映最多的问题", "stats", "今年"),
        ("昨日统计", "stats", "昨日"),
        ("提醒一下张网格明天去看井盖", "remind", "明天 张网格去看井盖"),  # whom, then when
        ("1号受理一下", "accept", "1"),
        ("1号我受理了", "accept", "1"),  # who does it, said
        ("2号我来受理", "accept", "2"),
        ("2号我来派给物业", "assign", "2 物业"),
        ("3号紧急", "hurry", "3"),
        ("2号也加急", "hurry", "2"),  # it was chat
        ("1号确认修好了", "verify", "1 修好了"),
        ("2号核实过了，灯亮了", "verify", "2 灯亮了"),
        ("给张网格设置成网格员", "role", "张网格 网格员"),
        ("1号催一下", "urge", "1"),
        ("2号也催一下", "urge", "2"),  # it was chat
        ("1号再催催", "urge", "1"),
        ("帮我催一下1号", "urge", "1"),
        ("1号催一下物业吧", "urge", "1"),  # whoever holds it
        ("2号催一下张网格", "urge", "2"),
        ("我想把1号撤回", "withdraw", "1"),
        ("帮我把2号撤了", "withdraw", "2"),
        ("提醒物业尽快处理1号", "urge", "1"),
        ("超期的帮我催一下", "urge", "超期"),
        ("1、2都催一下", "urge", "1 2"),
        ("把1号和2号都加急", "hurry", "1 2"),
        ("这个月我们网格的统计", "stats", "这个月"),
        ("督促一下物业", "urge", "物业"),  # 督 of 督促物业办1号 hid 督促
        ("我关注了哪些", "list", "我的"),  # 关 of 1号可以关了 hid 关注
        ("催一下刘物业把2号修了", "urge", "2"),
        ("督促物业办1号", "urge", "1"),
        ("1号结案", "resolve", "1"),
        ("把1号关了吧，已经修好了", "resolve", "1 已经修好了"),  # with its result
        ("1号结案，灯已换", "resolve", "1 灯已换"),
        ("1号张网格负责一下", "assign", "1 张网格"),  # the issue first
        ("2号物业跟进吧", "assign", "2 物业"),
        ("把1号关掉", "resolve", "1"),
        ("1号可以关了", "resolve", "1"),
        ("1号可以销号了", "rate", "1"),
        ("让物业尽快处理1号", "assign", "1 物业"),
        ("让李明当5号楼的楼栋长", "role", "李明 楼栋长 5号楼"),
        ("新来的网格员叫孙丽，负责网格3", "role", "孙丽 网格员 网格3"),
        ("新的楼栋长是王芳，3号楼", "role", "王芳 楼栋长 3号楼"),
        ("张网格调走了，他手上的事交给赵网格", "handover", "张网格 赵网格"),
        ("张网格请假了，他的事交给孙丽", "handover", "张网格 孙丽"),
        ("张网格这几天住院了，她手上的事项转给赵网格", "handover", "张网格 赵网格"),
        ("把张网格的事都交给赵网格", "handover", "张网格 赵网格"),
        ("张网格明天休假，他的事交给赵网格", "handover", "张网格 赵网格"),
        ("我明天休假，3号楼的事情麻烦赵网格帮忙盯一下", "handover", "我 赵网格"),
        ("把李明设为楼栋长", "role", "李明 楼栋长"),
        ("设@王芳为网格3网格员", "role", "@王芳 网格员 网格3"),
        ("李明不当楼栋长了", "role", "李明 居民"),
        ("取消李明的网格员", "role", "李明 居民"),
        ("提醒列表", "remind", "列表"),
        ("我的走访记录", "patrol", "列表"),
        ("本月的走访记录", "patrol", "列表 本月"),
        ("取消提醒 11", "remind", "取消 11"),
        ("明天9点提醒大家开会", "remind", "明天9点 开会"),
        ("每个月最后一天提醒我交报表", "remind", "每个月最后一天 交报表"),
        ("每月底提醒我交报表", "remind", "每月底 交报表"),
        ("周五下午3点提醒我交材料", "remind", "周五下午3点 交材料"),
        ("10分钟后提醒我关火", "remind", "10分钟后 关火"),
        ("每月1号提醒我交物业费", "remind", "每月1号 交物业费"),
        ("明天上午提醒我交电费", "remind", "明天上午 交电费"),
        ("下午提醒我给王芳回电话", "remind", "下午 给王芳回电话"),
        ("把这个月的统计发到工作群", "stats", "这个月 发工作群"),
        ("上个月的数据发群里", "stats", "上个月 发工作群"),
        ("晚上提醒我交材料", "remind", "晚上 交材料"),
        ("12月10日提醒我体检", "remind", "12月10日 体检"),
        ("提醒我明天下午3点去物业", "remind", "明天下午3点去物业"),
        ("明天上午9点提醒张网格去看3号楼井盖", "remind", "明天上午9点 张网格去看3号楼井盖"),
        ("我有哪些提醒", "remind", "列表"),
        ("我明天有哪些提醒", "remind", "列表"),
        ("这周还有什么提醒", "remind", "列表"),
        ("取消周报的提醒", "remind", "取消 周报"),
        ("回访的提醒不要了", "remind", "取消 回访"),
        ("把交党费的提醒删了", "remind", "取消 交党费"),
        ("下周三下午3点开会，提前一天提醒大家", "remind", "下周三下午3点开会，提前一天"),
        ("把明天的提醒改到10点", "remind", "修改 明天 10点"),
        ("下午3点提醒我", "remind", "下午3点"),
        ("年前提醒我给王芳回电话", "remind", "年前 给王芳回电话"),
        ("月底提醒我交材料", "remind", "月底 交材料"),
        ("国庆节前提醒大家检查消防通道", "remind", "国庆节前 检查消防通道"),
        ("有哪些命令", "help", ""),
        ("你能做什么", "help", ""),
        ("怎么用", "help", ""),
        ("这个机器人怎么用", "help", ""),
        ("这个怎么使用", "help", ""),
        ("使用说明", "help", ""),
        ("怎么看我手上的", "list", "我的"),
        ("2号交给张网格处理", "assign", "2 张网格"),
        ("谁的积分最高", "points", "榜"),
        ("导出上个月的", "export", "上个月"),
        ("给我导出12345的工单", "export", "12345"),
        ("1号能加急吗", "urge", "1"),
        ("2号能不能快点", "urge", "2"),
        ("我想撤回1号", "withdraw", "1"),
        ("不想再收到1号的消息了", "unfollow", "1"),
        ("1号的通知不用再发给我了", "unfollow", "1"),
        ("别再给我发消息了", "unfollow", ""),
        ("取消我的2号反映", "withdraw", "2"),
        ("问题列表", "list", ""),
        ("所有事项", "list", ""),
        ("看一下全部的工单", "list", ""),
        ("角色", "roles", ""),
        ("人员列表", "roles", ""),
        # whom first, then the issue
        ("派给物业 1 今天", "assign", "1 物业 今天"),
        ("交给物业 2", "assign", "2 物业"),
        ("转给刘物业，3号", "assign", "3 刘物业"),
        ("2号需要上报街道", "escalate", "2 街道"),
        ("把2号给赵网格", "assign", "2 赵网格"),
        ("1号让物业明天去", "assign", "1 物业 明天"),
        ("1号让物业明天修好", "assign", "1 物业 明天"),
        ("让刘物业去看看1号", "assign", "1 刘物业"),
        ("1号很急", "hurry", "1"),
        ("张网格负责1号", "assign", "1 张网格"),
        ("由物业负责2号", "assign", "2 物业"),
        ("3号要吹哨", "escalate", "3"),
        # a meeting as 会议, and its commands said without the number
        ("会议改到周五下午3点", "move_meeting", "会议 周五下午3点"),
        ("这次会议取消了", "cancel_meeting", "会议"),
        ("公示一下", "publish", ""),
        ("把会议结果公示出去", "publish", "会议"),
        # a category or place put right, and urgency said as a change
        ("2号分类改成安全隐患", "recategorize", "2 安全隐患"),
        ("把2号的类别改为停车", "recategorize", "2 停车"),
        ("2号改为安全隐患类", "recategorize", "2 安全隐患类"),
        ("把3号归到噪音", "recategorize", "3 噪音"),
        ("2号地点改成5号楼", "relocate", "2 5号楼"),
        ("把2号的位置改为5号楼2单元", "relocate", "2 5号楼2单元"),
        ("3号地址应该是南门", "relocate", "3 南门"),
        ("1号分类错了，应该是排水", "recategorize", "1 排水"),  # a mistake said first
        ("1号地址写错了，是4号楼", "relocate", "1 4号楼"),
        ("1号不是简单，是复杂", "accept", "1 复杂"),
        ("1号改到5号楼", "relocate", "1 5号楼"),
        ("2号其实是5号楼2单元的", "relocate", "2 5号楼2单元"),
        ("1号改成紧急", "hurry", "1"),
        ("催一下物业", "urge", "物业"),
        ("1号交给物业吧，两天内", "assign", "1 物业，两天内"),
        ("生成图表", "stats", "图"),
        ("1号回访了，王阿姨说挺好", "rate", "1 挺好"),
        ("议事会地点改到罐罐茶", "move_meeting", "议事会 地点 罐罐茶"),
        ("M1地点改为罐罐茶", "move_meeting", "M1 地点 罐罐茶"),
        ("本月的统计图", "stats", "本月 图"),
        ("给我出个月报", "stats", "上月 总结"),
        ("撤回刚才的走访", "patrol", "撤回"),
        ("最近发了哪些通知", "notice", "列表"),
        ("通知记录", "notice", "列表"),
        ("刚才的通知发出去了吗", "notice", "列表"),
        ("定时群发有哪些", "notice", "列表"),
        ("最近有什么通知", "notice", "列表"),
        ("刚才的巡查记录记错了", "patrol", "撤回"),
        ("帮我催催刘物业", "urge", "刘物业"),
        ("给周主任那边催一下", "urge", "周主任"),
        ("催一下@刘物业", "urge", "@刘物业"),
    ],
)
def test_a_ba_sentence_is_the_command_it_says(text: str, name: str, args: str) -> None:
    result = route(text, chat=PRIVATE)
    assert result.kind is RouteKind.COMMAND
    assert result.command is not None and result.command.name == name
    assert result.args == args


@pytest.mark.parametrize(
    ("said", "who"),
    [
        ("王芳反映过哪些问题", "王芳"),
        ("王芳都投诉过什么", "王芳"),
        ("孙大爷反映了几次", "孙大爷"),
        ("查一下王芳反映的", "王芳"),
        ("我反映过哪些问题", None),  # one's own: asked otherwise
        ("大家反映过哪些问题", None),
        ("王芳反映的问题", None),  # a statement's start
        ("谁反映过这个问题", None),
    ],
)
def test_staff_asking_what_someone_reported(said: str, who: str | None) -> None:
    assert reporter_asked(said) == who


@pytest.mark.parametrize("text", ["议事会改到哪天了", "M1改到几点了？", "板凳会改到什么时候了"])
def test_asking_where_a_meeting_went_moves_nothing(text: str) -> None:
    result = route(text, chat=PRIVATE)
    assert result.command is None or result.command.name != "move_meeting"


def test_an_outcome_said_of_any_meeting_is_the_one_held() -> None:
    result = route("会议结果：增设20个车位", chat=PRIVATE)
    assert result.kind is RouteKind.LEDGER_ASKED
    assert result.command is not None and result.command.name == "outcome"
    assert result.args == "会议 增设20个车位"


@pytest.mark.parametrize(
    "text",
    [
        "把门关好",
        "把2楼的灯修一下",
        "把车挪一下",
        "一并入账",
        "3 退回来了",
        "1号延期了吗",
        "3号派送的快递到了",
        "2号派出所来人了",
        "1号派人去看了吗",
        "3号让我明天再来",
        "本周统计一下大家的意见",
        "月报写好了吗",
        "年报写好了吗",
        "总结一下",
        "工作总结",
        "让孩子做作业",
        "楼栋长让我们明天去开会",
        "让李明当心点",
        "他提醒我别忘了带钥匙",
        "分给大家吧",
        "1号回访了吗",
        "2号吹哨了吗",
        "2号改成周五",  # neither a level nor said as a deadline's change
        "回访了3号楼的阿姨",
        "把蛋糕分给孩子们",
        "议事会开得怎么样",
        "交给他们 1 个月了",
        "1号给个说法",
        "他们负责2号",
        "物业负责1号楼",
        "交给物业 1 了吗",
    ],
)
def test_other_ba_sentences_stay_chatter(text: str) -> None:
    assert route(text).kind is RouteKind.IGNORE


def test_a_reminder_for_oneself_said_in_a_group_is_the_bots_only_in_a_work_group() -> None:
    asked = route("明天9点提醒我一下")  # in a grid group said to a neighbour: not acted on
    assert asked.kind is RouteKind.LEDGER_ASKED  # which the dispatcher runs in a work group only
    assert asked.command is not None and asked.command.name == "remind"
    assert asked.otherwise is not None and asked.otherwise.kind is RouteKind.IGNORE


@pytest.mark.parametrize(
    "text",
    [
        *("1 上报了吗", "1号受理了吗", "1号谁在处理", "1号转给谁了", "1号什么时候修"),
        *("1号啥时候能修好", "1号在哪", "1号地址是哪里", "1号是哪家", "1号是几单元的", "1号在几楼"),
        *("1号位置在哪", "1号分类是什么", "1号是什么类的", "1号的记录", "1号有照片吗"),
        *("1号的照片发我看看", "1号的照片发我", "看看1号的照片"),
        *("1号现在什么情况", "1号目前进展如何", "1号现在谁在处理"),
        *("1号谁报的", "1号是谁反映的", "1号报事人是谁"),
        *("1号回复12345了吗", "1号答复居民了没有"),
        *("1号的期限是哪天", "1号什么时候到期", "1号超期了吗", "1号截止时间是几号"),
        *("1号办结了吗", "1号解决了没有", "1号处理完了吗"),  # (「办结了吗」 was offered 办结)
    ],
)
def test_asking_whether_an_issue_was_handled_shows_it_and_does_nothing(text: str) -> None:
    result = route(text)
    assert result.kind is RouteKind.LEDGER_ASKED
    assert result.command is not None and result.command.name == "show"
    assert result.args == "1"
    assert result.otherwise is not None and result.otherwise.kind is RouteKind.IGNORE


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("2 已上门沟通，楼上答应注意", True),
        ("1号报事人电话多少", True),  # its grid worker is named
        ("3号打了电话没人接", True),  # a 回访 that reached nobody
        ("#3 已经修好了", True),
        ("1号要延期", True),
        ("2号不是我们管的", True),
        ("3号重复了", True),  # of which: the bot asks
        ("1号先不派了", True),  # how to hand it on instead
        ("2号撤回派单", True),
        ("3号楼重复了", False),
        # A building first, then its work: the one open issue there, if there is one.
        ("3号楼那边我去看了", True),
        ("2号楼暖气的事我们明天派人去排气", True),
        ("3号楼的灯修好了吗", False),  # asks
        ("3号楼谁在修", False),
        ("3号楼明天几点去", False),
        ("3号楼停电了", False),  # a problem, no work
        ("2个人去现场了", False),
        ("3点去现场", False),
        ("1 收到", False),
    ],
)
def test_staff_telling_of_an_issue_in_a_group(text: str, told: bool) -> None:
    assert_heard_or_chat(text, RouteKind.WORK_TOLD, heard=told)


def test_a_building_fixed_is_staff_telling_in_a_work_group_and_a_reporter_elsewhere() -> None:
    heard = route("3号楼的灯换好了")
    assert heard.kind is RouteKind.WORK_TOLD
    assert heard.otherwise is not None and heard.otherwise.kind is RouteKind.FIXED


def assert_heard_or_chat(text: str, kind: RouteKind, *, heard: bool) -> None:
    """Said in a group, `text` is perhaps `kind` (and chat when nothing it answers is there),
    or plain chat."""
    result = route(text)
    assert (result.kind is kind) is heard
    if heard:
        assert result.otherwise is not None and result.otherwise.kind is RouteKind.IGNORE


@pytest.mark.parametrize(
    ("text", "filters"),
    [
        ("超期的有哪些", "红"),
        ("有没有超期的？", "红"),
        ("超期的是谁负责的", "红"),  # the list names who holds each
        ("哪些还没派单", "未派单"),
        ("快到期的有几条", "黄"),
        # Said short, 「…的」: the word's 台账.
        ("还没派单的", "未派单"),
        ("待受理的", "待受理"),
        ("紧急的", "紧急"),
        ("今天到期的", "今天到期"),
        ("没办完的", ""),
        ("超期的呢", "红"),
        # Due on a day or in a week: the day named (台账 今天到期).
        ("今天有哪些到期的", "今天到期"),
        ("今天有哪些工单到期", "今天到期"),
        ("这周要到期的有几件", "这周到期"),
        ("明天有到期的吗", "明天到期"),
        ("网格3今天到期的有哪些", "今天到期 网格3"),
        ("我手上明天到期的有几件", "明天到期 我的"),
        ("昨天到期的还有哪些没办", "昨天到期"),
        ("还有哪些没办完", ""),
        ("我手上还有几件", "我的"),
        ("我手上有几件超期", "红 我的"),
        # A grid, a building, a unit or someone named first narrows it.
        ("网格3还有哪些没办完", "网格3"),
        ("网格3有超期的吗", "红 网格3"),
        ("5号楼有哪些问题", "5号楼"),
        ("刘物业手上有几件", "刘物业"),
        ("超期最多的是谁", "单位"),
        ("积压最多的是哪家", "单位"),
        ("赵网格那边怎么样了", "赵网格"),  # how things stand with a holder: what they hold
        ("物业那边情况如何", "物业"),
        ("12345的还有哪些没办", "12345"),  # the 来源
        ("物业还有几件没办", "物业"),
        ("网格3今天有什么事", "网格3"),
        # What is pressing: the whole 台账, most urgent first; what is urgent: 台账 紧急.
        ("今天有什么要紧的", ""),
        ("我今天要干什么", ""),
        ("我这周的任务", ""),
        ("今天该做啥", ""),
        ("今天要办的", ""),
        ("我今天有什么要做的", ""),
        ("我今天有什么事", ""),
        ("今天有几件要办", ""),
        ("我还有多少活要干", ""),
        ("今天有啥要办的", ""),
        ("还有什么要处理的吗", ""),
        ("早上好，今天有什么要处理的", ""),  # a greeting first is no part of it
        ("有什么急事吗", "紧急"),
        ("紧急的有哪些", "紧急"),
        ("有没有紧急的", "紧急"),
        ("这周要到期的", "本周到期"),
        ("明天快到期的", "明天到期"),
        # A status by its word; done and waiting for the rating: 待回访.
        ("待受理的有哪些", "待受理"),
        ("要回访的有哪些", "待回访"),
        ("还有哪些没评价", "待回访"),
        ("我手上待回访的有几件", "待回访 我的"),
        ("今天新来的有哪些", "待受理"),
        ("有新的诉求吗", "待受理"),
        ("超期最久的是哪个", "红"),
        ("帮我看看超期的", "红"),
        ("把超期的事项发我", "红"),  # it met silence
        ("超期的发我看看", "红"),
        ("超期的", "红"),
        ("我们网格的超期", "红"),
        ("看一下逾期的工单", "红"),
        ("我们楼有哪些问题", ""),  # their own 台账 (a 楼栋长's is their building's)
        ("我们楼反映了几件", ""),
        ("我们楼的事情都处理了吗", ""),  # what is still open there
        ("我们楼的问题都解决了没有", ""),
        ("我手上有什么", "我的"),
        ("我手上有啥", "我的"),
        # A holder's words for the work.
        ("我的单子", ""),
        ("今天有几单", ""),
        ("我手上还有几个工单", "我的"),
        # How many each holder has: 台账 单位.
        ("各单位手上有多少件", "单位"),
        ("谁手上的事最多", "单位"),
        ("大家手上各有几件", "单位"),
        ("今天新来的诉求", "今天"),  # those filed then
        ("今天收了哪些", "今天"),
        ("这周反映了哪些问题", "本周"),
        ("哪个单位积压最多", "单位"),
        ("谁的超期最多", "单位"),
        ("哪个单位超期最多", "单位"),
        ("今天有什么新情况", "待受理"),
        ("今天有什么新的", "待受理"),
        # A filter word alone, as typed in the work group.
        ("待受理", "待受理"),
        ("超期", "红"),
        ("本周到期", "本周到期"),
        ("未派单", "未派单"),
        ("今天有新的反映吗", "待受理"),
        ("今天有新反映没有", "待受理"),
        ("今天有什么新的诉求", "待受理"),  # it met silence
        # Those filed in a period: 台账 上月.
        ("上个月的还有哪些没办", "上月"),
        ("10月份报的还有几件没办完", "10月"),
        ("上个月的超期的有哪些", "上月 红"),
        # What was done in a period: 台账 办结 本周.
        ("今天办结了哪些", "办结 今天"),
        ("这周都办完了什么", "办结 本周"),
        ("上个月办结的有哪些", "办结 上月"),
        ("我今天办结了哪些", "办结 今天 我的"),
    ],
)
def test_the_ledger_asked_in_words(text: str, filters: str) -> None:
    asked = route(text, chat=PRIVATE)
    assert asked.kind is RouteKind.LEDGER_ASKED
    assert asked.command is not None and asked.command.name == "list"
    assert asked.args == filters
    assert asked.otherwise is not None and asked.otherwise.kind is RouteKind.PRIVATE


@pytest.mark.parametrize(
    "text",
    [
        "超期了怎么办",
        "有多少人参加",
        "大家有什么事吗",
        "3号楼还有哪些没修好，麻烦物业尽快安排一下",
        "3号楼有几个老人独居，需要关注一下",  # tells of some, then asks for care
        "有人管吗",
        "有新的消息吗",
        "你哪个孩子",
        "明天到期了",  # says, asks nothing
        "超期了",
        "要办的事太多了",
        "今天合同到期了吗",  # to a neighbour: 7 characters between
        "老家那边怎么样了",  # no holder named
        "小王那边怎么样了",
        # What a holder answers with, or a remark: no filter alone.
        "已受理",
        "办理中",
        "在办",
        "紧急",
        "没派单",
    ],
)
def test_other_questions_are_no_ledger(text: str) -> None:
    assert route(text, chat=PRIVATE).kind is not RouteKind.LEDGER_ASKED


@pytest.mark.parametrize(
    ("said", "private", "meant"),
    [
        ("我们网格员是谁", False, "网格员"),
        ("网格员有哪些", False, "网格员"),
        ("有哪些网格员", False, "网格员"),
        ("请问社区主任是谁", False, "社区主任"),
        ("你们几点下班", True, "社区"),
        ("你们几点下班", False, None),  # in a group, said to neighbours
        # Whether an office is open then: its hours and number.
        ("周末社区有人吗", False, "社区"),
        ("社区星期六开门吗", False, "社区"),
        ("物业晚上有人值班吗", False, "物业"),
        ("我们网格的网格员是谁", True, "网格员"),  # whose grid: the asker's home's
        ("我们这个网格的网格员是谁", False, "网格员"),
        ("周六上班吗", True, "社区"),  # said to the bot, of the office it speaks for
        ("周六上班吗", False, None),
        ("快递站今天开门吗", False, None),  # no office of the community's
        ("有人在吗", True, None),
        ("都有哪些楼栋长", False, "楼栋长"),
        ("小区有几个网格员", False, "网格员"),
        ("我们社区一共有几位楼栋长", False, "楼栋长"),
        ("小区有几个垃圾桶", True, None),  # a question of the estate, nobody to reach
        ("5号楼的楼栋长都有谁", False, "5号楼 楼栋长"),
        ("5号楼的楼栋长是谁", False, "5号楼 楼栋长"),
        ("怎么联系社区", False, "社区"),
        ("有物业的电话吗", False, "物业"),
        # Asked as a favour, or of its office (they were passed on to staff as 问N).
        ("能帮我查一下社区电话吗", True, "社区"),
        ("告诉我物业电话", True, "物业"),
        ("社区办公室在哪", True, "社区"),
        ("派出所电话多少", False, "派出所"),
        ("联系方式", True, ""),
        ("联系方式", False, None),  # in a group, said to a neighbour
        ("你电话多少", True, None),
        ("网格员", True, None),
        ("物业电话是多少，我家水管漏了好几天没人管", True, None),  # a report
        # A greeting before the question is not part of it.
        ("大家好,有人知道物业电话吗", False, "物业"),
        ("打扰一下,网格员是谁", False, "网格员"),
        ("你好", True, None),
    ],
)
def test_who_to_call_is_read_from_the_question(said: str, private: bool, meant: str | None) -> None:
    assert contact_asked(said, private=private) == meant


@pytest.mark.parametrize(
    ("said", "period"),
    [
        ("这周收了几件", "本周"),
        ("这个月有几件", "本月"),  # (met the staff hint)
        ("网格3这个月有几件", "本月 网格3"),  # (the grid's 台账, the month dropped)
        # how many of a 楼栋长's buildings (their 统计: handlers.stats)
        ("这个月我们楼反映了几件", "本月"),
        ("我们楼这个月反映了几件", "本月"),
        ("咱们楼上个月报了几件", "上月"),
        ("本周的情况怎么样", "本周"),
        ("网格5怎么样", "本月 网格5"),  # a grid alone: this month's (it was not understood)
        ("网格3本周怎么样", "本周 网格3"),
        ("情况如何", None),
        ("这个月怎么样", "本月"),
        ("网格5这个月怎么样", "本月 网格5"),
        ("网格3本周情况", "本周 网格3"),
        ("这个月总体情况如何", "本月"),
        ("这周干了啥", "本周"),
        ("网格3这周都做了哪些工作", "本周 网格3"),
        ("上个月的数据", "上月"),
        ("上个月一共办结了多少条诉求", "上月"),
        ("今天收了几件", "今天"),
        ("今天收了几件快递", None),
        ("本周新增了多少", "本周"),
        ("今天新报了几件", "今天"),
        ("这周新增了几个人", None),
        ("今天有几条新的", "今天"),
        ("今天来了几个诉求", "今天"),
        ("本月新收了多少件", "本月"),
        ("今天来了几个人", None),
        # Narrowed by a grid, a building or a category named with it.
        ("网格3这个月收了几件", "本月 网格3"),
        ("3号楼这个月有多少诉求", "本月 3号楼"),
        ("今年照明的问题有多少", "今年 照明"),
        ("今年大家的问题有多少", "今年"),
        ("本月排水的问题多吗", "本月 排水"),
        ("停车的问题有多少", "本月 停车"),  # no period: this month's
        ("孩子的问题有多少", "本月 孩子"),  # 统计 answers what it does not know as such
        ("大家的问题有多少", None),
        ("今年一共多少诉求", "今年"),
        ("这个月收了多少件,办结了多少", "本月"),
        ("最近什么问题最多", "本月"),
        ("这个月哪类问题最多", "本月"),
        ("今天有几件超期", None),  # the 台账's
        ("这周收了几件衣服", None),
        # The rates, or the grids' lines: this month's unless a period is said.
        ("满意率多少", "本月"),
        ("上个月满意率怎么样", "上月"),
        ("哪个网格办结率最低", "本月"),
        ("各网格情况", "本月"),
        ("哪个网格问题最多", "本月"),
        ("各网格比一比", "本月"),
        ("网格3和网格5比一下", "本月"),
        ("今年哪个网格的诉求最多", "今年"),
        ("网格最多", None),
        ("我的满意率", None),
        # A unit's (统计 … 物业), and 满意度 for 满意率.
        ("物业的满意度怎么样", "本月 物业"),
        ("物业这个月的办结率", "本月 物业"),
        ("供电局办结率多少", "本月 供电局"),
        ("居民满意度怎么样", "本月"),
        ("满意度高吗", "本月"),
        # What someone did (统计 reads the name; one it does not know leaves the words chat).
        ("张网格今天处理了几件", "今天 张网格"),
        ("这个月张网格办结了多少", "本月 张网格"),
        ("我这周办了几件", "本周 我"),
        ("网格员这个月的工作量", "本月 网格员"),
        ("张网格的工作量", "本月 张网格"),
        ("我们今天处理了几件", "今天"),
        ("孩子今天做了几道题", None),
        ("他做了几个菜", None),
        ("小王今天来了几个", None),
        ("这周谁办得最多", "本周 人员"),
        # Everyone's (「大家的工作量」 was the community's figures; 「工作量」 nothing).
        ("工作量", "本月 人员"),
        ("看看大家的工作量", "本月 人员"),
        ("这周的工作量", "本周 人员"),
        ("这个月哪个网格员处理的最少", "本月 网格员"),
        ("这个月12345来了几件", "本月 12345"),
        ("12345的工单这个月有几个", "本月 12345"),  # (the open ones' 台账 before)
        ("这个月12345有几单", "本月 12345"),
        ("12345一共派了多少单", "本月 12345"),
        ("12345热线本月多少件", "本月 12345热线"),
        # How long the issues done took: 统计 … 用时, a unit's when named.
        ("平均办结时长", "本月 用时"),
        ("办结一件平均要几天", "本月 用时"),
        ("这个月平均多久办结", "本月 用时"),
        ("上个月的平均办结用时是多少", "上月 用时"),
        ("今年平均处理时间", "今年 用时"),
        ("物业平均几天修好", "本月 物业 用时"),
        ("张网格平均多久办结", "本月 张网格 用时"),
        ("网格3平均多久办结", "本月 网格3 用时"),
        ("我们平均几天修好", "本月 用时"),
        ("办结用时多少", "本月 用时"),
        ("今天几点", None),
        ("平均分多少", None),
        ("平均每天几条", None),
    ],
)
def test_the_statistics_period_is_read_from_the_question(said: str, period: str | None) -> None:
    assert stats_asked(said) == period


@pytest.mark.parametrize(
    ("said", "words"),
    [
        ("提醒报名的人明天开会", "明天开会"),
        ("提醒一下参会的人，请带上身份证", "请带上身份证"),
        ("通知报名的居民", ""),
        ("再提醒参加会议的人", ""),
        ("提醒大家明天开会", None),  # a reminder for the group (提醒 明天 …)
        ("报名的人多吗", None),
    ],
)
def test_the_attendees_to_remind_and_what_to_tell_them(said: str, words: str | None) -> None:
    start = attendees_to_remind(said)
    assert (said[start:] if start is not None else None) == words


@pytest.mark.parametrize(
    ("said", "role"),
    [
        ("孙丽调到网格5了", "孙丽 网格员 网格5"),
        ("网格员孙丽已经调整到网格12", "孙丽 网格员 网格12"),
        ("孙丽以后负责网格3", "孙丽 网格员 网格3"),
        ("@孙丽 换到网格5了", "@孙丽 网格员 网格5"),  # a mention, with the space after it
        ("@孙丽换到网格5了", "@孙丽 网格员 网格5"),
        ("孙丽离职了", "孙丽 居民"),
        ("楼栋长陈明退休了", "陈明 居民"),
        ("孙丽调到街道去了", "孙丽 居民"),
        ("孙丽已经不干了", "孙丽 居民"),
        ("我调到网格5了", None),
        ("他离职了", None),
        ("孙丽走了", None),  # went home, or away: not said of a post
        ("孙丽调到网格5了吗", None),
        ("孙丽去网格5了", None),  # on a round
    ],
)
def test_a_change_of_post_is_read_as_the_role_it_sets(said: str, role: str | None) -> None:
    assert post_changed(said) == role


@pytest.mark.parametrize(
    ("said", "subject"),
    [
        ("3号楼2单元灯修好了吗", "3号楼2单元灯"),
        ("楼道灯修好了没有", "楼道灯"),
        ("5号楼电梯什么时候能修好", "5号楼电梯"),
        ("3号楼的电梯好了没", "3号楼的电梯"),
        ("下水道通了没", "下水道"),
        ("小区东门路灯什么时候修", "小区东门路灯"),
        ("3号楼怎么样了", "3号楼"),
        ("3号楼的情况", "3号楼"),
        ("南门道闸最近情况如何", "南门道闸"),
        ("家里情况怎么样", None),
        # An issue or a meeting by its number, a person, a time: not a problem somewhere.
        ("1号修好了吗", None),
        ("#1怎么样了", None),
        ("M1怎么样了", None),
        ("你们处理了吗", None),
        ("他怎么样了", None),
        ("今天怎么样了", None),
        ("3号楼楼道灯坏了", None),  # told, not asked
    ],
)
def test_a_problem_asked_after_by_what_and_where(said: str, subject: str | None) -> None:
    assert problem_asked(said) == subject


@pytest.mark.parametrize(
    ("said", "private", "wanted"),
    [
        ("给网格3群发个通知：明天停水", False, ("网格3", "明天停水")),
        ("发个通知给网格5群，周六义诊", False, ("网格5", "周六义诊")),
        ("在居民群里通知一下：明天停电", False, ("全部", "明天停电")),
        ("通知大家明天上午停水", True, ("全部", "明天上午停水")),
        ("通知大家明天上午停水", False, None),  # in a work group, said to colleagues
        # 群发's own words with 通知: whom it names after a space is whom it is for.
        ("通知 网格3 周四停水", False, ("网格3", "周四停水")),
        ("通知 全部：明天电梯检修", False, ("全部", "明天电梯检修")),
        ("通知网格3的张网格明天来开会", False, None),
        ("群发通知", True, None),
        ("收到通知了", True, None),
        ("我通知大家了", True, None),
        # To no group named, or to 大家: every residents' group; among colleagues, theirs.
        ("给大家发个通知：明天停水", True, ("全部", "明天停水")),
        ("发个通知：明天停水", True, ("全部", "明天停水")),
        ("发个通知：明天停水", False, None),
        ("发通知了吗", True, None),
        # Colleagues: the work group.
        ("给网格员发个通知：明天上午9点开会", True, ("工作群", "明天上午9点开会")),
        ("通知所有网格员明天上午9点开会", True, ("工作群", "明天上午9点开会")),
        ("通知所有网格员明天上午9点开会", False, None),  # in the work group, they read it
    ],
)
def test_a_notice_asked_for_in_words(
    said: str, private: bool, wanted: tuple[str, str] | None
) -> None:
    found = notice_wanted(said, private=private)
    assert (found and (found.whom, said[found.start :])) == wanted
    assert found is None or found.when == ""


@pytest.mark.parametrize(
    ("said", "notice"),
    [
        ("各位居民，明天上午9点到11点停水检修，请提前储水", True),
        ("通知：周三下午2点到5点3号楼停电", True),
        ("【通知】本周六上午义诊", True),
        ("温馨提示：本周四上午电梯年检，暂停使用", True),
        ("今晚8点到10点二次供水水箱清洗", True),
        ("3号楼停电了，正在抢修，预计下午3点来电", True),
        ("明天停水吗", False),  # asked
        ("明天几点停水？", False),
        ("停水到几点", False),
        ("停水了", False),  # no when: news of now, perhaps a report
        ("明天上午我去3号楼看看", False),  # no outage, no heading
        ("通知大家", False),  # too short to be one
        ("各位居民明天几点开会", False),
    ],
)
def test_a_notice_posted_in_a_group_reads_as_one(said: str, notice: bool) -> None:
    assert reads_as_notice(normalize(said)) is notice


@pytest.mark.parametrize(
    ("said", "acted"),
    [
        ("把王芳的事情标为紧急", ("王芳", "hurry", "")),
        ("王芳反映的那件催一下", ("王芳", "urge", "")),
        ("把孙大爷的问题派给刘物业", ("孙大爷", "assign", "刘物业")),
        ("王芳的事加急吧", ("王芳", "hurry", "")),
        ("这个事情标为紧急", ("", "hurry", "")),  # which, it does not say
        ("加急", None),  # the command itself
        ("这个事情很紧急", None),  # told, not asked of the bot
        ("王芳的灯坏了", None),
    ],
)
def test_staff_acting_on_someones_report_by_name(
    said: str, acted: tuple[str, str, str] | None
) -> None:
    assert reporter_acted(said) == acted


def test_a_notice_asked_for_later_says_when() -> None:
    found = notice_wanted("明天早上8点给全部群发通知：今天停水", private=False)
    assert found is not None
    assert (found.whom, found.when) == ("全部", "明天早上8点")
    assert notice_wanted("明天早上8点通知大家开会", private=False) is None  # to colleagues


@pytest.mark.parametrize(
    ("said", "told"),
    [
        ("告诉2号报事人：明天上午物业来修", (2, "明天上午物业来修")),
        ("跟2号报事人说一下，明天上午来修", (2, "明天上午来修")),
        ("回复2号：明天来修", (2, "明天来修")),
        ("给2号回个话，明天来修", (2, "明天来修")),
        ("把2号的情况跟孙先生说一下", (2, "")),
        ("把#2的情况转告报事人", (2, "")),
        ("2号的进展跟报事人讲一下", (2, "")),
        ("通知2号楼的住户明天停水", None),  # a building
        ("给2号楼回个话", None),
        ("我跟2号说了", None),  # told already, by the speaker
        ("和2号一起去", None),
        ("告诉王芳明天来修", None),  # a name, not an issue
    ],
)
def test_telling_a_reporter_is_read_from_the_words(said: str, told: tuple[int, str] | None) -> None:
    assert reporter_told(said) == told


WATER = "因管网检修，11月25日（周三）9:00-15:00 3号楼、5号楼停水，请提前储水"
LIFT = "3号楼电梯周五上午检修，请走楼梯"


@pytest.mark.parametrize(
    ("question", "answered_by"),
    [
        ("明天停水吗", WATER),
        ("停水到几点", WATER),
        ("电梯什么时候检修完", LIFT),
        ("楼道灯什么时候修", None),  # 楼道 names no notice
        ("今天停电吗", None),
        ("电梯又坏了吗", None),  # a notice on maintenance says nothing of a breakdown
        ("什么时候", None),  # nothing named
    ],
)
def test_a_notice_answers_a_question_holding_every_word_it_names(
    question: str, answered_by: str | None
) -> None:
    naming = naming_words(Analyzer().words(question))
    answering = [n for n in (WATER, LIFT) if notice_answers(naming, n)]
    assert answering == ([answered_by] if answered_by else [])


@pytest.mark.parametrize(
    ("said", "meeting"),
    [
        ("M1怎么样了", "M1"),
        ("m2 有几条异议", "M2"),
        ("M1收到几条异议了", "M1"),
        ("M3投票情况", "M3"),
        ("M1结果出来了吗", "M1"),
        ("公示情况怎么样", ""),  # the meetings under way
        ("投票情况", ""),
        ("有几条异议了", ""),
        ("M1", None),  # a ballot's start, or nothing
        ("M1 2", None),
        ("M1定在哪天", None),
        ("3号楼怎么样了", None),
        ("议事会有几个人报名", "议事会"),  # by its kind: the one still to come
        ("这次板凳会情况怎么样", "板凳会"),
        ("议事会情况如何", ""),
        ("还有谁没投", ""),  # the votes under way, with how many have voted
        ("投了多少票了", ""),
        ("投票结果", ""),
        ("表决结果出来了吗", ""),
        ("现在几票了", ""),
        ("M2现在几票了", "M2"),
        ("M2投票结果", "M2"),
        ("几票", None),
        ("谁没投", ""),
        ("还有谁没来", None),
        ("M1谁报名了", "M1"),
        ("有几个人报名了", ""),  # the meetings coming, with how many signed up
        ("报名的有几个人", ""),
        ("报名名单", "会议"),  # the one still to come, with who comes
        ("谁报名了", "会议"),
        ("都有谁参加", "会议"),
        ("议事会报名名单", "议事会"),
        ("几个人报名了", ""),
        ("谁报名了跳舞班", None),
        # 会议: whatever its kind
        ("会议情况", "会议"),
        ("会议怎么样了", "会议"),
        ("会议记录", "会议"),
        ("议事会纪要", "议事会"),
        ("M1的记录", "M1"),
        ("报名情况", ""),
        ("会议", None),
        ("记录", None),
        ("会议室在哪", None),
    ],
)
def test_a_meeting_is_asked_after_by_its_number(said: str, meeting: str | None) -> None:
    assert meeting_state_asked(said) == meeting


@pytest.mark.parametrize(
    ("said", "issues"),
    [
        ("2号和1号是一回事", (2, 1)),
        ("#1跟#3重复了", (3, 1)),
        ("4与2是同一个问题", (4, 2)),
        ("1和1是一回事", None),
        ("2号和1号是一件事", (2, 1)),  # it met silence
        ("1号跟2号是同一个问题", (2, 1)),
        ("2号和1号是一回事，合并", (2, 1)),
        ("3跟1重复了，合并一下", (3, 1)),
        ("4号和2号合并吧", (4, 2)),
        ("把1号和2号合并", (2, 1)),
        ("把1号和3号合成一个", (3, 1)),
        ("2号和1号是一回事吗", None),  # asks
        ("2号楼和1号楼是一回事", None),
    ],
)
def test_two_issues_said_to_be_one(said: str, issues: tuple[int, int] | None) -> None:
    assert same_issues_said(said) == issues


@pytest.mark.parametrize(
    ("said", "issue"),
    [
        ("1号我来跟", 1),
        ("#2 我来处理吧", 2),
        ("3号我负责", 3),
        ("12我跟进", 12),
        ("1号我来跟进一下", 1),
        ("2号给我吧", 2),
        ("3号交给我", 3),
        ("1号我来", None),  # 「on the 1st I'll come」
        ("1号我来接", None),  # 「(on) the 1st I'll pick up」
        ("1号楼我来处理", None),
        ("1号我来处理吗", None),
        ("我来处理1号", 1),  # said the other way round
        ("我负责2号吧", 2),
        ("我来处理1号楼", None),
        ("我来", None),
    ],
)
def test_an_issue_staff_take_on_themselves(said: str, issue: int | None) -> None:
    assert taken_on(said) == issue


def test_a_recall_is_routed_as_one_whatever_it_says() -> None:
    message = IncomingMessage(GROUP, WANG, "", "m2", datetime(2026, 11, 23, tzinfo=UTC))
    recalled = ROUTER.route(replace(message, recalled="m1"))
    assert (recalled.kind, recalled.text) == (RouteKind.RECALL, "m1")
    assert recalled.otherwise is not None and recalled.otherwise.kind is RouteKind.IGNORE


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("怎么派单", "派单"),
        ("派单怎么用", "派单"),
        ("如何评价？", "评价"),
        ("催办是什么意思", "催办 意思"),  # what it means, which a resident is told
        ("什么叫办结", "办结 意思"),
    ],
)
def test_asking_how_a_command_goes_gets_its_help(text: str, word: str) -> None:
    asked = route(text, chat=PRIVATE)
    assert asked.kind is RouteKind.COMMAND
    assert asked.command is not None and asked.command.name == "help"
    assert asked.args == word
    assert route(text, chat=GROUP).kind is not RouteKind.COMMAND  # neighbours ask each other
    assert route(text, chat=GROUP, mention=True).kind is RouteKind.COMMAND


@pytest.mark.parametrize("text", ["怎么办", "怎么回事", "怎么还没修", "吃饭怎么样"])
def test_other_how_questions_are_not_help(text: str) -> None:
    asked = route(text, chat=PRIVATE)
    assert asked.command is None or asked.command.name != "help"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("我的反映撤回吧，灯已经好了", RouteKind.WITHDRAWN),
        ("刚才那个不用了", RouteKind.WITHDRAWN),  # the one just made
        ("我要取消刚才的报事", RouteKind.WITHDRAWN),
        ("撤回刚才那条", RouteKind.WITHDRAWN),
        ("刚才取消了", RouteKind.IGNORE),  # something else called off
        ("刚刚的会不开了", RouteKind.IGNORE),
        ("我报的那个井盖不用修了，物业已经弄好了", RouteKind.WITHDRAWN),
        ("撤回我的诉求", RouteKind.WITHDRAWN),
        ("我的那个撤回吧，人家已经不抽了", RouteKind.WITHDRAWN),
        ("我的这个手机不用修了", RouteKind.IGNORE),
        ("我的车不用管了", RouteKind.IGNORE),  # about no report
        ("我说的那个不用管了", RouteKind.IGNORE),
        ("我的快递撤回了", RouteKind.IGNORE),
        ("我撤回了一条消息", RouteKind.IGNORE),  # WeChat's 撤回
        ("算了，不用管了", RouteKind.WITHDRAWN),
        ("不用修了", RouteKind.WITHDRAWN),
        ("灯好了，不用修了", RouteKind.WITHDRAWN),
        ("我的手机好了，不用修了", RouteKind.IGNORE),
        ("算了吧", RouteKind.IGNORE),
        ("电梯修好了，谢谢", RouteKind.FIXED),  # perhaps a reporter's: the dispatcher looks
        ("灯已经修好了", RouteKind.FIXED),
    ],
)
def test_a_report_taken_back_in_a_group_is_its_reporters_to_take(
    text: str, kind: RouteKind
) -> None:
    result = route(text)
    assert result.kind is kind
    if kind is RouteKind.WITHDRAWN:  # nothing of theirs open there: chat
        assert result.otherwise is not None and result.otherwise.kind is RouteKind.IGNORE


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("M1 发到全部", "M1 全部"),
        ("把M2也发到网格3群和网格5群", "M2 网格3群和网格5群"),
        ("m3转发到居民群里", "m3 居民群"),
        ("发到 M1 网格3", "M1 网格3"),
    ],
)
def test_a_meeting_sent_on_to_more_groups_as_staff_say_it(text: str, args: str) -> None:
    sent = route(text)
    assert sent.command is not None and sent.command.name == "share_meeting"
    assert sent.args == args


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("议事会是讨论什么的", True),
        ("开会在哪里", True),
        ("这个会议题是什么", True),
        ("开会了吗", False),
        ("讨论什么呢", False),  # of no meeting
        ("投票什么时候截止", True),  # a poll's close
        ("表决结果什么时候出来", True),
        ("我投票了", False),
        # Bare, where a meeting was sent (the dispatcher asks whether one is coming there).
        ("几点开始", True),
        ("在哪开", True),
        ("什么时候开啊", True),
        ("几点开始上课", False),
        ("公示到什么时候", True),  # where a 公示 is open (the dispatcher asks)
        ("我能参加吗", True),  # whether one may come: it, with how to sign up
        ("居民可以旁听吗", True),
        ("怎么报名", True),
        ("我能参加跳舞班吗", False),
    ],
)
def test_a_meeting_is_asked_after_in_a_group(text: str, asked: bool) -> None:
    assert (route(text).kind is RouteKind.MEETING_ASKED) is asked


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("我周四周六都不行，能线上参加吗", True),
        ("我有事去不了，能不能线上", True),  # the meeting named by not going
        ("可以让我儿子代我投票吗", True),
        ("会议有直播吗", True),
        ("能不能视频参加", True),
        ("我能带个人吗", True),
        ("我有事去不了，能提意见吗", True),
        ("我带孩子去医院了", False),
        ("监控有录像吗", False),
        ("你看那个视频了吗", False),
        ("我能参加吗", False),  # whether one may come: the bot answers that itself
    ],
)
def test_taking_part_some_other_way_is_a_question_for_the_meeting(text: str, asked: bool) -> None:
    heard = route(text)
    assert (heard.kind is RouteKind.TAKING_PART_ASKED) is asked
    if asked:  # with no meeting there, chat
        assert heard.otherwise is not None and heard.otherwise.kind is RouteKind.IGNORE


@pytest.mark.parametrize(
    ("said", "faq"),
    [
        ("反映问题有用吗", "how_long"),
        ("你们处理问题一般要多久", "how_long"),
        ("能不能发照片", "photos"),
        ("可以上传视频吗", "photos"),
        ("反映问题需要留电话吗", "contact"),
        ("要实名吗", None),  # says nothing of the service
        ("楼道灯坏了多久了也没人修", None),  # no question about the service
        ("照片发群里了", None),
        ("网格员在吗", "human"),  # who to call
        ("有工作人员在吗", "human"),
        ("王芳在吗", None),
    ],
)
def test_questions_about_the_service_are_told_apart(said: str, faq: str | None) -> None:
    assert service_asked(said) == faq


@pytest.mark.parametrize(
    ("said", "news"),
    [
        ("人已经送医院了，谢谢大家", True),
        ("火已经灭了", True),
        ("电工来了，已经断电了", True),
        ("120到了", True),
        ("没事了，虚惊一场", True),
        ("已经处理了吗", False),  # asks
        ("电工来了吗", False),
        ("今天天气不错", False),
        ("我家的猫找到了", False),
    ],
)
def test_news_of_an_emergency_is_told_from_chatter(said: str, news: bool) -> None:
    assert emergency_news(normalize(said)) is news
    if news:  # in a group: news, when the sender reported an emergency there just now
        chain, result = [], route(said)  # (「没事了」 may answer a 回头看 first)
        while result is not None:
            chain.append(result.kind)
            result = result.otherwise
        assert chain[-2:] == [RouteKind.EMERGENCY_NEWS, RouteKind.IGNORE]


@pytest.mark.parametrize(
    ("said", "checked"),
    [
        ("我去看了，3号楼2单元3楼和4楼的灯都不亮", True),
        ("刚上去看过，确实漏水", True),
        ("核实了，是楼上水管", True),
        ("我已经去看过了，确实坏了", True),
        ("我去看了", False),  # nothing found said
        ("你去看了吗", False),
        ("看了吗", False),
        ("我看过了这个视频很好笑", False),
        ("3号楼2单元的灯我看了，确实不亮", True),  # the place looked at first
        ("楼道的灯我刚去看过，确实坏了", True),
        ("这个视频我看了，挺好", False),
        ("3号楼的事我知道了", False),
        ("今天天气不错", False),
    ],
)
def test_a_check_on_the_spot_is_told_from_chatter(said: str, checked: bool) -> None:
    assert checked_said(normalize(said)) is checked
    assert (route(said).kind is RouteKind.CHECKED) is checked  # in a group, after a report


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("明天几点停水", True),
        ("停水到几点", True),
        ("周五电梯检修吗", True),
        ("好的", False),
        ("1号回访了吗", False),  # what was done: the notices do not say
        ("结果呢", False),
    ],
)
def test_a_short_question_in_a_group_may_be_one_a_notice_answers(said: str, asked: bool) -> None:
    result = route(said)
    assert (result.kind is RouteKind.NOTICE_ASKED) is asked
    if asked:  # else what the 办事指南 answers (no problem named: not 检修), else chat
        then = [] if result.otherwise is None else [result.otherwise.kind]
        if result.otherwise is not None and result.otherwise.otherwise is not None:
            then.append(result.otherwise.otherwise.kind)
        guided = "修" not in said
        assert then == ([RouteKind.GUIDE_ASKED] if guided else []) + [RouteKind.IGNORE]


def test_a_group_question_no_notice_answers_may_be_one_the_guide_answers() -> None:
    # Routing leaves 「物业费多少钱一平」 chat: the dispatcher asks the guide, only in a group
    # whose community has one (tests/e2e/test_guide.py).
    assert route("物业费多少钱一平").kind is RouteKind.IGNORE
    assert route("好的").kind is RouteKind.IGNORE


@pytest.mark.parametrize(
    ("text", "name", "args"),
    [
        ("#统计 本月", "stats", "本月"),
        ("＃统计 本月", "stats", "本月"),
        ("# 台账", "list", ""),
        ("＃受理 1", "accept", "1"),
        ("#派单 1 物业，周五前", "assign", "1 物业，周五前"),
        ("#积分", "points", ""),
    ],
)
def test_a_command_typed_with_the_tag_habit_is_the_command(text: str, name: str, args: str) -> None:
    routed = route(text)
    assert routed.kind is RouteKind.COMMAND and routed.command is not None
    assert (routed.command.name, routed.args) == (name, args)


@pytest.mark.parametrize(
    "text", ["#好人好事 王大爷扶老人过马路", "#结果公布了", "#统计一下大家意见"]
)
def test_other_hashtags_stay_chatter(text: str) -> None:
    assert route(text).kind is RouteKind.IGNORE


def test_a_hashed_report_tag_is_still_a_report() -> None:
    assert route("#报事 3号楼灯坏了").kind is RouteKind.REPORT


@pytest.mark.parametrize(
    ("text", "command", "args"),
    [
        ("1号太难了，吹哨给住建局", "escalate", "1 住建局"),
        ("1号不急，先派给物业", "assign", "1 物业"),
        ("3号我看了，退回吧 不归社区管", "reject", "3 不归社区管"),
        ("5号楼漏水，报给物业", None, ""),  # a building
        ("12号下午，派车去接老人", None, ""),
        ("1号太难了，派给谁好呢", None, ""),  # asks
    ],
)
def test_a_word_on_the_issue_before_the_verb_is_for_staff_to_say(
    text: str, command: str | None, args: str
) -> None:
    """Said privately or in a work group (`LEDGER_ASKED`); in a grid group it is chat."""
    result = route(text)
    if command is None:
        assert result.kind is RouteKind.IGNORE
        return
    assert result.kind is RouteKind.LEDGER_ASKED
    assert result.command is not None and result.command.name == command
    assert result.args == args
    assert result.otherwise is not None and result.otherwise.kind is RouteKind.IGNORE


@pytest.mark.parametrize(("text", "chat"), [("问题", PRIVATE), ("诉求", PRIVATE), ("角色", GROUP)])
def test_a_word_of_the_ledger_alone_or_in_a_group_is_no_listing(text: str, chat: ChatRef) -> None:
    assert route(text, chat=chat).command is None


def test_no_needed_word_hides_another_that_starts_with_it() -> None:
    """The words a phrasing needs are found in one pass that yields the shorter of two that
    start alike (「督」 of 「督促」): such a pair left the longer one's phrasings silent."""
    from bot.routing import _NEEDS  # the phrasings' own table: what the pass looks for

    words = sorted({word for needed in _NEEDS.values() for word in needed})
    hidden = [(a, b) for a in words for b in words if a != b and b.startswith(a)]
    assert hidden == []


@pytest.mark.parametrize(
    ("text", "cannot"),
    [
        ("修不了，要换整根管子", True),  # more (time) is needed, by them
        ("这个处理不了，得等配件", True),
        ("修不了，要住建局来", False),  # another unit's
        ("不归我们管，修不了", False),
        ("处理不了，要供电公司来", False),
        ("已经修好了", False),
    ],
)
def test_what_cannot_be_done_yet_is_told_apart_from_anothers_job(text: str, cannot: bool) -> None:
    assert cannot_yet(text) is cannot


@pytest.mark.parametrize(
    "text", ["刚才那个不用了", "刚刚的报事撤回", "刚发的那条不用了", "上一条撤回", "撤回刚才那条"]
)
def test_the_report_just_made_is_named_in_every_form(text: str) -> None:
    assert JUST_MADE.search(text) is not None
    assert withdrawn_said(text)


@pytest.mark.parametrize("text", ["上一条说错了", "刚发现井盖松了"])
def test_just_now_said_of_something_else_takes_nothing_back(text: str) -> None:
    assert not withdrawn_said(text)


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("垃圾几点收", True),
        ("停车证怎么办理", True),
        ("装修要准备什么材料", True),
        ("独生子女证明去哪开", True),  # (a 政务服务 matter: intake files it all the same)
        ("老年证在哪办", True),
        # What now, or something wrong: no question of how.
        ("怎么办", False),
        ("电动车没地方充电怎么办", False),
        ("垃圾几点收？都三天没人收了", False),
        ("物业在哪办公", False),
    ],
)
def test_how_a_thing_is_done_is_told_from_a_problem(said: str, asked: bool) -> None:
    assert procedure_asked(normalize(said)) is asked
