"""会议记录 .pdf, read back with pypdf: A4 portrait, the header block with the attendance
names and reasons, the 第一议题 first, the quorum and vote sentences, user text kept exactly
and never taken for markup, page numbers on every page, and long minutes over many pages."""

from __future__ import annotations

import re
import time
from dataclasses import replace

import meeting_data as md
import pytest
from pypdf import PdfReader

from dangjian_desktop.domain.meetings import (
    Attendance,
    Meeting,
    MeetingStatus,
    MeetingType,
    Presence,
    Resolution,
    ResolutionKind,
)
from dangjian_desktop.export.errors import ExportTextError
from dangjian_desktop.export.meeting_record import MeetingRecord, MinutesReport
from dangjian_desktop.export.minutes_pdf import write_minutes_pdf


def export(tmp_path, report: MinutesReport | None = None) -> PdfReader:
    path = tmp_path / "会议记录.pdf"
    write_minutes_pdf(report or md.minutes(), path)
    return PdfReader(path)


def compact(reader: PdfReader) -> str:
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def drawn_lines(reader: PdfReader) -> list[str]:
    return [line for page in reader.pages for line in page.extract_text().split("\n")]


def body(reader: PdfReader) -> str:
    """The text of all pages without the page header and the page numbers: what the
    flowables drew, continuous over page ends."""
    furniture = re.compile(r"^(中共.*2026年3月12日|打印日期：.*|第 \d+ 页 共 \d+ 页|)$")
    lines = [
        line
        for page in reader.pages
        for line in page.extract_text().split("\n")
        if not furniture.match(line)
    ]
    return re.sub(r"\s+", "", "".join(lines))


def layout_lines(reader: PdfReader) -> list[str]:
    """Lines as laid out on the page: blank lines and leading spaces show."""
    return [
        line.rstrip()
        for page in reader.pages
        for line in page.extract_text(extraction_mode="layout").split("\n")
    ]


def test_a4_portrait_with_title_and_the_header_block(tmp_path):
    reader = export(tmp_path)
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((595.28, 841.89), abs=0.1)
    text = compact(reader)
    for expected in (
        "中共示例石油航运有限公司“兴海油6”轮党支部支部党员大会2026年3月12日",  # page header
        "打印日期：2026年6月30日",
        "支部党员大会会议记录",
        "会议主题第一季度支部党员大会：讨论接收预备党员",
        "时间2026年3月12日19:00—21:10",
        "地点船员活动室（党员活动阵地）（锚泊舟山港虾峙门锚地）",
        "主持人王建华（书记）",
        "记录人单晓峰（组织委员）",
        "应到人数29人",
        "实到人数20人",
        "请假人数8人",
        "缺席人数1人",
        "列席人员张明远（发展对象）、周丽（公司党委组织部）",
        "本记录为会后补记，补记日期：2026年3月20日。",
        "1.签到表.jpg2.张明远入党志愿书（扫描件）.pdf3.会议现场照片.jpg",
        "主持人（签字）：",
        "记录人（签字）：",
    ):
        assert expected in text, expected


def test_attendance_names_with_their_reasons(tmp_path):
    text = compact(export(tmp_path))
    assert "出席人员王建华、陈国栋、单晓峰" in text
    assert "在航：宋佳琪（随兴海油3轮执行运输任务）；公休：许文杰、罗丹丹" in text
    assert "缺席人员及原因孙立新（未请假）" in text
    # Left out of the count with reason and approval, and so in no other list.
    assert (
        "不计入应到人数顾春生（长期患病卧床；经公司党委同意、2025年12月支部党员大会决定）" in text
    )
    assert text.count("顾春生") == 1


