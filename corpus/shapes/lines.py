"""A page's lines as the generic reader reads them: a page flattened into one line cut at its item
numbers and sentences, headings set in bold within running text put on lines of their own, a number
printed apart from its title joined to it, and a table's rules dropped.
"""

from __future__ import annotations

import itertools
import re

from corpus.language.minute_numbers import NUMBER_ALONE
from corpus.language.sentences import sentences
from corpus.shapes.headings import numbered_heading, title_like
from corpus.shapes.numbering import item_labels, read_label

# A line longer than this is a page flattened into one line; it is read as paragraphs of about this size.
_LONG_LINE = 1500
_PARAGRAPH_CHARS = 700


def open_row(text: str) -> str:
    """ "1. | Election of Chairman: … |" (a table row flattened with its rules): the row's words; and
    a label a converter broke after its slash ("GBP/2122/ 216") made whole."""
    text = re.sub(r"^(\S*\d/)\s+(?=\d)", r"\1", text)
    if "|" not in text:
        return text
    return re.sub(r"\s*\|\s*", " ", text.strip().strip("|")).strip()


def join_numbers_to_titles(texts: list[str]) -> list[str]:
    """ "344." or "P/142" alone on a line, its title on the next (web pages print the number and the
    title in separate cells), or the title first and its number below it: one heading line."""
    joined = list(texts)
    alone = [label for i, t in enumerate(texts) if NUMBER_ALONE.match(t) for label in read_label(i, t)]
    # A number under its title only where such numbers run in sequence: one alone is a resolution's.
    run = item_labels(alone)
    stepping = {label.index for label in run} if len(run) >= 2 else set()
    for index, text in enumerate(texts):
        if not NUMBER_ALONE.match(text) or not joined[index]:
            continue
        following = next((j for j in range(index + 1, min(index + 3, len(texts))) if texts[j]), None)
        before = next((j for j in range(index - 1, max(index - 3, -1), -1) if joined[j]), None)
        if following is not None and title_like(texts[following]):
            joined[index] = f"{text.rstrip('.')} {texts[following]}"
            joined[following] = ""
        elif (
            index in stepping
            and before is not None
            and title_like(joined[before])
            and not numbered_heading(joined[before])
        ):
            joined[before] = f"{text.rstrip('.')} {joined[before]}"
            joined[index] = ""
    return joined


def split_long_lines(lines: list[str]) -> tuple[list[str], list[int]]:
    """Lines, with each very long one (a whole flattened page) cut into paragraphs of a few
    sentences; and for every resulting line, the index of the source line it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, line in enumerate(lines):
        runs = _bold_runs(line)
        if len(runs) > 1:
            for position, piece in enumerate(runs):
                if position:
                    out.append("")
                    origin.append(index)
                out.append(piece)
                origin.append(index)
            continue
        pieces = (
            [p for piece in _at_inline_labels(line) for p in _paragraphs_of(piece)]
            if len(line) > _LONG_LINE
            else [line]
        )
        for position, piece in enumerate(pieces):
            if position:
                out.append("")
                origin.append(index)
            out.append(piece)
            origin.append(index)
    return out, origin


_BOLD_RUN = re.compile(r"\*\*(?P<bold>[^*]+?)\*\*")
_LABEL_ONLY = re.compile(r"^\s*\(?[\w./-]{1,12}[.)]?\s*$")


def _bold_runs(line: str) -> list[str]:
    """A line that sets headings in bold within running text (a table row's cell: "1. | **Apologies** None
    were received. **Lowestoft** The Chief Executive …"): the bold runs as lines of their own, a label
    before the first kept with it, and the text between them."""
    runs = list(_BOLD_RUN.finditer(line))
    if not runs or (len(runs) == 1 and not (line[: runs[0].start()] + line[runs[0].end() :]).strip()):
        return [line]
    pieces: list[str] = []
    cursor = 0
    for m in runs:
        before = line[cursor : m.start()].strip()
        bold = m["bold"].strip()
        if before and _LABEL_ONLY.match(before) and not pieces:
            bold = f"{before.strip()} {bold}"
        elif before:
            pieces.append(before)
        pieces.append(f"**{bold}**")
        cursor = m.end()
    if line[cursor:].strip():
        pieces.append(line[cursor:].strip())
    return pieces


# A label inside a flattened page: "… at 10.00am. 2 ITEMS OF URGENT BUSINESS None received. 3 …".
_INLINE_LABEL = re.compile(r"(?:(?<=^)|(?<=[\s.;:]))(?P<label>\d{1,4}(?:\.\d{1,2})?)[.)]?\s+(?=[A-Z][A-Za-z])")
_MIN_INLINE_RUN = 3


def _at_inline_labels(line: str) -> list[str]:
    """A whole page flattened into one line, cut where its items' numbers stand: the labels inside it
    that run in sequence (three or more), so a stray number in a sentence never cuts it."""
    found = {m.start("label"): m["label"] for m in _INLINE_LABEL.finditer(line)}
    labels = [label for start, text in found.items() for label in read_label(start, text)]
    run = item_labels(labels)
    if len(run) < _MIN_INLINE_RUN:
        return [line]
    heads = {label.values for label in run}
    depth = len(run[0].values)
    # Their numbered paragraphs too ("2. Apologies for Absence 2.1. The Chair noted …"), so a heading
    # stands on a line of its own.
    subs = [x for x in labels if len(x.values) == depth + 1 and x.values[:depth] in heads]
    cuts = sorted({0, *(label.index for label in [*run, *subs] if label.index > 0), len(line)})
    return [line[a:b].strip() for a, b in itertools.pairwise(cuts) if line[a:b].strip()]


def _paragraphs_of(line: str) -> list[str]:
    pieces: list[str] = []
    for sentence in sentences(line):
        if pieces and len(pieces[-1]) + len(sentence) < _PARAGRAPH_CHARS:
            pieces[-1] = f"{pieces[-1]} {sentence}"
        else:
            pieces.append(sentence)
    return pieces or [line]
