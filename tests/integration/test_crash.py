"""Crash test: thousands of messages replayed into a real `linli run`, SIGKILLed at random
points and started again on the same SQLite file; nothing is stored twice, nothing is answered
that was not stored, and no reminder goes out twice.

The script (seeded; the seed is printed, and `LINLI_CRASH_SEED=…` replays a failure) is mostly
resident reports (`#报事 123号楼下水道堵了 编号K00042`) from many people in 网格3群 and 网格5群,
then chatter (ignored), reminders set by residents privately and by workers and the secretary in
their group (`提醒 10:40 事K00042`), and platform redeliveries (a line fed a second time). Every
line carries a unique token and a fixed platform message id (`#id=K00042 …`, see
bot/adapters/console.py), so a line fed again is the same message delivered again. The reports
name `PLACES` different problems (one per building number): the first report of a problem files
an issue, later ones join it as duplicates (`与 #7 可能是同一问题`); more open issues would make
each report slower (every one is compared with every open issue) without testing anything more.

The bot runs on a fast clock (ten minutes a second), so reminders come due during the run. It is
killed `KILLS` times, each time once its answers show that it has got past a random message, and
after a further random delay (fewer times when, on a busy machine whose reader lags behind the
bot's output, a run has answered every message before its kill lands: the kills left would wait
for answers that redeliveries never get). After a kill it is started again, its clock on from where it was,
and fed again from the message after the last one it was seen to answer, the way a platform
redelivers what the bot has not confirmed: messages that were stored but whose answer was still
queued or cut off are fed again, and must not be handled a second time. To exercise that on
every kill, not only when one lands between a commit and its reply, the redelivery starts up to
`LAG` messages earlier still, as if the platform's confirmations lagged.

What an acknowledgement may do. Replies are queued in the outbox in the same transaction as the
issue, so a reply queued but not yet sent when the process died goes out after the restart. A
reply the process had claimed and was printing when it died is not sent again (at most once, see
bot/outbox.py): it is logged at the next start as cut off. So the test accepts:

- every report is stored exactly once (one inbound row; one issue holding its token if it filed
  one, none if it joined another issue as a duplicate; the report counts add up);
- every acknowledgement printed stands for a queued reply to a stored message and names the issue
  that message filed or joined; none is printed twice;
- a stored report may lack its acknowledgement only if that reply was cut off by a kill (logged),
  at most one per kill; a redelivered message gets no second answer;
- every reminder is printed at most once, and every one due before the end exactly once unless it
  was the message cut off by a kill.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import queue
import random
import re
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.support.conversation import EXAMPLE_CONFIG

LINLI = str(Path(sys.executable).parent / "linli")
SHANGHAI = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 11, 23, 8, 0, tzinfo=SHANGHAI)  # a Monday
SPEED = 600  # --clock-speed: ten minutes of bot time a second

# Lines in the script (the sentinel report at the end comes on top). The bot takes about 9 ms a
# message here, so 10,000 take 90-100 s on a 2-core machine; 4,000 would take about 40 s.
MESSAGES = 10_000
KILLS = 5
PLACES = 100  # different problems reported: the number of issues the run files
# After a kill, the platform also redelivers up to this many messages before the first one not
# seen answered, as if its confirmations lagged behind: all of them must be recognised as seen.
LAG = 30
REMINDERS_UNTIL = 0.3  # reminders are set in the first 30% of the script ...
# ... for a time no earlier than this many seconds of real time after the start plus this many
# per message before theirs: about twice what it takes, so none is set for a time already past.
REMINDER_SLACK_START, REMINDER_SLACK_PER_MESSAGE = 12.0, 0.016
STALL = 60.0  # seconds without a line from the bot before the test gives up

PROBLEMS = (
    "下水道堵了",
    "门口井盖坏了",
    "路灯不亮",
    "垃圾没人清理",
    "门口乱停车",
    "充电桩坏了",
    "楼上装修太吵",
    "监控坏了",
    "草坪没人修剪",
    "健身器材坏了",
)
# Thirty residents (two characters each); none of them has a role in the example config.
_NAMES = (
    "王芳李娜刘洋陈静杨磊黄敏赵强周杰吴丽徐涛孙悦马超朱琳胡斌郭华"
    "何平林峰罗敏梁宇宋佳唐亮许婷韩雪冯刚邓超曹阳彭丽曾华萧然田甜"
)
RESIDENTS = tuple(_NAMES[i : i + 2] for i in range(0, len(_NAMES), 2))
CHATTER = ("大家早上好", "今天天气不错", "晚上一起散步吧", "楼下的桂花开了", "周末有人去爬山吗")
GROUPS = ("网格3群", "网格5群")
# How answers to reports and reminders begin.
ACKS = ("已登记 #", "与 #", "您反映过的 #", "您关注的 #", "好的，")
# Who may set a reminder for a whole group, and where.
GROUP_REMINDERS = (("李书记", "网格3群"), ("李书记", "网格5群"), ("张网格", "网格3群"))

_SHOWN = re.compile(r"^\[(?P<where>[^\]]+)\] 邻里：(?P<text>.*)$")
_TOKEN = re.compile(r"K\d{5}")
_FILED = re.compile(r"已登记 #(?P<number>\d+)【[^】]*】(?P<building>\d+)号楼")
_JOINED = re.compile(r"与 #(?P<number>\d+) ")
# Logged at start for each outbox row a kill interrupted mid-send (bot/outbox.py).
_CUT_OFF = re.compile(
    r"message ([\d, ]+) to .*? may not have been delivered \(cut off by a restart"
)


@dataclass(frozen=True)
class Message:
    index: int
    token: str  # also the platform message id
    kind: str  # report | chatter | remind | again (a redelivery of an earlier line)
    where: str  # the chat as the console prints it: 网格3群, 私聊·王芳
    line: str
    building: int | None = None  # reports
    due: datetime | None = None  # reminders


def script(rng: random.Random) -> list[Message]:
    """The messages, in order; the last one is a report of a problem nobody else reports."""
    messages: list[Message] = []
    problems = {100 + n: rng.choice(PROBLEMS) for n in range(PLACES)}
    for index in range(MESSAGES):
        token = f"K{index:05d}"
        roll = rng.random()
        recent = [m for m in messages[-30:] if m.kind == "report"]
        if roll < 0.02 and recent:
            again = rng.choice(recent)
            messages.append(Message(index, again.token, "again", again.where, again.line))
        elif roll < 0.06 and index < MESSAGES * REMINDERS_UNTIL:
            messages.append(_reminder(rng, index, token))
        elif roll < 0.16:
            where = rng.choice(GROUPS)
            text = f"{rng.choice(CHATTER)} {token}"
            line = f"#id={token} @{rng.choice(RESIDENTS)}/{where}: {text}"
            messages.append(Message(index, token, "chatter", where, line))
        else:
            building = rng.choice(list(problems))
            where = rng.choice(GROUPS)
            text = f"#报事 {building}号楼{problems[building]} 编号{token}"
            line = f"#id={token} @{rng.choice(RESIDENTS)}/{where}: {text}"
            messages.append(Message(index, token, "report", where, line, building))
    token = f"K{MESSAGES:05d}"
    line = f"#id={token} @王芳/网格3群: #报事 999号楼门口井盖坏了 编号{token}"
    messages.append(Message(MESSAGES, token, "report", "网格3群", line, 999))
    return messages


def _reminder(rng: random.Random, index: int, token: str) -> Message:
    earliest = REMINDER_SLACK_START + index * REMINDER_SLACK_PER_MESSAGE
    due = START + timedelta(seconds=earliest * SPEED, minutes=rng.randint(5, 90))
    due = due.replace(second=0, microsecond=0) + timedelta(minutes=1)
    command = f"提醒 {due:%H:%M} 事{token}"
    if rng.random() < 0.5:
        person = rng.choice(RESIDENTS)
        line = f"#id={token} @{person}/私聊: {command}"
        return Message(index, token, "remind", f"私聊·{person}", line, due=due)
    person, where = rng.choice(GROUP_REMINDERS)
    return Message(
        index, token, "remind", where, f"#id={token} @{person}/{where}: {command}", due=due
    )


@dataclass
class Matcher:
    """Which message each answer the bot prints answers, as far as the console shows.

    The bot handles messages one at a time, in order, and sends each one's reply before taking
    the next, so its answers come in message order. An answer to a report names only the issue
    and, when it files one, the building (`已登记 #7【…】123号楼 …`, `与 #7 …`), so it is taken for
    the first report of that building (or, not knowing it, any report) in that chat not yet
    answered: never later than the report it really answers, so `resume` never skips a message
    the bot has not handled (at worst it feeds a few again). A reminder's answer names its token.
    """

    messages: list[Message]
    start: int
    position: int = field(init=False)
    last: int | None = None
    reports: dict[tuple[str, int | None], list[int]] = field(init=False)
    buildings: dict[int, int] = field(default_factory=dict)  # issue number: building

    def __post_init__(self) -> None:
        self.position = self.start
        self.reports = defaultdict(list)
        for message in self.messages:
            if message.kind == "report":
                self.reports[(message.where, message.building)].append(message.index)
                self.reports[(message.where, None)].append(message.index)

    def see(self, line: str) -> None:
        shown = _SHOWN.match(line.rstrip("\n"))
        if shown is None:
            return  # a continuation line of a message of several lines
        where, text = shown["where"], shown["text"]
        answered: int | None = None
        if filed := _FILED.match(text):
            self.buildings[int(filed["number"])] = int(filed["building"])
            answered = self._first((where, int(filed["building"])))
        elif joined := _JOINED.match(text):
            answered = self._first((where, self.buildings.get(int(joined["number"]))))
        elif not text.startswith(("⏰", "（补发）")) and (token := _TOKEN.search(text)):
            answered = int(token[0][1:])
        if answered is not None and answered >= self.position:
            self.position = answered + 1
            self.last = answered

    def _first(self, key: tuple[str, int | None]) -> int | None:
        candidates = self.reports.get(key, [])
        at = bisect.bisect_left(candidates, self.position)
        return candidates[at] if at < len(candidates) else None

    @property
    def resume(self) -> int:
        """Where feeding starts again after a kill: after the last message seen answered."""
        return self.start if self.last is None else self.last + 1


class Bot:
    """One `linli run` process: fed lines on a thread, its output read on two others."""

    def __init__(self, config: Path, clock_start: datetime, lines: list[str]) -> None:
        env = {k: v for k, v in os.environ.items() if k != "LINLI_DATABASE_URL"}
        self.started = time.monotonic()
        self.clock_start = clock_start
        fast = ["--clock-start", clock_start.isoformat(), "--clock-speed", str(SPEED)]
        self.process = subprocess.Popen(
            [LINLI, "--config", str(config), "run", *fast],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.stderr: list[str] = []
        self.release = threading.Event()  # set: close stdin once everything is written
        self._threads = [
            threading.Thread(target=target, args=(lines,), daemon=True)
            for target in (self._write, self._read, self._read_errors)
        ]
        for thread in self._threads:
            thread.start()

    def _write(self, lines: list[str]) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        try:
            for start in range(0, len(lines), 200):
                stdin.write("".join(line + "\n" for line in lines[start : start + 200]))
                stdin.flush()
            self.release.wait()
            stdin.close()
        except (BrokenPipeError, OSError, ValueError):
            pass  # killed while we were writing

    def _read(self, _lines: list[str]) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def _read_errors(self, _lines: list[str]) -> None:
        assert self.process.stderr is not None
        self.stderr.extend(self.process.stderr)

    def now(self) -> datetime:
        """The bot's clock, or a little ahead of it (it starts after the process does)."""
        return self.clock_start + timedelta(seconds=(time.monotonic() - self.started) * SPEED)

    def kill(self) -> None:
        self.process.kill()  # SIGKILL: no clean-up runs
        self.process.wait(timeout=10)

    def close(self) -> list[str]:
        """Wait for a bot told to stop (kill one still running), and return what it logged."""
        if self.release.is_set():
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=30)
        if self.process.poll() is None:
            self.kill()
        self.release.set()
        for thread in self._threads:
            thread.join(timeout=10)
        return self.stderr


