"""Chinese wording of the typed errors that domain/, storage/ and services/ raise.

Qt-free, so the command line words errors exactly as the window does. The GUI routes the
texts through Qt's translator (`set_translator`), so a .ts/.qm can follow.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from dangjian_desktop.domain.errors import FieldError, ValidationError
from dangjian_desktop.domain.people import Sex
from dangjian_desktop.export.errors import ExportTextError
from dangjian_desktop.export.labels import SEX
from dangjian_desktop.services.member_service import MemberDeletedError
from dangjian_desktop.services.roster_import import RosterImportError
from dangjian_desktop.services.transfer_file import TransferFileError
from dangjian_desktop.storage.errors import (
    BackupError,
    BadLocationError,
    DamagedFileError,
    DiskFullError,
    FileInUseError,
    FileTooNewError,
    ReadOnlyLocationError,
    StorageError,
    classify,
)


def _identity(_context: str, text: str) -> str:
    return text


_translate: Callable[[str, str], str] = _identity


def set_translator(translate: Callable[[str, str], str]) -> None:
    """Route every text through `translate(context, text)` (the GUI passes Qt's)."""
    global _translate
    _translate = translate


def _tr(text: str) -> str:
    return _translate("messages", text)


def field_error_text(error: FieldError) -> str:
    code = error.code
    if code == "required":
        return _tr("必填")
    if code == "too_long" and error.param("months") is not None:
        return _tr("介绍信有效期一般不超过 {months} 个月").format(months=error.param("months"))
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
    text = MEMBER_ERRORS.get(code)
    if text is not None:
        params = {k: _param_text(v) for k, v in error.params}
        return _tr(text).format(**params)
    return _tr("填写有误（{code}）").format(code=code)


def _param_text(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Sex):
        return SEX[value]
    return str(value)


# domain/member_rules.py and domain/id_number.py codes (their ERROR_CODES list them).
MEMBER_ERRORS = {
    "has_digits": "姓名中不能有数字",
    "before_birth": "日期不能早于出生日期",
    "too_young": "入党时应年满 {min_age} 周岁（党章第一条）",
    "birth_mismatch": "与身份证号中的出生日期（{expected}）不一致",
    "sex_mismatch": "与身份证号中的性别（{expected}）不一致",
    "full_date_mismatch": "转正日期应为 {expected}（入党日期满一年，加上记录的延长期）",
    "full_date_while_probationary": "预备党员尚未转正，转正日期应空着",
    "extension_out_of_range": "预备期延长应为 {min}–{max} 个月，未延长填 0",
    "bad_phone": "电话格式不对，如 13812345678 或 0571-87654321",
    "probationary_post": "预备党员没有被选举权，不能担任支委职务",
    "duplicate_id": "本数据文件中已有相同身份证号的党员",
    "empty": "必填",
    "old_15_digit": "这是旧的15位号码，请改为18位（可能是 {suggestion}，请与身份证核对）",
    "bad_length": "身份证号应为18位",
    "bad_chars": "身份证号只能是数字，最后一位可以是X",
    "bad_region": "身份证号前两位不是有效的省份代码",
    "bad_birth_date": "身份证号中的出生日期不存在",
    "bad_checksum": "身份证号校验位不对，请逐位核对",
    # member services (services/member_service.py)
    "before_transfer_date": "不能早于转出日期",
    "not_transferable": "该党员当前状态不能办理转出",
    "unchanged": "与当前状态相同",
    "use_transfer_out": "转出请使用“组织关系转接 → 转出”，以便记录介绍信",
    "before_last_change": "不能早于上一次状态变更（{last}）",
    "too_large": "文件太大",
    # cells of an imported roster (domain/roster_import_rules.py)
    "ambiguous_month": "“2001.1”这样的数字无法区分1月和10月，"
    "请在Excel中把该列设为文本后改为2001.01或2001.10",
    "id_precision_lost": "身份证号被Excel当成数字存储，后几位已丢失。"
    "请把该列设为“文本”格式后重新输入号码",
    "bad_id_format": "身份证号应为18位数字，最后一位可以是X",
    "bad_sex": "性别应为“男”或“女”",
    "bad_category": "党员类别应为“正式党员”或“预备党员”",
    "bad_party_post": "无法识别的党内职务",
    "bad_bool": "应为“是”或“否”",
    "duplicate_in_file": "与表中第 {row} 行的身份证号重复",
    "unknown_group": "本支部没有名为“{name}”的党小组，导入后未分组（可先在“支部信息”中添加）",
}


FIELD_NAMES = {
    "name": "姓名",
    "sex": "性别",
    "ethnicity": "民族",
    "birth_date": "出生日期",
    "native_place": "籍贯",
    "id_number": "身份证号",
    "education": "学历",
    "degree": "学位",
    "school": "毕业院校",
    "major": "专业",
    "work_start_date": "参加工作日期",
    "work_unit": "工作单位",
    "job_post": "职务/岗位",
    "person_category": "人员类别",
    "tech_title": "技术职称",
    "phone": "联系电话",
    "address": "家庭住址",
    "join_date": "入党日期",
    "full_date": "转正日期",
    "category": "党员类别",
    "probation_extension_months": "预备期延长",
    "introducers": "入党介绍人",
    "party_group_id": "党小组",
    "party_post": "党内职务",
    "home_branch": "组织关系所在支部",
    "life_branch": "参加组织生活支部",
    "mobile_destination": "流向",
    "lost_since": "失联日期",
    "note": "备注",
    "transfer_date": "转接日期",
    "to_org": "转往党组织",
    "from_org": "转出党组织",
    "letter_number": "介绍信编号",
    "valid_until": "有效期",
}


def field_name(field: str) -> str:
    return _tr(FIELD_NAMES.get(field.split(".")[-1], field))


def validation_summary(exc: ValidationError) -> str:
    return "\n".join(f"{field_name(e.field)}：{field_error_text(e)}" for e in exc.errors)


def error_text(exc: BaseException) -> str | None:
    """Chinese text for any error the user can act on; None for a programming error."""
    if isinstance(exc, StorageError):
        return storage_error_text(exc)
    if isinstance(exc, ValidationError):
        return validation_summary(exc)
    if isinstance(exc, TransferFileError):
        return _tr(TRANSFER_FILE_ERRORS.get(exc.code, "无法导入转接文件（{code}）")).format(
            code=exc.code
        )
    if isinstance(exc, RosterImportError):
        params = {k: _param_text(v) for k, v in exc.params.items()}
        if "field" in params:
            params["field"] = field_name(params["field"])
        return _tr(IMPORT_ERRORS.get(exc.code, "无法导入（{code}）")).format(
            code=exc.code, **params
        )
    if isinstance(exc, MemberDeletedError):
        return _tr("该党员在回收站中，请先恢复后再操作。")
    if isinstance(exc, ExportTextError):
        return export_text_error_text(exc)
    mapped = classify(exc, getattr(exc, "filename", "") or "")
    return storage_error_text(mapped) if mapped is not None else None


def export_text_error_text(exc: ExportTextError) -> str:
    return _tr(
        "第 {row} 行{name}的“{column}”中有一个无法写入报表的控制字符（U+{code:04X}），"
        "多半是从 Word 或网页复制时带进来的。\n\n"
        "请打开这条记录，把“{column}”一栏删掉重新输入后再导出。文件未写入。"
    ).format(
        row=exc.row_number,
        name=f"“{exc.row_name}”" if exc.row_name else "",
        column=exc.column,
        code=exc.code_point,
    )


IMPORT_ERRORS = {
    "not_found": "找不到该文件，或没有权限打开。",
    "too_big": "文件太大（{size} 字节，上限 {limit} 字节），不像是党员花名册。"
    "请只保留花名册工作表后另存再导入。",
    "not_xlsx": "该文件不是 Excel 工作簿（.xlsx），可能是改了扩展名的其他文件。",
    "encrypted": "该工作簿设置了打开密码。请在Excel中取消密码（文件→信息→保护工作簿）后再导入。",
    "xls_format": "这是旧版 Excel 文件（.xls）。请用Excel打开后“另存为”.xlsx格式，再导入。",
    "unreadable": "该工作簿已损坏或无法读取。请用Excel打开并另存一份后再导入。",
    "no_sheets": "该工作簿中没有工作表。",
    "no_header": "在前 6 行中没有找到表头（如“姓名”“身份证号”）。请选择表头所在的行。",
    "no_name_column": "请至少把一列对应为“姓名”。",
    "duplicate_field": "有两列都对应到了“{field}”，请只保留一列。",
    "unknown_field": "“{field}”不能导入。",
    "unknown_sheet": "没有名为“{sheet}”的工作表。",
    "no_valid_rows": "没有可以导入的行，数据未作改动。请按预览中的提示在Excel中改正后重新导入。",
    "has_errors": "还有 {count} 行有问题。请改正后重新导入，或勾选“只导入无误的行”。",
    "duplicate_id": "身份证号 {id_number} 在预览之后已被录入，请重新生成预览。",
}

TRANSFER_FILE_ERRORS = {
    "unreadable": "无法读取该文件（可能已被移走，或没有读取权限）。",
    "too_large": "该文件太大，不是党员转接文件。",
    "not_transfer_file": "该文件不是党建台账导出的党员转接文件。",
    "too_new": "该转接文件由更新版本的党建台账导出，请先升级程序。",
    "corrupt": "转接文件已损坏或被改动过（校验不符），请让转出支部重新导出。",
    "invalid_member": "转接文件中的党员信息不符合规则，无法导入。请让转出支部核对后重新导出。",
    "id_conflict": "本支部已有一名相同身份证号的党员，但不是同一条记录；为避免混淆未导入，"
    "请核对两条记录。",
    "member_deleted": "该党员在本支部的回收站中，请先在回收站中恢复，再导入转接文件。",
}


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
