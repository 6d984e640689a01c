"""Officers' word on a follow-up (/done, /update, /assign, /reopen): kept forever, applied over the evidence."""

from __future__ import annotations

import datetime as dt
import re

from sqlmodel import Session, col, select

from corpus.models import Action, ActionEvent

# A follow-up's id as people type it: the meeting's date and its place there ("190614-3").
_REF = re.compile(r"#?(\d{6})-(\d{1,4})")


class ActionError(ValueError):
    """An officer's update that cannot be applied (unknown id, empty note)."""


def reference(text: str) -> str | None:
    """A typed follow-up id in its one written form ("#190614-03" → "190614-3"), else None."""
    match = _REF.fullmatch(text.strip())
    return f"{match[1]}-{int(match[2])}" if match else None


def find(session: Session, ref: str) -> Action | None:
    """The follow-up with that id, however it was typed."""
    wanted = reference(ref)
    if wanted is None:
        return None
    return session.exec(select(Action).where(Action.ref == wanted)).first()


def apply_officer_events(session: Session, action: Action) -> None:
    """Officers' updates, oldest first, over what the evidence says."""
    for event in session.exec(
        select(ActionEvent)
        .where(ActionEvent.action_id == action.id, ActionEvent.origin == "officer")
        .order_by(col(ActionEvent.at), col(ActionEvent.id))
    ):
        if event.kind == "done":
            action.status = "done"
        elif event.kind == "reopen":
            action.status = "open"
        elif event.kind == "assign":
            action.owner = event.text
    session.add(action)


def record(session: Session, ref: str, kind: str, text: str, by: str, now: dt.datetime) -> Action:
    """An officer's update (done / update / assign / reopen): stored with who and when, applied, never deleted."""
    action = find(session, ref)
    if action is None:
        raise ActionError(f"no follow-up {ref.strip()[:20]}; /actions lists them with their ids")
    if kind in ("update", "assign") and not text.strip():
        raise ActionError(
            f"/{kind} needs text, e.g. /{kind} {action.ref} {'Jane Smith' if kind == 'assign' else 'progress note'}"
        )
    session.add(ActionEvent(action_id=action.id or 0, kind=kind, origin="officer", text=text.strip(), by=by, at=now))
    session.flush()
    apply_officer_events(session, action)
    session.flush()
    return action
