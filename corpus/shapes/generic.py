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
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from corpus.language.bullets import BULLET
from corpus.language.dates import after_time_stamp, dates_in
from corpus.language.procedural import ACTIONS_TITLE, GATHERING_TITLE
from corpus.parsed import ParsedDocument, ParsedItem, ParsedMeeting, Section
from corpus.read.text import is_furniture, strip_markup
from corpus.read.unwrap import ends_sentence, estimate_full, starts_list
from corpus.shapes.announced import announcements
from corpus.shapes.attendance import ends_on_label, names_only, parse_attendance, role_heading
from corpus.shapes.headings import (
    CHAIR_LINE,
    FIELD_LABEL,
    VERB,
    Heading,
    caps_run_in,
    run_in_lead,
    title_like,
)
from corpus.shapes.item_heads import (
    MINUTES_OF,
    bullet_heads,
    caps_heads,
    list_leads,
    marked_heads,
    marked_within,
    names_meeting,
    numbered_heads,
    stands_alone,
)
from corpus.shapes.items import clean_title, make_item, outline_parents
from corpus.shapes.lines import (
    TITLE_WORD,
    cells_kept,
    item_numbers_alone,
    join_numbers_to_titles,
    open_row,
    split_long_lines,
)
from corpus.shapes.meeting_head import BODY_WORDS, below_title, read_head
from corpus.shapes.sections import RESTARTS, interleaved, lists_under, opening_lists, sections_over_lists
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
# Lines no longer than this may be wrapped at a margin; longer ones are whole paragraphs.
_WRAP_WIDTH = 110
_PARAGRAPH_ENDINGS = 0.5


_RUN_IN_ITEMS = 3  # paragraphs of one item opening with titles of their own, to be items of their own


@dataclass
class _Draft:
    """An item being collected: its heading and the lines under it."""

    heading: Heading | None
    first: int
    lines: list[int] = field(default_factory=list)
    note: list[int] = field(default_factory=list)
    date: dt.date | None = None
    kept: bool = False  # a printed heading kept with nothing under it (over the matters it gathers)


def _section_body(texts: list[str], headings: dict[int, Heading]) -> str | None:
    """The board a decision page's "Meeting: 07/07/2011 - Scrutiny Committee (Item 97)" line names."""
    for index in headings:
        if (m := _DATED_SECTION.match(texts[index])) and BODY_WORDS.search(m["rest"]) and len(m["rest"].split()) <= 6:
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
    lines, origin, texts = _read_lines(source)
    issue = _issue_title(texts)
    # An issue page's dated sections are its items, its heading no title above them.
    titled = texts if issue else below_title(texts)
    headings = _choose_headings(titled, _not_speakers(marked_heads(lines, texts), lines))
    lone = next(iter(headings.items()), None) if len(headings) == 1 else None
    if lone and lone[1].number is None and not _DATED_SECTION.match(texts[lone[0]]):
        headings = {}  # only the page's own title: the page is read by paragraphs
    first_heading = min(headings, default=len(texts))
    date, start_time, venue, body = read_head(texts, first_heading)
    body = body or _section_body(texts, headings)
    meeting = ParsedMeeting(date=date, has_minutes=True, line=1, start_time=start_time, venue=venue, body=body)
    head = [lines[i] for i in range(first_heading) if not CHAIR_LINE.search(texts[i])]
    meeting.attendance = parse_attendance(head)
    drafts = _gathered_matters(_run_in_items(_drafts(texts, headings, first_heading, titled), texts), texts)
    meetings = _meetings(meeting, drafts, texts, lines, issue)
    for each in meetings:
        for item in each.items:  # back to the source's own line numbers, for citations
            item.line_start, item.line_end = origin[item.line_start - 1] + 1, origin[item.line_end - 1] + 1
    return ParsedDocument(format="generic", meetings=meetings, body=body)


