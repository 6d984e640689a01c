"""Any minutes text no known shape fits: items from what every minutes page has.

A heading is a numbered line ("5. Apologies", "C048/23 1. APOLOGIES", "21.44 ELECTION OF CHAIR")
when the page numbers its items, and otherwise a short title-like line standing on its own
("Planning Applications", "FINANCE"). What comes before the first heading is the page's head:
board, date, time, venue, who attended. "Minutes:" and "Decision:" labels split an item's agenda
blurb from what was minuted; "Meeting: 12/03/2024 - Cabinet (Item 45)" lines of "Issue - meetings"
and "Issue - decisions" pages start a new meeting. A page with no heading at all is still read:
its paragraphs become items with derived titles, so nothing a board minuted is refused.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from corpus.language.dates import find_dates, find_numeric_dates, find_time
from corpus.language.minute_numbers import NUMBER_ALONE
from corpus.language.sentences import sentences
from corpus.parsed import ParsedDocument, ParsedItem, ParsedMeeting, Section
from corpus.read.text import is_furniture, strip_markup
from corpus.read.unwrap import ends_sentence, estimate_full, starts_list
from corpus.shapes.announced import announcements
from corpus.shapes.attendance import parse_attendance, role_heading
from corpus.shapes.headings import (
    CHAIR_LINE,
    FIELD_LABEL,
    Heading,
    is_never_title,
    labelled_line,
    numbered_heading,
    numbered_paragraph,
    title_like,
)
from corpus.shapes.items import clean_title, make_item, outline_parents
from corpus.shapes.numbering import item_labels, read_label
from corpus.shapes.titles import derive_title

# "Meeting: 12/03/2024 - Planning Committee (Item 45)" or "14/02/2024 - Budget 2024/25".
_DATED_SECTION = re.compile(
    r"^(?:meeting:\s*)?(?P<date>\d{1,2}/\d{1,2}/\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9},?\s+\d{4})\s*[-–—]\s*"
    r"(?P<rest>.+?)(?:\s*\((?:item|minute)\s+(?P<item>[\w/.]+)\)\s*)?$",
    re.IGNORECASE,
)
# A decision page's "24/06/2021 - To confirm the minutes of …" line may carry a long issue title.
_MAX_SECTION_WORDS = 30
_ISSUE_PAGE = re.compile(r"^issue\s*[-–—]\s*(?:meetings|decisions)$", re.IGNORECASE)
_BODY_WORDS = re.compile(
    r"\b(?:Council|Committee|Sub-Committee|Cabinet|Board|Panel|Forum|Partnership|Authority|Trust|Commission|"
    r"Assembly|Executive|Governors|Governing Body|Meeting|Parish|Senate|Court|Corporation|Group)\b",
    re.IGNORECASE,
)
_MINUTES_OF = re.compile(
    r"^(?:the\s+)?(?:draft\s+|approved\s+|unconfirmed\s+|confirmed\s+)?minutes\s+of\s+(?:the\s+|a\s+)?"
    r"(?:(?P<kind>[\w-]+(?:\s+[\w-]+){0,3}?)\s+)?meeting\s+of\s+(?:the\s+)?(?P<body>.+?)"
    r"(?=\s+(?:held|which|that|convened|at|on)\b|[,.]|$)",
    re.IGNORECASE,
)
_MINUTES_OF_DATED = re.compile(r"^(?:draft\s+)?minutes\s+(?:of|for)\s+(?:the\s+|a\s+)?", re.IGNORECASE)
_TRAILING_MEETING = re.compile(r"\b(?:meeting|held|on|dated|of)\b[\s,]*$|\b(?:meeting\s+)?held\s+on\b.*$", re.I)
# "The minutes of the meeting held on 21 May were approved": an earlier meeting's date.
_APPROVED = re.compile(
    r"^[^.]*\b(?:were|was|be|are|being)\s+(?:approved|confirmed|signed|agreed|accepted|adopted)\b", re.I
)
# In the body, "the … meeting held on DATE" names this meeting unless it speaks of another one.
_THIS_MEETING = re.compile(r"\bheld\b|\bmeeting\b", re.IGNORECASE)
_OTHER_MEETING = re.compile(r"\b(?:minutes|next|previous|last|future|forthcoming|following|earlier)\b", re.I)
_HELD = re.compile(r"\b(?:held|meeting|minutes|convened|took place|date)\b", re.IGNORECASE)
_VENUE = re.compile(r"^(?:venue|location|place)\s*:\s*(?P<v>.+)$|\bheld\s+(?:at|in)\s+(?P<h>[^,.]+)", re.IGNORECASE)
_HEAD_LINES = 40
_TOP_LINES = 12
# A line longer than this is a page flattened into one line; it is read as paragraphs of about this size.
_LONG_LINE = 1500
_PARAGRAPH_CHARS = 700
# Lists inside items are numbered from 1; minute numbers that run on across a year pass this.
_LIST_NUMBERS = 20
# Numbered paragraphs are the items only when at least this many run in sequence (not a short list).
_MIN_PARAGRAPH_RUN = 3
# Lines no longer than this may be wrapped at a margin; longer ones are whole paragraphs.
_WRAP_WIDTH = 110
_PARAGRAPH_ENDINGS = 0.5


@dataclass
class _Draft:
    """An item being collected: its heading and the lines under it."""

    heading: Heading | None
    first: int
    lines: list[int] = field(default_factory=list)
    note: list[int] = field(default_factory=list)
    date: dt.date | None = None


def _section_body(texts: list[str], headings: dict[int, Heading]) -> str | None:
    """The board a decision page's "Meeting: 07/07/2011 - Scrutiny Committee (Item 97)" line names."""
    for index in headings:
        if (m := _DATED_SECTION.match(texts[index])) and _BODY_WORDS.search(m["rest"]) and len(m["rest"].split()) <= 6:
            return m["rest"].strip()
    return None


