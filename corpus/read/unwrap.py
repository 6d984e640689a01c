"""Undo the line wrapping every PDF extractor leaves: one line per paragraph, heading or list entry.

Minutes are read line by line, so a date cut as "Thursday, 17" / "September 2015", or a
heading run into the paragraph under it, would be lost. A line is joined with the next only
when the break is the extractor's: the page's layout shows the line ran to the margin (or,
with no layout to go by, the line is about as long as the longest, is no heading and does not
end a sentence), and the next line starts nothing of its own (a heading, a list entry, a table
row, a page number).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.language.bullets import BULLET
from corpus.language.dates import MONTHS

_SENTENCE_END = re.compile(r"[.!?:;|][\"'’”)\]]*$")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s")
_BOLD_LINE = re.compile(r"^\*\*.+\*\*$")
# "- …", "• …", "(a) …", "a) …", "(iv) …", "(A) …", "1. …", "(1) …", "2.1 …" (not "10.00 am").
_LIST_ITEM = re.compile(
    rf"^(?:{BULLET}\s|\(?(?:[a-z]{{1,2}}|[ivxl]{{1,5}}|[A-Z])\)\s|\(\d{{1,3}}\)\s|\d{{1,3}}(?:\.\d{{1,3}})*[.)]\s"
    r"|\d{1,3}\.\d{1,3}\s(?![ap]\.?m\b))"
)
# "78. Apologies", "Minute 45/24: Title", "Item 5 - Title", "5 APOLOGIES": where an item starts.
_NUMBERED = re.compile(
    r"^(?:(?:minute|min\.?|item|agenda\s+item)\s+)?(?:no\.?\s*)?\d{1,4}(?:/\d{2,4})?"
    r"(?:(?P<sep>\.\)|[.:)]|\s+[-–])\s*(?P<title>\S.*)|\s+(?P<caps>[A-Z][A-Z ,&'’/-]+))$",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"^(?:(?:members\s+)?present|officers?(?:\s+present)?|apologies(?:\s+for\s+absence)?|absent|"
    r"(?:also\s+)?in\s+attendance|also\s+present)\b\s*(?::.*)?$",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?$", re.IGNORECASE)
_HEADING_WORDS = 8
_SHORT = 0.6  # of the longest line: shorter lines ended where the author broke them


def is_heading(line: str) -> bool:
    """A line that names what follows: "78. Apologies", "Present:", "# Title", a bold line."""
    text = line.strip()
    if _MARKDOWN_HEADING.match(text) or _BOLD_LINE.match(text) or _ROLE.match(text):
        return True
    m = _NUMBERED.match(text)
    if not m or _first_word(m["title"] or m["caps"] or "") in MONTHS:
        return False
    if m["caps"]:
        return m["caps"].strip() == m["caps"].strip().upper() and len(m["caps"].strip()) > 3
    return m["title"][:1].isupper() and len(text.split()) <= _HEADING_WORDS


def starts_block(line: str) -> bool:
    """A line that begins something of its own, so it is never joined onto the line before."""
    text = line.strip()
    if "\t" in line or is_heading(text) or _PAGE_NUMBER.match(text):
        return True
    return bool(_LIST_ITEM.match(text)) and _first_word(text[text.find(" ") + 1 :]) not in MONTHS


def starts_list(line: str) -> bool:
    """A list entry: "- …", "• …", "(a) …", "1. …"."""
    return bool(_LIST_ITEM.match(line.strip()))


def ends_sentence(line: str) -> bool:
    """Whether the line closes a sentence, a heading's colon, or a `|` row."""
    return bool(_SENTENCE_END.search(line.rstrip()))


def join_pair(first: str, second: str) -> str:
    """Two pieces of one wrapped line; a word hyphenated at the margin ("re-" / "offending") stays whole."""
    first, second = first.rstrip(), second.lstrip()
    if re.search(r"\w-$", first) and second[:1].islower():
        return first + second
    return f"{first} {second}"


def estimate_full(lines: Sequence[str]) -> list[bool]:
    """Without a layout, guess which lines ran to the margin: those near the longest line's length."""
    width = max((len(x.strip()) for x in lines if "\t" not in x), default=0)
    return [len(x.strip()) >= _SHORT * width for x in lines]


def _joins(line: str, after: str, full: bool, measured: bool) -> bool:
    if not line.strip() or not after.strip() or "\t" in line or not full:
        return False
    if starts_block(after):
        return False
    if measured:
        return True  # the layout proves the line ran to the margin: the break is the extractor's
    return not is_heading(line) and (not ends_sentence(line) or after.lstrip()[:1].islower())


def unwrap(lines: Sequence[str], full: Sequence[bool] | None = None) -> list[str]:
    """The lines with wrapped ones joined; `full[i]` says whether line i reached the margin.

    Blank lines, table rows (TAB-separated) and headings are kept as they are.
    """
    measured = full is not None
    reached = list(full) if full is not None else estimate_full(lines)
    out: list[str] = []
    joined_full = False
    for index, line in enumerate(lines):
        if out and index and _joins(out[-1], line, joined_full, measured):
            out[-1] = join_pair(out[-1], line)
        else:
            out.append(line.rstrip() if line.strip() else "")
        joined_full = reached[index]
    return out


def _first_word(text: str) -> str:
    return re.split(r"[\s,.;]", text.strip(), maxsplit=1)[0].lower()
