"""Documents officers send the bot: who may, how big, where the file is kept, and the parse report.

No Telegram here: telegram_app.py downloads the file and sends the report; this module decides and ingests.
An upload is kept under the data folder by its content and its (cleaned) name, `uploads/<sha256>/<name>`, so
two officers' `minutes.pdf` of different meetings never meet: an upload replaces an earlier one only when both
hold the same meetings of the same board (a corrected version), and the report names what it replaced.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select

from bot.access import Role
from corpus.ingest import MEGABYTE, Outcome, ingest_paths
from corpus.language.dates import format_date
from corpus.lock import Log
from corpus.manifest import Hints, load_manifest
from corpus.models import Document
from corpus.parsed import ParseError
from corpus.read import SUPPORTED_SUFFIXES, unsupported_reason
from corpus.read.limits import Progress, ReadLimits
from corpus.read.worker import run_bounded
from corpus.reading import Reader, reader_held
from corpus.settings import Config
from corpus.store import open_engine

# The Bot API's getFile serves files up to 20 MB; larger ones cannot be downloaded at all.
BOT_API_DOWNLOAD_LIMIT = 20 * MEGABYTE
OFFICERS_ONLY = "Only officers can add documents to the memory. Ask an officer to send it to me."
PRIVATE_ONLY = "Send documents to me in a private chat, so the report does not fill this one."
# Suffixes for documents sent without a file name, from the type Telegram reports.
_BY_MIME = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/html": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._ ()-]+")

log = logging.getLogger("boardmem.bot")


@dataclass(frozen=True)
class Upload:
    """A document as Telegram describes it before it is downloaded."""

    file_name: str | None
    mime_type: str | None
    size: int | None  # bytes, when Telegram says


def upload_limit(config: Config) -> int:
    """The largest upload taken, in bytes: the Bot API's download limit or the document cap, whichever is less."""
    return min(BOT_API_DOWNLOAD_LIMIT, config.max_document_mb * MEGABYTE)


def shown_name(upload: Upload) -> str:
    """The file's name as kept and reported: its base name, plain characters, with a suffix we read if known."""
    name = _UNSAFE.sub("_", Path(upload.file_name or "").name).strip(" ._")[:120]
    stem, suffix = Path(name).stem or "document", Path(name).suffix.lower()
    if not suffix:
        suffix = _BY_MIME.get((upload.mime_type or "").lower(), "")
    return f"{stem}{suffix}"


def refusal(role: Role | None, private: bool, upload: Upload, limit: int) -> str | None:
    """Why this upload is not taken (said to the sender), or None when it may be downloaded and read."""
    if role is not Role.OFFICER:
        return OFFICERS_ONLY
    if not private:
        return PRIVATE_ONLY
    name = shown_name(upload)
    if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
        return f"I can't read {name}: {unsupported_reason(Path(name))}. I read PDF, Word (.docx), web pages and text."
    if upload.size is not None and upload.size > limit:
        return f"{name} is {upload.size / MEGABYTE:.1f} MB; I take documents up to {limit // MEGABYTE} MB."
    return None


def uploads_dir(config: Config) -> Path:
    """Where uploaded documents are kept (inside the data folder, which only its owner may read)."""
    return config.data_dir / "uploads"


def incoming_path(config: Config, unique_id: str, name: str) -> Path:
    """A private place to download to before the file takes its name (so a bad file replaces nothing);
    `unique_id` (Telegram's file_unique_id) keeps two uploads of one name apart."""
    folder = uploads_dir(config) / ".incoming"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder / f"{_UNSAFE.sub('_', unique_id)[:64]}-{name}"


def ingest_upload_apart(
    config: Config, engine: Engine, downloaded: Path, name: str, progress: Progress
) -> list[Outcome]:
    """Keep a downloaded file as `uploads/<sha256>/<name>` and ingest it in a worker process of its own (see
    ingest_kept), its reading and shaping held to `reader_memory_mb`: a runaway document ends there, and this
    process (the bot) stays free to answer questions meanwhile.

    `progress` hears how far the reading has got (ReadProgress) and what the ingest says (a line: that it
    waits for another writer). Blocking: call it off the event loop.
    """
    final = keep(config, downloaded, name)
    try:
        return run_bounded(
            _ingest_apart, config, final, memory_mb=config.reader_memory_mb, path=name, progress=progress
        )
    except ParseError as error:
        _forget_unless_stored(engine, final)  # the worker ended before it could say what it kept
        return [Outcome(str(final), "failed", str(error))]


