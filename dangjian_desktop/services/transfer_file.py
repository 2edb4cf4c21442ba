"""The member transfer file: one member, with status history, transfers and photo, carried
from one branch's data file to another's on a USB stick (crew rotation, DESIGN.md §2).

One UTF-8 JSON document, readable in any editor if something goes wrong at sea:

    {"format": "dangjian-member-transfer", "version": 1, "exported_at": "...",
     "from_branch": "...", "sha256": "<hex>", "sha256_all": "<hex>",
     "payload": {"member": {...}, "statuses": [...], "transfers": [...], "photo": null}}

Checksums: `sha256` covers the canonical JSON of the payload (sorted keys, no spaces), as
every version of the program has written it; `sha256_all` covers every other field of the
document too (from_branch and exported_at included). A file truncated on a stick or edited
by hand is refused instead of imported half-right. A checksum detects damage, not forgery:
anyone can recompute it, so what a file says is checked like typed input (the services'
rules, member_transfers.py). Files from versions before sha256_all are read with the payload
checksum alone.

A file is read as untrusted input: its size, nesting and number of records are bounded
before it is parsed, unknown fields are refused, and every value must have its field's
type. Local row ids never travel; the member's `uid` identifies it in every file.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from enum import Enum
from itertools import accumulate
from pathlib import Path

from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.people import Member, StatusChange, Transfer
from dangjian_desktop.export.atomic import atomic_write

FORMAT = "dangjian-member-transfer"
VERSION = 1  # bump on any change to the payload; older programs then refuse the file
SUFFIX = ".djzj"  # the GUI offers this in its file dialogs
# A photo of at most member_rules.MAX_PHOTO_BYTES (5 MB) is 6.7 MB as base64; a real history
# is a few hundred rows. The form stores photos of some tens of kilobytes.
MAX_BYTES = 8 * 1024 * 1024
# Rotating every 4–8 months for 40 years is well under 200 transfers and statuses.
MAX_STATUSES = 1000
MAX_TRANSFERS = 1000
# The format nests 4 deep (document → payload → statuses → one row); Python's parser
# recurses on nesting and died on 100,000 brackets.
MAX_DEPTH = 8
# Objects and arrays (one per row, plus the frame), strings (keys and text) and items (keys
# and values): bound the parser's work and memory whatever the bytes are, before it runs. A
# member record has about 75 strings, a status row 6, a transfer row 21.
MAX_CONTAINERS = MAX_STATUSES + MAX_TRANSFERS + 16
MAX_STRINGS = 128 + 8 * MAX_STATUSES + 24 * MAX_TRANSFERS
MAX_ITEMS = 2 * MAX_STRINGS
MAX_STAMP = 40  # exported_at: an ISO date and time

ERROR_CODES: dict[str, str] = {
    "unreadable": "the file cannot be read (missing, no permission, I/O error)",
    "too_large": "bigger than any transfer file can be (params size, max)",
    "too_complex": "nested deeper, or more values, than a transfer file has",
    "too_many_records": "more status or transfer rows than one member has "
    "(params max_statuses, max_transfers)",
    "not_transfer_file": "not JSON, or JSON of another format",
    "too_new": "written by a newer program (`version` > VERSION)",
    "corrupt": "checksum mismatch or malformed content (damaged or edited)",
    "invalid_member": "the member or its history breaks this program's rules (`errors`)",
    "id_conflict": "another member here (`member_id`) already has the ID number",
    "member_deleted": "the member is in this file's 回收站 (`member_id`): restore it first",
}


class TransferFileError(AppError):
    """The file cannot be imported; nothing was written. `code` says why (ERROR_CODES);
    `params` holds the numbers its message names (and member_id), `errors` the FieldErrors
    of invalid_member (fields such as "name", "statuses.3.changed_on", "photo")."""

    area = "transfer_file"

    def __init__(
        self,
        code: str,
        detail: str = "",
        *,
        member_id: int | None = None,
        errors: tuple = (),
        params: Mapping[str, object] | None = None,
    ) -> None:
        merged = dict(params or {})
        if member_id is not None:
            merged["member_id"] = member_id
        super().__init__(
            code, merged, errors=errors, message=f"{code}: {detail}" if detail else code
        )
        self.detail = detail
        self.member_id = member_id


TransferFileError.ERROR_CODES = ERROR_CODES


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
    names = {f.name for f in fields(cls)} - {"id"}
    unknown = set(data) - names
    if unknown:  # not written by this version: a newer one would have bumped VERSION
        raise TypeError(f"unknown {cls.__name__} fields {sorted(unknown)[:5]}")
    values = {}
    for f in fields(cls):
        if f.name == "id" or f.name not in data:
            continue  # missing fields keep their defaults (required ones fail below)
        values[f.name] = _decode_value(hints[f.name], data[f.name])
    return cls(**values)


def _canonical(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def seal(document: dict) -> dict:
    """Set both checksums of `document` (in place, and returned), as write() does."""
    document.pop("sha256_all", None)
    document["sha256"] = hashlib.sha256(_canonical(document["payload"])).hexdigest()
    document["sha256_all"] = hashlib.sha256(_canonical(document)).hexdigest()
    return document


# --- bounds --------------------------------------------------------------------------------
# A JSON string literal (escapes included); what is left when they are blanked out is the
# document's structure: brackets, separators, numbers and literals. Possessive, and the
# closing quote optional, so that no input makes the search backtrack or start over: an
# unterminated string runs to the end, where the parser refuses it anyway.
_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"?', re.DOTALL)
_BRACKETS = re.compile(r"[^\[\]{}]+")


def _check_bounds(text: str) -> None:
    """Refuse, before parsing, a document with more rows, nesting or values than a transfer
    file can have: the parser recurses per level and builds every value it meets. Cheap
    counts come first, so that no file holds the GUI thread's share of the interpreter
    (the GIL) for long while this runs in the background."""
    # A key in the text is always '"changed_on"'; inside a string value its quotes would
    # be escaped. So these count the rows of each kind without parsing.
    if text.count('"changed_on"') > MAX_STATUSES or text.count('"transfer_date"') > MAX_TRANSFERS:
        raise TransferFileError("too_many_records", params=_RECORD_LIMITS)
    if text.count('"') - text.count('\\"') > 2 * MAX_STRINGS:
        raise TransferFileError("too_complex", "strings")
    skeleton = _STRING.sub('""', text)
    containers = skeleton.count("{") + skeleton.count("[")
    if containers > MAX_CONTAINERS:
        raise TransferFileError("too_many_records", params=_RECORD_LIMITS)
    if skeleton.count(",") + skeleton.count(":") > MAX_ITEMS:
        raise TransferFileError("too_complex", "items")
    brackets = _BRACKETS.sub("", skeleton)  # at most MAX_CONTAINERS pairs by now
    depth = max(accumulate(1 if c in "[{" else -1 for c in brackets), default=0)
    if depth > MAX_DEPTH:
        raise TransferFileError("too_complex", f"depth {depth}")


_RECORD_LIMITS = {"max_statuses": MAX_STATUSES, "max_transfers": MAX_TRANSFERS}
_DOCUMENT_KEYS = {"format", "version", "exported_at", "from_branch", "sha256", "sha256_all"}
_PAYLOAD_KEYS = {"member", "statuses", "transfers", "photo"}


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
        "payload": payload,
    }
    with atomic_write(path, "w", encoding="utf-8") as fh:
        json.dump(seal(document), fh, ensure_ascii=False, indent=1, sort_keys=True)


def read(path: str | os.PathLike[str]) -> TransferPackage:
    """The package in `path`, or TransferFileError. Reads only; changes nothing.

    Checks the format: size, nesting and record counts, checksums, known fields and their
    types. Whether the values follow the rules is the importing service's check."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise TransferFileError("too_large", str(path), params={"size": size, "max": MAX_BYTES})
        raw = path.read_bytes()
    except OSError as exc:
        raise TransferFileError("unreadable", str(exc)) from exc
    if len(raw) > MAX_BYTES:  # grew since stat()
        raise TransferFileError("too_large", str(path), params={"size": len(raw), "max": MAX_BYTES})
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TransferFileError("not_transfer_file", str(path)) from exc
    _check_bounds(text)
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise TransferFileError("not_transfer_file", str(path)) from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise TransferFileError("not_transfer_file", str(path))
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise TransferFileError("corrupt", "version")
    if version > VERSION:
        raise TransferFileError("too_new", f"version {version} > {VERSION}")
    _check_checksums(document)
    payload = document["payload"]
    if set(document) - _DOCUMENT_KEYS - {"payload"} or set(payload) - _PAYLOAD_KEYS:
        raise TransferFileError("corrupt", "unknown fields")
    statuses, transfers = payload.get("statuses") or [], payload.get("transfers") or []
    if not isinstance(statuses, list) or not isinstance(transfers, list):
        raise TransferFileError("corrupt", "history is not a list")
    if len(statuses) > MAX_STATUSES or len(transfers) > MAX_TRANSFERS:
        raise TransferFileError("too_many_records", params=_RECORD_LIMITS)
    try:
        member = _decode(Member, payload["member"])
        package = TransferPackage(
            member=member,
            statuses=tuple(_decode(StatusChange, s) for s in statuses),
            transfers=tuple(_decode(Transfer, t) for t in transfers),
            photo=_decode_photo(payload.get("photo")),
            from_branch=_decode_value(str, document.get("from_branch", "")),
            exported_at=_decode_stamp(document.get("exported_at", "")),
        )
    except (KeyError, TypeError, ValueError, binascii.Error) as exc:
        raise TransferFileError("corrupt", repr(exc)[:200]) from exc
    if not member.uid or not member.name:
        raise TransferFileError("corrupt", "member without uid or name")
    return package


