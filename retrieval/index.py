"""The search index: chunks, their vectors (FAISS), their terms (BM25), persisted with a manifest.

The manifest records the model, dimension, row count, the state of every document it was built
from and a fingerprint of them. When documents are added, replaced or removed, the index is
updated by their chunks alone (chunk ids are FAISS ids and keyword ids); it is rebuilt whole
only when the model, chunker or parser changed, or its files are unreadable (and says so). An
index is never served stale. One update at a time: the bot's refresh and any number of
`boardmem ingest` runs share a lock file beside the index. Everything read-only is
memory-mapped, and building streams the memory a batch of documents at a time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sqlalchemy import Engine
from sqlmodel import Session

from corpus.ingest import PARSER_VERSION
from corpus.store import private_folder
from retrieval.chunks import CHUNKER_VERSION, Chunk, ItemRecord, chunk_items
from retrieval.embedder import Embedder
from retrieval.embedding_cache import EmbeddingCache, VectorsByKey
from retrieval.keyword_index import KeywordIndex
from retrieval.records import MemoryState, load_item_records, memory_state
from retrieval.tables import ChunkTable, ItemTable, TableWriter, copy_span, link_to_length, runs
from retrieval.vector_index import VectorIndex, kind_for

MANIFEST = "manifest.json"
# Bump when the files an index is made of change, so indexes written by an older layout are rebuilt.
INDEX_FORMAT = 2
DOCUMENTS_PER_BATCH = 50  # documents read, chunked and embedded at a time when building from the memory
Log = Callable[[str], None]
Embed = Callable[[list[Chunk]], np.ndarray]


@dataclass
class BuildStats:
    """Where building time went, for `boardmem ingest` and the benchmark."""

    chunks: int = 0
    embedded: int = 0
    chunk_seconds: float = 0.0
    embed_seconds: float = 0.0
    index_seconds: float = 0.0
    added: int = 0  # chunks added by an update (all of them for a rebuild)
    removed: int = 0  # chunks an update removed
    incremental: bool = False


@dataclass
class SearchIndex:
    chunks: ChunkTable
    items: ItemTable
    vectors: np.ndarray  # row-aligned with chunks, memory-mapped
    vector: VectorIndex
    keyword: KeywordIndex
    manifest: dict
    folder: Path  # where it was read from (its files are carried over or linked by an update)
    stats: BuildStats = field(default_factory=BuildStats)

    def __post_init__(self) -> None:
        # Row-aligned arrays, so filters and grouping never loop over Python objects per query.
        self.item_of_row = np.asarray(self.chunks.item_ids)
        self.date_of_row = np.asarray(self.chunks.days)
        ids = np.asarray(self.chunks.ids)
        self._row_of_id = np.full(int(ids.max(initial=-1)) + 1, -1, dtype=np.int64)
        self._row_of_id[ids] = np.arange(len(ids))

    def __len__(self) -> int:
        return len(self.chunks)

    def nearest(self, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(rows, cosine scores) of the k nearest chunks, best first."""
        ids, scores = self.vector.search(vector, k)
        return self._row_of_id[ids], scores


# ---------------------------------------------------------------- writing


