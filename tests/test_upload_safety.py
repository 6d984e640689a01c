"""Uploads lose nothing: an upload is known by its content and its meeting, never its file name; uploads wait
their turn (and say so) instead of being refused; a long one shows how far it has got; nothing of an upload
that is not added is kept. The real bot against the loopback fake Bot API, which serves getFile and downloads."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import re
import resource
import threading
import time

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from sqlmodel import Session, select

from bot.uploads import uploads_dir
from corpus.backup import backup_database, restore_database
from corpus.lock import writing
from corpus.models import Meeting
from tests.bot_harness import bot_config as allowlisted
from tests.bot_harness import serve
from tests.load_uploads import nested_page, paged_minutes, zip_bomb

OFFICER, OTHER_OFFICER, MEMBER = 9, 8, 1
NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def bot_config(service, fake):
    return allowlisted(service, fake, members=[MEMBER], officers=[OFFICER, OTHER_OFFICER], chats=[])


def minutes(day: str, topic: str, decision: str, board: str = "Fenwick Vale Parish Council") -> bytes:
    """Plain numbered minutes of one meeting, as a clerk would type them."""
    return f"""{board.upper()}

Minutes of the meeting of {board} held on {day} at 7.00 pm in the Village Hall

Present: Councillor Ruth Pallister (Chair), Councillor Owen Tregear, Councillor Hana Moss

1. Apologies for absence
Apologies were received from Councillor Dev Lamb.

2. {topic}
The Clerk reported on {topic.lower()}. {decision}

3. Date of next meeting
The next meeting will be held in the Village Hall.
""".encode()


def as_pdf(text: bytes) -> bytes:
    """The same minutes as a one-page PDF, a line of text a line of the page."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    y = 800
    for line in text.decode().splitlines():
        pdf.drawString(60, y, line)
        y -= 16
    pdf.save()
    return buffer.getvalue()


MARCH = minutes("31 March 2025", "Allotment water supply", "It was resolved to fit a new standpipe at the allotments.")
APRIL = minutes("7 April 2025", "Bus shelter glazing", "It was resolved to replace the cracked bus shelter panes.")


def run(bot_config, scenario):
    config, service = bot_config
    assert serve(config, service, scenario, NOW, post_init=False) == []


def meeting_dates(bot_config) -> list[str]:
    with Session(bot_config[1].engine) as session:
        return sorted(m.date.isoformat() for m in session.exec(select(Meeting)) if m.date.year == 2025)


def kept_files(bot_config) -> list[str]:
    folder = uploads_dir(bot_config[0])
    return sorted(p.name for p in folder.rglob("*") if p.is_file() and ".incoming" not in p.parts)


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def texts(fake) -> list[str]:
    """What the bot said and edited, as the officer reads it."""
    return [plain(m["text"]) for m in fake.sent] + [plain(m["text"]) for m in fake.edited]


def test_two_officers_minutes_of_one_name_for_different_meetings_both_stay(bot_config, fake):
    async def scenario(app):
        fake.push_document(content=MARCH, file_name="minutes.txt", user_id=OFFICER)
        await fake.wait_for_sent(1, timeout=60)
        fake.push_document(content=APRIL, file_name="minutes.txt", user_id=OTHER_OFFICER)
        await fake.wait_for_sent(2, timeout=60)
        fake.push_message("What did we resolve about the allotment standpipe?", user_id=MEMBER)
        await fake.wait_for_sent(3, timeout=30)

    run(bot_config, scenario)

    assert fake.sent[0]["text"].startswith("Added: minutes.txt") and "31 March 2025" in fake.sent[0]["text"]
    assert fake.sent[1]["text"].startswith("Added: minutes.txt") and "7 April 2025" in fake.sent[1]["text"]
    assert meeting_dates(bot_config) == ["2025-03-31", "2025-04-07"]
    assert "31 March 2025" in fake.sent[2]["text"] and "standpipe" in fake.sent[2]["text"]
    assert kept_files(bot_config) == ["minutes.txt", "minutes.txt"]


