"""Which lines of minutes head an item: numbered headings, short title lines, and what is never one.

Shared by the web-page reader and the generic reader, so "Councillor X in the Chair" or
"Proposed by: … Seconded by: …" is not taken for an item title by either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.language.bullets import BULLET
from corpus.language.dates import MONTHS, find_dates, find_numeric_dates
from corpus.language.minute_numbers import PRINTED, REGISTER
from corpus.language.names import HONORIFIC, is_person_alone, starts_with_honorific
from corpus.read.text import SKIP_LINK
from corpus.shapes.numbering import OUTLINE, outline_parts

# Finite verbs and auxiliaries: a line that has one is minuting, not naming, an item.
VERB = re.compile(
    r"\b(?:was|were|is|are|had|has|have|would|will|be|been|did|does|stated|noted|made|welcomed|provided|"
    r"considered|informed|agreed|requested|reported|received|gave|asked|confirmed|explained|took|thanked|"
    r"said|advised|declared|resolved|presented|proposed|seconded|moved|carried|approved|discussed|"
    r"updated|highlighted|commented|queried|responded|suggested|felt|expressed|outlined|reminded)\b",
    re.IGNORECASE,
)
# "Councillor J Smith in the Chair", "(Chair)", "Chairman: Cllr A Brown": who chaired, not an item.
CHAIR_LINE = re.compile(r"\bin\s+the\s+chair\b|^\(?chair(?:man|person)?\)?\s*:?\s*$", re.IGNORECASE)
# Field labels inside an item ("Minutes:", "Decision:", "Proposed by:") head a part of it, not a new item.
FIELD_LABEL = re.compile(
    r"^(?P<label>minutes|protokoll|decisions?|resolved|resolution|outcome|purpose|reasons?(?: for the decision)?|"
    r"alternative options(?: considered)?|decision maker|decision status|decision type|"
    r"is key decision\??|is subject to call[- ]in\??|proposed(?: by)?|seconded(?: by)?|moved(?: by)?|vote|votes|"
    r"voting|for|against|abstentions?|action(?:s| required)?|action by|ai|lead|report author|presented by|"
    r"wards? affected|additional documents|contact|notes?|recommendations?|summary|background|"
    r"discussion|comments?|result|motion|date|time|place|venue|location|"
    # A meeting's media, linked at its head: "Recording: …", "Transcript: …", "Slides: …"
    r"(?:meeting\s+|video\s+|chat\s+)?(?:recording|transcript)|slides|(?:zoom|meeting|call)\s+link|livestream)"
    r"\b\s*\??\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# "5. Apologies", "C048/23 1. APOLOGIES", "Item 5 – Budget", "IV. NEW BUSINESS", "1.) Roll Call", "6 ) AOB",
# "3/ AOB", and "4.1 / Christmas Trees" as a table's number and title cells come out of some converters.
NUMBERED = re.compile(
    rf"^(?P<ref>(?:{REGISTER})\s+(?=\(?\d))?"
    # The word before the number, English or as boards minuting in German, French or Spanish write it
    # ("TOP 3" for Tagesordnungspunkt, "Point 3", "Punto 3").
    r"(?P<word>(?:agenda\s+)?(?:items?|minute|min\.?|top|punkt|point|punto)\s+(?:no\.?\s*|#\s*)?)?"
    rf"(?P<num>{PRINTED})"
    r"(?P<sep>(?:\.\)|[.):])\s*|\s+\)\s*|\s*[-–—]\s*|\s*/\s+|\s+)(?P<title>[A-Z‘'\"(\[].*)$",
    re.IGNORECASE,
)
# "Signed …", "Date: ……" left for a signature, "Attest:" or "True record" as a clerk certifies minutes; "Date of
# next meeting" is an item, not one of these.
_SIGNATURE = re.compile(
    r"^(?:signed|chair(?:man|person)?'?s? signature|date of signing|(?:a\s+)?true\s+record|attest(?:ed)?\s*:)\b.*$"
    r"|^date\s*[:.]?[\s._]*$|[._]{6,}",
    re.I,
)
# A title in capitals with the minute running on after it on the same line.
_CAPS_LEAD = re.compile(
    r"^(?P<title>[A-ZÀ-Þ0-9&'’,/()–—-]{2,}(?:\s+[A-ZÀ-Þ0-9&'’,/()–—-]{1,})*?)[\s:.–-]+(?=[A-Z][a-z])"
)
MAX_TITLE_WORDS = 14
_SUB_LABEL = re.compile(r"^\(\w{1,3}\)\s")  # "(1) Dropped kerb …": a list of sub-items starts after the title
_RUN_IN_WORDS = 6  # a title run in ahead of its minute as a sentence of its own is short
MAX_CAPS_TITLE_WORDS = 30


@dataclass(frozen=True)
class Heading:
    """A line that heads an item: its number as printed (if any) and its title."""

    number: str | None
    reference: str | None
    title: str
    inline: str = ""  # text run on after a title in capitals: "38. APOLOGIES Apologies were received …"
    styled: bool = False  # set in a heading style ("## Old Business", Word's Heading 2): an item even if empty
    derived: bool = False  # a title run in ahead of the text ("Lighting. HP to …"), not printed as a heading

    @property
    def parts(self) -> tuple[int, ...]:
        """The number's figures, to tell the item sequence (5, 6) from sub-items (5.1); an outline's letter
        counts as its place ("B" → 2, "B-3" → 2, 3)."""
        if outline := OUTLINE.match(self.number or ""):
            return outline_parts(outline)
        return tuple(int(p) for p in re.findall(r"\d+", self.number or ""))

    @property
    def letter(self) -> int:
        """The letter after the number, counted from 1 ("2a", "2b"), or 0: items 2a and 2b follow 1."""
        m = re.search(r"\d([a-z])\)?$", self.number or "", re.IGNORECASE)
        return ord(m[1].lower()) - ord("a") + 1 if m else 0


def is_caps(text: str) -> bool:
    """A line set in capitals, as many clerks set their headings."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


