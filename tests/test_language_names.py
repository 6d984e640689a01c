"""Titles, ranks and honours written once, for attendance lists and action owners."""

import re

from corpus.language.names import HONORIFIC, starts_with_honorific, strip_rank


def test_a_shortened_title_opens_a_name():
    assert starts_with_honorific("Cllr. A. Patel")


def test_a_police_rank_opens_a_name():
    assert starts_with_honorific("Detective Chief Inspector J. Doe")


def test_a_plain_name_has_no_title():
    assert not starts_with_honorific("Mark Jones")


def test_a_word_that_begins_like_a_title_is_not_one():
    assert not starts_with_honorific("Mrsa Team")


def test_rank_and_honours_are_stripped():
    assert strip_rank("Mr. J. T. Smith CC JP") == "J. T. Smith"


def test_two_word_shortened_rank_is_stripped():
    assert strip_rank("Ch. Supt. K. Lee") == "K. Lee"


def test_the_pattern_finds_each_titled_name_in_a_run():
    text = "Cllr. A. Patel Parish Council Mrs K. Lee Clerk"

    assert len(re.findall(rf"\b{HONORIFIC}\s", text)) == 2


def test_an_office_used_as_a_title_before_a_surname_is_stripped():
    assert [strip_rank(n) for n in ("Trustee Okafor", "Councilmember Reyes", "Deputy Mayor Lund")] == [
        "Okafor",
        "Reyes",
        "Lund",
    ]


def test_an_office_alone_or_before_other_words_is_no_title():
    assert strip_rank("Mayor") == "Mayor" and strip_rank("Director of Finance") == "Director of Finance"
    assert not starts_with_honorific("Director Reports")
