"""Would a learned reading of commitment sentences beat the rules? Measured on gold follow-ups, each body's
minutes held out in turn, so the learned figures are those of minutes the model has not seen.

Every sentence the extractor weighs (corpus/followups/extract.py `candidates`) is labelled by the gold kept
beside its documents: a sentence holding a gold phrase of its meeting is a commitment. The model is a small
logistic one over the sentence's words and word pairs (names, initials and numbers by their shape only),
its item's title, its length and the rules' own verdict, keeping only features that minutes of several
bodies use. It is printed beside the rules at each threshold, alone and added to the rules. The rules were
written against the development half, so their figures there flatter them: the learned figures are the
fairer ones, and the model is worth keeping only if it adds found gold without diluting precision.

    python -m retrieval.commitment_learning tests/fixtures/boards_dev
    python -m retrieval.commitment_learning tests/fixtures/boards_dev --against tests/fixtures/boards_heldout
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

from corpus.followups.extract import ItemText, candidates, read_by_rules
from retrieval.followup_eval import Gold, folded, load_gold

MIN_BODIES = 3  # a feature is kept only when minutes of this many bodies use it: how minutes speak, not who
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
_C = 2.0  # the logistic model's inverse regularisation
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*|\d+|[:;()\[\]–-]")
_INITIALS = re.compile(r"[A-Z]{2,4}")


def _shape(token: str, first: bool) -> str:
    """Initials, numbers and capitalised words (names, places, bodies) by their shape only."""
    if _INITIALS.fullmatch(token):
        return "_INI"
    if token.isdigit():
        return "_NUM"
    return "_CAP" if token[0].isupper() and not first else token.lower()


def words(text: str) -> list[str]:
    """The text's tokens, shaped."""
    return [_shape(token, n == 0) for n, token in enumerate(_TOKEN.findall(text))]


@dataclass(frozen=True)
class Labelled:
    """One sentence the extractor weighs, with its body, its item's title and the gold phrases it holds."""

    body: str
    sentence: str
    title: str
    rule: bool
    gold: tuple[str, ...]

    def features(self) -> set[str]:
        """Words and word pairs (with the sentence's start and end), title words, the rules' verdict, length."""
        tokens = ["<s>", *words(self.sentence), "</s>"]
        found = set(tokens) | {f"{a} {b}" for a, b in pairwise(tokens)}
        found |= {f"T:{word}" for word in words(self.title)}
        return found | {f"RULE={self.rule}", f"LEN={min(len(self.sentence.split()) // 5, 8)}"}


def labelled_sentences(folder: Path) -> tuple[list[Labelled], list[Gold]]:
    """The sentences of the documents under `folder` (read as ingest reads them), labelled by its gold."""
    from retrieval.evaluate import read_folder

    gold = [g for g in load_gold(folder / "followups.jsonl") if g.contains]
    return read_folder(folder, lambda engine: _labelled(engine, gold), "boardmem-learning-"), gold


def _labelled(engine, gold: Sequence[Gold]) -> list[Labelled]:
    from sqlmodel import Session

    from corpus.followups.memory import load

    with Session(engine) as session:
        memory = load(session)
    rows = []
    for item in sorted(memory.items.values(), key=lambda i: i.id or 0):
        if item.section != "minutes":
            continue
        meeting = memory.meetings[item.meeting_id]
        decided = tuple(memory.resolutions.get(item.id or 0, []))
        text = ItemText(item.id or 0, meeting.id or 0, meeting.date, item.text, decided, item.title)
        phrases = [(g.id, folded(g.contains or "")) for g in gold if g.date == meeting.date]
        for _, sentence in candidates(text):
            held = tuple(gid for gid, phrase in phrases if phrase in folded(sentence))
            rule = read_by_rules(sentence, meeting.date)
            rows.append(Labelled(memory.boards[meeting.body_id], sentence, item.title, rule, held))
    return rows


