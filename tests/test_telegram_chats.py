"""Answers where people expect them: replies in groups, the topic in forums, edited questions edit their
answer, and a deep link opens its answer."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session

from bot.reminders import ChatReminders
from bot.telegram_app import deep_link_text
from corpus.schedule import schedule_meeting
from tests.bot_harness import bot_config as allowlisted
from tests.bot_harness import serve

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
MEMBER, OFFICER, GROUP = 1, 9, -1001
MENTION = "@board_memory_bot"
BOARD = "Leicestershire Safer Communities Strategy Board"  # the bundled corpus's board


@pytest.fixture
def bot_config(service, fake):
    return allowlisted(service, fake, members=[MEMBER], officers=[OFFICER], chats=[GROUP])


def run(bot_config, scenario):
    config, service = bot_config
    assert serve(config, service, scenario, NOW, post_init=False) == []


def mentioning(question):
    text = f"{MENTION} {question}"
    return text, [{"type": "mention", "offset": 0, "length": len(MENTION)}]


def test_an_answer_in_a_group_replies_to_its_question(bot_config, fake):
    text, entities = mentioning("What is Operation Nitrox?")
    asked = []

    async def scenario(app):
        update = fake.push_message(text, user_id=42, chat_id=GROUP, chat_type="supergroup", entities=entities)
        asked.append(fake.message_id_of(update))
        await fake.wait_for_sent(1)

    run(bot_config, scenario)

    assert fake.sent[0]["reply_parameters"]["message_id"] == asked[0]


def test_an_answer_in_a_private_chat_is_not_a_reply(bot_config, fake):
    async def scenario(app):
        fake.push_message("/help", user_id=MEMBER)
        await fake.wait_for_sent(1)

    run(bot_config, scenario)

    assert "reply_parameters" not in fake.sent[0]


def test_a_question_in_a_forum_topic_is_answered_in_that_topic(bot_config, fake):
    text, entities = mentioning("What is Operation Nitrox?")

    async def scenario(app):
        fake.push_message(text, user_id=42, chat_id=GROUP, chat_type="supergroup", entities=entities, thread_id=77)
        await fake.wait_for_sent(1)

    run(bot_config, scenario)

    assert fake.sent[0]["message_thread_id"] == 77
    assert all(m.get("message_thread_id") == 77 for m in fake.sent)


def test_an_edited_question_edits_its_answer_instead_of_a_second_one(bot_config, fake):
    async def scenario(app):
        update = fake.push_message("What is Operation Nitrox?", user_id=MEMBER)
        await fake.wait_for_sent(1)
        count = len(fake.sent)
        fake.push_edit(MEMBER, fake.message_id_of(update), "/help")
        await fake.wait_for(lambda: fake.edited)
        assert len(fake.sent) == count  # no second answer

    run(bot_config, scenario)

    assert "/ask" in fake.edited[0]["text"]
    assert any("/ask" in m["text"] for m in fake.bot_messages)


def test_an_edited_officer_command_is_not_carried_out_again(bot_config, fake):
    async def scenario(app):
        update = fake.push_message("/schedule 3 December 2026 10:00", user_id=OFFICER)
        await fake.wait_for_sent(1)
        fake.push_edit(OFFICER, fake.message_id_of(update), "/schedule 4 December 2026 10:00")
        await fake.wait_for(lambda: fake.edited)

    run(bot_config, scenario)

    assert "send it again" in fake.edited[0]["text"]


def test_a_deep_link_opens_its_answer(bot_config, fake):
    async def scenario(app):
        fake.push_message("/start ask_Operation_Nitrox", user_id=MEMBER)
        await fake.wait_for_sent(1)

    run(bot_config, scenario)

    assert "Operation Nitrox" in fake.sent[0]["text"]
    assert "/ask" not in fake.sent[0]["text"]  # the answer, not the help


@pytest.mark.parametrize(
    ("text", "read_as"),
    [
        ("/start ask_play_area", "/ask play area"),
        ("/start@board_memory_bot ask_precept", "/ask precept"),
        ("/start", "/start"),
        ("/start hello", "/start hello"),
        ("/ask ask_x", "/ask ask_x"),
    ],
)
def test_a_start_payload_is_read_as_the_question_it_stands_for(text, read_as):
    assert deep_link_text(text) == read_as


@pytest.fixture
def meeting_ahead(bot_config):
    """A meeting on 10 December 2026: a ping 7 days before falls due on the 3rd, after NOW."""
    _, service = bot_config
    with Session(service.engine) as session:
        schedule_meeting(session, BOARD, dt.date(2026, 12, 10), dt.time(10), "Room 1", "cli", NOW)
        session.commit()
    return bot_config


async def _remind_in_topic_and_fire(app, fake, before_firing=lambda: None) -> None:
    fake.push_message("/remind on 7", user_id=42, chat_id=GROUP, chat_type="supergroup", thread_id=77)
    await fake.wait_for_sent(1)
    await fake.wait_for(lambda: [j for j in app.job_queue.jobs() if j.name.startswith("reminder:")])
    (job,) = [j for j in app.job_queue.jobs() if j.name.startswith("reminder:")]
    before_firing()
    await job.run(app)
    await fake.wait_for_sent(2)


def test_reminders_turned_on_in_a_forum_topic_are_sent_to_that_topic(meeting_ahead, fake):
    run(meeting_ahead, lambda app: _remind_in_topic_and_fire(app, fake))

    confirmation, ping = fake.sent
    assert confirmation["message_thread_id"] == 77 and "Reminders on in this topic" in confirmation["text"]
    assert ping["message_thread_id"] == 77 and f"Reminder: {BOARD} meets in 18 days" in ping["text"]


def test_a_ping_whose_topic_was_deleted_goes_to_the_chat_and_so_do_later_ones(meeting_ahead, fake):
    run(meeting_ahead, lambda app: _remind_in_topic_and_fire(app, fake, lambda: fake.delete_topic(GROUP, 77)))

    ping = fake.sent[-1]
    assert "message_thread_id" not in ping and f"Reminder: {BOARD}" in ping["text"]
    with Session(meeting_ahead[1].engine) as session:
        assert session.get(ChatReminders, GROUP).thread_id is None
