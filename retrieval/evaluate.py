"""Scoring answers against a question file, for Board Memory and the generic baseline alike.

Every system is scored from the JSON of its answers, so the product and the baseline are
measured by the same code on the same terms.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from sqlalchemy import Engine

from corpus.settings import Config

Answerer = Callable[[str], dict]
T = TypeVar("T")
Out = Callable[[str], None]

NO_CITATION = "no citation in top k"
NOT_FIRST = "not at rank 1"
FACT_MISSING = "fact missing"
SHOULD_ABSTAIN = "should have abstained"
WRONG_ABSTAIN = "abstained wrongly"
ATTENDANCE_WRONG = "attendance not shown"
ATTENDANCE = "attendance"  # a question's kind when it asks who was there, absent or in the chair
# Fixed rather than the `results` setting, so figures stay comparable from run to run.
EVAL_K = 5
UNCERTAIN = "uncertain"  # an answer's `confidence` when it shows its closest match as weak evidence
# The share of answerable questions a system may abstain on: the product's own limit, and the
# limit the baseline's cut-off is tuned to.
MAX_FALSE_ABSTENTION = 0.10


@dataclass(frozen=True)
class Expectation:
    """A citation that counts as right: the meeting's date, and its minute number, part of its
    title, or an item whose text holds `quote` (for minutes that print no numbers or titles)."""

    date: dt.date
    minute: str | None = None
    title: str | None = None
    quote: str | None = None

    def __str__(self) -> str:
        if self.minute:
            return f"{self.date} minute {self.minute}"
        if self.title:
            return f'{self.date} "{self.title}"'
        return f"{self.date} item quoting {self.quote!r}" if self.quote else str(self.date)


# Which items hold each expected quote: resolved once against the memory, then used for every system.
Quoted = Mapping[str, frozenset[int]]


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    expect: tuple[Expectation, ...]
    facts: tuple[str, ...]
    kind: str = ""  # ATTENDANCE, scored on the meeting and names of the first result alone

    @property
    def answerable(self) -> bool:
        return bool(self.expect)

    @property
    def attendance(self) -> bool:
        return self.kind == ATTENDANCE


@dataclass(frozen=True)
class Outcome:
    """How one answer fared: where the first right citation was, and what went wrong."""

    question: Question
    answered: bool
    first_match: int | None  # 1-based rank within the top k
    facts_found: bool
    citations: tuple[str, ...]  # the top 3, as returned
    failures: tuple[str, ...]
    uncertain: bool = False  # answered, but marked as weak evidence
    facts_first: bool = False  # the facts in the first result alone

    @property
    def held_back(self) -> bool:
        """Did not claim an answer: abstained, or showed its closest match marked uncertain."""
        return not self.answered or self.uncertain


@dataclass
class Report:
    k: int
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def answerable(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.question.answerable and not o.question.attendance]

    @property
    def attendance(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.question.attendance]

    @property
    def unanswerable(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.question.answerable]

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.failures]

    def figures(self) -> dict[str, float | int]:
        answerable, unanswerable = self.answerable, self.unanswerable
        n = len(answerable) or 1  # an empty share is 0, not a division error
        abstained_wrongly = sum(not o.answered for o in answerable)
        attendance = self.attendance
        return {
            "answerable": len(answerable),
            "fact@1": sum(o.facts_first for o in answerable) / n,
            "attendance": len(attendance),
            "attendance_right": sum(o.first_match == 1 and o.facts_first for o in attendance),
            "cite@1": sum(o.first_match == 1 for o in answerable) / n,
            f"cite@{self.k}": sum(o.first_match is not None for o in answerable) / n,
            "mrr": sum(1 / o.first_match for o in answerable if o.first_match) / n,
            f"fact@{self.k}": sum(o.facts_found for o in answerable) / n,
            "abstained": sum(not o.answered for o in unanswerable),
            "uncertain": sum(o.answered and o.uncertain for o in unanswerable),
            "held_back": sum(o.held_back for o in unanswerable),
            "unanswerable": len(unanswerable),
            "abstained_wrongly": abstained_wrongly,
            "false_abstention": abstained_wrongly / n,
            "uncertain_on_answerable": sum(o.answered and o.uncertain for o in answerable),
        }

    def to_json(self) -> dict:
        return {
            "figures": self.figures(),
            "misses": [
                {
                    "id": o.question.id,
                    "question": o.question.question,
                    "expected": [str(e) for e in o.question.expect],
                    "returned": list(o.citations),
                    "failures": list(o.failures),
                }
                for o in self.misses
            ],
        }


def load_questions(path: Path) -> list[Question]:
    """The question file, one JSON object a line; raises ValueError naming the file and line."""
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            questions.append(_question(json.loads(line)))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"{path}:{number}: not a question ({error})") from error
    return questions


def _question(raw: dict) -> Question:
    expect = tuple(
        Expectation(
            dt.date.fromisoformat(e["date"]),
            _optional_str(e.get("minute")),
            _optional_str(e.get("title")),
            _optional_str(e.get("quote")),
        )
        for e in raw["expect"]
    )
    if not isinstance(raw["question"], str) or not raw["question"].strip():
        raise ValueError("empty question")
    kind = str(raw.get("kind") or "")
    if kind not in ("", ATTENDANCE):
        raise ValueError(f"unknown kind {kind!r}")
    # An attendance question expects a meeting, not an item: who was there is no minute's business.
    if kind != ATTENDANCE and any(e.minute is None and e.title is None and e.quote is None for e in expect):
        raise ValueError("an expectation needs a minute, a title or a quote")
    facts = raw.get("facts", [])
    if not all(isinstance(f, str) for f in facts):
        raise ValueError("facts must be strings")
    return Question(str(raw["id"]), raw["question"], expect, tuple(facts), kind)


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def matches(result: dict, expectation: Expectation, quoted: Quoted | None = None) -> bool:
    """Same meeting, and the same minute, a title containing the expected one, or an item holding the quote."""
    if result.get("meeting_date") != expectation.date.isoformat():
        return False
    if expectation.minute is not None and result.get("minute") == expectation.minute:
        return True
    title = result.get("item_title") or ""
    if expectation.title is not None and comparable(expectation.title) in comparable(title):
        return True
    return expectation.quote is not None and result.get("item_id") in (quoted or {}).get(expectation.quote, ())


def comparable(text: str) -> str:
    """Text as quotes are compared: case, markup marks and spacing folded."""
    return " ".join(re.sub(r"[*_#`]+", "", text).casefold().split())


def quoted_items(items: Iterable[tuple[int, str]], questions: Sequence[Question]) -> dict[str, frozenset[int]]:
    """For each quote the questions expect, the ids of the items (id, full text) that hold it."""
    quotes = {e.quote for q in questions for e in q.expect if e.quote}
    texts = [(item_id, comparable(text)) for item_id, text in items]
    return {quote: frozenset(i for i, text in texts if comparable(quote) in text) for quote in quotes}


def citation(result: dict) -> str:
    """ "2016-06-08 m86 Domestic Homicide Reviews", short enough for a miss line."""
    minute = f" m{result['minute']}" if result.get("minute") else ""
    return f"{result.get('meeting_date')}{minute} {result.get('item_title', '')}".strip()


def outcome(question: Question, answer: dict, k: int, quoted: Quoted | None = None) -> Outcome:
    """Score one answer to one question.

    An answer marked uncertain is held back on an unanswerable question, yet still an answer
    (scored on its citations) on an answerable one. No `confidence` at all counts as confident.
    """
    answered = bool(answer.get("answered"))
    uncertain = answered and answer.get("confidence") == UNCERTAIN
    top = list(answer.get("results", []))[:k] if answered else []
    citations = tuple(citation(r) for r in top[:3])
    if not question.answerable:
        failures = (SHOULD_ABSTAIN,) if answered and not uncertain else ()
        return Outcome(question, answered, None, True, citations, failures, uncertain)
    first_text = comparable("\n".join(top[0].get(key) or "" for key in ("quote", "text"))) if top else ""
    facts_first = all(comparable(fact) in first_text for fact in question.facts)
    if question.attendance:
        # Right only when the first result is that meeting and shows every name asked of it.
        meeting = bool(top) and any(top[0].get("meeting_date") == e.date.isoformat() for e in question.expect)
        failures = () if meeting and facts_first else (ATTENDANCE_WRONG,)
        return Outcome(
            question, answered, 1 if meeting else None, facts_first, citations, failures, uncertain, facts_first
        )
    first = next(
        (rank for rank, r in enumerate(top, start=1) if any(matches(r, e, quoted) for e in question.expect)), None
    )
    # Text only: resolutions repeat across an item's results and would flatter the passage shown.
    # Case and spacing folded alike for every system: converters differ in non-breaking spaces.
    text = comparable("\n".join(r.get("text", "") for r in top))
    facts_found = all(comparable(fact) in text for fact in question.facts)
    if not answered:
        failures: tuple[str, ...] = (WRONG_ABSTAIN,)
    else:
        placed = () if first == 1 else (NOT_FIRST,) if first else (NO_CITATION,)
        failures = placed + (() if facts_found else (FACT_MISSING,))
    return Outcome(question, answered, first, facts_found, citations, failures, uncertain, facts_first)


def score(questions: Sequence[Question], answer: Answerer, k: int = 5, quoted: Quoted | None = None) -> Report:
    """Ask every question and score the answers."""
    return Report(k, [outcome(q, answer(q.question), k, quoted) for q in questions])


def format_report(name: str, report: Report, figures_only: bool = False) -> str:
    """Figures on two lines, then (unless `figures_only`) one line per miss."""
    f = report.figures()
    k = report.k
    lines = [
        f"{name}: cite@1 {f['cite@1']:.2f}  cite@{k} {f[f'cite@{k}']:.2f}  MRR {f['mrr']:.2f}  "
        f"fact@1 {f['fact@1']:.2f}  fact@{k} {f[f'fact@{k}']:.2f}  over {f['answerable']} answerable"
        + (f"; attendance right {f['attendance_right']}/{f['attendance']}" if f["attendance"] else ""),
        f"  {abstention_summary(f)}; {len(report.misses)} misses",
    ]
    for o in [] if figures_only else report.misses:
        expected = " | ".join(str(e) for e in o.question.expect) or "no answer"
        returned = " | ".join(o.citations) or "nothing"
        lines.append(
            f"  {o.question.id} [{', '.join(o.failures)}] {o.question.question!r} expected {expected}; got {returned}"
        )
    return "\n".join(lines)


def abstention_summary(f: Mapping[str, float | int]) -> str:
    """ "abstention 7/10 on unanswerable (+2 marked uncertain = 9/10 held back); abstained wrongly on 3 of 93
    answerable (3%)", with uncertain answers to answerable questions named when there are any."""
    held = f"abstention {f['abstained']}/{f['unanswerable']} on unanswerable"
    if f["uncertain"]:
        held += f" (+{f['uncertain']} marked uncertain = {f['held_back']}/{f['unanswerable']} held back)"
    wrong = (
        f"abstained wrongly on {f['abstained_wrongly']} of {f['answerable']} answerable ({f['false_abstention']:.0%})"
    )
    unsure = f"; marked uncertain on {f['uncertain_on_answerable']} answerable" if f["uncertain_on_answerable"] else ""
    return f"{held}; {wrong}{unsure}"


