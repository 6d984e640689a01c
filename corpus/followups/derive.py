"""Follow-ups across meetings: derived from the memory, linked, proposed closed, updated by officers.

`refresh_actions` re-derives every action after an ingest. Actions keep their id by a key
made of where they were minuted and what they say, so officers' /done, /update and /assign
(ActionEvents with origin "officer") survive re-reading the minutes. Derived events are
evidence, recomputed each time: the action log's word on an action, later "Matters arising"
mentions, and a later item proposed as delivering what was asked, with a confidence.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session, col, delete, select

from corpus.actions import Due, Found, ItemText, extract
from corpus.citation import cite
from corpus.language.dates import MONTHS
from corpus.language.minute_numbers import referenced
from corpus.language.stems import stem
from corpus.models import (
    Action,
    ActionEvent,
    ActionLogEntry,
    Attendance,
    Item,
    Meeting,
    MinuteReference,
    Resolution,
)
from corpus.owners import normalise_owner

RAG_STATUS = {"red": "open", "amber": "in progress", "green": "done"}
CLOSURE_THRESHOLD = 0.45
# How alike an edited sentence must stay to remain the same follow-up (difflib ratio of the normalised
# texts): in the same minute a corrected typo or figure; elsewhere at that meeting, only near-identical.
SAME_PLACE_LIKENESS = 0.8
ELSEWHERE_LIKENESS = 0.95
DISTINCTIVE_IDF = 1.0  # rarer than in about three items of five
_WORD = re.compile(r"[a-z][a-z0-9'’-]+")
# Words every request shares; what a follow-up is about lies in the others.
_GENERIC = frozenset(
    """that this be the a an of to for on at in and or with by from future meeting meetings board report reports
    presentation presentations update updates provide provided brought bring further agenda item items officers
    requested request agreed would should will regarding work progress new it was were there back find
    out what made been had has have also given consideration moved onto into taken take make look looked consider
    considered ensure help site former""".split()  # noqa: SIM905 - a word list reads best as prose
)


class ActionError(ValueError):
    """An officer's update that cannot be applied (unknown id, empty note)."""


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _terms(text: str) -> set[str]:
    words = {w for w in _WORD.findall(text.lower()) if w not in _GENERIC and w not in MONTHS}
    return {stem(w) for w in words}


_ASKED = re.compile(
    r"\b(?:agreed\s+(?:that|to)|requested\s+(?:that|to)|asked\s+to|stated\s+that|recommended\s+that|"
    r"be\s+requested\s+to)\b",
    re.IGNORECASE,
)


def _topic(text: str) -> str:
    """What was asked for: the words after "agreed that", "be requested to" … (not the preamble)."""
    parts = _ASKED.split(text, maxsplit=1)
    return parts[-1]


def _key(*parts: object) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:20]


