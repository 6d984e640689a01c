"""Dates as minutes write them: words, figures day first, two-figure years, and years as written."""

import datetime as dt

import pytest

from corpus.language.dates import dates_in, find_dates, find_numeric_dates, parse_numeric_date, weekday_date


def test_an_ordinal_glued_to_the_month_is_a_date():
    assert [d.date for d in find_dates("held on Wednesday 15thMay 2019, 7pm")] == [dt.date(2019, 5, 15)]


def test_figures_are_read_day_first_unless_the_day_cannot_be_a_month():
    assert [d.date for d in find_numeric_dates("on 7/11/2024 at 7.30pm")] == [dt.date(2024, 11, 7)]
    assert [d.date for d in find_numeric_dates("approved 03/14/2022")] == [dt.date(2022, 3, 14)]


def test_a_two_figure_year_is_this_century_and_a_four_figure_year_is_as_written():
    assert parse_numeric_date("14.6.19") == dt.date(2019, 6, 14)
    assert [d.date for d in find_dates("1 January 0001")] == [dt.date(1, 1, 1)]


def test_a_date_spelled_out_in_words_is_read():
    text = "HELD THE FIRST DAY OF DECEMBER IN THE YEAR TWO THOUSAND AND FIVE PRESENT: the members"

    assert [m.date for m in find_dates(text)] == [dt.date(2005, 12, 1)]


def test_an_ordinal_day_of_a_month_and_a_year_in_figures_or_words_is_read():
    assert [m.date for m in find_dates("on the twenty-third day of March, 1998")] == [dt.date(1998, 3, 23)]
    assert [m.date for m in find_dates("the 3rd day of May 2001")] == [dt.date(2001, 5, 3)]
    assert [m.date for m in find_dates("the second day of June, nineteen ninety-seven")] == [dt.date(1997, 6, 2)]


def test_a_day_of_the_month_without_a_year_is_no_date():
    assert find_dates("held on the first day of the month") == []


def test_figures_written_year_first_are_never_ambiguous():
    assert [m.date for m in find_numeric_dates("minutes: 2017.03.07 and 2014/09/01")] == [
        dt.date(2017, 3, 7),
        dt.date(2014, 9, 1),
    ]


def test_a_date_whose_spaces_a_pdf_lost_is_still_read():
    assert [d.date for d in find_dates("14.00,Wednesday9thApril,2025")] == [dt.date(2025, 4, 9)]


def test_a_date_whose_raised_ordinal_a_pdf_set_apart_is_still_read():
    assert [d.date for d in find_dates("HELD ON MONDAY 11 th MARCH 2024 AT 7PM")] == [dt.date(2024, 3, 11)]


def test_a_weekday_day_and_month_without_a_year_are_dated_to_the_latest_such_day():
    found = weekday_date("Date: Friday 3rd May", held_by=dt.date(2026, 12, 7))
    assert found is not None and found.date == dt.date(2024, 5, 3)
    assert weekday_date("Friday 3rd May 2024", held_by=dt.date(2026, 12, 7)) is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("會議時間：2022年3月9日（星期三）", dt.date(2022, 3, 9)),
        ("일시: 2022년 3월 9일", dt.date(2022, 3, 9)),
    ],
)
def test_a_year_month_and_day_marked_by_their_characters_is_read(text, day):
    assert [d.date for d in find_dates(text)] == [day]


@pytest.mark.parametrize(
    "text",
    [
        "Procès-verbal de la séance du 9 mars 2022",
        "Niederschrift der Sitzung vom 9. März 2022",
        "Acta de la sesión del 9 de marzo de 2022",
        "Ata da reunião de 9 de março de 2022",
        "Verbale della seduta del 9 marzo 2022",
        "Notulen van de vergadering van 9 maart 2022",
        "Cofnodion y cyfarfod a gynhaliwyd ar 9 Mawrth 2022",
    ],
)
def test_a_full_date_in_the_language_a_board_minutes_in_is_read(text):
    assert [d.date for d in find_dates(text)] == [dt.date(2022, 3, 9)]


def test_a_month_of_another_language_without_its_day_and_year_is_no_date():
    assert find_dates("The mars rover talk was moved to 2023") == []


@pytest.mark.parametrize(
    "text",
    ["9-Mar-2021", "09/Mar/21", "Mar-09-2021", "9 Mar '21", "Tuesday 09-Mar-2021 at 7pm", "9th-March-2021"],
)
def test_a_date_with_its_parts_joined_as_forms_write_them_is_read(text):
    assert [m.date for m in find_dates(text)] == [dt.date(2021, 3, 9)]


def test_a_date_stamped_with_its_time_as_calendars_write_it_is_read():
    assert [m.date for m in dates_in("Meeting 2021-03-09T19:00")] == [dt.date(2021, 3, 9)]


def test_a_month_day_and_year_without_a_space_after_the_comma_is_read():
    assert [m.date for m in find_dates("Held on March 9,2021")] == [dt.date(2021, 3, 9)]


def test_a_sitting_over_days_written_month_first_is_dated_by_its_first_day():
    assert [m.date for m in find_dates("Retreat, March 9-10, 2021")] == [dt.date(2021, 3, 9)]


def test_figures_joined_by_hyphens_are_a_date_only_with_a_full_year():
    assert [m.date for m in find_numeric_dates("Meeting of 09-03-2021")] == [dt.date(2021, 3, 9)]
    assert find_numeric_dates("pages 4-6-8, budget 2020-21") == []


def test_a_month_and_two_figures_without_the_marks_of_a_date_are_no_date():
    assert find_dates("Mar 21 items") == []
    assert find_dates("the 9 Mar 21 attendees") == []


def test_a_day_written_with_a_point_before_an_english_month_is_read():
    assert [m.date for m in find_dates("Montag, 9. March 2021, 19 Uhr")] == [dt.date(2021, 3, 9)]


def test_a_year_printed_with_a_thousands_point_in_a_full_date_is_read():
    assert [m.date for m in find_dates("EL DÍA 9 DE MARZO DE 2.021.")] == [dt.date(2021, 3, 9)]
    assert find_dates("un importe de 2.021 euros") == []


def test_a_date_is_known_by_the_weekday_written_before_it_in_any_of_the_languages_read():
    from corpus.language.dates import names_its_weekday

    for text in ("Friday 12 March 2021", "vendredi 12 mars 2021", "Freitag, 12. März 2021"):
        (found,) = find_dates(text)
        assert names_its_weekday(text, found), text
    (wrong,) = find_dates("Monday 12 March 2021")
    assert not names_its_weekday("Monday 12 March 2021", wrong)
