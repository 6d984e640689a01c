"""Vectors kept by chunk-text hash, so rebuilding the index embeds only text it has not seen.

Beside the index, per model: the keys, sorted, and their vectors, as two arrays read memory-mapped
(a council's archive of a million passages would not fit in memory as a dictionary: lookups are
binary searches). A full build writes it anew from the index it has just made, a block at a time.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
from numpy.lib.format import open_memmap

from corpus.store import private_folder
from retrieval.tables import KEY_BYTES

KEY_DTYPE = np.dtype(f"S{KEY_BYTES}")
BLOCK = 50_000  # vectors copied at a time when the cache is written


class VectorsByKey:
    """Vectors found by content key: `keys` sorted (or put in order by `order`), row for row with `vectors`."""

    def __init__(self, keys: np.ndarray, vectors: np.ndarray, order: np.ndarray | None = None):
        self._keys, self._vectors, self._order = keys, vectors, order

    def __len__(self) -> int:
        return len(self._keys)

    def get(self, key: str) -> np.ndarray | None:
        """The vector kept under a content key, if any."""
        wanted = key.encode("ascii")
        position = int(np.searchsorted(self._keys, wanted))
        if position < len(self._keys) and self._keys[position] == wanted:
            return self._vectors[position if self._order is None else int(self._order[position])]
        return None

    @classmethod
    def of_index(cls, folder: Path, model: str, dim: int) -> VectorsByKey | None:
        """The vectors of the index in `folder`, if the same model made them (None if not, or unreadable):
        a rebuild reuses those of text added since the cache was last written."""
        try:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            if (manifest.get("model"), manifest.get("dim")) != (model, dim):
                return None
            keys = np.load(folder / "chunk_keys.npy", mmap_mode="r")
            count = int(manifest["count"])
            if keys.dtype != KEY_DTYPE or len(keys) != count or not count:
                return None
            vectors = np.memmap(folder / "vectors.f32", dtype=np.float32, mode="r", shape=(count, dim))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        order = np.argsort(keys)
        return cls(np.asarray(keys)[order], np.asarray(vectors), order)


class EmbeddingCache:
    """A content key → vector store for one model, in the data folder."""

    def __init__(self, folder: Path, model: str, dim: int):
        self.keys_path = folder / f"embeddings-{model}.keys.npy"
        self.vectors_path = folder / f"embeddings-{model}.vectors.npy"
        self.legacy_path = folder / f"embeddings-{model}.npz"  # how earlier versions kept it, read once
        self.model, self.dim = model, dim
        self._kept = VectorsByKey(*self._read())

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: str) -> np.ndarray | None:
        """The cached vector for a content key, if any."""
        return self._kept.get(key)

    def save(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        """Keep exactly these vectors under their keys (an index's, row for row), replacing what was kept."""
        private_folder(self.keys_path.parent)
        unique, first = np.unique(np.asarray(keys, dtype=KEY_DTYPE), return_index=True)
        partial_keys = self.keys_path.with_suffix(".partial.npy")
        partial_vectors = self.vectors_path.with_suffix(".partial.npy")
        np.save(partial_keys, unique)
        if len(unique):
            out = open_memmap(partial_vectors, mode="w+", dtype=np.float32, shape=(len(unique), self.dim))
            for start in range(0, len(unique), BLOCK):
                out[start : start + BLOCK] = vectors[first[start : start + BLOCK]]
            out.flush()
            del out
        else:  # an empty array cannot be mapped
            np.save(partial_vectors, np.zeros((0, self.dim), np.float32))
        # Vectors first, keys last: a crash between the two leaves arrays of different lengths,
        # which are read as no cache at all, never as keys paired with the wrong vectors.
        os.replace(partial_vectors, self.vectors_path)
        os.replace(partial_keys, self.keys_path)
        self.legacy_path.unlink(missing_ok=True)
        self._kept = VectorsByKey(*self._read())

    def _read(self) -> tuple[np.ndarray, np.ndarray]:
        empty = np.zeros(0, KEY_DTYPE), np.zeros((0, self.dim), np.float32)
        try:
            if self.keys_path.exists() and self.vectors_path.exists():
                keys = np.load(self.keys_path, mmap_mode="r")
                vectors = np.load(self.vectors_path, mmap_mode="r")
            elif self.legacy_path.exists():
                with np.load(self.legacy_path, allow_pickle=False) as data:
                    if str(data["model"]) != self.model:
                        return empty
                    keys, vectors = data["keys"].astype(KEY_DTYPE), data["vectors"]
                    order = np.argsort(keys)
                    keys, vectors = keys[order], vectors[order]
            else:
                return empty
        except (OSError, ValueError, KeyError):
            return empty  # only a cache: what cannot be read is embedded again
        if keys.dtype != KEY_DTYPE or vectors.shape != (len(keys), self.dim):
            return empty
        return np.asarray(keys), np.asarray(vectors)
