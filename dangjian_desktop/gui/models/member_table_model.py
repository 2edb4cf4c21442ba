"""The roster's table: the id-list model (gui/models/id_list_model.py) with the member
columns. Its context is the 党小组 names by id, read once per refresh."""

from __future__ import annotations

from datetime import date

from dangjian_desktop.domain.masking import mask_id
from dangjian_desktop.domain.people import Member, MemberFilter, MemberSort
from dangjian_desktop.gui.labels import (
    category_label,
    party_post_label,
    sex_label,
    status_label,
)
from dangjian_desktop.gui.models.id_list_model import (
    DAMAGED_TEXT,
    PAGE_SIZE,
    IdListTableModel,
    TableColumn,
)

__all__ = ["DAMAGED_TEXT", "PAGE_SIZE", "MemberTableModel", "roster_columns"]


def _date(value: date | None) -> str:
    return value.isoformat() if value else ""


def roster_columns() -> list[TableColumn[Member]]:
    # Widths in pixels at the shipped font (10 pt): the widest usual value and the header with
    # its sort arrow fit, and up to 联系电话 it all fits a 1280 px window on a 1366×768 screen
    # (tests/gui/views/test_members_view_widths.py). The sort key is the Member field.
    return [
        TableColumn("name", "姓名", 80, lambda m, g: m.name),
        TableColumn("sex", "性别", 46, lambda m, g: sex_label(m.sex)),
        TableColumn("birth_date", "出生日期", 90, lambda m, g: _date(m.birth_date)),
        TableColumn("id_number", "身份证号", 150, lambda m, g: mask_id(m.id_number)),
        TableColumn("category", "类别", 72, lambda m, g: category_label(m.category)),
        TableColumn("join_date", "入党日期", 90, lambda m, g: _date(m.join_date)),
        TableColumn("full_date", "转正日期", 90, lambda m, g: _date(m.full_date)),
        TableColumn(
            "party_group_id",
            "党小组",
            100,
            lambda m, g: g.get(m.party_group_id, "") if m.party_group_id else "",
        ),
        TableColumn("party_post", "党内职务", 80, lambda m, g: party_post_label(m.party_post)),
        TableColumn("work_unit", "工作单位（船/库）", 136, lambda m, g: m.work_unit),
        TableColumn("job_post", "职务/岗位", 86, lambda m, g: m.job_post),
        TableColumn("phone", "联系电话", 110, lambda m, g: m.phone),
        TableColumn("status", "党籍状态", 76, lambda m, g: status_label(m.status)),
    ]


class MemberTableModel(IdListTableModel):
    """Empty until refresh() (the 党员 tab refreshes it when first shown)."""

    def __init__(self, members_service, parent=None) -> None:
        super().__init__(
            members_service,
            roster_columns(),
            MemberFilter(),
            MemberSort(),
            context=members_service.group_names,
            parent=parent,
        )

    def member_id(self, row: int) -> int | None:
        return self.id_at(row)

    def member(self, row: int) -> Member | None:
        return self.item(row)
