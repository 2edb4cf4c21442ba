# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'meeting_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QSizePolicy,
    QSpacerItem, QTabWidget, QVBoxLayout, QWidget)

from dangjian_desktop.gui.widgets.date_field import DateField

class Ui_MeetingDialog(object):
    def setupUi(self, MeetingDialog):
        if not MeetingDialog.objectName():
            MeetingDialog.setObjectName(u"MeetingDialog")
        MeetingDialog.resize(860, 640)
        self.mainLayout = QVBoxLayout(MeetingDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.banner = QLabel(MeetingDialog)
        self.banner.setObjectName(u"banner")
        self.banner.setWordWrap(True)

        self.mainLayout.addWidget(self.banner)

        self.summary = QLabel(MeetingDialog)
        self.summary.setObjectName(u"summary")
        self.summary.setWordWrap(True)

        self.mainLayout.addWidget(self.summary)

        self.tabs = QTabWidget(MeetingDialog)
        self.tabs.setObjectName(u"tabs")
        self.tabBasic = QWidget()
        self.tabBasic.setObjectName(u"tabBasic")
        self.basicLayout = QVBoxLayout(self.tabBasic)
        self.basicLayout.setObjectName(u"basicLayout")
        self.basicForm = QFormLayout()
        self.basicForm.setObjectName(u"basicForm")
        self.typeLabel = QLabel(self.tabBasic)
        self.typeLabel.setObjectName(u"typeLabel")

        self.basicForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.typeLabel)

        self.type = QComboBox(self.tabBasic)
        self.type.setObjectName(u"type")

        self.basicForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.type)

        self.party_group_idLabel = QLabel(self.tabBasic)
        self.party_group_idLabel.setObjectName(u"party_group_idLabel")

        self.basicForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.party_group_idLabel)

        self.party_group_id = QComboBox(self.tabBasic)
        self.party_group_id.setObjectName(u"party_group_id")

        self.basicForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.party_group_id)

        self.also_counts_asLabel = QLabel(self.tabBasic)
        self.also_counts_asLabel.setObjectName(u"also_counts_asLabel")

        self.basicForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.also_counts_asLabel)

        self.also_counts_as = QComboBox(self.tabBasic)
        self.also_counts_as.setObjectName(u"also_counts_as")

        self.basicForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.also_counts_as)

        self.theme_tagsLabel = QLabel(self.tabBasic)
        self.theme_tagsLabel.setObjectName(u"theme_tagsLabel")

        self.basicForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.theme_tagsLabel)

        self.theme_tags = QListWidget(self.tabBasic)
        self.theme_tags.setObjectName(u"theme_tags")
        self.theme_tags.setMaximumSize(QSize(16777215, 84))

        self.basicForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.theme_tags)

        self.topicLabel = QLabel(self.tabBasic)
        self.topicLabel.setObjectName(u"topicLabel")

        self.basicForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.topicLabel)

        self.topic = QLineEdit(self.tabBasic)
        self.topic.setObjectName(u"topic")

        self.basicForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.topic)

        self.statusLabel = QLabel(self.tabBasic)
        self.statusLabel.setObjectName(u"statusLabel")

        self.basicForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.statusLabel)

        self.status = QComboBox(self.tabBasic)
        self.status.setObjectName(u"status")

        self.basicForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.status)

        self.dateLabel = QLabel(self.tabBasic)
        self.dateLabel.setObjectName(u"dateLabel")

        self.basicForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.dateLabel)

        self.date = DateField(self.tabBasic)
        self.date.setObjectName(u"date")

        self.basicForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.date)

        self.start_timeLabel = QLabel(self.tabBasic)
        self.start_timeLabel.setObjectName(u"start_timeLabel")

        self.basicForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.start_timeLabel)

        self.start_time = QLineEdit(self.tabBasic)
        self.start_time.setObjectName(u"start_time")
        self.start_time.setMaximumSize(QSize(120, 16777215))

        self.basicForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.start_time)

        self.end_timeLabel = QLabel(self.tabBasic)
        self.end_timeLabel.setObjectName(u"end_timeLabel")

        self.basicForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.end_timeLabel)

        self.end_time = QLineEdit(self.tabBasic)
        self.end_time.setObjectName(u"end_time")
        self.end_time.setMaximumSize(QSize(120, 16777215))

        self.basicForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.end_time)

        self.placeLabel = QLabel(self.tabBasic)
        self.placeLabel.setObjectName(u"placeLabel")

        self.basicForm.setWidget(9, QFormLayout.ItemRole.LabelRole, self.placeLabel)

        self.place = QComboBox(self.tabBasic)
        self.place.setObjectName(u"place")
        self.place.setEditable(True)

        self.basicForm.setWidget(9, QFormLayout.ItemRole.FieldRole, self.place)

        self.host_idLabel = QLabel(self.tabBasic)
        self.host_idLabel.setObjectName(u"host_idLabel")

        self.basicForm.setWidget(10, QFormLayout.ItemRole.LabelRole, self.host_idLabel)

        self.host_id = QComboBox(self.tabBasic)
        self.host_id.setObjectName(u"host_id")

        self.basicForm.setWidget(10, QFormLayout.ItemRole.FieldRole, self.host_id)

        self.recorder_idLabel = QLabel(self.tabBasic)
        self.recorder_idLabel.setObjectName(u"recorder_idLabel")

        self.basicForm.setWidget(11, QFormLayout.ItemRole.LabelRole, self.recorder_idLabel)

        self.recorder_id = QComboBox(self.tabBasic)
        self.recorder_id.setObjectName(u"recorder_id")

        self.basicForm.setWidget(11, QFormLayout.ItemRole.FieldRole, self.recorder_id)

        self.lecturer_idLabel = QLabel(self.tabBasic)
        self.lecturer_idLabel.setObjectName(u"lecturer_idLabel")

        self.basicForm.setWidget(12, QFormLayout.ItemRole.LabelRole, self.lecturer_idLabel)

        self.lecturer_id = QComboBox(self.tabBasic)
        self.lecturer_id.setObjectName(u"lecturer_id")
        self.lecturer_id.setEditable(True)

        self.basicForm.setWidget(12, QFormLayout.ItemRole.FieldRole, self.lecturer_id)

        self.late_recordLabel = QLabel(self.tabBasic)
        self.late_recordLabel.setObjectName(u"late_recordLabel")

        self.basicForm.setWidget(13, QFormLayout.ItemRole.LabelRole, self.late_recordLabel)

        self.late_record = QCheckBox(self.tabBasic)
        self.late_record.setObjectName(u"late_record")

        self.basicForm.setWidget(13, QFormLayout.ItemRole.FieldRole, self.late_record)

        self.recorded_onLabel = QLabel(self.tabBasic)
        self.recorded_onLabel.setObjectName(u"recorded_onLabel")

        self.basicForm.setWidget(14, QFormLayout.ItemRole.LabelRole, self.recorded_onLabel)

        self.recorded_on = DateField(self.tabBasic)
        self.recorded_on.setObjectName(u"recorded_on")

        self.basicForm.setWidget(14, QFormLayout.ItemRole.FieldRole, self.recorded_on)


        self.basicLayout.addLayout(self.basicForm)

        self.firstTopicBox = QGroupBox(self.tabBasic)
        self.firstTopicBox.setObjectName(u"firstTopicBox")
        self.firstTopicForm = QFormLayout(self.firstTopicBox)
        self.firstTopicForm.setObjectName(u"firstTopicForm")
        self.first_topic_topicLabel = QLabel(self.firstTopicBox)
        self.first_topic_topicLabel.setObjectName(u"first_topic_topicLabel")

        self.firstTopicForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.first_topic_topicLabel)

        self.first_topic_topic = QLineEdit(self.firstTopicBox)
        self.first_topic_topic.setObjectName(u"first_topic_topic")

        self.firstTopicForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.first_topic_topic)

        self.first_topic_materialLabel = QLabel(self.firstTopicBox)
        self.first_topic_materialLabel.setObjectName(u"first_topic_materialLabel")

        self.firstTopicForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.first_topic_materialLabel)

        self.first_topic_material = QPlainTextEdit(self.firstTopicBox)
        self.first_topic_material.setObjectName(u"first_topic_material")
        self.first_topic_material.setTabChangesFocus(True)
        self.first_topic_material.setMaximumSize(QSize(16777215, 70))

        self.firstTopicForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.first_topic_material)

        self.first_topic_formLabel = QLabel(self.firstTopicBox)
        self.first_topic_formLabel.setObjectName(u"first_topic_formLabel")

        self.firstTopicForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.first_topic_formLabel)

        self.first_topic_form = QComboBox(self.firstTopicBox)
        self.first_topic_form.setObjectName(u"first_topic_form")
        self.first_topic_form.setEditable(True)

        self.firstTopicForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.first_topic_form)

        self.first_topic_leaderLabel = QLabel(self.firstTopicBox)
        self.first_topic_leaderLabel.setObjectName(u"first_topic_leaderLabel")

        self.firstTopicForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.first_topic_leaderLabel)

        self.first_topic_leader = QComboBox(self.firstTopicBox)
        self.first_topic_leader.setObjectName(u"first_topic_leader")
        self.first_topic_leader.setEditable(True)

        self.firstTopicForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.first_topic_leader)


        self.basicLayout.addWidget(self.firstTopicBox)

        self.tabs.addTab(self.tabBasic, "")
        self.tabAgenda = QWidget()
        self.tabAgenda.setObjectName(u"tabAgenda")
        self.agendaLayout = QVBoxLayout(self.tabAgenda)
        self.agendaLayout.setObjectName(u"agendaLayout")
        self.agendaBox = QGroupBox(self.tabAgenda)
        self.agendaBox.setObjectName(u"agendaBox")
        self.agendaBoxLayout = QVBoxLayout(self.agendaBox)
        self.agendaBoxLayout.setObjectName(u"agendaBoxLayout")

        self.agendaLayout.addWidget(self.agendaBox)

        self.tabs.addTab(self.tabAgenda, "")
        self.tabAttendance = QWidget()
        self.tabAttendance.setObjectName(u"tabAttendance")
        self.attendanceLayout = QVBoxLayout(self.tabAttendance)
        self.attendanceLayout.setObjectName(u"attendanceLayout")
        self.tabs.addTab(self.tabAttendance, "")
        self.tabVotes = QWidget()
        self.tabVotes.setObjectName(u"tabVotes")
        self.votesLayout = QVBoxLayout(self.tabVotes)
        self.votesLayout.setObjectName(u"votesLayout")
        self.tabs.addTab(self.tabVotes, "")
        self.tabMinutes = QWidget()
        self.tabMinutes.setObjectName(u"tabMinutes")
        self.minutesForm = QFormLayout(self.tabMinutes)
        self.minutesForm.setObjectName(u"minutesForm")
        self.minutesLabel = QLabel(self.tabMinutes)
        self.minutesLabel.setObjectName(u"minutesLabel")

        self.minutesForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.minutesLabel)

        self.minutes = QPlainTextEdit(self.tabMinutes)
        self.minutes.setObjectName(u"minutes")
        self.minutes.setTabChangesFocus(True)

        self.minutesForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.minutes)

        self.follow_upsLabel = QLabel(self.tabMinutes)
        self.follow_upsLabel.setObjectName(u"follow_upsLabel")

        self.minutesForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.follow_upsLabel)

        self.follow_ups = QPlainTextEdit(self.tabMinutes)
        self.follow_ups.setObjectName(u"follow_ups")
        self.follow_ups.setTabChangesFocus(True)
        self.follow_ups.setMaximumSize(QSize(16777215, 90))

        self.minutesForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.follow_ups)

        self.tabs.addTab(self.tabMinutes, "")
        self.tabAttachments = QWidget()
        self.tabAttachments.setObjectName(u"tabAttachments")
        self.attachmentsLayout = QVBoxLayout(self.tabAttachments)
        self.attachmentsLayout.setObjectName(u"attachmentsLayout")
        self.attachments = QListWidget(self.tabAttachments)
        self.attachments.setObjectName(u"attachments")

        self.attachmentsLayout.addWidget(self.attachments)

        self.attachmentButtons = QHBoxLayout()
        self.attachmentButtons.setObjectName(u"attachmentButtons")
        self.addAttachment = QPushButton(self.tabAttachments)
        self.addAttachment.setObjectName(u"addAttachment")

        self.attachmentButtons.addWidget(self.addAttachment)

        self.openAttachment = QPushButton(self.tabAttachments)
        self.openAttachment.setObjectName(u"openAttachment")

        self.attachmentButtons.addWidget(self.openAttachment)

        self.removeAttachment = QPushButton(self.tabAttachments)
        self.removeAttachment.setObjectName(u"removeAttachment")

        self.attachmentButtons.addWidget(self.removeAttachment)

        self.attachmentSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.attachmentButtons.addItem(self.attachmentSpacer)


        self.attachmentsLayout.addLayout(self.attachmentButtons)

        self.attachmentsHint = QLabel(self.tabAttachments)
        self.attachmentsHint.setObjectName(u"attachmentsHint")
        self.attachmentsHint.setWordWrap(True)

        self.attachmentsLayout.addWidget(self.attachmentsHint)

        self.tabs.addTab(self.tabAttachments, "")

        self.mainLayout.addWidget(self.tabs)

        self.bottomLayout = QHBoxLayout()
        self.bottomLayout.setObjectName(u"bottomLayout")
        self.reopenButton = QPushButton(MeetingDialog)
        self.reopenButton.setObjectName(u"reopenButton")

        self.bottomLayout.addWidget(self.reopenButton)

        self.buttons = QDialogButtonBox(MeetingDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.bottomLayout.addWidget(self.buttons)


        self.mainLayout.addLayout(self.bottomLayout)

#if QT_CONFIG(shortcut)
        self.typeLabel.setBuddy(self.type)
        self.party_group_idLabel.setBuddy(self.party_group_id)
        self.also_counts_asLabel.setBuddy(self.also_counts_as)
        self.theme_tagsLabel.setBuddy(self.theme_tags)
        self.topicLabel.setBuddy(self.topic)
        self.statusLabel.setBuddy(self.status)
        self.dateLabel.setBuddy(self.date)
        self.start_timeLabel.setBuddy(self.start_time)
        self.end_timeLabel.setBuddy(self.end_time)
        self.placeLabel.setBuddy(self.place)
        self.host_idLabel.setBuddy(self.host_id)
        self.recorder_idLabel.setBuddy(self.recorder_id)
        self.lecturer_idLabel.setBuddy(self.lecturer_id)
        self.late_recordLabel.setBuddy(self.late_record)
        self.recorded_onLabel.setBuddy(self.recorded_on)
        self.first_topic_topicLabel.setBuddy(self.first_topic_topic)
        self.first_topic_materialLabel.setBuddy(self.first_topic_material)
        self.first_topic_formLabel.setBuddy(self.first_topic_form)
        self.first_topic_leaderLabel.setBuddy(self.first_topic_leader)
        self.minutesLabel.setBuddy(self.minutes)
        self.follow_upsLabel.setBuddy(self.follow_ups)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.type, self.party_group_id)
        QWidget.setTabOrder(self.party_group_id, self.also_counts_as)
        QWidget.setTabOrder(self.also_counts_as, self.theme_tags)
        QWidget.setTabOrder(self.theme_tags, self.topic)
        QWidget.setTabOrder(self.topic, self.status)
        QWidget.setTabOrder(self.status, self.date)
        QWidget.setTabOrder(self.date, self.start_time)
        QWidget.setTabOrder(self.start_time, self.end_time)
        QWidget.setTabOrder(self.end_time, self.place)
        QWidget.setTabOrder(self.place, self.host_id)
        QWidget.setTabOrder(self.host_id, self.recorder_id)
        QWidget.setTabOrder(self.recorder_id, self.lecturer_id)
        QWidget.setTabOrder(self.lecturer_id, self.late_record)
        QWidget.setTabOrder(self.late_record, self.recorded_on)
        QWidget.setTabOrder(self.recorded_on, self.first_topic_topic)
        QWidget.setTabOrder(self.first_topic_topic, self.first_topic_material)
        QWidget.setTabOrder(self.first_topic_material, self.first_topic_form)
        QWidget.setTabOrder(self.first_topic_form, self.first_topic_leader)
        QWidget.setTabOrder(self.first_topic_leader, self.minutes)
        QWidget.setTabOrder(self.minutes, self.follow_ups)

        self.retranslateUi(MeetingDialog)

        QMetaObject.connectSlotsByName(MeetingDialog)
    # setupUi

    def retranslateUi(self, MeetingDialog):
        MeetingDialog.setWindowTitle(QCoreApplication.translate("MeetingDialog", u"\u4f1a\u8bae\u8bb0\u5f55", None))
        self.banner.setText("")
        self.summary.setText("")
        self.typeLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u4f1a\u8bae\u7c7b\u578b", None))
        self.party_group_idLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u515a\u5c0f\u7ec4", None))
        self.also_counts_asLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u540c\u65f6\u8ba1\u4e3a", None))
        self.theme_tagsLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u515a\u65e5\u7c7b\u578b", None))
        self.topicLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u4f1a\u8bae\u4e3b\u9898", None))
        self.statusLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u72b6\u6001", None))
        self.dateLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u4f1a\u8bae\u65e5\u671f", None))
        self.start_timeLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u5f00\u59cb\u65f6\u95f4", None))
        self.start_time.setPlaceholderText(QCoreApplication.translate("MeetingDialog", u"\u5982 09:00", None))
        self.end_timeLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u7ed3\u675f\u65f6\u95f4", None))
        self.end_time.setPlaceholderText(QCoreApplication.translate("MeetingDialog", u"\u5982 11:30", None))
        self.placeLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u5730\u70b9", None))
        self.host_idLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u4e3b\u6301\u4eba", None))
        self.recorder_idLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u8bb0\u5f55\u4eba", None))
        self.lecturer_idLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u4e3b\u8bb2\u4eba", None))
        self.late_recordLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u8865\u8bb0", None))
        self.late_record.setText(QCoreApplication.translate("MeetingDialog", u"\u4f1a\u540e\u8865\u5199\u7684\u8bb0\u5f55\uff08\u5982\u822a\u6b21\u7ed3\u675f\u540e\u8865\u8bb0\uff09", None))
        self.recorded_onLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u8865\u8bb0\u65e5\u671f", None))
        self.firstTopicBox.setTitle(QCoreApplication.translate("MeetingDialog", u"\u7b2c\u4e00\u8bae\u9898\uff08\u4f1a\u8bae\u9996\u5148\u5b66\u4e60\uff09", None))
        self.first_topic_topicLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u7b2c\u4e00\u8bae\u9898", None))
        self.first_topic_topic.setPlaceholderText(QCoreApplication.translate("MeetingDialog", u"\u5b66\u4e60\u5185\u5bb9\uff0c\u5982\u4e60\u8fd1\u5e73\u603b\u4e66\u8bb0\u91cd\u8981\u8bb2\u8bdd\u7cbe\u795e", None))
        self.first_topic_materialLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u5b66\u4e60\u6750\u6599", None))
        self.first_topic_formLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u5b66\u4e60\u5f62\u5f0f", None))
        self.first_topic_leaderLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u9886\u5b66\u4eba", None))
        self.tabs.setTabText(self.tabs.indexOf(self.tabBasic), QCoreApplication.translate("MeetingDialog", u"\u57fa\u672c\u4fe1\u606f\u4e0e\u7b2c\u4e00\u8bae\u9898", None))
        self.agendaBox.setTitle(QCoreApplication.translate("MeetingDialog", u"\u4f1a\u8bae\u8bae\u7a0b\uff08\u6309\u987a\u5e8f\uff09", None))
        self.tabs.setTabText(self.tabs.indexOf(self.tabAgenda), QCoreApplication.translate("MeetingDialog", u"\u8bae\u7a0b", None))
        self.tabs.setTabText(self.tabs.indexOf(self.tabAttendance), QCoreApplication.translate("MeetingDialog", u"\u51fa\u5e2d\u60c5\u51b5", None))
        self.tabs.setTabText(self.tabs.indexOf(self.tabVotes), QCoreApplication.translate("MeetingDialog", u"\u51b3\u8bae\u4e0e\u8868\u51b3", None))
        self.minutesLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u4f1a\u8bae\u8bb0\u5f55", None))
        self.follow_upsLabel.setText(QCoreApplication.translate("MeetingDialog", u"\u9057\u7559\u95ee\u9898", None))
        self.tabs.setTabText(self.tabs.indexOf(self.tabMinutes), QCoreApplication.translate("MeetingDialog", u"\u4f1a\u8bae\u8bb0\u5f55\u4e0e\u9057\u7559\u95ee\u9898", None))
        self.addAttachment.setText(QCoreApplication.translate("MeetingDialog", u"\u6dfb\u52a0\u9644\u4ef6\u2026", None))
        self.openAttachment.setText(QCoreApplication.translate("MeetingDialog", u"\u6253\u5f00", None))
        self.removeAttachment.setText(QCoreApplication.translate("MeetingDialog", u"\u79fb\u9664", None))
        self.attachmentsHint.setText(QCoreApplication.translate("MeetingDialog", u"\u53ef\u6dfb\u52a0\u7b7e\u5230\u8868\u626b\u63cf\u4ef6\u3001\u6d3b\u52a8\u7167\u7247\u3001PDF \u6750\u6599\u7b49\uff1b\u4fdd\u5b58\u8bb0\u5f55\u65f6\u4e00\u5e76\u4fdd\u5b58\u3002", None))
        self.tabs.setTabText(self.tabs.indexOf(self.tabAttachments), QCoreApplication.translate("MeetingDialog", u"\u9644\u4ef6", None))
        self.reopenButton.setText(QCoreApplication.translate("MeetingDialog", u"\u91cd\u65b0\u6253\u5f00\u2026", None))
    # retranslateUi

