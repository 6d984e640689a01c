"""The keyword side of search: exact acronyms, names, figures and minute numbers."""

from retrieval.keyword_index import KeywordIndex, tokenize


def test_tokens_keep_acronyms_figures_and_minute_numbers():
    tokens = tokenize("MARAC repeats at 47%; £42,089 agreed under minute 86(b) and 45/24 in 2019/20")

    assert {"marac", "repeat", "47", "42,089", "42089", "86", "86b", "45/24", "2019/20"} <= set(tokens)
    assert "at" not in tokens and "and" not in tokens


def test_plurals_fold_to_their_singular_but_names_stay():
    assert tokenize("churches reviews victims") == ["church", "review", "victim"]
    assert tokenize("Basra") == ["basra"]


def test_bm25_ranks_the_passage_with_the_rare_word_first():
    index = KeywordIndex.build(["Cyber crime update", "MARAC repeat referrals rose", "Crime figures"])

    scores = index.scores("MARAC repeats")

    assert scores.argmax() == 1 and scores[0] == scores[2] == 0


def test_an_empty_memory_has_an_empty_keyword_index():
    index = KeywordIndex.build([])

    assert len(index.scores("anything")) == 0


def test_words_are_listed_as_written_with_how_many_rows_hold_them():
    index = KeywordIndex.build(["Safeguarding report noted", "Safeguarding adults", "The report"])

    assert index.words() == {"safeguarding": 2, "report": 2, "noted": 1, "adults": 1}


def test_a_word_is_known_as_written_or_by_its_stem():
    index = KeywordIndex.build(["The works will finish in May"])

    assert index.knows("finish") and index.knows("Finished")
    assert not index.knows("prisn")


def test_two_words_are_adjacent_when_a_row_has_them_side_by_side():
    index = KeywordIndex.build(["Fees for the burial ground rose", "The working group met"])

    assert index.adjacent("burial", "grounds")
    assert not index.adjacent("burial", "group")
