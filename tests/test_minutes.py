"""Plain numbered minutes (seed 000) and the same style from another board."""

import datetime as dt

from corpus.parsed import Role
from corpus.shapes import parse_text
from tests.seeds import FIXTURES, parse_seed


def minutes_of_8_june_2016():
    (meeting,) = parse_seed("000").meetings
    return meeting


def item(meeting, minute):
    return next(i for i in meeting.items if i.minute_number == minute)


def test_plain_minutes_hold_minutes_78_to_92_in_order():
    meeting = minutes_of_8_june_2016()

    assert meeting.date == dt.date(2016, 6, 8)
    assert [i.minute_number for i in meeting.items] == [str(n) for n in range(78, 93)]


def test_minute_86_has_resolutions_a_to_c_and_b_carries_the_budget_figure():
    resolutions = item(minutes_of_8_june_2016(), "86").resolutions

    assert [r.label for r in resolutions] == ["(a)", "(b)", "(c)"]
    assert "£42,089" in resolutions[1].text


def test_nested_bullets_stay_inside_their_resolution():
    (_, _, review) = item(minutes_of_8_june_2016(), "86").resolutions

    assert review.text.startswith("A more detailed review be undertaken")
    assert "Improving the timeliness of reviews" in review.text


def test_a_single_unlabelled_resolution_is_kept_whole():
    (resolution,) = item(minutes_of_8_june_2016(), "87").resolutions

    assert resolution.label is None
    assert resolution.text == "That the report be noted."


def test_an_election_agreed_in_one_sentence_is_a_resolution():
    (resolution,) = item(minutes_of_8_june_2016(), "78").resolutions

    assert "Orson" in resolution.text and "Chairman of the Board for 2016/17" in resolution.text


def test_item_titles_lose_the_clerks_trailing_full_stop():
    assert item(minutes_of_8_june_2016(), "86").title == "Domestic Homicide Reviews"


def test_matters_arising_keeps_minute_references_without_splitting_the_item():
    matters = item(minutes_of_8_june_2016(), "82")

    assert {r.minute for r in matters.references} == {"74", "66"}
    assert "Sentinel" in matters.text


def test_the_signature_block_is_not_part_of_the_last_item():
    last = item(minutes_of_8_june_2016(), "92")

    assert "CHAIRMAN" not in last.text
    assert "12.15" not in last.text


def test_sitting_times_come_from_the_closing_line():
    meeting = minutes_of_8_june_2016()

    assert (meeting.start_time, meeting.end_time) == (dt.time(10, 0), dt.time(12, 15))
    assert meeting.venue == "County Hall, Glenfield"


def test_attendance_blocks_become_roles():
    people = {(a.person, a.role) for a in minutes_of_8_june_2016().attendance}

    assert ("Cllr. Pam Posnett", Role.PRESENT) in people
    assert ("Rik Basra", Role.OFFICER) in people
    assert ("Lord Willy Bach", Role.ALSO_ATTENDING) in people
    assert ("Cllr. Tony Mathias", Role.APOLOGIES) in people


def test_attendees_keep_their_organisation():
    attendance = {a.person: a.organisation for a in minutes_of_8_june_2016().attendance}

    assert attendance["David Lingard"] == "Oadby and Wigston Borough Council"


def test_the_next_meeting_date_is_announced_with_its_time():
    (announced,) = minutes_of_8_june_2016().announced

    assert (announced.date, announced.time) == (dt.date(2016, 9, 8), dt.time(10, 0))


def another_board():
    path = FIXTURES / "harbour_town_2024-03-05.txt"
    return parse_text(path.read_text(), str(path))


def test_another_boards_minute_45_24_numbering_parses():
    document = another_board()
    (meeting,) = document.meetings

    assert document.body == "Harbour Town Community Safety Partnership"
    assert meeting.date == dt.date(2024, 3, 5)
    assert [i.minute_number for i in meeting.items] == ["45/24", "46/24", "47/24", "48/24", "49/24"]
    assert meeting.items[3].title == "Anti-Social Behaviour on the Promenade"


def test_numbered_resolutions_of_another_board_split_in_order():
    resolutions = another_board().meetings[0].items[3].resolutions

    assert [r.label for r in resolutions] == ["(1)", "(2)", "(3)"]
    assert "£4,500" in resolutions[2].text


def test_a_slashed_minute_reference_is_kept():
    matters = another_board().meetings[0].items[2]

    assert [r.minute for r in matters.references] == ["38/23"]


def test_another_boards_meeting_time_venue_and_next_date_are_read():
    (meeting,) = another_board().meetings

    assert meeting.start_time == dt.time(14, 0)
    assert meeting.venue == "Council Chamber, Town Hall"
    assert [(a.date, a.time) for a in meeting.announced] == [(dt.date(2024, 6, 4), dt.time(14, 0))]
    assert "Signed" not in meeting.items[-1].text


