"""`boardmem backup`, `restore` and `export`: the memory kept safe, put back, and taken anywhere."""

import csv
import datetime as dt
import json
import os
import shlex
import shutil
import sqlite3
import stat
import subprocess

import pytest
from sqlmodel import Session, select

from bot.cli import main
from corpus.backup import (
    BEFORE_RESTORE_SUFFIX,
    BackupError,
    backup_database,
    export_memory,
    pg_dump_command,
    restore_database,
)
from corpus.followups.updates import record
from corpus.followups.views import list_actions
from corpus.ingest import ingest_paths
from corpus.lock import writing
from corpus.models import Meeting
from corpus.schedule import schedule_meeting
from corpus.settings import load_config
from corpus.store import open_engine
from tests.seeds import BUNDLED, FIXTURES

NOW = dt.datetime(2026, 1, 10, 9, 30, tzinfo=dt.UTC)
DECEMBER = dt.date(2026, 12, 3)
PG_URL = "postgresql://clerk:s3cret-pw@db.example.org:5433/boardmem"


@pytest.fixture
def url():
    """The configured SQLite memory (in the test's data folder), holding one set of minutes."""
    url = load_config().resolved_database_url
    engine = open_engine(url)
    ingest_paths(engine, [FIXTURES / "harbour_town_2024-03-05.txt"])
    engine.dispose()
    return url


def add_december_meeting(url):
    engine = open_engine(url)
    with Session(engine) as session:
        schedule_meeting(session, "Test Board", DECEMBER, dt.time(10), "Room 1", "cli", NOW)
        session.commit()
    engine.dispose()


def meeting_dates(url):
    engine = open_engine(url)
    with Session(engine) as session:
        dates = set(session.exec(select(Meeting.date)).all())
    engine.dispose()
    return dates


def test_restore_puts_back_the_memory_as_it_was_at_backup(url, tmp_path):
    backup_database(url, tmp_path / "memory.bak")
    add_december_meeting(url)

    restore_database(url, tmp_path / "memory.bak")

    assert DECEMBER not in meeting_dates(url) and meeting_dates(url)


def test_restore_keeps_the_memory_it_replaces_beside_it(url, tmp_path):
    backup_database(url, tmp_path / "memory.bak")
    add_december_meeting(url)

    restored = restore_database(url, tmp_path / "memory.bak")

    assert restored.kept is not None and restored.kept.name == "boardmem.db" + BEFORE_RESTORE_SUFFIX
    assert DECEMBER in meeting_dates(f"sqlite:///{restored.kept}")


def test_an_engine_open_during_the_restore_reads_the_restored_memory(url, tmp_path):
    backup_database(url, tmp_path / "memory.bak")
    add_december_meeting(url)
    running = open_engine(url)  # the bot, say, with the memory open
    assert DECEMBER in {m.date for m in Session(running).exec(select(Meeting)).all()}

    restore_database(url, tmp_path / "memory.bak")

    with Session(running) as session:
        assert DECEMBER not in {m.date for m in session.exec(select(Meeting)).all()}
    running.dispose()


def test_a_backup_holds_writes_not_yet_checkpointed_from_the_write_ahead_log(url, tmp_path):
    running = open_engine(url)  # an open connection keeps SQLite from checkpointing the WAL on close
    with running.connect():
        add_december_meeting(url)
        backup_database(url, tmp_path / "memory.bak")

    assert DECEMBER in meeting_dates(f"sqlite:///{tmp_path / 'memory.bak'}")
    running.dispose()


def test_a_backup_is_one_private_file(url, tmp_path):
    target = backup_database(url, tmp_path / "memory.bak")

    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with sqlite3.connect(target) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # no -wal to go with it


