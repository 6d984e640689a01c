"""A database that cannot be opened is named in one line: a missing driver, a refused connection, bad credentials."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from corpus.store import POSTGRES_EXTRA, StoreError, open_engine
from tests.conftest import TEST_DATABASE_URL


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_missing_postgresql_driver_says_which_extra_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as on a machine without the postgres extra

    with pytest.raises(StoreError) as raised:
        open_engine("postgresql://clerk:pw@127.0.0.1:5432/boardmem")

    assert POSTGRES_EXTRA in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_server_not_answering_is_named_with_its_address(tmp_path):
    port = _closed_port()

    with pytest.raises(StoreError) as raised:
        open_engine(f"postgresql+psycopg://clerk:s3cret@127.0.0.1:{port}/boardmem")

    message = str(raised.value)
    assert f"127.0.0.1:{port}" in message
    assert "connection refused" in message
    assert "s3cret" not in message
    assert "\n" not in message


def test_a_url_that_is_not_one_is_refused_plainly():
    with pytest.raises(StoreError, match="not a database URL"):
        open_engine("boardmem.db")


def test_the_cli_prints_one_line_and_exits_2_when_the_server_is_down(tmp_path):
    url = f"postgresql://clerk:s3cret@127.0.0.1:{_closed_port()}/boardmem"
    env = {"BOARDMEM_DATA_DIR": str(tmp_path), "BOARDMEM_DATABASE_URL": url, "PATH": "/usr/bin:/bin"}

    run = subprocess.run(
        [sys.executable, "-m", "bot.cli", "meetings"], env=env, capture_output=True, text=True, timeout=120
    )

    assert run.returncode == 2
    assert run.stderr.startswith("boardmem: cannot connect to PostgreSQL at 127.0.0.1:")
    assert len(run.stderr.strip().splitlines()) == 1
    assert "Traceback" not in run.stderr
    assert "s3cret" not in run.stderr + run.stdout


@pytest.fixture
def password_user():
    """A login role with a password on the test server; its URL with the wrong password. Dropped after."""
    if not TEST_DATABASE_URL:
        pytest.skip("BOARDMEM_TEST_DATABASE_URL is not set: no PostgreSQL server to test on")
    server = create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text("DROP ROLE IF EXISTS boardmem_clerk"))
        connection.execute(text("CREATE ROLE boardmem_clerk LOGIN PASSWORD 'right-one'"))
    try:
        yield make_url(TEST_DATABASE_URL).set(username="boardmem_clerk", password="wrong-one")
    finally:
        with server.connect() as connection:
            connection.execute(text("DROP ROLE IF EXISTS boardmem_clerk"))
        server.dispose()


def test_a_wrong_password_is_named_as_such(password_user):
    url = password_user.render_as_string(hide_password=False)

    try:
        open_engine(url)
    except StoreError as error:
        message = str(error)
    else:
        pytest.fail("the test server let a wrong password in: it must ask passwords of users other than its owner")

    assert "refused user 'boardmem_clerk': wrong password" in message
    assert "wrong-one" not in message
    assert "\n" not in message


def test_a_database_missing_on_the_server_says_how_to_create_it():
    if not TEST_DATABASE_URL:
        pytest.skip("BOARDMEM_TEST_DATABASE_URL is not set: no PostgreSQL server to test on")
    url = make_url(TEST_DATABASE_URL).set(database="boardmem_never_created")

    with pytest.raises(StoreError) as raised:
        open_engine(url.render_as_string(hide_password=False))

    assert "has no database 'boardmem_never_created': create it (createdb boardmem_never_created)" in str(raised.value)