def compare(ours: Report, theirs: Report) -> dict[str, list[str]]:
    """Which figures `ours` is ahead on, level on and behind on (false abstention: lower is better)."""
    # (figure, name in the verdict, +1 when higher is better, -1 when lower is)
    keys = [
        ("cite@1", "cite@1", 1),
        (f"cite@{ours.k}", f"cite@{ours.k}", 1),
        ("mrr", "mrr", 1),
        ("fact@1", "fact@1", 1),
        (f"fact@{ours.k}", f"fact@{ours.k}", 1),
        ("held_back", "abstention", 1),
        ("false_abstention", "false abstention", -1),
    ]
    a, b = ours.figures(), theirs.figures()
    verdict: dict[str, list[str]] = {"ahead": [], "level": [], "behind": []}
    for key, name, sign in keys:
        lead = sign * (a[key] - b[key])
        verdict["ahead" if lead > 1e-9 else "behind" if lead < -1e-9 else "level"].append(name)
    return verdict


def tune_cutoff(answerable_tops: Sequence[float], max_false_abstention: float = MAX_FALSE_ABSTENTION) -> float | None:
    """The highest cut-off (abstain below it) that abstains on at most `max_false_abstention` of the
    answerable questions, given each one's top similarity; None when there are none to tune on."""
    if not answerable_tops:
        return None
    ordered = sorted(answerable_tops)
    # Abstaining below the (m+1)-th lowest score drops at most m; any higher cut-off drops one more.
    allowed = min(int(max_false_abstention * len(ordered) + 1e-9), len(ordered) - 1)
    return ordered[allowed]


