"""The unit of work: one transaction per incoming message, with every repository on it."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

from storage.repositories import (
    Audit,
    Chats,
    Communities,
    Guide,
    Inbox,
    Issues,
    Meetings,
    Outbox,
    Patrols,
    People,
    Points,
    Questions,
    Reminders,
    WebSessions,
)

log = logging.getLogger(__name__)


class UnitOfWork:
    """`with uow:` opens a transaction; leaving without `commit()` rolls it back."""

    communities: Communities
    chats: Chats
    people: People
    issues: Issues
    audit: Audit
    inbox: Inbox
    reminders: Reminders
    outbox: Outbox
    meetings: Meetings
    points: Points
    patrols: Patrols
    guide: Guide
    questions: Questions
    web: WebSessions

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        self._session: Session | None = None
        self._committed: list[Callable[[], None]] = []

    def __enter__(self) -> UnitOfWork:
        session = self._sessions()
        self._session = session
        self.communities = Communities(session)
        self.chats = Chats(session)
        self.people = People(session)
        self.issues = Issues(session)
        self.audit = Audit(session)
        self.inbox = Inbox(session)
        self.reminders = Reminders(session)
        self.outbox = Outbox(session)
        self.meetings = Meetings(session)
        self.points = Points(session)
        self.patrols = Patrols(session)
        self.guide = Guide(session)
        self.questions = Questions(session)
        self.web = WebSessions(session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # close() rolls back whatever was not committed, and leaves loaded objects readable.
        self.session.close()
        self._session = None
        self._committed.clear()

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("unit of work used outside `with`")
        return self._session

    def commit(self) -> None:
        """Commit, then do what was waiting for it (`after_commit`)."""
        self.session.commit()
        waiting, self._committed = self._committed, []
        for work in waiting:
            try:
                work()
            except Exception:  # the transaction stands; what follows it is only tidying
                log.exception("work after a commit failed")

    def after_commit(self, work: Callable[[], None]) -> None:
        """Do `work` once this transaction is committed, never if it is rolled back: what
        lives outside the database (a photo's file) follows the rows that name it."""
        self._committed.append(work)

    @contextlib.contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested transaction: on an exception it is rolled back, and the work it left
        waiting for the commit is dropped with it."""
        waiting = len(self._committed)
        try:
            with self.session.begin_nested():
                yield
        except BaseException:
            del self._committed[waiting:]
            raise

    def rollback(self) -> None:
        self.session.rollback()
        self._committed.clear()
