"""The index's chunks and items on disk, read row by row: nothing of the corpus is held whole in memory.

Per chunk row: its chunk id, item id, position, kind, content key and meeting day, as arrays,
and its text in one UTF-8 file at recorded offsets. Per item: its record as a JSON line at a
recorded offset (its text left out: chunks hold it), its day and minute number as arrays.
Everything is memory-mapped; a row's Chunk or an item's record is made when asked for.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import numpy as np

from retrieval.chunks import Chunk, ItemRecord, header

KEY_BYTES = 32
COPY_BLOCK = 1 << 24  # bytes read at a time where the kernel cannot copy a file's bytes itself
CACHED = 8192  # rows and items kept once read: what recent questions touched, not the corpus


def _load(path: Path) -> np.ndarray:
    # A plain array over the mapping: np.memmap's own indexing costs microseconds a call, on the search path.
    return np.asarray(np.load(path, mmap_mode="r"))


def _bytes(path: Path) -> np.ndarray:
    """A file's bytes, memory-mapped (an empty file cannot be mapped, so it reads as no bytes)."""
    if path.stat().st_size == 0:
        return np.zeros(0, np.uint8)
    return np.memmap(path, dtype=np.uint8, mode="r")


def runs(rows: np.ndarray) -> list[tuple[int, int]]:
    """Rows as runs of consecutive numbers, each (first, last + 1): carried over a run at a time."""
    if not len(rows):
        return []
    rows = np.asarray(rows, np.int64)
    breaks = np.flatnonzero(np.diff(rows) != 1) + 1
    firsts, lasts = np.concatenate(([0], breaks)), np.concatenate((breaks, [len(rows)])) - 1
    return list(zip(rows[firsts].tolist(), (rows[lasts] + 1).tolist(), strict=True))


def copy_span(source: Path, target: BinaryIO, start: int, end: int) -> None:
    """Append bytes [start, end) of the file `source` to `target`, in the kernel where it can: a large
    index's text and vectors are carried over without passing through (and swelling) this process."""
    target.flush()
    position = target.tell()
    with source.open("rb") as reader:
        try:
            while start < end:
                sent = os.copy_file_range(reader.fileno(), target.fileno(), end - start, start, position)
                if not sent:
                    break
                start, position = start + sent, position + sent
        except OSError:
            pass  # not on this kernel or file system: read and written below
        while start < end:
            block = os.pread(reader.fileno(), min(COPY_BLOCK, end - start), start)
            if not block:
                raise ValueError(f"{source}: ends at byte {start}, before {end}")
            os.pwrite(target.fileno(), block, position)
            start, position = start + len(block), position + len(block)
    target.seek(position)


def link_to_length(source: Path, target: Path, length: int) -> None:
    """Hard-link `source` as `target`, cut back to `length` bytes: an append-only file another index
    reads up to `length` (what lies beyond is left by an update that never finished). Raises OSError
    where files cannot be linked."""
    os.link(source, target)
    os.truncate(target, length)


def record_row(record: ItemRecord, chunk_header: str) -> dict:
    """An item's JSON line: its record without its text (the chunks hold it), and the header its chunks
    were indexed with (kept as it was, so a later removal takes back exactly the terms it added)."""
    row = dataclasses.asdict(record) | {"text": "", "meeting_date": record.meeting_date.isoformat()}
    return row | {"chunk_header": chunk_header}


def record_of(line: bytes | str) -> tuple[ItemRecord, str]:
    """An item's record and its chunks' header, from its JSON line."""
    row = json.loads(line)
    chunk_header = row.pop("chunk_header")
    row["meeting_date"] = dt.date.fromisoformat(row["meeting_date"])
    row["resolutions"] = tuple(row["resolutions"])
    return ItemRecord(**row), chunk_header


