"""The keyword side of search: exact acronyms, names, figures and minute numbers."""

from pathlib import Path

import bm25s
import numpy as np
import pytest

from retrieval.keyword_index import K1, B, KeywordIndex, index_terms, tokenize


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


# --- bm25s defines the scores: the segmented index must give exactly its numbers -------------------------------


def _bundled_paragraphs() -> list[str]:
    folder = Path(__file__).resolve().parent.parent / "corpus" / "bundled"
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt")))
    return [part.strip() for part in text.split("\n\n") if len(part.strip()) > 40]


def _bm25s_scores(texts: list[str], question: str) -> np.ndarray:
    reference = bm25s.BM25(k1=K1, b=B)  # Lucene's BM25, bm25s's default
    reference.index([index_terms(text) for text in texts], show_progress=False)
    known = [term for term in index_terms(question) if term in reference.vocab_dict]
    return np.asarray(reference.get_scores(known), dtype=np.float32)


QUESTIONS = ["who chaired the meeting", "domestic violence funding 2019/20", "apologies for absence", "minute 45"]


@pytest.mark.parametrize("question", QUESTIONS)
def test_scores_are_bm25s_scores_on_real_minutes(question):
    texts = _bundled_paragraphs()

    ours = KeywordIndex.build(texts).scores(question)

    assert ours.any()
    np.testing.assert_allclose(ours, _bm25s_scores(texts, question), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("question", QUESTIONS)
def test_after_adding_and_removing_rows_the_scores_are_bm25s_scores_of_the_rows_left(question):
    texts = _bundled_paragraphs()
    half = len(texts) // 2
    index = KeywordIndex.build(texts[:half])
    index.add(list(range(half, len(texts))), texts[half:])
    removed = list(range(10, half, 3))
    index.remove(removed, [texts[i] for i in removed])
    left = [text for i, text in enumerate(texts) if i not in set(removed)]

    np.testing.assert_allclose(index.scores(question), _bm25s_scores(left, question), rtol=1e-5, atol=1e-6)
