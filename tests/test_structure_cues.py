"""Items are read from each document's own numbering and the headings its format marks, never from
what merely looks like a number or a title."""

import datetime as dt
import textwrap

from corpus.shapes import parse_text
from corpus.shapes.headings import is_never_title
from corpus.shapes.numbering import item_labels, read_label


def minuted(text, **hints):
    """The minuted items of the only meeting of `text` (the attendance list aside)."""
    (meeting,) = parse_text(textwrap.dedent(text).strip("\n"), "test.txt", **hints).meetings
    return meeting.items


def labels(*printed):
    return [label for index, text in enumerate(printed) for label in read_label(index, text)]


def test_the_longest_run_of_one_scheme_numbers_the_items():
    run = item_labels(labels("292", "2014/09/01", "293", "3", "294", "12", "296"))
    assert [label.index for label in run] == [0, 2, 4, 6]


def test_a_date_or_a_year_is_never_a_label():
    assert read_label(0, "2014/09/01") == [] and read_label(0, "2019") == [] and read_label(0, "01.09.2014") == []


def test_a_year_numbering_with_two_digit_parts_is_a_label_when_it_runs_on():
    assert len(item_labels(labels("21.01.01", "21.01.02", "21.01.03"))) == 3
    assert item_labels(labels("9/23/13")) == []


