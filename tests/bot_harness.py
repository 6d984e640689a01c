"""The real Application, polling the loopback fake Bot API (or on its webhook server) for a test's scenario."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import socket
from collections.abc import Awaitable, Callable

from telegram.ext import Application

from bot.settings import BotConfig
from bot.telegram_app import build_application
from bot.webhook import Webhook, serve_webhook
from retrieval.service import Service
from tests.fake_telegram import TOKEN, FakeTelegram

Scenario = Callable[[Application], Awaitable[None]]


def bot_config(
    service: tuple[BotConfig, Service], fake: FakeTelegram, members: list[int], officers: list[int], chats: list[int]
) -> tuple[BotConfig, Service]:
    """The test service's config pointed at the fake, with these allowlists."""
    config, own = service
    allowed = dataclasses.replace(
        config,
        api_base_url=fake.base_url,
        allowed_users=[str(m) for m in members],
        officers=[str(o) for o in officers],
        allowed_chats=[str(c) for c in chats],
    )
    return allowed, own


def serve(config: BotConfig, service: Service, scenario: Scenario, now: dt.datetime, post_init: bool) -> list:
    """Start the bot, run the scenario, stop cleanly; returns the errors its handlers raised.

    process_update hands a handler's exception to the error handler and carries on, so a test that
    wants none must look at this list rather than rely on the exception reaching it.
    """

    async def main() -> list:
        app = build_application(config, service, TOKEN, now=lambda: now)
        await app.initialize()
        if post_init:
            await app.post_init(app)
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


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_by_webhook(
    config: BotConfig, service: Service, scenario: Scenario, now: dt.datetime, webhook: Webhook
) -> list:
    """The bot on its webhook server (as `boardmem bot --webhook` runs it) for the scenario; returns handler errors."""

    async def main() -> list:
        app = build_application(config, service, TOKEN, now=lambda: now)
        stop = asyncio.Event()
        server = asyncio.create_task(serve_webhook(app, webhook, stop))
        try:
            while not app.running:
                if server.done():
                    server.result()  # start-up failed: raise why
                await asyncio.sleep(0.02)
            await scenario(app)
        finally:
            stop.set()
            await server
        return app.bot_data["parts"].errors

    return asyncio.run(main())
