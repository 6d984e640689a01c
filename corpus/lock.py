"""One writer at a time: a lock file beside a SQLite database, an advisory lock on PostgreSQL.

Two ingests started together would otherwise race to create tables and insert the same
rows; the second one waits (saying so) and gives up with a clear message after a while.
A command holds the lock for all its work (reading, storing, indexing), so it is re-entrant
within one thread: the steps it calls take it again without waiting on themselves.
"""

from __future__ import annotations

import fcntl
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

# Long enough for another ingest of a real corpus to finish; short enough that a stuck one is noticed.
LOCK_WAIT_SECONDS = 600.0
_POLL_SECONDS = 0.1
# pg_advisory_lock's key: any constant every Board Memory process agrees on ("bmem").
_ADVISORY_KEY = 0x626D656D
# Whether this session holds that lock; a bigint key shows in pg_locks as classid (high half), objid (low), objsubid 1.
_ADVISORY_HELD = text(
    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid() "
    "AND classid = 0 AND CAST(objid AS bigint) = CAST(:key AS bigint) AND objsubid = 1)"
)

Log = Callable[[str], None]


class MemoryBusy(RuntimeError):
    """Another process kept the memory's write lock for longer than we were willing to wait."""


class LockLost(MemoryBusy):
    """The write lock stopped being ours while we wrote: its file was removed or replaced, or the session let it go."""


class WriteLock:
    """The memory's write lock as this thread holds it (an in-memory database: nothing to hold)."""

    def check(self) -> None:
        """Raise LockLost if another writer could now take the lock too; call it before each commit."""


@dataclass
class _LockFile(WriteLock):
    fd: int
    path: Path

    def check(self) -> None:
        if not _same_file(self.fd, self.path):
            raise LockLost(
                f"{self.path.with_suffix('')}: its lock file {self.path} was removed or replaced while this command "
                "was writing, so another writer could start; stopped before writing more (run it again)"
            )


@dataclass
class _AdvisoryLock(WriteLock):
    connection: Connection
    where: str

    def check(self) -> None:
        # A session that died raises the driver's error here: the database is gone, not just the lock.
        held = self.connection.execute(_ADVISORY_HELD, {"key": _ADVISORY_KEY}).scalar()
        self.connection.commit()
        if not held:
            raise LockLost(
                f"{self.where}: this session no longer holds the memory's write lock, so another writer could "
                "start; stopped before writing more (run it again)"
            )


# The locks each thread holds, by memory: what makes `writing` re-entrant (and only within its own thread).
_held = threading.local()


def to_stderr(message: str) -> None:
    print(message, file=sys.stderr)


def lock_path(engine: Engine) -> Path | None:
    """The lock file of a SQLite file database (`boardmem.db.lock`); None for any other database."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    return Path(f"{database}.lock")


def held(engine: Engine) -> WriteLock | None:
    """The write lock this thread holds on `engine`'s memory, if it holds it."""
    key = _memory_key(engine)
    return _held_here().get(key) if key else None


@contextmanager
def writing(
    engine: Engine, wait: float = LOCK_WAIT_SECONDS, log: Log = to_stderr, nested: bool = True
) -> Iterator[WriteLock]:
    """Hold the memory's write lock for the block; raises MemoryBusy after `wait` seconds of waiting.

    Inside a block of the same thread that holds it already, the lock is shared (and kept at the inner
    block's end); with `nested=False` that is refused with MemoryBusy instead (a restore inside a write).
    """
    key = _memory_key(engine)
    if key is None:
        yield WriteLock()  # an in-memory database has one process by construction
        return
    mine = _held_here()
    if key in mine:
        if not nested:
            raise MemoryBusy(f"{_where(engine)}: this command is itself writing the memory")
        yield mine[key]
        return
    path = lock_path(engine)
    with _file_lock(path, wait, log) if path is not None else _advisory_lock(engine, wait, log) as lock:
        mine[key] = lock
        try:
            yield lock
        finally:
            del mine[key]


def _held_here() -> dict[str, WriteLock]:
    if not hasattr(_held, "locks"):
        _held.locks = {}
    return _held.locks


def _memory_key(engine: Engine) -> str | None:
    """What names one memory's lock whichever engine reaches it; None for a memory that needs none."""
    path = lock_path(engine)
    if path is not None:
        return f"file:{os.path.realpath(path)}"
    if engine.dialect.name == "postgresql":
        url = engine.url
        return f"postgresql://{url.host or ''}:{url.port or 5432}/{url.database or ''}"
    return None


def _where(engine: Engine) -> str:
    path = lock_path(engine)
    return str(path.with_suffix("")) if path is not None else engine.url.render_as_string()


@contextmanager
def _file_lock(path: Path, wait: float, log: Log) -> Iterator[_LockFile]:
    locked: list[int] = []

    def attempt() -> bool:
        fd = _open_lock_file(path)
        # A file removed or replaced between our open and our flock locks nothing anyone else will see.
        if _try_flock(fd) and _same_file(fd, path):
            locked.append(fd)
            return True
        os.close(fd)
        return False

    _acquire(attempt, lambda: _holder(path), str(path.with_suffix("")), wait, log)
    fd = locked[0]
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)  # named in the message of whoever waits next
        yield _LockFile(fd, path)
    finally:
        try:
            os.ftruncate(fd, 0)
        finally:
            os.close(fd)  # closing the only descriptor of the open file releases the flock


def _open_lock_file(path: Path) -> int:
    # 0600 whatever the umask: the file sits beside a database of chat ids and officers' notes.
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        os.fchmod(fd, 0o600)
    except OSError:
        os.close(fd)
        raise
    return fd


def _try_flock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _same_file(fd: int, path: Path) -> bool:
    """Whether the open file `fd` is still the file at `path` (not removed, not replaced by another)."""
    try:
        there = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


def _holder(path: Path) -> str:
    """ "process 1234" from the lock file, or "another process" when it says nothing."""
    try:
        pid = path.read_text().strip()
    except OSError:
        pid = ""
    return f"process {pid}" if pid.isdigit() else "another process"


@contextmanager
def _advisory_lock(engine: Engine, wait: float, log: Log) -> Iterator[_AdvisoryLock]:
    where = engine.url.render_as_string()  # the password hidden
    connection = engine.connect()
    try:

        def attempt() -> bool:
            got = bool(connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": _ADVISORY_KEY}).scalar())
            connection.commit()  # the lock is the session's; no transaction need stay open while it is held
            return got

        _acquire(attempt, lambda: "another process", where, wait, log)
        try:
            yield _AdvisoryLock(connection, where)
        finally:
            _unlock(connection)
    finally:
        connection.close()


def _unlock(connection: Connection) -> None:
    """Release the advisory lock. A session that died has nothing left to release (the server drops its
    locks with it), and the error that killed it, if any, is the one worth reporting: never raise here."""
    if connection.invalidated:
        return
    try:
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _ADVISORY_KEY})
        connection.commit()
    except DBAPIError:
        # Whatever stopped the unlock, ending the session releases the lock with it.
        if not connection.invalidated:
            connection.invalidate()


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
