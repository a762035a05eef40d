"""The web ledger's page of the 办事指南: every answer, and for staff the forms to add and remove
them, which are the chat's 「指南 添加 关键词：答复」 and 「指南 删除 编号」 sent as the viewer
(`Web.said_as`), so the chat's rules and answers are the page's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.domain import guide
from bot.text import normalize, printable, whole_number
from bot.web.errors import Refused

if TYPE_CHECKING:
    from bot.web.app import Web


def routes(web: Web) -> list[BaseRoute]:
    pages = GuidePages(web)
    return [
        Route("/guide", pages.shown),
        Route("/guide/add", pages.add, methods=["POST"]),
        Route("/guide/remove", pages.remove, methods=["POST"]),
    ]


class GuidePages:
    def __init__(self, web: Web) -> None:
        self.web = web

    def shown(self, request: Request) -> Response:
        with self.web.uow() as uow:
            me = self.web.viewer(uow, request)
            rows = [
                {
                    "n": n,
                    "asked": guide.shown_keys(guide.parse_keys(row.ask)),
                    "answer": printable(row.answer),
                    "configured": row.source == "config",
                }
                for n, row in enumerate(uow.guide.of(me.community_id), start=1)
            ]
            return self.web.page(request, "guide.html", me, {"rows": rows})

    async def add(self, request: Request) -> Response:
        form = await request.form()
        with self.web.uow() as uow:
            me = self.web.viewer(uow, request)
        self.web.check_csrf(me.csrf, str(form.get("csrf", "")))
        keys = " ".join(normalize(str(form.get("keys", ""))).split())
        answer = str(form.get("answer", "")).strip()
        if not keys or not answer:
            raise Refused("请填写关键词和答复。", 400)
        text = f"指南 添加 {keys}：{answer}"
        return await self.web.said_as(me, text, str(form.get("nonce", "")), "/guide")

    async def remove(self, request: Request) -> Response:
        form = await request.form()
        with self.web.uow() as uow:
            me = self.web.viewer(uow, request)
        self.web.check_csrf(me.csrf, str(form.get("csrf", "")))
        number = whole_number(normalize(str(form.get("n", ""))))
        if number is None:
            raise Refused("不认识的编号。", 400)
        text = f"指南 删除 {number}"
        return await self.web.said_as(me, text, str(form.get("nonce", "")), "/guide")
