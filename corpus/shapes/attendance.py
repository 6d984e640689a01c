"""Who was there: the Present / Officers / Apologies blocks at the head of minutes."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from corpus.language.bullets import BULLETS
from corpus.language.names import HONORIFIC, starts_with_honorific
from corpus.language.sentences import sentences
from corpus.parsed import ParsedAttendee, ParsedItem, ParsedMeeting, Role, Section
from corpus.read.text import strip_markup

# Whose attendance a heading lists: "Trustees present", "Directors absent", "Board members excused".
_WHO = (
    r"(?:members|councillors|governors|trustees|directors|commissioners|voting members|those|board members|"
    r"council members|committee members)"
)
# The same labels as boards minuting in French, Spanish, German, Dutch and Welsh print them.
# French written for both genders ("Présent.e.s", "Excusé·e·s") and in the singular ("Excusée").
_FR_ENDING = r"(?:[.·]?e)?(?:[.·]?s)?"
_PRESENT_ABROAD = (
    rf"(?:personnes\s+|membres\s+)?présent{_FR_ENDING}|presentes|asistentes|anwesend(?:e)?|aanwezig(?:en)?|"
    r"yn\s+bresennol"
)
_EXCUSED_ABROAD = rf"(?:personnes\s+|membres\s+)?excusé{_FR_ENDING}|excusados|entschuldigt|afgemeld|ymddiheuriadau"
_ABSENT_ABROAD = rf"(?:personnes\s+|membres\s+)?absent{_FR_ENDING}|ausentes|abwesend|afwezig(?:en)?|yn\s+absennol"
_ROLE_HEADINGS = [
    (
        re.compile(
            # "Attending via Teams", "Attending by phone", "Attended by"
            rf"^(?:{_WHO}\s+)?(?:present|attending)(?:\s+in\s+person|\s+remotely|\s+(?:via|by|on)(?:\s+[\w-]+){{1,3}})?$|"
            rf"^attended\s+by$|^(?:{_PRESENT_ABROAD})$|"
            r"^attendees$|^attendance$|^roll call$|"
            r"^participants$|^(?:board\s+|council\s+|committee\s+|voting\s+)?members$|^councillors$|"
            r"^(?:trustees|governors|directors|commissioners)$"
        ),
        Role.PRESENT,
    ),
    (re.compile(r"^(?:officers?|staff)(?:\s+(?:present|in attendance|attending))?$"), Role.OFFICER),
    (
        re.compile(
            r"^(?:also\s+(?:in\s+attendance|present|attending)|in\s+attendance|others?|guests?|observers?|visitors?|"
            # "Other attendees", "Public attendees", "Guest attendees"
            r"members\s+of\s+the\s+public|(?:(?:community|other|public|guest|non-?member)\s*/?\s*)+attendees)$"
        ),
        Role.ALSO_ATTENDING,
    ),
    # "Regrets" and "Excused" are how many boards outside Britain say who sent apologies.
    (
        re.compile(
            rf"^(?:{_WHO}\s+)?(?:apolog(?:ies|y)(?:\s+for\s+absence|\s+received)?|regrets|excused|absent\s+excused|"
            rf"absent\s+with\s+apolog(?:ies|y)|excused\s+absences?|{_EXCUSED_ABROAD})$"
        ),
        Role.APOLOGIES,
    ),
    (
        re.compile(
            rf"^(?:{_WHO}\s+)?(?:absent(?:\s+without\s+apolog(?:ies|y)|\s+unexcused)?|not\s+(?:present|attending)|unexcused"
            rf"(?:\s+absences?)?|{_ABSENT_ABROAD})$"
        ),
        Role.ABSENT,
    ),
]
_ORGANISATION_WORDS = re.compile(
    r"\b(?:Council|Police|Service|Services|Board|Group|Company|Commissioner|Health|Team|Office|Authority|"
    r"Trust|NHS|CCG|Centre|Department|Partnership|Probation|Chair|University|Fire|Rescue|Safeguarding|"
    r"Public|Community|Safety|Manager|Management|Network|Unit|Agency|Hub|Project|Officer|Head|Director|"
    r"Government|Association|Limited|Ltd)\b"
)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-zA-Z'’\-]+|[A-Z]\.?(?:\s?[A-Z]\.)*|[A-Z]{2,3}|O['’][A-Z][a-z]+)$")
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_RULE = re.compile(r"^[-–=_\s]+$")


def role_heading(line: str) -> Role | None:
    """The role a block heading introduces ("Apologies for absence" → apologies)."""
    text = strip_markup(line).rstrip(":").strip().lower()
    for pattern, role in _ROLE_HEADINGS:
        if pattern.match(text):
            return role
    return None


def looks_like_person(text: str) -> bool:
    """A name as minutes list it: "Cllr. Ann Hale", "Jo Smith", "Mr. J. T. Brown CC JP"."""
    if starts_with_honorific(text):
        return True
    if _ORGANISATION_WORDS.search(text):
        return False
    tokens = text.replace(",", " ").split()
    return 2 <= len(tokens) <= 5 and all(_NAME_TOKEN.match(t) for t in tokens)


def _cells(line: str) -> list[str]:
    """A line split into the cells a converter flattened into it."""
    if "\t" in line:
        return [strip_markup(cell) for cell in line.split("\t") if strip_markup(cell)]
    text = strip_markup(line)
    # "John RichardsonNorth Wold District Council": PDF columns run together.
    if len(_GLUED.findall(text)) >= 2:
        return [part.strip() for part in _GLUED.split(text) if part.strip()]
    if len(text) > 200:
        return _run_together(text)
    return [text] if text else []


_LEADING_TITLE = re.compile(rf"^{HONORIFIC}\s+")
_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z]$")
_WORD = re.compile(r"^[A-Z][a-z'’-]+$")


def _titled_name(piece: str) -> tuple[str, str] | None:
    """("Cllr. Kevin J. Loydall", rest) from "Cllr. Kevin J. Loydall Community Safety …"."""
    title = _LEADING_TITLE.match(piece)
    if not title:
        return None
    words = piece[title.end() :].split()
    taken, names = [], 0
    for word in words:
        bare = word.rstrip(",")
        if _INITIALS.match(bare) and names < 2:
            taken.append(bare)
        elif _WORD.match(bare) and names < 2 and not _ORGANISATION_WORDS.search(bare):
            taken.append(bare)
            names += 1
        else:
            break
    if not names:
        return None
    return f"{piece[: title.end()].strip()} {' '.join(taken)}", " ".join(words[len(taken) :])


def _run_together(text: str) -> list[str]:
    """A whole table flattened into one line: cut it before each titled name ("Cllr. Lee Breckon").

    Untitled names in such a line cannot be told from organisations and are left out.
    """
    cells: list[str] = []
    for piece in re.split(rf"(?=\b{HONORIFIC}\s)", text):
        piece = piece.strip(" ,-–")
        found = _titled_name(piece)
        if found is None:
            if cells and piece:
                cells.append(piece)
            continue
        name, rest = found
        cells.append(name)
        if rest.strip(" ,-–"):
            cells.append(rest.strip(" ,-–"))
    return cells


_INITIALS_MARK = re.compile(r"^[A-Z]{2,4}$")


def _initialled(text: str) -> list[tuple[str, str | None]] | None:
    """ "Cllr Jo Bell JB Chair Cllr Sam Lee SL Clerk": a table of names, each beside the initials the minutes
    use for them and the office they hold, flattened into one line: (name, office) for each, or None."""
    words = text.split()
    marks: list[tuple[int, int]] = []  # where each name starts (its title too) and where its initials stand
    for index, word in enumerate(words):
        if not _INITIALS_MARK.match(word):
            continue
        for size in (3, 2):
            name = words[max(0, index - size) : index]
            if len(name) == size and all(_WORD.match(w) for w in name) and "".join(w[0] for w in name) == word:
                start = index - size
                start -= bool(start and _LEADING_TITLE.match(f"{words[start - 1]} "))
                marks.append((start, index))
                break
    if len(marks) < 2:
        return None
    ends = [start for start, _ in marks[1:]] + [len(words)]
    return [
        (" ".join(words[start:at]), " ".join(words[at + 1 : end]) or None)
        for (start, at), end in zip(marks, ends, strict=True)
    ]


# The label's letters, with the marks of a word written for both genders ("Présent.e.s", "Excusé·e·s").
_INLINE = re.compile(r"^(?P<heading>[^\W\d_](?:[^\W\d_]| |[.·](?=[^\W\d_])){3,39}?)\s*[:–-]\s*(?P<names>.+)$")
_NOTE = re.compile(r"^(?P<name>.+?)\s*\((?P<note>[^)]*)\)$")


def _inline(cell: str) -> tuple[Role, list[ParsedAttendee]] | None:
    """ "Present: Cllr J Smith (Chair), Cllr A Patel and Mrs K Lee (Clerk)" on one line."""
    m = _INLINE.match(cell)
    role = role_heading(m["heading"]) if m else None
    if m is None or role is None:
        return None
    return role, _named(m["names"], role)


# A title set once before a list of names applies to each: "Councillors M Khan (Chair), S Wood and L Grant",
# "Directors Okafor, Lind and Ruiz".
_PLURAL_TITLES = {
    "councillors": "Councillor",
    "cllrs": "Councillor",
    "directors": "Director",
    "trustees": "Trustee",
    "commissioners": "Commissioner",
    "supervisors": "Supervisor",
    "aldermen": "Alderman",
    "councilmembers": "Councilmember",
    "bros": "Bro.",  # trade unions' "Bros. T Ode, R Lane"
    "brothers": "Brother",
    "sisters": "Sister",
}
_PLURAL = re.compile(rf"^(?P<title>{'|'.join(_PLURAL_TITLES)})\.?\s+", re.IGNORECASE)


def _named(names: str, role: Role) -> list[ParsedAttendee]:
    """The people a list of names gives, each with any note in brackets after it ("Jo Hale (Chair)")."""
    people = []
    plural = _PLURAL.match(names)
    if plural:
        names = names[plural.end() :]
    for part in re.split(r",\s*|;\s*|\s+and\s+|\s+&\s+", names):
        note = _NOTE.match(part.strip())
        name, extra = (note["name"], note["note"]) if note else (part.strip(), None)
        if not re.search(r"\b[A-Z]\.$", name):
            name = name.rstrip(".")  # the sentence's full stop, not an initial's
        if plural and name.split() and all(_NAME_TOKEN.match(token) for token in name.split()[:4]):
            # A name, or a surname or initials and surname alone, under a title set for the list.
            people.append(ParsedAttendee(f"{_PLURAL_TITLES[plural['title'].lower()]} {name}", extra, role))
        elif table := _initialled(name):
            # A note in brackets closes the line: the last person's ("… Parish Clerk (Minutes)").
            people += [ParsedAttendee(person, office, role) for person, office in table[:-1]]
            people.append(ParsedAttendee(table[-1][0], table[-1][1] or extra, role))
        elif looks_like_person(name):
            people.append(ParsedAttendee(name, extra, role))
    return people


# Who was there said in a sentence: "The following members were present: …", "Present were …", "Apologies were
# received from …", "Those in attendance were …".
_SAID_LIST = re.compile(
    r"^(?:.{0,60}?\b)?(?:(?P<present>present|in\s+attendance|attending)(?:\s+(?:were|was))?"
    r"|(?P<apologies>apologies(?:\s+for\s+absence)?\s+(?:were|was)\s+(?:received|given|tendered|noted)\s+from"
    r"|regrets\s+(?:were\s+)?(?:received\s+)?from)"
    r"|(?P<absent>absent)(?:\s+(?:were|was))?)\s*[:–-]?\s+(?P<names>[A-Z].*)$",
    re.IGNORECASE,
)


def _said(sentence: str) -> tuple[Role, list[ParsedAttendee]] | None:
    """The people a sentence says were present, sent apologies or were absent."""
    m = _SAID_LIST.match(sentence.strip())
    if m is None:
        return None
    role = Role.PRESENT if m["present"] else Role.APOLOGIES if m["apologies"] else Role.ABSENT
    people = _named(m["names"], role)
    return (role, people) if people else None


def parse_attendance(lines: list[str]) -> list[ParsedAttendee]:
    """Attendees under each role heading, each name paired with the organisation after it."""
    attendees: list[ParsedAttendee] = []
    role: Role | None = None
    for line in lines:
        if inline := _inline(strip_markup(line)):
            role, people = inline
            attendees.extend(people)
            continue
        if said := [found for sentence in sentences(strip_markup(line)) if (found := _said(sentence))]:
            role = said[-1][0]
            attendees.extend(person for _, people in said for person in people)
            continue
        for cell in _cells(line):
            cell = cell.lstrip(BULLETS + " ")  # a list's bullet
            heading = role_heading(cell)
            note = _NOTE.match(cell)
            if heading:
                role = heading
            elif role is None or _RULE.match(cell) or len(cell) > 200:
                continue
            elif looks_like_person(cell):
                attendees.append(ParsedAttendee(cell, None, role))
            elif note and looks_like_person(note["name"].strip()):
                attendees.append(ParsedAttendee(note["name"].strip(), note["note"], role))
            elif attendees and attendees[-1].role == role:
                # An organisation, or the wrapped tail of the one before it.
                last = attendees[-1]
                last.organisation = f"{last.organisation} {cell}" if last.organisation else cell
    return attendees


ATTENDANCE_TITLE = "Attendance"
_MAX_HEAD_CHARACTERS = 3000
# An item titled for who attended ("Present", "Calling of the Roll", "Quoracy") or who did not ("Apologies").
_PRESENCE_TITLE = re.compile(rf"\b(?:present|attend\w*|roll|sederunt|quor\w+|{_PRESENT_ABROAD})(?!\w)", re.I)
# Who did not attend, as minutes say it ("Regrets" and "Excused" outside Britain, and in other languages).
_ABSENT_WORDS = rf"apolog\w*|absent|absence|regrets|excused|{_EXCUSED_ABROAD}|{_ABSENT_ABROAD}"
_ABSENCE_TITLE = re.compile(rf"\b(?:{_ABSENT_WORDS})(?!\w)", re.I)


def names_attendance(title: str, absence: bool) -> bool:
    """Whether an item's title says it records who did not attend (`absence`), or who did."""
    return bool((_ABSENCE_TITLE if absence else _PRESENCE_TITLE).search(title))