def test_restore_refuses_a_sqlite_file_that_is_not_a_board_memory(url, tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE things (x)")

    with pytest.raises(BackupError, match="not a Board Memory database"):
        restore_database(url, other)
    assert meeting_dates(url)


def test_restore_refuses_a_file_that_is_not_sqlite(url, tmp_path):
    other = tmp_path / "minutes.txt"
    other.write_text("Minutes of a meeting\n" * 100)

    with pytest.raises(BackupError, match="not a SQLite database"):
        restore_database(url, other)


def test_restore_refuses_a_backup_from_a_newer_version(url, tmp_path):
    newer = backup_database(url, tmp_path / "memory.bak")
    with sqlite3.connect(newer) as connection:
        connection.execute("INSERT INTO schemaversion VALUES (999, '2030-01-01 00:00:00')")

    with pytest.raises(BackupError, match="newer Board Memory"):
        restore_database(url, newer)


def test_restore_refuses_while_an_ingest_holds_the_write_lock(url, tmp_path):
    backup_database(url, tmp_path / "memory.bak")
    add_december_meeting(url)
    engine = open_engine(url)

    with writing(engine), pytest.raises(BackupError, match="another process"):
        restore_database(url, tmp_path / "memory.bak")

    assert DECEMBER in meeting_dates(url)
    engine.dispose()


def test_backup_on_postgresql_gives_the_pg_dump_command_without_the_password(tmp_path):
    with pytest.raises(BackupError) as refused:
        backup_database(PG_URL, tmp_path / "memory.dump")

    message = str(refused.value)
    assert "pg_dump" in message and "--host=db.example.org" in message and "--port=5433" in message
    assert message.rstrip("`").endswith(" boardmem") and "s3cret-pw" not in message
    assert "\n" not in message


def test_pg_dump_command_names_the_server_user_and_database(tmp_path):
    command = pg_dump_command(PG_URL, tmp_path / "memory.dump")

    assert command == (
        f"pg_dump --format=custom --file={tmp_path / 'memory.dump'} "
        "--host=db.example.org --port=5433 --username=clerk boardmem"
    )


def test_backup_command_on_postgresql_exits_non_zero_with_one_line(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("BOARDMEM_DATABASE_URL", PG_URL)

    status = main(["backup", str(tmp_path / "memory.dump")])

    err = capsys.readouterr().err
    assert status == 2 and "pg_dump" in err and "s3cret-pw" not in err and err.count("\n") == 1


def test_backup_and_restore_commands_round_trip(capsys, url, tmp_path):
    assert main(["backup", str(tmp_path / "memory.bak")]) == 0
    add_december_meeting(url)

    assert main(["restore", str(tmp_path / "memory.bak")]) == 0

    out = capsys.readouterr().out
    assert "restored" in out and BEFORE_RESTORE_SUFFIX in out
    assert DECEMBER not in meeting_dates(url)


def test_backup_with_no_memory_yet_says_so(capsys, tmp_path):
    status = main(["backup", str(tmp_path / "memory.bak")])

    assert status == 2 and "nothing to back up" in capsys.readouterr().err


# --- export ---------------------------------------------------------------------------------


@pytest.fixture
def bundled(engine):
    """The bundled minutes, with one officer's update on a follow-up (on the test server's PostgreSQL if set)."""
    ingest_paths(engine, [BUNDLED])
    with Session(engine) as session:
        ref = list_actions(session)[0].ref
        record(session, ref, "update", "Report drafted", "telegram:42", NOW)
        session.commit()
    return engine, ref


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_export_writes_each_table_as_csv_and_json_with_the_same_rows(bundled, tmp_path):
    engine, _ = bundled

    tables = export_memory(engine, tmp_path / "export")

    assert [t.table for t in tables] == ["meetings", "items", "resolutions", "follow_ups", "follow_up_history"]
    for table in tables:
        rows = json.loads(table.json_path.read_text(encoding="utf-8"))
        assert table.rows == len(rows) == len(read_csv(table.csv_path)) > 0
        assert list(read_csv(table.csv_path)[0]) == list(rows[0])  # one column order for both


def test_export_has_every_meeting_item_and_resolution_of_the_memory(bundled, tmp_path):
    engine, _ = bundled

    export_memory(engine, tmp_path / "export")

    with engine.connect() as connection:
        for table, name in (("meeting", "meetings"), ("item", "items"), ("resolution", "resolutions")):
            count = connection.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar()
            assert len(read_csv(tmp_path / "export" / f"{name}.csv")) == count


def test_export_keeps_an_officers_update_in_the_follow_up_history(bundled, tmp_path):
    engine, ref = bundled

    export_memory(engine, tmp_path / "export")

    history = json.loads((tmp_path / "export" / "follow_up_history.json").read_text(encoding="utf-8"))
    (update,) = [h for h in history if h["follow_up_id"] == ref and h["kind"] == "update"]
    assert update["text"] == "Report drafted" and update["by"] == "telegram:42"
    assert update["at"].startswith("2026-01-10T09:30")


def test_exported_items_carry_their_meeting_date_minute_and_source_document(bundled, tmp_path):
    engine, _ = bundled

    export_memory(engine, tmp_path / "export")

    items = read_csv(tmp_path / "export" / "items.csv")
    minuted = [i for i in items if i["minute_number"]]
    assert minuted and all(dt.date.fromisoformat(i["meeting_date"]) and i["document"] for i in minuted)


def test_export_command_names_each_table_and_its_rows(capsys, url, tmp_path):
    status = main(["export", str(tmp_path / "export")])

    out = capsys.readouterr().out
    assert status == 0 and "meetings" in out and "follow_up_history" in out
    assert (tmp_path / "export" / "items.json").is_file()


def test_restore_into_a_new_data_folder_makes_a_private_memory(url, tmp_path):
    backup = backup_database(url, tmp_path / "memory.bak")
    elsewhere = tmp_path / "new-machine" / "boardmem.db"

    restored = restore_database(f"sqlite:///{elsewhere}", backup)

    assert restored.kept is None and stat.S_IMODE(elsewhere.stat().st_mode) == 0o600
    assert meeting_dates(f"sqlite:///{elsewhere}") == meeting_dates(url)


def test_backup_into_a_folder_asks_for_a_file_name(url, tmp_path):
    with pytest.raises(BackupError, match="is a folder"):
        backup_database(url, tmp_path)


def test_the_pg_dump_command_given_backs_up_a_real_postgresql_memory(engine, tmp_path):
    if engine.dialect.name != "postgresql" or not shutil.which("pg_dump"):
        pytest.skip("needs BOARDMEM_TEST_DATABASE_URL (a PostgreSQL server) and pg_dump")
    ingest_paths(engine, [FIXTURES / "harbour_town_2024-03-05.txt"])
    url = engine.url.render_as_string(hide_password=False)

    command = pg_dump_command(url, tmp_path / "memory.dump")
    dumped = subprocess.run(
        shlex.split(command), env={**os.environ, "PGPASSWORD": engine.url.password or ""}, capture_output=True
    )

    assert dumped.returncode == 0, dumped.stderr
    assert (tmp_path / "memory.dump").read_bytes().startswith(b"PGDMP")
