"""The answer in a line: the sentences of an item that answer the question, quoted as written.

Extractive only: a sentence is chosen, never written. It is the sentence that holds most of
the question's rarer words, and what the question asks for: a person for "who", a figure for
"how much", a date for "when", a count of votes for "how did the vote go", a reason for "why".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Set
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from corpus.language.dates import MONTHS, find_dates
from corpus.language.names import HONORIFIC
from corpus.language.sentences import sentence_spans
from corpus.language.tables import looks_tabular
from retrieval.keyword_index import tokenize

Weight = Callable[[str], float]

QUOTE_CHARS = 360  # one or two sentences: the line a member reads before deciding to read on
_SHORT = 60  # a sentence shorter than this ("Agreed.") says little without the next one
CUE_SHARE = 0.4  # how much a sentence of the kind asked for counts against one sharing the words


class Cue(StrEnum):
    """What kind of thing a question asks for."""

    PERSON = "person"
    FIGURE = "figure"
    DATE = "date"
    VOTE = "vote"
    REASON = "reason"


_ASKS = {
    Cue.PERSON: re.compile(r"\b(?:who|whom|whose|which (?:councillors?|members?|officers?))\b", re.IGNORECASE),
    Cue.FIGURE: re.compile(
        r"\b(?:how (?:much|many|big|large|high|low|long|far)|(?:increas|decreas|reduc|rais|cut|set)\w* (?:to|by|at)|"
        r"rise|cost\w*|price\w*|spen[dt]\w*|amount|"
        r"figure\w*|rate|percent\w*|total\w*|paid|pay|fees?|grant of|precept)\b|[£$€%]",
        re.IGNORECASE,
    ),
    Cue.DATE: re.compile(r"\b(?:when|what date|which date|what day|what time|by when|deadline)\b", re.IGNORECASE),
    Cue.VOTE: re.compile(r"\b(?:vote\w*|voting|unanimous\w*|majority|for and against|carried|seconded)\b", re.I),
    Cue.REASON: re.compile(r"\b(?:why|reason\w*|because)\b", re.IGNORECASE),
}
_AMOUNT = re.compile(r"[£$€]\s?\d|\d\s?(?:%|per ?cent\b|pounds\b|dollars\b|euros\b|million\b|bn\b|k\b)")
_NUMBER = re.compile(r"\b\d[\d,]*(?:\.\d+)?\b")
_VOTE = re.compile(
    r"\b(?:unanimous\w*|carried|seconded|in favour|against|abstain\w*|for:|against:|motion|vote\w*|lost)\b",
    re.IGNORECASE,
)
_REASON = re.compile(r"\b(?:because|due to|owing to|as a result|in order to|reason\w*|since|so that|as the)\b", re.I)


# "What would it cost", "the cost of", "how much": an amount; "the costs award" names a thing.
_ASKS_MONEY = re.compile(
    r"\b(?:how much|what\b.{0,40}\bcost|cost(?:s|ing)? (?:of|to)|price\w*|spen[dt]\w*|paid|fees?|charged|"
    r"budgeted|worth)\b|[£$€]",
    re.IGNORECASE,
)
_ASKS_COUNT = re.compile(r"\bhow many\b|\bnumber of\b", re.IGNORECASE)
# Numbers that count nothing: years, paragraph and list numbers ("6.1", "(iii)"), "no. 4", "item 7".
_NOT_A_COUNT = re.compile(r"^(?:19|20)\d\d$|^\d+\.\d+(?:\.\d+)*$", re.IGNORECASE)
_REFERENCE_BEFORE = re.compile(
    r"\b(?:no|nos|item|items|minute|minutes|action|para|paragraph|page|section|ref)\.?\s*$", re.I
)
_COUNT_WORDS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|dozen|several|all|none|no one|nobody)\b",
    re.IGNORECASE,
)


def asks_money(question: str) -> bool:
    """Whether the question asks what something cost or was worth."""
    return bool(_ASKS_MONEY.search(question)) and not _ASKS_COUNT.search(question)


def asks_count(question: str) -> bool:
    """Whether the question asks how many."""
    return bool(_ASKS_COUNT.search(question))


def gives_money(text: str) -> bool:
    """Whether the text states an amount of money or a share."""
    return bool(_AMOUNT.search(text))


def gives_count(text: str) -> bool:
    """Whether the text states a number that counts something (not a year, a paragraph or an item number)."""
    for match in _NUMBER.finditer(text):
        if _NOT_A_COUNT.match(match[0]) or _REFERENCE_BEFORE.search(text[: match.start()]):
            continue
        if match.start() == 0 or text[match.start() - 1] == "\n":
            continue  # a number opening a line numbers the line
        return True
    return bool(_COUNT_WORDS.search(text))


_ASKS_OPPOSITION = re.compile(r"\b(?:against|object\w*|oppos\w*|dissent\w*|abstain\w*|disagree\w*)\b", re.I)
_OPPOSITION = re.compile(
    r"\b(?:against|object\w*|oppos\w*|dissent\w*|abstain\w*|abstention\w*|disagree\w*|concern\w*|"
    r"unanimous\w*|nem\.? ?con|no votes?|votes? (?:was|were) taken|division|recorded vote|carried|lost|defeated)\b",
    re.IGNORECASE,
)
_WHEN = re.compile(r"^\s*(?:and\s+|so\s+)?when\b|\b(?:what|which) (?:date|day|month|year)\b|\bby when\b", re.I)
# A financial year ("2016/17") names a budget, not when something happens.
_TIME_WORDS = re.compile(
    rf"\b(?:19|20)\d\d\b(?!/\d)|\b(?:{'|'.join(MONTHS)}|spring|summer|autumn|winter|week|weeks|month|"
    r"months|year|years|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|soon|"
    r"shortly|next|end of|deadline|by the|\d{1,2}(?:am|pm)|\d{1,2}[:.]\d{2})\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b",
    re.IGNORECASE,
)


def asks_opposition(question: str) -> bool:
    """Whether the question asks who objected, voted against or abstained."""
    return bool(_ASKS_OPPOSITION.search(question))


def gives_opposition(text: str) -> bool:
    """Whether the text records how a vote went or any objection (including that none was made)."""
    return bool(_OPPOSITION.search(text))


_ROLE_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "council",
        "committee",
        "board",
        "clerk",
        "chair",
        "chairman",
        "chairperson",
        "mayor",
        "office",
        "officer",
        "department",
        "service",
        "services",
        "team",
        "group",
        "authority",
        "panel",
        "police",
        "county",
        "district",
        "borough",
        "city",
        "parish",
        "town",
        "home",
        "national",
        "local",
        "government",
        "ministry",
    ]
)
_CAPITALISED_PAIR = re.compile(r"\b([A-Z][a-z'’-]+)\s+([A-Z][a-z'’-]+)")


def gives_person(text: str) -> bool:
    """Whether the text names a person: a title and name ("Cllr Smith"), or a first name and surname."""
    if re.search(rf"\b{HONORIFIC}\.?\s+(?:[A-Z]\.\s*)*[A-Z]", text):
        return True
    return any(
        a.lower() not in _ROLE_WORDS and b.lower() not in _ROLE_WORDS for a, b in _CAPITALISED_PAIR.findall(text)
    )


def asks_person(question: str) -> bool:
    """Whether the question asks who did something."""
    return Cue.PERSON in cues(question)


_PENDING = re.compile(
    r"\b(?:yet to be|not yet|deferred|defer|postponed|awaiting|await|pending|still to be|remains? to be|"
    r"(?:report|reported|brought|considered|come|return)\w* (?:back )?to (?:the|a) (?:next|future|later) meeting)\b",
    re.IGNORECASE,
)
_ASKS_OUTCOME = re.compile(
    r"\b(?:what|which|who)\b.*\b(?:decid\w*|resolv\w*|agree\w*|pick\w*|chos\w*|choose|select\w*|came out|"
    r"found|conclu\w*|outcome|result\w*|say|said|tell|told|appoint\w*)\b",
    re.IGNORECASE,
)


def asks_outcome(question: str) -> bool:
    """Whether the question asks what was decided, chosen, found or said."""
    return bool(_ASKS_OUTCOME.search(question))


def still_pending(text: str) -> bool:
    """Whether the text records the matter as not yet settled (deferred, awaited, to come back)."""
    return bool(_PENDING.search(text))


_ABSENT = re.compile(r"\b(?:apolog\w*|unable to attend|could not attend|absent|not present|absence)\b", re.I)


def absent_in(text: str, name: str) -> bool:
    """Whether a sentence of the text naming `name` records them as absent (apologies, unable to attend)."""
    return any(name.lower() in text[a:b].lower() and _ABSENT.search(text[a:b]) for a, b in sentence_spans(text))


def asks_when(question: str) -> bool:
    """Whether the question asks when something happened or will."""
    return bool(_WHEN.search(question))


def gives_time(text: str) -> bool:
    """Whether the text speaks of a date, a month, a season, a time or a deadline."""
    return bool(_TIME_WORDS.search(text))


@lru_cache(maxsize=1024)  # asked of the same question by each step of its answer
def cues(question: str) -> frozenset[Cue]:
    """What the question asks for, from its question words."""
    return frozenset(cue for cue, pattern in _ASKS.items() if pattern.search(question))


def _gives(cue: Cue, sentence: str) -> float:
    """How plainly the sentence gives what the cue asks for: 1 plainly, 0.5 maybe, 0 not."""
    if cue is Cue.PERSON:
        return float(gives_person(sentence))
    if cue is Cue.FIGURE:
        if _AMOUNT.search(sentence):
            return 1.0
        # A bare number may be the count asked for, or a year, a paragraph, a minute number.
        return 0.5 if any(not re.fullmatch(r"(?:19|20)\d\d", m[0]) for m in _NUMBER.finditer(sentence)) else 0.0
    if cue is Cue.DATE:
        if find_dates(sentence):
            return 1.0
        # "by spring 2023", "in March", "within six weeks": a time, less exact than a date.
        return 0.7 if gives_time(sentence) else 0.0
    if cue is Cue.VOTE:
        return bool(_VOTE.search(sentence))
    return bool(_REASON.search(sentence))


@dataclass(frozen=True)
class Sentence:
    """A prose sentence of a text: where it is, and its search terms."""

    start: int
    end: int
    stems: frozenset[str]


@dataclass(frozen=True)
class Prose:
    """A text split once into its prose sentences (table rows left out), to be scored for many questions."""

    text: str
    sentences: tuple[Sentence, ...]
    # What each sentence gives of each cue, found once: the same items lead question after question.
    _given: dict[tuple[int, Cue], float] = field(default_factory=dict, compare=False, repr=False)

    _cued: dict[frozenset[Cue], list[float]] = field(default_factory=dict, compare=False, repr=False)
    _where: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)

    def gives(self, index: int, cue: Cue) -> float:
        """How plainly sentence `index` gives what `cue` asks for (see _gives)."""
        key = (index, cue)
        if key not in self._given:
            sentence = self.sentences[index]
            self._given[key] = _gives(cue, self.text[sentence.start : sentence.end])
        return self._given[key]

    def given(self, asked: frozenset[Cue]) -> list[float]:
        """Per sentence, its share of what the question asks for (a person, a figure, a date …)."""
        found = self._cued.get(asked)
        if found is None:
            found = self._cued[asked] = [
                sum(self.gives(i, cue) for cue in asked) / len(asked) for i in range(len(self.sentences))
            ]
        return found

    def holding(self, term: str) -> list[int]:
        """The sentences that hold the term, found once per term: the same terms are asked of the
        same leading items question after question."""
        found = self._where.get(term)
        if found is None:
            found = self._where[term] = [i for i, sentence in enumerate(self.sentences) if term in sentence.stems]
        return found


def clauses(text: str) -> Prose:
    """Every sentence and clause of the text, tables included: what a long passage is cut around."""
    return Prose(text, tuple(Sentence(a, b, frozenset(tokenize(text[a:b]))) for a, b in sentence_spans(text, True)))


def prose(text: str) -> Prose:
    """The text's prose sentences with their terms: the costly step, done once per text and kept."""
    return Prose(
        text,
        tuple(
            Sentence(start, end, frozenset(tokenize(text[start:end])))
            for start, end in sentence_spans(text)
            if end - start > 2 and not looks_tabular(text[start:end])
        ),
    )


