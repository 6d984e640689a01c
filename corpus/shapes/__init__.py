"""From a document's text to a ParsedDocument: pick the reader for its shape, then check it.

The structured readers (ModernGov rows, flattened pages, numbered minutes and agenda packs)
know their shapes well; when none matches, or the one that matched leaves most of the text
outside its items, the generic reader segments the text instead. A document is refused only
when it is empty or no meeting date can be had from its text or the hints.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePath

from corpus.parsed import ParsedDocument, ParsedMeeting, ParseError
from corpus.read.text import is_furniture, strip_markup
from corpus.shapes.attendance import attendance_item, records_attendance
from corpus.shapes.generic import lists_restart_under_headings, looks_like_issue_page, parse_generic
from corpus.shapes.headings import VERB, title_like
from corpus.shapes.meeting_head import body_date, head_date, title_date, weekday_head_date
from corpus.shapes.moderngov import looks_like_rows, parse_rows
from corpus.shapes.pack import parse_pack
from corpus.shapes.table_rows import table_rows
from corpus.shapes.webpage import looks_like_page, parse_page

FORMATS = ("minutes", "agenda", "agenda-pack", "moderngov-rows", "web-page", "generic")
UNKNOWN_BODY = "Unnamed board"
_MINUTES_LABEL = re.compile(r"^\s*minutes:\s*$", re.IGNORECASE)
# An agenda proposes; only minutes record a decision taken.
_DECIDED = re.compile(
    r"\b(?:RESOLVED|AGREED)\b|\b(?:seconded|carried)\b"
    r"|\b(?:was|were)\s+(?:received|approved|elected|ratified|adopted|noted|accepted|deemed|unanimously)\b"
    r"|\b(?:reported|said|stated|explained|confirmed)\s+that\b",
    re.IGNORECASE,
)
# "Minutes", and the word in the languages boards most often minute in besides English.
_MINUTES_WORD = re.compile(
    r"\bminutes\b|\bpresent\s*:|\bproc[èe]s[- ]verbal\b|\bcompte[- ]rendu\b|\bacta\b|\bprotokoll\b|"
    r"\bniederschrift\b|\bnotulen\b|\bcofnodion\b",
    re.IGNORECASE,
)
_AGENDA_WORD = re.compile(r"^\s*agenda\s*$|\bnotice of (?:the )?meeting\b|\bsummons\b", re.IGNORECASE)
# Below this share of the text's lines inside items, a structured reader has misread the shape.
MIN_COVERAGE = 0.5
_SEVERAL_ITEMS = 3
_OPENING_LINES = 15


def parse_text(
    text: str,
    path: str = "",
    date: dt.date | None = None,
    body: str | None = None,
    held_by: dt.date | None = None,
    titled: str | None = None,
) -> ParsedDocument:
    """Parse minutes or an agenda pack; `date` and `body` supply what the text does not say, the title the file
    gives itself (`titled`) the date its text leaves out, and `held_by` (the day it is read) the year of a
    meeting the text dates by weekday, day and month alone.

    Raises ParseError naming the file (and line, where there is one) when the text is empty
    or a meeting's date is neither in the text nor supplied.
    """
    lines = table_rows(text.splitlines())
    if not any(line.strip() for line in lines):
        raise ParseError("the file is empty", path)
    document = _best_reading(lines)
    if not document.meetings or not any(m.items for m in document.meetings):
        raise ParseError("no text to read as minutes or an agenda", path)
    if not (body or document.body):
        # Named after the file, so two unnamed documents of one day stay two meetings.
        body = f"{UNKNOWN_BODY} ({PurePath(path).name})" if path else UNKNOWN_BODY
        document.warnings.append(f"no board name in the text: filed under {body!r} (give --body or a manifest)")
    document.body = body or document.body
    undated = [m for m in document.meetings if m.date is None]
    if len(undated) == 1 and date is None:
        # The reader of the shape looked for the date only where its shape puts it; the top of
        # the text still says when the meeting was held.
        first_item = min((i.line_start for m in document.meetings for i in m.items), default=1)
        undated[0].date, time = head_date(lines, first_item - 1)
        undated[0].start_time = undated[0].start_time or time
        if undated[0].date is None and (guessed := body_date(lines)):
            undated[0].date = guessed
            document.warnings.append(f"no date at the top: {guessed.isoformat()} read from the text below it; check it")
        if undated[0].date is None:
            # A heading read above the date ("CALL TO ORDER" over "March 5, 2025"): the page's opening lines.
            undated[0].date, time = head_date(lines, _OPENING_LINES)
            undated[0].start_time = undated[0].start_time or time
        if undated[0].date is None and titled and (said := title_date(titled, lines)):
            undated[0].date = said
            document.warnings.append(f"no date in the text: {said.isoformat()} read from the file's title; check it")
        if undated[0].date is None and date is None and held_by and (found := weekday_head_date(lines, held_by)):
            undated[0].date = found
            latest = f"the latest {found:%A} {found.day} {found:%B} up to {held_by.isoformat()}"
            document.warnings.append(f"no year in the text: {found.isoformat()}, {latest}; check it")
    if date is not None and len(document.meetings) == 1 and document.meetings[0].date not in (None, date):
        # A date given for the document is the reader's word against a guess from its text ("09/06/2023" read
        # day first where the board writes the month first).
        document.warnings.append(
            f"the text reads as {document.meetings[0].date.isoformat()}; the date given, {date.isoformat()}, is used"
        )
        document.meetings[0].date = date
    for meeting in document.meetings:
        if meeting.date is None:
            if date is None:
                raise ParseError(
                    "no meeting date in the text; give one (--date YYYY-MM-DD or the manifest)", path, meeting.line
                )
            meeting.date = date
            document.warnings.append(
                f"meeting date {date.isoformat()} is not in the text: taken from the manifest or --date"
            )
        meeting.announced = [a for a in meeting.announced if a.date > meeting.date]
        meeting.attendance_item = attendance_item(meeting, lines)
    return document


def _best_reading(lines: list[str]) -> ParsedDocument:
    structured = _structured(lines)
    if structured is not None and structured.format == "agenda" and _says_minutes(lines):
        structured = None  # minutes numbered like an agenda: read them as minutes, with their decisions
    # The generic reading is needed only to check a structured one that ran everything into one item,
    # or that covers too little of the text: read once, and only then.
    generic = None
    if structured is not None and sum(len(m.items) for m in structured.meetings) <= 1:
        generic = parse_generic(lines)
        if _numbers_several(generic):
            if len(structured.meetings) == len(generic.meetings) == 1 and structured.meetings[0].date:
                # The shape's reader knew where its shape states the date; only its items ran together.
                generic.meetings[0].date = structured.meetings[0].date
            return generic
        if _heads_several(generic, lines):
            if len(structured.meetings) == len(generic.meetings) == 1 and generic.meetings[0].date is None:
                generic.meetings[0].date = structured.meetings[0].date  # where the shape's reader found it
            return generic
    if structured is not None and structured.format == "minutes" and len(structured.meetings) == 1:
        # Numbered minutes: the generic reading, where it numbers the same minutes, also finds their sub-items
        # ("102.1 …", "a. …") and the headings the format marks; the shape's reader knows the meeting's head.
        # The signature block after the last minute is the shape reader's to find, and stays out of the items.
        refined = parse_generic(lines[: max(i.line_end for i in structured.meetings[0].items)])
        if _refines(refined, structured):
            _keep_head(refined.meetings[0], structured.meetings[0])
            _keep_titles(refined.meetings[0], structured.meetings[0])
            refined.body = structured.body or refined.body
            refined.format = structured.format  # numbered minutes still, read in finer detail
            return refined
        if lists_restart_under_headings(lines):
            return parse_generic(lines)  # the numbers are lists under marked headings, not the minutes'
    if structured is not None and coverage(structured, lines) >= MIN_COVERAGE:
        return structured
    generic = generic or parse_generic(lines)
    if structured is None or coverage(generic, lines) > coverage(structured, lines):
        return generic
    return structured


def _refines(generic: ParsedDocument, structured: ParsedDocument) -> bool:
    """Whether the generic reading holds one meeting numbering every minute the structured one numbers."""
    if len(generic.meetings) != 1:
        return False
    numbers = {i.minute_number for i in structured.meetings[0].items}
    return None not in numbers and numbers <= {i.minute_number for i in generic.meetings[0].items}


def _keep_head(meeting: ParsedMeeting, shaped: ParsedMeeting) -> None:
    """What the shape's reader read of the meeting itself, kept over the generic reading's guesses."""
    for name in ("date", "start_time", "end_time", "venue", "body"):
        if getattr(shaped, name) is not None:
            setattr(meeting, name, getattr(shaped, name))
    if shaped.attendance:
        meeting.attendance = shaped.attendance


def _keep_titles(meeting: ParsedMeeting, shaped: ParsedMeeting) -> None:
    """A minute's title as its heading line prints it, where the generic reading could only derive one ("6 – To
    note the annual return for the year to March." reads as a sentence)."""
    printed = {i.minute_number: i.title for i in shaped.items if not i.title_derived and _names_a_matter(i.title)}
    for item in meeting.items:
        if item.title_derived and item.minute_number in printed:
            item.title, item.title_derived = printed[item.minute_number], False


