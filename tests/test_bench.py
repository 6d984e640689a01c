"""The benchmark runs end to end at a tiny scale with a stand-in embedder, and reports latency."""

from __future__ import annotations

import json

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
    assert len(row.split()) == 17, row  # size, items, kind, build s/MB, +1 doc, ready s/MB, 4 ms, ratio, recall, 3 MB


def test_json_gives_every_figure_as_data():
    lines: list[str] = []

    status = run_bench(
        load_config(),
        out=lines.append,
        sizes=(200,),
        queries=5,
        embedder=HashingEmbedder(),
        skip_model_parts=True,
        as_json=True,
    )

    assert status == 0 and len(lines) == 1  # one document, no tables
    figures = json.loads(lines[0])
    size = figures["scale"]["sizes"][0]
    assert size["chunks"] == 200 and size["vector_index"] == "flat"
    assert size["recall_at_10"] == 1.0  # flat search is exact
    assert size["ask_ms"]["p50"] > 0 and size["query_encode_ms_p50"] > 0 and size["serve_peak_rss_mb"] > 0
    assert 0 < size["ready_s"] < size["serve_wall_s"] and size["build_peak_rss_mb"] > 0
    assert size["update_chunks"] > 0 and size["update_s"] > 0
    assert figures["ingest"]["chunks"] > 0 and figures["machine"]["sizes"] == [200]
