"""Shared fixtures: the bundled seed documents, and a memory built from them in a temp folder.

With BOARDMEM_TEST_DATABASE_URL set to a PostgreSQL server's URL (any database on it), the memories
and empty databases below are made on that server instead, each a database of its own, dropped after.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from bot.settings import BotConfig, load_bot_config
from corpus.ingest import ingest_paths
from corpus.manifest import load_manifest
from corpus.store import open_engine
from retrieval.service import Service, load_service
from tests.fake_telegram import FakeTelegram
from tests.seeds import BUNDLED

# A PostgreSQL server to run the store's tests on, e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres
TEST_DATABASE_URL = os.environ.get("BOARDMEM_TEST_DATABASE_URL", "")


@contextmanager
def postgres_database(server_url: str, prefix: str = "boardmem_test") -> Iterator[str]:
    """The URL of a new, empty database on the server `server_url` names; dropped (connections and all) after."""
    server = create_engine(server_url, isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


@contextmanager
def own_database(folder, name: str) -> Iterator[str]:
    """The URL of an empty database of one's own: on the test server when there is one, else a SQLite file."""
    if TEST_DATABASE_URL:
        with postgres_database(TEST_DATABASE_URL) as url:
            yield url
    else:
        yield f"sqlite:///{folder / name}"


@pytest.fixture
def postgres_databases() -> Iterator[Callable[[], str]]:
    """Makes new, empty databases on the test PostgreSQL server (skips without one); all dropped after."""
    if not TEST_DATABASE_URL:
        pytest.skip("BOARDMEM_TEST_DATABASE_URL is not set: no PostgreSQL server to test on")
    with ExitStack() as stack:
        yield lambda: stack.enter_context(postgres_database(TEST_DATABASE_URL))


def copy_memory(source: Engine, target: Engine) -> None:
    """Every row of one migrated memory into another, ids and all (the search index refers to them)."""
    import bot.reminders  # noqa: F401 - the bot's tables are the memory's too

    tables = [table for table in SQLModel.metadata.sorted_tables if table.name != "schemaversion"]
    with source.connect() as reading, target.begin() as writing:
        for table in reversed(tables):
            writing.execute(table.delete())
        for table in tables:
            rows = [dict(row._mapping) for row in reading.execute(table.select())]
            if rows:
                writing.execute(table.insert(), rows)
        if target.dialect.name == "postgresql":  # rows inserted with their ids leave the sequences behind
            for table in tables:
                key = next(iter(table.primary_key.columns))
                writing.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{key.name}'), "
                        f"COALESCE((SELECT MAX({key.name}) FROM {table.name}), 0) + 1, false)"
                    )
                )


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """No test touches a real database: the data directory is always a temporary one."""
    monkeypatch.setenv("BOARDMEM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("BOARDMEM_DATABASE_URL", raising=False)
    monkeypatch.delenv("BOARDMEM_CONFIG", raising=False)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    """httpx honours *_PROXY variables even for 127.0.0.1; the fake Bot API must be reached directly."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fake():
    """A running fake Bot API on loopback; afterwards it must have had no internal errors."""
    with FakeTelegram() as server:
        yield server
    assert server.errors == []


@pytest.fixture(scope="session")
def memory(tmp_path_factory) -> Iterator[Engine]:
    """A database holding the whole bundled corpus; read-only for the tests that share it."""
    with own_database(tmp_path_factory.mktemp("memory"), "boardmem.db") as url:
        engine = open_engine(url)
        outcomes = ingest_paths(engine, [BUNDLED], manifest=load_manifest(BUNDLED / "manifest.toml"))
        assert [o.status for o in outcomes] == ["added"] * 5, [o.message for o in outcomes]
        yield engine
        engine.dispose()


@pytest.fixture
def database_url(tmp_path) -> Iterator[str]:
    """The URL of an empty database of a test's own, for tests that open it more than once or in another process."""
    with own_database(tmp_path, "boardmem.db") as url:
        yield url


@pytest.fixture
def engine(tmp_path) -> Iterator[Engine]:
    """An empty database of a test's own."""
    with own_database(tmp_path, "own.db") as url:
        engine = open_engine(url)
        yield engine
        engine.dispose()


@pytest.fixture(scope="session")
def real_service(tmp_path_factory) -> tuple[BotConfig, Service]:
    """The bundled corpus ingested and indexed with the real model, loaded once per test run."""
    data_dir = tmp_path_factory.mktemp("real")
    config = load_bot_config(env={"BOARDMEM_DATA_DIR": str(data_dir)})
    engine = open_engine(config.resolved_database_url)
    ingest_paths(engine, [BUNDLED], manifest=load_manifest(BUNDLED / "manifest.toml"))
    return config, load_service(config, log=lambda _message: None)


@pytest.fixture
def service(real_service, tmp_path) -> Iterator[tuple[BotConfig, Service]]:
    """The real index and model over a copy of the memory, so a test may change the calendar."""
    config, shared = real_service
    if TEST_DATABASE_URL:
        with postgres_database(TEST_DATABASE_URL) as url:
            own = load_bot_config(env={"BOARDMEM_DATA_DIR": str(tmp_path), "BOARDMEM_DATABASE_URL": url})
            engine = open_engine(url)
            copy_memory(shared.engine, engine)
            yield own, Service(engine, shared.index, shared.embedder, shared.searcher, shared.load_seconds)
            engine.dispose()
        return
    # The backup API, not a file copy: with WAL, recent writes may not be in the main file yet.
    with sqlite3.connect(config.data_dir / "boardmem.db") as source, sqlite3.connect(tmp_path / "boardmem.db") as copy:
        source.backup(copy)
    own = load_bot_config(env={"BOARDMEM_DATA_DIR": str(tmp_path)})
    engine = open_engine(own.resolved_database_url)
    yield own, Service(engine, shared.index, shared.embedder, shared.searcher, shared.load_seconds)