class ItemTable(Mapping[int, ItemRecord]):
    """Item id → its record (text left out), read from disk when first asked for."""

    COLUMNS = ("ids", "offsets", "days", "minutes", "documents")

    def __init__(self, columns: dict[str, np.ndarray], lines: np.ndarray, path: Path):
        self.ids, self.offsets, self.days = columns["ids"], columns["offsets"], columns["days"]
        self.minutes, self.documents = columns["minutes"], columns["documents"]
        self._lines = lines
        self.path = path  # the lines' file, to carry them over byte for byte
        self._read = lru_cache(maxsize=CACHED)(self._record)

    @classmethod
    def load(cls, folder: Path) -> ItemTable:
        columns = {name: _load(folder / f"item_{name}.npy") for name in cls.COLUMNS}
        return cls(columns, _bytes(folder / "items.jsonl"), folder / "items.jsonl")

    def _position(self, item_id: int) -> int | None:
        position = int(np.searchsorted(self.ids, item_id))
        return position if position < len(self.ids) and self.ids[position] == item_id else None

    def _record(self, item_id: int) -> tuple[ItemRecord, str] | None:
        position = self._position(item_id)
        if position is None:
            return None
        return record_of(self._lines[self.offsets[position] : self.offsets[position + 1]].tobytes())

    def __getitem__(self, item_id: int) -> ItemRecord:
        return self._found(item_id)[0]

    def header(self, item_id: int) -> str:
        """The header the item's chunks were indexed with."""
        return self._found(item_id)[1]

    def _found(self, item_id: int) -> tuple[ItemRecord, str]:
        found = self._read(int(item_id))
        if found is None:
            raise KeyError(item_id)
        return found

    def __contains__(self, item_id: object) -> bool:
        return isinstance(item_id, int | np.integer) and self._read(int(item_id)) is not None

    def __iter__(self) -> Iterator[int]:
        return (int(i) for i in self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def line(self, position: int) -> bytes:
        return self._lines[self.offsets[position] : self.offsets[position + 1]].tobytes()


class ChunkTable(Sequence[Chunk]):
    """Row → Chunk, its text read from disk when asked for; rows in ascending chunk id."""

    def __init__(self, columns: dict[str, np.ndarray], texts: np.ndarray, items: ItemTable, path: Path):
        self.ids = columns["ids"]
        self.item_ids = columns["item_ids"]
        self.positions = columns["positions"]
        self.kinds = columns["kinds"]
        self.keys = columns["keys"]
        self.days = columns["days"]
        self.offsets = columns["offsets"]
        self._texts = texts
        self.path = path  # the texts' file, to carry them over byte for byte
        self._items = items
        self._chunk = lru_cache(maxsize=CACHED)(self._make)

    COLUMNS = ("ids", "item_ids", "positions", "kinds", "keys", "days", "offsets")

    @classmethod
    def load(cls, folder: Path, items: ItemTable) -> ChunkTable:
        columns = {name: _load(folder / f"chunk_{name}.npy") for name in cls.COLUMNS}
        return cls(columns, _bytes(folder / "texts.bin"), items, folder / "texts.bin")

    def __len__(self) -> int:
        return len(self.ids)

    def text(self, row: int) -> str:
        return self._texts[self.offsets[row] : self.offsets[row + 1]].tobytes().decode("utf-8")

    def __getitem__(self, row):  # type: ignore[override]  # slices are not needed: rows only
        row = int(row)
        if row < 0:
            row += len(self)
        if not 0 <= row < len(self):
            raise IndexError(row)
        return self._chunk(row)

    def _make(self, row: int) -> Chunk:
        item_id = int(self.item_ids[row])
        return Chunk(
            item_id, str(self.kinds[row]), int(self.positions[row]), self._items.header(item_id), self.text(row)
        )

    def __iter__(self) -> Iterator[Chunk]:
        return (self[row] for row in range(len(self)))

    def key(self, row: int) -> str:
        return self.keys[row].decode("ascii")


@dataclass
class TableWriter:
    """Writes the chunk and item tables a batch at a time (the text file grows; arrays at the end)."""

    folder: Path

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        # Appended to: a new folder's files are empty; an extending update's were linked in (see adopt).
        self._texts = (self.folder / "texts.bin").open("ab")
        self._lines = (self.folder / "items.jsonl").open("ab")
        self._columns: dict[str, list[np.ndarray]] = {name: [] for name in ChunkTable.COLUMNS}
        self._text_end = 0
        self._line_end = 0
        self._item_columns: dict[str, list[np.ndarray]] = {name: [] for name in ItemTable.COLUMNS}

    def add_chunks(self, ids: Sequence[int], chunks: Sequence[Chunk], days: Sequence[int]) -> None:
        encoded = [c.text.encode("utf-8") for c in chunks]
        self._texts.write(b"".join(encoded))
        self._add_chunk_columns(
            ids,
            [c.item_id for c in chunks],
            [c.position for c in chunks],
            [c.kind for c in chunks],
            [c.key for c in chunks],
            days,
            np.fromiter((len(e) for e in encoded), np.int64, len(encoded)),
        )

    def _add_chunk_columns(self, ids, item_ids, positions, kinds, keys, days, lengths: np.ndarray) -> None:
        """The columns of chunks whose texts (of these byte lengths) were just written."""
        columns = self._columns
        columns["ids"].append(np.asarray(ids, np.int64))
        columns["item_ids"].append(np.asarray(item_ids, np.int64))
        columns["positions"].append(np.asarray(positions, np.int32))
        columns["kinds"].append(np.asarray(kinds, dtype="U12"))
        columns["keys"].append(np.asarray(keys, dtype=f"S{KEY_BYTES}"))
        columns["days"].append(np.asarray(days, np.int64))
        columns["offsets"].append(self._text_end + np.cumsum(lengths) - lengths)
        self._text_end += int(lengths.sum())

    def adopt(self, chunks: ChunkTable, items: ItemTable) -> None:
        """Take every row and item of these tables as they are: their texts and lines are already this
        writer's files (hard-linked in, ending where the tables end), so only their columns are added."""
        self._add_item_columns(
            np.diff(items.offsets),
            {name: np.asarray(getattr(items, name)) for name in ("ids", "days", "minutes", "documents")},
        )
        self._add_chunk_columns(
            chunks.ids,
            chunks.item_ids,
            chunks.positions,
            chunks.kinds,
            chunks.keys,
            chunks.days,
            np.diff(chunks.offsets),
        )
        self._texts.flush()
        self._lines.flush()
        if (self._text_end, self._line_end) != (self._texts.tell(), self._lines.tell()):
            raise ValueError(f"{self.folder}: the linked texts or lines do not end where their tables do")

    def copy_chunks(self, table: ChunkTable, rows: np.ndarray) -> None:
        """Carry rows of an existing table over unchanged (their text copied byte for byte, a run of
        consecutive rows at a time)."""
        rows = np.asarray(rows, np.int64)
        for first, end in runs(rows):
            copy_span(table.path, self._texts, int(table.offsets[first]), int(table.offsets[end]))
        self._add_chunk_columns(
            table.ids[rows],
            table.item_ids[rows],
            table.positions[rows],
            table.kinds[rows],
            table.keys[rows],
            table.days[rows],
            table.offsets[rows + 1] - table.offsets[rows],
        )

    def add_items(self, records: Sequence[ItemRecord], headers: Mapping[int, str]) -> None:
        """New items, with the header their chunks carry (by item id; the item's own header if none)."""
        lines = [
            (json.dumps(record_row(r, headers.get(r.item_id) or header(r)), ensure_ascii=False) + "\n").encode()
            for r in records
        ]
        columns = {
            "ids": np.array([r.item_id for r in records], np.int64),
            "days": np.array([r.meeting_date.toordinal() for r in records], np.int64),
            "minutes": np.array([r.minute or "" for r in records], dtype="U32"),
            "documents": np.array([r.document_id for r in records], np.int64),
        }
        self._add_item_lines(lines, columns)

    def _add_item_lines(self, lines: list[bytes], columns: dict[str, np.ndarray]) -> None:
        self._lines.write(b"".join(lines))
        self._add_item_columns(np.fromiter((len(line) for line in lines), np.int64, len(lines)), columns)

    def _add_item_columns(self, lengths: np.ndarray, columns: dict[str, np.ndarray]) -> None:
        """The columns of items whose lines (of these byte lengths) were just written."""
        for name, values in columns.items():
            self._item_columns[name].append(values)
        self._item_columns["offsets"].append(self._line_end + np.cumsum(lengths) - lengths)
        self._line_end += int(lengths.sum())

    def copy_items(self, table: ItemTable, item_ids: Sequence[int]) -> None:
        """Carry items of an existing table over unchanged (their lines as bytes, their columns as they are)."""
        wanted = np.asarray(item_ids, np.int64)
        positions = np.searchsorted(table.ids, wanted)
        found = positions < len(table.ids)
        found[found] = table.ids[positions[found]] == wanted[found]
        positions = positions[found]
        for first, end in runs(positions):
            copy_span(table.path, self._lines, int(table.offsets[first]), int(table.offsets[end]))
        columns = {
            name: np.asarray(getattr(table, name))[positions] for name in ("ids", "days", "minutes", "documents")
        }
        self._add_item_columns(table.offsets[positions + 1] - table.offsets[positions], columns)

    def finish(self) -> None:
        """Close the files and write the arrays (items sorted by id, as lookups expect)."""
        self._texts.close()
        self._lines.close()
        for name, parts in self._columns.items():
            empty = {"kinds": np.zeros(0, "U12"), "keys": np.zeros(0, f"S{KEY_BYTES}")}.get(name, np.zeros(0, np.int64))
            array = np.concatenate(parts) if parts else empty
            if name == "offsets":
                array = np.append(array, self._text_end).astype(np.int64)
            np.save(self.folder / f"chunk_{name}.npy", array)
        items = {
            name: np.concatenate(parts) if parts else np.zeros(0, np.int64)
            for name, parts in self._item_columns.items()
        }
        if not self._item_columns["minutes"]:
            items["minutes"] = np.zeros(0, "U32")
        order = np.argsort(items["ids"], kind="stable")
        starts = items["offsets"][order]
        ends = np.append(items["offsets"], self._line_end)[1:][order] if len(order) else starts
        # Offsets must be consecutive for lookups: rewrite the lines file in id order when it is not already.
        if not np.array_equal(order, np.arange(len(order))):
            self._reorder_lines(starts, ends)
            lengths = ends - starts
            starts = np.cumsum(lengths) - lengths
        np.save(self.folder / "item_ids.npy", items["ids"][order])
        np.save(self.folder / "item_offsets.npy", np.append(starts, self._line_end).astype(np.int64))
        np.save(self.folder / "item_days.npy", items["days"][order])
        np.save(self.folder / "item_minutes.npy", items["minutes"][order])
        np.save(self.folder / "item_documents.npy", items["documents"][order])

    def ids(self) -> np.ndarray:
        """The chunk ids written so far, in row order."""
        parts = self._columns["ids"]
        return np.concatenate(parts) if parts else np.zeros(0, np.int64)

    def keys(self) -> np.ndarray:
        """The chunks' content keys written so far, in row order."""
        parts = self._columns["keys"]
        return np.concatenate(parts) if parts else np.zeros(0, f"S{KEY_BYTES}")

    def _reorder_lines(self, starts: np.ndarray, ends: np.ndarray) -> None:
        path = self.folder / "items.jsonl"
        data = path.read_bytes()
        # A new file put in place, never the old one rewritten: it may be linked to a served index's.
        partial = path.with_suffix(".partial")
        partial.write_bytes(b"".join(data[a:b] for a, b in zip(starts, ends, strict=True)))
        os.replace(partial, path)
