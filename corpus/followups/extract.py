"""Follow-ups read from the minutes without an LLM: action log rows, resolutions that ask for
something, and sentences where someone agreed to do something.

A resolution that only notes something is not an action; "That officers be requested to
provide …", "That a further update be provided …", "… be deferred for consideration by the
Board on 25 September 2020" are. In discussion, "Jo Smith agreed to find out …", "it was
agreed that Peter Flynn would forward …", "Amir Patel stated that a report … would be
brought to a future meeting" are.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from corpus.language.bullets import BULLET
from corpus.language.dates import MONTHS, NUMBER_WORD, NUMBER_WORDS, find_dates
from corpus.language.names import ABBREVIATED_TITLES, HONORIFIC
from corpus.language.procedural import ACTIONS_TITLE
from corpus.language.sentences import sentences

# A name ends the text before "agreed to": capitalised words, "of" allowed ("Office of X"), but
# not "and" ("… by IOM & PPO Offenders and Jo Smith agreed" is Jo Smith's).
_NAME_RUN = re.compile(r"((?:(?:[A-Z][\w.'’-]*|of)\s+)*[A-Z][\w.'’-]*)\s*$")
# What stands before a sentence's first word: a bullet, a symbol or two ("- 👷"), a list label ("(b)").
_LABEL = re.compile(r"^\s*(?:[^\w\s(\[\"'‘“@]+\s*)?(?:\(?[a-z0-9ivx]{1,4}\)\s*)?")

# -- resolutions -------------------------------------------------------------------------------
_REQUESTED = re.compile(
    r"^(?:That\s+)?(?P<owner>.+?)\s+be\s+(?:requested|asked|invited|instructed|directed)\s+to\s+", re.IGNORECASE
)
_DELIVERABLE = re.compile(
    r"\b(?:update|report|presentation|proposal|review|plan|briefing|paper|item)s?\b.{0,160}?\bbe\s+"
    r"(?:provided|brought|submitted|presented|produced|prepared|undertaken|circulated|given|made|considered|added)\b",
    re.IGNORECASE,
)
_DEFERRED = re.compile(r"\bbe\s+deferred\b|\bto\s+defer\b|[:–-]\s*Defer(?:red)?\b", re.IGNORECASE)
_RECOMMENDED = re.compile(
    r"\brecommended\s+that\s+(?P<owner>(?:the\s+)?[A-Z][\w’' ]+?)\s+"
    r"(?:review|consider|provide|undertake|report|examine)\b"
)
# "That the Clerk obtain three quotes …": a named doer in the subjunctive, as parish minutes write it.
_SUBJUNCTIVE = re.compile(
    r"^That\s+(?P<owner>(?:the\s+)?[A-Z][\w’']*(?:\s+[A-Z][\w’']*){0,4})\s+(?:(?:should|shall|will|is\s+to)\s+)?"
    r"(?:obtain|write|contact|arrange|look\s+(?:for|into|at)|"
    r"investigate|prepare|produce|circulate|send|report|review|consult|seek|draft|provide|bring|submit|liaise|"
    r"organise|order|instruct|update|respond|ask|speak|e-?mail|check|chase|book|purchase|buy|find|inform|invite)\b"
)
# "That the Board authorise the Estates Officer to obtain …", "… ask the Audit Panel to look at …": the board
# acting through whoever it asks.
_DIRECTS = re.compile(
    r"^(?:That\s+)?(?:the\s+)?(?:[A-Z][\w'’&-]*\s+){0,4}?(?:ask|authori[sz]e|direct|instruct|request|task|charge)s?\s+"
    r"(?P<owner>(?:the\s+)?[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,4})\s+to\s+(?!be\b)[a-z]{3,}"
)
# "… refer the application to the Highways Group for its comments": the body it is referred to.
_REFERRED = re.compile(
    r"\brefer(?:s|red)?\b.{0,200}?\bto\s+(?P<owner>the\s+[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,4})\s+for\s+"
    r"(?:(?:its|their|his|her)\s+)?(?:review|consideration|recommendations?|comments?|advice|report)\b"
)
_BOARD_WILL = re.compile(r"\bwould\s+(?:give\s+consideration\s+to|consider|review)\b", re.IGNORECASE)

# -- a doer and a task: "Clerk to write to …", "Cllr Lee will contact …", "ACTION: the Clerk to order …" ------
# Verbs of a task someone goes away and does (not "note", "receive", "approve": those are done in the room).
_TASK_VERBS = (
    "write|contact|arrange|obtain|investigate|report|circulate|send|seek|chase|liaise|order|organi[sz]e|look|check|"
    "ask|quote|sign|e-?mail|speak|prepare|draft|forward|update|pursue|follow|book|purchase|get|request|raise|inform|notify|"
    "clarify|compile|produce|respond|reply|apply|submit|meet|inspect|repair|install|replace|remove|include|provide|"
    "bring|present|share|find|source|progress|invite|approach|publish|advertise|post|put|make|collect|deliver|fix|"
    "clear|visit|consult|research|explore|identify|draw|establish|distribute|complete|finali[sz]e|resolve|address|"
    "develop|"
    r"enquire|inquire|telephone|phone|call|register|renew|pay|reimburse|return|set\s+up|take\s+forward|work|discuss|"
    r"review|consider|design|test|help|engage|amend|recruit|confirm|ensure|obtain|plan|schedule|reach\s+out|"
    r"circulate|agree|assess|examine|monitor|recover|draft|place|display|hold|buy|commission|hire|advertise|"
    r"organise|set|bring|design|tidy|clean|paint|mend|print|post|upload|email|chase"
)
# Who does it: an office ("the Clerk", "staff", "the new clerk") or a name, with any title ("Cllr A. Lee").
_OFFICES = (
    r"(?i:(?:(?:the|new|deputy|assistant|acting|town|parish|city|county|district)\s+)*(?:clerks?|chair(?:man|person|woman)?|"
    r"mayor|manager|staff|officers?|secretary|treasurer|director|administrator|engineer|attorney|solicitor|"
    r"council|committee|trustees?|governors?|councillors?))"
)
# "Challenge owner", "the Open Standards team", "the Head of IT", "the Development Manager": a role that acts.
_ROLE = (
    r"(?i:(?:the\s+)?)(?:[A-Z][\w&'’-]*\s+(?:(?![a-z]+ed\b|the\b|to\b|and\b(?!\s+[A-Z]))[a-z][\w&'’-]*\s+){0,2}){0,3}?"
    r"(?:(?:finance|project|data|policy|communications|secretariat|support|events|membership)\s+)?"
    r"(?i:(?:owner|team|lead|manager|officer|executive|secretariat|secretary|"
    r"director|coordinator|co-ordinator|administrator|commissioner|president|treasurer|chair|clerk|staff|"
    r"committee|group|panel|head\s+of\s+[A-Za-z&]+))"
)
_DECIDED = r"(?:RESOLVED|AGREED|ACTION|Action|Resolved|Agreed)\s*[:\-–]?\s*"
# After "Clerk to …" any verb is a task ("RK to attend", "Treasurer to survey") but these, done or said in the
# room, and the words that make "to" a preposition ("Clerk to the Council", "Chair to date").
_IN_THE_ROOM = (
    r"(?:be|been|being|have|note|noting|receive|approve|accept|adopt|ratify|welcome|thank|the|this|that|these|those|"
    r"its|his|her|their|our|all|any|date|which|whom)"
)
_SLASH = r"\s*/\s*[A-Z][\w'’-]*"  # "KL/MR to draft …", "KL / MR will check …": two people, initials joined
_DOER = re.compile(
    rf"^(?:{_DECIDED}(?:that\s+)?|That\s+)?"
    rf"(?P<owner>{_OFFICES}|{_ROLE}|(?:{HONORIFIC}\s+)?[A-Z][\w'’-]*\.?(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]*|&|and)|{_SLASH}){{0,3}})"
    rf"\s+(?:(?:to|will|would|should|is\s+to|are\s+to|(?:also\s+)?(?:agreed|undertook)\s+to)\s+"
    rf"(?:(?:also|now|then|further|personally)\s+)?(?:{_TASK_VERBS})\b|to\s+(?!{_IN_THE_ROOM}\b)[a-z]{{3,}}\b)"
)
# "Resolved – to contact the school … – AV to action": a task decided, its doer named after it, if at all.
_DECIDED_TASK = re.compile(rf"^{_DECIDED}(?:that\s+)?to\s+(?:{_TASK_VERBS})\b")
_ACTION_BY = re.compile(
    r"(?:[–-]\s*|\bAction(?:ed)?(?:\s+by)?\s*[:\-–]?\s*)(?P<owner>[A-Z][\w'’-]*(?:(?:,\s*|\s+and\s+|\s+)[A-Z][\w'’-]*)*)"
    r"(?:\s+to\s+action)?\s*\.?\s*$"
)
# "The Chair stated that she would set out …": the speaker is the doer.
_SAID_WOULD = re.compile(
    rf"\b(?:stated|said|confirmed|advised|agreed|undertook|indicated|reported|explained)\s+(?:that\s+)?(?:he|she|they)"
    rf"\s+(?:would|will)\s+(?:(?:also|now|then|further|personally)\s+)?(?:{_TASK_VERBS}|set\s+out)\b",
    re.IGNORECASE,
)
_AGENDA = re.compile(r"\b(?:to|from|on|of)\s+the\s+agenda\b", re.IGNORECASE)
_ABOUT_MEETINGS = re.compile(
    r"(?:the\s+)?(?:(?:next|future|all|subsequent|couple|few|of|a)\s+){0,4}meetings\s+(?:should|would|will)\b",
    re.IGNORECASE,
)
# "Wicksteed asked to quote for …": someone named, asked to act.
_NAME_ASKED = re.compile(
    rf"\b(?P<owner>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:(?:was|were|is|also)\s+)?asked\s+to\s+(?:{_TASK_VERBS})\b"
)
# "the leaves to be swept", "hedge to be cut back": a task in the parish clerk's shorthand (not "to be approved").
_PASSIVE_TASK = re.compile(
    r"(?:^(?:(?![A-Za-z]+ed\b)[A-Za-z'’-]+\s+){0,2}|\bthe\s+|[;:–]\s+)"
    r"(?!(?:was|were|is|are|had|has|have|not|on|in|at|of|for|due|going|about|yet)\b)[A-Za-z]+\s+to\s+be\s+(?!(?:approved|signed|noted|received|held|confirmed|considered|"
    r"discussed|agreed|accepted|adopted|ratified|taken|produced|completed|done|paid|expected|made\s+aware)\b)[a-z]+(?:ed|pt|ut|wn|en|nt)\b"
)
_DEFER_MARK = re.compile(r"[:–-]\s*Defer(?:red)?\b")
# "… to be deferred to the November meeting", "Continued to 3 June": put off to a time named.
_PUT_OFF = re.compile(
    # "Tabled" as boards in North America say it: put off ("tabled until the next meeting", "for one week").
    r"\b(?:deferred|continued|postponed|adjourned|carried\s+(?:forward|over)|held\s+over|put\s+(?:over|off)|tabled)\s+"
    r"(?:to|until|till|for\s+(?:one|two|a|\d+)\s+(?:week|month)s?)\b"
    # "Delayed the grants review until next meeting", "agreed to delay … until …"
    r"|\bdelay(?:ed)?\s+(?:\S+\s+){1,6}?(?:until|till|to)\s+(?:the\s+)?(?:next|following|future)\b"
    # "… will be taken up at the next meeting", "brought back to the June meeting"
    r"|\b(?:taken\s+up|brought\s+back)\s+(?:again\s+)?(?:at|to)\b",
    re.I,
)
# "… deferred until next summer": a time in words, later than the meeting.
_LATER_TIME = re.compile(
    r"\b(?:next|later|following)\s+(?:spring|summer|autumn|winter|year|month|week|term|season)\b"
    r"|\bfor\s+(?:one|two|three|a|\d+)\s+(?:week|month)s?\b",
    re.I,
)
_AFTER_DASH = re.compile(r"\s[–—-]\s+(?P<rest>[^–—]+)$")
# "GW to look at the cost of flagpoles – completed": an earlier task, reported done.
_REPORTED_DONE = re.compile(
    r"[–—-]\s*(?:completed?|done|closed)\b|\b(?:has|have|had)\s+(?:now\s+)?been\s+(?:completed|done)\b", re.IGNORECASE
)
_DECIDERS = re.compile(
    r"^(?:the\s+)?(?:board|council|committee|cabinet|panel|commission|trustees|governors|members|meeting|"
    r"sub-committee|authority)$",
    re.IGNORECASE,
)
# What the board itself will go and do ("The board will write to the residents", "… will decide at its June meeting"),
# not what it will be or keep doing ("The Board will meet on 5 May", "… will continue to support …").
# What a board goes and does after a meeting, whether it "will" or "agreed to": write, ask, invite, look into …
_BOARD_ACTS = (
    r"write|contact|ask|seek|approach|arrange|investigate|look\s+into|send|inform|notify|publish|circulate|invite|"
    r"request"
)
_BOARD_TASK = re.compile(
    r"^(?P<owner>(?:the\s+)?(?:board|council|committee|trustees|executive|governors|directors))\s+(?:will|shall)\s+"
    rf"(?:also\s+|then\s+)?(?:{_BOARD_ACTS}|e-?mail|post|organi[sz]e|follow\s+up|prepare|draft|hire|recruit|"
    r"(?:decide|discuss|consider|review|revisit)\b.{0,60}\b(?:at|by|in)\s+(?:its|the|a)\s+\w+\s+meeting)\b",
    re.IGNORECASE,
)
_MOTION = re.compile(r"\b(?:proposed|seconded|moved)\b", re.IGNORECASE)
_NOT_A_DOER = re.compile(
    r"^(?:it|this|that|there|these|those|which|what|he|she|they|we|all|any|each|i|resolved|agreed|plan|planning|"
    r"expects?|details|minutes|actions?|noted|notes?|items?|decisions?|motion|updates?|reports?|proposals?|"
    r"discussion|summary|recommendations?|going|agm|nothing|none|nobody|no\s+one|points?|required|log|list|taken|"
    r"carried|"
    # An outcome or a state, written first in notes ("Approved to buy …", "VOTED to close …", "Continuing to …").
    r"approved|voted|accepted|adopted|denied|declined|continuing|ongoing|pending|completed|done|"
    r"(?:the\s+)?(?:meeting|board|council|minutes))$",
    re.IGNORECASE,
)

# -- discussion ----------------------------------------------------------------------------------
# "agreed to contact": a task; "agreed to the proposal", "had agreed to an item": consent, given in the room.
_AGREED_TO = re.compile(
    r"(?<!had\s)\b(?:also\s+)?agreed\s+to\s+(?!(?:the|this|that|these|those|a|an|its|their|his|her|it)\b)",
    re.IGNORECASE,
)
_AGREED_THAT = re.compile(
    # "It was agreed an electrician should check the lights": the clause without its "that".
    r"\bagreed\s+(?:that\s+(?P<clause>.+)|(?P<bare>(?:(?:a|an|the)\s+\w+(?:\s+\w+)?|we|they)\s+(?:should|would|will)\s+.+))",
    re.IGNORECASE,
)
# What a board agrees to go and do after the meeting: ask, write, invite, raise, look into …
_AGREED_TO_ACT = re.compile(
    rf"(?:{_BOARD_ACTS}|raise|find\s+out|obtain|pursue|explore|come\s*back|return|revisit|review|"
    r"delay|defer|postpone|carry\s+(?:forward|over)|hold\s+over)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:would|should|will)\b", re.IGNORECASE)
# Decided and done in the room, or a standing arrangement rather than a task.
_ALREADY_DONE = re.compile(
    r"\bbe\s+(?:elected|appointed|confirmed|noted)\b|\border\s+of\s+business\b|(?<!there\s)\bwould\s+be\s+(?:a|an)\s+",
    re.IGNORECASE,
)
_UNDERTOOK = re.compile(
    r"\b(?:stated|confirmed|advised|informed(?:\s+the\s+Board)?|undertook|offered)\s+that\s+(?:a|an|the)\s+"
    r"(?:report|update|presentation|paper|briefing)\b.{0,200}?\bwould\s+be\s+(?:brought|provided|presented|submitted|"
    r"circulated|given)\b",
    re.IGNORECASE,
)
# Asked and answered in one breath: "were asked to submit nominations, however none were received".
_ANSWERED = re.compile(
    r"(?:\b(?:however|but)\b|[;,–]\s)[^.;]{0,60}?\b(?:no|none|nobody|nothing)\b[^.;]{0,60}?\b(?:were|was|had\s+been)\s+"
    r"(?:received|made|forthcoming|put\s+forward|offered|submitted)\b",
    re.IGNORECASE,
)
_WERE_ASKED = re.compile(
    r"\b(?:were|was)\s+(?:asked|requested|invited|instructed|urged|reminded)\s+to\s+", re.IGNORECASE
)
_LATER_MEETING = (
    r"(?:(?:future|next)\s+(?:\w+\s+){0,4}?(?:meeting|agenda)|meeting\s+of\s+the\s+\w+|"
    rf"(?:{'|'.join(MONTHS)})\s+(?:\w+\s+){{0,2}}?meeting)"
)
# Promises without the word "agreed": "James would contact CSP Chairs …", "the weblink … would be
# circulated to Board members after the meeting", "A full report … would be provided at the meeting".
# … and "X would be linking in with …": the promise as work under way.
_WOULD_DO = re.compile(
    r"\s+would\s+(?:contact|forward|circulate|send|arrange|provide|share|write|brief|"
    r"be\s+(?:linking|contacting|arranging|liaising|writing|meeting|working|circulating|providing)\b)\b"
)
_WOULD_BE_SENT = re.compile(
    r"\b(?:would|will|is\s+to|are\s+to)\s+be\s+(?:circulated|forwarded|provided|sent|shared|brought|presented)\b"
    r".{0,120}?\b(?:after\s+the\s+meeting|to\s+(?:all\s+)?(?:the\s+)?(?:[A-Z]\w*|members|councillors|partners|trustees|"
    rf"governors)|{_LATER_MEETING})",
    re.IGNORECASE,
)
# "… will be discussed at the November board meeting", "is to be placed on the next agenda".
_WOULD_BE_TAKEN = re.compile(
    r"\b(?:would|will|is\s+to|are\s+to)\s+be\s+(?:discussed|considered|placed|put|added|included|reviewed)\b"
    rf".{{0,120}}?\b{_LATER_MEETING}",
    re.IGNORECASE,
)
# "… the leaflet will be sent out", "the old signs need to be replaced", "a caretaker is being sought": a task in
# the passive, something still to be done to a thing (not "will be closed", a state; nor "would be", a hope).
_DONE_TO = (
    r"(?:sent|circulated|forwarded|provided|shared|published|posted|arranged|obtained|sought|drafted|prepared|"
    r"updated|investigated|contacted|ordered|chased|followed\s+up|reviewed|revised|re-?\w+ed|highlighted|raised|"
    r"reported|brought|presented|added|placed|organi[sz]ed|issued|distributed|e-?mailed|written|checked|explored|"
    r"looked\s+into|fixed|repaired|replaced|installed|removed|booked|purchased|advertised|amended|circulated|"
    r"mailed|produced|printed|delivered|scheduled|finali[sz]ed|commissioned|made\s+(?:available|accessible)|"
    r"put\s+(?:up|in\s+place)|tackled|cleared|cleaned|painted|inspected|collected|chased\s+up)"
)
# "… that a card be sent", "… that we seek to meet the head": a task in the subjunctive, or an intent.
_SUBJUNCTIVE_TASK = re.compile(
    rf"^[^.;]{{0,80}}?(?<!could\s)(?<!might\s)(?<!may\s)(?<!can\s)\bbe\s+{_DONE_TO}\b"
    r"|^(?:we|they)\s+(?:seek|aim|intend|plan|try)\s+to\b",
    re.IGNORECASE,
)
_PASSIVE_FUTURE = re.compile(
    rf"\b(?:will|shall|is\s+to|are\s+to|needs?\s+to|should|(?<!would\s)(?<!could\s)(?:will\s+)?ha(?:ve|s)\s+to)\s+(?:now\s+|also\s+|then\s+)?"
    rf"be\s+{_DONE_TO}\b|"
    rf"\b(?:is|are)\s+(?:now\s+)?being\s+{_DONE_TO}\b",
    re.IGNORECASE,
)
# "Direct staff to draft …", "Request that the Youth Panel review …": a motion's imperative, its
# object the doer.
_DIRECTIVE = re.compile(
    r"^(?:(?:Motion|Moved)\s+(?:to\s+)?)?(?:(?:Direct|Instruct|Ask|Request|Authori[sz]e|Task)\s+"
    r"(?P<owner>(?:the\s+)?[\w'’&-]+(?:\s+[\w'’&-]+){0,4}?)\s+to\s+[a-z]{3,}|"
    r"(?:Request|Ask|Direct)\s+that\s+(?P<subject>(?:the\s+)?[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,5}))"
)
# "Members asked whether a site visit could be arranged", "requested the mandate to be updated".
_ASKED_FOR = re.compile(
    rf"\basked\s+(?:if|whether)\s+.{{0,160}}?\bcould\s+be\s+{_DONE_TO}\b|\brequested\s+that\s+.{{0,200}}?\bbe\s+{_DONE_TO}\b|"
    rf"\b(?:requested|asked\s+for)\s+(?:an?\s+|the\s+)?[^.;]{{1,80}}?\s+to\s+be\s+{_DONE_TO}\b",
    re.IGNORECASE,
)
# "requested that X be provided", "requested for members to see the new production before …".
_REQUESTED_THAT = re.compile(
    r"\brequested\s+that\s+.{0,200}?\bbe\s+(?:provided|created|brought|given|circulated|produced|sent|made)\b|"
    # … in the subjunctive ("suggested that a photo be sent"), not what "could be" done
    rf"\b(?:requested|suggested|proposed)\s+that\s+(?:(?!\b(?:could|would|might|may|should|will|can)\b)[^.;]){{0,120}}?"
    rf"\bbe\s+{_DONE_TO}\b|"
    r"\brequested\s+for\s+.{1,60}?\s+to\s+(?:see|receive|have|be\s+given|be\s+shown)\b|"
    r"(?<!response\sto\sa\s)\brequest\s+that\s+.{0,120}?\b(?:be|were|are)\s+(?:circulated|provided|sent|given|made|shared|produced)\b|"
    r"\b(?:information|details|clarification|a\s+report|an\s+update|figures)\s+(?:was|were)\s+requested\b|"
    r"\brequested\s+(?:an?\s+|further\s+|more\s+|some\s+)?(?:(?:brief|short|full|written|detailed|new)\s+)?"
    r"(?:options|reports?|update|details|information|briefing|plan|costings?|quotes?|breakdown|figures|lists?|"
    r"summary|article|copy|copies|note|paper|estimates?|proposals?)\b",
    re.IGNORECASE,
)
# "Jo requested that Sam email the form to her": whoever the request names, in the subjunctive, owes it.
_ASKED_THAT_DO = re.compile(
    rf"\b(?:requested|asked|suggested|proposed)\s+that\s+(?P<owner>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})"
    rf"\s+(?:{_TASK_VERBS})\b"
)
# "The venue will be decided at the next meeting", "To be discussed at a future meeting": business carried to a
# meeting named, not taken tonight.
_CARRIED_TO_MEETING = re.compile(
    r"\b(?:will|shall|is\s+to|are\s+to|to)\s+be\s+(?:decided|discussed|considered|reviewed|revisited|agreed|raised|"
    r"looked\s+at|taken|heard|presented|brought)\s+(?:again\s+|further\s+)?(?:at|by|in|to)\s+(?:(?:the|a|an)\s+)?"
    rf"(?:next|future|later|subsequent|following|first|{'|'.join(MONTHS)})\b(?:\s+\w+){{0,2}}?\s+meeting\b",
    re.IGNORECASE,
)
_ASKED_OF = re.compile(
    rf"\brequested\b[^.;]{{1,80}}?\bfrom\s+(?P<owner>{_OFFICES}|{_ROLE}|(?:{HONORIFIC}\s+)?[A-Z][\w'’.-]*"
    r"(?:\s+[A-Z][\w'’.-]*){0,2})\b"
)
# "Debate to resume at a later meeting": the matter carried on to a meeting named.
_CONTINUES_AT = re.compile(
    r"\b(?:discussion|consideration|debate|work)\s+(?:will|would|is\s+to|to)\s+(?:continue|resume)\s+(?:at|in)\s+"
    r"(?:the\s+|a\s+)?(?:next|future|later|following)\b(?:\s+\w+){0,2}?\s+meeting\b",
    re.IGNORECASE,
)
# "The lease is being considered, Jo checking the terms": a notes-style task, its doer named before it.
_DOING = re.compile(
    r"(?:^|[,;–—-]\s*)(?!(?:The|This|That|These|Those|An?|Our|Their|Its|Any|All|Some|No|After|Before|While|Whilst|When|"
    r"Also|Still|Currently|Now|Then|Since|Following|By|For|On|In|At)\b)(?![A-Z][a-z]+ed\b)"
    r"(?P<owner>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})\s+(?:is\s+|are\s+)?(?:checking|contacting|"
    r"arranging|chasing|organi[sz]ing|preparing|drafting|sending|e-?mailing|looking\s+into|following\s+up|"
    r"investigating|booking|ordering|updating|sorting\s+out|obtaining|liaising|circulating|researching)\b"
    r"(?!\s+(?:was|were|is|are|has|had|will|would)\b)"  # "The booking was confirmed": a thing, not a doer
)
# "The survey will be carried out by Cllr Lee", "Posters are to be put up by the Clerk": whoever it is to be done by.
_DONE_BY = re.compile(
    rf"\b(?:will|shall|is\s+to|are\s+to)\s+be\s+(?:undertaken|done|carried\s+out|handled|dealt\s+with|led|"
    rf"arranged|organi[sz]ed|completed|{_DONE_TO})\s+by\s+(?P<owner>(?:the\s+)?(?:{HONORIFIC}\s+)?[A-Z][\w'’.-]*"
    r"(?:\s+[A-Z][\w'’.-]*){0,2})"
)
# "… would carry out this work": the owner of a resolution the sentence points back to.
_ANAPHOR = re.compile(r"\b(?:this|that|the)\s+work\b|\bcarry\s+(?:this|it)\s+out\b", re.IGNORECASE)

# -- due dates -----------------------------------------------------------------------------------
_NEXT_MEETING = re.compile(r"\b(?:the\s+)?next\s+(?:\w+\s+)?meeting\b", re.IGNORECASE)
_FUTURE_MEETING = re.compile(r"\ba\s+(?:future|later|subsequent)\s+(?:\w+\s+)?meeting\b", re.IGNORECASE)
_IN_MONTHS = re.compile(
    rf"\b(?:in|within)\s+(?:the\s+next\s+)?(?P<n>\d+|{NUMBER_WORD}|a)\s+(?P<unit>months?|weeks?)['’]?\s*(?:time)?\b",
    re.IGNORECASE,
)
_MONTH_MEETING = re.compile(
    rf"\b(?P<m>{'|'.join(sorted(MONTHS, key=len, reverse=True))})(?:\s+(?P<y>\d{{4}}))?\s+(?:\w+\s+)?meeting\b",
    re.IGNORECASE,
)
_RESOLUTIONS_AFTER = 10_000  # a resolution's position: after every sentence of discussion


@dataclass(frozen=True)
class ItemText:
    """What extraction reads of one minuted item."""

    item_id: int
    meeting_id: int
    meeting_date: dt.date
    text: str
    resolutions: tuple[tuple[str | None, str], ...] = ()
    title: str = ""  # read too when it carries the decision ("New play equipment: Defer until …")


@dataclass(frozen=True)
class Due:
    date: dt.date | None = None
    text: str | None = None
    next_meeting: bool = False
    month: tuple[int, int] | None = None


@dataclass(frozen=True)
class Found:
    kind: str  # resolution / agreed
    item_id: int
    meeting_id: int
    text: str
    owner_raw: str | None
    due: Due
    position: int = 0  # where in the item: sentences in order, then resolutions


def _later(text: str, held_on: dt.date) -> bool:
    """A deliverable promised for later: "a report be brought …"; "be considered" or "be added" only
    when a later meeting is named (an item "considered" or "added to the agenda" tonight is done)."""
    match = _DELIVERABLE.search(text)
    if match is None:
        return False
    return not re.search(r"\b(?:considered|added)\s*$", match.group()) or due_of(text, held_on) != Due()


def _in_the_room(text: str, held_on: dt.date) -> bool:
    """Done before the meeting ended: this meeting's agenda amended, or a task reported completed."""
    tonight = bool(_AGENDA.search(text)) and due_of(text, held_on) == Due()
    return tonight or bool(_REPORTED_DONE.search(text))


