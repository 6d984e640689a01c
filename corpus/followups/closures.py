"""How a follow-up stands, from the evidence: the action log's word, a later item that delivered
what was asked, or the meeting a deferred item was taken at.

A log that marks a row Green, or says it was completed or can be removed, closes it. A later item
of the same board that is plainly the thing asked for (its title names it) closes it; one that
only looks like it makes it "probably done", for an officer to confirm. Every closure cites its
evidence.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass

from corpus.followups.link import Sighting, latest
from corpus.followups.memory import Memory
from corpus.followups.topic import asked_for, terms
from corpus.models import Action, ActionEvent, Item

RAG_STATUS = {"red": "open", "amber": "in progress", "green": "done"}
DONE = "done"
PROBABLY_DONE = "probably done"
# A later item shares this share of what was asked for (by rarity) to be offered as its delivery …
PROPOSE_AT = 0.45
# … and closes it outright when it shares nearly all of it, or is titled as the thing asked for.
CLOSE_AT = 0.8
CLOSE_TITLE_SHARE = 0.6
DISTINCTIVE_IDF = 1.0  # rarer than in about three items of five
LOOK_AHEAD_DAYS = 730  # a delivery two years on is a coincidence more often than not
_COMPLETED = re.compile(
    r"\b(?:complete[d]?|completion|done|closed|discharged|achieved|delivered|"
    r"(?:can|could|may)\s+be\s+(?:removed|closed|taken\s+off)|remove\s+from\s+(?:the\s+)?(?:action\s+)?log)\b",
    re.IGNORECASE,
)
_NOT = re.compile(r"\b(?:not|no|yet\s+to|awaiting|outstanding)\b", re.IGNORECASE)
_DEFERRED = re.compile(r"\bdeferred\b|\bbe\s+(?:brought|considered)\s+back\b", re.IGNORECASE)


@dataclass(frozen=True)
class Evidence:
    """A state the evidence gives a follow-up, and the event that cites it."""

    status: str
    event: ActionEvent | None = None


def says_completed(comment: str) -> bool:
    """Whether an action log's comment says the action was completed ("Completed", "can be removed")."""
    return bool(_COMPLETED.search(comment)) and not _NOT.search(comment)


def from_log(group: list[Sighting]) -> Evidence | None:
    """The most recent log's word on the commitment: its RAG state, or a comment saying it is done."""
    row = latest(group, lambda s: s.action.kind == "action_log")
    if row is None:
        return None
    rag = (row.action.rag or "").lower()
    status = RAG_STATUS.get(rag, "open")
    comment = row.events[0].text if row.events else ""
    if status != DONE and says_completed(comment.partition(": ")[2] or comment):
        status = DONE
    return Evidence(status)


def idf(memory: Memory) -> dict[str, float]:
    """How rare each word is across the memory's items: a shared rare word says more than a common one."""
    counts = Counter(term for item in memory.items.values() for term in terms(f"{item.title} {item.text}"))
    total = max(1, len(memory.items))
    return {term: math.log(1 + total / count) for term, count in counts.items()}


