"""Ingest is per document, transactional and idempotent; bad files are reported, not stored."""

import datetime as dt
import shutil

from sqlmodel import Session, func, select

from corpus.ingest import ingest_file, ingest_paths, prune_missing
from corpus.manifest import Hints
from corpus.models import ActionLogEntry, Document, Item, Meeting, MeetingSource, Resolution
from corpus.store import open_engine
from tests.seeds import FIXTURES, seed

HARBOUR = FIXTURES / "harbour_town_2024-03-05.txt"


def count(engine, table):
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def snapshot(engine):
    return {t.__name__: count(engine, t) for t in (Document, Meeting, MeetingSource, Item, Resolution, ActionLogEntry)}


def test_the_same_bytes_again_change_nothing(engine):
    first = ingest_file(engine, HARBOUR)
    before = snapshot(engine)

    second = ingest_file(engine, HARBOUR)

    assert (first.status, second.status) == ("added", "unchanged")
    assert snapshot(engine) == before


def test_a_changed_file_replaces_what_it_said_before(engine, tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text(HARBOUR.read_text())
    ingest_file(engine, path)

    path.write_text(HARBOUR.read_text().replace("Anti-Social Behaviour on the Promenade", "Seafront Patrols"))
    outcome = ingest_file(engine, path)

    with Session(engine) as session:
        titles = session.exec(select(Item.title)).all()
    assert outcome.status == "replaced"
    assert "Seafront Patrols" in titles and "Anti-Social Behaviour on the Promenade" not in titles
    assert count(engine, Document) == 1


def test_a_meeting_only_a_replaced_version_announced_is_forgotten(engine, tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text(HARBOUR.read_text())
    ingest_file(engine, path)

    path.write_text(HARBOUR.read_text().replace("4 June 2024", "11 June 2024"))
    ingest_file(engine, path)

    with Session(engine) as session:
        dates = session.exec(select(Meeting.date).order_by(Meeting.date)).all()
    assert dates == [dt.date(2024, 3, 5), dt.date(2024, 6, 11)]


def test_the_same_content_under_another_path_is_skipped_as_a_duplicate(engine, tmp_path):
    copy = tmp_path / "copy.txt"
    shutil.copy(HARBOUR, copy)
    ingest_file(engine, HARBOUR)

    outcome = ingest_file(engine, copy)

    assert outcome.status == "duplicate" and str(HARBOUR.resolve()) in outcome.message
    assert count(engine, Document) == 1


def test_bad_files_are_reported_by_name_and_reason_and_write_nothing(engine, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.7\x00\x01\x02binary")
    prose = tmp_path / "letter.txt"
    prose.write_text("Dear resident,\n\nThank you for your letter about the bins.\n")
    undated = tmp_path / "undated.txt"
    undated.write_text("Minutes\n\n1. Apologies\n\nNone.\n\n2. Budget\n\nApproved.\n")

    outcomes = {o.path: o for o in ingest_paths(engine, [empty, binary, prose, undated], Hints(body="A Board"))}

    assert all(o.failed for o in outcomes.values())
    assert "empty" in outcomes[str(empty)].message
    assert "binary" in outcomes[str(binary)].message
    # Refused only for want of a date: with one, any text is read as minutes (the generic reader).
    assert "no meeting date" in outcomes[str(prose)].message
    assert "date" in outcomes[str(undated)].message
    assert all(path in outcome.message for path, outcome in outcomes.items())
    assert count(engine, Document) == 0 and count(engine, Meeting) == 0


def test_a_bad_file_does_not_stop_the_others(engine, tmp_path):
    folder = tmp_path / "corpus"  # apart from the test's database, which a scan would report as skipped
    folder.mkdir()
    empty = folder / "a_empty.txt"
    empty.write_text("")
    good = folder / "b_minutes.txt"
    shutil.copy(HARBOUR, good)

    outcomes = ingest_paths(engine, [folder])

    assert [o.status for o in outcomes] == ["failed", "added"]
    assert count(engine, Document) == 1


def test_a_missing_file_is_a_failure_not_a_crash(engine, tmp_path):
    outcome = ingest_file(engine, tmp_path / "nowhere.txt")

    assert outcome.failed and "nowhere.txt" in outcome.message


def test_command_line_hints_supply_a_date_and_board(engine):
    outcome = ingest_file(engine, seed("001"), Hints(body="Test Board", date=dt.date(2020, 6, 26)))

    assert outcome.status == "added" and outcome.meetings == [dt.date(2020, 6, 26)]


def test_minutes_and_agenda_of_8_june_2016_meet_in_one_meeting(memory):
    with Session(memory) as session:
        (meeting,) = session.exec(select(Meeting).where(Meeting.date == dt.date(2016, 6, 8))).all()
        sections = session.exec(select(Item.section).where(Item.meeting_id == meeting.id)).all()
    assert meeting.status == "held"
    assert sections.count("minutes") == 15 and sections.count("agenda") == 14 and sections.count("report") == 5


def test_announced_meetings_are_scheduled_with_their_time(memory):
    with Session(memory) as session:
        scheduled = {m.date: m.start_time for m in session.exec(select(Meeting).where(Meeting.status == "scheduled"))}
    assert scheduled[dt.date(2016, 9, 8)] == dt.time(10, 0)
    assert scheduled[dt.date(2020, 9, 25)] == dt.time(10, 0)


def test_the_action_log_rows_are_stored_against_the_meeting_they_were_presented_to(memory):
    with Session(memory) as session:
        rows = session.exec(select(ActionLogEntry, Meeting).where(ActionLogEntry.meeting_id == Meeting.id)).all()
    assert len(rows) == 5
    assert {meeting.date for _, meeting in rows} == {dt.date(2019, 9, 20)}
    assert all(entry.item_id is not None for entry, _ in rows)


def test_the_order_documents_arrive_in_does_not_change_a_meeting(tmp_path):
    forwards, backwards = (open_engine(f"sqlite:///{tmp_path / name}") for name in ("f.db", "b.db"))
    for engine, order in ((forwards, ("000", "004")), (backwards, ("004", "000"))):
        for prefix in order:
            ingest_file(engine, seed(prefix), Hints(body="Board"))

    def june_2016(engine):
        with Session(engine) as session:
            m = session.exec(select(Meeting).where(Meeting.date == dt.date(2016, 6, 8))).one()
            return (m.status, m.start_time, m.end_time, m.venue)

    assert (
        june_2016(forwards) == june_2016(backwards) == ("held", dt.time(10), dt.time(12, 15), "County Hall, Glenfield")
    )


def test_any_sqlalchemy_url_works_including_in_memory_sqlite():
    engine = open_engine("sqlite:///:memory:")

    ingest_file(engine, HARBOUR)

    assert count(engine, Item) == 6  # five minuted items, and the meeting's attendance list


def test_a_file_taken_out_of_the_corpus_folder_is_forgotten(engine, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(HARBOUR, corpus / "minutes.txt")
    ingest_paths(engine, [corpus])

    (corpus / "minutes.txt").unlink()
    outcomes = prune_missing(engine, [corpus])

    assert [o.status for o in outcomes] == ["removed"]
    assert snapshot(engine) == dict.fromkeys(snapshot(engine), 0)


def test_a_meeting_dated_by_weekday_day_and_month_falls_in_the_latest_such_year_before_it_is_read(engine, tmp_path):
    minutes = tmp_path / "committee.txt"
    minutes.write_text("Committee Meeting - Minutes\n\nDate: Tuesday 12th March\n\n1. Apologies\n\nNone.\n")
    read_on = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)

    outcome = ingest_file(engine, minutes, Hints(body="A Society"), now=lambda: read_on)

    assert not outcome.failed
    with Session(engine) as session:
        assert [m.date for m in session.exec(select(Meeting))] == [dt.date(2024, 3, 12)]
