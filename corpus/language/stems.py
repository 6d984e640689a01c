"""Words to their Snowball English stems ("completed", "completion" → "complet"), and the stop
words search drops: bm25s's English list (NLTK's), so neither is hand-made here.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_EN_PLUS

# bm25s's "en" list is Lucene's 33 words; "en_plus" (NLTK's 179) also drops question words
# ("what", "who", "did"), which say nothing about what a question is after.
STOPWORDS = frozenset(STOPWORDS_EN_PLUS)
STEMS_CACHED = 100_000  # distinct words; a board's whole vocabulary fits many times over

_local = threading.local()


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
