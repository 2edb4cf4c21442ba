"""ws.reports.package / verify on a real data file: the package holds exactly the promised
files, all from ONE read snapshot; the manifest verifies; a flipped byte, a missing and an
extra file are found; the JSON copy validates against its packaged JSON Schema (checked with
the `jsonschema` package, a pinned test dependency — the program's own check is the
structural domain/json_check.py); a bad period, a read-only or full folder leave nothing."""

from __future__ import annotations

import errno
import json
import zipfile
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from sqlalchemy import event

from dangjian_desktop import messages
from dangjian_desktop.domain.meetings import Resolution
from dangjian_desktop.domain.period import PeriodError
from dangjian_desktop.export import atomic
from dangjian_desktop.export import report_package as rp
from dangjian_desktop.progress import Cancelled
from dangjian_desktop.services import report_parts
from dangjian_desktop.services.report_service import newer_app, package_name, verify_lines
from tests.unit.services.meeting_data import general_meeting, make_branch
from tests.unit.services.member_data import table

STEMS = ("党员花名册", "三会一课台账", "三会一课落实情况", "党员队伍统计", "阵地建设年度汇总")
PROMISED = sorted(
    [f"reports/{stem}.{fmt}" for stem in STEMS for fmt in ("xlsx", "pdf")]
    + ["data/report_data.json", "data/report_data.schema.json", "manifest.json"]
)


@pytest.fixture
def branch(workspace):
    branch = make_branch(workspace)
    vote = Resolution("接收周新为预备党员", yes=6)
    workspace.meetings.save(general_meeting(branch, date(2025, 5, 20), resolutions=(vote,)))
    workspace.meetings.save(general_meeting(branch, date(2025, 3, 20), topic="第一季度党员大会"))
    return branch


