"""What a follow-up is about: its distinctive words, without the words every request shares."""

from __future__ import annotations

import re

from corpus.language.dates import MONTHS
from corpus.language.stems import stem, stopwords

_WORD = re.compile(r"[a-z][a-z0-9'’-]+")
# Words every request shares ("that a report be brought to a future meeting"); what a follow-up is
# about lies in the others.
_GENERIC = frozenset(
    """that this be the a an of to for on at in and or with by from future meeting meetings board report reports
    presentation presentations update updates provide provided brought bring further agenda item items officers
    requested request agreed would should will regarding work progress new it was were there back find
    out what made been had has have also given consideration moved onto into taken take make look looked consider
    considered ensure help next""".split()  # noqa: SIM905 - a word list reads best as prose
)
_ASKED = re.compile(
    r"\b(?:agreed\s+(?:that|to)|requested\s+(?:that|to)|asked\s+to|stated\s+that|recommended\s+that|"
    r"be\s+requested\s+to)\b",
    re.IGNORECASE,
)


def terms(text: str) -> set[str]:
    """The stems of the text's words that say what it is about (months and request words left out)."""
    words = {w for w in _WORD.findall(text.lower()) if w not in _GENERIC and w not in stopwords() and w not in MONTHS}
    return {stem(w) for w in words}


def asked_for(text: str) -> str:
    """What was asked for: the words after "agreed that", "be requested to" … (not the preamble)."""
    return _ASKED.split(text, maxsplit=1)[-1]
