"""Officers send the bot minutes: downloaded from the fake Bot API, ingested, answered with the parse report,
and questions find them at once. Everyone else, and anything unreadable, gets a clear word and no harm."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from bot.access import Role
from bot.uploads import (
    BOT_API_DOWNLOAD_LIMIT,
    OFFICERS_ONLY,
    PRIVATE_ONLY,
    Upload,
    for_chat,
    refusal,
    shown_name,
    upload_limit,
    uploads_dir,
)
from corpus.ingest import MEGABYTE
from tests.bot_harness import bot_config as allowlisted
from tests.bot_harness import serve

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
MEMBER, OFFICER, GROUP = 1, 9, -100
HARBOUR = Path(__file__).parent / "fixtures" / "harbour_town_2024-03-05.txt"


@pytest.fixture
def bot_config(service, fake):
    return allowlisted(service, fake, members=[MEMBER], officers=[OFFICER], chats=[GROUP])


def run(bot_config, scenario):
    config, service = bot_config
    errors = serve(config, service, scenario, NOW, post_init=False)
    assert errors == []


def sends_and_waits(fake, count=1, **document):
    async def scenario(app):
        fake.push_document(**document)
        await fake.wait_for_sent(count, timeout=60)

    return scenario


def test_an_officers_minutes_are_ingested_and_the_parse_report_comes_back(bot_config, fake):
    scenario = sends_and_waits(fake, content=HARBOUR.read_bytes(), file_name="harbour.txt", user_id=OFFICER)

    run(bot_config, scenario)

    report = fake.sent[0]["text"]
    assert report.startswith("Added: harbour.txt (")
    assert "items" in report and "5 March 2024" in report
    assert str(uploads_dir(bot_config[0])) not in report  # no server paths in the chat


def test_uploaded_minutes_answer_questions_without_a_restart(bot_config, fake):
    async def scenario(app):
        fake.push_document(content=HARBOUR.read_bytes(), file_name="harbour.txt", user_id=OFFICER)
        await fake.wait_for_sent(1, timeout=60)
        fake.push_message("Anti-social behaviour on the Promenade in Harbour Town", user_id=MEMBER)
        await fake.wait_for_sent(2)

    run(bot_config, scenario)

    assert "Minute 48/24 · 5 March 2024 · Anti-Social Behaviour on the Promenade" in fake.sent[1]["text"]


def test_the_same_file_again_changes_nothing(bot_config, fake):
    async def scenario(app):
        for count in (1, 2):
            fake.push_document(content=HARBOUR.read_bytes(), file_name="harbour.txt", user_id=OFFICER)
            await fake.wait_for_sent(count, timeout=60)

    run(bot_config, scenario)

    assert fake.sent[1]["text"].startswith("Unchanged: harbour.txt")


def test_a_member_is_told_only_officers_add_documents(bot_config, fake):
    run(bot_config, sends_and_waits(fake, content=HARBOUR.read_bytes(), file_name="harbour.txt", user_id=MEMBER))

    assert OFFICERS_ONLY in fake.sent[0]["text"]
    assert not any(method == "getFile" for method, _ in fake.calls)


def test_a_document_shared_in_a_group_is_left_to_the_group(bot_config, fake):
    async def scenario(app):
        fake.push_document(
            content=HARBOUR.read_bytes(), file_name="harbour.txt", user_id=OFFICER, chat_id=GROUP, chat_type="group"
        )
        await asyncio.sleep(0.5)

    run(bot_config, scenario)

    assert fake.sent == []


def test_an_officer_who_sends_the_bot_a_document_in_a_group_is_asked_to_send_it_privately(bot_config, fake):
    mention = "@board_memory_bot"
    document = {
        "content": HARBOUR.read_bytes(),
        "file_name": "harbour.txt",
        "user_id": OFFICER,
        "chat_id": GROUP,
        "chat_type": "supergroup",
        "caption": mention,
        "caption_entities": [{"type": "mention", "offset": 0, "length": len(mention)}],
    }

    run(bot_config, sends_and_waits(fake, **document))

    assert PRIVATE_ONLY in fake.sent[0]["text"]


def test_a_file_over_the_download_limit_is_refused_before_it_is_fetched(bot_config, fake):
    scenario = sends_and_waits(
        fake, content=b"small really", file_name="pack.pdf", user_id=OFFICER, file_size=21 * MEGABYTE
    )

    run(bot_config, scenario)

    assert "21.0 MB" in fake.sent[0]["text"] and "up to 20 MB" in fake.sent[0]["text"]
    assert not any(method == "getFile" for method, _ in fake.calls)


def test_a_format_it_cannot_read_is_refused_with_what_to_do(bot_config, fake):
    run(bot_config, sends_and_waits(fake, content=b"\xd0\xcf\x11\xe0", file_name="minutes.doc", user_id=OFFICER))

    assert "save it as .docx" in fake.sent[0]["text"]


def test_a_broken_pdf_is_reported_and_the_bot_carries_on(bot_config, fake):
    async def scenario(app):
        fake.push_document(content=b"%PDF-1.4 this is not really a pdf", file_name="broken.pdf", user_id=OFFICER)
        await fake.wait_for_sent(1, timeout=60)
        fake.push_message("/help", user_id=MEMBER)
        await fake.wait_for_sent(2)

    run(bot_config, scenario)

    assert fake.sent[0]["text"].startswith("Not added: ")
    assert "broken.pdf" in fake.sent[0]["text"]
    assert "/ask" in fake.sent[1]["text"]


def test_the_limit_is_the_bot_apis_or_the_document_cap_whichever_is_less(bot_config):
    config, _ = bot_config

    assert upload_limit(config) == BOT_API_DOWNLOAD_LIMIT
    assert upload_limit(dataclasses.replace(config, max_document_mb=5)) == 5 * MEGABYTE


@pytest.mark.parametrize(
    ("file_name", "mime_type", "kept"),
    [
        ("../../etc/passwd.txt", None, "passwd.txt"),
        ("Minutes 5 March (final).PDF", None, "Minutes 5 March (final).pdf"),
        (None, "application/pdf", "document.pdf"),
        ("min$utes;rm -rf.docx", None, "min_utes_rm -rf.docx"),
    ],
)
def test_a_file_is_kept_under_a_plain_name_of_its_own(file_name, mime_type, kept):
    assert shown_name(Upload(file_name, mime_type, 10)) == kept


def test_officers_in_private_chats_may_upload_what_the_memory_reads():
    upload = Upload("minutes.pdf", "application/pdf", 1000)

    assert refusal(Role.OFFICER, True, upload, MEGABYTE) is None
    assert refusal(Role.MEMBER, True, upload, MEGABYTE) == OFFICERS_ONLY
    assert refusal(None, True, upload, MEGABYTE) == OFFICERS_ONLY
    assert refusal(Role.OFFICER, False, upload, MEGABYTE) == PRIVATE_ONLY


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        ("/srv/boardmem/data/uploads/3fa9/minutes.txt: the file is empty", "minutes.txt: the file is empty"),
        ("same content as /home/clerk/corpus/2024/minutes.pdf, skipped", "same content as minutes.pdf, skipped"),
        (
            "/srv/data/boardmem.db: another ingest (process 10712) was still writing the memory after 60 s",
            "boardmem.db: another ingest was still writing the memory after 60 s",
        ),
        ("could not store it (disk I/O error)", "could not store it (disk I/O error)"),
    ],
)
def test_what_reaches_a_chat_names_files_but_no_server_folders_or_processes(said, shown):
    assert for_chat(said) == shown
