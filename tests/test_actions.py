"""Follow-ups: extracted from the minutes and action logs, linked across meetings, updated by officers."""

import datetime as dt
import json

import pytest
from sqlmodel import Session, select

from corpus.followups.derive import refresh_actions
from corpus.followups.extract import ItemText, due_of, from_discussion, from_resolutions
from corpus.followups.owners import normalise_owner
from corpus.followups.updates import ActionError, record
from corpus.followups.views import list_actions
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
    # A commitment's log rows are part of its history: the log's words find it too.
    return any(expected["contains"] in text for text in [view.text, *(h.text for h in view.history)])


def logged_owner(view):
    return view.owner if any(h.kind == "action log" for h in view.history) else "no log"


def expected_follow_ups():
    path = SEED_EVAL / "actions.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_every_expected_follow_up_is_found_with_its_citation_and_owner(actions):
    missing = []
    for expected in expected_follow_ups():
        # A minute naming nobody and the log row naming its owner are one follow-up now, owned as the log says.
        found = [v for v in actions if matches(v, expected) and v.owner in (expected["owner"], logged_owner(v))]
        if "status" in expected:
            found = [v for v in found if v.rag == expected["status"]]
        if not found:
            missing.append(expected["id"])
    assert missing == []


def test_action_log_rows_keep_their_rag_word_and_map_it_to_a_status(actions):
    logged = {v.rag: v.status for v in actions if v.rag and v.state.endswith(f"({v.rag})")}

    assert logged == {"Red": "open", "Amber": "in progress", "Green": "done"}
    assert len([v for v in actions if any(h.kind == "action log" for h in v.history)]) == 5


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


def test_the_march_2016_harm_index_request_is_closed_by_the_june_minute_that_delivered_it(actions):
    (request,) = [a for a in actions if "Cambridge Crime Harm Index" in a.text]

    (closure,) = [h for h in request.history if h.kind == "closed"]
    assert request.source.citation == "Minute 69 · 17 March 2016 · Demand Management"
    assert closure.where.citation.startswith("Minute 85 · 8 June 2016") and closure.confidence >= 0.8
    assert request.status == "done" and request.closed_by == closure


def test_a_request_for_an_action_log_is_done_once_a_later_meeting_has_one(actions):
    (request,) = [a for a in actions if "Action Log be created" in a.text]

    assert request.status == "done"
    assert request.closed_by.where.citation == "Action log · 20 September 2019 · LSCSB Action Log"


def test_a_deferred_item_is_done_when_a_later_meeting_takes_it_up(actions):
    (deferred,) = [a for a in actions if "deferred until the next meeting" in a.text]

    assert deferred.status == "done"
    assert "Election of Deputy Chairman" in deferred.closed_by.where.citation


def test_a_weak_likeness_to_a_later_item_is_only_probably_done_for_an_officer_to_confirm(actions):
    (request,) = [a for a in actions if "probation developments" in a.text]

    (proposal,) = [h for h in request.history if h.kind == "proposed closure"]
    assert request.status == "probably done" and request.state == "probably done?"
    assert 0.45 <= proposal.confidence < 0.8 and request.closed_by is None


def test_a_minute_and_its_action_log_row_are_one_follow_up_with_the_logs_status(actions):
    (minute,) = [a for a in actions if "IOM & PPO" in a.text or "IOM" in " ".join(h.text for h in a.history)]

    assert (minute.status, minute.rag, minute.owner) == ("done", "Green", "Rik Basra")
    assert minute.kind == "agreed" and [h.kind for h in minute.history] == ["action log"]


def test_an_unnamed_resolution_takes_its_owner_from_the_newest_evidence(actions):
    (presentation,) = [a for a in actions if "tackle serious violence" in a.text]

    # The resolution asks "officers"; the minute's discussion names the partnerships; the log names a person.
    assert presentation.owner == "Sian Walls" and presentation.status == "in progress"
    assert {h.kind for h in presentation.history} == {"also minuted", "action log"}