@pytest.fixture
def package(branch, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    return branch.ws.reports.package(out, "2025")


def names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return sorted(z.namelist())


def read(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def rewrite(src: Path, dst: Path, change) -> Path:
    """A copy of the zip with `change(name, data)` → new data, or None to leave it out."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info, data)
    return dst


def test_the_package_holds_exactly_the_promised_files(package):
    assert package.path.name == "上报材料_2025.zip"
    assert names(package.path) == PROMISED
    assert sorted(package.files) == PROMISED
    manifest = json.loads(read(package.path, "manifest.json"))
    assert sorted(f["path"] for f in manifest["files"]) == [
        n for n in PROMISED if n != "manifest.json"
    ]
    assert manifest["branch"] == {"name": "兴海油6轮党支部", "code": ""}
    assert manifest["period"] == {"label": "2025", "start": "2025-01-01", "end": "2025-12-31"}
    assert manifest["full_id_numbers"] is False


def test_the_manifest_verifies(branch, package):
    report = branch.ws.reports.verify(package.path)
    assert report.ok, report.problems
    assert sorted(report.checked) == [n for n in PROMISED if n != "manifest.json"]
    assert "校验通过" in "\n".join(verify_lines(report))


def test_the_json_copy_validates_against_its_schema(package):
    data = json.loads(read(package.path, "data/report_data.json"))
    schema = json.loads(read(package.path, "data/report_data.schema.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    sections = data["sections"]
    assert len(sections["members"]["rows"]) == 7
    assert [m["date"] for m in sections["meetings"]["rows"]] == ["2025-03-20", "2025-05-20"]
    assert sections["statistics"]["total"] == 7
    assert all("*" in m["id_number"] for m in sections["members"]["rows"])
    broken = json.loads(json.dumps(data))
    broken["sections"]["members"]["rows"][0]["sex"] = "未知"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_a_quarter_holds_only_its_meetings(branch, tmp_path):
    result = branch.ws.reports.package(tmp_path / "q1.zip", "2025Q1")
    data = json.loads(read(result.path, "data/report_data.json"))
    assert [m["date"] for m in data["sections"]["meetings"]["rows"]] == ["2025-03-20"]
    assert data["period"]["label"] == "2025Q1"
    assert branch.ws.reports.verify(result.path).ok


def test_every_part_is_read_in_one_snapshot(branch, tmp_path):
    begins = []
    engine = branch.ws.database.engine
    listener = lambda conn: begins.append(conn)  # noqa: E731
    event.listen(engine, "begin", listener)
    try:
        branch.ws.reports.package(tmp_path / "p.zip", "2025")
    finally:
        event.remove(engine, "begin", listener)
    assert len(begins) == 2  # the read snapshot, then the audit row's write


def test_a_part_added_to_the_registry_lands_in_the_package(branch, tmp_path, monkeypatch):
    seen = []

    def build(exports, session, ctx):
        seen.append(ctx.ranking)
        stats = report_parts.build_statistics(exports, session, ctx)
        return report_parts.PartOutput({"积分排名": stats.tables["党员队伍统计"]})

    part = report_parts.PackagePart("points", build, wanted=lambda ctx: ctx.ranking)
    monkeypatch.setattr(branch.ws.reports, "parts", [*report_parts.PARTS, part])
    plain = branch.ws.reports.package(tmp_path / "a.zip", "2025")
    ranked = branch.ws.reports.package(tmp_path / "b.zip", "2025", ranking=True)
    assert "reports/积分排名.pdf" not in plain.files and seen == [True]
    assert {"reports/积分排名.xlsx", "reports/积分排名.pdf"} <= set(ranked.files)


def test_full_ids_only_when_ticked_and_the_manifest_says_so(branch, tmp_path):
    result = branch.ws.reports.package(tmp_path / "full.zip", "2025", full_ids=True)
    manifest = json.loads(read(result.path, "manifest.json"))
    data = json.loads(read(result.path, "data/report_data.json"))
    assert manifest["full_id_numbers"] is True
    assert all("*" not in m["id_number"] for m in data["sections"]["members"]["rows"])
    [(detail,)] = table(
        branch.ws, "SELECT detail FROM audit_log WHERE action = 'export.report_package'"
    )
    assert json.loads(detail)["full_ids"] is True


def test_a_flipped_byte_is_detected(branch, package, tmp_path):
    def flip(name, data):
        if name == "reports/党员队伍统计.pdf":
            return data[:100] + bytes([data[100] ^ 1]) + data[101:]
        return data

    bad = rewrite(package.path, tmp_path / "flipped.zip", flip)
    report = branch.ws.reports.verify(bad)
    assert not report.ok and report.altered == ("reports/党员队伍统计.pdf",)


def test_missing_and_extra_files_are_detected(branch, package, tmp_path):
    def drop(name, data):
        return None if name == "reports/三会一课台账.xlsx" else data

    bad = rewrite(package.path, tmp_path / "changed.zip", drop)
    with zipfile.ZipFile(bad, "a") as z:
        z.writestr("reports/补充说明.txt", "后加的文件")
    report = branch.ws.reports.verify(bad)
    assert report.missing == ("reports/三会一课台账.xlsx",)
    assert report.extra == ("reports/补充说明.txt",)
    lines = "\n".join(verify_lines(report))
    assert "三会一课台账.xlsx" in lines and "补充说明.txt" in lines and "校验未通过" in lines


def test_a_newer_app_version_is_said(branch, package, tmp_path):
    def newer(name, data):
        if name != "manifest.json":
            return data
        doc = json.loads(data)
        doc["app"]["version"] = "9.0.0"
        return json.dumps(doc, ensure_ascii=False).encode()

    report = branch.ws.reports.verify(rewrite(package.path, tmp_path / "new.zip", newer))
    assert newer_app(report) == "9.0.0"
    assert "较新版本" in "\n".join(verify_lines(report))


@pytest.mark.parametrize("text", ["2025Q5", "25Q1", "明年", ""])
def test_a_period_that_does_not_parse_is_refused_before_anything(branch, tmp_path, text):
    with pytest.raises(PeriodError) as caught:
        branch.ws.reports.package(tmp_path, text)
    assert messages.error_text(caught.value)
    assert not list(tmp_path.rglob("*.zip"))


def _left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(("err", "words"), [(errno.EACCES, "只读"), (errno.ENOSPC, "空间")])
def test_a_read_only_or_full_folder_leaves_no_package(branch, tmp_path, monkeypatch, err, words):
    out = tmp_path / "stick"
    out.mkdir()

    def refused(path):
        raise (PermissionError if err == errno.EACCES else OSError)(err, "refused", str(path))

    if err == errno.EACCES:
        monkeypatch.setattr(atomic, "create_private_file", refused)
    else:
        real = rp._chunks
        calls = []

        def filling(source):
            for chunk in real(source):
                calls.append(1)
                if len(calls) > 3:
                    raise OSError(errno.ENOSPC, "No space left on device")
                yield chunk

        monkeypatch.setattr(rp, "_chunks", filling)
    with pytest.raises(Exception) as caught:
        branch.ws.reports.package(out, "2025")
    text = messages.error_text(caught.value)
    assert text and words in text, text
    assert _left(out) == []


def test_a_cancel_leaves_no_package(branch, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    calls = []

    def cancel(done, total):
        calls.append(done)
        return len(calls) < 5

    with pytest.raises(Cancelled):
        branch.ws.reports.package(out, "2025", progress=cancel)
    assert _left(out) == []


def test_progress_reaches_the_end(branch, tmp_path):
    ticks = []
    branch.ws.reports.package(
        tmp_path / "p.zip", "2025", progress=lambda d, t: ticks.append((d, t))
    )
    assert ticks[-1][0] == ticks[-1][1] and all(d <= t for d, t in ticks)


def test_package_name_keeps_the_code_and_drops_what_a_file_name_cannot_hold():
    from dangjian_desktop.domain.period import parse_period

    assert package_name(parse_period("2026Q3"), "CY/001") == "上报材料_CY001_2026Q3.zip"
    assert package_name(parse_period("2026"), "") == "上报材料_2026.zip"
