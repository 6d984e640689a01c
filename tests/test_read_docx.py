"""Reading Word minutes: document order, headings, tables, and list numbers Word keeps out of the text."""

import io
import re
import zipfile

import docx
import pytest
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from corpus.parsed import ParseError
from corpus.read import read_document
from corpus.shapes import parse_text


def add_list(document: Document, levels: list[tuple[str, str]], start: int = 1) -> str:
    """A new Word list whose levels are (format, text) pairs like ("decimal", "%1."); returns its numId."""
    numbering = document.part.numbering_part.element
    abstract_id = str(max(int(a.get(qn("w:abstractNumId"))) for a in numbering.iter(qn("w:abstractNum"))) + 1)
    num_id = str(max(int(n.get(qn("w:numId"))) for n in numbering.iter(qn("w:num"))) + 1)
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start if i == 0 else 1}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
    numbering.insert(list(numbering).index(next(numbering.iter(qn("w:num")))), abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
    )
    return num_id


def numbered(document: Document, text: str, num_id: str, level: int = 0, style: str | None = None) -> Paragraph:
    """A paragraph whose number exists only in its numbering properties, never in its text."""
    paragraph = document.add_paragraph(text, style=style)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )
    return paragraph


def read(tmp_path, document: Document):
    path = tmp_path / "minutes.docx"
    document.save(str(path))
    return read_document(path)


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line]


def test_minute_numbers_kept_in_word_numbering_are_written_into_the_text(tmp_path):
    document = docx.Document()
    minutes = add_list(document, [("decimal", "%1.")], start=78)
    numbered(document, "Apologies", minutes, style="Heading 2")
    document.add_paragraph("Apologies were received from Councillor Smith.")
    numbered(document, "Minutes of the last meeting", minutes, style="Heading 2")
    assert "78" not in document.paragraphs[0].text  # Word keeps the number out of the paragraph's text

    assert lines(read(tmp_path, document).text) == [
        "## 78. Apologies",
        "Apologies were received from Councillor Smith.",
        "## 79. Minutes of the last meeting",
    ]


def test_a_level_restarts_when_a_higher_level_advances(tmp_path):
    document = docx.Document()
    items = add_list(document, [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "%3)")])
    for text, level in [("Budget", 0), ("That it be noted", 1), ("That it be agreed", 1), ("In full", 2)]:
        numbered(document, text, items, level)
    for text, level in [("Highways", 0), ("That the Clerk write", 1)]:
        numbered(document, text, items, level)

    assert lines(read(tmp_path, document).text) == [
        "1. Budget",
        "(a) That it be noted",
        "(b) That it be agreed",
        "i) In full",
        "2. Highways",
        "(a) That the Clerk write",
    ]


def test_multi_level_numbers_name_every_level(tmp_path):
    document = docx.Document()
    clauses = add_list(document, [("decimal", "%1."), ("decimal", "%1.%2"), ("upperLetter", "%1.%2.%3")])
    for text, level in [
        ("Finance", 0),
        ("Accounts", 1),
        ("Audit", 1),
        ("Internal", 2),
        ("Planning", 0),
        ("Appeals", 1),
    ]:
        numbered(document, text, clauses, level)

    assert lines(read(tmp_path, document).text) == [
        "1. Finance",
        "1.1 Accounts",
        "1.2 Audit",
        "1.2.A Internal",
        "2. Planning",
        "2.1 Appeals",
    ]


def test_numbering_given_by_a_paragraph_style_is_counted_too(tmp_path):
    document = docx.Document()
    document.add_paragraph("Introductions", style="List Number")
    document.add_paragraph("Declarations of interest", style="List Number")
    document.add_paragraph("No declarations were made", style="List Bullet")

    assert lines(read(tmp_path, document).text) == [
        "1. Introductions",
        "2. Declarations of interest",
        "• No declarations were made",
    ]


def test_paragraphs_headings_and_tables_come_in_document_order(tmp_path):
    document = docx.Document()
    document.add_heading("Harbour Town Council", level=1)
    document.add_paragraph("Present")
    table = document.add_table(rows=2, cols=2)
    for row, (name, place) in zip(table.rows, [("Cllr A Smith", "Chair"), ("Cllr B Jones", "North Ward")], strict=True):
        row.cells[0].text, row.cells[1].text = name, place
    document.add_paragraph("Apologies")

    read_back = read(tmp_path, document)

    assert read_back.format == "docx"
    assert read_back.text.splitlines() == [
        "# Harbour Town Council",
        "",
        "Present",
        "",
        "Cllr A Smith\tChair",
        "Cllr B Jones\tNorth Ward",
        "",
        "Apologies",
    ]
    assert [(t.rows, t.line) for t in read_back.tables] == [
        ([["Cllr A Smith", "Chair"], ["Cllr B Jones", "North Ward"]], 5)
    ]