_AGENDA_WORDING = re.compile(r"^To\s+[a-z]+\b")  # "To receive …", "To consider …": an agenda's heading, kept in minutes


def _names_a_matter(title: str) -> bool:
    """A heading line that names a matter, however long an agenda's wording ("To note the annual return
    for …"), not a minute's first sentence ("The minutes of the last meeting were approved")."""
    return title_like(title) or bool(_AGENDA_WORDING.match(title) and not VERB.search(title))


def _numbers_several(generic: ParsedDocument) -> bool:
    """Whether the generic reading numbers several items (where a structured one found a single item)."""
    return sum(1 for m in generic.meetings for i in m.items if i.minute_number) >= 3


def _heads_several(generic: ParsedDocument, lines: list[str]) -> bool:
    """Whether the generic reading heads several items over most of the text, where a structured one ran the
    whole text into one: minutes under unnumbered headings ("ROLL CALL", "OLD BUSINESS") are not one item."""
    return sum(len(m.items) for m in generic.meetings) >= _SEVERAL_ITEMS and coverage(generic, lines) >= MIN_COVERAGE


def _structured(lines: list[str]) -> ParsedDocument | None:
    if looks_like_issue_page(lines) or _labels_minutes(lines):
        return None  # the generic reader knows decision pages and "Minutes:"-labelled items
    if looks_like_rows(lines):
        document = parse_rows(lines)
    elif looks_like_page(lines):
        document = parse_page(lines)
    else:
        document = parse_pack(lines)
    if document is None:
        return None
    document.meetings = [m for m in document.meetings if m.items or m.has_minutes]
    return document if any(m.items for m in document.meetings) else None


