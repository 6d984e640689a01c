"""Opening the database: any SQLAlchemy URL, SQLite by default, upgraded by numbered migrations."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from pathlib import Path

from sqlalchemy import Engine, event, func, inspect, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, InterfaceError, OperationalError
from sqlalchemy.pool import StaticPool
from sqlmodel import create_engine

from corpus.lock import writing
from corpus.migrations import MIGRATIONS, schema_version_table

# What to install when the PostgreSQL driver is missing (pyproject's extra: psycopg 3).
POSTGRES_EXTRA = "pip install 'boardmem[postgres]'"


class StoreError(ValueError):
    """The database cannot be opened: a missing driver, a server not answering, credentials refused."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # Two processes opening a new file at once may find it locked mid-switch to WAL, and SQLite
    # reports that at once rather than waiting. (An in-memory database answers "memory": fine.)
    waited = 0.0
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or waited >= SQLITE_BUSY_SECONDS:
                raise
            time.sleep(0.05)
            waited += 0.05
    cursor.close()


def private_folder(folder: Path) -> None:
    """Create `folder` (and missing parents) 0700 whatever the umask; an existing one is left as it is."""
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)  # mkdir's mode passes through the umask


def _private_sqlite_file(database: Path) -> None:
    """A new data folder 0700 and the database 0600, whatever the umask: they hold chat ids and
    officers' notes. SQLite gives its -wal and -shm files the database file's own mode."""
    private_folder(database.parent)
    if not database.exists():
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT, 0o600))  # an empty file is an empty database
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        try:
            if path.exists() and path.stat().st_uid == os.geteuid() and path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)  # a database an earlier version made world-readable
        except OSError:
            pass  # someone else's file in a shared folder: theirs to protect


SQLITE_BUSY_SECONDS = 60


def open_engine(url: str) -> Engine:
    """An engine for `url` with the schema migrated to the current version; StoreError if it cannot be opened."""
    url = _with_driver(url)
    engine = _create_engine(url)
    _check_connection(engine)
    migrate(engine)
    return engine


def _with_driver(url: str) -> str:
    """A bare `postgresql://` URL means psycopg 3, the driver the postgres extra installs (not psycopg2)."""
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise StoreError(f"not a database URL: {error}") from None
    if parsed.drivername in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return url


def _create_engine(url: str) -> Engine:
    try:
        return _new_engine(url)
    except ImportError as error:  # the dialect imports its driver here
        parsed = make_url(url)
        if parsed.get_backend_name() == "postgresql":
            raise StoreError(f"the PostgreSQL driver is not installed ({error.name}): {POSTGRES_EXTRA}") from None
        raise StoreError(f"the driver for {parsed.drivername} is not installed: {error}") from None


def _new_engine(url: str) -> Engine:
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        _private_sqlite_file(Path(url.removeprefix("sqlite:///")))
    in_memory = url in ("sqlite://", "sqlite:///:memory:")
    # An in-memory SQLite database lives in one connection; every session must share it.
    engine = (
        create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
        if in_memory
        # Another process may hold SQLite's write lock for a whole document's transaction (longer
        # on a loaded machine); wait for it rather than fail after sqlite3's default 5 s.
        else create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS} if url.startswith("sqlite") else {})
    )
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _check_connection(engine: Engine) -> None:
    """Connect once, so a server not answering or refusing us is named before any work starts."""
    try:
        with engine.connect():
            pass
    except OperationalError as error:
        engine.dispose()
        raise StoreError(connection_failure(engine.url, error.orig)) from None


def connection_failure(url: URL, error: BaseException | None) -> str:
    """One line saying why the database at `url` could not be reached; never the password."""
    reason = _first_line(error)
    if url.get_backend_name() != "postgresql":
        return f"cannot open the database {url.render_as_string(hide_password=True)}: {reason}"
    where = _server(url)
    # At connect time the driver gives no SQLSTATE, only the server's message: read that.
    said = reason.lower()
    if "password authentication failed" in said:
        return f"PostgreSQL at {where} refused user {url.username!r}: wrong password (check database_url)"
    if "no password supplied" in said:
        return f"PostgreSQL at {where} asks user {url.username!r} for a password: put it in database_url"
    if "role" in said and "does not exist" in said:
        return f"PostgreSQL at {where} has no user {url.username!r} (check database_url, or create the role)"
    if "database" in said and "does not exist" in said:
        return f"PostgreSQL at {where} has no database {url.database!r}: create it (createdb {url.database})"
    if "connection refused" in said:
        return f"cannot connect to PostgreSQL at {where}: connection refused (is the server running there?)"
    return f"cannot connect to PostgreSQL at {where}: {reason}"


