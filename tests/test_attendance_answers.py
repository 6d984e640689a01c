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


def test_questions_about_who_was_there_are_told_apart_from_others():
    for asked in (
        "who sent apologies in March?",
        "who was absent from the January meeting?",
        "who chaired the special meeting?",
        "Was Councillor Moran at the January 2021 zoom meeting?",
        "who attended the AGM?",
    ):
        assert understand(asked).wants_attendance, asked
    for other in ("who did we elect chairman at the annual meeting?", "what did we decide on the budget?"):
        assert not understand(other).wants_attendance, other


def test_a_title_the_papers_never_printed_is_cited_in_brackets():
    held = dt.date(2024, 2, 12)
    assert cite(held, "Attendance", derived=True) == "12 February 2024 · [Attendance]"
    assert cite(held, "Playground", minute="1") == "Minute 1 · 12 February 2024 · Playground"
