"""党员队伍统计: the branch's members on a date by the 党内统计 dimensions, and the year's
counts (issue 11 item 3). Pure functions over the records the service reads; no Qt, no SQL.

Sources (domain brief §8.3):
- the dimensions of the published 中国共产党党内统计公报 (2014, 2017; the 2023 公报 issued
  by 中共中央组织部 on 2024-06-30 words them the same way): 性别 (女), 少数民族, 学历
  (大专及以上), the age bands 30岁及以下 / 31至35岁 / … / 56至60岁 / 61岁及以上, 入党时间
  periods named after 新中国成立, 党的十一届三中全会 and 党的十八大, 职业;
- the 2012 党内统计年报表: 第三表 党员入党时间 (with "1949年9月及以前入党"), 第四表 党员学历,
  第八表 民主评议, 第十、十一表 出党, 第十三表 预备党员转正, 第十四、十五表 发展党员;
- 统计依据: 发展/转正 are counted by the organisation responsible for the member then, 出党
  by the one handling it. So the year's events are counted where they happened: a member
  who transferred in after joining or after 转正 was developed by the branch they came from.

Who is counted on `as_of`: in the branch then by the status history (meeting_rules.
in_branch_on) and not arriving later by a 正式组织关系 转入 (a transfer file brings the
sending branch's history along; its 正常 rows are not this branch's). Every breakdown has an
"unknown" cell for an empty field, so each one adds up to the total.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dangjian_desktop.domain.dates import add_months
from dangjian_desktop.domain.meeting_rules import in_branch_on
from dangjian_desktop.domain.member_rules import PROBATION_MONTHS
from dangjian_desktop.domain.people import (
    Member,
    MemberCategory,
    PartyStatus,
    Sex,
    StatusChange,
    Transfer,
    TransferDirection,
    TransferKind,
)
from dangjian_desktop.domain.text import clean_text

UNKNOWN = "unknown"  # the cell of an empty field in every breakdown
ONE_DAY = timedelta(days=1)
OTHER = "other"  # a value the grouping does not know (学历 typed freely in an old roster)


@dataclass(frozen=True)
class AgeBand:
    """Ages `low`–`high` in full years at the date, both inclusive; None is open."""

    key: str
    low: int | None
    high: int | None

    def holds(self, age: int) -> bool:
        return (self.low is None or age >= self.low) and (self.high is None or age <= self.high)


# The 统计公报 bands: 30岁及以下, 31至35岁, …, 56至60岁, 61岁及以上.
AGE_BANDS: tuple[AgeBand, ...] = (
    AgeBand("30_and_under", None, 30),
    *(AgeBand(f"{low}_{low + 4}", low, low + 4) for low in range(31, 60, 5)),
    AgeBand("61_and_over", 61, None),
)


@dataclass(frozen=True)
class JoinPeriod:
    """入党时间 from `start` to `end`, both inclusive (None is open), with its 党统 name and
    the event that bounds it. A period begins on the opening day of the meeting that names
    it ("党的十八大以来" counts from 2012-11-08); a unit whose committee counts otherwise
    edits the data."""

    key: str
    start: date | None
    end: date | None
    label: str
    source: str

    def holds(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


# The four periods of the 统计公报 (2017, 2023), the middle one split at 党的十六大 as the
# earlier 公报 (2014) did; summing the two middle cells gives the current 公报's figure.
JOIN_PERIODS: tuple[JoinPeriod, ...] = (
    JoinPeriod(
        "before_1949_10", None, date(1949, 9, 30), "新中国成立前", "年报第三表：1949年9月及以前"
    ),
    JoinPeriod(
        "1949_10_to_1978_12",
        date(1949, 10, 1),
        date(1978, 12, 17),
        "新中国成立后至党的十一届三中全会前",
        "十一届三中全会1978年12月18日开幕",
    ),
    JoinPeriod(
        "1978_12_to_2002_11",
        date(1978, 12, 18),
        date(2002, 11, 7),
        "党的十一届三中全会后至党的十六大前",
        "党的十六大2002年11月8日开幕",
    ),
    JoinPeriod(
        "2002_11_to_2012_11",
        date(2002, 11, 8),
        date(2012, 11, 7),
        "党的十六大后至党的十八大前",
        "党的十八大2012年11月8日开幕",
    ),
    JoinPeriod(
        "since_2012_11", date(2012, 11, 8), None, "党的十八大以来", "统计公报：党的十八大以来"
    ),
)

# 学历 as the member form offers it (gui/dialogs/member_dialog.py EDUCATIONS) and as old
# rosters write it, grouped like 年报第四表: 研究生, 大学本科, 大学专科, 中专/高中/中技,
# 初中及以下. Exact values only: "专科" inside "中等专科" must not read as 大学专科.
EDUCATION_GROUPS: dict[str, str] = {
    **dict.fromkeys(("研究生", "博士研究生", "硕士研究生", "博士", "硕士"), "postgraduate"),
    **dict.fromkeys(("大学本科", "本科", "大学"), "bachelor"),
    **dict.fromkeys(("大学专科", "大专", "专科", "高职"), "college"),
    **dict.fromkeys(
        ("中等专科", "中专", "高中", "技工学校", "技校", "中技", "职高", "中等职业学校"),
        "secondary",
    ),
    **dict.fromkeys(("初中及以下", "初中", "小学", "小学及以下", "文盲"), "junior_or_below"),
}
EDUCATION_KEYS = ("postgraduate", "bachelor", "college", "secondary", "junior_or_below")
COLLEGE_OR_ABOVE = frozenset({"postgraduate", "bachelor", "college"})  # 大专及以上

# 职业 of the 统计公报 (brief §8.3), in its order; the member form offers five of them.
OCCUPATIONS: tuple[str, ...] = (
    "工人（工勤技能人员）",
    "农牧渔民",
    "企事业单位专业技术人员",
    "企事业单位管理人员",
    "党政机关工作人员",
    "学生",
    "其他职业人员",
    "离退休人员",
)
HAN = ("汉族", "汉")
# 民主评议 grades, four since the current rules (brief §1.4); others follow in text order.
GRADES: tuple[str, ...] = ("优秀", "合格", "基本合格", "不合格")


@dataclass(frozen=True)
class Tally:
    """One breakdown: its cells in report order, each with the member ids in it."""

    cells: tuple[tuple[str, tuple[int, ...]], ...]

    def __getitem__(self, key: str) -> int:
        return len(self.ids(key))

    def ids(self, key: str) -> tuple[int, ...]:
        return next((ids for k, ids in self.cells if k == key), ())

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self.cells)

    @property
    def total(self) -> int:
        return sum(len(ids) for _, ids in self.cells)

    def counts(self) -> dict[str, int]:
        return {k: len(ids) for k, ids in self.cells}


def _tally(
    order: Sequence[str], pairs: Iterable[tuple[str, int]], *, keep_empty=True, unknown=True
) -> Tally:
    """Cells in `order` (shown even when empty if keep_empty), then any other key met, in
    text order, then UNKNOWN last (shown when empty too, unless the field is never empty)."""
    found: dict[str, list[int]] = {}
    for key, member_id in pairs:
        found.setdefault(key, []).append(member_id)
    keys = [k for k in order if keep_empty or k in found]
    keys += sorted(k for k in found if k not in order and k != UNKNOWN)
    keys += [UNKNOWN] if UNKNOWN in found or (keep_empty and unknown) else []
    return Tally(tuple((k, tuple(sorted(found.get(k, ())))) for k in keys))


@dataclass(frozen=True)
class YearCounts:
    """The year's events, each as the ids of the members concerned."""

    developed: tuple[int, ...]  # 发展党员: 入党日期 in the year, here then
    developed_female: tuple[int, ...]
    developed_college: tuple[int, ...]  # 大专及以上
    developed_35_and_under: tuple[int, ...]  # age at 入党日期
    full_membership: tuple[int, ...]  # 转正: 转正日期 in the year, here then
    extended: tuple[int, ...]  # 延长预备期: the first year of 预备期 ended in the year
    probation_cancelled: tuple[int, ...]  # 取消预备党员资格: 出党 while 预备党员
    left_party: tuple[int, ...]  # 出党 (取消资格 included), status rows in the year
    suspended: tuple[int, ...]  # 停止党籍
    deceased: tuple[int, ...]  # 去世
    transferred_in: tuple[int, ...]  # 转入, 正式组织关系
    transferred_out: tuple[int, ...]  # 转出, 正式组织关系
    temporary_in: tuple[int, ...]  # 临时组织关系 转入 (not in the 党统 counts)
    temporary_out: tuple[int, ...]

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class RosterStatistics:
    as_of: date
    year: int
    members: tuple[int, ...]  # in the branch on as_of
    category: Tally  # formal / probationary on as_of
    sex: Tally  # female, male
    ethnicity: Tally  # han / minority
    minorities: Tally  # each 少数民族 by name
    education: Tally
    age: Tally  # AGE_BANDS keys
    join_period: Tally  # JOIN_PERIODS keys
    occupation: Tally  # 人员类别/职业 as recorded, 统计公报 order first
    grades: Tally  # 民主评议, of the members counted; UNKNOWN = not graded
    year_counts: YearCounts

    @property
    def total(self) -> int:
        return len(self.members)

    @property
    def college_or_above(self) -> int:
        return sum(self.education[k] for k in COLLEGE_OR_ABOVE)

    def breakdowns(self) -> dict[str, Tally]:
        names = ("category", "sex", "ethnicity", "minorities", "education", "age")
        return {n: getattr(self, n) for n in (*names, "join_period", "occupation", "grades")}