def _labels_minutes(lines: list[str]) -> bool:
    """A ModernGov "agenda and minutes" page: each item's agenda text, then a "Minutes:" label."""
    return sum(1 for line in lines if _MINUTES_LABEL.match(line)) >= 2


def _says_minutes(lines: list[str]) -> bool:
    """Whether the text is minutes numbered like an agenda: it says so at the top, records decisions or says who
    attended."""
    title = " ".join([t for t in (strip_markup(x) for x in lines[:10]) if t][:3])
    if _MINUTES_WORD.search(title) and not _AGENDA_WORD.search(title):
        return True  # "… Regular Meeting / Minutes": an item "Public notice of the meeting" below says nothing
    head = " ".join(strip_markup(x) for x in lines[:25])
    if _AGENDA_WORD.search(head):
        return False
    return bool(_MINUTES_WORD.search(head)) or any(_DECIDED.search(line) for line in lines) or records_attendance(lines)


def coverage(document: ParsedDocument, lines: list[str]) -> float:
    """Share of the text's lines (page furniture aside) that fall inside the document's items."""
    wanted = {i + 1 for i, line in enumerate(lines) if strip_markup(line) and not is_furniture(line)}
    covered = {n for m in document.meetings for item in m.items for n in range(item.line_start, item.line_end + 1)}
    return len(wanted & covered) / len(wanted) if wanted else 0.0
