"""Reading the memory for retrieval: every item with what a citation needs, and a fingerprint."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from corpus.citation import source_span
from corpus.ingest import PARSER_VERSION
from corpus.language.minute_numbers import parent_number
from corpus.models import Body, Document, Item, Meeting, Resolution
from retrieval.chunks import CHUNKER_VERSION, ItemRecord


def format_resolution(label: str | None, text: str) -> str:
    """ "(b) That the allocation … be increased to £42,089"."""
    return f"{label} {text}" if label else text


def load_item_records(session: Session, document_ids: Sequence[int] | None = None) -> list[ItemRecord]:
    """All items (or those of some documents), oldest meeting first, in reading order within a meeting."""
    chosen = select(Resolution).order_by(col(Resolution.item_id), col(Resolution.position))
    query = (
        select(Item, Meeting, Body, Document)
        .where(Item.meeting_id == Meeting.id, Meeting.body_id == Body.id, Item.document_id == Document.id)
        .order_by(col(Meeting.date), col(Item.document_id), col(Item.position))
    )
    if document_ids is not None:
        if not document_ids:
            return []
        query = query.where(col(Item.document_id).in_(list(document_ids)))
        chosen = chosen.join(Item, col(Item.id) == Resolution.item_id).where(
            col(Item.document_id).in_(list(document_ids))
        )
    resolutions: dict[int, list[str]] = defaultdict(list)
    for resolution in session.exec(chosen):
        resolutions[resolution.item_id].append(format_resolution(resolution.label, resolution.text))
    rows = session.exec(query)
    records = [
        ItemRecord(
            item_id=item.id or 0,
            section=item.section,
            meeting_date=meeting.date,
            body=body.name,
            title=item.title,
            text=item.text,
            source=source_span(document.path, item.line_start, item.line_end),
            minute=item.minute_number,
            agenda_number=item.agenda_number,
            note=item.note,
            resolutions=tuple(resolutions.get(item.id or 0, ())),
            document_id=document.id or 0,
            title_derived=item.title_derived,
        )
        for item, meeting, body, document in rows
    ]
    return with_parents(records)


def with_parents(records: list[ItemRecord]) -> list[ItemRecord]:
    """The records (in reading order), each sub-item given the title of the item its number places it under
    in the same document and meeting ("4.1" under "4 Matters arising")."""
    titles: dict[tuple[int, dt.date, str], str] = {}
    placed = []
    for record in records:
        parent = parent_number(record.minute)
        title = titles.get((record.document_id, record.meeting_date, parent)) if parent else None
        placed.append(dataclasses.replace(record, parent_title=title) if title else record)
        if record.minute:
            titles[(record.document_id, record.meeting_date, record.minute.strip().rstrip("."))] = record.title
    return placed


@dataclass(frozen=True)
class MemoryState:
    """Each document's state (content hash and body) and a fingerprint of them all, parser and chunker."""

    documents: dict[int, str]
    fingerprint: str


def memory_state(session: Session) -> MemoryState:
    """What the index is built from, read cheaply: one row per document."""
    documents = {
        document_id or 0: f"{sha}:{body}"
        for document_id, sha, body in session.exec(
            select(Document.id, Document.sha256, Document.body_id).order_by(col(Document.id))
        )
    }
    digest = hashlib.sha256(f"parser={PARSER_VERSION};chunker={CHUNKER_VERSION}".encode())
    for document_id, state in documents.items():
        digest.update(f"|{document_id}:{state}".encode())
    # Only documents carry items: scheduling or cancelling a meeting changes no chunk, so it
    # must not cost a rebuild.
    return MemoryState(documents, digest.hexdigest()[:24])


def memory_fingerprint(session: Session) -> str:
    """Changes whenever what the index is built from changes: documents, parser or chunker."""
    return memory_state(session).fingerprint
