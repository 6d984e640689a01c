"""The measurement of a learned reading of commitments beside the rules: sentences labelled by the gold kept
beside the documents, and features that learn how minutes speak, not whom they name."""

import json

from retrieval.commitment_learning import Labelled, labelled_sentences, reading


def test_a_sentence_holding_a_gold_phrase_of_its_meeting_is_labelled_a_commitment(tmp_path):
    (tmp_path / "minutes.txt").write_text(
        "Minutes of the meeting of Northbrook Parish Council held on 12 February 2024\n\n"
        "1. Playground\nThe swings are broken. The Clerk will obtain three quotes for the repair.\n"
    )
    gold = {"id": "g1", "source": {"date": "2024-02-12"}, "contains": "obtain three quotes", "owner": "the Clerk"}
    (tmp_path / "followups.jsonl").write_text(json.dumps(gold) + "\n")

    rows, _ = labelled_sentences(tmp_path)

    assert [(r.sentence, r.gold, r.rule) for r in rows if r.gold] == [
        ("The Clerk will obtain three quotes for the repair.", ("g1",), True)
    ]
    assert any("swings" in r.sentence for r in rows if not r.gold)


def test_names_initials_and_numbers_are_learnt_by_their_shape_only():
    row = Labelled("a body", "Jo Smith and KV will order 12 chairs", "Hall", rule=False, gold=())
    assert {"_CAP", "_INI", "_NUM", "will order", "T:hall"} <= row.features()
    assert not {"smith", "kv", "12"} & row.features()


def test_gold_found_counts_each_phrase_once_however_many_sentences_hold_it():
    rows = [
        Labelled("b", "x", "", True, ("g1",)),
        Labelled("b", "y", "", True, ("g1",)),
        Labelled("b", "z", "", True, ()),
    ]
    figures = reading("rules", rows, [True, True, True], gold=2)
    assert (figures.precision, figures.recall) == (2 / 3, 0.5)
