"""run_op: what changed is published after the caller's success handler and never on failure;
a ValidationError goes to the fields; other errors are worded."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QWidget

from dangjian_desktop.domain.errors import FieldError, ValidationError
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.ops import run_op, run_op_in_background
from dangjian_desktop.gui.tasks import wait_for_tasks
from dangjian_desktop.progress import Cancelled
from dangjian_desktop.services import Changes
from dangjian_desktop.storage.errors import DiskFullError

pytestmark = pytest.mark.gui

MEMBERS = Changes(members=True)
REQUIRED_NAME = FieldError("name", "required")


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def events():
    return AppEvents()


@pytest.fixture
def log(events):
    """What happened, in order: the success handler's entries and each publish."""
    entries: list = []
    events.changed.connect(lambda changes: entries.append(("published", changes)))
    return entries


class Fields:
    def __init__(self) -> None:
        self.shown: list = []

    def show(self, errors) -> list[str]:
        self.shown.append(list(errors))
        return []


def test_the_change_is_published_after_the_success_handler(parent, events, log):
    ok = run_op(parent, events, lambda: (42, MEMBERS), on_success=lambda v: log.append(v))
    assert ok is True
    assert log == [42, ("published", MEMBERS)]


def test_then_runs_after_the_publish(parent, events, log):
    run_op(
        parent, events, lambda: (5, MEMBERS), on_success=log.append, then=lambda v: log.append(-v)
    )
    assert log == [5, ("published", MEMBERS), -5]


def test_a_bare_changes_result_gives_the_handler_none(parent, events, log):
    assert run_op(parent, events, lambda: MEMBERS, on_success=log.append)
    assert log == [None, ("published", MEMBERS)]


def test_a_form_reloading_on_the_change_sees_itself_saved(parent, events):
    """The 支部信息 case: the form clears its unsaved flag in on_success; its own listener
    reloads only a clean form, so the stored ids come back into it."""
    form = {"dirty": True, "reloaded": False}

    def on_changed(_changes) -> None:
        if not form["dirty"]:
            form["reloaded"] = True

    events.changed.connect(on_changed)
    run_op(
        parent, events, lambda: Changes(branch=True), on_success=lambda _v: form.update(dirty=False)
    )
    assert form["reloaded"]


def test_nothing_is_published_when_the_op_fails(parent, events, log, message_boxes):
    fields = Fields()

    def refused():
        raise ValidationError([REQUIRED_NAME])

    def full_disk():
        raise DiskFullError("/media/stick/data.sqlite")

    assert run_op(parent, events, refused, on_success=log.append, field_errors=fields) is False
    assert run_op(parent, events, full_disk, on_success=log.append, title="保存失败") is False
    assert log == []
    assert fields.shown == [[REQUIRED_NAME]]


def test_a_validation_error_goes_to_the_fields_not_a_message_box(parent, events, message_boxes):
    fields = Fields()

    def refused():
        raise ValidationError([REQUIRED_NAME])

    run_op(parent, events, refused, field_errors=fields, title="保存失败")
    assert fields.shown == [[REQUIRED_NAME]] and message_boxes == []


def test_without_fields_a_validation_error_is_a_worded_message(parent, events, message_boxes):
    def refused():
        raise ValidationError([REQUIRED_NAME])

    run_op(parent, events, refused, title="无法恢复")
    [(kind, title, text)] = message_boxes
    assert (kind, title) == ("warning", "无法恢复") and "必填" in text


def test_environment_errors_are_worded_and_bugs_get_the_apology(parent, events, message_boxes):
    def full_disk():
        raise DiskFullError("/media/stick/data.sqlite")

    def bug():
        raise KeyError("a bug")

    run_op(parent, events, full_disk, title="保存失败")
    run_op(parent, events, full_disk)  # no title: the storage error names itself
    run_op(parent, events, bug, title="保存失败")
    kinds_titles = [(k, t) for k, t, _ in message_boxes]
    assert kinds_titles[0] == ("warning", "保存失败") and "磁盘" in message_boxes[0][2]
    assert kinds_titles[1][0] == "warning" and kinds_titles[1][1] != ""
    assert kinds_titles[2] == ("critical", "内部错误")


def test_on_error_takes_over_the_wording(parent, events, message_boxes):
    seen = []

    def full_disk():
        raise DiskFullError("/x")

    assert not run_op(parent, events, full_disk, on_error=seen.append)
    assert [type(e) for e in seen] == [DiskFullError] and message_boxes == []


def test_a_failing_success_handler_still_publishes(parent, events, log):
    def handler(_value):
        raise RuntimeError("the dialog went away")

    with pytest.raises(RuntimeError):
        run_op(parent, events, lambda: MEMBERS, on_success=handler)
    assert log == [("published", MEMBERS)]


def test_nothing_changed_is_not_published(parent, events, log):
    assert run_op(parent, events, lambda: ("same", Changes()), on_success=log.append)
    assert log == ["same"]


def test_a_result_that_is_not_changes_is_a_bug(parent, events, message_boxes):
    with pytest.raises(TypeError):
        run_op(parent, events, lambda: 42)


def test_background_ops_deliver_on_the_gui_thread_and_publish_after(qtbot, parent, events, log):
    threads = []

    def work(progress):
        threads.append(threading.current_thread())
        return 7, MEMBERS

    def on_success(value):
        assert threading.current_thread() is threading.main_thread()
        log.append(value)

    run_op_in_background(parent, events, "正在导入…", work, on_success=on_success, title="导入失败")
    qtbot.waitUntil(lambda: len(log) == 2, timeout=10_000)
    assert log == [7, ("published", MEMBERS)]
    assert threads[0] is not threading.main_thread()


def test_a_cancelled_background_op_publishes_nothing(qtbot, parent, events, log, message_boxes):
    def work(progress):
        raise Cancelled()

    run_op_in_background(parent, events, "正在导入…", work, on_success=log.append, title="导入失败")
    wait_for_tasks()
    qtbot.wait(50)
    assert log == [] and message_boxes == []