class IndexWriter:
    """Writes an index folder a batch at a time: tables and vectors stream to disk, FAISS is built at the end."""

    def __init__(
        self, folder: Path, dim: int, next_id: int = 0, keyword: bool = True, extending: SearchIndex | None = None
    ):
        """`extending`: an index (read from its folder) whose every row this one starts with, its
        append-only files (texts, item lines, vectors) hard-linked and grown rather than copied; raises
        OSError where they cannot be linked."""
        shutil.rmtree(folder, ignore_errors=True)
        private_folder(folder)  # the index holds the minutes' text: as private as the database
        self.folder = folder
        self.dim = dim
        self.next_id = next_id
        self.count = 0
        if extending is not None:
            self._link(extending)
        self.tables = TableWriter(folder)
        self.keyword = KeywordIndex.empty() if keyword else None  # an update brings the old one
        self._vectors = (folder / "vectors.f32").open("ab")
        self.new_ids: list[np.ndarray] = []
        if extending is not None:
            self.tables.adopt(extending.chunks, extending.items)
            self.count = len(extending)

    def _link(self, old: SearchIndex) -> None:
        row_bytes = self.dim * np.dtype(np.float32).itemsize
        link_to_length(old.folder / "vectors.f32", self.folder / "vectors.f32", len(old) * row_bytes)
        link_to_length(old.chunks.path, self.folder / "texts.bin", int(old.chunks.offsets[-1]))
        link_to_length(old.items.path, self.folder / "items.jsonl", int(old.items.offsets[-1]))

    def add(self, records: Sequence[ItemRecord], chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        """Append new items and their chunks (given in item order), with the chunks' vectors."""
        ids = np.arange(self.next_id, self.next_id + len(chunks), dtype=np.int64)
        self.next_id += len(chunks)
        days = {r.item_id: r.meeting_date.toordinal() for r in records}
        self.tables.add_items(records, {c.item_id: c.header for c in chunks})
        self.tables.add_chunks(ids, chunks, [days[c.item_id] for c in chunks])
        self._vectors.write(np.ascontiguousarray(vectors, dtype=np.float32).tobytes())
        if self.keyword is not None:
            self.keyword.add(ids.tolist(), (c.embed_text for c in chunks))
        self.new_ids.append(ids)
        self.count += len(chunks)

    def copy(self, old: SearchIndex, rows: np.ndarray, item_ids: Sequence[int]) -> None:
        """Carry rows (and their items) of an existing index over as they are, a run of rows at a time."""
        self.tables.copy_items(old.items, item_ids)
        self.tables.copy_chunks(old.chunks, rows)
        row_bytes = self.dim * np.dtype(np.float32).itemsize
        for first, end in runs(rows):
            copy_span(old.folder / "vectors.f32", self._vectors, first * row_bytes, end * row_bytes)
        self.count += len(rows)

    def vectors(self) -> np.ndarray:
        """Every vector written so far, memory-mapped."""
        self._vectors.flush()
        if not self.count:
            return np.zeros((0, self.dim), np.float32)
        return np.memmap(self.folder / "vectors.f32", dtype=np.float32, mode="r", shape=(self.count, self.dim))

    def finish(self, vector: VectorIndex, keyword: KeywordIndex, manifest: dict) -> None:
        self._vectors.close()
        self.tables.finish()
        vector.save(self.folder / "vectors.faiss")
        keyword.save(self.folder / "keyword")
        (self.folder / MANIFEST).write_text(json.dumps(manifest, indent=1))


def _manifest(embedder: Embedder, state: MemoryState, count: int, kind: str, next_id: int) -> dict:
    return {
        "model": embedder.name,
        "dim": embedder.dim,
        "count": count,
        "fingerprint": state.fingerprint,
        "chunker_version": CHUNKER_VERSION,
        "parser_version": PARSER_VERSION,
        "index_format": INDEX_FORMAT,
        "vector_index": kind,
        "next_id": next_id,
        "documents": {str(k): v for k, v in state.documents.items()},
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def _swap(partial: Path, folder: Path) -> None:
    """Put a finished folder in place; its manifest is already written, so a torn swap reads as stale."""
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)


def _partial(folder: Path) -> Path:
    return folder.with_name(folder.name + ".partial")


# ---------------------------------------------------------------- reading


def read_manifest(folder: Path) -> dict | None:
    try:
        return json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        return None


def load_index(folder: Path, writable: bool = False) -> SearchIndex:
    """Read a saved index (memory-mapped); raises ValueError if its files disagree with its manifest."""
    manifest = read_manifest(folder)
    if manifest is None:
        raise ValueError(f"{folder}: no readable {MANIFEST}")
    items = ItemTable.load(folder)
    chunks = ChunkTable.load(folder, items)
    count, dim = manifest["count"], manifest["dim"]
    # A plain array over the mapping: np.memmap's own indexing costs microseconds a call, on the search path.
    vectors = (
        np.asarray(np.memmap(folder / "vectors.f32", dtype=np.float32, mode="r", shape=(count, dim)))
        if count
        else np.zeros((0, dim), np.float32)
    )
    vector = VectorIndex.load(folder / "vectors.faiss", writable=writable)
    keyword = KeywordIndex.load(folder / "keyword")
    if not (len(chunks) == vector.count == keyword.size == count):
        raise ValueError(f"{folder}: index files disagree with the manifest ({count} rows)")
    return SearchIndex(chunks, items, vectors, vector, keyword, manifest, folder=folder)


def stale_reason(manifest: dict | None, fingerprint: str, embedder: Embedder) -> str | None:
    """Why a saved index cannot serve this memory, or None if it can."""
    reason = _mismatch(manifest, embedder)
    if reason is None and manifest is not None and manifest.get("fingerprint") != fingerprint:
        reason = f"index fingerprint is {manifest.get('fingerprint')!r}, the memory needs {fingerprint!r}"
    return reason


def _mismatch(manifest: dict | None, embedder: Embedder) -> str | None:
    """Why a saved index cannot even be updated (only rebuilt), or None."""
    if manifest is None:
        return "no index yet"
    expected = {
        "model": embedder.name,
        "dim": embedder.dim,
        "chunker_version": CHUNKER_VERSION,
        "parser_version": PARSER_VERSION,
        "index_format": INDEX_FORMAT,
    }
    for key, value in expected.items():
        if manifest.get(key) != value:
            return f"index {key} is {manifest.get(key)!r}, the memory needs {value!r}"
    return None


_thread_locks: dict[Path, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


@contextmanager
def rebuilding(folder: Path) -> Iterator[None]:
    """Hold the index's rebuild lock: a thread lock within this process, a lock file (flock) across
    processes; the kernel drops the file lock if its holder dies, so a killed ingest never wedges it."""
    folder = folder.resolve()
    with _thread_locks_guard:
        in_process = _thread_locks.setdefault(folder, threading.Lock())
    with in_process:
        private_folder(folder.parent)
        fd = os.open(folder.with_name(folder.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the flock


def _saved(folder: Path, fingerprint: str, embedder: Embedder) -> SearchIndex | str:
    """The saved index if it serves the memory with this fingerprint; otherwise why not."""
    reason = stale_reason(read_manifest(folder), fingerprint, embedder)
    if reason is None:
        try:
            return load_index(folder)
        except (OSError, ValueError, KeyError, TypeError) as error:
            reason = f"index unreadable ({error})"
    return reason


def _updatable(folder: Path, embedder: Embedder) -> SearchIndex | str:
    """The saved index if it can be updated in place of a rebuild; otherwise why not."""
    manifest = read_manifest(folder)
    reason = _mismatch(manifest, embedder)
    if reason is None:
        try:
            return load_index(folder, writable=True)
        except (OSError, ValueError, KeyError, TypeError) as error:
            reason = f"index unreadable ({error})"
    return reason


# ---------------------------------------------------------------- building and updating


def embedding(embedder: Embedder, stats: BuildStats, known: Callable[[str], np.ndarray | None]) -> Embed:
    """Chunks → vectors: `known` ones looked up by content key, the rest embedded (and counted)."""

    def embed(chunks: list[Chunk]) -> np.ndarray:
        started = time.perf_counter()
        vectors = np.zeros((len(chunks), embedder.dim), dtype=np.float32)
        missing = []
        for row, chunk in enumerate(chunks):
            found = known(chunk.key)
            if found is None:
                missing.append(row)
            else:
                vectors[row] = found
        if missing:
            vectors[missing] = embedder.encode([chunks[row].embed_text for row in missing])
        stats.embedded += len(missing)
        stats.embed_seconds += time.perf_counter() - started
        return vectors

    return embed


def _chunked(records: list[ItemRecord], stats: BuildStats) -> list[Chunk]:
    started = time.perf_counter()
    chunks = chunk_items(records)
    stats.chunk_seconds += time.perf_counter() - started
    return chunks


def build_index(
    engine: Engine, folder: Path, state: MemoryState, embedder: Embedder, approximate_above: int
) -> SearchIndex:
    """Index the whole memory into `folder`, a batch of documents at a time (what the cache holds is not embedded)."""
    stats = BuildStats()
    cache = EmbeddingCache(folder.parent, embedder.name, embedder.dim)
    # The index being replaced holds what was added since the cache was written (updates do not write it).
    replaced = VectorsByKey.of_index(folder, embedder.name, embedder.dim)

    def known(key: str) -> np.ndarray | None:
        found = cache.get(key)
        return replaced.get(key) if found is None and replaced is not None else found

    embed = embedding(embedder, stats, known)
    partial = _partial(folder)
    writer = IndexWriter(partial, embedder.dim)
    documents = sorted(state.documents)
    for start in range(0, len(documents), DOCUMENTS_PER_BATCH):
        with Session(engine) as session:  # closed before embedding, which may take minutes
            records = load_item_records(session, documents[start : start + DOCUMENTS_PER_BATCH])
        chunks = _chunked(records, stats)
        vectors = embed(chunks)
        started = time.perf_counter()
        writer.add(records, chunks, vectors)
        stats.index_seconds += time.perf_counter() - started
    started = time.perf_counter()
    # The cache keeps what this index holds, read back from its files: no second copy in memory.
    cache.save(writer.tables.keys(), writer.vectors())
    vector = VectorIndex.build(writer.vectors(), approximate_above, ids=np.arange(writer.count, dtype=np.int64))
    assert writer.keyword is not None
    writer.finish(vector, writer.keyword, _manifest(embedder, state, writer.count, vector.kind, writer.next_id))
    stats.index_seconds += time.perf_counter() - started
    stats.chunks = stats.added = writer.count
    _swap(partial, folder)
    index = load_index(folder)
    index.stats = stats
    return index


@dataclass(frozen=True)
class Delta:
    """What changed in the memory since an index was built: documents to add (new or replaced) and to remove."""

    added: tuple[int, ...]
    removed: tuple[int, ...]

    @classmethod
    def between(cls, indexed: dict[str, str], now: dict[int, str]) -> Delta:
        before = {int(k): v for k, v in indexed.items()}
        return cls(
            tuple(sorted(d for d, s in now.items() if before.get(d) != s)),
            tuple(sorted(d for d, s in before.items() if now.get(d) != s)),
        )


def update_index(
    engine: Engine, old: SearchIndex, folder: Path, state: MemoryState, embedder: Embedder, approximate_above: int
) -> SearchIndex:
    """The index with the delta's documents' chunks removed and added; nothing else is re-read or re-embedded."""
    stats = BuildStats(incremental=True)
    delta = Delta.between(old.manifest.get("documents", {}), state.documents)
    removed_items = np.flatnonzero(np.isin(old.items.documents, delta.removed))
    gone = np.isin(old.item_of_row, old.items.ids[removed_items])
    gone_rows = np.flatnonzero(gone)
    # A replaced document's unchanged passages keep their vectors: looked up by content key.
    reusable = {old.chunks.key(row): row for row in gone_rows}
    embed = embedding(embedder, stats, lambda key: old.vectors[reusable[key]] if key in reusable else None)
    with Session(engine) as session:
        records = load_item_records(session, list(delta.added))
    chunks = _chunked(records, stats)
    vectors = embed(chunks)

    started = time.perf_counter()
    index = apply_update(
        old,
        folder,
        gone_rows,
        records,
        chunks,
        vectors,
        approximate_above,
        lambda count, kind, next_id: _manifest(embedder, state, count, kind, next_id),
    )
    stats.index_seconds = time.perf_counter() - started
    stats.chunks, stats.added, stats.removed = len(index), len(chunks), len(gone_rows)
    index.stats = stats
    return index


def apply_update(
    old: SearchIndex,
    folder: Path,
    gone_rows: np.ndarray,
    records: list[ItemRecord],
    chunks: list[Chunk],
    vectors: np.ndarray,
    approximate_above: int,
    manifest: Callable[[int, str, int], dict],
) -> SearchIndex:
    """`old` without its `gone_rows`, with new items' chunks (and their vectors), written to `folder` and loaded.

    Only the changed chunks go through the keyword and vector indexes; the rest is carried over as it is
    (arrays and text copied, keyword segments linked). `manifest(count, kind, next_id)` gives the manifest."""
    keep = np.ones(len(old), dtype=bool)
    keep[gone_rows] = False
    partial = _partial(folder)
    dim, next_id = old.vectors.shape[1], old.manifest["next_id"]
    writer = None
    if not len(gone_rows):
        # Only additions: the old files are extended in place of copied (gigabytes at a million rows).
        # Where they cannot be linked (or do not end where their tables say), they are copied.
        with contextlib.suppress(OSError, ValueError):
            writer = IndexWriter(partial, dim, next_id=next_id, keyword=False, extending=old)
    if writer is None:
        writer = IndexWriter(partial, dim, next_id=next_id, keyword=False)
        writer.copy(old, np.flatnonzero(keep), np.unique(old.item_of_row[keep]).tolist())
    writer.add(records, chunks, vectors)
    new_ids = np.concatenate(writer.new_ids) if writer.new_ids else np.zeros(0, np.int64)
    gone_ids = np.asarray(old.chunks.ids)[gone_rows]
    keyword = old.keyword
    keyword.remove(gone_ids.tolist(), (old.chunks[row].embed_text for row in gone_rows))
    keyword.add(new_ids.tolist(), (c.embed_text for c in chunks))
    vector = old.vector
    if vector.kind != kind_for(writer.count, approximate_above) or vector.needs_rebuild(writer.count):
        vector = VectorIndex.build(writer.vectors(), approximate_above, ids=writer.tables.ids())
    else:
        vector.remove(gone_ids)
        vector.add(new_ids, vectors)
    writer.finish(vector, keyword, manifest(writer.count, vector.kind, writer.next_id))
    _swap(partial, folder)
    return load_index(folder)


def ensure_index(
    engine: Engine,
    folder: Path,
    embedder: Embedder,
    approximate_above: int,
    log: Log = lambda _message: None,
) -> SearchIndex:
    """The saved index if it matches the memory; otherwise update it by the documents that changed (or
    rebuild it when it cannot be updated), one at a time, saying why."""
    with Session(engine) as session:
        found = _saved(folder, memory_state(session).fingerprint, embedder)
    if isinstance(found, SearchIndex):
        return found
    with rebuilding(folder):
        with Session(engine) as session:
            # Whoever held the lock before us may have updated it for this very memory: then it is served.
            state = memory_state(session)
        found = _saved(folder, state.fingerprint, embedder)
        if isinstance(found, SearchIndex):
            return found
        old = _updatable(folder, embedder)
        if isinstance(old, SearchIndex):
            delta = Delta.between(old.manifest.get("documents", {}), state.documents)
            log(
                f"Updating the search index: {found}; {len(delta.added)} document(s) to add, "
                f"{len(delta.removed)} to remove."
            )
            return update_index(engine, old, folder, state, embedder, approximate_above)
        log(f"Rebuilding the search index: {old}.")
        return build_index(engine, folder, state, embedder, approximate_above)
