"""A full rebuild embeds only text it has not seen: the vectors are kept by content key beside the index."""

from __future__ import annotations

import json
import shutil

import numpy as np

from corpus.ingest import ingest_file
from retrieval.embedding_cache import EmbeddingCache, VectorsByKey
from retrieval.index import ensure_index
from tests.fakes import HashingEmbedder
from tests.seeds import FIXTURES, seed


def build(engine, folder, embedder):
    return ensure_index(engine, folder, embedder, approximate_above=50_000)


def test_a_rebuild_embeds_nothing_it_has_embedded_before(engine, tmp_path):
    ingest_file(engine, seed("000"))
    first = build(engine, tmp_path / "index", HashingEmbedder())
    shutil.rmtree(tmp_path / "index")  # the index is gone; its vectors are kept beside it

    embedder = HashingEmbedder()
    again = build(engine, tmp_path / "index", embedder)

    assert len(again) == len(first) and embedder.texts_encoded == 0
    assert np.array_equal(np.asarray(again.vectors), np.asarray(first.vectors))


def test_after_a_rebuild_the_cache_holds_exactly_the_index_vectors(engine, tmp_path):
    ingest_file(engine, seed("000"))
    ingest_file(engine, FIXTURES / "harbour_town_2024-03-05.txt")
    embedder = HashingEmbedder()
    index = build(engine, tmp_path / "index", embedder)

    cache = EmbeddingCache(tmp_path, embedder.name, embedder.dim)

    keys = {index.chunks.key(row) for row in range(len(index))}
    assert len(cache) == len(keys)
    for row in range(len(index)):
        assert np.array_equal(cache.get(index.chunks.key(row)), index.vectors[row])
    assert cache.get("0" * 32) is None


def test_vectors_kept_by_an_earlier_version_are_read_then_rewritten(tmp_path):
    keys = np.array(["b" * 32, "a" * 32])
    vectors = np.eye(2, 4, dtype=np.float32)
    np.savez(tmp_path / "embeddings-m.npz", keys=keys, vectors=vectors, model=np.array("m"))

    cache = EmbeddingCache(tmp_path, "m", 4)

    assert np.array_equal(cache.get("b" * 32), vectors[0]) and np.array_equal(cache.get("a" * 32), vectors[1])
    cache.save(np.array([b"c" * 32]), np.ones((1, 4), np.float32))
    assert not (tmp_path / "embeddings-m.npz").exists()
    assert len(EmbeddingCache(tmp_path, "m", 4)) == 1


def test_keys_and_vectors_that_disagree_are_no_cache_at_all(tmp_path):
    cache = EmbeddingCache(tmp_path, "m", 4)
    cache.save(np.array([b"a" * 32, b"b" * 32]), np.ones((2, 4), np.float32))
    # As a crash between replacing the two files would leave them: the vectors of another save.
    np.save(tmp_path / "embeddings-m.vectors.npy", np.ones((3, 4), np.float32))

    assert len(EmbeddingCache(tmp_path, "m", 4)) == 0
    assert EmbeddingCache(tmp_path, "m", 4).get("a" * 32) is None


def test_an_empty_memory_keeps_an_empty_cache(tmp_path):
    cache = EmbeddingCache(tmp_path, "m", 4)
    cache.save(np.zeros(0, "S32"), np.zeros((0, 4), np.float32))

    assert len(EmbeddingCache(tmp_path, "m", 4)) == 0


def test_a_rebuild_reuses_the_vectors_of_documents_added_since_the_cache_was_written(engine, tmp_path):
    ingest_file(engine, seed("000"))
    build(engine, tmp_path / "index", HashingEmbedder())  # a full build: the cache is written
    ingest_file(engine, FIXTURES / "harbour_town_2024-03-05.txt")
    updated = build(engine, tmp_path / "index", HashingEmbedder())  # an update: the cache is not
    assert updated.stats.incremental
    # As after an upgrade that changes how documents are read: the index must be rebuilt.
    manifest_path = tmp_path / "index" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest_path.write_text(json.dumps(manifest | {"parser_version": -1}))

    embedder = HashingEmbedder()
    rebuilt = build(engine, tmp_path / "index", embedder)

    assert not rebuilt.stats.incremental and embedder.texts_encoded == 0


def test_an_index_made_by_another_model_lends_no_vectors(engine, tmp_path):
    ingest_file(engine, seed("000"))
    embedder = HashingEmbedder()
    index = build(engine, tmp_path / "index", embedder)

    same = VectorsByKey.of_index(tmp_path / "index", embedder.name, embedder.dim)
    assert same is not None and np.array_equal(same.get(index.chunks.key(0)), index.vectors[0])
    assert VectorsByKey.of_index(tmp_path / "index", "another-model", embedder.dim) is None
    assert VectorsByKey.of_index(tmp_path / "missing", embedder.name, embedder.dim) is None
