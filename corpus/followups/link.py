"""One follow-up per commitment: a minute's request, the sentence that names who will do it, and the
action-log rows that track it across meetings are sightings of one thing.

Which sightings are one commitment is read from what they are about (their distinctive words), where
they were minuted (the same item, or the meeting the log says created the row) and the log's own
numbering; never from their order in the database.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from corpus.followups.topic import terms
from corpus.models import Action, ActionEvent

# Two sightings speak of one commitment when they share at least this many distinctive words …
SHARED_WORDS = 2
# … making up at least this share of the shorter one's words.
SHARED_SHARE = 0.5
# A log row repeated on a later log keeps its wording; a row this alike is the same row.
SAME_ROW_LIKENESS = 0.85
# When two sightings are equally recent, the more specific word wins: a log row names an owner
# and a state, a sentence of discussion names who spoke up, a resolution often names nobody.
_SPECIFICITY = {"action_log": 2, "agreed": 1, "resolution": 0}


@dataclass
class Sighting:
    """A commitment as one source gives it: a minuted sentence or resolution, or an action-log row."""

    action: Action
    events: list[ActionEvent]
    order: tuple[int, str, int, int]  # meeting date ordinal, board, item position, position in the item
    seen: dt.date  # when this source was minuted, or its log presented: later evidence wins
    created_meeting: int  # the meeting the commitment was made at
    log_key: tuple[int, str] | None = None  # (created meeting, row number) for a log row
    words: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.words = self.words or terms(self.action.text)


def same_commitment(a: set[str], b: set[str]) -> bool:
    """Whether two sightings' distinctive words say they are about one thing."""
    shared = len(a & b)
    return shared >= SHARED_WORDS and shared >= SHARED_SHARE * min(len(a), len(b))


def commitments(sightings: list[Sighting]) -> list[list[Sighting]]:
    """The sightings grouped by commitment, each group's primary sighting first, groups in minute order."""
    minutes = sorted((s for s in sightings if s.action.kind != "action_log"), key=lambda s: s.order)
    rows = sorted((s for s in sightings if s.action.kind == "action_log"), key=lambda s: (s.seen, s.order))
    groups = _within_items(minutes)
    for row_group in _log_rows(rows):
        home = _home(row_group, groups)
        if home is None:
            groups.append(row_group)
        else:
            home.extend(row_group)
    return sorted(groups, key=lambda group: group[0].order)


def _within_items(minutes: list[Sighting]) -> list[list[Sighting]]:
    """A resolution and the sentence of discussion about the same task are one; two resolutions never are."""
    groups: list[list[Sighting]] = []
    by_item: dict[int | None, list[list[Sighting]]] = {}
    for sighting in (s for s in minutes if s.action.kind == "resolution"):
        group = [sighting]
        groups.append(group)
        by_item.setdefault(sighting.action.item_id, []).append(group)
    for sighting in (s for s in minutes if s.action.kind != "resolution"):
        decided = by_item.get(sighting.action.item_id, [])
        alike = [g for g in decided if sighting.action.item_id and same_commitment(g[0].words, sighting.words)]
        if alike:
            max(alike, key=lambda g: len(g[0].words & sighting.words)).append(sighting)
        else:
            groups.append([sighting])
    return groups


def _log_rows(rows: list[Sighting]) -> list[list[Sighting]]:
    """A row carried from one log to the next (same number for the same meeting, or the same words) is one."""
    groups: list[list[Sighting]] = []
    for row in rows:
        same = next((g for g in groups if _same_row(g[-1], row)), None)
        if same is None:
            groups.append([row])
        else:
            same.append(row)
    return groups


def _same_row(a: Sighting, b: Sighting) -> bool:
    if a.log_key and a.log_key == b.log_key:
        return True
    likeness = difflib.SequenceMatcher(None, _plain(a.action.text), _plain(b.action.text)).ratio()
    return likeness >= SAME_ROW_LIKENESS


def _plain(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _home(rows: list[Sighting], groups: list[list[Sighting]]) -> list[Sighting] | None:
    """The minuted commitment a log row tracks: made at the meeting the row names, about the same thing."""
    created = rows[0].created_meeting
    words = set().union(*(row.words for row in rows))
    candidates = [
        g
        for g in groups
        if g[0].action.kind != "action_log"
        and g[0].created_meeting == created
        and not any(s.action.kind == "action_log" for s in g)
        and any(same_commitment(s.words, words) for s in g)
    ]
    if not candidates:
        return None
    # The row's own item first (the log names it, or its words do), then the most words shared.
    item = rows[0].action.item_id

    def fit(group: list[Sighting]) -> tuple[bool, int]:
        return (group[0].action.item_id == item, max(len(s.words & words) for s in group))

    return max(candidates, key=fit)


def primary(group: list[Sighting]) -> Sighting:
    """The sighting a follow-up is shown and cited as: the minute that made it, a resolution first."""
    return group[0]


def latest(group: list[Sighting], has: Callable[[Sighting], bool]) -> Sighting | None:
    """The most recent sighting that has what `has` looks for (an owner, a log state)."""
    found = [s for s in group if has(s)]
    return max(found, key=lambda s: (s.seen, _SPECIFICITY.get(s.action.kind, 0)), default=None)
