"""Documents officers send the bot: who may, how big, where the file is kept, and the parse report.

No Telegram here: telegram_app.py downloads the file and sends the report; this module decides and ingests.
An upload is kept under the data folder by its (cleaned) name, like a file dropped into a corpus folder:
sending a corrected file of the same name replaces what the earlier one said.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from bot.access import Role
from corpus.ingest import MEGABYTE, Outcome, ingest_paths
from corpus.language.dates import format_date
from corpus.manifest import Hints, load_manifest
from corpus.read import SUPPORTED_SUFFIXES, unsupported_reason
from corpus.settings import Config

# The Bot API's getFile serves files up to 20 MB; larger ones cannot be downloaded at all.
BOT_API_DOWNLOAD_LIMIT = 20 * MEGABYTE
# An upload waits this long for another ingest to finish (the CLI's ten minutes would hold the chat).
UPLOAD_LOCK_WAIT = 60.0
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


def ingest_upload(config: Config, engine: Engine, downloaded: Path, name: str) -> list[Outcome]:
    """Ingest a downloaded file under its kept name; if it fails, the file it would have replaced stays.

    Blocking (parsing and the database): call it off the event loop.
    """
    final = uploads_dir(config) / name
    previous = final.with_name(f".previous-{name}")
    if final.exists():
        final.replace(previous)
    downloaded.replace(final)
    manifest = load_manifest(config.manifest) if config.manifest and config.manifest.exists() else None
    try:
        outcomes = ingest_paths(
            engine, [final], Hints(), manifest, max_bytes=upload_limit(config), lock_wait=UPLOAD_LOCK_WAIT, log=log.info
        )
    except Exception:
        _restore(final, previous)
        raise
    if any(o.failed and o.path == str(final) for o in outcomes) or not outcomes:
        _restore(final, previous)
    elif previous.exists():
        previous.unlink()
    return outcomes


def _restore(final: Path, previous: Path) -> None:
    """Put back the file a failed upload displaced (or just drop the failed one)."""
    if previous.exists():
        previous.replace(final)
    else:
        final.unlink(missing_ok=True)


def report(outcomes: list[Outcome], name: str, folder: Path) -> str:
    """What `boardmem ingest` prints for the upload, for the chat: status, shape, items, dates, notes."""
    if not outcomes:
        return f"I found nothing to read in {name}."
    lines = [_line(outcome, name, folder) for outcome in outcomes]
    return "\n".join(line for line in lines if line)


def _line(outcome: Outcome, name: str, folder: Path) -> str:
    hide = _hider(name, folder)  # server paths are none of the chat's business
    if outcome.failed:
        return f"Not added: {hide(outcome.message)}"
    if not outcome.shape:
        return f"{outcome.status.capitalize()}: {name} ({hide(outcome.message)})"
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
    notes = "".join(f"\nnote: {hide(w)}" for w in outcome.warnings)
    return f"{outcome.status.capitalize()}: {name} ({shape}: {counts}; {dates}){notes}"


def _counted(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _hider(name: str, folder: Path) -> Callable[[str], str]:
    kept = str(folder / name)
    resolved = str((folder / name).resolve())
    parent = str(folder.resolve())

    def hide(text: str) -> str:
        return text.replace(resolved, name).replace(kept, name).replace(parent + "/", "")

    return hide


def discard(path: Path) -> None:
    """Remove a download that will not be ingested."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        log.warning("Could not remove the download %s", path.name)