def test_sigkill_storm_stores_and_answers_each_message_once(tmp_path: Path) -> None:
    seed = int(os.environ.get("LINLI_CRASH_SEED") or random.SystemRandom().randrange(10**6))
    print(f"\ncrash test seed: {seed} (LINLI_CRASH_SEED={seed} replays it)")
    database = tmp_path / "crash.db"
    config = tmp_path / "config.yaml"
    example = EXAMPLE_CONFIG.read_text(encoding="utf-8")
    assert "url: sqlite:///linli.db" in example
    config.write_text(example.replace("url: sqlite:///linli.db", f"url: sqlite:///{database}"))
    storm = Storm(config, seed)
    began = time.monotonic()
    kill_after = sorted(storm.rng.sample(range(MESSAGES // 20, MESSAGES * 9 // 10), KILLS))
    try:
        for run, after in enumerate([*kill_after, None]):
            if after is not None and storm.answered_all:
                continue  # every message answered before the last kill: none left to reach
            storm.run(after)
            print(f"crash test: run {run} {storm.runs[-1]}, {time.monotonic() - began:.1f} s")
    finally:
        # For a failure: what the bot printed and logged, beside its database.
        (tmp_path / "printed.txt").write_text("".join(storm.printed), encoding="utf-8")
        (tmp_path / "stderr.txt").write_text("".join(storm.errors), encoding="utf-8")
    print(f"crash test: {len(storm.messages)} messages, {time.monotonic() - began:.1f} s")
    with contextlib.closing(sqlite3.connect(database)) as db:
        stored = Stored.load(db)
    context = f"seed {seed}"
    cut_off = check_log("".join(storm.errors), stored, context)
    check_stored(storm.messages, stored, context)
    check_answers(storm.printed, stored, cut_off, context)
    check_reminders(storm, stored, cut_off, context)


@dataclass
class Storm:
    """The script, fed to one process after another, each killed but the last."""

    config: Path
    seed: int
    rng: random.Random = field(init=False)
    messages: list[Message] = field(init=False)
    printed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    runs: list[str] = field(default_factory=list)
    clock: datetime = START
    resume: int = 0
    end: datetime | None = None  # reminders due by then must have been sent
    # A run killed only after it had answered the last message (its output read late on a busy
    # machine): the next one is fed nothing it has not stored, so it has nothing to print.
    answered_all: bool = False

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.messages = script(self.rng)

    def run(self, kill_after: int | None) -> None:
        """Feed everything from `resume` on. Kill the bot once it has answered a message past
        `kill_after`, after a random moment more; with None, wait until it has answered
        everything and the last reminder is due, and stop it (end of input)."""
        bot = Bot(self.config, self.clock, [m.line for m in self.messages[self.resume :]])
        matcher = Matcher(self.messages, self.resume)
        killed = False
        try:
            if kill_after is None and self.answered_all:
                self._finish(bot)  # only redeliveries to come: no answer to wait for
            while (line := self._next(bot)) is not None:
                self.printed.append(line)
                matcher.see(line)
                if kill_after is None:
                    if matcher.last == len(self.messages) - 1 and not bot.release.is_set():
                        self._finish(bot)
                elif not killed and (matcher.last or -1) >= kill_after:
                    time.sleep(self.rng.uniform(0.0, 0.3))
                    bot.kill()  # what it printed before dying is still read to the end
                    killed = True
        finally:
            self.errors += bot.close()
        context = f"seed {self.seed}"
        if kill_after is None:
            assert self.end is not None, f"{context}: the last message was never answered"
            assert bot.process.returncode == 0, f"{context}: {''.join(bot.stderr)[-3000:]}"
        else:
            assert killed, f"{context}: the bot stopped before it was killed"
        fed_from = self.resume
        self.answered_all = self.answered_all or matcher.last == len(self.messages) - 1
        self.clock = bot.now()  # the next process goes on from (a little after) this one
        # Redelivered from the message after the last one seen answered, or a little earlier.
        self.resume = max(self.resume, matcher.resume - self.rng.randint(0, LAG))
        self.runs.append(
            f"fed from {fed_from}, answered up to {matcher.last}, next from {self.resume}"
        )

    def _next(self, bot: Bot) -> str | None:
        try:
            return bot.lines.get(timeout=STALL)
        except queue.Empty:
            raise AssertionError(
                f"seed {self.seed}: the bot printed nothing for {STALL:.0f} s; "
                f"stderr: {''.join(bot.stderr)[-3000:]}"
            ) from None

    def _finish(self, bot: Bot) -> None:
        """Let the bot's clock pass the last reminder, then end its input."""
        latest = max(m.due for m in self.messages if m.due is not None)
        time.sleep(max(0.0, (latest - bot.now()).total_seconds() / SPEED) + 3.0)
        # bot.now() runs ahead of the bot's own clock by its start-up time: keep a margin.
        self.end = bot.now() - timedelta(minutes=30)
        bot.release.set()


@dataclass
class Stored:
    """What the database holds at the end."""

    inbound: dict[str, tuple[str, int | None, str]]  # message id: outcome, issue id, text
    issues: dict[int, tuple[int, str, str, int, str | None]]  # id: number, description,
    # source message id, report count, building
    outbox: dict[int, tuple[str, str, str | None]]  # id: where shown, text, message replied to
    reminders: dict[str, str]  # text: status

    @classmethod
    def load(cls, db: sqlite3.Connection) -> Stored:
        inbound: dict[str, tuple[str, int | None, str]] = {}
        for message_id, outcome, issue_id, text in db.execute(
            "SELECT message_id, outcome, issue_id, text FROM inbound_messages"
            " WHERE platform = 'console'"
        ):
            assert message_id not in inbound, f"message {message_id} kept twice"
            inbound[message_id] = (outcome, issue_id, text)
        issues = {
            row[0]: row[1:]
            for row in db.execute(
                "SELECT id, number, description, source_message_id, report_count, building"
                " FROM issues"
            )
        }
        outbox = {
            row_id: (f"私聊·{name}" if person else title or chat, text, reply_to)
            for row_id, title, chat, person, name, text, reply_to in db.execute(
                "SELECT id, chat_title, chat_ref, person_ref, person_name, text,"
                " reply_to_message_id FROM outbound_messages"
            )
        }
        reminders = dict(db.execute("SELECT text, status FROM reminders WHERE kind = 'adhoc'"))
        return cls(inbound, issues, outbox, reminders)


def check_log(stderr: str, stored: Stored, context: str) -> list[tuple[str, str]]:
    """No errors; at most one send cut off per kill. Returns those sends (where, text)."""
    failures = [line for line in stderr.splitlines() if " ERROR " in line or "Traceback" in line]
    assert not failures, f"{context}: the bot logged errors:\n{stderr[-3000:]}"
    sends = _CUT_OFF.findall(stderr)
    assert len(sends) <= KILLS, f"{context}: {len(sends)} sends cut off by {KILLS} kills"
    rows = [int(row_id) for ids in sends for row_id in ids.split(",")]
    return [stored.outbox[row_id][:2] for row_id in rows]


def check_stored(messages: list[Message], stored: Stored, context: str) -> None:
    """Every report and reminder command is stored exactly once: one inbound row; one issue
    holding its token if it filed one, none if it joined an issue as a duplicate."""
    kept: dict[str, list[tuple[str, str, int | None]]] = defaultdict(list)
    for message_id, (outcome, issue_id, text) in stored.inbound.items():
        for token in set(_TOKEN.findall(text)):
            kept[token].append((message_id, outcome, issue_id))
    filed = Counter(t for _, text, *_ in stored.issues.values() for t in _TOKEN.findall(text))
    reports = 0  # counted by the issues they filed or joined
    for message in messages:
        if message.kind not in ("report", "remind"):
            continue
        rows = kept[message.token]
        assert len(rows) == 1, f"{context}: {message.token} kept {len(rows)}x: {rows}"
        [(message_id, outcome, issue_id)] = rows
        if message.kind == "remind":
            continue
        reports += outcome != "supplement"  # one's own issue again is not another report
        # A report of the reporter's own open issue again, or of one they joined before, is
        # kept as its 补充 (supplement).
        assert outcome in ("issue", "duplicate", "supplement"), (
            f"{context}: {message.token} was {outcome}"
        )
        assert issue_id is not None
        _, _, source, _, building = stored.issues[issue_id]
        assert building == str(message.building), f"{context}: {message.token} in #{issue_id}"
        if outcome == "issue":
            assert filed[message.token] == 1, f"{context}: {message.token} filed twice"
            assert source == message_id, f"{context}: {message.token} filed as {source}"
        else:
            assert filed[message.token] == 0, f"{context}: duplicate {message.token} filed"
    # Each report counted once, by the issue it filed or joined.
    assert sum(count for *_, count, _ in stored.issues.values()) == reports, context
    assert PLACES // 2 < len(stored.issues) <= PLACES + 1, f"{context}: {len(stored.issues)}"


def check_answers(
    printed: list[str], stored: Stored, cut_off: list[tuple[str, str]], context: str
) -> None:
    """Every acknowledgement printed is a queued reply to a stored message naming the issue
    that message filed or joined; none is printed twice; one is missing only if cut off."""
    by_number = {number: issue_id for issue_id, (number, *_) in stored.issues.items()}
    queued: Counter[tuple[str, str]] = Counter()
    replies: Counter[str] = Counter()
    for where, text, reply_to in stored.outbox.values():
        queued[(where, text)] += 1
        if reply_to is None or reply_to not in stored.inbound:
            continue
        replies[reply_to] += 1
        outcome, issue_id, _ = stored.inbound[reply_to]
        if issue_id is not None and outcome in ("issue", "duplicate", "supplement"):
            number = stored.issues[issue_id][0]
            expected = {
                "issue": (f"已登记 #{number}【",),
                "duplicate": (f"与 #{number} ",),
                # one's own report again, or a neighbour's that joined it before
                "supplement": (f"您反映过的 #{number} ", f"您关注的 #{number} "),
            }[outcome]
            assert text.startswith(expected), f"{context}: reply to {reply_to}: {text}"
    assert max(replies.values()) == 1, f"{context}: replied twice: {replies.most_common(3)}"
    acks: Counter[tuple[str, str]] = Counter()
    for line in printed:
        shown = _SHOWN.match(line.rstrip("\n"))
        if shown and shown["text"].startswith(ACKS):
            acks[(shown["where"], shown["text"])] += 1
            if number := re.match(r"(?:已登记|与) #(\d+)", shown["text"]):
                assert int(number[1]) in by_number, f"{context}: no such issue: {line}"
    for (where, text), count in acks.items():
        assert count <= queued[(where, text)], f"{context}: printed {count}x: [{where}] {text}"
    missing = 0
    for (where, text), count in queued.items():
        if text.startswith(ACKS) and acks[(where, text)] < count:
            missing += count - acks[(where, text)]
            lost = cut_off.count((where, text))
            assert count - acks[(where, text)] <= lost, f"{context}: never sent: [{where}] {text}"
    assert missing <= KILLS, f"{context}: {missing} acknowledgements missing"


def _said(printed: list[str]) -> Iterator[tuple[str, str]]:
    """Each message printed, with its chat; the lines of a bundle count as its chat's too."""
    where = ""
    for line in printed:
        if shown := _SHOWN.match(line.rstrip("\n")):
            where = shown["where"]
            yield where, shown["text"]
        elif line.startswith("    "):
            yield where, line.strip()


def check_reminders(
    storm: Storm, stored: Stored, cut_off: list[tuple[str, str]], context: str
) -> None:
    """No reminder went out twice; each one due before the end went out, unless cut off."""
    out = "".join(storm.printed)
    lost = "\n".join(text for _, text in cut_off)
    asked = [m for m in storm.messages if m.kind == "remind"]
    set_up = [m for m in asked if f"事{m.token}" in stored.reminders]
    assert len(set_up) > 0.8 * len(asked), f"{context}: {len(set_up)} of {len(asked)} set"
    assert storm.end is not None
    for message in set_up:
        assert message.due is not None
        sent = out.count(f"⏰ 提醒：事{message.token}")
        assert sent <= 1, f"{context}: reminder {message.token} sent {sent}x"
        if message.due <= storm.end and f"提醒：事{message.token}" not in lost:
            assert sent == 1, f"{context}: reminder {message.token} due {message.due} not sent"
    # The ledger's own reminders too: each 🟡 warning at most once in each chat it goes to (the
    # work group, and privately the grid's worker while nobody holds the issue), and the daily
    # digest at most once.
    yellow = Counter(
        (where, number[1])
        for where, text in _said(storm.printed)
        if (number := re.match(r"🟡 #(\d+)【", text))
    )
    assert not yellow or max(yellow.values()) == 1, f"{context}: {yellow.most_common(3)}"
    assert out.count("今日台账（11月23日）") <= 1, context
