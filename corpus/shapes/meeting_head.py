"""The head of minutes: the line that titles them, and the meeting's date, time, venue and board as the head
states them (an earlier or later meeting's date in it set aside).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from corpus.language.dates import (
    DateMatch,
    dates_in,
    find_dates,
    find_numeric_dates,
    find_time,
    names_its_weekday,
    weekday_date,
    writes_month_first,
)
from corpus.language.sentences import sentences
from corpus.read.text import is_furniture, strip_markup
from corpus.shapes.headings import numbered_heading, title_like
from corpus.shapes.item_heads import MINUTES_OF

BODY_WORDS = re.compile(
    r"\b(?:Council|Committee|Sub-Committee|Cabinet|Board|Panel|Forum|Partnership|Authority|Trust|Commission|"
    r"Assembly|Executive|Governors|Governing Body|Meeting|Parish|Senate|Court|Corporation|Group)\b",
    re.IGNORECASE,
)
_MINUTES_OF_DATED = re.compile(r"^(?:draft\s+)?minutes\s+(?:of|for)\s+(?:the\s+|a\s+)?", re.IGNORECASE)
_TRAILING_MEETING = re.compile(r"\b(?:meeting|held|on|dated|of)\b[\s,]*$|\b(?:meeting\s+)?held\s+on\b.*$", re.I)
# "The minutes of the meeting held on 21 May were approved": an earlier meeting's date.
_APPROVED = re.compile(
    r"^[^.]*\b(?:were|was|be|are|being)\s+(?:approved|confirmed|signed|agreed|accepted|adopted)\b", re.I
)
# In the body, "the … meeting held on DATE" names this meeting unless it speaks of another one.
_THIS_MEETING = re.compile(r"\bheld\b|\bmeeting\b|\btook place\b|\bconvened\b", re.IGNORECASE)
_NEAR = 60
_CONTEXT = 160  # "The meeting took place online, via …, at 6:00pm (… time) on Tuesday, May 14, 2019"
_OTHER_WORDS = r"next|previous|last|future|forthcoming|following|earlier"  # of a meeting other than this one
_OTHER_MEETING = re.compile(rf"\b(?:minutes|{_OTHER_WORDS})\b", re.I)
_HELD = re.compile(r"\b(?:held|meeting|minutes|convened|took place|date|AGM|EGM)\b", re.IGNORECASE)
# "… held on Monday 11 th March 2024": the date a head says the meeting was held on, the words just before it.
_HELD_ON = re.compile(
    r"\b(?:held|took\s+place|convened)\s+(?:on\s+)?(?:the\s+)?(?:[^\W\d_]+day,?\s+)?(?:the\s+)?$", re.IGNORECASE
)
_VENUE = re.compile(r"^(?:venue|location|place)\s*:\s*(?P<v>.+)$|\bheld\s+(?:at|in)\s+(?P<h>[^,.]+)", re.IGNORECASE)
_HEAD_LINES = 40
_TOP_LINES = 12

_OPENING_LINES = 30  # the lines in which minutes say again which meeting they are of


# "MINUTES OF THE 84TH SPECIAL MEETING … HELD ON 28 MARCH 2013": the line that titles the minutes.
_TITLE_LINE = re.compile(r"^\W*(?:draft\s+|approved\s+|unconfirmed\s+|confirmed\s+)?minutes\b", re.IGNORECASE)


_EARLIER = re.compile(r"\b(?:previous|last|earlier|preceding)\b", re.IGNORECASE)


def _of_earlier_minutes(text: str) -> bool:
    """ "Minutes of the previous meeting held on …", "Minutes of 9 May were agreed.": another meeting's minutes."""
    return bool(_EARLIER.search(text) or _APPROVED.match(text))


def below_title(texts: list[str]) -> list[str]:
    """The lines headings are looked for in: none above the line that titles the minutes with their date, as a
    number there ("1 DISTRICT COUNCIL" at the top of page 1) is the page's, not an item's."""
    written = [i for i, t in enumerate(texts) if t][:_TOP_LINES]
    title = next((i for i in written if _TITLE_LINE.match(texts[i]) and dates_in(texts[i])), None)
    if title is None:
        block = _title_block(texts, written)
        return ["" if i in block else t for i, t in enumerate(texts)]
    # "Minutes of the previous meeting held on …", "Minutes of 9 May were agreed.": an item of business.
    if numbered_heading(texts[title]) or _of_earlier_minutes(texts[title]):
        return texts
    return ["" if i < title else t for i, t in enumerate(texts)]


