"""Writing a 上报材料 package and verifying one (issue 11 items 4–5; the format is
domain/report_package.py, the data copy domain/report_data.py).

write_package writes the whole .zip to a temporary file beside the target and renames it
(export/atomic.py): a cancel, a full disk or a bad input leaves no partial package, and an
older package of the same name stays as it was.

verify_package reads a package that may have been made to hurt the reader, and writes
nothing anywhere: the central directory's size is bounded before zipfile parses it; every
entry name is checked before anything is read; an entry is read only if the manifest lists
it and its recorded sizes are within bounds (uncompressed size, compression ratio, total),
in chunks while it is hashed, never extracted; the manifest and the data copy are bounded in
size and nesting before they are parsed.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import zipfile
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from dangjian_desktop.domain.json_check import JsonRefused, loads_bounded, schema_errors
from dangjian_desktop.domain.report_data import (
    DATA_FORMAT,
    DATA_SCHEMA,
    DATA_SCHEMA_VERSION,
    SCHEMA_BYTES,
    data_document,
    masking_errors,
)
from dangjian_desktop.domain.report_package import (
    DATA_NAME,
    LISTED_PROBLEMS,
    MANIFEST_NAME,
    MAX_CENTRAL_DIRECTORY_BYTES,
    MAX_DATA_BYTES,
    MAX_ENTRIES,
    MAX_ENTRY_BYTES,
    MAX_JSON_DEPTH,
    MAX_MANIFEST_BYTES,
    MAX_PACKAGE_BYTES,
    MAX_RATIO,
    MAX_TOTAL_BYTES,
    RATIO_FLOOR_BYTES,
    RESERVED_NAMES,
    SCHEMA_NAME,
    FileEntry,
    Manifest,
    ManifestFields,
    ReportPackageError,
    VerifyProblem,
    VerifyReport,
    manifest_document,
    name_key,
    name_problem,
    problem,
    read_manifest,
)
from dangjian_desktop.export.atomic import atomic_write
from dangjian_desktop.progress import Progress, ProgressTicker

CHUNK = 1024 * 1024
# Already compressed: deflating them again costs time and gains nothing.
_STORED_SUFFIXES = (".xlsx", ".zip", ".png", ".jpg", ".jpeg")
_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_MAX_COMMENT = 0xFFFF


@dataclass(frozen=True)
class PackageSummary:
    path: Path
    files: tuple[FileEntry, ...]  # as listed in the manifest
    created_at: datetime


# --- writing -------------------------------------------------------------------------------------
def _check_names(names: Sequence[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name_problem(name):
            raise ReportPackageError("bad_name", {"path": name})
        if name in RESERVED_NAMES or name_key(name) in {name_key(n) for n in RESERVED_NAMES}:
            raise ReportPackageError("reserved_name", {"path": name})
        if name_key(name) in seen:
            raise ReportPackageError("duplicate_name", {"path": name})
        seen.add(name_key(name))


def document_problems(document: object, limit: int = LISTED_PROBLEMS) -> list[VerifyProblem]:
    """The data document against its schema, then against its own word on masking."""
    found = [
        problem("data_invalid", DATA_NAME, pointer=pointer or "/")
        for pointer, _keyword in schema_errors(document, DATA_SCHEMA, limit)
    ]
    if not found and isinstance(document, dict):
        found += [problem("unmasked_ids", DATA_NAME, pointer=p) for p in masking_errors(document)]
    return found[:limit]


def _size_of(source: bytes | Path) -> int:
    return len(source) if isinstance(source, bytes | bytearray) else os.stat(source).st_size


def _chunks(source: bytes | Path) -> Iterator[bytes]:
    if isinstance(source, bytes | bytearray):
        for start in range(0, len(source), CHUNK):
            yield bytes(source[start : start + CHUNK])
        return
    with open(source, "rb") as fh:
        while chunk := fh.read(CHUNK):
            yield chunk


def _zip_info(name: str, created: datetime) -> zipfile.ZipInfo:
    stamp = created.timetuple()[:6] if created.year >= 1980 else (1980, 1, 1, 0, 0, 0)
    info = zipfile.ZipInfo(name, date_time=stamp)
    stored = name.lower().endswith(_STORED_SUFFIXES)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16  # personal data: the owner's only, where modes count
    return info


def write_package(
    path: str | os.PathLike[str],
    files: Mapping[str, bytes | Path],
    data: Mapping[str, object],
    manifest_fields: ManifestFields,
    progress: Progress | None = None,
) -> PackageSummary:
    """Write the package: `files` (name in the zip → content, or a file to copy), the data
    copy built from the `data` sections (report_data.data_document), its schema, and the
    manifest. Nothing is written when a name or the data is refused (ReportPackageError:
    "bad_name", "reserved_name", "duplicate_name", "entry_too_large", "invalid_data",
    "unmasked_ids"); Cancelled when `progress` returns False; OSError from the disk. In every
    failure no package (and no temporary file) is left behind."""
    _check_names(list(files))
    fields = manifest_fields
    created = fields.created_at or datetime.now().astimezone()
    document = data_document(
        fields.branch_name,
        fields.branch_code,
        fields.period,
        data,  # type: ignore[arg-type]
        full_ids=fields.full_id_numbers,
        full_phones=fields.full_phone_numbers,
    )
    problems = document_problems(document, limit=1)
    if problems:
        code = "invalid_data" if problems[0].code == "data_invalid" else problems[0].code
        raise ReportPackageError(code, dict(problems[0].params))
    # Compact: with indent, json falls back to its pure-Python encoder (a year of the
    # reference file's data took 5 s that way); any JSON viewer lays it out again.
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    data_bytes = (text + "\n").encode("utf-8")
    sources: list[tuple[str, bytes | Path]] = [
        *files.items(),
        (DATA_NAME, data_bytes),
        (SCHEMA_NAME, SCHEMA_BYTES),
    ]
    sizes = [_size_of(source) for _, source in sources]
    for (name, _), size in zip(sources, sizes, strict=True):
        if size > MAX_ENTRY_BYTES:
            raise ReportPackageError(
                "entry_too_large", {"path": name, "size": size, "limit": MAX_ENTRY_BYTES}
            )
    ticker = ProgressTicker(progress, sum(sizes), every=CHUNK)
    ticker.force(0)
    entries: list[FileEntry] = []
    done = 0
    with atomic_write(path) as fh, zipfile.ZipFile(fh, "w", compresslevel=6) as archive:
        for name, source in sources:
            digest, size = hashlib.sha256(), 0
            with archive.open(_zip_info(name, created), "w") as out:
                for chunk in _chunks(source):
                    out.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                    ticker.report(done + size)
            done += size
            entries.append(FileEntry(name, size, digest.hexdigest()))
        manifest = manifest_document(fields, created, entries)
        text = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
        archive.writestr(_zip_info(MANIFEST_NAME, created), text.encode("utf-8"))
    ticker.force(done)
    return PackageSummary(Path(path), tuple(entries), created)


# --- verifying -----------------------------------------------------------------------------------
def _central_directory_problem(fh) -> VerifyProblem | None:
    """Bound the central directory from the end record before zipfile reads all of it
    (a few bytes can announce millions of entries). A package never needs zip64."""
    size = fh.seek(0, os.SEEK_END)
    tail_size = min(size, _EOCD_SIZE + _MAX_COMMENT)
    fh.seek(size - tail_size)
    tail = fh.read(tail_size)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < _EOCD_SIZE:
        return problem("not_zip")
    _sig, _disk, _cd_disk, _here, entries, cd_size, _offset, _comment = struct.unpack(
        "<4s4H2LH", tail[at : at + _EOCD_SIZE]
    )
    if entries > MAX_ENTRIES or cd_size > MAX_CENTRAL_DIRECTORY_BYTES:
        return problem("too_many_entries", limit=MAX_ENTRIES)
    return None


def _entry_problem(info: zipfile.ZipInfo) -> VerifyProblem | None:
    """What the entry's recorded numbers say before a byte of it is inflated."""
    name = info.filename
    if info.flag_bits & 0x1:
        return problem("encrypted", name)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return problem("unsupported_compression", name)
    if info.file_size > MAX_ENTRY_BYTES:
        return problem("entry_too_large", name, size=info.file_size, limit=MAX_ENTRY_BYTES)
    if info.file_size > RATIO_FLOOR_BYTES:
        ratio = info.file_size / max(1, info.compress_size)
        if ratio > MAX_RATIO:
            return problem("zip_bomb", name, ratio=round(ratio))
    return None


