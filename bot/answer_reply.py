"""A search answer as a reply read in ten seconds: the quoted answer, its decision, its citation.

The first page leads with the best item's own sentences, then what it resolved, then where it
is minuted; items nearly as good follow in a line each; the rest wait behind More. The whole
default reply fits one short Telegram message, so nothing is cut mid-answer.
"""

from __future__ import annotations

import re

from bot.replies import Kind, Reply
from retrieval.answer import gives_count, gives_money
from retrieval.search import UNCERTAIN, Answer, Result

REPLY_CHARS = 1200  # a default reply: one Telegram message read without scrolling
DECISION_CHARS = 300
DECISIONS_SHOWN = 2
SUPPORT_CHARS = 170  # a supporting item's quote
NOT_FOUND = "Nothing in the minutes about that. Try other words, or /meeting DATE to browse a meeting."
UNSURE = "I'm not sure the minutes answer that. The closest match:"


def shorten(text: str, limit: int) -> str:
    """The text on one line, cut at a word and marked "…" when over `limit`."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _same(a: str, b: str) -> bool:
    """Whether one text repeats the other (a decision the quote already shows, or the reverse)."""
    x, y = " ".join(a.lower().split()), " ".join(b.lower().split())
    return bool(x and y) and (x in y or y in x)


def decisions(result: Result, limit: int = DECISIONS_SHOWN) -> list[str]:
    """The item's decisions not already in its quote, shortened; "…and N more" when there are more."""
    fresh = [r for r in result.resolutions if not _same(r.split(" ", 1)[-1], result.quote)]
    shown = [shorten(r, DECISION_CHARS) for r in fresh[:limit]]
    if len(fresh) > limit:
        shown.append(f"…and {len(fresh) - limit} more (Full text)")
    return shown


def _lead(reply: Reply, result: Result, numbered: bool = False) -> None:
    reply.add(Kind.PASSAGE, f"“{result.quote}”")
    for decision in decisions(result):
        reply.add(Kind.RESOLUTION, decision)
    # Numbered on later pages, where "/source N" and the Full text buttons need the number.
    reply.add(Kind.CITATION, f"{result.rank}. {result.citation}" if numbered else result.citation)


def _length(reply: Reply) -> int:
    return sum(len(block.text) + 2 for block in reply.blocks)


def first_page(answer: Answer) -> tuple[Reply, list[Result]]:
    """The default reply: the answer first, then close supporting items while they fit; and what it showed."""
    lead = answer.results[0]
    reply = Reply()
    if answer.corrected:
        read = ", ".join(f"“{typed}” as “{meant}”" for typed, meant in answer.corrected.items())
        reply.add(Kind.NOTICE, f"Read {read}.")
    if answer.confidence == UNCERTAIN:
        reply.add(Kind.NOTICE, answer.caveat or UNSURE)
    _lead(reply, lead)
    shown = [lead]
    for result in answer.results[1 : 1 + answer.supporting]:
        line = f"Also ({result.rank}): {result.citation} — “{shorten(result.quote, SUPPORT_CHARS)}”"
        if _length(reply) + len(line) + 2 > REPLY_CHARS:
            break
        reply.add(Kind.TEXT, line)
        shown.append(result)
    return reply, shown


def further_page(answer: Answer) -> Reply:
    """A page behind More: each item's quote, decisions and citation."""
    reply = Reply()
    for result in answer.results:
        _lead(reply, result, numbered=True)
    return reply


def decisions_page(answer: Answer) -> Reply:
    """Decisions only (/resolutions): each item's citation and what it resolved."""
    reply = Reply()
    for result in answer.results:
        reply.add(Kind.CITATION, f"{result.rank}. {result.citation}")
        for decision in result.resolutions[:4]:
            reply.add(Kind.RESOLUTION, shorten(decision, DECISION_CHARS))
        if len(result.resolutions) > 4:
            reply.add(Kind.NOTICE, f"…and {len(result.resolutions) - 4} more (Full text {result.rank})")
    return reply


def _has_amount(text: str) -> bool:
    """Whether the text gives a figure: an amount or a count (not a year, a label or an item number)."""
    return gives_money(text) or gives_count(text)


def timeline_reply(topic: str, answer: Answer) -> Reply:
    """One line per meeting, oldest first: its figure (the quote holds one) or its decision, and its citation."""
    reply = Reply.say(f"{shorten(topic, 80)}, meeting by meeting:")
    for result in answer.results:
        said = result.quote
        if not _has_amount(said) and result.resolutions:
            # The decision with a figure, else one that did more than note a report.
            telling = [r for r in result.resolutions if _has_amount(r.split(" ", 1)[-1])] or [
                r for r in result.resolutions if not re.search(r"\bbe noted\b", r)
            ]
            said = f"Resolved: {(telling or result.resolutions)[0]}"
        reply.add(Kind.TEXT, f"• {result.citation} — {shorten(said, 220)}")
    return reply
