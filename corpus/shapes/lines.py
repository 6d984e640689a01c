"""A page's lines as the generic reader reads them: a page flattened into one line cut at its item
numbers and sentences, headings set in bold within running text put on lines of their own, a number
printed apart from its title joined to it, and a table's rules dropped.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from corpus.language.minute_numbers import NUMBER_ALONE
from corpus.language.sentences import sentences
from corpus.read.text import strip_markup
from corpus.shapes.attendance import role_heading
from corpus.shapes.headings import is_never_title, numbered_heading, title_like
from corpus.shapes.numbering import Label, follows, item_labels, read_label

# A line longer than this is a page flattened into one line; it is read as paragraphs of about this size.
_LONG_LINE = 1500
_PARAGRAPH_CHARS = 700
_LABELLED_LINE = 100  # a line this long may hold several items' labels


def open_row(text: str) -> str:
    """ "1. | Election of Chairman: … |" (a table row flattened with its rules): the row's words; and
    a label a converter broke after its slash ("GBP/2122/ 216") made whole."""
    text = re.sub(r"^(\S*\d/)\s+(?=\d)", r"\1", text)
    if "|" not in text:
        return text
    return re.sub(r"\s*\|\s*", " ", text.strip().strip("|")).strip()


# A run of dots, dashes or rules between a title and its presenter or page ("Allotments ------ R Patel",
# "Footpaths ………… T Okafor"): a column's edge, as a TAB is.
LEADER = re.compile(r"[ \t]*(?:[.…·_–—-][ \t]?){4,}[ \t]*")


def cells_kept(line: str) -> str:
    """The line's words without markup, a table row's cells (or the columns leaders set apart) still TAB
    apart, so a title is told from the presenter or text beside it."""
    return "\t".join(cell for cell in map(strip_markup, LEADER.sub("\t", line).split("\t")) if cell)


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
        if following is not None and (
            title_like(texts[following]) or (index in stepping and _opens_in_capitals(texts[following]))
        ):
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


_CAPITAL_WORD = re.compile(r"^[A-Z][A-Z'’&/-]+$")


def _opens_in_capitals(text: str) -> bool:
    """ "WELCOME – the Chair welcomed …", "OPENING PRAYER was said by …": a title in capitals run on."""
    words = text.split()[:2]
    return len(words) == 2 and all(_CAPITAL_WORD.match(w.strip(":,.–-")) or w in "–-:" for w in words)


_CLOSE_NUMBERS = 15  # item numbers alone on their lines stand this close; a page's number, a page apart
_NUMBERS_RUN = 3


def item_numbers_alone(lines: list[str]) -> set[int]:
    """The lines that hold nothing but a bare number that counts items, not pages: "1", "2", "3" a few lines
    apart, each over its item's title ("1" / "WELCOME – …"), where a converter's page numbers stand a page apart."""
    bare = [(i, int(line.strip())) for i, line in enumerate(lines) if line.strip().isdigit() and len(line.strip()) <= 3]
    kept: set[int] = set()
    run: list[tuple[int, int]] = []
    for index, number in bare:
        if run and number == run[-1][1] + 1 and index - run[-1][0] <= _CLOSE_NUMBERS:
            run.append((index, number))
            continue
        if len(run) >= _NUMBERS_RUN:
            kept.update(i for i, _ in run)
        run = [(index, number)]
    if len(run) >= _NUMBERS_RUN:
        kept.update(i for i, _ in run)
    return kept


def split_long_lines(lines: list[str]) -> tuple[list[str], list[int]]:
    """Lines, with each very long one (a whole flattened page) cut into paragraphs of a few
    sentences, and items run into one line cut apart at their labels; and for every resulting line,
    the index of the source line it came from."""
    out: list[str] = []
    origin: list[int] = []
    sequence = _Sequence(_opening_schemes(lines))
    for index, line in enumerate(lines):
        runs = _bold_runs(line)
        if len(runs) > 1:
            pieces = runs
        elif len(line) > _LONG_LINE:
            pieces = [p for piece in _at_inline_labels(line, sequence) for p in _paragraphs_of(piece)]
        elif len(line) > _LABELLED_LINE:
            # Items run into one paragraph ("70/17 Apologies … 71/17 Declarations … 72/17 …").
            pieces = _at_inline_labels(line, sequence)
        else:
            sequence.opens(line)
            pieces = [line]
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
    before = line[: runs[0].start()].strip()
    opening = not before or _LABEL_ONLY.match(before)
    if len(runs) == 1 and opening and not _heads_its_line(runs[0]["bold"], line[runs[0].end() :]):
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
        pieces.append(f"**{bold.rstrip(' –—-')}**")  # "**Roof –** the quote …": the dash ends the title
        cursor = m.end()
    if rest := line[cursor:].strip().lstrip(_RUN_IN_END + " "):  # "**Roof** – the quote …": the dash ends the title
        pieces.append(rest)
    return pieces


def bold_head(line: str) -> tuple[str, str] | None:
    """A heading set in bold ahead of its minute on one line ("**3. Hall roof:** Quotes were …", "3. **Roof** – the
    …"): the heading (its label with it) and the text after it, as `_bold_runs` cuts them; None for any other line."""
    pieces = _bold_runs(line.strip())
    if len(pieces) != 2 or not pieces[0].startswith("**"):
        return None
    return pieces[0].strip("*").rstrip(_RUN_IN_END + " "), pieces[1]


_RUN_IN_END = ":.–—-"
_RUN_IN_TEXT_WORDS = 3
_SAYS = re.compile(r"^(?:questions?|answers?|response|reply|comments?|update)$", re.IGNORECASE)
TITLE_WORD = re.compile(r"[^\W\d_]{3,}")  # a heading has words; "**5-B 2020-0417** - …" is a label and a file number


def _heads_its_line(bold: str, after: str) -> bool:
    """Whether one bold run heads the text after it ("**Hall roof:** Quotes were …", "3. **Roof** – the …",
    "**Roof** Quotes were …"); not a word set in bold inside a sentence ("**Clerk** to write …", "the
    **final** figures"), nor a person's name, a field's label or an attendance list's ("**J Smith:** …",
    "**Resolved:** …")."""
    bold, after = bold.strip(), after.strip()
    if len(after.split()) < _RUN_IN_TEXT_WORDS and (len(bold.split()) < _RUN_IN_TEXT_WORDS or not after):
        # "**Due:** June": a field and its value, not a heading over a minute; "**Approval of the accounts:**
        # Carried" is one, its outcome after it.
        return False
    ends = bold.endswith(tuple(_RUN_IN_END)) or after[:1] in _RUN_IN_END or after[:1].isupper()
    name = bold.rstrip(_RUN_IN_END + " ")
    if not ends or not TITLE_WORD.search(name) or role_heading(f"{name}:") is not None or _SAYS.match(name):
        return False  # "**Present:** J Smith, …" is the attendance list's line, "**Question:** …" one turn of talk
    return not is_never_title(f"{name}:") and not is_never_title(name)


# A label inside a flattened page: "… at 10.00am. 2 ITEMS OF URGENT BUSINESS None received. 3 …".
_INLINE_LABEL = re.compile(
    r"(?:(?<=^)|(?<=[\s.;:]))(?P<label>[A-Z]{0,3}\d{1,4}(?:[./]\d{1,3})?|\([a-z]\)|[a-z]\)|(?<=\s)(?:[a-z]|[ivx]{1,4})(?=\.\s))"
    r"(?:\.\)|[.)])?\s+(?=[A-Z][A-Za-z])"
)
_MIN_INLINE_RUN = 3
# A label followed by a title in capitals: "2. ELECTION OF THE CHAIR", "3) PLANNING MATTERS".
_CAPS_AFTER = re.compile(r"[\w./()]+\s+[A-ZÀ-Þ]{2,}(?:[\s,]+[A-ZÀ-Þ]{2,})+\b")


def _opening_schemes(lines: list[str]) -> frozenset[tuple[str, int]]:
    """The label schemes that open at least three of the document's lines ("70/17 …", "a) …")."""
    opening: Counter[tuple[str, int]] = Counter()
    for line in lines:
        if m := _INLINE_LABEL.match(line.strip()):
            opening.update({label.scheme for label in read_label(0, m["label"])})
    return frozenset(scheme for scheme, count in opening.items() if count >= _MIN_INLINE_RUN)


class _Sequence:
    """The last label of each of the document's schemes met so far, in reading order: a label inside a
    line cuts it only when it is the very next one ("… were agreed. 77/17 Handyman's Report" after
    "76/17"; "b)" after "a)"), or starts a new list under the label just cut ("77/17 … a) …"). So "with
    8 Councillors" after item 5, or "the 2016/17 accounts" among minutes numbered 70/17, cuts nothing."""

    def __init__(self, schemes: frozenset[tuple[str, int]]) -> None:
        self.schemes = schemes
        self.last: dict[tuple[str, int], Label] = {}
        self.cut_since: set[tuple[str, int]] = set()  # schemes whose list may start again

    def opens(self, line: str) -> None:
        """Note the label a line opens with, if any."""
        if m := _INLINE_LABEL.match(line.strip()):
            for label in read_label(0, m["label"]):
                self._met(label)

    def _met(self, label: Label) -> None:
        self.last[label.scheme] = label
        self.cut_since |= {scheme for scheme in self.last if scheme != label.scheme}
        self.cut_since.discard(label.scheme)

    def cuts_at(self, label: Label) -> bool:
        """Whether `label`, met inside a line, is the next item's (and note it if so)."""
        if label.scheme not in self.schemes:
            return False
        previous = self.last.get(label.scheme)
        restarts = label.values == (1,) and (previous is None or label.scheme in self.cut_since)
        if restarts or (previous is not None and _next_after(label, previous)):
            self._met(label)
            return True
        return False


def _next_after(label: Label, previous: Label) -> bool:
    """Exactly the label after `previous`: its last changed figure one on ("71/17" after "70/17")."""
    return follows(label, previous) and sum(a - b for a, b in zip(label.values, previous.values, strict=True)) == 1


def _at_inline_labels(line: str, sequence: _Sequence | None = None) -> list[str]:
    """A line holding several items, cut where their labels stand: the labels inside it that run in sequence
    (three or more), or that carry on the document's own numbering from the line before (see _Sequence), so a
    stray number in a sentence never cuts it."""
    found = {m.start("label"): m["label"] for m in _INLINE_LABEL.finditer(line)}
    labels = [label for start, text in found.items() for label in read_label(start, text)]
    if sequence is not None:
        sequence.opens(line)
    known = [x for x in labels if x.index > 0 and sequence is not None and sequence.cuts_at(x)]
    run = item_labels(labels)
    # "6. REPORTS a. County – … b. Borough – …": an item's lettered sub-items, two are enough; so are items
    # from the first on, each titled in capitals ("… 1. APPROVAL OF THE MINUTES. The … 2. PLANNING. …").
    sub_items = any(x.index == 0 for x in labels) and _lettered_from_start(run)
    capitals = len(run) >= 2 and run[0].values == (1,) and all(_CAPS_AFTER.match(line, x.index) for x in run)
    if len(run) < _MIN_INLINE_RUN and not sub_items and not capitals:
        run = []
    if not run and not known:
        return [line]
    heads = {label.values for label in run}
    depth = len(run[0].values) if run else 0
    # Their numbered paragraphs too ("2. Apologies for Absence 2.1. The Chair noted …"), so a heading
    # stands on a line of its own.
    subs = [x for x in labels if run and len(x.values) == depth + 1 and x.values[:depth] in heads]
    cuts = sorted({0, *(label.index for label in [*run, *subs, *known] if label.index > 0), len(line)})
    return [line[a:b].strip() for a, b in itertools.pairwise(cuts) if line[a:b].strip()]


def _lettered_from_start(run: list[Label]) -> bool:
    """A run of letters or Roman numerals from "a" or "i", two or more: a list of sub-items."""
    return len(run) >= 2 and run[0].values == (1,) and run[0].scheme[0].startswith(("letter", "roman"))


def _paragraphs_of(line: str) -> list[str]:
    pieces: list[str] = []
    for sentence in sentences(line):
        if pieces and len(pieces[-1]) + len(sentence) < _PARAGRAPH_CHARS:
            pieces[-1] = f"{pieces[-1]} {sentence}"
        else:
            pieces.append(sentence)
    return pieces or [line]
