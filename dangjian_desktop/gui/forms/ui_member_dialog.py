# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'member_dialog.ui'
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
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QPlainTextEdit, QSizePolicy, QSpinBox,
    QTabWidget, QVBoxLayout, QWidget)

from dangjian_desktop.gui.widgets.date_field import DateField

class Ui_MemberDialog(object):
    def setupUi(self, MemberDialog):
        if not MemberDialog.objectName():
            MemberDialog.setObjectName(u"MemberDialog")
        MemberDialog.resize(620, 520)
        self.mainLayout = QVBoxLayout(MemberDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.summary = QLabel(MemberDialog)
        self.summary.setObjectName(u"summary")
        self.summary.setWordWrap(True)

        self.mainLayout.addWidget(self.summary)

        self.tabs = QTabWidget(MemberDialog)
        self.tabs.setObjectName(u"tabs")
        self.tabIdentity = QWidget()
        self.tabIdentity.setObjectName(u"tabIdentity")
        self.tabIdentityForm = QFormLayout(self.tabIdentity)
        self.tabIdentityForm.setObjectName(u"tabIdentityForm")
        self.nameLabel = QLabel(self.tabIdentity)
        self.nameLabel.setObjectName(u"nameLabel")

        self.tabIdentityForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(self.tabIdentity)
        self.name.setObjectName(u"name")

        self.tabIdentityForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.id_numberLabel = QLabel(self.tabIdentity)
        self.id_numberLabel.setObjectName(u"id_numberLabel")

        self.tabIdentityForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.id_numberLabel)

        self.id_number = QLineEdit(self.tabIdentity)
        self.id_number.setObjectName(u"id_number")

        self.tabIdentityForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.id_number)

        self.sexLabel = QLabel(self.tabIdentity)
        self.sexLabel.setObjectName(u"sexLabel")

        self.tabIdentityForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.sexLabel)

        self.sex = QComboBox(self.tabIdentity)
        self.sex.setObjectName(u"sex")

        self.tabIdentityForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.sex)

        self.birth_dateLabel = QLabel(self.tabIdentity)
        self.birth_dateLabel.setObjectName(u"birth_dateLabel")

        self.tabIdentityForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.birth_dateLabel)

        self.birth_date = DateField(self.tabIdentity)
        self.birth_date.setObjectName(u"birth_date")

        self.tabIdentityForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.birth_date)

        self.ethnicityLabel = QLabel(self.tabIdentity)
        self.ethnicityLabel.setObjectName(u"ethnicityLabel")

        self.tabIdentityForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.ethnicityLabel)

        self.ethnicity = QComboBox(self.tabIdentity)
        self.ethnicity.setObjectName(u"ethnicity")
        self.ethnicity.setEditable(True)

        self.tabIdentityForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.ethnicity)

        self.native_placeLabel = QLabel(self.tabIdentity)
        self.native_placeLabel.setObjectName(u"native_placeLabel")

        self.tabIdentityForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.native_placeLabel)

        self.native_place = QLineEdit(self.tabIdentity)
        self.native_place.setObjectName(u"native_place")

        self.tabIdentityForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.native_place)

        self.phoneLabel = QLabel(self.tabIdentity)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.tabIdentityForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phone = QLineEdit(self.tabIdentity)
        self.phone.setObjectName(u"phone")

        self.tabIdentityForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.phone)

        self.addressLabel = QLabel(self.tabIdentity)
        self.addressLabel.setObjectName(u"addressLabel")

        self.tabIdentityForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.addressLabel)

        self.address = QLineEdit(self.tabIdentity)
        self.address.setObjectName(u"address")

        self.tabIdentityForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.address)

        self.tabs.addTab(self.tabIdentity, "")
        self.tabWork = QWidget()
        self.tabWork.setObjectName(u"tabWork")
        self.tabWorkForm = QFormLayout(self.tabWork)
        self.tabWorkForm.setObjectName(u"tabWorkForm")
        self.educationLabel = QLabel(self.tabWork)
        self.educationLabel.setObjectName(u"educationLabel")

        self.tabWorkForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.educationLabel)

        self.education = QComboBox(self.tabWork)
        self.education.setObjectName(u"education")
        self.education.setEditable(True)

        self.tabWorkForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.education)

        self.degreeLabel = QLabel(self.tabWork)
        self.degreeLabel.setObjectName(u"degreeLabel")

        self.tabWorkForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.degreeLabel)

        self.degree = QComboBox(self.tabWork)
        self.degree.setObjectName(u"degree")
        self.degree.setEditable(True)

        self.tabWorkForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.degree)

        self.schoolLabel = QLabel(self.tabWork)
        self.schoolLabel.setObjectName(u"schoolLabel")

        self.tabWorkForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.schoolLabel)

        self.school = QLineEdit(self.tabWork)
        self.school.setObjectName(u"school")

        self.tabWorkForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.school)

        self.majorLabel = QLabel(self.tabWork)
        self.majorLabel.setObjectName(u"majorLabel")

        self.tabWorkForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.majorLabel)

        self.major = QLineEdit(self.tabWork)
        self.major.setObjectName(u"major")

        self.tabWorkForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.major)

        self.work_start_dateLabel = QLabel(self.tabWork)
        self.work_start_dateLabel.setObjectName(u"work_start_dateLabel")

        self.tabWorkForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.work_start_dateLabel)

        self.work_start_date = DateField(self.tabWork)
        self.work_start_date.setObjectName(u"work_start_date")

        self.tabWorkForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.work_start_date)

        self.work_unitLabel = QLabel(self.tabWork)
        self.work_unitLabel.setObjectName(u"work_unitLabel")

        self.tabWorkForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.work_unitLabel)

        self.work_unit = QLineEdit(self.tabWork)
        self.work_unit.setObjectName(u"work_unit")

        self.tabWorkForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.work_unit)

        self.job_postLabel = QLabel(self.tabWork)
        self.job_postLabel.setObjectName(u"job_postLabel")

        self.tabWorkForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.job_postLabel)

        self.job_post = QLineEdit(self.tabWork)
        self.job_post.setObjectName(u"job_post")

        self.tabWorkForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.job_post)

        self.person_categoryLabel = QLabel(self.tabWork)
        self.person_categoryLabel.setObjectName(u"person_categoryLabel")

        self.tabWorkForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.person_categoryLabel)

        self.person_category = QComboBox(self.tabWork)
        self.person_category.setObjectName(u"person_category")
        self.person_category.setEditable(True)

        self.tabWorkForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.person_category)

        self.tech_titleLabel = QLabel(self.tabWork)
        self.tech_titleLabel.setObjectName(u"tech_titleLabel")

        self.tabWorkForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.tech_titleLabel)

        self.tech_title = QLineEdit(self.tabWork)
        self.tech_title.setObjectName(u"tech_title")

        self.tabWorkForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.tech_title)

        self.tabs.addTab(self.tabWork, "")
        self.tabParty = QWidget()
        self.tabParty.setObjectName(u"tabParty")
        self.tabPartyForm = QFormLayout(self.tabParty)
        self.tabPartyForm.setObjectName(u"tabPartyForm")
        self.join_dateLabel = QLabel(self.tabParty)
        self.join_dateLabel.setObjectName(u"join_dateLabel")

        self.tabPartyForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.join_dateLabel)

        self.join_date = DateField(self.tabParty)
        self.join_date.setObjectName(u"join_date")

        self.tabPartyForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.join_date)

        self.categoryLabel = QLabel(self.tabParty)
        self.categoryLabel.setObjectName(u"categoryLabel")

        self.tabPartyForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.categoryLabel)

        self.category = QComboBox(self.tabParty)
        self.category.setObjectName(u"category")

        self.tabPartyForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.category)

        self.probation_extension_monthsLabel = QLabel(self.tabParty)
        self.probation_extension_monthsLabel.setObjectName(u"probation_extension_monthsLabel")

        self.tabPartyForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.probation_extension_monthsLabel)

        self.probation_extension_months = QSpinBox(self.tabParty)
        self.probation_extension_months.setObjectName(u"probation_extension_months")
        self.probation_extension_months.setMaximum(12)

        self.tabPartyForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.probation_extension_months)

        self.full_dateLabel = QLabel(self.tabParty)
        self.full_dateLabel.setObjectName(u"full_dateLabel")

        self.tabPartyForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.full_dateLabel)

        self.full_date = DateField(self.tabParty)
        self.full_date.setObjectName(u"full_date")

        self.tabPartyForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.full_date)

        self.introducersLabel = QLabel(self.tabParty)
        self.introducersLabel.setObjectName(u"introducersLabel")

        self.tabPartyForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.introducersLabel)

        self.introducers = QLineEdit(self.tabParty)
        self.introducers.setObjectName(u"introducers")

        self.tabPartyForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.introducers)

        self.party_group_idLabel = QLabel(self.tabParty)
        self.party_group_idLabel.setObjectName(u"party_group_idLabel")

        self.tabPartyForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.party_group_idLabel)

        self.party_group_id = QComboBox(self.tabParty)
        self.party_group_id.setObjectName(u"party_group_id")

        self.tabPartyForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.party_group_id)

        self.party_postLabel = QLabel(self.tabParty)
        self.party_postLabel.setObjectName(u"party_postLabel")

        self.tabPartyForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.party_postLabel)

        self.party_post = QComboBox(self.tabParty)
        self.party_post.setObjectName(u"party_post")

        self.tabPartyForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.party_post)

        self.home_branchLabel = QLabel(self.tabParty)
        self.home_branchLabel.setObjectName(u"home_branchLabel")

        self.tabPartyForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.home_branchLabel)

        self.home_branch = QLineEdit(self.tabParty)
        self.home_branch.setObjectName(u"home_branch")

        self.tabPartyForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.home_branch)

        self.life_branchLabel = QLabel(self.tabParty)
        self.life_branchLabel.setObjectName(u"life_branchLabel")

        self.tabPartyForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.life_branchLabel)

        self.life_branch = QLineEdit(self.tabParty)
        self.life_branch.setObjectName(u"life_branch")

        self.tabPartyForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.life_branch)

        self.tabs.addTab(self.tabParty, "")
        self.tabStatus = QWidget()
        self.tabStatus.setObjectName(u"tabStatus")
        self.tabStatusForm = QFormLayout(self.tabStatus)
        self.tabStatusForm.setObjectName(u"tabStatusForm")
        self.is_mobileLabel = QLabel(self.tabStatus)
        self.is_mobileLabel.setObjectName(u"is_mobileLabel")

        self.tabStatusForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.is_mobileLabel)

        self.is_mobile = QCheckBox(self.tabStatus)
        self.is_mobile.setObjectName(u"is_mobile")

        self.tabStatusForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.is_mobile)

        self.mobile_destinationLabel = QLabel(self.tabStatus)
        self.mobile_destinationLabel.setObjectName(u"mobile_destinationLabel")

        self.tabStatusForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.mobile_destinationLabel)

        self.mobile_destination = QLineEdit(self.tabStatus)
        self.mobile_destination.setObjectName(u"mobile_destination")

        self.tabStatusForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.mobile_destination)

        self.is_lostLabel = QLabel(self.tabStatus)
        self.is_lostLabel.setObjectName(u"is_lostLabel")

        self.tabStatusForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.is_lostLabel)

        self.is_lost = QCheckBox(self.tabStatus)
        self.is_lost.setObjectName(u"is_lost")

        self.tabStatusForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.is_lost)

        self.lost_sinceLabel = QLabel(self.tabStatus)
        self.lost_sinceLabel.setObjectName(u"lost_sinceLabel")

        self.tabStatusForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.lost_sinceLabel)

        self.lost_since = DateField(self.tabStatus)
        self.lost_since.setObjectName(u"lost_since")

        self.tabStatusForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.lost_since)

        self.is_leader_cadreLabel = QLabel(self.tabStatus)
        self.is_leader_cadreLabel.setObjectName(u"is_leader_cadreLabel")

        self.tabStatusForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.is_leader_cadreLabel)

        self.is_leader_cadre = QCheckBox(self.tabStatus)
        self.is_leader_cadre.setObjectName(u"is_leader_cadre")

        self.tabStatusForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.is_leader_cadre)

        self.in_difficultyLabel = QLabel(self.tabStatus)
        self.in_difficultyLabel.setObjectName(u"in_difficultyLabel")

        self.tabStatusForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.in_difficultyLabel)

        self.in_difficulty = QCheckBox(self.tabStatus)
        self.in_difficulty.setObjectName(u"in_difficulty")

        self.tabStatusForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.in_difficulty)

        self.noteLabel = QLabel(self.tabStatus)
        self.noteLabel.setObjectName(u"noteLabel")

        self.tabStatusForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.noteLabel)

        self.note = QPlainTextEdit(self.tabStatus)
        self.note.setObjectName(u"note")
        self.note.setTabChangesFocus(True)

        self.tabStatusForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.note)

        self.tabs.addTab(self.tabStatus, "")

        self.mainLayout.addWidget(self.tabs)

        self.buttons = QDialogButtonBox(MemberDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.id_numberLabel.setBuddy(self.id_number)
        self.sexLabel.setBuddy(self.sex)
        self.birth_dateLabel.setBuddy(self.birth_date)
        self.ethnicityLabel.setBuddy(self.ethnicity)
        self.native_placeLabel.setBuddy(self.native_place)
        self.phoneLabel.setBuddy(self.phone)
        self.addressLabel.setBuddy(self.address)
        self.educationLabel.setBuddy(self.education)
        self.degreeLabel.setBuddy(self.degree)
        self.schoolLabel.setBuddy(self.school)
        self.majorLabel.setBuddy(self.major)
        self.work_start_dateLabel.setBuddy(self.work_start_date)
        self.work_unitLabel.setBuddy(self.work_unit)
        self.job_postLabel.setBuddy(self.job_post)
        self.person_categoryLabel.setBuddy(self.person_category)
        self.tech_titleLabel.setBuddy(self.tech_title)
        self.join_dateLabel.setBuddy(self.join_date)
        self.categoryLabel.setBuddy(self.category)
        self.probation_extension_monthsLabel.setBuddy(self.probation_extension_months)
        self.full_dateLabel.setBuddy(self.full_date)
        self.introducersLabel.setBuddy(self.introducers)
        self.party_group_idLabel.setBuddy(self.party_group_id)
        self.party_postLabel.setBuddy(self.party_post)
        self.home_branchLabel.setBuddy(self.home_branch)
        self.life_branchLabel.setBuddy(self.life_branch)
        self.is_mobileLabel.setBuddy(self.is_mobile)
        self.mobile_destinationLabel.setBuddy(self.mobile_destination)
        self.is_lostLabel.setBuddy(self.is_lost)
        self.lost_sinceLabel.setBuddy(self.lost_since)
        self.is_leader_cadreLabel.setBuddy(self.is_leader_cadre)
        self.in_difficultyLabel.setBuddy(self.in_difficulty)
        self.noteLabel.setBuddy(self.note)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name, self.id_number)
        QWidget.setTabOrder(self.id_number, self.sex)
        QWidget.setTabOrder(self.sex, self.birth_date)
        QWidget.setTabOrder(self.birth_date, self.ethnicity)
        QWidget.setTabOrder(self.ethnicity, self.native_place)
        QWidget.setTabOrder(self.native_place, self.phone)
        QWidget.setTabOrder(self.phone, self.address)
        QWidget.setTabOrder(self.address, self.education)
        QWidget.setTabOrder(self.education, self.degree)
        QWidget.setTabOrder(self.degree, self.school)
        QWidget.setTabOrder(self.school, self.major)
        QWidget.setTabOrder(self.major, self.work_start_date)
        QWidget.setTabOrder(self.work_start_date, self.work_unit)
        QWidget.setTabOrder(self.work_unit, self.job_post)
        QWidget.setTabOrder(self.job_post, self.person_category)
        QWidget.setTabOrder(self.person_category, self.tech_title)
        QWidget.setTabOrder(self.tech_title, self.join_date)
        QWidget.setTabOrder(self.join_date, self.category)
        QWidget.setTabOrder(self.category, self.probation_extension_months)
        QWidget.setTabOrder(self.probation_extension_months, self.full_date)
        QWidget.setTabOrder(self.full_date, self.introducers)
        QWidget.setTabOrder(self.introducers, self.party_group_id)
        QWidget.setTabOrder(self.party_group_id, self.party_post)
        QWidget.setTabOrder(self.party_post, self.home_branch)
        QWidget.setTabOrder(self.home_branch, self.life_branch)
        QWidget.setTabOrder(self.life_branch, self.is_mobile)
        QWidget.setTabOrder(self.is_mobile, self.mobile_destination)
        QWidget.setTabOrder(self.mobile_destination, self.is_lost)
        QWidget.setTabOrder(self.is_lost, self.lost_since)
        QWidget.setTabOrder(self.lost_since, self.is_leader_cadre)
        QWidget.setTabOrder(self.is_leader_cadre, self.in_difficulty)
        QWidget.setTabOrder(self.in_difficulty, self.note)

        self.retranslateUi(MemberDialog)

        QMetaObject.connectSlotsByName(MemberDialog)
    # setupUi

    def retranslateUi(self, MemberDialog):
        MemberDialog.setWindowTitle(QCoreApplication.translate("MemberDialog", u"\u515a\u5458\u4fe1\u606f", None))
        self.summary.setText("")
        self.nameLabel.setText(QCoreApplication.translate("MemberDialog", u"\u59d3\u540d", None))
        self.id_numberLabel.setText(QCoreApplication.translate("MemberDialog", u"\u516c\u6c11\u8eab\u4efd\u53f7\u7801", None))
        self.sexLabel.setText(QCoreApplication.translate("MemberDialog", u"\u6027\u522b", None))
        self.birth_dateLabel.setText(QCoreApplication.translate("MemberDialog", u"\u51fa\u751f\u65e5\u671f", None))
        self.ethnicityLabel.setText(QCoreApplication.translate("MemberDialog", u"\u6c11\u65cf", None))
        self.native_placeLabel.setText(QCoreApplication.translate("MemberDialog", u"\u7c4d\u8d2f", None))
        self.phoneLabel.setText(QCoreApplication.translate("MemberDialog", u"\u8054\u7cfb\u7535\u8bdd", None))
        self.addressLabel.setText(QCoreApplication.translate("MemberDialog", u"\u5bb6\u5ead\u4f4f\u5740", None))
        self.tabs.setTabText(self.tabs.indexOf(self.tabIdentity), QCoreApplication.translate("MemberDialog", u"\u57fa\u672c\u4fe1\u606f", None))
        self.educationLabel.setText(QCoreApplication.translate("MemberDialog", u"\u6700\u9ad8\u5b66\u5386", None))
        self.degreeLabel.setText(QCoreApplication.translate("MemberDialog", u"\u5b66\u4f4d", None))
        self.schoolLabel.setText(QCoreApplication.translate("MemberDialog", u"\u6bd5\u4e1a\u9662\u6821", None))
        self.majorLabel.setText(QCoreApplication.translate("MemberDialog", u"\u4e13\u4e1a", None))
        self.work_start_dateLabel.setText(QCoreApplication.translate("MemberDialog", u"\u53c2\u52a0\u5de5\u4f5c\u65e5\u671f", None))
        self.work_unitLabel.setText(QCoreApplication.translate("MemberDialog", u"\u5de5\u4f5c\u5355\u4f4d\uff08\u8239/\u5e93\uff09", None))
        self.job_postLabel.setText(QCoreApplication.translate("MemberDialog", u"\u804c\u52a1/\u5c97\u4f4d", None))
        self.person_categoryLabel.setText(QCoreApplication.translate("MemberDialog", u"\u4eba\u5458\u7c7b\u522b", None))
        self.tech_titleLabel.setText(QCoreApplication.translate("MemberDialog", u"\u6280\u672f\u804c\u79f0", None))
        self.tabs.setTabText(self.tabs.indexOf(self.tabWork), QCoreApplication.translate("MemberDialog", u"\u5b66\u5386\u4e0e\u5de5\u4f5c", None))
        self.join_dateLabel.setText(QCoreApplication.translate("MemberDialog", u"\u5165\u515a\u65e5\u671f", None))
        self.categoryLabel.setText(QCoreApplication.translate("MemberDialog", u"\u515a\u5458\u7c7b\u522b", None))
        self.probation_extension_monthsLabel.setText(QCoreApplication.translate("MemberDialog", u"\u9884\u5907\u671f\u5ef6\u957f\uff08\u6708\uff09", None))
        self.probation_extension_months.setSuffix(QCoreApplication.translate("MemberDialog", u" \u4e2a\u6708", None))
        self.probation_extension_months.setSpecialValueText(QCoreApplication.translate("MemberDialog", u"\u672a\u5ef6\u957f", None))
        self.full_dateLabel.setText(QCoreApplication.translate("MemberDialog", u"\u8f6c\u6b63\u65e5\u671f", None))
        self.introducersLabel.setText(QCoreApplication.translate("MemberDialog", u"\u5165\u515a\u4ecb\u7ecd\u4eba", None))
        self.party_group_idLabel.setText(QCoreApplication.translate("MemberDialog", u"\u6240\u5c5e\u515a\u5c0f\u7ec4", None))
        self.party_postLabel.setText(QCoreApplication.translate("MemberDialog", u"\u515a\u5185\u804c\u52a1", None))
        self.home_branchLabel.setText(QCoreApplication.translate("MemberDialog", u"\u7ec4\u7ec7\u5173\u7cfb\u6240\u5728\u652f\u90e8", None))
        self.life_branchLabel.setText(QCoreApplication.translate("MemberDialog", u"\u53c2\u52a0\u7ec4\u7ec7\u751f\u6d3b\u652f\u90e8", None))
        self.tabs.setTabText(self.tabs.indexOf(self.tabParty), QCoreApplication.translate("MemberDialog", u"\u515a\u5458\u4fe1\u606f", None))
        self.is_mobileLabel.setText(QCoreApplication.translate("MemberDialog", u"\u6d41\u52a8\u515a\u5458", None))
        self.mobile_destinationLabel.setText(QCoreApplication.translate("MemberDialog", u"\u6d41\u5411", None))
        self.is_lostLabel.setText(QCoreApplication.translate("MemberDialog", u"\u5931\u53bb\u8054\u7cfb", None))
        self.lost_sinceLabel.setText(QCoreApplication.translate("MemberDialog", u"\u5931\u8054\u65e5\u671f", None))
        self.is_leader_cadreLabel.setText(QCoreApplication.translate("MemberDialog", u"\u515a\u5458\u9886\u5bfc\u5e72\u90e8", None))
        self.in_difficultyLabel.setText(QCoreApplication.translate("MemberDialog", u"\u56f0\u96be\u515a\u5458", None))
        self.noteLabel.setText(QCoreApplication.translate("MemberDialog", u"\u5907\u6ce8", None))
        self.tabs.setTabText(self.tabs.indexOf(self.tabStatus), QCoreApplication.translate("MemberDialog", u"\u6d41\u52a8\u4e0e\u5907\u6ce8", None))
    # retranslateUi

