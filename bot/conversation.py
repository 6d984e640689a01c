"""The conversation: a request (who, where, what they typed or pressed) in, a Reply out.

Plain functions over the memory and the searcher, shared by Telegram and the console; no
Telegram types here. Every command answers something useful, whatever was typed.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from bot.access import Role
from bot.answer_reply import NOT_FOUND, decisions_page, first_page, further_page, timeline_reply
from bot.commands import command_named, example, examples, help_text, usage
from bot.intents import FollowOn, Followups, MeetingSummary, NextMeeting, Timeline, read_intent
from bot.meeting_reply import meeting_reply
from bot.reminders import ChatReminders
from bot.replies import Button, Kind, Reply
from bot.settings import MAX_LEAD_DAYS, BotConfig
from corpus.browse import ItemView, item_views
from corpus.followups.closures import PROBABLY_DONE
from corpus.followups.updates import ActionError, find, record, reference
from corpus.followups.views import ActionView, action_view, describe_action, list_actions
from corpus.language.dates import find_dates, format_date
from corpus.meetings import state_of
from corpus.models import Body, Item, Meeting
from corpus.schedule import ScheduleError, cancel_meeting, default_body, parse_date, parse_time, schedule_meeting
from retrieval.service import Service

MAX_QUESTION = 500
MAX_NUMBER = 999_999_999  # ids, result numbers and offsets stay far below; SQLite overflows past 2**63
Clock = Callable[[], dt.datetime]

LIST_LIMIT = 15


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Request:
    user_id: int
    chat_id: int
    text: str
    role: Role = Role.MEMBER
    thread_id: int | None = None  # the forum topic it was asked in (None: no topic, or General)


_NUMBER = re.compile(r"#?([0-9]{1,9})")


def whole_number(text: str, most: int = MAX_NUMBER) -> int | None:
    """`text` as a whole number from 0 to `most` ("12", "#12"), else None; the one reader of typed numbers.

    ASCII digits only: str.isdigit() accepts "²", which int() then refuses.
    """
    match = _NUMBER.fullmatch(text.strip())
    value = int(match[1]) if match else None
    return value if value is not None and value <= most else None


def clean(text: str) -> str:
    """The message without control characters or runs of blank space."""
    kept = "".join(c if c in "\n\t" or unicodedata.category(c)[0] != "C" else " " for c in text)
    return re.sub(r"[ \t]+", " ", kept).strip()


@dataclass
class _Asked:
    question: str
    decisions: bool
    chat_id: int  # paging state belongs to the chat it was asked in; a button from elsewhere is refused
    item_ids: list[int] = field(default_factory=list)


class Conversation:
    """One conversation engine for every chat; it remembers each chat's last question for paging."""

    def __init__(
        self,
        service: Service,
        config: BotConfig,
        now: Clock = utc_now,
        calendar_changed: Callable[[], None] = lambda: None,
        channel: str = "telegram",
    ):
        self.channel = channel  # recorded with officers' changes: "telegram:<user id>" or "console:0"
        self.service = service
        self.config = config
        self.now = now
        self.calendar_changed = calendar_changed
        self.zone = ZoneInfo(config.timezone)
        self._asked: OrderedDict[str, _Asked] = OrderedDict()
        self._last: dict[int, str] = {}  # chat id → key of its last question
        self._last_item: dict[int, int] = {}  # chat id → the item its last answer led with
        self._counter = 0
        self._lock = threading.Lock()

    # -- entry points -----------------------------------------------------------------------

    def handle(self, request: Request) -> Reply:
        """Answer a typed message: a /command, or a plain question."""
        text = clean(request.text)
        if not text:
            return Reply.say("Ask me about anything the board has minuted, or send /help.")
        if len(text) > MAX_QUESTION and not text.startswith("/"):
            return Reply.say(
                f"That's a long message ({len(text):,} characters). Please ask in a sentence or two "
                f"(under {MAX_QUESTION} characters).",
                Kind.NOTICE,
            )
        if not text.startswith("/"):
            return self.question(request.chat_id, text)
        command, _, rest = text[1:].partition(" ")
        command = command.split("@", 1)[0].lower()  # "/ask@board_memory_bot" in groups
        found = command_named(command)
        if found is None:
            return Reply.say(f"I don't know /{command[:30]}. Here is what I can do:", Kind.NOTICE).add(
                Kind.TEXT, help_text(request.role)
            )
        return found.handler(self, request, rest)

    def press(self, request: Request, data: str) -> Reply:
        """Answer a button press (callback data written by this class)."""
        kind, _, value = data.partition(":")
        key, _, rest = value.partition(":")
        if kind == "more" and (offset := whole_number(rest)) is not None:
            return self._page(request.chat_id, key, offset)
        if kind == "src" and (item_id := whole_number(value)) is not None:
            return self.source(item_id)
        if kind == "done" and reference(value):
            return self.officer_update(request, "done", f"{value} confirmed with the button")
        return Reply.say("That button has expired. Please ask again.", Kind.NOTICE)

    # -- questions ---------------------------------------------------------------------------

    def help(self, role: Role = Role.MEMBER) -> Reply:
        return Reply.say(
            "I answer from the board's minutes, with the passage, the resolution and where to find it. "
            "Send a question as a message, or:"
        ).add(Kind.TEXT, help_text(role))

    def ask_command(self, chat_id: int, text: str) -> Reply:
        """/ask with what followed it: the question answered, or how to ask one."""
        return self.question(chat_id, text) if text else Reply.say("Ask what? e.g. " + example("ask"))

    def question(self, chat_id: int, text: str) -> Reply:
        """A question in plain words, answered from where its answer lives: the calendar, the
        follow-ups, the previous answer's item, or the minutes."""
        intent = read_intent(text)
        if isinstance(intent, NextMeeting):
            return self.meeting("next")
        if isinstance(intent, MeetingSummary):
            return self._meeting_of(intent.which)
        if isinstance(intent, Followups):
            return self._followups(intent)
        if isinstance(intent, Timeline):
            return self.timeline(intent.topic)
        if isinstance(intent, FollowOn) and (item_id := self._last_item.get(chat_id)) is not None:
            return self._follow_on(chat_id, item_id, intent.question)
        return self.ask(chat_id, text)

    def ask(self, chat_id: int, question: str) -> Reply:
        return self._start(chat_id, question, decisions=False)

    def _follow_on(self, chat_id: int, item_id: int, question: str) -> Reply:
        answer = self.service.searcher.ask_about(item_id, question)
        if not answer.answered:  # the item went with a re-read of the minutes: search afresh
            return self.ask(chat_id, question)
        reply, shown = first_page(answer)
        self._remember(_Asked(question, False, chat_id, [r.item_id for r in shown]))  # so /source 1 works
        reply.buttons.append(Button("Full text", f"src:{item_id}"))
        return reply

    def timeline(self, topic: str) -> Reply:
        """The topic across meetings, oldest first: a line per meeting with its figure or decision."""
        if not topic.strip():
            return Reply.say("A timeline of what? e.g. " + example("timeline"))
        answer = self.service.searcher.timeline(topic)
        if not answer.answered or not answer.results:
            return Reply.say(NOT_FOUND, Kind.NOTICE)
        return timeline_reply(topic, answer)

    def resolutions(self, chat_id: int, topic: str) -> Reply:
        if not topic:
            return Reply.say("Resolutions about what? e.g. " + example("resolutions"))
        return self._start(chat_id, topic, decisions=True)

    def more(self, chat_id: int) -> Reply:
        key = self._last.get(chat_id)
        asked = self._asked.get(key or "")
        if asked is None:
            return Reply.say("Ask a question first; then /more shows further results.")
        return self._page(chat_id, key or "", len(asked.item_ids))

    def _start(self, chat_id: int, question: str, decisions: bool) -> Reply:
        return self._page(chat_id, self._remember(_Asked(question, decisions, chat_id)), 0)

    def _remember(self, asked: _Asked) -> str:
        """Keep a chat's question for paging and /source; its key for the buttons."""
        with self._lock:  # chats are answered side by side, in threads
            self._counter += 1
            key = format(self._counter, "x")
            self._asked[key] = asked
            self._last[asked.chat_id] = key
            while len(self._asked) > 1000:  # keep paging state bounded
                self._asked.popitem(last=False)
        return key

    def _page(self, chat_id: int, key: str, offset: int) -> Reply:
        asked = self._asked.get(key)
        if asked is None:
            return Reply.say("That question has expired. Please ask again.", Kind.NOTICE)
        if asked.chat_id != chat_id:
            return Reply.say("That button belongs to another chat. Please ask your question here.", Kind.NOTICE)
        k = self.config.results
        answer = self.service.searcher.ask(asked.question, k=k, offset=offset, decisions=asked.decisions)
        if not answer.answered:
            return Reply.say(NOT_FOUND, Kind.NOTICE)
        if not answer.results:
            return Reply.say("No more results.", Kind.NOTICE)
        if asked.decisions:
            reply, shown = decisions_page(answer), answer.results
        elif offset == 0:
            reply, shown = first_page(answer)
        else:
            reply, shown = further_page(answer), answer.results
        asked.item_ids[offset:] = [r.item_id for r in shown]
        self._last[chat_id] = key
        if offset == 0 and not asked.decisions:
            self._last_item[chat_id] = shown[0].item_id  # what "and who presented it?" is about
        for result in shown:
            label = "Full text" if len(shown) == 1 else f"Full text {result.rank}"
            reply.buttons.append(Button(label, f"src:{result.item_id}"))
        if answer.more or len(shown) < len(answer.results):
            reply.buttons.append(Button("More", f"more:{key}:{offset + len(shown)}"))
        return reply

    # -- items and meetings ------------------------------------------------------------------

    def source_of_result(self, chat_id: int, number: str) -> Reply:
        asked = self._asked.get(self._last.get(chat_id, ""))
        result = whole_number(number)
        if result is None:
            return Reply.say(f"Which result? e.g. {example('source')} for the second result of the last answer.")
        position = result - 1
        if asked is None or not 0 <= position < len(asked.item_ids):
            return Reply.say("There is no such result in the last answer here. Ask a question first.")
        return self.source(asked.item_ids[position])

    def source(self, item_id: int) -> Reply:
        """The whole text of one item, with its citation and resolutions."""
        with Session(self.service.engine) as session:
            item = session.get(Item, item_id)
            meeting = session.get(Meeting, item.meeting_id) if item else None
            view = next((v for v in item_views(session, meeting) if v.item_id == item_id), None) if meeting else None
        if view is None:
            return Reply.say("That item is no longer in the memory (the minutes were re-read). Ask again.")
        return self._item_reply(view, full=True)

    def _item_reply(self, view: ItemView, full: bool) -> Reply:
        reply = Reply().add(Kind.CITATION, f"{view.citation}  [{view.source}]")
        if full:
            reply.add(Kind.PASSAGE, view.text)
        for label, text in view.resolutions:
            reply.add(Kind.RESOLUTION, f"{label} {text}" if label else text)
        return reply

    def _today(self) -> dt.date:
        return self.now().astimezone(self.zone).date()

    def _find_meeting(self, session: Session, text: str) -> Meeting | str:
        word = text.strip().lower()
        today = self._today()
        query = select(Meeting).where(Meeting.status != "cancelled")
        if word in ("", "last", "latest", "previous"):
            found = session.exec(query.where(Meeting.status == "held").order_by(col(Meeting.date).desc())).first()
            return found or "No meeting with minutes yet."
        if word in ("next", "upcoming"):
            found = session.exec(
                query.where(Meeting.status == "scheduled", Meeting.date >= today).order_by(col(Meeting.date))
            ).first()
            return found or "No upcoming meeting is scheduled. Officers can add one with /schedule."
        date = _read_date(text)
        if isinstance(date, str):
            day, *words = examples("meeting")  # a date, then last and next
            return f"{date}. Try {day}, {' or '.join(words)}."
        found = session.exec(select(Meeting).where(Meeting.date == date)).first()
        if found:
            return found
        dates = sorted(session.exec(select(Meeting.date)).all(), key=lambda d: abs((d - date).days))[:3]
        near = ", ".join(format_date(d) for d in sorted(dates)) or "none yet"
        return f"No meeting on {_date_words(date)}. Nearest: {near}."

    def meeting(self, text: str) -> Reply:
        with Session(self.service.engine) as session:
            found = self._find_meeting(session, text)
            if isinstance(found, str):
                return Reply.say(found, Kind.NOTICE)
            views = item_views(session, found)
            body = session.get(Body, found.body_id)
            heading = _meeting_line(found, body.name if body else "", state_of(session, found, self._today()))
        return meeting_reply(heading, views)

    def _meeting_of(self, which: str | dt.date | tuple[int, int]) -> Reply:
        """A meeting named in a question: "last", "next", a date, or a month (which may hold several)."""
        if isinstance(which, str):
            return self.meeting(which)
        if isinstance(which, dt.date):
            return self.meeting(which.isoformat())
        year, month = which
        first = dt.date(year, month, 1)
        after = dt.date(year + month // 12, month % 12 + 1, 1)
        with Session(self.service.engine) as session:
            dates = session.exec(
                select(Meeting.date)
                .where(Meeting.date >= first, Meeting.date < after, Meeting.status != "cancelled")
                .order_by(col(Meeting.date))
            ).all()
        if len(dates) == 1:
            return self.meeting(dates[0].isoformat())
        if not dates:
            return self.meeting(first.isoformat())  # says there was none, and the nearest
        listed = "\n".join(f"/meeting {d.isoformat()} — {format_date(d)}" for d in dates)
        return Reply.say(f"There were {len(dates)} meetings in {first:%B} {year}:").add(Kind.TEXT, listed)

    def next_meeting(self) -> Reply:
        return self.meeting("next")

    # -- reminders -----------------------------------------------------------------------------

    def remind(self, chat_id: int, text: str, thread_id: int | None = None) -> Reply:
        """Show or set the chat's reminder pings; turned on in a forum topic, they go to that topic."""
        words = text.lower().split()
        with Session(self.service.engine) as session:
            settings = session.get(ChatReminders, chat_id)
            if not words:
                if settings is None or not settings.enabled:
                    return Reply.say(
                        "Reminders are off for this chat. Turn them on with /remind on (or /remind on 7 1)."
                    )
                return Reply.say(f"Reminders are on: {_days(settings.lead_days)} before each meeting.")
            if words[0] not in ("on", "off"):
                return Reply.say("Use /remind on [days…], /remind off, or /remind to see the setting.")
            settings = settings or ChatReminders(chat_id=chat_id, updated_at=self.now())
            if words[0] == "off":
                settings.enabled = False
            else:
                days = [whole_number(w, most=MAX_LEAD_DAYS) for w in words[1:]]
                if None in days:
                    return Reply.say(
                        f"Give days before the meeting as whole numbers from 0 to {MAX_LEAD_DAYS}, "
                        f"e.g. {example('remind')}."
                    )
                settings.enabled = True
                settings.thread_id = thread_id
                lead = sorted({d for d in days if d is not None}, reverse=True)
                settings.lead_days = ",".join(str(d) for d in lead) or self.config.reminder_days
            settings.updated_at = self.now()
            session.add(settings)
            session.commit()
            where = " in this topic" if settings.thread_id is not None else ""
            answer = (
                f"Reminders on{where}: {_days(settings.lead_days)} before each meeting, at {self.config.reminder_time}."
                if settings.enabled
                else "Reminders are off for this chat."
            )
        self.calendar_changed()
        return Reply.say(answer)

    # -- follow-ups -------------------------------------------------------------------------------

    def actions(self, text: str, role: Role = Role.MEMBER) -> Reply:
        words = text.strip()
        show_all = words.lower().split()[:1] == ["all"]
        owner = (words[3:].strip() if show_all else words) or None  # "/actions all Jo Smith"
        with Session(self.service.engine) as session:
            views = list_actions(session, open_only=not show_all, owner=owner)
        if not views:
            whose = f" for {owner}" if owner else ""
            return Reply.say(f"No {'' if show_all else 'open '}follow-ups{whose}.", Kind.NOTICE)
        return self._action_list(views, role)

    def _action_list(self, views: list[ActionView], role: Role = Role.MEMBER) -> Reply:
        reply = Reply()
        for view in views[:LIST_LIMIT]:
            due = f" · due {view.due}" if view.due else ""
            reply.add(Kind.CITATION, f"{view.ref} · {view.state} · {view.owner or 'no owner named'}{due}")
            reply.add(Kind.PASSAGE, f"{_shorten(view.text)}\n— {view.source.citation}")
            proposal = next((h for h in reversed(view.history) if h.kind == "proposed closure"), None)
            if view.status == PROBABLY_DONE and proposal is not None and proposal.where:
                reply.add(Kind.PASSAGE, f"Looks delivered by {proposal.where.citation}")
                if role is Role.OFFICER:
                    reply.buttons.append(Button(f"Done: {view.ref}", f"done:{view.ref}"))
        if len(views) > LIST_LIMIT:
            reply.add(Kind.NOTICE, f"…and {len(views) - LIST_LIMIT} more. Narrow it down: /actions OWNER.")
        return reply

    def _followups(self, asked: Followups) -> Reply:
        if asked.owner == "me":
            listed = self.actions("all" if asked.include_done else "")
            reply = Reply.say(
                "I can't tell which name in the minutes is yours; here are everyone's "
                "(or ask for someone by name: /actions Jo Smith).",
                Kind.NOTICE,
            )
            reply.blocks.extend(listed.blocks)
            return reply
        if asked.overdue_only:
            return self._overdue(asked.owner or None)
        words = ("all " if asked.include_done else "") + (asked.owner or "")
        return self.actions(words)

    def _overdue(self, owner: str | None) -> Reply:
        today = self._today()
        with Session(self.service.engine) as session:
            views = [v for v in list_actions(session, open_only=True, owner=owner) if v.due_date and v.due_date < today]
        if not views:
            return Reply.say(f"No open follow-ups past their due date{f' for {owner}' if owner else ''}.", Kind.NOTICE)
        return self._action_list(views)

    def action(self, text: str, role: Role = Role.MEMBER) -> Reply:
        ref = reference(text)
        if ref is None:
            return Reply.say(
                "Which follow-up? Ids look like 240305-2 (meeting date, then number); e.g. " + example("action")
            )
        with Session(self.service.engine) as session:
            action = find(session, ref)
            if action is None:
                return Reply.say(f"There is no follow-up {ref}. /actions lists them.", Kind.NOTICE)
            view = action_view(session, action)
        reply = Reply.say(describe_action(view))
        if view.status == PROBABLY_DONE and role is Role.OFFICER:
            reply.buttons.append(Button(f"Done: {view.ref}", f"done:{view.ref}"))
        return reply

    def officer_update(self, request: Request, kind: str, text: str) -> Reply:
        if request.role is not Role.OFFICER:
            return Reply.say("Only officers can update follow-ups.", Kind.NOTICE)
        first, _, note = text.strip().partition(" ")
        ref = reference(first)
        if ref is None:
            return Reply.say(f"Which follow-up? Ids look like 240305-2; e.g. {example(kind)}")
        try:
            with Session(self.service.engine) as session:
                action = record(session, ref, kind, note, f"{self.channel}:{request.user_id}", self.now())
                session.commit()
                view = action_view(session, action)
        except ActionError as error:
            return Reply.say(str(error), Kind.NOTICE)
        done = {"done": "Marked done", "update": "Noted", "assign": f"Assigned to {view.owner}"}[kind]
        return Reply.say(f"{done}: {view.ref} {_shorten(view.text)}")

    # -- officers --------------------------------------------------------------------------------

    def schedule(self, request: Request, text: str) -> Reply:
        if request.role is not Role.OFFICER:
            return Reply.say("Only officers can schedule meetings.", Kind.NOTICE)
        words = text.split()
        if len(words) < 2:
            return Reply.say(f"Use {usage('schedule')}, e.g. {example('schedule')}")
        date_text, time_text, venue = _split_when(words)
        try:
            with Session(self.service.engine) as session:
                date, time = _schedulable(date_text, self._today()), parse_time(time_text)
                body = default_body(session)
                if body is None:
                    return Reply.say(
                        "I can't tell which board this meeting is for (none, or several, are in the memory). "
                        "Schedule it from the command line: boardmem schedule add DATE TIME --body NAME."
                    )
                meeting = schedule_meeting(
                    session, body, date, time, venue or None, f"{self.channel}:{request.user_id}", self.now()
                )
                session.commit()
                line = _meeting_line(meeting, body, state_of(session, meeting, self._today()))
        except ScheduleError as error:
            return Reply.say(str(error), Kind.NOTICE)
        self.calendar_changed()
        return Reply.say(f"Scheduled. {line}")

    def cancel(self, request: Request, text: str) -> Reply:
        if request.role is not Role.OFFICER:
            return Reply.say("Only officers can cancel meetings.", Kind.NOTICE)
        try:
            date = _strict_date(text)
        except ScheduleError as error:
            return Reply.say(f"{error}. Use {usage('cancel')}, e.g. {example('cancel')}")
        try:
            with Session(self.service.engine) as session:
                meeting = cancel_meeting(session, None, date, f"{self.channel}:{request.user_id}", self.now())
                session.commit()
                when = format_date(meeting.date)
        except ScheduleError as error:
            return Reply.say(str(error), Kind.NOTICE)
        self.calendar_changed()
        return Reply.say(f"Cancelled the meeting of {when}. Reminders for it will not be sent.")


def _strict_date(text: str) -> dt.date:
    """The date the whole of `text` writes; ScheduleError saying why there is none."""
    return parse_date(text.strip())


def _read_date(text: str) -> dt.date | str:
    """The date `text` names, alone or among other words; else why there is none, for the reply."""
    try:
        return _strict_date(text)
    except ScheduleError as error:
        if "not a real date" in str(error):
            return str(error)
        found = find_dates(text)  # a date among other words: "/meeting Wednesday 8 June 2016 please"
    return found[0].date if found else f"I couldn't read a date in {text[:40]!r}"


def _schedulable(text: str, today: dt.date) -> dt.date:
    """An officer's meeting date: real, and today or later."""
    date = _strict_date(text)
    if date < today:
        raise ScheduleError(f"{_date_words(date)} is in the past (today is {format_date(today)})")
    return date  # how far ahead a meeting may be is schedule_meeting's rule, for the CLI too


def _date_words(date: dt.date) -> str:
    """format_date with a four-digit year, so year 1 shows as 0001 rather than a puzzling 1."""
    return f"{date.day} {date:%B} {date.year:04d}"


_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?$", re.IGNORECASE)


def _split_when(words: list[str]) -> tuple[str, str, str]:
    """ "2026-12-03 10am Room 1" or "Thursday 3 December 2026 10:00 Room 1" → (date, time, venue)."""
    if re.match(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$", words[0]):
        size = 1  # 2026-12-03, 3/12/2026
    elif _WEEKDAY.match(words[0]):
        size = 4  # Thursday 3 December 2026
    else:
        size = 3  # 3 December 2026
    size = min(size, max(1, len(words) - 1))
    return " ".join(words[:size]), words[size] if len(words) > size else "", " ".join(words[size + 1 :])


def _days(lead_days: str) -> str:
    days = [d for d in (whole_number(part) for part in lead_days.split(",")) if d is not None]
    parts = ["on the day" if d == 0 else f"{d} day{'s' if d != 1 else ''}" for d in days]
    return " and ".join(parts) or "no days"


def _meeting_line(meeting: Meeting, body: str, state: str) -> str:
    """ "Board · 8 June 2016, 10:00, County Hall (held)": `state` is how it stands today, never a stale "scheduled"."""
    when = format_date(meeting.date)
    if meeting.start_time:
        when += f", {meeting.start_time:%H:%M}"
    where = f", {meeting.venue}" if meeting.venue else ""
    return f"{body} · {when}{where} ({state})"


def _shorten(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
