"""Word minutes as text (python-docx): body paragraphs and tables in document order.

Word's automatic numbering is not in the text of a paragraph: "78. Apologies" is stored as
"Apologies" plus numbering properties. The numbers are recounted here from the numbering
part, or the minute numbers every citation relies on would be lost.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import docx
from docx.document import Document
from docx.enum.text import WD_UNDERLINE
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree
from lxml.etree import _Element

from corpus.language.dates import dates_in
from corpus.parsed import ParseError
from corpus.read.blocks import Block, bold, bold_lead, heading, heading_levels, opens_dated
from corpus.read.html import read_html
from corpus.read.limits import DEFAULT_LIMITS, MEGABYTE, Progress, ReadLimits, ReadProgress, over_limit, past_limit
from corpus.read.numbers import render

# Elements that hold a paragraph's runs; w:del and w:moveFrom hold text tracked as deleted, so are left out.
_RUN_CONTAINERS = {
    qn(tag)
    for tag in ("w:ins", "w:moveTo", "w:hyperlink", "w:smartTag", "w:fldSimple", "w:customXml", "w:sdt", "w:sdtContent")
}
_HEADING_STYLE = re.compile(r"^heading\s+(\d)$", re.IGNORECASE)
_UNREADABLE = "not a readable Word .docx file (corrupt, or another kind of file renamed?)"
_CENTRAL_ENTRY = b"PK\x01\x02"  # what starts each member's entry in a zip's central directory
_CHUNK = MEGABYTE
_PROGRESS_EVERY = 1000  # body elements (paragraphs and tables) between reports


def read_docx(
    data: bytes,
    path: str = "",
    limits: ReadLimits = DEFAULT_LIMITS,
    progress: Progress | None = None,
) -> list[Block]:
    """The document's body as blocks; raises ParseError for a file that is not a readable .docx or is over `limits`."""
    check_package(data, path, limits)
    try:
        document = docx.Document(io.BytesIO(_transitional(data)))
    except Exception as error:
        # A damaged package fails wherever python-docx first trips (PackageNotFoundError, BadZipFile,
        # KeyError, XMLSyntaxError, …): this one file cannot be read, and ingest goes on with the rest.
        raise ParseError(_UNREADABLE, path) from error
    blocks: list[Block] = []
    body = document.element.body
    total, characters = len(body), 0
    children = list(_flow(body))
    reading = _Reading(document, Numbering.of(document), _Styles.of(document), path=path, limits=limits)
    reading.levels = _size_levels(children, reading)
    for done, child in enumerate(children, start=1):
        before = len(blocks)
        blocks.extend(_element_blocks(child, reading))
        for block in blocks[before:]:  # an empty paragraph adds none
            characters += sum(map(len, block.lines)) + sum(len(cell) for row in block.rows or [] for cell in row)
        if characters > limits.max_characters:
            what = "the Word file's text runs to"
            raise ParseError(past_limit(what, limits.max_characters, "character", "max_characters"), path)
        if progress is not None and done % _PROGRESS_EVERY == 0:
            progress(ReadProgress(min(done, total), total, "paragraph"))
    return _page_heading(document, reading, blocks) + blocks


def _element_blocks(child: _Element, reading: _Reading) -> list[Block]:
    if child.tag == _ALT_CHUNK:
        return _alt_chunk(child, reading)
    try:
        if child.tag == qn("w:p"):
            return _paragraph_block(Paragraph(child, reading.document), reading)
        return _table_blocks(child, reading)
    except (IndexError, KeyError, ValueError, AttributeError):
        # One paragraph or table python-docx cannot interpret (an odd style, list or grid) is read as
        # its plain text rather than costing the whole document.
        return [_plain(child)]


def _page_heading(document: Document, reading: _Reading, blocks: list[Block]) -> list[Block]:
    """The first page's header, or else its footer, when it dates the meeting and the body's opening does not:
    a board's template often prints "Minutes of the … meeting held on …" only at the head of each page."""
    opening = (line for block in blocks for line in block.lines or ["\t".join(r) for r in block.rows or []])
    if not document.sections or opens_dated(opening):
        return []
    section = document.sections[0]
    first = section.different_first_page_header_footer
    for part in (section.first_page_header, section.first_page_footer) if first else (section.header, section.footer):
        try:
            if part.is_linked_to_previous:
                continue
            found = [b for child in _flow(part._element) for b in _element_blocks(child, reading)]
        except (KeyError, ValueError, AttributeError):
            continue  # a header part the package names but does not hold costs the hint only
        if any(dates_in(line) for block in found for line in block.lines):
            return found
    return []


