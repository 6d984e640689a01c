"""Webhook mode: Telegram posts updates to python-telegram-bot's own (tornado) webhook server, which also
answers `GET /healthz` for a load balancer or supervisor.

The secret token (BOARDMEM_WEBHOOK_SECRET, else a fresh random one each start) is given to Telegram with
setWebhook; PTB's server refuses any post without it (403). The parsing helpers here import nothing heavy,
so the command line can check its arguments before the model loads.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
import secrets
import signal
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # telegram and tornado load only when the bot serves
    from telegram.ext import Application, Updater

SECRET_ENV_VAR = "BOARDMEM_WEBHOOK_SECRET"
HEALTH_PATH = "/healthz"
DEFAULT_LISTEN = "127.0.0.1:8080"  # behind the TLS proxy Telegram reaches; in a container, 0.0.0.0:8080
# What Telegram accepts as a secret token.
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")

log = logging.getLogger("boardmem.bot")


class WebhookError(ValueError):
    """A webhook setting that cannot be used as it stands."""


@dataclass(frozen=True)
class Webhook:
    """Where Telegram posts (the public URL) and where this process listens for it."""

    url: str
    host: str
    port: int
    secret: str

    @property
    def path(self) -> str:
        """The URL's path, which the server listens on (a proxy in front passes it through)."""
        return urlsplit(self.url).path or "/"


def webhook_url(text: str) -> str:
    """The public URL Telegram will post to; argparse type (http for a local Bot API server, else https)."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise argparse.ArgumentTypeError(f"not a webhook URL: {text!r} (e.g. https://bot.example.org/telegram)")
    if parts.path.rstrip("/") == HEALTH_PATH:
        raise argparse.ArgumentTypeError(f"the webhook path cannot be {HEALTH_PATH} (the health check uses it)")
    return text.strip()


def listen_address(text: str) -> tuple[str, int]:
    """HOST:PORT to listen on ("0.0.0.0:8080", "[::]:8443"); argparse type."""
    host, colon, port = text.strip().rpartition(":")
    host = host.strip("[]")
    if not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"not HOST:PORT: {text!r} (e.g. {DEFAULT_LISTEN})")
    return host, int(port)


def webhook_secret(env: Mapping[str, str] = os.environ) -> str:
    """The configured secret token, else a fresh random one (set with Telegram at every start anyway)."""
    configured = env.get(SECRET_ENV_VAR, "").strip()
    if not configured:
        return secrets.token_urlsafe(32)
    if not _SECRET.fullmatch(configured):
        raise WebhookError(f"{SECRET_ENV_VAR}: 1 to 256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)")
    return configured


def add_health_route(updater: Updater, healthy: Callable[[], bool]) -> None:
    """Serve `GET /healthz` (200 "ok" while the bot runs, else 503) on the running webhook server.

    PTB builds its tornado application inside start_webhook and offers no hook, so the route is added to
    that application afterwards (tornado's add_handlers works on a serving application).
    """
    import tornado.web

    class Health(tornado.web.RequestHandler):
        def get(self) -> None:
            ok = healthy()
            self.set_status(200 if ok else 503)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish("ok" if ok else "stopping")

    server = getattr(updater, "_httpd", None)  # PTB's WebhookServer, around tornado's HTTPServer
    application = getattr(getattr(server, "_http_server", None), "request_callback", None)
    if not isinstance(application, tornado.web.Application):
        log.warning("No %s: python-telegram-bot's webhook server is not the one this was written for", HEALTH_PATH)
        return
    application.add_handlers(r".*", [(HEALTH_PATH, Health)])


async def serve_webhook(app: Application, webhook: Webhook, stop: asyncio.Event) -> None:
    """Run the bot on its webhook server until `stop` is set, then shut down cleanly.

    The same lifecycle as Application.run_webhook, written out so the health route can be added once the
    server exists. The webhook stays set at Telegram when the bot stops, so updates wait for its return.
    """
    from telegram import Update

    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        updater = app.updater
        if updater is None:
            raise RuntimeError("the Application was built without an Updater")
        await updater.start_webhook(
            listen=webhook.host,
            port=webhook.port,
            url_path=webhook.path,
            webhook_url=webhook.url,
            secret_token=webhook.secret,
            allowed_updates=Update.ALL_TYPES,
        )
        add_health_route(updater, lambda: app.running)
        await app.start()
        log.info("Webhook server listening on %s:%d%s", webhook.host, webhook.port, webhook.path)
        await stop.wait()
    finally:
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()


def run_webhook(app: Application, webhook: Webhook, stop: asyncio.Event) -> None:
    """Serve until SIGINT or SIGTERM (or until `stop` is set, e.g. when Telegram refuses the token)."""

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await serve_webhook(app, webhook, stop)

    asyncio.run(main())
