"""How well the structure of minutes is read: items, their titles and minute numbers, against a gold list.

A gold item is one unit of business a person found in a document: the first words printed at its start,
its printed heading (null when it prints none) and its label ("7", "21/044", "4.1"; null when none).
A stored item of that document matches a gold item when the gold item's first words open the stored
item's head (its title and the first words of its text) or stand in its title, in document order, one to one. From
the matches come item boundaries (precision, recall, F1), titles exact, minute numbers exact, and
whether titles the document never printed are marked as derived.

    python -m retrieval.structure_eval tests/fixtures/real/items.jsonl --corpus tests/fixtures/real
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# How much of a stored item's text counts as its head: the start of one item, not the body of
# the item before it, yet room for a number, a heading and a line of furniture before the words.
HEAD_CHARACTERS = 160
# The gold start's first words that must be found: enough to be one item's, few enough that a
# line wrapped or joined differently by a reader still matches.
START_WORDS = 8
# How far into an item's head its first words may stand: past a label or a stray line, not the item's body
# (a name listed in a meeting's opening is not the item about that person further down).
OPENING_SLACK = 60


@dataclass(frozen=True)
class GoldItem:
    """One item a person found in a document, in document order."""

    document: str
    n: int
    start: str
    title: str | None
    number: str | None
    parent: str | None = None


@dataclass(frozen=True)
class FoundItem:
    """One stored item of a document, as the structure score sees it."""

    title: str
    text: str
    number: str | None
    title_derived: bool

    @property
    def head(self) -> str:
        return folded(f"{self.title} {self.text[:HEAD_CHARACTERS]}")


@dataclass
class DocumentScore:
    """The matches of one document's gold items to its stored items."""

    document: str
    gold: list[GoldItem]
    found: list[FoundItem]
    pairs: list[tuple[GoldItem, FoundItem]] = field(default_factory=list)

    @property
    def missed(self) -> list[GoldItem]:
        matched = {g.n for g, _ in self.pairs}
        return [g for g in self.gold if g.n not in matched]


@dataclass
class StructureReport:
    """Every scored document, and the figures over them all."""

    documents: list[DocumentScore]
    unread: list[str] = field(default_factory=list)  # gold documents the memory holds no item of

    def figures(self) -> dict[str, float | int]:
        """Boundaries (precision, recall, F1), titles exact, numbers exact, derived titles marked."""
        gold = sum(len(d.gold) for d in self.documents)
        found = sum(len(d.found) for d in self.documents)
        pairs = [p for d in self.documents for p in d.pairs]
        precision = len(pairs) / found if found else 0.0
        recall = len(pairs) / gold if gold else 0.0
        titled = [(g, f) for g, f in pairs if g.title]
        numbered = [(g, f) for g, f in pairs if g.number or f.number]
        untitled = [(g, f) for g, f in pairs if not g.title]
        return {
            "documents": len(self.documents),
            "gold_items": gold,
            "found_items": found,
            "matched": len(pairs),
            "precision": precision,
            "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "titles_exact": sum(same_title(g.title, f.title) for g, f in titled),
            "titled": len(titled),
            "numbers_exact": sum(same_number(g.number, f.number, g.parent) for g, f in numbered),
            "numbered": len(numbered),
            "derived_marked": sum(f.title_derived for _, f in untitled),
            "untitled": len(untitled),
        }

    def recall_by(self) -> dict[str, tuple[int, int]]:
        """Gold items found of gold items, by kind (headed, untitled, sub-item) and by the document's format."""
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for document in self.documents:
            matched = {g.n for g, _ in document.pairs}
            fmt = _format_of(document.document)
            for item in document.gold:
                kind = "sub-items" if item.parent else "headed" if item.title else "untitled"
                for key in (kind, fmt):
                    counts[key][0] += item.n in matched
                    counts[key][1] += 1
        return {key: (found, total) for key, (found, total) in counts.items()}

    def formats(self) -> dict[str, FormatFigures]:
        """Each format's documents, items read and found, and documents of which no item was read."""
        figures: dict[str, FormatFigures] = defaultdict(FormatFigures)
        for document in self.documents:
            each = figures[_format_of(document.document)]
            each.documents += 1
            each.gold += len(document.gold)
            each.found += len(document.found)
            each.matched += len(document.pairs)
            if document.document in self.unread:
                each.unread += 1
                each.unread_gold += len(document.gold)
        return dict(figures)


