"""Dates as minutes write them: words, figures day first, two-figure years, and years as written."""

import datetime as dt

from corpus.language.dates import find_dates, find_numeric_dates, parse_numeric_date


def test_an_ordinal_glued_to_the_month_is_a_date():
    assert [d.date for d in find_dates("held on Wednesday 15thMay 2019, 7pm")] == [dt.date(2019, 5, 15)]


def test_figures_are_read_day_first_unless_the_day_cannot_be_a_month():
    assert [d.date for d in find_numeric_dates("on 7/11/2024 at 7.30pm")] == [dt.date(2024, 11, 7)]
    assert [d.date for d in find_numeric_dates("approved 03/14/2022")] == [dt.date(2022, 3, 14)]


def test_a_two_figure_year_is_this_century_and_a_four_figure_year_is_as_written():
    assert parse_numeric_date("14.6.19") == dt.date(2019, 6, 14)
    assert [d.date for d in find_dates("1 January 0001")] == [dt.date(1, 1, 1)]
