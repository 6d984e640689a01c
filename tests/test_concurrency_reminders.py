"""Reminders under a kill -9: a ping whose send Telegram had not yet confirmed is never sent twice."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from sqlmodel import Session

from bot.reminders import ChatReminders
from corpus.schedule import schedule_meeting
from tests.bot_process import start_bot
from tests.fake_telegram import TOKEN, FakeTelegram, parse_body

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
BOARD = "Leicestershire Safer Communities Strategy Board"
CHAT, MEMBER = 77, 1


class ArrivalsFake(FakeTelegram):
    """The fake, also noting every sendMessage as it arrives (before any injected delay)."""

    def __init__(self) -> None:
        super().__init__()
        self.arrived: list[dict] = []
        self.first_arrival = threading.Event()

    def handle_request(self, path: str, content_type: str, body: bytes) -> tuple[int, dict]:
        if path.endswith("/sendMessage"):
            self.arrived.append(parse_body(content_type, body))
            self.first_arrival.set()
        return super().handle_request(path, content_type, body)


@pytest.fixture
def meeting_tomorrow(service):
    """A meeting tomorrow, and a chat wanting pings 7 and 1 days before: both are due at once."""
    config, own = service
    with Session(own.engine) as session:
        schedule_meeting(session, BOARD, dt.date(2026, 11, 23), dt.time(10), "Room 1", "cli", NOW)
        session.add(ChatReminders(chat_id=CHAT, enabled=True, lead_days="7,1", updated_at=NOW))
        session.commit()
    return config


def _same_memory(config) -> dict[str, str]:
    """The bot process's settings: the member allowed, and the test's database (PostgreSQL's when tested on it)."""
    return {"BOARDMEM_ALLOWED_USERS": str(MEMBER), "BOARDMEM_DATABASE_URL": config.resolved_database_url}


def _wait(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_ping_killed_while_telegram_answers_is_not_sent_again_and_due_leads_go_as_one(meeting_tomorrow):
    config = meeting_tomorrow
    with ArrivalsFake() as fake:
        fake.delay("sendMessage", 30.0)  # Telegram is slow to confirm the first ping...
        bot = start_bot(config.data_dir, fake.base_url, TOKEN, NOW, **_same_memory(config))
        try:
            assert fake.first_arrival.wait(30), "the bot never sent the ping"
            time.sleep(0.5)  # room for a second ping, had the bot sent one per lead day
        finally:
            bot.kill()  # ...and the bot is killed -9 before the answer comes
            bot.communicate(timeout=10)
        fake.clear_faults()

        again = start_bot(config.data_dir, fake.base_url, TOKEN, NOW, **_same_memory(config))
        try:
            fake.push_message("/help", user_id=MEMBER)  # answered once start-up (and its reminder sync) is done
            _wait(lambda: any(m["chat_id"] == MEMBER for m in fake.arrived), 30)
            time.sleep(1.0)  # a resent ping would go at once: its due time has long passed
        finally:
            again.terminate()
            again.communicate(timeout=10)

    pings = [m for m in fake.arrived if m["chat_id"] == CHAT]
    assert len(pings) == 1, [m["text"] for m in pings]
    assert f"Reminder: {BOARD} meets tomorrow" in pings[0]["text"]