@dataclass
class FormatFigures:
    """One format's share of a structure report: figures only, no document named."""

    documents: int = 0
    gold: int = 0
    found: int = 0
    matched: int = 0
    unread: int = 0  # documents of which no item was read (refused, or read as nothing)
    unread_gold: int = 0  # their gold items

    def line(self, name: str) -> str:
        precision = self.matched / self.found if self.found else 0.0
        line = f"{name}: {self.documents} documents, recall {self.matched}/{self.gold}, precision {precision:.2f}"
        return line + (f", none read from {self.unread} ({self.unread_gold} gold items)" if self.unread else "")


def _format_of(document: str) -> str:
    return Path(document).suffix.lstrip(".").casefold() or "text"


def folded(text: str) -> str:
    """Text as starts and heads are compared: markup marks, punctuation, case and spacing folded."""
    return " ".join(re.sub(r"[*_#`|•·–—\-:;.,()\[\]\"'“”‘’]+", " ", text).casefold().split())


def same_title(wanted: str | None, found: str | None) -> bool:
    """A title as printed, case, spacing and trailing punctuation aside."""
    return folded(wanted or "") == folded(found or "")


def bare_number(label: str | None) -> str:
    """A minute label without its dressing: "Minute 12." → "12", "(b)" → "b", "4.1" stays."""
    text = re.sub(r"^(?:minute|min|item|no)\b\.?\s*", "", (label or "").strip(), flags=re.IGNORECASE)
    return text.strip(" .:)(").casefold()


def same_number(wanted: str | None, found: str | None, parent: str | None = None) -> bool:
    """Whether a stored item's number is the gold one (none where the gold has none); a sub-item's
    may carry its parent's ("75/17a" for "a" under "75/17")."""
    if bare_number(wanted) == bare_number(found):
        return True
    return bool(parent and wanted) and bare_number(found) in {
        bare_number(f"{parent}{sep}{wanted}") for sep in ("", ".", "(", " ")
    }


def _opens(head: str, start: str) -> bool:
    """Whether the item's head opens with the start (a label, a date or a line of furniture before it aside)."""
    found = head.find(start)
    return 0 <= found <= OPENING_SLACK


def match_document(document: str, gold: Sequence[GoldItem], found: Sequence[FoundItem]) -> DocumentScore:
    """Pair gold items with stored items in document order: each stored item takes the first gold
    item not yet taken, at or after the last one taken, whose first words open it."""
    score = DocumentScore(document, list(gold), list(found))
    next_gold = 0
    for item in found:
        head = item.head
        for index in range(next_gold, len(gold)):
            start = " ".join(folded(gold[index].start).split()[:START_WORDS])
            if start and (_opens(head, start) or start in folded(item.title)):
                score.pairs.append((gold[index], item))
                next_gold = index + 1
                break
    return score