def _check_checksums(document: dict) -> None:
    payload = document.get("payload")
    if not isinstance(payload, dict):
        raise TransferFileError("corrupt", "payload")
    if hashlib.sha256(_canonical(payload)).hexdigest() != document.get("sha256"):
        raise TransferFileError("corrupt", "checksum")
    if "sha256_all" in document:  # absent only in files from versions before it
        rest = {k: v for k, v in document.items() if k != "sha256_all"}
        if hashlib.sha256(_canonical(rest)).hexdigest() != document["sha256_all"]:
            raise TransferFileError("corrupt", "checksum of the whole file")


def _decode_photo(photo: object) -> tuple[str, bytes] | None:
    if photo is None:
        return None
    if not isinstance(photo, dict) or set(photo) != {"mime", "data"}:
        raise TypeError("photo")
    mime, data = photo["mime"], photo["data"]
    if not isinstance(mime, str) or not isinstance(data, str):
        raise TypeError("photo")
    return mime, base64.b64decode(data, validate=True)


def _decode_stamp(value: object) -> str:
    """exported_at is the sender's clock: shown, never trusted, but it must be a time."""
    stamp = _decode_value(str, value)
    if stamp:
        if len(stamp) > MAX_STAMP:
            raise ValueError("exported_at")
        datetime.fromisoformat(stamp)
    return stamp
