"""A meeting at a glance: its decisions first, then what else it took, then its procedure in brief.

`/meeting` shows the minutes' items in three groups, each in document order: items that resolved
something, with their resolutions; the other items of substance, one citation each; and the
procedural items (apologies, declarations, the last minutes…) as one compact block of one line
each. A meeting not yet minuted shows its agenda as an agenda: every item in order, a line each,
under "Agenda (not yet minuted)", since nothing on it has been decided. Citations name date, minute and title only; the
source file stays in the JSON and `/source`. A long meeting is cut to fit about two Telegram
messages, with a note of how many items were left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.replies import Kind, Reply
from corpus.browse import ItemView
from corpus.citation import shown_title
from corpus.language.procedural import is_procedural, procedural_line

# About two Telegram messages (4,096 characters each) once tags and separators are added.
BUDGET = 7000
RESOLUTION_LIMIT = 400  # characters of one resolution; the whole item is one question away
PROCEDURAL_LIMIT = 15  # procedural lines shown; a meeting rarely has more
NO_PAPERS = "No agenda or minutes for this meeting yet."
AGENDA_HEADING = "Agenda (not yet minuted):"
AGENDA_BLOCK = 1000  # characters of agenda lines per block
# A resolution that only takes note decides nothing: "That the report be noted.", "Noted."
_NOTED = re.compile(r"^(?:noted|received)\b[^;]*$|\b(?:be|is|was|were|been) (?:received and )?noted\W*$", re.I)


@dataclass(frozen=True)
class _Groups:
    decided: list[ItemView]
    other: list[ItemView]
    procedural: list[ItemView]


def _items_of(views: list[ItemView]) -> list[ItemView]:
    """The minutes' items if the meeting is minuted, else its agenda's."""
    return [v for v in views if v.section == "minutes"] or [v for v in views if v.section == "agenda"]


def _only_notes(view: ItemView) -> bool:
    """Whether every resolution of the item only takes note: "That the report be noted"."""
    return all(_NOTED.search(" ".join(text.split())) for _, text in view.resolutions)


def _groups(items: list[ItemView]) -> _Groups:
    decided, other, procedural = [], [], []
    for view in items:
        if is_procedural(view.item_title, view.text):
            procedural.append(view)
        elif view.resolutions and not _only_notes(view):
            decided.append(view)
        else:
            other.append(view)
    return _Groups(decided, other, procedural)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _resolution(label: str | None, text: str) -> str:
    return _shorten(f"{label} {text}" if label else text, RESOLUTION_LIMIT)


def _size(reply: Reply) -> int:
    # Blocks are joined by a blank line; a resolution gains a "Resolved:" mark when rendered.
    return sum(len(block.text) + 2 + (12 if block.kind is Kind.RESOLUTION else 0) for block in reply.blocks)


def _procedural_block(items: list[ItemView]) -> str:
    lines = [f"• {procedural_line(v.item_title, v.text)}" for v in items[:PROCEDURAL_LIMIT]]
    if len(items) > PROCEDURAL_LIMIT:
        lines.append(f"• …and {len(items) - PROCEDURAL_LIMIT} more")
    return "Procedural:\n" + "\n".join(lines)


def _agenda_line(view: ItemView) -> str:
    title = _shorten(shown_title(view.item_title, view.title_derived), 160)
    return f"{view.agenda_number}. {title}" if view.agenda_number else f"• {title}"


def agenda_reply(heading: str, agenda: list[ItemView]) -> Reply:
    """The heading, then the agenda of a meeting not yet minuted, every item a line in its order."""
    lines = [AGENDA_HEADING]
    size = len(heading)
    for view in agenda:
        line = _agenda_line(view)
        if size + len(line) + 1 > BUDGET - 120:
            break
        lines.append(line)
        size += len(line) + 1
    reply = Reply().add(Kind.TEXT, heading)
    # Short blocks of lines, so messages are filled to the brim rather than split at one long block.
    block: list[str] = []
    for line in lines:
        if block and sum(len(x) + 1 for x in block) + len(line) > AGENDA_BLOCK:
            reply.add(Kind.TEXT, "\n".join(block))
            block = []
        block.append(line)
    reply.add(Kind.TEXT, "\n".join(block))
    shown = len(lines) - 1
    if shown < len(agenda):
        reply.add(Kind.NOTICE, f"…and {len(agenda) - shown} more items: ask about any item.")
    return reply


def meeting_reply(heading: str, views: list[ItemView]) -> Reply:
    """The meeting's heading, its decisions, its other business, then its procedure in one block;
    for a meeting not yet minuted, its agenda."""
    items = _items_of(views)
    if items and items[0].section == "agenda":
        return agenda_reply(heading, items)
    reply = Reply().add(Kind.TEXT, heading)
    if not items:
        return reply.add(Kind.NOTICE, NO_PAPERS)
    groups = _groups(items)
    procedure = _procedural_block(groups.procedural) if groups.procedural else ""
    # What the procedural block and the closing note will take is kept back from the start.
    budget = BUDGET - len(procedure) - 120
    left_out = 0
    if groups.decided:
        reply.add(Kind.TEXT, "Decided:")
    for view in groups.decided:
        entry = Reply().add(Kind.CITATION, view.citation)
        for label, text in view.resolutions:
            entry.add(Kind.RESOLUTION, _resolution(label, text))
        if _size(reply) + _size(entry) > budget:
            left_out += 1
            continue
        reply.blocks.extend(entry.blocks)
    if groups.other:
        reply.add(Kind.TEXT, "Also discussed:")
    for view in groups.other:
        entry = Reply().add(Kind.CITATION, view.citation)
        if _size(reply) + _size(entry) > budget:
            left_out += 1
            continue
        reply.blocks.extend(entry.blocks)
    if reply.blocks[-1].text == "Also discussed:":
        reply.blocks.pop()  # every item under the heading was left out
    reply.add(Kind.TEXT, procedure)
    if left_out:
        reply.add(Kind.NOTICE, f"…and {left_out} more items: /meeting shows decisions; ask about any item.")
    return reply
