"""Questions asked at the same moment from several threads are embedded in one batch, each getting its own vector."""

from __future__ import annotations

import threading
import time

import numpy as np

from retrieval.service import QueryBatcher
from tests.fakes import HashingEmbedder

TOGETHER = 16


class SlowEmbedder(HashingEmbedder):
    """The hashing embedder at a model's pace: each call costs a fixed while, however many texts it holds."""

    def __init__(self, fail: bool = False):
        super().__init__()
        self.fail = fail

    def encode(self, texts: list[str]) -> np.ndarray:
        time.sleep(0.05)
        if self.fail:
            raise RuntimeError("the model fell over")
        return super().encode(texts)


def _ask_together(batcher: QueryBatcher) -> tuple[dict[int, object], float]:
    results: dict[int, object] = {}
    start = threading.Barrier(TOGETHER)

    def ask(n: int) -> None:
        start.wait()
        try:
            results[n] = batcher.encode([f"question {n} about budget line {n * 7}"])
        except RuntimeError as error:
            results[n] = error

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(TOGETHER)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, time.perf_counter() - began


def test_questions_asked_together_are_embedded_in_a_few_batches_each_with_its_own_vector():
    model = SlowEmbedder()
    results, seconds = _ask_together(QueryBatcher(model))

    alone = HashingEmbedder()
    for n in range(TOGETHER):
        expected = alone.encode([f"question {n} about budget line {n * 7}"])
        assert np.array_equal(results[n], expected)
    assert model.calls <= 3 and seconds < TOGETHER * 0.05 / 2


def test_a_model_failure_reaches_every_question_in_the_batch():
    results, _ = _ask_together(QueryBatcher(SlowEmbedder(fail=True)))

    assert all(isinstance(result, RuntimeError) for result in results.values()) and len(results) == TOGETHER


def test_a_lone_question_is_embedded_at_once():
    model = SlowEmbedder()
    vectors = QueryBatcher(model).encode(["one question", "and another"])

    assert vectors.shape == (2, model.dim) and model.calls == 1


def test_the_batcher_serves_question_after_question():
    batcher = QueryBatcher(HashingEmbedder())

    assert [batcher.encode(["same words"]).shape for _ in range(3)] == [(1, 384)] * 3
