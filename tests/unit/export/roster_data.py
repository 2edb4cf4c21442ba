"""The roster both exporter tests write: one fully filled member, then plain ones."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dangjian_desktop.domain.people import Member, MemberCategory, PartyPost, Sex
from dangjian_desktop.export.roster_report import RosterReport

FULL_ID = "11010519900307123X"
# The roster prints 出生年月, so its IDs keep only the last 4 characters.
MASKED_ID = "**************123X"
MIDDLE_MASKED_ID = "110105********123X"  # without a birth-date column
FULL_PHONE = "13812345678"
MASKED_PHONE = "138****5678"


def members(n: int, **first_fields) -> list[Member]:
    """`first_fields` change the first member only (e.g. a note the writer must escape)."""
    values = dict(
        name="王建国",
        sex=Sex.MALE,
        ethnicity="汉族",
        birth_date=date(1990, 3, 7),
        native_place="浙江宁波",
        id_number=FULL_ID,
        education="本科",
        work_start_date=date(2012, 7, 1),
        work_unit="船舶19号",
        job_post="大副",
        person_category="工人",
        phone=FULL_PHONE,
        join_date=date(2015, 6, 30),
        full_date=date(2016, 6, 30),
        party_group_id=3,
        party_post=PartyPost.SECRETARY,
    )
    first = Member(**(values | first_fields))
    rest = [
        replace(
            first,
            name=f"李{i}",
            sex=Sex.FEMALE,
            id_number=f"330203{1960 + i % 40}0101{i % 1000:03d}5",
            category=MemberCategory.PROBATIONARY,
            full_date=None,
            party_post=PartyPost.NONE,
            is_mobile=False,
            is_lost=False,
            note="",
        )
        for i in range(1, n)
    ]
    return [first, *rest][:n]


def report(n: int = 3, first_fields: dict | None = None, **kw) -> RosterReport:
    return RosterReport(
        unit_name="中共某某船舶党支部",
        issued_on=date(2026, 11, 26),
        members=members(n, **(first_fields or {})),
        group_names={3: "船舶19号组"},
        **kw,
    )
