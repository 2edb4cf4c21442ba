"""Writing and verifying a 上报材料 package (issue 11 items 4–5 and its bad-input section):
exactly the promised files, a manifest that verifies, any flipped byte found, missing and
extra files named, hostile zips refused without writing or extracting anything."""

from __future__ import annotations

import ast
import builtins
import errno
import hashlib
import io
import json
import os
import struct
import warnings
import zipfile
from contextlib import contextmanager
from pathlib import Path

import jsonschema
import pytest

from dangjian_desktop import __version__, messages
from dangjian_desktop.domain.report_data import DATA_SCHEMA
from dangjian_desktop.domain.report_package import (
    DATA_NAME,
    ERROR_CODES,
    MANIFEST_NAME,
    SCHEMA_NAME,
    ReportPackageError,
)
from dangjian_desktop.export import atomic
from dangjian_desktop.export import report_package as rp
from dangjian_desktop.export.report_package import verify_package, write_package
from dangjian_desktop.progress import Cancelled
from tests import package_data

REPORTS = ("reports/党员花名册.xlsx", "reports/党员花名册.pdf", "reports/三会一课台账.pdf")


@pytest.fixture
def package(tmp_path) -> Path:
    target = tmp_path / "out" / "上报材料-2026.zip"
    target.parent.mkdir()
    write_package(
        target, package_data.report_files(tmp_path), package_data.sections(), package_data.fields()
    )
    return target


def contents(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def read_json(path: Path, name: str) -> dict:
    return json.loads(contents(path)[name])


def repack(src: Path, dst: Path, files: dict[str, bytes], *, rehash=(), manifest=None) -> Path:
    """A copy of `src` with `files` as its entries; the manifest's entries for the names in
    `rehash` recomputed (a forger's edit), or the manifest replaced by `manifest`."""
    if manifest is None:
        document = json.loads(files[MANIFEST_NAME])
        for entry in document["files"]:
            if entry["path"] in rehash:
                data = files[entry["path"]]
                entry.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
        manifest = json.dumps(document, ensure_ascii=False).encode()
    files = {**files, MANIFEST_NAME: manifest}
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, (2027, 1, 8, 9, 30, 0))
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return dst


@contextmanager
def no_writes():
    """Inside: nothing can be opened for writing, anywhere (verify writes nothing)."""
    real_open, real_os_open = builtins.open, os.open

    def guarded_open(file, mode="r", *args, **kwargs):
        assert not set(mode) & set("wax+"), (file, mode)
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path, flags, *args, **kwargs):
        assert not flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT), path
        return real_os_open(path, flags, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builtins, "open", guarded_open)
        patch.setattr(io, "open", guarded_open)
        patch.setattr(os, "open", guarded_os_open)
        yield