_CORE = "docProps/core.xml"
_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def docx_title(data: bytes) -> str | None:
    """The title in the Word file's properties (docProps/core.xml), if it has one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if _CORE not in package.namelist() or package.getinfo(_CORE).file_size > MEGABYTE:
                return None
            root = etree.fromstring(package.read(_CORE), parser=etree.XMLParser(resolve_entities=False))
    except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError, ValueError):
        return None  # a title is a hint: damaged properties cost the hint, not the document
    title = root.find(_TITLE)
    return ((title.text or "").strip() or None) if title is not None else None


def check_package(data: bytes, path: str, limits: ReadLimits) -> None:
    """Refuse a zip package that would unpack past `limits`, before anything unpacks it.

    Every member is then read through once, a chunk at a time, so a member whose zip header
    understates its size or checksum is refused here, in bounded memory, with a line that says so.
    """
    # Counted in the raw bytes, because ZipFile makes an object per member before anyone can count them.
    # A stray match inside compressed data can only overcount.
    members = data.count(_CENTRAL_ENTRY)
    if members > limits.max_zip_members:
        what = "the Word file holds"
        raise ParseError(over_limit(what, members, limits.max_zip_members, "part", "max_zip_members"), path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
            unpacked = sum(info.file_size for info in infos)
            if unpacked > limits.max_unpacked_mb * MEGABYTE:
                size = math.ceil(unpacked / MEGABYTE)
                raise ParseError(
                    over_limit("the Word file unpacks to", size, limits.max_unpacked_mb, "MB", "max_unpacked_mb"), path
                )
            for info in infos:
                _read_through(package, info)
    except ParseError:
        raise
    except zipfile.BadZipFile as error:
        if "CRC" in str(error):
            # zipfile stops at the size the header declares, so a part that says less than it holds ends here.
            raise ParseError(
                "a part of the Word file does not match its zip header (its size or checksum); damaged "
                "or crafted, not read",
                path,
            ) from error
        raise ParseError(_UNREADABLE, path) from error
    except (zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError) as error:
        # A damaged stream, an unsupported compression or an encrypted member.
        raise ParseError(_UNREADABLE, path) from error


# Strict Open XML (as Word's "Strict Open XML Document" saves) names its parts' vocabularies under purl.oclc.org;
# python-docx knows only the transitional names, which differ by their address and a "2006".
_STRICT = re.compile(rb"http://purl\.oclc\.org/ooxml/(\w+)/(\w+)")
_TRANSITIONAL = rb"http://schemas.openxmlformats.org/\1/2006/\2"


def _transitional(data: bytes) -> bytes:
    """A Strict Open XML package with its vocabularies renamed as transitional Word files name them; any other
    package as it is. Run after check_package, so every part is known to unpack within limits."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        if b"purl.oclc.org/ooxml" not in package.read("[Content_Types].xml") + package.read("_rels/.rels"):
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as renamed:
            for info in package.infolist():
                part = package.read(info)
                if info.filename.endswith((".xml", ".rels")):
                    part = _STRICT.sub(_TRANSITIONAL, part)
                renamed.writestr(info, part)
    return out.getvalue()


