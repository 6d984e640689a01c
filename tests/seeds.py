"""The bundled seed documents, as tests refer to them."""

from __future__ import annotations

from pathlib import Path

from corpus.manifest import load_manifest
from corpus.parsed import ParsedDocument
from corpus.shapes import parse_text

BUNDLED = Path(__file__).resolve().parent.parent / "corpus" / "bundled"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The shared specification of the seeds, vendored (see its README) so no quality test can skip.
SEED_EVAL = FIXTURES / "seed_eval"


def seed(prefix: str) -> Path:
    """The bundled seed document whose name starts with `prefix` ("000" … "004")."""
    return next(BUNDLED.glob(f"{prefix}_*.txt"))


def parse_seed(prefix: str) -> ParsedDocument:
    """A seed parsed with the hints its manifest gives, as ingest would."""
    path = seed(prefix)
    hints = load_manifest(BUNDLED / "manifest.toml").hints_for(path)
    return parse_text(path.read_text(encoding="utf-8"), str(path), date=hints.date, body=hints.body)
