"""阵地 tab through the window, by keyboard: walk an inspection (1/2/3 on the checklist, a
note, a photo), fail an item, see its rectification in the list, close it with an evidence
photo; bad photos refused with nothing stored; a future date refused with nothing saved;
a template edit leaving an old inspection's items as they were."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit

from dangjian_desktop.domain.venue_lists import RectificationShow
from dangjian_desktop.domain.venues import Outcome
from dangjian_desktop.gui.dialogs import rectification_dialog
from dangjian_desktop.gui.dialogs.inspection_dialog import COL_NOTE, InspectionDialog
from dangjian_desktop.gui.dialogs.venue_template_dialog import TemplateDialog
from tests.gui.conftest import type_text
from tests.gui.keyboard import offscreen_window_warnings, type_date
from tests.unit.services.test_attachments import png_bomb
from tests.unit.services.venue_data import inspection

pytestmark = [pytest.mark.gui, offscreen_window_warnings]


@pytest.fixture
def view(main_window, branch):
    main_window.tabs.setCurrentWidget(main_window.venues_view)
    return main_window.venues_view


def photo_file(tmp_path, name: str = "现场.jpg", size=(800, 600)) -> str:
    out = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(out, "JPEG")
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return str(path)


def cell_editor(view) -> QLineEdit:
    """The editor F2 opened in an item view's cell."""
    editors = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "F2 opened no editor"
    return editors[0]


def drive(monkeypatch, cls, script) -> list:
    """Replace cls.exec: show the dialog, run `script(dialog)` on it, return its result."""
    opened = []

    def exec_(self):
        opened.append(self)
        self.show()
        script(self)
        return self.result()

    monkeypatch.setattr(cls, "exec", exec_)
    return opened


def wait_closed(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)


def add_photo(qtbot, strip, file_dialogs, path: str) -> None:
    before = len(strip.entries())
    file_dialogs.answer(path)
    QTest.mouseClick(strip.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(strip.entries()) == before + 1, timeout=10_000)