_NAMES_SCAN = 80  # the lines of the head where minutes list who attended


def _not_speakers(cued: dict[int, Heading], lines: list[str]) -> dict[int, Heading]:
    """The marked headings less those that are the given name or surname of someone the attendance list names
    ("**Dana:** Head of the data office"): who spoke, or introduced themselves, not a matter of business."""
    names = {part for person in parse_attendance(lines[:_NAMES_SCAN]) for part in person.person.split()[-2:]}
    speakers = {i for i, h in cued.items() if not h.number and h.title.rstrip(" :") in names}
    return {i: h for i, h in cued.items() if i not in speakers} if len(speakers) >= _SPEAKERS else cued


_SPEAKERS = 2


def _read_lines(source: list[str]) -> tuple[list[str], list[int], list[str]]:
    """The source's lines with long ones split, each one's line in the source, and their texts as headings
    are read from (furniture blanked, a number alone joined to its title)."""
    lines, origin = split_long_lines(source)
    numbers = item_numbers_alone(lines)
    texts = join_numbers_to_titles(
        [open_row("" if is_furniture(x) and i not in numbers else cells_kept(x)) for i, x in enumerate(lines)]
    )
    return lines, origin, texts


def lists_restart_under_headings(source: list[str]) -> bool:
    """Whether the text's numbers start again under headings it marks ("**Finance**" / "1. …", "**Grounds**" /
    "1. …"): lists inside sections, which a reader of numbered minutes would chain into one run."""
    lines, _, texts = _read_lines(source)
    titled = below_title(texts)
    cued = _emphasised(marked_heads(lines, texts), caps_heads(titled))
    return len(opening_lists(cued, titled)) >= RESTARTS


def _emphasised(cued: dict[int, Heading], caps: dict[int, Heading]) -> dict[int, Heading]:
    """The headings the format marks, with lines in capitals where none is set in a heading style: lines in
    bold and lines in capitals are the same emphasis, often mixed."""
    return {**caps, **cued} if cued and not any(h.styled for h in cued.values()) else cued