def _read_through(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    with package.open(info) as member:
        while member.read(_CHUNK):
            pass


def _body(element: _Element) -> Iterator[_Element]:
    """The element's children in order, with those inside content controls (w:sdt) in their place."""
    for child in element:
        if child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body(content)
        else:
            yield child


def _flow(element: _Element) -> Iterator[_Element]:
    """The paragraphs and tables the body reads as, in order: a table that only lays the page out (one
    column, or tables inside its cells) is read as the paragraphs and tables inside it, and a text box as
    its own paragraphs ahead of the paragraph it is anchored to."""
    for child in _body(element):
        if child.tag == _ALT_CHUNK:
            yield child
        elif child.tag == qn("w:p"):
            for box in _text_boxes(child):
                yield from _flow(box)
            yield child
        elif child.tag == qn("w:tbl") and _is_layout(child):
            for row in _body(child):
                for cell in _body(row):
                    if cell.tag == qn("w:tc"):
                        yield from _flow(cell)
        elif child.tag == qn("w:tbl"):
            yield child


_ALT_CHUNK = qn("w:altChunk")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _alt_chunk(chunk: _Element, reading: _Reading) -> list[Block]:
    """A part of the body kept in another format (a web system's export puts the whole minutes in HTML
    this way): read by that format's reader, where it is a web page or plain text."""
    try:
        part = reading.document.part.related_parts[chunk.get(qn("r:id"))]
    except KeyError:
        return []  # a chunk whose part the package does not hold
    if part.content_type in _HTML_TYPES:
        return read_html(part.blob, reading.path, reading.limits)
    if part.content_type == "text/plain":
        return [Block([line for line in part.blob.decode("utf-8", "replace").splitlines() if line.strip()])]
    return []


_TEXT_BOX = qn("w:txbxContent")
# A text box is stored twice: as a drawing (mc:Choice) and, for older Word, as a VML shape (mc:Fallback).
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _text_boxes(paragraph: _Element) -> Iterator[_Element]:
    """The text boxes anchored in a paragraph (a banner with the board's name and the meeting's date, a box
    of actions), each once: not a box inside another, nor the copy kept for older versions of Word."""
    for box in paragraph.iter(_TEXT_BOX):
        between = box.getparent()
        while between is not None and between is not paragraph:
            if between.tag in (_TEXT_BOX, _FALLBACK):
                break
            between = between.getparent()
        else:
            yield box


def _is_layout(table: _Element) -> bool:
    rows = [row for row in _body(table) if row.tag == qn("w:tr")]
    cells = [[cell for cell in _body(row) if cell.tag == qn("w:tc")] for row in rows]
    if all(len(row) <= 1 for row in cells):
        return True
    return any(child.tag == qn("w:tbl") for row in cells for cell in row for child in _body(cell))


def _paragraph_block(paragraph: Paragraph, reading: _Reading) -> list[Block]:
    look = reading.styles.look(paragraph)
    lines = _paragraph_lines(paragraph, reading, look)
    if not lines:
        return []
    level = _heading_level(paragraph, look) or _size_level(paragraph, reading, look)
    if level:
        lines = [heading(line, level) for line in lines]
    elif _all_bold(paragraph, reading.styles, look):
        lines = [bold(line) for line in lines]
    return [Block(lines)]


def _size_levels(children: list[_Element], reading: _Reading) -> dict[float, int]:
    """Heading levels by font size, from the characters of the body's paragraphs at each size (blocks.heading_levels):
    minutes typed without heading styles still set their headings larger than their text."""
    characters: Counter[float] = Counter()
    for child in children:
        if child.tag != qn("w:p"):
            continue
        paragraph = Paragraph(child, reading.document)
        try:
            look = reading.styles.look(paragraph)
            for run in _runs(paragraph):
                characters[reading.styles.size(run, look)] += len(run.text.strip())
        except (IndexError, KeyError, ValueError, AttributeError):
            continue  # a paragraph python-docx cannot interpret is read as plain text, its size unknown
    return heading_levels(characters)


def _size_level(paragraph: Paragraph, reading: _Reading, look: _Look) -> int | None:
    """The heading level of a paragraph every word of which is set in one of the heading sizes."""
    found = {reading.levels.get(reading.styles.size(run, look)) for run in _runs(paragraph) if run.text.strip()}
    return min(found) if found and None not in found else None  # type: ignore[type-var]


def _paragraph_lines(paragraph: Paragraph, reading: _Reading, look: _Look) -> list[str]:
    """The paragraph's lines (a manual line break starts one; bold words that open one marked, blocks.bold_lead),
    its list number or bullet in front."""
    parts: list[list[tuple[str, bool]]] = [[]]
    for run in _runs(paragraph):
        is_bold = _run_bold(run, reading.styles, look)
        text = run.text.upper() if _capitals(run, look) else run.text
        for index, piece in enumerate(text.split("\n")):
            if index:
                parts.append([])
            parts[-1].append((piece, is_bold))
    lines = [line for line in (bold_lead(line_parts) for line_parts in parts) if line]
    label = reading.numbering.label(paragraph)
    if lines and label:
        lines[0] = f"{label} {lines[0]}"
    return lines


def _runs(paragraph: Paragraph) -> list[Run]:
    """The paragraph's runs, including those in links, fields and tracked insertions, but not deletions."""

    def inside(element: _Element) -> Iterator[_Element]:
        for child in element:
            if child.tag == qn("w:r"):
                yield child
            elif child.tag in _RUN_CONTAINERS:
                yield from inside(child)

    return [Run(r, paragraph) for r in inside(paragraph._p)]


def _plain(element: _Element) -> Block:
    """A paragraph's or table's words straight from the XML (its w:t text): no styles, lists or numbering."""
    if element.tag == qn("w:tbl"):
        rows = [[_words(cell) for cell in row.iter(qn("w:tc"))] for row in element.iter(qn("w:tr"))]
        return Block(rows=rows)
    return Block([_words(element)] if _words(element) else [])


def _words(element: _Element) -> str:
    return "".join(element.xpath(".//w:t/text()")).strip()


# "4.1 The Treasurer presented …" below a row's title in its cell: a sub-item of the row's item.
_SUB_NUMBERED = re.compile(r"^\(?\d{1,3}(?:\.\d{1,3})+\.?\)?\s+\S")


def _table_blocks(table: _Element, reading: _Reading) -> list[Block]:
    """A table's rows; the sub-items a cell numbers below the row's own title ("4.1 …", "4.2 …") set out after
    their row as paragraphs of their own, where each can be read as an item rather than run into one line."""
    blocks: list[Block] = []
    rows: list[list[str]] = []
    for row in _body(table):
        if row.tag != qn("w:tr"):
            continue
        cells: list[str] = []
        spilled: list[str] = []
        for cell in _body(row):
            if cell.tag == qn("w:tc"):
                # The row's first cell opens with its own number ("4.1" in a row of its own); a later cell may
                # open with the first sub-item under the number the row has given already.
                kept, below = _cell_parts(cell, reading, beside=bool(cells))
                cells.append(_joined_parts(kept))
                spilled += below
        rows.append(cells)
        if spilled:
            blocks += [Block(rows=rows), *(Block(lines=[line]) for line in spilled)]
            rows = []
    if rows or not blocks:
        blocks.append(Block(rows=rows))
    return blocks


def _rows(table: _Element, reading: _Reading) -> list[list[str]]:
    return [
        [_cell_text(cell, reading) for cell in _body(row) if cell.tag == qn("w:tc")]
        for row in _body(table)
        if row.tag == qn("w:tr")
    ]


def _cell_text(cell: _Element, reading: _Reading) -> str:
    """The cell's paragraphs on one line (see _joined_parts)."""
    kept, below = _cell_parts(cell, reading)
    return " ".join([_joined_parts(kept), *below]).strip()


def _cell_parts(cell: _Element, reading: _Reading, beside: bool = False) -> tuple[list[tuple[str, bool]], list[str]]:
    """The cell's lines, each with whether it is wholly in bold; and apart, from the first sub-item numbered
    below the cell's opening ("4.1 …"; at its opening too for a cell `beside` the row's first), the lines from
    there on."""
    parts: list[tuple[str, bool]] = []
    below: list[str] = []
    for child in _body(cell):
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, reading.document)
            look = reading.styles.look(paragraph)
            bold_throughout = _all_bold(paragraph, reading.styles, look)
            for line in _paragraph_lines(paragraph, reading, look):
                if below or ((parts or beside) and _SUB_NUMBERED.match(line)):
                    below.append(bold(line) if bold_throughout else line)
                else:
                    parts.append((line, bold_throughout))
        elif child.tag == qn("w:tbl"):  # a table inside a cell is read as that cell's text
            rows = [" ".join(row) for row in _rows(child, reading)]
            if below:
                below.extend(rows)
            else:
                parts.extend((row, False) for row in rows)
    return parts, below


