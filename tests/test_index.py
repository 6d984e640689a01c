"""The search index is persisted with a manifest and never served stale."""

import shutil

import numpy as np

from corpus.ingest import ingest_file
from retrieval.index import ensure_index, read_manifest
from tests.fakes import HashingEmbedder
from tests.seeds import FIXTURES, seed

HARBOUR = FIXTURES / "harbour_town_2024-03-05.txt"


def build(engine, folder, embedder, log=None):
    messages = []
    index = ensure_index(engine, folder, embedder, approximate_above=50_000, log=log or messages.append)
    return index, messages


def test_a_first_build_says_why_and_writes_a_manifest(engine, tmp_path):
    ingest_file(engine, HARBOUR)

    index, messages = build(engine, tmp_path / "index", HashingEmbedder())

    manifest = read_manifest(tmp_path / "index")
    assert messages == ["Rebuilding the search index: no index yet."]
    assert manifest["count"] == len(index) > 0
    assert manifest["model"] == "hashing-fake" and manifest["vector_index"] == "flat"


def test_an_unchanged_memory_loads_the_saved_index_without_embedding(engine, tmp_path):
    ingest_file(engine, HARBOUR)
    first, _ = build(engine, tmp_path / "index", HashingEmbedder())
    embedder = HashingEmbedder()

    again, messages = build(engine, tmp_path / "index", embedder)

    assert messages == [] and embedder.calls == 0
    assert [c.key for c in again.chunks] == [c.key for c in first.chunks]


def test_a_changed_memory_rebuilds_embedding_only_the_new_chunks(engine, tmp_path):
    ingest_file(engine, HARBOUR)
    first, _ = build(engine, tmp_path / "index", HashingEmbedder())
    ingest_file(engine, seed("000"))
    embedder = HashingEmbedder()

    index, messages = build(engine, tmp_path / "index", embedder)

    assert "fingerprint" in messages[0]
    assert embedder.texts_encoded == len(index) - len(first)


def test_an_index_built_by_another_model_is_rebuilt(engine, tmp_path):
    ingest_file(engine, HARBOUR)
    build(engine, tmp_path / "index", HashingEmbedder())
    other = HashingEmbedder(dim=64)
    other.name = "another-model"

    index, messages = build(engine, tmp_path / "index", other)

    assert "model" in messages[0] and index.vectors.shape[1] == 64


def test_a_damaged_index_is_rebuilt_not_served(engine, tmp_path):
    ingest_file(engine, HARBOUR)
    build(engine, tmp_path / "index", HashingEmbedder())
    shutil.rmtree(tmp_path / "index" / "keyword")

    index, messages = build(engine, tmp_path / "index", HashingEmbedder())

    assert "unreadable" in messages[0] and len(index) > 0


def test_a_large_memory_gets_an_approximate_index(engine, tmp_path):
    ingest_file(
        engine,
        seed("003"),
    )

    index = ensure_index(engine, tmp_path / "index", HashingEmbedder(), approximate_above=10)

    assert index.vector.kind == "ivf" and index.vector.probes is not None
    # Every chunk still finds itself first: the scanned lists were chosen for recall, not guessed.
    for row in range(0, len(index), 7):
        ids, _ = index.vector.search(np.asarray(index.vectors[row]), 1)
        assert float(np.asarray(index.vectors[index.nearest(index.vectors[row], 1)[0][0]]) @ index.vectors[row]) > 0.999
        assert len(ids) == 1
