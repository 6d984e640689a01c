"""The two web-page shapes: ModernGov `|` rows (seed 001) and a flattened page (seed 002)."""

import datetime as dt

import pytest

from corpus.parsed import ParseError
from corpus.shapes import parse_text
from tests.seeds import FIXTURES, parse_seed, seed


def meeting_of_26_june_2020():
    (meeting,) = parse_seed("001").meetings
    return meeting


def titled(meeting, words):
    return next(i for i in meeting.items if words.casefold() in i.title.casefold())


def test_moderngov_rows_give_17_items_in_source_order():
    meeting = meeting_of_26_june_2020()

    assert meeting.date == dt.date(2020, 6, 26)
    assert len(meeting.items) == 17
    assert [i.title for i in meeting.items[:3]] == ["Introductions", "Minutes of previous meeting", "Matters arising"]
    assert meeting.items[-1].title == "Date of the next meeting"
    assert [i.line_start for i in meeting.items] == sorted(i.line_start for i in meeting.items)


def test_rows_without_a_title_get_one_derived_from_their_opening_sentence():
    meeting = meeting_of_26_june_2020()
    derived = [i for i in meeting.items if i.title_derived]

    assert len(derived) == 2
    assert derived[0].title == "LSCSB Action Log"
    assert "cyber" in derived[1].title.casefold()


def test_agenda_blurb_is_split_from_the_minutes_text():
    glen_parva = titled(meeting_of_26_june_2020(), "Glen Parva")

    assert glen_parva.title == "Ministry of Justice Update - New prison at Glen Parva"
    assert glen_parva.note.startswith("This report will be presented by Sabrina Dullah")
    assert glen_parva.text.startswith("The Board considered a report of Sabrina Dullah")
    assert "PDF" not in glen_parva.title + glen_parva.text


def test_inline_resolutions_split_at_top_level_letters_only():
    covid = titled(meeting_of_26_june_2020(), "Covid19")

    assert [r.label for r in covid.resolutions] == ["(a)", "(b)"]
    assert "Operation INTEGRATE" in covid.resolutions[0].text
    assert "lessons learned" in covid.resolutions[1].text


def test_a_moderngov_page_without_a_date_at_the_top_takes_it_from_its_text_and_says_so():
    path = seed("001")

    document = parse_text(path.read_text(), str(path), body="Some Board")

    assert [m.date for m in document.meetings] == [dt.date(2020, 6, 26)]  # "… the Board meeting on 26 June 2020"
    assert any("read from the text below it; check it" in w for w in document.warnings)


def test_a_page_that_never_says_when_its_meeting_was_is_refused_naming_the_file():
    with pytest.raises(ParseError) as error:
        parse_text("Minutes\n\n1. Apologies\n\nNone.\n\n2. Budget\n\nApproved.\n", "undated.txt")

    assert "undated.txt" in str(error.value) and "date" in str(error.value)


def test_moderngov_rows_of_another_board_keep_their_minute_numbers_and_header_date():
    path = FIXTURES / "riverside_rows.txt"
    document = parse_text(path.read_text(), str(path))
    (meeting,) = document.meetings

    assert document.body == "Riverside Health Partnership Board"
    assert (meeting.date, meeting.start_time) == (dt.date(2024, 1, 10), dt.time(18, 30))
    assert [i.minute_number for i in meeting.items] == ["12", "13", "14"]
    assert meeting.items[2].title == "Vaccination Programme Dashboard" and meeting.items[2].title_derived
    assert [r.label for r in meeting.items[1].resolutions] == ["(a)", "(b)"]


def meeting_of_17_september_2015():
    (meeting,) = parse_seed("002").meetings
    return meeting


def test_flattened_page_reads_date_time_and_venue_from_its_header():
    meeting = meeting_of_17_september_2015()

    assert (meeting.date, meeting.start_time) == (dt.date(2015, 9, 17), dt.time(10, 0))
    assert meeting.venue == "Guthlaxton Committee Room, County Hall, Glenfield"


def test_flattened_page_items_start_at_title_lines():
    titles = [i.title for i in meeting_of_17_september_2015().items]

    assert len(titles) >= 9
    assert "Operation Nitrox (Legal Highs) Presentation" in titles
    assert "Prevent Update" in titles
    assert titles[0] == "Introductions"  # the page prints the first item without a title


def test_matters_arising_subheadings_stay_inside_their_item():
    matters = titled(meeting_of_17_september_2015(), "Matters arising")

    assert {r.minute for r in matters.references} == {"35", "39"}
    assert "Victim First" in matters.text and "Domestic Homicide Reviews" in matters.text


def test_lettered_paragraphs_without_resolved_are_the_decisions():
    prevent = titled(meeting_of_17_september_2015(), "Prevent Update")

    assert [r.label for r in prevent.resolutions] == ["(a)", "(b)"]
    assert "Prevent Officer Post" in prevent.resolutions[1].text


def test_a_presenter_line_under_a_title_is_a_note_not_an_item():
    nitrox = titled(meeting_of_17_september_2015(), "Operation Nitrox")

    assert nitrox.note == "Superintendent Mark Newcombe – Leicestershire Police."
    assert "legal highs" in nitrox.text


def test_flattened_page_announces_the_next_meeting_at_its_time():
    assert [(a.date, a.time) for a in meeting_of_17_september_2015().announced] == [
        (dt.date(2015, 12, 10), dt.time(14, 0))
    ]


FLATTENED_PAGE_WITH_CHAIR = """Agenda and minutes

Town Council - Monday, 8 March 2021 7.00 pm

Councillor J Smith in the Chair

Election of Mayor

It was proposed and seconded that Councillor Brown be elected Mayor.

Planning applications

The Council considered two applications.
"""


def test_a_chair_line_on_a_flattened_page_is_not_an_item():
    (meeting,) = parse_text(FLATTENED_PAGE_WITH_CHAIR, "page.txt").meetings

    assert all("Chair" not in item.title for item in meeting.items)


def test_a_short_minuted_sentence_under_a_title_does_not_swallow_the_next_item():
    (meeting,) = parse_text(FLATTENED_PAGE_WITH_CHAIR, "page.txt").meetings

    assert [item.title for item in meeting.items] == ["Election of Mayor", "Planning applications"]
    assert meeting.items[0].text.startswith("It was proposed and seconded")
