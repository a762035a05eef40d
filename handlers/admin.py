"""Administration in chat (chat-protocol §1): binding groups and granting roles (secretary only)."""

from __future__ import annotations

from bot.analysis.location import building_number
from bot.domain.issues import Role
from bot.domain.lifecycle import OPEN
from bot.domain.permissions import refusal
from bot.domain.privacy import mask_name
from bot.messages import IncomingMessage, Reply
from bot.text import argument_words, echoed, normalize
from handlers import texts
from handlers.base import (
    Answer,
    Context,
    Outcome,
    Services,
    answer,
    mentioned_person,
    numbers_of,
    record_community,
)
from handlers.contacts import contacts
from handlers.schedule import sync_series
from storage.models import AuditEntry, Chat, Community, Person, RoleGrant
from storage.uow import UnitOfWork

ROLE_WORDS = {
    "书记": Role.SECRETARY,
    "社区干部": Role.SECRETARY,
    "secretary": Role.SECRETARY,
    "网格员": Role.WORKER,
    "worker": Role.WORKER,
    "物业": Role.HANDLER,
    "部门": Role.HANDLER,
    "承办人": Role.HANDLER,
    "handler": Role.HANDLER,
    "楼栋长": Role.HEAD,
    "head": Role.HEAD,
    "居民": Role.RESIDENT,
    "resident": Role.RESIDENT,
}
CHAT_KINDS = {"工作群": "work", "小区群": "resident", "居民群": "resident"}
_ROLE_CHOICES = "书记、网格员、物业/部门、楼栋长、居民"
CONFIRM_WORDS = ("确认", "confirm")
ON_WORDS = ("开", "开启", "打开", "on")
OFF_WORDS = ("关", "关闭", "off")


def _secretary_community(ctx: Context, command: str) -> Community:
    """The community the sender is secretary of: the chat's, or their only one elsewhere."""
    if ctx.community is not None:
        reason = refusal(command, ctx.actor)
        if reason:
            raise Answer(reason, "refused", command)
        return ctx.community
    mine = [
        grant.community_id
        for community_id in ctx.uow.people.communities_of(ctx.sender.id)
        for grant in ctx.uow.people.grants_of(ctx.sender.id, community_id)
        if grant.role is Role.SECRETARY
    ]
    if not mine:
        raise Answer(refusal(command, ctx.actor) or "", "refused", command)
    if len(set(mine)) > 1:
        raise Answer(texts.BIND_WHICH_COMMUNITY)
    return ctx.uow.communities.get(mine[0])


def bind(ctx: Context, args: str) -> Outcome:
    """绑定 网格名 | 工作群 | 小区群 — bind this group to the secretary's community.

    Bare (or 确认) in a room whose title config.yaml names a chat by: confirm that this is it.
    """
    community = _secretary_community(ctx, "bind")
    word = normalize(args)
    if not word or word in CONFIRM_WORDS:
        placeholder = _awaiting(ctx, community)
        if placeholder is not None:
            return _confirm(ctx, community, placeholder)
        raise Answer(ctx.services.command("bind").usage_line())
    if ctx.chat.kind == "private":
        raise Answer(texts.BIND_PRIVATE)
    grid = ctx.uow.communities.grid_by_name(community.id, word)
    kind, _, name = word.partition(" ")
    if grid is None and kind in ("网格", "网格群") and name:  # 「绑定 网格 网格5」「绑定 网格 5」
        named = name.strip()
        grid = ctx.uow.communities.grid_by_name(community.id, named)
        grid = grid or ctx.uow.communities.grid_by_name(community.id, f"网格{named}")
        word = grid.name if grid else word
    if grid is None and word not in CHAT_KINDS:
        names = "、".join(g.name for g in ctx.uow.communities.grids_of(community.id))
        raise Answer(texts.BIND_UNKNOWN.format(word=echoed(word), grids=names))
    ctx.chat.community_id = community.id
    ctx.chat.grid_id = grid.id if grid else None
    ctx.chat.kind = "grid" if grid else CHAT_KINDS[word]
    sync_series(ctx.uow, ctx.services, community)
    record_community(ctx, community.id, "bind", f"{ctx.chat.title or ctx.chat.ref} → {word}")
    return answer(ctx, texts.BOUND.format(community=community.name, what=word), "command")


