"""Spelling-tolerant questions: a word the minutes never use, typed a letter wrong, becomes the
word they do use ("safegaurding" → "safeguarding"), so a fast-typed question is not refused.

Only words absent from the memory are candidates, and only when a known word is very close:
Damerau–Levenshtein distance (a swap of neighbouring letters costs 1, the commonest typo),
at most 1 for words of 5–8 letters and 2 for longer ones. A wrong correction is worse than a
missed one (it answers a question nobody asked), so every rule below errs towards leaving
the word alone.

Candidates come from a SymSpell-style index of each known word and its one-letter deletions,
built on the first unknown word (most questions have none), held as two numpy arrays of
hashes and word ids rather than Python strings, so a large memory's vocabulary costs a few
megabytes.
"""

from __future__ import annotations

import array
import re
import string
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from corpus.language.stems import STOPWORDS
from retrieval.keyword_index import KeywordIndex, tokenize

# Shorter words have too many neighbours one letter away ("farm" → "form", "fees" → "feed"),
# so a change there is as likely to be wrong as right.
MIN_LENGTH = 5
# Up to this length one edit; longer words have room for two and few neighbours within two.
ONE_EDIT_UP_TO = 8
# A word the minutes hold only once may itself be a typo of theirs; prefer words seen twice.
TRUSTED_FREQUENCY = 2
_LETTERS = string.ascii_lowercase
_WORD = re.compile(r"[^\W_]+")  # runs of letters and digits; apostrophes and hyphens split words


def max_edits(word: str) -> int:
    """How many edits a word of this length may be from its correction (0: never corrected)."""
    if len(word) < MIN_LENGTH:
        return 0
    return 1 if len(word) <= ONE_EDIT_UP_TO else 2


def correctable(word: str) -> bool:
    """Whether a word may be corrected at all: long enough, all letters, not a stop word."""
    lower = word.lower()
    # Figures, codes and references ("20mph", "B1398") are typed as read, not spelt.
    return max_edits(lower) > 0 and lower.isalpha() and lower not in STOPWORDS


