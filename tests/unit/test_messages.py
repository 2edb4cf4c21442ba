"""Every error code the domain and the services can raise has Chinese text that renders
with its parameters: no KeyError, no "{placeholder}" left, no "（code）" fallback
(code review §2, weak points of the error vocabulary; issue 8 A.5).

The codes are found two ways, so a new one cannot slip past: the ERROR_CODES each module
and each AppError class declares, and every literal code at a raise site in domain/,
services/, storage/ and settings.py (an AST scan of FieldError(field, code), CellError(code),
IdNumberError(code) and AppError(code, …) calls)."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from datetime import date
from pathlib import Path

import pytest

import dangjian_desktop
from dangjian_desktop import domain, messages, messages_venues, services, storage
from dangjian_desktop.domain import (
    attachments,
    branch,
    meeting_calendar,
    meeting_rules,
    member_records,
    member_rules,
    point_rules,
    rectification_rules,
    venue_rules,
)
from dangjian_desktop.domain.cell_parsers import CellError
from dangjian_desktop.domain.errors import AppError, FieldError, NotFoundError, ValidationError
from dangjian_desktop.domain.id_number import IdNumberError
from dangjian_desktop.services import (
    branch_service,
    meeting_common,
    member_common,
    transfer_file,
    venue_service,
)
from dangjian_desktop.services.member_common import MemberDeletedError
from dangjian_desktop.services.transfer_file import TransferFileError
from dangjian_desktop.storage.errors import DamagedRecordError, FileTooNewError, StorageError

# One sample for every parameter any code takes; each code is rendered with all of them.
SAMPLES: dict[str, object] = {
    "max": 50,
    "min": 6,
    "min_age": 18,
    "expected": date(1990, 3, 7),
    "suggestion": "330106199003071236",
    "months": 3,
    "max_mb": 5,
    "last": date(2025, 3, 1),
    "member_id": 7,
    "size": 9_000_000,
    "max_statuses": 1000,
    "max_transfers": 1000,
    # meeting_rules
    "date": date(2025, 4, 3),
    "cast": 31,
    "present": 29,
    "written": 4,
    "absent": 3,
    "max_mp": 64,
    "meeting_id": 12,
    # the roster import (its file, mapping, rows and commit)
    "row": 12,
    "rows": 40,
    "name": "机舱党小组",
    "value": "2001.13",
    "column": 4,
    "id_number": "330106199003071236",
    "count": 5,
    "seconds": 60,
    "part": "xl/worksheets/sheet1.xml",
    "ratio": 900,
    "limit": 31_457_280,
    "sheet": "花名册",
    "field": "phone",
    "detail": "技术细节",
    # photos (domain/images.py)
    "size_mb": 60.0,
    "width": 50000,
    "height": 50000,
    "file_name": "IMG_0042.jpg",
    # point_rules and point_service (积分)
    "places": 1,
    "floor": 65,
    "ceiling": 40,
    "base": 120,
    "total": "0.9",
    "cap": "1.5",
    "points": -2,
    "low": 94,
    "high": 95,
    "excellent": 4,
    "graded": 9,
    "rule": "V01",
    "scoring": "年度",
    # the common area
    "kind": "member",
    "record_id": 7,
    # report periods and the 上报材料 package (domain/period.py, domain/report_package.py)
    "text": "2026Q5",
    "path": "reports/党员花名册.xlsx",
    "pointer": "/sections/members/rows/3/join_date",
    "version": 2,
    "supported": 1,
    "listed": 1,
    # the export requests
    "year": 1800,
    "quarter": 5,
    "format": ".xlsx",
}
DESCRIPTIONS = {
    **member_rules.ERROR_CODES,
    **member_records.ERROR_CODES,
    **member_common.ERROR_CODES,
    **branch.ERROR_CODES,
    **meeting_rules.ERROR_CODES,
    **meeting_calendar.ERROR_CODES,
    **attachments.ERROR_CODES,
    **meeting_common.ERROR_CODES,
    **branch_service.ERROR_CODES,
    **venue_rules.ERROR_CODES,
    **rectification_rules.ERROR_CODES,
    **venue_service.ERROR_CODES,
    **point_rules.ERROR_CODES,
}
FIELD_CODES = sorted(DESCRIPTIONS)


def declared_params(description: str) -> list[str]:
    """The parameters an ERROR_CODES description names: "(param max)", "(params min, max)"."""
    found = re.search(r"\(params? ([\w, ]+)\)", description)
    return [p.strip() for p in found.group(1).split(",")] if found else []


def rendered(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


@pytest.mark.parametrize("code", FIELD_CODES)
def test_every_field_error_code_renders_in_chinese(code):
    description = DESCRIPTIONS[code]
    text = messages.field_error_text(FieldError("name", code, tuple(SAMPLES.items())))
    assert text and "{" not in text and "（" + code not in text and "…" not in text
    assert re.search(r"[\u4e00-\u9fff]", text), text
    for param in declared_params(description):
        assert rendered(SAMPLES[param]) in text, (code, param, text)


@pytest.mark.parametrize("code", FIELD_CODES)
def test_a_code_raised_without_its_parameters_still_renders(code):
    """The old renderer raised KeyError('min_age') for FieldError('x', 'too_young')."""
    text = messages.field_error_text(FieldError("name", code))
    assert "{" not in text and "（" + code not in text


@pytest.mark.parametrize("code", sorted(transfer_file.ERROR_CODES))
def test_every_transfer_file_code_renders_in_chinese(code):
    errors = (FieldError("statuses.0.changed_on", "in_future"), FieldError("uid", "bad_uid"))
    exc = TransferFileError(code, member_id=7, errors=errors, params=SAMPLES)
    text = messages.error_text(exc)
    assert text and "{" not in text and "（" + code not in text and "…" not in text
    for param in declared_params(transfer_file.ERROR_CODES[code]):
        assert rendered(SAMPLES[param]) in text, (code, param, text)


def test_a_refused_transfer_file_lists_what_is_wrong_and_where():
    errors = tuple(FieldError(f"statuses.{i}.changed_on", "in_future") for i in range(12))
    text = messages.error_text(TransferFileError("invalid_member", errors=errors))
    lines = text.splitlines()
    assert lines[1] == "党籍状态记录第 1 条的变更日期：日期不能晚于今天"
    assert len(lines) == 1 + messages.LISTED_ERRORS + 1 and lines[-1] == "……另有 2 处"


def test_no_point_code_is_shadowed_by_an_earlier_table():
    """field_error_text looks the tables up in order: a points code already worded for members
    or meetings would be shown with their text."""
    earlier = {**messages.FIELD_ERRORS, **messages.MEMBER_ERRORS, **messages.MEETING_ERRORS}
    assert not set(messages.POINT_ERRORS) & set(earlier)


@pytest.mark.parametrize(
    ("field", "name"),
    [
        ("rules.3.cap", "积分项目第 4 条的封顶分"),
        ("rules.0.name", "积分项目第 1 条的名称"),  # not 姓名
        ("categories.1.code", "积分类别第 2 条的编号"),
        ("star_bands.1.high", "星级档次第 2 条的分数上限"),
        ("evaluation_weights.2", "三评权重第 3 条"),
        ("entries.2.member_id", "积分记录第 3 条的党员"),
        ("entries.0.note", "积分记录第 1 条的备注"),
        ("ceiling", "最高分"),
        ("date", "日期"),  # not 会议日期
        ("period", "计分期间"),
        ("override_reason", "调整原因"),
        ("grades.7", "民主评议等次"),
        ("name", "名称"),  # a rule's or category's
        ("note", "备注"),  # a field 积分 does not name: the shared table
        ("statuses.0.changed_on", "党籍状态记录第 1 条的变更日期"),
    ],
)
def test_point_fields_are_named_in_their_scope(field, name):
    assert messages.field_name(field, "points") == name


def test_outside_the_points_scope_fields_keep_their_names():
    assert messages.field_name("date") == "会议日期"
    assert messages.field_name("rules.0.period") == "会议频次规定第 1 条的周期"


def test_validation_summary_names_history_fields():
    exc = ValidationError([FieldError("transfers.1.to_org", "too_long", (("max", 100),))])
    assert messages.error_text(exc) == "组织关系转接记录第 2 条的转往党组织：不能超过 100 个字"


# --- every code of every area, declared or raised --------------------------------------------
def _modules():
    """Every module of domain/, services/ and storage/ (not the frozen migrations), and the
    settings declarations."""
    found = [importlib.import_module("dangjian_desktop.settings")]
    for package in (domain, services, storage):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if ".migrations" not in info.name:
                found.append(importlib.import_module(info.name))
    return found


MODULES = _modules()


def _subclasses(cls: type) -> list[type]:
    return [cls, *(c for sub in cls.__subclasses__() for c in _subclasses(sub))]


ERROR_CLASSES = [c for c in _subclasses(AppError) if c.__module__.startswith("dangjian_desktop")]
AREA_CODE_TABLES = {id(c.ERROR_CODES) for c in ERROR_CLASSES}
# Module-level ERROR_CODES list FieldError codes, unless they are an error class's own.
DECLARED_FIELD_CODES = sorted(
    {
        code
        for module in MODULES
        if (codes := getattr(module, "ERROR_CODES", None)) is not None
        and id(codes) not in AREA_CODE_TABLES
        for code in codes
    }
)
STORAGE_CLASSES = {c.CODE: c for c in _subclasses(StorageError)}
FIELD_TABLES = {
    **messages.FIELD_ERRORS,
    **messages.MEMBER_ERRORS,
    **messages.MEETING_ERRORS,
    **messages_venues.VENUE_ERRORS,
    **messages.POINT_ERRORS,
}
SAMPLE_FIELD_ERRORS = (FieldError("phone", "bad_phone"), FieldError("name", "required"))


def sample_error(cls: type[AppError], code: str) -> AppError:
    """`code` of `cls` as its raise sites build it, with every sample parameter."""
    if issubclass(cls, StorageError):
        cls = STORAGE_CLASSES[code]
        if cls is FileTooNewError:
            return cls("/data/dangjian.sqlite", "0099")
        if cls is DamagedRecordError:
            error = cls("member", 7, "phone")
            error.record_label = "张三"
            return error
        return cls("/data/dangjian.sqlite", "disk I/O error")
    if cls is ValidationError:
        return ValidationError(SAMPLE_FIELD_ERRORS)
    if cls is NotFoundError:
        return NotFoundError("member", 7) if code == "not_found" else NotFoundError("member")
    if cls is MemberDeletedError:
        return MemberDeletedError(7)
    # The code-first classes (TransferFileError, RosterImportError and its subclasses …).
    error = cls.__new__(cls)
    AppError.__init__(error, code, SAMPLES, errors=SAMPLE_FIELD_ERRORS)
    return error


# Each (area, code) once, with the first class that declares it.
AREA_CODES = list(
    {(c.area, code): (c, code) for c in reversed(ERROR_CLASSES) for code in c.ERROR_CODES}.values()
)
# The parameters the roster import reshapes: sizes as "8.6 MB", a field by its name.
SHAPED = {
    "roster_import": {"size", "limit", "field"},
    "common": {"kind"},
    "report_package": {"size", "limit", "field"},
}


def check_rendered(text: str, code: str) -> None:
    assert text, code
    assert re.search(r"[\u4e00-\u9fff]", text), (code, text)
    assert "{" not in text and "…" not in text, (code, text)  # every placeholder filled
    assert "（" + code not in text, (code, text)  # not the fallback


@pytest.mark.parametrize(("cls", "code"), AREA_CODES, ids=lambda v: getattr(v, "__name__", v))
def test_every_declared_code_of_every_error_class_renders_in_chinese(cls, code):
    assert code in messages.ERROR_TEXTS[cls.area], (cls.area, code)  # no fallback wording
    error = sample_error(cls, code)
    assert (error.area, error.code) == (cls.area, code)
    text = messages.error_text(error)
    check_rendered(text, code)
    for param in declared_params(cls.ERROR_CODES[code]):
        if param in SAMPLES and param not in SHAPED.get(cls.area, ()):
            assert rendered(SAMPLES[param]) in text, (code, param, text)


def test_every_storage_code_belongs_to_one_class():
    assert sorted(STORAGE_CLASSES) == sorted(StorageError.ERROR_CODES)


@pytest.mark.parametrize("code", DECLARED_FIELD_CODES)
def test_every_declared_field_code_renders_in_chinese(code):
    assert code in FIELD_TABLES, code
    check_rendered(
        messages.field_error_text(FieldError("name", code, tuple(SAMPLES.items()))), code
    )


# Calls that raise a code, and the position of the code among their arguments.
CODE_ARGUMENT = {FieldError: 1, CellError: 0, IdNumberError: 0}


def _code_position(target: object) -> int | None:
    if target in CODE_ARGUMENT:
        return CODE_ARGUMENT[target]
    if isinstance(target, type) and issubclass(target, AppError):
        params = list(inspect.signature(target.__init__).parameters)
        return 0 if params[1:2] == ["code"] else None
    return None


def raised_codes() -> set[tuple[str, str, str]]:
    """(kind, code, where) of every literal code at a raise site; kind is "field" or an
    AppError class's area."""
    found = set()
    for module in MODULES:
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        names = vars(module)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            target = names.get(name)
            position = _code_position(target)
            if position is None:
                continue
            arg = next((k.value for k in node.keywords if k.arg == "code"), None)
            if arg is None and len(node.args) > position:
                arg = node.args[position]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                code = arg.value
            elif isinstance(arg, ast.Name) and isinstance(names.get(arg.id), str):
                code = names[arg.id]
            else:
                continue  # a code passed on (FieldError(field, exc.code)): raised elsewhere
            kind = (
                target.area
                if isinstance(target, type) and issubclass(target, AppError)
                else "field"
            )
            found.add((kind, code, f"{module.__name__}:{node.lineno}"))
    return found