def verify_read_only(path: Path):
    folder = sorted(os.listdir(path.parent))
    with no_writes():
        report = verify_package(path)
    assert sorted(os.listdir(path.parent)) == folder
    return report


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """The entries verify inflates."""
    names: list[str] = []
    real = zipfile.ZipFile.open

    def spy(self, name, mode="r", *args, **kwargs):
        names.append(name.filename if isinstance(name, zipfile.ZipInfo) else name)
        return real(self, name, mode, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    return names


# --- what a package holds -------------------------------------------------------------------------
def test_the_package_holds_exactly_the_promised_files(package):
    files = contents(package)
    assert sorted(files) == sorted([*REPORTS, DATA_NAME, SCHEMA_NAME, MANIFEST_NAME])
    manifest = json.loads(files[MANIFEST_NAME])
    assert [f["path"] for f in manifest["files"]] == [*REPORTS, DATA_NAME, SCHEMA_NAME]
    for entry in manifest["files"]:
        data = files[entry["path"]]
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert files["reports/党员花名册.pdf"] == (package.parent.parent / "花名册.pdf").read_bytes()
    assert {k: v for k, v in manifest.items() if k != "files"} == {
        "format": "dangjian-report-package",
        "format_version": 1,
        "data_schema_version": 1,
        "app": {"name": "dangjian_desktop", "version": __version__},
        "branch": {"name": "中燃油运船舶第一党支部", "code": "CY-001"},
        "period": {"label": "2026", "start": "2026-01-01", "end": "2026-12-31"},
        "created_at": "2027-01-08T09:30:00+08:00",
        "full_id_numbers": False,
        "full_phone_numbers": False,
    }


def test_the_json_copy_validates_against_the_schema_in_the_package(package):
    schema = read_json(package, SCHEMA_NAME)
    assert schema == DATA_SCHEMA
    data = read_json(package, DATA_NAME)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert set(data["sections"]) == {
        "members", "meetings", "point_entries", "inspections", "statistics"
    }  # fmt: skip
    assert data["sections"]["members"]["rows"][0]["id_number"] == "110105********123X"
    assert data["sections"]["statistics"]["total"] == 2


def test_the_manifest_verifies(package):
    report = verify_read_only(package)
    assert report.ok and report.problems == ()
    assert report.checked == (*REPORTS, DATA_NAME, SCHEMA_NAME)
    assert report.manifest.branch_name == "中燃油运船舶第一党支部"
    assert report.manifest.period.label == "2026" and report.manifest.full_id_numbers is False


def test_full_id_numbers_only_when_ticked_and_the_manifest_says_so(tmp_path):
    target = tmp_path / "full.zip"
    fields = package_data.fields(full_id_numbers=True)
    write_package(target, {}, package_data.sections(full_ids=True), fields)
    assert read_json(target, MANIFEST_NAME)["full_id_numbers"] is True
    rows = read_json(target, DATA_NAME)["sections"]["members"]["rows"]
    assert rows[0]["id_number"] == package_data.FULL_ID
    assert verify_package(target).ok


def test_a_year_of_members_only_is_a_package_too(tmp_path):
    target = tmp_path / "minimal.zip"
    write_package(target, {}, {"members": []}, package_data.fields())
    assert sorted(contents(target)) == [DATA_NAME, SCHEMA_NAME, MANIFEST_NAME]
    assert verify_package(target).ok


# --- changes found ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", [*REPORTS, DATA_NAME, SCHEMA_NAME])
def test_a_single_flipped_byte_in_any_file_is_detected(package, tmp_path, name):
    files = contents(package)
    data = bytearray(files[name])
    data[len(data) // 2] ^= 0x01
    changed = repack(package, tmp_path / "changed.zip", {**files, name: bytes(data)})
    report = verify_package(changed)
    assert not report.ok
    assert report.altered == (name,) and report.codes == ("altered",)


def _data_offsets(path: Path) -> dict[str, int]:
    """Where each entry's stored bytes lie in the .zip (after its local header)."""
    offsets = {}
    raw = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            start = info.header_offset
            name_len, extra_len = struct.unpack("<HH", raw[start + 26 : start + 30])
            offsets[info.filename] = start + 30 + name_len + extra_len + info.compress_size // 2
    return offsets


@pytest.mark.parametrize("name", [*REPORTS, DATA_NAME, SCHEMA_NAME, MANIFEST_NAME])
def test_a_flipped_byte_in_the_zip_itself_is_detected(package, tmp_path, name):
    raw = bytearray(package.read_bytes())
    raw[_data_offsets(package)[name]] ^= 0x01
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(raw))
    report = verify_package(damaged)
    assert not report.ok
    assert name in {p.path for p in report.problems}
    assert set(report.codes) <= {"damaged", "altered"}


def test_a_missing_and_an_extra_file_are_named(package, tmp_path):
    files = contents(package)
    del files["reports/三会一课台账.pdf"]
    files["reports/补充材料.docx"] = b"added later"
    report = verify_package(repack(package, tmp_path / "changed.zip", files))
    assert report.missing == ("reports/三会一课台账.pdf",)
    assert report.extra == ("reports/补充材料.docx",)
    assert not report.ok and len(report.problems) == 2
    assert [messages.verify_problem_text(p) for p in report.problems] == [
        "压缩包中的“reports/补充材料.docx”不在清单中，是生成之后加进去的。",
        "清单中列出的“reports/三会一课台账.pdf”不在压缩包中。",
    ]


def test_a_changed_file_whose_manifest_entry_was_recomputed_still_has_to_fit(package, tmp_path):
    """A checksum finds damage, not forgery; what the data says is still checked."""
    files = contents(package)
    data = json.loads(files[DATA_NAME])
    data["sections"]["members"]["rows"][0]["id_number"] = package_data.FULL_ID
    data["branch"]["name"] = "另一个支部"
    files[DATA_NAME] = json.dumps(data, ensure_ascii=False).encode()
    files[SCHEMA_NAME] = files[SCHEMA_NAME].replace(b'"maxLength": 18', b'"maxLength": 99')
    report = verify_package(
        repack(package, tmp_path / "forged.zip", files, rehash=(DATA_NAME, SCHEMA_NAME))
    )
    assert sorted(report.codes) == ["data_disagrees", "schema_altered", "unmasked_ids"]
    assert dict(report.problems[0].params) == {"pointer": "/sections/members/rows/0/id_number"}


@pytest.mark.parametrize(
    ("edit", "code"),
    [
        (lambda d: d.update(schema_version=2), "schema_mismatch"),
        (lambda d: d["sections"]["members"]["rows"][0].update(sex="男"), "data_invalid"),
        (lambda d: d.update(format="other"), "data_invalid"),
    ],
)
def test_a_data_copy_that_does_not_fit_its_schema(package, tmp_path, edit, code):
    files = contents(package)
    data = json.loads(files[DATA_NAME])
    edit(data)
    files[DATA_NAME] = json.dumps(data).encode()
    report = verify_package(repack(package, tmp_path / "x.zip", files, rehash=(DATA_NAME,)))
    assert report.codes == (code,)
    check_worded(report)


def test_a_data_copy_of_a_newer_schema_version(package, tmp_path):
    files = contents(package)
    manifest = json.loads(files[MANIFEST_NAME])
    manifest["data_schema_version"] = 2
    report = verify_package(
        repack(package, tmp_path / "x.zip", files, manifest=json.dumps(manifest).encode())
    )
    assert report.codes == ("too_new",)
    assert "由更新版本的党建台账生成" in messages.verify_problem_text(report.problems[0])


# --- hostile packages ---------------------------------------------------------------------------
def check_worded(report) -> None:
    for p in report.problems:
        text = messages.verify_problem_text(p)
        assert text and "{" not in text and "…" not in text and p.code not in text, text


def append(path: Path, name: str, data: bytes, compress=zipfile.ZIP_DEFLATED) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns of a duplicate name
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compress)


