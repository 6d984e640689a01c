"""Table text told from prose, so a table's cells are never quoted as if they were sentences.

PDF tables reach us two ways. Read as tables they are rows of cells split by TABs (or "|" from
HTML and Markdown pages); those are rows when they hold two or more cells, unless their one long
cell is itself a sentence. Read from a page's text layer they are runs of cells glued into lines:
labels and figures with few of the little words prose is made of ("Q1 Q2 Q3 12 15 9 Total 36"),
figures alone ("41.2% (2019-20) 47.5%"), or figures side by side with nothing between them.
Dates are words here: "5 March 2024" in a sentence is prose, and a list of meeting dates too.
Column headings left alone on their lines are told by their neighbours, in `prose_only`.
"""

from __future__ import annotations

import re

from corpus.language.dates import find_dates

# The little words prose is made of: a line of cells has almost none of them.
_FUNCTION_WORDS = frozenset(
    """a an the of to in on at by for from with as and or but nor not no that this these those which who whom
    whose is are was were be been being has have had do does did will would shall should may might can could
    it its he she they we you his her their our there than then so if into onto upon about after before over
    under between during also only all any each such""".split()  # noqa: SIM905 - a list of words reads as one
)
_FIGURE = re.compile(
    r"""^[(\[]?[-+−–]?[£$€]?[-+−–]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:[-–/]\d+)*
    (?:%|[kmb]n?|p)?[)\]]?[,;:]?$""",
    re.IGNORECASE | re.VERBOSE,
)
_CODE = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z]{1,3}\d{1,3}[a-z]?$")  # "Q1", "KPI3", "H2"
_CELL_SPLIT = re.compile(r"\t|\s\|\s|^\||\|$")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")  # "|---|---|"
_SENTENCE_END = re.compile(r"[.!?][\"'’”)]?$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_DIGIT = re.compile(r"\d")
# Telephone numbers are digits in groups but one thing: "01234 567 890", "(01632) 960123".
_PHONE = re.compile(
    r"(?<![\w.])(?:\+\d{1,3}[ -]?)?\(?0\d{2,4}\)?(?:[ -]\d{3,8}){1,2}(?![\w.,%])"  # "01234 567 890"
    r"|\(\d{3}\) ?\d{3}-\d{4}\b|\b\d{3}-\d{3}-\d{4}\b"  # "(555) 123-4567", "555-123-4567"
)
_YEAR = re.compile(r"^[(]?(?:19|20)\d\d(?:[-–/]\d{2,4})?[)]?[,;:]?$")  # "2016", "2015/16": labels, not measures
_MEASURE = re.compile(r"[£$€%]|\d,\d{3}|\.\d{2}\b")  # an amount, a share, a thousand
_HEADING_WORDS = 6  # a lone column heading is a few words at most


def _tokens(text: str) -> list[str]:
    """The line's words, each written-out date counted as one word ("5 March 2024" is prose)."""
    for match in reversed(find_dates(text)):
        text = text[: match.start] + " DATE " + text[match.end :]
    return _PHONE.sub(" PHONE ", text).split()


def _is_figure(token: str) -> bool:
    return bool(_FIGURE.match(token) or _CODE.match(token))


def _is_prose(text: str) -> bool:
    """A sentence: words with the little words of a sentence in them, ending as sentences do."""
    words = [t.lower().strip(".,;:()") for t in _tokens(text)]
    little = sum(w in _FUNCTION_WORDS for w in words)
    finished = bool(_SENTENCE_END.search(text.strip())) or len(words) >= 12
    return len(words) >= 8 and little / len(words) >= 0.2 and finished


def _cells(text: str) -> list[str]:
    return [cell.strip() for cell in _CELL_SPLIT.split(text) if cell.strip()]


def _longest_figure_run(tokens: list[str], measures_only: bool = False) -> int:
    longest = run = 0
    for token in tokens:
        # "12, 15 and 9" is a list in a sentence; cells glued together carry no commas.
        counted = _is_figure(token) and not token.endswith((",", ";"))
        counted = counted and not (measures_only and (_YEAR.match(token) or _CODE.match(token)))
        run = run + 1 if counted else 0
        longest = max(longest, run)
    return longest


def looks_tabular(text: str) -> bool:
    """Whether a line or sentence is table text (cells or figures), not prose to quote."""
    text = text.strip()
    if not text:
        return False
    if _RULE.match(text):
        return True
    if "\t" in text or "|" in text:
        cells = _cells(text)
        if len(cells) >= 3 or (len(cells) == 2 and not any(_is_prose(cell) for cell in cells)):
            return True
        if len(cells) == 1:
            text = cells[0]
    if not _DIGIT.search(text):
        return False  # a figure has a digit: no need to read the line's dates and words
    tokens = _tokens(text)
    figures = sum(_is_figure(t) for t in tokens)
    if figures == 0:
        return False
    words = [t for t in tokens if _WORD.search(t) and not _is_figure(t)]
    if not words:
        return True  # figures alone: "1,380", "41.2% (2019-20) 47.5%"
    little = sum(t.lower().strip(".,;:()") in _FUNCTION_WORDS for t in tokens)
    finished = bool(_SENTENCE_END.search(text))
    share = figures / len(tokens)
    if figures >= 3 and little / len(tokens) < 0.15 and (share >= 0.6 or (share >= 0.4 and not finished)):
        return True
    # Figures side by side with no word between are cells: "seen within a week 85% 92.5%".
    run = _longest_figure_run(tokens, measures_only=True)
    if run >= 3 and (not finished or little / len(tokens) < 0.15):
        return True
    return run == 2 and not finished and little / len(tokens) < 0.2


def _fragment(line: str) -> bool:
    """A few words with no sentence in them: a column heading, when it stands beside a table."""
    tokens = line.split()
    return 0 < len(tokens) <= _HEADING_WORDS and not _SENTENCE_END.search(line.strip())


def tabular_lines(text: str) -> list[bool]:
    """For each line of the text, whether it is table text: rows, and headings standing beside them."""
    lines = text.splitlines()
    marks = [looks_tabular(line) for line in lines]
    # A heading joins a table of two rows or more; a lone reference ("15.2", "31/24") is no row.
    rows = [
        mark and (len(line.split()) > 1 or bool(_MEASURE.search(line))) for line, mark in zip(lines, marks, strict=True)
    ]
    # A column heading on its own line belongs to the table beside it; spread through such runs.
    changed = True
    while changed:
        changed = False
        for i, line in enumerate(lines):
            if marks[i] or not _fragment(line):
                continue
            beside = (i > 0 and marks[i - 1]) or (i + 1 < len(lines) and marks[i + 1])
            if beside and sum(rows[max(0, i - 3) : i + 4]) >= 2:
                marks[i] = changed = True
    return marks


def prose_only(text: str) -> str:
    """The text without its table lines, blank lines kept single, so what is left reads as prose."""
    kept: list[str] = []
    for line, tabular in zip(text.splitlines(), tabular_lines(text), strict=True):
        if tabular:
            continue
        if not line.strip() and (not kept or not kept[-1].strip()):
            continue
        kept.append(line)
    return "\n".join(kept).strip()
