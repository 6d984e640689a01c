"""Scoring answers against a question file, for Board Memory and the generic baseline alike.

Every system is scored from the JSON of its answers, so the product and the baseline are
measured by the same code on the same terms.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus.settings import Config

Answerer = Callable[[str], dict]
Out = Callable[[str], None]

NO_CITATION = "no citation in top k"
NOT_FIRST = "not at rank 1"
FACT_MISSING = "fact missing"
SHOULD_ABSTAIN = "should have abstained"
WRONG_ABSTAIN = "abstained wrongly"
# Fixed rather than the `results` setting, so figures stay comparable from run to run.
EVAL_K = 5


@dataclass(frozen=True)
class Expectation:
    """A citation that counts as right: the meeting's date, and its minute number or part of its title."""

    date: dt.date
    minute: str | None = None
    title: str | None = None

    def __str__(self) -> str:
        if self.minute:
            return f"{self.date} minute {self.minute}"
        return f'{self.date} "{self.title}"' if self.title else str(self.date)


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    expect: tuple[Expectation, ...]
    facts: tuple[str, ...]

    @property
    def answerable(self) -> bool:
        return bool(self.expect)


@dataclass(frozen=True)
class Outcome:
    """How one answer fared: where the first right citation was, and what went wrong."""

    question: Question
    answered: bool
    first_match: int | None  # 1-based rank within the top k
    facts_found: bool
    citations: tuple[str, ...]  # the top 3, as returned
    failures: tuple[str, ...]


@dataclass
class Report:
    k: int
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def answerable(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.question.answerable]

    @property
    def unanswerable(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.question.answerable]

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.failures]

    def figures(self) -> dict[str, float | int]:
        answerable, unanswerable = self.answerable, self.unanswerable
        n = len(answerable) or 1  # an empty share is 0, not a division error
        return {
            "answerable": len(answerable),
            "cite@1": sum(o.first_match == 1 for o in answerable) / n,
            f"cite@{self.k}": sum(o.first_match is not None for o in answerable) / n,
            "mrr": sum(1 / o.first_match for o in answerable if o.first_match) / n,
            f"fact@{self.k}": sum(o.facts_found for o in answerable) / n,
            "abstained": sum(not o.answered for o in unanswerable),
            "unanswerable": len(unanswerable),
            "abstained_wrongly": sum(not o.answered for o in answerable),
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
        Expectation(dt.date.fromisoformat(e["date"]), _optional_str(e.get("minute")), _optional_str(e.get("title")))
        for e in raw["expect"]
    )
    if not isinstance(raw["question"], str) or not raw["question"].strip():
        raise ValueError("empty question")
    if any(e.minute is None and e.title is None for e in expect):
        raise ValueError("an expectation needs a minute or a title")
    facts = raw.get("facts", [])
    if not all(isinstance(f, str) for f in facts):
        raise ValueError("facts must be strings")
    return Question(str(raw["id"]), raw["question"], expect, tuple(facts))


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def matches(result: dict, expectation: Expectation) -> bool:
    """Same meeting, and the same minute or a title containing the expected one."""
    if result.get("meeting_date") != expectation.date.isoformat():
        return False
    if expectation.minute is not None and result.get("minute") == expectation.minute:
        return True
    title = result.get("item_title") or ""
    return expectation.title is not None and expectation.title.casefold() in title.casefold()


def citation(result: dict) -> str:
    """ "2016-06-08 m86 Domestic Homicide Reviews", short enough for a miss line."""
    minute = f" m{result['minute']}" if result.get("minute") else ""
    return f"{result.get('meeting_date')}{minute} {result.get('item_title', '')}".strip()


