"""The 上报材料 format: entry names, the manifest, the data copy and its JSON Schema, and
the built-in schema check held to the `jsonschema` package's verdict (issue 11 items 4–5)."""

from __future__ import annotations

import copy
import json
import random

import jsonschema
import pytest

from dangjian_desktop.domain.json_check import (
    SUPPORTED_KEYWORDS,
    JsonRefused,
    loads_bounded,
    schema_errors,
    schema_keywords,
)
from dangjian_desktop.domain.report_data import (
    DATA_SCHEMA,
    SCHEMA_BYTES,
    data_document,
    masking_errors,
)
from dangjian_desktop.domain.report_package import (
    FORMAT_VERSION,
    MANIFEST_SCHEMA,
    FileEntry,
    ReportPackageError,
    manifest_document,
    name_problem,
    read_manifest,
)
from tests import package_data

VALIDATOR = jsonschema.Draft202012Validator


def document(full_ids: bool = False) -> dict:
    f = package_data.fields(full_id_numbers=full_ids)
    return data_document(
        f.branch_name, f.branch_code, f.period, package_data.sections(full_ids), full_ids=full_ids
    )


def manifest(**changes) -> dict:
    files = [FileEntry("reports/党员花名册.pdf", 10, "0" * 64)]
    doc = manifest_document(package_data.fields(), package_data.CREATED, files)
    doc.update(changes)
    return doc


# --- names inside the zip ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    [
        "../x.pdf", "reports/../../x.pdf", "/etc/passwd", "C:/Windows/x.pdf", "C:x.pdf",
        "reports\\..\\x.pdf", "reports//x.pdf", "reports/./x.pdf", "reports/", "", "CON",
        "reports/aux.pdf", "x.pdf.", "x.pdf ", " x.pdf", "a\x00b", "a\nb", 'a"b', "a*b",
        "x" * 241, "reports/e\u0301.pdf",  # not NFC: one name on macOS, another elsewhere
    ],
)  # fmt: skip
def test_unsafe_names(name):
    assert name_problem(name) == "unsafe_name"


@pytest.mark.parametrize(
    "name",
    ["manifest.json", "reports/党员花名册.xlsx", "reports/2026年 第三季度/台账.pdf", "a..b.pdf"],
)
def test_plain_names(name):
    assert name_problem(name) is None


# --- the manifest --------------------------------------------------------------------------------
def test_manifest_reads_back():
    read = read_manifest(manifest())
    assert (read.branch_name, read.branch_code, read.period.label) == (
        "中燃油运船舶第一党支部",
        "CY-001",
        "2026",
    )
    assert read.full_id_numbers is False and read.app_version
    assert read.files == (FileEntry("reports/党员花名册.pdf", 10, "0" * 64),)
    VALIDATOR(MANIFEST_SCHEMA).validate(manifest())


def test_a_newer_format_is_refused_before_anything_else_is_read():
    """A newer layout may rename every field: "too_new", not "manifest_invalid"."""
    newer = {"format": "dangjian-report-package", "format_version": FORMAT_VERSION + 1, "x": []}
    with pytest.raises(ReportPackageError) as caught:
        read_manifest(newer)
    assert caught.value.code == "too_new"
    assert caught.value.params == {"version": 2, "supported": 1}


@pytest.mark.parametrize(
    ("changes", "code", "pointer"),
    [
        ({"format": "something-else"}, "not_package", None),
        ({"format_version": "1"}, "manifest_invalid", "/format_version"),
        ({"full_id_numbers": "no"}, "manifest_invalid", "/full_id_numbers"),
        ({"files": [{"path": "../x", "size": 1, "sha256": "0" * 64}]}, "manifest_invalid",
         "/files/0/path"),
        ({"files": [{"path": "manifest.json", "size": 1, "sha256": "0" * 64}]},
         "manifest_invalid", "/files/0/path"),
        ({"files": [{"path": "a.pdf", "size": 1, "sha256": "0" * 64},
                    {"path": "A.PDF", "size": 1, "sha256": "0" * 64}]},
         "manifest_invalid", "/files/1/path"),
        ({"files": [{"path": "a.pdf", "size": -1, "sha256": "0" * 64}]}, "manifest_invalid",
         "/files/0/size"),
        ({"files": [{"path": "a.pdf", "size": 1, "sha256": "XYZ"}]}, "manifest_invalid",
         "/files/0/sha256"),
        ({"period": {"label": "2026Q5", "start": "2026-01-01", "end": "2026-12-31"}},
         "manifest_invalid", "/period/label"),
        ({"period": {"label": "2026Q1", "start": "2026-01-01", "end": "2026-12-31"}},
         "manifest_invalid", "/period"),
        ({"created_at": "yesterday"}, "manifest_invalid", "/created_at"),
        ({"surprise": 1}, "manifest_invalid", "/surprise"),
    ],
)  # fmt: skip
def test_a_broken_manifest_says_where(changes, code, pointer):
    with pytest.raises(ReportPackageError) as caught:
        read_manifest(manifest(**changes))
    assert caught.value.code == code
    assert caught.value.params.get("pointer") == pointer


# --- the data copy and its schema ------------------------------------------------------------
def test_the_schemas_are_draft_2020_12_within_the_supported_keywords():
    for schema in (DATA_SCHEMA, MANIFEST_SCHEMA):
        VALIDATOR.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema_keywords(schema) <= SUPPORTED_KEYWORDS
        assert {"type", "enum", "$ref", "additionalProperties"} <= schema_keywords(DATA_SCHEMA)


