"""A meeting's own fields, derived from everything that speaks of it, and how it stands on a given day."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, delete, select, update

from corpus.language.held import dates_said_held
from corpus.models import Action, ActionEvent, Body, Item, ManualSchedule, Meeting, MeetingSource

# Minutes (what happened) outrank an officer's word (what will happen), which outranks an
# agenda (what was planned), which outranks a mere announcement in earlier minutes.
_RANK = {"minutes": 0, "manual": 1, "agenda": 2, "announced": 3}

HELD = "held"
HELD_UNMINUTED = "held (no minutes yet)"
PAST_UNMINUTED = "past, no minutes"
SCHEDULED = "scheduled"
CANCELLED = "cancelled"
# A meeting's minutes are confirmed at the board's next meeting, or soon after; later papers are not read.
CONFIRMING_MEETINGS = 3


def meeting_state(status: str, date: dt.date, has_minutes: bool, said_held: bool, today: dt.date) -> str:
    """How the meeting stands on `today`; a day gone by is never "scheduled".

    "held" (minuted), "cancelled", "held (no minutes yet)" (later minutes say it sat), "past, no
    minutes", or "scheduled" (today or later: a meeting today may still be to come).
    """
    if has_minutes or status == HELD:
        return HELD
    if status == CANCELLED:
        return CANCELLED
    if date < today:
        return HELD_UNMINUTED if said_held else PAST_UNMINUTED
    return SCHEDULED


def said_held(session: Session, meeting: Meeting) -> bool:
    """Whether the minutes or agenda of the board's next few meetings say this one was held."""
    papers = select(Item.meeting_id).where(col(Item.section).in_(("minutes", "agenda")))
    later = (
        select(Meeting.id)
        .where(Meeting.body_id == meeting.body_id, Meeting.date > meeting.date, col(Meeting.id).in_(papers))
        .order_by(col(Meeting.date))
        .limit(CONFIRMING_MEETINGS)
    )
    items = session.exec(
        select(Item.title, Item.text).where(
            col(Item.meeting_id).in_(later), col(Item.section).in_(("minutes", "agenda"))
        )
    )
    body = session.get(Body, meeting.body_id)
    board = body.name if body else None
    return any(meeting.date in dates_said_held(f"{title}\n{text}", board) for title, text in items)


def state_of(session: Session, meeting: Meeting, today: dt.date) -> str:
    """The meeting's state on `today` (`meeting_state`); later minutes are read only for a past, unminuted one."""
    pending = meeting.status == SCHEDULED and meeting.date < today
    held_later = pending and said_held(session, meeting)
    return meeting_state(meeting.status, meeting.date, meeting.status == HELD, held_later, today)


def recompute_meeting(session: Session, meeting_id: int) -> None:
    """Derive status, time and venue from the meeting's sources; drop it if nothing speaks of it.

    The result never depends on the order documents arrived in.
    """
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        return
    sources: list[tuple[int, object, object, object]] = [
        (_RANK.get(s.role, 9), s.start_time, s.end_time, s.venue)
        for s in session.exec(
            select(MeetingSource).where(MeetingSource.meeting_id == meeting_id).order_by(col(MeetingSource.id))
        )
    ]
    manual = session.exec(
        select(ManualSchedule)
        .where(ManualSchedule.meeting_id == meeting_id)
        .order_by(col(ManualSchedule.set_at).desc(), col(ManualSchedule.id).desc())
    ).first()
    if manual:
        sources.append((_RANK["manual"], manual.start_time, None, manual.venue))
    sources.sort(key=lambda source: source[0])
    has_items = session.exec(select(Item.id).where(Item.meeting_id == meeting_id)).first() is not None
    officers_acted = session.exec(
        select(ActionEvent.id)
        .join(Action, Action.id == ActionEvent.action_id)  # type: ignore[arg-type]
        .where(Action.meeting_id == meeting_id, ActionEvent.origin == "officer")
    ).first()
    if not sources and not has_items and meeting.cancelled_at is None and officers_acted is None:
        # A meeting no document speaks of any more goes (its pings with it: their key cascades);
        # its derived actions are re-derived after the ingest.
        actions = select(Action.id).where(Action.meeting_id == meeting_id)
        session.exec(delete(ActionEvent).where(col(ActionEvent.action_id).in_(actions)))  # type: ignore[call-overload]
        session.exec(delete(ActionEvent).where(ActionEvent.meeting_id == meeting_id))  # type: ignore[call-overload]
        session.exec(delete(Action).where(Action.meeting_id == meeting_id))  # type: ignore[call-overload]
        session.flush()
        session.delete(meeting)
        return
    meeting.start_time = next((s[1] for s in sources if s[1]), None)  # type: ignore[assignment]
    meeting.end_time = next((s[2] for s in sources if s[2]), None)  # type: ignore[assignment]
    meeting.venue = next((s[3] for s in sources if s[3]), None)  # type: ignore[assignment]
    if any(s[0] == _RANK["minutes"] for s in sources):
        meeting.status = "held"
    elif meeting.cancelled_at is not None:
        meeting.status = "cancelled"
    else:
        meeting.status = "scheduled"
    session.add(meeting)


def detach_items(session: Session, item_ids) -> None:
    """Before a document's items go: evidence derived from them goes too, references are cleared.

    Follow-ups are re-derived after the ingest, and find their new items by their keys.
    """
    session.exec(  # type: ignore[call-overload]
        delete(ActionEvent).where(ActionEvent.origin == "derived", col(ActionEvent.item_id).in_(item_ids))
    )
    session.exec(update(ActionEvent).where(col(ActionEvent.item_id).in_(item_ids)).values(item_id=None))  # type: ignore[call-overload]
    session.exec(update(Action).where(col(Action.item_id).in_(item_ids)).values(item_id=None))  # type: ignore[call-overload]
