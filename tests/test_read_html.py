"""Reading web-page minutes: the body's blocks as lines, tables as TAB rows, scripts and styles gone."""

import pytest

from corpus.parsed import ParseError
from corpus.read import read_document


def read(tmp_path, html: str, name: str = "minutes.html"):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return read_document(path)


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line]


def test_only_the_body_is_read_and_scripts_and_styles_are_dropped(tmp_path):
    page = """<html><head><title>Harbour Town Council</title><style>p { color: red }</style></head>
    <body><script>var date = "1 January 2000";</script><noscript>Enable JavaScript</noscript>
    <template><p>Hidden</p></template><p>Minutes of a meeting of Harbour Town Council</p></body></html>"""

    document = read(tmp_path, page)

    assert document.format == "html"
    assert document.text == "Minutes of a meeting of Harbour Town Council\n"


def test_nested_blocks_start_lines_and_a_blank_line_separates_them(tmp_path):
    page = """<body><div class="page"><div><h2>78.  Apologies</h2><div><p>Apologies were
      received from   Councillor Smith.</p></div></div><section>Meeting closed at 9.15 pm</section></div></body>"""

    assert read(tmp_path, page).text.splitlines() == [
        "## 78. Apologies",
        "",
        "Apologies were received from Councillor Smith.",
        "",
        "Meeting closed at 9.15 pm",
    ]


def test_a_br_breaks_the_line_inside_a_block(tmp_path):
    page = "<body><p>County Hall<br>Glenfield<br/>Leicestershire</p></body>"

    assert read(tmp_path, page).text.splitlines() == ["County Hall", "Glenfield", "Leicestershire"]


def test_table_rows_are_tab_joined_cells_one_row_a_line(tmp_path):
    page = """<body><p>Present</p><table><thead><tr><th>Name</th><th>Representing</th></tr></thead>
      <tbody><tr><td>Cllr A Smith</td><td>Harbour <b>Town</b> Council</td></tr>
      <tr><td>Cllr B Jones</td><td>North<br>Ward</td></tr></tbody></table><p>Apologies</p></body>"""

    document = read(tmp_path, page)

    assert lines(document.text) == [
        "Present",
        "Name\tRepresenting",
        "Cllr A Smith\tHarbour Town Council",
        "Cllr B Jones\tNorth Ward",
        "Apologies",
    ]
    table = document.tables[0]
    assert table.rows[1] == ["Cllr A Smith", "Harbour Town Council"]
    assert document.text.splitlines()[table.line - 1] == "Name\tRepresenting"


def test_a_table_used_for_page_layout_is_read_as_the_text_it_holds(tmp_path):
    page = "<body><table><tr><td><h1>Agenda</h1><p>1. Apologies</p></td></tr></table></body>"

    document = read(tmp_path, page)

    assert lines(document.text) == ["# Agenda", "1. Apologies"]
    assert document.tables == []


def test_entities_are_decoded_and_spaces_collapsed(tmp_path):
    page = "<body><p>Roads &amp; Footpaths&nbsp;&ndash; &pound;4,000 &#8216;agreed&#8217;</p></body>"

    assert read(tmp_path, page).text == "Roads & Footpaths – £4,000 ‘agreed’\n"


def test_list_entries_carry_their_numbers_and_bullets(tmp_path):
    page = """<body><ol start="78"><li>Apologies</li><li>Minutes</li></ol>
      <ol type="a"><li>That it be noted</li><li value="4">That it be agreed</li></ol><ul><li>Budget</li></ul></body>"""

    assert lines(read(tmp_path, page).text) == [
        "78. Apologies",
        "79. Minutes",
        "a. That it be noted",
        "d. That it be agreed",
        "• Budget",
    ]


def test_a_block_wholly_in_bold_is_marked_bold(tmp_path):
    page = "<body><p><strong>RESOLVED:</strong></p><p>That the <b>report</b> be noted.</p></body>"

    assert lines(read(tmp_path, page).text) == ["**RESOLVED:**", "That the report be noted."]


def test_text_a_word_processor_sets_bold_or_underlined_by_style_is_marked_as_bold_text_is(tmp_path):
    page = """<body><p><span style="font-weight:700">Hall roof</span></p>
    <p><span style="text-decoration: underline">Allotments:</span><span> the waiting list stands at twelve.</span></p>
    <p style="font-weight:bold"><span style="font-weight:400">Grass cutting</span></p>
    <p><u>Footpaths</u></p></body>"""

    assert lines(read(tmp_path, page).text) == [
        "**Hall roof**",
        "**Allotments:** the waiting list stands at twelve.",
        "Grass cutting",
        "**Footpaths**",
    ]


def test_a_link_underlined_by_its_style_is_no_heading(tmp_path):
    page = """<body><p><a href="/report"><span style="text-decoration:underline">Hall roof report</span></a>
    was circulated before the meeting.</p></body>"""

    assert lines(read(tmp_path, page).text) == ["Hall roof report was circulated before the meeting."]


def test_a_windows_1252_page_is_read_in_its_declared_encoding(tmp_path):
    path = tmp_path / "minutes.htm"
    path.write_bytes('<html><head><meta charset="windows-1252"></head><body><p>£4,000 – agreed</p>'.encode("cp1252"))

    assert read_document(path).text == "£4,000 – agreed\n"


def test_a_page_with_no_text_in_its_body_is_refused(tmp_path):
    with pytest.raises(ParseError, match="no text"):
        read(tmp_path, "<html><head><title>Minutes</title></head><body><script>x()</script></body></html>")


def test_a_list_entry_keeps_its_number_when_its_words_are_in_a_paragraph(tmp_path):
    page = '<body><ol start="78"><li><p>Apologies</p><p>None were received.</p></li><li>Minutes</li></ol></body>'

    assert lines(read(tmp_path, page).text) == ["78. Apologies", "None were received.", "79. Minutes"]
