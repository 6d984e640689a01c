"""Documents into the memory: one transaction per document, idempotent by content.

The same bytes (read by the same parser version) change nothing; a changed file replaces
everything it said before; a file that cannot be read or parsed writes nothing and is
reported with the reason, while the other files proceed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import Engine, delete
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlmodel import Session, select

from corpus.discover import discover
from corpus.followups.derive import refresh_actions
from corpus.identity import Replaced, describe, same_meetings
from corpus.lock import LOCK_WAIT_SECONDS, Log, MemoryBusy, held, to_stderr, writing
from corpus.manifest import Hints, Manifest
from corpus.meetings import detach_items, recompute_meeting
from corpus.models import (
    ActionLogEntry,
    Attendance,
    Body,
    Document,
    Item,
    Meeting,
    MeetingSource,
    MemoryState,
    MinuteReference,
    Resolution,
)
from corpus.parsed import ParsedDocument, ParsedMeeting, ParseError, Section
from corpus.reading import Reader, reader_here
from corpus.settings import setting_default
from corpus.store import connection_lost

# Bump when parsing changes what the same bytes produce, so stored documents are re-read.
PARSER_VERSION = 5  # 5: a title saying "Minutes" is minutes (4: dates spelled out in words)

Clock = Callable[[], dt.datetime]
NO_HINTS = Hints()
MEGABYTE = 1024 * 1024
DEFAULT_MAX_BYTES = int(setting_default("max_document_mb")) * MEGABYTE  # type: ignore[call-overload]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Outcome:
    """What ingesting one file did, and what the parser found in it, so a clerk sees a poor parse at once."""

    path: str
    status: str  # added / replaced / unchanged / duplicate / removed / skipped / failed
    message: str = ""
    meetings: list[dt.date] = field(default_factory=list)
    items: int = 0
    file_format: str | None = None  # text / pdf / docx / html
    shape: str | None = None
    resolutions: int = 0
    attendance: int = 0
    tables: int = 0
    derived_titles: int = 0
    warnings: list[str] = field(default_factory=list)
    replaced: list[Replaced] = field(default_factory=list)  # earlier documents of the same meetings, forgotten

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    def to_json(self) -> dict:
        """The outcome as `ingest --json` prints it."""
        return {
            **self.__dict__,
            "meetings": [d.isoformat() for d in self.meetings],
            "replaced": [r.to_json() for r in self.replaced],
        }


def parse_report(parsed: ParsedDocument) -> dict:
    """Counts and warnings about a parse, as the Outcome fields of the same names."""
    items = [item for meeting in parsed.meetings for item in meeting.items]
    warnings = list(parsed.warnings)
    derived = sum(item.title_derived for item in items)
    if items and derived * 2 > len(items):
        warnings.append(f"{derived} of {len(items)} item titles were derived from their text (no headings found)")
    return {
        "shape": parsed.format,
        "resolutions": sum(len(item.resolutions) for item in items),
        "attendance": sum(len(meeting.attendance) for meeting in parsed.meetings),
        "derived_titles": derived,
        "warnings": warnings,
    }


def poor_parse(parsed: ParsedDocument) -> str | None:
    """Why a parse is too poor to store, or None: minutes whose every item came out with no text at all
    (an agenda may list bare titles; minutes that record nothing under any item were misread)."""
    for meeting in parsed.meetings:
        if meeting.has_minutes and len(meeting.items) > 1 and not any(item.text.strip() for item in meeting.items):
            return (
                f"read as {len(meeting.items)} items with no text under any of them (a poor parse: "
                "is the text there when the file is opened, or only in pictures?)"
            )
    return None


def ingest_paths(
    engine: Engine,
    paths: Iterable[Path],
    hints: Hints = NO_HINTS,
    manifest: Manifest | None = None,
    now: Clock = utc_now,
    max_bytes: int = DEFAULT_MAX_BYTES,
    lock_wait: float = LOCK_WAIT_SECONDS,
    log: Log = to_stderr,
    read: Reader | None = None,
    replaces_in: Path | None = None,
) -> list[Outcome]:
    """Ingest every file found under `paths`, each in its own transaction, one ingest at a time.

    Follow-ups are re-derived whenever the memory has moved past them, including after a run
    that was killed before it got that far. `read` reads a file (by default here, in this process);
    `replaces_in`: see ingest_file.
    """
    outcomes: list[Outcome] = []
    try:
        with writing(engine, lock_wait, log) as lock:
            for found in discover(paths):
                lock.check()  # its lock file removed or replaced: another ingest may be writing now too
                if found.skipped or found.failed:
                    status = "failed" if found.failed else "skipped"
                    outcomes.append(Outcome(str(found.path), status, found.failed or found.skipped or ""))
                    continue
                file_hints = (manifest.hints_for(found.path) if manifest else Hints()).overlay(hints)
                outcomes.append(ingest_file(engine, found.path, file_hints, now, max_bytes, read, replaces_in))
            return outcomes + _catch_up(engine, now)
    except (MemoryBusy, OSError) as error:  # busy from the start, or the lock lost part way: what was done is said
        return [*outcomes, lock_refused(engine, error)]


def lock_refused(engine: Engine, error: MemoryBusy | OSError) -> Outcome:
    """The failure an ingest reports when the memory's write lock is busy, was lost, or cannot be made at all
    (a read-only or full data folder)."""
    where = str(engine.url.database or engine.url)
    if isinstance(error, MemoryBusy):
        return Outcome(where, "failed", str(error))
    return Outcome(where, "failed", f"{where}: cannot lock the memory for writing ({_reason(error)})")


def follow_ups_stale(engine: Engine) -> bool:
    """Whether documents changed since follow-ups were last derived (or they never were)."""
    with Session(engine) as session:
        state = session.get(MemoryState, 1)
        return state is not None and state.actions_generation != state.generation


def _catch_up(engine: Engine, now: Clock) -> list[Outcome]:
    """Re-derive follow-ups if they are stale; a failure is reported and left for the next run to repair."""
    try:
        if follow_ups_stale(engine):
            follow_up(engine, now)
    except (OperationalError, OSError) as error:
        if connection_lost(error):
            raise  # the memory is unreachable: the command's error, not a follow-up's
        return [
            Outcome("follow-ups", "failed", f"could not derive follow-ups ({_reason(error)}); the next ingest will")
        ]
    return []


def follow_up(engine: Engine, now: Clock = utc_now) -> None:
    """Re-derive follow-ups after the memory changed (they span meetings and documents)."""
    with Session(engine) as session, session.begin():
        state = session.get(MemoryState, 1) or MemoryState(id=1)
        refresh_actions(session, now())
        state.actions_generation = state.generation
        session.add(state)


def _moved(session: Session) -> None:
    """Record, in the transaction that changes documents, that follow-ups must be derived again."""
    state = session.get(MemoryState, 1) or MemoryState(id=1)
    state.generation += 1
    session.add(state)


def _reason(error: Exception) -> str:
    """What the database or the system said, in one line, without SQLAlchemy's statement dump."""
    original = getattr(error, "orig", None)
    said = str(original) if original is not None else getattr(error, "strerror", None) or str(error)
    lines = [line.strip() for line in said.splitlines() if line.strip()]
    return lines[0][:300] if lines else type(error).__name__


