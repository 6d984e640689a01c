"""The generic reader: any minutes text no known shape fits is read, never refused for its shape."""

import datetime as dt
import textwrap

import pytest

from corpus.parsed import ParseError
from corpus.shapes import parse_text
from corpus.shapes.headings import is_never_title


def parsed(text, **hints):
    return parse_text(textwrap.dedent(text).strip("\n"), "test.txt", **hints)


def only_meeting(text, **hints):
    (meeting,) = parsed(text, **hints).meetings
    return meeting


REGISTER_NUMBERED = """
    Minutes of Parish Council 22 November 2023

    THOSE ATTENDING:

    Cllr K Brown

    Cllr G Hall (Chair)

    C048/23      1.         APOLOGIES FOR ABSENCE.

    Cllr L Wood (work commitment). The meeting accepted the reason given.

    C049/23      2.         PUBLIC QUESTIONS.

    No questions had been received.
"""


def test_a_register_reference_before_the_item_number_is_the_minute_number():
    meeting = only_meeting(REGISTER_NUMBERED)

    assert [(i.minute_number, i.agenda_number) for i in meeting.items] == [("C048/23", "1"), ("C049/23", "2")]
    assert [i.title for i in meeting.items] == ["Apologies for Absence", "Public Questions"]


def test_an_attendance_block_headed_those_attending_is_read_as_present():
    meeting = only_meeting(REGISTER_NUMBERED)

    assert [a.person for a in meeting.attendance] == ["Cllr K Brown", "Cllr G Hall (Chair)"]


def test_the_board_is_read_from_a_minutes_of_line_with_its_date():
    assert parsed(REGISTER_NUMBERED).body == "Parish Council"


def test_who_chaired_is_not_an_item_and_an_election_in_capitals_is_kept():
    meeting = only_meeting(
        """
        Minutes of the Annual Meeting of Eastbrook Town Council held on Monday 10 May 2021 at 7pm

        Councillor A Brown in the Chair

        21.44 ELECTION OF CHAIR OF THE COUNCIL

        It was RESOLVED that Cllr Brown be elected Chair of the Council.

        21.45 DECLARATION OF ACCEPTANCE OF OFFICE

        Cllr Brown signed the declaration.
        """
    )

    assert [i.title for i in meeting.items] == [
        "Election of Chair of the Council",
        "Declaration of Acceptance of Office",
    ]
    assert meeting.items[0].resolutions[0].text == "That Cllr Brown be elected Chair of the Council."


def test_a_number_alone_on_a_line_heads_the_title_below_it_and_minutes_label_splits_the_blurb():
    meeting = only_meeting(
        """
        344.

        Street Trading Consents

        The report of the Licensing Manager is attached.

        Minutes:

        The Committee considered an application for a street trading consent.
        """,
        date=dt.date(2016, 2, 18),
        body="A Licensing Committee",
    )

    (item,) = meeting.items
    assert (item.minute_number, item.title) == ("344", "Street Trading Consents")
    assert item.note == "The report of the Licensing Manager is attached."
    assert item.text.startswith("The Committee considered an application")


def test_each_dated_section_of_a_decision_page_is_a_meeting_of_its_own_date():
    document = parsed(
        """
        Issue - decisions

        Parking charges review

        14/02/2024 - Parking charges review

        That the revised charges set out in the report be approved.

        12/09/2023 - Parking charges review

        That a review of charges be carried out.
        """,
        body="A Cabinet",
    )

    dates = [m.date for m in document.meetings]
    assert dates == [dt.date(2024, 2, 14), dt.date(2023, 9, 12)]
    assert all(m.items[0].title == "Parking charges review" for m in document.meetings)


def test_text_without_any_heading_is_read_in_paragraphs_with_derived_titles():
    paragraph = "The board received an update on the capital programme and noted the position. " * 8
    meeting = only_meeting(f"Meeting held on 3 March 2022\n\n{paragraph}\n\n{paragraph}\n\n{paragraph}")

    assert len(meeting.items) >= 2
    assert all(i.title_derived for i in meeting.items)


def test_a_page_flattened_into_one_long_line_becomes_several_items():
    sentence = "Supervisor Grey moved to approve the road improvement plan and the motion carried 5-0. "
    meeting = only_meeting(f"Regular meeting held on March 14, 2022. {sentence * 60}")

    assert len(meeting.items) >= 3
    assert {i.line_start for i in meeting.items} == {1}  # cited at the one line they share


