"""Damage a closed data file the way a failing USB stick does: bytes changed in place.

The data file is edited at byte level (no SQL): the change stays inside one text cell,
so the page structure is intact and `PRAGMA quick_check` / `integrity_check` still pass,
which is what makes this damage hard to notice (issue 7 item 3).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Three kinds of damage seen in the byte-flip trials, as (what the cell held, what it holds
# after the flip), each keeping the length. They fit tests.gui.members_data.member(DAMAGED,
# note=NOTE), the only woman among members 1, 2 and 3.
DAMAGED = 3
NOTE = "船舶备注"
BAD_UTF8 = (NOTE.encode(), NOTE.encode()[:-1] + b"\xff")  # a continuation byte flipped
BAD_ENUM = (b"female", b"fymale")  # 性别: not a value of the enum
BAD_DATE = (b"1963-04-04", b"1963-04-0x")  # 出生日期: not a date
KINDS = {
    "bad_utf8": (BAD_UTF8, "note"),
    "bad_enum": (BAD_ENUM, "sex"),
    "bad_date": (BAD_DATE, "birth_date"),
}


def replace_bytes(path: Path, old: bytes, new: bytes, places: int = 1) -> None:
    """Overwrite the `places` places in the file that hold `old` (a value stored in a
    table cell and in index entries is in several), and check there are no others."""
    assert len(old) == len(new)
    for extra in ("-wal", "-journal"):
        leftover = Path(str(path) + extra)
        assert not leftover.exists() or leftover.stat().st_size == 0, "close the file first"
    data = path.read_bytes()
    assert data.count(old) == places, f"{old!r} is in the file {data.count(old)} times"
    path.write_bytes(data.replace(old, new))


def checks(path: Path) -> tuple[str, str]:
    """(quick_check, integrity_check) of the file, read-only."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        quick = conn.execute("PRAGMA quick_check").fetchone()[0]
        full = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    return quick, full


def write_damaged_file(path: Path, kind: str, count: int = 3) -> dict[int, str]:
    """A data file of members 1 … count (tests.gui.members_data), member DAMAGED damaged by
    KINDS[kind]; returns id → name of every member."""
    from dangjian_desktop.services import Workspace
    from tests.conftest import TODAY
    from tests.gui.members_data import member

    ws = Workspace.open(path, today=lambda: TODAY)
    names = {}
    try:
        for i in range(1, count + 1):
            m = member(i, note=NOTE if i == DAMAGED else "")
            names[ws.members.add(m)[0]] = m.name
    finally:
        ws.close(final_backup=False)  # checkpoints the WAL into the file
    replace_bytes(path, *KINDS[kind][0])
    return names
