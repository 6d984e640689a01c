"""The conversation, as Telegram and the console both use it: a request in, a reply out."""

import datetime as dt
import re

import pytest
from sqlmodel import Session

from bot.access import Role
from bot.conversation import Conversation, Request
from bot.replies import Kind
from corpus.followups.views import list_actions

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def conversation(service):
    config, own = service
    return Conversation(own, config, now=lambda: NOW)


def say(conversation, text, role=Role.MEMBER, chat=1):
    return conversation.handle(Request(user_id=chat, chat_id=chat, text=text, role=role))


def citations(reply):
    return [b.text for b in reply.blocks if b.kind is Kind.CITATION]


def test_a_plain_question_gets_the_answer_its_decision_and_citation(conversation):
    reply = say(conversation, "What was the Domestic Homicide Review budget allocation increased to?")

    assert citations(reply)[0] == "Minute 86 · 8 June 2016 · Domestic Homicide Reviews"
    assert "42,089" in reply.plain
    assert any(b.kind is Kind.RESOLUTION for b in reply.blocks)
    assert [b.label for b in reply.buttons][-1] == "More"


def test_the_reply_opens_with_a_sentence_quoted_from_the_cited_item(conversation):
    reply = say(conversation, "When will the new prison be finished?")

    first = reply.blocks[0]
    item = say(conversation, "/source 1").plain
    assert first.kind is Kind.PASSAGE and first.text.strip("“”") in " ".join(item.split())


def test_a_question_the_minutes_do_not_cover_says_so(conversation):
    reply = say(conversation, "Who won the Best Kept Village award?")

    assert reply.plain.startswith("Nothing in the minutes about that.") and not reply.buttons


def test_more_pages_on_from_where_the_answer_stopped(conversation):
    first = say(conversation, "/ask What did the police say about the Cambridge Harm Index?")
    more = next(b for b in first.buttons if b.label == "More")

    second = conversation.press(Request(1, 1, ""), more.data)

    shown = len([b for b in first.buttons if b.label.startswith("Full text")])
    assert citations(second)[0].startswith(f"{shown + 1}. ")
    assert not set(citations(first)) & set(citations(second))


def test_full_text_of_a_result_is_the_whole_item(conversation):
    say(conversation, "When will the new prison at Glen Parva be completed?")

    reply = say(conversation, "/source 1")

    assert reply.blocks[0].text.startswith("26 June 2020 · Ministry of Justice Update - New prison at Glen Parva")
    assert "spring 2023" in reply.plain and "meet the buyer" in reply.plain


def test_resolutions_lists_decisions_only_newest_first(conversation):
    reply = say(conversation, "/resolutions domestic homicide reviews")

    dates = [re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}", c).group() for c in citations(reply)]
    assert not any(b.kind is Kind.PASSAGE for b in reply.blocks)
    assert dates == sorted(dates, key=lambda d: dt.datetime.strptime(d, "%d %B %Y"), reverse=True)
    assert "£42,089" in reply.plain


def test_meeting_shows_that_meetings_items_and_resolutions(conversation):
    reply = say(conversation, "/meeting 8 June 2016")

    assert reply.blocks[0].text.startswith("Leicestershire Safer Communities Strategy Board · 8 June 2016, 10:00")
    decided = reply.plain.index("Decided:")
    assert "£42,089" in reply.plain and decided < reply.plain.index("Procedural:")
    assert "Declarations of interest: none" in reply.plain
    assert not any("[" in c for c in citations(reply))  # no file names in a meeting's citations


def test_meeting_last_is_the_latest_minuted_meeting(conversation):
    assert "26 June 2020" in say(conversation, "/meeting last").blocks[0].text


def test_an_unknown_meeting_date_suggests_the_nearest(conversation):
    reply = say(conversation, "/meeting 9 June 2016")

    assert "No meeting on 9 June 2016" in reply.plain and "8 June 2016" in reply.plain


def test_next_says_when_nothing_is_scheduled(conversation):
    assert "No upcoming meeting is scheduled" in say(conversation, "/next").plain


def test_members_cannot_schedule_meetings(conversation):
    assert "Only officers" in say(conversation, "/schedule 2026-12-03 10:00 Room 1").plain


