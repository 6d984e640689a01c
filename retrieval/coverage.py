"""How much of a question's vocabulary a passage shares, weighted by how rare each word is.

Words are compared by stem (their first five letters), so "completed" meets "completion"
and "funded" meets "funding" without a stemmer. A word the minutes never use weighs
heavily: it is the best sign they do not speak to the question (fly-tipping, swimming
pools), though not absolutely, since a question can use an everyday word the clerk did not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from corpus.language.dates import MONTHS
from retrieval.keyword_index import STOPWORDS, KeywordIndex, tokenize

STEM = 5
UNKNOWN_SHARE = 0.7  # of the rarest known word's weight
# Words that say what kind of question it is rather than what it is about.
GENERIC = frozenset(
    tokenize(
        "board meeting meetings minute minutes resolve resolved resolution resolutions decide decided decision "
        "decisions agree agreed say said tell know done happen happened get got give given discuss discussed "
        "anything something thing things year years month today much many often long please"
    )
)
_DATE_TERM = re.compile(r"^(?:(?:19|20)\d{2}(?:/\d{2})?|\d{1,2})$")


def stem(term: str) -> str:
    return term[:STEM]


def question_terms(question: str) -> set[str]:
    """The words that say what the question is about (dates are matched separately)."""
    return {
        t
        for t in tokenize(question)
        if t not in GENERIC and t not in STOPWORDS and t not in MONTHS and not _DATE_TERM.match(t)
    }


class Weights:
    """Rarity of words in the index's vocabulary, by stem."""

    def __init__(self, keyword: KeywordIndex):
        self._by_stem: dict[str, float] = {}
        for term, weight in keyword.idf().items():
            if "_" in term:
                continue  # word pairs rank passages; rarity is a property of single words
            key = stem(term)
            # The commonest spelling sets the weight: a stem is as common as its commonest form.
            self._by_stem[key] = min(weight, self._by_stem.get(key, weight))
        self.unknown = UNKNOWN_SHARE * max(self._by_stem.values(), default=1.0)

    def __call__(self, term: str) -> float:
        return self._by_stem.get(stem(term), self.unknown)


def stems(text_terms: Iterable[str]) -> set[str]:
    return {stem(t) for t in text_terms}


def coverage(terms: set[str], passage_stems: set[str], weight: Weights) -> float:
    """Share (0–1) of the terms' weight found in the passage; 1 when there are no terms."""
    total = sum(weight(t) for t in terms)
    if not total:
        return 1.0
    return sum(weight(t) for t in terms if stem(t) in passage_stems) / total
