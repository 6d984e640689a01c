"""PDF-converted paperwork: plain minutes, or an agenda pack that bundles one meeting's agenda
with the previous meeting's minutes, an action log and officers' reports.

The pack is cut into segments at the lines where a new part visibly begins (a minutes
title, an "Agenda Item N" stamp, a report's board-and-date heading, an action log heading,
a blank-page notice); each segment is then read by the parser for its kind. Reports and
the action log belong to the meeting the agenda is for; minutes belong to the meeting they
record, whichever pack carried them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.language.dates import find_dates
from corpus.parsed import ParsedDocument, ParsedItem, ParsedMeeting, Section
from corpus.read.text import BLANK_PAGE, is_furniture, is_heading, strip_markup
from corpus.shapes import action_log
from corpus.shapes.agenda import agenda_items_start, parse_agenda
from corpus.shapes.items import make_item
from corpus.shapes.minutes import TITLE_LINE, parse_minutes
from corpus.shapes.reports import match_agenda_item, report_title
from corpus.shapes.titles import soften_caps

_MARKER = re.compile(r"^agenda\s+item\s+(?P<n>\d{1,3})\.?$", re.IGNORECASE)
_MINUTES_TITLE = re.compile(r"\bminutes\b", re.IGNORECASE)


@dataclass
class Segment:
    kind: str  # "front", "minutes", "action_log", "report", "loose"
    start: int
    end: int
    agenda_number: str | None = None


def _next_text(lines: list[str], index: int, count: int) -> list[tuple[int, str]]:
    found = []
    for later in range(index + 1, len(lines)):
        text = strip_markup(lines[later])
        if text and not is_furniture(lines[later]):
            found.append((later, text))
            if len(found) == count:
                break
    return found


def _is_report_header(lines: list[str], index: int) -> bool:
    raw = lines[index]
    text = strip_markup(raw)
    if not (is_heading(raw) or raw.strip().startswith("**")) or not text.isupper() or len(text.split()) < 2:
        return False
    return any(find_dates(t) and len(t) < 40 for _, t in _next_text(lines, index, 3))


def _is_action_log_heading(lines: list[str], index: int) -> bool:
    text = strip_markup(lines[index])
    if not action_log.HEADING.search(text) or len(text.split()) > 14 or re.match(r"^\d", text):
        return False
    return any("\t" in lines[later] for later in range(index + 1, min(len(lines), index + 6)))


def _boundaries(lines: list[str], body_start: int) -> list[Segment]:
    found: list[Segment] = []
    for index in range(body_start, len(lines)):
        text = strip_markup(lines[index])
        if not text:
            continue
        if BLANK_PAGE.match(text):
            found.append(Segment("loose", index + 1, 0))
        elif TITLE_LINE.match(text):
            found.append(Segment("minutes", index, 0))
        elif m := _MARKER.match(text):
            found.append(Segment("report", index, 0, m["n"]))
        elif _is_action_log_heading(lines, index):
            found.append(Segment("action_log", index, 0))
        elif index > body_start and _is_report_header(lines, index):
            found.append(Segment("report", index, 0))
    return _merge_stamps(lines, found)


def _merge_stamps(lines: list[str], found: list[Segment]) -> list[Segment]:
    """Fold an "Agenda Item N" stamp into the part it heads (minutes, log or report)."""
    merged: list[Segment] = []
    for segment in found:
        previous = merged[-1] if merged else None
        between = previous and [strip_markup(x) for x in lines[previous.start + 1 : segment.start] if strip_markup(x)]
        stamp_only = previous and previous.agenda_number and len(between or []) <= 2
        if previous and segment.kind != "loose" and (stamp_only or (previous.kind == "loose" and not between)):
            segment = Segment(segment.kind, previous.start, 0, previous.agenda_number or segment.agenda_number)
            merged[-1] = segment
        else:
            merged.append(segment)
    for position, segment in enumerate(merged):
        segment.end = merged[position + 1].start if position + 1 < len(merged) else len(lines)
    return merged


def _has_content(lines: list[str], start: int, end: int) -> bool:
    return sum(1 for x in lines[start:end] if strip_markup(x) and not is_furniture(x)) >= 3


def parse_pack(lines: list[str]) -> ParsedDocument | None:
    """Every meeting the paperwork records, or None if it holds neither minutes nor an agenda."""
    first_minutes = next((i for i, x in enumerate(lines) if TITLE_LINE.match(strip_markup(x))), len(lines))
    agenda_first = agenda_items_start(lines, 0, first_minutes)
    segments = _boundaries(lines, agenda_first if agenda_first is not None else 0)
    front_end = segments[0].start if segments else len(lines)
    agenda = parse_agenda(lines, 0, front_end) if agenda_first is not None else None

    minutes = [
        meeting
        for segment in segments
        if segment.kind == "minutes"
        if (meeting := parse_minutes(lines, segment.start, segment.end)) is not None
    ]
    bodies = [m.body for m in ([agenda.meeting] if agenda else []) + minutes if m.body]
    body = next((b for b in bodies if not b.isupper()), None) or (soften_caps(bodies[0]) if bodies else None)
    host = agenda.meeting if agenda else None
    agenda_items = agenda.meeting.items if agenda else []
    papers = _papers(lines, segments, agenda_items, agenda.pages if agenda else {}, body)
    if papers and host is None:
        host = _host_from_papers(lines, segments)
    if host is not None:
        host.items.extend(papers)
        host.action_log = [row for segment in segments for row in _table_rows(lines, segment)]

    meetings = ([host] if host else []) + minutes
    if not meetings:
        return None
    kinds = {s.kind for s in segments} - {"loose"}
    if agenda and (kinds or papers):
        fmt = "agenda-pack"
    elif agenda:
        fmt = "agenda"
    else:
        fmt = "minutes"
    return ParsedDocument(format=fmt, meetings=meetings, body=body)


def _host_from_papers(lines: list[str], segments: list[Segment]) -> ParsedMeeting | None:
    """With no agenda, the reports' own date line says which meeting they were written for."""
    for segment in segments:
        if segment.kind == "report":
            for _, text in _next_text(lines, segment.start - 1, 6):
                if (dates := find_dates(text)) and len(text) < 40:
                    return ParsedMeeting(date=dates[0].date, has_minutes=False, line=segment.start + 1)
    return None


