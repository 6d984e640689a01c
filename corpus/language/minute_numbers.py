"""Minute numbers and the references to them: "86", "45/24" (number/year), "24/015" (year/number);
"minute 47", "(minute 35)", "minutes 45/24", "Minute No. 12".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A number, and the year (or number) after a slash when the board numbers minutes per year.
NUMBER = r"\d{1,4}(?:/\d{2,4})?"
# "Minute No." before a number; references and headings both write it.
_MINUTE_WORD = r"minutes?\s+(?:no\.?\s*)?"
REFERENCE = re.compile(rf"\b{_MINUTE_WORD}(?P<n>{NUMBER})\b", re.IGNORECASE)
# What clerks print before an item's title, beyond the plain number: a register reference
# ("C048/23", "TB/21/045", "P/142"), a decimal or hyphenated sub-number ("21.44", "304-1"),
# a Roman numeral or a letter. PRINTED is a number; REGISTER a reference that may precede one.
REGISTER = r"(?:[A-Z]{1,6}[ /-]?)?\(?\d{1,4}(?:[/.-]\d{1,4}){0,2}[a-z]?\)?"
PRINTED = (
    r"\(?\d{1,4}(?:(?:[./]|-(?=\d))\d{1,4}){0,2}[a-z]?\)?"
    r"|[A-Z]{1,6}[ /-]?\d{1,4}(?:/\d{1,4}){1,2}|[A-Z]{1,6}[/-]?\d{1,4}|[IVX]{1,5}|[A-Z]"
)
# A number alone on a line, as web pages print it in a cell of its own ("344.", "P/142").
NUMBER_ALONE = re.compile(r"^(?:[A-Z]{1,6}[ /-]?)?\d{1,4}(?:[./-]\d{1,4}){0,2}\.?$")
MAX_GAP = 3  # minutes a board may skip (items taken in private, withdrawn) between two headings


# What a sub-item's number adds to its parent's: "4.1", "4.1.2" (a decimal part), "4a", "4(a)", "75/17 b".
_SUB_PART = re.compile(r"(?<=\d)(?:\.\d{1,3}|\.?\s?\(?[a-z]\)?|\s?\((?:[ivx]{1,4}|\d{1,2})\))$", re.IGNORECASE)


def parent_number(number: str | None) -> str | None:
    """The number of the item a sub-item's number places it under ("4.1" → "4", "75/17a" → "75/17"), or None."""
    bare = (number or "").strip().rstrip(".")
    found = _SUB_PART.search(bare)
    return bare[: found.start()] if found else None


def reference_pattern(name: str) -> str:
    """ "minute 47" as a pattern string whose number is the group `name` (for larger patterns)."""
    return rf"\b{_MINUTE_WORD}(?P<{name}>{NUMBER})\b"


def referenced(text: str) -> list[str]:
    """The minute numbers the text refers to, in order, each once."""
    return list(dict.fromkeys(m["n"] for m in REFERENCE.finditer(text)))


@dataclass(frozen=True)
class MinuteNumber:
    """ "86", "45/24" (number/year) or "24/015" (year/number): the text, and its numeric parts."""

    text: str
    parts: tuple[int, ...]

    @classmethod
    def parse(cls, text: str) -> MinuteNumber:
        """ "45/24" → MinuteNumber("45/24", (45, 24))."""
        return cls(text, tuple(int(p) for p in text.split("/")))

    def __str__(self) -> str:
        return self.text

    def may_follow(self, previous: MinuteNumber | None) -> bool:
        """Whether this number can be the next item after `previous`: one part steps on, the rest stay."""
        if previous is None:
            return True
        if len(self.parts) != len(previous.parts):
            return False
        changed = [(new, old) for new, old in zip(self.parts, previous.parts, strict=True) if new != old]
        return len(changed) == 1 and changed[0][1] < changed[0][0] <= changed[0][1] + MAX_GAP
