"""Turning an item's raw lines into a ParsedItem: clean text, decisions, minute references."""

from __future__ import annotations

import re

from corpus.language.minute_numbers import REFERENCE
from corpus.parsed import ParsedItem, ParsedReference, Section
from corpus.read.text import join_paragraphs, strip_markup
from corpus.shapes.resolutions import find_resolutions
from corpus.shapes.titles import soften_caps


def clean_title(title: str) -> str:
    """A title without markup, attachment sizes, or the trailing full stop clerks add."""
    text = strip_markup(title)
    text = re.sub(r"\s*(?:pdf icon\s*)?PDF\s+\d+(?:\.\d+)?\s*[KM]B\b", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s*\((?:Pages?\s+[\d\s\-–]+)\)\s*$", "", text)
    return soften_caps(text.strip().rstrip(".:").strip())


def find_references(text: str) -> list[ParsedReference]:
    """Each "Minute N" mention with the line it sits on, once per minute number."""
    seen: dict[str, ParsedReference] = {}
    for m in REFERENCE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        context = text[line_start : line_end if line_end >= 0 else len(text)].strip()
        seen.setdefault(m["n"], ParsedReference(m["n"], context[:300]))
    return list(seen.values())


def make_item(
    section: Section,
    title: str,
    body: list[str],
    line_start: int,
    line_end: int,
    *,
    minute_number: str | None = None,
    agenda_number: str | None = None,
    title_derived: bool = False,
    note: str | None = None,
    unmarked_resolutions: bool = False,
) -> ParsedItem:
    """An item from its title and raw body lines; decisions are read only from minutes."""
    text = join_paragraphs(body)
    resolutions = find_resolutions(text, unmarked=unmarked_resolutions) if section is Section.MINUTES else []
    # A sub-item under "Matters arising" names the minute it returns to in its title: "Parking (minute 10)".
    references = find_references(f"{title}\n{text}") if section is Section.MINUTES else []
    return ParsedItem(
        section=section,
        title=title,
        text=text,
        line_start=line_start,
        line_end=line_end,
        minute_number=minute_number,
        agenda_number=agenda_number,
        title_derived=title_derived,
        note=note,
        resolutions=resolutions,
        references=references,
    )


def outline_parents(items: list[ParsedItem]) -> None:
    """Give an item whose words all sit in its numbered sub-items ("6 Matters arising", then "6.1 …",
    "6.2 …") the outline of them, so it reads as what it heads and never as "nothing arose"."""
    for position, item in enumerate(items):
        if item.text or not item.minute_number:
            continue
        prefix = f"{item.minute_number}."
        subs = []
        for after in items[position + 1 :]:
            if not (after.minute_number or "").startswith(prefix):
                break
            subs.append(f"{after.minute_number} {after.title}")
        if subs:
            item.text = "\n".join(subs)
