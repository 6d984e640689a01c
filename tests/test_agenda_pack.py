"""PDF agenda packs (seeds 003, 004): agenda, previous minutes, action log and reports."""

import datetime as dt

from corpus.parsed import Section
from tests.seeds import parse_seed


def meetings(prefix):
    return {m.date: m for m in parse_seed(prefix).meetings}


def section(meeting, name):
    return [i for i in meeting.items if i.section == name]


def test_the_agenda_of_20_september_2019_has_15_items_time_and_venue():
    agenda = meetings("003")[dt.date(2019, 9, 20)]

    assert not agenda.has_minutes
    assert [i.agenda_number for i in section(agenda, Section.AGENDA)] == [str(n) for n in range(1, 16)]
    assert agenda.start_time == dt.time(10, 0)
    assert "Sparkenhoe" in agenda.venue


def test_agenda_notes_keep_the_presenter_and_drop_page_references():
    agenda = meetings("003")[dt.date(2019, 9, 20)]
    equality = section(agenda, Section.AGENDA)[6]

    assert equality.title == "Leicestershire County Council Equality Strategy Refresh"
    assert "Andrew Jeffreys" in equality.text
    assert "Pages" not in equality.title + equality.text


def test_minutes_inside_a_pack_belong_to_the_meeting_they_record():
    minutes = meetings("003")[dt.date(2019, 6, 14)]

    assert minutes.has_minutes
    assert [i.minute_number for i in minutes.items] == [str(n) for n in range(1, 18)]


def test_matters_arising_minute_references_are_references_not_items():
    minutes = meetings("003")[dt.date(2019, 6, 14)]
    matters = minutes.items[4]

    assert matters.title == "Matters arising"
    assert {r.minute for r in matters.references} == {"47", "48"}
    assert "knife crime" in matters.text


def test_the_action_log_has_five_rows_with_owners_dates_and_status():
    rows = meetings("003")[dt.date(2019, 9, 20)].action_log

    assert [r.number for r in rows] == ["1", "2", "3", "4", "5"]
    assert all(r.date == dt.date(2019, 6, 14) for r in rows)
    assert [r.status for r in rows] == ["Red", "Amber", "Green", "Amber", "Red"]
    assert rows[0].responsible_officer.startswith("Bill Knopp")
    assert rows[4].responsible_officer == "Carolyn Maclean" and rows[4].comments is None


def test_the_action_log_is_an_item_of_its_agenda_entry():
    (log,) = section(meetings("003")[dt.date(2019, 9, 20)], Section.ACTION_LOG)

    assert (log.title, log.agenda_number) == ("LSCSB Action Log", "5")
    assert "Glen Parva" in log.text


def test_reports_attach_to_the_agenda_items_they_were_written_for():
    reports = section(meetings("003")[dt.date(2019, 9, 20)], Section.REPORT)

    assert [r.agenda_number for r in reports] == ["7", "8", "9", "11"]
    assert reports[1].title == "Safer Communities Performance 2019/20 Q1"
    assert "45%" in reports[1].text


def test_minute_17_announces_six_future_meetings_at_ten():
    announced = meetings("003")[dt.date(2019, 6, 14)].announced

    assert [a.date.isoformat() for a in announced] == [
        "2019-09-20",
        "2019-12-06",
        "2020-03-20",
        "2020-06-26",
        "2020-09-25",
        "2020-12-11",
    ]
    assert {a.time for a in announced} == {dt.time(10, 0)}


def test_march_2016_minutes_read_markdown_headings_and_agreed_blocks():
    minutes = meetings("004")[dt.date(2016, 3, 17)]
    by_number = {i.minute_number: i for i in minutes.items}

    assert list(by_number) == [str(n) for n in range(64, 78)]
    assert by_number["69"].title == "Demand Management"
    assert [r.label for r in by_number["70"].resolutions] == ["(a)", "(b)"]
    assert {r.minute for r in by_number["66"].references} == {"57", "59"}


def test_june_2016_pack_attaches_reports_to_items_7_9_10_11_12():
    agenda = meetings("004")[dt.date(2016, 6, 8)]
    reports = section(agenda, Section.REPORT)

    assert [r.agenda_number for r in reports] == ["7", "9", "10", "11", "12"]
    assert "£42,089" in reports[1].text
    assert reports[2].title.startswith("Leicestershire Youth Offending Service")


def test_report_text_leaves_out_the_running_board_heading():
    reports = section(meetings("004")[dt.date(2016, 6, 8)], Section.REPORT)

    assert all("LEICESTERSHIRE SAFER COMMUNITIES STRATEGY BOARD" not in r.text for r in reports)


def test_an_attendance_table_flattened_into_one_line_still_yields_the_titled_names():
    minutes = meetings("004")[dt.date(2016, 3, 17)]
    present = [a.person for a in minutes.attendance if a.role.value == "present"]

    assert {"Mr. J.T. Orson", "Cllr. Lee Breckon", "Cllr. Kevin J. Loydall", "Cllr. Trevor Pendleton"} <= set(present)