# A line that opens an attendance list: "Present:", "Apologies were received from", "Councillors present",
# "In attendance", "Absent:", "Roll call", "Attendees".
_LIST_OPENS = re.compile(
    rf"^(?:[\w’'(). ]{{0,30}}\b)?(?:present|attend\w*|{_ABSENT_WORDS}|roll call|sederunt)\b"
    rf"|^(?:{_PRESENT_ABROAD}|{_EXCUSED_ABROAD}|{_ABSENT_ABROAD})\s*[:–-]"
    r"|^(?:members|councillors|trustees|governors|directors|officers|staff|guests|participants|"
    r"chair(?:man|person)?)\s*[:(–-]",
    re.IGNORECASE,
)


# "… Present: Cownie and Voss. Absent:", "Te Hunga kua Tae mai | present": its names on the next lines.
_LABELS = (
    rf"\b(?:roll\s+call|present|absent|apologies|attendees|in\s+attendance|regrets|excused|{_PRESENT_ABROAD}|"
    rf"{_EXCUSED_ABROAD}|{_ABSENT_ABROAD})"
)
_ENDS_ON_LABEL = re.compile(rf"{_LABELS}(?:\s+(?:were|was|are))?\s*[:|]?-?\s*$", re.IGNORECASE)


def ends_on_label(line: str) -> bool:
    """A line ending on the label of a list of who attended, its names below it ("… present were:-")."""
    return bool(_ENDS_ON_LABEL.search(line))