def suggest(ctx: Context, args: str) -> Outcome:
    """诉求提示 [开/关] — whether untagged complaints here get a 「回复 #立案」 suggestion."""
    if ctx.chat.kind == "private":
        raise Answer(texts.SUGGEST_PRIVATE)
    if ctx.community is None:
        raise Answer(texts.UNBOUND_CHAT)
    reason = refusal("suggest", ctx.actor)
    if reason:
        raise Answer(reason, "refused", "suggest")
    word = normalize(args).lower()
    if not word:
        return answer(ctx, texts.SUGGEST_STATE.format(state="开" if ctx.chat.suggest else "关"))
    if word not in ON_WORDS + OFF_WORDS:
        raise Answer(ctx.services.command("suggest").usage_line())
    ctx.chat.suggest = word in ON_WORDS
    record_community(ctx, ctx.community.id, "suggest", f"{ctx.chat.title or ctx.chat.ref} → {word}")
    return answer(ctx, texts.SUGGEST_ON if ctx.chat.suggest else texts.SUGGEST_OFF, "command")


def binding_proposal(uow: UnitOfWork, message: IncomingMessage) -> Reply | None:
    """For a group the bot hears for the first time: if config.yaml names a chat by this
    group's title, ask the secretary to confirm it (`/bind`); else None."""
    if message.chat.is_private:
        return None
    placeholder = uow.chats.awaiting(message.chat.platform, message.chat.title)
    if placeholder is None or placeholder.community_id is None:
        return None
    what = _bound_as(uow, placeholder)
    return Reply(message.chat, texts.BIND_PROPOSED.format(name=placeholder.ref, what=what))


def _awaiting(ctx: Context, community: Community) -> Chat | None:
    """The placeholder of the secretary's community this group's title names, if any."""
    if ctx.chat.kind == "private" or ctx.chat.config_ref is not None:
        return None  # a configured chat is already itself
    placeholder = ctx.uow.chats.awaiting(ctx.chat.platform, ctx.chat.title)
    if placeholder is None or placeholder.community_id != community.id:
        return None
    return placeholder


def _confirm(ctx: Context, community: Community, placeholder: Chat) -> Outcome:
    """The placeholder becomes this group: it takes the group's id and title and keeps its own
    row (reminders, events, binding); the row made when the group first spoke is retired."""
    name, ref, title = placeholder.ref, ctx.chat.ref, ctx.chat.title
    ctx.uow.chats.retire(ctx.chat, into=placeholder)
    placeholder.ref = ref
    placeholder.title = title
    ctx.uow.outbox.move_chat(placeholder.platform, name, ref)
    sync_series(ctx.uow, ctx.services, community)
    what = _bound_as(ctx.uow, placeholder)
    record_community(ctx, community.id, "bind", f"{name} → {ref}（{title}）")
    return answer(
        ctx, texts.BIND_CONFIRMED.format(name=name, community=community.name, what=what), "command"
    )


def _bound_as(uow: UnitOfWork, chat: Chat) -> str:
    """What a bound chat is used as: its grid's name, or 工作群/小区群."""
    if chat.grid_id is not None:
        return uow.communities.grid(chat.grid_id).name
    return texts.CHAT_KIND_LABELS.get(chat.kind, chat.kind)


