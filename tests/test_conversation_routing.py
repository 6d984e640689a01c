"""Plain questions answered from where their answer lives: the calendar, the follow-ups, the
previous answer's item, a topic's timeline, or the minutes with an honest caveat."""

import datetime as dt

import pytest

from bot.access import Role
from bot.conversation import Conversation, Request
from bot.replies import Kind

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def conversation(service):
    config, own = service
    return Conversation(own, config, now=lambda: NOW)


def say(conversation, text, role=Role.MEMBER, chat=1):
    return conversation.handle(Request(user_id=chat, chat_id=chat, text=text, role=role))


def test_when_do_we_next_meet_is_answered_from_the_calendar(conversation):
    say(conversation, "/schedule 2026-12-03 10:00 Council Chamber", role=Role.OFFICER)

    reply = say(conversation, "when do we next meet?")

    assert "3 December 2026, 10:00, Council Chamber" in reply.plain


def test_a_month_names_its_meeting(conversation):
    reply = say(conversation, "the June 2020 one")

    assert reply.blocks[0].text.startswith("Leicestershire Safer Communities Strategy Board · 26 June 2020")


def test_outstanding_follow_ups_of_a_person_come_from_the_follow_ups(conversation):
    reply = say(conversation, "what is still outstanding for Rik?")

    assert reply.blocks and all("Rik" in b.text for b in reply.blocks if b.kind is Kind.CITATION)
    assert "open" in reply.blocks[0].text


def test_a_short_follow_on_is_read_against_the_previous_answer(conversation):
    say(conversation, "When will the new prison at Glen Parva be completed?")

    reply = say(conversation, "and who presented it?")

    assert "presented by" in reply.plain
    assert any("New prison at Glen Parva" in b.text for b in reply.blocks if b.kind is Kind.CITATION)


def test_a_follow_on_in_another_chat_is_a_fresh_search(conversation):
    say(conversation, "When will the new prison at Glen Parva be completed?", chat=1)

    reply = say(conversation, "and who presented it?", chat=2)

    assert not any("New prison at Glen Parva" in b.text for b in reply.blocks if b.kind is Kind.CITATION)


def test_a_typo_is_read_as_the_minutes_word_and_said(conversation):
    reply = say(conversation, "glen parva prisn")

    assert "“prisn” as “prison”" in reply.plain
    assert any("Glen Parva" in b.text for b in reply.blocks if b.kind is Kind.CITATION)


def test_a_question_about_a_year_with_no_minutes_is_marked_uncertain(conversation):
    reply = say(conversation, "Who was elected Chairman in 2021?")

    assert reply.blocks[0].kind is Kind.NOTICE and "closest match" in reply.blocks[0].text


def test_a_timeline_gives_a_line_per_meeting_oldest_first(conversation):
    reply = say(conversation, "/timeline domestic homicide reviews")

    lines = [b.text for b in reply.blocks[1:]]
    years = [int(next(w for w in line.split() if w.isdigit() and len(w) == 4)) for line in lines]
    assert len(lines) >= 2 and years == sorted(years)


def test_how_has_a_topic_changed_is_a_timeline(conversation):
    reply = say(conversation, "how has domestic homicide review funding changed?")

    assert "meeting by meeting" in reply.blocks[0].text
