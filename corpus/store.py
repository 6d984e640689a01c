"""Opening the database: any SQLAlchemy URL, SQLite by default, upgraded by numbered migrations."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import DateTime, Engine, event, inspect
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine, select

from corpus import models
from corpus.lock import writing


def m001_initial(engine: Engine) -> None:
    """The first schema: bodies, documents, meetings and everything read from minutes."""
    tables = [
        models.Body,
        models.Document,
        models.Meeting,
        models.MeetingSource,
        models.Item,
        models.Resolution,
        models.MinuteReference,
        models.Attendance,
        models.ActionLogEntry,
    ]
    SQLModel.metadata.create_all(engine, tables=[t.__table__ for t in tables])  # type: ignore[attr-defined]


def m002_schedule_and_reminders(engine: Engine) -> None:
    """Officers' scheduling, its history, and reminder pings per chat."""
    tables = [models.ManualSchedule, models.MeetingChange, models.ChatReminders, models.Reminder]
    SQLModel.metadata.create_all(engine, tables=[t.__table__ for t in tables])  # type: ignore[attr-defined]


def m003_actions(engine: Engine) -> None:
    """Follow-ups and their history."""
    SQLModel.metadata.create_all(engine, tables=[models.Action.__table__, models.ActionEvent.__table__])  # type: ignore[attr-defined]


def m004_reminder_claims(engine: Engine) -> None:
    """Reminders are claimed before they are sent (at most once); m002 on a new database already made the column."""
    if "claimed_at" in {column["name"] for column in inspect(engine).get_columns("reminder")}:
        return
    kind = DateTime().compile(dialect=engine.dialect)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"ALTER TABLE reminder ADD COLUMN claimed_at {kind}")


def m005_memory_state(engine: Engine) -> None:
    """Follow-ups know which memory they were derived from; actions remember where they were minuted."""
    models.MemoryState.__table__.create(engine, checkfirst=True)  # type: ignore[attr-defined]
    if "anchor" not in {column["name"] for column in inspect(engine).get_columns("action")}:
        with engine.begin() as connection:
            connection.exec_driver_sql("ALTER TABLE action ADD COLUMN anchor VARCHAR")
    with Session(engine) as session:
        if session.get(models.MemoryState, 1) is None:
            # A memory that already holds documents has follow-ups of unknown age: derive them once more.
            held = session.exec(select(models.Document.id)).first() is not None
            session.add(models.MemoryState(id=1, generation=int(held), actions_generation=0))
            session.commit()


def m006_action_refs(engine: Engine) -> None:
    """Follow-ups get the id people type, derived from where they were minuted (filled by the next derivation)."""
    columns = {column["name"] for column in inspect(engine).get_columns("action")}
    with engine.begin() as connection:
        if "ref" not in columns:
            connection.exec_driver_sql("ALTER TABLE action ADD COLUMN ref VARCHAR")
        indexes = {index["name"] for index in inspect(connection).get_indexes("action")}
        if "ix_action_ref" not in indexes:
            connection.exec_driver_sql("CREATE UNIQUE INDEX ix_action_ref ON action (ref)")
    with Session(engine) as session:
        state = session.get(models.MemoryState, 1)
        if state is not None:
            state.actions_generation = -1  # derive follow-ups once more, giving each its id
            session.add(state)
            session.commit()


# Run in order, each once; append new ones, never edit a released one, so old databases upgrade.
MIGRATIONS: list[Callable[[Engine], None]] = [
    m001_initial,
    m002_schedule_and_reminders,
    m003_actions,
    m004_reminder_claims,
    m005_memory_state,
    m006_action_refs,
]


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
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
    """An engine for `url` with the schema migrated to the current version."""
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
    migrate(engine)
    return engine


def schema_version(engine: Engine) -> int:
    """The number of migrations applied (0 for an empty database)."""
    if not inspect(engine).has_table(models.SchemaVersion.__tablename__):
        return 0
    with Session(engine) as session:
        versions = session.exec(select(models.SchemaVersion.version)).all()
    return max(versions, default=0)


def migrate(engine: Engine) -> int:
    """Apply the migrations this database has not had yet; returns the resulting version.

    One process at a time (two ingests started together would both create the tables).
    """
    if schema_version(engine) < len(MIGRATIONS):
        with writing(engine):
            _apply_migrations(engine)
    return len(MIGRATIONS)


def _apply_migrations(engine: Engine) -> None:
    models.SchemaVersion.__table__.create(engine, checkfirst=True)  # type: ignore[attr-defined]
    current = schema_version(engine)
    for number, migration in enumerate(MIGRATIONS, start=1):
        if number <= current:
            continue
        migration(engine)
        with Session(engine) as session:
            session.add(models.SchemaVersion(version=number, applied_at=dt.datetime.now(dt.UTC)))
            session.commit()
