"""Marked headings over numbered lists: which numbers head items and which only list points inside one.

A page may number its items and mark topics inside them ("4 Matters arising" / "**● Hall roof**"), or mark its
items and number the points under each ("**Finance**" / "1. … 2. …", "**Grounds**" / "1. …"). Read alone, the
numbers of the second run on into one sequence; these rules tell the two apart.
"""

from __future__ import annotations

import itertools
import re

from corpus.shapes.headings import Heading
from corpus.shapes.item_heads import bare_list, numbered_heads


def interleaved(numbered: dict[int, Heading], cued: dict[int, Heading]) -> int:
    """How many of the numbered headings have a marked heading between them and the next one."""
    starts = sorted(numbered)
    return sum(1 for a, b in itertools.pairwise(starts) if any(a < i < b for i in cued))


def sections_over_lists(cued: dict[int, Heading], numbered: dict[int, Heading], texts: list[str]) -> dict[int, Heading]:
    """Marked headings over numbered lists of their own ("**Finance**" / "1) … 6)", "**Grounds**" /
    "1) … 2)"): the heading straight above the numbered run heads it, and a heading below the run heads a list
    numbered again from the start, its entries items too."""
    found: dict[int, Heading] = {}
    first, last = min(numbered), max(numbered)
    above = [i for i in cued if i < first and texts[i]]  # not the page's own title, blanked above
    if above and not any(texts[j] for j in range(max(above) + 1, first)) and not _KIND.match(cued[max(above)].title):
        found[max(above)] = cued[max(above)]
    return found | lists_under(sorted(i for i in cued if i > last), cued, texts)


def lists_under(starts: list[int], cued: dict[int, Heading], texts: list[str]) -> dict[int, Heading]:
    """The headings at `starts` that head a list numbered from its start, with the list's entries that read as
    headings: items too."""
    found: dict[int, Heading] = {}
    for start, end in itertools.pairwise([*starts, len(texts)]):
        section = [t if start < j < end else "" for j, t in enumerate(texts)]
        again = numbered_heads(section, paragraphs=False)
        # A list of titles alone ("Agenda for next meeting" / "1. Budget" / "2. …") names matters, minutes none.
        if len(again) >= 2 and not bare_list(section, again):
            found |= {start: cued[start], **again}
    return found


RESTARTS = 2  # marked headings over a list numbered from its start: the page numbers points, not items
_FIRST_LABEL = re.compile(r"^(?:1[.)]|\(1\)|\(?[ai]\))\s+\S")  # "1.", "1)", "(1)", "a)", "(i)": a list's first entry


def opening_lists(cued: dict[int, Heading], texts: list[str]) -> list[int]:
    """The unnumbered marked headings straight over a list's first entry ("**Finance**" / "1. The bank …")."""
    return [
        index
        for index, heading in cued.items()
        if heading.number is None
        and not _KIND.match(heading.title)
        and _FIRST_LABEL.match(next((t for t in texts[index + 1 :] if t), ""))
    ]


# "**Minutes**", "**Agenda**" over the numbered items: what the document is, not a heading of its business.
_KIND = re.compile(r"^(?:minutes|agenda|notes|actions?)\W*$", re.IGNORECASE)
