"""Meetings as an iCalendar feed (RFC 5545) that calendar apps can subscribe to or import.

Hand-written rather than a dependency: the subset needed (events, one time zone, escaping,
line folding) is small.
"""

from __future__ import annotations

import datetime as dt

from corpus.models import Meeting

PRODID = "-//Board Memory//EN"
DEFAULT_LENGTH = dt.timedelta(hours=2)
LINE_OCTETS = 75
CRLF = "\r\n"

# The UK's rules since 1996: BST from 01:00 UTC on the last Sunday of March to the last Sunday of October.
LONDON_VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def to_ics(meetings_with_body: list[tuple[Meeting, str]], tz: str, now: dt.datetime) -> str:
    """An iCalendar document with one VEVENT per meeting; cancelled meetings carry STATUS:CANCELLED.

    Times are the meetings' local times in `tz`; a meeting with no known time is an all-day event.
    """
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{PRODID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if tz == "Europe/London":
        lines += LONDON_VTIMEZONE
    stamp = _utc(now).strftime("%Y%m%dT%H%M%SZ")
    for meeting, body in meetings_with_body:
        lines += _event(meeting, body, tz, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def _event(meeting: Meeting, body: str, tz: str, stamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.id}@boardmemory",
        f"DTSTAMP:{stamp}",
    ]
    if meeting.start_time is not None:
        start = dt.datetime.combine(meeting.date, meeting.start_time)
        end = dt.datetime.combine(meeting.date, meeting.end_time) if meeting.end_time else None
        if end is None or end <= start:
            end = start + DEFAULT_LENGTH
        lines += [f"DTSTART;TZID={tz}:{start:%Y%m%dT%H%M%S}", f"DTEND;TZID={tz}:{end:%Y%m%dT%H%M%S}"]
    else:
        # An all-day event ends (exclusively) the next day.
        lines += [
            f"DTSTART;VALUE=DATE:{meeting.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{meeting.date + dt.timedelta(days=1):%Y%m%d}",
        ]
    lines.append(f"SUMMARY:{escape(f'{body} meeting')}")
    if meeting.venue:
        lines.append(f"LOCATION:{escape(meeting.venue)}")
    lines.append(f"STATUS:{'CANCELLED' if meeting.status == 'cancelled' else 'CONFIRMED'}")
    lines.append("END:VEVENT")
    return lines


def escape(text: str) -> str:
    """A TEXT value escaped per RFC 5545 §3.3.11: backslash, semicolon, comma and newline."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """The line folded so no physical line exceeds 75 octets (RFC 5545 §3.1), never splitting a character."""
    if len(line.encode()) <= LINE_OCTETS:
        return line
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        octets = len(char.encode())
        if size + octets > LINE_OCTETS:
            pieces.append(current)
            current, size = "", 1  # the continuation line's leading space counts
        current += char
        size += octets
    pieces.append(current)
    return (CRLF + " ").join(pieces)


def _utc(moment: dt.datetime) -> dt.datetime:
    # A naive clock reading is taken as UTC, the only kind the callers pass.
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
