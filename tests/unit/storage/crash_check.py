"""The crash test's checker: what the file must hold after a kill, and what it does hold.

The expected state is a set of facts — per member (by ID number) its compared fields, its
status, whether it is in the 回收站 and its status history; the branch profile — built by
replaying every journaled "done" in order, each fact labelled with the action that last
set it. After a kill the file is copied (data file, -wal, -shm: the crash image), opened
through the app's own open path (Workspace.open) and read through the public service API:
  - a fact that differs and that the action in flight does not touch is a lost commit
    (or, when no action wrote it, data nobody wrote);
  - the facts the action in flight touches must all be as before it or all as after it:
    anything else is a torn transaction.
Every check reads which members exist and which are in the 回收站 (id queries, cheap), the
profile, and the rows and history of the members the run touched plus a random sample; a
full check (every few kills) reads every member's row. The original file is left as the
kill left it, so the next writer recovers from the same leftovers.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from dangjian_desktop.domain.people import PartyStatus
from dangjian_desktop.services import Workspace
from dangjian_desktop.storage.engine import readonly_uri
from tests.unit.storage import crash_workload as workload

ROW_SAMPLE = 40  # members not touched by the run whose row a partial check reads
HISTORY_SAMPLE = 4  # ... and whose status history
_FIELD_INDEX = {name: i for i, name in enumerate(workload.FIELDS)}
_NEW_MEMBER_HISTORY = ((PartyStatus.NORMAL.value, ""),)


@dataclass
class RunResult:
    run: int
    full: bool = False  # every member's fields were compared
    reported: int = 0  # "done" lines of this run
    in_flight: dict | None = None  # the spec that had begun and not reported done
    outcome: str = ""  # of the action in flight: "applied", "absent" or "torn"
    integrity: list[str] = field(default_factory=list)  # ["ok"] when good
    open_error: str = ""  # the app's open path refused the crash image
    lost: set[str] = field(default_factory=set)  # labels of reported actions not in the file
    unexpected: list[tuple] = field(default_factory=list)  # facts no action explains
    torn_facts: list[tuple] = field(default_factory=list)
    bad_backups: list[str] = field(default_factory=list)  # listed as backups, unreadable
    backup_mismatches: list[str] = field(default_factory=list)  # reported, wrong content
    backups_vanished: int = 0  # reported backups thinning deleted at once (issue 7 item 1)
    journal_errors: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # where the check spent its time

    @property
    def torn(self) -> bool:
        return self.outcome == "torn"

    @property
    def integrity_failed(self) -> bool:
        return self.integrity != ["ok"] or bool(self.open_error)

    @property
    def ok(self) -> bool:
        return not (
            self.integrity_failed
            or self.lost
            or self.unexpected
            or self.torn
            or self.bad_backups
            or self.backup_mismatches
            or self.journal_errors
        )


# --- what a spec does ------------------------------------------------------------------------
def fields_of(member) -> tuple:
    return tuple(getattr(member, name) for name in workload.FIELDS)


def effect(facts: dict, spec: dict) -> dict:
    """The facts a spec sets, given the facts before it."""
    kind = spec["kind"]
    out: dict = {}
    if kind in ("add", "import"):
        counters = [spec["c"]] if kind == "add" else workload.import_counters(spec)
        note = spec.get("note", workload.IMPORT_NOTE_CHARS)
        for c in counters:
            m = workload.member_for(c, note)
            out[(m.id_number, "fields")] = fields_of(m)
            out[(m.id_number, "status")] = PartyStatus.NORMAL.value
            out[(m.id_number, "deleted")] = False
            out[(m.id_number, "history")] = _NEW_MEMBER_HISTORY
    elif kind == "update":
        old = list(facts[(spec["id"], "fields")])
        for name, value in workload.update_values(spec["c"]).items():
            old[_FIELD_INDEX[name]] = value
        out[(spec["id"], "fields")] = tuple(old)
    elif kind in ("delete", "restore"):
        for number in spec["ids"]:
            out[(number, "deleted")] = kind == "delete"
    elif kind == "status":
        number = spec["id"]
        out[(number, "status")] = spec["to"]
        row = (spec["to"], workload.reason_for(spec))
        out[(number, "history")] = (*facts[(number, "history")], row)
    elif kind == "profile":
        out[("profile",)] = workload.comparable_profile(workload.profile_for(spec["c"]))
    return out


def touched_members(spec: dict) -> set[str]:
    kind = spec["kind"]
    if kind == "add":
        return {workload.id_number(spec["c"])}
    if kind == "import":
        return {workload.id_number(c) for c in workload.import_counters(spec)}
    if kind in ("delete", "restore"):
        return set(spec["ids"])
    if kind in ("update", "status"):
        return {spec["id"]}
    return set()


def history_targets(spec: dict) -> set[str]:
    """Members whose history a check reads because the spec wrote it (one read per member
    is the cost here): an import's first, middle and last row stand for all of it."""
    if spec["kind"] == "import":
        counters = workload.import_counters(spec)
        return {workload.id_number(counters[i]) for i in (0, len(counters) // 2, -1)}
    return touched_members(spec) if spec["kind"] in ("add", "status") else set()


# --- what the file holds -----------------------------------------------------------------------
@dataclass
class Observation:
    facts: dict
    rows_read: set[str]  # ID numbers whose fields and status were read
    history_read: set[str]

    def compared(self, key: tuple) -> bool:
        if key[-1] in ("fields", "status"):
            return key[0] in self.rows_read
        if key[-1] == "history":
            return key[0] in self.history_read
        return True  # "deleted" (which every member in the file has) and the profile


def observe(
    ws: Workspace, number_of: dict[int, str], rows_for: set[str] | None, history_for: set[str]
) -> Observation:
    """The facts as the file holds them, through the service API: which members exist and
    which are in the 回收站 (two id queries), the profile, and the rows of the members in
    `rows_for` (None: every member) and of those not seen before. `number_of` caches
    database id → ID number (a member's id never changes; a full read rebuilds it)."""
    all_ids = ws.members.ids(workload.ALL_MEMBERS, workload.BY_ID)
    deleted = set(ws.members.ids(workload.DELETED, workload.BY_ID))
    if rows_for is None:
        number_of.clear()
        read = all_ids
    else:
        id_of = {n: i for i, n in number_of.items()}
        read = [i for i in all_ids if i not in number_of]
        read += [id_of[n] for n in rows_for if n in id_of]
    facts: dict = {("profile",): workload.comparable_profile(ws.branch.profile())}
    rows_read = set()
    for member_id, m in ws.members.rows(read).items():
        number_of[member_id] = m.id_number
        facts[(m.id_number, "fields")] = fields_of(m)
        facts[(m.id_number, "status")] = m.status.value
        rows_read.add(m.id_number)
    id_of = {}
    for member_id in all_ids:
        number = number_of[member_id]
        id_of[number] = member_id
        facts[(number, "deleted")] = member_id in deleted
    history_read = history_for & id_of.keys()
    for number in history_read:
        statuses = ws.members.history(id_of[number]).statuses
        facts[(number, "history")] = tuple((s.status.value, s.reason) for s in statuses)
    return Observation(facts, rows_read, history_read)


def backup_is_readable(path: Path) -> bool:
    """What a restore needs of a backup: a whole SQLite file that passes integrity_check and
    holds the app's schema."""
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            schema = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return rows == ["ok"] and schema is not None


def copy_crash_image(data_path: Path, target_dir: Path) -> Path:
    if target_dir.exists():
        shutil.rmtree(target_dir)
    target_dir.mkdir(parents=True)
    target = target_dir / data_path.name
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{data_path}{suffix}")
        if source.exists():
            shutil.copyfile(source, f"{target}{suffix}")
    return target


# --- the checker -------------------------------------------------------------------------------
class Checker:
    """Holds the expected facts of one data file across the kills of its writers."""

    def __init__(self, data_path: Path, backup_dir: Path, scratch: Path, seed: int = 0):
        self.data_path = data_path
        self.backup_dir = backup_dir
        self.scratch = scratch
        self.number_of: dict[int, str] = {}
        self._rng = random.Random(seed)
        self._checked_backups: set[tuple] = set()
        self._listed: set[str] = set()  # backup names at the last check
        with self._open(copy_crash_image(data_path, scratch / "image")) as ws:
            observe(ws, self.number_of, None, set())  # learns every member's ID number
            everyone = set(self.number_of.values())
            self.facts = observe(ws, self.number_of, None, everyone).facts  # as it starts
        self.by = dict.fromkeys(self.facts, "initial state")  # fact → who set it

    def _open(self, path: Path, backup_dir: Path | None = None) -> _Closing:
        ws = Workspace.open(path, backup_dir or self.backup_dir, today=lambda: workload.TODAY)
        return _Closing(ws)

    def check(self, run: int, journal_path: Path, full: bool = False) -> RunResult:
        result = RunResult(run, full)
        clock = _Stopwatch(result.seconds)
        backups, touched, history = self._replay(result, journal_path)
        after = effect(self.facts, result.in_flight) if result.in_flight else {}
        clock.lap("replay")
        image = copy_crash_image(self.data_path, self.scratch / "image")
        try:
            opened = self._open(image)
        except Exception as exc:  # the app refused its own crash image: that is the defect
            result.open_error = f"{type(exc).__name__}: {exc}"
            return result
        clock.lap("open")
        with opened as ws:
            with ws.database.engine.connect() as conn:
                rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
                result.integrity = [r[0] for r in rows]
            clock.lap("integrity")
            rows_for = None if full else touched | self._sample(ROW_SAMPLE)
            history_for = history | self._sample(HISTORY_SAMPLE)
            seen = observe(ws, self.number_of, rows_for, history_for)
            clock.lap("observe")
            self._compare(result, seen, after)
            clock.lap("compare")
            self._check_backup_listing(result, ws, {name for name, _ in backups})
        if backups:  # the newest: each one costs an open; the listing checks all are whole
            self._check_backup_content(result, *backups[-1])
        clock.lap("backups")
        return result

    def _replay(self, result: RunResult, journal_path: Path) -> tuple[list, set, set]:
        """Apply the run's reported actions; note the one in flight. Returns the reported
        backups (name, facts they must hold), the ID numbers the run touched and those of
        them whose history the check reads."""
        backups = []
        touched: set = set()
        history: set = set()
        pending = None
        for entry in workload.read_journal(journal_path):
            if entry["phase"] == "begin":
                if pending is not None:
                    result.journal_errors.append(f"begin without done before seq {entry['seq']}")
                pending = entry
                touched |= touched_members(entry["spec"])
                history |= history_targets(entry["spec"])
                continue
            if pending is None or pending["seq"] != entry["seq"]:
                result.journal_errors.append(f"done without begin: seq {entry['seq']}")
                continue
            spec, pending = pending["spec"], None
            result.reported += 1
            self._apply(effect(self.facts, spec), f"run {result.run} seq {entry['seq']} {spec}")
            if spec["kind"] == "backup":
                if entry["result"]["exists"]:
                    facts = {k: v for k, v in self.facts.items() if k[-1] != "history"}
                    backups.append((entry["result"]["name"], facts))
                else:
                    result.backups_vanished += 1
        result.in_flight = pending["spec"] if pending else None
        return backups, touched, history

    def _sample(self, count: int) -> set[str]:
        numbers = sorted(self.number_of.values())
        return set(self._rng.sample(numbers, min(count, len(numbers))))

    def _compare(self, result: RunResult, seen: Observation, after: dict) -> None:
        before, observed = self.facts, seen.facts
        keys = {k for k in (*before, *observed) if seen.compared(k) and k not in after}
        for key in keys:
            if observed.get(key) != before.get(key):
                label = self.by.get(key)
                if label is None or before.get(key) is None:
                    result.unexpected.append(key)  # data no action wrote
                else:
                    result.lost.add(label)
                self._resync(key, observed)
        if result.in_flight is None or result.in_flight["kind"] == "backup":
            return  # a backup has no data facts: _check_backup_listing judges it
        changes = {k: v for k, v in after.items() if seen.compared(k)}
        as_after = [k for k, v in changes.items() if observed.get(k) == v]
        as_before = [k for k in changes if observed.get(k) == before.get(k)]
        if len(as_after) == len(changes):
            result.outcome = "applied"
            self._apply(after, f"run {result.run} in flight {result.in_flight} (kept)")
        elif len(as_before) == len(changes):
            result.outcome = "absent"
        else:
            result.outcome = "torn"
            result.torn_facts = [k for k in changes if k not in as_after]
            for key in changes:
                self._resync(key, observed)

    def _apply(self, changes: dict, label: str) -> None:
        self.facts.update(changes)
        self.by.update(dict.fromkeys(changes, label))

    def _resync(self, key: tuple, observed: dict) -> None:
        """Take the file's value, so one defect is counted once, not at every later kill."""
        if key in observed:
            self.facts[key] = observed[key]
            self.by[key] = "observed after a failed check"
        else:
            self.facts.pop(key, None)
            self.by.pop(key, None)

    # --- backups --------------------------------------------------------------------------
    def _check_backup_listing(self, result: RunResult, ws: Workspace, reported: set) -> None:
        """Every file listed as a backup must be whole: a killed backup leaves no half file
        under a backup's name. A backup in flight made one more (whole) file or none."""
        listed = ws.list_backups()
        names = {info.path.name for info in listed}
        if result.in_flight is not None and result.in_flight["kind"] == "backup":
            result.outcome = "applied" if names - self._listed - reported else "absent"
        self._listed = names
        for info in listed:
            stat = info.path.stat()
            key = (info.path.name, stat.st_size, stat.st_mtime_ns)
            if key in self._checked_backups:
                continue
            if backup_is_readable(info.path):
                self._checked_backups.add(key)
            else:
                result.bad_backups.append(info.path.name)

    def _check_backup_content(self, result: RunResult, name: str, expected: dict) -> None:
        """A reported backup holds the data as of its call, through the app's open path."""
        source = self.backup_dir / name
        if not source.exists():  # thinned since: nothing to compare
            return
        folder = self.scratch / "backup"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        shutil.copyfile(source, folder / name)
        with self._open(folder / name, folder / "backups") as ws:
            # A backup is a page copy: the same ids, so the id → number cache holds.
            seen = observe(ws, dict(self.number_of), self._sample(ROW_SAMPLE), set())
        keys = {k for k in (*expected, *seen.facts) if seen.compared(k)}
        if any(expected.get(k) != seen.facts.get(k) for k in keys):
            result.backup_mismatches.append(name)


class _Stopwatch:
    def __init__(self, into: dict[str, float]) -> None:
        self._into = into
        self._last = time.monotonic()

    def lap(self, name: str) -> None:
        now = time.monotonic()
        self._into[name] = now - self._last
        self._last = now


class _Closing:
    """`with` for a Workspace: closed without the exit backup (the check writes nothing)."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def __enter__(self) -> Workspace:
        return self.ws

    def __exit__(self, *exc: object) -> None:
        self.ws.close(final_backup=False)