def _choose_headings(texts: list[str], cued: dict[int, Heading]) -> dict[int, Heading]:
    """Numbered headings when the page numbers its items in sequence; else the headings its format
    marks (a heading style, a line set in bold); else title-like lines."""
    numbered = numbered_heads(texts, paragraphs=len(cued) < 2)
    caps = caps_heads(texts)
    cued = _emphasised(cued, caps)
    # Numbers the format does not mark, under headings it does ("## Summary", then "1. … 2. …"), are a
    # list inside an item; numbers on the marked lines ("**18.11.1 Apologies**") are the items'.
    listed = len(numbered) - len(numbered.keys() & cued.keys())
    # … but numbers that come first, the marked headings inside them ("1 Matters arising" / "**● Hall roof**"),
    # are the items, and the marked headings theirs.
    inside = bool(numbered) and bool(cued) and min(numbered) < min(cued) and interleaved(numbered, cued) >= 2
    if len(cued) >= 2 and listed > len(numbered) / 2 and len(cued) >= listed and not inside:
        return {**cued, **{i: h for i, h in numbered.items() if i in cued}}
    if len(opening_lists(cued, texts)) >= RESTARTS:
        # Numbers that start again under marked headings ("**Finance**" / "1. …" / "2. …", "**Grounds**" /
        # "1. …") are lists inside their sections, however long a run they seem to make together.
        return {**cued, **lists_under(sorted(cued), cued, texts)}
    if len(numbered) >= 2:
        # More headings in capitals than numbers, some above the first number ("ROLL CALL" … "COMMUNITY
        # GRANTS" / "A. Small grants …"): the numbers list the parts of one of them.
        above = {i: h for i, h in caps.items() if i not in numbered}
        if len(above) <= len(numbered) or sum(1 for i in above if i < min(numbered)) < 2:
            above = {}
        # Headings the format marks inside the numbered items ("**Lowestoft**" under "3. Matters arising"); a
        # numbered heading set in a heading style keeps it.
        styled = {i: replace(h, styled=cued[i].styled) if i in cued else h for i, h in numbered.items()}
        # Topics behind a list mark over numbers that start again under each ("• Catering" / "1) … 2) …").
        marks = cued or bullet_heads(texts)
        leads = list_leads(texts)
        within = marked_within({**leads, **marks}, numbered, texts)
        # A list's lead straight under a marked heading ("**Hall lettings**" / "Okafor" / "- …") is part of
        # that heading's matter: who spoke to it, or a point of it.
        within = {i: h for i, h in within.items() if not (i in leads and i not in marks and _under(i, marks, texts))}
        return {**above, **sections_over_lists(marks, numbered, texts), **within, **styled}
    cued = cued or bullet_heads(texts)  # a page that neither numbers nor marks its topics may list them
    if len(cued) >= 2:
        return {**cued, **numbered}
    dated = {
        i: Heading(None, None, t)
        for i, t in enumerate(texts)
        if (m := _DATED_SECTION.match(t)) and len(m["rest"].split()) <= _MAX_SECTION_WORDS
    }
    titled = {
        i: Heading(None, None, title)
        for i, t in enumerate(texts)
        if t
        and stands_alone(texts, i)
        and title_like(title := after_time_stamp(t) or t)
        # "Guest: Jo Hale, …": who attended, under its label, heads no item; nor does the line naming the meeting
        and not role_heading(title)
        and not role_heading(title.partition(":")[0])
        and not MINUTES_OF.match(title)
    }
    if dated:  # a decision page: each dated section is one item; lines above them name the issue
        return dated
    run_in = {i: h for i, t in enumerate(texts) if t and (h := caps_run_in(t)) and not role_heading(h.title)}
    if len(run_in) < _RUN_IN_ITEMS:
        run_in = {}  # one line in capitals before a dash is a remark, not the page's way of heading items
    return {**titled, **caps, **numbered, **run_in}


def _under(index: int, marks: dict[int, Heading], texts: list[str]) -> bool:
    """Whether the line before `index` (blank lines aside) is one the format marks as a heading."""
    before = next((i for i in range(index - 1, -1, -1) if texts[i]), None)
    return before is not None and before in marks


def _drafts(texts: list[str], headings: dict[int, Heading], first: int, titled: list[str]) -> list[_Draft]:
    drafts: list[_Draft] = []
    if not headings:
        # Paragraph by paragraph below the document's own title block (its name, body and date lines), and
        # below the line that titles the minutes with their date ("MINUTES OF … HELD ON 3rd MAY, 2011").
        start = next((i for i, t in enumerate(titled) if t), 0)
        return _paragraph_drafts(
            texts, start + 1 if _TITLES_MINUTES.match(texts[start]) and dates_in(texts[start]) else start
        )
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