def test_inspect_fail_an_item_see_and_close_its_rectification(
    qtbot, view, main_window, monkeypatch, file_dialogs, tmp_path, message_boxes
):
    ws = view._ws
    venue = view.selected_venue()
    assert venue is not None and venue.inspections == 0
    assert venue.venue_id == ws.venues.venues()[0].id
    due = ws.exports.today() + timedelta(days=14)

    def walk(dialog: InspectionDialog) -> None:
        table = dialog.table
        table.setFocus()
        items = dialog.inspection.template.items()
        assert dialog.current_item().key == items[0][1].key  # the first item is current
        QTest.keyClick(table, Qt.Key.Key_2)  # 桌椅: 不合格
        QTest.keyClick(table, Qt.Key.Key_3)  # 书柜和档案柜: 不适用
        for _ in items[2:]:
            QTest.keyClick(table, Qt.Key.Key_1)
        # 95.8: 4 of the 96 applicable points lost; 书柜 (4 points) left out.
        assert dialog.score.text().startswith("得分 95.8（得 92 / 应得 96 分")
        assert "不合格 1、不适用 1、未填 0" in dialog.score.text()
        # Back to 桌椅 with the keyboard, its note typed in the cell editor, a photo added.
        for _ in range(len(items) + len(dialog.inspection.template.groups)):
            QTest.keyClick(table, Qt.Key.Key_Up)
        assert dialog.current_item().key == items[0][1].key
        table.setCurrentCell(table.currentRow(), COL_NOTE)
        QTest.keyClick(table, Qt.Key.Key_F2)
        editor = cell_editor(table)
        type_text(editor, "椅子只够一半党员")
        QTest.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits it queued
        qtbot.waitUntil(lambda: dialog.note_of(items[0][1].key) == "椅子只够一半党员")
        add_photo(qtbot, dialog.photos, file_dialogs, photo_file(tmp_path))
        assert dialog.table.item(table.currentRow(), 4).text() == "1"
        type_text(dialog.outside, "公司党委 赵敏")
        assert dialog.rect_box.isEnabled()
        dialog.owner.setCurrentIndex(dialog.owner.findText("王海"))
        type_date(qtbot, dialog.due, due.isoformat())
        dialog.table.setFocus()
        QTest.keyClick(dialog.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        wait_closed(qtbot, dialog)

    opened = drive(monkeypatch, InspectionDialog, walk)
    QTest.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    dialog = opened[0]
    assert dialog.result() == QDialog.DialogCode.Accepted, message_boxes
    stored = ws.venues.inspection(dialog.saved_id)
    seating = next(r for r in stored.results if r.item_key == "seating")
    assert (seating.outcome, seating.note) == (Outcome.FAIL, "椅子只够一半党员")
    assert len(seating.photo_ids) == 1 and len(ws.venues.photos(dialog.saved_id)) == 1
    assert [p.name for p in stored.inspectors] == ["公司党委 赵敏"]
    # The venue list and the history followed the save.
    assert view.selected_venue().inspections == 1
    assert view.selected_venue().open_rectifications == 1
    assert view.model.rowCount() == 1 and view.selected_inspection_id() == dialog.saved_id

    # Its rectification in the list (未整改), with the owner and due date from the form.
    view.show_rectifications()
    assert view.show_filter.currentText() == "未整改"
    assert view.rect_model.rowCount() == 1
    row = view.rect_model.item(0)
    assert (row.item_text, row.finding, row.owner_name, row.due_on) == (
        "桌椅",
        "椅子只够一半党员",
        "王海",
        due,
    )
    view.rects.selectRow(0)
    assert view.close_rect_button.isEnabled() and not view.reopen_rect_button.isEnabled()

    def close(dialog) -> None:
        dialog.note.setFocus()
        type_text(dialog.note, "补齐折叠椅二十把")
        add_photo(qtbot, dialog.evidence, file_dialogs, photo_file(tmp_path, "整改后.jpg"))
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        wait_closed(qtbot, dialog)

    closing = drive(monkeypatch, rectification_dialog.CloseDialog, close)
    QTest.mouseClick(view.close_rect_button, Qt.MouseButton.LeftButton)
    assert closing[0].result() == QDialog.DialogCode.Accepted, message_boxes
    rect = ws.venues.rectification(row.id)
    assert rect.closed_on == ws.exports.today() and rect.closing_note == "补齐折叠椅二十把"
    assert len(ws.venues.evidence(row.id)) == 1
    assert view.rect_model.rowCount() == 0  # 未整改: gone from the open list
    view.show_filter.setCurrentIndex(view.show_filter.findData(RectificationShow.CLOSED.value))
    assert view.rect_model.rowCount() == 1
    assert view.rect_model.data(view.rect_model.index(0, 7)) == "已销号"
    assert view.selected_venue().open_rectifications == 0


BAD = {
    "not_image.jpg": lambda: b"%PDF-1.7 not a photo" * 10,
    "truncated.jpg": None,  # made from a real photo below
    "bomb.png": png_bomb,
}


def test_bad_photos_are_refused_in_chinese_and_nothing_is_stored(
    qtbot, view, main_window, file_dialogs, tmp_path, message_boxes
):
    ws = view._ws
    dialog = InspectionDialog(ws, main_window.events, view.selected_venue_id(), None, view)
    qtbot.addWidget(dialog)
    dialog.show()
    from pathlib import Path

    good = Path(photo_file(tmp_path, "good.jpg")).read_bytes()
    (tmp_path / "truncated.jpg").write_bytes(good[: len(good) // 2])
    (tmp_path / "not_image.jpg").write_bytes(BAD["not_image.jpg"]())
    (tmp_path / "bomb.png").write_bytes(png_bomb())
    with open(tmp_path / "huge.jpg", "wb") as f:  # 60 MB, sparse
        f.truncate(60 * 2**20)
    expected = {
        "not_image.jpg": "JPG 或 PNG",
        "truncated.jpg": "不完整",
        "bomb.png": "像素",
        "huge.jpg": "MB",
    }
    for name, words in expected.items():
        shown = len(message_boxes)
        file_dialogs.answer(str(tmp_path / name))
        QTest.mouseClick(dialog.photos.add_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda shown=shown: len(message_boxes) > shown, timeout=10_000)
        kind, title, text = message_boxes[-1]
        assert (kind, title) == ("warning", "照片未添加")
        assert f"“{name}”" in text and words in text, text
    assert dialog.photos.entries() == [] and dialog.photos.new_photos() == []

    # The inspection itself still saves, without any photo.
    dialog.table.setFocus()
    for _ in dialog.inspection.template.items():
        QTest.keyClick(dialog.table, Qt.Key.Key_1)
    type_text(dialog.outside, "公司党委 赵敏")
    QTest.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    wait_closed(qtbot, dialog)
    assert dialog.saved_id is not None
    assert ws.venues.photos(dialog.saved_id) == []
    assert ws.venues.inspection_rows([dialog.saved_id])[dialog.saved_id].photos == 0


def test_a_future_date_is_refused_in_chinese_and_nothing_saved(
    qtbot, view, main_window, message_boxes, file_dialogs, tmp_path
):
    ws = view._ws
    dialog = InspectionDialog(ws, main_window.events, view.selected_venue_id(), None, view)
    qtbot.addWidget(dialog)
    dialog.show()
    add_photo(qtbot, dialog.photos, file_dialogs, photo_file(tmp_path))
    dialog.table.setFocus()
    for _ in dialog.inspection.template.items():
        QTest.keyClick(dialog.table, Qt.Key.Key_1)
    type_date(qtbot, dialog.date, (ws.exports.today() + timedelta(days=3)).isoformat())
    QTest.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)
    _kind, title, text = message_boxes[-1]
    assert title == "无法保存检查记录" and "晚于今天" in text, text
    assert dialog.isVisible() and dialog.buttons.isEnabled()  # still there, to be fixed
    from dangjian_desktop.domain.venue_lists import InspectionFilter

    assert ws.venues.inspection_list.count(InspectionFilter()) == 0
    assert not list((ws.attachments.store.root).rglob("*")) or all(
        p.is_dir() for p in ws.attachments.store.root.rglob("*")
    )


def test_a_template_edit_leaves_an_old_inspection_as_it_was(qtbot, view, main_window, branch):
    ws = view._ws
    old_id, _ = ws.venues.save_inspection(inspection(branch, date(2025, 5, 20)))
    dialog = TemplateDialog(ws, main_window.events, view)
    qtbot.addWidget(dialog)
    dialog.show()
    tree = dialog.tree
    tree.setFocus()
    first = tree.topLevelItem(0).child(0)
    assert first.text(0) == "桌椅"
    tree.setCurrentItem(first, 0)
    QTest.keyClick(tree, Qt.Key.Key_F2)
    editor = cell_editor(tree)
    editor.selectAll()
    type_text(editor, "桌椅（可兼用）")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: first.text(0) == "桌椅（可兼用）")
    tree.setCurrentItem(first, 1)
    QTest.keyClick(tree, Qt.Key.Key_F2)
    editor = cell_editor(tree)
    editor.selectAll()
    QTest.keyClicks(editor, "6")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: first.text(1) == "6")
    assert dialog.total.text() == "合计 102 分"
    QTest.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert dialog.result() == QDialog.DialogCode.Accepted
    current = ws.venues.template()
    assert current.version == 2 and current.item("seating").text == "桌椅（可兼用）"
    assert current.item("seating").weight == 6

    old = ws.venues.inspection(old_id)
    assert old.template.version == 1
    assert (old.template.item("seating").text, old.template.item("seating").weight) == ("桌椅", 4)
    # The old record opened in the form shows the wording and weight it was done with.
    form = InspectionDialog(ws, main_window.events, None, old_id, view)
    qtbot.addWidget(form)
    row = form.row_of("seating")
    assert (form.table.item(row, 0).text(), form.table.item(row, 1).text()) == ("桌椅", "4")
    assert "第 1 版" in form.template_label.text()
    new = InspectionDialog(ws, main_window.events, branch.venues[0], None, view)
    qtbot.addWidget(new)
    assert new.table.item(new.row_of("seating"), 0).text() == "桌椅（可兼用）"