@pytest.mark.parametrize(
    "name", ["../evil.txt", "/etc/cron.d/evil", "C:/Windows/evil.dll", "C:evil", "..\\evil.txt",
             "reports/../../evil.txt", "reports\\evil.txt"],
)  # fmt: skip
def test_a_traversal_name_is_refused_without_reading_or_writing(package, name, opened, tmp_path):
    append(package, name, b"evil")
    opened.clear()
    report = verify_read_only(package)
    assert report.codes == ("unsafe_name",) and report.problems[0].path == name
    assert name not in opened
    assert not (tmp_path / "evil.txt").exists()
    check_worded(report)


def _with_listed_bomb(package: Path, tmp_path: Path, size: int) -> Path:
    """A listed entry of `size` zeros (the manifest's sha256 is right for it)."""
    files = contents(package)
    files["reports/bomb.pdf"] = bytes(size)
    document = json.loads(files[MANIFEST_NAME])
    document["files"].append(
        {
            "path": "reports/bomb.pdf",
            "size": size,
            "sha256": hashlib.sha256(bytes(size)).hexdigest(),
        }
    )
    return repack(package, tmp_path / "bomb.zip", files, manifest=json.dumps(document).encode())


def test_a_zip_bomb_is_refused_without_inflating_it(package, tmp_path, opened):
    bomb = _with_listed_bomb(package, tmp_path, 50 * 1024 * 1024)  # 50 MB of zeros, ~50 KB
    opened.clear()
    report = verify_read_only(bomb)
    assert report.codes == ("zip_bomb",) and report.problems[0].path == "reports/bomb.pdf"
    assert "reports/bomb.pdf" not in opened
    assert dict(report.problems[0].params)["ratio"] > 200
    check_worded(report)


def test_an_unlisted_bomb_is_extra_and_never_read(package, opened):
    append(package, "reports/bomb.pdf", bytes(20 * 1024 * 1024))
    opened.clear()
    report = verify_read_only(package)
    assert report.codes == ("zip_bomb", "extra")
    assert "reports/bomb.pdf" not in opened


