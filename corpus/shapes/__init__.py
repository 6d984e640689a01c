"""From a document's text to a ParsedDocument: pick the reader for its shape, then check it."""

from __future__ import annotations

import datetime as dt

from corpus.parsed import ParsedDocument, ParseError
from corpus.shapes.moderngov import looks_like_rows, parse_rows
from corpus.shapes.pack import parse_pack
from corpus.shapes.webpage import looks_like_page, parse_page

FORMATS = ("minutes", "agenda", "agenda-pack", "moderngov-rows", "web-page")


def parse_text(text: str, path: str = "", date: dt.date | None = None, body: str | None = None) -> ParsedDocument:
    """Parse minutes or an agenda pack; `date` and `body` supply what the text does not say.

    Raises ParseError naming the file (and line, where there is one) when the text is not
    minutes or an agenda, or when a meeting's date is neither in the text nor supplied.
    """
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise ParseError("the file is empty", path)
    if looks_like_rows(lines):
        document = parse_rows(lines)
    elif looks_like_page(lines):
        document = parse_page(lines)
    else:
        parsed = parse_pack(lines)
        if parsed is None:
            raise ParseError("no minutes or agenda found (no numbered items, no 'Minutes of a meeting' line)", path)
        document = parsed

    document.meetings = [m for m in document.meetings if m.items or m.has_minutes]
    if not document.meetings or not any(m.items for m in document.meetings):
        raise ParseError("no agenda or minute items found", path)
    if body:
        document.body = body
    for meeting in document.meetings:
        if meeting.date is None:
            if date is None:
                raise ParseError(
                    "no meeting date in the text; give one (--date YYYY-MM-DD or the manifest)", path, meeting.line
                )
            meeting.date = date
        meeting.announced = [a for a in meeting.announced if a.date > meeting.date]
    if not document.body:
        raise ParseError("no board name in the text; give one (--body NAME or the manifest)", path)
    return document
