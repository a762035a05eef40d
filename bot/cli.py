"""The `linli` command: run the bot, serve the web ledger, analyse text, replay a scripted
conversation, export, import a group's chat history."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from datetime import datetime
from pathlib import Path

from bot.adapters.base import Adapter
from bot.clock import Clock, ScaledClock, SystemClock
from bot.config import ConfigError, Settings, find_config, load_settings
from bot.logs import hide_secrets

log = logging.getLogger("linli")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="linli", description="邻里：社区网格治理群聊助手")
    parser.add_argument("--config", help="配置文件（默认 ./config.yaml，或 $LINLI_CONFIG）")
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="启动机器人（默认控制台聊天）")
    run.add_argument("--platform", choices=["console", "telegram", "wechat"])
    run.add_argument(
        "--account", help="多个进程共用一个数据库时，本进程的账号名（或 $LINLI_ACCOUNT）"
    )
    # For demonstrations and process-level tests: a clock that starts at a given instant and
    # runs faster than real time (e.g. --clock-speed 600: ten minutes a second).
    run.add_argument("--clock-start", help=argparse.SUPPRESS)
    run.add_argument("--clock-speed", type=float, default=1.0, help=argparse.SUPPRESS)
    run.add_argument(
        "--no-web", action="store_true", help="不在本进程启动网页台账（另用 linli web 启动时）"
    )

    web = sub.add_parser("web", help="只启动网页台账（机器人另用 linli run 启动）")
    web.add_argument("--port", type=int, help="端口（默认配置里的 web.port）")
    web.add_argument("--clock-start", help=argparse.SUPPRESS)
    web.add_argument("--clock-speed", type=float, default=1.0, help=argparse.SUPPRESS)
    web.add_argument("--config", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    analyze = sub.add_parser("analyze", help='分析文本：每行输入 {"text": ...}，每行输出一条 JSON')
    analyze.add_argument("file", nargs="?", help="输入文件（默认标准输入）")

    replay = sub.add_parser("replay", help="在虚拟时钟上回放对话脚本，输出 JSON 行")
    replay.add_argument("script")
    replay.add_argument("--database", default="sqlite://", help="数据库 URL（默认内存）")

    export = sub.add_parser("export", help="导出台账 xlsx（与聊天里的「导出」相同）")
    export.add_argument("output", help="写到哪个文件，如 out.xlsx")
    export.add_argument("--month", help="月份：2026-11、11月、本月、上月（默认全部）")
    export.add_argument("--community", help="社区代码（配置里有多个社区时必填）")
    # Also accepted after the subcommand: `linli export --config x.yaml …`.
    export.add_argument("--config", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    backup = sub.add_parser("backup", help="给 SQLite 数据库做一份快照（机器人运行时也可以）")
    backup.add_argument("--to", help="放到哪个目录（默认配置里的 backup.dir）")
    backup.add_argument("--config", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    imports = sub.add_parser(
        "import", help="导入群聊记录（微信文本导出或 Telegram JSON 导出），按原日期立案"
    )
    imports.add_argument("file", help="聊天记录文件")
    imports.add_argument("--chat", help="记录属于配置里的哪个群（默认按记录里的群名）")
    imports.add_argument("--platform", choices=["wechat", "telegram", "console"])
    imports.add_argument("--config", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    hide_secrets(logging.getLogger())
    try:
        if args.command == "analyze":
            return _analyze(args.file)
        if args.command == "replay":
            return _replay(args.script, args.config, args.database)
        settings = load_settings(find_config(args.config))
        if args.command == "import":
            return _import(settings, args.file, args.chat, args.platform)
        if args.command == "export":
            return _export(settings, args.output, args.month, args.community)
        if args.command == "backup":
            return _backup(settings, args.to)
        if args.command == "web":
            if args.port:
                port = settings.web.model_copy(update={"port": args.port})
                settings = settings.model_copy(update={"web": port})
            return _web(settings, _clock(args))
        if args.account:
            bot = settings.bot.model_copy(update={"account": args.account})
            settings = settings.model_copy(update={"bot": bot})
        beside = settings.web.enabled and not args.no_web
        return _run(settings, args.platform or settings.platform, _clock(args), web=beside)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2


def _clock(args: argparse.Namespace) -> Clock:
    if args.clock_start is None:
        return SystemClock()
    try:
        start = datetime.fromisoformat(args.clock_start)
    except ValueError:
        raise ConfigError(f"看不懂 --clock-start「{args.clock_start}」") from None
    if start.tzinfo is None:
        raise ConfigError("--clock-start 需要带时区，如 2026-11-23T08:00:00+08:00")
    return ScaledClock(start, args.clock_speed, held=True)


def _run(settings: Settings, platform: str, clock: Clock, *, web: bool = False) -> int:
    from bot.app import bootstrap, serve

    interactive = platform == "console" and sys.stdin.isatty()
    adapter = _adapter(settings, platform, clock, interactive=interactive)
    if platform != "console":
        logging.getLogger().setLevel(logging.INFO)
    linli = bootstrap(settings, clock, {adapter.platform: adapter.help_note})
    pages = None
    if web:
        from bot.web.server import listening

        try:
            pages = listening(linli)
        except ConfigError:
            linli.close()
            raise
        log.info("web ledger at %s", settings.web.address())
    if interactive:
        who, where = settings.console.speaker, settings.console.chat
        print(
            f"{settings.bot.name} 控制台 · 以 {who} 在 {where} 发言。"
            "发送 /help 查看命令，Ctrl-D 退出。"
        )
        if web:
            print(f"网页台账：{settings.web.address()}（私聊机器人发送「网页台账」获取登录链接）")
    if isinstance(clock, ScaledClock):
        clock.release()  # --clock-start is when the bot starts to listen, not to open its files
    try:
        asyncio.run(serve(linli, adapter, web=pages))
    except KeyboardInterrupt:
        print()
    except ConnectionError as unreachable:
        print(unreachable, file=sys.stderr)
        return 1
    finally:
        linli.close()
    return 0


def _web(settings: Settings, clock: Clock) -> int:
    """`linli web`: the web ledger alone, on the bot's database; the bot sends what it queues."""
    from bot.app import bootstrap
    from bot.web.server import listening, server

    linli = bootstrap(settings, clock)
    try:
        sock = listening(linli)
        print(
            f"网页台账：{settings.web.address()}（私聊机器人发送「网页台账」获取登录链接）",
            flush=True,
        )
        if isinstance(clock, ScaledClock):
            clock.release()
        asyncio.run(server(linli).serve(sockets=[sock]))
    except KeyboardInterrupt:
        pass
    finally:
        linli.close()
    return 0


