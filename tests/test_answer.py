"""Choosing the sentences that answer, and reading what a question asks for."""

from retrieval.answer import (
    Cue,
    absent_in,
    asks_money,
    asks_when,
    cues,
    gives_count,
    gives_money,
    gives_person,
    gives_time,
    prose,
    quote,
    still_pending,
)
from retrieval.coverage import question_terms

ITEM = (
    "The Clerk reported on the village hall roof. Several quotes had been sought. "
    "The lowest quote, from a local firm, was £8,450 and work would start in March 2025. "
    "Members thanked the Clerk."
)


def weight(_term):
    return 1.0


def answer(question, text=ITEM, title="Village hall roof"):
    context = frozenset(question_terms(title))
    return quote(prose(text), question_terms(question), weight, cues(question), context)


def test_a_how_much_question_quotes_the_sentence_with_the_amount():
    assert "£8,450" in answer("how much will the hall roof cost?")


def test_a_when_question_quotes_the_sentence_with_the_time():
    assert "March 2025" in answer("when will the roof work start?")


def test_nothing_matching_quotes_the_items_opening():
    assert answer("what about the swimming pool?").startswith("The Clerk reported")


def test_table_rows_are_never_quoted():
    text = "Budget\t2023\t2024\nStaff\t£12,000\t£13,000\nThe budget was agreed at £13,000 for staff."

    assert "\t" not in answer("how much is the staff budget?", text)


def test_the_cue_words_of_questions():
    assert cues("who proposed it and how much did it cost?") == {Cue.PERSON, Cue.FIGURE}
    assert asks_money("what would the new bench cost?") and not asks_money("what about the costs award?")
    assert asks_when("when is the hedge being cut?")


def test_a_paragraph_number_or_a_year_is_not_a_count():
    assert not gives_count("6.1 Photos had been published in 2021")
    assert gives_count("Twelve residents attended") and gives_count("it was 12 votes to 3")


def test_money_and_times_and_people_are_recognised():
    assert gives_money("at a cost of £450") and not gives_money("at minute 45")
    assert gives_time("by spring 2023") and not gives_time("the 2016/17 allocation")
    assert gives_person("Cllr A Jones proposed") and not gives_person("The Clerk reported")


def test_a_matter_left_for_later_is_pending():
    assert still_pending("The supplier was yet to be finalised.")
    assert still_pending("A report would be brought to the next meeting.")


def test_a_person_sending_apologies_is_absent():
    assert absent_in("Apologies were received from Sergeant Jo Bloggs who was unable to attend.", "Jo Bloggs")
    assert not absent_in("Sergeant Jo Bloggs reported on burglaries.", "Jo Bloggs")