def delivered(action: Action, memory: Memory, rarity: dict[str, float]) -> tuple[float, bool, Item] | None:
    """The later item that best delivers what was asked: (how much of it, titled as it, the item)."""
    created = memory.meetings[action.meeting_id]
    wanted = terms(asked_for(action.text))
    total = sum(rarity.get(t, 1.0) for t in wanted)
    if not wanted or not total:
        return None
    origin = memory.items.get(action.item_id or -1)
    standing = terms(origin.title) if origin else set()
    best: tuple[float, bool, Item] | None = None
    for item in memory.later_items(created, LOOK_AHEAD_DAYS):
        # What an item is about is in its title and opening; a passing mention is not delivery.
        shared = wanted & terms(f"{item.title} {item.text[:700]}")
        if sum(1 for t in shared if rarity.get(t, 0.0) >= DISTINCTIVE_IDF) < 2:
            continue  # one shared word ("prevention") is a coincidence, not a delivery
        score = sum(rarity.get(t, 1.0) for t in shared) / total
        if item.section != "minutes":
            score *= 0.9  # minutes show the board took it; an agenda, report or log that it was due or written
        title = terms(item.title)
        # The next sitting of the standing item the request was made under is not, by its title, the delivery.
        titled = (
            bool(title)
            and not (standing and same_title(standing, title))
            and len(title & wanted) >= min(2, len(title))
            and (len(title & wanted) / len(title) >= CLOSE_TITLE_SHARE)
        )
        when = memory.meetings[item.meeting_id].date
        key = (titled, score, -when.toordinal())
        if best is None or key > (best[1], best[0], -memory.meetings[best[2].meeting_id].date.toordinal()):
            best = (score, titled, item)
    return best if best and (best[0] >= PROPOSE_AT or best[1]) else None


def taken_up(action: Action, memory: Memory) -> Item | None:
    """For a deferred item, the later meeting's item that took it (titled as the item deferred)."""
    if not _DEFERRED.search(action.text) or action.item_id is None or action.item_id not in memory.items:
        return None
    wanted = terms(memory.items[action.item_id].title)
    if not wanted:
        return None
    created = memory.meetings[action.meeting_id]
    for item in sorted(memory.later_items(created, LOOK_AHEAD_DAYS), key=lambda i: memory.meetings[i.meeting_id].date):
        due = action.due_date
        if due and memory.meetings[item.meeting_id].date < due:
            continue
        if same_title(wanted, terms(item.title)):
            return item  # minuted, or on the agenda: either way the meeting took it up
    return None


def same_title(wanted: set[str], title: set[str]) -> bool:
    """Two titles name one matter when the later one holds every word of the earlier, or nearly all
    the words of both ("Election of Deputy Chairman" is not "Election of Chairman")."""
    shared = len(wanted & title)
    return shared >= 1 and (wanted <= title or shared >= 0.75 * max(len(wanted), len(title)))


def settle(action: Action, group: list[Sighting], memory: Memory, rarity: dict[str, float]) -> list[ActionEvent]:
    """Set the follow-up's state from the evidence; the events that cite the evidence for it."""
    logged = from_log(group)
    action.status = logged.status if logged else "open"
    if action.status == DONE:
        return []
    if (item := taken_up(action, memory)) is not None:
        action.status = DONE
        return [_event(action, "closed", item, memory, "The deferred item was taken up", None)]
    found = delivered(action, memory, rarity)
    if found is None:
        return []
    score, titled, item = found
    if group_logged_after(group, memory.meetings[item.meeting_id].date):
        return []  # the log, presented later, is the newer word on it
    confidence = round(min(score, 1.0), 2)
    if titled or score >= CLOSE_AT:
        action.status = DONE
        said = "Delivered: titled as what was asked" if titled else "Delivered: holds what was asked"
        return [_event(action, "closed", item, memory, said, None if titled else confidence)]
    action.status = PROBABLY_DONE
    return [
        _event(
            action, "proposed closure", item, memory, "Looks delivered; an officer can confirm with /done", confidence
        )
    ]


def group_logged_after(group: list[Sighting], date: dt.date) -> bool:
    """Whether an action log presented on or after `date` speaks of the commitment."""
    return any(s.action.kind == "action_log" and s.seen >= date for s in group)


def _event(action: Action, kind: str, item: Item, memory: Memory, said: str, confidence: float | None) -> ActionEvent:
    meeting = memory.meetings[item.meeting_id]
    return ActionEvent(
        action_id=action.id or 0,
        kind=kind,
        meeting_id=item.meeting_id,
        item_id=item.id,
        text=said,
        confidence=confidence,
        at=dt.datetime.combine(meeting.date, dt.time(), tzinfo=dt.UTC),
    )
