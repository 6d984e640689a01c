"""Earlier meetings that minutes say took place: "the minutes of the meeting held on 3 March 2020
were confirmed", "Approval of Minutes – 3 March 2020", "at its meeting on 3 March 2020 the Board agreed".

Minutes exist only of a meeting that sat, so minutes of a dated meeting, confirmed, approved,
signed, received or merely mentioned, say it was held. A meeting "held on" a date, a "last" or
"previous" meeting, and one referred back to "since" or "further to" did too. "At the meeting on
<date>" says so only when the sentence tells of it in the past and looks nowhere ahead ("a report
will be brought to the meeting on …" announces a meeting, it does not record one).

Only the board's own meetings count. The meeting may be described in general words (last,
annual, special…), and named only in words of the board's own name: a parish council's "Council
meeting" is its own, its "Planning Committee meeting" another body's. With no board name given,
a general word for a body (the board, the council) is taken as the board's own.
"""

from __future__ import annotations

import datetime as dt
import re

from corpus.language.dates import find_dates
from corpus.language.sentences import sentences


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that describe a board's own meeting without naming anyone else's.
_KINDS = _word_set(
    """last previous preceding prior earlier recent annual ordinary extraordinary special general regular monthly
    quarterly bi-monthly full formal informal public additional reconvened adjourned inaugural statutory scheduled
    virtual remote online budget business meeting meetings"""
)
# Words for a body: its own only when its name uses them (or, with no name known, always).
_BODIES = _word_set("board council committee sub-committee panel cabinet forum trust authority governors")
_GLUE = _word_set("the its our their this that a an of and & both two three")
_WORD = re.compile(r"[\w&][\w&'’-]*")

_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_HELD = r"(?:(?:which|that)\s+(?:was|were)\s+held|(?:which|that)\s+took\s+place|held)"
# After "minutes of": who and which meeting, then how it is dated ("the meeting held on", "Council, held").
_MINUTES_TAIL = re.compile(
    rf"(?P<phrase>[^.;:]{{0,100}}?)\s*,?\s*(?:{_HELD}\s*)?(?:on|of|dated)?\s*(?:the\s+)?{_WEEKDAY}", re.IGNORECASE
)
_MINUTES_OF = re.compile(r"\bminutes\s+(?:of|from)\s+", re.IGNORECASE)
# "Approval of Minutes – 3 March 2020", "Confirmation of the Council Minutes of 3 March 2020".
_APPROVAL = re.compile(
    r"\b(?:approv(?:al|e|es|ed|ing)|confirm(?:ation|s|ed|ing)?|adopt(?:ion|s|ed|ing)?|correction)\s+"
    rf"(?:of\s+)?(?P<phrase>[^.;:]{{0,60}}?)\s*\bminutes\s*(?:of|from|for|dated)?\s*[-–—:,]?\s*(?:the\s+)?{_WEEKDAY}$",
    re.IGNORECASE,
)
# "approves the December 15, 2021, meeting minutes": the date comes first.
_DATED_MINUTES = re.compile(r"^\s*,?\s*(?P<phrase>[^.;:,]{0,60}?)\s*\bminutes\b(?!\s+(?:of|from)\b)", re.IGNORECASE)
_BEFORE_DATED_MINUTES = re.compile(
    r"\b(?:approv(?:al|e|es|ed|ing)|confirm(?:ation|s|ed|ing)?|adopt(?:ion|s|ed|ing)?)\s+(?:of\s+)?the\s+$",
    re.IGNORECASE,
)
# "the meeting held on", "the meeting which took place on" (never "the meeting to be held on").
_OWN = re.compile(r"\b(?:the|its|our|their|this|that)\s+", re.IGNORECASE)
_HELD_TAIL = re.compile(
    rf"(?P<phrase>[^.;:]{{0,100}}?)\s*,?\s*{_HELD}\s+(?:on\s+)?(?:the\s+)?{_WEEKDAY}", re.IGNORECASE
)
# "at the meeting on", "since its last meeting of", "further to the meeting held on".
_REFERRING = re.compile(
    r"\b(?P<how>at|since|following|after|further\s+to|arising\s+from|from|during|in)\s+(?=(?:the|its|our|their)\s)",
    re.IGNORECASE,
)
_REFERRED_TAIL = re.compile(
    rf"(?P<phrase>[^.;:]{{0,100}}?)\s*,?\s*(?:{_HELD}\s*)?(?:on|of)\s+(?:the\s+)?{_WEEKDAY}", re.IGNORECASE
)
_LOOKING_BACK = re.compile(r"^(?:since|further\s+to|arising\s+from)$", re.IGNORECASE)
_BEFORE_NOW = re.compile(r"\b(?:last|previous|preceding|prior|earlier|recent)\b", re.IGNORECASE)
_PAST = re.compile(
    r"\b(?:was|were|had|did|agreed|resolved|decided|noted|received|approved|considered|requested|asked"
    r"|reported|discussed|heard|presented|confirmed|deferred|endorsed|adopted|raised|explained|informed)\b",
    re.IGNORECASE,
)
_AHEAD = re.compile(
    r"\b(?:will|would|shall|should|to\s+be|be\s+\w+ed|next|future|forthcoming|upcoming|coming|proposed"
    r"|provisional(?:ly)?)\b",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"^\s*(?:,|and|&|,\s*and)\s*(?:the\s+)?" + _WEEKDAY + "$", re.IGNORECASE)