@dataclass(frozen=True)
class CorpusFigures:
    """How much of a corpus the memory took in: documents offered and accepted, items made."""

    documents: int
    accepted: int
    items: int
    failures: tuple[str, ...] = ()

    @property
    def items_per_document(self) -> float:
        return self.items / self.accepted if self.accepted else 0.0

    def to_json(self) -> dict:
        return {
            "documents": self.documents,
            "accepted": self.accepted,
            "items": self.items,
            "items_per_document": round(self.items_per_document, 2),
            "failures": list(self.failures),
        }


def format_table(corpus: CorpusFigures, ours: Report, theirs: Report) -> str:
    """The side-by-side figures: documents accepted, items per document, citations, facts, abstention."""
    k = ours.k
    columns = ("cite@1", f"cite@{k}", "fact@1", f"fact@{k}")
    header = f"{'':<22}{'accepted':>10}{'items/doc':>11}" + "".join(f"{c:>8}" for c in columns) + f"{'abstain':>9}"
    rows = [header]
    for name, report in (("Board Memory", ours), ("Generic baseline", theirs)):
        f = report.figures()
        abstained = f"{f['held_back']}/{f['unanswerable']}"
        rows.append(
            f"{name:<22}{f'{corpus.accepted}/{corpus.documents}':>10}{corpus.items_per_document:>11.1f}"
            f"{f['cite@1']:>8.2f}{f[f'cite@{k}']:>8.2f}{f['fact@1']:>8.2f}{f[f'fact@{k}']:>8.2f}"
            f"{abstained:>9}"
        )
    return "\n".join(rows)