def _title_block(texts: list[str], written: list[int]) -> set[int]:
    """The lines that title the document from its top down to the meeting's date ("TOWN COUNCIL" / "REGULAR
    MEETING" / "March 5, 2025"): headings of no item. None when text of the minutes comes first."""
    block: list[int] = []
    for index in written:
        text = texts[index]
        if numbered_heading(text) or not (title_like(text) or _dates_meeting(text)):
            break
        block.append(index)
    dated = [i for i in block if _dates_meeting(texts[i])]
    return set(block[: block.index(dated[-1]) + 1]) if dated else set()


_DATE_LINE_WORDS = 10


def _dates_meeting(text: str) -> bool:
    """A short line of the head that dates the meeting ("March 25, 2025"), not business naming a date."""
    return len(text.split()) <= _DATE_LINE_WORDS and bool(dates_in(text)) and not _of_earlier_minutes(text)


def head_date(lines: list[str], stop: int) -> tuple[dt.date | None, dt.time | None]:
    """The meeting's date (and time) as the head of any minutes (lines before `stop`, the first item)
    states it, for readers that found none; dates in the items are other meetings'."""
    texts = ["" if is_furniture(x) else strip_markup(x) for x in lines[:stop]]
    return _head_date([t for t in texts if t][:_HEAD_LINES]) or (None, None)


def body_date(lines: list[str]) -> dt.date | None:
    """Last resort for minutes whose head gives no date ("Date:" left empty): the date the text most
    often says a meeting was held on, in the sentence that gives it ("THAT the Regular Council Meeting held on
    May 27, 2024 …", "The meeting took place online at 6pm on Tuesday, May 14, 2019")."""
    counts: dict[dt.date, int] = {}
    for line in lines:
        text = strip_markup(line)
        for found in find_dates(text):
            near = text[max(0, found.start - _NEAR) : found.start]
            sentence = (sentences(text[max(0, found.start - _CONTEXT) : found.start]) or [""])[-1]
            # This meeting named close before the date, or anywhere in its sentence; no other meeting in either.
            if not _OTHER_MEETING.search(near) and (
                _THIS_MEETING.search(near) or (_THIS_MEETING.search(sentence) and not _OTHER_MEETING.search(sentence))
            ):
                counts[found.date] = counts.get(found.date, 0) + 1
    return max(counts, key=lambda d: (counts[d], d)) if counts else None


_TITLING_LINES = 80  # a page's navigation may run this long before the minutes' title
_TITLE_WORDS = 20
_NAMES_MINUTES = re.compile(r"\bminutes\b", re.IGNORECASE)


def _titled_date(texts: list[str]) -> tuple[dt.date, dt.time | None] | None:
    """The date of the line that titles the minutes, below a page's navigation ("Board Meeting Minutes,
    Wednesday, July 1, 2009"); not an earlier meeting's minutes named in the business."""
    for text in [t for t in texts if t][:_TITLING_LINES]:
        if (
            _NAMES_MINUTES.search(text)
            and len(text.split()) <= _TITLE_WORDS
            and not _of_earlier_minutes(text)
            and (found := _dated_line([text]))
        ):
            return found
    return None


def _top_date(texts: list[str]) -> tuple[dt.date, dt.time | None] | None:
    # When an item is the first thing on the page, its opening lines are all the head there is.
    return _head_date([t for t in texts if t][:_TOP_LINES])


def _head_date(
    head: list[str], top: list[str] | None = None, everywhere: list[str] | None = None
) -> tuple[dt.date, dt.time | None] | None:
    # A title wrapped over its first lines ("… held on" / "Thursday, 2nd July, 2015") says it first; a date in
    # words anywhere in the head (or the page's `top` lines, when headings start early) before one in figures,
    # which may be read day or month first ("09/06/2023").
    head, top = _unstamped(head), _unstamped(top) if top else None
    return _worded_head_date(head, top or head, everywhere or head) or (
        _dated_line(head[:3]) or _dated_line([" ".join(head[:3])]) or _dated_line(head) or _dated_line([" ".join(head)])
    )


