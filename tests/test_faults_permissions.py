"""The memory holds chat ids and officers' notes: only its owner may read its files, whatever the umask."""

from __future__ import annotations

import os
import stat

from corpus.ingest import ingest_paths
from corpus.store import open_engine
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
