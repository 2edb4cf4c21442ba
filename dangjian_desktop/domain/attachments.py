"""Attachments: scans of sign-in sheets, photos and PDFs kept with a record (DESIGN.md §3:
kept with the data but apart from the record tables, checked by sha256, never multiplied by
backups). Value types and the checks that need no decoder; no Qt, no SQL, no I/O.

One store serves every kind of record: `owner_kind` names the table of the owner
("meeting" now; "inspection" and "point_entry" later), `owner_id` its row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

MEETING = "meeting"
OWNER_KINDS = frozenset({MEETING, "inspection", "point_entry"})

# One file at most this big as it arrives (a scanned A4 sheet is 0.5–3 MB, a phone photo
# 2–8 MB, a multi-page PDF of a 会议记录 a few MB): a bigger file is refused, not truncated.
MAX_BYTES = 20 * 1024 * 1024
# Images with a longer side than this are scaled down before they are stored: a 50-MP phone
# photo becomes ~5 MB less and still shows every signature on a sign-in sheet.
MAX_SIDE = 3000
# Decoded size limit: more pixels than a 64-MP camera gives is a decompression bomb (a
# small PNG that would take gigabytes of memory), refused before it is decoded.
MAX_PIXELS = 64_000_000
MAX_PER_RECORD = 50
FILE_NAME_MAX = 255
CAPTION_MAX = 200

JPEG = "image/jpeg"
PNG = "image/png"
PDF = "application/pdf"
MIME_TYPES = (JPEG, PNG, PDF)

# FieldError codes of attachments ("attachments.N" fields); messages.py words them.
ERROR_CODES: dict[str, str] = {
    "attachment_empty": "the file is empty",
    "attachment_too_large": "bigger than the limit (param max_mb)",
    "attachment_type": "not a JPEG, PNG or PDF file (by its content, not its name)",
    "attachment_unreadable": "the image or PDF is damaged or cut short",
    "attachment_too_many_pixels": "an image of more pixels than any camera gives, a "
    "decompression bomb (param max_mp)",
    "attachment_too_many": "more attachments than one record holds (param max)",
    "attachment_not_found": "the attachment to remove is not one of this record's",
}


def sniff_mime(data: bytes) -> str | None:
    """The type by the file's first bytes (its name may lie): JPEG, PNG, PDF, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"%PDF-"):
        return PDF
    return None


def clean_file_name(name: str) -> str:
    """The file name alone (no folders), without control characters, at most 255 long."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return (base or "附件")[-FILE_NAME_MAX:]


@dataclass(frozen=True)
class NewAttachment:
    """A file the user picked, as bytes (read by the caller, off the GUI thread)."""

    file_name: str
    data: bytes
    caption: str = ""


@dataclass(frozen=True)
class Attachment:
    """A stored attachment's description; its bytes are read by id (`ws.attachments`)."""

    id: int
    owner_kind: str
    owner_id: int
    position: int
    file_name: str
    mime: str
    size: int
    sha256: str
    added_at: datetime | None = None
    caption: str = ""


class BlobState(StrEnum):
    OK = "ok"
    MISSING = "missing"  # no file under its name (the folder was not copied along?)
    DAMAGED = "damaged"  # the bytes do not hash to the name any more


@dataclass(frozen=True)
class AttachmentProblem:
    """One attachment that verify() found wrong; the record itself is unharmed."""

    attachment: Attachment
    state: BlobState
