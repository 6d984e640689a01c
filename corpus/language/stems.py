"""Words to their Snowball English stems ("completed", "completion" → "complet"), and the stop
words search drops: bm25s's English list (NLTK's), so neither is hand-made here.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import Stemmer

STEMS_CACHED = 100_000  # distinct words; a board's whole vocabulary fits many times over

_local = threading.local()


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stop words: bm25s's "en_plus" list (NLTK's 179), which unlike Lucene's 33 also drops
    question words ("what", "who", "did") that say nothing about what a question is after."""
    # Imported on first use: bm25s brings scipy, a fifth of a second a command like `actions` need not pay.
    from bm25s.stopwords import STOPWORDS_EN_PLUS

    return frozenset(STOPWORDS_EN_PLUS)


def __getattr__(name: str) -> frozenset[str]:
    # `STOPWORDS` for the search modules, which load bm25s anyway.
    if name == "STOPWORDS":
        return stopwords()
    raise AttributeError(name)


def _stemmer() -> Stemmer.Stemmer:
    # A Snowball stemmer keeps state while it works, so each thread has its own.
    if not hasattr(_local, "stemmer"):
        _local.stemmer = Stemmer.Stemmer("english")
        _local.stemmer.maxCacheSize = 0  # stem() caches, once for all threads
    return _local.stemmer


@lru_cache(maxsize=STEMS_CACHED)
def stem(word: str) -> str:
    """The Snowball stem of a lower-case word ("reviews" → "review"; a name stays itself: "smith")."""
    return _stemmer().stemWord(word)
