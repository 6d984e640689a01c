"""Reading the memory back: meetings and items as plain views with citations, JSON-ready."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from corpus.citation import cite, source_span
from corpus.meetings import state_of
from corpus.models import Body, Document, Item, Meeting, Resolution

# Minutes are the record; agenda, reports and the action log are the papers around it.
SECTION_ORDER = {"minutes": 0, "agenda": 1, "report": 2, "action_log": 3}


@dataclass
class MeetingView:
    date: dt.date
    time: dt.time | None
    venue: str | None
    status: str
    body: str
    items: int
    minute_numbers: list[str]
    id: int = 0

    def to_json(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "time": self.time.strftime("%H:%M") if self.time else None,
            "venue": self.venue,
            "status": self.status,
            "body": self.body,
            "items": self.items,
            "minute_numbers": self.minute_numbers,
        }


@dataclass
class ItemView:
    meeting_date: dt.date
    minute: str | None
    item_title: str
    title_derived: bool
    section: str
    text: str
    source: str
    agenda_number: str | None = None
    note: str | None = None
    resolutions: list[tuple[str | None, str]] = field(default_factory=list)
    item_id: int = 0

    @property
    def citation(self) -> str:
        return cite(
            self.meeting_date, self.item_title, self.minute, self.section, self.agenda_number, self.title_derived
        )

    def to_json(self) -> dict:
        return {
            "meeting_date": self.meeting_date.isoformat(),
            "minute": self.minute,
            "item_title": self.item_title,
            "title_derived": self.title_derived,
            "section": self.section,
            "text": self.text,
            "resolutions": [{"label": label, "text": text} for label, text in self.resolutions],
            "source": self.source,
        }


def list_meetings(session: Session, today: dt.date | None = None) -> list[MeetingView]:
    """Every meeting known, oldest first, with how many items it has on record.

    Given `today`, each status is how the meeting stands that day ("past, no minutes" rather than
    "scheduled"); without it, the status as recorded.
    """
    views = []
    rows = session.exec(select(Meeting, Body).where(Meeting.body_id == Body.id).order_by(Meeting.date)).all()
    for meeting, body in rows:
        items = session.exec(select(Item).where(Item.meeting_id == meeting.id)).all()
        minuted = [i for i in items if i.section == "minutes"]
        # The count a reader expects: items minuted, or for an unminuted meeting its agenda.
        counted = minuted or [i for i in items if i.section == "agenda"]
        numbers = sorted({i.minute_number for i in minuted if i.minute_number}, key=_number_key)
        status = meeting.status if today is None else state_of(session, meeting, today)
        views.append(
            MeetingView(
                meeting.date,
                meeting.start_time,
                meeting.venue,
                status,
                body.name,
                len(counted),
                numbers,
                meeting.id or 0,
            )
        )
    return views


def _number_key(number: str) -> tuple[int, str]:
    m = re.match(r"\d+", number)
    return (int(m.group()) if m else 0, number)


def meetings_on(session: Session, date: dt.date) -> list[Meeting]:
    """The meetings held or scheduled on a date (one per body)."""
    return list(session.exec(select(Meeting).where(Meeting.date == date)))


def item_views(session: Session, meeting: Meeting) -> list[ItemView]:
    """The meeting's items in reading order: minutes, agenda, reports, action log."""
    rows = session.exec(
        select(Item, Document)
        .where(Item.meeting_id == meeting.id, Item.document_id == Document.id)
        .order_by(col(Item.document_id), col(Item.position))
    ).all()
    rows = sorted(rows, key=lambda row: (SECTION_ORDER.get(row[0].section, 9), row[0].document_id, row[0].position))
    views = []
    for item, document in rows:
        resolutions = session.exec(
            select(Resolution).where(Resolution.item_id == item.id).order_by(col(Resolution.position))
        ).all()
        views.append(
            ItemView(
                meeting_date=meeting.date,
                minute=item.minute_number,
                item_title=item.title,
                title_derived=item.title_derived,
                section=item.section,
                text=item.text,
                source=source_span(document.path, item.line_start, item.line_end),
                agenda_number=item.agenda_number,
                note=item.note,
                resolutions=[(r.label, r.text) for r in resolutions],
                item_id=item.id or 0,
            )
        )
    return views


def select_items(views: list[ItemView], ref: str) -> list[ItemView]:
    """Items named by `ref`: a minute number ("86"), "agenda 7", or words of the title."""
    ref = ref.strip()
    if m := re.fullmatch(r"(?:minute\s+)?(\d+(?:/\d+)?)(?:\([a-z]\))?", ref, re.IGNORECASE):
        by_minute = [v for v in views if v.minute == m.group(1)]
        if by_minute:
            return by_minute
    if m := re.fullmatch(r"(?:agenda(?:\s+item)?|item)\s+(\d+)", ref, re.IGNORECASE):
        return [v for v in views if v.agenda_number == m.group(1) and v.section in ("agenda", "report")]
    words = ref.casefold()
    return [v for v in views if words in v.item_title.casefold()]
