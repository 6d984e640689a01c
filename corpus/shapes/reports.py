"""Officers' reports bundled in an agenda pack: their titles and the agenda item each belongs to."""

from __future__ import annotations

import re

from corpus.language.dates import find_dates
from corpus.language.stems import stem
from corpus.parsed import ParsedItem
from corpus.read.text import is_furniture, is_heading, strip_markup
from corpus.shapes.titles import SMALL_WORDS, soften_caps

_WORD = re.compile(r"[a-z0-9]+")
_STOP = SMALL_WORDS | {"update", "report", "board", "presentation"}


def report_title(lines: list[str], start: int, end: int, body: str | None) -> tuple[str, int]:
    """The report's title and the index of the line it ends on.

    Skips the running board heading and the date line that open every report, then joins
    capitalised heading lines that wrap ("YOUTH OFFENDING SERVICE -" / "PERFORMANCE REPORT").
    """
    parts: list[str] = []
    last = start
    for index in range(start, end):
        raw = lines[index]
        text = strip_markup(raw)
        if not text or is_furniture(raw) or re.match(r"^agenda item\s+\d+$", text, re.IGNORECASE):
            continue
        if (body and text.casefold() == body.casefold()) or _is_running_header(text, body):
            continue
        if find_dates(text) and len(text) < 40:
            continue
        if parts and not (is_heading(raw) and text.isupper()):
            break
        parts.append(text)
        last = index
        if not text.isupper() or not is_heading(raw):
            break
    title = " ".join(parts).strip(" -:") or "Report"
    return soften_caps(title), last


def _is_running_header(text: str, body: str | None) -> bool:
    # "Northshire Safer Communities Board Making Northshire Safer"
    return bool(body) and text.casefold().startswith(body.casefold()) and len(text) < len(body) + 40


def body_words(body: str | None) -> set[str]:
    """The board's own name and its initials ("nscb"): in every title, so they tell none apart."""
    words = _WORD.findall((body or "").lower())
    return set(words) | ({"".join(w[0] for w in words)} if words else set())


def _words(text: str, ignore: set[str] | frozenset[str]) -> set[str]:
    return {stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP and w not in ignore}


def similarity(a: str, b: str, ignore: set[str] | frozenset[str] = frozenset()) -> float:
    """Share of title words (by stem) two titles have in common."""
    wa, wb = _words(a, ignore), _words(b, ignore)
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def match_agenda_item(
    title: str, agenda: list[ParsedItem], candidates: set[str], after: int, body: str | None = None
) -> ParsedItem | None:
    """The agenda item a report belongs to.

    Reports follow the agenda's order, so only items after the previous report's are
    considered; among items that list pages in the pack, the most similar title wins, and a
    tie goes to the earliest (reports come in order).
    """
    ignore = body_words(body)
    later = [item for item in agenda if int(item.agenda_number or 0) > after]
    paged = [item for item in later if item.agenda_number in candidates] or later
    best = max(paged, key=lambda item: similarity(title, item.title, ignore), default=None)
    if best is None:
        return None
    if similarity(title, best.title, ignore) == 0:
        return paged[0] if paged is not later or len(paged) == 1 else None
    return best
