"""Which earlier meetings minutes say were held: minutes of them exist, or they are told of in the past."""

import datetime as dt

from corpus.language.held import dates_said_held

MARCH = dt.date(2020, 3, 3)


def test_confirming_the_minutes_of_the_meeting_held_on_a_date_says_it_was_held():
    text = "The minutes of the meeting held on 3 March 2020 were taken as read and confirmed as a correct record."

    assert dates_said_held(text) == {MARCH}


def test_the_last_meeting_with_a_weekday_and_an_ordinal_counts():
    text = "RESOLVED: That the minutes of the last meeting held on Tuesday, 3rd March 2020 be approved and signed."

    assert dates_said_held(text) == {MARCH}


def test_minutes_of_a_bare_date_count():
    assert dates_said_held("The minutes of 3 March 2020 were approved.") == {MARCH}


def test_matters_arising_from_the_minutes_of_the_meeting_on_a_date_count():
    text = "There were no matters arising from the minutes of the meeting on 3 March 2020."

    assert dates_said_held(text) == {MARCH}


def test_every_date_of_a_list_of_minutes_counts():
    text = "The minutes of the meetings held on 3 March 2020 and 17 March 2020 were approved."

    assert dates_said_held(text) == {MARCH, dt.date(2020, 3, 17)}


def test_a_phrase_wrapped_over_lines_still_counts():
    assert dates_said_held("The minutes of the\nmeeting held on 3 March\n2020 were signed.") == {MARCH}


def test_the_minutes_of_a_meeting_of_another_named_body_do_not_count():
    text = "The minutes of the meeting of the Orchard Committee held on 3 March 2020 were received."

    assert dates_said_held(text) == set()


def test_the_minutes_of_another_named_bodys_meeting_do_not_count():
    text = "The minutes of the Orchard Committee meeting held on 3 March 2020 were received."

    assert dates_said_held(text) == set()


def test_a_meeting_still_to_be_held_does_not_count():
    assert dates_said_held("The next meeting will be held on 3 March 2020.") == set()
    assert dates_said_held("The meeting to be held on 3 March 2020 was moved to the village hall.") == set()


def test_a_meeting_that_took_place_on_a_date_counts():
    assert dates_said_held("The meeting which took place on 3 March 2020 was inquorate.") == {MARCH}


def test_what_the_board_did_at_its_meeting_on_a_date_counts():
    assert dates_said_held("At its meeting on 3 March 2020 the Council resolved to raise the precept.") == {MARCH}


def test_a_report_to_be_brought_to_a_meeting_does_not_count():
    assert dates_said_held("It was agreed that a report be presented at the meeting on 3 March 2020.") == set()


def test_an_item_moved_to_a_meeting_does_not_count():
    text = (
        "The Board agreed the plan subject to the item on hedgerows moving to the meeting of the Board on 3 March 2020."
    )

    assert dates_said_held(text) == set()


def test_since_the_meeting_on_a_date_counts():
    assert dates_said_held("Since the meeting on 3 March 2020 the clerk has written to the county.") == {MARCH}


def test_a_date_that_is_not_a_meeting_does_not_count():
    assert dates_said_held("The grant of £400 was paid on 3 March 2020.") == set()


def test_a_meeting_named_in_the_boards_own_words_counts():
    text = "The minutes of the Orchard Committee meeting held on 3 March 2020 were agreed as a correct record."

    assert dates_said_held(text, board="Hilltown Orchard Committee") == {MARCH}


def test_with_the_boards_name_known_another_body_named_in_general_words_does_not_count():
    text = "The minutes of the Council meeting held on 3 March 2020 were noted."

    assert dates_said_held(text, board="Hilltown Orchard Committee") == set()


def test_approval_of_minutes_followed_by_their_date_counts():
    assert dates_said_held("Approval of Minutes – 3 March 2020") == {MARCH}


def test_minutes_named_by_their_date_first_count():
    text = "BE IT RESOLVED THAT the Board approves the March 3, 2020, meeting minutes as presented."

    assert dates_said_held(text) == {MARCH}


def test_a_second_meeting_listed_after_the_first_counts():
    text = (
        "To approve the minutes of the Ordinary Meeting held on 3 March 2020, "
        "and the two Extraordinary Meetings held on 17 March 2020."
    )

    assert dates_said_held(text) == {MARCH, dt.date(2020, 3, 17)}
