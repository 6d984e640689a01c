"""An agenda: the meeting's heading (board, date, time, venue) and its numbered items."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.language.dates import find_dates, find_time
from corpus.parsed import ParsedMeeting, Section
from corpus.read.text import is_furniture, strip_markup
from corpus.shapes.announced import announcements
from corpus.shapes.items import clean_title, make_item

_ITEM = re.compile(r"^\s*(?:item\s+)?(?P<n>\d{1,3})[.)]?\s+(?P<title>\S.*)$", re.IGNORECASE)
_PAGES = re.compile(r"\(\s*Pages?\s+(?P<a>\d+)\s*(?:[-–]\s*(?P<b>\d+))?\s*\)", re.IGNORECASE)
_BODY_NAME = re.compile(
    r"\b(?:Board|Committee|Cabinet|Council|Panel|Forum|Partnership|Authority|Trust|Commission|Assembly)$",
    re.IGNORECASE,
)
_AGENDA_WORD = re.compile(r"^agenda(?:\s+and\s+minutes)?:?$", re.IGNORECASE)
# Contact footers ("Democratic Services • … • Tel: …") are page furniture, not an item's note.
_CONTACT = re.compile(r"\bTel[.:]|@|•|\bEmail:|^contact\b|^no\.", re.IGNORECASE)


@dataclass
class Agenda:
    meeting: ParsedMeeting
    pages: dict[str, tuple[int, int]]


def _is_item_line(raw: str) -> re.Match[str] | None:
    text = strip_markup(raw.replace("\t", " "))
    m = _ITEM.match(text)
    if not m or (find_dates(m["title"][:25]) and m["title"][:25] == text[:25]):
        return None
    return m


def _is_note(raw: str) -> bool:
    text = strip_markup(raw)
    return bool(re.search(r"\w", text)) and not is_furniture(raw) and not _CONTACT.search(text)


def agenda_items_start(lines: list[str], start: int, end: int) -> int | None:
    """Index of the first of at least two consecutively numbered agenda lines, from 1."""
    for index in range(start, end):
        m = _is_item_line(lines[index])
        if m and m["n"] == "1":
            for later in range(index + 1, min(end, index + 40)):
                m2 = _is_item_line(lines[later])
                if m2 and m2["n"] == "2":
                    return index
    return None


def parse_agenda(lines: list[str], start: int, end: int) -> Agenda | None:
    """The agenda in lines[start:end], or None when there are no numbered items."""
    first = agenda_items_start(lines, start, end)
    if first is None:
        return None
    meeting = ParsedMeeting(date=None, has_minutes=False, line=start + 1)
    _read_heading(lines[start:first], meeting)

    entries: list[tuple[int, str, str, list[int]]] = []
    expected = 1
    for index in range(first, end):
        m = _is_item_line(lines[index])
        if m and int(m["n"]) == expected:
            entries.append((index, m["n"], m["title"], []))
            expected += 1
        elif entries and _is_note(lines[index]):
            entries[-1][3].append(index)
    pages: dict[str, tuple[int, int]] = {}
    for index, number, raw_title, note_indices in entries:
        note_lines = [lines[i] for i in note_indices]
        note_text = " ".join(strip_markup(x) for x in note_lines)
        page_match = _PAGES.search(raw_title) or _PAGES.search(note_text)
        if page_match:
            pages[number] = (int(page_match["a"]), int(page_match["b"] or page_match["a"]))
        note_lines = [_PAGES.sub("", x) for x in note_lines]
        item = make_item(
            Section.AGENDA,
            clean_title(raw_title.replace("\t", " ")),
            note_lines,
            index + 1,
            (note_indices[-1] if note_indices else index) + 1,
            agenda_number=number,
        )
        meeting.items.append(item)
    meeting.announced = announcements(meeting)
    return Agenda(meeting, pages)


def _read_heading(heading: list[str], meeting: ParsedMeeting) -> None:
    """Board name, date, time and venue from the lines above the numbered items."""
    date_at = None
    for offset, raw in enumerate(heading):
        text = strip_markup(raw)
        if not text or _AGENDA_WORD.match(text):
            continue
        if date_at is None and (dates := find_dates(text)):
            meeting.date = dates[0].date
            meeting.start_time = find_time(text[dates[0].end :]) or find_time(text)
            date_at = offset
            if meeting.body is None and " - " in text[: dates[0].start]:
                meeting.body = text[: dates[0].start].rsplit(" - ", 1)[0].strip()
        elif text.lower().startswith("venue:"):
            meeting.venue = text.split(":", 1)[1].strip().rstrip(".")
        elif date_at is None and meeting.body is None and _BODY_NAME.search(text):
            meeting.body = text
        elif date_at is not None and meeting.venue is None and _is_note(raw):
            meeting.venue = text.rstrip(".")
