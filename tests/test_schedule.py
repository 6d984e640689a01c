"""Officers schedule and cancel meetings; the calendar feed and the `boardmem schedule` commands."""

import argparse
import datetime as dt
import json

import pytest
from sqlmodel import Session, select

from bot import schedule_cli
from corpus.calendar import to_ics
from corpus.ingest import ingest_file
from corpus.models import Meeting
from corpus.schedule import (
    ScheduleError,
    cancel_meeting,
    default_body,
    meeting_history,
    parse_when,
    schedule_meeting,
    upcoming_meetings,
)
from corpus.settings import load_config
from tests.seeds import FIXTURES

HARBOUR = FIXTURES / "harbour_town_2024-03-05.txt"
HARBOUR_BODY = "Harbour Town Community Safety Partnership"
BOARD = "Leicester Safeguarding Board"
TODAY = dt.date(2026, 1, 10)
NOW = dt.datetime(2026, 1, 10, 9, 30, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=1)
DECEMBER = dt.date(2026, 12, 3)


def schedule(session, date=DECEMBER, time=dt.time(10, 0), venue="Sparkenhoe Room", body=BOARD, now=NOW):
    return schedule_meeting(session, body, date, time, venue, "telegram:123", now)


# --- scheduling and cancelling -------------------------------------------------------------


def test_scheduling_a_future_meeting_records_its_time_venue_and_who_said_so(engine):
    with Session(engine) as session:
        meeting = schedule(session)
        session.commit()
        history = meeting_history(session, meeting.id)

        assert (meeting.status, meeting.start_time, meeting.venue) == ("scheduled", dt.time(10, 0), "Sparkenhoe Room")
        assert [(c.action, c.detail, c.by) for c in history] == [
            ("scheduled", "10:00, Sparkenhoe Room", "telegram:123")
        ]


def test_a_meeting_more_than_five_years_ahead_is_refused_for_every_caller(engine):
    with Session(engine) as session, pytest.raises(ScheduleError, match="too far ahead"):
        schedule(session, date=dt.date(9999, 12, 31))


def test_the_board_is_matched_whatever_its_case(engine):
    with Session(engine) as session:
        first = schedule(session)
        second = schedule(session, date=DECEMBER + dt.timedelta(days=7), body=BOARD.upper())

        assert first.body_id == second.body_id
        assert default_body(session) == BOARD


def test_rescheduling_without_a_venue_keeps_the_venue_given_before(engine):
    with Session(engine) as session:
        schedule(session)
        meeting = schedule(session, time=dt.time(11, 30), venue=None, now=LATER)

        assert (meeting.start_time, meeting.venue) == (dt.time(11, 30), "Sparkenhoe Room")


def test_cancelling_marks_the_meeting_cancelled_and_keeps_it(engine):
    with Session(engine) as session:
        schedule(session)
        meeting = cancel_meeting(session, None, DECEMBER, "cli", LATER)
        session.commit()

        assert session.exec(select(Meeting)).all() == [meeting]
        assert meeting.status == "cancelled" and meeting.venue == "Sparkenhoe Room"
        assert [c.action for c in meeting_history(session, meeting.id)] == ["scheduled", "cancelled"]


def test_rescheduling_a_cancelled_meeting_uncancels_it(engine):
    with Session(engine) as session:
        schedule(session)
        cancel_meeting(session, BOARD, DECEMBER, "cli", LATER)
        meeting = schedule(session, now=LATER + dt.timedelta(hours=1))

        assert (meeting.status, meeting.cancelled_at) == ("scheduled", None)
        assert [c.action for c in meeting_history(session, meeting.id)] == ["scheduled", "cancelled", "scheduled"]


def test_cancelling_a_date_with_no_meeting_says_so(engine):
    with Session(engine) as session, pytest.raises(ScheduleError, match="no meeting on 3 December 2026"):
        cancel_meeting(session, None, DECEMBER, "cli", NOW)


def test_cancelling_twice_says_it_is_already_cancelled(engine):
    with Session(engine) as session:
        schedule(session)
        cancel_meeting(session, None, DECEMBER, "cli", LATER)
        with pytest.raises(ScheduleError, match="already cancelled"):
            cancel_meeting(session, None, DECEMBER, "cli", LATER)


def test_a_held_meeting_can_be_neither_cancelled_nor_scheduled(engine):
    ingest_file(engine, HARBOUR)
    with Session(engine) as session:
        with pytest.raises(ScheduleError, match="has minutes: it was held"):
            cancel_meeting(session, None, dt.date(2024, 3, 5), "cli", NOW)
        with pytest.raises(ScheduleError, match="has minutes: it was held"):
            schedule(session, date=dt.date(2024, 3, 5), body=HARBOUR_BODY, now=dt.datetime(2024, 3, 1, tzinfo=dt.UTC))


