# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'point_entry_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QSizePolicy, QVBoxLayout, QWidget)

from dangjian_desktop.gui.widgets.date_field import DateField

class Ui_PointEntryDialog(object):
    def setupUi(self, PointEntryDialog):
        if not PointEntryDialog.objectName():
            PointEntryDialog.setObjectName(u"PointEntryDialog")
        PointEntryDialog.resize(540, 300)
        self.mainLayout = QVBoxLayout(PointEntryDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.groupLabel = QLabel(PointEntryDialog)
        self.groupLabel.setObjectName(u"groupLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.groupLabel)

        self.group = QComboBox(PointEntryDialog)
        self.group.setObjectName(u"group")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.group)

        self.membersLabel = QLabel(PointEntryDialog)
        self.membersLabel.setObjectName(u"membersLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.membersLabel)

        self.members = QListWidget(PointEntryDialog)
        self.members.setObjectName(u"members")
        self.members.setMinimumSize(QSize(0, 180))

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.members)

        self.members_count = QLabel(PointEntryDialog)
        self.members_count.setObjectName(u"members_count")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.members_count)

        self.member_idLabel = QLabel(PointEntryDialog)
        self.member_idLabel.setObjectName(u"member_idLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.member_idLabel)

        self.member_id = QComboBox(PointEntryDialog)
        self.member_id.setObjectName(u"member_id")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.member_id)

        self.dateLabel = QLabel(PointEntryDialog)
        self.dateLabel.setObjectName(u"dateLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.dateLabel)

        self.date = DateField(PointEntryDialog)
        self.date.setObjectName(u"date")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.date)

        self.rule_codeLabel = QLabel(PointEntryDialog)
        self.rule_codeLabel.setObjectName(u"rule_codeLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.rule_codeLabel)

        self.rule_code = QComboBox(PointEntryDialog)
        self.rule_code.setObjectName(u"rule_code")
        self.rule_code.setMinimumContentsLength(30)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.rule_code)

        self.rule_hint = QLabel(PointEntryDialog)
        self.rule_hint.setObjectName(u"rule_hint")
        self.rule_hint.setWordWrap(True)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.rule_hint)

        self.pointsLabel = QLabel(PointEntryDialog)
        self.pointsLabel.setObjectName(u"pointsLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.pointsLabel)

        self.points = QLineEdit(PointEntryDialog)
        self.points.setObjectName(u"points")
        self.points.setMaxLength(8)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.points)

        self.override_reasonLabel = QLabel(PointEntryDialog)
        self.override_reasonLabel.setObjectName(u"override_reasonLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.override_reasonLabel)

        self.override_reason = QLineEdit(PointEntryDialog)
        self.override_reason.setObjectName(u"override_reason")
        self.override_reason.setMaxLength(200)

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.override_reason)

        self.noteLabel = QLabel(PointEntryDialog)
        self.noteLabel.setObjectName(u"noteLabel")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.noteLabel)

        self.note = QLineEdit(PointEntryDialog)
        self.note.setObjectName(u"note")
        self.note.setMaxLength(200)

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.note)

        self.evidenceLabel = QLabel(PointEntryDialog)
        self.evidenceLabel.setObjectName(u"evidenceLabel")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.evidenceLabel)

        self.evidenceRow = QHBoxLayout()
        self.evidenceRow.setObjectName(u"evidenceRow")
        self.evidence_name = QLabel(PointEntryDialog)
        self.evidence_name.setObjectName(u"evidence_name")

        self.evidenceRow.addWidget(self.evidence_name)

        self.evidence_button = QPushButton(PointEntryDialog)
        self.evidence_button.setObjectName(u"evidence_button")

        self.evidenceRow.addWidget(self.evidence_button)

        self.evidenceRow.setStretch(0, 1)

        self.form.setLayout(10, QFormLayout.ItemRole.FieldRole, self.evidenceRow)

        self.evidence_error = QLabel(PointEntryDialog)
        self.evidence_error.setObjectName(u"evidence_error")

        self.form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.evidence_error)

        self.recorded_byLabel = QLabel(PointEntryDialog)
        self.recorded_byLabel.setObjectName(u"recorded_byLabel")

        self.form.setWidget(12, QFormLayout.ItemRole.LabelRole, self.recorded_byLabel)

        self.recorded_by = QLineEdit(PointEntryDialog)
        self.recorded_by.setObjectName(u"recorded_by")
        self.recorded_by.setMaxLength(40)

        self.form.setWidget(12, QFormLayout.ItemRole.FieldRole, self.recorded_by)


        self.mainLayout.addLayout(self.form)

        self.summary = QLabel(PointEntryDialog)
        self.summary.setObjectName(u"summary")
        self.summary.setWordWrap(True)

        self.mainLayout.addWidget(self.summary)

        self.buttons = QDialogButtonBox(PointEntryDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.groupLabel.setBuddy(self.group)
        self.membersLabel.setBuddy(self.members)
        self.member_idLabel.setBuddy(self.member_id)
        self.dateLabel.setBuddy(self.date)
        self.rule_codeLabel.setBuddy(self.rule_code)
        self.pointsLabel.setBuddy(self.points)
        self.override_reasonLabel.setBuddy(self.override_reason)
        self.noteLabel.setBuddy(self.note)
        self.evidenceLabel.setBuddy(self.evidence_button)
        self.recorded_byLabel.setBuddy(self.recorded_by)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.group, self.members)
        QWidget.setTabOrder(self.members, self.member_id)
        QWidget.setTabOrder(self.member_id, self.date)
        QWidget.setTabOrder(self.date, self.rule_code)
        QWidget.setTabOrder(self.rule_code, self.points)
        QWidget.setTabOrder(self.points, self.override_reason)
        QWidget.setTabOrder(self.override_reason, self.note)
        QWidget.setTabOrder(self.note, self.evidence_button)
        QWidget.setTabOrder(self.evidence_button, self.recorded_by)

        self.retranslateUi(PointEntryDialog)

        QMetaObject.connectSlotsByName(PointEntryDialog)
    # setupUi

    def retranslateUi(self, PointEntryDialog):
        PointEntryDialog.setWindowTitle(QCoreApplication.translate("PointEntryDialog", u"\u5f55\u5165\u79ef\u5206", None))
        self.groupLabel.setText(QCoreApplication.translate("PointEntryDialog", u"\u515a\u5c0f\u7ec4", None))
        self.membersLabel.setText(QCoreApplication.translate("PointEntryDialog", u"\u515a\u5458", None))
        self.members_count.setText("")
        self.member_idLabel.setText(QCoreApplication.translate("PointEntryDialog", u"\u515a\u5458", None))
        self.dateLabel.setText(QCoreApplication.translate("PointEntryDialog", u"\u65e5\u671f", None))
        self.rule_codeLabel.setText(QCoreApplication.translate("PointEntryDialog", u"\u79ef\u5206\u9879\u76ee", None))
        self.rule_hint.setText("")
        self.pointsLabel.setText(QCoreApplication.translate("PointEntryDialog", u"\u5206\u503c", None))
        self.override_reasonLabel.setText(QCoreApplication.translate("PointEntryDialog", u"\u8c03\u6574\u539f\u56e0", None))
        self.override_reason.setPlaceholderText(QCoreApplication.translate("PointEntryDialog", u"\u5206\u503c\u4e0e\u9879\u76ee\u4e0d\u540c\u65f6\u5fc5\u586b", None))
        self.noteLabel.setText(QCoreApplication.translate("PointEntryDialog", u"\u5907\u6ce8", None))
        self.evidenceLabel.setText(QCoreApplication.translate("PointEntryDialog", u"\u8bc1\u660e\u6750\u6599", None))
        self.evidence_name.setText(QCoreApplication.translate("PointEntryDialog", u"\u672a\u9009\u62e9", None))
        self.evidence_button.setText(QCoreApplication.translate("PointEntryDialog", u"\u9009\u62e9\u6587\u4ef6\u2026", None))
        self.evidence_error.setText("")
        self.recorded_byLabel.setText(QCoreApplication.translate("PointEntryDialog", u"\u8bb0\u5f55\u4eba", None))
        self.summary.setText("")
    # retranslateUi

