"""Who an action belongs to, as people are written in minutes: "Spt Ann Hale", "Jo Smith, NCC",
"Bill Brown Northshire Police", "Detective Chief Inspector Chris Baker", "the Senior Officers Group".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from corpus.language.names import strip_rank
from corpus.language.stems import stem
from corpus.models import Attendance

if TYPE_CHECKING:
    from corpus.followups.memory import Memory

# Collective owners that name nobody in particular: the minutes "name nobody".
_NOBODY = {
    "officers",
    "the board",
    "board",
    "members",
    "the members",
    "board members",
    "partners",
    "attendees",
    "it",
    "they",
    "this",
    "we",
}
# Words that open a task or a note, read as its doer by their capital ("Need to order …", "Contact Jo to …",
# "Due to be …"): no one is named.
_NO_NAME_OPENING = {"need", "needs", "due", "proposed", "aiming", "aim", "talk", "contact", "ask", "check", "hope"}
_ORGANISATION = re.compile(
    r"\b(?:Council|Police|Service|Board|Group|Partnership|Commissioner|Office|Team|Authority|Trust|Network|Unit|"
    r"Centre|Company|Department|Hub|Forum|Panel|Committee|Agency|Association|Society|Club)\b|\b[A-Z]{2,6}s?$"
)
_NAME = re.compile(
    r"^(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.)(?:\s+(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.)){1,3}"
)


_INITIALS = re.compile(r"[A-Z]{2,4}")


def _initials_of(name: str) -> str:
    """ "ann ames" → "aa"; "jo de la mare" → "jdlm"."""
    return "".join(word[0] for word in re.split(r"[\s-]+", name) if word and word[0].isalpha())


def is_organisation(text: str) -> bool:
    return bool(_ORGANISATION.search(text))


# The most words a person, office or body is named in ("Chief Executive of the Northshire Safety Partnership").
_NAME_WORDS = 8


def normalise_owner(raw: str | None, people: Iterable[str] = (), initials: bool = True) -> str | None:
    """The owner as a name a reader recognises, or None when the minutes name nobody.

    A person is matched against the meeting's attendance list where possible (by `initials` too, when the
    list is the meeting's own); an organisation ("Northshire Police", "Senior Officers Group") is kept as written.
    """
    if not raw:
        return None
    text = re.sub(r"\s+", " ", raw).strip(" .,;:")
    text = re.sub(r"(?<![\w@])@(?=\w)", "", text)  # "@sam", a chat's handle: the name
    text = re.split(r"(?<=[a-z]{3})[.!?]\s+(?=[A-Z])", text)[-1]  # "… the Association. The Chair": the last sentence's
    text = re.sub(r"^(?:the|a|an|both)\s+", "", text, flags=re.IGNORECASE)
    # "New clerk to write …": the post, whoever now holds it ("New Zealand Police" stays a name).
    text = re.sub(r"^(?i:new|incoming|acting|interim)\s+(?=[a-z])", "", text)
    if text.lower() in _NOBODY or not text or text.split()[0].lower() in _NO_NAME_OPENING:
        return None
    text = text.split(",")[0].strip()  # "Jo Smith, NCC"
    if len(text.split()) > _NAME_WORDS:
        return None  # a clause caught before the verb ("the bench by the pond needs painting and …"), no name
    bare = strip_rank(text)
    known = {strip_rank(p).lower(): strip_rank(p) for p in people}
    if bare.lower() in known:
        return known[bare.lower()]
    # "AA to write": initials, when they are those of one person at the meeting.
    if initials and _INITIALS.fullmatch(bare):
        holders = {person for name, person in known.items() if _initials_of(name) == bare.lower()}
        if len(holders) == 1:
            return holders.pop()
    # "James would contact …": a first name alone, when one person known to the board has it.
    if len(bare.split()) == 1:
        namesakes = {person for name, person in known.items() if name.split()[0] == bare.lower()}
        if len(namesakes) == 1:
            return namesakes.pop()
    # "Bill Brown Northshire Police": a person followed by their organisation.
    for name, person in known.items():
        if bare.lower().startswith(name + " "):
            return person
    words = bare.split()
    for size in (2, 3):
        name, rest = " ".join(words[:size]), " ".join(words[size:])
        # The rest must read as an organisation on its own ("Northshire Police", "NCC"), not
        # the tail of one ("Senior Officers Group").
        acronym = rest.isupper() and 2 <= len(rest) <= 6  # "Jo Smith NCC"
        standalone = acronym or (len(rest.split()) >= 2 and is_organisation(rest))
        if rest and standalone and not is_organisation(name) and _NAME.fullmatch(name):
            return name
    return bare or None


def owner_key(name: str) -> tuple[str, ...]:
    """What two spellings of one owner share: "Senior Officers Group" and "the Senior Officer Group"."""
    words = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).split()
    return tuple(stem(w.strip(".,;:").casefold()) for w in words)


@dataclass
class OwnerNames:
    """Owners as the board's documents name them, read once: who attended each meeting, who held
    which office there ("the Clerk" is the clerk attendance names), and one spelling per owner."""

    people: dict[int, list[str]]
    offices: dict[int, dict[str, str]]
    everyone: list[str]
    spelling: dict[tuple[str, ...], str] = field(default_factory=dict)
    board: dict[int, list[str]] = field(default_factory=dict)  # by meeting: everyone its board's lists name

    @classmethod
    def of(cls, memory: Memory, raws: Iterable[str | None]) -> OwnerNames:
        """The owners of a memory, with the spelling each is most often written in."""
        people = {meeting: [a.person for a in attended] for meeting, attended in memory.people.items()}
        offices = {meeting: _offices(attended) for meeting, attended in memory.people.items()}
        names = cls(people, offices, memory.everyone())
        # A first name alone belongs to someone of the same board, never to a namesake on another.
        boards = {body: memory.everyone(body) for body in {m.body_id for m in memory.meetings.values()}}
        names.board = {meeting.id: boards[meeting.body_id] for meeting in memory.meetings.values()}
        seen = Counter(name for raw in raws for name in [names._plain(raw, None)] if name)
        first: dict[tuple[str, ...], str] = {}
        for name, _ in seen.most_common():
            first.setdefault(owner_key(name), name)
        names.spelling = first
        return names

    def name(self, raw: str | None, meeting_id: int | None) -> str | None:
        """The owner as a reader recognises them, spelt one way across the memory; None when nobody is named."""
        plain = self._plain(raw, meeting_id)
        return self.spelling.get(owner_key(plain), plain) if plain else None

    def _plain(self, raw: str | None, meeting_id: int | None) -> str | None:
        if not raw:
            return None
        office = re.sub(r"^the\s+", "", raw.strip(" .,;:"), flags=re.IGNORECASE).casefold()
        holder = self.offices.get(meeting_id or 0, {}).get(office)
        if holder:
            return holder
        attended = self.people.get(meeting_id or 0)
        known = self.board.get(meeting_id or 0, self.everyone)
        # Initials stand for someone at the meeting: among everyone the board has met they are anyone's.
        return normalise_owner(raw, attended or known, initials=bool(attended))


def _offices(attended: list[Attendance]) -> dict[str, str]:
    """Offices held by exactly one person named at the meeting ("Clerk" → "Jane Smith")."""
    holders: dict[str, set[str]] = {}
    for person in attended:
        office = (person.organisation or "").strip(" .,;:").casefold()
        # "(NCC)" after a name is where they come from, not an office they hold.
        acronym = (person.organisation or "").strip(" .,;:()").isupper()
        if office and len(office.split()) <= 3 and not is_organisation(office.title()) and not acronym:
            holders.setdefault(office, set()).add(strip_rank(person.person))
    return {office: names.pop() for office, names in holders.items() if len(names) == 1}
