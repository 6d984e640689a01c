"""Layouts of minutes read by the cues a reader sees: a topic and presenter column, numbered minutes' own
sub-items, a Word file that opens with an empty paragraph."""

import textwrap

import docx

from corpus.followups.owners import normalise_owner
from corpus.language.dates import find_dates
from corpus.read import read_document
from corpus.shapes import parse_text


def items_of(text: str) -> list[tuple[str | None, str]]:
    (meeting,) = parse_text(textwrap.dedent(text).strip("\n"), "test.txt").meetings
    return [(item.minute_number, item.title) for item in meeting.items]


def test_a_topic_and_presenter_layout_titles_each_item_by_its_topic():
    titles = items_of("""
        Elmfield Science Network Board, Saturday 9 August 2014

        TOPIC\t\t\tPRESENTER

        Call to Order\t\tAnn Kerr
        The meeting opened at 10:10.

        Treasurer's Report ------------------------------------ Bob Oduya
        The balance at the end of July was reported and the accounts were accepted.

        Membership ……………………………………………………………… Carla Stein
        Renewal letters will go out in September.

        Publicity ------------------------------------------- Vacant
    """)
    assert titles == [(None, "Call to Order"), (None, "Treasurer's Report"), (None, "Membership"), (None, "Publicity")]


def test_numbered_minutes_keep_their_numbered_and_lettered_sub_items():
    titles = items_of("""
        Minutes of the meeting of Elmfield Parish Council held on Wednesday 8 January 2014 at 7.30 pm

        PRESENT: Cllrs A Kerr (Chairman), B Oduya, C Stein

        101. APOLOGIES FOR ABSENCE

        Apologies were accepted from Cllr D Ruiz.

        102. PUBLIC PARTICIPATION

        102.1. Two residents addressed the council on repairs to the track across the green.

        102.2. A resident asked whether licences for new crossings had been granted.

        103. FINANCE

        a. Payments: the schedule of payments was approved as circulated.
        b. Budget: the clerk presented the draft budget for the coming year.

        104. DATE OF NEXT MEETING

        The next meeting will be held on 12 February 2014.

        Signed ………………………… Chairman
    """)
    assert [number for number, _ in titles] == ["101", "102", "102.1", "102.2", "103", "103a", "103b", "104"]


def test_a_word_file_opening_with_an_empty_paragraph_is_read(tmp_path):
    document = docx.Document()
    document.add_paragraph("")
    document.add_paragraph("Elmfield Hall Committee, Tuesday 3 March 2020")
    document.add_paragraph("Apologies: none were received from any member of the committee.")
    path = tmp_path / "minutes.docx"
    document.save(str(path))
    assert "Elmfield Hall Committee" in read_document(path).text


def test_an_ordinal_typed_twice_still_dates_the_meeting():
    (found,) = find_dates("10thth September 2021, by email.")
    assert found.date.isoformat() == "2021-09-10"


def test_a_new_post_holder_is_the_post():
    assert normalise_owner("New clerk", []) == normalise_owner("the clerk", [])
    assert normalise_owner("New Zealand Police", []) == "New Zealand Police"


def test_topics_behind_a_list_mark_over_their_own_text_are_the_items():
    titles = items_of("""
        Minutes of the Elmfield Fair Planning Meeting, January 9, 2013

        • Schedule
        Registration opens at 8:30 and the first workshop starts at 9:45.

        • Panel
        We discussed parking, the microphone and gifts for the panel.

        • Food
        Pizza will be served around 11:30.
    """)
    assert titles == [(None, "Schedule"), (None, "Panel"), (None, "Food")]


def test_numbered_points_that_report_what_was_done_are_minutes_not_an_agenda():
    document = parse_text(
        textwrap.dedent("""\
            Elmfield Residents Association Annual General Meeting, 9 October 2004

            1 Attendance: a list of members attending is available from the secretary
            2 Apologies: apologies were received from two members
            3 Quoracy: with over 15 members present, the meeting was deemed quorate
        """),
        "test.txt",
    )
    assert document.format != "agenda"
    assert [i.title for i in document.meetings[0].items] == ["Attendance", "Apologies", "Quoracy"]


def test_a_date_in_figures_is_read_month_first_where_the_text_writes_its_dates_month_first():
    (meeting,) = parse_text(
        textwrap.dedent("""\
            Elmfield Chapter Executive Committee Minutes (12/06/2018)

            1- The treasurer's term ends on December 31, 2018, and a new signatory will be added.
            2- The minutes of November 2018 were approved.
        """),
        "test.txt",
    ).meetings
    assert meeting.date.isoformat() == "2018-12-06"