def outcome(question: Question, answer: dict, k: int) -> Outcome:
    """Score one answer to one question."""
    answered = bool(answer.get("answered"))
    top = list(answer.get("results", []))[:k] if answered else []
    citations = tuple(citation(r) for r in top[:3])
    if not question.answerable:
        failures = (SHOULD_ABSTAIN,) if answered else ()
        return Outcome(question, answered, None, True, citations, failures)
    first = next((rank for rank, r in enumerate(top, start=1) if any(matches(r, e) for e in question.expect)), None)
    # Text only: resolutions repeat across an item's results and would flatter the passage shown.
    text = "\n".join(r.get("text", "") for r in top).casefold()
    facts_found = all(fact.casefold() in text for fact in question.facts)
    if not answered:
        failures: tuple[str, ...] = (WRONG_ABSTAIN,)
    else:
        placed = () if first == 1 else (NOT_FIRST,) if first else (NO_CITATION,)
        failures = placed + (() if facts_found else (FACT_MISSING,))
    return Outcome(question, answered, first, facts_found, citations, failures)


def score(questions: Sequence[Question], answer: Answerer, k: int = 5) -> Report:
    """Ask every question and score the answers."""
    return Report(k, [outcome(q, answer(q.question), k) for q in questions])


def format_report(name: str, report: Report) -> str:
    """Figures on two lines, then one line per miss."""
    f = report.figures()
    k = report.k
    lines = [
        f"{name}: cite@1 {f['cite@1']:.2f}  cite@{k} {f[f'cite@{k}']:.2f}  MRR {f['mrr']:.2f}  "
        f"fact@{k} {f[f'fact@{k}']:.2f}  over {f['answerable']} answerable",
        f"  abstention {f['abstained']}/{f['unanswerable']} on unanswerable; "
        f"abstained wrongly on {f['abstained_wrongly']} answerable; {len(report.misses)} misses",
    ]
    for o in report.misses:
        expected = " | ".join(str(e) for e in o.question.expect) or "no answer"
        returned = " | ".join(o.citations) or "nothing"
        lines.append(
            f"  {o.question.id} [{', '.join(o.failures)}] {o.question.question!r} expected {expected}; got {returned}"
        )
    return "\n".join(lines)


def compare(ours: Report, theirs: Report) -> dict[str, list[str]]:
    """Which figures `ours` is ahead on, level on and behind on (higher is better on all)."""
    keys = ["cite@1", f"cite@{ours.k}", "mrr", f"fact@{ours.k}", "abstained"]
    a, b = ours.figures(), theirs.figures()
    verdict: dict[str, list[str]] = {"ahead": [], "level": [], "behind": []}
    for key in keys:
        side = "ahead" if a[key] > b[key] + 1e-9 else "behind" if a[key] < b[key] - 1e-9 else "level"
        verdict[side].append("abstention" if key == "abstained" else key)
    return verdict


def run_eval(config: Config, path: Path, out: Out = print, as_json: bool = False) -> int:
    """Score Board Memory and the generic baseline on the question file; print both and who leads."""
    # Imported here so scoring stays usable (and testable) without loading the model stack.
    from retrieval.baseline import GenericBaseline
    from retrieval.service import load_service

    questions = load_questions(path)
    k = EVAL_K
    log: Out = (lambda line: print(line, file=sys.stderr)) if as_json else out  # keep stdout pure JSON
    service = load_service(config, log=log)
    ours = score(questions, lambda q: service.searcher.ask(q, k).to_json(), k)
    baseline = GenericBaseline.build(service.engine, service.embedder)
    theirs = score(questions, lambda q: baseline.ask(q, k), k)
    verdict = compare(ours, theirs)
    if as_json:
        document = {"board_memory": ours.to_json(), "baseline": theirs.to_json(), "comparison": verdict}
        out(json.dumps(document, indent=2, ensure_ascii=False))
        return 0
    out(format_report("Board Memory", ours))
    out(format_report("Generic RAG baseline", theirs))
    out(
        "Board Memory is ahead on: "
        + (", ".join(verdict["ahead"]) or "none")
        + (f"; level on: {', '.join(verdict['level'])}" if verdict["level"] else "")
        + (f"; behind on: {', '.join(verdict['behind'])}" if verdict["behind"] else "")
    )
    return 0