def load_gold_items(path: Path) -> list[GoldItem]:
    """The gold items of a JSON-lines file; a malformed line is reported with its file and line."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            items.append(
                GoldItem(
                    str(raw["document"]),
                    int(raw["n"]),
                    str(raw["start"]),
                    _text_or_none(raw.get("title")),
                    _text_or_none(raw.get("number")),
                    _text_or_none(raw.get("parent")),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: not a gold item ({error})") from error
    return items


def _text_or_none(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def score(gold: Iterable[GoldItem], found: Mapping[str, Sequence[FoundItem]]) -> StructureReport:
    """Score each gold document against the stored items of the document of that file name."""
    by_document: dict[str, list[GoldItem]] = defaultdict(list)
    for item in gold:
        by_document[item.document].append(item)
    report = StructureReport([])
    for document, items in by_document.items():
        items.sort(key=lambda g: g.n)
        if document not in found:
            report.unread.append(document)
        report.documents.append(match_document(document, items, found.get(document, [])))
    return report


def stored_items(engine) -> dict[str, list[FoundItem]]:
    """Every stored item, by the file name of its document, in document order."""
    from sqlmodel import Session, select

    from corpus.models import Document, Item

    found: dict[str, list[FoundItem]] = defaultdict(list)
    with Session(engine) as session:
        # The attendance list is the meeting's, not an item the document prints.
        rows = session.exec(
            select(Item, Document).where(Item.document_id == Document.id, Item.section != "attendance")
        ).all()
        for item, document in sorted(rows, key=lambda r: (r[1].path, r[0].line_start, r[0].position)):
            found[Path(document.path).name].append(
                FoundItem(item.title, item.text, item.minute_number or item.agenda_number, item.title_derived)
            )
    return found


def format_report(name: str, report: StructureReport, details: bool = False) -> str:
    """The figures on one line; with `details`, each document's misses and stray items."""
    f = report.figures()
    lines = [
        f"== {name} ==",
        f"items: precision {f['precision']:.2f} ({f['matched']}/{f['found_items']})  recall {f['recall']:.2f} "
        f"({f['matched']}/{f['gold_items']})  F1 {f['f1']:.2f}  titles exact {f['titles_exact']}/{f['titled']}  "
        f"numbers exact {f['numbers_exact']}/{f['numbered']}  derived titles marked "
        f"{f['derived_marked']}/{f['untitled']}  over {f['documents']} documents",
    ]
    by = report.recall_by()
    kinds = [k for k in ("headed", "untitled", "sub-items") if k in by]
    formats = sorted(k for k in by if k not in kinds)
    lines.append(
        "  recall by kind: "
        + ", ".join(f"{k} {by[k][0]}/{by[k][1]}" for k in kinds)
        + "; by format: "
        + ", ".join(f"{k} {by[k][0]}/{by[k][1]}" for k in formats)
    )
    if report.unread and not details:
        lines.append(f"  no items read from {len(report.unread)} of the documents")
    lines += [f"  {figures.line(name)}" for name, figures in sorted(report.formats().items())]
    lines += [f"  no items read from {document}" for document in report.unread if details]
    if details:
        for document in report.documents:
            lines.append(
                f"  {document.document}: {len(document.pairs)}/{len(document.gold)} found of "
                f"{len(document.found)} stored"
            )
            lines += [f"    missed   {g.number or '-'} {g.start[:70]!r}" for g in document.missed]
            lines += [
                f"    {'title' if not same_title(g.title, f.title) else 'number'}    "
                f"gold {g.number or '-'} {g.title!r}; stored {f.number or '-'} {f.title!r}"
                for g, f in document.pairs
                if (g.title and not same_title(g.title, f.title))
                or ((g.number or f.number) and not same_number(g.number, f.number))
            ]
    return "\n".join(lines)


def structure_of(folder: Path) -> dict[str, list[FoundItem]]:
    """Every stored item of the documents under `folder`, read into a memory of their own."""
    from retrieval.evaluate import read_folder

    return read_folder(folder, stored_items, "boardmem-structure-")


def main(argv: Sequence[str] | None = None) -> int:
    """Score the items read from a corpus against gold lists; print the report (or JSON)."""
    parser = argparse.ArgumentParser(prog="python -m retrieval.structure_eval", description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--details", action="store_true", help="list each document's misses")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    found = structure_of(args.corpus)
    reports = {str(path): score(load_gold_items(path), found) for path in args.gold}
    if args.json:
        print(json.dumps({name: report.figures() for name, report in reports.items()}, indent=2))
    else:
        print("\n\n".join(format_report(name, report, args.details) for name, report in reports.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())


def meeting_dates(engine, manifest: Path) -> str | None:
    """How many documents of a manifest with `meeting_date` were filed under that date: right, wrong, not read
    (None when the manifest gives no meeting's date)."""
    import tomllib

    from sqlmodel import Session, select

    from corpus.models import Document, Meeting, MeetingSource

    wanted = {
        name: entry["meeting_date"]
        for name, entry in tomllib.loads(manifest.read_text()).get("documents", {}).items()
        if "meeting_date" in entry
    }
    if not wanted:
        return None
    held: dict[str, set] = defaultdict(set)
    with Session(engine) as session:
        rows = session.exec(
            select(Document.path, Meeting.date).where(
                MeetingSource.document_id == Document.id,
                MeetingSource.meeting_id == Meeting.id,
                MeetingSource.role != "announced",
            )
        ).all()
    for path, day in rows:
        held[Path(path).name].add(day)
    right = sum(day in held[name] for name, day in wanted.items() if name in held)
    read = sum(name in held for name in wanted)
    return f"meeting dates: right {right}/{len(wanted)}, wrong {read - right}, not read {len(wanted) - read}"
