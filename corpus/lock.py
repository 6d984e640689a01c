"""One writer at a time: a lock file beside a SQLite database, an advisory lock on PostgreSQL.

Two ingests started together would otherwise race to create tables and insert the same
rows; the second one waits (saying so) and gives up with a clear message after a while.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text

# Long enough for another ingest of a real corpus to finish; short enough that a stuck one is noticed.
LOCK_WAIT_SECONDS = 600.0
_POLL_SECONDS = 0.1
# pg_advisory_lock's key: any constant every Board Memory process agrees on ("bmem").
_ADVISORY_KEY = 0x626D656D

Log = Callable[[str], None]


class MemoryBusy(RuntimeError):
    """Another process kept the memory's write lock for longer than we were willing to wait."""


def to_stderr(message: str) -> None:
    print(message, file=sys.stderr)


def lock_path(engine: Engine) -> Path | None:
    """The lock file of a SQLite file database (`boardmem.db.lock`); None for any other database."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    return Path(f"{database}.lock")


@contextmanager
def writing(engine: Engine, wait: float = LOCK_WAIT_SECONDS, log: Log = to_stderr) -> Iterator[None]:
    """Hold the memory's write lock for the block; raises MemoryBusy after `wait` seconds of waiting."""
    path = lock_path(engine)
    if path is not None:
        with _file_lock(path, wait, log):
            yield
    elif engine.dialect.name == "postgresql":
        with _advisory_lock(engine, wait, log):
            yield
    else:
        yield  # an in-memory database has one process by construction


@contextmanager
def _file_lock(path: Path, wait: float, log: Log) -> Iterator[None]:
    # 0600 whatever the umask: the file sits beside a database of chat ids and officers' notes.
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        os.fchmod(fd, 0o600)
        _acquire(lambda: _try_flock(fd), lambda: _holder(path), str(path.with_suffix("")), wait, log)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)  # named in the message of whoever waits next
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _try_flock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(path: Path) -> str:
    """ "process 1234" from the lock file, or "another process" when it says nothing."""
    try:
        pid = path.read_text().strip()
    except OSError:
        pid = ""
    return f"process {pid}" if pid.isdigit() else "another process"


@contextmanager
def _advisory_lock(engine: Engine, wait: float, log: Log) -> Iterator[None]:
    with engine.connect() as connection:

        def attempt() -> bool:
            got = bool(connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": _ADVISORY_KEY}).scalar())
            connection.commit()  # the lock is the session's; no transaction need stay open while it is held
            return got

        _acquire(attempt, lambda: "another process", engine.url.render_as_string(), wait, log)
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _ADVISORY_KEY})
            connection.commit()


def _acquire(attempt: Callable[[], bool], holder: Callable[[], str], where: str, wait: float, log: Log) -> None:
    """Try until `attempt` succeeds, saying once that we wait; MemoryBusy when `wait` runs out."""
    if attempt():
        return
    log(f"{where}: another ingest ({holder()}) is writing the memory; waiting up to {wait:g} s for it to finish")
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        time.sleep(_POLL_SECONDS)
        if attempt():
            return
    raise MemoryBusy(
        f"{where}: another ingest ({holder()}) was still writing the memory after {wait:g} s; "
        "nothing was read, try again when it has finished"
    )
