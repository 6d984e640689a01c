"""Replies into Telegram HTML messages (escaped, split under 4,096 characters) or console text."""

from __future__ import annotations

import html
import re

from bot.replies import Block, Kind, Reply

MESSAGE_LIMIT = 4096
_SEPARATOR = "\n\n"


def _html(block: Block) -> str:
    # Every dynamic string is escaped here and only here: minutes contain "&", "<" and quotes.
    text = html.escape(block.text, quote=False)
    if block.kind is Kind.CITATION:
        return f"<b>{text}</b>"
    if block.kind is Kind.RESOLUTION:
        return f"<b>Resolved:</b> {text}"
    if block.kind is Kind.NOTICE:
        return f"<i>{text}</i>"
    return text


def _split_plain(text: str, budget: int) -> list[str]:
    """Cut text at whitespace into pieces whose escaped length fits `budget`."""
    pieces: list[str] = []
    current = ""
    for token in re.split(r"(\s+)", text):
        if len(html.escape(current + token, quote=False)) <= budget:
            current += token
            continue
        if current.strip():
            pieces.append(current.strip())
        current = "" if token.isspace() else token
        while len(html.escape(current, quote=False)) > budget:  # one "word" longer than a message
            cut = budget
            while len(html.escape(current[:cut], quote=False)) > budget:
                cut -= 1
            pieces.append(current[:cut])
            current = current[cut:]
    if current.strip():
        pieces.append(current.strip())
    return pieces


def _pieces(block: Block, limit: int) -> list[str]:
    """The block as one or more rendered pieces within `limit`, each with whole tags.

    A block too long for one message is cut in its plain text and each piece rendered on
    its own, so no cut ever falls inside a tag or an escape sequence.
    """
    rendered = _html(block)
    if len(rendered) <= limit:
        return [rendered]
    budget = limit - len(_html(Block(block.kind, "")))
    return [_html(Block(block.kind, piece)) for piece in _split_plain(block.text, budget)]


def to_html(reply: Reply, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Telegram messages for the reply, split between blocks, none over `limit` characters.

    A citation stays in the same message as the block after it, so no message ends on a
    heading whose passage is in the next one.
    """
    units: list[list[str]] = []
    keep_with_next = False
    for block in reply.blocks:
        pieces = _pieces(block, limit)
        if keep_with_next and len(pieces) == 1 and len(_SEPARATOR.join([*units[-1], pieces[0]])) <= limit:
            units[-1].append(pieces[0])
        else:
            units.extend([piece] for piece in pieces)
        keep_with_next = block.kind is Kind.CITATION
    messages: list[str] = []
    current = ""
    for unit in units:
        text = _SEPARATOR.join(unit)
        if current and len(current) + len(_SEPARATOR) + len(text) > limit:
            messages.append(current)
            current = text
        else:
            current = f"{current}{_SEPARATOR}{text}" if current else text
    if current:
        messages.append(current)
    return messages or ["…"]


def to_text(reply: Reply) -> str:
    """The reply for a terminal: citations underlined by position, buttons as hints."""
    lines = []
    for block in reply.blocks:
        if block.kind is Kind.CITATION:
            lines.append(f"== {block.text}")
        elif block.kind is Kind.RESOLUTION:
            lines.append(f"   RESOLVED: {block.text}")
        elif block.kind is Kind.NOTICE:
            lines.append(f"({block.text})")
        else:
            lines.append(block.text)
    if reply.buttons:
        lines.append("  ".join(f"[{button.label}]" for button in reply.buttons))
    return "\n\n".join(lines)