def _paragraphs(indices: list[int]) -> list[list[int]]:
    """Line indices grouped into paragraphs: a gap (a blank line) starts the next."""
    groups: list[list[int]] = []
    for index in indices:
        if groups and index == groups[-1][-1] + 1:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def _run_in_items(drafts: list[_Draft], texts: list[str]) -> list[_Draft]:
    """An item whose paragraphs open with titles of their own ("Any Other Business": "Lighting. HP to …",
    "Car park marking: EK to …"): each such paragraph, and those after it, an item of its own; the
    paragraphs before the first stay with the item."""
    out: list[_Draft] = []
    # A lead the page repeats ("Proposer: …", "Result: …" under each motion) labels a field of its items.
    said = Counter(
        lead[0].casefold()
        for draft in drafts
        for p in (_entries(_paragraphs(draft.lines), texts) if draft.heading else [])
        if (lead := _lead(texts[p[0]]))
    )
    for draft in drafts:
        # Under "Actions" the lead of each line is who owes it ("RS: Email the venue"), not a title.
        listing = draft.heading and not ACTIONS_TITLE.search(draft.heading.title)
        paragraphs = _entries(_paragraphs(draft.lines), texts) if listing else []
        leads = [
            lead if (lead := _lead(texts[p[0]])) and said[lead[0].casefold()] < _FIELD_REPEATS else None
            for p in paragraphs
        ]
        if sum(lead is not None for lead in leads) < _RUN_IN_ITEMS:
            out.append(draft)
            continue
        first = next(n for n, lead in enumerate(leads) if lead)
        out.append(replace(draft, lines=[i for p in paragraphs[:first] for i in p]))
        for paragraph, lead in zip(paragraphs[first:], leads[first:], strict=True):
            if lead:
                # Its title is its own opening words, not a heading the page prints: shown as derived.
                heading = Heading(None, None, lead[0], inline=lead[1], derived=True)
                out.append(_Draft(heading, paragraph[0], paragraph[1:], date=draft.date))
            else:
                out[-1].lines.extend(paragraph)
    return out


_FIELD_REPEATS = 3


def _gathered_matters(drafts: list[_Draft], texts: list[str]) -> list[_Draft]:
    """Under a heading that gathers matters ("Old Business", "Correspondence") and gives each a paragraph of
    its own, each paragraph an item with a derived title, the heading kept over them."""
    out: list[_Draft] = []
    for draft in drafts:
        heading = draft.heading
        paragraphs = _entries(_paragraphs(draft.lines), texts)
        if (
            heading is None
            or heading.number
            or heading.inline
            or not GATHERING_TITLE.match(heading.title.strip())
            or not paragraphs
            or not _opens_matter(texts[paragraphs[0][0]])
            or sum(_opens_matter(texts[p[0]]) for p in paragraphs) < max(_GATHERED, len(paragraphs) * _MOSTLY)
        ):
            out.append(draft)
            continue
        out.append(replace(draft, lines=[], kept=True))
        for paragraph in paragraphs:
            if _opens_matter(texts[paragraph[0]]):
                out.append(_Draft(None, paragraph[0], list(paragraph), date=draft.date))
            else:
                out[-1].lines.extend(paragraph)  # a short line ("Motion carried.") goes with the matter above
    return out


_GATHERED = 2
_MOSTLY = 0.75  # of the paragraphs open matters of their own
_MATTER_WORDS = 4


def _opens_matter(text: str) -> bool:
    """A paragraph that opens a matter of its own: a sentence begun in capitals, no list entry or label."""
    entry = _LIST_MARK.sub("", text)
    return entry == text and entry[:1].isupper() and len(entry.split()) >= _MATTER_WORDS and not _lead(entry)


def _entries(paragraphs: list[list[int]], texts: list[str]) -> list[list[int]]:
    """The paragraphs with each list entry in them on its own ("• Benches – the work is …" / "• Lights – …")."""
    entries: list[list[int]] = []
    for paragraph in paragraphs:
        for index in paragraph:
            if index == paragraph[0] or _LIST_MARK.match(texts[index]):
                entries.append([index])
            else:
                entries[-1].append(index)
    return entries


_LIST_MARK = re.compile(rf"^{BULLET}\s+")


def _lead(text: str) -> tuple[str, str] | None:
    entry = _LIST_MARK.sub("", text)
    lead = run_in_lead(entry)
    if lead is None or role_heading(lead[0]):
        return None
    if entry != text and not (_DASH_AFTER.match(entry[len(lead[0]) :]) and TITLE_WORD.search(lead[0])):
        # A list's entries run in their topics with a dash ("• Benches – …"); "• Name: …" is talk, and
        # "• TA.1 – …" a code.
        return None
    return lead


_DASH_AFTER = re.compile(r"^\s*[–—-]\s")


