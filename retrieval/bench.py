"""How fast Board Memory is on this machine: model load, ingest, embedding, search at scale, start-up.

Prints figures only, never pass/fail. Everything is built in a temporary directory; the real
data folder is never touched. Search at scale uses copies of the bundled corpus's chunks (and
their vectors), so it measures the indexes and the searcher, not the model's judgement.
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sqlmodel import Session

from corpus.ingest import ingest_paths
from corpus.manifest import load_manifest
from corpus.settings import REPO_ROOT, Config
from corpus.store import open_engine
from retrieval.bench_scale import peak_rss_mb, run_child, run_python
from retrieval.chunks import model_token_counter
from retrieval.embedder import Embedder, MiniLMEmbedder
from retrieval.index import SearchIndex, ensure_index
from retrieval.records import load_item_records
from retrieval.service import embedder_for

Out = Callable[[str], None]

QUESTIONS_FILE = REPO_ROOT.parent / "shared" / "eval" / "questions.jsonl"
# Questions in members' words, of the kinds boards are asked about; the timings need realistic
# queries, not these exact ones (the shared question file is used when it is there).
FALLBACK_QUESTIONS = (
    "What did we resolve on repeat referrals?",
    "Who was elected Chairman of the Board?",
    "What was the review budget increased to?",
    "When is the next meeting?",
    "What did the police say about the harm index?",
    "How does tagging of offenders work?",
    "What is the operation on legal highs?",
    "How is the new officer post funded?",
    "When will the new prison be completed?",
    "What was decided about the community safety budget in 2019?",
    "What did the board say about anti-social behaviour?",
    "Who attended the June 2016 meeting?",
    "What is the latest on modern slavery?",
    "What happened at minute 86?",
    "What are the priorities in the Strategic Assessment?",
    "How many domestic abuse referrals were there?",
    "What did the fire service report about home safety checks?",
    "What was agreed about the Police and Crime Commissioner's funding?",
    "What is the performance dashboard?",
    "What actions are outstanding on the action log?",
)
EMBED_BATCH_SIZES = (16, 32, 64)
MILLION = 1_000_000
MILLION_NEEDS_GB = 8.0
MODEL_WINDOW = 256  # word pieces all-MiniLM-L6-v2 reads; longer inputs are truncated
AGREEMENT_PASSAGES = 40  # passages checked for the NumPy encoder's agreement (it is slow on long texts)


def run_bench(
    config: Config,
    out: Out = print,
    sizes: Sequence[int] = (1_000, 10_000, 100_000),
    queries: int = 200,
    million: bool = False,
    embedder: Embedder | None = None,
    skip_model_parts: bool = False,
    as_json: bool = False,
) -> int:
    """Measure and print; `embedder` None means the real MiniLM, `skip_model_parts` skips what needs it.

    `as_json` prints one JSON document of every figure instead of the tables, so runs can be compared."""
    text = out
    if as_json:
        out = _silent
    figures: Figures = {"machine": machine_figures(config, sizes, queries, million)}
    out(machine_line(config, sizes, queries, million))
    real = embedder is None
    embedder = embedder or embedder_for(config)
    with tempfile.TemporaryDirectory(prefix="boardmem-bench-") as tmp:
        bench_config = dataclasses.replace(config, data_dir=Path(tmp) / "data", database_url="")
        if not skip_model_parts:
            figures["model_load"] = measure_model_load(embedder, out)
        else:
            embedder.encode(["warm up"])  # so the first query is not charged for a lazy load
        index, figures["ingest"] = measure_ingest(bench_config, embedder, out)
        if not skip_model_parts and real and isinstance(embedder, MiniLMEmbedder):
            figures["embedding"] = measure_embedding_variants(embedder, [c.embed_text for c in index.chunks], out)
        all_sizes = list(sizes)
        if million and enough_memory(out):
            all_sizes.append(MILLION)
        figures["scale"] = measure_search_at_scale(bench_config, index, embedder, all_sizes, queries, out)
        if not skip_model_parts and real:
            figures["ready"] = measure_bot_ready_load(bench_config, out)
    # This process loads torch and embeds at batch 64 for the model's figures; each corpus size's
    # memory figures above are from processes of their own.
    figures["end"] = {"bench_process_peak_rss_mb": round(peak_rss_mb(), 1), "load_average": load_average()}
    out("")
    out(
        f"This process's peak RSS (the model's measurements; each size's are above): {peak_rss_mb():,.0f} MB"
        f" · load average {load_average()} (other work skews timings)"
    )
    if as_json:
        text(json.dumps(figures, indent=1))
    return 0


Figures = dict[str, Any]


def _silent(_line: str) -> None:
    """Where the tables go when the figures are printed as JSON instead."""


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


# ---------------------------------------------------------------- reporting helpers


def machine_line(config: Config, sizes: Sequence[int], queries: int, million: bool) -> str:
    """One header line naming the machine and the settings used."""
    return (
        f"Board Memory bench · {os.cpu_count()} CPUs · {platform.platform()} · Python {platform.python_version()}\n"
        f"settings: embed_threads={config.embed_threads} embed_batch_size={config.embed_batch_size} "
        f"approximate_above={config.approximate_above:,} sizes={'/'.join(f'{s:,}' for s in sizes)} "
        f"queries={queries} million={'yes' if million else 'no'} · load average {load_average()}"
    )


def machine_figures(config: Config, sizes: Sequence[int], queries: int, million: bool) -> Figures:
    """The header line's facts, as data."""
    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "embed_threads": config.embed_threads,
        "embed_batch_size": config.embed_batch_size,
        "approximate_above": config.approximate_above,
        "sizes": list(sizes),
        "queries": queries,
        "million": million,
        "load_average": load_average(),
    }


