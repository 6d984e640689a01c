"""Follow-up ids are what officers type: they come from where a follow-up was minuted, never from
the database's row order, so every engine and every order of ingest gives the same ids."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from corpus.followups.views import list_actions
from corpus.ingest import ingest_paths
from corpus.manifest import load_manifest
from corpus.store import open_engine
from tests.seeds import BUNDLED

POSTGRES = os.environ.get("BOARDMEM_TEST_DATABASE_URL", "")


def ids(engine) -> dict[str, tuple[str, str, str | None, str]]:
    """Each follow-up id with what it is: its text, where it was made, its owner and state."""
    with Session(engine) as session:
        return {v.ref: (v.text, v.source.citation, v.owner, v.state) for v in list_actions(session)}


def ingest_seeds(engine, reverse: bool = False) -> None:
    manifest = load_manifest(BUNDLED / "manifest.toml")
    documents = sorted(BUNDLED.glob("*.txt"), reverse=reverse)
    for document in documents:  # one at a time: each ingest re-derives the follow-ups
        ingest_paths(engine, [document], manifest=manifest)


def test_ids_do_not_depend_on_the_order_documents_arrive_in(tmp_path):
    forwards, backwards = open_engine(f"sqlite:///{tmp_path / 'a.db'}"), open_engine(f"sqlite:///{tmp_path / 'b.db'}")

    ingest_seeds(forwards)
    ingest_seeds(backwards, reverse=True)

    assert ids(forwards) == ids(backwards)
    assert len(ids(forwards)) >= 20


def test_an_id_is_the_meeting_date_and_the_follow_ups_place_in_its_minutes(memory):
    refs = list(ids(memory))

    assert "190614-1" in refs and all(ref[:6].isdigit() and ref[6] == "-" for ref in refs)
    # Minute order within a meeting: "Minute 2" before "Minute 5" before "Minute 8".
    citations = [ids(memory)[f"190614-{n}"][1] for n in (1, 2, 3)]
    assert [c.split(" · ")[0] for c in citations] == ["Minute 2", "Minute 5", "Minute 8"]


@pytest.fixture
def postgres_engine():
    """A fresh database on the PostgreSQL server BOARDMEM_TEST_DATABASE_URL names, dropped afterwards."""
    if not POSTGRES:
        pytest.skip("BOARDMEM_TEST_DATABASE_URL is not set: no PostgreSQL server to compare with")
    server = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    name = f"boardmem_ids_{uuid.uuid4().hex[:12]}"
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = open_engine(make_url(POSTGRES).set(database=name).render_as_string(hide_password=False))
    yield engine
    engine.dispose()
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}"'))
    server.dispose()


def test_ids_are_the_same_on_postgresql_as_on_sqlite(postgres_engine, tmp_path):
    sqlite = open_engine(f"sqlite:///{tmp_path / 'own.db'}")

    ingest_seeds(sqlite)
    ingest_seeds(postgres_engine, reverse=True)

    assert ids(postgres_engine) == ids(sqlite)
