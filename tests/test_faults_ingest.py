"""Ingest under faults: concurrent runs, link loops, pipes, unreadable folders, wide text, a full disk, huge files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlmodel import Session, func, select

from corpus.ingest import MEGABYTE, ingest_file, ingest_paths
from corpus.lock import writing
from corpus.models import Document, Item, Meeting, Resolution
from corpus.settings import REPO_ROOT
from corpus.store import open_engine
from tests.seeds import BUNDLED, FIXTURES

HARBOUR = FIXTURES / "harbour_town_2024-03-05.txt"
NORTHBROOK = FIXTURES / "northbrook_parish_2024-02-12.txt"

# One `boardmem ingest` of the bundled corpus, printing each outcome's status and path as JSON.
INGEST_BUNDLED = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from corpus.ingest import ingest_paths
    from corpus.manifest import load_manifest
    from corpus.store import open_engine

    folder = Path(sys.argv[2])
    outcomes = ingest_paths(open_engine(sys.argv[1]), [folder], manifest=load_manifest(folder / "manifest.toml"))
    print(json.dumps([(o.path, o.status, o.message) for o in outcomes]))
    """
)


def counts(engine) -> dict[str, int]:
    with Session(engine) as session:
        return {t.__name__: session.exec(select(func.count()).select_from(t)).one() for t in (Document, Item, Meeting)}


