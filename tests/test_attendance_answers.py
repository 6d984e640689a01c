"""Who was there is answerable: each meeting's attendance list is kept in the minutes' own words, cited to
that meeting, and ranked first when a member asks who attended, sent apologies, was absent or chaired."""

import datetime as dt
import textwrap

from corpus.citation import cite
from corpus.parsed import Section
from corpus.shapes import parse_text
from retrieval.query import understand

MINUTES = """
    Minutes of the meeting of Northbrook Parish Council held on 12 February 2024

    Present: Cllr A Ames (Chair), Cllr B Brook, Cllr C Cole

    Apologies: Cllr D Dale

    1. Playground
    The swings are to be repaired.
"""


def meeting_of(text: str):
    (meeting,) = parse_text(textwrap.dedent(text).strip("\n"), "test.txt").meetings
    return meeting


def test_the_attendance_list_is_kept_in_the_minutes_own_words_as_the_meeting_s():
    listed = meeting_of(MINUTES).attendance_item
    assert listed.section is Section.ATTENDANCE and listed.title_derived
    assert "Apologies: Cllr D Dale" in listed.text and "Cllr A Ames (Chair)" in listed.text
    assert "swings" not in listed.text


def test_the_attendance_list_is_not_a_minuted_item():
    assert [i.title for i in meeting_of(MINUTES).items] == ["Playground"]


def test_an_attendance_list_at_the_foot_of_the_minutes_is_read_too():
    listed = meeting_of(
        """
        # Board meeting, 24 November 2016

        ## Budget

        The budget was agreed.

        **Attendees**

        Liam Maxwell Chair

        **Apologies**

        John Sheridan
        """
    ).attendance_item
    assert "John Sheridan" in listed.text and "Liam Maxwell" in listed.text


def test_minutes_that_list_nobody_have_no_attendance_list():
    assert meeting_of("Minutes of the meeting held on 3 March 2021\n\n1. Budget\nAgreed.").attendance_item is None


def test_an_attendance_list_inside_a_page_s_first_items_is_read():
    listed = meeting_of(
        """
        Skip to main content

        Minutes of the meeting held on Monday, 12th June 2017 in the Village Hall

        Present: Ann Hale, Chair (AH), Jo Smith (JS), Rob Pope (RP)

        Apologies: Sam Crabb (SC)

        Police report
        The police reported two thefts.
        """
    ).attendance_item
    assert "Present: Ann Hale" in listed.text and "Apologies: Sam Crabb (SC)" in listed.text
    assert "thefts" not in listed.text


def test_an_attendance_list_run_into_a_flattened_page_is_cut_from_it():
    minutes = (
        "Minutes National Council Date Time Location 6 July 2010 11.00am Creekside, London Present Ann Hale "
        "(Chair), Jo Smith, Rob Pope, Dr. Sam Crabb, Ph.D. Lee Grant, Kim Ode. Apologies: Pat Moss. The Chair "
        "welcomed everyone to the meeting and thanked the staff for the arrangements made for the visit, "
        "then the minutes of the last meeting were agreed as a correct record of the discussion held."
    )
    listed = meeting_of(minutes + "\n\n1. Budget\nThe budget was agreed.").attendance_item
    assert listed.text.startswith("Present Ann Hale (Chair)") and "Pat Moss" in listed.text
    assert "welcomed" not in listed.text


def test_who_was_present_is_read_from_a_roll_call_item_however_worded():
    listed = meeting_of(
        """
        Minutes of the library board, 10 June 2019

        1. Call to Order/Roll Call
        Meeting called to order at 5:05. Allard, Haskins, Horth & Worden present.

        2. Approval of Agenda
        Approved.
        """
    ).attendance_item
    assert "Allard, Haskins, Horth & Worden present." in listed.text and "Approved" not in listed.text


def test_a_line_of_names_alone_under_the_meeting_s_heading_is_its_attendance():
    listed = meeting_of(
        """
        Minutes of the Meeting of the Town Council held on 27 April 2021 by video call.

        Cllrs B Austin, D Bretherton, P Cowell (Deputy Mayor), M Deacock and A Dite

        1. Budget
        The budget was agreed.
        """
    ).attendance_item
    assert "B Austin, D Bretherton" in listed.text and "budget" not in listed.text


