"""Follow-ups: extracted from the minutes and action logs, linked across meetings, updated by officers."""

import datetime as dt
import json

import pytest
from sqlmodel import Session, select

from corpus.action_views import list_actions
from corpus.actions import ItemText, from_resolutions
from corpus.followups import ActionError, record, refresh_actions
from corpus.ingest import follow_up, ingest_file, ingest_paths
from corpus.models import Action, Resolution
from tests.seeds import FIXTURES, SEED_EVAL

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def actions(memory):
    with Session(memory) as session:
        return list_actions(session)


def matches(view, expected):
    source = expected["source"]
    if view.source.meeting_date.isoformat() != source["date"]:
        return False
    if "minute" in source and view.source.minute != source["minute"]:
        return False
    if "title" in source and source["title"].lower() not in (view.source.item_title or "").lower():
        return False
    return expected["contains"] in view.text


def expected_follow_ups():
    path = SEED_EVAL / "actions.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_every_expected_follow_up_is_found_with_its_citation_and_owner(actions):
    missing = []
    for expected in expected_follow_ups():
        found = [v for v in actions if matches(v, expected) and v.owner == expected["owner"]]
        if "status" in expected:
            found = [v for v in found if v.rag == expected["status"]]
        if not found:
            missing.append(expected["id"])
    assert missing == []


def test_action_log_rows_keep_their_rag_word_and_map_it_to_a_status(actions):
    logged = {v.rag: v.status for v in actions if v.kind == "action_log"}

    assert logged == {"Red": "open", "Amber": "in progress", "Green": "done"}
    assert len([v for v in actions if v.kind == "action_log"]) == 5


def test_a_resolution_that_only_notes_is_never_an_action(memory):
    with Session(memory) as session:
        noted = [r.text for r in session.exec(select(Resolution)) if r.text.rstrip(".").endswith("noted")]
        texts = [a.text for a in session.exec(select(Action))]
    assert noted and not [t for t in texts if any(n in t for n in noted)]


def test_requests_deferrals_and_further_updates_are_actions():
    item = ItemText(
        1,
        1,
        dt.date(2024, 3, 5),
        "",
        (
            ("(a)", "That the report be noted"),
            ("(b)", "That the Chief Executive be requested to circulate the figures"),
            ("(c)", "That a further update be provided at the next meeting"),
            ("(d)", "That the item be deferred for consideration by the Board on 4 June 2024"),
        ),
    )

    found = from_resolutions(item)

    assert [f.text[:3] for f in found] == ["(b)", "(c)", "(d)"]
    assert found[0].owner_raw == "the Chief Executive"
    assert found[1].due.next_meeting and found[2].due.date == dt.date(2024, 6, 4)


def test_the_march_2016_harm_index_request_is_linked_to_the_june_minute_that_delivered_it(actions):
    (request,) = [a for a in actions if "Cambridge Crime Harm Index" in a.text]

    (closure,) = [h for h in request.history if h.kind == "proposed closure"]
    assert request.source.citation == "Minute 69 · 17 March 2016 · Demand Management"
    assert closure.where.citation.startswith("Minute 85 · 8 June 2016") and closure.confidence >= 0.5
    assert request.status == "open"  # a proposal, not a verdict


def test_a_minute_and_its_action_log_row_share_the_logs_status(actions):
    (minute,) = [a for a in actions if a.kind == "agreed" and "IOM & PPO" in a.text]

    assert (minute.status, minute.rag, minute.owner) == ("done", "Green", "Rik Basra")
    assert any(h.kind == "action log" for h in minute.history)


