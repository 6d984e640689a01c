"""The fake Bot API server works with the real python-telegram-bot: Bot, Application with polling, bad tokens."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, InvalidToken
from telegram.ext import Application, ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes

from tests.fake_telegram import TOKEN, FakeTelegram, make_update

KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("Sources", callback_data="sources")]])


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    """A running fake; afterwards no thread it started is left and it had no internal errors."""
    before = set(threading.enumerate())
    with FakeTelegram() as server:
        yield server
    assert server.errors == []
    assert [t.name for t in threading.enumerate() if t not in before] == []


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: greet with a button."""
    assert update.message is not None
    await update.message.reply_text("Hello from Board Memory", reply_markup=KEYBOARD)


async def press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button press: answer the query, then replace the message."""
    query = update.callback_query
    assert query is not None
    await query.answer("Looking up sources")
    await query.edit_message_text(f"You asked for {query.data}")


def build_app(fake: FakeTelegram) -> Application:
    """A real Application aimed at the fake, with the two handlers above."""
    app = ApplicationBuilder().token(TOKEN).base_url(fake.base_url).base_file_url(fake.base_file_url).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(press))
    return app


def test_bot_initializes_and_sends_html(fake: FakeTelegram) -> None:
    async def scenario() -> tuple[str | None, int]:
        bot = Bot(TOKEN, base_url=fake.base_url, base_file_url=fake.base_file_url)
        await bot.initialize()
        try:
            me = await bot.get_me()
            message = await bot.send_message(chat_id=7, text="<b>hi</b>", parse_mode="HTML")
        finally:
            await bot.shutdown()
        return me.username, message.chat.id

    assert asyncio.run(scenario()) == ("board_memory_bot", 7)
    assert fake.sent == [{"chat_id": 7, "text": "<b>hi</b>", "parse_mode": "HTML"}]
    assert [method for method, _ in fake.calls] == ["getMe", "getMe", "sendMessage"]


def test_application_polls_a_command_and_a_button_press(fake: FakeTelegram) -> None:
    async def scenario() -> None:
        app = build_app(fake)
        await app.initialize()
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=1)
        try:
            fake.push_message("/start")
            sent = await fake.wait_for_sent(1)
            assert sent[0]["text"] == "Hello from Board Memory"
            assert sent[0]["chat_id"] == 1
            assert sent[0]["reply_markup"] == KEYBOARD.to_dict()

            fake.push_callback("sources")
            await fake.wait_for(lambda: fake.edited)
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()

    asyncio.run(scenario())
    assert [a["text"] for a in fake.answered_callbacks] == ["Looking up sources"]
    (edit,) = fake.edited
    assert edit["text"] == "You asked for sources"
    assert edit["message_id"] == fake.bot_messages[0]["message_id"]
    assert "reply_markup" not in fake.bot_messages[0]  # the edit dropped the keyboard


def test_wrong_token_is_rejected(fake: FakeTelegram) -> None:
    async def scenario() -> None:
        bot = Bot("wrong", base_url=fake.base_url)
        try:
            with pytest.raises(InvalidToken):
                await bot.initialize()
        finally:
            await bot.shutdown()

    asyncio.run(scenario())
    assert fake.calls == []


def test_process_update_with_make_update_and_telegram_refusals(fake: FakeTelegram) -> None:
    async def scenario() -> None:
        app = build_app(fake)
        await app.initialize()
        try:
            await app.process_update(make_update(app.bot, fake.message_update("/start", chat_type="supergroup")))
            with pytest.raises(BadRequest, match="unsupported start tag"):
                await app.bot.send_message(chat_id=1, text="<p>minutes</p>", parse_mode="HTML")
            with pytest.raises(BadRequest, match="too long"):
                await app.bot.send_message(chat_id=1, text="x" * 4097)
        finally:
            await app.shutdown()

    asyncio.run(scenario())
    (reply,) = fake.sent
    assert reply["chat_id"] == fake.bot_messages[0]["chat"]["id"] < 0
    assert reply["reply_parameters"]["message_id"] == 1  # PTB quotes by default outside private chats
    assert len(fake.rejected) == 2


def test_json_multipart_and_unknown_methods(fake: FakeTelegram) -> None:
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    url = f"{fake.base_url}{TOKEN}"
    with httpx.Client(trust_env=False, timeout=5) as client:
        as_json = client.post(f"{url}/sendMessage", json={"chat_id": 5, "text": "123", "reply_markup": markup})
        as_multipart = client.post(
            f"{url}/sendMessage",
            data={"chat_id": "5", "text": "true", "reply_markup": json.dumps(markup)},
            files={"document": ("a.txt", b"hello")},
        )
        unknown = client.post(f"{url}/sendTelepathy")
    assert as_json.json()["result"]["reply_markup"] == markup
    assert as_multipart.json()["ok"] is True
    assert fake.sent[0] == {"chat_id": 5, "text": "123", "reply_markup": markup}
    assert fake.sent[1] == {
        "chat_id": 5,
        "text": "true",
        "reply_markup": markup,
        "document": {"filename": "a.txt", "content": b"hello"},
    }
    assert unknown.status_code == 404
    assert unknown.json() == {"ok": False, "error_code": 404, "description": "Not Found: method sendTelepathy"}
