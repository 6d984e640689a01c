"""A larger memory made of copies of the real one, for measuring search at scale.

Copy i of every item is i weeks older, its minute numbers moved up by 100·i, its text the same.
Chunks are copied rather than re-chunked (chunking costs per record, and headers only matter
to the model), and each copy reuses its original's vector, so no copy is ever embedded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import numpy as np

from retrieval.chunks import Chunk, ItemRecord


def copy_record(record: ItemRecord, copy: int, stride: int) -> ItemRecord:
    """Copy `copy` of a record: a new id, a meeting `copy` weeks earlier, renumbered minutes."""
    if copy == 0:
        return record
    minute = record.minute
    if minute and minute.isdigit():
        minute = str(int(minute) + 100 * copy)
    return dataclasses.replace(
        record,
        item_id=record.item_id + copy * stride,
        meeting_date=record.meeting_date - dt.timedelta(days=7 * copy),
        minute=minute,
    )


def replicate(
    records: list[ItemRecord], chunks: list[Chunk], vectors: np.ndarray, size: int
) -> tuple[list[Chunk], dict[int, ItemRecord], np.ndarray]:
    """`size` chunks (with their items and vectors) from as many copies of the real ones as that takes."""
    if not chunks:
        raise ValueError("nothing to replicate: the memory has no chunks")
    stride = max(r.item_id for r in records) + 1  # copy i's ids sit in their own block
    copies = -(-size // len(chunks))
    items = {
        copied.item_id: copied for copy in range(copies) for copied in (copy_record(r, copy, stride) for r in records)
    }
    replicated: list[Chunk] = []
    for copy in range(copies):
        offset = copy * stride
        replicated.extend(Chunk(c.item_id + offset, c.kind, c.position, c.header, c.text) for c in chunks)
    del replicated[size:]
    return replicated, items, np.ascontiguousarray(vectors[np.arange(size) % len(chunks)], dtype=np.float32)


def replicate_batches(
    records: list[ItemRecord], chunks: list[Chunk], vectors: np.ndarray, size: int
) -> Iterator[tuple[list[ItemRecord], list[Chunk], np.ndarray]]:
    """The same `size` chunks as `replicate`, one copy at a time (its items, chunks, vectors), never all at once."""
    if not chunks:
        raise ValueError("nothing to replicate: the memory has no chunks")
    stride = max(r.item_id for r in records) + 1
    real = np.ascontiguousarray(vectors, dtype=np.float32)
    made = 0
    copy = 0
    while made < size:
        take = min(len(chunks), size - made)
        offset = copy * stride
        copied = [Chunk(c.item_id + offset, c.kind, c.position, c.header, c.text) for c in chunks[:take]]
        wanted = {c.item_id for c in copied}
        items = [r for r in (copy_record(r, copy, stride) for r in records) if r.item_id in wanted]
        yield items, copied, real[:take]
        made += take
        copy += 1
