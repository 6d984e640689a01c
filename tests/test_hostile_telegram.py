"""The real Application against the fake Bot API under faults and hostile updates: access never fails open."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from sqlmodel import Session

from bot.reminders import ChatReminders
from tests.bot_harness import bot_config as allowlisted
from tests.bot_harness import serve
from tests.fake_telegram import FakeTelegram

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
MEMBER, OFFICER, STRANGER, GROUP = 1, 9, 5, -100
CHANNEL, OTHER_CHANNEL, OTHER_GROUP = -1001, -1002, -200


@pytest.fixture
def bot_config(service, fake):
    return allowlisted(service, fake, members=[MEMBER], officers=[OFFICER], chats=[GROUP, CHANNEL])


def run(bot_config, scenario) -> list[BaseException]:
    """The bot serving the scenario; returns the errors its handlers raised."""
    config, service = bot_config
    return serve(config, service, scenario, NOW, post_init=False)


async def settle(fake: FakeTelegram, user_id: int = MEMBER) -> None:
    """Wait until every update pushed so far is handled: a member's /help, pushed last, is answered."""
    count = len([m for m in fake.sent if m["chat_id"] == user_id])
    fake.push_message("/help", user_id=user_id)
    await fake.wait_for(lambda: len([m for m in fake.sent if m["chat_id"] == user_id]) > count)


def reminders_of(bot_config, chat_id: int) -> ChatReminders | None:
    with Session(bot_config[1].engine) as session:
        return session.get(ChatReminders, chat_id)


@pytest.mark.parametrize("status", [429, 500, 403, 400])
def test_a_stranger_stays_refused_when_the_refusal_cannot_be_sent(bot_config, fake, status):
    # Every send to the stranger fails, however often it is retried (retry_after=0 keeps a 429 quick).
    fake.fail("sendMessage", status, retry_after=0 if status == 429 else None, times=None, chat_id=STRANGER)

    async def scenario(app):
        fake.push_message("/remind on 7", user_id=STRANGER)
        fake.push_message("What is Operation Nitrox?", user_id=STRANGER)
        await settle(fake)

    errors = run(bot_config, scenario)

    assert to_chat(fake, STRANGER) == []
    assert reminders_of(bot_config, STRANGER) is None
    assert errors == []


def to_chat(fake: FakeTelegram, chat_id: int) -> list[str]:
    return [m["text"] for m in fake.sent if m["chat_id"] == chat_id]


def test_an_allowlisted_channel_is_answered_as_a_member(bot_config, fake):
    async def scenario(app):
        fake.push(fake.channel_post_update("/help", CHANNEL))
        await settle(fake)

    errors = run(bot_config, scenario)

    assert errors == []
    assert "/ask QUESTION" in to_chat(fake, CHANNEL)[0]


def test_a_stranger_channel_is_ignored_silently_and_logged_once(bot_config, fake, caplog):
    caplog.set_level(logging.INFO, logger="boardmem.bot")

    async def scenario(app):
        for text in ["/help", "What is Operation Nitrox?", "/ask anything"]:
            fake.push(fake.channel_post_update(text, OTHER_CHANNEL))
        await settle(fake)

    errors = run(bot_config, scenario)

    assert errors == [] and to_chat(fake, OTHER_CHANNEL) == []
    assert len([r for r in caplog.records if str(OTHER_CHANNEL) in r.getMessage()]) == 1


def test_a_command_for_another_bot_is_left_to_it(bot_config, fake):
    async def scenario(app):
        fake.push_message("/help@other_bot", user_id=42, chat_id=GROUP, chat_type="supergroup")
        fake.push_message("/help@other_bot", user_id=STRANGER, chat_id=OTHER_GROUP, chat_type="supergroup")
        await settle(fake)

    errors = run(bot_config, scenario)

    assert errors == [] and to_chat(fake, GROUP) == [] and to_chat(fake, OTHER_GROUP) == []


def test_a_more_button_forged_in_another_chat_does_not_page_through_this_one(bot_config, fake):
    async def scenario(app):
        fake.push_message("What did the police say about the Cambridge Harm Index?", user_id=MEMBER)
        await fake.wait_for(lambda: any("reply_markup" in m for m in fake.sent))
        keyboard = next(m for m in fake.sent if "reply_markup" in m)["reply_markup"]["inline_keyboard"]
        more = next(b["callback_data"] for row in keyboard for b in row if b["text"] == "More")
        await settle(fake, OFFICER)  # the officer's own chat now holds a message of the bot's
        fake.push_callback(more, user_id=OFFICER, chat_id=OFFICER)
        await fake.wait_for(lambda: fake.answered_callbacks)
        await settle(fake, OFFICER)

    errors = run(bot_config, scenario)

    officer_saw = to_chat(fake, OFFICER) + [m["text"] for m in fake.edited if m.get("chat_id") == OFFICER]
    assert errors == [] and not any("<b>6. " in text for text in officer_saw)
    assert "another chat" in fake.answered_callbacks[-1]["text"]


def test_a_stranger_who_first_chatted_is_told_once_when_they_address_the_bot(bot_config, fake):
    mention = "@board_memory_bot What is Operation Nitrox?"
    entities = [{"type": "mention", "offset": 0, "length": len("@board_memory_bot")}]

    async def scenario(app):
        fake.push_message("lunch anyone?", user_id=STRANGER, chat_id=OTHER_GROUP, chat_type="supergroup")
        for _ in range(2):
            fake.push_message(mention, user_id=STRANGER, chat_id=OTHER_GROUP, chat_type="supergroup", entities=entities)
        await settle(fake)

    errors = run(bot_config, scenario)

    assert errors == []
    assert len(to_chat(fake, OTHER_GROUP)) == 1 and "only for members" in to_chat(fake, OTHER_GROUP)[0]


def test_a_strangers_button_press_stays_refused_when_the_alert_cannot_be_sent(bot_config, fake):
    mention = "@board_memory_bot What is Operation Nitrox?"
    entities = [{"type": "mention", "offset": 0, "length": len("@board_memory_bot")}]

    async def scenario(app):
        fake.push_message(mention, user_id=STRANGER, chat_id=OTHER_GROUP, chat_type="supergroup", entities=entities)
        await fake.wait_for(lambda: to_chat(fake, OTHER_GROUP))  # the refusal: a bot message to press on
        fake.fail("answerCallbackQuery", 400)
        fake.push_callback("src:1", user_id=6, chat_id=OTHER_GROUP)
        await settle(fake)

    errors = run(bot_config, scenario)

    assert errors == [] and len(to_chat(fake, OTHER_GROUP)) == 1
