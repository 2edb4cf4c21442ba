"""花名册 import through the service, on messy workbooks built here with openpyxl and a data
file opened through the real open path: refused files change nothing, a commit is one
transaction with one audit row."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from dangjian_desktop.domain.branch import BranchProfile, PartyGroup
from dangjian_desktop.domain.id_number import check_char
from dangjian_desktop.domain.people import MemberCategory, Sex
from dangjian_desktop.progress import Cancelled
from dangjian_desktop.services import Changes, Workspace
from dangjian_desktop.services import roster_import as ri
from dangjian_desktop.storage import member_history_repo, member_repo
from tests import roster_files
from tests.conftest import TODAY


def make_id(birth: str, seq: str = "123", region: str = "330902") -> str:
    first17 = region + birth + seq
    return first17 + check_char(first17)


def full_width(text: str) -> str:
    return text.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))


def counts(ws: Workspace) -> tuple[int, int, int]:
    """(members, status rows, audit rows): what an import may change."""
    with ws.database.engine.connect() as conn:
        return tuple(
            conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
            for t in ("member", "member_status", "audit_log")
        )


ZHANG = make_id("19850312", "131")  # male (odd sequence)
LI = make_id("19900520", "242")  # female
WANG = make_id("19780101", "351")
ZHAO = make_id("19990808", "462")
SUN = make_id("19800115", "571")
HEADER = [
    "序号",
    "姓 名",
    "性别",
    "民族",
    "出生年月\n（年.月）",
    "公民身份号码(必填)",
    "入党日期",
    "转正时间",
    "党员类别",
    "所在党小组",
    "联系电话",
    "备注",
]
MESSY_ROWS = [
    # 4: ID as text, month-only birth, full-width space in the name, phone as a number
    [1, "张\u3000三", "男", "汉", "1985.03", ZHANG, "2010年7月1日", "2011-7-1", "正式党员",
     "甲板党小组", 13812345678, None],
    # 5: dates as datetime, Excel serial number and slashes; no sex (read from the ID)
    [2, " 李四 ", None, "汉族", datetime(1990, 5, 20), LI, 42186, "2016/07/01", "正式",
     "轮机党小组", "0580-2021234", "船员"],
    # 6: an 18-digit ID typed as a number: Excel kept 15 digits
    [3, "王五", "男", "汉", "1978.01", float(WANG[:15] + "000"), "2001.07", "2002.07",
     "正式党员", None, None, None],
    # 7: full-width digits everywhere; 预备党员 without 转正 date
    [4, "赵六", "女", "回", full_width("1999.08"), full_width(ZHAO), full_width("2024.09"),
     None, "预备党员", None, None, None],
    # 8: year.month typed in number cells, 8-digit date text
    [5, "孙七", "男", "汉", 1980.01, SUN, 2005.07, "20060701", None, None, None, None],
    # 9: nonsense date
    [6, "周八", "男", "汉", None, make_id("19750303", "111"), "不详", "1996.03", None, None,
     None, None],
    # 10: the same person twice
    [7, "张三", "男", "汉", None, ZHANG, "2010.07", "2011.07", None, None, None, None],
    [None] * 12,
    ["填表人：王海", None, None, None, None, None, None, None, None, None, None, None],
]  # fmt: skip


def write_book(path: Path, header, rows, title_rows=2) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "花名册"
    if title_rows:
        ws.append(["中燃油运船舶第一党支部党员花名册"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        for _ in range(title_rows - 1):
            ws.append(["填报单位：远洋一号", None, None, None, None, "填报日期：2025年6月"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    return write_book(tmp_path / "花名册.xlsx", HEADER, MESSY_ROWS)


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    workspace.branch.save_profile(
        BranchProfile(
            full_name="中燃油运船舶第一党支部",
            groups=(PartyGroup("甲板党小组"), PartyGroup("轮机党小组")),
        )
    )
    return workspace


def run_preview(ws: Workspace, path: Path, **kwargs) -> ri.ImportPreview:
    """The dialog's and the command line's path: the service's door, nothing else."""
    svc = ws.roster_import
    source = svc.read_workbook(path)
    sheet = source.default_sheet()
    proposal = svc.propose_mapping(source, sheet.name)
    svc.check_mapping(source, sheet.name, proposal.fields, proposal.header_row)
    return svc.preview(source, sheet.name, proposal.fields, **kwargs)


