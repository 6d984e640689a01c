"""Bytes to text (and tables): one module per file format, one entry point, `read_document`.

Every format comes out as the same kind of text (see blocks.py), so the shape parsers in
corpus/shapes never need to know whether minutes came as a PDF, a Word file, a web page or
plain text.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from corpus.parsed import ParseError
from corpus.read.blocks import Block, Table, assemble
from corpus.read.limits import DEFAULT_LIMITS, Progress, ReadLimits, ReadProgress, over_limit
from corpus.read.text import decode_text, is_binary

# The formats Board Memory reads, by file suffix.
SUPPORTED_SUFFIXES = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".text": "text",
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
}
# Files people keep beside minutes that we cannot read, named so the refusal says what to do.
_KNOWN_OTHERS = {
    ".doc": "an old Word .doc file: save it as .docx",
    ".rtf": "a Rich Text file: save it as .docx or PDF",
    ".odt": "an OpenDocument file: save it as .docx or PDF",
}

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ReadDocument",
    "ReadLimits",
    "ReadProgress",
    "Table",
    "read_document",
    "unsupported_reason",
]


@dataclass
class ReadDocument:
    """A document's text as the shape parsers read it, its tables, and the sha256 of its bytes."""

    text: str
    tables: list[Table]
    sha256: str
    format: str  # "text" | "markdown" | "pdf" | "docx" | "html"
    title: str | None = None  # the title the file gives itself (PDF or Word properties, a page's <title>)


def unsupported_reason(path: Path) -> str | None:
    """Why a file found in a folder is not read, or None when its suffix is one we read."""
    suffix = path.suffix.lower()
    if suffix in SUPPORTED_SUFFIXES:
        return None
    what = _KNOWN_OTHERS.get(suffix, f"{suffix or 'no suffix'}")
    return f"not a document format Board Memory reads ({what})"


def read_document(
    path: Path,
    max_bytes: int | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
    progress: Progress | None = None,
) -> ReadDocument:
    """The file's text and tables; raises ParseError saying why a file cannot be read.

    A file over `max_bytes` is refused before it is read, and one that would expand past `limits` before
    it is expanded; `progress` hears how far the reader has got (pages, paragraphs, elements).
    """
    data = read_bytes(path, max_bytes)
    if not data.strip():
        raise ParseError("the file is empty", str(path))
    sha = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    # The suffix decides; the content only for a file named on its own with a suffix we do not know.
    kind = SUPPORTED_SUFFIXES.get(suffix) or _sniff(data)
    if suffix in _KNOWN_OTHERS:
        raise ParseError(unsupported_reason(path) or suffix, str(path))
    if kind is None and is_binary(data):
        raise ParseError(f"an unknown binary file, {unsupported_reason(path)}", str(path))
    if kind in (None, "text"):
        if is_binary(data) and (looks := _sniff(data)):
            raise ParseError(f"the file is binary, not text (it looks like a {looks.upper()}: rename it)", str(path))
        return ReadDocument(_within(decode_text(data, str(path)), limits, str(path)), [], sha, "text")
    text, tables = assemble(_read_blocks(kind, data, str(path), limits, progress))
    if not text.strip():
        raise ParseError(f"the {kind.upper()} file has no text", str(path))
    return ReadDocument(_within(text, limits, str(path)), tables, sha, kind, _title_of(kind, data))


def _within(text: str, limits: ReadLimits, path: str) -> str:
    """The text, unless it runs past the characters or lines a document may have."""
    if len(text) > limits.max_characters:
        raise ParseError(
            over_limit("the text has", len(text), limits.max_characters, "character", "max_characters"), path
        )
    lines = text.count("\n") + (not text.endswith("\n"))
    if lines > limits.max_lines:
        raise ParseError(over_limit("the text has", lines, limits.max_lines, "line", "max_lines"), path)
    return text


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """A regular file's bytes; a pipe or device is refused, never waited on, and so is a file over `max_bytes`."""
    try:
        # Non-blocking, so opening a named pipe returns at once instead of waiting for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise ParseError(f"cannot read the file ({error.strerror or error})", str(path)) from error
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ParseError("not a regular file (a pipe, device or socket), not read", str(path))
        if max_bytes is not None and info.st_size > max_bytes:
            raise ParseError(_too_big(info.st_size, max_bytes), str(path))
        try:
            data = file.read() if max_bytes is None else file.read(max_bytes + 1)
        except OSError as error:
            raise ParseError(f"cannot read the file ({error.strerror or error})", str(path)) from error
    if max_bytes is not None and len(data) > max_bytes:  # it grew while we looked
        raise ParseError(_too_big(len(data), max_bytes), str(path))
    return data


def _too_big(size: int, max_bytes: int) -> str:
    megabyte = 1024 * 1024
    return (
        f"the file is {size / megabyte:.1f} MB, more than the {max_bytes / megabyte:g} MB limit "
        "(the max_document_mb setting); not read"
    )


def _sniff(data: bytes) -> str | None:
    """What a file is by its first bytes: a PDF, a Word file, a web page."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data else None
    if head.lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def _title_of(kind: str, data: bytes) -> str | None:
    """The title a file gives itself, apart from its text: what dates minutes whose text forgot the year."""
    if kind == "pdf":
        from corpus.read.pdf import pdf_title

        return pdf_title(data)
    if kind == "docx":
        from corpus.read.docx import docx_title

        return docx_title(data)
    if kind == "html":
        from corpus.read.html import html_title

        return html_title(data)
    return None  # Markdown's front-matter title is already its first heading


def _read_blocks(kind: str, data: bytes, path: str, limits: ReadLimits, progress: Progress | None) -> list[Block]:
    # Imported here so reading text files never loads the PDF, Word and HTML libraries.
    if kind == "pdf":
        from corpus.read.pdf import read_pdf

        return read_pdf(data, path, limits, progress)
    if kind == "docx":
        from corpus.read.docx import read_docx

        return read_docx(data, path, limits, progress)
    if kind == "markdown":
        from corpus.read.markdown import read_markdown

        return read_markdown(data, path, limits, progress)
    from corpus.read.html import read_html

    return read_html(data, path, limits, progress)
