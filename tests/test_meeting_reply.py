"""/meeting at a glance: decisions first, other business one line each, procedure in one block."""

import datetime as dt

from bot.conversation import Conversation, Request
from bot.meeting_reply import meeting_reply
from bot.render import to_html
from bot.replies import Kind
from corpus.browse import ItemView
from corpus.citation import source_span
from tests.seeds import parse_seed, seed

HEADING = "Safer Communities Board · 8 June 2016, 10:00 (held)"
NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


def seed_views(prefix: str, date: dt.date) -> list[ItemView]:
    """The seed's items of the meeting on `date` as /meeting sees them, source spans and all."""
    document = parse_seed(prefix)
    meeting = next(m for m in document.meetings if m.date == date)
    return [
        ItemView(
            meeting_date=date,
            minute=item.minute_number,
            item_title=item.title,
            title_derived=item.title_derived,
            section=item.section.value,
            text=item.text,
            source=source_span(str(seed(prefix)), item.line_start, item.line_end),
            agenda_number=item.agenda_number,
            resolutions=[(r.label, r.text) for r in item.resolutions],
        )
        for item in meeting.items
    ]


def item(title: str, text: str = "", resolutions=(), minute: str | None = None, section: str = "minutes") -> ItemView:
    return ItemView(
        meeting_date=dt.date(2024, 3, 5),
        minute=minute,
        item_title=title,
        title_derived=False,
        section=section,
        text=text,
        source="minutes_2024-03-05.pdf:10-12",
        resolutions=list(resolutions),
    )


JUNE_2016 = dt.date(2016, 6, 8)


def test_the_heading_comes_first():
    reply = meeting_reply(HEADING, seed_views("000", JUNE_2016))

    assert reply.blocks[0].text == HEADING


def test_decisions_come_before_the_other_items_and_procedure_comes_last():
    reply = meeting_reply(HEADING, seed_views("000", JUNE_2016))
    texts = [block.text for block in reply.blocks]

    decided = texts.index("Minute 86 · 8 June 2016 · Domestic Homicide Reviews")
    other = texts.index("Also discussed:")
    assert decided < other
    assert texts[-1].startswith("Procedural:\n")


def test_a_decision_is_cited_and_its_resolutions_follow_it():
    reply = meeting_reply(HEADING, seed_views("000", JUNE_2016))
    kinds = [(block.kind, block.text) for block in reply.blocks]

    at = kinds.index((Kind.CITATION, "Minute 86 · 8 June 2016 · Domestic Homicide Reviews"))
    assert kinds[at + 1][0] is Kind.RESOLUTION
    assert any("£42,089" in text for kind, text in kinds[at + 1 : at + 4] if kind is Kind.RESOLUTION)


def test_no_file_name_or_path_appears_anywhere():
    views = seed_views("000", JUNE_2016)

    plain = meeting_reply(HEADING, views).plain

    assert ".txt" not in plain
    assert not any(view.source in plain for view in views)


def test_procedural_items_are_one_block_of_one_line_each():
    reply = meeting_reply(HEADING, seed_views("000", JUNE_2016))

    block = reply.blocks[-1]
    assert block.kind is Kind.TEXT
    assert block.text.splitlines() == [
        "Procedural:",
        "• Minutes of 17 March 2016 approved",
        "• Declarations of interest: none",
        "• Next meeting: 8 September 2016",
    ]


def test_items_that_only_take_note_are_listed_but_not_as_decisions():
    views = [
        item("Budget", "The Board agreed the budget.", [(None, "That the budget of £42,089 be approved.")], "1"),
        item("Quarterly report", "The Board considered the report.", [(None, "That the report be noted.")], "2"),
    ]

    texts = [block.text for block in meeting_reply(HEADING, views).blocks]

    assert texts.index("Minute 1 · 5 March 2024 · Budget") < texts.index("Also discussed:")
    assert texts.index("Also discussed:") < texts.index("Minute 2 · 5 March 2024 · Quarterly report")
    assert "That the report be noted." not in texts


def agenda_lines(reply) -> list[str]:
    """The lines of the reply after its heading, the agenda's blocks run together."""
    return "\n".join(block.text for block in reply.blocks[1:] if block.kind is Kind.TEXT).splitlines()


def test_an_unminuted_meeting_shows_its_agenda_as_an_agenda():
    reply = meeting_reply(HEADING, seed_views("003", dt.date(2019, 9, 20)))

    assert agenda_lines(reply)[0] == "Agenda (not yet minuted):"


def test_the_agenda_lists_every_item_in_its_order_a_line_each():
    reply = meeting_reply(HEADING, seed_views("003", dt.date(2019, 9, 20)))

    lines = agenda_lines(reply)[1:]
    assert [line.split(".")[0] for line in lines] == [str(n) for n in range(1, 16)]
    assert "13. The Violence Reduction Network" in lines and "6. Declarations of interest" in lines


def test_an_agenda_says_nothing_was_decided():
    views = [item("Budget", "", [(None, "That the budget be approved.")], section="agenda")]

    plain = meeting_reply(HEADING, views).plain

    assert "Decided:" not in plain and "That the budget be approved." not in plain


def test_a_long_agenda_fits_in_two_messages_and_says_how_many_items_were_left_out():
    title = "Planning application for the erection of a two-storey extension to the rear of the property " * 2
    views = [item(f"{n} {title}", section="agenda") for n in range(1, 121)]

    reply = meeting_reply(HEADING, views)

    assert len(to_html(reply)) <= 2
    assert reply.blocks[-1].kind is Kind.NOTICE and reply.blocks[-1].text.startswith("…and ")


def test_the_minutes_are_shown_and_not_the_agenda_when_both_exist():
    reply = meeting_reply(HEADING, seed_views("004", JUNE_2016) + seed_views("000", JUNE_2016))

    assert not any(block.text.startswith("Agenda item") for block in reply.blocks)


def test_a_meeting_with_no_papers_says_so():
    reply = meeting_reply(HEADING, [])

    assert [block.kind for block in reply.blocks] == [Kind.TEXT, Kind.NOTICE]


def test_a_normal_meeting_fits_in_one_telegram_message():
    assert len(to_html(meeting_reply(HEADING, seed_views("000", JUNE_2016)))) == 1


def test_a_very_long_meeting_fits_in_two_messages_and_says_how_many_items_were_left_out():
    resolution = "That the application be approved subject to the conditions set out in the officer's report. " * 3
    views = [item(f"Planning application {n}", "Considered.", [(None, resolution)], str(n)) for n in range(1, 61)]

    reply = meeting_reply(HEADING, views)

    assert len(to_html(reply)) <= 2
    assert reply.blocks[-1].kind is Kind.NOTICE
    assert reply.blocks[-1].text.startswith("…and ")
    assert "more items: /meeting shows decisions; ask about any item" in reply.blocks[-1].text


def meeting_command(service, text: str) -> str:
    config, own = service
    conversation = Conversation(own, config, now=lambda: NOW)
    return conversation.handle(Request(user_id=1, chat_id=1, text=text)).blocks[0].text


def test_a_past_meeting_with_only_an_agenda_is_shown_as_past_with_no_minutes(service):
    heading = meeting_command(service, "/meeting 2019-09-20")

    assert heading.endswith("(past, no minutes)")


def test_a_past_meeting_the_next_minutes_confirm_is_shown_as_held_without_minutes(service):
    heading = meeting_command(service, "/meeting 6 December 2019")

    assert heading.endswith("(held (no minutes yet))")


def test_a_minuted_meeting_is_shown_as_held(service):
    assert meeting_command(service, "/meeting last").endswith("(held)")