def errors_by_row(result: ri.ImportPreview) -> dict[int, list[tuple[str, str]]]:
    return {r.row_number: [(e.field, e.code) for e in r.errors] for r in result.rows}


# --- reading and mapping ---------------------------------------------------------------------
def test_header_below_merged_title_is_found_and_mapped(messy):
    source = ri.read_workbook(messy)
    sheet = source.default_sheet()
    assert sheet.header_row == 3
    mapping = ri.propose_mapping(sheet).fields
    assert mapping[0] is None  # 序号
    assert mapping[1] == "name"
    assert mapping[4] == "birth_date"
    assert mapping[5] == "id_number"
    assert mapping[9] == "party_group"


def test_messy_roster_preview(ws, messy):
    result = run_preview(ws, messy)
    errors = errors_by_row(result)
    assert errors == {
        4: [],
        5: [],
        6: [("id_number", "id_precision_lost")],
        7: [],
        8: [],
        9: [("join_date", "bad_date_cell")],
        10: [("id_number", "duplicate_in_file")],
    }
    assert result.skipped_count == 2  # the blank row and the 填表人 line
    assert (result.valid_count, result.error_count) == (4, 3)
    rows = {r.row_number: r for r in result.rows}
    zhang = rows[4].member
    assert zhang.name == "张三"
    assert zhang.ethnicity == "汉族"
    assert zhang.birth_date == date(1985, 3, 12)  # "1985.03": the ID's day of that month
    assert zhang.join_date == date(2010, 7, 1)
    assert zhang.full_date == date(2011, 7, 1)
    assert zhang.phone == "13812345678"
    assert zhang.party_group_id is not None
    li = rows[5].member
    assert (li.name, li.sex, li.join_date) == ("李四", Sex.FEMALE, date(2015, 7, 1))
    assert rows[5].member.party_group_id != zhang.party_group_id
    zhao = rows[7].member
    assert zhao.id_number == ZHAO
    assert zhao.category is MemberCategory.PROBATIONARY
    assert zhao.join_date == date(2024, 9, 1)
    assert rows[8].member.join_date == date(2005, 7, 1)
    assert rows[8].member.full_date == date(2006, 7, 1)
    lost = rows[6].errors[0]
    assert lost.param("column") == 5
    assert rows[10].errors[0].param("row") == 4


def test_unknown_group_is_a_warning(ws, tmp_path):
    rows = [[1, "钱九", "男", "汉", None, make_id("19800202", "111"), "2005.07", "2006.07",
             None, "机舱小组", None, None]]  # fmt: skip
    result = run_preview(ws, write_book(tmp_path / "g.xlsx", HEADER, rows))
    (row,) = result.rows
    assert row.ok
    assert [(w.field, w.code, w.param("name")) for w in row.warnings] == [
        ("party_group", "unknown_group", "机舱小组")
    ]


def test_id_already_in_the_data_file(ws, tmp_path):
    existing = make_id("19800202", "111")
    ws_members_add(ws, existing)
    rows = [[1, "钱九", "男", "汉", None, existing, "2005.07", "2006.07"] + [None] * 4]
    result = run_preview(ws, write_book(tmp_path / "d.xlsx", HEADER, rows))
    assert errors_by_row(result) == {4: [("id_number", "duplicate_id")]}


def ws_members_add(ws: Workspace, id_number: str) -> None:
    from dangjian_desktop.domain.people import Member
    from dangjian_desktop.services.unit_of_work import write_session

    member = Member("已有", id_number=id_number, join_date=date(2005, 7, 1))
    with write_session(ws.database.engine, "test.add") as s:
        member_repo.insert_member(s, member)


