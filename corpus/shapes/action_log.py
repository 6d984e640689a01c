"""An action log table (No. / Date / Action / Responsible Officer / Comments / Status)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.language.dates import format_date, parse_numeric_date
from corpus.parsed import ParsedActionRow
from corpus.read.text import strip_markup

# Header words each column is known by; boards word them differently.
_COLUMNS = {
    "number": re.compile(r"^(?:no\.?|ref\.?|number|#|item)$", re.IGNORECASE),
    "date": re.compile(r"^(?:date|date raised|meeting|meeting date)$", re.IGNORECASE),
    "action": re.compile(r"^(?:action|actions|action required|description)$", re.IGNORECASE),
    "responsible": re.compile(r"^(?:responsible(?: officer)?|owner|lead|by whom|officer|action by)$", re.IGNORECASE),
    "comments": re.compile(r"^(?:comments?|update|progress|notes?)$", re.IGNORECASE),
    "status": re.compile(r"^(?:status|rag|rag status)$", re.IGNORECASE),
}
HEADING = re.compile(r"\baction\s+log\b|\baction\s+tracker\b|\bactions?\s+list\b", re.IGNORECASE)


@dataclass
class ActionTable:
    rows: list[ParsedActionRow]
    start: int
    end: int


def _header_columns(line: str) -> dict[str, int] | None:
    if "\t" not in line:
        return None
    cells = [strip_markup(c) for c in line.split("\t")]
    columns = {}
    for index, cell in enumerate(cells):
        for name, pattern in _COLUMNS.items():
            if name not in columns and pattern.match(cell):
                columns[name] = index
    return columns if {"action", "number"} <= columns.keys() and len(columns) >= 3 else None


def find_action_table(lines: list[str], start: int, end: int) -> ActionTable | None:
    """The first action-log table in lines[start:end]: its rows and the lines it spans."""
    columns = None
    rows: list[ParsedActionRow] = []
    table_start = table_end = None
    for index in range(start, end):
        line = lines[index]
        header = _header_columns(line)
        if header:
            columns = columns or header
            table_start = index if table_start is None else table_start
            table_end = index + 1
            continue
        if columns is None:
            continue
        if "\t" in line:
            row = _row(line, columns, index + 1)
            if row:
                rows.append(row)
                table_end = index + 1
                continue
        if line.strip() and rows:
            break
    if not rows or table_start is None or table_end is None:
        return None
    return ActionTable(rows, table_start, table_end)


def _row(line: str, columns: dict[str, int], line_number: int) -> ParsedActionRow | None:
    cells = [strip_markup(c) for c in line.split("\t")]

    def cell(name: str) -> str | None:
        index = columns.get(name)
        value = cells[index] if index is not None and index < len(cells) else ""
        return value or None

    number = (cell("number") or "").rstrip(".")
    action = cell("action")
    if not number or not action:
        return None
    raw_date = cell("date")
    return ParsedActionRow(
        number=number,
        date=parse_numeric_date(raw_date) if raw_date else None,
        action=action,
        responsible_officer=cell("responsible"),
        comments=cell("comments"),
        status=cell("status"),
        line=line_number,
    )


def render(rows: list[ParsedActionRow]) -> str:
    """The table as readable text, one action a paragraph, for search and display."""
    parts = []
    for row in rows:
        when = f" ({format_date(row.date)})" if row.date else ""
        bits = [f"Action {row.number}{when}: {row.action}"]
        if row.responsible_officer:
            bits.append(f"Responsible: {row.responsible_officer}.")
        if row.status:
            bits.append(f"Status: {row.status}.")
        if row.comments:
            bits.append(f"Comments: {row.comments}")
        parts.append(" ".join(bits))
    return "\n\n".join(parts)