def _joined_parts(parts: list[tuple[str, bool]]) -> str:
    """Lines of a cell on one line; a line wholly in bold is marked when others are not (a heading inside the
    cell: "**Hall roof** Two quotes were …"), as the PDF reader marks one."""
    if all(is_bold for _, is_bold in parts):
        return " ".join(text for text, _ in parts)
    return " ".join(bold(text) if is_bold else text for text, is_bold in parts)


def _styles(style: BaseStyle | None) -> Iterator[BaseStyle]:
    """The style and those it is based on."""
    seen = 0
    while style is not None and seen < 10:
        yield style
        style, seen = style.base_style, seen + 1


@dataclass(frozen=True)
class _Look:
    """What a paragraph style sets (with the styles it is based on): bold, underline, size, capitals, and
    the heading level its name or outline level gives."""

    bold: bool = False
    underline: bool = False
    size: float | None = None
    capitals: bool = False
    named_level: int | None = None  # "Title", "Heading 2"
    outline_level: int | None = None  # a board's own "Minute heading" style, set at an outline level


@dataclass
class _Styles:
    """The document's styles, each read once: python-docx searches the styles part at every lookup, and a
    Word file sets most of its text by style."""

    document: Document
    default_size: float
    paragraphs: dict[str | None, _Look] = field(default_factory=dict)
    characters: dict[str | None, tuple[object, object]] = field(default_factory=dict)  # rStyle: bold, size

    @classmethod
    def of(cls, document: Document) -> _Styles:
        found = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
        value = _val(found)
        # Half-points; Word's own default is 10 pt.
        return cls(document, int(value) / 2 if value and value.isdigit() else 10.0)

    def look(self, paragraph: Paragraph) -> _Look:
        key = paragraph._p.style
        if key not in self.paragraphs:
            self.paragraphs[key] = _look(list(_styles(paragraph.style)))
        return self.paragraphs[key]

    def character(self, run: Run) -> tuple[object, object]:
        """The bold and size a run's character style ("Strong") sets, if any."""
        key = run._r.style
        if key not in self.characters:
            try:
                font = run.style.font if run.style is not None else None
            except (KeyError, ValueError, AttributeError):
                font = None  # a run naming a style the file does not define
            self.characters[key] = (font.bold, font.size) if font is not None else (None, None)
        return self.characters[key]

    def size(self, run: Run, look: _Look) -> float:
        """The run's font size in points: its own, else its character style's, its paragraph style's, the
        document's default."""
        size = run.font.size or self.character(run)[1]
        if size is not None:
            return round(size.pt * 2) / 2  # type: ignore[attr-defined]
        return look.size if look.size is not None else self.default_size


