"""Numbered minutes: "Minutes of a meeting of X held at Y on DATE", attendance, then "78. Title" items.

Used for plain minutes files and for the minutes a PDF agenda pack carries. Headings are
recognised by shape, not by this board's habits: "78. Title", "# 69. Title", "**12. Title**",
"Minute 45/24: Title", "45/24 Title". A candidate only counts when its number follows the
last one (within a small gap), which is what keeps "Minute 47:" under Matters Arising, or a
numbered list inside an item, from being read as a new item.
"""

from __future__ import annotations

import datetime as dt
import re

from corpus.language.dates import MONTHS, find_dates, find_time, find_time_range
from corpus.language.minute_numbers import NUMBER, MinuteNumber
from corpus.parsed import ParsedMeeting, Section
from corpus.read.text import strip_markup
from corpus.shapes.announced import announcements
from corpus.shapes.attendance import parse_attendance
from corpus.shapes.items import clean_title, make_item
from corpus.shapes.lines import bold_head
from corpus.shapes.titles import soften_caps

TITLE_LINE = re.compile(
    r"^(?:the\s+)?minutes\s+of\s+(?:a|the)\s+(?:[\w-]+\s+){0,3}?meeting\s+of\s+(?:the\s+)?(?P<rest>.+)$",
    re.IGNORECASE,
)
_HEADER = re.compile(
    r"^(?P<prefix>(?:Minute|MINUTE|Min\.?|(?:Agenda\s+)?Item|(?:AGENDA\s+)?ITEM)\s+(?:No\.?\s*)?)?"
    rf"(?P<num>{NUMBER})"
    r"(?P<sep>[.:)]\s*|\s+[-–:]?\s*)(?P<title>[A-Z‘'\"(].*)$"
)
_FOOTER = re.compile(
    r"^(?:signed|date of signing)\b|^chair(?:man|person)?\.?:?$|\bCHAIRMAN\s*$|[._]{6,}", re.IGNORECASE
)
_CLOSED = re.compile(
    r"^(?:the\s+)?meeting\s+(?:closed|ended|finished|concluded)\s+at\s+(?P<time>[\d.:]+\s*[ap]\.?m\.?)", re.I
)


def _header(line: str) -> tuple[MinuteNumber, str, str] | None:
    """The minute's number, its title and any text run on after the title on the heading's line."""
    # A heading set in bold ahead of its minute ends where the bold does: "**45. Roof:** Quotes …".
    text, inline = bold_head(line) or (strip_markup(line), "")
    m = _HEADER.match(text)
    if not m:
        return None
    plain_integer = not m["prefix"] and "/" not in m["num"]
    title = m["title"].strip()
    if plain_integer and not m["sep"].strip() and not (title.isupper() and len(title) > 3):
        return None  # "20 September 2019;" is a date, not minute 20; "5 APOLOGIES" is an item
    first_word = re.split(r"[\s,.;]", title, maxsplit=1)[0].lower()
    if first_word in MONTHS or title.endswith((";", ",")) or len(title.split()) > 25:
        return None
    return MinuteNumber.parse(m["num"]), title, inline


def find_title_line(lines: list[str], start: int, end: int) -> int | None:
    """Index of the "Minutes of a meeting of …" line within [start, end)."""
    for index in range(start, end):
        if TITLE_LINE.match(strip_markup(lines[index])):
            return index
    return None


def _describe(title_line: str) -> tuple[str | None, str | None, dt.date | None]:
    """Body, venue and date from "Minutes of a meeting of BODY held at VENUE on DAY, DATE."."""
    m = TITLE_LINE.match(strip_markup(title_line))
    rest = m["rest"] if m else strip_markup(title_line)
    body_match = re.match(r"(?P<body>.+?)\s+(?:held|which took place|convened)\b", rest, re.IGNORECASE)
    body = body_match["body"].strip(" ,") if body_match else None
    venue_match = re.search(r"\bheld\s+(?:at|in|via|by)\s+(?P<v>.+?)(?:\s+on\s+|\s*$)", rest, re.IGNORECASE)
    if not venue_match:
        venue_match = re.search(r"\d{4}\b.*?\b(?i:at|in)\s+(?P<v>(?:(?i:the)\s+)?[A-Z][^.]+)", rest)
    venue = re.sub(r"^the\s+", "", venue_match["v"].strip(" .,"), flags=re.IGNORECASE) if venue_match else None
    venue = soften_caps(venue) if venue else None
    dates = find_dates(rest)
    return body, venue, dates[0].date if dates else None


def parse_minutes(lines: list[str], start: int, end: int) -> ParsedMeeting | None:
    """The meeting recorded by the minutes in lines[start:end], or None if no item is found."""
    title_index = find_title_line(lines, start, min(end, start + 40))
    body, venue, date = _describe(lines[title_index]) if title_index is not None else (None, None, None)
    scan_from = title_index + 1 if title_index is not None else start
    if date is None:
        for index in range(start, min(end, start + 15)):
            if dates := find_dates(strip_markup(lines[index])):
                date = dates[0].date
                break

    headers: list[tuple[int, MinuteNumber, str, str]] = []
    for index in range(scan_from, end):
        found = _header(lines[index])
        if found and found[0].may_follow(headers[-1][1] if headers else None):
            headers.append((index, *found))
    if not headers:
        return None

    stop, start_time, end_time = _footer(lines, headers[-1][0] + 1, end)
    if start_time is None and title_index is not None:
        # "held on Tuesday 5 March 2024 at 2.00 pm": the time the meeting was called for.
        start_time = find_time(strip_markup(lines[title_index]))
    meeting = ParsedMeeting(
        date=date,
        has_minutes=True,
        line=(title_index if title_index is not None else start) + 1,
        start_time=start_time,
        end_time=end_time,
        venue=venue,
        body=body,
        attendance=parse_attendance(lines[scan_from : headers[0][0]]),
    )
    for position, (index, number, raw_title, bold_inline) in enumerate(headers):
        item_end = headers[position + 1][0] if position + 1 < len(headers) else stop
        title, inline = (clean_title(raw_title), bold_inline) if bold_inline else _split_long_title(raw_title)
        body_lines = ([inline] if inline else []) + lines[index + 1 : item_end]
        last = _last_text_line(lines, index, item_end)
        meeting.items.append(
            make_item(Section.MINUTES, title, body_lines, index + 1, last + 1, minute_number=str(number))
        )
    meeting.announced = announcements(meeting)
    return meeting


def _split_long_title(raw: str) -> tuple[str, str]:
    # Some boards run the first sentence on from the heading: "45. Apologies. Apologies were …"
    if len(raw) <= 120:
        return clean_title(raw), ""
    head, _, tail = raw.partition(". ")
    return clean_title(head), tail


def _last_text_line(lines: list[str], first: int, stop: int) -> int:
    for index in range(stop - 1, first, -1):
        if lines[index].strip():
            return index
    return first


def _footer(lines: list[str], start: int, end: int) -> tuple[int, dt.time | None, dt.time | None]:
    """Where the signature block after the last item begins, and the sitting times it gives."""
    for index in range(start, end):
        text = strip_markup(lines[index])
        span = find_time_range(text)
        if closed := _CLOSED.match(text):
            return index, None, find_time(closed["time"])
        if (span and len(text) < 80) or _FOOTER.search(text):
            if not span and index + 1 < end:
                span = find_time_range(" ".join(strip_markup(x) for x in lines[max(start, index - 3) : index]))
            return index, *(span or (None, None))
    return end, None, None