@dataclass(frozen=True)
class QuestionFile:
    """One question file of a run, scored for both systems."""

    path: Path
    ours: Report
    theirs: Report

    def to_json(self) -> dict:
        return {
            "board_memory": self.ours.to_json(),
            "baseline": self.theirs.to_json(),
            "comparison": compare(self.ours, self.theirs),
        }


def run_eval(
    config: Config,
    paths: Path | Sequence[Path],
    out: Out = print,
    as_json: bool = False,
    corpus: Path | None = None,
    figures_only: bool = False,
) -> int:
    """Score Board Memory and the generic baseline on each question file; print both and who leads.

    The memory is loaded (and `corpus` ingested) once for all the files, so answerable sets and
    negatives are scored together. With `corpus`, that folder is ingested first into a memory of
    its own (a temporary data folder), so the figures speak of exactly those documents and the
    configured memory is untouched. `figures_only` leaves out the misses, so a held-out set's
    failures are never read.
    """
    files = [paths] if isinstance(paths, Path) else list(paths)
    questions = {path: load_questions(path) for path in files}
    log: Out = (lambda line: print(line, file=sys.stderr)) if as_json else out  # keep stdout pure JSON
    if corpus is None:
        return _evaluate(config, questions, out, log, as_json, None, figures_only)
    with tempfile.TemporaryDirectory(prefix="boardmem-eval-") as folder:
        own = dataclasses.replace(config, data_dir=Path(folder), database_url="")
        # A held-out set's refusals are failures too: counted, not named.
        figures = ingest_corpus(own, corpus, (lambda line: None) if figures_only else log)
        if figures_only and figures.failures:
            log(f"refused {len(figures.failures)} of {figures.documents} documents")
        code = _evaluate(own, questions, out, log, as_json, figures, figures_only)
        for report in gold_beside(own, corpus):
            (log if as_json else out)(report)
        return code


def read_folder(folder: Path, read: Callable[[Engine], T], prefix: str = "boardmem-") -> T:
    """What `read` finds in a memory of its own, read from the documents under `folder` (then dropped)."""
    from corpus.settings import load_config
    from corpus.store import open_engine

    with tempfile.TemporaryDirectory(prefix=prefix) as data:
        config = dataclasses.replace(load_config(), data_dir=Path(data), database_url="")
        ingest_corpus(config, folder, lambda line: print(line, file=sys.stderr))
        engine = open_engine(config.resolved_database_url)
        try:
            return read(engine)
        finally:
            engine.dispose()


