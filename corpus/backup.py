"""Keep and move the memory: a SQLite backup and restore, and an export as CSV and JSON that any tool reads.

Backup and restore go through SQLite's online backup API, never a file copy: with WAL, recent writes
may still be in the -wal file, and a copy taken while the bot writes could be torn. PostgreSQL has
its own tools (pg_dump, pg_restore); for it these functions say which command to run.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlmodel import Session, col, select

from corpus.followups.views import ActionView, list_actions
from corpus.lock import Log, MemoryBusy, to_stderr, writing
from corpus.models import Body, Document, Item, Meeting, Resolution
from corpus.store import MIGRATIONS, private_folder

# Every Board Memory database has it from its first migration; nothing else is likely to.
SCHEMA_TABLE = "schemaversion"
BEFORE_RESTORE_SUFFIX = ".before-restore"


class BackupError(ValueError):
    """A backup, restore or export that cannot be done as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Restored:
    """What a restore did: the database now holding the backup, and where the one it replaced was kept."""

    database: Path
    kept: Path | None
    schema_version: int


@dataclass(frozen=True)
class Exported:
    """One table written by an export: its name, its two files and how many rows each holds."""

    table: str
    csv_path: Path
    json_path: Path
    rows: int


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names; None for PostgreSQL, an in-memory database or any other engine."""
    parsed = _parse(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def pg_dump_command(url: str, target: Path) -> str:
    """The pg_dump line that backs up the database `url` names into `target` (custom format); no password."""
    parsed = _parse(url)
    parts = ["pg_dump", "--format=custom", f"--file={target}"]
    if parsed.host:
        parts.append(f"--host={parsed.host}")
    parts.append(f"--port={parsed.port or 5432}")
    if parsed.username:
        parts.append(f"--username={parsed.username}")
    parts.append(parsed.database or "")
    return " ".join(parts)


def pg_restore_command(url: str, source: Path) -> str:
    """The pg_restore line that puts a pg_dump backup back into the database `url` names; no password."""
    parsed = _parse(url)
    parts = ["pg_restore", "--clean", "--if-exists"]
    if parsed.host:
        parts.append(f"--host={parsed.host}")
    parts.append(f"--port={parsed.port or 5432}")
    if parsed.username:
        parts.append(f"--username={parsed.username}")
    parts.extend([f"--dbname={parsed.database or ''}", str(source)])
    return " ".join(parts)


def backup_database(url: str, target: Path) -> Path:
    """Copy the SQLite memory at `url` into `target` (0600; replaced whole, never half written)."""
    database = _sqlite_or_guidance(url, target, backing_up=True)
    if not database.is_file():
        raise BackupError(f"no database at {database}: nothing to back up (run `boardmem ingest` first)")
    target = target.resolve()
    if target == database.resolve():
        raise BackupError(f"{target} is the database itself; name another file")
    if not target.parent.is_dir():
        raise BackupError(f"{target.parent}: no such folder")
    if target.is_dir():
        raise BackupError(f"{target} is a folder; name the backup file, e.g. {target / 'boardmem.db'}")
    _copy_sqlite(database, target)
    return target


def restore_database(url: str, source: Path, wait: float = 0.0, log: Log = to_stderr) -> Restored:
    """Put the backup `source` in place of the SQLite memory at `url`, keeping that as `<name>.before-restore`.

    Refused while another process holds the memory's write lock (an ingest) for longer than `wait` seconds,
    and for a file that is not a Board Memory database or was made by a newer version.
    """
    database = _sqlite_or_guidance(url, source, backing_up=False)
    version = check_backup(source)
    if source.resolve() == database.resolve():
        raise BackupError(f"{source} is the database itself; name a backup file")
    private_folder(database.parent)
    engine = create_engine(f"sqlite:///{database}")
    try:
        # Held until the last byte is copied, .before-restore and all; never shared with a write of this
        # thread (nested=False): an ingest's documents must not land half before, half after.
        with writing(engine, wait, log, nested=False):
            kept = None
            if database.is_file() and database.stat().st_size:
                kept = database.with_name(database.name + BEFORE_RESTORE_SUFFIX)
                _copy_sqlite(database, kept)
            elif not database.exists():
                # 0600 before SQLite makes it with the umask's mode: it will hold chat ids and officers' notes.
                os.close(os.open(database, os.O_WRONLY | os.O_CREAT, 0o600))
            # Into the live file, through SQLite: a bot with the database open sees the restored memory
            # (its -wal file included) rather than an unlinked old file.
            _copy_sqlite(source, database, in_place=True)
    except MemoryBusy:
        raise BackupError(
            f"{database}: another process (an ingest) is writing the memory; nothing was restored, "
            "try again when it has finished"
        ) from None
    finally:
        engine.dispose()
    return Restored(database, kept, version)


def check_backup(path: Path) -> int:
    """The schema version of the Board Memory SQLite database at `path`; BackupError if it is not one."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    try:
        with _connect(path) as connection:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if SCHEMA_TABLE not in tables:
                raise BackupError(f"{path}: not a Board Memory database (it has no {SCHEMA_TABLE} table)")
            version = connection.execute(f"SELECT MAX(version) FROM {SCHEMA_TABLE}").fetchone()[0] or 0
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path}: not a SQLite database ({error})") from None
    if version > len(MIGRATIONS):
        raise BackupError(
            f"{path}: made by a newer Board Memory (schema {version}, this one knows {len(MIGRATIONS)}); "
            "upgrade before restoring it"
        )
    return version


