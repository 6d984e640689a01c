"""Future meetings a document announces ("Date of the next meeting", "Dates of future meetings")."""

from __future__ import annotations

import datetime as dt
import re

from corpus.language.dates import find_dates, find_time
from corpus.language.sentences import sentences
from corpus.parsed import AnnouncedMeeting, ParsedItem, ParsedMeeting

_SCHEDULE_TITLE = re.compile(
    r"\b(?:dates?|times?)\b.*\b(?:next|future|forthcoming)\b.*\bmeetings?\b|\bnext meeting\b", re.IGNORECASE
)
_SCHEDULE_SENTENCE = re.compile(
    r"\b(?:next|future|forthcoming)\s+(?:\w+\s+)?meetings?\b[^.]*?"
    r"\b(?:take place|be held|scheduled|will be|would be|is on|due|held on)\b",
    re.IGNORECASE,
)


def _dated_span_time(text: str, start: int, stop: int) -> dt.time | None:
    # The time written right after a date ("on 25 September 2020 at 10:00am") belongs to it.
    window = text[start : min(stop, start + 40)]
    m = re.match(r"\s*(?:,\s*)?(?:at|from|,)?\s*(?P<t>\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\.?|hrs)?)", window)
    return find_time(m["t"]) if m and m["t"].strip() else None


def _future_dates(text: str, after: dt.date | None, line: int) -> list[AnnouncedMeeting]:
    default_time = find_time(text)
    dates = find_dates(text)
    found: list[AnnouncedMeeting] = []
    for index, match in enumerate(dates):
        if after and match.date <= after:
            continue
        stop = dates[index + 1].start if index + 1 < len(dates) else len(text)
        time = _dated_span_time(text, match.end, stop) or default_time
        found.append(AnnouncedMeeting(match.date, time, line))
    return found


def announced_meetings(item: ParsedItem, held_on: dt.date | None) -> list[AnnouncedMeeting]:
    """Meetings after `held_on` that the item schedules, with their start time when given."""
    if _SCHEDULE_TITLE.search(item.title):
        return _future_dates(f"{item.title}\n{item.text}", held_on, item.line_start)
    found: list[AnnouncedMeeting] = []
    for sentence in sentences(item.text):
        if _SCHEDULE_SENTENCE.search(sentence):
            found.extend(_future_dates(sentence, held_on, item.line_start))
    return found


def merge_announced(announced: list[AnnouncedMeeting]) -> list[AnnouncedMeeting]:
    """One announcement per date, keeping the first that gives a time."""
    by_date: dict[dt.date, AnnouncedMeeting] = {}
    for meeting in announced:
        kept = by_date.get(meeting.date)
        if kept is None or (kept.time is None and meeting.time is not None):
            by_date[meeting.date] = meeting
    return sorted(by_date.values(), key=lambda m: m.date)


def announcements(meeting: ParsedMeeting) -> list[AnnouncedMeeting]:
    """The future meetings a meeting's items announce, one per date."""
    return merge_announced([a for item in meeting.items for a in announced_meetings(item, meeting.date)])
