"""The acceptance test of reading: each bundled seed, set as a clerk would publish it (PDF, Word, web
page), reads to the same meetings and items as its text.

The seeds' text carries markdown-ish marks ("#", "**", "- ", "1. ") and TAB-separated tables;
they are rendered as what they stand for: headings as headings, bold as bold, lists as lists
(in Word, numbered by Word's own numbering, so the numbers are not in the text), tables as
real tables. The PDFs use an ordinary A4 page, so long lines wrap and must be unwrapped.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import docx
import pdfplumber
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from corpus.ingest import ingest_file
from corpus.manifest import load_manifest
from corpus.parsed import ParsedDocument
from corpus.read import ReadDocument, read_document
from corpus.shapes import parse_text
from tests.seeds import BUNDLED, parse_seed, seed

SEEDS = ["000", "001", "002", "003", "004"]
FORMATS = ["pdf", "docx", "html", "md"]


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    sup: bool = False


@dataclass
class Block:
    kind: str  # "heading", "paragraph", "bullet", "number", "table"
    lines: list[list[Run]] = field(default_factory=list)  # a paragraph's lines (markdown hard breaks)
    level: int = 0
    number: int = 0
    rows: list[list[str]] = field(default_factory=list)


_INLINE = re.compile(r"\*\*(?P<b>.+?)\*\*|(?<![\w*])\*(?P<i>[^*\s][^*]*?)\*(?![\w*])|<sup>(?P<s>.*?)</sup>")
_TAGS = re.compile(r"</?u>")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_ESCAPED = re.compile(r"\\([*_#\[\]()\\-])")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^(\s*)-\s+(.*)$")
_NUMBER = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")


def runs(text: str, bold: bool = False) -> list[Run]:
    """A line's words with their emphasis, the markdown marks taken off."""
    text = _LINK.sub(r"\1", _TAGS.sub("", text))
    escapes: list[str] = []
    text = _ESCAPED.sub(lambda m: escapes.append(m[1]) or f"\x00{len(escapes) - 1}\x00", text)

    def plain(piece: str) -> str:
        return re.sub(r"\x00(\d+)\x00", lambda m: escapes[int(m[1])], piece)

    out, position = [], 0
    for m in _INLINE.finditer(text):
        out.append(Run(plain(text[position : m.start()]), bold))
        if m["b"] is not None:
            out.extend(runs(plain(m["b"]), bold=True))
        else:
            out.append(Run(plain(m["i"] or m["s"] or ""), bold, italic=m["i"] is not None, sup=m["s"] is not None))
        position = m.end()
    out.append(Run(plain(text[position:]), bold))
    return [run for run in out if run.text]


def blocks(text: str) -> list[Block]:
    """The seed as a clerk's document: one block per paragraph, heading, list entry or table."""
    out: list[Block] = []
    continues = False  # the last line ended in a markdown hard break ("  ")
    for line in text.splitlines():
        if "\t" in line:
            cells = ["".join(r.text for r in runs(cell.strip())) for cell in line.split("\t")]
            if out and out[-1].kind == "table" and continues:
                out[-1].rows.append(cells)
            else:
                out.append(Block("table", rows=[cells]))
            continues = True
            continue
        if not line.strip():
            continues = False
            continue
        body = line.strip()
        if continues and out[-1].kind != "table":
            out[-1].lines.append(runs(body))
        elif m := _HEADING.match(body):
            out.append(Block("heading", [runs(m[2])], level=len(m[1])))
        elif m := _BULLET.match(line):
            out.append(Block("bullet", [runs(m[2])], level=1 if m[1] else 0))
        elif m := _NUMBER.match(body):
            out.append(Block("number", [runs(m[2])], number=int(m[1])))
        else:
            out.append(Block("paragraph", [runs(body)]))
        continues = line.endswith("  ")
    for block in out:
        width = max((len(row) for row in block.rows), default=0)
        block.rows = [row + [""] * (width - len(row)) for row in block.rows]
    return out


# ---- PDF: an A4 page, type sizes a clerk's template would use, a running header and page numbers.

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12, spaceAfter=6)
CELL = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=9.6)
HEADING_SIZES = [18, 16, 14, 13, 12, 12]


def _pdf_text(lines: list[list[Run]]) -> str:
    def one(run: Run) -> str:
        # The standard PDF fonts cover Windows-1252; the seeds' few other characters sit in tables.
        text = xml_escape(run.text.encode("cp1252", "replace").decode("cp1252"))
        text = f"<super>{text}</super>" if run.sup else text
        text = f"<i>{text}</i>" if run.italic else text
        return f"<b>{text}</b>" if run.bold else text

    return "<br/>".join("".join(one(run) for run in line) for line in lines)