def _table_rows(lines: list[str], segment: Segment) -> list:
    if segment.kind != "action_log":
        return []
    table = action_log.find_action_table(lines, segment.start, segment.end)
    return table.rows if table else []


def _papers(
    lines: list[str],
    segments: list[Segment],
    agenda: list[ParsedItem],
    pages: dict[str, tuple[int, int]],
    body: str | None,
) -> list[ParsedItem]:
    """Action log and report items, each attached to the agenda item it was written for."""
    taken = {
        item.agenda_number
        for item in agenda
        if _MINUTES_TITLE.search(item.title) or action_log.HEADING.search(item.title)
    }
    candidates = set(pages) - taken
    items: list[ParsedItem] = []
    after = 0
    for segment in segments:
        start, end = segment.start, segment.end
        if segment.kind == "action_log":
            table = action_log.find_action_table(lines, start, end)
            if table:
                log_item = next((i for i in agenda if action_log.HEADING.search(i.title)), None)
                heading = next(t for _, t in _next_text(lines, start - 1, 1))
                items.append(
                    ParsedItem(
                        section=Section.ACTION_LOG,
                        title=log_item.title if log_item else soften_caps(heading),
                        text=action_log.render(table.rows),
                        line_start=start + 1,
                        line_end=table.end,
                        agenda_number=segment.agenda_number or (log_item.agenda_number if log_item else None),
                    )
                )
                start = table.end  # whatever follows the table is a paper of its own
            if not _has_content(lines, start, end):
                continue
        elif segment.kind not in ("report", "loose") or not _has_content(lines, start, end):
            continue
        title, title_end = report_title(lines, start, end, body)
        number = segment.agenda_number
        if number is None:
            match = match_agenda_item(title, agenda, candidates, after, body)
            number = match.agenda_number if match else None
        if number and number.isdigit():
            after = int(number)
        shown = [i for i in range(start, end) if strip_markup(lines[i]) and not is_furniture(lines[i])]
        items.append(
            make_item(
                Section.REPORT, title, lines[title_end + 1 : end], shown[0] + 1, shown[-1] + 1, agenda_number=number
            )
        )
    return items
