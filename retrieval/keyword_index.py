"""BM25 over chunk text, for what vectors miss: acronyms, names, figures, minute numbers.

The tokenizer keeps what minutes use to say exactly: "MARAC", "£42,089" (also as "42089"),
"45/24", "86(b)" (as "86" and "86b"), "2019/20". Plurals fold to their singular; nothing
else is stemmed, so names stay names.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import bm25s
import numpy as np

_TOKEN = re.compile(r"[a-z0-9]+(?:[/,.][0-9]+)*(?:\([a-z]\))?")
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers him his how i if in into is it its itself just me more most my no nor not now
    of off on once only or other our out over own same she should so some such than that the their them
    then there these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours shall may might must also been being upon""".split()  # noqa: SIM905
)


def _fold(token: str) -> str:
    if len(token) > 4 and not token[-1].isdigit():
        if token.endswith("ies"):
            return token[:-3] + "y"
        if token.endswith(("sses", "ches", "shes", "xes", "zes")):
            return token[:-2]
        if token.endswith("s") and not token.endswith(("ss", "us", "is")):
            return token[:-1]
    return token


def tokenize(text: str) -> list[str]:
    """Search terms of a text, in order (stopwords dropped, figures kept in both spellings)."""
    tokens: list[str] = []
    for raw in _TOKEN.findall(text.lower()):
        if raw in STOPWORDS:
            continue
        if m := re.fullmatch(r"(\d+)\(([a-z])\)", raw):
            tokens.extend([m[1], m[1] + m[2]])
            continue
        tokens.append(_fold(raw))
        if "," in raw or "." in raw:
            tokens.append(raw.replace(",", "").replace(".", ""))
    return tokens


def index_terms(text: str) -> list[str]:
    """What BM25 indexes: the words, and each pair of neighbouring words ("knife_crime"), so a
    passage that says the question's phrase outranks one that merely has its words apart."""
    tokens = tokenize(text)
    return tokens + [f"{a}_{b}" for a, b in itertools.pairwise(tokens)]


class KeywordIndex:
    """A BM25 index (bm25s) whose rows are the chunk rows of the search index."""

    def __init__(self, retriever: bm25s.BM25, size: int):
        self.retriever = retriever
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> KeywordIndex:
        retriever = bm25s.BM25()
        # An empty document still needs a token, or bm25s drops the row and misaligns ids; an
        # empty memory gets one placeholder row (bm25s cannot index nothing), never returned.
        retriever.index([index_terms(t) or ["_"] for t in texts] or [["_"]], show_progress=False)
        return cls(retriever, len(texts))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every row for the query (zeros when no term is known)."""
        terms = [t for t in index_terms(query) if t in self.retriever.vocab_dict]
        if not terms or not self.size:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.retriever.get_scores(terms), dtype=np.float32)[: self.size]

    def idf(self) -> dict[str, float]:
        """How rare each known term is among the rows (BM25's idf, without the +1 floor)."""
        frequencies = np.diff(self.retriever.scores["indptr"])
        idf = np.log(1 + (self.size - frequencies + 0.5) / (frequencies + 0.5))
        return {
            term: float(idf[index]) for term, index in self.retriever.vocab_dict.items() if term and index < len(idf)
        }

    def save(self, folder: Path) -> None:
        self.retriever.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> KeywordIndex:
        return cls(bm25s.BM25.load(str(folder), show_progress=False), size)
