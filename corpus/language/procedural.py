"""Procedural items of minutes: the business every meeting opens and closes with.

An item is procedural when its heading names one of the standing steps of a meeting
(apologies, declarations of interest, the last minutes, matters arising, the next meeting's
date, welcome, roll call, agenda approval, announcements, other business, public questions)
and its text records nothing but that step: who sent apologies, whether interests were
declared, that the minutes were approved. Steps that only count when empty (matters arising,
announcements, other business, public questions, correspondence, reports) are procedural only
when the minutes say there were none. An item that decides anything else is never procedural.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.language.dates import find_dates, format_date
from corpus.language.sentences import sentences

LINE_LIMIT = 160  # characters of a one-line summary: one line on a phone


@dataclass(frozen=True)
class _Step:
    """One standing step of a meeting: how its heading reads and how its line is headed."""

    name: str
    label: str
    heading: re.Pattern[str]
    subject: re.Pattern[str]  # words a decision about this step itself must mention
    only_when_none: bool = False  # the step is procedural only when nothing was minuted
    empty_is_none: bool = True  # an empty item (an agenda heading) counts as nothing minuted
    longest: int = 700  # characters past which the heading is covering real business


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Order matters: a heading is read as the first step it names ("Welcome and Apologies" is
# apologies, whose line says more than the welcome would).
_STEPS = (
    _Step(
        "apologies",
        "Apologies",
        _words(r"\bapolog|\breasons? for absence|\babsence\b"),
        _words(r"apolog|absen|accept|substitut|quor"),
    ),
    _Step(
        "declarations",
        "Declarations of interest",
        _words(r"\bdeclar|\bdisclos|\bconflicts? of interest|\b(?:pecuniary|registerable|personal) interests?\b"),
        _words(r"interest|declar|disclos|dispensation|conflict"),
    ),
    _Step(
        "minutes",
        "Minutes",
        _words(r"\bminutes\b|\bnotes of (?:the )?(?:last|previous|annual)"),
        _words(r"minutes|notes|record|signed|sign\b|amend|correct"),
    ),
    _Step(
        "matters_arising",
        "Matters arising",
        _words(r"\bmatters arising\b|\bmatters outstanding\b"),
        _words(r"$^"),
        only_when_none=True,
    ),
    _Step(
        "next_meeting",
        "Next meeting",
        _words(
            r"\b(?:date|dates|time)s? (?:and (?:time|venue) )?of (?:the )?(?:next|future|forthcoming)\b"
            r"|\bnext meeting\b|\bmeeting dates\b|\bdates? of meetings\b|\bfuture meetings?\b"
        ),
        _words(r"meeting|date|\d"),
    ),
    _Step(
        "welcome",
        "",
        _words(r"\bwelcome\b|\bintroductions\b|^introduction$|\bgreetings\b"),
        _words(r"welcom|introduc|greet"),
        longest=300,  # a welcome that runs on records what a guest said
    ),
    _Step(
        "opening",
        "",  # the item's own heading heads the line: "Roll call: …"
        _words(
            r"\bcall(?:ed|ing)? to order\b|\broll call\b|\bcalling of the roll\b"
            r"|\bpledge of allegiance\b|\binvocation\b|\bopening prayer\b|\backnowledge?ment of country\b"
            r"|\bquorac?y\b|\bquorum\b|^(?:present|in attendance|attendance)\b|\brecord of (?:members )?present\b"
            r"|\brecording of meetings?\b|\bsubstitute members?\b|\bopening of (?:the )?meeting\b"
        ),
        _words(r"order|roll|present|quor|pledge|prayer|record|substitut|attend"),
        longest=1200,  # a roll call names everyone present
    ),
    _Step(
        "agenda",
        "Agenda",
        _words(
            r"\b(?:approv\w*|adopt\w*|confirm\w*|accept\w*) (?:of )?(?:the )?agenda\b"
            r"|\bagenda approv|\border of business\b"
        ),
        _words(r"agenda|order of business|consent"),
        longest=1500,  # an agenda approved with its additions listed
    ),
    _Step(
        "exclusion",
        "Press and public excluded",
        _words(r"\bexclu\w* (?:of )?(?:the )?(?:press|public)|\bpublic excluded\b"),
        _words(r"exclu|public|press|confidential|exempt|section|paragraph|schedule"),
    ),
    _Step(
        "announcements",
        "Announcements",
        _words(r"\bannouncements?\b|\bchair\w*[’'`]?s? (?:remarks|comments|report|update)\b"),
        _words(r"$^"),
        only_when_none=True,
    ),
    _Step(
        "other_business",
        "Any other business",
        _words(r"\bother business\b|\burgent business\b|\burgent items?\b|\baob\b|\baob\b"),
        _words(r"$^"),
        only_when_none=True,
    ),
    _Step(
        "public",
        "Public participation",
        _words(
            r"\bpublic (?:participation|questions?|question time|comments?|forum|speaking|session|expression)\b"
            r"|\bquestions? from (?:the )?(?:public|members)\b|\bopen forum\b|\bmembers of the public\b"
            r"|\bpetitions?\b|\bdeputations?\b|^questions$|\bvisitors\b"
        ),
        _words(r"$^"),
        only_when_none=True,
    ),
    _Step(
        "correspondence",
        "Correspondence",
        _words(r"\bcorrespondence\b|\bcommunications\b"),
        _words(r"$^"),
        only_when_none=True,
    ),
    _Step(
        "reports",
        "",  # the item's own heading heads the line: "Clerk's report: none"
        _words(r"\breports?\b|\bupdates?\b"),
        _words(r"$^"),
        only_when_none=True,
        empty_is_none=False,  # an agenda's report heading is business to come
    ),
)

# The minutes saying nothing happened: "None.", "There were none", "No declarations were made",
# "There were no members of the public in attendance", "Nothing to report", "N/A".
_NONE = _words(
    r"^(?:[-•·–]\s*)?(?:none\b.*|nil\b.*|n/?a\b.*|nothing (?:to report|further|received|raised).*)$"
    r"|\b(?:there (?:were|was|are|is) )?no (?:\w+ ){0,4}(?:declar\w*|disclos\w*|interests?|apolog\w*|matters?|items?|"
    r"questions?|members of the public|public|business|correspondence|announcements?|reports?|comments?|"
    r"speakers?|petitions?|deputations?|requests?|one)\b"
    r"|\bthere (?:were|was) none\b|\bnone (?:were |was )?(?:declared|made|received|raised|reported|present)\b"
    r"|\bnone other than\b|\bnothing to (?:report|declare)\b|\bno one\b"
)
# A heading that carries its own outcome: "Correspondence: None", "Public questions - none".
_TITLE_NONE = _words(r"[\s:–-](?:none|nil|nothing to report|there were none|n/a)\.?\s*$")
_TITLE_OUTCOME = _words(r"\s*(?::-?|–|-)?\s*(?:none|nil|nothing to report|there were none|n/a|noted)\.?\s*$")
# Sentences that only record a vote: "Moved by A, seconded by B.", "Carried unanimously."
_VOTE_ONLY = _words(
    r"^(?:[\w\s,./()&'’-]{0,80}?)\b(?:moved|seconded|proposed|carried|unanimous\w*|motion|put to the vote|"
    r"roll call|ayes?|nays?|noes|abstain\w*|in favou?r|against|vote)\b"
)
_DECISION = _words(r"\b(?:resolved|agreed|decided|approved|adopted|carried|determined|recommended)\b|^\W*that\b")
# The minutes of the last meeting were not approved as they stand.
_MINUTES_NOT_APPROVED = _words(
    r"\bnot (?:be )?(?:minded to )?(?:approv|confirm|agree|accept|sign)\w*|\bdeferr?\w*\b|\brejected\b"
)
_MINUTES_APPROVED = _words(
    r"\b(?:approv\w*|confirm\w*|agreed|adopted|accepted|signed|sign|taken as read|true record|correct record|"
    r"accurate record|received and noted|noted)\b"
)
_AMENDMENT = _words(
    r"\b(?:subject to|amend\w*|correct(?:ion|ed)\b|with the (?:following )?(?:change|addition)|to include\b"
    r"|save that|except)"
)
_APOLOGY_LEAD = _words(
    r"^.*?\b(?:apologies|apology)(?: for absence)?(?: were| was| had been)? (?:received|submitted|given|noted|reported)"
    r"(?: at the meeting)?(?: from)?:?\s*|^(?:apologies|apology)(?: for absence)?(?: from)?:?\s*|^absent:?\s*"
)
_SENT_APOLOGIES = _words(r"\s*(?:sent (?:their|his|her) apolog\w*|gave apolog\w*|tendered apolog\w*).*$")
_INVITATION = _words(r"\b(?:invited|invite|to receive|reminded|asked|wished to|were required)\b")
# A minute reference or list number before the words: "45.2", "012/23:", "1.".
_NUMBERED = re.compile(r"^(?:\d+(?:[./]\d+)+|\d+(?:\.\)|[.:)]))\s*[-–:]?\s+")
_NAMES_AFTER = _words(r"\bapolog\w*(?: for absence)?(?: \w+){0,4}? from:?\s+(?P<names>.+)")
_NAMES_END = _words(r"\s+(?:be|is|was|were|had|has|have|who|which)\b.*$")


def _step_of(title: str) -> _Step | None:
    """The standing step a heading names, if any."""
    heading = _TITLE_OUTCOME.sub("", title)
    for step in _STEPS:
        if step.heading.search(heading):
            return step
    return None


def _says_none(text: str) -> bool:
    """Whether the text records that there was nothing: "None declared.", "No questions"."""
    said = [_unnumbered(s) for s in sentences(text)]
    if not said or len(text) > 400 or not any(_NONE.search(s) for s in said):
        return False
    # Besides the "none", only the chair's invitation or a reminder of the rules may be said.
    return all(_NONE.search(s) or _INVITATION.search(s) for s in said)


def _decides_other_business(step: _Step, text: str) -> bool:
    """Whether some sentence decides something besides the step itself."""
    for sentence in sentences(text):
        if not _DECISION.search(sentence) or step.subject.search(sentence):
            continue
        if sentence.rstrip().endswith(":") or len(re.sub(r"\([^)]*\)", "", sentence).split()) <= 6:
            continue  # a lead-in: "RESOLVED:", "Resolved (Cr A / Cr B)", "That the Board:"
        if _VOTE_ONLY.search(sentence) and len(sentence.split()) <= 30:
            continue
        return True
    return False


def _procedural_step(title: str, text: str) -> _Step | None:
    step = _step_of(title)
    if step is None:
        return None
    text = text.strip()
    nothing = not text or _says_none(text)
    if _TITLE_NONE.search(title) and (not text or _says_none(text)):
        return step
    if step.only_when_none:
        return step if (text and _says_none(text)) or (not text and step.empty_is_none) else None
    amendment = _AMENDMENT.search(text)
    # The amendment's own words may defer or reject things; whether the minutes passed is said before it.
    said = text[: amendment.start()] if amendment else text
    not_approved = _MINUTES_NOT_APPROVED.search(said) or not (_MINUTES_APPROVED.search(said) or nothing)
    if step.name == "minutes" and text and not_approved:
        return None
    if len(text) > step.longest or _decides_other_business(step, text):
        return None
    return step


def is_procedural(title: str, text: str) -> bool:
    """Whether the item only records a standing step of the meeting, with no decision of substance."""
    return _procedural_step(title, text) is not None


def _shorten(text: str, limit: int = LINE_LIMIT) -> str:
    text = " ".join(text.split()).rstrip(" .;:")
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _unnumbered(text: str) -> str:
    return _NUMBERED.sub("", text.strip(), count=1)


def _first(text: str) -> str:
    said = sentences(_unnumbered(text))
    return said[0] if said else ""


def _apologies(text: str) -> str:
    """Who sent apologies: "Cllr A Jones, B Smith", without the clerk's lead-in."""
    lines = [_unnumbered(line) for line in text.splitlines() if line.strip()]
    first = _APOLOGY_LEAD.sub("", lines[0], count=1).strip()
    if not first and lines[0].endswith(":") and len(lines) > 1:  # "… were received from:" and a name a line
        return ", ".join(line.rstrip(".,;") for line in lines[1:])
    flat = " ".join(lines)
    if m := _NAMES_AFTER.search(flat):
        said = sentences(m["names"])
        named = _NAMES_END.sub("", said[0]) if said else m["names"]
        return re.sub(r"\s+for (?:his |her |their )?absence$", "", named)
    named = _APOLOGY_LEAD.sub("", _first(flat), count=1)
    named = re.sub(
        r"\s*(?:sent (?:their|his|her) apolog\w*|gave apolog\w*|tendered apolog\w*).*$", "", named, flags=re.I
    )
    return re.sub(r"^(?:councillors?|cllrs?)\s*:\s*", "", named, flags=re.I) or _first(flat)


