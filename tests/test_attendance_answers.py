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


def three_meetings(tmp_path):
    """A parish council's three meetings of 2024: Cllr Dale sent apologies to two."""
    from corpus.ingest import ingest_file
    from corpus.store import open_engine
    from retrieval.index import ensure_index
    from retrieval.search import Searcher, SearchSettings
    from tests.fakes import HashingEmbedder

    engine = open_engine(f"sqlite:///{tmp_path / 'memory.db'}")
    for day, present, apologies in (
        ("12 February 2024", "Cllr Ames, Cllr Brook", "Cllr Dale"),
        ("11 March 2024", "Cllr Ames, Cllr Dale", "Cllr Brook"),
        ("8 April 2024", "Cllr Ames, Cllr Brook", "Cllr Dale"),
    ):
        path = tmp_path / f"minutes {day}.txt"
        path.write_text(
            f"Minutes of the meeting of Northbrook Parish Council held on {day}\n\n"
            f"Present: {present}\n\nApologies: {apologies}\n\n1. Playground\nThe swings are to be repaired.\n"
        )
        ingest_file(engine, path)
    embedder = HashingEmbedder()
    index = ensure_index(engine, tmp_path / "index", embedder, approximate_above=50_000)
    return Searcher(index, embedder, SearchSettings())


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
