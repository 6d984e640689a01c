"""Sentences of minutes text, aware of how clerks abbreviate.

A sentence ends at ".", "!" or "?" before a space and a capital, digit, quote or bracket, and
at every line break (paragraphs, list entries). It does not end after a title ("Mr. J. Smith
agreed …"), an initial ("J. T. Smith"), or a short form that a name or number follows
("No. 12", "Min. 45", "e.g. Police"); decimals ("2.5", "£1.2m") hold no space so never split.
"10.30 a.m. start" and "etc. and" go on because lower case follows.
"""

from __future__ import annotations

import re

from corpus.language.names import ABBREVIATED_TITLES

# Short forms after which a capital or digit goes on with the same sentence. "etc.", "a.m."
# and "p.m." are not here: before a capital they usually do end the sentence.
_SHORT_FORMS = frozenset(
    w.lower()
    for w in (
        *ABBREVIATED_TITLES,
        *("Cllrs", "Messrs", "Det"),
        *("St", "Co", "Ltd", "approx", "e.g", "i.e", "cf", "viz", "vs"),
    )
)
# Short forms that point at a number ("No. 12", "Min. 45"), and only then: "the answer was no. Then …".
_BEFORE_NUMBER = frozenset(("no", "nos", "min", "para", "ref"))
_NEXT = r"(?=[A-Z0-9(\[\"'‘“£–-])"
_END = re.compile(rf"(?<=[.!?])\s+{_NEXT}|(?<=[.!?][\"'’”)\]])\s+{_NEXT}|\s*\n\s*")
# Clauses too: "The following were noted: Police …"; long paragraphs cut finer.
_END_OR_CLAUSE = re.compile(rf"(?<=[.;:!?])\s+{_NEXT}|(?<=[.!?][\"'’”)\]])\s+{_NEXT}|\s*\n\s*")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")  # "e.g", "U.K": the word before its last full stop
_OPENERS = "([\"'‘“"
_DIGIT_NEXT = re.compile(r"\s*\d")


def _word_before(text: str, stop: int) -> str:
    """The word that ends at `stop` (the index of its full stop), without opening brackets."""
    start = stop
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:stop].lstrip(_OPENERS)


def _shortened(text: str, stop: int) -> bool:
    """Whether the full stop at `stop` shortens a word rather than ends a sentence."""
    if text[stop] != ".":
        return False
    word = _word_before(text, stop)
    if len(word) == 1:
        return word.isupper()  # an initial: "J. Smith"
    if word.lower() in _BEFORE_NUMBER:
        return bool(_DIGIT_NEXT.match(text, stop + 1))
    if word.lower() in ("a.m", "p.m"):
        return False
    return word.lower() in _SHORT_FORMS or bool(_DOTTED.match(word))


def sentence_spans(text: str, clauses: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each sentence or list entry, so a cut keeps the text's own layout.

    `clauses` also ends a span at ";" or ":" before a capital, for cutting long paragraphs.
    """
    spans, start = [], 0
    for boundary in (_END_OR_CLAUSE if clauses else _END).finditer(text):
        stop = boundary.start() - 1
        if "\n" not in boundary.group() and text[stop] in "\"'’”)]":
            stop -= 1
        if "\n" not in boundary.group() and _shortened(text, stop):
            continue
        if text[start : boundary.start()].strip():
            spans.append((start, boundary.start()))
        start = boundary.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def sentences(text: str, clauses: bool = False) -> list[str]:
    """The sentences (and list entries) of the text, each stripped."""
    return [text[a:b].strip() for a, b in sentence_spans(text, clauses)]
