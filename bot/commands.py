"""The one table of the bot's commands: each declared once, with its usage, example, meaning, who may use it
and the handler it dispatches to.

Everything that lists or answers commands reads it: Telegram's handlers and menus (telegram_app.py), /help
and the dispatch (conversation.py, which the console shares) and the README's table (`commands_table_markdown`;
tests/test_commands.py fails if any of them drifts). Examples are neutral council wording, never names from
the bundled minutes, so /help reads the same for any board.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.access import Role

if TYPE_CHECKING:
    from bot.conversation import Conversation, Request
    from bot.replies import Reply

# Called with the conversation, the request and the text after the command ("" when none).
Handler = Callable[["Conversation", "Request", str], "Reply"]


@dataclass(frozen=True)
class Command:
    """One bot command, as typed, shown and answered."""

    name: str  # without the slash: "ask"
    arguments: str  # "QUESTION", "DATE TIME [VENUE]"; "" when it takes none
    examples: tuple[str, ...]  # the first is the one usage errors quote
    meaning: str  # one line, for /help and the README
    menu: str  # the command menu's line (Telegram allows 1–256 characters)
    handler: Handler
    who: Role = Role.MEMBER  # OFFICER: off members' menus and /help (the handler refuses members too)
    listed: bool = True  # in /help and the README; /help, /start and /more (the More button) are not
    detail: str = ""  # added to the meaning in the README, where there is room to say more

    @property
    def usage(self) -> str:
        """ "/schedule DATE TIME [VENUE]": how it is typed."""
        return f"/{self.name} {self.arguments}".rstrip()


COMMANDS: tuple[Command, ...] = (
    Command(
        name="ask",
        arguments="QUESTION",
        examples=("/ask What did we decide about the play area?",),
        meaning="the answer from the minutes, cited",
        menu="Ask the minutes a question",
        handler=lambda c, r, rest: c.ask_command(r.chat_id, rest),
        detail=(
            ": quoted in a line or two with its decision, in one short message; "
            "More pages on, Full text shows a whole item"
        ),
    ),
    Command(
        name="resolutions",
        arguments="TOPIC",
        examples=("/resolutions play area",),
        meaning="decisions only, newest first",
        menu="Resolutions on a topic, newest first",
        handler=lambda c, r, rest: c.resolutions(r.chat_id, rest),
    ),
    Command(
        name="timeline",
        arguments="TOPIC",
        examples=("/timeline allotment rents",),
        meaning="the topic meeting by meeting, oldest first",
        menu="A topic meeting by meeting, oldest first",
        handler=lambda c, r, rest: c.timeline(rest),
        detail=': each meeting\'s figure or decision and its citation (also "how has the precept changed?")',
    ),
    Command(
        name="meeting",
        arguments="DATE",
        examples=("/meeting 3 March 2025", "/meeting last", "/meeting next"),
        meaning="that meeting's items and resolutions",
        menu="A meeting's items: a date, last or next",
        handler=lambda c, r, rest: c.meeting(rest),
        detail=(
            ": decisions first, then the other business, then procedural items a line each; "
            "a meeting not yet minuted shows its agenda as its agenda"
        ),
    ),
    Command(
        name="next",
        arguments="",
        examples=("/next",),
        meaning="the next meeting: when, where, agenda",
        menu="The next meeting",
        handler=lambda c, r, rest: c.next_meeting(),
    ),
    Command(
        name="remind",
        arguments="",
        examples=("/remind on 7 1", "/remind off"),
        meaning="reminder pings for this chat, days before",
        menu="Reminder pings for this chat: on [days], off",
        handler=lambda c, r, rest: c.remind(r.chat_id, rest, r.thread_id),
        detail=" each meeting, at `reminder_time`; turned on in a forum topic, they go to that topic",
    ),
    Command(
        name="source",
        arguments="N",
        examples=("/source 2",),
        meaning="the whole text of result 2 of the last answer",
        menu="Whole text of a result of the last answer",
        handler=lambda c, r, rest: c.source_of_result(r.chat_id, rest),
    ),
    Command(
        name="more",
        arguments="",
        examples=("/more",),
        meaning="more results for the last question",
        menu="More results for the last question",
        handler=lambda c, r, rest: c.more(r.chat_id),
        listed=False,
    ),
    Command(
        name="actions",
        arguments="[all] [OWNER]",
        examples=("/actions Jo Smith",),
        meaning="open follow-ups (all: done ones too)",
        menu="Open follow-ups, or an owner's",
        handler=lambda c, r, rest: c.actions(rest, r.role),
    ),
    Command(
        name="action",
        arguments="ID",
        examples=("/action 240305-2",),
        meaning="one follow-up with its history",
        menu="One follow-up and its history",
        handler=lambda c, r, rest: c.action(rest, r.role),
        detail=(
            " (an id is the date of the meeting that made it and its place in those minutes: "
            "the same on every engine and after every re-ingest)"
        ),
    ),
    Command(
        name="schedule",
        arguments="DATE TIME [VENUE]",
        examples=("/schedule 2026-12-03 10:00 Council Chamber",),
        meaning="add a meeting",
        menu="Officers: add a meeting",
        handler=lambda c, r, rest: c.schedule(r, rest),
        who=Role.OFFICER,
        detail=" (up to five years ahead)",
    ),
    Command(
        name="cancel",
        arguments="DATE",
        examples=("/cancel 2026-12-03",),
        meaning="cancel a meeting",
        menu="Officers: cancel a meeting",
        handler=lambda c, r, rest: c.cancel(r, rest),
        who=Role.OFFICER,
    ),
    Command(
        name="done",
        arguments="ID [NOTE]",
        examples=("/done 240305-2 new swings installed",),
        meaning="mark a follow-up done",
        menu="Officers: mark a follow-up done",
        handler=lambda c, r, rest: c.officer_update(r, "done", rest),
        who=Role.OFFICER,
        detail=' (kept with who and when); a "probably done?" follow-up in an officer\'s `/actions` has a Done button',
    ),
    Command(
        name="update",
        arguments="ID TEXT",
        examples=("/update 240305-2 report drafted, due in March",),
        meaning="note progress",
        menu="Officers: note progress on a follow-up",
        handler=lambda c, r, rest: c.officer_update(r, "update", rest),
        who=Role.OFFICER,
        detail=" on a follow-up (kept with who and when)",
    ),
    Command(
        name="assign",
        arguments="ID OWNER",
        examples=("/assign 240305-2 Jane Smith",),
        meaning="give a follow-up an owner",
        menu="Officers: give a follow-up an owner",
        handler=lambda c, r, rest: c.officer_update(r, "assign", rest),
        who=Role.OFFICER,
    ),
    Command(
        name="help",
        arguments="",
        examples=("/help",),
        meaning="what I can do",
        menu="What I can do",
        handler=lambda c, r, rest: c.help(r.role),
        listed=False,
    ),
    Command(
        name="start",
        arguments="",
        examples=("/start",),
        meaning="what I can do",
        menu="What I can do",
        handler=lambda c, r, rest: c.help(r.role),
        listed=False,
    ),
)

_BY_NAME = {command.name: command for command in COMMANDS}
OFFICER_COMMANDS = frozenset(c.name for c in COMMANDS if c.who is Role.OFFICER)


def command_named(name: str) -> Command | None:
    """The command typed as /`name` (lower case, no slash), or None."""
    return _BY_NAME.get(name)


def usage(name: str) -> str:
    """How /`name` is typed, for usage errors: "/cancel DATE"."""
    return _BY_NAME[name].usage


def examples(name: str) -> tuple[str, ...]:
    """The examples of /`name` (a KeyError for a name not in the table: a typo in the code, caught by tests)."""
    return _BY_NAME[name].examples


def example(name: str) -> str:
    """The example usage errors quote for /`name`: the first of its examples."""
    return examples(name)[0]


def commands_for(role: Role) -> list[Command]:
    """The commands `role` may use, in the table's order: members' first, then officers'."""
    allowed = [c for c in COMMANDS if c.who is Role.MEMBER or role is Role.OFFICER]
    return sorted(allowed, key=lambda c: c.who is Role.OFFICER)  # stable: the table's order within each


def menu(role: Role) -> list[tuple[str, str]]:
    """(name, description) for the command menu `role` sees: members' commands, or officers' too."""
    return [(c.name, c.menu) for c in COMMANDS if c.who is Role.MEMBER or role is Role.OFFICER]


def help_text(role: Role) -> str:
    """The /help lines `role` sees: usage, meaning and an example of each listed command."""
    rows = [c for c in commands_for(role) if c.listed]
    return "\n".join(f"{c.usage} — {c.meaning}. e.g. {'  ·  '.join(c.examples)}" for c in rows)


def commands_table_markdown() -> str:
    """The listed commands as a Markdown table; README.md carries this text verbatim."""
    lines = ["| Command | Example | What it does |", "| --- | --- | --- |"]
    for c in commands_for(Role.OFFICER):
        if c.listed:
            who = " (officers)" if c.who is Role.OFFICER else ""
            shown = " · ".join(f"`{e}`" for e in c.examples)
            lines.append(f"| `{c.usage}`{who} | {shown} | {c.meaning}{c.detail} |")
    return "\n".join(lines) + "\n"
