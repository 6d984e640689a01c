"""Spelling-tolerant questions: a word the minutes never use, mistyped, becomes the word they do."""

import threading

from retrieval.keyword_index import KeywordIndex
from retrieval.spelling import Speller, distance

MINUTES_WORDS = {
    "prison": 4,
    "safeguarding": 12,
    "homicide": 5,
    "review": 9,
    "burial": 2,
    "ground": 2,
    "group": 10,
    "grout": 1,
    "fees": 6,
    "finish": 3,
    "form": 7,
    "contract": 2,
    "contact": 8,
}


def test_a_swap_of_neighbouring_letters_is_one_edit():
    assert distance("safegaurding", "safeguarding", 2) == 1
    assert Speller(MINUTES_WORDS).correct("safegaurding") == "safeguarding"


def test_a_dropped_letter_is_restored():
    assert Speller(MINUTES_WORDS).correct("prisn") == "prison"


def test_a_long_word_may_be_two_edits_away_but_a_short_one_only_one():
    speller = Speller(MINUTES_WORDS)

    assert speller.correct("sefeguardnig") == "safeguarding"
    assert speller.correct("hamicida") is None  # 8 letters, two edits from "homicide"


def test_words_under_five_letters_are_never_corrected():
    assert Speller(MINUTES_WORDS).correct("farm") is None


def test_figures_and_stop_words_are_never_corrected():
    speller = Speller({"b1398": 3, "council": 5})

    assert speller.correct("b1389") is None
    assert speller.correct("should") is None


def test_a_word_the_minutes_know_by_its_stem_is_not_a_typo():
    assert Speller(MINUTES_WORDS).correct("finished") is None


def test_the_first_letter_is_never_changed():
    assert Speller(MINUTES_WORDS).correct("brison") is None


def test_between_equally_near_words_the_more_frequent_wins():
    assert Speller(MINUTES_WORDS).correct("groud") == "group"  # "ground" 2 passages, "group" 10


def test_a_word_the_minutes_write_beside_the_questions_neighbour_wins_a_tie():
    index = KeywordIndex.build(["Burial ground fees rose.", "The working group met.", "The group agreed."])

    assert Speller.from_keyword_index(index).correct("groud", before="burial") == "ground"


def test_a_nearer_word_beats_a_more_frequent_one():
    assert Speller(MINUTES_WORDS).correct("contrract") == "contract"


def test_a_real_english_word_is_left_alone():
    speller = Speller({"staff": 40}, english=lambda: {"stuff"})

    assert speller.correct("stuff") is None
    assert speller.correct("stafff") == "staff"


def test_correct_text_replaces_only_the_misspelt_words_keeping_case_and_punctuation():
    text, replaced = Speller(MINUTES_WORDS).correct_text("What did Glen Parva say about the Prisn's homocide review?")

    assert text == "What did Glen Parva say about the Prison's homicide review?"
    assert replaced == {"Prisn": "Prison", "homocide": "homicide"}


def test_a_question_with_nothing_to_correct_comes_back_unchanged():
    question = "  Which fees did the board agree in 2016, minute 86(b)?  "

    assert Speller(MINUTES_WORDS).correct_text(question) == (question, {})


def test_a_speller_over_a_keyword_index_corrects_to_the_minutes_words():
    index = KeywordIndex.build(
        [
            "The safeguarding board reviewed the prison's visiting arrangements.",
            "Safeguarding adults: the annual report was noted.",
            "Stuff and nonsense was not minuted.",
        ]
    )
    speller = Speller.from_keyword_index(index)

    text, replaced = speller.correct_text("what about safegaurding at the prisn? and the staf?")

    assert text == "what about safeguarding at the prison? and the staf?"
    assert replaced == {"safegaurding": "safeguarding", "prisn": "prison"}


def test_concurrent_questions_share_one_speller():
    speller = Speller(MINUTES_WORDS)
    answers: list[str | None] = []
    threads = [threading.Thread(target=lambda: answers.append(speller.correct("prisn"))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert answers == ["prison"] * 8