def test_sub_items_do_not_outrun_the_items_they_sit_under():
    run = item_labels(labels("1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "3"))
    assert [label.values for label in run] == [(1,), (2,), (3,)]


def test_minute_numbers_without_a_dot_that_run_on_across_the_year_head_items():
    items = minuted(
        """
        Minutes of the Parish Council meeting held on 3 March 2021

        292 Present: Cllrs Ames, Brook and Cole.
        293 Apologies
        Cllr Dale sent apologies.
        294 Playground
        The Clerk reported that 2 swings were broken and 3 quotes were sought.
        2014/09/01 was when the play area last had an inspection.
        295 Footpaths
        The footpath by the church is overgrown.
        """
    )
    assert [i.minute_number for i in items] == ["292", "293", "294", "295"]
    assert items[2].title == "Playground" and "2014/09/01" in items[2].text


def test_a_numbered_list_inside_an_item_stays_in_its_text():
    items = minuted(
        """
        Minutes of the Board meeting held on 5 May 2022

        1. Apologies
        None received.

        2. Budget
        The Board agreed:
        1. The budget for 2022/23.
        2. The reserves policy.
        3. The fees.

        3. Any other business
        None.
        """
    )
    assert [i.minute_number for i in items] == ["1", "2", "3"]
    assert "The reserves policy." in items[1].text


def test_numbered_sub_items_under_an_item_are_items_cited_by_their_number():
    items = minuted(
        """
        Minutes of the Board meeting held on 5 May 2022

        4. Matters arising
        4.1 Minute 6 – Annual report: the report was published on the website.
        4.2 Minute 9 – Bench: the bench by the pond had been repaired.

        5. Finance
        The accounts were approved.
        """
    )
    assert [i.minute_number for i in items] == ["4", "4.1", "4.2", "5"]
    assert items[1].title == "Minute 6 – Annual report" and "published on the website" in items[1].text
    assert "4.1" in items[0].text  # the parent lists what it heads, never reads as "nothing arose"


def test_a_number_printed_under_its_heading_numbers_that_heading():
    items = minuted(
        """
        PLANNING COMMITTEE
        Wednesday, 25 March 2015

        APOLOGIES
        PLA146/14
        Apologies were recorded from Councillor Weeden.
        DECLARATIONS OF INTEREST
        PLA147/14
        None were made.
        SITE INSPECTIONS
        PLA148/14
        None had been held.
        """
    )
    assert [(i.minute_number, i.title) for i in items] == [
        ("PLA146/14", "Apologies"),
        ("PLA147/14", "Declarations of Interest"),
        ("PLA148/14", "Site Inspections"),
    ]


def test_a_page_flattened_into_one_line_is_cut_at_its_item_numbers():
    line = (
        "LICENSING SUB-COMMITTEE Minutes of a meeting held on 14 September 2011 at 10.00am. "
        "1 APOLOGIES None received. 2 ITEMS OF URGENT BUSINESS None received. 3 DECLARATIONS OF INTEREST None. "
        "4 APPLICATION FOR A NEW PREMISES LICENCE The Applicant was present. " + "The panel heard the case. " * 60
    )
    items = minuted(line)
    assert [i.minute_number for i in items][-3:] == ["2", "3", "4"]


def test_two_items_run_into_one_paragraph_are_cut_apart_when_each_is_titled_in_capitals():
    line = (
        "ACTA DE LA SESIÓN DEL PLENO DEL DÍA 3 DE MAYO DE 2024. Se abre la sesión a las ocho. "
        "1. APROBACIÓN DEL PRESUPUESTO. Se aprueba por unanimidad el presupuesto del año. "
        "2. OBRAS EN LA PLAZA. El alcalde informa de las obras previstas en la plaza mayor."
    )
    numbered = [(i.minute_number, i.title.upper()) for i in minuted(line) if i.minute_number]
    assert numbered == [("1", "APROBACIÓN DEL PRESUPUESTO"), ("2", "OBRAS EN LA PLAZA")]


def test_two_numbers_in_a_sentence_cut_nothing():
    line = "The hall was booked. 1. Members asked about the fees and 2. the cleaning, which were noted. " * 8
    assert not any(i.minute_number for i in minuted(f"Minutes, 3 May 2024\n\n{line}"))


def test_table_rows_flattened_with_their_rules_are_read_as_numbered_items():
    items = minuted(
        """
        Minutes of the Annual Meeting held on 15 May 2019
        1. | All Councillors present signed the declaration of office forms. |
        2. | Election of Chairman: Cllr Green was elected unopposed. |
        3. | Election of Vice-Chairman: Cllr Maude was elected unopposed. |
        """
    )
    assert [i.minute_number for i in items] == ["1", "2", "3"]
    assert items[1].title == "Election of Chairman"


def test_flat_minutes_give_each_paragraph_an_item_with_a_derived_title():
    items = minuted(
        """
        Regular Board Meeting, Sept. 23, 2013
        The Pledge of Allegiance was recited by the board and audience.
        Board moved to recognize and accept the following donations from local businesses for the library.
        – $2460 Ag Star Financial Services
        Motions passed 5-0 to approve the Preliminary Levy Certification at maximum and the Curriculum Report.
        The next Board meeting was confirmed for Oct. 28.
        """,
        date=dt.date(2013, 9, 23),
    )
    assert len(items) == 4 and all(i.title_derived for i in items)
    assert "$2460" in items[1].text


def test_flat_minutes_give_no_item_to_who_attended_or_to_the_clerk_s_sign_off():
    items = minuted(
        """
        Orchard Lane Residents

        Special Board Meeting

        May 3, 2024

        Board Members Present: Ola Reyes, Sam Lee and Kit Moss

        Guest: Dev Rao, chair of the gardens committee

        After walking the site, the board discussed the new fence along the lane.

        Sam Lee moved that the board approve $900 for the fence. The motion carried.

        Respectfully submitted,

        Kit Moss
        """
    )

    assert [i.title_derived for i in items] == [True, True]
    assert items[0].text.startswith("After walking") and "Kit Moss" not in items[-1].text


def test_headings_the_format_marks_head_items_though_a_numbered_list_runs_longer():
    items = minuted(
        """
        # Data Panel meeting, 23 October 2015

        ## Declarations of interest

        Peter declared an interest.

        ## Summary of outcomes

        The panel agreed that:

        1. the first proposal could be recommended.
        2. the second could be recommended once drafted.
        3. questions remained about the third.

        ## Location point information

        The proposal was discussed.
        """
    )
    assert [i.title for i in items] == ["Declarations of interest", "Summary of outcomes", "Location point information"]


def test_sections_in_a_heading_style_and_the_topics_in_bold_under_them_are_all_items():
    items = minuted(
        """
        # Library Forum minutes, 12 March 2024

        ## Next meeting

        The next meeting will be in June.

        ## Members' news

        **North branch**

        1. Opening hours are unchanged.
        2. A new reading group has started.

        **South branch**

        1. The roof repair is finished.

        **East branch**

        1. Visitor numbers are up.
        """
    )
    assert [i.title for i in items] == [
        "Next meeting",
        "Members' news",
        "North branch",
        "South branch",
        "East branch",
    ]


def test_items_numbered_after_the_word_item_and_a_hash_are_read_by_their_numbers():
    items = minuted(
        """
        Parish meeting, 4 March 2024

        Item #101. Proposed by Member Ames, seconded by Member Bell, to approve the warrant.
        Item #102. Proposed by Member Bell, seconded by Member Cole, to accept the gift of a bench.
        Item #103. Proposed by Member Cole, seconded by Member Ames, to set the hearing date.
        """
    )
    assert [i.minute_number for i in items] == ["101", "102", "103"]


def test_a_running_header_printed_on_every_page_heads_no_item():
    items = minuted(
        """
        **Open board meeting minutes, 26 May 2016**

        ### Draft minutes v1 page 1

        **Welcome and apologies**

        Apologies were received.

        ### Draft minutes v1 page 2

        **Declarations of interest**

        There were none.
        """
    )
    assert [i.title for i in items] == ["Welcome and apologies", "Declarations of interest"]


def test_furniture_names_people_outcomes_amounts_and_addresses_are_never_titles():
    for line in (
        "Loading...",
        "Skip to main content",
        "Zoom",
        "Cr George Cecato",
        "Completed",
        "(unanimously)",
        "Att 17",
        "$1,500",
        "No apologies.",
        "101 Guyton Street",
        "Cromer NR27 9EN",
    ):
        assert is_never_title(line), line
    assert not is_never_title("Date of next meeting")


def test_items_run_into_one_paragraph_are_cut_at_the_labels_of_the_document_s_numbering():
    run_together = (
        "11/17 Declarations of interest None were made. 12/17 Minutes of the last meeting The minutes were "
        "agreed as a true record once the wording of the planning item had been corrected. 13/17 Finance The "
        "clerk reported the balance of the 2016/17 accounts and the councillors approved the payments listed."
    )
    items = minuted(
        f"""
        Minutes of the parish council held on 1 June 2017

        10/17 Apologies
        None.

        {run_together}

        14/17 Footpaths
        The stile is broken.

        15/17 Date of next meeting
        6 July.
        """
    )
    assert [i.minute_number for i in items] == ["10/17", "11/17", "12/17", "13/17", "14/17", "15/17"]
    assert "2016/17 accounts" in items[3].text


def test_a_heading_the_format_styles_is_an_item_though_nothing_is_minuted_under_it():
    items = minuted(
        """
        # Members' meeting, 13 November 2012

        ## Reports

        ### Treasurer

        The balance is healthy.

        ## Old Business

        ## New Business

        ### Stickers

        Approved.
        """,
    )
    assert [i.title for i in items] == ["Reports", "Treasurer", "Old Business", "New Business", "Stickers"]


def test_a_short_title_sentence_run_in_after_an_item_label_is_its_title():
    items = minuted(
        """
        Minutes of the community council held on 12 June 2017

        Item 3. Minutes of last meeting. The minutes of the May meeting were approved as a true record.

        Item 4. Matters arising. (1) The kerb has been lowered. (2) The path has been completed.
        """
    )
    assert [(i.minute_number, i.title) for i in items] == [("3", "Minutes of last meeting"), ("4", "Matters arising")]
    assert items[0].text.startswith("The minutes of the May meeting")


def test_paragraphs_opening_with_titles_of_their_own_are_items_their_titles_marked_derived():
    items = minuted(
        """
        Minutes of the residents' company meeting, 8 March 2007

        1. Accounts
        The accounts were accepted.

        2. Any Other Business

        Window cleaning. The current system was deemed unsatisfactory.

        Lighting. The secretary will ask the electrician to repair the faulty lights.

        Car park marking: volunteers will repaint the markings in spring.

        Resolved: to meet again in a year.
        """
    )
    assert [(i.title, i.title_derived) for i in items] == [
        ("Accounts", False),
        ("Any Other Business", False),
        ("Window cleaning", True),
        ("Lighting", True),
        ("Car park marking", True),
    ]
    assert items[4].text.startswith("volunteers will repaint") and "meet again" in items[4].text


def test_one_paragraph_with_a_lead_of_its_own_stays_in_its_item():
    items = minuted(
        """
        Minutes of the residents' company meeting, 8 March 2007

        1. Any Other Business

        Lighting. The secretary will ask the electrician to repair the faulty lights.

        The meeting closed at 9pm.
        """
    )
    assert [i.title for i in items] == ["Any Other Business"]


def test_a_number_inside_a_sentence_never_cuts_an_item():
    items = minuted(
        """
        Minutes of the parish council held on 15 May 2019

        4. Election of Vice-Chairman
        Cllr Maude was elected unopposed.

        5. Co-option
        Following the recent election with 8 Councillors being elected unopposed, this left 1 vacancy to fill.

        6. Apologies for Absence
        None.
        """
    )
    assert [i.minute_number for i in items] == ["4", "5", "6"]


def test_an_outline_lettered_above_and_numbered_below_reads_its_letters_as_places():
    run = item_labels(labels("A-1", "A-2", "B-1", "B-2", "B-3", "C-1"))
    assert [label.index for label in run] == [0, 1, 2, 3, 4, 5]


def test_items_lettered_a_b_c_keep_their_lettered_and_numbered_sub_items():
    items = minuted(
        """
        Riverside Student Council
        Minutes, 3 May 2024

        A) OPENING BUSINESS

        A-1) Officer Reports

        Jo Bell reported on the website.

        A-2) Treasurer Report

        Kit Moss presented the accounts.

        B) New Business

        The council agreed to fund the spring fair.

        C) Adjournment –

        The meeting closed at 9pm.
        """
    )

    assert [(i.minute_number or i.agenda_number, i.title) for i in items] == [
        ("A", "Opening Business"),
        ("A-1", "Officer Reports"),
        ("A-2", "Treasurer Report"),
        ("B", "New Business"),
        ("C", "Adjournment"),
    ]


def test_items_numbered_with_a_slash_or_by_the_word_for_an_agenda_point_are_read():
    slashed = minuted(
        """
        Minutes of the Annual Meeting, 3 May 2024

        1/ Apologies for Absence

        None were received.

        2/ Treasurer's Report

        The accounts were approved.
        """
    )
    worded = minuted(
        """
        Gemeinderat, 3. May 2024

        TOP 1 Begrüßung

        Die Vorsitzende begrüßt alle.

        TOP 2 Haushalt

        Der Haushalt wird beschlossen.
        """
    )

    assert [(i.minute_number, i.title) for i in slashed] == [
        ("1", "Apologies for Absence"),
        ("2", "Treasurer's Report"),
    ]
    assert [(i.minute_number, i.title) for i in worded] == [("1", "Begrüßung"), ("2", "Haushalt")]


def test_headings_numbered_after_a_hash_are_items_and_the_labels_each_repeats_are_its_fields():
    items = minuted(
        """
        # Steering Group Minutes, 3 May 2024

        ## Motions

        ### Motion #2024-05-03/1

        Proposer: Ola Reyes.

        Text: Adopt the new code of conduct.

        Result: Carried.

        ### Motion #2024-05-03/2

        Proposer: Sam Lee.

        Text: Move meetings to Thursdays.

        Result: Deferred.

        ### Motion #2024-05-03/3

        Proposer: Kit Moss.

        Text: Fund two travel grants.

        Result: Carried.
        """
    )

    assert [(i.minute_number or i.agenda_number, i.title) for i in items if i.minute_number or i.agenda_number] == [
        ("2024-05-03/1", "Motion"),
        ("2024-05-03/2", "Motion"),
        ("2024-05-03/3", "Motion"),
    ]
    assert not any(i.title in ("Proposer", "Text", "Result") for i in items)


def test_a_name_over_a_speaker_s_points_heads_no_item_where_the_same_name_speaks_again():
    from corpus.shapes.item_heads import list_leads

    texts = [
        "Okafor",
        "- Wants the rules passed tonight",
        "",
        "Grounds",
        "- The mower is mended",
        "",
        "Lind",
        "- Asks for more time",
        "",
        "Okafor",
        "- Repeats the request",
        "",
        "Hall lettings",
        "- Bookings are up",
        "",
    ]

    assert [h.title for h in list_leads(texts).values()] == ["Grounds", "Lind", "Hall lettings"]


def test_an_actions_list_naming_who_does_each_stays_one_item():
    items = minuted(
        """
        # Committee Minutes, 3 May 2024

        ## Budget

        The budget was agreed.

        ## Actions

        Ola Reyes: Write the procedures

        KM: Email the venue about the date

        Sam Lee: Book the hall for June
        """
    )

    assert [i.title for i in items] == ["Budget", "Actions"]


def test_a_heading_after_the_time_slot_an_agenda_gave_it_is_titled_without_the_slot():
    items = minuted(
        """
        # Advisory Board, 3 May 2024

        **:00 - :10 Welcome**

        Everyone was welcomed.

        **10:10 – 10:40 Grants round**

        Twelve bids were scored.

        **20:23 Open**

        The floor was opened.
        """
    )

    assert [i.title for i in items] == ["Welcome", "Grants round", "20:23 Open"]


def test_a_name_over_points_straight_under_a_marked_heading_is_part_of_its_matter():
    items = minuted(
        """
        Student Council Minutes, 3 May 2024

        A) Opening

        The chair opened the meeting.

        B) Reports

        The reports were received.

        C) Motions

        **Hall lettings policy**

        Okafor
        - Rules are much as last year's
        - Asks members to pass them tonight

        Motion to adopt the lettings policy: carried.

        **Grants for the spring fair**

        Lind
        - Twelve bids came in
        - Asks for two more weeks

        **Hall hire charges**

        Ruiz
        - Charges unchanged since last year

        D) Elections

        Two officers were elected.

        E) Close

        The meeting closed.
        """
    )

    titles = [i.title for i in items]
    assert "Hall lettings policy" in titles and "Grants for the spring fair" in titles
    assert "Hall hire charges" in titles and not {"Okafor", "Lind", "Ruiz"} & set(titles)