# "We will return to the hedge next spring", "We should update the handbook", "…, she will order the paint": a task
# its doer's pronoun stands for (the board itself, or whoever the sentence before named; "they" is as often
# another body).
_WE_WILL = re.compile(
    r"^(?:[^,;]{0,80},\s+)?(?:we|she|he)\s+(?:will|shall|should|plan\s+to|are\s+going\s+to|is\s+going\s+to)"
    r"\s+(?:also\s+|now\s+|then\s+)?(?!be\b|have\b|not\b|need\b|continue\b|see\b|know\b|hope\b)[a-z]{3,}\b",
    re.IGNORECASE,
)
# "Brenda will do some research", "Rahul is going to look into …", "Cllr Connell offered to contact …",
# "the Head of IT will check …": a named person or role, and a promise of any task.
_WILL = re.compile(
    rf"^(?:{_DECIDED}(?:that\s+)?)?(?P<owner>{_ROLE}|(?:{HONORIFIC}\s+)?[A-Z][\w'’.-]*(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]*|&|and)|{_SLASH}){{0,3}})"
    r"\s+(?:will|shall|is\s+going\s+to|are\s+going\s+to|(?:plans?|intends?|(?:is|are)\s+willing)\s+to|"
    r"(?:(?:is|are)\s+)?(?:planning|intending)\s+to|"
    r"(?:has\s+|have\s+)?(?:offered|volunteered|undertook|agreed|promised)\s+to)\s+(?!need\s+to\s+be\b)"
    r"(?:(?:also|now|then|further|personally|need\s+to)\s+)?"
    r"(?!be\b|not\b|continue\s+to\s+be\b)(?!have\b(?!.*\b(?:ready|done|finished|completed|prepared|in\s+place)\b))"
    r"[a-z]{2,}\b"
)
# "KC would contact the printer", "Cllr Lee would write to the owner": a promise as minutes report it, in the
# past tense; only a task's verb ("Jo would prefer …", "Sam would support …" promise nothing).
_WOULD_NAMED = re.compile(
    rf"^(?P<owner>{_ROLE}|(?:{HONORIFIC}\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,2}})\s+would\s+"
    rf"(?:(?:also|then|now|therefore|personally|continue\s+to)\s+)?(?:{_TASK_VERBS})\b"
)
# "CC asked the Parish Clerk to chase …", "requested that the Parish Clerk writes to …": the one asked.
_ASKED_OTHER = re.compile(
    rf"\b(?:asked|requested|instructed|invited|tasked|reminded|urged|encouraged)\s+(?P<owner>{_OFFICES}|{_ROLE}|(?:{HONORIFIC}\s+)?"
    r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})\s+to\s+[a-z]{3,}|"
    rf"\b(?:requested|agreed|resolved|asked)\s+that\s+(?P<owner2>{_OFFICES}|{_ROLE})\s+(?!be\b|is\b|was\b|were\b|has\b|had\b)"
    r"[a-z]{3,}\b"
)
_IMPERATIVE = re.compile(rf"^\s*(?:{_TASK_VERBS}|start|hone|help|try|keep)\b", re.IGNORECASE)
# "[Action item] …", "TODO: …", "Action Item – DQC to review …", "ACTION: JB – …": marked as a task.
_MARKED = re.compile(
    r"^[^\w\[]*(?:\[\s*action(?:\s+items?)?\s*\]|to\s*do\s*:|todo\b:?|action\s+items?\s*[:–—-]|action\s*[:–—-]|ai\s*:|"
    r"next\s+steps?\s*:|"
    r"(?:[-*+]\s*)?\[\s\])\s*",  # … and a list's unticked box ("- [ ] @sam review the draft")
    re.I,
)


