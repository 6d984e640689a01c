"""What kind of question a member asked: the next meeting, a past meeting, follow-ups, how a topic
changed, a follow-on to the last answer, or (everything else) a passage search.

Pure: words in, an Intent out. Read conservatively, since sending a real topic question away
from search costs more than searching: an intent is taken only when, besides its own cue words,
the message has no topic words left (retrieval.coverage.question_terms).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from corpus.language.dates import MONTHS, find_dates
from corpus.language.stems import STOPWORDS
from retrieval.coverage import question_terms
from retrieval.keyword_index import tokenize
from retrieval.query import understand

# A message longer than this is a topic question, whatever words it uses.
MAX_INTENT_CHARS = 200
# A follow-on ("and who presented it?") is a few words; longer ones say what they are about.
MAX_FOLLOW_ON_WORDS = 8

MeetingRef = Literal["last", "next"] | dt.date | tuple[int, int]


@dataclass(frozen=True)
class NextMeeting:
    """When and where the board next meets ("when do we next meet?")."""


@dataclass(frozen=True)
class MeetingSummary:
    """What a meeting covered: "last", "next" (its agenda), a date, or a (year, month)."""

    which: MeetingRef


@dataclass(frozen=True)
class Followups:
    """Follow-ups, of one owner as typed ("Jo", "the clerk", "me") or everyone's (None)."""

    owner: str | None = None
    include_done: bool = False
    overdue_only: bool = False


@dataclass(frozen=True)
class Timeline:
    """How a topic changed, one line per meeting ("how has the cycle path changed?")."""

    topic: str


@dataclass(frozen=True)
class FollowOn:
    """A short question that only makes sense against the previous answer ("and who presented it?")."""

    question: str


@dataclass(frozen=True)
class Search:
    """A passage search: everything else."""

    question: str


Intent = NextMeeting | MeetingSummary | Followups | Timeline | FollowOn | Search


def _stems(words: str) -> frozenset[str]:
    return frozenset(tokenize(words))


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# -- reading the message -------------------------------------------------------------------------

# Misspelt or shortened filler words members type; only words that never name a topic.
_FILLER_SPELLINGS = {
    "wat": "what",
    "wot": "what",
    "wht": "what",
    "waht": "what",
    "whta": "what",
    "whats": "what is",
    "wats": "what is",
    "what's": "what is",
    "wen": "when",
    "whn": "when",
    "whens": "when is",
    "when's": "when is",
    "wheres": "where is",
    "where's": "where is",
    "whos": "who is",
    "who's": "who is",
    "wich": "which",
    "whcih": "which",
    "teh": "the",
    "hte": "the",
    "u": "you",
    "r": "are",
    "ur": "your",
    "abt": "about",
    "pls": "please",
    "plz": "please",
    "nxt": "next",
    "mtg": "meeting",
    "mtgs": "meetings",
    "meetin": "meeting",
    "meting": "meeting",
    "thats": "that is",
    "that's": "that is",
    "theres": "there is",
    "there's": "there is",
    "isnt": "is not",
    "hasnt": "has not",
    "doesnt": "does not",
    "didnt": "did not",
    "stil": "still",
}
_FILLER = re.compile(r"(?<![\w'])(" + "|".join(map(re.escape, _FILLER_SPELLINGS)) + r")(?![\w'])", re.IGNORECASE)


# A mention of the bot before the question, and thanks after it, ask nothing.
_MENTION = re.compile(r"^(?:@\w+[\s,:]*)+")
_THANKS = re.compile(r"[\s,]+(?:please|pls|plz|thanks|thank\s+you|ta|cheers)[\s?!.]*$", re.IGNORECASE)


def _normalise(text: str) -> str:
    """One line, straight apostrophes, common filler typos mended, end punctuation dropped; case kept."""
    text = " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())
    text = _THANKS.sub("", _MENTION.sub("", text))
    text = _FILLER.sub(lambda m: _FILLER_SPELLINGS[m[1].lower()], text)
    return text.strip(" ?!.,;:")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _topic(text: str, allowed: frozenset[str]) -> set[str]:
    """The message's topic stems once the intent's own cue words are set aside."""
    return question_terms(text) - allowed


def read_intent(text: str) -> Intent:
    """What kind of question `text` is; Search unless it plainly asks something else."""
    question = " ".join(text.split())
    if not question or len(question) > MAX_INTENT_CHARS:
        return Search(question)
    norm = _normalise(question)
    for reader in (_timeline, _followups, _meeting):
        intent = reader(norm)
        if intent is not None:
            return intent
    if _is_follow_on(norm):
        return FollowOn(question)
    return Search(question)


