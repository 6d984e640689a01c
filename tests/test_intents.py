"""Reading what kind of question a member asked, in members' own words."""

import datetime as dt
import json
from pathlib import Path

import pytest

from bot.intents import FollowOn, Followups, MeetingSummary, NextMeeting, Search, Timeline, read_intent

# -- the next meeting ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "when do we next meet",
        "When do we next meet?",
        "next meeting?",
        "nxt mtg",
        "when's the next board meeting",
        "whens the next meeting",
        "wen is the next meeting",
        "is there a meeting next week?",
        "are we meeting this month",
        "when do we meet again",
        "where is the next meeting being held",
        "what time does the next meeting start",
        "date of the next meeting pls",
        "when is the next parish council meeting",
        "when do we meet",
        "where is the meeting",
        "upcoming meetings",
        "venue for the next meeting",
        "next meeting date and venue",
        "remind me when the next meeting is",
        "can you tell me when the next meeting is",
        "is the meeting still on for thursday",
        "are we still meeting on tuesday",
        "is tonight's meeting still on",
        "any meetings coming up",
        "WHEN IS THE NEXT MEETING",
        "@board_memory_bot when is the next meeting",
    ],
)
def test_when_and_where_of_the_next_meeting_is_read_as_next_meeting(text):
    assert read_intent(text) == NextMeeting()


@pytest.mark.parametrize(
    "text",
    [
        "what's on the agenda for the next meeting",
        "whats on the agenda for next meeting",
        "what will we discuss at the next meeting",
        "what items are coming up at the next meeting",
        "whats the agenda",
        "agenda?",
        "what's on the agenda next time",
    ],
)
def test_the_agenda_of_the_next_meeting_is_a_summary_of_the_next_meeting(text):
    assert read_intent(text) == MeetingSummary("next")


# -- a past meeting ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "what happened at the last meeting?",
        "what did we cover last time?",
        "wat did we cover last time",
        "last meeting",
        "summary of the last meeting",
        "recap of the previous meeting please",
        "what was discussed at the most recent meeting",
        "what did we decide at the last meeting",
        "when was the last meeting",
        "the last one",
        "what did we talk about last time",
        "what was on the agenda last time",
        "anything important at the last meeting?",
        "what went on at the last mtg",
    ],
)
def test_the_last_meeting_is_read_as_a_summary_of_the_last_meeting(text):
    assert read_intent(text) == MeetingSummary("last")


@pytest.mark.parametrize(
    "text",
    [
        "the June 2020 one",
        "the june 2020 one?",
        "june 2020 meeting",
        "what happened in June 2020",
        "what was discussed at the june 2020 meeting",
    ],
)
def test_a_month_and_year_name_the_meeting_held_then(text):
    assert read_intent(text) == MeetingSummary((2020, 6))


def test_a_month_abbreviated_names_the_meeting_held_then():
    assert read_intent("what was discussed at the March 2019 meeting?") == MeetingSummary((2019, 3))
    assert read_intent("the sept 2021 one") == MeetingSummary((2021, 9))


@pytest.mark.parametrize(
    "text",
    [
        "what was discussed on 8 June 2016",
        "the meeting on 8th June 2016",
        "what did the meeting on 2016-06-08 decide",
        "8 june 2016 meeting",
    ],
)
def test_a_full_date_names_the_meeting_held_that_day(text):
    assert read_intent(text) == MeetingSummary(dt.date(2016, 6, 8))


# -- follow-ups ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("what is still outstanding for Priya?", "Priya"),
        ("wat is still outstanding for priya pls", "priya"),
        ("what actions does Ravi Lindqvist have?", "Ravi Lindqvist"),
        ("what actions does ravi lindqvist have", "ravi lindqvist"),
        ("what has the clerk still to do", "the clerk"),
        ("what has the clerk got left to do", "the clerk"),
        ("Priya's actions", "Priya"),
        ("show me tomasz hollis's follow-ups", "tomasz hollis"),
        ("what are the clerk's outstanding actions", "the clerk"),
        ("any actions for the deputy clerk", "the deputy clerk"),
        ("what's outstanding for the town clerk", "the town clerk"),
        ("open actions for Cllr Dunmore", "Cllr Dunmore"),
        ("cllr o'brien's actions", "cllr o'brien"),
        ("what are james' actions", "james"),
        ("what does priya still need to do", "priya"),
        ("what is dr hollis supposed to do", "dr hollis"),
        ("follow-ups assigned to the treasurer", "the treasurer"),
        ("what is outstanding from jo", "jo"),
        ("what's outstanding for jo, please", "jo"),
        ("Jo\u2019s actions", "Jo"),
        ("what actions has jo got", "jo"),
        ("has jo got any actions", "jo"),
        ("what follow-ups does the treasurer have outstanding", "the treasurer"),
        ("does ravi have any open actions", "ravi"),
        ("what follow ups are there for the chair", "the chair"),
        ("tasks for the working group", "the working group"),
    ],
)
def test_follow_ups_of_an_owner_keep_the_owner_as_typed(text, owner):
    assert read_intent(text) == Followups(owner)


