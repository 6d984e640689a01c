"""PDF minutes as text (pdfplumber): pages in order, page furniture dropped, tables as TAB rows,
headings marked, and the extractor's line wrapping undone.

A single column is assumed, as minutes are set. Paragraphs are told apart by the space
between lines; a line is known to have wrapped when the next line's first word would not
have fitted after it.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1
from pdfplumber.utils.exceptions import PdfminerException

from corpus.language.bullets import SYMBOL_BULLETS
from corpus.parsed import ParseError
from corpus.read.blocks import Block, bold, bold_lead, heading, heading_levels, opens_dated
from corpus.read.limits import DEFAULT_LIMITS, Progress, ReadLimits, ReadProgress, over_limit, past_limit
from corpus.read.unwrap import ends_sentence, join_pair, unwrap

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:page\s+#(?:\s+of\s+#)?|#(?:\s+of\s+#)?|[-–]\s*#\s*[-–])$")
_UNMAPPED = re.compile(r"\(cid:\d+\)")
_EDGE = 2  # lines at the top and at the foot of a page where running headers and footers sit
_PARAGRAPH_GAP = 0.5  # of the font size: more space than this between lines starts a paragraph


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    x1: float
    size: float
    bold: bool
    first_width: float
    page: int
    page_width: float


@dataclass
class _Grid:
    rows: list[list[str]]
    top: float
    page: int


def read_pdf(
    data: bytes,
    path: str = "",
    limits: ReadLimits = DEFAULT_LIMITS,
    progress: Progress | None = None,
) -> list[Block]:
    """The PDF's text as blocks; raises ParseError for a corrupt, encrypted, image-only or over-limit PDF.

    `progress` hears of every page read.
    """
    try:
        # Not closed with `with`: pdfplumber's close() would first make an object for every page, however many.
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = []
        characters = 0
        for number, page, total in _pages(pdf, path, limits):
            lines, grids = _read_page(page, number)
            page.close()  # frees the page's characters and layout: memory follows one page, not the document
            pages.append((lines, grids))
            characters += sum(len(line.text) for line in lines)
            characters += sum(len(cell) for grid in grids for row in grid.rows for cell in row)
            if characters > limits.max_characters:
                what = "the PDF's text runs to"
                raise ParseError(past_limit(what, limits.max_characters, "character", "max_characters"), path)
            if progress is not None:
                progress(ReadProgress(number + 1, max(total, number + 1) if total else None, "page"))
    except ParseError:
        raise
    except PdfminerException as error:
        raise ParseError(_why(error.args[0] if error.args else error), path) from error
    except Exception as error:
        # pdfminer meets a damaged file with whatever error its parser hits first (PSEOF, KeyError,
        # struct.error, …); any of them means this one file cannot be read, not that ingest must stop.
        raise ParseError(_why(error), path) from error
    if not any(lines or grids for lines, grids in pages):
        raise ParseError("the PDF has no text layer (a scanned image?): no text to read", path)
    lines = _without_furniture([lines for lines, _ in pages], [bool(grids) for _, grids in pages])
    grids = [grid for _, page_grids in pages for grid in page_grids]
    return _blocks(_in_order(lines, grids))


def pdf_title(data: bytes) -> str | None:
    """The Title of the PDF's document information, if it gives one it can be read by."""
    try:
        title = pdfplumber.open(io.BytesIO(data)).metadata.get("Title")
    except Exception:  # a title is a hint: a file whose text was read but whose properties are damaged has none
        return None
    return (title.strip() or None) if isinstance(title, str) else None


def _pages(pdf: pdfplumber.PDF, path: str, limits: ReadLimits) -> Iterator[tuple[int, pdfplumber.page.Page, int]]:
    """Each page (0-based number, page, pages the PDF declares), one at a time; refused past `max_pages`.

    The count the page tree declares is checked before any page is made, and the pages actually found
    as they are made, since a damaged or crafted tree may understate it.
    """
    declared = _declared_pages(pdf)
    if declared > limits.max_pages:
        raise ParseError(over_limit("the PDF has", declared, limits.max_pages, "page", "max_pages"), path)
    for number, page in enumerate(PDFPage.create_pages(pdf.doc)):
        if number >= limits.max_pages:
            raise ParseError(past_limit("the PDF has", limits.max_pages, "page", "max_pages"), path)
        yield number, pdfplumber.page.Page(pdf, page, page_number=number + 1), declared


def _declared_pages(pdf: pdfplumber.PDF) -> int:
    """The page count the document's page tree states (0 when it states none)."""
    try:
        count = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
    except Exception:  # a damaged tree: the pages are counted as they are read instead
        return 0
    return count if isinstance(count, int) and count > 0 else 0


