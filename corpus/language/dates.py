"""Dates and times as British minutes write them ("Wednesday, 8 June 2016", "10.00 am")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# "8 June 2016", "20TH SEPTEMBER 2019", "8th of June, 2016", "8. June 2016" (as German minutes write the day),
# "4thth May 2022" as typed, and
# "Tuesday15thMarch,2016" as some PDFs lose spaces, and "11 th March 2024" as text taken from a PDF
# keeps a raised "th" apart
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})(?:(?:\s?(?:st|nd|rd|th)){{1,2}}\s*|\.?\s+)(?:of\s+)?(?P<m>{_MONTH})\.?(?:,\s*|\s+)"
    rf"(?P<y>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
# The first day of a range written before a day, month and year: "14 – 15 April 2021", "2nd & 3rd June 2022".
_FIRST_OF_DAYS = re.compile(r"(?<![\d/.])(?P<d>\d{1,2})(?:st|nd|rd|th)?\s*(?:[-–—]|and|&|to)\s*$", re.IGNORECASE)
# "June 8, 2016", "June 8,2016", and a sitting over days by its first: "June 8-9, 2016"
_MONTH_DAY_YEAR = re.compile(
    rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"(?:,\s*|\s+)(?P<y>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
# A date written as spreadsheets and forms write it, its parts joined by one mark: "8-Jun-2016", "08/Jun/16",
# "Jun-08-2016", "8 Jun '16", "3rd-March-2021". A year in two figures counts only here, where the joins say it
# is a year.
_JOINED_DAY_MONTH = re.compile(
    rf"(?<![\w/.-])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?P<sep>[-/])(?P<m>{_MONTH})\.?(?P=sep)(?P<y>\d{{4}}|\d{{2}})(?![\w/-])"
    rf"|(?<![\w/.-])(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\.?\s+['’](?P<y2>\d{{2}})(?!\w)",
    re.IGNORECASE,
)
_JOINED_MONTH_DAY = re.compile(
    rf"\b(?P<m>{_MONTH})(?P<sep>[-/])(?P<d>\d{{1,2}})(?P=sep)(?P<y>\d{{4}})(?![\w/-])", re.IGNORECASE
)
# "2016-04-06", not an identifier built on one ("Motion #2021-11-02/4").
# … and with the time run on, as calendars and forms stamp it ("2021-03-04T19:00").
_ISO = re.compile(r"(?<!#)\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:\b|(?=T\d))(?!/\d)")
# Year, month and day marked by their characters, as Chinese, Japanese and Korean minutes date them ("2023年5月8日").
_YEAR_MONTH_DAY_MARKED = re.compile(
    r"(?<!\d)(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})(?!\d)\s*[日일]?"
)
# Boards minute in their own language: the months of the European languages public minutes are most often
# written in, read only in a full date ("5 mars 2024", "5. März 2024", "5 de marzo de 2024"), where a
# month's name cannot be another word.
_OTHER_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("janvier", "enero", "janeiro", "gennaio", "januar", "jänner", "januari", "ionawr"),
            ("février", "fevrier", "febrero", "fevereiro", "febbraio", "februar", "februari", "chwefror"),
            ("mars", "marzo", "março", "marco", "märz", "maerz", "maart", "mawrth"),
            ("avril", "abril", "aprile", "ebrill"),
            ("mai", "mayo", "maio", "maggio", "mei"),
            ("juin", "junio", "junho", "giugno", "juni", "mehefin"),
            ("juillet", "julio", "julho", "luglio", "juli", "gorffennaf"),
            ("août", "aout", "agosto", "augustus", "awst"),
            ("septembre", "septiembre", "setiembre", "setembro", "settembre", "medi"),
            ("octobre", "octubre", "outubro", "ottobre", "oktober", "hydref"),
            ("novembre", "noviembre", "novembro", "tachwedd"),
            ("décembre", "decembre", "diciembre", "dezembro", "dicembre", "dezember", "rhagfyr"),
        ],
        start=1,
    )
    for name in names
}
_OTHER_MONTH = "|".join(sorted(_OTHER_MONTHS, key=len, reverse=True))
_DAY_OTHER_MONTH_YEAR = re.compile(
    rf"(?<![\d.])(?P<d>\d{{1,2}})(?:er|º|°|\.)?\s+(?:de\s+)?(?P<m>{_OTHER_MONTH})\s+(?:de\s+|del\s+)?"
    # A year with a thousands point, as formal Spanish records print it ("de 2.007").
    rf"(?P<y>\d{{4}}|\d\.\d{{3}})(?![\d.]\d)",
    re.IGNORECASE,
)

# Formal minutes spell the date out: "held the first day of December in the year two thousand
# and five", "the twenty-third day of March, 1998".
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_ORDINALS = {
    word: n
    for n, word in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        start=1,
    )
}
_ORDINALS |= {f"twenty{sep}{word}": 20 + n for word, n in list(_ORDINALS.items())[:9] for sep in ("-", " ")}
_ORDINALS |= {"thirtieth": 30, "thirty-first": 31, "thirty first": 31}
_ORDINAL = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_NUMBER_WORDS = {w: n for n, w in enumerate(_UNITS, start=1)} | {w: n for n, w in enumerate(_TEENS, start=10)}
_NUMBER_WORDS |= {
    w: n
    for w, n in zip(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], range(20, 100, 10), strict=True
    )
}
_NUMBER_WORD = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
# Small numbers as minutes write them in words ("in six months' time", "within two weeks").
NUMBER_WORDS: dict[str, int] = dict(_NUMBER_WORDS)
NUMBER_WORD = _NUMBER_WORD
_YEAR_WORDS = rf"(?:two thousand|nineteen hundred|nineteen|twenty)(?:[\s,-]+(?:and\s+)?(?:{_NUMBER_WORD})){{0,2}}"
# What the patterns need, found cheaply first.
_YEAR_FIGURES = re.compile(r"\d{4}|\d\.\d{3}|[-/]\d\d\b|['’]\d\d\b")
_DAY_OF = re.compile(r"day\s+of", re.IGNORECASE)
_WORDED = re.compile(
    rf"\b(?:the\s+)?(?P<d>{_ORDINAL}|\d{{1,2}}(?:st|nd|rd|th))\s+day\s+of\s+(?P<m>{_MONTH}),?\s+"
    rf"(?:in\s+the\s+year\s+(?:of\s+our\s+lord\s+)?)?(?P<y>\d{{4}}|{_YEAR_WORDS})\b",
    re.IGNORECASE,
)


def _year_in_words(words: str) -> int | None:
    """ "two thousand and five" → 2005, "nineteen ninety-seven" → 1997, "1997" → 1997."""
    if words.isdigit():
        return int(words)
    parts = re.split(r"[\s,-]+", words.lower().replace(" and ", " "))
    if parts[:2] == ["two", "thousand"]:
        base, rest = 2000, parts[2:]
    elif parts[:2] == ["nineteen", "hundred"]:
        base, rest = 1900, parts[2:]
    elif parts[0] in ("nineteen", "twenty"):
        base, rest = (1900 if parts[0] == "nineteen" else 2000), parts[1:]
    else:
        return None
    rest = [p for p in rest if p != "and"]
    if not all(p in _NUMBER_WORDS for p in rest):
        return None
    return base + sum(_NUMBER_WORDS[p] for p in rest)


_NUMERIC = re.compile(r"^\s*(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{2}|\d{4})\s*$")

# "10.00 am", "10:00am", "2pm", "14:00hrs", "14:00"
_TIME = re.compile(
    r"\b(?P<h>\d{1,2})(?:[.:](?P<min>\d{2}))?\s*(?P<suffix>a\.?m\.?|p\.?m\.?|hrs)(?![a-z])"
    r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<min24>[0-5]\d)\b",
    re.IGNORECASE,
)
_TIME_RANGE = re.compile(
    r"(?P<a>\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\.?)\s*(?:-|–|to)\s*(?P<b>\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\.?)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMatch:
    date: dt.date
    start: int
    end: int


def _make_date(year: str, month: str, day: str) -> dt.date | None:
    name = month.lower().rstrip(".")
    month_number = int(month) if month.isdigit() else MONTHS.get(name) or _OTHER_MONTHS[name]
    year = year.replace(".", "")
    year_number = int(year)
    if len(year) == 2:  # "14.6.19"; a year written in four figures ("0001") is read as written
        year_number += 2000
    try:
        return dt.date(year_number, month_number, int(day))
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMatch]:
    """Every written-out or ISO date in the text, in order of appearance."""
    if not _YEAR_FIGURES.search(text) and not _DAY_OF.search(text):
        return []  # every pattern needs a year in figures or "… day of …": most sentences have neither
    found: dict[int, DateMatch] = {}
    patterns = (
        _DAY_MONTH_YEAR,
        _MONTH_DAY_YEAR,
        _ISO,
        _YEAR_MONTH_DAY_MARKED,
        _DAY_OTHER_MONTH_YEAR,
        _JOINED_DAY_MONTH,
        _JOINED_MONTH_DAY,
    )
    for pattern in patterns:
        for m in pattern.finditer(text):
            if any(m.start() < other.end and other.start < m.end() for other in found.values()):
                continue
            parts = m.groupdict()
            day, month, year = (parts[key] or parts.get(f"{key}2") for key in ("d", "m", "y"))
            date = _make_date(year, month, day)
            start = m.start()
            if date and pattern is _DAY_MONTH_YEAR and (days := _FIRST_OF_DAYS.search(text[:start])):
                # "14 – 15 April 2021", "2nd and 3rd June": a sitting over days begins on the first.
                date, start = _make_date(year, month, days["d"]) or date, days.start()
            if date:
                found[start] = DateMatch(date, start, m.end())
    for m in _WORDED.finditer(text):
        year = _year_in_words(m["y"])
        if year and not any(m.start() < other.end and other.start < m.end() for other in found.values()):
            day = m["d"][:-2] if m["d"][0].isdigit() else str(_ORDINALS[m["d"].lower()])
            date = _make_date(str(year), m["m"], day)
            if date:
                found[m.start()] = DateMatch(date, m.start(), m.end())
    return [found[k] for k in sorted(found)]


# "14/02/2024", "14.2.24" inside a sentence or a decision page's "14/02/2024 - Budget" line.
_NUMERIC_IN_TEXT = re.compile(
    r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/.])"
    # With hyphens only in full ("14-02-2024"): "4-6-8" and "2-3 14" are no dates.
    r"|(?<![\d/.-])(?P<a2>\d{1,2})-(?P<b2>\d{1,2})-(?P<y2>(?:19|20)\d\d)(?![\d/.-])"
)
_YEAR_FIRST_IN_TEXT = re.compile(r"(?<![\d/.])(?P<y>(?:19|20)\d\d)[./](?P<m>\d{1,2})[./](?P<d>\d{1,2})(?![\d/.])")


def find_numeric_dates(text: str, month_first: bool = False) -> list[DateMatch]:
    """Dates written in figures, day first as in the UK (month first when asked, or when the day
    cannot be a month: "03/14/2022"); or year first, which is never ambiguous ("2017.03.07")."""
    found = []
    for m in _NUMERIC_IN_TEXT.finditer(text):
        a, b, year = (m["a"], m["b"], m["y"]) if m["a"] else (m["a2"], m["b2"], m["y2"])
        first, second = (b, a) if month_first else (a, b)
        date = _make_date(year, second, first) or _make_date(year, first, second)
        if date:
            found.append(DateMatch(date, m.start(), m.end()))
    for m in _YEAR_FIRST_IN_TEXT.finditer(text):
        if date := _make_date(m["y"], m["m"], m["d"]):
            found.append(DateMatch(date, m.start(), m.end()))
    return sorted(found, key=lambda match: match.start)


def writes_month_first(texts: Iterable[str]) -> bool:
    """Whether a document writes its dates month first ("March 30, 2021") more often than day first ("30
    March 2021"): how it then writes them in figures ("04/09/2021", 9 April)."""
    joined = "\n".join(texts)
    return len(_MONTH_DAY_YEAR.findall(joined)) > len(_DAY_MONTH_YEAR.findall(joined))


def dates_in(text: str) -> list[DateMatch]:
    """The dates a line prints, in words else in figures."""
    return find_dates(text) or find_numeric_dates(text)


def first_date(text: str) -> dt.date | None:
    """The first date written in the text, if any."""
    dates = find_dates(text)
    return dates[0].date if dates else None


def parse_numeric_date(text: str) -> dt.date | None:
    """A table-cell date such as "14.6.19" or "14/06/2019" (day first, as in the UK)."""
    m = _NUMERIC.match(text)
    return _make_date(m["y"], m["m"], m["d"]) if m else None


def _to_time(m: re.Match[str]) -> dt.time | None:
    if m["h24"] is not None:
        return dt.time(int(m["h24"]), int(m["min24"]))
    hour, minute = int(m["h"]), int(m["min"] or 0)
    suffix = m["suffix"].lower().replace(".", "")
    if suffix == "pm" and hour < 12:
        hour += 12
    elif suffix == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def find_time(text: str) -> dt.time | None:
    """The first clock time in the text ("10.00 am" → 10:00, "14:00hrs" → 14:00)."""
    for m in _TIME.finditer(text):
        time = _to_time(m)
        if time:
            return time
    return None


# "7:42: Vote on the hall fees", "8.10pm – Grants": the clock time a minute was taken at, ahead of its title.
_CLOCK = r"(?:\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}(?:\.\d{2})?\s*[ap]\.?m\.?)"
# … or the slot it was given on an agenda kept as the minutes ("10:00 – 10:30 Grants", ":10 - :30 Grants").
_SLOT = r"(?:\d{1,2}[:.]\d{2}|:\d{2})(?:\s*[ap]\.?m\.?)?\s*[–—-]\s*(?:\d{1,2}[:.]\d{2}|:\d{2})(?:\s*[ap]\.?m\.?)?"
_TIME_STAMP = re.compile(
    rf"^\s*(?:{_SLOT}|{_CLOCK})\s*[:–—-]?\s+(?=[A-Z‘'\"(])",
    re.IGNORECASE,
)


def after_time_stamp(text: str) -> str | None:
    """The text after a clock time that opens it ("7:42: Vote on the fees" → "Vote on the fees"), else None."""
    m = _TIME_STAMP.match(text)
    return text[m.end() :] if m else None


def find_time_range(text: str) -> tuple[dt.time, dt.time] | None:
    """A "10.00 am - 12.15 pm" span, as minutes record when a meeting sat."""
    m = _TIME_RANGE.search(text)
    if not m:
        return None
    start, end = find_time(m["a"]), find_time(m["b"])
    return (start, end) if start and end else None


def format_date(date: dt.date) -> str:
    """How a citation writes a date: "8 June 2016"."""
    return f"{date.day} {date:%B %Y}"


# The weekdays, Monday first, in English and in the languages whose months _OTHER_MONTHS reads.
_ANY_WEEKDAY = [
    ("monday", "mon", "lundi", "lunes", "montag", "maandag", "llun", "lunedì", "segunda"),
    ("tuesday", "tue", "tues", "mardi", "martes", "dienstag", "dinsdag", "mawrth", "martedì", "terça"),
    ("wednesday", "wed", "mercredi", "miércoles", "mittwoch", "woensdag", "mercher", "mercoledì", "quarta"),
    ("thursday", "thu", "thur", "thurs", "jeudi", "jueves", "donnerstag", "donderdag", "iau", "giovedì", "quinta"),
    ("friday", "fri", "vendredi", "viernes", "freitag", "vrijdag", "gwener", "venerdì", "sexta"),
    ("saturday", "sat", "samedi", "sábado", "samstag", "zaterdag", "sadwrn", "sabato"),
    ("sunday", "sun", "dimanche", "domingo", "sonntag", "zondag", "sul", "domenica"),
]
_WEEKDAYS = tuple(names[0] for names in _ANY_WEEKDAY)  # in English, as a question or a head names them
_WEEKDAY_NAME = "|".join(_WEEKDAYS)
_WEEKDAY_BEFORE = re.compile(r"(?P<w>[^\W\d_]+)\.?,?\s+(?:(?:the|le|el|den|de)\s+)?$", re.IGNORECASE)


def names_its_weekday(text: str, found: DateMatch) -> bool:
    """Whether the text names, just before a date, the weekday that date fell on ("jeudi 9 mars 2023")."""
    m = _WEEKDAY_BEFORE.search(text[max(0, found.start - 20) : found.start])
    return bool(m) and m["w"].lower() in _ANY_WEEKDAY[found.date.weekday()]


# A day and a month either way round ("12th March", "March 12"); read by _month_day.
_DAY_FIRST = rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})"
_DAY_AND_MONTH = rf"(?:{_DAY_FIRST}|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)\b"
# "Tuesday 12th March", "Tuesday, March 12": a weekday, a day and a month, no year after them.
_YEARLESS = re.compile(rf"\b(?P<w>{_WEEKDAY_NAME}),?\s+{_DAY_AND_MONTH}(?!\.?,?\s*\d{{4}})", re.IGNORECASE)
# "on 9 November", "November 9th", "the 3rd of May": a day of a month, no year after it.
_DAY_OF_MONTH = re.compile(rf"(?<![\w]){_DAY_AND_MONTH}(?!\.?,?\s*\d)", re.IGNORECASE)
_YEARS_BACK = 10  # how far back a weekday and a day of a month are looked for in the years before


def weekday_date(text: str, held_by: dt.date) -> DateMatch | None:
    """ "Tuesday 12th March" without a year: that day in the latest year up to `held_by` in which it fell on
    that weekday (minutes are read after their meeting); None when the text has no such date."""
    for m in _YEARLESS.finditer(text):
        month, day = _month_day(m)
        for year in range(held_by.year, held_by.year - _YEARS_BACK, -1):
            try:
                date = dt.date(year, month, day)
            except ValueError:
                continue
            if date <= held_by and date.weekday() == _WEEKDAYS.index(m["w"].lower()):
                return DateMatch(date, m.start(), m.end())
    return None


def find_days(text: str) -> list[tuple[int, int]]:
    """The (month, day) of each day of a month the text names without a year ("the meeting on 16 October")."""
    found = []
    for m in _DAY_OF_MONTH.finditer(text):
        month, day = _month_day(m)
        if 1 <= day <= 31:
            found.append((month, day))
    return found


def _month_day(m: re.Match[str]) -> tuple[int, int]:
    return MONTHS[(m["m"] or m["m2"]).lower().rstrip(".")], int(m["d"] or m["d2"])