def _bracketed(owner: str | None = None) -> str:
    """ "[Action @sam]", "[Action: Sam Lee]": an action marker in square brackets with whoever owes the task, as a
    pattern string (the owner captured as the group named `owner`, when given)."""
    named = f"?P<{owner}>" if owner else "?:"
    return rf"\[\s*(?i:action)\s*[:–—-]?\s*({named}@?[A-Za-z][^\[\]]{{0,40}}?)\s*\]"


# "Action (Priya): book the coach", "[Action @priya] book the coach": the owner in brackets with the marker.
_ACTION_FOR_NAMED = re.compile(
    r"^[^\w]*(?:(?i:action)\s*\(\s*(?P<owner>[A-Z][^()]{0,40}?)\s*\)"
    rf"|{_bracketed('owner2')})\s*[:–—-]?\s*\S+(?:\s+\S+)+"
)
_MARKED_TASK_WORDS = 4
# "Actions: none arising", "Action: Treasurer 7.3 Grants …" (a heading run on): no task.
_NO_TASK = re.compile(r"^\W*(?:no|none|nil|n/a)\b|^\S+\s+\d", re.IGNORECASE)
# Under a marker, whoever stands before "to" or a verb owes it: "Action: the data team to publish …",
# "[ ] @sam will review …", "[ ] @sam incorporate the feedback".
_MARKED_OWNER = re.compile(
    rf"^(?P<owner>(?:the\s+[a-z]|[A-Z@])[\w'’.&/@-]*(?:\s+[A-Za-z][\w'’.&/-]*){{0,5}}?)\s+(?:to|will|should|is\s+to|are\s+to)\s+"
    rf"(?!{_IN_THE_ROOM}\b)[a-z]{{3,}}\b|^(?P<handle>@[\w-]+)\s+[a-z]{{3,}}\b"
)
# "… ACTION: AHop/MS", "… LM Action.", "… – KV": who, by their initials, ends the task.
_INITIAL = r"(?!(?:AM|PM)\b)(?:[A-Z]{2,4}|[A-Z]{2,3}[a-z]{1,3})"  # "KV", "AHop"; not the time's "9.45 PM"
_INITIALS = rf"{_INITIAL}(?:\s*[/&,]\s*{_INITIAL}|\s+and\s+{_INITIAL})*"


