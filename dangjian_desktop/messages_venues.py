"""Chinese wording of the 阵地 errors (the checklist template, inspections, photos,
rectifications): plain dicts, registered in messages.py (ERROR_TEXTS, field_error_text,
FIELD_NAMES, RECORD_NAMES) with one line each, so this area merges without touching the
other areas' tables. Qt-free, no import of messages.py."""

from __future__ import annotations

# domain/venue_rules.py and rectification_rules.py ERROR_CODES (FieldError codes); the codes
# they share with the other forms (required, too_long, in_future …) are worded there.
VENUE_ERRORS = {
    "empty_group": "这一组还没有检查项，请添加检查项或删除这一组",
    "duplicate_item": "同一组中已有相同的检查项",
    "bad_key": "检查项编号有误（模板数据已损坏），请重新导入或新建模板",
    "duplicate_key": "检查项编号重复（模板数据已损坏），请重新导入或新建模板",
    "not_in_template": "本次检查所用的检查表中没有这一项",
    "duplicate_result": "同一检查项填写了两次结果",
    "missing_result": "还有 {count} 项没有填写检查结果（合格、不合格或不适用）",
    "venue_retired_on": "该阵地已于 {date} 停用，不能登记此后的检查",
    "no_such_venue": "本支部没有这个活动阵地（可能已被删除），请重新选择",
    "due_before_opened": "不能早于开始整改的日期（{date}）",
    "closed_before_opened": "不能早于发现问题的日期（{date}）",
    "closing_needs_evidence": "销号时请填写整改情况，或附上整改后的照片",
    "already_closed": "这项整改已于 {date} 销号",
    "not_closed": "这项整改尚未销号，无需重新打开",
    "reopened_before_closed": "不能早于销号日期（{date}）",
    "photo_not_found": "这张照片不属于这条记录（可能已被删除），请重新添加",
}

# The fields only 阵地 records have ("text", "note", "name" are worded with the others).
VENUE_FIELD_NAMES = {
    "weight": "分值",
    "inspected_on": "检查日期",
    "inspectors": "检查人",
    "results": "检查结果",
    "item_key": "检查项",
    "photo_ids": "照片",
    "photos": "照片",
    "opened_on": "发现日期",
    "due_on": "整改期限",
    "owner_id": "整改责任人",
    "action": "整改措施",
    "closed_on": "销号日期",
    "closing_note": "整改情况",
    "evidence_ids": "整改后照片",
    "evidence": "整改后照片",
    "reopened_on": "重新打开日期",
    "reason": "原因",
    "groups": "检查组",
    "items": "检查项",
    "source": "出处",
    "version": "版本",
}

# Numbered rows of 阵地 records: "results.3.note", "inspectors.0", "photos.2".
VENUE_RECORD_NAMES = {
    "results": "检查结果",
    "inspectors": "检查人",
    "photos": "照片",
    "evidence": "整改后照片",
}

# Records named by NotFoundError / DamagedRecordError (messages.RECORD_KINDS).
VENUE_RECORD_KINDS = {
    "inspection": "阵地检查记录",
    "rectification": "整改记录",
    "venue_template": "检查表模板",
}

# domain/images.py PhotoError: a photo for an inspection or a rectification refused.
PHOTO_ERRORS = {
    "empty": "照片文件是空的（0 字节），可能没有复制完整。请重新从手机复制后再添加。",
    "too_large": "照片文件太大（{size_mb} MB，上限 {max_mb} MB）。"
    "请在手机上选一张较小的照片，或缩小后再添加。",
    "heic": "这是苹果手机的 HEIC 格式照片，本程序无法读取。请先转换为 JPG，"
    "或在手机“设置 → 相机 → 格式”中选择“兼容性最佳”后重新拍摄。",
    "not_jpeg_or_png": "该文件不是 JPG 或 PNG 图片（按文件内容判断，与扩展名无关）。"
    "请选择手机拍摄的 JPG 照片或 PNG 截图。",
    "damaged": "照片文件已损坏或不完整（可能复制时中断），无法读取。请重新从手机复制后再添加。",
    "too_many_pixels": "图片尺寸过大（{width}×{height} 像素，上限 {max_mp} 百万像素），"
    "不像是手机照片，可能是恶意构造的文件，已拒绝。",
}

# services/venue_service.py: a refused photo of a save is a field error "photos.N" with
# the PhotoError's code after "photo_", worded with its file name.
VENUE_ERRORS.update(
    {f"venue_photo_{code}": "“{file_name}”：" + text for code, text in PHOTO_ERRORS.items()}
)

# 操作记录 (audit_text.py): the actions of ws.venues and what their rows name.
ACTION_NAMES = {
    "venues.save_template": "修改阵地检查表",
    "venues.add_inspection": "新增阵地检查",
    "venues.update_inspection": "修改阵地检查",
    "venues.delete_inspection": "删除阵地检查",
    "venues.update_rectification": "修改整改",
    "venues.close_rectification": "整改销号",
    "venues.reopen_rectification": "重新打开整改",
}
RECORD_OBJECTS = {
    "template": "检查表模板（编号 {id}）",
    "inspection": "阵地检查（编号 {id}）",
    "rectification": "整改（编号 {id}）",
}
REPORT_NAMES = {"inspection": "阵地检查报告", "venues": "阵地建设年度汇总"}

# AppError areas of 阵地, for messages.ERROR_TEXTS.
AREA_TEXTS = {"photos": PHOTO_ERRORS}