def _adapter(settings: Settings, platform: str, clock: Clock, *, interactive: bool) -> Adapter:
    if platform == "telegram":
        token = os.environ.get("LINLI_TELEGRAM_TOKEN", "").strip()
        if not token:
            raise ConfigError("请先设置环境变量 LINLI_TELEGRAM_TOKEN（@BotFather 给的令牌）。")
        try:
            from bot.adapters.telegram import TelegramAdapter
        except ImportError:
            raise ConfigError("未安装 Telegram 支持：pip install 'linli[telegram]'") from None
        from handlers.commands import menu

        return TelegramAdapter(
            settings,
            token=token,
            clock=clock,
            commands=menu(),
        )
    if platform == "wechat":
        return _wechat(settings, clock)
    from bot.adapters.console import ConsoleAdapter

    return ConsoleAdapter(settings, clock=clock, output=sys.stdout, interactive=interactive)


def _wechat(settings: Settings, clock: Clock) -> Adapter:
    token = os.environ.get("LINLI_WECHAT_TOKEN", "").strip()
    if not token:
        raise ConfigError("请先设置环境变量 LINLI_WECHAT_TOKEN（微信网关 puppet-service 的令牌）。")
    endpoint = os.environ.get("LINLI_WECHAT_ENDPOINT", "").strip() or settings.wechat.endpoint
    if not endpoint:
        raise ConfigError("请在 config.yaml 的 wechat.endpoint 填写微信网关地址（主机:端口）。")
    try:
        from bot.adapters.wechat import WechatAdapter
    except ImportError:
        raise ConfigError("未安装微信支持：pip install 'linli[wechat]'") from None
    return WechatAdapter(settings, endpoint=endpoint, token=token, clock=clock)


