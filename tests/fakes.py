"""Deterministic stand-ins for the outside things retrieval depends on (here: the model)."""

from __future__ import annotations

import hashlib

import numpy as np

from retrieval.keyword_index import tokenize


class HashingEmbedder:
    """A bag-of-words embedder: texts sharing words get close vectors. Cheap and repeatable."""

    name = "hashing-fake"

    def __init__(self, dim: int = 384):
        self.dim = dim
        self.calls = 0
        self.texts_encoded = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.texts_encoded += len(texts)
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokenize(text):
                bucket = int.from_bytes(hashlib.blake2b(token.encode(), digest_size=4).digest(), "little")
                vectors[row, bucket % self.dim] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)
