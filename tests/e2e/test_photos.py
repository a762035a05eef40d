"""The bot's own copy of residents' photos (chat-protocol §2 Photos; `bot.media`).

On the console a photo is `[图片:path]`; when the path names a picture file on this machine,
the console adapter hands it over as a platform would hand over a photo it holds.
`Conversation.collect_photos` does what `serve()` does after such a message.
"""

from __future__ import annotations

import asyncio
import io
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from bot.media import MEDIA_TRIES, Collector, MediaFolder
from bot.messages import IMPORTED, Document
from bot.outbox import outbound, outgoing
from storage.models import Attachment, Patrol
from storage.uow import UnitOfWork
from tests.support.conversation import Conversation
from tests.support.web import browser, links, sign_in, visible

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
    # Taken back, the round's photos go with it, the bot's copies too; nobody's issue had them.
    chat.say("@张网格/私聊: 走访 撤回")
    assert attachments(chat) == []
    assert list(media(chat).iterdir()) == []


def test_a_photo_still_downloading_when_its_round_is_taken_back_leaves_no_copy(
    chat: Conversation, tmp_path: Path
) -> None:
    picture(tmp_path / "入户.png", (10, 10, 200))
    chat.say(f"@张网格/私聊: 走访 3号楼 入户6户[图片:{tmp_path / '入户.png'}]")
    chat.say("@张网格/私聊: 走访 撤回")  # before the collector has fetched it
    assert chat.collect_photos() == 0
    assert attachments(chat) == []
    assert not media(chat).exists() or list(media(chat).iterdir()) == []


def test_a_failed_take_back_keeps_the_rounds_photos(chat: Conversation, tmp_path: Path) -> None:
    """The copies go once the round is gone for good: never for a transaction rolled back."""
    picture(tmp_path / "入户.png", (10, 10, 200))
    chat.say(f"@张网格/私聊: 走访 3号楼 入户6户[图片:{tmp_path / '入户.png'}]")
    assert chat.collect_photos() == 1
    (copy,) = media(chat).iterdir()
    with UnitOfWork(chat.linli.sessions) as uow:
        round_ = uow.session.scalars(select(Patrol)).one()
        copies = uow.patrols.remove(round_)
        assert copies == [copy.name]
        uow.after_commit(lambda: MediaFolder(media(chat)).drop(copies))
        uow.rollback()  # as the dispatcher does when something fails after it
        uow.commit()
    assert copy.is_file() and len(attachments(chat)) == 1


def test_at_start_copies_no_photo_names_are_deleted_once_an_hour_old(
    chat: Conversation, tmp_path: Path
) -> None:
    picture(tmp_path / "井盖.png", (200, 30, 30))
    chat.say(f"@王芳/网格3群: #报事 3号楼门口井盖坏了[图片:{tmp_path / '井盖.png'}]")
    assert chat.collect_photos() == 1
    folder = media(chat)
    (kept,) = folder.iterdir()
    # Left by a round taken back under a crash, a download cut off, a fetch just written
    # by another process; and a file someone else put there.
    stray, cut_off, fresh = folder / "999.jpg", folder / ".998.part", folder / "997.png"
    other = folder / "说明.txt"
    for path in (stray, cut_off, fresh, other):
        path.write_bytes(b"x")
    hour_ago = time.time() - 2 * 3600
    for path in (kept, stray, cut_off, other):
        os.utime(path, (hour_ago, hour_ago))
    listed_on: list[str] = []

    class Watched(MediaFolder):
        def stale(self, before: float) -> dict[str, Path]:
            listed_on.append(threading.current_thread().name)
            return super().stale(before)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="core") as worker:
        collector = Collector(chat.linli.sessions, chat.adapter, Watched(folder), worker)
        assert asyncio.run(collector.tidy()) == 2
    assert sorted(p.name for p in folder.iterdir()) == sorted([kept.name, fresh.name, other.name])
    # A big folder is listed off the core thread, which goes on answering messages meanwhile.
    assert len(listed_on) == 1 and not listed_on[0].startswith("core")


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


def test_the_web_page_of_rounds_shows_each_with_its_photos_to_whoever_may_see_it(
    web_chat: Conversation, tmp_path: Path
) -> None:
    chat = web_chat
    stairs = picture(tmp_path / "楼道.png", (10, 200, 10))
    picture(tmp_path / "堆物.png", (200, 10, 10))
    chat.say(f"@张网格/私聊: 走访 3号楼 入户10户 无异常[图片:{tmp_path / '楼道.png'}]")
    chat.say(f"@赵网格/私聊: 巡查 6号楼 发现楼道堆物[图片:{tmp_path / '堆物.png'}]")
    assert chat.collect_photos() == 2
    mine, theirs = attachments(chat)
    said = chat.text("@李书记/工作群: 统计 本月 走访").splitlines()

    secretary = sign_in(chat, "李书记")
    page = secretary.get("/patrols")
    lines = visible(page.text).splitlines()
    assert links(page.text, "走访") == ["/patrols"]
    assert said[0] in lines  # 「本月走访巡查2次，入户10户，发现问题1处。」, as in chat
    # The newest first: who, grid, place, households, the words as typed, the problem found.
    newest, earlier = lines.index("赵*格"), lines.index("张*格")
    assert newest < earlier
    assert lines[newest - 1].startswith("11月23日 08:")
    assert lines[newest : newest + 5] == [
        "赵*格",
        "网格5",
        "6号楼",
        "6号楼 发现楼道堆物",
        "楼道堆物",
    ]
    assert lines[earlier : earlier + 5] == [
        "张*格",
        "网格3",
        "3号楼",
        "10户",
        "3号楼 入户10户 无异常",
    ]
    shown = f"/patrols/photos/{mine.id}"
    assert f'<img src="{shown}"' in page.text and f"/patrols/photos/{theirs.id}" in page.text
    got = secretary.get(shown)
    assert (got.status_code, got.headers["content-type"], got.content) == (200, "image/png", stairs)
    # One grid's, one person's.
    only_three = visible(secretary.get("/patrols", params={"grid": "网格3"}).text)
    assert "张*格" in only_three and "6号楼" not in only_three
    assert "入户" not in visible(secretary.get("/patrols", params={"period": "上月"}).text)

    # A grid worker sees their own rounds, as 「走访 列表」 answers them; not another's photo.
    worker = sign_in(chat, "张网格")
    own = visible(worker.get("/patrols").text)
    assert "3号楼" in own and "6号楼" not in own
    assert worker.get(f"/patrols/photos/{theirs.id}").status_code == 404
    assert worker.get(shown).content == stairs
    # A 楼栋长 may keep rounds of their building; a resident may not see the page.
    head = sign_in(chat, "陈楼长")
    assert "本月没有走访记录。" in visible(head.get("/patrols").text).splitlines()
    resident = sign_in(chat, "王芳")
    assert links(resident.get("/").text, "走访") == []
    refused = resident.get("/patrols")
    assert (
        refused.status_code == 403 and "只有网格员、楼栋长或书记可以查看走访记录。" in refused.text
    )
    assert resident.get(shown).status_code == 403
    # Bad input gets one line and changes nothing; a round taken back takes its photos.
    wrong = secretary.get("/patrols", params={"period": "火星"})
    assert wrong.status_code == 400 and "时间应写成" in visible(wrong.text)
    assert secretary.get("/patrols/photos/..%2F..%2Fetc").status_code in (400, 404)
    chat.say("@张网格/私聊: 走访 撤回")
    assert secretary.get(shown).status_code == 404
    assert "3号楼" not in visible(secretary.get("/patrols").text)
