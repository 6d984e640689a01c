"""Text files as text, and undoing what PDF and web converters add to minutes: markdown, HTML tags,
page furniture."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable

from corpus.language.bullets import BULLET
from corpus.parsed import ParseError

_TAGS = re.compile(r"</?(?:u|b|i|em|strong|sup|sub|span|br)\b[^>]*>", re.IGNORECASE)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__)(.*?)\1")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])")
_ESCAPE = re.compile(r"\\([*_#\[\]()\\-])")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BULLET = re.compile(rf"^(?:{BULLET}\s+|\(?[a-z]{{1,4}}\)\s|\d+(?:\.\d+)*[.)]\s)", re.IGNORECASE)
_TERMINAL = re.compile(r"[.:;!?)\]’'\"]\s*$")

BLANK_PAGE = re.compile(r"^\s*this page is intentionally left blank\.?\s*$", re.IGNORECASE)
PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,3}\s*$", re.IGNORECASE)
# A web page's words for screen readers, flattened with its text: "Skip Navigation", "Skip to main content",
# "This table is used for column layout."
SKIP_LINK = r"skip\s+(?:to\s+)?(?:the\s+)?(?:main\s+)?(?:content|navigation|nav|menu)"
_READER_NOTE = re.compile(
    rf"^\s*(?:{SKIP_LINK}|this\s+table\s+is\s+(?:used\s+)?for\s+(?:column\s+)?layout(?:\s+only)?)\W*$", re.IGNORECASE
)


# Byte order marks of the wide encodings Windows tools save text in ("Unicode" in Notepad); the
# UTF-32 ones first, because UTF-32 LE's mark begins with UTF-16 LE's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _wide_encoding(data: bytes) -> str | None:
    """ "utf-16" or "utf-32" when the bytes open with that encoding's byte order mark."""
    return next((encoding for bom, encoding in _WIDE_BOMS if data.startswith(bom)), None)


def is_binary(data: bytes) -> bool:
    """Bytes that no text editor wrote: a NUL in the first 64 KiB, unless a UTF-16/32 byte order mark explains it."""
    return _wide_encoding(data) is None and b"\x00" in data[:65536]


def decode_text(data: bytes, path: str = "") -> str:
    """A text file's characters: UTF-16 or UTF-32 with a byte order mark, UTF-8 (with or without one),
    else Windows-1252.

    Raises ParseError for binary data or bytes that are none of these.
    """
    if wide := _wide_encoding(data):
        try:
            return data.decode(wide)  # the codec reads the mark for the byte order and drops it
        except UnicodeDecodeError as error:
            raise ParseError(f"the file starts as {wide.upper()} text but is not ({error.reason})", path) from error
    if is_binary(data):
        raise ParseError("the file is binary, not text", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Council exports are often Windows-1252; anything else is not text we can read.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ParseError("the file is neither UTF-8 nor Windows-1252 text", path) from error


def strip_markup(line: str) -> str:
    """The line's words without heading marks, emphasis, tags, links or escapes."""
    text = _HEADING.sub("", line)
    text = _TAGS.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _ITALIC.sub(r"\1", text)
    text = _ESCAPE.sub(r"\1", text)
    text = text.replace("**", "")
    return _SPACES.sub(" ", text).strip()


def is_heading(line: str) -> bool:
    """A markdown heading line ("# 69. Demand Management.")."""
    return bool(_HEADING.match(line))


def is_furniture(line: str) -> bool:
    """Page numbers and blank-page notices that a converter leaves between pages, and a web page's notes for
    screen readers."""
    return bool(PAGE_NUMBER.match(line) or BLANK_PAGE.match(line) or _READER_NOTE.match(line))


def join_paragraphs(lines: Iterable[str]) -> str:
    """Cleaned text: wrapped lines rejoined, list entries on their own lines, paragraphs apart.

    A paragraph that a page break cut mid-sentence ("...whether actions had" / "been
    followed up.") is mended, because PDF converters split them at every page.
    """
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for raw in lines:
        if is_furniture(raw):
            continue
        line = strip_markup(raw)
        if not line:
            if current:
                paragraphs.append(current)
                current = []
            continue
        if current and _BULLET.match(line):
            paragraphs.append(current)
            current = []
        current.append(line)
    if current:
        paragraphs.append(current)

    texts: list[str] = []
    for block in paragraphs:
        text = " ".join(block)
        if texts and not _TERMINAL.search(texts[-1]) and text[:1].islower():
            texts[-1] = f"{texts[-1]} {text}"
        elif texts:
            texts.append(("\n" if _BULLET.match(text) else "\n\n") + text)
        else:
            texts.append(text)
    return "".join(texts)
