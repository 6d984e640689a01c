"""Which labels number a document's items, found from the document itself.

Minutes number their items in one scheme each: plain integers ("7", or "292" running on across the
year), a number and a year ("21/044", "C048/23", "PLA146/14"), a decimal ("15.127"), letters or Roman
numerals. Lines that merely begin with a number (a date, a year, a page number, an amount, a list
inside an item) do not step on in that scheme from item to item. So the items' labels are the longest
run of labels of one scheme, each one step (or a few skipped) after the one before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from corpus.language.minute_numbers import MAX_GAP

# How many labels back a label may look for the one it follows: a run skips past the labels of
# lists and sub-items in between, rarely past hundreds of them.
_LOOK_BACK = 400
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ROMAN_NUMERAL = re.compile(r"^(?=[ivxlc])m{0,3}(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$", re.IGNORECASE)
# A date printed as a label: "2014/09/01", "01.09.2014", "1/9/14" is never a minute number.
# ("21.01.03" may be a year's minute numbering, and is read as one only when it runs in sequence.)
_DATE_LABEL = re.compile(r"^(?:\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# An outline lettered at its top level and numbered below it: "B", "B-3", "B.3", "B3".
OUTLINE = re.compile(r"^(?P<letter>[A-Z])(?:(?P<sep>[-.]?)(?P<figure>\d{1,2}))?$")


def outline_parts(outline: re.Match[str]) -> tuple[int, ...]:
    """An outline label's places: its letter's in the alphabet, then its figure's ("B" → 2, "B-3" → 2, 3)."""
    place = ord(outline["letter"]) - ord("A") + 1
    return (place, int(outline["figure"])) if outline["figure"] else (place,)


_MIN_PARENTS = 3  # numbered items enough to be what lettered lists sit under


@dataclass(frozen=True)
class Label:
    """An item label as printed at the start of a line, read as a scheme and a position in it."""

    index: int  # the line it starts
    scheme: tuple[str, int]  # (its letters and separators with the figures taken out, how many figures)
    values: tuple[int, ...]  # its figures, or a letter's or Roman numeral's place in the alphabet or count


def read_label(index: int, printed: str) -> list[Label]:
    """The ways a printed label can be read: "C048/23" one way, "I" as a letter and as a Roman numeral."""
    text = printed.strip().strip("()").rstrip(".:)")
    if not text or _DATE_LABEL.match(text) or _YEAR.match(text):
        return []
    figures = re.findall(r"\d+", text)
    if (outline := OUTLINE.match(text)) and outline["figure"]:
        # "B-3": the third under B, an outline's letter read as its place, so B-1 follows A-4.
        return [Label(index, (f"letterA{outline['sep']}#", 2), outline_parts(outline))]
    if figures:
        shape = re.sub(r"\d+", "#", text).upper()
        if shape.endswith(tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) and len(figures) == 1 and shape[-2:-1] == "#":
            # "2a", "2b": the letter counts within the number's place, after it.
            return [Label(index, (shape[:-1], 2), (int(figures[0]), ord(text[-1].lower()) - ord("a") + 1))]
        return [Label(index, (shape, len(figures)), tuple(int(f) for f in figures))]
    readings = []
    if len(text) == 1 and text.isalpha():
        readings.append(Label(index, ("letter" + ("A" if text.isupper() else "a"), 1), (ord(text.lower()) - 96,)))
    if _ROMAN_NUMERAL.match(text):
        readings.append(Label(index, ("roman" + ("I" if text.isupper() else "i"), 1), (_roman(text.lower()),)))
    return readings


def _roman(text: str) -> int:
    total = 0
    for position, letter in enumerate(text):
        value = _ROMAN[letter]
        following = _ROMAN[text[position + 1]] if position + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def follows(label: Label, previous: Label) -> bool:
    """Whether `label` can be the item after `previous`: one figure steps on by at most a few (the rest
    stay), or the first that changes steps on and every later one starts again ("5.3" → "6.1")."""
    if label.scheme != previous.scheme:
        return False
    changed = [p for p, (new, old) in enumerate(zip(label.values, previous.values, strict=True)) if new != old]
    if not changed:
        return False
    first = changed[0]
    step = label.values[first] - previous.values[first]
    if not 1 <= step <= MAX_GAP + 1:
        return False
    return len(changed) == 1 or all(v <= 1 for v in label.values[first + 1 :])