def prune_missing(
    engine: Engine, roots: Iterable[Path], lock_wait: float = LOCK_WAIT_SECONDS, log: Log = to_stderr
) -> list[Outcome]:
    """Forget documents that were under `roots` but are no longer on disk."""
    folders = [str(root.resolve()) for root in roots if root.is_dir()]
    try:
        with writing(engine, lock_wait, log):
            return _prune(engine, folders) + _catch_up(engine, utc_now)
    except MemoryBusy as busy:
        return [lock_refused(engine, busy)]
    except (OperationalError, OSError) as error:
        if connection_lost(error):
            raise  # the memory is unreachable: the command's error
        return [Outcome(", ".join(folders), "failed", f"could not forget removed files ({_reason(error)})")]


def _prune(engine: Engine, folders: list[str]) -> list[Outcome]:
    outcomes = []
    with Session(engine) as session, session.begin():
        for document in session.exec(select(Document)).all():
            inside = any(document.path.startswith(folder.rstrip("/") + "/") for folder in folders)
            if inside and not Path(document.path).exists():
                for meeting_id in _forget(session, document):
                    recompute_meeting(session, meeting_id)
                outcomes.append(Outcome(document.path, "removed", "no longer in the corpus"))
        if outcomes:
            _moved(session)
    return outcomes


