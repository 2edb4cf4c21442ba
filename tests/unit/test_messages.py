"""Every error code the domain and the services can raise has Chinese text that renders
with its parameters: no KeyError, no "{placeholder}" left, no "（code）" fallback
(code review §2, weak points of the error vocabulary)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from dangjian_desktop import messages
from dangjian_desktop.domain import (
    attachments,
    branch,
    meeting_calendar,
    meeting_rules,
    member_records,
    member_rules,
)
from dangjian_desktop.domain.attachments import BlobState
from dangjian_desktop.domain.errors import FieldError, ValidationError
from dangjian_desktop.services import branch_service, meeting_common, member_common, transfer_file
from dangjian_desktop.services.meeting_common import MeetingArchivedError, MeetingDeletedError
from dangjian_desktop.services.transfer_file import TransferFileError
from dangjian_desktop.storage.attachment_store import AttachmentReadError

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
    "date": date(2025, 5, 20),
    "cast": 9,
    "present": 4,
    "written": 3,
    "absent": 2,
    "max_mp": 64,
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


def test_validation_summary_names_history_fields():
    exc = ValidationError([FieldError("transfers.1.to_org", "too_long", (("max", 100),))])
    assert messages.error_text(exc) == "组织关系转接记录第 2 条的转往党组织：不能超过 100 个字"


@pytest.mark.parametrize(
    "exc",
    [
        MeetingArchivedError(3),
        MeetingDeletedError(3),
        AttachmentReadError("a" * 64, BlobState.MISSING),
        AttachmentReadError("a" * 64, BlobState.DAMAGED),
    ],
    ids=["archived", "deleted", "attachment-missing", "attachment-damaged"],
)
def test_meeting_errors_have_chinese_text(exc):
    text = messages.error_text(exc)
    assert text and re.search(r"[\u4e00-\u9fff]", text)


def test_meeting_fields_are_named_where_they_are():
    exc = ValidationError(
        [
            FieldError("resolutions.0.yes", "votes_exceed_present", (("cast", 9), ("present", 4))),
            FieldError("attendance.3", "not_in_branch", (("date", date(2025, 5, 20)),)),
            FieldError("first_topic.leader_id", "required"),
            FieldError("meetings.2.topic", "required"),
        ]
    )
    assert messages.error_text(exc).splitlines() == [
        "决议第 1 条的赞成票：表决票数（9）超过了到会的有表决权党员人数（4）",
        "签到名单第 4 项：2025-05-20 时不在本支部党员名册中",
        "第一议题领学人：必填",
        "计划第 3 条的会议主题：必填",
    ]
