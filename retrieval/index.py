"""The search index: chunks, their vectors (FAISS), their terms (BM25), persisted with a manifest.

The manifest records the model, dimension, row count and a fingerprint of the database it
was built from. An index whose manifest does not match the memory, or whose files do not
match the manifest, is rebuilt (and says so), never served stale. One rebuild at a time: the
bot's refresh and any number of `boardmem ingest` runs share a lock file beside the index.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fcntl
import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sqlalchemy import Engine
from sqlmodel import Session

from corpus.store import private_folder
from retrieval.chunks import CHUNKER_VERSION, Chunk, ItemRecord, chunk_items
from retrieval.embedder import Embedder
from retrieval.embedding_cache import EmbeddingCache
from retrieval.keyword_index import KeywordIndex
from retrieval.records import load_item_records, memory_fingerprint
from retrieval.vector_index import VectorIndex

MANIFEST = "manifest.json"
Log = Callable[[str], None]


@dataclass
class BuildStats:
    """Where building time went, for `boardmem ingest` and the benchmark."""

    chunks: int = 0
    embedded: int = 0
    chunk_seconds: float = 0.0
    embed_seconds: float = 0.0
    index_seconds: float = 0.0


@dataclass
class SearchIndex:
    chunks: list[Chunk]
    items: dict[int, ItemRecord]
    vectors: np.ndarray
    vector: VectorIndex
    keyword: KeywordIndex
    manifest: dict
    stats: BuildStats = field(default_factory=BuildStats)

    def __post_init__(self) -> None:
        # Row-aligned arrays, so filters and grouping never loop over Python objects per query.
        self.item_of_row = np.array([c.item_id for c in self.chunks], dtype=np.int64)
        self.date_of_row = np.array(
            [self.items[c.item_id].meeting_date.toordinal() for c in self.chunks], dtype=np.int64
        )

    def __len__(self) -> int:
        return len(self.chunks)


def build_index(
    records: list[ItemRecord],
    embedder: Embedder,
    cache: EmbeddingCache | None,
    fingerprint: str,
    approximate_above: int,
) -> SearchIndex:
    """Chunk, embed (what the cache lacks) and index every item."""
    stats = BuildStats()
    started = time.perf_counter()
    chunks = chunk_items(records)
    stats.chunks = len(chunks)
    stats.chunk_seconds = time.perf_counter() - started

    started = time.perf_counter()
    keys = [c.key for c in chunks]
    texts = [c.embed_text for c in chunks]
    if cache is not None:
        vectors, stats.embedded = cache.embed(keys, texts, embedder)
        cache.retain(set(keys))
        cache.save()
    else:
        vectors, stats.embedded = embedder.encode(texts), len(texts)
    stats.embed_seconds = time.perf_counter() - started

    started = time.perf_counter()
    vectors = vectors.reshape(len(chunks), embedder.dim).astype(np.float32)
    vector = VectorIndex.build(vectors, approximate_above)
    keyword = KeywordIndex.build([f"{c.header}\n{c.text}" for c in chunks])
    stats.index_seconds = time.perf_counter() - started
    manifest = {
        "model": embedder.name,
        "dim": embedder.dim,
        "count": len(chunks),
        "fingerprint": fingerprint,
        "chunker_version": CHUNKER_VERSION,
        "vector_index": vector.kind,
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    items = {r.item_id: r for r in records}
    return SearchIndex(chunks, items, vectors, vector, keyword, manifest, stats)


def save_index(index: SearchIndex, folder: Path) -> None:
    """Write the index beside its manifest; the manifest goes last, so a torn write reads as stale."""
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    private_folder(partial)  # the index holds the minutes' text: as private as the database
    np.save(partial / "vectors.npy", index.vectors)
    index.vector.save(partial / "vectors.faiss")
    index.keyword.save(partial / "bm25")
    with (partial / "chunks.jsonl").open("w", encoding="utf-8") as out:
        for chunk in index.chunks:
            out.write(json.dumps(dataclasses.asdict(chunk), ensure_ascii=False) + "\n")
    with (partial / "items.jsonl").open("w", encoding="utf-8") as out:
        for record in index.items.values():
            row = dataclasses.asdict(record) | {"text": "", "meeting_date": record.meeting_date.isoformat()}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    (partial / MANIFEST).write_text(json.dumps(index.manifest, indent=2))
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)


def read_manifest(folder: Path) -> dict | None:
    try:
        return json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        return None


def load_index(folder: Path) -> SearchIndex:
    """Read a saved index; raises ValueError if its files disagree with its manifest."""
    manifest = read_manifest(folder)
    if manifest is None:
        raise ValueError(f"{folder}: no readable {MANIFEST}")
    with (folder / "chunks.jsonl").open(encoding="utf-8") as lines:
        chunks = [Chunk(**json.loads(line)) for line in lines]
    items: dict[int, ItemRecord] = {}
    with (folder / "items.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            row["meeting_date"] = dt.date.fromisoformat(row["meeting_date"])
            row["resolutions"] = tuple(row["resolutions"])
            items[row["item_id"]] = ItemRecord(**row)
    vectors = np.load(folder / "vectors.npy")
    vector = VectorIndex.load(folder / "vectors.faiss")
    if not (len(chunks) == len(vectors) == vector.index.ntotal == manifest["count"]):
        raise ValueError(f"{folder}: index files disagree with the manifest ({manifest['count']} rows)")
    keyword = KeywordIndex.load(folder / "bm25", len(chunks))
    return SearchIndex(chunks, items, vectors, vector, keyword, manifest)


def stale_reason(manifest: dict | None, fingerprint: str, embedder: Embedder) -> str | None:
    """Why a saved index cannot serve this memory, or None if it can."""
    if manifest is None:
        return "no index yet"
    expected = {
        "model": embedder.name,
        "dim": embedder.dim,
        "chunker_version": CHUNKER_VERSION,
        "fingerprint": fingerprint,
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


def ensure_index(
    engine: Engine,
    folder: Path,
    embedder: Embedder,
    approximate_above: int,
    log: Log = lambda _message: None,
) -> SearchIndex:
    """The saved index if it matches the memory; otherwise rebuild it (one rebuild at a time), say why, save it."""
    with Session(engine) as session:
        found = _saved(folder, memory_fingerprint(session), embedder)
    if isinstance(found, SearchIndex):
        return found
    with rebuilding(folder):
        with Session(engine) as session:  # closed before embedding, which may take minutes
            # Whoever held the lock before us may have rebuilt it for this very memory: then it is served.
            fingerprint = memory_fingerprint(session)
            found = _saved(folder, fingerprint, embedder)
            if isinstance(found, SearchIndex):
                return found
            records = load_item_records(session)
        log(f"Rebuilding the search index: {found}.")
        cache = EmbeddingCache(folder.parent / f"embeddings-{embedder.name}.npz", embedder.name, embedder.dim)
        index = build_index(records, embedder, cache, fingerprint, approximate_above)
        save_index(index, folder)
        return index