RAISED = sorted(raised_codes())


def test_the_scan_finds_the_raise_sites():
    """The control for the test below: the scan sees codes of each kind."""
    codes = {(kind, code) for kind, code, _ in RAISED}
    assert ("field", "votes_exceed_present") in codes  # FieldError with a literal
    assert ("field", "use_transfer_out") in codes  # FieldError with a module constant
    assert ("field", "id_precision_lost") in codes  # CellError
    assert ("field", "bad_checksum") in codes  # IdNumberError with a constant
    assert ("roster_import", "too_slow") in codes and ("transfer_file", "corrupt") in codes
    assert len(codes) > 80


@pytest.mark.parametrize(("kind", "code", "where"), RAISED)
def test_every_raised_code_has_chinese_text(kind, code, where):
    if kind == "field":
        assert code in FIELD_TABLES, where
        text = messages.field_error_text(FieldError("name", code, tuple(SAMPLES.items())))
    else:
        assert code in messages.ERROR_TEXTS[kind], where
        cls = next(c for c in ERROR_CLASSES if c.area == kind and _code_position(c) == 0)
        text = messages.error_text(sample_error(cls, code))
    check_rendered(text, code)


def test_an_unworded_code_is_caught():
    """The checks above can fail: a code without wording falls back to the code itself."""
    text = messages.field_error_text(FieldError("name", "no_such_code"))
    with pytest.raises(AssertionError):
        check_rendered(text, "no_such_code")
    error = TransferFileError("no_such_code")
    with pytest.raises(AssertionError):
        check_rendered(messages.error_text(error), "no_such_code")


