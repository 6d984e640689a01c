"""How minutes write people: titles and ranks before a name, honours after it.

"Cllr. A. Patel", "Ch. Supt. K. Lee", "Detective Chief Inspector J. Doe", "Mr. J. T. Smith CC JP".
"""

from __future__ import annotations

import re

# Titles that clerks shorten with a full stop ("Cllr.", "Supt.").
# "Bro." and "Sis.": how trade unions and some churches title their members.
_SHORT_TITLES = ("Cllr", "Clr", "Cr", "Mr", "Mrs", "Ms", "Dr", "Prof", "Rev", "Supt", "Spt", "Sgt", "Insp")
_SHORT_TITLES += ("Bro", "Sis")
_FULL_TITLES = (
    "Councillor",
    "County Councillor",
    "Miss",
    "Professor",
    "Sir",
    "Lord",
    "Lady",
    "Dame",
    "Chief Superintendent",
    "Superintendent",
    "Chief Inspector",
    "Inspector",
    "Sergeant",
    "Detective Chief Superintendent",
    "Detective Superintendent",
    "Detective Chief Inspector",
    "Detective Inspector",
    "Detective Sergeant",
    "Detective Constable",
)
# American and other boards title their members by office before the surname ("Trustee Okafor", "Mayor Lund").
_OFFICE_TITLES = (
    "Councilmember",
    "Council Member",
    "Councilman",
    "Councilwoman",
    "Alderman",
    "Alderwoman",
    "Alderperson",
    "Trustee",
    "Commissioner",
    "Supervisor",
    "Selectman",
    "Selectwoman",
    "Mayor",
    "Deputy Mayor",
    "Vice Mayor",
    "Director",
    "Senator",
)
_RANK_INITIALS = ("DCI", "DI", "DS", "DC", "PC")
_COMPOUND = r"Ch\.?\s+Supt\.?"  # "Ch. Supt.": two shortened words, one rank
# Every shortened word of a title, so a sentence is not ended at "Mr." or "Ch.".
ABBREVIATED_TITLES = (*_SHORT_TITLES, "Ch")

_ALTERNATIVES = sorted(
    [*_FULL_TITLES, *(rf"{t}\.?" for t in _SHORT_TITLES), *_RANK_INITIALS],
    key=len,
    reverse=True,
)
# One title, as a pattern string to build on: callers add what follows it ("\s", a name).
HONORIFIC = rf"(?:{_COMPOUND}|{'|'.join(_ALTERNATIVES)})"
HONOURS = ("CC", "JP", "OBE", "MBE", "CBE", "QPM", "MP")

_STARTS_WITH_HONORIFIC = re.compile(rf"^{HONORIFIC}\s")
# An office used as a title is stripped from a name ("Trustee Okafor" is Okafor), yet never makes a heading
# a person ("Director Reports", "Trustee Elections"): it is no HONORIFIC.
_OFFICE_TITLE = "|".join(sorted(_OFFICE_TITLES, key=len, reverse=True))
_LEADING_RANKS = re.compile(rf"^(?:(?:{HONORIFIC}|(?:{_OFFICE_TITLE})(?=\s+[A-Z]))\s+)+")
_TRAILING_HONOURS = re.compile(rf"(?:\s+(?:{'|'.join(HONOURS)}))+\.?$")


def starts_with_honorific(text: str) -> bool:
    """Whether the text opens with a title or rank ("Cllr. A. Patel", "DCI J. Doe")."""
    return bool(_STARTS_WITH_HONORIFIC.match(text))


# A possessive names something of theirs ("Mrs Lee's Report"), no person alone.
_PERSON_ALONE = re.compile(rf"^{HONORIFIC}\s+(?!.*\w['’]s\s+[A-Z])(?:[A-Z][\w.'’-]*\s*){{1,4}}(?:\([^)]*\))?$")


def is_person_alone(text: str) -> bool:
    """A titled name and nothing more ("Cr George Cecato", "Cllr A. Patel (Chair)"): a person, not a heading."""
    return bool(_PERSON_ALONE.match(text.strip()))


def strip_rank(text: str) -> str:
    """ "Detective Chief Inspector J. Doe" → "J. Doe"; "Mr. J. T. Smith CC JP" → "J. T. Smith"."""
    return _TRAILING_HONOURS.sub("", _LEADING_RANKS.sub("", text.strip())).strip()