def test_matters_arising_links_back_to_the_earlier_minutes_actions(engine, tmp_path):
    first = tmp_path / "march.txt"
    first.write_text(
        "Minutes of a meeting of the Test Board held at Town Hall on 5 March 2024.\n\n"
        "10. Parking.\n\nMembers discussed parking.\n\nRESOLVED:\n\n"
        "That the Highways Manager be requested to report on parking enforcement to the next meeting.\n"
    )
    second = tmp_path / "june.txt"
    second.write_text(
        "Minutes of a meeting of the Test Board held at Town Hall on 4 June 2024.\n\n"
        "20. Matters arising\n\nParking (minute 10)\n\n"
        "The Highways Manager reported that two new wardens had started.\n"
    )
    ingest_paths(engine, [first, second])

    with Session(engine) as session:
        (action,) = list_actions(session)
    (mention,) = [h for h in action.history if h.kind == "matters arising"]
    assert action.owner == "Highways Manager" and action.due == "next meeting (2024-06-04)"
    assert mention.where.citation == "Minute 20 · 4 June 2024 · Matters arising"
    assert "two new wardens" in mention.text


def test_officer_updates_are_kept_with_who_and_when_and_survive_reingest(engine, tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text((FIXTURES / "harbour_town_2024-03-05.txt").read_text())
    ingest_paths(engine, [path])
    with Session(engine) as session:
        target = session.exec(select(Action).where(Action.owner == "Clerk")).one().id
        record(session, target, "done", "letter sent 8 March", "telegram:9", NOW)
        session.commit()

    path.write_text(path.read_text().replace("112 reports", "113 reports"))
    ingest_file(engine, path)
    follow_up(engine)

    with Session(engine) as session:
        (view,) = [v for v in list_actions(session) if v.id == target]
    assert view.status == "done"
    (update,) = [h for h in view.history if h.kind == "done"]
    assert (update.by, update.text) == ("telegram:9", "letter sent 8 March")


def test_an_update_to_an_unknown_action_is_refused_clearly(engine):
    with Session(engine) as session, pytest.raises(ActionError, match="no action 999"):
        record(session, 999, "done", "", "cli", NOW)


def test_rederiving_twice_changes_nothing(memory):
    with Session(memory) as session:
        before = [(a.id, a.key, a.status) for a in session.exec(select(Action).order_by(Action.id))]
        refresh_actions(session, NOW)
        after = [(a.id, a.key, a.status) for a in session.exec(select(Action).order_by(Action.id))]
        session.rollback()
    assert before == after


def test_an_owner_named_by_first_name_is_matched_to_the_one_person_known_by_it():
    from corpus.owners import normalise_owner

    assert normalise_owner("James", ["James Fox", "Rik Basra"]) == "James Fox"
    assert normalise_owner("Chris", ["Chris Brown", "Chris Thomas"]) == "Chris"
    assert normalise_owner("Spt Sian Walls", ["Superintendent Sian Walls"]) == "Sian Walls"
    assert normalise_owner("Bill Knopp Leicestershire Police") == "Bill Knopp"
    assert normalise_owner("officers") is None


def test_a_parish_style_request_names_its_doer_and_its_month(engine):
    ingest_paths(engine, [FIXTURES / "northbrook_parish_2024-02-12.txt"])

    with Session(engine) as session:
        (quotes,) = [a for a in list_actions(session) if "three quotes" in a.text]
    assert (quotes.owner, quotes.due) == ("Clerk", "2024-03-11")
    assert quotes.source.citation == "Minute 24/019 · 12 February 2024 · Finance"


def test_an_edited_sentence_keeps_its_follow_up_id_status_and_officer_updates(engine, tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text((FIXTURES / "harbour_town_2024-03-05.txt").read_text())
    ingest_paths(engine, [path])
    with Session(engine) as session:
        target = session.exec(select(Action).where(Action.text.contains("youth bus"))).one().id
        record(session, target, "done", "letter sent 8 March", "telegram:9", NOW)
        session.commit()

    path.write_text(path.read_text().replace("the County Council", "the Country Council"))  # one letter
    ingest_paths(engine, [path])

    with Session(engine) as session:
        (view,) = [v for v in list_actions(session) if "youth bus" in v.text]
    assert (view.id, view.status) == (target, "done") and "Country Council" in view.text
    assert [(h.kind, h.by) for h in view.history if h.kind == "done"] == [("done", "telegram:9")]