def test_not_found_is_worded():
    """It used to fall through to the 内部错误 dialog."""
    assert messages.error_text(NotFoundError("member", 7)) == (
        "这条党员记录（编号 7）已不存在，可能已被删除，或数据已从备份恢复。"
        "请关闭窗口重新打开后再试。"
    )
    assert messages.error_text(NotFoundError("member 7")) == messages.error_text(
        NotFoundError("member", 7)
    )


def test_error_text_looks_up_area_and_code_for_any_app_error():
    """A new area's error needs a table, not a branch in error_text."""

    class MeetingLocked(AppError):
        area = "meetings_test"

    messages.ERROR_TEXTS["meetings_test"] = {"archived": "会议已归档（{date}），不能修改"}
    try:
        text = messages.error_text(MeetingLocked("archived", {"date": date(2025, 4, 3)}))
    finally:
        del messages.ERROR_TEXTS["meetings_test"]
    assert text == "会议已归档（2025-04-03），不能修改"


def test_a_log_line_of_an_error_holds_no_personal_value():
    """str(exc) goes to the log: codes and numbers, not the ID number a row held."""
    from dangjian_desktop.services.roster_import import CommitRefused

    error = CommitRefused("duplicate_id", id_number="330106199003071236")
    assert "330106199003071236" not in str(error) and "duplicate_id" in str(error)
    assert "330106199003071236" in messages.error_text(error)  # the user is told which


def test_every_module_scanned_is_ours():
    assert all(m.__name__.startswith(dangjian_desktop.__name__) for m in MODULES)