def parish_council():
    path = FIXTURES / "northbrook_parish_2024-02-12.txt"
    return parse_text(path.read_text(), str(path))


def test_year_first_minute_numbers_like_24_015_follow_in_sequence():
    (meeting,) = parish_council().meetings

    assert [i.minute_number for i in meeting.items] == ["24/015", "24/016", "24/017", "24/018", "24/019", "24/020"]


def test_capitalised_item_titles_are_shown_in_ordinary_case():
    (meeting,) = parish_council().meetings

    assert meeting.items[0].title == "Apologies for Absence"


def test_attendance_written_on_one_line_is_read():
    people = {(a.person, a.organisation, a.role) for a in parish_council().meetings[0].attendance}

    assert ("Cllr J Smith", "Chair", Role.PRESENT) in people
    assert ("Mrs K Lee", "Clerk", Role.ALSO_ATTENDING) in people


def test_the_meeting_closed_at_line_ends_the_minutes_and_gives_the_end_time():
    (meeting,) = parish_council().meetings

    assert (meeting.start_time, meeting.end_time) == (dt.time(19, 30), dt.time(20, 45))
    assert "closed" not in meeting.items[-1].text
    assert [(a.date, a.time) for a in meeting.announced] == [(dt.date(2024, 3, 11), dt.time(19, 30))]


def test_numbered_resolutions_in_running_text_split():
    finance = parish_council().meetings[0].items[4]

    assert [r.label for r in finance.resolutions] == ["(1)", "(2)"]
    assert finance.resolutions[1].text.startswith("That the Clerk obtain three quotes")


def test_capitalised_minutes_with_bare_numbered_headings_parse():
    path = FIXTURES / "westford_licensing_2023-11-14.txt"
    document = parse_text(path.read_text(), str(path))
    (meeting,) = document.meetings

    assert document.body == "Licensing Committee"
    assert (meeting.date, meeting.start_time, meeting.venue) == (
        dt.date(2023, 11, 14),
        dt.time(18, 0),
        "Committee Room 1, Civic Offices",
    )
    assert [i.title for i in meeting.items] == [
        "Apologies for Absence",
        "Minutes",
        "Taxi Licensing Policy Review",
        "Any Other Business",
    ]
    assert meeting.items[2].resolutions[0].text.startswith("That the draft policy be approved")
    assert [a.person for a in meeting.attendance] == ["Councillor M Khan", "Councillor S Wood", "Councillor L Grant"]


def test_a_table_of_names_initials_and_offices_flattened_into_one_line_gives_each_person_their_office():
    text = (
        "Minutes of the meeting of Northbrook Parish Council held on 12 February 2024\n\n"
        "Attendance: Cllr Jo Bell JB Chair Cllr Sam Lee SL Vice Chair Cllr Ravi Shah RS Ann Cole AC Clerk (Minutes)\n\n"
        "1. Playground\nThe swings are to be repaired. AC\n"
    )
    (meeting,) = parse_text(text, "test.txt").meetings
    assert [(a.person, a.organisation) for a in meeting.attendance] == [
        ("Cllr Jo Bell", "Chair"),
        ("Cllr Sam Lee", "Vice Chair"),
        ("Cllr Ravi Shah", None),
        ("Ann Cole", "Clerk"),
    ]


def test_a_number_set_apart_from_its_bracket_still_labels_the_item():
    text = (
        "Minutes of the committee meeting held on 7 September 2023\n\n"
        "**6 ) Grounds Report**\n\nThe mower is mended.\n\n"
        "**7 ) Youth Section Report**\n\nTwo new juniors joined.\n"
    )
    (meeting,) = parse_text(text, "test.md").meetings
    assert [(i.minute_number, i.title) for i in meeting.items] == [
        ("6", "Grounds Report"),
        ("7", "Youth Section Report"),
    ]


def test_a_lettered_title_run_straight_into_its_minute_ends_where_the_minute_opens():
    text = (
        "Minutes of the meeting of Northbrook Parish Council held on 12 February 2024\n\n"
        "104. Greens\n"
        "a. Village Green Paths The council agreed to resurface the two paths across the green in the spring.\n"
        "b. Pond safety checks Cllr Reed reported that the railings by the pond had been repaired last month.\n"
        "105. Finance\nPayments were approved.\n"
    )
    (meeting,) = parse_text(text, "test.txt").meetings
    assert [(i.minute_number, i.title) for i in meeting.items][1:3] == [
        ("104a", "Village Green Paths"),
        ("104b", "Pond safety checks"),
    ]
