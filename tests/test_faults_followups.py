"""Follow-ups survive a process killed (SIGKILL) between storing a changed document and re-deriving them."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

from sqlmodel import Session

from corpus.followups.views import list_actions
from corpus.ingest import follow_ups_stale, ingest_paths
from corpus.settings import REPO_ROOT
from corpus.store import open_engine
from tests.seeds import FIXTURES

# Stores one changed document as ingest_paths would, then dies as `kill -9` would, before follow-ups.
KILLED_AFTER_COMMIT = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from corpus.ingest import ingest_file
    from corpus.store import open_engine

    outcome = ingest_file(open_engine(sys.argv[1]), Path(sys.argv[2]))
    assert outcome.status == "replaced", outcome
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_a_kill_between_storing_a_document_and_deriving_follow_ups_is_repaired_by_the_next_ingest(
    tmp_path, database_url
):
    url = database_url
    path = tmp_path / "minutes.txt"
    path.write_text((FIXTURES / "harbour_town_2024-03-05.txt").read_text())
    ingest_paths(open_engine(url), [path])
    path.write_text(path.read_text().replace("youth bus to Fridays", "youth bus to Saturdays"))

    killed = subprocess.run([sys.executable, "-c", KILLED_AFTER_COMMIT, url, str(path)], cwd=REPO_ROOT, check=False)
    engine = open_engine(url)
    (outcome,) = ingest_paths(engine, [path])

    assert killed.returncode == -signal.SIGKILL
    assert outcome.status == "unchanged"
    with Session(engine) as session:
        texts = [view.text for view in list_actions(session)]
    assert any("Saturdays" in text for text in texts) and not any("Fridays" in text for text in texts)


def test_a_memory_from_before_migration_5_has_its_follow_ups_derived_once_more(database_url):
    url = database_url
    engine = open_engine(url)
    ingest_paths(engine, [FIXTURES / "harbour_town_2024-03-05.txt"])
    with engine.begin() as connection:  # as a database last opened by the version before migration 5
        connection.exec_driver_sql("DROP TABLE memorystate")
        connection.exec_driver_sql("ALTER TABLE action DROP COLUMN anchor")
        connection.exec_driver_sql("DROP INDEX ix_action_ref")
        connection.exec_driver_sql("ALTER TABLE action DROP COLUMN ref")
        connection.exec_driver_sql("DELETE FROM schemaversion WHERE version >= 5")
    engine.dispose()

    upgraded = open_engine(url)

    assert follow_ups_stale(upgraded)
    ingest_paths(upgraded, [FIXTURES / "harbour_town_2024-03-05.txt"])
    assert not follow_ups_stale(upgraded)


def test_a_memory_from_before_migration_6_gives_its_follow_ups_the_ids_people_type(database_url):
    url = database_url
    engine = open_engine(url)
    ingest_paths(engine, [FIXTURES / "harbour_town_2024-03-05.txt"])
    with engine.begin() as connection:  # as a database last opened by the version before migration 6
        connection.exec_driver_sql("DROP INDEX ix_action_ref")
        connection.exec_driver_sql("ALTER TABLE action DROP COLUMN ref")
        connection.exec_driver_sql("DELETE FROM schemaversion WHERE version >= 6")
    engine.dispose()

    upgraded = open_engine(url)
    assert follow_ups_stale(upgraded)
    ingest_paths(upgraded, [FIXTURES / "harbour_town_2024-03-05.txt"])

    with Session(upgraded) as session:
        refs = [view.ref for view in list_actions(session)]
    assert refs and all(ref.startswith("240305-") for ref in refs)