# What a line says that no item is named by: an outcome or status alone ("None received.", "Noted",
# "Completed", "(unanimously)"), an amount, an attachment's label, a street address or postcode, and
# the words of a web page's own controls.
_NO_TITLE = re.compile(
    r"^(?:(?:no|none|nil|n/a)\b[^:]{0,40}\.|(?:none|nil|n/a|noted|completed|complete|done|ongoing|in progress|"
    r"carried|agreed|approved|deferred|withdrawn|closed|open|received|unanimously|resolved)(?: received)?\.?"
    r"|\([^()]{0,40}\)|(?:att|attachment|appendix|annex|enc|encl|item)\.?\s*[\w.]{1,5}|page\s*(?:no\.?\s*)?\d+(?:\s*of\s*\d+)?"
    rf"|loading\W*|{SKIP_LINK}|zoom(?: in| out)?|print(?: this page)?|share(?: this (?:item|page))?|"
    r"menu|search|home|"
    r"back to top|close|cookies?(?: settings)?|accept(?: all)?(?: cookies)?|toggle navigation|sign in|log in|"
    r"download|next|previous|contact us|accessibility|font size)$",
    re.IGNORECASE,
)
# "Action TK: Ask the caretaker …", "ACTION JB/KL: send …": a task marked with its owner, not a heading.
_ACTION_FOR = re.compile(r"^action\s+\S+(?:\s+\S+)?\s*:\s*\S", re.IGNORECASE)
_AMOUNT_LINE = re.compile(
    r"^[£$€]\s?\d[\d,.]*(?:\s?(?:k|m|bn|million|thousand))?\b\W*$|^\d[\d,.]*\s?(?:£|€|dollars|pounds)$", re.I
)
_ADDRESS = re.compile(
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$"  # a UK postcode ending the line
    r"|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?$"  # a US state and ZIP code
    r"|^\d{1,5}\s+(?:[A-Z][\w'’.-]*\s+){1,4}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Way|Boulevard|"
    r"Blvd|Place|Pl|Court|Ct|Close|Crescent|Terrace|Highway|Hwy)\b\.?,?"
)


def is_never_title(text: str) -> bool:
    """Lines that look short and bold but never name an item: the chair, labels, signatures, dates,
    a person alone, an outcome or status alone, an amount, an address, a web page's controls."""
    if CHAIR_LINE.search(text) or FIELD_LABEL.match(text) or _SIGNATURE.match(text) or _ACTION_FOR.match(text):
        return True
    bare = text.strip()
    if _NO_TITLE.match(bare) or _AMOUNT_LINE.match(bare) or _ADDRESS.search(bare) or is_person_alone(bare):
        return True
    stripped = re.sub(r"[\W\d_]+", " ", text).strip().lower()
    if not stripped or all(
        w in MONTHS or w in {"st", "nd", "rd", "th", "am", "pm", "at", "on"} for w in stripped.split()
    ):
        return True  # a date or a time on its own
    return bool((find_dates(text) or find_numeric_dates(text)) and len(text.split()) <= 5)


def title_like(text: str) -> bool:
    """Short, capitalised and verb-less (or set in capitals): a line that names what follows."""
    words = text.split()
    if not words or not (text[0].isupper() or text[0] in "‘'\"(["):
        return False
    if is_never_title(text) or text.endswith((",", ";", "...", "…")) or text.lower().startswith("that "):
        return False
    if is_caps(text):
        return len(words) <= MAX_CAPS_TITLE_WORDS
    if len(words) > MAX_TITLE_WORDS or VERB.search(text):
        return False
    # A sentence ends in a full stop after several words; a title rarely does.
    return not (text.endswith(".") and len(words) > 6)