def _look(chain: list[BaseStyle]) -> _Look:
    def first(attribute: str) -> object:
        return next((v for s in chain if (v := getattr(s.font, attribute)) is not None), None)

    named = None
    for each in chain:
        name = (each.name or "").lower()
        if name == "title" or (m := _HEADING_STYLE.match(name)):
            named = 1 if name == "title" else int(m[1])
            break
    outline = next((level for style in chain if (level := _outline(style.element)) is not None), None)
    size = first("size")
    return _Look(
        bold=bool(first("bold")),
        underline=first("underline") not in (None, False, WD_UNDERLINE.NONE),
        size=round(size.pt * 2) / 2 if size is not None else None,  # type: ignore[attr-defined]
        capitals=bool(first("all_caps") or first("small_caps")),
        named_level=named,
        outline_level=outline,
    )


def _outline(element: _Element) -> int | None:
    """The outline level (1 and down) a paragraph or style sets; None for none, or for body text (9)."""
    properties = element.find(qn("w:pPr"))
    outline = _val(properties.find(qn("w:outlineLvl"))) if properties is not None else None
    return int(outline) + 1 if outline is not None and outline.isdigit() and int(outline) < 9 else None


def _heading_level(paragraph: Paragraph, look: _Look) -> int | None:
    """The level of a heading style (Title, Heading N), else of an outline level set on the paragraph or its
    style."""
    return look.named_level or _outline(paragraph._p) or look.outline_level


def _capitals(run: Run, look: _Look) -> bool:
    """Whether the run is shown in capitals (all caps or small caps) whatever its letters are stored as."""
    own = [run.font.all_caps, run.font.small_caps]
    if any(own):
        return True
    return look.capitals and not any(value is False for value in own)


def _all_bold(paragraph: Paragraph, styles: _Styles, look: _Look) -> bool:
    runs = [run for run in _runs(paragraph) if run.text.strip()]
    if not runs:
        return False
    return all(_run_bold(run, styles, look) for run in runs)


def _run_bold(run: Run, styles: _Styles, look: _Look) -> bool:
    """Whether a run is set apart as headings are: in bold (by its own formatting, else its character style
    ("Strong"), else the paragraph's style), or underlined by its own formatting or its paragraph's style
    (a link's underline is its character style's, and says nothing)."""
    bold = run.bold if run.bold is not None else styles.character(run)[0]
    if bold if bold is not None else look.bold:
        return True
    if run.underline is None:
        return look.underline
    return run.underline not in (False, WD_UNDERLINE.NONE)


