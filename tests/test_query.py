"""Reading what a plain-words question asks for."""

import datetime as dt

from retrieval.query import understand


def test_decision_words_ask_for_resolutions():
    assert understand("What did we resolve on MARAC repeats?").wants_decisions
    assert understand("What was agreed about funding?").wants_decisions
    assert not understand("What is Operation Nitrox?").wants_decisions


def test_a_year_a_month_and_a_day_are_read_apart():
    assert understand("Prevent referrals in 2019").years == {2019}
    assert understand("Why was no Deputy Chairman elected in June 2019?").months == {(2019, 6)}
    query = understand("When is the meeting after 8 June 2016?")
    assert query.dates == {dt.date(2016, 6, 8)} and not query.months and not query.years


def test_a_day_of_a_month_without_a_year_is_read_as_that_day_in_any_year():
    assert understand("Who chaired the committee meeting on 9 November?").days == {(11, 9)}
    assert understand("what was decided on the 3rd of May?").days == {(5, 3)}
    query = understand("What happened at the March 2016 meeting?")
    assert query.months == {(2016, 3)} and not query.days


def test_a_financial_year_is_not_a_calendar_year_filter():
    assert understand("dates of future meetings for 2019/20").years == set()


def test_minute_references_are_read_in_their_usual_forms():
    assert understand("show me minute 86").minutes == ("86",)
    assert understand("what did 86(b) say?").minutes == ("86",)
    assert understand("what did 86(b) say?").label == "(b)"
    assert understand("Minute 45/24 please").minutes == ("45/24",)


def test_latest_and_last_ask_for_the_newest():
    assert understand("What happened at the last meeting?").wants_recent
    assert not understand("What happened about burglary?").wants_recent


def test_a_season_of_a_year_is_asked_as_its_months():
    assert understand("who came to the autumn 2023 meeting?").months == {(2023, 9), (2023, 10), (2023, 11)}
    assert understand("what was agreed in spring 2024?").months == {(2024, 3), (2024, 4), (2024, 5)}