_PAGE_NUMBER = re.compile(r"^\d{1,3}\s+(?=\d{1,3}[.)]\s+[A-Z])")
_TRAILING_OUTCOME = re.compile(r"\s+(?P<outcome>(?:None|Nil|Noted|N/A)(?:\s+(?:received|declared))?\.?)$")


def numbered_heading(text: str) -> Heading | None:
    """ "5. Apologies", "21.44 ELECTION OF CHAIR", "C048/23 1. APOLOGIES", "Item 5 – Budget"."""
    m = NUMBERED.match(text)
    if not m:
        # "2 1. OPENING": a page's number run into the item's own.
        page = _PAGE_NUMBER.match(text)
        return numbered_heading(text[page.end() :]) if page else None
    title, _, cells = m["title"].strip().partition("\t")  # a table's row: its title cell, then its discussion
    number = m["num"].strip("()")
    if len(number) == 1 and number.isalpha() and not m["sep"].strip() and not is_caps(title):
        return None  # "A Smith reported …": an initial, not a lettered heading ("I DECLARATIONS" is one)
    if len(number) == 1 and number.isalpha() and re.match(r"[A-Z]\.", title):
        return None  # "J. R. Smith", "M.S. 12": initials, not a lettered heading
    reference = m["ref"].strip() if m["ref"] else None
    if cells and title_like(title):
        return Heading(number=number, reference=reference, title=title, inline=cells.replace("\t", " "))
    title, inline = m["title"].replace("\t", " ").strip(), ""
    if m["word"] and title.endswith(".") and title_like(title[:-1]):
        title = title[:-1]  # "Item 2. Benches and the new stile by the church.": the label says it is a heading
    if not title_like(title) and not (is_caps(title) and len(title.split()) <= MAX_CAPS_TITLE_WORDS):
        # A title in capitals runs to where the minute starts; its own dashes are part of it.
        title, inline = _caps_lead(title)
        if not title:
            title, inline = _labelled_lead(inline) or ("", inline)
        if not title:
            return None
    if m_outcome := _TRAILING_OUTCOME.search(title):
        # "DECLARATIONS OF INTEREST None": the outcome run on after the title is the minute's text.
        title, inline = title[: m_outcome.start()].rstrip(" :–-"), f"{m_outcome['outcome']} {inline}".strip()
    if title.split()[0].lower().strip(",.") in MONTHS:
        return None  # "20 September 2019": a date, not item 20
    # "B-2) Treasurer's Report –": the dash an agenda leaves for the report, no part of the title.
    title = re.sub(r"(?<=\w)\s*[–—-]+$", "", title)
    return Heading(number=number, reference=reference, title=title, inline=inline)


# "2.1 Apologies were received …", "1.<TAB>Welcome and apologies Apologies were …": a numbered
# paragraph (or a table row's number and its text), heading nothing of its own.
_NUMBERED_PARAGRAPH = re.compile(
    # "Item #12. Moved by …": the word before the number as NUMBERED reads it
    r"^(?i:(?:agenda\s+)?items?\s+(?:no\.?\s*|#\s*)?)?"
    r"(?P<num>\d{1,4}(?:\.\d{1,3})+\.?\s+|\d{1,4}(?:[.)]\s+|\.?\t))(?P<rest>[A-Z‘'\"(\[].*)$"
)


def numbered_paragraph(text: str) -> Heading | None:
    """ "2.1 Apologies were received from …": a numbered paragraph, its words the item's text (no title)."""
    m = _NUMBERED_PARAGRAPH.match(text)
    if not m or (is_never_title(m["rest"][:40]) and find_dates(m["rest"][:40])):
        return None
    return Heading(number=m["num"].strip().rstrip(".)"), reference=None, title="", inline=m["rest"])


_GLUED_DASH = re.compile(r"(?<=[A-Za-z)’'])[–—-]\s+(?=\S)")


def _labelled_lead(text: str) -> tuple[str, str] | None:
    """ "Call to Order: Mayor Woodard calls the meeting to order …", "Police Report – PK reported …" →
    the title before the colon or dash, and the rest."""
    for separator in (": ", " – ", " — ", " - "):
        head, sep, rest = text.partition(separator)
        if sep and rest and len(head.split()) <= 8 and title_like(head):
            return head, rest
    # "Allotments- the waiting list now stands at …": the dash typed against the title's last word.
    if (m := _GLUED_DASH.search(text)) and len(text[: m.start()].split()) <= 8 and title_like(text[: m.start()]):
        return text[: m.start()], text[m.end() :]
    # "Minutes of last meeting. The minutes of the May meeting were approved …": a short title sentence
    # ("Lighting. HP to …" too, but not "Mr. Smith …").
    head, sep, rest = text.partition(". ")
    words = len(head.split())
    short = 2 <= words <= _RUN_IN_WORDS or (words == 1 and len(head) >= 4 and not starts_with_honorific(f"{head} X"))
    if sep and (rest[:1].isupper() or _SUB_LABEL.match(rest)) and short and title_like(head):
        return head, rest
    return None