def _issue_title(texts: list[str]) -> str | None:
    """On an "Issue - meetings" page, the issue's name: the title line under the page's heading."""
    start = next((i for i, t in enumerate(texts[:10]) if _ISSUE_PAGE.match(t)), None)
    if start is None:
        return None
    return next((t for t in texts[start + 1 :] if t and title_like(t) and not _DATED_SECTION.match(t)), None)


def looks_like_issue_page(lines: list[str]) -> bool:
    """A ModernGov "Issue - meetings" or "Issue - decisions" page."""
    return any(_ISSUE_PAGE.match(strip_markup(x)) for x in lines[:10])


def parse_generic(source: list[str]) -> ParsedDocument:
    """Every item the text minutes, grouped by the meeting it belongs to (usually one)."""
    lines, origin = _split_long_lines(source)
    texts = _join_numbers_to_titles([_open_row("" if is_furniture(x) else strip_markup(x)) for x in lines])
    headings = _choose_headings(texts, _cued(lines, texts))
    lone = next(iter(headings.items()), None) if len(headings) == 1 else None
    if lone and lone[1].number is None and not _DATED_SECTION.match(texts[lone[0]]):
        headings = {}  # only the page's own title: the page is read by paragraphs
    first_heading = min(headings, default=len(texts))
    date, start_time, venue, body = _read_head(texts, first_heading)
    body = body or _section_body(texts, headings)
    meeting = ParsedMeeting(date=date, has_minutes=True, line=1, start_time=start_time, venue=venue, body=body)
    head = [lines[i] for i in range(first_heading) if not CHAIR_LINE.search(texts[i])]
    meeting.attendance = parse_attendance(head)
    drafts = _drafts(texts, headings, first_heading)
    meetings = _meetings(meeting, drafts, texts, lines, _issue_title(texts))
    for each in meetings:
        for item in each.items:  # back to the source's own line numbers, for citations
            item.line_start, item.line_end = origin[item.line_start - 1] + 1, origin[item.line_end - 1] + 1
    return ParsedDocument(format="generic", meetings=meetings, body=body)


def _open_row(text: str) -> str:
    """ "1. | Election of Chairman: … |" (a table row flattened with its rules): the row's words; and
    a label a converter broke after its slash ("GBP/2122/ 216") made whole."""
    text = re.sub(r"^(\S*\d/)\s+(?=\d)", r"\1", text)
    if "|" not in text:
        return text
    return re.sub(r"\s*\|\s*", " ", text.strip().strip("|")).strip()


