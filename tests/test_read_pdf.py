"""Reading PDF minutes: wrapping undone, tables in place, page furniture gone, bad files refused."""

import hashlib
import io
import os

import pdfplumber
import pytest
from reportlab.lib import colors, pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from corpus.parsed import ParseError
from corpus.read import read_document

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12, spaceAfter=8)
BOLD = ParagraphStyle("bold", parent=BODY, fontName="Helvetica-Bold")
HEADING = ParagraphStyle("heading", parent=BODY, fontName="Helvetica-Bold", fontSize=15, leading=18)
LONG = (
    "The Board considered a report of the Community Safety Co-ordinator, the purpose of which was to update "
    "the Board regarding performance for the fourth quarter, and noted that burglary had fallen by nine per cent."
)


def make_pdf(flowables: list, header: str = "", numbered: bool = True) -> bytes:
    """An A4 PDF of `flowables`, with a running header and "Page N" at the foot of every page."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm)

    def furniture(pdf: canvas.Canvas, doc: SimpleDocTemplate) -> None:
        pdf.setFont("Helvetica", 8)
        if header:
            pdf.drawString(2.5 * cm, A4[1] - 1.5 * cm, header)
        if numbered:
            pdf.drawCentredString(A4[0] / 2, 1.5 * cm, f"Page {doc.page}")

    document.build(flowables, onFirstPage=furniture, onLaterPages=furniture)
    return buffer.getvalue()


def grid(rows: list[list[str]]) -> Table:
    table = Table(rows, colWidths=[6 * cm, 9 * cm])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    return table


def read(tmp_path, data: bytes, name: str = "minutes.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    return read_document(path)


def test_a_line_the_pdf_wrapped_is_read_as_one_line(tmp_path):
    data = make_pdf([Paragraph("81. Performance", BODY), Paragraph(LONG, BODY)])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert LONG not in pdf.pages[0].extract_text()  # the page really wraps it

    document = read(tmp_path, data)

    assert document.format == "pdf"
    assert document.text.splitlines() == ["81. Performance", "", LONG]


def test_a_table_is_read_in_place_as_tab_joined_rows_and_only_once(tmp_path):
    rows = [["Cllr A Smith", "Harbour Town Council"], ["Cllr B Jones", "Harbour District Council"]]
    data = make_pdf([Paragraph("Present", BODY), grid(rows), Paragraph("78. Apologies", BODY)])

    document = read(tmp_path, data)

    lines = document.text.splitlines()
    assert [line for line in lines if line] == [
        "Present",
        "Cllr A Smith\tHarbour Town Council",
        "Cllr B Jones\tHarbour District Council",
        "78. Apologies",
    ]
    assert [table.rows for table in document.tables] == [rows]
    assert lines[document.tables[0].line - 1] == "Cllr A Smith\tHarbour Town Council"


def test_a_cell_whose_text_wraps_is_one_cell(tmp_path):
    cell = Paragraph("Head of Adult Safeguarding representing the Clinical Commissioning Group", BODY)
    data = make_pdf([grid([["Mina Bhavsar", cell]])])

    document = read(tmp_path, data)

    assert document.tables[0].rows == [
        ["Mina Bhavsar", "Head of Adult Safeguarding representing the Clinical Commissioning Group"]
    ]


def test_page_numbers_are_dropped_and_a_running_header_kept_once_atop_the_first_page(tmp_path):
    pages = ["78. Apologies", PageBreak(), "79. Minutes of the last meeting", PageBreak(), "80. Public questions"]
    flowables = [Paragraph(x, BODY) if isinstance(x, str) else x for x in pages]
    data = make_pdf(flowables, header="Harbour Town Council - Full Council - 4 June 2024")

    document = read(tmp_path, data)

    # The header names the meeting and its date, which the text may print nowhere else.
    assert [line for line in document.text.splitlines() if line] == [
        "Harbour Town Council - Full Council - 4 June 2024",
        "78. Apologies",
        "79. Minutes of the last meeting",
        "80. Public questions",
    ]


def test_a_running_header_is_dropped_everywhere_when_the_first_page_prints_the_meeting_s_date(tmp_path):
    pages = ["Minutes of 4 June 2024", "78. Apologies", PageBreak(), "79. Minutes of the last meeting"]
    flowables = [Paragraph(x, BODY) if isinstance(x, str) else x for x in pages]
    data = make_pdf(flowables, header="Harbour Town Council printed 12/07/2024")

    document = read(tmp_path, data)

    assert [line for line in document.text.splitlines() if line] == [
        "Minutes of 4 June 2024",
        "78. Apologies",
        "79. Minutes of the last meeting",
    ]


def test_a_footer_on_pages_whose_minutes_are_all_in_tables_is_dropped(tmp_path):
    rows = [["1. Apologies", "None were received."], ["2. Hall roof", "Two quotes were considered."]]
    pages = [Paragraph("Minutes of 4 June 2024", BODY), grid(rows[:1]), PageBreak(), grid(rows[1:])]
    data = make_pdf(pages, header="Harbour Hall Trust minutes draft v2", numbered=False)

    document = read(tmp_path, data)

    assert "draft v2" not in document.text
    assert "Two quotes were considered." in document.text


def test_a_paragraph_running_over_a_page_break_is_one_line(tmp_path):
    filler = [Paragraph(f"{n}. Item number {n}", BODY) for n in range(1, 34)]
    data = make_pdf([*filler, Paragraph(LONG + " " + LONG, BODY)])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 2  # the long paragraph starts on page 1 and ends on page 2

    document = read(tmp_path, data)

    assert document.text.splitlines()[-1] == LONG + " " + LONG


def test_larger_type_is_a_heading_and_a_bold_line_is_marked_bold(tmp_path):
    data = make_pdf([Paragraph("Agenda", HEADING), Paragraph("RESOLVED:", BOLD), Paragraph("That it be noted.", BODY)])

    document = read(tmp_path, data)

    assert [line for line in document.text.splitlines() if line] == ["# Agenda", "**RESOLVED:**", "That it be noted."]


def test_an_underlined_heading_is_marked_as_a_bold_one_is(tmp_path):
    data = make_pdf(
        [
            Paragraph("<u>Hall roof</u>", BODY),
            Paragraph("Two quotes were received for the repair.", BODY),
            Paragraph("<u>Allotments:</u> the waiting list now stands at twelve.", BODY),
        ]
    )

    assert [line for line in read(tmp_path, data).text.splitlines() if line] == [
        "**Hall roof**",
        "Two quotes were received for the repair.",
        "**Allotments:** the waiting list now stands at twelve.",
    ]


def test_a_tables_borders_and_an_underlined_address_underline_nothing(tmp_path):
    data = make_pdf(
        [
            grid([["Cllr A Smith", "Chair"], ["Cllr B Jones", "North Ward"]]),
            Paragraph("<u>clerk@example.org</u> will take questions before the meeting.", BODY),
        ]
    )

    assert [line for line in read(tmp_path, data).text.splitlines() if line] == [
        "Cllr A Smith\tChair",
        "Cllr B Jones\tNorth Ward",
        "clerk@example.org will take questions before the meeting.",
    ]


def test_the_sha256_is_of_the_files_bytes(tmp_path):
    data = make_pdf([Paragraph("78. Apologies", BODY)])

    assert read(tmp_path, data).sha256 == hashlib.sha256(data).hexdigest()


def test_random_bytes_named_pdf_are_refused_as_not_a_pdf(tmp_path):
    with pytest.raises(ParseError, match="not a readable PDF") as refused:
        read(tmp_path, os.urandom(4096), "scan.pdf")
    assert refused.value.path.endswith("scan.pdf")


def test_a_password_protected_pdf_is_refused_as_encrypted(tmp_path):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("secret"))
    pdf.drawString(72, 720, "78. Apologies")
    pdf.save()

    with pytest.raises(ParseError, match="encrypted"):
        read(tmp_path, buffer.getvalue())


def test_a_pdf_with_no_text_layer_is_refused_as_a_scanned_image(tmp_path):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(72, 500, 300, 200, fill=1)  # what a scan looks like to a text extractor: no characters
    pdf.save()

    with pytest.raises(ParseError, match="scanned image"):
        read(tmp_path, buffer.getvalue())


def test_a_pdf_under_a_text_suffix_is_refused_as_binary(tmp_path):
    data = make_pdf([Paragraph("78. Apologies", BODY), Spacer(1, 12)])

    with pytest.raises(ParseError, match="binary"):
        read(tmp_path, data.replace(b"%PDF-1.4", b"%PDF-1.4\x00"), "minutes.txt")


def test_words_set_with_narrow_spaces_are_read_apart(tmp_path):
    # Each word placed on its own with a gap of two points and no space character, as some typesetters write them.
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("Helvetica", 11)
    sentence = "The treasurer presented the draft budget for the spring fair and the summer fete."
    for row, line in enumerate(("2. Budget", sentence)):
        x = 2.5 * cm
        for word in line.split():
            pdf.drawString(x, A4[1] - 3 * cm - row * 14, word)
            x += pdf.stringWidth(word, "Helvetica", 11) + 2.2
    pdf.save()
    lines = read(tmp_path, buffer.getvalue()).text.splitlines()
    assert sentence in lines