def _listed(lines: list[str], opens: Callable[[str], object], said: Callable[[str], object] | None = None) -> list[str]:
    """The lines that open an attendance list (`opens`), and the lines of names it runs on to without a
    blank line between (after a heading alone, such as "PRESENT", across one); the lines that only say in
    passing who was there (`said`: "… with all members present"), alone; all else stays out."""
    kept: list[str] = []
    running = heading = labelled = bridged = False
    for line in lines:
        if not line:
            # A web page sets each name on a line of its own, blank lines between: past a blank line the
            # list runs on through people ("Councillor – Jo Hale"), not through anything list-like.
            running, bridged = heading, running or bridged
            continue
        if not line.strip(" |-–—:+="):
            continue  # a table's rule or empty cell: the list runs on past it
        if (
            opens(line)
            or (running and (labelled or _list_like(line) or role_heading(line)))
            or (bridged and person_entry(line))
        ):
            kept.append(line)
            labelled = bool(_ENDS_ON_LABEL.search(line))
            running, heading = True, role_heading(line) is not None or labelled
        elif said is not None and said(line):
            kept.append(line)  # alone, unless it ends on a label whose names follow ("… Absent:")
            running = heading = labelled = bool(_ENDS_ON_LABEL.search(line))
        else:
            running = heading = labelled = False
        bridged = False
    return kept


