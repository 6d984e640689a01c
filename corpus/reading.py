"""A file to what the memory stores: its text read (corpus/read) and its shape found (corpus/shapes).

Two ways to do it, chosen by who ingests: here, in this process (the command line, which parses only files
whose content is new), or held to a memory limit in a worker process (the bot's uploads, bot/uploads.py: it
must go on answering whatever an upload turns out to be, and a zip bomb or a runaway page is that worker's
end, not the bot's).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from corpus.manifest import Hints
from corpus.parsed import ParsedDocument
from corpus.read import ReadDocument, read_document
from corpus.read.limits import Progress, ReadLimits
from corpus.read.worker import release_memory
from corpus.shapes import parse_text


@dataclass(frozen=True)
class Reading:
    """A file as read: its text and tables, and its shape when the reader found that too."""

    document: ReadDocument
    parsed: ParsedDocument | None = None

    def shaped(self, path: Path, hints: Hints) -> ParsedDocument:
        """The document's shape: the reader's, else found now (raises ParseError)."""
        if self.parsed is not None:
            return self.parsed
        return shape(self.document, path, hints)


# path, hints, the size cap in bytes → the file read; raises ParseError saying why it cannot be.
Reader = Callable[[Path, Hints, int], Reading]


def reader_here(limits: ReadLimits | None = None) -> Reader:
    """Read in this process, within `limits`; the shape is found later, and only for new content."""
    return partial(_read_here, limits=limits or ReadLimits())


def _read_here(path: Path, hints: Hints, max_bytes: int, limits: ReadLimits) -> Reading:
    return Reading(read_document(path, max_bytes, limits))


def reader_held(limits: ReadLimits, progress: Progress | None = None) -> Reader:
    """For a worker process held to the limits' memory (corpus/read/worker.py): read and shape each file within
    that hold, telling `progress` how far it got, then lift the hold. Storing what was read is bounded by the
    text it came to, but the memory it joins (and its follow-ups, derived again) may be large."""
    return partial(_read_held, limits=limits, progress=progress)


def _read_held(path: Path, hints: Hints, max_bytes: int, limits: ReadLimits, progress: Progress | None) -> Reading:
    reading = read_and_shape(path, hints, max_bytes, limits, progress)
    release_memory()
    return reading


def read_and_shape(
    path: Path, hints: Hints, max_bytes: int, limits: ReadLimits, progress: Progress | None = None
) -> Reading:
    """Read a file and find its shape in one go."""
    document = read_document(path, max_bytes, limits, progress)
    return Reading(document, shape(document, path, hints))


def shape(document: ReadDocument, path: Path, hints: Hints) -> ParsedDocument:
    """The document's shape, with what the hints and the file's own title say where its text is silent."""
    return parse_text(
        document.text, str(path), date=hints.date, body=hints.body, held_by=hints.held_by, titled=document.title
    )