def test_the_date_of_a_title_wrapped_over_two_lines_is_found():
    meeting = only_meeting(
        """
        Minutes of the Governing Board Meeting held on
        Thursday, 2nd July, 2015, at 6.00 pm
        The minutes of the meeting held on 21 May 2015 were approved as a correct record.
        """
    )

    assert meeting.date == dt.date(2015, 7, 2)


def test_of_several_dates_at_the_head_the_one_the_minutes_repeat_is_the_meeting_s():
    meeting = only_meeting(
        """
        Planning Commission Meeting Minutes
        August 8, 2011
        PLANNING COMMISSION MINUTES
        MONDAY, SEPTEMBER 26, 2011
        1. Call to Order:
        The Chair called the September 26, 2011, Planning Commission meeting to order at 6:00 p.m.
        2. Approval of Agenda:
        Approved.
        """
    )

    assert meeting.date == dt.date(2011, 9, 26)


def test_a_page_s_byline_date_gives_way_to_the_date_under_the_line_naming_the_meeting():
    meeting = only_meeting(
        """
        March 30, 2024 Jo Bell

        Minutes of the Special Meeting

        11 March 2024 7.30pm

        1. Hall hire
        The hire charges were agreed.
        """
    )

    assert meeting.date == dt.date(2024, 3, 11)


def test_the_date_held_on_leads_to_beats_a_date_a_page_s_cut_title_names_with_the_meeting():
    meeting = only_meeting(
        """
        Full Council · held on … · Friday 5th April 2024 owing to the fête

        Council 11 March 2024 Page 1 MINUTES OF A MEETING OF THE COUNCIL HELD ON MONDAY 11 th MARCH 2024 AT 7PM

        1. Hall hire
        The hire charges were agreed.
        """
    )

    assert meeting.date == dt.date(2024, 3, 11)


def test_the_date_another_meeting_was_held_on_does_not_date_this_one():
    meeting = only_meeting(
        """
        Trust Board meeting held at the Hall, 4 March 2024

        Questions arising from the meeting held on Monday 5 February 2024 are taken under item 2.

        1. Hall hire
        The hire charges were agreed.
        """
    )

    assert meeting.date == dt.date(2024, 3, 4)


def test_a_page_s_list_of_update_stamps_does_not_date_the_meeting():
    meeting = only_meeting(
        """
        Recent Updates
        Home Page
        2nd Feb 2025 11:02 GMT
        News and Minutes
        19th Jan 2025 09:47 GMT

        MINUTES OF THE ANNUAL GENERAL MEETING
        Riverside Bowls Club
        AGM – 2pm 4th May 2024

        1. Apologies for Absence
        None.
        2. Accounts
        The accounts were approved.
        """
    )

    assert meeting.date == dt.date(2024, 5, 4)


def test_a_page_s_title_date_gives_way_to_the_minutes_own_date_given_with_its_weekday():
    meeting = only_meeting(
        """
        Procès verbal du conseil municipal du 11 mars 2021
        Posted on 02/04/2021
        Posted on 02/04/2021
        Conseil municipal du vendredi 12 mars 2021
        Prochaine date : le vendredi 18 juin 2021
        1. Cantine
        Les tarifs restent les mêmes.
        2. Kermesse
        La date est votée.
        """
    )

    assert meeting.date == dt.date(2021, 3, 12)


def test_a_date_written_year_first_in_figures_gives_the_date():
    meeting = only_meeting("Board Minutes 2017.03.07\n\n- Meeting opened at 7:20 pm\n- Nothing to add to agenda")

    assert meeting.date == dt.date(2017, 3, 7)


def test_figures_written_day_first_give_the_date():
    meeting = only_meeting(
        "Minutes of the meeting held in the Village Hall on 7/11/2024 at 7.30pm\n\n1. Apologies\n\nNone."
    )

    assert meeting.date == dt.date(2024, 11, 7)


def test_a_motion_moved_seconded_and_carried_is_a_decision():
    meeting = only_meeting(
        """
        Council meeting, 5 October 2017

        1. Road Safety Plan

        The Council discussed the plan.

        Proposed by Cr Hill, seconded by Cr Park: THAT the Road Safety Plan be adopted. CARRIED
        """
    )

    (item,) = meeting.items
    assert [r.text for r in item.resolutions] == [
        "Proposed by Cr Hill, seconded by Cr Park: THAT the Road Safety Plan be adopted. CARRIED"
    ]