def person_entry(line: str) -> bool:
    """A line naming one person, with any office before or after ("Mayor – Jo Hale", "Clerk, Sam Lee",
    "Jo Hale / Parks Trust")."""
    bare = line.lstrip(BULLETS + " ")  # a list's bullet
    return any(looks_like_person(part.strip()) for part in re.split(r"\s[–—/-]\s|,|\(|\t", bare) if part.strip())


_UNLABELLED_RUN = 4  # lines of people in a row, with no label over them, to be the list of who attended


def _unlabelled_list(head: list[str]) -> list[str]:
    """The first run of lines that each name a person ("Jo Hale / Parks Trust", "Sam Lee / Treasurer") at the head
    of minutes that print no label over it: who attended."""
    run: list[str] = []
    for line in [*head, ""]:
        if line and person_entry(line):
            run.append(line)
            continue
        if len(run) >= _UNLABELLED_RUN:
            return run
        run = []
    return []


_HEAD_ITEMS = 5  # the attendance items of a meeting come first ("1 Welcome, 2 Present, 3 Apologies")
_GAP = 20  # lines after the head's last item that may still list people, before the next item
_OPENING_ITEMS = 2  # a page's furniture and its preamble can each read as an item before the list
_LONG_LINE = 300  # a line this long is a page or table flattened into one: only its lists are read
_LIST_MAX = 2500  # a long list of members and officers, flattened into one line
# A list opening inside a flattened line: "… Laban, London Present Liz Forgan (Chair), …", "… met on Monday.
# Those in attendance were Bruce …", "… Absent: Dr. Bart …". Capitalised, and a name (a capital) after it.
_CUE = re.compile(
    r"\b(?:(?:Members\s+|Also\s+|Others\s+)?(?:Present|PRESENT|Attending|ATTENDING)|Attendees|ATTENDEES|"
    r"Attendance|(?:[Oo]thers\s+|[Aa]lso\s+)?[Ii]n\s+attendance(?:\s+were)?|following\s+(?:\w+\s+)?(?:were\s+)?present|Apologies(?:\s+for\s+absence)?|APOLOGIES|Absent|ABSENT|Regrets|Excused|EXCUSED|"
    r"[Tt]hose\s+(?:in\s+attendance|present)\s+(?:were|was|included))\b\s*[:–-]?\s*(?=[A-Z])"
)
_CAPITALISED = re.compile(r"^[A-Z(]")


