"""The evaluation scores answers fairly, and the baseline it compares against is plain fixed-window RAG."""

import datetime as dt
import json
import re

import pytest

from corpus.ingest import ingest_file
from corpus.models import Item
from corpus.store import open_engine
from retrieval.baseline import GenericBaseline, Window, attribute, windows
from retrieval.evaluate import (
    FACT_MISSING,
    NO_CITATION,
    NOT_FIRST,
    SHOULD_ABSTAIN,
    WRONG_ABSTAIN,
    Expectation,
    Question,
    load_questions,
    matches,
    score,
)
from tests.fakes import HashingEmbedder
from tests.seeds import FIXTURES

HARBOUR = FIXTURES / "harbour_town_2024-03-05.txt"


def result(date="2016-06-08", minute=None, title="Other business", text="", resolutions=()):
    return {
        "meeting_date": date,
        "minute": minute,
        "item_title": title,
        "text": text,
        "resolutions": list(resolutions),
    }


def answer(*results, answered=True):
    return {"query": "q", "answered": answered, "results": [{"rank": i, **r} for i, r in enumerate(results, 1)]}


def question(*expect, facts=(), id="q1"):
    return Question(id, f"question {id}?", tuple(expect), tuple(facts))


def by_minute(minute, date=dt.date(2016, 6, 8)):
    return Expectation(date, minute=minute)


def scored(questions, answers):
    """Score `questions`, answering each from the dict `answers` keyed by question text."""
    return score(questions, lambda text: answers[text])


# Matching a citation


def test_a_result_matches_by_date_and_minute_number():
    assert matches(result(minute="86"), by_minute("86"))
    assert not matches(result(minute="86"), by_minute("87"))
    assert not matches(result(date="2016-03-17", minute="86"), by_minute("86"))


def test_a_result_matches_when_the_expected_title_is_part_of_its_title_in_any_case():
    expectation = Expectation(dt.date(2020, 6, 26), title="glen parva")

    assert matches(result(date="2020-06-26", title="HMP Glen Parva update"), expectation)
    assert not matches(result(date="2020-06-26", title="Prison building"), expectation)
    assert not matches(result(date="2019-06-14", title="HMP Glen Parva update"), expectation)


# Figures


def test_a_match_at_rank_one_counts_for_cite_at_1_and_a_match_lower_down_only_for_cite_at_5():
    first, third = question(by_minute("1"), id="first"), question(by_minute("3"), id="third")
    top = [result(minute="1"), result(minute="2"), result(minute="3")]

    report = scored([first, third], {first.question: answer(*top), third.question: answer(*top)})

    figures = report.figures()
    assert (figures["cite@1"], figures["cite@5"]) == (0.5, 1.0)
    assert [o.failures for o in report.misses] == [(NOT_FIRST,)]


def test_a_match_below_the_top_k_does_not_count():
    q = question(by_minute("6"))
    six = [result(minute=str(n)) for n in range(1, 7)]

    report = scored([q], {q.question: answer(*six)})

    assert report.figures()["cite@5"] == 0.0
    assert report.misses[0].failures == (NO_CITATION,)


def test_mrr_averages_the_reciprocal_rank_of_the_first_match_with_zero_for_none():
    questions = [question(by_minute("1"), id="a"), question(by_minute("2"), id="b"), question(by_minute("9"), id="c")]
    top = answer(result(minute="1"), result(minute="2"), result(minute="2"))

    report = scored(questions, {q.question: top for q in questions})

    assert report.figures()["mrr"] == pytest.approx((1 + 1 / 2 + 0) / 3)


def test_facts_are_found_in_any_case_in_the_results_text():
    q = question(by_minute("86"), facts=("£42,089", "domestic homicide"))
    top = answer(result(minute="86", text="Allocation increased to £42,089"), result(text="DOMESTIC HOMICIDE reviews"))

    assert scored([q], {q.question: top}).figures()["fact@5"] == 1.0


def test_a_fact_only_in_the_resolutions_does_not_count():
    q = question(by_minute("86"), facts=("£42,089",))
    top = answer(result(minute="86", text="The Board discussed reviews.", resolutions=["(b) increased to £42,089"]))

    report = scored([q], {q.question: top})

    assert report.figures()["fact@5"] == 0.0
    assert report.misses[0].failures == (FACT_MISSING,)


def test_abstaining_counts_only_for_questions_the_minutes_do_not_answer():
    unanswerable = [question(id="n1"), question(id="n2")]
    answerable = question(by_minute("1"), id="p1")
    answers = {
        "question n1?": answer(answered=False),
        "question n2?": answer(result(minute="1")),
        "question p1?": answer(answered=False),
    }

    report = scored([*unanswerable, answerable], answers)

    figures = report.figures()
    assert (figures["abstained"], figures["unanswerable"]) == (1, 2)
    assert (figures["answerable"], figures["cite@5"], figures["abstained_wrongly"]) == (1, 0.0, 1)
    assert {o.question.id: o.failures for o in report.misses} == {"n2": (SHOULD_ABSTAIN,), "p1": (WRONG_ABSTAIN,)}


# The question file


def test_questions_are_read_with_their_expectations_and_facts(tmp_path):
    path = tmp_path / "questions.jsonl"
    line = {"id": "p3", "question": "Budget?", "expect": [{"date": "2016-06-08", "minute": "86"}], "facts": ["42"]}
    path.write_text(json.dumps(line) + "\n\n")

    assert load_questions(path) == [Question("p3", "Budget?", (by_minute("86"),), ("42",))]


def test_a_malformed_question_line_is_rejected_naming_the_file_and_line(tmp_path):
    path = tmp_path / "questions.jsonl"
    good = json.dumps({"id": "a", "question": "Why?", "expect": [], "facts": []})
    path.write_text(f"{good}\n{good}\n{{not json\n")

    with pytest.raises(ValueError, match=re.escape(f"{path}:3")):
        load_questions(path)


# The baseline


def test_the_baseline_cuts_1000_character_windows_overlapping_by_200():
    cut = windows("x" * 2500)

    assert [(w.start, w.end) for w in cut] == [(0, 1000), (800, 1800), (1600, 2500)]


def test_a_window_is_credited_to_the_item_it_overlaps_most_and_ties_to_the_first():
    items = [Item(title="A", line_start=1, line_end=4), Item(title="B", line_start=5, line_end=8)]

    assert attribute(Window(0, 1000, 3, 9), items).title == "B"
    assert attribute(Window(0, 1000, 3, 6), items).title == "A"


def test_the_baseline_returns_raw_windows_cited_as_the_item_they_overlap_most(tmp_path):
    engine = open_engine(f"sqlite:///{tmp_path / 'memory.db'}")
    ingest_file(engine, HARBOUR)
    text = HARBOUR.read_text(encoding="utf-8")

    found = GenericBaseline.build(engine, HashingEmbedder(dim=64)).ask("youth bus on Fridays", k=5)

    # The opening window holds the preamble and three short minutes, but most lines of Minute 48/24.
    assert found["answered"] is True
    assert sorted(r["text"] for r in found["results"]) == sorted([text[:1000], text[800:]])
    assert {(r["meeting_date"], r["minute"], r["kind"]) for r in found["results"]} == {
        ("2024-03-05", "48/24", "minutes")
    }
    assert all(r["resolutions"] == [] for r in found["results"])