def test_text_with_no_date_anywhere_is_refused_with_a_reason_and_any_date_makes_it_minutes():
    text = "Dear resident,\n\nThank you for your letter about the bins.\n"

    with pytest.raises(ParseError, match="no meeting date"):
        parsed(text)
    assert parsed(text, date=dt.date(2024, 1, 8)).meetings[0].items


def test_a_document_without_a_board_name_is_filed_under_a_named_placeholder_with_a_warning():
    document = parsed("Meeting held on 3 March 2022\n\n1. Apologies\n\nNone received.")

    assert document.body == "Unnamed board (test.txt)"
    assert any("no board name" in w for w in document.warnings)


def test_roman_numerals_and_numbers_glued_to_their_titles_head_items():
    roman = only_meeting(
        """
        TOWN COUNCIL MEETING MINUTES
        Tuesday, December 16, 2003
        I DECLARATIONS OF PECUNIARY INTEREST
        Councillor Hale declared an interest in the by-law.
        II APPROVAL OF AGENDA
        The agenda was approved.
        """
    )
    glued = only_meeting(
        """
        Minutes of the Parish Council Meeting held on 25th October 2016.

        304-1.To receive apologies from Members:

        Apologies received from Cllr Lee.

        IT WAS resolved:

        To accept the apologies.

        304-2.To receive declarations of interest:

        None.
        """
    )

    assert [(i.minute_number, i.title) for i in roman.items] == [
        ("I", "Declarations of Pecuniary Interest"),
        ("II", "Approval of Agenda"),
    ]
    assert [i.minute_number for i in glued.items] == ["304-1", "304-2"]
    assert [r.text for r in glued.items[0].resolutions] == ["To accept the apologies."]


def test_an_inline_council_members_present_line_is_attendance():
    meeting = only_meeting(
        "Minutes of the meeting held on 25th October 2016.\n\n"
        "Council Members present: Cllr J Hale, Cllr M Lee.\n\n1. Apologies\n\nNone."
    )

    assert [a.person for a in meeting.attendance] == ["Cllr J Hale", "Cllr M Lee"]


def test_an_issue_meetings_page_is_cited_under_the_issue_and_names_the_committee():
    document = parsed(
        """
        Issue - meetings

        Scrutiny Reviews Progress Report

        Meeting: 07/07/2011 - Overview and Scrutiny Committee (Item 97)

        97 Scrutiny Reviews Progress Report

        The Head of Transformation submitted a report on the reviews under way.
        """
    )

    ((meeting, item),) = [(m, i) for m in document.meetings for i in m.items]
    assert (meeting.date, item.minute_number, item.title) == (
        dt.date(2011, 7, 7),
        "97",
        "Scrutiny Reviews Progress Report",
    )
    assert document.body == "Overview and Scrutiny Committee"


def titles(document):
    return [item.title for meeting in document.meetings for item in meeting.items]


def test_numbered_sub_items_with_text_of_their_own_are_items():
    document = parsed(
        """
        October 8, 2018 at 8:00 PM - Board of Education Regular Meeting
        Minutes

        1. Preliminary Procedures

        1.1. Call to Order

        2. New Business

        2.1. Route Bus with Grant Funds
        Discussion: The superintendent led the discussion on the purchase of a new bus.

        2.2. Parking Lot Update
        Discussion: An update was given on the drainage of the parking lot.
        """
    )

    assert "Route Bus with Grant Funds" in titles(document) and "Parking Lot Update" in titles(document)
    assert all(m.items[0].section == "minutes" for m in document.meetings)


def test_sub_headings_with_nothing_under_them_stay_in_their_item():
    document = parsed(
        """
        Parish Council minutes, 3 March 2025

        1. Apologies
        Cllr A Jones sent apologies.

        2. Finance
        2.1 Payments
        2.2 Bank reconciliation
        The payments and the reconciliation were approved.

        3. Date of next meeting
        7 April 2025.
        """
    )

    assert "Payments" not in titles(document) and "Finance" in titles(document)


def test_items_numbered_with_a_dot_and_a_bracket_are_read():
    meeting = only_meeting(
        """
        Village Board minutes, 18 February 2024
        1.) Roll Call: Trustees Ames, Brook and Cole present.
        2.) Public Comments: None
        3.) Treasurer's Report: The bills were approved.
        """
    )
    assert [(i.minute_number, i.title) for i in meeting.items] == [
        ("1", "Roll Call"),
        ("2", "Public Comments"),
        ("3", "Treasurer's Report"),
    ]


