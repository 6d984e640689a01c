"""A sub-item is cited under the item that holds it: "Minute 4.1 · … · Matters arising › Hall roof", so a reader
finds it in the papers, and an item of its own is cited as before."""

import datetime as dt

import pytest

from corpus.citation import cite
from corpus.language.minute_numbers import parent_number

MINUTES = """Minutes of the meeting of Northbrook Parish Council held on 12 February 2024

3. Playground
The swings are to be repaired by the contractor in March.

4. Matters arising
4.1 Hall roof
The roofer reported that slates on the north side of the hall roof had slipped and must be replaced.
4.2 Footpath signs
Two new signs for the footpath by the church have been ordered.

5. Finance
Payments totalling £1,200 were approved.
"""


@pytest.mark.parametrize(
    ("number", "parent"),
    [("4.1", "4"), ("4.1.2", "4.1"), ("4a", "4"), ("4(a)", "4"), ("75/17b", "75/17"), ("12/23.1", "12/23")],
)
def test_a_sub_items_number_places_it_under_its_parents(number, parent):
    assert parent_number(number) == parent


@pytest.mark.parametrize("number", ["4", "4.", "C048/23", "21/044", "IV", None])
def test_an_items_own_number_places_it_under_none(number):
    assert parent_number(number) is None


def test_a_sub_items_title_is_cited_after_its_parents():
    held = dt.date(2024, 2, 12)
    cited = cite(held, "Hall roof", minute="4.1", parent="Matters arising")
    assert cited == "Minute 4.1 · 12 February 2024 · Matters arising › Hall roof"


def searcher(tmp_path):
    from corpus.ingest import ingest_file
    from corpus.store import open_engine
    from retrieval.index import ensure_index
    from retrieval.search import Searcher
    from tests.fakes import HashingEmbedder

    engine = open_engine(f"sqlite:///{tmp_path / 'memory.db'}")
    path = tmp_path / "minutes.txt"
    path.write_text(MINUTES)
    ingest_file(engine, path)
    embedder = HashingEmbedder()
    return Searcher(ensure_index(engine, tmp_path / "index", embedder, approximate_above=50_000), embedder)


def test_an_answer_from_a_sub_item_cites_it_under_its_parent(tmp_path):
    top = searcher(tmp_path).ask("which slates on the hall roof slipped?").results[0]

    assert top.citation == "Minute 4.1 · 12 February 2024 · Matters arising › Hall roof"
    assert (top.to_json()["item_title"], top.to_json()["parent_title"]) == ("Hall roof", "Matters arising")


def test_an_answer_from_an_item_of_its_own_is_cited_by_its_title_alone(tmp_path):
    top = searcher(tmp_path).ask("when will the swings be repaired?").results[0]

    assert top.citation == "Minute 3 · 12 February 2024 · Playground"
