"""Vectors kept by chunk-text hash, so re-ingesting unchanged text embeds nothing."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from corpus.store import private_folder
from retrieval.embedder import Embedder


class EmbeddingCache:
    """A key → vector store for one model, saved as a single .npz file in the data folder."""

    def __init__(self, path: Path, model: str, dim: int):
        self.path = path
        self.model = model
        self.dim = dim
        self._vectors: dict[str, np.ndarray] = {}
        self._dirty = False
        if path.exists():
            with np.load(path, allow_pickle=False) as data:
                if str(data["model"]) == model and data["vectors"].shape[1:] == (dim,):
                    self._vectors = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))

    def __len__(self) -> int:
        return len(self._vectors)

    def embed(self, keys: list[str], texts: list[str], embedder: Embedder) -> tuple[np.ndarray, int]:
        """Vectors for `texts`, computing only those not cached; returns (vectors, how many were new)."""
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in self._vectors}.items())
        if missing:
            fresh = embedder.encode([text for _, text in missing])
            self._vectors.update({key: vector for (key, _), vector in zip(missing, fresh, strict=True)})
            self._dirty = True
        matrix = np.zeros((len(keys), self.dim), dtype=np.float32)
        for row, key in enumerate(keys):
            matrix[row] = self._vectors[key]
        return matrix, len(missing)

    def get(self, key: str) -> np.ndarray | None:
        """The cached vector for a content key, if any."""
        return self._vectors.get(key)

    def put(self, keys: list[str], vectors: np.ndarray) -> None:
        """Remember vectors by content key."""
        for key, vector in zip(keys, vectors, strict=True):
            if key not in self._vectors:
                self._vectors[key] = np.array(vector, dtype=np.float32)
                self._dirty = True

    def retain(self, keys: set[str]) -> None:
        """Drop vectors no chunk uses any more, so the cache does not grow without bound."""
        stale = set(self._vectors) - keys
        for key in stale:
            del self._vectors[key]
        self._dirty = self._dirty or bool(stale)

    def save(self) -> None:
        if not self._dirty:
            return
        private_folder(self.path.parent)
        keys = list(self._vectors)
        vectors = np.stack([self._vectors[k] for k in keys]) if keys else np.zeros((0, self.dim), np.float32)
        partial = self.path.with_suffix(".partial.npz")
        np.savez(partial, keys=np.array(keys), vectors=vectors, model=np.array(self.model))
        os.replace(partial, self.path)  # never leave a half-written cache behind
        self._dirty = False
