"""How much of a question's vocabulary a passage shares, weighted by how rare each word is.

Words are compared as the tokenizer gives them, Snowball stems, so "completed" meets
"completion" and "funded" meets "funding". A word the minutes never use weighs
as much as a fairly rare one: a sign they may not speak to the question (fly-tipping, swimming
pools), though a weak one, since members often use an everyday word the clerk did not.
"""

from __future__ import annotations

import re
from collections.abc import Set
from functools import lru_cache

from corpus.language.dates import MONTHS
from corpus.language.stems import STOPWORDS
from retrieval.keyword_index import KeywordIndex, is_word, tokenize

# Of the rarest known word's weight. Members ask in their own words ("planning apps", "off sick",
# "school dinners") where the clerk wrote others; measured over the seeds' and the real corpus's
# question sets (boardmem eval), 0.35 keeps every abstention there that 0.7 made and stops
# refusing questions the minutes do answer.
UNKNOWN_SHARE = 0.35
# Words that say what kind of question it is rather than what it is about (by stem, so the
# forms of each count). Not "meeting": it stems as "meet", and "how often does the board meet"
# is about meetings; a word so common weighs little anyway. Modal verbs ("what would it cost")
# are here because the stop words leave them in.
GENERIC = frozenset(
    tokenize(
        "board minute minutes resolve resolved resolution resolutions decide decided decision decisions agree agreed "
        "say said tell know done happen happened get got give given discuss discussed anything something thing "
        "things year years month today much many often long please would could might must shall"
    )
)
_DATE_TERM = re.compile(r"^(?:(?:19|20)\d{2}(?:/\d{2})?|\d{1,2})$")
# Months as the tokenizer spells them ("januari"): a question's month is matched as a date.
_MONTHS = frozenset(tokenize(" ".join(MONTHS)))


@lru_cache(maxsize=1024)  # asked of the same question by each step of its answer
def question_terms(question: str) -> frozenset[str]:
    """The words that say what the question is about (dates are matched separately)."""
    return frozenset(
        {
            t
            for t in tokenize(question)
            if t not in GENERIC and t not in STOPWORDS and t not in _MONTHS and not _DATE_TERM.match(t)
        }
    )


class Weights:
    """Rarity of the stems in the index's vocabulary."""

    def __init__(self, keyword: KeywordIndex):
        # Looked up per term when asked, not read whole: a large memory's vocabulary would cost seconds at start.
        self._keyword = keyword
        self.unknown = UNKNOWN_SHARE * (keyword.rarest_word_idf() or 1.0)
        self._seen: dict[str, float | None] = {}

    def _idf(self, term: str) -> float | None:
        if term not in self._seen:
            # Word pairs and words as written rank passages; rarity is a property of a word's stem.
            self._seen[term] = self._keyword.idf_of(term) if term and is_word(term) else None
        return self._seen[term]

    def known(self, term: str) -> bool:
        """Whether the minutes use the word at all."""
        return self._idf(term) is not None

    def __call__(self, term: str) -> float:
        idf = self._idf(term)
        return self.unknown if idf is None else idf


def coverage(terms: Set[str], passage_terms: Set[str], weight: Weights) -> float:
    """Share (0–1) of the terms' weight found in the passage; 1 when there are no terms."""
    total = sum(weight(t) for t in terms)
    if not total:
        return 1.0
    return sum(weight(t) for t in terms if t in passage_terms) / total