def set_role(ctx: Context, args: str) -> Outcome:
    """设置角色 @人 角色 [网格] — grant a role here (居民 removes roles granted in chat)."""
    community = _secretary_community(ctx, "role")
    words = argument_words(args)
    if len(words) < 2:
        raise Answer(ctx.services.command("role").usage_line())
    if words[1] not in ROLE_WORDS:  # 「网格长」: say which roles there are
        raise Answer(texts.ROLE_UNKNOWN.format(word=echoed(words[1]), roles=_ROLE_CHOICES))
    person = _person(ctx, community, words[0])
    role = ROLE_WORDS[words[1]]
    scope = words[2] if len(words) > 2 else None
    grid_id = None
    unit = None
    if scope is not None and role is Role.WORKER:
        grid = ctx.uow.communities.grid_by_name(community.id, scope)
        if grid is None:
            names = "、".join(g.name for g in ctx.uow.communities.grids_of(community.id))
            raise Answer(texts.GRID_UNKNOWN.format(word=echoed(scope), grids=names))
        grid_id = grid.id
    building = None
    if scope is not None and role is Role.HEAD:
        building = _building(ctx, community, scope)
        scope = f"{building}号楼"
    if role is Role.HANDLER:
        # "设置角色 @刘物业 物业" names the unit by the role word itself when it is a unit.
        units = ctx.services.community_settings(community.code)
        unit = scope or (words[1] if units.unit(words[1]) is not None else None)
    grants = ctx.uow.people.grants_of(person.id, community.id)
    # What each grant holds; a unit only a handler's (「物业」)
    held = [
        (g.role, g.grid_id, g.building, g.work_unit if g.role is Role.HANDLER else None)
        for g in grants
    ]
    if role is Role.WORKER and scope is None:
        scope = texts.ALL_GRIDS
    label = role.label + (f"（{scope}）" if scope else "")
    if held == [(role, grid_id, building, unit)]:  # nothing to change
        raise Answer(texts.ROLE_ALREADY.format(who=mask_name(person.name), role=label))
    configured = [g for g in grants if g.source != "chat"]
    if configured:  # the config file is read again at every start: a change here would not hold
        roles = "、".join(dict.fromkeys(g.role.label for g in configured))
        raise Answer(texts.ROLE_IN_CONFIG.format(who=mask_name(person.name), role=roles))
    was_worker_of = {g.grid_id for g in grants if g.role is Role.WORKER and g.grid_id is not None}
    for grant in grants:
        ctx.uow.people.remove_grant(grant)
    if role is not Role.RESIDENT:
        ctx.uow.people.add_grant(
            RoleGrant(
                person_id=person.id,
                community_id=community.id,
                role=role,
                grid_id=grid_id,
                building=building,
                work_unit=unit,
                source="chat",
                granted_at=ctx.now,
            )
        )
    record_community(ctx, community.id, "role", f"{person.name} → {label}")
    lines = [texts.ROLE_SET.format(who=mask_name(person.name), role=label)]
    if grants:  # a change of post: what it leaves behind
        lines += _left_behind(ctx, community, person, {g for g in was_worker_of if g != grid_id})
    return answer(ctx, "\n".join(lines), "command")


def _left_behind(
    ctx: Context, community: Community, person: Person, grids_left: set[int]
) -> list[str]:
    """After someone's role changed (调岗, 离职): the open issues they still hold, with the
    交接 that gives them to someone else, and each grid they left that has no grid worker now."""
    lines = []
    held = ctx.uow.issues.held_by(community.id, person.id, OPEN)
    if held:
        lines.append(
            texts.ROLE_STILL_HOLDS.format(
                who=mask_name(person.name),
                count=len(held),
                numbers=numbers_of(held),
                name=person.name,
            )
        )
    staffed = {
        grant.grid_id
        for _, grant in ctx.uow.people.staff(community.id)
        if grant.role is Role.WORKER
    }
    if None in staffed:  # a grid worker of every grid
        return lines
    for grid_id in sorted(grids_left - staffed):
        lines.append(texts.ROLE_GRID_UNSTAFFED.format(grid=ctx.uow.communities.grid(grid_id).name))
    return lines


def post_changed(ctx: Context, args: str, *, told: bool = False) -> Outcome | None:
    """「孙丽调到网格5了」「孙丽离职了」 (`bot.domain.asking.post_changed`): 设置角色 from the
    secretary, of someone who holds a role here (or, to a grid, anyone known here: 「孙丽以后负责
    网格3」), or, a post `told` privately (「孙丽是网格5的网格员」), of anyone; None (the words
    are chat) from anyone else, or of anyone else."""
    if ctx.community is None or refusal("role", ctx.actor) is not None:
        return None
    name, role, *_ = argument_words(args)
    name = name.lstrip("@")
    people = ctx.uow.people
    known = mentioned_person(ctx, name) is not None or bool(people.named(ctx.community.id, name))
    if not known and ROLE_WORDS[role] is Role.WORKER:
        known = len(people.heard_named(ctx.community.id, name)) == 1
    # A post told privately (`told`) is meant for the bot: someone unknown is asked for.
    return set_role(ctx, args) if known or (told and ctx.chat.kind == "private") else None


