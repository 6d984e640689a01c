"""Members' everyday words for the standing business of a meeting map to the clerk's words."""

import pytest

from corpus.language.synonyms import clerks_words


@pytest.mark.parametrize(
    ("question", "clerk"),
    [
        ("who was off sick at the March meeting?", "apologies"),
        ("who sat in for Cllr Jones at planning?", "substitute"),
        ("did the committee go into private session?", "exclusion"),
        ("were the May minutes signed off?", "correct record"),
        ("was the meeting quorate?", "quorum"),
        ("who became vice chair?", "vice-chairman"),
        ("who became vice chair?", "elected"),
    ],
)
def test_a_members_phrase_gains_the_clerks_words(question, clerk):
    assert clerk in clerks_words(question)


def test_a_question_about_a_topic_gains_nothing():
    assert clerks_words("what is happening with the allotment hedges?") == ""