def _analyze(file: str | None) -> int:
    from bot.analysis import Analyzer, analyze_lines

    analyzer = Analyzer()
    if file is None:
        analyze_lines(sys.stdin, sys.stdout, analyzer)
    else:
        try:
            with Path(file).open(encoding="utf-8") as lines:
                analyze_lines(lines, sys.stdout, analyzer)
        except OSError as error:
            raise ConfigError(f"无法读取 {file}：{error.strerror}") from None
    sys.stdout.flush()
    return 0


def _replay(script: str, config: str | None, database: str) -> int:
    from bot.replay import ScriptError, replay

    try:
        replay(Path(script), Path(config) if config else None, sys.stdout, database)
    except ScriptError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


def _export(settings: Settings, output: str, month_word: str | None, code: str | None) -> int:
    """Write the same xlsx 台账 as 「导出」 for one community (and month); one line either way."""
    from bot.app import bootstrap
    from handlers.export import ledger_workbook
    from handlers.stats import month_span, parse_month
    from storage.uow import UnitOfWork

    clock = SystemClock()
    today = clock.now().astimezone(settings.tz).date()
    try:
        month = parse_month(month_word or "", today)
    except ValueError:
        raise ConfigError(f"看不懂月份「{month_word}」，应如 2026-11、11月、本月 或 上月") from None
    codes = [community.code for community in settings.communities]
    if code is None and len(codes) > 1:
        raise ConfigError(f"配置里有多个社区，请用 --community 指定：{'、'.join(codes)}")
    chosen = code or codes[0]
    if chosen not in codes:
        raise ConfigError(f"配置里没有社区「{chosen}」，可以写：{'、'.join(codes)}")
    linli = bootstrap(settings, clock)
    try:
        with UnitOfWork(linli.sessions) as uow:
            community = uow.communities.by_code(chosen)
            assert community is not None  # bootstrap loads every configured community
            period = month_span(month, settings.tz)
            content = ledger_workbook(uow, linli.services, community.id, period)
            count = uow.issues.count_filed(community.id, period.since, period.until)
    finally:
        linli.close()
    try:
        Path(output).write_bytes(content)
    except OSError as error:
        raise ConfigError(f"无法写入 {output}：{_why_not_written(error)}") from None
    shown = f"{month[0]}-{month[1]:02d}" if month else "全部"
    print(f"已导出 {shown} 台账到 {output}（{count}条）")
    return 0


def _backup(settings: Settings, to: str | None) -> int:
    """A snapshot of the SQLite database now, kept beside the daily ones; one line either way."""
    import sqlite3

    from storage.backup import snapshot, sqlite_file

    database = sqlite_file(settings.database.url)
    if database is None:
        raise ConfigError("PostgreSQL 请用 pg_dump 备份，例如：pg_dump -Fc -f linli.dump linli")
    if not database.is_file():
        raise ConfigError(f"找不到数据库文件 {database}")
    folder = Path(to) if to else Path(settings.backup.dir)
    now = SystemClock().now().astimezone(settings.tz)
    try:  # a manual snapshot never prunes the daily ones below what config keeps
        made = snapshot(database, folder, now, max(settings.backup.keep, 1) + 1)
    except (OSError, sqlite3.Error) as error:
        raise ConfigError(f"备份失败：{error}") from None
    print(f"已备份到 {made}（{made.stat().st_size / 1024:.0f} KB）")
    return 0


def _import(settings: Settings, file: str, chat: str | None, platform: str | None) -> int:
    """File the reports of an exported group history; a summary line at the end."""
    from bot.importer import import_history

    def progress(done: int, total: int) -> None:
        print(f"\r导入中 {done}/{total}", end="", file=sys.stderr, flush=True)

    summary = import_history(
        settings,
        Path(file),
        chat=chat,
        platform=platform,
        progress=progress if sys.stderr.isatty() else None,
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(summary.line())
    return 0


def _why_not_written(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "目录不存在"
    if isinstance(error, PermissionError):
        return "没有写入权限"
    if isinstance(error, IsADirectoryError):
        return "这是一个目录"
    return error.strerror or str(error)


if __name__ == "__main__":
    sys.exit(main())