def test_the_first_topic_comes_first_then_agenda_minutes_resolutions(tmp_path):
    text = compact(export(tmp_path))
    order = [
        "一、第一议题",
        "学习主题：学习习近平总书记关于安全生产的重要论述",
        "领学人：陈国栋",
        "参加人员：出席会议的全体人员（共20人）",
        "二、会议议程",
        "1.学习第一议题",
        "三、会议记录",
        "四、决议及表决情况",
        "五、遗留问题",
        "六、附件",
        "主持人（签字）",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_the_quorum_and_each_vote_in_words(tmp_path):
    text = compact(export(tmp_path))
    assert (
        "有表决权的正式党员26人（另有1人经批准不计入应到人数），到会18人，超过半数，可以表决。"
        in text
    )
    assert "（一）接收张明远同志为中共预备党员〔接收预备党员〕" in text
    assert "表决方式：无记名投票；表决结果：赞成19、反对0、弃权1（含书面意见2份）" in text
    assert "赞成19票，超过应到会有表决权党员26人的半数，决议通过。" in text
    assert "因故不能到会的党员会前提交书面意见2份（赞成2、反对0、弃权0），按规定计入票数。" in text
    assert "赞成15票，超过应到会有表决权党员26人的半数，决议通过。" in text


def _voting(present: int, away: int, res: Resolution, kind=MeetingType.GENERAL) -> MinutesReport:
    ids = range(1, present + away + 1)
    meeting = Meeting(
        kind,
        "表决",
        md.ISSUED,
        status=MeetingStatus.HELD,
        host_id=1,
        recorder_id=2,
        attendance=tuple(
            Attendance(i, Presence.PRESENT if i <= present else Presence.LEAVE) for i in ids
        ),
        resolutions=(res,),
    )
    record = MeetingRecord(
        meeting,
        {i: f"党员{i}" for i in ids},
        formal_ids=frozenset(ids),
        committee_ids=frozenset(ids) if kind is MeetingType.COMMITTEE else (),
    )
    return MinutesReport(record, md.UNIT, md.ISSUED)


# The domain's cases (tests/unit/domain/test_meeting_rules.py) as the record says them.
@pytest.mark.parametrize(
    ("present", "away", "res", "kind", "expected"),
    [
        (
            15,
            5,
            Resolution("接收张三", ResolutionKind.ADMISSION, yes=14, abstain=1),
            MeetingType.GENERAL,
            [
                "到会15人，超过半数，可以表决。",
                "赞成14票，超过应到会有表决权党员20人的半数，决议通过。",
            ],
        ),
        (
            10,
            10,
            Resolution("一般事项", yes=10),
            MeetingType.GENERAL,
            [
                "到会10人，未超过半数（至少需到会11人），不能进行表决。",
                "本项不能表决，决议未通过。",
            ],
        ),
        (
            12,
            8,
            Resolution("一般事项", yes=10, no=2),
            MeetingType.GENERAL,
            [
                "虽超过到会12人的半数，但未超过应到会有表决权党员20人的半数（至少需11票），决议未通过。"
            ],
        ),
        (
            12,
            8,
            Resolution("转正", ResolutionKind.FULL_MEMBERSHIP, yes=10, no=2, written_yes=2),
            MeetingType.GENERAL,
            ["赞成12票，超过应到会有表决权党员20人的半数，决议通过。", "按规定计入票数。"],
        ),
        (
            12,
            8,
            Resolution("一般事项", yes=10, no=2, written_yes=2),
            MeetingType.GENERAL,
            ["决议未通过。", "书面意见2份不计入本项票数"],
        ),
        (
            2,
            3,
            Resolution("研究发展对象", yes=2),
            MeetingType.COMMITTEE,
            ["支部委员5人，到会2人，未超过半数（至少需到会3人），不能作出决定。"],
        ),
    ],
    ids=["passed", "no_quorum", "trap", "written_counted", "written_not_counted", "committee"],
)
def test_the_pdf_says_each_case_of_the_rules(tmp_path, present, away, res, kind, expected):
    text = compact(export(tmp_path, _voting(present, away, res, kind)))
    for sentence in expected:
        assert sentence in text, sentence


def test_a_lecture_names_its_lecturer_and_a_theme_day_what_else_it_counts_as(tmp_path):
    lecture = compact(export(tmp_path, md.minutes(md.lecture())))
    assert "党课记录" in lecture
    assert "主讲人李红梅（公司党委党校副校长）" in lecture
    assert "在航：陈国栋" not in lecture  # 陈国栋 is in the 驾驶部 group, present
    assert "在航：赵振华、刘志刚" in lecture
    day = compact(export(tmp_path, md.minutes(md.theme_day())))
    assert "主题党日活动记录（兼党课）" in day
    assert "主讲人王建华（书记）" in day
    assert "党日类型党员活动日" in day


def test_user_text_is_printed_as_typed_never_as_markup(tmp_path):
    typed = '<b>粗体</b> & <font size="40">大</font> &amp; <br/>'
    meeting = md.general_meeting(topic=typed, minutes=f"第一行\n\n{typed}\n  两个空格开头")
    reader = export(tmp_path, md.minutes(meeting))
    text = compact(reader)
    assert text.count(re.sub(r"\s+", "", typed)) == 2  # in the header block and the minutes
    lines = layout_lines(reader)
    at = lines.index("第一行")
    # The blank line stays a gap; the lines after it follow one another without one.
    assert lines[at + 1] == "" and typed in lines[at + 2 : at + 4]
    after = lines.index(typed)
    assert lines[after + 1] == "  两个空格开头"  # leading spaces kept


def test_the_page_count_grows_with_the_minutes_and_every_page_is_numbered(tmp_path):
    short = export(tmp_path, md.minutes(md.general_meeting(minutes=md.minutes_text(5))))
    long = export(tmp_path, md.minutes(md.general_meeting(minutes=md.minutes_text(200))))
    assert len(long.pages) > len(short.pages) + 10
    n = len(long.pages)
    for i, page in enumerate(long.pages, 1):
        assert f"第{i}页共{n}页" in re.sub(r"\s+", "", page.extract_text())
    # Each speech is whole: long paragraphs split at page ends lose nothing.
    assert body(long).count(re.sub(r"\s+", "", md.SPEECH.format(name=""))) == 200


def test_a_600000_character_minutes_renders_in_seconds(tmp_path):
    minutes = md.minutes_text(4000)
    minutes = (minutes * (600_000 // len(minutes) + 1))[:600_000]
    meeting = md.general_meeting(minutes=minutes + "\n最后一行")
    start = time.perf_counter()
    reader = export(tmp_path, md.minutes(meeting))
    seconds = time.perf_counter() - start
    assert len(reader.pages) > 300
    assert "最后一行" in reader.pages[-2].extract_text() + reader.pages[-1].extract_text()
    assert seconds < 60  # about 5 s on the 2-core machine; a Paragraph took minutes


def test_a_control_character_names_the_line_and_the_field(tmp_path):
    meeting = md.general_meeting(minutes="第一行\n第二行\n第三\x00行")
    with pytest.raises(ExportTextError) as caught:
        write_minutes_pdf(md.minutes(meeting), tmp_path / "会议记录.pdf")
    assert (caught.value.row_number, caught.value.column) == (3, "会议记录")
    assert caught.value.row_name == "2026.03.12 支部党员大会"
    assert list(tmp_path.iterdir()) == []


def test_word_line_breaks_and_tabs_are_kept_as_lines_and_spaces(tmp_path):
    meeting = md.general_meeting(minutes="甲段\x0b乙段\r\n丙\t段")
    lines = [line.strip() for line in drawn_lines(export(tmp_path, md.minutes(meeting)))]
    assert {"甲段", "乙段"} <= set(lines)
    assert any(re.fullmatch(r"丙\s+段", line) for line in lines)


def test_three_hundred_attendees_split_over_pages(tmp_path):
    ids = range(1, 301)
    meeting = Meeting(
        MeetingType.GENERAL,
        "年度党员大会",
        md.ISSUED,
        status=MeetingStatus.HELD,
        attendance=tuple(
            Attendance(i, Presence.PRESENT if i % 3 else Presence.LEAVE, note="船舶在航执行任务")
            for i in ids
        ),
    )
    names = {i: f"欧阳{i:03d}" for i in ids}
    record = MeetingRecord(meeting, names, formal_ids=frozenset(ids))
    text = compact(export(tmp_path, MinutesReport(record, md.UNIT, md.ISSUED)))
    assert all(name in text for name in names.values())


def test_without_first_topic_agenda_or_resolutions_the_sections_renumber(tmp_path):
    meeting = replace(md.committee_meeting(), first_topic=md.FirstTopic(), resolutions=())
    text = compact(export(tmp_path, md.minutes(meeting, attachments=())))
    assert "一、会议记录" in text
    assert "第一议题" not in text and "决议" not in text and "附件" not in text
