"""The meetings list's columns (the id-list model over ws.meetings). The context is the
党小组 names by id, read once per refresh."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from dangjian_desktop.domain.meetings import MeetingRow, MeetingStatus, MeetingType
from dangjian_desktop.export.labels import ALSO_COUNTS_AS, IN_GROUP, MEETING_STATUS, MEETING_TYPE
from dangjian_desktop.gui.models.id_list_model import TableColumn

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_STATUS_COLOURS = {
    MeetingStatus.PLANNED: QBrush(QColor("#8a6d00")),
    MeetingStatus.HELD: QBrush(QColor("#1e6b2f")),
    MeetingStatus.ARCHIVED: QBrush(QColor("#555555")),
}


def type_text(row: MeetingRow, groups: dict[int, str] | None) -> str:
    """支部党员大会; 党小组会（驾驶部党小组）; 主题党日（兼党课）."""
    text = MEETING_TYPE.get(row.type, "")
    if row.type is MeetingType.GROUP and row.party_group_id is not None:
        group = (groups or {}).get(row.party_group_id, "")
        if group:
            text = IN_GROUP.format(type=text, group=group)
    if row.also_counts_as is not None:
        text = ALSO_COUNTS_AS.format(type=text, other=MEETING_TYPE.get(row.also_counts_as, ""))
    return text


def _count(value: int) -> str:
    return str(value)


def meeting_columns() -> list[TableColumn[MeetingRow]]:
    # Widths in pixels at the shipped 10 pt font: the widest usual value fits.
    return [
        TableColumn("date", "日期", 92, lambda r, g: r.date.isoformat()),
        TableColumn("type", "会议类型", 170, type_text),
        TableColumn("topic", "会议主题", 300, lambda r, g: r.topic, tooltip=lambda r, g: r.topic),
        TableColumn(None, "地点", 130, lambda r, g: r.place),
        TableColumn(None, "主持人", 70, lambda r, g: r.host_name),
        TableColumn(
            None, "应到", 46, lambda r, g: _count(r.expected), alignment=lambda r, g: _RIGHT
        ),
        TableColumn(
            None, "实到", 46, lambda r, g: _count(r.present), alignment=lambda r, g: _RIGHT
        ),
        TableColumn(
            None, "请假", 46, lambda r, g: _count(r.on_leave), alignment=lambda r, g: _RIGHT
        ),
        TableColumn(None, "缺席", 46, lambda r, g: _count(r.absent), alignment=lambda r, g: _RIGHT),
        TableColumn(
            "status",
            "状态",
            64,
            lambda r, g: MEETING_STATUS.get(r.status, ""),
            foreground=lambda r, g: _STATUS_COLOURS.get(r.status),
        ),
        TableColumn(None, "补记", 46, lambda r, g: "补记" if r.late_record else ""),
        TableColumn(None, "附件", 46, lambda r, g: str(r.attachments) if r.attachments else ""),
    ]