def load_average() -> str:
    try:
        return "/".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def section(out: Out, title: str) -> None:
    out("")
    out(title)
    out("-" * len(title))


def table(out: Out, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """The first column left-aligned (names), the rest right-aligned (figures), each to its widest cell."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for row in cells:
        first, *rest = row
        out("  " + "  ".join([first.ljust(widths[0]), *(c.rjust(w) for c, w in zip(rest, widths[1:], strict=True))]))


def available_memory_gb() -> float | None:
    """MemAvailable from /proc/meminfo (counts reclaimable cache), else free pages from sysconf."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024**2
    except OSError:
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 1024**3
    except (ValueError, OSError, AttributeError):
        return None


def enough_memory(out: Out) -> bool:
    available = available_memory_gb()
    if available is None or available < MILLION_NEEDS_GB:
        shown = "unknown" if available is None else f"{available:.1f} GB"
        out(f"Skipping 1,000,000 chunks: available memory {shown}, needs {MILLION_NEEDS_GB:.0f} GB.")
        return False
    return True


def load_questions() -> list[str]:
    """The shared evaluation questions if present, else a built-in list of realistic ones."""
    try:
        lines = QUESTIONS_FILE.read_text(encoding="utf-8").splitlines()
        questions = [json.loads(line)["question"] for line in lines if line.strip()]
    except (OSError, ValueError, KeyError, TypeError):
        questions = []
    return questions or list(FALLBACK_QUESTIONS)


# ---------------------------------------------------------------- 1. model load


def measure_model_load(embedder: Embedder, out: Out) -> Figures:
    """What the first question costs (the NumPy question encoder's load), and what loading torch would."""
    section(out, "1. Model load")
    started = time.perf_counter()
    embedder.encode(["warm up"])
    first = time.perf_counter() - started
    started = time.perf_counter()
    embedder.encode(["warm up"])
    second = time.perf_counter() - started
    fast = embedder.question_encoder() if isinstance(embedder, MiniLMEmbedder) else None
    rows = [["first question encode (includes load)", f"{first:.2f} s"]]
    if fast is not None:
        rows.append(["  of which the NumPy question encoder's load", f"{fast.load_seconds:.2f} s"])
    rows.append(["second question encode (warm)", f"{second * 1000:.1f} ms"])
    figures: Figures = {
        "first_question_s": round(first, 3),
        "question_encoder": "numpy" if fast is not None else type(embedder).__name__,
        "question_encoder_load_s": fast and round(fast.load_seconds, 3),
        "warm_question_ms": _ms(second),
    }
    if isinstance(embedder, MiniLMEmbedder):
        started = time.perf_counter()
        embedder.encode_passages(["warm up"])
        figures["passage_model_first_s"] = round(time.perf_counter() - started, 3)
        figures["passage_model_load_s"] = embedder.load_seconds and round(embedder.load_seconds, 3)
        rows.append(
            ["first passage encode: torch + sentence-transformers load", f"{figures['passage_model_first_s']:.2f} s"]
        )
    table(out, ["step", "time"], rows)
    return figures


# ---------------------------------------------------------------- 2. ingest and embedding


def measure_ingest(config: Config, embedder: Embedder, out: Out) -> tuple[SearchIndex, Figures]:
    """Ingest the bundled corpus into a fresh database, build the index with no cache, save it."""
    section(out, "2. Ingest the bundled corpus (fresh database, no embedding cache)")
    engine = open_engine(config.resolved_database_url)
    manifest = load_manifest(config.manifest) if config.manifest else None
    started = time.perf_counter()
    outcomes = ingest_paths(engine, config.corpus_paths, manifest=manifest)
    parse_store = time.perf_counter() - started
    for outcome in outcomes:
        if outcome.failed:
            out(f"  ! {outcome.path}: {outcome.message}")
    started = time.perf_counter()
    with Session(engine) as session:
        records = load_item_records(session)
    read = time.perf_counter() - started
    # Saved in the data folder: copied at scale (part 3) and loaded by the bot-ready load (part 5).
    index = ensure_index(engine, config.index_dir, embedder, config.approximate_above)
    engine.dispose()

    stats = index.stats
    total = parse_store + read + stats.chunk_seconds + stats.embed_seconds + stats.index_seconds
    items = sum(o.items for o in outcomes)
    table(
        out,
        ["step", "seconds", "throughput"],
        [
            ["parse + store", f"{parse_store:.2f}", f"{len(outcomes)} documents, {items} items"],
            ["read records", f"{read:.2f}", f"{len(records)} items"],
            ["chunk", f"{stats.chunk_seconds:.2f}", f"{stats.chunks} chunks"],
            [
                "embed",
                f"{stats.embed_seconds:.2f}",
                f"{stats.embedded / max(stats.embed_seconds, 1e-9):.1f} passages/s",
            ],
            ["index (FAISS + BM25)", f"{stats.index_seconds:.2f}", index.vector.kind],
            ["total", f"{total:.2f}", f"{stats.chunks / max(total, 1e-9):.1f} chunks/s overall"],
        ],
    )
    counts = [model_token_counter()(c.embed_text) for c in index.chunks]
    read_tokens = sum(min(n, MODEL_WINDOW) for n in counts)
    out(
        f"  tokens per chunk: mean {np.mean(counts):.0f}, max {max(counts)} "
        f"({sum(n > MODEL_WINDOW for n in counts)} over the {MODEL_WINDOW}-token window); "
        f"{read_tokens / max(stats.embed_seconds, 1e-9):,.0f} tokens/s embedded"
    )
    figures = {
        "documents": len(outcomes),
        "items": items,
        "chunks": stats.chunks,
        "parse_store_s": round(parse_store, 3),
        "read_s": round(read, 3),
        "chunk_s": round(stats.chunk_seconds, 3),
        "embed_s": round(stats.embed_seconds, 3),
        "index_s": round(stats.index_seconds, 3),
        "total_s": round(total, 3),
        "passages_per_s": round(stats.embedded / max(stats.embed_seconds, 1e-9), 1),
        "tokens_per_chunk_mean": round(float(np.mean(counts)), 1),
    }
    return index, figures


def padded_tokens(counts: list[int], batch_size: int, by_length: bool) -> int:
    """Word pieces the model actually runs: each batch is padded to its longest text."""
    lengths = [min(n, MODEL_WINDOW) for n in counts]
    if by_length:
        lengths.sort(reverse=True)
    return sum(
        max(lengths[i : i + batch_size]) * len(lengths[i : i + batch_size]) for i in range(0, len(lengths), batch_size)
    )


def measure_embedding_variants(embedder: MiniLMEmbedder, texts: list[str], out: Out) -> Figures:
    """Passages/s at batch sizes 16/32/64, and with 1 vs the configured torch threads: four passes."""
    import torch  # already imported by the loaded model; imported here so the module stays light

    section(out, f"2b. Embedding throughput ({len(texts)} passages per pass; encode sorts by length)")
    threads = torch.get_num_threads()
    batch_size = embedder.batch_size
    runs: list[tuple[int, int, float]] = []
    try:
        for size in EMBED_BATCH_SIZES:
            embedder.batch_size = size
            runs.append((size, threads, _passages_per_second(embedder, texts)))
        if threads != 1:
            embedder.batch_size = batch_size
            torch.set_num_threads(1)
            runs.append((batch_size, 1, _passages_per_second(embedder, texts)))
    finally:
        embedder.batch_size = batch_size
        torch.set_num_threads(threads)
    table(out, ["batch", "threads", "passages/s"], [[b, t, f"{rate:.1f}"] for b, t, rate in runs])

    counts = [model_token_counter()(t) for t in texts]
    needed = sum(min(n, MODEL_WINDOW) for n in counts)
    sorted_pad = padded_tokens(counts, batch_size, by_length=True)
    given_pad = padded_tokens(counts, batch_size, by_length=False)
    out(
        f"  padding at batch {batch_size}: sorted by length {sorted_pad / needed - 1:+.0%}, "
        f"given order {given_pad / needed - 1:+.0%} word pieces over the {needed:,} needed"
    )
    best = max(runs, key=lambda run: run[2])
    out(
        f"  Note: fastest here is batch {best[0]} on {best[1]} thread(s), {best[2]:.1f} passages/s "
        f"(configured: batch {batch_size}, {threads} thread(s)). encode already sorts by length, "
        f"which is what keeps padding at {sorted_pad / needed - 1:+.0%} instead of {given_pad / needed - 1:+.0%}."
    )
    agreement = question_encoder_agreement(embedder, texts, out)
    return {"runs": [{"batch": b, "threads": t, "passages_per_s": round(rate, 1)} for b, t, rate in runs]} | agreement


def question_encoder_agreement(embedder: MiniLMEmbedder, texts: list[str], out: Out) -> Figures:
    """Cosine between the NumPy question encoder's vectors and sentence-transformers' on the bench's passages
    and questions (they must be the same vectors: ≥ 0.9999)."""
    fast = embedder.question_encoder()
    if fast is None:
        out("  ! no NumPy question encoder: questions are embedded by sentence-transformers")
        return {"question_encoder_min_cosine": None}
    sample = texts[:: max(1, len(texts) // AGREEMENT_PASSAGES)][:AGREEMENT_PASSAGES] + load_questions()
    cosines = (fast.encode(sample) * embedder.encode_passages(sample)).sum(axis=1)
    out(
        f"  NumPy question encoder against sentence-transformers on {len(sample)} texts (passages and questions): "
        f"lowest cosine {cosines.min():.6f}"
    )
    return {"question_encoder_min_cosine": round(float(cosines.min()), 6), "agreement_texts": len(sample)}


def _passages_per_second(embedder: Embedder, texts: list[str]) -> float:
    started = time.perf_counter()
    embedder.encode(texts)
    return len(texts) / (time.perf_counter() - started)


# ---------------------------------------------------------------- 3. search at scale


def measure_search_at_scale(
    config: Config,
    real: SearchIndex,
    embedder: Embedder,
    sizes: Sequence[int],
    queries: int,
    out: Out,
) -> Figures:
    """Per size, each in new processes: build the index, then serve it (ready time, asks, encoding, recall, memory)."""
    section(out, f"3. Search at scale (copies of the {len(real)} real chunks; {queries} queries after 5 warm-up)")
    questions = load_questions()
    spec = query_embedder_spec(embedder)
    rows = []
    figures: list[Figures] = []
    for size in sizes:
        folder = config.data_dir / f"scale-{size}"
        given = {"source": str(config.index_dir), "size": size, "folder": str(folder)}
        built = run_child("build", given | {"approximate_above": config.approximate_above}, REPO_ROOT)
        if "failed" not in built:
            built |= run_child("update", given | {"approximate_above": config.approximate_above}, REPO_ROOT)
        served = (
            {}
            if "failed" in built
            else run_child("serve", given | {"embedder": spec, "questions": questions, "queries": queries}, REPO_ROOT)
        )
        shutil.rmtree(folder, ignore_errors=True)
        size_figures = {"chunks": size, **built, **served}
        figures.append(size_figures)
        for failure in (built.get("failed"), served.get("failed")):
            if failure:
                out(f"  ! {size:,} chunks: {failure}")
        if "failed" in built or "failed" in served:
            continue
        rows.append(
            [
                f"{size:,}",
                f"{served['items']:,}",
                served["vector_index"],
                f"{built['build_s']['total']:.1f}",
                f"{built['build_peak_rss_mb']:,.0f}",
                f"{built['update_s']:.2f}",
                f"{served['ready_s']:.2f}",
                f"{served['ready_peak_rss_mb']:,.0f}",
                f"{served['ask_ms']['p50']:.1f}",
                f"{served['ask_ms']['p95']:.1f}",
                f"{served['search_ms']['p50']:.1f}",
                f"{served['query_encode_ms_p50']:.1f}",
                f"{served['ask_over_encode']:.2f}",
                f"{served['recall_at_10']:.3f}",
                "-" if served["minute_question_ms"] is None else f"{served['minute_question_ms']:.1f}",
                f"{served['serve_peak_rss_mb']:,.0f}",
                f"{served['serve_anon_mb']:,.0f}",
            ]
        )
    headers = [
        "chunks",
        "items",
        "vector",
        "build s",
        "build MB",
        "+1 doc s",
        "ready s",
        "ready MB",
        "p50 ms",
        "p95 ms",
    ]
    table(out, [*headers, "search p50", "encode ms", "ask/enc", "recall@10", "minute q", "peak MB", "anon MB"], rows)
    out("  build s/MB: a new process streams the copies into an index (time, peak RSS); +1 doc s: another adds one")
    out("  more document's chunks (vectors given: embedding is the model's time at any size); ready s/MB: a new")
    out("  process loads the index and the query encoder and answers a first question (from spawn, peak RSS);")
    out("  p50/p95: whole asks;")
    out("  search p50: the same asks with the vector known; encode ms: median of one question's embedding;")
    out("  ask/enc: p50 over encode; recall@10: the vector index's top 10 against exact search, by score;")
    out("  minute q: a question naming a minute, vector known; peak/anon MB: the serving process after all asks")
    out("  (peak RSS counts memory-mapped index files it touched; anon is its own memory)")
    return {"sizes": figures}


def query_embedder_spec(embedder: Embedder) -> str:
    """How a new process makes the query encoder: the configured one for the real model, else the same class."""
    if isinstance(embedder, MiniLMEmbedder):
        return "retrieval.service:default_query_embedder"
    return f"{type(embedder).__module__}:{type(embedder).__qualname__}"


# ---------------------------------------------------------------- 5. bot-ready load

# Runs in a fresh interpreter, so importing torch, faiss and sentence-transformers is counted.
_LOAD_SCRIPT = """
import time
started = time.perf_counter()
import dataclasses, json, sys
from pathlib import Path
from corpus.settings import load_config
from retrieval.service import load_service
imported = time.perf_counter() - started
given = json.loads(sys.argv[1])
given["data_dir"] = Path(given["data_dir"])
config = dataclasses.replace(load_config(), **given)
messages = []
service = load_service(config, log=messages.append)
ready = time.perf_counter() - started
answer = service.searcher.ask("What was agreed about the budget?")
fast = service.embedder.question_encoder()
print(json.dumps({
    "seconds": ready,
    "first_answer": time.perf_counter() - started,
    "imports": imported,
    "load_service": service.load_seconds,
    "question_encoder": fast.load_seconds if fast else None,
    "torch_loaded": "torch" in sys.modules,
    "chunks": len(service.index),
    "messages": messages,
}))
"""


def measure_bot_ready_load(config: Config, out: Out) -> Figures:
    """From a new process to a warm searcher over the saved index: what a bot restart costs."""
    section(out, "5. Bot-ready load of the bundled memory (new process: imports, database, index, question encoder)")
    given = {
        "data_dir": str(config.data_dir),
        "database_url": "",
        "approximate_above": config.approximate_above,
        "embed_threads": config.embed_threads,
        "embed_batch_size": config.embed_batch_size,
    }
    report, wall, failure = run_python(["-c", _LOAD_SCRIPT, json.dumps(given)], REPO_ROOT)
    if report is None:
        out(f"  the child process failed ({failure})")
        return {"failed": failure}
    table(
        out,
        ["step", "seconds"],
        [
            ["imports", f"{report['imports']:.2f}"],
            ["load_service (database, index, question encoder, first encode)", f"{report['load_service']:.2f}"],
            ["  of which the question encoder's load", f"{report['question_encoder'] or 0:.2f}"],
            ["bot-ready, measured in the child", f"{report['seconds']:.2f}"],
            ["first answer, measured in the child", f"{report['first_answer']:.2f}"],
            ["wall clock incl. interpreter start", f"{wall:.2f}"],
        ],
    )
    out(f"  torch imported: {'yes' if report['torch_loaded'] else 'no'}")
    for message in report["messages"]:  # any message means the index was rebuilt, not just loaded
        out(f"  ! {message}")
    return {
        "imports_s": round(report["imports"], 3),
        "load_service_s": round(report["load_service"], 3),
        "question_encoder_s": report["question_encoder"] and round(report["question_encoder"], 3),
        "ready_s": round(report["seconds"], 3),
        "first_answer_s": round(report["first_answer"], 3),
        "torch_loaded": report["torch_loaded"],
        "wall_s": round(wall, 3),
        "chunks": report["chunks"],
        "messages": report["messages"],
    }


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m retrieval.bench [--json] [--million] [--queries N] [--sizes 1000,100000]`."""
    import argparse

    from corpus.settings import load_config

    parser = argparse.ArgumentParser(prog="python -m retrieval.bench", description=main.__doc__)
    parser.add_argument("--json", action="store_true", help="print every figure as one JSON document")
    parser.add_argument("--million", action="store_true", help="also measure 1,000,000 chunks, if memory allows")
    parser.add_argument("--queries", type=int, default=200, help="questions timed per corpus size")
    parser.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes in chunks, comma-separated")
    args = parser.parse_args(argv)
    sizes = tuple(int(size) for size in args.sizes.split(","))
    return run_bench(load_config(), queries=args.queries, million=args.million, sizes=sizes, as_json=args.json)


if __name__ == "__main__":
    sys.exit(main())