@pytest.mark.parametrize(
    "text",
    [
        "what's outstanding?",
        "whats outstanding",
        "open actions",
        "what follow ups are there",
        "any outstanding actions?",
        "our outstanding actions",
        "who has outstanding actions",
        "show me everything still open",
        "list the action points",
        "what's still outstanding for us",
        "to-dos",
        "what's left to do",
        "what still needs doing",
        "what is still to be done",
        "what hasn't been done",
        "whats not done yet",
        "show me the action log",
        "what's outstanding on the action log",
    ],
)
def test_follow_ups_without_an_owner_are_everyone_s_open_ones(text):
    assert read_intent(text) == Followups(None)


@pytest.mark.parametrize("text", ["what are my actions", "what's on my plate", "what's outstanding for me"])
def test_a_member_s_own_follow_ups_name_the_owner_me(text):
    assert read_intent(text) == Followups("me")


@pytest.mark.parametrize("text", ["which follow-ups are overdue", "anything overdue?", "overdue actions"])
def test_overdue_follow_ups_ask_for_the_overdue_ones_only(text):
    assert read_intent(text) == Followups(None, overdue_only=True)


def test_overdue_follow_ups_of_an_owner_keep_the_owner():
    assert read_intent("whats overdue for ravi") == Followups("ravi", overdue_only=True)


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("completed actions", None),
        ("which actions are done", None),
        ("list all follow-ups", None),
        ("all actions for cllr dunmore", "cllr dunmore"),
        ("what did the chair agree to do", "the chair"),
        ("what did we agree to do", None),
        ("all follow-ups including closed ones", None),
    ],
)
def test_done_follow_ups_are_included_when_asked_for(text, owner):
    assert read_intent(text) == Followups(owner, include_done=True)


@pytest.mark.parametrize(
    "text", ["all open actions", "all the actions still outstanding", "whats outstanding for all of us"]
)
def test_all_open_follow_ups_leave_the_done_ones_out(text):
    assert read_intent(text) == Followups(None)


# -- how a topic changed -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("how has the precept changed?", "precept"),
        ("how has the skate park developed", "skate park"),
        ("how's the skate park changed over the years", "skate park"),
        ("how have the allotment rents changed over time", "allotment rents"),
        ("how has the precept changed since 2019", "precept"),
        ("tell me how the bypass plans have evolved", "bypass plans"),
        ("how did the precept change over the years", "precept"),
        ("history of the village hall", "village hall"),
        ("the history of our allotments", "allotments"),
        ("timeline of the bypass", "bypass"),
        ("allotments over the years", "allotments"),
        ("the precept over time", "precept"),
        ("progress on the new hall across meetings", "new hall"),
        ("changes to the standing orders over the years", "standing orders"),
        ("what has changed with the standing orders over the years", "standing orders"),
        ("Skate Park over the years", "Skate Park"),
        ("how has the play area changed recently", "play area"),
        ("spending on parks over the years", "spending on parks"),
        ("how has the grant funding changed over the years", "grant funding"),
        ("how have our reserves changed", "reserves"),
        ("how has the budget changed since last year", "budget"),
        ("whats the history of the cycle path", "cycle path"),
        ("give me the timeline for the skate park", "skate park"),
        ("track the cycle path across meetings", "cycle path"),
        ("cycle path meeting by meeting", "cycle path"),
        ("how has the cycle path project moved on", "cycle path project"),
    ],
)
def test_how_a_topic_changed_is_a_timeline_of_the_topic(text, topic):
    assert read_intent(text) == Timeline(topic)


# -- follow-on questions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "and who presented it?",
        "and who presented it",
        "what did they decide?",
        "who proposed that?",
        "who proposed that",
        "when was that?",
        "and the cost?",
        "why?",
        "who seconded it",
        "so what was agreed",
        "but who paid for it",
        "how much did it cost",
        "how much",
        "was it unanimous",
        "was there a vote",
        "any update on that",
        "and what happens next",
        "what about it",
        "what does that mean",
        "how has it changed",
        "how has it evolved over the years",
        "how have they changed",
        "and when is it due",
        "what did we decide",
        "whose idea was that",
        "is that still happening",
        "who approved it",
        "did they agree",
        "is it on the agenda",
        "tell me more",
        "who said that",
        "more details",
        "go on",
        "how did it go",
    ],
)
def test_a_short_question_with_no_topic_of_its_own_follows_on(text):
    assert read_intent(text) == FollowOn(text)