def test_no_commitment_appears_twice(actions):
    logged = [a for a in actions if a.kind == "action_log"]

    # Five log rows, four of them tracking a request minuted on 14 June 2019: one follow-up each.
    assert len(logged) == 1 and "Prevent statistics" in logged[0].text
    assert len({a.text for a in actions}) == len(actions)


def test_owners_written_in_the_singular_and_the_plural_are_one_owner(actions):
    groups = {a.owner for a in actions if a.owner and "Senior Officer" in a.owner}

    assert groups == {"Senior Officers Group"}


def test_a_request_answered_in_the_same_sentence_is_not_a_follow_up(actions):
    assert not [a for a in actions if "nominations" in a.text]


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
    # The matter arising is a sub-item of minute 20 of its own, titled with the minute it returns to.
    assert mention.where.citation == "4 June 2024 · Parking (minute 10)"
    assert "two new wardens" in mention.text


def test_officer_updates_are_kept_with_who_and_when_and_survive_reingest(engine, tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text((FIXTURES / "harbour_town_2024-03-05.txt").read_text())
    ingest_paths(engine, [path])
    with Session(engine) as session:
        target = session.exec(select(Action).where(Action.owner == "Clerk")).one().ref
        record(session, target, "done", "letter sent 8 March", "telegram:9", NOW)
        session.commit()

    path.write_text(path.read_text().replace("112 reports", "113 reports"))
    ingest_file(engine, path)
    follow_up(engine)

    with Session(engine) as session:
        (view,) = [v for v in list_actions(session) if v.ref == target]
    assert view.status == "done"
    (update,) = [h for h in view.history if h.kind == "done"]
    assert (update.by, update.text) == ("telegram:9", "letter sent 8 March")


def test_an_update_to_an_unknown_action_is_refused_clearly(engine):
    with Session(engine) as session, pytest.raises(ActionError, match="no follow-up 240305-999"):
        record(session, "240305-999", "done", "", "cli", NOW)


def test_rederiving_twice_changes_nothing(memory):
    with Session(memory) as session:
        before = [(a.id, a.ref, a.key, a.status) for a in session.exec(select(Action).order_by(Action.id))]
        refresh_actions(session, NOW)
        after = [(a.id, a.ref, a.key, a.status) for a in session.exec(select(Action).order_by(Action.id))]
        session.rollback()
    assert before == after


def test_an_owner_named_by_first_name_is_matched_to_the_one_person_known_by_it():
    assert normalise_owner("James", ["James Fox", "Rik Basra"]) == "James Fox"
    assert normalise_owner("Chris", ["Chris Brown", "Chris Thomas"]) == "Chris"
    assert normalise_owner("Spt Sian Walls", ["Superintendent Sian Walls"]) == "Sian Walls"
    assert normalise_owner("Bill Knopp Leicestershire Police") == "Bill Knopp"
    assert normalise_owner("officers") is None


def test_an_owner_named_by_a_chat_handle_is_the_name_behind_it():
    assert normalise_owner("@ola", ["Ola Reyes", "Sam Lee"]) == "Ola Reyes"
    assert normalise_owner("@ola/@sam") == "ola/sam"


def test_a_clause_caught_before_the_verb_is_no_owner():
    assert normalise_owner("bench by the pond needs painting and the Parks Team from the county") is None
    assert normalise_owner("Chief Executive of the Northshire Community Safety Partnership") is not None


def test_initials_are_matched_to_the_one_person_at_the_meeting_who_has_them():
    assert normalise_owner("TW", ["Cllr Ada Lowe", "Tessa Wren"]) == "Tessa Wren"
    assert normalise_owner("AL", ["Ada Lowe", "Alan Lyle"]) == "AL"
    # Among everyone a board has ever met, initials could be anyone's.
    assert normalise_owner("TW", ["Tessa Wren"], initials=False) == "TW"


def test_a_parish_style_request_names_its_doer_the_clerk_attendance_names_and_its_month(engine):
    ingest_paths(engine, [FIXTURES / "northbrook_parish_2024-02-12.txt"])

    with Session(engine) as session:
        (quotes,) = [a for a in list_actions(session) if "three quotes" in a.text]
    # "That the Clerk obtain three quotes …", and attendance lists "Mrs K Lee (Clerk)".
    assert (quotes.owner, quotes.due) == ("K Lee", "2024-03-11")
    assert quotes.source.citation == "Minute 24/019 · 12 February 2024 · Finance"


def test_an_edited_sentence_keeps_its_follow_up_id_status_and_officer_updates(engine, tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text((FIXTURES / "harbour_town_2024-03-05.txt").read_text())
    ingest_paths(engine, [path])
    with Session(engine) as session:
        target = session.exec(select(Action).where(Action.text.contains("youth bus"))).one().ref
        record(session, target, "done", "letter sent 8 March", "telegram:9", NOW)
        session.commit()

    path.write_text(path.read_text().replace("the County Council", "the Country Council"))  # one letter
    ingest_paths(engine, [path])

    with Session(engine) as session:
        (view,) = [v for v in list_actions(session) if "youth bus" in v.text]
    assert (view.ref, view.status) == (target, "done") and "Country Council" in view.text
    assert [(h.kind, h.by) for h in view.history if h.kind == "done"] == [("done", "telegram:9")]


def test_an_owner_written_with_a_title_and_initials_is_the_person_not_the_words_before_agreed():
    item = ItemText(1, 1, dt.date(2024, 3, 5), "Mr. J. Smith agreed to write to the highways authority.")

    (found,) = from_discussion(item)

    assert found.owner_raw == "Mr. J. Smith"
    assert normalise_owner(found.owner_raw, ["Mr J. Smith", "Cllr A. Jones"]) == "J. Smith"


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("Clerk to write to the highways authority about the verge.", "Clerk"),
        ("ACTION: Cllr A. Lee to contact the school about parking.", "Cllr A. Lee"),
        ("Staff will bring back a report on the fees in March.", "Staff"),
        ("The new clerk to include the vacancy in her newsletter.", "The new clerk"),
        ("Millennium Wood is in a poor state – TD & AV to inspect", "TD & AV"),
        ("Resolved – to contact the school about a joint letter to residents – AV to action", "AV"),
        ("The Chair stated that she would set out her amendments in an email to the Clerk.", "Chair"),
        ("In the meantime Wicksteed asked to quote for repair to the wetpour.", "Wicksteed"),
        ("Agreed – that CSW should write to the Police Commissioner", "CSW"),
    ],
)
def test_a_doer_and_a_task_is_a_follow_up_owned_by_the_doer(sentence, owner):
    (found,) = from_discussion(ItemText(1, 1, dt.date(2024, 3, 5), sentence))

    assert found.owner_raw == owner