def records_attendance(lines: list[str]) -> bool:
    """Whether the text says who was there ("Attendees" over a list of people): minutes, not an agenda."""
    written = [strip_markup(line) for line in lines if strip_markup(line)]
    return any(
        role_heading(line) is Role.PRESENT and person_entry(following)
        for line, following in itertools.pairwise(written)
    )


def _list_like(sentence: str) -> bool:
    """A sentence that goes on listing people ("Richard Smith, Dr. Bart Williams, unexcused."), not prose."""
    words = sentence.split()
    return bool(_CUE.search(sentence)) or sum(bool(_CAPITALISED.match(w)) for w in words) * 2 >= len(words)


def _lists_in(line: str) -> list[str]:
    """The attendance lists inside a flattened line: each from its opening to where prose resumes."""
    found: list[str] = []
    reached = 0
    cues = [0] if _LIST_OPENS.match(line) else []
    for start in cues + [cue.start() for cue in _CUE.finditer(line)]:
        if found and start < reached:
            continue
        kept = []
        for sentence in sentences(line[start : start + _LIST_MAX]):
            # … on through sentences that say who else came ("District Councillor Jo Hale also attended").
            if kept and not (_list_like(sentence) or _MENTIONS.search(sentence)):
                break
            kept.append(sentence)
        found.append(" ".join(kept))
        reached = start + len(found[-1])
    return found