def test_an_unsupported_keyword_is_an_error_not_ignored():
    with pytest.raises(KeyError):
        schema_errors("x", {"type": "string", "format": "email"})


@pytest.mark.parametrize("full_ids", [False, True])
def test_the_data_copy_validates_against_its_schema(full_ids):
    doc = document(full_ids)
    VALIDATOR(DATA_SCHEMA).validate(doc)
    assert schema_errors(doc, DATA_SCHEMA) == []
    assert json.loads(SCHEMA_BYTES) == DATA_SCHEMA
    ids = [r["id_number"] for r in doc["sections"]["members"]["rows"]]
    if full_ids:
        assert ids[0] == package_data.FULL_ID
    else:
        assert ids[0] == "110105********123X" and all("*" in i for i in ids)


def test_a_section_not_given_is_absent_and_members_are_required():
    doc = document()
    del doc["sections"]["point_entries"]
    assert schema_errors(doc, DATA_SCHEMA) == []
    del doc["sections"]["members"]
    assert schema_errors(doc, DATA_SCHEMA) == [("/sections/members", "required")]
    assert not VALIDATOR(DATA_SCHEMA).is_valid(doc)


BROKEN = [
    ("/schema_version", 2),
    ("/sections/members/version", 2),
    ("/sections/members/rows/0/sex", "男"),
    ("/sections/members/rows/0/birth_date", "1990.03.07"),
    ("/sections/members/rows/0/join_date", 20150630),
    ("/sections/members/rows/0/is_lost", 0),
    ("/sections/members/rows/0/probation_extension_months", 13),
    ("/sections/members/rows/0/probation_extension_months", True),
    ("/sections/members/rows/0/status", "left"),
    ("/sections/members/rows/0/name", "名" * 101),
    ("/sections/members/rows/0/nickname", "老王"),
    ("/sections/meetings/rows/0/present", -1),
    ("/sections/meetings/rows/0/start_time", "9点"),
    ("/sections/meetings/rows/0/attendance/1/presence", "away"),
    ("/sections/point_entries/rows/1/points", "1.5"),
    ("/sections/point_entries/rows/0/source", "robot"),
    ("/sections/inspections/rows/0/items/1/result", "不合格"),
    ("/sections/inspections/rows/0/score", -5),
    ("/sections/statistics/breakdowns/sex/female", 1.5),
    ("/sections/statistics/year_counts/developed", None),
    ("/full_id_numbers", None),
    ("/period/start", None),
    ("/sections/point_entries/rows/0/points", float("nan")),  # not JSON: json.dumps would
    ("/sections/statistics/total", float("inf")),  # write NaN/Infinity
]


def _set(doc: dict, pointer: str, value: object) -> None:
    *parents, last = pointer.strip("/").split("/")
    node = doc
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


@pytest.mark.parametrize(("pointer", "value"), BROKEN)
def test_the_built_in_check_agrees_with_jsonschema_on_broken_documents(pointer, value):
    doc = document()
    _set(doc, pointer, value)
    if value == value and value not in (float("inf"),):  # jsonschema takes NaN for a number
        assert not VALIDATOR(DATA_SCHEMA).is_valid(doc)
    errors = schema_errors(doc, DATA_SCHEMA)
    assert errors and errors[0][0] == pointer


def _leaves(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _leaves(v, (*path, i))
    else:
        yield path


def test_the_built_in_check_agrees_with_jsonschema_on_random_damage():
    """Every leaf of a real document replaced by values of other types: the same verdict."""
    rng = random.Random(11)
    base = document()
    leaves = list(_leaves(base))
    replacements = [None, True, 0, -1, 1.5, "", "x" * 30, "2026-13-45", [], {}, "男", 10**7]
    disagreements = []
    for _ in range(400):
        doc = copy.deepcopy(base)
        path = rng.choice(leaves)
        _set(doc, "/" + "/".join(map(str, path)), rng.choice(replacements))
        theirs = VALIDATOR(DATA_SCHEMA).is_valid(doc)
        ours = not schema_errors(doc, DATA_SCHEMA, limit=1)
        if theirs != ours:
            disagreements.append(path)
    assert disagreements == []


def test_masking_is_held_to_the_documents_word():
    doc = document()
    assert masking_errors(doc) == []
    doc["sections"]["members"]["rows"][1]["id_number"] = "330106200005051221"
    doc["sections"]["members"]["rows"][0]["phone"] = package_data.FULL_PHONE
    assert masking_errors(doc) == [
        "/sections/members/rows/0/phone",
        "/sections/members/rows/1/id_number",
    ]
    doc["full_id_numbers"] = doc["full_phone_numbers"] = True
    assert masking_errors(doc) == []


# --- bounded JSON ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "too_deep"),
        (b'{"a": "' + b"[" * 1000 + b'"}', None),  # brackets inside a string are not nesting
        (b"x" * 2000, "too_large"),
        (b"{not json", "not_json"),
        (b"\xff\xfe", "not_json"),
        (b'{"a": NaN}', "not_json"),
        (b'{"a": 1e999}', None),  # a float that overflows is still JSON (inf); schemas bound it
    ],
)
def test_json_is_bounded_before_it_is_parsed(raw, reason):
    if reason is None:
        loads_bounded(raw, 1024 * 1024, 16)
        return
    with pytest.raises(JsonRefused) as caught:
        loads_bounded(raw, 1000 if reason == "too_large" else 1024 * 1024, 16)
    assert caught.value.reason == reason
