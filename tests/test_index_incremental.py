"""Ingesting into an existing memory updates the index by the changed documents' chunks alone,
and searches it exactly as an index built afresh from the same memory."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np

from corpus.ingest import ingest_file
from retrieval.index import ensure_index, read_manifest
from retrieval.search import Searcher
from tests.fakes import HashingEmbedder
from tests.seeds import FIXTURES, seed

QUESTIONS = (
    "What was agreed about the harbour wall?",
    "Who was elected chairman?",
    "What did the police report about anti-social behaviour?",
    "What is the budget for the play area?",
    "What happened at minute 86?",
    "licensing hours",
)


def build(engine, folder: Path, embedder: HashingEmbedder):
    messages: list[str] = []
    return ensure_index(engine, folder, embedder, approximate_above=50_000, log=messages.append), messages


def answers(index, embedder) -> list[list[tuple[int, float]]]:
    searcher = Searcher(index, embedder)
    return [[(r.item_id, round(r.score, 6)) for r in searcher.ask(q, k=8).results] for q in QUESTIONS]


def inodes(folder: Path) -> dict[str, int]:
    """Every keyword segment file by name, with its inode (the same inode: the file was not rewritten)."""
    return {str(p.relative_to(folder)): p.stat().st_ino for p in folder.glob("keyword/segment-*/*.npy")}


def test_one_more_document_touches_only_its_chunks_and_searches_as_a_rebuild(engine, tmp_path):
    for prefix in ("000", "001", "002", "003"):
        ingest_file(engine, seed(prefix))
    first, _ = build(engine, tmp_path / "index", HashingEmbedder())
    before = inodes(tmp_path / "index")
    old_ids = np.array(first.chunks.ids)
    old_texts = [first.chunks.text(row) for row in range(len(first))]

    ingest_file(engine, FIXTURES / "harbour_town_2024-03-05.txt")  # one more set of minutes, the newest
    embedder = HashingEmbedder()
    updated, messages = build(engine, tmp_path / "index", embedder)

    added = len(updated) - len(first)
    assert added > 0 and messages[0].startswith("Updating the search index")
    assert updated.stats.incremental and updated.stats.added == added and updated.stats.removed == 0
    assert embedder.texts_encoded == added  # only the new document's chunks were embedded
    # The old rows are untouched: same chunk ids (so the same FAISS and keyword ids), same text,
    # and the keyword segments they sit in are the very same files.
    assert np.array_equal(np.array(updated.chunks.ids[: len(first)]), old_ids)
    assert [updated.chunks.text(row) for row in range(len(first))] == old_texts
    assert before.items() <= inodes(tmp_path / "index").items()
    assert read_manifest(tmp_path / "index")["count"] == len(updated)

    rebuilt, messages = build(engine, tmp_path / "fresh", HashingEmbedder())
    assert messages[0].startswith("Rebuilding")
    assert [c.key for c in rebuilt.chunks] == [c.key for c in updated.chunks]
    assert answers(updated, HashingEmbedder()) == answers(rebuilt, HashingEmbedder())


def test_a_replaced_document_loses_its_old_chunks_and_keeps_unchanged_vectors(engine, tmp_path):
    harbour = tmp_path / "harbour.txt"
    shutil.copy(FIXTURES / "harbour_town_2024-03-05.txt", harbour)
    ingest_file(engine, harbour)
    ingest_file(engine, seed("000"))
    build(engine, tmp_path / "index", HashingEmbedder())

    text = harbour.read_text(encoding="utf-8")
    harbour.write_text(text.replace("youth bus to Fridays", "youth bus to Fridays and Saturdays"), encoding="utf-8")
    assert ingest_file(engine, harbour).status == "replaced"
    embedder = HashingEmbedder()
    updated, messages = build(engine, tmp_path / "index", embedder)

    assert messages[0].startswith("Updating") and updated.stats.removed > 0 and updated.stats.added > 0
    assert embedder.texts_encoded < updated.stats.added  # unchanged passages kept their vectors
    rebuilt, _ = build(engine, tmp_path / "fresh", HashingEmbedder())
    assert sorted(c.key for c in rebuilt.chunks) == sorted(c.key for c in updated.chunks)
    assert sorted(map(sorted, answers(updated, HashingEmbedder()))) == sorted(
        map(sorted, answers(rebuilt, HashingEmbedder()))
    )


def test_the_bots_refresh_picks_up_the_delta(engine, tmp_path, monkeypatch):
    from corpus.settings import load_config
    from retrieval.service import refresh_index

    config = load_config(env={"BOARDMEM_DATA_DIR": str(tmp_path / "data")})
    ingest_file(engine, seed("000"))
    first = refresh_index(config, engine, HashingEmbedder(), log=lambda _m: None)

    ingest_file(engine, seed("003"))
    messages: list[str] = []
    refreshed = refresh_index(config, engine, HashingEmbedder(), log=messages.append)

    assert messages and messages[0].startswith("Updating")
    assert refreshed.stats.added == len(refreshed) - len(first) > 0
    assert os.path.isdir(config.index_dir) and not Path(f"{config.index_dir}.partial").exists()


def test_an_approximate_index_is_updated_in_place_too(engine, tmp_path):
    for prefix in ("000", "001", "002"):
        ingest_file(engine, seed(prefix))
    messages: list[str] = []
    first = ensure_index(engine, tmp_path / "index", HashingEmbedder(), approximate_above=10, log=messages.append)
    ingest_file(engine, FIXTURES / "harbour_town_2024-03-05.txt")

    updated = ensure_index(engine, tmp_path / "index", HashingEmbedder(), approximate_above=10, log=messages.append)

    assert first.vector.kind == updated.vector.kind == "ivf" and messages[-1].startswith("Updating")
    assert updated.vector.count == len(updated) == len(first) + updated.stats.added
    new_rows = range(len(first), len(updated))
    found = [updated.nearest(np.asarray(updated.vectors[row]), 1)[1][0] for row in new_rows]
    assert min(found) > 0.999  # each new chunk is found by its own vector


def file_inodes(folder: Path) -> dict[str, int]:
    """The index's append-only files by name, with their inodes."""
    return {name: (folder / name).stat().st_ino for name in ("vectors.f32", "texts.bin", "items.jsonl")}


