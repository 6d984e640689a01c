"""A meeting's state on a given day: a day gone by without minutes is never "scheduled"."""

import datetime as dt

import pytest
from sqlmodel import Session, select

from corpus.browse import list_meetings
from corpus.ingest import ingest_paths
from corpus.meetings import meeting_state, state_of
from corpus.models import Meeting
from corpus.schedule import cancel_meeting, schedule_meeting

DECEMBER = dt.date(2023, 12, 5)
TODAY = dt.date(2024, 6, 1)

AGENDA = (
    "TEST BOARD\n\nNotice of meeting: Tuesday, 5 December 2023 at 7.00 pm, Town Hall\n\nAgenda\n\n"
    "1. Apologies for absence\n2. Minutes of the previous meeting\n3. Footpath repairs\n4. Grants to village groups\n"
)
MARCH_MINUTES = (
    "Minutes of a meeting of the Test Board held at the Town Hall on 5 March 2024.\n\n"
    "10. Minutes of the previous meeting\n\n"
    "The minutes of the meeting held on 5 December 2023 were approved as a correct record.\n\n"
    "11. Footpath repairs\n\nMembers discussed the footpath by the mill.\n"
)


def write(folder, name: str, text: str):
    path = folder / name
    path.write_text(text)
    return path


def states(engine, today: dt.date = TODAY) -> dict[dt.date, str]:
    with Session(engine) as session:
        return {view.date: view.status for view in list_meetings(session, today)}


def test_a_past_meeting_without_minutes_is_past_not_scheduled():
    assert meeting_state("scheduled", DECEMBER, False, False, TODAY) == "past, no minutes"


def test_a_past_meeting_later_minutes_say_was_held_is_held_without_minutes():
    assert meeting_state("scheduled", DECEMBER, False, True, TODAY) == "held (no minutes yet)"


def test_a_meeting_today_is_still_scheduled():
    assert meeting_state("scheduled", TODAY, False, False, TODAY) == "scheduled"


def test_a_minuted_meeting_is_held():
    assert meeting_state("held", DECEMBER, True, False, TODAY) == "held"


def test_a_cancelled_meeting_stays_cancelled_once_past():
    assert meeting_state("cancelled", DECEMBER, False, True, TODAY) == "cancelled"


def test_an_agenda_whose_meeting_the_next_minutes_confirm_is_held_without_minutes(engine, tmp_path):
    ingest_paths(engine, [write(tmp_path, "agenda.txt", AGENDA), write(tmp_path, "march.txt", MARCH_MINUTES)])

    assert states(engine)[DECEMBER] == "held (no minutes yet)"


def test_the_state_does_not_depend_on_which_document_came_first(engine, tmp_path):
    ingest_paths(engine, [write(tmp_path, "march.txt", MARCH_MINUTES)])
    ingest_paths(engine, [write(tmp_path, "agenda.txt", AGENDA)])

    assert states(engine)[DECEMBER] == "held (no minutes yet)"


def test_an_agenda_nothing_later_speaks_of_is_past_with_no_minutes(engine, tmp_path):
    ingest_paths(engine, [write(tmp_path, "agenda.txt", AGENDA)])

    assert states(engine)[DECEMBER] == "past, no minutes"


def test_before_its_day_an_agenda_is_scheduled(engine, tmp_path):
    ingest_paths(engine, [write(tmp_path, "agenda.txt", AGENDA)])

    assert states(engine, today=dt.date(2023, 12, 1))[DECEMBER] == "scheduled"


def test_the_minutes_of_another_board_say_nothing_of_this_one(engine, tmp_path):
    ingest_paths(engine, [write(tmp_path, "agenda.txt", AGENDA)])
    other = MARCH_MINUTES.replace("the Test Board", "the Orchard Trust")
    ingest_paths(engine, [write(tmp_path, "other.txt", other)])

    assert states(engine)[DECEMBER] == "past, no minutes"


def test_minutes_naming_the_meeting_in_the_boards_own_words_confirm_it(engine, tmp_path):
    named = MARCH_MINUTES.replace("the meeting held on", "the Test Board meeting held on")
    ingest_paths(engine, [write(tmp_path, "agenda.txt", AGENDA), write(tmp_path, "march.txt", named)])

    assert states(engine)[DECEMBER] == "held (no minutes yet)"


def test_minutes_confirming_another_bodys_meeting_do_not_confirm_this_one(engine, tmp_path):
    other = MARCH_MINUTES.replace("the meeting held on", "the Orchard Committee meeting held on")
    ingest_paths(engine, [write(tmp_path, "agenda.txt", AGENDA), write(tmp_path, "march.txt", other)])

    assert states(engine)[DECEMBER] == "past, no minutes"


def test_a_confirmation_alone_adds_no_meeting(engine, tmp_path):
    ingest_paths(engine, [write(tmp_path, "march.txt", MARCH_MINUTES)])

    assert DECEMBER not in states(engine)


def test_without_a_day_the_status_is_the_one_recorded(engine, tmp_path):
    ingest_paths(engine, [write(tmp_path, "agenda.txt", AGENDA)])

    with Session(engine) as session:
        (view,) = list_meetings(session)
    assert view.status == "scheduled"


@pytest.mark.parametrize(
    "today, expected", [(dt.date(2026, 12, 2), "scheduled"), (dt.date(2026, 12, 4), "past, no minutes")]
)
def test_an_officers_meeting_is_scheduled_until_its_day_has_gone(engine, today, expected):
    now = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
    with Session(engine) as session:
        meeting = schedule_meeting(session, "Test Board", dt.date(2026, 12, 3), dt.time(10), None, "cli", now)
        session.commit()

        assert state_of(session, meeting, today) == expected


def test_a_cancelled_meeting_is_cancelled_whatever_the_day(engine):
    now = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
    with Session(engine) as session:
        schedule_meeting(session, "Test Board", dt.date(2026, 12, 3), dt.time(10), None, "cli", now)
        cancel_meeting(session, None, dt.date(2026, 12, 3), "cli", now)
        session.commit()
        meeting = session.exec(select(Meeting)).one()

        assert state_of(session, meeting, dt.date(2027, 1, 1)) == "cancelled"
