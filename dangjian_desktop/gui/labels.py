"""Chinese labels of the domain's enumerations for widgets: the same words as the reports,
so they live once, in export/labels.py."""

from __future__ import annotations

from dangjian_desktop.domain.people import MemberCategory, PartyPost, PartyStatus, Sex
from dangjian_desktop.export.labels import MEMBER_CATEGORY as CATEGORY
from dangjian_desktop.export.labels import PARTY_POST, SEX
from dangjian_desktop.export.labels import PARTY_STATUS as STATUS

__all__ = ["CATEGORY", "PARTY_POST", "SEX", "STATUS"]


def sex_label(value: Sex | None) -> str:
    return SEX.get(value, "") if value else ""


def category_label(value: MemberCategory) -> str:
    return CATEGORY.get(value, "")


def status_label(value: PartyStatus) -> str:
    return STATUS.get(value, "")


def party_post_label(value: PartyPost) -> str:
    return PARTY_POST.get(value, "")
