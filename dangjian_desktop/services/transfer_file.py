"""The member transfer file: one member, with status history, transfers and photo, carried
from one branch's data file to another's on a USB stick (crew rotation, DESIGN.md §2).

One UTF-8 JSON document, readable in any editor if something goes wrong at sea:

    {"format": "dangjian-member-transfer", "version": 1, "exported_at": "...",
     "from_branch": "...", "sha256": "<hex of the canonical payload>",
     "payload": {"member": {...}, "statuses": [...], "transfers": [...], "photo": null}}

The checksum covers the canonical JSON of the payload (sorted keys, no spaces), so a file
truncated on a stick or edited by hand is refused instead of imported half-right. Local
row ids never travel; the member's `uid` identifies it in every file.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import types
import typing
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from enum import Enum
from pathlib import Path

from dangjian_desktop.domain.people import Member, StatusChange, Transfer
from dangjian_desktop.export.atomic import atomic_write

FORMAT = "dangjian-member-transfer"
VERSION = 1  # bump on any change to the payload; older programs then refuse the file
SUFFIX = ".djzj"  # the GUI offers this in its file dialogs
MAX_BYTES = 32 * 1024 * 1024  # a member with a photo is far below this


class TransferFileError(Exception):
    """The file cannot be imported; nothing was written. `code` says why:

    unreadable       the file cannot be read (missing, no permission, I/O error)
    too_large        bigger than any transfer file can be
    not_transfer_file  not JSON, or JSON of another format
    too_new          written by a newer program (`version` > VERSION)
    corrupt          checksum mismatch or malformed content (damaged or edited)
    invalid_member   the member breaks this program's rules (`errors`)
    id_conflict      another member here (`member_id`) already has the ID number
    member_deleted   the member is in this file's 回收站 (`member_id`): restore it first
    """

    def __init__(
        self,
        code: str,
        detail: str = "",
        *,
        member_id: int | None = None,
        errors: tuple = (),
    ) -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.member_id = member_id
        self.errors = errors


@dataclass(frozen=True)
class TransferPackage:
    member: Member  # id is None: local ids never travel
    statuses: tuple[StatusChange, ...] = ()
    transfers: tuple[Transfer, ...] = ()
    photo: tuple[str, bytes] | None = None  # (mime, data)
    from_branch: str = ""
    exported_at: str = ""


# --- dataclass ↔ JSON ----------------------------------------------------------------------
def _encode_value(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def _encode(obj: object) -> dict:
    return {
        f.name: _encode_value(getattr(obj, f.name))
        for f in fields(obj)
        if f.name != "id" and not isinstance(getattr(obj, f.name), dict)
    }


def _decode_value(tp: object, value: object) -> object:
    args = typing.get_args(tp)
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        if value is None and type(None) in args:
            return None
        (tp,) = [a for a in args if a is not type(None)]
    if tp is date:
        if not isinstance(value, str):
            raise TypeError("date")
        return date.fromisoformat(value)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(value)
    if tp is bool:
        if not isinstance(value, bool):
            raise TypeError("bool")
        return value
    if tp is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError("int")
        return value
    if tp is str:
        if not isinstance(value, str):
            raise TypeError("str")
        return value
    raise TypeError(f"unsupported field type {tp}")


def _decode(cls: type, data: object):
    if not isinstance(data, dict):
        raise TypeError(cls.__name__)
    hints = typing.get_type_hints(cls)
    values = {}
    for f in fields(cls):
        if f.name == "id" or f.name not in data:
            continue  # missing fields keep their defaults (required ones fail below)
        values[f.name] = _decode_value(hints[f.name], data[f.name])
    return cls(**values)


def _canonical(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


# --- writing and reading -------------------------------------------------------------------
def write(path: str | os.PathLike[str], package: TransferPackage) -> None:
    photo = None
    if package.photo is not None:
        mime, data = package.photo
        photo = {"mime": mime, "data": base64.b64encode(data).decode("ascii")}
    payload = {
        "member": _encode(package.member),
        "statuses": [_encode(s) for s in package.statuses],
        "transfers": [_encode(t) for t in package.transfers],
        "photo": photo,
    }
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "from_branch": package.from_branch,
        "sha256": hashlib.sha256(_canonical(payload)).hexdigest(),
        "payload": payload,
    }
    with atomic_write(path, "w", encoding="utf-8") as fh:
        json.dump(document, fh, ensure_ascii=False, indent=1, sort_keys=True)


def read(path: str | os.PathLike[str]) -> TransferPackage:
    """The package in `path`, or TransferFileError. Reads only; changes nothing."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise TransferFileError("too_large", str(path))
        raw = path.read_bytes()
    except OSError as exc:
        raise TransferFileError("unreadable", str(exc)) from exc
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise TransferFileError("not_transfer_file", str(path)) from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise TransferFileError("not_transfer_file", str(path))
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise TransferFileError("corrupt", "version")
    if version > VERSION:
        raise TransferFileError("too_new", f"version {version} > {VERSION}")
    payload = document.get("payload")
    if not isinstance(payload, dict):
        raise TransferFileError("corrupt", "payload")
    if hashlib.sha256(_canonical(payload)).hexdigest() != document.get("sha256"):
        raise TransferFileError("corrupt", "checksum")
    try:
        member = _decode(Member, payload["member"])
        statuses = tuple(_decode(StatusChange, s) for s in payload.get("statuses") or ())
        transfers = tuple(_decode(Transfer, t) for t in payload.get("transfers") or ())
        photo = None
        if payload.get("photo") is not None:
            mime = payload["photo"]["mime"]
            data = base64.b64decode(payload["photo"]["data"], validate=True)
            if not isinstance(mime, str):
                raise TypeError("mime")
            photo = (mime, data)
        from_branch = str(document.get("from_branch") or "")
        exported_at = str(document.get("exported_at") or "")
    except (KeyError, TypeError, ValueError, binascii.Error) as exc:
        raise TransferFileError("corrupt", repr(exc)) from exc
    if not member.uid or not member.name:
        raise TransferFileError("corrupt", "member without uid or name")
    return TransferPackage(member, statuses, transfers, photo, from_branch, exported_at)
