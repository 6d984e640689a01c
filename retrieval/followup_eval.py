"""How well follow-ups are read from minutes: precision and recall against a hand-made gold list.

A gold entry is one commitment of one document: the meeting date it was made at, a short phrase of it
as printed (`contains`), its owner as a reader would name them (or null) and, where the documents say,
whether it is done. An entry whose `contains` is null says only that its document was read and holds
no commitment, so anything derived from that meeting counts against precision.

A derived follow-up matches an entry when it was made at that meeting and the phrase appears (case and
spacing aside) in its text or in one of its history entries (an action-log row it absorbed). Only
follow-ups of the gold's meetings are scored. A second follow-up matching an entry already matched
is a duplicate: the same commitment shown twice counts against precision.

    python -m retrieval.followup_eval tests/fixtures/followups/real.jsonl --corpus tests/fixtures/real
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus.followups.views import ActionView
from corpus.language.names import strip_rank
from corpus.language.sentences import sentences


@dataclass(frozen=True)
class Gold:
    """One commitment a person found in a document (or, with no phrase, a document holding none)."""

    id: str
    date: dt.date
    contains: str | None
    owner: str | None = None
    status: str | None = None  # "open" / "done", only where the documents say
    owner_full: str | None = None  # the full name an initial or first name stands for, where known

    def owned_by(self, found: str | None) -> bool:
        """Whether a found owner names this commitment's owner, as printed or in full."""
        return same_owner(self.owner, found) or (self.owner_full is not None and same_owner(self.owner_full, found))


@dataclass
class FollowupReport:
    """Matches, misses, spurious follow-ups and duplicates, with the figures they give."""

    gold: list[Gold]
    matched: dict[str, ActionView] = field(default_factory=dict)
    spurious: list[ActionView] = field(default_factory=list)
    duplicates: list[ActionView] = field(default_factory=list)

    @property
    def commitments(self) -> list[Gold]:
        return [g for g in self.gold if g.contains]

    @property
    def scored(self) -> int:
        return len(self.matched) + len(self.spurious) + len(self.duplicates)

    def figures(self) -> dict[str, float | int]:
        """precision, recall, owner and status accuracy, and the counts behind them."""
        pairs = [(g, self.matched[g.id]) for g in self.commitments if g.id in self.matched]
        stated = [(g, v) for g, v in pairs if g.status]
        return {
            "precision": len(self.matched) / self.scored if self.scored else 1.0,
            "recall": len(self.matched) / len(self.commitments) if self.commitments else 1.0,
            "owner_accuracy": sum(g.owned_by(v.owner) for g, v in pairs) / len(pairs) if pairs else 1.0,
            "status_accuracy": (
                sum((g.status == "done") == (v.status == "done") for g, v in stated) / len(stated) if stated else 1.0
            ),
            "gold": len(self.commitments),
            "derived": self.scored,
            "matched": len(self.matched),
            "duplicates": len(self.duplicates),
        }


