"""The passage shown for a hit is trimmed around the sentences that answer the question."""

from retrieval.answer import cues
from retrieval.coverage import question_terms
from retrieval.passage import trim


def weight(_term):
    return 1.0


def test_a_short_passage_is_shown_whole():
    assert trim("One sentence. Two sentences.", {"two"}, weight) == "One sentence. Two sentences."


def test_a_long_passage_keeps_the_matching_sentence_and_marks_the_cuts():
    filler = " ".join(f"Filler sentence {n} about other things." for n in range(60))
    text = f"{filler} The prison would be completed by spring 2023. {filler}"

    question = "When will the prison be completed?"

    shown = trim(text, question_terms(question), weight, cues(question), max_chars=300)

    assert "completed by spring 2023" in shown
    assert shown.startswith("… ") and shown.endswith(" …")
    assert len(shown) <= 300 + 4


def test_trimming_keeps_the_texts_own_line_breaks():
    text = "Intro line.\n- (i) First point about budgets.\n- (ii) Second point about prisons." + " Padding." * 40

    shown = trim(text, question_terms("budgets"), weight, max_chars=120)

    assert "First point about budgets.\n- (ii) Second point" in shown


def test_a_long_passage_centres_on_the_figure_a_how_much_question_asks_for():
    filler = " ".join(f"The grant scheme was discussed at length in part {n}." for n in range(40))
    text = f"{filler} The grant scheme was set at £12,500 for the year. {filler}"
    question = "How much was the grant scheme?"

    shown = trim(text, question_terms(question), weight, cues(question), max_chars=200)

    assert "£12,500" in shown
