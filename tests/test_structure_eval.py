"""Item structure is scored against a person's gold list: one to one, in order, by the words an item opens with."""

import pytest

from corpus.ingest import ingest_file
from corpus.store import open_engine
from retrieval.structure_eval import (
    FoundItem,
    GoldItem,
    bare_number,
    load_gold_items,
    match_document,
    meeting_dates,
    score,
    stored_items,
)


def gold(n, start, title=None, number=None):
    return GoldItem("doc.txt", n, start, title, number)


def found(title, text="", number=None, derived=False):
    return FoundItem(title, text, number, derived)


def test_an_item_matches_the_gold_item_its_head_opens_with():
    scored = match_document(
        "doc.txt",
        [gold(1, "Playground Repairs", "Playground Repairs", "12")],
        [found("Playground repairs", "The clerk reported …", "12.")],
    )
    assert len(scored.pairs) == 1


def test_a_merged_item_matches_only_the_first_of_the_gold_items_it_swallowed():
    body = "The clerk reported the swings were broken. " * 10 + "Footpaths. The footpath officer said"
    scored = match_document("doc.txt", [gold(1, "Playground"), gold(2, "Footpaths")], [found("Playground", body)])
    assert [g.n for g, _ in scored.pairs] == [1]
    assert [g.n for g in scored.missed] == [2]


def test_a_stray_title_is_a_found_item_that_matches_nothing():
    report = score(
        [gold(1, "Apologies for absence", "Apologies for absence", "1")],
        {"doc.txt": [found("Skip to main content"), found("Apologies for absence", number="1")]},
    )
    figures = report.figures()
    assert (figures["precision"], figures["recall"]) == (0.5, 1.0)


def test_titles_numbers_and_derived_titles_are_counted_over_the_matches():
    report = score(
        [gold(1, "Finance", "Finance", "21/044"), gold(2, "The Board considered a report on the budget")],
        {
            "doc.txt": [
                found("Finance:", number="Minute 21/044."),
                found("The budget", "The Board considered a report on the budget", derived=True),
            ]
        },
    )
    f = report.figures()
    assert (f["titles_exact"], f["titled"], f["numbers_exact"], f["numbered"]) == (1, 1, 1, 1)
    assert (f["derived_marked"], f["untitled"]) == (1, 1)


def test_a_number_found_where_the_document_prints_none_is_wrong():
    report = score([gold(1, "Finance", "Finance")], {"doc.txt": [found("Finance", number="2014")]})
    assert (report.figures()["numbers_exact"], report.figures()["numbered"]) == (0, 1)


def test_minute_labels_are_compared_without_their_dressing():
    assert bare_number("Minute 12.") == bare_number("12") == "12"
    assert bare_number("(b)") == "b"
    assert bare_number("4.1") == "4.1"


def test_a_gold_document_with_no_stored_items_is_named():
    report = score([gold(1, "Finance")], {})
    assert report.unread == ["doc.txt"] and report.figures()["recall"] == 0.0


def test_each_format_is_counted_apart_with_the_documents_none_of_whose_items_were_read():
    report = score(
        [gold(1, "Finance", "Finance"), GoldItem("b.docx", 1, "Hall roof", "Hall roof", None)],
        {"doc.txt": [found("Finance"), found("Stray")]},
    )
    formats = report.formats()
    assert (formats["txt"].matched, formats["txt"].gold, formats["txt"].found) == (1, 1, 2)
    assert (formats["docx"].unread, formats["docx"].unread_gold) == (1, 1)
    line = "docx: 1 documents, recall 0/1, precision 0.00, none read from 1 (1 gold items)"
    assert formats["docx"].line("docx") == line


def test_a_malformed_gold_line_names_its_file_and_line(tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_text('{"document": "a.txt", "n": 1, "start": "x"}\n{"document": "a.txt"}\n')
    with pytest.raises(ValueError, match=r"items.jsonl:2"):
        load_gold_items(path)


def test_items_of_a_real_document_are_read_back_by_file_name(tmp_path):
    text = (
        "Minutes of the meeting of Northbrook Parish Council held on 12 February 2024\n\n"
        "1. Apologies for absence\nApologies were received from Cllr Ames.\n\n"
        "2. Playground\nThe swings are to be repaired by the Clerk.\n"
    )
    path = tmp_path / "northbrook_2024-02-12.txt"
    path.write_text(text)
    engine = open_engine(f"sqlite:///{tmp_path / 'memory.db'}")
    ingest_file(engine, path)
    report = score(
        [
            GoldItem(path.name, 1, "Apologies for absence", "Apologies for absence", "1"),
            GoldItem(path.name, 2, "Playground", "Playground", "2"),
        ],
        stored_items(engine),
    )
    assert report.figures()["recall"] == 1.0 and report.figures()["numbers_exact"] == 2


def test_meeting_dates_are_counted_right_wrong_or_not_read_against_the_manifest(tmp_path):
    engine = open_engine(f"sqlite:///{tmp_path / 'memory.db'}")
    for name, day in (("right.txt", "12 February 2024"), ("wrong.txt", "13 February 2024")):
        (tmp_path / name).write_text(
            f"Minutes of Northbrook Parish Council held on {day}\n\n1. Playground\nRepaired.\n"
        )
        ingest_file(engine, tmp_path / name)
    manifest = tmp_path / "manifest.toml"
    manifest.write_text(
        "".join(
            f'[documents."{name}"]\nmeeting_date = 2024-02-12\n\n' for name in ("right.txt", "wrong.txt", "unread.txt")
        )
    )
    assert meeting_dates(engine, manifest) == "meeting dates: right 1/3, wrong 1, not read 1"