def ingest_file(
    engine: Engine,
    path: Path,
    hints: Hints = NO_HINTS,
    now: Clock = utc_now,
    max_bytes: int = DEFAULT_MAX_BYTES,
    read: Reader | None = None,
    replaces_in: Path | None = None,
) -> Outcome:
    """Ingest one file; on any failure (unreadable, unparsable, disk full) nothing of it is written.

    With `replaces_in` (the bot's uploads folder), the file replaces an earlier document of that folder
    only when both hold the same meetings of the same board (a corrected version); else it is added beside.
    """
    try:
        return _ingest_file(engine, path, hints, now, max_bytes, read or reader_here(), replaces_in)
    except MemoryBusy:
        raise  # the write lock lost part way: no file after this one may be written either
    except (SQLAlchemyError, OSError) as error:
        if connection_lost(error):
            raise  # the memory is unreachable: one error for the command, not one per file left
        # The transaction rolled back: the memory is as it was before this file.
        return Outcome(str(path), "failed", f"{path}: could not store it in the memory ({_reason(error)})")
    except Exception as error:
        # Whatever else one file's bytes provoke (a reader's RecursionError, a ValueError) is that file's
        # failure, said in a line; the files after it are still read.
        return Outcome(str(path), "failed", f"{path}: could not be read ({type(error).__name__}: {_reason(error)})")


def _ingest_file(
    engine: Engine, path: Path, hints: Hints, now: Clock, max_bytes: int, read: Reader, replaces_in: Path | None
) -> Outcome:
    key = str(path.resolve())
    # Read today: a meeting the text dates by weekday, day and month alone was held by then.
    hints = replace(hints, held_by=hints.held_by or now().date())
    try:
        reading = read(path, hints, max_bytes)
    except ParseError as error:
        return Outcome(str(path), "failed", str(error))
    sha = reading.document.sha256  # sha256 of the file's bytes, whatever its format
    with Session(engine) as session:
        existing = session.exec(select(Document).where(Document.path == key)).first()
        if existing and existing.sha256 == sha and existing.parser_version == PARSER_VERSION:
            return Outcome(str(path), "unchanged", "already ingested")
        twin = session.exec(select(Document).where(Document.sha256 == sha, Document.path != key)).first()
        if twin and Path(twin.path).exists() and twin.parser_version == PARSER_VERSION:
            return Outcome(str(path), "duplicate", f"same content as {twin.path}, skipped")
        moved = twin if twin and not Path(twin.path).exists() else None
    try:
        parsed = reading.shaped(path, hints)
    except ParseError as error:
        return Outcome(str(path), "failed", str(error))
    if poor := poor_parse(parsed):
        return Outcome(str(path), "failed", f"{path}: {poor}; nothing of it was added")

    with Session(engine) as session, session.begin():
        existing = session.exec(select(Document).where(Document.path == key)).first()
        touched: set[int] = set()
        # A file moved to a new path replaces what it said under the old one; an upload, the earlier
        # upload of the same meetings (a corrected version), never one that merely shares its name.
        earlier = same_meetings(session, parsed, replaces_in, key) if replaces_in and not existing else []
        replaced = [describe(session, document) for document in earlier]
        # By id: a moved upload of the same meetings is both `moved` and `earlier`, and is forgotten once.
        previous = {d.id: d for d in (existing, moved and session.get(Document, moved.id), *earlier) if d}
        for document in previous.values():
            touched |= _forget(session, document)
        document = _store(session, key, sha, parsed, now(), touched)
        for meeting_id in touched:
            recompute_meeting(session, meeting_id)
        _moved(session)
        # The items the document minutes or lists: its attendance list is the meeting's, not an item.
        items = session.exec(
            select(Item).where(Item.document_id == document.id, Item.section != Section.ATTENDANCE.value)
        ).all()
        if lock := held(engine):
            lock.check()  # a writer that lost the lock rolls back rather than commit beside another
    return Outcome(
        str(path),
        "replaced" if existing or moved or earlier else "added",
        parsed.format,
        [m.date for m in parsed.meetings if m.date],
        len(items),
        file_format=reading.document.format,
        tables=len(reading.document.tables),
        replaced=replaced,
        **parse_report(parsed),
    )


