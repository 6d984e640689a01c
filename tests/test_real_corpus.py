"""Real minutes of 54 other bodies (tests/fixtures/real): every one is read, and searched well.

These documents test the shapes of minutes; nothing in the code is taken from them.
"""

import json
import tomllib

import pytest

from corpus.manifest import load_manifest
from corpus.read import read_document
from corpus.settings import load_config
from corpus.shapes import parse_text
from retrieval.evaluate import run_eval
from tests.seeds import FIXTURES

REAL = FIXTURES / "real"
MANIFEST = load_manifest(REAL / "manifest.toml")
RECORDS = tomllib.loads((REAL / "manifest.toml").read_text(encoding="utf-8"))["documents"]


# "12-01-2005" month first, the day given only in words: the one date the reader gets wrong.
def read(name):
    path = REAL / name
    hints = MANIFEST.hints_for(path)
    return parse_text(read_document(path).text, str(path), date=hints.date, body=hints.body)


def test_the_corpus_has_at_least_forty_documents_of_twenty_five_bodies():
    assert len(RECORDS) >= 40
    assert len({record["body"] for record in RECORDS.values()}) >= 25


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_every_real_document_is_read_into_items_of_its_meeting(name):
    document = read(name)

    assert sum(len(m.items) for m in document.meetings) >= 1
    assert RECORDS[name]["meeting_date"] in [m.date for m in document.meetings]


def test_on_real_minutes_board_memory_cites_well_and_beats_the_generic_baseline(tmp_path):
    printed = []
    config = load_config(env={"BOARDMEM_DATA_DIR": str(tmp_path)})

    files = [REAL / "questions.jsonl", REAL / "negatives.jsonl"]
    run_eval(config, files, out=printed.append, as_json=True, corpus=REAL)

    result = json.loads(printed[-1])
    answerable, negatives = result["files"]
    ours, theirs = answerable["board_memory"]["figures"], answerable["baseline"]["figures"]
    held = negatives["board_memory"]["figures"]
    assert result["corpus"]["accepted"] == result["corpus"]["documents"] == len(RECORDS)
    # The first citation is the right one for 88 questions in 93 (0.81 before answers came first; 0.96 before
    # items were read by each document's own numbering, which split two flattened pages into finer items
    # whose right one now ranks second: issue 21's closing note names them).
    assert ours["cite@1"] >= 0.94 and ours["cite@5"] >= 0.95
    assert ours["fact@5"] >= 0.85 and ours["fact@5"] >= theirs["fact@5"] + 0.10
    assert ours["held_back"] >= ours["unanswerable"] // 2
    # Questions on the boards' own topics that the minutes do not answer: held back, not answered confidently.
    assert held["held_back"] >= 0.75 * held["unanswerable"]
    assert ours["false_abstention"] <= 0.10


HELD_OUT = FIXTURES / "real_heldout"


@pytest.mark.parametrize("path", sorted(HELD_OUT.glob("*.txt")), ids=lambda p: p.name)
def test_every_document_of_the_second_real_set_is_read_into_items(path):
    hints = load_manifest(HELD_OUT / "manifest.toml").hints_for(path)

    document = parse_text(read_document(path).text, str(path), date=hints.date, body=hints.body)

    assert sum(len(m.items) for m in document.meetings) >= 1
