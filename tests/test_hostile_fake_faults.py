"""The fake Bot API's faults reach the real python-telegram-bot as Telegram's own would."""

from __future__ import annotations

import asyncio
import time

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter

from tests.fake_telegram import TOKEN, FakeTelegram


def send(fake: FakeTelegram, count: int = 1) -> list[BaseException | int]:
    """Send `count` messages with a plain Bot; each gives its message id or the error raised."""

    async def scenario() -> list[BaseException | int]:
        bot = Bot(TOKEN, base_url=fake.base_url)
        outcomes: list[BaseException | int] = []
        try:
            for _ in range(count):
                try:
                    outcomes.append((await bot.send_message(7, "hi")).message_id)
                except Exception as error:
                    outcomes.append(error)
        finally:
            await bot.shutdown()
        return outcomes

    return asyncio.run(scenario())


@pytest.mark.parametrize(
    ("status", "error"), [(429, RetryAfter), (500, NetworkError), (403, Forbidden), (400, BadRequest)]
)
def test_a_failed_send_raises_what_telegram_would_then_sends_again(fake, status, error):
    fake.fail("sendMessage", status, retry_after=3 if status == 429 else None)

    first, second = send(fake, 2)

    assert isinstance(first, error) and isinstance(second, int)
    assert len(fake.sent) == 1 and fake.rejected[0][0] == "sendMessage"
    if status == 429:
        assert "Retry in 3 seconds" in str(first)


def test_a_revoked_token_answers_401_to_everything_until_cleared(fake):
    fake.fail("*", 401, times=None)

    assert all(isinstance(outcome, InvalidToken) for outcome in send(fake, 2))
    fake.clear_faults()
    assert isinstance(send(fake)[0], int)


def test_a_delayed_answer_comes_late(fake):
    fake.delay("sendMessage", 0.5)

    started = time.monotonic()
    first, second = send(fake, 2)

    assert isinstance(first, int) and isinstance(second, int)
    assert 0.5 <= time.monotonic() - started < 2.0


def test_a_fault_for_one_chat_leaves_the_others_alone(fake):
    fake.fail("sendMessage", 403, chat_id=7, times=None)

    async def scenario() -> None:
        bot = Bot(TOKEN, base_url=fake.base_url)
        try:
            await bot.send_message(8, "to another chat")
            with pytest.raises(Forbidden):
                await bot.send_message(7, "to the chat that blocked the bot")
        finally:
            await bot.shutdown()

    asyncio.run(scenario())

    assert [m["chat_id"] for m in fake.sent] == [8]
