"""BM25 over chunk text, for what vectors miss: acronyms, names, figures, minute numbers.

The tokenizer keeps what minutes use to say exactly: "CCTV", "£42,089" (also as "42089"),
"45/24", "86(b)" (as "86" and "86b"), "2019/20". Words become their Snowball stems
("completed", "completion" → "complet"); figures are never stemmed, and names stem the same
in the question as in the minutes. The index also keeps each word as written, so the
question's own wording outranks a passage that merely shares its stems ("meet" / "meeting").

The index is BM25 (Lucene's variant, as bm25s scores it) over segments of postings keyed by
chunk id, so adding a document writes one small segment and removing one only updates the
document frequencies: the scores always equal those of an index built afresh from the rows
that are live. Segments are memory-mapped when loaded, and merged as they pile up.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import shutil
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
    return list(_remembered_tokens(text))


@lru_cache(maxsize=16_384)
def _remembered_tokens(text: str) -> tuple[str, ...]:
    # Answers tokenize the same passages and sentences question after question; building an index
    # tokenizes each row once, through _tokens, and leaves this cache alone.
    return tuple(_tokens(text))


def _tokens(text: str) -> list[str]:
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
    tokens = _tokens(text)
    words = (raw.lower() for raw in _TOKEN.findall(text))
    exact = [EXACT + word for word in words if word.isalpha() and word not in STOPWORDS]
    return tokens + [f"{a}_{b}" for a, b in itertools.pairwise(tokens)] + exact


def is_word(term: str) -> bool:
    """Whether an indexed term is one word's stem (not a pair, nor a word as written)."""
    return "_" not in term and not term.startswith(EXACT)


K1 = 1.5
B = 0.75
MERGE_SLICE = 2_000_000  # postings read at a time when merging segments
PLACEHOLDER = "_"  # an empty row still has one term, so every row has a length