def test_two_ingests_started_together_both_finish_and_store_each_document_once(database_url):
    url = database_url
    command = [sys.executable, "-c", INGEST_BUNDLED, url, str(BUNDLED)]
    runs = [subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [(run.wait(timeout=300), *run.communicate()) for run in runs]

    assert [code for code, _, _ in results] == [0, 0], [err.decode()[-2000:] for _, _, err in results]
    statuses = [status for _, out, _ in results for _path, status, _message in json.loads(out)]
    assert sorted(statuses) == ["added"] * 5 + ["unchanged"] * 5
    assert counts(open_engine(url))["Document"] == 5


@contextmanager
def lock_held_by_another_thread(engine) -> Iterator[None]:
    """The memory's write lock, held by another thread until the block ends (in this one it is re-entrant)."""
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        with writing(engine):
            taken.set()
            release.wait()

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait()
    try:
        yield
    finally:
        release.set()
        holder.join()


def test_an_ingest_that_cannot_get_the_lock_says_so_and_writes_nothing(engine):
    messages: list[str] = []
    with lock_held_by_another_thread(engine):
        (outcome,) = ingest_paths(engine, [HARBOUR], lock_wait=0.3, log=messages.append)

    assert outcome.status == "failed"
    assert "another ingest" in outcome.message and "try again" in outcome.message
    assert "waiting up to" in messages[0]
    assert counts(engine)["Document"] == 0


def test_a_symbolic_link_loop_is_reported_and_the_files_after_it_are_still_read(engine, tmp_path):
    folder = tmp_path / "minutes"
    (folder / "b_folder").mkdir(parents=True)
    shutil.copy(HARBOUR, folder / "a.txt")
    (folder / "b_folder" / "loop").symlink_to(folder, target_is_directory=True)
    shutil.copy(NORTHBROOK, folder / "c.txt")

    outcomes = [(Path(o.path).name, o.status, o.message) for o in ingest_paths(engine, [folder])]

    (loop,) = [outcome for outcome in outcomes if outcome[0] == "loop"]
    assert [outcome[:2] for outcome in outcomes if outcome[0] != "loop"] == [("a.txt", "added"), ("c.txt", "added")]
    assert loop[1] == "skipped" and "symbolic link back to" in loop[2]


def test_a_named_pipe_is_skipped_with_a_reason_not_waited_on(engine, tmp_path):
    pipe = tmp_path / "minutes.txt"
    os.mkfifo(pipe)
    # Should a reader wait on the pipe, a writer that opens and closes it ends the wait, so the test cannot hang.
    rescue = threading.Timer(3, lambda: open(pipe, "wb").close())
    rescue.start()
    try:
        (outcome,) = ingest_paths(engine, [pipe])
    finally:
        rescue.cancel()
        os.close(os.open(pipe, os.O_RDONLY | os.O_NONBLOCK))  # releases the rescuer if it had started

    assert outcome.status == "skipped" and "named pipe" in outcome.message


# Ingests a folder as an unprivileged user (root reads any folder), printing each outcome as JSON.
INGEST_AS_NOBODY = textwrap.dedent(
    """
    import json, os, sys
    from pathlib import Path
    from corpus.ingest import ingest_paths
    from corpus.store import open_engine

    folder = Path(sys.argv[1])
    ingest_paths(open_engine("sqlite://"), [folder / "a.txt"])  # loads every module while they can be read
    if os.geteuid() == 0:
        os.setgid(65534)
        os.setuid(65534)
    outcomes = ingest_paths(open_engine("sqlite://"), [folder])
    print(json.dumps({Path(o.path).name: (o.status, o.message) for o in outcomes}))
    """
)


def test_an_unreadable_folder_is_reported_and_the_rest_is_read():
    top = Path(tempfile.mkdtemp())  # not under pytest's folder, which only its owner may enter
    try:
        top.chmod(0o755)
        shutil.copy(HARBOUR, top / "a.txt")
        (top / "b_locked").mkdir()
        shutil.copy(NORTHBROOK, top / "b_locked" / "c.txt")
        (top / "b_locked").chmod(0)
        shutil.copy(NORTHBROOK, top / "d.txt")
        for name in ("a.txt", "d.txt"):
            (top / name).chmod(0o644)

        run = subprocess.run(
            [sys.executable, "-c", INGEST_AS_NOBODY, str(top)], cwd=REPO_ROOT, capture_output=True, check=False
        )
    finally:
        (top / "b_locked").chmod(0o700)
        shutil.rmtree(top)

    assert run.returncode == 0, run.stderr.decode()[-2000:]
    outcomes = json.loads(run.stdout)
    assert outcomes["b_locked"][0] == "failed" and "cannot read the folder" in outcomes["b_locked"][1]
    assert (outcomes["a.txt"][0], outcomes["d.txt"][0]) == ("added", "added")


def test_utf16_text_with_a_byte_order_mark_is_read_as_text(engine, tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text(HARBOUR.read_text(), encoding="utf-16")  # what Notepad calls "Unicode"

    outcome = ingest_file(engine, path)

    assert outcome.status == "added" and outcome.items == 5


def test_a_full_disk_fails_that_document_with_a_message_and_leaves_the_memory_intact(tmp_path):
    url = f"sqlite:///{tmp_path / 'boardmem.db'}"
    big = tmp_path / "long_minutes.txt"  # more than the free space left in the database's pages
    items = "".join(f"Minute {n}/24: Topic {n}\n\nMembers discussed topic {n} at length.\n\n" for n in range(60, 400))
    big.write_text(HARBOUR.read_text().replace("Signed ....", items + "Signed ...."))
    ingest_paths(open_engine(url), [HARBOUR])
    before = counts(open_engine(url))
    full = open_engine(url)
    with full.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
    full.dispose()
    # SQLite's own page limit gives the same "database or disk is full" a full disk does.
    event.listen(full, "connect", lambda dbapi, _record: dbapi.execute(f"PRAGMA max_page_count = {pages}"))

    (outcome, *_) = ingest_paths(full, [big])

    assert outcome.status == "failed" and "disk is full" in outcome.message and str(big) in outcome.message
    engine = open_engine(url)
    assert counts(engine) == before
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Resolution)).one() > 0


def test_a_document_over_max_document_mb_is_refused_unread_with_the_limit_named(engine, tmp_path):
    path = tmp_path / "minutes.txt"
    text = HARBOUR.read_text()
    path.write_text(text + "\n" + "Padding line of the minutes.\n" * (MEGABYTE // 20))

    (outcome,) = ingest_paths(engine, [path], max_bytes=1 * MEGABYTE)

    assert outcome.status == "failed"
    assert str(path) in outcome.message and "1 MB limit" in outcome.message and "max_document_mb" in outcome.message
    assert counts(engine)["Document"] == 0


def test_boardmem_ingest_takes_the_limit_from_the_max_document_mb_setting(capsys, tmp_path, monkeypatch):
    from bot.cli import main

    path = tmp_path / "minutes.txt"
    path.write_text(HARBOUR.read_text() + "\n" + "Padding line of the minutes.\n" * (MEGABYTE // 20))
    monkeypatch.setenv("BOARDMEM_MAX_DOCUMENT_MB", "1")

    status = main(["ingest", str(path)])

    assert status == 1 and "more than the 1 MB limit" in capsys.readouterr().err
