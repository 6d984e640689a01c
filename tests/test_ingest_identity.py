"""A document is known by its content and its meetings, never by its file name: files that merely share a name
are kept side by side, and in a folder of uploads a new file replaces only an earlier one holding the same
meetings of the same board (a corrected version). Minutes read as items with no text are not stored."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from corpus.ingest import ingest_paths
from corpus.models import Document, Meeting


def minutes(day: str, topic: str, board: str = "Fenwick Vale Parish Council") -> str:
    return f"""Minutes of the meeting of {board} held on {day} at 7.00 pm in the Village Hall

Present: Councillor Ruth Pallister (Chair), Councillor Owen Tregear

1. Apologies for absence
Apologies were received from Councillor Dev Lamb.

2. {topic}
The Clerk reported on {topic.lower()}. It was resolved to act on it.
"""


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def meetings(engine) -> list[dt.date]:
    with Session(engine) as session:
        return sorted(m.date for m in session.exec(select(Meeting)))


def documents(engine) -> int:
    with Session(engine) as session:
        return len(session.exec(select(Document)).all())


def test_files_of_one_name_in_two_folders_are_two_documents(engine, tmp_path):
    march = write(tmp_path / "march" / "minutes.txt", minutes("31 March 2025", "Allotment water"))
    april = write(tmp_path / "april" / "minutes.txt", minutes("7 April 2025", "Bus shelter"))

    outcomes = ingest_paths(engine, [march.parent, april.parent])

    assert [o.status for o in outcomes] == ["added", "added"]
    assert meetings(engine) == [dt.date(2025, 3, 31), dt.date(2025, 4, 7)]


def test_an_upload_of_another_meeting_is_added_beside_the_earlier_one(engine, tmp_path):
    uploads = tmp_path / "uploads"
    ingest_paths(engine, [write(uploads / "a" / "minutes.txt", minutes("31 March 2025", "Allotment water"))])

    [outcome] = ingest_paths(
        engine, [write(uploads / "b" / "minutes.txt", minutes("7 April 2025", "Bus shelter"))], replaces_in=uploads
    )

    assert (outcome.status, outcome.replaced) == ("added", [])
    assert documents(engine) == 2


def test_an_upload_of_the_same_meeting_replaces_the_earlier_one_and_names_it(engine, tmp_path):
    uploads = tmp_path / "uploads"
    earlier = write(uploads / "a" / "minutes.txt", minutes("31 March 2025", "Allotment water"))
    ingest_paths(engine, [earlier])

    corrected = write(uploads / "b" / "minutes-v2.txt", minutes("31 March 2025", "Allotment water supply"))
    [outcome] = ingest_paths(engine, [corrected], replaces_in=uploads)

    assert outcome.status == "replaced"
    assert [str(r) for r in outcome.replaced] == ["minutes.txt (the minutes of 31 March 2025)"]
    assert outcome.to_json()["replaced"][0]["meetings"] == [{"date": "2025-03-31", "role": "minutes"}]
    assert documents(engine) == 1 and meetings(engine) == [dt.date(2025, 3, 31)]


def test_the_same_meeting_of_another_board_is_not_replaced(engine, tmp_path):
    uploads = tmp_path / "uploads"
    ingest_paths(engine, [write(uploads / "a" / "minutes.txt", minutes("31 March 2025", "Allotment water"))])

    other = minutes("31 March 2025", "Allotment water", board="Ashby Marsh Town Council")
    [outcome] = ingest_paths(engine, [write(uploads / "b" / "minutes.txt", other)], replaces_in=uploads)

    assert outcome.status == "added" and documents(engine) == 2


def test_only_documents_in_the_uploads_folder_are_replaced(engine, tmp_path):
    corpus_file = write(tmp_path / "corpus" / "minutes.txt", minutes("31 March 2025", "Allotment water"))
    ingest_paths(engine, [corpus_file])

    upload = write(tmp_path / "uploads" / "b" / "minutes.txt", minutes("31 March 2025", "Allotment water supply"))
    [outcome] = ingest_paths(engine, [upload], replaces_in=tmp_path / "uploads")

    assert outcome.status == "added" and documents(engine) == 2


def test_minutes_read_as_items_with_no_text_are_reported_as_a_poor_parse_and_not_stored(engine, tmp_path):
    bare = "Minutes of the meeting of Fenwick Vale Parish Council held on 31 March 2025\n\n"
    bare += "1. Apologies for absence\n\n2. Minutes of the last meeting\n\n3. Finance report\n"

    [outcome] = ingest_paths(engine, [write(tmp_path / "minutes.txt", bare)])

    assert outcome.status == "failed" and "poor parse" in outcome.message and "3 items" in outcome.message
    assert documents(engine) == 0


def test_an_upload_moved_on_disk_and_sent_again_under_another_name_replaces_it_once(engine, tmp_path):
    uploads = tmp_path / "uploads"
    text = minutes("31 March 2025", "Allotment water")
    earlier = write(uploads / "a" / "minutes.txt", text)
    ingest_paths(engine, [earlier])
    earlier.unlink()

    [outcome] = ingest_paths(engine, [write(uploads / "b" / "march.txt", text)], replaces_in=uploads)

    assert outcome.status == "replaced" and documents(engine) == 1
