"""The web ledger's page of rounds (走访/巡查) and their photos: the record of grid workers' work
that 「走访 列表」 gives in chat, with every round of a period and the photos taken on it.

Checked with the chat's rules: whoever may record a round (`refusal("patrol", …)`: grid workers,
楼栋长, the secretary) sees the page; the secretary sees everyone's, the others their own, as
「走访 列表」 answers them. People and residents' words are masked as in chat.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.clock import local
from bot.domain.issues import Role
from bot.domain.permissions import Actor, refusal
from bot.domain.privacy import mask_name, mask_text
from bot.media import MediaFolder
from bot.text import normalize, printable, whole_number
from bot.web.errors import Refused
from bot.web.pages import kept_photo
from handlers.base import Services
from handlers.patrol_stats import figures_sentence, patrol_figures
from handlers.stats import parse_period
from storage.uow import UnitOfWork

if TYPE_CHECKING:
    from bot.web.app import Web

PERIODS = ("本周", "上周", "本月", "上月", "累计")
SHOWN_AT_MOST = 500  # rounds on one page, the newest; the export has them all


def routes(web: Web) -> list[BaseRoute]:
    pages = PatrolPages(web)
    return [
        Route("/patrols", pages.rounds),
        Route("/patrols/photos/{photo}", pages.photo),
    ]


class PatrolPages:
    def __init__(self, web: Web) -> None:
        self.web = web
        self.services = web.services

    def rounds(self, request: Request) -> Response:
        with self.web.uow() as uow:
            me = self.web.viewer(uow, request)
            _allow(me.actor)
            data = patrols_page(uow, self.services, me.actor, me.community_id, request.query_params)
            return self.web.page(request, "patrols.html", me, data)

    def photo(self, request: Request) -> Response:
        """A round's kept photo, for whoever may see the round."""
        typed = normalize(request.path_params["photo"])
        with self.web.uow() as uow:
            me = self.web.viewer(uow, request)
            _allow(me.actor)
            number = whole_number(typed)
            found = None if number is None else uow.patrols.photo(number)
            if found is not None:
                patrol = found[0]
                if patrol.community_id != me.community_id or not (
                    me.actor.role is Role.SECRETARY or patrol.person_id == me.actor.person_id
                ):
                    found = None  # as if it were not there: the page lists no photo of it
        folder = MediaFolder(self.services.settings.media.dir)
        return kept_photo(None if found is None else folder.path(found[1]))


def _allow(actor: Actor) -> None:
    why = refusal("patrol", actor)
    if why is not None:
        raise Refused("只有网格员、楼栋长或书记可以查看走访记录。")


def patrols_page(
    uow: UnitOfWork,
    services: Services,
    actor: Actor,
    community_id: int,
    params: Mapping[str, str],
) -> dict[str, Any]:
    """`?period=上月&grid=网格3&person=7`, as 「走访 列表 上月 网格3 张网格」 reads it."""
    tz, now = services.settings.tz, services.clock.now()
    word = normalize(params.get("period", "")).replace(" ", "") or "本月"
    try:
        period = parse_period(word, now, tz)
    except ValueError:
        raise Refused("时间应写成 本月、上月、2026-11、11月1日到15日或累计。", 400) from None
    grids = {grid.id: grid.name for grid in uow.communities.grids_of(community_id)}
    grid = normalize(params.get("grid", ""))
    named = {gid for gid, name in grids.items() if name == grid}
    grid_ids = (named or {-1}) if grid else set()  # a grid not there: none of its rounds
    everyone = actor.role is Role.SECRETARY
    since, until = period.since, period.until
    narrowed = {"grid_ids": grid_ids, "person_ids": set() if everyone else {actor.person_id}}
    made = patrol_figures(uow, community_id, since, until, **narrowed)  # the people to choose from
    chosen = normalize(params.get("person", ""))
    if everyone and chosen:
        narrowed["person_ids"] = {int(chosen)} if whole_number(chosen) is not None else {-1}
    figures = patrol_figures(uow, community_id, since, until, **narrowed)
    shown = uow.patrols.latest(community_id, since, until, SHOWN_AT_MOST, **narrowed)
    people = uow.people.many(made.rounds)
    makers = sorted((mask_name(people[pid].name), pid) for pid in made.rounds)
    photos = uow.patrols.kept_photos([patrol.id for patrol in shown])
    rows = [
        {
            "when": f"{local(patrol.at, tz):%-m月%-d日 %H:%M}",
            "who": mask_name(people[patrol.person_id].name),
            "grid": grids.get(patrol.grid_id or 0, ""),
            "place": printable(patrol.place),
            "households": patrol.households,
            "words": mask_text(printable(patrol.words)),
            "found": mask_text(printable(patrol.found)),
            "photos": [f"/patrols/photos/{photo}" for photo in photos.get(patrol.id, [])],
        }
        for patrol in shown
    ]
    return {
        "title": "走访巡查",
        "label": period.label,
        "period": word,
        "periods": PERIODS,
        "grid": grid,
        "grids": list(grids.values()),
        "person": chosen,
        "makers": [{"id": str(pid), "name": name} for name, pid in makers] if everyone else [],
        "head": figures_sentence(period.label, figures),
        "rows": rows,
        "more": max(0, figures.count - SHOWN_AT_MOST),
    }