# After "ACTION:" a name as the minutes shorten it ("ACTION: Ahop/AB", "ACTION: Clerk").
def _joined(name: str) -> str:
    """Names joined as minutes join their owners ("AB/CD", "Jo & Sam", "Jo, Sam and Ali"), as a pattern string."""
    return rf"{name}(?:\s*(?:[/&,]|\band\b)\s*{name})*"


_NAMED = _joined(r"[A-Z][\w'’.-]*")
# "○ Action TK: Ask the caretaker …", "ACTION JB/KL: send the notes": the marker, whoever owes it, then the task.
_ACTION_OWNER_FIRST = re.compile(rf"^{BULLET}?\s*(?:ACTION|Action)\s+(?P<owner>{_NAMED})\s*:\s*\S.*$")
_TRAILING_OWNER = re.compile(
    rf"(?:(?:\bACTION\s*[:–-]?|\b[Aa]ction\s*[:–-]|[,;]\s*action)\s*(?P<a>{_NAMED})|(?P<b>{_INITIALS})\s+(?:to\s+)?action"
    # "… outside of the chat. [Action @sam and @jo]."
    rf"|{_bracketed('c')})"
    r"\s*\.?\s*$"
)
# "KV", "ACTION: AHop", "PK Action.", "Action: Jo Bell by 3 Nov": an owner (and when) closing the task before them.
_OWNER_NAMED = _joined(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}")  # … each of up to three words
_BY_WHEN = r"(?:,?\s+(?:by|before)\b[\w/.,' -]{0,30})?"
_INITIALS_ALONE = re.compile(
    rf"^(?:\d+(?:\.\d+)*\s+)?(?:(?:ACTION\s*[:–-]?|(?i:action)\s*[:–-])\s*(?P<named>{_OWNER_NAMED}){_BY_WHEN}"
    rf"|{_bracketed('bracketed')}"  # "[Action @sam]"
    rf"|(?P<owner>{_INITIALS})(?:\s+(?i:action))?)\.?$"
)
# "Action: None", "Action: Done": a status where an owner would stand, owning nothing.
_STATUS_ALONE = re.compile(r"^(?:none|nil|n/?a|noted|agreed|completed?|ongoing|closed|done|open|pending|tb[cd])$", re.I)
# "- Katie: Will post to YouTube soon", "Chris: planning to broadcast …", "(Sam) book the hall": a list of
# who does what, the name first.
_NAME_TASK = re.compile(
    rf"^(?:{BULLET}\s*)?(?:(?P<owner>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,2}}|@[\w-]+)\s*:"
    r"|\((?P<paren>[A-Z][\w'’. &/-]{0,30})\))\s*"
    r"(?P<task>(?:will|to|going\s+to|planning\s+to|plans\s+to|is\s+going\s+to)\s+[a-z]{2,}.*|"
    r"(?:Will|To|Going\s+to|Planning\s+to)\s+[a-z]{2,}.*)$"
)
# Under "Actions", who owes each entry before a colon or a dash: "Jo Bell: Write the procedures", "ALL – Read it".
_LISTED_OWNER = re.compile(
    r"^(?:\d{1,2}[.)]\s*)?(?P<owner>(?:[A-Z][\w'’.-]*|@[\w-]+)(?:\s+(?:[A-Z][\w'’.-]*|and|&)){0,3})\s*(?::|\s[-–]\s)\s*\S"
)
# "Morag - notify members of the photo competition", "2. Dara-book the minibus": a name, a dash, the task.
_NAME_DASH_TASK = re.compile(
    rf"^(?:\d{{1,2}}[.)]\s*|{BULLET}\s*)?(?P<owner>[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*){{0,2}})\s*[-–]\s*"
    rf"(?:to\s+)?(?:{_TASK_VERBS}|talk|let|buy|continue|take)\b(?!\s*[-–]|\s+(?:was|were|is|are|has|had)\b)"
)
# "I will send the draft round", "I plan to implement these changes next week": the speaker's own promise,
# owed by whoever the item names as presenting it.
_FIRST_PERSON = re.compile(
    r"(?:^|[.;:,]\s+|,\s+(?:and|so|but)\s+)I(?:'ll|’ll|\s+will|\s+shall|\s+plan\s+to|\s+intend\s+to|\s+am\s+going\s+to)"
    r"\s+(?!not\b|be\s+(?:happy|glad|pleased)\b)[a-z]{2,}"
)
SPEAKER = "\x00speaker"
# The one an item names as presenting it: "Hall roof [Jo Bell]", "Grants (Sam)", "Presenter: Sam Lee."
_PRESENTER_TITLE = re.compile(r"[\[(](?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})[\])]\s*$")
_PRESENTER_LINE = re.compile(
    r"\b(?:Presenter|Presented\s+by|Speaker|Lead)\s*:\s*(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})"
)
# "Alex: I will send the draft round": the speaker named before the promise.
_SPEAKER_WILL = re.compile(
    r"^(?P<owner>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})\s*:\s*I(?:'ll|\s+will|\s+shall)\s+[a-z]{3,}"
)


