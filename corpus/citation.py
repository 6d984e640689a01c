"""How an item is cited: "Minute 86 · 8 June 2016 · Domestic Homicide Reviews"."""

from __future__ import annotations

import datetime as dt

from corpus.language.dates import format_date

SEPARATOR = " · "


def cite(
    date: dt.date,
    title: str,
    minute: str | None = None,
    section: str = "minutes",
    agenda_number: str | None = None,
    derived: bool = False,
    parent: str | None = None,
) -> str:
    """The citation a reader can check against the published papers; a title the papers never
    printed (derived from the item's words) is shown in square brackets, as an editor marks words
    of their own, and a sub-item's title after its `parent`'s ("Matters arising › Hall roof")."""
    parts = []
    if minute:
        parts.append(f"Minute {minute}")
    elif section == "report":
        parts.append(f"Report for agenda item {agenda_number}" if agenda_number else "Report")
    elif section == "action_log":
        parts.append("Action log")
    elif section == "agenda":
        parts.append(f"Agenda item {agenda_number}" if agenda_number else "Agenda")
    parts.append(format_date(date))
    parts.append(under(parent, shown_title(title, derived)))
    return SEPARATOR.join(parts)


def under(parent: str | None, title: str) -> str:
    """A sub-item's title as cited, after its parent's: "Matters arising › Hall roof"."""
    return f"{parent} › {title}" if parent else title


def shown_title(title: str, derived: bool) -> str:
    """An item's title as shown: "[Budget monitoring report]" when the papers print none."""
    return f"[{title}]" if derived else title


def source_span(path: str, line_start: int, line_end: int) -> str:
    """Where in the source file the cited text is: "name.txt:117-121"."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return f"{name}:{line_start}" if line_start == line_end else f"{name}:{line_start}-{line_end}"
