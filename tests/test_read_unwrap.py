"""Undoing a PDF extractor's line wrapping, on plain strings."""

from corpus.read.unwrap import unwrap


def test_a_date_cut_by_the_margin_is_one_line_again():
    assert unwrap(["Thursday, 17", "September 2015"]) == ["Thursday, 17 September 2015"]


def test_a_paragraph_broken_mid_sentence_is_rejoined():
    lines = [
        "The minutes of the meeting held on 18 June 2015 were taken as read and",
        "confirmed as a correct record.",
    ]

    assert unwrap(lines) == [
        "The minutes of the meeting held on 18 June 2015 were taken as read and confirmed as a correct record."
    ]


def test_a_numbered_heading_is_not_run_into_the_text_under_it():
    lines = ["78. Apologies", "Apologies were received from Councillor Smith and Councillor Patel."]

    assert unwrap(lines) == lines


def test_headings_in_other_styles_stand_alone():
    for heading in ("5 APOLOGIES", "Minute 45/24: Public Participation", "Present:", "# Agenda", "**RESOLVED**"):
        lines = [heading, "That the report be noted and the recommendations of the working group be agreed."]

        assert unwrap(lines) == lines, heading


def test_list_entries_are_not_joined_onto_the_line_before():
    lines = [
        "The Board considered the report and resolved",
        "(a) that the report be noted;",
        "- that the Clerk write to the highways authority;",
        "1. that the item be deferred to the next meeting.",
    ]

    assert unwrap(lines) == lines


def test_a_wrapped_list_entry_keeps_its_continuation():
    lines = ["(a) That the Board approves the proposed budget for the coming year subject to the", "comments made."]

    assert unwrap(lines) == [
        "(a) That the Board approves the proposed budget for the coming year subject to the comments made."
    ]


def test_table_rows_and_blank_lines_are_kept():
    lines = ["Cllr A Smith\tParish Council", "Cllr B Jones\tDistrict Council", "", "Officers"]

    assert unwrap(lines) == lines


def test_a_short_title_line_is_not_joined_to_the_line_after():
    lines = [
        "Matters arising",
        "Victim First update. The Board was told that the service had answered every referral within two days.",
    ]

    assert unwrap(lines) == lines


def test_a_word_hyphenated_at_the_margin_stays_one_word():
    lines = ["The Board discussed the rising number of young people at risk of re-", "offending in the county."]

    assert unwrap(lines) == [
        "The Board discussed the rising number of young people at risk of re-offending in the county."
    ]


def test_a_measured_layout_decides_what_ran_to_the_margin():
    lines = ["Safer Communities Performance 2015/16 -", "Quarter 3", "Next item"]

    assert unwrap(lines, full=[True, False, False]) == [
        "Safer Communities Performance 2015/16 - Quarter 3",
        "Next item",
    ]
    assert unwrap(lines, full=[False, False, False]) == lines


def test_a_time_after_a_wrapped_date_is_not_mistaken_for_a_numbered_entry():
    assert unwrap(["Leicestershire Safer Communities Strategy Board - Thursday, 17 September 2015", "10.00 am"]) == [
        "Leicestershire Safer Communities Strategy Board - Thursday, 17 September 2015 10.00 am"
    ]


def test_entries_behind_any_list_mark_are_not_joined_onto_the_line_before():
    # "○", "■" and the Symbol font's bullet that Word documents keep in their PDFs as a private-use character.
    lines = ["Matters arising", "○ The hall roof is leaking", "■ A builder has quoted", "\uf0b7 The grant was refused"]

    assert unwrap(lines) == lines
