"""What a plain-words question asks for, read without an LLM: decisions, dates, minute numbers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from corpus.language.dates import MONTHS, find_dates, find_days
from corpus.language.minute_numbers import reference_pattern

_DECISION = re.compile(
    r"\b(?:resolv\w*|resolution\w*|decid\w*|decision\w*|agree\w*|approv\w*|vote\w*|voted)\b", re.IGNORECASE
)
# "who sent apologies?", "was Cllr Brown there?", "who chaired …?", "how many attended?".
_ATTENDANCE = re.compile(
    r"\b(?:attend\w*|present|absent\w*|absence|apolog\w*|regrets|chair(?:ed|ing)|in the chair|presid(?:ed|ing)|"
    r"(?:not\s+)?represented\s+at|how\s+many(?:\s+\w+)?\s+(?:came|turned\s+up|showed\s+up|were\s+there)|"
    # "who took the chair at the May meeting?" (not "… when the chair left", a minuted moment)
    r"(?:took|take|taking)\s+the\s+chair\s+(?:at|of|for)\b|"
    r"off sick|miss(?:ed)?|who came|(?:turned|showed) up|excused|roll call|minutes? taker|took (?:the )?minutes|"
    # A name, typed in capitals or not, perhaps with an office after a comma ("Jo Bell, the treasurer,"); no verb,
    # and no place in the papers ("were in the report at …").
    r"(?:was|were)\s+(?!(?:in|on|of|for|about|under|within)\b)(?:(?:(?-i:[A-Z])|(?!\w+ed\b))[\w.'’-]+,?\s+){1,4}"
    r"(?:there|at\s+(?:the|that|our|its)\b(?=.*\bmeeting\b)|in attendance)|"
    r"(?:who|which(?:\s+\w+){1,3})\s+(?:was|were)\s+(?:there|at\s+(?:the|that|our|its)\b(?=.*\bmeeting\b))|"
    # … "came to the May meeting" (not "came to a first one": newcomers welcomed, an item of business)
    r"participants|(?:who|which(?:\s+\w+){1,3})\s+(?:took\s+part|participated|joined|led|ran|"
    r"came\s+to\s+(?:the|that|our|its|last)|sat\s+in(?:\s+on)?)\b(?=.*\bmeeting\b)|"
    # Asked in the languages boards most often minute in besides English.
    r"présent\w*|absent\w*|excusé\w*|présid\w*|presidi\w*|asisti\w*|ausente\w*|anwesend\w*|abwesend\w*|"
    r"entschuldigt\w*|geleitet)(?!\w)",
    re.IGNORECASE,
)
_ABSENCE = re.compile(
    r"\b(?:apolog\w*|absent\w*|absence|regrets|off sick|missed|excused|not\s+represented|excusé\w*|ausente\w*|"
    r"abwesend\w*|entschuldigt\w*)(?!\w)",
    re.IGNORECASE,
)
_RECENT = re.compile(r"\b(?:last|latest|most recent|recent(?:ly)?|newest|current(?:ly)?|now)\b", re.IGNORECASE)
_MINUTE = re.compile(
    rf"{reference_pattern('a')}(?:\s*\((?P<la>[a-z])\))?"
    r"|\b(?P<b>\d{1,3})\((?P<lb>[a-z])\)"
    r"|\b(?P<c>\d{1,3}/\d{2})\b(?!\d)",
    re.IGNORECASE,
)
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH_NAMES})\.?\s+(?P<y>(?:19|20)\d{{2}})\b", re.IGNORECASE)
# "the autumn 2019 meeting": a season of a year, as its months (in the northern hemisphere's reckoning; winter is
# the year's first two months and its last).
_SEASON_YEAR = re.compile(
    r"\b(?P<s>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<y>(?:19|20)\d{2})\b(?![/-]\d)", re.IGNORECASE
)
_SEASON_MONTHS = {"spring": (3, 4, 5), "summer": (6, 7, 8), "fall": (9, 10, 11), "autumn": (9, 10, 11)}
_SEASON_MONTHS["winter"] = (1, 2, 12)
_YEAR = re.compile(r"\b(?:in|during|of|for|from|since)?\s*(?P<y>(?:19|20)\d{2})\b(?![/-]\d)")


@dataclass(frozen=True)
class Query:
    text: str
    wants_decisions: bool = False
    wants_recent: bool = False
    wants_attendance: bool = False  # who was there, absent, sent apologies or chaired
    wants_absence: bool = False  # … and of those, who was not there
    dates: frozenset[dt.date] = field(default_factory=frozenset)
    months: frozenset[tuple[int, int]] = field(default_factory=frozenset)
    years: frozenset[int] = field(default_factory=frozenset)
    days: frozenset[tuple[int, int]] = field(default_factory=frozenset)  # (month, day) named without a year
    minutes: tuple[str, ...] = ()
    label: str | None = None

    @property
    def dated(self) -> bool:
        """Whether the question names a time: a date, a month, a year or a day of a month."""
        return bool(self.dates or self.months or self.years or self.days)


def understand(question: str) -> Query:
    """The question with its decision, date and minute cues pulled out."""
    text = " ".join(question.split())
    dates = find_dates(text)
    remainder = text
    for match in reversed(dates):
        remainder = remainder[: match.start] + " " + remainder[match.end :]
    months = {(int(m["y"]), MONTHS[m["m"].lower()]) for m in _MONTH_YEAR.finditer(remainder)}
    remainder = _MONTH_YEAR.sub(" ", remainder)
    for m in _SEASON_YEAR.finditer(remainder):
        months |= {(int(m["y"]), month) for month in _SEASON_MONTHS[m["s"].lower()]}
    remainder = _SEASON_YEAR.sub(" ", remainder)
    days = find_days(remainder)
    years = {int(m["y"]) for m in _YEAR.finditer(remainder)}
    minutes, label = [], None
    for m in _MINUTE.finditer(text):
        minutes.append(m["a"] or m["b"] or m["c"])
        label = label or m["la"] or m["lb"]
    return Query(
        text=text,
        wants_decisions=bool(_DECISION.search(text)),
        wants_recent=bool(_RECENT.search(text)),
        wants_attendance=bool(_ATTENDANCE.search(text)),
        wants_absence=bool(_ABSENCE.search(text)),
        dates=frozenset(d.date for d in dates),
        months=frozenset(months),
        years=frozenset(years),
        days=frozenset(days),
        minutes=tuple(dict.fromkeys(minutes)),
        label=f"({label.lower()})" if label else None,
    )