def _ingest_apart(config: Config, final: Path, progress: Progress) -> list[Outcome]:
    """In the worker: the memory opened afresh, the file read held, then stored."""
    engine = open_engine(config.resolved_database_url)
    try:
        read = reader_held(ReadLimits.from_config(config), progress)
        return ingest_kept(config, engine, final, read, log=progress)
    finally:
        engine.dispose()


def keep(config: Config, downloaded: Path, name: str) -> Path:
    """Move a download to where it is kept (see kept_path); returns that path."""
    final = kept_path(config, downloaded, name)
    final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    downloaded.replace(final)
    return final


def ingest_kept(config: Config, engine: Engine, final: Path, read: Reader, log: Log) -> list[Outcome]:
    """Ingest a kept upload, replacing an earlier upload of the same meetings; what is not stored is not kept."""
    manifest = load_manifest(config.manifest) if config.manifest and config.manifest.exists() else None
    try:
        outcomes = ingest_paths(
            engine,
            [final],
            Hints(),
            manifest,
            max_bytes=upload_limit(config),
            log=log,
            read=read,
            replaces_in=uploads_dir(config),
        )
    except BaseException:
        _forget_unless_stored(engine, final)
        raise
    if not any(o.path == str(final) and o.status in ("added", "replaced", "unchanged") for o in outcomes):
        _forget_file(final)  # nothing of it is in the memory, so nothing of it is kept
    for outcome in outcomes:
        for earlier in outcome.replaced:
            if Path(earlier.path).is_relative_to(uploads_dir(config).resolve()):
                _forget_file(Path(earlier.path))
    return outcomes


def _forget_unless_stored(engine: Engine, final: Path) -> None:
    """After a failure: remove the kept file unless the memory holds it (the same bytes sent before)."""
    try:
        with Session(engine) as session:
            stored = session.exec(select(Document.id).where(Document.path == str(final.resolve()))).first()
    except SQLAlchemyError:
        return  # the memory cannot say: keeping a file is the harmless mistake
    if stored is None:
        _forget_file(final)


def kept_path(config: Config, downloaded: Path, name: str) -> Path:
    """Where an upload is kept: a folder named by its content's sha256, so equal names never collide."""
    digest = hashlib.sha256()
    with downloaded.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return uploads_dir(config) / digest.hexdigest()[:32] / name


def _forget_file(path: Path) -> None:
    """Remove a kept upload and its folder, once empty."""
    try:
        path.unlink(missing_ok=True)
        path.parent.rmdir()
    except OSError:
        pass  # the folder holds another upload of the same content under another name: it stays


def report(outcomes: list[Outcome], name: str) -> str:
    """What `boardmem ingest` prints for the upload, for the chat: status, shape, items, dates, notes, and
    what it replaced; never a server path or process id."""
    if not outcomes:
        return f"I found nothing to read in {name}."
    lines = [_line(outcome, name) for outcome in outcomes]
    return "\n".join(line for line in lines if line)


def _line(outcome: Outcome, name: str) -> str:
    if outcome.failed:
        return f"Not added: {for_chat(outcome.message)}"
    if not outcome.shape:
        return f"{outcome.status.capitalize()}: {name} ({for_chat(outcome.message)})"
    counts = ", ".join(
        _counted(n, word)
        for n, word in (
            (outcome.items, "item"),
            (outcome.resolutions, "resolution"),
            (outcome.attendance, "attendee"),
            (outcome.tables, "table"),
        )
    )
    dates = ", ".join(format_date(d) for d in outcome.meetings)
    shape = outcome.shape if outcome.file_format in (None, "text") else f"{outcome.file_format} {outcome.shape}"
    replaced = "".join(f"\nIt replaces the earlier upload {earlier}." for earlier in outcome.replaced)
    notes = "".join(f"\nnote: {for_chat(w)}" for w in outcome.warnings)
    return f"{outcome.status.capitalize()}: {name} ({shape}: {counts}; {dates}){replaced}{notes}"


def _counted(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# An absolute path (its last part kept: the file's own name is the officer's business, its folder is not),
# and the process that holds a lock.
_SERVER_PATH = re.compile(r"(?<![\w.~])/(?:[^\s/:;,'\"()]+/)+([^\s/:;,'\"()]*)")
_PROCESS = re.compile(r" ?\((?:process \d+|another process)\)")


def for_chat(text: str) -> str:
    """A message of the memory's, fit for a chat: file names without their server folders, no process ids."""
    return _PROCESS.sub("", _SERVER_PATH.sub(r"\1", text))


def discard(path: Path) -> None:
    """Remove a download that will not be ingested."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        log.warning("Could not remove the download %s", path.name)