# -- how a topic changed -------------------------------------------------------------------------

# "over the years", "across meetings": qualifiers that only say "over time".
_SPAN = (
    r"(?:over\s+(?:the\s+)?(?:years|time|months|meetings|last\s+(?:few\s+)?\w+\s+years)"
    r"|across\s+(?:the\s+)?(?:meetings|years)|(?:through|down)\s+the\s+years"
    r"|(?:meeting\s+(?:by|to)\s+meeting)|(?:year\s+(?:by|on|to)\s+year)|from\s+meeting\s+to\s+meeting)"
)
# After "how has X changed" a starting point or "recently" also only says "over time".
_OVER_TIME = (
    rf"(?:{_SPAN}|since\s+(?:\w+\s+)?\d{{4}}|since\s+(?:we\s+started|the\s+start|it\s+began)"
    r"|since\s+(?:last|the\s+last)\s+(?:year|time|meeting|election)"
    r"|in\s+recent\s+years|recently)"
)
_CHANGED = r"(?:changed|developed|evolved|progressed|moved\s+on|shifted|grown|come\s+along)"
_TIMELINE_PATTERNS = [
    # "how has the cycle path changed (over the years)", "how's the skate park developed"
    re.compile(rf"^(?:so\s+|and\s+)?how(?:'s|\s+has|\s+have)\s+(?P<t>.+?)\s+{_CHANGED}(?:\s+{_OVER_TIME})?$"),
    # "tell me how the cycle path has changed"
    re.compile(
        rf"^(?:(?:tell|show)\s+me\s+|explain\s+)?how\s+(?P<t>.+?)\s+(?:has|have)\s+{_CHANGED}(?:\s+{_OVER_TIME})?$"
    ),
    # "how did the cycle path change over the years": past tense only with a span of time
    re.compile(rf"^how\s+did\s+(?P<t>.+?)\s+(?:change|develop|evolve|progress)\s+{_OVER_TIME}$"),
    # "what has changed with the cycle path over the years"
    re.compile(rf"^what\s+(?:has\s+|have\s+)?changed\s+(?:in|with|to|about|on)\s+(?P<t>.+?)\s+{_OVER_TIME}$"),
    # "history of the skate park", "what is the timeline on the bypass"
    re.compile(
        r"^(?:what\s+is\s+|(?:give|show|tell)\s+me\s+)?(?:the\s+|a\s+)?(?:history|timeline|evolution)\s+"
        rf"(?:of|on|for|to)\s+(?P<t>.+?)(?:\s+{_OVER_TIME})?$"
    ),
    # "the cycle path over the years", "progress on the new hall across meetings"
    re.compile(
        r"^(?:(?:track|trace|follow|show(?:\s+me)?)\s+)?"
        r"(?:(?:the\s+)?(?:progress|changes?|developments?)\s+(?:on|in|to|with|of)\s+)?"
        rf"(?P<t>.+?)\s+{_SPAN}$"
    ),
]
_TIMELINE_WORDS = _stems("change changes progress development developments history timeline evolution recent recently")
# A topic that opens with these is a question, not a topic ("what did we spend over the years").
_QUESTION_OPENERS = _wordset(
    "what who whom whose when where why how which did do does is are was were has have had can could "
    "should would will shall any"
)
_PRONOUNS = _wordset("it that this they them those these there its their he she him her his")
_ARTICLE = re.compile(r"^(?:the|our|a|an)\s+", re.IGNORECASE)


def _timeline(text: str) -> Timeline | None:
    for pattern in _TIMELINE_PATTERNS:
        m = pattern.match(text.lower())
        if not m:
            continue
        topic = _ARTICLE.sub("", text[m.start("t") : m.end("t")]).strip(" '")
        words = _words(topic)
        if not words or words[0] in _QUESTION_OPENERS or all(w in _PRONOUNS for w in words):
            return None
        return Timeline(topic) if _topic(topic, _TIMELINE_WORDS) else None
    return None


# -- follow-ups ----------------------------------------------------------------------------------

