"""The audit log as a lazy paged model: a count, then pages of rows fetched when shown.

The filter and the paging run in SQL (ws.audit.entries), so 100,000 rows cost one count
and a page or two. The list is pinned to the newest row at the time it was filtered
(AuditFilter.up_to_id): an automatic backup writing its row while the dialog is open
does not shift the pages under the view.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from datetime import UTC

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from dangjian_desktop.audit_text import NAMED_IN_ROW, action_name, changes_text, object_text
from dangjian_desktop.domain.audit import MEMBER, AuditEntry, AuditFilter

PAGE_SIZE = 200
MAX_CACHED_PAGES = 10
_Index = QModelIndex | QPersistentModelIndex

TIME, ACTOR, ACTION, OBJECT, CHANGES = range(5)
HEADERS = ("时间", "操作人", "操作", "对象", "改动的项目")
WIDTHS = (150, 90, 150, 260, 320)


class AuditTableModel(QAbstractTableModel):
    def __init__(self, audit_service, parent=None) -> None:
        super().__init__(parent)
        self._service = audit_service
        self._filter = AuditFilter()
        self._count = 0
        self._pages: OrderedDict[int, list[tuple[AuditEntry, tuple[str, ...]]]] = OrderedDict()
        self.set_filter(AuditFilter())

    @property
    def audit_filter(self) -> AuditFilter:
        return self._filter

    def set_filter(self, flt: AuditFilter) -> None:
        """Show the rows `flt` selects, as of now."""
        self.beginResetModel()
        self._filter = replace(flt, up_to_id=self._service.newest_id() or 0)
        self._count = self._service.count(self._filter)
        self._pages.clear()
        self.endResetModel()

    def entry(self, row: int) -> AuditEntry | None:
        found = self._row(row)
        return found[0] if found else None

    def _row(self, row: int) -> tuple[AuditEntry, tuple[str, ...]] | None:
        if not 0 <= row < self._count:
            return None
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            page = self._fetch(page_no)
            self._pages[page_no] = page
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        index = row - page_no * PAGE_SIZE
        return page[index] if index < len(page) else None

    def _fetch(self, page_no: int) -> list[tuple[AuditEntry, tuple[str, ...]]]:
        entries = self._service.entries(self._filter, PAGE_SIZE, page_no * PAGE_SIZE)
        named = {
            i for e in entries if e.kind == MEMBER and len(e.ids) <= NAMED_IN_ROW for i in e.ids
        }
        names = self._service.member_names(named) if named else {}
        return [(e, self._texts(e, names)) for e in entries]

    @staticmethod
    def _texts(entry: AuditEntry, names: dict[int, str]) -> tuple[str, ...]:
        when = entry.at.replace(tzinfo=entry.at.tzinfo or UTC).astimezone()
        return (
            when.strftime("%Y-%m-%d %H:%M:%S"),
            entry.actor,
            action_name(entry.action),
            object_text(entry, names),
            changes_text(entry),
        )

    # --- Qt --------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return self.tr(HEADERS[section])
        return None

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        found = self._row(index.row())
        if found is None:
            return None
        text = found[1][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if index.column() in (OBJECT, CHANGES) and text else None
        return text

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