def _why(error: object) -> str:
    if isinstance(error, (PDFPasswordIncorrect, PDFEncryptionError)):
        return "the PDF is encrypted (password-protected): save an unprotected copy"
    return f"not a readable PDF (corrupt or truncated?): {error}".rstrip(": ")


def _read_page(page: pdfplumber.page.Page, number: int) -> tuple[list[_Line], list[_Grid]]:
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    # Sideways text (a margin stamp, a rotated page number) is not part of the minutes' lines.
    words = page.extract_words(extra_attrs=["fontname", "size"])
    if _glued(words):
        # Set with spaces narrower than pdfplumber's fixed tolerance: read again with one that scales with the type.
        words = page.extract_words(extra_attrs=["fontname", "size"], x_tolerance_ratio=_SPACE_RATIO)
    upright = [w for w in words if w["upright"]]
    words = [w for w in upright if not _inside(w, boxes)]
    underlined = _underlined(page, words, boxes)
    for word in upright:
        word["bold"] = bool(_BOLD_FONT.search(word["fontname"])) or id(word) in underlined
    grids = [_Grid(_table_rows(table, upright), table.bbox[1], number) for table in tables]
    return [_line(group, number, float(page.width)) for group in _rows_of(words)], grids


_UNDERLINE_GAP = 0.35  # of the font size: a rule at most this far below a word underlines it
_UNDERLINE_COVER = 0.7  # of the word's width the rule must run under
_LINK = re.compile(r"@|^(?:https?:|www\.)", re.IGNORECASE)
_UNDERLINE_LONGEST = 0.6  # of the page's width: a longer rule divides the page, it underlines no words


def _underlined(page: pdfplumber.page.Page, words: list[dict], boxes: list[tuple[float, ...]]) -> set[int]:
    """The words (by id) a thin rule is drawn under: an underlined heading as a word processor prints it.
    A table's borders underline nothing, nor does a rule across the page."""
    longest = _UNDERLINE_LONGEST * float(page.width)
    rules: dict[int, list[tuple[float, float]]] = {}
    for shape in [*page.lines, *page.rects]:
        x0, x1, top, bottom = shape["x0"], shape["x1"], shape["top"], shape["bottom"]
        if (
            bottom - top > 2
            or not 3 < x1 - x0 < longest
            or any(b[0] - 1 <= x0 and x1 <= b[2] + 1 and b[1] - 1 <= top <= b[3] + 1 for b in boxes)
        ):
            continue
        rules.setdefault(int(top), []).append((x0, x1))
    found: set[int] = set()
    for word in words if rules else []:
        if _LINK.search(word["text"]):
            continue  # a link is printed underlined wherever it stands
        low, high = word["bottom"] - 1, word["bottom"] + _UNDERLINE_GAP * word["size"]
        width = _UNDERLINE_COVER * (word["x1"] - word["x0"])
        for y in range(int(low), int(high) + 1):
            if any(min(x1, word["x1"]) - max(x0, word["x0"]) >= width for x0, x1 in rules.get(y, [])):
                found.add(id(word))
                break
    return found


_SPACE_RATIO = 0.15
_GLUED_LETTERS = 20  # no word of minutes is this long: several words run together
_GLUED_SHARE = 0.02
_LETTER_RUN = re.compile(rf"[^\W\d_]{{{_GLUED_LETTERS},}}")


def _glued(words: list[dict]) -> bool:
    """Whether the page's words ran together ("Thetreasurerpresentedthe…"): narrow spaces read as none."""
    glued = sum(1 for w in words if _LETTER_RUN.search(w["text"]) and "/" not in w["text"])  # not a web address
    return bool(words) and glued / len(words) >= _GLUED_SHARE


def _table_rows(table: pdfplumber.table.Table, words: list[dict]) -> list[list[str]]:
    """A table's rows of cell texts, a bold heading inside a cell marked as such ("1. | **Apologies** None
    were received."): minutes laid out as a table head each item in bold within its cell."""
    rows = []
    for extracted, row in zip(table.extract(), table.rows, strict=False):
        cells = []
        for text, box in zip(extracted, row.cells, strict=False):
            inside = [w for w in words if box is not None and _inside(w, [box])]
            cells.append(_marked_cell(inside) or _cell(text))
        rows.append(cells)
    return rows


