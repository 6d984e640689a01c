"""Minute numbers and references to them, written once for parsers, search and follow-ups."""

from corpus.language.minute_numbers import MinuteNumber, referenced


def test_a_plain_reference_is_found():
    assert referenced("Further to minute 47, the Clerk reported.") == ["47"]


def test_a_bracketed_reference_is_found():
    assert referenced("Budget (minute 35) was noted.") == ["35"]


def test_a_number_year_reference_is_found():
    assert referenced("See minutes 45/24 for the decision.") == ["45/24"]


def test_minute_no_is_a_reference():
    assert referenced("Minute No. 12 was confirmed.") == ["12"]


def test_each_minute_is_referred_to_once():
    assert referenced("minute 12 and again minute 12") == ["12"]


def test_a_number_alone_is_not_a_reference():
    assert referenced("There were 47 responses.") == []


def test_a_number_year_splits_into_parts():
    assert MinuteNumber.parse("45/24").parts == (45, 24)


def test_the_next_number_may_follow():
    assert MinuteNumber.parse("87").may_follow(MinuteNumber.parse("86"))


def test_a_number_far_ahead_may_not_follow():
    assert not MinuteNumber.parse("120").may_follow(MinuteNumber.parse("86"))


def test_a_year_first_number_steps_on_its_second_part():
    assert MinuteNumber.parse("24/016").may_follow(MinuteNumber.parse("24/015"))


def test_a_number_of_another_shape_may_not_follow():
    assert not MinuteNumber.parse("46/24").may_follow(MinuteNumber.parse("45"))