@dataclass(frozen=True)
class Segment:
    """Postings of some rows: the chunk ids holding term t are ids[indptr[t]:indptr[t + 1]], tfs times each."""

    indptr: np.ndarray  # int64; as long as the vocabulary was when the segment was made, plus one
    ids: np.ndarray  # int32 chunk ids, ascending within a term
    tfs: np.ndarray  # uint16 term counts
    top: int  # the highest chunk id it holds (-1 if none), known without reading the postings
    source: Path | None = None  # the folder it was loaded from, whose files it maps

    def postings(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        if term + 1 >= len(self.indptr):
            return self.ids[:0], self.tfs[:0]
        start, end = self.indptr[term], self.indptr[term + 1]
        return self.ids[start:end], self.tfs[start:end]

    def terms(self, start: int, end: int) -> np.ndarray:
        """The term of each posting in [start, end) (for merging)."""
        return np.searchsorted(self.indptr, np.arange(start, end), side="right") - 1


def term_counts(text: str) -> Counter[str]:
    return Counter(index_terms(text) or [PLACEHOLDER])


def _segment(terms: np.ndarray, ids: np.ndarray, tfs: np.ndarray, vocabulary_size: int) -> Segment:
    """A segment from postings in any order (stable: equal terms keep the given id order)."""
    order = np.argsort(terms, kind="stable")
    indptr = np.zeros(vocabulary_size + 1, dtype=np.int64)
    np.cumsum(np.bincount(terms, minlength=vocabulary_size), out=indptr[1:])
    return Segment(indptr, ids[order].astype(np.int32), tfs[order].astype(np.uint16), int(ids.max(initial=-1)))


class KeywordIndex:
    """BM25 whose rows are the chunk rows of the search index (chunk ids ascending)."""

    def __init__(
        self,
        vocabulary: dict[str, int],
        df: np.ndarray,
        segments: list[Segment],
        ids: np.ndarray,
        lengths: np.ndarray,
        dead: int = 0,
    ):
        self.dead = dead  # postings of removed rows still in segments
        self.vocabulary = vocabulary
        self.df = df
        self.segments = segments
        self.ids = ids
        self.lengths = lengths
        self._refresh()

    def _refresh(self) -> None:
        """Derived arrays: where each chunk id sits, each row's length norm (BM25's k1·(1−b+b·dl/avgdl));
        the rarest word's frequency is forgotten, as the rows changed."""
        self.size = len(self.ids)
        self._rarest: int | None = None
        top = max([s.top for s in self.segments] + [int(self.ids.max(initial=-1))])
        self._row_of_id = np.full(top + 1, -1, dtype=np.int64)
        self._row_of_id[self.ids] = np.arange(self.size)
        self._ids_are_rows = len(self._row_of_id) == self.size
        average = float(self.lengths.mean()) if self.size else 1.0
        self._norms = (K1 * ((1 - B) + B * self.lengths / average)).astype(np.float32)

    @classmethod
    def empty(cls) -> KeywordIndex:
        return cls({}, np.zeros(0, np.int64), [], np.zeros(0, np.int64), np.zeros(0, np.float32))

    @classmethod
    def build(cls, texts: Sequence[str], ids: Sequence[int] | None = None) -> KeywordIndex:
        """An index of `texts`, row i being chunk id ids[i] (i by default)."""
        index = cls.empty()
        index.add(list(range(len(texts))) if ids is None else list(ids), texts)
        return index

    def add(self, ids: Sequence[int], texts: Iterable[str]) -> None:
        """Append rows (chunk ids above every id held) as one new segment."""
        if len(ids) and self.size and ids[0] <= self.ids[-1]:
            raise ValueError("keyword rows must be added in ascending chunk-id order")
        # Compact typed arrays, not lists of Python ints: a batch of rows holds millions of postings.
        terms, posting_ids, tfs, lengths = array("i"), array("i"), array("H"), array("l")
        vocabulary = self.vocabulary
        for chunk_id, text in zip(ids, texts, strict=True):
            counts = term_counts(text)
            lengths.append(sum(counts.values()))
            terms.extend([vocabulary.setdefault(term, len(vocabulary)) for term in counts])
            posting_ids.extend([int(chunk_id)] * len(counts))
            tfs.extend([min(count, 65535) for count in counts.values()])
        if not lengths:
            return
        size = len(vocabulary)
        term_array = np.frombuffer(terms, dtype=np.int32)
        # Each row lists a term once, so a term's postings in the batch are its new rows.
        self.df = np.concatenate([self.df, np.zeros(size - len(self.df), np.int64)])
        self.df += np.bincount(term_array, minlength=size)
        self.segments.append(
            _segment(term_array, np.frombuffer(posting_ids, np.int32), np.frombuffer(tfs, np.uint16), size)
        )
        self.ids = np.concatenate([self.ids, np.asarray(ids, np.int64)])
        self.lengths = np.concatenate([self.lengths, np.asarray(lengths, np.float32)])
        self._merge_small()
        self._refresh()

    def remove(self, ids: Sequence[int], texts: Iterable[str]) -> None:
        """Drop rows by chunk id (`texts` are theirs, to take back their document frequencies)."""
        for text in texts:
            counts = term_counts(text)
            self.dead += len(counts)
            for term in counts:
                self.df[self.vocabulary[term]] -= 1
        keep = ~np.isin(self.ids, np.asarray(ids, np.int64))
        self.ids, self.lengths = self.ids[keep], self.lengths[keep]
        self._refresh()
        if self.dead > 0.25 * sum(len(s.ids) for s in self.segments):  # dead postings cost time at every query
            self.segments = [self._merged(self.segments)]
            self.dead = 0
            self._refresh()

    def _merge_small(self) -> None:
        """Merge the newest segments while the last is at least half the one before (a binary counter):
        O(log n) segments, each posting rewritten O(log n) times."""
        while len(self.segments) >= 2 and 2 * len(self.segments[-1].ids) >= len(self.segments[-2].ids):
            self._refresh()
            before = len(self.segments[-2].ids) + len(self.segments[-1].ids)
            self.segments[-2:] = [self._merged(self.segments[-2:])]
            self.dead -= before - len(self.segments[-1].ids)

    def _live_slices(self, segment: Segment) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """A segment's live postings (term, id, count), a slice at a time, in its order."""
        for start in range(0, len(segment.ids), MERGE_SLICE):
            end = min(len(segment.ids), start + MERGE_SLICE)
            ids = np.asarray(segment.ids[start:end])
            live = self._row_of_id[ids] >= 0
            yield segment.terms(start, end)[live], ids[live], np.asarray(segment.tfs[start:end])[live]

    def _merged(self, segments: list[Segment]) -> Segment:
        """One segment holding the live postings of `segments` (older first, so ids stay ascending).

        Each posting is written straight to its place: the merged counts give every term's start, and a
        cursor per term advances as the segments are read in order (no sort of the whole, which would
        hold several copies of every posting at once)."""
        size = len(self.vocabulary)
        counts = np.zeros(size, np.int64)
        for segment in segments:
            for terms, _, _ in self._live_slices(segment):
                counts += np.bincount(terms, minlength=size)
        indptr = np.zeros(size + 1, np.int64)
        np.cumsum(counts, out=indptr[1:])
        ids = np.empty(int(indptr[-1]), np.int32)
        tfs = np.empty(int(indptr[-1]), np.uint16)
        cursor = indptr[:-1].copy()
        for segment in segments:
            for terms, slice_ids, slice_tfs in self._live_slices(segment):
                # Terms are ascending within a slice: a posting's rank in its term's run is its offset
                # from the run's first posting.
                rank = np.arange(len(terms)) - np.searchsorted(terms, terms)
                places = cursor[terms] + rank
                ids[places], tfs[places] = slice_ids, slice_tfs
                cursor += np.bincount(terms, minlength=size)
        return Segment(indptr, ids, tfs, int(ids.max(initial=-1)))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every row for the query (zeros when no term is known)."""
        scores = np.zeros(self.size, dtype=np.float32)
        terms = [self.vocabulary[t] for t in index_terms(query) if t in self.vocabulary]
        for term in terms:
            frequency = int(self.df[term])
            if frequency <= 0:
                continue
            idf = np.float32(math.log(1 + (self.size - frequency + 0.5) / (frequency + 0.5)))
            for segment in self.segments:
                ids, tfs = segment.postings(term)
                if not len(ids):
                    continue
                # Chunk ids are the rows themselves until a document is removed: then they are looked up.
                rows = ids if self._ids_are_rows else self._row_of_id[ids]
                if self.dead and rows.min() < 0:  # postings of removed rows, until the segment is merged
                    keep = rows >= 0
                    rows, tfs = rows[keep], tfs[keep]
                counts = tfs.astype(np.float32)
                scores[rows] += idf * (counts / (self._norms[rows] + counts))
        return scores

    def idf_of(self, term: str) -> float | None:
        """How rare a term is among the rows (BM25's idf, without the +1 floor); None if no row has it."""
        number = self.vocabulary.get(term)
        frequency = int(self.df[number]) if number is not None else 0
        if frequency <= 0:
            return None
        return math.log(1 + (self.size - frequency + 0.5) / (frequency + 0.5))

    def idf(self) -> dict[str, float]:
        """How rare each known term is among the rows (BM25's idf, without the +1 floor)."""
        return {term: idf for term in self.vocabulary if term and (idf := self.idf_of(term)) is not None}

    def rarest_word_frequency(self) -> int | None:
        """The fewest rows any one word's stem is in (read from the saved index when it is loaded)."""
        if self._rarest is None:
            frequencies = [int(self.df[n]) for t, n in self.vocabulary.items() if t and is_word(t) and self.df[n] > 0]
            self._rarest = min(frequencies, default=0)
        return self._rarest or None

    def rarest_word_idf(self) -> float | None:
        """The highest idf of any one word's stem the rows hold."""
        frequency = self.rarest_word_frequency()
        return None if frequency is None else self.idf_of_frequency(frequency)

    def idf_of_frequency(self, frequency: int) -> float:
        return math.log(1 + (self.size - frequency + 0.5) / (frequency + 0.5))

    def words(self) -> dict[str, int]:
        """Every word as written (lower case, stop words left out) with how many rows hold it."""
        return {
            term[len(EXACT) :]: int(self.df[number])
            for term, number in self.vocabulary.items()
            if term.startswith(EXACT) and self.df[number] > 0
        }

    def _holds(self, term: str) -> bool:
        number = self.vocabulary.get(term)
        return number is not None and self.df[number] > 0

    def knows(self, word: str) -> bool:
        """Whether the index holds a word, as written or by its stem ("finished" when rows say "finish")."""
        terms = tokenize(word)
        return self._holds(EXACT + word.lower()) or (bool(terms) and all(self._holds(t) for t in terms))

    def adjacent(self, first: str, second: str) -> bool:
        """Whether some row has the two words side by side (by stem, stop words between allowed)."""
        a, b = tokenize(first), tokenize(second)
        return bool(a and b) and self._holds(f"{a[-1]}_{b[0]}")

    # ------------------------------------------------------------ files

    def save(self, folder: Path) -> None:
        """Write the index to `folder`; segments unchanged since they were loaded are hard-linked, not copied."""
        folder.mkdir(parents=True, exist_ok=True)
        names = []
        for number, segment in enumerate(self.segments):
            name = _segment_name(segment, number)
            names.append(name)
            if segment.source is not None and segment.source.is_dir():
                _link_folder(segment.source, folder / name)  # unchanged since loaded: the same files serve
                continue
            (folder / name).mkdir()
            for field_name in ("indptr", "ids", "tfs"):
                np.save(folder / name / f"{field_name}.npy", getattr(segment, field_name))
        np.save(folder / "df.npy", self.df)
        np.save(folder / "ids.npy", self.ids)
        np.save(folder / "lengths.npy", self.lengths)
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        (folder / "vocabulary.json").write_text(json.dumps(terms, ensure_ascii=False), encoding="utf-8")
        listing = {
            "dead": self.dead,
            "rarest": self.rarest_word_frequency() or 0,
            "segments": [[n, s.top] for n, s in zip(names, self.segments, strict=True)],
        }
        (folder / "segments.json").write_text(json.dumps(listing))

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex:
        """Read an index; its postings stay on disk, memory-mapped."""
        terms = json.loads((folder / "vocabulary.json").read_text(encoding="utf-8"))
        listing = json.loads((folder / "segments.json").read_text())
        segments = [
            Segment(*(_mapped(folder / name / f"{f}.npy") for f in ("indptr", "ids", "tfs")), top, folder / name)
            for name, top in listing["segments"]
        ]
        index = cls(
            {term: number for number, term in enumerate(terms)},
            np.load(folder / "df.npy"),
            segments,
            np.load(folder / "ids.npy"),
            np.load(folder / "lengths.npy"),
            listing["dead"],
        )
        index._rarest = listing["rarest"]
        return index


def _segment_name(segment: Segment, number: int) -> str:
    """Named by the chunk ids it spans and its size, so an unchanged segment keeps its name."""
    if not len(segment.ids):
        return f"segment-{number}-empty"
    return f"segment-{int(segment.ids.min())}-{int(segment.ids.max())}-{len(segment.ids)}"


def _mapped(path: Path) -> np.ndarray:
    # A plain array over the mapping: np.memmap's own slicing costs microseconds a call, per query term.
    return np.asarray(np.load(path, mmap_mode="r"))


def _link_folder(source: Path, target: Path) -> None:
    """The segment's files in `target`: linked, or copied where the file system cannot link them."""
    target.mkdir()
    for file in source.iterdir():
        try:
            os.link(file, target / file.name)
        except OSError:
            shutil.copyfile(file, target / file.name)
