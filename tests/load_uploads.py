"""Hostile uploads under load: the real bot, through the loopback fake Bot API, reading what an officer sends
while a member keeps asking questions.

`python -m tests.load_uploads [--pages 2000] [--depth 100000] [--bomb-mb 1100] [--model]` ingests the bundled
corpus into a temporary folder and serves it as `boardmem bot` would (chats side by side). An officer sends,
one after another, a .docx zip bomb (document.xml expanding to --bomb-mb MB), a PDF of --pages pages and a
web page nested --depth deep; all the while a member asks a question every half second. For each upload it
prints how long the officer waited for the reply and what it said, the member's reply latency (p50, p95, max)
meanwhile, and the bot process's peak memory (the readers' worker processes are their own). Bounded: a time
limit per upload, loopback only, a temp folder.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import io
import os
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from bot.settings import load_bot_config
from bot.telegram_app import build_application
from retrieval.bench import FALLBACK_QUESTIONS
from retrieval.service import embedder_for
from tests.fake_telegram import TOKEN, FakeTelegram
from tests.fakes import HashingEmbedder
from tests.load_bot import _PROXIES, _service

OFFICER, FIRST_MEMBER = 7000, 8000
MEMBERS = 5000  # each question is a member's own: at most this many questions in a run
TIME_LIMIT = 900.0  # seconds for one upload's reply
ASK_EVERY = 0.5  # seconds between the member's questions


def zip_bomb(expands_to_mb: int) -> bytes:
    """A real .docx whose document.xml expands to `expands_to_mb` MB of one paragraph said again and again."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source:
        members = {name: source.read(name) for name in source.namelist()}
    bomb = io.BytesIO()
    paragraph = b"<w:p><w:r><w:t>" + b"A" * 4000 + b"</w:t></w:r></w:p>"
    block = paragraph * (1024 * 1024 // len(paragraph))
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            if name != "word/document.xml":
                target.writestr(name, data)
        with target.open("word/document.xml", "w", force_zip64=True) as xml:
            xml.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            for _ in range(expands_to_mb):
                xml.write(block)
            xml.write(b"</w:body></w:document>")
    return bomb.getvalue()


def paged_minutes(pages: int) -> bytes:
    """Minutes of one meeting over `pages` pages, an item a page, twenty lines of text each."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawString(72, 780, "Minutes of the meeting of Fenwick Vale Parish Council held on 31 March 2025")
    for page in range(1, pages + 1):
        y = 740
        pdf.drawString(72, y, f"{page}. Report number {page} on the village green")
        for line in range(20):
            y -= 16
            pdf.drawString(72, y, f"The council noted paragraph {line} of report {page} about the green and its trees.")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def nested_page(depth: int) -> bytes:
    """A web page whose one word sits `depth` elements deep."""
    return b"<html><body>" + b"<div>" * depth + b"Minutes" + b"</div>" * depth + b"</body></html>"


@dataclass
class UploadRun:
    """One upload: what it was, how long the officer waited, what the bot said, the member meanwhile."""

    name: str
    size: int
    seconds: float = float("nan")
    reply: str = ""
    latencies: list[float] = field(default_factory=list)
    unanswered: int = 0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")

    def line(self) -> str:
        said = self.reply.splitlines()[0][:110] if self.reply else "no reply"
        return (
            f"{self.name} ({self.size / 1024 / 1024:.1f} MB): reply in {self.seconds:.1f} s: {said}\n"
            f"  member meanwhile: {len(self.latencies)} answers, p50 {self.percentile(0.5):.2f} s, "
            f"p95 {self.percentile(0.95):.2f} s, max {max(self.latencies, default=float('nan')):.2f} s; "
            f"unanswered {self.unanswered}"
        )


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _upload(fake: FakeTelegram, name: str, content: bytes, members: list[int]) -> UploadRun:
    """Send one upload; meanwhile a member asks a question every ASK_EVERY seconds (each a member of their own,
    so no rate limit or chat order holds one question behind another) until the officer has the reply."""
    run = UploadRun(name, len(content))
    before = len(fake.sent)
    started = time.monotonic()
    fake.push_document(content=content, file_name=name, user_id=OFFICER)
    asked: dict[int, float] = {}  # member → when they asked
    answered: dict[int, float] = {}
    while time.monotonic() - started < TIME_LIMIT:
        sent = fake.sent
        for message in sent[before:]:
            if message["chat_id"] == OFFICER and message["text"].startswith(("Added", "Replaced", "Not added")):
                run.seconds, run.reply = time.monotonic() - started, message["text"]
        _note_answers(sent, asked, answered)
        if run.reply:
            break
        if members and (not asked or time.monotonic() - max(asked.values()) >= ASK_EVERY):
            member = members.pop()
            fake.push_message(FALLBACK_QUESTIONS[len(asked) % len(FALLBACK_QUESTIONS)], user_id=member)
            asked[member] = time.monotonic()
        await asyncio.sleep(0.01)
    deadline = time.monotonic() + 5  # the questions still in flight
    while len(answered) < len(asked) and time.monotonic() < deadline:
        _note_answers(fake.sent, asked, answered)
        await asyncio.sleep(0.01)
    run.latencies = [answered[m] - asked[m] for m in answered]
    run.unanswered = len(asked) - len(answered)
    return run


def _note_answers(sent: list[dict], asked: dict[int, float], answered: dict[int, float]) -> None:
    for message in sent:
        if message["chat_id"] in asked and message["chat_id"] not in answered:
            answered[message["chat_id"]] = time.monotonic()


async def _drive(config, service, fake: FakeTelegram, uploads: list[tuple[str, bytes]]) -> list[UploadRun]:
    members = list(range(FIRST_MEMBER, FIRST_MEMBER + MEMBERS))
    config = dataclasses.replace(
        config, api_base_url=fake.base_url, allowed_users=[str(m) for m in members], officers=[str(OFFICER)]
    )
    now = dt.datetime.now(dt.UTC)
    app = build_application(config, service, TOKEN, now=lambda: now, concurrent=True)
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        return [await _upload(fake, name, content, members) for name, content in uploads]
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


def run_uploads(uploads: list[tuple[str, bytes]], model: bool = False) -> tuple[list[UploadRun], float, float]:
    """Serve a temporary memory while an officer sends `uploads`; the runs, and peak memory before and after."""
    for name in _PROXIES:  # httpx would send even loopback requests through a configured proxy
        os.environ.pop(name, None)
    with tempfile.TemporaryDirectory(prefix="boardmem-uploads-") as folder:
        embedder = embedder_for(load_bot_config()) if model else HashingEmbedder()
        config, service = _service(Path(folder), embedder)
        before = peak_rss_mb()
        with FakeTelegram() as fake:
            runs = asyncio.run(_drive(config, service, fake, uploads))
        return runs, before, peak_rss_mb()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.load_uploads", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages of the PDF (default 2000)")
    parser.add_argument("--depth", type=int, default=100_000, help="nesting depth of the web page (default 100000)")
    parser.add_argument("--bomb-mb", type=int, default=1100, help="what the zip bomb expands to (default 1100 MB)")
    parser.add_argument("--model", action="store_true", help="the real embedding model, not the hashing fake")
    args = parser.parse_args(argv)
    uploads = [
        ("bomb.docx", zip_bomb(args.bomb_mb)),
        ("pack.pdf", paged_minutes(args.pages)),
        ("deep.html", nested_page(args.depth)),
    ]
    runs, before, after = run_uploads(uploads, args.model)
    for run in runs:
        print(run.line())
    print(f"bot process peak memory: {after:.0f} MB (before the uploads: {before:.0f} MB)")
    return 0 if all(run.reply and not run.unanswered for run in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
