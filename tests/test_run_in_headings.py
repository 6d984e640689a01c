"""Headings run in ahead of their minute, in every format: the bold words that open a paragraph end the title
("**3. Hall roof:** Two quotes were …"), and so does a table row's title cell ("3 | Hall roof | Two quotes …")."""

import textwrap

import docx
from reportlab.platypus import Paragraph

from corpus.read import read_document
from corpus.shapes import parse_text
from tests.test_read_pdf import BODY, make_pdf

OPENING = "Minutes of the meeting of the Elmfield Hall Committee held on Tuesday 3 March 2020 at 7.30pm"
RUN_IN = [
    ("1. Apologies for absence:", "Apologies were received from Dana Ruiz."),
    ("2. Hall roof repairs", "Two quotes were received. It was agreed to accept the lower one."),
    ("3. Bookings –", "bookings are up on last year and the hire charges stay the same."),
]


def titles(path) -> list[tuple[str | None, str]]:
    (meeting,) = parse_text(read_document(path).text, str(path)).meetings
    return [(item.minute_number, item.title) for item in meeting.items]


def first_words(path) -> list[str]:
    (meeting,) = parse_text(read_document(path).text, str(path)).meetings
    return [" ".join(item.text.split()[:3]) for item in meeting.items]


def word_minutes(tmp_path, items=RUN_IN, opening=OPENING):
    document = docx.Document()
    document.add_paragraph(opening)
    document.add_paragraph("Present: Ann Kerr (Chair), Bob Oduya, Carla Stein")
    for head, text in items:
        paragraph = document.add_paragraph()
        paragraph.add_run(head + " ").bold = True
        paragraph.add_run(text)
    path = tmp_path / "minutes.docx"
    document.save(str(path))
    return path


def test_word_marks_the_bold_words_that_open_a_paragraph(tmp_path):
    text = read_document(word_minutes(tmp_path)).text
    assert "**1. Apologies for absence:** Apologies were received from Dana Ruiz." in text.splitlines()


def test_a_web_page_marks_the_bold_words_that_open_a_paragraph_but_not_bold_inside_one(tmp_path):
    path = tmp_path / "minutes.html"
    path.write_text("<p><strong>Hall roof:</strong> Two quotes.</p><p>The <b>final</b> figures.</p>", encoding="utf-8")
    assert read_document(path).text.splitlines() == ["**Hall roof:** Two quotes.", "", "The final figures."]


def test_a_pdf_marks_the_bold_words_that_open_a_line(tmp_path):
    path = tmp_path / "minutes.pdf"
    path.write_bytes(make_pdf([Paragraph("<b>Hall roof:</b> Two quotes were received.", BODY)], numbered=False))
    assert "**Hall roof:** Two quotes were received." in read_document(path).text.splitlines()


def test_numbered_minutes_in_word_take_their_titles_from_the_bold_words(tmp_path):
    path = word_minutes(tmp_path)
    assert titles(path) == [("1", "Apologies for absence"), ("2", "Hall roof repairs"), ("3", "Bookings")]
    assert first_words(path) == ["Apologies were received", "Two quotes were", "bookings are up"]


def test_minutes_without_a_minutes_of_line_take_their_titles_from_the_bold_words_too(tmp_path):
    path = word_minutes(tmp_path, opening="Elmfield Hall Committee, Tuesday 3 March 2020")
    assert titles(path) == [("1", "Apologies for absence"), ("2", "Hall roof repairs"), ("3", "Bookings")]


def test_bold_headings_run_in_under_a_numbered_item_are_its_sub_items(tmp_path):
    path = tmp_path / "minutes.md"
    path.write_text(
        textwrap.dedent("""\
            **Elmfield Hall Committee**

            **Meeting held on Tuesday 3 March 2020**

            Present: Ann Kerr (Chair), Bob Oduya, Carla Stein

            1. **Apologies** – none were received from any member.

            2. **Hall matters** The committee went through the hall's business.

            **Hire charges:** the charges stay the same for the coming year.

            **Cleaning** – the cleaner has resigned and the post will be advertised.

            **Bob Oduya** reported that the gutters also leak after heavy rain.

            3. **Date of next meeting:** Tuesday 7 April 2020 at the hall.
            """),
        encoding="utf-8",
    )
    assert titles(path) == [
        ("1", "Apologies"),
        ("2", "Hall matters"),
        (None, "Hire charges"),
        (None, "Cleaning"),
        ("3", "Date of next meeting"),
    ]


def test_a_bold_name_or_label_opening_a_sentence_heads_nothing(tmp_path):
    path = word_minutes(
        tmp_path,
        items=[
            ("1. Apologies:", "None were received."),
            ("Resolved:", "that the lower quote for the roof be accepted."),
            ("Bob Oduya", "reported that the gutters also leak."),
            ("2. Bookings:", "bookings are up on last year."),
        ],
    )
    assert titles(path) == [("1", "Apologies"), ("2", "Bookings")]


def test_a_bold_heading_of_several_words_heads_its_outcome_however_short(tmp_path):
    path = word_minutes(
        tmp_path,
        items=[
            ("Welcome:", "Ann Kerr opened the meeting and welcomed two new members."),
            ("Sale of the old mower:", "Agreed unanimously."),
            ("Due:", "June"),
            ("Hall roof repairs:", "two quotes were received and the lower was accepted."),
        ],
        opening="Elmfield Hall Committee, 3 March 2020",
    )
    assert [title for _, title in titles(path)] == [
        "Welcome",
        "Sale of the old mower",
        "Hall roof repairs",
    ]


def test_a_table_laid_out_item_subject_discussion_action_is_titled_by_its_subject_cells(tmp_path):
    document = docx.Document()
    document.add_paragraph(OPENING)
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ["Item", "Subject", "Discussion", "Action"], strict=True):
        cell.text = text
    for row in [
        ("1", "Apologies", "Apologies were received from Dana Ruiz.", ""),
        ("2", "Hall roof", "Two quotes were received; the lower one was accepted.", "BO"),
        ("3", "Bookings", "Bookings are up. The treasurer will circulate the figures.", "Treasurer"),
    ]:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    path = tmp_path / "minutes.docx"
    document.save(str(path))
    assert titles(path) == [("1", "Apologies"), ("2", "Hall roof"), ("3", "Bookings")]
    assert first_words(path)[1] == "Two quotes were"
