"""A ModernGov "agenda and minutes" page flattened to `|`-separated rows, one row per item.

Each row holds the agenda entry (title, attachment sizes, "This report will be presented
by …") and then, after "Minutes:", what was minuted. A row may wrap over several lines; it
ends at a line ending in "|". Rows rarely carry minute numbers or the meeting date, so the
date usually comes from the manifest or the command line.
"""

from __future__ import annotations

import re

from corpus.language.minute_numbers import NUMBER
from corpus.parsed import ParsedDocument, ParsedItem, Section
from corpus.shapes.announced import announcements
from corpus.shapes.items import clean_title, make_item
from corpus.shapes.titles import derive_title
from corpus.shapes.webpage import read_page_head

_ROW_END = re.compile(r"\|\s*$")
_TABLE_HEADER = re.compile(r"^\s*No\.?\s*\|\s*Item\s*\|?\s*$", re.IGNORECASE)
_MINUTES = re.compile(r"\bMinutes:\s*")
_ATTACHMENT = re.compile(r"\s*(?:pdf icon\s*)?PDF\s+\d+(?:\.\d+)?\s*[KM]B\b\.?", re.IGNORECASE)
_ADDITIONAL = re.compile(r"\s*Additional documents:?\s*", re.IGNORECASE)
_BLURB = re.compile(
    r"\b(?:This report will be|The report will be|A presentation will be|This presentation will be|"
    r"Verbal update|This item)\b",
)
_NUMBER_CELL = re.compile(rf"^\s*(?P<n>{NUMBER})\.?\s*\|\s*")
_POINT = re.compile(r"(?<=[.:;])\s+(?=\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)\s)")


def looks_like_rows(lines: list[str]) -> bool:
    """Whether the text is a page of `|`-terminated rows with "Minutes:" cells."""
    rows = sum(1 for line in lines if _ROW_END.search(line))
    return rows >= 3 and any("Minutes:" in line for line in lines)


def _rows(lines: list[str], start: int) -> list[tuple[int, int, str]]:
    rows, buffer, first = [], [], None
    for index in range(start, len(lines)):
        line = lines[index]
        if not line.strip() and not buffer:
            continue
        first = index if first is None else first
        buffer.append(line.strip())
        if _ROW_END.search(line):
            rows.append((first, index, " ".join(buffer)))
            buffer, first = [], None
    if buffer and first is not None:
        rows.append((first, len(lines) - 1, " ".join(buffer)))
    return rows


def _split_agenda_cell(cell: str) -> tuple[str, str]:
    """Title and agenda blurb from "Title. PDF 387 KB This report will be presented by …"."""
    ends = [m.start() for m in (_ATTACHMENT.search(cell), _ADDITIONAL.search(cell), _BLURB.search(cell)) if m]
    sentence = re.search(r"\.\s+(?=[A-Z])", cell)
    if sentence:
        ends.append(sentence.start() + 1)
    cut = min(ends) if ends else len(cell)
    title, blurb = cell[:cut], cell[cut:]
    blurb = _ADDITIONAL.sub(" ", _ATTACHMENT.sub(" ", blurb))
    return clean_title(title), re.sub(r"\s+", " ", blurb).strip()


def _format_minutes(text: str) -> str:
    # Put each "(i) …" point and the decision on its own line, as the printed minutes do.
    text = re.sub(r"\s+", " ", text).strip()
    text = _POINT.sub("\n", text)
    return re.sub(r"\s+(?=RESOLVED\b)", "\n\n", text)


def parse_rows(lines: list[str]) -> ParsedDocument:
    """Every row of the page as one minuted item of a single meeting."""
    header_end = next((i + 1 for i, x in enumerate(lines) if _TABLE_HEADER.match(x)), 0)
    meeting, body = read_page_head(lines[:header_end])

    for first, last, row in _rows(lines, header_end):
        row = _ROW_END.sub("", row).strip()
        number = None
        if m := _NUMBER_CELL.match(row):
            number, row = m["n"], row[m.end() :]
        agenda_cell, minutes_cell = [*_MINUTES.split(row, maxsplit=1), ""][:2]
        title, blurb = _split_agenda_cell(agenda_cell.strip())
        text = _format_minutes(minutes_cell)
        derived = not title
        item: ParsedItem = make_item(
            Section.MINUTES,
            title or derive_title(text),
            text.split("\n"),
            first + 1,
            last + 1,
            minute_number=number,
            title_derived=derived,
            note=blurb or None,
        )
        meeting.items.append(item)
    meeting.announced = announcements(meeting)
    return ParsedDocument(format="moderngov-rows", meetings=[meeting], body=body)
