"""Search at scale for the benchmark: each size built, then served, in a process of its own.

A build process streams copies of the real chunks (and their vectors) into an index folder,
as a rebuild from the memory would; an update process adds one more document to it, as an
ingest would; a serve process starts from nothing, loads that index and
the query encoder and answers a first question (the ready time), then times asks, the query
encoding alone, and recall against exact search. Each reports its own peak memory, so the
figures are what a bot on that machine would need, not what the benchmark's own process holds.
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

Figures = dict[str, Any]
Out = Callable[[str], None]
RECALL_K = 10
BUILD_BATCH = 10_000  # chunks added to the index at a time while building


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss over an exec from
    the forked parent, so a child of a process holding torch would report the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def memory_mb() -> dict[str, float]:
    """Resident memory now: all of it, and the part that is the process's own (not mapped files)."""
    figures = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "RssAnon", "RssFile"):
                figures[name] = round(int(value.split()[0]) / 1024, 1)
    except OSError:
        pass
    return {"rss_mb": figures.get("VmRSS", 0.0), "anon_mb": figures.get("RssAnon", 0.0)}


# ---------------------------------------------------------------- in the build process


def build_copies(source: Path, size: int, folder: Path, approximate_above: int) -> Figures:
    """Stream `size` copies of the chunks of the index at `source` into a new index at `folder`."""
    from retrieval.index import MANIFEST, IndexWriter, load_index
    from retrieval.synthetic import replicate_batches
    from retrieval.vector_index import VectorIndex

    real = load_index(source)
    records = [real.items[item_id] for item_id in real.items]
    chunks = list(real.chunks)
    started = time.perf_counter()
    writer = IndexWriter(folder, real.vectors.shape[1])
    pending: list[tuple] = []
    for batch in replicate_batches(records, chunks, real.vectors, size):
        pending.append(batch)
        # As a rebuild adds a batch of documents at a time: thousands of chunks, not one copy's worth.
        if sum(len(c) for _, c, _ in pending) >= BUILD_BATCH:
            _add(writer, pending)
            pending = []
    _add(writer, pending)
    streamed = time.perf_counter() - started
    mark = time.perf_counter()
    vector = VectorIndex.build(writer.vectors(), approximate_above, ids=writer.tables.ids())
    manifest = dict(real.manifest, count=writer.count, vector_index=vector.kind, next_id=writer.next_id)
    writer.finish(vector, writer.keyword, manifest)
    faiss_seconds = time.perf_counter() - mark
    assert (folder / MANIFEST).exists()
    return {
        "vector_index": vector.kind,
        "build_s": {
            "tables_keyword": round(streamed, 3),
            "vector": round(faiss_seconds, 3),
            "total": round(time.perf_counter() - started, 3),
        },
        "build_peak_rss_mb": round(peak_rss_mb(), 1),
    }


def one_more_document(source: Path, folder: Path, approximate_above: int) -> Figures:
    """Ingesting one more set of minutes (the first real document, under new item ids) into the index at
    `folder`, in a process of its own as an ingest would be: the update's time and memory, its vectors given
    (embedding is the model's time, the same at any size). Written beside the index, then dropped."""
    import dataclasses
    import shutil

    from retrieval.chunks import Chunk
    from retrieval.index import apply_update, load_index

    real = load_index(source)
    records = [real.items[item_id] for item_id in real.items]
    chunks = list(real.chunks)
    old = load_index(folder, writable=True)
    document = min(r.document_id for r in records)
    offset = int(old.items.ids.max(initial=0)) + 1  # item ids of its own, as a new document's would be
    new_records = [dataclasses.replace(r, item_id=r.item_id + offset) for r in records if r.document_id == document]
    wanted = {r.item_id - offset for r in new_records}
    rows = [row for row, c in enumerate(chunks) if c.item_id in wanted]
    new_chunks = [Chunk(c.item_id + offset, c.kind, c.position, c.header, c.text) for c in (chunks[r] for r in rows)]
    target = folder.with_name(folder.name + "-updated")
    started = time.perf_counter()
    updated = apply_update(
        old,
        target,
        np.zeros(0, np.int64),
        new_records,
        new_chunks,
        np.asarray(real.vectors[rows]),
        approximate_above,
        lambda count, kind, next_id: dict(old.manifest, count=count, vector_index=kind, next_id=next_id),
    )
    seconds = time.perf_counter() - started
    assert len(updated) == len(old) + len(new_chunks)
    shutil.rmtree(target, ignore_errors=True)
    return {
        "update_chunks": len(new_chunks),
        "update_s": round(seconds, 3),
        "update_peak_rss_mb": round(peak_rss_mb(), 1),
    }


def _add(writer: Any, batches: list[tuple]) -> None:
    if batches:
        records = [r for rs, _, _ in batches for r in rs]
        writer.add(records, [c for _, cs, _ in batches for c in cs], np.concatenate([v for _, _, v in batches]))


# ---------------------------------------------------------------- in the serve process


def _factory(spec: str) -> Callable[[], Any]:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


