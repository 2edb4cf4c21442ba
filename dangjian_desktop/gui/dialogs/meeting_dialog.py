"""会议记录 form (Designer: ui/meeting_dialog.ui): one meeting, planned or held, with its
第一议题, agenda, sign-in list, votes, minutes and attachments. Saved in one service call
(ws.meetings.save), errors shown at the fields; an archived record opens read-only."""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from datetime import date, time
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QListView,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from dangjian_desktop.domain.attachments import Attachment, NewAttachment
from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.domain.meeting_roster import ListedRoster, quorum_of_listed
from dangjian_desktop.domain.meeting_rules import Quorum
from dangjian_desktop.domain.meetings import (
    AgendaItem,
    FirstTopic,
    Meeting,
    MeetingStatus,
    MeetingType,
)
from dangjian_desktop.export.labels import MEETING_STATUS, MEETING_TYPE
from dangjian_desktop.gui.events import AppEvents
from dangjian_desktop.gui.forms.ui_meeting_dialog import Ui_MeetingDialog
from dangjian_desktop.gui.models.people_list_model import PeopleListModel
from dangjian_desktop.gui.ops import run_op
from dangjian_desktop.gui.widgets.attendance_grid import AttendanceGrid
from dangjian_desktop.gui.widgets.field_errors import FieldErrorLabels
from dangjian_desktop.gui.widgets.resolutions_editor import ResolutionsEditor
from dangjian_desktop.gui.widgets.rows_table import Column, RowsTable
from dangjian_desktop.services import Workspace

FIRST_TOPIC_FORMS = ("集中学习", "领学", "研讨交流", "专题辅导", "观看视频")
_TIME = re.compile(r"^\s*(\d{1,2})\s*[:：.]\s*(\d{2})\s*$")
MAX_ATTACHMENT_READ = 60 * 1024 * 1024  # the service refuses big files; do not read 4 GB
PICKER_NAME_CHARS = 4  # a picker's width before the layout stretches it: a name


def parse_time(text: str) -> time | None:
    """ "9:00", "09：30" → a time; "" → None; anything else raises ValueError."""
    if not text.strip():
        return None
    match = _TIME.match(text)
    if not match:
        raise ValueError(text)
    return time(int(match.group(1)), int(match.group(2)))


class MeetingDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        events: AppEvents,
        meeting_id: int | None = None,
        parent: QWidget | None = None,
        *,
        draft: Meeting | None = None,
        today=date.today,
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._events = events
        self._today = today
        self.saved_id: int | None = meeting_id
        self._stored_attachments: list[Attachment] = []
        self._added: list[NewAttachment] = []
        self._removed: list[int] = []
        # Everyone on the roster on the day last read (listed_roster: columns, no object
        # per member); the sign-in list is its .expected(type, group).
        self._roster = ListedRoster()
        self._quorum_memo: tuple | None = None  # (inputs, current_quorum()) last computed
        self._people = PeopleListModel((), self)
        self._loading = False
        if meeting_id is not None:
            self._original = workspace.meetings.get(meeting_id)
            self._stored_attachments = workspace.meetings.attachments(meeting_id)
        else:
            # The sign-in list comes from _load's read of the roster (everyone 出席), not
            # from a second whole-roster read for the draft.
            self._original = draft or replace(
                workspace.meetings.draft(MeetingType.GENERAL, today(), sign_in=False),
                status=MeetingStatus.PLANNED,
            )
        self.ui = ui = Ui_MeetingDialog()
        ui.setupUi(self)
        ui.summary.setObjectName("errorText")
        ui.summary.hide()
        ui.banner.setStyleSheet(
            "QLabel { background: #fff4d6; border: 1px solid #e0c46c; padding: 6px; }"
        )
        ui.banner.hide()
        for value, label in MEETING_TYPE.items():
            ui.type.addItem(self.tr(label), value.value)
        ui.also_counts_as.addItem(self.tr("（不兼作其他会议）"), None)
        for value, label in MEETING_TYPE.items():
            if value not in (MeetingType.THEME_DAY, MeetingType.TALK, MeetingType.OTHER):
                ui.also_counts_as.addItem(self.tr(label), value.value)
        ui.party_group_id.addItem(self.tr("（请选择党小组）"), None)
        for group_id, name in workspace.members.group_names().items():
            ui.party_group_id.addItem(name, group_id)
        for value in (MeetingStatus.PLANNED, MeetingStatus.HELD):
            ui.status.addItem(self.tr(MEETING_STATUS[value]), value.value)
        ui.first_topic_form.addItems(("", *FIRST_TOPIC_FORMS))
        self._venues, active = workspace.meetings.venue_choices()
        ui.place.addItem("", None)
        for venue_id, name in active:
            ui.place.addItem(name, venue_id)
        ui.date.set_today(today)
        ui.recorded_on.set_today(today)
        ui.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("关闭"))
        ui.buttons.accepted.connect(self.save)
        ui.buttons.rejected.connect(self.reject)
        for combo in self._pickers():
            light_picker(combo)
        ui.reopenButton.clicked.connect(self.reopen)
        ui.reopenButton.hide()

        self.agenda = RowsTable(
            [
                Column("title", self.tr("议程"), width=260),
                Column("summary", self.tr("讨论情况/发言摘要")),
            ],
            self.tr("添加议程"),
            ui.agendaBox,
        )
        ui.agendaBoxLayout.addWidget(self.agenda)
        self.agenda_up = QPushButton(self.tr("上移"), ui.agendaBox)
        self.agenda_down = QPushButton(self.tr("下移"), ui.agendaBox)
        self.agenda_up.clicked.connect(lambda: self.move_agenda(-1))
        self.agenda_down.clicked.connect(lambda: self.move_agenda(1))
        buttons = self.agenda.layout().itemAt(1).layout()  # beside 添加/删除
        buttons.insertWidget(2, self.agenda_up)
        buttons.insertWidget(3, self.agenda_down)
        self.attendance = AttendanceGrid(ui.tabAttendance)
        attendance_form = QFormLayout()
        self.guests = QLineEdit(ui.tabAttendance)
        self.guests.setObjectName("guests")
        self.guests.setPlaceholderText(self.tr("列席人员姓名，用顿号或逗号分隔"))
        attendance_form.addRow(self.tr("列席人员"), self.guests)
        ui.attendanceLayout.addWidget(self.attendance, 1)
        ui.attendanceLayout.addLayout(attendance_form)
        self.resolutions = ResolutionsEditor(ui.tabVotes)
        self.resolutions.set_quorum_source(self.current_quorum)
        ui.votesLayout.addWidget(self.resolutions)
        self.attendance.changed.connect(self.resolutions.update_statement)

        self.field_errors = FieldErrorLabels(self, on_shown=self._errors_shown)
        for form in (ui.basicForm, ui.minutesForm):
            self.field_errors.add_form(form)
        self.field_errors.add(ui.basicForm, "venue_id", ui.place)
        self.field_errors.add(ui.basicForm, "lecturer_name", ui.lecturer_id)
        for key, widget in (
            ("first_topic.topic", ui.first_topic_topic),
            ("first_topic.material", ui.first_topic_material),
            ("first_topic.form", ui.first_topic_form),
            ("first_topic.leader_id", ui.first_topic_leader),
            ("first_topic.leader_name", ui.first_topic_leader),
        ):
            self.field_errors.add(ui.firstTopicForm, key, widget)
        self.field_errors.add(attendance_form, "guests", self.guests)
        self.field_errors.add_table("agenda", self.agenda)
        self.field_errors.add_table("attendance", self.attendance)  # type: ignore[arg-type]
        self.field_errors.add_table("resolutions", self.resolutions)  # type: ignore[arg-type]

        ui.attachments.itemSelectionChanged.connect(self._update_attachment_buttons)
        ui.attachments.itemDoubleClicked.connect(lambda _i: self.open_attachment())
        ui.addAttachment.clicked.connect(self.add_attachments)
        ui.removeAttachment.clicked.connect(self.remove_attachment)
        ui.openAttachment.clicked.connect(self.open_attachment)

        self._load(self._original)
        ui.type.currentIndexChanged.connect(self._roster_inputs_changed)
        ui.party_group_id.currentIndexChanged.connect(self._roster_inputs_changed)
        ui.date.dateChanged.connect(self._roster_inputs_changed)
        ui.late_record.toggled.connect(self._update_visibility)
        self._set_title()
        if self.archived:
            self._make_read_only()
        ui.tabs.setCurrentIndex(0)
        ui.type.setFocus()
        self._as_loaded = self._snapshot()

    def _snapshot(self) -> tuple | None:
        """The form's record and the sign-in list's state (compared as the list holds it:
        a 7,000-line list is not built to be compared)."""
        try:
            return self._record_from_widgets(), self.attendance.model.state()
        except ValueError:  # a time that is no time: certainly edited
            return None

    def is_dirty(self) -> bool:
        if self.archived:
            return False
        return bool(self._added or self._removed) or self._snapshot() != self._as_loaded

    def reject(self) -> None:
        """关闭 or Esc: edits not saved are only dropped when the user says so."""
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                self.tr("未保存的修改"),
                self.tr("会议记录有未保存的修改，确定放弃吗？"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()

    # --- state ----------------------------------------------------------------------------
    @property
    def archived(self) -> bool:
        return self._original.status is MeetingStatus.ARCHIVED

    def _set_title(self) -> None:
        if self._original.id is None:
            self.setWindowTitle(self.tr("新建会议"))
        else:
            status = MEETING_STATUS[self._original.status]
            self.setWindowTitle(self.tr("会议记录（{status}）").format(status=status))

    # --- loading --------------------------------------------------------------------------
    def _load(self, m: Meeting) -> None:
        ui = self.ui
        self._loading = True
        try:
            ui.type.setCurrentIndex(max(ui.type.findData(m.type.value), 0))
            ui.party_group_id.setCurrentIndex(max(ui.party_group_id.findData(m.party_group_id), 0))
            also = m.also_counts_as.value if m.also_counts_as else None
            ui.also_counts_as.setCurrentIndex(max(ui.also_counts_as.findData(also), 0))
            ui.theme_tags.clear()
            tags = list(dict.fromkeys([*self._ws.meetings.theme_tags(), *m.theme_tags]))
            for tag in tags:
                item = QListWidgetItem(tag, ui.theme_tags)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if tag in m.theme_tags else Qt.CheckState.Unchecked
                )
            ui.topic.setText(m.topic)
            if m.status is MeetingStatus.ARCHIVED:
                ui.status.addItem(self.tr(MEETING_STATUS[m.status]), m.status.value)
            ui.status.setCurrentIndex(max(ui.status.findData(m.status.value), 0))
            ui.date.set_value(m.date)
            ui.start_time.setText(m.start_time.strftime("%H:%M") if m.start_time else "")
            ui.end_time.setText(m.end_time.strftime("%H:%M") if m.end_time else "")
            if m.venue_id is not None and ui.place.findData(m.venue_id) < 0:
                # A retired venue the record already has: it keeps it.
                ui.place.addItem(self._venues.get(m.venue_id, ""), m.venue_id)
            if m.venue_id is not None:
                ui.place.setCurrentIndex(ui.place.findData(m.venue_id))
            else:
                ui.place.setCurrentIndex(0)
                ui.place.setEditText(m.place)
            ft = m.first_topic
            ui.first_topic_topic.setText(ft.topic)
            ui.first_topic_material.setPlainText(ft.material)
            index = ui.first_topic_form.findText(ft.form)
            if index >= 0:
                ui.first_topic_form.setCurrentIndex(index)
            else:
                ui.first_topic_form.setEditText(ft.form)
            self.agenda.set_rows(
                [(None, {"title": a.title, "summary": a.summary}) for a in m.agenda]
            )
            ui.minutes.setPlainText(m.minutes)
            ui.follow_ups.setPlainText(m.follow_ups)
            ui.late_record.setChecked(m.late_record)
            ui.recorded_on.set_value(m.recorded_on)
            self.guests.setText("、".join(m.guests))
            self._load_roster(m.attendance, keep_unlisted=True)
            self._pick_person(ui.host_id, m.host_id)
            self._pick_person(ui.recorder_id, m.recorder_id)
            self._pick_person(ui.lecturer_id, m.lecturer_id, m.lecturer_name)
            self._pick_person(ui.first_topic_leader, ft.leader_id, ft.leader_name)
            self.resolutions.set_resolutions(m.resolutions)
            self._fill_attachments()
        finally:
            self._loading = False
        self._update_visibility()

    def move_agenda(self, step: int) -> None:
        """Agenda items are in the order they were taken: move the current one."""
        row = self.agenda.view.currentIndex().row()
        rows = self.agenda.rows()
        target = row + step
        if not (0 <= row < len(rows) and 0 <= target < len(rows)):
            return
        rows[row], rows[target] = rows[target], rows[row]
        self.agenda.set_rows(rows)
        self.agenda.view.setCurrentIndex(self.agenda.model.index(target, 0))

    def _meeting_day(self) -> date | None:
        return self.ui.date.date_or_none()

    def _load_roster(self, lines, keep_unlisted: bool = False) -> None:
        """Members on the roster on the meeting date (the pickers) and those expected at
        a meeting of this type (the sign-in list)."""
        day = self._meeting_day() or self._original.date
        # One read of the whole roster as columns: the sign-in list is taken from it (a
        # 党小组会: its group alone), the pickers list all of it.
        self._roster = self._ws.meetings.listed_roster(day)
        expected = self._expected()
        unlisted = None
        if keep_unlisted:
            known = set(expected.ids)
            extra = [a.member_id for a in lines if a.member_id not in known]
            rows = self._ws.members.rows(extra) if extra else {}
            unlisted = {mid: row.name for mid, row in rows.items()}
        self.attendance.model.set_lines(expected, lines, unlisted)
        # One light list of names for the four pickers (a 党员大会 of a big branch lists
        # thousands: built once per roster, shared; rows found by id, not by a scan).
        self._people = PeopleListModel.of_columns(self._roster.ids, self._roster.names, self)
        for combo in self._pickers():
            self._set_people(combo, self._people)

    def _pickers(self) -> tuple[QComboBox, ...]:
        ui = self.ui
        return (ui.host_id, ui.recorder_id, ui.lecturer_id, ui.first_topic_leader)

    def _set_people(self, combo: QComboBox, people: PeopleListModel) -> None:
        current, text = combo.currentData(), combo.currentText()
        old = combo.model()
        combo.blockSignals(True)
        combo.setModel(people)
        index = people.row_of(current)
        if index >= 0:
            combo.setCurrentIndex(index)
        else:
            combo.setCurrentIndex(0)
            if combo.isEditable():
                combo.setEditText(text if current is None else "")
        combo.blockSignals(False)
        if isinstance(old, PeopleListModel) and old is not people and old.parent() is self:
            old.deleteLater()  # the list of the roster before (shared: last picker drops it)

    def _pick_person(self, combo: QComboBox, member_id: int | None, name: str = "") -> None:
        people = self._people
        index = people.row_of(member_id)
        if member_id is not None and index < 0:  # not on the roster that day: say who
            text = self.tr("（编号 {id}，不在当日名册）").format(id=member_id)
            index = people.add_unlisted(member_id, text)  # the service says what is wrong
        if index >= 0:
            combo.setCurrentIndex(index)
        else:
            combo.setCurrentIndex(0)
            if combo.isEditable():
                combo.setEditText(name)

    def _fill_attachments(self) -> None:
        ui = self.ui
        ui.attachments.clear()
        for a in self._stored_attachments:
            if a.id in self._removed:
                continue
            item = QListWidgetItem(f"{a.file_name}（{_size(a.size)}）", ui.attachments)
            item.setData(Qt.ItemDataRole.UserRole, ("stored", a.id))
        for i, new in enumerate(self._added):
            item = QListWidgetItem(
                self.tr("{name}（{size}，保存后加入）").format(
                    name=new.file_name, size=_size(len(new.data))
                ),
                ui.attachments,
            )
            item.setData(Qt.ItemDataRole.UserRole, ("new", i))
        self._update_attachment_buttons()

    def _update_attachment_buttons(self) -> None:
        selected = bool(self.ui.attachments.selectedItems())
        self.ui.openAttachment.setEnabled(selected)
        self.ui.removeAttachment.setEnabled(selected and not self.archived)
        self.ui.addAttachment.setEnabled(not self.archived)

    # --- reacting -------------------------------------------------------------------------
    def _type(self) -> MeetingType:
        return MeetingType(self.ui.type.currentData())

    def _roster_inputs_changed(self, *_args) -> None:
        if self._loading or self._meeting_day() is None:
            self._update_visibility()
            return
        # Plain 出席 rows need no line: the new list starts its members 出席 anyway.
        self._load_roster(self.attendance.model.given_lines())
        self._update_visibility()
        self.resolutions.update_statement()

    def _update_visibility(self, *_args) -> None:
        ui = self.ui
        kind = self._type()
        rows = (
            (ui.party_group_id, kind is MeetingType.GROUP),
            (ui.also_counts_as, kind is MeetingType.THEME_DAY),
            (ui.theme_tags, kind is MeetingType.THEME_DAY),
            (
                ui.lecturer_id,
                kind in (MeetingType.LECTURE, MeetingType.THEME_DAY)
                or ui.also_counts_as.currentData() == MeetingType.LECTURE.value,
            ),
            (ui.recorded_on, ui.late_record.isChecked()),
        )
        for widget, visible in rows:
            ui.basicForm.setRowVisible(widget, visible)

    def _expected(self) -> ListedRoster:
        """Those expected at a meeting of the type (and 党小组) the form shows, on the
        roster last read (the type may have changed while no date is on the form)."""
        return self._roster.expected(self._type(), self.ui.party_group_id.currentData())

    def current_quorum(self) -> tuple[Quorum, int]:
        """(the quorum on the sign-in list now, entitled members excluded with approval),
        computed once per state of the list, roster, type and 党小组."""
        model = self.attendance.model
        kind, group = self._type(), self.ui.party_group_id.currentData()
        inputs = (self._roster, kind, group, model.revision)
        memo = self._quorum_memo
        if memo is not None and memo[0][0] is inputs[0] and memo[0][1:] == inputs[1:]:
            return memo[1]
        expected = self._expected()
        formal = expected.formal_ids
        # quorum() reads the committee only for a 支委会, whose list is the committee.
        committee = expected.committee_ids
        lines = model.given_lines()  # the other rows are plain 出席, counted by their ids
        q = quorum_of_listed(kind, model.plain_ids(), lines, formal, committee)
        pool = set(committee if kind is MeetingType.COMMITTEE else formal)
        excluded = sum(1 for a in lines if a.excluded and a.member_id in pool)
        self._quorum_memo = (inputs, (q, excluded))
        return q, excluded

    # --- reading the form -----------------------------------------------------------------
    def meeting_from_widgets(self) -> Meeting:
        """The record as the form shows it (call after bad_dates/time checks)."""
        return replace(self._record_from_widgets(), attendance=self.attendance.model.attendance())

    def _record_from_widgets(self) -> Meeting:
        """meeting_from_widgets without the sign-in list (attendance=())."""
        ui = self.ui
        place_index = ui.place.currentIndex()
        place_text = ui.place.currentText().strip()
        venue_id = ui.place.itemData(place_index) if place_index > 0 else None
        if venue_id is not None and ui.place.itemText(place_index) != place_text:
            venue_id = None  # the user typed over the venue's name: free text
        lecturer_id, lecturer_name = _person(ui.lecturer_id)
        leader_id, leader_name = _person(ui.first_topic_leader)
        kind = self._type()
        also = ui.also_counts_as.currentData() if kind is MeetingType.THEME_DAY else None
        tags = []
        if kind is MeetingType.THEME_DAY:
            for i in range(ui.theme_tags.count()):
                item = ui.theme_tags.item(i)
                if item.checkState() == Qt.CheckState.Checked:
                    tags.append(item.text())
        show_lecturer = ui.basicForm.isRowVisible(ui.lecturer_id)
        late = ui.late_record.isChecked()
        return replace(
            self._original,
            type=kind,
            topic=ui.topic.text(),
            date=ui.date.value() or self._original.date,
            status=MeetingStatus(ui.status.currentData()),
            also_counts_as=MeetingType(also) if also else None,
            theme_tags=tuple(tags),
            party_group_id=ui.party_group_id.currentData() if kind is MeetingType.GROUP else None,
            start_time=parse_time(ui.start_time.text()),
            end_time=parse_time(ui.end_time.text()),
            venue_id=venue_id,
            place="" if venue_id is not None else place_text,
            host_id=ui.host_id.currentData(),
            recorder_id=ui.recorder_id.currentData(),
            lecturer_id=lecturer_id if show_lecturer else None,
            lecturer_name=lecturer_name if show_lecturer else "",
            first_topic=FirstTopic(
                topic=ui.first_topic_topic.text(),
                material=ui.first_topic_material.toPlainText(),
                form=ui.first_topic_form.currentText(),
                leader_id=leader_id,
                leader_name=leader_name,
            ),
            agenda=tuple(
                AgendaItem(str(v.get("title") or ""), str(v.get("summary") or ""))
                for _id, v in self.agenda.rows()
                if (v.get("title") or v.get("summary"))
            ),
            minutes=ui.minutes.toPlainText(),
            resolutions=tuple(self.resolutions.resolutions),
            follow_ups=ui.follow_ups.toPlainText(),
            attendance=(),
            guests=tuple(g for g in re.split(r"[、，,；;\s]+", self.guests.text()) if g),
            late_record=late,
            recorded_on=ui.recorded_on.value() if late else None,
        )

    # --- saving ---------------------------------------------------------------------------
    def save(self) -> bool:
        if self.archived:
            QMessageBox.information(
                self,
                self.tr("记录已归档"),
                self.tr("本记录已归档，不能修改。如确需修改，请点“重新打开…”并说明原因。"),
            )
            return False
        errors = list(self.field_errors.bad_dates())
        for key, widget in (("start_time", self.ui.start_time), ("end_time", self.ui.end_time)):
            try:
                parse_time(widget.text())
            except ValueError:
                errors.append(FieldError(key, "bad_time"))
        if errors:
            self.field_errors.show(errors)
            return False
        meeting = self.meeting_from_widgets()
        added, removed = list(self._added), list(self._removed)
        return run_op(
            self,
            self._events,
            lambda: self._ws.meetings.save(meeting, added, removed),
            on_success=self._saved,
            field_errors=self.field_errors,
            title=self.tr("保存失败"),
        )

    def _saved(self, meeting_id: int) -> None:
        self.saved_id = meeting_id
        self.accept()

    def _errors_shown(self, errors, elsewhere: list[str]) -> None:
        keys = self.field_errors.shown_keys
        first = self.field_errors.widget(keys[0]) if keys else None
        if first is None and errors:
            head = errors[0].field.split(".")[0]
            first = {
                "attendance": self.attendance,
                "agenda": self.agenda,
                "resolutions": self.resolutions,
                "attachments": self.ui.attachments,
                "attachments_removed": self.ui.attachments,
            }.get(head)
        tab = self._tab_of(first)
        if tab is not None:
            self.ui.tabs.setCurrentIndex(tab)
        summary = self.tr("有 {n} 处填写有误，未保存。").format(n=len(errors))
        self.ui.summary.setText("\n".join([summary, *elsewhere]))
        self.ui.summary.setVisible(bool(errors))

    def _tab_of(self, widget: QWidget | None) -> int | None:
        while widget is not None:
            index = self.ui.tabs.indexOf(widget)
            if index >= 0:
                return index
            widget = widget.parentWidget()
        return None

    # --- archived: read-only --------------------------------------------------------------
    def _make_read_only(self) -> None:
        ui = self.ui
        ui.banner.setText(
            self.tr("本记录已归档，只读。如确需修改，请点“重新打开…”并说明原因（记入操作日志）。")
        )
        ui.banner.show()
        for widget in self.findChildren(QWidget):
            if isinstance(widget, QPlainTextEdit):
                widget.setReadOnly(True)
            elif (
                isinstance(widget, (QLineEdit, QComboBox, QCheckBox))
                and widget.parent() is not None
            ) and not isinstance(widget.parent(), QComboBox):  # a combo's own line edit
                widget.setEnabled(False)
        ui.theme_tags.setEnabled(False)
        self.agenda.setEnabled(False)
        self.attendance.set_read_only(True)
        self.resolutions.set_read_only(True)
        ui.buttons.button(QDialogButtonBox.StandardButton.Save).hide()
        ui.reopenButton.show()
        self._update_attachment_buttons()

    def reopen(self) -> None:
        if self._original.id is not None and reopen_meeting(
            self, self._ws, self._events, self._original.id
        ):
            self.accept()

    # --- attachments ----------------------------------------------------------------------
    def add_attachments(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("添加附件"),
            "",
            self.tr("签到表、照片、材料 (*.jpg *.jpeg *.png *.pdf);;所有文件 (*)"),
        )
        for path in paths:
            file = Path(path)
            try:
                if file.stat().st_size > MAX_ATTACHMENT_READ:
                    raise ValueError
                data = file.read_bytes()
            except (OSError, ValueError):
                QMessageBox.warning(
                    self,
                    self.tr("无法添加附件"),
                    self.tr("无法读取文件“{name}”，或文件太大。").format(name=file.name),
                )
                continue
            self._added.append(NewAttachment(file.name, data))
        self._fill_attachments()

    def _selected_attachment(self) -> tuple[str, int] | None:
        items = self.ui.attachments.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def remove_attachment(self) -> None:
        selected = self._selected_attachment()
        if selected is None:
            return
        kind, key = selected
        if kind == "new":
            del self._added[key]
        else:
            self._removed.append(key)
        self._fill_attachments()

    def open_attachment(self) -> None:
        selected = self._selected_attachment()
        if selected is None:
            return
        kind, key = selected
        if kind == "new":
            name, data = self._added[key].file_name, self._added[key].data
        else:
            try:
                found, data = self._ws.attachments.read(key)
            except Exception as exc:  # a damaged or missing file: only this one is affected
                from dangjian_desktop.gui import errors

                errors.show_error(self, self.tr("无法打开附件"), exc)
                return
            name = found.file_name
        folder = Path(tempfile.mkdtemp(prefix="dangjian-attachment-"))
        target = folder / name
        target.write_bytes(data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))