def render_pdf(seed_blocks: list[Block]) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm)
    flowables = []
    for block in seed_blocks:
        text = _pdf_text(block.lines)
        if block.kind == "heading":
            size = HEADING_SIZES[block.level - 1]
            style = ParagraphStyle("h", parent=BODY, fontName="Helvetica-Bold", fontSize=size, leading=size * 1.2)
            flowables.append(Paragraph(text, style))
        elif block.kind == "bullet":
            indent = 14 + 14 * block.level
            style = ParagraphStyle("li", parent=BODY, leftIndent=indent, bulletIndent=indent - 10)
            flowables.append(Paragraph(text, style, bulletText="•"))
        elif block.kind == "number":
            flowables.append(Paragraph(f"{block.number}. {text}", BODY))
        elif block.kind == "table":
            cells = [[Paragraph(_pdf_text([[Run(c)]]), CELL) for c in row] for row in block.rows]
            table = Table(cells, colWidths=[document.width / len(block.rows[0])] * len(block.rows[0]))
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            table.spaceAfter = 8
            flowables.append(table)
        else:
            flowables.append(Paragraph(text, BODY))

    def furniture(pdf, doc) -> None:
        pdf.setFont("Helvetica", 8)
        pdf.drawString(2.5 * cm, A4[1] - 1.5 * cm, "Safer Communities Strategy Board - public papers")
        pdf.drawCentredString(A4[0] / 2, 1.5 * cm, f"Page {doc.page}")

    document.build(flowables, onFirstPage=furniture, onLaterPages=furniture)
    return buffer.getvalue()


# ---- Word: heading and list styles, and every typed "78." turned into Word's own numbering.


def _word_list(document, start: int) -> str:
    """A new numbering instance of the "List Number" list that starts at `start`; returns its numId."""
    numbering = document.part.numbering_part.element
    style_num = document.styles["List Number"].element.find(qn("w:pPr")).find(qn("w:numPr"))
    abstract = next(
        n.find(qn("w:abstractNumId")).get(qn("w:val"))
        for n in numbering.iter(qn("w:num"))
        if n.get(qn("w:numId")) == style_num.find(qn("w:numId")).get(qn("w:val"))
    )
    num_id = str(max(int(n.get(qn("w:numId"))) for n in numbering.iter(qn("w:num"))) + 1)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
        )
    )
    return num_id


def render_docx(seed_blocks: list[Block]) -> bytes:
    document = docx.Document()
    current, expected = "", None

    def number(paragraph, value: int) -> None:
        nonlocal current, expected
        if value != expected:  # the seed's numbering restarts: so does Word's
            current = _word_list(document, value)
        expected = value + 1
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{current}"/></w:numPr>')
        )

    for block in seed_blocks:
        if block.kind == "table":
            table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]))
            table.style = "Table Grid"
            for row, cells in zip(table.rows, block.rows, strict=True):
                for cell, text in zip(row.cells, cells, strict=True):
                    cell.text = text
            continue
        lines = block.lines
        style = {"heading": f"Heading {block.level}", "bullet": "List Bullet" + (" 2" if block.level else "")}
        paragraph = document.add_paragraph(
            style=style.get(block.kind, "List Number" if block.kind == "number" else None)
        )
        typed = _NUMBER.match("".join(run.text for run in lines[0]))
        if block.kind == "number":
            number(paragraph, block.number)
        elif block.kind == "heading" and typed:
            number(paragraph, int(typed[1]))
            lines = [runs(typed[2]), *lines[1:]]
        for index, line in enumerate(lines):
            for piece in line:
                run = paragraph.add_run(piece.text)
                run.bold, run.italic = piece.bold or None, piece.italic or None
                run.font.superscript = piece.sup or None
            if index < len(lines) - 1:
                paragraph.add_run().add_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---- Web page: the blocks inside nested divs, around a script and a style sheet.


def _html_text(lines: list[list[Run]]) -> str:
    def one(run: Run) -> str:
        text = escape(run.text, quote=False)
        text = f"<sup>{text}</sup>" if run.sup else text
        text = f"<em>{text}</em>" if run.italic else text
        return f"<strong>{text}</strong>" if run.bold else text

    return "<br>\n".join("".join(one(run) for run in line) for line in lines)


def render_html(seed_blocks: list[Block]) -> bytes:
    body = []
    for block in seed_blocks:
        text = _html_text(block.lines)
        if block.kind == "heading":
            body.append(f"<h{block.level}>{text}</h{block.level}>")
        elif block.kind == "bullet":
            item = f"<ul><li>{text}</li></ul>"
            body.append(f'<ul><li style="list-style: none">{item}</li></ul>' if block.level else item)
        elif block.kind == "number":
            body.append(f'<ol start="{block.number}"><li>{text}</li></ol>')
        elif block.kind == "table":
            rows = ("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in block.rows)
            body.append(f"<table><tbody>{''.join(rows)}</tbody></table>")
        else:
            body.append(f"<p>{text}</p>")
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Minutes, 1 January 2000</title>'
        "<style>p { margin: 0 }</style></head><body><script>var updated = '2 February 2001';</script>"
        '<div id="page"><div class="content">\n' + "\n".join(body) + "\n</div></div></body></html>"
    )
    return page.encode("utf-8")