@pytest.mark.parametrize(
    "sentence",
    [
        "The Chair advised that she had agreed to an item of urgent business.",  # consent, not a task
        "Members agreed to the proposal from the working group.",
        "Cllr Lee to look at the cost of flagpoles – completed, options circulated.",  # an old task, reported done
        "Members to note the report.",
        "The Clerk requested that two items be added to the agenda.",  # this meeting's agenda
        "It was agreed to transfer £12000 from the deposit account.",  # the decision itself
        "(b) That the Board agreed to allocate funding towards the post.",
        "Proposed by Cllr Lee, seconded by Cllr Hart and agreed to confirm the minutes.",
        "The Cabinet Secretary agreed that the next couple of meetings should follow a similar format.",
        "Ten projects were to be implemented in the coming months.",
        "Information was requested on the Closed Circuit Television scheme – completed.",
    ],
)
def test_what_is_done_in_the_room_is_not_a_follow_up(sentence):
    assert from_discussion(ItemText(1, 1, dt.date(2024, 3, 5), sentence)) == []


def test_an_item_considered_later_is_a_follow_up_but_one_considered_tonight_is_not():
    later = ItemText(1, 1, dt.date(2024, 3, 5), "", (("", "That the item be considered at the next meeting"),))
    tonight = ItemText(1, 1, dt.date(2024, 3, 5), "", (("", "That the urgent item be considered"),))

    assert len(from_resolutions(later)) == 1 and from_resolutions(tonight) == []


