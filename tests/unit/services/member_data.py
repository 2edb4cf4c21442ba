"""Members, letters and table snapshots shared by the member and transfer service tests."""

from __future__ import annotations

import hashlib
import json
from datetime import date

from dangjian_desktop.domain.id_number import check_char
from dangjian_desktop.domain.people import (
    Member,
    MemberFilter,
    MemberSort,
    Sex,
    Transfer,
    TransferDirection,
)
from dangjian_desktop.services import Workspace

TODAY = date(2025, 6, 15)  # tests/conftest.py fixes the workspace's today to this
ACTIVE = MemberFilter()
ALL = MemberFilter(statuses=(), include_deleted=True)
SORT = MemberSort()


def id_number(seq: int, birth: date = date(1985, 3, 4)) -> str:
    body = f"330203{birth:%Y%m%d}{seq:03d}"
    return body + check_char(body)


def member(name: str = "张三丰", seq: int = 111, **changes) -> Member:
    """A record that passes validate_member (sex and birth date as in the ID number)."""
    values = {
        "sex": Sex.MALE if seq % 2 else Sex.FEMALE,
        "birth_date": date(1985, 3, 4),
        "id_number": id_number(seq),
        "phone": "13812345678",
        "join_date": date(2010, 7, 1),
        "full_date": date(2011, 7, 1),
        "work_unit": "远洋一号",
    }
    values.update(changes)
    return Member(name, **values)


def out_letter(**changes) -> Transfer:
    values = {
        "direction": TransferDirection.OUT,
        "transfer_date": date(2025, 6, 1),
        "to_org": "远洋二号船舶党支部",
        "letter_number": "组转字〔2025〕12号",
        "valid_until": date(2025, 9, 1),
        "reason": "船员轮换",
    }
    values.update(changes)
    return Transfer(**values)


def table(ws: Workspace, sql: str) -> list[tuple]:
    with ws.database.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql).fetchall()]


def audit_count(ws: Workspace) -> int:
    return table(ws, "SELECT count(*) FROM audit_log")[0][0]


def snapshot(ws: Workspace) -> dict[str, list[tuple]]:
    """Every row of every table, to prove a refused call wrote nothing (no audit row either)."""
    names = table(ws, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    return {name: table(ws, f'SELECT * FROM "{name}" ORDER BY 1') for (name,) in names}


def reseal(document: dict) -> dict:
    """Recompute a transfer file's checksums as its exporter does (services/transfer_file.py):
    sha256 of the canonical JSON of the payload, sha256_all of the canonical JSON of the rest
    of the document. Written out here, not borrowed from the code under test, so that a
    hostile file made with it is stopped by validation alone, on any version of the code."""

    def canonical(value: object) -> bytes:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return text.encode()

    document.pop("sha256_all", None)
    document["sha256"] = hashlib.sha256(canonical(document["payload"])).hexdigest()
    document["sha256_all"] = hashlib.sha256(canonical(document)).hexdigest()
    return document
