"""Every setting declared once, as data: config.toml, the environment and the README all follow SETTINGS
(the memory's and search's here; the bot declares its own in bot/settings.py, loaded by the same rules).

Precedence: environment variable `BOARDMEM_<NAME>`, then the config file, then the default.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, TypeVar
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
        "Above this many chunks the vector index is approximate (FAISS IVF, recall checked against exact) "
        "rather than exact (flat).",
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
        "max_pages",
        2_000,
        "PDFs with more pages than this are refused before their pages are read.",
        int,
    ),
    Setting(
        "max_characters",
        20_000_000,
        "Documents whose text runs past this many characters are refused (about 10,000 pages).",
        int,
    ),
    Setting(
        "max_lines",
        1_000_000,
        "Documents whose text runs past this many lines are refused.",
        int,
    ),
    Setting(
        "max_zip_members",
        2_000,
        "Word files (zip packages) holding more parts than this are refused unopened.",
        int,
    ),
    Setting(
        "max_unpacked_mb",
        200,
        "Word files whose parts unpack to more than this many megabytes are refused unopened.",
        int,
    ),
    Setting(
        "max_html_depth",
        512,
        "Web pages whose elements nest deeper than this are refused.",
        int,
    ),
    Setting(
        "max_html_nodes",
        2_000_000,
        "Web pages of more elements than this are refused.",
        int,
    ),
    Setting(
        "reader_memory_mb",
        1_024,
        "Memory in megabytes the process reading an upload may use; a document needing more is refused.",
        int,
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
    confident_similarity: float
    max_document_mb: int
    max_pages: int
    max_characters: int
    max_lines: int
    max_zip_members: int
    max_unpacked_mb: int
    max_html_depth: int
    max_html_nodes: int
    reader_memory_mb: int

    @property
    def index_dir(self) -> Path:
        """Where the search index and embedding cache live."""
        return self.data_dir / "index"

    @property
    def resolved_database_url(self) -> str:
        """The database URL to connect to, defaulting to a SQLite file in data_dir."""
        return self.database_url or f"sqlite:///{self.data_dir.resolve() / 'boardmem.db'}"


ConfigT = TypeVar("ConfigT", bound=Config)


def _known_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("not a known time zone (an IANA name such as Europe/London or UTC)") from None
    return value


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
    confident_similarity: Cosine
    max_document_mb: int = Field(ge=1)
    max_pages: int = Field(ge=1)
    max_characters: int = Field(ge=1)
    max_lines: int = Field(ge=1)
    max_zip_members: int = Field(ge=1)
    max_unpacked_mb: int = Field(ge=1)
    max_html_depth: int = Field(ge=1)
    max_html_nodes: int = Field(ge=1)
    reader_memory_mb: int = Field(ge=256)

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
    """The memory's and search's settings from `path`, else $BOARDMEM_CONFIG, else the repo's config.toml, then env.

    Keys another part declares (the bot's) are that part's to check: `boardmem` loads every part's settings
    (bot.settings.load_bot_config), and there a key nobody declares is an error.
    """
    return load_settings(SETTINGS, CheckedSettings, Config, path, env, strict=False)


def load_settings(
    settings: tuple[Setting, ...],
    checked: type[CheckedSettings],
    make: type[ConfigT],
    path: Path | None = None,
    env: Mapping[str, str] | None = None,
    strict: bool = True,
) -> ConfigT:
    """Read `settings` (missing file means defaults; then env), check them with `checked`, build a `make`.

    `strict`: a key in the file that is not one of `settings` is an error naming the file.
    """
    env = os.environ if env is None else env
    if path is None:
        path = Path(env[CONFIG_ENV_VAR]) if env.get(CONFIG_ENV_VAR) else DEFAULT_CONFIG
    path = Path(path).resolve()
    by_name = {setting.name: setting for setting in settings}

    # Each value travels with the folder its relative paths resolve against. Defaults are written
    # for the repo (the bundled corpus lives there), so they resolve there whichever file is read.
    values: dict[str, tuple[object, Path]] = {s.name: (s.default, REPO_ROOT) for s in settings}
    origins: dict[str, str] = {}  # where a value was written, so an error can send the reader there
    for key, value in _read_toml(path).items():
        setting = by_name.get(key)
        if setting is None:
            if strict:
                raise ConfigError(f"{path}: unknown setting {key!r}; known: {', '.join(by_name)}")
            continue
        if not _has_type(value, setting.kind):
            raise ConfigError(f"{path}: setting {key!r} must be {_type_name(setting.kind)}, got {value!r}")
        values[key] = (value, path.parent)
        origins[key] = str(path)

    cwd = Path.cwd()
    for setting in settings:
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

    valid = check_values({name: value for name, (value, _base) in values.items()}, origins, checked)
    return make(**{name: _convert(by_name[name], valid[name], base) for name, (_value, base) in values.items()})


def check_values(
    values: Mapping[str, object],
    origins: Mapping[str, str] | None = None,
    checked: type[CheckedSettings] | None = None,
) -> dict[str, object]:
    """The settings' values once `checked` (CheckedSettings by default) has checked them, some normalised.

    ConfigError names the first bad setting and where its value came from (`origins`: name -> file or variable).
    """
    try:
        return (checked or CheckedSettings)(**values).model_dump()
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


def settings_table_markdown(settings: tuple[Setting, ...] = SETTINGS) -> str:
    """The settings as a Markdown table; README.md carries every part's table verbatim."""
    lines = [
        "| Setting | Environment variable | Default | Meaning |",
        "| --- | --- | --- | --- |",
    ]
    for s in settings:
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
