"""Web-page minutes as text (selectolax with the Lexbor engine): the <body> only, block by block.

Block elements start lines of their own and a blank line separates blocks; a <br> breaks a
line within one; headings become markdown headings; list entries carry their bullet or number;
table rows are TAB-joined cells.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from selectolax.lexbor import LexborHTMLParser, LexborNode

from corpus.parsed import ParseError
from corpus.read.blocks import Block, bold, bold_lead, heading
from corpus.read.limits import DEFAULT_LIMITS, Progress, ReadLimits, ReadProgress, over_limit, past_limit
from corpus.read.nesting import nesting
from corpus.read.numbers import render
from corpus.read.text import decode_text

_DROP = {"script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg", "button", "select"}
_BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "p",
    "pre",
    "section",
    "summary",
    "tr",
}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BOLD = {"b", "strong", "u"}  # underlined words head minutes as bold ones do (a link's underline is the browser's)
# How word processors' exports set text apart: "font-weight:700", "text-decoration:underline"; or undo it.
_STYLE_BOLD = re.compile(r"font-weight\s*:\s*(?:bold(?:er)?|[6-9]00)", re.I)
_STYLE_UNDERLINE = re.compile(r"text-decoration(?:-line)?\s*:[^;]*underline", re.I)
_STYLE_PLAIN = re.compile(r"font-weight\s*:\s*(?:normal|lighter|[1-4]00)\b", re.I)
_LIST_STYLES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")
_MARKS = re.compile(r"^#{1,6} |^\*\*|\*\*$")
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_PROGRESS_EVERY = 5000  # elements between reports


def read_html(
    data: bytes,
    path: str = "",
    limits: ReadLimits = DEFAULT_LIMITS,
    progress: Progress | None = None,
) -> list[Block]:
    """The page's <body> as blocks; raises ParseError for a page nested too deep or of too many elements."""
    text = _decode(data, path)
    # Measured in the source first: Lexbor takes time growing with the square of the nesting (28 s for
    # 100,000 nested <div>s), so a page is refused before Lexbor builds a tree from it.
    depth, elements = nesting(text)
    _check(depth, elements, limits, path)
    tree = LexborHTMLParser(text)
    writer = _Writer()
    guard = _Guard(limits, path, elements, progress)
    if tree.body is not None:
        _walk(tree.body, writer, bold=False, pre=False, guard=guard, depth=0)
    writer.end_block()
    return writer.blocks


