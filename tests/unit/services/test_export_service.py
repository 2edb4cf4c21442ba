"""ws.exports: every report from one read transaction, the writer chosen by format, the
filter said in words, masking by default."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dangjian_desktop.domain.branch import BranchProfile, PartyGroup
from dangjian_desktop.domain.people import MemberCategory, MemberFilter, PartyStatus, StatusChange
from dangjian_desktop.services.export_service import ExportResult
from dangjian_desktop.storage import member_repo
from tests.conftest import TODAY
from tests.gui.members_data import member


@pytest.fixture
def branch(workspace):
    workspace.branch.save_profile(
        BranchProfile(
            full_name="中燃油运船舶第一党支部",
            groups=(PartyGroup("甲板党小组"), PartyGroup("轮机党小组")),
        )
    )
    groups = {name: gid for gid, name in workspace.members.group_names().items()}
    ids = {}
    for i in range(6):
        group = groups["甲板党小组"] if i < 4 else groups["轮机党小组"]
        category = MemberCategory.PROBATIONARY if i in (1, 5) else MemberCategory.FORMAL
        m = member(i, party_group_id=group, category=category)
        if category is MemberCategory.PROBATIONARY:
            m = replace(m, full_date=None)
        ids[i], _ = workspace.members.add(m)
    return workspace, groups, ids


def pdf_text(path) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(path).pages))


def names(sheet) -> list[str]:
    return [row[1] for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]]


def test_roster_to_xlsx_masked_by_default(branch, tmp_path):
    ws, _groups, _ids = branch
    result = ws.exports.roster(tmp_path / "花名册.xlsx", "xlsx")
    assert result == ExportResult(tmp_path / "花名册.xlsx", 6)
    sheet = load_workbook(result.path).active
    assert sheet["A1"].value == "中燃油运船舶第一党支部 党员花名册"
    assert f"制表日期：{TODAY.year}年{TODAY.month}月{TODAY.day}日" in sheet["A2"].value
    assert "共 6 人" in sheet["A2"].value and "筛选条件" not in sheet["A2"].value
    values = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v]
    first = member(0)
    assert first.id_number not in values and first.id_number[-4:] in "".join(values)
    assert first.phone not in values and "138****0000" in values


def test_the_whole_roster_leaves_out_members_who_left_and_the_recycle_bin(branch, tmp_path):
    ws, _groups, ids = branch
    ws.members.change_status(ids[2], StatusChange(PartyStatus.DECEASED, TODAY))
    ws.members.delete(ids[3])
    result = ws.exports.roster(tmp_path / "花名册.xlsx", "xlsx")
    assert result.rows == 4
    sheet = load_workbook(result.path).active
    assert member(2).name not in names(sheet) and member(3).name not in names(sheet)


def test_a_filtered_roster_holds_those_members_and_says_so(branch, tmp_path):
    ws, groups, _ids = branch
    flt = MemberFilter(party_group_id=groups["甲板党小组"], category=MemberCategory.PROBATIONARY)
    assert ws.exports.roster_filter_text(flt) == "党小组“甲板党小组”；预备党员"
    result = ws.exports.roster(tmp_path / "花名册.pdf", "pdf", flt=flt)
    assert result.rows == 1
    text = pdf_text(result.path)
    assert "筛选条件：党小组“甲板党小组”；预备党员" in text and "共1人" in text
    assert member(1).name in text and member(5).name not in text


def test_the_default_filter_is_the_whole_roster_and_not_a_filter(branch):
    ws, _groups, _ids = branch
    assert ws.exports.roster_filter_text(MemberFilter()) == ""


def test_full_numbers_and_prepared_by_on_request(branch, tmp_path):
    ws, _groups, _ids = branch
    result = ws.exports.roster(
        tmp_path / "花名册.pdf", "pdf", full_ids=True, full_phones=True, prepared_by=" 李静 "
    )
    text = pdf_text(result.path)
    assert member(0).id_number in text and member(0).phone in text
    assert "含完整身份证号；含完整电话号码，请妥善保管" in text
    assert "制表人：李静" in text


def test_a_branch_without_a_name_gets_a_placeholder(workspace, tmp_path):
    workspace.members.add(member(0))
    result = workspace.exports.roster(tmp_path / "花名册.xlsx", "xlsx")
    assert load_workbook(result.path).active["A1"].value == "（未填写支部名称） 党员花名册"


def test_an_unknown_format_is_refused_before_anything_is_read(workspace, tmp_path, monkeypatch):
    monkeypatch.setattr(member_repo, "ids", lambda *a: pytest.fail("read before refusing"))
    with pytest.raises(ValueError, match="docx"):
        workspace.exports.roster(tmp_path / "花名册.docx", "docx")
    assert not list(tmp_path.glob("花名册*"))


def test_the_report_is_one_snapshot_even_when_a_write_lands_in_between(
    branch, tmp_path, monkeypatch
):
    """Z6: the ids, the rows, the groups and the unit name come from ONE read transaction.
    Another program deletes a member and renames the branch between the first query and
    the next; the report still shows the state of the first query, whole."""
    ws, _groups, ids = branch
    real_ids = member_repo.ids

    def ids_then_a_write_elsewhere(session, flt, sort):
        found = real_ids(session, flt, sort)
        other = sqlite3.connect(ws.path, isolation_level=None, timeout=5)
        try:
            other.execute("DELETE FROM member_status WHERE member_id = ?", (ids[0],))
            other.execute("DELETE FROM member WHERE id = ?", (ids[0],))
            other.execute("UPDATE branch SET full_name = '改名后的支部'")
        finally:
            other.close()
        return found

    monkeypatch.setattr(member_repo, "ids", ids_then_a_write_elsewhere)
    report = ws.exports.roster_report()
    assert len(report.members) == 6 and member(0).name in [m.name for m in report.members]
    assert report.unit_name == "中燃油运船舶第一党支部"
    monkeypatch.setattr(member_repo, "ids", real_ids)
    after = ws.exports.roster_report()  # the control: the write did happen
    assert len(after.members) == 5 and after.unit_name == "改名后的支部"


def test_a_roster_export_leaves_an_audit_row_saying_whether_full_numbers_left(workspace, tmp_path):
    """Issue 7 item 13: exports write an audit row — the report, format, size and whether
    full ID numbers or phones were in it; never a file name or a person's value."""
    from dangjian_desktop.domain.audit import AuditFilter

    workspace.exports.roster(tmp_path / "花名册.xlsx", "xlsx", full_ids=True)
    [entry] = [
        e for e in workspace.audit.entries(AuditFilter(), 10, 0) if e.action == "export.roster"
    ]
    assert entry.details["full_ids"] is True and entry.details["full_phones"] is False
    assert entry.details["format"] == "xlsx" and "花名册" not in str(entry.details)


def test_the_collector_waits_while_a_table_is_written_and_runs_again_after(
    workspace, tmp_path, monkeypatch
):
    """A table writer makes short-lived values for every cell and no cycles: the cycle
    collector is off while it writes (as during the read) and on again after, also when
    the writer fails."""
    import gc

    from dangjian_desktop.services import export_service

    seen = []

    def writer(table, path, progress):
        seen.append(gc.isenabled())
        raise OSError("disk full")

    monkeypatch.setattr(export_service, "writer_for", lambda fmt: writer)
    assert gc.isenabled()
    with pytest.raises(OSError):
        workspace.exports.roster(tmp_path / "花名册.xlsx", "xlsx")
    assert seen == [False] and gc.isenabled()