def test_same_named_pdfs_sent_at_once_are_queued_and_both_kept(bot_config, fake):
    async def scenario(app):
        fake.push_document(content=as_pdf(MARCH), file_name="minutes.pdf", user_id=OFFICER)
        fake.push_document(content=as_pdf(APRIL), file_name="minutes.pdf", user_id=OTHER_OFFICER)
        await fake.wait_for(lambda: sum(t.startswith("Added") for t in texts(fake)) == 2, timeout=60)

    run(bot_config, scenario)

    assert meeting_dates(bot_config) == ["2025-03-31", "2025-04-07"]
    assert any("queued (next)" in text for text in texts(fake))  # the second officer is told their place


def test_a_corrected_version_replaces_only_its_own_meeting_and_says_which(bot_config, fake):
    corrected = MARCH.replace(b"a new standpipe", b"two new standpipes")

    async def scenario(app):
        for count, content in enumerate((MARCH, APRIL, corrected), start=1):
            fake.push_document(content=content, file_name="minutes.txt", user_id=OFFICER)
            await fake.wait_for_sent(count, timeout=60)
        fake.push_message("What did we resolve about the allotment standpipes?", user_id=MEMBER)
        await fake.wait_for_sent(4, timeout=30)

    run(bot_config, scenario)

    report = fake.sent[2]["text"]
    assert report.startswith("Replaced: minutes.txt")
    assert "It replaces the earlier upload minutes.txt (the minutes of 31 March 2025)" in report
    assert meeting_dates(bot_config) == ["2025-03-31", "2025-04-07"]
    assert "two new standpipes" in fake.sent[3]["text"]
    assert kept_files(bot_config) == ["minutes.txt", "minutes.txt"]  # the superseded file is gone


def test_an_upload_that_is_not_added_leaves_nothing_behind_and_the_earlier_one_stays(bot_config, fake):
    async def scenario(app):
        fake.push_document(content=MARCH, file_name="minutes.txt", user_id=OFFICER)
        await fake.wait_for_sent(1, timeout=60)
        fake.push_document(content=b"   ", file_name="minutes.txt", user_id=OFFICER)
        await fake.wait_for_sent(2, timeout=60)

    run(bot_config, scenario)

    assert fake.sent[1]["text"].startswith("Not added: ")
    assert meeting_dates(bot_config) == ["2025-03-31"]
    assert kept_files(bot_config) == ["minutes.txt"]
    assert list((uploads_dir(bot_config[0]) / ".incoming").iterdir()) == []


def test_an_upload_waits_for_another_ingest_instead_of_being_refused_and_names_no_server_detail(bot_config, fake):
    config, service = bot_config
    released = threading.Event()

    def other_ingest() -> None:
        with writing(service.engine):
            released.wait(30)

    async def scenario(app):
        app.bot_data["parts"].uploads.progress_seconds = 0.2
        holder = threading.Thread(target=other_ingest)
        holder.start()
        await asyncio.sleep(0.3)
        fake.push_document(content=MARCH, file_name="minutes.txt", user_id=OFFICER)
        await fake.wait_for(lambda: any("waits for another ingest" in t for t in texts(fake)), timeout=30)
        released.set()
        await fake.wait_for(lambda: any(t.startswith("Added") for t in texts(fake)), timeout=60)
        holder.join()

    run(bot_config, scenario)

    assert meeting_dates(bot_config) == ["2025-03-31"]
    shown = "\n".join(texts(fake))
    assert str(config.data_dir) not in shown and "boardmem.db" not in shown
    assert not re.search(r"process \d+", shown)


