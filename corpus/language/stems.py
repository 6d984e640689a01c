"""Words to their Snowball English stems ("completed", "completion" → "complet"), and the stop
words search drops: bm25s's English list (NLTK's), so neither is hand-made here.
"""

from __future__ import annotations

import ast
import importlib.util
import threading
from functools import lru_cache
from pathlib import Path

import Stemmer

STOPWORD_LIST = "STOPWORDS_EN_PLUS"  # in bm25s/stopwords.py
STEMS_CACHED = 100_000  # distinct words; a board's whole vocabulary fits many times over

_local = threading.local()


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stop words: bm25s's "en_plus" list (NLTK's 179), which unlike Lucene's 33 also drops
    question words ("what", "who", "did") that say nothing about what a question is after."""
    # Read as data from bm25s's own file rather than imported: importing bm25s runs its package,
    # which brings scipy (0.3-0.5 s), and a question asked from a new process need not wait for that.
    spec = importlib.util.find_spec("bm25s")
    if spec is None or spec.origin is None:
        raise ImportError("bm25s is not installed: its stop-word list defines ours")
    source = Path(spec.origin).with_name("stopwords.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == STOPWORD_LIST for t in node.targets):
            return frozenset(ast.literal_eval(node.value))
    raise ImportError(f"bm25s's stopwords.py no longer defines {STOPWORD_LIST}")


def __getattr__(name: str) -> frozenset[str]:
    # `STOPWORDS`, read when first asked for.
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
