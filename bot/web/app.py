"""The web ledger's routes: signing in and out, the pages, and the actions.

Every page opens one unit of work, finds the signed-in person from the session cookie, and
checks what they may see with the same rules as the chat (`bot.domain.permissions`). Every
action is a form, checked against the session's CSRF token, and dispatched as the chat command
it stands for, as if typed in the private chat the sign-in link was asked in: the handlers,
the permission checks, the audit trail and the messages to other chats are the chat's own.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from bot.app import Linli
from bot.domain.issues import Role
from bot.domain.permissions import STAFF, Actor, refusal
from bot.messages import ChatRef, IncomingMessage, Outgoing, PersonRef, Reply
from bot.text import normalize
from bot.web import guide, pages, patrols, reports
from bot.web.errors import Refused, SignedOut
from handlers.base import actor_of
from handlers.web import same, session_of, sign_in, sign_out
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

Act = Callable[[IncomingMessage], Awaitable[list[Outgoing]]]
"""How an action reaches the dispatcher (beside the bot: on its worker, then a flush)."""

SESSION_COOKIE = "linli_session"
LOGIN_COOKIE = "linli_login"
FLASH_COOKIE = "linli_flash"
HERE = Path(__file__).parent
ROLE_LABELS = {
    Role.RESIDENT: "居民",
    Role.HEAD: "楼栋长",
    Role.HANDLER: "承办人",
    Role.WORKER: "网格员",
    Role.SECRETARY: "书记",
}


@dataclass(frozen=True)
class Viewer:
    """The signed-in person, as every page and action sees them."""

    session_id: int
    person_id: int
    name: str
    community_id: int
    community_name: str
    actor: Actor
    csrf: str
    chat: ChatRef
    sender: PersonRef
    secure: bool

    @property
    def role(self) -> Role:
        return self.actor.role

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.actor.role]

    @property
    def staff(self) -> bool:
        return self.actor.role in STAFF

    @property
    def patrols(self) -> bool:
        """Whether the page of rounds is theirs to see: whoever may record one."""
        return refusal("patrol", self.actor) is None

    @property
    def secretary(self) -> bool:
        return self.actor.role is Role.SECRETARY


class Web:
    """The application's state: the running core, the templates, and the way to act."""

    def __init__(self, linli: Linli, act: Act | None = None) -> None:
        self.linli = linli
        self.services = linli.services
        self.act: Act = act or self._dispatch_in_thread
        self.templates = Jinja2Templates(directory=HERE / "templates")
        self.templates.env.globals["role_labels"] = ROLE_LABELS
        self.secure = self.services.settings.web.address().startswith("https://")

    async def _dispatch_in_thread(self, message: IncomingMessage) -> list[Outgoing]:
        return await run_in_threadpool(self.linli.dispatcher.dispatch, message)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.linli.sessions)

    def viewer(self, uow: UnitOfWork, request: Request) -> Viewer:
        now = self.services.clock.now()
        row = session_of(uow, request.cookies.get(SESSION_COOKIE, ""), now)
        if row is None or row.community_id is None:
            raise SignedOut
        person = uow.people.get(row.person_id)
        community = uow.communities.get(row.community_id)
        return Viewer(
            session_id=row.id,
            person_id=person.id,
            name=person.name,
            community_id=community.id,
            community_name=community.name,
            actor=actor_of(uow, person.id, community.id),
            csrf=row.csrf,
            chat=ChatRef(row.platform, row.chat_ref, row.chat_title, is_private=True),
            sender=PersonRef(person.platform, person.ref, person.name, person.handle or ""),
            secure=self.secure,
        )

    def page(
        self,
        request: Request,
        template: str,
        viewer: Viewer | None,
        context: Mapping[str, Any],
        status: int = 200,
    ) -> Response:
        flash = unquote(request.cookies.get(FLASH_COOKIE, ""))
        response = self.templates.TemplateResponse(
            request,
            template,
            {"me": viewer, "flash": flash, "nonce": secrets.token_urlsafe(12), **context},
            status_code=status,
        )
        if flash:
            response.delete_cookie(FLASH_COOKIE, path="/")
        return response

    # -- signing in and out ------------------------------------------------------------------

    def login_form(self, request: Request) -> Response:
        """The link from chat opens a page with one button: link previews that fetch the
        address (as chat apps do) must not use the link up."""
        nonce = secrets.token_urlsafe(16)
        response = self.page(
            request, "login.html", None, {"token": request.path_params["token"], "login": nonce}
        )
        response.set_cookie(
            LOGIN_COOKIE, nonce, max_age=600, httponly=True, samesite="lax", secure=self.secure
        )
        return response

    async def login(self, request: Request) -> Response:
        form = await request.form()
        token, nonce = str(form.get("token", "")), str(form.get("login", ""))
        if not nonce or not same(nonce, request.cookies.get(LOGIN_COOKIE, "")):
            # Login CSRF: only the browser that opened the link may use it.
            raise Refused("请从聊天里的链接打开登录页，再点「登录」。")
        return await run_in_threadpool(self._login, request, token)

    def _login(self, request: Request, token: str) -> Response:
        settings = self.services.settings.web
        with self.uow() as uow:
            signed = sign_in(uow, token, self.services.clock.now(), settings.session_hours)
            if isinstance(signed, str):
                return self.page(request, "signed_out.html", None, {"why": signed}, 403)
            uow.commit()
            log.info(
                "web sign-in: session %s, person %s", signed.session.id, signed.session.person_id
            )
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(
            SESSION_COOKIE,
            signed.secret,
            max_age=int(settings.session_hours * 3600),
            httponly=True,
            samesite="lax",
            secure=self.secure,
        )
        response.delete_cookie(LOGIN_COOKIE, path="/")
        return response

    async def logout(self, request: Request) -> Response:
        form = await request.form()

        def end() -> None:
            now = self.services.clock.now()
            with self.uow() as uow:
                row = session_of(uow, request.cookies.get(SESSION_COOKIE, ""), now)
                if row is None:
                    raise SignedOut
                self.check_csrf(row.csrf, str(form.get("csrf", "")))
                sign_out(row, now)
                uow.commit()

        await run_in_threadpool(end)
        response = self.page(request, "signed_out.html", None, {"why": "您已退出。"})
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    @staticmethod
    def check_csrf(expected: str, given: str) -> None:
        if not given or not same(given, expected):
            raise Refused("页面已过期，请刷新后再试。")

    # -- pages ---------------------------------------------------------------------------------

    def ledger(self, request: Request) -> Response:
        with self.uow() as uow:
            me = self.viewer(uow, request)
            data = pages.ledger(uow, self.services, me.actor, me.community_id, request.query_params)
            return self.page(request, "ledger.html", me, data)

    def issue(self, request: Request) -> Response:
        with self.uow() as uow:
            me = self.viewer(uow, request)
            number = _number(request.path_params["number"])
            data = pages.issue(uow, self.services, me.actor, me.community_id, number)
            if data is None:
                raise Refused(f"没有 #{number} 这件事。", 404)
            if isinstance(data, str):
                raise Refused(data)
            return self.page(request, "issue.html", me, data)

    def photo(self, request: Request) -> Response:
        """A kept photo of an issue, for whoever may see the issue's page."""
        with self.uow() as uow:
            me = self.viewer(uow, request)
            number = _number(request.path_params["number"])
            which = _number(request.path_params["photo"])
            found = pages.photo(
                uow, self.services, me.actor, me.community_id, number, attachment_id=which
            )
        if isinstance(found, str):
            raise Refused(found)
        return pages.kept_photo(found)

    # -- actions -------------------------------------------------------------------------------

    async def action(self, request: Request) -> Response:
        """受理 / 派单 / 延期 / 办结 / 退回 from the issue page, as the chat command they stand
        for."""
        form = await request.form()
        number = _number(request.path_params["number"])
        verb = request.path_params["action"]
        with self.uow() as uow:
            me = self.viewer(uow, request)
        self.check_csrf(me.csrf, str(form.get("csrf", "")))
        fields = {key: _one_line(str(value)) for key, value in form.items() if key != "csrf"}
        text = pages.command_text(verb, number, fields)
        if text is None:
            raise Refused("不认识的操作。", 400)
        return await self.said_as(me, text, fields.get("nonce", ""), f"/issues/{number}")

    async def said_as(self, me: Viewer, text: str, nonce: str, back: str) -> Response:
        """`text` handled as the viewer typing it in their private chat; back to the page
        `back`, which shows what the bot answered them."""
        # The nonce makes the message id: a form sent twice is one message, handled once.
        nonce = nonce or secrets.token_urlsafe(12)
        message = IncomingMessage(
            chat=me.chat,
            sender=me.sender,
            text=text,
            message_id=f"web-{me.session_id}-{nonce}"[:128],
            sent_at=self.services.clock.now(),
            via="web",
        )
        replies = await self.act(message)
        said = [
            reply.text  # printable already: the dispatcher cleans every reply
            for reply in replies
            if isinstance(reply, Reply)
            and (reply.chat.platform, reply.chat.ref) == (me.chat.platform, me.chat.ref)
        ]
        response = RedirectResponse(back, status_code=303)
        flash = "\n".join(said) or "已处理。"
        response.set_cookie(
            FLASH_COOKIE, quote(flash[:1000]), httponly=True, samesite="lax", secure=self.secure
        )
        return response

    # -- errors --------------------------------------------------------------------------------

    async def refused(self, request: Request, error: Exception) -> Response:
        assert isinstance(error, Refused)
        return await run_in_threadpool(self._error_page, request, error.text, error.status)

    def _error_page(self, request: Request, text: str, status: int) -> Response:
        try:
            with self.uow() as uow:
                me: Viewer | None = self.viewer(uow, request)
        except SignedOut:
            me = None
        return self.page(request, "error.html", me, {"why": text}, status)

    async def signed_out(self, request: Request, error: Exception) -> Response:
        response = self.page(
            request,
            "signed_out.html",
            None,
            {"why": "请先登录：私聊机器人发送「网页台账」，打开它发来的链接。"},
            401,
        )
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    async def not_found(self, request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        text = "没有这个页面。" if error.status_code == 404 else "请求有误。"
        return await run_in_threadpool(self._error_page, request, text, error.status_code)


def _number(typed: str) -> int:
    digits = normalize(typed).lstrip("#")
    if not digits.isdecimal() or len(digits) > 9:
        raise Refused("事项编号应是数字，例如 /issues/23。", 404)
    return int(digits)


def _one_line(value: str) -> str:
    """A form field as one line of a chat command."""
    return " ".join(normalize(value).split())


def create_app(linli: Linli, act: Act | None = None) -> Starlette:
    """The ASGI application of the web ledger over a bootstrapped core."""
    web = Web(linli, act)
    routes = [
        Route("/", web.ledger),
        Route("/login/{token}", web.login_form),
        Route("/login", web.login, methods=["POST"]),
        Route("/logout", web.logout, methods=["POST"]),
        Route("/issues/{number}", web.issue),
        Route("/issues/{number}/photos/{photo}", web.photo),
        Route("/issues/{number}/{action}", web.action, methods=["POST"]),
        *reports.routes(web),
        *patrols.routes(web),
        *guide.routes(web),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={
            Refused: web.refused,
            SignedOut: web.signed_out,
            HTTPException: web.not_found,
        },
    )
    app.state.web = web
    return app
