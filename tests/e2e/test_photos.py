"""The bot's own copy of residents' photos (chat-protocol §2 Photos; `bot.media`).

On the console a photo is `[图片:path]`; when the path names a picture file on this machine,
the console adapter hands it over as a platform would hand over a photo it holds.
`Conversation.collect_photos` does what `serve()` does after such a message.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from bot.media import MEDIA_TRIES
from bot.messages import IMPORTED, Document
from bot.outbox import outbound, outgoing
from storage.models import Attachment
from storage.uow import UnitOfWork
from tests.support.conversation import Conversation
from tests.support.web import browser, sign_in

pytestmark = pytest.mark.filterwarnings("ignore::starlette.exceptions.StarletteDeprecationWarning")


def picture(path: Path, colour: tuple[int, int, int], kind: str = "PNG") -> bytes:
    """A small real picture written to `path`; its bytes."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), colour).save(buffer, kind)
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def attachments(chat: Conversation) -> list[Attachment]:
    with UnitOfWork(chat.linli.sessions) as uow:
        return list(uow.session.scalars(select(Attachment).order_by(Attachment.id)))


def media(chat: Conversation) -> Path:
    return Path(chat.settings.media.dir)


def test_a_reports_photos_are_kept_and_shown_after_the_platform_lets_them_go(
    chat: Conversation, tmp_path: Path
) -> None:
    png = picture(tmp_path / "井盖.png", (200, 30, 30))
    jpeg = picture(tmp_path / "井盖2.jpg", (30, 30, 200), "JPEG")
    chat.say(f"@王芳/网格3群: #报事 3号楼门口井盖坏了[图片:{tmp_path / '井盖.png'}]")
    chat.say(f"@王芳/网格3群: [图片:{tmp_path / '井盖2.jpg'}]")  # within two minutes: attached
    assert chat.collect_photos() == 2
    first, second = attachments(chat)
    assert (media(chat) / f"{first.id}.png").read_bytes() == png
    assert (media(chat) / f"{second.id}.jpg").read_bytes() == jpeg
    # The originals are gone (a WeChat photo expires in days): 查看 sends the bot's copies.
    (tmp_path / "井盖.png").unlink()
    (tmp_path / "井盖2.jpg").unlink()
    sent = chat.send("@张网格/网格3群: 查看 1")
    queued = [outbound(m, chat.clock.now()) for m in sent if isinstance(m, Document)]
    assert all(row.content is None for row in queued)  # the outbox keeps the path, not the bytes
    photos = [outgoing(row) for row in queued]  # as the outbox hands them to the platform
    assert [(p.content, p.caption, p.photo, p.ref) for p in photos] == [  # type: ignore[union-attr]
        (png, "#1 照片1/2", True, None),
        (jpeg, "#1 照片2/2", True, None),
    ]
    assert chat.collect_photos() == 0  # kept once, never fetched again


def test_a_rounds_photos_are_kept_with_it_as_the_record_of_the_work(
    chat: Conversation, tmp_path: Path
) -> None:
    before = picture(tmp_path / "楼道.png", (10, 200, 10))
    during = picture(tmp_path / "入户.png", (10, 10, 200))
    after = picture(tmp_path / "单元门.png", (200, 200, 10))
    # WeChat sends a photo by itself, before the words or after them; or it comes with them.
    assert chat.say(f"@张网格/私聊: [图片:{tmp_path / '楼道.png'}]") == []
    assert chat.text(f"@张网格/私聊: 走访 3号楼 入户6户[图片:{tmp_path / '入户.png'}]") == (
        "已记录走访：3号楼 入户6户（网格3），照片2张。您本月第1次。"
    )
    assert chat.text(f"@张网格/私聊: [图片:{tmp_path / '单元门.png'}]") == (
        "已把1张照片附到走访记录：3号楼 入户6户。"
    )
    assert chat.collect_photos() == 3
    kept = attachments(chat)
    assert [a.issue_id for a in kept] == [None, None, None]
    assert [(media(chat) / f"{a.id}.png").read_bytes() for a in kept] == [before, during, after]
    assert chat.text("@李书记/工作群: 走访 列表").endswith("3号楼 入户6户（照片3张）")
    # Taken back, the round's photos go with it; nobody's issue had them.
    chat.say("@张网格/私聊: 走访 撤回")
    assert attachments(chat) == []


