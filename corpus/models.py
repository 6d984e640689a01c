"""The structured memory, as database tables (SQLModel).

Everything read from a document points back at it (`document_id`), so re-ingesting a
changed file can replace exactly what that file said. A Meeting is shared by every
document that mentions it; `MeetingSource` records which documents did, and what each said
of its time and venue, so the meeting's own fields can always be recomputed from them.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel, UniqueConstraint


class Body(SQLModel, table=True):
    """A board or committee."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)


class Document(SQLModel, table=True):
    """A source file as ingested."""

    id: int | None = Field(default=None, primary_key=True)
    path: str = Field(index=True, unique=True)
    sha256: str = Field(index=True)
    format: str
    parser_version: int
    body_id: int = Field(foreign_key="body.id")
    ingested_at: dt.datetime


class Meeting(SQLModel, table=True):
    """One sitting of a body on one day, however many documents mention it."""

    __table_args__ = (UniqueConstraint("body_id", "date"),)

    id: int | None = Field(default=None, primary_key=True)
    body_id: int = Field(foreign_key="body.id", index=True)
    date: dt.date = Field(index=True)
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    venue: str | None = None
    status: str = "scheduled"  # held / scheduled / cancelled
    cancelled_at: dt.datetime | None = None


class MeetingSource(SQLModel, table=True):
    """That a document records (minutes), prepares (agenda) or announces a meeting."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    role: str  # minutes / agenda / announced
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    venue: str | None = None
    line: int | None = None


class Item(SQLModel, table=True):
    """A minuted item, an agenda item, an officer's report or an action log."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    section: str  # minutes / agenda / report / action_log
    position: int
    minute_number: str | None = Field(default=None, index=True)
    agenda_number: str | None = None
    title: str
    title_derived: bool = False
    note: str | None = None
    text: str
    line_start: int
    line_end: int


class Resolution(SQLModel, table=True):
    """One decision of an item, with its label such as "(a)"."""

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="item.id", index=True)
    position: int
    label: str | None = None
    text: str


class MinuteReference(SQLModel, table=True):
    """An item's mention of an earlier minute ("Minute 47: …"), kept for linking later."""

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="item.id", index=True)
    minute: str
    text: str


class Attendance(SQLModel, table=True):
    """A person recorded at a meeting, and in what capacity."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    person: str
    organisation: str | None = None
    role: str  # present / officer / also attending / apologies


class ActionLogEntry(SQLModel, table=True):
    """A row of an action log presented to a meeting."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    item_id: int | None = Field(default=None, foreign_key="item.id")
    number: str
    date: dt.date | None = None
    action: str
    responsible_officer: str | None = None
    comments: str | None = None
    status: str | None = None
    line: int


class MemoryState(SQLModel, table=True):
    """How far the memory has moved, and how far follow-ups have caught up with it (one row).

    Every change to documents bumps `generation` in its own transaction; follow-ups record the
    generation they were derived from, so a process killed between the two leaves a gap the
    next ingest sees and repairs.
    """

    id: int = Field(default=1, primary_key=True)
    generation: int = 0
    actions_generation: int = 0


class SchemaVersion(SQLModel, table=True):
    """Which numbered migrations have run on this database."""

    version: int = Field(primary_key=True)
    applied_at: dt.datetime


class ManualSchedule(SQLModel, table=True):
    """An officer's word on a meeting: that it will sit, when and where (`/schedule`, `boardmem schedule`)."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    start_time: dt.time | None = None
    venue: str | None = None
    set_by: str  # "telegram:<user id>" or "cli"
    set_at: dt.datetime


class MeetingChange(SQLModel, table=True):
    """Who scheduled or cancelled a meeting, and when; kept so nothing is lost."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    action: str  # scheduled / cancelled
    detail: str = ""
    by: str
    at: dt.datetime


class Action(SQLModel, table=True):
    """A follow-up: who agreed to do what, at which meeting, by when, and how it stands.

    Derived from the minutes (re-derived after every ingest, keeping its id by `key`);
    officers' updates live in ActionEvent and are never lost.
    """

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True, unique=True)  # stable identity across re-derivation
    # The id people see and type: the date of the meeting that made it and its place among that day's
    # follow-ups ("190614-3"); never the database's row order, so every engine and re-ingest agree.
    ref: str | None = Field(default=None, index=True, unique=True)
    kind: str  # action_log / resolution / agreed
    meeting_id: int = Field(foreign_key="meeting.id", index=True)  # the meeting that created it
    item_id: int | None = Field(default=None, foreign_key="item.id")
    text: str
    owner: str | None = None
    owner_raw: str | None = None
    due_date: dt.date | None = None
    due_text: str | None = None
    status: str = "open"  # open / in progress / probably done / done
    rag: str | None = None  # the action log's own word: Red / Amber / Green
    log_number: str | None = None
    stale: bool = False  # no longer found in the minutes, kept because officers had updated it
    # Where it was minuted (minute number or item title): an edited sentence keeps its id only in the same place.
    anchor: str | None = None


class ActionEvent(SQLModel, table=True):
    """Something that happened to an action: a later mention, a log status, a proposed closure,
    or an officer's update. Derived events are recomputed; officers' are kept forever."""

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True)
    kind: str  # created / matters arising / action log / proposed closure / done / update / assign
    origin: str = "derived"  # derived / officer
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    item_id: int | None = Field(default=None, foreign_key="item.id")
    text: str = ""
    confidence: float | None = None
    by: str | None = None
    at: dt.datetime
