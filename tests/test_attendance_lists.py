"""Who attended, as minutes list it: headings of each role, lists in a line, in a sentence, under bullets."""

import pytest

from corpus.parsed import Role
from corpus.shapes.attendance import parse_attendance


def roles(text: str) -> set[tuple[str, Role]]:
    return {(a.person, a.role) for a in parse_attendance(text.splitlines())}


@pytest.mark.parametrize("label", ["Directors absent", "Members absent", "Unexcused", "Absent without apology"])
def test_a_label_for_who_was_absent_names_them_absent(label):
    assert roles(f"Present: Ann Oduya, Ben Carr\n{label}: Cara Lund") == {
        ("Ann Oduya", Role.PRESENT),
        ("Ben Carr", Role.PRESENT),
        ("Cara Lund", Role.ABSENT),
    }


@pytest.mark.parametrize("label", ["Absent with apologies", "Excused", "Trustees excused", "Regrets"])
def test_a_label_for_who_sent_apologies_names_them_so(label):
    assert ("Cara Lund", Role.APOLOGIES) in roles(f"Present: Ann Oduya\n{label}: Cara Lund")


def test_names_a_list_parts_with_semicolons_are_each_a_person():
    assert roles("Trustees present: Ann Oduya (Chair); Ben Carr; Cara Lund") == {
        ("Ann Oduya", Role.PRESENT),
        ("Ben Carr", Role.PRESENT),
        ("Cara Lund", Role.PRESENT),
    }


def test_a_title_set_once_before_surnames_applies_to_each():
    assert roles("Present: Directors Oduya, Carr and Lund") == {
        ("Director Oduya", Role.PRESENT),
        ("Director Carr", Role.PRESENT),
        ("Director Lund", Role.PRESENT),
    }


def test_who_was_there_said_in_sentences_is_read():
    text = (
        "The following members were present: Ann Oduya, Ben Carr and Cara Lund. Apologies were received from Dev Rao."
    )

    assert roles(text) == {
        ("Ann Oduya", Role.PRESENT),
        ("Ben Carr", Role.PRESENT),
        ("Cara Lund", Role.PRESENT),
        ("Dev Rao", Role.APOLOGIES),
    }


def test_a_sentence_that_only_mentions_a_presentation_names_nobody():
    assert roles("The treasurer presented the accounts. Members discussed the hall roof.") == set()


def test_names_under_a_heading_as_a_bulleted_list_keep_their_notes():
    people = parse_attendance(["Attendees", "- Ann Oduya (Chair)", "- Ben Carr", "Apologies", "- Cara Lund"])

    assert [(a.person, a.organisation, a.role) for a in people] == [
        ("Ann Oduya", "Chair", Role.PRESENT),
        ("Ben Carr", None, Role.PRESENT),
        ("Cara Lund", None, Role.APOLOGIES),
    ]


@pytest.mark.parametrize(
    ("present", "excused", "absent"),
    [
        ("Personnes présentes", "Personnes excusées", "Absents"),
        ("Asistentes", "Excusados", "Ausentes"),
        ("Anwesend", "Entschuldigt", "Abwesend"),
        ("Aanwezig", "Afgemeld", "Afwezig"),
        ("Présent.e.s", "Excusée", "Absent·e·s"),
    ],
)
def test_attendance_labels_in_the_languages_boards_minute_in_are_read(present, excused, absent):
    assert roles(f"{present}: Ann Oduya, Ben Carr\n{excused}: Cara Lund\n{absent}: Dev Rao") == {
        ("Ann Oduya", Role.PRESENT),
        ("Ben Carr", Role.PRESENT),
        ("Cara Lund", Role.APOLOGIES),
        ("Dev Rao", Role.ABSENT),
    }


@pytest.mark.parametrize("label", ["Attended by", "Attending via Teams", "Attending by phone"])
def test_labels_saying_how_people_attended_name_them_present(label):
    assert roles(f"{label}: Ann Oduya, Ben Carr") == {("Ann Oduya", Role.PRESENT), ("Ben Carr", Role.PRESENT)}


def test_a_brothers_title_set_once_before_a_list_applies_to_each():
    assert ("Bro. D Lane", Role.PRESENT) in roles("Present: Bros. D Lane, N Kerr")


def test_people_listed_as_other_attendees_attended_as_guests():
    listed = roles("Present: Ben Carr, Cara Lund\nOther attendees\n- Ann Oduya")
    assert ("Ann Oduya", Role.ALSO_ATTENDING) in listed
