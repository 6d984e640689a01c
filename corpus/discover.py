"""Which files a list of paths holds, in name order, and why any is not read.

A scan never stops at a bad entry: a pipe or device is passed over (reading one may never
end), a symbolic link back into a folder being scanned is not followed, and an unreadable
folder is reported while the rest is read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from corpus.read import unsupported_reason

# A folder's own hints for its documents (corpus/manifest.py): read by the caller, never a document.
MANIFEST_NAME = "manifest.toml"


class Found(NamedTuple):
    """A path a scan came upon, and why it is not read: passed over (`skipped`) or in error (`failed`)."""

    path: Path
    skipped: str | None = None
    failed: str | None = None


def discover(paths: Iterable[Path]) -> Iterator[Found]:
    """Each file named, and every file inside each folder in name order, with why any is not read.

    A file named on its own is always tried, so a refusal says what is wrong with it; only a pipe,
    device or socket is passed over, because reading one may never end.
    """
    for path in paths:
        if path.is_dir():
            yield from _scan(path, frozenset())
        else:
            yield Found(path, _not_a_file(path))


def _not_a_file(path: Path) -> str | None:
    """Why a path that exists is not a file to read (a FIFO would block forever), else None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # missing or a link loop: reading it reports why
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = "a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return f"not a regular file ({kind}), not read"


def _scan(folder: Path, ancestors: frozenset[str]) -> Iterator[Found]:
    """A folder's files; a link back to a folder being scanned is reported once and not followed."""
    real = os.path.realpath(folder)
    if real in ancestors:
        yield Found(folder, f"a symbolic link back to {real}, which is already being read: not followed")
        return
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        yield Found(folder, failed=f"{folder}: cannot read the folder ({error.strerror or error})")
        return
    for entry in entries:
        try:
            yield from _entry(entry, ancestors | {real})
        except OSError as error:  # e.g. no permission to look at it
            yield Found(entry, failed=f"{entry}: cannot look at it ({error.strerror or error})")


def _entry(entry: Path, ancestors: frozenset[str]) -> Iterator[Found]:
    if entry.name.startswith("."):
        # Reported, not read: editors' and systems' files (.DS_Store, .git); a hidden folder once.
        yield Found(entry, f"a hidden {'folder' if entry.is_dir() else 'file'}, not read")
    elif entry.is_dir():
        yield from _scan(entry, ancestors)
    elif entry.name == MANIFEST_NAME:
        return  # the folder's hints, not a document: the only file passed over without a word
    elif entry.is_symlink() and not entry.exists():
        yield Found(entry, "a symbolic link to nothing (missing, or a loop), not read")
    elif not entry.is_file():
        yield Found(entry, _not_a_file(entry) or "not a regular file")
    else:
        yield Found(entry, unsupported_reason(entry))
