"""The bot's settings (Telegram, who may use it, reminders, logs), declared as data like the memory's.

They live in the same config.toml and BOARDMEM_ environment variables and are read by the same rules
(corpus.settings.load_settings); `boardmem` loads both parts together and refuses a key neither declares.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field

from corpus.settings import SETTINGS, CheckedSettings, Config, Setting, load_settings, settings_table_markdown

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
MAX_LEAD_DAYS = 60  # as /remind allows

BOT_SETTINGS: tuple[Setting, ...] = (
    Setting(
        "api_base_url",
        "",
        "Bot API endpoint in python-telegram-bot's form `http://host:port/bot`; empty means Telegram's own.",
        str,
    ),
    Setting(
        "allowed_users",
        [],
        "Telegram user ids allowed to use the bot (members); officers are always allowed.",
        list,
    ),
    Setting(
        "allowed_chats",
        [],
        "Telegram chat ids (e.g. the board's group) whose every member may use the bot.",
        list,
    ),
    Setting(
        "officers",
        [],
        "Telegram user ids of officers, who may also /schedule and /cancel meetings.",
        list,
    ),
    Setting(
        "rate_limit_per_minute",
        20,
        "Questions one user may ask per minute before being asked to slow down.",
        int,
    ),
    Setting(
        "reminder_days",
        "7,1",
        "Default reminder lead times, in whole days before a meeting, comma-separated.",
        str,
    ),
    Setting(
        "reminder_time",
        "09:00",
        "Time of day (in `timezone`) reminder pings go out.",
        str,
    ),
    Setting(
        "reminder_refresh_minutes",
        10,
        "How often the bot re-reads the calendar, so meetings added by a later ingest get reminders.",
        int,
    ),
    Setting(
        "heartbeat_minutes",
        60,
        "How often the polling bot logs that it is alive and how many chunks it holds (0: never).",
        int,
    ),
    Setting(
        "log_level",
        "INFO",
        "Least severe log lines the bot writes: DEBUG, INFO, WARNING, ERROR or CRITICAL.",
        str,
    ),
    Setting(
        "log_json",
        False,
        "Write logs as JSON, one object per line (time, level, logger, message), for a log collector.",
        bool,
    ),
)

# Every setting of `boardmem`, in the order config.toml and the README list them.
ALL_SETTINGS = SETTINGS + BOT_SETTINGS


@dataclass(frozen=True)
class BotConfig(Config):
    """The memory's settings and the bot's, after loading and checking."""

    api_base_url: str
    allowed_users: list[str]
    allowed_chats: list[str]
    officers: list[str]
    rate_limit_per_minute: int
    reminder_days: str
    reminder_time: str
    reminder_refresh_minutes: int
    heartbeat_minutes: int
    log_level: str
    log_json: bool


def _clock_time(value: str) -> str:
    if not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", value.strip()):
        raise ValueError("must be a 24-hour time HH:MM, such as 09:00 or 17:30")
    return value.strip()


def _lead_days(value: str) -> str:
    parts = [part.strip() for part in value.split(",")]
    if not all(part.isdigit() and int(part) <= MAX_LEAD_DAYS for part in parts):
        raise ValueError(f"must be whole days from 0 to {MAX_LEAD_DAYS}, comma-separated, such as 7,1")
    return ",".join(parts)


def _telegram_id(value: str) -> str:
    # Chats (groups, channels) have negative ids; users positive ones.
    if not re.fullmatch(r"-?\d+", value.strip()):
        raise ValueError("Telegram ids are whole numbers, such as 123456789 (a group's: -1001234567890)")
    return value.strip()


def _user_id(value: str) -> str:
    if not value.strip().isdigit():
        raise ValueError("Telegram user ids are positive whole numbers, such as 123456789")
    return value.strip()


def _log_level(value: str) -> str:
    if value.strip().upper() not in LOG_LEVELS:
        raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
    return value.strip().upper()


def _web_address(value: str) -> str:
    if value and not re.match(r"https?://[^/\s]+", value):
        raise ValueError("must be empty or an http:// or https:// address")
    return value


UserId = Annotated[str, AfterValidator(_user_id)]
ChatId = Annotated[str, AfterValidator(_telegram_id)]


class BotCheckedSettings(CheckedSettings):
    """What each of the bot's settings may hold, checked when read (with the memory's)."""

    api_base_url: Annotated[str, AfterValidator(_web_address)]
    allowed_users: list[UserId]
    allowed_chats: list[ChatId]
    officers: list[UserId]
    rate_limit_per_minute: int = Field(ge=1)
    reminder_days: Annotated[str, AfterValidator(_lead_days)]
    reminder_time: Annotated[str, AfterValidator(_clock_time)]
    reminder_refresh_minutes: int = Field(ge=1)
    heartbeat_minutes: int = Field(ge=0)
    log_level: Annotated[str, AfterValidator(_log_level)]
    log_json: bool


def load_bot_config(path: Path | None = None, env: Mapping[str, str] | None = None) -> BotConfig:
    """Every setting of `boardmem` (memory, search and bot), read and checked; a key nobody declares is an error."""
    return load_settings(ALL_SETTINGS, BotCheckedSettings, BotConfig, path, env, strict=True)


def all_settings_markdown() -> str:
    """Every setting as one Markdown table; README.md carries this text verbatim."""
    return settings_table_markdown(ALL_SETTINGS)