@pytest.mark.parametrize(
    ("words", "due"),
    [
        ("in 6 months time", dt.date(2024, 9, 5)),
        ("within two weeks", dt.date(2024, 3, 19)),
        ("in a month", dt.date(2024, 4, 5)),
    ],
)
def test_a_time_from_now_in_words_or_figures_is_a_due_date(words, due):
    assert due_of(f"That a further update be provided {words}", dt.date(2024, 3, 5)).date == due


def test_the_next_sitting_of_a_standing_item_does_not_close_what_was_asked_under_it(engine, tmp_path):
    first = tmp_path / "march.txt"
    first.write_text(
        "Minutes of a meeting of the Test Board held at Town Hall on 5 March 2024.\n\n"
        "10. Highways Update\n\nCllr A. Lee agreed to contact the highways authority about potholes on Mill Lane.\n"
    )
    second = tmp_path / "june.txt"
    second.write_text(
        "Minutes of a meeting of the Test Board held at Town Hall on 4 June 2024.\n\n"
        "20. Highways Update\n\nThe highways authority had resurfaced the car park.\n"
    )
    ingest_paths(engine, [first, second])

    with Session(engine) as session:
        (potholes,) = list_actions(session)
    assert potholes.status == "open" and potholes.owner == "A. Lee"


@pytest.mark.parametrize(
    "sentence",
    [
        "The Board self-evaluation will be discussed at the November board meeting.",
        "The matter is to be placed on the next agenda for consideration.",
        "In the meantime the leaves to be swept.",
        "Information was requested on the timescale for the new cameras.",
        "The Board requested options for the drainage.",
        "13 To discuss church clock battery back up:- Defer.",
        "That scoping reports on both suggestions be brought to a future meeting.",
    ],
)
def test_tasks_in_the_shorthand_of_minutes_are_follow_ups(sentence):
    assert len(from_discussion(ItemText(1, 1, dt.date(2024, 3, 5), sentence))) == 1


def test_an_action_list_run_into_one_line_is_read_entry_by_entry():
    text = "BE to sign the code of conduct - in progress SH and RE SH to progress councillor training"

    found = from_discussion(ItemText(1, 1, dt.date(2024, 3, 5), text))

    assert [f.owner_raw for f in found] == ["BE", "SH"]


def test_a_deferral_written_into_the_heading_is_a_follow_up():
    item = ItemText(1, 1, dt.date(2024, 3, 5), "", (), "To discuss new play equipment: Defer until the grant is known")

    (found,) = from_discussion(item)

    assert "play equipment" in found.text


def test_a_first_name_alone_is_never_matched_to_a_namesake_on_another_board(engine, tmp_path):
    parish = tmp_path / "parish.txt"
    parish.write_text(
        "Elmfield Parish Council\nMinutes of the meeting held on 3 March 2024\n\n"
        "Present: Cllr Richard Stone (Chair), Cllr Ann Lee\n\n"
        "1. Apologies\nNone were received.\n\n2. Benches\nCllr Lee to order two new benches for the green.\n"
    )
    club = tmp_path / "club.txt"
    club.write_text(
        "Harbour Rowing Club Committee\nNotes of the meeting, 5 March 2024\n\n"
        "1. Boathouse\nThe roof leaks again and it was agreed to mend it. Richard to book the roofer for April.\n\n"
        "2. Regatta\nEntries close at the end of the month.\n"
    )
    ingest_paths(engine, [parish, club])

    with Session(engine) as session:
        (roofer,) = [a for a in list_actions(session) if "roofer" in a.text]
    assert roofer.owner == "Richard"


def test_a_word_that_opens_a_task_is_no_owner():
    assert normalise_owner("Need") is None
    assert normalise_owner("Contact Omar") is None
    assert normalise_owner("Due") is None
    assert normalise_owner("Dana Ruiz") == "Dana Ruiz"


def test_an_owner_read_across_a_sentence_end_or_after_both_is_the_one_named():
    assert normalise_owner("the Association. The Chair") == "Chair"
    assert normalise_owner("Both Hale and Oduya") == "Hale and Oduya"
    assert normalise_owner("Cllr. R. Okafor") == "R. Okafor"
