"""`boardmem restore` against a running `boardmem ingest`: refused (or made to wait) until the ingest's work is done.

Real processes throughout. The test holds the search index's rebuild lock, which keeps the ingest in its last
step (indexing) for as long as the test needs: every document stored and reported, the command not finished.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.settings import load_bot_config
from corpus.backup import backup_database
from corpus.ingest import ingest_paths
from corpus.lock import writing
from corpus.models import Document
from corpus.settings import REPO_ROOT
from corpus.store import open_engine
from retrieval.index import rebuilding
from tests.seeds import FIXTURES

HARBOUR = FIXTURES / "harbour_town_2024-03-05.txt"
NORTHBROOK = FIXTURES / "northbrook_parish_2024-02-12.txt"


def write_minutes(folder: Path, count: int) -> list[Path]:
    """`count` sets of minutes of the same partnership, each of its own meeting date."""
    folder.mkdir()
    text = HARBOUR.read_text()
    paths = []
    for n in range(count):
        day = dt.date(2021, 1, 5) + dt.timedelta(weeks=n)
        paths.append(folder / f"harbour_{day}.txt")
        paths[-1].write_text(text.replace("Tuesday 5 March 2024", f"{day.day} {day:%B %Y}"))
    return paths


def boardmem(data_dir: Path, *argv: str) -> subprocess.Popen[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("BOARDMEM_")}
    env |= {"BOARDMEM_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "bot.cli", *argv]
    return subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stored_paths(engine: Engine) -> set[str]:
    with Session(engine) as session:
        return set(session.exec(select(Document.path)).all())


def memory_with_one_document(data_dir: Path) -> Engine:
    engine = open_engine(load_bot_config(env={"BOARDMEM_DATA_DIR": str(data_dir)}).resolved_database_url)
    ingest_paths(engine, [NORTHBROOK])
    return engine


def test_restore_is_refused_while_an_ingest_is_indexing_and_every_document_it_added_stays(tmp_path):
    data_dir = tmp_path / "data"
    engine = memory_with_one_document(data_dir)
    backup_database(str(engine.url), tmp_path / "earlier.bak")
    folder = write_minutes(tmp_path / "minutes", 7)[0].parent

    with rebuilding(load_bot_config(env={"BOARDMEM_DATA_DIR": str(data_dir)}).index_dir):
        ingest = boardmem(data_dir, "ingest", str(folder))
        assert ingest.stdout is not None
        reported = [ingest.stdout.readline() for _ in range(7)]
        restore = boardmem(data_dir, "restore", str(tmp_path / "earlier.bak"))
        restore_out, restore_err = restore.communicate(timeout=120)
    _, ingest_err = ingest.communicate(timeout=120)

    assert restore.returncode == 2, restore_out + restore_err
    assert "another process (an ingest) is writing the memory; nothing was restored" in restore_err
    assert ingest.returncode == 0, ingest_err
    added = {str(Path(line.split()[1]).resolve()) for line in reported if line.startswith("added")}
    assert len(added) == 7, reported
    assert added <= stored_paths(engine)
    engine.dispose()


def test_restore_with_wait_waits_for_the_writer_to_finish_then_restores(tmp_path):
    data_dir = tmp_path / "data"
    engine = memory_with_one_document(data_dir)
    backup_database(str(engine.url), tmp_path / "earlier.bak")
    ingest_paths(engine, [HARBOUR])  # written after the backup: the restore takes it away

    with writing(engine):  # this test's process is the writer the restore's process waits for
        restore = boardmem(data_dir, "restore", "--wait", "60", str(tmp_path / "earlier.bak"))
        assert restore.stderr is not None
        waiting = restore.stderr.readline()
    out, err = restore.communicate(timeout=120)

    assert "is writing the memory; waiting up to 60 s" in waiting
    assert restore.returncode == 0, err
    assert "restored" in out
    assert stored_paths(engine) == {str(NORTHBROOK.resolve())}
    engine.dispose()