_FOLLOWUP_NOUN = r"(?:action\s+(?:points?|items?|list)|actions?|follow[\s-]?ups?|followups?|to[\s-]?dos?|tasks?)"
_FOLLOWUP_CUE = re.compile(
    rf"\b(?:{_FOLLOWUP_NOUN}|outstanding|overdue|pending|still\s+open|still\s+(?:needs?\s+doing|to\s+be\s+done)"
    r"|(?:still|left|yet|need|needs|got|has|have|supposed|agree|agreed|promise|promised)\s+(?:\w+\s+)?to\s+do)\b"
    r"|'s\s+(?:plate|list)\b|\bmy\s+(?:plate|list)\b|(?:\bnot|n't)\s+(?:been\s+|yet\s+)?done\b",
    re.IGNORECASE,
)
# Words a follow-ups question may use beside its owner (by stem).
_FOLLOWUP_WORDS = _stems(
    "outstanding open overdue pending late unfinished incomplete remaining undone done completed complete closed "
    "finished action actions point points item items list follow ups followup followups todo todos dos task tasks "
    "still left yet need needs got have show give tell see check please plate due deadline assigned allocated "
    "owned belonging agree agreed promise promised supposed including include every current currently moment "
    "status anything everything thing things mine chase one ones log tracker"
)
_INCLUDE_DONE = re.compile(
    # "done", but not "still to be done" or "not done"
    r"(?<!be )(?<!been )(?<!not )(?<!yet )\b(?:done|completed?|closed|finished)\b"
    r"|\b(?:including|incl|ever|past|agreed?\s+to\s+do|promised\s+to\s+do)\b|\bdid\b.*\bagree\b",
    re.IGNORECASE,
)
_ALL = re.compile(r"\b(?:all|every)\b(?!\s+of\s+us\b)", re.IGNORECASE)
_OPEN_ONLY = re.compile(r"\b(?:open|outstanding|overdue|pending|still|left|yet|remaining)\b", re.IGNORECASE)
_OVERDUE = re.compile(r"\b(?:overdue|late|past\s+due|behind)\b", re.IGNORECASE)

_OWNER_BY_PREPOSITION = re.compile(
    r"\b(?:for|with|from|assigned\s+to|allocated\s+to|owned\s+by|belonging\s+to|against)\s+(?P<o>[^?!,;]+?)$",
    re.IGNORECASE,
)
_OWNER_BY_AUXILIARY = re.compile(
    r"\b(?:does|do|has|have|did|is|are)\s+(?P<o>[^?!,;]+?)\s+(?:still\s+|yet\s+|currently\s+)?"
    r"(?:got|have|has|need|needs|own|hold|left|to\s+do|agree|agreed|promise|promised|supposed|outstanding|open"
    r"|overdue|pending)\b",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"([\w.\-]+(?:'(?!s\b)[\w.\-]+)*)'s?(?=\s+\w)", re.IGNORECASE)
_FIRST_PERSON_POSSESSIVE = re.compile(r"\b(?P<o>my|our)\b", re.IGNORECASE)
# Endings of abstract nouns, which name topics, not people ("parking enforcement", "the consultation").
_ABSTRACT = re.compile(r"\w{3,}(?:tion|sion|ment|ness|ship|ism)s?$", re.IGNORECASE)
_TRAILING_FILLER = re.compile(
    r"(?:\s+(?:please|thanks|now|currently|still|then|at\s+the\s+moment|right\s+now|at\s+present|so\s+far"
    r"|to\s+do|got|have|left))+$",
    re.IGNORECASE,
)
_FIRST_PERSON = frozenset({"me", "myself", "i", "my", "mine"})
_EVERYONE = frozenset(
    {"us", "we", "our", "ours", "ourselves", "everyone", "everybody", "anyone", "anybody", "all of us"}
)
_TITLES = _wordset("cllr councillor mr mrs ms miss mx dr prof sir dame rev revd")
# Roles an owner may be named by after "the" ("the deputy clerk"); one word after "the" is any role.
_ROLES = _stems(
    "clerk chair chairman chairwoman chairperson treasurer secretary officer officers director manager lead leader "
    "head council committee team group panel board executive member members councillor councillors administrator "
    "coordinator assistant trustee trustees governor governors auditor solicitor mayor authority service "
    "department partnership"
)
# Words that say when, not who ("what's outstanding for this year").
_NOT_OWNER = (
    _FOLLOWUP_WORDS
    | _stems("meeting meetings year years month months week weeks today date time term quarter")
    | frozenset(tokenize(" ".join(MONTHS)))
)
_NO_OWNER = ""  # an owner phrase meaning everyone ("us")