# "a. Village Green Paths The council agreed …", "d. Pond checks Cllr Reed reported …": a lettered title run
# straight into its minute, which opens as a sentence does (an article, or a titled person and what they did).
_SENTENCE_OPENS = re.compile(
    rf"\s(?=(?:The|This|These|It|There)\s+[a-z]|{HONORIFIC}\s+[A-Z][\w'’-]*\s+(?:[a-z]+ed|said|asked|stated)\b)"
)


def run_on_title(text: str) -> tuple[str, str] | None:
    """A sub-item's title with its minute run straight on, no mark between: the title, and the rest."""
    opens = _SENTENCE_OPENS.search(text)
    if opens is None:
        return None
    head = text[: opens.start()].strip()
    # Not a speaker named before what they said ("1. Mr. Ali Khan – Mr. Khan asked …"): a title, marked by nothing.
    if (
        head[-1:].isalnum()
        and 2 <= len(head.split()) <= _RUN_IN_WORDS
        and title_like(head)
        and not is_person_alone(head)
    ):
        return head, text[opens.end() :]
    return None


def run_in_lead(text: str) -> tuple[str, str] | None:
    """A paragraph opening with its own short title ("Car park marking: EK to obtain paint …", "Lighting.
    HP to …"): the title and the rest. Not a field of the item ("Resolved:", "Proposed:"), an attendance
    heading or a titled speaker ("Cllr Lee: asked …")."""
    lead = _labelled_lead(text)
    if lead is None or FIELD_LABEL.match(text) or is_person_alone(lead[0]):
        return None
    return lead


def labelled_line(text: str) -> Heading | None:
    """Any line that opens with an item label ("78/17 Police Report – PK reported …"): its label, the
    title it runs in ahead of the text (if any), and the text. For labels the page's headings number with."""
    m = NUMBERED.match(text)
    if not m or m["title"].split()[0].lower().strip(",.") in MONTHS:
        return None
    if len(m["num"]) == 1 and m["num"].isalpha() and is_never_title(m["title"]):
        return None  # "A true record …": a word, not a letter labelling an item
    lead = _labelled_lead(m["title"])
    title, inline = lead if lead else ("", m["title"])
    rest = m["title"].strip()
    if not lead and m["sep"].strip() == ":" and len(rest.split()) <= MAX_TITLE_WORDS and not rest.endswith("."):
        title, inline = rest, ""  # "GBP/2122/215: Questions received from members of the public": a heading
    reference = m["ref"].strip() if m["ref"] else None
    return Heading(number=m["num"].strip("()"), reference=reference, title=title, inline=inline)


# "• OLD BUSINESS — None", "PUBLIC COMMENT (names) - None", "CORRESPONDENCE: A letter …": a heading in capitals
# (a list's bullet before it, a parenthesis after it), the minute run on after a dash or colon.
_CAPS_RUN_IN = re.compile(
    rf"^(?:{BULLET}\s*)?(?P<title>[A-Z][A-Z0-9&'’,/ ]*[A-Z])\s*(?:\([^)]{{0,120}}\))?\s*(?:[—–-]|:)\s+(?P<rest>\S.*)$"
)
_CAPS_RUN_IN_WORDS = 8


def caps_run_in(text: str) -> Heading | None:
    """A heading in capitals with its minute run on after it ("• OLD BUSINESS — None"): the heading, the rest
    its text; not a field of the item ("RESOLVED: …", "ACTION: …")."""
    m = _CAPS_RUN_IN.match(text)
    if not m or not is_caps(m["title"]) or len(m["title"].split()) > _CAPS_RUN_IN_WORDS:
        return None
    if is_never_title(f"{m['title']}:") or is_never_title(m["title"]):
        return None
    return Heading(None, None, m["title"].strip(), inline=m["rest"].strip())


def _caps_lead(text: str) -> tuple[str, str]:
    """ "APOLOGIES Apologies for absence were …" → ("APOLOGIES", "Apologies for absence were …")."""
    m = _CAPS_LEAD.match(text)
    if not m or not is_caps(m["title"]):
        return "", text
    return m["title"].strip(" :.-–"), text[m.end() :].strip()
