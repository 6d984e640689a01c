"""Members' words for the clerk's: how people ask about the standing business of a meeting.

Minutes record the same few procedural acts in a fixed vocabulary ("apologies", "substitute
members", "exclusion of the public", "confirmed as a correct record", "quorum"), while members
ask in everyday words ("who was off sick", "who sat in for", "did we go into private session",
"were the minutes signed off", "were we quorate"). A question's words are matched here to the
clerk's, which are added to what the keyword search looks for; the question itself is kept.
"""

from __future__ import annotations

import re

# (what a member may write, what the minutes write). Patterns are whole words, case-insensitive.
_PHRASES: tuple[tuple[str, str], ...] = (
    (
        r"absent|absence|away|off sick|sick|ill|couldn'?t (?:come|attend|make it)|not (?:there|present)|"
        r"sent (?:their |his |her )?apologies|missed",
        "apologies absence",
    ),
    (
        r"sat in|sit in|sitting in|stood in|stand in|standing in|deputi[sz]ed|in place of|replac\w+ for",
        "substitute substitutes substitution",
    ),
    (
        r"private|in camera|closed (?:session|meeting|doors)|confidential|behind closed doors",
        "exclusion public exempt confidential closed session",
    ),
    (
        r"sign(?:ed)?[ -]off|signed|approv\w+ the minutes|minutes (?:approved|agreed|accepted)|"
        r"accurate|accuracy|correct record",
        "confirmed confirmation correct record signed minutes",
    ),
    (r"quorate|inquorate|quorum|enough members", "quorum quoracy quorate"),
    (r"vice[ -]chair\w*|deputy chair\w*|vice[ -]president", "vice-chairman vice chairman deputy"),
    (r"chair|chairs|chaired|chairperson|chairwoman|presid\w+", "chairman chair chairperson"),
    (r"became|become|took over|voted in|made|picked|chose|chosen", "elected appointed appointment election"),
    (r"step(?:ped)? out|left the room|leave the room|went out|withdr[ae]w\w*", "declared interest left room"),
    (r"conflict", "interest declared"),
    (
        r"open forum|public (?:forum|comment\w*|questions?|speaking|spoke)|members of the public|residents? spoke",
        "public participation questions forum comment",
    ),
    (r"money|funding|funded|cash|spend\w*|spent|cost\w*", "budget cost funding grant"),
    (r"ok(?:ay)?ed|signed up to|backed|supported|went ahead|green[ -]light\w*", "approved agreed resolved"),
    (r"turned down|rejected|refused|threw out|said no", "refused rejected declined"),
    (r"moved|proposed|put forward", "proposed moved"),
    (r"seconded|backed the motion", "seconded"),
)
_COMPILED = tuple((re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), words) for pattern, words in _PHRASES)


def clerks_words(question: str) -> str:
    """The minutes' own words for what the question asks about ("" when none applies)."""
    found = [words for pattern, words in _COMPILED if pattern.search(question)]
    return " ".join(dict.fromkeys(" ".join(found).split()))
