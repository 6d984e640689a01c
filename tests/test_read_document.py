"""One entry point for every format: what is read, what is refused and why, and what a folder scan skips."""

import datetime as dt
import hashlib
import io

import docx
import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate
from sqlmodel import Session, select

from corpus.ingest import ingest_file, ingest_paths
from corpus.models import Meeting
from corpus.parsed import ParseError
from corpus.read import read_document
from retrieval.baseline import chunk_documents

MINUTES = [
    "Minutes of a meeting of Harbour Town Council held at the Town Hall on Tuesday 4 June 2024.",
    "78. Apologies",
    "Apologies were received from Councillor Okafor, who was attending a meeting of the harbour trust.",
    "79. Promenade lighting",
    "RESOLVED: That the Clerk obtain three quotes for replacing the lamps on the Promenade.",
]


def minutes_pdf() -> bytes:
    buffer = io.BytesIO()
    style = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12, spaceAfter=8)
    SimpleDocTemplate(buffer).build([Paragraph(line, style) for line in MINUTES])
    return buffer.getvalue()


def test_a_text_file_in_windows_1252_is_read(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_bytes("78. Budget – £4,000 agreed\n".encode("cp1252"))

    document = read_document(path)

    assert (document.text, document.format, document.tables) == ("78. Budget – £4,000 agreed\n", "text", [])
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["minutes.txt", "minutes.pdf", "minutes.docx", "minutes.html"])
def test_an_empty_file_is_refused_as_empty(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"  \n")

    with pytest.raises(ParseError, match="the file is empty"):
        read_document(path)


def test_a_missing_file_is_refused_as_unreadable(tmp_path):
    with pytest.raises(ParseError, match="cannot read the file"):
        read_document(tmp_path / "nowhere.pdf")


def test_an_unknown_binary_named_on_its_own_is_refused(tmp_path):
    path = tmp_path / "minutes.bin"
    path.write_bytes(b"\x00\x01\x02\x03" * 100)

    with pytest.raises(ParseError, match=r"an unknown binary file, not a document format Board Memory reads \(\.bin\)"):
        read_document(path)


def test_an_old_word_file_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "minutes.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)

    with pytest.raises(ParseError, match=r"save it as \.docx"):
        read_document(path)


def test_a_pdf_named_on_its_own_without_a_suffix_is_read_as_a_pdf(tmp_path):
    path = tmp_path / "minutes-june"
    path.write_bytes(minutes_pdf())

    assert read_document(path).format == "pdf"


def test_a_folder_scan_names_every_file_it_skips_and_why(engine, tmp_path):
    folder = tmp_path / "corpus"
    (folder / "june").mkdir(parents=True)
    (folder / "june" / "minutes.pdf").write_bytes(minutes_pdf())
    (folder / "budget.xlsx").write_bytes(b"PK\x03\x04 spreadsheet")
    (folder / ".DS_Store").write_bytes(b"\x00\x00")
    (folder / "manifest.toml").write_text('body = "Harbour Town Council"\n')

    outcomes = {o.path: (o.status, o.message) for o in ingest_paths(engine, [folder])}

    assert outcomes[str(folder / "budget.xlsx")] == ("skipped", "not a document format Board Memory reads (.xlsx)")
    assert outcomes[str(folder / ".DS_Store")] == ("skipped", "a hidden file, not read")
    assert outcomes[str(folder / "june" / "minutes.pdf")][0] == "added"
    assert str(folder / "manifest.toml") not in outcomes  # the folder's own hints, not a document
    assert len(outcomes) == 3


def test_a_pdf_is_ingested_with_the_hash_of_its_bytes_and_its_minutes(engine, tmp_path):
    path = tmp_path / "minutes.pdf"
    path.write_bytes(minutes_pdf())

    outcome = ingest_file(engine, path)

    assert (outcome.status, outcome.items) == ("added", 2), outcome.message
    assert ingest_file(engine, path).status == "unchanged"  # the same bytes, by their sha256


def test_the_baseline_reads_a_pdfs_text_not_its_bytes(engine, tmp_path):
    path = tmp_path / "minutes.pdf"
    path.write_bytes(minutes_pdf())
    ingest_file(engine, path)

    chunks = chunk_documents(engine)

    assert chunks and "Promenade lighting" in chunks[0].text and "%PDF" not in chunks[0].text


# Minutes whose text says every word but the meeting's date: some files carry it only in their title.
UNDATED = [
    "Minutes of the Harbour Town Council meeting",
    "1. Apologies",
    "Apologies were received from Councillor Okafor.",
    "2. Promenade lighting",
    "RESOLVED: That the Clerk obtain three quotes for replacing the lamps.",
]


def undated_pdf(title: str) -> bytes:
    buffer = io.BytesIO()
    style = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12, spaceAfter=8)
    SimpleDocTemplate(buffer, title=title).build([Paragraph(line, style) for line in UNDATED])
    return buffer.getvalue()


def undated_docx(title: str) -> bytes:
    document = docx.Document()
    for line in UNDATED:
        document.add_paragraph(line)
    document.core_properties.title = title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def undated_html(title: str) -> bytes:
    body = "".join(f"<p>{line}</p>" for line in UNDATED)
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>".encode()


@pytest.mark.parametrize(("name", "make"), [("m.pdf", undated_pdf), ("m.docx", undated_docx), ("m.html", undated_html)])
def test_a_file_whose_text_gives_no_date_is_dated_by_its_own_title(engine, tmp_path, name, make):
    path = tmp_path / name
    path.write_bytes(make("Council minutes 4.23.2024"))

    outcome = ingest_file(engine, path)

    assert outcome.status == "added", outcome.message
    assert meeting_dates(engine) == [dt.date(2024, 4, 23)]
    assert any("title" in warning for warning in outcome.warnings)


def test_a_date_in_the_text_outranks_the_files_title(engine, tmp_path):
    path = tmp_path / "minutes.pdf"
    buffer = io.BytesIO()
    style = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12, spaceAfter=8)
    SimpleDocTemplate(buffer, title="Minutes 1 May 2020").build([Paragraph(line, style) for line in MINUTES])
    path.write_bytes(buffer.getvalue())

    ingest_file(engine, path)

    assert meeting_dates(engine) == [dt.date(2024, 6, 4)]


def test_a_file_whose_title_names_no_date_either_is_refused_saying_so(engine, tmp_path):
    path = tmp_path / "minutes.docx"
    path.write_bytes(undated_docx("Document1"))

    outcome = ingest_file(engine, path)

    assert outcome.status == "failed" and "no meeting date" in outcome.message


def meeting_dates(engine) -> list[dt.date]:
    with Session(engine) as session:
        return list(session.exec(select(Meeting.date)).all())
