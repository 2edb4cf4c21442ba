"""ws.settings, the write door of the declared settings (code review C11, issue 8 A.6): each
value held to its declaration on the way in and on the way out, one transaction and one
audit row per save, nothing written when a value is refused."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from dangjian_desktop import messages, settings
from dangjian_desktop.domain.errors import FieldError, ValidationError
from dangjian_desktop.services import Changes
from dangjian_desktop.services.settings_service import SettingsService
from dangjian_desktop.settings import Kind, Setting
from tests.unit.services.member_data import snapshot, table

INTERVAL = settings.BACKUP_INTERVAL_MINUTES
YEARS = settings.COMMITTEE_TERM_YEARS

# Declarations of the other kinds, for a service of its own (none ships yet).
SHOW_PHOTOS = Setting("show_photos", True, "显示照片", "名单", Kind.BOOL)
PAGE_SIZE = Setting(
    "page_size", "a4", "纸张", "导出", Kind.CHOICE, choices=(("a4", "A4"), ("a3", "A3"))
)
PREPARED_BY = Setting("prepared_by", "", "填表人", "导出", Kind.TEXT, max_length=10)
OTHER_KINDS = (SHOW_PHOTOS, PAGE_SIZE, PREPARED_BY)


def settings_audit(ws) -> list[dict]:
    rows = table(ws, "SELECT detail FROM audit_log WHERE action = 'settings.set' ORDER BY id")
    return [json.loads(detail) for (detail,) in rows]


@pytest.fixture
def other_kinds(workspace):
    reported: list[Changes] = []
    service = SettingsService(
        lambda: workspace.database.engine, lambda: None, reported.append, OTHER_KINDS
    )
    service.reported = reported
    return service


# --- the declarations ----------------------------------------------------------------------
@pytest.mark.parametrize("setting", settings.DECLARED, ids=lambda s: s.key)
def test_every_setting_is_declared_for_the_dialog(setting):
    """Label, page and help in Chinese; the default meets the declaration's own bounds."""
    assert setting.label and setting.group and setting.help
    assert setting.errors(setting.default) == []
    assert settings.ALL[setting.key] is setting
    if setting.kind is Kind.INT:
        assert setting.minimum is not None and setting.maximum is not None and setting.unit


def test_keys_are_unique_and_groups_keep_declaration_order():
    assert len({s.key for s in settings.DECLARED}) == len(settings.DECLARED)
    assert [g for g, _ in settings.groups()] == [settings.GROUP_COMMITTEE, settings.GROUP_BACKUP]


# --- reading -------------------------------------------------------------------------------
def test_unset_settings_read_as_their_defaults(workspace):
    assert workspace.settings.get(INTERVAL) == 30
    assert workspace.settings.get("committee_term_years") == 3
    assert workspace.settings.all() == {s.key: s.default for s in settings.DECLARED}


def test_an_undeclared_setting_is_a_bug_not_a_user_error(workspace):
    with pytest.raises(KeyError):
        workspace.settings.get("no_such_setting")
    with pytest.raises(KeyError):
        workspace.settings.set(SHOW_PHOTOS, False)  # declared, but not to this service


# --- writing -------------------------------------------------------------------------------
def test_set_stores_the_value_reports_it_and_writes_one_audit_row(workspace):
    assert workspace.settings.set(INTERVAL, 45) == Changes(settings=True)
    assert workspace.settings.get(INTERVAL) == 45
    assert settings_audit(workspace) == [
        {"v": 1, "kind": "settings", "fields": [INTERVAL.key], "values": {INTERVAL.key: [30, 45]}}
    ]
    # Settings are data in the file: the change makes a backup due, like any other.
    assert workspace.backup_if_due(datetime.now() + timedelta(days=1)) is not None


def test_set_many_saves_several_in_one_transaction_with_one_row(workspace):
    changes = workspace.settings.set_many(
        {INTERVAL: 60, YEARS: 5, settings.TERM_REMINDER_MONTHS: 6}
    )
    assert changes == Changes(settings=True)
    assert workspace.settings.all()[YEARS.key] == 5
    (row,) = settings_audit(workspace)
    assert row["fields"] == [YEARS.key, INTERVAL.key]  # declaration order; 6 is the default
    assert row["values"] == {YEARS.key: [3, 5], INTERVAL.key: [30, 60]}


def test_saving_the_values_in_effect_writes_nothing(workspace):
    before = snapshot(workspace)
    assert workspace.settings.set_many({INTERVAL: 30, YEARS: 3}) == Changes()
    assert snapshot(workspace) == before  # not even an audit row
    assert workspace.backup_if_due(datetime.now() + timedelta(days=1)) is None


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (4, "out_of_range"),
        (24 * 60 + 1, "out_of_range"),
        ("30", "bad_number"),
        (30.0, "bad_number"),
        (True, "bad_number"),
        (None, "bad_number"),
    ],
)
def test_a_value_outside_its_declaration_is_refused_and_nothing_is_written(workspace, value, code):
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.settings.set(INTERVAL, value)
    (error,) = caught.value.errors
    assert (error.field, error.code) == (INTERVAL.key, code)
    assert snapshot(workspace) == before
    assert workspace.settings.get(INTERVAL) == 30


def test_the_refusal_is_worded_with_the_bounds(workspace):
    with pytest.raises(ValidationError) as caught:
        workspace.settings.set(INTERVAL, 2)
    assert caught.value.errors == (
        FieldError(INTERVAL.key, "out_of_range", (("min", 5), ("max", 1440))),
    )
    assert messages.field_error_text(caught.value.errors[0]) == "应在 5 到 1440 之间"


def test_one_bad_value_refuses_the_whole_save(workspace):
    before = snapshot(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.settings.set_many({INTERVAL: 60, YEARS: 9})
    assert [e.field for e in caught.value.errors] == [YEARS.key]
    assert snapshot(workspace) == before


def test_the_term_setting_cannot_leave_dangzhang_art31(workspace):
    for years in (2, 6):
        with pytest.raises(ValidationError):
            workspace.settings.set(YEARS, years)
    workspace.settings.set(YEARS, 4)
    assert workspace.branch.profile().term.term_years == 4  # read through the service


# --- the other kinds -----------------------------------------------------------------------
def test_bool_choice_and_text_are_held_to_their_declarations(other_kinds):
    assert other_kinds.all() == {"show_photos": True, "page_size": "a4", "prepared_by": ""}
    refused = {
        SHOW_PHOTOS: (1, "bad_bool"),
        PAGE_SIZE: ("b5", "not_a_choice"),
        PREPARED_BY: ("王" * 11, "too_long"),
    }
    for setting, (value, code) in refused.items():
        with pytest.raises(ValidationError) as caught:
            other_kinds.set(setting, value)
        assert caught.value.errors[0].code == code
    with pytest.raises(ValidationError):
        other_kinds.set(PREPARED_BY, 7)
    other_kinds.set_many({SHOW_PHOTOS: False, PAGE_SIZE: "a3", PREPARED_BY: " 王\x0b海 "})
    assert other_kinds.all() == {"show_photos": False, "page_size": "a3", "prepared_by": "王 海"}
    assert other_kinds.reported == [Changes(settings=True)]


def test_a_text_setting_is_named_in_the_audit_row_but_its_value_is_not(workspace, other_kinds):
    other_kinds.set_many({PREPARED_BY: "王海", SHOW_PHOTOS: False})
    (row,) = settings_audit(workspace)
    assert row["fields"] == ["show_photos", "prepared_by"]
    assert row["values"] == {"show_photos": [True, False]}
    assert "王海" not in json.dumps(row, ensure_ascii=False)
