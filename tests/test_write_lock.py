"""The memory's write lock: re-entrant within one thread, exclusive across threads and processes, and able to
tell when it has stopped being ours (its lock file removed or replaced, its PostgreSQL session gone)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap
import threading

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from corpus.ingest import ingest_paths, utc_now
from corpus.lock import LockLost, MemoryBusy, held, lock_path, writing
from corpus.models import Document
from corpus.settings import REPO_ROOT
from corpus.store import is_database_fault, open_engine
from tests.seeds import FIXTURES

# Tries the lock of the memory at argv[1] once, in a process of its own: prints "locked" or "busy".
TRY_LOCK = textwrap.dedent(
    """
    import sys
    from corpus.lock import MemoryBusy, writing
    from corpus.store import open_engine

    try:
        with writing(open_engine(sys.argv[1]), wait=0):
            print("locked")
    except MemoryBusy:
        print("busy")
    """
)


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def another_thread_can_lock(engine: Engine) -> bool:
    result: list[bool] = []

    def attempt() -> None:
        try:
            with writing(engine, wait=0):
                result.append(True)
        except MemoryBusy:
            result.append(False)

    thread = threading.Thread(target=attempt)
    thread.start()
    thread.join()
    return result[0]


def another_process_can_lock(engine: Engine) -> bool:
    run = subprocess.run(
        [sys.executable, "-c", TRY_LOCK, url_of(engine)], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout.strip() == "locked"


@pytest.fixture
def sqlite_engine(tmp_path) -> Engine:
    engine = open_engine(f"sqlite:///{tmp_path / 'boardmem.db'}")
    yield engine
    engine.dispose()


def test_a_block_inside_another_in_the_same_thread_shares_its_lock(engine):
    with writing(engine) as outer, writing(engine, wait=0) as inner:
        assert inner is outer
        assert held(engine) is outer


def test_another_engine_on_the_same_memory_in_the_same_thread_shares_it_too(engine):
    second = open_engine(url_of(engine))  # as `boardmem ingest` opens one more for indexing

    with writing(engine) as outer, writing(second, wait=0) as inner:
        assert inner is outer

    second.dispose()


def test_the_end_of_an_inner_block_keeps_the_lock_from_other_threads_and_processes(engine):
    with writing(engine):
        with writing(engine, wait=0):
            pass

        assert not another_thread_can_lock(engine)
        assert not another_process_can_lock(engine)

    assert held(engine) is None
    assert another_thread_can_lock(engine) and another_process_can_lock(engine)


def test_a_block_that_must_not_nest_is_refused_inside_one_of_the_same_thread(engine):
    with writing(engine), pytest.raises(MemoryBusy, match="itself writing"), writing(engine, wait=0, nested=False):
        pass


def test_check_passes_while_the_lock_file_is_the_one_locked(sqlite_engine):
    with writing(sqlite_engine) as lock:
        lock.check()


def test_check_notices_the_lock_file_removed(sqlite_engine):
    with writing(sqlite_engine) as lock:
        lock_path(sqlite_engine).unlink()

        with pytest.raises(LockLost, match="was removed or replaced"):
            lock.check()


def test_check_notices_the_lock_file_replaced_and_another_writer_locking_the_new_one(sqlite_engine, tmp_path):
    path = lock_path(sqlite_engine)
    with writing(sqlite_engine) as lock:
        (tmp_path / "other.lock").write_text("")
        os.replace(tmp_path / "other.lock", path)

        assert another_process_can_lock(sqlite_engine)  # the reason check() must be called before committing
        with pytest.raises(LockLost):
            lock.check()


def test_an_ingest_whose_lock_file_is_removed_stops_before_its_next_document_and_says_so(sqlite_engine, tmp_path):
    folder = tmp_path / "minutes"
    folder.mkdir()
    shutil.copy(FIXTURES / "harbour_town_2024-03-05.txt", folder / "a.txt")
    shutil.copy(FIXTURES / "northbrook_parish_2024-02-12.txt", folder / "b.txt")

    def clock_that_removes_the_lock_file() -> dt.datetime:
        lock_path(sqlite_engine).unlink(missing_ok=True)  # as a clean-up script might, mid-ingest
        return utc_now()

    outcomes = ingest_paths(sqlite_engine, [folder], now=clock_that_removes_the_lock_file)

    assert outcomes[-1].status == "failed" and "was removed or replaced" in outcomes[-1].message
    with Session(sqlite_engine) as session:
        assert str((folder / "b.txt").resolve()) not in session.exec(select(Document.path)).all()


# --- PostgreSQL: the advisory lock's session dying under it --------------------------------------------------


def terminate_lock_holder(engine: Engine) -> None:
    """End, from another session, the session holding the memory's advisory lock (as a server restart would)."""
    admin = create_engine(url_of(engine))
    with admin.begin() as connection:
        ended = connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            )
        ).all()
    admin.dispose()
    assert ended == [(True,)]


def test_check_raises_the_database_fault_when_the_locking_session_is_gone(postgres_databases):
    engine = open_engine(postgres_databases())

    with writing(engine) as lock:
        terminate_lock_holder(engine)
        with pytest.raises(OperationalError) as raised:
            lock.check()

    assert is_database_fault(raised.value)
    engine.dispose()


def test_leaving_the_block_after_the_locking_session_died_raises_nothing_and_frees_the_lock(postgres_databases):
    engine = open_engine(postgres_databases())

    with writing(engine):
        terminate_lock_holder(engine)

    assert another_process_can_lock(engine)
    engine.dispose()


def test_the_error_that_ended_the_block_is_the_one_raised_when_the_session_died_too(postgres_databases):
    engine = open_engine(postgres_databases())

    with pytest.raises(ValueError, match="the original error"), writing(engine):
        terminate_lock_holder(engine)
        raise ValueError("the original error")

    engine.dispose()
