"""The generic RAG Board Memory is measured against: fixed windows of raw text, cosine top-k.

Nothing of the structure is used to search: the documents' files are cut into 1,000-character
windows overlapping by 200, embedded bare, and searched exactly. Only to score its citations on
the same terms is each window credited to the item whose lines it overlaps most.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from corpus.citation import source_span
from corpus.models import Body, Document, Item, Meeting
from corpus.read import read_document
from retrieval.embedder import Embedder
from retrieval.vector_index import VectorIndex

CHUNK_CHARS = 1000
OVERLAP_CHARS = 200


@dataclass(frozen=True)
class Window:
    """A span of a document's text: characters [start, end) and the lines (1-based, inclusive) it touches."""

    start: int
    end: int
    line_start: int
    line_end: int


@dataclass(frozen=True)
class BaselineChunk:
    text: str
    meeting_date: str
    body: str
    minute: str | None
    item_title: str
    source: str
    item_id: int

    def result(self, rank: int, score: float) -> dict:
        """The window as one result in the shape of `Answer.to_json()`'s (score as reported, 4 places)."""
        return {
            "rank": rank,
            "meeting_date": self.meeting_date,
            "body": self.body,
            "minute": self.minute,
            "item_title": self.item_title,
            "kind": "minutes",
            "text": self.text,
            "resolutions": [],
            "score": round(float(score), 4),
            "source": self.source,
            "item_id": self.item_id,
        }


def windows(text: str, size: int = CHUNK_CHARS, overlap: int = OVERLAP_CHARS) -> list[Window]:
    """Fixed windows of `size` characters, each starting `size - overlap` after the last."""
    # Lines counted as the parser counts them (splitlines), so spans compare with Item lines.
    line_starts = [0]
    for line in text.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))
    step = size - overlap
    result = []
    for start in range(0, max(len(text) - overlap, 1), step):
        end = min(start + size, len(text))
        first = bisect.bisect_right(line_starts, start)
        last = bisect.bisect_right(line_starts, max(end - 1, start))
        result.append(Window(start, end, first, last))
    return result


def attribute(window: Window, items: list[Item]) -> Item:
    """The item whose line span overlaps the window's most; ties go to the earlier item."""

    def overlap(item: Item) -> int:
        return max(0, min(window.line_end, item.line_end) - max(window.line_start, item.line_start) + 1)

    return max(items, key=overlap)  # max keeps the first of equals


def chunk_documents(engine: Engine) -> list[BaselineChunk]:
    """Every document's raw text in windows, each carrying its attributed item's citation."""
    chunks = []
    with Session(engine) as session:
        dates = {m.id: m.date.isoformat() for m in session.exec(select(Meeting))}
        for document in session.exec(select(Document).order_by(col(Document.id))):
            # Windows are cited as the minuted item they overlap most; the attendance list is no such item.
            items = session.exec(
                select(Item).where(Item.document_id == document.id, Item.section != "attendance").order_by(col(Item.id))
            ).all()
            if not items:
                continue  # nothing a citation could name
            body = session.get(Body, document.body_id)
            text = read_document(Path(document.path)).text
            for window in windows(text):
                item = attribute(window, list(items))
                chunks.append(
                    BaselineChunk(
                        text=text[window.start : window.end],
                        meeting_date=dates[item.meeting_id],
                        body=body.name if body else "",
                        minute=item.minute_number,
                        item_title=item.title,
                        source=source_span(document.path, window.line_start, window.line_end),
                        item_id=item.id,  # type: ignore[arg-type]
                    )
                )
    return chunks


class GenericBaseline:
    """Top-k windows by cosine similarity; abstains only when a cut-off is set and its best is below it."""

    def __init__(
        self, chunks: list[BaselineChunk], vectors: np.ndarray, embedder: Embedder, cutoff: float | None = None
    ):
        self.chunks = chunks
        self.embedder = embedder
        # Compared with the top score as reported (4 places), so a cut-off tuned on reported scores holds.
        self.cutoff = cutoff
        # Exact search however many windows there are: the baseline is plain FAISS flat.
        self.index = VectorIndex.build(vectors, approximate_above=len(chunks) + 1) if chunks else None

    @classmethod
    def build(cls, engine: Engine, embedder: Embedder, cutoff: float | None = None) -> GenericBaseline:
        chunks = chunk_documents(engine)
        vectors = embedder.encode([c.text for c in chunks]) if chunks else np.zeros((0, embedder.dim), np.float32)
        return cls(chunks, vectors, embedder, cutoff)

    def ask(self, question: str, k: int = 5) -> dict:
        """The top `k` windows in the shape of `Answer.to_json()`; no results, unanswered, when the
        best window's similarity is below the cut-off."""
        results: list[dict] = []
        if self.index is None:
            return {"query": question, "answered": True, "results": results}
        vector = self.embedder.encode([question])[0]
        ids, scores = self.index.search(vector, k)
        for rank, (row, score) in enumerate(zip(ids.tolist(), scores.tolist(), strict=True), start=1):
            results.append(self.chunks[row].result(rank, score))
        if self.cutoff is not None and (not results or results[0]["score"] < self.cutoff):
            return {"query": question, "answered": False, "results": []}
        return {"query": question, "answered": True, "results": results}


class BM25Baseline:
    """The same windows ranked by BM25 (stemmed English words, stop words dropped): the plain keyword
    search a board would get from any document store. Abstains only below a tuned cut-off."""

    def __init__(self, chunks: list[BaselineChunk], cutoff: float | None = None):
        import bm25s
        import Stemmer

        self.chunks = chunks
        self.cutoff = cutoff
        self._stemmer = Stemmer.Stemmer("english")
        self._bm25 = bm25s.BM25()
        if chunks:
            tokens = bm25s.tokenize([c.text for c in chunks], stemmer=self._stemmer, show_progress=False)
            self._bm25.index(tokens, show_progress=False)

    @classmethod
    def build(cls, engine: Engine, cutoff: float | None = None) -> BM25Baseline:
        return cls(chunk_documents(engine), cutoff)

    def ask(self, question: str, k: int = 5) -> dict:
        """The top `k` windows by BM25 score, in the shape of `Answer.to_json()`."""
        import bm25s

        results: list[dict] = []
        query = bm25s.tokenize([question], stemmer=self._stemmer, show_progress=False)
        if self.chunks and query.vocab:
            rows, scores = self._bm25.retrieve(query, k=min(k, len(self.chunks)), show_progress=False)
            for rank, (row, score) in enumerate(zip(rows[0].tolist(), scores[0].tolist(), strict=True), start=1):
                if score <= 0:
                    break
                results.append(self.chunks[row].result(rank, score))
        if self.cutoff is not None and (not results or results[0]["score"] < self.cutoff):
            return {"query": question, "answered": False, "results": []}
        return {"query": question, "answered": bool(results), "results": results}
