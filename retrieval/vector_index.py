"""FAISS over the chunk vectors, keyed by chunk id: exact while small, IVF above a configurable size.

Ids are chunk ids, so a document's chunks are added and removed by id without touching the rest.
Above the exact size, an inverted-file index (IVF): vectors sorted into lists by their nearest
centroid, a query scanning the lists nearest it. Unlike a graph (HNSW), it removes vectors
outright, and copies of one passage (boilerplate repeated across years of minutes) do not
confuse it: HNSW found 34% of the exact top 10 on the benchmark's copied corpus. How many lists
a query scans is chosen when the index is built, as the fewest that find ≥ 99% of the exact
top 10 for sample queries; the benchmark checks recall against exact search with real questions.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import faiss
import numpy as np

# One OpenMP thread answers a single query faster than two on these machines.
faiss.omp_set_num_threads(1)

ADD_BLOCK = 50_000  # rows added to FAISS at a time, so a memory-mapped array is never read whole
TRAIN_PER_LIST = 40  # training vectors per list (FAISS warns below 39)
TUNE_QUERIES = 200
TUNE_RECALL = 0.99
PROBES = (8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256)


def kind_for(count: int, approximate_above: int) -> str:
    """Exact search while it is fast enough, IVF above (recall checked against exact search)."""
    return "ivf" if count > approximate_above else "flat"


def lists_for(count: int) -> int:
    """About 2·√n lists: a few hundred vectors each, cheap to train."""
    return max(16, int(2 * math.sqrt(count)))


def blocks(count: int, size: int = ADD_BLOCK) -> Iterator[slice]:
    for start in range(0, count, size):
        yield slice(start, min(count, start + size))


class VectorIndex:
    """Inner-product search over unit vectors (so scores are cosine similarities), by chunk id."""

    def __init__(self, index: faiss.Index):
        self.index = index
        self._params = None
        if self.kind == "ivf":
            self._params = faiss.SearchParametersIVF()
            self._params.nprobe = faiss.extract_index_ivf(index).nprobe

    @property
    def kind(self) -> str:
        return "ivf" if isinstance(faiss.downcast_index(self.index), faiss.IndexIVF) else "flat"

    @property
    def count(self) -> int:
        return self.index.ntotal

    @property
    def probes(self) -> int | None:
        """Lists an IVF query scans (None for exact search)."""
        return None if self._params is None else self._params.nprobe

    @classmethod
    def build(cls, vectors: np.ndarray, approximate_above: int, ids: np.ndarray | None = None) -> VectorIndex:
        """An index of `vectors` (id i for row i unless `ids` are given), added a block at a time."""
        ids = np.arange(len(vectors), dtype=np.int64) if ids is None else np.asarray(ids, np.int64)
        dim = vectors.shape[1]
        if kind_for(len(vectors), approximate_above) == "flat":
            built = cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dim)))
            built.add(ids, vectors)
            return built
        lists = lists_for(len(vectors))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, lists, faiss.METRIC_INNER_PRODUCT)
        sample = np.sort(
            np.random.default_rng(0).choice(len(vectors), min(len(vectors), lists * TRAIN_PER_LIST), False)
        )
        faiss.omp_set_num_threads(0)  # training and adding are parallel work; single queries are not
        try:
            index.train(np.ascontiguousarray(vectors[sample], dtype=np.float32))
        finally:
            faiss.omp_set_num_threads(1)
        built = cls(index)
        built.add(ids, vectors)
        built.tune(vectors)
        return built

    def tune(self, vectors: np.ndarray) -> None:
        """Scan the fewest lists that find ≥ 99% of the exact top 10 for sample queries (each the mean of
        two stored vectors: near passages, as questions are, without being one of them)."""
        rng = np.random.default_rng(1)
        pairs = rng.choice(len(vectors), (min(TUNE_QUERIES, len(vectors)), 2))
        queries = np.asarray(vectors[pairs[:, 0]], np.float32) + np.asarray(vectors[pairs[:, 1]], np.float32)
        queries /= np.maximum(np.linalg.norm(queries, axis=1, keepdims=True), 1e-12)
        exact = np.full((len(queries), 10), -np.inf, dtype=np.float32)
        for block in blocks(len(vectors)):
            scores = queries @ np.asarray(vectors[block], np.float32).T
            exact = np.sort(np.concatenate([exact, scores], axis=1), axis=1)[:, -10:]
        ivf = faiss.extract_index_ivf(self.index)
        for probes in PROBES:
            ivf.nprobe = min(probes, ivf.nlist)
            scores, _ = self.index.search(queries, 10)
            if _recall(scores, exact) >= TUNE_RECALL or ivf.nprobe == ivf.nlist:
                break
        self._params = faiss.SearchParametersIVF()
        self._params.nprobe = ivf.nprobe

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        faiss.omp_set_num_threads(0)
        try:
            for block in blocks(len(ids)):
                rows = np.ascontiguousarray(vectors[block], dtype=np.float32)
                self.index.add_with_ids(rows, np.ascontiguousarray(ids[block], dtype=np.int64))
        finally:
            faiss.omp_set_num_threads(1)

    def needs_rebuild(self, count: int) -> bool:
        """Whether an IVF index has outgrown its lists (trained for a quarter of `count` or fewer)."""
        return self.kind == "ivf" and lists_for(count) > 2 * faiss.extract_index_ivf(self.index).nlist

    def remove(self, ids: np.ndarray) -> None:
        self.index.remove_ids(faiss.IDSelectorBatch(np.asarray(ids, np.int64)))

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(chunk ids, cosine scores) of the k nearest, best first."""
        k = min(k, self.count)
        if k <= 0:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        scores, ids = self.index.search(query.reshape(1, -1).astype(np.float32), k, params=self._params)
        keep = ids[0] >= 0  # an IVF scan may find fewer than k
        return ids[0][keep], scores[0][keep]

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path, writable: bool = False) -> VectorIndex:
        """Read an index; read-only ones keep an exact index's vectors memory-mapped."""
        flags = 0 if writable else faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY
        return cls(faiss.read_index(str(path), flags))


def _recall(scores: np.ndarray, exact: np.ndarray) -> float:
    """Share of the exact top 10 found, by score (copies of a passage tie, so ids cannot tell)."""
    return float(np.mean(scores >= exact[:, :1] - 1e-5))
