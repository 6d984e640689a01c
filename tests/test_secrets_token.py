"""A refused token: one clear line without the token and a non-zero exit, at start-up or while polling."""

from __future__ import annotations

import subprocess
import time

import pytest

from tests.bot_process import start_bot
from tests.fake_telegram import TOKEN, FakeTelegram

REVOKED = "4242:revoked-token-that-must-never-be-printed"


@pytest.fixture
def data_dir(service):
    config, _ = service
    return config.data_dir


def _finish(bot: subprocess.Popen, timeout: float = 30.0) -> tuple[int | None, str]:
    """The bot's exit status (None if it was still running after `timeout`) and everything it printed."""
    try:
        out, err = bot.communicate(timeout=timeout)
        return bot.returncode, out + err
    except subprocess.TimeoutExpired:
        bot.kill()
        out, err = bot.communicate()
        return None, out + err


def test_a_revoked_token_at_start_exits_with_one_line_and_no_token(data_dir):
    with FakeTelegram() as fake:  # knows only TOKEN, so it answers 401 to any other
        status, printed = _finish(start_bot(data_dir, fake.base_url, REVOKED))

    assert status == 1, printed
    assert REVOKED not in printed and REVOKED.split(":")[1] not in printed
    assert printed.count("Telegram refused the bot token") == 1, printed
    assert "Traceback" not in printed


def test_a_token_revoked_while_polling_ends_the_process_instead_of_leaving_it_deaf(data_dir):
    with FakeTelegram() as fake:
        bot = start_bot(data_dir, fake.base_url, TOKEN)
        deadline = time.monotonic() + 30
        while not any(method == "getUpdates" for method, _ in fake.calls):
            assert bot.poll() is None and time.monotonic() < deadline, "the bot never started polling"
            time.sleep(0.05)
        fake.fail("*", 401, times=None)  # the token is revoked under the running bot
        status, printed = _finish(bot)

    assert status == 1, printed
    assert TOKEN not in printed and TOKEN.split(":")[1] not in printed
    assert "Telegram refused the bot token" in printed
