"""Everything a question needs, loaded once: the memory, a fresh index, the model, the searcher."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Engine

from corpus.settings import Config
from corpus.store import open_engine
from retrieval.embedder import Embedder, MiniLMEmbedder
from retrieval.index import SearchIndex, ensure_index
from retrieval.search import Searcher, SearchSettings

Log = Callable[[str], None]


def search_settings(config: Config) -> SearchSettings:
    """The ranking and abstention knobs that config.toml exposes."""
    return SearchSettings(
        min_coverage=config.min_coverage,
        min_similarity=config.min_similarity,
        confident_similarity=config.confident_similarity,
    )


def embedder_for(config: Config) -> MiniLMEmbedder:
    return MiniLMEmbedder(threads=config.embed_threads or None, batch_size=config.embed_batch_size)


def default_query_embedder() -> Embedder:
    """The query encoder a new process would serve with, from the configuration it finds."""
    from corpus.settings import load_config

    return embedder_for(load_config())


@dataclass
class _Job:
    texts: list[str]
    vectors: np.ndarray | None = None
    error: BaseException | None = None


class QueryBatcher:
    """The model, for questions: those asked at the same moment from several threads are embedded in one
    batch (on CPU one batch of 50 questions costs about what four single ones do); a lone one waits for nobody.

    Whoever finds the model idle encodes everything waiting, then hands over to the next caller still waiting.
    """

    def __init__(self, inner: Embedder):
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self._changed = threading.Condition()
        self._waiting: list[_Job] = []
        self._encoding = False

    def encode(self, texts: list[str]) -> np.ndarray:
        mine = _Job(list(texts))
        with self._changed:
            self._waiting.append(mine)
            while mine.vectors is None and mine.error is None:
                if self._encoding:
                    self._changed.wait()
                    continue
                self._encoding, batch, self._waiting = True, self._waiting, []
                self._changed.release()
                try:
                    _encode_together(self.inner, batch)
                finally:
                    self._changed.acquire()
                    self._encoding = False
                    self._changed.notify_all()
        if mine.error is not None:
            raise mine.error
        assert mine.vectors is not None
        return mine.vectors


def _encode_together(embedder: Embedder, jobs: list[_Job]) -> None:
    """One encode for every job's texts, each job handed back its own rows (or the error)."""
    try:
        vectors = embedder.encode([text for job in jobs for text in job.texts])
    except BaseException as error:  # every caller waiting on this batch must hear of it
        for job in jobs:
            job.error = error
        return
    start = 0
    for job in jobs:
        job.vectors, start = vectors[start : start + len(job.texts)], start + len(job.texts)


def searcher_for(index: SearchIndex, embedder: Embedder, config: Config) -> Searcher:
    """The searcher the bot and the CLI serve with: questions asked together are embedded together."""
    return Searcher(index, QueryBatcher(embedder), search_settings(config))


def refresh_index(config: Config, engine: Engine, embedder: Embedder, log: Log = print) -> SearchIndex:
    """The index for the memory as it is now, rebuilt (with a message) if it is stale."""
    return ensure_index(engine, config.index_dir, embedder, config.approximate_above, log)


@dataclass
class Service:
    engine: Engine
    index: SearchIndex
    embedder: Embedder
    searcher: Searcher
    load_seconds: float


def load_service(config: Config, log: Log = print, warm: bool = True) -> Service:
    """Open the memory, make sure its index is fresh, load the model (warm: encode once now)."""
    started = time.perf_counter()
    engine = open_engine(config.resolved_database_url)
    embedder = embedder_for(config)
    index = refresh_index(config, engine, embedder, log)
    if warm:
        embedder.encode(["warm up"])  # the first encode pays for loading; do it before a user waits
    searcher = searcher_for(index, embedder, config)
    return Service(engine, index, embedder, searcher, time.perf_counter() - started)
