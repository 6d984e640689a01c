"""Every reader checks what a document would expand to before expanding it: pages, zip parts, nesting,
characters and lines; over a limit, one line names the setting to raise."""

import io
import struct
import time
import zipfile

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, Paragraph

from corpus.parsed import ParseError
from corpus.read import ReadLimits, ReadProgress, read_document
from corpus.read.worker import run_bounded
from tests.test_read_pdf import BODY, make_pdf

MEGABYTE = 1024 * 1024


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def word_file(text: str = "The board noted the report.") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_document_xml(package: bytes, write_member) -> bytes:
    """The Word package with its word/document.xml written anew by `write_member(zip_file, name)`."""
    source = zipfile.ZipFile(io.BytesIO(package))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                write_member(target, info.filename)
            else:
                target.writestr(info, source.read(info))
    return buffer.getvalue()


def bomb(megabytes: int):
    """A document.xml of `megabytes` MB of empty paragraphs, written a megabyte at a time (it deflates ~1000:1)."""
    chunk = b"<w:p/>" * (MEGABYTE // 6)

    def write_member(target: zipfile.ZipFile, name: str) -> None:
        with target.open(name, "w", force_zip64=True) as member:
            member.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            for _ in range(megabytes):
                member.write(chunk)
            member.write(b"</w:body></w:document>")

    return write_member


def read_in_worker(path, memory_mb: int):
    return run_bounded(read_document, path, memory_mb=memory_mb, path=str(path))


# --- Word files: zip packages ------------------------------------------------------------------------------


def test_a_word_file_that_unpacks_past_the_limit_is_refused_before_it_is_unpacked(tmp_path):
    path = write(tmp_path, "bomb.docx", with_document_xml(word_file(), bomb(260)))
    assert path.stat().st_size < 2 * MEGABYTE

    started = time.monotonic()
    # In a worker held to 300 MB: had the reader unpacked the 260 MB, the refusal would be about memory.
    with pytest.raises(ParseError, match=r"unpacks to 261 MB, more than the 200 MB limit \(the max_unpacked_mb"):
        read_in_worker(path, memory_mb=300)
    assert time.monotonic() - started < 10


def test_a_word_file_of_too_many_parts_is_refused_unopened(tmp_path):
    package = io.BytesIO(word_file())
    with zipfile.ZipFile(package, "a") as zip_file:
        for number in range(30):
            zip_file.writestr(f"extra/part{number}.xml", "<x/>")
    path = write(tmp_path, "parts.docx", package.getvalue())

    with pytest.raises(ParseError, match=r"holds \d+ parts, more than the 20-part limit \(the max_zip_members setting"):
        read_document(path, limits=ReadLimits(max_zip_members=20))


def test_a_part_larger_than_its_zip_header_says_is_refused_as_damaged(tmp_path):
    xml = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    xml += b"<w:p><w:r><w:t>Noted.</w:t></w:r></w:p>" * 50_000 + b"</w:body></w:document>"
    package = bytearray(with_document_xml(word_file(), lambda target, name: target.writestr(name, xml)))
    understate(package, "word/document.xml", 1000)  # the headers say 1,000 bytes; it holds about 2 MB
    path = write(tmp_path, "lying.docx", bytes(package))

    with pytest.raises(ParseError, match="does not match its zip header"):
        read_document(path)


def understate(package: bytearray, name: str, size: int) -> None:
    """Write `size` as the member's uncompressed size in both its local and its central directory header."""
    info = zipfile.ZipFile(io.BytesIO(bytes(package))).getinfo(name)
    struct.pack_into("<I", package, info.header_offset + 22, size)
    central = package.index(b"PK\x01\x02")
    while package[central + 46 : central + 46 + len(name)] != name.encode():
        central = package.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", package, central + 24, size)


# --- web pages ---------------------------------------------------------------------------------------------


def test_a_page_nested_100000_deep_is_refused_naming_max_html_depth_in_moments(tmp_path):
    depth = 100_000
    path = write(tmp_path, "deep.html", f"<html><body>{'<div>' * depth}Noted.{'</div>' * depth}</body></html>".encode())

    started = time.monotonic()
    with pytest.raises(ParseError, match=r"nest 100,000 levels, more than the 512-level limit \(the max_html_depth"):
        read_document(path)
    assert time.monotonic() - started < 5


def test_a_page_of_ordinary_depth_reads_as_before(tmp_path):
    inner = "<ol><li><p>Apologies</p></li><li>Minutes <b>approved</b></li></ol>"
    html = f"<html><body>{'<div>' * 60}<h2>Board</h2>{inner}{'</div>' * 60}</body></html>"

    text = read_document(write(tmp_path, "page.html", html.encode())).text

    assert text.splitlines() == ["## Board", "", "1. Apologies", "", "2. Minutes approved"]


def test_a_page_of_more_elements_than_the_limit_is_refused(tmp_path):
    path = write(tmp_path, "many.html", ("<html><body>" + "<p>Noted." * 300 + "</body></html>").encode())

    with pytest.raises(ParseError, match=r"has 30\d elements, more than the 200-element limit \(the max_html_nodes"):
        read_document(path, limits=ReadLimits(max_html_nodes=200))


# --- PDFs ------------------------------------------------------------------------------------------------


def pages(count: int) -> list:
    flowables = []
    for number in range(1, count + 1):
        flowables += [Paragraph(f"{number}. The board noted item {number}.", BODY), PageBreak()]
    return flowables[:-1]


def test_a_pdf_of_more_pages_than_the_limit_is_refused_before_its_pages_are_read(tmp_path):
    path = write(tmp_path, "pack.pdf", make_pdf(pages(5)))
    heard: list[ReadProgress] = []

    with pytest.raises(ParseError, match=r"the PDF has 5 pages, more than the 3-page limit \(the max_pages setting\)"):
        read_document(path, limits=ReadLimits(max_pages=3), progress=heard.append)
    assert heard == []


def test_progress_is_reported_page_by_page(tmp_path):
    path = write(tmp_path, "pack.pdf", make_pdf(pages(3)))
    heard: list[ReadProgress] = []

    read_document(path, progress=heard.append)

    assert heard == [ReadProgress(1, 3, "page"), ReadProgress(2, 3, "page"), ReadProgress(3, 3, "page")]


def test_a_pdf_whose_every_page_repeats_the_same_two_lines_keeps_them(tmp_path):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for number in range(1, 6):
        pdf.setFont("Helvetica", 10)
        pdf.drawString(72, 700, f"Item {number} was considered by the board.")
        pdf.drawString(72, 680, f"Resolved {number}: the report was noted.")
        pdf.showPage()
    pdf.save()

    text = read_document(write(tmp_path, "same.pdf", buffer.getvalue())).text

    assert "Item 3 was considered by the board." in text and "Resolved 5: the report was noted." in text


# --- text ------------------------------------------------------------------------------------------------


def test_a_text_file_of_more_lines_than_the_limit_is_refused(tmp_path):
    path = write(tmp_path, "long.txt", b"Noted.\n" * 101)

    with pytest.raises(ParseError, match=r"has 101 lines, more than the 100-line limit \(the max_lines setting\)"):
        read_document(path, limits=ReadLimits(max_lines=100))


def test_a_text_file_of_more_characters_than_the_limit_is_refused(tmp_path):
    path = write(tmp_path, "long.txt", b"x" * 1001)

    with pytest.raises(ParseError, match=r"1,001 characters, more than the 1,000-character limit \(the max_characters"):
        read_document(path, limits=ReadLimits(max_characters=1000))


def test_the_limits_come_from_the_settings():
    from corpus.settings import load_config

    config = load_config(env={"BOARDMEM_MAX_PAGES": "300", "BOARDMEM_READER_MEMORY_MB": "512"})

    assert ReadLimits.from_config(config) == ReadLimits(max_pages=300, memory_mb=512)