# An offer for if it is ever needed is no task; nor is another organisation's promise reported to the board.
_IF_NEEDED = re.compile(
    r"\bif\s+(?:necessary|needed|required|appropriate)\b|\bany\s+(?:assistance|help|support)\b", re.I
)
_ORGANISATION = re.compile(
    r"\b(?:Council|Police|Service|Authority|Trust|Board|Partnership|Government|Department|Agency|Commission|"
    r"Company|Ltd|Limited|Inc|Foundation|University|College|School|Hospital|CCG|NHS)$"
)


def _may_owe(owner: str) -> bool:
    """Whether a subject can owe the board a task: a person, an office or a team, not a decision word,
    the board itself or another organisation."""
    return not (_NOT_A_DOER.match(owner) or _DECIDERS.match(owner) or _ORGANISATION.search(owner))


def doer(text: str) -> str | None:
    """The owner of "Clerk to write to …", "Cllr Lee will contact …", "ACTION: Jo Smith to order …", else None."""
    match = _DOER.match(text.strip())
    if match is None or _NOT_A_DOER.match(match["owner"]):
        return None
    return match["owner"]


def decided_task(text: str) -> tuple[bool, str | None]:
    """ "Resolved – to contact the school – AV to action": (a task, who it is for when named)."""
    if not _DECIDED_TASK.match(text.strip()):
        return False, None
    named = _ACTION_BY.search(text)
    return True, (named["owner"] if named else None)