def gold_beside(config: Config, corpus: Path) -> list[str]:
    """The gold lists kept beside a corpus (items.jsonl, followups.jsonl), scored on the memory read from it."""
    from corpus.store import open_engine
    from retrieval import followup_eval, structure_eval

    items, followups = corpus / "items.jsonl", corpus / "followups.jsonl"
    engine = open_engine(config.resolved_database_url)
    try:
        reports = []
        manifest = corpus / "manifest.toml"
        if manifest.exists() and (dates := structure_eval.meeting_dates(engine, manifest)):
            reports.append(dates)
        if items.exists():
            found = structure_eval.stored_items(engine)
            structure = structure_eval.score(structure_eval.load_gold_items(items), found)
            reports.append(structure_eval.format_report(str(items), structure))
        if followups.exists():
            views, gold = followup_eval.follow_ups_in(engine), followup_eval.load_gold(followups)
            by_parts = followup_eval.score(views, gold, by_parts=True)
            report = followup_eval.format_report(str(followups), followup_eval.score(views, gold), by_parts)
            # The figures alone: which commitments were missed is `python -m retrieval.followup_eval`'s to list.
            reports.append("\n".join(report.splitlines()[:3]))
        return reports
    finally:
        engine.dispose()


def ingest_corpus(config: Config, folder: Path, log: Out) -> CorpusFigures:
    """Ingest every document under `folder` (with its manifest.toml, if any) into the config's memory."""
    from corpus.ingest import ingest_paths
    from corpus.manifest import load_manifest
    from corpus.store import open_engine

    manifest_path = folder / "manifest.toml"
    manifest = load_manifest(manifest_path) if manifest_path.exists() else None
    outcomes = ingest_paths(open_engine(config.resolved_database_url), [folder], manifest=manifest)
    documents = [o for o in outcomes if o.status != "skipped"]
    failures = tuple(o.message for o in documents if o.failed)
    for failure in failures:
        log(f"refused: {failure}")
    accepted = [o for o in documents if not o.failed]
    return CorpusFigures(len(documents), len(accepted), sum(o.items for o in accepted), failures)


def _memory_figures(engine) -> CorpusFigures:
    from sqlalchemy import func
    from sqlmodel import Session, select

    from corpus.models import Document, Item

    with Session(engine) as session:
        documents = session.exec(select(func.count()).select_from(Document)).one()
        items = session.exec(select(func.count()).select_from(Item)).one()
    return CorpusFigures(documents, documents, items)


def _item_texts(engine) -> list[tuple[int, str]]:
    from sqlmodel import Session, select

    from corpus.models import Item

    with Session(engine) as session:
        return [(i.id, f"{i.title}\n{i.note or ''}\n{i.text}") for i in session.exec(select(Item))]


def baseline_cutoff(answers: Iterable[tuple[Question, dict]]) -> float | None:
    """The cut-off tuned on the answerable questions' answers, each given with no cut-off."""
    tops = [top_score(a) for q, a in answers if q.answerable]
    return tune_cutoff([t for t in tops if t is not None])


def top_score(answer: dict) -> float | None:
    """The similarity of an answer's first result, as reported."""
    results = answer.get("results") or []
    return results[0].get("score") if results else None


class Baseline(Protocol):
    """What eval needs of a baseline: answers in the shape of `Answer.to_json()`, and a cut-off to tune."""

    cutoff: float | None

    def ask(self, question: str, k: int = 5) -> dict: ...


@dataclass(frozen=True)
class Run:
    """Every question file of one run, scored for both systems, and the baseline's tuned cut-off."""

    files: list[QuestionFile]
    cutoff: float | None

    def total(self, side: str) -> Report:
        """One system's outcomes over every file (`side` is "ours" or "theirs")."""
        reports = [getattr(f, side) for f in self.files]
        return Report(reports[0].k if reports else EVAL_K, [o for r in reports for o in r.outcomes])

    def to_json(self, corpus: CorpusFigures) -> dict:
        """One file keeps the single-file shape; several are listed under "files"."""
        document: dict = {"corpus": corpus.to_json(), "baseline_cutoff": self.cutoff}
        if len(self.files) == 1:
            return document | self.files[0].to_json()
        ours, theirs = self.total("ours"), self.total("theirs")
        return document | {
            "files": [{"file": str(f.path), **f.to_json()} for f in self.files],
            "all": {
                "board_memory": {"figures": ours.figures()},
                "baseline": {"figures": theirs.figures()},
                "comparison": compare(ours, theirs),
            },
        }