def test_a_line_break_inside_a_paragraph_starts_a_line_and_bold_lines_are_marked(tmp_path):
    document = docx.Document()
    address = document.add_paragraph("County Hall")
    address.runs[0].add_break()
    address.add_run("Glenfield")
    document.add_paragraph().add_run("RESOLVED:").bold = True

    assert lines(read(tmp_path, document).text) == ["County Hall", "Glenfield", "**RESOLVED:**"]


def test_a_zip_that_is_not_a_word_file_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("minutes.txt", "78. Apologies")
    path = tmp_path / "minutes.docx"
    path.write_bytes(buffer.getvalue())

    with pytest.raises(ParseError, match=r"not a readable Word \.docx file") as refused:
        read_document(path)
    assert refused.value.path == str(path)


def test_tracked_insertions_are_read_and_tracked_deletions_are_not(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("The Board agreed to ")
    paragraph._p.append(
        parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="Clerk"><w:r><w:delText>defer</w:delText></w:r></w:del>')
    )
    paragraph._p.append(
        parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="Clerk"><w:r><w:t>approve</w:t></w:r></w:ins>')
    )
    paragraph.add_run(" the budget.")

    assert lines(read(tmp_path, document).text) == ["The Board agreed to approve the budget."]


def test_a_paragraph_or_table_python_docx_cannot_interpret_is_read_as_its_plain_text():
    from docx.oxml import parse_xml

    from corpus.read.docx import _plain

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraph = parse_xml(f"<w:p {ns}><w:r><w:t>5. Budget</w:t></w:r></w:p>")
    table = parse_xml(
        f"<w:tbl {ns}><w:tr><w:tc><w:p><w:r><w:t>Action</w:t></w:r></w:p></w:tc>"
        f"<w:tc><w:p><w:r><w:t>Owner</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    assert _plain(paragraph).lines == ["5. Budget"]
    assert _plain(table).rows == [["Action", "Owner"]]


def test_a_run_bold_by_its_character_style_opens_a_run_in_heading(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Hall roof:", style="Strong")
    paragraph.add_run(" two quotes were received for the repair.")
    assert "**Hall roof:** two quotes were received for the repair." in lines(read(tmp_path, document).text)


def test_numbers_kept_in_a_list_style_are_written_into_the_text(tmp_path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.iter(qn("w:abstractNum"))]
    defining, pointing = str(max(ids) + 1), str(max(ids) + 2)
    first_num = next(numbering.iter(qn("w:num")))
    for xml in (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{defining}"><w:styleLink w:val="BoardOutline"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        "</w:abstractNum>",
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{pointing}"><w:numStyleLink w:val="BoardOutline"/>'
        "</w:abstractNum>",
    ):
        numbering.insert(list(numbering).index(first_num), parse_xml(xml))
    num_id = str(max(int(n.get(qn("w:numId"))) for n in numbering.iter(qn("w:num"))) + 1)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{pointing}"/></w:num>')
    )
    numbered(document, "Apologies", num_id)
    numbered(document, "Minutes of the last meeting", num_id)
    assert lines(read(tmp_path, document).text) == ["1. Apologies", "2. Minutes of the last meeting"]


def test_a_paragraph_set_larger_than_the_text_is_a_heading_by_its_size(tmp_path):
    document = docx.Document()
    for title, text in [("Hall roof", "Two quotes were received."), ("Allotments", "The waiting list is long.")]:
        document.add_paragraph().add_run(title).font.size = Pt(14)
        document.add_paragraph(text).runs[0].font.size = Pt(11)
    assert lines(read(tmp_path, document).text) == [
        "# Hall roof",
        "Two quotes were received.",
        "# Allotments",
        "The waiting list is long.",
    ]


def test_larger_sizes_are_higher_heading_levels(tmp_path):
    document = docx.Document()
    for title, size in [("Minutes of the meeting", 16), ("Finance", 13)]:
        document.add_paragraph().add_run(title).font.size = Pt(size)
        document.add_paragraph("The accounts for the quarter were received and noted.").runs[0].font.size = Pt(11)
    assert lines(read(tmp_path, document).text)[::2] == ["# Minutes of the meeting", "## Finance"]


def test_a_paragraph_given_an_outline_level_is_a_heading(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("Hall roof")
    paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    document.add_paragraph("Two quotes were received.")
    assert lines(read(tmp_path, document).text) == ["## Hall roof", "Two quotes were received."]


def test_an_underlined_heading_is_marked_as_a_bold_one_is(tmp_path):
    document = docx.Document()
    document.add_paragraph().add_run("Hall roof").underline = True
    paragraph = document.add_paragraph()
    paragraph.add_run("Allotments:").underline = True
    paragraph.add_run(" the waiting list now stands at twelve.")
    assert lines(read(tmp_path, document).text) == [
        "**Hall roof**",
        "**Allotments:** the waiting list now stands at twelve.",
    ]


def test_words_shown_in_capitals_are_read_in_capitals(tmp_path):
    document = docx.Document()
    document.add_paragraph().add_run("Apologies for absence").font.all_caps = True
    assert lines(read(tmp_path, document).text) == ["APOLOGIES FOR ABSENCE"]


def test_word_minutes_headed_by_underlined_lines_are_read_item_by_item(tmp_path):
    document = docx.Document()
    document.add_paragraph().add_run("Minutes of the meeting of the Parish Council, 3 March 2025").font.size = Pt(14)
    document.add_paragraph("Present: Cllr A Smith (Chair), Cllr B Jones")
    for title, text in [
        ("Hall roof", "Two quotes were received for the repair of the roof and were considered."),
        ("Allotments", "The waiting list now stands at twelve and a new plot will be marked out."),
    ]:
        document.add_paragraph().add_run(title).underline = True
        document.add_paragraph(text)
    read_back = read(tmp_path, document)
    (meeting,) = parse_text(read_back.text, "minutes.docx").meetings
    assert [item.title for item in meeting.items] == ["Hall roof", "Allotments"]


def test_a_table_that_only_lays_the_page_out_is_read_as_the_paragraphs_inside_it(tmp_path):
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].text = "Hall roof"
    cell.paragraphs[0].style = document.styles["Heading 2"]
    cell.add_paragraph("Two quotes were received.")
    assert lines(read(tmp_path, document).text) == ["## Hall roof", "Two quotes were received."]


def test_a_paragraph_wholly_in_bold_inside_a_cell_is_marked_as_the_cells_heading(tmp_path):
    document = docx.Document()
    row = document.add_table(rows=1, cols=2).rows[0]
    row.cells[0].text = "4."
    row.cells[1].paragraphs[0].add_run("Hall roof").bold = True
    row.cells[1].add_paragraph("Two quotes were received.")
    assert lines(read(tmp_path, document).text) == ["4.\t**Hall roof** Two quotes were received."]


def test_a_number_alone_in_bold_is_read_as_the_items_label_not_a_heading_in_bold(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("4.").bold = True
    paragraph.add_run(" Hall roof repairs")
    assert lines(read(tmp_path, document).text) == ["4. Hall roof repairs"]


def minutes_without_a_date(document: Document) -> Document:
    for number, title in [(1, "Apologies"), (2, "Hall roof"), (3, "Any other business")]:
        document.add_paragraph().add_run(f"{number}. {title}").bold = True
        document.add_paragraph("The committee discussed the matter and agreed the way forward.")
    return document


def test_a_meeting_dated_only_in_the_page_header_is_dated_from_it(tmp_path):
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Committee meeting held on 4 March 2021"
    read_back = read(tmp_path, minutes_without_a_date(document))
    (meeting,) = parse_text(read_back.text, "minutes.docx").meetings
    assert str(meeting.date) == "2021-03-04"
    assert [item.title for item in meeting.items] == ["Apologies", "Hall roof", "Any other business"]


def test_the_first_pages_own_header_is_the_one_read(tmp_path):
    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].text = "Continued from 1 January 2020"
    section.first_page_header.paragraphs[0].text = "Minutes of the meeting of 4 March 2021"
    read_back = read(tmp_path, minutes_without_a_date(document))
    assert lines(read_back.text)[0] == "Minutes of the meeting of 4 March 2021"


def test_a_page_header_is_not_read_when_the_minutes_date_the_meeting(tmp_path):
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Printed 1 May 2021"
    document.add_paragraph("Minutes of the meeting held on 4 March 2021")
    read_back = read(tmp_path, minutes_without_a_date(document))
    assert "Printed" not in read_back.text


def test_a_meeting_dated_only_in_the_page_footer_is_dated_from_it(tmp_path):
    document = docx.Document()
    document.sections[0].footer.paragraphs[0].text = "Committee minutes, 4 March 2021"
    read_back = read(tmp_path, minutes_without_a_date(document))
    (meeting,) = parse_text(read_back.text, "minutes.docx").meetings
    assert str(meeting.date) == "2021-03-04"


# The namespaces Word writes a text box in, beyond those python-docx names.
_BOX_NAMESPACES = {
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}
_BOX = (
    '<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
    "<wps:wsp><wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData>"
    "</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
    "{paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)


def test_a_text_box_is_read_once_ahead_of_the_paragraph_it_is_anchored_to(tmp_path):
    document = docx.Document()
    paragraphs = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in ["Residents' Group", "4 March 2021"])
    anchor = document.add_paragraph("Present: three members")
    namespaces = " ".join([nsdecls("w", "wp", "a")] + [f'xmlns:{k}="{v}"' for k, v in _BOX_NAMESPACES.items()])
    anchor._p.append(parse_xml(_BOX.format(ns=namespaces, paragraphs=paragraphs)))
    assert lines(read(tmp_path, document).text) == ["Residents' Group", "4 March 2021", "Present: three members"]


def test_minutes_kept_as_an_html_chunk_inside_the_word_file_are_read(tmp_path):
    document = docx.Document()
    page = b"<html><body><h2>1. Apologies</h2><p>None.</p><h2>2. Hall roof</h2><p>Quotes came.</p></body></html>"
    part = Part(PackURI("/word/afchunk.htm"), "text/html", page, document.part.package)
    chunk = document.part.relate_to(part, RT.A_F_CHUNK)
    document.element.body.insert(0, parse_xml(f'<w:altChunk {nsdecls("w", "r")} r:id="{chunk}"/>'))
    assert lines(read(tmp_path, document).text)[:2] == ["## 1. Apologies", "None."]


def as_strict(document: Document) -> bytes:
    """The document saved as Word's Strict Open XML names its parts' vocabularies (purl.oclc.org/ooxml)."""
    saved = io.BytesIO()
    document.save(saved)
    strict = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(strict, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename.endswith((".xml", ".rels")):
                part = re.sub(
                    rb"http://schemas\.openxmlformats\.org/(wordprocessingml|officeDocument|drawingml)/2006/(\w+)",
                    rb"http://purl.oclc.org/ooxml/\1/\2",
                    part,
                )
            target.writestr(info, part)
    return strict.getvalue()


def test_a_word_file_saved_as_strict_open_xml_is_read_numbering_and_all(tmp_path):
    document = docx.Document()
    document.add_paragraph("Minutes of the Board, 3 March 2025")
    num_id = add_list(document, [("decimal", "%1.")])
    numbered(document, "Apologies", num_id)
    document.add_paragraph("None were received.")
    numbered(document, "Hall roof", num_id)
    path = tmp_path / "strict.docx"
    path.write_bytes(as_strict(document))

    assert lines(read_document(path).text) == [
        "Minutes of the Board, 3 March 2025",
        "1. Apologies",
        "None were received.",
        "2. Hall roof",
    ]


def test_sub_items_numbered_inside_a_table_cell_are_set_out_after_their_row(tmp_path):
    document = docx.Document()
    row = document.add_table(rows=1, cols=3).rows[0]
    row.cells[0].text = "4."
    row.cells[1].paragraphs[0].add_run("Hall accounts").bold = True
    row.cells[1].add_paragraph("4.1 The Treasurer presented the year's figures.")
    row.cells[1].add_paragraph("4.2 The hire charges will rise in April.")
    row.cells[2].text = "TR"

    assert lines(read(tmp_path, document).text) == [
        "4.\tHall accounts\tTR",
        "4.1 The Treasurer presented the year's figures.",
        "4.2 The hire charges will rise in April.",
    ]


def test_sub_items_filling_the_cell_beside_an_item_s_number_are_set_out_after_their_row(tmp_path):
    document = docx.Document()
    row = document.add_table(rows=1, cols=2).rows[0]
    row.cells[0].text = "4. Hall accounts"
    row.cells[1].text = "4.1 The Treasurer presented the year's figures."
    row.cells[1].add_paragraph("4.2 The hire charges will rise in April.")

    assert lines(read(tmp_path, document).text) == [
        "4. Hall accounts",
        "4.1 The Treasurer presented the year's figures.",
        "4.2 The hire charges will rise in April.",
    ]


def test_words_minuted_with_sub_items_inside_a_table_s_cells_read_item_by_item(tmp_path):
    document = docx.Document()
    document.add_paragraph("Minutes of the Trust Board, 3 March 2025")
    table = document.add_table(rows=0, cols=2)
    for number, title, points in [
        ("1", "Apologies", ["1.1 None were received."]),
        ("2", "Hall accounts", ["2.1 The figures were presented.", "2.2 The hire charges will rise."]),
    ]:
        cells = table.add_row().cells
        cells[0].text = f"{number}."
        cells[1].paragraphs[0].add_run(title).bold = True
        for point in points:
            cells[1].add_paragraph(point)
    path = tmp_path / "minutes.docx"
    document.save(str(path))

    (meeting,) = parse_text(read_document(path).text, "minutes.docx").meetings
    assert [item.minute_number for item in meeting.items] == ["1", "1.1", "2", "2.1", "2.2"]