MEETING_COLUMNS = ("id", "body", "date", "start_time", "end_time", "venue", "status", "cancelled_at")
ITEM_COLUMNS = (
    "id",
    "meeting_id",
    "meeting_date",
    "body",
    "section",
    "position",
    "minute_number",
    "agenda_number",
    "title",
    "title_derived",
    "note",
    "text",
    "document",
    "line_start",
    "line_end",
)
RESOLUTION_COLUMNS = ("id", "item_id", "position", "label", "text")
FOLLOW_UP_COLUMNS = (
    "id",
    "kind",
    "text",
    "owner",
    "due",
    "status",
    "rag",
    "stale",
    "meeting_date",
    "minute",
    "item_title",
    "citation",
)
HISTORY_COLUMNS = (
    "follow_up_id",
    "position",
    "kind",
    "text",
    "by",
    "at",
    "confidence",
    "meeting_date",
    "minute",
    "item_title",
)


def export_memory(engine: Engine, folder: Path) -> list[Exported]:
    """Write meetings, items, resolutions, follow-ups and their history as `<table>.csv` and `<table>.json`."""
    private_folder(folder)
    with Session(engine) as session:
        tables = {
            "meetings": (MEETING_COLUMNS, meeting_rows(session)),
            "items": (ITEM_COLUMNS, item_rows(session)),
            "resolutions": (RESOLUTION_COLUMNS, resolution_rows(session)),
        }
        actions = list_actions(session)
    tables["follow_ups"] = (FOLLOW_UP_COLUMNS, follow_up_rows(actions))
    tables["follow_up_history"] = (HISTORY_COLUMNS, history_rows(actions))
    return [_write_table(folder, name, columns, rows) for name, (columns, rows) in tables.items()]


def meeting_rows(session: Session) -> list[dict[str, object]]:
    """Every meeting as stored, with its board's name, by date."""
    rows = session.exec(
        select(Meeting, Body).where(Meeting.body_id == Body.id).order_by(col(Meeting.date), col(Meeting.id))
    ).all()
    return [
        {
            "id": meeting.id,
            "body": body.name,
            "date": meeting.date,
            "start_time": meeting.start_time,
            "end_time": meeting.end_time,
            "venue": meeting.venue,
            "status": meeting.status,
            "cancelled_at": meeting.cancelled_at,
        }
        for meeting, body in rows
    ]


def item_rows(session: Session) -> list[dict[str, object]]:
    """Every item with its meeting's date, its board and the document (and lines) it was read from."""
    rows = session.exec(
        select(Item, Meeting, Body, Document)
        .where(Item.meeting_id == Meeting.id, Meeting.body_id == Body.id, Item.document_id == Document.id)
        .order_by(col(Meeting.date), col(Item.document_id), col(Item.position), col(Item.id))
    ).all()
    return [
        {
            "id": item.id,
            "meeting_id": item.meeting_id,
            "meeting_date": meeting.date,
            "body": body.name,
            "section": item.section,
            "position": item.position,
            "minute_number": item.minute_number,
            "agenda_number": item.agenda_number,
            "title": item.title,
            "title_derived": item.title_derived,
            "note": item.note,
            "text": item.text,
            "document": document.path,
            "line_start": item.line_start,
            "line_end": item.line_end,
        }
        for item, meeting, body, document in rows
    ]