def test_headings_in_capitals_with_the_minute_run_on_after_a_dash_are_items():
    meeting = only_meeting(
        """
        Library Board Meeting Minutes, 15 February 2024

        Present: Ann Ames, Ben Brook

          • PUBLIC COMMENT (A. Ames, B. Brook) - None
          • CORRESPONDENCE — A letter asked for a bench by the pond.
          • TREASURER REPORT — The accounts balance.
          • OLD BUSINESS — None
        """
    )
    assert [i.title for i in meeting.items] == [
        "Public Comment",
        "Correspondence",
        "Treasurer Report",
        "Old Business",
    ]
    assert "a bench by the pond" in meeting.items[1].text


def test_lettered_sub_items_run_into_their_item_s_line_are_items_of_their_own():
    meeting = only_meeting(
        """
        Parish Council minutes, 2 October 2024

        5. APOLOGIES These were accepted from Cllr Ames.

        6. OUTSIDE BODIES a. County Council – the cuts to bus services go on. b. District Council – no report received

        7. PLANNING No applications had been received.
        """
    )
    assert [(i.minute_number, i.title) for i in meeting.items] == [
        ("5", "Apologies"),
        ("6", "Outside Bodies"),
        ("6a", "County Council"),
        ("6b", "District Council"),
        ("7", "Planning"),
    ]


def test_numbered_paragraphs_are_the_items_when_the_numbered_titles_are_only_a_list():
    meeting = only_meeting(
        """
        Steering Committee Meeting - 17 February 2024
        ==============================================

        Minutes
        -------

        1. Sam Lee was elected chair for the year.

        2. The terms of reference were agreed and will be put on the website.

        3. Priya will write up the release checklist.

        Items for Next Meeting
        ----------------------

        1. Budget
        2. Release dates
        """
    )
    assert [i.minute_number for i in meeting.items if i.minute_number] == ["1", "2", "3"]
    assert "Release dates" in meeting.items[-1].text


def test_a_page_number_above_the_minutes_title_is_no_item():
    meeting = only_meeting(
        """
        1 WESTVALE DISTRICT COUNCIL

        MINUTES OF THE SPECIAL COUNCIL MEETING HELD ON THURSDAY, 28 MARCH 2024 IN THE COUNCIL CHAMBER

        PRESENT Councillors Ames, Brook and Cole

        2 1. OPENING

        The Speaker declared the meeting open.

        2. APOLOGIES

        None were received.

        3. BUDGET

        The budget was adopted.
        """
    )
    assert [i.title for i in meeting.items] == ["Opening", "Apologies", "Budget"]


def test_a_page_without_blank_lines_still_prints_its_headings():
    meeting = only_meeting(
        """
        Ordinary Meeting of Council - 9 May 2024
        Conflicts of interest
        Councillors Ames and Brook declared a conflict of interest in the gaming policy, as members of the club.
        Public forum
        The head teacher reported that the pupils had shown their film about the river, birds and newts to the parents.
        """
    )
    assert [(i.title, i.title_derived) for i in meeting.items][-2:] == [
        ("Conflicts of interest", False),
        ("Public forum", False),
    ]


def test_the_minutes_title_below_a_page_s_navigation_gives_the_date():
    navigation = "\n".join(f"• Menu entry {n}\n" for n in range(45))
    meeting = only_meeting(
        f"""
Skip to main content

{navigation}
# Club Board Meeting Minutes, Wednesday, July 2, 2025

Quorum reached and meeting called to order at 8:15 am.

1. Treasurer's report

The accounts were approved.
"""
    )
    assert meeting.date == dt.date(2025, 7, 2)


def test_a_date_in_words_is_preferred_to_figures_that_read_either_way():
    meeting = only_meeting(
        """
        Housing Board Minutes - 09/06/2023
        The Board met on Wednesday, September 6, 2023.

        1. Roll call
        All present.
        """
    )
    assert meeting.date == dt.date(2023, 9, 6)


def test_a_date_given_for_the_document_is_used_over_one_read_from_its_text():
    document = parsed(
        """
        Allotment committee, 10 May

        1. Rents
        Plots unpaid after 11 May 2025 may be let again.
        """,
        date=dt.date(2025, 5, 5),
    )
    assert [m.date for m in document.meetings] == [dt.date(2025, 5, 5)]
    assert any("the date given, 2025-05-05, is used" in w for w in document.warnings)


