"""Every setting declared once, as data: config.toml, the environment and the README all follow SETTINGS.

Precedence: environment variable `BOARDMEM_<NAME>`, then the config file, then the default.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, Field, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = REPO_ROOT / "config.toml"
CONFIG_ENV_VAR = "BOARDMEM_CONFIG"


class ConfigError(ValueError):
    """A config file or environment variable that cannot be used as it stands."""


@dataclass(frozen=True)
class Setting:
    """One setting: its TOML key, default, meaning and value type."""

    name: str
    default: object
    help: str
    kind: type
    # Path-valued settings resolve relative to where the value was written.
    is_path: bool = False
    # For a path that may be absent (manifest), an empty value means none rather than the base folder.
    empty_means_none: bool = False

    @property
    def env_var(self) -> str:
        return f"BOARDMEM_{self.name.upper()}"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "data_dir",
        "data",
        "Folder for the database and indexes; relative paths are relative to the config file's folder.",
        str,
        is_path=True,
    ),
    Setting(
        "database_url",
        "",
        "Any SQLAlchemy URL; empty means a SQLite file `boardmem.db` in data_dir.",
        str,
    ),
    Setting(
        "corpus_paths",
        ["corpus/bundled"],
        "Files or folders `boardmem ingest` reads when given no path; relative to the config file.",
        list,
        is_path=True,
    ),
    Setting(
        "manifest",
        "corpus/bundled/manifest.toml",
        "TOML supplying what documents' text lacks (board name, meeting dates); "
        "relative to the config file; empty means none.",
        str,
        is_path=True,
        empty_means_none=True,
    ),
    Setting(
        "timezone",
        "Europe/London",
        "Time zone in which meeting dates and times are read and shown.",
        str,
    ),
    Setting(
        "approximate_above",
        50000,
        "Above this many chunks the vector index is approximate (FAISS HNSW) rather than exact (flat).",
        int,
    ),
    Setting(
        "embed_threads",
        2,
        "CPU threads the embedding model may use (0 lets torch decide).",
        int,
    ),
    Setting(
        "embed_batch_size",
        16,
        "Passages embedded per batch (16 measured fastest on 2 cores; see `boardmem bench`).",
        int,
    ),
    Setting(
        "results",
        5,
        "Results per answer (and per page of More).",
        int,
    ),
    Setting(
        "min_coverage",
        0.5,
        "Abstain unless a leading item holds at least this share of the question's rarer words (IDF-weighted).",
        float,
    ),
    Setting(
        "min_similarity",
        0.3,
        "Below this cosine similarity the best item must share more of the question's words (midway to all).",
        float,
    ),
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
        "confident_similarity",
        0.4,
        "At or above this cosine similarity half the usual word coverage suffices.",
        float,
    ),
    Setting(
        "max_document_mb",
        50,
        "Documents larger than this many megabytes are refused, unread, with a message saying so.",
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

_BY_NAME = {setting.name: setting for setting in SETTINGS}


@dataclass(frozen=True)
class Config:
    """Settings after loading: paths absolute, types checked."""

    data_dir: Path
    database_url: str
    corpus_paths: list[Path]
    manifest: Path | None
    timezone: str
    approximate_above: int
    embed_threads: int
    embed_batch_size: int
    results: int
    min_coverage: float
    min_similarity: float
    api_base_url: str
    allowed_users: list[str]
    allowed_chats: list[str]
    officers: list[str]
    rate_limit_per_minute: int
    reminder_days: str
    reminder_time: str
    reminder_refresh_minutes: int
    confident_similarity: float
    max_document_mb: int
    # Defaulted so Configs built by hand (tests) need not name them.
    heartbeat_minutes: int = 60
    log_level: str = "INFO"
    log_json: bool = False

    @property
    def index_dir(self) -> Path:
        """Where the search index and embedding cache live."""
        return self.data_dir / "index"

    @property
    def resolved_database_url(self) -> str:
        """The database URL to connect to, defaulting to a SQLite file in data_dir."""
        return self.database_url or f"sqlite:///{self.data_dir.resolve() / 'boardmem.db'}"


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
MAX_LEAD_DAYS = 60  # as /remind allows


def _known_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("not a known time zone (an IANA name such as Europe/London or UTC)") from None
    return value


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
Share = Annotated[float, Field(ge=0, le=1)]
Cosine = Annotated[float, Field(ge=-1, le=1)]


class CheckedSettings(BaseSettings):
    """What each setting may hold, checked by pydantic when the settings are read rather than at first use.

    Values reach it already gathered by load_config (file, then environment, each remembering where it came
    from, which relative paths and error messages need), so its only source is the keyword arguments.
    """

    model_config = SettingsConfigDict(extra="forbid", frozen=True)

    data_dir: str
    database_url: str
    corpus_paths: list[str]
    manifest: str
    timezone: Annotated[str, AfterValidator(_known_zone)]
    approximate_above: int = Field(ge=1)
    embed_threads: int = Field(ge=0)
    embed_batch_size: int = Field(ge=1)
    results: int = Field(ge=1)
    min_coverage: Share
    min_similarity: Cosine
    api_base_url: Annotated[str, AfterValidator(_web_address)]
    allowed_users: list[UserId]
    allowed_chats: list[ChatId]
    officers: list[UserId]
    rate_limit_per_minute: int = Field(ge=1)
    reminder_days: Annotated[str, AfterValidator(_lead_days)]
    reminder_time: Annotated[str, AfterValidator(_clock_time)]
    reminder_refresh_minutes: int = Field(ge=1)
    confident_similarity: Cosine
    max_document_mb: int = Field(ge=1)
    heartbeat_minutes: int = Field(ge=0)
    log_level: Annotated[str, AfterValidator(_log_level)]
    log_json: bool

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Not pydantic-settings' own environment or dotenv reading: load_config has read them already
        # (under BOARDMEM_ names, from the mapping it was given), and a stray RESULTS variable must not count.
        return (init_settings,)


def load_config(path: Path | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Read `path`, else $BOARDMEM_CONFIG, else the repo's config.toml (missing means defaults), then env."""
    env = os.environ if env is None else env
    if path is None:
        path = Path(env[CONFIG_ENV_VAR]) if env.get(CONFIG_ENV_VAR) else DEFAULT_CONFIG
    path = Path(path).resolve()

    # Each value travels with the folder its relative paths resolve against. Defaults are written
    # for the repo (the bundled corpus lives there), so they resolve there whichever file is read.
    values: dict[str, tuple[object, Path]] = {s.name: (s.default, REPO_ROOT) for s in SETTINGS}
    origins: dict[str, str] = {}  # where a value was written, so an error can send the reader there
    for key, value in _read_toml(path).items():
        setting = _BY_NAME.get(key)
        if setting is None:
            raise ConfigError(f"{path}: unknown setting {key!r}; known: {', '.join(_BY_NAME)}")
        if not _has_type(value, setting.kind):
            raise ConfigError(f"{path}: setting {key!r} must be {_type_name(setting.kind)}, got {value!r}")
        values[key] = (value, path.parent)
        origins[key] = str(path)

    cwd = Path.cwd()
    for setting in SETTINGS:
        raw = env.get(setting.env_var)
        if raw is None:
            continue
        origins[setting.name] = setting.env_var
        if setting.kind is list:
            values[setting.name] = ([part.strip() for part in raw.split(",") if part.strip()], cwd)
        elif setting.kind in (int, float):
            try:
                values[setting.name] = (setting.kind(raw), cwd)
            except ValueError as e:
                raise ConfigError(f"{setting.env_var}: must be {_type_name(setting.kind)}, got {raw!r}") from e
        else:
            values[setting.name] = (raw, cwd)  # a bool's "true"/"1"/"off" is read by the check below

    checked = check_values({name: value for name, (value, _base) in values.items()}, origins)
    return Config(**{name: _convert(_BY_NAME[name], checked[name], base) for name, (_value, base) in values.items()})


