"""Who hears about a change to an issue, and where (chat-protocol §3, §9).

The reporter and every follower hear in the chat they reported or followed from (the reporter
@-mentioned there); the person who issued the command hears in their chat; each chat gets the
line once. Work groups hear of escalations and reopenings; assignees and department contacts
hear privately.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from bot.domain.issues import Role, location_label
from bot.domain.lifecycle import Action
from bot.domain.permissions import IssueFacts, in_grid
from bot.domain.privacy import mask_name, mask_text, phones_in
from bot.domain.sources import Source, order_gist
from bot.messages import BUTTON_COMMAND_MAX, Button, ChatRef, Direct, Outgoing, PersonRef, Reply
from bot.text import shorten
from handlers import texts
from handlers.base import Context, Services, actor_with
from storage.models import Chat, Issue, Person, RoleGrant
from storage.uow import UnitOfWork

SUMMARY_LIMIT = 60


def chat_ref(chat: Chat) -> ChatRef:
    return ChatRef(chat.platform, chat.ref, chat.title, is_private=chat.kind == "private")


def person_ref(person: Person) -> PersonRef:
    return PersonRef(person.platform, person.ref, person.name)


def tell_watchers(ctx: Context, issue: Issue, text: str) -> list[Outgoing]:
    """The command's own chat (as a reply), then the reporter's and followers' chats, once each.

    Phone and ID numbers typed into notes are masked: these lines go to groups (§9).
    """
    text = mask_text(text)
    reporter = reporter_mention(ctx.uow, issue)
    replies: list[Outgoing] = [
        Reply(
            ctx.message.chat,
            text,
            reply_to_message_id=ctx.message.message_id,
            mentions=reporter if ctx.chat.id == issue.chat_id else (),
        )
    ]
    replies += [
        Reply(chat_ref(chat), text, mentions=reporter if chat.id == issue.chat_id else ())
        for chat in watcher_chats(ctx.uow, issue)
        if chat.id != ctx.chat.id
    ]
    return replies


def reporter_mention(uow: UnitOfWork, issue: Issue) -> tuple[PersonRef, ...]:
    """In the group the issue came from, the reporter is @-mentioned so they notice the line."""
    if issue.private:
        return ()
    return (person_ref(uow.people.get(issue.reporter_id)),)


def watcher_chats(uow: UnitOfWork, issue: Issue) -> list[Chat]:
    """The reporter's chat and every follower's, once each."""
    chat_ids = dict.fromkeys([issue.chat_id, *(f.chat_id for f in uow.issues.followers(issue.id))])
    return [uow.chats.by_id(chat_id) for chat_id in chat_ids]


def tell_work_groups(
    ctx: Context, text: str, *, already: Iterable[Outgoing] = ()
) -> list[Outgoing]:
    """The community's work groups, except chats that already got a message."""
    assert ctx.community is not None
    told = {(r.chat.platform, r.chat.ref) for r in already if isinstance(r, Reply)}
    told.add((ctx.chat.platform, ctx.chat.ref))
    return [
        reply
        for reply in work_groups(ctx.uow, ctx.community.id, text)
        if (reply.chat.platform, reply.chat.ref) not in told
    ]


def tell_office(ctx: Context, text: str) -> list[Outgoing]:
    """`text` to the community's work groups; to its secretaries privately when it has none."""
    return tell_work_groups(ctx, text) or tell_privately(secretaries(ctx), text)


def tell_staff_of(
    ctx: Context, issue: Issue, text: str, *, already: Iterable[Outgoing] = ()
) -> list[Outgoing]:
    """`text` of `issue` to the community's work groups; of a complaint of a staff member's
    conduct, to the secretaries it does not name, privately, instead (to the work groups
    when there is none: the complaint still reaches someone)."""
    if issue.staff_complaint and (others := secretaries(ctx, not_named_in=issue.description)):
        return tell_privately(others, text)
    return tell_work_groups(ctx, text, already=already)


def secretaries(ctx: Context, *, not_named_in: str = "") -> list[Person]:
    """The community's secretaries, but those whose names `not_named_in` carries."""
    assert ctx.community is not None
    return secretaries_of(ctx.uow, ctx.community.id, not_named_in=not_named_in)


def secretaries_of(uow: UnitOfWork, community_id: int, *, not_named_in: str = "") -> list[Person]:
    """`secretaries` where there is no message: of a community, each once."""
    named = not_named_in
    return list(
        {
            p.id: p
            for p, g in uow.people.staff(community_id)
            if g.role is Role.SECRETARY and not (named and p.name in named)
        }.values()
    )


def work_groups(uow: UnitOfWork, community_id: int, text: str) -> list[Reply]:
    """`text` to each of the community's work groups, numbers masked."""
    return [
        Reply(chat_ref(chat), mask_text(text)) for chat in uow.chats.of_kind(community_id, "work")
    ]


