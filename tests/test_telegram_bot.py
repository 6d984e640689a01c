"""The real python-telegram-bot Application, long polling a local fake Bot API: end to end."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from pathlib import Path

import pytest
from sqlmodel import Session

from bot.access import Role
from bot.commands import COMMANDS, OFFICER_COMMANDS
from bot.telegram_app import configure_logging
from corpus.ingest import ingest_file
from corpus.schedule import schedule_meeting
from tests.bot_harness import bot_config as allowlisted
from tests.bot_harness import serve
from tests.fake_telegram import TOKEN

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
MEMBER, OFFICER, STRANGER, GROUP = 1, 9, 5, -100


@pytest.fixture
def bot_config(service, fake):
    return allowlisted(service, fake, members=[MEMBER], officers=[OFFICER], chats=[GROUP])


def run(bot_config, scenario, expect_errors=False):
    """The bot serving the scenario (reminders scheduled as at start); returns handler errors."""
    config, service = bot_config
    errors = serve(config, service, scenario, NOW, post_init=True)
    if not expect_errors:
        assert errors == []
    return errors


def texts(fake):
    return [m["text"] for m in fake.sent]


def test_a_question_is_answered_with_its_bold_citation(bot_config, fake):
    async def scenario(app):
        fake.push_message("What was the Domestic Homicide Review budget allocation increased to?", user_id=MEMBER)
        await fake.wait_for_sent(1)

    run(bot_config, scenario)

    first = fake.sent[0]
    assert first["parse_mode"] == "HTML"
    assert first["text"].startswith("“")  # the answer, quoted, comes first
    assert "<b>Minute 86 · 8 June 2016 · Domestic Homicide Reviews</b>" in first["text"]
    assert "42,089" in "".join(texts(fake))
    assert fake.sent[-1]["reply_markup"]["inline_keyboard"]


def test_members_see_the_member_commands_in_the_menu(bot_config, fake):
    run(bot_config, lambda app: asyncio.sleep(0))

    menu = [c["command"] for c in fake.commands]
    assert menu == [c.name for c in COMMANDS if c.who is Role.MEMBER]
    assert not OFFICER_COMMANDS & set(menu)


def test_an_officers_chat_has_the_officer_commands_in_its_menu(bot_config, fake):
    run(bot_config, lambda app: asyncio.sleep(0))

    menu = [c["command"] for c in fake.commands_for({"type": "chat", "chat_id": OFFICER})]
    assert menu == [c.name for c in COMMANDS]


def test_an_unknown_user_is_refused_once_and_then_ignored(bot_config, fake):
    async def scenario(app):
        fake.push_message("What is Operation Nitrox?", user_id=STRANGER)
        await fake.wait_for_sent(1)
        fake.push_message("Hello? /ask anything", user_id=STRANGER)
        fake.push_message("/help", user_id=MEMBER)
        await fake.wait_for_sent(2)

    run(bot_config, scenario)

    assert "only for members and officers" in fake.sent[0]["text"]
    assert fake.sent[1]["chat_id"] == MEMBER and len(fake.sent) == 2


def test_the_more_button_pages_on_in_place(bot_config, fake):
    async def scenario(app):
        fake.push_message("What did the police say about the Cambridge Harm Index?", user_id=MEMBER)
        await fake.wait_for_sent(1)
        await asyncio.sleep(0.2)  # the answer may span several messages; the buttons ride on the last
        keyboard = fake.sent[-1]["reply_markup"]["inline_keyboard"]
        more = next(b["callback_data"] for row in keyboard for b in row if b["text"] == "More")
        fake.push_callback(more, user_id=MEMBER)
        # One page that fits replaces the old one in place; a longer page comes as new messages.
        await fake.wait_for(lambda: any(re.search(r"<b>\d\. ", m["text"]) for m in fake.edited + fake.sent))

    run(bot_config, scenario)

    assert fake.answered_callbacks


def test_a_full_text_button_sends_the_whole_item(bot_config, fake):
    async def scenario(app):
        fake.push_message("When will the new prison at Glen Parva be completed?", user_id=MEMBER)
        await fake.wait_for_sent(1)
        await asyncio.sleep(0.2)
        keyboard = fake.sent[-1]["reply_markup"]["inline_keyboard"]
        first = keyboard[0][0]["callback_data"]
        count = len(fake.sent)
        fake.push_callback(first, user_id=MEMBER)
        await fake.wait_for_sent(count + 1)

    run(bot_config, scenario)

    assert "meet the buyer" in fake.sent[-1]["text"] or "meet the buyer" in "".join(texts(fake)[-3:])


def test_hostile_messages_get_helpful_replies_and_nothing_breaks(bot_config, fake):
    async def scenario(app):
        for text in ["x" * 10_000, "<b>bold</b> & <script>", "/frobnicate", "\x00\x07 \u202e"]:
            fake.push_message(text[:4096], user_id=MEMBER)
        await fake.wait_for_sent(4)

    run(bot_config, scenario)

    replies = texts(fake)
    assert "long message" in replies[0]
    assert "I don&#x27;t know /frobnicate" in replies[2] or "I don't know /frobnicate" in replies[2]
    assert all(len(r) <= 4096 for r in replies)


def test_group_chatter_is_ignored_but_a_mention_is_answered(bot_config, fake):
    async def scenario(app):
        fake.push_message("lunch anyone?", user_id=42, chat_id=GROUP, chat_type="supergroup")
        mention = "@board_memory_bot What is Operation Nitrox?"
        fake.push_message(
            mention,
            user_id=42,
            chat_id=GROUP,
            chat_type="supergroup",
            entities=[{"type": "mention", "offset": 0, "length": len("@board_memory_bot")}],
        )
        await fake.wait_for_sent(1)
        await asyncio.sleep(0.2)

    run(bot_config, scenario)

    assert all(m["chat_id"] == GROUP for m in fake.sent)
    assert "Operation Nitrox" in fake.sent[0]["text"]


def test_an_officer_schedules_a_meeting_from_the_chat(bot_config, fake):
    async def scenario(app):
        fake.push_message("/schedule 3 December 2026 10:00 Sparkenhoe Room", user_id=OFFICER)
        fake.push_message("/schedule 4 December 2026 10:00", user_id=MEMBER)
        await fake.wait_for_sent(2)

    run(bot_config, scenario)

    by_chat = {m["chat_id"]: m["text"] for m in fake.sent}
    assert by_chat[OFFICER].startswith("Scheduled.") and "Only officers" in by_chat[MEMBER]


def test_a_reminder_fires_once_and_is_not_sent_again_after_a_restart(bot_config, fake):
    _, service = bot_config
    with Session(service.engine) as session:
        schedule_meeting(
            session,
            "Leicestershire Safer Communities Strategy Board",
            dt.date(2026, 12, 10),
            dt.time(10),
            "Room 1",
            "cli",
            NOW,
        )
        session.commit()

    async def turn_on_and_fire(app):
        fake.push_message("/remind on 7", user_id=MEMBER)
        await fake.wait_for_sent(1)
        await fake.wait_for(lambda: [j for j in app.job_queue.jobs() if j.name.startswith("reminder:")])
        (job,) = [j for j in app.job_queue.jobs() if j.name.startswith("reminder:")]
        await job.run(app)
        await fake.wait_for_sent(2)

    run(bot_config, turn_on_and_fire)
    assert "Reminder: Leicestershire Safer Communities Strategy Board meets in 18 days" in fake.sent[1]["text"]

    async def after_restart(app):
        assert [j for j in app.job_queue.jobs() if j.name.startswith("reminder:")] == []

    run(bot_config, after_restart)
    assert len(fake.sent) == 2


def test_the_token_never_reaches_the_logs(bot_config, fake, caplog):
    caplog.set_level(logging.DEBUG)
    configure_logging(TOKEN)

    async def scenario(app):
        fake.push_message("/help", user_id=MEMBER)
        await fake.wait_for_sent(1)

    run(bot_config, scenario)

    assert caplog.records and TOKEN not in caplog.text
    assert TOKEN.split(":")[1] not in caplog.text


def test_minutes_ingested_while_the_bot_runs_are_answered_without_a_restart(bot_config, fake):
    _, service = bot_config
    harbour = Path(__file__).parent / "fixtures" / "harbour_town_2024-03-05.txt"

    async def scenario(app):
        ingest_file(service.engine, harbour)
        (refresh,) = app.job_queue.get_jobs_by_name("sync-reminders")
        await refresh.run(app)
        fake.push_message("Anti-social behaviour on the Promenade in Harbour Town", user_id=MEMBER)
        await fake.wait_for_sent(1)

    run(bot_config, scenario)

    assert "Minute 48/24 · 5 March 2024 · Anti-Social Behaviour on the Promenade" in fake.sent[0]["text"]


def test_a_failure_inside_a_handler_gets_an_apology_not_silence(bot_config, fake):
    _, service = bot_config

    async def scenario(app):
        with service.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE chatreminders")  # the memory breaks under the running bot
        fake.push_message("/remind on 7", user_id=MEMBER)
        await fake.wait_for_sent(1)

    errors = run(bot_config, scenario, expect_errors=True)

    assert len(errors) == 1
    assert fake.sent[0]["text"] == "Something went wrong on my side. Please try again in a moment."
    assert "chatreminders" not in fake.sent[0]["text"]  # no internals leak to the chat
