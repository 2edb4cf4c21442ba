"""Attachments: checked at the door (type by content, size, PNG bombs), stored once beside
the data file, never inside its backups, found again after a restore, and a damaged file is
reported without breaking its record."""

from __future__ import annotations

import io
import os
import struct
import zlib
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from PIL import Image

from dangjian_desktop.domain.attachments import (
    MAX_BYTES,
    MAX_SIDE,
    BlobState,
    NewAttachment,
)
from dangjian_desktop.domain.errors import ValidationError
from dangjian_desktop.services.attachment_files import prepare
from dangjian_desktop.storage.attachment_store import AttachmentReadError
from tests.unit.services.meeting_data import Branch, general_meeting, make_branch
from tests.unit.services.member_data import snapshot


@pytest.fixture
def branch(workspace) -> Branch:
    return make_branch(workspace)


def png(width: int = 40, height: int = 30, color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, "PNG")
    return out.getvalue()


def jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def pdf(payload: bytes = b"sign-in sheet") -> bytes:
    return b"%PDF-1.4\n" + payload + b"\n%%EOF\n"


def png_bomb(side: int = 100_000) -> bytes:
    """A valid PNG header claiming side × side pixels, in a few dozen bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def code_of(result) -> str:
    return result.code


# --- at the door --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "attachment_empty"),
        (b"GIF89a" + b"\x00" * 20, "attachment_type"),
        (b"PK\x03\x04 a docx renamed .jpg", "attachment_type"),
        (b"%PDF-1.4 cut short on the stick", "attachment_unreadable"),
        (png()[:40], "attachment_unreadable"),
        (png_bomb(), "attachment_too_many_pixels"),
        (b"%PDF-" + b"0" * MAX_BYTES, "attachment_too_large"),
    ],
    ids=["empty", "gif", "docx", "cut-pdf", "cut-png", "png-bomb", "too-large"],
)
def test_refused_files(data, code):
    result = prepare(NewAttachment("签到表.jpg", data))
    assert code_of(result) == code


def test_the_bomb_is_refused_before_it_is_decoded():
    """Pillow's own check raises past 2 × its limit; ours refuses from the header."""
    result = prepare(NewAttachment("bomb.png", png_bomb(9_000)))  # 81 MP: a bomb to us
    assert code_of(result) == "attachment_too_many_pixels"
    assert result.param("max_mp") == 64


def test_huge_photos_are_scaled_down_and_small_ones_kept_as_they_are():
    small = png()
    kept = prepare(NewAttachment("a.png", small))
    assert kept.data == small and not kept.scaled and kept.mime == "image/png"
    big = prepare(NewAttachment("photo", jpeg(MAX_SIDE * 2, MAX_SIDE)))
    assert big.scaled and big.mime == "image/jpeg" and big.file_name == "photo.jpg"
    with Image.open(io.BytesIO(big.data)) as img:
        assert img.size == (MAX_SIDE, MAX_SIDE // 2)


def test_file_names_lose_their_folders():
    kept = prepare(NewAttachment("C:\\Users\\书记\\桌面\\签到表.pdf", pdf()))
    assert kept.file_name == "签到表.pdf" and kept.mime == "application/pdf"


def test_a_refused_file_writes_nothing_not_even_a_file(workspace, branch):
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as refused:
        workspace.meetings.save(
            general_meeting(branch),
            attachments_added=[NewAttachment("ok.pdf", pdf()), NewAttachment("x.gif", b"GIF8")],
        )
    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("attachments.1", "attachment_type")
    ]
    assert snapshot(workspace) == before
    assert list(workspace.attachments.store.names()) == []


def test_a_refused_record_writes_no_file(workspace, branch):
    with pytest.raises(ValidationError):
        workspace.meetings.save(
            general_meeting(branch, topic=""), attachments_added=[NewAttachment("a.pdf", pdf())]
        )
    assert list(workspace.attachments.store.names()) == []


# --- stored once, outside the data file ---------------------------------------------------
def test_attachments_are_stored_beside_the_data_file_by_sha256(workspace, branch):
    data = pdf(os.urandom(2_000_000))
    mid, _ = workspace.meetings.save(
        general_meeting(branch),
        attachments_added=[NewAttachment("签到表.pdf", data, "会议签到表")],
    )
    [item] = workspace.meetings.attachments(mid)
    assert (item.file_name, item.size, item.caption) == ("签到表.pdf", len(data), "会议签到表")
    blob = workspace.attachments_dir / item.sha256[:2] / item.sha256
    assert blob.read_bytes() == data
    assert workspace.attachments_dir.parent.parent == workspace.path.parent
    assert workspace.meetings.rows([mid])[mid].attachments == 1
    _, read = workspace.attachments.read(item.id)
    assert read == data
    # The same scan on a second record is one file.
    _other, _ = workspace.meetings.save(
        general_meeting(branch, topic="另一次会议"),
        attachments_added=[NewAttachment("copy.pdf", data)],
    )
    assert len(list(workspace.attachments.store.names())) == 1
    # Backups copy the data file only: the 2 MB are not in them.
    info = workspace.backup_now()
    assert info.size < len(data)


