"""Who was there across meetings: "how often did Cllr Brown send apologies this year?" counted over the
meetings the question names, from each meeting's attendance list and the items the minutes title for it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.language.dates import MONTHS, format_date
from corpus.language.names import strip_rank
from retrieval.answer import absent_in

# "how often", "how many times", "how many meetings": a count across meetings, not one meeting's list.
_TALLY = re.compile(r"\bhow\s+(?:often|many\s+times|many\s+(?:of\s+the\s+)?meetings)\b", re.IGNORECASE)
# A name as a question writes it: capitalised words, after a title or not ("Cllr Jo Brown", "Brown").
_NAME = re.compile(r"(?<!^)(?<![.?!]\s)\b([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2})\b")
# Capitalised words of a question that name no one (titles before a name are taken off by strip_rank).
_NOT_NAMES = {"Board", "Council", "Committee", "I", "AGM"}


@dataclass(frozen=True)
class MeetingList:
    """What one meeting's minutes say of who attended: the text of its attendance list and of its items
    titled for apologies, with the item to cite."""

    date: dt.date
    text: str
    item_id: int


@dataclass(frozen=True)
class Tally:
    """A person's absences over the meetings counted."""

    person: str
    meetings: tuple[MeetingList, ...]
    absent: tuple[MeetingList, ...]

    def sentence(self, period: str) -> str:
        """ "Brown sent apologies to (or was absent from) 2 of the 5 meetings in 2024: 14 March, 9 May." """
        if not self.absent:
            return f"{self.person} is not recorded as absent from any of the {len(self.meetings)} meetings {period}."
        dates = ", ".join(format_date(m.date) for m in self.absent)
        return (
            f"{self.person} sent apologies to, or was absent from, {len(self.absent)} of the "
            f"{len(self.meetings)} meetings {period}: {dates}."
        )


def asks_tally(question: str) -> bool:
    """Whether the question asks for a count across meetings ("how often…", "how many meetings…")."""
    return bool(_TALLY.search(question))


def person_asked(question: str) -> str | None:
    """The person a question names, without their title ("how often did Cllr Jo Brown …" → "Jo Brown")."""
    names = [m[1] for m in _NAME.finditer(question) if m[1] not in _NOT_NAMES and m[1].split()[0].lower() not in MONTHS]
    return strip_rank(names[0]) if names else None


def tally(person: str, meetings: Sequence[MeetingList]) -> Tally:
    """The meetings whose lists record `person` as absent or sending apologies, out of those counted."""
    surname = person.split()[-1]
    absent = tuple(m for m in meetings if absent_in(m.text, surname))
    return Tally(person, tuple(meetings), absent)
