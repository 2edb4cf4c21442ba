"""The Chinese lines of the 工作台's due list: one per DueItem, one per group of them.

Plain functions over the domain's values (domain/dashboard.py), worded through Qt's
translate so a .ts/.qm can follow; the view only places them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from dangjian_desktop.domain.dashboard import DueItem, DueKind, Severity
from dangjian_desktop.export.labels import IN_GROUP, MEETING_TYPE

CONTEXT = "DashboardView"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def severity_text(severity: Severity) -> str:
    return {
        Severity.OVERDUE: tr("已超期"),
        Severity.DUE: tr("待办"),
        Severity.NOTICE: tr("提示"),
    }[severity]


def meeting_name(item: DueItem) -> str:
    rule = item.ref.rule
    name = MEETING_TYPE.get(rule.type, "") if rule is not None else tr("会议")
    return IN_GROUP.format(type=name, group=item.subject) if item.subject else name


def item_text(item: DueItem) -> str:
    """The line of one item, as it reads on its own."""
    kind, s, d, n = item.kind, item.severity, item.due_date, item.days_left
    if kind is DueKind.MEETING:
        if s is Severity.OVERDUE:
            return tr("{name}：{start} 至 {end} 期间未召开").format(
                name=meeting_name(item), start=item.ref.period_start, end=item.ref.period_end
            )
        return tr("{name}：应于 {end} 前召开，尚未召开（还有 {n} 天）").format(
            name=meeting_name(item), end=d, n=n
        )
    if kind is DueKind.PROBATION:
        if s is Severity.OVERDUE:
            return tr("预备党员 {name} 应于 {d} 转正，已超期 {n} 天，请及时讨论。").format(
                name=item.subject, d=d, n=-(n or 0)
            )
        return tr("预备党员 {name} 将于 {d} 预备期满（还有 {n} 天），请准备转正讨论。").format(
            name=item.subject, d=d, n=n
        )
    if kind is DueKind.TERM:
        if s is Severity.OVERDUE:
            return tr(
                "换届：本届支委会任期已于 {d} 届满，已超期 {n} 天，"
                "请及时组织换届选举或报上级党组织批准延期。"
            ).format(d=d, n=-(n or 0))
        return tr("换届：本届支委会任期将于 {d} 届满（还有 {n} 天），请着手准备换届。").format(
            d=d, n=n
        )
    if kind is DueKind.TERM_UNKNOWN:
        return tr("换届：尚未填写本届支委会选举日期，无法提醒换届（点此到“支部信息”填写）。")
    if kind is DueKind.LOST_CONTACT:
        since = item.since.isoformat() if item.since else tr("日期未填")
        text = tr("党员 {name} 失去联系（自 {since}）。").format(name=item.subject, since=since)
        if s is Severity.DUE:
            text += tr("已超过6个月，请按规定研究是否停止党籍。")
        return text
    if kind is DueKind.NO_LIFE:
        return tr("党员 {name} 连续6个月以上未参加组织生活（{last}）。").format(
            name=item.subject, last=last_life_text(item)
        )
    if kind is DueKind.RECTIFICATION:
        what = rectification_subject(item)
        if s is Severity.OVERDUE:
            return tr("整改：{item} 已过整改期限 {d}（超期 {n} 天）。").format(
                item=what, d=d, n=-(n or 0)
            )
        if d is not None:
            return tr("整改：{item} 应于 {d} 前完成（还有 {n} 天）。").format(item=what, d=d, n=n)
        return tr("整改：{item} 尚未销号。").format(item=what)
    if kind is DueKind.BACKUP:
        if item.since is None:
            return tr("备份：尚无备份，点此立即备份。")
        return tr("备份：最近一次备份在 {d}，已超过 7 天，点此立即备份。").format(d=item.since)
    if kind is DueKind.DATA_FILE:
        return tr("数据文件：完整检查发现问题，详见“数据文件”一栏；点此重新检查。")
    return str(kind)  # a kind added to the domain without wording here: visible, not hidden


def rectification_subject(item: DueItem) -> str:
    """The failed item, with its venue when known: "船舶党员活动室·宣传栏"."""
    if not item.place:
        return item.subject
    return tr("{venue}·{item}").format(venue=item.place, item=item.subject)


def child_text(item: DueItem) -> str:
    """The line of an item inside its group (the group line already says what it is)."""
    if item.kind is DueKind.NO_LIFE:
        return f"{item.subject}（{last_life_text(item)}）"
    return item_text(item)


def last_life_text(item: DueItem) -> str:
    if item.since is None:
        return tr("无参加记录")
    return tr("最近一次 {d}").format(d=item.since)


def group_text(kind: DueKind, items: Sequence[DueItem]) -> str:
    """The one line that stands for many items of one kind."""
    n = len(items)
    overdue = sum(i.severity is Severity.OVERDUE for i in items)
    if kind is DueKind.MEETING:
        text = tr("会议：{n} 项按规定应开的会议尚未召开").format(n=n)
        if overdue:
            text += tr("（其中 {k} 项已过期）").format(k=overdue)
        return text
    if kind is DueKind.NO_LIFE:
        return tr("组织生活：{n} 名党员连续6个月以上未参加组织生活，请了解情况并督促参加").format(
            n=n
        )
    if kind is DueKind.PROBATION:
        return tr("转正：{n} 名预备党员预备期已满或将满").format(n=n)
    if kind is DueKind.LOST_CONTACT:
        return tr("失联：{n} 名党员失去联系").format(n=n)
    if kind is DueKind.RECTIFICATION:
        return tr("整改：{n} 项整改尚未销号").format(n=n)
    return tr("{n} 项提醒").format(n=n)
