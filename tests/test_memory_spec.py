"""The memory built from the bundled corpus holds what ../shared/eval/meetings.json states."""

import datetime as dt
import json

import pytest
from sqlmodel import Session

from corpus.browse import item_views, list_meetings, meetings_on
from tests.seeds import SEED_EVAL

SPEC_FILE = SEED_EVAL / "meetings.json"


@pytest.fixture(scope="module")
def spec():
    return json.loads(SPEC_FILE.read_text())


@pytest.fixture(scope="module")
def known(memory):
    with Session(memory) as session:
        return {view.date.isoformat(): view for view in list_meetings(session)}


def test_every_meeting_belongs_to_the_board(spec, known):
    assert {view.body for view in known.values()} == {spec["body"]}


def test_minuted_meetings_hold_their_minute_ranges_and_items(spec, known):
    for date, expected in spec["minuted"].items():
        view = known[date]
        assert view.status == "held", date
        if "minutes" in expected:
            first, last = expected["minutes"]
            assert view.minute_numbers == [str(n) for n in range(int(first), int(last) + 1)], date
        if "items_at_least" in expected:
            assert view.items >= expected["items_at_least"], date


def test_agenda_only_meetings_have_time_venue_and_agenda(spec, known):
    for date, expected in spec["agenda_only"].items():
        view = known[date]
        assert view.status == "scheduled"
        assert view.time.strftime("%H:%M") == expected["time"]
        assert expected["venue_contains"] in view.venue
        assert view.items == expected["agenda_items"]


def test_announced_meetings_are_known_with_their_time(spec, known):
    for date, time in spec["announced"].items():
        assert known[date].time.strftime("%H:%M") == time, date


def test_citations_name_the_meeting_the_text_records(memory):
    with Session(memory) as session:
        (meeting,) = meetings_on(session, dt.date(2019, 6, 14))
        views = item_views(session, meeting)
    assert views[8].citation == "Minute 9 · 14 June 2019 · LSCSB Performance Update - Quarter 4"
    assert views[8].source.startswith("003_")