def test_user_corrected_mapping_and_header_row(ws, tmp_path):
    # Header names nobody foresaw: the user maps them by hand.
    path = write_book(
        tmp_path / "odd.xlsx",
        ["同志", "号码", "何时入党", "何时转正"],
        [["吴十", make_id("19800202", "111"), "2005.07", "2006.07"]],
        title_rows=0,
    )
    source = ri.read_workbook(path)
    sheet = source.default_sheet()
    assert sheet.header_row is None
    with pytest.raises(ri.MappingError) as info:
        ri.preview(source, sheet.name, {}, TODAY)
    assert info.value.code == "no_header"
    with pytest.raises(ri.MappingError) as info:
        ri.propose_mapping(sheet)
    assert info.value.code == "no_header"
    # No header name is known; the column of ID numbers is still recognised by its values.
    proposal = ri.propose_mapping(sheet, 1)
    assert proposal.fields == {0: None, 1: "id_number", 2: None, 3: None}
    assert proposal.by_values == {1}
    with pytest.raises(ri.MappingError) as info:  # nothing says row 1 is the header
        ri.check_mapping(proposal.fields, proposal.labels)
    assert info.value.code == "no_header"
    mapping = {0: "name", 1: "id_number", 2: "join_date", 3: "full_date"}
    result = ri.preview(source, sheet.name, mapping, TODAY, header_row=1)
    assert result.valid_count == 1


@pytest.mark.parametrize(
    ("mapping", "code"),
    [
        ({0: "sex"}, "no_name_column"),
        ({0: "name", 1: "name"}, "duplicate_field"),
        ({0: "name", 1: "uid"}, "unknown_field"),
    ],
)
def test_bad_mappings(messy, mapping, code):
    source = ri.read_workbook(messy)
    with pytest.raises(ri.MappingError) as info:
        ri.preview(source, "花名册", mapping, TODAY)
    assert info.value.code == code


# --- commit --------------------------------------------------------------------------------
def test_rows_with_errors_refuse_the_import_unless_partial(ws, messy):
    result = run_preview(ws, messy)
    before = counts(ws)
    with pytest.raises(ri.CommitRefused) as info:
        ri.commit(ws.database.engine, result)
    assert info.value.code == "has_errors"
    assert info.value.params["count"] == 3
    assert counts(ws) == before

    noted: list[Changes] = []
    outcome = ri.commit(ws.database.engine, result, allow_partial=True, on_write=noted.append)
    assert outcome.count == 4
    assert outcome.skipped_rows == (6, 9, 10)
    assert noted == [Changes(members=True)] == [outcome.changes]
    members, statuses, audits = counts(ws)
    assert (members, statuses, audits) == (before[0] + 4, before[1] + 4, before[2] + 1)


def test_duplicate_added_after_the_preview_refuses_the_commit(ws, messy):
    result = run_preview(ws, messy)
    ws_members_add(ws, LI)
    before = counts(ws)
    with pytest.raises(ri.CommitRefused) as info:
        ri.commit(ws.database.engine, result, allow_partial=True)
    assert (info.value.code, info.value.params["id_number"]) == ("duplicate_id", LI)
    assert counts(ws) == before


def clean_rows(n: int) -> list[list]:
    rows = []
    for i in range(n):
        birth = date(1960 + i % 38, 1 + i % 12, 1 + i % 28)
        number = make_id(birth.strftime("%Y%m%d"), f"{i % 1000:03d}")
        join = date(birth.year + 25, 7, 1)
        rows.append([i + 1, f"党员{chr(0x4E00 + i)}", None, "汉族", birth, number, join,
                     join.replace(year=join.year + 1), "正式党员", None, None, None])  # fmt: skip
    return rows


def test_clean_200_rows_in_one_transaction(ws, tmp_path):
    path = write_book(tmp_path / "clean.xlsx", HEADER, clean_rows(200))
    ticks: list[tuple[int, int]] = []
    result = run_preview(ws, path, progress=lambda d, t: ticks.append((d, t)) or True)
    assert (result.valid_count, result.error_count) == (200, 0)
    assert ticks[-1] == (200, 200)
    before = counts(ws)
    outcome = ri.commit(ws.database.engine, result)
    assert outcome.count == 200
    assert counts(ws) == (before[0] + 200, before[1] + 200, before[2] + 1)
    with ws.database.engine.connect() as conn:
        action, detail = conn.exec_driver_sql(
            "SELECT action, detail FROM audit_log ORDER BY id DESC LIMIT 1"
        ).one()
    assert action == "member.import_roster"
    assert "clean.xlsx" in detail
    assert "200" in detail


