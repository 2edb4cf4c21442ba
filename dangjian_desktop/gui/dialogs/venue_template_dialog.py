"""检查表模板 editor: the 六有 groups and their items, each item with its weight (分值)
and a note on what counts as 合格. Saving makes a new version of the template
(ws.venues.save_template); inspections already done keep the version they were done with.

Keyboard: the tree has the focus; F2 edits the cell, Insert adds an item to the current
group, Delete removes the current row, Ctrl+↑/↓ move it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dangjian_desktop.domain.venues import Group, Item, Template, new_key
from dangjian_desktop.gui.ops import run_op

COL_TEXT, COL_WEIGHT, COL_NOTE = range(3)
KEY_ROLE = Qt.ItemDataRole.UserRole
SOURCE_ROLE = Qt.ItemDataRole.UserRole + 1
_EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable


class TemplateDialog(QDialog):
    def __init__(self, ws, events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws, self._events = ws, events
        self.template = ws.venues.template()
        self.saved: Template | None = None
        self.setWindowTitle(self.tr("检查表模板"))
        self.name = QLineEdit(self.template.name, self)
        self.name.setObjectName("name")
        self.version = QLabel(
            self.tr("第 {version} 版；保存修改后为第 {next} 版，已做的检查不受影响").format(
                version=self.template.version, next=self.template.version + 1
            ),
            self,
        )
        self.note = QLabel(self.template.note, self)
        self.note.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("items")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("分组 / 检查项"), self.tr("分值"), self.tr("合格标准")])
        self.tree.setColumnWidth(COL_TEXT, 300)
        self.tree.setColumnWidth(COL_WEIGHT, 56)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.tree.setAlternatingRowColors(True)
        self.total = QLabel(self)
        for group in self.template.groups:
            self._add_group_row(group)
        self.tree.expandAll()
        self.tree.itemChanged.connect(lambda *_a: self._update_total())

        self.add_group_button = QPushButton(self.tr("添加分组"), self)
        self.add_item_button = QPushButton(self.tr("添加检查项"), self)
        self.remove_button = QPushButton(self.tr("删除"), self)
        self.up_button = QPushButton(self.tr("上移"), self)
        self.down_button = QPushButton(self.tr("下移"), self)
        self.add_group_button.clicked.connect(self.add_group)
        self.add_item_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        for key, slot in (
            (QKeySequence(Qt.Key.Key_Insert), self.add_item),
            (QKeySequence(Qt.Key.Key_Delete), self.remove_current),
            (QKeySequence("Ctrl+Up"), lambda: self.move_current(-1)),
            (QKeySequence("Ctrl+Down"), lambda: self.move_current(1)),
        ):
            shortcut = QShortcut(key, self.tree)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存为新版本"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("版本"), self.version)
        row = QHBoxLayout()
        for button in (
            self.add_group_button,
            self.add_item_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.resize(900, 640)
        self._update_total()

    # --- rows -----------------------------------------------------------------------------
    def _add_group_row(self, group: Group, index: int | None = None) -> QTreeWidgetItem:
        row = QTreeWidgetItem([group.name, "", ""])
        row.setFlags(_EDITABLE)
        row.setData(COL_TEXT, KEY_ROLE, group.key)
        row.setData(COL_TEXT, SOURCE_ROLE, group.source)
        row.setToolTip(COL_TEXT, group.source)
        font = QFont(row.font(COL_TEXT))
        font.setBold(True)
        row.setFont(COL_TEXT, font)
        if index is None:
            self.tree.addTopLevelItem(row)
        else:
            self.tree.insertTopLevelItem(index, row)
        for item in group.items:
            self._add_item_row(row, item)
        return row

    def _add_item_row(self, group_row, item: Item, index: int | None = None) -> QTreeWidgetItem:
        row = QTreeWidgetItem([item.text, str(item.weight), item.note])
        row.setFlags(_EDITABLE)
        row.setData(COL_TEXT, KEY_ROLE, item.key)
        row.setTextAlignment(COL_WEIGHT, Qt.AlignmentFlag.AlignCenter)
        if index is None:
            group_row.addChild(row)
        else:
            group_row.insertChild(index, row)
        return row

    def add_group(self) -> None:
        row = self._add_group_row(
            Group(new_key(), self.tr("新分组"), (Item(new_key(), self.tr("新检查项"), 1),))
        )
        row.setExpanded(True)
        self.tree.setCurrentItem(row, COL_TEXT)
        self.tree.editItem(row, COL_TEXT)
        self._update_total()

    def add_item(self) -> None:
        current = self.tree.currentItem()
        if current is None:
            return
        group = current if current.parent() is None else current.parent()
        index = None if current is group else group.indexOfChild(current) + 1
        row = self._add_item_row(group, Item(new_key(), self.tr("新检查项"), 1), index)
        group.setExpanded(True)
        self.tree.setCurrentItem(row, COL_TEXT)
        self.tree.editItem(row, COL_TEXT)
        self._update_total()

    def remove_current(self) -> None:
        current = self.tree.currentItem()
        if current is None:
            return
        if current.parent() is None:
            answer = QMessageBox.question(
                self,
                self.tr("删除分组"),
                self.tr("删除分组“{name}”和它的 {n} 个检查项吗？").format(
                    name=current.text(COL_TEXT), n=current.childCount()
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(current))
        else:
            current.parent().removeChild(current)
        self._update_total()

    def move_current(self, step: int) -> None:
        current = self.tree.currentItem()
        if current is None:
            return
        parent = current.parent()
        if parent is None:
            index = self.tree.indexOfTopLevelItem(current)
            target = index + step
            if 0 <= target < self.tree.topLevelItemCount():
                expanded = current.isExpanded()
                self.tree.takeTopLevelItem(index)
                self.tree.insertTopLevelItem(target, current)
                current.setExpanded(expanded)
        else:
            index = parent.indexOfChild(current)
            target = index + step
            if 0 <= target < parent.childCount():
                parent.takeChild(index)
                parent.insertChild(target, current)
        self.tree.setCurrentItem(current)

    # --- the value ------------------------------------------------------------------------
    def current_template(self) -> Template | None:
        """The edited template; None (and the row pointed at) when a weight is no number."""
        groups = []
        for g in range(self.tree.topLevelItemCount()):
            group_row = self.tree.topLevelItem(g)
            items = []
            for i in range(group_row.childCount()):
                row = group_row.child(i)
                text = row.text(COL_WEIGHT).strip()
                if not text.isdigit():
                    self.tree.setCurrentItem(row, COL_WEIGHT)
                    QMessageBox.warning(
                        self,
                        self.tr("分值有误"),
                        self.tr("“{item}”的分值应为正整数。").format(item=row.text(COL_TEXT)),
                    )
                    return None
                items.append(
                    Item(
                        row.data(COL_TEXT, KEY_ROLE),
                        row.text(COL_TEXT),
                        int(text),
                        row.text(COL_NOTE),
                    )
                )
            groups.append(
                Group(
                    group_row.data(COL_TEXT, KEY_ROLE),
                    group_row.text(COL_TEXT),
                    tuple(items),
                    group_row.data(COL_TEXT, SOURCE_ROLE) or "",
                )
            )
        return Template(
            name=self.name.text(),
            version=self.template.version,
            groups=tuple(groups),
            note=self.template.note,
            id=self.template.id,
        )

    def _update_total(self) -> None:
        total = 0
        for g in range(self.tree.topLevelItemCount()):
            group_row = self.tree.topLevelItem(g)
            for i in range(group_row.childCount()):
                text = group_row.child(i).text(COL_WEIGHT).strip()
                total += int(text) if text.isdigit() else 0
        self.total.setText(self.tr("合计 {total} 分").format(total=total))

    def is_dirty(self) -> bool:
        value = self.current_template()
        return value is not None and value != self.template

    def save(self) -> None:
        value = self.current_template()
        if value is None:
            return

        def saved(template) -> None:
            self.saved = template
            self.accept()

        run_op(
            self,
            self._events,
            lambda: self._ws.venues.save_template(value),
            on_success=saved,
            title=self.tr("无法保存检查表模板"),
        )