def _tidy(sentence: str) -> str:
    return _LABEL.sub("", sentence).strip()


_AUXILIARIES = re.compile(r"(?:\s+(?:has|have|had|kindly|also|then|now|duly|very|generously))+\s*$", re.IGNORECASE)


_SENTENCE_ENDED = re.compile(r"\b(?P<word>[A-Za-z]{3,})[.!?]$")


def _owner_before(text: str) -> str | None:
    """The capitalised name that ends `text` ("… and Jo Smith" → "Jo Smith"; "Jo Smith has kindly" too); none
    when `text` ends a sentence ("The shop closes in June." before "AGREED to …")."""
    if (ended := _SENTENCE_ENDED.search(text.strip())) and ended["word"] not in ABBREVIATED_TITLES:
        return None
    m = _NAME_RUN.search(_AUXILIARIES.sub("", text.strip()))
    if not m:
        return None
    words = m.group(1).split()
    while words and words[0].lower() in ("of", "and", "&", "it", "there", "the", "a", "that"):
        words = words[1:]
    name = " ".join(words)
    return name if name and name[0].isupper() and name.lower() not in ("it", "there") else None


def _clause_owner(clause: str) -> str | None:
    """The subject of "X would …" when it names someone ("Peter Flynn would forward …")."""
    parts = _FUTURE.split(clause, maxsplit=1)
    subject, rest = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")
    if rest.lower().startswith("be "):
        return None  # "Reducing Reoffending should be moved …": the subject is the thing, not the doer
    subject = re.sub(r"^(?:the|at\s+a\s+future\s+meeting.*)\s+", "", subject, flags=re.IGNORECASE)
    if not subject or not subject[0].isupper() or len(subject.split()) > 6:
        return None
    if re.search(r"\b(?:report|update|presentation|item|details|there)\b", subject, re.IGNORECASE):
        return None
    return subject


def due_of(text: str, held_on: dt.date) -> Due:
    """When the action is due, as the minutes say it: a date, a month's meeting, the next meeting."""
    if m := _IN_MONTHS.search(text):
        count = int(m["n"]) if m["n"].isdigit() else NUMBER_WORDS.get(m["n"].lower(), 1)
        if m["unit"].lower().startswith("week"):
            return Due(date=held_on + dt.timedelta(weeks=count), text=m.group().strip())
        year, month = divmod(held_on.month - 1 + count, 12)
        day = min(held_on.day, 28)
        return Due(date=dt.date(held_on.year + year, month + 1, day), text=m.group().strip())
    if m := _MONTH_MEETING.search(text):
        month = MONTHS[m["m"].lower()]
        # "the March meeting": the first March after this meeting.
        year = int(m["y"]) if m["y"] else held_on.year + (month <= held_on.month)
        return Due(text=f"{m['m'].title()} {year} meeting", month=(year, month))
    later = [d.date for d in find_dates(text) if d.date > held_on]
    if later:
        return Due(date=later[0], text=f"by {later[0].day} {later[0]:%B %Y}")
    if _NEXT_MEETING.search(text):
        return Due(text="next meeting", next_meeting=True)
    if m := _FUTURE_MEETING.search(text):
        return Due(text=m.group().lower())
    return Due()


def from_resolutions(item: ItemText) -> list[Found]:
    """Resolutions that ask for something to be done (noting is not doing); one that asks two people for two
    things ("That the Clerk order the bins and that Cllr Lee ask the school …") gives each their task."""
    found = []
    for position, (label, text) in enumerate(item.resolutions, start=_RESOLUTIONS_AFTER):
        clauses = [f"That {clause.removeprefix('That ')}" for clause in _AND_THAT.split(text)]
        # A decision minuted over several sentences ("It was decided … Jo agreed to … Sam will …") sets each
        # task where two or more sentences name who does theirs; "… be brought. Clerk to draft it." is one task.
        said = sentences(text) if len(clauses) == 1 else []
        tasks = _clause_tasks(item, label, clauses, position)
        tasks = tasks or [t for t in _clause_tasks(item, label, said, position) if t.owner_raw]
        if len(tasks) > 1:
            found += tasks
        elif task := _resolution_task(item, label, text, position):
            found.append(task)
    return found


def _clause_tasks(item: ItemText, label: str | None, clauses: list[str], position: int) -> list[Found]:
    """The tasks of a resolution's clauses, when it has several; not a clause that reports what has been done
    ("… and that a copy has been sent to the Clerk")."""
    if len(clauses) < 2:
        return []
    return [
        task
        for clause in clauses
        if not _HAS_BEEN_DONE.search(clause) and (task := _resolution_task(item, label, clause, position))
    ]


_HAS_BEEN_DONE = re.compile(
    r"\b(?:has|have|had)\s+(?:already\s+)?been\b|\b(?:was|were)\s+(?:sent|done|received)\b", re.I
)
# "… and that Cllr Lee ask …", "…; that the Treasurer pay …": where a resolution asks something else of someone.
_AND_THAT = re.compile(r"(?:,?\s+and|;)\s+that\s+", re.IGNORECASE)


def _resolution_task(item: ItemText, label: str | None, text: str, position: int) -> Found | None:
    """The task a resolution (or a clause of one) sets, if it sets one."""
    owner = None
    if (
        (m := _REQUESTED.match(text))
        or (m := _DIRECTS.match(text))
        or (m := _REFERRED.search(text))
        or (m := _RECOMMENDED.search(text))
        or (m := _SUBJUNCTIVE.match(text))
    ):
        owner = m["owner"]
    elif (said := _commitment(text, item.meeting_date)) and not _ALREADY_DONE.search(text):
        owner = said[1]
    elif not (_later(text, item.meeting_date) or _DEFERRED.search(text) or _BOARD_WILL.search(text)):
        return None
    if _in_the_room(text, item.meeting_date):
        return None
    # "That a report on the hall lights be brought. Clerk to draft it by May.": who a later sentence names, or
    # the initials an action column sets after it ("… in more detail. PP").
    owner = owner or _named_later(text, item.meeting_date) or _initials_after(item.text, text)
    shown = f"{label} {text}" if label else text
    due = due_of(text, item.meeting_date)
    return Found("resolution", item.item_id, item.meeting_id, shown, owner, due, position)


def _initials_after(item_text: str, decided: str) -> str | None:
    """The owner's initials standing alone at the end of a decision or straight after it in its item's text
    ("… to discuss it in more detail. PP"), if any."""
    flat, said = " ".join(item_text.split()), " ".join(decided.split())
    at = flat.find(said)
    after = flat[at + len(said) :].split() if at >= 0 else []
    tail = said.rsplit(". ", 1)[-1] if ". " in said else ""
    for candidate in (tail, after[0] if after else ""):
        m = _INITIALS_ALONE.match(candidate)
        owner = (m["owner"] or m["named"]) if m else None
        if owner and not _STATUS_ALONE.match(owner):
            return owner
    return None


def _named_later(text: str, held_on: dt.date) -> str | None:
    """Who a decision's later sentences name to act, when its first names no one."""
    for sentence in _entries(text)[1:]:
        if (said := _commitment(sentence, held_on)) and said[1]:
            return said[1]
    return None


def _discussion(text: str) -> str:
    """The item's text before its decision block: what was said, not what was resolved."""
    return re.split(r"(?:^|\n)\s*(?:RESOLVED|AGREED)\b", text, maxsplit=1)[0]


_TOPIC = re.compile(r"^\s*[^:]{2,40}:\s*")
# Where another clause, with a subject of its own, begins: "…, and", "… and the Clerk will …", "… stated that …".
_CLAUSE = re.compile(
    r"[,;]\s+(?:and\s+|then\s+)?|\s+(?:and|but|so)\s+(?=(?:the\s+)?[A-Z])|"
    # "… are stored (Dev will collect them)", "(Clerk to write …)": a task told in brackets.
    rf"\s*\((?=[A-Z][\w'’.-]*(?:,?\s+[A-Z][\w'’.-]*){{0,3}}\s+(?:will|shall|(?:promised|offered|agreed|undertook)\s+to)\s|"
    rf"{_OFFICES}\s+to\s)|"
    r"\b(?:stated|said|confirmed|advised|added|reported|explained|noted|agreed)\s+that\s+"
)


