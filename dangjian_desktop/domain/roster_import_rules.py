"""党员花名册 import: which column holds which field, and one row to field values. Pure: no
openpyxl, no SQL.

Real rosters have title rows and merged cells above the header, the header on any row,
column names that vary from unit to unit, and columns whose header says one thing while
their values say another (正式党员/预备党员 under 人员类别 or 政治面貌). So a column's field is
proposed from its header (HEADER_SYNONYMS) and then from its values (VALUE_RULES); the user
corrects the proposal. Cell parsing is domain.cell_parsers'; lengths, checksums, date order
and the other record rules are member_rules.validate_member's.

The synonyms are a module-level table, not a resource file: the domain layer does no I/O,
the table needs no path helper or PyInstaller data entry, and a new spelling is one string in
a reviewed change, checked for clashes by a test. It is not user-editable on purpose: a wrong
synonym would silently misfile a column in every later import, while a one-off odd header is
corrected in the import dialog's mapping.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from dangjian_desktop.domain.cell_parsers import (
    CATEGORY_WORDS,
    CellError,
    clean_text,
    is_category_word,
    is_sex_word,
    looks_like_id,
    parse_bool,
    parse_category,
    parse_date,
    parse_ethnicity,
    parse_id_cell,
    parse_int,
    parse_mobile_or_lost,
    parse_party_post,
    parse_sex,
)
from dangjian_desktop.domain.people import MemberCategory

# Pseudo-fields: a column that fills Member fields indirectly.
PARTY_GROUP = "party_group"  # 党小组 name → party_group_id (resolved against the branch)
MOBILE_OR_LOST = "mobile_or_lost"  # one column "是否流动/失联": 流动 / 失联 / 否

# Member field (or pseudo-field) → the header spellings seen in real rosters, in the order of
# the member form (ui/member_dialog.ui), which is also the order the mapping offers them.
# Compared after `normalize_header` (no spaces, brackets, * or /; half-width; lower case).
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "党员姓名", "姓名名字"),
    "id_number": (
        "身份证号",
        "身份证号码",
        "公民身份号码",
        "公民身份证号码",
        "公民身份证号",
        "身份证",
        "证件号码",
        "证件号",
        "身份证件号码",
        "身份号码",
    ),
    "sex": ("性别",),
    "birth_date": ("出生年月", "出生日期", "出生年月日", "出生时间", "生日"),
    "ethnicity": ("民族", "族别"),
    "native_place": ("籍贯", "出生地", "籍贯出生地"),
    "phone": (
        "联系电话",
        "手机",
        "电话",
        "手机号",
        "手机号码",
        "联系方式",
        "移动电话",
        "联系手机",
    ),
    "address": ("家庭住址", "住址", "现住址", "家庭地址", "居住地址", "现居住地", "通讯地址"),
    "education": ("学历", "文化程度", "最高学历", "全日制学历"),
    "degree": ("学位", "最高学位", "全日制学位"),
    "school": ("毕业院校", "毕业学校", "毕业院校系及专业", "毕业院校及专业"),
    "major": ("专业", "所学专业", "毕业专业"),
    "work_start_date": ("参加工作时间", "参加工作日期", "参工时间", "工作时间", "参加工作年月"),
    "work_unit": (
        "工作单位及职务",
        "工作单位",
        "单位",
        "所在单位",
        "工作单位船名",
        "部门",
        "所在部门",
        "单位部门",
        "所在单位部门",
        "船名",
        "所在船舶",
    ),
    "job_post": (
        "职务",
        "岗位",
        "职务岗位",
        "岗位职务",
        "工作岗位",
        "现工作岗位",
        "现任岗位",
        "行政职务",
        "现任职务",
        "现职务",
        "担任职务",
    ),
    "person_category": ("人员类别", "职业", "人员类别职业", "党员职业", "人员分类"),
    "tech_title": ("技术职称", "职称", "专业技术职务", "专业技术职称"),
    "join_date": (
        "入党时间",
        "入党日期",
        "入党年月",
        "入党年月日",
        "加入党组织日期",
        "加入党组织时间",
        "加入中国共产党时间",
        "加入中国共产党日期",
    ),
    "category": ("党员类别", "类别", "党员类型", "正式预备", "党员身份", "政治面貌"),
    "probation_extension_months": ("预备期延长", "延长预备期", "预备期延长月数"),
    "full_date": (
        "转正时间",
        "转正日期",
        "转正年月",
        "转正年月日",
        "成为正式党员日期",
        "成为正式党员时间",
    ),
    "introducers": ("入党介绍人", "介绍人"),
    PARTY_GROUP: ("所在党小组", "党小组", "所属党小组", "党小组名称"),
    "party_post": ("党内职务", "党内任职", "支部职务", "党内职位"),
    "home_branch": ("组织关系所在支部", "组织关系所在党支部", "正式组织关系所在支部"),
    "life_branch": ("参加组织生活支部", "参加组织生活党支部", "组织生活所在支部"),
    "is_mobile": ("是否流动党员", "流动党员"),
    "mobile_destination": ("流动去向", "外出流向", "流向", "流入地"),
    "is_lost": ("是否失联", "失联党员", "是否失联党员"),
    "lost_since": ("失联时间", "失联日期"),
    MOBILE_OR_LOST: ("是否流动失联", "流动失联"),
    "is_leader_cadre": ("是否党员领导干部", "党员领导干部", "是否领导干部"),
    "in_difficulty": ("是否困难党员", "困难党员", "是否生活困难党员"),
    "note": ("备注", "说明"),
}
# The targets a column may be mapped to, in the member form's order.
IMPORTABLE_FIELDS: tuple[str, ...] = tuple(HEADER_SYNONYMS)
# Known columns that the import does not keep (counted when looking for the header row).
IGNORED_HEADERS = ("序号", "编号", "年龄", "党龄", "工龄", "照片")

_HEADER_TO_FIELD = {
    spelling: field for field, spellings in HEADER_SYNONYMS.items() for spelling in spellings
}
MIN_HEADER_MATCHES = 2  # fewer recognised names than this is a title or data row
# Once a header is found, look this many rows further for a better one (a two-row header,
# a caption row above the real one), then stop: the rest is data, and reading every cell of
# 60,000 rows for header words would cost a second.
HEADER_LOOKAHEAD = 30

_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
# "(必填)", "（年.月）", "【18位】" at the end; "*" required markers anywhere.
_BRACKETED = re.compile(r"[(\[【<《][^)\]】>》]*[)\]】>》]")
_MARKS = re.compile(r"[*:：/、]")


# --- headers ---------------------------------------------------------------------------------
def normalize_header(value: object) -> str:
    """Header text reduced to compare with HEADER_SYNONYMS: no spaces or newlines, no
    bracketed suffixes such as (必填), no * markers, half-width."""
    text = unicodedata.normalize("NFKC", "" if value is None else str(value))
    text = _SPACES.sub("", text)
    text = _BRACKETED.sub("", text)
    return _MARKS.sub("", text).lower()


def field_for_header(value: object) -> str | None:
    return _HEADER_TO_FIELD.get(normalize_header(value))


def _is_known_header(value: object) -> bool:
    # Header cells are text, and none starts with a digit: numbers, IDs and dates in data
    # rows are skipped without normalising them.
    if not isinstance(value, str) or not value or value[0].isdigit():
        return False
    text = normalize_header(value)
    return text in _HEADER_TO_FIELD or text in IGNORED_HEADERS


def find_header_row(rows: Sequence[Sequence[object]]) -> int | None:
    """Index (0-based, into `rows`) of the header: the row with the most recognised column
    names, at least two, on any row. Title rows ("XX党支部党员花名册") and merged group
    captions match nothing, so they are skipped. None: no header found."""
    best, best_score = None, MIN_HEADER_MATCHES - 1
    for index, row in enumerate(rows):
        if best is not None and index > best + HEADER_LOOKAHEAD:
            break
        score = sum(1 for cell in row if _is_known_header(cell))
        if score > best_score:
            best, best_score = index, score
    return best


def header_labels(rows: Sequence[Sequence[object]], index: int) -> list[str]:
    """The header row's texts. A two-row header has cells merged vertically (姓名 spans
    rows 3–4 while row 4 holds 入党时间 under a caption 党内信息): an empty header cell takes
    the recognised name from the row above."""
    row = list(rows[index]) if 0 <= index < len(rows) else []
    above = list(rows[index - 1]) if 0 < index <= len(rows) else []
    width = max(len(row), len(above))
    labels = []
    for col in range(width):
        text = clean_text(row[col]) if col < len(row) else ""
        if not text and col < len(above) and _is_known_header(above[col]):
            text = clean_text(above[col])
        labels.append(text)
    return labels


# --- proposing the mapping ---------------------------------------------------------------------
@dataclass(frozen=True)
class ValueRule:
    """A field recognised by what its column holds. `any_header`: the values win over a
    header that names another field; otherwise they only name a column no header claimed."""

    field: str
    matches: Callable[[object], bool]
    any_header: bool


VALUE_RULES = (
    ValueRule("category", is_category_word, any_header=True),
    ValueRule("id_number", looks_like_id, any_header=False),
    ValueRule("sex", is_sex_word, any_header=False),
)
VALUE_SAMPLE_ROWS = 60  # rows below the header looked at for VALUE_RULES
MIN_VALUE_SHARE = 0.8  # of a column's non-empty sampled cells, to count as that field's
_PROBATIONARY_WORDS = frozenset(
    w for w, c in CATEGORY_WORDS.items() if c is MemberCategory.PROBATIONARY
)


@dataclass(frozen=True)
class ColumnProposal:
    fields: dict[int, str | None]  # column index → field, None = not imported
    by_values: frozenset[int]  # columns whose field their values decided


def _column_values(sample: Sequence[Sequence[object]], col: int) -> list[object]:
    values = []
    for row in sample:
        if col < len(row):
            value = row[col]
            if value is not None and not (isinstance(value, str) and not value.strip()):
                values.append(value)
    return values


def _fields_by_header(labels: Sequence[str]) -> dict[int, str | None]:
    mapping: dict[int, str | None] = {}
    taken: set[str] = set()
    for col, label in enumerate(labels):
        field = field_for_header(label) if label else None
        if field in taken:
            field = None  # a field claimed twice keeps its first column
        if field:
            taken.add(field)
        mapping[col] = field
    return mapping


def propose_fields(
    labels: Sequence[str], sample: Sequence[Sequence[object]] = ()
) -> ColumnProposal:
    """Column index → field (None = ignore), from the header `labels` and from `sample`, the
    first data rows under the header (see VALUE_RULES)."""
    mapping = _fields_by_header(labels)
    sample = sample[:VALUE_SAMPLE_ROWS]
    by_values: set[int] = set()
    if not sample:
        return ColumnProposal(mapping, frozenset())
    width = max(len(labels), max(len(row) for row in sample))
    values = {col: _column_values(sample, col) for col in range(width)}
    for rule in VALUE_RULES:
        chosen = _column_for_rule(rule, mapping, values)
        if chosen is None:
            continue
        for col, field in list(mapping.items()):
            if field == rule.field and col != chosen:
                mapping[col] = None  # its values are not this field's
        mapping[chosen] = rule.field
        by_values.add(chosen)
    return ColumnProposal(mapping, frozenset(by_values))


def _column_for_rule(
    rule: ValueRule, mapping: Mapping[int, str | None], values: Mapping[int, list[object]]
) -> int | None:
    """The column the values say holds `rule.field`, when that differs from the header's
    choice; None to keep the header's choice."""
    by_header = next((c for c, f in mapping.items() if f == rule.field), None)
    if by_header is not None and (not rule.any_header or not values.get(by_header)):
        return None  # the header's column stands (an empty column contradicts nothing)
    scored = []
    for col, cells in values.items():
        if not cells or (not rule.any_header and mapping.get(col)):
            continue
        hits = [v for v in cells if rule.matches(v)]
        if len(hits) < MIN_VALUE_SHARE * len(cells):
            continue
        # A column naming some 预备党员 says more than one of 中共党员 for everybody (政治面貌).
        informative = any(clean_text(v).replace(" ", "") in _PROBATIONARY_WORDS for v in hits)
        scored.append((informative, col == by_header, len(hits), -col))
    if not scored:
        return None
    best = -max(scored)[3]
    return None if best == by_header else best


