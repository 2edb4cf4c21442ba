"""Who changed what (DESIGN.md §3, issue 7 item 13): what an audit row says, and what the
操作记录 view asks for. Pure: no SQL, no Qt, no clock.

An audit row's `detail` column holds one JSON object (no migration: the column is text):

    {"v":1,"kind":"member","ids":[12],"fields":["phone","note"]}
    {"v":1,"kind":"roster","format":"xlsx","rows":30,"full_ids":false,"full_phones":false}

- `kind` names the kind of record the action touched (KINDS), `ids` which ones (local ids of
  this data file), `fields` which of their fields changed (field names, never values);
- any other key is a fact about the action itself: a count, a file format, a backup's file
  name, whether full ID numbers left the program. Never a value of a person's record: no
  name, ID number, phone or address goes into the audit log (a test scans every row). The
  操作记录 view shows a member's *current* name beside the id, read from the roster.

Rows written before this format hold plain text (a member id, a branch name): they are
read as AuditEntry.text and shown as they are.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime
from enum import Enum

FORMAT = 1
RESERVED = frozenset({"v", "kind", "ids", "fields"})

# Record kinds an audit row can name.
MEMBER = "member"
BRANCH = "branch"
SETTINGS = "settings"
BACKUP = "backup"
DATA_FILE = "data_file"  # the whole file (a restore)
MEETING = "meeting"
KINDS = frozenset({MEMBER, BRANCH, SETTINGS, BACKUP, DATA_FILE, MEETING})  # exports: their report


@dataclass
class AuditRecord:
    """What one action did, for its audit row (module docs). Mutable on purpose: a write
    learns its ids and changed fields inside its transaction, and the row is written when
    the transaction commits (services/unit_of_work.write_session)."""

    kind: str
    ids: list[int] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    details: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> str:
        clash = RESERVED & self.details.keys()
        if clash:
            raise ValueError(f"audit details may not use the keys {sorted(clash)}")
        data: dict[str, object] = {"v": FORMAT, "kind": self.kind}
        if self.ids:
            data["ids"] = list(dict.fromkeys(int(i) for i in self.ids))
        if self.fields:
            data["fields"] = list(dict.fromkeys(self.fields))
        data.update(self.details)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_plain)


def _plain(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"not an audit detail: {type(value).__name__}")


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit log as read back."""

    id: int
    at: datetime  # UTC, as written (the PC's clock: may be wrong on ships)
    actor: str
    action: str
    kind: str = ""  # "" for a row written before the structured format
    ids: tuple[int, ...] = ()
    fields: tuple[str, ...] = ()
    details: Mapping[str, object] = field(default_factory=dict)
    text: str = ""  # an old row's plain-text detail

    @property
    def structured(self) -> bool:
        return bool(self.kind)


def parse_entry(row_id: int, at: datetime, actor: str, action: str, detail: str) -> AuditEntry:
    """An audit row as stored; plain text (old rows, tests' own rows) stays text."""
    data = None
    if detail.startswith("{"):
        try:
            data = json.loads(detail)
        except ValueError:
            data = None
    if not isinstance(data, dict) or data.get("v") != FORMAT or not data.get("kind"):
        return AuditEntry(row_id, at, actor, action, text=detail)
    ids = data.get("ids") or ()
    names = data.get("fields") or ()
    return AuditEntry(
        row_id,
        at,
        actor,
        action,
        kind=str(data["kind"]),
        ids=tuple(i for i in ids if isinstance(i, int)) if isinstance(ids, list) else (),
        fields=tuple(str(n) for n in names) if isinstance(names, list) else (),
        details={k: v for k, v in data.items() if k not in RESERVED},
    )


# --- before and after --------------------------------------------------------------------------
def changed_fields(before: object, after: object, ignore: tuple[str, ...] = ("id",)) -> list[str]:
    """The names of the dataclass fields whose values differ, in declaration order. A field
    that holds a dataclass is compared field by field ("term.election_date"); lists of
    records (committee, 党小组) are compared as a whole, without their ids (an id says which
    row it is, not what it holds)."""
    changed: list[str] = []
    for f in fields(before):
        if f.name in ignore:
            continue
        old, new = getattr(before, f.name), getattr(after, f.name)
        if is_dataclass(old) and is_dataclass(new) and not isinstance(old, type):
            changed += [f"{f.name}.{name}" for name in changed_fields(old, new, ignore)]
        elif _comparable(old) != _comparable(new):
            changed.append(f.name)
    return changed


def _comparable(value: object) -> object:
    if is_dataclass(value) and not isinstance(value, type):
        return tuple(
            (f.name, _comparable(getattr(value, f.name))) for f in fields(value) if f.name != "id"
        )
    if isinstance(value, tuple | list):
        return tuple(_comparable(v) for v in value)
    return value


# --- what the 操作记录 view asks for -------------------------------------------------------------
@dataclass(frozen=True)
class AuditSearch:
    """The view's search box: a row matches when ANY of these holds."""

    text: str  # the operator's name or the row's detail contains it
    actions: tuple[str, ...] = ()  # … or its action is one of these (their names matched)
    fields: tuple[str, ...] = ()  # … or one of these fields changed (their names matched)
    member_ids: tuple[int, ...] = ()  # … or it names one of these members


@dataclass(frozen=True)
class AuditFilter:
    """Rows of the audit log to list. Empty fields do not filter."""

    since: date | None = None  # local calendar days, both ends included
    until: date | None = None
    actions: tuple[str, ...] = ()  # action codes; "export.*" matches every export.…
    search: AuditSearch | None = None
    up_to_id: int | None = None  # rows written after the list was opened stay out of it
