"""The real bot in a process of its own, for tests that kill it or watch it exit: `python -m tests.bot_process`.

It serves the memory in BOARDMEM_DATA_DIR through `run_bot` (token from TELEGRAM_BOT_TOKEN, the fake Bot API
from BOARDMEM_API_BASE_URL) with the hashing embedder, so it starts in a second or two; BOARDMEM_TEST_NOW
fixes its clock. `start_bot` launches it from a test with only loopback in its environment.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from bot.conversation import utc_now
from bot.settings import load_bot_config
from bot.telegram_app import run_bot
from corpus.store import open_engine
from retrieval.index import ensure_index
from retrieval.search import Searcher
from retrieval.service import Service, search_settings
from tests.fakes import HashingEmbedder

REPO = Path(__file__).resolve().parent.parent
_PROXIES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


def start_bot(
    data_dir: Path, base_url: str, token: str, now: dt.datetime | None = None, **env: str
) -> subprocess.Popen:
    """Launch the bot process; its output is captured (read it with communicate())."""
    environment = {k: v for k, v in os.environ.items() if k not in _PROXIES}
    environment |= {
        "BOARDMEM_DATA_DIR": str(data_dir),
        "BOARDMEM_API_BASE_URL": base_url,
        "TELEGRAM_BOT_TOKEN": token,
        "HF_HUB_OFFLINE": "1",
        **env,
    }
    if now is not None:
        environment["BOARDMEM_TEST_NOW"] = now.isoformat()
    return subprocess.Popen(
        [sys.executable, "-m", "tests.bot_process"],
        cwd=REPO,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def main() -> int:
    config = load_bot_config()
    engine = open_engine(config.resolved_database_url)
    embedder = HashingEmbedder()
    index = ensure_index(engine, config.index_dir, embedder, config.approximate_above)
    service = Service(engine, index, embedder, Searcher(index, embedder, search_settings(config)), 0.0)
    fixed = os.environ.get("BOARDMEM_TEST_NOW")
    now = (lambda: dt.datetime.fromisoformat(fixed)) if fixed else utc_now
    return run_bot(config, service, os.environ["TELEGRAM_BOT_TOKEN"], now=now)


if __name__ == "__main__":
    raise SystemExit(main())