def _worded_head_date(head: list[str], top: list[str], everywhere: list[str]) -> tuple[dt.date, dt.time | None] | None:
    """The date in words of the head (or the `top` lines), when a line in the head gives one in figures that
    could be read either way ("09/06/2023"; not "2017.03.07", year first); else the reading the text
    (`everywhere`) writes year first."""
    head = head[:_TOP_LINES]  # the title's lines, not the business that may follow in a long head
    numeric = [(t, d) for t in head for d in find_numeric_dates(t)]
    either = [
        (t, d)
        for t, d in numeric
        if d.date.day <= 12 and d.date.month != d.date.day and not _YEAR_FIRST.match(t[d.start :])
    ]
    if not either:
        return None
    readings = {day for _, d in either for day in (d.date, d.date.replace(day=d.date.month, month=d.date.day))}
    worded = [t for t in top[:_TOP_LINES] if find_dates(t)]
    if worded and (found := _dated_line(worded)) and found[0] in readings:
        return found  # "09/06/2023" above "Friday 9 June 2023": the words say which
    # "(09/05/2023)" in the title, "2023/09/05 18:30" on the recording's link below: year first says which.
    year_first = [d.date for t in everywhere for d in find_numeric_dates(t) if _YEAR_FIRST.match(t[d.start :])]
    if agreed := next((day for day in year_first if day in readings), None):
        return agreed, (_dated_line([either[0][0]]) or (None, None))[1]
    if writes_month_first(top):  # "Minutes (04/09/2021)" where the text writes "March 30, 2021"
        line, first = either[0]
        time = (_dated_line([line]) or (None, None))[1]
        return first.date.replace(day=first.date.month, month=first.date.day), time
    return None


def title_date(title: str, lines: list[str]) -> dt.date | None:
    """The date in the title a file gives itself ("5.21.2025 Senate Minutes"), in figures read as the text
    writes its dates; none from a title naming several."""
    found = find_dates(title) or find_numeric_dates(title, month_first=writes_month_first(lines))
    return found[0].date if len({d.date for d in found}) == 1 else None


def _repeated_date(
    head: list[str], texts: list[str], found: tuple[dt.date, dt.time | None]
) -> tuple[dt.date, dt.time | None]:
    """Where the head prints several dates and none says the meeting was held on it (a page's stale banner
    "August 8, 2011" above "MONDAY, SEPTEMBER 26, 2011"), the one the minutes' opening lines repeat ("called
    the September 26, 2011, meeting to order"); the first on a tie."""
    lines = [
        (t, d)
        for t in head
        for d in dates_in(t)
        if not _APPROVED.search(t[d.end :]) and not _OTHER_DATE.search(t[: d.start])
    ]
    dated = [d.date for _, d in lines]
    if len(set(dated)) < 2 or any(_HELD.search(t) for t, _ in lines):
        return found
    opening = [t for t in texts if t][:_OPENING_LINES]
    said = Counter(d.date for t in opening for d in dates_in(t))
    # On a tie, the date given with the day of the week it fell on ("jeudi 9 mars 2023" under a page
    # titled "… du 8 mars 2023").
    weekday = {d.date for t, d in lines if names_its_weekday(t, d)}
    best = max(dict.fromkeys(dated), key=lambda day: (said[day], day in weekday))
    if (said[best], best in weekday) == (said[found[0]], found[0] in weekday):
        return found
    return best, found[1]


# "CONFIRMATION OF MINUTES OF MEETING HELD ON 10 SEPTEMBER 2014": an earlier meeting's date.
_CONFIRMS = re.compile(r"\b(?:confirm\w*|approv\w*|adopt\w*|accept\w*|sign\w*)\b.{0,40}\bminutes\b", re.IGNORECASE)
# "Moved from 9th October 2018, …", "Next Meeting March 28, 2017", a web address's figures: not this meeting's date.
_OTHER_DATE = re.compile(
    r"(?:\b(?:moved|postponed|rescheduled|changed|adjourned)\s+from|\bnext\s+meeting|\bprevious\s+meeting|"
    # … and "next" as boards minuting in French, Spanish, German or Dutch write it ("Prochaine date …").
    r"\blast\s+meeting|\bfuture\s+meeting|\b(?:prochaine?|próxim[ao]|nächste[nr]?|volgende)\b.*"
    # A page's own dates: when it was posted or updated, not when the meeting was held.
    r"|\b(?:posted|published|updated|modified|publié|publicado|veröffentlicht|gepubliceerd)(?:\s+on)?)\W*(?:\w+\W+){0,3}$"
    r"|\S*/\S*$",
    re.IGNORECASE,
)
_YEAR_FIRST = re.compile(r"\d{4}\D")


# "2nd Feb 2025 11:02 GMT": a date and a clock time alone on a line, as a page stamps its updates.
_STAMP_REST = re.compile(r"^\W*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5})?\W*$", re.IGNORECASE)