def _forget(session: Session, document: Document) -> set[int]:
    """Delete everything `document` contributed; returns the meetings it touched."""
    item_ids = select(Item.id).where(Item.document_id == document.id)
    meetings = set(session.exec(select(MeetingSource.meeting_id).where(MeetingSource.document_id == document.id)))
    meetings |= set(session.exec(select(Item.meeting_id).where(Item.document_id == document.id)))
    detach_items(session, item_ids)
    session.exec(delete(Resolution).where(Resolution.item_id.in_(item_ids)))  # type: ignore[call-overload]
    session.exec(delete(MinuteReference).where(MinuteReference.item_id.in_(item_ids)))  # type: ignore[call-overload]
    for table in (ActionLogEntry, Item, Attendance, MeetingSource):
        session.exec(delete(table).where(table.document_id == document.id))  # type: ignore[call-overload]
    session.delete(document)
    session.flush()
    return meetings


def _body(session: Session, name: str) -> Body:
    for body in session.exec(select(Body)):
        if body.name.casefold() == name.casefold():
            return body
    body = Body(name=name)
    session.add(body)
    session.flush()
    return body


def _meeting(session: Session, body: Body, date: dt.date) -> Meeting:
    meeting = session.exec(select(Meeting).where(Meeting.body_id == body.id, Meeting.date == date)).first()
    if meeting is None:
        meeting = Meeting(body_id=body.id, date=date)
        session.add(meeting)
        session.flush()
    return meeting


def _store(
    session: Session, key: str, sha: str, parsed: ParsedDocument, now: dt.datetime, touched: set[int]
) -> Document:
    body = _body(session, parsed.body or "")
    document = Document(
        path=key, sha256=sha, format=parsed.format, parser_version=PARSER_VERSION, body_id=body.id, ingested_at=now
    )
    session.add(document)
    session.flush()
    for parsed_meeting in parsed.meetings:
        assert parsed_meeting.date is not None  # parse_text guarantees a date or raises
        meeting = _meeting(session, body, parsed_meeting.date)
        touched.add(meeting.id)  # type: ignore[arg-type]
        _store_meeting(session, document, meeting, parsed_meeting)
        for announced in parsed_meeting.announced:
            later = _meeting(session, body, announced.date)
            touched.add(later.id)  # type: ignore[arg-type]
            session.add(
                MeetingSource(
                    meeting_id=later.id,
                    document_id=document.id,
                    role="announced",
                    start_time=announced.time,
                    line=announced.line,
                )
            )
    session.flush()
    return document


def _store_meeting(session: Session, document: Document, meeting: Meeting, parsed: ParsedMeeting) -> None:
    session.add(
        MeetingSource(
            meeting_id=meeting.id,
            document_id=document.id,
            role="minutes" if parsed.has_minutes else "agenda",
            start_time=parsed.start_time,
            end_time=parsed.end_time,
            venue=parsed.venue,
            line=parsed.line,
        )
    )
    log_item: Item | None = None
    kept = [*parsed.items, *([parsed.attendance_item] if parsed.attendance_item else [])]
    for position, parsed_item in enumerate(kept):
        item = Item(
            meeting_id=meeting.id,
            document_id=document.id,
            section=parsed_item.section.value,
            position=position,
            minute_number=parsed_item.minute_number,
            agenda_number=parsed_item.agenda_number,
            title=parsed_item.title,
            title_derived=parsed_item.title_derived,
            note=parsed_item.note,
            text=parsed_item.text,
            line_start=parsed_item.line_start,
            line_end=parsed_item.line_end,
        )
        session.add(item)
        session.flush()
        if parsed_item.section.value == "action_log":
            log_item = item
        for index, resolution in enumerate(parsed_item.resolutions):
            session.add(Resolution(item_id=item.id, position=index, label=resolution.label, text=resolution.text))
        for reference in parsed_item.references:
            session.add(MinuteReference(item_id=item.id, minute=reference.minute, text=reference.text))
    for attendee in parsed.attendance:
        session.add(
            Attendance(
                meeting_id=meeting.id,
                document_id=document.id,
                person=attendee.person,
                organisation=attendee.organisation,
                role=attendee.role.value,
            )
        )
    for row in parsed.action_log:
        session.add(
            ActionLogEntry(
                meeting_id=meeting.id,
                document_id=document.id,
                item_id=log_item.id if log_item else None,
                number=row.number,
                date=row.date,
                action=row.action,
                responsible_officer=row.responsible_officer,
                comments=row.comments,
                status=row.status,
                line=row.line,
            )
        )
