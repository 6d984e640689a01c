"""The benchmark runs end to end at a tiny scale with a stand-in embedder, and reports latency."""

from __future__ import annotations

from corpus.settings import load_config
from retrieval.bench import run_bench
from tests.fakes import HashingEmbedder


def test_search_at_a_tiny_scale_reports_p50_and_p95():
    lines: list[str] = []

    status = run_bench(
        load_config(), out=lines.append, sizes=(200,), queries=5, embedder=HashingEmbedder(), skip_model_parts=True
    )

    text = "\n".join(lines)
    assert status == 0
    assert "p50 ms" in text and "p95 ms" in text
    row = next(line for line in lines if line.split()[:1] == ["200"])
    assert len(row.split()) == 14, row  # size, items, kind, 3 build times, 6 latencies, 2 RSS