def test_notes_with_an_agenda_and_a_list_of_attendees_are_minutes_with_numbered_items():
    document = parsed(
        """
        # Advisory Board
        November 21, 2024, 9am-10:30am

        ## Agenda
        1. Welcome
        2. Roadmap
        3. Action items

        ## 1. Welcome
        Attendees
        * Ann Ames, Treasury
        * Ben Brook, Health

        ## 2. Roadmap
        The board discussed the roadmap and asked for comments by Friday.

        ## 3. Action items
        * Ben to circulate the roadmap
        """
    )
    assert document.format != "agenda"
    numbered = [(i.minute_number, i.title) for m in document.meetings for i in m.items if i.minute_number]
    assert numbered == [("1", "Welcome"), ("2", "Roadmap"), ("3", "Action items")]


@pytest.mark.parametrize("line", ["PLACE: City Hall Council Chambers", "Time: 7:00 p.m.", "Venue: Village Hall"])
def test_where_and_when_the_meeting_sat_never_titles_an_item(line):
    assert is_never_title(line)


HEADINGS_IN_CAPITALS = """
    WILLOWMERE TOWNSHIP
    BOARD OF TRUSTEES MEETING
    May 6, 2025
    CALL TO ORDER
    Chair Penhale called the meeting to order at 7:00pm.
    ROLL CALL
    Present: Supervisor Ada Penhale; Trustees Rob Quist and Lena Marsh.
    CLERK'S REPORT
    The clerk reminded the board that the hall booking diary is full until June.
    OLD BUSINESS
    The new noticeboard has been installed.
"""


def test_lines_in_capitals_head_items_without_blank_lines_around_them():
    meeting = only_meeting(HEADINGS_IN_CAPITALS)
    assert [i.title for i in meeting.items][-2:] == ["Clerk's Report", "Old Business"]
    assert meeting.items[-1].text == "The new noticeboard has been installed."


def test_the_lines_that_title_the_page_above_its_date_head_no_item():
    meeting = only_meeting(HEADINGS_IN_CAPITALS)
    assert meeting.date == dt.date(2025, 5, 6)
    assert not any("Township" in i.title or "Trustees Meeting" in i.title for i in meeting.items)


def test_a_sentence_set_in_bold_is_emphasis_not_a_heading():
    meeting = only_meeting(
        """
        **Harwick Library Board**

        **Minutes of the meeting of 3 June 2024**

        **Budget**

        The treasurer presented the budget.

        **A motion to adopt the budget was made by Lee, seconded by Khan. Motion carried**

        **Opening Hours**

        Saturday opening will start in July.
        """
    )
    assert [i.title for i in meeting.items] == ["Budget", "Opening Hours"]
    assert "Motion carried" in meeting.items[0].text


def test_a_lettered_list_under_headings_in_capitals_is_their_parts():
    meeting = only_meeting(
        """
        MINUTES OF THE GREYSTONE HOUSING BOARD
        October 2, 2024
        CALL TO ORDER
        The chair called the meeting to order at noon.
        PUBLIC COMMENTS
        There were no public comments.
        COMMUNITY GRANTS
        A. Small Grants
        Four small grants were awarded.
        B. Capital Grants
        The capital grants round opens in spring.
        NEW BUSINESS
        The board discussed the parking lot lights.
        """
    )
    titles = [i.title for i in meeting.items]
    assert titles == [
        "Call to Order",
        "Public Comments",
        "Community Grants",
        "Small Grants",
        "Capital Grants",
        "New Business",
    ]


def test_a_page_number_is_never_a_title():
    assert is_never_title("Page No. 3")
    assert is_never_title("PAGE 2 OF 7")


def test_a_time_alone_is_never_a_title():
    assert is_never_title("AT 7.04 PM")


def test_a_meeting_dated_only_in_a_sentence_of_the_body_is_dated_from_it():
    meeting = only_meeting(
        """
        # Minutes of the Quarterly Members' Meeting

        ## Summary

        Two proposals were adopted.

        ## Date and place

        The meeting took place online, via the usual video service, at 6:00pm (local time) on Tuesday, May 14, 2019.

        ## Proposals

        Both proposals were adopted unanimously.
        """
    )
    assert meeting.date == dt.date(2019, 5, 14)