def _owner(phrase: str) -> str | None:
    """The owner as typed ("Sam Patel", "the clerk", "me"), _NO_OWNER for "us", None if not a name."""
    phrase = _TRAILING_FILLER.sub("", phrase.strip(" '?!.,")).strip(" '")
    phrase = re.sub(r"'s?$", "", phrase)
    lower = phrase.lower()
    if lower in _FIRST_PERSON:
        return "me"
    if lower in _EVERYONE:
        return _NO_OWNER
    words = phrase.split()
    if not 1 <= len(words) <= 4 or any(not re.fullmatch(r"[A-Za-z][\w.'\-]*", w) for w in words):
        return None
    rest = words[1:] if words[0].lower() == "the" else words
    names = [w for w in rest if w.lower().rstrip(".") not in _TITLES]
    if not names or any(w.lower() in STOPWORDS or set(tokenize(w)) & _NOT_OWNER or _ABSTRACT.match(w) for w in rest):
        return None
    # "the budget review" is a topic, "the deputy clerk" a role: after "the", more than one word must end in one.
    if rest is not words and len(rest) > 1 and not set(tokenize(rest[-1])) & _ROLES:
        return None
    return phrase


def _owner_candidates(text: str) -> list[tuple[str, int, int]]:
    """Possible owners with their spans, most telling first."""
    found = []
    for m in _POSSESSIVE.finditer(text):
        # "show me the clerk's actions": the owner is the words before "'s" back to a filler word.
        before = text[: m.end(1)].split()
        taken: list[str] = []
        for word in reversed(before):
            low = word.lower()
            if low == "the":
                taken.insert(0, word)
                break
            if low in STOPWORDS or low in _QUESTION_OPENERS or low in {"show", "list", "give", "tell", "see"}:
                break
            taken.insert(0, word)
            if len(taken) == 4:
                break
        if taken:
            found.append((" ".join(taken), m.end(1) - len(" ".join(taken)), m.end()))
    for pattern in (_OWNER_BY_PREPOSITION, _OWNER_BY_AUXILIARY, _FIRST_PERSON_POSSESSIVE):
        for m in pattern.finditer(text):
            found.append((m["o"], m.start("o"), m.end("o")))
    return found


def _followups(text: str) -> Followups | None:
    if not _FOLLOWUP_CUE.search(text):
        return None
    # "all actions" means done ones too; "all open actions" does not
    include_done = bool(_INCLUDE_DONE.search(text) or (_ALL.search(text) and not _OPEN_ONLY.search(text)))
    overdue = bool(_OVERDUE.search(text))
    for phrase, start, end in _owner_candidates(text):
        owner = _owner(phrase)
        if owner is None:
            continue
        if not _topic(text[:start] + " " + text[end:], _FOLLOWUP_WORDS):
            return Followups(owner or None, include_done, overdue)
    if _topic(text, _FOLLOWUP_WORDS) or re.search(r"\b(?:for|with|from|assigned\s+to|owned\s+by)\s+\w", text, re.I):
        return None
    return Followups(None, include_done, overdue)


# -- meetings ------------------------------------------------------------------------------------

_MEETING_WORD = re.compile(r"\b(?:meet|meets|meeting|meetings|last\s+time|next\s+time|one|agenda)\b", re.IGNORECASE)
_NEXT = re.compile(
    r"\b(?:next(?!\s+years?\b)|upcoming|forthcoming|coming\s+up|again|soon|future"
    r"|this\s+(?:week|month|evening|afternoon|morning)|tonight|tomorrow)\b",
    re.IGNORECASE,
)
_LAST = re.compile(
    r"\b(?:last(?!\s+(?:years?|decade|term)\b)|latest|previous|most\s+recent|recent|prior|yesterday)\b", re.IGNORECASE
)
# A question about something else that happens to mention a meeting ("the venue for the next meeting",
# "the meeting after 3 March 2015").
_TOPIC_MARKER = re.compile(
    r"\b(?:about|regarding|concerning|re|after|before|following|since|between|until|why|how)\b", re.IGNORECASE
)
# Words a meeting question may use beside the meeting's name (by stem), including the kinds of board.
_MEETING_WORDS = _stems(
    "meet meeting meetings time date venue where held hold location place room start begin starts take "
    "agenda item items discuss discussed cover covered summary summarise recap highlights point points key main "
    "outcome outcomes happen happened happening talk talked go went come coming upcoming next last previous latest "
    "recent prior week month soon again future forthcoming one schedule scheduled arranged day tonight "
    "tomorrow yesterday business board committee council parish town full panel group partnership cabinet trust "
    "forum governors remind still important monday tuesday wednesday thursday friday saturday sunday"
)
_ASKS_AGENDA = re.compile(
    r"\b(?:agenda|discuss\w*|cover\w*|items?|talk\w*|business|happen\w*|summar\w*|recap|highlights|what\s+is\s+on)\b",
    re.IGNORECASE,
)
_ASKS_WHEN_OR_WHERE = re.compile(
    r"^(?:when|where|what\s+time|what\s+date|which\s+day|is\s+there|are\s+there|are\s+we|do\s+we|will\s+we|is\s+the)\b",
    re.IGNORECASE,
)
# The board's schedule of meetings is an item of its own ("the dates of meetings for 2031/32"); so is
# anything in a year, which holds many meetings.
_MONTH_YEAR = re.compile(
    r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(?:19|20)\d{2}\b", re.IGNORECASE
)
_SCHEDULE = re.compile(r"\bdates\b|\b(?:19|20)\d{2}\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:was|were|did|had|held|happened|went)\b", re.IGNORECASE)