def test_edit_and_reopen_a_rectification_and_delete_asks_first(
    qtbot, view, main_window, branch, monkeypatch, message_boxes
):
    ws = view._ws
    day = date(2025, 5, 20)
    inspection_id, _ = ws.venues.save_inspection(
        inspection(branch, day, fails={"flag_hung": "党旗褪色"})
    )
    [rect] = ws.venues.rectifications_of(inspection_id)
    ws.venues.close(rect.id, day + timedelta(days=3), "换了新党旗")
    view.show_rectifications()
    view.show_filter.setCurrentIndex(view.show_filter.findData(RectificationShow.CLOSED.value))
    view.rects.selectRow(0)
    assert view.reopen_rect_button.isEnabled() and not view.close_rect_button.isEnabled()

    def reopen(dialog) -> None:
        dialog.reason.setFocus()
        type_text(dialog.reason, "复查发现挂反了")
        QTest.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
            Qt.MouseButton.LeftButton,
        )

    drive(monkeypatch, rectification_dialog.ReopenDialog, reopen)
    QTest.mouseClick(view.reopen_rect_button, Qt.MouseButton.LeftButton)
    stored = ws.venues.rectification(rect.id)
    assert stored.closed_on is None and stored.reopenings[0].reason == "复查发现挂反了"
    assert view.rect_model.rowCount() == 0  # no longer 已销号

    view.show_filter.setCurrentIndex(view.show_filter.findData(RectificationShow.OPEN.value))
    view.rects.selectRow(0)

    def edit(dialog) -> None:
        dialog.owner.setCurrentIndex(dialog.owner.findText("李静"))
        dialog.action.setFocus()
        type_text(dialog.action, "重新悬挂并拍照")
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        wait_closed(qtbot, dialog)

    drive(monkeypatch, rectification_dialog.RectificationDialog, edit)
    QTest.mouseClick(view.edit_rect_button, Qt.MouseButton.LeftButton)
    stored = ws.venues.rectification(rect.id)
    assert (stored.owner_id, stored.action) == (branch.id("李静"), "重新悬挂并拍照")

    # 删除 asks first (it takes the rectification with it); 否 keeps everything.
    view.pages.setCurrentWidget(view.venue_page)
    view.select_venue(branch.venues[0])
    view.inspections.selectRow(0)
    QTest.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert message_boxes[-1][0] == "question" and "1 项整改也将一并删除" in message_boxes[-1][2]
    assert ws.venues.rectification(rect.id).id == rect.id
