"""A council "agenda and minutes" web page flattened to text: short title lines, then paragraphs.

Items carry no numbers and decisions carry no RESOLVED heading ("(a) That …" paragraphs
close an item), so an item starts at a paragraph that reads like a title: short, no
finite verb, not a lettered decision, not a "(minute 35)" sub-heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.language.dates import find_dates, find_time
from corpus.language.minute_numbers import NUMBER, reference_pattern
from corpus.parsed import ParsedDocument, ParsedMeeting, Section
from corpus.read.text import strip_markup
from corpus.shapes.announced import announcements
from corpus.shapes.headings import CHAIR_LINE, FIELD_LABEL
from corpus.shapes.items import clean_title, make_item
from corpus.shapes.titles import derive_title

_PAGE_HEADER = re.compile(r"^(?:agenda and minutes|agenda|minutes)$", re.IGNORECASE)
_TABLE_HEADER = re.compile(r"^No\.?\s+Item$", re.IGNORECASE)
_ATTACHMENT = re.compile(r"(?:pdf icon\s*)?PDF\s+\d+(?:\.\d+)?\s*[KM]B\b", re.IGNORECASE)
_VERB = re.compile(
    r"\b(?:was|were|is|are|had|has|have|would|will|be|been|did|does|stated|noted|made|welcomed|provided|"
    r"considered|informed|agreed|requested|reported|received|gave|asked|confirmed|explained|took|thanked)\b",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^\(?[a-z0-9]{1,4}\)\s")
_REFERENCE = re.compile(rf"\(\s*{reference_pattern('n')}", re.IGNORECASE)
_MINUTE_NUMBER = re.compile(rf"^(?P<n>{NUMBER})\.?$")
_MAX_TITLE_WORDS = 12


@dataclass
class Paragraph:
    first: int
    last: int
    text: str
    gap: int  # blank lines before it


def looks_like_page(lines: list[str]) -> bool:
    """Whether the text opens like a flattened agenda-and-minutes page."""
    head = [strip_markup(x) for x in lines[:15] if x.strip()]
    return any(_TABLE_HEADER.match(x) for x in head) or bool(head and _PAGE_HEADER.match(head[0]))


def _paragraphs(lines: list[str], start: int) -> list[Paragraph]:
    found: list[Paragraph] = []
    gap = 0
    for index in range(start, len(lines)):
        text = strip_markup(lines[index])
        if not text:
            gap += 1
            continue
        found.append(Paragraph(index, index, text, gap))
        gap = 0
    return found


def is_title(text: str) -> bool:
    """A paragraph that names an item rather than minuting it."""
    if _ATTACHMENT.search(text):
        return True
    if CHAIR_LINE.search(text) or FIELD_LABEL.match(text):
        return False  # "Mr J Smith in the Chair", "Proposed by: …": never an item's title
    words = text.split()
    if not words or len(words) > _MAX_TITLE_WORDS or not text[0].isupper():
        return False
    if text.endswith(":") or _LABEL.match(text) or _REFERENCE.search(text) or _VERB.search(text):
        return False
    return not (find_dates(text) and len(words) <= 4)


def _head_end(lines: list[str]) -> int:
    """Without a "No. Item" table header, the head is the page title, the dated line and the venue."""
    end = 0
    for index, raw in enumerate(lines[:15]):
        text = strip_markup(raw)
        short = len(text.split()) <= 15
        labelled = re.match(r"^(?:venue|contact):", text, re.I) or CHAIR_LINE.search(text)
        if _PAGE_HEADER.match(text) or labelled or (short and find_dates(text)):
            end = index + 1
    return end


def read_page_head(head: list[str]) -> tuple[ParsedMeeting, str | None]:
    """The meeting a web page's head describes ("Board - Thursday, 8 June 2016 10.00 am", "Venue: …"),
    and the board it names."""
    meeting = ParsedMeeting(date=None, has_minutes=True, line=1)
    body = None
    for raw in head:
        text = strip_markup(raw)
        if text.lower().startswith("venue:"):
            meeting.venue = text.split(":", 1)[1].strip().rstrip(".")
        elif meeting.date is None and (dates := find_dates(text)):
            meeting.date = dates[0].date
            meeting.start_time = find_time(text[dates[0].end :])
            if " - " in text[: dates[0].start]:
                body = text[: dates[0].start].rsplit(" - ", 1)[0].strip()
    return meeting, body


def parse_page(lines: list[str]) -> ParsedDocument:
    """Every item on the page as a minuted item of one meeting."""
    header_end = next((i + 1 for i, x in enumerate(lines[:30]) if _TABLE_HEADER.match(strip_markup(x))), None)
    if header_end is None:
        header_end = _head_end(lines)
    meeting, body = read_page_head(lines[:header_end])

    groups: list[tuple[str | None, list[Paragraph], list[Paragraph], str | None]] = []
    pending_number = None
    for paragraph in _paragraphs(lines, header_end):
        if m := _MINUTE_NUMBER.match(paragraph.text):
            pending_number = m["n"]
            continue
        current = groups[-1] if groups else None
        just_titled = current is not None and current[0] is not None and not current[2]
        # A presenter or "Additional documents:" line under a title; a minuted sentence is not one.
        presenter = len(paragraph.text.split()) <= _MAX_TITLE_WORDS and not _VERB.search(paragraph.text)
        if just_titled and paragraph.gap <= 1 and presenter:
            current[1].append(paragraph)  # presenter or "Additional documents:" under a title
        elif is_title(paragraph.text) and not (current and current[0] and not current[2]):
            groups.append((paragraph.text, [paragraph], [], pending_number))
            pending_number = None
        elif current is None:
            groups.append((None, [], [paragraph], pending_number))
            pending_number = None
        else:
            current[2].append(paragraph)

    for raw_title, head, paragraphs, number in groups:
        body_lines = _lines(paragraphs)
        notes = [p.text for p in head[1:] if not p.text.lower().startswith("additional documents")]
        text_for_title = " ".join(p.text for p in paragraphs)
        title = clean_title(raw_title) if raw_title else derive_title(text_for_title)
        everything = head + paragraphs
        item = make_item(
            Section.MINUTES,
            title,
            body_lines,
            everything[0].first + 1,
            everything[-1].last + 1,
            minute_number=number,
            title_derived=raw_title is None,
            note=" ".join(notes) or None,
            unmarked_resolutions=True,
        )
        meeting.items.append(item)
    meeting.announced = announcements(meeting)
    return ParsedDocument(format="web-page", meetings=[meeting], body=body)


def _lines(paragraphs: list[Paragraph]) -> list[str]:
    out: list[str] = []
    for paragraph in paragraphs:
        out.extend([paragraph.text, ""])
    return out
