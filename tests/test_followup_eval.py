"""Follow-ups measured against hand-made gold lists: the scorer's rules, and the figures they give."""

import datetime as dt

import pytest

from corpus.followups.views import ActionView, Cited, HistoryEntry
from retrieval.followup_eval import Gold, follow_ups_of, load_gold, score
from tests.seeds import BUNDLED, FIXTURES

DAY = dt.date(2024, 3, 5)


def view(ref, text, owner=None, history=(), day=DAY, status="open"):
    return ActionView(
        id=0,
        ref=ref,
        kind="agreed",
        text=text,
        owner=owner,
        due_date=None,
        due_text=None,
        status=status,
        rag=None,
        source=Cited(day, "4", "Parking"),
        history=[HistoryEntry("action log", h, None) for h in history],
    )


def test_a_follow_up_matches_by_its_own_words_or_a_log_row_it_absorbed():
    gold = [Gold("g1", DAY, "write to highways"), Gold("g2", DAY, "new bins")]

    report = score([view("1", "Clerk to  Write to Highways."), view("2", "Bins", history=["Order new bins"])], gold)

    assert set(report.matched) == {"g1", "g2"} and report.figures()["precision"] == 1.0


def test_a_phrase_copied_across_a_sentences_end_matches_by_its_parts_only_when_asked():
    gold = [Gold("g1", DAY, "posters for the fete. Jo will email the members")]
    found = [view("1", "Jo will email the members.")]

    assert not score(found, gold).matched
    assert set(score(found, gold, by_parts=True).matched) == {"g1"}


def test_the_same_commitment_shown_twice_counts_against_precision():
    gold = [Gold("g1", DAY, "write to highways")]

    report = score([view("1", "Clerk to write to highways"), view("2", "It was agreed to write to highways")], gold)

    assert [v.ref for v in report.duplicates] == ["2"] and report.figures()["precision"] == 0.5


def test_only_the_gold_meetings_are_scored_and_a_document_with_none_still_counts():
    gold = [Gold("g1", DAY, "write to highways"), Gold("g2", dt.date(2024, 6, 4), None)]
    elsewhere = view("9", "Clerk to order salt", day=dt.date(2023, 1, 1))
    stray = view("8", "Members noted the report", day=dt.date(2024, 6, 4))

    report = score([view("1", "Clerk to write to highways"), elsewhere, stray], gold)

    assert report.spurious == [stray] and report.figures()["recall"] == 1.0


def test_owners_compare_without_case_or_a_leading_the():
    gold = [Gold("g1", DAY, "write", owner="Clerk")]

    assert score([view("1", "write", owner="the clerk")], gold).figures()["owner_accuracy"] == 1.0


def test_owners_compare_without_a_title_a_handle_s_at_sign_or_an_ampersand():
    gold = [Gold("g1", DAY, "write", owner="Cllr Cann"), Gold("g2", DAY, "sort", owner="JH & ML")]
    found = [view("1", "write", owner="Cann"), view("2", "sort", owner="@JH and ML")]

    assert score(found, gold).figures()["owner_accuracy"] == 1.0


def test_an_owner_named_in_full_is_right_where_the_minutes_gave_initials():
    gold = [Gold("g1", DAY, "write", owner="AV", owner_full="Anne Vale")]

    assert score([view("1", "write", owner="Anne Vale")], gold).figures()["owner_accuracy"] == 1.0


def test_a_malformed_gold_line_names_its_file_and_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "g1", "source": {"date": "2024-03-05"}, "contains": "x"}\n{"id": "g2"}\n')

    with pytest.raises(ValueError, match=r"gold.jsonl:2"):
        load_gold(path)


@pytest.mark.parametrize(
    ("gold", "corpus", "precision", "recall"),
    [("seeds.jsonl", BUNDLED, 0.95, 0.95), ("real.jsonl", FIXTURES / "real", 0.95, 0.9)],
)
def test_follow_ups_are_read_as_the_gold_lists_say(gold, corpus, precision, recall):
    figures = score(follow_ups_of(corpus), load_gold(FIXTURES / "followups" / gold)).figures()

    assert figures["precision"] >= precision and figures["recall"] >= recall
    assert figures["duplicates"] == 0 and figures["owner_accuracy"] >= 0.9
