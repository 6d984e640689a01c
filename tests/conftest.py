"""Shared fixtures: the bundled seed documents, and a memory built from them in a temp folder."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import Engine

from corpus.ingest import ingest_paths
from corpus.manifest import load_manifest
from corpus.settings import Config, load_config
from corpus.store import open_engine
from retrieval.service import Service, load_service
from tests.fake_telegram import FakeTelegram
from tests.seeds import BUNDLED


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
def memory(tmp_path_factory) -> Engine:
    """A database holding the whole bundled corpus; read-only for the tests that share it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('memory') / 'boardmem.db'}"
    engine = open_engine(url)
    outcomes = ingest_paths(engine, [BUNDLED], manifest=load_manifest(BUNDLED / "manifest.toml"))
    assert [o.status for o in outcomes] == ["added"] * 5, [o.message for o in outcomes]
    return engine


@pytest.fixture
def engine(tmp_path) -> Engine:
    """An empty database of a test's own."""
    return open_engine(f"sqlite:///{tmp_path / 'own.db'}")


@pytest.fixture(scope="session")
def real_service(tmp_path_factory) -> tuple[Config, Service]:
    """The bundled corpus ingested and indexed with the real model, loaded once per test run."""
    data_dir = tmp_path_factory.mktemp("real")
    config = load_config(env={"BOARDMEM_DATA_DIR": str(data_dir)})
    engine = open_engine(config.resolved_database_url)
    ingest_paths(engine, [BUNDLED], manifest=load_manifest(BUNDLED / "manifest.toml"))
    return config, load_service(config, log=lambda _message: None)


@pytest.fixture
def service(real_service, tmp_path) -> tuple[Config, Service]:
    """The real index and model over a copy of the memory, so a test may change the calendar."""
    config, shared = real_service
    # The backup API, not a file copy: with WAL, recent writes may not be in the main file yet.
    with sqlite3.connect(config.data_dir / "boardmem.db") as source, sqlite3.connect(tmp_path / "boardmem.db") as copy:
        source.backup(copy)
    own = load_config(env={"BOARDMEM_DATA_DIR": str(tmp_path)})
    engine = open_engine(own.resolved_database_url)
    return own, Service(engine, shared.index, shared.embedder, shared.searcher, shared.load_seconds)
