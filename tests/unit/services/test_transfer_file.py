"""The transfer file format on its own (no data file): bounded before it is parsed, every
field inside a checksum, unknown fields and wrong types refused (issue 7 item 9)."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest

from dangjian_desktop.domain.people import PartyStatus, StatusChange
from dangjian_desktop.services import transfer_file
from dangjian_desktop.services.transfer_file import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_STATUSES,
    TransferFileError,
    TransferPackage,
)
from tests.unit.services.member_data import member, reseal

UID = "5f1c1f8e-3a4b-4c55-9d6e-7f8091a2b3c4"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A real file, as the exporter writes it."""
    target = tmp_path / "a.djzj"
    package = TransferPackage(
        member=member(uid=UID),
        statuses=(StatusChange(PartyStatus.NORMAL, date(2010, 7, 1)),),
        from_branch="远洋一号船舶党支部",
    )
    transfer_file.write(target, package)
    return target


def load(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def save(path: Path, document: dict, *, sealed: bool) -> None:
    if sealed:
        reseal(document)
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")


def refused(path: Path) -> str:
    with pytest.raises(TransferFileError) as caught:
        transfer_file.read(path)
    return caught.value.code


def test_round_trip_keeps_every_field(path):
    package = transfer_file.read(path)
    assert package.member == member(uid=UID)
    assert package.from_branch == "远洋一号船舶党支部" and package.exported_at
    document = load(path)
    assert {"sha256", "sha256_all"} <= set(document)


def test_the_tests_reseal_exactly_as_the_exporter_seals(path):
    written = load(path)
    assert reseal(load(path)) == written
    assert transfer_file.seal(load(path)) == written


# --- every field inside a checksum -----------------------------------------------------------
@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(from_branch="别的支部"),
        lambda d: d.update(exported_at="2020-01-01T00:00:00+00:00"),
        lambda d: d["payload"]["member"].update(name="李四"),
        lambda d: d.update(sha256_all="0" * 64),
    ],
)
def test_a_change_to_any_field_without_a_new_checksum_is_damage(path, change):
    document = load(path)
    change(document)
    save(path, document, sealed=False)
    assert refused(path) == "corrupt"


def test_a_file_from_before_the_whole_file_checksum_is_still_read(path):
    """Ships update at different times: a file of an older version has only the payload's."""
    document = load(path)
    del document["sha256_all"]
    save(path, document, sealed=False)
    assert transfer_file.read(path).from_branch == "远洋一号船舶党支部"


def test_a_file_starting_with_a_byte_order_mark_is_read(path):
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert transfer_file.read(path).member.uid == UID


# --- bounded before parsing ------------------------------------------------------------------
def test_100000_nested_brackets_are_refused_without_recursion(path):
    """Issue 7 item 9: the parser recursed once per bracket and died (RecursionError)."""
    document = load(path)
    document["payload"]["member"]["note"] = "@@"
    text = json.dumps(reseal(document), ensure_ascii=False)
    path.write_text(text.replace('"@@"', "[" * 100_000 + "]" * 100_000), "utf-8")
    assert refused(path) in ("too_complex", "too_many_records")


def test_nesting_deeper_than_the_format_is_refused(path):
    document = load(path)
    deep: object = "x"
    for _ in range(MAX_DEPTH):
        deep = [deep]
    document["payload"]["member"]["note"] = deep
    save(path, document, sealed=True)
    assert refused(path) == "too_complex"


def test_more_values_than_a_transfer_file_has_are_refused(path):
    document = load(path)
    document["payload"]["member"]["note"] = list(range(200_000))
    save(path, document, sealed=True)
    assert refused(path) == "too_complex"


@pytest.mark.parametrize("rows", [MAX_STATUSES + 1, 100_000])
def test_more_status_rows_than_one_member_has_are_refused(path, rows):
    document = load(path)
    document["payload"]["statuses"] *= rows
    save(path, document, sealed=True)
    with pytest.raises(TransferFileError) as caught:
        transfer_file.read(path)
    assert caught.value.code == "too_many_records"
    assert caught.value.params == {"max_statuses": MAX_STATUSES, "max_transfers": 1000}


def test_a_file_bigger_than_any_transfer_file_is_refused_unread(path):
    path.write_bytes(b" " * (MAX_BYTES + 1))
    with pytest.raises(TransferFileError) as caught:
        transfer_file.read(path)
    assert caught.value.code == "too_large"
    assert caught.value.params == {"size": MAX_BYTES + 1, "max": MAX_BYTES}


@pytest.mark.parametrize(
    "text",
    [
        '"' + '\\"' * (MAX_BYTES // 2 - 1),  # an unterminated string of escaped quotes
        '["' * (MAX_BYTES // 2),
        '""' * (MAX_BYTES // 2),
        "[" * MAX_BYTES,
    ],
    ids=["escaped-quotes", "unterminated-strings", "empty-strings", "open-brackets"],
)
def test_pathological_text_is_refused_quickly(tmp_path, text):
    """The pre-parse scan is linear: no input makes its string search start over."""
    target = tmp_path / "x.djzj"
    target.write_text(text, "utf-8")
    started = time.perf_counter()
    with pytest.raises(TransferFileError):
        transfer_file.read(target)
    assert time.perf_counter() - started < 5


# --- fields and types -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["payload"]["member"].update(salary=1),
        lambda d: d["payload"]["member"].update(id=7),  # local ids never travel
        lambda d: d["payload"].update(extra=[]),
        lambda d: d.update(signature="…"),
        lambda d: d["payload"]["statuses"][0].update(changed_on=20100701),
        lambda d: d["payload"]["statuses"][0].update(status="king"),
        lambda d: d["payload"].update(statuses={"0": {}}),
        lambda d: d["payload"].update(photo={"mime": "image/jpeg", "data": "not base64!"}),
        lambda d: d["payload"].update(photo={"mime": "image/jpeg", "data": "", "x": 1}),
        lambda d: d.update(exported_at="x" * 41),
        lambda d: d.update(from_branch=None),
        lambda d: d["payload"]["member"].update(name=""),
    ],
)
def test_unknown_fields_and_wrong_types_are_corrupt_even_with_a_good_checksum(path, change):
    document = load(path)
    change(document)
    save(path, document, sealed=True)
    assert refused(path) == "corrupt"


def test_every_error_code_is_described():
    codes = set(transfer_file.ERROR_CODES)
    assert {"too_complex", "too_many_records", "invalid_member", "corrupt"} <= codes
    assert all(transfer_file.ERROR_CODES.values())
