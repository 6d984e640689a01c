"""Load test: the real bot, through the loopback fake Bot API, with many users asking at once.

`python -m tests.load_bot [--users 50] [--group-users 10] [--model]` ingests the bundled corpus into a
temporary folder, serves it as `boardmem bot` would (chats side by side), and has every user ask one
question at the same moment: most in private chats, some in one group the fake flood-limits (429 with
retry_after for its first messages). It prints p50/p95 reply latency for the private chats and how many
questions got no answer. Bounded: one question per user, a time limit, loopback only, a temp folder.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import os
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bot.settings import load_bot_config
from bot.telegram_app import build_application
from corpus.ingest import ingest_paths
from corpus.manifest import load_manifest
from corpus.store import open_engine
from retrieval.bench import FALLBACK_QUESTIONS
from retrieval.embedder import Embedder
from retrieval.index import ensure_index
from retrieval.service import Service, embedder_for, searcher_for
from tests.fake_telegram import TOKEN, FakeTelegram, parse_body
from tests.fakes import HashingEmbedder
from tests.seeds import BUNDLED

GROUP = -1009000000001
FIRST_USER = 5000
TIME_LIMIT = 120.0  # seconds for every question to be answered
_PROXIES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


class FloodedGroupFake(FakeTelegram):
    """The fake Bot API, answering 429 to the first `refusals` messages sent to one group chat."""

    def __init__(self, group: int, refusals: int, retry_after: int):
        super().__init__()
        self.group, self.refusals, self.retry_after = group, refusals, retry_after
        self.refused = 0

    def handle_request(self, path: str, content_type: str, body: bytes) -> tuple[int, dict]:
        flooding = path.endswith("/sendMessage") and self.refused < self.refusals
        if flooding and parse_body(content_type, body).get("chat_id") == self.group:
            self.refused += 1
            description = f"Too Many Requests: retry after {self.retry_after}"
            reply = {"ok": False, "error_code": 429, "description": description}
            return 429, reply | {"parameters": {"retry_after": self.retry_after}}
        return super().handle_request(path, content_type, body)


@dataclass
class LoadResult:
    private_latencies: list[float]
    questions: int
    lost: int
    group_answers: int
    refused_429: int
    errors: list[str]
    seconds: float

    def percentile(self, share: float) -> float:
        ordered = sorted(self.private_latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")

    def lines(self) -> list[str]:
        return [
            f"questions {self.questions} ({len(self.private_latencies)} private, "
            f"{self.questions - len(self.private_latencies)} in a flood-limited group), all asked at once",
            f"private reply latency: p50 {self.percentile(0.5):.2f} s, p95 {self.percentile(0.95):.2f} s, "
            f"max {max(self.private_latencies, default=float('nan')):.2f} s"
            f" (mean {statistics.fmean(self.private_latencies or [0]):.2f} s)",
            f"group: {self.group_answers} answers after {self.refused_429} 429 refusals",
            f"lost (never answered within {TIME_LIMIT:.0f} s): {self.lost}; all answered in {self.seconds:.1f} s",
            f"handler errors: {len(self.errors)} {self.errors}",
        ]


def _service(data_dir: Path, embedder: Embedder) -> tuple:
    config = load_bot_config(env={"BOARDMEM_DATA_DIR": str(data_dir)})
    engine = open_engine(config.resolved_database_url)
    ingest_paths(engine, [BUNDLED], manifest=load_manifest(BUNDLED / "manifest.toml"))
    index = ensure_index(engine, config.index_dir, embedder, config.approximate_above)
    embedder.encode(["warm up"])  # as load_service does: the model loads on first use, before anyone waits
    return config, Service(engine, index, embedder, searcher_for(index, embedder, config), 0.0)


def _is_first_page(text: str) -> bool:
    """An answer's first message: a quoted answer, a calendar or follow-up reply, or the abstention.

    A default answer fits one message, so every message that is not a later page counts.
    """
    return not re.match(r"“?<b>\d+\. ", text)


async def _drive(config, service, fake: FakeTelegram, users: int, group_users: int) -> LoadResult:
    private = [FIRST_USER + n for n in range(users - group_users)]
    in_group = [FIRST_USER + users + n for n in range(group_users)]
    config = dataclasses.replace(
        config,
        api_base_url=fake.base_url,
        allowed_users=[str(u) for u in private],
        allowed_chats=[str(GROUP)],
    )
    now = dt.datetime.now(dt.UTC)
    app = build_application(config, service, TOKEN, now=lambda: now, concurrent=True)
    await app.initialize()
    await app.start()
    mention = "@board_memory_bot "
    for n, user in enumerate(in_group):
        text = mention + FALLBACK_QUESTIONS[n % len(FALLBACK_QUESTIONS)]
        entities = [{"type": "mention", "offset": 0, "length": len(mention) - 1}]
        fake.push_message(text, user_id=user, chat_id=GROUP, chat_type="supergroup", entities=entities)
    for n, user in enumerate(private):
        fake.push_message(FALLBACK_QUESTIONS[n % len(FALLBACK_QUESTIONS)], user_id=user)
    started = time.monotonic()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    first_reply: dict[int, float] = {}
    group_answers = 0
    try:
        while time.monotonic() - started < TIME_LIMIT:
            sent = fake.sent
            for message in sent:
                if message["chat_id"] in private and message["chat_id"] not in first_reply:
                    first_reply[message["chat_id"]] = time.monotonic() - started
            group_answers = sum(1 for m in sent if m["chat_id"] == GROUP and _is_first_page(m["text"]))
            if len(first_reply) == len(private) and group_answers >= len(in_group):
                break
            await asyncio.sleep(0.01)
        seconds = time.monotonic() - started
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    refused = fake.refused if isinstance(fake, FloodedGroupFake) else 0
    lost = len(private) - len(first_reply) + max(0, len(in_group) - group_answers)
    errors = [repr(error) for error in app.bot_data["parts"].errors]
    return LoadResult(list(first_reply.values()), users, lost, group_answers, refused, errors, seconds)


def run_load(users: int = 50, group_users: int = 10, embedder: Embedder | None = None, refusals: int = 3) -> LoadResult:
    """Serve a temporary memory to `users` simultaneous questions; the figures of the run."""
    for name in _PROXIES:  # httpx would send even loopback requests through a configured proxy
        os.environ.pop(name, None)
    with tempfile.TemporaryDirectory(prefix="boardmem-load-") as folder:
        config, service = _service(Path(folder), embedder or HashingEmbedder())
        with FloodedGroupFake(GROUP, refusals=refusals, retry_after=1) as fake:
            return asyncio.run(_drive(config, service, fake, users, group_users))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.load_bot", description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50, help="users asking at once (default 50)")
    parser.add_argument("--group-users", type=int, default=10, help="of them, asking in the flood-limited group")
    parser.add_argument("--model", action="store_true", help="the real embedding model, not the hashing fake")
    args = parser.parse_args(argv)
    embedder = embedder_for(load_bot_config()) if args.model else HashingEmbedder()
    result = run_load(args.users, min(args.group_users, args.users), embedder)
    for line in result.lines():
        print(line)
    return 0 if result.lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