def test_item_numbers_alone_on_their_lines_number_the_titles_below_them():
    meeting = only_meeting(
        """
        MINUTES
        RIVERBEND ALLOTMENTS COMMITTEE
        6.00 PM ON TUESDAY 4 MARCH 2025
        1
        WELCOME – The Chair welcomed everyone to the meeting.
        2
        APOLOGIES – Apologies were received from Jo Hale.
        3
        DECLARATIONS OF INTEREST:
        None were declared.
        """
    )
    assert [(i.minute_number, i.title) for i in meeting.items] == [
        ("1", "Welcome"),
        ("2", "Apologies"),
        ("3", "Declarations of Interest"),
    ]


def test_a_bold_entry_behind_a_list_mark_under_an_item_is_an_item_of_its_own():
    meeting = only_meeting(
        """
        # Chess Club Committee – Minutes, 9 October 2024

        1 Apologies

        ● None received

        2 Future Events

        **● Autumn Quiz**

        ○ Friday 25th October, forms submitted

        **● Simultaneous Display**

        ○ The grandmaster has confirmed

        3 Finance Report

        ○ The balance is healthy
        """
    )
    titles = [i.title for i in meeting.items]
    assert titles == ["Apologies", "Future Events", "Autumn Quiz", "Simultaneous Display", "Finance Report"]


def test_a_task_marked_with_its_owner_is_never_a_title():
    assert is_never_title("Action MW: Check which rooms are free")
    assert not is_never_title("Action Plan")


def test_a_heading_set_in_a_heading_style_is_the_title_whole_colon_and_all():
    meeting = only_meeting(
        """
        # Minutes of the Open Data Advisory Board – 21 November 2018

        ## 1. Introduction

        The chair welcomed members.

        ## 2. Update and discussion: Tools Working Group

        - A reference architecture is being drafted
        """
    )
    assert [i.title for i in meeting.items] == ["Introduction", "Update and discussion: Tools Working Group"]


def test_a_labelled_line_in_plain_text_is_still_cut_at_its_colon():
    meeting = only_meeting(
        """
        Minutes of the Parish Council, 3 May 2022

        1. Apologies: Cllr Brown

        2. Playground

        The swings are to be repaired.
        """
    )
    assert next((i.title, i.text) for i in meeting.items) == ("Apologies", "Cllr Brown")


def test_a_table_s_number_and_title_cells_flattened_with_a_slash_head_an_item():
    meeting = only_meeting(
        """
        Minutes of the Meeting of 3rd February, 2021
        Attendance: Jo Hale (Chair), Sam Lee (Secretary)
        1.0 / Welcome and apologies
        The chair opened the meeting.
        2.0 / Matters arising
        2.1 / Bus Shelter
        The shelter glass has been replaced.
        """
    )
    assert [(i.minute_number, i.title) for i in meeting.items][-2:] == [
        ("2.0", "Matters arising"),
        ("2.1", "Bus Shelter"),
    ]


def test_a_dated_line_in_capitals_dates_the_meeting_and_heads_no_item():
    meeting = only_meeting(
        """
        MINUTES
        RIVERBEND ALLOTMENTS COMMITTEE
        6.00 PM ON TUESDAY 4 MARCH 2025
        WELCOME AND APOLOGIES
        The chair welcomed members; there were no apologies.
        PLOT INSPECTIONS
        Three plots were found untended.
        WATER SUPPLY
        The standpipes will be turned on in April.
        """
    )
    assert meeting.date == dt.date(2025, 3, 4)
    assert [i.title for i in meeting.items] == ["Welcome and Apologies", "Plot Inspections", "Water Supply"]


def test_a_date_in_figures_is_read_as_the_text_writes_it_year_first_elsewhere():
    meeting = only_meeting(
        """
        # (09/05/2023) Committee Meeting Minutes

        Attendees: Jo Bell, Sam Lee

        **Recording:** Committee Meeting – 2023/09/05 18:30 – Recording

        ## Charter

        The charter was reviewed.
        """
    )

    assert meeting.date == dt.date(2023, 9, 5)


def test_a_web_pages_notes_for_screen_readers_head_no_item():
    meeting = only_meeting(
        """
        Skip Navigation
        This table is used for column layout.
        Board of Selectmen
        June 3, 2016

        The chair called the meeting to order at 7:00 p.m.

        The board voted to close the warrant.
        """
    )

    assert meeting.date == dt.date(2016, 6, 3)
    assert not any("Skip" in item.title or "layout" in item.text for item in meeting.items)