def test_a_long_document_shows_how_far_the_reading_has_got_in_one_edited_message(bot_config, fake):
    async def scenario(app):
        app.bot_data["parts"].uploads.progress_seconds = 0.2
        fake.push_document(content=paged_minutes(80), file_name="pack.pdf", user_id=OFFICER)
        await fake.wait_for(lambda: any(t.startswith("Added: pack.pdf") for t in texts(fake)), timeout=120)

    run(bot_config, scenario)

    status = [plain(m["text"]) for m in fake.sent if plain(m["text"]).startswith("Reading pack.pdf")]
    assert len(status) == 1  # one status message, edited as the reading goes on
    final = [m for m in fake.bot_messages if plain(m["text"]).startswith("Read pack.pdf in ")]
    assert len(final) == 1
    edits = [plain(m["text"]) for m in fake.edited if m["message_id"] == final[0]["message_id"]]
    assert any(re.search(r"page \d+ of 80", text) for text in [status[0], *edits])


def test_questions_are_answered_while_an_upload_is_read(bot_config, fake):
    answered: list[float] = []

    async def scenario(app):
        app.bot_data["parts"].uploads.progress_seconds = 0.2
        fake.push_document(content=paged_minutes(80), file_name="pack.pdf", user_id=OFFICER)
        await fake.wait_for(lambda: any(t.startswith("Reading pack.pdf") for t in texts(fake)), timeout=60)
        asked = time.monotonic()
        before = len(fake.sent)
        fake.push_message("/help", user_id=MEMBER)
        await fake.wait_for(lambda: any("/ask" in m["text"] for m in fake.sent[before:]), timeout=30)
        answered.append(time.monotonic() - asked)
        await fake.wait_for(lambda: any(t.startswith("Added: pack.pdf") for t in texts(fake)), timeout=120)

    run(bot_config, scenario)

    assert answered[0] < 2.0


def test_a_slash_alone_gets_an_answer_not_an_apology(bot_config, fake):
    async def scenario(app):
        fake.push_message("/", user_id=MEMBER)
        await fake.wait_for_sent(1)

    run(bot_config, scenario)

    assert "went wrong" not in fake.sent[0]["text"]


def test_a_zip_bomb_is_refused_with_the_limit_named_while_questions_are_answered(bot_config, fake):
    bomb = zip_bomb(300)
    grew: list[int] = []

    async def scenario(app):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        fake.push_document(content=bomb, file_name="minutes.docx", user_id=OFFICER)
        fake.push_message("/help", user_id=MEMBER)
        await fake.wait_for(lambda: any(t.startswith("Not added") for t in texts(fake)), timeout=60)
        grew.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak)

    run(bot_config, scenario)

    refusal = next(t for t in texts(fake) if t.startswith("Not added"))
    assert "max_unpacked_mb" in refusal and "minutes.docx" in refusal
    assert any("/ask" in t for t in texts(fake))  # the member was answered
    assert grew[0] < 200 * 1024  # KiB: the bot never expanded it
    assert kept_files(bot_config) == []


def test_a_page_nested_a_hundred_thousand_deep_is_refused_with_the_limit_named(bot_config, fake):
    async def scenario(app):
        fake.push_document(content=nested_page(100_000), file_name="minutes.html", user_id=OFFICER)
        await fake.wait_for_sent(1, timeout=60)

    run(bot_config, scenario)

    assert texts(fake)[0].startswith("Not added") and "max_html_depth" in texts(fake)[0]
    assert kept_files(bot_config) == []


def test_after_a_restore_under_the_running_bot_answers_come_from_the_restored_memory(bot_config, fake, tmp_path):
    config, _ = bot_config
    before = backup_database(config.resolved_database_url, tmp_path / "before-upload.db")
    question = "What did we resolve about the allotment standpipe?"

    async def scenario(app):
        fake.push_document(content=MARCH, file_name="minutes.txt", user_id=OFFICER)
        await fake.wait_for_sent(1, timeout=60)
        fake.push_message(question, user_id=MEMBER)
        await fake.wait_for_sent(2, timeout=30)
        await asyncio.to_thread(restore_database, config.resolved_database_url, before)
        fake.push_message(question, user_id=MEMBER)
        await fake.wait_for_sent(3, timeout=60)

    run(bot_config, scenario)

    assert "31 March 2025" in fake.sent[1]["text"]
    assert "31 March 2025" not in fake.sent[2]["text"]  # no citation of a meeting the memory no longer holds
