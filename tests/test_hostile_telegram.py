"""The real Application against the fake Bot API under faults and hostile updates: access never fails open."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt

import pytest
from sqlmodel import Session

from bot.telegram_app import build_application
from corpus.models import ChatReminders
from tests.fake_telegram import TOKEN, FakeTelegram

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
MEMBER, OFFICER, STRANGER, GROUP = 1, 9, 5, -100


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    """httpx honours *_PROXY variables even for 127.0.0.1; the fake must be reached directly."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fake():
    with FakeTelegram() as server:
        yield server
    assert server.errors == []


@pytest.fixture
def bot_config(service, fake):
    config, own = service
    allowed = dataclasses.replace(
        config,
        api_base_url=fake.base_url,
        allowed_users=[str(MEMBER)],
        officers=[str(OFFICER)],
        allowed_chats=[str(GROUP)],
    )
    return allowed, own


def run(bot_config, scenario) -> list[BaseException]:
    """Start the bot polling the fake, run the scenario, stop; returns the errors handlers raised.

    process_update hands a handler's exception to the error handler and carries on, so a test that
    wants none must look at this list rather than rely on the exception reaching it.
    """
    config, service = bot_config

    async def main():
        app = build_application(config, service, TOKEN, now=lambda: NOW)
        await app.initialize()
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=1)
        try:
            await scenario(app)
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
        return app.bot_data["parts"].errors

    return asyncio.run(main())


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
    fake.fail("sendMessage", status)

    async def scenario(app):
        fake.push_message("/remind on 7", user_id=STRANGER)
        fake.push_message("What is Operation Nitrox?", user_id=STRANGER)
        await settle(fake)

    errors = run(bot_config, scenario)

    # A flood limit may be waited out and the refusal delivered late; nothing else reaches the stranger.
    assert all("only for members" in m["text"] for m in fake.sent if m["chat_id"] == STRANGER)
    assert reminders_of(bot_config, STRANGER) is None
    assert errors == []
