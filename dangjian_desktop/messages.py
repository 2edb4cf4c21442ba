"""Chinese wording of the typed errors that domain/, storage/ and services/ raise.

Qt-free, so the command line words errors exactly as the window does. The GUI routes the
texts through Qt's translator (`set_translator`), so a .ts/.qm can follow.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date

from dangjian_desktop import messages_venues
from dangjian_desktop.domain.errors import AppError, FieldError, ValidationError
from dangjian_desktop.domain.people import Sex
from dangjian_desktop.export.labels import SEX
from dangjian_desktop.messages_points import (
    POINT_ERRORS,
    POINT_FIELD_NAMES,
    POINT_RECORD_NAMES,
    POINT_SERVICE_ERRORS,
)
from dangjian_desktop.storage.errors import DamagedRecordError, StorageError, classify


def _identity(_context: str, text: str) -> str:
    return text


_translate: Callable[[str, str], str] = _identity


def set_translator(translate: Callable[[str, str], str]) -> None:
    """Route every text through `translate(context, text)` (the GUI passes Qt's)."""
    global _translate
    _translate = translate


def _tr(text: str) -> str:
    return _translate("messages", text)


def tr(text: str) -> str:
    """A text of this module's kind through the translator (for audit_text.py)."""
    return _tr(text)


class _Params(dict):
    """Format parameters; one the code was raised without reads "…" instead of KeyError."""

    def __missing__(self, key: str) -> str:
        return "…"


def _format(text: str, params: Mapping[str, object]) -> str:
    return _tr(text).format_map(_Params({k: _param_text(v) for k, v in params.items()}))


def field_error_text(error: FieldError) -> str:
    text = (
        FIELD_ERRORS.get(error.code)
        or MEMBER_ERRORS.get(error.code)
        or MEETING_ERRORS.get(error.code)
        or messages_venues.VENUE_ERRORS.get(error.code)
        or POINT_ERRORS.get(error.code)
    )
    if text is not None:
        return _format(text, dict(error.params))
    return _tr("填写有误（{code}）").format(code=error.code)


def _param_text(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Sex):
        return SEX[value]
    return str(value)


# Codes every form shares (domain/branch.py ERROR_CODES, and the GUI's cell parsers).
FIELD_ERRORS = {
    "required": "必填",
    "too_long": "不能超过 {max} 个字",
    "in_future": "日期不能晚于今天",
    "before_founding": "选举日期不能早于支部成立日期",
    "out_of_range": "应在 {min} 到 {max} 之间",
    "duplicate": "名称重复",
    "second_secretary": "一届支委只能有一名书记",
    "bad_date": "日期格式应为 2024-03-01",
    "bad_time": "时间格式应为 09:30（时:分）",
    "bad_number": "请填写数字",
    # settings.py (a value held to its declaration)
    "below_min": "不能小于 {min}",
    "above_max": "不能大于 {max}",
    "not_a_choice": "请从列表中选择",
    "not_text": "应为文字",
}

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
    "date_out_of_range": "日期有误：由它推算的日期超出了9999年，请核对年份",
    "no_such_group": "本支部没有这个党小组（可能已被删除），请重新选择",
    "bad_uid": "记录编号不是本程序生成的格式",
    "before_transfer_date": "不能早于转接日期",
    "letter_validity_too_long": "介绍信有效期一般不超过 {months} 个月",
    "photo_type": "照片应为 JPG 或 PNG 图片",
    "photo_too_large": "照片不能超过 {max_mb} MB",
    "not_an_image": "照片文件已损坏，或不是图片",
    # member services (services/member_common.py ERROR_CODES)
    "not_transferable": "该党员当前状态不能办理转出",
    "unchanged": "与当前状态相同",
    "use_transfer_out": "转出请使用“组织关系转接 → 转出”，以便记录介绍信",
    "before_last_change": "不能早于上一次状态变更（{last}）",
    # cells of an imported roster (domain/cell_parsers.py)
    "bad_date_cell": "“{value}”不是能识别的日期，可写作 2001.07、2001-07-01 或 2001年7月1日",
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


# domain/meeting_rules.py, domain/meeting_calendar.py, domain/attachments.py,
# services/meeting_common.py and services/branch_service.py codes (their ERROR_CODES).
MEETING_ERRORS = {
    "too_many": "最多 {max} 项",
    "held_in_future": "会议日期晚于今天，不能标为“已召开”（可先保存为“计划”）",
    "end_before_start": "结束时间应晚于开始时间",
    "only_theme_day": "只有主题党日可以同时算作另一类会议",
    "before_meeting": "补记日期不能早于会议日期",
    "not_in_branch": "{date} 时不在本支部党员名册中",
    "duplicate_attendee": "签到名单中重复出现",
    "excluded_present": "已出席的党员不能“不计入应到人数”",
    "negative_count": "票数不能为负数",
    "counts_without_vote": "未经表决的事项不应填写票数",
    "votes_exceed_present": "表决票数（{cast}）超过了到会的有表决权党员人数（{present}）",
    "written_not_counted": "书面意见只计入接收预备党员、预备党员转正和延长预备期的表决",
    "written_exceed_absent": "书面意见（{written} 份）超过了未到会的有表决权党员人数（{absent}）",
    "not_held": "会议尚未召开，不能归档",
    "use_archive": "归档请使用“归档”操作",
    "no_such_venue": "本支部没有这个活动阵地（可能已被删除），请重新选择",
    "venue_retired": "该活动阵地已从“支部信息”中删除，请选择其他阵地或填写地点",
    "reason_required": "重新打开已归档的会议记录，须填写原因",
    "not_archived": "该会议记录没有归档，无须重新打开",
    "duplicate_rule": "同一类会议、同一周期只能有一条规定",
    "per_group_only_group": "只有党小组会可以按每个党小组分别要求",
    "no_such_member": "本数据文件中没有这名党员，请重新选择",
    "attachment_empty": "文件是空的",
    "attachment_too_large": "文件超过 {max_mb} MB，请降低扫描分辨率或分页扫描后再添加",
    "attachment_type": "只能添加 JPG、PNG 图片或 PDF 文件（按文件内容判断，与扩展名无关）",
    "attachment_unreadable": "文件已损坏或不完整（例如从U盘复制时中断），无法读取",
    "attachment_too_many_pixels": "图片像素过多（超过 {max_mp} 百万像素），"
    "不像是照片或扫描件，为安全起见未添加",
    "attachment_too_many": "一条记录最多 {max} 个附件",
    "attachment_not_found": "要删除的附件不属于这条记录（可能已被删除）",
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
    "receipt_date": "回执日期",
    "reason": "原因",
    "handler": "经办人",
    "changed_on": "变更日期",
    "status": "党籍状态",
    "photo": "照片",
    "uid": "记录编号",
    "from_branch": "转出支部",
    # 会议 (domain.meetings.Meeting and its parts)
    "type": "会议类型",
    "topic": "会议主题",
    "date": "会议日期",
    "also_counts_as": "同时计为",
    "theme_tags": "主题党日类型",
    "start_time": "开始时间",
    "end_time": "结束时间",
    "venue_id": "活动阵地",
    "place": "地点",
    "host_id": "主持人",
    "recorder_id": "记录人",
    "lecturer_id": "主讲人",
    "lecturer_name": "主讲人",
    "first_topic.topic": "第一议题",
    "first_topic.material": "第一议题学习材料",
    "first_topic.form": "第一议题学习形式",
    "first_topic.leader_id": "第一议题领学人",
    "first_topic.leader_name": "第一议题领学人",
    "minutes": "会议记录",
    "follow_ups": "遗留问题",
    "guests": "列席人员",
    "recorded_on": "补记日期",
    "attendance": "签到名单",
    "attachments": "附件",
    "title": "标题",
    "summary": "内容摘要",
    "text": "决议内容",
    "yes": "赞成票",
    "written_yes": "书面意见",
    "voted": "表决",
    "presence": "出席情况",
    "excluded": "不计入应到人数",
    "exclusion_reason": "不计入应到人数的原因",
    "exclusion_approval": "批准情况",
    "member_id": "党员",
    "count": "次数",
    "per_group": "按党小组",
    "period": "周期",
    "tags": "主题党日类型",
}

# Numbered rows of a record: "statuses.3.changed_on" (a transfer file's history),
# "resolutions.0.yes", "attendance.4" (a meeting), "meetings.2.topic" (a plan).
RECORD_NAMES = {
    "statuses": "党籍状态记录",
    "transfers": "组织关系转接记录",
    "agenda": "议程",
    "resolutions": "决议",
    "attendance": "签到名单",
    "attachments": "附件",
    "attachments_removed": "要删除的附件",
    "guests": "列席人员",
    "meetings": "计划",
    "rules": "会议频次规定",
    "tags": "主题党日类型",
    "committee": "支委",
}


FIELD_NAMES.update(messages_venues.VENUE_FIELD_NAMES)
RECORD_NAMES.update(messages_venues.VENUE_RECORD_NAMES)


def _point_field_name(field: str) -> str | None:
    """A 积分 path: a scheme's rows ("rules.3.cap"), a bulk entry's ("entries.2.member_id"),
    a grade ("grades.7"), or a field of a scheme, an entry or a 三评 score."""
    parts = field.split(".")
    if parts[0] == "grades":  # "grades.7": member 7's grade
        return _tr(POINT_FIELD_NAMES["grades"])
    if parts[0] in POINT_RECORD_NAMES and len(parts) >= 2 and parts[1].isdigit():
        record, n = _tr(POINT_RECORD_NAMES[parts[0]]), int(parts[1]) + 1
        if len(parts) == 2:
            return _tr("{record}第 {n} 条").format(record=record, n=n)
        name = POINT_FIELD_NAMES.get(parts[-1]) or FIELD_NAMES.get(parts[-1], parts[-1])
        return _tr("{record}第 {n} 条的{field}").format(record=record, n=n, field=_tr(name))
    if field in POINT_FIELD_NAMES:
        return _tr(POINT_FIELD_NAMES[field])
    return None


# ValidationError subclasses name their fields in their own words (`field_scope`).
_FIELD_SCOPES: dict[str, Callable[[str], str | None]] = {"points": _point_field_name}


def field_name(field: str, scope: str | None = None) -> str:
    """The Chinese name of a field path; `scope` ("points") reads it in that area's words
    first (a 积分 "date" is 日期, not 会议日期)."""
    if scope in _FIELD_SCOPES and (named := _FIELD_SCOPES[scope](field)) is not None:
        return named
    if field in FIELD_NAMES:
        return _tr(FIELD_NAMES[field])
    parts = field.split(".")
    if len(parts) >= 2 and parts[0] in RECORD_NAMES and parts[1].isdigit():
        record, n = _tr(RECORD_NAMES[parts[0]]), int(parts[1]) + 1
        if len(parts) == 2:
            return _tr("{record}第 {n} 项").format(record=record, n=n)
        rest = ".".join(parts[2:])
        return _tr("{record}第 {n} 条的{field}").format(
            record=record, n=n, field=_tr(FIELD_NAMES.get(rest, parts[-1]))
        )
    return _tr(FIELD_NAMES.get(parts[-1], field))


def validation_summary(exc: ValidationError) -> str:
    scope = getattr(exc, "field_scope", None)
    return "\n".join(f"{field_name(e.field, scope)}：{field_error_text(e)}" for e in exc.errors)


def error_text(exc: BaseException) -> str | None:
    """Chinese text for any error the user can act on; None for a programming error."""
    if not isinstance(exc, AppError):
        exc = classify(exc, getattr(exc, "filename", "") or "")
        if exc is None:
            return None
    return app_error_text(exc)


def app_error_text(exc: AppError) -> str:
    """The wording of `exc.code` in its area's table (ERROR_TEXTS), its parameters filled
    in, then the field errors behind it, one per line."""
    text = ERROR_TEXTS.get(exc.area, {}).get(exc.code)
    if text is None:  # a code without wording: the rendering test fails on it
        text = _FALLBACKS.get(exc.area, "操作未能完成（{code}）")
    shape = _PARAM_SHAPERS.get(exc.area)
    params = shape(exc) if shape else dict(exc.params)
    lines = [_format(text, {**params, "code": exc.code})] if text else []
    errors = list(exc.errors)
    listed = _LISTED_ERRORS.get(exc.area, len(errors))
    scope = getattr(exc, "field_scope", None)
    lines += [f"{field_name(e.field, scope)}：{field_error_text(e)}" for e in errors[:listed]]
    if len(errors) > listed:
        lines.append(_tr("……另有 {n} 处").format(n=len(errors) - listed))
    return "\n".join(lines)


EXPORT_ERRORS = {
    "bad_character": "第 {row} 行{name}的“{column}”中有一个无法写入报表的控制字符（U+{char}），"
    "多半是从 Word 或网页复制时带进来的。\n\n"
    "请打开这条记录，把“{column}”一栏删掉重新输入后再导出。文件未写入。",
    "bad_year": "年份“{year}”不对，请填写 {min} 到 {max} 之间的年份（如 2026）。",
    "bad_quarter": "季度“{quarter}”不对，季度只能是 1、2、3 或 4。",
    "quarter_needed": "计划报备表按季度填报，请指定季度（1 到 4）。",
    "minutes_pdf_only": "会议记录只能导出为 PDF（A4 打印、签字存档），不能导出为 {format}。"
    "请把文件名改为以 .pdf 结尾。",
    "minutes_planned": "这次会议（编号 {meeting_id}）还是“计划”，尚未召开，没有会议记录可导出。"
    "会议召开并标为“已召开”后再导出；计划可导出三会一课计划报备表。",
}


def _export_params(exc: AppError) -> dict[str, object]:
    params = dict(exc.params)
    params["name"] = f"“{params['name']}”" if params.get("name") else ""
    params["char"] = f"{int(params.get('char', 0)):04X}"
    return params


_RESHAPE_HINT = "请用Excel打开，把花名册复制到一个新工作簿，另存为.xlsx后再导入。"
IMPORT_ERRORS = {
    "not_found": "找不到该文件，或没有权限打开。",
    "too_big": "文件太大（{size}，上限 {limit}），不像是党员花名册。"
    "请只保留花名册工作表后另存再导入。",
    "unpacked_too_big": "工作簿解压后有 {size}，超过上限 {limit}，不像是党员花名册。"
    + _RESHAPE_HINT,
    "part_too_big": "工作簿中的一部分内容（{part}）解压后有 {size}，超过上限 {limit}，"
    "不像是党员花名册，未读取。" + _RESHAPE_HINT,
    "zip_bomb": "工作簿中的一部分内容（{part}）解压后是压缩时的 {ratio} 倍，"
    "可能已损坏或被人为构造，为安全起见未读取。" + _RESHAPE_HINT,
    "too_slow": "读取该工作簿超过 {seconds} 秒仍未完成，已停止，数据未作改动。"
    "文件中可能有异常庞大的内容（如超长批注）。" + _RESHAPE_HINT,
    "not_xlsx": "该文件不是 Excel 工作簿（.xlsx），可能是改了扩展名的其他文件。",
    "encrypted": "该工作簿设置了打开密码。请在Excel中取消密码（文件→信息→保护工作簿）后再导入。",
    "xls_format": "这是旧版 Excel 文件（.xls）。请用Excel打开后“另存为”.xlsx格式，再导入。",
    "unreadable": "该工作簿已损坏或无法读取。请用Excel打开并另存一份后再导入。",
    "no_sheets": "该工作簿中没有工作表。",
    "no_header": "没有找到表头（写有“姓名”“身份证号”等列名的一行）。"
    "请选择表头所在的行，再核对各列对应的信息。",
    "bad_header_row": "表头行号应在 1 到 {rows} 之间（该工作表共 {rows} 行）。",
    "no_name_column": "请至少把一列对应为“姓名”。",
    "duplicate_field": "有两列都对应到了“{field}”，请只保留一列。",
    "unknown_field": "“{field}”不能导入。",
    "unknown_sheet": "没有名为“{sheet}”的工作表。",
    "no_valid_rows": "没有可以导入的行，数据未作改动。请按预览中的提示在Excel中改正后重新导入。",
    "has_errors": "还有 {count} 行有问题。请改正后重新导入，或勾选“只导入无误的行”。",
    "duplicate_id": "身份证号 {id_number} 在预览之后已被录入，请重新生成预览。",
}
# Import targets that are not Member fields, or whose form label would mislead in a list of
# columns (the mapping offers them in the member form's order, by these words).
IMPORT_FIELD_NAMES = {
    "party_group": "党小组",
    "mobile_or_lost": "流动/失联（合为一列）",
    "is_mobile": "是否流动党员",
    "mobile_destination": "流动去向",
    "is_lost": "是否失联",
    "lost_since": "失联日期",
    "is_leader_cadre": "是否党员领导干部",
    "in_difficulty": "是否困难党员",
}


def import_field_name(field: str) -> str:
    """The Chinese name of an import target (a Member field or an import pseudo-field)."""
    text = IMPORT_FIELD_NAMES.get(field)
    return _tr(text) if text is not None else field_name(field)


def _byte_size(value: object) -> str:
    if not isinstance(value, int):
        return str(value)
    if value >= 1024 * 1024:
        return f"{value / (1024 * 1024):.1f} MB"
    return f"{max(1, round(value / 1024))} KB"


def _import_params(exc: AppError) -> dict[str, object]:
    params = dict(exc.params)
    for key in ("size", "limit"):
        if key in params:
            params[key] = _byte_size(params[key])
    if "field" in params:
        params["field"] = import_field_name(str(params["field"]))
    return params


def import_error_text(exc: AppError) -> str:
    return app_error_text(exc)


# services/transfer_file.py ERROR_CODES.
TRANSFER_FILE_ERRORS = {
    "unreadable": "无法读取该文件（可能已被移走，或没有读取权限）。",
    "too_large": "该文件太大（{size} 字节，转接文件最多 {max} 字节），不是党员转接文件。",
    "too_complex": "该文件的结构异常（嵌套过深或内容过多），不是党建台账导出的党员转接文件。"
    "未导入任何内容。",
    "too_many_records": "该文件中的记录太多（一名党员最多 {max_statuses} 条党籍状态记录、"
    "{max_transfers} 条转接记录），不是正常的党员转接文件。未导入任何内容。",
    "not_transfer_file": "该文件不是党建台账导出的党员转接文件。",
    "too_new": "该转接文件由更新版本的党建台账导出，请先升级程序。",
    "corrupt": "转接文件已损坏或被改动过（校验不符），请让转出支部重新导出。",
    "invalid_member": "转接文件中的党员信息不符合规则，未导入任何内容。"
    "请让转出支部核对以下各项后重新导出：",
    "id_conflict": "本支部已有一名相同身份证号的党员，但不是同一条记录；为避免混淆未导入，"
    "请核对两条记录。",
    "member_deleted": "该党员在本支部的回收站中，请先在回收站中恢复，再导入转接文件。",
}


# At most this many of a refused file's field errors are listed; the rest are counted.
LISTED_ERRORS = 10


def transfer_file_error_text(exc: AppError) -> str:
    return app_error_text(exc)


RECORD_KINDS = {
    "member": "党员记录",
    "member_status": "党籍状态记录",
    "member_transfer": "组织关系转接记录",
    "meeting": "会议记录",
    **messages_venues.VENUE_RECORD_KINDS,
}
# Columns a damaged value can be in that no form shows under a field name.
DAMAGED_COLUMNS = {
    "status": "党籍状态",
    "uid": "记录标识",
    "changed_on": "变更日期",
    "reason": "原因",
    "direction": "转入/转出",
    "kind": "组织关系类别",
    "receipt_date": "回执日期",
    "handler": "经办人",
}


def damaged_record_summary(error: DamagedRecordError) -> str:
    """One line naming the damaged record and field: for a tooltip or a status line."""
    kind = _tr(RECORD_KINDS.get(error.table, "记录"))
    column = DAMAGED_COLUMNS.get(error.column)
    field = _tr(column) if column else field_name(error.column)
    if error.record_label:
        return _tr("{kind}“{label}”（编号 {id}）的“{field}”已损坏，无法读取").format(
            kind=kind, label=error.record_label, id=error.record_id, field=field
        )
    return _tr("{kind}（编号 {id}）的“{field}”已损坏，无法读取").format(
        kind=kind, id=error.record_id, field=field
    )


# storage/errors.py ERROR_CODES: one code per error class.
STORAGE_TITLES = {
    "damaged_record": "数据已损坏",
    "in_use": "数据文件正在使用",
    "too_new": "数据文件版本过新",
    "foreign_file": "不是党建台账的数据文件",
    "empty_file": "数据文件是空的",
    "damaged_file": "数据文件已损坏",
    "read_only": "无法写入数据文件",
    "disk_full": "磁盘空间不足",
    "disk_io": "读写磁盘出错",
    "bad_backup": "备份文件不可用",
    "bad_location": "无法使用该位置",
    "storage_error": "数据文件出错",
}
STORAGE_ERRORS = {
    "damaged_record": "{summary}。这通常是U盘或硬盘出错造成的。\n\n"
    "其他记录不受影响，可以继续使用；损坏的记录在名单中显示为“（已损坏）”。\n\n"
    "建议从损坏发生之前的备份恢复（文件 → 从备份恢复）。"
    "恢复前，当前数据会先另存为一份“恢复前”备份。",
    "in_use": "数据文件“{path}”正在被另一个党建台账窗口使用。\n\n"
    "请先关闭另一个窗口再打开。若确认没有其他窗口，请重新启动电脑后再试。",
    "too_new": "数据文件“{path}”是由更新版本的党建台账保存的（结构版本 {rev}），"
    "当前程序无法识别。\n\n请安装最新版本的程序后再打开。文件未作任何改动。",
    "foreign_file": "这不是党建台账的数据文件：“{path}”。\n\n"
    "它是其他程序的数据库，党建台账不会打开或改动它，文件原样保留。"
    "请选择党建台账的数据文件（通常名为 dangjian.sqlite）。",
    "empty_file": "数据文件“{path}”是空的（0 字节），可能是写入时断电或U盘被拔出。\n\n"
    "旁边的备份文件夹中有完好的备份，可以用最新的一份恢复；空文件会改名保留。",
    "damaged_file": "数据文件“{path}”已损坏或不是党建台账的数据文件，无法打开。\n\n"
    "可以从最近的完好备份恢复；原文件会保留在原处改名存放，不会被删除。",
    "read_only": "无法写入“{path}”：文件或所在文件夹是只读的，或没有写入权限"
    "（例如U盘写保护开关已打开）。\n\n"
    "请关闭写保护，或把数据文件复制到可写的文件夹后再打开。数据未作改动。",
    "disk_full": "“{path}”所在的磁盘空间不足，本次操作未能保存，已保存的数据不受影响。\n\n"
    "请清理磁盘空间后重试。",
    "disk_io": "读写数据文件时出错：U盘可能松动或损坏，或者磁盘出现了故障。\n\n"
    "出错的文件：{path}\n\n"
    "请检查U盘或移动硬盘是否插好，必要时把整个数据文件夹复制到电脑的硬盘上再打开。"
    "本次操作没有完成，已保存的数据不受影响。",
    "bad_backup": "备份文件“{path}”无法读取或已损坏，不能用来恢复。请选择其他备份。",
    "bad_location": "无法在“{path}”创建或打开数据文件：路径中有一级是文件而不是文件夹，"
    "或者该路径本身是一个文件夹。\n\n请选择其他位置。数据未作改动。",
    "storage_error": "读写数据文件“{path}”时出错：{detail}",
}


def _storage_params(exc: AppError) -> dict[str, object]:
    params = dict(exc.params)
    if isinstance(exc, StorageError):
        params["path"] = str(exc.path)
    if "revision" in vars(exc):
        params["rev"] = exc.revision
    if isinstance(exc, DamagedRecordError):
        params["summary"] = damaged_record_summary(exc)
    return params


def storage_error_title(error: StorageError) -> str:
    return _tr(STORAGE_TITLES.get(error.code, STORAGE_TITLES["storage_error"]))


def storage_error_text(error: StorageError) -> str:
    return app_error_text(error)


# Errors of the services that are not a field's (domain/errors.py, services/member_common.py).
COMMON_ERRORS = {
    "not_found": "这条{kind}（编号 {record_id}）已不存在，可能已被删除，或数据已从备份恢复。"
    "请关闭窗口重新打开后再试。",
    "no_id": "这条{kind}还没有保存，无法修改。",
}
MEMBER_SERVICE_ERRORS = {"member_deleted": "该党员在回收站中，请先恢复后再操作。"}
MEETING_SERVICE_ERRORS = {
    "meeting_archived": "该会议记录已归档，只能查看。如需修改，请先“重新打开”并填写原因。",
    "meeting_deleted": "该会议记录在回收站中，请先恢复后再操作。",
}
ATTACHMENT_ERRORS = {
    "missing": "找不到这个附件的文件。数据文件旁边的“attachments”文件夹可能没有一起复制过来。"
    "会议记录本身不受影响；请把原电脑上的 attachments 文件夹一并复制，或重新添加该附件。",
    "damaged": "这个附件的文件已损坏（校验值不符），无法打开。会议记录本身不受影响；"
    "可从损坏之前的备份恢复，或重新添加该附件。",
}


def _common_params(exc: AppError) -> dict[str, object]:
    params = dict(exc.params)
    params["kind"] = _tr(RECORD_KINDS.get(str(params.get("kind")), "记录"))
    return params


# domain/period.py PeriodError codes (`dangjian report --period`, the 上报材料 dialog).
PERIOD_ERRORS = {
    "empty": "请填写报告期，如 2026Q3（2026年第三季度）或 2026（2026年全年）。",
    "not_a_period": "“{text}”不是报告期。请写作 2026Q3（某年某季度）或 2026（全年）。",
    "no_such_quarter": "“{text}”中的季度 {quarter} 不存在，季度只能是 Q1 到 Q4。",
    "short_year": "“{text}”的年份只有两位，请写全四位年份，如 2026Q1。",
    "year_out_of_range": "“{text}”的年份应在 {min} 到 {max} 之间。",
}

# domain/report_package.py ERROR_CODES: writing a 上报材料 package, and each problem that
# verify (dangjian verify, 文件 → 校验上报材料) finds in one.
_NOT_CHECKED = "未能校验其中的文件。"
REPORT_PACKAGE_ERRORS = {
    "unreadable": "无法读取“{path}”（文件不存在、已被移走，或没有读取权限）。",
    "too_large": "上报材料太大（{size}，上限 {limit}），不是党建台账生成的上报材料。"
    + _NOT_CHECKED,
    "not_zip": "该文件不是 .zip 压缩包，或压缩包已损坏（U盘出错时常见）。" + _NOT_CHECKED,
    "too_many_entries": "压缩包中的文件超过 {limit} 个，不是党建台账生成的上报材料。"
    + _NOT_CHECKED,
    "no_manifest": "压缩包中没有 manifest.json（文件清单），不是党建台账生成的上报材料，"
    "或清单已被删除。" + _NOT_CHECKED,
    "manifest_too_large": "文件清单 manifest.json 异常庞大（{size}，上限 {limit}），"
    "可能已被改动。" + _NOT_CHECKED,
    "manifest_not_json": "文件清单 manifest.json 已损坏或被改动，无法读取。" + _NOT_CHECKED,
    "manifest_invalid": "文件清单 manifest.json 的内容不完整或有误（位置：{pointer}），"
    "可能已被改动。" + _NOT_CHECKED,
    "not_package": "文件清单不是党建台账上报材料的格式，这不是党建台账生成的上报材料。",
    "too_new": "该上报材料由更新版本的党建台账生成"
    "（格式版本 {version}，本程序支持到 {supported}），请升级程序后再校验。",
    "unsafe_name": "压缩包中的“{path}”名称不安全（含“..”、盘符、绝对路径或反斜杠），"
    "解压时可能写到别的文件夹。未读取该文件，请不要解压此压缩包，并联系报送支部。",
    "duplicate_name": "压缩包中有两个同名（或仅大小写不同）的“{path}”，无法确定哪一个是原件。",
    "entry_too_large": "压缩包中的“{path}”解压后有 {size}，超过上限 {limit}。为安全起见未读取。",
    "zip_bomb": "压缩包中的“{path}”解压后是压缩时的 {ratio} 倍，可能被人为构造（“压缩炸弹”）。"
    "为安全起见未读取，请不要解压此压缩包。",
    "encrypted": "压缩包中的“{path}”设置了密码，无法校验。",
    "unsupported_compression": "压缩包中的“{path}”用了党建台账不使用的压缩方式，无法校验。",
    "damaged": "“{path}”已损坏，无法完整读出（U盘出错时常见）。",
    "altered": "“{path}”与清单记录的校验值不符：文件已损坏或被改动过。",
    "missing": "清单中列出的“{path}”不在压缩包中。",
    "extra": "压缩包中的“{path}”不在清单中，是生成之后加进去的。",
    "schema_mismatch": "数据文件的结构版本（{version}）与清单记录的（{listed}）不一致，"
    "数据文件可能被替换过。",
    "data_not_json": "数据文件“{path}”已损坏、过大或不是 JSON 格式，无法读取。",
    "data_invalid": "数据文件“{path}”不符合其结构说明（位置：{pointer}）。",
    "data_disagrees": "数据文件中的“{field}”与文件清单记录的不一致，可能被改动过。",
    "unmasked_ids": "文件清单写明身份证号和电话已隐去，但数据文件中有完整号码（位置：{pointer}）。",
    "schema_altered": "数据结构说明文件与本程序同一版本的不一致，可能被改动过。",
    "bad_name": "报表文件名“{path}”不能用于上报材料（请勿使用“..”、盘符、斜杠开头或特殊字符）。"
    "未生成上报材料。",
    "reserved_name": "报表文件名“{path}”与上报材料自带的文件重名。未生成上报材料。",
    "invalid_data": "要写入的数据不符合上报材料的数据结构（位置：{pointer}），未生成上报材料。"
    "这是程序的问题，请联系维护人员。",
}


def _package_params(exc: AppError) -> dict[str, object]:
    params = dict(exc.params)
    for key in ("size", "limit"):
        if key in params:
            params[key] = _byte_size(params[key])
    if params.get("field") in _DATA_FIELDS:
        params["field"] = _DATA_FIELDS[str(params["field"])]
    return params


# The parts of the data file verify compares with the manifest (data_disagrees).
_DATA_FIELDS = {
    "branch": "支部名称和代码",
    "period": "报告期",
    "full_id_numbers": "是否含完整身份证号",
    "full_phone_numbers": "是否含完整电话号码",
}


def verify_problem_text(problem) -> str:
    """One line of a verify report (domain.report_package.VerifyProblem) in Chinese."""
    return app_error_text(problem.error())


VERIFY_WORDS = {
    "about": "支部：{branch}；报告期：{period}；生成时间：{created}；{ids}",
    "full_ids": "含完整身份证号",
    "masked_ids": "身份证号已隐去",
    "ok": "校验通过：上报材料完整，{n} 个文件均与清单一致，没有多出或缺少的文件。",
    "problems": "校验未通过，发现 {n} 处问题：",
    "newer_app": "提示：该上报材料由较新版本的党建台账（{version}）生成，本程序版本为 {ours}。"
    "文件校验不受影响；如需查看新版本增加的内容，请升级程序。",
}


def verify_report_lines(report, newer_version: str | None, word=verify_problem_text) -> list[str]:
    """A verify report (domain.report_package.VerifyReport) as Chinese lines: what the
    package says it is, then that all is well or every problem found."""
    from dangjian_desktop import __version__

    lines: list[str] = []
    manifest = report.manifest
    if manifest is not None:
        period = manifest.period
        quarter = period.quarter
        label = f"{period.year}年" + (f"第{'一二三四'[quarter - 1]}季度" if quarter else "度")
        branch = manifest.branch_name + (
            f"（{manifest.branch_code}）" if manifest.branch_code else ""
        )
        ids = VERIFY_WORDS["full_ids" if manifest.full_id_numbers else "masked_ids"]
        lines.append(
            VERIFY_WORDS["about"].format(
                branch=branch or "（未填写）", period=label, created=manifest.created_at, ids=ids
            )
        )
    if newer_version:
        lines.append(VERIFY_WORDS["newer_app"].format(version=newer_version, ours=__version__))
    if report.ok:
        lines.append(VERIFY_WORDS["ok"].format(n=len(report.checked)))
    else:
        lines.append(VERIFY_WORDS["problems"].format(n=len(report.problems)))
        lines += [f"{i}. {word(p)}" for i, p in enumerate(report.problems, 1)]
    return lines


# Every area's wording by code (AppError.area → code → text). One test renders them all.
ERROR_TEXTS: dict[str, Mapping[str, str]] = {
    "common": COMMON_ERRORS,
    "validation": {"invalid": ""},  # the field errors below are the whole text
    "members": MEMBER_SERVICE_ERRORS,
    "meetings": MEETING_SERVICE_ERRORS,
    "attachments": ATTACHMENT_ERRORS,
    "transfer_file": TRANSFER_FILE_ERRORS,
    "roster_import": IMPORT_ERRORS,
    "storage": STORAGE_ERRORS,
    "export": EXPORT_ERRORS,
    **messages_venues.AREA_TEXTS,
    "points": POINT_SERVICE_ERRORS,
    "period": PERIOD_ERRORS,
    "report_package": REPORT_PACKAGE_ERRORS,
}
_FALLBACKS = {
    "transfer_file": "无法导入转接文件（{code}）",
    "roster_import": "无法导入（{code}）",
}
_PARAM_SHAPERS: dict[str, Callable[[AppError], dict[str, object]]] = {
    "common": _common_params,
    "roster_import": _import_params,
    "storage": _storage_params,
    "export": _export_params,
    "report_package": _package_params,
}
_LISTED_ERRORS = {"transfer_file": LISTED_ERRORS}


# PRAGMA integrity_check's lines that REINDEX cures, in Chinese; others are shown as they
# are, marked as technical detail (they go to the log and to support as they are).
_INTEGRITY_PATTERNS = (
    (re.compile(r"^row (\d+) missing from index (\S+)$"), "索引 {1} 中缺少第 {0} 行记录"),
    (re.compile(r"^wrong # of entries in index (\S+)$"), "索引 {0} 的条目数与数据不符"),
    (re.compile(r"^non-unique entry in index (\S+)$"), "索引 {0} 中有重复的条目"),
)


def integrity_problem_text(problem: str) -> str:
    for pattern, text in _INTEGRITY_PATTERNS:
        match = pattern.match(problem.strip())
        if match:
            return _tr(text).format(*match.groups())
    return _tr("技术细节：{problem}").format(problem=" ".join(problem.split()))
