"""Chinese wording of the 积分 area (domain/point_rules.py, services/point_service.py).

Plain dicts, no import of messages.py (which registers them): a new area's table lives in its
own module so that merges of other areas never touch it.
"""

from __future__ import annotations

# domain/point_rules.py ERROR_CODES (the codes it shares with the tables above are there).
# The 民主评议 codes are warnings: shown, they do not block saving.
POINT_ERRORS = {
    "too_precise": "分值最多保留 {places} 位小数",
    "duplicate_code": "与第 {row} 条重复",
    "floor_above_ceiling": "最低分（{floor}）不能高于最高分（{ceiling}）",
    "base_outside_bounds": "基础分（{base}）应在最低分和最高分之间",
    "weights_not_one": "合计为 {total}，应合计为 1（即 100%）",
    "unknown_category": "积分方案中没有这个类别（可能已被删除），请重新选择",
    "points_not_positive": "每次分值应大于 0；加分还是扣分由“加分/扣分”一栏决定",
    "cap_below_points": "{cap} 分小于每次分值 {points} 分，一次也记不满",
    "leave_not_derived": "请假既不加分也不扣分，自动计分只能按“出席”或“缺席”",
    "derived_overlap": "与第 {row} 条按同一类会议、同一出席情况自动计分，同一次出席会被计两次",
    "band_empty": "分数上限应高于下限",
    "band_overlap": "与高一档星级的分数段重叠",
    "band_gap": "与高一档星级之间有空档：{low} 分到 {high} 分之间不对应任何星级",
    "stars_order": "分数段越高，星级应越高",
    "outside_scheme_year": "不在 {year} 年积分方案的年度内",
    "period_mismatch": "与积分方案的计分周期（按季度或按年度）不一致",
    "unknown_rule": "该年度积分方案中没有这个项目（可能已被删除），请重新选择",
    "rule_is_derived": "该项目按会议签到自动计分，不能手工录入；请在会议记录中修改出席情况",
    "rule_retired": "该项目已停用，不能再新增记录",
    "must_be_bonus": "加分项目的分值不能是负数",
    "must_be_deduction": "扣分项目的分值应为负数",
    "override_needs_reason": "分值与项目规定的 {points} 分不同，请填写调整原因",
    "evidence_required": "该项目需要附上证明材料",
    "excellent_over_third": "评为优秀的有 {excellent} 人，超过参评正式党员"
    "（{graded} 人）的三分之一；优秀一般不超过三分之一（本次最多 {max} 人）",
    "probationary_graded": "预备党员不参加民主评议定等次",
    "grade_not_member": "不在本次参加评议的党员名单中",
    "not_graded": "还有 {count} 名正式党员没有评定等次",
}

# 积分 (domain/point_rules.py paths): a scheme's rows ("rules.3.cap"), a bulk entry's
# ("entries.2.member_id"), and the fields of a scheme, an entry and a 三评 score. Looked up
# before FIELD_NAMES inside these rows, where "name" and "category" mean other things.
POINT_RECORD_NAMES = {
    "rules": "积分项目",
    "categories": "积分类别",
    "star_bands": "星级档次",
    "evaluation_weights": "三评权重",
    "entries": "积分记录",
}
POINT_FIELD_NAMES = {
    "code": "编号",
    "name": "名称",
    "category": "类别",
    "points": "分值",
    "cap": "封顶分",
    "derived_from": "自动计分",
    "stars": "星级",
    "low": "分数下限",
    "high": "分数上限",
    "member_id": "党员",
    "date": "日期",
    "rule_code": "积分项目",
    "override_reason": "调整原因",
    "evidence_id": "证明材料",
    "recorded_by": "记录人",
    "score": "评分",
    "period": "计分期间",
    "year": "年度",
    "base": "基础分",
    "floor": "最低分",
    "ceiling": "最高分",
    "evaluation_points": "三评分值",
    "evaluation_weights": "三评权重",
    "grades": "民主评议等次",
    "reason": "支部决定的理由",
}

# services/point_service.py PointServiceError codes (area "points").
POINT_SERVICE_ERRORS = {
    "no_scheme": "{year} 年还没有积分方案，请先在“积分方案”中建立",
    "entry_not_found": "这条积分记录已不存在（可能已被删除）",
    "entry_is_derived": "这条记录按会议签到自动计分，不能手工修改或删除；"
    "请在会议记录中修改出席情况",
    "no_entries": "没有选择要录入的党员",
    "rule_in_use": "项目“{rule}”已有 {count} 条积分记录，不能删除，可以停用",
    "no_member": "本数据文件中没有编号为 {member_id} 的党员",
    "no_members": "该期间没有可导出的党员",
    "wrong_period": "{year} 年积分方案按{scoring}计分，请选择相应的计分期间",
    "grades_warning": "民主评议等次有需要注意的地方，请确认后再保存",
}
