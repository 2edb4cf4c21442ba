"""Chinese wording of the typed errors that domain/, storage/ and services/ raise."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from dangjian_desktop.domain.errors import FieldError
from dangjian_desktop.storage.errors import (
    BackupError,
    BadLocationError,
    DamagedFileError,
    DiskFullError,
    FileInUseError,
    FileTooNewError,
    ReadOnlyLocationError,
    StorageError,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def field_error_text(error: FieldError) -> str:
    code = error.code
    if code == "required":
        return _tr("必填")
    if code == "too_long":
        return _tr("不能超过 {max} 个字").format(max=error.param("max"))
    if code == "in_future":
        return _tr("日期不能晚于今天")
    if code == "before_founding":
        return _tr("选举日期不能早于支部成立日期")
    if code == "out_of_range":
        return _tr("应在 {min} 到 {max} 之间").format(
            min=error.param("min"), max=error.param("max")
        )
    if code == "duplicate":
        return _tr("名称重复")
    if code == "second_secretary":
        return _tr("一届支委只能有一名书记")
    if code == "bad_date":
        return _tr("日期格式应为 2024-03-01")
    if code == "bad_number":
        return _tr("请填写数字")
    return _tr("填写有误（{code}）").format(code=code)


def storage_error_title(error: StorageError) -> str:
    if isinstance(error, FileInUseError):
        return _tr("数据文件正在使用")
    if isinstance(error, FileTooNewError):
        return _tr("数据文件版本过新")
    if isinstance(error, DamagedFileError):
        return _tr("数据文件已损坏")
    if isinstance(error, ReadOnlyLocationError):
        return _tr("无法写入数据文件")
    if isinstance(error, DiskFullError):
        return _tr("磁盘空间不足")
    if isinstance(error, BackupError):
        return _tr("备份文件不可用")
    if isinstance(error, BadLocationError):
        return _tr("无法使用该位置")
    return _tr("数据文件出错")


def storage_error_text(error: StorageError) -> str:
    path = str(error.path)
    if isinstance(error, FileInUseError):
        return _tr(
            "数据文件“{path}”正在被另一个党建台账窗口使用。\n\n"
            "请先关闭另一个窗口再打开。若确认没有其他窗口，请重新启动电脑后再试。"
        ).format(path=path)
    if isinstance(error, FileTooNewError):
        return _tr(
            "数据文件“{path}”是由更新版本的党建台账保存的（结构版本 {rev}），"
            "当前程序无法识别。\n\n请安装最新版本的程序后再打开。文件未作任何改动。"
        ).format(path=path, rev=error.revision)
    if isinstance(error, DamagedFileError):
        return _tr(
            "数据文件“{path}”已损坏或不是党建台账的数据文件，无法打开。\n\n"
            "可以从最近的完好备份恢复；原文件会保留在原处改名存放，不会被删除。"
        ).format(path=path)
    if isinstance(error, ReadOnlyLocationError):
        return _tr(
            "无法写入“{path}”：文件或所在文件夹是只读的，或没有写入权限"
            "（例如U盘写保护开关已打开）。\n\n"
            "请关闭写保护，或把数据文件复制到可写的文件夹后再打开。数据未作改动。"
        ).format(path=path)
    if isinstance(error, DiskFullError):
        return _tr(
            "“{path}”所在的磁盘空间不足，本次操作未能保存，已保存的数据不受影响。\n\n"
            "请清理磁盘空间后重试。"
        ).format(path=path)
    if isinstance(error, BackupError):
        return _tr("备份文件“{path}”无法读取或已损坏，不能用来恢复。请选择其他备份。").format(
            path=path
        )
    if isinstance(error, BadLocationError):
        return _tr(
            "无法在“{path}”创建或打开数据文件：路径中有一级是文件而不是文件夹，"
            "或者该路径本身是一个文件夹。\n\n请选择其他位置。数据未作改动。"
        ).format(path=path)
    return _tr("读写数据文件“{path}”时出错：{detail}").format(path=path, detail=error.detail)