def test_a_meeting_over_two_days_is_dated_by_its_first():
    (found,) = find_dates("Date: 2 – 3 December 2019, Venue: the college")
    assert found.date.isoformat() == "2019-12-02"


def test_a_dash_typed_against_the_title_ends_it():
    titles = items_of("""
        Minutes of the Elmfield Residents Board, February 2, 2011

        1) Job Descriptions- Ann asked each officer to write down their duties.
        2) Spring Newsletter- Stories are due by February 28 and the printer is booked.
        3) Clean Streets Award- Carla said certificates could be given out once a month.
    """)
    assert titles == [("1", "Job Descriptions"), ("2", "Spring Newsletter"), ("3", "Clean Streets Award")]


def test_bold_sections_over_lists_numbered_again_head_them_and_their_entries_are_items(tmp_path):
    path = tmp_path / "minutes.md"
    path.write_text(
        textwrap.dedent("""\
            # Elmfield Residents Board

            February 2, 2011

            **Old Business**

            1) Job Descriptions- Ann asked each officer to write down their duties.
            2) Spring Newsletter- Stories are due by February 28 and the printer is booked.
            3) Clean Streets Award- Carla said certificates could be given out once a month.
            4) Mailing List- Dana said she had removed two addresses at their owners' request.

            **New Business**

            1) Webmaster- Bob said the site had been moved to a new host last week.
            2) Members Without Email- Carla reported that 43 members gave no address.
        """),
        encoding="utf-8",
    )
    (meeting,) = parse_text(read_document(path).text, str(path)).meetings
    assert [(i.minute_number, i.title) for i in meeting.items] == [
        (None, "Old Business"),
        ("1", "Job Descriptions"),
        ("2", "Spring Newsletter"),
        ("3", "Clean Streets Award"),
        ("4", "Mailing List"),
        (None, "New Business"),
        ("1", "Webmaster"),
        ("2", "Members Without Email"),
    ]


def test_letters_that_start_again_under_each_number_are_its_sub_items():
    titles = items_of("""
        ELMFIELD FOUNDATION BOARD MEETING – Minutes
        Wednesday, November 23, 2016
        1. Ann called the meeting to order at 9:45am
        2. Approval of Agenda: The agenda was approved as circulated.
        3. Correspondence
        a. Health authority – a letter on water testing was received and filed.
        b. Trustees – Ann will send a letter of support for the application.
        4. Reports
        a. Treasurer – Bob
        The financial report was approved.
        b. Building – Ann
        Maintenance work is underway.
        c. Governance – No report; work is ongoing.
    """)
    assert [number for number, _ in titles] == ["1", "2", "3", "3a", "3b", "4", "4a", "4b", "4c"]


def test_numbered_minutes_read_in_finer_detail_keep_the_titles_their_headings_print():
    titles = items_of("""
        Minutes of the meeting of Elmfield Community Council held on Monday 19 June 2023 at 7pm

        Present: Cllrs A Kerr (Chair), B Oduya, C Stein

        AGENDA ITEM 1 – Apologies
        Apologies were accepted from Cllr D Ruiz.

        AGENDA ITEM 2 – To receive and confirm the minutes of the ordinary council meeting on 15 May 2023.
        Proposed: Cllr Oduya Seconded: Cllr Stein. Unanimously agreed.

        AGENDA ITEM 3 – Finance
        3.1 Payments: the schedule of payments was approved as circulated.
        3.2 Budget: the clerk presented the draft budget for the coming year.
    """)
    assert ("2", "To receive and confirm the minutes of the ordinary council meeting on 15 May 2023") in titles
    assert [number for number, _ in titles] == ["1", "2", "3", "3.1", "3.2"]


def test_a_table_of_payments_or_outcomes_is_not_a_list_of_headings():
    titles = items_of("""
        Minutes of the Elmfield Parish Council meeting, 4 March 2024

        1. Apologies
        None were received.

        2. Payments
        The following payments were approved:
        Clerk's salary\t£450.00
        Hall hire\t£35.00
        Grant to the youth club\tApproved
        Website renewal\t£120.00

        3. Date of next meeting
        The next meeting will be on 8 April 2024.
    """)
    assert titles == [("1", "Apologies"), ("2", "Payments"), ("3", "Date of next meeting")]


def test_a_question_and_its_answer_set_in_bold_are_one_item():
    titles = items_of("""
        Minutes of the Elmfield Parish Council meeting, 4 March 2024

        **1. Public questions**

        **Question:** A resident asked when the bus shelter would be repaired.

        **Answer:** The clerk said the contractor would attend this month.

        **2. Date of next meeting**

        The next meeting will be on 8 April 2024.
    """)
    assert titles == [("1", "Public questions"), ("2", "Date of next meeting")]
