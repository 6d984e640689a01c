"""How much any one document may make the readers do, and how far a reader has got.

Every reader checks what it is about to expand (pages, zip members, nesting, characters) against
these limits before expanding it, so a hostile or broken file is refused with one line naming the
setting to raise, instead of taking the memory or the afternoon.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the settings module pulls in pydantic, which a reader process has no need of
    from corpus.settings import Config

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """The most one document may expand to; the defaults fit agenda packs of several hundred pages."""

    max_pages: int = 2000
    max_characters: int = 20_000_000
    max_lines: int = 1_000_000
    max_zip_members: int = 2000
    max_unpacked_mb: int = 200
    max_html_depth: int = 512
    max_html_nodes: int = 2_000_000
    memory_mb: int = 1024  # for the worker process (corpus/read/worker.py), not checked by the readers

    @classmethod
    def from_config(cls, config: Config) -> ReadLimits:
        """The limits a loaded Config sets."""
        return cls(
            max_pages=config.max_pages,
            max_characters=config.max_characters,
            max_lines=config.max_lines,
            max_zip_members=config.max_zip_members,
            max_unpacked_mb=config.max_unpacked_mb,
            max_html_depth=config.max_html_depth,
            max_html_nodes=config.max_html_nodes,
            memory_mb=config.reader_memory_mb,
        )


DEFAULT_LIMITS = ReadLimits()


@dataclass(frozen=True)
class ReadProgress:
    """How far a reader has got: `done` of `total` (None when not known ahead) `unit`s ("page", "paragraph")."""

    done: int
    total: int | None
    unit: str


# Told how far a reader has got (the bot edits the officer's status message from it).
Progress = Callable[[ReadProgress], None]


def over_limit(what: str, count: int, limit: int, unit: str, setting: str) -> str:
    """One line for a document refused at a limit, e.g. "the PDF has 2,400 pages, more than the 2,000-page limit
    (the max_pages setting); not read"."""
    units, sized = (unit, f"{limit:,} {unit}") if unit == "MB" else (f"{unit}s", f"{limit:,}-{unit}")
    return f"{what} {count:,} {units}, more than the {sized} limit (the {setting} setting); not read"


def past_limit(what: str, limit: int, unit: str, setting: str) -> str:
    """As over_limit, when the reader stopped at the limit and so cannot say by how much it was passed."""
    units = unit if unit == "MB" else f"{unit}s"
    return f"{what} more than {limit:,} {units} (the {setting} setting); not read"
