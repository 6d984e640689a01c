"""What a parser returns: plain dataclasses, before anything touches the database.

Line numbers are 1-based and inclusive, counted in the source document as read, so
a citation can point a reader at the exact span.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Section(StrEnum):
    """Which part of a board's paperwork an item came from."""

    MINUTES = "minutes"
    AGENDA = "agenda"
    REPORT = "report"
    ACTION_LOG = "action_log"
    ATTENDANCE = "attendance"  # who was there, as the minutes list them: answers "who sent apologies?"


class Role(StrEnum):
    """How a person was recorded at a meeting."""

    PRESENT = "present"
    OFFICER = "officer"
    ALSO_ATTENDING = "also attending"
    APOLOGIES = "apologies"
    ABSENT = "absent"


@dataclass
class ParsedResolution:
    label: str | None
    text: str


@dataclass
class ParsedReference:
    """A pointer to an earlier minute ("Minute 47", "(minute 35)", "Further to minute 16")."""

    minute: str
    text: str


@dataclass
class ParsedItem:
    section: Section
    title: str
    text: str
    line_start: int
    line_end: int
    minute_number: str | None = None
    agenda_number: str | None = None
    title_derived: bool = False
    note: str | None = None
    resolutions: list[ParsedResolution] = field(default_factory=list)
    references: list[ParsedReference] = field(default_factory=list)


@dataclass
class ParsedAttendee:
    person: str
    organisation: str | None
    role: Role


@dataclass
class ParsedActionRow:
    number: str
    date: dt.date | None
    action: str
    responsible_officer: str | None
    comments: str | None
    status: str | None
    line: int


@dataclass
class AnnouncedMeeting:
    """A future meeting named in the text ("The next meeting ... on 8 September 2016 at 10:00am")."""

    date: dt.date
    time: dt.time | None
    line: int


@dataclass
class ParsedMeeting:
    """One meeting as a document records it: its minutes, or its agenda and papers."""

    date: dt.date | None
    has_minutes: bool
    line: int
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    venue: str | None = None
    body: str | None = None
    items: list[ParsedItem] = field(default_factory=list)
    attendance: list[ParsedAttendee] = field(default_factory=list)
    action_log: list[ParsedActionRow] = field(default_factory=list)
    announced: list[AnnouncedMeeting] = field(default_factory=list)
    # Who was there, in the minutes' own words (stored as an item of section "attendance"; not a minuted item).
    attendance_item: ParsedItem | None = None


@dataclass
class ParsedDocument:
    format: str
    meetings: list[ParsedMeeting]
    body: str | None = None
    warnings: list[str] = field(default_factory=list)  # what the reader had to assume, for the clerk


class ParseError(ValueError):
    """A document that cannot become minutes; carries the file and line it is about."""

    def __init__(self, reason: str, path: str = "", line: int | None = None):
        self.reason = reason
        self.path = path
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or "<text>"
        if self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.reason}"