# A question ("How to bring that in.", "Can we include …?") or a lead-in to a list ("The report will cover:").
_ASKS_OR_LEADS = re.compile(
    r"^(?:how|what|why|where|which|can|could)\b|\?(?:\s+\(?[a-z0-9]{1,4}[.)])?$|:$", re.IGNORECASE
)  # "… pay for the coach? ii.": a question, the next entry's label run on
# "If no one objects by March, the names will be removed": what follows from a condition, nobody's task.
_CONDITION = re.compile(r"^\W*(?:if|unless|should|in case)\b", re.IGNORECASE)


@lru_cache(maxsize=4096)  # asked again of the sentences before an action column's initials
def _commitment(sentence: str, held_on: dt.date) -> tuple[bool, str | None] | None:
    """Whether a sentence commits someone to do something, and who when it names them; None if not."""
    if _ASKS_OR_LEADS.search(_tidy(sentence)) and not _ACTION_FOR_NAMED.match(sentence):
        return None  # "How can we include …?", "The White Paper will cover:": a question, or a list's lead-in
    if re.match(r"^That\s", sentence.strip()) and _later(sentence, held_on):
        return True, None  # a resolution printed without its heading: "That a report be brought …"
    if m := _DIRECTIVE.match(_tidy(sentence)):
        owner = m["owner"] or m["subject"]
        return True, owner if _may_owe(owner) else None
    if named := doer(_tidy(sentence)):
        return True, named
    # "Manhole covers: GC to contact builders …": a topic, then whoever is to act on it.
    if (topic := _TOPIC.match(sentence)) and (named := doer(sentence[topic.end() :])):
        return True, named
    if (m := _TRAILING_OWNER.search(sentence)) and len(sentence[: m.start()].split()) >= 3:
        return True, (m["a"] or m["b"] or m["c"]).rstrip(".")
    if m := _SPEAKER_WILL.match(_tidy(sentence)):
        return True, m["owner"]
    if _FIRST_PERSON.search(_tidy(sentence)):
        return True, SPEAKER  # whoever the item says is speaking, if it says (see from_discussion)
    if (m := _NAME_TASK.match(sentence.strip())) and not _NOT_A_DOER.match(m["owner"] or m["paren"] or ""):
        return True, m["owner"] or m["paren"]
    if m := _ACTION_FOR_NAMED.match(sentence):
        return True, (m["owner"] or m["owner2"]).strip()
    if (m := _MARKED.match(sentence)) and len(sentence) > m.end():
        rest = sentence[m.end() :]
        if said := _commitment(rest, held_on):
            return said
        # "TODO: Help Noah move the old machine": a task, its verb first (not "Action: Chair" ending a paragraph).
        if _IMPERATIVE.match(rest):
            return True, None
        if m := _MARKED_OWNER.match(rest):
            return True, m["owner"] or m["handle"]
        if len(rest.split()) >= _MARKED_TASK_WORDS and not _NO_TASK.match(rest):
            return True, None  # "Action: posters to go up in the library before the fete": marked as a task
    if (m := _ACTION_OWNER_FIRST.match(sentence.strip())) and not _NOT_A_DOER.match(m["owner"]):
        return True, m["owner"]
    if (m := _NAME_DASH_TASK.match(sentence.strip())) and not _NOT_A_DOER.match(m["owner"]):
        return True, m["owner"]
    if (m := _WILL.match(_tidy(sentence))) and _may_owe(m["owner"]) and not _IF_NEEDED.search(sentence):
        return True, m["owner"]
    if (m := _BOARD_TASK.match(_tidy(sentence))) and not _IF_NEEDED.search(sentence):
        return True, m["owner"]  # "The board will write to the residents": the board's own task
    if (m := _WOULD_NAMED.match(_tidy(sentence))) and _may_owe(m["owner"]):
        return True, m["owner"]
    if m := _ASKED_OTHER.search(sentence):
        owner = m["owner"] or m["owner2"]
        if not _NOT_A_DOER.match(owner) and not _DECIDERS.match(owner):
            return True, owner
    # "Millennium Wood is in a poor state – TD & AV to inspect": the task after the dash.
    if (after := _AFTER_DASH.search(sentence)) and (named := doer(after["rest"])):
        return True, named
    if (task := decided_task(_tidy(sentence)))[0]:
        return True, task[1]
    if m := _SAID_WOULD.search(sentence):
        return True, _owner_before(sentence[: m.start()])
    if m := _AGREED_TO.search(sentence):
        # "Jo Smith agreed to find out …" is a task; "it was agreed to transfer …", "the Board agreed to
        # allocate …" and a motion "proposed, seconded and agreed" are the decision itself …
        owner = _owner_before(sentence[: m.start()])
        if _MOTION.search(sentence[: m.start()]):
            return None
        if owner is not None and not _DECIDERS.match(owner):
            return True, owner
        if not _AGREED_TO_ACT.match(sentence[m.end() :]):
            return None
        # … but "AGREED to invite a speaker in the spring" is what the board agreed to go and do: a task,
        # its doer named by a later rule if any (at the end otherwise).
    if m := _AGREED_THAT.search(sentence):
        clause = m["clause"] or m["bare"]
        # "… that a card be sent", "… that we seek to meet the head": the subjunctive, or an intent.
        future = _FUTURE.search(clause) or _SUBJUNCTIVE_TASK.search(clause)
        if not future or _ALREADY_DONE.search(clause) or _ABOUT_MEETINGS.match(clause):
            return None  # "agreed that future meetings should be held …": an arrangement, not a task
        return True, _clause_owner(clause)
    if m := _NAME_ASKED.search(sentence):
        return True, m["owner"]
    if _PASSIVE_TASK.search(sentence):
        return True, None
    if _DEFERRED.search(sentence) and _DEFER_MARK.search(sentence):
        return True, None
    if _PUT_OFF.search(sentence) and (due_of(sentence, held_on) != Due() or _LATER_TIME.search(sentence)):
        return True, None
    if (m := _UNDERTOOK.search(sentence)) or (m := _WERE_ASKED.search(sentence)):
        return True, _owner_before(sentence[: m.start()])
    if m := _WOULD_DO.search(sentence):
        owner = _owner_before(sentence[: m.start()])
        # "it would …", "they would …": no promise anyone can be held to.
        return (True, owner) if owner else None
    if (m := _DONE_BY.search(sentence)) and _may_owe(owner := m["owner"].rstrip(".")):
        return True, owner
    if (_CARRIED_TO_MEETING.search(sentence) or _CONTINUES_AT.search(sentence)) and not _CONDITION.match(sentence):
        return True, None
    if (m := _DOING.search(sentence)) and _may_owe(m["owner"]):
        return True, m["owner"]
    if (m := _ASKED_THAT_DO.search(sentence)) and _may_owe(m["owner"]):
        return True, m["owner"]
    if any(p.search(sentence) for p in (_REQUESTED_THAT, _WOULD_BE_SENT, _WOULD_BE_TAKEN, _ASKED_FOR)):
        # "… requested a short note from the Treasurer": whoever it is asked of.
        asked_of = _ASKED_OF.search(sentence)
        return True, asked_of["owner"] if asked_of and _may_owe(asked_of["owner"]) else None
    # "The Councillors propose filling the pot holes, Councillor Healey to order scalpings": a later clause.
    for clause in _CLAUSE.split(sentence)[1:]:
        if named := doer(clause):
            return True, named
        if (m := _WILL.match(clause)) and _may_owe(m["owner"]) and not _IF_NEEDED.search(clause):
            return True, m["owner"]
    if _PASSIVE_FUTURE.search(sentence) and not _IF_NEEDED.search(sentence) and not _CONDITION.match(sentence):
        return True, None
    if _WE_WILL.match(_tidy(sentence)) and not _IF_NEEDED.search(sentence) and not _CONDITION.match(sentence):
        return True, None
    if (m := _AGREED_TO.search(sentence)) and _AGREED_TO_ACT.match(sentence[m.end() :]):
        return True, None  # the board's own task, no one named
    return None