_WINDOW = 200  # characters before a date searched for its phrase; the phrase sits right before it


def _own_words(board: str | None) -> frozenset[str]:
    """The words a phrase may use of the board's own meeting."""
    if board is None:
        return _KINDS | _BODIES | _GLUE
    return _KINDS | _GLUE | frozenset(word.casefold() for word in _WORD.findall(board))


def _owned(phrase: str, own: frozenset[str], meeting: bool = False) -> bool:
    """Whether `phrase` ("the last Council meeting") speaks of the board's own meeting only."""
    words = [word.casefold() for word in _WORD.findall(phrase)]
    if meeting and not {"meeting", "meetings"} & set(words):
        return False
    return all(word in own for word in words)


def _minutes_of(before: str, own: frozenset[str]) -> bool:
    for opening in _MINUTES_OF.finditer(before):
        tail = _MINUTES_TAIL.fullmatch(before, opening.end())
        if tail and _owned(tail["phrase"], own):
            return True
    return False


def _held_on(before: str, own: frozenset[str]) -> bool:
    for opening in _OWN.finditer(before):
        tail = _HELD_TAIL.fullmatch(before, opening.end())
        if tail and _owned(tail["phrase"], own, meeting=True) and not _AHEAD.search(tail["phrase"]):
            return True
    return False


def _referred_back(before: str, sentence: str, own: frozenset[str]) -> bool:
    """Whether "at/since/following the meeting on <date>" tells of a meeting that has sat."""
    for opening in _REFERRING.finditer(before):
        tail = _REFERRED_TAIL.fullmatch(before, opening.end())
        if not tail or not _owned(tail["phrase"], own, meeting=True):
            continue
        if _LOOKING_BACK.match(opening["how"]) or _BEFORE_NOW.search(tail["phrase"]):
            return True
        if _PAST.search(sentence) and not _AHEAD.search(sentence):
            return True
    return False


def _says_held(before: str, after: str, sentence: str, own: frozenset[str]) -> bool:
    before = before[-_WINDOW:]
    if _minutes_of(before, own) or _held_on(before, own) or _referred_back(before, sentence, own):
        return True
    if (approval := _APPROVAL.search(before)) and _owned(approval["phrase"], own):
        return True
    dated = _DATED_MINUTES.match(after)
    return bool(dated and _BEFORE_DATED_MINUTES.search(before) and _owned(dated["phrase"], own))


def dates_said_held(text: str, board: str | None = None) -> set[dt.date]:
    """The dates of meetings the text says were held ("the minutes of the meeting held on 3 March 2020").

    `board` is the name of the board whose papers these are: meetings named in its words are its own.
    """
    own = _own_words(board)
    held: set[dt.date] = set()
    # Wrapped lines are joined: a phrase and its date are often split across them.
    for sentence in sentences(" ".join(text.split())):
        previous_end, previous_held = 0, False
        for match in find_dates(sentence):
            listed = previous_held and _LIST_GAP.match(sentence[previous_end : match.start]) is not None
            before, after = sentence[: match.start], sentence[match.end :]
            previous_held = listed or _says_held(before, after, sentence, own)
            previous_end = match.end
            if previous_held:
                held.add(match.date)
    return held
