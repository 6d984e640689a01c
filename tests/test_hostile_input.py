"""Hostile numbers, dates and names typed to the conversation (and its console twin): a clear answer, never a crash."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from bot.access import Role
from bot.console import run_console
from bot.conversation import Conversation, Request, whole_number
from bot.replies import Kind

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
HUGE = "99999999999999999999"


@pytest.fixture
def conversation(service):
    config, own = service
    return Conversation(own, config, now=lambda: NOW)


def say(conversation, text, role=Role.OFFICER, chat=1):
    return conversation.handle(Request(user_id=chat, chat_id=chat, text=text, role=role))


def press(conversation, data, chat=1):
    return conversation.press(Request(user_id=chat, chat_id=chat, text="", role=Role.MEMBER), data)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", 12), (" #7 ", 7), ("0", 0), ("²", None), ("１２", None), ("-3", None), ("1e3", None), (HUGE, None)],
)
def test_numbers_are_ascii_digits_within_bounds(text, expected):
    assert whole_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [f"/action {HUGE}", f"/done {HUGE}", f"/update {HUGE} note", f"/assign {HUGE} Jane Smith"],
)
def test_a_huge_number_gets_an_answer_not_an_overflow(conversation, text):
    reply = say(conversation, text)

    assert "follow-up" in reply.plain or "result" in reply.plain


@pytest.mark.parametrize("data", [f"src:{HUGE}", "src:²", "more:1:²"])
def test_a_forged_button_with_a_huge_or_odd_number_has_expired(conversation, data):
    say(conversation, "What is Operation Nitrox?")

    reply = press(conversation, data)

    assert reply.blocks[0].kind is Kind.NOTICE


@pytest.mark.parametrize("text", ["/action ²", "/done ²", "/source ²", "/remind on ²", "/remind on 7 ²"])
def test_a_superscript_digit_is_not_a_number(conversation, text):
    reply = say(conversation, text)

    assert "e.g." in reply.plain


def test_the_console_answers_hostile_numbers_and_carries_on(conversation):
    lines = [f"/action {HUGE}", "/action ²", "/source ²", "/remind on ²", "full text ²", f"/done {HUGE}", "/help"]
    stdout = io.StringIO()

    status = run_console(conversation, io.StringIO("\n".join(lines) + "\n"), stdout)

    assert status == 0 and "Something went wrong" not in stdout.getvalue()
    assert "/ask QUESTION" in stdout.getvalue()  # it got as far as /help


def test_a_meeting_centuries_ahead_cannot_be_scheduled(conversation):
    reply = say(conversation, "/schedule 9999-12-31 10:00 Room 1")

    assert reply.plain.startswith("31 December 9999 is too far ahead")


def test_a_year_is_read_as_written(conversation):
    reply = say(conversation, "/meeting 1 January 0001")

    assert "No meeting on 1 January 0001" in reply.plain and "2001" not in reply.plain


@pytest.mark.parametrize("text", ["/meeting 31 February 2016", "/meeting 1 January 0000", "/meeting 2016-13-01"])
def test_an_impossible_date_gets_a_clear_message(conversation, text):
    reply = say(conversation, text)

    assert "is not a real date" in reply.plain


def test_a_year_is_read_as_written_when_scheduling(conversation):
    reply = say(conversation, "/schedule 1 January 0001 10:00")

    assert reply.plain.startswith("1 January 0001 is in the past")
