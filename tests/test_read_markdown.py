"""Markdown minutes are read as their blocks: headings, bold lines, list entries, tables and raw HTML."""

import datetime as dt

from corpus.read import read_document
from corpus.read.blocks import assemble
from corpus.read.markdown import read_markdown
from corpus.shapes import parse_text


def text_of(markdown: str) -> str:
    return assemble(read_markdown(markdown.encode(), "minutes.md"))[0]


def test_headings_keep_their_level_and_bold_paragraphs_are_bold_lines():
    text = text_of("# Board meeting\n\n## Apologies\n\nNone.\n\n**Decision:**\n\nApproved.\n")
    assert text.splitlines() == [
        "# Board meeting",
        "",
        "## Apologies",
        "",
        "None.",
        "",
        "**Decision:**",
        "",
        "Approved.",
    ]


def test_bold_words_inside_a_paragraph_are_plain_text():
    assert text_of("The **final** figures were agreed.\n") == "The final figures were agreed.\n"


def test_bold_words_opening_a_paragraph_stay_marked_as_its_run_in_heading():
    assert text_of("**Hall roof:** Two quotes were received.\n") == "**Hall roof:** Two quotes were received.\n"
    assert text_of("3. **Hall roof** – two quotes.\n") == "3. **Hall roof** – two quotes.\n"


def test_list_entries_keep_their_bullet_or_number_on_lines_of_their_own():
    text = text_of("Actions:\n\n- Jo to send the draft\n- Sam to book the hall\n\n3. Budget\n4. Any other business\n")
    assert "- Jo to send the draft" in text.splitlines()
    assert "3. Budget" in text.splitlines() and "4. Any other business" in text.splitlines()


def test_raw_html_inside_markdown_is_read_as_its_text():
    text = text_of("<h3>Motion #4: Budget</h3>\n\n<p>Moved by <b>Jo</b>.</p>\n")
    assert text.splitlines() == ["### Motion #4: Budget", "", "Moved by Jo."]
    assert "<" not in text


def test_raw_html_inside_markdown_keeps_its_bold_lines_and_lists():
    text = text_of("<p><strong>Play Areas </strong></p>\n<p>Work is ongoing.</p>\n<ul><li>Jo to report</li></ul>\n")
    lines = [line for line in text.splitlines() if line]
    assert lines == ["**Play Areas**", "Work is ongoing.", "• Jo to report"]


def test_a_table_becomes_tab_joined_rows():
    text = text_of("| Action | Owner |\n|---|---|\n| Book the hall | Sam |\n")
    assert "Book the hall\tSam" in text


def test_front_matter_gives_the_title_and_is_not_read_as_text():
    text = text_of("---\nlayout: default\ntitle: 2015-10-23 Data Panel Meeting\n---\n\nThe panel met.\n")
    assert text.splitlines()[0] == "# 2015-10-23 Data Panel Meeting" and "layout" not in text


def test_the_date_in_front_matter_dates_a_page_that_prints_none():
    text = text_of("---\ntitle: Spring Board Meeting\ndate: 2022-04-21 18:30:00 -0700\n---\n\n## Budget\n\nAgreed.\n")
    (meeting,) = parse_text(text, "minutes.md").meetings
    assert meeting.date == dt.date(2022, 4, 21)


def test_a_markdown_file_is_read_by_the_markdown_reader(tmp_path):
    path = tmp_path / "minutes.md"
    path.write_text("## 1. Apologies\n\nNone received.\n")
    document = read_document(path)
    assert document.format == "markdown" and document.text.startswith("## 1. Apologies")
