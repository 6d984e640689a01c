"""What a question asks for weighs the ranking: a date, a month, an office, decisions, the latest.

Small sets of minutes are written here, each pair of items alike in words, so only the weight
a question's cue gives decides which leads.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from corpus.ingest import ingest_file
from retrieval.index import ensure_index
from retrieval.search import Searcher, SearchSettings
from tests.fakes import HashingEmbedder


def minutes(folder: Path, date: dt.date, items: list[tuple[str, str]], first: int = 1) -> Path:
    """A plain set of numbered minutes of one meeting, written as a parish clerk would."""
    lines = [
        "WESTBROOK PARISH COUNCIL",
        "",
        f"MINUTES of the meeting of Westbrook Parish Council held on {date:%A} {date.day} {date:%B %Y} "
        "at 7.00 pm in the Village Hall",
        "",
    ]
    for number, (title, text) in enumerate(items, start=first):
        lines += [f"{number}. {title}", "", text, ""]
    path = folder / f"westbrook_{date.isoformat()}.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def ask(engine, tmp_path):
    """Ingests the given minutes and returns a function asking the memory, citations of the results."""

    def build(*documents: Path):
        for document in documents:
            ingest_file(engine, document)
        embedder = HashingEmbedder()
        index = ensure_index(engine, tmp_path / "index", embedder, approximate_above=50_000)

        def asking(question: str, settings: SearchSettings | None = None, **options) -> list[tuple[str, str]]:
            answer = Searcher(index, embedder, settings).ask(question, **options)
            return [(r.meeting_date.isoformat(), r.item_title) for r in answer.results]

        def weights(question: str, **neutral) -> dict[tuple[str, str], float]:
            """Each result's score as a share of its score with the given weights set to have no effect."""
            weighed = Searcher(index, embedder).ask(question).results
            plain = {
                r.item_id: r.score for r in Searcher(index, embedder, SearchSettings(**neutral)).ask(question).results
            }
            return {(r.meeting_date.isoformat(), r.item_title): round(r.score / plain[r.item_id], 6) for r in weighed}

        asking.weights = weights

        return asking

    return build


FOOTPATH = [("Footpath Repairs", "The Clerk reported that the footpath by the church had been resurfaced.")]
# The same business reported at more length: closer in words to a question about it.
FOOTPATH_AT_LENGTH = [
    (
        "Footpath Repairs",
        "Footpath repairs: the Clerk reported on footpath repairs by the church, and further footpath repairs "
        "by the school.",
    )
]


def test_a_plain_office_question_prefers_the_office_to_its_deputy(ask, tmp_path):
    asking = ask(
        minutes(
            tmp_path,
            dt.date(2023, 5, 16),
            [
                ("Election of Vice-Chairman", "Councillor Ruth Hale was elected Vice-Chairman for the year."),
                ("Election of Chairman", "Councillor Dev Patel will serve as Chairman for the year."),
            ],
        )
    )

    # By its words alone the deputy's election answers best; the office asked for decides.
    assert asking("Who was elected chairman?", SearchSettings(other_office=1.0))[0][1] == "Election of Vice-Chairman"
    assert asking("Who was elected chairman?")[0][1] == "Election of Chairman"
    assert asking("Who was elected vice-chairman?")[0][1] == "Election of Vice-Chairman"


@pytest.mark.parametrize(
    ("question", "boosted", "boost"),
    [
        ("footpath repairs on 7 March 2023", "2023-03-07", SearchSettings().date_boost),
        ("footpath repairs in March 2023", "2023-03-07", SearchSettings().month_boost),
        ("footpath repairs in 2023", "2023-03-07", SearchSettings().year_boost),
    ],
)
def test_the_meeting_of_the_date_month_or_year_asked_is_weighed_up(ask, tmp_path, question, boosted, boost):
    asking = ask(
        minutes(tmp_path, dt.date(2023, 3, 7), FOOTPATH),
        minutes(tmp_path, dt.date(2022, 9, 6), FOOTPATH_AT_LENGTH, first=20),
    )

    weights = asking.weights(question, date_boost=1.0, month_boost=1.0, year_boost=1.0)

    assert weights == {(boosted, "Footpath Repairs"): pytest.approx(boost), ("2022-09-06", "Footpath Repairs"): 1.0}
    assert asking(question)[0][0] == boosted


@pytest.mark.parametrize("older_first", [True, False])
def test_asking_for_the_latest_puts_the_newest_meeting_first(ask, tmp_path, older_first):
    older = minutes(tmp_path, dt.date(2021, 3, 9), FOOTPATH_AT_LENGTH)
    newer = minutes(tmp_path, dt.date(2023, 3, 7), FOOTPATH, first=20)
    asking = ask(*((older, newer) if older_first else (newer, older)))
    question = "what is the latest on the footpath repairs"

    assert [date for date, _ in asking(question, SearchSettings(recent_boost=0.0))] == ["2021-03-09", "2023-03-07"]
    assert [date for date, _ in asking(question)] == ["2023-03-07", "2021-03-09"]


def test_minutes_titled_with_the_date_asked_about_are_weighed_up(ask, tmp_path):
    asking = ask(
        minutes(
            tmp_path,
            dt.date(2023, 10, 3),
            [
                ("Minutes of the meeting held on 12 September 2023", "The minutes were confirmed as a correct record."),
                ("Minutes of the Allotments Committee", "The minutes were confirmed as a correct record."),
            ],
        )
    )
    question = "Were the minutes of 12 September 2023 confirmed?"

    weights = asking.weights(question, month_boost=1.0)

    # Weighed up twice: titled with the date, and speaking of a time no meeting was held in.
    boost = SearchSettings().month_boost
    assert weights[("2023-10-03", "Minutes of the meeting held on 12 September 2023")] == pytest.approx(boost**2)
    assert weights[("2023-10-03", "Minutes of the Allotments Committee")] == 1.0
    assert asking(question)[0][1] == "Minutes of the meeting held on 12 September 2023"


def test_a_decision_question_prefers_the_item_that_resolved_something(ask, tmp_path):
    asking = ask(
        minutes(
            tmp_path,
            dt.date(2023, 6, 6),
            [
                (
                    "Play Area Fencing",
                    "Members discussed the play area fencing, and what the play area fencing would cost.",
                ),
                (
                    "Fencing Quotes",
                    "Members discussed the quotes.\n\nRESOLVED: That the quote of £2,400 for the play area fencing be "
                    "accepted.",
                ),
            ],
        )
    )
    question = "What did we resolve on the play area fencing?"

    assert asking(question, SearchSettings(decision_boost=1.0))[0][1] == "Play Area Fencing"
    assert asking(question)[0][1] == "Fencing Quotes"
