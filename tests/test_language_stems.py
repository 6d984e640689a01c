"""Snowball stems and bm25s's stop words: the words search compares, written once."""

from corpus.language.stems import STOPWORDS, stem
from retrieval.keyword_index import index_terms, tokenize


def test_a_plural_stems_to_its_singular():
    assert stem("reviews") == "review"


def test_forms_of_a_word_share_a_stem():
    assert stem("completed") == stem("completion")


def test_a_name_stays_recognisable():
    assert tokenize("Knopp") == ["knopp"]


def test_question_words_are_stop_words():
    assert {"what", "who", "did"} <= STOPWORDS


def test_an_acronyms_plural_meets_its_singular():
    assert tokenize("CSPs") == tokenize("CSP") == ["csp"]


def test_figures_are_not_stemmed():
    assert tokenize("45/24 2019/20 £42,089") == ["45/24", "2019/20", "42,089", "42089"]


def test_a_lettered_minute_is_kept_both_ways():
    assert tokenize("86(b)") == ["86", "86b"]


def test_the_index_keeps_each_word_as_written_beside_its_stem():
    terms = index_terms("the board meets")

    assert {"meet", "=meets", "board_meet"} <= set(terms)


def test_the_stop_words_are_bm25s_list_read_without_importing_it():
    from bm25s.stopwords import STOPWORDS_EN_PLUS

    assert frozenset(STOPWORDS_EN_PLUS) == STOPWORDS