def tell_privately(
    people: Iterable[Person], text: str, *, skip: int | None = None
) -> list[Outgoing]:
    return [Direct(person_ref(p), text) for p in people if p.id != skip]


def holders(uow: UnitOfWork, issue: Issue) -> list[Person]:
    """Who holds an issue: the person it was assigned to, else its unit's contacts."""
    if issue.assignee_id is not None:
        return [uow.people.get(issue.assignee_id)]
    if issue.assignee_unit is not None:
        return list(uow.people.of_unit(issue.community_id, issue.assignee_unit))
    return []


def working_on(uow: UnitOfWork, issue: Issue) -> list[Person]:
    """Its holders, then the contacts of the unit it was escalated to (they work on it too),
    but for those of them who said 不归我管 to it."""
    people = holders(uow, issue)
    known = {person.id for person in people}
    return people + [person for person in whistled(uow, issue)[0] if person.id not in known]


def tell_all_of_it(ctx: Context, issue: Issue, line: str) -> list[Outgoing]:
    """`line` to everyone a change of an issue's clock concerns (延期, 挂起, 恢复): its chats,
    the work group and whoever works on it, each once."""
    replies = tell_watchers(ctx, issue, line)
    replies += tell_work_groups(ctx, line, already=replies)
    return replies + tell_privately(working_on(ctx.uow, issue), line, skip=ctx.sender.id)


def tell_everyone(uow: UnitOfWork, issue: Issue, line: str) -> list[Outgoing]:
    """`line` to everyone a change the bot makes by itself to an issue's clock concerns (挂起
    期满), as `tell_all_of_it` tells them of a command's: its chats, the work groups and whoever
    works on it, each once."""
    told: list[Outgoing] = [Reply(chat_ref(chat), line) for chat in watcher_chats(uow, issue)]
    chats = {(reply.chat.platform, reply.chat.ref) for reply in told if isinstance(reply, Reply)}
    told += [
        reply
        for reply in work_groups(uow, issue.community_id, line)
        if (reply.chat.platform, reply.chat.ref) not in chats
    ]
    return told + tell_privately(working_on(uow, issue), line)


def grid_workers(uow: UnitOfWork, issue: Issue) -> list[Person]:
    """The grid workers (网格员) of the issue's grid: a worker given no grid works in all of
    them, and an issue with no grid is every worker's (`permissions.in_grid`). A complaint of
    staff conduct is the secretaries' instead (a worker may be whom it complains of)."""
    if issue.staff_complaint:
        return secretaries_of(uow, issue.community_id)
    return grid_workers_in(uow, issue.community_id, issue.grid_id)


def grid_workers_in(uow: UnitOfWork, community_id: int, grid_id: int | None) -> list[Person]:
    """The grid workers of a grid: a worker given no grid works in all of them, and no grid
    (None) is every worker's (`permissions.in_grid`)."""
    people: dict[int, Person] = {}
    grants: dict[int, list[RoleGrant]] = {}
    for person, grant in uow.people.staff(community_id):
        people[person.id] = person
        grants.setdefault(person.id, []).append(grant)
    where = IssueFacts(reporter_id=0, grid_id=grid_id)  # in_grid reads the grid alone
    return [
        people[person_id]
        for person_id, held in grants.items()
        if (actor := actor_with(person_id, held)).role is Role.WORKER and in_grid(actor, where)
    ]


def whistled(uow: UnitOfWork, issue: Issue) -> tuple[list[Person], list[Person]]:
    """The contacts of the unit the issue was escalated to (吹哨) who are to hear of it, and
    those who are not: a contact who said 不归我管 to it is not reached through the unit
    again, only by holding it (派单 to them, or to their unit, after they declined: a decline
    hands the issue back, so whatever they hold now was given to them since)."""
    if not issue.escalated_to:
        return [], []
    contacts = uow.people.of_unit(issue.community_id, issue.escalated_to)
    declined = uow.audit.actors_of(issue.id, Action.DECLINE.value) if contacts else frozenset()
    held = {person.id for person in holders(uow, issue)} if declined else set()
    out = [p for p in contacts if p.id in declined and p.id not in held]
    return [p for p in contacts if p not in out], out


def declined_label(issue: Issue, people: Iterable[Person]) -> str:
    """「街道城管办·周*任」: who said 不归我管 to an issue escalated to their unit, as a group
    may read it."""
    return "、".join(f"{issue.escalated_to}·{mask_name(p.name)}" for p in people)


