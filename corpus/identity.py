"""Which stored document a new one stands in for, when files are not known by their path.

Uploads arrive with names like "minutes.pdf" that many meetings share, so an upload is kept under a name
of its own and replaces an earlier upload only when the two are the same meetings of the same board:
a corrected version of those minutes or that agenda. Anything else is added beside what is there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from corpus.language.dates import format_date
from corpus.models import Body, Document, Meeting, MeetingSource
from corpus.parsed import ParsedDocument

# (board, date, role): the meetings a document records ("minutes") or prepares ("agenda").
Sitting = tuple[str, dt.date, str]


@dataclass(frozen=True)
class Replaced:
    """An earlier document a new one replaced, and the meetings it held."""

    path: str
    body: str
    sittings: tuple[tuple[dt.date, str], ...]  # (date, "minutes" | "agenda"), in date order

    def __str__(self) -> str:
        held = ", ".join(f"the {role} of {format_date(date)}" for date, role in self.sittings)
        return f"{Path(self.path).name} ({held})"

    def to_json(self) -> dict:
        """As `ingest --json` prints it."""
        return {
            "path": self.path,
            "body": self.body,
            "meetings": [{"date": date.isoformat(), "role": role} for date, role in self.sittings],
        }


def parsed_sittings(parsed: ParsedDocument) -> frozenset[Sitting]:
    """The meetings a parsed document records or prepares (announced ones are not its own)."""
    board = (parsed.body or "").casefold()
    return frozenset(
        (board, meeting.date, "minutes" if meeting.has_minutes else "agenda")
        for meeting in parsed.meetings
        if meeting.date is not None
    )


def stored_sittings(session: Session, document: Document) -> frozenset[Sitting]:
    """The meetings a stored document records or prepares."""
    rows = session.exec(
        select(Body.name, Meeting.date, MeetingSource.role)
        .join(Meeting, col(Meeting.id) == MeetingSource.meeting_id)
        .join(Body, col(Body.id) == Meeting.body_id)
        .where(MeetingSource.document_id == document.id, MeetingSource.role != "announced")
    )
    return frozenset((name.casefold(), date, role) for name, date, role in rows)


def same_meetings(session: Session, parsed: ParsedDocument, folder: Path, key: str) -> list[Document]:
    """The documents kept under `folder` (other than `key`) that hold exactly the meetings `parsed` holds."""
    wanted = parsed_sittings(parsed)
    if not wanted:
        return []
    prefix = str(folder.resolve()).rstrip("/") + "/"
    candidates = session.exec(
        select(Document).where(col(Document.path).startswith(prefix, autoescape=True), Document.path != key)
    )
    return [document for document in candidates if stored_sittings(session, document) == wanted]


def describe(session: Session, document: Document) -> Replaced:
    """What a document held, said before it is forgotten."""
    sittings = sorted(stored_sittings(session, document), key=lambda s: (s[1], s[2]))
    body = session.get(Body, document.body_id)
    return Replaced(document.path, body.name if body else "", tuple((date, role) for _, date, role in sittings))
