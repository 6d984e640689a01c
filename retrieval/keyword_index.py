"""BM25 over chunk text, for what vectors miss: acronyms, names, figures, minute numbers.

The tokenizer keeps what minutes use to say exactly: "CCTV", "£42,089" (also as "42089"),
"45/24", "86(b)" (as "86" and "86b"), "2019/20". Words become their Snowball stems
("completed", "completion" → "complet"); figures are never stemmed, and names stem the same
in the question as in the minutes. The index also keeps each word as written, so the
question's own wording outranks a passage that merely shares its stems ("meet" / "meeting").
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import bm25s
import numpy as np

from corpus.language.stems import STOPWORDS, stem

_TOKEN = re.compile(r"[a-z0-9]+(?:[/,.][0-9]+)*(?:\([a-z]\))?", re.IGNORECASE)
# "CSPs", "CCGs": an acronym's plural, which the stemmer leaves alone (no vowel before the s).
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")
EXACT = "="  # marks a word as written ("=meets"), beside its stem ("meet")


def _term(word: str) -> str:
    """A word's search term: its stem, an acronym's singular; figures as written ("45/24")."""
    if _ACRONYM_PLURAL.fullmatch(word):
        return word[:-1].lower()
    word = word.lower()
    return word if any(c.isdigit() for c in word) else stem(word)


def tokenize(text: str) -> list[str]:
    """Search terms of a text, in order (stopwords dropped, figures kept in both spellings)."""
    tokens: list[str] = []
    for raw in _TOKEN.findall(text):
        lower = raw.lower()
        if lower in STOPWORDS:
            continue
        if m := re.fullmatch(r"(\d+)\(([a-z])\)", lower):
            tokens.extend([m[1], m[1] + m[2]])
            continue
        tokens.append(_term(raw))
        if "," in raw or "." in raw:
            tokens.append(lower.replace(",", "").replace(".", ""))
    return tokens


def index_terms(text: str) -> list[str]:
    """What BM25 indexes: the stems; each pair of neighbouring stems ("knife_crime"), so a passage
    that says the question's phrase outranks one that merely has its words apart; and each word as
    written ("=meets"), so the question's own wording outranks a shared stem."""
    tokens = tokenize(text)
    words = (raw.lower() for raw in _TOKEN.findall(text))
    exact = [EXACT + word for word in words if word.isalpha() and word not in STOPWORDS]
    return tokens + [f"{a}_{b}" for a, b in itertools.pairwise(tokens)] + exact


def is_word(term: str) -> bool:
    """Whether an indexed term is one word's stem (not a pair, nor a word as written)."""
    return "_" not in term and not term.startswith(EXACT)


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

    def words(self) -> dict[str, int]:
        """Every word as written (lower case, stop words left out) with how many rows hold it."""
        frequencies = np.diff(self.retriever.scores["indptr"])
        return {
            term[len(EXACT) :]: int(frequencies[index])
            for term, index in self.retriever.vocab_dict.items()
            if term.startswith(EXACT) and index < len(frequencies)
        }

    def knows(self, word: str) -> bool:
        """Whether the index holds a word, as written or by its stem ("finished" when rows say "finish")."""
        vocabulary = self.retriever.vocab_dict
        return EXACT + word.lower() in vocabulary or all(t in vocabulary for t in tokenize(word))

    def adjacent(self, first: str, second: str) -> bool:
        """Whether some row has the two words side by side (by stem, stop words between allowed)."""
        a, b = tokenize(first), tokenize(second)
        return bool(a and b) and f"{a[-1]}_{b[0]}" in self.retriever.vocab_dict
