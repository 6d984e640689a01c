"""Officers' uploads taken in turn: queued in the order they came, read one at a time in a worker process,
and the officer kept told (their place in the queue, then how far the reading has got) by editing one message.

Telegram-free: telegram_app.py gives the desk how to download, say and edit; uploads.py ingests. Reading runs
in a process of its own with a memory limit (corpus/reading.py), so a zip bomb or a runaway page ends there
while the bot goes on answering questions.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from bot.settings import BotConfig
from bot.uploads import discard, ingest_upload_apart, report
from corpus.ingest import Outcome
from corpus.read.limits import ReadProgress

log = logging.getLogger("boardmem.bot")

# How often the officer's status message may change while a document is read (Telegram limits edits).
PROGRESS_SECONDS = 3.0

Download = Callable[[Path], Awaitable[None]]
Say = Callable[[str, bool], Awaitable[int]]  # (text, is a notice) → the message id
Edit = Callable[[int, str], Awaitable[None]]


@dataclass
class Job:
    """One upload: whose, what, and how to fetch it and speak to its officer."""

    chat_id: int
    name: str
    target: Path  # where it is downloaded to before it takes its kept name
    download: Download
    say: Say
    edit: Edit
    status_id: int | None = None  # the message that says where the upload has got to
    status_text: str = ""


@dataclass
class _Progress:
    """What the reading thread last reported, read by the event loop (a lock: two threads share it)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    reading: ReadProgress | None = None
    waiting: bool = False
    started: float = field(default_factory=time.monotonic)

    def heard(self, said: ReadProgress | str) -> None:
        """How far the reading has got, or a line from the ingest (which says only that it waits its turn)."""
        with self.lock:
            if isinstance(said, ReadProgress):
                self.reading, self.waiting = said, False
            else:
                self.waiting = True

    def describe(self, name: str, now: float) -> str:
        """ "Reading minutes.pdf: page 120 of 2,000, about 40 s left." or as far as is known."""
        with self.lock:
            reading, waiting = self.reading, self.waiting
        if waiting:
            return f"{name} waits for another ingest to finish writing the memory; it is next."
        if reading is None or not reading.done:
            return f"Reading {name}…"
        told = f"Reading {name}: {reading.unit} {reading.done:,}"
        if not reading.total:
            return f"{told} so far…"
        told += f" of {reading.total:,}"
        elapsed = now - self.started
        left = elapsed * (reading.total - reading.done) / reading.done
        return f"{told}, about {_seconds(left)} left." if reading.done < reading.total else f"{told}; storing it…"


def _seconds(seconds: float) -> str:
    return f"{round(seconds)} s" if seconds < 90 else f"{round(seconds / 60)} min"


class UploadDesk:
    """Uploads in a queue, one read at a time; `added` runs after each upload that changed the memory."""

    def __init__(self, config: BotConfig, engine: Engine, added: Callable[[], Awaitable[None]]):
        self.config = config
        self.engine = engine
        self.added = added
        self.queue: asyncio.Queue[Job] = asyncio.Queue()
        self.busy = False
        self.worker: asyncio.Task | None = None
        self.progress_seconds = PROGRESS_SECONDS

    def waiting(self) -> int:
        """Uploads ahead of one taken now: the one being read and those queued."""
        return self.queue.qsize() + int(self.busy)

    async def take(self, job: Job, spawn: Callable[[Awaitable[None]], asyncio.Task]) -> None:
        """Queue the upload, telling its officer their place when others are ahead; start the worker if idle.

        `spawn` starts the worker as a task the application awaits when it stops (PTB's create_task).
        """
        ahead = self.waiting()
        if ahead:
            place = "next" if ahead == 1 else f"number {ahead + 1} in line"
            await _status(job, f"{job.name} is queued ({place}); I will say when it has been read.")
        self.queue.put_nowait(job)
        if self.worker is None or self.worker.done():
            self.worker = spawn(self._drain())

    async def _drain(self) -> None:
        while not self.queue.empty():
            job = self.queue.get_nowait()
            self.busy = True
            try:
                said = await self._process(job)
            except Exception:  # one upload's failure must never stop the ones behind it
                log.exception("Taking the upload %s failed", job.name)
                discard(job.target)
                said = f"Something went wrong reading {job.name}; nothing of it was added."
            # Done before it is said: an upload sent once the officer reads this is not behind anything.
            self.busy = False
            await _tell(job, said)

    async def _process(self, job: Job) -> str:
        """Download, read and ingest the upload; what to tell its officer."""
        try:
            await job.download(job.target)
        except NotFetched as failed:
            discard(job.target)
            return str(failed)
        progress = _Progress()
        reading = asyncio.create_task(
            asyncio.to_thread(ingest_upload_apart, self.config, self.engine, job.target, job.name, progress.heard)
        )
        while not reading.done():
            await asyncio.wait({reading}, timeout=self.progress_seconds)
            if not reading.done():
                await _status(job, progress.describe(job.name, time.monotonic()))
        outcomes: list[Outcome] = reading.result()
        if job.status_id is not None:
            await _status(job, f"Read {job.name} in {_seconds(time.monotonic() - progress.started)}.")
        if any(o.status in ("added", "replaced") for o in outcomes):
            await self.added()  # answer only once questions can find it: the index takes it first
        return report(outcomes, job.name)


class NotFetched(Exception):
    """What a Download raises when the file is not to be had (too big, or Telegram would not give it);
    its message is for the officer."""


async def _status(job: Job, text: str) -> None:
    """Say where the upload has got to, in its one status message (sent the first time, then edited)."""
    if text == job.status_text:
        return
    try:
        if job.status_id is None:
            job.status_id = await job.say(text, True)
        else:
            await job.edit(job.status_id, text)
        job.status_text = text
    except Exception as error:  # a status line that cannot be shown must not stop the reading
        log.warning("Could not update the status of the upload %s: %s", job.name, error)


async def _tell(job: Job, text: str) -> None:
    """The upload's outcome, as a message of its own (an edit would not notify the officer)."""
    try:
        await job.say(text, False)
    except Exception as error:  # the officer may have blocked the bot; the next upload still goes on
        log.warning("Could not send the report on the upload %s: %s", job.name, error)
