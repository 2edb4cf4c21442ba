"""积分 exports (ws.exports.points / statements / appraisal) and `dangjian export points|
statements|appraisal`: files re-opened and read back, the ranking only when asked (brief
§7.4: the 2023 guidance against published rankings), exit codes 0/1/2, atomic writes."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dangjian_desktop.cli.base import EXIT_DATA, EXIT_OK, EXIT_USAGE, registrars, run
from dangjian_desktop.domain.points import AppraisalGrade, Entry, Grade, PeriodKey
from dangjian_desktop.services import Workspace
from tests.unit.services.meeting_data import general_meeting, make_branch
from tests.unit.services.member_data import table

YEAR = PeriodKey(2025)


def fill(ws) -> dict[str, int]:
    branch = make_branch(ws)
    ws.meetings.save(general_meeting(branch))
    v01 = ws.points.scheme(2025).rule("V01").signed_points
    ws.points.add_entries(
        [Entry(branch.id("赵敏"), date(2025, 3, d), "V01", v01) for d in range(1, 8)]
    )
    ws.points.add_entry(Entry(branch.id("刘洋"), date(2025, 4, 1), "R01", D(-5)))
    formal = ["王海", "李静", "陈刚", "赵敏", "刘洋", "孙丽"]
    grades = [
        AppraisalGrade(
            branch.id(n),
            2025,
            Grade.EXCELLENT if n in ("王海", "李静", "陈刚") else Grade.QUALIFIED,
        )
        for n in formal
    ]
    ws.points.set_grades(2025, grades, confirm=True)
    return branch.ids


def sheet_values(path) -> list[list[object]]:
    return [list(r) for r in load_workbook(path).active.iter_rows(values_only=True)]


def pdf_text(path) -> tuple[int, str]:
    reader = PdfReader(path)
    return len(reader.pages), re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))


@pytest.fixture
def filled(workspace):
    return workspace, fill(workspace)


def test_totals_export_has_no_ranking_unless_asked(filled, tmp_path):
    ws, _ids = filled
    plain = tmp_path / "积分.xlsx"
    result = ws.exports.points(plain, "xlsx", YEAR)
    assert result.rows == 7
    rows = sheet_values(plain)
    header = next(r for r in rows if r and r[0] == "序号")
    assert "排名" not in header and "总分" in header
    zhao = next(r for r in rows if r and r[1] == "赵敏")
    total = header.index("总分")
    assert (zhao[header.index("加分")], zhao[header.index("封顶未计")]) == ("11", "4")
    assert zhao[total] == "71"  # 60 + 10 (V01 capped) + 1 (出席)
    ranked = tmp_path / "积分排名.xlsx"
    ws.exports.points(ranked, "xlsx", YEAR, ranking=True)
    rows = sheet_values(ranked)
    header = next(r for r in rows if r and r[0] == "序号")
    first = rows[rows.index(header) + 1]
    assert header[-2] == "排名" and (first[1], first[-2]) == ("赵敏", 1)
    facts = table(ws, "SELECT detail FROM audit_log WHERE action = 'export.points'")
    assert ['"ranking":false' in f[0] for f in facts] == [True, False]


def test_totals_pdf_reads_back(filled, tmp_path):
    ws, _ids = filled
    target = tmp_path / "积分.pdf"
    ws.exports.points(target, "pdf", YEAR)
    _pages, text = pdf_text(target)
    assert "党员积分汇总表" in text and "2025年度" in text and "排名" not in text


def test_statements_one_page_per_member_in_pdf_and_sections_in_xlsx(filled, tmp_path):
    ws, ids = filled
    pdf = tmp_path / "明细.pdf"
    result = ws.exports.statements(pdf, "pdf", YEAR)
    pages, text = pdf_text(pdf)
    assert result.rows == 7 and pages == 7
    assert "党员：赵敏" in text and "超过封顶分的部分不计入" in text
    one = tmp_path / "赵敏.pdf"
    ws.exports.statements(one, "pdf", YEAR, member_id=ids["赵敏"])
    pages, text = pdf_text(one)
    assert pages == 1 and "总分71分" in text
    xlsx = tmp_path / "明细.xlsx"
    assert ws.exports.statements(xlsx, "xlsx", YEAR).rows == 7
    rows = sheet_values(xlsx)
    totals = [r for r in rows if r and "总分" in r]
    assert len(totals) == 7 and {r[0] for r in totals} >= {"赵敏", "刘洋"}


def test_appraisal_sheet_excludes_probationary_and_warns(filled, tmp_path):
    ws, _ids = filled
    target = tmp_path / "民主评议.xlsx"
    ws.exports.appraisal(target, "xlsx", 2025)
    rows = sheet_values(target)
    zhou = next(r for r in rows if r and r[1] == "周新")
    assert (zhou[2], zhou[3]) == ("预备党员", "（预备党员不参加评定等次）")
    notes = " ".join(str(c) for r in rows for c in r if c)
    assert "优秀 3 人" in notes and "提示：评为优秀的有 3 人" in notes
    pdf = tmp_path / "民主评议.pdf"
    ws.exports.appraisal(pdf, "pdf", 2025)
    assert "民主评议党员结果" in pdf_text(pdf)[1]


# --- the command line ---------------------------------------------------------------------------
@pytest.fixture
def db(tmp_path):
    path = tmp_path / "data.sqlite"
    ws = Workspace.open(path, today=lambda: date(2025, 6, 15))
    fill(ws)
    ws.close(final_backup=False)
    return path


def dangjian(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run([str(a) for a in argv], registrars(), out, err)
    return code, out.getvalue(), err.getvalue()


def test_cli_points_with_and_without_ranking(db, tmp_path):
    target = tmp_path / "积分.xlsx"
    code, out, err = dangjian("export", "points", "--year", 2025, "--db", db, "--out", target)
    assert (code, err) == (EXIT_OK, "")
    assert out.startswith("已导出党员积分汇总表")
    assert all("排名" not in r for r in sheet_values(target))
    code, _out, _err = dangjian(
        "export", "points", "--year", 2025, "--ranking", "--db", db, "--out", target
    )
    assert code == EXIT_OK and any("排名" in r for r in sheet_values(target))
    assert not list(tmp_path.glob(".*.tmp"))


def test_cli_statements_and_appraisal(db, tmp_path):
    target = tmp_path / "明细.pdf"
    code, out, err = dangjian(
        "export", "statements", "--year", 2025, "--member", 4, "--db", db, "--out", target
    )
    assert (code, err) == (EXIT_OK, "") and "共 1 人" in out
    assert pdf_text(target)[0] == 1
    code, _out, err = dangjian(
        "export", "appraisal", "--year", 2025, "--db", db, "--out", tmp_path / "评议.xlsx"
    )
    assert (code, err) == (EXIT_OK, "")


def test_cli_a_quarter_of_a_yearly_scheme_exits_1_and_keeps_the_old_file(db, tmp_path):
    target = tmp_path / "积分.xlsx"
    target.write_bytes(b"old")
    code, _out, err = dangjian(
        "export", "points", "--year", 2025, "--quarter", 3, "--db", db, "--out", target
    )
    assert code == EXIT_DATA
    assert err.strip() == "2025 年积分方案按年度计分，请选择相应的计分期间"
    assert target.read_bytes() == b"old"


def test_cli_an_unknown_member_exits_1(db, tmp_path):
    code, _out, err = dangjian(
        "export", "statements", "--year", 2025, "--member", 999, "--db", db,
        "--out", tmp_path / "x.pdf",
    )  # fmt: skip
    assert code == EXIT_DATA and "没有编号为 999 的党员" in err


@pytest.mark.parametrize(
    "argv",
    [
        ("export", "points", "--out", "x.xlsx"),  # no --year
        ("export", "points", "--year", "2025", "--quarter", "5", "--out", "x.xlsx"),
        ("export", "points", "--year", "1800", "--out", "x.xlsx"),
        ("export", "appraisal", "--year", "2025", "--out", "x.docx"),
    ],
)
def test_cli_bad_arguments_exit_2(db, tmp_path, argv):
    code, _out, err = dangjian(*argv, "--db", db)
    assert code == EXIT_USAGE and err and "Traceback" not in err