def fit(rows: Sequence[Labelled]) -> Callable[[Labelled], float]:
    """A logistic model over the features minutes of at least MIN_BODIES bodies use: a row's probability."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import normalize

    used: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for feature in row.features():
            used[feature].add(row.body)
    kept = {f for f, bodies in used.items() if len(bodies) >= MIN_BODIES}
    vectoriser = DictVectorizer()
    matrix = normalize(vectoriser.fit_transform([dict.fromkeys(row.features() & kept, 1) for row in rows]))
    model = LogisticRegression(C=_C, class_weight="balanced", max_iter=5000).fit(matrix, [bool(r.gold) for r in rows])

    def probability(row: Labelled) -> float:
        return float(model.predict_proba(normalize(vectoriser.transform([dict.fromkeys(row.features(), 1)])))[0, 1])

    return probability


def held_out_probabilities(rows: Sequence[Labelled]) -> list[float]:
    """Each sentence's probability from a model trained without its body's minutes."""
    bodies = sorted({row.body for row in rows})
    folds = min(10, len(bodies))
    probability = [0.0] * len(rows)
    for fold in range(folds):
        out = {b for n, b in enumerate(bodies) if n % folds == fold}
        model = fit([row for row in rows if row.body not in out])
        for n, row in enumerate(rows):
            if row.body in out:
                probability[n] = model(row)
    return probability


@dataclass(frozen=True)
class Reading:
    """How one way of reading fares: sentences flagged, flagged rightly, and gold phrases found."""

    name: str
    flagged: int
    right: int
    found: int
    gold: int

    @property
    def precision(self) -> float:
        return self.right / self.flagged if self.flagged else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    def line(self) -> str:
        return (
            f"{self.name:<30} precision {self.precision:.2f} ({self.right}/{self.flagged})  "
            f"gold recall {self.recall:.2f} ({self.found}/{self.gold})"
        )


def reading(name: str, rows: Sequence[Labelled], flagged: Sequence[bool], gold: int) -> Reading:
    """The figures of flagging `flagged` of `rows`."""
    hits = [row for row, flag in zip(rows, flagged, strict=True) if flag]
    found = {g for row in hits for g in row.gold}
    return Reading(name, len(hits), sum(bool(row.gold) for row in hits), len(found), gold)


def compare(rows: Sequence[Labelled], gold: int, trained_on: Sequence[Labelled] = ()) -> list[Reading]:
    """The rules; the model (told the rules' verdict, and blind to it) alone and added to the rules: trained
    on `trained_on` when given (another half's minutes), else on the other bodies' minutes in turn."""
    rules = [row.rule for row in rows]
    readings = [reading("rules", rows, rules, gold)]
    for name, blind in (("model", False), ("blind model", True)):
        shown = [replace(r, rule=False) for r in rows] if blind else list(rows)
        if trained_on:
            model = fit([replace(r, rule=False) for r in trained_on] if blind else trained_on)
            probability = [model(row) for row in shown]
        else:
            probability = held_out_probabilities(shown)
        for t in THRESHOLDS:
            readings.append(reading(f"{name} ≥ {t}", rows, [p >= t for p in probability], gold))
            union = [r or p >= t for r, p in zip(rules, probability, strict=True)]
            readings.append(reading(f"rules or {name} ≥ {t}", rows, union, gold))
            # The model as a check on the rules: a sentence the rules flag is kept only if the model agrees.
            both = [r and p >= t for r, p in zip(rules, probability, strict=True)]
            readings.append(reading(f"rules and {name} ≥ {t}", rows, both, gold))
    return readings


def main(argv: Sequence[str] | None = None) -> int:
    """Print the rules' figures and the learned model's, each body held out in turn."""
    parser = argparse.ArgumentParser(
        prog="python -m retrieval.commitment_learning", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "corpus", type=Path, nargs="+", help="folders of documents, each with followups.jsonl beside them"
    )
    parser.add_argument(
        "--against", type=Path, help="score on this folder instead, the model trained on CORPUS (figures only)"
    )
    args = parser.parse_args(argv)
    rows, gold = [], []
    for folder in args.corpus:
        more_rows, more_gold = labelled_sentences(folder)
        rows, gold = rows + more_rows, gold + more_gold
    trained_on: list[Labelled] = []
    if args.against:
        trained_on, (rows, gold) = rows, labelled_sentences(args.against)
    bodies, holding = len({r.body for r in rows}), sum(bool(r.gold) for r in rows)
    print(f"{len(rows)} sentences of {bodies} bodies, {holding} holding {len(gold)} gold phrases")
    for line in compare(rows, len(gold), trained_on):
        print(line.line())
    folds = f"trained on {', '.join(map(str, args.corpus))}" if args.against else "folds by body"
    print(f"(features used by minutes of {MIN_BODIES}+ bodies; {folds}; sentence precision, gold recall)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