def summary(uow: UnitOfWork, services: Services, issue: Issue) -> dict[str, str]:
    """Fields for templates that describe an issue in one line: category, where, description."""
    category = services.category(issue.category).name
    parts = [location_label(issue.building, issue.unit, issue.room, issue.place)]
    if issue.grid_id is not None:
        parts.append(uow.communities.grid(issue.grid_id).name)
    where = "".join(f"{p}，" for p in parts if p)
    # Templates add their own punctuation after the description. A phone number stays whole:
    # these lines go to staff, privately (the holder calls back), or to the work group, where
    # `fit_for_chat` masks it as in every group (chat-protocol §9).
    if issue.staff_complaint:  # for the secretary's eyes (查看 shows them the words)
        description = texts.STAFF_COMPLAINT_HIDDEN
    else:  # a work order pasted whole: what it says of the problem, not its header
        description = quoted(order_gist(issue.description), SUMMARY_LIMIT)
    return {"category": category, "where": where, "description": description}


def quoted(text: str, limit: int) -> str:
    """Someone's words in one line of at most `limit` characters, for a template that adds
    its own punctuation after them."""
    return shorten(text, limit).rstrip("。！!，,；;～~ ")


def caller_of(issue: Issue) -> str | None:
    """Whom staff call back for the verdict on an issue someone outside the chat brought
    (「来电市民」 for a 12345 order), else None: its reporter rates it."""
    source = Source(issue.source)
    return texts.CALLERS[source.value] if source.has_caller else None


def phones_left(uow: UnitOfWork, issue: Issue) -> list[str]:
    """The numbers an issue's reporter left to be called back on: in its report, or in what
    they added to it since; each once."""
    left = [issue.description] + [
        entry.note
        for entry in uow.audit.of_issue(issue.id)
        if entry.actor_id == issue.reporter_id and entry.note
    ]
    return list(dict.fromkeys(phone for words in left for phone in phones_in(words)))


def caller_said(uow: UnitOfWork, issue: Issue, caller: str) -> str:
    """The caller as the private chat of whoever took their report says them: with the phone
    numbers the report gives (「来电市民（13812345678、010-62345678）」), to call back;
    elsewhere as they are."""
    phones = phones_in(issue.description)
    if not phones or uow.chats.by_id(issue.chat_id).kind != "private":
        return caller
    return texts.CALLER_PHONE.format(caller=caller, phone="、".join(phones))


def for_the_taker(
    uow: UnitOfWork, issue: Issue, messages: list[Outgoing], line: str, told: str
) -> list[Outgoing]:
    """`messages`, with `line` said as `told` in the chat the issue was reported from."""
    chat = uow.chats.by_id(issue.chat_id)
    return [
        replace(m, text=told)
        if isinstance(m, Reply) and _in_chat(m, chat) and m.text == line
        else m
        for m in messages
    ]


# -- quick actions: buttons where the platform has them; pressing one types the command ----------


def rating_buttons(number: int) -> tuple[Button, ...]:
    """满意 / 基本满意 / 不满意 under a follow-up question; only the reporter may press."""
    return tuple(Button(word, f"/rate {number} {word}") for word in texts.RATING_BUTTONS)


def triage_buttons(number: int) -> tuple[Button, ...]:
    """受理 under a new issue's acknowledgement: a worker triages it from the group."""
    return (Button(texts.BUTTON_ACCEPT, f"/accept {number}"),)


def assignee_buttons(number: int) -> tuple[Button, ...]:
    """接单 / 办结 under an assignment: 接单 tells the reporter; 办结 asks for the result."""
    return (
        Button(texts.BUTTON_TAKE, f"/progress {number} {texts.TAKEN_NOTE}"),
        Button(texts.BUTTON_RESOLVE, f"/resolve {number}"),
    )


def work_buttons(number: int, said: str, *, done: bool) -> tuple[Button, ...]:
    """进展 (and, for work that may be done, 办结 first) with the words someone at work said of
    issue `number`: the commands a hint names, pressed instead of typed. A command too long
    for a button is left to be typed."""
    shown = [Button(texts.BUTTON_PROGRESS, f"/progress {number} {said}")]
    if done:
        shown.insert(0, Button(texts.BUTTON_RESOLVE, f"/resolve {number} {said}"))
    return tuple(b for b in shown if len(b.command.encode()) <= BUTTON_COMMAND_MAX)


def with_buttons(
    messages: Iterable[Outgoing], buttons: tuple[Button, ...], *, chat: Chat | None = None
) -> list[Outgoing]:
    """The same messages, with `buttons` under the text ones (only in `chat` when given)."""
    return [
        replace(m, buttons=buttons)
        if isinstance(m, Reply | Direct) and (chat is None or _in_chat(m, chat))
        else m
        for m in messages
    ]


def _in_chat(message: Reply | Direct, chat: Chat) -> bool:
    return isinstance(message, Reply) and (message.chat.platform, message.chat.ref) == (
        chat.platform,
        chat.ref,
    )