def _join_numbers_to_titles(texts: list[str]) -> list[str]:
    """ "344." or "P/142" alone on a line, its title on the next (web pages print the number and the
    title in separate cells), or the title first and its number below it: one heading line."""
    joined = list(texts)
    alone = [label for i, t in enumerate(texts) if NUMBER_ALONE.match(t) for label in read_label(i, t)]
    # A number under its title only where such numbers run in sequence: one alone is a resolution's.
    run = item_labels(alone)
    stepping = {label.index for label in run} if len(run) >= 2 else set()
    for index, text in enumerate(texts):
        if not NUMBER_ALONE.match(text) or not joined[index]:
            continue
        following = next((j for j in range(index + 1, min(index + 3, len(texts))) if texts[j]), None)
        before = next((j for j in range(index - 1, max(index - 3, -1), -1) if joined[j]), None)
        if following is not None and title_like(texts[following]):
            joined[index] = f"{text.rstrip('.')} {texts[following]}"
            joined[following] = ""
        elif (
            index in stepping
            and before is not None
            and title_like(joined[before])
            and not numbered_heading(joined[before])
        ):
            joined[before] = f"{text.rstrip('.')} {joined[before]}"
            joined[index] = ""
    return joined


def _split_long_lines(lines: list[str]) -> tuple[list[str], list[int]]:
    """Lines, with each very long one (a whole flattened page) cut into paragraphs of a few
    sentences; and for every resulting line, the index of the source line it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, line in enumerate(lines):
        runs = _bold_runs(line)
        if len(runs) > 1:
            for position, piece in enumerate(runs):
                if position:
                    out.append("")
                    origin.append(index)
                out.append(piece)
                origin.append(index)
            continue
        pieces = (
            [p for piece in _at_inline_labels(line) for p in _paragraphs_of(piece)]
            if len(line) > _LONG_LINE
            else [line]
        )
        for position, piece in enumerate(pieces):
            if position:
                out.append("")
                origin.append(index)
            out.append(piece)
            origin.append(index)
    return out, origin


_BOLD_RUN = re.compile(r"\*\*(?P<bold>[^*]+?)\*\*")
_LABEL_ONLY = re.compile(r"^\s*\(?[\w./-]{1,12}[.)]?\s*$")


def _bold_runs(line: str) -> list[str]:
    """A line that sets headings in bold within running text (a table row's cell: "1. | **Apologies** None
    were received. **Lowestoft** The Chief Executive …"): the bold runs as lines of their own, a label
    before the first kept with it, and the text between them."""
    runs = list(_BOLD_RUN.finditer(line))
    if not runs or (len(runs) == 1 and not (line[: runs[0].start()] + line[runs[0].end() :]).strip()):
        return [line]
    pieces: list[str] = []
    cursor = 0
    for m in runs:
        before = line[cursor : m.start()].strip()
        bold = m["bold"].strip()
        if before and _LABEL_ONLY.match(before) and not pieces:
            bold = f"{before.strip()} {bold}"
        elif before:
            pieces.append(before)
        pieces.append(f"**{bold}**")
        cursor = m.end()
    if line[cursor:].strip():
        pieces.append(line[cursor:].strip())
    return pieces


# A label inside a flattened page: "… at 10.00am. 2 ITEMS OF URGENT BUSINESS None received. 3 …".
_INLINE_LABEL = re.compile(r"(?:(?<=^)|(?<=[\s.;:]))(?P<label>\d{1,4}(?:\.\d{1,2})?)[.)]?\s+(?=[A-Z][A-Za-z])")
_MIN_INLINE_RUN = 3


def _at_inline_labels(line: str) -> list[str]:
    """A whole page flattened into one line, cut where its items' numbers stand: the labels inside it
    that run in sequence (three or more), so a stray number in a sentence never cuts it."""
    found = {m.start("label"): m["label"] for m in _INLINE_LABEL.finditer(line)}
    labels = [label for start, text in found.items() for label in read_label(start, text)]
    run = item_labels(labels)
    if len(run) < _MIN_INLINE_RUN:
        return [line]
    heads = {label.values for label in run}
    depth = len(run[0].values)
    # Their numbered paragraphs too ("2. Apologies for Absence 2.1. The Chair noted …"), so a heading
    # stands on a line of its own.
    subs = [x for x in labels if len(x.values) == depth + 1 and x.values[:depth] in heads]
    cuts = sorted({0, *(label.index for label in [*run, *subs] if label.index > 0), len(line)})
    return [line[a:b].strip() for a, b in itertools.pairwise(cuts) if line[a:b].strip()]


def _paragraphs_of(line: str) -> list[str]:
    pieces: list[str] = []
    for sentence in sentences(line):
        if pieces and len(pieces[-1]) + len(sentence) < _PARAGRAPH_CHARS:
            pieces[-1] = f"{pieces[-1]} {sentence}"
        else:
            pieces.append(sentence)
    return pieces or [line]


def _choose_headings(texts: list[str], cued: dict[int, Heading]) -> dict[int, Heading]:
    """Numbered headings when the page numbers its items in sequence; else the headings its format
    marks (a heading style, a line set in bold); else title-like lines."""
    numbered = _numbered(texts, paragraphs=len(cued) < 2)
    # Numbers the format does not mark, under headings it does ("## Summary", then "1. … 2. …"), are a
    # list inside an item; numbers on the marked lines ("**18.11.1 Apologies**") are the items'.
    listed = len(numbered) - len(numbered.keys() & cued.keys())
    if len(cued) >= 2 and listed > len(numbered) / 2 and len(cued) >= listed:
        return {**cued, **{i: h for i, h in numbered.items() if i in cued}}
    if len(numbered) >= 2:
        # Headings the format marks inside the numbered items ("**Lowestoft**" under "3. Matters arising").
        return {**_cued_within(cued, numbered, texts), **numbered}
    if len(cued) >= 2:
        return {**cued, **numbered}
    dated = {
        i: Heading(None, None, t)
        for i, t in enumerate(texts)
        if (m := _DATED_SECTION.match(t)) and len(m["rest"].split()) <= _MAX_SECTION_WORDS
    }
    titled = {
        i: Heading(None, None, t)
        for i, t in enumerate(texts)
        if t and _stands_alone(texts, i) and title_like(t) and not role_heading(t)
    }
    if dated:  # a decision page: each dated section is one item; lines above them name the issue
        return dated
    return {**titled, **numbered}


_MARKED_HEADING = re.compile(r"^(?P<marks>#{1,6})\s+\S|^\*\*[^*].*\*\*:?$")
_BOLD_LEVEL = 7  # a line set in bold heads less than any heading style
_MAX_CUED_WORDS = 20


def _cued(lines: list[str], texts: list[str]) -> dict[int, Heading]:
    """The lines the document's format marks as headings: its heading styles at every level, else its
    lines set in bold (the document's own title, above all else, is not an item)."""
    levels: dict[int, int] = {}
    for index, line in enumerate(lines):
        text = texts[index]
        if not text or len(text.split()) > _MAX_CUED_WORDS or is_never_title(text) or role_heading(text):
            continue
        if not (text[0].isupper() or text[0].isdigit()) or (text.endswith(".") and len(text.split()) > 3):
            continue  # a sentence set in bold for emphasis, or the bold tail of one, heads nothing
        if m := _MARKED_HEADING.match(line.strip()):
            levels[index] = len(m["marks"]) if m["marks"] else _BOLD_LEVEL
    # A heading printed on every page (a running header, its page number aside) heads no item.
    shapes = Counter(re.sub(r"\d+", "#", texts[i]) for i in levels)
    levels = {i: lv for i, lv in levels.items() if shapes[re.sub(r"\d+", "#", texts[i])] == 1}
    # The document's own title, set as a heading above everything else ("Minutes of … 26 May 2016").
    first = min(levels, default=None)
    if (
        first is not None
        and first == next((i for i, t in enumerate(texts) if t), None)
        and _names_meeting(texts[first])
    ):
        del levels[first]
    counts = Counter(levels.values())
    if not counts:
        return {}
    # Every level of heading style heads items (sections and their sub-sections alike); bold lines do
    # only where no heading style is used, as emphasis otherwise.
    styled = {lv for lv in counts if lv != _BOLD_LEVEL}
    # Bold lines head items where heading styles are few (a title, a page's banner) or lacking.
    if sum(counts[lv] for lv in styled) >= max(2, counts[_BOLD_LEVEL]):
        chosen = styled
    else:
        chosen = {_BOLD_LEVEL} if counts[_BOLD_LEVEL] >= 2 else set()
    return {i: Heading(None, None, texts[i]) for i, lv in levels.items() if lv in chosen}


def _cued_within(cued: dict[int, Heading], numbered: dict[int, Heading], texts: list[str]) -> dict[int, Heading]:
    """Marked headings inside the numbered items, as their sub-items: "**1. Fixed Asset Review**" under
    "4 Decisions" is 4.1; "**Lowestoft**" under "3" has no number of its own."""
    found: dict[int, Heading] = {}
    starts = sorted(numbered)
    for index, heading in cued.items():
        if index in numbered or index < starts[0]:
            continue
        parent = numbered[max(i for i in starts if i < index)]
        label = numbered_heading(texts[index])
        if label and label.number and label.number.isdigit() and parent.number:
            found[index] = Heading(f"{parent.reference or parent.number}.{label.number}", None, label.title)
        else:
            found[index] = heading
    return found


def _names_meeting(text: str) -> bool:
    """A line that names the meeting rather than an item: a date, or "Minutes of …"."""
    return bool(find_dates(text) or find_numeric_dates(text) or _MINUTES_OF.match(text))


def _numbered(texts: list[str], paragraphs: bool = True) -> dict[int, Heading]:
    """Numbered headings of the page's own numbering (see numbering.py), and their sub-items.

    Minutes that number paragraphs rather than head them ("2.1 Apologies were received …") are
    read by their paragraph numbers when no headings are numbered (and, with `paragraphs` false,
    not at all: the format marks the headings).
    """
    headings = {i: h for i, t in enumerate(texts) if t and (h := numbered_heading(t)) and h.number}
    found = _run({**_labelled_like(texts, headings), **headings})
    if len(found) < 2 and paragraphs:
        numbered = _run({i: h for i, t in enumerate(texts) if t and (h := numbered_paragraph(t))})
        found = numbered if len(numbered) > max(len(found), _MIN_PARAGRAPH_RUN - 1) else found
    depth = len(next(iter(found.values())).parts) if found else None
    return dict(sorted((found | _sub_items(texts, found, depth)).items()))  # in reading order


def _labelled_like(texts: list[str], headings: dict[int, Heading]) -> dict[int, Heading]:
    """Lines opening with a label of the scheme the page's headings use, though no heading follows it
    ("78/17 Police Report – PK reported …" between "77/17 Handyman's Report" and "82/17 Finance").
    Plain numbers below 20 are left out: they number the lists inside items too."""
    numbered = [label for i, h in headings.items() for label in read_label(i, h.number or "")]
    schemes = {label.scheme for label in numbered}
    # A plain number the headings skip ("1." before "2. Election of Chairman"): the item they lack.
    printed = {label.values[0] for label in numbered if label.scheme == ("#", 1)}
    missing = set(range(1, max(printed, default=0) + 1)) - printed
    found = {}
    for index, text in enumerate(texts):
        if not text or index in headings or (line := labelled_line(text)) is None:
            continue
        labels = [x for x in read_label(index, line.number or "") if x.scheme in schemes]
        if any(x.scheme != ("#", 1) or x.values[0] >= _LIST_NUMBERS or x.values[0] in missing for x in labels):
            found[index] = line
    return found


def _run(headings: dict[int, Heading]) -> dict[int, Heading]:
    run = item_labels([label for i, h in headings.items() for label in read_label(i, h.number or "")])
    return {label.index: headings[label.index] for label in run}


def _sub_items(texts: list[str], main: dict[int, Heading], depth: int | None) -> dict[int, Heading]:
    """Numbered sub-items ("7.2 Route bus", "7.2 The Clerk reported …") under the item they number,
    when the page's sub-items carry text of their own.

    A page whose sub-headings never have anything under them lists an outline, kept in the item's text.
    """
    if not depth:
        return {}
    found: dict[int, Heading] = {}
    lettered: dict[int, Heading] = {}
    with_text = 0
    starts = sorted(main)
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(texts)
        parent = main[start].parts
        headed = {
            i: numbered_heading(texts[i]) or numbered_paragraph(texts[i]) for i in range(start + 1, end) if texts[i]
        }
        subs = {i: h for i, h in headed.items() if h and len(h.parts) == depth + 1 and h.parts[:depth] == parent}
        bounds = [*sorted(subs), end]
        with_text += sum(
            bool(subs[a].inline) or any(texts[j] for j in range(a + 1, b)) for a, b in itertools.pairwise(bounds)
        )
        found.update(subs)
        lettered.update(_lettered(texts, main[start], start + 1, end))
    return (found if with_text >= 2 else {}) | lettered


# "a) Farm Tenancy Agreement – CC noted …", "(b) Handyman: …", "iii) Audit Wales, future audit …" within an item.
_LETTERED = re.compile(r"^\(?(?P<letter>[a-z]{1,4})[).]\s+(?P<rest>[A-Z‘'\"].*)$")
_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]
_LETTERS = [chr(c) for c in range(ord("a"), ord("z") + 1)]
# A list of three or more entries in turn is a list of matters, unless it reads as parts of one decision.
_LONG_LIST = 3
_DECISION_PART = re.compile(r"^(?:That|To|The\s+Council|The\s+Board)\b")


def _lettered(texts: list[str], parent: Heading, start: int, end: int) -> dict[int, Heading]:
    """Lettered or Roman-numbered sub-items under a numbered item, a, b, c (or i, ii, iii) in turn: those
    that name their own matter, or all of a list of three or more. Lettered parts of one decision
    ("(a) That the Council …") stay in the item's text."""
    best: dict[int, Heading] = {}
    for sequence in (_LETTERS, _ROMANS):
        entries: list[tuple[int, str, str]] = []
        for index in range(start, end):
            m = _LETTERED.match(texts[index])
            if m and len(entries) < len(sequence) and m["letter"] == sequence[len(entries)]:
                entries.append((index, m["letter"], m["rest"]))
        if any(_DECISION_PART.match(rest) for _, _, rest in entries):
            continue
        found: dict[int, Heading] = {}
        for index, letter, rest in entries:
            lead = labelled_line(f"1 {rest}")
            number = f"{parent.reference or parent.number}{letter if sequence is _LETTERS else f'({letter})'}"
            if title_like(rest):
                found[index] = Heading(number=number, reference=None, title=rest)
            elif lead is not None and lead.title:
                found[index] = Heading(number=number, reference=None, title=lead.title, inline=lead.inline)
            elif len(entries) >= _LONG_LIST:
                found[index] = Heading(number=number, reference=None, title="", inline=rest)
        if len(found) >= 2 and len(found) > len(best):
            best = found
    return best


def _stands_alone(texts: list[str], index: int) -> bool:
    """A title line: after a blank line (or the top), and followed by text of its own."""
    before = index == 0 or not texts[index - 1]
    after = next((t for t in texts[index + 1 :] if t), "")
    return before and bool(after)


def head_date(lines: list[str], stop: int) -> tuple[dt.date | None, dt.time | None]:
    """The meeting's date (and time) as the head of any minutes (lines before `stop`, the first item)
    states it, for readers that found none; dates in the items are other meetings'."""
    texts = ["" if is_furniture(x) else strip_markup(x) for x in lines[:stop]]
    return _head_date([t for t in texts if t][:_HEAD_LINES]) or (None, None)


def body_date(lines: list[str]) -> dt.date | None:
    """Last resort for minutes whose head gives no date ("Date:" left empty): the date the text most
    often says a meeting was held on ("THAT the Regular Council Meeting held on May 27, 2024 …")."""
    counts: dict[dt.date, int] = {}
    for line in lines:
        text = strip_markup(line)
        for found in find_dates(text):
            context = text[max(0, found.start - 60) : found.start]
            if _THIS_MEETING.search(context) and not _OTHER_MEETING.search(context):
                counts[found.date] = counts.get(found.date, 0) + 1
    return max(counts, key=lambda d: (counts[d], d)) if counts else None


def _top_date(texts: list[str]) -> tuple[dt.date, dt.time | None] | None:
    # When an item is the first thing on the page, its opening lines are all the head there is.
    return _head_date([t for t in texts if t][:_TOP_LINES])


def _head_date(head: list[str]) -> tuple[dt.date, dt.time | None] | None:
    # A title wrapped over its first lines ("… held on" / "Thursday, 2nd July, 2015") says it first.
    return (
        _dated_line(head[:3]) or _dated_line([" ".join(head[:3])]) or _dated_line(head) or _dated_line([" ".join(head)])
    )


def _dated_line(head: list[str]) -> tuple[dt.date, dt.time | None] | None:
    """The first date of the head, preferring a line that says the meeting was held then."""
    dated = [
        (t, d) for t in head for d in (find_dates(t) or find_numeric_dates(t))[:1] if not _APPROVED.search(t[d.end :])
    ]
    preferred = [(t, d) for t, d in dated if _HELD.search(t)] or dated
    if not preferred:
        return None
    line, match = preferred[0]
    return match.date, find_time(line[match.end : match.end + 60]) or find_time(line)


def _read_head(texts: list[str], stop: int) -> tuple[dt.date | None, dt.time | None, str | None, str | None]:
    """Date, start time, venue and board from the page's head (or its first lines)."""
    head = [t for t in texts[: max(stop, 1)] if t][:_HEAD_LINES] or [t for t in texts if t][:_HEAD_LINES]
    date, start_time, venue, body = None, None, None, None
    if found := _head_date(head) or _top_date(texts):
        date, start_time = found
    for line in head:
        if venue is None and (m := _VENUE.search(line)):
            venue = (m["v"] or m["h"]).strip().rstrip(".")
        if body is None:
            body = _body_name(line)
    return date, start_time, venue, body


def _body_name(line: str) -> str | None:
    if m := _MINUTES_OF.match(line):
        return m["body"].strip(" ,.")
    # "Minutes of Parish Council 22 November 2023": the board stands between "of" and the date.
    dates = find_dates(line) or find_numeric_dates(line)
    if (m := _MINUTES_OF_DATED.match(line)) and dates and dates[0].start > m.end():
        name = _TRAILING_MEETING.sub("", line[m.end() : dates[0].start]).strip(" ,.-–")
        return name if _BODY_WORDS.search(name) else None
    words = line.split()
    if re.match(r"^[\w ]{2,20}:", line):
        return None  # "Venue: …", "Contact: …": a labelled detail, not the board
    if 2 <= len(words) <= 10 and _BODY_WORDS.search(line) and not re.search(r"\d", line) and title_like(line):
        return line.strip(" ,.")
    return None


def _drafts(texts: list[str], headings: dict[int, Heading], first: int) -> list[_Draft]:
    drafts: list[_Draft] = []
    if not headings:
        return _paragraph_drafts(texts, 0)
    preamble = [i for i in range(first) if texts[i] and _is_business(texts, i)]
    if len(preamble) >= 3:
        drafts.append(_Draft(None, preamble[0], preamble))
    current_date = None
    for index in range(first, len(texts)):
        text = texts[index]
        if index in headings:
            if m := _DATED_SECTION.match(text):
                current_date = _section_date(m["date"])
            drafts.append(_Draft(headings[index], index, date=current_date))
            continue
        if not text:
            continue
        draft = drafts[-1]
        label = FIELD_LABEL.match(text)
        if label and label["label"].lower() == "minutes":
            # What stood above "Minutes:" was the agenda's blurb; the minuted text follows.
            draft.note.extend(draft.lines)
            draft.lines = []
            if label["rest"]:
                draft.lines.append(index)
            continue
        draft.lines.append(index)
    return drafts


def _is_business(texts: list[str], index: int) -> bool:
    """Head lines that are minuted business rather than the page's title, date or attendance."""
    text = texts[index]
    return len(text.split()) > 12 and not role_heading(text.split(":")[0]) and ":" not in text[:25]


def _paragraph_drafts(texts: list[str], start: int) -> list[_Draft]:
    """No headings at all: each paragraph becomes an item with a derived title (flat minutes give each
    matter a paragraph of its own). A paragraph ends at a blank line, or where a line ends a sentence
    and was not wrapped at the margin; a list entry or a line starting in lower case runs on."""
    full = estimate_full(texts)
    # A text whose lines run far past any printed margin, or mostly end their sentences, keeps one
    # paragraph a line; a wrapped one breaks lines mid-sentence.
    written = [t for t in texts[start:] if t]
    ending = sum(ends_sentence(t) for t in written) / len(written) if written else 1.0
    wrapped = max((len(t) for t in written), default=0) <= _WRAP_WIDTH and ending < _PARAGRAPH_ENDINGS
    drafts: list[_Draft] = []
    for index in range(start, len(texts)):
        text = texts[index]
        if not text:
            continue
        previous = texts[index - 1] if index else ""
        ended = not previous or starts_list(previous) or (ends_sentence(previous) and not (wrapped and full[index - 1]))
        if not drafts or (ended and not starts_list(text) and text[:1].isupper()):
            drafts.append(_Draft(None, index))
        drafts[-1].lines.append(index)
    return drafts


def _section_date(text: str) -> dt.date | None:
    found = find_dates(text) or find_numeric_dates(text)
    return found[0].date if found else None


def _meetings(
    meeting: ParsedMeeting, drafts: list[_Draft], texts: list[str], lines: list[str], issue: str | None
) -> list[ParsedMeeting]:
    by_date: dict[dt.date | None, ParsedMeeting] = {meeting.date: meeting}
    for draft in drafts:
        if not (draft.lines or draft.note or (draft.heading and (draft.heading.inline or draft.heading.number))):
            continue  # a numbered heading with nothing under it still heads its sub-items, or says nothing arose
        target = meeting
        if draft.date is not None and draft.date != meeting.date:
            target = by_date.setdefault(draft.date, ParsedMeeting(draft.date, True, draft.first + 1, body=meeting.body))
        target.items.append(_item(draft, texts, lines, issue))
    found = [m for m in by_date.values() if m.items]
    for each in found:
        outline_parents(each.items)
        each.announced = announcements(each)
    return found or [meeting]


def _item(draft: _Draft, texts: list[str], lines: list[str], issue: str | None) -> ParsedItem:
    body_lines = _with_gaps(draft.lines, lines)
    inline = [draft.heading.inline] if draft.heading and draft.heading.inline else []
    text_for_title = " ".join([*inline, *(texts[i] for i in draft.lines)])
    heading = draft.heading
    title, number, agenda_number, derived = derive_title(text_for_title), None, None, True
    if heading is not None:
        section = _DATED_SECTION.match(heading.title)
        raw = heading.title if not section else section["rest"]
        if section and section["item"]:
            number = section["item"]
        names_body = section and _BODY_WORDS.search(raw) and len(raw.split()) <= 6
        if names_body and issue:  # "Meeting: 07/07/2011 - Scrutiny Committee (Item 97)" under the issue's name
            title, derived = clean_title(issue), False
        elif raw and not names_body:
            title, derived = clean_title(raw), False
        if heading.number:
            number = heading.reference or heading.number
            agenda_number = heading.number if heading.reference else None
        title, body_lines = _inline_title(title, body_lines)
        if heading.inline:
            body_lines = [heading.inline, *body_lines]
    spans = [draft.first, *draft.note, *draft.lines]
    note = " ".join(texts[i] for i in draft.note) or None
    return make_item(
        Section.MINUTES,
        title or derive_title(text_for_title),
        body_lines,
        min(spans) + 1,
        max(spans) + 1,
        minute_number=number,
        agenda_number=agenda_number,
        title_derived=derived,
        note=note,
        unmarked_resolutions=True,
    )


def _inline_title(title: str, body: list[str]) -> tuple[str, list[str]]:
    """ "Apologies: Cllr Brown" on the heading line: the title before the colon, the rest is text."""
    head, sep, rest = title.partition(": ")
    if sep and len(head.split()) <= 6 and rest:
        return head.strip(), [rest, *body]
    return title, body


def _with_gaps(indices: list[int], lines: list[str]) -> list[str]:
    """The item's raw lines, with a blank line wherever the source had one (paragraph breaks)."""
    out: list[str] = []
    for position, index in enumerate(indices):
        if position and index > indices[position - 1] + 1:
            out.append("")
        out.append(lines[index])
    return out