def test_an_officer_schedules_a_meeting_and_next_shows_it(conversation):
    scheduled = say(conversation, "/schedule 3 December 2026 10:00 Sparkenhoe Room", role=Role.OFFICER)

    reply = say(conversation, "/next")

    assert scheduled.plain.startswith("Scheduled.")
    assert "3 December 2026, 10:00, Sparkenhoe Room (scheduled)" in reply.plain


def test_an_officer_cancels_a_meeting(conversation):
    say(conversation, "/schedule 2026-12-03 10:00", role=Role.OFFICER)

    reply = say(conversation, "/cancel 2026-12-03", role=Role.OFFICER)

    assert "Cancelled the meeting of 3 December 2026" in reply.plain
    assert "No upcoming meeting" in say(conversation, "/next").plain


def test_a_bad_schedule_date_gets_a_clear_message(conversation):
    reply = say(conversation, "/schedule 31 February 2027 10:00", role=Role.OFFICER)

    assert "not a real date" in reply.plain


def test_reminders_turn_on_with_lead_days_and_off(conversation):
    on = say(conversation, "/remind on 3 1")
    status = say(conversation, "/remind")
    off = say(conversation, "/remind off")

    assert "3 days and 1 day before each meeting" in on.plain
    assert "Reminders are on" in status.plain
    assert "off" in off.plain and "off" in say(conversation, "/remind").plain


def test_hostile_or_odd_messages_get_a_helpful_reply(conversation):
    assert "/help" in say(conversation, "").plain
    assert "long message" in say(conversation, "x" * 10_000).plain
    assert "I don't know /frobnicate" in say(conversation, "/frobnicate now").plain
    assert say(conversation, "\x00\x07<script>alert(1)</script>").plain  # answered, not crashed


def test_help_lists_each_command_with_an_example_and_officer_commands_for_officers(conversation):
    member = say(conversation, "/help").plain
    officer = say(conversation, "/help", role=Role.OFFICER).plain

    assert "/resolutions TOPIC" in member and "e.g. /meeting 3 March 2025" in member
    assert "/schedule" not in member and "/schedule DATE TIME" in officer


def test_actions_lists_open_follow_ups_with_owner_and_citation(conversation):
    reply = say(conversation, "/actions Rik Basra")

    assert any("Rik Basra" in c for c in citations(reply))
    # The page prints no heading for it: the title made from its words is shown in brackets.
    assert "— 26 June 2020 · [LSCSB Action Log]" in reply.plain
    assert "done" not in " ".join(citations(reply))  # open only by default


def test_action_shows_one_follow_up_with_its_history(conversation):
    listed = say(conversation, "/actions all Rik Basra")
    number = next(c.split(" ")[0].lstrip("#") for c in citations(listed) if "(Green)" in c)

    reply = say(conversation, f"/action {number}")

    assert "created: Minute 9 · 14 June 2019" in reply.plain and "action log" in reply.plain


def test_only_officers_mark_follow_ups_done_and_it_is_recorded(conversation):
    number = citations(say(conversation, "/actions"))[0].split(" ")[0].lstrip("#")

    refused = say(conversation, f"/done {number} finished")
    done = say(conversation, f"/done {number} finished", role=Role.OFFICER)
    history = say(conversation, f"/action {number}")

    assert "Only officers" in refused.plain
    assert done.plain.startswith(f"Marked done: {number}")
    assert f"{number} [done]" in history.plain and "done by telegram:1: finished" in history.plain


def test_an_officer_confirms_a_probably_done_follow_up_with_its_button(conversation):
    with Session(conversation.service.engine) as session:
        ref = next(v.ref for v in list_actions(session) if v.status == "probably done")
    officer = say(conversation, f"/action {ref}", role=Role.OFFICER)
    member = say(conversation, f"/action {ref}")
    (button,) = officer.buttons

    refused = conversation.press(Request(1, 1, ""), button.data)
    confirmed = conversation.press(Request(1, 1, "", Role.OFFICER), button.data)

    assert "probably done?" in officer.plain and "Looks delivered" in officer.plain and member.buttons == []
    assert "Only officers" in refused.plain and confirmed.plain.startswith(f"Marked done: {ref}")
    assert f"{ref} [done]" in say(conversation, f"/action {ref}").plain


def test_assign_needs_a_name(conversation):
    number = citations(say(conversation, "/actions"))[0].split(" ")[0].lstrip("#")

    assert "needs text" in say(conversation, f"/assign {number}", role=Role.OFFICER).plain


# -- questions answered from where their answer lives ---------------------------------------------


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