def score_files(
    questions: Mapping[Path, Sequence[Question]],
    ours: Answerer,
    baseline: Baseline,
    k: int = EVAL_K,
    quoted: Quoted | None = None,
) -> Run:
    """Tune the baseline's cut-off on every question of the run, then score each file for both systems.

    Tuned on the whole run, so a file of negatives alone is scored with the cut-off the answerable
    files allow: generous to the baseline, which is tuned on the very questions it is scored on.
    """
    answerable = [q for qs in questions.values() for q in qs if q.answerable]
    baseline.cutoff = None
    baseline.cutoff = baseline_cutoff((q, baseline.ask(q.question, k)) for q in answerable)
    files = [
        QuestionFile(path, score(qs, ours, k, quoted), score(qs, lambda q: baseline.ask(q, k), k, quoted))
        for path, qs in questions.items()
    ]
    return Run(files, baseline.cutoff)


def format_run(corpus: CorpusFigures, run: Run, figures_only: bool = False) -> str:
    """Each file's reports, table and verdict (under its name when there are several), then the cut-off."""
    several = len(run.files) > 1
    blocks = []
    for file in run.files:
        lines = [f"== {file.path} =="] if several else []
        lines += [
            format_report("Board Memory", file.ours, figures_only),
            format_report("Generic RAG baseline", file.theirs, figures_only),
            "",
            format_table(corpus, file.ours, file.theirs),
            verdict_line(compare(file.ours, file.theirs)),
        ]
        blocks.append("\n".join(lines))
    if several:
        ours, theirs = run.total("ours"), run.total("theirs")
        blocks.append(
            "\n".join(
                [
                    f"== all {len(run.files)} files ==",
                    f"Board Memory: {abstention_summary(ours.figures())}",
                    f"Generic RAG baseline: {abstention_summary(theirs.figures())}",
                    "",
                    format_table(corpus, ours, theirs),
                    verdict_line(compare(ours, theirs)),
                ]
            )
        )
    return "\n\n".join(blocks) + "\n" + cutoff_line(run.cutoff)


def _evaluate(
    config: Config,
    questions: Mapping[Path, list[Question]],
    out: Out,
    log: Out,
    as_json: bool,
    corpus: CorpusFigures | None,
    figures_only: bool = False,
) -> int:
    # Imported here so scoring stays usable (and testable) without loading the model stack.
    from retrieval.baseline import BM25Baseline, GenericBaseline
    from retrieval.service import load_service

    k = EVAL_K
    service = load_service(config, log=log)
    corpus = corpus or _memory_figures(service.engine)
    quoted = quoted_items(_item_texts(service.engine), [q for qs in questions.values() for q in qs])
    unheld = sorted(q for q, ids in quoted.items() if not ids)
    if figures_only and unheld:
        log(f"note: no item holds {len(unheld)} of the {len(quoted)} expected quotes")
    for quote in [] if figures_only else unheld:
        log(f"note: no item holds the expected quote {quote!r} (a mis-parse, or a wrong quote)")
    baseline = GenericBaseline.build(service.engine, service.embedder)
    run = score_files(questions, lambda q: service.searcher.ask(q, k).to_json(), baseline, k, quoted)
    keyword = BM25Baseline.build(service.engine)
    asked = [q for qs in questions.values() for q in qs]
    keyword.cutoff = baseline_cutoff((q, keyword.ask(q.question, k)) for q in asked if q.answerable)
    keyword_report = score(asked, lambda q: keyword.ask(q, k), k, quoted)
    if as_json:
        out(json.dumps(run.to_json(corpus) | {"bm25_baseline": keyword_report.to_json()}, indent=2, ensure_ascii=False))
    else:
        out(format_run(corpus, run, figures_only))
        # The plain keyword search over the same windows, on every question of the run.
        out(format_report("BM25 chunk baseline (all files)", keyword_report, figures_only=True))
    return 0


def cutoff_line(cutoff: float | None) -> str:
    """How the baseline's cut-off was set, for the printed report."""
    if cutoff is None:
        return "baseline cut-off: none (no answerable questions to tune it on); it always answers"
    return (
        f"baseline cut-off {cutoff:.4f}, tuned on these questions to "
        f"≤{MAX_FALSE_ABSTENTION:.0%} false abstention (abstains when its top similarity is below it)"
    )


def verdict_line(verdict: Mapping[str, list[str]]) -> str:
    """ "Board Memory is ahead on: …; level on: …; behind on: …"."""
    return (
        "Board Memory is ahead on: "
        + (", ".join(verdict["ahead"]) or "none")
        + (f"; level on: {', '.join(verdict['level'])}" if verdict["level"] else "")
        + (f"; behind on: {', '.join(verdict['behind'])}" if verdict["behind"] else "")
    )
