"""A question in plain words → ranked, cited results, or "not in the record".

Vector (meaning) and BM25 (exact words) rankings are fused by reciprocal rank, weighed by
what the question asks for (decisions, a date, the latest), grouped so each item appears
once with its best passage and its resolutions. When the best item is neither close in
meaning nor shares the question's rarer words, the answer is that the minutes do not say.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import lru_cache
from types import MappingProxyType
from typing import TypeVar

import numpy as np

from corpus.citation import cite
from corpus.language.dates import MONTHS, find_dates, format_date
from corpus.language.names import starts_with_honorific
from corpus.language.procedural import is_procedural
from corpus.language.synonyms import clerks_words
from corpus.shapes.attendance import names_attendance
from retrieval.answer import (
    Prose,
    absent_in,
    asks_count,
    asks_money,
    asks_opposition,
    asks_outcome,
    asks_person,
    asks_when,
    best_score,
    clauses,
    cues,
    gives_count,
    gives_money,
    gives_opposition,
    gives_person,
    gives_time,
    prose,
    quote,
    still_pending,
)
from retrieval.attendance import MeetingList, asks_tally, person_asked, tally
from retrieval.chunks import ItemRecord
from retrieval.coverage import Weights, coverage, question_terms
from retrieval.embedder import Embedder
from retrieval.index import SearchIndex
from retrieval.keyword_index import tokenize
from retrieval.passage import MAX_CHARS, trim
from retrieval.query import Query, understand
from retrieval.spelling import Speller

STEMS_CACHED = 5000  # items (or rows) whose words, sentences and clauses are kept between questions
K = TypeVar("K")
V = TypeVar("V")


# A question that names a meeting ("who was at the meeting about the trees?") asks who attended it.
_A_MEETING = re.compile(r"\b(?:meeting|AGM|EGM|session|sitting)s?\b", re.IGNORECASE)


@dataclass(frozen=True)
class SearchSettings:
    """Ranking knobs; defaults measured on the bundled corpus (see `boardmem eval`)."""

    candidates: int = 100
    rrf_k: int = 60
    keyword_weight: float = 1.2
    kind_prior: dict[str, float] = field(
        default_factory=lambda: {
            "minutes": 1.0,
            "resolution": 1.0,
            "action_log": 0.95,
            "report": 0.85,
            "agenda": 0.6,
            "attendance": 0.5,
        }
    )
    # A meeting's attendance list, for a question about who was there (from 0.5 to 0.5 × this).
    attendance_boost: float = 2.5
    # … and the attendance list itself further still: it names everyone, present or not.
    attendance_list_boost: float = 2.4
    decision_boost: float = 1.35
    decision_pool: int = 8  # how many leading items /resolutions lists, newest first
    date_boost: float = 1.5
    month_boost: float = 1.5
    year_boost: float = 1.2
    recent_boost: float = 0.3
    # Answer when the best item is this close in meaning …
    confident_similarity: float = 0.40
    # … or at least this close and sharing this share of the question's rarer words.
    min_similarity: float = 0.30
    min_coverage: float = 0.5
    coverage_depth: int = 5  # how many leading items are read for the question's words
    # The leading items are ranked again by their best sentence: an item whose one sentence
    # holds the question's words (and the person, figure or date it asks for) answers it better
    # than one that has them scattered, or only in its title.
    rerank_depth: int = 10
    sentence_weight: float = 0.3
    # Supporting items are shown while this close to the best one's score; the rest wait behind More.
    support_share: float = 0.7
    other_office: float = 0.85
    # A timeline keeps the meetings whose best item scores at least this share of the best.
    timeline_share: float = 0.35


CONFIDENT = "confident"
UNCERTAIN = "uncertain"  # the closest match is shown, marked as such: the evidence is weak


@dataclass
class Result:
    rank: int
    meeting_date: dt.date
    body: str
    minute: str | None
    item_title: str
    kind: str
    text: str
    resolutions: list[str]
    score: float
    source: str
    section: str = "minutes"
    agenda_number: str | None = None
    item_id: int = 0
    quote: str = ""  # the item's sentences that best answer the question, as written
    title_derived: bool = False  # the papers print no title: it was made from the item's words
    parent_title: str | None = None  # a sub-item's parent's title, cited before its own

    @property
    def citation(self) -> str:
        return cite(
            self.meeting_date,
            self.item_title,
            self.minute,
            self.section,
            self.agenda_number,
            self.title_derived,
            self.parent_title,
        )

    def to_json(self) -> dict:
        return {
            "rank": self.rank,
            "citation": self.citation,
            "quote": self.quote,
            "meeting_date": self.meeting_date.isoformat(),
            "body": self.body,
            "minute": self.minute,
            "item_title": self.item_title,
            "parent_title": self.parent_title,
            "title_derived": self.title_derived,
            "kind": self.kind,
            "text": self.text,
            "resolutions": self.resolutions,
            "score": round(self.score, 4),
            "source": self.source,
            "item_id": self.item_id,
        }


@dataclass
class Answer:
    query: str
    answered: bool
    results: list[Result]
    more: bool = False
    confidence: str | None = None  # CONFIDENT or UNCERTAIN when answered
    supporting: int = 0  # how many results after the first are close enough to show with it
    caveat: str = ""  # why the answer is uncertain, in the member's terms
    corrected: dict[str, str] = field(default_factory=dict)  # misspelt word → the word searched for

    @property
    def lead(self) -> Result | None:
        return self.results[0] if self.results else None

    def to_json(self) -> dict:
        lead = self.lead
        answer = (
            {"text": lead.quote, "citation": lead.citation, "item_id": lead.item_id}
            if lead is not None and lead.rank == 1
            else None
        )
        return {
            "query": self.query,
            "answered": self.answered,
            "confidence": self.confidence,
            "caveat": self.caveat or None,
            "answer": answer,
            "supporting": self.supporting,
            "corrected": self.corrected,
            "results": [r.to_json() for r in self.results],
        }


def rows_by_minute(index: SearchIndex) -> dict[str, list[int]]:
    """Minute number → the rows of the items it numbers (ascending), found with arrays, not per chunk."""
    items = index.items
    minutes = np.asarray(items.minutes)[np.searchsorted(items.ids, index.item_of_row)] if len(index) else []
    order = np.argsort(minutes, kind="stable")
    names, starts = np.unique(np.asarray(minutes)[order], return_index=True)
    ends = [*starts[1:], len(order)]
    return {str(m): order[a:b].tolist() for m, a, b in zip(names, starts, ends, strict=True) if m}


@dataclass
class _Candidate:
    item_id: int
    row: int
    score: float
    similarity: float


class Searcher:
    """Answers questions from one loaded index with one loaded model."""

    def __init__(self, index: SearchIndex, embedder: Embedder, settings: SearchSettings | None = None):
        self.index = index
        self.embedder = embedder
        self.settings = settings or SearchSettings()
        self._newest = int(index.date_of_row.max()) if len(index) else 0
        self._oldest = int(index.date_of_row.min()) if len(index) else 0
        self._stems_cache: Kept[int, set[str]] = Kept()
        self._title_dates: Kept[int, tuple[dt.date, ...]] = Kept()
        ranks = np.arange(1, self.settings.candidates + 1)  # reciprocal-rank gains, worked out once
        self._rank_gains = 1.0 / (self.settings.rrf_k + ranks)
        self._keyword_gains = self.settings.keyword_weight / (self.settings.rrf_k + ranks)
        # Per row, what ranking asks of every candidate, read once and kept in a byte: its kind (a code
        # into _kind_names), whether its item's title names an office (and a qualified one), and a date.
        # Compact, so the candidates' lookups stay cheap after the encoder has swept the CPU caches.
        self._kind_codes = np.full(len(index), _UNREAD, dtype=np.int8)
        self._kind_names: dict[str, int] = {}
        self._kind_weights = np.zeros(0)
        self._office_codes = np.full(len(index), _UNREAD, dtype=np.int8)
        self._title_dated = np.full(len(index), _UNREAD, dtype=np.int8)
        self._prose_cache: Kept[tuple[int, bool], Prose] = Kept()
        self._clauses_cache: Kept[int, Prose] = Kept()
        self._row_stems_cache: Kept[int, frozenset[str]] = Kept()
        self._rows_by_minute: dict[str, list[int]] | None = None
        self._weight = Weights(index.keyword)
        self._speller = Speller.from_keyword_index(index.keyword)
        # The keyword scores are worked out while the question is embedded (the encoder's matrix
        # products let another thread run), so ranking has them when the vector is ready.
        self._keywords = ThreadPoolExecutor(max_workers=2, thread_name_prefix="keyword-scores")
        self._meeting_dates = {dt.date.fromordinal(int(day)) for day in np.unique(index.date_of_row)}
        self._meeting_months = {(d.year, d.month) for d in self._meeting_dates}
        self._meeting_years = {d.year for d in self._meeting_dates}
        # An item's chunks are consecutive rows: where each run starts and ends, found once.
        item_of_row = index.item_of_row
        starts = np.flatnonzero(np.r_[True, item_of_row[1:] != item_of_row[:-1]]) if len(index) else []
        ends = [*starts[1:], len(index)] if len(index) else []
        self._item_rows = {int(item_of_row[a]): (int(a), int(b)) for a, b in zip(starts, ends, strict=True)}

    def ask(self, question: str, k: int = 5, offset: int = 0, decisions: bool = False) -> Answer:
        """The top `k` items (after `offset`) for the question, or an abstention.

        `decisions` keeps only items that resolved something, newest meeting first.
        """
        # A word the minutes never use but nearly do is read as the word they use ("prisn" → "prison").
        spelled, corrected = self._speller.correct_text(question) if len(self.index) else (question, {})
        query = understand(spelled)
        if decisions:
            query = replace(query, wants_decisions=True)
        if not query.text or not len(self.index):
            return Answer(question, False, [])
        if query.wants_attendance and asks_tally(question) and (person := person_asked(question)):
            counted = self._tally(question, query, person, k)
            if counted is not None:
                return counted
        keyword = self._keyword_rows(query)
        vector = self.embedder.encode([query.text])[0]
        ranked = self._rank(query, vector, keyword.result())
        confidence = self._confidence(query, ranked) if ranked else None
        if confidence is None:
            return Answer(question, False, [], corrected=corrected)
        ranked = self._rerank(query, ranked)
        if decisions:
            # Only items close to the best one: sorting by date must not promote the barely related.
            floor = ranked[0].score * 0.6
            relevant = [
                c
                for c in ranked[: self.settings.decision_pool]
                if self.index.items[c.item_id].resolutions and c.score >= floor
            ]
            ranked = sorted(relevant, key=lambda c: -self._day(c))
            if not ranked:
                return Answer(question, False, [])
        page = ranked[offset : offset + k]
        results = [self._result(offset + i + 1, query, c, vector) for i, c in enumerate(page)]
        caveat = self._caveat(query, results[0]) if offset == 0 and results else ""
        if caveat:
            confidence = UNCERTAIN
        close = [c for c in ranked[1:k] if c.score >= self.settings.support_share * ranked[0].score]
        return Answer(
            question,
            True,
            results,
            more=len(ranked) > offset + k,
            confidence=confidence,
            supporting=len(close),
            caveat=caveat,
            corrected=corrected,
        )

    def _tally(self, question: str, query: Query, person: str, k: int) -> Answer | None:
        """ "How often did Cllr Brown send apologies in 2024?": the meetings of the period (the year or
        month asked, "this year" the newest meeting's, else all) whose attendance the minutes record,
        counted; the first result says the count, the results cite the meetings they were absent from."""
        newest = dt.date.fromordinal(self._newest) if self._newest else None
        years = set(query.years) or ({newest.year} if newest and _THIS_YEAR.search(question) else set())
        lists: dict[dt.date, list[tuple[int, ItemRecord]]] = {}
        for item_id in self.index.items:
            item = self.index.items[item_id]
            if item.section != "attendance" and not names_attendance(item.title, absence=True):
                continue
            day = item.meeting_date
            if (years and day.year not in years) or (query.months and (day.year, day.month) not in query.months):
                continue
            lists.setdefault(day, []).append((item_id, item))
        if not lists:
            return None
        meetings = [
            MeetingList(day, "\n".join(self._item_text(i) for i, _ in found), found[0][0])
            for day, found in sorted(lists.items())
        ]
        counted = tally(person, meetings)
        period = f"in {', '.join(str(y) for y in sorted(years))}" if years else "in the minutes"
        cited = list(counted.absent or counted.meetings[-1:])[:k]
        results = []
        for rank, meeting in enumerate(cited, start=1):
            item = self.index.items[meeting.item_id]
            line = next((x for x in meeting.text.splitlines() if person.split()[-1] in x), meeting.text[:MAX_CHARS])
            results.append(
                Result(
                    rank=rank,
                    meeting_date=item.meeting_date,
                    body=item.body,
                    minute=item.minute,
                    item_title=item.title,
                    kind=item.section,
                    text=line,
                    resolutions=[],
                    score=1.0,
                    source=item.source,
                    section=item.section,
                    agenda_number=item.agenda_number,
                    item_id=item.item_id,
                    quote=counted.sentence(period) if rank == 1 else line,
                    title_derived=item.title_derived,
                    parent_title=item.parent_title,
                )
            )
        return Answer(question, True, results, confidence=CONFIDENT, supporting=len(results) - 1)

    def ask_about(self, item_id: int, question: str) -> Answer:
        """The question read against one item already in view ("and who presented it?")."""
        if item_id not in self.index.items or not len(self._rows_of(item_id)):
            return Answer(question, False, [])
        query = understand(question)
        rows = self._rows_of(item_id)
        vector = self.embedder.encode([query.text])[0]
        candidate = _Candidate(item_id, rows[0], 1.0, float(self.index.vectors[rows[0]] @ vector))
        return Answer(question, True, [self._result(1, query, candidate, vector)], confidence=CONFIDENT)

    def timeline(self, topic: str, limit: int = 12) -> Answer:
        """The topic across meetings: the best item of each meeting that speaks to it, oldest first."""
        query = understand(topic)
        if not query.text or not len(self.index):
            return Answer(topic, False, [])
        keyword = self._keyword_rows(query)
        vector = self.embedder.encode([query.text])[0]
        ranked = self._rank(query, vector, keyword.result())
        if not ranked or self._confidence(query, ranked) is None:
            return Answer(topic, False, [])
        terms = question_terms(query.text)
        floor = ranked[0].score * self.settings.timeline_share
        per_meeting: dict[dt.date, _Candidate] = {}
        for candidate in ranked:
            if candidate.score < floor:
                break
            if coverage(terms, self._item_stems(candidate.item_id), self._weight) < self.settings.min_coverage:
                continue  # close in meaning, but not about the topic's own words
            date = self.index.items[candidate.item_id].meeting_date
            per_meeting.setdefault(date, candidate)  # ranked best first: the first seen is the meeting's best
        chosen = [per_meeting[d] for d in sorted(per_meeting)][-limit:]
        # A line per meeting says its figure when it has one: ask each item for one.
        figure = understand(f"how much {query.text}")
        results = [self._result(i + 1, figure, c, vector) for i, c in enumerate(chosen)]
        # A line is kept only when its own words (quote and title) are about the topic: an item may
        # mention it in passing, and a timeline of passing mentions misleads.
        results = [
            r
            for r in results
            if coverage(terms, set(tokenize(f"{r.item_title}\n{r.quote}")), self._weight) >= self.settings.min_coverage
        ]
        for rank, result in enumerate(results, start=1):
            result.rank = rank
        return Answer(topic, bool(results), results, confidence=CONFIDENT if results else None)

    def _keyword_rows(self, query: Query) -> Future[np.ndarray]:
        """The rows with the best BM25 scores for the question, best first, being found in the background."""
        # The minutes' own words for procedural acts ("sat in for" → "substitute") widen the keyword
        # search only; the vector already reads the member's wording.
        words = f"{query.text} {clerks_words(query.text)}".strip()
        return self._keywords.submit(lambda: _best_rows(self.index.keyword.scores(words), self.settings.candidates))

    def _rank(self, query: Query, vector: np.ndarray, top_keyword: np.ndarray) -> list[_Candidate]:
        """Every candidate item, best first: fused ranks times priors, each item at its best row.

        Worked over arrays of the ~200 candidate rows (a Python loop over them was a third of a
        question's search time at 100k chunks); the order is the loop's, ties included.
        """
        s = self.settings
        near, closeness = self.index.nearest(vector, s.candidates)
        if not query.wants_attendance:
            # Who was there answers only a question about it: elsewhere an attendance list (it reads like
            # any "who …" question) would take the places in the ranks that the minuted items need.
            near, closeness, top_keyword = self._without_attendance(near, closeness, top_keyword)
        minute_rows = np.asarray(self._minute_rows(query), dtype=np.int64)
        listed = np.concatenate([near, top_keyword, minute_rows]).astype(np.int64)
        # Reciprocal rank: 1/(k + rank) for the vector's list, weighted for the keywords' list; an
        # exact minute reference outranks any similarity.
        gains = np.concatenate(
            [self._rank_gains[: len(near)], self._keyword_gains[: len(top_keyword)], np.ones(len(minute_rows))]
        )
        # Rows in the order first listed (vector, then keyword, then minute): ties keep that order.
        unique, first, inverse = np.unique(listed, return_index=True, return_inverse=True)
        fused = np.zeros(len(unique))
        np.add.at(fused, inverse, gains)  # in listed order, as the sums were made one by one
        order = np.argsort(first, kind="stable")
        rows, fused = unique[order], fused[order]
        if not len(rows):
            return []

        score = fused * self._priors(query, rows)
        if query.wants_attendance and not query.dated and _A_MEETING.search(query.text):
            score = self._topic_meeting_listed(rows, score)
        # A time no meeting was held in names other minutes ("were the May 2013 minutes confirmed?"):
        # the items that speak of it are the ones asked about.
        if (query.dates or query.months) and not self._holds(query):
            for i, row in enumerate(rows.tolist()):
                chunk = self.index.chunks[row]
                if _mentions_time(query, f"{chunk.header}\n{chunk.text}"):
                    score[i] *= s.month_boost
        # The vector search's rows come first, with their closeness; only the others' vectors are read.
        cosines = np.concatenate([closeness, self.index.vectors[rows[len(near) :]] @ vector])

        # Each item once, at its best-scoring row (the first listed on a tie), as close in meaning
        # as its closest row.
        item_ids = self.index.item_of_row[rows]
        position = np.arange(len(rows))
        by_item = np.lexsort((position, -score, item_ids))
        grouped = item_ids[by_item]
        starts = np.flatnonzero(np.concatenate(([True], grouped[1:] != grouped[:-1])))
        best = by_item[starts]
        similarity = np.maximum.reduceat(cosines[by_item], starts)
        seen = np.minimum.reduceat(position[by_item], starts)
        # Best first; scores within a hair of each other (_NEAR) are a tie, which favours the newer meeting, then
        # the item its minutes set down first (two speakers' paragraphs alike: the first), then the one listed first.
        ranked = _tie_order(score[best], self.index.date_of_row[rows[best]], item_ids[best], seen)
        columns = (item_ids[best][ranked], rows[best][ranked], score[best][ranked], similarity[ranked])
        return [_Candidate(*values) for values in zip(*(column.tolist() for column in columns), strict=True)]

    def _priors(self, query: Query, rows: np.ndarray) -> np.ndarray:
        """Each row's weight for what the question asks: its kind, decisions, the date asked, office, recency."""
        s = self.settings
        kinds = self._kinds_of(rows)
        prior = self._kind_weights[kinds]
        if query.wants_decisions:
            resolution = self._kind_names.get("resolution", _UNREAD)
            for i, (row, kind) in enumerate(zip(rows.tolist(), kinds.tolist(), strict=True)):
                if kind == resolution:
                    prior[i] *= s.decision_boost
                elif self.index.items[int(self.index.item_of_row[row])].resolutions:
                    prior[i] *= (1 + s.decision_boost) / 2
        days = self.index.date_of_row[rows]
        factors = self._date_factors(query, rows, days) if query.dated else np.ones(len(rows))
        prior *= factors
        if query.wants_attendance:
            # Who was at the meeting asked about: its attendance, not every meeting's (undated, every
            # meeting's list would crowd out the topic). Who was there, or in the chair, is the list's to
            # say unless the minutes title an item for it ("Roll call"); who was not is often an item of
            # its own ("Apologies"), cited before the list.
            listed, titled = self._attendance_of(rows, query.wants_absence)
            meeting = self._of_board_named(query, rows, factors > 1)
            extra = 1.0 if query.wants_absence or (titled & ~listed & meeting).any() else s.attendance_list_boost
            # … unless the list itself says who was not there ("Apologies: …"): then it says it best.
            says_absence = self._says_absence(rows, listed & meeting & query.wants_absence)
            prior[listed & meeting & ~says_absence] *= s.attendance_boost * extra
            prior[says_absence] *= s.attendance_boost * s.attendance_list_boost
            prior[titled & ~listed & meeting] *= s.attendance_boost
        # "Vice-chairman" and "deputy mayor" are other offices than the one a plain question asks about.
        offices = self._offices_of(rows)
        other = offices == (_PLAIN_OFFICE if _qualified(query.text) else _QUALIFIED)
        prior[other] *= s.other_office
        if query.wants_recent and self._newest > self._oldest:
            prior *= 1 + s.recent_boost * (days - self._oldest) / (self._newest - self._oldest)
        return prior

    def _topic_meeting_listed(self, rows: np.ndarray, score: np.ndarray) -> np.ndarray:
        """An undated "who was at the meeting about the hall roof?": the attendance list of the meeting whose
        business the question's topic finds first, weighed as a dated question weighs its meeting's list (a
        question that names no meeting, "who moved the motion and was anyone absent?", asks about its item)."""
        listed = self._listed(rows)
        if not listed.any() or listed.all():
            return score
        items = self.index.items
        top = items[int(self.index.item_of_row[rows[int(np.argmax(np.where(listed, -np.inf, score)))]])]
        same = np.fromiter(
            (
                (item := items[int(self.index.item_of_row[row])]).meeting_date == top.meeting_date
                and item.body == top.body
                for row in rows[listed].tolist()
            ),
            dtype=bool,
            count=int(listed.sum()),
        )
        boosted = score.copy()
        boosted[np.flatnonzero(listed)[same]] *= self.settings.attendance_boost * self.settings.attendance_list_boost
        return boosted

    def _date_factors(self, query: Query, rows: np.ndarray, days: np.ndarray) -> np.ndarray:
        """The boost of the date, else month, else year the question names, for each row's meeting."""
        s = self.settings
        factor = np.ones(len(rows))
        on_day = (days - _EPOCH_ORDINAL).astype("datetime64[D]")
        months = on_day.astype("datetime64[M]").astype(np.int64)
        years = on_day.astype("datetime64[Y]").astype(np.int64) + 1970
        # A day of a month named without a year ("on 16 October") as month * 100 + day.
        of_month = (on_day - on_day.astype("datetime64[M]")).astype(np.int64) + 1
        month_days = (months % 12 + 1) * 100 + of_month
        matched = np.zeros(len(rows), dtype=bool)
        for asked, values, boost in (
            ([d.toordinal() for d in query.dates], days, s.date_boost),
            ([m * 100 + d for m, d in query.days], month_days, s.date_boost),
            ([(y - 1970) * 12 + m - 1 for y, m in query.months], months, s.month_boost),
            (list(query.years), years, s.year_boost),
        ):
            hit = ~matched & np.isin(values, asked) if asked else np.zeros(len(rows), dtype=bool)
            factor[hit] = boost
            matched |= hit
        if query.dates or query.months:
            # "were the 6 September minutes confirmed?" asks for the item titled with that date,
            # minuted at a later meeting.
            factor[~matched & self._titles_name(query, rows)] = s.month_boost
        return factor

    def _says_absence(self, rows: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Of the rows in `mask`, those whose text names apologies or absence."""
        said = np.zeros(len(rows), dtype=bool)
        for i in np.flatnonzero(mask).tolist():
            said[i] = names_attendance(self.index.chunks[int(rows[i])].text, absence=True)
        return said

    def _of_board_named(self, query: Query, rows: np.ndarray, meeting: np.ndarray) -> np.ndarray:
        """Of the rows of the meetings a question dates, those of the board it names when it names one
        ("the June 2017 Ardgay community council meeting"): the boards sharing most of its words."""
        if not meeting.any():
            return meeting
        asked = set(tokenize(query.text))
        shared = np.zeros(len(rows), dtype=np.int64)
        for i in np.flatnonzero(meeting).tolist():
            body = self.index.items[int(self.index.item_of_row[rows[i]])].body
            shared[i] = sum(any(_same_word(word, named) for named in tokenize(body)) for word in asked)
        most = shared[meeting].max()
        return meeting & (shared == most) if most else meeting

    def _without_attendance(
        self, near: np.ndarray, closeness: np.ndarray, keyword: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The candidate lists with every attendance list's rows taken out (the rest keep their order)."""
        kinds_near, kinds_keyword = self._kinds_of(near), self._kinds_of(keyword)  # kinds named as first read
        attendance = self._kind_names.get("attendance")
        if attendance is None:
            return near, closeness, keyword
        kept = kinds_near != attendance
        return near[kept], closeness[kept], keyword[kinds_keyword != attendance]

    def _kinds_of(self, rows: np.ndarray) -> np.ndarray:
        """Per row, its kind's code (see _kind_names), read from the chunk table once per row."""
        codes = self._kind_codes[rows]
        unread = np.flatnonzero(codes == _UNREAD)
        for i, kind in zip(unread.tolist(), self.index.chunks.kinds[rows[unread]].tolist(), strict=True):
            if kind not in self._kind_names:
                self._kind_names[kind] = len(self._kind_names)
                self._kind_weights = np.append(self._kind_weights, self.settings.kind_prior.get(kind, 1.0))
            codes[i] = self._kind_codes[rows[i]] = self._kind_names[kind]
        return codes

    def _listed(self, rows: np.ndarray) -> np.ndarray:
        """Per row, whether its item is a meeting's attendance list."""
        attendance = self._kind_names.get("attendance")
        return self._kinds_of(rows) == attendance if attendance is not None else np.zeros(len(rows), dtype=bool)

    def _attendance_of(self, rows: np.ndarray, absence: bool) -> tuple[np.ndarray, np.ndarray]:
        """Per row, whether its item is a meeting's attendance list, and whether it is titled for who was
        there ("Present", "Roll call") or, with `absence`, for who was not ("Apologies for absence")."""
        listed = self._listed(rows)
        titled = [
            names_attendance(self.index.items[int(self.index.item_of_row[row])].title, absence) for row in rows.tolist()
        ]
        return listed, np.asarray(titled, dtype=bool)

    def _offices_of(self, rows: np.ndarray) -> np.ndarray:
        """Per row, whether its item's title names an office, and a qualified one; worked out once per row."""
        codes = self._office_codes[rows]
        for i in np.flatnonzero(codes == _UNREAD).tolist():
            title = self.index.items[int(self.index.item_of_row[rows[i]])].title
            office = _qualifies(title)
            codes[i] = self._office_codes[rows[i]] = (
                _NO_OFFICE if office is None else _QUALIFIED if office else _PLAIN_OFFICE
            )
        return codes

    def _rerank(self, query: Query, ranked: list[_Candidate]) -> list[_Candidate]:
        """The leading items ordered again, each weighed by how well its best sentence answers."""
        s = self.settings
        head = ranked[: s.rerank_depth]
        if len(head) < 2 or (query.minutes and self.index.items[head[0].item_id].minute in query.minutes):
            return ranked
        terms = question_terms(query.text)
        asked = cues(query.text)
        for candidate in head:
            item = self.index.items[candidate.item_id]
            said = self._prose(item.item_id, with_decisions=True)
            context = self._context(item)
            candidate.score *= 1 + s.sentence_weight * best_score(said, terms, self._weight, asked, context)
        # In a tie a standing step of the meeting (minutes confirmed, apologies) gives way to business of substance.
        order = _tie_order(
            np.array([c.score for c in head]),
            np.array([self._day(c) for c in head]),
            np.array([c.item_id for c in head]),
            np.arange(len(head)),
            lambda i: is_procedural(self.index.items[head[i].item_id].title, self.index.items[head[i].item_id].text),
        )
        return [head[i] for i in order.tolist()] + ranked[s.rerank_depth :]

    def _day(self, candidate: _Candidate) -> int:
        """Its meeting's date as a day number, from the index's column (no item record read): ties favour it."""
        return int(self.index.date_of_row[candidate.row])

    def _context(self, item: ItemRecord) -> frozenset[str]:
        """The words every sentence of an item is read with: its title, its board and its meeting's date."""
        return _context_words(item.title, item.body, item.meeting_date)

    def _minute_rows(self, query: Query) -> list[int]:
        if not query.minutes:
            return []
        if self._rows_by_minute is None:
            # Built on the first minute question, not per question: a scan of every chunk per
            # question costs ~9 ms at 100k chunks.
            self._rows_by_minute = rows_by_minute(self.index)
        return [
            row
            for minute in query.minutes
            for row in self._rows_by_minute.get(minute, [])
            if self._date_match(query, self.index.items[self.index.chunks[row].item_id].meeting_date) is not False
        ]

    def _date_match(self, query: Query, date: dt.date) -> bool | None:
        """True/False when the question names a date, month or year; None when it names none."""
        if query.dates:
            return date in query.dates
        if query.months:
            return (date.year, date.month) in query.months
        if query.years:
            return date.year in query.years
        return None

    def _titles_name(self, query: Query, rows: np.ndarray) -> np.ndarray:
        """Per row, whether its item's title names a date, or a month, the question asks about."""
        dated = self._title_dated[rows]
        named = np.zeros(len(rows), dtype=bool)
        for i in np.flatnonzero(dated != 0).tolist():  # most titles name no date: read once, then skipped
            found = self._dates_in_title(int(self.index.item_of_row[rows[i]]))
            dated[i] = self._title_dated[rows[i]] = bool(found)
            named[i] = any(d in query.dates or (d.year, d.month) in query.months for d in found)
        return named

    def _dates_in_title(self, item_id: int) -> tuple[dt.date, ...]:
        def dates() -> tuple[dt.date, ...]:
            return tuple(m.date for m in find_dates(self.index.items[item_id].title))

        return self._title_dates.get_or_make(item_id, dates)

    def _holds(self, query: Query) -> bool:
        """Whether the memory has a meeting on the date, in the month or in the year the question names
        (the first of them it names; True when it names none)."""
        if query.dates:
            return not query.dates.isdisjoint(self._meeting_dates)
        if query.months:
            return not query.months.isdisjoint(self._meeting_months)
        if query.years:
            return not query.years.isdisjoint(self._meeting_years)
        return True

    def _confidence(self, query: Query, ranked: list[_Candidate]) -> str | None:
        """CONFIDENT when the best items speak to the question, UNCERTAIN when only weakly, None when not at all.

        Closeness in meaning alone is unreliable for short questions (MiniLM puts any
        crime-and-council question near every minute), so the deciding signal is whether
        one of the leading items contains the question's rarer words, weighted by rarity;
        a word the minutes never use weighs most.
        """
        s = self.settings
        top = ranked[0]
        if query.minutes and self.index.items[top.item_id].minute in query.minutes:
            return CONFIDENT
        if query.wants_attendance and self._names_meeting(query, top):
            # "Who was absent in March?" is answered by March's list of who attended and who sent
            # apologies, though it says "apologies", never "absent".
            listed, titled = self._attendance_of(np.array([top.row]), query.wants_absence)
            if listed[0] or titled[0]:
                return CONFIDENT
        if max(c.similarity for c in ranked[:3]) < s.min_similarity / 2:
            return None
        terms = question_terms(query.text)
        if not terms:  # "When is the meeting after 8 June 2016?": only dates and question words
            return CONFIDENT if top.similarity >= s.min_similarity or self._names_meeting(query, top) else None
        # Over the items an answer shows: a board that minutes each matter as an item of its own spreads
        # a question's words over neighbouring items of one meeting.
        shown = ranked[: s.coverage_depth]
        covered = max(coverage(terms, self._item_stems(c.item_id), self._weight) for c in shown)
        # The closer in meaning, the fewer of the question's words the minutes must share; a
        # question that names the leading item's meeting (its date, or its month) is as close.
        if top.similarity >= s.confident_similarity or self._names_meeting(query, top):
            needed = s.min_coverage / 2
        elif top.similarity >= s.min_similarity:
            needed = s.min_coverage
        else:
            needed = (1 + s.min_coverage) / 2
        if covered >= needed:
            return CONFIDENT
        # Some of the question's words are there, but not enough: show the closest, say so.
        if covered >= needed / 2:
            return UNCERTAIN
        return None

    def _caveat(self, query: Query, lead: Result) -> str:
        """Why the best match may not answer the question, in the member's terms; "" when nothing says so.

        Each is a sign that the minutes hold the topic but not what was asked: a meeting that is
        not in the memory, a rare word of the question the item never uses, or no amount or
        count where the question asks for one.
        """
        text = "\n".join((lead.item_title, self._prose(lead.item_id, with_decisions=False).text))
        held = self._holds(query)
        if query.dates and not held:
            when = " or ".join(format_date(d) for d in sorted(query.dates))
            return f"I hold no minutes of a meeting on {when}. The closest match:"
        # A month or year in a question often names other minutes ("were the December 2011 minutes
        # confirmed?"), so it counts against an item only when the item does not speak of it either.
        if not held and not _mentions_time(query, text):
            return "I hold no minutes from the time you asked about. The closest match:"
        missing = self._rarest_missing(query, lead.item_id)
        if missing:
            return f"The minutes I found don't mention “{missing}”. The closest match:"
        said = "\n".join((lead.quote, *lead.resolutions))
        whole = "\n".join((text, *lead.resolutions))
        if asks_opposition(query.text) and not gives_opposition(whole):
            return "The minutes I found record no objection or vote against. The closest match:"
        absent = next((name for name in self._names(query) if absent_in(lead.quote, name)), None)
        if asks_outcome(query.text) and absent:
            return f"The minutes record {absent} as absent from that meeting. The closest match:"
        if asks_outcome(query.text) and still_pending(said):
            return "The minutes record this as not yet settled:"
        if asks_person(query.text) and not gives_person(said):
            return "I found the topic, but no one named for it in the minutes. The closest match:"
        if asks_when(query.text) and not gives_time(lead.quote):
            return "I found the topic, but no date for it in the minutes. The closest match:"
        if asks_money(query.text) and not gives_money(said):
            return "I found the topic, but no amount for it in the minutes. The closest match:"
        if asks_count(query.text) and not gives_count(said):
            return "I found the topic, but no number for it in the minutes. The closest match:"
        return ""

    def _names(self, query: Query) -> list[str]:
        """People the question names, as typed: runs of capitalised words after its first ("Jo Smith")."""
        return [
            m[0]
            for m in re.finditer(r"(?<!^)(?<![.?!] )\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)+", query.text)
            if not starts_with_honorific(m[0]) or len(m[0].split()) > 1
        ]

    def _rarest_missing(self, query: Query, item_id: int) -> str | None:
        """A name or figure of the question ("Jo Smith", "2017/18") that the memory knows but the item never uses.

        Only names and figures: an everyday word the item lacks ("sent", "became") says nothing,
        members and clerks word things differently; a name or a year the item lacks says it is
        about someone or something else.
        """
        stems = self._item_stems(item_id)
        specific = _specific_terms(query.text)
        known = [t for t in specific if self._weight.known(t) and t not in stems]
        return specific[max(known, key=self._weight)] if known else None

    def _names_meeting(self, query: Query, candidate: _Candidate) -> bool:
        date = self.index.items[candidate.item_id].meeting_date
        return date in query.dates or (date.year, date.month) in query.months or (date.month, date.day) in query.days

    def _rows_of(self, item_id: int) -> range:
        start, end = self._item_rows.get(item_id, (0, 0))
        return range(start, end)

    def _item_text(self, item_id: int) -> str:
        """The item's text as its chunks hold it (a loaded index keeps no other copy)."""
        return "\n".join(
            self.index.chunks[r].text for r in self._rows_of(item_id) if self.index.chunks[r].kind != "resolution"
        )

    def _prose(self, item_id: int, with_decisions: bool) -> Prose:
        """The item's text (and its decisions) split into scored-ready sentences, kept between questions."""

        def split() -> Prose:
            item, text = self.index.items[item_id], self._item_text(item_id)
            if with_decisions:
                text = "\n".join((text, *item.resolutions)).strip() or item.title
            return prose(text)

        return self._prose_cache.get_or_make((item_id, with_decisions), split)

    def _passage(self, row: int) -> str | Prose:
        """The chunk's text; split into clauses when it is long enough to be cut, kept between questions."""
        text = self.index.chunks[row].text
        if len(text) <= MAX_CHARS:
            return text
        return self._clauses_cache.get_or_make(row, lambda: clauses(text))

    def _row_stems(self, row: int) -> frozenset[str]:
        """The words of one chunk's text, kept between questions."""
        return self._row_stems_cache.get_or_make(row, lambda: frozenset(tokenize(self.index.chunks[row].text)))

    def _item_stems(self, item_id: int) -> set[str]:
        """The words of an item's chunks, headers included, kept between questions."""

        def words() -> set[str]:
            chunks = [self.index.chunks[r] for r in self._rows_of(item_id)]
            return set(tokenize(" ".join(f"{chunk.header}\n{chunk.text}" for chunk in chunks)))

        return self._stems_cache.get_or_make(item_id, words)

    def _passage_row(self, query: Query, candidate: _Candidate, vector: np.ndarray) -> int:
        """The item's chunk that best answers the question: most of its rarer words, then closest.

        The chunk that ranked the item is often its opening (where the title words are);
        the answer may sit further down, so the shown passage is chosen again here.
        """
        held = self._rows_of(candidate.item_id)
        every = np.arange(held.start, held.stop)
        # The item's decisions travel with every result; the passage shows its text, where the
        # figures, names and reasons are (an item with no text but decisions shows those).
        text_rows = every[self._kinds_of(every) != self._kind_names.get("resolution", _UNREAD)]
        rows = text_rows if len(text_rows) else every
        if len(rows) == 1:
            return int(rows[0])
        # Words of the title are in every chunk's header; only the body tells chunks apart.
        terms = question_terms(query.text) - set(tokenize(self.index.chunks[candidate.row].header))
        closeness = (self.index.vectors[rows] @ vector).tolist()
        fits = [
            coverage(terms, self._row_stems(row), self._weight) + close
            for row, close in zip(rows.tolist(), closeness, strict=True)
        ]
        return int(rows[fits.index(max(fits))])  # the first of the best, as max() chooses

    def _result(self, rank: int, query: Query, candidate: _Candidate, vector: np.ndarray) -> Result:
        row = self._passage_row(query, candidate, vector)
        chunk = self.index.chunks[row]
        item = self.index.items[chunk.item_id]
        labelled = []
        if query.label and item.minute in query.minutes:
            labelled = [r for r in item.resolutions if r.startswith(query.label)]
        text = "\n".join(labelled) if labelled else self._passage(row)
        limit = MAX_CHARS
        if query.wants_attendance and chunk.kind == "attendance":
            # Who was there or sent apologies is the whole list, not the chunk nearest the question's words.
            text, limit = self._item_text(item.item_id), _LIST_CHARS
        terms = question_terms(query.text)
        asked = cues(query.text)
        whole = self._prose(item.item_id, with_decisions=False)
        said = quote(whole, terms, self._weight, asked, self._context(item)) if whole.text.strip() else ""
        return Result(
            quote=said or (item.resolutions[0] if item.resolutions else item.title),
            rank=rank,
            meeting_date=item.meeting_date,
            body=item.body,
            minute=item.minute,
            item_title=item.title,
            kind=chunk.kind,
            text=trim(text, terms, self._weight, asked, limit),
            resolutions=list(item.resolutions),
            score=candidate.score,
            source=item.source,
            section=item.section,
            agenda_number=item.agenda_number,
            item_id=item.item_id,
            title_derived=item.title_derived,
            parent_title=item.parent_title,
        )


_UNREAD, _NO_OFFICE, _PLAIN_OFFICE, _QUALIFIED = -1, 0, 1, 2
_LIST_CHARS = 2000  # an attendance list shown whole up to this: a long council's members and apologies
_THIS_YEAR = re.compile(r"\bthis\s+year\b", re.IGNORECASE)
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()  # day numbers are ordinals; NumPy's dates count from here
_QUALIFIED_OFFICE = re.compile(r"\b(?:vice|deputy|assistant|acting)[ -]?(?=\w)", re.IGNORECASE)
_OFFICE = re.compile(
    r"\b(?:chair\w*|mayor|president|leader|convenor|secretary|treasurer|clerk|provost|speaker)\b", re.IGNORECASE
)


@lru_cache(maxsize=1024)  # asked of each question once per answer, and of the same question again
def _specific_terms(question: str) -> Mapping[str, str]:
    """The question's names and figures ("Jo Smith", "2017/18"): each search term, with the word it came from."""
    specific: dict[str, str] = {}
    for position, word in enumerate(re.findall(r"[\w'’/-]+", question)):
        named = (
            position > 0
            and word[:1].isupper()
            and not starts_with_honorific(f"{word} x")
            and word.lower().rstrip(".") not in MONTHS
        )
        # Years and days are matched as dates; a figure or a financial year ("2017/18") is specific.
        figure = any(c.isdigit() for c in word) and not re.fullmatch(r"\d{1,2}|(?:19|20)\d\d", word)
        if named or figure:
            for term in tokenize(word):
                specific.setdefault(term, word)
    return MappingProxyType(specific)


@lru_cache(maxsize=STEMS_CACHED)
def _context_words(title: str, body: str, date: dt.date) -> frozenset[str]:
    return frozenset(tokenize(f"{title} {body} {date:%B %Y}"))


_NEAR = 0.005  # scores closer than this share (relative) say nothing of which item is better


def _tie_order(
    scores: np.ndarray,
    days: np.ndarray,
    items: np.ndarray,
    seen: np.ndarray,
    is_step: Callable[[int], bool] | None = None,
) -> np.ndarray:
    """The order of best first, where each run of scores within _NEAR of the run's best is one tie: in a tie
    substance before a standing step (`is_step`, asked only of tied positions), the newer meeting, the item set
    down first, the one seen first."""
    by_score = np.lexsort((seen, items, -days, -scores))
    tie = np.zeros(len(scores), dtype=np.int64)
    top = None
    group = -1
    for index in by_score.tolist():
        if top is None or scores[index] < top * (1 - _NEAR):
            top, group = scores[index], group + 1
        tie[index] = group
    steps = np.zeros(len(scores), dtype=bool)
    if is_step is not None:
        tied = np.flatnonzero(np.bincount(tie)[tie] > 1)
        steps[tied] = [is_step(i) for i in tied.tolist()]
    return np.lexsort((seen, items, -days, steps, tie))


_WORD_ROOT = 5  # letters two stems must share to be one word ("governor" of a "governing body", "council")


def _same_word(asked: str, named: str) -> bool:
    """Whether two stems are one word as a board's name uses it: equal, or one the other's root ("govern")."""
    short, long = sorted((asked, named), key=len)
    return asked == named or (len(short) >= _WORD_ROOT and long.startswith(short))


def _mentions_time(query: Query, text: str) -> bool:
    """Whether the text speaks of the date, month or year the question names (as other minutes' dates)."""
    lower = text.lower()
    months = {(d.year, d.month) for d in query.dates} | set(query.months)
    if any(str(year) in lower and calendar.month_name[month].lower() in lower for year, month in months):
        return True
    return any(str(year) in lower for year in query.years)


def _best_rows(scores: np.ndarray, k: int) -> np.ndarray:
    """The rows of the k highest positive scores, highest first."""
    top = np.argpartition(-scores, min(k, len(scores) - 1))[:k]
    top = top[np.argsort(-scores[top])]
    return top[scores[top] > 0]


def _qualifies(title: str) -> bool | None:
    """None if a title names no office; else whether it names a qualified one ("vice-chair")."""
    return bool(_QUALIFIED_OFFICE.search(title)) if _OFFICE.search(title) else None


@lru_cache(maxsize=256)
def _qualified(text: str) -> bool:
    return bool(_QUALIFIED_OFFICE.search(text))


class Kept(dict[K, V]):
    """What answers ask again and again of the same items and rows, kept between questions and
    bounded (the oldest goes first), so a long-running bot does not grow without bound."""

    def get_or_make(self, key: K, make: Callable[[], V]) -> V:
        found = self.get(key)
        if found is None:
            found = self[key] = make()
            if len(self) > STEMS_CACHED:
                with contextlib.suppress(KeyError, RuntimeError, StopIteration):  # answered side by side
                    self.pop(next(iter(self)))
        return found
