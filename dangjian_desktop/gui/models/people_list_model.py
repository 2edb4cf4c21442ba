"""The people pickers' list (主持人, 记录人, 主讲人, 领学人): one light model over the names of
everyone on the roster on the meeting date, shared by the four combo boxes of the form.

A QStandardItemModel of a 10,000-member roster cost the meeting form ~40 ms to build (an
item, a setData and an appendRow per member) and every `findData` a linear scan through
it (issue 8: opening a record ≤ 100 ms). This model is two tuples and a dict from member
id to row: built in one pass, a member's row found by `row_of` without a scan. Row 0 is
the blank choice (no one picked); rows appended by `add_unlisted` name members the
record refers to who were not on the roster that day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

_DISPLAY, _EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
ID_ROLE = Qt.ItemDataRole.UserRole
_Index = QModelIndex | QPersistentModelIndex


class PeopleListModel(QAbstractListModel):
    """Rows: "" (no one), then each (member id, name) in the order given."""

    def __init__(self, people: Iterable[tuple[int, str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        ids: list[int | None] = [None]
        names = [""]
        for member_id, name in people:
            ids.append(member_id)
            names.append(name)
        self._ids, self._names = ids, names
        self._rows = {member_id: row for row, member_id in enumerate(ids) if row}

    @classmethod
    def of_columns(
        cls, ids: Sequence[int], names: Sequence[str], parent: QObject | None = None
    ) -> PeopleListModel:
        """The model of (ids[i], names[i]) in order, built from the two columns at once (a
        roster's ListedRoster.ids and .names: no pair per member)."""
        model = cls((), parent)
        model._ids = [None, *ids]
        model._names = ["", *names]
        model._rows = dict(zip(ids, range(1, len(ids) + 1), strict=True))
        return model

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: _Index, role: int = _DISPLAY) -> object:
        if not index.isValid():
            return None
        row = index.row()
        if role in (_DISPLAY, _EDIT):
            return self._names[row]
        if role == ID_ROLE:
            return self._ids[row]
        return None

    def row_of(self, member_id: int | None) -> int:
        """The row of `member_id`, or -1 (None: the blank row 0 is no member)."""
        if member_id is None:
            return -1
        return self._rows.get(member_id, -1)

    def add_unlisted(self, member_id: int, text: str) -> int:
        """Append a member not on the roster that day (named by `text`); its row."""
        found = self.row_of(member_id)
        if found >= 0:
            return found
        row = len(self._ids)
        self.beginInsertRows(QModelIndex(), row, row)
        self._ids.append(member_id)
        self._names.append(text)
        self._rows[member_id] = row
        self.endInsertRows()
        return row
