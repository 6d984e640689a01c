"""The evaluation scores answers fairly, and the baseline it compares against is plain fixed-window RAG."""

import datetime as dt
import json
import re

import pytest

from corpus.ingest import ingest_file
from corpus.models import Item
from corpus.store import open_engine
from retrieval.baseline import BM25Baseline, GenericBaseline, Window, attribute, windows
from retrieval.evaluate import (
    FACT_MISSING,
    NO_CITATION,
    NOT_FIRST,
    SHOULD_ABSTAIN,
    WRONG_ABSTAIN,
    CorpusFigures,
    Expectation,
    Question,
    abstention_summary,
    compare,
    format_run,
    load_questions,
    matches,
    score,
    score_files,
    tune_cutoff,
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


def answer(*results, answered=True, confidence=None):
    found = {"query": "q", "answered": answered, "results": [{"rank": i, **r} for i, r in enumerate(results, 1)]}
    return found | ({"confidence": confidence} if confidence else {})


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


def test_an_uncertain_answer_to_an_unanswerable_question_is_held_back_not_a_miss():
    unanswerable = [question(id="n1"), question(id="n2"), question(id="n3")]
    answers = {
        "question n1?": answer(answered=False),
        "question n2?": answer(result(minute="1"), confidence="uncertain"),
        "question n3?": answer(result(minute="1"), confidence="confident"),
    }

    report = scored(unanswerable, answers)

    figures = report.figures()
    assert (figures["abstained"], figures["uncertain"], figures["held_back"], figures["unanswerable"]) == (1, 1, 2, 3)
    assert [o.question.id for o in report.misses] == ["n3"]


def test_an_uncertain_answer_to_an_answerable_question_is_still_scored_as_an_answer():
    q = question(by_minute("1"), facts=("budget",))
    top = answer(result(minute="1", text="The budget was set."), confidence="uncertain")

    figures = scored([q], {q.question: top}).figures()

    assert (figures["cite@1"], figures["fact@5"], figures["abstained_wrongly"]) == (1.0, 1.0, 0)
    assert figures["uncertain_on_answerable"] == 1


def test_an_answer_without_a_confidence_counts_as_confident():
    q = question(id="n1")

    report = scored([q], {q.question: answer(result(minute="1"))})

    assert (report.figures()["held_back"], report.misses[0].failures) == (0, (SHOULD_ABSTAIN,))


def test_false_abstention_is_the_share_of_answerable_questions_abstained_on():
    answerable = [question(by_minute("1"), id=f"p{n}") for n in range(4)]
    answers = {q.question: answer(result(minute="1")) for q in answerable[1:]}
    answers[answerable[0].question] = answer(answered=False)

    assert scored(answerable, answers).figures()["false_abstention"] == 0.25


def test_the_abstention_summary_counts_uncertain_answers_as_held_back_and_gives_the_false_abstention_share():
    figures = {
        "abstained": 7,
        "uncertain": 2,
        "held_back": 9,
        "unanswerable": 10,
        "abstained_wrongly": 3,
        "answerable": 93,
        "false_abstention": 3 / 93,
        "uncertain_on_answerable": 0,
    }

    assert abstention_summary(figures) == (
        "abstention 7/10 on unanswerable (+2 marked uncertain = 9/10 held back); "
        "abstained wrongly on 3 of 93 answerable (3%)"
    )


def test_abstaining_wrongly_more_often_puts_a_system_behind_on_false_abstention():
    q = question(by_minute("1"))
    cautious = scored([q], {q.question: answer(answered=False)})
    bold = scored([q], {q.question: answer(result(minute="1"))})

    assert "false abstention" in compare(cautious, bold)["behind"]
    assert "false abstention" in compare(bold, cautious)["ahead"]


# The baseline's cut-off


def test_the_cutoff_is_the_highest_that_abstains_on_at_most_a_tenth_of_the_answerable_questions():
    tops = [0.9, 0.3, 0.8, 0.5, 0.7, 0.6, 0.4, 0.85, 0.75, 0.65]  # ten: one may be dropped

    cutoff = tune_cutoff(tops)

    assert cutoff == 0.4
    assert sum(t < cutoff for t in tops) == 1


def test_the_cutoff_abstains_on_none_when_a_tenth_is_less_than_one_question():
    assert tune_cutoff([0.6, 0.5, 0.7]) == 0.5


def test_questions_tied_at_the_cutoff_are_answered():
    tops = [0.5] * 5 + [0.2] + [0.9] * 4

    cutoff = tune_cutoff(tops)

    assert cutoff == 0.5
    assert sum(t < cutoff for t in tops) == 1


def test_there_is_no_cutoff_without_answerable_questions_to_tune_it_on():
    assert tune_cutoff([]) is None


def test_the_baseline_abstains_when_its_best_window_is_below_the_cutoff(tmp_path):
    engine = open_engine(f"sqlite:///{tmp_path / 'memory.db'}")
    ingest_file(engine, HARBOUR)
    baseline = GenericBaseline.build(engine, HashingEmbedder(dim=64))
    best = baseline.ask("youth bus on Fridays")["results"][0]["score"]

    baseline.cutoff = best
    assert baseline.ask("youth bus on Fridays")["answered"] is True
    baseline.cutoff = best + 0.0001
    assert baseline.ask("youth bus on Fridays") == {"query": "youth bus on Fridays", "answered": False, "results": []}


# Several question files in one run


def harbour_run(tmp_path, questions_by_file, ours):
    engine = open_engine(f"sqlite:///{tmp_path / 'memory.db'}")
    ingest_file(engine, HARBOUR)
    baseline = GenericBaseline.build(engine, HashingEmbedder(dim=64))
    return score_files(questions_by_file, lambda text: ours[text], baseline)


def test_each_question_file_is_scored_on_its_own_with_one_cutoff_tuned_on_them_all(tmp_path):
    answerable = [question(Expectation(dt.date(2024, 3, 5), minute="48/24"), id=f"p{n}") for n in range(3)]
    negatives = [question(id="n1"), question(id="n2")]
    ours = {q.question: answer(result(date="2024-03-05", minute="48/24")) for q in answerable}
    ours |= {"question n1?": answer(answered=False), "question n2?": answer(result(), confidence="uncertain")}

    run = harbour_run(tmp_path, {tmp_path / "a.jsonl": answerable, tmp_path / "n.jsonl": negatives}, ours)

    assert [f.path.name for f in run.files] == ["a.jsonl", "n.jsonl"]
    assert [(f.ours.figures()["answerable"], f.ours.figures()["unanswerable"]) for f in run.files] == [(3, 0), (0, 2)]
    assert run.files[1].ours.figures()["held_back"] == 2
    # Three answerable questions allow no false abstention: the cut-off is their lowest top score.
    assert run.cutoff is not None
    assert all(o.answered for o in run.files[0].theirs.outcomes)


def test_a_run_of_several_files_prints_each_files_misses_and_figures_then_the_cutoff(tmp_path):
    answerable = [question(Expectation(dt.date(2024, 3, 5), minute="48/24"), id="p1")]
    negatives = [question(id="n1")]
    ours = {"question p1?": answer(answered=False), "question n1?": answer(result(), confidence="uncertain")}
    run = harbour_run(tmp_path, {tmp_path / "a.jsonl": answerable, tmp_path / "n.jsonl": negatives}, ours)

    printed = format_run(CorpusFigures(1, 1, 4), run)

    assert f"== {tmp_path / 'a.jsonl'} ==" in printed and f"== {tmp_path / 'n.jsonl'} ==" in printed
    assert "p1 [abstained wrongly]" in printed
    assert "== all 2 files ==" in printed
    assert printed.count("Board Memory    ") == 3  # a figures row for each file, and for all of them
    assert printed.splitlines()[-1].startswith(f"baseline cut-off {run.cutoff:.4f}, tuned on these questions")


def test_a_single_file_prints_no_file_headings(tmp_path):
    negatives = [question(id="n1")]
    run = harbour_run(tmp_path, {tmp_path / "n.jsonl": negatives}, {"question n1?": answer(answered=False)})

    printed = format_run(CorpusFigures(1, 1, 4), run)

    assert "==" not in printed
    assert printed.splitlines()[-1].startswith("baseline cut-off: none")


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


def attendance_question(date="2016-06-08", facts=("Ames",)):
    return Question("a1", "who sent apologies?", (Expectation(dt.date.fromisoformat(date)),), facts, "attendance")


def test_an_attendance_question_is_right_when_the_first_result_is_that_meeting_and_names_them():
    q = attendance_question()
    report = scored([q], {q.question: answer(result(text="Apologies: Cllr Ames"))})
    assert (report.figures()["attendance_right"], report.figures()["attendance"]) == (1, 1)


def test_an_attendance_answer_from_another_meeting_is_wrong_though_it_names_them():
    q = attendance_question()
    report = scored([q], {q.question: answer(result(date="2016-09-01", text="Apologies: Cllr Ames"))})
    assert report.figures()["attendance_right"] == 0


def test_attendance_questions_are_kept_out_of_the_citation_figures():
    q = attendance_question()
    report = scored([q], {q.question: answer(result(text="nobody"))})
    assert report.figures()["answerable"] == 0


def test_an_attendance_question_needs_only_the_meeting_date(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "a",
                "question": "who chaired?",
                "kind": "attendance",
                "expect": [{"date": "2019-03-05"}],
                "facts": ["Brown"],
            }
        )
        + "\n"
    )
    assert load_questions(path)[0].attendance


def test_fact_at_1_asks_the_facts_of_the_first_result_alone():
    q = question(by_minute("86"), facts=("swings",))
    report = scored([q], {q.question: answer(result(minute="86", text="other"), result(text="the swings"))})
    assert (report.figures()["fact@1"], report.figures()["fact@5"]) == (0.0, 1.0)


def test_the_bm25_baseline_ranks_the_same_windows_by_their_words(tmp_path):
    engine = open_engine(f"sqlite:///{tmp_path / 'memory.db'}")
    ingest_file(engine, HARBOUR)

    found = BM25Baseline.build(engine).ask("youth bus on Fridays", k=5)

    assert found["answered"] and "bus" in found["results"][0]["text"].lower()
    assert BM25Baseline.build(engine).ask("zzzz qqqq", k=5)["results"] == []