def test_attachments_survive_backup_and_restore(workspace, branch):
    first = pdf(b"first sign-in sheet")
    mid, _ = workspace.meetings.save(
        general_meeting(branch), attachments_added=[NewAttachment("一.pdf", first)]
    )
    [old] = workspace.meetings.attachments(mid)
    backup = workspace.backup_now()
    # The record changes afterwards: the first scan is replaced by a second one.
    meeting = workspace.meetings.get(mid)
    workspace.meetings.save(
        meeting,
        attachments_added=[NewAttachment("二.pdf", pdf(b"second"))],
        attachments_removed=[old.id],
    )
    assert [a.file_name for a in workspace.meetings.attachments(mid)] == ["二.pdf"]
    # Long after: the first file is no longer named by the data file, but by the backup.
    later = datetime.now() + timedelta(days=30)
    report = workspace.attachments.collect_garbage(now=later)
    assert report.removed == 0
    workspace.restore(backup.path)
    [back] = workspace.meetings.attachments(mid)
    assert back.file_name == "一.pdf"
    assert workspace.attachments.read(back.id)[1] == first
    assert workspace.attachments.verify() == []


def test_garbage_collection_removes_only_old_files_no_one_names(workspace, branch):
    store = workspace.attachments.store
    orphan = store.put(pdf(b"a save that crashed before its transaction"))
    mid, _ = workspace.meetings.save(
        general_meeting(branch), attachments_added=[NewAttachment("a.pdf", pdf(b"used"))]
    )
    young = workspace.attachments.collect_garbage()
    assert young.removed == 0 and young.kept_young == 1  # a save may still be in flight
    later = workspace.attachments.collect_garbage(now=datetime.now() + timedelta(days=2))
    assert later.removed == 1
    assert store.state(orphan) is BlobState.MISSING
    [used] = workspace.meetings.attachments(mid)
    assert store.state(used.sha256) is BlobState.OK


def test_an_unreadable_backup_stops_the_collection(workspace, branch):
    workspace.attachments.store.put(pdf(b"orphan"))
    workspace.backup_now()
    [info] = workspace.list_backups()
    info.path.write_bytes(b"not a database any more, but named like a backup")
    report = workspace.attachments.collect_garbage(now=datetime.now() + timedelta(days=2))
    assert report.removed == 0 and report.skipped


def test_a_flipped_byte_is_reported_and_the_record_still_opens(workspace, branch):
    data = png(64, 64)
    mid, _ = workspace.meetings.save(
        general_meeting(branch), attachments_added=[NewAttachment("合影.png", data)]
    )
    [item] = workspace.meetings.attachments(mid)
    blob = workspace.attachments_dir / item.sha256[:2] / item.sha256
    damaged = bytearray(blob.read_bytes())
    damaged[len(damaged) // 2] ^= 0x01
    blob.write_bytes(bytes(damaged))

    [problem] = workspace.attachments.verify()
    assert problem.state is BlobState.DAMAGED
    assert (problem.attachment.owner_kind, problem.attachment.owner_id) == ("meeting", mid)
    with pytest.raises(AttachmentReadError) as caught:
        workspace.attachments.read(item.id)
    assert caught.value.state is BlobState.DAMAGED
    # The record reads, lists and saves as before.
    meeting = workspace.meetings.get(mid)
    assert workspace.meetings.rows([mid])[mid].attachments == 1
    workspace.meetings.save(replace(meeting, topic="议题改了"))
    # Attaching the same picture again heals the file.
    workspace.meetings.save(
        workspace.meetings.get(mid), attachments_added=[NewAttachment("合影.png", data)]
    )
    assert workspace.attachments.verify() == []


def test_a_missing_file_is_reported_by_record(workspace, branch):
    mid, _ = workspace.meetings.save(
        general_meeting(branch), attachments_added=[NewAttachment("a.pdf", pdf())]
    )
    [item] = workspace.meetings.attachments(mid)
    (workspace.attachments_dir / item.sha256[:2] / item.sha256).unlink()
    [problem] = workspace.attachments.verify()
    assert problem.state is BlobState.MISSING and problem.attachment.id == item.id


def test_removing_an_attachment_of_another_record_is_refused(workspace, branch):
    a, _ = workspace.meetings.save(
        general_meeting(branch), attachments_added=[NewAttachment("a.pdf", pdf())]
    )
    b, _ = workspace.meetings.save(general_meeting(branch, topic="另一次"))
    [item] = workspace.meetings.attachments(a)
    with pytest.raises(ValidationError) as refused:
        workspace.meetings.save(workspace.meetings.get(b), attachments_removed=[item.id])
    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("attachments_removed.0", "attachment_not_found")
    ]
    assert len(workspace.meetings.attachments(a)) == 1


def test_moving_the_folder_to_a_usb_stick_keeps_the_attachments(tmp_path):
    """The data file with its folder (attachments/ and backups/ beside it) copied elsewhere
    opens with every attachment found and checked."""
    import shutil
    from datetime import date

    from dangjian_desktop.services import Workspace

    office = tmp_path / "office"
    office.mkdir()
    ws = Workspace.open(office / "台账.sqlite", today=lambda: date(2025, 6, 15))
    try:
        branch = make_branch(ws)
        mid, _ = ws.meetings.save(
            general_meeting(branch), attachments_added=[NewAttachment("签到表.png", png())]
        )
    finally:
        ws.close()
    stick = tmp_path / "U盘" / "党建"
    shutil.copytree(office, stick)
    moved = Workspace.open(stick / "台账.sqlite", today=lambda: date(2025, 6, 15))
    try:
        [item] = moved.meetings.attachments(mid)
        assert moved.attachments.read(item.id)[1] == png()
        assert moved.attachments.verify() == []
        assert moved.attachments_dir.is_relative_to(stick)
    finally:
        moved.close(final_backup=False)
