"""The writes the crash test kills, as small specs: the child performs a spec through the
public service API, the checker derives from the same spec what it must leave in the file.

A spec is a JSON-able dict naming a kind and the numbers everything else is derived from
(member c → its ID number, name, fields), so a journal line names exactly what one service
call commits without carrying the data itself. Counters are unique per data file: run r
uses r * RUN_SPAN ... r * RUN_SPAN + RUN_SPAN - 1, so no two actions ever make the same
ID number, even when a killed action did commit without being reported.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from dangjian_desktop.domain.branch import (
    BranchProfile,
    CommitteeMember,
    CommitteePost,
    CommitteeTerm,
    PartyGroup,
    Venue,
)
from dangjian_desktop.domain.id_number import check_char
from dangjian_desktop.domain.people import (
    Member,
    MemberCategory,
    MemberFilter,
    MemberSort,
    PartyStatus,
    Sex,
    StatusChange,
)

TODAY = date(2025, 6, 15)  # every workspace of the test runs on this "today"
KINDS = ("add", "update", "delete", "restore", "status", "import", "profile", "backup")
RUN_SPAN = 10_000  # member counters per run
IMPORT_ROWS = (10, 150)  # rows per roster import, inclusive
# Now and then more rows than the import inserts in one batch (roster_import.INSERT_BATCH).
IMPORT_BIG_ROWS = (501, 600)
IMPORT_BIG_SHARE = 0.1
IMPORT_NOTE_CHARS = 60
IMPORT_HEADER = ("姓名", "性别", "出生日期", "公民身份号码", "联系电话", "工作单位", "备注")
IMPORT_HEADER += ("入党日期", "转正日期", "党员类别")
NOTE_CHARS = (800, 2000)  # long notes: rows spill onto overflow pages, pages split
STATUSES = (PartyStatus.NORMAL, PartyStatus.SUSPENDED, PartyStatus.EXPELLED, PartyStatus.DECEASED)
EVERY_STATUS = MemberFilter(statuses=())  # no status filter; deleted members left out
ALL_MEMBERS = MemberFilter(statuses=(), include_deleted=True)
DELETED = MemberFilter(statuses=(), only_deleted=True)
BY_ID = MemberSort(column="id")
# Member fields the checker compares: what add, import and update write.
FIELDS = (
    "name",
    "sex",
    "birth_date",
    "id_number",
    "phone",
    "work_unit",
    "job_post",
    "address",
    "note",
    "join_date",
    "full_date",
    "category",
)
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
_TEXT = "不忘初心牢记使命坚持党的领导加强支部建设船舶油库基层组织"


def _chinese(n: int, alphabet: str = _GIVEN) -> str:
    """A digit-free name part that differs for every n (names may not hold digits)."""
    out = ""
    while True:
        n, rest = divmod(n, len(alphabet))
        out += alphabet[rest]
        if not n:
            return out


def _text(seed: int, length: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(_TEXT) for _ in range(length))


def id_number(c: int) -> str:
    """A valid ID number, unique for each c: birth date from c // 1000, sequence c % 1000."""
    birth = date(1960, 1, 1) + timedelta(days=c // 1000)
    first17 = f"110105{birth:%Y%m%d}{c % 1000:03d}"
    return first17 + check_char(first17)


def member_for(c: int, note_chars: int) -> Member:
    """The record member c is created with (by add or by a roster import)."""
    birth = date(1960, 1, 1) + timedelta(days=c // 1000)
    join = date(birth.year + 25, 7, 1)
    return Member(
        name=_SURNAMES[c % len(_SURNAMES)] + _chinese(c // len(_SURNAMES)),
        sex=Sex.MALE if c % 2 else Sex.FEMALE,  # the 17th digit: odd = male
        birth_date=birth,
        id_number=id_number(c),
        phone=f"139{c % 10**8:08d}",
        work_unit=f"远洋{c}号",
        note=_text(c, note_chars),
        join_date=join,
        full_date=date(join.year + 1, 7, 1),
        category=MemberCategory.FORMAL,
    )


def update_values(c: int) -> dict[str, str]:
    """What update spec c writes: five fields at once, so a half update would show."""
    return {
        "phone": f"137{c % 10**8:08d}",
        "work_unit": f"新单位{c}",
        "job_post": f"岗位{c}",
        "address": f"地址{c}号",
        "note": _text(c, 500 + c % 1500),
    }


def profile_for(c: int) -> BranchProfile:
    """A full branch profile in which every part differs from the one of any other c."""
    posts = (CommitteePost.DEPUTY_SECRETARY, CommitteePost.ORGANIZATION, CommitteePost.MEMBER)
    return BranchProfile(
        full_name=f"远洋运输第{c}党支部",
        code=f"C{c}",
        parent_committee=f"上级党委{c % 7}",
        founded_on=date(1990 + c % 20, 1, 1),
        term=CommitteeTerm(
            ordinal=1 + c % 9, election_date=date(2020 + c % 4, 3, 1), term_years=3 + c % 3
        ),
        committee=(
            CommitteeMember(f"书记{_chinese(c)}", CommitteePost.SECRETARY, date(2020, 3, 1)),
            *(CommitteeMember(f"委员{_chinese(c + i)}", posts[i % 3]) for i in range(2 + c % 3)),
        ),
        groups=tuple(
            PartyGroup(f"第{i}党小组{c}", f"组长{_chinese(c + i)}", _text(c + i, 40))
            for i in range(1, 3 + c % 3)
        ),
        venues=tuple(
            Venue(f"活动室{i}-{c}", f"码头路{c}号", 20.0 + i + c % 50, _text(c - i, 30))
            for i in range(1, 2 + c % 2)
        ),
    )


def comparable_profile(profile: BranchProfile) -> BranchProfile:
    """A profile without its row ids, which a save may renumber."""
    return replace(
        profile,
        committee=tuple(replace(m, id=None) for m in profile.committee),
        groups=tuple(replace(g, id=None) for g in profile.groups),
        venues=tuple(replace(v, id=None) for v in profile.venues),
    )


def import_counters(spec: dict) -> range:
    return range(spec["first"], spec["first"] + spec["count"])


# --- choosing an action ----------------------------------------------------------------------
class Roster:
    """The writer's view of which members are live and which are in the 回收站 (database
    ids), read at start and kept up to date from its own calls, so choosing costs no reads."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.live = ws.members.ids(EVERY_STATUS, BY_ID)
        self.deleted = ws.members.ids(DELETED, BY_ID)

    def numbers(self, member_ids: list[int]) -> list[str]:
        rows = self.ws.members.rows(member_ids)
        return [rows[i].id_number for i in member_ids]

    def after(self, spec: dict, result: dict) -> None:
        kind = spec["kind"]
        if kind == "add":
            self.live.append(result["member_id"])
        elif kind == "import":
            self.live = self.ws.members.ids(EVERY_STATUS, BY_ID)
        elif kind in ("delete", "restore"):
            source, target = (self.live, self.deleted)[:: 1 if kind == "delete" else -1]
            for member_id in spec["db_ids"]:
                source.remove(member_id)
                target.append(member_id)


def choose(rng: random.Random, roster: Roster, focus: str, counter: int) -> tuple[dict, int]:
    """The next spec (and the next free counter). Half the actions are of the focus kind, so
    the parent has one to aim at soon. Imports run only when aimed at (or to fill an empty
    roster), so the file grows slowly; kinds that cannot run yet fall back to one that can."""
    others = [k for k in KINDS if k not in (focus, "import")]
    kind = focus if focus in KINDS and rng.random() < 0.5 else rng.choice(others)
    if kind == "restore" and not roster.deleted:
        kind = "delete"
    if kind in ("update", "status", "delete") and len(roster.live) < 6:
        kind = "import"
    if kind == "add":
        return {"kind": "add", "c": counter, "note": rng.randint(*NOTE_CHARS)}, counter + 1
    if kind == "import":
        rows = IMPORT_BIG_ROWS if rng.random() < IMPORT_BIG_SHARE else IMPORT_ROWS
        count = rng.randint(*rows)
        return {"kind": "import", "first": counter, "count": count}, counter + count
    if kind == "profile":
        return {"kind": "profile", "c": counter}, counter + 1
    if kind == "backup":
        return {"kind": "backup"}, counter
    if kind in ("delete", "restore"):
        pool = roster.live if kind == "delete" else roster.deleted
        wanted = rng.randint(2, 6) if kind == "delete" else rng.randint(1, 3)
        chosen = rng.sample(pool, min(len(pool), wanted))
        return {"kind": kind, "ids": roster.numbers(chosen), "db_ids": chosen}, counter
    (member_id,) = rng.sample(roster.live, 1)
    (number,) = roster.numbers([member_id])
    spec = {"kind": kind, "id": number, "db_id": member_id, "c": counter}
    if kind == "status":
        current = roster.ws.members.get(member_id).status
        spec["to"] = rng.choice([s for s in STATUSES if s != current]).value
    return spec, counter + 1


# --- performing it -----------------------------------------------------------------------------
def prepare(ws, spec: dict, workdir: Path):
    """Everything before the one service call (reading ids, building the workbook and its
    preview); returns the call itself, which returns the journal's "result"."""
    kind = spec["kind"]
    if kind == "add":
        member = member_for(spec["c"], spec["note"])
        return lambda: {"member_id": ws.members.add(member)[0]}
    if kind == "import":
        preview = _import_preview(ws, spec, workdir)
        return lambda: {"count": ws.roster_import.commit(preview).count}
    if kind == "profile":
        profile = profile_for(spec["c"])
        return lambda: _no_result(ws.branch.save_profile, profile)
    if kind == "backup":

        def backup() -> dict:
            info = ws.backup_now()
            # A backup that thinning deleted on the spot (issue 7 item 1) is not a crash
            # defect; the checker counts it apart.
            return {"name": info.path.name, "exists": info.path.exists()}

        return backup
    if kind in ("delete", "restore"):
        call = ws.members.delete_many if kind == "delete" else ws.members.restore_many
        return lambda: _no_result(call, spec["db_ids"])
    member_id = spec["db_id"]
    if kind == "update":
        member = replace(ws.members.get(member_id), **update_values(spec["c"]))
        return lambda: _no_result(ws.members.update, member)
    change = StatusChange(PartyStatus(spec["to"]), TODAY, reason_for(spec))
    return lambda: _no_result(ws.members.change_status, member_id, change)


def _no_result(call, *args) -> dict:
    call(*args)  # its Changes value says nothing the checker needs
    return {}


def reason_for(spec: dict) -> str:
    return f"crash {spec['c']}"


def _import_preview(ws, spec: dict, workdir: Path):
    """A real .xlsx through the real reader and preview, as the import dialog does."""
    import openpyxl

    path = workdir / f"roster-{spec['first']}.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("党员")
    sheet.append(IMPORT_HEADER)
    for c in import_counters(spec):
        m = member_for(c, IMPORT_NOTE_CHARS)
        sex = "男" if m.sex is Sex.MALE else "女"
        row = [m.name, sex, m.birth_date, m.id_number, m.phone, m.work_unit, m.note]
        sheet.append([*row, m.join_date, m.full_date, "正式党员"])
    book.save(path)
    del book
    svc = ws.roster_import  # the dialog's one door
    source = svc.read_workbook(path)
    sheet_data = source.default_sheet()
    proposal = svc.propose_mapping(source, sheet_data.name)
    preview = svc.preview(source, sheet_data.name, proposal.fields, header_row=proposal.header_row)
    path.unlink()
    if preview.error_count:
        raise AssertionError(f"import preview has errors: {preview.rows[0].errors}")
    return preview


# --- the journal -------------------------------------------------------------------------------
class Journal:
    """One JSON line per event, fsync'd before the child goes on: a line that is in the file
    was written before the kill, whatever the page cache does afterwards."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def write(self, **entry: object) -> None:
        os.write(self._fd, (json.dumps(entry, ensure_ascii=False) + "\n").encode())
        os.fsync(self._fd)

    def close(self) -> None:
        os.close(self._fd)


def read_journal(path: Path) -> list[dict]:
    """The complete lines; a last line without its newline was cut by the kill."""
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")[:-1]  # the part after the last newline is incomplete
    return [json.loads(line) for line in lines if line]
