"""Markdown minutes as text (markdown-it-py, CommonMark with tables): the blocks a reader sees.

Public repositories keep many boards' minutes as Markdown. Read as plain text, a `**Decision:**`
line, a list of actions or a `<h3>Motion</h3>` written as raw HTML would be taken for what it looks
like in the source. Parsed, every block comes out as the other readers write it (blocks.py):
headings as markdown headings, a paragraph set wholly in bold as a bold line, list entries on lines
of their own with their bullet or number, tables as TAB-joined rows, and raw HTML as its text.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from corpus.parsed import ParseError
from corpus.read.blocks import Block, bold, bold_lead, heading, opens_dated
from corpus.read.html import read_html
from corpus.read.limits import DEFAULT_LIMITS, Progress, ReadLimits, ReadProgress, over_limit
from corpus.read.text import decode_text

# "---\ntitle: …\n---" at the top (a static site's front matter): its title is the page's heading.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>(?:.*\n){0,40}?)---[ \t]*\n")
_FRONT_TITLE = re.compile(r"^title:\s*[\"']?(?P<title>.+?)[\"']?\s*$", re.MULTILINE)
# … and its date ("date: 2022-04-21 18:30:00 -0700"): the meeting's, on a page that prints none of its own.
_FRONT_DATE = re.compile(
    r"^(?:date|meeting_?date):\s*[\"']?(?P<date>\d{4}-\d{2}-\d{2})(?:[T ](?P<time>\d{2}:\d{2}))?", re.M
)
# Raw HTML's block elements, so "<h3>Motion</h3><p>…</p>" keeps its lines apart.


def read_markdown(
    data: bytes, path: str, limits: ReadLimits = DEFAULT_LIMITS, progress: Progress | None = None
) -> list[Block]:
    """The document's blocks; raises ParseError when the text runs past the reading limits."""
    text = decode_text(data, path)
    if len(text) > limits.max_characters:
        raise ParseError(
            over_limit("the text has", len(text), limits.max_characters, "character", "max_characters"), path
        )
    head: list[Block] = []
    front_date = None
    if m := _FRONT_MATTER.match(text):
        if title := _FRONT_TITLE.search(m["body"]):
            head.append(Block([heading(title["title"], 1)]))
        front_date = _FRONT_DATE.search(m["body"])
        text = text[m.end() :]
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    blocks = _blocks(tokens)
    if front_date and not opens_dated(line for block in head + blocks for line in block.lines):
        # A site dates its posts when they were put up: the meeting's date only where the minutes print none.
        head.append(Block([f"Date: {front_date['date']} {front_date['time'] or ''}".rstrip()]))
    blocks = head + blocks
    if progress is not None:
        progress(ReadProgress(len(blocks), len(blocks), "block"))
    return blocks


def _blocks(tokens: list[Token]) -> list[Block]:
    blocks: list[Block] = []
    lists: list[list[int]] = []  # per open list: [next number] (empty for a bulleted list)
    row: list[str] | None = None
    table: list[list[str]] | None = None
    pending_item: str | None = None  # the bullet or number of a list entry whose paragraph is next
    for position, token in enumerate(tokens):
        kind = token.type
        if kind == "heading_open":
            blocks.append(Block([heading(_inline(tokens[position + 1]), int(token.tag[1]))]))
        elif kind == "bullet_list_open":
            lists.append([])
        elif kind == "ordered_list_open":
            lists.append([int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            counter = lists[-1] if lists else []
            if counter:
                pending_item = f"{token.info or counter[0]}{token.markup or '.'}"
                counter[0] = int(token.info or counter[0]) + 1
            else:
                pending_item = "-"
        elif kind == "paragraph_open" and row is None:
            inline = tokens[position + 1]
            text = _inline(inline, leads=True)  # a paragraph wholly in bold has no lead to mark: its plain text
            if not text:
                continue
            if pending_item is not None:
                blocks.append(Block([f"{'  ' * (len(lists) - 1)}{pending_item} {text}"]))
                pending_item = None
            elif _all_bold(inline):
                blocks.append(Block([bold(text)]))
            else:
                blocks.append(Block(text.split("\n")))
        elif kind == "table_open":
            table = []
        elif kind == "tr_open":
            row = []
        elif kind == "inline" and row is not None and tokens[position - 1].type in ("th_open", "td_open"):
            row.append(_inline(token).replace("\n", " "))
        elif kind == "tr_close" and table is not None and row is not None:
            table.append(row)
            row = None
        elif kind == "table_close" and table is not None:
            blocks.append(Block(rows=table))
            table = None
        elif kind == "html_block":
            blocks += _html_blocks(token.content)
        elif kind in ("fence", "code_block"):
            blocks.append(Block(token.content.splitlines()))
    return blocks


def _inline(token: Token, leads: bool = False) -> str:
    """An inline run's words: emphasis and links as their text, raw HTML as text, hard breaks kept; with
    `leads`, the bold words that open a line marked (blocks.bold_lead)."""
    lines: list[list[tuple[str, bool]]] = [[]]
    strong = 0
    for child in token.children or []:
        if child.type in ("strong_open", "strong_close"):
            strong += 1 if child.type == "strong_open" else -1
        elif child.type in ("text", "code_inline", "image"):
            lines[-1].append((child.content, strong > 0))
        elif child.type == "softbreak":
            lines[-1].append((" ", strong > 0))
        elif child.type == "hardbreak" or (child.type == "html_inline" and re.match(r"(?i)<br\b", child.content)):
            lines.append([])
    texts = [bold_lead(parts) if leads else "".join(piece for piece, _ in parts) for parts in lines]
    return "\n".join(re.sub(r"[ \t]+", " ", text).strip() for text in texts).strip()


def _all_bold(token: Token) -> bool:
    """A paragraph set wholly in bold ("**Decision:**"), as clerks set a heading."""
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
    if len(children) < 3 or children[0].type != "strong_open" or children[-1].type != "strong_close":
        return False
    depth = 0
    for child in children[:-1]:
        depth += (child.type == "strong_open") - (child.type == "strong_close")
        if depth == 0:
            return False  # bold closed before the end: only part of the line is bold
    return True


def _html_blocks(content: str) -> list[Block]:
    """Raw HTML inside Markdown read as the web pages it is: headings, bold lines, lists and tables kept."""
    return read_html(content.encode("utf-8"))
