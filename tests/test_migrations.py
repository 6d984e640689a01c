"""Frozen migrations: a database built by running them all is the schema the models declare, on
SQLite and on PostgreSQL (BOARDMEM_TEST_DATABASE_URL), and none of them reads today's models."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, inspect
from sqlmodel import SQLModel

import bot.reminders  # noqa: F401 - registers the bot's tables (reminders) in SQLModel.metadata
import corpus.models  # noqa: F401 - registers the memory's tables in SQLModel.metadata
from corpus import migrations
from corpus.store import open_engine, schema_version


def schema(engine: Engine) -> dict[str, dict]:
    """Everything a database says of its tables that the code relies on, in a comparable form."""
    inspector = inspect(engine)
    tables = {}
    for table in inspector.get_table_names():
        columns = {
            column["name"]: (
                str(column["type"].compile(dialect=engine.dialect)),
                column["nullable"],
                str(column.get("default")),
            )
            for column in inspector.get_columns(table)
        }
        indexes = {
            (index["name"], tuple(index["column_names"]), bool(index["unique"]))
            for index in inspector.get_indexes(table)
        }
        uniques = {tuple(unique["column_names"]) for unique in inspector.get_unique_constraints(table)}
        keys = {
            (
                tuple(key["constrained_columns"]),
                key["referred_table"],
                tuple(key["referred_columns"]),
                key["options"].get("ondelete"),
            )
            for key in inspector.get_foreign_keys(table)
        }
        primary = tuple(inspector.get_pk_constraint(table)["constrained_columns"])
        tables[table] = {"columns": columns, "indexes": indexes, "uniques": uniques, "keys": keys, "primary": primary}
    return tables


def declared(url: str) -> dict[str, dict]:
    """The schema the models declare today, as create_all builds it on a database of that engine."""
    engine = create_engine(url)
    SQLModel.metadata.create_all(engine)
    try:
        return schema(engine)
    finally:
        engine.dispose()


def test_a_new_sqlite_database_is_the_schema_the_models_declare(tmp_path):
    migrated = open_engine(f"sqlite:///{tmp_path / 'migrated.db'}")

    assert schema(migrated) == declared(f"sqlite:///{tmp_path / 'declared.db'}")


def test_a_new_postgresql_database_is_the_schema_the_models_declare(postgres_databases):
    migrated = open_engine(postgres_databases())

    assert schema(migrated) == declared(postgres_databases())


def test_every_migration_runs_once_and_is_recorded(tmp_path):
    engine = open_engine(f"sqlite:///{tmp_path / 'own.db'}")

    assert schema_version(engine) == len(migrations.MIGRATIONS)
    with engine.connect() as connection:
        versions = connection.exec_driver_sql("SELECT version FROM schemaversion ORDER BY version").scalars().all()
    assert versions == list(range(1, len(migrations.MIGRATIONS) + 1))


def test_opening_a_migrated_database_again_changes_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'own.db'}"
    before = schema(open_engine(url))

    assert schema(open_engine(url)) == before


def test_no_migration_reads_the_models_of_today():
    source = Path(migrations.__file__).read_text()
    imported = {
        node.module or "" for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ImportFrom | ast.Import)
    } | {alias.name for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Import) for alias in node.names}

    assert not any("models" in name or "sqlmodel" in name for name in imported)
    assert "create_all(engine)" not in source


@pytest.mark.parametrize("version", range(1, len(migrations.MIGRATIONS)))
def test_a_database_stopped_at_any_version_upgrades_to_the_same_schema(tmp_path, version):
    old = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(old)
    migrations.schema_version_table().create(engine)
    for migration in migrations.MIGRATIONS[:version]:
        migration(engine)
    with engine.begin() as connection:
        for number in range(1, version + 1):
            connection.exec_driver_sql(f"INSERT INTO schemaversion VALUES ({number}, '2024-01-01 00:00:00')")
    engine.dispose()

    assert schema(open_engine(old)) == schema(open_engine(f"sqlite:///{tmp_path / 'new.db'}"))


def test_pings_made_before_migration_7_are_kept_and_follow_their_meeting(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    migrations.schema_version_table().create(engine)
    for migration in migrations.MIGRATIONS[:6]:
        migration(engine)
    with engine.begin() as connection:
        for number in range(1, 7):
            connection.exec_driver_sql(f"INSERT INTO schemaversion VALUES ({number}, '2024-01-01 00:00:00')")
        connection.exec_driver_sql("INSERT INTO body (id, name) VALUES (1, 'Test Board')")
        connection.exec_driver_sql(
            "INSERT INTO meeting (id, body_id, date, status) VALUES (1, 1, '2026-12-10', 'scheduled')"
        )
        connection.exec_driver_sql(
            "INSERT INTO reminder (meeting_id, chat_id, lead_days, due_at) VALUES (1, 77, 7, '2026-12-03 09:00:00')"
        )
    engine.dispose()

    upgraded = open_engine(url)
    with upgraded.begin() as connection:
        kept = connection.exec_driver_sql("SELECT chat_id, lead_days FROM reminder").all()
        connection.exec_driver_sql("DELETE FROM meeting WHERE id = 1")
        left = connection.exec_driver_sql("SELECT count(*) FROM reminder").scalar()

    assert kept == [(77, 7)] and left == 0
