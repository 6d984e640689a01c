"""The benchmark runs end to end at a tiny scale with a stand-in embedder, and reports latency."""

from __future__ import annotations

import hashlib
import re

import numpy as np

from corpus.settings import load_config
from retrieval.bench import run_bench


class HashedWords:
    """A deterministic stand-in for MiniLM: hashed bag of words, as unit vectors."""

    name = "hashed-words"
    dim = 384

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
                vectors[row, int.from_bytes(digest, "little") % self.dim] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1.0, norms)


def test_search_at_a_tiny_scale_reports_p50_and_p95():
    lines: list[str] = []

    status = run_bench(
        load_config(), out=lines.append, sizes=(200,), queries=5, embedder=HashedWords(), skip_model_parts=True
    )

    text = "\n".join(lines)
    assert status == 0
    assert "p50 ms" in text and "p95 ms" in text
    row = next(line for line in lines if line.split()[:1] == ["200"])
    assert len(row.split()) == 14, row  # size, items, kind, 3 build times, 6 latencies, 2 RSS