def _unstamped(head: list[str]) -> list[str]:
    """The head less a page's list of updates: two or more lines each only a date and a clock time. Minutes
    print their meeting's date once, with words around it."""
    stamps = set()
    for position, text in enumerate(head):
        dates = dates_in(text)
        if len(dates) == 1 and not text[: dates[0].start].strip(" \t-–") and _STAMP_REST.match(text[dates[0].end :]):
            stamps.add(position)
    return [t for position, t in enumerate(head) if position not in stamps] if len(stamps) >= 2 else head


def _dated_line(head: list[str]) -> tuple[dt.date, dt.time | None] | None:
    """The first date of the head, preferring a line that says the meeting was held then, or that follows
    the undated line naming the meeting ("Minutes of the Extraordinary Meeting" over "14 May 2022", below
    a page's "May 30, 2022 Jo Bell" byline)."""
    dated = [
        (t, d, position)
        for position, t in enumerate(head)
        for d in [d for d in dates_in(t) if not _OTHER_DATE.search(t[: d.start])][:1]
        if not _APPROVED.search(t[d.end :]) and not _CONFIRMS.search(t)
    ]

    def held(text: str, position: int) -> bool:
        before = head[position - 1] if position else ""
        return bool(_HELD.search(text) or (_HELD.search(before) and not dates_in(before)))

    # A date the words "held on" lead straight to comes before one a line merely names with the meeting (a
    # page's title cut short: "… held on … · Friday 5 April 2024 owing to …").
    preferred = (
        _held_on(head)[:1] or [(t, d) for t, d, position in dated if held(t, position)] or [(t, d) for t, d, _ in dated]
    )
    if not preferred:
        return None
    line, match = preferred[0]
    return match.date, find_time(line[match.end : match.end + 60]) or find_time(line)


def _held_on(head: list[str]) -> list[tuple[str, DateMatch]]:
    """Each date of the head that "held on" leads straight to, with its line; not another meeting's ("the next
    meeting will be held on …") nor minutes confirmed."""
    return [
        (t, d)
        for t in head
        for d in dates_in(t)
        if _HELD_ON.search(t[: d.start])
        and not _OTHER_MEETING_BEFORE.search(t[: d.start])
        and not _OTHER_DATE.search(t[: d.start])
        and not _APPROVED.search(t[d.end :])
        and not _CONFIRMS.search(t)
    ]


# "… the next meeting will be held on", "matters arising from the meeting held on": a meeting other than this one.
_OTHER_MEETING_BEFORE = re.compile(rf"\b(?:{_OTHER_WORDS}|special|arising|from|since)\b[^.;:]{{0,40}}$", re.IGNORECASE)


def read_head(texts: list[str], stop: int) -> tuple[dt.date | None, dt.time | None, str | None, str | None]:
    """Date, start time, venue and board from the page's head (or its first lines)."""
    head = [t for t in texts[: max(stop, 1)] if t][:_HEAD_LINES] or [t for t in texts if t][:_HEAD_LINES]
    date, start_time, venue, body = None, None, None, None
    written = [t for t in texts if t]
    if found := _head_date(head, written[:_TOP_LINES], written) or _top_date(texts) or _titled_date(texts):
        date, start_time = _repeated_date(head, texts, found)
    for line in head:
        if venue is None and (m := _VENUE.search(line)):
            venue = (m["v"] or m["h"]).strip().rstrip(".")
        if body is None:
            body = _body_name(line)
    return date, start_time, venue, body


def _body_name(line: str) -> str | None:
    if m := MINUTES_OF.match(line):
        return m["body"].strip(" ,.")
    # "Minutes of Parish Council 22 November 2023": the board stands between "of" and the date.
    dates = dates_in(line)
    if (m := _MINUTES_OF_DATED.match(line)) and dates and dates[0].start > m.end():
        name = _TRAILING_MEETING.sub("", line[m.end() : dates[0].start]).strip(" ,.-–")
        return name if BODY_WORDS.search(name) else None
    words = line.split()
    if re.match(r"^[\w ]{2,20}:", line):
        return None  # "Venue: …", "Contact: …": a labelled detail, not the board
    if 2 <= len(words) <= 10 and BODY_WORDS.search(line) and not re.search(r"\d", line) and title_like(line):
        return line.strip(" ,.")
    return None


def weekday_head_date(lines: list[str], held_by: dt.date) -> dt.date | None:
    """The meeting's day from the head's weekday, day and month ("Date: Tuesday 12th March"), its year the
    latest up to `held_by` in which that day fell on that weekday."""
    head = [strip_markup(line) for line in lines if line.strip()][:_HEAD_LINES]
    return next((found.date for line in head if (found := weekday_date(line, held_by))), None)
