"""Which lines head items in minutes of no known shape: the labels the document numbers its items with
(see numbering.py) and their sub-items, and the headings its format marks (heading styles, bold lines).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import replace

from corpus.language.bullets import BULLETS
from corpus.language.dates import after_time_stamp, find_dates, find_numeric_dates
from corpus.language.names import is_person_alone
from corpus.shapes.attendance import role_heading
from corpus.shapes.headings import (
    VERB,
    Heading,
    is_caps,
    is_never_title,
    labelled_line,
    numbered_heading,
    numbered_paragraph,
    run_on_title,
    title_like,
)
from corpus.shapes.numbering import item_labels, read_label

MINUTES_OF = re.compile(
    r"^(?:the\s+)?(?:draft\s+|approved\s+|unconfirmed\s+|confirmed\s+)?minutes\s+of\s+(?:the\s+|a\s+)?"
    r"(?:(?P<kind>[\w-]+(?:\s+[\w-]+){0,3}?)\s+)?meeting\s+of\s+(?:the\s+)?(?P<body>.+?)"
    r"(?=\s+(?:held|which|that|convened|at|on)\b|[,.]|$)",
    re.IGNORECASE,
)
# Lists inside items are numbered from 1; minute numbers that run on across a year pass this.
_LIST_NUMBERS = 20
# Numbered paragraphs are the items only when at least this many run in sequence (not a short list).
_MIN_PARAGRAPH_RUN = 3


_MARKED_HEADING = re.compile(r"^(?P<marks>#{1,6})\s+\S|^\*\*[^*].*\*\*:?$")
_BOLD_LEVEL = 7  # a line set in bold heads less than any heading style
_MAX_CUED_WORDS = 20


_PAGE_LINES = 25  # lines a page holds at the least, as text converted from a printed page comes
# "Page 3", "p. 3", "3 of 10", "3/10": a page's number, not an item's ("Motion #2024-05-07/3").
_PAGE_NUMBERED = re.compile(r"\b(?:page|pg|p)\.?\s*\d+|(?<![\w/.-])\d+\s*(?:of|/)\s*\d+\s*$", re.IGNORECASE)


def marked_heads(lines: list[str], texts: list[str]) -> dict[int, Heading]:
    """The lines the document's format marks as headings: its heading styles at every level, else its
    lines set in bold (the document's own title, above all else, is not an item)."""
    levels: dict[int, int] = {}
    for index, line in enumerate(lines):
        text = _unbulleted(texts[index])
        text = _after_slot(text)
        if not text or len(text.split()) > _MAX_CUED_WORDS or is_never_title(text) or role_heading(text):
            continue
        if not (text[0].isupper() or text[0].isdigit()) or (text.endswith(".") and len(text.split()) > 3):
            continue  # a sentence set in bold for emphasis, or the bold tail of one, heads nothing
        if m := _MARKED_HEADING.match(line.strip()):
            if not m["marks"] and _bold_sentence(text):
                continue  # a sentence set in bold ("A motion to approve … was made by …") is emphasis
            levels[index] = len(m["marks"]) if m["marks"] else _BOLD_LEVEL
        elif _beside_presenter(text):
            levels[index] = _BOLD_LEVEL  # set out as the bold headings beside it are, in bold or not
    # A heading printed on every page (a running header, its page number aside) heads no item; headings a page
    # apart at the least, or printed the same, figures and all: "Motion 3", "Motion 4" a few lines apart are items.
    shapes: dict[str, list[int]] = {}
    for index in levels:
        shapes.setdefault(re.sub(r"\d+", "#", texts[index]), []).append(index)
    running = {
        shape
        for shape, found in shapes.items()
        if len(found) > 1
        and (
            len({texts[i] for i in found}) < len(found)
            or all(_PAGE_NUMBERED.search(texts[i]) for i in found)
            or (found[-1] - found[0]) / (len(found) - 1) >= _PAGE_LINES
        )
    }
    levels = {i: lv for i, lv in levels.items() if re.sub(r"\d+", "#", texts[i]) not in running}
    for index in _title_block(lines, texts):
        levels.pop(index, None)
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
        if chosen and sum(counts[lv] for lv in styled) >= 2:
            # Sections in a heading style over more topics in bold ("## Branch reports" / "**North branch**"): both.
            chosen |= styled
    return {
        i: _marked(_after_slot(_unbulleted(texts[i])), styled=lv != _BOLD_LEVEL)
        for i, lv in levels.items()
        if lv in chosen
    }


def _after_slot(text: str) -> str:
    """A heading's title after the time slot an agenda gave it ("10:00 – 10:30 Grants"); the whole line when
    the time is all that names it ("20:23 Open")."""
    slotted = after_time_stamp(text)
    return slotted if slotted and not is_never_title(slotted) else text


_PRESENTER_WORDS = 4


def _beside_presenter(text: str) -> bool:
    """A title in a column of its own with its presenter in the next ("Allotments ------ R Patel",
    "Footpaths<TAB>T Okafor"): a heading, as the page's layout sets it out."""
    cells = text.split("\t")
    if len(cells) != 2 or len(cells[1].split()) > _PRESENTER_WORDS or not title_like(cells[0]):
        return False
    if is_caps(cells[0]) and is_caps(cells[1]):
        return False  # "ITEM<TAB>LEAD": the columns' own headings
    if _FIGURES.search(cells[1]) or not cells[1][:1].isupper():
        return False  # "Litter bins<TAB>£210.00": a table's figure, no presenter
    return not (is_never_title(cells[1]) and not is_person_alone(cells[1]))  # "Bench repair<TAB>Agreed": an outcome


_FIGURES = re.compile(r"[\d£$€%]")


def _unbulleted(text: str) -> str:
    """ "● Quiz Night" set in bold under an item: a heading behind a list's mark."""
    return text.lstrip(BULLETS + " ") if text[:1] in BULLETS and text[1:2] == " " else text


def _bold_sentence(text: str) -> bool:
    """A sentence set in bold, not a heading: it minutes ("A motion to approve … was made by …") or runs on."""
    return not is_caps(text) and bool(VERB.search(text) or text.endswith((",", ";")))


def _title_block(lines: list[str], texts: list[str]) -> list[int]:
    """The document's own title, set as headings above everything else down to the line that names the meeting
    ("**TOWN COUNCIL**" / "**REGULAR MEETING**" / "**March 5, 2025**"; "# Minutes of … 26 May 2016")."""
    block: list[int] = []
    for index, text in enumerate(texts):
        if not text:
            continue
        if not _MARKED_HEADING.match(lines[index].strip()):
            # "# Riverside Bowls Club" / "April 12, 2025": headings atop the page, then the meeting's date
            # unmarked, are the page's title; text of the minutes' own before any line names the meeting is none.
            dates_it = len(text.split()) <= _DATE_LINE_WORDS and names_meeting(text)
            return block if block and dates_it else []
        block.append(index)
        if names_meeting(text):
            return block
    return []


_DATE_LINE_WORDS = 10  # a line that only dates the meeting, not business that names a date


_NUMBER_FIRST = re.compile(r"^\d{1,2}(?:\.\d{1,2})*[.)]?\s+[A-Z]")


_NUMBER_AFTER = re.compile(r"^(?P<title>[^#]*\w)\s+#\s?(?P<number>\d[\w./-]*)$")


def _marked(text: str, styled: bool) -> Heading:
    """A marked heading, with the number it prints before its title ("## 2. Open Government"), if any."""
    label = numbered_heading(text) if _NUMBER_FIRST.match(text) else None
    if (hashed := _NUMBER_AFTER.match(text)) and label is None:
        return Heading(hashed["number"], None, hashed["title"], styled=styled)  # "Motion #2024-07/3", "Item #12"
    if label is None or not label.number:
        return Heading(None, None, text, styled=styled)
    return Heading(label.number, label.reference, label.title, label.inline, styled=styled)


def marked_within(cued: dict[int, Heading], numbered: dict[int, Heading], texts: list[str]) -> dict[int, Heading]:
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


def names_meeting(text: str) -> bool:
    """A line that names the meeting rather than an item: a date, or "Minutes of …"."""
    return bool(find_dates(text) or find_numeric_dates(text) or MINUTES_OF.match(text))


def numbered_heads(texts: list[str], paragraphs: bool = True) -> dict[int, Heading]:
    """Numbered headings of the page's own numbering (see numbering.py), and their sub-items.

    Minutes that number paragraphs rather than head them ("2.1 Apologies were received …") are
    read by their paragraph numbers when no headings are numbered (and, with `paragraphs` false,
    not at all: the format marks the headings).
    """
    headings = {i: h for i, t in enumerate(texts) if t and (h := numbered_heading(t)) and h.number}
    found = _run({**_labelled_like(texts, headings), **headings})
    # Numbered titles with nothing under them ("Items for next meeting: 1. Budget 2. …") are a list; a
    # longer run of numbered paragraphs on the page numbers its items.
    if (len(found) < 2 and paragraphs) or bare_list(texts, found):
        numbered = _run({i: h for i, t in enumerate(texts) if t and (h := numbered_paragraph(t))})
        found = numbered if len(numbered) > max(len(found), _MIN_PARAGRAPH_RUN - 1) else found
    found = _page_numbers_dropped(found)
    depth = len(next(iter(found.values())).parts) if found else None
    return dict(sorted((found | _sub_items(texts, found, depth)).items()))  # in reading order


def _page_numbers_dropped(found: dict[int, Heading]) -> dict[int, Heading]:
    """A plain number before one heading's own ("2 1. OPENING") is the page's: a register's numbers ("292 1.
    Apologies", "293 2. …") stand before several."""
    plain = [h for h in found.values() if h.reference and h.reference.isdigit()]
    if len(plain) > 1:
        return found
    return {i: replace(h, reference=None) if h in plain else h for i, h in found.items()}


def bare_list(texts: list[str], found: dict[int, Heading]) -> bool:
    """Numbered headings each followed straight away by the next (or by the page's end): a list."""
    starts = sorted(found)
    if len(starts) < 2:
        return False
    for start, after in zip(starts, [*starts[1:], len(texts)], strict=True):
        if any(texts[i] for i in range(start + 1, after)) or found[start].inline:
            return False
    return True


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
            title, inline = (lead.title, lead.inline) if lead and lead.title else run_on_title(rest) or ("", rest)
            number = f"{parent.reference or parent.number}{letter if sequence is _LETTERS else f'({letter})'}"
            if title_like(rest):
                found[index] = Heading(number=number, reference=None, title=rest)
            elif title:
                found[index] = Heading(number=number, reference=None, title=title, inline=inline)
            elif len(entries) >= _LONG_LIST:
                found[index] = Heading(number=number, reference=None, title="", inline=rest)
        if len(found) >= 2 and len(found) > len(best):
            best = found
    return best


_CAPS_HEAD_WORDS = 12
_CAPS_HEADS = 3  # one or two lines in capitals may be a remark; three or more are the page's headings
_NOTE = re.compile(r"\s*\([^()]*\)")
_CONTINUES = re.compile(r"^(?:and|or|but|nor|by|with|of)\b", re.IGNORECASE)  # "… PROPOSED" / "AND AGREED"
_ACRONYM = re.compile(r"^[^\sAEIOUaeiou]+$|^\S{1,4}$")  # a body's initials alone ("NHSE"), not a heading


def caps_heads(texts: list[str]) -> dict[int, Heading]:
    """Short lines set in capitals over text of their own, blank lines around them or not ("CALL TO ORDER" /
    "The meeting was called …"; "PUBLIC HEARING (continued from May)"): where a page has several."""
    found: dict[int, Heading] = {}
    for index, text in enumerate(texts):
        if not text or len(text.split()) > _CAPS_HEAD_WORDS or not is_caps(_NOTE.sub("", text)):
            continue
        if not title_like(text) or role_heading(text) or _CONTINUES.match(text) or _ACRONYM.match(text):
            continue
        if find_dates(text) or find_numeric_dates(text):
            continue  # "6.00 PM ON TUESDAY 4 MARCH 2025": when the meeting was held, no item's heading
        after = next((t for t in texts[index + 1 :] if t), "")
        if after and not is_caps(after):  # a title wrapped over lines, or a passage in capitals, heads nothing
            found[index] = Heading(None, None, text)
    return found if len(found) >= _CAPS_HEADS else {}


_BULLET_HEAD_WORDS = 8
_BULLET_HEADS = 3


def bullet_heads(texts: list[str]) -> dict[int, Heading]:
    """Short titles behind a list's mark, each alone between lines of text ("• Catering" / "Tea will be …"): where
    a page sets out several, its topics, as other pages set them in bold or capitals. A list's entries, one
    under another, head nothing."""
    found: dict[int, Heading] = {}
    for index, text in enumerate(texts):
        if text[:1] not in BULLETS or text[1:2] != " ":
            continue
        title = text[2:].strip()
        if len(title.split()) > _BULLET_HEAD_WORDS or not title_like(title) or role_heading(title):
            continue
        after = next((t for t in texts[index + 1 :] if t), "")
        before = next((t for t in reversed(texts[:index]) if t), "")
        if after and after[:1] not in BULLETS and before[:1] not in BULLETS:
            found[index] = Heading(None, None, title)
    return found if len(found) >= _BULLET_HEADS else {}


def list_leads(texts: list[str]) -> dict[int, Heading]:
    """Short titles over lists of their own ("Grounds" / "• The mower is mended"), after a blank line: where a
    page sets out several, the topics inside its items, as other pages set them in bold."""
    found: dict[int, Heading] = {}
    for index, text in enumerate(texts[:-1]):
        after = texts[index + 1]
        if (index and texts[index - 1]) or text[:1] in BULLETS or after[:1] not in BULLETS or after[1:2] != " ":
            continue
        if len(text.split()) <= _BULLET_HEAD_WORDS and title_like(text) and not role_heading(text):
            found[index] = Heading(None, None, text)
    # A name over the points a speaker made ("Okafor" / "- …", again later): who spoke, not what about; a
    # topic is set out once.
    said = Counter(heading.title for heading in found.values())
    found = {i: h for i, h in found.items() if said[h.title] == 1 or len(h.title.split()) > 1}
    return found if len(found) >= _BULLET_HEADS else {}


def stands_alone(texts: list[str], index: int) -> bool:
    """A title line: after a blank line (or the top), and followed by text of its own."""
    before = index == 0 or not texts[index - 1]
    after = next((t for t in texts[index + 1 :] if t), "")
    return before and bool(after)