# --- one member ------------------------------------------------------------------------------
def age_on(birth_date: date, day: date) -> int:
    """Full years on `day`: one more on the birthday itself. Born on 29 February, the year
    is full on 1 March in a common year (28 February is still before the birthday)."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def category_on(member: Member, day: date) -> MemberCategory:
    """正式/预备 on `day`: by the 转正日期 when there is one, else as recorded (an old roster
    may hold 正式党员 without the date)."""
    if member.full_date is not None:
        return MemberCategory.FORMAL if member.full_date <= day else MemberCategory.PROBATIONARY
    return member.category


def education_group(education: str) -> str:
    text = clean_text(education).replace(" ", "").replace("　", "")
    if not text:
        return UNKNOWN
    return EDUCATION_GROUPS.get(text, OTHER)


def _arrived_after(transfers: Iterable[Transfer], day: date) -> bool:
    return any(
        t.direction is TransferDirection.IN
        and t.kind is TransferKind.FORMAL
        and t.transfer_date > day
        for t in transfers
    )


def here_on(statuses: Sequence[StatusChange], transfers: Sequence[Transfer], day: date) -> bool:
    """In this branch on `day`: 正常 by the history and no 正式 转入 after it. (A member who
    left and came back is counted from the return only: the history cannot tell this
    branch's rows from those a transfer file brought along.)"""
    return in_branch_on(statuses, day) and not _arrived_after(transfers, day)


def _in_year(day: date | None, year: int) -> bool:
    return day is not None and day.year == year


# --- the whole branch ------------------------------------------------------------------------
def roster_statistics(
    members: Iterable[Member],
    statuses: Mapping[int, Sequence[StatusChange]],
    transfers: Mapping[int, Sequence[Transfer]],
    as_of: date,
    year: int,
    grades: Mapping[int, str] | None = None,
    *,
    age_bands: Sequence[AgeBand] = AGE_BANDS,
    join_periods: Sequence[JoinPeriod] = JOIN_PERIODS,
) -> RosterStatistics:
    """The branch on `as_of` (default use: 12-31 of `year`) and the events of `year`.

    `statuses` and `transfers` map member id → that member's history rows; `grades` maps
    member id → the 民主评议 grade of the year (from the points module), counted for the
    members on the roster on `as_of`."""
    members = [m for m in members if m.id is not None]
    grades = grades or {}
    counted: list[Member] = []
    for m in members:
        if here_on(statuses.get(m.id, ()), transfers.get(m.id, ()), as_of):
            counted.append(m)

    def by(key_of) -> list[tuple[str, int]]:
        return [(key_of(m), m.id) for m in counted]

    def age_key(m: Member) -> str:
        if m.birth_date is None or m.birth_date > as_of:
            return UNKNOWN
        age = age_on(m.birth_date, as_of)
        return next((b.key for b in age_bands if b.holds(age)), UNKNOWN)

    def join_key(m: Member) -> str:
        if m.join_date is None:
            return UNKNOWN
        return next((p.key for p in join_periods if p.holds(m.join_date)), UNKNOWN)

    def sex_key(m: Member) -> str:
        return m.sex.value if isinstance(m.sex, Sex) else UNKNOWN

    def ethnicity_key(m: Member) -> str:
        name = clean_text(m.ethnicity).strip()
        return UNKNOWN if not name else "han" if name in HAN else "minority"

    minorities = [(clean_text(m.ethnicity).strip(), m.id) for m in counted]
    return RosterStatistics(
        as_of=as_of,
        year=year,
        members=tuple(sorted(m.id for m in counted)),
        category=_tally(
            ("formal", "probationary"),
            by(lambda m: category_on(m, as_of).value),
            unknown=False,
        ),
        sex=_tally(("female", "male"), by(sex_key)),
        ethnicity=_tally(("han", "minority"), by(ethnicity_key)),
        minorities=_tally(
            (), [p for p in minorities if p[0] and p[0] not in HAN], keep_empty=False
        ),
        education=_tally((*EDUCATION_KEYS, OTHER), by(lambda m: education_group(m.education))),
        age=_tally([b.key for b in age_bands], by(age_key)),
        join_period=_tally([p.key for p in join_periods], by(join_key)),
        occupation=_tally(
            OCCUPATIONS, by(lambda m: clean_text(m.person_category).strip() or UNKNOWN)
        ),
        grades=_tally(GRADES, by(lambda m: (grades.get(m.id) or "").strip() or UNKNOWN)),
        year_counts=year_counts(members, statuses, transfers, year),
    )


def year_counts(
    members: Iterable[Member],
    statuses: Mapping[int, Sequence[StatusChange]],
    transfers: Mapping[int, Sequence[Transfer]],
    year: int,
) -> YearCounts:
    """The events of `year`, each counted where it happened (module docstring)."""
    found: dict[str, set[int]] = {name: set() for name in YearCounts.__dataclass_fields__}
    for m in members:
        if m.id is None:
            continue
        history = statuses.get(m.id, ())
        moves = transfers.get(m.id, ())

        def here(day: date, history=history, moves=moves) -> bool:
            return here_on(history, moves, day)

        if _in_year(m.join_date, year) and here(m.join_date):
            found["developed"].add(m.id)
            if m.sex is Sex.FEMALE:
                found["developed_female"].add(m.id)
            if education_group(m.education) in COLLEGE_OR_ABOVE:
                found["developed_college"].add(m.id)
            if m.birth_date is not None and age_on(m.birth_date, m.join_date) <= 35:
                found["developed_35_and_under"].add(m.id)
        if _in_year(m.full_date, year) and here(m.full_date):
            found["full_membership"].add(m.id)
        if m.join_date is not None and m.probation_extension_months > 0:
            # The branch decides on 延长 when the year of 预备期 ends (党章 art.7): the
            # decision's date is not recorded, the end of that year stands for it.
            first_end = add_months(m.join_date, PROBATION_MONTHS)
            if first_end.year == year and here(first_end):
                found["extended"].add(m.id)
        for change in history:
            if change.changed_on.year != year:
                continue
            if change.status is PartyStatus.EXPELLED:
                found["left_party"].add(m.id)
                if category_on(m, change.changed_on) is MemberCategory.PROBATIONARY:
                    found["probation_cancelled"].add(m.id)
            elif change.status is PartyStatus.SUSPENDED:
                found["suspended"].add(m.id)
            elif change.status is PartyStatus.DECEASED:
                found["deceased"].add(m.id)
        for t in moves:
            if t.transfer_date.year != year:
                continue
            inward = t.direction is TransferDirection.IN
            if t.kind is TransferKind.FORMAL:
                # This branch's own record: a 转入 it was the last arrival after, a 转出
                # it made while the member was here (not the sending branch's, carried in
                # a transfer file).
                day = t.transfer_date
                ours = not _arrived_after(moves, day) if inward else here(day - ONE_DAY)
                if ours:
                    found["transferred_in" if inward else "transferred_out"].add(m.id)
            else:
                found["temporary_in" if inward else "temporary_out"].add(m.id)
    return YearCounts(**{name: tuple(sorted(ids)) for name, ids in found.items()})
