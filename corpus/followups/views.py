"""Follow-ups read back for people and tools: each with its citation and its history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from corpus.citation import cite
from corpus.followups.closures import PROBABLY_DONE, RAG_STATUS
from corpus.models import Action, ActionEvent, Item, Meeting


@dataclass
class Cited:
    meeting_date: dt.date
    minute: str | None
    item_title: str | None
    section: str = "minutes"
    agenda_number: str | None = None
    title_derived: bool = False

    @property
    def citation(self) -> str:
        if not self.item_title:
            return cite(self.meeting_date, "meeting", None, "minutes")
        return cite(
            self.meeting_date, self.item_title, self.minute, self.section, self.agenda_number, self.title_derived
        )

    def to_json(self) -> dict:
        return {"meeting_date": self.meeting_date.isoformat(), "minute": self.minute, "item_title": self.item_title}


@dataclass
class HistoryEntry:
    kind: str
    text: str
    where: Cited | None
    confidence: float | None = None
    by: str | None = None
    at: dt.datetime | None = None

    def to_json(self) -> dict:
        where = self.where.to_json() if self.where else {"meeting_date": None, "minute": None, "item_title": None}
        entry = {**where, "kind": self.kind, "text": self.text}
        if self.confidence is not None:
            entry["confidence"] = self.confidence
        if self.by:
            entry["by"] = self.by
            entry["at"] = self.at.isoformat() if self.at else None
        return entry


@dataclass
class ActionView:
    id: int  # the database's row: internal; people see and type `ref`
    ref: str
    kind: str
    text: str
    owner: str | None
    due_date: dt.date | None
    due_text: str | None
    status: str
    rag: str | None
    source: Cited
    history: list[HistoryEntry] = field(default_factory=list)
    stale: bool = False

    @property
    def state(self) -> str:
        """How it stands, as shown: "probably done?" asks an officer to confirm."""
        shown = "probably done?" if self.status == PROBABLY_DONE else self.status
        # The log's word is shown while it is what the state rests on, not once later evidence overrides it.
        return f"{shown} ({self.rag})" if self.rag and RAG_STATUS.get(self.rag.lower()) == self.status else shown

    @property
    def closed_by(self) -> HistoryEntry | None:
        """What closed it: an officer's /done, or the evidence that did (a log, a later item)."""
        if self.status != "done":
            return None
        officer = [h for h in self.history if h.kind == "done" and h.by]
        evidence = [h for h in self.history if h.kind in ("closed", "action log")]
        return (officer or evidence or [None])[-1]

    @property
    def due(self) -> str | None:
        if self.due_date and self.due_text and "next meeting" in self.due_text:
            return f"next meeting ({self.due_date.isoformat()})"
        return self.due_date.isoformat() if self.due_date else self.due_text

    def to_json(self) -> dict:
        return {
            "id": self.ref,
            "text": self.text,
            "owner": self.owner,
            "due": self.due,
            "status": self.status,
            "rag": self.rag,
            "source": self.source.to_json(),
            "history": [h.to_json() for h in self.history],
        }


def _cited(session: Session, meeting_id: int | None, item_id: int | None) -> Cited | None:
    meeting = session.get(Meeting, meeting_id) if meeting_id else None
    item = session.get(Item, item_id) if item_id else None
    if item and meeting is None:
        meeting = session.get(Meeting, item.meeting_id)
    if meeting is None:
        return None
    if item is None:
        return Cited(meeting.date, None, None)
    return Cited(meeting.date, item.minute_number, item.title, item.section, item.agenda_number, item.title_derived)


def action_view(session: Session, action: Action) -> ActionView:
    events = session.exec(
        select(ActionEvent).where(ActionEvent.action_id == action.id).order_by(col(ActionEvent.at), col(ActionEvent.id))
    ).all()
    source = _cited(session, action.meeting_id, action.item_id)
    assert source is not None
    return ActionView(
        id=action.id or 0,
        ref=action.ref or str(action.id),
        kind=action.kind,
        text=action.text,
        owner=action.owner,
        due_date=action.due_date,
        due_text=action.due_text,
        status=action.status,
        rag=action.rag,
        source=source,
        history=[
            HistoryEntry(e.kind, e.text, _cited(session, e.meeting_id, e.item_id), e.confidence, e.by, e.at)
            for e in events
        ],
        stale=action.stale,
    )


def list_actions(
    session: Session,
    open_only: bool = False,
    owner: str | None = None,
    meeting_date: dt.date | None = None,
    due_by: dt.date | None = None,
) -> list[ActionView]:
    """Follow-ups, newest meeting first, in minute order within it; filters combine ("open, Jo Smith's,
    from 14 June 2019"). Open means not done: "probably done?" waits for an officer."""
    rows = session.exec(select(Action, Meeting).where(Action.meeting_id == Meeting.id)).all()
    rows = sorted(rows, key=lambda row: (-row[1].date.toordinal(), _place(row[0].ref)))
    views = []
    for action, meeting in rows:
        if open_only and action.status == "done":
            continue
        if owner and (not action.owner or owner.casefold() not in action.owner.casefold()):
            continue
        if meeting_date and meeting.date != meeting_date:
            continue
        if due_by and (action.due_date is None or action.due_date > due_by):
            continue
        views.append(action_view(session, action))
    return views


def describe_action(view: ActionView, history: bool = True) -> str:
    """An action in a few plain lines: what, whose, by when, how it stands, where it came from."""
    lines = [f"{view.ref} [{view.state}] {view.owner or 'no owner named'}{' · due ' + view.due if view.due else ''}"]
    lines.append(f"   {view.text}")
    lines.append(f"   created: {view.source.citation}")
    for entry in view.history if history else []:
        where = f" — {entry.where.citation}" if entry.where else ""
        sure = f" (confidence {entry.confidence:.2f})" if entry.confidence is not None else ""
        who = f" by {entry.by}" if entry.by else ""
        lines.append(f"   {entry.kind}{who}{sure}{where}: {entry.text}")
    return "\n".join(lines)


def _place(ref: str | None) -> tuple[int, str]:
    """A ref's number, for minute order within a meeting ("190614-10" after "190614-9")."""
    number = (ref or "").rpartition("-")[2]
    return (int(number), "") if number.isdigit() else (0, ref or "")


CSV_COLUMNS = ("id", "owner", "text", "status", "due", "created_at", "closed_by")


def csv_rows(views: list[ActionView]) -> list[dict[str, str]]:
    """One row per follow-up for the clerk's spreadsheet: owner, text, status, due, where it was made
    and what closed it, each with its citation."""
    rows = []
    for view in views:
        closed = view.closed_by
        closing = ""
        if closed is not None:
            where = f" ({closed.where.citation})" if closed.where else ""
            closing = f"{closed.kind}{' by ' + closed.by if closed.by else ''}{where}: {closed.text}"
        rows.append(
            {
                "id": view.ref,
                "owner": view.owner or "",
                "text": view.text,
                "status": view.state,
                "due": view.due or "",
                "created_at": view.source.citation,
                "closed_by": closing,
            }
        )
    return rows