# --- one row -----------------------------------------------------------------------------------
DATE_FIELDS = frozenset({"birth_date", "work_start_date", "join_date", "full_date", "lost_since"})
BOOL_FIELDS = frozenset({"is_mobile", "is_lost", "is_leader_cadre", "in_difficulty"})
_PARSERS = {
    "id_number": parse_id_cell,
    "sex": parse_sex,
    "category": parse_category,
    "party_post": parse_party_post,
    "ethnicity": parse_ethnicity,
    "probation_extension_months": parse_int,
}


@dataclass(frozen=True)
class ParsedRow:
    values: dict[str, object]  # Member field → value, only the fields the row filled
    errors: tuple[tuple[str, CellError], ...]  # (field, error)
    group_name: str = ""  # the 党小组 as written, when it matched no group of the branch


def parse_row(cells: Mapping[str, object], groups: Mapping[str, int] | None = None) -> ParsedRow:
    """Field → raw cell value, to Member field values plus per-field errors.
    `groups`: the branch's 党小组 names → ids; an unknown name is left out (and reported
    in `group_name`), it does not refuse the row."""
    values: dict[str, object] = {}
    errors: list[tuple[str, CellError]] = []
    unknown_group = ""
    for field, raw in cells.items():
        try:
            if field in DATE_FIELDS:
                values[field] = parse_date(raw)
            elif field in BOOL_FIELDS:
                values[field] = parse_bool(raw)
            elif field == MOBILE_OR_LOST:
                values["is_mobile"], values["is_lost"] = parse_mobile_or_lost(raw)
            elif field == PARTY_GROUP:
                name = clean_text(raw)
                group_id = (groups or {}).get(name.replace(" ", "")) if name else None
                values["party_group_id"] = group_id
                if name and group_id is None:
                    unknown_group = name
            elif field in _PARSERS:
                values[field] = _PARSERS[field](raw)
            else:
                text = clean_text(raw)
                if field == "name":
                    text = text.replace(" ", "")  # "张  三": spaces that align 2-char names
                values[field] = text
        except CellError as exc:
            errors.append((field, exc))
    return ParsedRow(values, tuple(errors), unknown_group)
