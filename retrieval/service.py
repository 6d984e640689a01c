"""Everything a question needs, loaded once: the memory, a fresh index, the model, the searcher."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

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
    searcher = Searcher(index, embedder, search_settings(config))
    return Service(engine, index, embedder, searcher, time.perf_counter() - started)