def test_an_entry_larger_than_any_report_is_refused(package, tmp_path, monkeypatch):
    sizes = {name: len(data) for name, data in contents(package).items()}
    limit = sizes.pop(MANIFEST_NAME) + 1  # every other file of the package is larger
    assert min(sizes.values()) > limit
    monkeypatch.setattr(rp, "MAX_ENTRY_BYTES", limit)
    report = verify_read_only(package)
    assert set(report.codes) == {"entry_too_large"}
    assert set(report.paths("entry_too_large")) == {*REPORTS, DATA_NAME, SCHEMA_NAME}


def test_an_entry_that_lies_about_its_size_is_read_no_further(package, tmp_path):
    """The central directory says 100 bytes: zipfile stops there, the CRC fails."""
    raw = bytearray(package.read_bytes())
    with zipfile.ZipFile(package) as archive:
        assert archive.getinfo(DATA_NAME).file_size > 100
    start = raw.find(b"PK\x01\x02")
    while True:  # the central directory record of the data file
        name_len = struct.unpack("<H", raw[start + 28 : start + 30])[0]
        if raw[start + 46 : start + 46 + name_len].decode() == DATA_NAME:
            break
        start = raw.find(b"PK\x01\x02", start + 4)
    raw[start + 24 : start + 28] = struct.pack("<L", 100)
    lying = tmp_path / "lying.zip"
    lying.write_bytes(bytes(raw))
    report = verify_read_only(lying)
    assert report.codes == ("damaged",) and report.problems[0].path == DATA_NAME


@pytest.mark.parametrize("second", ["reports/党员花名册.pdf", "REPORTS/党员花名册.PDF"])
def test_duplicate_names_are_refused(package, second):
    append(package, second, b"another")
    report = verify_read_only(package)
    assert set(report.codes) == {"duplicate_name"}
    assert {p.path for p in report.problems} == {"reports/党员花名册.pdf", second}


def test_a_duplicated_manifest_is_not_trusted(package):
    append(package, MANIFEST_NAME, b"{}")
    report = verify_read_only(package)
    assert report.manifest is None and report.codes == ("duplicate_name",)


@pytest.mark.parametrize(
    ("manifest", "code"),
    [
        (b"{not json", "manifest_not_json"),
        (b"[" * 50_000 + b"]" * 50_000, "manifest_not_json"),
        (b'{"files": "' + b"x" * (2 * 1024 * 1024) + b'"}', "manifest_too_large"),
        (b'{"format": "dangjian-member-transfer", "version": 1}', "not_package"),
        (b'{"format": "dangjian-report-package", "format_version": 2}', "too_new"),
        (b'{"format": "dangjian-report-package", "format_version": 1}', "manifest_invalid"),
    ],
)
def test_a_bad_manifest_stops_verify_with_a_clear_message(package, tmp_path, manifest, code):
    bad = repack(package, tmp_path / "bad.zip", contents(package), manifest=manifest)
    report = verify_read_only(bad)
    assert report.manifest is None and report.codes == (code,)
    check_worded(report)
    if code == "too_new":
        assert "由更新版本的党建台账生成" in messages.verify_problem_text(report.problems[0])


def test_no_manifest(package, tmp_path):
    files = contents(package)
    del files[MANIFEST_NAME]
    with zipfile.ZipFile(tmp_path / "none.zip", "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    assert verify_read_only(tmp_path / "none.zip").codes == ("no_manifest",)


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", "not_zip"), (b"PK\x03\x04" + b"\x00" * 100, "not_zip"), (b"%PDF-1.4", "not_zip")],
)
def test_not_a_zip(tmp_path, content, code):
    path = tmp_path / "x.zip"
    path.write_bytes(content)
    assert verify_read_only(path).codes == (code,)


def test_a_missing_package_is_unreadable(tmp_path):
    report = verify_package(tmp_path / "nowhere.zip")
    assert report.codes == ("unreadable",) and not report.ok
    check_worded(report)


def test_too_many_entries_are_refused_before_zipfile_lists_them(tmp_path, monkeypatch):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(1001):
            archive.writestr(f"f{i}.txt", b"")
    monkeypatch.setattr(zipfile.ZipFile, "infolist", lambda self: pytest.fail("listed"))
    assert verify_read_only(path).codes == ("too_many_entries",)