# ---- Markdown, as a public repository keeps minutes: headings, hard line breaks, lists, a pipe table.


def _md_text(lines: list[list[Run]]) -> str:
    def one(run: Run) -> str:
        text = re.sub(r"([\\`*_\[\]<>|])", r"\\\1", run.text)
        text = f"<sup>{text}</sup>" if run.sup else text
        text = f"*{text}*" if run.italic and text.strip() else text
        return f"**{text}**" if run.bold and text.strip() else text

    return "\\\n".join("".join(one(run) for run in line) for line in lines)


def render_md(seed_blocks: list[Block]) -> bytes:
    body = []
    for block in seed_blocks:
        text = _md_text(block.lines)
        if block.kind == "heading":
            body.append(f"{'#' * block.level} {text}")
        elif block.kind == "bullet":
            body.append(f"{'  ' * block.level}- {text}")
        elif block.kind == "number":
            body.append(f"{block.number}. {text}")
        elif block.kind == "table":
            cells = [[re.sub(r"([|\\])", r"\\\1", c) for c in row] for row in block.rows]
            width = max(len(row) for row in cells)
            cells = [row + [""] * (width - len(row)) for row in cells]
            lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * width]
            body.append("\n".join(lines + ["| " + " | ".join(row) + " |" for row in cells[1:]]))
        else:
            # A paragraph that opens like a list ("1. Apologies") stays a paragraph.
            body.append(re.sub(r"^(\d+)([.)])", r"\1\\\2", text))
    return ("\n\n".join(body) + "\n").encode("utf-8")


RENDER = {"pdf": render_pdf, "docx": render_docx, "html": render_html, "md": render_md}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Every seed in every format, written once for the module."""
    folder = tmp_path_factory.mktemp("formats")
    paths = {}
    for prefix in SEEDS:
        seed_blocks = blocks(seed(prefix).read_text(encoding="utf-8"))
        for fmt in FORMATS:
            path = folder / f"{seed(prefix).stem}.{fmt}"
            path.write_bytes(RENDER[fmt](seed_blocks))
            paths[prefix, fmt] = path
    return paths


@pytest.fixture(scope="module")
def read_back(rendered) -> dict[tuple[str, str], ReadDocument]:
    """Every rendered seed read once for the module (reading the PDFs takes a few seconds)."""
    return {key: read_document(path) for key, path in rendered.items()}


def outline(document: ParsedDocument) -> list:
    """What must not change with the format: meetings, their items, numbers, titles and decisions."""
    return [
        (
            meeting.date,
            meeting.has_minutes,
            [(i.section, i.minute_number, i.agenda_number, i.title, len(i.resolutions)) for i in meeting.items],
            len(meeting.attendance),
            len(meeting.action_log),
        )
        for meeting in document.meetings
    ]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("prefix", SEEDS)
def test_each_seed_reads_to_the_same_meetings_and_items_in_every_format(rendered, read_back, prefix, fmt):
    path = rendered[prefix, fmt]
    hints = load_manifest(BUNDLED / "manifest.toml").hints_for(seed(prefix))

    document = read_back[prefix, fmt]
    parsed = parse_text(document.text, str(path), date=hints.date, body=hints.body)

    assert document.format == {"md": "markdown"}.get(fmt, fmt)
    assert outline(parsed) == outline(parse_seed(prefix))


@pytest.mark.parametrize("prefix", SEEDS)
def test_the_seed_pdfs_wrap_their_long_lines_and_reading_undoes_it(rendered, read_back, prefix):
    with pdfplumber.open(rendered[prefix, "pdf"]) as pdf:
        printed = [line for page in pdf.pages[:3] for line in page.extract_text().splitlines()]

    unwrapped = read_back[prefix, "pdf"].text.splitlines()

    assert max(len(line) for line in printed) < 130  # an ordinary page: nothing longer fits on a line
    assert max(len(line) for line in unwrapped) > 400


@pytest.mark.parametrize("prefix", ["000", "003", "004"])
def test_the_seed_word_files_number_their_minutes_with_words_own_numbering(rendered, read_back, prefix):
    paragraphs = [p.text for p in docx.Document(str(rendered[prefix, "docx"])).paragraphs]
    minutes = [item for item in parse_seed(prefix).meetings[-1].items if item.minute_number]
    text = read_back[prefix, "docx"].text

    for item in minutes:
        numbered = [p for p in paragraphs if p.startswith(item.title)]
        assert numbered and not [p for p in paragraphs if p.startswith(f"{item.minute_number}. {item.title}")]
        assert re.search(rf"^(?:#+ )?{item.minute_number}\. {re.escape(item.title)}", text, re.MULTILINE)


def test_a_seed_ingested_from_each_format_gives_the_same_meeting_and_items(rendered, engine):
    text = ingest_file(engine, seed("000"))
    for fmt in FORMATS:
        outcome = ingest_file(engine, rendered["000", fmt])

        assert (outcome.status, outcome.meetings, outcome.items) == ("added", text.meetings, text.items), fmt