def test_lines_each_naming_a_person_and_their_body_under_no_label_are_the_attendance():
    listed = meeting_of(
        """
        Regional Statistics Meeting, 3 May 2024

        Ola Reyes / Office of Statistics
        Sam Lee / Ministry of Transport
        Kit Moss / Office of Statistics
        Dev Rao / Ports Authority

        1. Terms of reference
        The terms were agreed.
        """
    ).attendance_item
    assert "Sam Lee / Ministry of Transport" in listed.text and "terms" not in listed.text


def test_the_board_s_members_named_inside_a_line_of_the_head_are_its_attendance():
    listed = meeting_of(
        """
        May 3, 2024

        The Hall, 4 Mill Lane, Board Members - Ola Reyes, Sam Lee, Kit Moss

        Budget
        The budget was agreed.
        """
    ).attendance_item
    assert "Board Members - Ola Reyes, Sam Lee, Kit Moss" in listed.text


def test_minutes_that_count_who_came_rather_than_name_them_keep_the_count_as_the_attendance():
    listed = meeting_of(
        """
        Parents' Council Minutes, 3 May 2024

        1. CALL TO ORDER (7:05pm); 12 in person, 4 online

        2. Treasurer's report
        The accounts were approved.
        """
    ).attendance_item
    assert "12 in person, 4 online" in listed.text


def test_a_roll_call_among_misread_items_is_still_found_in_the_meeting_s_first_lines():
    listed = meeting_of(
        """
        # SUMMARY OF CITY COUNCIL MEETING

        # City Hall, Council Chambers

        January 14, 2022

        Face coverings are required in City buildings.

        22-0073 1. ROLL CALL: Present: Cownie, Boesen and Voss. Absent:

        **Gatto. Sheumaker arrived at 7:32 a.m.**

        22-0074 2. APPROVING AGENDA, AS PRESENTED. Moved by Boesen.
        """
    ).attendance_item
    assert "Present: Cownie, Boesen and Voss. Absent:" in listed.text and "Gatto." in listed.text
    assert "Face coverings" not in listed.text


def test_who_chaired_and_who_took_the_minutes_are_kept_with_who_attended():
    listed = meeting_of(
        """
        Minutes of the library board, 10 June 2019

        The meeting was called to order by Chair Latzig at 5pm with all members present.

        Minutes were taken by Jo Smith.

        1. Budget
        The budget was agreed.
        """
    ).attendance_item
    assert "called to order by Chair Latzig" in listed.text and "taken by Jo Smith" in listed.text


def test_who_called_the_meeting_to_order_is_kept_from_a_flattened_opening_line():
    guests = ", ".join(f"Guest{i} Surname{i}" for i in range(30))
    opening = (
        "The regular meeting of the Harbour Wardens was called to order at 7.30pm by Warden Vale "
        f"and Warden R. Oakes. Also in attendance: {guests}."
    )
    listed = meeting_of(
        f"""
        Minutes of the Harbour Wardens, 4 August 2011

        {opening}

        1. Budget
        The budget was agreed.
        """
    ).attendance_item
    assert "by Warden Vale and Warden R. Oakes" in listed.text and "Guest29 Surname29" in listed.text


def test_a_long_list_flattened_into_one_line_is_kept_whole():
    present = ", ".join(f"Cllr Name{i} Surname{i}" for i in range(80))
    listed = meeting_of(f"Minutes of the meeting held on 3 March 2021\n\nPresent: {present}\n\n1. Budget\nAgreed.")
    assert "Surname79" in listed.attendance_item.text


def test_a_sentence_that_says_in_passing_who_was_there_takes_nothing_after_it():
    listed = meeting_of(
        """
        Minutes of the council meeting held on 10 December 2019

        Those present were Cr Abb Mac (Mayor) and Cr Dee Palm.
        The Chair welcomed everyone who was present.
        Open forum
        Mr. Con Street spoke in opposition to the rendering trial.

        1. Budget
        The budget was agreed.
        """
    ).attendance_item
    assert "Cr Dee Palm" in listed.text and "everyone who was present" in listed.text
    assert "rendering" not in listed.text


def test_names_in_a_flattened_table_run_on_past_its_empty_cells():
    listed = meeting_of(
        """
        Minutes of a meeting of the local board held on 7 December 2022

        Members | present
        Jo Smith |
        |
        |
        Deputy Chairperson |
        Al Jones |

        1. Budget
        The budget was agreed.
        """
    ).attendance_item
    assert "Jo Smith" in listed.text and "Al Jones" in listed.text and "budget" not in listed.text


