"""What the bot says, before it is rendered for Telegram (HTML) or the console (plain text)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

CALLBACK_LIMIT = 64  # bytes Telegram allows in a button's callback data


class Kind(StrEnum):
    CITATION = "citation"  # "Minute 86 · 8 June 2016 · Domestic Homicide Reviews", in bold
    PASSAGE = "passage"  # the minutes' own words
    RESOLUTION = "resolution"  # a decision, marked as such
    TEXT = "text"  # the bot's own words
    NOTICE = "notice"  # asides: "nothing in the minutes about that", limits, errors


@dataclass(frozen=True)
class Block:
    kind: Kind
    text: str


@dataclass(frozen=True)
class Button:
    label: str
    data: str

    def __post_init__(self) -> None:
        if len(self.data.encode("utf-8")) > CALLBACK_LIMIT:
            raise ValueError(f"callback data over {CALLBACK_LIMIT} bytes: {self.data!r}")


@dataclass
class Reply:
    """One answer: blocks in reading order, and buttons under the last message."""

    blocks: list[Block] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)

    def add(self, kind: Kind, text: str) -> Reply:
        if text.strip():
            self.blocks.append(Block(kind, text.strip()))
        return self

    @classmethod
    def say(cls, text: str, kind: Kind = Kind.TEXT) -> Reply:
        return cls().add(kind, text)

    @property
    def plain(self) -> str:
        """All the reply's words, for logs of our own and for tests."""
        return "\n\n".join(block.text for block in self.blocks)
