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
        Elmfield Allotment Society Committee, Sunday 14 March 2021

        ITEM\t\t\tLEAD

        Welcome\t\tAnn Kerr
        Ann opened the meeting at 2.05.

        Water Supply ------------------------------------ Bob Oduya
        The standpipe on the lower field leaks and a plumber has quoted for the repair.

        Plot Inspections ……………………………………………………………… Carla Stein
        Inspections are to be done in the second week of May.

        Seed Swap ------------------------------------------- Vacant
    """)
    assert titles == [(None, "Welcome"), (None, "Water Supply"), (None, "Plot Inspections"), (None, "Seed Swap")]


def test_numbered_minutes_keep_their_numbered_and_lettered_sub_items():
    titles = items_of("""
        Minutes of the meeting of Elmfield Parish Council held on Tuesday 9 March 2021 at 7 pm

        PRESENT: Cllrs A Kerr (Chairman), B Oduya, C Stein

        31. APOLOGIES FOR ABSENCE

        Apologies were accepted from Cllr D Ruiz.

        32. OPEN FORUM

        32.1. A resident spoke about speeding on the lane past the school.

        32.2. Another resident asked when the bus shelter glass would be replaced.

        33. FINANCE

        a. Accounts: the bank reconciliation was checked and signed.
        b. Insurance: the renewal quotation was accepted.

        34. DATE OF NEXT MEETING

        The next meeting will be held on 13 April 2021.

        Signed ………………………… Chairman
    """)
    assert [number for number, _ in titles] == ["31", "32", "32.1", "32.2", "33", "33a", "33b", "34"]


def test_a_word_file_opening_with_an_empty_paragraph_is_read(tmp_path):
    document = docx.Document()
    document.add_paragraph("")
    document.add_paragraph("Elmfield Hall Committee, Tuesday 3 March 2020")
    document.add_paragraph("Apologies: none were received from any member of the committee.")
    path = tmp_path / "minutes.docx"
    document.save(str(path))
    assert "Elmfield Hall Committee" in read_document(path).text


def test_an_ordinal_typed_twice_still_dates_the_meeting():
    (found,) = find_dates("Held on 4thth May 2022 by video call.")
    assert found.date.isoformat() == "2022-05-04"


def test_a_new_post_holder_is_the_post():
    assert normalise_owner("New clerk", []) == normalise_owner("the clerk", [])
    assert normalise_owner("New Zealand Police", []) == "New Zealand Police"


def test_topics_behind_a_list_mark_over_their_own_text_are_the_items():
    titles = items_of("""
        Minutes of the Elmfield Gala Working Group, June 3, 2022

        • Stalls
        Twelve stalls are booked and two more are waiting on a reply.

        • Catering
        Tea and cakes will be run by the youth club this year.

        • Parking
        The school field can take cars if the weather stays dry.
    """)
    assert titles == [(None, "Stalls"), (None, "Catering"), (None, "Parking")]


def test_topics_behind_a_list_mark_head_the_numbered_points_that_start_again_under_them():
    titles = items_of("""
        Minutes of the Elmfield Gala Working Group, June 3, 2022

        • Stalls
        1) Twelve stalls are booked and two more are waiting on a reply
        2) Leaflets: Jo will print them
        3) The craft stall will move nearer the gate

        • Catering
        Tea and cakes will be run by the youth club this year.

        • Parking
        1) Field: the school field can take cars if the weather stays dry
        2) Stewards will wear the new bibs
    """)
    assert [title for _, title in titles if title in ("Stalls", "Catering", "Parking")] == [
        "Stalls",
        "Catering",
        "Parking",
    ]


def test_numbers_that_start_again_under_each_bold_heading_are_lists_inside_its_item():
    titles = items_of("""
        Minutes of the Committee Meeting of the Elmfield Film Society, 4 March 2021

        **Equipment**

        1. The club's projector needs a new lamp
        2. A second screen is on loan from the school

        **Treasurer**

        1. The grant from the town trust has arrived
        2. Ticket prices stay the same for the winter season

        **Screenings**

        1. The autumn screening filled the hall
        2. A family matinee is planned for half term
    """)
    assert titles == [(None, "Equipment"), (None, "Treasurer"), (None, "Screenings")]


def test_a_heading_labelled_item_keeps_its_place_though_it_ends_in_a_full_stop():
    titles = items_of("""
        Elmfield Surgery Patient Group, 2 February 2022

        Item 1.  Repeat prescriptions

        The pharmacy now takes requests by telephone until noon.

        Item 2.  Car park lighting and the survey of patients.

        The survey results were shared and it was agreed to ask the practice for brighter lamps.
    """)
    assert titles == [("1", "Repeat prescriptions"), ("2", "Car park lighting and the survey of patients")]


def test_a_title_after_the_clock_time_it_was_taken_at_heads_its_item():
    titles = items_of("""
        Elmfield School PTA, March 9, 2022

        Welcome

        Kim welcomed everyone at 7:05pm and the minutes were approved.

        7:20: Vote on the library books fund

        Carried with one against.

        7.45pm – Playground rota

        Parents will sign up for one break a month.
    """)
    assert titles == [(None, "Welcome"), (None, "Vote on the library books fund"), (None, "Playground rota")]


def test_a_title_naming_someones_corner_of_the_meeting_is_no_person_alone():
    titles = items_of("""
        Elmfield School PTA, March 9, 2022

        Treasurer update

        The spring fair raised four hundred pounds.

        Mr Haddad’s Update

        The reading club starts again next term.
    """)
    assert titles == [(None, "Treasurer update"), (None, "Mr Haddad’s Update")]


def test_short_titles_over_lists_of_their_own_inside_a_numbered_item_are_its_sub_items():
    titles = items_of("""
        Minutes of the Elmfield Rowing Club Committee, 14 May 2019

        1 Apologies

        None were received and the meeting was quorate.

        2 Officers' reports

        Treasurer
        • The boathouse insurance was renewed at last year's price

        Coaching
        • Two new coaches qualified in April

        Regatta
        • Entries close at the end of the month

        3 Next meeting

        The next meeting is on 24 November.
    """)
    assert titles == [
        ("1", "Apologies"),
        ("2", "Officers' reports"),
        (None, "Treasurer"),
        (None, "Coaching"),
        (None, "Regatta"),
        ("3", "Next meeting"),
    ]


def test_bold_topics_between_numbered_items_are_their_sub_items_not_the_items():
    titles = items_of("""
        Elmfield Chess Club Committee Meeting - Minutes, 3 April 2019

        1 Apologies
        ● None were received

        2 Tournaments

        **● Spring rapidplay**
        ○ The entry list is open

        **● County league**
        ○ Two boards still need players

        3 Equipment

        **● Clocks**
        ○ Six digital clocks were bought

        **● Sets**
        ○ The old sets go to the junior section

        4 Date of next meeting
        ● 1 May
    """)
    assert titles == [
        ("1", "Apologies"),
        ("2", "Tournaments"),
        (None, "Spring rapidplay"),
        (None, "County league"),
        ("3", "Equipment"),
        (None, "Clocks"),
        (None, "Sets"),
        ("4", "Date of next meeting"),
    ]


def test_list_entries_that_run_in_a_topic_with_a_dash_are_sub_items_of_their_item():
    titles = items_of("""
        Minutes of the Elmfield Community Council, 11 March 2020

        1. Apologies for Absence
        Apologies were received from two members.

        2. Matters Arising
        • Benches by the pond – two were found loose and will be bolted down.
        • Bus shelter – the glass has been replaced by the county.
        • Spring clean – volunteers meet at the hall on the first Saturday.
        • TA.1 – the form is with the county.
        • Dana Ruiz: asked whether the verges would be cut.

        3. Date of Next Meeting
        The next meeting will be on 8 April.
    """)
    assert titles == [
        ("1", "Apologies for Absence"),
        ("2", "Matters Arising"),
        (None, "Benches by the pond"),
        (None, "Bus shelter"),
        (None, "Spring clean"),
        ("3", "Date of Next Meeting"),
    ]


def test_action_items_marked_ai_stay_in_the_item_that_set_them():
    titles = items_of("""
        Elmfield Software Steering Committee, 9 May 2022

        Review outstanding actions

        AI: Jo to write up the release checklist. Done

        AI: Sam to move the build server. Not done

        AI: Priya to draft the security policy. In progress

        Release planning

        The next release is due in June.
    """)
    assert titles == [(None, "Review outstanding actions"), (None, "Release planning")]


def test_numbered_points_that_report_what_was_done_are_minutes_not_an_agenda():
    document = parse_text(
        textwrap.dedent("""\
            Elmfield Cycling Club Annual General Meeting, 5 November 2019

            1 Welcome: the chair welcomed forty members to the clubhouse
            2 Accounts: the accounts for the year were adopted without comment
            3 Officers: all three officers standing again were elected unopposed
        """),
        "test.txt",
    )
    assert document.format != "agenda"
    assert [i.title for i in document.meetings[0].items] == ["Welcome", "Accounts", "Officers"]


def test_a_date_in_figures_is_read_month_first_where_the_text_writes_its_dates_month_first():
    (meeting,) = parse_text(
        textwrap.dedent("""\
            Elmfield Rowing Club Board Minutes (04/09/2021)

            1- The boathouse lease runs until March 30, 2021 and renewal talks have begun.
            2- The minutes of the March meeting were approved.
        """),
        "test.txt",
    ).meetings
    assert meeting.date.isoformat() == "2021-04-09"


def test_a_meeting_over_two_days_is_dated_by_its_first():
    (found,) = find_dates("Dates: 14 – 15 April 2021, at the field centre")
    assert found.date.isoformat() == "2021-04-14"


def test_a_dash_typed_against_the_title_ends_it():
    titles = items_of("""
        Minutes of the Elmfield Choir Committee, October 6, 2022

        1) Subscriptions- Ann said most members had paid for the autumn term.
        2) Music Hire- Bob reported the hire fee for the carol scores had gone up.
        3) Raffle- Carla said the raffle at the last concert raised enough for new folders.
    """)
    assert titles == [("1", "Subscriptions"), ("2", "Music Hire"), ("3", "Raffle")]


def test_bold_sections_over_lists_numbered_again_head_them_and_their_entries_are_items(tmp_path):
    path = tmp_path / "minutes.md"
    path.write_text(
        textwrap.dedent("""\
            # Elmfield Choir Committee

            October 6, 2022

            **Finance**

            1) Subscriptions- Ann said most members had paid for the autumn term.
            2) Music Hire- Bob reported the hire fee for the carol scores had gone up.
            3) Raffle- Carla said the raffle at the last concert raised enough for new folders.
            4) Bank Mandate- Dana said the new signatories had been added by the bank.

            **Concerts**

            1) Christmas Concert- Bob said the church had confirmed the date for December.
            2) Spring Concert- Carla reported that two venues had quoted for April.
        """),
        encoding="utf-8",
    )
    (meeting,) = parse_text(read_document(path).text, str(path)).meetings
    assert [(i.minute_number, i.title) for i in meeting.items] == [
        (None, "Finance"),
        ("1", "Subscriptions"),
        ("2", "Music Hire"),
        ("3", "Raffle"),
        ("4", "Bank Mandate"),
        (None, "Concerts"),
        ("1", "Christmas Concert"),
        ("2", "Spring Concert"),
    ]


def test_letters_that_start_again_under_each_number_are_its_sub_items():
    titles = items_of("""
        ELMFIELD SWIMMING CLUB COMMITTEE – Minutes
        Thursday, February 10, 2022
        1. Opening: Ann opened the meeting at 8pm
        2. Previous Minutes: The minutes of January were agreed.
        3. Letters
        a. Leisure centre – new lane hire prices were received and filed.
        b. County association – Ann will reply about the relay gala.
        4. Reports
        a. Coaching – Bob
        Two new assistant coaches have qualified.
        b. Kit – Carla
        The new hats have arrived.
        c. Welfare – No report this month.
    """)
    assert [number for number, _ in titles] == ["1", "2", "3", "3a", "3b", "4", "4a", "4b", "4c"]


def test_numbered_minutes_read_in_finer_detail_keep_the_titles_their_headings_print():
    titles = items_of("""
        Minutes of the meeting of Elmfield Town Council held on Monday 11 July 2022 at 7pm

        Present: Cllrs A Kerr (Chair), B Oduya, C Stein

        AGENDA ITEM 1 – Apologies
        Apologies were accepted from Cllr D Ruiz.

        AGENDA ITEM 2 – To note the annual governance and accountability return for the year to March 2022.
        The return was noted and signed by the chair and the clerk.

        AGENDA ITEM 3 – Open spaces
        3.1 Playground: the new swings have been installed.
        3.2 Verges: the summer cut is complete.
    """)
    assert ("2", "To note the annual governance and accountability return for the year to March 2022") in titles
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


def test_flat_minutes_are_read_paragraph_by_paragraph_below_their_title_block():
    titles = items_of("""
        PTA Minutes for March 3, 2022

        P.S. 12 P.T.A.

        General Membership Meeting

        March 3, 2022

        The meeting was called to order at 7:05 p.m.

        Dana introduced the new family worker, who spoke about the homework club and its opening hours.

        Ann asked the members to read the minutes from the February meeting, which were then approved.
    """)
    assert len(titles) == 3  # the title block's four lines are no items
    assert titles[0] == (None, "The meeting was called to order at 7:05 p.m")


def test_a_table_of_topics_with_discussion_and_action_columns_is_read_row_by_row():
    (meeting,) = parse_text(
        "Minutes of the Board meeting held on 4 March 2021\n\n"
        "Topic\tDiscussion\tActions\n"
        "Welcome and apologies\tThe chair welcomed everyone.\tN/A\n"
        "Budget review\tThe treasurer presented the budget.\tBob to circulate the revised budget.\n"
        "Website refresh\tHosting costs were discussed.\tAnn to get three quotes.\n",
        "test.md",
    ).meetings
    assert [item.title for item in meeting.items] == ["Welcome and apologies", "Budget review", "Website refresh"]
    assert meeting.items[1].text == "The treasurer presented the budget. Action: Bob to circulate the revised budget."
    assert "N/A" not in meeting.items[0].text


def test_a_table_whose_rows_are_numbered_in_a_column_of_their_own_keeps_the_numbers():
    titles = items_of("""
        Minutes of the Board meeting held on 4 March 2021

        Item\tSubject\tDiscussion
        1\tApologies\tNone were received.
        2\tHall roof\tTwo quotes were received.
    """)
    assert titles == [("1", "Apologies"), ("2", "Hall roof")]


def test_each_paragraph_under_a_heading_that_gathers_matters_is_an_item_of_its_own():
    titles = items_of("""
        Riverside Rowing Club, April 12, 2025

        **OLD BUSINESS**

        The boathouse roof still leaks and a builder has been asked for a price.

        Sam reported on the new oars. Four more will be ordered.

        **NEW BUSINESS**

        A summer regatta was proposed for July. Motion carried.

        The landing stage needs new boards before the season starts.
    """)
    assert titles[0][1] == "Old Business"
    assert len(titles) == 6  # two headings, four matters
    assert titles[3][1] == "New Business"


def test_paragraphs_of_one_matter_under_a_heading_naming_it_stay_one_item():
    titles = items_of("""
        Riverside Rowing Club, April 12, 2025

        **Hangar lease**

        The lease runs out in May and the owner has offered a renewal.

        Members discussed the rent at length and agreed to accept the offer.

        **Fuel prices**

        Fuel went up again this month.
    """)
    assert [title for _, title in titles] == ["Hangar lease", "Fuel prices"]


def test_headings_atop_the_page_above_the_meetings_date_are_its_title_not_items():
    titles = items_of("""
        # April 2025 MEETING

        # Riverside Rowing Club

        April 12, 2025

        **TREASURER**

        The balance is healthy.

        **HANGAR**

        The roof leaks again.
    """)
    assert [title for _, title in titles] == ["Treasurer", "Hangar"]


def test_letters_under_one_number_are_its_sub_items_though_they_outnumber_the_numbers():
    titles = items_of("""
        Riverside Allotments Federation, Tuesday 3 June 2014

        1. Apologies
        None.
        2. Minutes of the last meeting
        Agreed.
        3. Updates:
        a) Water supply. The new tap is fitted.
        b) Plot inspections. Done in May.
        c) Seed swap. Well attended.
        d) Shed repairs. Quotes awaited.
        e) Compost bays. Full again.
        f) Website. Photos added.
        4. Resolutions
        None.
        5. Any other business
        Meeting closed.
    """)
    assert [number for number, _ in titles] == ["1", "2", "3", "3a", "3b", "3c", "3d", "3e", "3f", "4", "5"]


def test_headings_ending_in_a_colon_over_unspaced_minutes_are_items_though_the_minute_taker_is_named_above():
    titles = items_of("""
        Trustees meeting by video
        6.30 p.m. 2nd May 2023
        Attending: Jo Bell (Chair), Sam Lee
        Minutes taken by: Ann Kerr
        Conflicts of Interest:
        Previous Minutes:
        Minutes of 4th April were agreed by the trustees.
        Matters Arising:
        Grant Bids
        The manager summarised the three bids sent in April.
    """)
    assert [title for _, title in titles] == [
        "Conflicts of Interest",
        "Previous Minutes",
        "Matters Arising",
        "Grant Bids",
    ]


def test_bold_labels_naming_people_on_the_attendance_list_or_the_meetings_media_head_no_items():
    titles = items_of("""
        # Committee Meeting Minutes, 5 September 2023

        Attendees: Dana Holt, Piet Lang, Sam Oduya

        **Recording:** Committee Meeting – Recording

        **Transcript:** Committee Meeting – Transcript

        ## Intros

        **Dana:** joined the committee in May

        **Piet:** Treasurer of the society

        ## Charter

        The charter was reviewed and changes were agreed.

        ## Schedule

        One meeting in December.
    """)
    assert [title for _, title in titles] == ["Intros", "Charter", "Schedule"]