def distance(a: str, b: str, limit: int) -> int:
    """Damerau–Levenshtein distance (optimal string alignment), or limit + 1 once it exceeds limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if before is not None and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:  # a row's minimum never falls again
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)


def _deletions(word: str) -> set[str]:
    # Never the first letter: candidates must share it (typos rarely hit the first letter, and
    # allowing it roughly doubles wrong corrections), which also keeps the index smaller.
    return {word[:i] + word[i + 1 :] for i in range(1, len(word))}


def _edits(word: str) -> set[str]:
    """Every string one edit from the word, the first letter kept."""
    n = len(word)
    swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(1, n - 1)}
    changes = {word[:i] + c + word[i + 1 :] for i in range(1, n) for c in _LETTERS}
    inserts = {word[:i] + c + word[i:] for i in range(1, n + 1) for c in _LETTERS}
    return _deletions(word) | swaps | changes | inserts


@dataclass(frozen=True)
class _Lexicon:
    """The known words, their document frequencies, and (sorted) hashes of each word and its deletions."""

    words: list[str]
    frequencies: np.ndarray
    keys: np.ndarray
    ids: np.ndarray

    @classmethod
    def build(cls, frequencies: Mapping[str, int]) -> _Lexicon:
        words = [w for w in frequencies if len(w) >= MIN_LENGTH - 1 and w.isalpha()]
        keys, ids = array.array("q"), array.array("i")
        for index, word in enumerate(words):
            for key in _deletions(word) | {word}:
                keys.append(hash(key))  # str hashes are stable within a process, all this index needs
                ids.append(index)
        hashes = np.frombuffer(keys, dtype=np.int64)
        order = np.argsort(hashes, kind="stable")
        return cls(
            words,
            np.fromiter((frequencies[w] for w in words), dtype=np.int64, count=len(words)),
            hashes[order],
            np.frombuffer(ids, dtype=np.int32)[order],
        )

    def near(self, word: str, edits: int) -> dict[int, int]:
        """Ids of the known words within `edits` of the word, sharing its first letter, with their distances."""
        # Two words one edit apart share a deletion (or one is the other's); two edits apart,
        # some string one edit from the word is one edit from the known word.
        probes = {word} if edits == 1 else {word} | _edits(word)
        lookups = {key for probe in probes for key in _deletions(probe) | {probe}}
        hashes = np.fromiter((hash(k) for k in lookups), dtype=np.int64, count=len(lookups))
        low = np.searchsorted(self.keys, hashes, side="left")
        high = np.searchsorted(self.keys, hashes, side="right")
        found = {int(i) for a, b in zip(low, high, strict=True) if b > a for i in self.ids[a:b]}
        near = {i: distance(word, self.words[i], edits) for i in found}
        return {i: d for i, d in near.items() if d <= edits}


class Speller:
    """Corrects words the memory does not know to the nearest word it does."""

    def __init__(
        self,
        frequencies: Mapping[str, int] | Callable[[], Mapping[str, int]],
        knows: Callable[[str], bool] | None = None,
    ):
        """`frequencies`: known words (lower case, as written) with how many passages hold each, or
        a function giving them when first needed; `knows`: whether a word is known as written or
        by its stem (by default, from the frequencies)."""
        self._source = frequencies
        self._knows = knows
        self._frequencies: Mapping[str, int] | None = None
        self._stems: frozenset[str] | None = None
        self._lexicon: _Lexicon | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_keyword_index(cls, keyword: KeywordIndex) -> Speller:
        """A speller over a keyword index's vocabulary, read from it only when a word is unknown."""
        return cls(keyword.words, keyword.knows)

    def known(self, word: str) -> bool:
        """Whether the memory holds the word as written or by its stem ("finished" when it says "finish")."""
        if self._knows is not None:
            return self._knows(word)
        frequencies = self._words()
        if word.lower() in frequencies:
            return True
        if self._stems is None:
            self._stems = frozenset(t for w in frequencies for t in tokenize(w))
        return all(t in self._stems for t in tokenize(word))

    def correct(self, word: str) -> str | None:
        """The known word closest in spelling to an unknown one (lower case), or None."""
        if not correctable(word) or self.known(word):
            return None
        lower = word.lower()
        lexicon = self._built()
        near = lexicon.near(lower, max_edits(lower))
        if not near:
            return None
        frequency = {i: int(lexicon.frequencies[i]) for i in near}
        trusted = [i for i in near if frequency[i] >= TRUSTED_FREQUENCY]
        # Nearest first; between equally near words, the one the minutes use more is likelier
        # meant; then alphabetical, so the answer never depends on the vocabulary's order.
        best = min(trusted or near, key=lambda i: (near[i], -frequency[i], lexicon.words[i]))
        return lexicon.words[best]

    def correct_text(self, text: str) -> tuple[str, dict[str, str]]:
        """The text with misspelt words replaced (all else as typed), and each replacement made."""
        replaced: dict[str, str] = {}

        def fix(match: re.Match[str]) -> str:
            word = match[0]
            correction = self.correct(word)
            if correction is None:
                return word
            replaced[word] = _cased_like(word, correction)
            return replaced[word]

        return _WORD.sub(fix, text), replaced

    def _words(self) -> Mapping[str, int]:
        if self._frequencies is None:
            with self._lock:
                if self._frequencies is None:
                    source = self._source
                    self._frequencies = source() if callable(source) else source
        return self._frequencies

    def _built(self) -> _Lexicon:
        # Built once, on the first unknown word; the lock keeps concurrent questions from each
        # building their own.
        if self._lexicon is None:
            words = self._words()
            with self._lock:
                if self._lexicon is None:
                    self._lexicon = _Lexicon.build(words)
        return self._lexicon


def _cased_like(typed: str, word: str) -> str:
    """The word in the typed word's case: "Prisn" → "Prison", "PRISN" → "PRISON"."""
    if typed.isupper():
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
