"""How the bot meets the Bot API under load: chats handled side by side, one chat's flood limit kept to
that chat, and a revoked token noticed while polling (PTB would otherwise go on running, deaf)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import warnings
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter, BaseUpdateProcessor
from telegram.request import HTTPXRequest
from telegram.warnings import PTBDeprecationWarning

# Updates in progress at once; a flood-limited group's waiting replies hold slots, so keep this well above
# the number of questions one group can have pending.
CONCURRENT_UPDATES = 256
# Retries of a message Telegram refused with 429; each waits the retry_after Telegram asked for.
FLOOD_RETRIES = 5

log = logging.getLogger("boardmem.bot")


class ChatOrderedUpdates(BaseUpdateProcessor):
    """Different chats are handled at the same time; one chat's updates still in the order they came
    (a More press after its question), so a slow or flood-limited chat delays only itself."""

    def __init__(self, max_concurrent_updates: int = CONCURRENT_UPDATES):
        super().__init__(max_concurrent_updates)
        self._locks: dict[object, asyncio.Lock] = {}
        self._users: dict[object, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _chat_of(update)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._users[key] -= 1
            if not self._users[key]:  # forget idle chats, so the table stays as small as the traffic
                del self._users[key], self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def _chat_of(update: object) -> object:
    if isinstance(update, Update) and update.effective_chat is not None:
        return update.effective_chat.id
    return None


def retry_seconds(error: RetryAfter) -> float:
    """Telegram's retry_after in seconds (PTB gives an int or a timedelta, depending on its settings)."""
    with warnings.catch_warnings():  # PTB warns that the int form is going; either form is read here
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


class PerChatRateLimiter(AIORateLimiter):
    """AIORateLimiter's pacing (30 messages a second overall, 20 a minute per group), with 429s retried
    per chat: the stock limiter's retries pause every chat until one group's retry_after has passed."""

    def __init__(self, retries: int = FLOOD_RETRIES):
        super().__init__(max_retries=0)  # one attempt per call below; the retrying is ours
        # With no retries of its own, the stock limiter logs every 429 as an error with a traceback.
        logging.getLogger("telegram.ext.AIORateLimiter").setLevel(logging.CRITICAL)
        self.retries = retries
        self._quiet_until: dict[object, float] = {}  # chat → loop time before which Telegram asked for quiet

    async def process_request(
        self,
        callback: Callable[..., Any],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        chat = data.get("chat_id")
        loop = asyncio.get_running_loop()
        for attempt in range(self.retries + 1):
            wait = self._quiet_until.get(chat, 0.0) - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)  # this chat's send waits; other chats' go on
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, None)
            except RetryAfter as error:
                if attempt == self.retries:
                    raise
                log.info("Chat %s is flood-limited; retrying in %.0f s", chat, retry_seconds(error))
                until = loop.time() + retry_seconds(error) + 0.1
                self._quiet_until[chat] = max(self._quiet_until.get(chat, 0.0), until)
        raise AssertionError("unreachable")  # the loop returns or raises


class WatchfulRequest(HTTPXRequest):
    """The HTTP connection, calling `on_unauthorized` when Telegram answers 401 (the token was revoked)."""

    def __init__(self, on_unauthorized: Callable[[], None], **kwargs: Any):
        super().__init__(**kwargs)
        self.on_unauthorized = on_unauthorized

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        code, payload = await super().do_request(*args, **kwargs)
        if code == 401:
            self.on_unauthorized()
        return code, payload