def test_regrets_and_excused_say_who_sent_apologies():
    listed = meeting_of(
        """
        Minutes of the technical committee held on 3 March 2024

        Present: Ann Ames, Ben Brook

        Excused: Cara Cole, Dan Dale

        Regrets: Eve Eyre

        1. Release plan
        The plan was agreed.
        """
    ).attendance_item
    assert "Excused: Cara Cole, Dan Dale" in listed.text and "Regrets: Eve Eyre" in listed.text


def test_not_present_heads_a_list_of_who_was_absent():
    from corpus.parsed import Role
    from corpus.shapes.attendance import role_heading

    assert role_heading("Not Present:") is Role.ABSENT
    assert role_heading("Members not present") is Role.ABSENT


def test_a_web_page_list_with_a_blank_line_after_each_name_is_read_whole():
    listed = meeting_of(
        """
        Council Minutes

        Wednesday 3 May 2024

        Members Present:

        Mayor – Ann Ames

        Deputy Mayor – Ben Brook

        Councillor – Cara Cole

        1. Call to Order:

        The Mayor called the meeting to order at 9:00 a.m.
        """
    ).attendance_item
    assert "Ann Ames" in listed.text and "Cara Cole" in listed.text and "Call to Order" not in listed.text


def test_a_list_set_out_under_headings_of_its_own_is_read_whole():
    listed = meeting_of(
        """
        Technical committee meeting, 3 March 2024

        ## Attending

        - Ann Ames

        - Ben Brook

        ## Regrets

        - Cara Cole

        # Agenda

        - Release plan
        """
    ).attendance_item
    assert "Ben Brook" in listed.text and "Cara Cole" in listed.text


def test_questions_about_who_was_there_are_told_apart_from_others():
    for asked in (
        "who sent apologies in March?",
        "who was absent from the January meeting?",
        "who chaired the special meeting?",
        "Was Councillor Moran at the January 2021 zoom meeting?",
        "who attended the AGM?",
        "who actually turned up to the April meeting?",
        "who was excused from the board meeting?",
        "who presided at the special meeting?",
        "Which trustees were at the March 3, 2019 meeting?",
        "who was there at the March meeting?",
        "was jo smith at the march meeting?",
        "who took part in the June planning meeting?",
        "who joined the March meeting from home?",
        "who led the trustees' meeting in May?",
        "which participants came to the away day?",
        "Which board members were at the trustees' meeting in May?",
        "Was Ola Reyes, the treasurer, at the June meeting?",
        "How many people came to the March meeting?",
        "Which member firms were not represented at the April meeting?",
        "Le trésorier était-il présent au conseil de mars ?",
        "¿Quién presidió el pleno de marzo?",
        "Wer war bei der Sitzung im März abwesend?",
        "Who took the chair at the May meeting with the chair away?",
        "Which county councillor came to the annual parish meeting?",
        "Which council members joined the December meeting online?",
        "Which residents sat in on the committee meeting in November?",
    ):
        assert understand(asked).wants_attendance, asked
    for other in (
        "who did we elect chairman at the annual meeting?",
        "Which new members came to their first council meeting?",
        "what did we decide on the budget?",
        "which items were agreed at the meeting?",
        "who joined the board this year?",
        "who led the fundraising for the roof?",
        "how did members take part in the consultation?",
        "what incidents were in the police report at the May meeting?",
        "did anyone come to the open forum before the meeting?",
        "Who took the chair when the vice-chair left the May meeting?",
    ):
        assert not understand(other).wants_attendance, other


def test_a_title_the_papers_never_printed_is_cited_in_brackets():
    held = dt.date(2024, 2, 12)
    assert cite(held, "Attendance", derived=True) == "12 February 2024 · [Attendance]"
    assert cite(held, "Playground", minute="1") == "Minute 1 · 12 February 2024 · Playground"


PLAYGROUND = "1. Playground\nThe swings are to be repaired.\n"