# "The meeting was called to order at 7pm by Warden Vale", "… chaired by Cllr Lee": who led it.
_LED = re.compile(
    r"\bcalled (?:the meeting )?to order\b.*\bby\b|\b(?:chaired|presided over)\s+by\b|\bin the chair\b", re.IGNORECASE
)
_LED_SENTENCES = 3  # who led the meeting is said at its opening


def _presided(line: str) -> list[str]:
    """The opening sentence of a flattened line that says who called the meeting to order or chaired it."""
    return [sentence for sentence in sentences(line)[:_LED_SENTENCES] if _LED.search(sentence)][:1]


# A title set once before a line of names (_PLURAL_TITLES), or a word for the whole list ("Members Hale, Lee").
_PLURAL_TITLE = re.compile(rf"^(?:{'|'.join([*_PLURAL_TITLES, 'governors', 'members'])})\.?\s+", re.IGNORECASE)


def names_only(line: str) -> bool:
    """A line that is a list of people and nothing else ("Cllrs B Austin, D Bretherton (Deputy Mayor), …")."""
    bare = _PLURAL_TITLE.sub("", re.sub(r"\([^)]*\)", "", line)).strip(" .,;")
    parts = [p.strip() for p in re.split(r",|;|\s+and\s+|\s+&\s+", bare) if p.strip()]
    return len(parts) >= 3 and sum(looks_like_person(p) for p in parts) * 5 >= len(parts) * 4


def _head_lines(meeting: ParsedMeeting, lines: list[str]) -> tuple[list[str], list[str], int]:
    """Where minutes say who attended, and the line it ends on: the lines from the meeting's start to the end
    of its first items (a page's furniture, a preamble), and the whole of any item among the first few
    titled for who attended or sent apologies ("Call to Order/Roll Call: Allard, Haskins … present")."""
    ordered = sorted(meeting.items, key=lambda i: i.line_start)[:_HEAD_ITEMS]
    titled = [i for i in ordered if names_attendance(i.title, absence=False) or names_attendance(i.title, absence=True)]
    end = max([meeting.line - 1] + [i.line_end for i in ordered[:_OPENING_ITEMS] + titled])
    # … and on to the next item: lines between items ("Also present", "Apologies" after a preamble) are the head's.
    end = min([i.line_start - 1 for i in meeting.items if i.line_start > end] + [end + _GAP, len(lines)])
    head = [strip_markup(line) for line in lines[max(0, meeting.line - 1) : end]]
    whole = [strip_markup(lines[n - 1]) for i in titled for n in range(i.line_start, min(i.line_end, end) + 1)]
    return head, whole, end