def _normalised(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()[:240]


@dataclass
class _Memory:
    """The slices of the memory the derivation reads, loaded once."""

    meetings: dict[int, Meeting]
    items: dict[int, Item]
    people: dict[int, list[str]]
    resolutions: dict[int, list[tuple[str | None, str]]] = field(default_factory=dict)

    def meeting_on(self, date: dt.date) -> Meeting | None:
        return next((m for m in self.meetings.values() if m.date == date), None)

    def next_meeting(self, after: dt.date, month: tuple[int, int] | None = None) -> Meeting | None:
        later = sorted((m for m in self.meetings.values() if m.date > after), key=lambda m: m.date)
        if month:
            later = [m for m in later if (m.date.year, m.date.month) == month]
        return later[0] if later else None


def _load(session: Session) -> _Memory:
    meetings = {m.id: m for m in session.exec(select(Meeting))}
    items = {i.id: i for i in session.exec(select(Item))}
    people: dict[int, list[str]] = defaultdict(list)
    for attendee in session.exec(select(Attendance)):
        people[attendee.meeting_id].append(attendee.person)
    memory = _Memory(meetings, items, people)  # type: ignore[arg-type]
    for resolution in session.exec(select(Resolution).order_by(col(Resolution.position))):
        memory.resolutions.setdefault(resolution.item_id, []).append((resolution.label, resolution.text))
    return memory


def _due(due: Due, memory: _Memory, held_on: dt.date) -> tuple[dt.date | None, str | None]:
    if due.date:
        return due.date, due.text
    if due.next_meeting or due.month:
        meeting = memory.next_meeting(held_on, due.month)
        return (meeting.date if meeting else None), due.text
    return None, due.text


def _everyone(memory: _Memory) -> list[str]:
    return [person for people in memory.people.values() for person in people]


def _derive(session: Session, memory: _Memory) -> list[tuple[Action, list[ActionEvent]]]:
    """Every action the minutes and action logs create, each with the evidence that comes with it."""
    derived: list[tuple[Action, list[ActionEvent]]] = []
    everyone = _everyone(memory)
    for item in memory.items.values():
        if item.section != "minutes":
            continue
        meeting = memory.meetings[item.meeting_id]
        text = ItemText(
            item.id or 0, meeting.id or 0, meeting.date, item.text, tuple(memory.resolutions.get(item.id or 0, []))
        )
        for found in extract(text):
            derived.append((_action_from(found, item, meeting, memory, everyone), []))
    for entry in session.exec(select(ActionLogEntry).order_by(col(ActionLogEntry.id))):
        derived.append(_action_from_log(entry, memory, everyone))
    return derived


def _action_from(found: Found, item: Item, meeting: Meeting, memory: _Memory, everyone: list[str]) -> Action:
    due_date, due_text = _due(found.due, memory, meeting.date)
    people = memory.people.get(meeting.id or 0) or everyone
    return Action(
        key=_key(found.kind, meeting.date, item.minute_number or item.title, _normalised(found.text)),
        kind=found.kind,
        meeting_id=meeting.id,
        item_id=item.id,
        anchor=item.minute_number or item.title,
        text=found.text,
        owner=normalise_owner(found.owner_raw, people),
        owner_raw=found.owner_raw,
        due_date=due_date,
        due_text=due_text,
    )


def _action_from_log(entry: ActionLogEntry, memory: _Memory, everyone: list[str]) -> tuple[Action, list[ActionEvent]]:
    """An action log row, cited to the meeting (and, where it can be told, the item) that created it."""
    presented = memory.meetings[entry.meeting_id]
    created = memory.meeting_on(entry.date) if entry.date else None
    source = created or presented
    item = _best_item(
        entry.action, [i for i in memory.items.values() if i.meeting_id == source.id and i.section == "minutes"]
    )
    rag = (entry.status or "").strip() or None
    action = Action(
        key=_key("action_log", presented.date, entry.number, _normalised(entry.action)),
        kind="action_log",
        meeting_id=source.id,
        item_id=item.id if item else None,
        anchor=f"{presented.date} log {entry.number}",
        text=entry.action,
        owner=normalise_owner(entry.responsible_officer, memory.people.get(source.id or 0) or everyone),
        owner_raw=entry.responsible_officer,
        status=RAG_STATUS.get((rag or "").lower(), "open"),
        rag=rag,
        log_number=entry.number,
    )
    word = f"{rag}: " if rag else ""
    evidence = ActionEvent(
        action_id=0,
        kind="action log",
        meeting_id=presented.id,
        item_id=entry.item_id,
        text=f"Action {entry.number} on the log for {presented.date:%d %B %Y}: {word}{entry.comments or 'no comment'}",
        at=dt.datetime.combine(presented.date, dt.time(), tzinfo=dt.UTC),
    )
    return action, [evidence]


def _best_item(text: str, items: list[Item], floor: float = 0.25) -> Item | None:
    wanted = _terms(text)
    if not wanted:
        return None
    scored = [(len(wanted & _terms(f"{i.title} {i.text}")) / len(wanted), i) for i in items]
    best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    return best[1] if best[0] >= floor else None


def refresh_actions(session: Session, now: dt.datetime | None = None) -> int:
    """Re-derive all actions and their evidence from the memory; returns how many there are."""
    now = now or utc_now()
    memory = _load(session)
    derived = _derive(session, memory)
    existing = {a.key: a for a in session.exec(select(Action))}
    officer_touched = set(session.exec(select(ActionEvent.action_id).where(ActionEvent.origin == "officer")))
    session.exec(delete(ActionEvent).where(ActionEvent.origin == "derived"))  # type: ignore[call-overload]

    derived = _distinct(derived)
    matched = _match([fresh for fresh, _ in derived], list(existing.values()))
    kept: list[tuple[Action, list[ActionEvent]]] = []
    seen: set[str] = set()
    for fresh, events in derived:
        action = matched.get(fresh.key)
        seen.add(action.key if action else fresh.key)
        if action is None:
            action = fresh
        else:
            for name in (
                "key",
                "anchor",
                "kind",
                "meeting_id",
                "item_id",
                "text",
                "owner",
                "owner_raw",
                "due_date",
                "due_text",
                "status",
                "rag",
                "log_number",
            ):
                setattr(action, name, getattr(fresh, name))
            action.stale = False
        session.add(action)
        kept.append((action, events))
    for key, action in existing.items():
        if key in seen:
            continue
        if action.id in officer_touched:
            action.stale = True  # gone from the minutes, but an officer's notes are never thrown away
            session.add(action)
        else:
            session.delete(action)
    session.flush()

    for action, events in kept:
        for event in events:
            event.action_id = action.id or 0
            session.add(event)
    _link_log_rows(session, kept, memory)
    _link_matters_arising(session, kept, memory)
    _propose_closures(session, kept, memory)
    for action, _ in kept:
        _apply_officer_events(session, action)
    session.flush()
    return len(kept)


def _distinct(derived: list[tuple[Action, list[ActionEvent]]]) -> list[tuple[Action, list[ActionEvent]]]:
    """The first of each key: the same sentence found twice is one follow-up."""
    seen: set[str] = set()
    unique = []
    for fresh, events in derived:
        if fresh.key not in seen:
            seen.add(fresh.key)
            unique.append((fresh, events))
    return unique


def _match(fresh: list[Action], existing: list[Action]) -> dict[str, Action]:
    """Each freshly derived action's stored twin, by fresh key: the same key, else the most alike
    unclaimed action of the same kind and meeting, so an edited sentence keeps its id and updates."""
    by_key = {action.key: action for action in existing}
    matched = {f.key: by_key[f.key] for f in fresh if f.key in by_key}
    claimed = {action.key for action in matched.values()}
    pairs = []
    for new in fresh:
        if new.key in matched:
            continue
        for old in existing:
            if old.key in claimed or (old.kind, old.meeting_id) != (new.kind, new.meeting_id):
                continue
            likeness = difflib.SequenceMatcher(None, _normalised(old.text), _normalised(new.text)).ratio()
            floor = SAME_PLACE_LIKENESS if old.anchor in (None, new.anchor) else ELSEWHERE_LIKENESS
            if likeness >= floor:
                pairs.append((likeness, new.key, old))
    # Most alike first, so two edited sentences of one minute each find their own twin.
    for _likeness, key, old in sorted(pairs, key=lambda pair: -pair[0]):
        if key not in matched and old.key not in claimed:
            matched[key] = old
            claimed.add(old.key)
    return matched


def _link_log_rows(session: Session, kept: list[tuple[Action, list[ActionEvent]]], memory: _Memory) -> None:
    """A log row and the minute that created it are one follow-up seen twice: share the log's word."""
    logged = [a for a, _ in kept if a.kind == "action_log" and a.item_id]
    for action, _ in kept:
        if action.kind == "action_log" or not action.item_id:
            continue
        rows = [row for row in logged if row.item_id == action.item_id]
        match = max(rows, key=lambda row: len(_terms(row.text) & _terms(action.text)), default=None)
        if match is None or not _terms(match.text) & _terms(action.text):
            continue
        # The log's word on progress applies; its owner does not: the minutes named nobody.
        action.status, action.rag = match.status, match.rag
        session.add(action)
        session.add(
            ActionEvent(
                action_id=action.id or 0,
                kind="action log",
                meeting_id=match.meeting_id,
                item_id=match.item_id,
                text=f"Tracked as action {match.log_number} of the action log "
                f"({match.rag or match.status}): {match.text}",
                at=utc_now(),
            )
        )


def _link_matters_arising(session: Session, kept: list[tuple[Action, list[ActionEvent]]], memory: _Memory) -> None:
    """ "Minute 57", "(minute 35)": a later item returns to an earlier one and to its actions."""
    by_item: dict[int, list[Action]] = defaultdict(list)
    for action, _ in kept:
        if action.item_id:
            by_item[action.item_id].append(action)
    for reference in session.exec(select(MinuteReference)):
        citing = memory.items.get(reference.item_id)
        if citing is None:
            continue
        when = memory.meetings[citing.meeting_id].date
        earlier = [
            i
            for i in memory.items.values()
            if i.minute_number == reference.minute and memory.meetings[i.meeting_id].date < when
        ]
        if not earlier:
            continue
        target = max(earlier, key=lambda i: memory.meetings[i.meeting_id].date)
        for action in by_item.get(target.id or 0, []):
            session.add(
                ActionEvent(
                    action_id=action.id or 0,
                    kind="matters arising",
                    meeting_id=citing.meeting_id,
                    item_id=citing.id,
                    text=_mention(citing.text, reference.minute) or reference.text,
                    at=dt.datetime.combine(when, dt.time(), tzinfo=dt.UTC),
                )
            )


def _mention(text: str, minute: str) -> str:
    """The paragraph of a Matters Arising item that speaks of the minute (heading and what follows)."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    for index, paragraph in enumerate(paragraphs):
        if minute in referenced(paragraph):
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
            return f"{paragraph.strip()} {following.strip()}".strip()[:600]
    return ""


def _idf(memory: _Memory) -> dict[str, float]:
    counts = Counter(term for item in memory.items.values() for term in _terms(f"{item.title} {item.text}"))
    total = max(1, len(memory.items))
    return {term: math.log(1 + total / count) for term, count in counts.items()}


def _propose_closures(session: Session, kept: list[tuple[Action, list[ActionEvent]]], memory: _Memory) -> None:
    """Offer the later item that best delivers what an open action asked for, with a confidence.

    Only a proposal, with its citation as evidence: an officer confirms it with /done.
    """
    idf = _idf(memory)
    later_items = [i for i in memory.items.values() if i.section in ("minutes", "report")]
    for action, _ in kept:
        if action.status == "done":
            continue
        created = memory.meetings[action.meeting_id].date
        wanted = _terms(_topic(action.text))
        total = sum(idf.get(t, 1.0) for t in wanted)
        if not wanted or not total:
            continue
        best: tuple[float, Item] | None = None
        for item in later_items:
            when = memory.meetings[item.meeting_id].date
            if not created < when <= created + dt.timedelta(days=730):
                continue
            # What an item is about is in its title and opening; a passing mention is not delivery.
            shared = wanted & _terms(f"{item.title} {item.text[:700]}")
            if sum(1 for t in shared if idf.get(t, 0.0) >= DISTINCTIVE_IDF) < 2:
                continue  # one shared word ("prevention") is a coincidence, not a delivery
            score = sum(idf.get(t, 1.0) for t in shared) / total
            if item.section == "report":
                score *= 0.9  # minutes show the board received it; a report only that it was written
            if (
                best is None
                or score > best[0]
                or (score == best[0] and when < memory.meetings[best[1].meeting_id].date)
            ):
                best = (score, item)
        if best and best[0] >= CLOSURE_THRESHOLD:
            score, item = best
            meeting = memory.meetings[item.meeting_id]
            where = cite(meeting.date, item.title, item.minute_number, item.section, item.agenda_number)
            session.add(
                ActionEvent(
                    action_id=action.id or 0,
                    kind="proposed closure",
                    meeting_id=item.meeting_id,
                    item_id=item.id,
                    text=f"Looks delivered by {where}",
                    confidence=round(min(score, 1.0), 2),
                    at=dt.datetime.combine(meeting.date, dt.time(), tzinfo=dt.UTC),
                )
            )


def _apply_officer_events(session: Session, action: Action) -> None:
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


def record(session: Session, action_id: int, kind: str, text: str, by: str, now: dt.datetime) -> Action:
    """An officer's update (done / update / assign): stored with who and when, applied, never deleted."""
    action = session.get(Action, action_id)
    if action is None:
        raise ActionError(f"no action {action_id}; /actions lists them with their ids")
    if kind in ("update", "assign") and not text.strip():
        raise ActionError(
            f"/{kind} needs text, e.g. /{kind} {action_id} {'Jane Smith' if kind == 'assign' else 'progress note'}"
        )
    session.add(ActionEvent(action_id=action_id, kind=kind, origin="officer", text=text.strip(), by=by, at=now))
    session.flush()
    _apply_officer_events(session, action)
    session.flush()
    return action