class _Reader:
    """Hashes entries in chunks, keeping the bytes of the two JSON files it must parse."""

    def __init__(self, archive: zipfile.ZipFile, ticker: ProgressTicker) -> None:
        self.archive = archive
        self.ticker = ticker
        self.done = 0

    def read(self, info: zipfile.ZipInfo, keep: bool) -> tuple[int, str, bytes | None]:
        digest, size, kept = hashlib.sha256(), 0, []
        with self.archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > info.file_size:  # zipfile stops at file_size; never trust it alone
                    raise zipfile.BadZipFile("longer than recorded")
                digest.update(chunk)
                if keep:
                    kept.append(chunk)
                self.ticker.report(self.done + size)
        self.done += size
        return size, digest.hexdigest(), b"".join(kept) if keep else None


def _read_manifest(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Manifest:
    if info.file_size > MAX_MANIFEST_BYTES:
        raise ReportPackageError(
            "manifest_too_large", {"size": info.file_size, "limit": MAX_MANIFEST_BYTES}
        )
    trouble = _entry_problem(info)
    if trouble is not None:
        raise ReportPackageError(trouble.code, dict(trouble.params))
    try:
        with archive.open(info) as stream:
            raw = stream.read(MAX_MANIFEST_BYTES + 1)
        document = loads_bounded(raw, MAX_MANIFEST_BYTES, MAX_JSON_DEPTH)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise ReportPackageError("damaged", {"path": MANIFEST_NAME}) from None
    except JsonRefused as exc:
        code = "manifest_too_large" if exc.reason == "too_large" else "manifest_not_json"
        raise ReportPackageError(code, {"size": len(raw), "limit": MAX_MANIFEST_BYTES}) from None
    return read_manifest(document)


def _data_problems(manifest: Manifest, raw: bytes, schema_raw: bytes | None) -> list:
    if manifest.data_schema_version > DATA_SCHEMA_VERSION:
        version = manifest.data_schema_version
        return [problem("too_new", DATA_NAME, version=version, supported=DATA_SCHEMA_VERSION)]
    try:
        document = loads_bounded(raw, MAX_DATA_BYTES, MAX_JSON_DEPTH)
    except JsonRefused:
        return [problem("data_not_json", DATA_NAME)]
    if not isinstance(document, dict) or document.get("format") != DATA_FORMAT:
        return [problem("data_invalid", DATA_NAME, pointer="/format")]
    version = document.get("schema_version")
    if version != manifest.data_schema_version:
        return [
            problem(
                "schema_mismatch", DATA_NAME, version=version, listed=manifest.data_schema_version
            )
        ]
    found = document_problems(document)
    if schema_raw is not None and schema_raw != SCHEMA_BYTES:
        found.append(problem("schema_altered", SCHEMA_NAME))
    words = {
        "branch": {"name": manifest.branch_name, "code": manifest.branch_code},
        "period": {
            "label": manifest.period.label,
            "start": manifest.period.start.isoformat(),
            "end": manifest.period.end.isoformat(),
        },
        "full_id_numbers": manifest.full_id_numbers,
        "full_phone_numbers": manifest.full_phone_numbers,
    }
    found += [
        problem("data_disagrees", DATA_NAME, field=key)
        for key, value in words.items()
        if document.get(key) != value
    ]
    return found


def verify_package(path: str | os.PathLike[str], progress: Progress | None = None) -> VerifyReport:
    """Check a package against its manifest; reads only. Problems are listed, never raised
    (Cancelled only, when `progress` returns False)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_PACKAGE_BYTES:
            return VerifyReport(None, (problem("too_large", size=size, limit=MAX_PACKAGE_BYTES),))
        with open(path, "rb") as fh:
            bounded = _central_directory_problem(fh)
            if bounded is not None:
                return VerifyReport(None, (bounded,))
            with zipfile.ZipFile(fh) as archive:
                return _verify_archive(archive, progress)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, struct.error):
        return VerifyReport(None, (problem("not_zip"),))
    except OSError:
        return VerifyReport(None, (problem("unreadable", path=str(path)),))


def _verify_archive(archive: zipfile.ZipFile, progress: Progress | None) -> VerifyReport:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        return VerifyReport(None, (problem("too_many_entries", limit=MAX_ENTRIES),))
    problems: list[VerifyProblem] = []
    usable: dict[str, zipfile.ZipInfo] = {}  # name → its only entry, safe to read
    counts: dict[str, int] = {}
    for info in infos:
        counts[name_key(info.filename)] = counts.get(name_key(info.filename), 0) + 1
    for info in infos:
        name = info.filename
        if name_problem(name):
            problems.append(problem("unsafe_name", name))
        elif counts[name_key(name)] > 1:
            if name not in {p.path for p in problems if p.code == "duplicate_name"}:
                problems.append(problem("duplicate_name", name))
        else:
            usable[name] = info
    manifest_info = usable.pop(MANIFEST_NAME, None)
    if manifest_info is None:
        if MANIFEST_NAME not in {p.path for p in problems}:  # not duplicated: absent
            problems.append(problem("no_manifest"))
        return VerifyReport(None, tuple(problems))
    try:
        manifest = _read_manifest(archive, manifest_info)
    except ReportPackageError as exc:
        params = {k: v for k, v in exc.params.items() if k != "path"}
        return VerifyReport(None, (*problems, problem(exc.code, MANIFEST_NAME, **params)))

    listed = {f.path: f for f in manifest.files}
    refused: set[str] = set()
    for name, info in usable.items():
        trouble = _entry_problem(info)
        if trouble is not None:
            problems.append(trouble)
            refused.add(name)
        if name not in listed:
            problems.append(problem("extra", name))
    to_read = [f for f in manifest.files if f.path in usable and f.path not in refused]
    total = sum(usable[f.path].file_size for f in to_read)
    if total > MAX_TOTAL_BYTES:
        return VerifyReport(
            manifest, (*problems, problem("too_large", size=total, limit=MAX_TOTAL_BYTES))
        )
    ticker = ProgressTicker(progress, total, every=CHUNK)
    ticker.force(0)
    reader = _Reader(archive, ticker)
    checked: list[str] = []
    kept: dict[str, bytes] = {}
    taken = {p.path for p in problems}
    for entry in manifest.files:
        if entry.path not in usable:
            if entry.path not in taken:  # an unsafe or duplicated name is reported as such
                problems.append(problem("missing", entry.path))
            continue
        if entry.path in refused:
            continue
        info = usable[entry.path]
        keep = entry.path in (DATA_NAME, SCHEMA_NAME) and info.file_size <= MAX_DATA_BYTES
        try:
            size, digest, raw = reader.read(info, keep)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
            problems.append(problem("damaged", entry.path))
            continue
        if (size, digest) != (entry.size, entry.sha256):
            problems.append(problem("altered", entry.path))
            continue
        checked.append(entry.path)
        if raw is not None:
            kept[entry.path] = raw
    ticker.force(total)
    if DATA_NAME not in listed:
        problems.append(problem("missing", DATA_NAME))
    elif DATA_NAME in checked:
        if DATA_NAME in kept:
            problems += _data_problems(manifest, kept[DATA_NAME], kept.get(SCHEMA_NAME))
        else:
            problems.append(problem("data_not_json", DATA_NAME))
    if SCHEMA_NAME not in listed:
        problems.append(problem("missing", SCHEMA_NAME))
    return VerifyReport(manifest, tuple(problems), tuple(checked))
