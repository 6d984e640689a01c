"""FAISS over the chunk vectors: exact while small, HNSW above a configurable size."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

# One OpenMP thread answers a single query faster than two on these machines.
faiss.omp_set_num_threads(1)

HNSW_NEIGHBOURS = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128


class VectorIndex:
    """Inner-product search over unit vectors (so scores are cosine similarities)."""

    def __init__(self, index: faiss.Index):
        self.index = index

    @property
    def kind(self) -> str:
        return "hnsw" if isinstance(self.index, faiss.IndexHNSW) else "flat"

    @classmethod
    def build(cls, vectors: np.ndarray, approximate_above: int) -> VectorIndex:
        dim = vectors.shape[1]
        if len(vectors) > approximate_above:
            index = faiss.IndexHNSWFlat(dim, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
            # Building is parallel work; searching single queries is not.
            faiss.omp_set_num_threads(0)
            try:
                index.add(vectors)
            finally:
                faiss.omp_set_num_threads(1)
        else:
            index = faiss.IndexFlatIP(dim)
            index.add(vectors)
        built = cls(index)
        built.tune()
        return built

    def tune(self) -> None:
        if isinstance(self.index, faiss.IndexHNSW):
            self.index.hnsw.efSearch = HNSW_EF_SEARCH

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(row ids, cosine scores) of the k nearest rows, best first; -1 ids are padding."""
        scores, ids = self.index.search(query.reshape(1, -1).astype(np.float32), min(k, self.index.ntotal))
        keep = ids[0] >= 0
        return ids[0][keep], scores[0][keep]

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path) -> VectorIndex:
        loaded = cls(faiss.read_index(str(path)))
        loaded.tune()
        return loaded