def light_picker(combo: QComboBox) -> None:
    """A people picker of thousands of names that measures none of them: sized for a name
    (the form's layout stretches it), its list's rows all one line high. Measured, the four
    pickers of a 7,000-member roster took ~350 ms to first show (each name's width, in each:
    AdjustToContentsOnFirstShow) and a list ~400 ms to open (each row's size asked)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(PICKER_NAME_CHARS)
    view = combo.view()
    if isinstance(view, QListView):
        view.setUniformItemSizes(True)


def _person(combo: QComboBox) -> tuple[int | None, str]:
    """(member id, "") for a member picked, (None, name) for a name typed."""
    index = combo.currentIndex()
    text = combo.currentText().strip()
    member_id = combo.itemData(index) if index > 0 else None
    if member_id is not None and combo.itemText(index) == text:
        return member_id, ""
    return None, text


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(size // 1024, 1)} KB"


def reopen_meeting(parent: QWidget, ws: Workspace, events: AppEvents, meeting_id: int) -> bool:
    """Ask for the reason, then reopen an archived record (the reason goes to the audit
    log). True when it was reopened."""
    while True:
        reason, ok = QInputDialog.getText(
            parent,
            parent.tr("重新打开已归档的记录"),
            parent.tr("请说明重新打开的原因（将记入操作日志）："),
        )
        if not ok:
            return False
        if reason.strip():
            break
        QMessageBox.warning(parent, parent.tr("重新打开"), parent.tr("请填写重新打开的原因。"))
    return run_op(
        parent,
        events,
        lambda: ws.meetings.reopen(meeting_id, reason),
        title=parent.tr("无法重新打开"),
    )


__all__ = ["MeetingDialog", "light_picker", "parse_time", "reopen_meeting"]
