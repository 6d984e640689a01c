"""The passage shown for a hit: the chunk trimmed around the sentences that match the question."""

from __future__ import annotations

from collections.abc import Set

from retrieval.answer import Cue, Prose, Weight, clauses, sentence_scores

MAX_CHARS = 900


def trim(
    passage: str | Prose,
    terms: Set[str],
    weight: Weight,
    asked: frozenset[Cue] = frozenset(),
    max_chars: int = MAX_CHARS,
) -> str:
    """The sentence that best answers and its neighbours, up to `max_chars`, marked "…" where cut.

    `passage` is the text, or its `clauses` already split (a searcher keeps them between questions).
    """
    text = passage if isinstance(passage, str) else passage.text
    if len(text) <= max_chars:
        return text
    parts = clauses(text) if isinstance(passage, str) else passage
    spans = [(s.start, s.end) for s in parts.sentences]
    scores = sentence_scores(parts, terms, weight, asked)
    best = max(range(len(spans)), key=lambda i: (scores[i], -i))
    first = last = best

    def width(i: int, j: int) -> int:
        return spans[j][1] - spans[i][0]

    # Grow towards the better-scoring neighbour, preferring what follows (where the point is made).
    while True:
        options = []
        if last + 1 < len(spans) and width(first, last + 1) <= max_chars:
            options.append((scores[last + 1], 1))
        if first > 0 and width(first - 1, last) <= max_chars:
            options.append((scores[first - 1], 0))
        if not options:
            break
        _, forward = max(options)
        first, last = (first, last + 1) if forward else (first - 1, last)
    start, end = spans[first][0], spans[last][1]
    if end - start > max_chars:  # one enormous sentence: cut it at a word
        end = start + text[start : start + max_chars].rfind(" ")
    lead = "… " if start > spans[0][0] else ""
    tail = " …" if end < spans[-1][1] else ""
    return f"{lead}{text[start:end].strip()}{tail}"