def _minutes(title: str, text: str) -> str:
    """ "Minutes of 8 March 2024 approved", keeping any amendment word for word."""
    dates = find_dates(title + " " + text)
    of = f" of {format_date(dates[0].date)}" if dates else ""
    verb = (
        "noted"
        if re.search(r"\bnoted\b", text, re.I) and not re.search(r"approv|confirm|signed", text, re.I)
        else "approved"
    )
    amended = [s for s in sentences(text) if _AMENDMENT.search(s)]
    line = f"Minutes{of} {verb}"
    return f"{line}: {' '.join(amended)}" if amended else line


def procedural_line(title: str, text: str) -> str:
    """The item in one line: "Apologies: Cllr A Jones, B Smith", "Declarations of interest: none"."""
    step = _procedural_step(title, text) or _step_of(title)
    text = text.strip()
    heading = _TITLE_OUTCOME.sub("", title).strip(" :-–") or title
    nothing = (not text and bool(_TITLE_NONE.search(title))) or (bool(text) and _says_none(text))
    if step is None:
        return _shorten(f"{heading}: {_first(text)}" if text else heading)
    label = step.label or heading
    if nothing:
        return f"{label}: none"
    if step.name == "minutes":
        if not text:
            return _shorten(heading)
        line = _minutes(title, text)
        # An amendment is the one part of approved minutes a reader must not lose.
        return line if _AMENDMENT.search(text) else _shorten(line)
    if not text:
        return _shorten(heading)
    if step.name == "apologies":
        return _shorten(f"{label}: {_apologies(text)}")
    if step.name == "next_meeting":
        dates = [format_date(d.date) for d in find_dates(text)]
        if len(dates) > 1:  # a year's schedule of meetings
            return _shorten(f"Next meetings: {', '.join(dates)}")
        if dates:
            return f"{label}: {dates[0]}"
    if step.name == "agenda" and not re.search(r"order of business", heading, re.I):
        return "Agenda approved as amended" if re.search(r"\bamend", text, re.I) else "Agenda approved"
    return _shorten(f"{label}: {_first(text)}")


# An item that lists what is to be done: "Actions", "Action items", "Next steps", "To do".
ACTIONS_TITLE = re.compile(
    r"^(?:new\s+|agreed\s+)?(?:actions?|action\s+items?|action\s+points?|action\s+list|actions\s+arising|next\s+steps|"
    r"to\s*-?\s*dos?)\s*:?$",
    re.I,
)


# A heading that gathers many matters rather than naming one: "Old Business", "Any other business",
# "Correspondence", "Reports", "Matters arising". Minutes often give each matter under it a paragraph.
GATHERING_TITLE = re.compile(
    r"^(?:(?:old|new|unfinished|other|general|any\s+other|continuing|further)\s+business|"
    r"correspondence(?:\s+received)?|announcements|matters\s+arising|(?:officers?['’]?|committee)?\s*reports?|"
    r"items?\s+for\s+information|updates?)\s*:?$",
    re.I,
)
