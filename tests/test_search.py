"""Search behaviour, on the seeds with a deterministic bag-of-words embedder in place of the model."""

import pytest

from retrieval.index import ensure_index
from retrieval.search import Searcher, SearchSettings
from tests.fakes import HashingEmbedder


@pytest.fixture(scope="module")
def searcher(memory, tmp_path_factory):
    embedder = HashingEmbedder()
    index = ensure_index(memory, tmp_path_factory.mktemp("fake-index"), embedder, approximate_above=50_000)
    return Searcher(index, embedder, SearchSettings())


def citations(answer):
    return [(r.meeting_date.isoformat(), r.minute, r.item_title) for r in answer.results]


def test_each_item_appears_once_however_many_of_its_chunks_match(searcher):
    answer = searcher.ask("Domestic Homicide Reviews budget contributions", k=10)

    # An item's agenda entry and its minute share a title and date but are two items.
    items = [r.item_id for r in answer.results]
    assert len(items) == len(set(items))


def test_a_minute_reference_is_looked_up_exactly(searcher):
    answer = searcher.ask("minute 86")

    assert citations(answer)[0] == ("2016-06-08", "86", "Domestic Homicide Reviews")


def test_a_minute_and_letter_shows_that_resolution(searcher):
    answer = searcher.ask("what did 86(b) decide")

    assert answer.results[0].minute == "86"
    assert answer.results[0].text.startswith("(b) That the allocation") and "£42,089" in answer.results[0].text


def test_a_date_in_the_question_prefers_that_meeting(searcher):
    answer = searcher.ask("Election of Deputy Chairman in June 2019")

    assert citations(answer)[0][:2] == ("2019-06-14", "2")


def test_words_the_minutes_never_use_get_not_in_the_record(searcher):
    answer = searcher.ask("Who won the Best Kept Village award for hanging baskets?")

    assert not answer.answered and answer.results == []


def test_results_carry_their_items_resolutions(searcher):
    answer = searcher.ask("Cybercrime strategic priority")

    top = answer.results[0]
    assert "cyber" in top.item_title.lower()
    assert any("strategic priority" in r for r in top.resolutions)


def test_paging_continues_where_the_first_page_stopped(searcher):
    first = searcher.ask("Leicestershire Police", k=3)
    second = searcher.ask("Leicestershire Police", k=3, offset=3)

    assert first.more and [r.rank for r in second.results] == [4, 5, 6]
    assert not set(citations(first)) & set(citations(second))


def test_answer_json_has_the_stable_shape(searcher):
    payload = searcher.ask("Operation Nitrox legal highs").to_json()

    assert set(payload) == {
        "query",
        "answered",
        "confidence",
        "caveat",
        "answer",
        "supporting",
        "corrected",
        "results",
    }
    assert set(payload["results"][0]) == {
        "rank",
        "citation",
        "quote",
        "meeting_date",
        "body",
        "minute",
        "item_title",
        "parent_title",
        "title_derived",
        "kind",
        "text",
        "resolutions",
        "score",
        "source",
        "item_id",
    }
    assert payload["results"][0]["kind"] in {"minutes", "resolution", "report", "agenda", "action_log"}


def test_a_misspelt_word_is_read_as_the_word_the_minutes_use(searcher):
    answer = searcher.ask("domestic homocide reviews")

    assert answer.corrected == {"homocide": "homicide"}
    assert answer.results[0].item_title == "Domestic Homicide Reviews"


def test_a_year_without_minutes_is_answered_as_uncertain_with_the_reason(searcher):
    answer = searcher.ask("Who was elected Chairman in 2021?")

    assert answer.answered and answer.confidence == "uncertain"
    assert "time you asked about" in answer.caveat


def test_a_cost_the_minutes_never_give_is_answered_as_uncertain(searcher):
    answer = searcher.ask("How much did the new Sexual Assault Referral Centre cost?")

    assert answer.confidence == "uncertain" and "no amount" in answer.caveat


def test_a_plain_answerable_question_is_confident(searcher):
    answer = searcher.ask("What was the Domestic Homicide Review budget allocation increased to?")

    lead = answer.results[0]
    assert answer.confidence == "confident" and "42,089" in lead.quote + " ".join(lead.resolutions)