# A line of the head that says who was or was not there, in the chair or taking the minutes, wherever it says
# it ("… called to order at 5PM with all members present except J. Karnes"); "to present the accounts" is
# another verb.
_MENTIONS = re.compile(
    r"(?<!\bto )\b(?:present|absent|apologi[sz]\w*|in attendance|attended|in the chair|presid(?:ed|ing)|chaired|"
    r"called (?:the meeting )?to order|minutes? (?:were |was )?(?:taken|recorded) by|minute[- ]?taker|"
    r"recording secretary)\b|\b(?:board|council|committee)\s+members\s*[:–-]"
    # How many came, when the minutes count rather than name them ("12 in person, 4 online").
    r"|\b\d{1,4}\s+(?:in\s+person|online|on\s+zoom|remotely|members\s+present|people\s+present|attendees)\b",
    re.IGNORECASE,
)


def _long_list(line: str) -> bool:
    return len(line) <= _LIST_MAX and names_only(line)


def _opens(line: str) -> bool:
    return bool(_LIST_OPENS.match(line) or names_only(line) or _chair_alone(line))


# "Jo Hale (Chair)" on a line of its own at the head: who chaired, before the list of who else came.
_CHAIR_NOTE = re.compile(r"\((?:chair|chairman|chairwoman|chairperson|presiding|in\s+the\s+chair)\)\W*$", re.I)


def _chair_alone(line: str) -> bool:
    return bool(_CHAIR_NOTE.search(line)) and looks_like_person(_CHAIR_NOTE.sub("", line).strip(" ,.;"))


_OUTRIGHT_LINES = 60
_OUTRIGHT = re.compile(rf"{_LABELS}\s*:", re.IGNORECASE)


def _said_outright(lines: list[str]) -> list[str]:
    """Lines with "Present:", "Roll call:", "Absent:" anywhere in them; the next line too when one ends on
    its label ("… Absent:" then "Gatto.")."""
    kept: list[str] = []
    written = [line for line in lines if line.strip()]
    for index, line in enumerate(written):
        if _OUTRIGHT.search(line):
            kept.append(line)
            if line.rstrip().endswith(":") and index + 1 < len(written):
                kept.append(written[index + 1])
    return kept


def attendance_item(meeting: ParsedMeeting, lines: list[str]) -> ParsedItem | None:
    """The head of a meeting's minutes, where they say who was present, in the chair, in attendance,
    sent apologies or was absent, as one item of the meeting (its title derived): "who sent apologies
    in March?" is answered in the minutes' own words and cited to that meeting."""
    if not meeting.has_minutes:
        return None
    head, whole, end = _head_lines(meeting, lines)
    short = [line if len(line) <= _LONG_LINE else "" for line in head]
    # A long line is a page flattened into one, or a long list of names ("Cllrs. M. Lee, J. Munro, …").
    flattened = [
        found
        for line in head
        if len(line) > _LONG_LINE
        for found in ([line] if _long_list(line) else _presided(line) + _lists_in(line))
    ]
    # Some minutes list who attended at their foot ("Attendees", "Apologies" after the last item).
    foot = [strip_markup(line) for line in lines[max(0, end) :]]
    # At the head any line opening a list counts; below it, only a heading of its own ("Attendees").
    titled = [line for line in whole if 0 < len(line) <= _LONG_LINE or _long_list(line)]
    listed = _listed(short, _opens, _MENTIONS.search) + flattened + titled
    listed += _listed(foot, role_heading)
    if not listed:
        # Items misread around it ("22-0073 1. ROLL CALL: Present: … Absent:" under a page's banner): the
        # meeting's first lines that say outright who was there.
        listed = _said_outright([strip_markup(line) for line in lines[max(0, meeting.line - 1) :][:_OUTRIGHT_LINES]])
    if not listed:
        listed = _unlabelled_list(short)
    text = "\n".join(dict.fromkeys(listed))[:_MAX_HEAD_CHARACTERS]
    if not text:
        return None
    return ParsedItem(
        Section.ATTENDANCE, ATTENDANCE_TITLE, text, meeting.line, max(meeting.line, end), title_derived=True
    )