@dataclass
class _Reading:
    """What reading one document's paragraphs needs: its lists as counted so far, its styles, its heading sizes."""

    document: Document
    numbering: Numbering
    styles: _Styles
    levels: dict[float, int] = field(default_factory=dict)
    path: str = ""
    limits: ReadLimits = DEFAULT_LIMITS


@dataclass
class _Level:
    start: int
    fmt: str
    text: str


@dataclass
class Numbering:
    """The document's lists, counted as Word counts them while the paragraphs are read in order."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # by abstractNumId
    lists: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId: abstract, restarts
    counts: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Document) -> Numbering:
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return cls()
        numbering = cls()
        styled: dict[str, str] = {}  # a list style's name: the abstract list that defines its levels
        pointers: dict[str, str] = {}  # an abstract list that only points at a list style: that style's name
        for abstract in root.iter(qn("w:abstractNum")):
            abstract_id = abstract.get(qn("w:abstractNumId"))
            numbering.levels[abstract_id] = {
                int(lvl.get(qn("w:ilvl"), "0")): _level(lvl) for lvl in abstract.iter(qn("w:lvl"))
            }
            if name := _val(abstract.find(qn("w:styleLink"))):
                styled[name] = abstract_id
            if name := _val(abstract.find(qn("w:numStyleLink"))):
                pointers[abstract_id] = name
        # Lists set by a list style ("1 / 1.1 / 1.1.1" outlines in a board's template) keep their levels there.
        for abstract_id, name in pointers.items():
            if not numbering.levels[abstract_id] and name in styled:
                numbering.levels[abstract_id] = numbering.levels[styled[name]]
        for num in root.iter(qn("w:num")):
            abstract_id = _val(num.find(qn("w:abstractNumId")))
            restarts = {
                int(o.get(qn("w:ilvl"), "0")): int(_val(o.find(qn("w:startOverride"))) or 1)
                for o in num.iter(qn("w:lvlOverride"))
                if o.find(qn("w:startOverride")) is not None
            }
            numbering.lists[num.get(qn("w:numId"))] = (abstract_id or "", restarts)
        return numbering

    def label(self, paragraph: Paragraph) -> str | None:
        """The paragraph's rendered number ("78.", "2.1", "(b)") or "•", counting it; None if unnumbered."""
        found = _numbering_properties(paragraph)
        if found is None or found[0] not in self.lists:
            return None
        num_id, level = found
        abstract_id, restarts = self.lists[num_id]
        levels = self.levels.get(abstract_id, {})
        if level not in levels:
            return None
        # Lists that restart their numbering count on their own; the others share the abstract list's count.
        counts = self.counts.setdefault(num_id if restarts else abstract_id, {})
        counts[level] = counts[level] + 1 if level in counts else restarts.get(level, levels[level].start)
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]  # a level restarts when a higher level advances
        if levels[level].fmt == "bullet":
            return "•"

        def value(m: re.Match[str]) -> str:
            at = int(m[1]) - 1
            kind = levels.get(at, levels[level])
            return render(counts.get(at, restarts.get(at, kind.start)), kind.fmt)

        return re.sub(r"%([1-9])", value, levels[level].text).strip() or None


def _level(lvl: _Element) -> _Level:
    start = _val(lvl.find(qn("w:start")))
    return _Level(
        start=int(start) if start and start.lstrip("-").isdigit() else 0,
        fmt=_val(lvl.find(qn("w:numFmt"))) or "decimal",
        text=_val(lvl.find(qn("w:lvlText"))) or "",
    )


def _val(element: _Element | None) -> str | None:
    return None if element is None else element.get(qn("w:val"))


def _numbering_properties(paragraph: Paragraph) -> tuple[str, int] | None:
    """(numId, level) set on the paragraph, or else on its style or a style it is based on."""
    own = paragraph._p.pPr
    candidates = [own.find(qn("w:numPr")) if own is not None else None]
    for style in _styles(paragraph.style):
        ppr = style.element.find(qn("w:pPr"))
        candidates.append(ppr.find(qn("w:numPr")) if ppr is not None else None)
    num_id, level = None, None
    for numpr in candidates:
        if numpr is None:
            continue
        num_id = num_id or _val(numpr.find(qn("w:numId")))
        found = _val(numpr.find(qn("w:ilvl")))
        level = level if level is not None else (int(found) if found else None)
    if not num_id or num_id == "0":  # numId 0 switches numbering off
        return None
    return num_id, level or 0