_TITLE = re.compile(r"<title\b[^>]*>(?P<t>.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_TITLE_REACH = 200_000  # a page's <title> stands in its <head>, well before this


def html_title(data: bytes) -> str | None:
    """The page's <title>, as plain text."""
    found = _TITLE.search(_decode(data, "")[:_TITLE_REACH])
    return (" ".join(LexborHTMLParser(found["t"]).text().split()) or None) if found else None


def _check(depth: int, elements: int, limits: ReadLimits, path: str) -> None:
    if elements > limits.max_html_nodes:
        raise ParseError(over_limit("the page has", elements, limits.max_html_nodes, "element", "max_html_nodes"), path)
    if depth > limits.max_html_depth:
        what = "the page's elements nest"
        raise ParseError(over_limit(what, depth, limits.max_html_depth, "level", "max_html_depth"), path)


@dataclass
class _Guard:
    """Counts the elements the writer meets and how deep, against the limits: the tree Lexbor built, not the
    source, has the last word (it adds elements of its own)."""

    limits: ReadLimits
    path: str
    expected: int
    progress: Progress | None
    seen: int = 0

    def meet(self, depth: int) -> None:
        self.seen += 1
        if depth > self.limits.max_html_depth:
            what = "the page's elements nest"
            raise ParseError(past_limit(what, self.limits.max_html_depth, "level", "max_html_depth"), self.path)
        if self.seen > self.limits.max_html_nodes:
            what = "the page has"
            raise ParseError(past_limit(what, self.limits.max_html_nodes, "element", "max_html_nodes"), self.path)
        if self.progress is not None and self.seen % _PROGRESS_EVERY == 0:
            total = max(self.expected, self.seen)
            self.progress(ReadProgress(self.seen, total, "element"))


def _decode(data: bytes, path: str) -> str:
    """The page's characters, in the encoding its <meta charset> names, else as a text file is read."""
    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode(declared[1].decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, path)


@dataclass
class _Writer:
    blocks: list[Block] = field(default_factory=list)
    lines: list[list[tuple[str, bool]]] = field(default_factory=lambda: [[]])
    level: int | None = None
    prefix: str = ""

    def text(self, text: str, is_bold: bool, pre: bool) -> None:
        if not pre:
            self.lines[-1].append((_SPACES.sub(" ", text), is_bold))
            return
        for index, piece in enumerate(text.split("\n")):
            if index:
                self.line_break()
            self.lines[-1].append((piece, is_bold))

    def line_break(self) -> None:
        self.lines.append([])

    def start(self, level: int | None = None, prefix: str = "") -> None:
        self.end_block()
        self.level, self.prefix = level, prefix

    def end_block(self, closing: bool = False) -> None:
        """Write out the block so far; a heading's level or an entry's number waits for its first words
        (`<li><p>Apologies</p></li>`) unless the element is `closing`."""
        lines = [line for line in (_line_text(parts) for parts in self.lines) if line[0]]
        self.lines = [[]]
        if lines:
            first, first_bold = lines[0]
            lines[0] = (f"{self.prefix} {first}" if self.prefix else first, first_bold)
            if self.level:
                texts = [heading(text, self.level) for text, _ in lines]
            else:
                texts = [bold(text) if is_bold else text for text, is_bold in lines]
            self.blocks.append(Block(texts))
        if lines or closing:
            self.level, self.prefix = None, ""

    def table(self, rows: list[list[str]]) -> None:
        self.end_block()
        self.blocks.append(Block(rows=rows))


def _line_text(parts: list[tuple[str, bool]]) -> tuple[str, bool]:
    """A line's text with its spaces collapsed (a bold run that opens it marked), and whether every word of it is
    bold."""
    worded = [is_bold for piece, is_bold in parts if piece.strip()]
    if worded and all(worded):
        return _SPACES.sub(" ", "".join(piece for piece, _ in parts)).strip(), True
    return bold_lead(parts), False


# What the walk does next: a node to visit (node, bold, pre, depth), or a step to take once a node's
# children are written.
_Task = tuple[LexborNode, bool, bool, int] | Callable[[], None]


def _walk(node: LexborNode, writer: _Writer, bold: bool, pre: bool, guard: _Guard, depth: int) -> None:
    """Write the node's children in document order, from a stack of tasks: no recursion, whatever the nesting."""
    tasks: list[_Task] = []
    _push_children(tasks, node, bold, pre, depth)
    while tasks:
        task = tasks.pop()
        if callable(task):
            task()
            continue
        child, child_bold, child_pre, child_depth = task
        guard.meet(child_depth)
        _visit(child, writer, child_bold, child_pre, child_depth, guard, tasks)


def _push_children(tasks: list[_Task], node: LexborNode, bold: bool, pre: bool, depth: int) -> None:
    children = list(node.iter(include_text=True))
    tasks.extend((child, bold, pre, depth + 1) for child in reversed(children))


def _visit(
    node: LexborNode, writer: _Writer, bold: bool, pre: bool, depth: int, guard: _Guard, tasks: list[_Task]
) -> None:
    tag = node.tag or ""
    if tag == "-text":
        writer.text(node.text_content or "", bold, pre)
    elif tag.startswith("-") or tag in _DROP:
        return
    elif tag == "br":
        writer.line_break()
    elif tag == "table" and not _is_layout(node):
        writer.table(_rows(node, guard, depth))
    elif tag in _HEADINGS:
        writer.start(level=_HEADINGS[tag])
        tasks.append(partial(writer.end_block, closing=True))
        _push_children(tasks, node, bold, pre, depth)
    elif tag in ("ol", "ul"):
        writer.end_block()
        _push_list(tasks, node, writer, bold, pre, depth)
    elif tag in _BLOCK or tag == "table":
        writer.end_block()
        tasks.append(writer.end_block)
        _push_children(tasks, node, _set_apart(node, bold), pre or tag == "pre", depth)
    else:
        _push_children(tasks, node, tag in _BOLD or _set_apart(node, bold), pre, depth)


def _set_apart(node: LexborNode, bold: bool) -> bool:
    """Whether the node's text is set in bold or underlined, by its inline style or else as its parent's is."""
    style = node.attributes.get("style") or ""
    if _STYLE_PLAIN.search(style):
        return False
    in_link = "a" in (node.tag, node.parent.tag if node.parent is not None else None)
    return bold or bool(_STYLE_BOLD.search(style)) or (not in_link and bool(_STYLE_UNDERLINE.search(style)))


@dataclass
class _Count:
    """A list's running number, advanced as its entries are written."""

    number: int
    style: str
    ordered: bool

    def start(self, item: LexborNode, writer: _Writer) -> None:
        self.number = _int(item.attributes.get("value"), self.number)
        writer.start(prefix=f"{render(self.number, self.style)}." if self.ordered else "•")

    def end(self, writer: _Writer) -> None:
        writer.end_block(closing=True)
        self.number += 1


def _push_list(tasks: list[_Task], node: LexborNode, writer: _Writer, bold: bool, pre: bool, depth: int) -> None:
    """List entries, each with its bullet or its number ("3.", "c.", "iv.") as a browser shows it."""
    count = _Count(
        number=_int(node.attributes.get("start"), 1),
        style=_LIST_STYLES.get(node.attributes.get("type") or "1", "decimal"),
        ordered=node.tag == "ol",
    )
    # Pushed last entry first, so the entries come off the stack in order, each between its start and end.
    for item in reversed(list(node.iter(include_text=False))):
        if item.tag != "li":
            tasks.append((item, bold, pre, depth + 1))
            continue
        tasks.append(partial(count.end, writer))
        _push_children(tasks, item, bold, pre, depth + 1)
        tasks.append(partial(count.start, item, writer))


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _is_layout(table: LexborNode) -> bool:
    """A table used to lay a page out, not to hold data: one column, or headings or tables in its cells."""
    rows = _own_rows(table)
    if all(len(_cells(row)) <= 1 for row in rows):
        return True
    return any(cell.css_first("table, h1, h2, h3, h4, h5, h6") is not None for row in rows for cell in _cells(row))


def _own_rows(table: LexborNode) -> list[LexborNode]:
    """The table's rows, not those of tables nested in its cells."""
    rows = []
    for child in table.iter(include_text=False):
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(row for row in child.iter(include_text=False) if row.tag == "tr")
    return rows


def _cells(row: LexborNode) -> list[LexborNode]:
    return [cell for cell in row.iter(include_text=False) if cell.tag in ("td", "th")]


def _rows(table: LexborNode, guard: _Guard, depth: int) -> list[list[str]]:
    # A data table's cells hold no tables (those make it a layout table), so this goes one level deep at most.
    # Its cells sit three levels below it (a row, and the body Lexbor adds).
    return [[_cell_text(cell, guard, depth + 3) for cell in _cells(row)] for row in _own_rows(table)]


def _cell_text(cell: LexborNode, guard: _Guard, depth: int) -> str:
    """A cell's words on one line, without the marks its headings or bold lines would get."""
    writer = _Writer()
    _walk(cell, writer, bold=False, pre=False, guard=guard, depth=depth)
    writer.end_block()
    texts = [_MARKS.sub("", line) for block in writer.blocks for line in block.lines]
    texts += [" ".join(row) for block in writer.blocks for row in block.rows or []]
    return " ".join(texts)