# "Jo will send the draft; Sam will book the hall", "…, while Sam will …": two people's tasks, two entries.
# "8.1 … – TD & AV to inspect 8.2 Resolved – …": numbered entries a reader ran together are separate; so are
# the starred tasks a clerk sets after a minute ("… agreed by all. *Clerk to write to the owner.").
# "… by next meeting SH and RE DC to transfer balances …": an action list by initials, run into one line.
# … but not where the initials are the object of what comes before ("Clerk to ask GLS to cut", "by the TSB to").
_OBJECT_BEFORE = "the by for that ask asked tell told invite invited remind contact allow request requested get with to"
_NOT_BEFORE_INITIALS = "".join(rf"(?<!\b{word})" for word in _OBJECT_BEFORE.split())
_NUMBERED_ENTRY = re.compile(
    # "…; [Action @sam] book the hall": a marked task run on after another's words.
    rf"[;,]\s+(?={_bracketed()}\s*[:–—-]?\s*[a-z])|"
    r"(?:;|,?\s+while)\s+(?=[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s+(?:will|to)\s+[a-z]{2,})|"
    r"\s(?=\d{1,3}\.\d{1,2}\s+[A-Z])|\s+(?=\*[A-Z])|\s+and\s+(?=[A-Z][\w'’-]+\s+asked\s+to\s)|(?<=[\w.])(?<!\band)"
    rf"{_NOT_BEFORE_INITIALS}\s+(?=[A-Z]{{2,3}}(?:\s+(?:and|&)\s+[A-Z]{{2,3}})?\s+to\s+[A-Za-z]+\b)"
)


@lru_cache(maxsize=256)  # read again for the action column's owners as for the sentences themselves
def _entries(text: str) -> tuple[str, ...]:
    """The text's sentences, with numbered entries run into one line split apart."""
    return tuple(
        part.strip() for sentence in sentences(text) for part in _NUMBERED_ENTRY.split(sentence) if part.strip()
    )


def _column_owners(entries: Sequence[str], held_on: dt.date) -> dict[int, tuple[str, str]]:
    """Initials read as a sentence of their own ("… in place. KV", "ACTION: AHop"): an action column's or
    an action marker's owner, for the nearest task before them in the same run of sentences (else the
    sentence just before). A bracketed marker ("… [Action @sam].") closes the list entry it is written in: its
    owner owes that entry. By position: (the owner, the marker as printed)."""
    owners: dict[int, tuple[str, str]] = {}
    for index, entry in enumerate(entries):
        if not index or not (m := _INITIALS_ALONE.match(entry.strip())) or _STATUS_ALONE.match(m["named"] or ""):
            continue
        start = max((i + 1 for i in owners if i < index), default=0)
        if m["bracketed"]:
            opening = [i for i in range(start, index) if _LIST_ENTRY.match(entries[i])]
            owners[opening[-1] if opening else index - 1] = (m["bracketed"], entry.strip())
            continue
        tasks = [i for i in range(start, index) if _commitment(entries[i], held_on) is not None and i not in owners]
        owners[tasks[-1] if tasks else index - 1] = (m["named"] or m["owner"], entry.strip())
    return owners


_LIST_ENTRY = re.compile(rf"^\s*{BULLET}\s")


# A member's own report, its subject left out: "Will post the video soon", "Going to bring in boxes",
# "Planning to improve the website" under the member's (or officer's) name as the item's heading.
_INTENT = re.compile(
    r"^(?:Will|Going\s+to|Planning\s+to|Plans\s+to|Intends?\s+to|Hoping\s+to|Hopes\s+to)\s+(?!be\b|to\b|and\b)[a-z]{2,}"
    r"|^Will\s+be\s+[a-z]{3,}ing\b"
)
_REPORTER = re.compile(r"^(?:[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2}|[A-Z]{2,4})$")


def candidates(item: ItemText, resolutions: list[Found] | None = None) -> list[tuple[int, str]]:
    """The sentences of an item's discussion that may commit someone, by position (a decision written into
    the heading first): not a resolution read as a follow-up (`resolutions`, else read here), not what was
    done or answered in the room, not an owner's initials standing alone."""
    # A resolution that asks nothing as a whole may still hold a sentence that does ("… resolved to hold the
    # service. The Clerk will design posters").
    read = from_resolutions(item) if resolutions is None else resolutions
    decided = [item.resolutions[f.position - _RESOLUTIONS_AFTER][1] for f in read]
    # A decision written into the heading ("To discuss new play equipment: Defer until the grant is known").
    heading = [item.title] if _DEFER_MARK.search(item.title) else []
    kept = []
    for position, sentence in enumerate([*heading, *_entries(_discussion(item.text))], start=-len(heading)):
        if any(_tidy(sentence) in text or text in sentence for text in decided):
            continue  # a resolution printed without a RESOLVED heading is not discussion
        if _ALREADY_DONE.search(sentence) or _ANSWERED.search(sentence) or _in_the_room(sentence, item.meeting_date):
            continue
        if not _INITIALS_ALONE.match(sentence.strip()):  # an owner's initials belong to the task before them
            kept.append((position, sentence))
    return kept


def read_by_rules(sentence: str, held_on: dt.date) -> bool:
    """Whether the rules read the sentence as a commitment."""
    return _commitment(sentence, held_on) is not None


def from_discussion(item: ItemText, resolutions: list[Found] | None = None) -> list[Found]:
    """Sentences in which someone agreed, was asked or undertook to do something (besides `resolutions`,
    the item's resolutions read as follow-ups, when already read)."""
    found = []
    entries = _entries(_discussion(item.text))
    owners = _column_owners(entries, item.meeting_date)
    for position, sentence in candidates(item, resolutions):
        said = _commitment(sentence, item.meeting_date)
        marker = ""
        if position in owners:
            # The action column names who owes it, over whoever the sentence names.
            owner, marker = owners[position]
            said = (True, owner)
        if said is None and _ASKS_OR_LEADS.search(_tidy(sentence)):
            continue  # a question, or a list's lead-in, asks or introduces; it commits no one
        if said is None and ACTIONS_TITLE.search(item.title) and len(_tidy(sentence).split()) >= 3:
            # A list of what is to be done: each entry a task, its doer if named ("RS: Email the venue").
            lead = _LISTED_OWNER.match(_tidy(sentence))
            said = (True, lead["owner"] if lead else None)
        if said is None and _INTENT.match(_tidy(sentence)):
            said = (True, item.title if _REPORTER.match(item.title) and _may_owe(item.title) else None)
        if said is None:
            continue
        if said[1] == SPEAKER:
            said = (True, _presenter(item))
        text = f"{_about(entries, position, item.meeting_date)}{_tidy(sentence)} {marker}".strip()
        due = due_of(text, item.meeting_date)
        found.append(Found("agreed", item.item_id, item.meeting_id, text, said[1], due, position))
    return found


def _presenter(item: ItemText) -> str | None:
    """Who an item names as presenting it: in its title ("Hall roof [Jo Bell]"), as its title ("Jo Bell", a
    member's own report), or on a line of its own ("Presenter: Jo Bell")."""
    if m := _PRESENTER_TITLE.search(item.title):
        return m["name"]
    if _REPORTER.match(item.title) and _may_owe(item.title):
        return item.title
    m = _PRESENTER_LINE.search(item.text)
    return m["name"] if m else None


_POINTS_BACK = re.compile(r"\b(?:this|these|that|it|them)\b\s*\.?$|^\W*\w+(?:\s+\w+)?\s+to\s+\w+\W*$", re.I)


def _about(entries: Sequence[str], position: int, held_on: dt.date) -> str:
    """What a task that only points back ("RT to look at it.", "Clerk to follow up.") is about: the sentence
    before it, when that is no task of its own, to be shown with it; else nothing."""
    sentence = entries[position] if 0 <= position < len(entries) else ""
    if position < 1 or not _POINTS_BACK.search(_tidy(sentence)):
        return ""
    before = _tidy(entries[position - 1])
    if _commitment(before, held_on) is not None or _INITIALS_ALONE.match(before):
        return ""
    return f"{before} "


def extract(item: ItemText) -> list[Found]:
    """All follow-ups an item creates; "X would carry out this work" gives its owner to the resolution."""
    resolutions = from_resolutions(item)
    discussion = from_discussion(item, resolutions)
    unowned = [f for f in resolutions if not f.owner_raw]
    kept = []
    for said in discussion:
        if unowned and said.owner_raw and _ANAPHOR.search(said.text):
            target = unowned[-1]
            resolutions[resolutions.index(target)] = replace(target, owner_raw=said.owner_raw)
            unowned.pop()
        else:
            kept.append(said)
    return resolutions + kept
