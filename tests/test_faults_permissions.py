"""The memory holds chat ids and officers' notes: only its owner may read its files, whatever the umask."""

from __future__ import annotations

import os
import stat

from corpus.ingest import ingest_paths
from corpus.store import open_engine
from retrieval.index import ensure_index
from tests.fakes import HashingEmbedder
from tests.seeds import FIXTURES


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_data_folder_is_0700_and_the_database_and_its_wal_shm_and_lock_files_0600(tmp_path):
    data = tmp_path / "data"
    previous = os.umask(0)  # the most permissive umask: modes must not depend on it
    try:
        engine = open_engine(f"sqlite:///{data / 'boardmem.db'}")
        ingest_paths(engine, [FIXTURES / "harbour_town_2024-03-05.txt"])
        with engine.connect():  # an open connection keeps the -wal and -shm files in place
            files = {path.name: mode(path) for path in data.glob("boardmem.db*")}
    finally:
        os.umask(previous)

    assert mode(data) == 0o700
    assert {"boardmem.db", "boardmem.db-wal", "boardmem.db-shm"} <= set(files)
    assert files == dict.fromkeys(files, 0o600)  # the lock file too


def test_the_search_index_folders_are_0700_whatever_the_umask(tmp_path):
    # With PostgreSQL the data folder is not the database's: the index must guard itself.
    engine = open_engine(f"sqlite:///{tmp_path / 'elsewhere' / 'boardmem.db'}")
    ingest_paths(engine, [FIXTURES / "harbour_town_2024-03-05.txt"])
    folder = tmp_path / "data" / "index"
    previous = os.umask(0)
    try:
        ensure_index(engine, folder, HashingEmbedder(), approximate_above=1000, log=lambda _m: None)
    finally:
        os.umask(previous)

    assert mode(folder.parent) == 0o700 and mode(folder) == 0o700