def resolution_rows(session: Session) -> list[dict[str, object]]:
    """Every resolution, by item and position."""
    rows = session.exec(select(Resolution).order_by(col(Resolution.item_id), col(Resolution.position))).all()
    return [{name: getattr(row, name) for name in RESOLUTION_COLUMNS} for row in rows]


def follow_up_rows(actions: Sequence[ActionView]) -> list[dict[str, object]]:
    """One row per follow-up, by the id people type, with the citation of where it was made."""
    return [
        {
            "id": view.ref,
            "kind": view.kind,
            "text": view.text,
            "owner": view.owner,
            "due": view.due,
            "status": view.status,
            "rag": view.rag,
            "stale": view.stale,
            "meeting_date": view.source.meeting_date,
            "minute": view.source.minute,
            "item_title": view.source.item_title,
            "citation": view.source.citation,
        }
        for view in actions
    ]


def history_rows(actions: Sequence[ActionView]) -> list[dict[str, object]]:
    """Each follow-up's history in order, one row per event (officers' updates with who and when)."""
    return [
        {
            "follow_up_id": view.ref,
            "position": position,
            "kind": entry.kind,
            "text": entry.text,
            "by": entry.by,
            "at": entry.at,
            "confidence": entry.confidence,
            "meeting_date": entry.where.meeting_date if entry.where else None,
            "minute": entry.where.minute if entry.where else None,
            "item_title": entry.where.item_title if entry.where else None,
        }
        for view in actions
        for position, entry in enumerate(view.history, start=1)
    ]


def _write_table(folder: Path, name: str, columns: Sequence[str], rows: Iterable[dict[str, object]]) -> Exported:
    rows = [{column: _plain(row[column]) for column in columns} for row in rows]
    csv_path, json_path = folder / f"{name}.csv", folder / f"{name}.json"
    with _private_text(csv_path) as f:
        table = csv.DictWriter(f, fieldnames=list(columns), lineterminator="\n")
        table.writeheader()
        table.writerows({column: _csv_cell(value) for column, value in row.items()} for row in rows)
    with _private_text(json_path) as f:
        json.dump(rows, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return Exported(name, csv_path, json_path, len(rows))


def _plain(value: object) -> object:
    """JSON's own types: dates and times as ISO 8601 text."""
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    return value


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _private_text(path: Path):
    # 0600 whatever the umask: officers' notes and who wrote them travel in these files.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    return os.fdopen(fd, "w", encoding="utf-8", newline="")


def _parse(url: str):
    try:
        return make_url(url)
    except ArgumentError as error:
        raise BackupError(f"not a database URL: {error}") from None


def _sqlite_or_guidance(url: str, file: Path, backing_up: bool) -> Path:
    """The SQLite file behind `url`; for PostgreSQL, a BackupError naming the pg_dump/pg_restore command."""
    parsed = _parse(url)
    if parsed.get_backend_name() == "postgresql":
        command = pg_dump_command(url, file) if backing_up else pg_restore_command(url, file)
        verb = "back it up" if backing_up else "restore it"
        raise BackupError(f"the memory is on PostgreSQL: {verb} with its own tools, e.g. `{command}`")
    database = sqlite_file(url)
    if database is None:
        raise BackupError(f"only a SQLite file database can be backed up or restored here, not {parsed.drivername}")
    return database


def _connect(path: Path) -> closing[sqlite3.Connection]:
    """A connection closed at the end of the block (sqlite3's own `with` only commits)."""
    return closing(sqlite3.connect(path))


def _copy_sqlite(source: Path, target: Path, in_place: bool = False) -> None:
    """Copy one SQLite database into another with the backup API; a new target is written beside and renamed."""
    written = target if in_place else target.with_name(f".{target.name}.{os.getpid()}.part")
    if not in_place:
        written.unlink(missing_ok=True)
        os.close(os.open(written, os.O_WRONLY | os.O_CREAT, 0o600))
    try:
        with _connect(source) as reading, _connect(written) as copy:
            reading.backup(copy)
            if not in_place:
                # One self-contained file: no -wal beside it to lose when it is moved or mailed.
                copy.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as error:
        if not in_place:
            written.unlink(missing_ok=True)
        raise BackupError(f"cannot copy {source} to {target}: {error}") from None
    if not in_place:
        os.chmod(written, 0o600)
        os.replace(written, target)