_ROSTER_ORDER = (Role.SECRETARY, Role.WORKER, Role.HEAD, Role.HANDLER)


def roster(ctx: Context, args: str) -> Outcome:
    """人员 — who holds which role in the community: 书记, 网格员 with their grids, 楼栋长 with
    their buildings, 物业/部门 with their units. Names are masked in a group. A resident is
    given the 联系方式 they may use instead."""
    if ctx.community is None:
        raise Answer(texts.NEEDS_COMMUNITY)
    reason = refusal("roles", ctx.actor)
    if reason and ctx.actor.role is Role.RESIDENT:  # 「社区有哪些工作人员」: whom they may call
        return contacts(ctx, "")
    if reason:
        raise Answer(reason, "refused", "roles")
    private = ctx.chat.kind == "private"
    held: dict[Role, list[str]] = {}
    for person, grant in ctx.uow.people.staff(ctx.community.id):
        name = person.name if private else mask_name(person.name)
        scope = grant_scope(ctx.uow, grant)
        entry = f"{name}（{scope}）" if scope else name
        if entry not in held.setdefault(grant.role, []):
            held[grant.role].append(entry)
    lines = [texts.ROSTER_HEAD.format(community=ctx.community.name)]
    lines += [f"{role.label}：{'、'.join(held[role])}" for role in _ROSTER_ORDER if held.get(role)]
    if len(lines) == 1:
        lines.append(texts.ROSTER_NONE)
    lines.append(texts.ROSTER_FOOT)
    return answer(ctx, "\n".join(lines))


def grant_scope(uow: UnitOfWork, grant: RoleGrant) -> str:
    """What a grant is limited to, as set: 网格3, 3号楼, 物业; "" for none."""
    if grant.grid_id is not None:
        return uow.communities.grid(grant.grid_id).name
    if grant.building:
        return f"{grant.building}号楼"
    if grant.role is Role.WORKER:
        return texts.ALL_GRIDS  # a worker given no grid works in all of them
    return grant.work_unit or ""


def _building(ctx: Context, community: Community, word: str) -> str:
    """A head's building as typed (3, 3号楼, 3栋), checked against the community's list."""
    number = building_number(word)
    if number is None:
        raise Answer(texts.ROLE_NOT_BUILDING.format(word=echoed(word)))
    known = ctx.uow.communities.building_numbers(community.id)
    if known and number not in known:
        listed = "、".join(f"{n}号楼" for n in known[:10]) + (
            f"等{len(known)}栋" if len(known) > 10 else ""
        )
        raise Answer(texts.UNKNOWN_BUILDING.format(building=echoed(number), known=listed))
    return number


def _person(ctx: Context, community: Community, token: str) -> Person:
    name = token.lstrip("@")
    mentioned = mentioned_person(ctx, name)
    if mentioned is not None:
        return mentioned
    # Someone with a role here; else someone heard in the community's chats.
    people = ctx.uow.people.named(community.id, name) or ctx.uow.people.heard_named(
        community.id, name
    )
    if len(people) == 1:
        return people[0]
    raise Answer(texts.ROLE_WHO.format(name=name))


def move_chat(
    uow: UnitOfWork, services: Services, platform: str, old_ref: str, new_ref: str
) -> bool:
    """A Telegram group upgraded to a supergroup gets a new id; its binding goes with it.

    The chat's row is renamed to the new id, keeping its binding, issues, meetings and
    reminders. If the new id already has a row (someone spoke there before the notice
    arrived), that row is folded into it first, as `/bind` folds a room into its configured
    chat. Queued messages follow the chat. Returns False when there was nothing to move.
    """
    old = uow.chats.find(platform, old_ref)
    if old is None or old_ref == new_ref:
        return False
    new = uow.chats.find(platform, new_ref)
    if new is not None:
        title = new.title
        uow.chats.retire(new, into=old)
        old.title = title or old.title
    old.ref = new_ref
    uow.outbox.move_chat(platform, old_ref, new_ref)
    if old.community_id is not None:
        uow.audit.record(
            AuditEntry(
                community_id=old.community_id,
                issue_id=None,
                actor_id=None,
                action="chat_moved",
                from_status=None,
                to_status=None,
                note=f"{old_ref} → {new_ref}",
                at=services.clock.now(),
            )
        )
    return True