def test_a_database_error_mid_commit_rolls_everything_back(ws, tmp_path, monkeypatch):
    result = run_preview(ws, write_book(tmp_path / "c.xlsx", HEADER, clean_rows(30)))
    before = counts(ws)

    def broken(*args, **kwargs):
        raise RuntimeError("disk went away")

    monkeypatch.setattr(member_history_repo, "add_statuses", broken)
    with pytest.raises(RuntimeError):
        ri.commit(ws.database.engine, result)
    assert counts(ws) == before


def test_cancel_during_commit_writes_nothing(ws, tmp_path):
    path = write_book(tmp_path / "c.xlsx", HEADER, clean_rows(1200))
    result = run_preview(ws, path)
    before = counts(ws)
    with pytest.raises(Cancelled):
        ri.commit(ws.database.engine, result, progress=lambda done, total: done < 600)
    assert counts(ws) == before


def test_cancel_during_preview(ws, tmp_path):
    path = write_book(tmp_path / "c.xlsx", HEADER, clean_rows(500))
    with pytest.raises(Cancelled):
        run_preview(ws, path, progress=lambda done, total: done < 200)


def test_zero_valid_rows(ws, tmp_path):
    rows = [[1, "甲", "男", "汉", None, "12345", "不详", None] + [None] * 4]
    result = run_preview(ws, write_book(tmp_path / "z.xlsx", HEADER, rows))
    assert result.valid_count == 0
    before = counts(ws)
    for partial in (False, True):
        with pytest.raises(ri.CommitRefused) as info:
            ri.commit(ws.database.engine, result, allow_partial=partial)
        assert info.value.code == ("has_errors" if not partial else "no_valid_rows")
    empty = run_preview(ws, write_book(tmp_path / "h.xlsx", HEADER, []))
    assert empty.rows == ()
    with pytest.raises(ri.CommitRefused) as info:
        ri.commit(ws.database.engine, empty)
    assert info.value.code == "no_valid_rows"
    assert counts(ws) == before


def test_preview_of_probationary_with_full_date(ws, tmp_path):
    # The member rules apply to imported rows too.
    rows = [[1, "钱九", "男", "汉", None, make_id("19800202", "111"), "2005.07", "2006.07",
             "预备党员", None, None, None]]  # fmt: skip
    result = run_preview(ws, write_book(tmp_path / "p.xlsx", HEADER, rows))
    assert errors_by_row(result) == {4: [("full_date", "full_date_while_probationary")]}


# --- the messy roster of tests/roster_files.py -------------------------------------------------
def test_the_messy_real_world_roster(ws, tmp_path):
    result = run_preview(ws, roster_files.messy_roster(tmp_path / "花名册.xlsx"))
    assert errors_by_row(result) == {
        4: [],
        5: [],
        6: [("id_number", "id_precision_lost")],
        7: [],  # the 预备党员 under 人员类别, no 转正 date: fine
        8: [],
        9: [("join_date", "bad_date_cell")],
        10: [("id_number", "id_precision_lost")],  # "3.30902198206063E+17"
    }
    assert result.skipped_count == 2  # the blank row and the signature line
    rows = {r.row_number: r.member for r in result.rows}
    assert rows[7].category is MemberCategory.PROBATIONARY
    assert rows[7].full_date is None
    assert rows[4].category is MemberCategory.FORMAL
    assert rows[4].job_post == "轮机长"  # 工作岗位
    assert rows[4].person_category == ""  # the 人员类别 column held 党员类别
    assert rows[5].id_number == roster_files.LI  # stray spaces around the number
    assert rows[5].job_post == "水手长"
    assert rows[7].id_number == roster_files.ZHAO  # full-width digits
    assert rows[8].join_date == date(2005, 7, 1)  # 2005.07 in a number cell