def load_gold(path: Path) -> list[Gold]:
    """The gold entries of a JSON-lines file; a malformed line is reported with its file and line."""
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            entries.append(
                Gold(
                    raw["id"],
                    dt.date.fromisoformat(raw["source"]["date"]),
                    raw.get("contains"),
                    raw.get("owner"),
                    raw.get("status"),
                    raw.get("owner_full"),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: not a gold follow-up ({error})") from error
    return entries


def folded(text: str) -> str:
    """Text as phrases are compared: spacing and case folded."""
    return re.sub(r"\s+", " ", text).casefold()


def same_owner(wanted: str | None, found: str | None) -> bool:
    """Owners compared as a reader would: case, a leading "the", a title ("Cllr"), a handle's "@" and "&" for
    "and" aside."""

    def bare(name: str | None) -> str:
        plain = strip_rank(re.sub(r"^(?:the\s+|@)", "", (name or "").strip(), flags=re.IGNORECASE))
        return folded(re.sub(r"\s*&\s*", " and ", re.sub(r"\s*/\s*", "/", plain))).strip()

    return bare(wanted) == bare(found)


_PART_WORDS = 3


def parts(phrase: str) -> list[str]:
    """A gold phrase copied across a sentence's end ("… on the website. Jo will email the members"): its parts of
    a few words each, any of which a follow-up read sentence by sentence may show; the whole phrase otherwise."""
    pieces = [piece.strip(" .") for piece in sentences(phrase)]
    kept = [folded(piece) for piece in pieces if len(piece.split()) >= _PART_WORDS]
    return kept if len(pieces) > 1 and kept else [folded(phrase)]


def _phrases(contains: str, by_parts: bool) -> list[str]:
    return parts(contains) if by_parts else [folded(contains)]


def score(views: Sequence[ActionView], gold: Sequence[Gold], by_parts: bool = False) -> FollowupReport:
    """Each derived follow-up of the gold's meetings matched to the first gold entry it shows (`by_parts`: or a
    part of it, where its phrase crosses a sentence's end)."""
    report = FollowupReport(list(gold))
    dates = {g.date for g in gold}
    for view in views:
        if view.source.meeting_date not in dates:
            continue
        texts = [folded(view.text), *(folded(h.text) for h in view.history)]
        hits = [
            g
            for g in report.commitments
            if g.date == view.source.meeting_date
            and any(
                phrase in t
                for t in texts
                for phrase in (parts(g.contains or "") if by_parts else [folded(g.contains or "")])
            )
        ]
        fresh = [g for g in hits if g.id not in report.matched]
        if fresh:
            report.matched[fresh[0].id] = view
        elif hits:
            report.duplicates.append(view)
        else:
            report.spurious.append(view)
    return report


def format_report(name: str, report: FollowupReport, by_parts: FollowupReport | None = None) -> str:
    """The figures (and, given `by_parts`, those matching a phrase that crosses a sentence by its parts), then
    what was missed, what was found that is no commitment, and what came twice."""
    f = report.figures()
    lines = [
        f"== {name} ==",
        f"precision {f['precision']:.2f} ({f['matched']}/{f['derived']})  recall {f['recall']:.2f} "
        f"({f['matched']}/{f['gold']})  owner {f['owner_accuracy']:.2f}  status {f['status_accuracy']:.2f}",
    ]
    if by_parts is not None:
        p = by_parts.figures()
        lines.append(
            f"  a phrase across a sentence's end matched by its parts: precision {p['precision']:.2f} "
            f"({p['matched']}/{p['derived']})  recall {p['recall']:.2f} ({p['matched']}/{p['gold']})  "
            f"owner {p['owner_accuracy']:.2f}"
        )
    for g in report.commitments:
        if g.id not in report.matched:
            lines.append(f"missed    {g.id} {g.date} {g.contains}")
        elif not g.owned_by(report.matched[g.id].owner):
            lines.append(f"owner     {g.id} {report.matched[g.id].owner!r} (gold {g.owner!r})")
    lines += [f"spurious  {v.ref} {v.source.citation}: {v.text[:100]}" for v in report.spurious]
    lines += [f"duplicate {v.ref} {v.source.citation}: {v.text[:100]}" for v in report.duplicates]
    return "\n".join(lines)


def follow_ups_in(engine) -> list[ActionView]:
    """Every follow-up of a memory, as a member would list them."""
    from sqlmodel import Session

    from corpus.followups.views import list_actions

    with Session(engine) as session:
        return list_actions(session)


def follow_ups_of(folder: Path) -> list[ActionView]:
    """Every follow-up of the documents under `folder`, read into a memory of their own."""
    from retrieval.evaluate import read_folder

    return read_folder(folder, follow_ups_in, "boardmem-followups-")


def main(argv: Sequence[str] | None = None) -> int:
    """Score the follow-ups of a corpus against gold lists; print the report (or JSON)."""
    parser = argparse.ArgumentParser(prog="python -m retrieval.followup_eval", description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    views = follow_ups_of(args.corpus)
    golds = {str(path): load_gold(path) for path in args.gold}
    reports = {name: score(views, gold) for name, gold in golds.items()}
    if args.json:
        print(json.dumps({name: report.figures() for name, report in reports.items()}, indent=2))
    else:
        print(
            "\n\n".join(
                format_report(name, report, score(views, golds[name], by_parts=True))
                for name, report in reports.items()
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
