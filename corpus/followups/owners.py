"""Who an action belongs to, as people are written in minutes: "Spt Ann Hale", "Jo Smith, NCC",
"Bill Brown Northshire Police", "Detective Chief Inspector Chris Baker", "the Senior Officers Group".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from corpus.language.names import strip_rank

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
_ORGANISATION = re.compile(
    r"\b(?:Council|Police|Service|Board|Group|Partnership|Commissioner|Office|Team|Authority|Trust|Network|Unit|"
    r"Centre|Company|Probation|Department|Hub|Forum|Panel|Committee|OPCC|NHS|CCG)\b"
)
_NAME = re.compile(
    r"^(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.)(?:\s+(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.)){1,3}"
)


def is_organisation(text: str) -> bool:
    return bool(_ORGANISATION.search(text))


def normalise_owner(raw: str | None, people: Iterable[str] = ()) -> str | None:
    """The owner as a name a reader recognises, or None when the minutes name nobody.

    A person is matched against the meeting's attendance list where possible; an
    organisation ("Northshire Police", "Senior Officers Group") is kept as written.
    """
    if not raw:
        return None
    text = re.sub(r"\s+", " ", raw).strip(" .,;:")
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    if text.lower() in _NOBODY or not text:
        return None
    text = text.split(",")[0].strip()  # "Jo Smith, NCC"
    bare = strip_rank(text)
    known = {strip_rank(p).lower(): strip_rank(p) for p in people}
    if bare.lower() in known:
        return known[bare.lower()]
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