def searcher_over(tmp_path, meetings, items=PLAYGROUND):
    """A searcher over minutes of (board, day, who was present, who sent apologies), one file each."""
    from corpus.ingest import ingest_file
    from corpus.store import open_engine
    from retrieval.index import ensure_index
    from retrieval.search import Searcher, SearchSettings
    from tests.fakes import HashingEmbedder

    engine = open_engine(f"sqlite:///{tmp_path / 'memory.db'}")
    for board, day, present, apologies in meetings:
        path = tmp_path / f"{board} {day}.txt"
        path.write_text(
            f"Minutes of the meeting of {board} held on {day}\n\n"
            f"Present: {present}\n\nApologies: {apologies}\n\n{items}"
        )
        ingest_file(engine, path)
    embedder = HashingEmbedder()
    index = ensure_index(engine, tmp_path / "index", embedder, approximate_above=50_000)
    return Searcher(index, embedder, SearchSettings())


def three_meetings(tmp_path):
    """A parish council's three meetings of 2024: Cllr Dale sent apologies to two."""
    return searcher_over(
        tmp_path,
        [
            ("Northbrook Parish Council", "12 February 2024", "Cllr Ames, Cllr Brook", "Cllr Dale"),
            ("Northbrook Parish Council", "11 March 2024", "Cllr Ames, Cllr Dale", "Cllr Brook"),
            ("Northbrook Parish Council", "8 April 2024", "Cllr Ames, Cllr Brook", "Cllr Dale"),
        ],
    )


def test_how_often_someone_sent_apologies_is_counted_over_the_meetings_asked_about(tmp_path):
    answer = three_meetings(tmp_path).ask("how often did Cllr Dale send apologies in 2024?")

    assert answer.lead.quote == (
        "Dale sent apologies to, or was absent from, 2 of the 3 meetings in 2024: 12 February 2024, 8 April 2024."
    )
    assert [r.meeting_date for r in answer.results] == [dt.date(2024, 2, 12), dt.date(2024, 4, 8)]
    assert all(r.citation.endswith("· [Attendance]") for r in answer.results)


def test_someone_never_absent_is_said_to_have_missed_none(tmp_path):
    answer = three_meetings(tmp_path).ask("how many meetings did Cllr Ames miss this year?")

    assert answer.lead.quote == "Ames is not recorded as absent from any of the 3 meetings in 2024."


def test_an_attendance_list_answers_only_a_question_about_who_was_there(tmp_path):
    searcher = three_meetings(tmp_path)

    other = searcher.ask("who is repairing the swings?")
    asked = searcher.ask("who sent apologies in March 2024?")

    assert other.results and not any(r.citation.endswith("[Attendance]") for r in other.results)
    assert asked.results[0].citation == "11 March 2024 · [Attendance]"


def test_who_attended_is_read_from_the_board_the_question_names_when_two_met_that_month(tmp_path):
    # The other board's list holds more of the question's words; only the board named tells them apart.
    searcher = searcher_over(
        tmp_path,
        [
            ("Northbrook Parish Council", "11 March 2024", "Cllr Ames", "Cllr Dale"),
            (
                "Westford Town Council",
                "12 March 2024",
                "Cllr Ames",
                "Cllr Eyre sent apologies to the meeting, as did Cllr Fox",
            ),
        ],
    )

    first = searcher.ask("who sent apologies to the March 2024 Northbrook meeting?").results[0]
    assert first.citation == "11 March 2024 · [Attendance]" and "Cllr Dale" in first.text


def test_the_board_named_in_the_question_is_found_under_another_form_of_its_name(tmp_path):
    # "the governors' meeting" names a governing body; the parish council met the same week.
    searcher = searcher_over(
        tmp_path,
        [
            ("Northbrook Parish Council", "8 July 2024", "Cllr Ames", "Cllr Dale sent apologies"),
            ("Northbrook School Governing Body", "14 July 2024", "Mr Ames", "Mr Quill"),
        ],
    )

    first = searcher.ask("who sent apologies to the governors' meeting in July 2024?").results[0]
    assert first.citation == "14 July 2024 · [Attendance]" and "Mr Quill" in first.text


def test_the_list_that_names_the_apologies_answers_before_an_item_titled_for_them_that_does_not(tmp_path):
    searcher = searcher_over(
        tmp_path,
        [("Northbrook Parish Council", "11 March 2024", "Cllr Ames, Cllr Brook", "Cllr Dale")],
        "1. Welcome and Apologies\nThe Chair welcomed everyone who sent apologies for lateness.\n\n" + PLAYGROUND,
    )

    first = searcher.ask("who sent apologies to the March 2024 meeting?").results[0]
    assert first.citation == "11 March 2024 · [Attendance]" and "Cllr Dale" in first.text


