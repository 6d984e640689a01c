"""Reading the memory for retrieval: every item with what a citation needs, and a fingerprint."""

from __future__ import annotations

import hashlib
from collections import defaultdict

from sqlmodel import Session, col, select

from corpus.citation import source_span
from corpus.ingest import PARSER_VERSION
from corpus.models import Body, Document, Item, Meeting, Resolution
from retrieval.chunks import CHUNKER_VERSION, ItemRecord


def format_resolution(label: str | None, text: str) -> str:
    """ "(b) That the allocation … be increased to £42,089"."""
    return f"{label} {text}" if label else text


def load_item_records(session: Session) -> list[ItemRecord]:
    """All items, oldest meeting first, in reading order within a meeting."""
    resolutions: dict[int, list[str]] = defaultdict(list)
    for resolution in session.exec(select(Resolution).order_by(col(Resolution.item_id), col(Resolution.position))):
        resolutions[resolution.item_id].append(format_resolution(resolution.label, resolution.text))
    rows = session.exec(
        select(Item, Meeting, Body, Document)
        .where(Item.meeting_id == Meeting.id, Meeting.body_id == Body.id, Item.document_id == Document.id)
        .order_by(col(Meeting.date), col(Item.document_id), col(Item.position))
    )
    return [
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
        )
        for item, meeting, body, document in rows
    ]


def memory_fingerprint(session: Session) -> str:
    """Changes whenever what the index is built from changes: documents, parser or chunker."""
    digest = hashlib.sha256(f"parser={PARSER_VERSION};chunker={CHUNKER_VERSION}".encode())
    for document_id, sha, bodies in session.exec(
        select(Document.id, Document.sha256, Document.body_id).order_by(col(Document.id))
    ):
        digest.update(f"|{document_id}:{sha}:{bodies}".encode())
    # Only documents carry items: scheduling or cancelling a meeting changes no chunk, so it
    # must not cost a rebuild.
    return digest.hexdigest()[:24]
