"""The `boardmem` command end to end on the bundled corpus, with the stable JSON shapes."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main


@pytest.fixture(autouse=True)
def embedded_already(real_service):
    """Each test gets a fresh data folder, but with the seeds' embeddings cached (no model load)."""
    config, _ = real_service
    data_dir = Path(os.environ["BOARDMEM_DATA_DIR"])
    data_dir.mkdir(parents=True, exist_ok=True)
    for cache in config.data_dir.glob("embeddings-*"):
        shutil.copy(cache, data_dir / cache.name)


@pytest.fixture
def ingested(capsys):
    assert main(["ingest"]) == 0
    capsys.readouterr()


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_ingest_with_no_path_reads_the_bundled_corpus_and_reports_each_file(capsys):
    status, out, _ = run(capsys, "ingest")

    assert status == 0
    assert out.count("added") == 5 and "agenda-pack" in out


def test_ingest_reports_what_it_found_in_each_document(capsys):
    status, out, _ = run(capsys, "ingest")

    assert status == 0
    assert "minutes: 15 items, " in out and " resolutions, " in out and " attendees, " in out and " tables; " in out


def test_ingest_json_reports_shape_counts_and_notes_per_document(capsys, tmp_path):
    page = tmp_path / "minutes.txt"
    page.write_text(
        "Meeting held on 3 March 2022\n\n1. Apologies\n\nNone.\n\n2. Budget\n\nRESOLVED: That it be approved.\n"
    )

    status, out, _ = run(capsys, "ingest", str(page), "--json")

    (report,) = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    assert (report["shape"], report["file_format"], report["items"], report["resolutions"]) == ("generic", "text", 2, 1)
    assert report["tables"] == 0 and report["attendance"] == 0
    assert any("no board name" in note for note in report["warnings"])


def test_ingest_twice_reports_unchanged(capsys, ingested):
    status, out, _ = run(capsys, "ingest")

    assert status == 0 and out.count("unchanged") == 5


def test_ingest_of_a_bad_file_exits_non_zero_naming_it(capsys, tmp_path):
    bad = tmp_path / "blank.txt"
    bad.write_text("")

    status, _, err = run(capsys, "ingest", str(bad))

    assert status == 1 and "blank.txt" in err and "empty" in err


def test_meetings_json_has_the_stable_shape(capsys, ingested):
    status, out, _ = run(capsys, "meetings", "--json")
    meetings = json.loads(out)

    assert status == 0
    assert set(meetings[0]) == {"date", "time", "venue", "status", "body", "items", "minute_numbers"}
    june = next(m for m in meetings if m["date"] == "2016-06-08")
    assert june["time"] == "10:00" and june["status"] == "held" and june["items"] == 15
    assert june["minute_numbers"][0] == "78" and june["minute_numbers"][-1] == "92"


def test_meetings_never_calls_a_past_meeting_scheduled(capsys, ingested):
    status, out, _ = run(capsys, "meetings", "--json")
    states = {m["date"]: m["status"] for m in json.loads(out)}

    assert status == 0 and states["2019-06-14"] == "held"
    assert states["2020-12-11"] == "past, no minutes"  # announced, then nothing more was heard of it
    assert "scheduled" not in states.values()


def test_show_one_minute_as_json(capsys, ingested):
    status, out, _ = run(capsys, "show", "2016-06-08", "86", "--json")
    item = json.loads(out)

    assert status == 0
    assert set(item) == {
        "meeting_date",
        "minute",
        "item_title",
        "title_derived",
        "section",
        "text",
        "resolutions",
        "source",
    }
    assert (item["meeting_date"], item["minute"], item["item_title"]) == (
        "2016-06-08",
        "86",
        "Domestic Homicide Reviews",
    )
    assert [r["label"] for r in item["resolutions"]] == ["(a)", "(b)", "(c)"]
    assert item["source"] == "000_d50b414b47cadb9a.txt:126-143"


def test_show_a_meeting_lists_its_items_as_json(capsys, ingested):
    status, out, _ = run(capsys, "show", "2020-06-26", "--json")
    items = json.loads(out)

    assert status == 0 and len(items) == 17
    assert items[3]["item_title"] == "LSCSB Action Log" and items[3]["title_derived"] is True


def test_show_finds_an_item_by_title_words(capsys, ingested):
    status, out, _ = run(capsys, "show", "26 June 2020", "glen parva")

    assert status == 0
    assert "26 June 2020 · Ministry of Justice Update - New prison at Glen Parva" in out
    assert "spring 2023" in out