def _is_business(texts: list[str], index: int) -> bool:
    """Head lines that are minuted business rather than the page's title, date or attendance (a table's row of
    who attended among them)."""
    text = texts[index]
    if "\t" in text:
        return False
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
    signed = labelled = False
    for index in range(start, len(texts)):
        text = texts[index]
        if not text:
            continue
        previous = texts[index - 1] if index else ""
        # The first line below the title block starts afresh, whatever the title's last line ends with.
        ended = index == start or not previous or starts_list(previous) or labelled
        ended = ended or (ends_sentence(previous) and not (wrapped and full[index - 1]))
        # Who attended ("Guest: Jo Hale"), read as the attendance list, and the clerk's sign-off ("Respectfully
        # submitted," and the name under it) are no matters of the meeting's.
        label = role_heading(text.partition(":")[0]) and len(text) <= _LISTED_LINE  # not a page cut into paragraphs
        # "Those members present were:-", and the names below it.
        label = label or (ends_on_label(text) and len(text.split()) <= _LABEL_WORDS) or (labelled and names_only(text))
        labelled = False
        if ended and (label or _SIGN_OFF.match(text) or (signed and len(text.split()) <= 4)):
            # "Minutes taken by: …" among who attended at the top is no sign-off: the business follows it.
            signed = signed or (bool(_SIGN_OFF.match(text)) and index > len(texts) / 2)
            labelled = True  # the next line starts afresh, as after a line that ends its sentence
            continue
        # … unless the line above heads who attended ("Apologies", then "Council resolution"): a label under it.
        if not wrapped and _heads_matter(texts, index) and not role_heading(previous):
            # "Conflicts of interest" on its own line, the minute on the next: a page that sets no blank
            # lines still prints its headings.
            drafts.append(_Draft(Heading(None, None, _heading_text(text)), index, kept=True))
            continue
        under_heading = bool(drafts) and drafts[-1].heading is not None and not drafts[-1].lines
        if not drafts or (ended and not starts_list(text) and text[:1].isupper() and not under_heading):
            drafts.append(_Draft(None, index))
        drafts[-1].lines.append(index)
    return drafts


_TITLES_MINUTES = re.compile(r"^\W*(?:draft\s+|approved\s+|unconfirmed\s+)?minutes\s+of\b", re.IGNORECASE)
_LISTED_LINE = 240  # a line of who attended; a longer one runs on into the minutes' business
_LABEL_WORDS = 10
_SIGN_OFF = re.compile(r"^(?:respectfully\s+submitted|submitted\s+by|minutes\s+(?:taken|recorded)\s+by|signed)\b", re.I)
_PARAGRAPH_HEADING_WORDS = 8


def _prose(text: str) -> bool:
    """A line of minuted prose: a sentence with a verb in it."""
    return bool(text) and ends_sentence(text) and bool(VERB.search(text))


def _heads_paragraph(text: str) -> bool:
    """A short title line with no sentence's end: the heading of what follows it ("Matters Arising:" too, or
    a list's entry "- Election of Officers")."""
    text = _heading_text(text)
    return (
        len(text.split()) <= _PARAGRAPH_HEADING_WORDS
        and title_like(text)
        and not ends_sentence(text)
        and not role_heading(text)
        and not dates_in(text)  # "Regular Board Meeting, Sept. 23, 2013": the page's title
    )


def _heading_text(text: str) -> str:
    """A heading line's title: without a list's mark before it or the colon after it."""
    return _LIST_MARK.sub("", text).rstrip(" :")


def _heads_matter(texts: list[str], index: int) -> bool:
    """A heading line over the minute on the next line, or over a heading that is (a section, then its
    first matter: "Business" / "- Election of Officers" / "The votes were counted by the Clerk …")."""
    following = [t for t in texts[index + 1 : index + 4] if t]
    if not _heads_paragraph(texts[index]) or not following:
        return False
    if _sentence(following[0]):
        return True
    return len(following) > 1 and _heads_paragraph(following[0]) and _sentence(following[1])


