"""A manifest beside a corpus supplies what documents' text lacks: the board, a meeting's date.

body = "Northshire Safer Communities Board"   # for every document listed here

[documents."001_0029664a6cfacdae.txt"]
date = 2020-06-26                                          # the text never says
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

_DOCUMENT_KEYS = {"body", "date"}
# What a manifest may record about a document for people (where it came from, on what terms);
# ingest reads none of it.
_RECORD_KEYS = {"source", "licence", "kind", "shape", "meeting_date", "date_in_text", "note", "format", "country"}


class ManifestError(ValueError):
    """A manifest that cannot be read; names the file and the entry."""


@dataclass(frozen=True)
class Hints:
    """What to assume about a document when its text does not say."""

    body: str | None = None
    date: dt.date | None = None
    # The day the document is read: a meeting it dates by weekday, day and month alone ("Tuesday 12th March")
    # was held by then.
    held_by: dt.date | None = None

    def overlay(self, other: Hints) -> Hints:
        """These hints, with `other`'s given values taking precedence."""
        return Hints(body=other.body or self.body, date=other.date or self.date, held_by=other.held_by or self.held_by)


@dataclass(frozen=True)
class Manifest:
    folder: Path
    body: str | None = None
    documents: dict[str, Hints] = field(default_factory=dict)

    def hints_for(self, path: Path) -> Hints:
        """Hints for a document: its own entry over the manifest's defaults."""
        base = Hints(body=self.body)
        try:
            key = path.resolve().relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            return Hints()  # not a document of this manifest's corpus
        return base.overlay(self.documents.get(key, Hints()))


def load_manifest(path: Path) -> Manifest:
    """Read a manifest TOML; raises ManifestError naming the file and the bad entry."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ManifestError(f"{path}: cannot read manifest: {error}") from error
    body = data.get("body")
    if body is not None and not isinstance(body, str):
        raise ManifestError(f"{path}: 'body' must be a string")
    documents: dict[str, Hints] = {}
    for name, entry in (data.get("documents") or {}).items():
        if not isinstance(entry, dict) or set(entry) - _DOCUMENT_KEYS - _RECORD_KEYS:
            allowed = sorted(_DOCUMENT_KEYS | _RECORD_KEYS)
            raise ManifestError(f"{path}: documents.{name!r}: only {allowed} may be given")
        date = entry.get("date")
        if date is not None and (not isinstance(date, dt.date) or isinstance(date, dt.datetime)):
            raise ManifestError(f"{path}: documents.{name!r}.date must be a date such as 2020-06-26")
        documents[name] = Hints(body=entry.get("body"), date=date)
    return Manifest(folder=path.parent, body=body, documents=documents)
