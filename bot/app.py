"""Wiring: `bootstrap()` builds everything once; `serve()` connects an adapter to the core."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Mapping
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.adapters.base import Adapter
from bot.analysis import Analyzer
from bot.backups import DailyBackups
from bot.clock import Clock
from bot.config import Settings
from bot.dispatcher import Dispatcher
from bot.domain.calendar import WorkCalendar
from bot.media import Collector, MediaFolder
from bot.messages import IncomingMessage, Outgoing
from bot.outbox import Outbox
from bot.pacing import Limits, Pacer
from bot.scheduler import Scheduler, Ticker
from handlers.base import Services
from handlers.commands import COMMANDS
from storage.config_sync import sync_config
from storage.db import alone, make_engine, make_sessions
from storage.migrate import upgrade
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)


@dataclass
class Linli:
    """The running core: storage, services and the dispatcher, with no platform attached."""

    engine: Engine
    sessions: sessionmaker[Session]
    services: Services
    dispatcher: Dispatcher
    scheduler: Scheduler

    def close(self) -> None:
        self.engine.dispose()


def bootstrap(
    settings: Settings, clock: Clock, platform_help: Mapping[str, str] | None = None
) -> Linli:
    """Open (and migrate) the database, load config into it, and build the dispatcher."""
    engine = make_engine(settings.database.url)
    sessions = make_sessions(engine)
    with alone(engine):  # processes starting together take turns
        upgrade(engine)
        with UnitOfWork(sessions) as uow:
            sync_config(uow, settings, clock.now())
            uow.commit()
    places = sorted({place for c in settings.communities for place in c.places})
    analyzer = Analyzer(settings.taxonomy(), places=places, names=[settings.bot.name])
    services = Services(
        settings=settings,
        clock=clock,
        calendar=work_calendar(settings),
        weekday_calendar=work_calendar(settings, weekends_for_unknown_years=True),
        analyzer=analyzer,
        commands=COMMANDS,
        platform_help=dict(platform_help or {}),
    )
    return Linli(
        engine, sessions, services, Dispatcher(services, sessions), Scheduler(services, sessions)
    )


def _photo_collector(linli: Linli, adapter: Adapter, worker: Executor) -> Collector | None:
    """Keeps copies of the photos this adapter's chats bring (config `media`), or None."""
    settings = linli.services.settings
    if not settings.media.keep_photos:
        return None
    folder = MediaFolder(settings.media.dir)
    return Collector(linli.sessions, adapter, folder, worker, account=settings.bot.account)


def work_calendar(settings: Settings, *, weekends_for_unknown_years: bool = False) -> WorkCalendar:
    return WorkCalendar(
        settings.tz,
        days_off=settings.calendar.days_off,
        workdays=settings.calendar.workdays,
        weekends_for_unknown_years=(
            weekends_for_unknown_years or settings.calendar.weekends_for_unknown_years
        ),
    )


async def serve(linli: Linli, adapter: Adapter, *, web: socket.socket | None = None) -> None:
    """Run one adapter until it stops: answer every message, fire every reminder.

    On start, whatever was queued before a crash is sent, and reminders missed while the bot
    was down go out once, marked （补发）. Database work runs on one worker thread, in arrival
    order, so the event loop stays free for the platform's traffic; a SQLite database is
    snapshotted there daily (`backup`). With `web` (a bound socket), the web ledger is served
    beside the bot; its actions take the same worker.
    """
    settings = linli.services.settings
    limits = settings.rate_limit(adapter.platform)
    pacer = Pacer(
        Limits(limits.overall, limits.overall_window, limits.per_chat, limits.chat_window)
    )
    outbox = Outbox(
        linli.sessions,
        {adapter.platform: adapter},
        linli.services.clock,
        {adapter.platform: pacer},
        merge=(adapter.platform,) if limits.merge else (),
        account=settings.bot.account,
    )
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="linli-core")
    ticker = Ticker(
        linli.scheduler,
        linli.services.clock,
        outbox.flush,
        max_sleep=settings.database.poll_seconds,
        worker=worker,
    )
    with alone(linli.engine):
        linli.scheduler.restore()
        outbox.report_cut_off()
    calendar = linli.services.calendar
    ahead = calendar.year_ahead_unknown(calendar.local_date(linli.services.clock.now()))
    if ahead is not None:  # December: next year's holidays are due from the package or config
        log.warning(
            "no holiday calendar for %s: upgrade chinesecalendar or list its days under "
            "calendar: in the config (the December digests say so too)",
            ahead,
        )
    await outbox.flush()
    ticker.start()
    backups = DailyBackups(settings, linli.services.clock)
    backups.start()
    photos = _photo_collector(linli, adapter, worker)
    if photos is not None:
        photos.soon(tidy=True)  # any photo a crash or an outage left without a copy
    loop = asyncio.get_running_loop()

    async def handle(message: IncomingMessage) -> list[Outgoing]:
        replies = await loop.run_in_executor(worker, linli.dispatcher.dispatch, message)
        if replies:  # rows other processes queue are found by the ticker's polling
            await outbox.flush()
            await ticker.poke()  # a command may have set a reminder due before the next poll
        if message.attachments and photos is not None:
            photos.soon()
        return replies

    async def deliver(message: IncomingMessage) -> None:
        await handle(message)

    page_server, pages = None, None
    if web is not None:
        from bot.web.server import server

        page_server = server(linli, handle, embedded=True)
        pages = asyncio.create_task(page_server.serve(sockets=[web]))
    try:
        await adapter.run(deliver)
    finally:
        if page_server is not None and pages is not None:
            page_server.should_exit = True
            await pages
        await ticker.close()
        await backups.close()
        if photos is not None:
            await photos.close()
        outbox.close()
        worker.shutdown(wait=True)
