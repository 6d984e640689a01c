"""The passage shown for a hit: the chunk trimmed around the sentences that match the question."""

from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.keyword_index import tokenize

MAX_CHARS = 900
_SENTENCE = re.compile(r"(?<=[.;:!?])\s+(?=[A-Z(\"‘'£0-9-])|\n+")


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


def trim(text: str, question: str, weight: Callable[[str], float], max_chars: int = MAX_CHARS) -> str:
    """The best-matching sentence and its neighbours, up to `max_chars`, marked "…" where cut."""
    if len(text) <= max_chars:
        return text
    sentences = split_sentences(text)
    terms = set(tokenize(question))
    scores = [sum(weight(t) for t in set(tokenize(s)) & terms) for s in sentences]
    best = max(range(len(sentences)), key=lambda i: (scores[i], -i))
    first = last = best
    used = len(sentences[best])
    # Grow towards the better-scoring neighbour first, preferring what follows (the point made).
    while True:
        options = []
        if last + 1 < len(sentences) and used + len(sentences[last + 1]) + 1 <= max_chars:
            options.append((scores[last + 1], 1, last + 1))
        if first > 0 and used + len(sentences[first - 1]) + 1 <= max_chars:
            options.append((scores[first - 1], 0, first - 1))
        if not options:
            break
        _, forward, index = max(options)
        used += len(sentences[index]) + 1
        first, last = (first, index) if forward else (index, last)
    passage = " ".join(sentences[first : last + 1])
    if len(passage) > max_chars:  # one enormous sentence: cut it by characters
        passage = passage[:max_chars].rsplit(" ", 1)[0]
        last = len(sentences)  # force the trailing mark
    return f"{'… ' if first > 0 else ''}{passage}{' …' if last < len(sentences) - 1 or last == len(sentences) else ''}"
