"""The slices of the memory follow-ups are derived from, loaded once per derivation."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from corpus.models import Attendance, Body, Item, Meeting, Resolution


@dataclass
class Memory:
    meetings: dict[int, Meeting]
    items: dict[int, Item]
    people: dict[int, list[Attendance]]
    boards: dict[int, str]
    resolutions: dict[int, list[tuple[str | None, str]]] = field(default_factory=dict)

    def meeting_on(self, date: dt.date, body_id: int | None = None) -> Meeting | None:
        """The meeting held on `date` (of that board, when it is known)."""
        same_day = [m for m in self.meetings.values() if m.date == date]
        return next((m for m in same_day if body_id is None or m.body_id == body_id), None)

    def next_meeting(self, after: Meeting, month: tuple[int, int] | None = None) -> Meeting | None:
        """The board's first meeting after `after` (in that month, when one is named)."""
        later = sorted(
            (m for m in self.meetings.values() if m.body_id == after.body_id and m.date > after.date),
            key=lambda m: m.date,
        )
        if month:
            later = [m for m in later if (m.date.year, m.date.month) == month]
        return later[0] if later else None

    def names(self, meeting_id: int) -> list[str]:
        """Who the meeting's attendance lists, as written."""
        return [a.person for a in self.people.get(meeting_id, [])]

    def everyone(self, body_id: int | None = None) -> list[str]:
        """Everyone the attendance lists name: at any meeting, or at the meetings of one board."""
        return [
            a.person
            for meeting_id, people in self.people.items()
            if body_id is None or (meeting_id in self.meetings and self.meetings[meeting_id].body_id == body_id)
            for a in people
        ]

    def later_items(self, meeting: Meeting, within_days: int) -> list[Item]:
        """The board's items (minuted, on an agenda, reported or logged) after `meeting`, within `within_days`."""
        last = meeting.date + dt.timedelta(days=within_days)
        return [
            i
            for i in self.items.values()
            if (m := self.meetings[i.meeting_id]).body_id == meeting.body_id and meeting.date < m.date <= last
        ]


def load(session: Session) -> Memory:
    """Meetings, items, attendance, boards and resolutions, each read once."""
    meetings = {m.id: m for m in session.exec(select(Meeting))}
    items = {i.id: i for i in session.exec(select(Item))}
    people: dict[int, list[Attendance]] = defaultdict(list)
    for attendee in session.exec(select(Attendance).order_by(col(Attendance.id))):
        people[attendee.meeting_id].append(attendee)
    boards = {b.id: b.name for b in session.exec(select(Body))}
    memory = Memory(meetings, items, people, boards)  # type: ignore[arg-type]
    for resolution in session.exec(select(Resolution).order_by(col(Resolution.item_id), col(Resolution.position))):
        memory.resolutions.setdefault(resolution.item_id, []).append((resolution.label, resolution.text))
    return memory
