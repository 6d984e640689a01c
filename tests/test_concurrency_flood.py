"""One group's flood limit holds back that group only: a private /help is answered at once meanwhile."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import time

from bot.telegram_app import build_application
from tests.fake_telegram import TOKEN, FakeTelegram

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
MEMBER, GROUP = 1, -100
GROUP_MESSAGES = 22  # Telegram allows a group 20 messages a minute; the rest must wait their turn


def test_a_flood_limited_group_does_not_delay_a_private_chat(service):
    config, own = service
    with FakeTelegram() as fake:
        config = dataclasses.replace(config, api_base_url=fake.base_url, allowed_users=[str(MEMBER)])
        config = dataclasses.replace(config, allowed_chats=[str(GROUP)])
        waited: list[float] = []

        async def main() -> None:
            app = build_application(config, own, TOKEN, now=lambda: NOW, concurrent=True)
            await app.initialize()
            await app.start()
            # The group's first reply is refused for flooding (the group's: the private reply may be sent first).
            fake.fail("sendMessage", 429, retry_after=2, chat_id=GROUP)
            for user in range(GROUP_MESSAGES):  # many members, so no one member's pace limit applies
                fake.push_message("/help", user_id=1000 + user, chat_id=GROUP, chat_type="supergroup")
            fake.push_message("/help", user_id=MEMBER)
            started = time.monotonic()
            await app.updater.start_polling(poll_interval=0, timeout=1)
            try:
                await fake.wait_for(lambda: any(m["chat_id"] == MEMBER for m in fake.sent), timeout=30)
                waited.append(time.monotonic() - started)
                # Nothing lost: every group member is answered once the flood limit allows.
                await fake.wait_for(
                    lambda: len([m for m in fake.sent if m["chat_id"] == GROUP]) >= GROUP_MESSAGES, timeout=30
                )
            finally:
                await app.updater.stop()
                await app.stop()
                await app.shutdown()
            assert app.bot_data["parts"].errors == []

        asyncio.run(main())

    assert waited[0] < 1.5, f"the private /help waited {waited[0]:.1f} s behind the group"
