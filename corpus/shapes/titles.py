"""Titles for items the source prints without one, derived from their opening sentence."""

from __future__ import annotations

import re

from corpus.language.sentences import sentences
from corpus.read.text import SKIP_LINK

# Procedural items every board minutes the same way; their wording names the item.
_PROCEDURAL = [
    (re.compile(r"\bwelcomed\b.*\bintroduc|\bintroductions were made\b", re.IGNORECASE), "Introductions"),
    (
        re.compile(r"\bminutes of the (?:previous )?meeting\b.*\b(?:confirmed|approved|agreed)\b", re.IGNORECASE),
        "Minutes of previous meeting",
    ),
    (re.compile(r"\bdeclare any interests?\b|\bdeclarations? of interest", re.IGNORECASE), "Declarations of interest"),
    (re.compile(r"\bno matters arising\b|\bmatters arising\b", re.IGNORECASE), "Matters arising"),
    (re.compile(r"\bapologies (?:for absence )?were received\b", re.IGNORECASE), "Apologies"),
]
# "The Board considered the ABC Action Log, a copy of which …" names its subject directly.
_CONSIDERED_THE = re.compile(
    r"\b(?:considered|received|noted|discussed)\s+the\s+(?P<t>(?:[A-Z0-9][\w&'’/-]*\s*)+?)"
    r"(?=,|\.|\s+(?:a copy|which|and|of|from|for)\b)"
)
# "… which provided an update on the ongoing work to tackle cyber-crime in the county."
_ABOUT = re.compile(
    r"\b(?:an? update on|a report on|a presentation on|a briefing on|an overview of|regarding|in relation to|"
    r"the purpose of which was to (?:update the board (?:regarding|on)|provide an update on|outline))\s+"
    r"(?:the\s+)?(?P<t>[^.,;:]{4,90})"
)
_MAX_WORDS = 9
# A web page's own controls printed before its words ("Loading... Home Menu") are nobody's title.
_CONTROLS = re.compile(rf"^(?:(?:loading|{SKIP_LINK}|home|menu|search|print)\W*\s+)+", re.IGNORECASE)
SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
# Three-letter words that are words, not acronyms, when a title is set in capitals.
_SHORT_WORDS = {
    "act",
    "age",
    "aid",
    "all",
    "any",
    "are",
    "day",
    "end",
    "few",
    "key",
    "law",
    "new",
    "not",
    "now",
    "off",
    "old",
    "one",
    "our",
    "out",
    "own",
    "per",
    "put",
    "set",
    "six",
    "ten",
    "top",
    "two",
    "use",
    "via",
    "way",
    "who",
    "why",
    "how",
    "was",
    "war",
    "yet",
}


def soften_caps(title: str) -> str:
    """ "SAFER COMMUNITIES PERFORMANCE 2019/20 Q1" → "Safer Communities Performance 2019/20 Q1".

    Words that look like acronyms (no vowel, or three letters or fewer and not a small
    word) keep their capitals; mixed-case titles are left as written.
    """
    letters = [c for c in title if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return title
    words = []
    for position, word in enumerate(title.split()):
        bare = re.sub(r"[^A-Za-z]", "", word)
        lower = bare.lower()
        if lower in SMALL_WORDS:
            words.append(word.lower() if position else word.capitalize())
        elif bare and (not re.search(r"[AEIOU]", bare) or (len(bare) <= 3 and lower not in _SHORT_WORDS)):
            words.append(word)
        else:
            words.append(word[:1] + word[1:].lower())
    return " ".join(words)


def derive_title(text: str) -> str:
    """A short title for an untitled item, from what its first sentence says it is about."""
    opening = _CONTROLS.sub("", text.strip().split("\n", 1)[0])
    for pattern, title in _PROCEDURAL:
        if pattern.search(opening[:300]):
            return title
    if m := _CONSIDERED_THE.search(opening):
        return _shorten(m["t"])
    if m := _ABOUT.search(opening):
        return _shorten(m["t"])
    sentence = next(iter(sentences(opening)), opening)
    return _shorten(sentence)


def _shorten(phrase: str) -> str:
    words = phrase.strip().rstrip(".").split()
    if len(words) > _MAX_WORDS:
        words = [*words[:_MAX_WORDS], "…"]
    title = " ".join(words)
    return title[:1].upper() + title[1:]
