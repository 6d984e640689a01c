"""Webhook mode end to end: updates posted to python-telegram-bot's own webhook server, answers at the fake
Bot API; the secret token checked; /healthz; and the heartbeat line of polling mode."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging

import httpx
import pytest

from bot.telegram_app import configure_logging, schedule_heartbeat
from bot.webhook import SECRET_ENV_VAR, Webhook, WebhookError, listen_address, webhook_secret, webhook_url
from tests.bot_harness import bot_config as allowlisted
from tests.bot_harness import free_port, serve, serve_by_webhook
from tests.fake_telegram import TOKEN

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
MEMBER, OFFICER = 1, 9
SECRET = "a-webhook-secret_42"


@pytest.fixture
def bot_config(service, fake):
    return allowlisted(service, fake, members=[MEMBER], officers=[OFFICER], chats=[])


@pytest.fixture
def webhook():
    port = free_port()
    return Webhook(f"http://127.0.0.1:{port}/telegram/hook", "127.0.0.1", port, SECRET)


def post(webhook: Webhook, update: dict, secret: str | None) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    return httpx.post(webhook.url, content=json.dumps(update), headers=headers, timeout=5)


def run(bot_config, webhook, scenario):
    config, service = bot_config
    errors = serve_by_webhook(config, service, scenario, NOW, webhook)
    assert errors == []


def test_an_update_posted_with_the_secret_is_answered_at_the_bot_api(bot_config, fake, webhook):
    async def scenario(app):
        update = fake.message_update("/help", user_id=MEMBER)
        response = await asyncio.to_thread(post, webhook, update, SECRET)
        assert response.status_code == 200
        await fake.wait_for_sent(1)

    run(bot_config, webhook, scenario)

    assert fake.sent[0]["chat_id"] == MEMBER and "/ask" in fake.sent[0]["text"]


def test_the_webhook_is_set_with_telegram_with_its_secret(bot_config, fake, webhook):
    run(bot_config, webhook, lambda app: asyncio.sleep(0))

    assert fake.webhook["url"] == webhook.url
    assert fake.webhook["secret_token"] == SECRET


def test_a_post_without_the_secret_is_refused_and_not_handled(bot_config, fake, webhook):
    async def scenario(app):
        update = fake.message_update("/help", user_id=MEMBER)
        missing = await asyncio.to_thread(post, webhook, update, None)
        wrong = await asyncio.to_thread(post, webhook, update, "not-the-secret")
        assert (missing.status_code, wrong.status_code) == (403, 403)
        await asyncio.sleep(0.3)

    run(bot_config, webhook, scenario)

    assert fake.sent == []


def test_healthz_answers_ok_on_the_webhook_server(bot_config, fake, webhook):
    async def scenario(app):
        response = await asyncio.to_thread(httpx.get, f"http://127.0.0.1:{webhook.port}/healthz", timeout=5)
        assert (response.status_code, response.text) == (200, "ok")

    run(bot_config, webhook, scenario)


def test_the_webhook_secret_never_reaches_the_logs(bot_config, fake, webhook, caplog):
    caplog.set_level(logging.DEBUG)  # PTB logs setWebhook's parameters, secret included, at DEBUG
    configure_logging(TOKEN, SECRET)

    async def scenario(app):
        update = fake.message_update("/help", user_id=MEMBER)
        await asyncio.to_thread(post, webhook, update, SECRET)
        await fake.wait_for_sent(1)

    run(bot_config, webhook, scenario)

    assert SECRET not in caplog.text


def test_polling_logs_a_heartbeat_with_the_chunks_it_holds(bot_config, fake, caplog):
    caplog.set_level(logging.INFO, logger="boardmem.bot")
    config, service = bot_config

    async def scenario(app):
        schedule_heartbeat(app, 5)
        (beat,) = app.job_queue.get_jobs_by_name("heartbeat")
        await beat.run(app)

    serve(config, service, scenario, NOW, post_init=False)

    assert f"Alive: up 0 min, holding {len(service.index)} chunks" in caplog.text


def test_no_heartbeat_when_it_is_set_to_zero(bot_config, fake):
    config, service = bot_config
    found = []

    async def scenario(app):
        schedule_heartbeat(app, 0)
        found.extend(app.job_queue.get_jobs_by_name("heartbeat"))

    serve(config, service, scenario, NOW, post_init=False)

    assert found == []


def test_listen_is_host_and_port():
    assert listen_address("0.0.0.0:8443") == ("0.0.0.0", 8443)
    assert listen_address("[::1]:8080") == ("::1", 8080)


@pytest.mark.parametrize("text", ["8080", "host:", ":80", "host:99999", "host:http"])
def test_a_listen_address_without_a_port_is_an_argument_error(text):
    with pytest.raises(argparse.ArgumentTypeError, match="HOST:PORT"):
        listen_address(text)


def test_a_webhook_url_must_be_a_web_address_off_the_health_path():
    assert webhook_url("https://bot.example.org/telegram") == "https://bot.example.org/telegram"
    with pytest.raises(argparse.ArgumentTypeError):
        webhook_url("bot.example.org/telegram")
    with pytest.raises(argparse.ArgumentTypeError):
        webhook_url("https://bot.example.org/healthz")


def test_the_configured_secret_is_used_and_checked():
    assert webhook_secret({SECRET_ENV_VAR: SECRET}) == SECRET
    with pytest.raises(WebhookError, match=SECRET_ENV_VAR):
        webhook_secret({SECRET_ENV_VAR: "has spaces and $"})


def test_without_a_configured_secret_each_start_makes_a_fresh_one():
    first, second = webhook_secret({}), webhook_secret({})

    assert first != second and len(first) >= 32