def main_run(labels: list[Label]) -> list[Label]:
    """The longest run of labels in which each follows the one before. Of runs as long, the one
    spread over more of the document (the minutes, not an outline of them at the top), then the
    one that skips fewer numbers."""
    ordered = sorted(labels, key=lambda label: label.index)
    # Per label, the best run ending at it: (length, skipped numbers, its first line, previous position).
    best: list[tuple[int, int, int, int]] = []
    for position, label in enumerate(ordered):
        length, skipped, first, previous = 1, 0, label.index, -1
        for back in range(max(0, position - _LOOK_BACK), position):
            before = ordered[back]
            if before.index >= label.index or not follows(label, before):
                continue
            candidate = (best[back][0] + 1, best[back][1] + _skipped(label, before), best[back][2])
            if (candidate[0], -candidate[1]) > (length, -skipped):
                length, skipped, first, previous = *candidate, back
        best.append((length, skipped, first, previous))
    if not best:
        return []
    end = max(range(len(best)), key=lambda p: (best[p][0], ordered[p].index - best[p][2], -best[p][1]))
    run = []
    while end >= 0:
        run.append(ordered[end])
        end = best[end][3]
    return run[::-1]


def _skipped(label: Label, previous: Label) -> int:
    """How many numbers the step from `previous` to `label` passes over."""
    for new, old in zip(label.values, previous.values, strict=True):
        if new != old:
            return max(0, new - old - 1)
    return 0


def item_labels(labels: list[Label]) -> list[Label]:
    """The labels that number the items: the longest run of any one scheme, or the run one level up
    when the longest is of sub-items ("1.1 … 1.5, 2.1 …" under "1", "2")."""
    schemes = {label.scheme for label in labels}
    runs = {scheme: main_run([label for label in labels if label.scheme == scheme]) for scheme in schemes}
    if not runs:
        return []
    # Three figures alone ("9/23/13 Regular meeting") are a date unless they run on: "21.01.01", "21.01.02".
    # A letter or Roman numeral alone ("d", "I") is a word or an initial as often as a label.
    runs = {
        scheme: run
        for scheme, run in runs.items()
        if len(run) > 1 or (scheme[1] < 3 and not scheme[0].startswith(("letter", "roman")))
    }
    if not runs:
        return []
    longest = max(runs.values(), key=lambda run: (len(run), -run[0].index))
    for run in runs.values():
        if len(run) >= 2 and _parents_of(run, longest):
            return run
    # Letters that start again under one number after another ("4. … a. b.", "5. … a. b.", "6. … a. … h.") are
    # the numbers' sub-items, however many there are in all.
    numbers = runs.get(("#", 1), [])
    restarts = sum(label.values == (1,) for label in labels if label.scheme == longest[0].scheme)
    lettered = longest[0].scheme[0].startswith(("letter", "roman"))
    if lettered and len(numbers) >= _MIN_PARENTS and numbers[0].index < longest[0].index and restarts > 1:
        return numbers
    # … and letters that all stand under one number, between it and the next ("3. Updates: a) … f)", "4. …").
    if lettered and len(numbers) >= _MIN_PARENTS and _within_one(longest, numbers):
        return numbers
    return longest


def _within_one(lower: list[Label], numbers: list[Label]) -> bool:
    """Whether every label of `lower` stands between the same number and the one after it."""
    bounds = [label.index for label in numbers]

    def span(index: int) -> int | None:
        return next((n for n, (a, b) in enumerate(pairwise(bounds)) if a < index < b), None)

    spans = {span(label.index) for label in lower}
    return len(spans) == 1 and None not in spans


def _parents_of(upper: list[Label], lower: list[Label]) -> bool:
    """Whether the labels of `upper` head those of `lower`, one level down ("4" over "4.1", "4.2")."""
    shape, figures = lower[0].scheme
    upper_shape, upper_figures = upper[0].scheme
    if upper_figures != figures - 1 or not shape.startswith(upper_shape):
        return False
    heads = {label.values for label in upper}
    return sum(label.values[:upper_figures] in heads for label in lower) >= len(lower) / 2