def test_show_an_unknown_date_says_so_and_suggests_the_nearest(capsys, ingested):
    status, _, err = run(capsys, "show", "2016-06-09")

    assert status == 1
    assert "no meeting on 2016-06-09" in err and "2016-06-08" in err


def test_show_an_unreadable_date_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["show", "someday"])

    assert exit_.value.code == 2
    assert "not a date" in capsys.readouterr().err


def test_run_without_a_token_ingests_then_serves_the_console_chat(capsys, monkeypatch):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.setattr("sys.stdin", Terminal("/meeting last\nquit\n"))

    status, out, err = run(capsys, "run")

    assert status == 0
    assert "added" in out
    assert "Rebuilding the search index: no index yet." in err and "Loaded 12 meetings" in err
    assert "26 June 2020" in out  # the console answered /meeting last


def test_bot_without_a_token_says_how_to_give_one(capsys, monkeypatch):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)

    status, _, err = run(capsys, "bot")

    assert status == 2 and "TELEGRAM_BOT_TOKEN" in err


def test_ingest_builds_the_search_index(capsys):
    status, out, _ = run(capsys, "ingest")

    assert status == 0 and "indexed" in out and "chunks" in out


def test_ask_prints_cited_results(capsys, ingested):
    status, out, _ = run(capsys, "ask", "What was the Domestic Homicide Review budget allocation increased to?")

    assert status == 0
    assert "Minute 86 · 8 June 2016 · Domestic Homicide Reviews" in out and "42,089" in out


def test_ask_json_has_the_stable_shape(capsys, ingested):
    status, out, _ = run(capsys, "ask", "What is Operation Nitrox?", "--json", "--k", "2")
    answer = json.loads(out)

    assert status == 0 and answer["answered"] is True and len(answer["results"]) == 2
    assert answer["results"][0]["meeting_date"] == "2015-09-17"


def test_ask_says_when_the_minutes_do_not_cover_it(capsys, ingested):
    status, out, _ = run(capsys, "ask", "Who won the Best Kept Village award?")

    assert status == 0 and "Nothing in the minutes about that." in out


def test_ask_batch_answers_each_line_with_one_json_object(capsys, ingested, tmp_path):
    questions = tmp_path / "questions.txt"
    questions.write_text("What is Operation Lionheart?\n\nHow much did the new swimming pool cost?\n")

    status, out, _ = run(capsys, "ask", "--batch", str(questions))
    answers = [json.loads(line) for line in out.splitlines()]

    assert status == 0
    assert [a["answered"] for a in answers] == [True, False]


def test_actions_csv_gives_the_clerk_one_row_per_follow_up_with_citations(capsys, ingested):
    status, out, _ = run(capsys, "actions", "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))

    assert status == 0 and list(rows[0]) == ["id", "owner", "text", "status", "due", "created_at", "closed_by"]
    (logged,) = [r for r in rows if "IOM & PPO" in r["text"]]
    assert logged["owner"] == "Rik Basra" and logged["status"] == "done (Green)"
    assert logged["created_at"] == "Minute 9 · 14 June 2019 · LSCSB Performance Update - Quarter 4"
    assert logged["closed_by"].startswith("action log (Action log · 20 September 2019")
    assert all(r["closed_by"] == "" for r in rows if not r["status"].startswith("done"))


def test_actions_json_has_the_stable_shape(capsys, ingested):
    status, out, _ = run(capsys, "actions", "--open", "--owner", "basra", "--json")
    actions = json.loads(out)

    assert status == 0 and actions
    assert set(actions[0]) == {"id", "text", "owner", "due", "status", "rag", "source", "history"}
    assert set(actions[0]["source"]) == {"meeting_date", "minute", "item_title"}
    assert all(a["status"] != "done" and "Basra" in a["owner"] for a in actions)


class Terminal(io.StringIO):
    """Typed input at a terminal: `run` chats only when someone is there to type."""

    def isatty(self) -> bool:
        return True


def test_run_without_a_token_or_a_terminal_exits_non_zero_saying_how_to_set_the_token(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    env |= {"HF_HUB_OFFLINE": "1", "BOARDMEM_DATA_DIR": str(tmp_path / "data")}

    finished = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
    )

    assert finished.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in finished.stderr and "no terminal" in finished.stderr
    assert not (tmp_path / "data" / "boardmem.db").exists()  # refused before reading anything