# -- everything else is a search (the negatives) -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "and who presented the budget?",
        "and who presented the budget",
        "what about the library",
        "and the library",
        "why did they close the pool",
        "who is the chair",
        "what is the precept",
        "what did 86 say",
        "and in 2019?",
        "thanks",
        "hello",
        "hi there",
        "no",
        "ok",
        "yes please",
        "more parking",
    ],
)
def test_a_short_question_with_a_topic_of_its_own_is_a_search(text):
    assert read_intent(text) == Search(text)


@pytest.mark.parametrize(
    "text",
    [
        "what did we decide about the next meeting's venue",
        "when is the budget meeting?",
        "when is the next budget meeting",
        "When is the meeting after 8 June 2016?",
        "how often does the board meet",
        "what did we decide last year",
        "what did we decide at the last meeting about parking",
        "who attended the last meeting",
        "the 2019 meetings",
        "how many meetings were there in 2019",
        "what was said about the last meeting and the next meeting",
        "what happened to the play area?",
        "when was the meeting",
        "what was on the agenda",
        "is the cycle path on the agenda",
        "the climate agenda",
        "what did we talk about the cycle path",
        "how did the last meeting go",
        "when is the next planning committee meeting",
        "when is the annual parish meeting",
        "is the next meeting on zoom",
        "who chaired the last meeting",
        "when was the last time we discussed the pond",
        "when did we last meet with the police",
        "What are the dates of future meetings for 2019/20?",
        "what meeting dates did we agree in December 2021?",
    ],
)
def test_a_question_that_mentions_a_meeting_but_asks_about_something_else_is_a_search(text):
    assert read_intent(text) == Search(text)


@pytest.mark.parametrize(
    "text",
    [
        "outstanding debts of the council",
        "any outstanding complaints",
        "the outstanding balance",
        "is the clerk chasing the outstanding invoices",
        "what actions did we take on flooding",
        "what tasks were agreed on the website",
        "what did the council agree to do about the trees",
        "action on climate change",
        "what actions for parking enforcement",
        "whats outstanding for the consultation",
        "what is outstanding for the budget review",
        "any actions for jo and sam",
        "whats outstanding for this year",
        "priyas actions",  # no apostrophe: "priyas" may be a topic word
        "open spaces strategy",
        "what's open on sundays",
        "are there any outstanding planning applications",
        "what actions are being taken on anti social behaviour",
        "what are the key actions in the climate action plan",
        "the task and finish group",
        "what remains outstanding on the lease",
        "the clerk's list of grants",
        "outstanding actions from the last meeting",
        "outstanding payments from the county",
        "what still needs doing on the pavilion",
    ],
)
def test_a_topic_question_using_follow_up_words_is_a_search(text):
    assert read_intent(text) == Search(text)


@pytest.mark.parametrize(
    "text",
    [
        "what changed in the constitution?",
        "how did the precept change",
        "how's the skate park going",
        "how have things changed",
        "what did we spend over the years",
        "how did they change it in 2019",
        "what was the history teacher's report about",
        "parking complaints recently",
        "cycle path history",
        "how is the cycle path progressing",
        "progress on the cycle path",
        "what's changed on the cycle path",
        "how has the budget changed from last year",
        "the play area since 2019",
    ],
)
def test_a_question_about_one_change_rather_than_change_over_time_is_a_search(text):
    assert read_intent(text) == Search(text)


FIXTURES = Path(__file__).parent / "fixtures"
QUESTION_SETS = ["real/questions.jsonl", "real_heldout/questions.jsonl", "seed_eval/questions.jsonl"]


@pytest.mark.parametrize("name", [*QUESTION_SETS, "paraphrased_questions.jsonl"])
def test_every_evaluation_question_about_the_minutes_stays_a_search(name):
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    questions = [json.loads(line)["question"] for line in lines if line.strip()]
    routed = {q: read_intent(q) for q in questions if read_intent(q) != Search(" ".join(q.split()))}
    assert questions and routed == {}


def test_a_long_message_is_a_search_whatever_its_words():
    text = "what is still outstanding for Priya" + " and for the clerk" * 20
    assert read_intent(text) == Search(text)


def test_an_empty_message_is_an_empty_search():
    assert read_intent("   ") == Search("")


def test_a_search_keeps_the_question_as_typed_on_one_line():
    assert read_intent("  What  did we decide\nabout the play area? ") == Search(
        "What did we decide about the play area?"
    )
