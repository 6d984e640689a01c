"""Follow-ups across meetings: derived from the memory, one per commitment, each with its evidence.

`refresh_actions` re-derives every follow-up after an ingest. A follow-up keeps its database row and
its id (`ref`) by a key made of where it was minuted and what it says, so officers' /done, /update and
/assign (ActionEvents with origin "officer") survive re-reading the minutes. Derived events are
evidence, recomputed each time: the action log's word on it, later "Matters arising" mentions, and
the later item that delivered what was asked.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from collections import defaultdict

from sqlmodel import Session, delete, select

from corpus.followups import closures, link
from corpus.followups.extract import Due, Found, ItemText, extract
from corpus.followups.link import Sighting
from corpus.followups.memory import Memory, load
from corpus.followups.owners import OwnerNames
from corpus.followups.topic import terms
from corpus.followups.updates import apply_officer_events
from corpus.language.minute_numbers import referenced
from corpus.models import Action, ActionEvent, ActionLogEntry, Item, Meeting, MinuteReference

# How alike an edited sentence must stay to remain the same follow-up (difflib ratio of the normalised
# texts): in the same minute a corrected typo or figure; elsewhere at that meeting, only near-identical.
SAME_PLACE_LIKENESS = 0.8
ELSEWHERE_LIKENESS = 0.95
_KIND_ORDER = {"agreed": 0, "resolution": 0, "action_log": 1}


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _key(*parts: object) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:20]


def _normalised(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()[:240]


def _due(due: Due, memory: Memory, meeting: Meeting) -> tuple[dt.date | None, str | None]:
    if due.date:
        return due.date, due.text
    if due.next_meeting or due.month:
        later = memory.next_meeting(meeting, due.month)
        return (later.date if later else None), due.text
    return None, due.text


def _sightings(session: Session, memory: Memory) -> list[Sighting]:
    """Every commitment each source gives: minuted sentences and resolutions, and action-log rows."""
    found: list[Sighting] = []
    for item in memory.items.values():
        if item.section != "minutes":
            continue
        meeting = memory.meetings[item.meeting_id]
        text = ItemText(
            item.id or 0,
            meeting.id or 0,
            meeting.date,
            item.text,
            tuple(memory.resolutions.get(item.id or 0, [])),
            item.title,
        )
        for each in extract(text):
            found.append(_from_minutes(each, item, meeting, memory))
    for entry in session.exec(select(ActionLogEntry)):
        found.append(_from_log(entry, memory))
    return found


def _order(memory: Memory, meeting: Meeting, item: Item | None, position: int) -> tuple[int, str, int, int]:
    board = memory.boards.get(meeting.body_id, "")
    return (meeting.date.toordinal(), board, item.position if item else 1_000_000, position)


def _from_minutes(found: Found, item: Item, meeting: Meeting, memory: Memory) -> Sighting:
    due_date, due_text = _due(found.due, memory, meeting)
    action = Action(
        key=_key(found.kind, meeting.date, item.minute_number or item.title, _normalised(found.text)),
        kind=found.kind,
        meeting_id=meeting.id,
        item_id=item.id,
        anchor=item.minute_number or item.title,
        text=found.text,
        owner_raw=found.owner_raw,
        due_date=due_date,
        due_text=due_text,
    )
    return Sighting(action, [], _order(memory, meeting, item, found.position), meeting.date, meeting.id or 0)


def _from_log(entry: ActionLogEntry, memory: Memory) -> Sighting:
    """An action log row, cited to the meeting (and, where it can be told, the item) that created it."""
    presented = memory.meetings[entry.meeting_id]
    created = memory.meeting_on(entry.date, presented.body_id) if entry.date else None
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
        owner_raw=entry.responsible_officer,
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
    # Rows of one log are ordered by their place on it, after the minutes of the meeting that made them.
    order = _order(memory, source, None, entry.line)
    return Sighting(action, [evidence], order, presented.date, source.id or 0, (source.id or 0, entry.number))


def _best_item(text: str, items: list[Item], floor: float = 0.25) -> Item | None:
    wanted = terms(text)
    if not wanted:
        return None
    scored = [(len(wanted & terms(f"{i.title} {i.text}")) / len(wanted), i) for i in items]
    best = max(scored, key=lambda pair: (pair[0], -(pair[1].position)), default=(0.0, None))
    return best[1] if best[0] >= floor else None


def _follow_up(group: list[Sighting], memory: Memory, owners: OwnerNames) -> tuple[Action, list[ActionEvent]]:
    """One follow-up from its sightings: shown as its minute, owned and dated by the newest evidence."""
    first = link.primary(group)
    action = first.action
    named = link.latest(group, lambda s: owners.name(s.action.owner_raw, s.created_meeting) is not None)
    action.owner = owners.name(named.action.owner_raw, named.created_meeting) if named else None
    action.owner_raw = named.action.owner_raw if named else first.action.owner_raw
    logged = link.latest(group, lambda s: s.action.kind == "action_log")
    if logged is not None:
        action.rag, action.log_number = logged.action.rag, logged.action.log_number
    dated = next((s for s in group if s.action.due_date or s.action.due_text), None)
    if dated is not None and not (action.due_date or action.due_text):
        action.due_date, action.due_text = dated.action.due_date, dated.action.due_text
    events = [event for s in group for event in s.events]
    for other in group[1:]:
        if other.action.kind != "action_log":
            meeting = memory.meetings[other.created_meeting]
            events.append(
                ActionEvent(
                    action_id=0,
                    kind="also minuted",
                    meeting_id=meeting.id,
                    item_id=other.action.item_id,
                    text=other.action.text,
                    at=dt.datetime.combine(meeting.date, dt.time(), tzinfo=dt.UTC),
                )
            )
    return action, events


def refresh_actions(session: Session, now: dt.datetime | None = None) -> int:
    """Re-derive all follow-ups and their evidence from the memory; returns how many there are."""
    memory = load(session)
    groups = link.commitments(_sightings(session, memory))
    owners = OwnerNames.of(memory, [s.action.owner_raw for g in groups for s in g])
    derived = [(_follow_up(group, memory, owners), group) for group in groups]
    derived = _distinct(derived)
    existing = {a.key: a for a in session.exec(select(Action))}
    officer_touched = set(session.exec(select(ActionEvent.action_id).where(ActionEvent.origin == "officer")))
    session.exec(delete(ActionEvent).where(ActionEvent.origin == "derived"))  # type: ignore[call-overload]

    matched = _match([fresh for (fresh, _), _ in derived], list(existing.values()))
    kept: list[tuple[Action, list[ActionEvent], list[Sighting]]] = []
    seen: set[str] = set()
    for (fresh, events), group in derived:
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
                "rag",
                "log_number",
            ):
                setattr(action, name, getattr(fresh, name))
            action.stale = False
        kept.append((action, events, group))
    for key, action in existing.items():
        if key in seen:
            continue
        if action.id in officer_touched:
            action.stale = True  # gone from the minutes, but an officer's notes are never thrown away
            session.add(action)
        else:
            session.delete(action)
    session.flush()
    _give_refs(session, [(action, group) for action, _, group in kept], memory)

    rarity = closures.idf(memory)
    for action, events, group in kept:
        events = events + closures.settle(action, group, memory, rarity)
        session.add(action)
        session.flush()
        for event in events:
            event.action_id = action.id or 0
            session.add(event)
    _link_matters_arising(session, [a for a, _, _ in kept], memory)
    for action, _, _ in kept:
        apply_officer_events(session, action)
    session.flush()
    return len(kept)


Derived = tuple[tuple[Action, list[ActionEvent]], list[Sighting]]


def _distinct(derived: list[Derived]) -> list[Derived]:
    """The first of each key: the same sentence found twice is one follow-up."""
    seen: set[str] = set()
    unique = []
    for (fresh, events), group in derived:
        if fresh.key not in seen:
            seen.add(fresh.key)
            unique.append(((fresh, events), group))
    return unique


def _give_refs(session: Session, kept: list[tuple[Action, list[Sighting]]], memory: Memory) -> None:
    """Each new follow-up's id: its meeting's date and its place among that day's follow-ups.

    A follow-up keeps the id it was first shown with; a new one takes its place in minute order,
    or the next free number when that is taken.
    """
    taken = {a.ref for a in session.exec(select(Action)) if a.ref}
    by_day: dict[dt.date, list[tuple[Action, list[Sighting]]]] = defaultdict(list)
    for action, group in kept:
        by_day[memory.meetings[action.meeting_id].date].append((action, group))
    for day, found in by_day.items():
        found.sort(key=lambda pair: (pair[1][0].order, _KIND_ORDER.get(pair[0].kind, 2), pair[0].key))
        for place, (action, _) in enumerate(found, start=1):
            if action.ref:
                continue
            ref = f"{day:%y%m%d}-{place}"
            while ref in taken:
                place += 1
                ref = f"{day:%y%m%d}-{place}"
            action.ref = ref
            taken.add(ref)
            session.add(action)
    session.flush()


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


def _link_matters_arising(session: Session, kept: list[Action], memory: Memory) -> None:
    """ "Minute 57", "(minute 35)": a later item returns to an earlier one and to its actions."""
    by_item: dict[int, list[Action]] = defaultdict(list)
    for action in kept:
        if action.item_id:
            by_item[action.item_id].append(action)
    for reference in session.exec(select(MinuteReference)):
        citing = memory.items.get(reference.item_id)
        if citing is None:
            continue
        meeting = memory.meetings[citing.meeting_id]
        earlier = [
            i
            for i in memory.items.values()
            if i.minute_number == reference.minute
            and memory.meetings[i.meeting_id].date < meeting.date
            and memory.meetings[i.meeting_id].body_id == meeting.body_id
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
                    text=_mention(citing.text, reference.minute) or _titled(citing.title, citing.text, reference),
                    at=dt.datetime.combine(meeting.date, dt.time(), tzinfo=dt.UTC),
                )
            )


def _titled(title: str, text: str, reference: MinuteReference) -> str:
    """A matter arising titled with the minute it returns to ("Parking (minute 10)"): its title and what it says."""
    if reference.text.strip() != title.strip():
        return reference.text
    return f"{title.strip()}: {text.strip()}"[:600]


def _mention(text: str, minute: str) -> str:
    """The paragraph of a Matters Arising item that speaks of the minute (heading and what follows)."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    for index, paragraph in enumerate(paragraphs):
        if minute in referenced(paragraph):
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
            return f"{paragraph.strip()} {following.strip()}".strip()[:600]
    return ""