def test_cancelling_without_a_board_when_two_meet_that_day_asks_which(engine):
    with Session(engine) as session:
        schedule(session)
        schedule(session, body="Adults Board")
        with pytest.raises(ScheduleError, match=r"2 boards meet on 3 December 2026 \(Adults Board, "):
            cancel_meeting(session, None, DECEMBER, "cli", LATER)


def test_upcoming_meetings_are_the_scheduled_ones_from_today_soonest_first(engine):
    with Session(engine) as session:
        later = schedule(session)
        sooner = schedule(session, date=TODAY)
        cancelled = schedule(session, date=TODAY + dt.timedelta(days=1))
        cancel_meeting(session, None, cancelled.date, "cli", LATER)

        assert upcoming_meetings(session, TODAY) == [sooner, later]
        assert upcoming_meetings(session, TODAY, include_cancelled=True) == [sooner, cancelled, later]
        assert upcoming_meetings(session, TODAY + dt.timedelta(days=1)) == [later]


# --- an officer's word against the documents ------------------------------------------------


def test_an_officers_time_and_venue_outrank_an_announcement_in_minutes(engine):
    ingest_file(engine, HARBOUR)  # announces 4 June 2024 at 2.00 pm
    with Session(engine) as session:
        meeting = schedule(
            session, date=dt.date(2024, 6, 4), body=HARBOUR_BODY.lower(), now=dt.datetime(2024, 3, 6, tzinfo=dt.UTC)
        )

        assert (meeting.start_time, meeting.venue, meeting.status) == (dt.time(10, 0), "Sparkenhoe Room", "scheduled")


def test_minutes_of_the_meeting_outrank_the_officer(engine, tmp_path):
    ingest_file(engine, HARBOUR)
    with Session(engine) as session:
        meeting = schedule(
            session, date=dt.date(2024, 6, 4), body=HARBOUR_BODY, now=dt.datetime(2024, 3, 6, tzinfo=dt.UTC)
        )
        session.commit()
        meeting_id = meeting.id
    june = tmp_path / "harbour_town_2024-06-04.txt"
    june.write_text(
        HARBOUR.read_text().replace("4 June 2024", "3 September 2024").replace("5 March 2024", "4 June 2024")
    )

    ingest_file(engine, june)

    with Session(engine) as session:
        meeting = session.get(Meeting, meeting_id)
        assert (meeting.status, meeting.start_time, meeting.venue) == (
            "held",
            dt.time(14, 0),
            "Council Chamber, Town Hall",
        )


# --- reading what the officer typed ---------------------------------------------------------


@pytest.mark.parametrize("text", ["2026-12-03", "3 December 2026", "3/12/2026", "Thursday 3 December 2026"])
def test_dates_are_read_in_the_officer_formats(text):
    assert parse_when(text, "10:00", TODAY)[0] == DECEMBER


@pytest.mark.parametrize(
    ("text", "expected"),
    [("10:00", dt.time(10, 0)), ("10.00am", dt.time(10, 0)), ("2pm", dt.time(14, 0)), ("14:00", dt.time(14, 0))],
)
def test_times_are_read_in_the_officer_formats(text, expected):
    assert parse_when("2026-12-03", text, TODAY)[1] == expected


def test_an_impossible_date_is_refused_by_name():
    with pytest.raises(ScheduleError, match="'31 February 2027' is not a real date"):
        parse_when("31 February 2027", "10:00", TODAY)


def test_an_unreadable_date_is_refused_with_the_formats_to_use():
    with pytest.raises(ScheduleError, match=r"not a date: 'next week' \(write it as 2026-12-03"):
        parse_when("next week", "10:00", TODAY)


def test_an_impossible_time_is_refused():
    with pytest.raises(ScheduleError, match="not a time: '25:00'"):
        parse_when("2026-12-03", "25:00", TODAY)


def test_a_date_in_the_past_is_refused():
    with pytest.raises(ScheduleError, match="9 January 2026 is in the past"):
        parse_when("2026-01-09", "10:00", TODAY)


def test_today_is_not_the_past():
    assert parse_when("10/1/2026", "2pm", TODAY) == (TODAY, dt.time(14, 0))


# --- the calendar feed ---------------------------------------------------------------------


def calendar_meetings():
    meetings = [
        Meeting(id=1, body_id=1, date=DECEMBER, start_time=dt.time(10, 0), venue="Room 1, City Hall"),
        Meeting(id=2, body_id=1, date=dt.date(2026, 12, 10), status="cancelled"),
    ]
    return [(meeting, BOARD) for meeting in meetings]


def test_the_calendar_uses_crlf_line_endings_throughout():
    text = to_ics(calendar_meetings(), "Europe/London", NOW)

    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")


