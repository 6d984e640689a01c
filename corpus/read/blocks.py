"""The text every reader writes: blocks of lines a blank line apart, tables as one TAB-joined row a line.

The shape parsers read minutes line by line, so each reader hands over the same layout a
converter to text would give: headings as markdown headings ("## 78. Apologies") and lines
set wholly in bold as "**…**" (the parsers already read both), paragraphs and list entries on
lines of their own, and a table's cells joined by TAB, which is how the attendance and action
log parsers read tables.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice

from corpus.language.dates import dates_in

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]{2,}")
_LINE_SPACES = re.compile(r"[^\S\t]+")  # within a line: a TAB between a title and its presenter or text stays


@dataclass
class Table:
    """A table's rows of cell texts; `line` is the 1-based line of the text its first row is on."""

    rows: list[list[str]]
    line: int


@dataclass
class Block:
    """A paragraph, heading or list entry (`lines`), or a table (`rows`)."""

    lines: list[str] = field(default_factory=list)
    rows: list[list[str]] | None = None


def clean_cell(text: str | None) -> str:
    """A cell's text on one line: TABs and line breaks inside a cell would split it."""
    return _SPACES.sub(" ", text or "").strip()


def heading(text: str, level: int) -> str:
    """A heading as a markdown heading line."""
    return f"{'#' * max(1, min(level, 6))} {text.strip()}"


_DATED_LINES = 15  # how far down the first page a meeting's date is printed


def opens_dated(lines: Iterable[str]) -> bool:
    """Whether the first lines of a document's text (its first page's opening) give a date: where they do, a
    page header or a site's post date is not needed to date the meeting."""
    return any(dates_in(line) for line in islice(lines, _DATED_LINES))


HEADING_SIZE = 1.15  # times the body text's size: a line set this much larger is a heading


def heading_levels(characters: Counter[float]) -> dict[float, int]:
    """Heading levels by font size, largest first, from the characters set at each size: only sizes well
    above the body text's (the size most characters are set in)."""
    if not characters:
        return {}
    body = characters.most_common(1)[0][0]
    sizes = sorted({size for size in characters if size >= body * HEADING_SIZE}, reverse=True)
    return {size: min(rank + 1, 6) for rank, size in enumerate(sizes)}


def bold(text: str) -> str:
    """A line set wholly in bold, marked as converters mark it."""
    return f"**{text.strip()}**"


def bold_lead(parts: list[tuple[str, bool]]) -> str:
    """A line's text from its (text, set in bold) pieces, the bold words that open it marked when words not
    in bold follow ("**3. Hall roof:** Quotes were …", a heading run in ahead of its minute, as a reader
    sees it); any other line is its plain text."""
    text = _LINE_SPACES.sub(" ", "".join(piece for piece, _ in parts)).strip()
    if "**" in text:
        return text  # asterisks printed as text: marks added here would not pair up
    lead = ""
    for position, (piece, is_bold) in enumerate(parts):
        if not is_bold and piece.strip():
            rest = _LINE_SPACES.sub(" ", "".join(p for p, _ in parts[position:])).strip()
            # A number alone in bold ("**4.** Finance") is the item's label, read as the number it is.
            return f"**{lead.strip()}** {rest}" if _WORD.search(lead) else text
        lead += piece
    return text


def assemble(blocks: list[Block]) -> tuple[str, list[Table]]:
    """The blocks as one text, and where in it each table's rows are."""
    lines: list[str] = []
    tables: list[Table] = []
    for block in blocks:
        rows = [[clean_cell(cell) for cell in row] for row in block.rows or []]
        rows = [row for row in rows if any(row)]
        body = ["\t".join(row) for row in rows] if block.rows is not None else block.lines
        body = [line.rstrip() for line in body if line.strip()]
        if not body:
            continue
        if lines:
            lines.append("")
        if block.rows is not None:
            tables.append(Table(rows, len(lines) + 1))
        lines.extend(body)
    return "\n".join(lines) + "\n" if lines else "", tables
