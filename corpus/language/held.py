"""Earlier meetings that minutes say took place: "the minutes of the meeting held on 3 March 2020
were confirmed", "at its meeting on 3 March 2020 the Board agreed".

Minutes exist only of a meeting that sat, so minutes of a dated meeting, confirmed, approved,
signed, received or merely mentioned, say it was held. A meeting "held on" a date, a "last" or
"previous" meeting, and one referred back to "since" or "further to" did too. "At the meeting on
<date>" says so only when the sentence tells of it in the past and looks nowhere ahead ("a report
will be brought to the meeting on …" announces a meeting, it does not record one).

Only the board's own meetings count: "the minutes of the meeting of the Finance Committee held
on …" are another body's, so the meeting may be named by general words only (last, annual,
special, the board, the council…), never by a name.
"""

from __future__ import annotations

import datetime as dt
import re

from corpus.language.dates import find_dates
from corpus.language.sentences import sentences

# Words that describe a board's own meeting without naming anyone else's.
_KIND = (
    r"(?:last|previous|preceding|prior|earlier|recent|annual|ordinary|extraordinary|special|general|regular"
    r"|monthly|quarterly|bi-monthly|full|formal|informal|public|additional|reconvened|adjourned|inaugural"
    r"|statutory|scheduled|virtual|remote|online|board|council|committee|sub-committee|panel|cabinet|forum)"
)
_BODY = r"(?:board|council|committee|sub-committee|panel|cabinet|forum|trust|authority|governors|trustees)"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_OWN = r"(?:the|its|our|their|this|that)"
_MEETING = rf"(?:{_KIND}\s+)*meetings?(?:\s+of\s+(?:the|this)\s+{_BODY})?"
_ON = rf",?\s*(?:(?:which|that)\s+(?:was\s+held|took\s+place)\s+|held\s+)?(?:on|of|dated)\s+(?:the\s+)?{_WEEKDAY}"

# "the minutes of the (last) meeting (held) on", "the minutes of", "minutes from the meeting of".
_MINUTES_OF = re.compile(
    rf"\bminutes\s+(?:of|from)\s+(?:(?:{_OWN}\s+)?{_MEETING}{_ON}|(?:the\s+)?{_WEEKDAY})$",
    re.IGNORECASE,
)
# "the meeting held on", "the meeting which took place on" (never "the meeting to be held on").
_HELD_ON = re.compile(
    rf"\b{_OWN}\s+{_MEETING},?\s*(?:(?:which|that)\s+(?:was\s+held|took\s+place)|held)\s+on\s+(?:the\s+)?{_WEEKDAY}$",
    re.IGNORECASE,
)
# "at the meeting on", "since its last meeting of", "further to the meeting held on".
_REFERRED = re.compile(
    rf"\b(?P<how>at|since|following|after|further\s+to|arising\s+from|from|during|in)\s+{_OWN}\s+"
    rf"(?P<meeting>{_MEETING}){_ON}$",
    re.IGNORECASE,
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


def _referred_back(match: re.Match[str], sentence: str) -> bool:
    """Whether "at/since/following the meeting on <date>" tells of a meeting that has sat."""
    if _LOOKING_BACK.match(match["how"]) or _BEFORE_NOW.search(match["meeting"]):
        return True
    return bool(_PAST.search(sentence)) and not _AHEAD.search(sentence)


def _says_held(before: str, sentence: str) -> bool:
    before = before[-_WINDOW:]
    if _MINUTES_OF.search(before) or _HELD_ON.search(before):
        return True
    referred = _REFERRED.search(before)
    return referred is not None and _referred_back(referred, sentence)


def dates_said_held(text: str) -> set[dt.date]:
    """The dates of meetings the text says were held ("the minutes of the meeting held on 3 March 2020")."""
    held: set[dt.date] = set()
    # Wrapped lines are joined: a phrase and its date are often split across them.
    for sentence in sentences(" ".join(text.split())):
        previous_end, previous_held = 0, False
        for match in find_dates(sentence):
            listed = previous_held and _LIST_GAP.match(sentence[previous_end : match.start]) is not None
            previous_held = listed or _says_held(sentence[: match.start], sentence)
            previous_end = match.end
            if previous_held:
                held.add(match.date)
    return held
