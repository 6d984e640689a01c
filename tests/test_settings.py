"""Settings are declared once in corpus.settings; config.toml, the environment and the README follow."""

import tomllib
from dataclasses import fields
from pathlib import Path

import pytest

from corpus.settings import (
    DEFAULT_CONFIG,
    REPO_ROOT,
    SETTINGS,
    Config,
    ConfigError,
    load_config,
    settings_table_markdown,
)


def test_defaults_load_from_the_repo_config_toml():
    config = load_config(env={})

    assert config == Config(
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
        load_config(path, env={})

    assert str(path.resolve()) in str(excinfo.value)
    assert "data_dri" in str(excinfo.value)


def test_value_of_the_wrong_type_is_an_error_naming_the_file_and_the_key(tmp_path):
    path = tmp_path / "board.toml"
    path.write_text('corpus_paths = "corpus/bundled"\n')

    with pytest.raises(ConfigError) as excinfo:
        load_config(path, env={})

    assert str(path.resolve()) in str(excinfo.value)
    assert "corpus_paths" in str(excinfo.value)


def test_every_setting_is_in_config_toml_and_every_key_there_is_a_setting():
    keys = set(tomllib.loads(DEFAULT_CONFIG.read_text()))

    assert keys == {setting.name for setting in SETTINGS}


def test_config_has_one_attribute_per_setting():
    assert [f.name for f in fields(Config)] == [setting.name for setting in SETTINGS]


def test_readme_carries_the_settings_table_verbatim():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()

    assert settings_table_markdown() in readme


def test_numeric_settings_come_from_the_environment_as_numbers():
    config = load_config(env={"BOARDMEM_RESULTS": "8", "BOARDMEM_MIN_COVERAGE": "0.4"})

    assert (config.results, config.min_coverage) == (8, 0.4)


def test_a_non_numeric_environment_value_names_its_variable():
    with pytest.raises(ConfigError, match="BOARDMEM_RESULTS"):
        load_config(env={"BOARDMEM_RESULTS": "many"})