def test_an_addition_grows_the_old_files_and_the_served_index_still_answers_as_before(engine, tmp_path):
    for prefix in ("000", "001"):
        ingest_file(engine, seed(prefix))
    served, _ = build(engine, tmp_path / "index", HashingEmbedder())
    before = file_inodes(tmp_path / "index")
    answered = answers(served, HashingEmbedder())

    ingest_file(engine, FIXTURES / "harbour_town_2024-03-05.txt")
    updated, _ = build(engine, tmp_path / "index", HashingEmbedder())

    # Linked and grown, not copied: the same files; the index still served reads only its own rows.
    assert file_inodes(tmp_path / "index") == before and len(updated) > len(served)
    assert answers(served, HashingEmbedder()) == answered
    rebuilt, _ = build(engine, tmp_path / "fresh", HashingEmbedder())
    assert answers(updated, HashingEmbedder()) == answers(rebuilt, HashingEmbedder())


def test_what_an_unfinished_update_left_at_the_end_of_the_files_is_cut_off(engine, tmp_path):
    ingest_file(engine, seed("000"))
    build(engine, tmp_path / "index", HashingEmbedder())
    # As an update killed after extending the linked files, before its index was put in place.
    for name in ("vectors.f32", "texts.bin", "items.jsonl"):
        with (tmp_path / "index" / name).open("ab") as file:
            file.write(b"\x01" * 1000)
    before = file_inodes(tmp_path / "index")

    ingest_file(engine, FIXTURES / "harbour_town_2024-03-05.txt")
    updated, _ = build(engine, tmp_path / "index", HashingEmbedder())

    assert file_inodes(tmp_path / "index") == before  # still extended in place, from where the index ended

    rebuilt, _ = build(engine, tmp_path / "fresh", HashingEmbedder())
    assert [updated.chunks.text(row) for row in range(len(updated))] == [
        rebuilt.chunks.text(row) for row in range(len(rebuilt))
    ]
    assert np.array_equal(np.asarray(updated.vectors), np.asarray(rebuilt.vectors))
    assert answers(updated, HashingEmbedder()) == answers(rebuilt, HashingEmbedder())


def test_where_files_cannot_be_linked_an_addition_copies_them(engine, tmp_path, monkeypatch):
    ingest_file(engine, seed("000"))
    build(engine, tmp_path / "index", HashingEmbedder())
    before = file_inodes(tmp_path / "index")

    def refused(*_args, **_kwargs):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", refused)
    ingest_file(engine, FIXTURES / "harbour_town_2024-03-05.txt")
    updated, _ = build(engine, tmp_path / "index", HashingEmbedder())

    assert set(file_inodes(tmp_path / "index").values()).isdisjoint(before.values())
    rebuilt, _ = build(engine, tmp_path / "fresh", HashingEmbedder())
    assert answers(updated, HashingEmbedder()) == answers(rebuilt, HashingEmbedder())