# A sentence holding none of the question's words: what any sentence scores from its context alone.
_EMPTY = Prose("", (Sentence(0, 0, frozenset()),))


def sentence_scores(
    text: Prose, terms: Set[str], weight: Weight, asked: frozenset[Cue], context: frozenset[str] = frozenset()
) -> list[float]:
    """How well each prose sentence answers: the share of the question's word weight it holds (read
    with its context), plus its share of what is asked for.

    `context` holds words every sentence is read with (its item's title): "completed by spring"
    under the title "New prison" answers "when will the new prison be completed".
    """
    # Term by term over the sentences holding it, in the question's term order, so each sentence's
    # sum is the one `_score` makes: ranking scores hundreds of sentences a question.
    weights = {t: weight(t) for t in terms}
    total = sum(weights.values())
    held = [0.0] * len(text.sentences)
    if total:
        for term in terms:
            if term in context:
                held = [h + weights[term] for h in held]
            else:
                for i in text.holding(term):
                    held[i] += weights[term]
        held = [h / total for h in held]
    if not asked:
        return held
    return [h + CUE_SHARE * share for h, share in zip(held, text.given(asked), strict=True)]


def quote(
    text: Prose,
    terms: Set[str],
    weight: Weight,
    asked: frozenset[Cue],
    context: frozenset[str] = frozenset(),
    limit: int = QUOTE_CHARS,
) -> str:
    """One or two sentences of `text` that best answer, read under `context` (the item's title);
    the opening sentence when none does."""
    scores = sentence_scores(text, terms, weight, asked, context)
    if not scores:
        return _cut(text.text.strip(), limit)
    rounded = [round(score, 6) for score in scores]
    best = rounded.index(max(rounded))  # the first of the best
    if scores[best] <= sentence_scores(_EMPTY, terms, weight, asked, context)[0]:
        best = 0  # nothing matches: the item's opening says what it is about
    sentences = text.sentences
    chosen = [sentences[best]]
    following = best + 1 if best + 1 < len(scores) else None
    short = sentences[best].end - sentences[best].start < _SHORT
    worth_adding = following and (short or scores[following] >= 0.6 * scores[best] > 0)
    if following and worth_adding and sentences[following].end - sentences[best].start <= limit:
        chosen.append(sentences[following])
    return _cut(text.text[chosen[0].start : chosen[-1].end].strip(), limit)


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def best_score(
    text: Prose, terms: Set[str], weight: Weight, asked: frozenset[Cue], context: frozenset[str] = frozenset()
) -> float:
    """How well the item's best sentence, read with its context, answers (0 when nothing does)."""
    return max(sentence_scores(text, terms, weight, asked, context), default=0.0)
