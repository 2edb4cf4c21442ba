"""The 台账's light read (counts of each sign-in list from SQL, only the lines away read)
gives exactly what the whole lists give: the same head counts, the same lists of those
away with their reasons, the same cells — on crafted records with excluded members, 列席,
leave reasons and notes, absences, a 补记, a record with a vote (read whole for its
quorum), a planned one and one outside the period."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dangjian_desktop.domain.meetings import (
    LeaveReason,
    MeetingStatus,
    MeetingType,
    Presence,
    Resolution,
    ResolutionKind,
)
from dangjian_desktop.export.ledger_report import LEDGER_COLUMNS, ledger_table
from dangjian_desktop.services import meeting_reports
from dangjian_desktop.services.unit_of_work import read_session
from dangjian_desktop.storage import meeting_report_repo
from tests.unit.services.meeting_data import general_meeting, make_branch

HELD = (MeetingStatus.HELD, MeetingStatus.ARCHIVED)


def crafted(workspace):
    branch = make_branch(workspace)
    ws, id_of = workspace, branch.id

    def with_lines(meeting, **lines):
        by_id = {id_of(name): change for name, change in lines.items()}
        attendance = tuple(
            replace(a, **by_id[a.member_id]) if a.member_id in by_id else a
            for a in meeting.attendance
        )
        return replace(meeting, attendance=attendance)

    leave = {"presence": Presence.LEAVE}
    excluded = leave | {
        "excluded": True,
        "exclusion_reason": "长期病休",
        "exclusion_approval": "党委同意",
    }
    ws.meetings.save(
        with_lines(
            general_meeting(branch, date(2025, 3, 10), guests=("公司党委 张明",)),
            赵敏=leave | {"reason": LeaveReason.AT_SEA, "note": "随船执行运输任务"},
            刘洋=leave | {"reason": LeaveReason.SHORE_LEAVE},
            孙丽={"presence": Presence.ABSENT, "note": "未请假"},
            陈刚=excluded,
        )
    )
    ws.meetings.save(
        with_lines(
            general_meeting(
                branch, date(2025, 4, 2), late_record=True, recorded_on=date(2025, 4, 20)
            ),
            孙丽=leave | {"reason": LeaveReason.SICK},
            刘洋=leave | excluded,
            周新={"presence": Presence.ABSENT},
        )
    )
    vote = Resolution("同意周新同志转为正式党员", ResolutionKind.GENERAL, yes=4)
    ws.meetings.save(
        with_lines(
            general_meeting(branch, date(2025, 5, 20), resolutions=(vote,)),
            赵敏=leave | {"reason": LeaveReason.PERSONAL},
            陈刚=excluded,
        )
    )
    ws.meetings.save(
        general_meeting(branch, date(2025, 6, 1), type=MeetingType.COMMITTEE, attendance=())
    )
    ws.meetings.save(  # excluded lines elsewhere must not leak into the year's records
        with_lines(general_meeting(branch, date(2024, 12, 1)), 陈刚=excluded, 刘洋=leave)
    )
    ws.meetings.save(
        with_lines(
            general_meeting(branch, date(2025, 7, 1), status=MeetingStatus.PLANNED),
            陈刚=excluded,
        )
    )


def test_the_light_read_gives_the_ledger_of_the_whole_lists(workspace):
    crafted(workspace)
    start, end = date(2025, 1, 1), date(2025, 12, 31)
    with read_session(workspace.exports._engine()) as s:
        light = meeting_reports.build_ledger(s, 2025, None, issued_on=end)
        records = meeting_reports._Records(s)
        whole = [
            records.record(m, quorum=bool(m.resolutions))
            for m in meeting_report_repo.records_between(s, start, end, HELD)
        ]
        read = meeting_report_repo.ledger_records_between(s, start, end, HELD)
    assert len(light.records) == len(whole) == 4
    # Only the lines away or excluded were read, except for the record with a vote.
    listed = [(m.date, n, len(m.attendance)) for m, n in read]
    assert listed == [
        (date(2025, 3, 10), 7, 4),
        (date(2025, 4, 2), 7, 3),
        (date(2025, 5, 20), None, 7),
        (date(2025, 6, 1), 0, 0),
    ]
    for new, old in zip(light.records, whole, strict=True):
        assert new.meeting.id == old.meeting.id
        assert new.head_count == old.head_count
        assert (new.leave_names, new.absent_names) == (old.leave_names, old.absent_names)
        assert new.excluded_names == old.excluded_names
        assert new.meeting.guests == old.meeting.guests
        assert new.meeting.late_record == old.meeting.late_record
        for i, col in enumerate(LEDGER_COLUMNS):
            assert col.value(i, new) == col.value(i, old), col.title
    assert whole[0].leave_names == "公休：刘洋；在航：赵敏（随船执行运输任务）"
    assert whole[0].head_count.expected == 6 and whole[1].head_count.excluded == 1
    assert light.records[2].quorum == whole[2].quorum
    old_table = ledger_table(replace(light, records=whole))
    new_table = ledger_table(light)
    cells = [[c.value(i, r) for c in new_table.columns] for i, r in enumerate(new_table.rows, 1)]
    assert cells == [
        [c.value(i, r) for c in old_table.columns] for i, r in enumerate(old_table.rows, 1)
    ]


def test_the_lines_away_are_read_through_the_partial_index(workspace):
    """The WHERE of the query must repeat the partial index's own terms (and keep them
    apart from the IN list: "a AND b OR c" would scan the whole table)."""
    with read_session(workspace.exports._engine()) as s:
        conn = s.connection()
        stmt = meeting_report_repo.lines_stmt([1, 2, 3], away_only=True)
        sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
        plan = " ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
    assert "ix_meeting_attendance_away" in plan and "SCAN" not in plan


def test_list_lengths_come_from_the_stored_counts_and_a_disagreeing_one_is_recounted(
    workspace,
):
    """The length of a list is 应到 as stored with the record plus its lines excluded — no
    count over the lines; a stored count that the lines away contradict (a damaged file)
    sends that record's list to be counted, so the ledger never prints the damage."""
    crafted(workspace)

    def read() -> tuple[list[int | None], list[str]]:
        counts: list[str] = []

        def seen(statement: str) -> None:
            if "count(" in statement.lower() and "meeting_attendance" in statement:
                counts.append(statement)

        with read_session(workspace.exports._engine()) as s:
            sqlite = s.connection().connection.driver_connection  # plain_rows skips SQLAlchemy
            sqlite.set_trace_callback(seen)
            try:
                found = meeting_report_repo.ledger_records_between(
                    s, date(2025, 1, 1), date(2025, 12, 31), HELD
                )
            finally:
                sqlite.set_trace_callback(None)
        return [n for _m, n in found], counts

    assert read() == ([7, 7, None, 0], [])
    with workspace._db.engine.begin() as conn:
        for sql in (
            "UPDATE meeting SET leave_count = leave_count + 1 WHERE date = '2025-03-10'",
            "UPDATE meeting SET expected_count = 40 WHERE date = '2025-04-02'",
            "UPDATE meeting SET expected_count = 3, present_count = 3 WHERE date = '2025-06-01'",
        ):
            conn.exec_driver_sql(sql)
    lengths, counts = read()
    # The first two disagree with their own lines and are counted again, in one query; the
    # third, whose stored counts agree with each other and with its (empty) list of lines
    # away, cannot be told from a true one: 3 + 0 excluded.
    assert lengths == [7, 7, None, 3]
    assert len(counts) == 1
