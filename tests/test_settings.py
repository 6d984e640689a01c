"""Settings are declared once (the memory's in corpus.settings, the bot's in bot.settings); config.toml, the
environment and the README follow."""

import tomllib
from dataclasses import fields
from pathlib import Path

import pytest

from bot.settings import (
    ALL_SETTINGS,
    BOT_SETTINGS,
    BotCheckedSettings,
    BotConfig,
    all_settings_markdown,
    load_bot_config,
)
from corpus.settings import (
    DEFAULT_CONFIG,
    REPO_ROOT,
    SETTINGS,
    CheckedSettings,
    Config,
    ConfigError,
    load_config,
)


def test_defaults_load_from_the_repo_config_toml():
    config = load_bot_config(env={})

    assert config == BotConfig(
        data_dir=REPO_ROOT / "data",
        database_url="",
        corpus_paths=[REPO_ROOT / "corpus" / "bundled"],
        manifest=REPO_ROOT / "corpus" / "bundled" / "manifest.toml",
        timezone="Europe/London",
        approximate_above=50000,
        embed_threads=2,
        embed_batch_size=16,
        results=5,
        min_coverage=0.5,
        min_similarity=0.3,
        confident_similarity=0.4,
        api_base_url="",
        allowed_users=[],
        allowed_chats=[],
        officers=[],
        rate_limit_per_minute=20,
        reminder_days="7,1",
        reminder_time="09:00",
        reminder_refresh_minutes=10,
        max_document_mb=50,
        max_pages=2000,
        max_characters=20_000_000,
        max_lines=1_000_000,
        max_zip_members=2000,
        max_unpacked_mb=200,
        max_html_depth=512,
        max_html_nodes=2_000_000,
        reader_memory_mb=1024,
        heartbeat_minutes=60,
        log_level="INFO",
        log_json=False,
    )


def test_environment_overrides_data_dir_and_database_url(tmp_path):
    config = load_config(
        env={"BOARDMEM_DATA_DIR": str(tmp_path), "BOARDMEM_DATABASE_URL": "sqlite:///:memory:"},
    )

    assert config.data_dir == tmp_path
    assert config.resolved_database_url == "sqlite:///:memory:"


def test_list_settings_from_environment_are_comma_separated(tmp_path):
    config = load_config(env={"BOARDMEM_CORPUS_PATHS": f"{tmp_path / 'a'}, {tmp_path / 'b'}"})

    assert config.corpus_paths == [tmp_path / "a", tmp_path / "b"]


def test_empty_database_url_means_a_sqlite_file_in_data_dir(tmp_path):
    config = load_config(env={"BOARDMEM_DATA_DIR": str(tmp_path)})

    assert config.resolved_database_url == f"sqlite:///{tmp_path.resolve()}/boardmem.db"


def test_relative_paths_in_a_config_file_resolve_against_its_folder(tmp_path):
    path = tmp_path / "board.toml"
    path.write_text('data_dir = "store"\nmanifest = ""\n')

    config = load_config(path, env={})

    assert config.data_dir == tmp_path.resolve() / "store"
    assert config.manifest is None


def test_unknown_key_is_an_error_naming_the_file_and_the_key(tmp_path):
    path = tmp_path / "board.toml"
    path.write_text('data_dri = "data"\n')

    with pytest.raises(ConfigError) as excinfo:
        load_bot_config(path, env={})

    assert str(path.resolve()) in str(excinfo.value)
    assert "data_dri" in str(excinfo.value)


def test_value_of_the_wrong_type_is_an_error_naming_the_file_and_the_key(tmp_path):
    path = tmp_path / "board.toml"
    path.write_text('corpus_paths = "corpus/bundled"\n')

    with pytest.raises(ConfigError) as excinfo:
        load_config(path, env={})

    assert str(path.resolve()) in str(excinfo.value)
    assert "corpus_paths" in str(excinfo.value)


def test_the_memory_leaves_the_bots_settings_to_the_bot(tmp_path):
    path = tmp_path / "board.toml"
    path.write_text('officers = ["123456789"]\nresults = 7\n')

    assert load_config(path, env={}).results == 7
    assert load_bot_config(path, env={}).officers == ["123456789"]


def test_the_bots_settings_are_not_the_memorys():
    assert not {s.name for s in BOT_SETTINGS} & {s.name for s in SETTINGS}
    assert not {f.name for f in fields(Config)} & {s.name for s in BOT_SETTINGS}


def test_every_setting_is_in_config_toml_in_order_and_every_key_there_is_a_setting():
    keys = list(tomllib.loads(DEFAULT_CONFIG.read_text()))

    assert keys == [setting.name for setting in ALL_SETTINGS]