def check_values(values: Mapping[str, object], origins: Mapping[str, str] | None = None) -> dict[str, object]:
    """The settings' values once CheckedSettings has checked them (some normalised, e.g. log_level upper case).

    ConfigError names the first bad setting and where its value came from (`origins`: name -> file or variable).
    """
    try:
        return CheckedSettings(**values).model_dump()
    except ValidationError as error:
        problem = error.errors()[0]
        name = str(problem["loc"][0])
        where = (origins or {}).get(name, "")
        reason = str(problem["msg"]).removeprefix("Value error, ")
        shown = values.get(name)
        raise ConfigError(f"{where + ': ' if where else ''}setting {name!r}: {reason}, got {shown!r}") from None


def setting_default(name: str) -> object:
    """A setting's declared default, for code that runs without a loaded Config."""
    return _BY_NAME[name].default


def settings_table_markdown() -> str:
    """The settings as a Markdown table; README.md carries this text verbatim."""
    lines = [
        "| Setting | Environment variable | Default | Meaning |",
        "| --- | --- | --- | --- |",
    ]
    for s in SETTINGS:
        lines.append(f"| `{s.name}` | `{s.env_var}` | `{_toml_literal(s.default)}` | {s.help} |")
    return "\n".join(lines) + "\n"


def _read_toml(path: Path) -> dict[str, object]:
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from e


def _has_type(value: object, kind: type) -> bool:
    if kind is list:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if isinstance(value, bool):
        return kind is bool
    if kind is float:
        return isinstance(value, int | float)
    return isinstance(value, kind)


def _type_name(kind: type) -> str:
    return "a list of strings" if kind is list else f"a {kind.__name__}"


def _convert(setting: Setting, value: object, base: Path) -> object:
    if setting.kind is float:
        return float(value)  # type: ignore[arg-type]
    if not setting.is_path:
        return value
    if isinstance(value, list):
        return [_resolve(item, base) for item in value]
    if not value and setting.empty_means_none:
        return None
    return _resolve(value, base)


def _resolve(value: str, base: Path) -> Path:
    return (base / Path(value).expanduser()).resolve()


def _toml_literal(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_toml_literal(item) for item in value) + "]"
    # JSON string syntax is valid TOML basic-string syntax.
    return json.dumps(value, ensure_ascii=False)