def _marked_cell(words: list[dict]) -> str:
    """A cell's text with the bold runs that open its lines marked, when the cell is not bold throughout."""
    lines = _rows_of(words)
    if not lines:
        return ""
    bold = [[w["bold"] for w in line] for line in lines]
    if all(all(flags) for flags in bold) or not any(any(flags) for flags in bold):
        return _cell("\n".join(_mapped(_joined(line)) for line in lines))
    texts = [
        f"**{_joined(line)}**" if all(flags) else _lead_marked(line) for line, flags in zip(lines, bold, strict=True)
    ]
    return _cell("\n".join(_mapped(text) for text in texts))


def _inside(word: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _cell(text: str | None) -> str:
    joined = ""
    for part in (text or "").split("\n"):
        joined = join_pair(joined, part) if joined else part.strip()
    return joined


def _rows_of(words: list[dict]) -> list[list[dict]]:
    """Words grouped into printed lines: a word belongs to a line it overlaps by half its height."""
    rows: list[list[dict]] = []
    top = bottom = 0.0
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        overlap = min(bottom, word["bottom"]) - max(top, word["top"])
        if rows and overlap >= 0.5 * min(word["bottom"] - word["top"], bottom - top):
            rows[-1].append(word)
            top, bottom = min(top, word["top"]), max(bottom, word["bottom"])
        else:
            rows.append([word])
            top, bottom = word["top"], word["bottom"]
    return [sorted(row, key=lambda w: w["x0"]) for row in rows]


def _joined(words: list[dict]) -> str:
    """A printed line's words as text; words split only by a change of font ("20" + superscript "TH")
    are one word."""
    text = words[0]["text"] if words else ""
    for before, word in pairwise(words):
        touching = word["x0"] - before["x1"] < 0.1 * min(before["size"], word["size"])
        text += word["text"] if touching else " " + word["text"]
    return text


def _line(words: list[dict], page: int, page_width: float) -> _Line:
    flags = [w["bold"] for w in words]
    text = _lead_marked(words)
    sizes = Counter({round(w["size"] * 2) / 2: 0 for w in words})
    for w in words:
        sizes[round(w["size"] * 2) / 2] += len(w["text"])
    return _Line(
        text=_mapped(text),
        top=min(w["top"] for w in words),
        bottom=max(w["bottom"] for w in words),
        x1=max(w["x1"] for w in words),
        size=sizes.most_common(1)[0][0],
        bold=all(flags),
        first_width=words[0]["x1"] - words[0]["x0"],
        page=page,
        page_width=page_width,
    )


def _lead_marked(words: list[dict]) -> str:
    """A printed line's text with the bold words that open it marked ("**3. Hall roof:** Quotes were …"), as the
    other readers mark a heading run in ahead of its minute (blocks.bold_lead); else its plain text."""
    lead = next((i for i, word in enumerate(words) if not word["bold"]), len(words))
    if not 0 < lead < len(words) or words[lead]["x0"] - words[lead - 1]["x1"] < 0.1 * words[lead]["size"]:
        return _joined(words)  # no bold lead, or one word whose letters changed font ("Sta" + "ff")
    return bold_lead([(_joined(words[:lead]), True), (" " + _joined(words[lead:]), False)])


def _mapped(text: str) -> str:
    """Glyphs the PDF gives no character for ("(cid:127)"): at a line's start a bullet, elsewhere nothing."""
    text = _UNMAPPED.sub("•", text, count=1) if text.startswith("(cid:") else text
    # A Symbol-font bullet comes through as a private-use character: printed as the bullet it shows.
    text = "•" + text[1:] if text[:1] and text[0] in SYMBOL_BULLETS else text
    return re.sub(r"  +", " ", _UNMAPPED.sub("", text))


def _without_furniture(pages: list[list[_Line]], tabled: list[bool]) -> list[_Line]:
    """Every page's lines less page numbers and the headers and footers repeated on most pages.

    Lines repeated on most pages are furniture only when most pages have other text (or a table, `tabled`): a
    document whose every page is the same few lines (numbers aside) is those lines, not an empty document.
    """
    edges = [page[:_EDGE] + page[-_EDGE:] for page in pages]
    seen = Counter(key for edge in edges for key in {_key(line) for line in edge})
    repeated = {key for key, count in seen.items() if count >= 2 and count >= len(pages) / 2}
    # A footer of several lines may stand one line further in on a page than on the others: where lines are
    # found repeated, they are looked for a line further in too.
    edges = [page[: _EDGE + 1] + page[-_EDGE - 1 :] for page in pages]
    kept = _kept(pages, edges, repeated)
    written = [page for page, table in zip(pages, tabled, strict=True) if page or table]
    if sum(1 for page, table in zip(kept, tabled, strict=True) if page or table) <= len(written) / 2:
        kept = _kept(pages, edges, set())
    elif not opens_dated(line.text for page in kept for line in page):
        # "… Annual General Meeting 14th October 2021" atop every page, and nowhere else: the one place the
        # minutes say when the meeting was (a header beside a date the page prints is a printing date).
        kept = _kept(pages, edges, repeated, heading=True)
    return [line for page in kept for line in page]


def _kept(
    pages: list[list[_Line]], edges: list[list[_Line]], repeated: set[str], heading: bool = False
) -> list[list[_Line]]:
    """Each page's lines less its page numbers and the `repeated` lines at its edges; with `heading`, a header
    repeated atop every page is kept atop the first, where it names the meeting."""
    kept: list[list[_Line]] = []
    for page, edge in zip(pages, edges, strict=True):
        opening = {id(line) for line in page[:_EDGE]} if heading and not any(kept) else set()
        furniture = {
            id(line)
            for line in edge
            if (_key(line) in repeated and id(line) not in opening) or _PAGE_NUMBER.match(_key(line))
        }
        kept.append([line for line in page if id(line) not in furniture])
    return kept


def _key(line: _Line) -> str:
    return re.sub(r"\d+", "#", line.text.strip().lower())


def _in_order(lines: list[_Line], grids: list[_Grid]) -> list[_Line | _Grid]:
    """Lines and tables top to bottom, page by page; a table running on over a page break is one."""
    items: list[_Line | _Grid] = sorted([*lines, *grids], key=lambda item: (item.page, item.top))
    merged: list[_Line | _Grid] = []
    for item in items:
        last = merged[-1] if merged else None
        if (
            isinstance(item, _Grid)
            and isinstance(last, _Grid)
            and last.page == item.page - 1
            and last.rows
            and item.rows
            and len(last.rows[0]) == len(item.rows[0])
        ):
            last.rows.extend(item.rows)
            last.page = item.page
        else:
            merged.append(item)
    return merged


def _blocks(items: list[_Line | _Grid]) -> list[Block]:
    lines = [item for item in items if isinstance(item, _Line)]
    levels = heading_levels(_characters_by_size(lines))
    right = _right_edges(lines)
    full = _reached_margin(items, right)
    blocks: list[Block] = []
    group: list[_Line] = []
    for index, item in enumerate(items):
        previous = items[index - 1] if index else None
        if isinstance(item, _Grid):
            blocks.extend(_text_block(group, levels, full))
            blocks.append(Block(rows=item.rows))
            group = []
            continue
        if isinstance(previous, _Line) and group:
            # A heading or a bold line is a paragraph of its own, however close the next line sits.
            style_changed = (levels.get(item.size), item.bold) != (levels.get(previous.size), previous.bold)
            if style_changed or _paragraph_break(previous, item, full[id(previous)]):
                blocks.extend(_text_block(group, levels, full))
                group = []
        group.append(item)
    blocks.extend(_text_block(group, levels, full))
    return blocks


def _text_block(group: list[_Line], levels: dict[float, int], full: dict[int, bool]) -> list[Block]:
    if not group:
        return []
    texts = unwrap([line.text for line in group], [full[id(line)] for line in group])
    first = group[0]
    if first.size in levels:
        texts = [heading(t, levels[first.size]) for t in texts if t]
    elif first.bold:
        texts = [bold(t) for t in texts if t]
    return [Block(texts)]


def _paragraph_break(previous: _Line, line: _Line, reached: bool) -> bool:
    if line.page != previous.page:
        # A page break says nothing: a wrapped line runs on, anything else starts afresh.
        return not (reached and not ends_sentence(previous.text))
    return line.top - previous.bottom > _PARAGRAPH_GAP * max(previous.size, line.size)


def _characters_by_size(lines: Iterable[_Line]) -> Counter[float]:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes


def _right_edges(lines: list[_Line]) -> dict[float, float]:
    """The text's right margin on pages of each width (portrait and landscape differ)."""
    edges: dict[float, float] = {}
    for line in lines:
        edges[line.page_width] = max(edges.get(line.page_width, 0.0), line.x1)
    return edges


def _reached_margin(items: list[_Line | _Grid], right: dict[float, float]) -> dict[int, bool]:
    """For each line, whether the next line's first word would not have fitted after it."""
    full: dict[int, bool] = {}
    for index, item in enumerate(items):
        if not isinstance(item, _Line):
            continue
        after = items[index + 1] if index + 1 < len(items) else None
        room = right[item.page_width] - item.x1
        full[id(item)] = isinstance(after, _Line) and room < after.first_width + 0.5 * item.size
    return full
