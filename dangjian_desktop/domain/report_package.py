"""The 上报材料 package: a .zip the branch hands to the higher committee on a USB stick, and
what `verify` reports about one (issue 11 items 4–5). Pure values and rules; the writer and
the verifier that touch files are export/report_package.py.

Layout:

    manifest.json                   what the package holds (below)
    data/report_data.json           the machine-readable copy (domain/report_data.py)
    data/report_data.schema.json    its JSON Schema, draft 2020-12
    <the report files>              e.g. reports/党员花名册.xlsx, reports/党员花名册.pdf …

manifest.json:

    {"format": "dangjian-report-package", "format_version": 1, "data_schema_version": 1,
     "app": {"name": "dangjian_desktop", "version": "0.1.0"},
     "branch": {"name": "...", "code": "..."},
     "period": {"label": "2026Q3", "start": "2026-07-01", "end": "2026-09-30"},
     "created_at": "2026-10-08T09:12:00+08:00",
     "full_id_numbers": false, "full_phone_numbers": false,
     "files": [{"path": "data/report_data.json", "size": 1234, "sha256": "<hex>"}, …]}

Every file but the manifest is listed with its size and sha256. A checksum finds damage (a
failing stick, an edited report), not forgery: anyone can recompute one. `created_at` is the
sending PC's clock: shown, never trusted. Member names inside the zip are plain relative
paths that extract the same on Windows and elsewhere (`name_problem`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from dangjian_desktop import APP_NAME, __version__
from dangjian_desktop.domain.errors import AppError
from dangjian_desktop.domain.json_check import schema_errors
from dangjian_desktop.domain.period import PeriodError, ReportPeriod, parse_period
from dangjian_desktop.domain.report_data import DATA_SCHEMA_VERSION

FORMAT = "dangjian-report-package"
FORMAT_VERSION = 1  # bump on any change to the layout or the manifest
SUFFIX = ".zip"
MANIFEST_NAME = "manifest.json"
DATA_NAME = "data/report_data.json"
SCHEMA_NAME = "data/report_data.schema.json"
RESERVED_NAMES = frozenset({MANIFEST_NAME, DATA_NAME, SCHEMA_NAME})

# Bounds for reading a package that may have been built to hurt the reader. A year package
# of the reference file (10,000 members, 200,000 point entries) is some tens of megabytes.
MAX_PACKAGE_BYTES = 2 * 1024**3
MAX_ENTRIES = 1000  # a package holds some twenty files
MAX_CENTRAL_DIRECTORY_BYTES = MAX_ENTRIES * 1024  # read before zipfile builds its entries
MAX_ENTRY_BYTES = 1024**3  # one file, uncompressed
MAX_TOTAL_BYTES = 4 * 1024**3  # all files, uncompressed
# Reports and JSON compress 3–20 times; filled zeros compress about 1,000 times. Small
# files may compress well without harm.
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 1024 * 1024
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_DATA_BYTES = 256 * 1024**2  # the JSON copy is parsed whole to check it
MAX_JSON_DEPTH = 16  # manifest 4 levels, data 7
MAX_NAME_CHARS = 240
LISTED_PROBLEMS = 20  # schema errors reported per document

ERROR_CODES: dict[str, str] = {
    # the package as a whole (verify stops at these)
    "unreadable": "the package cannot be read (param path)",
    "too_large": "the package is larger than any package can be (params size, limit)",
    "not_zip": "not a zip file, or its directory is damaged",
    "too_many_entries": "more entries than a package holds (param limit)",
    "no_manifest": "no manifest.json (not a package, or the manifest was removed)",
    "manifest_too_large": "manifest.json larger than MAX_MANIFEST_BYTES (params size, limit)",
    "manifest_not_json": "manifest.json is not JSON, or nests too deep",
    "manifest_invalid": "manifest.json breaks its schema (param pointer)",
    "not_package": "a manifest of another format",
    "too_new": "written by a newer program (params version, supported)",
    # one file of the package
    "unsafe_name": "an entry name that could extract outside the folder (param path)",
    "duplicate_name": "two entries with one name, or names only case differs (param path)",
    "entry_too_large": "larger than MAX_ENTRY_BYTES uncompressed (params path, size, limit)",
    "zip_bomb": "an entry compressed more than MAX_RATIO times (params path, ratio)",
    "encrypted": "an encrypted entry (param path)",
    "unsupported_compression": "an entry compressed by a method other than deflate (param path)",
    "damaged": "an entry that does not inflate or fails its CRC (param path)",
    "altered": "size or sha256 differs from the manifest (param path)",
    "missing": "listed in the manifest, absent from the zip (param path)",
    "extra": "in the zip, not listed in the manifest (param path)",
    # the machine-readable copy
    "schema_mismatch": "data schema version differs from the manifest's (params version, listed)",
    "data_not_json": "the data file is not JSON, nests too deep or is too large (param path)",
    "data_invalid": "the data breaks its JSON Schema (params path, pointer)",
    "data_disagrees": "branch, period or masking differ from the manifest's (param field)",
    "unmasked_ids": "full ID or phone numbers where the manifest says masked (param pointer)",
    "schema_altered": "the packaged JSON Schema differs from this program's of that version",
    # writing a package (the caller's input; nothing is written)
    "bad_name": "a report file name that is not a plain relative path (param path)",
    "reserved_name": "a report file named like a file the package writes itself (param path)",
    "invalid_data": "the data to write breaks its schema (param pointer)",
}
# The codes after which nothing else of the package can be checked.
FATAL = frozenset(
    {
        "unreadable",
        "too_large",
        "not_zip",
        "too_many_entries",
        "no_manifest",
        "manifest_too_large",
        "manifest_not_json",
        "manifest_invalid",
        "not_package",
        "too_new",
    }
)


class ReportPackageError(AppError):
    """A package cannot be written (the caller's input) or one problem verify found; the
    messages module words every code (ERROR_CODES)."""

    area: ClassVar[str] = "report_package"
    ERROR_CODES: ClassVar[dict[str, str]] = ERROR_CODES


# --- names inside the zip ---------------------------------------------------------------------
_WINDOWS_DEVICES = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?", re.IGNORECASE)
_FORBIDDEN = set('<>:"|?*\\') | {chr(c) for c in range(32)} | {"\x7f"}


def name_problem(name: str) -> str | None:
    """Why a zip entry name is unsafe ("unsafe_name"), or None: a relative path of plain
    parts joined by "/", that no extractor can put outside its folder on any system —
    no "..", no absolute path or drive letter (C:), no backslash, no device name (CON),
    no character Windows refuses, no part ending in a dot or space."""
    if not name or len(name) > MAX_NAME_CHARS or name != unicodedata.normalize("NFC", name):
        return "unsafe_name"
    if name.startswith("/") or name.endswith("/"):
        return "unsafe_name"
    for part in name.split("/"):
        if part in ("", ".", "..") or part[-1] in ". " or part[0] == " ":
            return "unsafe_name"
        if _FORBIDDEN & set(part) or _WINDOWS_DEVICES.fullmatch(part):
            return "unsafe_name"
    return None


def name_key(name: str) -> str:
    """Names that are one file once extracted on Windows (case-insensitive) share a key."""
    return name.casefold()


# --- the manifest ------------------------------------------------------------------------------
@dataclass(frozen=True)
class FileEntry:
    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class ManifestFields:
    """What the caller says about a package it writes."""

    branch_name: str
    branch_code: str
    period: ReportPeriod
    full_id_numbers: bool = False
    full_phone_numbers: bool = False
    created_at: datetime | None = None  # None: now, local time with its offset
    app_version: str = __version__


@dataclass(frozen=True)
class Manifest:
    """A manifest as read back."""

    format_version: int
    data_schema_version: int
    app_version: str
    branch_name: str
    branch_code: str
    period: ReportPeriod
    created_at: str
    full_id_numbers: bool
    full_phone_numbers: bool
    files: tuple[FileEntry, ...]


def _period_json(period: ReportPeriod) -> dict:
    return {"label": period.label, "start": period.start.isoformat(), "end": period.end.isoformat()}


def manifest_document(fields: ManifestFields, created_at: datetime, files) -> dict:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "data_schema_version": DATA_SCHEMA_VERSION,
        "app": {"name": APP_NAME, "version": fields.app_version},
        "branch": {"name": fields.branch_name, "code": fields.branch_code},
        "period": _period_json(fields.period),
        "created_at": created_at.isoformat(timespec="seconds"),
        "full_id_numbers": fields.full_id_numbers,
        "full_phone_numbers": fields.full_phone_numbers,
        "files": [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in files],
    }


_STRING = {"type": "string", "maxLength": 100}
_DAY = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
MANIFEST_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": f"urn:dangjian-desktop:report-package-manifest:{FORMAT_VERSION}",
    "type": "object",
    "additionalProperties": False,
    "required": [
        "format", "format_version", "data_schema_version", "app", "branch", "period",
        "created_at", "full_id_numbers", "full_phone_numbers", "files",
    ],
    "properties": {
        "format": {"const": FORMAT},
        "format_version": {"type": "integer", "minimum": 1},
        "data_schema_version": {"type": "integer", "minimum": 1},
        "app": {
            "type": "object",
            "required": ["name", "version"],
            "additionalProperties": False,
            "properties": {"name": _STRING, "version": {"type": "string", "maxLength": 40}},
        },
        "branch": {
            "type": "object",
            "required": ["name", "code"],
            "additionalProperties": False,
            "properties": {"name": _STRING, "code": _STRING},
        },
        "period": {
            "type": "object",
            "required": ["label", "start", "end"],
            "additionalProperties": False,
            "properties": {"label": {"type": "string", "maxLength": 7}, "start": _DAY, "end": _DAY},
        },
        "created_at": {"type": "string", "maxLength": 40},
        "full_id_numbers": {"type": "boolean"},
        "full_phone_numbers": {"type": "boolean"},
        "files": {
            "type": "array",
            "maxItems": MAX_ENTRIES,
            "items": {
                "type": "object",
                "required": ["path", "size", "sha256"],
                "additionalProperties": False,
                "properties": {
                    "path": {"type": "string", "maxLength": MAX_NAME_CHARS},
                    "size": {"type": "integer", "minimum": 0, "maximum": MAX_ENTRY_BYTES},
                    "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                },
            },
        },
    },
}  # fmt: skip


def read_manifest(document: object) -> Manifest:
    """The manifest in a parsed manifest.json, or ReportPackageError: "not_package",
    "too_new" (checked before anything else, so a newer layout is never misread) or
    "manifest_invalid"."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ReportPackageError("not_package")
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ReportPackageError("manifest_invalid", {"pointer": "/format_version"})
    if version > FORMAT_VERSION:
        raise ReportPackageError("too_new", {"version": version, "supported": FORMAT_VERSION})
    errors = schema_errors(document, MANIFEST_SCHEMA, limit=1)
    if errors:
        raise ReportPackageError("manifest_invalid", {"pointer": errors[0][0] or "/"})
    period = document["period"]
    try:
        parsed = parse_period(period["label"])
    except PeriodError:
        raise ReportPackageError("manifest_invalid", {"pointer": "/period/label"}) from None
    if (parsed.start.isoformat(), parsed.end.isoformat()) != (period["start"], period["end"]):
        raise ReportPackageError("manifest_invalid", {"pointer": "/period"})
    try:
        datetime.fromisoformat(document["created_at"])
    except ValueError:
        raise ReportPackageError("manifest_invalid", {"pointer": "/created_at"}) from None
    files = []
    seen: set[str] = set()
    for i, entry in enumerate(document["files"]):
        path = entry["path"]
        if name_problem(path) or path == MANIFEST_NAME or name_key(path) in seen:
            raise ReportPackageError("manifest_invalid", {"pointer": f"/files/{i}/path"})
        seen.add(name_key(path))
        files.append(FileEntry(path, entry["size"], entry["sha256"]))
    return Manifest(
        format_version=version,
        data_schema_version=document["data_schema_version"],
        app_version=document["app"]["version"],
        branch_name=document["branch"]["name"],
        branch_code=document["branch"]["code"],
        period=parsed,
        created_at=document["created_at"],
        full_id_numbers=document["full_id_numbers"],
        full_phone_numbers=document["full_phone_numbers"],
        files=tuple(files),
    )


# --- what verify reports ------------------------------------------------------------------------
@dataclass(frozen=True)
class VerifyProblem:
    code: str  # ERROR_CODES
    path: str = ""  # the entry concerned, if one
    params: tuple[tuple[str, object], ...] = ()

    def error(self) -> ReportPackageError:
        """As the error the messages module words (messages.verify_problem_text)."""
        params = dict(self.params)
        if self.path:
            params.setdefault("path", self.path)
        return ReportPackageError(self.code, params)


@dataclass(frozen=True)
class VerifyReport:
    """Everything verify found. `ok` only when the manifest was read, every listed file is
    there with its size and sha256, nothing else is in the zip and the data checks out."""

    manifest: Manifest | None
    problems: tuple[VerifyProblem, ...]
    checked: tuple[str, ...] = ()  # files whose size and sha256 matched

    @property
    def ok(self) -> bool:
        return self.manifest is not None and not self.problems

    def paths(self, code: str) -> tuple[str, ...]:
        return tuple(p.path for p in self.problems if p.code == code)

    @property
    def altered(self) -> tuple[str, ...]:
        return self.paths("altered")

    @property
    def missing(self) -> tuple[str, ...]:
        return self.paths("missing")

    @property
    def extra(self) -> tuple[str, ...]:
        return self.paths("extra")

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.problems)


def problem(code: str, path: str = "", **params: object) -> VerifyProblem:
    return VerifyProblem(code, path, tuple(params.items()))
