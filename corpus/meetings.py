"""A meeting's own fields, derived from everything that speaks of it."""

from __future__ import annotations

from sqlmodel import Session, col, delete, select, update

from corpus.models import Action, ActionEvent, Item, ManualSchedule, Meeting, MeetingSource, Reminder

# Minutes (what happened) outrank an officer's word (what will happen), which outranks an
# agenda (what was planned), which outranks a mere announcement in earlier minutes.
_RANK = {"minutes": 0, "manual": 1, "agenda": 2, "announced": 3}


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
        # Pings for a meeting no document speaks of any more would announce nothing; its derived
        # actions are re-derived after the ingest.
        for reminder in session.exec(select(Reminder).where(Reminder.meeting_id == meeting_id)):
            session.delete(reminder)
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