def is_database_fault(error: BaseException) -> bool:
    """Whether `error` is the database failing the command (unreachable, cut off, out of space), not a bug."""
    if isinstance(error, OperationalError | InterfaceError | sqlite3.OperationalError):
        return True
    if isinstance(error, DBAPIError):
        return connection_lost(error)
    return _psycopg_link_error(error)  # raised by the driver itself, not wrapped by SQLAlchemy


def connection_lost(error: BaseException) -> bool:
    """Whether `error` says the database server went away mid-command (stopped, or the link cut), so that
    going on to the next file or step is no use; a statement the server refused is not that."""
    if isinstance(error, DBAPIError):
        if error.connection_invalidated or isinstance(error, InterfaceError):
            return True
        return error.orig is not None and _psycopg_link_error(error.orig)
    return _psycopg_link_error(error)


def _psycopg_link_error(error: BaseException) -> bool:
    # psycopg gives no SQLSTATE for a failure on our side of the link; class 08 is the connection's, 57P the
    # server shutting down. (Checked by name: psycopg is an optional dependency.)
    names = {cls.__name__ for cls in type(error).__mro__ if cls.__module__.startswith("psycopg")}
    if not names & {"OperationalError", "InterfaceError"}:
        return False
    sqlstate = getattr(error, "sqlstate", None)
    return sqlstate is None or sqlstate.startswith(("08", "57P"))


def database_fault(url: str, error: BaseException) -> str:
    """One line for a database error met during a command: what failed and where (host:port or file),
    never the password or the SQL statement SQLAlchemy would print."""
    original = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    try:
        parsed = make_url(url)
    except ArgumentError:
        return f"the database failed: {_first_line(original)}"
    if parsed.get_backend_name() != "postgresql":
        where = parsed.database or parsed.render_as_string(hide_password=True)
        return f"the database {where} failed: {_first_line(original)}"
    if str(original).startswith(("connection failed", "connection to server")):  # a new connection refused
        return connection_failure(parsed, original)
    if connection_lost(error):
        return (
            f"lost the connection to PostgreSQL at {_server(parsed)} ({_first_line(original)}); "
            "what was not yet committed was not written, run the command again when it answers"
        )
    return f"PostgreSQL at {_server(parsed)} failed: {_first_line(original)}"


def _server(url: URL) -> str:
    return f"{url.host}:{url.port or 5432}" if url.host else "the local socket"


def _first_line(error: BaseException | None) -> str:
    """The driver's own reason, without its 'connection to server at … failed:' preamble."""
    lines = [line.strip() for line in str(error or "unknown error").splitlines() if line.strip()]
    line = lines[0] if lines else "unknown error"
    if " failed: " in line:
        line = line.split(" failed: ", 1)[1]
    return line.removeprefix("FATAL:").strip()


def schema_version(engine: Engine) -> int:
    """The number of migrations applied (0 for an empty database)."""
    table = schema_version_table()
    if not inspect(engine).has_table(table.name):
        return 0
    with engine.connect() as connection:
        return connection.execute(select(func.max(table.c.version))).scalar() or 0


def migrate(engine: Engine) -> int:
    """Apply the migrations this database has not had yet; returns the resulting version.

    One process at a time (two ingests started together would both create the tables).
    """
    if schema_version(engine) < len(MIGRATIONS):
        with writing(engine):
            _apply_migrations(engine)
    return len(MIGRATIONS)


def _apply_migrations(engine: Engine) -> None:
    table = schema_version_table()
    table.create(engine, checkfirst=True)
    current = schema_version(engine)
    for number, migration in enumerate(MIGRATIONS, start=1):
        if number <= current:
            continue
        migration(engine)
        with engine.begin() as connection:
            connection.execute(table.insert().values(version=number, applied_at=dt.datetime.now(dt.UTC)))