# --- writing: atomic, and refusing bad input before writing ---------------------------------------
def _left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_cancel_leaves_no_partial_package_and_the_old_one_intact(package, tmp_path):
    old = package.read_bytes()
    calls = []

    def cancel_half_way(done, total):
        calls.append(done)
        return done < total // 2

    with pytest.raises(Cancelled):
        write_package(
            package, package_data.report_files(tmp_path), package_data.sections(),
            package_data.fields(), progress=cancel_half_way,
        )  # fmt: skip
    assert package.read_bytes() == old
    assert _left(package.parent) == [package.name]  # no temporary file
    assert len(calls) >= 2


def test_a_disk_error_mid_write_leaves_nothing(tmp_path, monkeypatch):
    real = rp._chunks

    def failing(source):
        yield from real(source)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(rp, "_chunks", failing)
    target = tmp_path / "out" / "p.zip"
    target.parent.mkdir()
    with pytest.raises(OSError) as caught:
        write_package(
            target, {"reports/a.pdf": b"x"}, package_data.sections(), package_data.fields()
        )
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(target)
    assert _left(target.parent) == []
    assert not any(atomic.is_app_temp(p) for p in target.parent.iterdir())


@pytest.mark.parametrize(
    ("files", "code"),
    [
        ({"../x.pdf": b"x"}, "bad_name"),
        ({"C:\\x.pdf": b"x"}, "bad_name"),
        ({"manifest.json": b"x"}, "reserved_name"),
        ({"DATA/report_data.json": b"x"}, "reserved_name"),
        ({"reports/a.pdf": b"x", "reports/A.PDF": b"y"}, "duplicate_name"),
    ],
)
def test_bad_names_are_refused_before_writing(tmp_path, files, code):
    target = tmp_path / "p.zip"
    with pytest.raises(ReportPackageError) as caught:
        write_package(target, files, package_data.sections(), package_data.fields())
    assert caught.value.code == code
    assert _left(tmp_path) == []
    assert messages.error_text(caught.value)


def test_data_that_breaks_the_schema_or_its_masking_is_refused_before_writing(tmp_path):
    target = tmp_path / "p.zip"
    broken = package_data.sections()
    broken["members"][0]["sex"] = "男"
    with pytest.raises(ReportPackageError) as caught:
        write_package(target, {}, broken, package_data.fields())
    assert caught.value.code == "invalid_data"
    assert caught.value.params == {"pointer": "/sections/members/rows/0/sex"}
    not_json = package_data.sections()
    not_json["point_entries"][0]["points"] = float("nan")  # json.dumps would write NaN
    with pytest.raises(ReportPackageError) as caught:
        write_package(target, {}, not_json, package_data.fields())
    assert caught.value.params == {"pointer": "/sections/point_entries/rows/0/points"}
    unmasked = package_data.sections(full_ids=True)  # full numbers, but not ticked
    with pytest.raises(ReportPackageError) as caught:
        write_package(target, {}, unmasked, package_data.fields())
    assert caught.value.code == "unmasked_ids"
    assert _left(tmp_path) == []


def test_progress_reaches_the_total(tmp_path):
    seen = []
    write_package(
        tmp_path / "p.zip", package_data.report_files(tmp_path), package_data.sections(),
        package_data.fields(), progress=lambda done, total: seen.append((done, total)),
    )  # fmt: skip
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] > 0


def test_every_code_verify_reports_is_declared_and_worded():
    """The verifier builds problems with problem(code, …): each code has its wording."""
    tree = ast.parse(Path(rp.__file__).read_text(encoding="utf-8"))
    codes = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", getattr(node.func, "attr", None))
        in ("problem", "ReportPackageError")
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    assert len(codes) > 15
    assert codes <= set(ERROR_CODES)
    assert set(ERROR_CODES) <= set(messages.REPORT_PACKAGE_ERRORS)


def test_the_worded_report_names_the_package_problem_and_file():
    error = rp.problem("altered", "reports/党员花名册.pdf").error()
    assert messages.error_text(error) == (
        "“reports/党员花名册.pdf”与清单记录的校验值不符：文件已损坏或被改动过。"
    )
