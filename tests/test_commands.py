"""Commands are declared once in bot.commands; the handlers, /help, the menus, the console and the README follow."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from telegram.ext import CommandHandler

from bot.access import Role
from bot.commands import COMMANDS, OFFICER_COMMANDS, commands_table_markdown, example, examples, help_text, usage
from bot.console import run_console
from bot.conversation import Conversation, Request
from bot.telegram_app import build_application, member_commands, officer_commands
from tests.fake_telegram import TOKEN

ROOT = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
MEMBERS = [c for c in COMMANDS if c.who is Role.MEMBER]
OFFICERS = [c for c in COMMANDS if c.who is Role.OFFICER]
# Names, bodies and places of the bundled minutes: an example quoting them would read as this one board's bot.
BUNDLED_WORDS = ["Leicestershire", "MARAC", "CSP", "OPCC", "Glen Parva", "Rik Basra", "Rick Basra", "LSCSB", "Nitrox"]


@pytest.fixture
def conversation(service):
    config, own = service
    return Conversation(own, config, now=lambda: NOW)


def say(conversation, text, role=Role.MEMBER):
    return conversation.handle(Request(user_id=1, chat_id=1, text=text, role=role))


def test_each_command_is_declared_once_with_a_name_telegram_accepts():
    names = [c.name for c in COMMANDS]

    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z0-9_]{1,32}", name) for name in names)
    assert all(1 <= len(c.menu) <= 256 for c in COMMANDS)


def test_every_example_is_typed_as_its_own_command():
    for command in COMMANDS:
        assert command.examples, command.name
        assert all(e.split()[0] == f"/{command.name}" for e in command.examples), command.name
        assert usage(command.name).startswith(f"/{command.name}")


def test_no_field_can_break_the_readme_table():
    for command in COMMANDS:
        texts = [command.arguments, *command.examples, command.meaning, command.menu, command.detail]
        assert not any("|" in text or "\n" in text for text in texts), command.name


def test_examples_are_neutral_not_names_from_the_bundled_minutes():
    bundled = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "bundled").glob("*.txt")))
    for command in COMMANDS:
        shown = " ".join([*command.examples, command.meaning, command.menu, command.detail])
        assert not [word for word in BUNDLED_WORDS if word.lower() in shown.lower()], command.name
        # A capitalised name ("Jo Smith", "Council Chamber") must not be one the minutes use.
        for name in re.findall(r"[A-Z][a-z]+(?: [A-Z][a-z]+)+", shown):
            assert name not in bundled, (command.name, name)
        # Nor may a topic or note ("play area", "report drafted") be a phrase of theirs.
        for text in command.examples:
            words = text.split(maxsplit=1)[1:]
            if words and len(words[0].split()) > 1 and re.search(r"[A-Za-z]{3}", words[0]):
                assert words[0].lower() not in bundled.lower(), (command.name, text)


def test_the_readme_carries_the_commands_table_verbatim():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert commands_table_markdown() in readme


def test_the_readme_table_lists_what_help_lists():
    table = commands_table_markdown()

    for command in COMMANDS:
        assert (f"| `{command.usage}`" in table) is command.listed, command.name


def test_help_lists_the_members_commands_and_officers_see_theirs_too(conversation):
    member = say(conversation, "/help").plain
    officer = say(conversation, "/help", role=Role.OFFICER).plain

    for command in COMMANDS:
        line = f"{command.usage} — {command.meaning}. e.g. {'  ·  '.join(command.examples)}"
        assert (line in officer) is command.listed, command.name
        assert (line in member) is (command.listed and command.who is Role.MEMBER), command.name
    assert help_text(Role.MEMBER) in member and help_text(Role.OFFICER) in officer


def test_help_lists_members_commands_before_officers_commands():
    lines = help_text(Role.OFFICER).splitlines()
    listed = [c for c in COMMANDS if c.listed]

    assert len(lines) == len(listed)
    assert [line.split()[0] for line in lines] == [f"/{c.name}" for c in MEMBERS + OFFICERS if c.listed]


def test_the_menus_are_the_table_by_scope():
    assert [(c.command, c.description) for c in member_commands()] == [(c.name, c.menu) for c in MEMBERS]
    assert [(c.command, c.description) for c in officer_commands()] == [(c.name, c.menu) for c in COMMANDS]
    assert {c.name for c in OFFICERS} == OFFICER_COMMANDS


def test_telegram_hands_exactly_the_tables_commands_to_the_conversation(service):
    config, own = service
    app = build_application(config, own, TOKEN, now=lambda: NOW)

    handlers = [h for group in app.handlers.values() for h in group if isinstance(h, CommandHandler)]

    assert len(handlers) == 1
    assert handlers[0].commands == frozenset(c.name for c in COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_every_command_is_answered_by_its_own_handler(conversation, command):
    request = Request(user_id=1, chat_id=1, text=f"/{command.name}", role=Role.OFFICER)
    expected = command.handler(conversation, request, "")

    reply = say(conversation, f"/{command.name}", role=Role.OFFICER)

    assert "I don't know" not in reply.plain
    assert reply.plain == expected.plain  # the same handler, whatever state the first call left


@pytest.mark.parametrize("command", OFFICERS, ids=lambda c: c.name)
def test_officers_commands_refuse_members(conversation, command):
    reply = say(conversation, command.examples[0])

    assert reply.plain.startswith("Only officers can")


def test_the_console_accepts_every_command_in_the_table(conversation):
    lines = [c.examples[0] for c in COMMANDS]
    stdout = io.StringIO()

    status = run_console(conversation, io.StringIO("\n".join(lines) + "\n"), stdout)

    assert status == 0
    assert "I don't know" not in stdout.getvalue() and "Something went wrong" not in stdout.getvalue()


def test_usage_errors_quote_the_tables_examples(conversation):
    officer = Role.OFFICER
    assert example("ask") in say(conversation, "/ask").plain
    assert example("resolutions") in say(conversation, "/resolutions").plain
    assert example("timeline") in say(conversation, "/timeline").plain
    assert example("source") in say(conversation, "/source x").plain
    assert example("action") in say(conversation, "/action x").plain
    assert example("remind") in say(conversation, "/remind on x").plain
    for kind in ("done", "update", "assign"):
        assert example(kind) in say(conversation, f"/{kind} x", role=officer).plain
    assert f"Use {usage('schedule')}, e.g. {example('schedule')}" in say(conversation, "/schedule", role=officer).plain
    assert f"Use {usage('cancel')}, e.g. {example('cancel')}" in say(conversation, "/cancel soon", role=officer).plain
    meeting = say(conversation, "/meeting 31 February 2025").plain
    assert all(e in meeting for e in examples("meeting"))
