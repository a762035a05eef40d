"""删除我的信息 / forget me (chat-protocol §9): erase a person, keep their issues anonymised."""

from __future__ import annotations

from bot.domain.privacy import ERASED, mask_text
from bot.text import normalize
from handlers import texts
from handlers.base import Context, Outcome, answer
from handlers.schedule import ADHOC, REPEAT
from storage.models import AuditEntry

_CONFIRM = {"me", "我", "确认"}


def forget(ctx: Context, args: str) -> Outcome:
    """删除我的信息 确认 — remove the sender's name, platform id, roles and kept messages."""
    if normalize(args).lower() not in _CONFIRM:
        return answer(ctx, texts.FORGET_CONFIRM, "invalid")
    person = ctx.sender
    uow = ctx.uow
    uow.inbox.anonymise(person.platform, person.ref, ERASED)
    for community_id in uow.people.communities_of(person.id):
        for grant in uow.people.grants_of(person.id, community_id):
            uow.people.remove_grant(grant)
    name = person.name
    for issue in uow.issues.reported_by(person.id):
        issue.description = _without(name, mask_text(issue.description))
    for entry in uow.audit.by(person.id):  # 补充, a rating's reason: their words too
        entry.note = _without(name, mask_text(entry.note))
    for patrol in uow.patrols.by(person.id):  # a 楼栋长's rounds: where they live, perhaps
        patrol.words = _without(name, mask_text(patrol.words))
        patrol.found = _without(name, mask_text(patrol.found))
    for question in uow.questions.asked_by(person.id):  # 问N passed on to staff
        question.text = _without(name, mask_text(question.text))
    uow.issues.unfollow_all(person.id)
    uow.issues.drop_waiting_photos(person.id)
    uow.web.end_all(person.id, ctx.now)
    uow.reminders.forget_set_by(person.id, (ADHOC, REPEAT), ERASED)
    person.name = ERASED
    # The platform id is what links chat accounts to a person; without it nothing does.
    person.ref = f"forgotten:{person.id}"
    uow.audit.record(
        AuditEntry(
            community_id=ctx.community.id if ctx.community else None,
            issue_id=None,
            actor_id=person.id,
            action="forget",
            from_status=None,
            to_status=None,
            note="",
            at=ctx.now,
        )
    )
    return answer(ctx, texts.FORGOTTEN, "command")


def _without(name: str, text: str) -> str:
    """`text` with the person's own name in it (「我是302的王芳」) erased; a one-character name
    is too likely an ordinary word to take out."""
    return text.replace(name, ERASED) if len(name) >= 2 else text