_SENTENCE_WORDS = 5


def _sentence(text: str) -> bool:
    """Minuted prose, or a sentence of a few words at least."""
    return _prose(text) or (ends_sentence(text) and len(text.split()) >= _SENTENCE_WORDS)


def _section_date(text: str) -> dt.date | None:
    found = dates_in(text)
    return found[0].date if found else None


def _meetings(
    meeting: ParsedMeeting, drafts: list[_Draft], texts: list[str], lines: list[str], issue: str | None
) -> list[ParsedMeeting]:
    by_date: dict[dt.date | None, ParsedMeeting] = {meeting.date: meeting}
    for draft, following in zip(drafts, [*drafts[1:], None], strict=True):
        heading = draft.heading
        # A bare heading straight over numbered ones ("COMMUNITY GRANTS" / "A. Small grants …") heads them; a labelled
        # line ("Apologies: Cllr Dale") says what it says, and nothing when that is read elsewhere.
        parent = heading and _bare(heading) and following and following.heading and following.heading.number
        if not (
            draft.lines
            or draft.note
            or parent
            or draft.kept
            or (heading and (heading.inline or heading.number or heading.styled or "\t" in heading.title))
        ):
            continue  # a bare heading with nothing under it heads its sub-items, or says nothing arose
        target = meeting
        if draft.date is not None and draft.date != meeting.date:
            target = by_date.setdefault(draft.date, ParsedMeeting(draft.date, True, draft.first + 1, body=meeting.body))
        target.items.append(_item(draft, texts, lines, issue))
    found = [m for m in by_date.values() if m.items]
    for each in found:
        outline_parents(each.items)
        each.announced = announcements(each)
    return found or [meeting]


def _bare(heading: Heading) -> bool:
    """An unnumbered heading that is a title alone: no label with its text after it ("Apologies: …"), nor the line
    that titles the minutes ("Minutes of … 8 March 2007")."""
    return not heading.number and ":" not in heading.title.rstrip(":") and not names_meeting(heading.title)


def _item(draft: _Draft, texts: list[str], lines: list[str], issue: str | None) -> ParsedItem:
    body_lines = _with_gaps(draft.lines, lines)
    inline = [draft.heading.inline] if draft.heading and draft.heading.inline else []
    text_for_title = " ".join([*inline, *(texts[i] for i in draft.lines)])
    heading = draft.heading
    title, number, agenda_number, derived = derive_title(text_for_title), None, None, True
    if heading is not None:
        section = _DATED_SECTION.match(heading.title)
        raw = heading.title if not section else section["rest"]
        # A title's cell, its presenter or its text in the cells beside it ("Allotments<TAB>R Patel").
        raw, _, beside = raw.partition("\t")
        if section and section["item"]:
            number = section["item"]
        names_body = section and BODY_WORDS.search(raw) and len(raw.split()) <= 6
        if names_body and issue:  # "Meeting: 07/07/2011 - Scrutiny Committee (Item 97)" under the issue's name
            title, derived = clean_title(issue), False
        elif raw and not names_body:
            title, derived = clean_title(raw), heading.derived
        if heading.number:
            number = heading.reference or heading.number
            agenda_number = heading.number if heading.reference else None
        # A heading style, or bold over the whole line, sets it all as the title ("## 4. Update: Tools Group",
        # "**c) Parking: the new charges at the station**"); "Apologies: Cllr Brown" is a title and its text.
        if not heading.styled and not _WHOLLY_BOLD.match(lines[draft.first].strip()):
            title, body_lines = _inline_title(title, body_lines)
        if heading.inline:
            body_lines = [heading.inline, *body_lines]
        if beside.strip():
            body_lines = [" ".join(beside.split()), *body_lines]
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


_WHOLLY_BOLD = re.compile(r"^\*\*[^*]+\*\*$")


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