def test_the_calendar_has_an_event_per_meeting_in_london_time():
    lines = to_ics(calendar_meetings(), "Europe/London", NOW).split("\r\n")

    assert lines.count("BEGIN:VEVENT") == 2
    assert "UID:meeting-1@boardmemory" in lines and "UID:meeting-2@boardmemory" in lines
    assert "DTSTART;TZID=Europe/London:20261203T100000" in lines
    assert "DTEND;TZID=Europe/London:20261203T120000" in lines
    assert "DTSTAMP:20260110T093000Z" in lines
    assert "TZID:Europe/London" in lines  # the VTIMEZONE the TZID refers to
    assert "DTSTART;VALUE=DATE:20261210" in lines  # no time known: an all-day event


def test_a_cancelled_meeting_is_published_as_cancelled():
    events = to_ics(calendar_meetings(), "Europe/London", NOW).split("BEGIN:VEVENT")[1:]

    assert ["STATUS:CANCELLED" in event for event in events] == [False, True]


def test_commas_in_a_location_are_escaped():
    assert "LOCATION:Room 1\\, City Hall\r\n" in to_ics(calendar_meetings(), "Europe/London", NOW)


def test_long_lines_are_folded_to_75_octets():
    meeting = Meeting(id=3, body_id=1, date=DECEMBER, start_time=dt.time(10, 0), venue="Sparkenhoe Room – " * 8)

    text = to_ics([(meeting, BOARD)], "Europe/London", NOW)

    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert "LOCATION:" + "Sparkenhoe Room – " * 8 + "\r\n" in unfolded


# --- `boardmem schedule` and `boardmem calendar` --------------------------------------------


@pytest.fixture
def config(tmp_path):
    return load_config(env={"BOARDMEM_DATA_DIR": str(tmp_path / "cli")})


def soon(days: int) -> dt.date:
    return dt.date.today() + dt.timedelta(days=days)


def test_the_schedule_commands_work_end_to_end(config, capsys):
    date = soon(30)
    add = argparse.Namespace(date=date.isoformat(), time="10.00am", venue=["Sparkenhoe", "Room"], body=BOARD)
    assert schedule_cli.schedule_add(config, add) == 0
    assert "Scheduled: Leicester Safeguarding Board meeting" in capsys.readouterr().out

    assert schedule_cli.schedule_list(config, argparse.Namespace(json=True)) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"date": date.isoformat(), "time": "10:00", "venue": "Sparkenhoe Room", "status": "scheduled", "body": BOARD}
    ]

    assert schedule_cli.schedule_cancel(config, argparse.Namespace(date=date.isoformat(), body=None)) == 0
    assert "Cancelled:" in capsys.readouterr().out

    assert schedule_cli.calendar(config, argparse.Namespace()) == 0
    assert "STATUS:CANCELLED\r\n" in capsys.readouterr().out


def test_the_only_board_is_the_default_for_schedule_add(config, capsys):
    first = argparse.Namespace(date=soon(30).isoformat(), time="2pm", venue=[], body=BOARD)
    schedule_cli.schedule_add(config, first)
    again = argparse.Namespace(date=soon(37).isoformat(), time="tbc", venue=["Room", "2"], body=None)

    assert schedule_cli.schedule_add(config, again) == 0
    assert f"Scheduled: {BOARD} meeting" in capsys.readouterr().out


def test_schedule_add_asks_for_a_board_when_several_are_known(config, capsys):
    for body in (BOARD, "Adults Board"):
        schedule_cli.schedule_add(
            config, argparse.Namespace(date=soon(30).isoformat(), time="2pm", venue=[], body=body)
        )
    capsys.readouterr()

    status = schedule_cli.schedule_add(
        config, argparse.Namespace(date=soon(31).isoformat(), time="2pm", venue=[], body=None)
    )

    assert status == 1
    assert (
        capsys.readouterr().err
        == f"boardmem: several boards are known (Adults Board, {BOARD}): say which with --body\n"
    )


def test_schedule_errors_are_reported_on_stderr_with_status_1(config, capsys):
    status = schedule_cli.schedule_cancel(config, argparse.Namespace(date=soon(30).isoformat(), body=None))

    assert status == 1
    assert capsys.readouterr().err.startswith("boardmem: no meeting on ")


def test_the_registered_parsers_dispatch_to_the_handlers():
    parser = argparse.ArgumentParser(prog="boardmem")
    commands = parser.add_subparsers(dest="command", required=True)
    schedule_cli.add_schedule_parsers(commands, dt.date.fromisoformat)

    add = parser.parse_args(["schedule", "add", "2026-12-03", "10:00", "Sparkenhoe", "Room", "--body", BOARD])
    cancel = parser.parse_args(["schedule", "cancel", "3/12/2026"])

    assert (add.command, add.handler, add.venue, add.body) == (
        "schedule",
        schedule_cli.schedule_add,
        ["Sparkenhoe", "Room"],
        BOARD,
    )
    assert (cancel.handler, cancel.date) == (schedule_cli.schedule_cancel, DECEMBER)
    assert parser.parse_args(["schedule", "list", "--json"]).handler is schedule_cli.schedule_list
    assert parser.parse_args(["calendar"]).handler is schedule_cli.calendar
