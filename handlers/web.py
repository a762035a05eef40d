"""网页台账 / web: the chat side of signing in to the web ledger, and the rules of its sessions.

`/web` in a private chat answers with a one-time link, valid for `LINK_MINUTES`. Opening it
signs the browser in for `web.session_hours`; the session stands for the person and the private
chat the link was asked in, and every page and action checks the person's current role.
Only SHA-256 hashes of the link and session secrets are stored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.issues import Role
from handlers import texts
from handlers.base import Answer, Context, Outcome, answer
from storage.models import WebSession
from storage.uow import UnitOfWork

LINK_MINUTES = 10


def web_link(ctx: Context, args: str) -> Outcome:
    """网页台账 — a one-time sign-in link to the web ledger, in a private chat only."""
    web = ctx.services.settings.web
    if not web.enabled:  # the secretary is told what to ask for; others whom to ask
        raise Answer(texts.WEB_OFF_SECRETARY if ctx.role is Role.SECRETARY else texts.WEB_OFF)
    if not ctx.message.chat.is_private:
        raise Answer(texts.WEB_PRIVATE_ONLY)
    if ctx.community is None:
        raise Answer(texts.WEB_NO_COMMUNITY)
    token = secrets.token_urlsafe(32)
    ctx.uow.web.add(
        WebSession(
            link_hash=digest(token),
            csrf=secrets.token_urlsafe(32),
            person_id=ctx.sender.id,
            community_id=ctx.community.id,
            platform=ctx.chat.platform,
            chat_ref=ctx.chat.ref,
            chat_title=ctx.chat.title,
            created_at=ctx.now,
            link_expires_at=ctx.now + timedelta(minutes=LINK_MINUTES),
        )
    )
    url = f"{web.address()}/login/{token}"
    return answer(ctx, texts.WEB_LINK.format(url=url, minutes=LINK_MINUTES))


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def same(given: str, expected: str) -> bool:
    """Constant-time comparison of two secrets (CSRF tokens)."""
    return hmac.compare_digest(given.encode(), expected.encode())


@dataclass(frozen=True)
class SignedIn:
    """A link turned into a session: the cookie's secret, and the session row."""

    secret: str
    session: WebSession


def sign_in(uow: UnitOfWork, token: str, now: datetime, hours: float) -> SignedIn | str:
    """Use the link `token` once: a session, or the one line saying why not."""
    row = uow.web.by_link(digest(token)) if token else None
    if row is None:
        return texts.WEB_LINK_UNKNOWN
    if row.signed_in_at is not None or row.ended_at is not None:
        return texts.WEB_LINK_USED
    if now >= row.link_expires_at:
        return texts.WEB_LINK_EXPIRED
    secret = secrets.token_urlsafe(32)
    row.session_hash = digest(secret)
    row.signed_in_at = now
    row.expires_at = now + timedelta(hours=hours)
    return SignedIn(secret, row)


def session_of(uow: UnitOfWork, secret: str, now: datetime) -> WebSession | None:
    """The live session the cookie `secret` stands for (None: signed out, expired, unknown)."""
    row = uow.web.by_session(digest(secret)) if secret else None
    if row is None or row.ended_at is not None or row.expires_at is None:
        return None
    return row if now < row.expires_at else None


def sign_out(row: WebSession, now: datetime) -> None:
    row.ended_at = now
