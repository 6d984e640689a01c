"""Procedural items: the standing steps of a meeting, each told in one line, never a decision."""

import pytest

from corpus.language.procedural import is_procedural, procedural_line
from corpus.manifest import load_manifest
from corpus.read import read_document
from corpus.shapes import parse_text
from tests.seeds import FIXTURES, parse_seed


def real_item(folder: str, name: str, title: str):
    """The first item whose title starts with `title`, of the real document whose name starts with `name`."""
    path = next((FIXTURES / folder).glob(f"{name}*.txt"))
    hints = load_manifest(FIXTURES / folder / "manifest.toml").hints_for(path)
    document = parse_text(read_document(path).text, str(path), date=hints.date, body=hints.body)
    return next(i for m in document.meetings for i in m.items if i.title.startswith(title))


def seed_item(prefix: str, title: str, section: str = "minutes"):
    items = [i for m in parse_seed(prefix).meetings for i in m.items]
    return next(i for i in items if i.title.startswith(title) and i.section.value == section)


# -- apologies -----------------------------------------------------------------------------------


def test_apologies_name_who_sent_them_without_the_clerks_lead_in():
    item = real_item("real", "dover-planning-committee", "Apologies")

    assert is_procedural(item.title, item.text)
    assert procedural_line(item.title, item.text) == "Apologies: Councillor D P Murphy"


def test_apologies_listed_a_name_a_line_are_joined_on_one_line():
    item = real_item("real_heldout", "gloucestershire-health-wellbeing-board", "Apologies")

    line = procedural_line(item.title, item.text)

    assert line.startswith("Apologies: Angela Potter, Chief Superintendent Jane Probert, ")
    assert "\n" not in line


def test_apologies_with_none_say_none():
    assert procedural_line("Apologies for Absence", "There were none.") == "Apologies: none"


def test_a_heading_that_carries_its_outcome_needs_no_text():
    assert is_procedural("Correspondence:- None", "")
    assert procedural_line("Correspondence:- None", "") == "Correspondence: none"


# -- declarations of interest --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "None declared.",
        "There were no declarations of interest.",
        "No interests were declared.",
        "There were none.",
        "The Chairman invited members who wished to do so to declare any interests. No declarations were made.",
    ],
)
def test_declarations_with_none_made_are_one_line_saying_none(text):
    assert is_procedural("Declarations of Interest", text)
    assert procedural_line("Declarations of Interest", text) == "Declarations of interest: none"


def test_a_declaration_made_is_still_procedural_and_the_line_says_who():
    item = real_item("real_heldout", "southland-district-council", "Conflict of Interest")

    assert is_procedural(item.title, item.text)
    assert "Mayor Tong declared a conflict of interest" in procedural_line(item.title, item.text)


# -- the last meeting's minutes ------------------------------------------------------------------


def test_minutes_approved_say_which_meeting():
    item = real_item("real", "dover-planning-committee", "Minutes")

    assert procedural_line(item.title, item.text) == "Minutes of 21 May 2020 approved"


def test_minutes_approved_subject_to_an_amendment_keep_the_amendment_word_for_word():
    text = (
        "The minutes of the meeting held on 8 March 2024 were approved as a correct record, subject to the "
        "following amendment: minute 12 to read 'the grant of £500 was deferred'."
    )

    line = procedural_line("Minutes of the previous meeting", text)

    assert is_procedural("Minutes of the previous meeting", text)
    assert line.startswith("Minutes of 8 March 2024 approved: ")
    assert "minute 12 to read 'the grant of £500 was deferred'" in line


def test_minutes_not_approved_are_business_not_procedure():
    item = real_item("real", "sandwell-council-committee", "To confirm the minutes")

    assert not is_procedural(item.title, item.text)


def test_minutes_confirmed_by_a_moved_and_seconded_motion_are_procedural():
    item = real_item("real", "coffs-harbour-city-council", "Confirmation of Minutes")

    assert procedural_line(item.title, item.text) == "Minutes of 9 July 2020 approved"


# -- steps procedural only when empty ------------------------------------------------------------


def test_matters_arising_with_none_are_procedural():
    item = real_item("real", "choppington-parish-council", "Matters Arising")

    assert procedural_line(item.title, item.text) == "Matters arising: none"


def test_matters_arising_with_content_are_business():
    item = real_item("real", "bourton-on-the-hill-parish-council", "Matters Arising")

    assert not is_procedural(item.title, item.text)


def test_public_participation_with_no_one_present_is_procedural():
    text = "133.1 There were no members of the public in attendance."

    assert procedural_line("Public Question Time", text) == "Public participation: none"


def test_public_participation_with_a_question_asked_is_business():
    item = real_item("real_heldout", "cefn-community-council", "Public Questions")

    assert not is_procedural(item.title, item.text)


def test_an_empty_agenda_heading_of_a_standing_step_is_procedural_but_a_report_is_not():
    assert is_procedural(seed_item("004", "Matters arising", "agenda").title, "")
    assert not is_procedural(seed_item("004", "Domestic Homicide Reviews", "agenda").title, "")


# -- opening and closing -------------------------------------------------------------------------


def test_welcome_and_introductions_are_one_line():
    item = seed_item("004", "Introductions")

    assert is_procedural(item.title, item.text)
    assert procedural_line(item.title, item.text).startswith("Introductions: The Chairman welcomed everyone")


def test_roll_call_and_pledge_are_procedural():
    assert is_procedural("Roll Call", "Mayor Lee and Councilmembers Diaz, Okafor and Brandt were present.")
    assert is_procedural("Pledge of Allegiance", "The Pledge of Allegiance was recited.")


def test_the_next_meeting_is_told_by_its_date():
    item = seed_item("000", "Date of the next meeting")

    assert procedural_line(item.title, item.text) == "Next meeting: 8 September 2016"


def test_a_schedule_of_meetings_lists_its_dates():
    item = seed_item("003", "Dates of future meetings")

    assert procedural_line(item.title, item.text).startswith("Next meetings: 20 September 2019, 6 December 2019")


# -- never a decision ----------------------------------------------------------------------------


def test_a_decision_of_substance_under_a_procedural_heading_is_business():
    text = "Apologies were received from Cllr Grey. RESOLVED that the Council buys a new bench for the green at £450."

    assert not is_procedural("Apologies", text)


def test_elections_of_a_chair_are_decisions_not_procedure():
    item = seed_item("000", "Appointment of Chairman")

    assert not is_procedural(item.title, item.text)


def test_no_item_of_the_seed_minutes_that_resolves_business_is_procedural():
    items = [i for m in parse_seed("000").meetings for i in m.items if i.section.value == "minutes"]

    procedural = [i.title for i in items if is_procedural(i.title, i.text)]

    assert procedural == ["Minutes of previous meeting", "Declarations of interest", "Date of the next meeting"]


def test_on_the_real_minutes_a_fair_share_of_items_are_procedural_and_every_line_is_one_line():
    lines = []
    for folder in ("real", "real_heldout"):
        manifest = load_manifest(FIXTURES / folder / "manifest.toml")
        for path in sorted((FIXTURES / folder).glob("*.txt")):
            hints = manifest.hints_for(path)
            document = parse_text(read_document(path).text, str(path), date=hints.date, body=hints.body)
            items = [i for m in document.meetings for i in m.items if i.section.value == "minutes"]
            lines += [procedural_line(i.title, i.text) for i in items if is_procedural(i.title, i.text)]

    assert len(lines) >= 100
    assert all("\n" not in line and len(line) <= 170 for line in lines if "approved:" not in line)
