"""Index rebuilds never race: many threads, or many processes, wanting a fresh index get one rebuild."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from retrieval.index import ensure_index, read_manifest
from tests.bot_process import REPO
from tests.fakes import HashingEmbedder

TOGETHER = 6

# One process of several started together: rebuild (or load) the index, then say how it went.
_PROCESS = """
import sys
from corpus.store import open_engine
from retrieval.index import ensure_index
from tests.fakes import HashingEmbedder
index = ensure_index(open_engine(sys.argv[1]), __import__("pathlib").Path(sys.argv[2]), HashingEmbedder(), 50_000,
                     lambda message: print(message, flush=True))
print(f"served {len(index)}", flush=True)
"""


def test_threads_wanting_a_fresh_index_share_one_rebuild(memory, tmp_path):
    folder = tmp_path / "index"
    messages: list[str] = []
    failures: list[BaseException] = []
    start = threading.Barrier(TOGETHER)

    def want_index() -> None:
        start.wait()
        try:
            ensure_index(memory, folder, HashingEmbedder(), 50_000, messages.append)
        except BaseException as error:  # collected: an exception in a thread would otherwise vanish
            failures.append(error)

    threads = [threading.Thread(target=want_index) for _ in range(TOGETHER)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert failures == []
    assert len([m for m in messages if m.startswith("Rebuilding")]) == 1, messages
    assert read_manifest(folder)["count"] > 0


def test_processes_wanting_a_fresh_index_share_one_rebuild(memory, tmp_path):
    folder = tmp_path / "index"
    url = memory.url.render_as_string(hide_password=False)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _PROCESS, url, str(folder)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(TOGETHER)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]

    assert [p.returncode for p in processes] == [0] * TOGETHER, [err for _, err in outputs]
    printed = "".join(out for out, _ in outputs)
    assert printed.count("Rebuilding the search index") == 1, printed
    assert printed.count("served ") == TOGETHER
    assert not (Path(f"{folder}.partial")).exists()
