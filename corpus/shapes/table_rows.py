"""Minutes laid out as a table (Topic | Discussion | Action): each row an item, headed by its topic cell.

A reader gives a table as one TAB-joined row a line (read/blocks.py). Rows numbered in a column of their
own are already read as numbered headings; a table whose rows are named only by a topic column would run
into one item titled with the header row. Such a table is found by its header row and each of its rows
written as a heading run in ahead of its text ("**Budget** The treasurer … Action: Bob to circulate …"),
the form the generic reader already reads, one line for one line so every line number stays true.
"""

from __future__ import annotations

import re

from corpus.read.text import strip_markup

# What boards head each column with. A header cell is known by its opening words ("Actions by whom",
# "Discussion and outcome").
_TOPIC = re.compile(
    r"^(?:agenda\s+)?(?:item|items|topic|topics|subject|matter|business|issue|heading|title)s?\b"
    r"|^discussion\s+(?:point|item|topic)s?\b",
    re.IGNORECASE,
)
_TEXT = re.compile(
    r"^(?:discussion|notes?|minutes?|summary|comments?|details?|key\s+points|points?\s+raised|update|"
    r"report|decisions?|outcomes?|resolutions?|conclusions?|record)\b",
    re.IGNORECASE,
)
# A column of who leads or presents ("Item | Lead") names no task: only one headed as actions does.
_ACTION = re.compile(r"^(?:actions?|action\s+by|to\s+action|next\s+steps?)\b", re.IGNORECASE)
_NUMBER = re.compile(r"^(?:no\.?|number|ref\.?|#|minute(?:\s+no\.?)?|item\s+no\.?)$", re.IGNORECASE)
# An action cell that asks nothing of anyone.
_NO_ACTION = re.compile(r"^(?:n/?a|none|nil|no\s+action|-+|–|—)\.?$", re.IGNORECASE)
_TOPIC_WORDS = 12
_LABEL = re.compile(r"^\(?[A-Za-z]?\d[\d./-]*[A-Za-z]?[.)]?$")  # a topic cell names the matter; a longer one is text


def _columns(line: str) -> dict[str, int] | None:
    """The header row's topic, text and action columns, when it heads a table of minuted matters: a topic
    column and a text or action column, and no numbered column (numbered rows are read as they are)."""
    cells = [strip_markup(cell).strip() for cell in line.split("\t")]
    if len(cells) < 2 or any(len(cell.split()) > 5 for cell in cells):
        return None
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        if _NUMBER.match(cell) or ("topic" in found and _TOPIC.match(cell)):
            return None  # "Item | Subject | …": the first column numbers the rows, read as numbered headings
        for name, pattern in (("topic", _TOPIC), ("action", _ACTION), ("text", _TEXT)):
            if name not in found and pattern.match(cell):
                found[name] = index
                break
    if "topic" not in found or not ({"text", "action"} & found.keys()):
        return None
    return found if found["topic"] == min(found.values()) else None


def _row(line: str, columns: dict[str, int]) -> str | None:
    """A row as a heading run in ahead of its text; None for a line that is not a row of the table."""
    cells = [strip_markup(cell).strip() for cell in line.split("\t")]
    if len(cells) < 2 or columns["topic"] >= len(cells):
        return None
    topic = cells[columns["topic"]].strip(" :")
    if not topic or len(topic.split()) > _TOPIC_WORDS or _LABEL.match(topic):
        return None  # no topic, text in its place, or a number: the row is read as it stands
    action = cells[columns["action"]] if "action" in columns and columns["action"] < len(cells) else ""
    text = [cell for index, cell in enumerate(cells) if index not in (columns["topic"], columns.get("action"))]
    if action and not _NO_ACTION.match(action):
        # "Action:" marks the cell as a task, as the column's heading did.
        text.append(action if action.lower().startswith("action") else f"Action: {action}")
    rest = " ".join(cell for cell in text if cell)
    return f"**{topic}** {rest}".rstrip() if rest else f"**{topic}**"


def table_rows(lines: list[str]) -> list[str]:
    """The lines, with each table of minuted matters read row by row: its header row blanked (the columns'
    names head no item), each row a heading run in ahead of its discussion and action."""
    out = list(lines)
    columns: dict[str, int] | None = None
    for index, line in enumerate(lines):
        if "\t" not in line:
            if line.strip():
                columns = None  # the table has ended
            continue
        if header := _columns(line):
            columns = header
            out[index] = ""
        elif columns is not None and (row := _row(line, columns)) is not None:
            out[index] = row
    return out
