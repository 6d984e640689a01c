"""Decisions inside an item's text: RESOLVED/AGREED blocks split into their lettered parts."""

from __future__ import annotations

import re

from corpus.language.sentences import sentences
from corpus.parsed import ParsedResolution

# A block marker: "RESOLVED:", "RESOLVED", "AGREED:" opening a paragraph or following a
# sentence, in capitals as clerks write it (lower-case "agreed" is discussion, not a decision).
_BLOCK = re.compile(r"(?:^|(?<=[\s.]))(?:RESOLVED|AGREED|DECIDED)\b(?:\s*:|\s*(?=\n)|\s*$|\s+(?=[(\-–]|That\b))")
# "It was proposed, seconded, and AGREED that X be elected ..." is a decision in one sentence; so is "Moved by …,
# seconded by … and ORDERED that the Council …", as some town councils minute their orders.
_INLINE = re.compile(r"\b(?:RESOLVED|AGREED|ORDERED)\s+that\s+(?P<text>[^\n]+)")
_ANY_LABEL = re.compile(r"^\s*(?:[-–•]\s|\(?[a-z0-9]{1,4}\)\s)", re.IGNORECASE)
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]


def _sequence(first: str) -> list[str] | None:
    if first == "i":
        return _ROMAN
    if first == "a":
        return [chr(c) for c in range(ord("a"), ord("z") + 1)]
    if first == "1":
        return [str(n) for n in range(1, 40)]
    return None


def _label_pattern(label: str) -> re.Pattern[str]:
    # "(a)", "a)", "- (a)", "- a)", "a.", "1.", "(1)" at the start of the text or after
    # whitespace or a separator; never inside a word or a reference like "20(b)".
    escaped = re.escape(label)
    return re.compile(
        rf"(?:^|(?<=[\s;:,]))(?:[-–•]\s*)?(?:\({escaped}\)|{escaped}\)|{escaped}\.(?=\s))\s*",
        re.IGNORECASE if label.isalpha() else 0,
    )


_FIRST_LABEL = re.compile(r"^\s*(?:[-–•]\s*)?(?:\((?P<a>[a-z]|i|1)\)|(?P<b>[a-z]|i|1)[.)](?=\s))", re.IGNORECASE)


def split_labelled(block: str) -> list[ParsedResolution]:
    """Split "(a) That …; (b) That …" into its parts; unlabelled text is one part."""
    first = _FIRST_LABEL.match(block)
    sequence = _sequence((first["a"] or first["b"]).lower()) if first else None
    if not sequence:
        text = _tidy(block)
        return [ParsedResolution(None, text)] if text else []

    starts: list[tuple[int, int, str]] = []
    position = 0
    for label in sequence:
        m = _label_pattern(label).search(block, position)
        if not m:
            break
        starts.append((m.start(), m.end(), label))
        position = m.end()
    parts = []
    for index, (_, text_start, label) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(block)
        text = _tidy(block[text_start:end])
        if text:
            parts.append(ParsedResolution(f"({label})", text))
    return parts


def _tidy(text: str) -> str:
    text = text.strip().strip("-–• ").strip()
    text = re.sub(r"(?:;|,)?\s*(?:and|or)?\s*$", "", text).rstrip(" ;,")
    return text[:1].upper() + text[1:] if text else text


def find_resolutions(text: str, unmarked: bool = False) -> list[ParsedResolution]:
    """The decisions recorded in an item's cleaned text.

    `unmarked` also accepts a closing run of "(a) That …" paragraphs with no RESOLVED
    heading, as some web minutes print them.
    """
    block = _BLOCK.search(text)
    if block:
        return split_labelled(text[block.end() :])
    inline = [ParsedResolution(None, _tidy("That " + m["text"])) for m in _INLINE.finditer(text)]
    if inline:
        return inline
    if unmarked:
        m = re.search(r"(?:^|\n)\s*\(?a\)\s+(?=\S)", text)
        tail = text[m.start() :].strip() if m else ""
        paragraphs = [p for p in tail.split("\n") if p.strip()]
        if paragraphs and all(_ANY_LABEL.match(p) for p in paragraphs):
            return split_labelled(tail)
        return loose_decisions(text)
    return []


# How minutes that use no RESOLVED block record a decision: a "Decision:" or "Resolved –" label,
# "it was resolved that …", "AND AGREED", or a motion moved, seconded and carried.
_DECISION_LABEL = re.compile(
    r"^\s*(?:it\s+was\s+(?:unanimously\s+)?)?(?:decisions?|resolved|resolution(?:\s+no\.?\s*[\w/.-]+)?|agreed|outcome|action\(s\))"
    r"(?:\s*\([^)]{0,80}\))?(?:\s*[:–-]\s*|\s*$|\s+(?=that\b))(?P<t>.*)$",
    re.IGNORECASE,
)
_DECIDED = re.compile(
    r"\b(?:(?:it\s+was\s+)?(?:unanimously\s+)?(?:resolved|agreed)\s+(?:that|to)\b|and\s+agreed\b|"
    r"\bmotion\s+(?:was\s+)?(?:carried|passed|approved|adopted|failed|lost)\b|\b(?:carried|passed)\s+(?:unanimously|\d+\s*[-–]\s*\d+)|"
    r"\bseconded\b.*\b(?:carried|passed|approved|adopted)\b|^\s*carried\.?\s*$)",
    re.IGNORECASE,
)
_MAX_DECISION_CHARS = 600


def loose_decisions(text: str) -> list[ParsedResolution]:
    """Decisions recorded without a RESOLVED block: labelled paragraphs and decided sentences."""
    found: list[ParsedResolution] = []
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    for index, paragraph in enumerate(paragraphs):
        if m := _DECISION_LABEL.match(paragraph):
            body = m["t"].strip() or (paragraphs[index + 1] if index + 1 < len(paragraphs) else "")
            if body:
                found.append(ParsedResolution(None, _tidy(body[:_MAX_DECISION_CHARS])))
        elif _DECIDED.search(paragraph):
            decided = paragraph if len(paragraph) <= _MAX_DECISION_CHARS else _decided_sentence(paragraph)
            if decided:
                found.append(ParsedResolution(None, _tidy(decided)))
    return found


def _decided_sentence(paragraph: str) -> str:
    # A long paragraph: keep only the sentences around the decision.
    for sentence in sentences(paragraph):
        if _DECIDED.search(sentence):
            return sentence[:_MAX_DECISION_CHARS]
    return ""