def test_a_photo_the_platform_cannot_give_is_asked_for_a_few_times_then_left(
    chat: Conversation, tmp_path: Path
) -> None:
    missing = tmp_path / "还没有.png"
    chat.say(f"@王芳/网格3群: #报事 3号楼楼道灯坏了[图片:{missing}]")
    for _ in range(MEDIA_TRIES):
        assert chat.collect_photos() == 0
    picture(missing, (10, 10, 10))  # the platform would give it now, but it is no longer asked
    assert chat.collect_photos() == 0
    assert not media(chat).exists() or list(media(chat).iterdir()) == []
    # Without a copy, 查看 still sends it again by the platform's id, on that platform.
    assert chat.say("@张网格/网格3群: 查看 1")[1] == ("网格3群", f"[图片:{missing}] #1 照片1/1")


def test_a_file_that_is_not_a_picture_is_not_kept(chat: Conversation, tmp_path: Path) -> None:
    fake = tmp_path / "fake.png"
    fake.write_text("<html>not found</html>", encoding="utf-8")
    chat.say(f"@王芳/网格3群: #报事 3号楼下水道堵了[图片:{fake}]")
    assert chat.collect_photos() == 0
    assert not media(chat).exists() or list(media(chat).iterdir()) == []
    (only,) = attachments(chat)
    assert only.file is None and only.fetch_tries == 1


def test_imported_photos_are_not_fetched(chat: Conversation, tmp_path: Path) -> None:
    """An imported history's photos are file names of the export, not the platform's ids."""
    png = tmp_path / "导出.png"
    picture(png, (0, 120, 0))
    chat.send(f"@王芳/网格3群: #报事 3号楼垃圾没人清[图片:{png}]", via=IMPORTED)
    assert chat.collect_photos() == 0
    (only,) = attachments(chat)
    assert only.chat_id is None and only.fetch_tries == 0


def test_the_web_page_shows_kept_photos_to_whoever_may_see_the_issue(
    web_chat: Conversation, tmp_path: Path
) -> None:
    chat = web_chat
    png = picture(tmp_path / "灯.png", (250, 250, 0))
    chat.say(f"@王芳/网格3群: #报事 3号楼楼道灯坏了[图片:{tmp_path / '灯.png'}]")
    chat.say("@王芳/网格3群: #报事 3号楼电梯停了[图片:不在这台机器上.jpg]")
    chat.collect_photos()
    (kept, _) = attachments(chat)
    url = f"/issues/1/photos/{kept.id}"
    for name in ("李书记", "王芳", "张网格"):
        client = sign_in(chat, name)
        page = client.get("/issues/1")
        assert f'<img src="{url}"' in page.text
        got = client.get(url)
        assert (got.status_code, got.headers["content-type"], got.content) == (
            200,
            "image/png",
            png,
        )
        assert "<img" not in client.get("/issues/2").text  # no copy: listed by name only
    # A resident may not see another's issue, nor its photo; nobody signed out may.
    neighbour = sign_in(chat, "刘阿姨")
    refused = neighbour.get(url)
    assert refused.status_code == 403 and png not in refused.content
    assert browser(chat).get(url, follow_redirects=False).status_code in (401, 303)
    # Another issue's photo id under #1, or a made-up one: not found.
    secretary = sign_in(chat, "李书记")
    assert secretary.get(f"/issues/2/photos/{kept.id}").status_code == 404
    assert secretary.get("/issues/1/photos/99999").status_code == 404
    assert secretary.get("/issues/1/photos/..%2F..%2Fetc").status_code in (400, 404)