def test_config_has_one_attribute_per_setting():
    assert [f.name for f in fields(Config)] == [setting.name for setting in SETTINGS]
    assert [f.name for f in fields(BotConfig)] == [setting.name for setting in ALL_SETTINGS]


def test_readme_carries_the_settings_table_verbatim():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()

    assert all_settings_markdown() in readme


def test_numeric_settings_come_from_the_environment_as_numbers():
    config = load_config(env={"BOARDMEM_RESULTS": "8", "BOARDMEM_MIN_COVERAGE": "0.4"})

    assert (config.results, config.min_coverage) == (8, 0.4)


def test_a_non_numeric_environment_value_names_its_variable():
    with pytest.raises(ConfigError, match="BOARDMEM_RESULTS"):
        load_config(env={"BOARDMEM_RESULTS": "many"})


# --- checked when read: a bad value stops the start, naming the setting and where it was written ---------


def write_config(tmp_path, text):
    path = tmp_path / "board.toml"
    path.write_text(text)
    return path


def test_an_unknown_time_zone_in_the_file_names_the_setting_and_the_file(tmp_path):
    path = write_config(tmp_path, 'timezone = "Europe/Atlantis"\n')

    with pytest.raises(ConfigError) as excinfo:
        load_config(path, env={})

    message = str(excinfo.value)
    assert "'timezone'" in message and str(path.resolve()) in message and "Europe/Atlantis" in message


def test_a_reminder_time_not_in_24_hour_clock_is_refused_at_load(tmp_path):
    path = write_config(tmp_path, 'reminder_time = "9am"\n')

    with pytest.raises(ConfigError, match=r"'reminder_time'.*HH:MM.*'9am'"):
        load_bot_config(path, env={})


def test_a_non_numeric_officer_id_from_the_environment_names_its_variable():
    with pytest.raises(ConfigError, match=r"BOARDMEM_OFFICERS: setting 'officers'.*whole numbers"):
        load_bot_config(env={"BOARDMEM_OFFICERS": "123456789, @clerk"})


def test_a_group_chat_id_may_be_negative_but_a_user_id_may_not():
    assert load_bot_config(env={"BOARDMEM_ALLOWED_CHATS": "-1001234567890"}).allowed_chats == ["-1001234567890"]

    with pytest.raises(ConfigError, match="'allowed_users'"):
        load_bot_config(env={"BOARDMEM_ALLOWED_USERS": "-5"})


@pytest.mark.parametrize(
    ("setting", "value"),
    [("results", -3), ("rate_limit_per_minute", 0), ("max_document_mb", -1), ("heartbeat_minutes", -60)],
)
def test_a_negative_or_zero_count_is_refused_at_load(tmp_path, setting, value):
    path = write_config(tmp_path, f"{setting} = {value}\n")

    with pytest.raises(ConfigError, match=rf"'{setting}'.*greater than or equal"):
        load_bot_config(path, env={})


def test_a_share_above_one_is_refused_at_load(tmp_path):
    with pytest.raises(ConfigError, match="'min_coverage'"):
        load_config(write_config(tmp_path, "min_coverage = 1.5\n"), env={})


def test_reminder_days_must_be_whole_days_a_chat_could_ask_for():
    with pytest.raises(ConfigError, match="'reminder_days'"):
        load_bot_config(env={"BOARDMEM_REMINDER_DAYS": "7,one"})


def test_log_settings_read_from_the_environment():
    config = load_bot_config(env={"BOARDMEM_LOG_LEVEL": "warning", "BOARDMEM_LOG_JSON": "true"})

    assert (config.log_level, config.log_json) == ("WARNING", True)


def test_an_unknown_log_level_is_refused_at_load():
    with pytest.raises(ConfigError, match=r"BOARDMEM_LOG_LEVEL.*DEBUG, INFO"):
        load_bot_config(env={"BOARDMEM_LOG_LEVEL": "loud"})


def test_an_error_caught_at_load_stops_the_command_with_one_line(tmp_path, capsys):
    from bot.cli import main

    path = write_config(tmp_path, 'reminder_time = "9am"\n')

    status = main(["--config", str(path), "meetings"])

    err = capsys.readouterr().err
    assert status == 2 and "reminder_time" in err and str(path.resolve()) in err and err.count("\n") == 1


def test_every_setting_is_checked():
    assert list(CheckedSettings.model_fields) == [setting.name for setting in SETTINGS]
    assert list(BotCheckedSettings.model_fields) == [setting.name for setting in ALL_SETTINGS]


def test_the_check_reads_no_environment_of_its_own(monkeypatch):
    monkeypatch.setenv("RESULTS", "-1")  # pydantic-settings' own reading would take this

    assert load_config(env={}).results == 5