class KnownVectors:
    """Wraps an embedder, remembering each text's vector, so repeated asks cost only the search."""

    def __init__(self, embedder: Any):
        self.embedder, self.name, self.dim = embedder, embedder.name, embedder.dim
        self._seen: dict[tuple[str, ...], np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        key = tuple(texts)
        if key not in self._seen:
            self._seen[key] = self.embedder.encode(texts)
        return self._seen[key]


def time_asks(searcher: Any, questions: Sequence[str], queries: int) -> list[float]:
    """Milliseconds per end-to-end ask, after five warm-up asks."""
    for question in (list(questions) * 5)[:5]:
        searcher.ask(question, k=5)
    latencies = []
    for i in range(queries):
        started = time.perf_counter()
        searcher.ask(questions[i % len(questions)], k=5)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def serve(folder: Path, embedder_spec: str, questions: list[str], queries: int, started: float) -> Figures:
    """From a new process to the first answer, then the warm figures; `started`: when it was spawned (epoch s)."""
    from retrieval.index import load_index
    from retrieval.query import understand
    from retrieval.search import Searcher, SearchSettings

    index = load_index(folder)
    embedder = _factory(embedder_spec)()
    first = Searcher(index, embedder, SearchSettings()).ask(questions[0], k=5)
    ready = time.time() - started  # the parent's clock when it started this process: interpreter start counts
    figures: Figures = {"ready_s": round(ready, 3), "first_answered": bool(first.results)}
    figures["ready_peak_rss_mb"] = round(peak_rss_mb(), 1)

    settings = SearchSettings()
    latencies = time_asks(Searcher(index, embedder, settings), questions, queries)
    known = KnownVectors(embedder)
    texts = [understand(q).text for q in questions]
    for text in texts:
        known.encode([text])
    searching = time_asks(Searcher(index, known, settings), questions, queries)
    encode = []
    for i in range(max(queries, len(texts))):
        mark = time.perf_counter()
        embedder.encode([texts[i % len(texts)]])
        encode.append((time.perf_counter() - mark) * 1000)
    minute = next((str(m) for m in np.asarray(index.items.minutes) if m), None)
    by_minute = [f"What happened at minute {minute}?"] if minute else []
    minute_ms = float(np.median(time_asks(Searcher(index, known, settings), by_minute, 5))) if by_minute else None
    parts = _parts(index, known, texts)
    p50, p95 = np.percentile(latencies, [50, 95])
    s50, s95 = np.percentile(searching, [50, 95])
    e50 = float(np.median(encode))
    figures |= {
        "chunks": len(index),
        "items": len(index.items),
        "vector_index": index.vector.kind,
        "ask_ms": {"p50": round(p50, 2), "p95": round(p95, 2), "max": round(max(latencies), 2)},
        "search_ms": {"p50": round(s50, 2), "p95": round(s95, 2)},
        "query_encode_ms_p50": round(e50, 2),
        "ask_over_encode": round(float(p50) / max(e50, 1e-9), 2),
        "minute_question_ms": minute_ms and round(minute_ms, 2),
        "parts_ms": parts,
        "serve_peak_rss_mb": round(peak_rss_mb(), 1),
        **{f"serve_{k}": v for k, v in memory_mb().items()},
    }
    # Last: exact search reads every vector, which would count in the memory figures above.
    figures["recall_at_10"] = round(recall_at_k(index, np.stack([known.encode([t])[0] for t in texts])), 4)
    return figures


def _parts(index: Any, known: KnownVectors, texts: list[str]) -> dict[str, float]:
    """Mean ms of the vector search and the keyword scoring alone."""
    vectors = [known.encode([t])[0] for t in texts]
    mark = time.perf_counter()
    for vector in vectors:
        index.nearest(vector, 100)  # SearchSettings.candidates
    vector_ms = (time.perf_counter() - mark) * 1000 / len(texts)
    mark = time.perf_counter()
    for text in texts:
        index.keyword.scores(text)
    return {
        "vector search": round(vector_ms, 3),
        "keyword scores": round((time.perf_counter() - mark) * 1000 / len(texts), 3),
    }


def recall_at_k(index: Any, query_vectors: np.ndarray, k: int = RECALL_K) -> float:
    """Share of the exact top k the vector index finds, by score: copies of one chunk tie, so ids cannot tell."""
    if not len(query_vectors) or not len(index):
        return 1.0
    exact = np.full((len(query_vectors), k), -np.inf, dtype=np.float32)
    for start in range(0, len(index), 100_000):  # a block at a time: exact search over a memory-mapped array
        scores = np.asarray(index.vectors[start : start + 100_000], dtype=np.float32) @ query_vectors.T
        exact = np.sort(np.concatenate([exact, scores.T], axis=1), axis=1)[:, -k:]
    found = 0
    for vector, best in zip(query_vectors, exact, strict=True):
        _, scores = index.vector.search(vector, k)
        found += int(np.sum(scores >= best[0] - 1e-5))
    return found / (k * len(query_vectors))


# ---------------------------------------------------------------- the parent's side


def run_python(args: list[str], cwd: Path) -> tuple[Figures | None, float, str]:
    """Run a new interpreter offline with `args`: its last output line as JSON (None if it failed),
    the wall seconds it took, and, when it failed, its exit status and the end of what it printed."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    started = time.perf_counter()
    child = subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    try:
        return json.loads(child.stdout.strip().splitlines()[-1]), wall, ""
    except (IndexError, ValueError):
        return None, wall, f"exit {child.returncode}: {child.stderr.strip()[-800:]}"


def run_child(mode: str, given: dict, cwd: Path) -> Figures:
    """Run this module in a new interpreter; its last line of output is its figures."""
    given = given | {"spawned": time.time()}
    figures, wall, failure = run_python(["-m", "retrieval.bench_scale", mode, json.dumps(given)], cwd)
    if figures is None:
        return {"failed": failure}
    return figures | {f"{mode}_wall_s": round(wall, 3)}


def main(argv: Sequence[str]) -> int:
    mode, given = argv[0], json.loads(argv[1])
    if mode == "build":
        figures = build_copies(Path(given["source"]), given["size"], Path(given["folder"]), given["approximate_above"])
    elif mode == "update":
        figures = one_more_document(Path(given["source"]), Path(given["folder"]), given["approximate_above"])
    else:
        figures = serve(
            Path(given["folder"]), given["embedder"], given["questions"], given["queries"], given["spawned"]
        )
    print(json.dumps(figures), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