def test_who_was_absent_is_answered_from_the_list_though_it_says_apologies(tmp_path):
    answer = three_meetings(tmp_path).ask("who was absent in March 2024?")

    assert answer.answered and answer.confidence == "confident"
    assert answer.results[0].citation == "11 March 2024 · [Attendance]" and "Cllr Brook" in answer.results[0].text


def test_a_meeting_named_by_its_day_and_month_alone_is_answered_from_its_list(tmp_path):
    answer = three_meetings(tmp_path).ask("who sent apologies to the meeting on 11 March?")

    assert answer.results[0].citation == "11 March 2024 · [Attendance]" and "Cllr Brook" in answer.results[0].text


def test_a_member_in_a_long_list_of_those_present_is_shown(tmp_path):
    present = ", ".join(f"Cllr Name{i} Surname{i} (Ward {i})" for i in range(60))
    searcher = searcher_over(tmp_path, [("Northbrook Parish Council", "11 March 2024", present, "Cllr Dale")])

    first = searcher.ask("was Cllr Name55 Surname55 at the March 2024 meeting?").results[0]
    assert first.citation == "11 March 2024 · [Attendance]" and "Surname55" in first.text


def test_who_was_at_a_meeting_named_by_its_business_alone_is_answered_from_that_meeting_s_list(tmp_path):
    from corpus.ingest import ingest_file
    from corpus.store import open_engine
    from retrieval.index import ensure_index
    from retrieval.search import Searcher, SearchSettings
    from tests.fakes import HashingEmbedder

    engine = open_engine(f"sqlite:///{tmp_path / 'memory.db'}")
    for day, present, business in (
        ("12 February 2024", "Cllr Ames, Cllr Brook", "1. Hedges\nThe hedges on the green are to be trimmed.\n"),
        ("11 March 2024", "Cllr Ames, Cllr Dale", "1. Allotments\nThe allotment rents were set for next year.\n"),
    ):
        path = tmp_path / f"{day}.txt"
        path.write_text(f"Minutes of Northbrook Parish Council held on {day}\n\nPresent: {present}\n\n{business}")
        ingest_file(engine, path)
    embedder = HashingEmbedder()
    index = ensure_index(engine, tmp_path / "index", embedder, approximate_above=50_000)
    searcher = Searcher(index, embedder, SearchSettings())

    first = searcher.ask("who was at the meeting about the hedges on the green?").results[0]

    assert first.citation == "12 February 2024 · [Attendance]" and "Cllr Brook" in first.text


def test_the_chair_named_alone_and_a_long_list_under_a_sentence_label_are_the_attendance_list():
    surnames = "Abbot Baird Carey Doyle Egan Foley Grady Hynes Irwin Joyce Keane Lynch Moran Nolan Quinn Roche Shea"
    members = ", ".join(f"{surname[0]}. {surname}" for surname in (surnames + " Tully Walsh Young").split() * 2)
    listed = meeting_of(
        f"""
        Minutes of the Riverside Trades Council meeting held on 9 October 2012

        Sis. R Okoro (Chair)

        Those members present were:-

        Cllrs. {members}

        1. Budget
        The budget was agreed.
        """
    ).attendance_item
    assert "Okoro (Chair)" in listed.text and "Y. Young" in listed.text


def test_a_list_too_long_for_one_passage_is_shown_whole_to_a_question_about_who_was_there(tmp_path):
    members = [
        f"Cllr {first} {last}"
        for first in ("Ann", "Ben", "Cat", "Dan", "Eve", "Finn")
        for last in ("Archer", "Baker", "Carter", "Dyer", "Fisher", "Glover", "Hooper", "Mason", "Porter", "Turner")
    ]
    searcher = searcher_over(
        tmp_path, [("Northbrook Parish Council", "11 March 2024", ", ".join(members), "Cllr Zora Quill")]
    )

    lead = searcher.ask("who sent apologies to the March 2024 meeting?").results[0]

    assert lead.citation == "11 March 2024 · [Attendance]"
    assert "Cllr Zora Quill" in lead.text and "Cllr Ann Archer" in lead.text