def _meeting(text: str) -> NextMeeting | MeetingSummary | None:
    undated = text
    for match in reversed(find_dates(text)):  # "8th" is part of a date, not a topic
        undated = undated[: match.start] + " " + undated[match.end :]
    undated = _MONTH_YEAR.sub(" ", undated)
    # "what did we talk about last time": "about" belongs to the verb, naming no topic
    marked = _TOPIC_MARKER.search(re.sub(r"\btalk\w*\s+about\b", " ", text, flags=re.I))
    if marked or _topic(undated, _MEETING_WORDS) or _SCHEDULE.search(undated):
        return None
    query = understand(text)
    dated: list[MeetingRef] = [*query.dates, *query.months]
    # A date alone names a meeting ("the May 2021 one", "what happened on 3 March 2015").
    if not dated and not _MEETING_WORD.search(text):
        return None
    refs: list[MeetingRef] = dated + (["next"] if _NEXT.search(text) else []) + (["last"] if _LAST.search(text) else [])
    if len(refs) > 1:
        return None
    if not refs:
        # "when do we meet?", "where is the meeting?": the next one, asked in the present tense
        if _PAST.search(text):
            return None
        if _ASKS_WHEN_OR_WHERE.search(text) and re.search(r"\bmeet", text, re.I):
            return NextMeeting()
        # "what's on the agenda?": the next meeting's, unless "it" points at the last answer
        if re.search(r"\bagenda\b", text, re.I) and not set(_words(text)) & _PRONOUNS:
            return MeetingSummary("next")
        return None
    which = refs[0]
    if which == "next":
        return MeetingSummary("next") if _ASKS_AGENDA.search(text) else NextMeeting()
    if which == "last" and not re.search(r"\bmeet|\blast\s+time\b|\bone\b", text, re.I):
        return None
    return MeetingSummary(which)


# -- follow-on questions -------------------------------------------------------------------------

_LEADS = _wordset("and so but also plus then")
_LEAD_PHRASE = re.compile(r"^(?:(?:what|how)\s+about|(?:tell\s+me\s+|any\s+)?more|go\s+on)\b", re.IGNORECASE)
_WH = _wordset("what who whom whose when where why how which")
# What one asks about an item already in view (by stem): who moved it, what it cost, how it ended.
_ASPECT_WORDS = _stems(
    "present presented propose proposed proposer second seconded seconder move moved mover cost costs price spend "
    "spent pay paid money amount total figure figures fund funded funding vote votes voted outcome result results "
    "reason reasons due deadline date time lead led responsible approve approved object objected abstain "
    "abstained attend attended report reported author wrote written suggest suggested raise raised ask asked "
    "update updates latest progress status step steps next else mean means unanimous unanimously change changed "
    "develop developed evolve evolved grown shifted happen happens idea still whose agenda detail details go"
)


def _is_follow_on(text: str) -> bool:
    words = _words(text)
    # Figures are dates, years or minute numbers: a question of its own.
    if not words or len(words) > MAX_FOLLOW_ON_WORDS or re.search(r"\d", text) or _topic(text, _ASPECT_WORDS):
        return False
    leads = words[0] in _LEADS or bool(_LEAD_PHRASE.match(text))
    # Nothing but question words ("why?", "what did we decide?") also asks about what is in view;
    # "no" or "ok" alone asks nothing.
    bare = not question_terms(text) and any(w in _WH for w in words)
    return leads or bare or any(w in _PRONOUNS for w in words)
